//! Turns framework text into a [`Framework`], or into every problem found in it.
//!
//! Authors edit these files by hand, so the checks walk the raw JSON value and keep
//! going after the first mistake: one run lists every problem (up to a cap), each
//! with the JSON path where it is. A framework with any problem is never returned.
//! Every message is kept in Indonesian and English; the caller shows one.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde_json::{Map, Value};

use super::model::Framework;
use crate::i18n::{Lang, Message};

/// The most problems listed for one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;
/// Frameworks larger than this are refused before parsing.
pub const MAX_FRAMEWORK_BYTES: usize = 4 * 1024 * 1024;

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The whole file.
    File,
    /// A JSON syntax error at line:column (1-based).
    LineColumn(usize, usize),
    /// A JSON path such as `pillars[2].indicators[0].levels`.
    Path(String),
}

/// One problem in one framework file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub location: Location,
    pub message: Message,
}

impl Problem {
    /// One line for the author: the file, the line:column or JSON path, and the message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let message = self.message.get(lang);
        match &self.location {
            Location::File => format!("{}: {message}", self.file),
            Location::LineColumn(l, c) => format!("{}:{l}:{c}: {message}", self.file),
            Location::Path(p) if p.is_empty() => format!("{}: {message}", self.file),
            Location::Path(p) => format!("{}: {p}: {message}", self.file),
        }
    }
}

/// In Indonesian, the default language; [`Problem::render`] gives either.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

/// Parses and validates framework text. `file` names the file in messages.
pub fn parse_framework(file: &str, bytes: &[u8]) -> Result<Framework, Vec<Problem>> {
    let whole = |message: Message| {
        vec![Problem {
            file: file.to_string(),
            location: Location::File,
            message,
        }]
    };
    if bytes.len() > MAX_FRAMEWORK_BYTES {
        return Err(whole(too_large_message(bytes.len() as u64)));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // Point at the bad byte the way an editor counts, so the author can find it.
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            return Err(vec![Problem {
                file: file.to_string(),
                location: Location::LineColumn(line, column),
                message: Message::new(
                    "berkas bukan teks UTF-8 (kemungkinan disimpan dengan pengodean lain, misalnya Windows-1252): simpan ulang sebagai UTF-8",
                    "file is not UTF-8 text (it was probably saved in another encoding, such as Windows-1252): save it as UTF-8",
                ),
            }]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(whole(Message::new(
            "berkas kosong: kerangka ditulis sebagai satu objek JSON {…} (lihat docs/frameworks.md)",
            "the file is empty: a framework is one JSON object {…} (see docs/frameworks.md)",
        )));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Err(vec![Problem {
                file: file.to_string(),
                // serde_json says column 0 at the very start of a line; editors count from 1.
                location: Location::LineColumn(e.line(), e.column().max(1)),
                message: syntax_message(&e),
            }]);
        }
    };
    if let Some(duplicate) = duplicate_key(file, text) {
        return Err(vec![duplicate]);
    }
    let mut checker = Checker {
        file,
        problems: Vec::new(),
        hidden: 0,
    };
    checker.framework(&value);
    checker.weight_sums(&value);
    if checker.problems.is_empty() {
        return serde_json::from_value(value).map_err(|e| {
            whole(Message::new(
                format!("kerangka tidak dapat dibaca: {e}"),
                format!("cannot read framework: {e}"),
            ))
        });
    }
    if checker.hidden > 0 {
        let hidden = checker.hidden;
        checker.problems.push(Problem {
            file: file.to_string(),
            location: Location::File,
            message: Message::new(
                format!("… dan {hidden} masalah lain tidak ditampilkan; perbaiki masalah di atas, lalu jalankan validasi lagi"),
                format!("… and {hidden} more problems not listed; fix the ones above and validate again"),
            ),
        });
    }
    Err(checker.problems)
}

/// The message for a framework file of `len` bytes, over [`MAX_FRAMEWORK_BYTES`].
pub(crate) fn too_large_message(len: u64) -> Message {
    const MB: f64 = 1024.0 * 1024.0;
    let (size, cap) = (len as f64 / MB, MAX_FRAMEWORK_BYTES / (1024 * 1024));
    Message::new(
        format!(
            "berkas terlalu besar ({size:.1} MB; ukuran kerangka paling besar {cap} MB): pecah berkas ini atau hapus isi yang bukan bagian kerangka"
        ),
        format!(
            "file is too large ({size:.1} MB; a framework may be at most {cap} MB): split it or remove what is not framework content"
        ),
    )
}

