//! A write that fails is never silently dropped: the walk keeps the answer, shows a
//! red banner with the reason, and commits it once the database accepts writes again.
#![allow(clippy::unwrap_used)]

mod common;

use common::db::{create, sukamaju};
use common::fw::{bundled, bundled_pmk3i};

use std::time::Duration;

use pmk3i::app::recovery::Change;
use pmk3i::app::{App, Event, Screen, Status};
use pmk3i::i18n::Lang;
use pmk3i::store::{NewAssessment, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn a_locked_database_shows_the_banner_keeps_the_answer_and_retries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let new = NewAssessment {
        respondent_organisation: String::new(),
        ..sukamaju(&["kuliner"])
    };
    let id = create(&path, &bundled_pmk3i(), &new);
    let store = Store::open(&path).unwrap();
    let frameworks = bundled();
    let mut app = App::new(store, frameworks, Lang::Id, "2026".into());
    app.open_walk(id, None);
    app.store.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let Screen::Walk(walk) = &app.screen else {
        panic!("not on the walk")
    };
    let slot = walk.slot().unwrap();

    // Another process holds the write lock.
    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    app.handle(key('3'));

    let Status::Error(reason) = &app.status else {
        panic!("no banner: {:?}", app.status)
    };
    assert!(reason.contains("GAGAL MENYIMPAN"), "{reason}");
    assert!(
        reason.contains("dikunci oleh program lain"),
        "the reason is named: {reason}"
    );
    assert!(app.has_pending_writes());
    let Screen::Walk(walk) = &app.screen else {
        panic!("not on the walk")
    };
    let kept = walk.answer(&slot).unwrap();
    assert_eq!(kept.level, Some(3), "the answer stays on screen while it waits");
    let on_disk = Store::open(&path).unwrap().load(id).unwrap().0;
    assert!(
        on_disk.respondents[0].answer(&slot).is_none(),
        "nothing was committed yet"
    );

    // Walking on while it is locked queues no write per key: only the newest
    // position waits, after the answer.
    for _ in 0..5 {
        app.handle(key('n'));
    }
    let Screen::Walk(walk) = &app.screen else {
        panic!("not on the walk")
    };
    let here = walk.slot().unwrap();
    assert_ne!(here, slot);
    // The queue as the signal thread sees it.
    let waiting = app.pending_shared.lock().unwrap().clone();
    assert_eq!(waiting.len(), 2, "{waiting:?}");
    assert!(matches!(&waiting[0], Change::Answer { slot: s, level: Some(3), .. } if *s == slot));
    assert!(matches!(&waiting[1], Change::Cursor { assessment, slot: s, .. } if *assessment == id && *s == here));

    // The lock goes away; the next retry commits the answer.
    blocker.execute_batch("COMMIT").unwrap();
    app.retry_pending();
    assert_eq!(app.status, Status::Saved);
    assert!(!app.has_pending_writes());
    let on_disk = Store::open(&path).unwrap().load(id).unwrap().0;
    assert_eq!(on_disk.respondents[0].answer(&slot).unwrap().level, Some(3));
}
