//! The multi-line editor for notes, evidence, pillar texts and dissent: opening it,
//! its keys, the draft the signal thread can save, and closing (saving or discarding).

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

use super::bindings::Action;
use super::draft::{Draft, DraftTarget};
use super::queue::Effect;
use super::recovery::Change;
use super::{Overlay, Screen, Status};

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

impl super::App {
    /// The editor: save and close, discard, a line break, or the key as typed.
    pub(super) fn act_editor(&mut self, action: Action, key: KeyEvent) {
        match action {
            Action::SaveText => self.close_editor(),
            Action::DiscardText => self.discard_editor(),
            Action::NewLine | Action::EditorInput => {
                if let Some(Overlay::Editor(editor)) = &mut self.overlay {
                    if action == Action::NewLine {
                        editor.textarea.insert_newline();
                    } else {
                        editor.textarea.input(key);
                    }
                    self.sync_draft();
                }
            }
            _ => {}
        }
    }

    pub(super) fn open_editor(&mut self, title: String, target: DraftTarget, text: &str) {
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
    pub(super) fn sync_draft(&self) {
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
    pub(super) fn discard_editor(&mut self) {
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
    pub(super) fn close_editor(&mut self) {
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
                DraftTarget::Note { slot, .. } => walk.remember(slot, |a| a.note = draft.text.clone()),
                DraftTarget::Evidence { slot, .. } => walk.remember(slot, |a| a.evidence = draft.text.clone()),
                DraftTarget::Dissent { slot, .. } => walk.remember_dissent(slot, &draft.text),
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
        self.commit(vec![Effect::Write(Change::Text { draft })]);
        // The signal thread keeps the draft until it is committed: a hang-up between
        // closing and committing must still find it.
        if self.pending.is_empty()
            && let Ok(mut slot) = self.draft.lock()
        {
            *slot = None;
        }
    }
}
