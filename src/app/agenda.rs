//! The workshop screen (from the results, key `s`): the discussion agenda sorted by
//! perception gap, the pillar × helix-group matrix, the discussion session and its
//! attendance, the uji petik visit log, the "verify first" list, and the flagship's
//! pulled subsectors and commitments of the berita acara. Pure state and the numbers
//! it shows; the app writes to the store.

use std::collections::BTreeMap;

use super::Screen;
use super::bindings::{Action, Mode, key};
use super::input::LineInput;
use super::queue::{Effect, Go};
use super::recovery::Change;
use crate::actor::Actor;
use crate::assessment::{AgreedKind, Assessment, compute_results, consolidated, results_for_levels};
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::scoring::{self, Answer, Basis, SlotKey};
use crate::workshop::{Attendee, Commitment, LinkedIndicator, Visit};

/// The helix groups whose answers make the region's level, in column order.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WTab {
    Agenda,
    Matrix,
    Session,
    Visits,
    VerifyFirst,
    Commitments,
    /// The region, period, candidates and respondents, to correct them.
    Profile,
}

pub const WTABS: &[WTab] = &[
    WTab::Agenda,
    WTab::Matrix,
    WTab::Session,
    WTab::Visits,
    WTab::VerifyFirst,
    WTab::Commitments,
    WTab::Profile,
];

impl WTab {
    /// The tab to the right (after the last: the first).
    pub fn next(self) -> WTab {
        let i = WTABS.iter().position(|t| *t == self).unwrap_or(0);
        WTABS[(i + 1) % WTABS.len()]
    }

    /// The tab to the left (before the first: the last).
    pub fn prev(self) -> WTab {
        let i = WTABS.iter().position(|t| *t == self).unwrap_or(0);
        WTABS[(i + WTABS.len() - 1) % WTABS.len()]
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            WTab::Agenda => lang.pick("Agenda DKT", "DKT agenda"),
            WTab::Matrix => lang.pick("Matriks", "Matrix"),
            WTab::Session => lang.pick("Sesi & hadir", "Session"),
            WTab::Visits => lang.pick("Kunjungan", "Visits"),
            WTab::VerifyFirst => lang.pick("Uji dulu", "Verify first"),
            WTab::Commitments => lang.pick("Komitmen", "Commitments"),
            WTab::Profile => lang.pick("Profil", "Profile"),
        }
    }
}

/// One group's answers to an indicator: mean, and the spread inside the group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSpread {
    pub group: String,
    pub mean: f64,
    pub min: i64,
    pub max: i64,
    pub n: usize,
}

/// A respondent's note or evidence on an indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remark {
    pub who: String,
    pub note: String,
    pub evidence: String,
}

/// One indicator of the discussion agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaRow {
    pub slot: SlotKey,
    pub text: String,
    pub groups: Vec<GroupSpread>,
    /// The region's level (mean of group means), `None` when only N/A was given.
    pub region: Option<f64>,
    pub gap: Option<f64>,
    pub flagged: bool,
    pub consensus: Option<i64>,
    pub remarks: Vec<Remark>,
}

