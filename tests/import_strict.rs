//! `pmk3i import` accepts only an export that fits exactly. Each wrong document below is
//! one hand edit of a good export; every one must be refused with exit 2, a message that
//! names the file and the JSON path, and the database left byte for byte as it was.
//! Then: a good export survives export → import → export unchanged, and no document the
//! importer accepts changes when it is exported again (a property test).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::fw;
use pmk3i::exchange::{Duplicate, export_json, import_json};
use pmk3i::store::Store;
use proptest::prelude::*;
use serde_json::{Value, json};

/// A small framework, embedded in the export as its snapshot: scale 0..4; region pillar
/// "kebijakan" with `kebijakan.perda` (N/A allowed) and `kebijakan.anggaran` (N/A not
/// allowed); subsector pillar "kreasi" with `kreasi.talenta`; subsectors kuliner, kriya,
/// fesyen.
fn snapshot() -> String {
    let levels = fw::rubric();
    json!({
        "format": 1,
        "id": "kecil",
        "version": "1.0",
        "title": {"id": "Kerangka kecil"},
        "scale": fw::named_scale(),
        "bands": fw::bands(&[(0, "Rintisan"), (50, "Mapan")]),
        "actors": fw::actors(&fw::HELIX),
        "subsectors": fw::subsectors(&["kuliner", "kriya", "fesyen"]),
        "pillars": [
            {"id": "kebijakan", "title": {"id": "Kebijakan"}, "indicators": [
                {"id": "kebijakan.perda", "text": {"id": "Perda"}, "allow_na": true, "levels": levels},
                {"id": "kebijakan.anggaran", "text": {"id": "Anggaran"}, "levels": levels}
            ]},
            {"id": "kreasi", "title": {"id": "Kreasi"}, "scope": "subsector", "indicators": [
                {"id": "kreasi.talenta", "text": {"id": "Talenta"}, "levels": levels}
            ]}
        ]
    })
    .to_string()
}

fn answer(indicator: &str, subsector: Option<&str>, level: Option<i64>, na: bool) -> Value {
    json!({"indicator": indicator, "subsector": subsector, "level": level, "na": na,
           "note": "", "evidence": "", "updated_at": "2026-11-01T08:00:00Z"})
}

/// Kota Sukamaju 2026, candidates kuliner and kriya; Sari (G) and Budi (B) answered; a
/// consensus and a verified level, a target and two pillar texts.
fn good_export() -> Value {
    json!({
        "pmk3i_export": 1,
        "assessment": {
            "id": 7,
            "region": {"name": "Sukamaju", "kind": "kota", "province": "Jawa Barat"},
            "period": "2026",
            "framework_id": "kecil",
            "framework_version": "1.0",
            "framework_hash": "",
            "candidates": ["kuliner", "kriya"],
            "chosen_flagship": null,
            "status": "draft",
            "created_at": "2026-11-01T08:00:00Z",
            "updated_at": "2026-11-01T09:00:00Z",
            "cursor": {"indicator": "kebijakan.anggaran", "subsector": null},
            "respondents": [
                {"id": 1, "name": "Sari", "actor": "G", "organisation": "Dinas Pariwisata", "answers": [
                    answer("kebijakan.perda", None, Some(3), false),
                    answer("kebijakan.anggaran", None, Some(2), false),
                    answer("kreasi.talenta", Some("kuliner"), Some(4), false)
                ]},
                {"id": 2, "name": "Budi", "actor": "B", "organisation": "Warung Budi", "answers": [
                    answer("kebijakan.perda", None, None, true),
                    answer("kreasi.talenta", Some("kriya"), Some(1), false)
                ]}
            ],
            "pillar_texts": [
                {"pillar": "kreasi", "subsector": "kuliner", "kind": "best_practice", "body": "Kelas memasak"},
                {"pillar": "kebijakan", "subsector": null, "kind": "problem", "body": "Anggaran belum tetap"}
            ],
            "agreed": [
                {"kind": "consensus", "indicator": "kebijakan.perda", "subsector": null, "level": 2, "na": false, "note": "DKT"},
                {"kind": "verified", "indicator": "kreasi.talenta", "subsector": "kuliner", "level": 3, "na": false, "note": ""}
            ],
            "targets": [{"indicator": "kebijakan.anggaran", "subsector": null, "level": 3}]
        },
        "framework_snapshot": snapshot(),
        "results": {"ignored": "recomputed on import"}
    })
}

