//! The command line: arguments, the headless commands, and where data lives.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::exchange::{self, Duplicate, ExchangeError};
use crate::framework::{FrameworkSet, FrameworkSources};
use crate::i18n::{Lang, Message, fmt_count, fmt_percent, fmt_score};
use crate::store::{Store, StoreError};

/// Exit code for bad input: invalid frameworks, unusable files, no terminal.
pub const EXIT_INVALID: i32 = 2;

/// The exit status when the reader of the output went away (`pmk3i export 1 | head`):
/// 128 + SIGPIPE, what a shell reports for a program the pipe closed; nothing is said.
pub const EXIT_BROKEN_PIPE: i32 = 141;

#[derive(Debug, Parser)]
#[command(
    name = "pmk3i",
    version,
    about = "PMK3I — Penilaian Mandiri Kabupaten/Kota Kreatif Indonesia (creative-district self-assessment)",
    long_about = "PMK3I — Penilaian Mandiri Kabupaten/Kota Kreatif Indonesia.\n\n\
        Without a command, opens the keyboard-driven assessment (TUI). The commands below work \
        without a terminal, for scripts and spreadsheets.\n\n\
        Data is kept in one SQLite file in your data folder (see `--db`); frameworks are read from \
        the bundled PMK3I framework, <data folder>/frameworks/ and --framework.",
    after_help = "Examples:\n  pmk3i                                   open the assessment screens\n  \
        pmk3i list                              assessments with score and completeness\n  \
        pmk3i export 3 --format csv --out a.csv  answers and results for a spreadsheet\n  \
        pmk3i report 3 --format html --out a.html\n  \
        pmk3i validate my-framework.json        check a framework file\n  \
        pmk3i --lang en list                    English output (or PMK3I_LANG=en)"
)]
pub struct Cli {
    /// Database file (default: pmk3i.sqlite3 in the user's data folder).
    #[arg(long, global = true, env = "PMK3I_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language: id (Bahasa Indonesia, default) or en (English).
    #[arg(long, global = true, env = "PMK3I_LANG", value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Plain mode: line-by-line prompts without cursor movement or box drawing, for
    /// screen readers, braille displays and slow links (also when TERM=dumb).
    #[arg(long, global = true)]
    pub plain: bool,
    /// Load another framework file or folder (can be repeated).
    #[arg(long = "framework", global = true, value_name = "PATH")]
    pub frameworks: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `id` or `en`, also in a locale's form (`en_US.UTF-8`, `id-ID`); anything else is
/// refused with the valid ones, never silently read as Indonesian.
pub fn parse_lang(value: &str) -> Result<Lang, String> {
    let code = value.split(['_', '-', '.']).next().unwrap_or("").to_ascii_lowercase();
    match code.as_str() {
        "id" => Ok(Lang::Id),
        "en" => Ok(Lang::En),
        _ => Err("pmk3i speaks id (Bahasa Indonesia) and en (English) · pmk3i berbahasa: id, en".to_string()),
    }
}

/// The language the help is written in, read before the arguments are parsed (the
/// help is what parsing prints): `--lang X`/`--lang=X`, else `PMK3I_LANG`, else
/// Indonesian. An unknown value is left for the parser to refuse.
fn help_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut value = None;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let arg = arg.to_string_lossy();
        if arg == "--lang" {
            value = iter.next().map(|v| v.to_string_lossy().into_owned());
        } else if let Some(v) = arg.strip_prefix("--lang=") {
            value = Some(v.to_string());
        }
    }
    let value = value.or_else(|| std::env::var("PMK3I_LANG").ok());
    value.and_then(|v| parse_lang(&v).ok()).unwrap_or_default()
}

/// Indonesian help for the program, each option and each command. The derive's doc
/// comments are the English help; this table is the Indonesian one, by argument id.
const HELP_ID: &[(&str, &str)] = &[
    (
        "db",
        "Berkas basis data (bawaan: pmk3i.sqlite3 di folder data pengguna; atau variabel PMK3I_DB).",
    ),
    (
        "lang",
        "Bahasa antarmuka: id (Bahasa Indonesia, bawaan) atau en (English); atau variabel PMK3I_LANG.",
    ),
    ("frameworks", "Muat berkas atau folder kerangka lain (boleh diulang)."),
    (
        "plain",
        "Mode teks: pertanyaan baris demi baris tanpa gerakan kursor atau kotak, untuk pembaca layar, layar braille dan koneksi lambat (juga bila TERM=dumb).",
    ),
    ("paths", "Berkas atau folder kerangka yang diperiksa."),
    ("json", "Cetak JSON, bukan tabel."),
    ("id", "Nomor penilaian, seperti ditampilkan `pmk3i list`."),
    ("out", "Tulis ke FILE, bukan ke keluaran standar."),
    (
        "files",
        "Berkas yang ditulis `pmk3i export ID --format json`, atau folder berisi berkas itu (*.json).",
    ),
    (
        "prefer",
        "Bila jawaban seorang responden untuk satu indikator berbeda antara basis data dan berkas: `newer` memakai yang updated_at-nya lebih baru (bawaan: berkas ditolak).",
    ),
    (
        "record",
        "Ekspor JSON (`pmk3i export ID --format json`) atau berita acara HTML (`pmk3i berita-acara ID --format html`).",
    ),
    (
        "indicator",
        "Hanya perubahan indikator ini (atau pilar, untuk teksnya).",
    ),
    (
        "deleted",
        "Catatan penilaian yang dihapus (daerah, periode, login, waktu), bukan riwayat satu penilaian.",
    ),
    (
        "since",
        "Hanya perubahan pada atau setelah tanggal ini (TTTT-BB-HH, UTC).",
    ),
    (
        "copy",
        "Impor berkas yang pernah diimpor sebagai salinan: penilaian terpisah bertanda \"salinan impor\" (periodenya tetap), tidak pernah digabung.",
    ),
    ("query", "Nama (atau sebagian) atau kode."),
    (
        "id1",
        "Nomor penilaian yang lebih dulu, seperti ditampilkan `pmk3i list`.",
    ),
    ("id2", "Nomor penilaian yang kemudian."),
    ("new_period", "Periode baru, mis. 2027."),
    (
        "respondents",
        "Salin daftar responden (nama, organisasi, kelompok heliks; bukan jawabannya).",
    ),
    (
        "province",
        "Hanya provinsi ini (namanya, mis. \"Jawa Timur\", atau kodenya, mis. 35).",
    ),
    (
        "subsector",
        "Hanya daerah yang subsektor unggulannya ini (id-nya, mis. kuliner).",
    ),
    (
        "weak",
        "Hanya daerah yang lemah di pilar ini (skor di bawah 40, kategori Rintisan), mis. distribusi.",
    ),
    ("period", "Penilaian periode ini (bawaan: yang terakhir tiap daerah)."),
    (
        "framework_id",
        "Kerangka yang penilaiannya dibandingkan (bawaan: pmk3i bila ada penilaian yang memakainya, selain itu yang paling banyak dipakai).",
    ),
    ("region", "Nomor daerah, seperti ditampilkan `pmk3i region list`."),
    ("code", "Kode Kemendagri, mis. 35.71 (lihat `pmk3i region find NAMA`)."),
];

