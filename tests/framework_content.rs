//! The bundled frameworks are what Dinas staff, pelaku ekraf and asesor read in a
//! workshop, so their content is held to rules the validator does not enforce on
//! every author: both languages everywhere, a next step from every level but the top,
//! distinct neighbouring levels, and ids that never disappear once released.
//!
//! Each test collects every offender before failing, so one run lists all the work.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pmk3i::framework::{Framework, FrameworkSources, Text, parse_framework};
use serde_json::Value;

/// Files in `frameworks/` that are not frameworks (the loader skips them too).
const NOT_FRAMEWORKS: &[&str] = &["schema.json", "released-ids.json"];
const RELEASED_IDS: &str = "frameworks/released-ids.json";
const LANGUAGES: &[&str] = &["id", "en"];

fn frameworks_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks")
}

/// Every framework file in `frameworks/`, as (file name, raw text), sorted by name.
fn framework_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(frameworks_dir())
        .expect("frameworks/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| !NOT_FRAMEWORKS.contains(&name.as_str()))
        .map(|name| {
            let raw = std::fs::read_to_string(frameworks_dir().join(&name)).expect("readable framework");
            (name, raw)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no framework files in frameworks/");
    files
}

/// Every framework the tests look at: the ones compiled into the binary (loaded the
/// way the app loads them) and every file in `frameworks/` whose text differs from
/// them, each named for messages (so an offender is listed once, not twice).
fn all_frameworks() -> Vec<(String, Framework)> {
    let set = FrameworkSources {
        include_bundled: true,
        dirs: vec![],
        files: vec![],
    }
    .load();
    assert!(
        set.problems.is_empty(),
        "bundled frameworks have problems: {:#?}",
        set.problems
    );
    let bundled_texts: Vec<String> = set.frameworks.iter().map(|l| l.raw.clone()).collect();
    let mut all: Vec<(String, Framework)> = set
        .frameworks
        .into_iter()
        .map(|l| (l.origin.to_string(), l.framework))
        .collect();
    for (name, raw) in framework_files() {
        if bundled_texts.contains(&raw) {
            continue;
        }
        let framework = parse_framework(&name, raw.as_bytes())
            .unwrap_or_else(|problems| panic!("frameworks/{name} is invalid: {problems:#?}"));
        all.push((format!("frameworks/{name}"), framework));
    }
    all
}

fn pmk3i() -> Framework {
    all_frameworks()
        .into_iter()
        .find(|(_, f)| f.id == "pmk3i")
        .map(|(_, f)| f)
        .expect("the pmk3i framework is bundled")
}

/// Fails with every offender listed, one per line.
fn assert_none(offenders: &[String], what: &str) {
    assert!(
        offenders.is_empty(),
        "{what} ({} found):\n  {}",
        offenders.len(),
        offenders.join("\n  ")
    );
}

/// Every human text a bundled framework must have, with where it is; `None` marks an
/// optional text (a description, help, evidence, next step) that is missing.
fn human_texts(f: &Framework) -> Vec<(String, Option<&Text>)> {
    let mut texts = vec![
        ("title".to_string(), Some(&f.title)),
        ("description".to_string(), f.description.as_ref()),
        ("source".to_string(), f.source.as_ref()),
    ];
    for s in &f.scale {
        texts.push((format!("scale {} label", s.value), Some(&s.label)));
    }
    for b in &f.bands {
        texts.push((format!("band {} label", b.min), Some(&b.label)));
        texts.push((format!("band {} description", b.min), b.description.as_ref()));
    }
    for a in &f.actors {
        texts.push((format!("actor {} label", a.id), Some(&a.label)));
    }
    for s in &f.subsectors {
        texts.push((format!("subsector {} label", s.id), Some(&s.label)));
    }
    let (_, top) = f.scale_range();
    for p in &f.pillars {
        texts.push((format!("pillar {} title", p.id), Some(&p.title)));
        texts.push((format!("pillar {} description", p.id), p.description.as_ref()));
        for i in &p.indicators {
            texts.push((format!("{} text", i.id), Some(&i.text)));
            texts.push((format!("{} help", i.id), i.help.as_ref()));
            texts.push((format!("{} evidence", i.id), i.evidence.as_ref()));
            for l in &i.levels {
                texts.push((format!("{} level {} description", i.id, l.value), Some(&l.description)));
                if l.value != top {
                    texts.push((format!("{} level {} next", i.id, l.value), l.next.as_ref()));
                }
            }
        }
    }
    texts
}

fn written<'a>(text: &'a Text, lang: &str) -> Option<&'a str> {
    text.0.get(lang).map(|s| s.trim()).filter(|s| !s.is_empty())
}

