//! The application state and its one update step: events in, state changes and store
//! writes out. Rendering lives in [`crate::ui`] and only reads this state.
//!
//! A key goes through one pipeline ([`App::handle`]): the **mode** the keyboard is in
//! ([`App::mode`]: an overlay's, else the screen's, its dialog's or its field's) →
//! its **keymap** in [`bindings`] → an **action** → the mode's **update** (in the
//! screen's module: `start`, `form`, `walk`, `results`, `agenda`, `map`, `compare`,
//! and `editor`) → **effects** ([`Effect`]: the writes as [`recovery::Change`]
//! values, the walk's position, what to say, where to go, and the few things done
//! once, now — a creation, a deletion, a report file) → the **write queue**
//! (`queue`), which commits the writes in order, keeps only the newest position of
//! a walk, and never lets a message cover a failed write's banner.

pub mod agenda;
pub mod bindings;
pub mod compare;
pub mod draft;
mod editor;
pub mod form;
#[cfg(test)]
mod guard_tests;
pub mod input;
pub mod map;
mod queue;
pub mod recovery;
pub mod respondent;
pub mod results;
pub mod start;
pub mod walk;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use bindings::{Action, Mode, action_for};
use draft::SharedDraft;
pub use editor::Editor;
use form::FormState;
use queue::PendingWrite;
pub use queue::{Create, Document, Effect, Go};
use recovery::SharedPending;
use results::ResultsState;
use start::StartState;
use walk::WalkState;

use crate::assessment::{Assessment, snapshot_framework};
use crate::framework::{DEFAULT_FRAMEWORK_ID, Framework, LoadedFramework};
use crate::i18n::Lang;
use crate::scoring::SlotKey;
use crate::store::Store;

/// The smallest terminal the screens are laid out for; below it only a message is
/// drawn and keys other than quit are ignored (nothing changes unseen).
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// An input event, already decoded from the terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
}

pub enum Screen {
    Start(StartState),
    New(Box<FormState>),
    AddRespondent(Box<respondent::RespondentForm>),
    Walk(Box<WalkState>),
    Results(Box<ResultsState>),
    Workshop(Box<agenda::WorkshopState>),
    Map(Box<map::MapState>),
    Compare(Box<compare::CompareState>),
}

pub enum Overlay {
    Help,
    Info,
    /// The current indicator's changes, oldest first (read when `h` was pressed).
    History(Vec<crate::store::Change>),
    Editor(Box<Editor>),
}

