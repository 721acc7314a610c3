//! `frameworks/schema.json` gives framework authors completion and inline errors in
//! their editor; `pmk3i validate` (the loader, `parse_framework`) is the judge. These
//! tests keep the two honest with each other:
//!
//! - every bundled framework passes the schema;
//! - whatever the schema rejects, the loader rejects (an editor must never flag a file
//!   that pmk3i accepts);
//! - whatever the loader rejects for a rule the schema can express — types, required
//!   fields, allowed values, positive weights, the Indonesian text, `subsectors` on a
//!   region-scoped pillar, unknown fields — the schema rejects too.
//!
//! Rules only the loader checks, because JSON Schema cannot express them:
//! - pillar, indicator, actor and subsector ids are unique;
//! - an indicator has exactly one level per scale value, and the scale values ascend;
//! - bands ascend and the first starts at 0;
//! - `lead` and `subsectors` name declared actors and subsectors, and every value of
//!   `uccn_fields` names a declared subsector;
//! - whole numbers (`format`, scale and level values) are written without a decimal
//!   point: JSON Schema compares numbers by value, so to it `1.0` is the integer 1;
//! - the file is UTF-8, is JSON at all, and is at most `MAX_FRAMEWORK_BYTES` (before
//!   there is anything for a schema to look at).

use std::path::{Path, PathBuf};

use jsonschema::Validator;
use pmk3i::framework::{BUNDLED_PMK3I, BUNDLED_UCCN, parse_framework};
use serde_json::{Value, json};

