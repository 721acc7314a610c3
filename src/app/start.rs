//! The start screen: assessments newest first, a filter, and delete-by-typing-the-name.

use super::input::LineInput;
use crate::i18n::Lang;
use crate::overview::{Overview, overviews};
use crate::store::{Store, StoreError};

#[derive(Clone, Debug, Default)]
pub struct StartState {
    pub rows: Vec<Overview>,
    pub selected: usize,
    pub filter: LineInput,
    pub filtering: bool,
    /// Open delete confirmation: the row's id and what has been typed.
    pub delete: Option<(i64, LineInput)>,
    /// Open "answer as…" chooser.
    pub chooser: Option<super::respondent::Chooser>,
    /// What the list title says about the file: shared with a group, or read-only.
    pub access_note: Option<String>,
}

impl StartState {
    pub fn load(store: &Store, lang: Lang) -> Result<StartState, StoreError> {
        let mut state = StartState::default();
        state.reload(store, lang)?;
        Ok(state)
    }

    pub fn reload(&mut self, store: &Store, lang: Lang) -> Result<(), StoreError> {
        self.rows = overviews(store, lang)?;
        self.access_note = store.access().note(lang);
        self.clamp();
        Ok(())
    }

    /// Rows matching the filter (region, province, period or framework).
    pub fn visible(&self) -> Vec<&Overview> {
        let f = self.filter.text().to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                f.is_empty()
                    || [&r.region, &r.province, &r.period, &r.framework_id]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&f))
            })
            .collect()
    }

    pub fn selected_row(&self) -> Option<&Overview> {
        self.visible().get(self.selected).copied()
    }

    pub fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    pub fn move_selection(&mut self, down: bool) {
        let n = self.visible().len();
        if n == 0 {
            self.selected = 0;
        } else if down {
            self.selected = (self.selected + 1).min(n - 1);
        } else {
            self.selected = self.selected.saturating_sub(1);
        }
    }
}
