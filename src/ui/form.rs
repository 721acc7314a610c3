//! The new-assessment form.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::place_cursor;
use super::start::pad;
use super::text::{truncate, width};
use super::theme::Theme;
use crate::app::bindings::{self, Action, Mode};
use crate::app::form::{FIELDS, Field, FormState};
use crate::app::respondent::{RESPONDENT_FIELDS, RespondentField, RespondentForm};
use crate::assessment::RegionKind;
use crate::i18n::Lang;

fn value(form: &FormState, field: Field, lang: Lang) -> String {
    match field {
        Field::Framework => form
            .frameworks
            .get(form.framework)
            .map(|(id, title)| format!("◀ {id} — {} ▶", truncate(title, 40)))
            .unwrap_or_default(),
        Field::RegionName => match form.region_code {
            Some(r) => format!("{} ✓ {}", form.region_name.text(), r.code),
            None => form.region_name.text().to_string(),
        },
        Field::RegionKind => match form.kind {
            RegionKind::Kota => format!("◀ {} ▶", lang.pick("Kota", "City (kota)")),
            RegionKind::Kabupaten => format!("◀ {} ▶", lang.pick("Kabupaten", "Regency (kabupaten)")),
        },
        Field::Province => match form.province {
            Some(p) if p.eq_ignore_ascii_case(form.province_filter.text().trim()) => format!("{p} ✓"),
            _ => form.province_filter.text().to_string(),
        },
        Field::Period => form.period.text().to_string(),
        Field::Subsectors => {
            let chosen: Vec<String> = form
                .subsectors
                .iter()
                .map(|id| {
                    form.subsector_options
                        .iter()
                        .find(|(s, _)| s == id)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            let filter = form.subsector_filter.text();
            match (chosen.is_empty(), filter.is_empty()) {
                (true, true) => String::new(),
                (false, true) => chosen.join(", "),
                (true, false) => format!("{} {filter}", lang.pick("cari:", "filter:")),
                (false, false) => format!("{} · {} {filter}", chosen.join(", "), lang.pick("cari:", "filter:")),
            }
        }
        Field::RespondentName => form.respondent_name.text().to_string(),
        Field::Organisation => form.organisation.text().to_string(),
        Field::Actor => {
            let actor = form.actor;
            format!("◀ {actor} {} ▶", actor.label(lang))
        }
    }
}

pub fn draw(form: &FormState, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width as usize;
    let label_w = FIELDS.iter().map(|f| width(f.label(lang))).max().unwrap_or(10) + 2;
    let value_w = w.saturating_sub(label_w + 3);
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        truncate(
            &format!(
                " {} · {}",
                lang.pick("Profil penilaian", "Assessment profile"),
                bindings::hint(Mode::Form, &[Action::NextField, Action::Submit, Action::Back], lang)
            ),
            w,
        ),
        theme.dim(),
    ))];
    let mut cursor = None;
    for field in FIELDS {
        let focused = *field == form.focus;
        let label_style = if focused { theme.selected() } else { theme.bold() };
        let marker = if focused { "▶" } else { " " };
        let v = value(form, *field, lang);
        let shown = truncate(&v, value_w);
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{} ", pad(field.label(lang), label_w)), label_style),
            Span::raw(" "),
            Span::raw(shown.clone()),
        ]));
        if focused && let Some(input) = form.input(*field) {
            // The subsector filter is typed after the chosen ones, at the end.
            let typed = if *field == Field::Subsectors {
                width(&shown)
            } else {
                input.cursor_columns()
            };
            cursor = Some((label_w + 2 + typed.min(value_w), lines.len() - 1));
        }
        if let Some(err) = form.error(*field) {
            lines.push(Line::from(Span::styled(
                truncate(&format!("   ! {err}"), w),
                theme.warn(),
            )));
        }
        if focused && *field == Field::RegionName {
            region_lines(form, lang, w, theme, &mut lines);
        } else if focused && field.has_list() {
            list_lines(form, *field, lang, w, theme, &mut lines);
        }
    }
    // Keep the focused field visible on short terminals.
    let height = area.height as usize;
    let focus_line = cursor.map(|(_, y)| y).unwrap_or(0);
    let skip = if lines.len() > height {
        focus_line.saturating_sub(height / 3).min(lines.len() - height)
    } else {
        0
    };
    let visible: Vec<Line> = lines.into_iter().skip(skip).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
    if let Some((x, y)) = cursor
        && y >= skip
    {
        place_cursor(frame, area, x, y - skip);
    }
}

