#![allow(clippy::unwrap_used)]
//! Whole TUI flows driven with key, paste and resize events, checked against the app
//! state, the drawn screen and — through a second handle on the same SQLite file — the
//! store, which proves each write was committed when the key was handled.
//!
//! The bundled PMK3I framework: scale 0..4; eight pillars, the first five per
//! candidate subsector (Kreasi, Produksi, Distribusi, Konsumsi, Konservasi), then
//! Aktor, Infrastruktur and Kebijakan for the region. With the candidates kuliner and
//! musik the side list starts "Kreasi · Kuliner", "Kreasi · Musik", "Produksi · Kuliner".

mod common;

use common::db::{db, stored, sukamaju};
use common::fw::bundled_pmk3i;
use common::tui::{app_on, back_tab, ch, ctrl, key as code, results, screen, type_text, walk};

use std::path::{Path, PathBuf};

use pmk3i::app::bindings::Mode;
use pmk3i::app::form::Field;
use pmk3i::app::results::Tab;
use pmk3i::app::{App, Event, Overlay, Screen, Status};
use pmk3i::assessment::{Assessment, RegionKind, TextKind};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::Store;
use pmk3i::ui;
use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;

// ---- helpers -------------------------------------------------------------------

/// Creates an assessment directly in the store (setup, not the flow under test).
fn create(path: &Path, name: &str, candidates: &[&str]) -> i64 {
    let mut new = sukamaju(candidates);
    new.region.name = name.into();
    common::db::create(path, &bundled_pmk3i(), &new)
}

fn form(app: &App) -> &pmk3i::app::form::FormState {
    match &app.screen {
        Screen::New(f) => f,
        _ => panic!("expected the new-assessment form"),
    }
}

fn current_slot(app: &App) -> SlotKey {
    walk(app).slot().unwrap()
}

fn answer_of(a: &Assessment, slot: &SlotKey) -> Option<(Option<i64>, bool)> {
    a.respondents[0].answer(slot).map(|x| (x.level, x.na))
}

/// The walk of a new assessment for Kota Sukamaju (candidates kuliner and musik).
fn walk_fixture() -> (TempDir, PathBuf, i64, App) {
    let (dir, path) = db();
    let id = create(&path, "Sukamaju", &["kuliner", "musik"]);
    let mut app = app_on(&path);
    app.open_walk(id, None);
    (dir, path, id, app)
}

// ---- the new-assessment form ----------------------------------------------------

#[test]
fn the_form_creates_an_assessment_with_what_was_typed() {
    let (_dir, path) = db();
    let mut app = app_on(&path);
    ch(&mut app, 'n');
    assert_eq!(
        form(&app).field(),
        Field::RegionName,
        "the form opens on the region name"
    );

    type_text(&mut app, "Sukamaju");
    code(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).field(), Field::RegionKind);
    code(&mut app, KeyCode::Right);
    assert_eq!(form(&app).kind, RegionKind::Kabupaten);
    code(&mut app, KeyCode::Tab);

    assert_eq!(form(&app).field(), Field::Province);
    type_text(&mut app, "jawa b");
    assert_eq!(form(&app).province_options(), vec!["Jawa Barat"]);
    code(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).province, Some("Jawa Barat"));
    code(&mut app, KeyCode::Tab);

    assert_eq!(form(&app).field(), Field::Period);
    assert_eq!(form(&app).period.text(), "2026", "the period defaults to the year");
    code(&mut app, KeyCode::Tab);

    assert_eq!(form(&app).field(), Field::Subsectors);
    type_text(&mut app, "kul");
    code(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).subsectors, vec!["kuliner".to_string()]);
    code(&mut app, KeyCode::Tab);

    assert_eq!(form(&app).field(), Field::RespondentName);
    type_text(&mut app, "Sari Dewi");
    ctrl(&mut app, 's');

    let w = walk(&app);
    assert_eq!(
        (w.entry, w.position),
        (0, 0),
        "a new assessment starts at the first indicator"
    );
    let list = Store::open(&path).unwrap().list().unwrap();
    assert_eq!(list.len(), 1);
    let a = &list[0].assessment;
    assert_eq!(a.region.name, "Sukamaju");
    assert_eq!(a.region.kind, RegionKind::Kabupaten);
    assert_eq!(a.region.province, "Jawa Barat");
    assert_eq!(a.period, "2026");
    assert_eq!(a.framework_id, "pmk3i");
    assert_eq!(a.candidates, vec!["kuliner".to_string()]);
    assert_eq!(a.respondents.len(), 1);
    assert_eq!(a.respondents[0].name, "Sari Dewi");
    assert_eq!(
        a.respondents[0].actor,
        pmk3i::actor::Actor::Government,
        "the actor group defaults to government"
    );
    assert!(screen(&app, 80, 24).contains("Kabupaten Sukamaju · 2026"));
}

#[test]
fn esc_on_the_form_creates_nothing() {
    let (_dir, path) = db();
    let mut app = app_on(&path);
    ch(&mut app, 'n');
    type_text(&mut app, "Sukamaju");
    code(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(Store::open(&path).unwrap().list().unwrap().is_empty());
}

#[test]
fn tab_moves_from_invalid_fields_and_errors_show_inline_after_submit() {
    let (_dir, path) = db();
    let mut app = app_on(&path);
    ch(&mut app, 'n');
    // The empty region name does not hold the focus.
    code(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).field(), Field::RegionKind);
    back_tab(&mut app);
    assert_eq!(form(&app).field(), Field::RegionName);
    back_tab(&mut app);
    assert_eq!(form(&app).field(), Field::Framework);
    back_tab(&mut app);
    assert_eq!(form(&app).field(), Field::Actor, "Shift-Tab wraps to the last field");
    assert!(form(&app).errors.is_empty(), "no errors before a save attempt");
    assert!(!screen(&app, 80, 24).contains("isi nama daerah"));

    ctrl(&mut app, 's');
    let f = form(&app);
    let fields: Vec<Field> = f.errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        vec![
            Field::RegionName,
            Field::Province,
            Field::Subsectors,
            Field::RespondentName
        ]
    );
    assert_eq!(f.field(), Field::RegionName, "the focus goes to the first error");
    let shown = screen(&app, 80, 40);
    for message in [
        "isi nama daerah",
        "pilih provinsi dari daftar",
        "pilih minimal satu subsektor",
        "isi nama responden",
    ] {
        assert!(shown.contains(message), "{message} missing in\n{shown}");
    }
    assert!(Store::open(&path).unwrap().list().unwrap().is_empty());

    // Tab still moves from the invalid field; typing clears only that field's error.
    code(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).field(), Field::RegionKind);
    back_tab(&mut app);
    type_text(&mut app, "S");
    assert_eq!(form(&app).error(Field::RegionName), None);
    assert!(form(&app).error(Field::Province).is_some());
    // F2 saves too, and still refuses.
    code(&mut app, KeyCode::F(2));
    assert!(matches!(app.screen, Screen::New(_)));
}

