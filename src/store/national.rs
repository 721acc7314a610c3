//! What the national map reads: every assessment's summary row (the same one the list
//! reads) and whether a consensus (DKT) or verified (uji petik) level, and the berita
//! acara's agreed flagship with commitments, were recorded — two queries for the whole
//! database, no assessment loaded.

use std::collections::HashMap;

use rusqlite::Connection;

use super::error::Result;
use super::summary::SummaryRow;

/// How far an assessment has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub consensus: bool,
    pub verified: bool,
    /// The berita acara's content: an agreed flagship and at least one commitment.
    pub record: bool,
}

/// (row, progress) of every assessment, most recently edited first.
pub(super) fn rows(conn: &Connection) -> Result<Vec<(SummaryRow, Progress)>> {
    let mut progress: HashMap<i64, Progress> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT a.id,
            EXISTS (SELECT 1 FROM agreed_level g WHERE g.assessment_id = a.id AND g.kind = 'consensus'
                    AND (g.level IS NOT NULL OR g.na = 1)),
            EXISTS (SELECT 1 FROM agreed_level g WHERE g.assessment_id = a.id AND g.kind = 'verified'
                    AND (g.level IS NOT NULL OR g.na = 1)),
            a.chosen_flagship IS NOT NULL
                AND EXISTS (SELECT 1 FROM commitment c WHERE c.assessment_id = a.id)
         FROM assessment a",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        progress.insert(
            r.get(0)?,
            Progress {
                consensus: r.get(1)?,
                verified: r.get(2)?,
                record: r.get(3)?,
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
