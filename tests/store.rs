//! The SQLite store as a user meets it: real files in temp folders. A file that is not
//! a pmk3i database, is damaged, or comes from a newer pmk3i is refused with a message
//! that names it and says what to do — and is left byte-for-byte as it was.

mod common;

use common::db::kota;
use common::fw;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pmk3i::assessment::{AgreedKind, TextKind};
use pmk3i::framework::LoadedFramework;
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, SCHEMA_VERSION, Store, StoreError};
use serde_json::json;

/// A framework with one region pillar of `n` indicators and one subsector pillar.
fn framework_with(n: usize) -> LoadedFramework {
    let indicators: Vec<_> = (0..n)
        .map(|i| fw::indicator(&format!("umum.{i:03}"), &format!("Pertanyaan {i}")))
        .collect();
    fw::uji(
        "1",
        fw::bands(&[(0, "Rintisan"), (50, "Berkembang")]),
        fw::actors(&["A", "G"]),
        fw::subsectors(&["kuliner", "kriya"]),
        json!([
            {"id": "umum", "title": {"id": "Umum"}, "indicators": indicators},
            {"id": "kreasi", "title": {"id": "Kreasi"}, "scope": "subsector", "indicators": [
                fw::indicator("kreasi.talenta", "Talenta")
            ]}
        ]),
    )
}

fn new_assessment() -> NewAssessment {
    NewAssessment {
        respondent_name: "Siti Rahma".into(),
        respondent_organisation: "Dinas Pariwisata".into(),
        ..kota("Pekalongan", "Jawa Tengah", &["kuliner", "kriya"])
    }
}

/// A real pmk3i database with one assessment and a few answers, closed again.
fn real_database(path: &Path) {
    let mut store = Store::open(path).unwrap();
    let fw = framework_with(40);
    let id = store.create_assessment(&fw, &new_assessment()).unwrap();
    let (a, _) = store.load(id).unwrap();
    let respondent = a.respondents[0].id;
    for i in 0..40 {
        store
            .upsert_answer(
                respondent,
                &SlotKey::new(&format!("umum.{i:03}"), None),
                Some(i % 5),
                false,
            )
            .unwrap();
    }
}

fn sidecars(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", path.display())))
        .filter(|p| p.exists())
        .collect()
}

/// Opens `path`, expecting it to be refused; checks that the file was not touched
/// and that no -wal/-shm/-journal is left beside it. Returns the error.
fn refused(path: &Path) -> StoreError {
    let before = std::fs::read(path).unwrap();
    let err = match Store::open(path) {
        Ok(_) => panic!("{} was opened although it is unusable", path.display()),
        Err(e) => e,
    };
    assert_eq!(std::fs::read(path).unwrap(), before, "{} was changed", path.display());
    assert_eq!(sidecars(path), Vec::<PathBuf>::new(), "files left beside the database");
    // Display is Indonesian, the default language; `message(Lang::En)` is the English one.
    for (message, untouched) in [
        (err.to_string(), "dibiarkan utuh"),
        (err.message(Lang::En), "left untouched"),
    ] {
        assert!(
            message.contains(&path.display().to_string()),
            "does not name the file: {message}"
        );
        assert!(message.contains(untouched), "does not say the file is safe: {message}");
    }
    err
}

/// `pmk3i --db FILE [--lang en] list` fails with exit 2 and the store's message;
/// `lang_args` is empty for the default language.
fn cli_refuses(path: &Path, lang_args: &[&str], expected: &str) {
    let data = tempfile::tempdir().unwrap();
    let before = std::fs::read(path).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DATA_DIR", data.path())
        .env_remove("PMK3I_DB")
        .env_remove("PMK3I_LANG")
        .arg("--db")
        .arg(path)
        .args(lang_args)
        .arg("list")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read(path).unwrap(), before, "the CLI changed the file");
    assert_eq!(sidecars(path), Vec::<PathBuf>::new());
}

// ── Files that are not usable databases ─────────────────────────────────────────

#[test]
fn random_bytes_are_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acak.sqlite3");
    // 64 KiB from a fixed linear congruential generator: the same bytes on every run.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..65_536)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&path, &bytes).unwrap();

    let err = refused(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err:?}");
    assert!(err.to_string().contains("pilih berkas lain dengan --db"), "{err}");
    cli_refuses(&path, &[], "bukan basis data pmk3i");
}

