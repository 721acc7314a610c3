//! Export (JSON, CSV) and import of assessments. A JSON export holds the full record
//! and the exact framework snapshot, so importing it reproduces every score.

use serde::{Deserialize, Serialize};

use crate::assessment::{AgreedKind, Assessment, TextKind, snapshot_framework};
use crate::framework::{Framework, content_hash};
use crate::i18n::{Lang, Message};
use crate::merge::{MergePlan, Prefer};
use crate::scoring::indicator_score;
use crate::store::{Change, Store, StoreError};
use crate::summary::{Labels, Summary, summarize};

/// The export format version.
pub const EXPORT_FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct ExportDocument {
    /// The export format: 1.
    pub pmk3i_export: u32,
    /// The region's Kemendagri code (`null` for a region "tanpa kode"): an import
    /// finds the region by it first, by name only when it is missing (older exports).
    #[serde(default)]
    pub region_code: Option<String>,
    pub assessment: Assessment,
    /// The framework JSON exactly as the assessment snapshotted it.
    pub framework_snapshot: String,
    /// Computed on export; ignored on import (recomputed from the answers).
    #[serde(default, skip_deserializing)]
    pub results: Option<Summary>,
    /// The berita acara's SHA-256 fingerprint of the assessment's verified results,
    /// flagship and commitments (see `docs/berita-acara.md`); `pmk3i verify` checks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// Every logged change (who, when, from → to), oldest first. Optional on import:
    /// exports from before the history import without it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Change>,
}

/// An export as the importer reads it: every field must be known (a misspelt `levle`
/// is refused, not ignored); the computed `results` are read past and recomputed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportDocument {
    pmk3i_export: u32,
    #[serde(default)]
    region_code: Option<String>,
    assessment: Assessment,
    framework_snapshot: String,
    #[serde(default)]
    #[allow(dead_code)]
    results: Option<serde::de::IgnoredAny>,
    /// Computed on export; recomputed from the record (`pmk3i verify` compares them).
    #[serde(default)]
    #[allow(dead_code)]
    fingerprint: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    history: Vec<Change>,
}

/// What can go wrong in an export or import. Users read [`ExchangeError::message`] in
/// their language; `Display` is the Indonesian message.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    Store(#[from] StoreError),
    /// Unusable content; `file` names the import file when the problem is in one.
    Invalid {
        file: Option<String>,
        message: Message,
    },
    AlreadyImported {
        file: String,
        existing: i64,
    },
    Io(#[from] std::io::Error),
    Csv(#[from] csv::Error),
}

impl ExchangeError {
    /// What went wrong and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExchangeError::Store(e), _) => e.message(lang),
            (ExchangeError::Invalid { file, message }, _) => match file {
                Some(file) => format!("{file}: {}", message.get(lang)),
                None => message.get(lang).to_string(),
            },
            (ExchangeError::AlreadyImported { file, existing }, Lang::Id) => format!(
                "{file} sudah pernah diimpor sebagai penilaian {existing}; tidak ada yang diubah. Gunakan `pmk3i import --copy {file}` untuk membuat salinan berlabel"
            ),
            (ExchangeError::AlreadyImported { file, existing }, Lang::En) => format!(
                "{file} was already imported as assessment {existing}; nothing was changed. Use `pmk3i import --copy {file}` to create a labelled copy"
            ),
            (ExchangeError::Io(e), Lang::Id) => format!("ekspor tidak dapat ditulis: {e}"),
            (ExchangeError::Io(e), Lang::En) => format!("cannot write the export: {e}"),
            (ExchangeError::Csv(e), Lang::Id) => format!("CSV tidak dapat ditulis: {e}"),
            (ExchangeError::Csv(e), Lang::En) => format!("cannot write CSV: {e}"),
        }
    }
}

impl std::fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Id))
    }
}