/// The discussion agenda: every indicator some group answered, largest perception gap
/// first (ties keep the framework's order).
pub fn agenda(framework: &Framework, a: &Assessment, lang: Lang) -> Vec<AgendaRow> {
    let summaries = consolidated(a);
    let order = framework_order(framework, &a.candidates);
    let mut rows: Vec<(usize, AgendaRow)> = summaries
        .into_iter()
        // Only what the walk asks (not a removed candidate's answers).
        .filter(|(slot, _)| order.contains(slot))
        .map(|(slot, s)| {
            let mut by_group: BTreeMap<Actor, Vec<i64>> = BTreeMap::new();
            let mut remarks = Vec::new();
            for r in a.respondents.iter().filter(|r| r.actor.is_helix()) {
                if let Some(ans) = r.answer(&slot) {
                    if let (Some(l), false) = (ans.level, ans.na) {
                        by_group.entry(r.actor).or_default().push(l);
                    }
                    if !ans.note.trim().is_empty() || !ans.evidence.trim().is_empty() {
                        remarks.push(Remark {
                            who: format!("{} ({})", r.name, r.actor),
                            note: ans.note.trim().to_string(),
                            evidence: ans.evidence.trim().to_string(),
                        });
                    }
                }
            }
            let groups = Actor::HELIX
                .iter()
                .filter_map(|g| {
                    let levels = by_group.get(g)?;
                    Some(GroupSpread {
                        group: g.to_string(),
                        mean: levels.iter().sum::<i64>() as f64 / levels.len() as f64,
                        min: *levels.iter().min()?,
                        max: *levels.iter().max()?,
                        n: levels.len(),
                    })
                })
                .collect();
            let text = framework
                .indicator(&slot.indicator)
                .map(|(_, i)| i.text.get(lang).to_string())
                .unwrap_or_default();
            let consensus = a
                .agreed
                .iter()
                .find(|g| {
                    g.kind == AgreedKind::Consensus && g.indicator == slot.indicator && g.subsector == slot.subsector
                })
                .and_then(|g| g.level);
            let position = order.iter().position(|s| *s == slot).unwrap_or(usize::MAX);
            let flagged = s.gap_flagged();
            (
                position,
                AgendaRow {
                    text,
                    groups,
                    region: s.region.level(),
                    gap: s.gap,
                    flagged,
                    consensus,
                    remarks,
                    slot,
                },
            )
        })
        .collect();
    rows.sort_by(|(pa, a), (pb, b)| b.gap.unwrap_or(-1.0).total_cmp(&a.gap.unwrap_or(-1.0)).then(pa.cmp(pb)));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Every slot of the walk, in the framework's order.
pub fn framework_order(framework: &Framework, candidates: &[String]) -> Vec<SlotKey> {
    super::walk::entries(framework, candidates)
        .into_iter()
        .flat_map(|e| {
            let pillar = framework.pillars.get(e.pillar);
            e.indicators
                .iter()
                .filter_map(|i| pillar.and_then(|p| p.indicators.get(*i)))
                .map(|ind| SlotKey::new(&ind.id, e.subsector.as_deref()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// One pillar of the matrix: each helix group's pillar score (from that group's own
/// answers), and the gap between the highest and the lowest.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    pub pillar: String,
    pub title: String,
    pub scores: Vec<Option<f64>>,
    pub gap: Option<f64>,
}

/// The pillars × helix groups matrix, for the self-assessed headline candidate.
pub fn matrix(framework: &Framework, a: &Assessment, lang: Lang) -> (Option<String>, Vec<MatrixRow>) {
    let self_results = compute_results(framework, a, Basis::SelfAssessed);
    let mut pinned = a.clone();
    pinned.chosen_flagship = a.chosen_flagship.clone().or(self_results.headline.candidate.clone());
    let per_group: Vec<Option<crate::scoring::Scorecard>> = Actor::HELIX
        .iter()
        .map(|g| {
            let mut only = pinned.clone();
            only.respondents.retain(|r| r.actor == *g);
            if only.respondents.is_empty() {
                return None;
            }
            let levels: scoring::Levels = consolidated(&only)
                .into_iter()
                .map(|(slot, s)| (slot, s.region))
                .filter(|(_, v)| matches!(v, Answer::Level(_) | Answer::NotApplicable))
                .collect();
            Some(results_for_levels(framework, &pinned, Basis::SelfAssessed, levels).headline)
        })
        .collect();
    let rows = framework
        .pillars
        .iter()
        .map(|p| {
            let scores: Vec<Option<f64>> = per_group
                .iter()
                .map(|card| {
                    card.as_ref()
                        .and_then(|c| c.pillars.iter().find(|x| x.pillar == p.id))
                        .and_then(|x| x.score)
                })
                .collect();
            let present: Vec<f64> = scores.iter().flatten().copied().collect();
            let gap = (present.len() >= 2).then(|| {
                present.iter().copied().fold(f64::MIN, f64::max) - present.iter().copied().fold(f64::MAX, f64::min)
            });
            MatrixRow {
                pillar: p.id.clone(),
                title: p.title.get(lang).to_string(),
                scores,
                gap,
            }
        })
        .collect();
    (pinned.chosen_flagship, rows)
}

/// An indicator worth checking at uji petik.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyFirst {
    pub slot: SlotKey,
    pub text: String,
    pub self_level: f64,
    pub consensus: Option<i64>,
    /// |consensus − self-assessed|, 0 without a consensus level.
    pub difference: f64,
    /// Headline points the indicator could still add.
    pub gain: f64,
}

/// Indicators not yet verified, largest difference between self-assessment and
/// consensus first, then highest potential gain (a 3-day visit cannot check them all).
pub fn verify_first(framework: &Framework, a: &Assessment, lang: Lang) -> Vec<VerifyFirst> {
    let results = compute_results(framework, a, Basis::SelfAssessed);
    let summaries = consolidated(a);
    let verified = a.agreed_levels(AgreedKind::Verified);
    let mut out: Vec<VerifyFirst> = results
        .gains
        .iter()
        .filter(|g| !verified.contains_key(&g.slot))
        .filter_map(|g| {
            let self_level = summaries.get(&g.slot)?.region.level()?;
            let consensus = a
                .agreed
                .iter()
                .find(|x| {
                    x.kind == AgreedKind::Consensus
                        && x.indicator == g.slot.indicator
                        && x.subsector == g.slot.subsector
                })
                .and_then(|x| x.level);
            Some(VerifyFirst {
                text: framework
                    .indicator(&g.slot.indicator)
                    .map(|(_, i)| i.text.get(lang).to_string())
                    .unwrap_or_default(),
                difference: consensus.map(|c| (c as f64 - self_level).abs()).unwrap_or(0.0),
                gain: g.gain,
                self_level,
                consensus,
                slot: g.slot.clone(),
            })
        })
        .collect();
    out.sort_by(|x, y| y.difference.total_cmp(&x.difference).then(y.gain.total_cmp(&x.gain)));
    out
}

/// What a record form edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordTarget {
    Session,
    /// A new attendee (`None`) or the one at that index.
    Attendee(Option<usize>),
    Visit(Option<usize>),
    Commitment(Option<usize>),
    Pulled,
    /// The region, period and candidates.
    Profile,
    /// The respondent at that index.
    Respondent(usize),
}

/// A small form of one-line fields over the workshop screen.
#[derive(Clone, Debug)]
pub struct RecordForm {
    pub target: RecordTarget,
    pub title: String,
    pub labels: Vec<String>,
    pub fields: Vec<LineInput>,
    pub focus: usize,
    pub error: Option<String>,
}

impl RecordForm {
    fn new(target: RecordTarget, title: &str, fields: Vec<(&str, String)>) -> RecordForm {
        RecordForm {
            target,
            title: title.to_string(),
            labels: fields.iter().map(|(l, _)| l.to_string()).collect(),
            fields: fields.iter().map(|(_, v)| LineInput::new(v)).collect(),
            focus: 0,
            error: None,
        }
    }

    pub fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|f| f.text().trim().to_string())
            .unwrap_or_default()
    }

    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    pub fn is_last(&self) -> bool {
        self.focus + 1 >= self.fields.len()
    }
}

#[derive(Clone, Debug)]
pub struct WorkshopState {
    pub assessment: Assessment,
    pub framework: Framework,
    pub tab: WTab,
    pub selected: usize,
    pub agenda: Vec<AgendaRow>,
    pub matrix: (Option<String>, Vec<MatrixRow>),
    pub verify_first: Vec<VerifyFirst>,
    pub form: Option<RecordForm>,
    /// The row a first Del asked to remove (a second Del removes it).
    pub confirm_remove: Option<(WTab, usize)>,
}

impl WorkshopState {
    pub fn new(assessment: Assessment, framework: Framework, lang: Lang) -> WorkshopState {
        let mut s = WorkshopState {
            assessment,
            framework,
            tab: WTab::Agenda,
            selected: 0,
            agenda: Vec::new(),
            matrix: (None, Vec::new()),
            verify_first: Vec::new(),
            form: None,
            confirm_remove: None,
        };
        s.refresh(lang);
        s
    }

    pub fn refresh(&mut self, lang: Lang) {
        self.agenda = agenda(&self.framework, &self.assessment, lang);
        self.matrix = matrix(&self.framework, &self.assessment, lang);
        self.verify_first = verify_first(&self.framework, &self.assessment, lang);
        self.selected = self.selected.min(self.rows().saturating_sub(1));
    }

    pub fn tab(&self) -> WTab {
        self.tab
    }

    pub fn next_tab(&mut self, forward: bool) {
        self.tab = if forward { self.tab.next() } else { self.tab.prev() };
        self.selected = 0;
        self.confirm_remove = None;
    }

    /// How many selectable rows the tab has.
    pub fn rows(&self) -> usize {
        let w = &self.assessment.workshop;
        match self.tab() {
            WTab::Agenda => self.agenda.len(),
            WTab::Matrix => 0,
            WTab::Session => w.attendance.len(),
            WTab::Visits => w.visits.len(),
            WTab::VerifyFirst => self.verify_first.len(),
            WTab::Commitments => w.commitments.len(),
            WTab::Profile => self.assessment.respondents.len(),
        }
    }

    pub fn move_selection(&mut self, down: bool) {
        let n = self.rows();
        self.selected = if down {
            (self.selected + 1).min(n.saturating_sub(1))
        } else {
            self.selected.saturating_sub(1)
        };
        self.confirm_remove = None;
    }

    /// The indicator Enter opens: in the consensus walk from the agenda, in the
    /// verification walk from the "verify first" list.
    pub fn selected_slot(&self) -> Option<(AgreedKind, SlotKey)> {
        match self.tab() {
            WTab::Agenda => self
                .agenda
                .get(self.selected)
                .map(|r| (AgreedKind::Consensus, r.slot.clone())),
            WTab::VerifyFirst => self
                .verify_first
                .get(self.selected)
                .map(|r| (AgreedKind::Verified, r.slot.clone())),
            _ => None,
        }
    }

    /// The form `n` (new) or `e` (edit) opens on the current tab.
    pub fn open_form(&mut self, edit: bool, lang: Lang) {
        let w = &self.assessment.workshop;
        let sel = self.selected;
        let form = match (self.tab(), edit) {
            (WTab::Session, false) => RecordForm::new(
                RecordTarget::Attendee(None),
                lang.pick("Peserta DKT", "Attendee"),
                attendee_fields(None, lang),
            ),
            (WTab::Session | WTab::Agenda | WTab::Matrix, true) => {
                let s = &w.session;
                RecordForm::new(
                    RecordTarget::Session,
                    lang.pick("Sesi DKT", "Discussion session"),
                    vec![
                        (
                            lang.pick("Tanggal (mis. 2026-03-14)", "Date (e.g. 2026-03-14)"),
                            s.date.clone(),
                        ),
                        (lang.pick("Tempat", "Place"), s.place.clone()),
                        (lang.pick("Fasilitator", "Facilitator"), s.facilitator.clone()),
                    ],
                )
            }
            (WTab::Visits, _) => {
                let v = if edit { w.visits.get(sel) } else { None };
                if edit && v.is_none() {
                    return;
                }
                RecordForm::new(
                    RecordTarget::Visit(if edit { Some(sel) } else { None }),
                    lang.pick("Kunjungan uji petik", "Uji petik visit"),
                    vec![
                        (
                            lang.pick("Tanggal", "Date"),
                            v.map(|v| v.date.clone()).unwrap_or_default(),
                        ),
                        (
                            lang.pick("Lokasi/aktor yang dikunjungi", "Site or actor visited"),
                            v.map(|v| v.site.clone()).unwrap_or_default(),
                        ),
                        (
                            lang.pick("Subsektor (id, boleh kosong)", "Subsector (id, may be empty)"),
                            v.and_then(|v| v.subsector.clone()).unwrap_or_default(),
                        ),
                        (
                            lang.pick("Peran narasumber", "Interviewee's role"),
                            v.map(|v| v.interviewee_role.clone()).unwrap_or_default(),
                        ),
                        (
                            lang.pick("Asesor", "Assessors"),
                            v.map(|v| v.assessors.clone()).unwrap_or_default(),
                        ),
                    ],
                )
            }
            (WTab::Commitments, _) => {
                let c = if edit { w.commitments.get(sel) } else { None };
                if edit && c.is_none() {
                    return;
                }
                RecordForm::new(
                    RecordTarget::Commitment(if edit { Some(sel) } else { None }),
                    lang.pick("Komitmen", "Commitment"),
                    vec![
                        (
                            lang.pick("Komitmen", "Commitment"),
                            c.map(|c| c.text.clone()).unwrap_or_default(),
                        ),
                        (
                            lang.pick("Kelompok (A/B/C/G/M, boleh kosong)", "Group (A/B/C/G/M, may be empty)"),
                            c.and_then(|c| c.actor).map(|a| a.to_string()).unwrap_or_default(),
                        ),
                        (
                            lang.pick("Organisasi", "Organisation"),
                            c.map(|c| c.organisation.clone()).unwrap_or_default(),
                        ),
                        (
                            lang.pick("Tenggat", "Deadline"),
                            c.map(|c| c.deadline.clone()).unwrap_or_default(),
                        ),
                        (
                            lang.pick(
                                "Indikator terkait (id[@subsektor], dipisah koma)",
                                "Linked indicators (id[@subsector], comma-separated)",
                            ),
                            c.map(|c| linked_text(&c.indicators)).unwrap_or_default(),
                        ),
                    ],
                )
            }
            (WTab::Profile, true) => {
                let Some(r) = self.assessment.respondents.get(sel) else {
                    return;
                };
                RecordForm::new(
                    RecordTarget::Respondent(sel),
                    lang.pick("Responden", "Respondent"),
                    vec![
                        (lang.pick("Nama", "Name"), r.name.clone()),
                        (lang.pick("Organisasi", "Organisation"), r.organisation.clone()),
                        (
                            lang.pick("Kelompok (A/B/C/G/M/asesor)", "Group (A/B/C/G/M/asesor)"),
                            r.actor.to_string(),
                        ),
                    ],
                )
            }
            _ => return,
        };
        self.form = Some(form);
    }

    /// The profile form (`p` on the profile tab).
    pub fn open_profile(&mut self, lang: Lang) {
        let a = &self.assessment;
        self.form = Some(RecordForm::new(
            RecordTarget::Profile,
            lang.pick("Profil penilaian", "Assessment profile"),
            vec![
                (lang.pick("Nama daerah", "Region name"), a.region.name.clone()),
                (
                    lang.pick("Jenis (kota/kabupaten)", "Kind (kota/kabupaten)"),
                    a.region.kind.as_str().to_string(),
                ),
                (lang.pick("Provinsi", "Province"), a.region.province.clone()),
                (lang.pick("Periode", "Period"), a.period.clone()),
                (
                    lang.pick(
                        "Subsektor kandidat (id, dipisah koma)",
                        "Candidate subsectors (ids, comma-separated)",
                    ),
                    a.candidates.join(", "),
                ),
            ],
        ));
    }

    /// The pulled-subsector form (`p` on the commitments tab).
    pub fn open_pulled(&mut self, lang: Lang) {
        self.form = Some(RecordForm::new(
            RecordTarget::Pulled,
            lang.pick("Subsektor yang dihela unggulan", "Subsectors the flagship pulls along"),
            vec![(
                lang.pick("Subsektor (id, dipisah koma)", "Subsectors (ids, comma-separated)"),
                self.assessment.workshop.pulled.join(", "),
            )],
        ));
    }
}

fn attendee_fields(a: Option<&Attendee>, lang: Lang) -> Vec<(&'static str, String)> {
    vec![
        (lang.pick("Nama", "Name"), a.map(|a| a.name.clone()).unwrap_or_default()),
        (
            lang.pick("Organisasi", "Organisation"),
            a.map(|a| a.organisation.clone()).unwrap_or_default(),
        ),
        (
            lang.pick("Kelompok (A/B/C/G/M/asesor)", "Group (A/B/C/G/M/asesor)"),
            a.map(|a| a.actor.to_string()).unwrap_or_default(),
        ),
    ]
}

pub fn linked_text(list: &[LinkedIndicator]) -> String {
    list.iter()
        .map(|l| match &l.subsector {
            Some(s) => format!("{}@{s}", l.indicator),
            None => l.indicator.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads "id, id@subsektor" against the framework and the candidates.
pub fn parse_linked(
    text: &str,
    framework: &Framework,
    candidates: &[String],
    lang: Lang,
) -> Result<Vec<LinkedIndicator>, String> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (id, sub) = match part.split_once('@') {
            Some((i, s)) => (i.trim(), Some(s.trim().to_string())),
            None => (part, None),
        };
        let Some((pillar, _)) = framework.indicator(id) else {
            return Err(format!(
                "{} \"{id}\"",
                lang.pick("indikator tidak dikenal:", "unknown indicator:")
            ));
        };
        let sub = match (pillar.scope, sub) {
            (crate::framework::Scope::Region, _) => None,
            (crate::framework::Scope::Subsector, Some(s)) if candidates.contains(&s) => Some(s),
            (crate::framework::Scope::Subsector, Some(s)) => {
                return Err(format!(
                    "{} \"{s}\"",
                    lang.pick("bukan subsektor kandidat:", "not a candidate subsector:")
                ));
            }
            (crate::framework::Scope::Subsector, None) => match candidates {
                [only] => Some(only.clone()),
                _ => {
                    return Err(format!(
                        "{id}: {}",
                        lang.pick(
                            "sebutkan subsektornya, mis. id@kuliner",
                            "name its subsector, e.g. id@kuliner"
                        )
                    ));
                }
            },
        };
        let linked = LinkedIndicator {
            indicator: id.to_string(),
            subsector: sub,
        };
        if !out.contains(&linked) {
            out.push(linked);
        }
    }
    Ok(out)
}

/// What a submitted form changes in the workshop record, or the error to show.
pub fn apply_form(state: &mut WorkshopState, lang: Lang) -> Result<(), String> {
    let Some(form) = state.form.clone() else {
        return Ok(());
    };
    let w = &mut state.assessment.workshop;
    let v = |i| form.value(i);
    match form.target {
        RecordTarget::Session => {
            w.session.date = v(0);
            w.session.place = v(1);
            w.session.facilitator = v(2);
        }
        RecordTarget::Attendee(at) => {
            if v(0).is_empty() {
                return Err(lang.pick("isi nama peserta", "enter the attendee's name").into());
            }
            let actor = Actor::parse_typed(&v(2)).ok_or_else(|| {
                lang.pick("kelompok: A, B, C, G, M atau asesor", "group: A, B, C, G, M or asesor")
                    .to_string()
            })?;
            let person = Attendee {
                name: v(0),
                organisation: v(1),
                actor,
            };
            match at.and_then(|i| w.attendance.get_mut(i)) {
                Some(x) => *x = person,
                None => w.attendance.push(person),
            }
        }
        RecordTarget::Visit(at) => {
            if v(1).is_empty() {
                return Err(lang
                    .pick(
                        "isi lokasi atau aktor yang dikunjungi",
                        "enter the site or actor visited",
                    )
                    .into());
            }
            let sub = v(2);
            if !sub.is_empty() && !state.assessment.candidates.contains(&sub) {
                return Err(format!(
                    "{} {}",
                    lang.pick(
                        "subsektor bukan kandidat; pilih dari:",
                        "not a candidate subsector; choose from:"
                    ),
                    state.assessment.candidates.join(", ")
                ));
            }
            let visit = Visit {
                date: v(0),
                site: v(1),
                subsector: (!sub.is_empty()).then_some(sub),
                interviewee_role: v(3),
                assessors: v(4),
            };
            match at.and_then(|i| w.visits.get_mut(i)) {
                Some(x) => *x = visit,
                None => w.visits.push(visit),
            }
        }
        RecordTarget::Commitment(at) => {
            if v(0).is_empty() {
                return Err(lang.pick("isi komitmennya", "enter the commitment").into());
            }
            let typed = v(1);
            let group = Actor::parse_typed(&typed).filter(|a| a.is_helix());
            if !typed.trim().is_empty() && group.is_none() {
                return Err(lang
                    .pick(
                        "kelompok: A, B, C, G atau M (atau kosong)",
                        "group: A, B, C, G or M (or empty)",
                    )
                    .into());
            }
            let indicators = parse_linked(&v(4), &state.framework, &state.assessment.candidates, lang)?;
            let c = Commitment {
                text: v(0),
                actor: group,
                organisation: v(2),
                deadline: v(3),
                indicators,
            };
            match at.and_then(|i| w.commitments.get_mut(i)) {
                Some(x) => *x = c,
                None => w.commitments.push(c),
            }
        }
        RecordTarget::Pulled => {
            let mut list: Vec<String> = Vec::new();
            for s in v(0).split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !state.framework.subsectors.iter().any(|x| x.id == s) {
                    return Err(format!(
                        "{} \"{s}\"",
                        lang.pick("subsektor tidak dikenal:", "unknown subsector:")
                    ));
                }
                if state.assessment.chosen_flagship.as_deref() == Some(s) {
                    return Err(lang
                        .pick(
                            "unggulan tidak menghela dirinya sendiri",
                            "the flagship does not pull itself",
                        )
                        .into());
                }
                if !list.iter().any(|x| x == s) {
                    list.push(s.to_string());
                }
            }
            w.pulled = list;
        }
        RecordTarget::Profile => {
            let kind = crate::assessment::RegionKind::parse(&v(1).to_lowercase()).ok_or_else(|| {
                lang.pick("jenis: kota atau kabupaten", "kind: kota or kabupaten")
                    .to_string()
            })?;
            let province = super::form::PROVINCES
                .iter()
                .find(|p| p.eq_ignore_ascii_case(&v(2)))
                .ok_or_else(|| {
                    format!(
                        "{} \"{}\"",
                        lang.pick("provinsi tidak dikenal:", "unknown province:"),
                        v(2)
                    )
                })?;
            if v(0).is_empty() || v(3).is_empty() {
                return Err(lang
                    .pick("isi nama daerah dan periode", "enter the region name and the period")
                    .into());
            }
            let mut candidates: Vec<String> = Vec::new();
            for c in v(4).split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !state.framework.subsectors.iter().any(|x| x.id == c) {
                    return Err(format!(
                        "{} \"{c}\"",
                        lang.pick("subsektor tidak dikenal:", "unknown subsector:")
                    ));
                }
                if !candidates.iter().any(|x| x == c) {
                    candidates.push(c.to_string());
                }
            }
            if candidates.is_empty() && !state.framework.subsectors.is_empty() {
                return Err(lang
                    .pick(
                        "pilih sedikitnya satu subsektor kandidat",
                        "choose at least one candidate subsector",
                    )
                    .into());
            }
            let a = &mut state.assessment;
            a.region = crate::assessment::Region {
                name: v(0),
                kind,
                province: province.to_string(),
            };
            a.period = v(3);
            if a.chosen_flagship.as_ref().is_some_and(|f| !candidates.contains(f)) {
                a.chosen_flagship = None;
            }
            let flagship = a.chosen_flagship.clone();
            a.workshop.pulled.retain(|p| Some(p) != flagship.as_ref());
            a.candidates = candidates;
        }
        RecordTarget::Respondent(i) => {
            if v(0).is_empty() {
                return Err(lang.pick("isi nama responden", "enter the respondent's name").into());
            }
            let actor = Actor::parse_typed(&v(2)).ok_or_else(|| {
                lang.pick("kelompok: A, B, C, G, M atau asesor", "group: A, B, C, G, M or asesor")
                    .to_string()
            })?;
            if let Some(r) = state.assessment.respondents.get_mut(i) {
                r.name = v(0);
                r.organisation = v(1);
                r.actor = actor;
            }
        }
    }
    Ok(())
}

