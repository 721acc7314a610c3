//! The walk: the side list of pillars with progress, and the current indicator with
//! its question, guidance, evidence hint and rubric.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::start::pad;
use super::text::{truncate, wrap, wrap_capped};
use super::theme::Theme;
use crate::app::walk::{Layer, WalkState};
use crate::assessment::AgreedKind;
use crate::i18n::Lang;
use crate::scoring::SlotKey;

/// The side list's title for an entry: "Kreasi · Kuliner".
pub fn entry_title(walk: &WalkState, entry: usize, lang: Lang) -> String {
    let Some(e) = walk.entries.get(entry) else {
        return String::new();
    };
    let pillar = walk
        .framework
        .pillars
        .get(e.pillar)
        .map(|p| p.title.get(lang))
        .unwrap_or("");
    match &e.subsector {
        // Subsector entries of one pillar must differ within a narrow side list: the
        // pillar's first word is enough there, the subsector is what tells them apart.
        Some(s) => format!(
            "{} · {}",
            pillar.split_whitespace().next().unwrap_or(pillar),
            walk.framework.subsector_label(s, lang)
        ),
        None => pillar.to_string(),
    }
}

/// `recorded`: the last change of the consensus or verified level on screen (who
/// recorded it, when), shown in those walks.
pub fn draw(
    walk: &WalkState,
    recorded: Option<&crate::store::Change>,
    lang: Lang,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) {
    let side_w = (area.width / 3).clamp(20, 34);
    let [side, main] = Layout::horizontal([Constraint::Length(side_w), Constraint::Min(20)]).areas(area);
    draw_side(walk, lang, frame, side, theme);
    draw_main(walk, recorded, lang, frame, main, theme);
}

/// "dicatat oleh ani, 2026-03-10 09:15 UTC".
fn recorded_by(c: &crate::store::Change, lang: Lang) -> String {
    let at = c.at.replace('T', " ");
    let minute = at.get(..16).unwrap_or(&at);
    format!("{} {}, {minute} UTC", lang.pick("dicatat oleh", "recorded by"), c.login)
}

