#![allow(clippy::unwrap_used)]
//! Snapshots of every screen as a user sees it, without colour: each at 80×24 (the
//! smallest common terminal) in Indonesian; in English too where the layout follows
//! the language (a form's label column is as wide as its longest label, the walk's
//! rubric and the results' bands wrap on other words, the list's headings); at 120×40
//! too where the layout branches on the size (the list's "Edited" column from 110
//! columns, the results' radar from 110, the walk's side list a third of the width).
//!
//! Everything shown is fixed: the year is "2026" and the "Edited" timestamps the
//! list shows from 100 columns are set to 2026-01-01 through SQL before the app reads
//! the database.
//!
//! Snapshot names: `<screen>_<lang>_<width>x<height>`.

use std::path::{Path, PathBuf};

use pmk3i::app::{App, Event};
use pmk3i::assessment::{Region, RegionKind, TextKind};
use pmk3i::framework::{FrameworkSources, LoadedFramework};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use pmk3i::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

/// One snapshot of a screen: the language and the terminal size.
type Shot = (Lang, u16, u16);
/// Every screen is taken this way.
const ID_80: Shot = (Lang::Id, 80, 24);
/// Screens whose layout follows the language.
const EN_80: Shot = (Lang::En, 80, 24);
/// Screens whose layout branches on the size.
const ID_120: Shot = (Lang::Id, 120, 40);

fn frameworks() -> Vec<LoadedFramework> {
    FrameworkSources {
        include_bundled: true,
        dirs: vec![],
        files: vec![],
    }
    .load()
    .frameworks
}

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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.db");
    let framework = frameworks().into_iter().find(|f| f.framework.id == "pmk3i").unwrap();
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
                    respondent_actor: pmk3i::actor::Actor::parse(actor).expect("a helix group"),
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
    App::new(Store::open(&fixture.path).unwrap(), frameworks(), lang, "2026".into())
}

fn key(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn ctrl(app: &mut App, c: char) {
    app.handle(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f, Theme { color: false })).unwrap();
    terminal
}

/// Snapshots one screen in Indonesian at 80×24 and in the `extra` shots; `setup`
/// brings a new app to the screen.
fn snapshot_screen(
    name: &str,
    profiles: &[Profile],
    answered: bool,
    extra: &[Shot],
    setup: impl Fn(&mut App, &Fixture),
) {
    for (lang, w, h) in std::iter::once(ID_80).chain(extra.iter().copied()) {
        let fixture = fixture(profiles, answered);
        let mut app = app(&fixture, lang);
        setup(&mut app, &fixture);
        app.handle(Event::Resize(w, h));
        let terminal = draw(&app, w, h);
        insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang_name(lang)), terminal.backend());
    }
}

#[test]
fn start_empty() {
    snapshot_screen("start_empty", &[], false, &[], |_, _| {});
}

#[test]
fn start_with_two_assessments() {
    snapshot_screen("start_two", &[SUKAMAJU, GUNUNG_JATI], true, &[EN_80, ID_120], |_, _| {});
}

#[test]
fn start_delete_confirmation() {
    snapshot_screen("start_delete", &[SUKAMAJU, GUNUNG_JATI], true, &[], |app, _| {
        key(app, KeyCode::Down);
        key(app, KeyCode::Char('d'));
        keys(app, "Sukam");
    });
}

#[test]
fn form_empty() {
    snapshot_screen("form_empty", &[], false, &[EN_80], |app, _| {
        key(app, KeyCode::Char('n'))
    });
}

#[test]
fn form_with_errors() {
    snapshot_screen("form_errors", &[], false, &[], |app, _| {
        key(app, KeyCode::Char('n'));
        ctrl(app, 's');
    });
}

#[test]
fn form_with_the_province_list_open() {
    snapshot_screen("form_province_list", &[], false, &[], |app, _| {
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
    snapshot_screen("walk_fresh", &[SUKAMAJU], false, &[EN_80, ID_120], |app, f| {
        app.open_walk(f.ids[0], None)
    });
}

#[test]
fn walk_with_an_answer_chosen() {
    snapshot_screen("walk_answered", &[SUKAMAJU], false, &[], |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('2'));
        key(app, KeyCode::Left);
    });
}

#[test]
fn walk_with_the_editor_open() {
    snapshot_screen("walk_editor", &[SUKAMAJU], false, &[], |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('e'));
        app.handle(Event::Paste("Rapat 会议 🎉 dengan komunitas".into()));
    });
}

#[test]
fn walk_help() {
    snapshot_screen("walk_help", &[SUKAMAJU], false, &[EN_80], |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('?'));
    });
}

#[test]
fn start_help() {
    snapshot_screen("start_help", &[SUKAMAJU], false, &[], |app, _| {
        key(app, KeyCode::Char('?'))
    });
}

#[test]
fn walk_info() {
    snapshot_screen("walk_info", &[SUKAMAJU], false, &[], |app, f| {
        app.open_walk(f.ids[0], None);
        key(app, KeyCode::Char('i'));
    });
}

fn results_tab(name: &str, tabs: usize, extra: &[Shot]) {
    snapshot_screen(name, &[SUKAMAJU], true, extra, |app, f| {
        app.open_results(f.ids[0], None);
        for _ in 0..tabs {
            key(app, KeyCode::Tab);
        }
    });
}

#[test]
fn results_summary() {
    results_tab("results_summary", 0, &[EN_80, ID_120]);
}

#[test]
fn results_potential() {
    results_tab("results_potential", 1, &[]);
}

#[test]
fn results_recommendations() {
    results_tab("results_recommendations", 2, &[]);
}

#[test]
fn results_targets() {
    results_tab("results_targets", 3, &[]);
}

#[test]
fn too_small() {
    // One wrapped message, whatever the language: Indonesian only.
    let fixture = fixture(&[SUKAMAJU], false);
    let mut app = app(&fixture, Lang::Id);
    app.open_walk(fixture.ids[0], None);
    for (w, h) in [(40, 10), (1, 1)] {
        app.handle(Event::Resize(w, h));
        let terminal = draw(&app, w, h);
        insta::assert_snapshot!(format!("too_small_id_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn start_answer_as_chooser() {
    snapshot_screen("start_answer_as", &[SUKAMAJU], true, &[], |app, _| {
        key(app, KeyCode::Char('a'))
    });
}

#[test]
fn add_respondent_form() {
    snapshot_screen("add_respondent", &[SUKAMAJU], true, &[EN_80], |app, _| {
        key(app, KeyCode::Char('a'));
        key(app, KeyCode::Down);
        key(app, KeyCode::Enter);
        keys(app, "Prof. Ani");
    });
}

#[test]
fn walk_consensus() {
    snapshot_screen("walk_consensus", &[SUKAMAJU], true, &[], |app, _| {
        key(app, KeyCode::Char('a'));
        key(app, KeyCode::Down);
        key(app, KeyCode::Down);
        key(app, KeyCode::Enter);
    });
}
