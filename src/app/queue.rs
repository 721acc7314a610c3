//! The write queue: every store write of the TUI is a [`Change`] committed here, in
//! order, after any that failed; a failure keeps it for retrying and shows why. The
//! walk's position is written quietly, and only the newest position of a walk waits.

use super::draft::Draft;
use super::recovery::{self, Change};
use super::{Overlay, Screen, Status};
use crate::assessment::AgreedKind;
use crate::scoring::SlotKey;

/// What an update asks of the queue, as plain values: writes to commit, and what to
/// say once they are in.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// A change the user made: "Tersimpan ✓" once it is committed.
    Write(Change),
    /// The walk's position: committed quietly; only the newest of a walk waits.
    Position(Change),
    /// A message for the line above the footer, shown only when every write went
    /// in: a failed write's red banner is never covered by it.
    Say(String),
    /// Another screen, after the writes.
    Go(Go),
    /// A new assessment, respondent or period: done once, now, and the screen follows
    /// it (the walk of what was created). See [`Create`] for why it is not queued.
    Create(Create),
    /// Deletes an assessment with everything in it (after its name was typed). Done
    /// once, now, never queued: a deletion the user confirmed must not happen later,
    /// unseen, while they do something else; when the database refuses it, the red
    /// banner says so and the assessment stays, to be deleted again by hand.
    Delete { assessment: i64 },
    /// Writes a document of an assessment to `path` (the file is replaced): done now,
    /// from the assessment as the screen shows it; a failure is shown, not retried.
    WriteReport {
        document: Document,
        assessment: i64,
        path: std::path::PathBuf,
    },
}

/// What an [`Effect::Create`] makes. Unlike a [`Change`], a creation is not kept for
/// retrying nor written to the recovery file: it is not idempotent (a retry after a
/// write that did go in would make a second assessment or respondent), the screen
/// that follows needs the new id at once, and the form it came from is still on
/// screen when it fails, so the user loses nothing and can submit again.
#[derive(Clone, Debug, PartialEq)]
pub enum Create {
    /// A new assessment under the loaded framework `framework` (its id).
    Assessment {
        framework: String,
        new: crate::assessment::NewAssessment,
    },
    /// A respondent added to an assessment; its walk opens at the first indicator.
    Respondent {
        assessment: i64,
        name: String,
        organisation: String,
        actor: crate::actor::Actor,
    },
    /// The next period of assessment `from` (period `from_period`), named `period`,
    /// with its respondents copied or not.
    Period {
        from: i64,
        from_period: String,
        period: String,
        with_respondents: bool,
    },
}

/// A document written from the results or workshop screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// The HTML report (`w`).
    Report,
    /// The berita acara of the discussion (`B`).
    BeritaAcara,
}

/// Where an update sends the user.
#[derive(Clone, Debug, PartialEq)]
pub enum Go {
    /// The assessment list (its cursor on the assessment left).
    Start,
    /// An assessment's walk, at an indicator or where it was left.
    Walk { assessment: i64, at: Option<SlotKey> },
    /// An assessment's results; Esc there returns to the walk at `back_to_walk`.
    Results {
        assessment: i64,
        back_to_walk: Option<SlotKey>,
    },
    /// An assessment's workshop screen.
    Workshop(i64),
    /// The consensus or verification walk of an assessment, at an indicator.
    Agreed {
        assessment: i64,
        kind: AgreedKind,
        at: SlotKey,
    },
}

/// A write waiting to be committed; `quiet` ones (the walk position) do not show
/// "Tersimpan ✓", which is kept for what the user entered.
pub(super) struct PendingWrite {
    change: Change,
    quiet: bool,
    /// The walk it was made in, declared to the store before it is written: the
    /// database refuses it any respondent's answers but that walk's own.
    writer: crate::store::Writer,
}

