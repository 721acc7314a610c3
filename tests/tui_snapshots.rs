#![allow(clippy::unwrap_used)]
//! Snapshots of every screen as a user sees it, at 80×24 (the smallest common
//! terminal) and 120×40, in Indonesian and English, without colour.
//!
//! Everything shown is fixed: the year is "2026" and the "Edited" timestamps the
//! list shows from 100 columns are set to 2026-01-01 through SQL before the app reads
//! the database.
//!
//! Snapshot names: `<screen>_<lang>_<width>x<height>`.

mod common;

use common::db::db;
use common::fw::bundled_pmk3i;
use common::tui::{app_in, ctrl, draw, key};

use std::path::{Path, PathBuf};

use pmk3i::app::{App, Event};
use pmk3i::assessment::{Region, RegionKind, TextKind};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Lang; 2] = [Lang::Id, Lang::En];

/// A database holding the given assessments: (region, kind, province, candidates,
/// respondent, actor). The first gets the answers and texts used by the results.
struct Fixture {
    _dir: TempDir,
    path: PathBuf,
    ids: Vec<i64>,
}

type Profile<'a> = (&'a str, RegionKind, &'a str, &'a [&'a str], &'a str, &'a str);

const SUKAMAJU: Profile = (
    "Sukamaju",
    RegionKind::Kota,
    "Jawa Barat",
    &["kuliner", "musik"],
    "Sari Wulandari",
    "G",
);
const GUNUNG_JATI: Profile = (
    "Gunung Jati",
    RegionKind::Kabupaten,
    "Nusa Tenggara Timur",
    &["kriya"],
    "Budi Santoso",
    "C",
);

fn fixture(profiles: &[Profile], answered: bool) -> Fixture {
    let (dir, path) = db();
    let framework = bundled_pmk3i();
    let mut store = Store::open(&path).unwrap();
    let mut ids = Vec::new();
    for (name, kind, province, candidates, respondent, actor) in profiles {
        let id = store
            .create_assessment(
                &framework,
                &NewAssessment {
                    region: Region {
                        name: name.to_string(),
                        kind: *kind,
                        province: province.to_string(),
                    },
                    period: "2026".into(),
                    candidates: candidates.iter().map(|c| c.to_string()).collect(),
                    respondent_name: respondent.to_string(),
                    respondent_organisation: String::new(),
                    respondent_actor: actor.to_string(),
                },
            )
            .unwrap();
        ids.push(id);
    }
    if answered {
        let id = ids[0];
        let respondent = store.load(id).unwrap().0.respondents[0].id;
        for (indicator, sub, level) in [
            ("kreasi.talenta", Some("kuliner"), 3),
            ("kreasi.pendidikan", Some("kuliner"), 2),
            ("kreasi.inkubasi", Some("kuliner"), 1),
            ("kreasi.budaya_lokal", Some("kuliner"), 4),
            ("produksi.fasilitas", Some("kuliner"), 2),
            ("kreasi.talenta", Some("musik"), 1),
            ("kebijakan.perda", None, 1),
            ("kebijakan.anggaran", None, 2),
            ("infrastruktur.hub_kreatif", None, 0),
        ] {
            store
                .upsert_answer(respondent, &SlotKey::new(indicator, sub), Some(level), false)
                .unwrap();
        }
        store
            .set_pillar_text(
                id,
                "kreasi",
                Some("kuliner"),
                TextKind::BestPractice,
                "Festival kuliner tahunan\ndengan komunitas",
            )
            .unwrap();
        store
            .set_target(id, &SlotKey::new("kreasi.inkubasi", Some("kuliner")), Some(3))
            .unwrap();
    }
    drop(store);
    stamp(&path);
    Fixture { _dir: dir, path, ids }
}

/// Fixes every timestamp the screens can show.
fn stamp(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "UPDATE assessment SET updated_at = '2026-01-01T00:00:00Z', created_at = '2026-01-01T00:00:00Z';",
    )
    .unwrap();
}

fn app(fixture: &Fixture, lang: Lang) -> App {
    app_in(&fixture.path, lang)
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

/// Snapshots one screen in both languages at both sizes; `setup` brings a new app
/// to the screen.
fn snapshot_screen(name: &str, profiles: &[Profile], answered: bool, setup: impl Fn(&mut App, &Fixture)) {
    for lang in LANGS {
        let fixture = fixture(profiles, answered);
        let mut app = app(&fixture, lang);
        setup(&mut app, &fixture);
        for (w, h) in SIZES {
            app.handle(Event::Resize(w, h));
            let terminal = draw(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang_name(lang)), terminal.backend());
        }
    }
}

