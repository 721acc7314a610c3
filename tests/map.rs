//! The national map on a generated database: 30 regions in 5 provinces, each with a
//! known score per pillar, flagship and stage; its rows, filters, coverage and the
//! per-province summary; and `pmk3i map` in its four formats.

mod common;

use std::path::Path;

use common::cli::{Run, pmk3i};
use common::fw;
use pmk3i::assessment::{AgreedKind, Region};
use pmk3i::framework::LoadedFramework;
use pmk3i::i18n::Lang;
use pmk3i::map::{MapFilter, Stage, build};
use pmk3i::regions;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use serde_json::{Value, json};

/// Two region pillars of one indicator each, weight 1: a pillar's score is
/// 100 × level / 4 and the headline is the mean of the two.
fn framework() -> LoadedFramework {
    fw::uji(
        "1",
        fw::four_bands(),
        fw::actors(&["G"]),
        fw::subsectors(&["kuliner", "kriya"]),
        json!([
            {"id": "kreasi", "title": {"id": "Kreasi"}, "indicators": [fw::indicator("kreasi.a", "A")]},
            {"id": "distribusi", "title": {"id": "Distribusi"}, "indicators": [fw::indicator("distribusi.a", "B")]}
        ]),
    )
}

const PROVINCES: [&str; 5] = ["11", "32", "33", "35", "51"];

/// Region j (0–5) of each province: kreasi at level 4 (100); distribusi at level
/// j % 3 (0, 25, 50), so j = 0, 1, 3, 4 are weak in distribusi (< 40); candidate kuliner
/// for even j, kriya for odd j; j = 5 has a consensus level (DKT); Jawa Timur's j = 2
/// a verified one (uji petik). Kabupaten Pacitan (35.01) also has a 2025 assessment
/// with distribusi at 4, which its 2026 one replaces on the map.
fn generated(path: &Path) {
    let mut store = Store::open(path).unwrap();
    let fw = framework();
    let add = |store: &mut Store, code: &str, period: &str, j: usize, distribusi: i64| {
        let o = regions::by_code(code).unwrap();
        let id = store
            .create_assessment(
                &fw,
                &NewAssessment {
                    region: Region {
                        name: o.name.clone(),
                        kind: o.kind,
                        province: o.province.clone(),
                    },
                    period: period.into(),
                    candidates: vec![if j.is_multiple_of(2) { "kuliner" } else { "kriya" }.into()],
                    respondent_name: "Siti".into(),
                    respondent_organisation: String::new(),
                    respondent_actor: pmk3i::actor::Actor::Government,
                },
            )
            .unwrap();
        let r = store.load(id).unwrap().0.respondents[0].id;
        store
            .upsert_answer(r, &SlotKey::new("kreasi.a", None), Some(4), false)
            .unwrap();
        store
            .upsert_answer(r, &SlotKey::new("distribusi.a", None), Some(distribusi), false)
            .unwrap();
        id
    };
    add(&mut store, "35.01", "2025", 0, 4);
    for p in PROVINCES {
        let mine: Vec<&regions::Official> = regions::all().iter().filter(|o| o.province_code == p).take(6).collect();
        for (j, o) in mine.iter().enumerate() {
            let id = add(&mut store, &o.code, "2026", j, (j % 3) as i64);
            if j == 5 {
                store
                    .set_agreed_answer(
                        id,
                        AgreedKind::Consensus,
                        &SlotKey::new("kreasi.a", None),
                        Some(3),
                        false,
                    )
                    .unwrap();
            }
            if p == "35" && j == 2 {
                store
                    .set_agreed_answer(
                        id,
                        AgreedKind::Verified,
                        &SlotKey::new("kreasi.a", None),
                        Some(4),
                        false,
                    )
                    .unwrap();
            }
            if p == "51" && j == 1 {
                // Tabanan (51.02): the berita acara's content — an agreed flagship and a
                // commitment — so the stage is "berita acara".
                store.set_flagship(id, Some("kriya")).unwrap();
                store
                    .set_commitments(
                        id,
                        &[pmk3i::workshop::Commitment {
                            text: "Menerbitkan perbup ekonomi kreatif".into(),
                            actor: Some(pmk3i::actor::Actor::Government),
                            organisation: String::new(),
                            deadline: "2027-06-30".into(),
                            indicators: Vec::new(),
                        }],
                    )
                    .unwrap();
            }
        }
    }
}

fn filter() -> MapFilter {
    MapFilter {
        framework: Some("uji".into()),
        ..MapFilter::default()
    }
}

