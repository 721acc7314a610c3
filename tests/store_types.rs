//! Identities as the store keeps them: actors and kinds read back as what was written
//! (an unknown one is an error naming where it is, never a row left out), and each
//! walker's own position in the walk, also in a database from before positions were
//! kept per walker.

use std::path::Path;

use pmk3i::actor::Actor;
use pmk3i::app::walk::WalkState;
use pmk3i::assessment::{Region, RegionKind, TextKind, WalkPosition, Walker, snapshot_framework};
use pmk3i::framework::{LoadedFramework, Origin};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store, StoreError, WALK_POSITIONS_SCHEMA};
use serde_json::json;

/// A framework of one region pillar with ten indicators, `umum.0` … `umum.9`.
fn framework() -> LoadedFramework {
    let levels: Vec<_> = (0..=4)
        .map(|v| json!({"value": v, "description": {"id": format!("Tingkat {v}")}}))
        .collect();
    let indicators: Vec<_> = (0..10)
        .map(|i| json!({"id": format!("umum.{i}"), "text": {"id": format!("Pertanyaan {i}")}, "levels": levels}))
        .collect();
    let raw = json!({
        "format": 1, "id": "uji", "version": "1", "title": {"id": "Kerangka uji"},
        "scale": (0..=4).map(|v| json!({"value": v, "label": {"id": v.to_string()}})).collect::<Vec<_>>(),
        "bands": [{"min": 0, "label": {"id": "Rintisan"}}],
        "actors": [{"id": "B", "label": {"id": "Bisnis"}}, {"id": "G", "label": {"id": "Pemerintah"}}],
        "subsectors": [],
        "pillars": [{"id": "umum", "title": {"id": "Umum"}, "indicators": indicators}]
    })
    .to_string();
    LoadedFramework::from_text("uji.json", &raw, Origin::Bundled("uji.json")).expect("a valid framework")
}

fn new_assessment() -> NewAssessment {
    NewAssessment {
        region: Region {
            name: "Pekalongan".into(),
            kind: RegionKind::Kota,
            province: "Jawa Tengah".into(),
        },
        period: "2026".into(),
        candidates: Vec::new(),
        respondent_name: "Siti".into(),
        respondent_organisation: String::new(),
        respondent_actor: Actor::Government,
    }
}

fn slot(indicator: &str) -> SlotKey {
    SlotKey::new(indicator, None)
}

fn position(walker: Walker, indicator: &str) -> WalkPosition {
    WalkPosition {
        walker,
        quick: false,
        slot: slot(indicator),
    }
}

/// The walk as the TUI opens it for `walker` (the list's `a` chooser).
fn walk_as(store: &Store, id: i64, walker: Walker) -> WalkState {
    let (assessment, json) = store.load(id).expect("load");
    let framework = snapshot_framework(&json).expect("snapshot");
    let mut walk = WalkState::new(assessment, framework);
    assert!(walk.assessment.has_walker(walker), "a walker of this assessment");
    walk.walker = walker;
    walk.resume_own_position();
    walk
}

#[test]
fn every_actor_round_trips_through_json_and_the_database() {
    let written: Vec<String> = Actor::ALL
        .iter()
        .map(|a| serde_json::to_string(a).expect("json"))
        .collect();
    assert_eq!(written, ["\"A\"", "\"B\"", "\"C\"", "\"G\"", "\"M\"", "\"asesor\""]);
    for (actor, text) in Actor::ALL.iter().zip(&written) {
        assert_eq!(serde_json::from_str::<Actor>(text).expect("read back"), *actor);
    }
    let lower = serde_json::from_str::<Actor>("\"g\"").expect_err("ids are capitals");
    assert!(lower.to_string().contains("unknown actor group \"g\""), "{lower}");

    let mut store = Store::open_in_memory().expect("store");
    let fw = framework();
    let id = store.create_assessment(&fw, &new_assessment()).expect("create");
    for actor in &Actor::ALL[..5] {
        store.add_respondent(id, "Orang", *actor, "").expect("add");
    }
    let stored: Vec<Actor> = store
        .load(id)
        .expect("load")
        .0
        .respondents
        .iter()
        .map(|r| r.actor)
        .collect();
    assert_eq!(
        stored,
        [
            Actor::Government,
            Actor::Academia,
            Actor::Business,
            Actor::Community,
            Actor::Government,
            Actor::Media
        ]
    );
}