/// serde_json's own description stays in English in both languages (it has no
/// translation); the lead and the hint around it are translated.
fn syntax_message(e: &serde_json::Error) -> Message {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the location is printed separately.
    let core = full.split(" at line ").next().unwrap_or(&full);
    let (hint_id, hint_en) = match e.classify() {
        serde_json::error::Category::Eof => (
            "berkas berakhir terlalu cepat: periksa apakah ada } atau ] penutup yang terlewat",
            "the file ends too early: check for a missing closing } or ]",
        ),
        serde_json::error::Category::Data => ("periksa jenis nilainya", "check the value's type"),
        _ if core.contains("recursion limit") => (
            "JSON ini bersarang terlalu dalam untuk sebuah kerangka",
            "the JSON is nested far too deeply for a framework",
        ),
        _ if core.contains("out of range") => ("gunakan angka biasa yang terhingga", "use an ordinary finite number"),
        _ => (
            "periksa apakah ada koma, tanda kutip, titik dua, atau kurung yang terlewat tepat sebelum tempat ini",
            "check for a missing comma, quote, colon or bracket just before this place",
        ),
    };
    Message::new(
        format!("kesalahan sintaks JSON: {core}; {hint_id}"),
        format!("JSON syntax error: {core}; {hint_en}"),
    )
}

struct Checker<'a> {
    file: &'a str,
    problems: Vec<Problem>,
    hidden: usize,
}

/// Indices that later checks need: declared actor and subsector ids, scale values.
struct Declared {
    actors: BTreeSet<String>,
    subsectors: BTreeSet<String>,
    scale: Option<Vec<i64>>,
}

fn is_slug(s: &str, extra: &[char]) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' || extra.contains(&c))
}

/// The JSON type of a value, as the messages name it.
fn type_name(v: &Value, lang: Lang) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => lang.pick("sebuah boolean", "a boolean"),
        Value::Number(_) => lang.pick("sebuah angka", "a number"),
        Value::String(_) => lang.pick("sebuah string", "a string"),
        Value::Array(_) => lang.pick("sebuah larik […]", "an array"),
        Value::Object(_) => lang.pick("sebuah objek {…}", "an object"),
    }
}

