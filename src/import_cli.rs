//! `pmk3i import FILE|DIR…`: one file as before (its refusal is the command's error),
//! or many in one process and one pass, one line per file — imported, merged, already
//! present, or refused and why — exiting 2 when any was refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, EXIT_INVALID, Failure, read_import};
use crate::exchange::{Duplicate, ExchangeError, ImportOutcome, import_file};
use crate::i18n::{Lang, Message};
use crate::merge::{MergePlan, Prefer, describe_conflict};
use crate::store::Store;

/// The files a list of paths names: a file itself, a folder its `*.json` files (not
/// its subfolders), in name order. A folder that cannot be read, or has none, is an
/// entry with the reason.
fn expand(paths: &[PathBuf]) -> Vec<(PathBuf, Option<Message>)> {
    let mut files = Vec::new();
    for path in paths {
        let Ok(meta) = std::fs::metadata(path) else {
            files.push((path.clone(), None));
            continue;
        };
        if !meta.is_dir() {
            files.push((path.clone(), None));
            continue;
        }
        let shown = path.display();
        match std::fs::read_dir(path) {
            Err(e) => files.push((
                path.clone(),
                Some(Message::new(
                    format!("folder tidak dapat dibaca: {e}"),
                    format!("cannot read the folder: {e}"),
                )),
            )),
            Ok(entries) => {
                let mut found: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("json")) && p.is_file())
                    .collect();
                found.sort();
                if found.is_empty() {
                    files.push((
                        path.clone(),
                        Some(Message::new(
                            format!("tidak ada berkas *.json di folder {shown}"),
                            format!("no *.json files in the folder {shown}"),
                        )),
                    ));
                }
                files.extend(found.into_iter().map(|p| (p, None)));
            }
        }
    }
    files
}

/// "2 responden baru, 14 jawaban baru, 1 konflik".
fn merged_counts(plan: &MergePlan, lang: Lang) -> String {
    let mut parts = match lang {
        Lang::Id => vec![
            format!("{} responden baru", plan.respondents_added),
            format!("{} jawaban baru", plan.answers_added),
            format!("{} konflik", plan.conflicts.len()),
        ],
        Lang::En => vec![
            format!("{} respondent(s) added", plan.respondents_added),
            format!("{} answer(s) added", plan.answers_added),
            format!("{} conflict(s)", plan.conflicts.len()),
        ],
    };
    if plan.answers_replaced > 0 {
        parts.push(match lang {
            Lang::Id => format!("{} diganti yang lebih baru", plan.answers_replaced),
            Lang::En => format!("{} replaced by the newer", plan.answers_replaced),
        });
    }
    if plan.kept_own > 0 {
        parts.push(match lang {
            Lang::Id => format!(
                "{} teks/tingkat sepakat/target berbeda: yang tersimpan dipertahankan",
                plan.kept_own
            ),
            Lang::En => format!(
                "{} differing text(s)/agreed level(s)/target(s): the stored ones were kept",
                plan.kept_own
            ),
        });
    }
    parts.join(", ")
}

fn write_merged(
    out: &mut dyn Write,
    shown: &str,
    id: i64,
    plan: &MergePlan,
    lang: Lang,
    prefix: bool,
) -> std::io::Result<()> {
    let head = if prefix { format!("{shown}: ") } else { String::new() };
    if plan.is_empty() && plan.conflicts.is_empty() {
        writeln!(
            out,
            "{head}{}",
            match lang {
                Lang::Id => format!("digabung ke penilaian {id}: tidak ada yang baru, semua isinya sudah ada"),
                Lang::En => format!("merged into assessment {id}: nothing new, all of it was already there"),
            }
        )?;
    } else {
        writeln!(
            out,
            "{head}{} {id}: {}",
            lang.pick("digabung ke penilaian", "merged into assessment"),
            merged_counts(plan, lang)
        )?;
    }
    for c in &plan.conflicts {
        writeln!(out, "  {}", describe_conflict(c, lang))?;
    }
    Ok(())
}

fn import_one(store: &mut Store, file: &Path, dup: Duplicate, prefer: Prefer) -> Result<ImportOutcome, Failure> {
    let bytes = read_import(file)?;
    Ok(import_file(store, &file.display().to_string(), &bytes, dup, prefer)?)
}