#[test]
fn start_empty() {
    snapshot_screen("start_empty", &[], false, |_, _| {});
}

#[test]
fn start_with_two_assessments() {
    snapshot_screen("start_two", &[SUKAMAJU, GUNUNG_JATI], true, |_, _| {});
}

#[test]
fn start_delete_confirmation() {
    snapshot_screen("start_delete", &[SUKAMAJU, GUNUNG_JATI], true, |app, _| {
        key(app, KeyCode::Down);
        key(app, KeyCode::Char('d'));
        keys(app, "Sukam");
    });
}

#[test]
fn form_empty() {
    snapshot_screen("form_empty", &[], false, |app, _| key(app, KeyCode::Char('n')));
}

#[test]
fn form_with_errors() {
    snapshot_screen("form_errors", &[], false, |app, _| {
        key(app, KeyCode::Char('n'));
        ctrl(app, 's');
    });
}

#[test]
fn form_with_the_province_list_open() {
    snapshot_screen("form_province_list", &[], false, |app, _| {
        key(app, KeyCode::Char('n'));
        keys(app, "Sukamaju");
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        keys(app, "jawa");
        key(app, KeyCode::Down);
    });
}

#[test]
fn walk_fresh() {
    snapshot_screen("walk_fresh", &[SUKAMAJU], false, |app, f| app.open_walk(f.ids[0], None));
}

#[test]
fn walk_with_an_answer_chosen() {
    snapshot_screen("walk_answered", &[SUKAMAJU], false, |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('2'));
        key(app, KeyCode::Left);
    });
}

#[test]
fn walk_with_the_editor_open() {
    snapshot_screen("walk_editor", &[SUKAMAJU], false, |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('e'));
        app.handle(Event::Paste("Rapat 会议 🎉 dengan komunitas".into()));
    });
}

#[test]
fn walk_help() {
    snapshot_screen("walk_help", &[SUKAMAJU], false, |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('?'));
    });
}

#[test]
fn start_help() {
    snapshot_screen("start_help", &[SUKAMAJU], false, |app, _| key(app, KeyCode::Char('?')));
}

#[test]
fn walk_info() {
    snapshot_screen("walk_info", &[SUKAMAJU], false, |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('i'));
    });
}

fn results_tab(name: &str, tabs: usize) {
    snapshot_screen(name, &[SUKAMAJU], true, |app, f| {
        app.open_results(f.ids[0], None);
        for _ in 0..tabs {
            key(app, KeyCode::Tab);
        }
    });
}

#[test]
fn results_summary() {
    results_tab("results_summary", 0);
}

#[test]
fn results_potential() {
    results_tab("results_potential", 1);
}

#[test]
fn results_recommendations() {
    results_tab("results_recommendations", 2);
}

#[test]
fn results_targets() {
    results_tab("results_targets", 3);
}

#[test]
fn too_small() {
    for lang in LANGS {
        let fixture = fixture(&[SUKAMAJU], false);
        let mut app = app(&fixture, lang);
        app.open_walk(fixture.ids[0], None);
        for (w, h) in [(40, 10), (1, 1)] {
            app.handle(Event::Resize(w, h));
            let terminal = draw(&app, w, h);
            insta::assert_snapshot!(format!("too_small_{}_{w}x{h}", lang_name(lang)), terminal.backend());
        }
    }
}

#[test]
fn start_answer_as_chooser() {
    snapshot_screen("start_answer_as", &[SUKAMAJU], true, |app, _| {
        key(app, KeyCode::Char('a'))
    });
}

#[test]
fn add_respondent_form() {
    snapshot_screen("add_respondent", &[SUKAMAJU], true, |app, _| {
        key(app, KeyCode::Char('a'));
        key(app, KeyCode::Down);
        key(app, KeyCode::Enter);
        keys(app, "Prof. Ani");
    });
}

#[test]
fn walk_consensus() {
    snapshot_screen("walk_consensus", &[SUKAMAJU], true, |app, _| {
        key(app, KeyCode::Char('a'));
        key(app, KeyCode::Down);
        key(app, KeyCode::Down);
        key(app, KeyCode::Enter);
    });
}
