//! The berita acara: the signed record of the discussion (*DKT*) and the uji petik,
//! with the flagship, the subsectors it pulls along and the commitments, in formal
//! Indonesian (or English), Markdown or one printable A4 HTML file. Its numbers come
//! from [`crate::summary::summarize`], like the results screen; its fingerprint is
//! [`crate::workshop::fingerprint`], embedded with the canonical record so that
//! `pmk3i verify` can recompute it from the file alone.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::actor::Actor;
use crate::assessment::{AgreedKind, Assessment, RegionKind, consolidated};
use crate::framework::Framework;
use crate::i18n::{Lang, fmt_coverage, fmt_level, fmt_score};
use crate::scoring::{self, SlotKey};
use crate::summary::{BasisSummary, Labels, summarize};
use crate::workshop::{self, CanonicalRecord};

/// The helix groups in the order the record lists them.
pub const GROUPS: [Actor; 6] = [
    Actor::Government,
    Actor::Academia,
    Actor::Business,
    Actor::Community,
    Actor::Media,
    Actor::Assessor,
];

/// The heading of a group of people: the actor's name ("Assessors" for several).
pub fn group_label(actor: Actor, lang: Lang) -> &'static str {
    match actor {
        Actor::Assessor => lang.pick("Asesor", "Assessors"),
        helix => helix.label(lang),
    }
}

#[derive(Serialize)]
pub struct Person {
    pub name: String,
    pub organisation: String,
}

#[derive(Serialize)]
pub struct Group {
    pub label: &'static str,
    pub people: Vec<Person>,
}

#[derive(Serialize)]
pub struct PillarRow {
    pub title: String,
    pub self_score: String,
    pub self_completeness: String,
    pub consensus: String,
    pub consensus_coverage: String,
    pub verified: String,
    pub verified_coverage: String,
}

#[derive(Serialize)]
pub struct DifferenceRow {
    pub indicator: String,
    pub text: String,
    pub subsector: String,
    pub self_level: String,
    pub consensus: String,
    pub verified: String,
    pub status: String,
    pub why: String,
}

#[derive(Serialize)]
pub struct VerifiedRow {
    /// The key under which `pmk3i verify` finds the printed level.
    pub key: String,
    pub indicator: String,
    pub subsector: String,
    pub level: String,
    pub status: String,
}

#[derive(Serialize)]
pub struct CommitmentRow {
    pub n: usize,
    pub text: String,
    pub group: String,
    pub organisation: String,
    pub deadline: String,
    pub indicators: String,
}

#[derive(Serialize)]
pub struct VisitRow {
    pub date: String,
    pub site: String,
    pub subsector: String,
    pub role: String,
    pub assessors: String,
}

#[derive(Serialize)]
pub struct Signature {
    pub role: String,
}

#[derive(Serialize)]
pub struct BeritaAcara {
    pub lang: &'static str,
    pub t: BTreeMap<&'static str, &'static str>,
    pub region: String,
    pub province: String,
    pub period: String,
    pub framework: String,
    pub session_date: String,
    /// When this berita acara was made, "2026-12-01 22:15 UTC" (see [`BeritaAcara::generated`]).
    pub generated_at: String,
    pub session_place: String,
    pub facilitator: String,
    /// Whether any consensus or verified level changed after the DKT date.
    pub levels_after_dkt: String,
    pub visits: Vec<VisitRow>,
    pub assessors: Vec<String>,
    pub respondents: Vec<Group>,
    pub attendance: Vec<Group>,
    pub headline_self: String,
    pub headline_consensus: String,
    pub headline_verified: String,
    pub pillars: Vec<PillarRow>,
    pub differences: Vec<DifferenceRow>,
    pub verified_rows: Vec<VerifiedRow>,
    pub flagship: String,
    pub flagship_id: String,
    pub pulled: Vec<String>,
    pub commitments: Vec<CommitmentRow>,
    pub signatures: Vec<Signature>,
    pub fingerprint: String,
    pub fingerprint_grouped: String,
    /// The canonical record as JSON, with `<` written `\u003c` so it can sit in a
    /// `<script>` element.
    pub record_json: String,
}

