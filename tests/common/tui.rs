//! The terminal app on a test backend, driven by key events as a terminal sends them.

use std::path::Path;

use pmk3i::app::{App, Event, Screen};
use pmk3i::i18n::Lang;
use pmk3i::store::Store;
use pmk3i::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The app on the database at `path` with the bundled frameworks, in Indonesian,
/// with 2026 as this year.
pub fn app_on(path: &Path) -> App {
    app_in(path, Lang::Id)
}

/// The same in `lang`.
pub fn app_in(path: &Path, lang: Lang) -> App {
    App::new(Store::open(path).unwrap(), super::fw::bundled(), lang, "2026".into())
}

/// A key with no modifier.
pub fn key(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// A typed character; an upper-case letter comes with Shift, as from a terminal.
pub fn ch(app: &mut App, c: char) {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    app.handle(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
}

/// Ctrl and a letter.
pub fn ctrl(app: &mut App, c: char) {
    app.handle(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

/// Shift-Tab, as a terminal sends it.
pub fn back_tab(app: &mut App) {
    app.handle(Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
}

/// Each character of `text`, typed.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

/// The screen drawn at `width` × `height`, without colour, as text.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    draw(app, width, height).backend().to_string()
}

/// The terminal after one draw at `width` × `height`, without colour.
pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f, Theme { color: false })).unwrap();
    terminal
}

/// The open walk; panics on any other screen.
pub fn walk(app: &App) -> &pmk3i::app::walk::WalkState {
    match &app.screen {
        Screen::Walk(w) => w,
        _ => panic!("expected the walk"),
    }
}

/// The open results screen; panics on any other screen.
pub fn results(app: &App) -> &pmk3i::app::results::ResultsState {
    match &app.screen {
        Screen::Results(r) => r,
        _ => panic!("expected the results screen"),
    }
}
