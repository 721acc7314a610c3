//! The framework data model: plain structs that a validated framework file becomes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::i18n::Lang;

/// A human text in several languages: `{"id": "…", "en": "…"}`. Indonesian is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, falling back to Indonesian (always present after validation).
    pub fn get(&self, lang: Lang) -> &str {
        self.0
            .get(lang.code())
            .filter(|s| !s.trim().is_empty())
            .or_else(|| self.0.get("id"))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Builds a text from an Indonesian and an English wording.
    pub fn new(id: &str, en: &str) -> Text {
        let mut map = BTreeMap::new();
        map.insert("id".to_string(), id.to_string());
        map.insert("en".to_string(), en.to_string());
        Text(map)
    }
}

/// Where a pillar's indicators are answered: once for the region, or once per
/// candidate subsector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Region,
    Subsector,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleLevel {
    pub value: i64,
    pub label: Text,
}

/// A score band: scores from `min` (0–100) up to the next band's `min` get this label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub min: f64,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// A subsector: an id with a label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Labelled {
    pub id: String,
    pub label: Text,
}

/// A helix group the framework names, with the label it gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorLabel {
    pub id: Actor,
    pub label: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub value: i64,
    pub description: Text,
    /// The recommendation for a region at this level (absent at the top level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// *Bukti dukung*: the evidence an assessor asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Text>,
    #[serde(default = "one")]
    pub weight: f64,
    /// Asked only for these candidate subsectors (subsector-scoped pillars only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsectors: Option<Vec<String>>,
    /// Helix actors who lead improvement.
    #[serde(default)]
    pub lead: Vec<Actor>,
    #[serde(default)]
    pub allow_na: bool,
    /// Part of the quick-check subset: the few indicators that together give a fair
    /// first picture of a region in about ten minutes (`"quick": true`). Default false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quick: bool,
    pub levels: Vec<Level>,
}

impl Indicator {
    /// Whether this indicator is asked for candidate `subsector`.
    pub fn applies_to(&self, subsector: &str) -> bool {
        match &self.subsectors {
            None => true,
            Some(list) => list.iter().any(|s| s == subsector),
        }
    }

    pub fn level(&self, value: i64) -> Option<&Level> {
        self.levels.iter().find(|l| l.value == value)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pillar {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub scope: Scope,
    pub indicators: Vec<Indicator>,
}

fn one() -> f64 {
    1.0
}

/// A validated framework (format 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    pub scale: Vec<ScaleLevel>,
    pub bands: Vec<Band>,
    pub actors: Vec<ActorLabel>,
    pub subsectors: Vec<Labelled>,
    /// For a UCCN readiness checklist: the UCCN field (one of this framework's
    /// `subsectors`) that each PMK3I subsector id maps to, e.g. `"kuliner": "gastronomy"`.
    /// Lets the tool pre-select the field from an assessment's flagship. A PMK3I
    /// subsector without a field of its own is simply left out. Empty for other frameworks.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub uccn_fields: BTreeMap<String, String>,
    pub pillars: Vec<Pillar>,
}

impl Framework {
    /// The lowest and highest scale values.
    pub fn scale_range(&self) -> (i64, i64) {
        let min = self.scale.iter().map(|l| l.value).min().unwrap_or(0);
        let max = self.scale.iter().map(|l| l.value).max().unwrap_or(1);
        (min, max)
    }

    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id == id)
    }

    /// Finds an indicator and the pillar holding it.
    pub fn indicator(&self, id: &str) -> Option<(&Pillar, &Indicator)> {
        self.pillars
            .iter()
            .find_map(|p| p.indicators.iter().find(|i| i.id == id).map(|i| (p, i)))
    }

    pub fn subsector_label(&self, id: &str, lang: Lang) -> String {
        self.subsectors
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    /// The framework's name for `actor`; an actor it does not declare (the assessor,
    /// a group another framework's respondents belong to) by its own name.
    pub fn actor_label(&self, actor: Actor, lang: Lang) -> String {
        self.actors
            .iter()
            .find(|a| a.id == actor)
            .map(|a| a.label.get(lang).to_string())
            .unwrap_or_else(|| actor.label(lang).to_string())
    }

    pub fn scale_label(&self, value: i64, lang: Lang) -> String {
        self.scale
            .iter()
            .find(|l| l.value == value)
            .map(|l| l.label.get(lang).to_string())
            .unwrap_or_else(|| value.to_string())
    }

    /// The band of a 0–100 score: the last band whose `min` ≤ score. A score that is
    /// exactly a band's `min` can be computed a hair below it (means of five helix
    /// groups are not exact in binary), so the comparison allows a rounding error far
    /// smaller than the one decimal a score is shown with.
    pub fn band(&self, score: f64) -> Option<&Band> {
        const ROUNDING: f64 = 1e-9;
        self.bands.iter().rev().find(|b| b.min <= score + ROUNDING)
    }

    /// The UCCN field this framework maps PMK3I subsector `subsector` to, if any
    /// (see `uccn_fields`).
    pub fn uccn_field_for(&self, subsector: &str) -> Option<&str> {
        self.uccn_fields.get(subsector).map(String::as_str)
    }

    /// The indicators marked `"quick": true`, in framework order.
    pub fn quick_indicators(&self) -> impl Iterator<Item = (&Pillar, &Indicator)> {
        self.pillars
            .iter()
            .flat_map(|p| p.indicators.iter().filter(|i| i.quick).map(move |i| (p, i)))
    }

    /// A framework text with the indicator ids it names ("dinilai di
    /// kebijakan.data_pelaku") replaced by where a reader finds them: the pillar and
    /// the indicator's number in it ("Kebijakan & Kelembagaan, indikator 6"). Ids are
    /// for files, not for people reading the borang.
    pub fn humanize_ids(&self, text: &str, lang: Lang) -> String {
        let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_ascii_lowercase()) {
            let (before, tail) = rest.split_at(start);
            out.push_str(before);
            let end = tail.find(|c: char| !is_id_char(c)).unwrap_or(tail.len());
            let token = &tail[..end];
            // A sentence's full stop after the id is not part of it.
            let id = token.trim_end_matches('.');
            let found = self.pillars.iter().find_map(|p| {
                p.indicators.iter().position(|i| i.id == id).map(|n| {
                    format!(
                        "{}, {} {}",
                        p.title.get(lang),
                        lang.pick("indikator", "indicator"),
                        n + 1
                    )
                })
            });
            match found {
                Some(name) if id.contains('.') => {
                    out.push_str(&name);
                    out.push_str(&token[id.len()..]);
                }
                _ => out.push_str(token),
            }
            // `end` ≥ 1: the token starts with a lowercase letter.
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }

    pub fn indicator_count(&self) -> usize {
        self.pillars.iter().map(|p| p.indicators.len()).sum()
    }
}
