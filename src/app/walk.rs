//! The walk through a framework's indicators: the side list of pillar entries (one
//! per candidate subsector for subsector-scoped pillars), the position, and the
//! highlighted level. Pure state; the app writes to the store.

use crate::assessment::{AgreedKind, AgreedLevel, Assessment, Respondent, StoredAnswer, WalkPosition, Walker};
use crate::framework::{Framework, Indicator, Pillar, Scope};
use crate::i18n::Lang;
use crate::scoring::{SlotKey, slot_for};

/// One entry of the side list: a pillar, for one candidate when subsector-scoped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub pillar: usize,
    pub subsector: Option<String>,
    /// Indices of the pillar's indicators asked for this entry.
    pub indicators: Vec<usize>,
}

/// What the walk shows as the answer of a slot, whichever walker recorded it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SlotAnswer {
    pub level: Option<i64>,
    pub na: bool,
    pub note: String,
    pub evidence: String,
}

#[derive(Clone, Debug)]
pub struct WalkState {
    pub assessment: Assessment,
    pub framework: Framework,
    /// Whose levels the walk records: one respondent's self-assessment, the level
    /// agreed in the workshop discussion (*DKT*), or the level an assessor verified
    /// (*uji petik*).
    pub walker: Walker,
    pub entries: Vec<Entry>,
    pub entry: usize,
    pub position: usize,
    /// Highlighted level, as an index into the scale: the current answer, or in the
    /// consensus and verification walks the level nearest the respondents' mean.
    /// `None` on an unanswered indicator of a self-assessment, so a habitual Enter
    /// records nothing (never a silent 0).
    pub highlight: Option<usize>,
    /// The quick self-check: only the framework's `"quick": true` indicators, for this
    /// one candidate subsector (see [`quick_entries`]). `None` walks the full borang.
    pub quick: Option<String>,
    /// The period this one was started from: shown beside each question as
    /// reference, never copied as an answer.
    pub previous: Option<Reference>,
}

/// The candidate a quick check is about: the chosen flagship, else the first candidate.
pub fn quick_candidate(assessment: &Assessment) -> Option<String> {
    assessment
        .chosen_flagship
        .clone()
        .filter(|f| assessment.candidates.contains(f))
        .or_else(|| assessment.candidates.first().cloned())
}

/// The side-list entries of the quick self-check: the quick indicators only, with
/// subsector-scoped pillars asked for `candidate` alone. Empty when the framework marks
/// no indicator `"quick": true` (it then offers no quick mode).
pub fn quick_entries(framework: &Framework, candidate: &str) -> Vec<Entry> {
    entries(framework, &[candidate.to_string()])
        .into_iter()
        .filter_map(|mut e| {
            let pillar = framework.pillars.get(e.pillar)?;
            e.indicators
                .retain(|i| pillar.indicators.get(*i).is_some_and(|ind| ind.quick));
            (!e.indicators.is_empty()).then_some(e)
        })
        .collect()
}

/// The previous period's region level and target per indicator (by the ids of this
/// assessment's framework, through recorded renames).
#[derive(Clone, Debug, Default)]
pub struct Reference {
    pub period: String,
    pub levels: std::collections::HashMap<SlotKey, f64>,
    pub targets: std::collections::HashMap<SlotKey, i64>,
    /// The previous berita acara's commitments linked to each indicator, with their
    /// follow-up when recorded (`compare::walk_reference`).
    pub commitments: std::collections::HashMap<SlotKey, Vec<crate::compare::LinkedCommitment>>,
}

impl Reference {
    /// From the previous assessment and its framework, keyed for `framework_id`.
    pub fn build(previous: &Assessment, previous_framework: &Framework, framework_id: &str) -> Reference {
        let renames = crate::compare::renames(framework_id);
        let key = |slot: &SlotKey| {
            let id = renames
                .get(&slot.indicator)
                .cloned()
                .unwrap_or_else(|| slot.indicator.clone());
            SlotKey::new(&id, slot.subsector.as_deref())
        };
        let results =
            crate::assessment::compute_results(previous_framework, previous, crate::scoring::Basis::SelfAssessed);
        Reference {
            period: previous.period.clone(),
            levels: results
                .levels
                .iter()
                .filter_map(|(slot, a)| match a {
                    crate::scoring::Answer::Level(l) => Some((key(slot), *l)),
                    crate::scoring::Answer::NotApplicable => None,
                })
                .collect(),
            targets: previous
                .targets
                .iter()
                .map(|t| (key(&SlotKey::new(&t.indicator, t.subsector.as_deref())), t.level))
                .collect(),
            commitments: Default::default(),
        }
    }
}

/// The side-list entries of a framework for the given candidates.
pub fn entries(framework: &Framework, candidates: &[String]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (pi, pillar) in framework.pillars.iter().enumerate() {
        let subsectors: Vec<Option<&str>> = match pillar.scope {
            Scope::Region => vec![None],
            Scope::Subsector => candidates.iter().map(|c| Some(c.as_str())).collect(),
        };
        for sub in subsectors {
            let indicators: Vec<usize> = (0..pillar.indicators.len())
                .filter(|i| slot_for(pillar, *i, sub).is_some())
                .collect();
            if !indicators.is_empty() {
                out.push(Entry {
                    pillar: pi,
                    subsector: sub.map(str::to_string),
                    indicators,
                });
            }
        }
    }
    out
}

