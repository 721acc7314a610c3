//! Overlays drawn over a screen: the key help, indicator details, and the editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::text::{truncate, width, wrap};
use super::theme::Theme;
use crate::app::bindings::{self, Action, Mode};
use crate::app::walk::WalkState;
use crate::app::{App, Editor};
use crate::i18n::Lang;

fn framed(title: String, frame: &mut Frame, area: Rect, theme: Theme) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The scrolling overlays' keys for their last line: the scroll keys of `actions`,
/// then "other keys close".
fn scroll_hint(actions: &[Action], lang: Lang) -> String {
    let keys = bindings::hint(Mode::Scroll, actions, lang);
    match bindings::fallback_hint(Mode::Scroll, lang) {
        Some(other) => format!("{keys} · {other}"),
        None => keys,
    }
}

/// Every key of the current screen, from the same table as the footer.
pub fn help(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let lang = app.lang;
    let rows: Vec<(String, String)> = bindings::rows(app.screen_mode(), lang)
        .into_iter()
        .map(|r| (r.label, r.description))
        .collect();
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(4);
    let popup = centered(area, 76, rows.len() as u16 + 4);
    let inner = framed(lang.pick("Bantuan tombol", "Keys").to_string(), frame, popup, theme);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(
                    format!(" {}{} ", k, " ".repeat(key_w.saturating_sub(width(k)))),
                    theme.key(),
                ),
                Span::raw(truncate(d, w.saturating_sub(key_w + 2))),
            ])
        })
        .collect();
    // The closing tip gives way when it alone would push the last key out of view.
    let fits_without_tip = lines.len() <= (popup.height as usize).saturating_sub(2);
    let tip_fits = lines.len() < (popup.height as usize).saturating_sub(2);
    if tip_fits || !fits_without_tip {
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    " {}. {}",
                    scroll_hint(&[Action::Up], lang),
                    lang.pick("Jawaban tersimpan otomatis.", "Answers are saved automatically.")
                ),
                w,
            ),
            theme.dim(),
        )));
    }
    let body_h = inner.height as usize;
    let max = lines.len().saturating_sub(body_h);
    app.overlay_scroll_max.set(u16::try_from(max).unwrap_or(u16::MAX));
    let scroll = (app.info_scroll as usize).min(max);
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    if shown.len() > body_h {
        shown.truncate(body_h.saturating_sub(1));
        shown.push(Line::from(Span::styled(
            truncate(&format!("▼ {}", scroll_hint(&[Action::Up], lang)), w),
            theme.key(),
        )));
    }
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The current indicator in full: question, help, evidence, every level and next step.
pub fn info(
    walk: &WalkState,
    scroll: u16,
    scroll_max: &std::cell::Cell<u16>,
    lang: Lang,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) {
    let Some(indicator) = walk.indicator() else {
        return;
    };
    let popup = centered(area, area.width.saturating_sub(4), area.height);
    let title = format!(
        "{} · {} {}/{} · {}",
        super::walk::entry_title(walk, walk.entry, lang),
        lang.pick("Indikator", "Indicator"),
        walk.position + 1,
        walk.current_entry().map(|e| e.indicators.len()).unwrap_or(0),
        indicator.id
    );
    let inner = framed(
        truncate(&title, popup.width.saturating_sub(4) as usize),
        frame,
        popup,
        theme,
    );
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut add = |text: &str, style| {
        for l in wrap(text, w) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    add(indicator.text.get(lang), theme.bold());
    if let Some(h) = &indicator.help {
        add(&walk.framework.humanize_ids(h.get(lang), lang), theme.dim());
    }
    if let Some(e) = &indicator.evidence {
        add(
            &format!("{} {}", lang.pick("Bukti dukung:", "Evidence:"), e.get(lang)),
            ratatui::style::Style::new(),
        );
    }
    for level in &indicator.levels {
        add(
            &format!(
                "{} {}: {}",
                level.value,
                walk.framework.scale_label(level.value, lang),
                level.description.get(lang)
            ),
            theme.bold(),
        );
        if let Some(n) = &level.next {
            add(&format!("  → {}", n.get(lang)), theme.dim());
        }
    }
    let lead: Vec<String> = indicator
        .lead
        .iter()
        .map(|a| walk.framework.actor_label(*a, lang))
        .collect();
    if !lead.is_empty() {
        add(
            &format!("{} {}", lang.pick("Pemimpin langkah:", "Led by:"), lead.join(", ")),
            theme.dim(),
        );
    }
    let hint = scroll_hint(&[Action::Up, Action::PageUp], lang);
    let body_h = inner.height.saturating_sub(1) as usize;
    let max = lines.len().saturating_sub(body_h);
    scroll_max.set(u16::try_from(max).unwrap_or(u16::MAX));
    let scroll = (scroll as usize).min(max);
    let more = lines.len() > scroll + body_h;
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).take(body_h).collect();
    shown.push(Line::from(Span::styled(
        truncate(&format!("{}{hint}", if more { "▼ " } else { "" }), w),
        theme.key(),
    )));
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The current indicator's history (`h` in the walk): one line per change, oldest
/// first — when (UTC), who (login), in which walk, which field, from → to.
#[allow(clippy::too_many_arguments)]
pub fn history(
    walk: &WalkState,
    changes: &[crate::store::Change],
    scroll: u16,
    scroll_max: &std::cell::Cell<u16>,
    lang: Lang,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) {
    let Some(indicator) = walk.indicator() else {
        return;
    };
    let popup = centered(area, area.width.saturating_sub(4), area.height);
    let title = format!("{} · {}", lang.pick("Riwayat", "History"), indicator.id);
    let inner = framed(
        truncate(&title, popup.width.saturating_sub(4) as usize),
        frame,
        popup,
        theme,
    );
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if changes.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(
                lang.pick(
                    "Belum ada perubahan yang tercatat untuk indikator ini.",
                    "No changes recorded for this indicator yet.",
                ),
                w,
            ),
            theme.dim(),
        )));
    }
    let value = |v: &Option<String>| match v.as_deref() {
        None | Some("") => "—".to_string(),
        Some(v) => v.replace(['\n', '\t'], " "),
    };
    for c in changes {
        let at = c.at.replace('T', " ");
        let minute = at.get(..16).unwrap_or(&at).to_string();
        let walker = crate::cli::walker_label(c, lang);
        let field = match c.field.as_str() {
            "level" => lang.pick("tingkat", "level"),
            "note" => lang.pick("catatan", "note"),
            "evidence" => lang.pick("bukti", "evidence"),
            other => other,
        };
        let place = c.subsector.as_deref().map(|s| format!(" [{s}]")).unwrap_or_default();
        let head = format!("{minute} {} · {walker}{place} · {field}: ", c.login);
        let text = format!("{head}{} → {}", value(&c.old), value(&c.new));
        for (i, l) in wrap(&text, w).into_iter().enumerate() {
            let style = if i == 0 {
                ratatui::style::Style::new()
            } else {
                theme.dim()
            };
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    let hint = format!(
        "{} · {}",
        lang.pick("waktu UTC", "times UTC"),
        scroll_hint(&[Action::Up, Action::PageUp], lang)
    );
    let body_h = inner.height.saturating_sub(1) as usize;
    let max = lines.len().saturating_sub(body_h);
    scroll_max.set(u16::try_from(max).unwrap_or(u16::MAX));
    let scroll = (scroll as usize).min(max);
    let more = lines.len() > scroll + body_h;
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).take(body_h).collect();
    shown.push(Line::from(Span::styled(
        truncate(&format!("{}{hint}", if more { "▼ " } else { "" }), w),
        theme.key(),
    )));
    frame.render_widget(Paragraph::new(shown), inner);
}

pub fn editor(editor: &Editor, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let popup = centered(
        area,
        area.width.saturating_sub(6).max(20),
        area.height.saturating_sub(2).clamp(5, 16),
    );
    let inner = framed(editor.title.clone(), frame, popup, theme);
    if inner.height < 2 {
        return;
    }
    let hint = Rect {
        y: inner.bottom() - 1,
        height: 1,
        ..inner
    };
    let text_area = Rect {
        height: inner.height - 1,
        ..inner
    };
    frame.render_widget(&editor.textarea, text_area);
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(
                &format!(
                    "{} · {}",
                    bindings::hint(
                        Mode::Editor,
                        &[Action::SaveText, Action::DiscardText, Action::NewLine],
                        lang
                    ),
                    lang.pick("teks tempelan tidak memicu tombol", "pasted text never triggers keys")
                ),
                hint.width as usize,
            ),
            theme.dim(),
        )),
        hint,
    );
}
