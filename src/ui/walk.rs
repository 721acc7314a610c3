//! The walk: the side list of pillars with progress, and the current indicator with
//! its question, guidance, evidence hint and rubric.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::start::pad;
use super::text::{truncate, truncate_middle, width, wrap, wrap_capped};
use super::theme::Theme;
use crate::app::walk::WalkState;
use crate::assessment::AgreedKind;
use crate::assessment::Walker;
use crate::i18n::{Lang, fmt_one_decimal};
use crate::scoring::SlotKey;

/// The side list's title for an entry: "Kreasi · Kuliner", or "Konsumsi & Apresiasi"
/// for a regional pillar.
pub fn entry_title(walk: &WalkState, entry: usize, lang: Lang) -> String {
    entry_title_fit(walk, entry, lang, usize::MAX)
}

/// The entry's title in at most `max` columns, never the same for two entries: a
/// subsector entry shortens its pillar to a prefix no other pillar shares
/// ("Konsu. · Kuliner", "Konse. · Kriya", then "Konsu·Kuliner") and only then cuts the
/// subsector in its middle; a regional pillar is cut at its end.
pub fn entry_title_fit(walk: &WalkState, entry: usize, lang: Lang, max: usize) -> String {
    let Some(e) = walk.entries.get(entry) else {
        return String::new();
    };
    let first_word = |p: &crate::framework::Pillar| {
        let t = p.title.get(lang);
        t.split_whitespace().next().unwrap_or(t).to_string()
    };
    let Some(pillar) = walk.framework.pillars.get(e.pillar) else {
        return String::new();
    };
    let Some(s) = &e.subsector else {
        return truncate(pillar.title.get(lang), max);
    };
    let subsector = walk.framework.subsector_label(s, lang);
    let word = first_word(pillar);
    let full = format!("{word} · {subsector}");
    if width(&full) <= max {
        return full;
    }
    // One prefix length for every subsector pillar, the shortest that tells them all
    // apart ("Konsu", "Konse"), so the shortened titles line up and never repeat.
    let words: Vec<Vec<char>> = walk
        .framework
        .pillars
        .iter()
        .filter(|p| p.scope == crate::framework::Scope::Subsector)
        .map(|p| first_word(p).chars().collect())
        .collect();
    let longest = words.iter().map(Vec::len).max().unwrap_or(1);
    let k = (1..=longest)
        .find(|k| {
            let mut seen: Vec<Vec<char>> = words.iter().map(|w| w.iter().take(*k).copied().collect()).collect();
            seen.sort();
            seen.windows(2).all(|p| p[0] != p[1])
        })
        .unwrap_or(longest);
    let short: String = word.chars().take(k).collect();
    let rest = max.saturating_sub(width(&short) + 1);
    format!("{short}·{}", truncate_middle(&subsector, rest))
}