/// The official regions the typed name offers, "Kota Kediri · Jawa Timur · 35.71";
/// nothing while the name is empty, and a note when it is none of them.
fn region_lines(form: &FormState, lang: Lang, w: usize, theme: Theme, lines: &mut Vec<Line<'static>>) {
    const SHOWN: usize = 6;
    if form.region_name.text().trim().is_empty() || form.region_code.is_some() {
        return;
    }
    let options = form.region_options();
    if options.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    "     {}",
                    lang.pick(
                        "(tidak ada dalam daftar Kemendagri: disimpan \"tanpa kode\", dapat ditautkan nanti)",
                        "(not in the Kemendagri list: kept \"tanpa kode\", can be linked later)"
                    )
                ),
                w,
            ),
            theme.dim(),
        )));
        return;
    }
    let first = form.list_highlight.saturating_sub(SHOWN - 1);
    for (i, r) in options.iter().enumerate().skip(first).take(SHOWN) {
        let style = if i == form.list_highlight {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("     {}", r.label()), w),
            style,
        )));
    }
    if options.len() > SHOWN {
        lines.push(Line::from(Span::styled(
            format!(
                "     … {} {}",
                options.len(),
                lang.pick("daerah cocok", "regions match")
            ),
            theme.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        truncate(
            &{
                use crate::app::bindings::{Action, Mode, key};
                let k = |a| key(Mode::FormText, a, lang);
                match lang {
                    Lang::Id => format!(
                        "     {}{} pilih, {} tetapkan (nama atau kode), atau {} untuk daerah di luar daftar",
                        k(Action::Up),
                        k(Action::Down),
                        k(Action::Choose),
                        k(Action::NextField)
                    ),
                    Lang::En => format!(
                        "     {}{} move, {} picks (name or code), or {} for a region not in the list",
                        k(Action::Up),
                        k(Action::Down),
                        k(Action::Choose),
                        k(Action::NextField)
                    ),
                }
            },
            w,
        ),
        theme.dim(),
    )));
}

fn list_lines(form: &FormState, field: Field, lang: Lang, w: usize, theme: Theme, lines: &mut Vec<Line<'static>>) {
    const SHOWN: usize = 6;
    let options: Vec<(String, bool)> = match field {
        Field::Province => form
            .province_options()
            .into_iter()
            .map(|p| (p.to_string(), form.province == Some(p)))
            .collect(),
        _ => form
            .filtered_subsectors()
            .into_iter()
            .map(|(id, label)| (label, form.subsectors.contains(&id)))
            .collect(),
    };
    if options.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("     {}", lang.pick("(tidak ada yang cocok)", "(no match)")),
            theme.dim(),
        )));
        return;
    }
    let first = form.list_highlight.saturating_sub(SHOWN - 1);
    for (i, (label, chosen)) in options.iter().enumerate().skip(first).take(SHOWN) {
        let check = match field {
            Field::Subsectors => {
                if *chosen {
                    "[x] "
                } else {
                    "[ ] "
                }
            }
            _ => {
                if *chosen {
                    "(•) "
                } else {
                    "( ) "
                }
            }
        };
        let style = if i == form.list_highlight {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("     {check}{label}"), w),
            style,
        )));
    }
    let keys = bindings::hint(Mode::FormText, &[Action::Up, Action::Choose], lang);
    let typing = bindings::fallback_hint(Mode::FormText, lang).unwrap_or_default();
    let hint = match field {
        // Once a filter is typed, Space is part of it.
        Field::Subsectors if form.subsector_filter.text().is_empty() => format!(
            "{keys} · {} {} · {typing}",
            bindings::typed_label(' ', lang),
            lang.pick("centang", "ticks")
        ),
        _ => format!("{keys} · {typing}"),
    };
    lines.push(Line::from(Span::styled(
        truncate(&format!("     {} · {hint}", format_count(options.len(), lang)), w),
        theme.dim(),
    )));
}

fn format_count(n: usize, lang: Lang) -> String {
    format!("{n} {}", lang.pick("pilihan", "options"))
}

/// The form that adds a respondent to an existing assessment.
pub fn draw_respondent(form: &RespondentForm, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width as usize;
    let label_w = RESPONDENT_FIELDS
        .iter()
        .map(|f| width(f.label(lang)))
        .max()
        .unwrap_or(10)
        + 2;
    let value_w = w.saturating_sub(label_w + 3);
    let mut lines = vec![
        Line::from(Span::styled(truncate(&format!(" {}", form.region), w), theme.title())),
        Line::from(Span::styled(
            truncate(
                &format!(
                    " {} · {}",
                    lang.pick("Responden baru", "New respondent"),
                    bindings::hint(Mode::Form, &[Action::NextField, Action::Submit, Action::Back], lang)
                ),
                w,
            ),
            theme.dim(),
        )),
    ];
    let mut cursor = None;
    for field in RESPONDENT_FIELDS {
        let focused = *field == form.focus;
        let value = match field {
            RespondentField::Name => form.name.text().to_string(),
            RespondentField::Organisation => form.organisation.text().to_string(),
            RespondentField::Actor => format!("◀ {} {} ▶", form.actor(), form.actor().label(lang)),
        };
        let shown = truncate(&value, value_w);
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{}{} ",
                    if focused { "▶" } else { " " },
                    pad(field.label(lang), label_w)
                ),
                if focused { theme.selected() } else { theme.bold() },
            ),
            Span::raw(" "),
            Span::raw(shown.clone()),
        ]));
        let input = match field {
            RespondentField::Name => Some(&form.name),
            RespondentField::Organisation => Some(&form.organisation),
            RespondentField::Actor => None,
        };
        if focused && let Some(input) = input {
            cursor = Some((label_w + 2 + input.cursor_columns().min(value_w), lines.len() - 1));
        }
        if *field == RespondentField::Name
            && let Some(err) = &form.error
        {
            lines.push(Line::from(Span::styled(
                truncate(&format!("   ! {err}"), w),
                theme.warn(),
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
    if let Some((x, y)) = cursor {
        place_cursor(frame, area, x, y);
    }
}