impl Checker<'_> {
    /// Records a problem at `path`, worded in Indonesian (`id`) and English (`en`).
    fn problem(&mut self, path: &str, id: impl Into<String>, en: impl Into<String>) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.hidden += 1;
            return;
        }
        self.problems.push(Problem {
            file: self.file.to_string(),
            location: Location::Path(path.to_string()),
            message: Message::new(id, en),
        });
    }

    /// `what` names the expected thing in Indonesian and English.
    fn object<'v>(&mut self, path: &str, v: &'v Value, what: (&str, &str)) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.problem(
                    path,
                    format!(
                        "{} harus berupa objek {{…}}, tetapi yang tertulis {}",
                        what.0,
                        type_name(other, Lang::Id)
                    ),
                    format!(
                        "{} must be an object {{…}}, found {}",
                        what.1,
                        type_name(other, Lang::En)
                    ),
                );
                None
            }
        }
    }

    fn unknown_fields(&mut self, path: &str, m: &Map<String, Value>, allowed: &[&str]) {
        for key in m.keys() {
            if !allowed.contains(&key.as_str()) {
                let allowed = allowed.join(", ");
                self.problem(
                    &join(path, key),
                    format!("kolom \"{key}\" tidak dikenal (yang boleh di sini: {allowed}); periksa ejaannya"),
                    format!("unknown field \"{key}\" (allowed here: {allowed}); check the spelling"),
                );
            }
        }
    }

    fn required<'v>(&mut self, path: &str, m: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
        let v = m.get(key);
        if v.is_none() {
            self.missing(path, key);
        }
        v
    }

    fn missing(&mut self, path: &str, key: &str) {
        self.problem(
            path,
            format!("kolom wajib \"{key}\" belum ada"),
            format!("missing required field \"{key}\""),
        );
    }

    fn slug(&mut self, path: &str, v: &Value, extra: &[char]) -> Option<String> {
        match v.as_str() {
            Some(s) if is_slug(s, extra) => Some(s.to_string()),
            Some(s) => {
                let (allowed_id, allowed_en) = if extra.is_empty() {
                    ("a-z, angka 0-9, _ dan -", "a-z, 0-9, _ and -")
                } else {
                    ("a-z, angka 0-9, _, - dan .", "a-z, 0-9, _, - and .")
                };
                self.problem(
                    path,
                    format!("id \"{s}\" hanya boleh memakai huruf kecil {allowed_id}"),
                    format!("id \"{s}\" may only use lower-case {allowed_en}"),
                );
                None
            }
            None => {
                self.problem(
                    path,
                    format!(
                        "id harus berupa string, tetapi yang tertulis {}",
                        type_name(v, Lang::Id)
                    ),
                    format!("id must be a string, found {}", type_name(v, Lang::En)),
                );
                None
            }
        }
    }

    /// A `{lang: text}` map with a non-empty Indonesian ("id") entry.
    fn text(&mut self, path: &str, v: &Value) {
        let Some(m) = self.object(path, v, ("teks", "a text")) else {
            return;
        };
        match m.get("id") {
            None => self.problem(
                path,
                "teks bahasa Indonesia belum ada: tambahkan entri \"id\", mis. {\"id\": \"…\", \"en\": \"…\"}",
                "missing Indonesian text: add an \"id\" entry, e.g. {\"id\": \"…\", \"en\": \"…\"}",
            ),
            Some(Value::String(s)) if s.trim().is_empty() => self.problem(
                &join(path, "id"),
                "teks bahasa Indonesia masih kosong",
                "the Indonesian text is empty",
            ),
            _ => {}
        }
        for (lang, t) in m {
            let p = join(path, lang);
            let valid_code = (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase());
            if !valid_code {
                self.problem(
                    &p,
                    format!("\"{lang}\" bukan kode bahasa; gunakan dua atau tiga huruf kecil seperti \"id\" atau \"en\""),
                    format!("\"{lang}\" is not a language code; use two or three lower-case letters such as \"id\" or \"en\""),
                );
            } else if !t.is_string() {
                self.problem(
                    &p,
                    format!(
                        "terjemahan harus berupa string, tetapi yang tertulis {}",
                        type_name(t, Lang::Id)
                    ),
                    format!("a translation must be a string, found {}", type_name(t, Lang::En)),
                );
            }
        }
    }

    fn optional_text(&mut self, path: &str, m: &Map<String, Value>, key: &str) {
        if let Some(v) = m.get(key) {
            self.text(&join(path, key), v);
        }
    }

    fn weight(&mut self, path: &str, m: &Map<String, Value>) {
        if let Some(v) = m.get("weight") {
            let p = join(path, "weight");
            match v.as_f64() {
                Some(w) if w.is_finite() && w > 0.0 => {}
                Some(w) => self.problem(
                    &p,
                    format!("bobot harus berupa angka positif, tetapi yang tertulis {w}"),
                    format!("weight must be a positive number, found {w}"),
                ),
                None => self.problem(
                    &p,
                    format!(
                        "bobot harus berupa angka positif, tetapi yang tertulis {}",
                        type_name(v, Lang::Id)
                    ),
                    format!("weight must be a positive number, found {}", type_name(v, Lang::En)),
                ),
            }
        }
    }

    /// `what` names the expected list in Indonesian and English.
    fn array<'v>(&mut self, path: &str, v: &'v Value, what: (&str, &str)) -> Option<&'v Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            other => {
                self.problem(
                    path,
                    format!(
                        "{} harus berupa larik […], tetapi yang tertulis {}",
                        what.0,
                        type_name(other, Lang::Id)
                    ),
                    format!("{} must be an array […], found {}", what.1, type_name(other, Lang::En)),
                );
                None
            }
        }
    }

    fn framework(&mut self, v: &Value) {
        let Some(root) = self.object("", v, ("kerangka", "the framework")) else {
            return;
        };
        self.unknown_fields(
            "",
            root,
            &[
                "$schema",
                "format",
                "id",
                "version",
                "title",
                "description",
                "source",
                "scale",
                "bands",
                "actors",
                "subsectors",
                "uccn_fields",
                "pillars",
            ],
        );
        match self.required("", root, "format") {
            Some(Value::Number(n)) if n.as_u64() == Some(1) => {}
            Some(other) => {
                self.problem(
                    "format",
                    format!("format {other} tidak didukung; pmk3i versi ini membaca format 1"),
                    format!("unsupported format {other}; this version of pmk3i reads format 1"),
                );
                // Nothing else can be checked meaningfully against an unknown format.
                return;
            }
            None => {}
        }
        if let Some(id) = self.required("", root, "id") {
            self.slug("id", id, &[]);
        }
        match self.required("", root, "version") {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(other) => self.problem(
                "version",
                format!("versi harus berupa string yang tidak kosong, mis. \"2026.1\", tetapi yang tertulis {other}"),
                format!("version must be a non-empty string such as \"2026.1\", found {other}"),
            ),
            None => {}
        }
        if let Some(t) = self.required("", root, "title") {
            self.text("title", t);
        }
        self.optional_text("", root, "description");
        self.optional_text("", root, "source");

        let scale = root.get("scale").map(|s| self.scale(s));
        if scale.is_none() {
            self.missing("", "scale");
        }
        match root.get("bands") {
            Some(b) => self.bands(b),
            None => self.missing("", "bands"),
        }
        let actors = self.labelled_list(root, "actors", "aktor");
        self.helix_actors(root);
        let subsectors = self.labelled_list(root, "subsectors", "subsektor");
        let declared = Declared {
            actors,
            subsectors,
            scale: scale.flatten(),
        };
        if let Some(v) = root.get("uccn_fields") {
            self.uccn_fields(v, &declared.subsectors);
        }
        match root.get("pillars") {
            Some(p) => self.pillars(p, &declared),
            None => self.missing("", "pillars"),
        }
    }

    /// Returns the scale values when the scale itself is valid.
    fn scale(&mut self, v: &Value) -> Option<Vec<i64>> {
        let items = self.array("scale", v, ("skala", "scale"))?;
        if items.len() < 2 {
            self.problem(
                "scale",
                "skala memerlukan sedikitnya dua tingkat",
                "the scale needs at least two levels",
            );
            return None;
        }
        let mut values = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = format!("scale[{i}]");
            let Some(m) = self.object(&p, item, ("tingkat skala", "a scale level")) else {
                ok = false;
                continue;
            };
            self.unknown_fields(&p, m, &["value", "label"]);
            match self.required(&p, m, "value").map(|v| (v, v.as_i64())) {
                Some((_, Some(n))) => values.push(n),
                Some((v, None)) => {
                    self.not_whole_number(&join(&p, "value"), v);
                    ok = false;
                }
                None => ok = false,
            }
            if let Some(l) = self.required(&p, m, "label") {
                self.text(&join(&p, "label"), l);
            }
        }
        if ok && values.windows(2).any(|w| w[0] >= w[1]) {
            self.problem(
                "scale",
                format!("nilai skala harus urut naik tanpa ada yang sama, tetapi yang tertulis {values:?}"),
                format!("scale values must be strictly ascending, found {values:?}"),
            );
            return None;
        }
        // Next steps and targets move one level at a time, so the scale has no gaps;
        // the bound keeps every computation on it far from overflow.
        if ok && values.windows(2).any(|w| w[1].checked_sub(w[0]) != Some(1)) {
            self.problem(
                "scale",
                format!(
                    "nilai skala harus bilangan bulat berurutan (mis. 0, 1, 2, 3, 4), tetapi yang tertulis {values:?}"
                ),
                format!("scale values must be consecutive whole numbers (e.g. 0, 1, 2, 3, 4), found {values:?}"),
            );
            return None;
        }
        if ok && values.iter().any(|v| v.abs() > 1000) {
            self.problem(
                "scale",
                format!("nilai skala harus antara -1000 dan 1000, tetapi yang tertulis {values:?}"),
                format!("scale values must lie between -1000 and 1000, found {values:?}"),
            );
            return None;
        }
        ok.then_some(values)
    }

    fn bands(&mut self, v: &Value) {
        let Some(items) = self.array("bands", v, ("daftar kategori", "bands")) else {
            return;
        };
        if items.is_empty() {
            self.problem(
                "bands",
                "diperlukan sedikitnya satu kategori, dimulai dari \"min\": 0",
                "at least one band is needed, starting at \"min\": 0",
            );
            return;
        }
        let mut previous: Option<f64> = None;
        for (i, item) in items.iter().enumerate() {
            let p = format!("bands[{i}]");
            let Some(m) = self.object(&p, item, ("kategori", "a band")) else {
                continue;
            };
            self.unknown_fields(&p, m, &["min", "label", "description"]);
            if let Some(min) = self.required(&p, m, "min") {
                match min.as_f64() {
                    Some(x) if (0.0..=100.0).contains(&x) => {
                        if i == 0 && x != 0.0 {
                            self.problem(
                                &join(&p, "min"),
                                format!("kategori pertama harus dimulai dari 0, tetapi yang tertulis {x}"),
                                format!("the first band must start at 0, found {x}"),
                            );
                        }
                        if let Some(prev) = previous
                            && x <= prev
                        {
                            self.problem(
                                &join(&p, "min"),
                                format!("kategori harus urut naik menurut \"min\": {x} tidak lebih besar dari {prev}"),
                                format!("bands must be in ascending order of \"min\": {x} does not come after {prev}"),
                            );
                        }
                        previous = Some(x);
                    }
                    _ => self.problem(
                        &join(&p, "min"),
                        format!("min harus berupa angka dari 0 sampai 100, tetapi yang tertulis {min}"),
                        format!("min must be a number from 0 to 100, found {min}"),
                    ),
                }
            }
            if let Some(l) = self.required(&p, m, "label") {
                self.text(&join(&p, "label"), l);
            }
            self.optional_text(&p, m, "description");
        }
    }

    /// `actors` or `subsectors`; `noun_id` is the Indonesian word for one entry.
    fn labelled_list(&mut self, root: &Map<String, Value>, key: &str, noun_id: &str) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        let Some(v) = self.required("", root, key) else {
            return ids;
        };
        let list_id = format!("daftar {noun_id}");
        let Some(items) = self.array(key, v, (&list_id, key)) else {
            return ids;
        };
        for (i, item) in items.iter().enumerate() {
            let p = format!("{key}[{i}]");
            let Some(m) = self.object(&p, item, ("entri", "an entry")) else {
                continue;
            };
            self.unknown_fields(&p, m, &["id", "label"]);
            if let Some(id) = self.required(&p, m, "id") {
                match id.as_str() {
                    Some(s)
                        if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
                    {
                        if !ids.insert(s.to_string()) {
                            self.problem(
                                &join(&p, "id"),
                                format!("id \"{s}\" muncul dua kali di {list_id}"),
                                format!("duplicate id \"{s}\" in {key}"),
                            );
                        }
                    }
                    _ => self.problem(
                        &join(&p, "id"),
                        format!("id harus berupa string berisi huruf, angka, _ atau -, tetapi yang tertulis {id}"),
                        format!("id must be a string of letters, digits, _ or -, found {id}"),
                    ),
                }
            }
            if let Some(l) = self.required(&p, m, "label") {
                self.text(&join(&p, "label"), l);
            }
        }
        ids
    }

    /// Every entry of `actors` is one of the helix groups (`crate::actor::Actor`): the
    /// store, the scores and the forms know no other.
    fn helix_actors(&mut self, root: &Map<String, Value>) {
        use crate::actor::Actor;
        let Some(items) = root.get("actors").and_then(Value::as_array) else {
            return;
        };
        let groups = Actor::ids(&Actor::HELIX);
        for (i, item) in items.iter().enumerate() {
            let Some(id) = item.get("id").and_then(Value::as_str) else {
                continue;
            };
            let path = format!("actors[{i}].id");
            match Actor::parse(id) {
                Some(a) if a.is_helix() => {}
                Some(_) => self.problem(
                    &path,
                    format!(
                        "\"{id}\" adalah peran asesor (uji petik), bukan kelompok heliks; hapus entri ini (kelompok heliks: {groups})"
                    ),
                    format!(
                        "\"{id}\" is the assessor role (uji petik), not a helix group; remove this entry (helix groups: {groups})"
                    ),
                ),
                None => {
                    let hint = match Actor::parse_typed(id) {
                        Some(a) => format!(" — maksudnya \"{a}\"?"),
                        None => String::new(),
                    };
                    let hint_en = match Actor::parse_typed(id) {
                        Some(a) => format!(" — did you mean \"{a}\"?"),
                        None => String::new(),
                    };
                    self.problem(
                        &path,
                        format!("aktor \"{id}\" bukan kelompok heliks; tulis salah satu dari {groups}{hint}"),
                        format!("actor \"{id}\" is not a helix group; write one of {groups}{hint_en}"),
                    )
                }
            }
        }
    }

    fn pillars(&mut self, v: &Value, declared: &Declared) {
        let Some(items) = self.array("pillars", v, ("daftar pilar", "pillars")) else {
            return;
        };
        if items.is_empty() {
            self.problem(
                "pillars",
                "kerangka memerlukan sedikitnya satu pilar",
                "a framework needs at least one pillar",
            );
        }
        let mut pillar_ids: HashMap<String, String> = HashMap::new();
        let mut indicator_ids: HashMap<String, String> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("pillars[{i}]");
            let Some(m) = self.object(&p, item, ("pilar", "a pillar")) else {
                continue;
            };
            self.unknown_fields(&p, m, &["id", "title", "description", "weight", "scope", "indicators"]);
            if let Some(id) = self.required(&p, m, "id")
                && let Some(id) = self.slug(&join(&p, "id"), id, &['.'])
                && let Some(first) = pillar_ids.insert(id.clone(), p.clone())
            {
                self.problem(
                    &join(&p, "id"),
                    format!("id pilar \"{id}\" ganda (sudah dipakai di {first})"),
                    format!("duplicate pillar id \"{id}\" (first used at {first})"),
                );
            }
            if let Some(t) = self.required(&p, m, "title") {
                self.text(&join(&p, "title"), t);
            }
            self.optional_text(&p, m, "description");
            self.weight(&p, m);
            // `None` when the scope is misspelled: its indicators' `subsectors` cannot be judged.
            let subsector_scoped = match m.get("scope") {
                None => Some(false),
                Some(Value::String(s)) if s == "region" => Some(false),
                Some(Value::String(s)) if s == "subsector" => Some(true),
                Some(other) => {
                    self.problem(
                        &join(&p, "scope"),
                        format!("scope harus \"region\" atau \"subsector\", tetapi yang tertulis {other}"),
                        format!("scope must be \"region\" or \"subsector\", found {other}"),
                    );
                    None
                }
            };
            let Some(inds) = self.required(&p, m, "indicators") else {
                continue;
            };
            let ip = join(&p, "indicators");
            let Some(inds) = self.array(&ip, inds, ("daftar indikator", "indicators")) else {
                continue;
            };
            if inds.is_empty() {
                self.problem(
                    &ip,
                    "pilar ini belum memiliki indikator: tambahkan sedikitnya satu indikator atau hapus pilar ini",
                    "the pillar has no indicators: add at least one or remove the pillar",
                );
            }
            for (j, ind) in inds.iter().enumerate() {
                let q = format!("{ip}[{j}]");
                self.indicator(&q, ind, subsector_scoped, declared, &mut indicator_ids);
            }
        }
    }

    fn indicator(
        &mut self,
        p: &str,
        v: &Value,
        subsector_scoped: Option<bool>,
        declared: &Declared,
        indicator_ids: &mut HashMap<String, String>,
    ) {
        let Some(m) = self.object(p, v, ("indikator", "an indicator")) else {
            return;
        };
        self.unknown_fields(
            p,
            m,
            &[
                "id",
                "text",
                "help",
                "evidence",
                "weight",
                "subsectors",
                "lead",
                "allow_na",
                "quick",
                "levels",
            ],
        );
        if let Some(id) = self.required(p, m, "id")
            && let Some(id) = self.slug(&join(p, "id"), id, &['.'])
            && let Some(first) = indicator_ids.insert(id.clone(), p.to_string())
        {
            self.problem(
                &join(p, "id"),
                format!("id indikator \"{id}\" ganda (sudah dipakai di {first})"),
                format!("duplicate indicator id \"{id}\" (first used at {first})"),
            );
        }
        if let Some(t) = self.required(p, m, "text") {
            self.text(&join(p, "text"), t);
        }
        self.optional_text(p, m, "help");
        self.optional_text(p, m, "evidence");
        self.weight(p, m);
        if let Some(v) = m.get("allow_na")
            && !v.is_boolean()
        {
            self.problem(
                &join(p, "allow_na"),
                format!("allow_na harus true atau false, tetapi yang tertulis {v}"),
                format!("allow_na must be true or false, found {v}"),
            );
        }
        if let Some(v) = m.get("quick")
            && !v.is_boolean()
        {
            self.problem(
                &join(p, "quick"),
                format!("quick harus true atau false, tetapi yang tertulis {v}"),
                format!("quick must be true or false, found {v}"),
            );
        }
        if let Some(v) = m.get("subsectors") {
            let sp = join(p, "subsectors");
            if subsector_scoped == Some(false) {
                self.problem(
                    &sp,
                    "\"subsectors\" hanya boleh ada di pilar dengan \"scope\": \"subsector\"; hapus kolom ini atau ubah scope pilarnya",
                    "\"subsectors\" is only allowed in a pillar with \"scope\": \"subsector\"; remove it or change the pillar's scope",
                );
            }
            self.id_list(&sp, v, &declared.subsectors, ("subsektor", "subsector"));
        }
        if let Some(v) = m.get("lead") {
            self.id_list(&join(p, "lead"), v, &declared.actors, ("aktor", "actor"));
        }
        if let Some(levels) = self.required(p, m, "levels") {
            self.levels(&join(p, "levels"), levels, declared.scale.as_deref());
        }
    }

    /// `uccn_fields`: PMK3I subsector id → one of this file's declared subsectors (the
    /// UCCN fields). Keys must be well-formed subsector ids; values must be declared.
    fn uccn_fields(&mut self, v: &Value, fields: &BTreeSet<String>) {
        let Some(map) = self.object("uccn_fields", v, ("uccn_fields", "uccn_fields")) else {
            return;
        };
        for (key, value) in map {
            let path = format!("uccn_fields.{key}");
            if !is_slug(key, &[]) {
                self.problem(
                    &path,
                    format!(
                        "\"{key}\" bukan id subsektor PMK3I yang sah (huruf kecil, angka, _ atau -), mis. \"kuliner\""
                    ),
                    format!("\"{key}\" is not a valid PMK3I subsector id (lowercase letters, digits, _ or -), e.g. \"kuliner\""),
                );
            }
            match value.as_str() {
                Some(s) if fields.contains(s) => {}
                Some(s) => {
                    let list = fields.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
                    self.problem(
                        &path,
                        format!(
                            "bidang \"{s}\" tidak dikenal; tulis salah satu id di \"subsectors\" berkas ini: {list}"
                        ),
                        format!("unknown field \"{s}\"; write one of the ids in this file's \"subsectors\": {list}"),
                    );
                }
                None => self.problem(
                    &path,
                    format!(
                        "seharusnya berupa id bidang (string), tetapi yang tertulis {}",
                        type_name(value, Lang::Id)
                    ),
                    format!("expected a field id string, found {}", type_name(value, Lang::En)),
                ),
            }
        }
    }

    /// A list of `known` ids; `what` names one in Indonesian and English ("aktor", "actor").
    fn id_list(&mut self, path: &str, v: &Value, known: &BTreeSet<String>, what: (&str, &str)) {
        let Some(items) = self.array(path, v, ("daftar ini", "this list")) else {
            return;
        };
        if what.1 == "subsector" && items.is_empty() {
            self.problem(
                path,
                "daftar subsectors yang kosong tidak akan pernah ditanyakan; hapus kolom ini agar indikator ditanyakan untuk setiap subsektor kandidat",
                "an empty subsectors list would never be asked; remove the field to ask for every candidate",
            );
        }
        for (k, item) in items.iter().enumerate() {
            let ep = format!("{path}[{k}]");
            match item.as_str() {
                Some(s) if known.contains(s) => {}
                Some(s) => {
                    let list = known.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
                    self.problem(
                        &ep,
                        format!("{} \"{s}\" tidak dikenal; yang terdaftar: {list}", what.0),
                        format!("unknown {} \"{s}\"; declared: {list}", what.1),
                    );
                }
                None => self.problem(
                    &ep,
                    format!(
                        "seharusnya berupa id {} (string), tetapi yang tertulis {}",
                        what.0,
                        type_name(item, Lang::Id)
                    ),
                    format!("expected a {} id string, found {}", what.1, type_name(item, Lang::En)),
                ),
            }
        }
    }

    fn not_whole_number(&mut self, path: &str, v: &Value) {
        self.problem(
            path,
            format!("nilai harus berupa bilangan bulat, tetapi yang tertulis {v}"),
            format!("value must be a whole number, found {v}"),
        );
    }

    fn levels(&mut self, path: &str, v: &Value, scale: Option<&[i64]>) {
        let Some(items) = self.array(path, v, ("daftar level", "levels")) else {
            return;
        };
        let mut values = Vec::new();
        for (k, item) in items.iter().enumerate() {
            let lp = format!("{path}[{k}]");
            let Some(m) = self.object(&lp, item, ("level", "a level")) else {
                continue;
            };
            self.unknown_fields(&lp, m, &["value", "description", "next"]);
            if let Some(val) = self.required(&lp, m, "value") {
                match val.as_i64() {
                    Some(n) => values.push(n),
                    None => self.not_whole_number(&join(&lp, "value"), val),
                }
            }
            if let Some(d) = self.required(&lp, m, "description") {
                self.text(&join(&lp, "description"), d);
            }
            self.optional_text(&lp, m, "next");
        }
        if let Some(scale) = scale {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            if sorted != scale {
                self.problem(
                    path,
                    format!("level {values:?} tidak sesuai dengan skala {scale:?}: berikan tepat satu level untuk setiap nilai skala"),
                    format!("the levels {values:?} do not match the scale {scale:?}: give exactly one level for each scale value"),
                );
            }
        }
    }
}

