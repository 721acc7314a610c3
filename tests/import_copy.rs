//! `pmk3i import --copy`: the copy is marked in its own field, its period stays the
//! file's, it is never what another file merges into, and it reads "salinan impor" /
//! "import copy" in the list, the reports and the exports. Databases from before the
//! mark have the old suffix taken off their periods.

mod common;

use std::path::Path;
use std::process::Command;

use pmk3i::exchange::{self, Duplicate, ImportOutcome};
use pmk3i::framework::{LoadedFramework, Origin};
use pmk3i::i18n::Lang;
use pmk3i::merge::Prefer;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use serde_json::{Value, json};

fn framework() -> LoadedFramework {
    let levels: Vec<_> = (0..=4)
        .map(|v| json!({"value": v, "description": {"id": format!("Tingkat {v}")}}))
        .collect();
    let raw = json!({
        "format": 1, "id": "uji", "version": "1", "title": {"id": "Kerangka uji"},
        "scale": (0..=4).map(|v| json!({"value": v, "label": {"id": v.to_string()}})).collect::<Vec<_>>(),
        "bands": [{"min": 0, "label": {"id": "Rintisan"}}],
        "actors": [{"id": "G", "label": {"id": "Pemerintah"}}],
        "subsectors": [{"id": "kuliner", "label": {"id": "Kuliner"}}],
        "pillars": [{"id": "umum", "title": {"id": "Umum"}, "indicators": [
            {"id": "umum.a", "text": {"id": "A"}, "levels": levels}
        ]}]
    })
    .to_string();
    LoadedFramework::from_text("uji.json", &raw, Origin::Bundled("uji.json")).expect("a valid framework")
}

/// A store with Kota Sukamaju 2026 (one answer, level 2); returns it and the id.
fn sukamaju(store: &mut Store) -> i64 {
    let id = store
        .create_assessment(
            &framework(),
            &NewAssessment {
                respondent_organisation: String::new(),
                ..common::db::sukamaju(&["kuliner"])
            },
        )
        .expect("create");
    let (a, _) = store.load(id).expect("load");
    store
        .upsert_answer(a.respondents[0].id, &SlotKey::new("umum.a", None), Some(2), false)
        .expect("answer");
    id
}

