//! One line per assessment — what the start screen and `pmk3i list` show: the region,
//! period, framework, respondents, completeness and headline score with its band.

use std::collections::HashMap;

use crate::assessment::compute_results;
use crate::assessment::snapshot_framework;
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::scoring::Basis;
use crate::store::{Store, StoreError};

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
    pub completeness: Option<f64>,
    pub headline_score: Option<f64>,
    pub band: Option<String>,
    pub status: String,
    /// ISO 8601, UTC: "2026-11-27T20:41:30Z".
    pub updated_at: String,
}

/// Every assessment, most recently edited first. An assessment whose framework
/// snapshot cannot be read is still listed, without a score.
pub fn overviews(store: &Store, lang: Lang) -> Result<Vec<Overview>, StoreError> {
    // Assessments of one framework version share a snapshot: parse it once.
    let mut frameworks: HashMap<String, Option<Framework>> = HashMap::new();
    Ok(store
        .list_each()?
        .into_iter()
        .map(|row| {
            let row = match row {
                Ok(row) => row,
                Err((id, e)) => return damaged(id, &e, lang),
            };
            let a = &row.assessment;
            let framework = frameworks
                .entry(a.framework_hash.clone())
                .or_insert_with(|| snapshot_framework(&row.framework_json).ok());
            // The list needs the self-assessed headline only, not the whole summary.
            let (headline_score, band, completeness) = match framework {
                Some(fw) => {
                    let r = compute_results(fw, a, Basis::SelfAssessed);
                    let band = r
                        .headline
                        .overall
                        .and_then(|s| fw.band(s))
                        .map(|b| b.label.get(lang).to_string());
                    (r.headline.overall, band, r.headline.completeness())
                }
                None => (None, None, None),
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
                updated_at: a.updated_at.clone(),
            }
        })
        .collect())
}

/// A row for an assessment that cannot be read, so it is still listed (and can be
/// deleted) instead of hiding the others.
fn damaged(id: i64, error: &StoreError, lang: Lang) -> Overview {
    Overview {
        id,
        region: format!(
            "{} {id}: {}",
            lang.pick("penilaian rusak", "damaged assessment"),
            error.message(lang)
        ),
        region_name: String::new(),
        kind: crate::assessment::RegionKind::Kota,
        province: String::new(),
        period: String::new(),
        framework_id: String::new(),
        framework_version: String::new(),
        respondents: 0,
        completeness: None,
        headline_score: None,
        band: None,
        status: "damaged".to_string(),
        updated_at: String::new(),
    }
}
