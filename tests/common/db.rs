//! Databases and new assessments for tests.

use std::path::{Path, PathBuf};

use pmk3i::assessment::{Assessment, Region, RegionKind};
use pmk3i::framework::LoadedFramework;
use pmk3i::store::{NewAssessment, Store};
use tempfile::TempDir;

/// A fresh database path in its own temporary folder (nothing is created yet).
pub fn db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.db");
    (dir, path)
}

/// A new assessment of Kota `name` in `province`, period 2026, for `candidates`;
/// its first respondent is Siti (G) with no organisation. Change what a test needs
/// with `NewAssessment { respondent_name: …, ..kota(…) }`.
pub fn kota(name: &str, province: &str, candidates: &[&str]) -> NewAssessment {
    NewAssessment {
        region: Region {
            name: name.into(),
            kind: RegionKind::Kota,
            province: province.into(),
        },
        period: "2026".into(),
        candidates: candidates.iter().map(|c| c.to_string()).collect(),
        respondent_name: "Siti".into(),
        respondent_organisation: String::new(),
        respondent_actor: pmk3i::actor::Actor::Government,
    }
}

/// Kota Sukamaju (Jawa Barat), 2026, first answered by Sari of the Dinas Pariwisata (G):
/// the assessment the terminal tests walk.
pub fn sukamaju(candidates: &[&str]) -> NewAssessment {
    NewAssessment {
        respondent_name: "Sari".into(),
        respondent_organisation: "Dinas Pariwisata".into(),
        ..kota("Sukamaju", "Jawa Barat", candidates)
    }
}

/// Creates `new` under `framework` in the database at `path`; returns its id.
pub fn create(path: &Path, framework: &LoadedFramework, new: &NewAssessment) -> i64 {
    Store::open(path).unwrap().create_assessment(framework, new).unwrap()
}

/// What another process would read from the file right now.
pub fn stored(path: &Path, id: i64) -> Assessment {
    Store::open(path).unwrap().load(id).unwrap().0
}