#[test]
fn every_region_has_a_row_and_coverage_of_the_514_is_visible() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    generated(&path);
    let store = Store::open(&path).unwrap();
    let map = build(&store, &filter(), Lang::Id).unwrap();
    assert_eq!(map.pillars, vec!["kreasi", "distribusi"]);
    assert_eq!(map.rows.len(), 514, "every official region, assessed or not");
    assert_eq!(map.assessed, 30);
    let pacitan = map.rows.iter().find(|r| r.code.as_deref() == Some("35.01")).unwrap();
    assert_eq!(pacitan.period.as_deref(), Some("2026"), "the latest assessment");
    assert_eq!(pacitan.pillars, vec![Some(100.0), Some(0.0)]);
    assert_eq!(pacitan.score, Some(50.0));
    assert_eq!(pacitan.band.as_deref(), Some("Berkembang"));
    assert_eq!(pacitan.flagship.as_deref(), Some("kuliner"));
    assert!(!pacitan.flagship_chosen);
    let stages = |code: &str| map.rows.iter().find(|r| r.code.as_deref() == Some(code)).unwrap().stage;
    assert_eq!(stages("35.06"), Some(Stage::Dkt));
    assert_eq!(stages("35.03"), Some(Stage::UjiPetik));
    assert_eq!(stages("35.02"), Some(Stage::Borang));
    assert_eq!(stages("51.02"), Some(Stage::BeritaAcara));
    assert_eq!(stages("35.07"), None, "never assessed");
    // Rows go by province code, then region code.
    let codes: Vec<&str> = map.rows.iter().take(3).map(|r| r.code.as_deref().unwrap()).collect();
    assert_eq!(codes, vec!["11.01", "11.02", "11.03"]);
    // The period 2025 shows Pacitan's first assessment alone.
    let old = build(
        &store,
        &MapFilter {
            period: Some("2025".into()),
            ..filter()
        },
        Lang::Id,
    )
    .unwrap();
    assert_eq!(old.assessed, 1);
    let pacitan = old.rows.iter().find(|r| r.assessment.is_some()).unwrap();
    assert_eq!(pacitan.pillars, vec![Some(100.0), Some(100.0)]);
}

#[test]
fn weak_in_distribusi_with_flagship_and_the_province_filter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    generated(&path);
    let store = Store::open(&path).unwrap();
    let weak = build(
        &store,
        &MapFilter {
            weak: Some("distribusi".into()),
            ..filter()
        },
        Lang::Id,
    )
    .unwrap();
    // j = 0, 1, 3, 4 in each of the 5 provinces.
    assert_eq!(weak.rows.len(), 20);
    assert!(weak.rows.iter().all(|r| r.pillars[1].is_some_and(|s| s < 40.0)));
    let bali: Vec<(&str, &str, bool)> = weak
        .rows
        .iter()
        .filter(|r| r.province == "Bali")
        .map(|r| {
            (
                r.code.as_deref().unwrap(),
                r.flagship.as_deref().unwrap(),
                r.flagship_chosen,
            )
        })
        .collect();
    assert_eq!(
        bali,
        vec![
            ("51.01", "kuliner", false),
            ("51.02", "kriya", true),
            ("51.04", "kriya", false),
            ("51.05", "kuliner", false)
        ]
    );
    // Jawa Timur: its 38 regions, 6 assessed; by name or by code.
    for p in ["jawa timur", "35"] {
        let jatim = build(
            &store,
            &MapFilter {
                province: Some(p.into()),
                ..filter()
            },
            Lang::Id,
        )
        .unwrap();
        assert_eq!((jatim.rows.len(), jatim.assessed), (38, 6));
        assert_eq!(jatim.provinces.len(), 1);
        let s = &jatim.provinces[0];
        assert_eq!((s.province.as_str(), s.regions, s.assessed), ("Jawa Timur", 38, 6));
        // Headlines (100 + 0, 25, 50, 0, 25, 50) / 2: mean 62.5.
        assert_eq!(s.mean_score, Some(62.5));
        assert_eq!(s.weakest_pillar.as_deref(), Some("distribusi"));
    }
    // Flagship kriya: the odd j, 15 regions.
    let kriya = build(
        &store,
        &MapFilter {
            subsector: Some("kriya".into()),
            ..filter()
        },
        Lang::Id,
    )
    .unwrap();
    assert_eq!(kriya.rows.len(), 15);
    // A pillar or a province that does not exist is said so.
    let err = build(
        &store,
        &MapFilter {
            weak: Some("distribution".into()),
            ..filter()
        },
        Lang::En,
    )
    .unwrap_err();
    assert!(
        err.message(Lang::En).contains("its pillars: kreasi, distribusi"),
        "{err}"
    );
    assert!(
        build(
            &store,
            &MapFilter {
                province: Some("Atlantis".into()),
                ..filter()
            },
            Lang::En
        )
        .is_err()
    );
}

