//! `pmk3i new-period ID --period P [--respondents]`: year two, from the command line.

use std::io::Write;

use crate::cli::{Cli, EXIT_INVALID, Failure};
use crate::framework::{LoadedFramework, Origin};
use crate::i18n::{Lang, Message};
use crate::store::{Store, StoreError};

/// The framework a new period of `previous` is assessed with: the loaded framework
/// with the same id (its newest version), else the previous assessment's own snapshot.
pub fn framework_for(store: &Store, previous: i64, loaded: &[LoadedFramework]) -> Result<LoadedFramework, Failure> {
    let (assessment, json) = store.load(previous)?;
    if let Some(f) = loaded.iter().find(|f| f.framework.id == assessment.framework_id) {
        return Ok(f.clone());
    }
    LoadedFramework::from_text("framework snapshot", &json, Origin::Bundled("snapshot")).map_err(|problems| {
        let first = |lang| problems.first().map(|p| p.render(lang)).unwrap_or_default();
        Failure::new(
            EXIT_INVALID,
            Message::new(
                format!(
                    "penilaian {previous}: salinan kerangkanya tidak terbaca: {}",
                    first(Lang::Id)
                ),
                format!(
                    "assessment {previous}: its framework snapshot is unreadable: {}",
                    first(Lang::En)
                ),
            ),
        )
    })
}

pub fn run(
    cli: &Cli,
    id: i64,
    period: &str,
    respondents: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = cli.open_store()?;
    let set = cli.framework_set();
    let framework = framework_for(&store, id, &set.frameworks)?;
    let new = store
        .new_period(id, &framework, period, respondents)
        .map_err(|e| match e {
            StoreError::Invalid(m) => Failure::new(EXIT_INVALID, m),
            other => Failure::from(other),
        })?;
    let copied = store.load(new)?.0.respondents.len();
    writeln!(
        out,
        "{}",
        match lang {
            Lang::Id => format!(
                "Periode {period} dibuat sebagai penilaian {new} dari penilaian {id} ({} {}, {copied} responden disalin); tingkat dan target periode lalu tampil sebagai acuan di pengisian",
                framework.framework.id, framework.framework.version
            ),
            Lang::En => format!(
                "Period {period} created as assessment {new} from assessment {id} ({} {}, {copied} respondent(s) copied); last period's levels and targets show as reference in the walk",
                framework.framework.id, framework.framework.version
            ),
        }
    )?;
    Ok(())
}

/// `pmk3i followup ID [list | set N --status S [--date D] [--note T] | clear N]`.
#[derive(Debug, clap::Args)]
pub struct FollowupArgs {
    /// The later assessment (started from the earlier period), as shown by `pmk3i list`.
    pub id: i64,
    #[command(subcommand)]
    pub command: Option<FollowupCommand>,
}

#[derive(Debug, clap::Subcommand)]
pub enum FollowupCommand {
    /// The earlier period's commitments, numbered, with their follow-up (the default).
    List,
    /// Record the follow-up of commitment N.
    Set {
        /// The commitment's number, as shown by `pmk3i followup ID list`.
        number: usize,
        /// selesai (done), berjalan (in progress) or belum-mulai (not started).
        #[arg(long, value_name = "S")]
        status: String,
        /// The date of the status, YYYY-MM-DD (default: today, UTC).
        #[arg(long, value_name = "D")]
        date: Option<String>,
        /// A note: what was done, what is still missing.
        #[arg(long, value_name = "T")]
        note: Option<String>,
    },
    /// Remove the follow-up of commitment N (it is "belum dicatat" again).
    Clear {
        /// The commitment's number, as shown by `pmk3i followup ID list`.
        number: usize,
    },
}

/// Indonesian descriptions of the followup subcommands.
pub const FOLLOWUP_COMMANDS_ID: &[(&str, &str)] = &[
    (
        "list",
        "Komitmen periode lalu, bernomor, dengan tindak lanjutnya (bawaan).",
    ),
    ("set", "Catat tindak lanjut komitmen nomor N."),
    (
        "clear",
        "Hapus tindak lanjut komitmen nomor N (kembali \"belum dicatat\").",
    ),
];

