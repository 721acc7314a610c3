//! A one-line text field: the usual editing keys, paste, and wide characters.

use super::bindings::{Action, Edit};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Terminal columns before the cursor (wide characters count two).
    pub fn cursor_columns(&self) -> usize {
        let before: String = self.text.chars().take(self.cursor).collect();
        unicode_width::UnicodeWidthStr::width(before.as_str())
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }

    /// Inserts text at the cursor; line breaks become spaces, since this is one line.
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        let at = self.byte_index(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Applies a typed character or an editing step; returns whether it was one.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::TypeChar(c) => self.insert_str(&c.to_string()),
            Action::Edit(Edit::Clear) => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::Edit(Edit::Home) => self.cursor = 0,
            Action::Edit(Edit::End) => self.cursor = self.text.chars().count(),
            Action::Edit(Edit::DeleteBack) => {
                if self.cursor > 0 {
                    let at = self.byte_index(self.cursor - 1);
                    self.text.remove(at);
                    self.cursor -= 1;
                }
            }
            Action::Edit(Edit::DeleteForward) => {
                if self.cursor < self.text.chars().count() {
                    let at = self.byte_index(self.cursor);
                    self.text.remove(at);
                }
            }
            Action::Edit(Edit::Left) => self.cursor = self.cursor.saturating_sub(1),
            Action::Edit(Edit::Right) => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            _ => return false,
        }
        true
    }
}
