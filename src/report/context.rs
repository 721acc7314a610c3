//! What a report shows, as one serialisable value: built from
//! [`crate::summary::summarize`] and the assessment's own fields, with every number
//! already formatted (one decimal, "—" for none), so the Markdown and the HTML
//! templates only lay it out and cannot disagree with each other or with the exports.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::actor::Actor;
use crate::assessment::{AgreedKind, AgreedLevel, Assessment, Respondent, StoredAnswer, TextKind};
use crate::framework::{Framework, Scope};
use crate::i18n::{Lang, fmt_level, fmt_percent, fmt_score};
use crate::scoring::{self, SlotKey};
use crate::summary::{BasisSummary, GapLine, IndicatorLine, Labels, Recommendation, TargetLine, summarize};

use super::radar::{self, AxisInput, Radar, SeriesInput};

/// The tool's own words in the report: (key, Indonesian, English).
const LABELS: &[(&str, &str, &str)] = &[
    (
        "report_title",
        "Laporan Penilaian Mandiri Ekosistem Ekonomi Kreatif",
        "Creative-Economy Ecosystem Self-Assessment Report",
    ),
    ("province", "Provinsi", "Province"),
    ("period", "Periode", "Period"),
    ("dkt_date", "DKT", "DKT"),
    ("visit_dates", "Uji petik", "Uji petik"),
    ("generated_at", "Dibuat", "Generated"),
    ("framework", "Kerangka", "Framework"),
    ("contents", "Isi", "Contents"),
    ("summary", "Ringkasan", "Summary"),
    ("detail", "Rincian", "Detail"),
    (
        "detail_intro",
        "Halaman berikut merinci angka ringkasan: profil responden, indikator terkuat dan terlemah, catatan, kesenjangan persepsi, seluruh rekomendasi, target dan setiap jawaban.",
        "The pages that follow detail the summary: the respondents, the strongest and weakest indicators, the notes, perception gaps, every recommendation, the targets and every answer.",
    ),
    ("flagship", "Subsektor unggulan", "Flagship subsector"),
    ("top_recommendations", "Rekomendasi teratas", "Top recommendations"),
    (
        "top_intro",
        "Langkah dengan potensi tambahan skor terbesar, masing-masing sekali dengan semua aktor pemimpinnya; daftar lengkap ada di Rincian.",
        "The steps with the largest potential gain, each once with all who lead it; the full list is in the Detail.",
    ),
    (
        "by_actor_short",
        "Per aktor pemimpin: nomor rekomendasinya",
        "By lead actor: the numbers of its recommendations",
    ),
    ("profile", "Profil", "Profile"),
    ("candidate_list", "Subsektor kandidat", "Candidate subsectors"),
    ("chosen", "Subsektor unggulan (dipilih)", "Flagship subsector (chosen)"),
    (
        "suggested",
        "Subsektor unggulan (disarankan)",
        "Flagship subsector (suggested)",
    ),
    ("not_chosen", "belum dipilih", "not chosen yet"),
    ("respondents", "Responden", "Respondents"),
    ("actor_group", "Kelompok aktor", "Actor group"),
    ("assessor", "Asesor", "Assessor"),
    ("count", "Jumlah", "Count"),
    ("total", "Total", "Total"),
    ("headline", "Skor utama", "Headline score"),
    ("out_of", "dari 100", "out of 100"),
    ("ecosystem_of", "ekosistem subsektor", "ecosystem of"),
    ("basis", "Dasar", "Basis"),
    ("self_assessed", "Penilaian mandiri", "Self-assessed"),
    ("consensus", "Konsensus (DKT)", "Consensus (DKT)"),
    ("verified", "Terverifikasi (uji petik)", "Verified (uji petik)"),
    ("score", "Skor", "Score"),
    ("band", "Kategori", "Band"),
    ("completeness", "Kelengkapan", "Completeness"),
    ("coverage", "Cakupan", "Coverage"),
    ("subsector", "Subsektor", "Subsector"),
    ("scores", "Skor per pilar", "Scores by pillar"),
    ("pillar", "Pilar", "Pillar"),
    (
        "no_score_note",
        "“—” berarti pilar belum punya jawaban yang dapat dinilai; itu bukan 0.",
        "“—” means the pillar has no scorable answer yet; it is not 0.",
    ),
    ("radar", "Radar skor pilar", "Radar of the pillar scores"),
    ("bars", "Skor pilar", "Pillar scores"),
    (
        "candidates",
        "Peringkat subsektor kandidat",
        "Candidate subsector ranking",
    ),
    ("rank", "Peringkat", "Rank"),
    ("ecosystem_score", "Skor ekosistem", "Ecosystem score"),
    ("marks", "Keterangan", "Notes"),
    ("mark_suggested", "disarankan", "suggested"),
    ("mark_chosen", "dipilih", "chosen"),
    (
        "no_candidates",
        "Kerangka ini tidak memakai subsektor kandidat.",
        "This framework does not use candidate subsectors.",
    ),
    (
        "strengths",
        "Kekuatan: indikator dengan skor tertinggi",
        "Strengths: highest-scoring indicators",
    ),
    (
        "weaknesses",
        "Masalah utama: indikator dengan skor terendah",
        "Main problems: lowest-scoring indicators",
    ),
    ("indicator", "Indikator", "Indicator"),
    ("level", "Level", "Level"),
    ("not_applicable", "Tidak berlaku", "Not applicable"),
    ("rubric", "Gambaran pada level ini", "What this level looks like"),
    (
        "none_scored",
        "Belum cukup indikator yang dinilai.",
        "Not enough indicators scored yet.",
    ),
    (
        "practices",
        "Praktik baik dan permasalahan",
        "Best practices and problems",
    ),
    ("best_practice", "Praktik baik", "Best practice"),
    ("problem", "Permasalahan", "Problems"),
    (
        "no_texts",
        "Belum ada catatan praktik baik atau permasalahan.",
        "No best practices or problems recorded yet.",
    ),
    ("gaps", "Kesenjangan persepsi", "Perception gaps"),
    (
        "gaps_intro",
        "Indikator yang rata-rata kelompok aktornya berselisih 2 level atau lebih; bahas dalam DKT.",
        "Indicators where the actor groups' means differ by 2 levels or more; discuss them in the workshop (DKT).",
    ),
    ("group_means", "Rata-rata kelompok", "Group means"),
    ("gap", "Selisih", "Gap"),
    (
        "no_gaps",
        "Tidak ada kesenjangan persepsi 2 level atau lebih.",
        "No perception gap of 2 levels or more.",
    ),
    (
        "recommendations",
        "Rekomendasi dan aktor pemimpinnya",
        "Recommendations and who leads them",
    ),
    (
        "recommendations_intro",
        "Urut menurut potensi: tambahan skor utama bila indikator mencapai level tertinggi. Poin: tambahan bila naik ke level berikutnya.",
        "Ranked by potential: the headline points won if the indicator reached the top level. Points: the gain of reaching the next level.",
    ),
    ("next_step", "Langkah berikut", "Next step"),
    ("points", "poin", "points"),
    ("potential", "potensi", "potential"),
    (
        "by_actor",
        "Nomor rekomendasi per aktor pemimpin",
        "Recommendation numbers by lead actor",
    ),
    ("no_lead", "Tanpa aktor pemimpin", "No lead actor"),
    ("leads", "Dipimpin", "Led by"),
    (
        "no_recommendations",
        "Tidak ada rekomendasi: belum ada indikator yang dinilai di bawah level tertinggi.",
        "No recommendations: no scored indicator is below the top level.",
    ),
    ("targets", "Target (peta jalan)", "Targets (roadmap)"),
    ("current", "Sekarang", "Now"),
    ("target", "Target", "Target"),
    ("projected", "Proyeksi", "Projected"),
    (
        "projected_headline",
        "Skor utama bila semua target tercapai",
        "Headline score if every target is reached",
    ),
    ("no_targets", "Belum ada target.", "No targets set yet."),
    (
        "appendix",
        "Lampiran: jawaban per responden",
        "Appendix: answers per respondent",
    ),
    ("organisation", "Organisasi", "Organisation"),
    ("answered", "dijawab", "answered"),
    ("note", "Catatan", "Note"),
    ("evidence", "Bukti dukung", "Evidence"),
    ("no_answers", "Belum ada jawaban.", "No answers yet."),
    ("no_respondents", "Belum ada responden.", "No respondents yet."),
    (
        "agreed",
        "Level konsensus dan verifikasi",
        "Consensus and verified levels",
    ),
    ("kind", "Jenis", "Kind"),
    ("source", "Sumber kerangka", "Framework source"),
    ("made_with", "Dibuat dengan", "Made with"),
    ("of", "dari", "of"),
];