/// The attendance preselected from the respondents (assessors excluded), used when
/// the facilitator records the session and nobody is on the list yet.
pub fn attendance_from_respondents(a: &Assessment) -> Vec<Attendee> {
    a.respondents
        .iter()
        .filter(|r| r.actor.is_helix())
        .map(|r| Attendee {
            name: r.name.clone(),
            organisation: r.organisation.clone(),
            actor: r.actor,
        })
        .collect()
}

/// The workshop screen's keys, as values: tabs, rows and forms change the screen
/// itself; removing a row (asked once, done on the second Del) is a write; Enter
/// opens the indicator in the consensus or verification walk, Esc the results.
/// The berita acara (`B`) is an [`Effect::WriteReport`] made where the folder it
/// goes to is known (`App::act_workshop`).
pub fn update(w: &mut WorkshopState, action: Action, lang: Lang) -> Vec<Effect> {
    match action {
        Action::NextTab => w.next_tab(true),
        Action::PrevTab => w.next_tab(false),
        Action::Up => w.move_selection(false),
        Action::Down => w.move_selection(true),
        Action::Back => {
            return vec![Effect::Go(Go::Results {
                assessment: w.assessment.id,
                back_to_walk: None,
            })];
        }
        Action::Choose => {
            if let Some((kind, slot)) = w.selected_slot() {
                return vec![Effect::Go(Go::Agreed {
                    assessment: w.assessment.id,
                    kind,
                    at: slot,
                })];
            }
        }
        Action::AddRecord => w.open_form(false, lang),
        Action::EditRecord => w.open_form(true, lang),
        Action::EditPulled if w.tab() == WTab::Profile => w.open_profile(lang),
        Action::EditPulled => w.open_pulled(lang),
        Action::RemoveRecord => {
            let (tab, sel) = (w.tab, w.selected);
            if w.rows() == 0
                || !matches!(
                    w.tab(),
                    WTab::Session | WTab::Visits | WTab::Commitments | WTab::Profile
                )
            {
                return Vec::new();
            }
            if w.confirm_remove != Some((tab, sel)) {
                w.confirm_remove = Some((tab, sel));
                let del = key(Mode::Workshop, Action::RemoveRecord, lang);
                let text = match (w.tab(), w.assessment.respondents.get(sel), lang) {
                    (WTab::Profile, Some(r), Lang::Id) => format!(
                        "Hapus responden {} ({}) beserta semua jawabannya? Tekan {del} sekali lagi untuk menghapus.",
                        r.name, r.actor
                    ),
                    (WTab::Profile, Some(r), Lang::En) => format!(
                        "Remove respondent {} ({}) with all their answers? Press {del} again to remove.",
                        r.name, r.actor
                    ),
                    (_, _, Lang::Id) => format!("Tekan {del} sekali lagi untuk menghapus baris ini."),
                    (_, _, Lang::En) => format!("Press {del} again to remove this row."),
                };
                return vec![Effect::Say(text)];
            }
            w.confirm_remove = None;
            let id = w.assessment.id;
            let tab = w.tab();
            let ws = &mut w.assessment.workshop;
            let write = match tab {
                WTab::Session => {
                    ws.attendance.remove(sel);
                    Change::Attendance {
                        assessment: id,
                        list: ws.attendance.clone(),
                    }
                }
                WTab::Visits => {
                    ws.visits.remove(sel);
                    Change::Visits {
                        assessment: id,
                        list: ws.visits.clone(),
                    }
                }
                WTab::Commitments => {
                    ws.commitments.remove(sel);
                    Change::Commitments {
                        assessment: id,
                        list: ws.commitments.clone(),
                    }
                }
                _ => {
                    let respondent = w.assessment.respondents.remove(sel).id;
                    Change::RemoveRespondent {
                        assessment: id,
                        respondent,
                    }
                }
            };
            w.refresh(lang);
            return vec![Effect::Write(write)];
        }
        _ => {}
    }
    Vec::new()
}