#[test]
fn every_level_below_the_top_says_what_to_do_next_and_the_top_level_does_not() {
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        let (_, top) = f.scale_range();
        for i in f.pillars.iter().flat_map(|p| &p.indicators) {
            for l in &i.levels {
                let has_next = l.next.as_ref().is_some_and(|n| written(n, "id").is_some());
                if l.value == top && l.next.is_some() {
                    offenders.push(format!(
                        "{name}: {} level {}: the top level has a \"next\"; remove it",
                        i.id, l.value
                    ));
                } else if l.value != top && !has_next {
                    offenders.push(format!(
                        "{name}: {} level {}: no \"next\" recommendation",
                        i.id, l.value
                    ));
                }
            }
        }
    }
    assert_none(&offenders, "levels with a wrong or missing next step");
}

#[test]
fn every_human_text_is_written_in_indonesian_and_english() {
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        for (place, text) in human_texts(&f) {
            let Some(text) = text else {
                offenders.push(format!("{name}: {place}: missing"));
                continue;
            };
            for lang in LANGUAGES {
                if written(text, lang).is_none() {
                    offenders.push(format!("{name}: {place}: no \"{lang}\" text"));
                }
            }
        }
    }
    assert_none(&offenders, "texts not written in both Indonesian and English");
}

#[test]
fn neighbouring_levels_are_described_differently() {
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        for i in f.pillars.iter().flat_map(|p| &p.indicators) {
            let mut levels: Vec<_> = i.levels.iter().collect();
            levels.sort_by_key(|l| l.value);
            for pair in levels.windows(2) {
                for lang in LANGUAGES {
                    let (lower, upper) = (written(&pair[0].description, lang), written(&pair[1].description, lang));
                    if lower.is_some() && lower == upper {
                        offenders.push(format!(
                            "{name}: {} levels {} and {} share the \"{lang}\" description",
                            i.id, pair[0].value, pair[1].value
                        ));
                    }
                }
            }
        }
    }
    assert_none(&offenders, "neighbouring levels a respondent cannot tell apart");
}

#[test]
fn every_lead_actor_and_listed_subsector_is_declared() {
    // The validator refuses these already; this keeps the content honest if it ever stops.
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        let actors: BTreeSet<&str> = f.actors.iter().map(|a| a.id.as_str()).collect();
        let subsectors: BTreeSet<&str> = f.subsectors.iter().map(|s| s.id.as_str()).collect();
        for i in f.pillars.iter().flat_map(|p| &p.indicators) {
            for a in i.lead.iter().filter(|a| !actors.contains(a.as_str())) {
                offenders.push(format!("{name}: {}: lead actor \"{a}\" is not declared", i.id));
            }
            for s in i
                .subsectors
                .iter()
                .flatten()
                .filter(|s| !subsectors.contains(s.as_str()))
            {
                offenders.push(format!("{name}: {}: subsector \"{s}\" is not declared", i.id));
            }
        }
    }
    assert_none(&offenders, "references to undeclared actors or subsectors");
}

#[test]
fn every_indicator_names_a_lead_actor_and_has_help_and_evidence() {
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        for i in f.pillars.iter().flat_map(|p| &p.indicators) {
            if i.lead.is_empty() {
                offenders.push(format!("{name}: {}: no lead actor", i.id));
            }
            if i.help.as_ref().and_then(|t| written(t, "id")).is_none() {
                offenders.push(format!("{name}: {}: no help", i.id));
            }
            if i.evidence.as_ref().and_then(|t| written(t, "id")).is_none() {
                offenders.push(format!("{name}: {}: no evidence (bukti dukung)", i.id));
            }
        }
    }
    assert_none(&offenders, "indicators without a lead actor, help or evidence");
}

#[test]
fn each_pmk3i_pillar_has_four_to_seven_general_indicators() {
    let f = pmk3i();
    let offenders: Vec<String> = f
        .pillars
        .iter()
        .map(|p| (p, p.indicators.iter().filter(|i| i.subsectors.is_none()).count()))
        .filter(|(_, general)| !(4..=7).contains(general))
        .map(|(p, general)| format!("{}: {general} general indicators", p.id))
        .collect();
    assert_none(&offenders, "pmk3i pillars outside 4–7 general indicators");
}

