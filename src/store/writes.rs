//! One statement per kind of row, shared by the walk (one field at a time), by import
//! (whole records into a new assessment) and by merge (into an existing one): the
//! key columns, the columns this write sets, and what a row already there gets.

use rusqlite::types::ToSql;
use rusqlite::{Connection, params};

use super::error::Result;
use super::{NOW, sub};
use crate::actor::Actor;
use crate::assessment::{AgreedKind, StoredAnswer, TextKind, WalkPosition, Walker};
use crate::scoring::SlotKey;
use crate::workshop::VerifyStatus;

/// What happens when the row is already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnConflict {
    /// The columns written replace the stored ones (the walk; `--prefer newer`).
    Replace,
    /// The stored row stays as it is (a merge never overwrites what is there).
    Keep,
}

/// When a row was last changed: now, or as an export recorded it.
#[derive(Clone, Copy, Debug)]
pub enum Stamp<'a> {
    Now,
    At(&'a str),
}

/// `INSERT … ON CONFLICT (key) DO UPDATE SET` the `set` columns (or `DO NOTHING`).
/// Column names are this module's constants, never input.
fn upsert(
    tx: &Connection,
    table: &str,
    key: &[(&str, &dyn ToSql)],
    set: &[(&str, &dyn ToSql)],
    stamp: Option<Stamp<'_>>,
    conflict: OnConflict,
) -> Result<()> {
    let mut columns: Vec<&str> = key.iter().chain(set).map(|(c, _)| *c).collect();
    let mut values: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let mut args: Vec<&dyn ToSql> = key.iter().chain(set).map(|(_, v)| *v).collect();
    let mut updated: Vec<&str> = set.iter().map(|(c, _)| *c).collect();
    // The recorded time, bound here so that the arguments can borrow it.
    let recorded_at = match stamp {
        Some(Stamp::At(at)) => Some(at),
        _ => None,
    };
    if stamp.is_some() {
        columns.push("updated_at");
        updated.push("updated_at");
        match &recorded_at {
            Some(at) => {
                values.push(format!("?{}", args.len() + 1));
                args.push(at);
            }
            None => values.push(NOW.to_string()),
        }
    }
    let key_columns: Vec<&str> = key.iter().map(|(c, _)| *c).collect();
    let action = match (conflict, updated.is_empty()) {
        (OnConflict::Keep, _) | (_, true) => "DO NOTHING".to_string(),
        (OnConflict::Replace, false) => format!(
            "DO UPDATE SET {}",
            updated
                .iter()
                .map(|c| format!("{c} = excluded.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({}) {action}",
        columns.join(", "),
        values.join(", "),
        key_columns.join(", ")
    );
    // Cached: an import writes thousands of rows with the same few statements.
    tx.prepare_cached(&sql)?.execute(args.as_slice())?;
    Ok(())
}

/// A respondent added to `assessment`; `uid` empty gets a fresh random one. Returns the id.
pub fn insert_respondent(
    tx: &Connection,
    assessment: i64,
    name: &str,
    actor: Actor,
    organisation: &str,
    uid: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO respondent (assessment_id, name, actor, organisation, uid)
         VALUES (?1, ?2, ?3, ?4, COALESCE(NULLIF(?5, ''), lower(hex(randomblob(16)))))",
        params![assessment, name, actor, organisation, uid],
    )?;
    Ok(tx.last_insert_rowid())
}

/// One column of an answer.
#[derive(Clone, Copy, Debug)]
pub enum AnswerField<'a> {
    Level(Option<i64>),
    Na(bool),
    Note(&'a str),
    Evidence(&'a str),
}

/// Writes the given columns of a respondent's answer (the others keep what is stored).
pub fn answer(
    tx: &Connection,
    respondent: i64,
    slot: &SlotKey,
    fields: &[AnswerField<'_>],
    stamp: Stamp<'_>,
    conflict: OnConflict,
) -> Result<()> {
    let set: Vec<(&str, &dyn ToSql)> = fields
        .iter()
        .map(|f| -> (&str, &dyn ToSql) {
            match f {
                AnswerField::Level(l) => ("level", l),
                AnswerField::Na(n) => ("na", n),
                AnswerField::Note(t) => ("note", t),
                AnswerField::Evidence(t) => ("evidence", t),
            }
        })
        .collect();
    upsert(
        tx,
        "answer",
        &[
            ("respondent_id", &respondent),
            ("indicator", &slot.indicator),
            ("subsector", &sub(&slot.subsector)),
        ],
        &set,
        Some(stamp),
        conflict,
    )
}

/// A whole answer as an export carries it.
pub fn whole_answer(tx: &Connection, respondent: i64, a: &StoredAnswer, conflict: OnConflict) -> Result<()> {
    answer(
        tx,
        respondent,
        &a.slot(),
        &[
            AnswerField::Level(a.level),
            AnswerField::Na(a.na),
            AnswerField::Note(&a.note),
            AnswerField::Evidence(&a.evidence),
        ],
        Stamp::At(&a.updated_at),
        conflict,
    )
}

/// One column of a consensus or verified level.
#[derive(Clone, Copy, Debug)]
pub enum AgreedField<'a> {
    Level(Option<i64>),
    Na(bool),
    Note(&'a str),
    Evidence(&'a str),
    Dissent(&'a str),
    Status(Option<VerifyStatus>),
}

/// Writes the given columns of a consensus or verified level.
pub fn agreed(
    tx: &Connection,
    assessment: i64,
    kind: AgreedKind,
    slot: &SlotKey,
    fields: &[AgreedField<'_>],
    conflict: OnConflict,
) -> Result<()> {
    let set: Vec<(&str, &dyn ToSql)> = fields
        .iter()
        .map(|f| -> (&str, &dyn ToSql) {
            match f {
                AgreedField::Level(l) => ("level", l),
                AgreedField::Na(n) => ("na", n),
                AgreedField::Note(t) => ("note", t),
                AgreedField::Evidence(t) => ("evidence", t),
                AgreedField::Dissent(t) => ("dissent", t),
                AgreedField::Status(s) => ("status", s),
            }
        })
        .collect();
    upsert(
        tx,
        "agreed_level",
        &[
            ("assessment_id", &assessment),
            ("kind", &kind),
            ("indicator", &slot.indicator),
            ("subsector", &sub(&slot.subsector)),
        ],
        &set,
        Some(Stamp::Now),
        conflict,
    )
}

/// A pillar's best-practice or problem text.
pub fn pillar_text(
    tx: &Connection,
    assessment: i64,
    pillar: &str,
    subsector: Option<&str>,
    kind: TextKind,
    body: &str,
    conflict: OnConflict,
) -> Result<()> {
    upsert(
        tx,
        "pillar_text",
        &[
            ("assessment_id", &assessment),
            ("pillar", &pillar),
            ("subsector", &subsector.unwrap_or("")),
            ("kind", &kind),
        ],
        &[("body", &body)],
        Some(Stamp::Now),
        conflict,
    )
}

/// A target level.
pub fn target(tx: &Connection, assessment: i64, slot: &SlotKey, level: i64, conflict: OnConflict) -> Result<()> {
    upsert(
        tx,
        "target",
        &[
            ("assessment_id", &assessment),
            ("indicator", &slot.indicator),
            ("subsector", &sub(&slot.subsector)),
        ],
        &[("level", &level)],
        None,
        conflict,
    )
}

/// Where `position.walker` is in the walk of `assessment`. The walker's row is
/// replaced, so the most recent walk has the highest id.
pub fn walk_position(tx: &Connection, assessment: i64, position: &WalkPosition) -> Result<()> {
    let (walker, respondent) = match position.walker {
        Walker::Respondent(id) => ("respondent", Some(id)),
        Walker::Consensus => ("consensus", None),
        Walker::Verified => ("verified", None),
    };
    tx.execute(
        "DELETE FROM walk_position WHERE assessment_id = ?1 AND walker = ?2 AND coalesce(respondent_id, 0) = coalesce(?3, 0)",
        params![assessment, walker, respondent],
    )?;
    tx.execute(
        "INSERT INTO walk_position (assessment_id, walker, respondent_id, quick, indicator, subsector)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            assessment,
            walker,
            respondent,
            position.quick,
            position.slot.indicator,
            sub(&position.slot.subsector)
        ],
    )?;
    Ok(())
}
