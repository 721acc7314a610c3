//! Drawing: a pure function of the [`App`] state onto a frame. One module per screen.

mod agenda;
mod compare;
mod form;
mod map;
mod overlay;
mod results;
mod start;
pub mod text;
pub mod theme;
mod walk;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::bindings;
use crate::app::{App, Overlay, Screen, Status};
use crate::i18n::Lang;
use theme::Theme;

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole app.
pub fn draw(app: &App, frame: &mut Frame, theme: Theme) {
    draw_screen(app, frame, theme);
    strip_hostile(frame.buffer_mut());
}

/// The last step of every frame: a control or bidi character from a file or the
/// database (a region name, a framework text, a pasted note) never reaches the
/// terminal. They are zero columns wide, so they ride along in a neighbour's cell;
/// they are removed there, and a cell left empty shows a space.
fn strip_hostile(buffer: &mut ratatui::buffer::Buffer) {
    use crate::safe_text::is_hostile;
    for cell in buffer.content.iter_mut() {
        if cell.symbol().chars().any(is_hostile) {
            let clean: String = cell.symbol().chars().filter(|c| !is_hostile(*c)).collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw_screen(app: &App, frame: &mut Frame, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let message = match app.lang {
            Lang::Id => format!(
                "terminal terlalu kecil (perlu {MIN_WIDTH}×{MIN_HEIGHT}); perbesar jendela — semua jawaban sudah tersimpan"
            ),
            Lang::En => format!(
                "terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}); enlarge the window — every answer is saved"
            ),
        };
        let lines: Vec<Line> = text::wrap(&message, area.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, frame, header, theme);
    match &app.screen {
        Screen::Start(state) => start::draw(state, app.lang, frame, body, theme),
        Screen::New(form) => form::draw(form, app.lang, frame, body, theme),
        Screen::AddRespondent(form) => form::draw_respondent(form, app.lang, frame, body, theme),
        Screen::Walk(walk) => {
            // Who recorded the agreed or verified level shown, and when (from the log).
            let recorded = match (walk.walker.agreed(), walk.slot()) {
                (Some(kind), Some(slot)) => app.store.last_agreed(walk.assessment.id, kind, &slot).ok().flatten(),
                _ => None,
            };
            walk::draw(walk, recorded.as_ref(), app.lang, frame, body, theme)
        }
        Screen::Results(results) => results::draw(results, app.lang, frame, body, theme),
        Screen::Workshop(w) => agenda::draw(w, &app.store, app.lang, frame, body, theme),
        Screen::Map(state) => map::draw(state, app.lang, frame, body, theme),
        Screen::Compare(state) => compare::draw(state, app.lang, frame, body, theme),
    }
    draw_status(app, frame, status, theme);
    draw_footer(app, frame, footer, theme);
    match &app.overlay {
        // The help may cover the header and footer: at 80×24 the walk's keys need every row.
        Some(Overlay::Help) => overlay::help(app, frame, area, theme),
        Some(Overlay::Info) => {
            if let Screen::Walk(walk) = &app.screen {
                overlay::info(
                    walk,
                    app.info_scroll,
                    &app.overlay_scroll_max,
                    app.lang,
                    frame,
                    body,
                    theme,
                );
            }
        }
        Some(Overlay::History(changes)) => {
            if let Screen::Walk(walk) = &app.screen {
                overlay::history(
                    walk,
                    changes,
                    app.info_scroll,
                    &app.overlay_scroll_max,
                    app.lang,
                    frame,
                    body,
                    theme,
                );
            }
        }
        Some(Overlay::Editor(editor)) => overlay::editor(editor, app.lang, frame, body, theme),
        None => {}
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let lang = app.lang;
    let title = match &app.screen {
        Screen::Start(_) => lang.pick("Daftar penilaian", "Assessments").to_string(),
        Screen::New(_) => lang.pick("Penilaian baru", "New assessment").to_string(),
        Screen::AddRespondent(_) => lang.pick("Tambah responden", "Add a respondent").to_string(),
        Screen::Compare(_) => lang.pick("Perbandingan periode", "Comparing periods").to_string(),
        Screen::Map(_) => lang
            .pick("Peta Ekonomi Kreatif Nasional", "National Creative Economy Map")
            .to_string(),
        Screen::Walk(w) => format!(
            "{} · {}",
            w.assessment.region.kind.display_name(&w.assessment.region.name),
            period_label(&w.assessment, lang)
        ),
        Screen::Results(r) => format!(
            "{}: {} · {}",
            lang.pick("Hasil", "Results"),
            r.assessment.region.kind.display_name(&r.assessment.region.name),
            period_label(&r.assessment, lang)
        ),
        Screen::Workshop(w) => format!(
            "{}: {} · {} (ID {})",
            lang.pick("Lokakarya", "Workshop"),
            w.assessment.region.kind.display_name(&w.assessment.region.name),
            period_label(&w.assessment, lang),
            w.assessment.id
        ),
    };
    let right = format!(" {} ", lang.pick("ID", "EN"));
    let width = area.width as usize;
    // The period always shows: a long region name is cut in its middle instead.
    let period = match &app.screen {
        Screen::Walk(w) => Some(period_label(&w.assessment, lang)),
        Screen::Results(r) => Some(period_label(&r.assessment, lang)),
        _ => None,
    };
    let title = match period {
        Some(period) if title.ends_with(period.as_str()) => {
            let tail = format!(" · {period}");
            let head = title.strip_suffix(&tail).unwrap_or(&title);
            let room = width
                .saturating_sub(right.len() + text::width(" PMK3I · ") + text::width(&tail))
                .max(5);
            format!("{}{tail}", text::truncate_middle(head, room))
        }
        _ => title,
    };
    let left = text::truncate(&format!(" PMK3I · {title}"), width.saturating_sub(right.len()));
    let pad = width.saturating_sub(text::width(&left) + right.len());
    let line = Line::from(vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let width = area.width as usize;
    let (text, style) = match &app.status {
        Status::None => (String::new(), theme.dim()),
        Status::Saved => (app.lang.pick("Tersimpan ✓", "Saved ✓").to_string(), theme.saved()),
        // A message naming a file loses its middle when too long, so the file name
        // at its end (a written report) stays readable.
        Status::Info(m) if m.contains(std::path::MAIN_SEPARATOR) => {
            (text::truncate_middle(m, width.saturating_sub(1)), theme.bold())
        }
        Status::Info(m) => (m.clone(), theme.bold()),
        Status::Error(m) => (format!("! {m}"), theme.error()),
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(Span::styled(text::truncate(&format!(" {text}"), width), style)),
        area,
    );
}

/// The footer: the keys of the mode the keyboard is in, from the binding table. The
/// screen's own keys give way from the end; help, language and quit always show.
fn draw_footer(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let width = area.width as usize;
    let rows = bindings::rows(app.mode(), app.lang);
    let item = |r: &bindings::Row| r.footer.map(|f| (r.footer_label.clone(), f));
    let mut screen: Vec<(String, &str)> = rows
        .iter()
        .filter(|r| !r.global)
        .filter(|r| r.actions.iter().all(|a| offered(app, *a)))
        .filter_map(item)
        .collect();
    let global: Vec<(String, &str)> = rows.iter().filter(|r| r.global).filter_map(item).collect();
    let cols = |items: &[(String, &str)]| {
        items
            .iter()
            .map(|(k, d)| text::width(k) + text::width(d) + 3)
            .sum::<usize>()
    };
    while !screen.is_empty() && cols(&screen) + cols(&global) > width {
        screen.pop();
    }
    let spans: Vec<Span> = screen
        .iter()
        .chain(global.iter())
        .flat_map(|(k, d)| [Span::styled(format!(" {k}"), theme.key()), Span::raw(format!(" {d} "))])
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Whether the footer offers an action now: an empty list has nothing to resume, open
/// or delete, and the consensus and verification walks have no quick check.
fn offered(app: &App, action: crate::app::bindings::Action) -> bool {
    use crate::app::bindings::Action as A;
    match &app.screen {
        Screen::Start(start) if start.visible().is_empty() => {
            action == A::NewAssessment || (action == A::Filter && !start.rows.is_empty())
        }
        Screen::Walk(walk) => {
            action != A::QuickCheck || matches!(walk.walker, crate::assessment::Walker::Respondent(_))
        }
        _ => true,
    }
}

/// Puts the terminal cursor at column `col`, row `row` of `area`, if that is inside
/// it (computed in usize, so a very long text cannot overflow).
pub fn place_cursor(frame: &mut Frame, area: Rect, col: usize, row: usize) {
    if col < area.width as usize && row < area.height as usize {
        frame.set_cursor_position((area.x + col as u16, area.y + row as u16));
    }
}

/// A text progress bar such as "██████░░░░" for a fraction.
pub fn bar(fraction: f64, width: usize) -> String {
    let filled = ((fraction.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// A rectangle centred in `area`, at most `width`×`height`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The period of a header, with "salinan impor" / "import copy" for an import copy.
fn period_label(a: &crate::assessment::Assessment, lang: Lang) -> String {
    crate::exchange::period_label(&a.period, a.import_copy, lang)
}