impl WalkState {
    pub fn new(assessment: Assessment, framework: Framework) -> WalkState {
        let entries = entries(&framework, &assessment.candidates);
        // Whoever walked last resumes, at their own position; nobody yet: the first
        // respondent who is not an assessor.
        let last = assessment
            .last_position()
            .cloned()
            .filter(|p| assessment.has_walker(p.walker));
        let walker = last
            .as_ref()
            .map(|p| p.walker)
            .or_else(|| assessment.first_respondent())
            .or_else(|| assessment.respondents.first().map(|r| Walker::Respondent(r.id)))
            // Nobody to answer as (every respondent removed): id 0 is never a stored
            // row, so such a walk records nothing and says there is no respondent.
            .unwrap_or(Walker::Respondent(0));
        let mut walk = WalkState {
            assessment,
            framework,
            walker,
            entries,
            entry: 0,
            position: 0,
            highlight: None,
            quick: None,
            previous: None,
        };
        if let Some(p) = &last {
            if p.quick && matches!(walk.walker, Walker::Respondent(_)) {
                walk.set_quick(true);
            }
            walk.go_to(&p.slot);
        }
        walk.sync_highlight();
        walk
    }

    /// Goes to where the current walker left off, or, when they have not walked this
    /// assessment yet, to their first unanswered indicator (someone else's position
    /// is not theirs).
    pub fn resume_own_position(&mut self) {
        let own = self.assessment.position_of(self.walker).map(|p| p.slot.clone());
        if !own.is_some_and(|slot| self.go_to(&slot)) {
            self.go_to_first_unanswered();
        }
        self.sync_highlight();
    }

    /// Where this walk is now, for the store to remember for this walker.
    pub fn position(&self) -> Option<WalkPosition> {
        if !self.assessment.has_walker(self.walker) {
            return None;
        }
        Some(WalkPosition {
            walker: self.walker,
            quick: self.quick.is_some(),
            slot: self.slot()?,
        })
    }

    /// Records the current position in memory too, so that switching walkers within
    /// this session finds it (the store write is queued by the caller).
    pub fn remember_position(&mut self) {
        if let Some(p) = self.position() {
            self.assessment.positions.retain(|q| q.walker != p.walker);
            self.assessment.positions.insert(0, p);
        }
    }

    /// Switches between the quick self-check and the full borang, keeping the current
    /// indicator when the other walk has it (the answers are the same slots either way).
    /// Returns false when there is no quick check to switch to: the framework marks no
    /// indicator quick, the assessment has no candidate, or the walk records agreed
    /// levels (the consensus and verification walks always cover the full borang).
    pub fn set_quick(&mut self, quick: bool) -> bool {
        let here = self.slot();
        if quick {
            let Some(candidate) = quick_candidate(&self.assessment) else {
                return false;
            };
            let entries = quick_entries(&self.framework, &candidate);
            if entries.is_empty() || !matches!(self.walker, Walker::Respondent(_)) {
                return false;
            }
            self.entries = entries;
            self.quick = Some(candidate);
        } else {
            self.entries = entries(&self.framework, &self.assessment.candidates);
            self.quick = None;
        }
        self.entry = 0;
        self.position = 0;
        let kept = here.is_some_and(|s| self.go_to(&s));
        if !kept {
            self.go_to_first_unanswered();
        }
        self.sync_highlight();
        true
    }

    /// (answered, total) over the full borang, whichever walk is open.
    pub fn full_progress(&self) -> (usize, usize) {
        if self.quick.is_none() {
            return self.total_progress();
        }
        let full = WalkState {
            entries: entries(&self.framework, &self.assessment.candidates),
            quick: None,
            ..self.clone()
        };
        full.total_progress()
    }

    /// The respondent answering, in a self-assessment walk.
    pub fn respondent(&self) -> Option<&Respondent> {
        let id = self.walker.respondent()?;
        self.assessment.respondents.iter().find(|r| r.id == id)
    }

    /// The stored id of the respondent answering (`None` in the consensus and
    /// verification walks, or when the respondent is no longer there).
    pub fn respondent_id(&self) -> Option<i64> {
        self.respondent().map(|r| r.id)
    }

    /// Who is answering, for the header of the side list.
    pub fn walker_label(&self, lang: Lang) -> String {
        match self.walker {
            Walker::Respondent(_) => self
                .respondent()
                .map(|r| format!("{} ({})", r.name, r.actor))
                .unwrap_or_default(),
            Walker::Consensus => lang.pick("Konsensus (DKT)", "Consensus (DKT)").to_string(),
            Walker::Verified => lang.pick("Verifikasi uji petik", "Uji petik verification").to_string(),
        }
    }

    pub fn current_entry(&self) -> Option<&Entry> {
        self.entries.get(self.entry)
    }

    pub fn pillar(&self) -> Option<&Pillar> {
        self.current_entry().and_then(|e| self.framework.pillars.get(e.pillar))
    }

    pub fn indicator(&self) -> Option<&Indicator> {
        let e = self.current_entry()?;
        let idx = *e.indicators.get(self.position)?;
        self.framework.pillars.get(e.pillar)?.indicators.get(idx)
    }

