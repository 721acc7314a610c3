//! The interface language. Indonesian is the default; English is selectable with
//! `--lang en`, `PMK3I_LANG=en` or `L` in the TUI. Framework texts carry their own
//! translations (see [`crate::framework::Text`]); this module covers the tool's own words.

use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Lang {
    /// Bahasa Indonesia (default).
    #[default]
    #[value(name = "id")]
    Id,
    /// English.
    #[value(name = "en")]
    En,
}

impl Lang {
    /// The language code used as key in framework texts.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Picks the Indonesian or the English wording of one of the tool's own texts.
    pub fn pick(self, id: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// The other language, for the `L` toggle.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }

    /// Reads `PMK3I_LANG` style values (`id`, `en`, `en_US.UTF-8`…); unknown means Indonesian.
    pub fn from_env_value(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }
}

/// Formats a score rounded to one decimal, or "—" when there is none (never 0).
pub fn fmt_score(score: Option<f64>) -> String {
    match score {
        Some(s) => format!("{s:.1}"),
        None => "—".to_string(),
    }
}

/// Formats a completeness fraction as a whole percentage.
pub fn fmt_percent(fraction: f64) -> String {
    format!("{:.0}%", (fraction * 100.0).clamp(0.0, 100.0))
}