/// The workshop screen's updates: its tabs and rows, and its small form.
impl super::App {
    /// Opens the workshop screen of an assessment.
    pub fn open_workshop(&mut self, id: i64) {
        if let Some((assessment, framework)) = self.load_assessment(id) {
            self.screen = Screen::Workshop(Box::new(WorkshopState::new(assessment, framework, self.lang)));
        }
    }

    pub(super) fn act_workshop(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Workshop(w) = &mut self.screen else {
            return;
        };
        if action == Action::BeritaAcara {
            let path = self
                .report_dir
                .join(super::results::berita_acara_file_name(&w.assessment));
            let effects = vec![Effect::WriteReport {
                document: super::queue::Document::BeritaAcara,
                assessment: w.assessment.id,
                path,
            }];
            return self.commit(effects);
        }
        let effects = update(w, action, lang);
        self.commit(effects);
    }

    /// The workshop's form: Tab/↓ and ↑/S-Tab move, Enter goes on (on the last field
    /// it saves), Ctrl-S/F2 saves, Esc cancels, the rest is typed.
    pub(super) fn act_record_form(&mut self, action: Action) {
        let Screen::Workshop(w) = &mut self.screen else {
            return;
        };
        let Some(form) = &mut w.form else {
            return;
        };
        match action {
            Action::Submit => self.submit_record(),
            Action::Choose if form.is_last() => self.submit_record(),
            Action::Back => w.form = None,
            Action::NextField | Action::Choose => form.move_focus(true),
            Action::PrevField => form.move_focus(false),
            other => {
                if let Some(field) = form.fields.get_mut(form.focus) {
                    field.edit(other);
                }
                form.error = None;
            }
        }
    }