impl Checker<'_> {
    /// Scores are weighted means (`Σ w·score / Σ w`, scores up to 100): every weight
    /// can be finite while a sum is not (three pillars at 1e308), and the headline
    /// would be NaN. Each pillar's indicator weights and the pillar weights must keep
    /// `100 × Σ w` finite. Weights that are themselves invalid are reported by
    /// [`Checker::weight`] and left out here.
    fn weight_sums(&mut self, root: &Value) {
        let weight_of = |v: &Value| match v.get("weight") {
            None => Some(1.0),
            Some(w) => w.as_f64().filter(|w| w.is_finite() && *w > 0.0),
        };
        let Some(pillars) = root.get("pillars").and_then(Value::as_array) else {
            return;
        };
        let total = |items: &[Value]| items.iter().filter_map(weight_of).sum::<f64>() * 100.0;
        if !total(pillars).is_finite() {
            self.weights_too_large("pillars");
        }
        for (i, pillar) in pillars.iter().enumerate() {
            if let Some(indicators) = pillar.get("indicators").and_then(Value::as_array)
                && !total(indicators).is_finite()
            {
                self.weights_too_large(&format!("pillars[{i}].indicators"));
            }
        }
    }

    fn weights_too_large(&mut self, path: &str) {
        self.problem(
            path,
            "jumlah bobot di sini terlalu besar untuk dihitung (skornya akan menjadi NaN): gunakan bobot yang lebih kecil, mis. 1 sampai 100",
            "the weights here add up to more than can be computed (scores would be NaN): use smaller weights, e.g. 1 to 100",
        );
    }
}

