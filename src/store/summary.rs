//! The per-assessment summary: what the list, the start screen and the national view
//! show (region, period, framework, respondents, completeness, headline score and
//! band, flagship, per-pillar scores), kept in the `assessment_summary` table.
//!
//! The design: every write recomputes the one assessment it changed, inside its own
//! transaction, with the same functions the results screen uses
//! ([`compute_results`] on the self-assessed basis). The stored row can therefore never
//! disagree with the results screen nor lag behind a write, reading the list is one
//! query whose cost does not depend on how many answers there are, and a write costs
//! one assessment's load and scoring (well under a millisecond for 5 × 60 answers; the
//! parsed framework is cached per snapshot hash for the life of the [`Store`]).

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::error::{Result, StoreError};
use crate::assessment::{Assessment, RegionKind, compute_results, snapshot_framework};
use crate::framework::{Framework, Text, content_hash};
use crate::i18n::Lang;
use crate::scoring::Basis;

/// One pillar's self-assessed score in the headline ecosystem.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PillarSummary {
    pub pillar: String,
    pub score: Option<f64>,
    pub answered: usize,
    pub applicable: usize,
}

/// What is stored for one assessment; the numbers are the results screen's
/// self-assessed headline.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredSummary {
    /// False when the framework snapshot could not be read (the numbers are then empty).
    pub framework_ok: bool,
    pub respondents: usize,
    /// `None` when nothing is applicable (or the framework is unavailable).
    pub completeness: Option<f64>,
    pub headline_score: Option<f64>,
    pub headline_candidate: Option<String>,
    /// The headline band's label in every language the framework gives.
    pub band: Option<Text>,
    pub suggested_flagship: Option<String>,
    pub pillars: Vec<PillarSummary>,
}

impl StoredSummary {
    /// The summary of `assessment` under `framework` (its snapshot), or the summary of
    /// an assessment whose framework is unavailable.
    pub fn compute(framework: Option<&Framework>, assessment: &Assessment) -> StoredSummary {
        let Some(fw) = framework else {
            return StoredSummary {
                framework_ok: false,
                respondents: assessment.respondents.len(),
                completeness: None,
                headline_score: None,
                headline_candidate: None,
                band: None,
                suggested_flagship: None,
                pillars: Vec::new(),
            };
        };
        let r = compute_results(fw, assessment, Basis::SelfAssessed);
        StoredSummary {
            framework_ok: true,
            respondents: assessment.respondents.len(),
            completeness: r.headline.completeness(),
            headline_score: r.headline.overall,
            headline_candidate: r.headline.candidate.clone(),
            band: r.headline.overall.and_then(|s| fw.band(s)).map(|b| b.label.clone()),
            suggested_flagship: r.suggested_flagship.clone(),
            pillars: r
                .headline
                .pillars
                .iter()
                .map(|p| PillarSummary {
                    pillar: p.pillar.clone(),
                    score: p.score,
                    answered: p.answered,
                    applicable: p.applicable,
                })
                .collect(),
        }
    }
}

/// One row of the list: the assessment's own columns and its stored summary.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub id: i64,
    /// The region's Kemendagri code; `None` for a region "tanpa kode".
    pub region_code: Option<String>,
    pub region_name: String,
    pub kind: RegionKind,
    pub province: String,
    pub period: String,
    /// Made by `pmk3i import --copy` (labelled "salinan impor" / "import copy").
    pub import_copy: bool,
    pub framework_id: String,
    pub framework_version: String,
    pub framework_hash: String,
    pub chosen_flagship: Option<String>,
    pub status: String,
    pub updated_at: String,
    pub summary: StoredSummary,
}

impl SummaryRow {
    /// The headline band's label in `lang` (falling back to Indonesian).
    pub fn band(&self, lang: Lang) -> Option<String> {
        self.summary.band.as_ref().map(|t| t.get(lang).to_string())
    }
}

/// Parsed frameworks by snapshot hash, so a write parses its snapshot once per process.
#[derive(Default)]
pub(super) struct FrameworkCache {
    parsed: HashMap<String, Option<Arc<Framework>>>,
}

impl FrameworkCache {
    /// The framework of the snapshot with `hash`, or `None` when the snapshot is
    /// missing, does not match its hash, or does not validate.
    pub(super) fn get(&mut self, conn: &Connection, hash: &str) -> Result<Option<Arc<Framework>>> {
        if let Some(found) = self.parsed.get(hash) {
            return Ok(found.clone());
        }
        let json = super::reads::snapshot_json(conn, hash)?;
        let parsed = json
            .filter(|j| content_hash(j) == hash)
            .and_then(|j| snapshot_framework(&j).ok())
            .map(Arc::new);
        self.parsed.insert(hash.to_string(), parsed.clone());
        Ok(parsed)
    }

    /// Keeps a framework parsed elsewhere from the snapshot text whose hash is `hash`.
    pub(super) fn remember(&mut self, hash: &str, framework: Framework) {
        self.parsed.insert(hash.to_string(), Some(Arc::new(framework)));
    }