/// Indonesian descriptions of the commands.
const COMMANDS_ID: &[(&str, &str)] = &[
    (
        "validate",
        "Periksa berkas kerangka; tanpa PATH, setiap kerangka yang akan dimuat pmk3i.",
    ),
    (
        "frameworks",
        "Daftar kerangka yang dimuat: id, versi, judul, pilar, indikator, sumber.",
    ),
    (
        "list",
        "Daftar penilaian: daerah, periode, kerangka, responden, kelengkapan, skor.",
    ),
    (
        "export",
        "Ekspor satu penilaian (ID dari `pmk3i list`) dengan jawaban dan skor hasil hitungan.",
    ),
    (
        "import",
        "Buat ulang penilaian dari ekspor JSON, atau gabungkan ekspor beberapa laptop lokakarya untuk daerah, periode dan kerangka yang sama. Berkas yang sama dua kali tidak mengubah apa pun.",
    ),
    (
        "report",
        "Tulis laporan satu penilaian: Markdown atau satu berkas HTML mandiri.",
    ),
    (
        "berita-acara",
        "Tulis berita acara DKT dan uji petik (dengan komitmen, tanda tangan dan sidik jari): Markdown atau HTML untuk dicetak A4.",
    ),
    (
        "check",
        "Periksa seluruh basis data: integritas SQLite dan kunci tamu, setiap salinan kerangka terhadap hash-nya, setiap ringkasan daftar terhadap jawabannya. Memulihkan salinan kerangka yang rusak dari kerangka bawaan atau berkas --framework dengan hash yang sama.",
    ),
    (
        "verify",
        "Hitung ulang sidik jari ekspor JSON atau berita acara HTML dan katakan apakah catatannya diubah.",
    ),
    (
        "compare",
        "Bandingkan dua penilaian (ID1 yang lebih dulu, ID2 yang kemudian): perubahan per pilar dan skor utama, indikator yang naik atau turun, target periode lalu tercapai atau tidak, komitmen periode lalu dengan tindak lanjutnya (`pmk3i followup`).",
    ),
    (
        "new-period",
        "Tahun kedua: periode baru dari satu penilaian (daerah dan subsektor kandidat sama; dengan --respondents daftar respondennya). Jawaban tidak pernah disalin: tingkat dan target periode lalu tampil di samping tiap pertanyaan sebagai acuan.",
    ),
    (
        "followup",
        "Tahun kedua: tindak lanjut komitmen periode lalu (selesai, berjalan, belum mulai; tanggal dan catatan), dicatat di penilaian yang kemudian.",
    ),
    (
        "map",
        "Peta Ekonomi Kreatif Nasional: satu baris per daerah (penilaian terakhir, skor, kategori, unggulan, skor per pilar, tahap) termasuk daerah yang belum dinilai, dan ringkasan per provinsi.",
    ),
    (
        "region",
        "Daerah resmi (kode Kemendagri): daftar di basis data, cari, tautkan daerah \"tanpa kode\".",
    ),
    (
        "history",
        "Riwayat satu penilaian: setiap perubahan, siapa (login) mengubahnya, kapan, dari → ke.",
    ),
];

/// Format options, whose help differs per command.
const FORMAT_ID: &[(&str, &str)] = &[
    (
        "compare",
        "md (Markdown, bawaan), html (satu halaman mandiri), json atau csv.",
    ),
    (
        "map",
        "table (bawaan), csv, json, atau html (satu halaman mandiri untuk pejabat: tabel yang dapat diurutkan dan disaring, ringkasan per provinsi, siap cetak A4 melintang).",
    ),
    (
        "export",
        "json (semuanya, dengan hasil hitungan; dapat diimpor ulang) atau csv (satu baris per jawaban ditambah baris hasil dan baris riwayat perubahan).",
    ),
    ("history", "table (untuk dibaca), csv atau json."),
    (
        "report",
        "md (Markdown) atau html (satu berkas mandiri untuk dikirim, dibuka di peramban, atau dicetak).",
    ),
    (
        "berita-acara",
        "md (Markdown) atau html (satu berkas untuk dicetak pada kertas A4, dapat diperiksa dengan `pmk3i verify`).",
    ),
];

