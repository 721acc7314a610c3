//! Framework authors edit JSON by hand, so every mistake they can make must come back
//! as one clear message naming the file, the line:column or JSON path, and what is
//! wrong — never a panic, never a half-loaded framework.
//!
//! The corpus in `tests/data/bad-frameworks/` holds one small framework per mistake
//! (each otherwise the valid `tests/data/good-frameworks/mini.json`); the messages
//! are pinned in snapshots — Indonesian, the default, and English — so a change in
//! wording is reviewed, not accidental.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pmk3i::framework::{FrameworkSet, Location, MAX_FRAMEWORK_BYTES, Problem, parse_framework};
use pmk3i::i18n::Lang;

const BAD_DIR: &str = "tests/data/bad-frameworks";
const GOOD_FILE: &str = "tests/data/good-frameworks/mini.json";

/// The corpus files, sorted by name, as paths relative to the crate root so that
/// messages (which name the file) are the same on every machine.
fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(BAD_DIR))
        .expect("the bad-frameworks corpus exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.strip_prefix(root).expect("inside the crate").to_path_buf())
        .collect();
    files.sort();
    files
}

/// Loads one file the way pmk3i does (`FrameworkSet::load_file`) and returns its problems.
fn problems_of(path: &Path) -> Vec<Problem> {
    let mut set = FrameworkSet::default();
    set.load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path));
    assert!(
        set.frameworks.is_empty(),
        "{} was loaded although it is broken",
        path.display()
    );
    set.problems
}

/// Problem lines as `Display` shows them (Indonesian), with the absolute crate path taken out.
fn lines(problems: &[Problem]) -> Vec<String> {
    lines_in(problems, Lang::Id)
}

fn lines_in(problems: &[Problem], lang: Lang) -> Vec<String> {
    let root = format!("{}/", env!("CARGO_MANIFEST_DIR"));
    problems.iter().map(|p| p.render(lang).replace(&root, "")).collect()
}

/// The binary in the default language (no `--lang`, no `PMK3I_LANG`).
fn pmk3i(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmk3i"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PMK3I_DATA_DIR", data_dir)
        .env("PMK3I_DB", data_dir.join("pmk3i.sqlite3"))
        .env_remove("PMK3I_LANG");
    cmd
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_good_framework_the_corpus_is_built_from_is_valid() {
    let bytes = std::fs::read(GOOD_FILE).unwrap();
    let framework = parse_framework(GOOD_FILE, &bytes).expect("mini.json is valid");
    assert_eq!(framework.id, "mini");
    assert_eq!(framework.pillars.len(), 2);
}

#[test]
fn the_corpus_covers_at_least_twenty_mistakes() {
    assert!(corpus().len() >= 20, "only {} broken frameworks", corpus().len());
}

#[test]
fn every_broken_framework_is_refused_with_messages_naming_the_file() {
    let mut report = String::new();
    let mut report_en = String::new();
    for path in corpus() {
        let problems = problems_of(&path);
        assert!(!problems.is_empty(), "{} gave no problem", path.display());
        for p in &problems {
            assert!(
                p.file.ends_with(&path.display().to_string()),
                "{p} does not name {}",
                path.display()
            );
        }
        for line in lines(&problems) {
            report.push_str(&line);
            report.push('\n');
        }
        for line in lines_in(&problems, Lang::En) {
            report_en.push_str(&line);
            report_en.push('\n');
        }
    }
    insta::assert_snapshot!("bad_frameworks", report);
    insta::assert_snapshot!("bad_frameworks_en", report_en);
}

#[test]
fn a_syntax_error_gives_line_and_column() {
    let problems = problems_of(Path::new("tests/data/bad-frameworks/syntax-missing-comma.json"));
    assert_eq!(problems.len(), 1);
    // The comma after `"version": "2026.1"` on line 4 is missing; serde notices at line 5.
    assert!(
        matches!(problems[0].location, Location::LineColumn(5, _)),
        "{:?}",
        problems[0]
    );
    assert!(
        problems[0].message.id.contains("ada koma"),
        "{}",
        problems[0].message.id
    );
    assert!(
        problems[0].message.en.contains("missing comma"),
        "{}",
        problems[0].message.en
    );
}

#[test]
fn a_mistake_in_the_structure_gives_its_json_path() {
    let problems = problems_of(Path::new("tests/data/bad-frameworks/levels-missing-3.json"));
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].location,
        Location::Path("pillars[0].indicators[0].levels".to_string())
    );
    assert!(
        problems[0].message.id.contains("[0, 1, 2, 4]"),
        "{}",
        problems[0].message.id
    );
}