/// Loads an assessment and its snapshot framework.
pub fn load_with_framework(store: &Store, id: i64) -> Result<(Assessment, Framework, String), ExchangeError> {
    let (mut assessment, json) = store.load(id)?;
    assessment.drop_empty_records();
    let framework = snapshot_framework(&json).map_err(|problems| {
        let first = |lang| problems.first().map(|p| p.render(lang)).unwrap_or_default();
        ExchangeError::Invalid {
            file: None,
            message: Message::new(
                format!(
                    "penilaian {id}: salinan kerangkanya yang tersimpan tidak terbaca: {}",
                    first(Lang::Id)
                ),
                format!(
                    "assessment {id}: its framework snapshot is unreadable: {}",
                    first(Lang::En)
                ),
            ),
        }
    })?;
    Ok((assessment, framework, json))
}

/// The Kemendagri code of assessment `id`'s region, `None` when it is "tanpa kode".
fn region_code(store: &Store, id: i64) -> Result<Option<String>, ExchangeError> {
    let region = store.region_of(id)?;
    Ok(store
        .regions()?
        .into_iter()
        .find(|r| r.id == region)
        .and_then(|r| r.code))
}

/// The full record, its framework snapshot and the computed results. The results hold
/// ids, numbers and band indexes, so the document is the same in every language (an
/// error is worded by its reader, see [`ExchangeError::message`]).
pub fn export_json(store: &Store, id: i64) -> Result<String, ExchangeError> {
    let (assessment, framework, json) = load_with_framework(store, id)?;
    // What is kept for a removed candidate stays in this database only.
    let assessment = crate::workshop::asked_only(&assessment);
    let doc = ExportDocument {
        pmk3i_export: EXPORT_FORMAT,
        region_code: region_code(store, id)?,
        results: Some(summarize(&framework, &assessment)),
        fingerprint: Some(crate::workshop::fingerprint(&assessment)),
        history: store.history(id, None, None)?,
        assessment,
        framework_snapshot: json,
    };
    crate::safe_text::to_json_pretty(&doc).map_err(|e| ExchangeError::Invalid {
        file: None,
        message: Message::new(
            format!("ekspor tidak dapat disusun: {e}"),
            format!("cannot build the export: {e}"),
        ),
    })
}

/// The CSV columns. `record` says what a row is: `answer`, `consensus`, `verified`,
/// `best_practice`, `problem`, `target`, or a result row (`headline`, `candidate`,
/// `pillar`, `recommendation`) whose `basis` is `self_assessed`, `consensus`,
/// `verified` or `projected` (with every target reached), or `change`: one field of
/// the history, oldest first — `updated_at` is when, `login` who, `walker` in which
/// walk (`respondent`, `consensus`, `verified`, or empty), `what` the table
/// (`answer`, `agreed_level`, `target`, `pillar_text`, `respondent`, `assessment`, the
/// workshop's), `field` the field, `old` → `new` its values (empty: none).
pub const CSV_COLUMNS: &[&str] = &[
    "record",
    "assessment",
    "region",
    "period",
    "pillar",
    "indicator",
    "subsector",
    "respondent",
    "actor",
    "level",
    "score",
    "band",
    "completeness",
    "gain",
    "target",
    "note",
    "evidence",
    "updated_at",
    "basis",
    "next_gain",
    "covered",
    "applicable",
    // "salinan impor" / "import copy" on every row of an assessment made by
    // `pmk3i import --copy`; empty otherwise. After the result columns, so that
    // those keep their places.
    "copy",
    // After `copy`, so that the columns before keep their places: the region's Kemendagri code
    // (empty for a region "tanpa kode").
    "region_code",
    // The history rows (`record=change`): who changed what, from → to.
    "login",
    "walker",
    "what",
    "field",
    "old",
    "new",
];