const ABOUT_ID: &str = "PMK3I — Penilaian Mandiri Kabupaten/Kota Kreatif Indonesia";
const LONG_ABOUT_ID: &str = "PMK3I — Penilaian Mandiri Kabupaten/Kota Kreatif Indonesia.\n\n\
    Tanpa perintah, membuka layar penilaian yang dijalankan dengan papan ketik (TUI). Perintah di \
    bawah ini berjalan tanpa terminal, untuk skrip dan lembar kerja.\n\n\
    Data disimpan dalam satu berkas SQLite di folder data Anda (lihat `--db`); kerangka dibaca dari \
    kerangka PMK3I bawaan, <folder data>/frameworks/ dan --framework.";
const AFTER_HELP_ID: &str = "Contoh:\n  pmk3i                                   buka layar penilaian\n  \
    pmk3i list                              penilaian dengan skor dan kelengkapan\n  \
    pmk3i export 3 --format csv --out a.csv  jawaban dan hasil untuk lembar kerja\n  \
    pmk3i report 3 --format html --out a.html\n  \
    pmk3i validate kerangka-saya.json       periksa berkas kerangka\n  \
    pmk3i --lang en list                    keluaran berbahasa Inggris (atau PMK3I_LANG=en)";
const TEMPLATE_ID: &str = "{before-help}{about-with-newline}\nPemakaian: {usage}\n\n{all-args}{after-help}";

