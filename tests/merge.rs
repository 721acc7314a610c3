//! Merging workshop laptops and bulk import: three laptops collect respondents for
//! Kota Kediri 2026; `pmk3i import` of their exports makes one assessment without
//! duplicates or silent overwrites.

mod common;

use std::path::{Path, PathBuf};

use common::cli::pmk3i;
use common::db::kota;
use common::fw;
use pmk3i::exchange::{Duplicate, export_json, import_json};
use pmk3i::framework::LoadedFramework;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use serde_json::{Value, json};

fn framework() -> LoadedFramework {
    fw::uji(
        "1",
        fw::bands(&[(0, "Rintisan")]),
        fw::actors(&["B", "C", "G"]),
        fw::subsectors(&["kuliner"]),
        json!([{"id": "umum", "title": {"id": "Umum"}, "indicators": [
            fw::indicator("umum.a", "A"),
            fw::indicator("umum.b", "B")
        ]}]),
    )
}

/// A laptop's new assessment of Kota Kediri 2026, first respondent `name`.
fn start(store: &mut Store, region_typed: &str, name: &str, actor: &str) -> i64 {
    let new = NewAssessment {
        respondent_name: name.into(),
        respondent_actor: pmk3i::actor::Actor::parse(actor).expect("a helix actor"),
        ..kota(region_typed, "Jawa Timur", &["kuliner"])
    };
    store.create_assessment(&framework(), &new).unwrap()
}

fn answer(store: &mut Store, respondent: i64, indicator: &str, level: i64) {
    store
        .upsert_answer(respondent, &SlotKey::new(indicator, None), Some(level), false)
        .unwrap();
}

fn respondent_id(store: &Store, id: i64, name: &str) -> i64 {
    let (a, _) = store.load(id).unwrap();
    a.respondents.iter().find(|r| r.name == name).unwrap().id
}

/// Writes the export of `id` with every answer's `updated_at` set to `at`.
fn export_to(store: &Store, id: i64, path: &Path, at: &str) -> PathBuf {
    let mut doc: Value = serde_json::from_str(&export_json(store, id).unwrap()).unwrap();
    for r in doc["assessment"]["respondents"].as_array_mut().unwrap() {
        for a in r["answers"].as_array_mut().unwrap() {
            a["updated_at"] = json!(at);
        }
    }
    std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    path.to_path_buf()
}

/// Each respondent of the one assessment in `db`: (name, actor, [(indicator, level)]).
type Answers = Vec<(String, Option<i64>)>;

fn contents(db: &Path) -> Vec<(String, String, Answers)> {
    let store = Store::open(db).unwrap();
    let list = store.list().unwrap();
    assert_eq!(list.len(), 1, "one assessment");
    let mut rows: Vec<_> = list[0]
        .assessment
        .respondents
        .iter()
        .map(|r| {
            let mut answers: Vec<_> = r.answers.iter().map(|a| (a.indicator.clone(), a.level)).collect();
            answers.sort();
            (r.name.clone(), r.actor.to_string(), answers)
        })
        .collect();
    rows.sort();
    rows
}

fn ans(pairs: &[(&str, i64)]) -> Answers {
    pairs.iter().map(|(i, l)| (i.to_string(), Some(*l))).collect()
}

/// Laptop 1: Siti (G) answers umum.a = 2. Laptop 2 started from laptop 1's export:
/// Siti adds umum.b = 3, and Budi (B) answers umum.a = 4. Laptop 3 started on its
/// own ("kota kediri"): Ani (C) answers umum.a = 1 and umum.b = 0.
struct Workshop {
    dir: tempfile::TempDir,
    one: PathBuf,
    two: PathBuf,
    three: PathBuf,
}

fn workshop() -> Workshop {
    let dir = tempfile::tempdir().unwrap();
    let mut l1 = Store::open_in_memory().unwrap();
    let a1 = start(&mut l1, "Kediri", "Siti", "G");
    let siti = respondent_id(&l1, a1, "Siti");
    answer(&mut l1, siti, "umum.a", 2);
    let one = export_to(&l1, a1, &dir.path().join("laptop-1.json"), "2026-11-02T10:00:00Z");

    let mut l2 = Store::open_in_memory().unwrap();
    let a2 = import_json(
        &mut l2,
        "laptop-1.json",
        &std::fs::read(&one).unwrap(),
        Duplicate::Refuse,
    )
    .unwrap();
    let siti2 = respondent_id(&l2, a2, "Siti");
    answer(&mut l2, siti2, "umum.b", 3);
    let budi = l2
        .add_respondent(a2, "Budi", pmk3i::actor::Actor::Business, "Kafe Budi")
        .unwrap();
    answer(&mut l2, budi, "umum.a", 4);
    let two = export_to(&l2, a2, &dir.path().join("laptop-2.json"), "2026-11-02T11:00:00Z");

    let mut l3 = Store::open_in_memory().unwrap();
    let a3 = start(&mut l3, "kota kediri ", "Ani", "C");
    let ani = respondent_id(&l3, a3, "Ani");
    answer(&mut l3, ani, "umum.a", 1);
    answer(&mut l3, ani, "umum.b", 0);
    let three = export_to(&l3, a3, &dir.path().join("laptop-3.json"), "2026-11-02T12:00:00Z");
    Workshop { dir, one, two, three }
}