#[test]
fn a_pasted_line_break_on_the_form_stays_in_the_field() {
    let (_dir, path) = db();
    let mut app = app_on(&path);
    ch(&mut app, 'n');
    app.handle(Event::Paste("Suka\nmaju".into()));
    assert_eq!(form(&app).region_name.text(), "Suka maju");
    assert_eq!(form(&app).field(), Field::RegionName);
}

// ---- the walk -------------------------------------------------------------------

#[test]
fn a_digit_chooses_the_level_advances_and_is_committed_at_once() {
    let (_dir, path, id, mut app) = walk_fixture();
    let first = current_slot(&app);
    assert_eq!(first, SlotKey::new("kreasi.talenta", Some("kuliner")));
    ch(&mut app, '3');
    assert_eq!(walk(&app).position, 1, "the walk moves on");
    assert_eq!(answer_of(&stored(&path, id), &first), Some((Some(3), false)));
    assert_eq!(app.status, Status::Saved);
    // The cursor is stored too, so another session resumes at the next indicator.
    assert_eq!(stored(&path, id).cursor, Some(current_slot(&app)));
}

#[test]
fn a_level_outside_the_scale_writes_nothing() {
    let (_dir, path, id, mut app) = walk_fixture();
    ch(&mut app, '7');
    assert_eq!(walk(&app).position, 0);
    assert!(matches!(&app.status, Status::Info(m) if m.contains("tidak punya tingkat 7")));
    assert!(stored(&path, id).respondents[0].answers.is_empty());
}

#[test]
fn arrows_move_the_highlight_and_enter_chooses_it() {
    let (_dir, path, id, mut app) = walk_fixture();
    let first = current_slot(&app);
    assert_eq!(
        walk(&app).highlight,
        None,
        "an unanswered indicator highlights no level"
    );
    code(&mut app, KeyCode::Enter);
    assert!(
        stored(&path, id).respondents[0].answers.is_empty(),
        "Enter without a highlight records nothing"
    );
    assert_eq!(walk(&app).position, 0);
    code(&mut app, KeyCode::Down);
    assert_eq!(walk(&app).highlight, Some(0), "↓ starts at the first level");
    code(&mut app, KeyCode::Up);
    assert_eq!(walk(&app).highlight, Some(0), "the highlight stops at the top");
    ch(&mut app, 'j');
    code(&mut app, KeyCode::Down);
    ch(&mut app, 'k');
    code(&mut app, KeyCode::Down);
    assert_eq!(walk(&app).highlight, Some(2));
    for _ in 0..10 {
        code(&mut app, KeyCode::Down);
    }
    assert_eq!(walk(&app).highlight, Some(4), "the highlight stops at the last level");
    code(&mut app, KeyCode::Up);
    code(&mut app, KeyCode::Enter);
    assert_eq!(answer_of(&stored(&path, id), &first), Some((Some(3), false)));
    assert_eq!(walk(&app).position, 1);
    // Going back puts the highlight on the stored answer.
    code(&mut app, KeyCode::Left);
    assert_eq!(walk(&app).highlight, Some(3));
}

#[test]
fn right_and_left_skip_without_answering() {
    let (_dir, path, id, mut app) = walk_fixture();
    code(&mut app, KeyCode::Right);
    ch(&mut app, 'n');
    assert_eq!((walk(&app).entry, walk(&app).position), (0, 2));
    code(&mut app, KeyCode::Left);
    assert_eq!(walk(&app).position, 1);
    ch(&mut app, 'p');
    code(&mut app, KeyCode::Left);
    assert_eq!((walk(&app).entry, walk(&app).position), (0, 0), "← stops at the start");
    // → past an entry's last indicator continues into the next entry.
    let len = walk(&app).entries[0].indicators.len();
    for _ in 0..len {
        code(&mut app, KeyCode::Right);
    }
    assert_eq!((walk(&app).entry, walk(&app).position), (1, 0));
    code(&mut app, KeyCode::Left);
    assert_eq!((walk(&app).entry, walk(&app).position), (0, len - 1));
    assert!(stored(&path, id).respondents[0].answers.is_empty());
}

#[test]
fn tab_and_shift_tab_move_between_pillars() {
    let (_dir, _path, _id, mut app) = walk_fixture();
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Tab);
    let w = walk(&app);
    assert_eq!((w.entry, w.position), (1, 0));
    assert_eq!(w.slot(), Some(SlotKey::new("kreasi.talenta", Some("musik"))));
    code(&mut app, KeyCode::Tab);
    assert_eq!(current_slot(&app), SlotKey::new("produksi.fasilitas", Some("kuliner")));
    back_tab(&mut app);
    back_tab(&mut app);
    assert_eq!(walk(&app).entry, 0);
    back_tab(&mut app);
    let w = walk(&app);
    assert_eq!(w.entry, w.entries.len() - 1, "Shift-Tab wraps to the last pillar");
    assert_eq!(current_slot(&app), SlotKey::new("kebijakan.perda", None));
    code(&mut app, KeyCode::Tab);
    assert_eq!(walk(&app).entry, 0, "Tab wraps to the first pillar");
}

