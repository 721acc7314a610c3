//! The start screen: the assessment list, its filter and the delete confirmation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::{truncate, width};
use super::theme::Theme;
use super::{bar, centered, place_cursor};
use crate::app::bindings::{self, Action, Mode};
use crate::app::start::StartState;
use crate::i18n::{Lang, fmt_percent, fmt_score};

pub fn draw(state: &StartState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let [filter_area, list_area] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let filter_line = if state.filtering || !state.filter.text().is_empty() {
        Line::from(vec![
            Span::styled(format!(" {} ", lang.pick("Cari:", "Filter:")), theme.key()),
            Span::raw(state.filter.text().to_string()),
        ])
    } else {
        let mut spans = vec![Span::styled(
            format!(
                " {}",
                lang.pick("Penilaian, terbaru di atas", "Assessments, newest first")
            ),
            theme.dim(),
        )];
        if let Some(note) = &state.access_note {
            spans.push(Span::styled(format!(" · {note}"), theme.dim()));
        }
        let unlinked = state
            .visible()
            .get(state.selected)
            .is_some_and(|r| r.region_code.is_none());
        let quick = [
            (" · c".to_string(), true),
            (
                lang.pick(
                    " cek cepat ±10 menit untuk yang disorot",
                    " quick check of the highlighted one (~10 min)",
                )
                .to_string(),
                false,
            ),
        ];
        // The highlighted region is "tanpa kode" (the row says so when it has room).
        let no_code = [
            (format!(" · {}: ", lang.pick("tanpa kode", "no code")), false),
            ("K".to_string(), true),
            (
                lang.pick(" tautkan ke kode Kemendagri", " links it to a Kemendagri code")
                    .to_string(),
                false,
            ),
        ];
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = |parts: &[(String, bool)]| parts.iter().map(|(t, _)| width(t)).sum::<usize>();
        let both = used + room(&quick) + room(&no_code) <= area.width as usize;
        let mut parts: Vec<(String, bool)> = Vec::new();
        if !state.rows.is_empty() && (both || !unlinked) {
            parts.extend(quick);
        }
        if unlinked {
            parts.extend(no_code);
        }
        for (text, is_key) in parts {
            spans.push(Span::styled(text, if is_key { theme.key() } else { theme.dim() }));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(filter_line), filter_area);
    if state.filtering {
        let col = 1 + width(lang.pick("Cari:", "Filter:")) + 1 + state.filter.cursor_columns();
        place_cursor(frame, filter_area, col, 0);
    }

    let rows = state.visible();
    let w = list_area.width as usize;
    if rows.is_empty() {
        let msg = if state.rows.is_empty() {
            lang.pick(
                "Belum ada penilaian. Tekan n untuk membuat penilaian baru.",
                "No assessments yet. Press n to create a new one.",
            )
        } else {
            lang.pick("Tidak ada yang cocok dengan pencarian.", "Nothing matches the filter.")
        };
        let lines: Vec<Line> = super::text::wrap(msg, w.saturating_sub(2))
            .into_iter()
            .map(|l| Line::from(format!(" {l}")))
            .collect();
        frame.render_widget(Paragraph::new(lines), list_area);
        return;
    }
    // Columns: region (flexible), period, framework, respondents, completeness bar,
    // score, last edited — narrower on small terminals so nothing important is cut.
    let wide = w >= 110;
    let (period_w, framework_w, bar_w, score_w, edited_w) = if wide { (10, 14, 10, 17, 16) } else { (7, 9, 5, 16, 10) };
    let fixed = 2 + period_w + 1 + framework_w + 1 + 4 + 1 + bar_w + 5 + 1 + score_w + 1 + edited_w + 1;
    let region_w = w.saturating_sub(fixed).max(10);
    let header = format!(
        "  {} {} {} {:>4} {} {} {}",
        pad(lang.pick("ID Daerah", "ID Region"), region_w),
        pad(lang.pick("Periode", "Period"), period_w),
        pad(lang.pick("Kerangka", "Framework"), framework_w),
        lang.pick("Resp", "Resp"),
        pad(lang.pick("Lengkap", "Complete"), bar_w + 5),
        pad(lang.pick("Skor", "Score"), score_w),
        lang.pick("Diubah", "Edited"),
    );
    let height = list_area.height.saturating_sub(1) as usize;
    let first = state.selected.saturating_sub(height.saturating_sub(1));
    let mut lines = vec![Line::from(Span::styled(truncate(&header, w), theme.bold()))];
    for (i, row) in rows.iter().enumerate().skip(first).take(height) {
        let selected = i == state.selected;
        let score = format!(
            "{} {}",
            fmt_score(row.headline_score),
            row.band.as_deref().unwrap_or("")
        );
        let text = format!(
            "{}{} {} {} {:>4} {} {:>4} {} {}",
            if selected { "▶ " } else { "  " },
            // The ID first: two assessments of one region differ by ID and period. A
            // long name is cut in the middle so that different regions never read the same.
            pad(
                &{
                    let id = format!("{} ", row.id);
                    let mut name = if row.region_name.is_empty() {
                        row.region.clone()
                    } else {
                        row.kind.short_name(&row.region_name)
                    };
                    // The mark goes at the end, which a cut in the middle keeps.
                    if row.import_copy {
                        name = format!("{name} · {}", crate::exchange::copy_label(lang));
                    }
                    let name_w = region_w.saturating_sub(id.chars().count());
                    // A region not linked to its Kemendagri code says so where the whole
                    // name still fits beside the mark (the line above says it for the
                    // highlighted row in any case; K links it).
                    let mark = format!(" ({})", lang.pick("tanpa kode", "no code"));
                    if row.region_code.is_none() && width(&name) + width(&mark) <= name_w {
                        format!("{id}{name}{mark}")
                    } else {
                        format!("{id}{}", super::text::truncate_middle(&name, name_w))
                    }
                },
                region_w
            ),
            pad(&row.period, period_w),
            pad(&row.framework_id, framework_w),
            row.respondents,
            bar(row.completeness.unwrap_or(0.0), bar_w),
            fmt_percent(row.completeness),
            pad(&score, score_w),
            row.updated_at.replace('T', " ").get(..edited_w).unwrap_or(""),
        );
        let style = if selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    frame.render_widget(Paragraph::new(lines), list_area);

    if let Some(chooser) = &state.chooser {
        let popup = centered(area, 64, chooser.choices.len() as u16 + 4);
        frame.render_widget(Clear, popup);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            format!(" {} — {} ", lang.pick("Isi sebagai", "Answer as"), chooser.region),
            theme.title(),
        ));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let iw = inner.width as usize;
        // Many respondents: a window that keeps the selection in view, hint last.
        let rows_h = (inner.height as usize).saturating_sub(1).max(1);
        let first = chooser.selected.saturating_sub(rows_h - 1);
        let mut lines: Vec<Line> = chooser
            .choices
            .iter()
            .enumerate()
            .skip(first)
            .take(rows_h)
            .map(|(i, c)| {
                let selected = i == chooser.selected;
                let text = format!("{}{}", if selected { "▶ " } else { "  " }, c.label(lang));
                let style = if selected {
                    theme.selected()
                } else {
                    ratatui::style::Style::new()
                };
                Line::from(Span::styled(truncate(&text, iw), style))
            })
            .collect();
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    " {}",
                    bindings::hint(Mode::Chooser, &[Action::Up, Action::Choose, Action::Back], lang)
                ),
                iw,
            ),
            theme.dim(),
        )));
        frame.render_widget(Paragraph::new(lines), inner);
    }

    if let Some(link) = &state.link {
        draw_link(link, lang, frame, area, theme);
    }

    if let Some((id, typed)) = &state.delete {
        let name = state
            .rows
            .iter()
            .find(|r| r.id == *id)
            .map(|r| {
                if r.region_name.is_empty() {
                    r.id.to_string()
                } else {
                    r.region_name.clone()
                }
            })
            .unwrap_or_default();
        let popup = centered(area, 60, 7);
        frame.render_widget(Clear, popup);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            format!(" {} ", lang.pick("Hapus penilaian", "Delete assessment")),
            theme.warn(),
        ));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let keys = bindings::hint(Mode::DeleteConfirm, &[Action::Choose, Action::Back], lang);
        let prompt = match lang {
            Lang::Id => format!("Ketik nama daerah \"{name}\" untuk menghapus: {keys}."),
            Lang::En => format!("Type the region name \"{name}\" to delete it: {keys}."),
        };
        let mut lines: Vec<Line> = super::text::wrap(&prompt, inner.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        lines.push(Line::from(Span::styled(format!("> {}", typed.text()), theme.bold())));
        frame.render_widget(Paragraph::new(lines.clone()), inner);
        place_cursor(frame, inner, 2 + typed.cursor_columns(), lines.len().saturating_sub(1));
    }
}