/// The period a year after `period`: every year in it (four digits, 2000–2099) plus
/// one, the rest kept ("2026-S1" → "2027-S1", "2025/2026" → "2026/2027"); `None`
/// when it names no year.
pub fn next_period(period: &str) -> Option<String> {
    let chars: Vec<char> = period.chars().collect();
    let mut out = String::new();
    let mut found = false;
    let mut i = 0;
    while i < chars.len() {
        let run_end = (i..chars.len())
            .find(|&j| !chars[j].is_ascii_digit())
            .unwrap_or(chars.len());
        if run_end > i {
            let run: String = chars[i..run_end].iter().collect();
            match run.parse::<u32>() {
                Ok(year) if run.len() == 4 && (2000..2100).contains(&year) => {
                    found = true;
                    out.push_str(&(year + 1).to_string());
                }
                _ => out.push_str(&run),
            }
            i = run_end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    found.then_some(out)
}

/// The message line above the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    None,
    Saved,
    Info(String),
    /// A write failed; shown as a red banner until it succeeds.
    Error(String),
}

pub struct App {
    pub lang: Lang,
    pub store: Store,
    pub frameworks: Vec<LoadedFramework>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Status,
    /// Writes that failed, retried in order before any new one.
    pending: Vec<PendingWrite>,
    /// The same changes, for the signal thread (which saves them or writes them to the
    /// recovery file when the process must end).
    pub pending_shared: SharedPending,
    /// The database file, whose recovery file keeps what cannot be committed (unset in
    /// tests that do not need one: the changes then stay in memory only).
    pub database: Option<std::path::PathBuf>,
    /// Set when the user asked to quit while writes were failing (a second `q` quits).
    quit_warned: bool,
    /// A write was dropped (refused, or its assessment is gone): its message stays for
    /// the rest of that update's writes, not hidden by their "Tersimpan ✓".
    dropped_write: bool,
    pub quit: bool,
    /// First line shown in the indicator-details and help overlays.
    pub info_scroll: u16,
    /// How far the open overlay can scroll, as last drawn (the drawing knows the
    /// width, so it tells the update step; scrolling past it would feel stuck).
    pub overlay_scroll_max: std::cell::Cell<u16>,
    /// The terminal is below [`MIN_WIDTH`]×[`MIN_HEIGHT`].
    pub too_small: bool,
    pub draft: SharedDraft,
    /// The current year, default period for new assessments.
    pub year: String,
    /// Where reports are written from the results screen.
    pub report_dir: std::path::PathBuf,
    /// A new assessment that repeats an existing region, period and framework, which
    /// the user was asked about: submitting it again creates it.
    confirm_duplicate: Option<String>,
}

impl App {
    pub fn new(mut store: Store, frameworks: Vec<LoadedFramework>, lang: Lang, year: String) -> App {
        // Until a walk writes, the TUI writes as no walk: no respondent's answers. A
        // failure here shows again, with its cause, at the first write.
        let _ = store.set_writer(Some(crate::store::Writer::Admin));
        let (screen, status) = match StartState::load(&store, lang) {
            Ok(s) => (Screen::Start(s), Status::None),
            Err(e) => (Screen::Start(StartState::default()), Status::Error(e.message(lang))),
        };
        let report_dir = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
        App {
            lang,
            store,
            frameworks,
            screen,
            overlay: None,
            status,
            pending: Vec::new(),
            pending_shared: SharedPending::default(),
            database: None,
            quit_warned: false,
            dropped_write: false,
            quit: false,
            info_scroll: 0,
            overlay_scroll_max: std::cell::Cell::new(u16::MAX),
            too_small: false,
            draft: SharedDraft::default(),
            year,
            report_dir,
            confirm_duplicate: None,
        }
    }

    pub fn handle(&mut self, event: Event) {
        if !self.pending.is_empty() {
            self.retry_pending();
        }
        match event {
            Event::Resize(w, h) => self.set_size(w, h),
            Event::Paste(text) => self.paste(&text),
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Key(_) => {}
        }
    }

    pub fn set_size(&mut self, width: u16, height: u16) {
        self.too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
    }

    /// Pasted text, by mode: a text mode takes it into its focused field, the editor
    /// into its text (newlines included); the other modes have no field and ignore it.
    fn paste(&mut self, text: &str) {
        if self.too_small {
            return;
        }
        match (self.mode(), &mut self.overlay, &mut self.screen) {
            (Mode::Editor, Some(Overlay::Editor(editor)), _) => {
                let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
                editor.textarea.insert_str(normalized);
                self.sync_draft();
            }
            (Mode::FormText, _, Screen::New(form)) => form.paste(text),
            (Mode::FormText, _, Screen::AddRespondent(form)) => form.paste(text),
            (Mode::RecordForm, _, Screen::Workshop(w)) => {
                if let Some(form) = &mut w.form
                    && let Some(field) = form.fields.get_mut(form.focus)
                {
                    field.insert_str(text);
                }
            }
            (Mode::StartFilter, _, Screen::Start(start)) => {
                start.filter.insert_str(text);
                start.clamp();
            }
            (Mode::DeleteConfirm, _, Screen::Start(start)) => {
                if let Some((_, input)) = &mut start.delete {
                    input.insert_str(text);
                }
            }
            (Mode::RegionLink, _, Screen::Start(start)) => {
                if let Some(link) = &mut start.link {
                    link.query.insert_str(text);
                    link.highlight = 0;
                }
            }
            (Mode::MapFilter, _, Screen::Map(m)) => {
                m.filter.insert_str(text);
                m.clamp(self.lang);
            }
            (Mode::CompareEdit, _, Screen::Compare(c)) => {
                if let Some((_, input)) = &mut c.editing {
                    input.insert_str(text);
                }
            }
            // No field to type into: the lists, the choices, the scrolling overlays.
            _ => {}
        }
    }

    /// The mode the keyboard is in: an overlay's, else the screen's.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Editor(_)) => Mode::Editor,
            Some(Overlay::Help | Overlay::Info | Overlay::History(_)) => Mode::Scroll,
            None => self.screen_mode(),
        }
    }

    /// The mode of the screen under any overlay (the help lists its keys).
    pub fn screen_mode(&self) -> Mode {
        match &self.screen {
            Screen::Start(s) if s.filtering => Mode::StartFilter,
            Screen::Start(s) if s.delete.is_some() => Mode::DeleteConfirm,
            Screen::Start(s) if s.link.is_some() => Mode::RegionLink,
            Screen::Start(s) if s.chooser.is_some() => Mode::Chooser,
            Screen::Start(_) => Mode::Start,
            Screen::New(form) if form.field().is_text() => Mode::FormText,
            Screen::AddRespondent(form) if form.field().is_text() => Mode::FormText,
            Screen::New(_) | Screen::AddRespondent(_) => Mode::FormChoice,
            Screen::Walk(_) => Mode::Walk,
            Screen::Results(_) => Mode::Results,
            Screen::Workshop(w) if w.form.is_some() => Mode::RecordForm,
            Screen::Workshop(_) => Mode::Workshop,
            Screen::Map(m) if m.filtering => Mode::MapFilter,
            Screen::Map(_) => Mode::Map,
            Screen::Compare(c) if c.editing.is_some() => Mode::CompareEdit,
            Screen::Compare(_) => Mode::Compare,
        }
    }

    /// One key through the pipeline: the mode gives the keymap, the keymap the action,
    /// the mode's update carries it out (its writes go through the write queue).
    fn key(&mut self, key: KeyEvent) {
        // A message answers the last key; the next key starts afresh. A failed write's
        // banner stays until the write succeeds.
        if matches!(self.status, Status::Info(_) | Status::Saved) {
            self.status = Status::None;
        }
        let mode = self.mode();
        let Some(action) = action_for(mode, &key) else {
            return;
        };
        if self.too_small {
            // Nothing may change where the user cannot see it; only quitting works.
            if action == Action::Quit {
                self.quit_now();
            }
            return;
        }
        match action {
            Action::Quit => return self.quit_now(),
            Action::Help => return self.open_overlay(Overlay::Help),
            Action::ToggleLang => {
                self.lang = self.lang.toggled();
                return self.relabel();
            }
            _ => {}
        }
        match mode {
            Mode::Editor => self.act_editor(action, key),
            Mode::Scroll => self.act_scroll(action),
            Mode::Start => {
                self.quit_warned = false;
                let effects = self.start_update(action);
                self.commit(effects)
            }
            Mode::StartFilter => self.act_start_filter(action),
            Mode::DeleteConfirm => {
                let effects = self.delete_confirm_update(action);
                self.commit(effects)
            }
            Mode::RegionLink => {
                let effects = self.region_link_update(action);
                self.commit(effects)
            }
            Mode::Chooser => self.act_chooser(action),
            Mode::FormText | Mode::FormChoice => {
                let effects = self.form_update(action);
                self.commit(effects)
            }
            Mode::Walk => {
                self.quit_warned = false;
                self.act_walk(action)
            }
            Mode::Results => {
                self.quit_warned = false;
                self.act_results(action)
            }
            Mode::Workshop => {
                self.quit_warned = false;
                self.act_workshop(action)
            }
            Mode::RecordForm => self.act_record_form(action),
            Mode::Map => {
                self.quit_warned = false;
                self.act_map(action)
            }
            Mode::MapFilter => self.act_map_filter(action),
            Mode::Compare => {
                self.quit_warned = false;
                self.act_compare(action)
            }
            Mode::CompareEdit => self.act_compare_edit(action),
            // Parts of other modes' keymaps, never a mode of their own.
            Mode::Always | Mode::Global | Mode::LineEdit | Mode::Form => {}
        }
    }

    /// Opens the help or the indicator's details or history, scrolled to the top.
    fn open_overlay(&mut self, overlay: Overlay) {
        self.info_scroll = 0;
        self.overlay_scroll_max.set(u16::MAX);
        self.overlay = Some(overlay);
    }

    /// The help, details and history overlays scroll on short terminals; any other
    /// key closes them.
    fn act_scroll(&mut self, action: Action) {
        let scroll = self.info_scroll;
        self.info_scroll = match action {
            Action::Down => scroll.saturating_add(1),
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(10),
            Action::PageUp => scroll.saturating_sub(10),
            _ => {
                self.overlay = None;
                scroll
            }
        }
        .min(self.overlay_scroll_max.get());
    }

    /// Quit (q, Ctrl-C): an open editor is saved first.
    fn quit_now(&mut self) {
        self.close_editor();
        self.request_quit();
    }

    /// Texts that depend on the language are rebuilt after `L`.
    fn relabel(&mut self) {
        let lang = self.lang;
        match &mut self.screen {
            Screen::Start(_) => self.reload_start(),
            Screen::New(form) => {
                let year = form.period.text().to_string();
                let mut fresh = FormState::new(&self.frameworks, DEFAULT_FRAMEWORK_ID, &year, lang);
                fresh.framework = form.framework.min(fresh.frameworks.len().saturating_sub(1));
                fresh.load_subsectors(&self.frameworks, lang);
                form.frameworks = fresh.frameworks;
                form.subsector_options = fresh.subsector_options;
            }
            Screen::Workshop(w) => w.refresh(lang),
            // The results summary holds no words: the next draw labels it in `lang`.
            Screen::Results(_) | Screen::Walk(_) | Screen::AddRespondent(_) => {}
            Screen::Map(_) => self.open_map(),
            Screen::Compare(c) => c.relabel(lang),
        }
    }

    fn reload_start(&mut self) {
        let lang = self.lang;
        if let Screen::Start(start) = &mut self.screen
            && let Err(e) = start.reload(&self.store, lang)
        {
            self.status = Status::Error(e.message(lang));
        }
    }

    pub fn go_start(&mut self) {
        // The list keeps its cursor on the assessment the user came from.
        let came_from = match &self.screen {
            Screen::Walk(w) => Some(w.assessment.id),
            Screen::Results(r) => Some(r.assessment.id),
            Screen::Workshop(w) => Some(w.assessment.id),
            Screen::AddRespondent(f) => Some(f.assessment),
            Screen::Start(s) => s.selected_row().map(|r| r.id),
            Screen::Compare(c) => Some(c.comparison.after.assessment),
            Screen::New(_) | Screen::Map(_) => None,
        };
        self.screen = Screen::Start(StartState::default());
        self.reload_start();
        if let (Some(id), Screen::Start(start)) = (came_from, &mut self.screen)
            && let Some(i) = start.visible().iter().position(|r| r.id == id)
        {
            start.selected = i;
        }
    }

    fn load_assessment(&mut self, id: i64) -> Option<(Assessment, Framework)> {
        let loaded = self.store.load(id);
        match loaded {
            Ok((assessment, json)) => match snapshot_framework(&json) {
                Ok(framework) => Some((assessment, framework)),
                Err(problems) => {
                    self.status = Status::Error(format!(
                        "{} {}",
                        self.lang.pick(
                            "Kerangka penilaian ini rusak:",
                            "This assessment's framework is damaged:"
                        ),
                        problems.first().map(|p| p.render(self.lang)).unwrap_or_default()
                    ));
                    None
                }
            },
            Err(e) => {
                self.status = Status::Error(e.message(self.lang));
                None
            }
        }
    }

    pub fn open_results(&mut self, id: i64, back_to_walk: Option<SlotKey>) {
        if let Some((assessment, framework)) = self.load_assessment(id) {
            self.screen = Screen::Results(Box::new(ResultsState::new(assessment, framework, back_to_walk)));
        }
    }
}
