//! Regions are the official ones: look-up by name or code, identity by code, the
//! migration of databases from before codes (matched, unmatched, linked later), and
//! `pmk3i region`.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::db::kota;
use common::fw;
use pmk3i::assessment::RegionKind;
use pmk3i::framework::LoadedFramework;
use pmk3i::regions;
use pmk3i::store::{NewAssessment, Store};
use serde_json::json;

fn framework() -> LoadedFramework {
    fw::uji(
        "1",
        fw::bands(&[(0, "Rintisan")]),
        fw::actors(&["G"]),
        fw::subsectors(&["kuliner"]),
        json!([{"id": "umum", "title": {"id": "Umum"}, "indicators": [fw::indicator("umum.a", "A")]}]),
    )
}

fn new(name: &str, kind: RegionKind, province: &str) -> NewAssessment {
    let mut new = kota(name, province, &["kuliner"]);
    new.region.kind = kind;
    new
}

/// (code or "-", "Kind Name", province, assessments) of every stored region.
fn regions_of(store: &Store) -> Vec<(String, String, String, usize)> {
    let mut rows: Vec<_> = store
        .regions()
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.code.clone().unwrap_or_else(|| "-".into()),
                r.display_name(),
                r.province.clone(),
                r.assessments,
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn kediri_offers_both_kabupaten_and_kota_with_their_province() {
    let found: Vec<String> = regions::search("Kediri").iter().map(|r| r.label()).collect();
    assert_eq!(
        found,
        vec![
            "Kabupaten Kediri · Jawa Timur · 35.06".to_string(),
            "Kota Kediri · Jawa Timur · 35.71".to_string()
        ]
    );
    let kota: Vec<&str> = regions::search("kota ked").iter().map(|r| r.code.as_str()).collect();
    assert_eq!(kota, vec!["35.71"]);
    let by_code: Vec<String> = regions::search("35.71").iter().map(|r| r.display_name()).collect();
    assert_eq!(by_code, vec!["Kota Kediri".to_string()]);
    // The two long official province names read as the form's short ones.
    assert_eq!(
        regions::by_code("31.71").map(|r| r.province.as_str()),
        Some("DKI Jakarta")
    );
    assert_eq!(
        regions::by_code("34.71").map(|r| r.display_name()),
        Some("Kota Yogyakarta".into())
    );
    assert_eq!(
        regions::by_code("34.71").map(|r| r.province.as_str()),
        Some("DI Yogyakarta")
    );
}

#[test]
fn every_bundled_province_is_one_the_form_offers() {
    for p in regions::provinces() {
        assert!(
            pmk3i::app::form::PROVINCES.contains(&p.name.as_str()),
            "{} is not in the form's list",
            p.name
        );
    }
    assert_eq!(pmk3i::app::form::PROVINCES.len(), regions::provinces().len());
}

#[test]
fn spelling_variants_of_an_official_region_are_one_region() {
    let mut store = Store::open_in_memory().unwrap();
    let fw = framework();
    store
        .create_assessment(&fw, &new("Kediri", RegionKind::Kota, "Jawa Timur"))
        .unwrap();
    // The kind typed in the name wins; case and spaces do not matter.
    store
        .create_assessment(&fw, &new("kota  kediri ", RegionKind::Kabupaten, "jawa timur"))
        .unwrap();
    store
        .create_assessment(&fw, &new("Kediri", RegionKind::Kabupaten, "Jawa Timur"))
        .unwrap();
    store
        .create_assessment(&fw, &new("Sukamaju", RegionKind::Kabupaten, "Jawa Barat"))
        .unwrap();
    assert_eq!(
        regions_of(&store),
        vec![
            ("-".into(), "Kabupaten Sukamaju".into(), "Jawa Barat".into(), 1),
            ("35.06".into(), "Kabupaten Kediri".into(), "Jawa Timur".into(), 1),
            ("35.71".into(), "Kota Kediri".into(), "Jawa Timur".into(), 2),
        ]
    );
}

/// A database of schema 2 (before codes and respondent ids), with one assessment per
/// region as users typed them before there was a list, each with one respondent.
fn schema_2_database(path: &Path, regions: &[(&str, &str, &str)]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode=WAL").unwrap();
    for sql in &pmk3i::store::MIGRATIONS[..2] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = 2; PRAGMA application_id = {};",
        pmk3i::store::APPLICATION_ID
    ))
    .unwrap();
    let fw = framework();
    conn.execute(
        "INSERT INTO framework_snapshot (hash, json) VALUES (?1, ?2)",
        rusqlite::params![fw.hash, fw.raw],
    )
    .unwrap();
    for (i, (name, kind, province)) in regions.iter().enumerate() {
        conn.execute(
            "INSERT INTO region (name, kind, province) VALUES (?1, ?2, ?3)",
            rusqlite::params![name, kind, province],
        )
        .unwrap();
        let region = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO assessment (region_id, period, framework_id, framework_version, framework_hash,
                candidates, created_at, updated_at)
             VALUES (?1, '2026', 'uji', '1', ?2, '[\"kuliner\"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![region, fw.hash],
        )
        .unwrap();
        let assessment = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO respondent (assessment_id, name, actor) VALUES (?1, ?2, 'G')",
            rusqlite::params![assessment, format!("R{i}")],
        )
        .unwrap();
    }
}

