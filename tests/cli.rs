//! The headless commands as a user runs them: the built binary, real temp folders,
//! real SQLite files. An assessment is prepared through the library (as the TUI
//! would save it), then listed, exported, imported and exported again.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::fw::bundled_pmk3i;
use pmk3i::assessment::{AgreedKind, Region, RegionKind, TextKind};
use pmk3i::framework::{Framework, Scope};
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use serde_json::Value;

/// A note as facilitators type them: Indonesian punctuation and an emoji.
const NOTE: &str = "Perda No. 5/2024 — sudah disahkan, tinggal Perbup 👍";

/// A temp folder with a data folder and a database, and the assessment in it.
struct Fixture {
    dir: tempfile::TempDir,
    db: PathBuf,
    id: i64,
    framework: Framework,
    /// Answers given by all respondents together (rows in the CSV).
    answers: usize,
    candidates: Vec<String>,
}

/// Kota Pekalongan, two candidate subsectors. Siti (G) gives the first region
/// indicator 3 (with a note) and the first subsector indicator 2 for the first
/// candidate; Budi (A) gives the first region indicator 1. Every scored slot thus has
/// the level 2 (G 3 and A 1 average to 2), so every pillar with an answer scores
/// 100 × 2/4 = 50 and so does the headline, whatever the framework's weights.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let loaded = bundled_pmk3i();
    let fw = loaded.framework.clone();
    let candidates: Vec<String> = fw.subsectors.iter().take(2).map(|s| s.id.clone()).collect();
    let region_pillar = fw
        .pillars
        .iter()
        .find(|p| p.scope == Scope::Region)
        .expect("a region pillar");
    let region_slot = SlotKey::new(&region_pillar.indicators[0].id, None);
    let subsector_slot = fw
        .pillars
        .iter()
        .filter(|p| p.scope == Scope::Subsector)
        .flat_map(|p| &p.indicators)
        .find(|i| i.applies_to(&candidates[0]))
        .map(|i| SlotKey::new(&i.id, Some(&candidates[0])));

    let mut store = Store::open(&db).unwrap();
    let id = store
        .create_assessment(
            &loaded,
            &NewAssessment {
                region: Region {
                    name: "Pekalongan".into(),
                    kind: RegionKind::Kota,
                    province: "Jawa Tengah".into(),
                },
                period: "2026".into(),
                candidates: candidates.clone(),
                respondent_name: "Siti Rahma".into(),
                respondent_organisation: "Dinas Pariwisata dan Kebudayaan".into(),
                respondent_actor: pmk3i::actor::Actor::Government,
            },
        )
        .unwrap();
    let siti = store.load(id).unwrap().0.respondents[0].id;
    store.upsert_answer(siti, &region_slot, Some(3), false).unwrap();
    store.set_answer_text(siti, &region_slot, false, NOTE).unwrap();
    store
        .set_answer_text(siti, &region_slot, true, "Lembaran Daerah 2024")
        .unwrap();
    let mut answers = 1;
    if let Some(slot) = &subsector_slot {
        store.upsert_answer(siti, slot, Some(2), false).unwrap();
        answers += 1;
    }
    let budi = store
        .add_respondent(
            id,
            "Budi Santoso",
            pmk3i::actor::Actor::Academia,
            "Universitas Pekalongan",
        )
        .unwrap();
    store.upsert_answer(budi, &region_slot, Some(1), false).unwrap();
    answers += 1;
    store
        .set_agreed_level(id, AgreedKind::Consensus, &region_slot, Some(3), false, "Hasil DKT")
        .unwrap();
    store
        .set_pillar_text(
            id,
            &region_pillar.id,
            None,
            TextKind::BestPractice,
            "Festival batik tahunan",
        )
        .unwrap();

    Fixture {
        dir,
        db,
        id,
        framework: fw,
        answers,
        candidates,
    }
}

