//! Hostile environments and other programs' files (issue 11, items 7–9): each fault
//! gets its own message with the path and what to do, nothing is reported as damage
//! that is not, a file that is not pmk3i's is left byte-for-byte as it was, and one
//! damaged framework snapshot does not hide the assessments that use it.
#![allow(clippy::unwrap_used)]

mod common;

use common::db::kota;
use common::fw;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use pmk3i::framework::{BUNDLED_PMK3I, LoadedFramework, Origin};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{Missing, NewAssessment, Store, StoreError};
use serde_json::json;

fn framework() -> LoadedFramework {
    fw::uji(
        "3",
        fw::bands(&[(0, "Rintisan"), (50, "Berkembang")]),
        fw::actors(&["G"]),
        fw::subsectors(&["kuliner"]),
        json!([{"id": "umum", "title": {"id": "Umum"}, "indicators": [
            fw::indicator("umum.a", "A"),
            fw::indicator("umum.b", "B")
        ]}]),
    )
}

fn new_assessment(name: &str) -> NewAssessment {
    kota(name, "Jawa Tengah", &["kuliner"])
}

/// A database with one assessment of `fw` (umum.a = 4, umum.b = 2: score 75).
fn database(path: &Path, fw: &LoadedFramework) -> i64 {
    let mut store = Store::open(path).unwrap();
    let id = store.create_assessment(fw, &new_assessment("Pekalongan")).unwrap();
    let r = store.load(id).unwrap().0.respondents[0].id;
    store
        .upsert_answer(r, &SlotKey::new("umum.a", None), Some(4), false)
        .unwrap();
    store
        .upsert_answer(r, &SlotKey::new("umum.b", None), Some(2), false)
        .unwrap();
    id
}

fn sidecars(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", path.display())))
        .filter(|p| p.exists())
        .collect()
}

/// A file for `import` to read: it is read before the database is opened, so it must
/// exist for the database's problem to be the one reported.
fn import_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    std::fs::write(&file, "{}").unwrap();
    let name = file.display().to_string();
    (dir, name)
}

fn pmk3i(db: &Path, args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DATA_DIR", data.path())
        .env_remove("PMK3I_DB")
        .env_remove("PMK3I_LANG")
        .env_remove("PMK3I_FRAMEWORKS")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The command failed with `code`, one line on stderr naming `path` and containing
/// `expected`, nothing on stdout.
fn fails_with(o: &Output, code: i32, path: &Path, expected: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(&path.display().to_string()), "names the file: {err}");
    assert!(err.contains(expected), "expected \"{expected}\": {err}");
    assert!(
        !err.contains("rusak") || expected.contains("rusak"),
        "called damage: {err}"
    );
    assert!(o.stdout.is_empty());
}

// ── Item 8: another program's SQLite file ───────────────────────────────────────

#[test]
fn another_programs_file_with_an_assessment_table_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grades.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE assessment (id INTEGER PRIMARY KEY, student TEXT, grade TEXT);
             CREATE TABLE respondent (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO assessment (student, grade) VALUES ('Ani', 'A');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert_eq!(&before[18..20], &[1, 1], "a rollback-journal file");
    let (_keep, x) = import_file();
    for args in [&["list"][..], &["import", &x], &["check"]] {
        let o = pmk3i(&path, args);
        fails_with(&o, 2, &path, "program lain");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?} changed the file");
        assert_eq!(sidecars(&path), Vec::<PathBuf>::new());
    }
    let o = pmk3i(&path, &["--lang", "en", "list"]);
    fails_with(&o, 2, &path, "another program");
}

#[test]
fn an_sqlite_file_at_schema_0_is_someone_elses_even_with_pmk3is_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&std::fs::read_to_string("tests/data/schema-1.sql").unwrap())
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::OtherProgram { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_new_database_carries_pmk3is_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baru.sqlite3");
    drop(Store::open(&path).unwrap());
    let b = std::fs::read(&path).unwrap();
    // "PMK3" at bytes 68–71; WAL (2, 2) at bytes 18–19.
    assert_eq!(&b[68..72], b"PMK3");
    assert_eq!(&b[18..20], &[2, 2]);
    // No temporary file is left in the folder.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["baru.sqlite3".to_string()]);
}