struct Place {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("pmk3i.sqlite3");
        Place { dir, db }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn pmk3i(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_pmk3i"))
            .env("PMK3I_DATA_DIR", self.path("data"))
            .env_remove("PMK3I_DB")
            .env_remove("PMK3I_LANG")
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .expect("run pmk3i")
    }
    fn import(&self, file: &Path) -> std::process::Output {
        self.pmk3i(&["import", file.to_str().expect("utf-8 temp path")])
    }
}

fn database_bytes(db: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    (
        std::fs::read(db).expect("database file"),
        std::fs::read(wal).ok().filter(|w| !w.is_empty()),
    )
}

type Edit = fn(&mut Value);

/// One wrong document: what was edited, the JSON path the message must name, the edit.
const WRONG: &[(&str, &str, Edit)] = &[
    (
        "N/A where allow_na is false",
        "assessment.respondents[0].answers[1].na",
        |d| {
            d["assessment"]["respondents"][0]["answers"][1] = answer("kebijakan.anggaran", None, None, true);
        },
    ),
    ("agreed N/A where allow_na is false", "assessment.agreed[0].na", |d| {
        d["assessment"]["agreed"][0] = json!({"kind": "consensus", "indicator": "kebijakan.anggaran", "subsector": null, "level": null, "na": true, "note": ""});
    }),
    (
        "level and na together",
        "assessment.respondents[0].answers[0].na",
        |d| {
            d["assessment"]["respondents"][0]["answers"][0]["na"] = json!(true);
        },
    ),
    ("agreed level and na together", "assessment.agreed[1].na", |d| {
        d["assessment"]["agreed"][1]["na"] = json!(true);
    }),
    (
        "misspelt answer field levle",
        "assessment.respondents[0].answers[0]",
        |d| {
            let a = &mut d["assessment"]["respondents"][0]["answers"][0];
            a["levle"] = a["level"].take();
            a.as_object_mut().expect("object").remove("level");
        },
    ),
    ("unknown respondent field answer", "assessment.respondents[1]", |d| {
        d["assessment"]["respondents"][1]["answer"] = json!([]);
    }),
    ("unknown assessment field target", "assessment", |d| {
        d["assessment"]["target"] = json!({"indicator": "kebijakan.perda", "level": 4});
    }),
    ("unknown top-level field", "fingerprnt", |d| {
        d["fingerprnt"] = json!("x");
    }),
    ("no candidates with subsector pillars", "assessment.candidates", |d| {
        d["assessment"]["candidates"] = json!([]);
        d["assessment"]["respondents"][0]["answers"]
            .as_array_mut()
            .expect("array")
            .pop();
        d["assessment"]["respondents"][1]["answers"]
            .as_array_mut()
            .expect("array")
            .pop();
        d["assessment"]["pillar_texts"].as_array_mut().expect("array").remove(0);
        d["assessment"]["agreed"].as_array_mut().expect("array").pop();
    }),
    ("a candidate listed twice", "assessment.candidates[2]", |d| {
        d["assessment"]["candidates"] = json!(["kuliner", "kriya", "kuliner"]);
    }),
    ("more than 17 candidates", "assessment.candidates", |d| {
        d["assessment"]["candidates"] = json!(std::iter::repeat_n("kuliner", 18).collect::<Vec<_>>());
    }),
    ("an unknown candidate", "assessment.candidates[1]", |d| {
        d["assessment"]["candidates"][1] = json!("musik");
    }),
    ("the same respondent id twice", "assessment.respondents[1].id", |d| {
        d["assessment"]["respondents"][1]["id"] = json!(1);
    }),
    ("an identical respondent twice", "assessment.respondents[2]", |d| {
        let copy = d["assessment"]["respondents"][0].clone();
        let list = d["assessment"]["respondents"].as_array_mut().expect("array");
        list.push(copy);
        list[2]["id"] = json!(3);
    }),
    (
        "pillar text for an unknown pillar",
        "assessment.pillar_texts[1].pillar",
        |d| {
            d["assessment"]["pillar_texts"][1]["pillar"] = json!("distribusi");
        },
    ),
    (
        "pillar text with a subsector on a region pillar",
        "assessment.pillar_texts[1].subsector",
        |d| {
            d["assessment"]["pillar_texts"][1]["subsector"] = json!("kuliner");
        },
    ),
    ("an empty region name", "assessment.region.name", |d| {
        d["assessment"]["region"]["name"] = json!("  ");
    }),
    (
        "a framework version unlike the snapshot's",
        "assessment.framework_version",
        |d| {
            d["assessment"]["framework_version"] = json!("2.0");
        },
    ),
    ("a duplicate answer", "assessment.respondents[0].answers[3]", |d| {
        let list = d["assessment"]["respondents"][0]["answers"]
            .as_array_mut()
            .expect("array");
        list.push(answer("kebijakan.perda", None, Some(1), false));
    }),
    ("a duplicate consensus level", "assessment.agreed[2]", |d| {
        let list = d["assessment"]["agreed"].as_array_mut().expect("array");
        list.push(json!({"kind": "consensus", "indicator": "kebijakan.perda", "subsector": null, "level": 4, "na": false, "note": ""}));
    }),
    ("a duplicate target", "assessment.targets[1]", |d| {
        let list = d["assessment"]["targets"].as_array_mut().expect("array");
        list.push(json!({"indicator": "kebijakan.anggaran", "subsector": null, "level": 4}));
    }),
    ("a duplicate pillar text", "assessment.pillar_texts[2]", |d| {
        let list = d["assessment"]["pillar_texts"].as_array_mut().expect("array");
        list.push(json!({"pillar": "kebijakan", "subsector": null, "kind": "problem", "body": "lagi"}));
    }),
    ("an unknown actor group", "assessment.respondents[1].actor", |d| {
        d["assessment"]["respondents"][1]["actor"] = json!("X");
    }),
    ("a lower-case actor group", "assessment.respondents[0].actor", |d| {
        d["assessment"]["respondents"][0]["actor"] = json!("g");
    }),
    (
        "a level off the scale",
        "assessment.respondents[0].answers[0].level",
        |d| {
            d["assessment"]["respondents"][0]["answers"][0]["level"] = json!(5);
        },
    ),
    ("a target off the scale", "assessment.targets[0].level", |d| {
        d["assessment"]["targets"][0]["level"] = json!(7);
    }),
    (
        "an answer for a subsector that is not a candidate",
        "assessment.respondents[1].answers[1].subsector",
        |d| {
            d["assessment"]["respondents"][1]["answers"][1]["subsector"] = json!("fesyen");
        },
    ),
    (
        "a region indicator answered per subsector",
        "assessment.respondents[0].answers[0].subsector",
        |d| {
            d["assessment"]["respondents"][0]["answers"][0]["subsector"] = json!("kuliner");
        },
    ),
    (
        "a flagship that is not a candidate",
        "assessment.chosen_flagship",
        |d| {
            d["assessment"]["chosen_flagship"] = json!("fesyen");
        },
    ),
    ("an unknown status", "assessment.status", |d| {
        d["assessment"]["status"] = json!("selesai");
    }),
    ("a resume position that is not a question", "assessment.cursor", |d| {
        d["assessment"]["cursor"] = json!({"indicator": "kreasi.talenta", "subsector": null});
    }),
    (
        "a level that is text",
        "assessment.respondents[0].answers[0].level",
        |d| {
            d["assessment"]["respondents"][0]["answers"][0]["level"] = json!("3");
        },
    ),
    ("an unknown region kind", "assessment.region.kind", |d| {
        d["assessment"]["region"]["kind"] = json!("provinsi");
    }),
];

