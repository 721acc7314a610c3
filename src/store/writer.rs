//! Who is writing: the database-level guard of "a respondent's answers can be changed
//! only in that respondent's walk".
//!
//! Each connection has a TEMP table `pmk3i_writer` holding the walker the program is
//! writing for ([`Writer`]), set with [`Store::set_writer`], and TEMP triggers on
//! `answer` (and `agreed_level`) that refuse, with `RAISE(ABORT)`, a write the walker
//! in force may not make. The refusal aborts the statement before any row or
//! `change_log` row is written, and [`explain`] turns it into an error
//! naming what was refused ([`StoreError::Refused`]); the store's transaction is then
//! rolled back whole.
//!
//! The rules:
//! - a respondent's walk inserts, changes and clears only that respondent's answers,
//!   and writes no consensus or verified level;
//! - the consensus walk writes no answer and no verified level; the verification walk
//!   no answer and no consensus level;
//! - a merge writes only the answers and levels of the assessment it goes into; an
//!   import creating a new assessment writes its answers (it is not bound to one
//!   assessment: the new one has no number before it is written);
//! - every other writer (workshop screen, results, list, the CLI's other commands)
//!   writes no answer;
//! - only those (and an import) remove a respondent; removing a respondent or an
//!   assessment takes its answers and levels with it, whoever removes it (in the
//!   cascade the parent row is already gone), and is in the history or the deletion
//!   log.
//!
//! A connection on which no walker was declared (a library caller, a test) is not
//! restricted; every pmk3i path declares one (the TUI per queued write, plain mode,
//! applying a recovery file, `pmk3i import`, the CLI).

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::error::{Result, StoreError};
use crate::i18n::Message;

/// The walker a connection writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    /// One respondent's walk (the respondent's id): only that respondent's answers.
    Respondent(i64),
    /// The consensus walk (DKT).
    Consensus,
    /// The verification walk (uji petik).
    Verified,
    /// An import from a JSON export creating a new assessment.
    Import,
    /// An import merged into this assessment: only its respondents' answers and its
    /// levels.
    Merge(i64),
    /// Everything else: the workshop screen, results, the list, the CLI's commands.
    Admin,
}

impl From<crate::assessment::Walker> for Writer {
    /// A walk writes as its walker.
    fn from(walker: crate::assessment::Walker) -> Writer {
        match walker {
            crate::assessment::Walker::Respondent(id) => Writer::Respondent(id),
            crate::assessment::Walker::Consensus => Writer::Consensus,
            crate::assessment::Walker::Verified => Writer::Verified,
        }
    }
}

impl Writer {
    fn key(self) -> (&'static str, Option<i64>) {
        match self {
            Writer::Respondent(id) => ("respondent", Some(id)),
            Writer::Consensus => ("consensus", None),
            Writer::Verified => ("verified", None),
            Writer::Import => ("import", None),
            Writer::Merge(assessment) => ("merge", Some(assessment)),
            Writer::Admin => ("admin", None),
        }
    }

    fn from_key(walker: &str, respondent: Option<i64>) -> Option<Writer> {
        Some(match (walker, respondent) {
            ("respondent", Some(id)) => Writer::Respondent(id),
            ("consensus", _) => Writer::Consensus,
            ("verified", _) => Writer::Verified,
            ("import", _) => Writer::Import,
            ("merge", Some(id)) => Writer::Merge(id),
            ("admin", _) => Writer::Admin,
            _ => return None,
        })
    }

    /// The walker in words, for messages.
    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        match self {
            Writer::Respondent(id) => format!("{} {id}", lang.pick("walk responden", "the walk of respondent")),
            Writer::Consensus => lang
                .pick("walk konsensus (DKT)", "the consensus walk (DKT)")
                .to_string(),
            Writer::Verified => lang
                .pick("walk verifikasi (uji petik)", "the verification walk (uji petik)")
                .to_string(),
            Writer::Import => lang.pick("impor", "an import").to_string(),
            Writer::Merge(id) => format!(
                "{} {id}",
                lang.pick("impor yang digabung ke penilaian", "an import merged into assessment")
            ),
            Writer::Admin => lang
                .pick(
                    "layar lokakarya, hasil, daftar atau perintah CLI",
                    "the workshop screen, results, list or a CLI command",
                )
                .to_string(),
        }
    }
}

/// The prefix of every refusal the triggers raise.
const REFUSED: &str = "pmk3i-writer:";

