//! Monitoring: a two-period comparison checked with worked numbers, including a
//! renamed indicator and one added in the new framework version.

mod common;

use common::db::kota;
use common::fw;

use std::collections::HashMap;

use pmk3i::compare::{TargetOutcome, compare_with};
use pmk3i::framework::LoadedFramework;
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use serde_json::json;

/// Scale 0–4 (an indicator's score is level / 4), every weight 1.
fn framework(version: &str, kreasi: &[&str], distribusi: &[&str]) -> LoadedFramework {
    let ind = |ids: &[&str]| -> Vec<_> { ids.iter().map(|id| fw::indicator(id, id)).collect() };
    fw::uji(
        version,
        fw::four_bands(),
        fw::actors(&["G"]),
        fw::subsectors(&["kuliner"]),
        json!([
            {"id": "kreasi", "title": {"id": "Kreasi"}, "indicators": ind(kreasi)},
            {"id": "distribusi", "title": {"id": "Distribusi"}, "indicators": ind(distribusi)}
        ]),
    )
}

fn start(store: &mut Store, fw: &LoadedFramework, period: &str, answers: &[(&str, i64)]) -> i64 {
    let new = NewAssessment {
        period: period.into(),
        ..kota("Kediri", "Jawa Timur", &["kuliner"])
    };
    let id = store.create_assessment(fw, &new).unwrap();
    let r = store.load(id).unwrap().0.respondents[0].id;
    for (ind, level) in answers {
        store
            .upsert_answer(r, &SlotKey::new(ind, None), Some(*level), false)
            .unwrap();
    }
    id
}

