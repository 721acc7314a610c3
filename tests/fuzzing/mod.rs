//! What the fuzzer (`benches/fuzz.rs`) and the replay test (`tests/fuzz_replay.rs`)
//! share: the two targets and where their inputs live. A target takes any bytes; it
//! must return (accept or refuse) and never panic.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use pmk3i::exchange::{Duplicate, import_json};
use pmk3i::framework::parse_framework;
use pmk3i::store::Store;

/// The two things a stranger's file reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The framework loader and validator (`pmk3i validate`, `--framework`).
    Loader,
    /// The importer (`pmk3i import`), into an in-memory database.
    Import,
}

impl Target {
    pub fn parse(name: &str) -> Option<Target> {
        match name {
            "loader" => Some(Target::Loader),
            "import" => Some(Target::Import),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Target::Loader => "loader",
            Target::Import => "import",
        }
    }

    /// Runs the target on `bytes`; the result does not matter, only that it returns.
    pub fn run(self, bytes: &[u8]) {
        match self {
            Target::Loader => {
                let _ = parse_framework("fuzz.json", bytes).map(|f| f.indicator_count());
            }
            Target::Import => {
                let Ok(mut store) = Store::open_in_memory() else {
                    return;
                };
                if let Ok(id) = import_json(&mut store, "fuzz.json", bytes, Duplicate::Refuse) {
                    // An accepted document must also export.
                    let _ = pmk3i::exchange::export_json(&store, id);
                }
            }
        }
    }

    /// Inputs kept for this target: the seed corpus and every input that ever crashed
    /// it (replayed by `cargo test`).
    pub fn kept_inputs(self) -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
        let mut files: Vec<PathBuf> = ["corpus", "crashes"]
            .iter()
            .flat_map(|kind| {
                std::fs::read_dir(root.join(kind).join(self.name()))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
            })
            .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        files.sort();
        files
    }

    /// The starting points of a run: the kept inputs, and for the loader the bundled
    /// frameworks and the broken ones of `tests/data`.
    pub fn seeds(self) -> Vec<Vec<u8>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = self.kept_inputs();
        if self == Target::Loader {
            for dir in ["tests/data/bad-frameworks", "tests/data/good-frameworks"] {
                if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
                    paths.extend(
                        entries
                            .flatten()
                            .map(|e| e.path())
                            .filter(|p| p.extension().is_some_and(|x| x == "json")),
                    );
                }
            }
        }
        paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    }

    /// Where an input that crashed the target is kept.
    pub fn crash_dir(self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/fuzz/crashes")
            .join(self.name())
    }
}
