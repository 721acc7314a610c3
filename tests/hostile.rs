//! Files from strangers: a framework and an assessment whose every text carries
//! terminal control sequences (OSC 0 title, OSC 52 clipboard, CSI, C1 CSI, a bidi
//! override, a carriage return), Markdown/HTML that would run when rendered, and
//! spreadsheet formulas. The assessment is made through the library, exported and
//! imported by the binary, then every headless command is run in both languages and
//! every byte it prints is scanned.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pmk3i::assessment::{AgreedKind, Region, RegionKind, TextKind};
use pmk3i::framework::FrameworkSources;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use serde_json::{Value, json};

/// Window title, clipboard write, clear screen, C1 CSI (one character), bidi override,
/// carriage return, DEL, and the other bidi controls.
const CONTROLS: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{9b}31m\u{202e}\r\u{7f}\u{2066}\u{200f}\u{61c}";
/// Markup that runs or links when a Markdown file is rendered.
const MARKUP: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))";

fn hostile(what: &str) -> String {
    format!("{what} {CONTROLS}{MARKUP}")
}

/// A formula first, so that CSV cells start with it.
fn formula(what: &str) -> String {
    format!("=HYPERLINK(\"http://evil.example\",\"{what}\"){CONTROLS}")
}

/// What a terminal must never receive raw.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[track_caller]
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((at, c)) = text.char_indices().find(|(_, c)| is_control(*c)) {
        let from = text[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        panic!("{what}: U+{:04X} at byte {at}, after {:?}", c as u32, &text[from..at]);
    }
}

/// The mini test framework with every text, label and band replaced by hostile text;
/// band labels start with a formula.
fn hostile_framework() -> Value {
    let text = std::fs::read_to_string("tests/data/good-frameworks/mini.json").expect("mini.json");
    let mut fw: Value = serde_json::from_str(&text).expect("mini.json is JSON");
    fw["id"] = json!("boes");
    fw["title"] = json!({ "id": hostile("Judul"), "en": hostile("Title") });
    for band in fw["bands"].as_array_mut().expect("bands") {
        band["label"] = json!({ "id": formula("band"), "en": formula("band") });
    }
    for level in fw["scale"].as_array_mut().expect("scale") {
        level["label"] = json!({ "id": hostile("tingkat") });
    }
    for group in ["actors", "subsectors"] {
        for item in fw[group].as_array_mut().expect("list") {
            item["label"] = json!({ "id": hostile(group) });
        }
    }
    for pillar in fw["pillars"].as_array_mut().expect("pillars") {
        pillar["title"] = json!({ "id": formula("pilar"), "en": formula("pillar") });
        for indicator in pillar["indicators"].as_array_mut().expect("indicators") {
            indicator["text"] = json!({ "id": hostile("indikator") });
            for level in indicator["levels"].as_array_mut().expect("levels") {
                level["description"] = json!({ "id": hostile("rubrik") });
                if level.get("next").is_some() {
                    level["next"] = json!({ "id": formula("langkah") });
                }
            }
        }
    }
    fw
}

struct Fixture {
    dir: tempfile::TempDir,
    framework_file: PathBuf,
    /// The database the hostile export was imported into.
    db: PathBuf,
    id: i64,
}

impl Fixture {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn pmk3i(&self, lang: &str, args: &[&str]) -> std::process::Output {
        run(self.dir.path(), &self.db, lang, args)
    }
}

fn run(dir: &Path, db: &Path, lang: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DATA_DIR", dir.join("data"))
        .env_remove("PMK3I_DB")
        .env("PMK3I_LANG", lang)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run pmk3i")
}