/// One CSV row; empty fields stay empty.
#[derive(Default)]
struct CsvRow {
    record: &'static str,
    pillar: String,
    indicator: String,
    subsector: String,
    respondent: String,
    actor: String,
    level: String,
    score: String,
    band: String,
    completeness: String,
    gain: String,
    target: String,
    note: String,
    evidence: String,
    updated_at: String,
    basis: &'static str,
    next_gain: String,
    /// Consensus and verified headlines: indicators with a level of that basis's own…
    covered: String,
    /// …out of the headline candidate's applicable indicators.
    applicable: String,
    /// History rows (`change`): who, in which walk, what table and field, from → to.
    login: String,
    walker: String,
    what: String,
    field: String,
    old: String,
    new: String,
}

/// Any cell, made safe for spreadsheets: a cell starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return would be read as a formula, so it gets a leading apostrophe
/// (which spreadsheet programs hide). Every cell passes here, whatever its source
/// (typed text, framework labels, ids); a plain number such as `-0.5` is left as it is,
/// since it cannot be a formula.
/// A text cell that a spreadsheet will not run as a formula (see [`text_cell`]).
pub fn csv_text(s: &str) -> String {
    text_cell(s)
}

pub(crate) fn text_cell(s: &str) -> String {
    let number = s.parse::<f64>().is_ok_and(f64::is_finite);
    if !number && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.4}")).unwrap_or_default()
}

