//! The results screen: summary with bars and a radar chart, potential and problems,
//! recommendations by helix actor, and targets with projected scores.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};

use super::bar;
use super::start::pad;
use super::text::{truncate, width, wrap, wrap_capped};
use super::theme::Theme;
use crate::app::results::{ResultsState, TABS, Tab};
use crate::i18n::{Lang, fmt_level, fmt_percent, fmt_score};
use crate::summary::{BasisSummary, Labels, PillarLine};

/// Width from which the radar chart is drawn beside the bars.
pub const RADAR_MIN_WIDTH: u16 = 110;

pub fn draw(state: &ResultsState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let [tabs, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let mut spans = Vec::new();
    for tab in TABS {
        let style = if *tab == state.tab {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {} ", tab.title(lang)), style));
        spans.push(Span::raw(" "));
    }
    let message = state.message.clone().unwrap_or_default();
    frame.render_widget(
        Paragraph::new(vec![Line::from(spans), Line::from(Span::styled(message, theme.dim()))]),
        tabs,
    );
    match state.tab() {
        Tab::Summary => summary(state, lang, frame, body, theme),
        Tab::Potential => potential(state, lang, frame, body, theme),
        Tab::Recommendations => recommendations(state, lang, frame, body, theme),
        Tab::Targets => targets(state, lang, frame, body, theme),
    }
}

fn headline(s: &BasisSummary, state: &ResultsState, lang: Lang) -> String {
    let labels = Labels::new(&state.framework, lang);
    // Which ecosystem the scores below are for, and why that one.
    let candidate = s
        .headline_candidate
        .as_deref()
        .map(|c| {
            // "disarankan" only for the suggestion itself: never for a candidate that
            // heads the screen because nothing is scored yet.
            let why = if s.chosen_flagship.as_deref() == Some(c) {
                Some(lang.pick("dipilih", "chosen"))
            } else if state.quick.as_ref().is_some_and(|q| q.candidate == c) {
                Some(lang.pick("cek cepat", "quick check"))
            } else if s.suggested_flagship.as_deref() == Some(c) {
                Some(lang.pick("disarankan", "suggested"))
            } else {
                None
            };
            format!(
                " · {} {}{}",
                lang.pick("ekosistem", "ecosystem"),
                state.framework.subsector_label(c, lang),
                why.map(|w| format!(" ({w})")).unwrap_or_default()
            )
        })
        .unwrap_or_default();
    format!(
        "{} {}{} · {} {}{candidate}",
        lang.pick("Skor utama", "Headline score"),
        fmt_score(s.headline_score),
        labels
            .band(s.headline_band)
            .map(|b| format!(" ({b})"))
            .unwrap_or_default(),
        lang.pick("kelengkapan", "completeness"),
        fmt_percent(s.completeness),
    )
}

/// A pillar row: " title bar score band completeness" and `beside` (the consensus and
/// verified scores), cut to `w`; the bar and the band's name in the band's colours
/// ([`Theme::band_bar`], [`Theme::band_label`]), the rest in the terminal's own.
fn pillar_row(
    p: &PillarLine,
    labels: Labels,
    beside: &str,
    (title_w, bar_w, w): (usize, usize, usize),
    band: Option<(usize, usize)>,
    theme: Theme,
) -> Line<'static> {
    let name = truncate(labels.band(p.band).unwrap_or("—"), 11);
    let pieces = [
        (format!(" {} ", pad(labels.pillar(&p.pillar), title_w)), Style::new()),
        (bar(p.score.unwrap_or(0.0) / 100.0, bar_w), theme.band_bar(band)),
        (format!(" {:>5} ", fmt_score(p.score)), Style::new()),
        (name.clone(), theme.band_label(band)),
        (
            format!(
                "{} {:>4}{beside}",
                " ".repeat(11 - width(&name).min(11)),
                fmt_percent(p.completeness)
            ),
            Style::new(),
        ),
    ];
    // Cut as the whole line would be, then give each piece its own characters back.
    let whole: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
    let mut cut = truncate(&whole, w).chars().collect::<Vec<_>>().into_iter();
    let spans: Vec<Span<'static>> = pieces
        .iter()
        .map(|(text, style)| Span::styled(cut.by_ref().take(text.chars().count()).collect::<String>(), *style))
        .filter(|s| !s.content.is_empty())
        .collect();
    Line::from(spans)
}

fn summary(state: &ResultsState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let s = &state.summary.self_assessed;
    let labels = Labels::new(&state.framework, lang);
    let (text_area, radar_area) = if area.width >= RADAR_MIN_WIDTH && area.height >= 14 {
        let [a, b] =
            Layout::horizontal([Constraint::Min(76), Constraint::Length((area.width / 3).min(60))]).areas(area);
        (a, Some(b))
    } else {
        (area, None)
    };
    let w = text_area.width as usize;
    let mut lines = vec![Line::from(Span::styled(
        truncate(&format!(" {}", headline(s, state, lang)), w),
        theme.title(),
    ))];
    if let Some(quick) = &state.quick {
        for l in wrap_capped(
            &quick.label(&state.framework, s.completeness, lang),
            w.saturating_sub(1),
            2,
        ) {
            lines.push(Line::from(Span::styled(format!(" {l}"), theme.warn())));
        }
        let cap = if text_area.height >= 16 { 3 } else { 1 };
        for l in wrap_capped(crate::quick::QuickStatus::caveat(lang), w.saturating_sub(1), cap) {
            lines.push(Line::from(Span::styled(format!(" {l}"), theme.dim())));
        }
    }
    for (label, other) in [
        (lang.pick("Konsensus", "Consensus"), &state.summary.consensus),
        (lang.pick("Terverifikasi", "Verified"), &state.summary.verified),
    ] {
        if let Some(o) = other {
            let coverage = o
                .coverage
                .map(|c| format!(" · {}", c.text(o.basis, lang)))
                .unwrap_or_default();
            let candidate = o
                .headline_candidate
                .as_deref()
                .map(|c| format!(" · {}", state.framework.subsector_label(c, lang)))
                .unwrap_or_default();
            lines.push(Line::from(truncate(
                &format!(
                    " {label}: {} {}{coverage}{candidate}",
                    fmt_score(o.headline_score),
                    labels.band(o.headline_band).unwrap_or("")
                ),
                w,
            )));
        }
    }
    lines.push(Line::from(""));
    // Consensus and verified pillar scores stand beside the self-assessment.
    let others: Vec<(&str, &BasisSummary)> = [
        (lang.pick("Kons.", "Cons."), state.summary.consensus.as_ref()),
        (lang.pick("Verif.", "Verif."), state.summary.verified.as_ref()),
    ]
    .into_iter()
    .filter_map(|(label, b)| b.map(|b| (label, b)))
    .collect();
    let extra_w = 7 * others.len();
    let title_w = (w / 3).clamp(12, 30);
    let bar_w = w.saturating_sub(title_w + 27 + extra_w).clamp(5, 30);
    if !others.is_empty() {
        let header = format!(
            " {}{}",
            " ".repeat(title_w + bar_w + 25),
            others.iter().map(|(l, _)| format!(" {l:>6}")).collect::<String>()
        );
        lines.push(Line::from(Span::styled(truncate(&header, w), theme.dim())));
    }
    // The pillars of the candidate the highlight is on (↑↓ moves it).
    let (shown, pillars) = state.shown_pillars();
    let others = if shown == s.headline_candidate.as_deref() {
        others
    } else {
        Vec::new()
    };
    if let Some(c) = shown
        && s.candidates.len() > 1
    {
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    " {} {} (↑↓ {})",
                    lang.pick("Pilar untuk", "Pillars for"),
                    state.framework.subsector_label(c, lang),
                    lang.pick("subsektor lain", "another subsector")
                ),
                w,
            ),
            theme.dim(),
        )));
    }
    for p in pillars {
        let beside: String = others
            .iter()
            .map(|(_, b)| {
                let score = b.pillars.iter().find(|q| q.pillar == p.pillar).and_then(|q| q.score);
                format!(" {:>6}", fmt_score(score))
            })
            .collect();
        let band = p.band.map(|rank| (rank, state.framework.bands.len()));
        lines.push(pillar_row(p, labels, &beside, (title_w, bar_w, w), band, theme));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        truncate(
            &format!(
                " {} (f = {})",
                lang.pick(
                    "Subsektor kandidat menurut skor ekosistem",
                    "Candidate subsectors by ecosystem score"
                ),
                lang.pick("tetapkan unggulan", "choose flagship")
            ),
            w,
        ),
        theme.bold(),
    )));
    for (i, c) in s.candidates.iter().enumerate() {
        let mut marks = Vec::new();
        if c.suggested {
            marks.push(lang.pick("disarankan", "suggested"));
        }
        if c.chosen {
            marks.push(lang.pick("DIPILIH", "CHOSEN"));
        }
        let text = format!(
            "{}{}. {} {:>5} {} · {} {}  {}",
            if i == state.selected { "▶" } else { " " },
            i + 1,
            pad(&labels.subsector(c.candidate.as_deref()), title_w),
            fmt_score(c.score),
            labels.band(c.band).unwrap_or("—"),
            lang.pick("lengkap", "complete"),
            fmt_percent(c.completeness),
            marks.join(", ")
        );
        let style = if i == state.selected {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    let skip = lines
        .len()
        .saturating_sub(text_area.height as usize)
        .min(state.selected);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        text_area,
    );
    if let Some(radar) = radar_area {
        draw_radar(state, lang, frame, radar, theme);
    }
}