#[test]
fn x_is_refused_where_the_framework_does_not_allow_not_applicable() {
    let (_dir, path, id, mut app) = walk_fixture();
    assert!(!walk(&app).indicator().unwrap().allow_na);
    ch(&mut app, 'x');
    assert!(
        matches!(&app.status, Status::Info(m) if m.contains("N/A tidak diizinkan")),
        "{:?}",
        app.status
    );
    assert!(screen(&app, 120, 40).contains("Indikator ini wajib dinilai"));
    assert_eq!(walk(&app).position, 0, "the walk stays");
    assert!(stored(&path, id).respondents[0].answers.is_empty());
}

#[test]
fn x_records_not_applicable_where_allowed() {
    let (_dir, path, id, mut app) = walk_fixture();
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right);
    let slot = current_slot(&app);
    assert_eq!(slot, SlotKey::new("produksi.bahan_baku", Some("kuliner")));
    assert!(
        screen(&app, 120, 40).contains("x = N/A"),
        "the walk says x is allowed here"
    );
    ch(&mut app, 'x');
    assert_eq!(answer_of(&stored(&path, id), &slot), Some((None, true)));
    assert_eq!(walk(&app).position, 2);
    code(&mut app, KeyCode::Left);
    assert!(screen(&app, 120, 40).contains("Jawaban: tidak berlaku (N/A)"));
}

#[test]
fn the_note_editor_keeps_typed_and_pasted_lines_and_saves_on_esc() {
    let (_dir, path, id, mut app) = walk_fixture();
    let slot = current_slot(&app);
    ch(&mut app, 'e');
    assert!(matches!(app.overlay, Some(Overlay::Editor(_))));
    // Keys that act on the walk are plain text in the editor.
    type_text(&mut app, "Rapat 3 x q? ");
    app.handle(Event::Paste("a\nb".into()));
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "会议 🎉");
    app.handle(Event::Resize(50, 20));
    let Some(Overlay::Editor(editor)) = &app.overlay else {
        panic!("the editor closed")
    };
    assert_eq!(editor.text(), "Rapat 3 x q? a\nb\n会议 🎉");
    assert!(!app.quit);
    assert_eq!((walk(&app).entry, walk(&app).position), (0, 0), "the walk did not move");
    assert!(
        stored(&path, id).respondents[0].answers.is_empty(),
        "nothing answered while typing"
    );

    // Below the minimum size keys are ignored: Esc does nothing until the terminal grows.
    code(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_some(), "nothing changes unseen on a too-small terminal");
    app.handle(Event::Resize(80, 24));
    code(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    let a = stored(&path, id);
    let saved = a.respondents[0].answer(&slot).unwrap();
    assert_eq!(saved.note, "Rapat 3 x q? a\nb\n会议 🎉");
    assert_eq!((saved.level, saved.na), (None, false), "a note is not an answer");
    assert!(screen(&app, 120, 40).contains("catatan ✎"));

    // Reopening shows the saved text; evidence is a separate text.
    ch(&mut app, 'v');
    type_text(&mut app, "SK Wali Kota 12/2025");
    ctrl(&mut app, 's');
    let saved = stored(&path, id);
    let saved = saved.respondents[0].answer(&slot).unwrap();
    assert_eq!(saved.evidence, "SK Wali Kota 12/2025");
    assert_eq!(saved.note, "Rapat 3 x q? a\nb\n会议 🎉");
    ch(&mut app, 'e');
    let Some(Overlay::Editor(editor)) = &app.overlay else {
        panic!("the editor did not open")
    };
    assert_eq!(editor.text(), "Rapat 3 x q? a\nb\n会议 🎉");
}

#[test]
fn pillar_texts_are_saved_for_the_pillar_and_subsector() {
    let (_dir, path, id, mut app) = walk_fixture();
    code(&mut app, KeyCode::Tab);
    ch(&mut app, 'b');
    type_text(&mut app, "Festival kuliner");
    code(&mut app, KeyCode::Esc);
    ch(&mut app, 'm');
    type_text(&mut app, "Modal usaha");
    code(&mut app, KeyCode::F(2));
    let a = stored(&path, id);
    assert_eq!(
        a.pillar_text("kreasi", Some("musik"), TextKind::BestPractice),
        "Festival kuliner"
    );
    assert_eq!(a.pillar_text("kreasi", Some("musik"), TextKind::Problem), "Modal usaha");
    assert_eq!(a.pillar_text("kreasi", Some("kuliner"), TextKind::BestPractice), "");
    assert_eq!(walk(&app).entry, 1, "the walk stays on the pillar");
}

#[test]
fn g_goes_to_the_next_unanswered_indicator() {
    let (_dir, _path, _id, mut app) = walk_fixture();
    code(&mut app, KeyCode::Right);
    ch(&mut app, '1'); // answers position 1, moves to 2
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Left);
    assert_eq!(walk(&app).position, 0);
    ch(&mut app, 'g');
    assert_eq!(walk(&app).position, 2, "g skips the answered indicator");
}

#[test]
fn g_says_so_when_everything_is_answered() {
    let (_dir, path, id, mut app) = walk_fixture();
    let total = walk(&app).total_progress().1;
    for _ in 0..total {
        ch(&mut app, '2');
    }
    assert_eq!(walk(&app).total_progress(), (total, total));
    assert!(matches!(&app.status, Status::Info(m) if m.contains("semua indikator terjawab")));
    assert_eq!(stored(&path, id).status, "complete");
    ch(&mut app, 'g');
    assert!(matches!(&app.status, Status::Info(m) if m.contains("Semua indikator sudah dijawab")));
    // A complete assessment opens on its results from the list.
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Results(_)));
}