/// Puts the Indonesian texts on one command's own arguments and headings.
fn indonesian_args(command: clap::Command, name: &str) -> clap::Command {
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    let mut command = command
        .help_template(TEMPLATE_ID)
        .subcommand_help_heading("Perintah")
        .subcommand_value_name("PERINTAH")
        // clap's own -h and -V speak English: replace them with ours.
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .help("Tampilkan bantuan ini.")
                .help_heading("Opsi")
                .action(clap::ArgAction::Help),
        );
    if command.get_version().is_some() {
        command = command.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .help("Tampilkan versi.")
                .help_heading("Opsi")
                .action(clap::ArgAction::Version),
        );
    }
    for id in ids {
        let help = if id == "format" {
            FORMAT_ID.iter().find(|(c, _)| *c == name).map(|(_, h)| *h)
        } else {
            HELP_ID.iter().find(|(a, _)| *a == id).map(|(_, h)| *h)
        };
        command = command.mut_arg(id.as_str(), |a| {
            let heading = if a.is_positional() { "Argumen" } else { "Opsi" };
            // clap prints "[env: …]" and "[possible values: …]" in English; the
            // Indonesian help names them itself.
            let takes_values = a.get_action().takes_values();
            let a = a
                .help_heading(heading)
                .hide_env(true)
                .hide_possible_values(takes_values);
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    command
}

/// The command line with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    let mut command = Cli::command().disable_help_subcommand(true);
    if lang == Lang::Id {
        command = indonesian_args(command, "pmk3i")
            .about(ABOUT_ID)
            .long_about(LONG_ABOUT_ID)
            .after_help(AFTER_HELP_ID);
        for (name, about) in COMMANDS_ID {
            command = command.mut_subcommand(*name, |c| indonesian_args(c, name).about(*about));
        }
        command = command.mut_subcommand("followup", |mut c| {
            c = crate::period_cli::indonesian_followup_args(c);
            for (name, about) in crate::period_cli::FOLLOWUP_COMMANDS_ID {
                c = c.mut_subcommand(*name, |s| {
                    crate::period_cli::indonesian_followup_args(indonesian_args(s, name)).about(*about)
                });
            }
            c
        });
        command = command.mut_subcommand("region", |mut c| {
            for (name, about) in crate::region_cli::REGION_COMMANDS_ID {
                c = c.mut_subcommand(*name, |s| indonesian_args(s, name).about(*about));
            }
            c
        });
    }
    command
}

/// Parses the process's arguments, with `--help` in the user's language (exits on
/// `--help`, `--version` and errors, as clap does).
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = command(help_lang(&args)).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check framework files; with no PATH, every framework pmk3i would load.
    Validate {
        /// Framework files or folders to check.
        paths: Vec<PathBuf>,
    },
    /// List the loaded frameworks: id, version, title, pillars, indicators, source.
    Frameworks,
    /// List assessments: region, period, framework, respondents, completeness, score.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Export one assessment (ID from `pmk3i list`) with its answers and computed scores.
    Export {
        /// The assessment's number, as shown by `pmk3i list`.
        id: i64,
        /// json: everything, with computed results (re-importable); csv: one row per answer plus result rows and history rows (who changed what, when).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Re-create an assessment from a JSON export, or merge workshop laptops' exports of
    /// the same region, period and framework into one. The same file twice changes nothing.
    Import {
        /// Files written by `pmk3i export ID --format json`, or folders of them (*.json).
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Import a file that was imported before as a separate assessment marked "import copy"
        /// (its period stays as in the file); a copy is never merged into.
        #[arg(long)]
        copy: bool,
        /// When a respondent's answer to an indicator differs between the database and the
        /// file: `newer` keeps the one with the later updated_at (default: refuse the file).
        #[arg(long, value_enum, value_name = "WHICH")]
        prefer: Option<PreferArg>,
    },
    /// Check the whole database: SQLite's integrity and foreign keys, every stored
    /// framework against its hash, every list summary against its answers. Restores a
    /// damaged framework copy from a bundled or --framework file with the same hash.
    Check,
    /// The history of one assessment: every change, who made it (the login), when, from → to.
    History {
        /// The assessment's number, as shown by `pmk3i list`.
        #[arg(required_unless_present = "deleted")]
        id: Option<i64>,
        /// The database's log of deleted assessments instead (region, period, login, time).
        #[arg(long, conflicts_with_all = ["id", "indicator"])]
        deleted: bool,
        /// Only the changes of this indicator (or pillar, for its texts).
        #[arg(long, value_name = "INDICATOR")]
        indicator: Option<String>,
        /// Only the changes on or after this date (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// table (for reading), csv or json.
        #[arg(long, value_enum, default_value = "table")]
        format: HistoryFormat,
    },
    /// Compare two assessments (ID1 earlier, ID2 later): per-pillar and headline change,
    /// indicators that rose or fell, previous targets met or missed, previous
    /// commitments with their follow-up (`pmk3i followup`).
    Compare {
        /// The earlier assessment's number, as shown by `pmk3i list`.
        id1: i64,
        /// The later assessment's number.
        id2: i64,
        /// md (Markdown), html (one self-contained page), json or csv.
        #[arg(long, value_enum, default_value = "md")]
        format: CompareFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Year two: a new period from an assessment (same region and candidates; with
    /// --respondents its respondent list). Answers are never copied: the previous
    /// period's levels and targets show beside each question as reference.
    NewPeriod {
        /// The assessment to start from, as shown by `pmk3i list`.
        id: i64,
        /// The new period, e.g. 2027.
        #[arg(id = "new_period", long = "period", value_name = "P")]
        period: String,
        /// Copy the respondent list (names, organisations, helix groups; not their answers).
        #[arg(long)]
        respondents: bool,
    },
    /// Year two: the follow-up of the earlier period's commitments (selesai, berjalan,
    /// belum mulai; a date and a note), recorded on the later assessment.
    Followup(crate::period_cli::FollowupArgs),
    /// The national map: one row per region (latest assessment, score, band, flagship,
    /// per-pillar scores, stage), the regions never assessed, and a per-province summary.
    Map(crate::map_cli::MapArgs),
    /// The official regions (Kemendagri codes): those in the database, look-up, and
    /// linking a region "tanpa kode" to its code.
    Region {
        #[command(subcommand)]
        command: crate::region_cli::RegionCommand,
    },
    /// Write a report of one assessment: Markdown or a self-contained HTML file.
    Report {
        /// The assessment's number, as shown by `pmk3i list`.
        id: i64,
        /// md: Markdown; html: one self-contained file to email, open in a browser or print.
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write the berita acara of the discussion and the uji petik (commitments,
    /// signature blocks, fingerprint): Markdown, or HTML to print on A4.
    BeritaAcara {
        /// The assessment's number, as shown by `pmk3i list`.
        id: i64,
        /// md: Markdown; html: one file to print on A4, checkable with `pmk3i verify`.
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Recompute the fingerprint of a JSON export or an HTML berita acara and say
    /// whether the record was changed.
    Verify {
        /// A JSON export (`pmk3i export ID --format json`) or an HTML berita acara.
        record: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum HistoryFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CompareFormat {
    Md,
    Html,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PreferArg {
    Newer,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
}

/// Where pmk3i keeps its files: `PMK3I_DATA_DIR`, else the platform data folder.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PMK3I_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("id", "pmk3i", "pmk3i").map(|d| d.data_dir().to_path_buf())
}

impl Cli {
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    pub fn db_path(&self) -> Result<PathBuf, Failure> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => data_dir().map(|d| d.join("pmk3i.sqlite3")).ok_or_else(|| {
                Failure::new(
                    1,
                    Message::new(
                        "folder data untuk pengguna ini tidak ditemukan; tentukan berkas basis data dengan --db PATH",
                        "cannot find a data folder for this user; give a database file with --db PATH",
                    ),
                )
            }),
        }
    }

    pub fn framework_set(&self) -> FrameworkSet {
        FrameworkSources::standard(data_dir().as_deref(), self.frameworks.clone()).load()
    }

    /// Opens the database for a command that writes. The command writes as no walk:
    /// the database refuses it any respondent's answers (`pmk3i import` declares itself).
    pub fn open_store(&self) -> Result<Store, Failure> {
        let mut store = Store::open(&self.db_path()?)?;
        store.set_writer(Some(crate::store::Writer::Admin))?;
        Ok(store)
    }

    /// Opens the database for a command that only reads: a `--db` (or `PMK3I_DB`)
    /// that does not exist is reported, not created. Without one, a database not made
    /// yet reads as empty and nothing is created.
    pub fn open_store_read(&self) -> Result<Store, Failure> {
        let path = self.db_path()?;
        if self.db.is_none() && std::fs::symlink_metadata(&path).is_err() {
            return Ok(Store::open_in_memory()?);
        }
        Ok(Store::open_with(&path, crate::store::Missing::Refuse)?)
    }
}

/// A failure with the exit code it should end the process with. Its message is kept
/// in both languages because errors travel up through `?` before anything knows the
/// language; `main` prints it in the user's.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: Message,
}

impl Failure {
    pub fn new(code: i32, message: Message) -> Failure {
        Failure { code, message }
    }
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Failure {
        let e: anyhow::Error = e.into();
        let broken_pipe = e.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        });
        let code = if broken_pipe {
            EXIT_BROKEN_PIPE
        } else if e.downcast_ref::<StoreError>().is_some_and(StoreError::is_refusal)
            || e.downcast_ref::<ExchangeError>().is_some_and(|x| {
                matches!(x, ExchangeError::Invalid { .. } | ExchangeError::AlreadyImported { .. })
                    || matches!(x, ExchangeError::Store(s) if s.is_refusal())
            })
        {
            EXIT_INVALID
        } else {
            1
        };
        Failure {
            code,
            message: Message::new(describe(&e, Lang::Id), describe(&e, Lang::En)),
        }
    }
}

/// An error in `lang`: the store's and the exchange's own messages; anything else
/// (an operating system's or a library's error) as it describes itself.
fn describe(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(s) = e.downcast_ref::<StoreError>() {
        s.message(lang)
    } else if let Some(x) = e.downcast_ref::<ExchangeError>() {
        x.message(lang)
    } else {
        format!("{e:#}")
    }
}

/// Runs a headless command, writing its output to `out`.
pub fn run_command(cli: &Cli, command: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    let lang = cli.lang();
    if !cli.frameworks.is_empty() && !matches!(command, Command::Validate { .. } | Command::Frameworks) {
        // This command does not need the --framework file, but a broken one should
        // not pass unnoticed.
        for problem in cli.framework_set().problems {
            eprintln!(
                "{} {}",
                lang.pick("peringatan:", "warning:"),
                crate::safe_text::for_terminal(&problem.render(lang))
            );
        }
    }
    match command {
        Command::Validate { paths } => validate(cli, paths, lang, out),
        Command::Frameworks => {
            let set = cli.framework_set();
            report_problems(&set)?;
            for f in &set.frameworks {
                let fw = &f.framework;
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    fw.id,
                    fw.version,
                    fw.title.get(lang),
                    pillar_count(fw.pillars.len(), lang),
                    indicator_count(fw.indicator_count(), lang),
                    f.origin
                )?;
            }
            Ok(())
        }
        Command::List { json } => list(cli, *json, lang, out),
        Command::Check => check(cli, lang, out),
        Command::Export { id, format, out: file } => {
            let store = cli.open_store_read()?;
            let bytes = match format {
                ExportFormat::Json => {
                    let mut s = exchange::export_json(&store, *id)?;
                    s.push('\n');
                    s.into_bytes()
                }
                ExportFormat::Csv => exchange::export_csv(&store, *id, lang)?,
            };
            write_output(file.as_deref(), &bytes, lang, out)
        }
        Command::Import { files, copy, prefer } => {
            let dup = if *copy { Duplicate::Copy } else { Duplicate::Refuse };
            let prefer = match prefer {
                Some(PreferArg::Newer) => crate::merge::Prefer::Newer,
                None => crate::merge::Prefer::Refuse,
            };
            crate::import_cli::run(cli, files, dup, prefer, lang, out)
        }
        Command::History {
            id,
            deleted,
            indicator,
            since,
            format,
        } => match (id, deleted) {
            (Some(id), false) => history(cli, *id, indicator.as_deref(), since.as_deref(), *format, lang, out),
            _ => deletions(cli, since.as_deref(), *format, lang, out),
        },
        Command::Compare {
            id1,
            id2,
            format,
            out: file,
        } => {
            let store = cli.open_store_read()?;
            let (before, fw_before, _) = exchange::load_with_framework(&store, *id1)?;
            let (after, fw_after, _) = exchange::load_with_framework(&store, *id2)?;
            let mut c = crate::compare::compare(&fw_before, &before, &fw_after, &after, lang);
            crate::compare::load_followups(&store, &mut c, lang)?;
            let bytes = match format {
                CompareFormat::Md => crate::compare::markdown(&c, lang).into_bytes(),
                CompareFormat::Csv => crate::compare::csv(&c, lang)?,
                CompareFormat::Json => {
                    let mut s = crate::safe_text::to_json_pretty(&c)?;
                    s.push('\n');
                    s.into_bytes()
                }
                CompareFormat::Html => crate::compare::html(&c, lang)?.into_bytes(),
            };
            write_output(file.as_deref(), &bytes, lang, out)
        }
        Command::NewPeriod {
            id,
            period,
            respondents,
        } => crate::period_cli::run(cli, *id, period, *respondents, lang, out),
        Command::Followup(args) => crate::period_cli::run_followup(cli, args, lang, out),
        Command::Map(args) => crate::map_cli::run(cli, args, lang, out),
        Command::Region { command } => crate::region_cli::run(cli, command, lang, out),
        Command::Report { id, format, out: file } => {
            let store = cli.open_store_read()?;
            let (assessment, framework, _) = exchange::load_with_framework(&store, *id)?;
            let text = match format {
                ReportFormat::Md => crate::report::markdown(&framework, &assessment, lang),
                ReportFormat::Html => crate::report::html(&framework, &assessment, lang)?,
            };
            write_output(file.as_deref(), text.as_bytes(), lang, out)
        }
        Command::BeritaAcara { id, format, out: file } => {
            let store = cli.open_store_read()?;
            let (assessment, framework, _) = exchange::load_with_framework(&store, *id)?;
            let moved = crate::report::berita_acara::levels_moved(&store, &assessment);
            let moved = moved.as_deref();
            let text = match format {
                ReportFormat::Md => crate::report::berita_acara_markdown(&framework, &assessment, moved, lang)?,
                ReportFormat::Html => crate::report::berita_acara_html(&framework, &assessment, moved, lang)?,
            };
            write_output(file.as_deref(), text.as_bytes(), lang, out)
        }
        Command::Verify { record } => verify(record, lang, out),
    }
}

/// `pmk3i verify FILE`: exit 0 when the fingerprint matches the record, 1 when the
/// record was changed, 2 when the file is not one that can be checked.
fn verify(file: &Path, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let bytes = read_import(file)?;
    let shown = file.display().to_string();
    let found = crate::workshop::verify(&bytes).map_err(|e| {
        Failure::new(
            EXIT_INVALID,
            Message::new(format!("{shown}: {}", e.0.id), format!("{shown}: {}", e.0.en)),
        )
    })?;
    let safe = crate::safe_text::for_terminal;
    if found.intact() {
        writeln!(
            out,
            "{} {}\nSHA-256 {}",
            safe(&shown),
            lang.pick(
                "cocok: catatan tidak diubah sejak sidik jarinya dibuat.",
                "matches: the record was not changed since its fingerprint was made."
            ),
            found.computed
        )?;
        return Ok(());
    }
    let mut id = format!("{shown}: catatan TELAH DIUBAH sejak sidik jarinya dibuat.");
    let mut en = format!("{shown}: the record WAS CHANGED since its fingerprint was made.");
    if found.stated != found.computed {
        id.push_str(&format!(
            "\n  tertulis   {}\n  dihitung   {}",
            safe(&found.stated),
            found.computed
        ));
        en.push_str(&format!(
            "\n  stated     {}\n  computed   {}",
            safe(&found.stated),
            found.computed
        ));
    }
    if !found.changed.is_empty() {
        let list = found.changed.iter().map(|k| safe(k)).collect::<Vec<_>>().join(", ");
        id.push_str(&format!("\n  isi yang tercetak tidak sesuai catatannya: {list}"));
        en.push_str(&format!("\n  printed values that differ from the record: {list}"));
    }
    Err(Failure::new(1, Message::new(id, en)))
}

/// The largest file `import` reads: an export of hundreds of respondents with long
/// notes stays far below it; `/dev/zero` or a wrong file does not fill the memory.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an import file: a regular file of at most [`MAX_IMPORT_BYTES`].
pub(crate) fn read_import(file: &Path) -> Result<Vec<u8>, Failure> {
    use crate::input_file::{InputError, read_regular};
    read_regular(file, MAX_IMPORT_BYTES).map_err(|e| {
        let shown = file.display();
        let cap = MAX_IMPORT_BYTES / (1024 * 1024);
        let message = match e {
            InputError::TooLarge(len) => {
                let size = len as f64 / (1024.0 * 1024.0);
                Message::new(
                    format!(
                        "{shown}: berkas terlalu besar ({size:.1} MB; berkas impor paling besar {cap} MB): ini bukan ekspor pmk3i"
                    ),
                    format!(
                        "{shown}: file is too large ({size:.1} MB; an import may be at most {cap} MB): this is not a pmk3i export"
                    ),
                )
            }
            other => {
                let m = other.message();
                Message::new(format!("{shown}: {}", m.id), format!("{shown}: {}", m.en))
            }
        };
        Failure::new(EXIT_INVALID, message)
    })
}

pub(crate) fn write_output(file: Option<&Path>, bytes: &[u8], lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    match file {
        Some(path) => {
            crate::private_file::write_private(path, bytes).map_err(|e| {
                let (shown, existed) = (path.display(), path.exists());
                let (kept_id, kept_en) = if existed {
                    (
                        "; berkas yang sudah ada tidak diubah",
                        "; the existing file was left unchanged",
                    )
                } else {
                    ("", "")
                };
                Failure::new(
                    1,
                    Message::new(
                        format!("{shown}: tidak dapat ditulis: {e}{kept_id}"),
                        format!("{shown}: cannot write: {e}{kept_en}"),
                    ),
                )
            })?;
            writeln!(out, "{} {}", lang.pick("Ditulis:", "Written:"), path.display())?;
        }
        None => out.write_all(bytes)?,
    }
    Ok(())
}

/// Problems in framework files are fatal for commands that rely on frameworks.
fn report_problems(set: &FrameworkSet) -> Result<(), Failure> {
    if set.problems.is_empty() {
        return Ok(());
    }
    let in_lang = |lang: Lang| {
        let mut message = set
            .problems
            .iter()
            .map(|p| p.render(lang))
            .collect::<Vec<_>>()
            .join("\n");
        message.push_str(lang.pick(
            "\nPerbaiki berkas kerangka di atas (lihat docs/frameworks.md), lalu jalankan `pmk3i validate`.",
            "\nFix the framework files above (see docs/frameworks.md), then run `pmk3i validate`.",
        ));
        message
    };
    Err(Failure::new(
        EXIT_INVALID,
        Message::new(in_lang(Lang::Id), in_lang(Lang::En)),
    ))
}

fn pillar_count(n: usize, lang: Lang) -> String {
    fmt_count(n, lang, "pilar", "pillar", "pillars")
}

fn indicator_count(n: usize, lang: Lang) -> String {
    fmt_count(n, lang, "indikator", "indicator", "indicators")
}

fn validate(cli: &Cli, paths: &[PathBuf], lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let set = if paths.is_empty() {
        cli.framework_set()
    } else {
        FrameworkSources {
            include_bundled: false,
            dirs: Vec::new(),
            files: paths.to_vec(),
        }
        .load()
    };
    for f in &set.frameworks {
        writeln!(
            out,
            "OK  {} ({} {}, {}, {})",
            f.origin,
            f.framework.id,
            f.framework.version,
            pillar_count(f.framework.pillars.len(), lang),
            indicator_count(f.framework.indicator_count(), lang)
        )?;
    }
    for (hidden, used) in &set.shadowed {
        writeln!(
            out,
            "{} {hidden} {} {used}",
            lang.pick("Catatan:", "Note:"),
            lang.pick(
                "digantikan oleh kerangka dengan id sama di",
                "is replaced by the framework with the same id in"
            )
        )?;
    }
    if set.frameworks.is_empty() && set.problems.is_empty() {
        return Err(Failure::new(
            EXIT_INVALID,
            Message::new(
                "Tidak ada berkas kerangka (*.json) yang ditemukan.",
                "No framework files (*.json) found.",
            ),
        ));
    }
    report_problems(&set)
}

#[derive(serde::Serialize)]
struct ListRow {
    id: i64,
    region: String,
    province: String,
    period: String,
    /// Made by `pmk3i import --copy` (left out when false).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    import_copy: bool,
    framework: String,
    respondents: usize,
    completeness: Option<f64>,
    headline_score: Option<f64>,
    band: Option<String>,
    status: String,
    updated_at: String,
}

/// Prints the list from the stored summaries, one row at a time (memory stays flat
/// however many assessments there are).
fn list(cli: &Cli, json: bool, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let store = cli.open_store_read()?;
    if !json && let Some(note) = store.access().note(lang) {
        writeln!(out, "{}", crate::safe_text::for_terminal(&note))?;
    }
    let mut count = 0usize;
    let mut failed: Option<std::io::Error> = None;
    let mut fail = |e: std::io::Error| {
        failed = Some(e);
        StoreError::Invalid(Message::new("", ""))
    };
    crate::overview::each_overview(&store, lang, |o| {
        let r = ListRow {
            id: o.id,
            region: o.region,
            province: o.province,
            period: o.period,
            import_copy: o.import_copy,
            framework: format!("{} {}", o.framework_id, o.framework_version),
            respondents: o.respondents,
            completeness: o.completeness,
            headline_score: o.headline_score,
            band: o.band,
            status: o.status,
            updated_at: o.updated_at,
        };
        let written = if json {
            // The same text serde_json's pretty printer gives for the whole array.
            let item = crate::safe_text::to_json_pretty(&r).map_err(std::io::Error::other);
            item.and_then(|item| {
                let sep = if count == 0 { "[\n" } else { ",\n" };
                write!(out, "{sep}  {}", item.replace('\n', "\n  "))
            })
        } else {
            (|| {
                if count == 0 {
                    writeln!(
                        out,
                        "{}",
                        lang.pick(
                            "ID\tDaerah\tPeriode\tKerangka\tResponden\tKelengkapan\tSkor\tKategori",
                            "ID\tRegion\tPeriod\tFramework\tRespondents\tCompleteness\tScore\tBand"
                        )
                    )?;
                }
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.region,
                    crate::exchange::period_label(&r.period, r.import_copy, lang),
                    r.framework,
                    r.respondents,
                    fmt_percent(r.completeness),
                    fmt_score(r.headline_score),
                    r.band.unwrap_or_else(|| "—".into())
                )
            })()
        };
        count += 1;
        written.map_err(&mut fail)
    })
    .map_err(|e| match failed.take() {
        Some(io) => Failure::from(io),
        None => Failure::from(e),
    })?;
    if json {
        writeln!(out, "{}", if count == 0 { "[]" } else { "\n]" })?;
    } else if count == 0 {
        writeln!(
            out,
            "{}",
            lang.pick(
                "Belum ada penilaian. Jalankan `pmk3i` untuk membuat yang pertama.",
                "No assessments yet. Run `pmk3i` to create the first one."
            )
        )?;
    }
    Ok(())
}

/// Whether `s` is a date `YYYY-MM-DD` with a possible month and day.
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn since_date(since: Option<&str>) -> Result<(), Failure> {
    match since {
        Some(date) if !is_date(date) => Err(Failure::new(
            2,
            Message::new(
                format!("--since \"{date}\": bukan tanggal; tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-03-10"),
                format!("--since \"{date}\": not a date; write it as YYYY-MM-DD, for example 2026-03-10"),
            ),
        )),
        _ => Ok(()),
    }
}

/// `pmk3i history --deleted`: the database's log of deleted assessments, oldest first.
fn deletions(
    cli: &Cli,
    since: Option<&str>,
    format: HistoryFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    since_date(since)?;
    let store = cli.open_store_read()?;
    let rows: Vec<_> = store
        .deletions()?
        .into_iter()
        .filter(|d| since.is_none_or(|s| d.at.as_str() >= s))
        .collect();
    match format {
        HistoryFormat::Json => {
            let text = crate::safe_text::to_json_pretty(&rows).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        HistoryFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["at", "login", "assessment", "region", "period"])
                .map_err(std::io::Error::other)?;
            for d in &rows {
                w.write_record([
                    d.at.clone(),
                    crate::exchange::csv_text(&d.login),
                    d.assessment_id.to_string(),
                    crate::exchange::csv_text(&d.region),
                    crate::exchange::csv_text(&d.period),
                ])
                .map_err(std::io::Error::other)?;
            }
            let bytes = w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
            out.write_all(&bytes)?;
        }
        HistoryFormat::Table => {
            if rows.is_empty() {
                writeln!(
                    out,
                    "{}",
                    lang.pick("Belum ada penilaian yang dihapus.", "No assessment has been deleted.")
                )?;
                return Ok(());
            }
            writeln!(
                out,
                "{}",
                lang.pick(
                    "Waktu (UTC)\tLogin\tPenilaian\tDaerah\tPeriode",
                    "Time (UTC)\tLogin\tAssessment\tRegion\tPeriod"
                )
            )?;
            for d in &rows {
                let line = format!(
                    "{}\t{}\t{}\t{}\t{}",
                    d.at.replace('T', " ").trim_end_matches('Z'),
                    d.login,
                    d.assessment_id,
                    d.region,
                    d.period
                );
                writeln!(out, "{}", crate::safe_text::for_terminal(&line))?;
            }
        }
    }
    Ok(())
}