/// Short radar labels: each pillar's first word, cut to the shortest prefix (at least
/// five letters) that no other pillar shares, marked with a period when cut.
fn radar_names(pillars: &[PillarLine], labels: Labels) -> Vec<String> {
    let words: Vec<Vec<char>> = pillars
        .iter()
        .map(|p| {
            labels
                .pillar(&p.pillar)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .chars()
                .collect()
        })
        .collect();
    let longest = words.iter().map(Vec::len).max().unwrap_or(1);
    let k = (5..=longest.max(5))
        .find(|k| {
            let mut cut: Vec<Vec<char>> = words.iter().map(|w| w.iter().take(*k).copied().collect()).collect();
            cut.sort();
            cut.windows(2).all(|p| p[0] != p[1])
        })
        .unwrap_or(longest);
    words
        .iter()
        .map(|w| {
            if w.len() <= k + 1 {
                w.iter().collect()
            } else {
                format!("{}.", w.iter().take(k).collect::<String>())
            }
        })
        .collect()
}

/// A radar chart of pillar scores in braille: the self-assessment, and the consensus
/// and verified scores as their own polygons when recorded. Labels (a short name over
/// the score) sit outside the outer ring, whole, never over a line; a pillar without a
/// score sits at the centre and its label says "—" (never 0).
fn draw_radar(state: &ResultsState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let pillars = &state.summary.self_assessed.pillars;
    let n = pillars.len();
    if n < 3 {
        return;
    }
    let names = radar_names(pillars, Labels::new(&state.framework, lang));
    let label_w = names.iter().map(|s| width(s)).max().unwrap_or(4).max(5) as i32;
    // Radius in rows; a cell is about twice as tall as wide, so twice that in columns.
    let w = i32::from(area.width);
    let h = i32::from(area.height);
    let ry = ((w / 2 - 2 - label_w) / 2).min((h - 6) / 2).min(10);
    if ry < 3 {
        return;
    }
    let rx = 2 * ry;
    let cx = i32::from(area.x) + w / 2;
    let cy = i32::from(area.y) + ry + 3;
    let plot = Rect {
        x: (cx - rx) as u16,
        y: (cy - ry) as u16,
        width: (2 * rx + 1) as u16,
        height: (2 * ry + 1) as u16,
    };
    let angle = |i: usize| std::f64::consts::PI / 2.0 - 2.0 * std::f64::consts::PI * i as f64 / n as f64;
    let point = |i: usize, r: f64| (r * angle(i).cos(), r * angle(i).sin());
    let bases: Vec<(Vec<Option<f64>>, ratatui::style::Color)> = [
        (
            Some(&state.summary.self_assessed),
            theme.bar().fg.unwrap_or(ratatui::style::Color::Reset),
        ),
        (state.summary.consensus.as_ref(), ratatui::style::Color::Yellow),
        (state.summary.verified.as_ref(), ratatui::style::Color::Magenta),
    ]
    .into_iter()
    .filter_map(|(b, color)| {
        let b = b?;
        let scores = pillars
            .iter()
            .map(|p| b.pillars.iter().find(|q| q.pillar == p.pillar).and_then(|q| q.score))
            .collect();
        Some((
            scores,
            if theme.color {
                color
            } else {
                ratatui::style::Color::Reset
            },
        ))
    })
    .collect();
    let grid = if theme.color {
        ratatui::style::Color::DarkGray
    } else {
        ratatui::style::Color::Reset
    };
    let drawn = bases.clone();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-100.0, 100.0])
        .y_bounds([-100.0, 100.0])
        .paint(move |ctx| {
            for ring in [50.0, 100.0] {
                for i in 0..n {
                    let (x1, y1) = point(i, ring);
                    let (x2, y2) = point((i + 1) % n, ring);
                    ctx.draw(&CanvasLine {
                        x1,
                        y1,
                        x2,
                        y2,
                        color: grid,
                    });
                }
            }
            for i in 0..n {
                let (x, y) = point(i, 100.0);
                ctx.draw(&CanvasLine {
                    x1: 0.0,
                    y1: 0.0,
                    x2: x,
                    y2: y,
                    color: grid,
                });
            }
            for (scores, color) in &drawn {
                ctx.layer();
                for i in 0..n {
                    let (x1, y1) = point(i, scores[i].unwrap_or(0.0));
                    let (x2, y2) = point((i + 1) % n, scores[(i + 1) % n].unwrap_or(0.0));
                    ctx.draw(&CanvasLine {
                        x1,
                        y1,
                        x2,
                        y2,
                        color: *color,
                    });
                }
            }
        });
    frame.render_widget(canvas, plot);
    // Labels: name over score, just outside the outer ring, shifted inward rather
    // than cut at the area's edge.
    let buf = frame.buffer_mut();
    let left = i32::from(area.x);
    let right = i32::from(area.x) + w;
    for (i, p) in pillars.iter().enumerate() {
        let (c, sn) = (angle(i).cos(), angle(i).sin());
        let col = cx + ((f64::from(rx) + 3.0) * c).round() as i32;
        let row = cy - ((f64::from(ry) + 1.0) * sn).round() as i32;
        let lines = [names[i].clone(), fmt_score(p.score)];
        let top = if sn > 0.7 { row - 1 } else { row };
        for (k, text) in lines.iter().enumerate() {
            let tw = width(text) as i32;
            let mut x = if c > 0.3 {
                col
            } else if c < -0.3 {
                col - tw + 1
            } else {
                col - tw / 2
            };
            x = x.clamp(left, (right - tw).max(left));
            let y = top + k as i32;
            if y >= i32::from(area.y) && y < i32::from(area.y) + h {
                buf.set_string(x as u16, y as u16, text, Style::new());
            }
        }
    }
    // Which line is which, when there is more than one.
    if bases.len() > 1 {
        let y = cy + ry + 3;
        if y < i32::from(area.y) + h {
            let names = [
                lang.pick("mandiri", "self"),
                lang.pick("konsensus", "consensus"),
                lang.pick("terverifikasi", "verified"),
            ];
            let marks = ["━", "━", "━"];
            let mut x = left;
            for (k, (_, color)) in bases.iter().enumerate() {
                let text = format!("{} {} ", marks[k], names[k]);
                let tw = width(&text) as i32;
                if x + tw > right {
                    break;
                }
                buf.set_string(x as u16, y as u16, &text, Style::new().fg(*color));
                x += tw;
            }
        }
    }
}