const TEXTS: &[(&str, &str, &str)] = &[
    ("title", "BERITA ACARA", "RECORD OF PROCEEDINGS"),
    (
        "subtitle",
        "Diskusi Kelompok Terpumpun dan Uji Petik Penilaian Mandiri Kabupaten/Kota Kreatif Indonesia (PMK3I)",
        "Focus group discussion and field verification (uji petik) of the Indonesian creative regency/city self-assessment (PMK3I)",
    ),
    ("region", "Daerah", "Region"),
    ("province", "Provinsi", "Province"),
    ("period", "Periode", "Period"),
    ("framework", "Kerangka penilaian", "Assessment framework"),
    ("generated_at", "Dokumen dibuat", "Document generated"),
    (
        "opening",
        "Pada hari dan tanggal tersebut di bawah ini telah dilaksanakan Diskusi Kelompok Terpumpun (DKT) dan uji petik penilaian mandiri, dengan keterangan sebagai berikut.",
        "A focus group discussion (DKT) and a field verification (uji petik) of the self-assessment were held as set out below.",
    ),
    ("s_dkt", "I. Diskusi Kelompok Terpumpun", "I. Focus group discussion"),
    ("date", "Tanggal", "Date"),
    (
        "after_dkt",
        "Tingkat berubah setelah DKT",
        "Levels changed after the DKT",
    ),
    ("place", "Tempat", "Place"),
    ("facilitator", "Fasilitator", "Facilitator"),
    ("not_recorded", "tidak dicatat", "not recorded"),
    ("s_visits", "II. Uji petik", "II. Field verification (uji petik)"),
    ("site", "Lokasi/aktor yang dikunjungi", "Site or actor visited"),
    ("subsector", "Subsektor", "Subsector"),
    ("role", "Peran narasumber", "Interviewee's role"),
    ("visit_assessors", "Asesor", "Assessors"),
    (
        "no_visits",
        "Belum ada kunjungan yang dicatat.",
        "No visit was recorded.",
    ),
    ("assessors", "Asesor", "Assessors"),
    (
        "s_people",
        "III. Responden dan peserta",
        "III. Respondents and attendance",
    ),
    (
        "respondents",
        "Responden penilaian mandiri",
        "Self-assessment respondents",
    ),
    ("attendance", "Daftar hadir DKT", "Discussion attendance"),
    ("nobody", "tidak ada", "none"),
    ("s_scores", "IV. Hasil penilaian per pilar", "IV. Results by pillar"),
    ("pillar", "Pilar", "Pillar"),
    ("self", "Mandiri", "Self-assessed"),
    ("consensus", "Konsensus", "Consensus"),
    ("verified", "Terverifikasi", "Verified"),
    ("completeness", "kelengkapan", "completeness"),
    ("overall", "Skor utama", "Headline score"),
    (
        "scores_note",
        "Skor 0–100. Indikator tanpa tingkat konsensus memakai tingkat mandiri; tanpa tingkat terverifikasi memakai tingkat konsensus (atau mandiri). Cakupan menyebut berapa indikator yang punya tingkatnya sendiri.",
        "Scores 0–100. Indicators without a consensus level use the self-assessed level; without a verified level, the consensus (or self-assessed) level. Coverage says how many indicators have a level of their own.",
    ),
    (
        "s_differences",
        "V. Perbedaan yang perlu dicatat",
        "V. Notable differences",
    ),
    ("indicator", "Indikator", "Indicator"),
    ("status", "Status", "Status"),
    ("why", "Keterangan", "Remark"),
    (
        "no_differences",
        "Tidak ada perbedaan yang perlu dicatat.",
        "No notable difference.",
    ),
    ("s_verified", "VI. Tingkat terverifikasi", "VI. Verified levels"),
    ("level", "Tingkat", "Level"),
    (
        "no_verified",
        "Belum ada tingkat terverifikasi.",
        "No level was verified.",
    ),
    ("s_flagship", "VII. Subsektor unggulan", "VII. Flagship subsector"),
    (
        "flagship",
        "Subsektor unggulan yang disepakati",
        "Agreed flagship subsector",
    ),
    ("no_flagship", "belum ditetapkan", "not chosen yet"),
    ("pulled", "Subsektor yang dihela", "Subsectors it pulls along"),
    ("s_commitments", "VIII. Komitmen", "VIII. Commitments"),
    ("no", "No.", "No."),
    ("commitment", "Komitmen", "Commitment"),
    ("owner", "Penanggung jawab", "Owner"),
    ("deadline", "Tenggat", "Deadline"),
    ("linked", "Indikator terkait", "Linked indicators"),
    (
        "no_commitments",
        "Belum ada komitmen yang dicatat.",
        "No commitment was recorded.",
    ),
    (
        "closing",
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
        "This record was made truthfully, to be used as appropriate.",
    ),
    ("s_signatures", "Tanda tangan", "Signatures"),
    ("name", "Nama", "Name"),
    ("fingerprint", "Sidik jari (SHA-256)", "Fingerprint (SHA-256)"),
    (
        "fingerprint_note",
        "Sidik jari dihitung dari tingkat terverifikasi, subsektor unggulan, subsektor yang dihela dan komitmen di atas (lihat docs/berita-acara.md). Periksa dengan: pmk3i verify BERKAS",
        "The fingerprint is computed from the verified levels, the flagship, the pulled subsectors and the commitments above (see docs/berita-acara.md). Check it with: pmk3i verify FILE",
    ),
    ("na", "N/A", "N/A"),
    (
        "mismatch_note",
        "tidak sesuai saat uji petik",
        "did not match at uji petik",
    ),
    (
        "gap_note",
        "selisih persepsi antarkelompok",
        "perception gap between groups",
    ),
    (
        "moved_consensus",
        "konsensus berbeda dari mandiri",
        "consensus differs from self-assessment",
    ),
    (
        "moved_verified",
        "terverifikasi berbeda dari konsensus",
        "verified differs from consensus",
    ),
];