#[test]
fn three_laptops_become_one_assessment_without_duplicates() {
    let w = workshop();
    let db = w.dir.path().join("pusat.sqlite3");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let out = pmk3i(&db, &["import", &s(&w.one), &s(&w.two), &s(&w.three)]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "{}: diimpor sebagai penilaian 1\n\
             {}: digabung ke penilaian 1: 1 responden baru, 2 jawaban baru, 0 konflik\n\
             {}: digabung ke penilaian 1: 1 responden baru, 2 jawaban baru, 0 konflik\n\
             3 berkas: 1 diimpor, 2 digabung, 0 sudah ada, 0 ditolak\n",
            s(&w.one),
            s(&w.two),
            s(&w.three)
        )
    );
    // Siti is on laptops 1 and 2 (the same stable id): once, with both answers.
    assert_eq!(
        contents(&db),
        vec![
            ("Ani".to_string(), "C".to_string(), ans(&[("umum.a", 1), ("umum.b", 0)])),
            ("Budi".to_string(), "B".to_string(), ans(&[("umum.a", 4)])),
            (
                "Siti".to_string(),
                "G".to_string(),
                ans(&[("umum.a", 2), ("umum.b", 3)])
            ),
        ]
    );

    // The same files again change nothing and say so.
    let again = pmk3i(&db, &["import", &s(&w.one), &s(&w.two), &s(&w.three)]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(
        again.stdout.contains(&format!(
            "{}: sudah ada (penilaian 1); tidak ada yang diubah",
            s(&w.two)
        )),
        "{}",
        again.stdout
    );
    assert!(
        again
            .stdout
            .ends_with("3 berkas: 0 diimpor, 0 digabung, 3 sudah ada, 0 ditolak\n")
    );
    assert_eq!(contents(&db).len(), 3);
    // One file again, alone: refused as it always was (exit 2), nothing changed.
    let single = pmk3i(&db, &["import", &s(&w.two)]);
    assert_eq!(single.code, Some(2));
    assert!(
        single.stderr.contains("sudah pernah diimpor sebagai penilaian 1"),
        "{}",
        single.stderr
    );
}

/// Laptop 2's Siti changed umum.a from 2 to 3 (later than laptop 1's answer).
fn conflicting(w: &Workshop) -> PathBuf {
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&w.two).unwrap()).unwrap();
    let siti = doc["assessment"]["respondents"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["name"] == "Siti")
        .unwrap();
    for a in siti["answers"].as_array_mut().unwrap() {
        if a["indicator"] == "umum.a" {
            a["level"] = json!(3);
            a["updated_at"] = json!("2026-11-02T11:30:00Z");
        }
    }
    let path = w.dir.path().join("laptop-2-conflict.json");
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    path
}