/// Answers, agreed levels, pillar texts, targets, every computed result, then the
/// history (who changed what, when, from → to), as rows of one table. UTF-8 with a BOM so spreadsheet programs show Indonesian text correctly.
pub fn export_csv(store: &Store, id: i64, lang: Lang) -> Result<Vec<u8>, ExchangeError> {
    let (assessment, framework, _) = load_with_framework(store, id)?;
    let summary = summarize(&framework, &assessment);
    // The label columns (band, a recommendation's next step) are in `lang`.
    let labels = Labels::new(&framework, lang);
    let pillar_of = |indicator: &str| {
        framework
            .indicator(indicator)
            .map(|(p, _)| p.id.clone())
            .unwrap_or_default()
    };
    let level_fields = |level: Option<i64>, na: bool| -> (String, String) {
        match (na, level) {
            (true, _) => ("NA".to_string(), String::new()),
            (false, Some(l)) => (l.to_string(), num(Some(indicator_score(&framework, l as f64)))),
            (false, None) => (String::new(), String::new()),
        }
    };
    let mut rows: Vec<CsvRow> = Vec::new();
    let targets = assessment.target_map();
    for r in &assessment.respondents {
        // A cleared answer without note or evidence holds nothing to export.
        for a in r
            .answers
            .iter()
            .filter(|a| a.answer().is_some() || !a.note.is_empty() || !a.evidence.is_empty())
        {
            let (level, score) = level_fields(a.level, a.na);
            rows.push(CsvRow {
                record: "answer",
                pillar: pillar_of(&a.indicator),
                indicator: a.indicator.clone(),
                subsector: a.subsector.clone().unwrap_or_default(),
                respondent: r.name.clone(),
                actor: r.actor.to_string(),
                level,
                score,
                target: targets.get(&a.slot()).map(|t| t.to_string()).unwrap_or_default(),
                note: a.note.clone(),
                evidence: a.evidence.clone(),
                updated_at: a.updated_at.clone(),
                ..CsvRow::default()
            });
        }
    }
    for g in &assessment.agreed {
        let (level, score) = level_fields(g.level, g.na);
        rows.push(CsvRow {
            record: match g.kind {
                AgreedKind::Consensus => "consensus",
                AgreedKind::Verified => "verified",
            },
            pillar: pillar_of(&g.indicator),
            indicator: g.indicator.clone(),
            subsector: g.subsector.clone().unwrap_or_default(),
            level,
            score,
            note: g.note.clone(),
            evidence: g.evidence.clone(),
            ..CsvRow::default()
        });
    }
    for t in &assessment.pillar_texts {
        rows.push(CsvRow {
            record: match t.kind {
                TextKind::BestPractice => "best_practice",
                TextKind::Problem => "problem",
            },
            pillar: t.pillar.clone(),
            subsector: t.subsector.clone().unwrap_or_default(),
            note: t.body.clone(),
            ..CsvRow::default()
        });
    }
    for t in &summary.targets {
        rows.push(CsvRow {
            record: "target",
            pillar: pillar_of(&t.indicator),
            indicator: t.indicator.clone(),
            subsector: t.subsector.clone().unwrap_or_default(),
            level: num(t.current_level),
            target: t.target_level.to_string(),
            ..CsvRow::default()
        });
    }
    let bases = [
        ("self_assessed", Some(&summary.self_assessed)),
        ("consensus", summary.consensus.as_ref()),
        ("verified", summary.verified.as_ref()),
        ("projected", summary.projected.as_ref()),
    ];
    for (basis, result) in bases {
        let Some(b) = result else {
            continue;
        };
        let headline = b.headline_candidate.clone().unwrap_or_default();
        rows.push(CsvRow {
            record: "headline",
            subsector: headline.clone(),
            score: num(b.headline_score),
            band: labels.band(b.headline_band).unwrap_or_default().to_string(),
            completeness: num(b.completeness),
            basis,
            covered: b.coverage.map(|c| c.recorded.to_string()).unwrap_or_default(),
            applicable: b.coverage.map(|c| c.applicable.to_string()).unwrap_or_default(),
            ..CsvRow::default()
        });
        for c in &b.candidates {
            rows.push(CsvRow {
                record: "candidate",
                subsector: c.candidate.clone().unwrap_or_default(),
                score: num(c.score),
                band: labels.band(c.band).unwrap_or_default().to_string(),
                completeness: num(c.completeness),
                basis,
                ..CsvRow::default()
            });
        }
        for p in &b.pillars {
            rows.push(CsvRow {
                record: "pillar",
                pillar: p.pillar.clone(),
                subsector: headline.clone(),
                score: num(p.score),
                band: labels.band(p.band).unwrap_or_default().to_string(),
                completeness: num(p.completeness),
                basis,
                ..CsvRow::default()
            });
        }
        // Recommendations are the action list of the self-assessment.
        if basis == "self_assessed" {
            for rec in &b.recommendations {
                rows.push(CsvRow {
                    record: "recommendation",
                    pillar: rec.pillar.clone(),
                    indicator: rec.indicator.clone(),
                    subsector: rec.subsector.clone().unwrap_or_default(),
                    actor: rec.lead.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(" "),
                    level: format!("{:.4}", rec.level),
                    gain: format!("{:.4}", rec.gain),
                    target: rec.next_level.to_string(),
                    note: labels.next_step(&rec.indicator, rec.from_level).to_string(),
                    basis,
                    next_gain: format!("{:.4}", rec.next_gain),
                    ..CsvRow::default()
                });
            }
        }
    }

    // The history, as the JSON export carries it: every field of every change.
    for c in store.history(id, None, None)? {
        let item = c.item.unwrap_or_default();
        let (pillar, indicator) = match c.what.as_str() {
            "pillar_text" => (item, String::new()),
            _ if item.is_empty() => (String::new(), String::new()),
            _ => (pillar_of(&item), item),
        };
        rows.push(CsvRow {
            record: "change",
            pillar,
            indicator,
            subsector: c.subsector.unwrap_or_default(),
            respondent: c.respondent.unwrap_or_default(),
            updated_at: c.at,
            login: c.login,
            walker: c.walker.unwrap_or_default(),
            what: c.what,
            field: c.field,
            old: c.old.unwrap_or_default(),
            new: c.new.unwrap_or_default(),
            ..CsvRow::default()
        });
    }

    let region = assessment.region.kind.display_name(&assessment.region.name);
    let region_code = region_code(store, id)?.unwrap_or_default();
    let period = assessment.period.clone();
    let copy = if assessment.import_copy { copy_label(lang) } else { "" };
    let aid = assessment.id.to_string();
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(CSV_COLUMNS)?;
        for r in rows {
            let cells = [
                r.record,
                &aid,
                &region,
                &period,
                &r.pillar,
                &r.indicator,
                &r.subsector,
                &r.respondent,
                &r.actor,
                &r.level,
                &r.score,
                &r.band,
                &r.completeness,
                &r.gain,
                &r.target,
                &r.note,
                &r.evidence,
                &r.updated_at,
                r.basis,
                &r.next_gain,
                &r.covered,
                &r.applicable,
                copy,
                &region_code,
                &r.login,
                &r.walker,
                &r.what,
                &r.field,
                &r.old,
                &r.new,
            ];
            w.write_record(cells.iter().map(|c| text_cell(c)))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// How an import treats a file that was imported before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplicate {
    Refuse,
    /// Create a copy marked as an import copy ([`Assessment::import_copy`]).
    Copy,
}

/// What an import copy is called beside its period.
pub fn copy_label(lang: Lang) -> &'static str {
    lang.pick("salinan impor", "import copy")
}