#[test]
fn a_short_text_file_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catatan.sqlite3");
    std::fs::write(&path, "\n  \n").unwrap();

    let err = refused(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err:?}");
    cli_refuses(&path, &[], "bukan basis data pmk3i");
}

#[test]
fn a_long_text_file_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("daftar.sqlite3");
    std::fs::write(&path, "nama,daerah\nSiti,Pekalongan\n".repeat(20)).unwrap();

    let err = refused(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err:?}");
}

#[test]
fn a_database_truncated_to_half_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    real_database(&path);
    assert_eq!(
        sidecars(&path),
        Vec::<PathBuf>::new(),
        "closing the store checkpoints the WAL"
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() >= 8 * 4096, "the database is big enough to lose pages");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();

    let err = refused(&path);
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("pulihkan dari cadangan"), "{err}");
    cli_refuses(&path, &[], "basis data rusak");
}

#[test]
fn a_database_from_a_newer_pmk3i_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    real_database(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
    }
    assert_eq!(sidecars(&path), Vec::<PathBuf>::new());

    let err = refused(&path);
    match &err {
        StoreError::TooNew { found, known, .. } => assert_eq!((*found, *known), (99, SCHEMA_VERSION)),
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(err.to_string().contains("perbarui pmk3i"), "{err}");
    assert!(err.message(Lang::En).contains("update pmk3i"), "{err}");
    cli_refuses(&path, &[], "ditulis oleh pmk3i yang lebih baru");
    cli_refuses(&path, &["--lang", "en"], "written by a newer pmk3i");
}

#[test]
fn an_sqlite_database_of_another_program_is_not_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("places.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
             INSERT INTO moz_places (url) VALUES ('https://kemenparekraf.go.id');",
        )
        .unwrap();
    }

    let err = refused(&path);
    assert!(matches!(err, StoreError::OtherProgram { .. }), "{err:?}");
    assert!(err.to_string().contains("program lain"), "{err}");
    cli_refuses(&path, &[], "bukan basis data pmk3i");
}

#[test]
fn a_path_with_unusual_characters_opens_again() {
    // The check before opening reads the file through an SQLite URI, where '?', '#'
    // and '%' would otherwise cut or change the path.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data #1 ?100% ü").join("pmk3i.sqlite3");
    real_database(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.assessment_ids().unwrap().len(), 1);
}

#[test]
fn an_empty_file_is_not_taken_over() {
    // pmk3i creates its databases whole (set up in a temporary file, then linked into
    // place), so a 0-byte file is never one of its own: initialising it would take
    // over a file someone else made.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kosong.sqlite3");
    std::fs::write(&path, "").unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::EmptyFile { .. }), "{err:?}");
    assert!(err.to_string().contains("kosong (0 bita)"), "{err}");
    assert!(err.message(Lang::En).contains("empty (0 bytes)"), "{err}");
    cli_refuses(&path, &[], "tidak dibuat oleh pmk3i");
}

// ── Creating and sharing a database ─────────────────────────────────────────────

#[cfg(unix)]
#[test]
fn a_new_database_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data").join("pmk3i");
    let path = folder.join("pmk3i.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.create_assessment(&framework_with(1), &new_assessment()).unwrap();

    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700, "the created folder");
    assert_eq!(mode(&dir.path().join("data")), 0o700, "every created folder");
    assert_eq!(mode(&path), 0o600, "the database");
    // The write-ahead log holds answers too; SQLite gives it the database's mode.
    for sidecar in sidecars(&path) {
        assert_eq!(mode(&sidecar), 0o600, "{}", sidecar.display());
    }
}

