//! Frameworks: the model, the validator and where frameworks are loaded from.
//!
//! A framework is one JSON file (format 1, see `docs/frameworks.md`). The bundled
//! `frameworks/pmk3i.json` and `frameworks/uccn-readiness.json` are compiled in; more
//! are read from `<data dir>/frameworks/`, `PMK3I_FRAMEWORKS` and `--framework PATH`.
//! The checkout's `frameworks/` folder is read only when named that way. Each file
//! is parsed once per process.

mod model;
mod validate;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::i18n::Message;

pub use model::{ActorLabel, Band, Framework, Indicator, Labelled, Level, Pillar, ScaleLevel, Scope, Text};
pub use validate::{Location, MAX_FRAMEWORK_BYTES, MAX_PROBLEMS, Problem, parse_framework};

/// The bundled PMK3I framework, compiled into the binary.
pub const BUNDLED_PMK3I: &str = include_str!("../../frameworks/pmk3i.json");
/// The bundled UNESCO Creative Cities readiness framework.
pub const BUNDLED_UCCN: &str = include_str!("../../frameworks/uccn-readiness.json");
/// The framework used for new assessments unless another is chosen.
pub const DEFAULT_FRAMEWORK_ID: &str = "pmk3i";
/// The environment variable naming one more framework file or folder (read like
/// `--framework`, before the `--framework` files).
pub const FRAMEWORKS_ENV: &str = "PMK3I_FRAMEWORKS";
/// Files in a frameworks folder that are not frameworks.
const NOT_FRAMEWORKS: &[&str] = &["schema.json", "released-ids.json"];

/// The bundled frameworks' file names and texts.
pub fn bundled_texts() -> [(&'static str, &'static str); 2] {
    [("pmk3i.json", BUNDLED_PMK3I), ("uccn-readiness.json", BUNDLED_UCCN)]
}

