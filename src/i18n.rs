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

/// Rounds to `decimals` places, half away from zero, as the value's exact decimal
/// reading would: a score stored as 57.649999… because 57.65 has no exact binary form
/// still rounds to 57.7.
pub fn round_half_away(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let scaled = value * scale;
    // Nudge by far less than any shown digit but more than the float error of a score.
    (scaled + scaled.signum() * 1e-7).round() / scale
}

/// Formats a score rounded to one decimal (half away from zero), or "—" when there is
/// none (never 0).
pub fn fmt_score(score: Option<f64>) -> String {
    match score {
        Some(s) => fmt_one_decimal(s),
        None => "—".to_string(),
    }
}

/// One decimal, half away from zero: every shown score, gain, mean and gap goes
/// through here (a plain `{:.1}` rounds ties to even on the binary value).
pub fn fmt_one_decimal(value: f64) -> String {
    format!("{:.1}", round_half_away(value, 1))
}

/// Formats a completeness or coverage fraction as a whole percentage, rounded to the
/// nearest (half away from zero), except that "100%" only ever means complete and
/// "0%" only ever means none (459 of 461 is 99%, 1 of 461 is 1%); "—" when nothing is
/// applicable.
pub fn fmt_percent(fraction: Option<f64>) -> String {
    let Some(fraction) = fraction else {
        return "—".to_string();
    };
    let percent = round_half_away(fraction * 100.0, 0).clamp(0.0, 100.0);
    let percent = if fraction < 1.0 && percent >= 100.0 {
        99.0
    } else if fraction > 0.0 && percent <= 0.0 {
        1.0
    } else {
        percent
    };
    format!("{percent:.0}%")
}

/// "disepakati 12/74, 16%" / "terverifikasi 5/74, 7%": how many applicable indicators
/// have an agreed (consensus) or verified level of their own, beside that score.
pub fn fmt_coverage(verified: bool, recorded: usize, applicable: usize, lang: Lang) -> String {
    let word = match (verified, lang) {
        (false, Lang::Id) => "disepakati",
        (false, Lang::En) => "agreed",
        (true, Lang::Id) => "terverifikasi",
        (true, Lang::En) => "verified",
    };
    let fraction = (applicable > 0).then(|| recorded as f64 / applicable as f64);
    format!("{word} {recorded}/{applicable}, {}", fmt_percent(fraction))
}

/// Formats a (possibly consolidated) level: whole levels as "2", means with one
/// decimal ("2.5"), and two where one would read as a whole level ("1.97", not "2.0").
pub fn fmt_level(level: f64) -> String {
    if (level - level.round()).abs() < 1e-9 {
        return format!("{level:.0}");
    }
    let one = format!("{:.1}", round_half_away(level, 1));
    if one.ends_with(".0") {
        format!("{:.2}", round_half_away(level, 2))
    } else {
        one
    }
}