/// The "link to a Kemendagri code" dialog: the region, its code (or "tanpa kode"), the
/// typed name or code and the official regions it matches.
fn draw_link(link: &crate::app::start::RegionLink, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    const SHOWN: usize = 6;
    let popup = centered(area, 70, SHOWN as u16 + 6);
    frame.render_widget(Clear, popup);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(
            " {} ",
            lang.pick("Tautkan ke kode Kemendagri", "Link to a Kemendagri code")
        ),
        theme.title(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let iw = inner.width as usize;
    let code = link
        .current_code
        .clone()
        .unwrap_or_else(|| lang.pick("tanpa kode", "no code (tanpa kode)").to_string());
    let mut lines = vec![
        Line::from(truncate(&format!("{} · {code}", link.region), iw)),
        Line::from(Span::styled(format!("> {}", link.query.text()), theme.bold())),
    ];
    let options = link.options();
    if options.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.pick("  (ketik nama atau kode)", "  (type a name or code)"),
            theme.dim(),
        )));
    }
    let first = link.highlight.saturating_sub(SHOWN - 1);
    for (i, r) in options.iter().enumerate().skip(first).take(SHOWN) {
        let selected = i == link.highlight;
        let text = format!("{}{}", if selected { "▶ " } else { "  " }, r.label());
        let style = if selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(truncate(&text, iw), style)));
    }
    let hint_row = inner.height.saturating_sub(1);
    frame.render_widget(Paragraph::new(lines), inner);
    let hint = Paragraph::new(Line::from(Span::styled(
        truncate(
            &format!(
                " {}",
                bindings::hint(Mode::RegionLink, &[Action::Up, Action::Choose, Action::Back], lang)
            ),
            iw,
        ),
        theme.dim(),
    )));
    frame.render_widget(
        hint,
        Rect {
            y: inner.y + hint_row,
            height: 1,
            ..inner
        },
    );
    place_cursor(frame, inner, 2 + link.query.cursor_columns(), 1);
}

/// Pads or cuts to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(fill))
}
