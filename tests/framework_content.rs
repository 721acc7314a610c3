//! The bundled frameworks are what Dinas staff, pelaku ekraf and asesor read in a
//! workshop, so their content is held to rules the validator does not enforce on
//! every author: both languages everywhere, a next step from every level but the top,
//! distinct neighbouring levels, and ids that never disappear once released.
//!
//! Each test collects every offender before failing, so one run lists all the work.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pmk3i::framework::{Framework, FrameworkSources, Scope, Text, parse_framework};
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

/// The rule for subsector-specific indicators (docs/frameworks.md, section 4): every
/// one of the 17 subsectors has exactly this many indicators of its own, each in a
/// different pillar, so any two candidates are compared on the same number of
/// questions and the suggested flagship cannot follow from one candidate simply having
/// more (or fewer) questions.
const OWN_INDICATORS_PER_SUBSECTOR: usize = 2;

/// The indicators that name each declared subsector in their `subsectors` list.
fn own_indicators(f: &Framework) -> BTreeMap<&str, Vec<&str>> {
    let mut own: BTreeMap<&str, Vec<&str>> = f.subsectors.iter().map(|s| (s.id.as_str(), vec![])).collect();
    for i in f.pillars.iter().flat_map(|p| &p.indicators) {
        for s in i.subsectors.iter().flatten() {
            own.entry(s.as_str()).or_default().push(i.id.as_str());
        }
    }
    own
}

#[test]
fn every_pmk3i_subsector_has_exactly_two_own_indicators() {
    let f = pmk3i();
    let own = own_indicators(&f);
    assert_eq!(own.len(), 17, "pmk3i declares 17 subsectors");
    let offenders: Vec<String> = own
        .iter()
        .filter(|(_, ids)| ids.len() != OWN_INDICATORS_PER_SUBSECTOR)
        .map(|(s, ids)| format!("{s}: {} own indicators {ids:?}", ids.len()))
        .collect();
    assert_none(&offenders, "subsectors without exactly 2 own indicators");
}

#[test]
fn every_candidate_subsector_is_asked_the_same_number_of_questions() {
    // The rule above, seen the way the scoring sees it: per candidate, the questions of
    // the subsector-scoped pillars that apply. 5 pillars × 5 general indicators = 25,
    // plus 2 own indicators = 27, for every one of the 17 subsectors.
    let f = pmk3i();
    let mut offenders = Vec::new();
    for s in &f.subsectors {
        let asked = f
            .pillars
            .iter()
            .filter(|p| p.scope == Scope::Subsector)
            .flat_map(|p| &p.indicators)
            .filter(|i| i.applies_to(&s.id))
            .count();
        if asked != 27 {
            offenders.push(format!("{}: {asked} questions per candidate, expected 27", s.id));
        }
    }
    assert_none(&offenders, "candidates asked a different number of questions");
}

#[test]
fn the_two_own_indicators_of_a_subsector_sit_in_different_pillars() {
    // Two in one pillar would give that subsector's pillar scores a different make-up
    // from every other candidate's.
    let f = pmk3i();
    let mut offenders = Vec::new();
    for (s, ids) in own_indicators(&f) {
        let pillars: BTreeSet<&str> = ids
            .iter()
            .filter_map(|id| f.indicator(id).map(|(p, _)| p.id.as_str()))
            .collect();
        if pillars.len() != ids.len() {
            offenders.push(format!("{s}: {ids:?} share a pillar"));
        }
    }
    assert_none(&offenders, "subsectors whose own indicators share a pillar");
}