/// `pmk3i history ID`: the assessment's change log, oldest first.
fn history(
    cli: &Cli,
    id: i64,
    indicator: Option<&str>,
    since: Option<&str>,
    format: HistoryFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    since_date(since)?;
    let store = cli.open_store_read()?;
    if !store.assessment_ids()?.contains(&id) {
        return Err(StoreError::NoSuchAssessment(id).into());
    }
    let changes = store.history(id, indicator, since)?;
    match format {
        HistoryFormat::Json => {
            let text = crate::safe_text::to_json_pretty(&changes).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        HistoryFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "at",
                "login",
                "walker",
                "respondent",
                "what",
                "indicator",
                "subsector",
                "field",
                "old",
                "new",
            ])
            .map_err(std::io::Error::other)?;
            for c in &changes {
                let cell = |s: &Option<String>| crate::exchange::csv_text(s.as_deref().unwrap_or(""));
                w.write_record([
                    c.at.clone(),
                    crate::exchange::csv_text(&c.login),
                    cell(&c.walker),
                    cell(&c.respondent),
                    c.what.clone(),
                    cell(&c.item),
                    cell(&c.subsector),
                    c.field.clone(),
                    cell(&c.old),
                    cell(&c.new),
                ])
                .map_err(std::io::Error::other)?;
            }
            let bytes = w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
            out.write_all(&bytes)?;
        }
        HistoryFormat::Table => {
            if changes.is_empty() {
                writeln!(
                    out,
                    "{}",
                    lang.pick(
                        "Belum ada perubahan yang tercatat untuk pilihan ini.",
                        "No changes recorded for this selection."
                    )
                )?;
                return Ok(());
            }
            writeln!(
                out,
                "{}",
                lang.pick(
                    "Waktu (UTC)\tLogin\tPengisi\tIndikator\tIsian\tDari → ke",
                    "Time (UTC)\tLogin\tWalk\tIndicator\tField\tFrom → to"
                )
            )?;
            for c in &changes {
                writeln!(out, "{}", crate::safe_text::for_terminal(&history_line(c, lang)))?;
            }
        }
    }
    Ok(())
}

