//! What can go wrong with the store, one variant per cause, each with a message that
//! names the file and says what to do. A fault of the environment (a lock, a full
//! disk, permissions) is never reported as damage: "restore a backup" is advice that
//! could make someone overwrite good data.

use rusqlite::ErrorCode;
use thiserror::Error;

use crate::i18n::{Lang, Message};

const IOERR_WRITE: i32 = rusqlite::ffi::SQLITE_IOERR_WRITE;
const IOERR_FSYNC: i32 = rusqlite::ffi::SQLITE_IOERR_FSYNC;
const IOERR_TRUNCATE: i32 = rusqlite::ffi::SQLITE_IOERR_TRUNCATE;

/// What can go wrong with the store. Users read [`StoreError::message`] in their
/// language; `Display` is the Indonesian message.
#[derive(Debug, Error)]
pub enum StoreError {
    NotSqlite {
        path: String,
    },
    OtherProgram {
        path: String,
    },
    /// `detail` is SQLite's own description (English) or what the header check found.
    Damaged {
        path: String,
        detail: String,
    },
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    /// A read-only command was given a database file that does not exist.
    NotFound {
        path: String,
    },
    /// A 0-byte file that pmk3i did not make (pmk3i never leaves one behind).
    EmptyFile {
        path: String,
    },
    /// A device, folder or anything else that is not a regular file.
    NotAFile {
        path: String,
    },
    /// Another program holds the database's lock.
    Locked {
        path: String,
    },
    /// A `-journal` beside the database: pmk3i (WAL) never writes one.
    ForeignJournal {
        path: String,
    },
    DiskFull {
        path: String,
    },
    /// The file or its folder cannot be written (or read) with the user's permissions.
    Permission {
        path: String,
        detail: String,
    },
    /// This user may read the database but not write it.
    ReadOnly {
        path: String,
    },
    /// The framework snapshot an assessment was started with no longer matches its
    /// hash, and no loaded framework has that hash to restore it from.
    SnapshotDamaged {
        assessment: i64,
        framework_id: String,
        framework_version: String,
        hash: String,
    },
    Io {
        path: String,
        message: Message,
    },
    Sql(#[from] rusqlite::Error),
    NoSuchAssessment(i64),
    Invalid(Message),
    /// A stored kind this pmk3i does not know (written by a newer pmk3i or another
    /// program): the row is not read rather than left out of the numbers.
    UnknownValue {
        path: String,
        table: &'static str,
        /// Which row: its key, e.g. "assessment 3, pillar kreasi".
        row: String,
        column: String,
        value: String,
    },
    /// The database refused a write the walker in force may not make (see
    /// `store::writer`): another respondent's answers, another walk's level. Nothing
    /// was written; trying again cannot help.
    Refused(Message),
}

impl StoreError {
    /// Turns SQLite's error into the cause it names, for the database at `path`.
    pub fn from_sqlite(path: &str, e: rusqlite::Error) -> StoreError {
        let path = path.to_string();
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            // A write or fsync the operating system refused: a full disk that SQLite
            // saw as a failed write, or a file-size limit (EFBIG).
            Some(ErrorCode::SystemIoFailure)
                if matches!(
                    &e,
                    rusqlite::Error::SqliteFailure(f, _)
                        if [IOERR_WRITE, IOERR_FSYNC, IOERR_TRUNCATE].contains(&f.extended_code)
                ) =>
            {
                StoreError::DiskFull { path }
            }
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::NotADatabase) => StoreError::NotSqlite { path },
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => StoreError::Permission {
                path,
                detail: e.to_string(),
            },
            _ => StoreError::Sql(e),
        }
    }

    /// Gives a bare SQLite error the database's path and its cause; others unchanged.
    pub fn at(self, path: &str) -> StoreError {
        match self {
            StoreError::Sql(e) => StoreError::from_sqlite(path, e),
            StoreError::UnknownValue {
                path: at,
                table,
                row,
                column,
                value,
            } if at.is_empty() => StoreError::UnknownValue {
                path: path.to_string(),
                table,
                row,
                column,
                value,
            },
            other => other,
        }
    }

    /// Whether the file was refused as unusable (exit code 2), rather than a fault of
    /// the moment (a lock, a full disk) that goes away.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::NotSqlite { .. }
                | StoreError::OtherProgram { .. }
                | StoreError::Damaged { .. }
                | StoreError::TooNew { .. }
                | StoreError::NotFound { .. }
                | StoreError::EmptyFile { .. }
                | StoreError::NotAFile { .. }
                | StoreError::ForeignJournal { .. }
                | StoreError::SnapshotDamaged { .. }
                | StoreError::UnknownValue { .. }
        )
    }

    /// What went wrong, where, and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::NotSqlite { path }, Lang::Id) => format!(
                "{path}: berkas ini bukan basis data pmk3i (bukan SQLite). Berkas dibiarkan utuh; pilih berkas lain dengan --db atau PMK3I_DB"
            ),
            (StoreError::NotSqlite { path }, Lang::En) => format!(
                "{path}: this file is not a pmk3i database (not SQLite). It was left untouched; choose another file with --db or PMK3I_DB"
            ),
            (StoreError::OtherProgram { path }, Lang::Id) => format!(
                "{path}: ini basis data SQLite milik program lain, bukan basis data pmk3i. Berkas dibiarkan utuh; pilih berkas lain dengan --db atau PMK3I_DB"
            ),
            (StoreError::OtherProgram { path }, Lang::En) => format!(
                "{path}: this is an SQLite database of another program, not a pmk3i database. It was left untouched; choose another file with --db or PMK3I_DB"
            ),
            (StoreError::Damaged { path, detail }, Lang::Id) => format!(
                "{path}: basis data rusak ({detail}). Berkas dibiarkan utuh; pulihkan dari cadangan atau pilih berkas lain dengan --db"
            ),
            (StoreError::Damaged { path, detail }, Lang::En) => format!(
                "{path}: the database is damaged ({detail}). It was left untouched; restore a backup or choose another file with --db"
            ),
            (StoreError::TooNew { path, found, known }, Lang::Id) => format!(
                "{path}: basis data ini ditulis oleh pmk3i yang lebih baru (skema {found}, versi ini hanya mengenal sampai {known}). Berkas dibiarkan utuh; perbarui pmk3i"
            ),
            (StoreError::TooNew { path, found, known }, Lang::En) => format!(
                "{path}: the database was written by a newer pmk3i (schema {found}, this version knows {known}). It was left untouched; update pmk3i"
            ),
            (StoreError::NotFound { path }, Lang::Id) => format!(
                "{path}: berkas basis data ini tidak ada. Periksa jalur --db (atau PMK3I_DB); basis data baru dibuat oleh `pmk3i` atau `pmk3i import`, bukan oleh perintah yang hanya membaca"
            ),
            (StoreError::NotFound { path }, Lang::En) => format!(
                "{path}: this database file does not exist. Check the --db path (or PMK3I_DB); a new database is created by `pmk3i` or `pmk3i import`, not by a command that only reads"
            ),
            (StoreError::EmptyFile { path }, Lang::Id) => format!(
                "{path}: berkas ini kosong (0 bita) dan tidak dibuat oleh pmk3i. Berkas dibiarkan utuh; hapus berkas itu bila pmk3i boleh membuat basis data baru di sana, atau pilih berkas lain dengan --db"
            ),
            (StoreError::EmptyFile { path }, Lang::En) => format!(
                "{path}: this file is empty (0 bytes) and was not made by pmk3i. It was left untouched; delete it if pmk3i may create a new database there, or choose another file with --db"
            ),
            (StoreError::NotAFile { path }, Lang::Id) => format!(
                "{path}: ini bukan berkas biasa (perangkat, folder, atau pipa), jadi bukan berkas basis data. Berkas dibiarkan utuh; pilih berkas basis data dengan --db"
            ),
            (StoreError::NotAFile { path }, Lang::En) => format!(
                "{path}: this is not a regular file (a device, folder or pipe), so it is not a database file. It was left untouched; choose a database file with --db"
            ),
            (StoreError::Locked { path }, Lang::Id) => format!(
                "{path}: basis data sedang dikunci oleh program lain. Tidak ada yang diubah dan tidak ada data yang hilang; tunggu program itu selesai atau tutup program itu, lalu coba lagi"
            ),
            (StoreError::Locked { path }, Lang::En) => format!(
                "{path}: another program holds the lock on the database. Nothing was changed and nothing is lost; wait for that program to finish or close it, then try again"
            ),
            (StoreError::ForeignJournal { path }, Lang::Id) => format!(
                "{path}: ada berkas {path}-journal di sebelahnya, yang tidak pernah ditulis pmk3i: program lain sedang menulis basis data ini atau meninggalkan jurnal itu. Berkas dibiarkan utuh; tutup program itu dan coba lagi. Bila tidak ada program lain, jurnal itu sisa program lain yang terhenti — pindahkan hanya bila Anda yakin"
            ),
            (StoreError::ForeignJournal { path }, Lang::En) => format!(
                "{path}: there is a {path}-journal beside it, which pmk3i never writes: another program is writing this database or left that journal behind. It was left untouched; close that program and try again. If no other program is running, the journal was left by another program that stopped — move it away only if you are sure"
            ),
            (StoreError::DiskFull { path }, Lang::Id) => format!(
                "{path}: disk penuh (atau batas ukuran berkas tercapai), perubahan terakhir tidak dapat disimpan. Yang sudah tersimpan tetap utuh; kosongkan ruang disk lalu coba lagi"
            ),
            (StoreError::DiskFull { path }, Lang::En) => format!(
                "{path}: the disk is full (or a file-size limit was reached); the last change could not be saved. Everything saved before is intact; free some disk space and try again"
            ),
            (StoreError::Permission { path, detail }, Lang::Id) => format!(
                "{path}: tidak ada izin untuk menulis basis data atau foldernya ({detail}). Berkas dibiarkan utuh; periksa izin berkas dan folder itu (ls -l) atau pilih berkas lain dengan --db"
            ),
            (StoreError::Permission { path, detail }, Lang::En) => format!(
                "{path}: no permission to write the database or its folder ({detail}). It was left untouched; check the permissions of the file and its folder (ls -l) or choose another file with --db"
            ),
            (StoreError::ReadOnly { path }, Lang::Id) => format!(
                "{path}: basis data ini hanya dapat Anda baca (login Anda tidak punya izin menulisnya), jadi perubahan ini tidak disimpan. Yang tetap bisa: melihat daftar (pmk3i list), ekspor (pmk3i export ID) dan laporan (pmk3i report ID). Untuk mengubah, minta pemilik berkas memasukkan Anda ke grup berkas itu (ls -l menampilkannya)"
            ),
            (StoreError::ReadOnly { path }, Lang::En) => format!(
                "{path}: you may only read this database (your login has no permission to write it), so this change was not saved. You can still list (pmk3i list), export (pmk3i export ID) and report (pmk3i report ID). To make changes, ask the file's owner to add you to the file's group (ls -l shows it)"
            ),
            (
                StoreError::SnapshotDamaged {
                    assessment,
                    framework_id,
                    framework_version,
                    hash,
                },
                Lang::Id,
            ) => format!(
                "penilaian {assessment} butuh kerangkanya: salinan kerangka {framework_id} {framework_version} (hash {hash}) yang tersimpan rusak. Jawabannya utuh; muat berkas kerangka yang sama dengan --framework FILE untuk memulihkannya, lalu jalankan `pmk3i check`"
            ),
            (
                StoreError::SnapshotDamaged {
                    assessment,
                    framework_id,
                    framework_version,
                    hash,
                },
                Lang::En,
            ) => format!(
                "assessment {assessment} needs its framework: the stored copy of framework {framework_id} {framework_version} (hash {hash}) is damaged. Its answers are intact; load the same framework file with --framework FILE to restore it, then run `pmk3i check`"
            ),
            (StoreError::Io { path, message }, _) => format!("{path}: {}", message.get(lang)),
            (StoreError::Sql(e), Lang::Id) => format!("kesalahan basis data: {e}"),
            (StoreError::Sql(e), Lang::En) => format!("database error: {e}"),
            (StoreError::NoSuchAssessment(id), Lang::Id) => {
                format!("penilaian {id} tidak ada; `pmk3i list` menampilkan daftar penilaian")
            }
            (StoreError::NoSuchAssessment(id), Lang::En) => {
                format!("assessment {id} does not exist; `pmk3i list` shows the assessments")
            }
            (StoreError::Invalid(message) | StoreError::Refused(message), _) => message.get(lang).to_string(),
            (
                StoreError::UnknownValue {
                    path,
                    table,
                    row,
                    column,
                    value,
                },
                Lang::Id,
            ) => format!(
                "{path}: tabel {table}, {row}: kolom {column} berisi \"{value}\", yang tidak dikenal pmk3i versi ini. Berkas dibiarkan utuh; baris itu mungkin ditulis oleh pmk3i yang lebih baru (perbarui pmk3i) atau oleh program lain (jalankan `pmk3i check`)"
            ),
            (
                StoreError::UnknownValue {
                    path,
                    table,
                    row,
                    column,
                    value,
                },
                Lang::En,
            ) => format!(
                "{path}: table {table}, {row}: column {column} holds \"{value}\", which this pmk3i does not know. The file was left untouched; the row may have been written by a newer pmk3i (update pmk3i) or by another program (run `pmk3i check`)"
            ),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Id))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
