//! Text being edited that is not saved yet. The editor keeps the latest text in a
//! shared slot so the signal thread can save it when the SSH link drops, without
//! relying on the UI loop.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::assessment::{AgreedKind, TextKind, Walker};
use crate::scoring::SlotKey;
use crate::store::{AgreedText, Result, Store};

/// Where an edited text belongs. Recovery files written before walkers had a type
/// still read: `note`/`evidence` with a bare `"respondent": 3`, and `agreed_note`,
/// `agreed_evidence` (with `"kind"`) and `agreed_dissent`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum DraftTarget {
    /// The note of the walker's answer: a respondent's, or a consensus or verified level's.
    #[serde(alias = "agreed_note")]
    Note {
        /// Unused for a respondent (their id is the answer's key); 0 in older files.
        #[serde(default)]
        assessment: i64,
        #[serde(alias = "respondent", alias = "kind")]
        walker: Walker,
        slot: SlotKey,
    },
    /// The evidence reference of the walker's answer.
    #[serde(alias = "agreed_evidence")]
    Evidence {
        #[serde(default)]
        assessment: i64,
        #[serde(alias = "respondent", alias = "kind")]
        walker: Walker,
        slot: SlotKey,
    },
    /// Who did not agree with a consensus level, and why.
    #[serde(alias = "agreed_dissent")]
    Dissent { assessment: i64, slot: SlotKey },
    PillarText {
        assessment: i64,
        pillar: String,
        subsector: Option<String>,
        kind: TextKind,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub target: DraftTarget,
    pub text: String,
}

/// The open draft, shared with the signal thread.
pub type SharedDraft = Arc<Mutex<Option<Draft>>>;

/// Writes a draft to the store (one committed transaction).
pub fn save_draft(store: &mut Store, draft: &Draft) -> Result<()> {
    let text = &draft.text;
    match &draft.target {
        DraftTarget::Note {
            assessment,
            walker,
            slot,
        } => save_answer_text(store, *assessment, *walker, slot, AgreedText::Note, text),
        DraftTarget::Evidence {
            assessment,
            walker,
            slot,
        } => save_answer_text(store, *assessment, *walker, slot, AgreedText::Evidence, text),
        DraftTarget::Dissent { assessment, slot } => {
            store.set_agreed_text(*assessment, AgreedKind::Consensus, slot, AgreedText::Dissent, text)
        }
        DraftTarget::PillarText {
            assessment,
            pillar,
            subsector,
            kind,
        } => store.set_pillar_text(*assessment, pillar, subsector.as_deref(), *kind, text),
    }
}

/// The note or evidence of whatever the walker records.
fn save_answer_text(
    store: &mut Store,
    assessment: i64,
    walker: Walker,
    slot: &SlotKey,
    field: AgreedText,
    text: &str,
) -> Result<()> {
    let kind = match walker {
        Walker::Respondent(respondent) => {
            return store.set_answer_text(respondent, slot, field == AgreedText::Evidence, text);
        }
        Walker::Consensus => AgreedKind::Consensus,
        Walker::Verified => AgreedKind::Verified,
    };
    store.set_agreed_text(assessment, kind, slot, field, text)
}
