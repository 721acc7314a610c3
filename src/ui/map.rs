//! The national map screen: a heatmap table of every region (colour where allowed,
//! shading characters under NO_COLOR), its coverage of the 514, and on Tab the
//! per-province summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::place_cursor;
use super::start::pad;
use super::text::{truncate, width};
use super::theme::Theme;
use crate::app::bindings::{Action, Mode, keyed};
use crate::app::map::{FIXED_COLUMNS, MapState};
use crate::i18n::{Lang, fmt_score};
use crate::map::shade;

/// Pillar headings are the shortest prefixes, 4 or 5 letters, that tell them apart:
/// "konsu" and "konse", never "kons" twice.
fn distinct_prefix_len(pillars: &[String]) -> usize {
    (4..=5)
        .find(|n| {
            let mut seen: Vec<String> = pillars.iter().map(|p| p.chars().take(*n).collect()).collect();
            seen.sort();
            seen.windows(2).all(|w| w[0] != w[1])
        })
        .unwrap_or(5)
}

/// "Kabupaten X" → "Kab. X": the map's region column is narrow.
fn short_region(name: &str) -> String {
    match name.strip_prefix("Kabupaten ") {
        Some(rest) => format!("Kab. {rest}"),
        None => name.to_string(),
    }
}

/// A pillar cell: the score in a band colour, or with a shading character under
/// NO_COLOR, so the heatmap reads either way.
fn cell(score: Option<f64>, assessed: bool, w: usize, theme: Theme) -> Span<'static> {
    let Some(s) = score else {
        return Span::raw(format!("{:>w$}", if assessed { "—" } else { "" }));
    };
    let number = format!("{:.0}", crate::i18n::round_half_away(s, 0));
    if theme.color {
        let bg = match s {
            s if s < 40.0 => Color::Red,
            s if s < 60.0 => Color::Yellow,
            s if s < 80.0 => Color::Green,
            _ => Color::Blue,
        };
        Span::styled(format!("{number:>w$}"), Style::new().bg(bg).fg(Color::Black))
    } else {
        Span::raw(format!("{}{number:>n$}", shade(score), n = w.saturating_sub(1)))
    }
}

