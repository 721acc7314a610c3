//! Deciding, before anything may write to it, whether a file is a pmk3i database —
//! cheaply: the 100-byte SQLite header holds the application id, the schema version
//! (`user_version`), the page size and the page count. The full-file scan is
//! `pmk3i check` ([`super::check`]), never part of opening.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::{Result, StoreError};
use super::schema::{APPLICATION_ID, SCHEMA_1_TABLES, SCHEMA_VERSION};
use crate::i18n::Message;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header of an existing SQLite file says.
#[derive(Debug)]
struct Header {
    page_size: u64,
    /// Pages the header says the file has, when that count is valid.
    pages: Option<u64>,
    user_version: i64,
    application_id: i32,
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn parse_header(h: &[u8; 100]) -> Option<Header> {
    if &h[..16] != MAGIC {
        return None;
    }
    let page_size = match u16::from_be_bytes([h[16], h[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return None,
    };
    // The page count is valid when the change counter equals "version-valid-for".
    let pages = (be32(&h[24..28]) == be32(&h[92..96])).then(|| u64::from(be32(&h[28..32])));
    Some(Header {
        page_size,
        pages,
        user_version: i64::from(be32(&h[60..64]) as i32),
        application_id: be32(&h[68..72]) as i32,
    })
}

/// A path with a suffix appended to its file name ("-wal", "-journal").
pub(super) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Checks an existing file before anything may write to it or change it with a
/// pragma. Reads the header only, plus the table list of a database from before
/// schema 2 (which carries no application id yet), with a connection that cannot
/// write. Returns the schema version the header shows.
pub(super) fn check_existing(path: &Path) -> Result<i64> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&shown, e))?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile { path: shown });
    }
    if meta.len() == 0 {
        // pmk3i creates its databases whole (see `create_database`), so an empty
        // file was made by someone else: initialising it would take it over.
        return Err(StoreError::EmptyFile { path: shown });
    }
    let mut bytes = [0u8; 100];
    let mut f = std::fs::File::open(path).map_err(|e| io_error(&shown, e))?;
    if meta.len() < 100 || f.read_exact(&mut bytes).is_err() {
        return Err(StoreError::NotSqlite { path: shown });
    }
    let Some(header) = parse_header(&bytes) else {
        return Err(StoreError::NotSqlite { path: shown });
    };
    if beside(path, "-journal").exists() {
        // pmk3i's databases are always in WAL mode: a rollback journal belongs to
        // another program, and SQLite would play it back into the file on open.
        return Err(StoreError::ForeignJournal { path: shown });
    }
    let wal = beside(path, "-wal");
    let wal_pending = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if !wal_pending {
        // With no WAL to add pages, the file holds every page the header counts.
        let len = meta.len();
        let short = header.pages.is_some_and(|p| len < p * header.page_size);
        if short || len % header.page_size != 0 {
            let expected = header
                .pages
                .map_or(String::new(), |p| format!(" of {}", p * header.page_size));
            return Err(StoreError::Damaged {
                path: shown,
                detail: format!("the file is cut short: {len} bytes{expected}"),
            });
        }
    }
    if header.application_id == APPLICATION_ID {
        if header.user_version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: shown,
                found: header.user_version,
                known: SCHEMA_VERSION,
            });
        }
        return Ok(header.user_version);
    }
    if header.application_id != 0 || header.user_version == 0 {
        // Another program's id, or an SQLite file no pmk3i has set up (pmk3i never
        // leaves a database at schema 0): someone else's file, not a fresh one.
        return Err(StoreError::OtherProgram { path: shown });
    }
    if header.user_version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: shown,
            found: header.user_version,
            known: SCHEMA_VERSION,
        });
    }
    // Schema 1 had no application id: it is pmk3i's when it has pmk3i's tables.
    let conn = open_for_check(path).map_err(|e| StoreError::from_sqlite(&shown, e))?;
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .map_err(|e| StoreError::from_sqlite(&shown, e))?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| StoreError::from_sqlite(&shown, e))?;
    if SCHEMA_1_TABLES.iter().all(|t| tables.iter().any(|x| x == t)) {
        Ok(header.user_version)
    } else {
        Err(StoreError::OtherProgram { path: shown })
    }
}