#[test]
fn a_missing_file_is_created_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("salah-ketik.sqlite3");
    let err = Store::open_with(&path, Missing::Refuse).err().unwrap();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("tidak ada"), "{err}");
    assert!(err.message(Lang::En).contains("does not exist"), "{err}");
    assert!(!path.exists());
}

// ── Item 9: every failure says what it is ───────────────────────────────────────

#[test]
fn dev_null_is_not_a_database_file() {
    let path = Path::new("/dev/null");
    let o = pmk3i(path, &["list"]);
    fails_with(&o, 2, path, "bukan berkas biasa");
    let (_keep, x) = import_file();
    let o = pmk3i(path, &["--lang", "en", "import", &x]);
    fails_with(&o, 2, path, "not a regular file");
}

#[test]
fn a_file_cut_short_by_one_byte_is_damaged_and_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    database(&path, &framework());
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
    let o = pmk3i(&path, &["list"]);
    fails_with(&o, 2, &path, "basis data rusak");
    assert!(stderr(&o).contains("cut short"), "{}", stderr(&o));
}

#[test]
fn damage_found_while_reading_is_reported_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    database(&path, &framework());
    // Every page but the first (the header and the table list) overwritten: the
    // header check passes, SQLite finds the damage when it reads the tables.
    let mut bytes = std::fs::read(&path).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    for (i, b) in bytes.iter_mut().enumerate().skip(page) {
        *b = (i % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    let o = pmk3i(&path, &["list"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("basis data rusak"), "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(
        !err.contains("kesalahan basis data"),
        "reported as a bare SQL error: {err}"
    );
}

#[test]
fn a_lock_held_by_another_program_is_named_within_a_second_or_two() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    database(&path, &framework());
    // Another program: exclusive locking mode and a write transaction left open.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE region SET name = name;")
        .unwrap();
    let start = Instant::now();
    let o = pmk3i(&path, &["list"]);
    let took = start.elapsed();
    fails_with(&o, 1, &path, "dikunci oleh program lain");
    assert!(stderr(&o).contains("tunggu"), "{}", stderr(&o));
    assert!(took < Duration::from_secs(5), "waited {took:?}");
    let (_keep, x) = import_file();
    let o = pmk3i(&path, &["--lang", "en", "import", &x]);
    // The import file is checked after the database: the lock is what is reported.
    assert!(stderr(&o).contains("another program holds the lock"), "{}", stderr(&o));
    drop(other);
    // Once the other program is gone, everything is there.
    let o = pmk3i(&path, &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Kota Pekalongan"));
}

#[test]
fn a_stray_journal_is_named_and_nothing_is_played_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    database(&path, &framework());
    let journal = PathBuf::from(format!("{}-journal", path.display()));
    std::fs::write(&journal, vec![0xd9u8; 4096]).unwrap();
    let before = std::fs::read(&path).unwrap();
    let o = pmk3i(&path, &["list"]);
    fails_with(&o, 2, &path, "-journal");
    assert!(stderr(&o).contains("tidak pernah ditulis pmk3i"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        vec![0xd9u8; 4096],
        "the journal is left as it was"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_is_a_permission_problem() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: root may write anywhere");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    let path = folder.join("pmk3i.sqlite3");
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::Permission { .. }), "{err:?}");
    assert!(err.to_string().contains("izin"), "{err}");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
}

// ── Item 7: a damaged framework snapshot ────────────────────────────────────────

/// Changes one byte of the stored snapshot, as a bad disk page would.
fn damage_snapshot(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("UPDATE framework_snapshot SET json = replace(json, '\"Tingkat 3\"', '\"Tingkat 8\"')")
        .unwrap();
    let changed: i64 = conn.query_row("SELECT changes()", [], |r| r.get(0)).unwrap();
    assert_eq!(changed, 1);
}

#[test]
fn a_damaged_snapshot_without_its_framework_leaves_answers_readable_and_names_the_framework() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let id = database(&path, &fw);
    damage_snapshot(&path);

    let store = Store::open(&path).unwrap();
    let err = store.load(id).err().unwrap();
    assert!(matches!(err, StoreError::SnapshotDamaged { .. }), "{err:?}");
    for text in [err.to_string(), err.message(Lang::En)] {
        assert!(text.contains("uji 3"), "names id and version: {text}");
        assert!(text.contains(&fw.hash), "names the hash: {text}");
    }
    // Still listed (with its numbers from before the damage) and its answers intact.
    let rows = store.summaries().unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].summary.framework_ok);
    assert_eq!(rows[0].summary.headline_score, Some(75.0));
    let record = store.load_record(id).unwrap();
    let levels: Vec<_> = record.respondents[0].answers.iter().map(|a| a.level).collect();
    assert_eq!(levels, vec![Some(4), Some(2)]);
    drop(store);

    let o = pmk3i(&path, &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Kota Pekalongan"));
    let o = pmk3i(&path, &["list", "--json"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"status\": \"needs_framework\""));
    let o = pmk3i(&path, &["export", &id.to_string(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&fw.hash), "{}", stderr(&o));
    let o = pmk3i(&path, &["check"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("rusak"), "{}", stderr(&o));

    // Given the same framework file, check restores the snapshot; export works again.
    let file = dir.path().join("uji.json");
    std::fs::write(&file, &fw.raw).unwrap();
    let o = pmk3i(&path, &["--framework", file.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains(&fw.hash));
    let o = pmk3i(&path, &["export", &id.to_string(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = pmk3i(&path, &["list", "--json"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("needs_framework"));
}

#[test]
fn a_damaged_copy_of_a_bundled_framework_is_restored_from_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let bundled = LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json")).unwrap();
    let id = {
        let mut store = Store::open(&path).unwrap();
        let mut new = new_assessment("Solo");
        new.candidates = vec![bundled.framework.subsectors[0].id.clone()];
        store.create_assessment(&bundled, &new).unwrap()
    };
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        // One byte: the first "a" of the text becomes "b".
        conn.execute_batch("UPDATE framework_snapshot SET json = substr(json, 1, 40) || 'X' || substr(json, 42)")
            .unwrap();
    }
    let o = pmk3i(&path, &["export", &id.to_string(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = pmk3i(&path, &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("OK"));
}

#[test]
fn check_on_a_healthy_database_says_what_it_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    database(&path, &framework());
    let o = pmk3i(&path, &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.starts_with("OK  "), "{out}");
    assert!(out.contains("1 penilaian, 2 jawaban, 1 salinan kerangka"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_named_and_what_was_saved_stays() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    // An export of the bundled framework: its 416 KB snapshot must go through the WAL.
    let bundled = LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json")).unwrap();
    let export = {
        let mut store = Store::open_in_memory().unwrap();
        let mut new = new_assessment("Solo");
        new.candidates = vec![bundled.framework.subsectors[0].id.clone()];
        let id = store.create_assessment(&bundled, &new).unwrap();
        pmk3i::exchange::export_json(&store, id).unwrap()
    };
    let file = dir.path().join("solo.json");
    std::fs::write(&file, export).unwrap();
    database(&path, &framework());

    // A file-size limit of 64 KB stands in for a full disk: the WAL cannot grow past it.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pmk3i"));
    cmd.env("PMK3I_DATA_DIR", dir.path())
        .env_remove("PMK3I_DB")
        .env_remove("PMK3I_LANG")
        .arg("--db")
        .arg(&path)
        .arg("import")
        .arg(&file);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 64 * 1024,
                rlim_max: 64 * 1024,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("disk penuh"), "{err}");
    assert!(!err.contains("rusak"), "called damage: {err}");

    // Without the limit, the earlier assessment is all there and the import works.
    let o = pmk3i(&path, &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Kota Pekalongan"));
    let o = pmk3i(&path, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = pmk3i(&path, &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