/// The first key that appears twice in one JSON object, as a problem at its
/// line:column naming the key and the object's JSON path. serde_json keeps the last
/// value silently; an author who pasted a block twice would never know which counts.
fn duplicate_key(file: &str, text: &str) -> Option<Problem> {
    use std::cell::RefCell;
    let found: RefCell<Option<(String, String)>> = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let e = serde::de::DeserializeSeed::deserialize(
        KeyCheck {
            path: String::new(),
            found: &found,
        },
        &mut de,
    )
    .err()?;
    // Any other error was already reported by the parse that succeeded before this.
    let (key, path) = found.into_inner()?;
    let (where_id, where_en) = if path.is_empty() {
        ("objek teratas".to_string(), "the top-level object".to_string())
    } else {
        (path.clone(), path)
    };
    Some(Problem {
        file: file.to_string(),
        location: Location::LineColumn(e.line(), e.column().max(1)),
        message: Message::new(
            format!(
                "kunci \"{key}\" muncul dua kali di {where_id}: hapus salah satunya (kalau tidak, hanya yang terakhir berlaku)"
            ),
            format!(
                "key \"{key}\" appears twice in {where_en}: remove one of them (otherwise only the last one counts)"
            ),
        ),
    })
}

/// Walks a JSON document checking each object's keys; on a duplicate, records the key
/// and the object's path in `found` and stops with an error (which serde_json gives a
/// line and column).
struct KeyCheck<'a> {
    path: String,
    found: &'a std::cell::RefCell<Option<(String, String)>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for KeyCheck<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyCheck<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq
            .next_element_seed(KeyCheck {
                path: format!("{}[{i}]", self.path),
                found: self.found,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                *self.found.borrow_mut() = Some((key, self.path.clone()));
                return Err(serde::de::Error::custom("duplicate key"));
            }
            map.next_value_seed(KeyCheck {
                path: join(&self.path, &key),
                found: self.found,
            })?;
        }
        Ok(())
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