#[test]
fn migration_matches_names_to_codes_keeps_the_rest_and_links_them_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    // Two spellings of Kota Kediri, the kabupaten, and one that is no official region.
    schema_2_database(
        &path,
        &[
            ("Kediri", "kota", "Jawa Timur"),
            ("kediri ", "kota", "jawa timur"),
            ("KEDIRI", "kabupaten", "Jawa Timur"),
            ("Sukamaju", "kabupaten", "Jawa Barat"),
        ],
    );
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        regions_of(&store),
        vec![
            ("-".into(), "Kabupaten Sukamaju".into(), "Jawa Barat".into(), 1),
            ("35.06".into(), "Kabupaten Kediri".into(), "Jawa Timur".into(), 1),
            ("35.71".into(), "Kota Kediri".into(), "Jawa Timur".into(), 2),
        ]
    );
    // Respondents got their stable ids.
    for row in store.list().unwrap() {
        assert_eq!(row.assessment.respondents[0].uid.len(), 32);
    }
    // Sukamaju is linked later to Kabupaten Bandung (32.04).
    let sukamaju = store.regions().unwrap().into_iter().find(|r| r.code.is_none()).unwrap();
    store.link_region(sukamaju.id, "3204").unwrap();
    assert_eq!(
        regions_of(&store),
        vec![
            ("32.04".into(), "Kabupaten Bandung".into(), "Jawa Barat".into(), 1),
            ("35.06".into(), "Kabupaten Kediri".into(), "Jawa Timur".into(), 1),
            ("35.71".into(), "Kota Kediri".into(), "Jawa Timur".into(), 2),
        ]
    );
    // A new assessment of Kabupaten Bandung joins it.
    store
        .create_assessment(&framework(), &new("Bandung", RegionKind::Kabupaten, "Jawa Barat"))
        .unwrap();
    assert_eq!(regions_of(&store)[0].3, 2);
    // An unknown code is refused and names what to do.
    let err = store.link_region(sukamaju.id, "99.99").unwrap_err();
    assert!(
        err.message(pmk3i::i18n::Lang::En).contains("pmk3i region find"),
        "{err}"
    );
}

#[test]
fn linking_to_a_code_another_region_holds_merges_them() {
    let mut store = Store::open_in_memory().unwrap();
    let fw = framework();
    store
        .create_assessment(&fw, &new("Kediri", RegionKind::Kota, "Jawa Timur"))
        .unwrap();
    store
        .create_assessment(&fw, &new("Kadiri", RegionKind::Kota, "Jawa Timur"))
        .unwrap();
    let typo = store.regions().unwrap().into_iter().find(|r| r.code.is_none()).unwrap();
    store.link_region(typo.id, "35.71").unwrap();
    assert_eq!(
        regions_of(&store),
        vec![("35.71".into(), "Kota Kediri".into(), "Jawa Timur".into(), 2)]
    );
}