fn pmk3i(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DB", db)
        .env("PMK3I_DATA_DIR", db.parent().expect("a folder"))
        .env("SOURCE_DATE_EPOCH", "1775379600")
        .env_remove("PMK3I_LANG")
        .args(args)
        .output()
        .expect("run pmk3i");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_copy_keeps_its_period_and_says_it_is_a_copy_everywhere() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let first = dir.path().join("laptop.sqlite3");
    let mut store = Store::open(&first).expect("open");
    let id = sukamaju(&mut store);
    drop(store);
    let file = dir.path().join("sukamaju.json");
    let file = file.to_str().expect("a UTF-8 path");
    let (code, _, err) = pmk3i(&first, &["export", &id.to_string(), "--format", "json", "--out", file]);
    assert_eq!(code, 0, "{err}");

    let db = dir.path().join("pusat.sqlite3");
    assert_eq!(pmk3i(&db, &["import", file]).0, 0);
    let (code, said, err) = pmk3i(&db, &["import", "--copy", file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(said, "Diimpor sebagai penilaian 2 (salinan impor)\n");

    // The list: both are period 2026; the second is marked.
    let (_, listed, _) = pmk3i(&db, &["list", "--json"]);
    let rows: Value = serde_json::from_str(&listed).expect("JSON");
    let mut rows: Vec<(i64, String, bool)> = rows
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().expect("an id"),
                r["period"].as_str().expect("a period").to_string(),
                r["import_copy"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    rows.sort();
    assert_eq!(rows, [(1, "2026".to_string(), false), (2, "2026".to_string(), true)]);
    let (_, table, _) = pmk3i(&db, &["list"]);
    assert!(table.contains("\tKota Sukamaju\t2026 · salinan impor\t"), "{table}");
    assert!(table.contains("\tKota Sukamaju\t2026\t"), "{table}");
    let (_, table, _) = pmk3i(&db, &["--lang", "en", "list"]);
    assert!(table.contains("\tKota Sukamaju\t2026 · import copy\t"), "{table}");

    // The reports and the berita acara.
    let (_, md, _) = pmk3i(&db, &["report", "2", "--format", "md"]);
    assert!(md.contains("Periode: **2026** (salinan impor) ·"), "{md}");
    let (_, md, _) = pmk3i(&db, &["report", "1", "--format", "md"]);
    assert!(
        md.contains("Periode: **2026** ·") && !md.contains("salinan impor"),
        "{md}"
    );
    let (_, html, _) = pmk3i(&db, &["--lang", "en", "report", "2", "--format", "html"]);
    assert!(
        html.contains(r#"Period <strong>2026</strong> <span class="mark">import copy</span>"#),
        "{html}"
    );
    let (_, ba, _) = pmk3i(&db, &["berita-acara", "2", "--format", "md"]);
    assert!(ba.contains("| Periode | 2026 · salinan impor |"), "{ba}");

    // The exports: the JSON field, and the CSV's copy column on every row.
    let (_, json_text, _) = pmk3i(&db, &["export", "2", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json_text).expect("JSON");
    assert_eq!(doc["assessment"]["period"], "2026");
    assert_eq!(doc["assessment"]["import_copy"], true);
    let (_, json_text, _) = pmk3i(&db, &["export", "1", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json_text).expect("JSON");
    assert!(doc["assessment"].get("import_copy").is_none(), "left out when false");
    let (_, csv_text, _) = pmk3i(&db, &["--lang", "en", "export", "2", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().expect("a header").clone();
    let copy_col = header.iter().position(|h| h == "copy").expect("a copy column");
    assert_eq!(
        &header[copy_col + 1],
        "region_code",
        "copy comes just before region_code"
    );
    assert_eq!(&header[3], "period");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert!(!records.is_empty());
    for r in &records {
        assert_eq!((&r[3], &r[copy_col]), ("2026", "import copy"), "{r:?}");
    }
}

#[test]
fn a_copy_is_never_merged_into_and_its_export_stays_a_copy() {
    let mut laptop = Store::open_in_memory().expect("store");
    let id = sukamaju(&mut laptop);
    let file = exchange::export_json(&laptop, id).expect("export");

    let mut store = Store::open_in_memory().expect("store");
    let original = exchange::import_json(&mut store, "a.json", file.as_bytes(), Duplicate::Refuse).expect("import");
    let copy = exchange::import_json(&mut store, "a.json", file.as_bytes(), Duplicate::Copy).expect("copy");
    assert_ne!(original, copy);
    // Without the original, another laptop's file of the same region and period is a
    // new assessment, not merged into the copy.
    store.delete_assessment(original).expect("delete");
    let (a, _) = laptop.load(id).expect("load");
    laptop
        .upsert_answer(a.respondents[0].id, &SlotKey::new("umum.a", None), Some(3), false)
        .expect("answer");
    let other = exchange::export_json(&laptop, id).expect("export");
    let outcome = exchange::import_file(
        &mut store,
        "b.json",
        other.as_bytes(),
        Duplicate::Refuse,
        Prefer::Refuse,
    )
    .expect("import");
    let ImportOutcome::Created(new) = outcome else {
        panic!("merged into the copy: {outcome:?}");
    };
    let (copied, _) = store.load(copy).expect("load");
    let level = |a: &pmk3i::assessment::Assessment| a.respondents[0].answers[0].level;
    assert_eq!(level(&copied), Some(2), "the copy is unchanged");
    let (created, _) = store.load(new).expect("load");
    assert_eq!((created.period.as_str(), created.import_copy), ("2026", false));

    // The copy's own export, imported elsewhere, is a copy there too (never merged
    // into that database's Sukamaju 2026).
    let copy_file = exchange::export_json(&store, copy).expect("export");
    let mut third = Store::open_in_memory().expect("store");
    let theirs = sukamaju(&mut third);
    let outcome = exchange::import_file(
        &mut third,
        "c.json",
        copy_file.as_bytes(),
        Duplicate::Refuse,
        Prefer::Refuse,
    )
    .expect("import");
    let ImportOutcome::Created(imported) = outcome else {
        panic!("an exported copy was merged: {outcome:?}");
    };
    assert_ne!(imported, theirs);
    let (a, _) = third.load(imported).expect("load");
    assert_eq!((a.period.as_str(), a.import_copy), ("2026", true));
}

#[test]
fn an_export_of_a_copy_made_before_the_mark_becomes_a_marked_copy() {
    let mut laptop = Store::open_in_memory().expect("store");
    let id = sukamaju(&mut laptop);
    let mut doc: Value = serde_json::from_str(&exchange::export_json(&laptop, id).expect("export")).expect("JSON");
    doc["assessment"]["period"] = json!("2026 (salinan impor / import copy)");
    let mut store = Store::open_in_memory().expect("store");
    let imported =
        exchange::import_json(&mut store, "old.json", doc.to_string().as_bytes(), Duplicate::Refuse).expect("import");
    let (a, _) = store.load(imported).expect("load");
    assert_eq!((a.period.as_str(), a.import_copy), ("2026", true));
    // The same file again is recognised as imported before.
    assert!(matches!(
        exchange::import_json(&mut store, "old.json", doc.to_string().as_bytes(), Duplicate::Refuse),
        Err(exchange::ExchangeError::AlreadyImported { .. })
    ));
}

#[test]
fn a_database_from_before_the_mark_has_the_suffix_taken_off_its_periods() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("lama.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        let before = (pmk3i::store::IMPORT_COPY_SCHEMA - 1) as usize;
        for sql in &pmk3i::store::MIGRATIONS[..before] {
            conn.execute_batch(sql).expect("an older schema");
        }
        conn.execute_batch(&format!(
            "PRAGMA user_version = {before}; PRAGMA application_id = {};",
            pmk3i::store::APPLICATION_ID
        ))
        .expect("version");
        let fw = framework();
        conn.execute(
            "INSERT INTO framework_snapshot (hash, json) VALUES (?1, ?2)",
            rusqlite::params![fw.hash, fw.raw],
        )
        .expect("snapshot");
        conn.execute(
            "INSERT INTO region (name, kind, province) VALUES ('Sukamaju', 'kota', 'Jawa Barat')",
            [],
        )
        .expect("region");
        for period in [
            "2026",
            "2026 (salinan impor / import copy)",
            "2026 (salinan impor / import copy) (salinan impor / import copy)",
            "2026 (salinan impor / import copy) catatan",
        ] {
            conn.execute(
                "INSERT INTO assessment (region_id, period, framework_id, framework_version, framework_hash,
                    candidates, created_at, updated_at)
                 VALUES (1, ?1, 'uji', '1', ?2, '[\"kuliner\"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                rusqlite::params![period, fw.hash],
            )
            .expect("assessment");
        }
    }
    let store = Store::open(&path).expect("migrates");
    let marked: Vec<(String, bool)> = (1..=4)
        .map(|id| {
            let (a, _) = store.load(id).expect("load");
            (a.period, a.import_copy)
        })
        .collect();
    assert_eq!(
        marked,
        [
            ("2026".to_string(), false),
            ("2026".to_string(), true),
            ("2026".to_string(), true),
            // Only a suffix at the very end is the old label.
            ("2026 (salinan impor / import copy) catatan".to_string(), false),
        ]
    );
}

#[test]
fn the_list_and_the_walk_header_name_the_copy() {
    let mut laptop = Store::open_in_memory().expect("store");
    let id = sukamaju(&mut laptop);
    let file = exchange::export_json(&laptop, id).expect("export");
    let mut store = Store::open_in_memory().expect("store");
    exchange::import_json(&mut store, "a.json", file.as_bytes(), Duplicate::Refuse).expect("import");
    let copy = exchange::import_json(&mut store, "a.json", file.as_bytes(), Duplicate::Copy).expect("copy");
    let mut app = pmk3i::app::App::new(store, vec![framework()], Lang::Id, "2026".into());
    let draw = |app: &pmk3i::app::App| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).expect("a test terminal");
        terminal
            .draw(|f| pmk3i::ui::draw(app, f, pmk3i::ui::theme::Theme { color: false }))
            .expect("draw");
        terminal.backend().to_string()
    };
    let list = draw(&app);
    assert_eq!(list.matches("Kota Sukamaju").count(), 2, "{list}");
    assert_eq!(list.matches("salinan impor").count(), 1, "{list}");
    app.open_walk(copy, None);
    let walk = draw(&app);
    let header = walk.lines().next().expect("a header line");
    assert!(header.contains("Kota Sukamaju · 2026 · salinan impor"), "{walk}");
}