/// Installs the writer table (empty: no walker declared) and the guard triggers.
pub(super) fn install(conn: &Connection) -> Result<()> {
    // The message is `pmk3i-writer:<table>:<respondent or kind>`; the walker in force
    // is read back from the table by `explain`.
    let answer_refused = |row: &str| format!("SELECT RAISE(ABORT, '{REFUSED}answer:' || {row}.respondent_id)");
    let agreed_refused = |row: &str| format!("SELECT RAISE(ABORT, '{REFUSED}agreed_level:' || {row}.kind)");
    let respondent_refused = "SELECT RAISE(ABORT, '{REFUSED}respondent:' || OLD.id)".replace("{REFUSED}", REFUSED);
    // May the walker `w` write the answer of respondent `{row}.respondent_id`?
    // (For a merge, `respondent_id` holds the assessment merged into.)
    let may_answer = |row: &str| {
        format!(
            "(w.walker = 'respondent' AND w.respondent_id = {row}.respondent_id) OR w.walker = 'import'
             OR (w.walker = 'merge' AND w.respondent_id =
                 (SELECT assessment_id FROM main.respondent WHERE id = {row}.respondent_id))"
        )
    };
    let may_agreed = |row: &str| {
        format!(
            "w.walker IN ('import', 'admin') OR (w.walker IN ('consensus', 'verified') AND w.walker = {row}.kind)
             OR (w.walker = 'merge' AND w.respondent_id = {row}.assessment_id)"
        )
    };
    // A removal's cascade: the row's parent is already gone when its child is deleted,
    // whoever removed it (the removal itself is guarded, or logged, one level up).
    let sql = format!(
        "CREATE TEMP TABLE IF NOT EXISTS pmk3i_writer (walker TEXT NOT NULL, respondent_id INTEGER);
         CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_writer_answer_insert BEFORE INSERT ON main.answer
         WHEN EXISTS (SELECT 1 FROM temp.pmk3i_writer AS w WHERE NOT ({new_answer}))
         BEGIN {refuse_new_answer}; END;
         CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_writer_answer_update BEFORE UPDATE ON main.answer
         WHEN EXISTS (SELECT 1 FROM temp.pmk3i_writer AS w WHERE NOT ({old_answer}) OR NOT ({new_answer}))
         BEGIN {refuse_old_answer}; END;
         CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_writer_answer_delete BEFORE DELETE ON main.answer
         WHEN EXISTS (SELECT 1 FROM temp.pmk3i_writer AS w WHERE NOT ({old_answer}))
           AND EXISTS (SELECT 1 FROM main.respondent WHERE id = OLD.respondent_id)
         BEGIN {refuse_old_answer}; END;
         CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_writer_agreed_insert BEFORE INSERT ON main.agreed_level
         WHEN EXISTS (SELECT 1 FROM temp.pmk3i_writer AS w WHERE NOT ({new_agreed}))
         BEGIN {refuse_new_agreed}; END;
         CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_writer_agreed_update BEFORE UPDATE ON main.agreed_level
         WHEN EXISTS (SELECT 1 FROM temp.pmk3i_writer AS w WHERE NOT ({old_agreed}) OR NOT ({new_agreed}))
         BEGIN {refuse_old_agreed}; END;
         CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_writer_agreed_delete BEFORE DELETE ON main.agreed_level
         WHEN EXISTS (SELECT 1 FROM temp.pmk3i_writer AS w WHERE NOT ({old_agreed}))
           AND EXISTS (SELECT 1 FROM main.assessment WHERE id = OLD.assessment_id)
         BEGIN {refuse_old_agreed}; END;
         CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_writer_respondent_delete BEFORE DELETE ON main.respondent
         WHEN EXISTS (SELECT 1 FROM temp.pmk3i_writer AS w WHERE w.walker NOT IN ('admin', 'import', 'merge'))
           AND EXISTS (SELECT 1 FROM main.assessment WHERE id = OLD.assessment_id)
         BEGIN {respondent_refused}; END;",
        new_answer = may_answer("NEW"),
        old_answer = may_answer("OLD"),
        refuse_new_answer = answer_refused("NEW"),
        refuse_old_answer = answer_refused("OLD"),
        new_agreed = may_agreed("NEW"),
        old_agreed = may_agreed("OLD"),
        refuse_new_agreed = agreed_refused("NEW"),
        refuse_old_agreed = agreed_refused("OLD"),
    );
    conn.execute_batch(&sql)?;
    Ok(())
}

