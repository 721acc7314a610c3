#![allow(clippy::unwrap_used)]
//! Issue 15: the walk and the results read well at every size from 60×16 to 200×60 —
//! the levels wrapped in full where they fit, the highlight never on 0 by default,
//! the quick check labelled. Snapshots in Indonesian at 60×16, 80×24 and 200×60
//! (where the layout branches), no colour; names `<screen>_<width>x<height>`.

mod common;

use common::db::{db, kota};
use common::fw::{bundled, bundled_pmk3i};
use common::tui::{app_on, ctrl, key, walk};

use std::path::Path;

use pmk3i::app::{App, Event, Screen};
use pmk3i::assessment::{AgreedKind, RegionKind};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use pmk3i::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (200, 60)];

fn create(path: &Path, name: &str, kind: RegionKind, candidates: &[&str]) -> i64 {
    let mut new = NewAssessment {
        respondent_name: "Sari Wulandari".into(),
        respondent_organisation: "Dinas Pariwisata".into(),
        ..kota(name, "Maluku Utara", candidates)
    };
    new.region.kind = kind;
    common::db::create(path, &bundled_pmk3i(), &new)
}

fn ch(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

fn render(app: &mut App, w: u16, h: u16) -> String {
    app.handle(Event::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(app, f, Theme { color: false })).unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let shown = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

#[test]
fn the_walk_at_three_sizes() {
    let (_dir, path) = db();
    let id = create(
        &path,
        "Kepulauan Siau Tagulandang Biaro",
        RegionKind::Kabupaten,
        &["kuliner", "kriya"],
    );
    let mut app = app_on(&path);
    app.open_walk(id, None);
    snapshot("walk_fresh", &mut app);
    ch(&mut app, '2');
    key(&mut app, KeyCode::Left);
    snapshot("walk_answered", &mut app);
}

#[test]
fn the_quick_check_and_its_results_at_three_sizes() {
    let (_dir, path) = db();
    create(&path, "Kepulauan Sula", RegionKind::Kabupaten, &["kuliner", "kriya"]);
    let mut app = app_on(&path);
    ch(&mut app, 'c');
    snapshot("quick_walk", &mut app);
    for level in "321023123212".chars() {
        ch(&mut app, level);
    }
    ch(&mut app, 'r');
    snapshot("quick_results", &mut app);
}

#[test]
fn at_80x24_every_level_of_the_first_indicator_is_shown_whole() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let mut app = app_on(&path);
    app.open_walk(id, None);
    let shown = render(&mut app, 80, 24);
    let flat: String = shown
        .lines()
        .map(|l| l.trim_matches('"').split('│').next_back().unwrap_or("").trim())
        .collect::<Vec<_>>()
        .join(" ");
    let w = walk(&app);
    let indicator = w.indicator().unwrap();
    for level in &indicator.levels {
        let text = level.description.get(Lang::Id);
        assert!(flat.contains(text), "level {} not whole:\n{text}\n{shown}", level.value);
    }
}

#[test]
fn the_last_indicator_keeps_its_highlight_on_the_answer() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let mut app = app_on(&path);
    app.open_walk(id, Some(&SlotKey::new("kebijakan.jaminan_sosial", None)));
    // kebijakan.jaminan_sosial is the framework's last indicator.
    ch(&mut app, '3');
    let w = walk(&app);
    assert_eq!(w.slot().unwrap(), SlotKey::new("kebijakan.jaminan_sosial", None));
    assert_eq!(w.highlight, Some(3), "the highlight follows the answer");
}

#[test]
fn the_consensus_walk_highlights_the_level_nearest_the_respondents_mean() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let talenta = SlotKey::new("kreasi.talenta", Some("kuliner"));
    let pendidikan = SlotKey::new("kreasi.pendidikan", Some("kuliner"));
    {
        let mut store = Store::open(&path).unwrap();
        let a = store.load(id).unwrap().0;
        let g = a.respondents[0].id;
        let b = store
            .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "Kafe")
            .unwrap();
        // talenta: G 1, B 2 → mean of group means 1.5 → level 2 (halves round up).
        store.upsert_answer(g, &talenta, Some(1), false).unwrap();
        store.upsert_answer(b, &talenta, Some(2), false).unwrap();
        // pendidikan: G 4, B 2 → 3.0 → level 3.
        store.upsert_answer(g, &pendidikan, Some(4), false).unwrap();
        store.upsert_answer(b, &pendidikan, Some(2), false).unwrap();
    }
    let mut app = app_on(&path);
    app.open_walk_as(id, pmk3i::assessment::Walker::Consensus);
    assert_eq!(walk(&app).walker, pmk3i::assessment::Walker::Consensus);
    assert_eq!(walk(&app).slot().unwrap(), talenta);
    assert_eq!(walk(&app).highlight, Some(2));
    key(&mut app, KeyCode::Right);
    assert_eq!(walk(&app).slot().unwrap(), pendidikan);
    assert_eq!(walk(&app).highlight, Some(3));
    // An indicator nobody answered highlights nothing.
    key(&mut app, KeyCode::Right);
    assert_eq!(walk(&app).highlight, None);
}