/// The period as lists, headers and reports show it: "2026", or "2026 · salinan impor"
/// for an import copy.
pub fn period_label(period: &str, import_copy: bool, lang: Lang) -> String {
    if import_copy {
        format!("{period} · {}", copy_label(lang))
    } else {
        period.to_string()
    }
}

/// An export of a copy made before the copy had its own mark carries the old label at
/// the end of its period: it becomes the mark, and the period the file's own.
fn take_old_copy_suffix(assessment: &mut Assessment) {
    while let Some(period) = assessment.period.strip_suffix(crate::store::OLD_COPY_SUFFIX) {
        assessment.period = period.trim_end().to_string();
        assessment.import_copy = true;
    }
}

/// Reads and checks a JSON export whole: the assessment (its framework hash filled in
/// from the snapshot), the snapshot, and the import's identity hash.
/// What an import file holds, checked: the record, its framework (parsed), the
/// snapshot text, the import's identity hash, and the history it carries.
type Parsed = (Assessment, Framework, String, String, Vec<Change>);

fn parse_import(file: &str, bytes: &[u8]) -> Result<Parsed, ExchangeError> {
    let invalid = |id: String, en: String| ExchangeError::Invalid {
        file: Some(file.to_string()),
        message: Message::new(id, en),
    };
    let text = std::str::from_utf8(bytes).map_err(|_| invalid("bukan teks UTF-8".into(), "not UTF-8 text".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let doc: ImportDocument = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = (inner.line(), inner.column());
        // Syntax errors have no useful path; shape errors (an unknown field, a wrong
        // type) name where they are.
        let place = if inner.is_syntax() || inner.is_eof() || path == "." {
            format!("{line}:{column}")
        } else {
            format!("{path} ({line}:{column})")
        };
        invalid(
            format!(
                "{place}: bukan berkas ekspor JSON pmk3i yang utuh ({inner}); tidak ada yang diimpor. Buat berkas ekspor dengan `pmk3i export ID --format json`"
            ),
            format!(
                "{place}: not an intact pmk3i JSON export ({inner}); nothing was imported. Create one with `pmk3i export ID --format json`"
            ),
        )
    })?;
    // Nothing may follow the document.
    deserializer.end().map_err(|e| {
        let (line, column) = (e.line(), e.column());
        invalid(
            format!("{line}:{column}: ada isi lain setelah dokumen JSON; tidak ada yang diimpor"),
            format!("{line}:{column}: there is more after the JSON document; nothing was imported"),
        )
    })?;
    if doc.pmk3i_export != EXPORT_FORMAT {
        let found = doc.pmk3i_export;
        return Err(invalid(
            format!("format ekspor {found} tidak didukung (pmk3i ini membaca format {EXPORT_FORMAT})"),
            format!("export format {found} is not supported (this pmk3i reads {EXPORT_FORMAT})"),
        ));
    }
    let framework = snapshot_framework(&doc.framework_snapshot).map_err(|problems| {
        let first = |lang| problems.first().map(|p| p.render(lang)).unwrap_or_default();
        invalid(
            format!("salinan kerangka di dalamnya tidak valid: {}", first(Lang::Id)),
            format!("its framework snapshot is invalid: {}", first(Lang::En)),
        )
    })?;
    let mut assessment = doc.assessment;
    // The region is found by its code first: the file's name may be spelt otherwise
    // (or be an older name). A code this build does not know leaves the name to find it.
    if let Some(official) = doc.region_code.as_deref().and_then(crate::regions::by_code) {
        assessment.region = crate::assessment::Region {
            name: official.name.clone(),
            kind: official.kind,
            province: official.province.clone(),
        };
    }
    if framework.id != assessment.framework_id {
        let (snapshot, named) = (&framework.id, &assessment.framework_id);
        return Err(invalid(
            format!("salinan kerangkanya adalah \"{snapshot}\", tetapi penilaiannya menyebut \"{named}\""),
            format!("the snapshot is framework \"{snapshot}\" but the assessment names \"{named}\""),
        ));
    }
    let misfits = crate::assessment::check_against(&framework, &assessment);
    if !misfits.is_empty() {
        let list = |lang| {
            misfits
                .iter()
                .take(20)
                .map(|(path, m)| format!("\n  {path}: {}", m.get(lang)))
                .collect::<String>()
                + &if misfits.len() > 20 {
                    format!("\n  … (+{})", misfits.len() - 20)
                } else {
                    String::new()
                }
        };
        return Err(invalid(
            format!(
                "isinya tidak cocok dengan kerangkanya; tidak ada yang diimpor. Perbaiki di tempat yang disebut, atau ekspor ulang dari pmk3i:{}",
                list(Lang::Id)
            ),
            format!(
                "its content does not fit its framework; nothing was imported. Fix it where named, or export it again from pmk3i:{}",
                list(Lang::En)
            ),
        ));
    }
    assessment.framework_hash = content_hash(&doc.framework_snapshot);
    // The import's identity: its record and snapshot, not the computed results.
    let identity = serde_json::to_string(&(&assessment, &doc.framework_snapshot)).map_err(|e| {
        invalid(
            format!("isi impor tidak dapat diolah: {e}"),
            format!("cannot process the import: {e}"),
        )
    })?;
    let import_hash = content_hash(&identity);
    // After the identity, so that a file imported before is still recognised.
    take_old_copy_suffix(&mut assessment);
    Ok((assessment, framework, doc.framework_snapshot, import_hash, doc.history))
}