    pub fn slot(&self) -> Option<SlotKey> {
        let e = self.current_entry()?;
        let ind = self.indicator()?;
        Some(SlotKey::new(&ind.id, e.subsector.as_deref()))
    }

    fn agreed(&self, kind: AgreedKind, slot: &SlotKey) -> Option<&AgreedLevel> {
        self.assessment
            .agreed
            .iter()
            .find(|a| a.kind == kind && a.indicator == slot.indicator && a.subsector == slot.subsector)
    }

    /// The answer the current walker recorded for a slot.
    pub fn answer(&self, slot: &SlotKey) -> Option<SlotAnswer> {
        match self.walker.agreed() {
            None => self.respondent()?.answer(slot).map(|a| SlotAnswer {
                level: a.level,
                na: a.na,
                note: a.note.clone(),
                evidence: a.evidence.clone(),
            }),
            Some(kind) => self.agreed(kind, slot).map(|a| SlotAnswer {
                level: a.level,
                na: a.na,
                note: a.note.clone(),
                evidence: a.evidence.clone(),
            }),
        }
    }

    /// Whether the current walker has an answer for a slot (level or N/A).
    pub fn is_answered(&self, slot: &SlotKey) -> bool {
        self.answer(slot).is_some_and(|a| a.na || a.level.is_some())
    }

    /// (answered, total) for an entry.
    pub fn progress(&self, entry: usize) -> (usize, usize) {
        let Some(e) = self.entries.get(entry) else {
            return (0, 0);
        };
        let Some(p) = self.framework.pillars.get(e.pillar) else {
            return (0, 0);
        };
        let answered = e
            .indicators
            .iter()
            .filter_map(|i| p.indicators.get(*i))
            .filter(|ind| self.is_answered(&SlotKey::new(&ind.id, e.subsector.as_deref())))
            .count();
        (answered, e.indicators.len())
    }

    pub fn total_progress(&self) -> (usize, usize) {
        (0..self.entries.len())
            .map(|i| self.progress(i))
            .fold((0, 0), |(a, t), (x, y)| (a + x, t + y))
    }

    /// Moves the highlight to the current answer; without one, in the consensus and
    /// verification walks to the level nearest the respondents' consolidated mean
    /// (halves round up), and otherwise to no level at all.
    pub fn sync_highlight(&mut self) {
        let Some(slot) = self.slot() else {
            self.highlight = None;
            return;
        };
        let level = self.answer(&slot).and_then(|a| a.level);
        let index_of = |l: i64| self.framework.scale.iter().position(|s| s.value == l);
        self.highlight = match (level, self.walker) {
            (Some(l), _) => index_of(l),
            (None, Walker::Consensus | Walker::Verified) => match crate::assessment::consolidated(&self.assessment)
                .get(&slot)
                .map(|s| s.region)
            {
                Some(crate::scoring::Answer::Level(mean)) => self
                    .framework
                    .scale
                    .iter()
                    .enumerate()
                    .min_by(|(_, a), (_, b)| {
                        let da = (a.value as f64 - mean).abs();
                        let db = (b.value as f64 - mean).abs();
                        // On a tie the higher level wins: a mean of 2.5 highlights 3.
                        da.total_cmp(&db).then(b.value.cmp(&a.value))
                    })
                    .map(|(i, _)| i),
                _ => None,
            },
            (None, Walker::Respondent(_)) => None,
        };
    }

    pub fn scale_len(&self) -> usize {
        self.framework.scale.len()
    }

