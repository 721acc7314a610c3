//! The results screen state: four tabs over one [`Summary`] — summary, potential and
//! problems, recommendations (filterable by helix actor), and targets (what-if).

use crate::assessment::{Assessment, Target};
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::scoring::{SlotKey, slot_for};
use crate::summary::{Summary, summarize};

use super::Screen;
use super::bindings::Action;
use super::queue::{Document, Effect, Go};
use super::recovery::Change;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Summary,
    Potential,
    Recommendations,
    Targets,
}

pub const TABS: &[Tab] = &[Tab::Summary, Tab::Potential, Tab::Recommendations, Tab::Targets];

impl Tab {
    /// The tab to the right (after the last: the first).
    pub fn next(self) -> Tab {
        let i = TABS.iter().position(|t| *t == self).unwrap_or(0);
        TABS[(i + 1) % TABS.len()]
    }

    /// The tab to the left (before the first: the last).
    pub fn prev(self) -> Tab {
        let i = TABS.iter().position(|t| *t == self).unwrap_or(0);
        TABS[(i + TABS.len() - 1) % TABS.len()]
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Tab::Summary => lang.pick("Ringkasan", "Summary"),
            Tab::Potential => lang.pick("Potensi & permasalahan", "Potential & problems"),
            Tab::Recommendations => lang.pick("Rekomendasi", "Recommendations"),
            Tab::Targets => lang.pick("Target", "Targets"),
        }
    }
}

/// A row of the targets tab: an indicator of the headline candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    pub slot: SlotKey,
    /// The pillar's id.
    pub pillar: String,
    pub current: Option<f64>,
    /// Answered "not applicable": no target can be set.
    pub na: bool,
    pub target: Option<i64>,
}

/// The summary the screen shows. A quick check is about its one candidate: unless a
/// flagship is chosen, the headline is that candidate's ecosystem (another candidate
/// scored only on the regional answers would otherwise head a quick check it was not
/// part of); nothing is recorded as chosen.
pub fn summary_of(
    framework: &Framework,
    assessment: &Assessment,
    quick: Option<&crate::quick::QuickStatus>,
) -> Summary {
    match quick {
        Some(q) if assessment.chosen_flagship.is_none() => {
            let mut focused = assessment.clone();
            focused.chosen_flagship = Some(q.candidate.clone());
            let mut summary = summarize(framework, &focused);
            summary.self_assessed.chosen_flagship = None;
            for c in &mut summary.self_assessed.candidates {
                c.chosen = false;
            }
            summary
        }
        _ => summarize(framework, assessment),
    }
}

pub struct ResultsState {
    pub assessment: Assessment,
    pub framework: Framework,
    pub back_to_walk: Option<SlotKey>,
    /// Opened from the national map: Esc returns to it, with its sort, filter and
    /// highlight (`app::map`).
    pub back_to_map: Option<Box<super::map::MapState>>,
    pub tab: Tab,
    pub selected: usize,
    /// Recommendations shown only for this lead actor (A, B, C, G, M).
    pub actor_filter: Option<crate::actor::Actor>,
    pub summary: Summary,
    pub message: Option<String>,
    /// Set when the answers so far are a quick self-check (labelled as one).
    pub quick: Option<crate::quick::QuickStatus>,
    /// Every candidate's self-assessed pillar scores, in the summary's candidate order,
    /// so the highlight on the summary shows the pillars of the candidate it is on.
    pub candidate_pillars: Vec<(Option<String>, Vec<crate::summary::PillarLine>)>,
    /// The basis the recommendations are ranked on (`o` switches among those recorded).
    pub rec_basis: crate::scoring::Basis,
    /// A report file that exists and would be replaced: the next `w` overwrites it.
    pub confirm_overwrite: Option<std::path::PathBuf>,
}