#[test]
fn the_most_chosen_flagship_subsectors_have_two_to_four_own_indicators() {
    let f = pmk3i();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in f
        .pillars
        .iter()
        .flat_map(|p| &p.indicators)
        .flat_map(|i| i.subsectors.iter().flatten())
    {
        *counts.entry(s.as_str()).or_default() += 1;
    }
    let offenders: Vec<String> = ["kriya", "seni_pertunjukan", "kuliner", "seni_rupa", "film", "musik"]
        .into_iter()
        .map(|s| (s, counts.get(s).copied().unwrap_or(0)))
        .filter(|(_, n)| !(2..=4).contains(n))
        .map(|(s, n)| format!("{s}: {n} subsector-specific indicators"))
        .collect();
    assert_none(&offenders, "flagship subsectors outside 2–4 own indicators");
}

#[test]
fn general_pmk3i_indicators_point_to_the_subsector_indicator_that_goes_deeper() {
    // Without the pointer a respondent answers the same question twice for that subsector.
    let pairs = [
        ("produksi.bahan_baku", "produksi.kriya_bahan_baku"),
        ("produksi.standar_mutu", "produksi.kuliner_keamanan_pangan"),
        ("produksi.standar_mutu", "distribusi.kriya_kurasi_standar"),
        ("konservasi.perlindungan_ki", "konservasi.musik_royalti"),
        ("konservasi.regenerasi", "konservasi.kriya_regenerasi_perajin"),
        ("konservasi.warisan", "konservasi.seni_pertunjukan_maestro"),
    ];
    let f = pmk3i();
    let mut offenders = Vec::new();
    for (general, specific) in pairs {
        assert!(f.indicator(specific).is_some(), "{specific} is not in pmk3i");
        let (_, indicator) = f
            .indicator(general)
            .unwrap_or_else(|| panic!("{general} is not in pmk3i"));
        for lang in LANGUAGES {
            let help = indicator
                .help
                .as_ref()
                .and_then(|h| written(h, lang))
                .unwrap_or_default();
            if !help.contains(specific) {
                offenders.push(format!("{general}: the \"{lang}\" help does not mention {specific}"));
            }
        }
    }
    assert_none(
        &offenders,
        "general indicators that do not point to their subsector-specific twin",
    );
}

#[test]
fn pmk3i_lists_the_17_subsectors_of_the_creative_economy_law() {
    let expected = [
        "aplikasi",
        "arsitektur",
        "desain_interior",
        "dkv",
        "desain_produk",
        "fesyen",
        "film",
        "fotografi",
        "kriya",
        "kuliner",
        "musik",
        "penerbitan",
        "periklanan",
        "permainan",
        "seni_pertunjukan",
        "seni_rupa",
        "tv_radio",
    ];
    let declared: BTreeSet<String> = pmk3i().subsectors.into_iter().map(|s| s.id).collect();
    let expected: BTreeSet<String> = expected.into_iter().map(String::from).collect();
    assert_eq!(declared, expected);
}

#[test]
fn pmk3i_says_it_is_a_reconstruction_not_the_official_borang() {
    let source = pmk3i().source.expect("pmk3i has a source");
    let id = written(&source, "id").unwrap_or_default();
    let en = written(&source, "en").unwrap_or_default();
    assert!(
        id.contains("BUKAN borang resmi"),
        "Indonesian source does not say so: {id}"
    );
    assert!(en.contains("NOT the official"), "English source does not say so: {en}");
}

#[test]
fn every_framework_file_points_editors_to_the_schema() {
    let offenders: Vec<String> = framework_files()
        .into_iter()
        .filter_map(|(name, raw)| {
            let value: Value = serde_json::from_str(&raw).expect("valid JSON");
            let schema = value.get("$schema").and_then(Value::as_str);
            (schema != Some("./schema.json")).then(|| format!("frameworks/{name}: \"$schema\" is {schema:?}"))
        })
        .collect();
    assert_none(&offenders, "framework files without \"$schema\": \"./schema.json\"");
}

#[test]
fn the_frameworks_folder_loads_without_problems_and_skips_files_that_are_not_frameworks() {
    let set = FrameworkSources {
        include_bundled: false,
        dirs: vec![frameworks_dir()],
        files: vec![],
    }
    .load();
    assert!(set.problems.is_empty(), "frameworks/ has problems: {:#?}", set.problems);
    assert_eq!(set.frameworks.len(), framework_files().len());
}