#[test]
fn the_quick_check_subset_has_10_to_16_general_indicators_covering_every_pillar() {
    let f = pmk3i();
    let quick: Vec<(&str, &str)> = f
        .quick_indicators()
        .map(|(p, i)| (p.id.as_str(), i.id.as_str()))
        .collect();
    assert!(
        (10..=16).contains(&quick.len()),
        "{} quick indicators, expected 10–16: {quick:?}",
        quick.len()
    );
    let mut offenders: Vec<String> = f
        .pillars
        .iter()
        .filter(|p| !quick.iter().any(|(pillar, _)| *pillar == p.id))
        .map(|p| format!("pillar {}: no quick indicator", p.id))
        .collect();
    // A quick check asks every region the same questions: no subsector-only item, and
    // none a region may dodge with N/A.
    for (_, id) in &quick {
        let (_, i) = f.indicator(id).expect("listed from the framework");
        if i.subsectors.is_some() {
            offenders.push(format!("{id}: quick but asked only for some subsectors"));
        }
        if i.allow_na {
            offenders.push(format!("{id}: quick but allows N/A"));
        }
    }
    assert_none(&offenders, "problems with the quick-check subset");
}

#[test]
fn the_quick_check_subset_is_the_documented_twelve() {
    // docs/frameworks.md, section 4 lists these and says why.
    let expected = [
        "kreasi.talenta",
        "kreasi.hki",
        "produksi.fasilitas",
        "distribusi.pasar",
        "konsumsi.kalender",
        "konservasi.regenerasi",
        "aktor.komunitas",
        "aktor.komite",
        "infrastruktur.hub_kreatif",
        "kebijakan.perda",
        "kebijakan.anggaran",
        "kebijakan.data_pelaku",
    ];
    let quick: Vec<String> = pmk3i().quick_indicators().map(|(_, i)| i.id.clone()).collect();
    assert_eq!(quick, expected);
}

/// The PMK3I subsector → UCCN field mapping in `frameworks/uccn-readiness.json`,
/// written out as docs/frameworks.md (section 9) states it. Seni rupa is left out on
/// purpose: UCCN has no fine-arts field.
const UCCN_FIELDS: &[(&str, &str)] = &[
    ("aplikasi", "media_arts"),
    ("arsitektur", "architecture"),
    ("desain_interior", "design"),
    ("desain_produk", "design"),
    ("dkv", "design"),
    ("fesyen", "design"),
    ("film", "film"),
    ("fotografi", "media_arts"),
    ("kriya", "crafts_folk_art"),
    ("kuliner", "gastronomy"),
    ("musik", "music"),
    ("penerbitan", "literature"),
    ("periklanan", "design"),
    ("permainan", "media_arts"),
    ("seni_pertunjukan", "crafts_folk_art"),
    ("tv_radio", "film"),
];

fn uccn() -> Framework {
    all_frameworks()
        .into_iter()
        .find(|(_, f)| f.id == "uccn-readiness")
        .map(|(_, f)| f)
        .expect("the uccn-readiness framework is bundled")
}