/// Which pillar (by id) and subsector a row is about, short: "Kreasi · Kuliner", "Kebijakan".
fn where_short(state: &ResultsState, pillar: &str, subsector: Option<&str>, lang: Lang) -> String {
    let title = state
        .framework
        .pillar(pillar)
        .map(|p| p.title.get(lang))
        .unwrap_or(pillar);
    let word = title.split_whitespace().next().unwrap_or(title).to_string();
    match subsector {
        Some(s) => format!("{word} · {}", state.framework.subsector_label(s, lang)),
        None => word,
    }
}

fn potential(state: &ResultsState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width as usize;
    let (strongest, weakest) = state.potential_rows();
    let labels = Labels::new(&state.framework, lang);
    let mut lines: Vec<Line> = Vec::new();
    let mut index = 0;
    let mut focus_line = 0;
    for (title, rows) in [
        (
            lang.pick("Potensi — indikator terkuat", "Potential — strongest indicators"),
            strongest,
        ),
        (
            lang.pick("Permasalahan — indikator terlemah", "Problems — weakest indicators"),
            weakest,
        ),
    ] {
        lines.push(Line::from(Span::styled(format!(" {title}"), theme.bold())));
        if rows.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("   {}", lang.pick("(belum ada jawaban)", "(no answers yet)")),
                theme.dim(),
            )));
        }
        for line in rows {
            let selected = index == state.selected;
            if selected {
                focus_line = lines.len();
            }
            let text = format!(
                "{} {:>4} [{}] {}",
                if selected { "▶" } else { " " },
                fmt_level(line.level),
                where_short(state, &line.pillar, line.subsector.as_deref(), lang),
                labels.indicator(&line.indicator)
            );
            let style = if selected { theme.selected() } else { Style::new() };
            lines.push(Line::from(Span::styled(truncate(&text, w), style)));
            let description = labels.description(&line.indicator, line.level);
            for l in wrap_capped(description, w.saturating_sub(7), if selected { 3 } else { 1 }) {
                lines.push(Line::from(Span::styled(format!("       {l}"), theme.dim())));
            }
            index += 1;
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        format!(
            " {}",
            lang.pick(
                "Praktik baik & permasalahan per pilar",
                "Best practices & problems by pillar"
            )
        ),
        theme.bold(),
    )));
    let mut any = false;
    for t in &state.assessment.pillar_texts {
        if t.body.trim().is_empty() {
            continue;
        }
        any = true;
        let pillar = state
            .framework
            .pillar(&t.pillar)
            .map(|p| p.title.get(lang).to_string())
            .unwrap_or_default();
        let sub = t
            .subsector
            .as_deref()
            .map(|s| format!(" · {}", state.framework.subsector_label(s, lang)))
            .unwrap_or_default();
        let kind = match t.kind {
            crate::assessment::TextKind::BestPractice => lang.pick("praktik baik", "best practice"),
            crate::assessment::TextKind::Problem => lang.pick("permasalahan", "problem"),
        };
        lines.push(Line::from(truncate(
            &format!("   {pillar}{sub} ({kind}): {}", t.body.replace('\n', " / ")),
            w,
        )));
    }
    if !any {
        lines.push(Line::from(Span::styled(
            format!(
                "   {}",
                lang.pick(
                    "(belum diisi — tombol b / m di pengisian)",
                    "(none yet — keys b / m in the walk)"
                )
            ),
            theme.dim(),
        )));
    }
    // On the last row, show as much of the texts below as fits.
    let rows = state.potential_rows();
    let last = state.selected + 1 >= rows.0.len() + rows.1.len();
    let focus = if last {
        (focus_line + (area.height as usize).saturating_sub(3)).min(lines.len().saturating_sub(1))
    } else {
        focus_line + 3
    };
    scroll_render(lines, focus, frame, area);
}