/// Indonesian help of the followup arguments (the `id` is the later assessment).
pub const FOLLOWUP_ARGS_ID: &[(&str, &str)] = &[
    (
        "id",
        "Penilaian yang kemudian (dibuat dari periode sebelumnya), seperti ditampilkan `pmk3i list`.",
    ),
    (
        "number",
        "Nomor komitmen, seperti ditampilkan `pmk3i followup ID list`.",
    ),
    (
        "status",
        "selesai, berjalan atau belum-mulai (juga: done, in-progress, not-started).",
    ),
    ("date", "Tanggal status itu, TTTT-BB-HH (bawaan: hari ini, UTC)."),
    ("note", "Catatan: apa yang sudah dikerjakan, apa yang masih kurang."),
];

fn invalid(e: StoreError) -> Failure {
    match e {
        StoreError::Invalid(m) => Failure::new(EXIT_INVALID, m),
        other => Failure::from(other),
    }
}

pub fn run_followup(cli: &Cli, args: &FollowupArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    use crate::store::followup::{FollowUpEntry, FollowUpStatus, not_recorded};
    let id = args.id;
    match args.command.as_ref().unwrap_or(&FollowupCommand::List) {
        FollowupCommand::List => {
            let store = cli.open_store_read()?;
            let (previous, list) = store.followup_list(id).map_err(invalid)?;
            writeln!(
                out,
                "{}",
                match lang {
                    Lang::Id =>
                        format!("Komitmen penilaian {previous} (periode lalu), tindak lanjut di penilaian {id}:"),
                    Lang::En => format!(
                        "Commitments of assessment {previous} (previous period), followed up in assessment {id}:"
                    ),
                }
            )?;
            if list.is_empty() {
                writeln!(
                    out,
                    "{}",
                    lang.pick(
                        "  berita acara periode lalu tidak memuat komitmen",
                        "  the previous berita acara holds no commitments"
                    )
                )?;
            }
            for (n, (k, f)) in list.iter().enumerate() {
                let text = crate::safe_text::for_terminal(&k.text);
                let status = match f {
                    Some(f) => {
                        let mut s = format!("{} ({})", f.status.label(lang), f.date);
                        if !f.note.is_empty() {
                            s.push_str(&format!(" — {}", crate::safe_text::for_terminal(&f.note)));
                        }
                        s
                    }
                    None => not_recorded(lang).to_string(),
                };
                let deadline = if k.deadline.is_empty() {
                    String::new()
                } else {
                    format!(
                        " · {} {}",
                        lang.pick("tenggat", "due"),
                        crate::safe_text::for_terminal(&k.deadline)
                    )
                };
                writeln!(out, "{}. {text}{deadline}\n   {status}", n + 1)?;
            }
            Ok(())
        }
        FollowupCommand::Set {
            number,
            status,
            date,
            note,
        } => {
            let Some(status) = FollowUpStatus::parse(status) else {
                return Err(Failure::new(
                    EXIT_INVALID,
                    Message::new(
                        format!("--status \"{status}\" tidak dikenal; pilih selesai, berjalan atau belum-mulai"),
                        format!("--status \"{status}\" is not known; choose done, in-progress or not-started"),
                    ),
                ));
            };
            let mut store = cli.open_store()?;
            let entry = FollowUpEntry {
                status,
                date: date.clone().unwrap_or_default().trim().to_string(),
                note: note.as_deref().unwrap_or_default().trim().to_string(),
            };
            store.set_followup(id, *number, Some(&entry)).map_err(invalid)?;
            writeln!(
                out,
                "{}",
                match lang {
                    Lang::Id => format!("Komitmen {number}: {} dicatat di penilaian {id}.", status.label(lang)),
                    Lang::En => format!(
                        "Commitment {number}: {} recorded in assessment {id}.",
                        status.label(lang)
                    ),
                }
            )?;
            Ok(())
        }
        FollowupCommand::Clear { number } => {
            let mut store = cli.open_store()?;
            store.set_followup(id, *number, None).map_err(invalid)?;
            writeln!(
                out,
                "{}",
                match lang {
                    Lang::Id => format!("Komitmen {number}: tindak lanjut dihapus ({}).", not_recorded(lang)),
                    Lang::En => format!("Commitment {number}: follow-up removed ({}).", not_recorded(lang)),
                }
            )?;
            Ok(())
        }
    }
}

/// Puts the Indonesian help on the followup command's own arguments (after
/// `cli::indonesian_args` has set the headings).
pub fn indonesian_followup_args(mut command: clap::Command) -> clap::Command {
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        if let Some((_, h)) = FOLLOWUP_ARGS_ID.iter().find(|(a, _)| *a == id) {
            command = command.mut_arg(id.as_str(), |a| a.help(*h));
        }
    }
    command
}
