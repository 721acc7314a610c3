//! The SQLite store: one file in the user's data directory holding every assessment.
//!
//! Every write is its own `BEGIN IMMEDIATE` transaction committed before the caller
//! moves on (WAL, `synchronous=FULL`), so a `kill -9` loses nothing that was shown as
//! saved. A file that is damaged, not SQLite, or from a newer pmk3i is reported and
//! left byte-for-byte untouched.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use thiserror::Error;

use crate::assessment::{
    AgreedKind, AgreedLevel, Assessment, PillarText, Region, RegionKind, Respondent, StoredAnswer, Target, TextKind,
};
use crate::framework::LoadedFramework;
use crate::i18n::{Lang, Message};
use crate::scoring::SlotKey;

/// The schema version this build writes; older databases are migrated up to it.
pub const SCHEMA_VERSION: i64 = 1;

const MIGRATIONS: &[&str] = &[
    // 1: the first schema. Subsector is '' for region-scoped slots so it can be part of keys.
    "CREATE TABLE region (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('kabupaten', 'kota')),
        province TEXT NOT NULL,
        UNIQUE (name, kind, province)
    );
    -- Framework snapshots live apart from the assessment row, which changes on every
    -- answer (updated_at, cursor): rewriting a large snapshot each time would multiply
    -- the bytes written per keystroke. Identical snapshots are stored once.
    CREATE TABLE framework_snapshot (
        hash TEXT PRIMARY KEY,
        json TEXT NOT NULL
    );
    CREATE TABLE assessment (
        id INTEGER PRIMARY KEY,
        region_id INTEGER NOT NULL REFERENCES region(id),
        period TEXT NOT NULL,
        framework_id TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        framework_hash TEXT NOT NULL REFERENCES framework_snapshot(hash),
        candidates TEXT NOT NULL,
        chosen_flagship TEXT,
        status TEXT NOT NULL DEFAULT 'draft',
        cursor_indicator TEXT,
        cursor_subsector TEXT,
        cursor_mode TEXT,
        import_hash TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE respondent (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('A', 'B', 'C', 'G', 'M', 'asesor')),
        organisation TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX respondent_by_assessment ON respondent (assessment_id);
    CREATE TABLE answer (
        respondent_id INTEGER NOT NULL REFERENCES respondent(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        level INTEGER,
        na INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (respondent_id, indicator, subsector)
    );
    CREATE TABLE pillar_text (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        pillar TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('best_practice', 'problem')),
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, pillar, subsector, kind)
    );
    CREATE TABLE agreed_level (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('consensus', 'verified')),
        indicator TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        level INTEGER,
        na INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, kind, indicator, subsector)
    );
    CREATE TABLE target (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        level INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, indicator, subsector)
    );",
];

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// What can go wrong with the store. Users read [`StoreError::message`] in their
/// language; `Display` is the Indonesian message.
#[derive(Debug, Error)]
pub enum StoreError {
    NotSqlite {
        path: String,
    },
    OtherProgram {
        path: String,
    },
    /// `detail` is SQLite's own description (English).
    Damaged {
        path: String,
        detail: String,
    },
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    Io {
        path: String,
        message: Message,
    },
    Sql(#[from] rusqlite::Error),
    NoSuchAssessment(i64),
    Invalid(Message),
}

impl StoreError {
    /// What went wrong, where, and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::NotSqlite { path }, Lang::Id) => format!(
                "{path}: berkas ini bukan basis data pmk3i (bukan SQLite). Berkas dibiarkan utuh; pilih berkas lain dengan --db atau PMK3I_DB"
            ),
            (StoreError::NotSqlite { path }, Lang::En) => format!(
                "{path}: this file is not a pmk3i database (not SQLite). It was left untouched; choose another file with --db or PMK3I_DB"
            ),
            (StoreError::OtherProgram { path }, Lang::Id) => format!(
                "{path}: ini basis data SQLite milik program lain, bukan basis data pmk3i. Berkas dibiarkan utuh; pilih berkas lain dengan --db atau PMK3I_DB"
            ),
            (StoreError::OtherProgram { path }, Lang::En) => format!(
                "{path}: this is an SQLite database of another program, not a pmk3i database. It was left untouched; choose another file with --db or PMK3I_DB"
            ),
            (StoreError::Damaged { path, detail }, Lang::Id) => format!(
                "{path}: basis data rusak ({detail}). Berkas dibiarkan utuh; pulihkan dari cadangan atau pilih berkas lain dengan --db"
            ),
            (StoreError::Damaged { path, detail }, Lang::En) => format!(
                "{path}: the database is damaged ({detail}). It was left untouched; restore a backup or choose another file with --db"
            ),
            (StoreError::TooNew { path, found, known }, Lang::Id) => format!(
                "{path}: basis data ini ditulis oleh pmk3i yang lebih baru (skema {found}, versi ini hanya mengenal sampai {known}). Berkas dibiarkan utuh; perbarui pmk3i"
            ),
            (StoreError::TooNew { path, found, known }, Lang::En) => format!(
                "{path}: the database was written by a newer pmk3i (schema {found}, this version knows {known}). It was left untouched; update pmk3i"
            ),
            (StoreError::Io { path, message }, _) => format!("{path}: {}", message.get(lang)),
            (StoreError::Sql(e), Lang::Id) => format!("kesalahan basis data: {e}"),
            (StoreError::Sql(e), Lang::En) => format!("database error: {e}"),
            (StoreError::NoSuchAssessment(id), Lang::Id) => {
                format!("penilaian {id} tidak ada; `pmk3i list` menampilkan daftar penilaian")
            }
            (StoreError::NoSuchAssessment(id), Lang::En) => {
                format!("assessment {id} does not exist; `pmk3i list` shows the assessments")
            }
            (StoreError::Invalid(message), _) => message.get(lang).to_string(),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Id))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What is needed to start an assessment.