/// What importing one file did.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome {
    /// A new assessment.
    Created(i64),
    /// Merged into an assessment of the same region, period and framework.
    Merged { assessment: i64, plan: Box<MergePlan> },
    /// This file's content was imported before (into this assessment): nothing changed.
    AlreadyPresent(i64),
}

/// Re-creates an assessment from a JSON export; returns the new id (or the one it was
/// merged into). The same file twice is [`ExchangeError::AlreadyImported`].
pub fn import_json(store: &mut Store, file: &str, bytes: &[u8], duplicate: Duplicate) -> Result<i64, ExchangeError> {
    match import_file(store, file, bytes, duplicate, Prefer::Refuse)? {
        ImportOutcome::Created(id) | ImportOutcome::Merged { assessment: id, .. } => Ok(id),
        ImportOutcome::AlreadyPresent(existing) => Err(ExchangeError::AlreadyImported {
            file: file.to_string(),
            existing,
        }),
    }
}

/// Imports one JSON export: a new assessment, or merged into the store's assessment
/// of the same region, period and framework (see [`crate::merge`]), or nothing when
/// the same file was imported before. Nothing is written when it is refused.
pub fn import_file(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    duplicate: Duplicate,
    prefer: Prefer,
) -> Result<ImportOutcome, ExchangeError> {
    let invalid = |id: String, en: String| ExchangeError::Invalid {
        file: Some(file.to_string()),
        message: Message::new(id, en),
    };
    // The history a file carries joins the log of an assessment it creates; merged into
    // an existing one, the merge's own writes are logged (with the importing login).
    let (mut assessment, framework, snapshot, import_hash, history) = parse_import(file, bytes)?;
    // An import writes the answers of the assessment it creates (a merge: see below).
    store.set_writer(Some(crate::store::Writer::Import))?;
    // The file was checked against its parsed snapshot: the write's summary need not
    // parse the 400 KB snapshot again.
    store.remember_framework(&assessment.framework_hash, framework);
    match (store.find_import(&import_hash)?, duplicate) {
        (Some(existing), Duplicate::Refuse) => return Ok(ImportOutcome::AlreadyPresent(existing)),
        (Some(_), Duplicate::Copy) => {
            // The period stays the file's; the copy is never a merge target.
            assessment.import_copy = true;
            return Ok(ImportOutcome::Created(store.insert_full_with_history(
                &assessment,
                &snapshot,
                None,
                &history,
            )?));
        }
        (None, _) => {}
    }
    // An export of an import copy stays a copy of its own: it is never merged into the
    // assessment of the same region and period.
    if assessment.import_copy {
        return Ok(ImportOutcome::Created(store.insert_full_with_history(
            &assessment,
            &snapshot,
            Some(&import_hash),
            &history,
        )?));
    }
    let Some((target, target_hash)) =
        store.find_merge_target(&assessment.region, &assessment.period, &assessment.framework_id)?
    else {
        return Ok(ImportOutcome::Created(store.insert_full_with_history(
            &assessment,
            &snapshot,
            Some(&import_hash),
            &history,
        )?));
    };
    let region = assessment.region.kind.display_name(&assessment.region.name);
    let period = &assessment.period;
    if target_hash != assessment.framework_hash {
        return Err(invalid(
            format!(
                "penilaian {target} ({region}, {period}) memakai salinan kerangka \"{}\" yang lain (hash berbeda); jawaban dari kerangka yang berbeda tidak digabung dan tidak ada yang diimpor. Impor berkas ini sebagai penilaian terpisah dengan periode lain, atau ekspor ulang dari laptop yang memakai kerangka yang sama",
                assessment.framework_id
            ),
            format!(
                "assessment {target} ({region}, {period}) uses a different copy of framework \"{}\" (another hash); answers of different frameworks are not merged and nothing was imported. Import this file as a separate assessment with another period, or export it again from a laptop with the same framework",
                assessment.framework_id
            ),
        ));
    }
    // A merge writes only the answers and levels of the assessment it goes into.
    store.set_writer(Some(crate::store::Writer::Merge(target)))?;
    let stored = store.load_record(target)?;
    let plan = crate::merge::plan(&stored, &assessment, prefer);
    if prefer == Prefer::Refuse && !plan.conflicts.is_empty() {
        let list = |lang| {
            plan.conflicts
                .iter()
                .take(20)
                .map(|c| format!("\n  {}", crate::merge::describe_conflict(c, lang)))
                .collect::<String>()
                + &if plan.conflicts.len() > 20 {
                    format!("\n  … (+{})", plan.conflicts.len() - 20)
                } else {
                    String::new()
                }
        };
        let n = plan.conflicts.len();
        return Err(invalid(
            format!(
                "{n} jawaban bertentangan dengan penilaian {target} ({region}, {period}); tidak ada yang diimpor. Jalankan lagi dengan `--prefer newer` untuk memakai jawaban yang `updated_at`-nya lebih baru, atau samakan jawabannya di salah satu laptop lalu ekspor ulang:{}",
                list(Lang::Id)
            ),
            format!(
                "{n} answer(s) conflict with assessment {target} ({region}, {period}); nothing was imported. Run again with `--prefer newer` to keep the answer with the later `updated_at`, or make the answers agree on one laptop and export again:{}",
                list(Lang::En)
            ),
        ));
    }
    store.apply_merge(target, &plan.write, &import_hash)?;
    Ok(ImportOutcome::Merged {
        assessment: target,
        plan: Box::new(plan),
    })
}