    /// Moves the highlight one level; from no highlight, ↓ starts at the first level
    /// and ↑ at the last.
    pub fn move_highlight(&mut self, down: bool) {
        let n = self.scale_len();
        if n == 0 {
            return;
        }
        self.highlight = Some(match (self.highlight, down) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(h), true) => (h + 1).min(n - 1),
            (Some(h), false) => h.saturating_sub(1),
        });
    }

    /// Next indicator, continuing into the next entry; returns false at the very end.
    pub fn next_indicator(&mut self) -> bool {
        let len = self.current_entry().map(|e| e.indicators.len()).unwrap_or(0);
        if self.position + 1 < len {
            self.position += 1;
        } else if self.entry + 1 < self.entries.len() {
            self.entry += 1;
            self.position = 0;
        } else {
            return false;
        }
        self.sync_highlight();
        true
    }

    pub fn prev_indicator(&mut self) -> bool {
        if self.position > 0 {
            self.position -= 1;
        } else if self.entry > 0 {
            self.entry -= 1;
            self.position = self
                .current_entry()
                .map(|e| e.indicators.len().saturating_sub(1))
                .unwrap_or(0);
        } else {
            return false;
        }
        self.sync_highlight();
        true
    }

    pub fn next_pillar(&mut self) {
        if !self.entries.is_empty() {
            self.entry = (self.entry + 1) % self.entries.len();
            self.position = 0;
            self.sync_highlight();
        }
    }

    pub fn prev_pillar(&mut self) {
        if !self.entries.is_empty() {
            self.entry = (self.entry + self.entries.len() - 1) % self.entries.len();
            self.position = 0;
            self.sync_highlight();
        }
    }

    /// Every (entry, position) in walk order.
    fn all_positions(&self) -> Vec<(usize, usize)> {
        self.entries
            .iter()
            .enumerate()
            .flat_map(|(e, entry)| (0..entry.indicators.len()).map(move |p| (e, p)))
            .collect()
    }

    fn slot_at(&self, entry: usize, position: usize) -> Option<SlotKey> {
        let e = self.entries.get(entry)?;
        let ind = self
            .framework
            .pillars
            .get(e.pillar)?
            .indicators
            .get(*e.indicators.get(position)?)?;
        Some(SlotKey::new(&ind.id, e.subsector.as_deref()))
    }

    /// Goes to the next unanswered indicator after the current one (wrapping);
    /// returns false when everything is answered.
    pub fn next_unanswered(&mut self) -> bool {
        let all = self.all_positions();
        let here = all.iter().position(|p| *p == (self.entry, self.position)).unwrap_or(0);
        // In the consensus and verification walks only what respondents answered is
        // waiting for an agreed level.
        let answered_by_respondents = match self.walker {
            Walker::Consensus | Walker::Verified => Some(crate::assessment::consolidated(&self.assessment)),
            Walker::Respondent(_) => None,
        };
        let waiting =
            |s: &SlotKey| !self.is_answered(s) && answered_by_respondents.as_ref().is_none_or(|c| c.contains_key(s));
        let found = (1..=all.len())
            .map(|k| all[(here + k) % all.len()])
            .find(|(e, p)| self.slot_at(*e, *p).is_some_and(|s| waiting(&s)));
        match found {
            Some((e, p)) => {
                self.entry = e;
                self.position = p;
                self.sync_highlight();
                true
            }
            None => false,
        }
    }

    /// Goes to the next indicator (wrapping) whose helix groups differ by 2 levels or
    /// more (⚠); returns false when there is none.
    pub fn next_flagged(&mut self) -> bool {
        let all = self.all_positions();
        if all.is_empty() {
            return false;
        }
        let summaries = crate::assessment::consolidated(&self.assessment);
        let here = all.iter().position(|p| *p == (self.entry, self.position)).unwrap_or(0);
        let found = (1..=all.len()).map(|k| all[(here + k) % all.len()]).find(|(e, p)| {
            self.slot_at(*e, *p)
                .and_then(|s| summaries.get(&s).map(|x| x.gap_flagged()))
                .unwrap_or(false)
        });
        match found {
            Some((e, p)) => {
                self.entry = e;
                self.position = p;
                self.sync_highlight();
                true
            }
            None => false,
        }
    }

    /// Cycles the verification status of the current indicator (verification walk):
    /// none → terverifikasi → tidak sesuai → tidak dikunjungi → none. Returns the slot
    /// and the new status to store.
    pub fn cycle_status(&mut self) -> Option<(SlotKey, Option<crate::workshop::VerifyStatus>)> {
        if self.walker != Walker::Verified {
            return None;
        }
        let slot = self.slot()?;
        let list = &mut self.assessment.agreed;
        let existing = list
            .iter_mut()
            .find(|a| a.kind == AgreedKind::Verified && a.indicator == slot.indicator && a.subsector == slot.subsector);
        let next = crate::workshop::VerifyStatus::cycle(existing.as_ref().and_then(|a| a.status));
        match existing {
            Some(a) => a.status = next,
            None => list.push(AgreedLevel {
                kind: AgreedKind::Verified,
                indicator: slot.indicator.clone(),
                subsector: slot.subsector.clone(),
                level: None,
                na: false,
                note: String::new(),
                evidence: String::new(),
                status: next,
                dissent: String::new(),
            }),
        }
        Some((slot, next))
    }

    /// The dissent recorded with the consensus level of a slot.
    pub fn dissent(&self, slot: &SlotKey) -> String {
        self.agreed(AgreedKind::Consensus, slot)
            .map(|a| a.dissent.clone())
            .unwrap_or_default()
    }

    /// Remembers a dissent in memory (the store write is queued by the caller).
    pub fn remember_dissent(&mut self, slot: &SlotKey, text: &str) {
        let list = &mut self.assessment.agreed;
        match list
            .iter_mut()
            .find(|a| a.kind == AgreedKind::Consensus && a.indicator == slot.indicator && a.subsector == slot.subsector)
        {
            Some(a) => a.dissent = text.to_string(),
            None => list.push(AgreedLevel {
                kind: AgreedKind::Consensus,
                indicator: slot.indicator.clone(),
                subsector: slot.subsector.clone(),
                level: None,
                na: false,
                note: String::new(),
                evidence: String::new(),
                status: None,
                dissent: text.to_string(),
            }),
        }
    }

    /// Goes to the first indicator without an answer of the current walker (or the
    /// first indicator when all are answered).
    pub fn go_to_first_unanswered(&mut self) {
        // Searching on from the last indicator wraps round to the first one waiting.
        if let Some(last) = self.all_positions().last() {
            (self.entry, self.position) = *last;
        }
        if !self.next_unanswered() {
            (self.entry, self.position) = (0, 0);
        }
        self.sync_highlight();
    }

    /// Moves to a slot if it is in the walk.
    pub fn go_to(&mut self, slot: &SlotKey) -> bool {
        let found = self
            .all_positions()
            .into_iter()
            .find(|(e, p)| self.slot_at(*e, *p).as_ref() == Some(slot));
        if let Some((e, p)) = found {
            self.entry = e;
            self.position = p;
            self.sync_highlight();
            return true;
        }
        false
    }

    /// Records an answer in memory (the store write is queued by the caller).
    pub fn remember(&mut self, slot: &SlotKey, update: impl FnOnce(&mut SlotAnswer)) {
        let mut answer = self.answer(slot).unwrap_or_default();
        update(&mut answer);
        match self.walker {
            Walker::Respondent(id) => {
                let Some(r) = self.assessment.respondents.iter_mut().find(|r| r.id == id) else {
                    return;
                };
                let stored = StoredAnswer {
                    indicator: slot.indicator.clone(),
                    subsector: slot.subsector.clone(),
                    level: answer.level,
                    na: answer.na,
                    note: answer.note,
                    evidence: answer.evidence,
                    updated_at: String::new(),
                };
                match r.answers.iter_mut().find(|a| a.slot() == *slot) {
                    Some(existing) => *existing = stored,
                    None => r.answers.push(stored),
                }
            }
            Walker::Consensus | Walker::Verified => {
                let Some(kind) = self.walker.agreed() else {
                    return;
                };
                let agreed = AgreedLevel {
                    kind,
                    indicator: slot.indicator.clone(),
                    subsector: slot.subsector.clone(),
                    level: answer.level,
                    na: answer.na,
                    note: answer.note,
                    evidence: answer.evidence,
                    status: self.agreed(kind, slot).and_then(|a| a.status),
                    dissent: self.agreed(kind, slot).map(|a| a.dissent.clone()).unwrap_or_default(),
                };
                let list = &mut self.assessment.agreed;
                match list
                    .iter_mut()
                    .find(|a| a.kind == kind && a.indicator == slot.indicator && a.subsector == slot.subsector)
                {
                    Some(existing) => *existing = agreed,
                    None => list.push(agreed),
                }
            }
        }
    }
}