#[test]
fn region_commands_find_list_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store
            .create_assessment(&framework(), &new("Sukamaju", RegionKind::Kabupaten, "Jawa Barat"))
            .unwrap();
    }
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("pmk3i")
            .unwrap()
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("PMK3I_LANG")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, _) = run(&["region", "find", "kediri"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "35.06\tKabupaten Kediri\tJawa Timur\n35.71\tKota Kediri\tJawa Timur\n"
    );
    let (code, _, err) = run(&["region", "find", "atlantis"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("tidak ada daerah Kemendagri yang cocok"), "{err}");

    let (_, out, _) = run(&["region", "list"]);
    assert!(
        out.contains("1\ttanpa kode\tKabupaten Sukamaju\tJawa Barat\t1"),
        "{out}"
    );
    assert!(out.contains("pmk3i region link"), "{out}");
    let (code, out, _) = run(&["--lang", "en", "region", "link", "1", "32.04"]);
    assert_eq!(code, Some(0));
    assert_eq!(out, "Region 1 (Kabupaten Sukamaju) linked to 32.04 Kabupaten Bandung\n");
    let (_, out, _) = run(&["region", "list"]);
    assert!(out.contains("1\t32.04\tKabupaten Bandung\tJawa Barat\t1"), "{out}");
    let (code, _, err) = run(&["region", "link", "7", "32.04"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("daerah 7 tidak ada"), "{err}");
}

// ---- the TUI: the form picks from the list; `c` links a region ----------------

mod tui {
    use super::common::tui::{app_on, key, type_text};
    use pmk3i::app::form::Field;
    use pmk3i::app::{App, Screen};
    use pmk3i::store::Store;
    use ratatui::crossterm::event::KeyCode;

    fn screen(app: &App) -> String {
        super::common::tui::screen(app, 100, 30)
    }

    fn form(app: &App) -> &pmk3i::app::form::FormState {
        match &app.screen {
            Screen::New(f) => f,
            _ => panic!("expected the form"),
        }
    }

    #[test]
    fn the_form_offers_both_kediris_and_a_pick_fills_kind_and_province() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let mut app = app_on(&path);
        key(&mut app, KeyCode::Char('n'));
        type_text(&mut app, "kediri");
        let shown = screen(&app);
        assert!(shown.contains("Kabupaten Kediri · Jawa Timur · 35.06"), "{shown}");
        assert!(shown.contains("Kota Kediri · Jawa Timur · 35.71"), "{shown}");
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Enter);
        let f = form(&app);
        assert_eq!(f.region_name.text(), "Kota Kediri");
        assert_eq!(f.kind, pmk3i::assessment::RegionKind::Kota);
        assert_eq!(f.province, Some("Jawa Timur"));
        assert_eq!(
            f.field(),
            Field::Period,
            "kind and province are filled: on to the period"
        );
        assert!(screen(&app).contains("Kota Kediri ✓ 35.71"));
    }

    #[test]
    fn shift_k_on_the_list_links_a_region_tanpa_kode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        {
            let mut store = Store::open(&path).unwrap();
            let fw = super::framework();
            store
                .create_assessment(
                    &fw,
                    &super::new("Kadiri", pmk3i::assessment::RegionKind::Kota, "Jawa Timur"),
                )
                .unwrap();
        }
        let mut app = app_on(&path);
        // The list marks the row; in English too.
        let shown = screen(&app);
        assert!(shown.contains("▶ 1 Kota Kadiri (tanpa kode) "), "{shown}");
        key(&mut app, KeyCode::Char('L'));
        assert!(screen(&app).contains("▶ 1 Kota Kadiri (no code) "));
        key(&mut app, KeyCode::Char('L'));
        // At 80 columns the name keeps its room; the line above the list says it.
        let mut narrow = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        narrow
            .draw(|f| pmk3i::ui::draw(&app, f, pmk3i::ui::theme::Theme { color: false }))
            .unwrap();
        let shown = narrow.backend().to_string();
        assert!(
            shown.contains("Penilaian, terbaru di atas · tanpa kode: K tautkan ke kode Kemendagri"),
            "{shown}"
        );
        assert!(shown.contains("▶ 1 Kota Kadiri "), "{shown}");
        key(&mut app, KeyCode::Char('K'));
        let shown = screen(&app);
        assert!(shown.contains("Kota Kadiri · Jawa Timur · tanpa kode"), "{shown}");
        // The dialog starts from the region's name; "Kadiri" matches nothing.
        for _ in 0.."Kadiri".len() {
            key(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "35.71");
        assert!(screen(&app).contains("▶ Kota Kediri · Jawa Timur · 35.71"));
        key(&mut app, KeyCode::Enter);
        let store = Store::open(&path).unwrap();
        let regions = store.regions().unwrap();
        assert_eq!(regions.len(), 1);
        assert_eq!(regions[0].code.as_deref(), Some("35.71"));
        assert_eq!(regions[0].display_name(), "Kota Kediri");
        // Linked: the mark is gone.
        let shown = screen(&app);
        assert!(shown.contains("▶ 1 Kota Kediri "), "{shown}");
        assert!(!shown.contains("tanpa kode"), "{shown}");
    }
}

// ---- region codes in exports; an import finds the region by code first ----------