impl super::App {
    /// Commits an update's effects in order: the writes go to the queue, then the
    /// message is shown unless a write is waiting or failed.
    pub fn commit(&mut self, effects: Vec<Effect>) {
        self.dropped_write = false;
        let mut say = None;
        let mut go = None;
        let mut wrote = false;
        for effect in effects {
            if matches!(effect, Effect::Write(_) | Effect::Delete { .. }) {
                wrote = true;
            }
            match effect {
                Effect::Go(to) => go = Some(to),
                Effect::Create(create) => self.create(create),
                Effect::Delete { assessment } => self.delete(assessment),
                Effect::WriteReport {
                    document,
                    assessment,
                    path,
                } => self.write_document(document, assessment, &path),
                Effect::Write(change) => self.persist(change),
                // A walk's position, while its walk is open (a write may have found
                // the assessment deleted and gone back to the list).
                Effect::Position(change) if matches!(self.screen, Screen::Walk(_)) => self.persist_quietly(change),
                Effect::Position(_) => {}
                Effect::Say(text) => say = Some(text),
            }
        }
        if let Some(text) = say
            && self.pending.is_empty()
            && !matches!(self.status, Status::Error(_))
        {
            self.status = Status::Info(text);
        }
        // The list shows what was just written (a deletion, a region's code).
        if wrote && go.is_none() && matches!(self.screen, Screen::Start(_)) {
            self.reload_start();
        }
        match go {
            Some(Go::Start) => self.go_start(),
            Some(Go::Walk { assessment, at }) => self.open_walk(assessment, at.as_ref()),
            Some(Go::Results {
                assessment,
                back_to_walk,
            }) => self.open_results(assessment, back_to_walk),
            Some(Go::Workshop(assessment)) => self.open_workshop(assessment),
            Some(Go::Agreed { assessment, kind, at }) => {
                self.open_walk_as(assessment, crate::assessment::Walker::of_agreed(kind));
                if let Screen::Walk(walk) = &mut self.screen {
                    walk.go_to(&at);
                }
                self.save_cursor();
            }
            None => {}
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
        self.pending.push(PendingWrite {
            writer: self.walker(),
            change,
            quiet: false,
        });
        self.retry_pending();
    }

    fn persist_quietly(&mut self, change: Change) {
        // The walk position of a user who may only read is not kept.
        if self.read_only() {
            return;
        }
        // Only the newest position of a walk waits: while the database is locked,
        // every arrow key would otherwise queue one more write.
        if let Change::Cursor { assessment, walker, .. } = &change {
            self.pending.retain(
                |p| !matches!(&p.change, Change::Cursor { assessment: a, walker: w, .. } if a == assessment && w == walker),
            );
        }
        self.pending.push(PendingWrite {
            writer: self.walker(),
            change,
            quiet: true,
        });
        self.retry_pending();
    }

    /// Who is writing: the respondent, consensus or verification walk on screen, or
    /// (any other screen) no walk, which may write no answer.
    fn walker(&self) -> crate::store::Writer {
        match &self.screen {
            Screen::Walk(walk) => crate::store::Writer::from(walk.walker),
            _ => crate::store::Writer::Admin,
        }
    }

    pub(super) fn read_only(&self) -> bool {
        *self.store.access() == crate::store::Access::ReadOnly
    }

    /// The changes not committed yet, taken out of the queue (for the exit path).
    pub fn take_pending(&mut self) -> Vec<Change> {
        let changes = self.pending.drain(..).map(|p| p.change).collect();
        self.sync_pending();
        changes
    }

    pub(super) fn sync_pending(&self) {
        if let Ok(mut shared) = self.pending_shared.lock() {
            *shared = self.pending.iter().map(|p| p.change.clone()).collect();
        }
    }

    /// Retries failed writes in order; called on every event and on a timer while any wait.
    pub fn retry_pending(&mut self) {
        self.retry_queue();
        self.sync_pending();
    }

    pub(super) fn retry_queue(&mut self) {
        while let Some(pending) = self.pending.first() {
            let written = self
                .store
                .set_writer(Some(pending.writer))
                .and_then(|()| pending.change.apply(&mut self.store));
            match written {
                Ok(()) => {
                    let done = self.pending.remove(0);
                    if !self.dropped_write && (!done.quiet || matches!(self.status, Status::Error(_))) {
                        self.status = Status::Saved;
                    }
                }
                // Not this walk's to write: retrying cannot help, and it is not kept.
                Err(e @ crate::store::StoreError::Refused(_)) => {
                    self.pending.remove(0);
                    self.status = Status::Error(e.message(self.lang));
                    self.dropped_write = true;
                }
                Err(e) => {
                    if let Some(id) = self.deleted_assessment() {
                        return self.assessment_deleted(id);
                    }
                    // On any other screen: a change whose assessment or respondent is
                    // gone (deleted by another program) can never be written; waiting
                    // for it would block every write after it. Only a definite answer
                    // counts: a locked database keeps it waiting.
                    if let Err(gone @ crate::store::StoreError::Invalid(_)) = pending.change.check(&self.store, None) {
                        self.pending.remove(0);
                        self.status = Status::Error(format!(
                            "{} {}",
                            self.lang.pick("Tidak dapat disimpan:", "Cannot be saved:"),
                            gone.message(self.lang)
                        ));
                        self.dropped_write = true;
                        continue;
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
    pub(super) fn deleted_assessment(&self) -> Option<i64> {
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
    pub(super) fn assessment_deleted(&mut self, id: i64) {
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

    pub(super) fn request_quit(&mut self) {
        self.retry_pending();
        if self.pending.is_empty() || self.quit_warned {
            self.quit = true;
        } else {
            self.quit_warned = true;
            let q = super::bindings::key(super::Mode::Global, super::Action::Quit, self.lang);
            self.status = Status::Error(match self.lang {
                crate::i18n::Lang::Id => {
                    format!(
                        "Ada perubahan yang belum tersimpan. Tekan {q} sekali lagi untuk keluar tanpa menyimpannya."
                    )
                }
                crate::i18n::Lang::En => format!("Some changes are not saved. Press {q} again to quit without them."),
            });
        }
    }
}

/// The effects done once, now: creations, a deletion and the documents.
impl super::App {
    /// Whether this user may write at all; when not, says so (retrying cannot help).
    fn may_write(&mut self) -> bool {
        if self.read_only() {
            let e = crate::store::StoreError::ReadOnly {
                path: self.store.path().display().to_string(),
            };
            self.status = Status::Error(e.message(self.lang));
            return false;
        }
        true
    }

    fn create(&mut self, create: Create) {
        let lang = self.lang;
        if !self.may_write() {
            return;
        }
        match create {
            Create::Assessment { framework, new } => {
                let Some(loaded) = self.frameworks.iter().find(|f| f.framework.id == framework) else {
                    self.status = Status::Error(match lang {
                        crate::i18n::Lang::Id => {
                            format!("Kerangka \"{framework}\" tidak dimuat; jalankan `pmk3i validate`.")
                        }
                        crate::i18n::Lang::En => {
                            format!("Framework \"{framework}\" is not loaded; run `pmk3i validate`.")
                        }
                    });
                    return;
                };
                match self.store.create_assessment(loaded, &new) {
                    Ok(id) => {
                        self.status = Status::Saved;
                        self.open_walk(id, None);
                    }
                    Err(e) => self.status = Status::Error(e.message(lang)),
                }
            }
            Create::Respondent {
                assessment,
                name,
                organisation,
                actor,
            } => match self.store.add_respondent(assessment, &name, actor, &organisation) {
                Ok(id) => {
                    self.status = Status::Saved;
                    self.open_walk_as(assessment, crate::assessment::Walker::Respondent(id));
                    if let Screen::Walk(walk) = &mut self.screen {
                        // A new respondent starts at the first indicator.
                        walk.entry = 0;
                        walk.position = 0;
                        walk.sync_highlight();
                    }
                    self.save_cursor();
                }
                Err(e) => self.status = Status::Error(e.message(lang)),
            },
            Create::Period {
                from,
                from_period,
                period,
                with_respondents,
            } => self.create_period(from, &from_period, &period, with_respondents),
        }
    }

    /// Year two: the assessment's framework (as loaded, else its stored copy), the new
    /// period, then the walk when respondents were copied, else the list with what to
    /// do next.
    fn create_period(&mut self, id: i64, previous: &str, next: &str, with_respondents: bool) {
        use crate::framework::LoadedFramework;
        use crate::i18n::Lang;
        let lang = self.lang;
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
                .new_period(id, &fw, next, with_respondents)
                .map_err(|e| e.message(lang))
        });
        match created {
            Ok(new) if with_respondents => {
                self.open_walk(new, None);
                self.status = Status::Info(match lang {
                    Lang::Id => {
                        format!("Periode {next} dibuat; tingkat dan target periode {previous} tampil sebagai acuan.")
                    }
                    Lang::En => format!("Period {next} created; the {previous} levels and targets show as reference."),
                });
            }
            Ok(_) => {
                self.reload_start();
                let a = super::bindings::key(super::Mode::Start, super::Action::ChooseLayer, lang);
                self.status = Status::Info(match lang {
                    Lang::Id => format!("Periode {next} dibuat (tanpa responden): tekan {a} untuk menambah responden."),
                    Lang::En => format!("Period {next} created (no respondents): press {a} to add one."),
                });
            }
            Err(m) => self.status = Status::Error(m),
        }
    }

    fn delete(&mut self, id: i64) {
        let lang = self.lang;
        if !self.may_write() {
            return;
        }
        match self.store.delete_assessment(id) {
            Ok(()) => self.status = Status::Info(lang.pick("Penilaian dihapus.", "Assessment deleted.").into()),
            Err(e) => self.status = Status::Error(e.message(lang)),
        }
    }

    /// Writes the report or the berita acara of the assessment on screen (or, on
    /// another screen, as stored) to `path`.
    fn write_document(&mut self, document: Document, id: i64, path: &std::path::Path) {
        let lang = self.lang;
        let shown = match &self.screen {
            Screen::Results(r) if r.assessment.id == id => Some((r.assessment.clone(), r.framework.clone())),
            Screen::Workshop(w) if w.assessment.id == id => Some((w.assessment.clone(), w.framework.clone())),
            _ => None,
        };
        let Some((mut assessment, framework)) = shown.or_else(|| self.load_assessment(id)) else {
            return;
        };
        let html = match document {
            Document::Report => {
                assessment.drop_empty_records();
                crate::report::html(&framework, &assessment, lang)
            }
            Document::BeritaAcara => {
                let moved = crate::report::berita_acara::levels_moved(&self.store, &assessment);
                crate::report::berita_acara_html(&framework, &assessment, moved.as_deref(), lang)
            }
        };
        let written = match html {
            Ok(html) => crate::private_file::write_private(path, html.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display())),
            Err(e) => Err(e.to_string()),
        };
        self.status = match (written, document) {
            (Err(m), _) => Status::Error(m),
            (Ok(()), Document::Report) => Status::Info(format!(
                "{} {}",
                lang.pick("Laporan ditulis:", "Report written:"),
                path.display()
            )),
            (Ok(()), Document::BeritaAcara) => Status::Info(format!(
                "{} {} · {} {}",
                lang.pick("Berita acara ditulis:", "Berita acara written:"),
                path.display(),
                lang.pick("sidik jari", "fingerprint"),
                {
                    let print = crate::workshop::fingerprint(&assessment);
                    print.get(..16).unwrap_or(&print).to_string()
                }
            )),
        };
    }
}