/// `frameworks/released-ids.json`: per framework id, every pillar and indicator id
/// that was ever released, and the renames since (`"renames"` → framework → old → new).
/// Keys starting with `$` are comments.
struct ReleasedIds {
    released: BTreeMap<String, Vec<String>>,
    renames: BTreeMap<String, BTreeMap<String, String>>,
}

fn released_ids() -> ReleasedIds {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(RELEASED_IDS);
    let raw = std::fs::read_to_string(&path).expect("frameworks/released-ids.json exists");
    let Value::Object(root) = serde_json::from_str(&raw).expect("released-ids.json is JSON") else {
        panic!("{RELEASED_IDS} must be an object");
    };
    let mut released = BTreeMap::new();
    let mut renames = BTreeMap::new();
    for (key, value) in root {
        if key.starts_with('$') {
            continue;
        }
        if key == "renames" {
            renames =
                serde_json::from_value(value).expect("\"renames\" is {\"<framework>\": {\"old.id\": \"new.id\"}}");
        } else {
            let ids = serde_json::from_value(value)
                .unwrap_or_else(|e| panic!("\"{key}\" in {RELEASED_IDS} must be a list of ids: {e}"));
            released.insert(key, ids);
        }
    }
    ReleasedIds { released, renames }
}

/// Follows recorded renames from `id` to an id the framework still has, if any.
fn current_id<'a>(
    id: &'a str,
    renames: Option<&'a BTreeMap<String, String>>,
    present: &BTreeSet<&str>,
) -> Option<&'a str> {
    let mut id = id;
    // A rename chain longer than the number of renames has a cycle.
    for _ in 0..=renames.map_or(0, BTreeMap::len) {
        if present.contains(id) {
            return Some(id);
        }
        id = renames?.get(id)?;
    }
    None
}

#[test]
fn released_ids_never_disappear_without_a_recorded_rename() {
    let ReleasedIds { released, renames } = released_ids();
    assert!(released.contains_key("pmk3i"), "{RELEASED_IDS} lists no pmk3i ids");
    let frameworks: BTreeMap<String, Framework> =
        all_frameworks().into_iter().map(|(_, f)| (f.id.clone(), f)).collect();
    let mut offenders = Vec::new();
    for (framework_id, ids) in &released {
        let Some(f) = frameworks.get(framework_id) else {
            offenders.push(format!(
                "framework \"{framework_id}\" was released but is no longer in frameworks/: saved assessments refer to it; restore it"
            ));
            continue;
        };
        let present: BTreeSet<&str> = f
            .pillars
            .iter()
            .flat_map(|p| std::iter::once(p.id.as_str()).chain(p.indicators.iter().map(|i| i.id.as_str())))
            .collect();
        let framework_renames = renames.get(framework_id);
        for id in ids {
            if current_id(id, framework_renames, &present).is_some() {
                continue;
            }
            let recorded = framework_renames.and_then(|r| r.get(id));
            offenders.push(match recorded {
                Some(target) => format!(
                    "{framework_id}: \"{id}\" was renamed to \"{target}\", which is not in the framework either: fix the rename in {RELEASED_IDS}"
                ),
                None => format!(
                    "{framework_id}: released id \"{id}\" is gone. Saved assessments refer to it: restore it, or if you renamed it, \
                     record {{\"{id}\": \"<new id>\"}} under \"renames\" → \"{framework_id}\" in {RELEASED_IDS} (see docs/frameworks.md, section 6)"
                ),
            });
        }
    }
    assert_none(&offenders, "released ids missing from their framework");
}

#[test]
fn renames_are_followed_to_an_id_that_still_exists() {
    let renames: BTreeMap<String, String> = [
        ("a.old", "a.middle"),
        ("a.middle", "a.new"),
        ("b.loop", "b.back"),
        ("b.back", "b.loop"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let present = BTreeSet::from(["a.new", "c.kept"]);
    assert_eq!(current_id("a.old", Some(&renames), &present), Some("a.new"));
    assert_eq!(current_id("c.kept", None, &present), Some("c.kept"));
    assert_eq!(current_id("b.loop", Some(&renames), &present), None);
    assert_eq!(current_id("d.gone", Some(&renames), &present), None);
}
