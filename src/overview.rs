//! One line per assessment — what the start screen and `pmk3i list` show: the region,
//! period, framework, respondents, completeness and headline score with its band.

use std::collections::HashMap;

use crate::assessment::snapshot_framework;
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::summary::summarize;

#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub id: i64,
    /// "Kota Bandung" / "Kabupaten Banyuwangi".
    pub region: String,
    /// The bare name, which delete asks to be typed.
    pub region_name: String,
    pub kind: crate::assessment::RegionKind,
    pub province: String,
    pub period: String,
    pub framework_id: String,
    pub framework_version: String,
    pub respondents: usize,
    pub completeness: f64,
    pub headline_score: Option<f64>,
    pub band: Option<String>,
    pub status: String,
    /// "2026-11-27 20:41:30" (UTC).
    pub updated_at: String,
}

/// Every assessment, most recently edited first. An assessment whose framework
/// snapshot cannot be read is still listed, without a score.
pub fn overviews(store: &Store, lang: Lang) -> Result<Vec<Overview>, StoreError> {
    // Assessments of one framework version share a snapshot: parse it once.
    let mut frameworks: HashMap<String, Option<Framework>> = HashMap::new();
    Ok(store
        .list()?
        .into_iter()
        .map(|row| {
            let a = &row.assessment;
            let framework = frameworks
                .entry(a.framework_hash.clone())
                .or_insert_with(|| snapshot_framework(&row.framework_json).ok());
            let (headline_score, band, completeness) = match framework {
                Some(fw) => {
                    let s = summarize(fw, a, lang).self_assessed;
                    (s.headline_score, s.headline_band, s.completeness)
                }
                None => (None, None, 0.0),
            };
            Overview {
                id: a.id,
                region: a.region.kind.display_name(&a.region.name),
                region_name: a.region.name.clone(),
                kind: a.region.kind,
                province: a.region.province.clone(),
                period: a.period.clone(),
                framework_id: a.framework_id.clone(),
                framework_version: a.framework_version.clone(),
                respondents: a.respondents.len(),
                completeness,
                headline_score,
                band,
                status: a.status.clone(),
                updated_at: a.updated_at.replace('T', " ").trim_end_matches('Z').to_string(),
            }
        })
        .collect())
}