#[test]
fn ctrl_g_closes_the_note_editor_without_saving() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let mut app = app_on(&path);
    app.open_walk(id, None);
    ch(&mut app, 'e');
    for c in "rapat".chars() {
        ch(&mut app, c);
    }
    key(&mut app, KeyCode::Esc);
    ch(&mut app, 'e');
    for c in " batal".chars() {
        ch(&mut app, c);
    }
    ctrl(&mut app, 'g');
    assert!(app.overlay.is_none(), "the editor is closed");
    let a = Store::open(&path).unwrap().load(id).unwrap().0;
    assert_eq!(
        a.respondents[0].answers[0].note, "rapat",
        "the discarded text was not saved"
    );
    assert_eq!(walk(&app).answer(&walk(&app).slot().unwrap()).unwrap().note, "rapat");
}

#[test]
fn the_problems_editor_names_pillar_and_subsector() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner", "kriya"]);
    let mut app = app_on(&path);
    app.open_walk(id, None);
    key(&mut app, KeyCode::Tab); // Kreasi · Kriya
    ch(&mut app, 'm');
    match &app.overlay {
        Some(pmk3i::app::Overlay::Editor(e)) => assert_eq!(e.title, "Permasalahan — Kreasi · Kriya"),
        _ => panic!("expected the editor"),
    }
}

#[test]
fn empty_texts_and_cleared_levels_leave_no_rows_in_the_csv() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let slot = SlotKey::new("kreasi.talenta", Some("kuliner"));
    {
        let mut store = Store::open(&path).unwrap();
        let r = store.load(id).unwrap().0.respondents[0].id;
        store.upsert_answer(r, &slot, Some(2), false).unwrap();
        store
            .upsert_answer(r, &SlotKey::new("kreasi.hki", Some("kuliner")), None, false)
            .unwrap();
        store
            .set_pillar_text(id, "kreasi", Some("kuliner"), pmk3i::assessment::TextKind::Problem, "")
            .unwrap();
    }
    let mut app = app_on(&path);
    app.open_walk_as(id, pmk3i::assessment::Walker::Verified);
    let shown = render(&mut app, 80, 24);
    assert!(shown.contains("Belum diverifikasi"), "{shown}");
    ch(&mut app, '2');
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Delete);
    drop(app);
    let store = Store::open(&path).unwrap();
    let csv = String::from_utf8(pmk3i::exchange::export_csv(&store, id, Lang::Id).unwrap()).unwrap();
    let records: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(records.iter().filter(|r| **r == "answer").count(), 1, "{csv}");
    assert!(!records.contains(&"verified"), "the cleared verified level: {csv}");
    assert!(!records.contains(&"problem"), "the empty problem text: {csv}");
}

#[test]
fn the_summary_shows_the_pillars_of_the_highlighted_candidate() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner", "musik"]);
    {
        let mut store = Store::open(&path).unwrap();
        let r = store.load(id).unwrap().0.respondents[0].id;
        store
            .upsert_answer(r, &SlotKey::new("kreasi.talenta", Some("kuliner")), Some(4), false)
            .unwrap();
        store
            .upsert_answer(r, &SlotKey::new("kreasi.talenta", Some("musik")), Some(1), false)
            .unwrap();
    }
    let mut app = app_on(&path);
    app.open_results(id, None);
    // Kuliner: kreasi.talenta 4 of 4 → Kreasi 100.0; Musik: 1 of 4 → 25.0.
    let shown = render(&mut app, 80, 24);
    assert!(shown.contains("Pilar untuk Kuliner"), "{shown}");
    let kreasi = |s: &str| s.lines().find(|l| l.starts_with("\" Kreasi ")).unwrap().to_string();
    assert!(kreasi(&shown).contains("100.0"), "{shown}");
    key(&mut app, KeyCode::Down);
    let shown = render(&mut app, 80, 24);
    assert!(shown.contains("Pilar untuk Musik"), "{shown}");
    assert!(kreasi(&shown).contains(" 25.0"), "{shown}");
}

