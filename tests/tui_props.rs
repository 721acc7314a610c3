#![allow(clippy::unwrap_used)]
//! Random use of the TUI: sequences of keys, pastes (line breaks, CJK, emoji, control
//! characters) and resizes from 1×1 to 300×100, starting on the walk of a fresh
//! assessment. After every event the screen is drawn at the current size (it must
//! never panic), the walk's highlight and position stay in range, and the answers in
//! the database — read through a second connection, so only committed writes count —
//! equal a model kept by the test: whenever a digit, Enter or x reaches the walk with
//! no overlay open, the test notes what it should record, for which slot and
//! respondent, from the walk's state before the key.
//!
//! `q` and Ctrl-C are never sent: the app would stop.

mod common;

use common::db::{create, sukamaju};
use common::fw::{bundled, bundled_pmk3i};

use std::collections::BTreeMap;
use std::path::Path;

use pmk3i::app::{App, Event, Overlay, Screen};
use pmk3i::i18n::Lang;
use pmk3i::store::{NewAssessment, Store};
use pmk3i::ui::{self, theme::Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An answer's key in the database: respondent id, indicator, subsector or "".
type Slot = (i64, String, String);
/// What was recorded: the level, and whether it is "not applicable".
type Recorded = (Option<i64>, bool);
type Answers = BTreeMap<Slot, Recorded>;

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let walk_keys = vec![
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('n'),
        KeyCode::Char('p'),
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('x'),
        KeyCode::Char('e'),
        KeyCode::Char('v'),
        KeyCode::Char('b'),
        KeyCode::Char('m'),
        KeyCode::Char('g'),
        KeyCode::Char('r'),
        KeyCode::Char('i'),
        KeyCode::Char('?'),
        KeyCode::Char('L'),
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(2),
    ];
    // Every other letter (not q) and the keys of the other screens.
    let other_keys: Vec<KeyCode> = ('a'..='z')
        .filter(|c| *c != 'q')
        .chain(['/', '+', '-', ' ', 'A', 'Z'])
        .map(KeyCode::Char)
        .collect();
    prop_oneof![
        4 => (0u32..10).prop_map(|d| plain(KeyCode::Char(char::from_digit(d, 10).unwrap()))),
        6 => prop::sample::select(walk_keys).prop_map(plain),
        1 => Just(plain(KeyCode::Char('x'))),
        1 => prop::sample::select(other_keys).prop_map(plain),
        1 => Just(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        1 => Just(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    ]
}

fn paste() -> impl Strategy<Value = String> {
    let pieces = vec![
        "a",
        "Rapat",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "会议",
        "記録",
        "🎉",
        "👨‍👩‍👧",
        "é",
        "\u{301}",
        "x",
        "1",
    ];
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(pieces), 0..12).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        12 => key().prop_map(Event::Key),
        1 => paste().prop_map(Event::Paste),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

/// What a key means on the walk, as the README's key table says — stated here, not
/// asked of the app's binding table: a digit records that level, Enter the highlighted
/// one, `x` "not applicable", Del (or Backspace) clears the answer. Anything with Ctrl
/// or Alt is none of these.
enum Meaning {
    Level(i64),
    Highlighted,
    NotApplicable,
    Clear,
}

fn meaning(key: &KeyEvent) -> Option<Meaning> {
    if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
        return None;
    }
    match key.code {
        KeyCode::Char(c @ '0'..='9') => Some(Meaning::Level(i64::from(c as u8 - b'0'))),
        KeyCode::Enter => Some(Meaning::Highlighted),
        KeyCode::Char('x') => Some(Meaning::NotApplicable),
        KeyCode::Delete | KeyCode::Backspace => Some(Meaning::Clear),
        _ => None,
    }
}

/// What the model expects a key to record, from the app's state before the key.
fn expected_answer(app: &App, key: &KeyEvent) -> Option<(Slot, Option<Recorded>)> {
    // Below the minimum size keys are ignored, so nothing changes unseen.
    if app.overlay.is_some() || app.too_small {
        return None;
    }
    let Screen::Walk(walk) = &app.screen else {
        return None;
    };
    let value = match meaning(key)? {
        // A digit that is not on the scale records nothing.
        Meaning::Level(n) => walk
            .framework
            .scale
            .iter()
            .any(|s| s.value == n)
            .then_some((Some(n), false))?,
        Meaning::Highlighted => (Some(walk.framework.scale.get(walk.highlight?)?.value), false),
        Meaning::NotApplicable => walk.indicator()?.allow_na.then_some((None, true))?,
        Meaning::Clear => {
            let slot = walk.slot()?;
            let respondent = walk.respondent_id()?;
            return Some(((respondent, slot.indicator, slot.subsector.unwrap_or_default()), None));
        }
    };
    let slot = walk.slot()?;
    let respondent = walk.respondent_id()?;
    Some((
        (respondent, slot.indicator, slot.subsector.unwrap_or_default()),
        Some(value),
    ))
}

/// The levels and N/A answers committed to the database file.
fn committed(db: &rusqlite::Connection) -> Answers {
    let mut stmt = db
        .prepare("SELECT respondent_id, indicator, subsector, level, na FROM answer WHERE level IS NOT NULL OR na != 0")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            (r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
            (r.get::<_, Option<i64>>(3)?, r.get::<_, bool>(4)?),
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn respondents(db: &rusqlite::Connection) -> Vec<i64> {
    let mut stmt = db.prepare("SELECT id FROM respondent").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn check_walk_in_range(app: &App) -> Result<(), TestCaseError> {
    if let Screen::Walk(walk) = &app.screen {
        prop_assert!(
            walk.highlight.is_none_or(|h| h < walk.scale_len()),
            "highlight {:?}",
            walk.highlight
        );
        prop_assert!(walk.entry < walk.entries.len(), "entry {}", walk.entry);
        let len = walk.entries[walk.entry].indicators.len();
        prop_assert!(walk.position < len, "position {} of {len}", walk.position);
        prop_assert!(walk.slot().is_some());
    }
    Ok(())
}

fn open_fresh_walk(dir: &Path) -> App {
    let path = dir.join("pmk3i.db");
    let new = NewAssessment {
        respondent_organisation: String::new(),
        ..sukamaju(&["kuliner", "kriya"])
    };
    let id = create(&path, &bundled_pmk3i(), &new);
    let store = Store::open(&path).unwrap();
    let frameworks = bundled();
    let mut app = App::new(store, frameworks, Lang::Id, "2026".into());
    // `w` on the results writes a report; keep it out of the working directory.
    app.report_dir = dir.to_path_buf();
    app.open_walk(id, None);
    app
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_use_never_breaks_the_screen_or_the_answers(events in prop::collection::vec(event(), 1..200)) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = open_fresh_walk(dir.path());
        let db = rusqlite::Connection::open(dir.path().join("pmk3i.db")).unwrap();
        let mut model = Answers::new();
        let (mut width, mut height) = (80u16, 24u16);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();

        for event in events {
            if let Event::Key(key) = &event
                && let Some((slot, value)) = expected_answer(&app, key)
            {
                match value {
                    Some(value) => model.insert(slot, value),
                    None => model.remove(&slot),
                };
            }
            if let Event::Resize(w, h) = event {
                (width, height) = (w, h);
                terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            }
            let shown = format!("{event:?}");
            app.handle(event);
            prop_assert!(!app.quit, "the app quit after {shown}");
            terminal.draw(|f| ui::draw(&app, f, Theme { color: false })).unwrap();
            check_walk_in_range(&app)?;
            if let Some(Overlay::Editor(editor)) = &app.overlay {
                prop_assert!(!editor.textarea.lines().is_empty());
            }

            // An assessment deleted from the list takes its answers with it.
            let alive = respondents(&db);
            model.retain(|(r, _, _), _| alive.contains(r));
            prop_assert_eq!(&committed(&db), &model, "after {}", shown);
        }
    }
}
