//! Writing a merge: what another laptop's export adds to an assessment, in one
//! transaction with the assessment's summary (see `crate::merge` for the plan).

use rusqlite::{Connection, OptionalExtension, params};

use super::NOW;
use super::error::Result;
use super::writes::{self, AgreedField, OnConflict};
use crate::assessment::{AgreedLevel, PillarText, Region, Respondent, StoredAnswer, Target};
use crate::regions;
use crate::scoring::SlotKey;

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

pub(super) fn apply(tx: &Connection, assessment: i64, w: &MergeWrite) -> Result<()> {
    for r in &w.new_respondents {
        let id = writes::insert_respondent(tx, assessment, &r.name, r.actor, &r.organisation, &r.uid)?;
        for a in &r.answers {
            writes::whole_answer(tx, id, a, OnConflict::Replace)?;
        }
    }
    for (respondent, a) in &w.answers {
        writes::whole_answer(tx, *respondent, a, OnConflict::Replace)?;
    }
    // What the assessment already holds is kept: texts, agreed levels and targets
    // are only added where there were none.
    for t in &w.texts {
        writes::pillar_text(
            tx,
            assessment,
            &t.pillar,
            t.subsector.as_deref(),
            t.kind,
            &t.body,
            OnConflict::Keep,
        )?;
    }
    for g in &w.agreed {
        writes::agreed(
            tx,
            assessment,
            g.kind,
            &SlotKey::new(&g.indicator, g.subsector.as_deref()),
            &[
                AgreedField::Level(g.level),
                AgreedField::Na(g.na),
                AgreedField::Note(&g.note),
            ],
            OnConflict::Keep,
        )?;
    }
    for t in &w.targets {
        let slot = SlotKey::new(&t.indicator, t.subsector.as_deref());
        writes::target(tx, assessment, &slot, t.level, OnConflict::Keep)?;
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
