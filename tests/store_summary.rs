//! The per-assessment summary the list reads: kept current by every kind of write and
//! by import, equal to what the results screen computes, and filled in when a
//! database from before the summary (schema 1, as released) is opened.
#![allow(clippy::unwrap_used)]

mod common;

use common::db::kota;
use common::fw;

use std::path::Path;

use pmk3i::assessment::{AgreedKind, TextKind};
use pmk3i::exchange::{Duplicate, export_json, import_json};
use pmk3i::framework::{LoadedFramework, content_hash};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{APPLICATION_ID, NewAssessment, PillarSummary, SCHEMA_VERSION, Store, StoredSummary};
use serde_json::json;

/// Region pillar "umum" (2 indicators, weight 1) and subsector pillar "kreasi"
/// (1 indicator, weight 1); scale 0–4; bands Rintisan from 0, Berkembang from 50.
fn framework() -> LoadedFramework {
    let levels: Vec<_> = (0..=4)
        .map(|v| json!({"value": v, "description": {"id": format!("Tingkat {v}"), "en": format!("Level {v}")}}))
        .collect();
    let raw = json!({
        "format": 1, "id": "uji", "version": "3", "title": {"id": "Kerangka uji"},
        "scale": (0..=4).map(|v| json!({"value": v, "label": {"id": v.to_string()}})).collect::<Vec<_>>(),
        "bands": [{"min": 0, "label": {"id": "Rintisan", "en": "Emerging"}},
                  {"min": 50, "label": {"id": "Berkembang", "en": "Developing"}}],
        "actors": [{"id": "A", "label": {"id": "Akademisi"}}, {"id": "G", "label": {"id": "Pemerintah"}}],
        "subsectors": [{"id": "kuliner", "label": {"id": "Kuliner"}}, {"id": "kriya", "label": {"id": "Kriya"}}],
        "pillars": [
            {"id": "umum", "title": {"id": "Umum"}, "indicators": [
                {"id": "umum.a", "text": {"id": "A"}, "levels": levels},
                {"id": "umum.b", "text": {"id": "B"}, "levels": levels}
            ]},
            {"id": "kreasi", "title": {"id": "Kreasi"}, "scope": "subsector", "indicators": [
                {"id": "kreasi.talenta", "text": {"id": "Talenta"}, "levels": levels}
            ]}
        ]
    });
    fw::load("uji.json", &raw)
}

fn new_assessment() -> NewAssessment {
    NewAssessment {
        respondent_name: "Siti Rahma".into(),
        respondent_organisation: "Dinas Pariwisata".into(),
        ..kota("Pekalongan", "Jawa Tengah", &["kuliner", "kriya"])
    }
}