#[test]
fn the_central_question_in_one_command_and_the_four_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    generated(&db);
    let Run {
        code,
        stdout: out,
        stderr: err,
    } = pmk3i(
        &db,
        &[
            "map",
            "--framework-id",
            "uji",
            "--weak",
            "distribusi",
            "--province",
            "Bali",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Kode\tDaerah\tProvinsi\tPeriode\tSkor\tKategori\tUnggulan\tTahap\tkreasi\tdistribusi"
    );
    assert_eq!(
        lines[1],
        "51.01\tKabupaten Jembrana\tBali\t2026\t50.0\tBerkembang\tKuliner (disarankan)\tborang\t█ 100.0\t░ 0.0"
    );
    assert_eq!(
        lines[2],
        "51.02\tKabupaten Tabanan\tBali\t2026\t62.5\tMapan\tKriya\tberita acara\t█ 100.0\t░ 25.0"
    );
    assert_eq!(lines.len(), 1 + 4 + 1 + 1 + 1 + 1 + 1, "{out}");
    assert!(out.contains("4 daerah cocok"), "{out}");

    let Run { stdout: out, .. } = pmk3i(&db, &["map", "--framework-id", "uji", "--format", "json"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["assessed"], 30);
    assert_eq!(doc["official_regions"], 514);
    assert_eq!(doc["rows"].as_array().unwrap().len(), 514);

    let Run { stdout: out, .. } = pmk3i(
        &db,
        &["map", "--framework-id", "uji", "--format", "csv", "--province", "35"],
    );
    let text = out.strip_prefix('\u{feff}').expect("a BOM for spreadsheets");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 38);
    assert_eq!(&rows[2][0], "35.03");
    assert_eq!(&rows[2][10], "uji petik");
    assert_eq!(&rows[2][12], "50.0000");

    let page = dir.path().join("peta.html");
    let Run { code, stderr: err, .. } = pmk3i(
        &db,
        &[
            "map",
            "--framework-id",
            "uji",
            "--format",
            "html",
            "--out",
            page.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("@page { size: A4 landscape"));
    assert!(
        html.contains("Cakupan: 30 dari 514 daerah sudah dinilai (5.8%)"),
        "coverage"
    );
    assert!(html.contains("<td>Kabupaten Jembrana</td>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing from the network"
    );

    let Run { code, stderr: err, .. } = pmk3i(&db, &["map", "--framework-id", "uji", "--weak", "distribution"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("pilarnya: kreasi, distribusi"), "{err}");
}

// ---- the TUI screen ------------------------------------------------------------

mod tui {
    use super::common::fw::bundled;
    use pmk3i::app::{App, Event, Screen};
    use pmk3i::i18n::Lang;
    use pmk3i::store::Store;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(app: &mut App, code: KeyCode) {
        let mods = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        app.handle(Event::Key(KeyEvent::new(code, mods)));
    }

    fn screen(app: &App, color: bool) -> String {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal
            .draw(|f| pmk3i::ui::draw(app, f, pmk3i::ui::theme::Theme { color }))
            .unwrap();
        terminal.backend().to_string()
    }

    fn map(app: &App) -> &pmk3i::app::map::MapState {
        match &app.screen {
            Screen::Map(m) => m,
            _ => panic!("expected the map"),
        }
    }

    #[test]
    fn p_opens_the_map_sorts_filters_and_enter_opens_results() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        super::generated(&path);
        let mut app = App::new(Store::open(&path).unwrap(), bundled(), Lang::Id, "2026".into());
        key(&mut app, KeyCode::Char('p'));
        // No assessment uses the bundled framework here: the map is of the one used.
        assert_eq!(map(&app).map.framework, "uji");
        assert_eq!(map(&app).map.assessed, 30);
        let shown = screen(&app, false);
        assert!(shown.contains("30 dari 514 daerah sudah dinilai"), "{shown}");
        // Kabupaten are "Kab. …", so the name itself shows.
        assert!(shown.contains("Kab. Simeulue"), "{shown}");
        // Sort by distribusi (the 9th column), weakest first.
        for _ in 0..8 {
            key(&mut app, KeyCode::Char('s'));
        }
        assert_eq!(map(&app).column_name(map(&app).sort, Lang::Id), "distribusi");
        let first = map(&app).selected_row(Lang::Id).unwrap().clone();
        assert_eq!(first.pillars[1], Some(0.0));
        assert_eq!(first.code.as_deref(), Some("11.01"));
        key(&mut app, KeyCode::Char('S'));
        assert_eq!(map(&app).selected_row(Lang::Id).unwrap().pillars[1], Some(50.0));
        // Shading under NO_COLOR: Jembrana's kreasi 100 is █, distribusi 0 is ░.
        key(&mut app, KeyCode::Char('/'));
        for c in "jembrana".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        assert_eq!(map(&app).visible(Lang::Id).len(), 1);
        let shown = screen(&app, false);
        assert!(shown.contains("█ 100 ░   0"), "{shown}");
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Enter);
        match &app.screen {
            Screen::Results(r) => assert_eq!(r.assessment.region.name, "Jembrana"),
            _ => panic!("Enter opens the region's results"),
        }
    }

    #[test]
    fn the_band_column_and_esc_from_results_returns_to_the_map_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        super::generated(&path);
        let mut app = App::new(Store::open(&path).unwrap(), vec![], Lang::Id, "2026".into());
        key(&mut app, KeyCode::Char('p'));
        // Bali (codes 51.…, 9 regions): 51.01–51.06 assessed with distribusi 0, 25, 50, 0, 25, 50 and kreasi 100,
        // so headline 50 (Berkembang), 62.5 (Mapan), 75 (Mapan), …; 3 more never assessed.
        key(&mut app, KeyCode::Char('/'));
        for c in "51.".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        key(&mut app, KeyCode::Enter);
        assert_eq!(map(&app).visible(Lang::Id).len(), 9);
        // Sort by score (the 4th column), highest first: 51.03 and 51.06 (75), then
        // 51.02 and 51.05 (62.5); ties in code order. Two down: Tabanan (51.02).
        for _ in 0..3 {
            key(&mut app, KeyCode::Char('s'));
        }
        key(&mut app, KeyCode::Char('S'));
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Down);
        assert_eq!(map(&app).selected_row(Lang::Id).unwrap().code.as_deref(), Some("51.02"));
        let shown = screen(&app, false);
        assert!(shown.contains("Kategori"), "{shown}");
        let row = |shown: &str, name: &str| shown.lines().find(|l| l.contains(name)).unwrap_or_default().to_string();
        let tabanan = row(&shown, "Kab. Tabanan");
        assert!(tabanan.contains(" 62.5 Mapan "), "{tabanan}");
        assert!(row(&shown, "Kab. Jembrana").contains(" 50.0 Berkembang "), "{shown}");
        key(&mut app, KeyCode::Enter);
        match &app.screen {
            Screen::Results(r) => assert_eq!(r.assessment.region.name, "Tabanan"),
            _ => panic!("Enter opens the region's results"),
        }
        key(&mut app, KeyCode::Esc);
        let m = map(&app);
        assert_eq!(m.filter.text(), "51.");
        assert_eq!((m.sort, m.descending), (3, true));
        assert_eq!(m.selected_row(Lang::Id).unwrap().code.as_deref(), Some("51.02"));
        // From the list, Esc on the results still goes to the list.
        key(&mut app, KeyCode::Esc);
        assert!(matches!(app.screen, Screen::Start(_)));
        key(&mut app, KeyCode::Char('r'));
        assert!(matches!(app.screen, Screen::Results(_)));
        key(&mut app, KeyCode::Esc);
        assert!(matches!(app.screen, Screen::Start(_)));
    }

    #[test]
    fn tab_shows_the_province_summary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        super::generated(&path);
        let mut app = App::new(Store::open(&path).unwrap(), vec![], Lang::En, "2026".into());
        key(&mut app, KeyCode::Char('p'));
        key(&mut app, KeyCode::Tab);
        let shown = screen(&app, true);
        assert!(shown.contains("Jawa Timur"), "{shown}");
        assert!(shown.contains("Weakest pillar"), "{shown}");
        let jatim = shown.lines().find(|l| l.contains("Jawa Timur")).unwrap().to_string();
        assert!(
            jatim.contains("38") && jatim.contains("6") && jatim.contains("62.5") && jatim.contains("distribusi"),
            "{jatim}"
        );
    }
}