#[derive(Clone, Debug)]
pub struct NewAssessment {
    pub region: Region,
    pub period: String,
    pub candidates: Vec<String>,
    pub respondent_name: String,
    pub respondent_organisation: String,
    pub respondent_actor: String,
}

/// A row of the assessment list, with what the list needs to score it.
#[derive(Clone, Debug)]
pub struct AssessmentRow {
    pub assessment: Assessment,
    pub framework_json: String,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

fn sub(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn opt(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl Store {
    /// Opens (creating if absent) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let io = |id: String, en: String| StoreError::Io {
            path: shown.clone(),
            message: Message::new(id, en),
        };
        if path.exists() {
            check_existing(path)?;
        } else {
            create_private_file(path).map_err(|e| {
                io(
                    format!("basis data tidak dapat dibuat: {e}"),
                    format!("cannot create the database: {e}"),
                )
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| {
            io(
                format!("basis data tidak dapat dibuka: {e}"),
                format!("cannot open the database: {e}"),
            )
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// An in-memory store, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long a write waits for another process's lock before it fails.
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(10))?;
        // journal_mode answers with a row, so it is read rather than executed.
        let _mode: String = self.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        self.conn
            .execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.display().to_string();
        // An up-to-date database needs no write lock: opening it must not wait for
        // another process that is busy writing.
        let current: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(sql)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Runs one write in its own committed `BEGIN IMMEDIATE` transaction.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub fn create_assessment(&mut self, framework: &LoadedFramework, new: &NewAssessment) -> Result<i64> {
        validate_new(framework, new)?;
        self.write(|tx| {
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
            tx.execute(
                "INSERT INTO respondent (assessment_id, name, actor, organisation) VALUES (?1, ?2, ?3, ?4)",
                params![
                    id,
                    new.respondent_name,
                    new.respondent_actor,
                    new.respondent_organisation
                ],
            )?;
            Ok(id)
        })
    }

    pub fn add_respondent(&mut self, assessment: i64, name: &str, actor: &str, organisation: &str) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO respondent (assessment_id, name, actor, organisation) VALUES (?1, ?2, ?3, ?4)",
                params![assessment, name, actor, organisation],
            )?;
            let id = tx.last_insert_rowid();
            touch(tx, assessment)?;
            Ok(id)
        })
    }

    /// Assessment ids, most recently edited first.
    pub fn assessment_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM assessment ORDER BY updated_at DESC, id DESC")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Every assessment with its framework snapshot, most recently edited first.
    pub fn list(&self) -> Result<Vec<AssessmentRow>> {
        self.list_each()?
            .into_iter()
            .map(|row| row.map_err(|(_, e)| e))
            .collect()
    }

    /// Every assessment, each loaded on its own: a damaged one comes back as its id
    /// and error, so it cannot hide the others.
    pub fn list_each(&self) -> Result<Vec<std::result::Result<AssessmentRow, (i64, StoreError)>>> {
        Ok(self
            .assessment_ids()?
            .into_iter()
            .map(|id| {
                self.load(id)
                    .map(|(assessment, framework_json)| AssessmentRow {
                        assessment,
                        framework_json,
                    })
                    .map_err(|e| (id, e))
            })
            .collect())
    }

    /// Loads an assessment and the framework JSON it was started with.
    pub fn load(&self, id: i64) -> Result<(Assessment, String)> {
        let row = self
            .conn
            .query_row(
                "SELECT r.name, r.kind, r.province, a.period, a.framework_id, a.framework_version, a.framework_hash,
                        a.candidates, a.chosen_flagship, a.status, a.created_at, a.updated_at,
                        a.cursor_indicator, a.cursor_subsector, f.json, a.cursor_mode
                 FROM assessment a JOIN region r ON r.id = a.region_id
                 JOIN framework_snapshot f ON f.hash = a.framework_hash WHERE a.id = ?1",
                [id],
                |r| {
                    Ok((
                        (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                        (
                            r.get::<_, String>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, String>(5)?,
                            r.get::<_, String>(6)?,
                        ),
                        (
                            r.get::<_, String>(7)?,
                            r.get::<_, Option<String>>(8)?,
                            r.get::<_, String>(9)?,
                        ),
                        (r.get::<_, String>(10)?, r.get::<_, String>(11)?),
                        (
                            r.get::<_, Option<String>>(12)?,
                            r.get::<_, Option<String>>(13)?,
                            r.get::<_, Option<String>>(15)?,
                        ),
                        r.get::<_, String>(14)?,
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::NoSuchAssessment(id))?;
        let (
            (name, kind, province),
            (period, framework_id, framework_version, framework_hash),
            rest,
            times,
            cursor,
            json,
        ) = row;
        let (candidates, chosen_flagship, status) = rest;
        let kind = RegionKind::parse(&kind).ok_or_else(|| {
            StoreError::Invalid(Message::new(
                format!("jenis daerah \"{kind}\" tidak dikenal"),
                format!("unknown region kind {kind}"),
            ))
        })?;
        let candidates: Vec<String> = serde_json::from_str(&candidates).map_err(|e| {
            StoreError::Invalid(Message::new(
                format!("penilaian {id}: daftar subsektor kandidat tidak terbaca: {e}"),
                format!("assessment {id}: unreadable candidate list: {e}"),
            ))
        })?;
        let assessment = Assessment {
            id,
            region: Region { name, kind, province },
            period,
            framework_id,
            framework_version,
            framework_hash,
            candidates,
            chosen_flagship,
            status,
            created_at: times.0,
            updated_at: times.1,
            cursor: cursor
                .0
                .map(|i| SlotKey::new(&i, cursor.1.as_deref().filter(|s| !s.is_empty()))),
            cursor_mode: cursor.2,
            respondents: self.respondents(id)?,
            pillar_texts: self.pillar_texts(id)?,
            agreed: self.agreed(id)?,
            targets: self.targets(id)?,
        };
        Ok((assessment, json))
    }

    fn respondents(&self, assessment: i64) -> Result<Vec<Respondent>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, actor, organisation FROM respondent WHERE assessment_id = ?1 ORDER BY id")?;
        let mut respondents = stmt
            .query_map([assessment], |r| {
                Ok(Respondent {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    actor: r.get(2)?,
                    organisation: r.get(3)?,
                    answers: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT indicator, subsector, level, na, note, evidence, updated_at FROM answer
             WHERE respondent_id = ?1 ORDER BY rowid",
        )?;
        for r in &mut respondents {
            r.answers = stmt
                .query_map([r.id], |row| {
                    Ok(StoredAnswer {
                        indicator: row.get(0)?,
                        subsector: opt(row.get(1)?),
                        level: row.get(2)?,
                        na: row.get(3)?,
                        note: row.get(4)?,
                        evidence: row.get(5)?,
                        updated_at: row.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(respondents)
    }

    fn pillar_texts(&self, assessment: i64) -> Result<Vec<PillarText>> {
        let mut stmt = self.conn.prepare(
            "SELECT pillar, subsector, kind, body FROM pillar_text WHERE assessment_id = ?1 ORDER BY pillar, subsector, kind",
        )?;
        let rows = stmt
            .query_map([assessment], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(pillar, subsector, kind, body)| {
                Some(PillarText {
                    pillar,
                    subsector: opt(subsector),
                    kind: TextKind::parse(&kind)?,
                    body,
                })
            })
            .collect())
    }

    fn agreed(&self, assessment: i64) -> Result<Vec<AgreedLevel>> {
        let mut stmt = self.conn.prepare(
            "SELECT kind, indicator, subsector, level, na, note FROM agreed_level WHERE assessment_id = ?1
             ORDER BY kind, indicator, subsector",
        )?;
        let rows = stmt
            .query_map([assessment], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(kind, indicator, subsector, level, na, note)| {
                Some(AgreedLevel {
                    kind: AgreedKind::parse(&kind)?,
                    indicator,
                    subsector: opt(subsector),
                    level,
                    na,
                    note,
                })
            })
            .collect())
    }

    fn targets(&self, assessment: i64) -> Result<Vec<Target>> {
        let mut stmt = self.conn.prepare(
            "SELECT indicator, subsector, level FROM target WHERE assessment_id = ?1 ORDER BY indicator, subsector",
        )?;
        let rows = stmt
            .query_map([assessment], |r| {
                Ok(Target {
                    indicator: r.get(0)?,
                    subsector: opt(r.get(1)?),
                    level: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn delete_assessment(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
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
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO answer (respondent_id, indicator, subsector, level, na, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, {NOW})
                     ON CONFLICT (respondent_id, indicator, subsector)
                     DO UPDATE SET level = excluded.level, na = excluded.na, updated_at = excluded.updated_at"
                ),
                params![respondent, slot.indicator, sub(&slot.subsector), level, na],
            )?;
            touch_by_respondent(tx, respondent)
        })
    }

    /// Saves the note (`evidence = false`) or the evidence reference of an answer.
    pub fn set_answer_text(&mut self, respondent: i64, slot: &SlotKey, evidence: bool, body: &str) -> Result<()> {
        let column = if evidence { "evidence" } else { "note" };
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO answer (respondent_id, indicator, subsector, {column}, updated_at)
                     VALUES (?1, ?2, ?3, ?4, {NOW})
                     ON CONFLICT (respondent_id, indicator, subsector)
                     DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at"
                ),
                params![respondent, slot.indicator, sub(&slot.subsector), body],
            )?;
            touch_by_respondent(tx, respondent)
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
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO pillar_text (assessment_id, pillar, subsector, kind, body, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, {NOW})
                     ON CONFLICT (assessment_id, pillar, subsector, kind)
                     DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"
                ),
                params![assessment, pillar, subsector.unwrap_or(""), kind.as_str(), body],
            )?;
            touch(tx, assessment)
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
        self.write(|tx| {
            if level.is_none() && !na {
                tx.execute(
                    "DELETE FROM agreed_level WHERE assessment_id = ?1 AND kind = ?2 AND indicator = ?3 AND subsector = ?4",
                    params![assessment, kind.as_str(), slot.indicator, sub(&slot.subsector)],
                )?;
            } else {
                tx.execute(
                    &format!(
                        "INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, level, na, note, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW})
                         ON CONFLICT (assessment_id, kind, indicator, subsector)
                         DO UPDATE SET level = excluded.level, na = excluded.na, note = excluded.note,
                            updated_at = excluded.updated_at"
                    ),
                    params![assessment, kind.as_str(), slot.indicator, sub(&slot.subsector), level, na, note],
                )?;
            }
            touch(tx, assessment)
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
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, level, na, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NOW})
                     ON CONFLICT (assessment_id, kind, indicator, subsector)
                     DO UPDATE SET level = excluded.level, na = excluded.na, updated_at = excluded.updated_at"
                ),
                params![
                    assessment,
                    kind.as_str(),
                    slot.indicator,
                    sub(&slot.subsector),
                    level,
                    na
                ],
            )?;
            touch(tx, assessment)
        })
    }

    /// Saves the note of a consensus or verified level (kept even before a level is set).
    pub fn set_agreed_note(&mut self, assessment: i64, kind: AgreedKind, slot: &SlotKey, note: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, note, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, {NOW})
                     ON CONFLICT (assessment_id, kind, indicator, subsector)
                     DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at"
                ),
                params![assessment, kind.as_str(), slot.indicator, sub(&slot.subsector), note],
            )?;
            touch(tx, assessment)
        })
    }

    /// Sets (or with `None` clears) the target level of a slot.
    pub fn set_target(&mut self, assessment: i64, slot: &SlotKey, level: Option<i64>) -> Result<()> {
        self.write(|tx| {
            match level {
                Some(l) => tx.execute(
                    "INSERT INTO target (assessment_id, indicator, subsector, level) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (assessment_id, indicator, subsector) DO UPDATE SET level = excluded.level",
                    params![assessment, slot.indicator, sub(&slot.subsector), l],
                )?,
                None => tx.execute(
                    "DELETE FROM target WHERE assessment_id = ?1 AND indicator = ?2 AND subsector = ?3",
                    params![assessment, slot.indicator, sub(&slot.subsector)],
                )?,
            };
            touch(tx, assessment)
        })
    }

    /// Remembers where the walk is, so reopening resumes there.
    /// `mode` says who is answering (see `app::walk::Layer::key`), so reopening
    /// resumes as the same respondent, or in the consensus or verification walk.
    pub fn set_cursor(&mut self, assessment: i64, slot: &SlotKey, mode: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE assessment SET cursor_indicator = ?2, cursor_subsector = ?3, cursor_mode = ?4 WHERE id = ?1",
                params![assessment, slot.indicator, sub(&slot.subsector), mode],
            )?;
            Ok(())
        })
    }

    pub fn set_flagship(&mut self, assessment: i64, flagship: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE assessment SET chosen_flagship = ?2 WHERE id = ?1",
                params![assessment, flagship],
            )?;
            touch(tx, assessment)
        })
    }

    pub fn set_status(&mut self, assessment: i64, status: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE assessment SET status = ?2 WHERE id = ?1",
                params![assessment, status],
            )?;
            Ok(())
        })
    }

    /// The assessment previously imported from content with this hash, if any.
    pub fn find_import(&self, import_hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM assessment WHERE import_hash = ?1", [import_hash], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Re-creates a whole assessment (from an export) in one transaction.
    pub fn insert_full(&mut self, a: &Assessment, framework_json: &str, import_hash: Option<&str>) -> Result<i64> {
        self.write(|tx| {
            let region_id = upsert_region(tx, &a.region)?;
            let candidates = candidates_json(&a.candidates)?;
            insert_snapshot(tx, &a.framework_hash, framework_json)?;
            tx.execute(
                "INSERT INTO assessment (region_id, period, framework_id, framework_version,
                    framework_hash, candidates, chosen_flagship, status, cursor_indicator, cursor_subsector,
                    import_hash, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    region_id,
                    a.period,
                    a.framework_id,
                    a.framework_version,
                    a.framework_hash,
                    candidates,
                    a.chosen_flagship,
                    a.status,
                    a.cursor.as_ref().map(|c| c.indicator.clone()),
                    a.cursor.as_ref().map(|c| sub(&c.subsector).to_string()),
                    import_hash,
                    a.created_at,
                    a.updated_at
                ],
            )?;
            let id = tx.last_insert_rowid();
            for r in &a.respondents {
                if !crate::assessment::ACTOR_GROUPS.contains(&r.actor.as_str()) {
                    return Err(StoreError::Invalid(Message::new(
                        format!(
                            "kelompok aktor \"{}\" dari responden \"{}\" tidak dikenal (gunakan A, B, C, G, M, atau asesor)",
                            r.actor, r.name
                        ),
                        format!(
                            "respondent \"{}\" has unknown actor group \"{}\" (use A, B, C, G, M or asesor)",
                            r.name, r.actor
                        ),
                    )));
                }
                tx.execute(
                    "INSERT INTO respondent (assessment_id, name, actor, organisation) VALUES (?1, ?2, ?3, ?4)",
                    params![id, r.name, r.actor, r.organisation],
                )?;
                let rid = tx.last_insert_rowid();
                for ans in &r.answers {
                    tx.execute(
                        "INSERT INTO answer (respondent_id, indicator, subsector, level, na, note, evidence, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            rid,
                            ans.indicator,
                            sub(&ans.subsector),
                            ans.level,
                            ans.na,
                            ans.note,
                            ans.evidence,
                            ans.updated_at
                        ],
                    )?;
                }
            }
            for t in &a.pillar_texts {
                tx.execute(
                    &format!(
                        "INSERT INTO pillar_text (assessment_id, pillar, subsector, kind, body, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, {NOW})"
                    ),
                    params![id, t.pillar, sub(&t.subsector), t.kind.as_str(), t.body],
                )?;
            }
            for g in &a.agreed {
                tx.execute(
                    &format!(
                        "INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, level, na, note, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW})"
                    ),
                    params![id, g.kind.as_str(), g.indicator, sub(&g.subsector), g.level, g.na, g.note],
                )?;
            }
            for t in &a.targets {
                tx.execute(
                    "INSERT INTO target (assessment_id, indicator, subsector, level) VALUES (?1, ?2, ?3, ?4)",
                    params![id, t.indicator, sub(&t.subsector), t.level],
                )?;
            }
            Ok(id)
        })
    }
}

