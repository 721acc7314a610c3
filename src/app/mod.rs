//! The application state and its one update step: events in, state changes and store
//! writes out. Rendering lives in [`crate::ui`] and only reads this state.

pub mod agenda;
pub mod bindings;
pub mod compare;
pub mod draft;
pub mod form;
pub mod input;
pub mod map;
pub mod recovery;
pub mod respondent;
pub mod results;
pub mod start;
pub mod walk;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use bindings::{Action, Context, action_for};
use draft::{Draft, DraftTarget, SharedDraft};
use form::FormState;
use recovery::{Change, SharedPending};
use results::ResultsState;
use start::StartState;
use walk::{Layer, WalkState};

use crate::assessment::{AgreedKind, Assessment, TextKind, snapshot_framework};
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

/// The multi-line editor for notes, evidence and pillar texts.
pub struct Editor {
    pub title: String,
    pub target: DraftTarget,
    pub textarea: TextArea<'static>,
    /// The text when the editor opened: closing with it unchanged writes nothing.
    pub original: String,
}

impl Editor {
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }
}

pub enum Overlay {
    Help,
    Info,
    /// The current indicator's changes, oldest first (read when `h` was pressed).
    History(Vec<crate::store::Change>),
    Editor(Box<Editor>),
}

/// Records a level (or N/A, or with `None, false` nothing) for a slot in the walk's
/// layer — the respondent's answer, or the consensus or verified level — in memory,
/// and returns the store write to commit it. `None` when there is no respondent.
fn record_in_layer(walk: &mut WalkState, slot: &SlotKey, level: Option<i64>, na: bool) -> Option<Change> {
    let id = walk.assessment.id;
    let write = match (walk.layer, walk.respondent_id()) {
        (Layer::Respondent(_), Some(respondent)) => Change::Answer {
            respondent,
            slot: slot.clone(),
            level,
            na,
        },
        (Layer::Agreed(kind), _) => Change::AgreedAnswer {
            assessment: id,
            kind,
            slot: slot.clone(),
            level,
            na,
        },
        (Layer::Respondent(_), None) => return None,
    };
    walk.remember(slot, |a| {
        a.level = level;
        a.na = na;
    });
    Some(write)
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

/// Said when a walk has nobody to answer as (an imported assessment without respondents).
fn no_respondent(lang: Lang) -> Status {
    Status::Info(
        lang.pick(
            "Penilaian ini belum punya responden: di daftar, tekan a lalu \"Tambah responden\".",
            "This assessment has no respondent yet: on the list, press a, then \"Add a respondent\".",
        )
        .into(),
    )
}

/// Said when the walk switches between the quick check and the full borang.
fn quick_switched(walk: &WalkState, lang: Lang) -> String {
    let (answered, total) = walk.total_progress();
    match &walk.quick {
        Some(candidate) => {
            let label = walk.framework.subsector_label(candidate, lang);
            match lang {
                Lang::Id => {
                    format!("Cek cepat {label}: {total} indikator, ±10 menit ({answered} dijawab). c = borang lengkap.")
                }
                Lang::En => {
                    format!("Quick check {label}: {total} indicators, ~10 min ({answered} answered). c = full borang.")
                }
            }
        }
        None => match lang {
            Lang::Id => format!("Borang lengkap: {answered}/{total} terjawab; jawaban cek cepat tetap di tempatnya."),
            Lang::En => format!("Full borang: {answered}/{total} answered; the quick-check answers are kept."),
        },
    }
}

/// Why a walk cannot switch to the quick check.
fn no_quick_check(walk: &WalkState, lang: Lang) -> String {
    if !matches!(walk.layer, Layer::Respondent(_)) {
        lang.pick(
            "Pengisian konsensus dan verifikasi selalu mencakup borang lengkap.",
            "The consensus and verification walks always cover the full borang.",
        )
    } else if walk.framework.quick_indicators().next().is_none() {
        lang.pick(
            "Kerangka ini tidak menandai indikator cek cepat; isi borang lengkap.",
            "This framework marks no quick-check indicators; answer the full borang.",
        )
    } else {
        lang.pick(
            "Penilaian ini belum punya subsektor kandidat untuk cek cepat.",
            "This assessment has no candidate subsector for a quick check.",
        )
    }
    .to_string()
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

/// A write waiting to be committed; `quiet` ones (the walk position) do not show
/// "Tersimpan ✓", which is kept for what the user entered.
struct PendingWrite {
    change: Change,
    quiet: bool,
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
    pub fn new(store: Store, frameworks: Vec<LoadedFramework>, lang: Lang, year: String) -> App {
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

    pub fn context(&self) -> Context {
        match self.screen {
            Screen::Start(_) => Context::Start,
            Screen::New(_) | Screen::AddRespondent(_) => Context::Form,
            Screen::Walk(_) => Context::Walk,
            Screen::Results(_) => Context::Results,
            Screen::Workshop(_) => Context::Workshop,
            Screen::Map(_) => Context::Map,
            Screen::Compare(_) => Context::Compare,
        }
    }

    pub fn has_pending_writes(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Runs a write now (after any failed ones); a failure keeps it for retrying and
    /// shows the reason.
    fn persist(&mut self, change: Change) {
        if self.read_only() {
            // Retrying cannot help: say once what this user can still do.
            let e = crate::store::StoreError::ReadOnly {
                path: self.store.path().display().to_string(),
            };
            self.status = Status::Error(e.message(self.lang));
            return;
        }
        self.pending.push(PendingWrite { change, quiet: false });
        self.retry_pending();
    }

    fn persist_quietly(&mut self, change: Change) {
        // The walk position of a user who may only read is not kept.
        if self.read_only() {
            return;
        }
        self.pending.push(PendingWrite { change, quiet: true });
        self.retry_pending();
    }

    fn read_only(&self) -> bool {
        *self.store.access() == crate::store::Access::ReadOnly
    }

    /// The changes not committed yet, taken out of the queue (for the exit path).
    pub fn take_pending(&mut self) -> Vec<Change> {
        let changes = self.pending.drain(..).map(|p| p.change).collect();
        self.sync_pending();
        changes
    }

    fn sync_pending(&self) {
        if let Ok(mut shared) = self.pending_shared.lock() {
            *shared = self.pending.iter().map(|p| p.change.clone()).collect();
        }
    }

    /// Retries failed writes in order; called on every event and on a timer while any wait.
    pub fn retry_pending(&mut self) {
        self.retry_queue();
        self.sync_pending();
    }

    fn retry_queue(&mut self) {
        while let Some(pending) = self.pending.first() {
            match pending.change.apply(&mut self.store) {
                Ok(()) => {
                    let done = self.pending.remove(0);
                    if !done.quiet || matches!(self.status, Status::Error(_)) {
                        self.status = Status::Saved;
                    }
                }
                Err(e) => {
                    if let Some(id) = self.deleted_assessment() {
                        return self.assessment_deleted(id);
                    }
                    self.status = Status::Error(format!(
                        "{} {}",
                        self.lang
                            .pick("GAGAL MENYIMPAN — akan dicoba lagi:", "SAVE FAILED — will retry:"),
                        e.message(self.lang)
                    ));
                    return;
                }
            }
        }
    }

    /// The assessment on screen, when another program has deleted it.
    fn deleted_assessment(&self) -> Option<i64> {
        let id = match &self.screen {
            Screen::Walk(walk) => walk.assessment.id,
            Screen::Results(results) => results.assessment.id,
            _ => return None,
        };
        // Only a definite answer counts: a locked database says nothing either way.
        let ids = self.store.assessment_ids().ok()?;
        (!ids.contains(&id)).then_some(id)
    }

    /// The assessment being worked on was deleted by another program: its waiting
    /// changes can never be committed. What the user typed goes to the recovery file,
    /// the screen returns to the list, and the message says both.
    fn assessment_deleted(&mut self, id: i64) {
        let changes: Vec<Change> = self.pending.drain(..).map(|p| p.change).collect();
        let mut open: Vec<Change> = Vec::new();
        if let Some(Overlay::Editor(editor)) = self.overlay.take() {
            open.push(Change::Text {
                draft: Draft {
                    target: editor.target.clone(),
                    text: editor.text(),
                },
            });
        }
        if let Ok(mut slot) = self.draft.lock() {
            *slot = None;
        }
        let kept: Vec<Change> = changes.into_iter().chain(open).filter(Change::matters).collect();
        let lang = self.lang;
        let mut message = format!(
            "{} {id} {}",
            lang.pick("Penilaian", "Assessment"),
            lang.pick("telah dihapus oleh program lain.", "was deleted by another program.")
        );
        match (&self.database, kept.is_empty()) {
            (_, true) => {}
            (Some(db), false) => match recovery::save_recovery(db, &kept) {
                Ok(path) => message.push_str(&format!(
                    " {} {}",
                    lang.pick("Yang belum tersimpan disimpan di", "What was not saved is kept in"),
                    path.display()
                )),
                Err(e) => message.push_str(&format!(
                    " {}: {e}",
                    lang.pick(
                        "Berkas pemulihan tidak dapat ditulis",
                        "The recovery file cannot be written"
                    )
                )),
            },
            (None, false) => message.push_str(lang.pick(
                " Perubahan terakhir tidak dapat disimpan.",
                " The last changes cannot be saved.",
            )),
        }
        self.go_start();
        self.status = Status::Error(message);
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

    fn paste(&mut self, text: &str) {
        if self.too_small {
            return;
        }
        match (&mut self.overlay, &mut self.screen) {
            (Some(Overlay::Editor(editor)), _) => {
                // Pasted text, newlines included, only ever goes into the text.
                let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
                editor.textarea.insert_str(normalized);
                self.sync_draft();
            }
            (Some(_), _) => {}
            (None, Screen::New(form)) => form.paste(text),
            (None, Screen::Workshop(w)) => {
                if let Some(form) = &mut w.form
                    && let Some(field) = form.fields.get_mut(form.focus)
                {
                    field.insert_str(text);
                }
            }
            (None, Screen::AddRespondent(form)) => form.paste(text),
            (None, Screen::Start(start)) if start.filtering => {
                start.filter.insert_str(text);
                start.clamp();
            }
            (None, Screen::Map(m)) if m.filtering => {
                m.filter.insert_str(text);
                m.clamp(self.lang);
            }
            (None, Screen::Start(start)) if start.link.is_some() => {
                if let Some(link) = &mut start.link {
                    link.query.insert_str(text);
                    link.highlight = 0;
                }
            }
            (None, Screen::Start(start)) if start.delete.is_some() => {
                if let Some((_, input)) = &mut start.delete {
                    input.insert_str(text);
                }
            }
            _ => {}
        }
    }

    fn key(&mut self, key: KeyEvent) {
        // A message answers the last key; the next key starts afresh. A failed write's
        // banner stays until the write succeeds.
        if matches!(self.status, Status::Info(_) | Status::Saved) {
            self.status = Status::None;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.close_editor();
            self.request_quit();
            return;
        }
        if self.too_small {
            // Nothing may change where the user cannot see it; only quitting works.
            if key.code == KeyCode::Char('q') && self.overlay.is_none() && !matches!(self.context(), Context::Form) {
                self.request_quit();
            }
            return;
        }
        match &mut self.overlay {
            Some(Overlay::Editor(_))
                if key.code == KeyCode::Char('g') && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.discard_editor();
                return;
            }
            Some(Overlay::Editor(editor)) => {
                let save = key.code == KeyCode::Esc
                    || key.code == KeyCode::F(2)
                    || (key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL));
                if save {
                    self.close_editor();
                } else {
                    editor.textarea.input(key);
                    self.sync_draft();
                }
                return;
            }
            // Both overlays scroll on short terminals; any other key closes them.
            Some(Overlay::Info | Overlay::Help | Overlay::History(_)) => {
                let scroll = self.info_scroll;
                self.info_scroll = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => scroll.saturating_add(1),
                    KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => scroll.saturating_add(10),
                    KeyCode::PageUp => scroll.saturating_sub(10),
                    _ => {
                        self.overlay = None;
                        scroll
                    }
                }
                .min(self.overlay_scroll_max.get());
                return;
            }
            None => {}
        }
        if self.text_entry_key(&key) {
            return;
        }
        if let Some(action) = action_for(self.context(), &key) {
            self.act(action);
        }
    }

    /// Keys for text fields on the start screen and the form; true when used.
    fn text_entry_key(&mut self, key: &KeyEvent) -> bool {
        let lang = self.lang;
        match &mut self.screen {
            Screen::Start(start) if start.filtering => {
                match key.code {
                    KeyCode::Enter => start.filtering = false,
                    KeyCode::Esc => {
                        start.filtering = false;
                        start.filter = input::LineInput::default();
                    }
                    KeyCode::Up | KeyCode::Down => start.move_selection(key.code == KeyCode::Down),
                    _ => {
                        start.filter.handle_key(key);
                    }
                }
                start.clamp();
                true
            }
            Screen::Start(start) if start.delete.is_some() => {
                let Some((id, typed)) = &mut start.delete else {
                    return true;
                };
                match key.code {
                    KeyCode::Esc => start.delete = None,
                    KeyCode::Enter => {
                        let id = *id;
                        let expected = start.rows.iter().find(|r| r.id == id).map(|r| r.region_name.clone());
                        // "Maluku Tengah", "maluku tengah" and "Kabupaten Maluku Tengah" all match.
                        let typed_raw = typed.text().trim().to_lowercase();
                        let typed_bare = crate::assessment::RegionKind::split_typed(typed.text())
                            .0
                            .to_lowercase();
                        // A damaged assessment has no readable name: its number is typed instead.
                        let matches = |e: &str| {
                            let e = e.trim().to_lowercase();
                            if e.is_empty() {
                                typed_raw == id.to_string()
                            } else {
                                e == typed_raw || e == typed_bare
                            }
                        };
                        if expected.as_deref().is_some_and(matches) {
                            start.delete = None;
                            match self.store.delete_assessment(id) {
                                Ok(()) => {
                                    self.status =
                                        Status::Info(lang.pick("Penilaian dihapus.", "Assessment deleted.").into())
                                }
                                Err(e) => self.status = Status::Error(e.message(lang)),
                            }
                            self.reload_start();
                        } else {
                            self.status = Status::Info(
                                lang.pick(
                                    "Nama daerah tidak cocok; tidak ada yang dihapus.",
                                    "The region name does not match; nothing was deleted.",
                                )
                                .into(),
                            );
                        }
                    }
                    _ => {
                        typed.handle_key(key);
                    }
                }
                true
            }
            Screen::Map(m) if m.filtering => {
                match key.code {
                    KeyCode::Enter => m.filtering = false,
                    KeyCode::Esc => {
                        m.filtering = false;
                        m.filter = input::LineInput::default();
                    }
                    KeyCode::Up | KeyCode::Down => m.move_selection(key.code == KeyCode::Down, lang),
                    _ => {
                        m.filter.handle_key(key);
                        m.selected = 0;
                    }
                }
                m.clamp(lang);
                true
            }
            Screen::Start(start) if start.link.is_some() => {
                let Some(link) = &mut start.link else {
                    return true;
                };
                match key.code {
                    KeyCode::Esc => start.link = None,
                    KeyCode::Up => link.highlight = link.highlight.saturating_sub(1),
                    KeyCode::Down => link.highlight = (link.highlight + 1).min(link.options().len().saturating_sub(1)),
                    KeyCode::Enter => {
                        let chosen = link.options().get(link.highlight).copied();
                        let assessment = link.assessment;
                        if let Some(official) = chosen {
                            start.link = None;
                            let linked = self
                                .store
                                .region_of(assessment)
                                .and_then(|region| self.store.link_region(region, &official.code));
                            match linked {
                                Ok(_) => {
                                    self.status = Status::Info(match lang {
                                        Lang::Id => format!("Daerah ditautkan ke {}.", official.label()),
                                        Lang::En => format!("Region linked to {}.", official.label()),
                                    })
                                }
                                Err(e) => self.status = Status::Error(e.message(lang)),
                            }
                            self.reload_start();
                        }
                    }
                    _ => {
                        link.query.handle_key(key);
                        link.highlight = 0;
                    }
                }
                true
            }
            Screen::Start(start) if start.chooser.is_some() => {
                let Some(chooser) = &mut start.chooser else {
                    return true;
                };
                match key.code {
                    KeyCode::Esc => start.chooser = None,
                    KeyCode::Up | KeyCode::Char('k') => chooser.move_selection(false),
                    KeyCode::Down | KeyCode::Char('j') => chooser.move_selection(true),
                    KeyCode::Enter => {
                        let (id, region) = (chooser.assessment, chooser.region.clone());
                        let choice = chooser.chosen().cloned();
                        start.chooser = None;
                        match choice {
                            Some(respondent::WalkChoice::NewRespondent) => {
                                self.screen =
                                    Screen::AddRespondent(Box::new(respondent::RespondentForm::new(id, region)));
                            }
                            Some(choice) => self.open_walk_as(id, &choice),
                            None => {}
                        }
                    }
                    _ => {}
                }
                true
            }
            Screen::Workshop(w) if w.form.is_some() => {
                let Some(form) = &mut w.form else {
                    return true;
                };
                let submit = key.code == KeyCode::F(2)
                    || (key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL))
                    || (key.code == KeyCode::Enter && form.is_last());
                match key.code {
                    _ if submit => self.submit_record(),
                    KeyCode::Esc => w.form = None,
                    KeyCode::Tab | KeyCode::Down | KeyCode::Enter => form.move_focus(true),
                    KeyCode::BackTab | KeyCode::Up => form.move_focus(false),
                    _ => {
                        if let Some(field) = form.fields.get_mut(form.focus) {
                            field.handle_key(key);
                        }
                        form.error = None;
                    }
                }
                true
            }
            Screen::AddRespondent(form) => {
                match action_for(Context::Form, key) {
                    Some(Action::Back) => self.go_start(),
                    Some(Action::NextPillar) => form.move_focus(true),
                    Some(Action::PrevPillar) => form.move_focus(false),
                    Some(Action::Submit) => self.submit_respondent(),
                    Some(Action::Help) => {
                        self.info_scroll = 0;
                        self.overlay_scroll_max.set(u16::MAX);
                        self.overlay = Some(Overlay::Help);
                    }
                    _ if key.code == KeyCode::Enter && form.is_last() => self.submit_respondent(),
                    _ if key.code == KeyCode::Enter => form.move_focus(true),
                    _ => form.handle_key(key),
                }
                true
            }
            Screen::New(form) => {
                let last = form.focus + 1 == form::FIELDS.len();
                match action_for(Context::Form, key) {
                    Some(Action::Back) => self.go_start(),
                    Some(Action::NextPillar) => form.move_focus(true),
                    Some(Action::PrevPillar) => form.move_focus(false),
                    Some(Action::Submit) => self.submit_form(),
                    Some(Action::Help) => {
                        self.info_scroll = 0;
                        self.overlay_scroll_max.set(u16::MAX);
                        self.overlay = Some(Overlay::Help);
                    }
                    _ if key.code == KeyCode::Enter && last => self.submit_form(),
                    _ if key.code == KeyCode::Enter && !form.field().has_list() => form.move_focus(true),
                    _ => form.handle_key(key, &self.frameworks, lang),
                }
                true
            }
            _ => false,
        }
    }

    fn act(&mut self, action: Action) {
        match action {
            Action::Quit => return self.request_quit(),
            Action::Help => {
                self.info_scroll = 0;
                self.overlay_scroll_max.set(u16::MAX);
                self.overlay = Some(Overlay::Help);
                return;
            }
            Action::ToggleLang => {
                self.lang = self.lang.toggled();
                self.relabel();
                return;
            }
            _ => {}
        }
        self.quit_warned = false;
        match self.context() {
            Context::Start => self.act_start(action),
            Context::Form => {}
            Context::Walk => self.act_walk(action),
            Context::Results => self.act_results(action),
            Context::Workshop => self.act_workshop(action),
            Context::Map => self.act_map(action),
            Context::Compare => {
                let lang = self.lang;
                match (&mut self.screen, action) {
                    (_, Action::Back) => self.go_start(),
                    (Screen::Compare(c), Action::Up | Action::Down) => c.scroll_by(action == Action::Down, lang),
                    _ => {}
                }
            }
        }
    }

    fn request_quit(&mut self) {
        self.retry_pending();
        if self.pending.is_empty() || self.quit_warned {
            self.quit = true;
        } else {
            self.quit_warned = true;
            self.status = Status::Error(
                self.lang
                    .pick(
                        "Ada perubahan yang belum tersimpan. Tekan q sekali lagi untuk keluar tanpa menyimpannya.",
                        "Some changes are not saved. Press q again to quit without them.",
                    )
                    .into(),
            );
        }
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
            Screen::Compare(_) => {}
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

    fn act_start(&mut self, action: Action) {
        let Screen::Start(start) = &mut self.screen else {
            return;
        };
        match action {
            Action::Up => start.move_selection(false),
            Action::Down => start.move_selection(true),
            Action::Filter => start.filtering = true,
            Action::Back => {
                start.filter = input::LineInput::default();
                start.clamp();
            }
            Action::NewAssessment => {
                if self.frameworks.is_empty() {
                    self.status = Status::Error(
                        self.lang
                            .pick(
                                "Tidak ada kerangka yang valid; jalankan `pmk3i validate`.",
                                "No valid framework; run `pmk3i validate`.",
                            )
                            .into(),
                    );
                } else {
                    self.status = Status::None;
                    self.screen = Screen::New(Box::new(FormState::new(
                        &self.frameworks,
                        DEFAULT_FRAMEWORK_ID,
                        &self.year,
                        self.lang,
                    )));
                }
            }
            Action::Delete => {
                if let Some(row) = start.selected_row() {
                    start.delete = Some((row.id, input::LineInput::default()));
                }
            }
            Action::Map => self.open_map(),
            Action::Compare => {
                if let Some(row) = start.selected_row().cloned() {
                    self.open_compare(&row);
                }
            }
            Action::NewPeriod(with_respondents) => {
                if let Some((id, period)) = start.selected_row().map(|r| (r.id, r.period.clone())) {
                    self.start_next_period(id, &period, with_respondents);
                }
            }
            Action::LinkRegion => {
                if let Some(row) = start.selected_row() {
                    start.link = Some(Box::new(start::RegionLink::new(row)));
                }
            }
            Action::ChooseLayer => {
                if let Some(id) = start.selected_row().map(|r| r.id) {
                    match self.store.load(id) {
                        Ok((assessment, _)) => {
                            if let Screen::Start(start) = &mut self.screen {
                                start.chooser = Some(respondent::Chooser::new(&assessment));
                            }
                        }
                        Err(e) => self.status = Status::Error(e.message(self.lang)),
                    }
                }
            }
            Action::Workshop => {
                if let Some(id) = start.selected_row().map(|r| r.id) {
                    self.open_workshop(id);
                }
            }
            Action::QuickCheck => {
                if let Some(id) = start.selected_row().map(|r| r.id) {
                    self.open_quick_check(id);
                }
            }
            Action::Choose | Action::Results => {
                if let Some(row) = start.selected_row() {
                    let (id, complete) = (row.id, row.completeness.is_some_and(|c| c >= 1.0));
                    if action == Action::Results || complete {
                        self.open_results(id, None);
                    } else {
                        self.open_walk(id, None);
                    }
                }
            }
            _ => {}
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

    /// Opens the walk of an assessment, at `slot` or where it was left.
    /// The previous period's levels and targets, for a period started from another.
    fn reference_for(&self, id: i64, framework_id: &str) -> Option<walk::Reference> {
        let previous = self.store.previous_of(id).ok().flatten()?;
        let (assessment, json) = self.store.load(previous).ok()?;
        let framework = snapshot_framework(&json).ok()?;
        Some(walk::Reference::build(&assessment, &framework, framework_id))
    }

    pub fn open_walk(&mut self, id: i64, slot: Option<&SlotKey>) {
        if let Some((assessment, framework)) = self.load_assessment(id) {
            let mut walk = WalkState::new(assessment, framework);
            walk.previous = self.reference_for(id, &walk.framework.id);
            if let Some(slot) = slot {
                walk.go_to(slot);
            }
            self.screen = Screen::Walk(Box::new(walk));
            self.save_cursor();
        }
    }

    /// Opens the quick self-check of an assessment, as the respondent the walk would
    /// open with (the consensus and verification walks have no quick check).
    pub fn open_quick_check(&mut self, id: i64) {
        let lang = self.lang;
        let Some((assessment, framework)) = self.load_assessment(id) else {
            return;
        };
        let mut walk = WalkState::new(assessment, framework);
        if !matches!(walk.layer, Layer::Respondent(_)) {
            walk.layer = Layer::Respondent(
                walk.assessment
                    .respondents
                    .iter()
                    .position(|r| r.actor != crate::scoring::ASSESSOR)
                    .unwrap_or(0),
            );
        }
        if walk.respondent_id().is_none() {
            self.status = no_respondent(lang);
            return;
        }
        if walk.quick.is_none() && !walk.set_quick(true) {
            self.status = Status::Info(no_quick_check(&walk, lang));
            return;
        }
        if walk.slot().as_ref().is_some_and(|s| walk.is_answered(s)) {
            walk.go_to_first_unanswered();
        }
        self.status = Status::Info(quick_switched(&walk, lang));
        self.screen = Screen::Walk(Box::new(walk));
        self.save_cursor();
    }

    /// Opens the walk as a chosen respondent, or in the consensus or verification layer.
    pub fn open_walk_as(&mut self, id: i64, choice: &respondent::WalkChoice) {
        let Some((assessment, framework)) = self.load_assessment(id) else {
            return;
        };
        let mut walk = WalkState::new(assessment, framework);
        walk.previous = self.reference_for(id, &walk.framework.id);
        walk.layer = match choice {
            respondent::WalkChoice::Respondent { id, .. } => {
                match walk.assessment.respondents.iter().position(|r| r.id == *id) {
                    Some(i) => Layer::Respondent(i),
                    None => return,
                }
            }
            respondent::WalkChoice::Agreed(kind) => Layer::Agreed(*kind),
            respondent::WalkChoice::NewRespondent => return,
        };
        // The saved position belongs to whoever walked last; someone else starts at
        // their own first unanswered indicator.
        if walk.assessment.cursor_mode.as_deref() != Some(walk.layer.key(&walk.assessment).as_str()) {
            walk.go_to_first_unanswered();
        }
        walk.sync_highlight();
        self.screen = Screen::Walk(Box::new(walk));
        self.save_cursor();
    }

    fn submit_respondent(&mut self) {
        let lang = self.lang;
        let Screen::AddRespondent(form) = &mut self.screen else {
            return;
        };
        let Some((name, organisation, actor)) = form.validate(lang) else {
            return;
        };
        let assessment = form.assessment;
        match self.store.add_respondent(assessment, &name, actor, &organisation) {
            Ok(id) => {
                self.status = Status::Saved;
                self.open_walk_as(
                    assessment,
                    &respondent::WalkChoice::Respondent {
                        id,
                        label: String::new(),
                    },
                );
                if let Screen::Walk(walk) = &mut self.screen {
                    // A new respondent starts at the first indicator.
                    walk.entry = 0;
                    walk.position = 0;
                    walk.sync_highlight();
                }
                self.save_cursor();
            }
            Err(e) => self.status = Status::Error(e.message(lang)),
        }
    }

    pub fn open_results(&mut self, id: i64, back_to_walk: Option<SlotKey>) {
        if let Some((assessment, framework)) = self.load_assessment(id) {
            self.screen = Screen::Results(Box::new(ResultsState::new(assessment, framework, back_to_walk)));
        }
    }

    fn submit_form(&mut self) {
        let lang = self.lang;
        let Screen::New(form) = &mut self.screen else {
            return;
        };
        let Some((framework_id, new)) = form.validate(lang) else {
            return;
        };
        let Some(framework) = self.frameworks.iter().find(|f| f.framework.id == framework_id) else {
            return;
        };
        // The same region, period and framework again is asked about first.
        let key = format!(
            "{}|{}|{}|{}|{}",
            new.region.name.trim().to_lowercase(),
            new.region.kind.as_str(),
            new.region.province.trim().to_lowercase(),
            new.period.trim().to_lowercase(),
            framework_id
        );
        if self.confirm_duplicate.as_deref() != Some(key.as_str()) {
            let existing = crate::overview::overviews(&self.store, lang).ok().and_then(|rows| {
                rows.into_iter().find(|r| {
                    r.region_name.trim().to_lowercase() == new.region.name.trim().to_lowercase()
                        && r.kind == new.region.kind
                        && r.province.trim().to_lowercase() == new.region.province.trim().to_lowercase()
                        && r.period.trim().to_lowercase() == new.period.trim().to_lowercase()
                        && r.framework_id == framework_id
                })
            });
            if let Some(row) = existing {
                self.confirm_duplicate = Some(key);
                self.status = Status::Error(format!(
                    "{} {} · {} · {} (ID {}). {}",
                    lang.pick("Sudah ada penilaian", "There already is an assessment"),
                    row.region,
                    row.period,
                    row.framework_id,
                    row.id,
                    lang.pick(
                        "Tekan Ctrl-S sekali lagi untuk tetap membuat yang kedua, atau Esc untuk batal.",
                        "Press Ctrl-S again to create a second one anyway, or Esc to cancel.",
                    )
                ));
                return;
            }
        }
        self.confirm_duplicate = None;
        match self.store.create_assessment(framework, &new) {
            Ok(id) => {
                self.status = Status::Saved;
                self.open_walk(id, None);
            }
            Err(e) => self.status = Status::Error(e.message(lang)),
        }
    }

    fn save_cursor(&mut self) {
        if let Screen::Walk(walk) = &self.screen
            && let Some(slot) = walk.slot()
        {
            let id = walk.assessment.id;
            let mode = walk.mode_key();
            self.persist_quietly(Change::Cursor {
                assessment: id,
                slot,
                mode,
            });
        }
    }

    fn act_walk(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        let mut moved = false;
        match action {
            Action::Up => walk.move_highlight(false),
            Action::Down => walk.move_highlight(true),
            Action::Next => moved = walk.next_indicator(),
            Action::Prev => moved = walk.prev_indicator(),
            Action::NextPillar => {
                walk.next_pillar();
                moved = true;
            }
            Action::PrevPillar => {
                walk.prev_pillar();
                moved = true;
            }
            Action::NextUnanswered => {
                moved = walk.next_unanswered();
                if !moved {
                    self.status = Status::Info(
                        lang.pick(
                            "Semua indikator sudah dijawab — tekan r untuk hasil.",
                            "Every indicator is answered — press r for results.",
                        )
                        .into(),
                    );
                }
            }
            Action::Choose => {
                let value = walk
                    .highlight
                    .and_then(|h| walk.framework.scale.get(h))
                    .map(|s| s.value);
                match value {
                    Some(v) => self.answer(Some(v), false),
                    None => {
                        let (min, max) = walk.framework.scale_range();
                        self.status = Status::Info(match lang {
                            Lang::Id => {
                                format!("Belum ada tingkat yang disorot: ketik {min}–{max}, atau ↑/↓ lalu Enter.")
                            }
                            Lang::En => format!("No level is highlighted: type {min}–{max}, or ↑/↓ then Enter."),
                        });
                    }
                }
                return;
            }
            Action::Level(n) => {
                if walk.framework.scale.iter().any(|s| s.value == i64::from(n)) {
                    self.answer(Some(i64::from(n)), false);
                } else {
                    self.status = Status::Info(format!(
                        "{} {n}",
                        lang.pick(
                            "Skala kerangka ini tidak punya tingkat",
                            "This framework's scale has no level"
                        )
                    ));
                }
                return;
            }
            Action::NotApplicable => {
                if walk.indicator().is_some_and(|i| i.allow_na) {
                    self.answer(None, true);
                } else {
                    self.status = Status::Info(
                        lang.pick(
                            "Indikator ini wajib dinilai (N/A tidak diizinkan).",
                            "This indicator must be rated (N/A is not allowed).",
                        )
                        .into(),
                    );
                }
                return;
            }
            Action::ClearAnswer => return self.clear_answer(),
            Action::NextFlagged => {
                moved = walk.next_flagged();
                if !moved {
                    self.status = Status::Info(
                        lang.pick(
                            "Tidak ada indikator dengan selisih persepsi ⚠ (2 tingkat atau lebih).",
                            "No indicator has a ⚠ perception gap (2 levels or more).",
                        )
                        .into(),
                    );
                }
            }
            Action::EditDissent => return self.open_dissent_editor(),
            Action::CycleStatus => {
                let id = walk.assessment.id;
                match walk.cycle_status() {
                    Some((slot, status)) => {
                        self.persist(Change::VerifyStatus {
                            assessment: id,
                            slot,
                            status,
                        });
                        if self.pending.is_empty() {
                            let label = status
                                .map(|s| s.label(lang))
                                .unwrap_or_else(|| lang.pick("tanpa status", "no status"));
                            self.status = Status::Info(format!("{} {label} ✓", lang.pick("Status:", "Status:")));
                        }
                    }
                    None => {
                        self.status = Status::Info(
                            lang.pick(
                                "Status verifikasi dicatat di walk verifikasi (uji petik).",
                                "The verification status is recorded in the verification walk (uji petik).",
                            )
                            .into(),
                        )
                    }
                }
                return;
            }
            Action::EditNote | Action::EditEvidence => return self.open_answer_editor(action == Action::EditEvidence),
            Action::EditBestPractice => return self.open_pillar_editor(TextKind::BestPractice),
            Action::EditProblems => return self.open_pillar_editor(TextKind::Problem),
            Action::Info => {
                self.info_scroll = 0;
                self.overlay_scroll_max.set(u16::MAX);
                self.overlay = Some(Overlay::Info);
                return;
            }
            Action::History => {
                let Some(indicator) = walk.indicator().map(|i| i.id.clone()) else {
                    return;
                };
                match self.store.history(walk.assessment.id, Some(&indicator), None) {
                    Ok(changes) => {
                        self.info_scroll = 0;
                        self.overlay_scroll_max.set(u16::MAX);
                        self.overlay = Some(Overlay::History(changes));
                    }
                    Err(e) => self.status = Status::Error(e.message(lang)),
                }
                return;
            }
            Action::Results => {
                let (id, slot) = (walk.assessment.id, walk.slot());
                return self.open_results(id, slot);
            }
            Action::QuickCheck => {
                let to_quick = walk.quick.is_none();
                if walk.set_quick(to_quick) {
                    self.status = Status::Info(quick_switched(walk, lang));
                    moved = true;
                } else {
                    self.status = Status::Info(no_quick_check(walk, lang));
                }
            }
            Action::Back => return self.go_start(),
            _ => {}
        }
        if moved {
            self.save_cursor();
        }
    }

    /// Records the answer in the walk's layer (the respondent's, the consensus or the
    /// verified level), then moves on.
    fn answer(&mut self, level: Option<i64>, na: bool) {
        let lang = self.lang;
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        let Some(slot) = walk.slot() else {
            return;
        };
        let id = walk.assessment.id;
        let Some(write) = record_in_layer(walk, &slot, level, na) else {
            self.status = no_respondent(lang);
            return;
        };
        let mut writes = vec![write];
        let advanced = walk.next_indicator();
        if !advanced {
            // At the last indicator the walk stays: the highlight follows the answer.
            walk.sync_highlight();
        }
        let (answered, total) = walk.total_progress();
        let (full_answered, full_total) = walk.full_progress();
        let quick = walk.quick.is_some();
        let self_assessment = matches!(walk.layer, Layer::Respondent(_));
        if self_assessment && full_answered == full_total && walk.assessment.status != "complete" {
            walk.assessment.status = "complete".into();
            writes.push(Change::Status {
                assessment: id,
                status: "complete".into(),
            });
        }
        for w in writes {
            self.persist(w);
        }
        if advanced {
            self.save_cursor();
        } else if !self.pending.is_empty() {
            // The red banner of a failed write stays; never claim "saved" over it.
        } else if quick && answered == total {
            self.status = Status::Info(
                lang.pick(
                    "Tersimpan ✓ — cek cepat selesai. Tekan r untuk hasil; c melanjutkan borang lengkap.",
                    "Saved ✓ — quick check done. Press r for results; c continues the full borang.",
                )
                .into(),
            );
        } else if answered == total {
            self.status = Status::Info(
                lang.pick(
                    "Tersimpan ✓ — semua indikator terjawab. Tekan r untuk hasil.",
                    "Saved ✓ — every indicator answered. Press r for results.",
                )
                .into(),
            );
        } else {
            self.status = Status::Info(
                lang.pick(
                    "Tersimpan ✓ — indikator terakhir. Tekan g ke yang belum dijawab.",
                    "Saved ✓ — last indicator. Press g for the unanswered ones.",
                )
                .into(),
            );
        }
    }

    /// Removes the level or N/A of the current indicator in the walk's layer; the walk
    /// stays where it is and notes are kept.
    fn clear_answer(&mut self) {
        let lang = self.lang;
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        let Some(slot) = walk.slot() else {
            return;
        };
        if !walk.is_answered(&slot) {
            return;
        }
        let id = walk.assessment.id;
        let Some(write) = record_in_layer(walk, &slot, None, false) else {
            self.status = no_respondent(lang);
            return;
        };
        self.persist(write);
        if let Screen::Walk(walk) = &mut self.screen
            && matches!(walk.layer, Layer::Respondent(_))
            && walk.assessment.status == "complete"
        {
            // Not every indicator is answered any more.
            walk.assessment.status = "draft".into();
            self.persist(Change::Status {
                assessment: id,
                status: "draft".into(),
            });
        }
        if self.pending.is_empty() {
            self.status = Status::Info(lang.pick("Jawaban dihapus ✓", "Answer cleared ✓").into());
        }
    }

    fn open_answer_editor(&mut self, evidence: bool) {
        let lang = self.lang;
        let Screen::Walk(walk) = &self.screen else {
            return;
        };
        let Some(slot) = walk.slot() else {
            return;
        };
        let current = walk
            .answer(&slot)
            .map(|a| if evidence { a.evidence } else { a.note })
            .unwrap_or_default();
        let assessment = walk.assessment.id;
        let (title, target) = match (walk.layer, walk.respondent_id(), evidence) {
            (Layer::Respondent(_), Some(respondent), true) => (
                lang.pick("Bukti dukung (rujukan)", "Evidence reference"),
                DraftTarget::Evidence { respondent, slot },
            ),
            (Layer::Respondent(_), Some(respondent), false) => {
                (lang.pick("Catatan", "Note"), DraftTarget::Note { respondent, slot })
            }
            // Agreed levels have their own note and their own evidence.
            (Layer::Agreed(kind), _, false) => {
                let title = match kind {
                    AgreedKind::Consensus => lang.pick("Catatan konsensus", "Consensus note"),
                    AgreedKind::Verified => lang.pick("Catatan verifikasi", "Verification note"),
                };
                (title, DraftTarget::AgreedNote { assessment, kind, slot })
            }
            (Layer::Agreed(kind), _, true) => {
                let title = match kind {
                    AgreedKind::Consensus => {
                        lang.pick("Bukti yang dibahas (konsensus)", "Evidence discussed (consensus)")
                    }
                    AgreedKind::Verified => lang.pick("Bukti yang dilihat (uji petik)", "Evidence seen (uji petik)"),
                };
                (title, DraftTarget::AgreedEvidence { assessment, kind, slot })
            }
            (Layer::Respondent(_), None, _) => return,
        };
        self.open_editor(title.to_string(), target, &current);
    }

    fn open_pillar_editor(&mut self, kind: TextKind) {
        let lang = self.lang;
        let Screen::Walk(walk) = &self.screen else {
            return;
        };
        let Some(entry) = walk.current_entry() else {
            return;
        };
        let Some(pillar) = walk.framework.pillars.get(entry.pillar) else {
            return;
        };
        let current = walk
            .assessment
            .pillar_text(&pillar.id, entry.subsector.as_deref(), kind)
            .to_string();
        let what = match kind {
            TextKind::BestPractice => lang.pick("Praktik baik", "Best practices"),
            TextKind::Problem => lang.pick("Permasalahan", "Problems"),
        };
        // Named by pillar and subsector, where the text is stored.
        let title = match &entry.subsector {
            Some(sub) => format!(
                "{what} — {} · {}",
                pillar.title.get(lang),
                walk.framework.subsector_label(sub, lang)
            ),
            None => format!("{what} — {}", pillar.title.get(lang)),
        };
        let target = DraftTarget::PillarText {
            assessment: walk.assessment.id,
            pillar: pillar.id.clone(),
            subsector: entry.subsector.clone(),
            kind,
        };
        self.open_editor(title, target, &current);
    }

    fn open_editor(&mut self, title: String, target: DraftTarget, text: &str) {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        self.overlay = Some(Overlay::Editor(Box::new(Editor {
            title,
            target,
            textarea,
            original: text.to_string(),
        })));
        self.sync_draft();
    }

    /// Mirrors the editor's text into the shared draft for the signal thread; an
    /// unchanged text is no draft (a hang-up then writes nothing, as Esc does).
    fn sync_draft(&self) {
        if let Some(Overlay::Editor(editor)) = &self.overlay
            && let Ok(mut slot) = self.draft.lock()
        {
            let text = editor.text();
            let as_opened = editor.original.lines().collect::<Vec<_>>().join("\n");
            *slot = (text != editor.original && text != as_opened).then(|| Draft {
                target: editor.target.clone(),
                text,
            });
        }
    }

    /// Closes the editor without saving (Ctrl-G): what was stored before stays.
    fn discard_editor(&mut self) {
        if !matches!(self.overlay, Some(Overlay::Editor(_))) {
            return;
        }
        self.overlay = None;
        if let Ok(mut slot) = self.draft.lock() {
            *slot = None;
        }
        self.status = Status::Info(
            self.lang
                .pick(
                    "Perubahan teks dibuang; yang tersimpan tetap.",
                    "Changes discarded; what was saved stays.",
                )
                .into(),
        );
    }

    /// Saves and closes the editor.
    fn close_editor(&mut self) {
        let Some(Overlay::Editor(editor)) = self.overlay.take() else {
            return;
        };
        let draft = Draft {
            target: editor.target.clone(),
            text: editor.text(),
        };
        // The editor holds the original split into lines: compare with it seen that way too.
        let as_opened = editor.original.lines().collect::<Vec<_>>().join("\n");
        if draft.text == editor.original || draft.text == as_opened {
            // Opened and closed without a change: nothing is written, no row appears.
            if let Ok(mut slot) = self.draft.lock() {
                *slot = None;
            }
            return;
        }
        if let Screen::Walk(walk) = &mut self.screen {
            match &draft.target {
                DraftTarget::Note { slot, .. } | DraftTarget::AgreedNote { slot, .. } => {
                    walk.remember(slot, |a| a.note = draft.text.clone())
                }
                DraftTarget::Evidence { slot, .. } | DraftTarget::AgreedEvidence { slot, .. } => {
                    walk.remember(slot, |a| a.evidence = draft.text.clone())
                }
                DraftTarget::AgreedDissent { slot, .. } => walk.remember_dissent(slot, &draft.text),
                DraftTarget::PillarText {
                    pillar,
                    subsector,
                    kind,
                    ..
                } => {
                    let texts = &mut walk.assessment.pillar_texts;
                    match texts
                        .iter_mut()
                        .find(|t| &t.pillar == pillar && &t.subsector == subsector && t.kind == *kind)
                    {
                        Some(t) => t.body = draft.text.clone(),
                        None => texts.push(crate::assessment::PillarText {
                            pillar: pillar.clone(),
                            subsector: subsector.clone(),
                            kind: *kind,
                            body: draft.text.clone(),
                        }),
                    }
                }
            }
        }
        self.persist(Change::Text { draft });
        // The signal thread keeps the draft until it is committed: a hang-up between
        // closing and committing must still find it.
        if self.pending.is_empty()
            && let Ok(mut slot) = self.draft.lock()
        {
            *slot = None;
        }
    }

    /// Year two from the list: the next year's period ("2026" → "2027", "2026-S1" →
    /// "2027-S1"), then the walk when respondents were copied, else the list with what
    /// to do next.
    fn start_next_period(&mut self, id: i64, period: &str, with_respondents: bool) {
        let lang = self.lang;
        let Some(next) = next_period(period) else {
            self.status = Status::Info(match lang {
                Lang::Id => format!(
                    "Periode \"{period}\" tidak memuat tahun; buat periode baru dengan `pmk3i new-period {id} --period P`."
                ),
                Lang::En => format!(
                    "Period \"{period}\" has no year; create the new one with `pmk3i new-period {id} --period P`."
                ),
            });
            return;
        };
        let framework = match self.store.load(id) {
            Ok((a, json)) => match self.frameworks.iter().find(|f| f.framework.id == a.framework_id) {
                Some(f) => Ok(f.clone()),
                None => LoadedFramework::from_text(
                    "framework snapshot",
                    &json,
                    crate::framework::Origin::Bundled("snapshot"),
                )
                .map_err(|_| {
                    lang.pick(
                        "Kerangka penilaian ini tidak dimuat dan salinannya rusak.",
                        "This assessment's framework is not loaded and its copy is damaged.",
                    )
                    .to_string()
                }),
            },
            Err(e) => Err(e.message(lang)),
        };
        let created = framework.and_then(|fw| {
            self.store
                .new_period(id, &fw, &next, with_respondents)
                .map_err(|e| e.message(lang))
        });
        match created {
            Ok(new) if with_respondents => {
                self.open_walk(new, None);
                self.status = Status::Info(match lang {
                    Lang::Id => {
                        format!("Periode {next} dibuat; tingkat dan target periode {period} tampil sebagai acuan.")
                    }
                    Lang::En => format!("Period {next} created; the {period} levels and targets show as reference."),
                });
            }
            Ok(_) => {
                self.reload_start();
                self.status = Status::Info(match lang {
                    Lang::Id => format!("Periode {next} dibuat (tanpa responden): tekan a untuk menambah responden."),
                    Lang::En => format!("Period {next} created (no respondents): press a to add one."),
                });
            }
            Err(m) => self.status = Status::Error(m),
        }
    }

    /// The earlier assessment of the row's region: the one it was started from, else
    /// the latest earlier period of the same region and framework.
    fn earlier_of(&self, row: &crate::overview::Overview) -> Option<i64> {
        if let Ok(Some(previous)) = self.store.previous_of(row.id) {
            return Some(previous);
        }
        let Screen::Start(start) = &self.screen else {
            return None;
        };
        let same = |o: &crate::overview::Overview| match (&o.region_code, &row.region_code) {
            (Some(a), Some(b)) => a == b,
            (None, None) => {
                crate::regions::fold(&o.region_name) == crate::regions::fold(&row.region_name)
                    && o.kind == row.kind
                    && crate::regions::fold(&o.province) == crate::regions::fold(&row.province)
            }
            _ => false,
        };
        start
            .rows
            .iter()
            .filter(|o| o.id != row.id && same(o) && o.framework_id == row.framework_id && o.period < row.period)
            .max_by(|a, b| (&a.period, &a.updated_at).cmp(&(&b.period, &b.updated_at)))
            .map(|o| o.id)
    }

    fn open_compare(&mut self, row: &crate::overview::Overview) {
        let lang = self.lang;
        let Some(earlier) = self.earlier_of(row) else {
            self.status = Status::Info(match lang {
                Lang::Id => format!("{} belum punya penilaian periode sebelum {}.", row.region, row.period),
                Lang::En => format!("{} has no assessment of a period before {}.", row.region, row.period),
            });
            return;
        };
        let Some((before, fw_before)) = self.load_assessment(earlier) else {
            return;
        };
        let Some((after, fw_after)) = self.load_assessment(row.id) else {
            return;
        };
        let comparison = crate::compare::compare(&fw_before, &before, &fw_after, &after, lang);
        self.screen = Screen::Compare(Box::new(compare::CompareState::new(comparison)));
    }

    fn open_dissent_editor(&mut self) {
        let lang = self.lang;
        let Screen::Walk(walk) = &self.screen else {
            return;
        };
        if walk.layer != Layer::Agreed(AgreedKind::Consensus) {
            self.status = Status::Info(
                lang.pick(
                    "Ketidaksepakatan dicatat di walk konsensus (DKT).",
                    "A dissent is recorded in the consensus walk (DKT).",
                )
                .into(),
            );
            return;
        }
        let Some(slot) = walk.slot() else {
            return;
        };
        let current = walk.dissent(&slot);
        let target = DraftTarget::AgreedDissent {
            assessment: walk.assessment.id,
            slot,
        };
        let title = lang.pick(
            "Tidak sepakat (mis. \"Komunitas tidak sepakat: …\")",
            "Dissent (e.g. \"Community disagrees: …\")",
        );
        self.open_editor(title.to_string(), target, &current);
    }

    /// Opens the workshop screen of an assessment.
    pub fn open_workshop(&mut self, id: i64) {
        if let Some((assessment, framework)) = self.load_assessment(id) {
            self.screen = Screen::Workshop(Box::new(agenda::WorkshopState::new(assessment, framework, self.lang)));
        }
    }

    fn write_berita_acara(&mut self, framework: &Framework, assessment: &Assessment) {
        let lang = self.lang;
        let safe: String = assessment
            .region
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let period: String = assessment
            .period
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let name = format!(
            "berita-acara-{}-{}-{}.html",
            assessment.id,
            safe.trim_matches('-'),
            period
        );
        let path = self.report_dir.join(name);
        let moved = crate::report::berita_acara::levels_moved(&self.store, assessment);
        match crate::report::berita_acara_html(framework, assessment, moved.as_deref(), lang) {
            Ok(html) => match crate::private_file::write_private(&path, html.as_bytes()) {
                Ok(()) => {
                    self.status = Status::Info(format!(
                        "{} {} · {} {}",
                        lang.pick("Berita acara ditulis:", "Berita acara written:"),
                        path.display(),
                        lang.pick("sidik jari", "fingerprint"),
                        &crate::workshop::fingerprint(assessment)[..16]
                    ))
                }
                Err(e) => self.status = Status::Error(format!("{}: {e}", path.display())),
            },
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }

    fn act_workshop(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Workshop(w) = &mut self.screen else {
            return;
        };
        match action {
            Action::NextPillar => w.next_tab(true),
            Action::PrevPillar => w.next_tab(false),
            Action::Up => w.move_selection(false),
            Action::Down => w.move_selection(true),
            Action::Back => {
                let id = w.assessment.id;
                self.open_results(id, None);
            }
            Action::Choose => {
                if let Some((kind, slot)) = w.selected_slot() {
                    let id = w.assessment.id;
                    self.open_walk_as(id, &respondent::WalkChoice::Agreed(kind));
                    if let Screen::Walk(walk) = &mut self.screen {
                        walk.go_to(&slot);
                    }
                    self.save_cursor();
                }
            }
            Action::AddRecord => w.open_form(false, lang),
            Action::EditRecord => w.open_form(true, lang),
            Action::EditPulled if w.tab() == agenda::WTab::Profile => w.open_profile(lang),
            Action::EditPulled => w.open_pulled(lang),
            Action::RemoveRecord => {
                use agenda::WTab;
                let (tab, sel) = (w.tab, w.selected);
                if w.rows() == 0
                    || !matches!(
                        w.tab(),
                        WTab::Session | WTab::Visits | WTab::Commitments | WTab::Profile
                    )
                {
                    return;
                }
                if w.confirm_remove != Some((tab, sel)) {
                    w.confirm_remove = Some((tab, sel));
                    let text = match (w.tab(), w.assessment.respondents.get(sel)) {
                        (WTab::Profile, Some(r)) => format!(
                            "{} {} ({}) {}",
                            lang.pick("Hapus responden", "Remove respondent"),
                            r.name,
                            r.actor,
                            lang.pick(
                                "beserta semua jawabannya? Tekan Del sekali lagi untuk menghapus.",
                                "with all their answers? Press Del again to remove.",
                            )
                        ),
                        _ => lang
                            .pick(
                                "Tekan Del sekali lagi untuk menghapus baris ini.",
                                "Press Del again to remove this row.",
                            )
                            .into(),
                    };
                    self.status = Status::Info(text);
                    return;
                }
                w.confirm_remove = None;
                let id = w.assessment.id;
                let tab = w.tab();
                let ws = &mut w.assessment.workshop;
                let write = match tab {
                    WTab::Session => {
                        ws.attendance.remove(sel);
                        Change::Attendance {
                            assessment: id,
                            list: ws.attendance.clone(),
                        }
                    }
                    WTab::Visits => {
                        ws.visits.remove(sel);
                        Change::Visits {
                            assessment: id,
                            list: ws.visits.clone(),
                        }
                    }
                    WTab::Commitments => {
                        ws.commitments.remove(sel);
                        Change::Commitments {
                            assessment: id,
                            list: ws.commitments.clone(),
                        }
                    }
                    _ => {
                        let respondent = w.assessment.respondents.remove(sel).id;
                        Change::RemoveRespondent {
                            assessment: id,
                            respondent,
                        }
                    }
                };
                w.refresh(lang);
                self.persist(write);
            }
            Action::BeritaAcara => {
                let (framework, assessment) = (w.framework.clone(), w.assessment.clone());
                self.write_berita_acara(&framework, &assessment);
            }
            _ => {}
        }
    }

    /// Opens the national map from the store summary.
    pub fn open_map(&mut self) {
        match map::MapState::load(&self.store, self.lang) {
            Ok(state) => {
                // Keep the sort and filter when the map is rebuilt (after `L`).
                let state = match &self.screen {
                    Screen::Map(old) => map::MapState {
                        sort: old.sort.min(state.column_count().saturating_sub(1)),
                        descending: old.descending,
                        filter: old.filter.clone(),
                        show_provinces: old.show_provinces,
                        ..state
                    },
                    _ => state,
                };
                self.screen = Screen::Map(Box::new(state));
            }
            Err(e) => self.status = Status::Error(e.message(self.lang)),
        }
    }

    fn act_map(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Map(m) = &mut self.screen else {
            return;
        };
        match action {
            Action::Up => m.move_selection(false, lang),
            Action::Down => m.move_selection(true, lang),
            Action::SortNext => m.next_sort(),
            Action::SortReverse => m.reverse_sort(),
            Action::Filter => m.filtering = true,
            Action::ToggleProvinces => m.show_provinces = !m.show_provinces,
            Action::Back => self.go_start(),
            Action::Choose => match m.selected_row(lang).map(|r| (r.assessment, r.region.clone())) {
                Some((Some(id), _)) => self.open_results(id, None),
                Some((None, region)) => {
                    self.status = Status::Info(match lang {
                        Lang::Id => format!("{region} belum dinilai."),
                        Lang::En => format!("{region} has not been assessed yet."),
                    })
                }
                None => {}
            },
            _ => {}
        }
    }

    /// Saves the workshop screen's form: the in-memory record first, then one store write.
    fn submit_record(&mut self) {
        let lang = self.lang;
        let Screen::Workshop(w) = &mut self.screen else {
            return;
        };
        let Some(target) = w.form.as_ref().map(|f| f.target.clone()) else {
            return;
        };
        if let Err(message) = agenda::apply_form(w, lang) {
            if let Some(form) = &mut w.form {
                form.error = Some(message);
            }
            return;
        }
        w.form = None;
        let id = w.assessment.id;
        let ws = &mut w.assessment.workshop;
        let mut writes: Vec<Change> = Vec::new();
        match target {
            agenda::RecordTarget::Session => {
                writes.push(Change::DktSession {
                    assessment: id,
                    session: ws.session.clone(),
                });
                // The respondents are preselected on the attendance list.
                if ws.attendance.is_empty() {
                    let preselected = agenda::attendance_from_respondents(&w.assessment);
                    w.assessment.workshop.attendance = preselected;
                    let list = w.assessment.workshop.attendance.clone();
                    if !list.is_empty() {
                        writes.push(Change::Attendance { assessment: id, list });
                    }
                }
            }
            agenda::RecordTarget::Attendee(_) => {
                writes.push(Change::Attendance {
                    assessment: id,
                    list: ws.attendance.clone(),
                });
            }
            agenda::RecordTarget::Visit(_) => {
                writes.push(Change::Visits {
                    assessment: id,
                    list: ws.visits.clone(),
                });
            }
            agenda::RecordTarget::Commitment(_) => {
                writes.push(Change::Commitments {
                    assessment: id,
                    list: ws.commitments.clone(),
                });
            }
            agenda::RecordTarget::Pulled => {
                writes.push(Change::Pulled {
                    assessment: id,
                    list: ws.pulled.clone(),
                });
            }
            agenda::RecordTarget::Profile => {
                let a = &w.assessment;
                writes.push(Change::Profile {
                    assessment: id,
                    region: a.region.clone(),
                    period: a.period.clone(),
                    candidates: a.candidates.clone(),
                });
            }
            agenda::RecordTarget::Respondent(i) => {
                if let Some(r) = w.assessment.respondents.get(i) {
                    writes.push(Change::Respondent {
                        respondent: r.id,
                        name: r.name.clone(),
                        organisation: r.organisation.clone(),
                        actor: r.actor.clone(),
                    });
                }
            }
        }
        w.refresh(lang);
        for write in writes {
            self.persist(write);
        }
    }

    fn act_results(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Results(results) = &mut self.screen else {
            return;
        };
        // Only a `w` right after the question overwrites.
        let confirmed = results.confirm_overwrite.take().is_some() && action == Action::Report;
        match action {
            Action::Back => {
                let id = results.assessment.id;
                match results.back_to_walk.clone() {
                    Some(slot) => self.open_walk(id, Some(&slot)),
                    None => self.go_start(),
                }
            }
            Action::Choose => {
                if let Some(slot) = results.selected_slot() {
                    let id = results.assessment.id;
                    self.open_walk(id, Some(&slot));
                }
            }
            Action::ChooseFlagship => {
                if let Some(flagship) = results.toggle_flagship(lang) {
                    let id = results.assessment.id;
                    self.persist(Change::Flagship {
                        assessment: id,
                        flagship,
                    });
                }
            }
            Action::TargetUp | Action::TargetDown => {
                if let Some((slot, level)) = results.change_target(action == Action::TargetUp, lang) {
                    let id = results.assessment.id;
                    self.persist(Change::Target {
                        assessment: id,
                        slot,
                        level,
                    });
                }
            }
            Action::Workshop => {
                let id = results.assessment.id;
                self.open_workshop(id);
            }
            Action::BeritaAcara => {
                let (framework, assessment) = (results.framework.clone(), results.assessment.clone());
                self.write_berita_acara(&framework, &assessment);
            }
            Action::Report => {
                let path = self.report_dir.join(results.report_file_name());
                if path.exists() && !confirmed {
                    self.status = Status::Info(format!(
                        "{} {} — {}",
                        lang.pick("Berkas sudah ada:", "The file exists:"),
                        path.display(),
                        lang.pick(
                            "tekan w lagi untuk menimpanya, tombol lain batal.",
                            "press w again to overwrite it, any other key cancels."
                        )
                    ));
                    results.confirm_overwrite = Some(path);
                    return;
                }
                let mut assessment = results.assessment.clone();
                assessment.drop_empty_records();
                match crate::report::html(&results.framework, &assessment, lang) {
                    Ok(html) => match crate::private_file::write_private(&path, html.as_bytes()) {
                        Ok(()) => {
                            self.status = Status::Info(format!(
                                "{} {}",
                                lang.pick("Laporan ditulis:", "Report written:"),
                                path.display()
                            ))
                        }
                        Err(e) => self.status = Status::Error(format!("{}: {e}", path.display())),
                    },
                    Err(e) => self.status = Status::Error(e.to_string()),
                }
            }
            other => results.act(other, lang),
        }
    }
}
