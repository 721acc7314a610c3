//! The national map (*Peta Ekonomi Kreatif Nasional*): one row per region — its latest
//! assessment (or the chosen period's), headline score and band, flagship, per-pillar
//! scores, the stage reached — and the official regions never assessed, so coverage
//! of the 514 is visible; with a per-province summary.
//!
//! Built from the store's per-assessment summary ([`Store::map_rows`]): no
//! assessment is loaded, so it costs two queries however many answers there are.
//! Only assessments of one framework are compared (their pillars are the columns):
//! the one named, else the bundled PMK3I framework when any assessment uses it, else
//! the framework most assessments use.

use std::collections::HashMap;

use serde::Serialize;

use crate::i18n::{Lang, Message};
use crate::regions::{self, fold};
use crate::store::{Progress, Store, StoreError, SummaryRow};

/// Below this pillar score a region is "weak" in the pillar (the bundled framework's
/// lowest band, *Rintisan*, is 0–40).
pub const WEAK_BELOW: f64 = 40.0;

/// How far a region's assessment has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Only the self-assessment (*borang*).
    Borang,
    /// A consensus level recorded in the workshop discussion.
    Dkt,
    /// A verified level recorded at uji petik.
    UjiPetik,
    /// The berita acara's content: the agreed flagship and its commitments.
    BeritaAcara,
}

impl Stage {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Stage::Borang => "borang",
            Stage::Dkt => "DKT",
            Stage::UjiPetik => lang.pick("uji petik", "uji petik (verified)"),
            Stage::BeritaAcara => "berita acara",
        }
    }
    fn of(p: Progress) -> Stage {
        if p.record {
            Stage::BeritaAcara
        } else if p.verified {
            Stage::UjiPetik
        } else if p.consensus {
            Stage::Dkt
        } else {
            Stage::Borang
        }
    }
}

/// One row of the map: a region, assessed or not.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapRow {
    /// The Kemendagri code; `None` for a region "tanpa kode".
    pub code: Option<String>,
    /// "Kota Kediri".
    pub region: String,
    pub province: String,
    #[serde(skip)]
    pub province_code: Option<String>,
    /// `None`: never assessed (in the chosen period).
    pub assessment: Option<i64>,
    pub period: Option<String>,
    pub score: Option<f64>,
    pub band: Option<String>,
    pub completeness: Option<f64>,
    /// The chosen flagship, else the suggested one.
    pub flagship: Option<String>,
    /// The flagship's name in the map's language ("Kuliner"), for screens and pages;
    /// exports keep the id.
    #[serde(skip)]
    pub flagship_label: Option<String>,
    pub flagship_chosen: bool,
    /// One per [`NationalMap::pillars`], in that order.
    pub pillars: Vec<Option<f64>>,
    pub stage: Option<Stage>,
}

/// A province's line of the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProvinceSummary {
    pub province: String,
    /// Official kabupaten/kota in it (0 for a province name no official region has).
    pub regions: usize,
    pub assessed: usize,
    pub mean_score: Option<f64>,
    /// The pillar with the lowest mean score over its assessed regions.
    pub weakest_pillar: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NationalMap {
    pub framework: String,
    pub pillars: Vec<String>,
    pub rows: Vec<MapRow>,
    /// Regions with an assessment among the rows shown, and official regions in all.
    pub assessed: usize,
    pub official_regions: usize,
    pub provinces: Vec<ProvinceSummary>,
}

/// What to show.
#[derive(Clone, Debug, Default)]
pub struct MapFilter {
    /// A province name (either form) or its two-digit code.
    pub province: Option<String>,
    /// Regions whose flagship is this subsector (its id, e.g. `kuliner`).
    pub subsector: Option<String>,
    /// Regions whose score in this pillar is below [`WEAK_BELOW`].
    pub weak: Option<String>,
    /// The period to show (default: each region's latest).
    pub period: Option<String>,
    /// The framework id (default: the bundled PMK3I framework).
    pub framework: Option<String>,
}

impl MapFilter {
    /// Whether regions never assessed can be rows (a weakness or flagship filter
    /// only ever matches assessed ones).
    fn shows_unassessed(&self) -> bool {
        self.weak.is_none() && self.subsector.is_none()
    }
}

fn invalid(id: String, en: String) -> StoreError {
    StoreError::Invalid(Message::new(id, en))
}

