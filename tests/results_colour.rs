//! The results summary's bars and pillar rows are coloured by band (the national
//! map's scheme: red, yellow, green, blue from the lowest band up), the band's name on
//! its colour with its own text colour so it reads on a black and a white terminal; with
//! NO_COLOR nothing is coloured and the band's name still says it. Snapshot tests show
//! text only: these read the drawn cells' styles.
//!
//! The assessment: four region pillars of one indicator each, on a 0..4 scale (a level L
//! scores 100 × L/4), bands from 0 (Rintisan), 40 (Berkembang), 60 (Mapan) and 80
//! (Unggul). Levels: Alfa 4 → 100 (Unggul, blue), Beta 1 → 25 (Rintisan, red), Gama 2 →
//! 50 (Berkembang, yellow), Delta 3 → 75 (Mapan, green); Epsilon unanswered → "—".

mod common;

use pmk3i::framework::{LoadedFramework, Origin};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use pmk3i::ui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};
use serde_json::json;

const PILLARS: [&str; 5] = ["Alfa", "Beta", "Gama", "Delta", "Epsilon"];

fn framework() -> LoadedFramework {
    let levels: Vec<_> = (0..=4)
        .map(|v| json!({"value": v, "description": {"id": format!("Tingkat {v}")}}))
        .collect();
    let pillars: Vec<_> = PILLARS
        .iter()
        .map(|p| {
            let id = p.to_lowercase();
            json!({"id": id, "title": {"id": p}, "indicators": [
                {"id": format!("{id}.a"), "text": {"id": format!("Pertanyaan {p}")}, "levels": levels}
            ]})
        })
        .collect();
    let raw = json!({
        "format": 1, "id": "warna", "version": "1", "title": {"id": "Kerangka warna"},
        "scale": (0..=4).map(|v| json!({"value": v, "label": {"id": v.to_string()}})).collect::<Vec<_>>(),
        "bands": [
            {"min": 0, "label": {"id": "Rintisan"}},
            {"min": 40, "label": {"id": "Berkembang"}},
            {"min": 60, "label": {"id": "Mapan"}},
            {"min": 80, "label": {"id": "Unggul"}}
        ],
        "actors": [{"id": "G", "label": {"id": "Pemerintah"}}],
        "subsectors": [{"id": "kuliner", "label": {"id": "Kuliner"}}],
        "pillars": pillars
    })
    .to_string();
    LoadedFramework::from_text("warna.json", &raw, Origin::Bundled("warna.json")).expect("a valid framework")
}

fn results_screen(theme: Theme) -> Buffer {
    let fw = framework();
    let mut store = Store::open_in_memory().expect("store");
    let id = store
        .create_assessment(
            &fw,
            &NewAssessment {
                respondent_organisation: String::new(),
                ..common::db::sukamaju(&["kuliner"])
            },
        )
        .expect("create");
    let (a, _) = store.load(id).expect("load");
    let sari = a.respondents[0].id;
    for (pillar, level) in [("alfa", 4), ("beta", 1), ("gama", 2), ("delta", 3)] {
        store
            .upsert_answer(sari, &SlotKey::new(&format!("{pillar}.a"), None), Some(level), false)
            .expect("answer");
    }
    let mut app = pmk3i::app::App::new(store, vec![fw], Lang::Id, "2026".into());
    app.open_results(id, None);
    let mut terminal = ratatui::Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    terminal.draw(|f| pmk3i::ui::draw(&app, f, theme)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The row that starts with the pillar's name, as text and its y.
fn row_of(buffer: &Buffer, pillar: &str) -> (u16, String) {
    let area = buffer.area;
    for y in 0..area.height {
        let text: String = (0..area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        if text.starts_with(&format!(" {pillar} ")) {
            return (y, text);
        }
    }
    panic!("no row for {pillar}");
}

/// The style of the first cell of `needle` in row `y` (by character position, each
/// character of these rows is one cell wide).
fn style_at(buffer: &Buffer, y: u16, text: &str, needle: &str) -> Style {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle} not in {text:?}"));
    let x = text[..byte].chars().count() as u16;
    buffer[(x, y)].style()
}

#[test]
fn bars_and_band_names_take_their_bands_colours() {
    let buffer = results_screen(Theme { color: true });
    for (pillar, score, band, bar, label_bg, label_fg) in [
        ("Alfa", "100.0", "Unggul", Color::Blue, Color::Blue, Color::White),
        ("Beta", "25.0", "Rintisan", Color::Red, Color::Red, Color::White),
        ("Gama", "50.0", "Berkembang", Color::Yellow, Color::Yellow, Color::Black),
        ("Delta", "75.0", "Mapan", Color::Green, Color::Green, Color::Black),
    ] {
        let (y, text) = row_of(&buffer, pillar);
        assert!(text.contains(&format!(" {score} {band}")), "{text}");
        // The bar's filled blocks, in the band's colour.
        let block = style_at(&buffer, y, &text, "█");
        assert_eq!(block.fg, Some(bar), "{pillar}: {text}");
        // The band's name on its colour, with its text colour set.
        let name = style_at(&buffer, y, &text, band);
        assert_eq!((name.bg, name.fg), (Some(label_bg), Some(label_fg)), "{pillar}: {text}");
        // The pillar's name and its score stay in the terminal's own colours.
        let title = style_at(&buffer, y, &text, pillar);
        assert_eq!((title.fg, title.bg), (Some(Color::Reset), Some(Color::Reset)), "{text}");
        let number = style_at(&buffer, y, &text, score);
        assert_eq!(number.fg, Some(Color::Reset), "{text}");
    }
    // No score: an empty bar, dim, and "—" without a colour.
    let (y, text) = row_of(&buffer, "Epsilon");
    assert!(!text.contains('█'), "{text}");
    assert_eq!(style_at(&buffer, y, &text, "░").fg, Some(Color::DarkGray), "{text}");
    let dash = style_at(&buffer, y, &text, "—");
    assert_eq!((dash.fg, dash.bg), (Some(Color::Reset), Some(Color::Reset)), "{text}");
}

#[test]
fn without_colour_the_band_names_still_say_it() {
    let buffer = results_screen(Theme { color: false });
    for (pillar, band) in [
        ("Alfa", "Unggul"),
        ("Beta", "Rintisan"),
        ("Gama", "Berkembang"),
        ("Delta", "Mapan"),
    ] {
        let (y, text) = row_of(&buffer, pillar);
        assert!(text.contains(band), "{text}");
        for needle in ["█", band] {
            let style = style_at(&buffer, y, &text, needle);
            assert_eq!(
                (style.fg, style.bg),
                (Some(Color::Reset), Some(Color::Reset)),
                "{needle}: {text}"
            );
        }
    }
}