fn slot(indicator: &str, subsector: Option<&str>) -> SlotKey {
    SlotKey::new(indicator, subsector)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The stored summary equals a fresh computation from the loaded assessment.
fn assert_current(store: &Store, id: i64, fw: &LoadedFramework) {
    let stored = store.summary(id).unwrap().summary;
    let (a, _) = store.load(id).unwrap();
    let fresh = StoredSummary::compute(Some(&fw.framework), &a);
    assert_eq!(stored.respondents, fresh.respondents);
    assert_eq!(stored.completeness.is_some(), fresh.completeness.is_some());
    if let (Some(x), Some(y)) = (stored.completeness, fresh.completeness) {
        assert!(close(x, y), "{stored:?} vs {fresh:?}");
    }
    assert_eq!(stored.headline_score.is_some(), fresh.headline_score.is_some());
    if let (Some(x), Some(y)) = (stored.headline_score, fresh.headline_score) {
        assert!(close(x, y), "{x} vs {y}");
    }
    assert_eq!(stored.headline_candidate, fresh.headline_candidate);
    assert_eq!(stored.band, fresh.band);
    assert_eq!(stored.pillars, fresh.pillars);
}

/// Headline score, band (Indonesian), candidate, completeness and respondents.
fn headline(store: &Store, id: i64) -> (Option<f64>, Option<String>, Option<String>, f64, usize) {
    let row = store.summary(id).unwrap();
    (
        row.summary.headline_score,
        row.band(Lang::Id),
        row.summary.headline_candidate.clone(),
        // Every case here has applicable indicators, so completeness is a number.
        row.summary.completeness.expect("applicable indicators"),
        row.summary.respondents,
    )
}

#[test]
fn every_kind_of_write_keeps_the_summary_equal_to_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let mut store = Store::open(&path).unwrap();
    let id = store.create_assessment(&fw, &new_assessment()).unwrap();
    // Nothing answered: no score, never 0.
    assert_eq!(headline(&store, id), (None, None, Some("kuliner".into()), 0.0, 1));
    assert_current(&store, id, &fw);

    let (a, _) = store.load(id).unwrap();
    let siti = a.respondents[0].id;
    store
        .upsert_answer(siti, &slot("umum.a", None), Some(4), false)
        .unwrap();
    store
        .upsert_answer(siti, &slot("umum.b", None), Some(2), false)
        .unwrap();
    store
        .upsert_answer(siti, &slot("kreasi.talenta", Some("kuliner")), Some(1), false)
        .unwrap();
    // umum = (4/4 + 2/4)/2 × 100 = 75; kreasi@kuliner = 1/4 × 100 = 25.
    // Kuliner's ecosystem = (75 + 25)/2 = 50; kriya's = 75 (umum only, kreasi unanswered).
    // The best ecosystem is the headline: kriya, 75, Berkembang, 2 of 3 answered.
    let (score, band, candidate, completeness, respondents) = headline(&store, id);
    assert!(close(score.unwrap(), 75.0));
    assert_eq!(
        (band.as_deref(), candidate.as_deref(), respondents),
        (Some("Berkembang"), Some("kriya"), 1)
    );
    assert!(close(completeness, 2.0 / 3.0));
    let row = store.summary(id).unwrap();
    assert_eq!(row.band(Lang::En).as_deref(), Some("Developing"));
    assert_eq!(row.summary.suggested_flagship.as_deref(), Some("kriya"));
    assert_eq!(
        row.summary.pillars,
        vec![
            PillarSummary {
                pillar: "umum".into(),
                score: Some(75.0),
                answered: 2,
                applicable: 2
            },
            PillarSummary {
                pillar: "kreasi".into(),
                score: None,
                answered: 0,
                applicable: 1
            },
        ]
    );
    assert_current(&store, id, &fw);

    // A second helix group: umum.a = mean of group means (4 + 0)/2 = 2 → 0.5;
    // umum = (0.5 + 0.5)/2 × 100 = 50 → kriya 50, kuliner (50 + 25)/2 = 37.5.
    let budi = store
        .add_respondent(id, "Budi", pmk3i::actor::Actor::Academia, "Universitas")
        .unwrap();
    assert_eq!(headline(&store, id).4, 2);
    store
        .upsert_answer(budi, &slot("umum.a", None), Some(0), false)
        .unwrap();
    let (score, band, candidate, ..) = headline(&store, id);
    assert!(close(score.unwrap(), 50.0));
    assert_eq!(
        (band.as_deref(), candidate.as_deref()),
        (Some("Berkembang"), Some("kriya"))
    );
    assert_current(&store, id, &fw);

    // Choosing kuliner as the flagship makes it the headline: 37.5, Rintisan, 3 of 3.
    store.set_flagship(id, Some("kuliner")).unwrap();
    let (score, band, candidate, completeness, _) = headline(&store, id);
    assert!(close(score.unwrap(), 37.5));
    assert_eq!(
        (band.as_deref(), candidate.as_deref()),
        (Some("Rintisan"), Some("kuliner"))
    );
    assert!(close(completeness, 1.0));
    assert_current(&store, id, &fw);

    // N/A leaves kreasi without a score: kuliner = umum alone = 50, still 3 of 3 answered.
    store
        .upsert_answer(siti, &slot("kreasi.talenta", Some("kuliner")), None, true)
        .unwrap();
    let (score, band, ..) = headline(&store, id);
    assert!(close(score.unwrap(), 50.0));
    assert_eq!(band.as_deref(), Some("Berkembang"));
    assert_current(&store, id, &fw);

    // Writes that do not change the self-assessed numbers leave them as they are,
    // and the summary still equals the results.
    store
        .set_agreed_level(id, AgreedKind::Consensus, &slot("umum.b", None), Some(0), false, "DKT")
        .unwrap();
    store
        .set_agreed_answer(id, AgreedKind::Verified, &slot("umum.b", None), Some(1), false)
        .unwrap();
    store
        .set_agreed_note(id, AgreedKind::Verified, &slot("umum.b", None), "uji petik")
        .unwrap();
    store.set_target(id, &slot("umum.b", None), Some(4)).unwrap();
    store
        .set_pillar_text(id, "umum", None, TextKind::Problem, "Belum ada perda")
        .unwrap();
    store
        .set_answer_text(siti, &slot("umum.a", None), false, "catatan")
        .unwrap();
    store
        .set_position(
            id,
            &pmk3i::assessment::WalkPosition {
                walker: pmk3i::assessment::Walker::Respondent(siti),
                quick: false,
                slot: slot("umum.b", None),
            },
        )
        .unwrap();
    store.set_status(id, "complete").unwrap();
    assert!(close(headline(&store, id).0.unwrap(), 50.0));
    assert_current(&store, id, &fw);

    // Clearing answers: umum.a only Budi's 0 → 0; umum = (0 + 0.5)/2 × 100 = 25.
    store.upsert_answer(siti, &slot("umum.a", None), None, false).unwrap();
    assert!(close(headline(&store, id).0.unwrap(), 25.0));
    assert_current(&store, id, &fw);
    // The list shows the same, from another handle (another process would too).
    let other = Store::open(&path).unwrap();
    let rows = other.summaries().unwrap();
    assert_eq!(rows.len(), 1);
    assert!(close(rows[0].summary.headline_score.unwrap(), 25.0));
    assert_eq!(rows[0].status, "complete");

    store.delete_assessment(id).unwrap();
    assert!(store.summaries().unwrap().is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM assessment_summary", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the summary is deleted with its assessment");
}

