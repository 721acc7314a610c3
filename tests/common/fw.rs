//! Frameworks for tests: the bundled ones as pmk3i loads them, and small ones written
//! out in the framework format and read through the same validator as a file.

use pmk3i::framework::{FrameworkSources, LoadedFramework, Origin};
use serde_json::{Value, json};

/// Every bundled framework, as the app loads them with no folders or files added
/// (each of them valid).
pub fn bundled() -> Vec<LoadedFramework> {
    let set = FrameworkSources {
        include_bundled: true,
        dirs: vec![],
        files: vec![],
    }
    .load();
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    set.frameworks
}

/// The bundled framework `id`.
pub fn bundled_framework(id: &str) -> LoadedFramework {
    match bundled().into_iter().find(|f| f.framework.id == id) {
        Some(f) => f,
        None => panic!("no bundled framework {id}"),
    }
}

/// The bundled PMK3I framework.
pub fn bundled_pmk3i() -> LoadedFramework {
    bundled_framework("pmk3i")
}

/// A framework document read as the file `name` would be; panics with the problems
/// when the test's own framework is invalid.
pub fn load(name: &'static str, doc: &Value) -> LoadedFramework {
    match LoadedFramework::from_text(name, &doc.to_string(), Origin::Bundled(name)) {
        Ok(f) => f,
        Err(problems) => panic!("the test framework {name} is invalid: {problems:?}"),
    }
}

/// A rubric of levels 0..4, each described "Tingkat N" (no next steps).
pub fn tingkat_levels() -> Value {
    (0..=4)
        .map(|v| json!({"value": v, "description": {"id": format!("Tingkat {v}")}}))
        .collect()
}

/// A rubric of levels 0..4 — Belum ada, Rintisan, Berkembang, Mapan, Unggul — each
/// below the top with its next step (Mulai, Kembangkan, Rutinkan, Jadikan rujukan).
pub fn rubric() -> Value {
    json!([
        {"value": 0, "description": {"id": "Belum ada"}, "next": {"id": "Mulai"}},
        {"value": 1, "description": {"id": "Rintisan"}, "next": {"id": "Kembangkan"}},
        {"value": 2, "description": {"id": "Berkembang"}, "next": {"id": "Rutinkan"}},
        {"value": 3, "description": {"id": "Mapan"}, "next": {"id": "Jadikan rujukan"}},
        {"value": 4, "description": {"id": "Unggul"}}
    ])
}

/// The scale 0..4 with the bundled framework's level names (Belum ada … Unggul).
pub fn named_scale() -> Value {
    json!([
        {"value": 0, "label": {"id": "Belum ada"}},
        {"value": 1, "label": {"id": "Rintisan"}},
        {"value": 2, "label": {"id": "Berkembang"}},
        {"value": 3, "label": {"id": "Mapan"}},
        {"value": 4, "label": {"id": "Unggul"}}
    ])
}

/// The five helix actor groups.
pub const HELIX: [&str; 5] = ["A", "B", "C", "G", "M"];

/// The scale 0..4 labelled with its own numbers.
pub fn numbered_scale() -> Value {
    (0..=4)
        .map(|v| json!({"value": v, "label": {"id": v.to_string()}}))
        .collect()
}

/// Bands from `(min, label)` pairs, labelled in Indonesian only.
pub fn bands(bands: &[(u32, &str)]) -> Value {
    bands
        .iter()
        .map(|(min, label)| json!({"min": min, "label": {"id": label}}))
        .collect()
}

/// The four bands of the bundled framework: Rintisan, Berkembang (40), Mapan (60),
/// Unggul (80).
pub fn four_bands() -> Value {
    bands(&[(0, "Rintisan"), (40, "Berkembang"), (60, "Mapan"), (80, "Unggul")])
}

/// Helix actors by id (A, B, C, G, M), with their Indonesian labels.
pub fn actors(ids: &[&str]) -> Value {
    ids.iter()
        .map(|id| {
            let label = match *id {
                "A" => "Akademisi",
                "B" => "Bisnis",
                "C" => "Komunitas",
                "G" => "Pemerintah",
                "M" => "Media",
                other => panic!("{other} is not a helix actor"),
            };
            json!({"id": id, "label": {"id": label}})
        })
        .collect()
}

/// Subsectors by id, each labelled with its id capitalised ("kuliner" → "Kuliner").
pub fn subsectors(ids: &[&str]) -> Value {
    ids.iter()
        .map(|id| {
            let mut label: Vec<char> = id.chars().collect();
            if let Some(first) = label.first_mut() {
                *first = first.to_ascii_uppercase();
            }
            json!({"id": id, "label": {"id": label.into_iter().collect::<String>()}})
        })
        .collect()
}

/// An indicator with Indonesian text `text` and the "Tingkat N" rubric.
pub fn indicator(id: &str, text: &str) -> Value {
    json!({"id": id, "text": {"id": text}, "levels": tingkat_levels()})
}

/// A framework "uji" (title "Kerangka uji") on the numbered 0..4 scale.
pub fn uji(version: &str, bands: Value, actors: Value, subsectors: Value, pillars: Value) -> LoadedFramework {
    load(
        "uji.json",
        &json!({
            "format": 1, "id": "uji", "version": version, "title": {"id": "Kerangka uji"},
            "scale": numbered_scale(),
            "bands": bands,
            "actors": actors,
            "subsectors": subsectors,
            "pillars": pillars
        }),
    )
}
