//! `pmk3i check`: the full scan that opening no longer does — SQLite's
//! `integrity_check` and `foreign_key_check`, every framework snapshot against its
//! hash and the validator, and every stored summary against a fresh computation.
//! It only reads.

use rusqlite::Connection;

use super::error::Result;
use super::reads;
use super::summary::{self, FrameworkCache, StoredSummary};
use crate::assessment::snapshot_framework;
use crate::framework::content_hash;
use crate::i18n::{Lang, Message};

/// At most this many lines of SQLite's own integrity report are kept.
const MAX_SQLITE_LINES: usize = 20;

/// One problem found, and what to do about it.
#[derive(Clone, Debug)]
pub struct CheckProblem {
    pub message: Message,
}

/// What `pmk3i check` found.
#[derive(Clone, Debug, Default)]
pub struct CheckReport {
    pub assessments: usize,
    pub snapshots: usize,
    pub answers: usize,
    pub problems: Vec<CheckProblem>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn push(&mut self, id: String, en: String) {
        self.problems.push(CheckProblem {
            message: Message::new(id, en),
        });
    }

    /// One line per problem, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.problems.iter().map(|p| p.message.get(lang).to_string()).collect()
    }
}

pub(super) fn run(conn: &Connection, cache: &mut FrameworkCache) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if integrity != ["ok"] {
        for line in integrity.iter().take(MAX_SQLITE_LINES) {
            report.push(
                format!("SQLite integrity_check: {line} — basis data rusak; pulihkan dari cadangan"),
                format!("SQLite integrity_check: {line} — the database is damaged; restore a backup"),
            );
        }
    }
    let foreign: Vec<(String, Option<i64>, String)> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, rowid, parent) in foreign.iter().take(MAX_SQLITE_LINES) {
        let row = rowid.map_or(String::new(), |r| format!(" {r}"));
        report.push(
            format!("baris {table}{row} merujuk ke {parent} yang tidak ada"),
            format!("row {table}{row} refers to a missing {parent}"),
        );
    }
    let snapshots: Vec<(String, String)> = conn
        .prepare("SELECT hash, json FROM framework_snapshot ORDER BY hash")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    report.snapshots = snapshots.len();
    for (hash, json) in &snapshots {
        let users: Vec<(i64, String, String)> = conn
            .prepare(
                "SELECT id, framework_id, framework_version FROM assessment WHERE framework_hash = ?1 ORDER BY id",
            )?
            .query_map([hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let (fw, version) = users
            .first()
            .map_or((String::from("?"), String::from("?")), |(_, f, v)| {
                (f.clone(), v.clone())
            });
        let ids = users
            .iter()
            .map(|(id, ..)| id.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if content_hash(json) != *hash {
            report.push(
                format!(
                    "salinan kerangka {fw} {version} (hash {hash}) rusak: isinya tidak cocok dengan hash-nya; penilaian {ids} butuh kerangka ini. Muat berkas kerangka yang sama dengan --framework FILE lalu jalankan `pmk3i check` lagi untuk memulihkannya"
                ),
                format!(
                    "the stored framework {fw} {version} (hash {hash}) is damaged: its text does not match its hash; assessments {ids} need it. Load the same framework file with --framework FILE and run `pmk3i check` again to restore it"
                ),
            );
        } else if let Err(problems) = snapshot_framework(json) {
            let first = |lang| problems.first().map(|p| p.render(lang)).unwrap_or_default();
            report.push(
                format!(
                    "salinan kerangka {fw} {version} (hash {hash}) tidak valid lagi: {}",
                    first(Lang::Id)
                ),
                format!(
                    "the stored framework {fw} {version} (hash {hash}) no longer validates: {}",
                    first(Lang::En)
                ),
            );
        }
    }
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM assessment ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    report.assessments = ids.len();
    report.answers = conn.query_row("SELECT count(*) FROM answer", [], |r| r.get::<_, i64>(0))? as usize;
    for id in ids {
        let assessment = match reads::load_assessment(conn, id) {
            Ok(a) => a,
            Err(e) => {
                report.push(
                    format!("penilaian {id} tidak terbaca: {}", e.message(Lang::Id)),
                    format!("assessment {id} cannot be read: {}", e.message(Lang::En)),
                );
                continue;
            }
        };
        let framework = cache.get(conn, &assessment.framework_hash)?;
        let fresh = StoredSummary::compute(framework.as_deref(), &assessment);
        let stored = summary::one_row(conn, id)?.summary;
        if !same(&stored, &fresh) {
            report.push(
                format!(
                    "ringkasan penilaian {id} di daftar tidak sama dengan hasil yang dihitung ulang; simpan satu jawaban di penilaian itu untuk memperbaruinya"
                ),
                format!(
                    "the list summary of assessment {id} differs from its recomputed results; save any answer in it to bring it up to date"
                ),
            );
        }
    }
    Ok(report)
}

/// Equal up to the rounding a REAL column may add.
fn same(a: &StoredSummary, b: &StoredSummary) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() < 1e-9;
    let close_opt = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => close(x, y),
        (None, None) => true,
        _ => false,
    };
    a.framework_ok == b.framework_ok
        && a.respondents == b.respondents
        && close_opt(a.completeness, b.completeness)
        && close_opt(a.headline_score, b.headline_score)
        && a.headline_candidate == b.headline_candidate
        && a.band == b.band
        && a.suggested_flagship == b.suggested_flagship
        && a.pillars.len() == b.pillars.len()
        && a.pillars.iter().zip(&b.pillars).all(|(p, q)| {
            p.pillar == q.pillar
                && p.answered == q.answered
                && p.applicable == q.applicable
                && close_opt(p.score, q.score)
        })
}
