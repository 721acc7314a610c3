//! Colours and styles in one place. Only the 16 basic ANSI colours are used, and
//! never alone: selection is reverse video, the current answer has a marker, a band
//! colour stands beside the band's name. With NO_COLOR set, no colour is used at all.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set (to anything non-empty) or TERM is "dumb".
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Theme {
            color: !(no_color || dumb),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn answer(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn saved(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn error(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn bar(&self) -> Style {
        self.fg(Color::Blue)
    }
    pub fn border(&self) -> Style {
        self.dim()
    }

    /// A score bar of band `band` (its rank among `of` bands, lowest first): the
    /// filled blocks in the band's colour, which shows on a black and on a white
    /// background alike (a solid block, not text). No band (no score): dim.
    pub fn band_bar(&self, band: Option<(usize, usize)>) -> Style {
        match band {
            Some((rank, of)) if self.color => Style::new().fg(band_colour(rank, of)),
            Some(_) => Style::new(),
            None => self.dim(),
        }
    }

    /// A band's name on its colour, with the text colour set too (black on yellow and
    /// green, white on red and blue), so it reads the same on a black or a white
    /// terminal. Under NO_COLOR the name alone says it.
    pub fn band_label(&self, band: Option<(usize, usize)>) -> Style {
        match band {
            Some((rank, of)) if self.color => {
                let bg = band_colour(rank, of);
                let fg = match bg {
                    Color::Yellow | Color::Green => Color::Black,
                    _ => Color::White,
                };
                Style::new().bg(bg).fg(fg)
            }
            _ => Style::new(),
        }
    }
}

/// The national map's heatmap colours, lowest band first: red, yellow, green, blue.
pub const BAND_COLOURS: [Color; 4] = [Color::Red, Color::Yellow, Color::Green, Color::Blue];

/// The colour of band `rank` (0 = lowest) of a framework with `of` bands: the lowest is
/// red and the highest blue, as on the map; with four bands (both bundled frameworks:
/// from 0, 40, 60 and 80) each band has its own, the same as the map's 40/60/80 cells.
pub fn band_colour(rank: usize, of: usize) -> Color {
    let last = BAND_COLOURS.len() - 1;
    let index = match of {
        0 | 1 => last,
        n => (rank.min(n - 1) * last + (n - 1) / 2) / (n - 1),
    };
    BAND_COLOURS[index.min(last)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_get_the_maps_colours_lowest_red_highest_blue() {
        let four: Vec<Color> = (0..4).map(|r| band_colour(r, 4)).collect();
        assert_eq!(four, [Color::Red, Color::Yellow, Color::Green, Color::Blue]);
        assert_eq!((band_colour(0, 2), band_colour(1, 2)), (Color::Red, Color::Blue));
        // Five bands: 0 → 0, 1 → 0.75 → 1, 2 → 1.5 → 2, 3 → 2.25 → 2, 4 → 3.
        let five: Vec<Color> = (0..5).map(|r| band_colour(r, 5)).collect();
        assert_eq!(
            five,
            [Color::Red, Color::Yellow, Color::Green, Color::Green, Color::Blue]
        );
        let plain = Theme { color: false };
        assert_eq!(plain.band_bar(Some((0, 4))), Style::new());
        assert_eq!(plain.band_label(Some((3, 4))), Style::new());
    }
}