/// The side list's width: a third of the screen, narrower when that lets every level
/// of the current indicator be read in full.
fn side_width(walk: &WalkState, recorded: Option<&crate::store::Change>, lang: Lang, area: Rect) -> u16 {
    let normal = (area.width / 3).clamp(20, 34);
    let fits = |side: u16| {
        let w = area.width.saturating_sub(side + 2) as usize;
        let h = area.height as usize;
        [true, false]
            .into_iter()
            .any(|g| full_layout(walk, recorded, lang, w, h, g, Theme { color: false }).is_some())
    };
    // Narrow, but the walker's name ("Verifikasi uji petik") stays whole.
    let narrow = (width(&walk.walker_label(lang)) as u16 + 1).clamp(20, normal);
    if !fits(normal) && narrow < normal && fits(narrow) {
        narrow
    } else {
        normal
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
    let side_w = side_width(walk, recorded, lang, area);
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
    let respondent = walk.walker_label(lang);
    // Who is answering, on two lines when the side list is narrow.
    let mut lines: Vec<Line> = wrap_capped(&respondent, w, 2)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.dim())))
        .collect();
    lines.extend([Line::from(Span::styled(
        truncate(
            &format!(
                "{} {done}/{total}",
                match walk.walker {
                    Walker::Respondent(_) => lang.pick("Terjawab", "Answered"),
                    Walker::Consensus => lang.pick("Disepakati", "Agreed"),
                    Walker::Verified => lang.pick("Diverifikasi", "Verified"),
                }
            ),
            w,
        ),
        theme.bold(),
    ))]);
    if let Some(candidate) = &walk.quick {
        let label = format!(
            "{} · {}",
            lang.pick("Cek cepat", "Quick check"),
            walk.framework.subsector_label(candidate, lang)
        );
        lines.insert(0, Line::from(Span::styled(truncate(&label, w), theme.key())));
    }
    let height = (inner.height as usize).saturating_sub(lines.len());
    let first = walk.entry.saturating_sub(height.saturating_sub(1));
    for i in (0..walk.entries.len()).skip(first).take(height) {
        let (a, t) = walk.progress(i);
        let count = format!(" {a}/{t}");
        let mark = if a == t { "✓" } else { " " };
        let current = i == walk.entry;
        let prefix = if current { "▶" } else { " " };
        let title_w = w.saturating_sub(count.len() + 2);
        let text = format!(
            "{prefix}{}{count}{mark}",
            pad(&entry_title_fit(walk, i, lang, title_w), title_w)
        );
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
            entry_title_fit(walk, walk.entry, lang, w.saturating_sub(width(&position) + 3)),
            theme.title(),
        ),
        Span::styled(format!(" · {position}"), theme.dim()),
    ]));
    // Every level in full when the screen has room: first with the guidance and
    // evidence, then without them (i shows them); otherwise the compact rubric below.
    for with_guidance in [true, false] {
        if let Some(full) = full_layout(walk, recorded, lang, w, h, with_guidance, theme) {
            let mut all = vec![lines.remove(0)];
            all.extend(full);
            frame.render_widget(Paragraph::new(all), area);
            return;
        }
    }
    // Budget the fixed parts so the rubric always fits: question, help, evidence.
    let levels = &walk.framework.scale;
    let context = match walk.walker.agreed() {
        Some(kind) => {
            let mut lines = wrap(&agreed_context(walk, &slot, kind, lang), w);
            // A line of its own, so it never pushes the context's words around.
            if let Some(c) = recorded {
                lines.push(truncate(&recorded_by(c, lang), w));
            }
            lines
        }
        None => Vec::new(),
    };
    let rubric_h = levels.len() + 1 + context.len();
    let spare = h.saturating_sub(1 + rubric_h + 2);
    let question_cap = spare.clamp(1, 4);
    for l in wrap_capped(indicator.text.get(lang), w, question_cap) {
        lines.push(Line::from(Span::styled(l, theme.bold())));
    }
    for text in reference_lines(walk, &slot, lang) {
        lines.push(Line::from(Span::styled(truncate(&text, w), theme.dim())));
    }
    let spare = h.saturating_sub(lines.len() + rubric_h + 2);
    if let Some(help) = &indicator.help
        && spare >= 3
    {
        let cap = (spare / 2).max(1);
        for l in wrap_capped(&walk.framework.humanize_ids(help.get(lang), lang), w, cap) {
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
    lines.push(answer_row(walk, indicator, stored, lang, theme));
    for (i, level) in levels.iter().enumerate() {
        let chosen = stored.is_some_and(|a| !a.na && a.level == Some(level.value));
        let highlighted = walk.highlight == Some(i);
        let description = indicator
            .level(level.value)
            .map(|l| l.description.get(lang).to_string())
            .unwrap_or_default();
        let text = format!(
            "{}{} {} {} — {description}",
            if highlighted { "▶" } else { " " },
            if chosen { "●" } else { "○" },
            level.value,
            level.label.get(lang)
        );
        let style = match (highlighted, chosen) {
            (true, _) => theme.selected(),
            (false, true) => theme.answer(),
            _ => Style::new(),
        };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    // The highlighted level in full, with its next step, in the space left.
    let left = h.saturating_sub(lines.len() + 1);
    if left >= 2
        && let Some(scale) = walk.highlight.and_then(|h| levels.get(h))
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

/// The walk below its title with every level wrapped in full, or `None` when that does
/// not fit in `h - 1` rows of width `w`. With `with_guidance` the question, help and
/// evidence text are also in full; without, the question is capped at four lines and
/// a hint says `i` shows the rest. The highlighted level's next step follows when
/// there is room.
/// Year two: the previous period's level and target of this indicator and the
/// commitments linked to it, as reference only ("Periode 2026: tingkat 2 · target 3
/// (acuan, bukan jawaban)"; `compare::reference_lines`).
fn reference_lines(walk: &WalkState, slot: &crate::scoring::SlotKey, lang: Lang) -> Vec<String> {
    match &walk.previous {
        Some(previous) => crate::compare::reference_lines(previous, slot, lang),
        None => Vec::new(),
    }
}

fn full_layout(
    walk: &WalkState,
    recorded: Option<&crate::store::Change>,
    lang: Lang,
    w: usize,
    h: usize,
    with_guidance: bool,
    theme: Theme,
) -> Option<Vec<Line<'static>>> {
    let indicator = walk.indicator()?;
    let slot = walk.slot()?;
    let answer = walk.answer(&slot);
    let stored = answer.as_ref();
    let budget = h.checked_sub(1)?;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let question = if with_guidance {
        wrap(indicator.text.get(lang), w)
    } else {
        wrap_capped(indicator.text.get(lang), w, 4)
    };
    lines.extend(question.into_iter().map(|l| Line::from(Span::styled(l, theme.bold()))));
    if with_guidance {
        if let Some(help) = &indicator.help {
            lines.extend(
                wrap(&walk.framework.humanize_ids(help.get(lang), lang), w)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.dim()))),
            );
        }
        if let Some(evidence) = &indicator.evidence {
            let text = format!("{} {}", lang.pick("Bukti dukung:", "Evidence:"), evidence.get(lang));
            lines.extend(wrap(&text, w).into_iter().map(Line::from));
        }
    }
    for text in reference_lines(walk, &slot, lang) {
        lines.extend(
            wrap(&text, w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.dim()))),
        );
    }
    if let Some(kind) = walk.walker.agreed() {
        lines.extend(
            wrap(&agreed_context(walk, &slot, kind, lang), w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.key()))),
        );
        if let Some(c) = recorded {
            lines.push(Line::from(Span::styled(
                truncate(&recorded_by(c, lang), w),
                theme.dim(),
            )));
        }
    }
    let mut row = answer_row(walk, indicator, stored, lang, theme);
    if !with_guidance && (indicator.help.is_some() || indicator.evidence.is_some()) {
        row.spans.push(Span::styled(
            lang.pick("  · i panduan & bukti", "  · i guidance & evidence"),
            theme.dim(),
        ));
    }
    lines.push(row);
    for (i, level) in walk.framework.scale.iter().enumerate() {
        let chosen = stored.is_some_and(|a| !a.na && a.level == Some(level.value));
        let highlighted = walk.highlight == Some(i);
        let description = indicator
            .level(level.value)
            .map(|l| l.description.get(lang).to_string())
            .unwrap_or_default();
        let style = match (highlighted, chosen) {
            (true, _) => theme.selected(),
            (false, true) => theme.answer(),
            _ => Style::new(),
        };
        let text = format!("{} {} — {description}", level.value, level.label.get(lang));
        for (k, l) in wrap(&text, w.saturating_sub(3)).into_iter().enumerate() {
            let prefix = if k > 0 {
                "   ".to_string()
            } else {
                format!(
                    "{}{} ",
                    if highlighted { "▶" } else { " " },
                    if chosen { "●" } else { "○" }
                )
            };
            lines.push(Line::from(Span::styled(format!("{prefix}{l}"), style)));
        }
        if lines.len() > budget {
            return None;
        }
    }
    // The highlighted level's next step, whole or not at all.
    if let Some(scale) = walk.highlight.and_then(|i| walk.framework.scale.get(i))
        && let Some(next) = indicator.level(scale.value).and_then(|l| l.next.as_ref())
    {
        let step = wrap(
            &format!(
                "→ {} {} {}: {}",
                lang.pick("Langkah berikutnya dari", "Next step from"),
                scale.value,
                scale.label.get(lang),
                next.get(lang)
            ),
            w,
        );
        if lines.len() + 1 + step.len() <= budget {
            lines.push(Line::from(""));
            lines.extend(step.into_iter().map(|l| Line::from(Span::styled(l, theme.dim()))));
        }
    }
    Some(lines)
}