#[test]
fn every_wrong_document_is_refused_with_its_path_and_the_database_is_unchanged() {
    assert!(WRONG.len() >= 25, "the table holds at least 25 wrong documents");
    let place = Place::new();
    // The database already holds the good assessment, so "unchanged" means something.
    let good = place.path("good.json");
    std::fs::write(&good, good_export().to_string()).expect("write");
    let first = place.import(&good);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let before = database_bytes(&place.db);

    for (what, path, edit) in WRONG {
        let mut doc = good_export();
        edit(&mut doc);
        let file = place.path("wrong.json");
        std::fs::write(&file, doc.to_string()).expect("write");
        let out = place.import(&file);
        let message = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: exit code; {message}");
        assert!(
            message.contains(file.to_str().expect("utf-8")),
            "{what}: names the file: {message}"
        );
        assert!(message.contains(path), "{what}: names {path}: {message}");
        assert!(
            !message.contains("constraint failed"),
            "{what}: no raw SQLite text: {message}"
        );
        assert_eq!(database_bytes(&place.db), before, "{what}: the database changed");
    }
}

#[test]
fn a_good_export_is_accepted_and_the_same_file_again_is_refused() {
    let place = Place::new();
    let good = place.path("good.json");
    std::fs::write(&good, good_export().to_string()).expect("write");
    assert!(place.import(&good).status.success());
    let again = place.import(&good);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--copy"));
}