fn recommendations(state: &ResultsState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width as usize;
    let recs = state.recommendations();
    let labels = Labels::new(&state.framework, lang);
    let filter = match &state.actor_filter {
        Some(a) => state.framework.actor_label(*a, lang),
        None => lang.pick("semua aktor", "all actors").to_string(),
    };
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                " {} {} (o) · {} · {} (a) · {}",
                lang.pick("Dasar:", "Basis:"),
                crate::app::results::basis_name(state.rec_summary().basis, lang),
                lang.pick(
                    "urut menurut potensi (poin bila mencapai level tertinggi)",
                    "ranked by potential (points at the top level)"
                ),
                filter,
                lang.pick("Enter: buka indikator", "Enter: open indicator")
            ),
            w,
        ),
        theme.dim(),
    ))];
    // What the actor codes in [B,G] stand for.
    let legend: Vec<String> = state
        .framework
        .actors
        .iter()
        .map(|a| format!("{} {}", a.id, a.label.get(lang)))
        .collect();
    for l in wrap_capped(
        &format!("{} {}", lang.pick("Pemimpin:", "Leads:"), legend.join(" · ")),
        w.saturating_sub(1),
        2,
    ) {
        lines.push(Line::from(Span::styled(format!(" {l}"), theme.dim())));
    }
    let header_len = lines.len();
    if recs.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("   {}", lang.pick("(tidak ada rekomendasi)", "(no recommendations)")),
            theme.dim(),
        )));
    }
    for (i, r) in recs.iter().enumerate() {
        let selected = i == state.selected;
        let lead = r.lead.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(",");
        let text = format!(
            "{} {:>5} {}→{} [{lead}] {} — {}",
            if selected { "▶" } else { " " },
            format!("+{}", crate::i18n::fmt_one_decimal(r.gain)),
            r.from_level,
            r.next_level,
            where_short(state, &r.pillar, r.subsector.as_deref(), lang),
            labels.indicator(&r.indicator)
        );
        let style = if selected { theme.selected() } else { Style::new() };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
        if selected {
            let potential = format!(
                "{} {}→{}: +{} {} (+{} {} {})",
                lang.pick("Langkah berikut", "Next step"),
                r.from_level,
                r.next_level,
                crate::i18n::fmt_one_decimal(r.next_gain),
                lang.pick("poin", "points"),
                crate::i18n::fmt_one_decimal(r.gain),
                lang.pick("bila mencapai level", "at level"),
                state.framework.scale_range().1
            );
            lines.push(Line::from(Span::styled(format!("    {potential}"), theme.dim())));
            let next_step = labels.next_step(&r.indicator, r.from_level);
            for l in wrap(&format!("→ {next_step}"), w.saturating_sub(4)) {
                lines.push(Line::from(Span::styled(format!("    {l}"), theme.dim())));
            }
        }
    }
    scroll_render(lines, state.selected + header_len, frame, area);
}