fn io_error(path: &str, e: std::io::Error) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound { path: path.to_string() },
        std::io::ErrorKind::PermissionDenied => StoreError::Permission {
            path: path.to_string(),
            detail: e.to_string(),
        },
        _ => StoreError::Io {
            path: path.to_string(),
            message: Message::new(
                format!("basis data tidak dapat dibaca: {e}"),
                format!("cannot read the database: {e}"),
            ),
        },
    }
}

/// Opens a database read-only for [`check_existing`]. A read-only connection to a WAL
/// database creates -wal and -shm files that it cannot remove again, which would leave
/// debris beside a file we refuse. Without a -wal no other connection is open and no
/// crash left changes behind, so the main file is the whole database and is read as
/// immutable: nothing is created beside it.
pub(super) fn open_for_check(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if beside(path, "-wal").exists() {
        return Connection::open_with_flags(path, flags);
    }
    // In a URI, '%', '?' and '#' are special; bytes outside ASCII (a path need not be
    // UTF-8) are percent-encoded too, and SQLite decodes them back to the same bytes.
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut escaped = String::new();
    for b in bytes {
        match b {
            b'%' | b'?' | b'#' | 0x80..=0xff => escaped.push_str(&format!("%{b:02x}")),
            _ => escaped.push(char::from(b)),
        }
    }
    Connection::open_with_flags(
        format!("file:{escaped}?immutable=1"),
        flags | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// Creates a new database at `path` whole: it is set up (application id, WAL, every
/// migration) in a private temporary file in the same folder and then linked into
/// place, so `path` never exists half made and an empty file there is never pmk3i's.
/// `setup` runs the migrations on the temporary file's connection. Returns false when
/// another process created `path` first (then that database is used).
pub(super) fn create_database(path: &Path, setup: impl FnOnce(&mut Connection) -> Result<()>) -> Result<bool> {
    let shown = path.display().to_string();
    let cannot_create = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => StoreError::Permission {
            path: shown.clone(),
            detail: e.to_string(),
        },
        std::io::ErrorKind::StorageFull => StoreError::DiskFull { path: shown.clone() },
        _ => StoreError::Io {
            path: shown.clone(),
            message: Message::new(
                format!("basis data tidak dapat dibuat: {e}"),
                format!("cannot create the database: {e}"),
            ),
        },
    };
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent
        && !parent.exists()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(parent).map_err(cannot_create)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.new-{}", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&temp).map_err(cannot_create)?;
    // In a folder its group may write, the database is the team's: 0660 (whatever
    // the umask) and the folder's group (a setgid folder gives it already).
    if let Some(gid) = super::access::shared_folder_group(parent.unwrap_or(Path::new("."))) {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // When the folder's group cannot be given (this user is not in it), the
        // database stays private rather than open to the user's own group.
        let grouped =
            file.metadata().is_ok_and(|m| m.gid() == gid) || std::os::unix::fs::fchown(&file, None, Some(gid)).is_ok();
        if grouped && let Err(e) = file.set_permissions(std::fs::Permissions::from_mode(0o660)) {
            drop(file);
            let _ = std::fs::remove_file(&temp);
            return Err(cannot_create(e));
        }
    }
    drop(file);
    let cleanup = |temp: &Path| {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(beside(temp, suffix));
        }
    };
    let made = (|| {
        let mut conn = Connection::open_with_flags(
            &temp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(&shown, e))?;
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))
            .map_err(|e| StoreError::from_sqlite(&shown, e))?;
        let _mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| StoreError::from_sqlite(&shown, e))?;
        setup(&mut conn)?;
        // Closing checkpoints the WAL into the file and removes -wal and -shm.
        conn.close().map_err(|(_, e)| StoreError::from_sqlite(&shown, e))?;
        Ok::<(), StoreError>(())
    })();
    if let Err(e) = made {
        cleanup(&temp);
        return Err(e);
    }
    let linked = match std::fs::hard_link(&temp, path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        // A file system without hard links: rename, which is atomic too.
        Err(_) if !path.exists() => std::fs::rename(&temp, path).map(|()| true).map_err(cannot_create),
        Err(e) => Err(cannot_create(e)),
    };
    cleanup(&temp);
    linked
}