/// Who walked: the respondent's name, the consensus or the verification, or "—".
pub fn walker_label(c: &crate::store::Change, lang: Lang) -> String {
    match (c.walker.as_deref(), &c.respondent) {
        (Some("respondent"), Some(name)) => name.clone(),
        (Some("consensus"), _) => lang.pick("konsensus", "consensus").to_string(),
        (Some("verified"), _) => lang.pick("verifikasi", "verification").to_string(),
        _ => "—".to_string(),
    }
}

/// One change as a table line: time, login, walker, indicator/subsector, field, from → to.
pub fn history_line(c: &crate::store::Change, lang: Lang) -> String {
    let value = |v: &Option<String>| match v.as_deref() {
        None | Some("") => "—".to_string(),
        Some(v) => v.replace(['\n', '\t'], " "),
    };
    let item = match (&c.item, &c.subsector) {
        (Some(i), Some(s)) => format!("{i}/{s}"),
        (Some(i), None) => i.clone(),
        (None, _) => c.what.clone(),
    };
    format!(
        "{}\t{}\t{}\t{item}\t{}\t{} → {}",
        c.at.replace('T', " ").trim_end_matches('Z'),
        c.login,
        walker_label(c, lang),
        c.field,
        value(&c.old),
        value(&c.new)
    )
}