#[test]
fn reopening_resumes_at_the_same_indicator_and_subsector() {
    let (_dir, path, _id, mut app) = walk_fixture();
    code(&mut app, KeyCode::Tab); // Kreasi · Musik
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Right);
    let here = current_slot(&app);
    assert_eq!(here.subsector.as_deref(), Some("musik"));
    code(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Start(_)));
    code(&mut app, KeyCode::Enter);
    assert_eq!(current_slot(&app), here);
    assert_eq!((walk(&app).entry, walk(&app).position), (1, 2));

    // A new session on the same file resumes there too.
    drop(app);
    let mut again = app_on(&path);
    code(&mut again, KeyCode::Enter);
    assert_eq!(current_slot(&again), here);
}

#[test]
fn l_toggles_the_language_on_every_screen() {
    let (_dir, path, _id, mut app) = walk_fixture();
    app.go_start();
    // The screen shows `id` in Indonesian and `en` in English, never both.
    let check = |app: &App, id: &str, en: &str| {
        let s = screen(app, 120, 40);
        match app.lang {
            Lang::Id => assert!(s.contains(id) && !s.contains(en), "{id} expected:\n{s}"),
            Lang::En => assert!(s.contains(en) && !s.contains(id), "{en} expected:\n{s}"),
        }
    };
    check(&app, "Daftar penilaian", "Assessments, newest first");
    ch(&mut app, 'L');
    assert_eq!(app.lang, Lang::En);
    check(&app, "Daftar penilaian", "Assessments, newest first");
    check(&app, " baru ", " new ");

    code(&mut app, KeyCode::Enter);
    check(&app, "Terjawab", "Answered");
    check(&app, "Kreasi · Kuliner", "Creation · ");
    ch(&mut app, 'L');
    check(&app, "Terjawab", "Answered");
    check(&app, "Indikator 1/", "Indicator 1/");

    ch(&mut app, 'r');
    check(&app, "Ringkasan", "Summary");
    ch(&mut app, 'L');
    check(&app, "Ringkasan", "Summary");
    check(&app, "Skor utama", "Headline score");
    ch(&mut app, '?');
    check(&app, "Bantuan tombol", " Keys ");
    code(&mut app, KeyCode::Esc);
    ch(&mut app, 'L');
    check(&app, "Skor utama", "Headline score");

    // On the form letters are typed, so L is not a key there. The choice is not
    // stored: a new session starts in the language it is given.
    drop(app);
    assert_eq!(app_on(&path).lang, Lang::Id);
}

/// What the help of each screen must say, written out from the README's key table
/// (not read from the binding table the overlay is drawn from): a key, and its text.
const HELP_ROWS: &[(Mode, &str, &str)] = &[
    (Mode::Walk, "Enter", "pilih tingkat yang disorot"),
    (Mode::Walk, "→/n", "indikator berikutnya"),
    (Mode::Walk, "Tab", "pilar berikutnya"),
    (Mode::Walk, "x", "tidak berlaku (N/A)"),
    (
        Mode::Walk,
        "Del/Backspace",
        "hapus jawaban indikator ini (catatan tetap)",
    ),
    (Mode::Walk, "e", "catatan"),
    (Mode::Walk, "v", "bukti dukung"),
    (Mode::Walk, "b", "praktik baik pilar ini"),
    (Mode::Walk, "m", "permasalahan pilar ini"),
    (Mode::Walk, "g", "ke yang belum dijawab"),
    (Mode::Walk, "i h", "i rincian indikator · h riwayatnya"),
    (Mode::Walk, "r", "hasil"),
    (Mode::Walk, "?/F1", "bantuan"),
    (Mode::Walk, "q/Ctrl-C", "keluar"),
    (Mode::Results, "f", "tetapkan subsektor unggulan"),
    (Mode::Results, "a", "saring menurut aktor"),
    (Mode::Results, "+/=", "naikkan target"),
    (Mode::Results, "-", "turunkan target"),
    (Mode::Results, "w", "tulis laporan HTML"),
    (Mode::Results, "Enter", "buka indikator di pengisian"),
    (Mode::Start, "n", "baru"),
    (Mode::Start, "Enter", "lanjutkan"),
    (Mode::Start, "a", "isi sebagai: responden lain, konsensus, verifikasi"),
    (Mode::Start, "d", "hapus"),
    (Mode::Start, "/", "cari"),
    (Mode::FormText, "Tab", "kolom berikutnya"),
    (Mode::FormText, "Ctrl-S/F2", "simpan & mulai"),
    (Mode::FormText, "Esc", "batal"),
    (Mode::FormText, "Backspace", "hapus huruf sebelum kursor"),
    (Mode::FormText, "Home/Ctrl-A", "ke awal kolom"),
    (Mode::FormText, "ketik", "masuk ke kolom"),
];

/// The help overlay of a context shows its rows of [`HELP_ROWS`], at 80×24 as on a
/// big screen: a line holding the key, then (after spaces) its text.
fn help_lists_every_binding(app: &App, context: Mode) {
    assert_eq!(app.screen_mode(), context);
    assert!(matches!(app.overlay, Some(Overlay::Help)));
    for (w, h) in [(80, 24), (120, 50)] {
        let shown = screen(app, w, h);
        for (_, key, text) in HELP_ROWS.iter().filter(|(c, ..)| *c == context) {
            // The overlay's rows sit between its side borders.
            let listed = shown.lines().flat_map(|line| line.split('│')).any(|cell| {
                cell.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.starts_with(' ') && rest.trim_start().starts_with(text))
            });
            assert!(
                listed,
                "{context:?} at {w}×{h}: {key} {text} missing from the help\n{shown}"
            );
        }
        assert!(shown.contains("Bantuan tombol"));
    }
}