    /// Saves the workshop screen's form: the in-memory record first, then one store write.
    pub(super) fn submit_record(&mut self) {
        let lang = self.lang;
        let Screen::Workshop(w) = &mut self.screen else {
            return;
        };
        let Some(target) = w.form.as_ref().map(|f| f.target.clone()) else {
            return;
        };
        if let Err(message) = apply_form(w, lang) {
            if let Some(form) = &mut w.form {
                form.error = Some(message);
            }
            return;
        }
        w.form = None;
        let id = w.assessment.id;
        let ws = &mut w.assessment.workshop;
        let mut writes: Vec<Change> = Vec::new();
        match target {
            RecordTarget::Session => {
                writes.push(Change::DktSession {
                    assessment: id,
                    session: ws.session.clone(),
                });
                // The respondents are preselected on the attendance list.
                if ws.attendance.is_empty() {
                    let preselected = attendance_from_respondents(&w.assessment);
                    w.assessment.workshop.attendance = preselected;
                    let list = w.assessment.workshop.attendance.clone();
                    if !list.is_empty() {
                        writes.push(Change::Attendance { assessment: id, list });
                    }
                }
            }
            RecordTarget::Attendee(_) => {
                writes.push(Change::Attendance {
                    assessment: id,
                    list: ws.attendance.clone(),
                });
            }
            RecordTarget::Visit(_) => {
                writes.push(Change::Visits {
                    assessment: id,
                    list: ws.visits.clone(),
                });
            }
            RecordTarget::Commitment(_) => {
                writes.push(Change::Commitments {
                    assessment: id,
                    list: ws.commitments.clone(),
                });
            }
            RecordTarget::Pulled => {
                writes.push(Change::Pulled {
                    assessment: id,
                    list: ws.pulled.clone(),
                });
            }
            RecordTarget::Profile => {
                let a = &w.assessment;
                writes.push(Change::Profile {
                    assessment: id,
                    region: a.region.clone(),
                    period: a.period.clone(),
                    candidates: a.candidates.clone(),
                });
            }
            RecordTarget::Respondent(i) => {
                if let Some(r) = w.assessment.respondents.get(i) {
                    writes.push(Change::Respondent {
                        respondent: r.id,
                        name: r.name.clone(),
                        organisation: r.organisation.clone(),
                        actor: r.actor,
                    });
                }
            }
        }
        w.refresh(lang);
        self.commit(writes.into_iter().map(Effect::Write).collect());
    }
}