#[test]
fn the_uccn_checklist_has_the_eight_fields_of_2025() {
    let fields: BTreeSet<String> = uccn().subsectors.into_iter().map(|s| s.id).collect();
    let expected: BTreeSet<String> = [
        "architecture",
        "crafts_folk_art",
        "design",
        "film",
        "gastronomy",
        "literature",
        "media_arts",
        "music",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(fields, expected);
}

#[test]
fn every_pmk3i_subsector_maps_to_the_stated_uccn_field_and_seni_rupa_to_none() {
    let f = uccn();
    let pmk3i_subsectors: BTreeSet<String> = pmk3i().subsectors.into_iter().map(|s| s.id).collect();
    let mut offenders = Vec::new();
    for key in f.uccn_fields.keys() {
        if !pmk3i_subsectors.contains(key) {
            offenders.push(format!("uccn_fields key \"{key}\" is not a pmk3i subsector"));
        }
    }
    for (subsector, field) in UCCN_FIELDS {
        let mapped = f.uccn_field_for(subsector);
        if mapped != Some(*field) {
            offenders.push(format!("{subsector}: maps to {mapped:?}, expected \"{field}\""));
        }
    }
    if let Some(field) = f.uccn_field_for("seni_rupa") {
        offenders.push(format!(
            "seni_rupa maps to \"{field}\", but UCCN has no fine-arts field"
        ));
    }
    if f.uccn_fields.len() != UCCN_FIELDS.len() {
        offenders.push(format!(
            "{} mapped subsectors, expected {}",
            f.uccn_fields.len(),
            UCCN_FIELDS.len()
        ));
    }
    let reached: BTreeSet<&str> = f.uccn_fields.values().map(String::as_str).collect();
    for field in &f.subsectors {
        if !reached.contains(field.id.as_str()) {
            offenders.push(format!("UCCN field {} is reached from no pmk3i subsector", field.id));
        }
    }
    assert_none(&offenders, "problems with the PMK3I → UCCN field mapping");
}

#[test]
fn pmk3i_itself_carries_no_uccn_mapping() {
    assert!(pmk3i().uccn_fields.is_empty());
}

#[test]
fn help_texts_point_only_to_indicators_that_exist_or_were_removed() {
    // A pointer to a renamed or deleted id sends the respondent nowhere. Naming a
    // removed id is allowed (to say what a new indicator replaces).
    let ReleasedIds { removed, .. } = released_ids();
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        let present: BTreeSet<&str> = f
            .pillars
            .iter()
            .flat_map(|p| &p.indicators)
            .map(|i| i.id.as_str())
            .collect();
        let pillar_prefixes: Vec<String> = f.pillars.iter().map(|p| format!("{}.", p.id)).collect();
        let gone = removed.get(&f.id);
        for i in f.pillars.iter().flat_map(|p| &p.indicators) {
            for lang in LANGUAGES {
                let help = i.help.as_ref().and_then(|h| written(h, lang)).unwrap_or_default();
                for word in help.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
                    let word = word.trim_end_matches('.');
                    let is_id = pillar_prefixes
                        .iter()
                        .any(|p| word.starts_with(p.as_str()) && word.len() > p.len());
                    if is_id && !present.contains(word) && !gone.is_some_and(|g| g.contains_key(word)) {
                        offenders.push(format!(
                            "{name}: {} ({lang} help) points to {word}, which does not exist",
                            i.id
                        ));
                    }
                }
            }
        }
    }
    assert_none(&offenders, "help texts pointing to indicators that do not exist");
}

