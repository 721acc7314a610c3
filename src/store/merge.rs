//! Writing a merge: what another laptop's export adds to an assessment, in one
//! transaction with the assessment's summary (see `crate::merge` for the plan).

use rusqlite::{Connection, OptionalExtension, params};

use super::error::Result;
use super::{NOW, sub};
use crate::assessment::{AgreedLevel, PillarText, Region, Respondent, StoredAnswer, Target};
use crate::regions;

/// What a merge writes into an existing assessment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeWrite {
    /// Respondents not yet in the assessment, with all their answers.
    pub new_respondents: Vec<Respondent>,
    /// Answers of respondents already there: added, or replacing a conflicting one
    /// (only with `--prefer newer`). The `i64` is the stored respondent id.
    pub answers: Vec<(i64, StoredAnswer)>,
    pub texts: Vec<PillarText>,
    pub agreed: Vec<AgreedLevel>,
    pub targets: Vec<Target>,
}

/// The assessment of `region`, `period` and `framework_id` already in the store (the
/// oldest when there are several), with its framework hash.
pub(super) fn find_target(
    conn: &Connection,
    region: &Region,
    period: &str,
    framework_id: &str,
) -> Result<Option<(i64, String)>> {
    let region_id: Option<i64> = match regions::resolve(&region.name, region.kind, &region.province) {
        Some(official) => conn
            .query_row("SELECT id FROM region WHERE code = ?1", [&official.code], |r| r.get(0))
            .optional()?,
        None => conn
            .query_row(
                "SELECT id FROM region WHERE code IS NULL AND kind = ?2 AND lower(name) = lower(?1)
                    AND lower(province) = lower(?3) ORDER BY id LIMIT 1",
                params![region.name, region.kind.as_str(), region.province],
                |r| r.get(0),
            )
            .optional()?,
    };
    let Some(region_id) = region_id else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            "SELECT id, framework_hash FROM assessment WHERE region_id = ?1 AND period = ?2 AND framework_id = ?3
                AND import_copy = 0
             ORDER BY id LIMIT 1",
            params![region_id, period, framework_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

fn insert_answer(tx: &Connection, respondent: i64, a: &StoredAnswer) -> Result<()> {
    tx.execute(
        "INSERT INTO answer (respondent_id, indicator, subsector, level, na, note, evidence, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (respondent_id, indicator, subsector) DO UPDATE SET level = excluded.level,
            na = excluded.na, note = excluded.note, evidence = excluded.evidence, updated_at = excluded.updated_at",
        params![
            respondent,
            a.indicator,
            sub(&a.subsector),
            a.level,
            a.na,
            a.note,
            a.evidence,
            a.updated_at
        ],
    )?;
    Ok(())
}

pub(super) fn apply(tx: &Connection, assessment: i64, w: &MergeWrite) -> Result<()> {
    for r in &w.new_respondents {
        tx.execute(
            "INSERT INTO respondent (assessment_id, name, actor, organisation, uid)
             VALUES (?1, ?2, ?3, ?4, COALESCE(NULLIF(?5, ''), lower(hex(randomblob(16)))))",
            params![assessment, r.name, r.actor, r.organisation, r.uid],
        )?;
        let id = tx.last_insert_rowid();
        for a in &r.answers {
            insert_answer(tx, id, a)?;
        }
    }
    for (respondent, a) in &w.answers {
        insert_answer(tx, *respondent, a)?;
    }
    for t in &w.texts {
        tx.execute(
            &format!(
                "INSERT INTO pillar_text (assessment_id, pillar, subsector, kind, body, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, {NOW}) ON CONFLICT DO NOTHING"
            ),
            params![assessment, t.pillar, sub(&t.subsector), t.kind.as_str(), t.body],
        )?;
    }
    for g in &w.agreed {
        tx.execute(
            &format!(
                "INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, level, na, note, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW}) ON CONFLICT DO NOTHING"
            ),
            params![
                assessment,
                g.kind.as_str(),
                g.indicator,
                sub(&g.subsector),
                g.level,
                g.na,
                g.note
            ],
        )?;
    }
    for t in &w.targets {
        tx.execute(
            "INSERT INTO target (assessment_id, indicator, subsector, level) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
            params![assessment, t.indicator, sub(&t.subsector), t.level],
        )?;
    }
    Ok(())
}

/// Records that the file with `hash` went into `assessment`.
pub(super) fn log(tx: &Connection, hash: &str, assessment: i64) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO import_log (hash, assessment_id, imported_at) VALUES (?1, ?2, {NOW}) ON CONFLICT DO NOTHING"
        ),
        params![hash, assessment],
    )?;
    Ok(())
}
