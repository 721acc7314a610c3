//! The SQLite store: one file in the user's data directory holding every assessment.
//!
//! Every write is its own `BEGIN IMMEDIATE` transaction committed before the caller
//! moves on (WAL, `synchronous=FULL`), so a `kill -9` loses nothing that was shown as
//! saved; the same transaction keeps the assessment's summary current
//! ([`summary`]), which is all the list reads. Opening checks the header only
//! ([`guard`]): a file that is not pmk3i's, damaged, or from a newer pmk3i is
//! reported and left byte-for-byte untouched; the full scan is [`Store::check`].

mod access;
mod check;
mod error;
pub mod followup;
mod guard;
mod history;
mod kinds;
mod merge;
mod national;
mod period;
mod reads;
mod regions;
mod schema;
mod summary;
mod workshop;
mod writer;
mod writes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::actor::Actor;
pub use crate::assessment::NewAssessment;
use crate::assessment::{AgreedKind, Assessment, Region, TextKind, WalkPosition};
use crate::framework::LoadedFramework;
use crate::i18n::Message;
use crate::scoring::SlotKey;

pub use access::{Access, Login};
pub use check::{CheckProblem, CheckReport};
pub use error::{Result, StoreError};
pub use history::{Change, Deletion};
pub use merge::MergeWrite;
pub use national::Progress;
pub use regions::RegionRow;
/// The migrations, for tests that build databases of older schemas.
#[doc(hidden)]
pub use schema::MIGRATIONS;
pub use schema::{
    APPLICATION_ID, IMPORT_COPY_SCHEMA, OLD_COPY_SUFFIX, REGION_CODES_SCHEMA, SCHEMA_VERSION, WALK_POSITIONS_SCHEMA,
};
pub use summary::{PillarSummary, StoredSummary, SummaryRow};
pub use writer::Writer;

use summary::FrameworkCache;
use writes::{AgreedField, AnswerField, OnConflict, Stamp};

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// How long a statement waits for another process's lock before it reports
/// [`StoreError::Locked`]: long enough for any pmk3i write (milliseconds), short
/// enough that the TUI says so within a second instead of freezing.
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(900);

/// SQLite's busy handler: polls every millisecond until [`BUSY_TIMEOUT`]. SQLite's
/// own (`busy_timeout`) backs off to 100 ms sleeps, so with several writers a waiter
/// keeps missing the moments the lock is free and gives up while others get through;
/// polling finely hands the lock on within a millisecond of its release.
fn wait_for_lock(attempts: i32) -> bool {
    let tries = BUSY_TIMEOUT.as_millis() as i32;
    if attempts >= tries {
        return false;
    }
    std::thread::sleep(Duration::from_millis(1));
    true
}

/// Whether a missing database file may be created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Create,
    /// For commands that only read: a missing file is [`StoreError::NotFound`].
    Refuse,
}

/// An assessment loaded whole, with its framework snapshot.
#[derive(Clone, Debug)]
pub struct AssessmentRow {
    pub assessment: Assessment,
    pub framework_json: String,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    cache: FrameworkCache,
    /// Framework texts a damaged snapshot may be restored from (see [`Store::offer_frameworks`]).
    known: Vec<(String, String)>,
    /// Writes whose framework is already in `cache` (see [`Store::prime`]).
    primed: std::collections::HashSet<(Option<i64>, Option<i64>)>,
    /// How long a write keeps trying while another connection holds the lock.
    busy: Duration,
    /// Who may use the file, as found when it was opened.
    access: Access,
    /// The login user of this process, recorded with every change.
    login: Login,
    /// Whether this connection's change-log and guard triggers are installed: before
    /// its first write (or writer declaration), not on open, so that a command that only
    /// reads does not parse them.
    logging: bool,
    /// The walker declared with [`Store::set_writer`], applied when the triggers are.
    declared: Option<Writer>,
}

/// The texts of a consensus or verified level, each in its own column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreedText {
    Note,
    Evidence,
    /// Consensus: who did not agree, and why.
    Dissent,
}

/// The SQL condition "every text of an agreed level is empty".
const EMPTY_AGREED_TEXTS: &str = "note = '' AND evidence = '' AND dissent = '' AND status IS NULL";