#[test]
fn two_handles_on_one_file_can_both_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let fw = framework_with(200);
    let (id, first, second) = {
        let mut store = Store::open(&path).unwrap();
        let id = store.create_assessment(&fw, &new_assessment()).unwrap();
        let second = store
            .add_respondent(
                id,
                "Budi Santoso",
                pmk3i::actor::Actor::Academia,
                "Universitas Pekalongan",
            )
            .unwrap();
        let (a, _) = store.load(id).unwrap();
        (id, a.respondents[0].id, second)
    };

    // Two windows (or a TUI and a script) writing at once: each waits for the other's
    // transaction instead of failing with "database is locked".
    let writers: Vec<_> = [(first, 1), (second, 3)]
        .into_iter()
        .map(|(respondent, level)| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                // Two tight loops on a loaded machine can keep the lock from each other
                // past the TUI's 0.9 s (the TUI then keeps the answer in its retry
                // queue); here each handle waits as long as it takes.
                store.set_busy_timeout(std::time::Duration::from_secs(30)).unwrap();
                for i in 0..200 {
                    let slot = SlotKey::new(&format!("umum.{i:03}"), None);
                    store.upsert_answer(respondent, &slot, Some(level), false).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }

    let (a, _) = Store::open(&path).unwrap().load(id).unwrap();
    assert_eq!(a.respondents.len(), 2);
    assert_eq!(a.respondents[0].answers.len(), 200);
    assert_eq!(a.respondents[1].answers.len(), 200);
    assert!(a.respondents[0].answers.iter().all(|x| x.level == Some(1)));
    assert!(a.respondents[1].answers.iter().all(|x| x.level == Some(3)));
}

// ── Round trip and delete ───────────────────────────────────────────────────────

#[test]
fn a_new_assessment_round_trips_through_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let fw = framework_with(3);
    let perda = SlotKey::new("umum.000", None);
    let talenta = SlotKey::new("kreasi.talenta", Some("kuliner"));
    let id = {
        let mut store = Store::open(&path).unwrap();
        let id = store.create_assessment(&fw, &new_assessment()).unwrap();
        let (a, _) = store.load(id).unwrap();
        let siti = a.respondents[0].id;
        store.upsert_answer(siti, &perda, Some(3), false).unwrap();
        store.upsert_answer(siti, &talenta, None, true).unwrap();
        store
            .set_answer_text(siti, &perda, false, "Perda No. 5/2024 sudah disahkan 🎉")
            .unwrap();
        store
            .set_answer_text(siti, &perda, true, "Lembaran daerah 2024")
            .unwrap();
        let budi = store
            .add_respondent(id, "Budi", pmk3i::actor::Actor::Academia, "")
            .unwrap();
        store.upsert_answer(budi, &perda, Some(1), false).unwrap();
        store
            .set_pillar_text(id, "umum", None, TextKind::BestPractice, "Festival batik tahunan")
            .unwrap();
        store
            .set_pillar_text(id, "kreasi", Some("kuliner"), TextKind::Problem, "Bahan baku mahal")
            .unwrap();
        store
            .set_agreed_level(id, AgreedKind::Consensus, &perda, Some(2), false, "DKT 12 Mei")
            .unwrap();
        store
            .set_agreed_level(id, AgreedKind::Verified, &perda, Some(2), false, "")
            .unwrap();
        store.set_target(id, &perda, Some(4)).unwrap();
        store.set_flagship(id, Some("kuliner")).unwrap();
        store
            .set_position(
                id,
                &pmk3i::assessment::WalkPosition {
                    walker: pmk3i::assessment::Walker::Consensus,
                    quick: false,
                    slot: talenta.clone(),
                },
            )
            .unwrap();
        id
    };

    // A fresh handle, as after restarting pmk3i.
    let store = Store::open(&path).unwrap();
    let (a, framework_json) = store.load(id).unwrap();
    assert_eq!(framework_json, fw.raw, "the framework snapshot is kept verbatim");
    assert_eq!(a.framework_hash, fw.hash);
    assert_eq!((a.framework_id.as_str(), a.framework_version.as_str()), ("uji", "1"));
    assert_eq!(a.region, new_assessment().region);
    assert_eq!(a.period, "2026");
    assert_eq!(a.candidates, ["kuliner", "kriya"]);
    assert_eq!(a.chosen_flagship.as_deref(), Some("kuliner"));
    assert_eq!(a.cursor, Some(talenta.clone()));
    assert_eq!(a.status, "draft");
    assert!(!a.created_at.is_empty() && !a.updated_at.is_empty());

    let names: Vec<_> = a
        .respondents
        .iter()
        .map(|r| (r.name.as_str(), r.actor.as_str()))
        .collect();
    assert_eq!(names, [("Siti Rahma", "G"), ("Budi", "A")]);
    assert_eq!(a.respondents[0].organisation, "Dinas Pariwisata");
    let siti_perda = a.respondents[0].answer(&perda).unwrap();
    assert_eq!(siti_perda.level, Some(3));
    assert_eq!(siti_perda.note, "Perda No. 5/2024 sudah disahkan 🎉");
    assert_eq!(siti_perda.evidence, "Lembaran daerah 2024");
    let siti_talenta = a.respondents[0].answer(&talenta).unwrap();
    assert_eq!((siti_talenta.level, siti_talenta.na), (None, true));
    assert_eq!(a.respondents[1].answer(&perda).unwrap().level, Some(1));

    assert_eq!(
        a.pillar_text("umum", None, TextKind::BestPractice),
        "Festival batik tahunan"
    );
    assert_eq!(
        a.pillar_text("kreasi", Some("kuliner"), TextKind::Problem),
        "Bahan baku mahal"
    );
    assert_eq!(a.agreed.len(), 2);
    assert_eq!(a.agreed_levels(AgreedKind::Consensus).len(), 1);
    assert_eq!(
        a.agreed.iter().find(|g| g.kind == AgreedKind::Consensus).unwrap().note,
        "DKT 12 Mei"
    );
    assert_eq!(a.target_map().get(&perda), Some(&4));
}