/// A basis as the screen names it.
pub fn basis_name(basis: crate::scoring::Basis, lang: Lang) -> &'static str {
    use crate::scoring::Basis;
    match basis {
        Basis::SelfAssessed => lang.pick("penilaian mandiri", "self-assessment"),
        Basis::Consensus => lang.pick("konsensus (DKT)", "consensus (DKT)"),
        Basis::Verified => lang.pick("terverifikasi (uji petik)", "verified (uji petik)"),
    }
}

/// Every candidate's self-assessed pillar lines, best ecosystem first.
fn candidate_pillars(
    framework: &Framework,
    assessment: &Assessment,
) -> Vec<(Option<String>, Vec<crate::summary::PillarLine>)> {
    crate::assessment::compute_results(framework, assessment, crate::scoring::Basis::SelfAssessed)
        .ranking
        .iter()
        .map(|card| (card.candidate.clone(), crate::summary::pillar_lines(framework, card)))
        .collect()
}

impl ResultsState {
    pub fn new(assessment: Assessment, framework: Framework, back_to_walk: Option<SlotKey>) -> ResultsState {
        let quick = crate::quick::status(&framework, &assessment);
        let summary = summary_of(&framework, &assessment, quick.as_ref());
        ResultsState {
            confirm_overwrite: None,
            rec_basis: crate::scoring::Basis::SelfAssessed,
            candidate_pillars: candidate_pillars(&framework, &assessment),
            quick,
            assessment,
            framework,
            back_to_walk,
            back_to_map: None,
            tab: Tab::Summary,
            selected: 0,
            actor_filter: None,
            summary,
            message: None,
        }
    }

    /// Recomputes the summary after the assessment changed (a flagship, a target). The
    /// summary holds no words, so a language switch needs no refresh, only a redraw.
    pub fn refresh(&mut self) {
        self.quick = crate::quick::status(&self.framework, &self.assessment);
        self.summary = summary_of(&self.framework, &self.assessment, self.quick.as_ref());
        self.candidate_pillars = candidate_pillars(&self.framework, &self.assessment);
        self.clamp();
    }