fn sub(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn opt(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl Store {
    /// Opens (creating if absent) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, Missing::Create)
    }

    /// Opens the database at `path`; `missing` says whether an absent file is created.
    pub fn open_with(path: &Path, missing: Missing) -> Result<Store> {
        let shown = path.display().to_string();
        let exists = std::fs::symlink_metadata(path).is_ok();
        if !exists {
            if missing == Missing::Refuse {
                return Err(StoreError::NotFound { path: shown });
            }
            guard::create_database(path, |conn| {
                let tx = conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|e| StoreError::from_sqlite(&shown, e))?;
                migrate_in(&tx, &mut FrameworkCache::default(), 0, &shown)?;
                tx.commit().map_err(|e| StoreError::from_sqlite(&shown, e))
            })?;
        }
        let version = guard::check_existing(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(&shown, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            cache: FrameworkCache::default(),
            known: Vec::new(),
            primed: Default::default(),
            busy: BUSY_TIMEOUT,
            access: access::of_file(path),
            login: access::login(),
            logging: false,
            declared: None,
        };
        store.configure().map_err(|e| e.at(&shown))?;
        if version != SCHEMA_VERSION {
            if store.access == Access::ReadOnly {
                return Err(StoreError::ReadOnly { path: shown });
            }
            store.migrate().map_err(|e| e.at(&shown))?;
        }
        if store.access != Access::ReadOnly {
            // Reading once creates the -wal and -shm; on a team's file they then get
            // its group, so the next member can open them.
            let _: i64 = store
                .conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| StoreError::from_sqlite(&shown, e))?;
            access::align_companions(path);
        }
        Ok(store)
    }

    /// An in-memory store, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            cache: FrameworkCache::default(),
            known: Vec::new(),
            primed: Default::default(),
            busy: BUSY_TIMEOUT,
            access: Access::Private,
            login: access::login(),
            logging: false,
            declared: None,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who may use the file: private, shared with a group, or read-only for this user.
    pub fn access(&self) -> &Access {
        &self.access
    }

    /// The login user this process records its changes with.
    pub fn login(&self) -> &Login {
        &self.login
    }

    /// The changes of one assessment, oldest first: every field of every row, with
    /// who, when, and from → to. `indicator` keeps one indicator's (or pillar's);
    /// `since` those at or after a date (`2026-03-10`) or time, UTC.
    pub fn history(&self, assessment: i64, indicator: Option<&str>, since: Option<&str>) -> Result<Vec<Change>> {
        history::read(&self.conn, assessment, indicator, since).map_err(|e| e.at(&self.shown()))
    }

    /// Did any consensus or verified level change after day `date` (`YYYY-MM-DD`, UTC)?
    /// The changes from the next day on, oldest first; empty when none (for the berita
    /// acara's line on whether levels moved after the discussion).
    pub fn agreed_changed_after(&self, assessment: i64, date: &str) -> Result<Vec<Change>> {
        history::agreed_changed_after(&self.conn, assessment, date).map_err(|e| e.at(&self.shown()))
    }

    /// Who last recorded the consensus or verified level of `slot`, and when.
    pub fn last_agreed(&self, assessment: i64, kind: AgreedKind, slot: &SlotKey) -> Result<Option<Change>> {
        history::last_agreed(
            &self.conn,
            assessment,
            kind.as_str(),
            &slot.indicator,
            sub(&slot.subsector),
        )
        .map_err(|e| e.at(&self.shown()))
    }

    /// The database-level log of deleted assessments, oldest first.
    pub fn deletions(&self) -> Result<Vec<Deletion>> {
        history::deletions(&self.conn).map_err(|e| e.at(&self.shown()))
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    /// How long a write waits for another process's lock before it fails.
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        self.busy = timeout;
        Ok(self.conn.busy_timeout(timeout)?)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_handler(Some(wait_for_lock))?;
        // The file is in WAL mode since pmk3i created it; this only sets the
        // connection's own settings, which change nothing in the file.
        self.conn
            .execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.shown();
        // The header may lag behind a WAL: read the version SQLite sees.
        let current: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        let Store { conn, cache, .. } = self;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        migrate_in(&tx, cache, version, &path)?;
        tx.commit()?;
        Ok(())
    }

    /// Parses (once) the framework of the assessment a write is about to change, before
    /// the write takes the lock: the summary's recomputation then happens with the
    /// framework in hand, and other writers never wait for a parse.
    fn prime(&mut self, assessment: Option<i64>, respondent: Option<i64>) {
        if self.primed.contains(&(assessment, respondent)) {
            return;
        }
        let hash: Option<String> = self
            .conn
            .query_row(
                "SELECT framework_hash FROM assessment
                 WHERE id = coalesce(?1, (SELECT assessment_id FROM respondent WHERE id = ?2))",
                params![assessment, respondent],
                |r| r.get(0),
            )
            .ok();
        if let Some(hash) = hash
            // A failure here shows again, with its cause, inside the write itself.
            && self.cache.get(&self.conn, &hash).is_ok()
        {
            self.primed.insert((assessment, respondent));
        }
    }

    /// Runs one write in its own committed `BEGIN IMMEDIATE` transaction; the write
    /// refreshes the summary of what it changed through `touch` (given the cache).
    fn write<T>(&mut self, f: impl Fn(&rusqlite::Transaction<'_>, &mut FrameworkCache) -> Result<T>) -> Result<T> {
        let path = self.shown();
        if self.access == Access::ReadOnly {
            return Err(StoreError::ReadOnly { path });
        }
        self.ensure_logging().map_err(|e| e.at(&path))?;
        let deadline = std::time::Instant::now() + self.busy;
        loop {
            match self.write_once(&f) {
                // SQLite answers some WAL lock conflicts (another connection opening
                // or checkpointing) with SQLITE_BUSY without waiting: the transaction
                // was rolled back, so it is simply tried again until the deadline.
                Err(StoreError::Sql(e))
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(1));
                }
                other => return other.map_err(|e| writer::explain(&self.conn, e).at(&path)),
            }
        }
    }

    /// Installs this connection's change-log and guard triggers (TEMP: they live as
    /// long as the connection) before its first write; every write goes through
    /// [`Store::write`], so none can happen without them.
    fn ensure_logging(&mut self) -> Result<()> {
        if !self.logging {
            history::install(&self.conn, &self.login)?;
            self.logging = true;
            self.apply_writer()?;
        }
        Ok(())
    }

    fn write_once<T>(
        &mut self,
        f: &impl Fn(&rusqlite::Transaction<'_>, &mut FrameworkCache) -> Result<T>,
    ) -> Result<T> {
        let Store { conn, cache, .. } = self;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, cache)?;
        tx.commit()?;
        Ok(out)
    }

    /// Every assessment's list row, most recently edited first, one at a time: the
    /// list never holds more than the row being shown.
    /// A row whose framework snapshot no longer matches its hash (and cannot be
    /// restored) comes with `framework_ok = false`: its numbers are from before the
    /// damage and opening it needs the framework.
    pub fn each_summary(&self, each: impl FnMut(SummaryRow) -> Result<()>) -> Result<()> {
        self.each_summary_checked(true, each)
    }

    /// [`Store::each_summary`]; `verify = false` skips reading and hashing every
    /// snapshot (about a millisecond each), for the start screen, which reports a
    /// damaged snapshot when the assessment is opened ([`Store::load`]).
    pub fn each_summary_checked(&self, verify: bool, mut each: impl FnMut(SummaryRow) -> Result<()>) -> Result<()> {
        let damaged = if verify {
            self.damaged_snapshots().map_err(|e| e.at(&self.shown()))?
        } else {
            Vec::new()
        };
        summary::each_row(&self.conn, |mut row| {
            if damaged.contains(&row.framework_hash) {
                row.summary.framework_ok = false;
            }
            each(row)
        })
        .map_err(|e| e.at(&self.shown()))
    }

    /// Hashes of stored snapshots whose text no longer has that hash and that no
    /// bundled or offered framework can restore.
    fn damaged_snapshots(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT hash, json FROM framework_snapshot")?;
        let mut rows = stmt.query([])?;
        let mut damaged = Vec::new();
        while let Some(r) = rows.next()? {
            let hash: String = r.get(0)?;
            let json: String = r.get(1)?;
            if crate::framework::content_hash(&json) != hash && self.restore_text(&hash).is_none() {
                damaged.push(hash);
            }
        }
        Ok(damaged)
    }

    /// Every assessment's list row, most recently edited first.
    pub fn summaries(&self) -> Result<Vec<SummaryRow>> {
        let mut rows = Vec::new();
        self.each_summary(|r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// One assessment's list row.
    pub fn summary(&self, id: i64) -> Result<SummaryRow> {
        summary::one_row(&self.conn, id).map_err(|e| e.at(&self.shown()))
    }

    /// Hands the store a framework already parsed from the snapshot with `hash`, so
    /// the summary of the next write does not parse it again (an import has parsed
    /// and validated it to check the file).
    pub fn remember_framework(&mut self, hash: &str, framework: crate::framework::Framework) {
        self.cache.remember(hash, framework);
    }

    /// Framework texts (bundled or loaded) that a damaged snapshot with the same hash
    /// may be restored from.
    pub fn offer_frameworks<'a>(&mut self, frameworks: impl IntoIterator<Item = &'a LoadedFramework>) {
        for f in frameworks {
            if !self.known.iter().any(|(h, _)| *h == f.hash) {
                self.known.push((f.hash.clone(), f.raw.clone()));
            }
        }
    }

    /// Assessment ids, most recently edited first.
    pub fn assessment_ids(&self) -> Result<Vec<i64>> {
        let ids = (|| {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM assessment ORDER BY updated_at DESC, id DESC")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()
        })()
        .map_err(|e| StoreError::from_sqlite(&self.shown(), e))?;
        Ok(ids)
    }

    /// Loads an assessment and the framework JSON it was started with. The snapshot is
    /// checked against its hash; a damaged one is restored from a bundled or offered
    /// framework with the same hash, or reported as [`StoreError::SnapshotDamaged`].
    pub fn load(&self, id: i64) -> Result<(Assessment, String)> {
        let shown = self.shown();
        let assessment = reads::load_assessment(&self.conn, id).map_err(|e| e.at(&shown))?;
        let json = self.verified_snapshot(&assessment).map_err(|e| e.at(&shown))?;
        Ok((assessment, json))
    }

    /// Loads an assessment without its framework snapshot (its answers stay readable
    /// when the snapshot is damaged).
    pub fn load_record(&self, id: i64) -> Result<Assessment> {
        reads::load_assessment(&self.conn, id).map_err(|e| e.at(&self.shown()))
    }

    fn verified_snapshot(&self, a: &Assessment) -> Result<String> {
        let stored = reads::snapshot_json(&self.conn, &a.framework_hash)?;
        if let Some(json) = stored
            && crate::framework::content_hash(&json) == a.framework_hash
        {
            return Ok(json);
        }
        let Some(good) = self.restore_text(&a.framework_hash) else {
            return Err(StoreError::SnapshotDamaged {
                assessment: a.id,
                framework_id: a.framework_id.clone(),
                framework_version: a.framework_version.clone(),
                hash: a.framework_hash.clone(),
            });
        };
        // The exact text with the hash the assessments recorded: writing it back only
        // undoes the damage. A failure to write (read-only file) still returns it.
        let _ = self.conn.execute(
            "INSERT INTO framework_snapshot (hash, json) VALUES (?1, ?2)
             ON CONFLICT (hash) DO UPDATE SET json = excluded.json",
            params![a.framework_hash, good],
        );
        Ok(good)
    }

    /// A framework text whose hash is `hash`: an offered one or a bundled one.
    fn restore_text(&self, hash: &str) -> Option<String> {
        if let Some((_, raw)) = self.known.iter().find(|(h, _)| h == hash) {
            return Some(raw.clone());
        }
        crate::framework::bundled_texts()
            .into_iter()
            .find(|(_, raw)| crate::framework::content_hash(raw) == hash)
            .map(|(_, raw)| raw.to_string())
    }

    /// Restores every damaged snapshot that a bundled or offered framework can, and
    /// refreshes the summaries of the assessments using it. Returns the hashes restored.
    pub fn restore_snapshots(&mut self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT hash, json FROM framework_snapshot")?;
        let damaged: Vec<String> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(|row| row.ok())
            .filter(|(hash, json)| crate::framework::content_hash(json) != *hash)
            .map(|(hash, _)| hash)
            .collect();
        drop(stmt);
        let mut restored = Vec::new();
        for hash in damaged {
            let Some(good) = self.restore_text(&hash) else { continue };
            self.write(|tx, cache| {
                tx.execute(
                    "UPDATE framework_snapshot SET json = ?2 WHERE hash = ?1",
                    params![hash, good],
                )?;
                cache.forget(&hash);
                let ids = tx
                    .prepare("SELECT id FROM assessment WHERE framework_hash = ?1")?
                    .query_map([&hash], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                for id in ids {
                    summary::refresh(tx, cache, id)?;
                }
                Ok(())
            })?;
            restored.push(hash);
        }
        Ok(restored)
    }

    /// The full check: SQLite's integrity check, foreign keys, every snapshot against
    /// its hash and the validator, and every summary against a fresh computation.
    pub fn check(&mut self) -> Result<CheckReport> {
        check::run(&self.conn, &mut self.cache).map_err(|e| e.at(&self.shown()))
    }

    /// Stores a new assessment with its first respondent. The profile is the domain's
    /// to check first ([`NewAssessment::check`]); the store only stores it.
    pub fn create_assessment(&mut self, framework: &LoadedFramework, new: &NewAssessment) -> Result<i64> {
        self.write(|tx, cache| {
            let region_id = upsert_region(tx, &new.region)?;
            let candidates = candidates_json(&new.candidates)?;
            insert_snapshot(tx, &framework.hash, &framework.raw)?;
            tx.execute(
                &format!(
                    "INSERT INTO assessment (region_id, period, framework_id, framework_version,
                        framework_hash, candidates, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NOW}, {NOW})"
                ),
                params![
                    region_id,
                    new.period,
                    framework.framework.id,
                    framework.framework.version,
                    framework.hash,
                    candidates
                ],
            )?;
            let id = tx.last_insert_rowid();
            writes::insert_respondent(
                tx,
                id,
                &new.respondent_name,
                new.respondent_actor,
                &new.respondent_organisation,
                "",
            )?;
            summary::refresh(tx, cache, id)?;
            Ok(id)
        })
    }

    pub fn add_respondent(&mut self, assessment: i64, name: &str, actor: Actor, organisation: &str) -> Result<i64> {
        self.prime(Some(assessment), None);
        self.write(|tx, cache| {
            let id = writes::insert_respondent(tx, assessment, name, actor, organisation, "")?;
            touch(tx, cache, assessment)?;
            Ok(id)
        })
    }

    /// Every assessment loaded whole with its framework snapshot, most recently
    /// edited first (for tools and tests; the list reads [`Store::each_summary`]).
    pub fn list(&self) -> Result<Vec<AssessmentRow>> {
        self.assessment_ids()?
            .into_iter()
            .map(|id| {
                self.load(id).map(|(assessment, framework_json)| AssessmentRow {
                    assessment,
                    framework_json,
                })
            })
            .collect()
    }

    pub fn delete_assessment(&mut self, id: i64) -> Result<()> {
        // The summary goes with the assessment (ON DELETE CASCADE).
        self.write(|tx, _| {
            let n = tx.execute("DELETE FROM assessment WHERE id = ?1", [id])?;
            if n == 0 {
                return Err(StoreError::NoSuchAssessment(id));
            }
            Ok(())
        })
    }

    /// Records a respondent's level (or N/A with `level = None, na = true`; clearing both
    /// keeps the note and evidence).
    pub fn upsert_answer(&mut self, respondent: i64, slot: &SlotKey, level: Option<i64>, na: bool) -> Result<()> {
        self.prime(None, Some(respondent));
        self.write(|tx, cache| {
            writes::answer(
                tx,
                respondent,
                slot,
                &[AnswerField::Level(level), AnswerField::Na(na)],
                Stamp::Now,
                OnConflict::Replace,
            )?;
            touch_by_respondent(tx, cache, respondent)
        })
    }

    /// Saves the note (`evidence = false`) or the evidence reference of an answer.
    pub fn set_answer_text(&mut self, respondent: i64, slot: &SlotKey, evidence: bool, body: &str) -> Result<()> {
        self.prime(None, Some(respondent));
        let field = if evidence {
            AnswerField::Evidence(body)
        } else {
            AnswerField::Note(body)
        };
        self.write(|tx, cache| {
            writes::answer(tx, respondent, slot, &[field], Stamp::Now, OnConflict::Replace)?;
            touch_by_respondent(tx, cache, respondent)
        })
    }

    pub fn set_pillar_text(
        &mut self,
        assessment: i64,
        pillar: &str,
        subsector: Option<&str>,
        kind: TextKind,
        body: &str,
    ) -> Result<()> {
        self.prime(Some(assessment), None);
        self.write(|tx, cache| {
            writes::pillar_text(tx, assessment, pillar, subsector, kind, body, OnConflict::Replace)?;
            touch(tx, cache, assessment)
        })
    }

    /// Records (or with `None` and `na = false`, removes) a consensus or verified level.
    pub fn set_agreed_level(
        &mut self,
        assessment: i64,
        kind: AgreedKind,
        slot: &SlotKey,
        level: Option<i64>,
        na: bool,
        note: &str,
    ) -> Result<()> {
        self.prime(Some(assessment), None);
        self.write(|tx, cache| {
            if level.is_none() && !na {
                tx.execute(
                    "DELETE FROM agreed_level WHERE assessment_id = ?1 AND kind = ?2 AND indicator = ?3 AND subsector = ?4",
                    params![assessment, kind.as_str(), slot.indicator, sub(&slot.subsector)],
                )?;
            } else {
                writes::agreed(
                    tx,
                    assessment,
                    kind,
                    slot,
                    &[AgreedField::Level(level), AgreedField::Na(na), AgreedField::Note(note)],
                    OnConflict::Replace,
                )?;
            }
            touch(tx, cache, assessment)
        })
    }

    /// Records a consensus or verified level (or N/A) without touching its note.
    pub fn set_agreed_answer(
        &mut self,
        assessment: i64,
        kind: AgreedKind,
        slot: &SlotKey,
        level: Option<i64>,
        na: bool,
    ) -> Result<()> {
        self.prime(Some(assessment), None);
        self.write(|tx, cache| {
            writes::agreed(
                tx,
                assessment,
                kind,
                slot,
                &[AgreedField::Level(level), AgreedField::Na(na)],
                OnConflict::Replace,
            )?;
            // Clearing a level that had no text leaves nothing behind.
            tx.execute(
                &format!(
                    "DELETE FROM agreed_level WHERE assessment_id = ?1 AND kind = ?2 AND indicator = ?3
                     AND subsector = ?4 AND level IS NULL AND na = 0 AND {EMPTY_AGREED_TEXTS}"
                ),
                params![assessment, kind.as_str(), slot.indicator, sub(&slot.subsector)],
            )?;
            touch(tx, cache, assessment)
        })
    }

    /// Saves the note of a consensus or verified level (kept even before a level is set).
    pub fn set_agreed_note(&mut self, assessment: i64, kind: AgreedKind, slot: &SlotKey, note: &str) -> Result<()> {
        self.set_agreed_text(assessment, kind, slot, AgreedText::Note, note)
    }

    /// Saves one text of a consensus or verified level, and only that one. A row left
    /// with no level, no N/A and no text at all is removed, so emptying a text never
    /// leaves a ghost row behind.
    pub fn set_agreed_text(
        &mut self,
        assessment: i64,
        kind: AgreedKind,
        slot: &SlotKey,
        field: AgreedText,
        body: &str,
    ) -> Result<()> {
        let text = match field {
            AgreedText::Note => AgreedField::Note(body),
            AgreedText::Evidence => AgreedField::Evidence(body),
            AgreedText::Dissent => AgreedField::Dissent(body),
        };
        self.prime(Some(assessment), None);
        self.write(|tx, cache| {
            writes::agreed(tx, assessment, kind, slot, &[text], OnConflict::Replace)?;
            tx.execute(
                &format!(
                    "DELETE FROM agreed_level WHERE assessment_id = ?1 AND kind = ?2 AND indicator = ?3
                     AND subsector = ?4 AND level IS NULL AND na = 0 AND {EMPTY_AGREED_TEXTS}"
                ),
                params![assessment, kind.as_str(), slot.indicator, sub(&slot.subsector)],
            )?;
            touch(tx, cache, assessment)
        })
    }

    /// Sets (or with `None` clears) the target level of a slot.
    pub fn set_target(&mut self, assessment: i64, slot: &SlotKey, level: Option<i64>) -> Result<()> {
        self.prime(Some(assessment), None);
        self.write(|tx, cache| {
            match level {
                Some(l) => writes::target(tx, assessment, slot, l, OnConflict::Replace)?,
                None => {
                    tx.execute(
                        "DELETE FROM target WHERE assessment_id = ?1 AND indicator = ?2 AND subsector = ?3",
                        params![assessment, slot.indicator, sub(&slot.subsector)],
                    )?;
                }
            };
            touch(tx, cache, assessment)
        })
    }

    /// Remembers where a walker is, so that they resume there; the other walkers'
    /// positions stay as they are. The most recent one is whom reopening resumes as.
    pub fn set_position(&mut self, assessment: i64, position: &WalkPosition) -> Result<()> {
        // A position is not part of any number: the summary stays as it is.
        self.write(|tx, _| writes::walk_position(tx, assessment, position))
    }

    pub fn set_flagship(&mut self, assessment: i64, flagship: Option<&str>) -> Result<()> {
        self.prime(Some(assessment), None);
        self.write(|tx, cache| {
            tx.execute(
                "UPDATE assessment SET chosen_flagship = ?2 WHERE id = ?1",
                params![assessment, flagship],
            )?;
            touch(tx, cache, assessment)
        })
    }

    pub fn set_status(&mut self, assessment: i64, status: &str) -> Result<()> {
        // The list reads the status from the assessment row itself.
        self.write(|tx, _| {
            tx.execute(
                "UPDATE assessment SET status = ?2 WHERE id = ?1",
                params![assessment, status],
            )?;
            Ok(())
        })
    }

    /// Every assessment's summary row with how far it has come (DKT, uji petik), for
    /// the national map: two queries, no assessment loaded.
    pub fn map_rows(&self) -> Result<Vec<(SummaryRow, Progress)>> {
        national::rows(&self.conn).map_err(|e| e.at(&self.shown()))
    }

    /// Year two: a new assessment of `period` started from `previous` (same region,
    /// its candidates, with `copy_respondents` its respondents — never its answers),
    /// under `framework` (normally the newest version of the same framework).
    pub fn new_period(
        &mut self,
        previous: i64,
        framework: &LoadedFramework,
        period: &str,
        copy_respondents: bool,
    ) -> Result<i64> {
        self.write(|tx, cache| period::create(tx, cache, previous, framework, period, copy_respondents))
    }

    /// The assessment `id` was started from ("new period from this one"), if any.
    pub fn previous_of(&self, id: i64) -> Result<Option<i64>> {
        period::previous_of(&self.conn, id)
    }

    /// Every stored region with its code (`None`: "tanpa kode") and assessment count.
    pub fn regions(&self) -> Result<Vec<RegionRow>> {
        regions::list(&self.conn).map_err(|e| e.at(&self.shown()))
    }

    /// Links region `region` to the official region with `code`; a region already
    /// holding that code absorbs its assessments. Returns the region id that holds it.
    pub fn link_region(&mut self, region: i64, code: &str) -> Result<i64> {
        let official = crate::regions::by_code(code).ok_or_else(|| {
            StoreError::Invalid(Message::new(
                format!("kode daerah \"{code}\" tidak ada dalam daftar Kemendagri; cari kodenya dengan `pmk3i region find NAMA`"),
                format!("region code \"{code}\" is not in the Kemendagri list; look it up with `pmk3i region find NAME`"),
            ))
        })?;
        self.write(|tx, _| regions::link(tx, region, official))
    }

    /// The region row of assessment `id`.
    pub fn region_of(&self, id: i64) -> Result<i64> {
        regions::of_assessment(&self.conn, id)
    }

    /// The assessment previously imported from content with this hash, if any.
    pub fn find_import(&self, import_hash: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT id FROM assessment WHERE import_hash = ?1
                 UNION ALL SELECT assessment_id FROM import_log WHERE hash = ?1 LIMIT 1",
                [import_hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| StoreError::from_sqlite(&self.shown(), e))
    }

    /// The assessment of this region, period and framework already in the store (the
    /// one a workshop laptop's export merges into; never an import copy), with its
    /// framework hash.
    pub fn find_merge_target(
        &self,
        region: &Region,
        period: &str,
        framework_id: &str,
    ) -> Result<Option<(i64, String)>> {
        merge::find_target(&self.conn, region, period, framework_id)
    }

    /// Writes a merge into `assessment` and records the file's `import_hash`, in one
    /// transaction that also refreshes the summary.
    pub fn apply_merge(&mut self, assessment: i64, write: &MergeWrite, import_hash: &str) -> Result<()> {
        self.write(|tx, cache| {
            merge::apply(tx, assessment, write)?;
            merge::log(tx, import_hash, assessment)?;
            touch(tx, cache, assessment)
        })
    }

    /// Re-creates a whole assessment (from an export) in one transaction.
    pub fn insert_full(&mut self, a: &Assessment, framework_json: &str, import_hash: Option<&str>) -> Result<i64> {
        self.insert_full_with_history(a, framework_json, import_hash, &[])
    }

    /// [`Store::insert_full`], adding the history an export carried to the new
    /// assessment's log (after it, the import's own rows say who imported it, when).
    pub fn insert_full_with_history(
        &mut self,
        a: &Assessment,
        framework_json: &str,
        import_hash: Option<&str>,
        carried: &[Change],
    ) -> Result<i64> {
        self.write(|tx, cache| {
            let region_id = upsert_region(tx, &a.region)?;
            let candidates = candidates_json(&a.candidates)?;
            insert_snapshot(tx, &a.framework_hash, framework_json)?;
            tx.execute(
                "INSERT INTO assessment (region_id, period, framework_id, framework_version,
                    framework_hash, candidates, chosen_flagship, status, import_hash, created_at, updated_at,
                    import_copy)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    region_id,
                    a.period,
                    a.framework_id,
                    a.framework_version,
                    a.framework_hash,
                    candidates,
                    a.chosen_flagship,
                    a.status,
                    import_hash,
                    a.created_at,
                    a.updated_at,
                    a.import_copy
                ],
            )?;
            let id = tx.last_insert_rowid();
            let mut first_respondent = None;
            for r in &a.respondents {
                let rid = writes::insert_respondent(tx, id, &r.name, r.actor, &r.organisation, &r.uid)?;
                if r.actor.is_helix() {
                    first_respondent.get_or_insert(rid);
                }
                for ans in &r.answers {
                    writes::whole_answer(tx, rid, ans, OnConflict::Replace)?;
                }
            }
            for t in &a.pillar_texts {
                writes::pillar_text(
                    tx,
                    id,
                    &t.pillar,
                    t.subsector.as_deref(),
                    t.kind,
                    &t.body,
                    OnConflict::Replace,
                )?;
            }
            for g in &a.agreed {
                writes::agreed(
                    tx,
                    id,
                    g.kind,
                    &SlotKey::new(&g.indicator, g.subsector.as_deref()),
                    &[
                        AgreedField::Level(g.level),
                        AgreedField::Na(g.na),
                        AgreedField::Note(&g.note),
                        AgreedField::Evidence(&g.evidence),
                        AgreedField::Status(g.status),
                        AgreedField::Dissent(&g.dissent),
                    ],
                    OnConflict::Replace,
                )?;
            }
            workshop::insert_all(tx, id, &a.workshop)?;
            for t in &a.targets {
                let slot = SlotKey::new(&t.indicator, t.subsector.as_deref());
                writes::target(tx, id, &slot, t.level, OnConflict::Replace)?;
            }
            // An export carries one resume position (respondent ids are local): it
            // goes to the walker reopening resumes as, the first helix respondent.
            if let (Some(slot), Some(respondent)) = (&a.cursor, first_respondent) {
                let position = WalkPosition {
                    walker: crate::assessment::Walker::Respondent(respondent),
                    quick: false,
                    slot: slot.clone(),
                };
                writes::walk_position(tx, id, &position)?;
            }
            history::insert_carried(tx, id, carried)?;
            summary::refresh(tx, cache, id)?;
            Ok(id)
        })
    }
}

