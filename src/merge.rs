//! Merging workshop laptops: several laptops collect respondents for the same region,
//! period and framework; importing their exports merges them into one assessment.
//!
//! Respondents are matched by the stable id (`uid`) their export carries; an export
//! from before it existed falls back to name (any case and spacing) and helix group.
//! A respondent not yet there is added with all their answers; for one already there,
//! answers to indicators they had not answered are added, identical ones change
//! nothing, and different ones are conflicts: refused by default, or decided by
//! `updated_at` with [`Prefer::Newer`]. Pillar texts, agreed levels and targets the
//! assessment lacks are added; where it already has a different one, it keeps its own
//! and the report counts it.

use crate::assessment::{Assessment, Respondent, StoredAnswer};
use crate::regions::fold;
use crate::scoring::SlotKey;
use crate::store::MergeWrite;

/// How conflicting answers are decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefer {
    /// Refuse the file and list the conflicts.
    Refuse,
    /// Keep the answer with the later `updated_at` (the stored one when equal).
    Newer,
}

/// Two different answers of one respondent to one indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub respondent: String,
    pub slot: SlotKey,
    pub stored: StoredAnswer,
    pub incoming: StoredAnswer,
    /// With [`Prefer::Newer`]: whether the incoming answer was taken.
    pub took_incoming: bool,
}

/// What a merge adds, and what it found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergePlan {
    pub write: MergeWrite,
    pub respondents_added: usize,
    pub answers_added: usize,
    pub answers_replaced: usize,
    pub conflicts: Vec<Conflict>,
    /// Pillar texts, agreed levels and targets that differ from the stored ones,
    /// which were kept.
    pub kept_own: usize,
}

impl MergePlan {
    /// Whether the merge adds or changes nothing.
    pub fn is_empty(&self) -> bool {
        self.write == MergeWrite::default()
    }
}

fn same_answer(a: &StoredAnswer, b: &StoredAnswer) -> bool {
    a.level == b.level && a.na == b.na && a.note == b.note && a.evidence == b.evidence
}

fn matches(stored: &Respondent, incoming: &Respondent) -> bool {
    if incoming.uid.is_empty() {
        fold(&stored.name) == fold(&incoming.name) && stored.actor == incoming.actor
    } else {
        stored.uid == incoming.uid
    }
}

/// What merging `incoming` (validated against the same framework snapshot) into
/// `stored` would write.
pub fn plan(stored: &Assessment, incoming: &Assessment, prefer: Prefer) -> MergePlan {
    let mut p = MergePlan::default();
    for r in &incoming.respondents {
        match stored.respondents.iter().find(|s| matches(s, r)) {
            None => {
                // Two entries of one new respondent in one file become one.
                if let Some(added) = p.write.new_respondents.iter_mut().find(|s| matches(s, r)) {
                    for a in &r.answers {
                        if added.answer(&a.slot()).is_none() {
                            added.answers.push(a.clone());
                            p.answers_added += 1;
                        }
                    }
                    continue;
                }
                p.respondents_added += 1;
                p.answers_added += r.answers.len();
                let mut new = r.clone();
                new.id = 0;
                p.write.new_respondents.push(new);
            }
            Some(s) => {
                for a in &r.answers {
                    let slot = a.slot();
                    match s.answer(&slot) {
                        None => {
                            if !p.write.answers.iter().any(|(id, x)| *id == s.id && x.slot() == slot) {
                                p.write.answers.push((s.id, a.clone()));
                                p.answers_added += 1;
                            }
                        }
                        Some(old) if same_answer(old, a) => {}
                        Some(old) => {
                            let took = prefer == Prefer::Newer && a.updated_at > old.updated_at;
                            if took {
                                p.write.answers.push((s.id, a.clone()));
                                p.answers_replaced += 1;
                            }
                            p.conflicts.push(Conflict {
                                respondent: s.name.clone(),
                                slot,
                                stored: old.clone(),
                                incoming: a.clone(),
                                took_incoming: took,
                            });
                        }
                    }
                }
            }
        }
    }
    for t in &incoming.pillar_texts {
        match stored
            .pillar_texts
            .iter()
            .find(|s| s.pillar == t.pillar && s.subsector == t.subsector && s.kind == t.kind)
        {
            None => p.write.texts.push(t.clone()),
            Some(s) if s.body == t.body => {}
            Some(_) => p.kept_own += 1,
        }
    }
    for g in &incoming.agreed {
        match stored
            .agreed
            .iter()
            .find(|s| s.kind == g.kind && s.indicator == g.indicator && s.subsector == g.subsector)
        {
            None => p.write.agreed.push(g.clone()),
            Some(s) if s == g => {}
            Some(_) => p.kept_own += 1,
        }
    }
    for t in &incoming.targets {
        match stored
            .targets
            .iter()
            .find(|s| s.indicator == t.indicator && s.subsector == t.subsector)
        {
            None => p.write.targets.push(t.clone()),
            Some(s) if s.level == t.level => {}
            Some(_) => p.kept_own += 1,
        }
    }
    p
}

/// "sari · kreasi.talenta/kuliner: tingkat 2 (2026-11-02T10:00:00Z) ≠ 3 (2026-11-02T11:30:00Z)".
pub fn describe_conflict(c: &Conflict, lang: crate::i18n::Lang) -> String {
    let value = |a: &StoredAnswer| {
        if a.na {
            "N/A".to_string()
        } else {
            a.level.map(|l| l.to_string()).unwrap_or_else(|| "—".into())
        }
    };
    let slot = match &c.slot.subsector {
        Some(s) => format!("{}/{s}", c.slot.indicator),
        None => c.slot.indicator.clone(),
    };
    let when = |a: &StoredAnswer| {
        if a.updated_at.is_empty() {
            "?".to_string()
        } else {
            a.updated_at.clone()
        }
    };
    let (stored, incoming) = (&c.stored, &c.incoming);
    let differs_only_in_text = stored.level == incoming.level && stored.na == incoming.na;
    let what = match lang {
        crate::i18n::Lang::Id if differs_only_in_text => " (catatan/bukti berbeda)",
        crate::i18n::Lang::En if differs_only_in_text => " (note/evidence differ)",
        _ => "",
    };
    let kept = match (lang, c.took_incoming) {
        (crate::i18n::Lang::Id, true) => " → dipakai yang dari berkas (lebih baru)",
        (crate::i18n::Lang::En, true) => " → the file's (newer) is kept",
        _ => "",
    };
    format!(
        "{} · {slot}: {} {} ({}) ≠ {} ({}){what}{kept}",
        c.respondent,
        crate::i18n::Lang::pick(lang, "tersimpan", "stored"),
        value(stored),
        when(stored),
        value(incoming),
        when(incoming),
    )
}