#[test]
fn help_lists_every_binding_of_the_current_screen() {
    let (_dir, _path, _id, mut app) = walk_fixture();
    ch(&mut app, '?');
    help_lists_every_binding(&app, Mode::Walk);
    ch(&mut app, '3');
    assert!(app.overlay.is_none(), "any key closes the help");
    assert_eq!(walk(&app).position, 0, "the closing key does nothing else");

    ch(&mut app, 'r');
    ch(&mut app, '?');
    help_lists_every_binding(&app, Mode::Results);
    code(&mut app, KeyCode::Esc);

    app.go_start();
    code(&mut app, KeyCode::F(1));
    help_lists_every_binding(&app, Mode::Start);
    code(&mut app, KeyCode::Esc);

    ch(&mut app, 'n');
    code(&mut app, KeyCode::F(1));
    help_lists_every_binding(&app, Mode::FormText);
    ch(&mut app, 'x');
    assert!(app.overlay.is_none());
    assert_eq!(form(&app).region_name.text(), "", "the closing key is not typed");
}

#[test]
fn q_quits_outside_text_fields() {
    let (_dir, path, _id, mut app) = walk_fixture();
    ch(&mut app, 'q');
    assert!(app.quit, "q quits from the walk");

    let mut app = app_on(&path);
    ch(&mut app, 'n');
    type_text(&mut app, "q");
    assert!(!app.quit, "q is typed on the form");
    assert_eq!(form(&app).region_name.text(), "q");
    code(&mut app, KeyCode::Esc);
    ch(&mut app, 'q');
    assert!(app.quit, "q quits from the list");

    let mut app = app_on(&path);
    ctrl(&mut app, 'c');
    assert!(app.quit, "Ctrl-C quits");
}

// ---- the start screen -----------------------------------------------------------

#[test]
fn delete_needs_the_region_name_typed() {
    let (_dir, path) = db();
    create(&path, "Sukamaju", &["kuliner"]);
    create(&path, "Bandung", &["musik"]);
    let mut app = app_on(&path);
    let Screen::Start(start) = &app.screen else { panic!() };
    let target = start.selected_row().unwrap().region_name.clone();
    ch(&mut app, 'd');
    assert!(screen(&app, 80, 24).contains(&format!("\"{target}\"")));
    // n, q and / are letters here, not actions.
    type_text(&mut app, "nq/Salah");
    code(&mut app, KeyCode::Enter);
    assert!(!app.quit);
    assert_eq!(Store::open(&path).unwrap().list().unwrap().len(), 2);
    assert!(matches!(&app.status, Status::Info(m) if m.contains("tidak cocok")));

    code(&mut app, KeyCode::Esc);
    ch(&mut app, 'd');
    type_text(&mut app, &target);
    code(&mut app, KeyCode::Enter);
    let left = Store::open(&path).unwrap().list().unwrap();
    assert_eq!(left.len(), 1);
    assert_ne!(left[0].assessment.region.name, target);
    let Screen::Start(start) = &app.screen else { panic!() };
    assert_eq!(start.rows.len(), 1);
    assert!(start.delete.is_none());
}

#[test]
fn slash_filters_the_list() {
    let (_dir, path) = db();
    create(&path, "Sukamaju", &["kuliner"]);
    create(&path, "Bandung", &["musik"]);
    let mut app = app_on(&path);
    ch(&mut app, '/');
    type_text(&mut app, "band");
    let Screen::Start(start) = &app.screen else { panic!() };
    let visible: Vec<&str> = start.visible().iter().map(|r| r.region_name.as_str()).collect();
    assert_eq!(visible, vec!["Bandung"]);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Kota Bandung") && !shown.contains("Kota Sukamaju"));
    code(&mut app, KeyCode::Enter); // ends typing, keeps the filter
    code(&mut app, KeyCode::Enter); // opens the one row
    assert_eq!(walk(&app).assessment.region.name, "Bandung");

    app.go_start();
    ch(&mut app, '/');
    type_text(&mut app, "zzz");
    assert!(screen(&app, 80, 24).contains("Tidak ada yang cocok"));
    code(&mut app, KeyCode::Esc);
    let Screen::Start(start) = &app.screen else { panic!() };
    assert_eq!(start.visible().len(), 2, "Esc clears the filter");
}

#[test]
fn r_opens_the_results_from_the_list_and_the_walk() {
    let (_dir, path, id, mut app) = walk_fixture();
    code(&mut app, KeyCode::Right);
    let here = current_slot(&app);
    ch(&mut app, 'r');
    assert_eq!(results(&app).assessment.id, id);
    code(&mut app, KeyCode::Esc);
    assert_eq!(current_slot(&app), here, "Esc returns to the walk where it was");

    let mut app = app_on(&path);
    ch(&mut app, 'r');
    assert_eq!(results(&app).tab(), Tab::Summary);
    code(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.screen, Screen::Start(_)),
        "from the list, Esc returns to it"
    );
}

// ---- results --------------------------------------------------------------------

/// An assessment with answers on part of Kreasi and Kebijakan, at the results.
fn results_fixture() -> (TempDir, PathBuf, i64, App) {
    let (dir, path) = db();
    let id = create(&path, "Sukamaju", &["kuliner", "musik"]);
    {
        let mut store = Store::open(&path).unwrap();
        let respondent = store.load(id).unwrap().0.respondents[0].id;
        for (indicator, sub, level) in [
            ("kreasi.talenta", Some("kuliner"), 2),
            ("kreasi.pendidikan", Some("kuliner"), 3),
            ("kreasi.talenta", Some("musik"), 1),
            ("kebijakan.perda", None, 1),
            ("kebijakan.anggaran", None, 2),
        ] {
            store
                .upsert_answer(respondent, &SlotKey::new(indicator, sub), Some(level), false)
                .unwrap();
        }
    }
    let mut app = app_on(&path);
    app.open_results(id, None);
    (dir, path, id, app)
}