/// `pmk3i check`: restores damaged framework copies it can, then reports every
/// problem found (exit 2), or one line saying what was checked.
fn check(cli: &Cli, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let mut store = Store::open_with(&cli.db_path()?, crate::store::Missing::Refuse)?;
    let set = cli.framework_set();
    store.offer_frameworks(&set.frameworks);
    for hash in store.restore_snapshots()? {
        writeln!(
            out,
            "{} {hash}",
            lang.pick(
                "Salinan kerangka dipulihkan dari berkas kerangka dengan hash yang sama:",
                "Framework copy restored from the framework file with the same hash:"
            )
        )?;
    }
    let report = store.check()?;
    let path = store.path().display().to_string();
    if report.is_ok() {
        writeln!(
            out,
            "OK  {path}: {}",
            match lang {
                Lang::Id => format!(
                    "{} penilaian, {} jawaban, {} salinan kerangka; integritas SQLite, kunci asing, hash kerangka dan ringkasan daftar semuanya baik",
                    report.assessments, report.answers, report.snapshots
                ),
                Lang::En => format!(
                    "{} assessments, {} answers, {} framework copies; SQLite integrity, foreign keys, framework hashes and list summaries all good",
                    report.assessments, report.answers, report.snapshots
                ),
            }
        )?;
        return Ok(());
    }
    let in_lang = |l: Lang| {
        let mut m = format!(
            "{path}: {}",
            l.pick("pemeriksaan menemukan masalah:", "the check found problems:")
        );
        for line in report.lines(l) {
            m.push_str("\n  ");
            m.push_str(&line);
        }
        m
    };
    Err(Failure::new(
        EXIT_INVALID,
        Message::new(in_lang(Lang::Id), in_lang(Lang::En)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap checks a command's consistency only when it is built in a debug build; the
    /// Indonesian one is assembled at run time, so check both here.
    #[test]
    fn both_command_lines_are_consistent() {
        command(Lang::Id).debug_assert();
        command(Lang::En).debug_assert();
    }
}