#[test]
fn an_actor_that_is_not_a_helix_group_is_refused_at_its_path_saying_what_to_write() {
    let problems = problems_of(Path::new("tests/data/bad-frameworks/actor-not-a-helix-group.json"));
    assert_eq!(
        lines(&problems),
        [
            "tests/data/bad-frameworks/actor-not-a-helix-group.json: actors[2].id: aktor \"m\" bukan kelompok heliks; tulis salah satu dari A, B, C, G, M — maksudnya \"M\"?"
        ]
    );
    assert_eq!(
        lines_in(&problems, Lang::En),
        [
            "tests/data/bad-frameworks/actor-not-a-helix-group.json: actors[2].id: actor \"m\" is not a helix group; write one of A, B, C, G, M — did you mean \"M\"?"
        ]
    );

    // The assessor is a role at uji petik, not a group a framework lists.
    let mut framework: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(GOOD_FILE).expect("mini.json")).expect("json");
    framework["actors"][1] = serde_json::json!({"id": "asesor", "label": {"id": "Asesor"}});
    framework["pillars"][0]["indicators"][0]["lead"] = serde_json::json!(["A"]);
    let problems = parse_framework("asesor.json", framework.to_string().as_bytes()).expect_err("refused");
    assert_eq!(
        lines_in(&problems, Lang::En),
        [
            "asesor.json: actors[1].id: \"asesor\" is the assessor role (uji petik), not a helix group; remove this entry (helix groups: A, B, C, G, M)"
        ]
    );
}

#[test]
fn several_mistakes_are_all_listed_in_one_run() {
    let listed = lines(&problems_of(Path::new(
        "tests/data/bad-frameworks/several-mistakes.json",
    )));
    let expect = [
        ("missing title", "kolom wajib \"title\" belum ada"),
        (
            "zero pillar weight",
            "pillars[0].weight: bobot harus berupa angka positif, tetapi yang tertulis 0",
        ),
        (
            "unknown lead actor",
            "pillars[0].indicators[0].lead[0]: aktor \"X\" tidak dikenal",
        ),
        ("level 3 missing", "pillars[0].indicators[0].levels: level [0, 1, 2, 4]"),
        (
            "duplicate indicator",
            "pillars[1].indicators[0].id: id indikator \"kebijakan.perda\" ganda",
        ),
    ];
    for (what, needle) in expect {
        assert!(
            listed.iter().any(|l| l.contains(needle)),
            "{what} is not listed; got:\n{}",
            listed.join("\n")
        );
    }
    assert_eq!(listed.len(), expect.len(), "{}", listed.join("\n"));
}