// The walk's updates: its keys, answering, and opening it.

use super::bindings::{Action, Mode, key};
use super::draft::DraftTarget;
use super::queue::{Effect, Go};
use super::recovery::Change;
use super::{Overlay, Screen, Status};
use crate::assessment::TextKind;

/// Records a level (or N/A, or with `None, false` nothing) for a slot in the walk's
/// layer — the respondent's answer, or the consensus or verified level — in memory,
/// and returns the store write to commit it. `None` when there is no respondent.
fn record_in_layer(walk: &mut WalkState, slot: &SlotKey, level: Option<i64>, na: bool) -> Option<Change> {
    let id = walk.assessment.id;
    let write = match (walk.walker.agreed(), walk.respondent_id()) {
        (None, Some(respondent)) => Change::Answer {
            respondent,
            slot: slot.clone(),
            level,
            na,
        },
        (Some(kind), _) => Change::AgreedAnswer {
            assessment: id,
            kind,
            slot: slot.clone(),
            level,
            na,
        },
        (None, None) => return None,
    };
    walk.remember(slot, |a| {
        a.level = level;
        a.na = na;
    });
    Some(write)
}

/// Said when a walk has nobody to answer as (an imported assessment without respondents).
fn no_respondent(lang: Lang) -> Status {
    Status::Info(no_respondent_text(lang))
}

fn no_respondent_text(lang: Lang) -> String {
    let a = key(Mode::Start, Action::ChooseLayer, lang);
    match lang {
        Lang::Id => format!("Penilaian ini belum punya responden: di daftar, tekan {a} lalu \"Tambah responden\"."),
        Lang::En => {
            format!("This assessment has no respondent yet: on the list, press {a}, then \"Add a respondent\".")
        }
    }
}

/// The walk's position as a write (quiet, only the newest waits): where it is, for
/// whom it walks.
pub fn position(walk: &mut WalkState) -> Option<Effect> {
    let p = walk.position()?;
    walk.remember_position();
    Some(Effect::Position(Change::Cursor {
        assessment: walk.assessment.id,
        slot: p.slot,
        walker: p.walker,
        quick: p.quick,
    }))
}

/// Answering: the level (or N/A) is recorded in the walk's layer and the walk moves
/// on. Returns the writes (the answer; the assessment complete when the last open
/// indicator of the self-assessment is answered), the new position, and — at the
/// last indicator, where the walk stays — what to say.
pub fn record(walk: &mut WalkState, level: Option<i64>, na: bool, lang: Lang) -> Vec<Effect> {
    let Some(slot) = walk.slot() else {
        return Vec::new();
    };
    let id = walk.assessment.id;
    let Some(write) = record_in_layer(walk, &slot, level, na) else {
        return vec![Effect::Say(no_respondent_text(lang))];
    };
    let mut effects = vec![Effect::Write(write)];
    let advanced = walk.next_indicator();
    if !advanced {
        // At the last indicator the walk stays: the highlight follows the answer.
        walk.sync_highlight();
    }
    let (answered, total) = walk.total_progress();
    let (full_answered, full_total) = walk.full_progress();
    let self_assessment = matches!(walk.walker, Walker::Respondent(_));
    if self_assessment && full_answered == full_total && walk.assessment.status != "complete" {
        walk.assessment.status = "complete".into();
        effects.push(Effect::Write(Change::Status {
            assessment: id,
            status: "complete".into(),
        }));
    }
    if advanced {
        effects.extend(position(walk));
    } else {
        let r = key(Mode::Walk, Action::Results, lang);
        let text = if walk.quick.is_some() && answered == total {
            let c = key(Mode::Walk, Action::QuickCheck, lang);
            match lang {
                Lang::Id => {
                    format!("Tersimpan ✓ — cek cepat selesai. Tekan {r} untuk hasil; {c} melanjutkan borang lengkap.")
                }
                Lang::En => {
                    format!("Saved ✓ — quick check done. Press {r} for results; {c} continues the full borang.")
                }
            }
        } else if answered == total {
            match lang {
                Lang::Id => format!("Tersimpan ✓ — semua indikator terjawab. Tekan {r} untuk hasil."),
                Lang::En => format!("Saved ✓ — every indicator answered. Press {r} for results."),
            }
        } else {
            let g = key(Mode::Walk, Action::NextUnanswered, lang);
            match lang {
                Lang::Id => format!("Tersimpan ✓ — indikator terakhir. Tekan {g} ke yang belum dijawab."),
                Lang::En => format!("Saved ✓ — last indicator. Press {g} for the unanswered ones."),
            }
        };
        effects.push(Effect::Say(text));
    }
    effects
}