impl Fixture {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `pmk3i --db DB ARGS…` with the data folder inside the temp folder.
    fn pmk3i(&self, db: &Path, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_pmk3i"))
            .env("PMK3I_DATA_DIR", self.path("data"))
            .env_remove("PMK3I_DB")
            .env_remove("PMK3I_LANG")
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap()
    }
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn succeeded(output: &std::process::Output) {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The assessment record without the ids the database hands out.
fn without_ids(assessment: &Value) -> Value {
    let mut a = assessment.clone();
    a.as_object_mut().unwrap().remove("id");
    for r in a["respondents"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("id");
    }
    a
}

#[test]
fn list_shows_the_assessment_with_completeness_and_score() {
    let f = fixture();
    let output = f.pmk3i(&f.db, &["list"]);
    succeeded(&output);
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("ID\tDaerah\tPeriode\tKerangka\tResponden\tKelengkapan\tSkor\tKategori")
    );
    // Completeness is rounded to the nearest whole percent, half up (it is partial here,
    // so never 0% or 100%).
    // The bundled framework asks 47 slots of the first candidate's ecosystem; two are
    // answered: 2/47 = 4.26% → "4%".
    let percent = "4%";
    // 50.0 is in the bundled framework's band from 40: "Berkembang".
    let expected = format!(
        "{}\tKota Pekalongan\t2026\tpmk3i {}\t2\t{percent}\t50.0\tBerkembang",
        f.id, f.framework.version
    );
    assert_eq!(lines.next(), Some(expected.as_str()));
    assert_eq!(lines.next(), None);
}

#[test]
fn list_json_gives_the_same_numbers_unrounded() {
    let f = fixture();
    let output = f.pmk3i(&f.db, &["list", "--json"]);
    succeeded(&output);
    let rows: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["id"], f.id);
    assert_eq!(row["region"], "Kota Pekalongan");
    assert_eq!(row["province"], "Jawa Tengah");
    assert_eq!(row["period"], "2026");
    assert_eq!(row["respondents"], 2);
    assert_eq!(row["headline_score"], 50.0);
    assert_eq!(row["band"], "Berkembang");
    let completeness = row["completeness"].as_f64().unwrap();
    assert!((completeness - 2.0 / 47.0).abs() < 1e-9, "{completeness}");
}

#[test]
fn list_on_a_new_database_says_there_is_nothing_yet() {
    let f = fixture();
    // No --db: the default database in the data folder, not made yet. Listing it
    // says so and creates nothing.
    let output = Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DATA_DIR", f.path("data"))
        .env_remove("PMK3I_DB")
        .env_remove("PMK3I_LANG")
        .arg("list")
        .output()
        .unwrap();
    succeeded(&output);
    assert_eq!(
        stdout(&output),
        "Belum ada penilaian. Jalankan `pmk3i` untuk membuat yang pertama.\n"
    );
    assert!(
        !f.path("data").join("pmk3i.sqlite3").exists(),
        "list created the database"
    );
}