/// Where a loaded framework came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Bundled(&'static str),
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Bundled(name) => write!(f, "bundled:{name}"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A valid framework with the exact text it was read from, so an assessment can keep
/// a snapshot that later edits to the file never change.
#[derive(Clone, Debug)]
pub struct LoadedFramework {
    pub framework: Framework,
    pub raw: String,
    pub hash: String,
    pub origin: Origin,
}

impl LoadedFramework {
    /// Validates `raw` and wraps it; `name` is used in problem messages.
    pub fn from_text(name: &str, raw: &str, origin: Origin) -> Result<LoadedFramework, Vec<Problem>> {
        let framework = parse_framework(name, raw.as_bytes())?;
        Ok(LoadedFramework {
            framework,
            hash: content_hash(raw),
            raw: raw.to_string(),
            origin,
        })
    }
}

/// SHA-256 of a framework's text, hex encoded.
pub fn content_hash(raw: &str) -> String {
    let digest = Sha256::digest(raw.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every framework found, and every problem in the files that were refused.
#[derive(Debug, Default)]
pub struct FrameworkSet {
    pub frameworks: Vec<LoadedFramework>,
    pub problems: Vec<Problem>,
    /// Frameworks hidden because a later source had the same id (origin kept, origin used).
    pub shadowed: Vec<(Origin, Origin)>,
}

impl FrameworkSet {
    pub fn get(&self, id: &str) -> Option<&LoadedFramework> {
        self.frameworks.iter().find(|f| f.framework.id == id)
    }

    /// Adds a framework; a later one with the same id replaces an earlier one.
    fn add(&mut self, loaded: LoadedFramework) {
        match self
            .frameworks
            .iter_mut()
            .find(|f| f.framework.id == loaded.framework.id)
        {
            Some(existing) if existing.hash == loaded.hash => {}
            Some(existing) => {
                self.shadowed.push((existing.origin.clone(), loaded.origin.clone()));
                *existing = loaded;
            }
            None => self.frameworks.push(loaded),
        }
    }

    /// Reads one file and adds it, or records its problems.
    pub fn load_file(&mut self, path: &Path) {
        let name = path.display().to_string();
        match read_capped(path) {
            Ok(bytes) => match parse_framework(&name, &bytes) {
                Ok(framework) => {
                    // parse_framework accepted the bytes, so they are UTF-8.
                    let raw = String::from_utf8_lossy(&bytes).into_owned();
                    self.add(LoadedFramework {
                        framework,
                        hash: content_hash(&raw),
                        raw,
                        origin: Origin::File(path.to_path_buf()),
                    });
                }
                Err(problems) => self.problems.extend(problems),
            },
            Err(message) => self.problems.push(Problem {
                file: name,
                location: Location::File,
                message,
            }),
        }
    }

    /// A folder the user named (`--framework DIR`, `validate DIR`): like
    /// [`FrameworkSet::load_dir`], but a folder without framework files is a problem
    /// that names it, not silence.
    pub fn load_named_dir(&mut self, dir: &Path) {
        let message = match framework_files(dir) {
            Some(files) if !files.is_empty() => {
                for p in files {
                    self.load_file(&p);
                }
                return;
            }
            Some(_) => Message::new(
                "folder ini tidak berisi berkas kerangka (*.json)",
                "this folder holds no framework files (*.json)",
            ),
            None => Message::new(
                "folder ini tidak dapat dibaca: periksa izin aksesnya",
                "cannot read this folder: check its permissions",
            ),
        };
        self.problems.push(Problem {
            file: dir.display().to_string(),
            location: Location::File,
            message,
        });
    }

    /// Reads every `*.json` in a folder (not recursively), in name order. A missing
    /// folder is not a problem: most users never create one.
    pub fn load_dir(&mut self, dir: &Path) {
        let Some(paths) = framework_files(dir) else {
            return;
        };
        for p in paths {
            self.load_file(&p);
        }
    }
}

/// The `*.json` files of a folder that may be frameworks, in name order; `None` when
/// the folder cannot be read.
fn framework_files(dir: &Path) -> Option<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .filter(|p| !p.file_name().is_some_and(|n| NOT_FRAMEWORKS.iter().any(|x| n == *x)))
        .collect();
    paths.sort();
    Some(paths)
}

fn read_capped(path: &Path) -> Result<Vec<u8>, Message> {
    use crate::input_file::{InputError, read_regular};
    read_regular(path, MAX_FRAMEWORK_BYTES as u64).map_err(|e| match e {
        InputError::TooLarge(len) => validate::too_large_message(len),
        other => other.message(),
    })
}

/// The folders and files frameworks are read from, lowest precedence first.
#[derive(Clone, Debug, Default)]
pub struct FrameworkSources {
    pub include_bundled: bool,
    pub dirs: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
}

impl FrameworkSources {
    /// The bundled frameworks, `<data dir>/frameworks/`, the file or folder named by
    /// `PMK3I_FRAMEWORKS`, then explicit files. A checkout's `frameworks/` folder is
    /// never read unless it is named (`--framework frameworks/`): an installed binary
    /// must not pick up whatever folder it was built in.
    pub fn standard(data_dir: Option<&Path>, files: Vec<PathBuf>) -> FrameworkSources {
        let dirs = data_dir.map(|d| vec![d.join("frameworks")]).unwrap_or_default();
        let mut all = Vec::new();
        if let Some(env) = std::env::var_os(FRAMEWORKS_ENV).filter(|v| !v.is_empty()) {
            all.push(PathBuf::from(env));
        }
        all.extend(files);
        FrameworkSources {
            include_bundled: true,
            dirs,
            files: all,
        }
    }

    pub fn load(&self) -> FrameworkSet {
        let mut set = FrameworkSet::default();
        if self.include_bundled {
            for (name, raw) in bundled_texts() {
                match LoadedFramework::from_text(name, raw, Origin::Bundled(name)) {
                    Ok(l) => set.add(l),
                    Err(p) => set.problems.extend(p),
                }
            }
        }
        for d in &self.dirs {
            set.load_dir(d);
        }
        for f in &self.files {
            if f.is_dir() {
                set.load_named_dir(f);
            } else {
                set.load_file(f);
            }
        }
        set
    }
}