#[test]
fn tab_cycles_the_results_tabs() {
    let (_dir, _path, _id, mut app) = results_fixture();
    let mut seen = vec![results(&app).tab()];
    for _ in 0..4 {
        code(&mut app, KeyCode::Tab);
        seen.push(results(&app).tab());
    }
    assert_eq!(
        seen,
        vec![
            Tab::Summary,
            Tab::Potential,
            Tab::Recommendations,
            Tab::Targets,
            Tab::Summary
        ]
    );
    back_tab(&mut app);
    assert_eq!(results(&app).tab(), Tab::Targets);
    code(&mut app, KeyCode::Left);
    assert_eq!(results(&app).tab(), Tab::Recommendations);
    code(&mut app, KeyCode::Right);
    assert_eq!(results(&app).tab(), Tab::Targets);
}

#[test]
fn f_chooses_the_flagship_and_stores_it() {
    let (_dir, path, id, mut app) = results_fixture();
    let first = results(&app).summary.self_assessed.candidates[0].candidate.clone();
    assert_eq!(first.as_deref(), Some("kuliner"), "kuliner ranks first");
    code(&mut app, KeyCode::Down);
    ch(&mut app, 'f');
    assert_eq!(stored(&path, id).chosen_flagship.as_deref(), Some("musik"));
    assert_eq!(
        results(&app).summary.self_assessed.headline_candidate.as_deref(),
        Some("musik")
    );
    assert!(screen(&app, 120, 40).contains("DIPILIH"));
    // f on the chosen one clears it.
    let selected = results(&app)
        .summary
        .self_assessed
        .candidates
        .iter()
        .position(|c| c.chosen)
        .unwrap();
    let mut guard = 0;
    while results(&app).selected != selected && guard < 5 {
        let direction = if results(&app).selected < selected {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        code(&mut app, direction);
        guard += 1;
    }
    ch(&mut app, 'f');
    assert_eq!(stored(&path, id).chosen_flagship, None);

    // f elsewhere explains where it works and writes nothing.
    code(&mut app, KeyCode::Tab);
    ch(&mut app, 'f');
    assert_eq!(stored(&path, id).chosen_flagship, None);
    assert!(screen(&app, 80, 24).contains("Pilih subsektor di tab Ringkasan."));
}

#[test]
fn a_cycles_the_recommendations_by_actor() {
    let (_dir, _path, _id, mut app) = results_fixture();
    let all = results(&app).summary.self_assessed.recommendations.clone();
    let mut seen = Vec::new();
    let mut narrower = false;
    for _ in 0..6 {
        ch(&mut app, 'a');
        let r = results(&app);
        assert_eq!(r.tab(), Tab::Recommendations, "a shows the recommendations");
        seen.push(r.actor_filter);
        if let Some(actor) = &r.actor_filter {
            let shown: Vec<&str> = r.recommendations().iter().map(|x| x.indicator.as_str()).collect();
            // Exactly the recommendations that actor leads, in the same order.
            let led: Vec<&str> = all
                .iter()
                .filter(|x| x.lead.iter().any(|l| l == actor))
                .map(|x| x.indicator.as_str())
                .collect();
            assert_eq!(shown, led, "filtered by {actor}");
            narrower |= shown.len() < all.len();
        }
    }
    assert!(narrower, "some actor's filter leaves recommendations out");
    let expected: Vec<Option<String>> = ["A", "B", "C", "G", "M"]
        .iter()
        .map(|a| Some(a.to_string()))
        .chain([None])
        .collect();
    let seen: Vec<Option<String>> = seen.iter().map(|a| a.map(|a| a.to_string())).collect();
    assert_eq!(seen, expected);
    assert_eq!(
        results(&app).recommendations().len(),
        results(&app).summary.self_assessed.recommendations.len()
    );
}

#[test]
fn targets_change_with_plus_and_minus_and_move_the_projection() {
    let (_dir, path, id, mut app) = results_fixture();
    ch(&mut app, '+');
    assert!(stored(&path, id).targets.is_empty(), "+ only works on the Targets tab");
    back_tab(&mut app);
    assert_eq!(results(&app).tab(), Tab::Targets);
    // Kuliner (the headline): kreasi = 100 × (1.5 × 2/4 + 1 × 3/4) / 2.5 = 60,
    // kebijakan = 100 × (1.5 × 1/4 + 1 × 2/4) / 2.5 = 35, overall (60 + 35) / 2 = 47.5.
    let before = screen(&app, 120, 40);
    assert!(before.contains("Skor utama 47.5 → proyeksi 47.5"), "{before}");

    // The first row is kreasi.talenta @ kuliner, answered 2.
    let row = &results(&app).target_rows()[0];
    assert_eq!(row.slot, SlotKey::new("kreasi.talenta", Some("kuliner")));
    ch(&mut app, '+');
    ch(&mut app, '+');
    let targets = stored(&path, id).targets;
    assert_eq!(targets.len(), 1);
    assert_eq!((targets[0].indicator.as_str(), targets[0].level), ("kreasi.talenta", 4));
    // Talenta at its target 4: kreasi = 100 × (1.5 × 1 + 1 × 3/4) / 2.5 = 90, overall
    // (90 + 35) / 2 = 62.5.
    assert!(screen(&app, 120, 40).contains("→ proyeksi 62.5"));

    ch(&mut app, '-');
    assert_eq!(stored(&path, id).targets[0].level, 3);
    ch(&mut app, '-');
    assert!(
        stored(&path, id).targets.is_empty(),
        "below the next level clears the target"
    );
    assert!(screen(&app, 120, 40).contains("→ proyeksi 47.5"));
}

#[test]
fn enter_on_a_recommendation_opens_it_in_the_walk() {
    let (_dir, _path, _id, mut app) = results_fixture();
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Down);
    let r = results(&app).recommendations()[1];
    let slot = SlotKey::new(&r.indicator, r.subsector.as_deref());
    code(&mut app, KeyCode::Enter);
    assert_eq!(current_slot(&app), slot);
    assert_eq!(walk(&app).indicator().unwrap().id, slot.indicator);
}