fn targets(state: &ResultsState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width as usize;
    let s = &state.summary.self_assessed;
    let projected = state.summary.projected.as_ref();
    let labels = Labels::new(&state.framework, lang);
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                " {} {} → {} {} · {}",
                lang.pick("Skor utama", "Headline"),
                fmt_score(s.headline_score),
                lang.pick("proyeksi", "projected"),
                fmt_score(projected.and_then(|p| p.headline_score).or(s.headline_score)),
                lang.pick("+/- ubah target", "+/- change target")
            ),
            w,
        ),
        theme.title(),
    ))];
    let pillars: Vec<String> = s
        .pillars
        .iter()
        .map(|p| {
            let after = projected
                .and_then(|x| x.pillars.iter().find(|q| q.pillar == p.pillar))
                .and_then(|q| q.score)
                .or(p.score);
            format!(
                "{} {}→{}",
                truncate(labels.pillar(&p.pillar), 10),
                fmt_score(p.score),
                fmt_score(after)
            )
        })
        .collect();
    for l in wrap(&pillars.join(" · "), w.saturating_sub(1)) {
        lines.push(Line::from(Span::styled(format!(" {l}"), theme.dim())));
    }
    let header_len = lines.len();
    for (i, row) in state.target_rows().iter().enumerate() {
        let selected = i == state.selected;
        let now = match (row.na, row.current) {
            (true, _) => "N/A".to_string(),
            (false, Some(c)) => fmt_level(c),
            (false, None) => "—".to_string(),
        };
        let target = row.target.map(|t| format!("→ {t}")).unwrap_or_else(|| "    ".into());
        let text = format!(
            "{} {:>4} {:<4} {} · {}",
            if selected { "▶" } else { " " },
            now,
            target,
            where_short(state, &row.pillar, row.slot.subsector.as_deref(), lang),
            labels.indicator(&row.slot.indicator)
        );
        let style = if selected {
            theme.selected()
        } else if row.target.is_some() {
            theme.answer()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    scroll_render(lines, header_len + state.selected, frame, area);
}

/// Renders lines, scrolled so that line `focus` is visible.
fn scroll_render(lines: Vec<Line>, focus: usize, frame: &mut Frame, area: Rect) {
    let h = area.height as usize;
    let skip = (focus + 2).saturating_sub(h).min(lines.len().saturating_sub(1));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()), area);
}