    /// Forgets a snapshot (after it was restored).
    pub(super) fn forget(&mut self, hash: &str) {
        self.parsed.remove(hash);
    }
}

/// Stores the summary of assessment `id`, computed from what is in `conn` now.
pub(super) fn refresh(conn: &Connection, cache: &mut FrameworkCache, id: i64) -> Result<()> {
    let assessment = match super::reads::load_assessment(conn, id) {
        Ok(a) => a,
        // Deleted (or never there): nothing to summarise, the row cascades away.
        Err(StoreError::NoSuchAssessment(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    let framework = cache.get(conn, &assessment.framework_hash)?;
    let s = StoredSummary::compute(framework.as_deref(), &assessment);
    write(conn, id, &s)
}

fn write(conn: &Connection, id: i64, s: &StoredSummary) -> Result<()> {
    let band = s
        .band
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(json_error)?;
    let pillars = serde_json::to_string(&s.pillars).map_err(json_error)?;
    conn.execute(
        "INSERT INTO assessment_summary (assessment_id, state, respondents, completeness, headline_score,
            headline_candidate, band, suggested_flagship, pillars)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (assessment_id) DO UPDATE SET state = excluded.state, respondents = excluded.respondents,
            completeness = excluded.completeness, headline_score = excluded.headline_score,
            headline_candidate = excluded.headline_candidate, band = excluded.band,
            suggested_flagship = excluded.suggested_flagship, pillars = excluded.pillars",
        params![
            id,
            if s.framework_ok { "ok" } else { "needs_framework" },
            s.respondents as i64,
            s.completeness,
            s.headline_score,
            s.headline_candidate,
            band,
            s.suggested_flagship,
            pillars
        ],
    )?;
    Ok(())
}

fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::Invalid(crate::i18n::Message::new(
        format!("ringkasan tidak dapat disimpan: {e}"),
        format!("cannot store the summary: {e}"),
    ))
}

/// Summarises every assessment that has no summary yet (after migrating a database
/// from before schema 2).
pub(super) fn fill_missing(conn: &Connection, cache: &mut FrameworkCache) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id FROM assessment WHERE id NOT IN (SELECT assessment_id FROM assessment_summary) ORDER BY id",
    )?;
    let ids = stmt
        .query_map([], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    drop(stmt);
    for id in ids {
        refresh(conn, cache, id)?;
    }
    Ok(())
}

const SELECT_ROWS: &str = "SELECT a.id, r.name, r.kind, r.province, a.period, a.framework_id, a.framework_version,
        a.framework_hash, a.chosen_flagship, a.status, a.updated_at,
        s.state, s.respondents, s.completeness, s.headline_score, s.headline_candidate, s.band,
        s.suggested_flagship, s.pillars, r.code, a.import_copy
     FROM assessment a JOIN region r ON r.id = a.region_id
     LEFT JOIN assessment_summary s ON s.assessment_id = a.id";

fn row(r: &rusqlite::Row<'_>) -> Result<SummaryRow> {
    let id: i64 = r.get(0)?;
    let kind = super::kinds::get(r, "kind", "region", &|| format!("region of assessment {id}"))?;
    let band: Option<String> = r.get(16)?;
    let pillars: Option<String> = r.get(18)?;
    let state: Option<String> = r.get(11)?;
    Ok(SummaryRow {
        id,
        region_code: r.get(19)?,
        region_name: r.get(1)?,
        kind,
        province: r.get(3)?,
        period: r.get(4)?,
        import_copy: r.get(20)?,
        framework_id: r.get(5)?,
        framework_version: r.get(6)?,
        framework_hash: r.get(7)?,
        chosen_flagship: r.get(8)?,
        status: r.get(9)?,
        updated_at: r.get(10)?,
        summary: StoredSummary {
            framework_ok: state.as_deref() == Some("ok"),
            respondents: r.get::<_, Option<i64>>(12)?.unwrap_or(0).max(0) as usize,
            completeness: r.get::<_, Option<f64>>(13)?,
            headline_score: r.get(14)?,
            headline_candidate: r.get(15)?,
            band: band.and_then(|b| serde_json::from_str(&b).ok()),
            suggested_flagship: r.get(17)?,
            pillars: pillars.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default(),
        },
    })
}

/// Calls `each` with every assessment's row, most recently edited first, one row in
/// memory at a time.
pub(super) fn each_row(conn: &Connection, mut each: impl FnMut(SummaryRow) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(&format!("{SELECT_ROWS} ORDER BY a.updated_at DESC, a.id DESC"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        each(row(r)?)?;
    }
    Ok(())
}

/// The row of one assessment.
pub(super) fn one_row(conn: &Connection, id: i64) -> Result<SummaryRow> {
    let mut stmt = conn.prepare(&format!("{SELECT_ROWS} WHERE a.id = ?1"))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => row(r),
        None => Err(StoreError::NoSuchAssessment(id)),
    }
}