#[test]
fn resizes_and_tiny_terminals_keep_working() {
    let (_dir, _path, _id, mut app) = walk_fixture();
    for (w, h) in [(1, 1), (40, 10), (59, 16), (60, 15), (60, 16), (300, 100), (80, 24)] {
        app.handle(Event::Resize(w, h));
        let s = screen(&app, w, h);
        let too_small = w < ui::MIN_WIDTH || h < ui::MIN_HEIGHT;
        if w >= 40 {
            assert_eq!(
                s.contains("terminal terlalu kecil (perlu 60×16)"),
                too_small,
                "{w}×{h}\n{s}"
            );
        }
    }
    ch(&mut app, '2');
    assert_eq!(walk(&app).position, 1);
}

// ---- several respondents, consensus (DKT) and verification (uji petik) -------------

#[test]
fn a_second_respondent_is_added_from_the_list_and_answers_separately() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", &["kuliner"]);
    let mut app = app_on(&path);
    ch(&mut app, 'a');
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Isi sebagai — Kota Sukamaju"), "{shown}");
    assert!(shown.contains("Sari (G) — Dinas Pariwisata"), "{shown}");
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::AddRespondent(_)));
    // The name is required; the error shows inline and nothing is created.
    ctrl(&mut app, 's');
    assert!(screen(&app, 80, 24).contains("! isi nama responden"));
    type_text(&mut app, "Prof. Ani");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "UNS");
    code(&mut app, KeyCode::Tab);
    ch(&mut app, 'a');
    ctrl(&mut app, 's');

    let first = current_slot(&app);
    assert!(screen(&app, 80, 24).contains("Prof. Ani (A)"));
    ch(&mut app, '1');
    let a = stored(&path, id);
    assert_eq!(a.respondents.len(), 2);
    assert_eq!(
        (a.respondents[1].name.as_str(), a.respondents[1].actor.as_str()),
        ("Prof. Ani", "A")
    );
    assert_eq!(a.respondents[1].organisation, "UNS");
    assert_eq!(a.respondents[1].answer(&first).and_then(|x| x.level), Some(1));
    assert!(a.respondents[0].answer(&first).is_none(), "Sari's answers are her own");

    // Reopening resumes as the same respondent.
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("Prof. Ani (A)"));
}

#[test]
fn the_consensus_walk_shows_the_group_means_and_records_the_agreed_level() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", &["kuliner"]);
    let mut store = Store::open(&path).unwrap();
    let sari = store.load(id).unwrap().0.respondents[0].id;
    let budi = store
        .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "Warung Budi")
        .unwrap();
    let first = SlotKey::new("kreasi.talenta", Some("kuliner"));
    store.upsert_answer(sari, &first, Some(4), false).unwrap();
    store.upsert_answer(budi, &first, Some(1), false).unwrap();
    drop(store);

    let mut app = app_on(&path);
    ch(&mut app, 'a');
    for _ in 0..3 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    assert_eq!(current_slot(&app), first);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Konsensus (DKT)"), "{shown}");
    assert!(
        shown.contains("Mandiri: B 1.0 · G 4.0 → 2.5 · selisih 3.0 ⚠"),
        "{shown}"
    );
    ch(&mut app, '2');
    ch(&mut app, 'p');
    ch(&mut app, 'e');
    type_text(&mut app, "disepakati setelah melihat data Dinas");
    code(&mut app, KeyCode::Esc);

    let a = stored(&path, id);
    let agreed: Vec<_> = a.agreed.iter().filter(|g| g.indicator == "kreasi.talenta").collect();
    assert_eq!(agreed.len(), 1);
    assert_eq!(agreed[0].kind, pmk3i::assessment::AgreedKind::Consensus);
    assert_eq!(agreed[0].level, Some(2));
    assert_eq!(agreed[0].note, "disepakati setelah melihat data Dinas");
    assert!(
        a.respondents
            .iter()
            .all(|r| r.answer(&first).and_then(|x| x.level) != Some(2)),
        "answers untouched"
    );

    // The results show the consensus beside the self-assessment: headline and pillars.
    ch(&mut app, 'r');
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Konsensus:"), "{shown}");
    assert!(shown.contains("Kons."), "{shown}");
}

#[test]
fn the_verification_walk_records_verified_levels_beside_the_consensus() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", &["kuliner"]);
    let first = SlotKey::new("kreasi.talenta", Some("kuliner"));
    let mut store = Store::open(&path).unwrap();
    store
        .set_agreed_level(id, pmk3i::assessment::AgreedKind::Consensus, &first, Some(3), false, "")
        .unwrap();
    drop(store);

    let mut app = app_on(&path);
    ch(&mut app, 'a');
    for _ in 0..4 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Verifikasi uji petik"), "{shown}");
    assert!(shown.contains("konsensus: 3"), "{shown}");
    // v opens the evidence seen, apart from the note; typing never leaks into keys.
    ch(&mut app, 'v');
    assert!(screen(&app, 80, 24).contains("Bukti yang dilihat"));
    type_text(&mut app, "foto daftar hadir dicek");
    code(&mut app, KeyCode::Esc);
    ch(&mut app, 'e');
    type_text(&mut app, "kunjungan ke sanggar");
    code(&mut app, KeyCode::Esc);
    ch(&mut app, '2');

    let a = stored(&path, id);
    let verified = a
        .agreed
        .iter()
        .find(|g| g.kind == pmk3i::assessment::AgreedKind::Verified)
        .unwrap();
    assert_eq!(
        (verified.indicator.as_str(), verified.level),
        ("kreasi.talenta", Some(2))
    );
    assert_eq!(verified.evidence, "foto daftar hadir dicek");
    assert_eq!(verified.note, "kunjungan ke sanggar");
    // Reopening with Enter resumes the verification walk.
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("Verifikasi uji petik"));
}