#[test]
fn a_conflict_is_refused_by_default_and_the_newer_kept_with_prefer_newer() {
    let w = workshop();
    let db = w.dir.path().join("pusat.sqlite3");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    assert_eq!(pmk3i(&db, &["import", &s(&w.one)]).code, Some(0));
    let file = conflicting(&w);

    let refused = pmk3i(&db, &["import", &s(&file)]);
    assert_eq!(refused.code, Some(2));
    assert!(
        refused
            .stderr
            .contains("1 jawaban bertentangan dengan penilaian 1 (Kota Kediri, 2026); tidak ada yang diimpor"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--prefer newer"), "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("Siti · umum.a: tersimpan 2 (2026-11-02T10:00:00Z) ≠ 3 (2026-11-02T11:30:00Z)"),
        "{}",
        refused.stderr
    );
    // Nothing of the file went in: not Budi, not Siti's umum.b.
    assert_eq!(
        contents(&db),
        vec![("Siti".to_string(), "G".to_string(), ans(&[("umum.a", 2)]))]
    );

    let newer = pmk3i(&db, &["--lang", "en", "import", "--prefer", "newer", &s(&file)]);
    assert_eq!(newer.code, Some(0), "{}", newer.stderr);
    assert_eq!(
        newer.stdout,
        "Merged into assessment 1: 1 respondent(s) added, 2 answer(s) added, 1 conflict(s), 1 replaced by the newer\n  \
         Siti · umum.a: stored 2 (2026-11-02T10:00:00Z) ≠ 3 (2026-11-02T11:30:00Z) → the file's (newer) is kept\n"
    );
    assert_eq!(
        contents(&db),
        vec![
            ("Budi".to_string(), "B".to_string(), ans(&[("umum.a", 4)])),
            (
                "Siti".to_string(),
                "G".to_string(),
                ans(&[("umum.a", 3), ("umum.b", 3)])
            ),
        ]
    );
}

#[test]
fn an_older_answer_never_replaces_a_newer_one() {
    let w = workshop();
    let db = w.dir.path().join("pusat.sqlite3");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let file = conflicting(&w);
    // The newer file first, then laptop 1's older answer with --prefer newer.
    assert_eq!(pmk3i(&db, &["import", &s(&file)]).code, Some(0));
    let out = pmk3i(&db, &["import", "--prefer", "newer", &s(&w.one)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("0 responden baru, 0 jawaban baru, 1 konflik"),
        "{}",
        out.stdout
    );
    let siti = contents(&db).into_iter().find(|r| r.0 == "Siti").unwrap();
    assert_eq!(siti.2, ans(&[("umum.a", 3), ("umum.b", 3)]));
}

#[test]
fn exports_from_before_stable_ids_match_by_name_and_group() {
    let w = workshop();
    let db = w.dir.path().join("pusat.sqlite3");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    assert_eq!(pmk3i(&db, &["import", &s(&w.one)]).code, Some(0));
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&w.two).unwrap()).unwrap();
    for r in doc["assessment"]["respondents"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("uid");
    }
    // The same person, typed with another case and spacing on the old laptop.
    doc["assessment"]["respondents"][0]["name"] = json!(" siti ");
    let old = w.dir.path().join("old.json");
    std::fs::write(&old, doc.to_string()).unwrap();
    let out = pmk3i(&db, &["import", &s(&old)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        contents(&db),
        vec![
            ("Budi".to_string(), "B".to_string(), ans(&[("umum.a", 4)])),
            (
                "Siti".to_string(),
                "G".to_string(),
                ans(&[("umum.a", 2), ("umum.b", 3)])
            ),
        ]
    );
}

#[test]
fn a_folder_imports_every_export_and_a_refused_file_does_not_stop_the_others() {
    let w = workshop();
    let db = w.dir.path().join("pusat.sqlite3");
    let folder = w.dir.path().join("lokakarya");
    std::fs::create_dir(&folder).unwrap();
    for (from, to) in [(&w.one, "a.json"), (&w.two, "b.json"), (&w.three, "c.json")] {
        std::fs::copy(from, folder.join(to)).unwrap();
    }
    std::fs::write(folder.join("b2-rusak.json"), "{\"pmk3i_export\": 1,").unwrap();
    std::fs::write(folder.join("catatan.txt"), "bukan ekspor").unwrap();
    let out = pmk3i(&db, &["import", folder.to_str().unwrap()]);
    assert_eq!(out.code, Some(2), "{}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", out.stdout);
    assert!(
        lines[0].ends_with("a.json: diimpor sebagai penilaian 1"),
        "{}",
        lines[0]
    );
    assert!(lines[1].ends_with("b.json: digabung ke penilaian 1: 1 responden baru, 2 jawaban baru, 0 konflik"));
    assert!(lines[2].contains("b2-rusak.json: DITOLAK: "), "{}", lines[2]);
    assert!(
        lines[2].contains("bukan berkas ekspor JSON pmk3i yang utuh"),
        "{}",
        lines[2]
    );
    assert!(lines[3].ends_with("c.json: digabung ke penilaian 1: 1 responden baru, 2 jawaban baru, 0 konflik"));
    assert_eq!(lines[4], "4 berkas: 1 diimpor, 2 digabung, 0 sudah ada, 1 ditolak");
    assert!(out.stderr.contains("1 dari 4 berkas ditolak"), "{}", out.stderr);
    assert_eq!(contents(&db).len(), 3);
}

#[test]
fn a_different_framework_copy_is_not_merged() {
    let w = workshop();
    let db = w.dir.path().join("pusat.sqlite3");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    assert_eq!(pmk3i(&db, &["import", &s(&w.one)]).code, Some(0));
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&w.three).unwrap()).unwrap();
    let snapshot = doc["framework_snapshot"]
        .as_str()
        .unwrap()
        .replace("Kerangka uji", "Kerangka uji 2");
    doc["framework_snapshot"] = json!(snapshot);
    let other = w.dir.path().join("other.json");
    std::fs::write(&other, doc.to_string()).unwrap();
    let out = pmk3i(&db, &["import", &s(&other)]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("memakai salinan kerangka \"uji\" yang lain"),
        "{}",
        out.stderr
    );
    assert_eq!(contents(&db).len(), 1);
}
