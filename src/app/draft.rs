//! Text being edited that is not saved yet. The editor keeps the latest text in a
//! shared slot so the signal thread can save it when the SSH link drops, without
//! relying on the UI loop.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::assessment::{AgreedKind, TextKind};
use crate::scoring::SlotKey;
use crate::store::{AgreedText, Result, Store};

/// Where an edited text belongs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum DraftTarget {
    Note {
        respondent: i64,
        slot: SlotKey,
    },
    Evidence {
        respondent: i64,
        slot: SlotKey,
    },
    /// The note of a consensus or verified level.
    AgreedNote {
        assessment: i64,
        kind: AgreedKind,
        slot: SlotKey,
    },
    /// Who did not agree with a consensus level, and why.
    AgreedDissent {
        assessment: i64,
        slot: SlotKey,
    },
    /// The evidence seen for a consensus or verified level.
    AgreedEvidence {
        assessment: i64,
        kind: AgreedKind,
        slot: SlotKey,
    },
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
    match &draft.target {
        DraftTarget::Note { respondent, slot } => store.set_answer_text(*respondent, slot, false, &draft.text),
        DraftTarget::Evidence { respondent, slot } => store.set_answer_text(*respondent, slot, true, &draft.text),
        DraftTarget::AgreedNote { assessment, kind, slot } => {
            store.set_agreed_text(*assessment, *kind, slot, AgreedText::Note, &draft.text)
        }
        DraftTarget::AgreedDissent { assessment, slot } => store.set_agreed_text(
            *assessment,
            AgreedKind::Consensus,
            slot,
            AgreedText::Dissent,
            &draft.text,
        ),
        DraftTarget::AgreedEvidence { assessment, kind, slot } => {
            store.set_agreed_text(*assessment, *kind, slot, AgreedText::Evidence, &draft.text)
        }
        DraftTarget::PillarText {
            assessment,
            pillar,
            subsector,
            kind,
        } => store.set_pillar_text(*assessment, pillar, subsector.as_deref(), *kind, &draft.text),
    }
}