/// The walk's keys, as values: moving (with the new position to write), answering
/// and clearing ([`record`], [`clear`]), the uji petik status, the quick check, and
/// where to go (the results, the list); what to say when a key has nothing to do.
pub fn update(walk: &mut WalkState, action: Action, lang: Lang) -> Vec<Effect> {
    let say = |text: &str| vec![Effect::Say(text.to_string())];
    let moved = match action {
        Action::Up => {
            walk.move_highlight(false);
            false
        }
        Action::Down => {
            walk.move_highlight(true);
            false
        }
        Action::Next => walk.next_indicator(),
        Action::Prev => walk.prev_indicator(),
        Action::NextPillar => {
            walk.next_pillar();
            true
        }
        Action::PrevPillar => {
            walk.prev_pillar();
            true
        }
        Action::NextUnanswered => {
            if !walk.next_unanswered() {
                let r = key(Mode::Walk, Action::Results, lang);
                return vec![Effect::Say(match lang {
                    Lang::Id => format!("Semua indikator sudah dijawab — tekan {r} untuk hasil."),
                    Lang::En => format!("Every indicator is answered — press {r} for results."),
                })];
            }
            true
        }
        Action::Choose => {
            let value = walk
                .highlight
                .and_then(|h| walk.framework.scale.get(h))
                .map(|s| s.value);
            return match value {
                Some(v) => record(walk, Some(v), false, lang),
                None => {
                    let (min, max) = walk.framework.scale_range();
                    let (up, down, enter) = (
                        key(Mode::Walk, Action::Up, lang),
                        key(Mode::Walk, Action::Down, lang),
                        key(Mode::Walk, Action::Choose, lang),
                    );
                    vec![Effect::Say(match lang {
                        Lang::Id => {
                            format!("Belum ada tingkat yang disorot: ketik {min}–{max}, atau {up}/{down} lalu {enter}.")
                        }
                        Lang::En => format!("No level is highlighted: type {min}–{max}, or {up}/{down} then {enter}."),
                    })]
                }
            };
        }
        Action::Level(n) => {
            return if walk.framework.scale.iter().any(|s| s.value == i64::from(n)) {
                record(walk, Some(i64::from(n)), false, lang)
            } else {
                vec![Effect::Say(format!(
                    "{} {n}",
                    lang.pick(
                        "Skala kerangka ini tidak punya tingkat",
                        "This framework's scale has no level"
                    )
                ))]
            };
        }
        Action::NotApplicable => {
            return if walk.indicator().is_some_and(|i| i.allow_na) {
                record(walk, None, true, lang)
            } else {
                say(lang.pick(
                    "Indikator ini wajib dinilai (N/A tidak diizinkan).",
                    "This indicator must be rated (N/A is not allowed).",
                ))
            };
        }
        Action::ClearAnswer => return clear(walk, lang),
        Action::NextFlagged => {
            if !walk.next_flagged() {
                return say(lang.pick(
                    "Tidak ada indikator dengan selisih persepsi ⚠ (2 tingkat atau lebih).",
                    "No indicator has a ⚠ perception gap (2 levels or more).",
                ));
            }
            true
        }
        Action::CycleStatus => {
            let id = walk.assessment.id;
            return match walk.cycle_status() {
                Some((slot, status)) => {
                    let label = status
                        .map(|s| s.label(lang))
                        .unwrap_or_else(|| lang.pick("tanpa status", "no status"));
                    vec![
                        Effect::Write(Change::VerifyStatus {
                            assessment: id,
                            slot,
                            status,
                        }),
                        Effect::Say(format!("{} {label} ✓", lang.pick("Status:", "Status:"))),
                    ]
                }
                None => say(lang.pick(
                    "Status verifikasi dicatat di walk verifikasi (uji petik).",
                    "The verification status is recorded in the verification walk (uji petik).",
                )),
            };
        }
        Action::Results => {
            return vec![Effect::Go(Go::Results {
                assessment: walk.assessment.id,
                back_to_walk: walk.slot(),
            })];
        }
        Action::QuickCheck => {
            let to_quick = walk.quick.is_none();
            if !walk.set_quick(to_quick) {
                return vec![Effect::Say(no_quick_check(walk, lang))];
            }
            let mut effects = vec![Effect::Say(quick_switched(walk, lang))];
            effects.extend(position(walk));
            return effects;
        }
        Action::Back => return vec![Effect::Go(Go::Start)],
        _ => false,
    };
    if moved {
        position(walk).into_iter().collect()
    } else {
        Vec::new()
    }
}