fn texts(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    TEXTS.iter().map(|(k, id, en)| (*k, lang.pick(id, en))).collect()
}

fn pillar_coverage(
    framework: &Framework,
    assessment: &Assessment,
    kind: AgreedKind,
    candidate: Option<&str>,
    pillar: &str,
    lang: Lang,
) -> String {
    let recorded = assessment.agreed_levels(kind);
    let slots: Vec<SlotKey> = scoring::applicable_slots_of(framework, candidate)
        .into_iter()
        .filter(|s| framework.indicator(&s.indicator).is_some_and(|(p, _)| p.id == pillar))
        .collect();
    let n = slots.iter().filter(|s| recorded.contains_key(*s)).count();
    fmt_coverage(kind == AgreedKind::Verified, n, slots.len(), lang)
}

fn basis_score(b: Option<&BasisSummary>, pillar: &str) -> String {
    b.and_then(|b| b.pillars.iter().find(|p| p.pillar == pillar))
        .map(|p| fmt_score(p.score))
        .unwrap_or_else(|| "—".into())
}

fn level_text(level: Option<f64>, na: bool) -> String {
    match (level, na) {
        (_, true) => "N/A".into(),
        (Some(l), _) => fmt_level(l),
        (None, _) => "—".into(),
    }
}

/// The printed form of a verified level, which `pmk3i verify` compares with the record.
pub fn verified_level_text(level: Option<i64>, na: bool) -> String {
    match (level, na) {
        (_, true) => "N/A".into(),
        (Some(l), _) => l.to_string(),
        (None, _) => "—".into(),
    }
}

/// The key of a verified level in the HTML (`data-fp`).
pub fn verified_key(indicator: &str, subsector: &str) -> String {
    format!("verified:{indicator}@{subsector}")
}

/// The DKT date of an assessment when it is recorded as `YYYY-MM-DD` (a longer text
/// counts by its first ten characters, "2026-03-10 pagi").
pub fn dkt_date(a: &Assessment) -> Option<&str> {
    let date = a.workshop.session.date.trim();
    date.get(..10).filter(|d| crate::cli::is_date(d))
}