#[test]
fn o_ranks_the_recommendations_on_the_consensus_and_names_the_basis() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let talenta = SlotKey::new("kreasi.talenta", Some("kuliner"));
    {
        let mut store = Store::open(&path).unwrap();
        let r = store.load(id).unwrap().0.respondents[0].id;
        store.upsert_answer(r, &talenta, Some(0), false).unwrap();
        store
            .upsert_answer(r, &SlotKey::new("kreasi.pendidikan", Some("kuliner")), Some(3), false)
            .unwrap();
        // The discussion agreed talenta is at the top level: nothing left to recommend.
        store
            .set_agreed_level(id, AgreedKind::Consensus, &talenta, Some(4), false, "")
            .unwrap();
    }
    let mut app = app_on(&path);
    app.open_results(id, None);
    let recs = |app: &App| match &app.screen {
        Screen::Results(r) => r
            .recommendations()
            .iter()
            .map(|x| x.indicator.clone())
            .collect::<Vec<_>>(),
        _ => panic!("expected the results"),
    };
    assert_eq!(
        recs(&app).first().map(String::as_str),
        Some("kreasi.talenta"),
        "self-assessed: 0 of 4 first"
    );
    ch(&mut app, 'o');
    let shown = render(&mut app, 80, 24);
    assert!(shown.contains("Dasar: konsensus (DKT) (o)"), "{shown}");
    assert!(
        !recs(&app).contains(&"kreasi.talenta".to_string()),
        "consensus: talenta is at 4"
    );
    assert_eq!(recs(&app), vec!["kreasi.pendidikan".to_string()]);
    ch(&mut app, 'o');
    assert_eq!(
        recs(&app).first().map(String::as_str),
        Some("kreasi.talenta"),
        "back to the self-assessment"
    );
}

#[test]
fn w_asks_before_overwriting_a_report() {
    let (dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let mut app = app_on(&path);
    app.report_dir = dir.path().to_path_buf();
    app.open_results(id, None);
    ch(&mut app, 'w');
    let file = dir.path().join(format!("pmk3i-{id}-sukamaju-2026.html"));
    assert!(
        std::fs::read_to_string(&file).unwrap().contains("<html"),
        "the first w writes"
    );
    std::fs::write(&file, "old").unwrap();
    ch(&mut app, 'w');
    assert!(
        matches!(&app.status, pmk3i::app::Status::Info(m) if m.contains("tekan w lagi untuk menimpanya")),
        "{:?}",
        app.status
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old", "asked, not written");
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'w');
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "old",
        "another key cancelled the question"
    );
    ch(&mut app, 'w');
    assert!(
        std::fs::read_to_string(&file).unwrap().contains("<html"),
        "w twice overwrites"
    );
}

#[test]
fn the_radar_at_120x30_and_200x60_keeps_every_label_whole_and_draws_the_consensus() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    {
        let mut store = Store::open(&path).unwrap();
        let r = store.load(id).unwrap().0.respondents[0].id;
        for (indicator, sub, level) in [
            ("kreasi.talenta", Some("kuliner"), 3),
            ("produksi.fasilitas", Some("kuliner"), 2),
            ("distribusi.pasar", Some("kuliner"), 1),
            ("konsumsi.kalender", Some("kuliner"), 4),
            ("aktor.komunitas", None, 2),
            ("kebijakan.perda", None, 3),
        ] {
            store
                .upsert_answer(r, &SlotKey::new(indicator, sub), Some(level), false)
                .unwrap();
        }
        store
            .set_agreed_level(
                id,
                AgreedKind::Consensus,
                &SlotKey::new("kreasi.talenta", Some("kuliner")),
                Some(2),
                false,
                "",
            )
            .unwrap();
    }
    let mut app = app_on(&path);
    app.open_results(id, None);
    for (w, h) in [(120, 30), (200, 60)] {
        let shown = render(&mut app, w, h);
        // Kreasi 3 of 4 = 75.0, Produksi 50.0, Distribusi 25.0, Konsumsi 100.0,
        // Konservasi unanswered, Aktor 50.0, Infrastruktur unanswered, Kebijakan 75.0.
        for label in [
            "Kreasi", "Produ.", "Distr.", "Konsu.", "Konse.", "Aktor", "Infra.", "Kebij.",
        ] {
            assert!(shown.contains(label), "{label} at {w}×{h}\n{shown}");
        }
        for score in ["75.0", "50.0", "25.0", "100.0"] {
            assert!(
                shown.matches(score).count() >= 2,
                "{score} beside the bars and on the radar at {w}×{h}\n{shown}"
            );
        }
        assert!(shown.contains("━ mandiri ━ konsensus"), "{shown}");
        insta::assert_snapshot!(format!("results_radar_{w}x{h}"), shown);
    }
}

#[test]
fn help_texts_name_indicators_by_pillar_and_number_not_by_id() {
    let framework = bundled()
        .into_iter()
        .find(|f| f.framework.id == "pmk3i")
        .unwrap()
        .framework;
    assert_eq!(
        framework.humanize_ids(
            "Data pelaku dinilai di kebijakan.data_pelaku; program studi di kreasi.pendidikan. Lihat www.contoh.id.",
            Lang::Id
        ),
        "Data pelaku dinilai di Kebijakan & Kelembagaan, indikator 5; program studi di Kreasi, indikator 2. Lihat www.contoh.id."
    );
    // The walk of kreasi.talenta, whose help names both, at 200×60.
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", RegionKind::Kota, &["kuliner"]);
    let mut app = app_on(&path);
    app.open_walk(id, None);
    let shown = render(&mut app, 200, 60);
    assert!(!shown.contains("kebijakan.data_pelaku"), "{shown}");
    assert!(shown.contains("Kebijakan & Kelembagaan, indikator 5"), "{shown}");
}
