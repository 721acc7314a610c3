//! What cannot be committed is never lost: an assessment deleted by another program
//! under the walk is named as deleted, what was typed goes to the recovery file beside
//! the database (0600), and the screen returns to the list.
#![allow(clippy::unwrap_used)]

mod common;

use common::db::{create, sukamaju};
use common::fw::bundled_pmk3i;
use common::tui::app_in;

use std::path::Path;

use pmk3i::app::recovery::{Change, read_recovery, recovery_path};
use pmk3i::app::{App, Event, Screen, Status};
use pmk3i::i18n::Lang;
use pmk3i::store::{NewAssessment, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn walk_on_new_assessment(path: &Path, lang: Lang) -> (App, i64) {
    let new = NewAssessment {
        respondent_organisation: String::new(),
        ..sukamaju(&["kuliner"])
    };
    let id = create(path, &bundled_pmk3i(), &new);
    let mut app = app_in(path, lang);
    app.database = Some(path.to_path_buf());
    app.open_walk(id, None);
    assert!(matches!(app.screen, Screen::Walk(_)));
    (app, id)
}

#[test]
fn an_assessment_deleted_under_the_walk_is_named_and_the_answer_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let (mut app, id) = walk_on_new_assessment(&path, Lang::En);
    app.handle(key(KeyCode::Char('1')));
    assert_eq!(app.status, Status::Saved);

    // Another pmk3i deletes the assessment.
    Store::open(&path).unwrap().delete_assessment(id).unwrap();
    app.handle(key(KeyCode::Char('3')));

    let Status::Error(message) = &app.status else {
        panic!("no message: {:?}", app.status)
    };
    assert!(
        message.contains(&format!("Assessment {id} was deleted by another program.")),
        "{message}"
    );
    let file = recovery_path(&path);
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert!(!message.contains("FOREIGN KEY"), "{message}");
    assert!(matches!(app.screen, Screen::Start(_)), "back to the list");
    assert!(!app.has_pending_writes(), "nothing retries forever");

    let kept = read_recovery(&path).unwrap().unwrap().changes;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        matches!(&kept[0], Change::Answer { level: Some(3), na: false, slot, .. } if !slot.indicator.is_empty()),
        "{kept:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn a_note_typed_while_the_assessment_was_deleted_goes_to_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let (mut app, id) = walk_on_new_assessment(&path, Lang::Id);
    app.handle(key(KeyCode::Char('e')));
    app.handle(Event::Paste("Perda sudah disahkan bulan lalu".into()));
    Store::open(&path).unwrap().delete_assessment(id).unwrap();
    // Esc saves and closes the note.
    app.handle(key(KeyCode::Esc));

    let Status::Error(message) = &app.status else {
        panic!("no message: {:?}", app.status)
    };
    assert!(
        message.contains(&format!("Penilaian {id} telah dihapus oleh program lain.")),
        "{message}"
    );
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(app.overlay.is_none());
    let kept = read_recovery(&path).unwrap().unwrap().changes;
    assert!(
        kept.iter()
            .any(|c| matches!(c, Change::Text { draft } if draft.text == "Perda sudah disahkan bulan lalu")),
        "{kept:?}"
    );
    // The signal thread's copy of the open note is cleared: it cannot be saved either.
    assert!(app.draft.lock().unwrap().is_none());
}

#[cfg(unix)]
#[test]
fn the_report_written_with_w_is_owner_only_and_replaces_an_old_one_whole() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let (mut app, id) = walk_on_new_assessment(&path, Lang::En);
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    app.report_dir = reports.clone();
    app.open_results(id, None);
    app.handle(key(KeyCode::Char('w')));
    let Status::Info(message) = &app.status else {
        panic!("no message: {:?}", app.status)
    };
    assert!(message.starts_with("Report written:"), "{message}");
    let files: Vec<_> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one file and no temporary one: {files:?}");
    let report = &files[0];
    assert!(message.contains(&report.display().to_string()), "{message}");
    assert_eq!(std::fs::metadata(report).unwrap().permissions().mode() & 0o777, 0o600);
    let html = std::fs::read_to_string(report).unwrap();
    assert!(
        html.trim_end().ends_with("</html>"),
        "whole: {}",
        &html[html.len().saturating_sub(80)..]
    );
}