#[test]
fn indicators_point_to_the_one_place_a_neighbouring_thing_is_scored() {
    // Without the pointer a respondent answers the same question twice for that subsector.
    let pairs = [
        ("produksi.bahan_baku", "produksi.kriya_bahan_baku"),
        ("produksi.standar_mutu", "produksi.kuliner_keamanan_pangan"),
        ("produksi.standar_mutu", "distribusi.kuliner_halal"),
        ("produksi.standar_mutu", "distribusi.kriya_kurasi_standar"),
        ("produksi.teknologi", "produksi.fasilitas"),
        ("konsumsi.kalender", "konsumsi.seni_pertunjukan_panggung"),
        ("konsumsi.kalender", "konsumsi.musik_panggung_live"),
        ("infrastruktur.venue", "konsumsi.seni_pertunjukan_panggung"),
        ("infrastruktur.venue", "konsumsi.musik_panggung_live"),
        ("infrastruktur.venue", "distribusi.seni_rupa_galeri_pasar"),
        ("kreasi.hki", "konservasi.kik"),
        ("konservasi.warisan", "konservasi.kik"),
        ("kreasi.talenta", "kebijakan.data_pelaku"),
        ("kreasi.pendidikan", "aktor.akademisi"),
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
    /// `"removed"` → framework → old id → why and where its parts went.
    removed: BTreeMap<String, BTreeMap<String, String>>,
    /// `"narrowed"` → framework → id → what changed while the id was kept.
    narrowed: BTreeMap<String, BTreeMap<String, String>>,
}

fn released_ids() -> ReleasedIds {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(RELEASED_IDS);
    let raw = std::fs::read_to_string(&path).expect("frameworks/released-ids.json exists");
    let Value::Object(root) = serde_json::from_str(&raw).expect("released-ids.json is JSON") else {
        panic!("{RELEASED_IDS} must be an object");
    };
    let mut released = BTreeMap::new();
    let mut renames = BTreeMap::new();
    let mut removed = BTreeMap::new();
    let mut narrowed = BTreeMap::new();
    for (key, value) in root {
        if key.starts_with('$') {
            continue;
        }
        if key == "renames" {
            renames =
                serde_json::from_value(value).expect("\"renames\" is {\"<framework>\": {\"old.id\": \"new.id\"}}");
        } else if key == "removed" {
            removed = serde_json::from_value(value).expect("\"removed\" is {\"<framework>\": {\"old.id\": \"why\"}}");
        } else if key == "narrowed" {
            narrowed =
                serde_json::from_value(value).expect("\"narrowed\" is {\"<framework>\": {\"id\": \"what changed\"}}");
        } else {
            let ids = serde_json::from_value(value)
                .unwrap_or_else(|e| panic!("\"{key}\" in {RELEASED_IDS} must be a list of ids: {e}"));
            released.insert(key, ids);
        }
    }
    ReleasedIds {
        released,
        renames,
        removed,
        narrowed,
    }
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
fn released_ids_never_disappear_without_a_recorded_rename_or_removal() {
    let ReleasedIds {
        released,
        renames,
        removed,
        ..
    } = released_ids();
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
        let framework_removed = removed.get(framework_id);
        for id in ids {
            if current_id(id, framework_renames, &present).is_some() {
                continue;
            }
            if framework_removed.is_some_and(|r| r.contains_key(id)) {
                continue;
            }
            let recorded = framework_renames.and_then(|r| r.get(id));
            offenders.push(match recorded {
                Some(target) => format!(
                    "{framework_id}: \"{id}\" was renamed to \"{target}\", which is not in the framework either: fix the rename in {RELEASED_IDS}"
                ),
                None => format!(
                    "{framework_id}: released id \"{id}\" is gone. Saved assessments refer to it: restore it, or if you renamed it, \
                     record {{\"{id}\": \"<new id>\"}} under \"renames\" → \"{framework_id}\" in {RELEASED_IDS}, or if the question is gone, record why under \"removed\" (see docs/frameworks.md, section 6)"
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

#[test]
fn every_id_in_a_bundled_framework_is_released_and_no_removed_id_is_reused() {
    let ReleasedIds {
        released,
        renames,
        removed,
        narrowed,
    } = released_ids();
    let mut offenders = Vec::new();
    for (_, f) in all_frameworks() {
        let Some(listed) = released.get(&f.id) else {
            offenders.push(format!("{}: not listed in {RELEASED_IDS}", f.id));
            continue;
        };
        let present: BTreeSet<&str> = f
            .pillars
            .iter()
            .flat_map(|p| std::iter::once(p.id.as_str()).chain(p.indicators.iter().map(|i| i.id.as_str())))
            .collect();
        for id in &present {
            if !listed.iter().any(|l| l == id) {
                offenders.push(format!(
                    "{}: \"{id}\" is in the framework but not listed as released",
                    f.id
                ));
            }
        }
        for old in removed.get(&f.id).into_iter().flat_map(BTreeMap::keys) {
            if present.contains(old.as_str()) {
                offenders.push(format!("{}: removed id \"{old}\" is back in the framework", f.id));
            }
            if !listed.contains(old) {
                offenders.push(format!("{}: removed id \"{old}\" was never released", f.id));
            }
        }
        for (old, new) in renames.get(&f.id).into_iter().flatten() {
            if removed.get(&f.id).is_some_and(|r| r.contains_key(old)) {
                offenders.push(format!("{}: \"{old}\" is both renamed and removed", f.id));
            }
            if present.contains(old.as_str()) {
                offenders.push(format!(
                    "{}: renamed id \"{old}\" (→ {new}) is still in the framework",
                    f.id
                ));
            }
        }
        for id in narrowed.get(&f.id).into_iter().flat_map(BTreeMap::keys) {
            if !present.contains(id.as_str()) {
                offenders.push(format!("{}: narrowed id \"{id}\" is not in the framework", f.id));
            }
        }
    }
    assert_none(&offenders, "problems in frameworks/released-ids.json");
}

#[test]
fn the_2026_2_edition_records_its_renames_and_removals() {
    // Written out, so a change to the record is a deliberate change to this test.
    let ReleasedIds { renames, removed, .. } = released_ids();
    let pmk3i_renames: Vec<(&str, &str)> = renames["pmk3i"].iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        pmk3i_renames,
        [
            ("distribusi.kemasan_logistik", "distribusi.kemasan"),
            ("konservasi.perlindungan_ki", "konservasi.kik"),
        ]
    );
    let pmk3i_removed: Vec<&str> = removed["pmk3i"].keys().map(String::as_str).collect();
    assert_eq!(
        pmk3i_removed,
        [
            "distribusi.film_ruang_putar",
            "distribusi.kuliner_sentra",
            "kebijakan.insentif",
            "konservasi.kriya_regenerasi_perajin",
            "konservasi.musik_royalti",
            "konservasi.seni_pertunjukan_maestro",
            "konsumsi.literasi",
            "konsumsi.seni_rupa_seni_publik",
            "kreasi.kuliner_ikon_resep",
        ]
    );
}

#[test]
fn next_steps_stay_within_what_a_kabupaten_or_kota_controls() {
    // Issue 14: a next step must be one the region can start within a budget year with
    // its own instrument. These wordings named steps it cannot take.
    let outside: &[(&str, &str)] = &[
        ("PMK3I dan uji petik", "finishing PMK3I is not a step inside PMK3I"),
        ("DAK", "DAK is not a ready source for creative facilities"),
        (
            "membayar royalti",
            "royalties are collected by LMKN; the Pemda cannot make anyone pay them",
        ),
        ("surat edaran", "a circular letter cannot oblige anyone"),
        (
            "penindakan",
            "copyright enforcement is complaint-based; the Pemda can only refer",
        ),
    ];
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        for i in f.pillars.iter().flat_map(|p| &p.indicators) {
            for l in &i.levels {
                let Some(next) = l.next.as_ref().and_then(|n| written(n, "id")) else {
                    continue;
                };
                for (words, why) in outside {
                    if next.contains(words) {
                        offenders.push(format!("{name}: {} level {}: \"{words}\" — {why}", i.id, l.value));
                    }
                }
            }
        }
    }
    assert_none(&offenders, "next steps outside the region's reach");
}

#[test]
fn factual_slips_fixed_in_2026_2_do_not_come_back() {
    let slips: &[(&str, &str)] = &[
        ("WBTB", "write WBTb (Warisan Budaya Takbenda)"),
        (
            "izin pengelolaan limbah",
            "now a persetujuan teknis; SPPL is completed with the NIB",
        ),
        ("sensor LSF", "the LSF censorship certificate is not a quality standard"),
        (
            "hak cipta didaftarkan",
            "copyright is recorded (dicatatkan), not registered",
        ),
        (
            "mendaftarkan karya",
            "copyright is recorded (dicatatkan), not registered",
        ),
    ];
    let mut offenders = Vec::new();
    for (name, f) in all_frameworks() {
        for (place, text) in human_texts(&f) {
            let Some(text) = text.and_then(|t| written(t, "id")) else {
                continue;
            };
            for (slip, fix) in slips {
                if text.contains(slip) {
                    offenders.push(format!("{name}: {place}: \"{slip}\" — {fix}"));
                }
            }
        }
    }
    assert_none(&offenders, "factual slips in the bundled frameworks");
}