#[test]
fn two_periods_with_a_renamed_and_an_added_indicator() {
    let v1 = framework("1", &["kreasi.a", "kreasi.b"], &["distribusi.a"]);
    let v2 = framework(
        "2",
        &["kreasi.a", "kreasi.talenta"],
        &["distribusi.a", "distribusi.baru"],
    );
    let mut store = Store::open_in_memory().unwrap();
    // 2026: kreasi (1/4 + 2/4) / 2 = 37.5; distribusi 3/4 = 75; headline 56.25.
    let y1 = start(
        &mut store,
        &v1,
        "2026",
        &[("kreasi.a", 1), ("kreasi.b", 2), ("distribusi.a", 3)],
    );
    for (ind, target) in [("kreasi.a", 3), ("kreasi.b", 2), ("distribusi.a", 4)] {
        store.set_target(y1, &SlotKey::new(ind, None), Some(target)).unwrap();
    }
    // The berita acara's commitment about kreasi.b (renamed kreasi.talenta in v2).
    store
        .set_commitments(
            y1,
            &[pmk3i::workshop::Commitment {
                text: "Pelatihan talenta".into(),
                actor: Some(pmk3i::actor::Actor::Government),
                organisation: "Dinas".into(),
                deadline: "2026-12-31".into(),
                indicators: vec![pmk3i::workshop::LinkedIndicator {
                    indicator: "kreasi.b".into(),
                    subsector: None,
                }],
            }],
        )
        .unwrap();
    // 2027: kreasi (3/4 + 4/4) / 2 = 87.5; distribusi (2/4 + 4/4) / 2 = 75; headline 81.25.
    let y2 = start(
        &mut store,
        &v2,
        "2027",
        &[
            ("kreasi.a", 3),
            ("kreasi.talenta", 4),
            ("distribusi.a", 2),
            ("distribusi.baru", 4),
        ],
    );
    let (a1, j1) = store.load(y1).unwrap();
    let (a2, j2) = store.load(y2).unwrap();
    let fw1 = pmk3i::assessment::snapshot_framework(&j1).unwrap();
    let fw2 = pmk3i::assessment::snapshot_framework(&j2).unwrap();
    let renames = HashMap::from([("kreasi.b".to_string(), "kreasi.talenta".to_string())]);
    let c = compare_with(&fw1, &a1, &fw2, &a2, &renames, Lang::Id);

    assert_eq!(c.before.score, Some(56.25));
    assert_eq!(c.after.score, Some(81.25));
    assert_eq!(c.headline_change, Some(25.0));
    assert_eq!(c.headline_arrow, "▲");
    let pillars: Vec<(&str, Option<f64>, Option<f64>, &str)> = c
        .pillars
        .iter()
        .map(|p| (p.pillar.as_str(), p.before, p.after, p.arrow))
        .collect();
    assert_eq!(
        pillars,
        vec![
            ("kreasi", Some(37.5), Some(87.5), "▲"),
            ("distribusi", Some(75.0), Some(75.0), "=")
        ]
    );
    // Each indicator's share of the score in v2 is 1/2 × 1/2: kreasi.a 1 → 3 is worth
    // 25 × (3/4 − 1/4) = 12.5 points; kreasi.b, now kreasi.talenta, 2 → 4 also 12.5;
    // distribusi.a 3 → 2 is −6.25.
    let rose: Vec<(&str, Option<&str>, f64, f64, f64)> = c
        .rose
        .iter()
        .map(|i| {
            (
                i.indicator.as_str(),
                i.renamed_from.as_deref(),
                i.before,
                i.after,
                i.effect,
            )
        })
        .collect();
    assert_eq!(
        rose,
        vec![
            ("kreasi.a", None, 1.0, 3.0, 12.5),
            ("kreasi.talenta", Some("kreasi.b"), 2.0, 4.0, 12.5)
        ]
    );
    let fell: Vec<(&str, f64)> = c.fell.iter().map(|i| (i.indicator.as_str(), i.effect)).collect();
    assert_eq!(fell, vec![("distribusi.a", -6.25)]);
    // Targets of 2026: kreasi.a ≥ 3 met (3); kreasi.b ≥ 2 met as kreasi.talenta (4);
    // distribusi.a ≥ 4 missed (2).
    let targets: Vec<(&str, i64, TargetOutcome)> = c
        .targets
        .iter()
        .map(|t| (t.indicator.as_str(), t.target, t.outcome.clone()))
        .collect();
    assert_eq!(
        targets,
        vec![
            ("kreasi.a", 3, TargetOutcome::Met),
            ("kreasi.talenta", 2, TargetOutcome::Met),
            ("distribusi.a", 4, TargetOutcome::Missed)
        ]
    );
    assert_eq!(c.only_after, vec!["distribusi.baru".to_string()]);
    assert!(c.only_before.is_empty());
    assert_eq!(c.commitments.len(), 1);
    assert_eq!(
        c.commitments[0].indicators,
        vec![("kreasi.talenta".to_string(), None, Some(2.0), Some(4.0))]
    );

    // Without the rename, kreasi.b and kreasi.talenta are each in one version only.
    let plain = compare_with(&fw1, &a1, &fw2, &a2, &HashMap::new(), Lang::Id);
    assert_eq!(plain.only_before, vec!["kreasi.b".to_string()]);
    assert_eq!(
        plain.only_after,
        vec!["kreasi.talenta".to_string(), "distribusi.baru".to_string()]
    );

    let md = pmk3i::compare::markdown(&c, Lang::Id);
    assert!(
        md.contains("Skor utama: 56.3 (Berkembang) → 81.3 (Unggul) ▲ +25.0"),
        "{md}"
    );
    assert!(md.contains("| Kreasi | 37.5 | 87.5 | ▲ +50.0 |"), "{md}");
    assert!(
        md.contains("- kreasi.talenta (dulu kreasi.b): 2 → 4 (dampak +12.5 poin)"),
        "{md}"
    );
    assert!(md.contains("- distribusi.a: target 4 · belum tercapai 3 → 2"), "{md}");
    assert!(
        md.contains(
            "1. Pelatihan talenta (G, Dinas) · tenggat 2026-12-31 · kreasi.talenta: 2 → 4 · tindak lanjut: belum dicatat\n"
        ),
        "{md}"
    );

    // A follow-up recorded on the later assessment shows only when it was started
    // from the earlier one.
    let followups = [pmk3i::store::followup::FollowUp {
        position: 1,
        commitment: "Pelatihan talenta".into(),
        status: pmk3i::store::followup::FollowUpStatus::InProgress,
        date: "2027-05-02".into(),
        note: "Angkatan pertama".into(),
        updated_at: "2027-05-02T08:00:00Z".into(),
    }];
    let mut unrelated = c.clone();
    pmk3i::compare::attach_followups(&mut unrelated, None, &followups, Lang::En);
    assert!(!unrelated.follows_up);
    assert_eq!(unrelated.commitments[0].status, "not recorded");
    assert_eq!(unrelated.commitments[0].followup, None);
    let mut followed = c.clone();
    pmk3i::compare::attach_followups(&mut followed, Some(a1.id), &followups, Lang::En);
    assert!(followed.follows_up);
    assert_eq!(followed.commitments[0].status, "in progress");
    let text = pmk3i::compare::text(&followed, Lang::En);
    assert!(
        text.contains(
            "  1. Pelatihan talenta (G, Dinas) · due 2026-12-31 · kreasi.talenta: 2 → 4 · follow-up: in progress (2027-05-02) — Angkatan pertama\n"
        ),
        "{text}"
    );
}

#[test]
fn pmk3i_compare_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    {
        let v1 = framework("1", &["kreasi.a"], &["distribusi.a"]);
        let mut store = Store::open(&db).unwrap();
        // 2026: kreasi 1/4 = 25, distribusi 3/4 = 75, headline 50; 2027: kreasi 75, headline 75.
        start(&mut store, &v1, "2026", &[("kreasi.a", 1), ("distribusi.a", 3)]);
        start(&mut store, &v1, "2027", &[("kreasi.a", 3), ("distribusi.a", 3)]);
    }
    for (format, expect) in [
        ("md", "▲ +25.0"),
        ("json", "\"headline_change\": 25.0"),
        ("csv", "headline,Kota Kediri,,50.0000,75.0000,25.0000,2026 → 2027"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let out = assert_cmd::Command::cargo_bin("pmk3i")
            .unwrap()
            .arg("--db")
            .arg(&db)
            .args(["compare", "1", "2", "--format", format])
            .env_remove("PMK3I_LANG")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains(expect), "{format}: {stdout}");
    }
}