/// The consensus or verified level changes after the DKT day, from the history; `None`
/// when the DKT date is not recorded as a date or the history cannot be read.
pub fn levels_moved(store: &crate::store::Store, a: &Assessment) -> Option<Vec<crate::store::Change>> {
    store.agreed_changed_after(a.id, dkt_date(a)?).ok()
}

/// The berita acara's line on whether any agreed or verified level changed after the
/// discussion date.
pub fn after_dkt_line(a: &Assessment, moved: Option<&[crate::store::Change]>, lang: Lang) -> String {
    let Some(date) = dkt_date(a) else {
        return lang
            .pick(
                "tidak dapat diperiksa: tanggal DKT belum dicatat sebagai TTTT-BB-HH",
                "cannot be checked: the DKT date is not recorded as YYYY-MM-DD",
            )
            .to_string();
    };
    match moved {
        None => lang
            .pick(
                "tidak dapat diperiksa: riwayat tidak terbaca",
                "cannot be checked: the history cannot be read",
            )
            .to_string(),
        Some([]) => match lang {
            Lang::Id => format!("tidak ada tingkat konsensus atau verifikasi yang berubah setelah {date}"),
            Lang::En => format!("no consensus or verified level changed after {date}"),
        },
        Some(changes) => {
            let logins: std::collections::BTreeSet<&str> = changes.iter().map(|c| c.login.as_str()).collect();
            let last = changes.last().map(|c| c.at.get(..10).unwrap_or(&c.at)).unwrap_or("");
            let who = logins.into_iter().collect::<Vec<_>>().join(", ");
            let n = changes.len();
            match lang {
                Lang::Id => format!(
                    "ADA: {n} perubahan tingkat konsensus/verifikasi setelah {date} (terakhir {last}; oleh {who}); rinciannya: pmk3i history {} --since {date}",
                    a.id
                ),
                Lang::En => format!(
                    "YES: {n} consensus/verified level changes after {date} (last {last}; by {who}); details: pmk3i history {} --since {date}",
                    a.id
                ),
            }
        }
    }
}

impl BeritaAcara {
    /// The berita acara stamped with the time it is made.
    pub fn generated(mut self, at: super::GeneratedAt) -> BeritaAcara {
        self.generated_at = at.text();
        self
    }
}