fn validate_new(framework: &LoadedFramework, new: &NewAssessment) -> Result<()> {
    if new.region.name.trim().is_empty() {
        return Err(StoreError::Invalid(Message::new(
            "nama daerah masih kosong",
            "the region name is empty",
        )));
    }
    if !framework.framework.subsectors.is_empty() && new.candidates.is_empty() {
        return Err(StoreError::Invalid(Message::new(
            "pilih sedikitnya satu subsektor kandidat",
            "choose at least one candidate subsector",
        )));
    }
    if let Some(unknown) = new
        .candidates
        .iter()
        .find(|c| !framework.framework.subsectors.iter().any(|s| &s.id == *c))
    {
        return Err(StoreError::Invalid(Message::new(
            format!("subsektor \"{unknown}\" tidak dikenal"),
            format!("unknown subsector \"{unknown}\""),
        )));
    }
    let actor = &new.respondent_actor;
    if !crate::assessment::ACTOR_GROUPS.contains(&actor.as_str()) {
        return Err(StoreError::Invalid(Message::new(
            format!("kelompok aktor \"{actor}\" tidak dikenal"),
            format!("unknown actor group \"{actor}\""),
        )));
    }
    Ok(())
}

fn candidates_json(candidates: &[String]) -> Result<String> {
    serde_json::to_string(candidates).map_err(|e| {
        StoreError::Invalid(Message::new(
            format!("daftar subsektor kandidat tidak dapat disimpan: {e}"),
            format!("cannot store the candidate list: {e}"),
        ))
    })
}