fn pmk3i_cmd(db: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("pmk3i")
        .unwrap()
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PMK3I_LANG")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn exports_carry_the_region_code_and_an_import_finds_the_region_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sqlite3");
    {
        let mut store = Store::open(&a).unwrap();
        let fw = framework();
        store
            .create_assessment(&fw, &new("Kediri", RegionKind::Kota, "Jawa Timur"))
            .unwrap();
        store
            .create_assessment(&fw, &new("Sukamaju", RegionKind::Kota, "Jawa Barat"))
            .unwrap();
    }
    let (code, json1, err) = pmk3i_cmd(&a, &["export", "1", "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&json1).unwrap();
    assert_eq!(doc["region_code"], "35.71");
    let (_, json2, _) = pmk3i_cmd(&a, &["export", "2", "--format", "json"]);
    let doc2: serde_json::Value = serde_json::from_str(&json2).unwrap();
    assert_eq!(doc2["region_code"], serde_json::Value::Null, "tanpa kode");
    // CSV: a region_code column (after copy), on every row.
    let (_, csv, _) = pmk3i_cmd(&a, &["export", "1", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let code_col = header
        .iter()
        .position(|h| h == "region_code")
        .expect("a region_code column");
    assert_eq!(&header[code_col - 1], "copy");
    assert_eq!(
        header.iter().nth(2),
        Some("region"),
        "the columns before keep their places"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| &r[code_col] == "35.71"), "{csv}");
    let (_, csv2, _) = pmk3i_cmd(&a, &["export", "2", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv2.trim_start_matches('\u{feff}').as_bytes());
    assert!(reader.records().all(|r| r.unwrap()[code_col].is_empty()));

    // By code: the file's name is spelt otherwise, the code still finds Kota Kediri.
    let b = dir.path().join("b.sqlite3");
    let mut renamed = doc.clone();
    renamed["assessment"]["region"]["name"] = json!("Kediri Kota (lama)");
    renamed["assessment"]["region"]["province"] = json!("Jatim");
    let file = dir.path().join("renamed.json");
    std::fs::write(&file, renamed.to_string()).unwrap();
    let (code, _, err) = pmk3i_cmd(&b, &["import", file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let store = Store::open(&b).unwrap();
    assert_eq!(
        regions_of(&store),
        vec![("35.71".into(), "Kota Kediri".into(), "Jawa Timur".into(), 1)]
    );
    drop(store);

    // An older file (no region_code): found by name — an official name gets its code,
    // another stays "tanpa kode".
    let c = dir.path().join("c.sqlite3");
    for (i, d) in [&doc, &doc2].into_iter().enumerate() {
        let mut old = d.clone();
        old.as_object_mut().unwrap().remove("region_code");
        let file = dir.path().join(format!("old{i}.json"));
        std::fs::write(&file, old.to_string()).unwrap();
        let (code, _, err) = pmk3i_cmd(&c, &["import", file.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{err}");
    }
    let store = Store::open(&c).unwrap();
    assert_eq!(
        regions_of(&store),
        vec![
            ("-".into(), "Kota Sukamaju".into(), "Jawa Barat".into(), 1),
            ("35.71".into(), "Kota Kediri".into(), "Jawa Timur".into(), 1),
        ]
    );
    drop(store);

    // The renamed file with one more respondent merges by code into the Kota Kediri
    // already there (same region, period and framework): no second region or assessment.
    let mut more = renamed.clone();
    let mut budi = more["assessment"]["respondents"][0].clone();
    budi["name"] = json!("Budi");
    budi["id"] = json!(99);
    budi["uid"] = json!("0123456789abcdef0123456789abcdef");
    more["assessment"]["respondents"].as_array_mut().unwrap().push(budi);
    let file = dir.path().join("more.json");
    std::fs::write(&file, more.to_string()).unwrap();
    let (code, out, err) = pmk3i_cmd(&c, &["--lang", "en", "import", file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let store = Store::open(&c).unwrap();
    assert_eq!(store.list().unwrap().len(), 2, "{out}");
    assert_eq!(
        regions_of(&store),
        vec![
            ("-".into(), "Kota Sukamaju".into(), "Jawa Barat".into(), 1),
            ("35.71".into(), "Kota Kediri".into(), "Jawa Timur".into(), 1),
        ]
    );
    let kediri = store
        .list()
        .unwrap()
        .into_iter()
        .find(|r| r.assessment.region.name == "Kediri")
        .unwrap();
    let names: Vec<String> = kediri.assessment.respondents.iter().map(|r| r.name.clone()).collect();
    assert_eq!(names, vec!["Siti".to_string(), "Budi".to_string()], "{out}");
}