pub fn build(framework: &Framework, a: &Assessment, moved: Option<&[crate::store::Change]>, lang: Lang) -> BeritaAcara {
    let levels_after_dkt = after_dkt_line(a, moved, lang);
    let a = &workshop::asked_only(a);
    let summary = summarize(framework, a);
    let labels = Labels::new(framework, lang);
    let t = texts(lang);
    let not_recorded = |s: &str| {
        if s.trim().is_empty() {
            t["not_recorded"].to_string()
        } else {
            s.to_string()
        }
    };
    let sub_label = |s: Option<&str>| {
        s.map(|s| framework.subsector_label(s, lang))
            .unwrap_or_else(|| "—".into())
    };
    let w = &a.workshop;

    let group_of = |people: Vec<(&str, &str, Actor)>| -> Vec<Group> {
        GROUPS
            .iter()
            .map(|g| Group {
                label: group_label(*g, lang),
                people: people
                    .iter()
                    .filter(|(_, _, actor)| actor == g)
                    .map(|(name, org, _)| Person {
                        name: name.to_string(),
                        organisation: org.to_string(),
                    })
                    .collect(),
            })
            .collect()
    };
    let respondents = group_of(
        a.respondents
            .iter()
            .map(|r| (r.name.as_str(), r.organisation.as_str(), r.actor))
            .collect(),
    );
    let attendance = group_of(
        w.attendance
            .iter()
            .map(|p| (p.name.as_str(), p.organisation.as_str(), p.actor))
            .collect(),
    );
    let mut assessors: Vec<String> = a
        .respondents
        .iter()
        .filter(|r| r.actor == Actor::Assessor)
        .map(|r| r.name.clone())
        .collect();
    for v in &w.visits {
        for name in v.assessors.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
            if !assessors.iter().any(|x| x == name) {
                assessors.push(name.to_string());
            }
        }
    }

    let candidate = summary.self_assessed.headline_candidate.clone();
    let pillars = summary
        .self_assessed
        .pillars
        .iter()
        .map(|p| PillarRow {
            title: labels.pillar(&p.pillar).to_string(),
            self_score: fmt_score(p.score),
            self_completeness: crate::i18n::fmt_percent(p.completeness),
            consensus: basis_score(summary.consensus.as_ref(), &p.pillar),
            consensus_coverage: pillar_coverage(
                framework,
                a,
                AgreedKind::Consensus,
                candidate.as_deref(),
                &p.pillar,
                lang,
            ),
            verified: basis_score(summary.verified.as_ref(), &p.pillar),
            verified_coverage: pillar_coverage(
                framework,
                a,
                AgreedKind::Verified,
                candidate.as_deref(),
                &p.pillar,
                lang,
            ),
        })
        .collect();
    let headline = |b: Option<&BasisSummary>| {
        b.map(|b| {
            let cov = b
                .coverage
                .map(|c| format!(" ({})", c.text(b.basis, lang)))
                .unwrap_or_default();
            format!("{}{cov}", fmt_score(b.headline_score))
        })
        .unwrap_or_else(|| "—".into())
    };

    // Notable differences: an indicator whose verified level did not match, whose
    // groups disagreed by 2 levels or more, or whose agreed/verified level moved a
    // whole level or more from the one below it.
    let self_levels = consolidated(a);
    let agreed_of = |kind: AgreedKind, slot: &SlotKey| {
        a.agreed
            .iter()
            .find(|g| g.kind == kind && g.indicator == slot.indicator && g.subsector == slot.subsector)
    };
    let mut slots: Vec<SlotKey> = self_levels.keys().cloned().collect();
    for g in &a.agreed {
        let s = SlotKey::new(&g.indicator, g.subsector.as_deref());
        if !slots.contains(&s) {
            slots.push(s);
        }
    }
    slots.sort();
    let mut differences = Vec::new();
    for slot in &slots {
        let s = self_levels.get(slot);
        let self_level = s.and_then(|x| x.region.level());
        let cons = agreed_of(AgreedKind::Consensus, slot);
        let ver = agreed_of(AgreedKind::Verified, slot);
        let cons_level = cons.and_then(|g| if g.na { None } else { g.level.map(|l| l as f64) });
        let ver_level = ver.and_then(|g| if g.na { None } else { g.level.map(|l| l as f64) });
        let mut why = Vec::new();
        if ver.and_then(|g| g.status) == Some(workshop::VerifyStatus::Mismatch) {
            why.push(t["mismatch_note"].to_string());
        }
        if let Some(gap) = s.and_then(|x| x.gap)
            && gap >= scoring::GAP_FLAG_LEVELS
        {
            why.push(format!("{} {}", t["gap_note"], fmt_level(gap)));
        }
        if let (Some(x), Some(c)) = (self_level, cons_level)
            && (c - x).abs() >= 1.0
        {
            why.push(t["moved_consensus"].to_string());
        }
        if let (Some(c), Some(v)) = (cons_level.or(self_level), ver_level)
            && (v - c).abs() >= 1.0
        {
            why.push(t["moved_verified"].to_string());
        }
        if why.is_empty() {
            continue;
        }
        let text = framework
            .indicator(&slot.indicator)
            .map(|(_, i)| i.text.get(lang).to_string())
            .unwrap_or_default();
        let mut why_text = why.join("; ");
        if let Some(c) = cons.filter(|c| !c.dissent.trim().is_empty()) {
            why_text.push_str(&format!("; {}", c.dissent.trim()));
        }
        differences.push(DifferenceRow {
            indicator: slot.indicator.clone(),
            text,
            subsector: sub_label(slot.subsector.as_deref()),
            self_level: level_text(
                self_level,
                s.is_some_and(|x| x.region == scoring::Answer::NotApplicable),
            ),
            consensus: cons
                .map(|g| level_text(g.level.map(|l| l as f64), g.na))
                .unwrap_or_else(|| "—".into()),
            verified: ver
                .map(|g| level_text(g.level.map(|l| l as f64), g.na))
                .unwrap_or_else(|| "—".into()),
            status: ver
                .and_then(|g| g.status)
                .map(|s| s.label(lang).to_string())
                .unwrap_or_default(),
            why: why_text,
        });
    }

    let record: CanonicalRecord = workshop::canonical_record(a);
    let verified_rows = record
        .verified
        .iter()
        .map(|v| VerifiedRow {
            key: verified_key(&v.indicator, &v.subsector),
            indicator: v.indicator.clone(),
            subsector: sub_label((!v.subsector.is_empty()).then_some(v.subsector.as_str())),
            level: verified_level_text(v.level, v.na),
            status: v
                .status
                .as_deref()
                .and_then(workshop::VerifyStatus::parse)
                .map(|s| s.label(lang).to_string())
                .unwrap_or_default(),
        })
        .collect();
    let commitments = w
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| CommitmentRow {
            n: i + 1,
            text: workshop::norm(&c.text),
            group: c.actor.map(|g| group_label(g, lang).to_string()).unwrap_or_default(),
            organisation: workshop::norm(&c.organisation),
            deadline: workshop::norm(&c.deadline),
            indicators: c
                .indicators
                .iter()
                .map(|l| match &l.subsector {
                    Some(s) => format!("{} ({})", l.indicator, framework.subsector_label(s, lang)),
                    None => l.indicator.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let head = match a.region.kind {
        RegionKind::Kabupaten => lang.pick("Bupati", "Regent"),
        RegionKind::Kota => lang.pick("Wali Kota", "Mayor"),
    };
    let region = a.region.kind.display_name(&a.region.name);
    // "Wali Kota Sukamaju" / "Bupati Maluku Tengah"; "Mayor of Kota Sukamaju".
    let head_role = match lang {
        Lang::Id => format!("{head} {}", a.region.name),
        Lang::En => format!("{head} of {region}"),
    };
    let mut signatures = vec![Signature { role: head_role }];
    for g in [Actor::Academia, Actor::Business, Actor::Community, Actor::Media] {
        signatures.push(Signature {
            role: format!("{} {}", lang.pick("Wakil", "For"), group_label(g, lang)),
        });
    }
    signatures.push(Signature {
        role: lang.pick("Asesor", "Assessor").to_string(),
    });
    let fingerprint = workshop::fingerprint_of(&record);
    BeritaAcara {
        lang: lang.pick("id", "en"),
        t: t.clone(),
        province: a.region.province.clone(),
        period: crate::exchange::period_label(&a.period, a.import_copy, lang),
        framework: format!("{} {}", framework.title.get(lang), framework.version),
        session_date: not_recorded(&w.session.date),
        generated_at: String::new(),
        session_place: not_recorded(&w.session.place),
        facilitator: not_recorded(&w.session.facilitator),
        levels_after_dkt,
        visits: w
            .visits
            .iter()
            .map(|v| VisitRow {
                date: v.date.clone(),
                site: v.site.clone(),
                subsector: sub_label(v.subsector.as_deref()),
                role: v.interviewee_role.clone(),
                assessors: v.assessors.clone(),
            })
            .collect(),
        assessors,
        respondents,
        attendance,
        headline_self: headline(Some(&summary.self_assessed)),
        headline_consensus: headline(summary.consensus.as_ref()),
        headline_verified: headline(summary.verified.as_ref()),
        pillars,
        differences,
        verified_rows,
        flagship: a
            .chosen_flagship
            .as_deref()
            .map(|f| framework.subsector_label(f, lang))
            .unwrap_or_default(),
        flagship_id: a.chosen_flagship.clone().unwrap_or_default(),
        pulled: w.pulled.iter().map(|s| framework.subsector_label(s, lang)).collect(),
        commitments,
        signatures,
        fingerprint_grouped: workshop::grouped(&fingerprint),
        fingerprint,
        record_json: workshop::canonical_json(&record).replace('<', "\\u003c"),
        region,
    }
}