/// The walker declared on `conn`, if any.
fn current(conn: &Connection) -> Result<Option<Writer>> {
    let row: Option<(String, Option<i64>)> = conn
        .query_row("SELECT walker, respondent_id FROM temp.pmk3i_writer LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(walker, respondent)| Writer::from_key(&walker, respondent)))
}

/// Turns a refusal of the guard into a message naming what was refused and by which
/// walker; every other error is returned as it is.
pub(super) fn explain(conn: &Connection, e: StoreError) -> StoreError {
    let StoreError::Sql(rusqlite::Error::SqliteFailure(_, Some(text))) = &e else {
        return e;
    };
    let Some(rest) = text.strip_prefix(REFUSED) else {
        return e;
    };
    let writer = current(conn).ok().flatten().unwrap_or(Writer::Admin);
    let by_id = writer.describe(crate::i18n::Lang::Id);
    let by_en = writer.describe(crate::i18n::Lang::En);
    let message = match rest.split_once(':') {
        Some(("answer", respondent)) => {
            let whose = respondent_named(conn, respondent);
            Message::new(
                format!(
                    "ditolak: jawaban responden {whose} hanya dapat diubah dalam walk responden itu sendiri, bukan dari {by_id}. Tidak ada yang disimpan; buka walk responden itu (a pada daftar) untuk mengubahnya"
                ),
                format!(
                    "refused: the answers of respondent {whose} can be changed only in that respondent's own walk, not from {by_en}. Nothing was saved; open that respondent's walk (a on the list) to change them"
                ),
            )
        }
        Some(("respondent", respondent)) => {
            let whose = respondent_named(conn, respondent);
            Message::new(
                format!(
                    "ditolak: responden {whose} hanya dapat dihapus dari layar lokakarya (tab Profil), bukan dari {by_id}. Tidak ada yang disimpan"
                ),
                format!(
                    "refused: respondent {whose} can be removed only from the workshop screen (Profile tab), not from {by_en}. Nothing was saved"
                ),
            )
        }
        Some((_, kind)) => {
            let (what_id, what_en) = if kind == "verified" {
                ("tingkat terverifikasi (uji petik)", "a verified level (uji petik)")
            } else {
                ("tingkat konsensus (DKT)", "a consensus level (DKT)")
            };
            Message::new(
                format!(
                    "ditolak: {what_id} hanya dapat diubah dalam walk-nya sendiri, bukan dari {by_id}. Tidak ada yang disimpan"
                ),
                format!("refused: {what_en} can be changed only in its own walk, not from {by_en}. Nothing was saved"),
            )
        }
        None => return e,
    };
    StoreError::Refused(message)
}

/// "3 (Budi)": a respondent's number with their name, when there is one.
fn respondent_named(conn: &Connection, respondent: &str) -> String {
    let name: Option<String> = respondent.parse::<i64>().ok().and_then(|id| {
        conn.query_row("SELECT name FROM main.respondent WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    });
    match name {
        Some(n) => format!("{respondent} ({n})"),
        None => respondent.to_string(),
    }
}

impl Store {
    /// Declares the walker this connection writes for (`None`: no walker, no
    /// restriction). Every later write is checked against it by the database.
    pub fn set_writer(&mut self, writer: Option<Writer>) -> Result<()> {
        // The write queue declares its walker before every write: the same one again
        // is already in the TEMP table (only this function changes it).
        if self.logging && self.declared == writer {
            return Ok(());
        }
        self.declared = writer;
        if !self.logging {
            // Declared to the database with the triggers, before the first write.
            return Ok(());
        }
        self.apply_writer()
    }

    /// Puts the declared walker in the connection's TEMP table the triggers read.
    pub(super) fn apply_writer(&self) -> Result<()> {
        let shown = self.shown();
        let writer = self.declared;
        (|| {
            self.conn.execute("DELETE FROM temp.pmk3i_writer", [])?;
            if let Some(w) = writer {
                let (walker, respondent) = w.key();
                self.conn.execute(
                    "INSERT INTO temp.pmk3i_writer (walker, respondent_id) VALUES (?1, ?2)",
                    params![walker, respondent],
                )?;
            }
            Ok::<_, rusqlite::Error>(())
        })()
        .map_err(|e| StoreError::from_sqlite(&shown, e))
    }

    /// The walker this connection writes for, if one was declared.
    pub fn writer(&self) -> Result<Option<Writer>> {
        if !self.logging {
            return Ok(self.declared);
        }
        current(&self.conn).map_err(|e| e.at(&self.shown()))
    }

    /// The assessment respondent `respondent` belongs to, or `None` when there is no
    /// such respondent.
    pub fn respondent_assessment(&self, respondent: i64) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT assessment_id FROM respondent WHERE id = ?1",
                [respondent],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| StoreError::from_sqlite(&self.shown(), e))
    }

    /// Whether respondent `respondent` (or assessment `assessment`), or the assessment
    /// it belongs to, was added after `unix_seconds` (UTC): a change recorded before
    /// that cannot be theirs (the number of a removed last respondent or assessment is
    /// given to the next one added).
    pub fn added_after(&self, respondent: Option<i64>, assessment: Option<i64>, unix_seconds: i64) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM assessment AS a
                   WHERE a.id = coalesce(?2, (SELECT assessment_id FROM respondent WHERE id = ?1))
                     AND (CAST(strftime('%s', a.created_at) AS INTEGER) > ?3
                       OR EXISTS (SELECT 1 FROM change_log AS c WHERE c.assessment_id = a.id
                          AND c.what = 'respondent' AND c.respondent_id = ?1 AND c.field = 'name'
                          AND c.old IS NULL AND CAST(strftime('%s', c.at) AS INTEGER) > ?3)
                       OR EXISTS (SELECT 1 FROM change_log AS c WHERE c.assessment_id = a.id
                          AND c.what = 'assessment' AND c.field = 'period'
                          AND c.old IS NULL AND CAST(strftime('%s', c.at) AS INTEGER) > ?3)))",
                params![respondent, assessment, unix_seconds],
                |r| r.get(0),
            )
            .map_err(|e| StoreError::from_sqlite(&self.shown(), e))
    }
}