/// "Jawaban: 2 Berkembang · catatan ✎ · x = N/A", the line above the levels.
fn answer_row(
    walk: &WalkState,
    indicator: &crate::framework::Indicator,
    stored: Option<&crate::app::walk::SlotAnswer>,
    lang: Lang,
    theme: Theme,
) -> Line<'static> {
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
            None => unanswered(walk, lang).to_string(),
        },
        None => unanswered(walk, lang).to_string(),
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
    Line::from(vec![
        Span::styled(answer_line, theme.answer()),
        Span::styled(
            if extras.is_empty() {
                String::new()
            } else {
                format!("  · {}", extras.join(" · "))
            },
            theme.dim(),
        ),
    ])
}

/// What an indicator without a level of this walk's walker is called.
fn unanswered(walk: &WalkState, lang: Lang) -> &'static str {
    match walk.walker {
        Walker::Respondent(_) => lang.pick("Belum dijawab", "Not answered yet"),
        Walker::Consensus => lang.pick("Belum disepakati", "Not agreed yet"),
        Walker::Verified => lang.pick("Belum diverifikasi", "Not verified yet"),
    }
}

/// "Mandiri: A 3.0 · G 2.0 → 2.5 (selisih 1.0)", and for verification the consensus.
fn agreed_context(walk: &WalkState, slot: &SlotKey, kind: AgreedKind, lang: Lang) -> String {
    let consolidated = crate::assessment::consolidated(&walk.assessment);
    let own = match consolidated.get(slot) {
        None => lang
            .pick("belum ada jawaban responden", "no respondent has answered")
            .to_string(),
        Some(summary) => {
            let groups: Vec<String> = summary
                .group_means
                .iter()
                .map(|(g, m)| format!("{g} {}", fmt_one_decimal(*m)))
                .collect();
            let mean = match summary.region {
                crate::scoring::Answer::Level(l) => fmt_one_decimal(l),
                crate::scoring::Answer::NotApplicable => "N/A".to_string(),
            };
            let gap = match summary.gap {
                Some(g) if summary.gap_flagged() => {
                    format!(" · {} {} ⚠", lang.pick("selisih", "gap"), fmt_one_decimal(g))
                }
                Some(g) => format!(" · {} {}", lang.pick("selisih", "gap"), fmt_one_decimal(g)),
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