    /// The candidate highlighted on the summary tab and its pillar lines; the headline
    /// candidate's own lines on the other tabs.
    pub fn shown_pillars(&self) -> (Option<&str>, &[crate::summary::PillarLine]) {
        let headline = (
            self.summary.self_assessed.headline_candidate.as_deref(),
            self.summary.self_assessed.pillars.as_slice(),
        );
        if self.tab() != Tab::Summary {
            return headline;
        }
        let Some(line) = self.summary.self_assessed.candidates.get(self.selected) else {
            return headline;
        };
        self.candidate_pillars
            .iter()
            .find(|(c, _)| *c == line.candidate)
            .map(|(c, p)| (c.as_deref(), p.as_slice()))
            .unwrap_or(headline)
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The summary of the basis the recommendations are ranked on (the self-assessment
    /// when that basis has nothing recorded).
    pub fn rec_summary(&self) -> &crate::summary::BasisSummary {
        use crate::scoring::Basis;
        match self.rec_basis {
            Basis::Consensus => self.summary.consensus.as_ref(),
            Basis::Verified => self.summary.verified.as_ref(),
            Basis::SelfAssessed => None,
        }
        .unwrap_or(&self.summary.self_assessed)
    }

    /// Recommendations after the actor filter.
    pub fn recommendations(&self) -> Vec<&crate::summary::Recommendation> {
        self.rec_summary()
            .recommendations
            .iter()
            .filter(|r| self.actor_filter.as_ref().is_none_or(|a| r.lead.contains(a)))
            .collect()
    }

    /// Rows of the targets tab: every indicator asked for the headline candidate.
    pub fn target_rows(&self) -> Vec<TargetRow> {
        let candidate = self.summary.self_assessed.headline_candidate.as_deref();
        let targets = self.assessment.target_map();
        let levels: std::collections::HashMap<(&str, Option<&str>), f64> = self
            .summary
            .self_assessed
            .indicators
            .iter()
            .map(|l| ((l.indicator.as_str(), l.subsector.as_deref()), l.level))
            .collect();
        let consolidated = crate::assessment::consolidated(&self.assessment);
        let mut rows = Vec::new();
        for pillar in &self.framework.pillars {
            for i in 0..pillar.indicators.len() {
                let Some(slot) = slot_for(pillar, i, candidate) else {
                    continue;
                };
                rows.push(TargetRow {
                    current: levels
                        .get(&(slot.indicator.as_str(), slot.subsector.as_deref()))
                        .copied(),
                    na: consolidated
                        .get(&slot)
                        .is_some_and(|s| s.region == crate::scoring::Answer::NotApplicable),
                    target: targets.get(&slot).copied(),
                    pillar: pillar.id.clone(),
                    slot,
                });
            }
        }
        rows
    }

    /// The potential tab's rows: the five strongest rated indicators, then the five
    /// weakest (each indicator once).
    pub fn potential_rows(&self) -> (Vec<&crate::summary::IndicatorLine>, Vec<&crate::summary::IndicatorLine>) {
        crate::summary::strengths_and_weaknesses(&self.summary.self_assessed.indicators)
    }

    fn row_count(&self) -> usize {
        match self.tab() {
            Tab::Summary => self.summary.self_assessed.candidates.len(),
            Tab::Potential => {
                let (a, b) = self.potential_rows();
                a.len() + b.len()
            }
            Tab::Recommendations => self.recommendations().len(),
            Tab::Targets => self.target_rows().len(),
        }
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.row_count().saturating_sub(1));
    }

    /// The indicator the selected row is about (for Enter: open it in the walk).
    pub fn selected_slot(&self) -> Option<SlotKey> {
        match self.tab() {
            Tab::Summary => None,
            Tab::Potential => {
                let (strongest, weakest) = self.potential_rows();
                let line = strongest.into_iter().chain(weakest).nth(self.selected)?;
                Some(SlotKey::new(&line.indicator, line.subsector.as_deref()))
            }
            Tab::Recommendations => {
                let r = self.recommendations().get(self.selected).copied()?;
                Some(SlotKey::new(&r.indicator, r.subsector.as_deref()))
            }
            Tab::Targets => self.target_rows().get(self.selected).map(|r| r.slot.clone()),
        }
    }

    pub fn act(&mut self, action: Action, lang: Lang) {
        match action {
            Action::NextTab => {
                self.tab = self.tab.next();
                self.selected = 0;
                self.message = None;
            }
            Action::PrevTab => {
                self.tab = self.tab.prev();
                self.selected = 0;
                self.message = None;
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected += 1;
                self.clamp();
            }
            Action::RankBasis => {
                use crate::scoring::Basis;
                let available: Vec<Basis> = [
                    Some(Basis::SelfAssessed),
                    self.summary.consensus.as_ref().map(|_| Basis::Consensus),
                    self.summary.verified.as_ref().map(|_| Basis::Verified),
                ]
                .into_iter()
                .flatten()
                .collect();
                let at = available.iter().position(|b| *b == self.rec_basis).unwrap_or(0);
                self.rec_basis = available
                    .get((at + 1) % available.len())
                    .copied()
                    .unwrap_or(Basis::SelfAssessed);
                self.tab = Tab::Recommendations;
                self.selected = 0;
                self.message = Some(if available.len() == 1 {
                    lang.pick(
                        "Belum ada konsensus atau verifikasi: rekomendasi menurut penilaian mandiri.",
                        "No consensus or verification yet: recommendations from the self-assessment.",
                    )
                    .to_string()
                } else {
                    format!(
                        "{} {}",
                        lang.pick("Urut menurut:", "Ranked on:"),
                        basis_name(self.rec_basis, lang)
                    )
                });
            }
            Action::FilterActor => {
                let actors: Vec<crate::actor::Actor> = self.framework.actors.iter().map(|a| a.id).collect();
                self.actor_filter = match &self.actor_filter {
                    None => actors.first().cloned(),
                    Some(current) => {
                        let i = actors.iter().position(|a| a == current);
                        i.and_then(|i| actors.get(i + 1)).cloned()
                    }
                };
                self.tab = Tab::Recommendations;
                self.selected = 0;
                self.message = Some(match &self.actor_filter {
                    Some(a) => format!(
                        "{} {}",
                        lang.pick("Aktor:", "Actor:"),
                        self.framework.actor_label(*a, lang)
                    ),
                    None => lang.pick("Semua aktor", "All actors").to_string(),
                });
            }
            _ => {}
        }
    }

    /// Toggles the selected candidate as the chosen flagship; returns the new choice
    /// to save (`Some(None)` clears it), or `None` when nothing changed.
    pub fn toggle_flagship(&mut self, lang: Lang) -> Option<Option<String>> {
        if self.tab() != Tab::Summary {
            self.message = Some(
                lang.pick(
                    "Pilih subsektor di tab Ringkasan.",
                    "Choose the subsector on the Summary tab.",
                )
                .into(),
            );
            return None;
        }
        let candidate = self
            .summary
            .self_assessed
            .candidates
            .get(self.selected)?
            .candidate
            .clone()?;
        let new = if self.assessment.chosen_flagship.as_deref() == Some(candidate.as_str()) {
            None
        } else {
            Some(candidate)
        };
        self.assessment.chosen_flagship = new.clone();
        self.refresh();
        Some(new)
    }

    /// Raises or lowers the selected row's target on the targets tab; returns the
    /// slot and new target (None = cleared) to save.
    pub fn change_target(&mut self, up: bool, lang: Lang) -> Option<(SlotKey, Option<i64>)> {
        if self.tab() != Tab::Targets {
            self.message = Some(
                lang.pick("Ubah target di tab Target.", "Change targets on the Targets tab.")
                    .into(),
            );
            return None;
        }
        let row = self.target_rows().into_iter().nth(self.selected)?;
        if row.na {
            self.message = Some(
                lang.pick(
                    "Indikator ini dijawab \"tidak berlaku\": tidak ada target.",
                    "This indicator was answered \"not applicable\": no target.",
                )
                .into(),
            );
            return None;
        }
        let (_, max) = self.framework.scale_range();
        // A target is a step up from where the indicator is now, so it can only raise
        // the projection; an unanswered indicator has no "now" yet.
        let Some(current) = row.current else {
            let enter = super::bindings::key(super::bindings::Mode::Results, Action::Choose, lang);
            self.message = Some(match lang {
                Lang::Id => format!("Jawab dulu indikator ini ({enter} membukanya), lalu tetapkan targetnya."),
                Lang::En => format!("Answer this indicator first ({enter} opens it), then set its target."),
            });
            return None;
        };
        let floor = current.floor() as i64;
        let lowest = (floor + 1).min(max);
        if current >= max as f64 {
            self.message = Some(
                lang.pick("Sudah di level tertinggi.", "Already at the top level.")
                    .into(),
            );
            return None;
        }
        let new = match (row.target, up) {
            (None, true) => Some(lowest),
            (Some(t), true) => Some((t + 1).min(max)),
            (Some(t), false) if t > lowest => Some(t - 1),
            (Some(_), false) | (None, false) => None,
        };
        if new == row.target {
            return None;
        }
        self.assessment
            .targets
            .retain(|t| !(t.indicator == row.slot.indicator && t.subsector == row.slot.subsector));
        if let Some(level) = new {
            self.assessment.targets.push(Target {
                indicator: row.slot.indicator.clone(),
                subsector: row.slot.subsector.clone(),
                level,
            });
        }
        self.refresh();
        Some((row.slot, new))
    }

    pub fn report_file_name(&self) -> String {
        let safe: String = self
            .assessment
            .region
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let period: String = self
            .assessment
            .period
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        format!(
            "pmk3i-{}-{}-{}.html",
            self.assessment.id,
            safe.trim_matches('-'),
            period
        )
    }
}

/// The results screen's keys, as values: the writes (flagship, targets) and where
/// to go (back, into the walk, the workshop). The report and the berita acara
/// are [`write_file`]'s (they need the folder they go to).
pub fn update(results: &mut ResultsState, action: Action, lang: Lang) -> Vec<Effect> {
    let id = results.assessment.id;
    match action {
        Action::Back => match results.back_to_walk.clone() {
            Some(slot) => vec![Effect::Go(Go::Walk {
                assessment: id,
                at: Some(slot),
            })],
            None => vec![Effect::Go(Go::Start)],
        },
        Action::Choose => results
            .selected_slot()
            .map(|slot| {
                Effect::Go(Go::Walk {
                    assessment: id,
                    at: Some(slot),
                })
            })
            .into_iter()
            .collect(),
        Action::ChooseFlagship => results
            .toggle_flagship(lang)
            .map(|flagship| {
                Effect::Write(Change::Flagship {
                    assessment: id,
                    flagship,
                })
            })
            .into_iter()
            .collect(),
        Action::TargetUp | Action::TargetDown => results
            .change_target(action == Action::TargetUp, lang)
            .map(|(slot, level)| {
                Effect::Write(Change::Target {
                    assessment: id,
                    slot,
                    level,
                })
            })
            .into_iter()
            .collect(),
        Action::Workshop => vec![Effect::Go(Go::Workshop(id))],
        other => {
            results.act(other, lang);
            Vec::new()
        }
    }
}

/// The results screen's files, as values: `w` writes the report (a file that exists
/// is replaced only on a second `w`, right after the question), `B` the berita acara.
pub fn write_file(results: &mut ResultsState, action: Action, dir: &std::path::Path, lang: Lang) -> Vec<Effect> {
    // Only a `w` right after the question overwrites.
    let confirmed = results.confirm_overwrite.take().is_some() && action == Action::Report;
    let assessment = results.assessment.id;
    match action {
        Action::BeritaAcara => vec![Effect::WriteReport {
            document: Document::BeritaAcara,
            assessment,
            path: dir.join(berita_acara_file_name(&results.assessment)),
        }],
        Action::Report => {
            let path = dir.join(results.report_file_name());
            if path.exists() && !confirmed {
                let w = super::bindings::key(super::Mode::Results, Action::Report, lang);
                let say = Effect::Say(format!(
                    "{} {} — {}",
                    lang.pick("Berkas sudah ada:", "The file exists:"),
                    path.display(),
                    match lang {
                        Lang::Id => format!("tekan {w} lagi untuk menimpanya, tombol lain batal."),
                        Lang::En => format!("press {w} again to overwrite it, any other key cancels."),
                    }
                ));
                results.confirm_overwrite = Some(path);
                return vec![say];
            }
            vec![Effect::WriteReport {
                document: Document::Report,
                assessment,
                path,
            }]
        }
        _ => Vec::new(),
    }
}

/// "berita-acara-7-kota-bandung-2026.html": the berita acara's file name.
pub fn berita_acara_file_name(assessment: &Assessment) -> String {
    let safe: String = assessment
        .region
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let period: String = assessment
        .period
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!(
        "berita-acara-{}-{}-{}.html",
        assessment.id,
        safe.trim_matches('-'),
        period
    )
}

/// The results screen's updates.
impl super::App {
    pub(super) fn act_results(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Results(results) = &mut self.screen else {
            return;
        };
        match action {
            // Opened from the national map: back to the map, as it was left.
            Action::Back if results.back_to_walk.is_none() && results.back_to_map.is_some() => {
                results.confirm_overwrite = None;
                if let Some(map) = results.back_to_map.take() {
                    self.return_to_map(map);
                }
            }
            Action::BeritaAcara | Action::Report => {
                let effects = write_file(results, action, &self.report_dir, lang);
                self.commit(effects);
            }
            other => {
                results.confirm_overwrite = None;
                let effects = update(results, other, lang);
                self.commit(effects);
            }
        }
    }
}