fn insert_snapshot(tx: &rusqlite::Transaction<'_>, hash: &str, json: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO framework_snapshot (hash, json) VALUES (?1, ?2) ON CONFLICT (hash) DO NOTHING",
        params![hash, json],
    )?;
    Ok(())
}

fn upsert_region(tx: &rusqlite::Transaction<'_>, region: &Region) -> Result<i64> {
    tx.execute(
        "INSERT INTO region (name, kind, province) VALUES (?1, ?2, ?3) ON CONFLICT (name, kind, province) DO NOTHING",
        params![region.name, region.kind.as_str(), region.province],
    )?;
    Ok(tx.query_row(
        "SELECT id FROM region WHERE name = ?1 AND kind = ?2 AND province = ?3",
        params![region.name, region.kind.as_str(), region.province],
        |r| r.get(0),
    )?)
}

fn touch(tx: &rusqlite::Transaction<'_>, assessment: i64) -> Result<()> {
    tx.execute(
        &format!("UPDATE assessment SET updated_at = {NOW} WHERE id = ?1"),
        [assessment],
    )?;
    Ok(())
}

fn touch_by_respondent(tx: &rusqlite::Transaction<'_>, respondent: i64) -> Result<()> {
    tx.execute(
        &format!(
            "UPDATE assessment SET updated_at = {NOW}
             WHERE id = (SELECT assessment_id FROM respondent WHERE id = ?1)"
        ),
        [respondent],
    )?;
    Ok(())
}