/// " (salinan impor)" / " (import copy)" after the id of an assessment an import made
/// as a copy; nothing otherwise.
fn copy_note(store: &crate::store::Store, id: i64, lang: Lang) -> String {
    match store.summary(id) {
        Ok(row) if row.import_copy => format!(" ({})", crate::exchange::copy_label(lang)),
        _ => String::new(),
    }
}

pub fn run(
    cli: &Cli,
    paths: &[PathBuf],
    dup: Duplicate,
    prefer: Prefer,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let single = paths.len() == 1 && paths.first().is_some_and(|p| !p.is_dir());
    let mut store = cli.open_store()?;
    if single && let Some(file) = paths.first() {
        // One file: as it always was, its refusal is the command's error.
        let shown = file.display().to_string();
        return match import_one(&mut store, file, dup, prefer)? {
            ImportOutcome::Created(id) => {
                writeln!(
                    out,
                    "{} {id}{}",
                    lang.pick("Diimpor sebagai penilaian", "Imported as assessment"),
                    copy_note(&store, id, lang)
                )?;
                Ok(())
            }
            ImportOutcome::Merged { assessment, plan } => {
                let mut line = Vec::new();
                write_merged(&mut line, &shown, assessment, &plan, lang, false)?;
                let text = String::from_utf8_lossy(&line);
                let mut chars = text.chars();
                let first = chars
                    .next()
                    .map(|c| c.to_uppercase().collect::<String>())
                    .unwrap_or_default();
                write!(out, "{first}{}", chars.as_str())?;
                Ok(())
            }
            ImportOutcome::AlreadyPresent(existing) => {
                Err(ExchangeError::AlreadyImported { file: shown, existing }.into())
            }
        };
    }
    let (mut created, mut merged, mut present, mut refused) = (0usize, 0usize, 0usize, 0usize);
    for (file, problem) in expand(paths) {
        let shown = file.display().to_string();
        let outcome = match problem {
            Some(m) => Err(Failure::new(
                EXIT_INVALID,
                Message::new(format!("{shown}: {}", m.id), format!("{shown}: {}", m.en)),
            )),
            None => import_one(&mut store, &file, dup, prefer),
        };
        match outcome {
            Ok(ImportOutcome::Created(id)) => {
                created += 1;
                writeln!(
                    out,
                    "{shown}: {} {id}{}",
                    lang.pick("diimpor sebagai penilaian", "imported as assessment"),
                    copy_note(&store, id, lang)
                )?;
            }
            Ok(ImportOutcome::Merged { assessment, plan }) => {
                merged += 1;
                write_merged(out, &shown, assessment, &plan, lang, true)?;
            }
            Ok(ImportOutcome::AlreadyPresent(id)) => {
                present += 1;
                writeln!(
                    out,
                    "{shown}: {}",
                    match lang {
                        Lang::Id => format!("sudah ada (penilaian {id}); tidak ada yang diubah"),
                        Lang::En => format!("already present (assessment {id}); nothing was changed"),
                    }
                )?;
            }
            Err(f) => {
                // The environment failing (the database locked or unwritable) stops
                // the pass; a file that is refused does not.
                if f.code != EXIT_INVALID {
                    return Err(f);
                }
                refused += 1;
                let reason = f.message.get(lang);
                let reason = reason.strip_prefix(&format!("{shown}: ")).unwrap_or(reason);
                writeln!(
                    out,
                    "{shown}: {} {}",
                    lang.pick("DITOLAK:", "REFUSED:"),
                    reason.replace('\n', "\n  ")
                )?;
            }
        }
    }
    let total = created + merged + present + refused;
    writeln!(
        out,
        "{}",
        match lang {
            Lang::Id =>
                format!("{total} berkas: {created} diimpor, {merged} digabung, {present} sudah ada, {refused} ditolak"),
            Lang::En => format!(
                "{total} file(s): {created} imported, {merged} merged, {present} already present, {refused} refused"
            ),
        }
    )?;
    if refused > 0 {
        return Err(Failure::new(
            EXIT_INVALID,
            Message::new(
                format!("{refused} dari {total} berkas ditolak (alasannya di atas); berkas lain sudah diimpor"),
                format!("{refused} of {total} file(s) refused (the reasons are above); the others were imported"),
            ),
        ));
    }
    Ok(())
}