#[test]
fn a_mistyped_db_for_a_read_only_command_is_reported_not_created() {
    let f = fixture();
    let typo = f.path("pmk3i.sqlite");
    for args in [
        &["list"][..],
        &["export", "1", "--format", "json"],
        &["report", "1", "--format", "md"],
    ] {
        let output = f.pmk3i(&typo, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        let err = stderr(&output);
        assert!(err.contains(&typo.display().to_string()), "{err}");
        assert!(err.contains("tidak ada"), "{err}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
}

#[test]
fn export_then_import_then_export_reproduces_results_and_answers() {
    let f = fixture();
    let first = f.path("a.json");
    let output = f.pmk3i(
        &f.db,
        &[
            "export",
            &f.id.to_string(),
            "--format",
            "json",
            "--out",
            first.to_str().unwrap(),
        ],
    );
    succeeded(&output);
    assert_eq!(stdout(&output), format!("Ditulis: {}\n", first.display()));
    let exported = read_json(&first);
    assert_eq!(exported["pmk3i_export"], 1);
    assert_eq!(exported["results"]["self_assessed"]["headline_score"], 50.0);
    assert_eq!(
        exported["results"]["self_assessed"]["suggested_flagship"],
        f.candidates[0].as_str()
    );

    let fresh = f.path("b.sqlite3");
    let output = f.pmk3i(&fresh, &["import", first.to_str().unwrap()]);
    succeeded(&output);
    let imported_id: i64 = stdout(&output)
        .trim()
        .strip_prefix("Diimpor sebagai penilaian ")
        .expect("the import says which id it created")
        .parse()
        .unwrap();

    let second = f.path("b.json");
    let output = f.pmk3i(
        &fresh,
        &[
            "export",
            &imported_id.to_string(),
            "--format",
            "json",
            "--out",
            second.to_str().unwrap(),
        ],
    );
    succeeded(&output);
    let reexported = read_json(&second);

    assert_eq!(reexported["results"], exported["results"], "the computed results");
    assert_eq!(
        without_ids(&reexported["assessment"]),
        without_ids(&exported["assessment"]),
        "the record: answers, notes, texts, agreed levels"
    );
    assert_eq!(reexported["framework_snapshot"], exported["framework_snapshot"]);
    let note = &reexported["assessment"]["respondents"][0]["answers"][0]["note"];
    assert_eq!(note, NOTE, "Indonesian text and emoji survive the round trip");
}

#[test]
fn a_json_export_is_the_same_in_both_languages() {
    let f = fixture();
    let export = |lang: &str| {
        let out = f.path(&format!("{lang}.json"));
        let id = f.id.to_string();
        let args = [
            "--lang",
            lang,
            "export",
            &id,
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ];
        succeeded(&f.pmk3i(&f.db, &args));
        std::fs::read(&out).unwrap()
    };
    let (id, en) = (export("id"), export("en"));
    let results = |bytes: &[u8]| {
        let doc: Value = serde_json::from_slice(bytes).unwrap();
        serde_json::to_string(&doc["results"]).unwrap()
    };
    assert_eq!(results(&id), results(&en), "the computed results");
    assert!(id == en, "the whole document: nothing in it depends on the language");
    let doc: Value = serde_json::from_slice(&id).unwrap();
    let s = &doc["results"]["self_assessed"];
    // 50.0 is in the bundled framework's second band (from 40): index 1, with no label.
    assert_eq!(s["headline_score"], 50.0);
    assert_eq!(s["headline_band"], 1);
    assert_eq!(s["pillars"][0]["band"], 1);
    assert!(s["pillars"][0].get("title").is_none(), "{}", s["pillars"][0]);
    let rec = &s["recommendations"][0];
    assert!(rec.get("text").is_none() && rec.get("next_step").is_none(), "{rec}");
    assert_eq!(s["candidates"][0]["candidate"], f.candidates[0].as_str());
    assert!(s["candidates"][0].get("label").is_none());
}

#[test]
fn csv_export_labels_the_bands_in_the_language_asked() {
    let f = fixture();
    let id = f.id.to_string();
    let band_of_headline = |lang: &str| {
        let output = f.pmk3i(&f.db, &["--lang", lang, "export", &id, "--format", "csv"]);
        succeeded(&output);
        let mut reader = csv::Reader::from_reader(&output.stdout[3..]);
        let band = reader.headers().unwrap().iter().position(|h| h == "band").unwrap();
        let headline = reader
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == "headline")
            .expect("a headline row");
        headline[band].to_string()
    };
    assert_eq!(band_of_headline("id"), "Berkembang");
    assert_eq!(band_of_headline("en"), "Developing");
}

#[test]
fn importing_the_same_file_twice_is_refused_unless_copied() {
    let f = fixture();
    let file = f.path("a.json");
    succeeded(&f.pmk3i(
        &f.db,
        &[
            "export",
            &f.id.to_string(),
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    let fresh = f.path("b.sqlite3");
    succeeded(&f.pmk3i(&fresh, &["import", file.to_str().unwrap()]));

    let again = f.pmk3i(&fresh, &["import", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    let message = stderr(&again);
    assert!(message.contains("sudah pernah diimpor sebagai penilaian"), "{message}");
    assert!(message.contains("tidak ada yang diubah"), "{message}");
    assert!(message.contains("--copy"), "{message}");

    let again = f.pmk3i(&fresh, &["--lang", "en", "import", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    let message = stderr(&again);
    assert!(message.contains("was already imported as assessment"), "{message}");
    assert!(message.contains("nothing was changed"), "{message}");
    assert!(message.contains("--copy"), "{message}");

    let copy = f.pmk3i(&fresh, &["import", "--copy", file.to_str().unwrap()]);
    succeeded(&copy);

    let listed = f.pmk3i(&fresh, &["list", "--json"]);
    let rows: Value = serde_json::from_str(&stdout(&listed)).unwrap();
    let mut periods: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    periods.sort();
    // The copy keeps the file's period and is marked in its own field (tests/import_copy.rs).
    assert_eq!(periods, ["2026", "2026"]);
}

#[test]
fn csv_export_has_a_bom_a_header_and_one_row_per_answer() {
    let f = fixture();
    let output = f.pmk3i(&f.db, &["export", &f.id.to_string(), "--format", "csv"]);
    succeeded(&output);
    let bytes = output.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for spreadsheet programs");

    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[..4], ["record", "assessment", "region", "period"]);
    assert!(header.iter().any(|h| h == "note"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        rows.iter().all(|r| r.len() == header.len()),
        "every row is as wide as the header"
    );

    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let answers: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "answer").collect();
    assert_eq!(answers.len(), f.answers);
    assert!(answers.iter().all(|r| &r[column("region")] == "Kota Pekalongan"));
    assert!(answers.iter().any(|r| &r[column("note")] == NOTE));
    let levels: Vec<(&str, &str)> = answers
        .iter()
        .map(|r| (&r[column("actor")], &r[column("level")]))
        .collect();
    assert!(
        levels.contains(&("G", "3")) && levels.contains(&("A", "1")),
        "{levels:?}"
    );
    let headline = rows.iter().find(|r| &r[0] == "headline").expect("a headline row");
    assert_eq!(&headline[column("score")], "50.0000");
}

#[test]
fn lang_en_switches_the_output_language() {
    let f = fixture();
    let output = f.pmk3i(&f.db, &["--lang", "en", "list"]);
    succeeded(&output);
    let text = stdout(&output);
    assert!(
        text.starts_with("ID\tRegion\tPeriod\tFramework\tRespondents\tCompleteness\tScore\tBand\n"),
        "{text}"
    );
    assert!(text.contains(&format!("\t50.0\t{}\n", "Developing")), "{text}");

    let out = f.path("en.json");
    let output = f.pmk3i(
        &f.db,
        &[
            "--lang",
            "en",
            "export",
            &f.id.to_string(),
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    succeeded(&output);
    assert_eq!(stdout(&output), format!("Written: {}\n", out.display()));

    // PMK3I_LANG does the same as --lang.
    let output = Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DATA_DIR", f.path("data"))
        .env("PMK3I_LANG", "en_US.UTF-8")
        .env("PMK3I_DB", &f.db)
        .arg("list")
        .output()
        .unwrap();
    succeeded(&output);
    assert!(stdout(&output).starts_with("ID\tRegion\t"));
}

#[test]
fn exporting_a_missing_assessment_fails_clearly_and_writes_nothing() {
    let f = fixture();
    let out = f.path("hilang.json");
    let output = f.pmk3i(
        &f.db,
        &["export", "999", "--format", "json", "--out", out.to_str().unwrap()],
    );
    assert_ne!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        "pmk3i: penilaian 999 tidak ada; `pmk3i list` menampilkan daftar penilaian\n"
    );
    assert!(output.stdout.is_empty());
    assert!(!out.exists(), "no file for a failed export");
}

#[test]
fn importing_something_that_is_not_an_export_is_refused() {
    let f = fixture();
    let file = f.path("bukan-ekspor.json");
    std::fs::write(&file, r#"{"nama": "Siti"}"#).unwrap();
    let output = f.pmk3i(&f.db, &["import", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert!(message.contains("bukan berkas ekspor JSON pmk3i"), "{message}");
    assert!(message.contains("pmk3i export ID --format json"), "{message}");
}

#[test]
fn an_export_edited_by_hand_that_no_longer_fits_its_framework_is_refused_with_paths() {
    let f = fixture();
    let file = f.path("a.json");
    succeeded(&f.pmk3i(
        &f.db,
        &[
            "export",
            &f.id.to_string(),
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    let mut doc = read_json(&file);
    let answers = doc["assessment"]["respondents"][0]["answers"].as_array_mut().unwrap();
    answers[0]["level"] = Value::from(9);
    answers[1]["indicator"] = Value::from("kreasi.tidak_ada");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();

    let fresh = f.path("b.sqlite3");
    let refused = f.pmk3i(&fresh, &["import", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let message = stderr(&refused);
    assert!(message.contains("tidak ada yang diimpor"), "{message}");
    assert!(
        message.contains("assessment.respondents[0].answers[0].level: tingkat 9 tidak ada di skala"),
        "{message}"
    );
    assert!(
        message.contains(
            "assessment.respondents[0].answers[1].indicator: indikator \"kreasi.tidak_ada\" tidak ada di kerangka"
        ),
        "{message}"
    );
    let listed = f.pmk3i(&fresh, &["list", "--json"]);
    assert_eq!(stdout(&listed).trim(), "[]", "nothing was imported");
}

#[test]
fn csv_cells_that_would_run_as_spreadsheet_formulas_are_neutralised() {
    let f = fixture();
    let mut store = Store::open(&f.db).unwrap();
    let (assessment, _) = store.load(f.id).unwrap();
    let respondent = &assessment.respondents[0];
    let slot = respondent.answers[0].slot();
    store
        .set_answer_text(respondent.id, &slot, false, "=HYPERLINK(\"http://x\")")
        .unwrap();
    drop(store);
    let file = f.path("a.csv");
    succeeded(&f.pmk3i(
        &f.db,
        &[
            "export",
            &f.id.to_string(),
            "--format",
            "csv",
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains(",\"=HYPERLINK"),
        "{text}"
    );
}

#[test]
fn help_is_indonesian_by_default_and_english_on_request_for_every_command() {
    let run = |args: &[&str], lang: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmk3i"));
        cmd.env_remove("PMK3I_LANG").env_remove("PMK3I_DB");
        if let Some(l) = lang {
            cmd.env("PMK3I_LANG", l);
        }
        let out = cmd.args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let top = run(&["--help"], None);
    assert!(top.contains("Pemakaian: pmk3i"), "{top}");
    assert!(top.contains("Perintah:") && top.contains("Opsi:"), "{top}");
    assert!(top.contains("Tampilkan bantuan ini."), "{top}");
    assert!(!top.contains("Print help"), "{top}");
    for (command, indonesian, english) in [
        ("validate", "Periksa berkas kerangka", "Check framework files"),
        (
            "frameworks",
            "Daftar kerangka yang dimuat",
            "List the loaded frameworks",
        ),
        ("list", "Daftar penilaian", "List assessments"),
        ("export", "Ekspor satu penilaian", "Export one assessment"),
        ("import", "Buat ulang penilaian", "Re-create an assessment"),
        (
            "report",
            "Tulis laporan satu penilaian",
            "Write a report of one assessment",
        ),
    ] {
        let id = run(&[command, "--help"], None);
        assert!(id.contains(indonesian), "{command}: {id}");
        assert!(id.contains("Pemakaian:") && !id.contains("Usage:"), "{command}: {id}");
        let en = run(&["--lang", "en", command, "--help"], None);
        assert!(en.contains(english) && en.contains("Usage:"), "{command}: {en}");
        let env_en = run(&[command, "--help"], Some("en"));
        assert!(env_en.contains(english), "{command} with PMK3I_LANG=en: {env_en}");
    }
}

#[test]
fn an_unknown_language_is_refused_with_the_valid_ones() {
    for args in [&["--lang", "fr", "list"][..], &["--lang=jv", "list"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_pmk3i"))
            .env_remove("PMK3I_LANG")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("id, en"), "{err}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_LANG", "fr")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Every command has its help in Indonesian, and `--help` shows it (a command missing
/// from the Indonesian table printed its English text and refused `--help`).
#[test]
fn every_command_has_indonesian_help_and_answers_help() {
    use pmk3i::i18n::Lang;
    let id = pmk3i::cli::command(Lang::Id);
    let en = pmk3i::cli::command(Lang::En);
    let mut names = Vec::new();
    for sub in id.get_subcommands() {
        let name = sub.get_name().to_string();
        let english = en.find_subcommand(&name).expect("the same commands in both languages");
        assert_ne!(
            sub.get_about().map(|a| a.to_string()),
            english.get_about().map(|a| a.to_string()),
            "`{name}` has no Indonesian help"
        );
        let err = pmk3i::cli::command(Lang::Id)
            .try_get_matches_from(["pmk3i", &name, "--help"])
            .expect_err("--help stops parsing");
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp, "`pmk3i {name} --help`");
        names.push(name);
    }
    assert!(names.contains(&"check".to_string()), "{names:?}");
}

/// `pmk3i export 1 | head`: when the reader goes away the command stops quietly with
/// 128 + SIGPIPE, as a shell expects, instead of "pmk3i: Broken pipe (os error 32)".
#[test]
fn a_closed_pipe_stops_the_output_quietly() {
    let f = fixture();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .args([
            "--db",
            f.db.to_str().unwrap(),
            "export",
            &f.id.to_string(),
            "--format",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The export is some 500 KB, far more than a pipe holds: the reader closing its
    // end before reading anything makes every write fail.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(141), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}