fn candidates_json(candidates: &[String]) -> Result<String> {
    serde_json::to_string(candidates).map_err(|e| {
        StoreError::Invalid(Message::new(
            format!("daftar subsektor kandidat tidak dapat disimpan: {e}"),
            format!("cannot store the candidate list: {e}"),
        ))
    })
}

fn insert_snapshot(tx: &rusqlite::Connection, hash: &str, json: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO framework_snapshot (hash, json) VALUES (?1, ?2) ON CONFLICT (hash) DO NOTHING",
        params![hash, json],
    )?;
    Ok(())
}

fn upsert_region(tx: &rusqlite::Transaction<'_>, region: &Region) -> Result<i64> {
    regions::upsert(tx, region)
}

/// Marks an assessment as just edited and recomputes its summary.
fn touch(tx: &rusqlite::Transaction<'_>, cache: &mut FrameworkCache, assessment: i64) -> Result<()> {
    tx.execute(
        &format!("UPDATE assessment SET updated_at = {NOW} WHERE id = ?1"),
        [assessment],
    )?;
    summary::refresh(tx, cache, assessment)
}

/// [`touch`] for the assessment a respondent belongs to.
fn touch_by_respondent(tx: &rusqlite::Transaction<'_>, cache: &mut FrameworkCache, respondent: i64) -> Result<()> {
    let assessment: Option<i64> = tx
        .query_row(
            "SELECT assessment_id FROM respondent WHERE id = ?1",
            [respondent],
            |r| r.get(0),
        )
        .optional()?;
    match assessment {
        Some(id) => touch(tx, cache, id),
        None => Ok(()),
    }
}

/// Runs the migrations from `version` up to [`SCHEMA_VERSION`] in `tx`, then sets the
/// application id and fills the summaries the new schema keeps.
fn migrate_in(tx: &rusqlite::Transaction<'_>, cache: &mut FrameworkCache, version: i64, path: &str) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
    }
    if (1..schema::REGION_CODES_SCHEMA).contains(&version) {
        regions::link_by_name(tx)?;
    }
    tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
    summary::fill_missing(tx, cache)
}
