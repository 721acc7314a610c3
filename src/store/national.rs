//! What the national map reads: every assessment's summary row (the same one the list
//! reads) and whether a consensus (DKT) or verified (uji petik) level was recorded —
//! two queries for the whole database, no assessment loaded.

use std::collections::HashMap;

use rusqlite::Connection;

use super::error::Result;
use super::summary::SummaryRow;

/// How far an assessment has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub consensus: bool,
    pub verified: bool,
}

/// (row, progress) of every assessment, most recently edited first.
pub(super) fn rows(conn: &Connection) -> Result<Vec<(SummaryRow, Progress)>> {
    let mut progress: HashMap<i64, Progress> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT a.id,
            EXISTS (SELECT 1 FROM agreed_level g WHERE g.assessment_id = a.id AND g.kind = 'consensus'
                    AND (g.level IS NOT NULL OR g.na = 1)),
            EXISTS (SELECT 1 FROM agreed_level g WHERE g.assessment_id = a.id AND g.kind = 'verified'
                    AND (g.level IS NOT NULL OR g.na = 1))
         FROM assessment a",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        progress.insert(
            r.get(0)?,
            Progress {
                consensus: r.get(1)?,
                verified: r.get(2)?,
            },
        );
    }
    let mut out = Vec::new();
    super::summary::each_row(conn, |row| {
        let p = progress.get(&row.id).copied().unwrap_or_default();
        out.push((row, p));
        Ok(())
    })?;
    Ok(out)
}