/// Checks an existing file read-only before anything may write to it: it must be
/// SQLite, pass `quick_check`, and not be from a newer schema.
fn check_existing(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let mut header = [0u8; 16];
    let unreadable = |e: std::io::Error| StoreError::Io {
        path: shown.clone(),
        message: Message::new(
            format!("basis data tidak dapat dibaca: {e}"),
            format!("cannot read the database: {e}"),
        ),
    };
    let len = std::fs::metadata(path).map_err(unreadable)?.len();
    if len == 0 {
        // An empty file is an empty SQLite database (as SQLite itself treats it).
        return Ok(());
    }
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(unreadable)?;
        if len < 100 || f.read_exact(&mut header).is_err() || &header != b"SQLite format 3\0" {
            return Err(StoreError::NotSqlite { path: shown });
        }
    }
    let damaged = |detail: String| StoreError::Damaged {
        path: shown.clone(),
        detail,
    };
    let conn = open_for_check(path).map_err(|e| damaged(e.to_string()))?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(|e| damaged(e.to_string()))?;
    let check: Vec<String> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| damaged(e.to_string()))?;
    if check != ["ok"] {
        return Err(damaged(check.into_iter().take(3).collect::<Vec<_>>().join("; ")));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: shown,
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    // An empty database is ours to set up; one with tables but no assessments table
    // belongs to another program, and migrating would add our tables to it.
    let (objects, ours): (i64, bool) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(type = 'table' AND name = 'assessment'), 0) > 0 FROM sqlite_master",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| damaged(e.to_string()))?;
    if objects > 0 && !ours {
        return Err(StoreError::OtherProgram { path: shown });
    }
    Ok(())
}

/// Opens a database read-only for [`check_existing`]. A read-only connection to a WAL
/// database creates -wal and -shm files that it cannot remove again, which would leave
/// debris beside a file we refuse. Without a -wal or -journal no other connection is
/// open and no crash left changes behind, so the main file is the whole database and
/// is read as immutable: nothing is created beside it.
fn open_for_check(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let beside = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p).exists()
    };
    if beside("-wal") || beside("-journal") {
        return Connection::open_with_flags(path, flags);
    }
    // In a URI, '%', '?' and '#' are special; bytes outside ASCII (a path need not be
    // UTF-8) are percent-encoded too, and SQLite decodes them back to the same bytes.
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut escaped = String::new();
    for b in bytes {
        match b {
            b'%' | b'?' | b'#' | 0x80..=0xff => escaped.push_str(&format!("%{b:02x}")),
            _ => escaped.push(char::from(b)),
        }
    }
    Connection::open_with_flags(
        format!("file:{escaped}?immutable=1"),
        flags | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// Creates the database file readable only by its owner, in a folder only the owner
/// can enter (SQLite gives the -wal and -shm files the database file's mode).
fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    Ok(())
}
