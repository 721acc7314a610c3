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

/// One of the tool's own messages in both languages. [`Lang::pick`] chooses between
/// fixed texts; a message that names a file, a path or a number is built at run time,
/// often before the language it will be shown in is known (errors travel up first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub en: String,
}

impl Message {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// A count with its noun: "1 pillar", "2 pillars"; Indonesian nouns do not change ("2 pilar").
pub fn fmt_count(n: usize, lang: Lang, id: &str, en_one: &str, en_many: &str) -> String {
    let noun = match lang {
        Lang::Id => id,
        Lang::En if n == 1 => en_one,
        Lang::En => en_many,
    };
    format!("{n} {noun}")
}

/// Formats a score rounded to one decimal, or "—" when there is none (never 0).
pub fn fmt_score(score: Option<f64>) -> String {
    match score {
        Some(s) => format!("{s:.1}"),
        None => "—".to_string(),
    }
}

/// Formats a completeness fraction as a whole percentage, rounded down so that
/// "100%" only ever means complete (459 of 461 answered is 99%, not 100%).
pub fn fmt_percent(fraction: f64) -> String {
    format!("{:.0}%", (fraction * 100.0 + 1e-9).floor().clamp(0.0, 100.0))
}

/// Formats a (possibly consolidated) level: whole levels as "2", means with one
/// decimal ("2.5"), and two where one would read as a whole level ("1.97", not "2.0").
pub fn fmt_level(level: f64) -> String {
    if (level - level.round()).abs() < 1e-9 {
        return format!("{level:.0}");
    }
    let one = format!("{level:.1}");
    if one.ends_with(".0") {
        format!("{level:.2}")
    } else {
        one
    }
}
