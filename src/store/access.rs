//! Who is using the database and who else may: the login user as the operating system
//! knows it (never an environment variable, which any user can set), and whether the
//! file is private, shared with a group, or only readable for this user.
//!
//! A database created in a folder its group may write (typically `chmod 2770`, setgid)
//! is a team's: it gets mode 0660 and the folder's group, and SQLite gives its -wal and
//! -shm the main file's mode. Anywhere else it stays 0600 (folder 0700).

use std::path::Path;

use crate::i18n::Lang;

/// The login user of this process, from the OS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Login {
    pub uid: u32,
    /// The account name; the uid as text when the system has no name for it.
    pub name: String,
}

/// How the database file may be used by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Readable and writable by its owner only (or an in-memory database).
    Private,
    /// Group-readable and -writable: the team in `group` shares it.
    Shared { group: String },
    /// This user may read but not write it.
    ReadOnly,
}

impl Access {
    /// The one line the list shows about it, or `None` for a private database.
    pub fn note(&self, lang: Lang) -> Option<String> {
        match self {
            Access::Private => None,
            Access::Shared { group } => Some(match lang {
                Lang::Id => {
                    format!("basis data bersama grup {group} (0660): setiap perubahan dicatat dengan login pengubahnya")
                }
                Lang::En => format!(
                    "database shared by group {group} (0660): every change is recorded with the login that made it"
                ),
            }),
            Access::ReadOnly => Some(
                lang.pick(
                    "hanya baca: Anda tidak punya izin menulis basis data ini; daftar, ekspor dan laporan tetap bisa",
                    "read-only: you may not write this database; list, export and report still work",
                )
                .to_string(),
            ),
        }
    }
}

/// The login user of this process (`getuid`, then `getpwuid_r` for its name).
pub fn login() -> Login {
    // SAFETY: getuid cannot fail and has no preconditions.
    let uid = unsafe { libc::getuid() };
    Login {
        uid,
        name: user_name(uid).unwrap_or_else(|| uid.to_string()),
    }
}

fn user_name(uid: u32) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: a zeroed passwd is a valid out-parameter; getpwuid_r writes only into it
    // and into `buf` (whose length it is given), and `result` says whether it found one.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned())
}

/// The name of group `gid`, or the number as text.
pub fn group_name(gid: u32) -> String {
    let mut buf = vec![0 as libc::c_char; 16384];
    // SAFETY: as in `user_name`, for getgrgid_r.
    let mut grp: libc::group = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::group = std::ptr::null_mut();
    let rc = unsafe { libc::getgrgid_r(gid, &mut grp, buf.as_mut_ptr(), buf.len(), &mut result) };
    if rc != 0 || result.is_null() || grp.gr_name.is_null() {
        return gid.to_string();
    }
    // SAFETY: on success gr_name points to a NUL-terminated string inside `buf`.
    unsafe { std::ffi::CStr::from_ptr(grp.gr_name) }
        .to_string_lossy()
        .into_owned()
}

/// The group of `dir` when that group may write it (a team's folder), else `None`.
/// A folder everyone may write (`/tmp`) is nobody's team folder.
pub fn shared_folder_group(dir: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).ok()?;
    (meta.is_dir() && meta.mode() & 0o020 != 0 && meta.mode() & 0o002 == 0).then_some(meta.gid())
}

/// Whether this process may write `path` (the kernel's answer, `access(2)`).
pub fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// How the existing database at `path` may be used.
pub fn of_file(path: &Path) -> Access {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return Access::Private;
    };
    if !writable(path) {
        return Access::ReadOnly;
    }
    if meta.mode() & 0o060 == 0o060 {
        Access::Shared {
            group: group_name(meta.gid()),
        }
    } else {
        Access::Private
    }
}

/// Gives the -wal and -shm this user created beside a shared database the database's
/// group and mode: SQLite gives them its mode, but the group of a file a user creates
/// is that user's own unless the folder is setgid.
pub fn align_companions(path: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(main) = std::fs::metadata(path) else { return };
    if main.mode() & 0o060 != 0o060 {
        return;
    }
    let me = login().uid;
    for suffix in ["-wal", "-shm"] {
        let companion = super::guard::beside(path, suffix);
        let Ok(meta) = std::fs::metadata(&companion) else {
            continue;
        };
        if meta.uid() != me {
            continue;
        }
        if meta.gid() != main.gid() {
            let _ = std::os::unix::fs::chown(&companion, None, Some(main.gid()));
        }
        if meta.mode() & 0o777 != main.mode() & 0o666 {
            let _ = std::fs::set_permissions(&companion, std::fs::Permissions::from_mode(main.mode() & 0o666));
        }
    }
}