/// Clearing: the level or N/A of the current indicator is removed from the walk's
/// layer (notes stay, the walk stays); a complete self-assessment is a draft again.
pub fn clear(walk: &mut WalkState, lang: Lang) -> Vec<Effect> {
    let Some(slot) = walk.slot() else {
        return Vec::new();
    };
    if !walk.is_answered(&slot) {
        return Vec::new();
    }
    let id = walk.assessment.id;
    let Some(write) = record_in_layer(walk, &slot, None, false) else {
        return vec![Effect::Say(no_respondent_text(lang))];
    };
    let mut effects = vec![Effect::Write(write)];
    if matches!(walk.walker, Walker::Respondent(_)) && walk.assessment.status == "complete" {
        // Not every indicator is answered any more.
        walk.assessment.status = "draft".into();
        effects.push(Effect::Write(Change::Status {
            assessment: id,
            status: "draft".into(),
        }));
    }
    effects.push(Effect::Say(lang.pick("Jawaban dihapus ✓", "Answer cleared ✓").into()));
    effects
}

/// Said when the walk switches between the quick check and the full borang.
fn quick_switched(walk: &WalkState, lang: Lang) -> String {
    let (answered, total) = walk.total_progress();
    match &walk.quick {
        Some(candidate) => {
            let label = walk.framework.subsector_label(candidate, lang);
            match lang {
                Lang::Id => {
                    let c = key(Mode::Walk, Action::QuickCheck, lang);
                    format!(
                        "Cek cepat {label}: {total} indikator, ±10 menit ({answered} dijawab). {c} = borang lengkap."
                    )
                }
                Lang::En => {
                    let c = key(Mode::Walk, Action::QuickCheck, lang);
                    format!(
                        "Quick check {label}: {total} indicators, ~10 min ({answered} answered). {c} = full borang."
                    )
                }
            }
        }
        None => match lang {
            Lang::Id => format!("Borang lengkap: {answered}/{total} terjawab; jawaban cek cepat tetap di tempatnya."),
            Lang::En => format!("Full borang: {answered}/{total} answered; the quick-check answers are kept."),
        },
    }
}

/// Why a walk cannot switch to the quick check.
fn no_quick_check(walk: &WalkState, lang: Lang) -> String {
    if !matches!(walk.walker, Walker::Respondent(_)) {
        lang.pick(
            "Pengisian konsensus dan verifikasi selalu mencakup borang lengkap.",
            "The consensus and verification walks always cover the full borang.",
        )
    } else if walk.framework.quick_indicators().next().is_none() {
        lang.pick(
            "Kerangka ini tidak menandai indikator cek cepat; isi borang lengkap.",
            "This framework marks no quick-check indicators; answer the full borang.",
        )
    } else {
        lang.pick(
            "Penilaian ini belum punya subsektor kandidat untuk cek cepat.",
            "This assessment has no candidate subsector for a quick check.",
        )
    }
    .to_string()
}

impl super::App {
    /// Opens the walk of an assessment, at `slot` or where it was left.
    /// The previous period's levels and targets, for a period started from another.
    pub(super) fn reference_for(&self, id: i64, framework_id: &str) -> Option<Reference> {
        crate::compare::walk_reference(&self.store, id, framework_id)
    }

    pub fn open_walk(&mut self, id: i64, slot: Option<&SlotKey>) {
        if let Some((assessment, framework)) = self.load_assessment(id) {
            let mut walk = WalkState::new(assessment, framework);
            walk.previous = self.reference_for(id, &walk.framework.id);
            if let Some(slot) = slot {
                walk.go_to(slot);
            }
            self.screen = Screen::Walk(Box::new(walk));
            self.save_cursor();
        }
    }

    /// Opens the quick self-check of an assessment, as the respondent the walk would
    /// open with (the consensus and verification walks have no quick check).
    pub fn open_quick_check(&mut self, id: i64) {
        let lang = self.lang;
        let Some((assessment, framework)) = self.load_assessment(id) else {
            return;
        };
        let mut walk = WalkState::new(assessment, framework);
        if !matches!(walk.walker, Walker::Respondent(_))
            && let Some(first) = walk
                .assessment
                .first_respondent()
                .or_else(|| walk.assessment.respondents.first().map(|r| Walker::Respondent(r.id)))
        {
            walk.walker = first;
        }
        if walk.respondent_id().is_none() {
            self.status = no_respondent(lang);
            return;
        }
        if walk.quick.is_none() && !walk.set_quick(true) {
            self.status = Status::Info(no_quick_check(&walk, lang));
            return;
        }
        if walk.slot().as_ref().is_some_and(|s| walk.is_answered(s)) {
            walk.go_to_first_unanswered();
        }
        self.status = Status::Info(quick_switched(&walk, lang));
        self.screen = Screen::Walk(Box::new(walk));
        self.save_cursor();
    }