#[test]
fn the_databases_own_check_lists_the_same_actors_as_the_type() {
    let store_dir = tempfile::tempdir().expect("tempdir");
    let path = store_dir.path().join("pmk3i.sqlite3");
    drop(Store::open(&path).expect("store"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    let table_sql = |table: &str| -> String {
        conn.query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [table], |r| r.get(0))
            .expect("table")
    };
    // The CHECK is the file's own guard against other programs; it names what the type does.
    let every = "actor IN ('A', 'B', 'C', 'G', 'M', 'asesor')";
    let ids: Vec<String> = Actor::ALL.iter().map(|a| format!("'{a}'")).collect();
    assert_eq!(every, format!("actor IN ({})", ids.join(", ")));
    assert!(table_sql("respondent").contains(every));
    assert!(table_sql("attendee").contains(every));
    assert!(table_sql("commitment").contains("actor IN ('A', 'B', 'C', 'G', 'M')"));
}

#[test]
fn an_unknown_kind_in_the_database_is_an_error_naming_the_table_row_and_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pmk3i.sqlite3");
    let id = {
        let mut store = Store::open(&path).expect("store");
        let id = store
            .create_assessment(&framework(), &new_assessment())
            .expect("create");
        store
            .set_pillar_text(id, "umum", None, TextKind::Problem, "Belum ada forum")
            .expect("text");
        id
    };
    // A kind a newer pmk3i (or another program) might write, past the CHECK.
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch(&format!(
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO pillar_text (assessment_id, pillar, subsector, kind, body, updated_at)
         VALUES ({id}, 'umum', '', 'lesson', 'Pelajaran', '2026-01-01T00:00:00Z');"
    ))
    .expect("plant");
    drop(conn);

    let store = Store::open(&path).expect("store");
    let err = store.load(id).expect_err("an unknown kind is not left out");
    assert!(matches!(err, StoreError::UnknownValue { .. }), "{err:?}");
    assert_eq!(
        err.message(Lang::En),
        format!(
            "{}: table pillar_text, assessment {id}, pillar umum, subsector \"\": column kind holds \"lesson\", \
             which this pmk3i does not know. The file was left untouched; the row may have been written by a newer \
             pmk3i (update pmk3i) or by another program (run `pmk3i check`)",
            path.display()
        )
    );
    assert!(
        err.message(Lang::Id).contains("tabel pillar_text"),
        "{}",
        err.message(Lang::Id)
    );
    // As a user meets it: the export is refused (exit 2), naming the file, the table
    // and the value, and the file is left as it was.
    let before = std::fs::read(&path).expect("read");
    let data = tempfile::tempdir().expect("tempdir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DATA_DIR", data.path())
        .env_remove("PMK3I_DB")
        .env_remove("PMK3I_LANG")
        .arg("--db")
        .arg(&path)
        .args(["export", &id.to_string(), "--format", "json"])
        .output()
        .expect("run pmk3i");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: tabel pillar_text", path.display())) && stderr.contains("\"lesson\""),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing exported");
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file is unchanged");
}

#[test]
fn an_unknown_agreed_kind_or_actor_is_an_error_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("copy.sqlite3");
    let mut copy = Store::open(&path).expect("copy");
    let copied = copy.create_assessment(&framework(), &new_assessment()).expect("create");
    drop(copy);
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch(&format!(
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, level, na, updated_at)
         VALUES ({copied}, 'negotiated', 'umum.1', '', 3, 0, '2026-01-01T00:00:00Z');"
    ))
    .expect("plant");
    drop(conn);
    let err = Store::open(&path).expect("store").load(copied).expect_err("refused");
    assert!(
        err.message(Lang::En).contains(
            "table agreed_level, assessment 1, indicator umum.1, subsector \"\": column kind holds \"negotiated\""
        ),
        "{}",
        err.message(Lang::En)
    );

    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         DELETE FROM agreed_level; UPDATE respondent SET actor = 'X';",
    )
    .expect("plant");
    drop(conn);
    let err = Store::open(&path).expect("store").load(copied).expect_err("refused");
    assert!(
        err.message(Lang::En)
            .contains("table respondent, respondent 1: column actor holds \"X\""),
        "{}",
        err.message(Lang::En)
    );
}