/// Everything a report shows.
#[derive(Clone, Debug, Serialize)]
pub struct ReportContext {
    /// `id` or `en`, for `<html lang>`.
    pub lang: &'static str,
    /// The tool's own words in the report language, by key.
    pub t: BTreeMap<&'static str, &'static str>,
    /// "Kota X" / "Kabupaten X".
    pub region: String,
    pub province: String,
    pub period: String,
    /// "salinan impor" / "import copy" for an assessment made by `import --copy`
    /// (empty otherwise).
    pub copy_label: String,
    /// The discussion's date, when recorded (empty otherwise).
    pub dkt_date: String,
    /// The uji petik visit dates, in order, without repeats (empty when none).
    pub visit_dates: String,
    /// When the report was made, "2026-12-01 22:15 UTC" (set by [`ReportContext::generated`]).
    pub generated_at: String,
    pub framework: FrameworkInfo,
    pub tool: String,
    pub profile: Profile,
    /// The self-assessed headline.
    pub headline: BasisLine,
    /// Self-assessed, then consensus and verified when recorded.
    pub bases: Vec<BasisLine>,
    pub has_consensus: bool,
    pub has_verified: bool,
    pub pillars: Vec<PillarRow>,
    pub radar: Radar,
    pub candidates: Vec<CandidateRow>,
    pub strengths: Vec<IndicatorRow>,
    pub weaknesses: Vec<IndicatorRow>,
    pub practices: Vec<PracticeRow>,
    pub gaps: Vec<GapRow>,
    /// Every recommendation once, highest potential first, with all its lead actors.
    pub recommendations: Vec<RecommendationRow>,
    /// For each lead actor, the numbers (1-based) of the recommendations it leads.
    pub recommendations_by_actor: Vec<ActorRecommendations>,
    pub targets: Vec<TargetRow>,
    pub projection: Option<Projection>,
    pub respondents: Vec<RespondentBlock>,
    pub agreed: Vec<AgreedRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FrameworkInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    pub source: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    pub candidates: Vec<String>,
    pub chosen: Option<String>,
    pub suggested: Option<String>,
    /// Every helix group (with 0 when nobody answered for it), then assessors if any.
    pub groups: Vec<GroupCount>,
    pub respondent_total: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupCount {
    /// "Akademisi (A)", or "Asesor".
    pub label: String,
    pub count: usize,
}

/// One basis's headline (self-assessed, consensus or verified).
#[derive(Clone, Debug, Serialize)]
pub struct BasisLine {
    pub name: &'static str,
    pub score: String,
    pub band: String,
    /// CSS class of the band's colour: `b0`… or `none`.
    pub band_class: String,
    pub completeness: String,
    /// Consensus and verified bases: "terverifikasi 5/74, 7%" (how many indicators have a
    /// level of that basis's own); empty for the self-assessment.
    pub coverage: String,
    /// The candidate subsector whose ecosystem score is the headline.
    pub candidate: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PillarRow {
    pub id: String,
    pub title: String,
    pub score: String,
    pub band: String,
    pub band_class: String,
    pub completeness: String,
    pub answered: usize,
    pub applicable: usize,
    /// The bar's width in percent (0 when the pillar has no score).
    pub bar: String,
    pub consensus: Option<String>,
    pub verified: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CandidateRow {
    pub rank: usize,
    pub label: String,
    pub score: String,
    pub band: String,
    pub band_class: String,
    pub completeness: String,
    pub suggested: bool,
    pub chosen: bool,
}

/// An indicator with its current level, for the strengths and the problems.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorRow {
    pub indicator: String,
    pub text: String,
    pub pillar: String,
    pub subsector: Option<String>,
    pub level: String,
    pub level_label: String,
    pub score: String,
    /// The rubric's description of the current level.
    pub rubric: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PracticeRow {
    pub pillar: String,
    pub subsector: Option<String>,
    pub best_practice: String,
    pub problem: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct GapRow {
    pub indicator: String,
    pub text: String,
    pub subsector: Option<String>,
    pub means: Vec<GroupMean>,
    pub gap: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupMean {
    pub label: String,
    pub mean: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorRecommendations {
    /// "Pemerintah (G)", or the group of recommendations nobody leads.
    pub label: String,
    /// "1, 3, 4": the numbers of the recommendations this actor leads.
    pub numbers: String,
    /// How many recommendations this actor leads.
    pub count: usize,
    /// "3 rekomendasi" / "1 recommendation", "3 recommendations".
    pub count_text: String,
    /// The first five of [`ActorRecommendations::numbers`], "1, 3, 4, 9, 12", for the summary.
    pub first: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecommendationRow {
    pub indicator: String,
    /// Every lead actor, in the framework's order: "Pemerintah (G), Bisnis (B)".
    pub leads: String,
    pub text: String,
    pub pillar: String,
    pub subsector: Option<String>,
    pub level: String,
    pub next_level: String,
    pub next_label: String,
    pub next_step: String,
    /// Headline points won by reaching the next level ("+4.2").
    pub points: String,
    /// Headline points won by reaching the top level (the summary's potential gain).
    pub potential: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TargetRow {
    pub indicator: String,
    pub text: String,
    pub subsector: Option<String>,
    pub current: String,
    pub target: String,
    pub target_label: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Projection {
    pub headline: BasisLine,
    pub pillars: Vec<ProjectedPillar>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProjectedPillar {
    pub title: String,
    pub now: String,
    pub projected: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RespondentBlock {
    pub name: String,
    pub organisation: String,
    pub actor_label: String,
    /// Slots this respondent answered (level or N/A), of all applicable slots.
    pub answered: usize,
    pub applicable: usize,
    pub answers: Vec<AnswerRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnswerRow {
    pub indicator: String,
    pub text: String,
    pub subsector: Option<String>,
    pub level: String,
    pub note: String,
    pub evidence: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgreedRow {
    pub kind: &'static str,
    pub indicator: String,
    pub text: String,
    pub subsector: Option<String>,
    pub level: String,
    pub evidence: String,
    pub note: String,
}

/// Builds the report of `assessment` in `lang`.
pub fn build(framework: &Framework, assessment: &Assessment, lang: Lang) -> ReportContext {
    let summary = summarize(framework, assessment);
    let me = Builder {
        framework,
        lang,
        labels: Labels::new(framework, lang),
    };
    let s = &summary.self_assessed;
    let consensus = summary.consensus.as_ref();
    let verified = summary.verified.as_ref();
    let headline = me.basis_line(me.word("self_assessed"), s);
    let mut bases = vec![headline.clone()];
    bases.extend(consensus.map(|b| me.basis_line(me.word("consensus"), b)));
    bases.extend(verified.map(|b| me.basis_line(me.word("verified"), b)));
    let pillars = me.pillars(s, consensus, verified);
    let (strengths, weaknesses) = me.strengths_and_weaknesses(&s.indicators);
    ReportContext {
        lang: lang.code(),
        t: LABELS.iter().map(|(key, id, en)| (*key, lang.pick(id, en))).collect(),
        region: assessment.region.kind.display_name(&assessment.region.name),
        province: assessment.region.province.clone(),
        period: assessment.period.clone(),
        copy_label: if assessment.import_copy {
            crate::exchange::copy_label(lang).to_string()
        } else {
            String::new()
        },
        dkt_date: assessment.workshop.session.date.trim().to_string(),
        visit_dates: {
            let mut dates: Vec<&str> = assessment
                .workshop
                .visits
                .iter()
                .map(|v| v.date.trim())
                .filter(|d| !d.is_empty())
                .collect();
            dates.sort_unstable();
            dates.dedup();
            dates.join(", ")
        },
        generated_at: String::new(),
        framework: FrameworkInfo {
            id: framework.id.clone(),
            version: framework.version.clone(),
            title: framework.title.get(lang).to_string(),
            source: framework.source.as_ref().map(|t| t.get(lang).to_string()),
        },
        tool: format!("pmk3i {}", env!("CARGO_PKG_VERSION")),
        profile: me.profile(assessment, s),
        headline,
        bases,
        has_consensus: consensus.is_some(),
        has_verified: verified.is_some(),
        radar: me.radar(&pillars, s, consensus, verified),
        pillars,
        candidates: me.candidates(s),
        strengths,
        weaknesses,
        practices: me.practices(assessment),
        gaps: me.gaps(&summary.perception_gaps),
        recommendations: s.recommendations.iter().map(|r| me.recommendation(r)).collect(),
        recommendations_by_actor: me.recommendations_by_actor(&s.recommendations),
        targets: me.targets(&summary.targets),
        projection: summary.projected.as_ref().map(|p| me.projection(s, p)),
        respondents: assessment
            .respondents
            .iter()
            .map(|r| me.respondent(assessment, r))
            .collect(),
        agreed: assessment.agreed.iter().map(|a| me.agreed(a)).collect(),
    }
}

impl ReportContext {
    /// The report stamped with the time it is made.
    pub fn generated(mut self, at: super::GeneratedAt) -> ReportContext {
        self.generated_at = at.text();
        self
    }
}

/// The score of pillar `id` in a basis's headline scorecard, if it has one.
fn pillar_score(basis: &BasisSummary, id: &str) -> Option<f64> {
    basis.pillars.iter().find(|p| p.pillar == id).and_then(|p| p.score)
}

/// The framework and language every row is labelled with.
struct Builder<'a> {
    framework: &'a Framework,
    lang: Lang,
    labels: Labels<'a>,
}

impl Builder<'_> {
    /// One of the tool's own words from [`LABELS`] in the report language.
    /// A number as the report's language writes it: "47,4" in Indonesian, "47.4" in
    /// English (CSV and JSON keep the point).
    fn dec(&self, number: String) -> String {
        match self.lang {
            Lang::Id => number.replace('.', ","),
            Lang::En => number,
        }
    }

    fn word(&self, key: &'static str) -> &'static str {
        LABELS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, id, en)| self.lang.pick(id, en))
            .unwrap_or(key)
    }

    fn pillars(
        &self,
        s: &BasisSummary,
        consensus: Option<&BasisSummary>,
        verified: Option<&BasisSummary>,
    ) -> Vec<PillarRow> {
        s.pillars
            .iter()
            .map(|p| PillarRow {
                id: p.pillar.clone(),
                title: self.labels.pillar(&p.pillar).to_string(),
                score: self.dec(fmt_score(p.score)),
                band: self.labels.band(p.band).unwrap_or_default().to_string(),
                band_class: self.band_class(p.band),
                completeness: fmt_percent(p.completeness),
                answered: p.answered,
                applicable: p.applicable,
                bar: format!("{:.1}", p.score.unwrap_or(0.0).clamp(0.0, 100.0)),
                consensus: consensus.map(|b| self.dec(fmt_score(pillar_score(b, &p.pillar)))),
                verified: verified.map(|b| self.dec(fmt_score(pillar_score(b, &p.pillar)))),
            })
            .collect()
    }

    /// The radar: one axis per pillar of the self-assessed headline, one polygon per basis.
    fn radar(
        &self,
        pillars: &[PillarRow],
        s: &BasisSummary,
        consensus: Option<&BasisSummary>,
        verified: Option<&BasisSummary>,
    ) -> Radar {
        let axes: Vec<AxisInput> = pillars
            .iter()
            .map(|p| AxisInput {
                title: p.title.clone(),
                value: p.score.clone(),
            })
            .collect();
        let series_of = |class: &'static str, basis: &BasisSummary| SeriesInput {
            class,
            name: self.word(class).to_string(),
            scores: pillars.iter().map(|p| pillar_score(basis, &p.id)).collect(),
        };
        let mut series = vec![series_of("self_assessed", s)];
        series.extend(consensus.map(|b| series_of("consensus", b)));
        series.extend(verified.map(|b| series_of("verified", b)));
        radar::radar(&axes, &series)
    }

    fn candidates(&self, s: &BasisSummary) -> Vec<CandidateRow> {
        s.candidates
            .iter()
            .filter(|c| c.candidate.is_some())
            .enumerate()
            .map(|(i, c)| CandidateRow {
                rank: i + 1,
                label: self.labels.subsector(c.candidate.as_deref()),
                score: self.dec(fmt_score(c.score)),
                band: self.labels.band(c.band).unwrap_or_default().to_string(),
                band_class: self.band_class(c.band),
                completeness: fmt_percent(c.completeness),
                suggested: c.suggested,
                chosen: c.chosen,
            })
            .collect()
    }

    fn targets(&self, targets: &[TargetLine]) -> Vec<TargetRow> {
        targets
            .iter()
            .map(|t| TargetRow {
                indicator: t.indicator.clone(),
                text: self.indicator_text(&t.indicator),
                subsector: self.subsector(t.subsector.as_deref()),
                current: t.current_level.map(fmt_level).unwrap_or_else(|| "—".to_string()),
                target: t.target_level.to_string(),
                target_label: self.framework.scale_label(t.target_level, self.lang),
            })
            .collect()
    }

    /// The headline and pillar scores if every target were reached, beside today's.
    fn projection(&self, now: &BasisSummary, projected: &BasisSummary) -> Projection {
        Projection {
            headline: self.basis_line(self.word("projected"), projected),
            pillars: now
                .pillars
                .iter()
                .map(|p| ProjectedPillar {
                    title: self.labels.pillar(&p.pillar).to_string(),
                    now: self.dec(fmt_score(p.score)),
                    projected: self.dec(fmt_score(pillar_score(projected, &p.pillar))),
                })
                .collect(),
        }
    }

    fn agreed(&self, a: &AgreedLevel) -> AgreedRow {
        AgreedRow {
            kind: match a.kind {
                AgreedKind::Consensus => self.word("consensus"),
                AgreedKind::Verified => self.word("verified"),
            },
            indicator: a.indicator.clone(),
            text: self.indicator_text(&a.indicator),
            subsector: self.subsector(a.subsector.as_deref()),
            level: self.answer_level(a.level, a.na),
            note: a.note.clone(),
            evidence: a.evidence.clone(),
        }
    }

    fn basis_line(&self, name: &'static str, b: &BasisSummary) -> BasisLine {
        BasisLine {
            name,
            score: self.dec(fmt_score(b.headline_score)),
            band: self.labels.band(b.headline_band).unwrap_or_default().to_string(),
            band_class: self.band_class(b.headline_band),
            completeness: fmt_percent(b.completeness),
            coverage: b.coverage.map(|c| c.text(b.basis, self.lang)).unwrap_or_default(),
            candidate: self.subsector(b.headline_candidate.as_deref()),
        }
    }

    /// `b0` for the lowest band, `b1` for the next…; `none` without a score. It is the
    /// summary's band index, so the colour always matches the band's label.
    fn band_class(&self, band: Option<usize>) -> String {
        band.map(|i| format!("b{}", i.min(4)))
            .unwrap_or_else(|| "none".to_string())
    }

    fn subsector(&self, id: Option<&str>) -> Option<String> {
        id.map(|s| self.framework.subsector_label(s, self.lang))
    }

    fn actor_label(&self, actor: Actor) -> String {
        if actor == Actor::Assessor {
            return self.word("assessor").to_string();
        }
        format!("{} ({actor})", self.framework.actor_label(actor, self.lang))
    }

    fn indicator_text(&self, id: &str) -> String {
        self.framework
            .indicator(id)
            .map(|(_, i)| i.text.get(self.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    fn answer_level(&self, level: Option<i64>, na: bool) -> String {
        match (na, level) {
            (true, _) => self.word("not_applicable").to_string(),
            (false, Some(l)) => format!("{l} · {}", self.framework.scale_label(l, self.lang)),
            (false, None) => "—".to_string(),
        }
    }

    fn profile(&self, assessment: &Assessment, s: &BasisSummary) -> Profile {
        let count = |actor: Actor| assessment.respondents.iter().filter(|r| r.actor == actor).count();
        let mut groups: Vec<GroupCount> = self
            .framework
            .actors
            .iter()
            .map(|a| GroupCount {
                label: self.actor_label(a.id),
                count: count(a.id),
            })
            .collect();
        let assessors = count(Actor::Assessor);
        if assessors > 0 {
            groups.push(GroupCount {
                label: self.actor_label(Actor::Assessor),
                count: assessors,
            });
        }
        Profile {
            candidates: assessment
                .candidates
                .iter()
                .map(|c| self.framework.subsector_label(c, self.lang))
                .collect(),
            chosen: self.subsector(assessment.chosen_flagship.as_deref()),
            suggested: self.subsector(s.suggested_flagship.as_deref()),
            groups,
            respondent_total: assessment.respondents.len(),
        }
    }

    /// Every slot the framework asks in this assessment, in framework order: region
    /// indicators once, subsector indicators once per candidate they apply to.
    fn slots(&self, candidates: &[String]) -> Vec<SlotKey> {
        let mut slots = Vec::new();
        for pillar in &self.framework.pillars {
            for i in 0..pillar.indicators.len() {
                match pillar.scope {
                    Scope::Region => slots.extend(scoring::slot_for(pillar, i, None)),
                    Scope::Subsector => {
                        slots.extend(candidates.iter().filter_map(|c| scoring::slot_for(pillar, i, Some(c))))
                    }
                }
            }
        }
        slots
    }

    /// The strengths and problems of [`summary::strengths_and_weaknesses`], as rows.
    fn strengths_and_weaknesses(&self, rated: &[IndicatorLine]) -> (Vec<IndicatorRow>, Vec<IndicatorRow>) {
        let (strengths, weaknesses) = crate::summary::strengths_and_weaknesses(rated);
        (
            strengths.into_iter().map(|i| self.indicator_row(i)).collect(),
            weaknesses.into_iter().map(|i| self.indicator_row(i)).collect(),
        )
    }

    fn indicator_row(&self, i: &IndicatorLine) -> IndicatorRow {
        IndicatorRow {
            indicator: i.indicator.clone(),
            text: self.labels.indicator(&i.indicator).to_string(),
            pillar: self.pillar_title(&i.pillar),
            subsector: self.subsector(i.subsector.as_deref()),
            level: self.dec(fmt_level(i.level)),
            level_label: self.framework.scale_label(i.level.floor() as i64, self.lang),
            score: self.dec(fmt_score(Some(100.0 * i.score))),
            rubric: self.labels.description(&i.indicator, i.level).to_string(),
        }
    }

    fn pillar_title(&self, id: &str) -> String {
        self.framework
            .pillar(id)
            .map(|p| p.title.get(self.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    /// The flagged perception gaps, widest first (ties in slot order).
    fn gaps(&self, gaps: &[GapLine]) -> Vec<GapRow> {
        let mut flagged: Vec<&GapLine> = gaps.iter().filter(|g| g.flagged).collect();
        flagged.sort_by(|a, b| b.gap.total_cmp(&a.gap));
        flagged
            .into_iter()
            .map(|g| GapRow {
                indicator: g.indicator.clone(),
                text: self.indicator_text(&g.indicator),
                subsector: self.subsector(g.subsector.as_deref()),
                means: g
                    .group_means
                    .iter()
                    .map(|(actor, mean)| GroupMean {
                        label: self.actor_label(*actor),
                        mean: self.dec(fmt_level(*mean)),
                    })
                    .collect(),
                gap: self.dec(crate::i18n::fmt_one_decimal(g.gap)),
            })
            .collect()
    }

    fn practices(&self, assessment: &Assessment) -> Vec<PracticeRow> {
        let mut rows = Vec::new();
        for pillar in &self.framework.pillars {
            let subsectors: Vec<Option<&str>> = match pillar.scope {
                Scope::Region => vec![None],
                Scope::Subsector => assessment.candidates.iter().map(|c| Some(c.as_str())).collect(),
            };
            for subsector in subsectors {
                let text = |kind| assessment.pillar_text(&pillar.id, subsector, kind).trim().to_string();
                let row = PracticeRow {
                    pillar: pillar.title.get(self.lang).to_string(),
                    subsector: self.subsector(subsector),
                    best_practice: text(TextKind::BestPractice),
                    problem: text(TextKind::Problem),
                };
                if !row.best_practice.is_empty() || !row.problem.is_empty() {
                    rows.push(row);
                }
            }
        }
        rows
    }

    /// For each actor who leads any recommendation, in the framework's actor order,
    /// the numbers of those recommendations in the one ranked list.
    fn recommendations_by_actor(&self, all: &[Recommendation]) -> Vec<ActorRecommendations> {
        let line = |label: String, led: &dyn Fn(&Recommendation) -> bool| {
            let numbers: Vec<String> = all
                .iter()
                .enumerate()
                .filter(|(_, r)| led(r))
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            let count_text = match (self.lang, numbers.len()) {
                (Lang::Id, n) => format!("{n} rekomendasi"),
                (Lang::En, 1) => "1 recommendation".to_string(),
                (Lang::En, n) => format!("{n} recommendations"),
            };
            ActorRecommendations {
                label,
                count: numbers.len(),
                count_text,
                first: numbers.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
                numbers: numbers.join(", "),
            }
        };
        let mut out: Vec<ActorRecommendations> = self
            .framework
            .actors
            .iter()
            .map(|a| line(self.actor_label(a.id), &|r: &Recommendation| r.lead.contains(&a.id)))
            .collect();
        out.push(line(self.word("no_lead").to_string(), &|r: &Recommendation| {
            !r.lead.iter().any(|l| self.framework.actors.iter().any(|a| &a.id == l))
        }));
        out.retain(|a| a.count > 0);
        out
    }

    fn recommendation(&self, r: &Recommendation) -> RecommendationRow {
        let leads: Vec<String> = self
            .framework
            .actors
            .iter()
            .filter(|a| r.lead.contains(&a.id))
            .map(|a| self.actor_label(a.id))
            .collect();
        RecommendationRow {
            leads: if leads.is_empty() {
                self.word("no_lead").to_string()
            } else {
                leads.join(", ")
            },
            indicator: r.indicator.clone(),
            text: self.labels.indicator(&r.indicator).to_string(),
            pillar: self.pillar_title(&r.pillar),
            subsector: self.subsector(r.subsector.as_deref()),
            level: self.dec(fmt_level(r.level)),
            next_level: r.next_level.to_string(),
            next_label: self.framework.scale_label(r.next_level, self.lang),
            next_step: self.labels.next_step(&r.indicator, r.from_level).to_string(),
            points: self.dec(format!("+{}", crate::i18n::fmt_one_decimal(r.next_gain))),
            potential: self.dec(format!("+{}", crate::i18n::fmt_one_decimal(r.gain))),
        }
    }

    /// A respondent's answers in framework order; an answer to a slot the assessment no
    /// longer asks (a candidate since dropped) is kept, last.
    fn respondent(&self, assessment: &Assessment, r: &Respondent) -> RespondentBlock {
        let slots = self.slots(&assessment.candidates);
        let position = |a: &StoredAnswer| {
            let slot = a.slot();
            slots.iter().position(|k| *k == slot).unwrap_or(usize::MAX)
        };
        let mut answers: Vec<_> = r.answers.iter().collect();
        answers.sort_by_key(|a| position(a));
        RespondentBlock {
            name: r.name.clone(),
            organisation: r.organisation.clone(),
            actor_label: self.actor_label(r.actor),
            answered: slots
                .iter()
                .filter(|k| r.answer(k).is_some_and(|a| a.answer().is_some()))
                .count(),
            applicable: slots.len(),
            answers: answers
                .into_iter()
                .map(|a| AnswerRow {
                    indicator: a.indicator.clone(),
                    text: self.indicator_text(&a.indicator),
                    subsector: self.subsector(a.subsector.as_deref()),
                    level: self.answer_level(a.level, a.na),
                    note: a.note.clone(),
                    evidence: a.evidence.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::fmt_level;

    #[test]
    fn levels_show_their_fraction_without_passing_for_a_whole_level() {
        assert_eq!(fmt_level(3.0), "3");
        assert_eq!(fmt_level(2.5), "2.5");
        assert_eq!(fmt_level(2.0 + 1.0 / 3.0), "2.3");
        assert_eq!(fmt_level(1.96), "1.96");
        assert_eq!(fmt_level(3.04), "3.04");
    }
}