pub fn draw(state: &MapState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let [top, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let map = &state.map;
    let rows = state.visible(lang);
    let coverage = match lang {
        Lang::Id => format!(
            " {} dari {} daerah sudah dinilai · kerangka {} · urut: {}{}",
            map.assessed,
            map.rows.len(),
            map.framework,
            state.column_name(state.sort, lang),
            if state.descending { " ↓" } else { " ↑" }
        ),
        Lang::En => format!(
            " {} of {} regions assessed · framework {} · sorted by: {}{}",
            map.assessed,
            map.rows.len(),
            map.framework,
            state.column_name(state.sort, lang),
            if state.descending { " ↓" } else { " ↑" }
        ),
    };
    let filter_line = if state.filtering || !state.filter.text().is_empty() {
        Line::from(vec![
            Span::styled(format!(" {} ", lang.pick("Cari:", "Filter:")), theme.key()),
            Span::raw(state.filter.text().to_string()),
            Span::styled(
                format!("  ({} {})", rows.len(), lang.pick("baris", "rows")),
                theme.dim(),
            ),
        ])
    } else {
        Line::from(Span::styled(
            format!(
                " {}",
                keyed(
                    Mode::Map,
                    &[
                        (Action::SortNext, lang.pick("urutkan", "sort")),
                        (Action::SortReverse, lang.pick("balik", "reverse")),
                        (Action::Filter, lang.pick("cari", "filter")),
                        (
                            Action::ToggleProvinces,
                            lang.pick("ringkasan provinsi", "province summary")
                        ),
                        (Action::Choose, lang.pick("hasil", "results")),
                    ],
                    lang,
                )
            ),
            theme.dim(),
        ))
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(truncate(&coverage, top.width as usize), theme.bold())),
            filter_line,
        ]),
        top,
    );
    if state.filtering {
        let col = 1 + width(lang.pick("Cari:", "Filter:")) + 1 + state.filter.cursor_columns();
        place_cursor(frame, top, col, 1);
    }
    if state.show_provinces {
        draw_provinces(state, lang, frame, body, theme);
        return;
    }
    let w = body.width as usize;
    // Columns: code, region (flexible), province, score, band, flagship, stage, pillars.
    let prefix_len = distinct_prefix_len(&map.pillars);
    let pillar_w = prefix_len + 1;
    let pillars_w = map.pillars.len() * (pillar_w + 1);
    let (code_w, province_w, score_w, band_w, flagship_w, stage_w) = (5, 14, 5, 10, 10, 9);
    let fixed =
        2 + code_w + 1 + 1 + province_w + 1 + score_w + 1 + band_w + 1 + flagship_w + 1 + stage_w + 1 + pillars_w;
    // The region's name comes before the heatmap: at least 18 columns (the pillar
    // columns are cut at the right edge instead), more when the screen has room.
    let without_heatmap = w.saturating_sub(fixed - pillars_w);
    let region_w = w.saturating_sub(fixed).max(without_heatmap.min(18)).max(8);
    let heading = |i: usize, label: String, cw: usize| {
        let marker = if i == state.sort {
            if state.descending { "↓" } else { "↑" }
        } else {
            ""
        };
        pad(&format!("{label}{marker}"), cw)
    };
    let mut header = format!(
        "  {} {} {} {} {} {} {}",
        heading(0, lang.pick("Kode", "Code").into(), code_w),
        heading(1, lang.pick("Daerah", "Region").into(), region_w),
        heading(2, lang.pick("Provinsi", "Province").into(), province_w),
        heading(3, lang.pick("Skor", "Score").into(), score_w),
        heading(4, lang.pick("Kategori", "Band").into(), band_w),
        heading(5, lang.pick("Unggulan", "Flagship").into(), flagship_w),
        heading(6, lang.pick("Tahap", "Stage").into(), stage_w),
    );
    for (i, p) in map.pillars.iter().enumerate() {
        header.push(' ');
        header.push_str(&heading(
            FIXED_COLUMNS + i,
            p.chars().take(prefix_len).collect(),
            pillar_w,
        ));
    }
    let height = (body.height as usize).saturating_sub(1);
    let first = state.selected.saturating_sub(height.saturating_sub(1));
    let mut lines = vec![Line::from(Span::styled(truncate(&header, w), theme.bold()))];
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.pick("  Tidak ada yang cocok.", "  Nothing matches."),
            theme.dim(),
        )));
    }
    for (i, r) in rows.iter().enumerate().skip(first).take(height) {
        let selected = i == state.selected;
        let style = if selected {
            theme.selected()
        } else if r.assessment.is_none() {
            theme.dim()
        } else {
            Style::new()
        };
        let assessed = r.assessment.is_some();
        let stage = r
            .stage
            .map(|s| s.label(lang).to_string())
            .unwrap_or_else(|| lang.pick("belum", "none").to_string());
        let text = format!(
            "{}{} {} {} {:>score_w$} {} {} {}",
            if selected { "▶ " } else { "  " },
            pad(r.code.as_deref().unwrap_or(lang.pick("tanpa", "none")), code_w),
            // "Kab. Aceh Selatan", cut in the middle so that two regions never read alike.
            pad(
                &super::text::truncate_middle(&short_region(&r.region), region_w),
                region_w
            ),
            pad(&r.province, province_w),
            if assessed { fmt_score(r.score) } else { String::new() },
            pad(
                &truncate(r.band.as_deref().unwrap_or(if assessed { "—" } else { "" }), band_w),
                band_w
            ),
            pad(
                &truncate(r.flagship_label.as_deref().unwrap_or(""), flagship_w),
                flagship_w
            ),
            pad(&stage, stage_w),
        );
        let mut spans = vec![Span::styled(text, style)];
        for s in &r.pillars {
            spans.push(Span::raw(" "));
            spans.push(cell(*s, assessed, pillar_w, theme));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

fn draw_provinces(state: &MapState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width as usize;
    let header = format!(
        "  {} {:>7} {:>7} {:>7}  {}",
        pad(lang.pick("Provinsi", "Province"), 28),
        lang.pick("Daerah", "Regions"),
        lang.pick("Dinilai", "Assessed"),
        lang.pick("Rerata", "Mean"),
        lang.pick("Pilar terlemah", "Weakest pillar"),
    );
    let mut lines = vec![Line::from(Span::styled(truncate(&header, w), theme.bold()))];
    for p in state
        .map
        .provinces
        .iter()
        .take((area.height as usize).saturating_sub(1))
    {
        let text = format!(
            "  {} {:>7} {:>7} {:>7}  {}",
            pad(&p.province, 28),
            p.regions,
            p.assessed,
            fmt_score(p.mean_score),
            p.weakest_pillar.as_deref().unwrap_or("—"),
        );
        lines.push(Line::from(truncate(&text, w)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pillar_headings_never_read_alike() {
        let bundled: Vec<String> = ["kreasi", "produksi", "distribusi", "konsumsi", "konservasi", "aktor"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // "kons" would stand for both konsumsi and konservasi.
        assert_eq!(distinct_prefix_len(&bundled), 5);
        assert_eq!(distinct_prefix_len(&["kreasi".into(), "distribusi".into()]), 4);
        assert_eq!(short_region("Kabupaten Aceh Selatan"), "Kab. Aceh Selatan");
        assert_eq!(short_region("Kota Kediri"), "Kota Kediri");
    }
}