#[test]
fn two_respondents_walking_one_assessment_each_resume_at_their_own_indicator() {
    let mut store = Store::open_in_memory().expect("store");
    let id = store
        .create_assessment(&framework(), &new_assessment())
        .expect("create");
    let siti = store.load(id).expect("load").0.respondents[0].id;
    let budi = store.add_respondent(id, "Budi", Actor::Business, "").expect("add");

    // Siti walks to the fourth indicator, then Budi to the eighth: Budi walked last.
    store
        .set_position(id, &position(Walker::Respondent(siti), "umum.3"))
        .expect("Siti's position");
    store
        .set_position(id, &position(Walker::Respondent(budi), "umum.7"))
        .expect("Budi's position");

    let siti_walk = walk_as(&store, id, Walker::Respondent(siti));
    assert_eq!(siti_walk.slot(), Some(slot("umum.3")), "Siti resumes where she was");
    let budi_walk = walk_as(&store, id, Walker::Respondent(budi));
    assert_eq!(budi_walk.slot(), Some(slot("umum.7")), "Budi resumes where he was");

    // Reopening (Enter on the list) resumes as whoever walked last, at their indicator.
    let (assessment, json) = store.load(id).expect("load");
    let reopened = WalkState::new(assessment, snapshot_framework(&json).expect("snapshot"));
    assert_eq!(reopened.walker, Walker::Respondent(budi));
    assert_eq!(reopened.slot(), Some(slot("umum.7")));

    // Siti moving on changes only her own position.
    store
        .set_position(id, &position(Walker::Respondent(siti), "umum.5"))
        .expect("Siti moves on");
    let a = store.load(id).expect("load").0;
    assert_eq!(
        a.positions,
        [
            position(Walker::Respondent(siti), "umum.5"),
            position(Walker::Respondent(budi), "umum.7")
        ]
    );
    // The consensus walk has not been opened: it starts at its first indicator waiting.
    let consensus = walk_as(&store, id, Walker::Consensus);
    assert_eq!(consensus.slot(), Some(slot("umum.0")));
}

/// The TUI on the database at `path`, walking `id` as `walker`.
fn tui_walking(path: &Path, id: i64, walker: Walker) -> pmk3i::app::App {
    let mut app = pmk3i::app::App::new(
        Store::open(path).expect("store"),
        vec![framework()],
        Lang::Id,
        "2026".into(),
    );
    app.open_walk_as(id, walker);
    app
}

fn tui_slot(app: &pmk3i::app::App) -> (Walker, Option<SlotKey>) {
    match &app.screen {
        pmk3i::app::Screen::Walk(w) => (w.walker, w.slot()),
        _ => panic!("expected the walk"),
    }
}

fn skip(app: &mut pmk3i::app::App, times: usize) {
    for _ in 0..times {
        app.handle(pmk3i::app::Event::Key(ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Right,
            ratatui::crossterm::event::KeyModifiers::NONE,
        )));
    }
}

#[test]
fn in_the_tui_each_respondent_resumes_at_their_own_indicator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pmk3i.sqlite3");
    let (id, siti, budi) = {
        let mut store = Store::open(&path).expect("store");
        let id = store
            .create_assessment(&framework(), &new_assessment())
            .expect("create");
        let siti = store.load(id).expect("load").0.respondents[0].id;
        let budi = store.add_respondent(id, "Budi", Actor::Business, "").expect("add");
        (id, siti, budi)
    };
    // Siti skips to the fourth indicator and leaves; then Budi skips to the eighth.
    let mut app = tui_walking(&path, id, Walker::Respondent(siti));
    assert_eq!(tui_slot(&app), (Walker::Respondent(siti), Some(slot("umum.0"))));
    skip(&mut app, 3);
    drop(app);
    let mut app = tui_walking(&path, id, Walker::Respondent(budi));
    assert_eq!(
        tui_slot(&app),
        (Walker::Respondent(budi), Some(slot("umum.0"))),
        "Budi starts at his own first question, not at Siti's"
    );
    skip(&mut app, 7);
    drop(app);

    let app = tui_walking(&path, id, Walker::Respondent(siti));
    assert_eq!(tui_slot(&app), (Walker::Respondent(siti), Some(slot("umum.3"))));
    let app = tui_walking(&path, id, Walker::Respondent(budi));
    assert_eq!(tui_slot(&app), (Walker::Respondent(budi), Some(slot("umum.7"))));
    // Enter on the list resumes whoever walked last.
    let mut app = pmk3i::app::App::new(
        Store::open(&path).expect("store"),
        vec![framework()],
        Lang::Id,
        "2026".into(),
    );
    app.open_walk(id, None);
    assert_eq!(tui_slot(&app), (Walker::Respondent(budi), Some(slot("umum.7"))));
}