/// The key that makes two assessments one region: the code, or for a region "tanpa
/// kode" its folded name, kind and province.
fn region_key(row: &SummaryRow) -> String {
    match &row.region_code {
        Some(code) => code.clone(),
        None => format!(
            "~{}|{}|{}",
            fold(&row.region_name),
            row.kind.as_str(),
            fold(&row.province)
        ),
    }
}

/// Builds the map from the store.
pub fn build(store: &Store, filter: &MapFilter, lang: Lang) -> Result<NationalMap, StoreError> {
    let all_rows = store.map_rows()?;
    let framework = match &filter.framework {
        Some(f) => f.clone(),
        None => default_framework(&all_rows),
    };
    let province = match &filter.province {
        None => None,
        Some(p) => Some(regions::province(p).ok_or_else(|| {
            invalid(
                format!("provinsi \"{p}\" tidak dikenal; tulis namanya (mis. \"Jawa Timur\") atau kodenya (mis. 35)"),
                format!("unknown province \"{p}\"; give its name (e.g. \"Jawa Timur\") or code (e.g. 35)"),
            )
        })?),
    };
    // The latest assessment of each region (or the one of the chosen period).
    let mut latest: HashMap<String, (SummaryRow, Progress)> = HashMap::new();
    for (row, progress) in all_rows {
        if row.framework_id != framework {
            continue;
        }
        if filter.period.as_ref().is_some_and(|p| *p != row.period) {
            continue;
        }
        let key = region_key(&row);
        let newer = match latest.get(&key) {
            None => true,
            Some((old, _)) => (&row.period, &row.updated_at, row.id) > (&old.period, &old.updated_at, old.id),
        };
        if newer {
            latest.insert(key, (row, progress));
        }
    }
    // The pillars, in the framework's order as the summaries keep it.
    let mut pillars: Vec<String> = Vec::new();
    for (row, _) in latest.values() {
        for p in &row.summary.pillars {
            if !pillars.contains(&p.pillar) {
                pillars.push(p.pillar.clone());
            }
        }
    }
    if let Some(w) = &filter.weak
        && !pillars.contains(w)
        && !latest.is_empty()
    {
        return Err(invalid(
            format!(
                "pilar \"{w}\" tidak ada di kerangka {framework}; pilarnya: {}",
                pillars.join(", ")
            ),
            format!(
                "framework {framework} has no pillar \"{w}\"; its pillars: {}",
                pillars.join(", ")
            ),
        ));
    }
    let mut rows: Vec<MapRow> = Vec::new();
    let mut assessed_keys: Vec<String> = Vec::new();
    for (key, (row, progress)) in &latest {
        let official = row.region_code.as_deref().and_then(regions::by_code);
        let scores: Vec<Option<f64>> = pillars
            .iter()
            .map(|p| {
                row.summary
                    .pillars
                    .iter()
                    .find(|x| &x.pillar == p)
                    .and_then(|x| x.score)
            })
            .collect();
        let flagship = row
            .chosen_flagship
            .clone()
            .or_else(|| row.summary.headline_candidate.clone());
        assessed_keys.push(key.clone());
        rows.push(MapRow {
            code: row.region_code.clone(),
            region: row.kind.display_name(&row.region_name),
            province: official
                .map(|o| o.province.clone())
                .unwrap_or_else(|| row.province.clone()),
            province_code: official
                .map(|o| o.province_code.clone())
                .or_else(|| regions::province(&row.province).map(|p| p.code.clone())),
            assessment: Some(row.id),
            period: Some(row.period.clone()),
            score: row.summary.headline_score,
            band: row.band(lang),
            completeness: row.summary.completeness,
            flagship_chosen: row.chosen_flagship.is_some(),
            flagship_label: flagship.as_deref().map(|f| subsector_label(f, lang)),
            flagship,
            pillars: scores,
            stage: Some(Stage::of(*progress)),
        });
    }
    for o in regions::all() {
        if !latest.contains_key(&o.code) {
            rows.push(MapRow {
                code: Some(o.code.clone()),
                region: o.display_name(),
                province: o.province.clone(),
                province_code: Some(o.province_code.clone()),
                assessment: None,
                period: None,
                score: None,
                band: None,
                completeness: None,
                flagship: None,
                flagship_label: None,
                flagship_chosen: false,
                pillars: vec![None; pillars.len()],
                stage: None,
            });
        }
    }
    // Province filter first: the summary is of the provinces shown.
    if let Some(p) = province {
        rows.retain(|r| r.province_code.as_deref() == Some(p.code.as_str()));
    }
    let provinces = summarize(&rows, &pillars);
    let weak_index = filter.weak.as_ref().and_then(|w| pillars.iter().position(|p| p == w));
    rows.retain(|r| {
        if r.assessment.is_none() {
            return filter.shows_unassessed();
        }
        if let Some(s) = &filter.subsector
            && r.flagship.as_deref().map(fold) != Some(fold(s))
        {
            return false;
        }
        if let Some(i) = weak_index {
            return r.pillars.get(i).copied().flatten().is_some_and(|s| s < WEAK_BELOW);
        }
        filter.weak.is_none()
    });
    rows.sort_by(|a, b| {
        (&a.province_code, a.code.is_none(), &a.code, &a.region).cmp(&(
            &b.province_code,
            b.code.is_none(),
            &b.code,
            &b.region,
        ))
    });
    let assessed = rows.iter().filter(|r| r.assessment.is_some()).count();
    Ok(NationalMap {
        framework,
        pillars,
        rows,
        assessed,
        official_regions: regions::REGION_COUNT,
        provinces,
    })
}