const SCHEMA: &str = "frameworks/schema.json";
/// Files in `frameworks/` that are not frameworks.
const NOT_FRAMEWORKS: &[&str] = &["schema.json", "released-ids.json"];
/// Corpora of framework files shared with tests/framework_errors.rs, where they exist.
const CORPUS_DIRS: &[&str] = &["tests/data/bad-frameworks", "tests/data/good-frameworks"];
/// Corpus files the loader refuses for a loader-only rule (see the module comment).
const LOADER_ONLY_FILES: &[(&str, &str)] = &[
    ("bands-not-ascending.json", "bands ascend"),
    ("bands-not-from-0.json", "the first band starts at 0"),
    ("duplicate-indicator-id-across-pillars.json", "indicator ids are unique"),
    ("duplicate-pillar-id.json", "pillar ids are unique"),
    ("lead-unknown-actor.json", "lead names a declared actor"),
    ("levels-extra-5.json", "levels match the scale"),
    ("levels-missing-3.json", "levels match the scale"),
    ("subsectors-unknown.json", "subsectors names declared subsectors"),
    ("weights-sum-not-finite.json", "weights keep every sum finite"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Validator {
    let text = std::fs::read_to_string(root().join(SCHEMA)).expect("frameworks/schema.json exists");
    let schema: Value = serde_json::from_str(&text).expect("schema.json is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema.json is not a valid JSON Schema: {e}"))
}

/// The schema's complaints about `framework`, each with its JSON pointer.
fn schema_errors(schema: &Validator, framework: &Value) -> Vec<String> {
    schema
        .iter_errors(framework)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The loader's verdict on `framework`, as the text an author would have saved.
fn loader_problems(name: &str, framework: &Value) -> Vec<String> {
    let bytes = serde_json::to_vec_pretty(framework).expect("serialisable");
    loader_problems_of_bytes(name, &bytes)
}

fn loader_problems_of_bytes(name: &str, bytes: &[u8]) -> Vec<String> {
    match parse_framework(name, bytes) {
        Ok(_) => vec![],
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_schema_is_a_valid_json_schema() {
    // validator_for checks the schema against the draft 2020-12 meta-schema.
    assert_eq!(schema().draft(), jsonschema::Draft::Draft202012);
}

#[test]
fn every_bundled_framework_passes_the_schema() {
    let schema = schema();
    let mut frameworks = vec![
        ("bundled pmk3i".to_string(), BUNDLED_PMK3I.to_string()),
        ("bundled uccn-readiness".to_string(), BUNDLED_UCCN.to_string()),
    ];
    for entry in std::fs::read_dir(root().join("frameworks")).expect("frameworks/ exists") {
        let path = entry.expect("readable entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "json") && !NOT_FRAMEWORKS.contains(&name.as_str()) {
            frameworks.push((format!("frameworks/{name}"), std::fs::read_to_string(&path).unwrap()));
        }
    }
    let mut failures = Vec::new();
    for (name, raw) in &frameworks {
        let value: Value = serde_json::from_str(raw).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
        failures.extend(
            schema_errors(&schema, &value)
                .into_iter()
                .map(|e| format!("{name}: {e}")),
        );
    }
    assert!(failures.is_empty(), "schema errors:\n  {}", failures.join("\n  "));
}

/// Every `*.json` file in the corpus folders that exist (another suite owns them).
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = CORPUS_DIRS
        .iter()
        .filter_map(|dir| std::fs::read_dir(root().join(dir)).ok())
        .flatten()
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn on_the_shared_corpus_the_schema_and_the_loader_agree() {
    let schema = schema();
    let mut disagreements = Vec::new();
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let loader = loader_problems_of_bytes(&name, &bytes);
        // A file that is not UTF-8 JSON never reaches a schema; the loader must refuse it.
        let json = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(t.strip_prefix('\u{feff}').unwrap_or(t)).ok());
        let Some(value) = json else {
            if loader.is_empty() {
                disagreements.push(format!("{name}: not UTF-8 JSON, yet the loader accepts it"));
            }
            continue;
        };
        let schema_says = schema_errors(&schema, &value);
        let loader_only = LOADER_ONLY_FILES.iter().find(|(file, _)| *file == name);
        match (schema_says.is_empty(), loader.is_empty()) {
            (false, true) => disagreements.push(format!(
                "{name}: the schema rejects what the loader accepts; relax frameworks/schema.json:\n    {}",
                schema_says.join("\n    ")
            )),
            (true, false) if loader_only.is_none() => disagreements.push(format!(
                "{name}: the loader rejects what the schema accepts. If the schema can express this rule, \
                 add it to frameworks/schema.json; if it cannot, list the file in LOADER_ONLY_FILES with the rule:\n    {}",
                loader.join("\n    ")
            )),
            _ => {}
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// What the schema and the loader should both say about a case.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    BothAccept,
    BothReject,
    /// Refused by the loader for a rule JSON Schema cannot express.
    LoaderOnly,
}

/// A small valid framework with one region-scoped and one subsector-scoped pillar.
fn contoh() -> Value {
    let levels = || {
        json!([
            {"value": 0, "description": {"id": "Belum ada", "en": "None"}, "next": {"id": "Mulai", "en": "Start"}},
            {"value": 1, "description": {"id": "Sebagian", "en": "Partly"}, "next": {"id": "Lengkapi", "en": "Complete it"}},
            {"value": 2, "description": {"id": "Lengkap", "en": "Complete"}}
        ])
    };
    json!({
        "$schema": "./schema.json",
        "format": 1,
        "id": "contoh",
        "version": "2026.1",
        "title": {"id": "Contoh", "en": "Example"},
        "description": {"id": "Kerangka untuk uji", "en": "A framework for tests"},
        "scale": [
            {"value": 0, "label": {"id": "Belum ada", "en": "Not yet"}},
            {"value": 1, "label": {"id": "Berkembang", "en": "Developing"}},
            {"value": 2, "label": {"id": "Unggul", "en": "Leading"}}
        ],
        "bands": [
            {"min": 0, "label": {"id": "Rintisan", "en": "Emerging"}},
            {"min": 50, "label": {"id": "Mapan", "en": "Established"}, "description": {"id": "Berjalan rutin", "en": "Runs regularly"}}
        ],
        "actors": [
            {"id": "A", "label": {"id": "Akademisi", "en": "Academia"}},
            {"id": "G", "label": {"id": "Pemerintah", "en": "Government"}}
        ],
        "subsectors": [
            {"id": "kuliner", "label": {"id": "Kuliner", "en": "Culinary"}},
            {"id": "musik", "label": {"id": "Musik", "en": "Music"}}
        ],
        "pillars": [
            {"id": "kebijakan", "title": {"id": "Kebijakan", "en": "Policy"},
             "indicators": [
                {"id": "kebijakan.perda", "text": {"id": "Ada Perda ekraf?", "en": "Is there a Perda?"},
                 "help": {"id": "Hitung yang berlaku", "en": "Count those in force"},
                 "evidence": {"id": "Salinan Perda", "en": "Copy of the Perda"},
                 "lead": ["G"], "levels": levels()}
             ]},
            {"id": "kreasi", "title": {"id": "Kreasi", "en": "Creation"}, "scope": "subsector", "weight": 2,
             "indicators": [
                {"id": "kreasi.talenta", "text": {"id": "Talenta terdata?", "en": "Is talent on record?"},
                 "lead": ["A", "G"], "allow_na": false, "levels": levels()},
                {"id": "kreasi.resep", "text": {"id": "Resep terdokumentasi?", "en": "Are recipes documented?"},
                 "subsectors": ["kuliner"], "levels": levels()}
             ]}
        ]
    })
}

/// Sets the value at a JSON pointer, adding the last key to an object if needed.
fn set(framework: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    match framework.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
        }
        Value::Array(a) => a[key.parse::<usize>().expect("an index")] = value,
        other => panic!("{parent} is {other}"),
    }
}

/// Removes the key or array element at a JSON pointer.
fn remove(framework: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    match framework.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(m) => {
            m.remove(key).unwrap_or_else(|| panic!("no {pointer}"));
        }
        Value::Array(a) => {
            a.remove(key.parse::<usize>().expect("an index"));
        }
        other => panic!("{parent} is {other}"),
    }
}

const REGION_INDICATOR: &str = "/pillars/0/indicators/0";
const SUBSECTOR_INDICATOR: &str = "/pillars/1/indicators/1";

type Case = (&'static str, fn(&mut Value), Expect);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Valid variations.
    ("the example as written", |_| {}, Expect::BothAccept),
    ("no English text", |f| remove(f, "/title/en"), Expect::BothAccept),
    ("a blank English text (falls back to Indonesian)", |f| set(f, "/title/en", json!("")), Expect::BothAccept),
    ("a Javanese text beside Indonesian", |f| set(f, "/title/jv", json!("Conto")), Expect::BothAccept),
    ("an explicit region scope", |f| set(f, "/pillars/0/scope", json!("region")), Expect::BothAccept),
    ("a fractional weight", |f| set(f, &format!("{REGION_INDICATOR}/weight"), json!(0.5)), Expect::BothAccept),
    ("allow_na true", |f| set(f, &format!("{REGION_INDICATOR}/allow_na"), json!(true)), Expect::BothAccept),
    ("quick true", |f| set(f, &format!("{REGION_INDICATOR}/quick"), json!(true)), Expect::BothAccept),
    ("quick false", |f| set(f, &format!("{REGION_INDICATOR}/quick"), json!(false)), Expect::BothAccept),
    ("a UCCN field map naming a declared subsector", |f| set(f, "/uccn_fields", json!({"kuliner_khas": "kuliner"})), Expect::BothAccept),
    ("an empty UCCN field map", |f| set(f, "/uccn_fields", json!({})), Expect::BothAccept),
    ("no $schema", |f| remove(f, "/$schema"), Expect::BothAccept),
    ("a $schema that is not a string (pmk3i ignores it)", |f| set(f, "/$schema", json!(5)), Expect::BothAccept),
    ("no lead actors", |f| remove(f, &format!("{REGION_INDICATOR}/lead")), Expect::BothAccept),
    ("the same lead actor twice", |f| set(f, &format!("{REGION_INDICATOR}/lead"), json!(["G", "G"])), Expect::BothAccept),
    ("no actors declared and none led", |f| { set(f, "/actors", json!([])); remove(f, &format!("{REGION_INDICATOR}/lead")); remove(f, "/pillars/1/indicators/0/lead"); }, Expect::BothAccept),

    // Types, required fields and allowed values: both refuse.
    ("a top-level array", |f| *f = json!([]), Expect::BothReject),
    ("format 2", |f| set(f, "/format", json!(2)), Expect::BothReject),
    ("format as a string", |f| set(f, "/format", json!("1")), Expect::BothReject),
    ("no format", |f| remove(f, "/format"), Expect::BothReject),
    ("no id", |f| remove(f, "/id"), Expect::BothReject),
    ("no version", |f| remove(f, "/version"), Expect::BothReject),
    ("no title", |f| remove(f, "/title"), Expect::BothReject),
    ("no scale", |f| remove(f, "/scale"), Expect::BothReject),
    ("no bands", |f| remove(f, "/bands"), Expect::BothReject),
    ("no actors", |f| remove(f, "/actors"), Expect::BothReject),
    ("no subsectors", |f| remove(f, "/subsectors"), Expect::BothReject),
    ("no pillars", |f| remove(f, "/pillars"), Expect::BothReject),
    ("an empty version", |f| set(f, "/version", json!("")), Expect::BothReject),
    ("a blank version", |f| set(f, "/version", json!(" \t ")), Expect::BothReject),
    ("a version as a number", |f| set(f, "/version", json!(2026.1)), Expect::BothReject),
    ("an id with capitals", |f| set(f, "/id", json!("Contoh")), Expect::BothReject),
    ("an id with a space", |f| set(f, "/id", json!("con toh")), Expect::BothReject),
    ("a title without Indonesian", |f| set(f, "/title", json!({"en": "Example"})), Expect::BothReject),
    ("an empty Indonesian title", |f| set(f, "/title/id", json!("")), Expect::BothReject),
    ("a blank Indonesian title", |f| set(f, "/title/id", json!("   ")), Expect::BothReject),
    ("a null Indonesian title", |f| set(f, "/title/id", Value::Null), Expect::BothReject),
    ("a title as a plain string", |f| set(f, "/title", json!("Contoh")), Expect::BothReject),
    ("a language code in capitals", |f| set(f, "/title/EN", json!("Example")), Expect::BothReject),
    ("a language name instead of a code", |f| set(f, "/title/english", json!("Example")), Expect::BothReject),
    ("a translation that is not a string", |f| set(f, "/title/en", json!(5)), Expect::BothReject),
    ("a description as a plain string", |f| set(f, "/description", json!("Contoh")), Expect::BothReject),
    ("a one-level scale", |f| set(f, "/scale", json!([{"value": 0, "label": {"id": "Nol"}}])), Expect::BothReject),
    ("a fractional scale value", |f| set(f, "/scale/1/value", json!(1.5)), Expect::BothReject),
    ("a scale value as a string", |f| set(f, "/scale/1/value", json!("1")), Expect::BothReject),
    ("a scale level without a label", |f| remove(f, "/scale/1/label"), Expect::BothReject),
    ("a band above 100", |f| set(f, "/bands/1/min", json!(101)), Expect::BothReject),
    ("a negative band", |f| set(f, "/bands/1/min", json!(-1)), Expect::BothReject),
    ("a band min as a string", |f| set(f, "/bands/1/min", json!("50")), Expect::BothReject),
    ("a band without a label", |f| remove(f, "/bands/1/label"), Expect::BothReject),
    ("no bands at all", |f| set(f, "/bands", json!([])), Expect::BothReject),
    ("actors as an object", |f| set(f, "/actors", json!({"A": "Akademisi"})), Expect::BothReject),
    ("an actor id with punctuation", |f| set(f, "/actors/1/id", json!("G!")), Expect::BothReject),
    ("an actor without a label", |f| remove(f, "/actors/1/label"), Expect::BothReject),
    ("no pillars at all", |f| set(f, "/pillars", json!([])), Expect::BothReject),
    ("a pillar without an id", |f| remove(f, "/pillars/0/id"), Expect::BothReject),
    ("a pillar id with capitals", |f| set(f, "/pillars/0/id", json!("Kebijakan")), Expect::BothReject),
    ("a pillar without a title", |f| remove(f, "/pillars/0/title"), Expect::BothReject),
    ("a pillar without indicators", |f| remove(f, "/pillars/0/indicators"), Expect::BothReject),
    ("an empty pillar", |f| set(f, "/pillars/0/indicators", json!([])), Expect::BothReject),
    ("a pillar weight of 0", |f| set(f, "/pillars/1/weight", json!(0)), Expect::BothReject),
    ("a negative pillar weight", |f| set(f, "/pillars/1/weight", json!(-1)), Expect::BothReject),
    ("a pillar weight as a string", |f| set(f, "/pillars/1/weight", json!("2")), Expect::BothReject),
    ("a null pillar weight", |f| set(f, "/pillars/1/weight", Value::Null), Expect::BothReject),
    ("a misspelled scope", |f| set(f, "/pillars/1/scope", json!("subsektor")), Expect::BothReject),
    ("a scope as a number", |f| set(f, "/pillars/1/scope", json!(1)), Expect::BothReject),
    ("an indicator weight of 0", |f| set(f, &format!("{REGION_INDICATOR}/weight"), json!(0)), Expect::BothReject),
    ("an indicator without an id", |f| remove(f, &format!("{REGION_INDICATOR}/id")), Expect::BothReject),
    ("an indicator without text", |f| remove(f, &format!("{REGION_INDICATOR}/text")), Expect::BothReject),
    ("an indicator without levels", |f| remove(f, &format!("{REGION_INDICATOR}/levels")), Expect::BothReject),
    ("an indicator with no levels", |f| set(f, &format!("{REGION_INDICATOR}/levels"), json!([])), Expect::BothReject),
    ("help as a plain string", |f| set(f, &format!("{REGION_INDICATOR}/help"), json!("Hitung")), Expect::BothReject),
    ("evidence with an empty Indonesian text", |f| set(f, &format!("{REGION_INDICATOR}/evidence/id"), json!("")), Expect::BothReject),
    ("allow_na as a string", |f| set(f, &format!("{REGION_INDICATOR}/allow_na"), json!("yes")), Expect::BothReject),
    ("quick as a string", |f| set(f, &format!("{REGION_INDICATOR}/quick"), json!("yes")), Expect::BothReject),
    ("quick as a number", |f| set(f, &format!("{REGION_INDICATOR}/quick"), json!(1)), Expect::BothReject),
    ("a UCCN field map as a list", |f| set(f, "/uccn_fields", json!(["kuliner"])), Expect::BothReject),
    ("a UCCN field that is a number", |f| set(f, "/uccn_fields", json!({"kuliner": 5})), Expect::BothReject),
    ("a UCCN field map key with capitals", |f| set(f, "/uccn_fields", json!({"Kuliner": "kuliner"})), Expect::BothReject),
    ("lead as a string", |f| set(f, &format!("{REGION_INDICATOR}/lead"), json!("G")), Expect::BothReject),
    ("a lead entry that is a number", |f| set(f, &format!("{REGION_INDICATOR}/lead"), json!([5])), Expect::BothReject),
    ("subsectors as a string", |f| set(f, &format!("{SUBSECTOR_INDICATOR}/subsectors"), json!("kuliner")), Expect::BothReject),
    ("an empty subsectors list", |f| set(f, &format!("{SUBSECTOR_INDICATOR}/subsectors"), json!([])), Expect::BothReject),
    ("subsectors on a region-scoped pillar", |f| set(f, &format!("{REGION_INDICATOR}/subsectors"), json!(["kuliner"])), Expect::BothReject),
    ("subsectors on a pillar whose scope defaults to region", |f| remove(f, "/pillars/1/scope"), Expect::BothReject),
    ("a level value as a string", |f| set(f, &format!("{REGION_INDICATOR}/levels/0/value"), json!("0")), Expect::BothReject),
    ("a level without a description", |f| remove(f, &format!("{REGION_INDICATOR}/levels/0/description")), Expect::BothReject),
    ("a next step without Indonesian", |f| set(f, &format!("{REGION_INDICATOR}/levels/0/next"), json!({"en": "Start"})), Expect::BothReject),
    ("an unknown top-level field", |f| set(f, "/pilars", json!([])), Expect::BothReject),
    ("an unknown pillar field", |f| set(f, "/pillars/0/indicatros", json!([])), Expect::BothReject),
    ("an unknown indicator field", |f| set(f, &format!("{REGION_INDICATOR}/evidance"), json!({"id": "x"})), Expect::BothReject),
    ("an unknown level field", |f| set(f, &format!("{REGION_INDICATOR}/levels/0/nextt"), json!({"id": "x"})), Expect::BothReject),
    ("an unknown band field", |f| set(f, "/bands/0/max", json!(40)), Expect::BothReject),
    ("an unknown scale field", |f| set(f, "/scale/0/min", json!(0)), Expect::BothReject),
    ("an unknown actor field", |f| set(f, "/actors/0/name", json!("A")), Expect::BothReject),

    // Rules JSON Schema cannot express: only the loader refuses.
    ("a duplicate pillar id", |f| set(f, "/pillars/1/id", json!("kebijakan")), Expect::LoaderOnly),
    ("a duplicate indicator id", |f| set(f, "/pillars/1/indicators/0/id", json!("kebijakan.perda")), Expect::LoaderOnly),
    ("a duplicate actor id", |f| set(f, "/actors/1/id", json!("A")), Expect::LoaderOnly),
    ("a duplicate subsector id", |f| set(f, "/subsectors/1/id", json!("kuliner")), Expect::LoaderOnly),
    ("a level missing from the scale", |f| remove(f, &format!("{REGION_INDICATOR}/levels/2")), Expect::LoaderOnly),
    ("a level the scale does not have", |f| set(f, &format!("{REGION_INDICATOR}/levels/2/value"), json!(3)), Expect::LoaderOnly),
    ("the same level twice", |f| set(f, &format!("{REGION_INDICATOR}/levels/1/value"), json!(0)), Expect::LoaderOnly),
    ("a scale out of order", |f| { set(f, "/scale/0/value", json!(1)); set(f, "/scale/1/value", json!(0)); }, Expect::LoaderOnly),
    ("bands out of order", |f| set(f, "/bands/1/min", json!(0)), Expect::LoaderOnly),
    ("a first band above 0", |f| set(f, "/bands/0/min", json!(10)), Expect::LoaderOnly),
    ("a lead actor that is not declared", |f| set(f, &format!("{REGION_INDICATOR}/lead"), json!(["X"])), Expect::LoaderOnly),
    ("a subsector that is not declared", |f| set(f, &format!("{SUBSECTOR_INDICATOR}/subsectors"), json!(["kriya"])), Expect::LoaderOnly),
    ("a UCCN field that is not declared", |f| set(f, "/uccn_fields", json!({"kuliner": "gastronomy"})), Expect::LoaderOnly),
    ("format written as 1.0", |f| set(f, "/format", json!(1.0)), Expect::LoaderOnly),
    ("a level value written as 1.0", |f| set(f, &format!("{REGION_INDICATOR}/levels/1/value"), json!(1.0)), Expect::LoaderOnly),
];

#[test]
fn on_small_cases_the_schema_and_the_loader_agree_wherever_the_schema_can_judge() {
    let schema = schema();
    let mut disagreements = Vec::new();
    for (name, edit, expect) in CASES {
        let mut framework = contoh();
        edit(&mut framework);
        let schema_errors = schema_errors(&schema, &framework);
        let loader = loader_problems("contoh.json", &framework);
        let observed = match (schema_errors.is_empty(), loader.is_empty()) {
            (true, true) => Expect::BothAccept,
            (false, false) => Expect::BothReject,
            (true, false) => Expect::LoaderOnly,
            (false, true) => {
                disagreements.push(format!(
                    "{name}: the schema rejects what the loader accepts:\n    {}",
                    schema_errors.join("\n    ")
                ));
                continue;
            }
        };
        if observed != *expect {
            disagreements.push(format!(
                "{name}: expected {expect:?}, got {observed:?}\n    schema: {schema_errors:?}\n    loader: {loader:?}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// Every character that is blank to Rust's `str::trim` (the loader) or to the
/// ECMA-262 `\s` that JSON Schema patterns use, plus near-misses that are neither.
const BLANK_CANDIDATES: &[char] = &[
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{180e}', '\u{2000}', '\u{2001}',
    '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}',
    '\u{200b}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{feff}',
];

#[test]
fn a_blank_indonesian_text_or_version_is_blank_to_both() {
    let schema = schema();
    let mut disagreements = Vec::new();
    for c in BLANK_CANDIDATES {
        for pointer in ["/title/id", "/version"] {
            let mut framework = contoh();
            set(&mut framework, pointer, json!(format!("{c}{c}")));
            let schema_rejects = !schema_errors(&schema, &framework).is_empty();
            let loader_rejects = !loader_problems("contoh.json", &framework).is_empty();
            if schema_rejects != loader_rejects {
                disagreements.push(format!(
                    "{pointer} = U+{:04X} twice: schema rejects {schema_rejects}, loader rejects {loader_rejects}",
                    u32::from(*c)
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
