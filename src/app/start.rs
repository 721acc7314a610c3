//! The start screen: assessments newest first, a filter, and delete-by-typing-the-name.

use std::collections::HashMap;

use super::input::LineInput;
use crate::assessment::snapshot_framework;
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::summary::summarize;

#[derive(Clone, Debug, PartialEq)]
pub struct StartRow {
    pub id: i64,
    pub region: String,
    pub region_name: String,
    pub province: String,
    pub period: String,
    pub framework: String,
    pub respondents: usize,
    pub completeness: f64,
    pub score: Option<f64>,
    pub band: Option<String>,
    pub updated_at: String,
}

#[derive(Clone, Debug, Default)]
pub struct StartState {
    pub rows: Vec<StartRow>,
    pub selected: usize,
    pub filter: LineInput,
    pub filtering: bool,
    /// Open delete confirmation: the row's id and what has been typed.
    pub delete: Option<(i64, LineInput)>,
    /// Open "answer as…" chooser.
    pub chooser: Option<super::respondent::Chooser>,
}

impl StartState {
    pub fn load(store: &Store, lang: Lang) -> Result<StartState, StoreError> {
        let mut state = StartState::default();
        state.reload(store, lang)?;
        Ok(state)
    }

    pub fn reload(&mut self, store: &Store, lang: Lang) -> Result<(), StoreError> {
        // Assessments of one framework version share a snapshot: parse it once.
        let mut frameworks: HashMap<String, Option<Framework>> = HashMap::new();
        self.rows = store
            .list()?
            .into_iter()
            .map(|row| {
                let a = &row.assessment;
                let framework = frameworks
                    .entry(a.framework_hash.clone())
                    .or_insert_with(|| snapshot_framework(&row.framework_json).ok());
                let (score, band, completeness) = match framework {
                    Some(fw) => {
                        let s = summarize(fw, a, lang).self_assessed;
                        (s.headline_score, s.headline_band, s.completeness)
                    }
                    None => (None, None, 0.0),
                };
                StartRow {
                    id: a.id,
                    region: a.region.kind.display_name(&a.region.name),
                    region_name: a.region.name.clone(),
                    province: a.region.province.clone(),
                    period: a.period.clone(),
                    framework: a.framework_id.clone(),
                    respondents: a.respondents.len(),
                    completeness,
                    score,
                    band,
                    updated_at: a.updated_at.replace('T', " ").trim_end_matches('Z').to_string(),
                }
            })
            .collect();
        self.clamp();
        Ok(())
    }

    /// Rows matching the filter (region, province, period or framework).
    pub fn visible(&self) -> Vec<&StartRow> {
        let f = self.filter.text().to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                f.is_empty()
                    || [&r.region, &r.province, &r.period, &r.framework]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&f))
            })
            .collect()
    }

    pub fn selected_row(&self) -> Option<&StartRow> {
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