#[test]
fn a_ten_megabyte_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let good = std::fs::read_to_string(GOOD_FILE).unwrap();
    // A valid framework whose description is 10 MB of text.
    let padding = "a".repeat(10 * 1024 * 1024);
    let huge = good.replacen(
        "\"title\":",
        &format!("\"description\": {{\"id\": \"{padding}\"}},\n  \"title\":"),
        1,
    );
    std::fs::write(&path, &huge).unwrap();
    assert!(huge.len() > MAX_FRAMEWORK_BYTES);

    let mut set = FrameworkSet::default();
    set.load_file(&path);
    assert!(set.frameworks.is_empty());
    assert_eq!(set.problems.len(), 1);
    assert_eq!(set.problems[0].location, Location::File);
    let message = set.problems[0]
        .to_string()
        .replace(&dir.path().display().to_string(), "<tmp>");
    insta::assert_snapshot!("ten_megabytes", message);

    let output = pmk3i(dir.path()).arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("berkas terlalu besar"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn ten_thousand_nested_brackets_give_a_message_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.json");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(&path, &deep).unwrap();

    let problems = parse_framework("deep.json", deep.as_bytes()).unwrap_err();
    let shown = lines(&problems).join("\n");
    insta::assert_snapshot!("ten_thousand_deep", shown);

    // The binary runs on the main thread's stack: it must end with exit 2, not a crash.
    let output = pmk3i(dir.path()).arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("bersarang terlalu dalam"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn validate_exits_2_and_names_file_and_place_for_every_broken_framework() {
    let data = tempfile::tempdir().unwrap();
    for path in corpus() {
        let output = pmk3i(data.path()).arg("validate").arg(&path).output().unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{}: {stderr}", path.display());
        assert!(
            stderr.contains(&path.display().to_string()),
            "{}: stderr does not name the file: {stderr}",
            path.display()
        );
        assert!(
            stderr.contains("Perbaiki berkas kerangka di atas"),
            "{}: no advice: {stderr}",
            path.display()
        );
        assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
        assert!(output.stdout.is_empty(), "{}: nothing is OK", path.display());
    }
}

#[test]
fn validate_prints_the_location_of_the_problem() {
    let data = tempfile::tempdir().unwrap();
    let output = pmk3i(data.path())
        .args(["validate", "tests/data/bad-frameworks/syntax-missing-comma.json"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("tests/data/bad-frameworks/syntax-missing-comma.json:5:"),
        "{stderr}"
    );

    let output = pmk3i(data.path())
        .args(["validate", "tests/data/bad-frameworks/lead-unknown-actor.json"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(
            "tests/data/bad-frameworks/lead-unknown-actor.json: pillars[0].indicators[0].lead[1]: aktor \"X\" tidak dikenal"
        ),
        "{stderr}"
    );
}

#[test]
fn validate_speaks_english_with_lang_en() {
    let data = tempfile::tempdir().unwrap();
    let output = pmk3i(data.path())
        .args([
            "--lang",
            "en",
            "validate",
            "tests/data/bad-frameworks/lead-unknown-actor.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(
            "tests/data/bad-frameworks/lead-unknown-actor.json: pillars[0].indicators[0].lead[1]: unknown actor \"X\"; declared: A, G"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Fix the framework files above"), "{stderr}");
    assert!(
        !stderr.contains("tidak dikenal"),
        "Indonesian in English output: {stderr}"
    );
}

#[test]
fn validate_on_a_good_file_prints_ok_and_exits_0() {
    let data = tempfile::tempdir().unwrap();
    let output = pmk3i(data.path()).args(["validate", GOOD_FILE]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "OK  tests/data/good-frameworks/mini.json (mini 2026.1, 2 pilar, 2 indikator)\n"
    );

    let output = pmk3i(data.path())
        .args(["--lang", "en", "validate", GOOD_FILE])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "OK  tests/data/good-frameworks/mini.json (mini 2026.1, 2 pillars, 2 indicators)\n"
    );
}

#[test]
fn validate_counts_one_pillar_and_one_indicator_in_the_singular() {
    let data = tempfile::tempdir().unwrap();
    let mut framework: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(GOOD_FILE).unwrap()).unwrap();
    framework["pillars"].as_array_mut().unwrap().truncate(1);
    let path = data.path().join("satu.json");
    std::fs::write(&path, framework.to_string()).unwrap();

    let output = pmk3i(data.path())
        .args(["--lang", "en", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.ends_with("(mini 2026.1, 1 pillar, 1 indicator)\n"), "{stdout}");

    let output = pmk3i(data.path()).arg("validate").arg(&path).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.ends_with("(mini 2026.1, 1 pilar, 1 indikator)\n"), "{stdout}");
}

#[test]
fn validate_with_no_paths_checks_the_bundled_frameworks() {
    let data = tempfile::tempdir().unwrap();
    let output = pmk3i(data.path()).arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    // From a checkout, the repo's `frameworks/` copy is validated too (and replaces the
    // compiled-in one when it has been edited since the build), so accept either origin.
    for id in ["pmk3i", "uccn-readiness"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with("OK  ") && l.contains(&format!(" ({id} "))),
            "{id} is not OK:\n{stdout}"
        );
    }
}

#[test]
fn a_broken_file_among_good_ones_fails_validation_but_the_good_ones_still_load() {
    let data = tempfile::tempdir().unwrap();
    let output = pmk3i(data.path())
        .args(["validate", GOOD_FILE, "tests/data/bad-frameworks/weight-zero.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("OK  tests/data/good-frameworks/mini.json"));
    assert!(stderr_of(&output).contains("weight-zero.json: pillars[1].indicators[0].weight"));
}

proptest::proptest! {
    /// Whatever an editor leaves behind — a character deleted or typed anywhere in a
    /// good framework — the validator answers with problems or a framework, never a panic.
    #[test]
    fn a_random_edit_of_a_good_framework_never_panics(
        at in 0usize..2_000,
        delete in proptest::bool::ANY,
        typed in proptest::char::any(),
    ) {
        let good = std::fs::read_to_string(GOOD_FILE).unwrap();
        let mut chars: Vec<char> = good.chars().collect();
        let at = at % chars.len();
        if delete {
            chars.remove(at);
        } else {
            chars.insert(at, typed);
        }
        let edited: String = chars.into_iter().collect();
        if let Err(problems) = parse_framework("edited.json", edited.as_bytes()) {
            proptest::prop_assert!(!problems.is_empty());
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        let _ = parse_framework("random.json", &bytes);
    }
}