fn draw_side(walk: &WalkState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = Block::default().borders(Borders::RIGHT).border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let (done, total) = walk.total_progress();
    let respondent = walk.layer_label(lang);
    let mut lines = vec![
        Line::from(Span::styled(truncate(&respondent, w), theme.dim())),
        Line::from(Span::styled(
            truncate(
                &format!(
                    "{} {done}/{total}",
                    match walk.layer {
                        Layer::Respondent(_) => lang.pick("Terjawab", "Answered"),
                        Layer::Agreed(AgreedKind::Consensus) => lang.pick("Disepakati", "Agreed"),
                        Layer::Agreed(AgreedKind::Verified) => lang.pick("Diverifikasi", "Verified"),
                    }
                ),
                w,
            ),
            theme.bold(),
        )),
    ];
    let height = (inner.height as usize).saturating_sub(lines.len());
    let first = walk.entry.saturating_sub(height.saturating_sub(1));
    for i in (0..walk.entries.len()).skip(first).take(height) {
        let (a, t) = walk.progress(i);
        let count = format!(" {a}/{t}");
        let mark = if a == t { "✓" } else { " " };
        let current = i == walk.entry;
        let prefix = if current { "▶" } else { " " };
        let title_w = w.saturating_sub(count.len() + 2);
        let text = format!("{prefix}{}{count}{mark}", pad(&entry_title(walk, i, lang), title_w));
        let style = if current { theme.selected() } else { Style::new() };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_main(
    walk: &WalkState,
    recorded: Option<&crate::store::Change>,
    lang: Lang,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) {
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let w = area.width as usize;
    let h = area.height as usize;
    let (Some(indicator), Some(slot), Some(entry)) = (walk.indicator(), walk.slot(), walk.current_entry()) else {
        let msg = lang.pick(
            "Kerangka ini tidak punya indikator untuk subsektor kandidat yang dipilih.",
            "This framework has no indicators for the chosen candidate subsectors.",
        );
        frame.render_widget(
            Paragraph::new(wrap(msg, w).into_iter().map(Line::from).collect::<Vec<_>>()),
            area,
        );
        return;
    };
    let answer = walk.answer(&slot);
    let stored = answer.as_ref();
    let mut lines: Vec<Line> = Vec::new();
    let position = format!(
        "{} {}/{}",
        lang.pick("Indikator", "Indicator"),
        walk.position + 1,
        entry.indicators.len()
    );
    lines.push(Line::from(vec![
        Span::styled(
            truncate(
                &entry_title(walk, walk.entry, lang),
                w.saturating_sub(position.len() + 3),
            ),
            theme.title(),
        ),
        Span::styled(format!(" · {position}"), theme.dim()),
    ]));
    // Budget the fixed parts so the rubric always fits: question, help, evidence.
    let levels = &walk.framework.scale;
    let context = match walk.layer {
        Layer::Agreed(kind) => {
            let mut lines = wrap(&agreed_context(walk, &slot, kind, lang), w);
            // A line of its own, so it never pushes the context's words around.
            if let Some(c) = recorded {
                lines.push(truncate(&recorded_by(c, lang), w));
            }
            lines
        }
        Layer::Respondent(_) => Vec::new(),
    };
    let rubric_h = levels.len() + 1 + context.len();
    let spare = h.saturating_sub(1 + rubric_h + 2);
    let question_cap = spare.clamp(1, 4);
    for l in wrap_capped(indicator.text.get(lang), w, question_cap) {
        lines.push(Line::from(Span::styled(l, theme.bold())));
    }
    let spare = h.saturating_sub(lines.len() + rubric_h + 2);
    if let Some(help) = &indicator.help
        && spare >= 3
    {
        let cap = (spare / 2).max(1);
        for l in wrap_capped(help.get(lang), w, cap) {
            lines.push(Line::from(Span::styled(l, theme.dim())));
        }
    }
    let spare = h.saturating_sub(lines.len() + rubric_h + 2);
    if let Some(evidence) = &indicator.evidence
        && spare >= 2
    {
        let text = format!("{} {}", lang.pick("Bukti dukung:", "Evidence:"), evidence.get(lang));
        for l in wrap_capped(&text, w, (spare / 2).max(1)) {
            lines.push(Line::from(l));
        }
    }
    // In the consensus and verification walks, what the respondents said comes first.
    for l in context {
        lines.push(Line::from(Span::styled(l, theme.key())));
    }
    // The rubric: one line per level; the answer marked ●, the highlight reversed.
    let answer_line = match stored {
        Some(a) if a.na => lang
            .pick("Jawaban: tidak berlaku (N/A)", "Answer: not applicable (N/A)")
            .to_string(),
        Some(a) => match a.level {
            Some(l) => format!(
                "{} {l} {}",
                lang.pick("Jawaban:", "Answer:"),
                walk.framework.scale_label(l, lang)
            ),
            None => lang.pick("Belum dijawab", "Not answered yet").to_string(),
        },
        None => lang.pick("Belum dijawab", "Not answered yet").to_string(),
    };
    let extras = [
        stored
            .filter(|a| !a.note.is_empty())
            .map(|_| lang.pick("catatan ✎", "note ✎")),
        stored
            .filter(|a| !a.evidence.is_empty())
            .map(|_| lang.pick("bukti ✎", "evidence ✎")),
        indicator.allow_na.then(|| lang.pick("x = N/A", "x = N/A")),
    ];
    let extras: Vec<&str> = extras.into_iter().flatten().collect();
    lines.push(Line::from(vec![
        Span::styled(answer_line, theme.answer()),
        Span::styled(
            if extras.is_empty() {
                String::new()
            } else {
                format!("  · {}", extras.join(" · "))
            },
            theme.dim(),
        ),
    ]));
    // Each level's line: marker, value, label and description, styled by state.
    // (highlight marker, the rest of the line, style)
    let level_text = |i: usize| {
        let level = &levels[i];
        let chosen = stored.is_some_and(|a| !a.na && a.level == Some(level.value));
        let highlighted = i == walk.highlight;
        let description = indicator
            .level(level.value)
            .map(|l| l.description.get(lang).to_string())
            .unwrap_or_default();
        let text = format!(
            "{} {} {} — {description}",
            if chosen { "●" } else { "○" },
            level.value,
            level.label.get(lang)
        );
        let style = match (highlighted, chosen) {
            (true, _) => theme.selected(),
            (false, true) => theme.answer(),
            _ => Style::new(),
        };
        (if highlighted { "▶" } else { " " }, text, style)
    };
    // Where the screen has room for every level's description in full (wrapped under
    // its label, with a line left for the next step), all are shown: a highlight move
    // then only restyles two levels and the next step, instead of rewriting the detail.
    const INDENT: usize = 4;
    let full: Vec<Vec<String>> = (0..levels.len())
        .map(|i| {
            let (marker, text, _) = level_text(i);
            let mut wrapped = wrap(&text, w.saturating_sub(INDENT).max(1));
            for (k, l) in wrapped.iter_mut().enumerate() {
                *l = if k == 0 {
                    format!("{marker}{l}")
                } else {
                    format!("{}{l}", " ".repeat(INDENT))
                };
            }
            wrapped
        })
        .collect();
    let full_height: usize = full.iter().map(Vec::len).sum();
    let show_full = full.iter().any(|l| l.len() > 1) && lines.len() + full_height + 3 <= h;
    if show_full {
        for (i, wrapped) in full.into_iter().enumerate() {
            let style = level_text(i).2;
            lines.extend(wrapped.into_iter().map(|l| Line::from(Span::styled(l, style))));
        }
        let left = h.saturating_sub(lines.len() + 1);
        if let Some(scale) = levels.get(walk.highlight)
            && let Some(next) = indicator.level(scale.value).and_then(|l| l.next.as_ref())
        {
            lines.push(Line::from(""));
            let text = format!(
                "→ {} {}",
                lang.pick("Langkah berikutnya:", "Next step:"),
                next.get(lang)
            );
            let next_lines = wrap_capped(&text, w, left.saturating_sub(1).max(1));
            lines.extend(next_lines.into_iter().map(|l| Line::from(Span::styled(l, theme.dim()))));
        }
        let [body] = Layout::vertical([Constraint::Min(1)]).areas(area);
        frame.render_widget(Paragraph::new(lines), body);
        return;
    }
    for i in 0..levels.len() {
        let (marker, text, style) = level_text(i);
        lines.push(Line::from(Span::styled(truncate(&format!("{marker}{text}"), w), style)));
    }
    // The highlighted level in full, with its next step, in the space left.
    let left = h.saturating_sub(lines.len() + 1);
    if left >= 2
        && let Some(scale) = levels.get(walk.highlight)
        && let Some(level) = indicator.level(scale.value)
    {
        lines.push(Line::from(""));
        let mut detail = wrap(
            &format!(
                "{} {}: {}",
                scale.value,
                scale.label.get(lang),
                level.description.get(lang)
            ),
            w,
        );
        if let Some(next) = &level.next {
            detail.extend(wrap(
                &format!(
                    "→ {} {}",
                    lang.pick("Langkah berikutnya:", "Next step:"),
                    next.get(lang)
                ),
                w,
            ));
        }
        let cut = detail.len() > left - 1;
        let mut detail: Vec<String> = detail.into_iter().take(left - 1).collect();
        if cut && let Some(last) = detail.last_mut() {
            let kept = truncate(last, w.saturating_sub(6));
            *last = format!("{} … (i)", kept.trim_end_matches('…').trim_end());
        }
        lines.extend(detail.into_iter().map(|l| Line::from(Span::styled(l, theme.dim()))));
    }
    let [body] = Layout::vertical([Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines), body);
}

/// "Mandiri: A 3.0 · G 2.0 → 2.5 (selisih 1.0)", and for verification the consensus.
fn agreed_context(walk: &WalkState, slot: &SlotKey, kind: AgreedKind, lang: Lang) -> String {
    let consolidated = crate::assessment::consolidated(&walk.assessment);
    let own = match consolidated.get(slot) {
        None => lang
            .pick("belum ada jawaban responden", "no respondent has answered")
            .to_string(),
        Some(summary) => {
            let groups: Vec<String> = summary.group_means.iter().map(|(g, m)| format!("{g} {m:.1}")).collect();
            let mean = match summary.region {
                crate::scoring::Answer::Level(l) => format!("{l:.1}"),
                crate::scoring::Answer::NotApplicable => "N/A".to_string(),
            };
            let gap = match summary.gap {
                Some(g) if summary.gap_flagged() => format!(" · {} {g:.1} ⚠", lang.pick("selisih", "gap")),
                Some(g) => format!(" · {} {g:.1}", lang.pick("selisih", "gap")),
                None => String::new(),
            };
            if groups.is_empty() {
                format!("N/A{gap}")
            } else {
                format!("{} → {mean}{gap}", groups.join(" · "))
            }
        }
    };
    let mut text = format!("{} {own}", lang.pick("Mandiri:", "Self:"));
    if kind == AgreedKind::Verified {
        let consensus = walk
            .assessment
            .agreed
            .iter()
            .find(|a| a.kind == AgreedKind::Consensus && a.indicator == slot.indicator && a.subsector == slot.subsector)
            .and_then(|a| {
                if a.na {
                    Some("N/A".to_string())
                } else {
                    a.level.map(|l| l.to_string())
                }
            })
            .unwrap_or_else(|| "—".to_string());
        text.push_str(&format!(" · {} {consensus}", lang.pick("konsensus:", "consensus:")));
    }
    let own_row = walk
        .assessment
        .agreed
        .iter()
        .find(|a| a.kind == kind && a.indicator == slot.indicator && a.subsector == slot.subsector);
    if kind == AgreedKind::Verified {
        let status = own_row
            .and_then(|a| a.status)
            .map(|s| s.label(lang))
            .unwrap_or_else(|| lang.pick("status belum (t)", "no status yet (t)"));
        text.push_str(&format!(" · {status}"));
    }
    if let Some(dissent) = own_row.map(|a| a.dissent.trim()).filter(|d| !d.is_empty()) {
        text.push_str(&format!(" · {} {dissent}", lang.pick("tidak sepakat:", "dissent:")));
    }
    text
}