    /// Opens the walk as a chosen respondent, or the consensus or verification walk.
    pub fn open_walk_as(&mut self, id: i64, walker: Walker) {
        let Some((assessment, framework)) = self.load_assessment(id) else {
            return;
        };
        let mut walk = WalkState::new(assessment, framework);
        walk.previous = self.reference_for(id, &walk.framework.id);
        if !walk.assessment.has_walker(walker) {
            return;
        }
        walk.walker = walker;
        // Each walker resumes at their own position; one who has not walked yet starts
        // at their first unanswered indicator.
        walk.resume_own_position();
        self.screen = Screen::Walk(Box::new(walk));
        self.save_cursor();
    }

    pub(super) fn save_cursor(&mut self) {
        if let Screen::Walk(walk) = &mut self.screen
            && let Some(position) = position(walk)
        {
            self.commit(vec![position]);
        }
    }

    /// The walk's keys: the editors, the details and the history open here (they
    /// need the store or an overlay); every other key is [`update`]'s.
    pub(super) fn act_walk(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        match action {
            Action::EditDissent => self.open_dissent_editor(),
            Action::EditNote | Action::EditEvidence => self.open_answer_editor(action == Action::EditEvidence),
            Action::EditBestPractice => self.open_pillar_editor(TextKind::BestPractice),
            Action::EditProblems => self.open_pillar_editor(TextKind::Problem),
            Action::Info => self.open_overlay(Overlay::Info),
            Action::History => {
                let Some(indicator) = walk.indicator().map(|i| i.id.clone()) else {
                    return;
                };
                match self.store.history(walk.assessment.id, Some(&indicator), None) {
                    Ok(changes) => self.open_overlay(Overlay::History(changes)),
                    Err(e) => self.status = Status::Error(e.message(lang)),
                }
            }
            _ => {
                let effects = update(walk, action, lang);
                self.commit(effects);
            }
        }
    }

    pub(super) fn open_answer_editor(&mut self, evidence: bool) {
        let lang = self.lang;
        let Screen::Walk(walk) = &self.screen else {
            return;
        };
        let Some(slot) = walk.slot() else {
            return;
        };
        let current = walk
            .answer(&slot)
            .map(|a| if evidence { a.evidence } else { a.note })
            .unwrap_or_default();
        let assessment = walk.assessment.id;
        let walker = walk.walker;
        if matches!(walker, Walker::Respondent(_)) && walk.respondent_id().is_none() {
            return;
        }
        // Agreed levels have their own note and their own evidence.
        let title = match (walker, evidence) {
            (Walker::Respondent(_), true) => lang.pick("Bukti dukung (rujukan)", "Evidence reference"),
            (Walker::Respondent(_), false) => lang.pick("Catatan", "Note"),
            (Walker::Consensus, false) => lang.pick("Catatan konsensus", "Consensus note"),
            (Walker::Verified, false) => lang.pick("Catatan verifikasi", "Verification note"),
            (Walker::Consensus, true) => lang.pick("Bukti yang dibahas (konsensus)", "Evidence discussed (consensus)"),
            (Walker::Verified, true) => lang.pick("Bukti yang dilihat (uji petik)", "Evidence seen (uji petik)"),
        };
        let target = if evidence {
            DraftTarget::Evidence {
                assessment,
                walker,
                slot,
            }
        } else {
            DraftTarget::Note {
                assessment,
                walker,
                slot,
            }
        };
        self.open_editor(title.to_string(), target, &current);
    }

    pub(super) fn open_pillar_editor(&mut self, kind: TextKind) {
        let lang = self.lang;
        let Screen::Walk(walk) = &self.screen else {
            return;
        };
        let Some(entry) = walk.current_entry() else {
            return;
        };
        let Some(pillar) = walk.framework.pillars.get(entry.pillar) else {
            return;
        };
        let current = walk
            .assessment
            .pillar_text(&pillar.id, entry.subsector.as_deref(), kind)
            .to_string();
        let what = match kind {
            TextKind::BestPractice => lang.pick("Praktik baik", "Best practices"),
            TextKind::Problem => lang.pick("Permasalahan", "Problems"),
        };
        // Named by pillar and subsector, where the text is stored.
        let title = match &entry.subsector {
            Some(sub) => format!(
                "{what} — {} · {}",
                pillar.title.get(lang),
                walk.framework.subsector_label(sub, lang)
            ),
            None => format!("{what} — {}", pillar.title.get(lang)),
        };
        let target = DraftTarget::PillarText {
            assessment: walk.assessment.id,
            pillar: pillar.id.clone(),
            subsector: entry.subsector.clone(),
            kind,
        };
        self.open_editor(title, target, &current);
    }

    pub(super) fn open_dissent_editor(&mut self) {
        let lang = self.lang;
        let Screen::Walk(walk) = &self.screen else {
            return;
        };
        if walk.walker != Walker::Consensus {
            self.status = Status::Info(
                lang.pick(
                    "Ketidaksepakatan dicatat di walk konsensus (DKT).",
                    "A dissent is recorded in the consensus walk (DKT).",
                )
                .into(),
            );
            return;
        }
        let Some(slot) = walk.slot() else {
            return;
        };
        let current = walk.dissent(&slot);
        let target = DraftTarget::Dissent {
            assessment: walk.assessment.id,
            slot,
        };
        let title = lang.pick(
            "Tidak sepakat (mis. \"Komunitas tidak sepakat: …\")",
            "Dissent (e.g. \"Community disagrees: …\")",
        );
        self.open_editor(title.to_string(), target, &current);
    }
}
