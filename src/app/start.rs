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
    /// Open "link to a Kemendagri code" dialog.
    pub link: Option<Box<RegionLink>>,
}

/// Linking the selected assessment's region to an official region: a name or code
/// typed, the matching official regions, the highlighted one.
#[derive(Clone, Debug)]
pub struct RegionLink {
    pub assessment: i64,
    /// "Kabupaten Sukamaju · Jawa Barat".
    pub region: String,
    pub current_code: Option<String>,
    pub query: LineInput,
    pub highlight: usize,
}

impl RegionLink {
    pub fn new(row: &Overview) -> RegionLink {
        RegionLink {
            assessment: row.id,
            region: format!("{} · {}", row.region, row.province),
            current_code: row.region_code.clone(),
            query: LineInput::new(&row.region_name),
            highlight: 0,
        }
    }

    pub fn options(&self) -> Vec<&'static crate::regions::Official> {
        if self.query.text().trim().is_empty() {
            return Vec::new();
        }
        crate::regions::search(self.query.text())
    }
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
