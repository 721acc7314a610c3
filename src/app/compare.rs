//! The comparison screen: what changed between an assessment and the region's earlier
//! one (the period it was started from, else its latest earlier period).

use crate::compare::{Comparison, text};
use crate::i18n::Lang;

#[derive(Clone, Debug)]
pub struct CompareState {
    pub comparison: Comparison,
    pub scroll: u16,
}

impl CompareState {
    pub fn new(comparison: Comparison) -> CompareState {
        CompareState { comparison, scroll: 0 }
    }

    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let c = &self.comparison;
        let mut lines = vec![format!(
            "{} · {} ({}) → {} ({})",
            c.after.region, c.before.period, c.before.framework, c.after.period, c.after.framework
        )];
        lines.push(String::new());
        lines.extend(text(c, lang).lines().map(str::to_string));
        lines
    }

    pub fn scroll_by(&mut self, down: bool, lang: Lang) {
        let max = self.lines(lang).len().saturating_sub(1) as u16;
        self.scroll = if down {
            (self.scroll + 1).min(max)
        } else {
            self.scroll.saturating_sub(1)
        };
    }
}

use super::Screen;
use super::bindings::Action;

/// The comparison's keys: scroll, and back to the list.
impl super::App {
    pub(super) fn act_compare(&mut self, action: Action) {
        let lang = self.lang;
        match (&mut self.screen, action) {
            (_, Action::Back) => self.go_start(),
            (Screen::Compare(c), Action::Up | Action::Down) => c.scroll_by(action == Action::Down, lang),
            _ => {}
        }
    }
}