#[test]
fn clearing_a_level_keeps_the_note() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.create_assessment(&framework_with(1), &new_assessment()).unwrap();
    let respondent = store.load(id).unwrap().0.respondents[0].id;
    let slot = SlotKey::new("umum.000", None);
    store.upsert_answer(respondent, &slot, Some(2), false).unwrap();
    store.set_answer_text(respondent, &slot, false, "perlu dicek").unwrap();
    store.upsert_answer(respondent, &slot, None, false).unwrap();
    let (a, _) = store.load(id).unwrap();
    let answer = a.respondents[0].answer(&slot).unwrap();
    assert_eq!(
        (answer.level, answer.na, answer.note.as_str()),
        (None, false, "perlu dicek")
    );
    assert_eq!(answer.answer(), None, "a note alone is not an answer");
}

#[test]
fn deleting_an_assessment_deletes_everything_recorded_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let fw = framework_with(2);
    let slot = SlotKey::new("umum.000", None);
    let (gone, kept) = {
        let mut store = Store::open(&path).unwrap();
        let mut ids = Vec::new();
        for _ in 0..2 {
            let id = store.create_assessment(&fw, &new_assessment()).unwrap();
            let respondent = store.load(id).unwrap().0.respondents[0].id;
            store.upsert_answer(respondent, &slot, Some(2), false).unwrap();
            store.set_pillar_text(id, "umum", None, TextKind::Problem, "x").unwrap();
            store
                .set_agreed_level(id, AgreedKind::Consensus, &slot, Some(3), false, "")
                .unwrap();
            store.set_target(id, &slot, Some(4)).unwrap();
            ids.push(id);
        }
        store.delete_assessment(ids[0]).unwrap();
        assert!(matches!(store.load(ids[0]), Err(StoreError::NoSuchAssessment(_))));
        assert!(matches!(
            store.delete_assessment(ids[0]),
            Err(StoreError::NoSuchAssessment(_))
        ));
        assert_eq!(store.assessment_ids().unwrap(), [ids[1]]);
        (ids[0], ids[1])
    };

    // Look inside the file: nothing of the deleted assessment is left, the other is whole.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str, id: i64| -> i64 { conn.query_row(sql, [id], |r| r.get(0)).unwrap() };
    for (table, column) in [
        ("respondent", "assessment_id"),
        ("pillar_text", "assessment_id"),
        ("agreed_level", "assessment_id"),
        ("target", "assessment_id"),
    ] {
        let sql = format!("SELECT count(*) FROM {table} WHERE {column} = ?1");
        assert_eq!(count(&sql, gone), 0, "{table} rows of the deleted assessment");
        assert_eq!(count(&sql, kept), 1, "{table} rows of the kept assessment");
    }
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM answer WHERE respondent_id NOT IN (SELECT id FROM respondent)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "answers of deleted respondents");
    let answers: i64 = conn.query_row("SELECT count(*) FROM answer", [], |r| r.get(0)).unwrap();
    assert_eq!(answers, 1);
}

#[test]
fn a_missing_assessment_is_reported_with_a_hint() {
    let store = Store::open_in_memory().unwrap();
    let err = store.load(42).unwrap_err();
    assert_eq!(
        err.to_string(),
        "penilaian 42 tidak ada; `pmk3i list` menampilkan daftar penilaian"
    );
    assert_eq!(
        err.message(Lang::En),
        "assessment 42 does not exist; `pmk3i list` shows the assessments"
    );
}