/// A database of the schema before walk positions, with one assessment per
/// `(cursor_indicator, cursor_mode)` and two respondents each (G, then B).
fn database_before_positions(path: &Path, cursors: &[(Option<&str>, Option<&str>)]) -> Vec<(i64, i64, i64)> {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch("PRAGMA journal_mode=WAL").expect("wal");
    let before = (WALK_POSITIONS_SCHEMA - 1) as usize;
    for sql in &pmk3i::store::MIGRATIONS[..before] {
        conn.execute_batch(sql).expect("migration");
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = {before}; PRAGMA application_id = {};",
        pmk3i::store::APPLICATION_ID
    ))
    .expect("header");
    let fw = framework();
    conn.execute(
        "INSERT INTO framework_snapshot (hash, json) VALUES (?1, ?2)",
        rusqlite::params![fw.hash, fw.raw],
    )
    .expect("snapshot");
    conn.execute(
        "INSERT INTO region (name, kind, province) VALUES ('Pekalongan', 'kota', 'Jawa Tengah')",
        [],
    )
    .expect("region");
    let region = conn.last_insert_rowid();
    let mut ids = Vec::new();
    for (indicator, mode) in cursors {
        conn.execute(
            "INSERT INTO assessment (region_id, period, framework_id, framework_version, framework_hash,
                candidates, cursor_indicator, cursor_subsector, cursor_mode, created_at, updated_at)
             VALUES (?1, '2026', 'uji', '1', ?2, '[]', ?3, '', ?4, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![region, fw.hash, indicator, mode],
        )
        .expect("assessment");
        let assessment = conn.last_insert_rowid();
        let respondent = |name: &str, actor: &str| {
            conn.execute(
                "INSERT INTO respondent (assessment_id, name, actor, uid) VALUES (?1, ?2, ?3, lower(hex(randomblob(16))))",
                rusqlite::params![assessment, name, actor],
            )
            .expect("respondent");
            conn.last_insert_rowid()
        };
        let first = respondent("Siti", "G");
        let second = respondent("Budi", "B");
        ids.push((assessment, first, second));
    }
    ids
}

#[test]
fn an_old_database_moves_its_one_cursor_to_the_walker_it_belonged_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite3");
    // Respondent ids are assigned in order: assessment k has respondents 2k-1 and 2k.
    let ids = database_before_positions(
        &path,
        &[
            (Some("umum.6"), Some("respondent:4")),
            (Some("umum.2"), Some("consensus")),
            (Some("umum.8"), Some("quick:respondent:5")),
            (Some("umum.4"), None),
            (Some("umum.1"), Some("respondent:999")),
            (None, None),
        ],
    );
    assert_eq!(
        ids,
        [(1, 1, 2), (2, 3, 4), (3, 5, 6), (4, 7, 8), (5, 9, 10), (6, 11, 12)]
    );
    let store = Store::open(&path).expect("migrated");
    let positions = |id: i64| store.load(id).expect("load").0.positions;
    // 1: "respondent:4" is not one of its respondents (1, 2): the first respondent.
    assert_eq!(positions(1), [position(Walker::Respondent(1), "umum.6")]);
    assert_eq!(positions(2), [position(Walker::Consensus, "umum.2")]);
    assert_eq!(
        positions(3),
        [WalkPosition {
            walker: Walker::Respondent(5),
            quick: true,
            slot: slot("umum.8"),
        }]
    );
    // No mode: the walker reopening resumed as, the first non-assessor respondent.
    assert_eq!(positions(4), [position(Walker::Respondent(7), "umum.4")]);
    assert_eq!(positions(5), [position(Walker::Respondent(9), "umum.1")]);
    assert_eq!(positions(6), Vec::<WalkPosition>::new());

    // The cursor columns are gone from the assessment row.
    let conn = rusqlite::Connection::open(&path).expect("open");
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('assessment') WHERE name LIKE 'cursor%'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert!(columns.is_empty(), "{columns:?}");
}

#[test]
fn a_position_goes_with_its_respondent() {
    let mut store = Store::open_in_memory().expect("store");
    let id = store
        .create_assessment(&framework(), &new_assessment())
        .expect("create");
    let budi = store.add_respondent(id, "Budi", Actor::Business, "").expect("add");
    store
        .set_position(id, &position(Walker::Respondent(budi), "umum.7"))
        .expect("position");
    store.delete_respondent(id, budi).expect("delete");
    assert_eq!(store.load(id).expect("load").0.positions, Vec::<WalkPosition>::new());
}
