//! One line per assessment — what the start screen and `pmk3i list` show: the region,
//! period, framework, respondents, completeness and headline score with its band.
//!
//! Read from the summary the store keeps current in every write
//! ([`crate::store::SummaryRow`]): no assessment and no framework snapshot is loaded,
//! so the list costs one query however many answers the database holds.

use crate::i18n::Lang;
use crate::store::{Store, StoreError, SummaryRow};

#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub id: i64,
    /// "Kota Bandung" / "Kabupaten Banyuwangi".
    pub region: String,
    /// The bare name, which delete asks to be typed.
    pub region_name: String,
    pub kind: crate::assessment::RegionKind,
    pub province: String,
    /// The Kemendagri code; `None` for a region "tanpa kode".
    pub region_code: Option<String>,
    pub period: String,
    /// Made by `pmk3i import --copy` ([`crate::exchange::period_label`] names it).
    pub import_copy: bool,
    pub framework_id: String,
    pub framework_version: String,
    pub respondents: usize,
    pub completeness: Option<f64>,
    pub headline_score: Option<f64>,
    pub band: Option<String>,
    /// "draft", "complete", or "needs_framework" when the assessment's framework
    /// snapshot is damaged and no loaded framework could restore it.
    pub status: String,
    /// ISO 8601, UTC: "2026-11-27T20:41:30Z".
    pub updated_at: String,
    /// The candidate subsector the headline score is for (chosen, else suggested).
    pub flagship: Option<String>,
    /// The framework snapshot's hash, named when the framework is needed.
    pub framework_hash: String,
}

impl Overview {
    pub fn from_row(row: SummaryRow, lang: Lang) -> Overview {
        let band = row.band(lang);
        let s = row.summary;
        Overview {
            id: row.id,
            region: row.kind.display_name(&row.region_name),
            region_name: row.region_name,
            kind: row.kind,
            province: row.province,
            region_code: row.region_code,
            period: row.period,
            import_copy: row.import_copy,
            framework_id: row.framework_id,
            framework_version: row.framework_version,
            respondents: s.respondents,
            completeness: s.completeness,
            headline_score: s.headline_score,
            band,
            status: if s.framework_ok {
                row.status
            } else {
                NEEDS_FRAMEWORK.to_string()
            },
            updated_at: row.updated_at,
            flagship: s.headline_candidate,
            framework_hash: row.framework_hash,
        }
    }
}

/// The status of an assessment whose framework snapshot is unusable.
pub const NEEDS_FRAMEWORK: &str = "needs_framework";

/// Calls `each` with every assessment's line, most recently edited first, holding
/// one line at a time.
pub fn each_overview(
    store: &Store,
    lang: Lang,
    mut each: impl FnMut(Overview) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    store.each_summary(|row| each(Overview::from_row(row, lang)))
}

/// Every assessment, most recently edited first: the start screen, shown at every
/// start and every Esc, so the snapshots are not read and hashed here (opening an
/// assessment checks its snapshot and names the framework it needs).
pub fn overviews(store: &Store, lang: Lang) -> Result<Vec<Overview>, StoreError> {
    let mut rows = Vec::new();
    store.each_summary_checked(false, |row| {
        rows.push(Overview::from_row(row, lang));
        Ok(())
    })?;
    Ok(rows)
}