/// The bundled PMK3I framework when any assessment uses it, else the framework most
/// assessments use (ties: the first id in order).
fn default_framework(rows: &[(SummaryRow, Progress)]) -> String {
    let default = crate::framework::DEFAULT_FRAMEWORK_ID;
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (row, _) in rows {
        match counts.iter_mut().find(|(id, _)| *id == row.framework_id) {
            Some((_, n)) => *n += 1,
            None => counts.push((row.framework_id.clone(), 1)),
        }
    }
    if counts.is_empty() || counts.iter().any(|(id, _)| id == default) {
        return default.to_string();
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| default.to_string())
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn summarize(rows: &[MapRow], pillars: &[String]) -> Vec<ProvinceSummary> {
    let mut order: Vec<(Option<String>, String)> = Vec::new();
    for r in rows {
        let key = (r.province_code.clone(), r.province.clone());
        if !order.contains(&key) {
            order.push(key);
        }
    }
    order.sort();
    order
        .into_iter()
        .map(|(code, name)| {
            let mine: Vec<&MapRow> = rows
                .iter()
                .filter(|r| r.province_code == code && (code.is_some() || r.province == name))
                .collect();
            let assessed: Vec<&&MapRow> = mine.iter().filter(|r| r.assessment.is_some()).collect();
            let weakest = pillars
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    mean(assessed.iter().filter_map(|r| r.pillars.get(i).copied().flatten())).map(|m| (m, p))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, p)| p.clone());
            ProvinceSummary {
                regions: code
                    .as_ref()
                    .map(|c| regions::all().iter().filter(|o| &o.province_code == c).count())
                    .unwrap_or(0),
                province: name,
                assessed: assessed.len(),
                mean_score: mean(assessed.iter().filter_map(|r| r.score)),
                weakest_pillar: weakest,
            }
        })
        .collect()
}

/// A shading character for a score under NO_COLOR (and in plain text): the four
/// bands of the bundled framework, blank when there is no score.
pub fn shade(score: Option<f64>) -> char {
    match score {
        None => ' ',
        Some(s) if s < 40.0 => '░',
        Some(s) if s < 60.0 => '▒',
        Some(s) if s < 80.0 => '▓',
        Some(_) => '█',
    }
}

/// A subsector's name by its id, from the bundled PMK3I framework (the map's rows
/// come from many snapshots; the 17 subsectors' ids and names are the same in all);
/// an id it does not know is shown as it is.
pub fn subsector_label(id: &str, lang: Lang) -> String {
    static BUNDLED: std::sync::OnceLock<Option<crate::framework::Framework>> = std::sync::OnceLock::new();
    BUNDLED
        .get_or_init(|| {
            crate::framework::parse_framework("pmk3i.json", crate::framework::BUNDLED_PMK3I.as_bytes()).ok()
        })
        .as_ref()
        .map_or_else(|| id.to_string(), |f| f.subsector_label(id, lang))
}
