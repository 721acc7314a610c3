//! The comparison screen: headline and pillar changes with arrows (green ▲, red ▼
//! where colour is allowed; the arrows alone under NO_COLOR), then the indicators that
//! rose or fell, the previous targets, and the previous commitments with their
//! follow-up (the selected one marked ▶).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::truncate;
use super::theme::Theme;
use crate::app::compare::CompareState;
use crate::i18n::Lang;

pub fn draw(state: &CompareState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width as usize;
    let lines: Vec<Line> = state
        .lines(lang)
        .into_iter()
        .enumerate()
        .skip(state.scroll as usize)
        .take(area.height as usize)
        .map(|(i, l)| {
            let style = if i == 0 {
                theme.title()
            } else if l.starts_with('▶') {
                theme.selected()
            } else if theme.color && l.contains('▲') {
                Style::new().fg(Color::Green)
            } else if theme.color && l.contains('▼') {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            };
            Line::from(Span::styled(truncate(&l, w), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