#[test]
fn an_import_gets_the_summary_of_the_original() {
    let fw = framework();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.create_assessment(&fw, &new_assessment()).unwrap();
    let siti = store.load(id).unwrap().0.respondents[0].id;
    store
        .upsert_answer(siti, &slot("umum.a", None), Some(3), false)
        .unwrap();
    store
        .upsert_answer(siti, &slot("kreasi.talenta", Some("kuliner")), Some(4), false)
        .unwrap();
    let export = export_json(&store, id).unwrap();

    let mut other = Store::open_in_memory().unwrap();
    let imported = import_json(&mut other, "pekalongan.json", export.as_bytes(), Duplicate::Refuse).unwrap();
    // umum = 3/4 × 100 = 75 (umum.b unanswered); kreasi@kuliner = 100;
    // kuliner = (75 + 100)/2 = 87.5, 2 of 3 answered; kriya = 75. Headline kuliner.
    let (score, band, candidate, completeness, respondents) = headline(&other, imported);
    assert!(close(score.unwrap(), 87.5));
    assert_eq!(
        (band.as_deref(), candidate.as_deref(), respondents),
        (Some("Berkembang"), Some("kuliner"), 1)
    );
    assert!(close(completeness, 2.0 / 3.0));
    assert_current(&other, imported, &fw);
    assert_eq!(
        store.summary(id).unwrap().summary,
        other.summary(imported).unwrap().summary
    );
}

/// A database exactly as schema 1 wrote it (no application id, no summary table).
fn schema_1_database(path: &Path, fw: &LoadedFramework) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)).unwrap();
    conn.execute_batch(&std::fs::read_to_string("tests/data/schema-1.sql").unwrap())
        .unwrap();
    conn.execute_batch("PRAGMA user_version = 1").unwrap();
    conn.execute(
        "INSERT INTO framework_snapshot (hash, json) VALUES (?1, ?2)",
        (&fw.hash, &fw.raw),
    )
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO region (id, name, kind, province) VALUES (1, 'Pekalongan', 'kota', 'Jawa Tengah');
         INSERT INTO assessment (id, region_id, period, framework_id, framework_version, framework_hash, candidates,
            status, created_at, updated_at)
         VALUES (7, 1, '2025', 'uji', '3', '{}', '[\"kuliner\",\"kriya\"]', 'draft', '2025-01-01T00:00:00Z',
            '2025-01-02T00:00:00Z');
         INSERT INTO respondent (id, assessment_id, name, actor) VALUES (1, 7, 'Siti', 'G');
         INSERT INTO answer (respondent_id, indicator, subsector, level, updated_at)
         VALUES (1, 'umum.a', '', 2, '2025-01-02T00:00:00Z'),
                (1, 'umum.b', '', 2, '2025-01-02T00:00:00Z'),
                (1, 'kreasi.talenta', 'kriya', 3, '2025-01-02T00:00:00Z');",
        fw.hash
    ))
    .unwrap();
}

#[test]
fn a_database_from_schema_1_is_migrated_and_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lama.sqlite3");
    let fw = framework();
    schema_1_database(&path, &fw);
    let header = |p: &Path| {
        let b = std::fs::read(p).unwrap();
        (
            i32::from_be_bytes([b[68], b[69], b[70], b[71]]),
            i32::from_be_bytes([b[60], b[61], b[62], b[63]]),
        )
    };
    assert_eq!(header(&path), (0, 1), "the fixture is a schema-1 file");

    let store = Store::open(&path).unwrap();
    // umum = (2/4 + 2/4)/2 × 100 = 50; kreasi@kriya = 3/4 × 100 = 75;
    // kriya = (50 + 75)/2 = 62.5 (3 of 3), kuliner = 50: headline kriya, Berkembang.
    let (score, band, candidate, completeness, respondents) = headline(&store, 7);
    assert!(close(score.unwrap(), 62.5));
    assert_eq!(
        (band.as_deref(), candidate.as_deref(), respondents),
        (Some("Berkembang"), Some("kriya"), 1)
    );
    assert!(close(completeness, 1.0));
    assert_current(&store, 7, &fw);
    drop(store);
    assert_eq!(header(&path), (APPLICATION_ID, SCHEMA_VERSION as i32));
    // Opening again needs no migration and changes nothing.
    let before = std::fs::read(&path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.summaries().unwrap().len(), 1);
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(content_hash(&fw.raw), fw.hash);
}