/// Creates the hostile assessment in `made.sqlite3`, exports it with the binary and
/// imports that export into `a.sqlite3`.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let framework_file = dir.path().join("boes.json");
    std::fs::write(
        &framework_file,
        serde_json::to_string_pretty(&hostile_framework()).expect("JSON"),
    )
    .expect("write the framework");
    let set = FrameworkSources {
        include_bundled: false,
        dirs: Vec::new(),
        files: vec![framework_file.clone()],
    }
    .load();
    assert!(
        set.problems.is_empty(),
        "the hostile framework is valid: {:?}",
        set.problems
    );
    let loaded = set.get("boes").expect("loaded").clone();

    let made = dir.path().join("made.sqlite3");
    let mut store = Store::open(&made).expect("store");
    let id = store
        .create_assessment(
            &loaded,
            &NewAssessment {
                region: Region {
                    name: hostile("Daerah"),
                    kind: RegionKind::Kota,
                    province: hostile("Provinsi"),
                },
                period: formula("2026"),
                candidates: vec!["kuliner".into()],
                respondent_name: formula("Siti"),
                respondent_organisation: hostile("Dinas"),
                respondent_actor: pmk3i::actor::Actor::Government,
            },
        )
        .expect("create");
    let siti = store.load(id).expect("load").0.respondents[0].id;
    let perda = SlotKey::new("kebijakan.perda", None);
    let talenta = SlotKey::new("kreasi.talenta", Some("kuliner"));
    store.upsert_answer(siti, &perda, Some(1), false).expect("answer");
    store.upsert_answer(siti, &talenta, Some(3), false).expect("answer");
    store
        .set_answer_text(siti, &perda, false, &hostile("catatan\nbaris dua"))
        .expect("note");
    store
        .set_answer_text(siti, &perda, true, &formula("bukti"))
        .expect("evidence");
    let budi = store
        .add_respondent(id, &hostile("Budi"), pmk3i::actor::Actor::Academia, &formula("Univ"))
        .expect("respondent");
    store.upsert_answer(budi, &perda, Some(2), false).expect("answer");
    for (pillar, subsector) in [("kebijakan", None), ("kreasi", Some("kuliner"))] {
        for kind in [TextKind::BestPractice, TextKind::Problem] {
            store
                .set_pillar_text(
                    id,
                    pillar,
                    subsector,
                    kind,
                    &format!("# {}\n- {}", hostile("praktik"), formula("x")),
                )
                .expect("pillar text");
        }
    }
    store
        .set_agreed_level(id, AgreedKind::Consensus, &perda, Some(2), false, &hostile("konsensus"))
        .expect("consensus");
    drop(store);

    let export = dir.path().join("boes-export.json");
    let exported = run(
        dir.path(),
        &made,
        "id",
        &[
            "export",
            &id.to_string(),
            "--format",
            "json",
            "--out",
            export.to_str().expect("path"),
        ],
    );
    assert_eq!(
        exported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let db = dir.path().join("a.sqlite3");
    let imported = run(dir.path(), &db, "id", &["import", export.to_str().expect("path")]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let id: i64 = String::from_utf8_lossy(&imported.stdout)
        .split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .expect("the new id");
    Fixture {
        dir,
        framework_file,
        db,
        id,
    }
}

/// Broken framework files whose ids, keys and scope values carry control sequences,
/// so that the validator's messages quote them.
fn hostile_broken_frameworks(dir: &Path) -> Vec<PathBuf> {
    let mut variants: Vec<(&str, Value)> = Vec::new();
    let base = hostile_framework();
    let mut v = base.clone();
    v["id"] = json!(hostile("id"));
    variants.push(("id", v));
    let mut v = base.clone();
    v["pillars"][0]["id"] = json!(hostile("pilar"));
    variants.push(("pillar-id", v));
    let mut v = base.clone();
    v["pillars"][0]["indicators"][0]["id"] = json!(hostile("ind"));
    variants.push(("indicator-id", v));
    let mut v = base.clone();
    v["pillars"][1]["scope"] = json!(hostile("scope"));
    variants.push(("scope", v));
    let mut v = base.clone();
    v[hostile("key")] = json!(1);
    variants.push(("key", v));
    let mut v = base.clone();
    v["pillars"][1]["indicators"][0]["subsectors"] = json!([hostile("sub")]);
    variants.push(("subsector-ref", v));
    let mut v = base.clone();
    v["pillars"][0]["indicators"][0]["lead"] = json!([hostile("actor")]);
    variants.push(("lead", v));
    let mut v = base.clone();
    v["title"] = json!({ hostile("lang"): "x" });
    variants.push(("lang-key", v));
    let mut v = base;
    v["format"] = json!(hostile("format"));
    variants.push(("format", v));
    variants
        .into_iter()
        .map(|(name, v)| {
            let file = dir.join(format!("broken-{name}.json"));
            std::fs::write(&file, serde_json::to_string(&v).expect("JSON")).expect("write");
            file
        })
        .collect()
}

#[test]
fn nothing_a_headless_command_prints_carries_a_control_character() {
    let f = fixture();
    let id = f.id.to_string();
    let fw = f.framework_file.to_str().expect("path").to_string();
    let broken = hostile_broken_frameworks(f.dir.path());
    let mut commands: Vec<Vec<String>> = [
        vec!["list"],
        vec!["list", "--json"],
        vec!["export", &id, "--format", "json"],
        vec!["export", &id, "--format", "csv"],
        vec!["report", &id, "--format", "md"],
        vec!["report", &id, "--format", "html"],
        vec!["--framework", &fw, "frameworks"],
        vec!["validate", &fw],
    ]
    .iter()
    .map(|c| c.iter().map(|s| s.to_string()).collect())
    .collect();
    for file in &broken {
        let file = file.to_str().expect("path").to_string();
        commands.push(vec!["validate".into(), file.clone()]);
        commands.push(vec!["--framework".into(), file.clone(), "frameworks".into()]);
        commands.push(vec!["--framework".into(), file, "list".into()]);
    }

    // Imports that are refused with their content quoted: an unknown field value, and
    // an assessment naming another framework than its snapshot.
    let export: Value = serde_json::from_slice(&f.pmk3i("id", &["export", &id, "--format", "json"]).stdout)
        .expect("the export is JSON");
    let mut renamed = export.clone();
    renamed["assessment"]["framework_id"] = json!(hostile("fw"));
    let mut bad_kind = export.clone();
    bad_kind["assessment"]["region"]["kind"] = json!(hostile("kind"));
    let mut bad_indicator = export;
    bad_indicator["assessment"]["respondents"][0]["answers"][0]["indicator"] = json!(hostile("ind"));
    for (name, doc) in [("renamed", renamed), ("kind", bad_kind), ("indicator", bad_indicator)] {
        let file = f.path(&format!("refused-{name}.json"));
        std::fs::write(&file, serde_json::to_string(&doc).expect("JSON")).expect("write");
        commands.push(vec!["import".into(), file.to_str().expect("path").into()]);
    }
    let named = f.path(&format!("{}.json", CONTROLS.replace('/', "")));
    std::fs::write(&named, "not json").expect("write");
    commands.push(vec!["import".into(), named.to_str().expect("path").into()]);

    let mut failures = 0;
    for lang in ["id", "en"] {
        for args in &commands {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = f.pmk3i(lang, &args);
            let what = format!("pmk3i --lang {lang} {}", args.join(" "));
            assert!(
                !out.stdout.is_empty() || !out.stderr.is_empty(),
                "{what} printed nothing"
            );
            assert_clean(&format!("{what} (stdout)"), &out.stdout);
            assert_clean(&format!("{what} (stderr)"), &out.stderr);
            if out.status.code() != Some(0) {
                failures += 1;
            }
        }
    }
    // Every broken framework fails validate and frameworks (list only warns), and every
    // refused import fails, in both languages.
    assert_eq!(failures, 2 * (broken.len() * 2 + 4));
}

#[test]
fn the_escapes_show_what_was_there() {
    let f = fixture();
    let out = f.pmk3i("en", &["list"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains(
            "Daerah \\u{1b}]0;pwned\\u{7}\\u{1b}]52;c;cHduZWQ=\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}\\u{d}\\u{7f}"
        ),
        "{text}"
    );
    // JSON keeps the text exactly; C1 and bidi controls are escaped, not removed.
    let out = f.pmk3i("en", &["list", "--json"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("\\u001b]0;pwned\\u0007"), "{text}");
    assert!(
        text.contains("\\u009b31m\\u202e\\r\\u007f\\u2066\\u200f\\u061c"),
        "{text}"
    );
    let rows: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(rows[0]["region"], json!(format!("Kota {}", hostile("Daerah"))));
}

#[test]
fn files_written_with_out_keep_their_exact_content() {
    let f = fixture();
    let file = f.path("out.json");
    let out = f.pmk3i(
        "id",
        &[
            "export",
            &f.id.to_string(),
            "--format",
            "json",
            "--out",
            file.to_str().expect("path"),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("JSON");
    assert_eq!(doc["assessment"]["region"]["name"], json!(hostile("Daerah")));
}

#[test]
fn markdown_report_has_no_markup_and_no_link_from_user_or_framework_text() {
    let f = fixture();
    let file = f.path("r.md");
    let out = f.pmk3i(
        "id",
        &[
            "report",
            &f.id.to_string(),
            "--format",
            "md",
            "--out",
            file.to_str().expect("path"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let md = std::fs::read_to_string(&file).expect("read");
    for raw in ["<script", "<img", "[x](", "[x]"] {
        assert!(!md.contains(raw), "{raw} in the Markdown report:\n{md}");
    }
    // Region, province, respondents' names and organisations, notes, pillar texts,
    // indicator texts, rubrics, the framework title: all there, escaped.
    assert!(md.matches("&lt;script&gt;").count() >= 10, "{md}");
    assert!(md.contains("\\[x\\](javascript:alert(3))"), "{md}");
    // A pillar text starting with `#` or `-` stays a line of its quote.
    assert!(md.contains("> \\# praktik"), "{md}");
    assert!(md.contains("> \\- =HYPERLINK"), "{md}");
    assert!(
        !md.lines().any(|l| l.starts_with("# praktik") || l.starts_with("- =")),
        "{md}"
    );
}

#[test]
fn no_csv_cell_starts_a_formula_whatever_its_source() {
    let f = fixture();
    let file = f.path("a.csv");
    let out = f.pmk3i(
        "en",
        &[
            "export",
            &f.id.to_string(),
            "--format",
            "csv",
            "--out",
            file.to_str().expect("path"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).expect("read");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("header").clone();
    let band = headers.iter().position(|h| h == "band").expect("band column");
    let mut cells = 0;
    let mut bands = 0;
    for record in reader.records() {
        let record = record.expect("a row");
        for cell in record.iter() {
            cells += 1;
            let number = cell.parse::<f64>().is_ok();
            assert!(
                number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {record:?}"
            );
        }
        if record[band].starts_with("'=HYPERLINK") {
            bands += 1;
        }
    }
    assert!(cells > 100);
    // The headline, candidate and pillar rows carry the framework's band labels.
    assert!(bands >= 3, "{text}");
}

/// `pmk3i ARGS…` with a file-size limit of `limit` bytes, as on a full disk; with
/// `ignore_signal` the write fails with EFBIG, otherwise SIGXFSZ kills the process in
/// the middle of the write.
#[cfg(unix)]
fn with_file_size_limit(f: &Fixture, limit: u64, ignore_signal: bool, args: &[&str]) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_pmk3i"));
    command
        .env("PMK3I_DATA_DIR", f.dir.path().join("data"))
        .env_remove("PMK3I_DB")
        .env("PMK3I_LANG", "en")
        .arg("--db")
        .arg(&f.db)
        .args(args);
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let rlimit = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if ignore_signal {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            }
            Ok(())
        });
    }
    command.output().expect("run pmk3i")
}

#[cfg(unix)]
#[test]
fn a_full_disk_never_truncates_an_existing_file_nor_leaves_a_half_written_one() {
    use std::os::unix::fs::PermissionsExt;
    let f = fixture();
    let id = f.id.to_string();
    // SQLite itself needs 32 KiB for its shared-memory file: the limit is above that,
    // and a long note makes both files larger than the limit.
    let limit = 65_536;
    {
        let mut store = Store::open(&f.db).expect("store");
        let respondent = store.load(f.id).expect("load").0.respondents[0].id;
        let long = "catatan panjang ".repeat(10_000);
        store
            .set_answer_text(respondent, &SlotKey::new("kebijakan.perda", None), false, &long)
            .expect("note");
    }
    let old = f.path("old.md");
    std::fs::write(&old, "the report from last week\n").expect("write");
    let new = f.path("new.json");
    let export_size = f.pmk3i("en", &["export", &id, "--format", "json"]).stdout.len() as u64;
    let report_size = f.pmk3i("en", &["report", &id, "--format", "md"]).stdout.len() as u64;
    assert!(
        export_size > limit && report_size > limit,
        "{export_size} {report_size}"
    );

    for ignore_signal in [true, false] {
        let out = with_file_size_limit(
            &f,
            limit,
            ignore_signal,
            &["report", &id, "--format", "md", "--out", old.to_str().expect("path")],
        );
        assert_ne!(out.status.code(), Some(0));
        let out2 = with_file_size_limit(
            &f,
            limit,
            ignore_signal,
            &["export", &id, "--format", "json", "--out", new.to_str().expect("path")],
        );
        assert_ne!(out2.status.code(), Some(0));
        if ignore_signal {
            let message = String::from_utf8_lossy(&out.stderr);
            assert!(message.contains("old.md: cannot write:"), "{message}");
            assert!(message.contains("the existing file was left unchanged"), "{message}");
            // The failed write removed its temporary file (a killed process cannot).
            let temporary = std::fs::read_dir(f.dir.path())
                .expect("list")
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                })
                .count();
            assert_eq!(temporary, 0);
        }
        assert_eq!(
            std::fs::read_to_string(&old).expect("old.md"),
            "the report from last week\n"
        );
        assert!(!new.exists(), "a half-written new.json");
    }
    // Without the limit both are written whole, owner-only.
    for (args, path) in [
        (
            ["report", &id, "--format", "md", "--out", old.to_str().expect("path")],
            &old,
        ),
        (
            ["export", &id, "--format", "json", "--out", new.to_str().expect("path")],
            &new,
        ),
    ] {
        let out = f.pmk3i("en", &args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(
            std::fs::metadata(path).expect("written").permissions().mode() & 0o777,
            0o600
        );
    }
    // Whole: larger than the limit, and ending with the report's last line.
    let written = std::fs::read_to_string(&old).expect("old");
    assert!(written.len() as u64 > limit, "{}", written.len());
    assert!(
        written.trim_end().lines().last().is_some_and(|l| l.contains("pmk3i")),
        "{written}"
    );
}

/// Runs `pmk3i ARGS…` in English, killing it (and failing) if it has not ended in 10 s.
fn within_ten_seconds(dir: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .env("PMK3I_DATA_DIR", dir.join("data"))
        .env_remove("PMK3I_DB")
        .env("PMK3I_LANG", "en")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn pmk3i");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pmk3i {} did not end within 10 s", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[cfg(unix)]
#[test]
fn fifos_devices_folders_and_missing_paths_are_refused_at_once_with_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("a.sqlite3");
    // `list` reads an existing database (a missing one is refused, not created).
    drop(pmk3i::store::Store::open(&db).expect("create the database"));
    let fifo = dir.path().join("pipe.json");
    let c_path = std::ffi::CString::new(fifo.to_str().expect("path")).expect("no NUL");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let empty = dir.path().join("empty-folder");
    std::fs::create_dir(&empty).expect("mkdir");
    let missing = dir.path().join("missing.json");
    let (fifo, empty, missing) = (
        fifo.to_str().expect("path"),
        empty.to_str().expect("path"),
        missing.to_str().expect("path"),
    );
    let cases: [(&str, &str); 4] = [
        (fifo, "this is a FIFO (named pipe), not a regular file"),
        ("/dev/zero", "this is a device, not a regular file"),
        (missing, "file not found"),
        (empty, "this folder holds no framework files (*.json)"),
    ];
    for (path, says) in cases {
        let runs = [
            vec!["validate", path],
            vec!["--framework", path, "frameworks"],
            vec!["--framework", path, "list"],
        ];
        for args in runs {
            let out = within_ten_seconds(dir.path(), &db, &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains(&format!("{path}: {says}")), "{args:?}: {stderr}");
            if args[args.len() - 1] == "list" {
                // Only a warning: list does not need the framework.
                assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
            } else {
                assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            }
        }
    }
    // Imports: the same, and a folder is named as one.
    let folder = dir.path().to_str().expect("path");
    for (path, says) in [
        (fifo, "this is a FIFO (named pipe), not a regular file"),
        ("/dev/zero", "this is a device, not a regular file"),
        (missing, "file not found"),
    ] {
        let out = within_ten_seconds(dir.path(), &db, &["import", path]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("{path}: {says}")), "{path}: {stderr}");
        assert_eq!(out.status.code(), Some(2), "{stderr}");
    }
    // A folder is a bulk import of its *.json files (issue 10): its FIFOs and devices
    // are not followed, and one without exports is refused by name.
    let _ = folder;
    let empty_folder = dir.path().join("kosong");
    std::fs::create_dir(&empty_folder).expect("folder");
    let shown = empty_folder.to_str().expect("path");
    let out = within_ten_seconds(dir.path(), &db, &["import", shown]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("{shown}: REFUSED: no *.json files in the folder {shown}")),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(2), "{stdout}");
}

#[test]
fn an_import_larger_than_the_cap_is_refused_naming_the_cap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("a.sqlite3");
    let big = dir.path().join("big.json");
    // Sparse: 65 MiB without writing them.
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(65 * 1024 * 1024).expect("set_len");
    let out = within_ten_seconds(dir.path(), &db, &["import", big.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("big.json: file is too large (65.0 MB; an import may be at most 64 MB)"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(2));
}

/// Every cell of a drawn screen: no control or bidi character reaches the terminal.
fn screen_is_clean(app: &pmk3i::app::App, what: &str) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    for (w, h) in [(80, 24), (120, 40)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal
            .draw(|frame| pmk3i::ui::draw(app, frame, pmk3i::ui::theme::Theme::from_env()))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        for (i, cell) in buffer.content().iter().enumerate() {
            if let Some(c) = cell.symbol().chars().find(|c| is_control(*c)) {
                panic!("{what} at {w}x{h}: U+{:04X} in cell {i}", c as u32);
            }
        }
    }
}

#[test]
fn no_tui_screen_shows_a_control_character_from_the_hostile_files() {
    use pmk3i::app::{App, Event};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let f = fixture();
    let set = FrameworkSources {
        include_bundled: true,
        dirs: Vec::new(),
        files: vec![f.framework_file.clone()],
    }
    .load();
    for lang in [pmk3i::i18n::Lang::Id, pmk3i::i18n::Lang::En] {
        let store = Store::open(&f.db).expect("store");
        let mut app = App::new(store, set.frameworks.clone(), lang, "2026".into());
        let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let list_and_results: Vec<(&str, Vec<Event>)> = vec![
            ("list", vec![]),
            ("help", vec![key(KeyCode::Char('?'))]),
            ("list again", vec![key(KeyCode::Esc)]),
            ("answer-as chooser", vec![key(KeyCode::Char('a'))]),
            ("list", vec![key(KeyCode::Esc)]),
            ("delete question", vec![key(KeyCode::Char('d'))]),
            ("list", vec![key(KeyCode::Esc)]),
            ("results", vec![key(KeyCode::Char('r'))]),
            ("results tab 2", vec![key(KeyCode::Tab)]),
            ("results tab 3", vec![key(KeyCode::Tab)]),
            ("results tab 4", vec![key(KeyCode::Tab)]),
            ("results tab 5", vec![key(KeyCode::Tab)]),
            ("results tab 6", vec![key(KeyCode::Tab)]),
            ("results, other language", vec![key(KeyCode::Char('L'))]),
            ("results, back", vec![key(KeyCode::Char('L'))]),
        ];
        let walk: Vec<(&str, Vec<Event>)> = vec![
            ("walk", vec![]),
            ("indicator details", vec![key(KeyCode::Char('i'))]),
            ("walk", vec![key(KeyCode::Esc)]),
            ("note editor", vec![key(KeyCode::Char('e'))]),
            ("walk", vec![key(KeyCode::Esc)]),
            ("evidence editor", vec![key(KeyCode::Char('v'))]),
            ("walk", vec![key(KeyCode::Esc)]),
            ("best practice editor", vec![key(KeyCode::Char('b'))]),
            ("walk", vec![key(KeyCode::Esc)]),
            ("problems editor", vec![key(KeyCode::Char('m'))]),
            ("walk", vec![key(KeyCode::Esc)]),
            ("next indicator", vec![key(KeyCode::Char('n'))]),
            ("next pillar", vec![key(KeyCode::Tab)]),
            ("walk help", vec![key(KeyCode::Char('?'))]),
            ("walk", vec![key(KeyCode::Esc)]),
            (
                "pasted controls",
                vec![key(KeyCode::Char('e')), Event::Paste(hostile("tempel"))],
            ),
            ("walk", vec![key(KeyCode::Esc)]),
            ("list from the walk", vec![key(KeyCode::Esc)]),
            ("new assessment form", vec![key(KeyCode::Char('n'))]),
            ("form with a pasted name", vec![Event::Paste(hostile("nama"))]),
        ];
        let run = |steps: Vec<(&str, Vec<Event>)>, app: &mut App| {
            for (what, events) in steps {
                for e in events {
                    app.handle(e);
                }
                screen_is_clean(app, what);
            }
        };
        run(list_and_results, &mut app);
        assert!(
            matches!(app.screen, pmk3i::app::Screen::Results(_)),
            "the results were reached"
        );
        app.open_walk(f.id, None);
        assert!(
            matches!(app.screen, pmk3i::app::Screen::Walk(_)),
            "the walk was reached"
        );
        run(walk, &mut app);
    }
}