#[test]
fn the_consensus_walk_says_who_recorded_the_level_and_h_shows_the_indicators_history() {
    let (_dir, path) = db();
    let id = create(&path, "Sukamaju", &["kuliner"]);
    let mut store = Store::open(&path).unwrap();
    let sari = store.load(id).unwrap().0.respondents[0].id;
    let first = SlotKey::new("kreasi.talenta", Some("kuliner"));
    store.upsert_answer(sari, &first, Some(4), false).unwrap();
    drop(store);
    let login = String::from_utf8(std::process::Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_string();

    let mut app = app_on(&path);
    ch(&mut app, 'a');
    for _ in 0..2 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    assert_eq!(current_slot(&app), first);
    assert!(!screen(&app, 120, 40).contains("dicatat oleh"), "nothing recorded yet");
    ch(&mut app, '2');
    ch(&mut app, 'p');
    let shown = screen(&app, 120, 40);
    assert!(shown.contains(&format!("dicatat oleh {login}, ")), "{shown}");

    ch(&mut app, 'h');
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Riwayat · kreasi.talenta"), "{shown}");
    let lines: Vec<&str> = shown.lines().collect();
    let sari_line = lines
        .iter()
        .position(|l| l.contains(&format!("{login} · Sari [kuliner] · tingkat: — → 4")))
        .expect("Sari's answer is in the history");
    let agreed_line = lines
        .iter()
        .position(|l| l.contains(&format!("{login} · konsensus [kuliner] · tingkat: — → 2")))
        .expect("the agreed level is in the history");
    assert!(sari_line < agreed_line, "oldest first\n{shown}");
    // Any other key closes it.
    code(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

// ---- the walk's update, without the store -----------------------------------------

/// Answering is a plain function of the walk: it returns the writes, the new
/// position and what to say, and commits nothing itself.
#[test]
fn answering_returns_its_writes_and_the_new_position_as_values() {
    use pmk3i::app::Effect;
    use pmk3i::app::recovery::Change;
    use pmk3i::app::walk::{clear, record};

    let (_dir, path, id, app) = walk_fixture();
    let mut w = walk(&app).clone();
    let respondent = w.assessment.respondents[0].id;
    let first = SlotKey::new("kreasi.talenta", Some("kuliner"));
    let second = SlotKey::new("kreasi.pendidikan", Some("kuliner"));
    assert_eq!(w.slot(), Some(first.clone()));

    let effects = record(&mut w, Some(3), false, Lang::Id);
    assert_eq!(
        effects,
        vec![
            Effect::Write(Change::Answer {
                respondent,
                slot: first.clone(),
                level: Some(3),
                na: false
            }),
            Effect::Position(Change::Cursor {
                assessment: id,
                slot: second.clone(),
                walker: pmk3i::assessment::Walker::Respondent(respondent),
                quick: false,
            }),
        ]
    );
    assert_eq!(w.slot(), Some(second), "the walk moved on");
    assert_eq!(w.answer(&first).and_then(|a| a.level), Some(3), "and shows the answer");
    let stored = Store::open(&path).unwrap().load(id).unwrap().0;
    assert!(stored.respondents[0].answer(&first).is_none(), "nothing was written");

    // Clearing it (back on the first indicator) writes "no level" and says so.
    w.go_to(&first);
    let effects = clear(&mut w, Lang::En);
    assert_eq!(
        effects,
        vec![
            Effect::Write(Change::Answer {
                respondent,
                slot: first.clone(),
                level: None,
                na: false
            }),
            Effect::Say("Answer cleared ✓".into()),
        ]
    );
    assert_eq!(
        clear(&mut w, Lang::En),
        vec![],
        "an unanswered indicator has nothing to clear"
    );
}

/// The results and map screens' keys are plain functions of their state too: what
/// to write and where to go come back as values.
#[test]
fn results_and_map_keys_return_writes_and_where_to_go() {
    use pmk3i::app::bindings::Action;
    use pmk3i::app::recovery::Change;
    use pmk3i::app::results::update;
    use pmk3i::app::{Effect, Go};

    let (_dir, path, id, mut app) = results_fixture();
    let Screen::Results(mut r) = std::mem::replace(&mut app.screen, Screen::Start(Default::default())) else {
        panic!("expected the results screen")
    };
    assert_eq!(update(&mut r, Action::Back, Lang::Id), vec![Effect::Go(Go::Start)]);
    assert_eq!(
        update(&mut r, Action::Workshop, Lang::Id),
        vec![Effect::Go(Go::Workshop(id))]
    );
    // Targets are set on the targets tab only: elsewhere nothing is written.
    assert_eq!(update(&mut r, Action::TargetUp, Lang::Id), vec![]);
    assert_eq!(update(&mut r, Action::PrevTab, Lang::Id), vec![]);
    assert_eq!(r.tab(), Tab::Targets);
    // The first row is kreasi.talenta for kuliner, answered 2: + aims at 3.
    assert_eq!(
        update(&mut r, Action::TargetUp, Lang::Id),
        vec![Effect::Write(Change::Target {
            assessment: id,
            slot: SlotKey::new("kreasi.talenta", Some("kuliner")),
            level: Some(3),
        })]
    );
    assert!(stored(&path, id).targets.is_empty(), "nothing was written");

    let store = Store::open(&path).unwrap();
    let mut m = pmk3i::app::map::MapState::load(&store, Lang::Id).unwrap();
    assert_eq!(
        pmk3i::app::map::update(&mut m, Action::Back, Lang::Id),
        vec![Effect::Go(Go::Start)]
    );
    // The map lists every region of the country, by Kemendagri code: the first has no
    // assessment.
    assert_eq!(
        pmk3i::app::map::update(&mut m, Action::Choose, Lang::Id),
        vec![Effect::Say("Kabupaten Aceh Selatan belum dinilai.".into())]
    );
    m.filter = pmk3i::app::input::LineInput::new("Sukamaju");
    m.clamp(Lang::Id);
    assert_eq!(
        pmk3i::app::map::update(&mut m, Action::Choose, Lang::Id),
        vec![Effect::Go(Go::Results {
            assessment: id,
            back_to_walk: None
        })]
    );
}
