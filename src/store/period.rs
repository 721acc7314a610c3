//! Year two: a new period started from an earlier assessment of the same region.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::summary::{self, FrameworkCache};
use super::{NOW, candidates_json, insert_snapshot};
use crate::framework::LoadedFramework;
use crate::i18n::Message;

/// Creates the assessment of `period` from `previous`: same region, its candidates
/// that `framework` still has, and (with `copy_respondents`) its respondents without
/// their answers. Nothing is copied as an answer.
pub(super) fn create(
    tx: &Connection,
    cache: &mut FrameworkCache,
    previous: i64,
    framework: &LoadedFramework,
    period: &str,
    copy_respondents: bool,
) -> Result<i64> {
    let row: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT region_id, candidates, period FROM assessment WHERE id = ?1",
            [previous],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((region, candidates, old_period)) = row else {
        return Err(StoreError::NoSuchAssessment(previous));
    };
    let period = period.trim();
    if period.is_empty() || period == old_period {
        return Err(StoreError::Invalid(Message::new(
            format!("periode baru harus berbeda dari periode {old_period}"),
            format!("the new period must differ from {old_period}"),
        )));
    }
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM assessment WHERE region_id = ?1 AND period = ?2 AND framework_id = ?3",
            params![region, period, framework.framework.id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        return Err(StoreError::Invalid(Message::new(
            format!("daerah ini sudah punya penilaian periode {period} (penilaian {existing})"),
            format!("this region already has an assessment for {period} (assessment {existing})"),
        )));
    }
    let candidates: Vec<String> = serde_json::from_str::<Vec<String>>(&candidates)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| framework.framework.subsectors.iter().any(|s| &s.id == c))
        .collect();
    insert_snapshot(tx, &framework.hash, &framework.raw)?;
    tx.execute(
        &format!(
            "INSERT INTO assessment (region_id, period, framework_id, framework_version, framework_hash,
                candidates, previous_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW}, {NOW})"
        ),
        params![
            region,
            period,
            framework.framework.id,
            framework.framework.version,
            framework.hash,
            candidates_json(&candidates)?,
            previous
        ],
    )?;
    let id = tx.last_insert_rowid();
    if copy_respondents {
        tx.execute(
            "INSERT INTO respondent (assessment_id, name, actor, organisation, uid)
             SELECT ?2, name, actor, organisation, lower(hex(randomblob(16)))
             FROM respondent WHERE assessment_id = ?1 ORDER BY id",
            params![previous, id],
        )?;
    }
    summary::refresh(tx, cache, id)?;
    Ok(id)
}

/// The assessment `id` was started from, if any (and still there).
pub(super) fn previous_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT previous_id FROM assessment WHERE id = ?1", [id], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten())
}