/// The record of an export, with the ids that belong to one database zeroed.
fn record(export: &str) -> Value {
    let mut doc: Value = serde_json::from_str(export).expect("an export is JSON");
    let mut a = doc["assessment"].take();
    a["id"] = json!(0);
    for r in a["respondents"].as_array_mut().expect("respondents") {
        r["id"] = json!(0);
    }
    a
}

fn round_trip(doc: &Value) -> Option<(String, String)> {
    let mut store = Store::open_in_memory().expect("store");
    let id = import_json(&mut store, "doc.json", doc.to_string().as_bytes(), Duplicate::Refuse).ok()?;
    let first = export_json(&store, id).expect("export");
    let mut other = Store::open_in_memory().expect("store");
    let id2 = import_json(&mut other, "first.json", first.as_bytes(), Duplicate::Refuse).expect("re-import");
    let second = export_json(&other, id2).expect("export again");
    Some((first, second))
}

#[test]
fn export_import_export_is_identical_for_the_good_document() {
    let (first, second) = round_trip(&good_export()).expect("the good export is accepted");
    assert_eq!(record(&first), record(&second));
    // The results, recomputed each time, agree too.
    let results = |s: &str| serde_json::from_str::<Value>(s).expect("json")["results"].clone();
    assert_eq!(results(&first), results(&second));
}

/// A generated answer: indicator, subsector, level (5 = N/A), for a respondent.
fn generated_answer() -> impl Strategy<Value = (usize, usize, u8)> {
    (0..3usize, 0..3usize, 0..6u8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any document the importer accepts comes out of an export with the same record.
    #[test]
    fn an_accepted_document_is_exported_unchanged(
        actors in proptest::collection::vec(0..7usize, 1..4),
        answers in proptest::collection::vec(generated_answer(), 0..8),
        candidates in proptest::sample::subsequence(vec![0usize, 1, 2], 1..=3),
    ) {
        let actor_ids = ["A", "B", "C", "G", "M", "asesor", "Z"];
        let indicators = ["kebijakan.perda", "kebijakan.anggaran", "kreasi.talenta"];
        let subsectors = ["kuliner", "kriya", "fesyen"];
        let mut doc = good_export();
        doc["assessment"]["candidates"] = json!(candidates.iter().map(|c| subsectors[*c]).collect::<Vec<_>>());
        doc["assessment"]["pillar_texts"] = json!([]);
        doc["assessment"]["agreed"] = json!([]);
        doc["assessment"]["targets"] = json!([]);
        doc["assessment"]["cursor"] = json!(null);
        let respondents: Vec<Value> = actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut slots = std::collections::HashSet::new();
                let mine: Vec<Value> = answers
                    .iter()
                    .filter(|(_, _, l)| (*l as usize) % actors.len() == i)
                    // Mostly one answer per slot, so most documents are accepted.
                    .filter(|(ind, sub, _)| slots.insert((*ind, if *ind == 2 { *sub } else { 0 })))
                    .map(|(ind, sub, l)| {
                        let indicator = indicators[*ind];
                        let subsector = indicator.starts_with("kreasi").then_some(subsectors[*sub]);
                        if *l == 5 {
                            answer(indicator, subsector, None, true)
                        } else {
                            answer(indicator, subsector, Some(*l as i64), false)
                        }
                    })
                    .collect();
                // Current exports carry each respondent's stable uid (an older one without
                // gets one on import).
                json!({"id": i + 1, "uid": format!("{:032x}", i + 1), "name": format!("R{i}"),
                       "actor": actor_ids[*a], "organisation": "", "answers": mine})
            })
            .collect();
        doc["assessment"]["respondents"] = json!(respondents);
        let mut store = Store::open_in_memory().expect("store");
        if let Ok(id) = import_json(&mut store, "doc.json", doc.to_string().as_bytes(), Duplicate::Refuse) {
            let exported = export_json(&store, id).expect("export");
            let mut expected = doc["assessment"].clone();
            expected["id"] = json!(0);
            for r in expected["respondents"].as_array_mut().expect("respondents") {
                r["id"] = json!(0);
            }
            let mut got = record(&exported);
            // The hash is the snapshot's own, filled in on import.
            expected["framework_hash"] = got["framework_hash"].clone();
            got["framework_hash"] = expected["framework_hash"].clone();
            prop_assert_eq!(got, expected);
            let (first, second) = round_trip(&doc).expect("accepted once, accepted again");
            prop_assert_eq!(record(&first), record(&second));
        }
    }
}
