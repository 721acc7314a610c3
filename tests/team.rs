//! A team on one server: a database in a group's folder is shared (0660, the folder's
//! group, -wal and -shm alike), a private folder's stays 0600, a user who may only read
//! gets the read-only message; two real Unix users write to one file (created here with
//! `groupadd`/`useradd` when the tests run as root, skipped with a message otherwise).
//!
//! The other users' processes are this test binary run again (`setpriv` to their uid):
//! `team_child` does nothing unless `PMK3I_TEAM_CHILD` names a database to write.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use pmk3i::assessment::{Region, RegionKind};
use pmk3i::framework::{BUNDLED_PMK3I, LoadedFramework, Origin};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{Access, NewAssessment, Store, StoreError};

const GROUP: &str = "pmk3i-team-test";
const USER_A: &str = "pmk3i-tim-a";
const USER_B: &str = "pmk3i-tim-b";

fn framework() -> LoadedFramework {
    LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json")).unwrap()
}

fn new_assessment(fw: &LoadedFramework, who: &str) -> NewAssessment {
    NewAssessment {
        region: Region {
            name: "Kota Tim".into(),
            kind: RegionKind::Kota,
            province: "Jawa Barat".into(),
        },
        period: "2026".into(),
        candidates: vec![fw.framework.subsectors[0].id.clone()],
        respondent_name: who.into(),
        respondent_organisation: String::new(),
        respondent_actor: "G".into(),
    }
}

/// The first region-scoped indicator of the bundled framework.
fn region_slot(fw: &LoadedFramework) -> SlotKey {
    let pillar = fw
        .framework
        .pillars
        .iter()
        .find(|p| p.scope == pmk3i::framework::Scope::Region)
        .unwrap();
    SlotKey::new(&pillar.indicators[0].id, None)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().mode() & 0o7777
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// A child process's work: opens the database (creating it if absent), creates the
/// assessment if there is none, adds a respondent named after the login and gives it
/// level 3 on the first region indicator. Prints "respondent N".
#[test]
fn team_child() {
    let Some(db) = std::env::var_os("PMK3I_TEAM_CHILD") else {
        return;
    };
    if let Err(e) = child_work(Path::new(&db)) {
        // The message a user would see (Display is the Indonesian one).
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn child_work(db: &Path) -> Result<(), StoreError> {
    let fw = framework();
    let mut store = Store::open(db)?;
    let login = store.login().name.clone();
    let id = match store.assessment_ids()?.first() {
        Some(id) => *id,
        None => store.create_assessment(&fw, &new_assessment(&fw, "pertama"))?,
    };
    let respondent = store.add_respondent(id, &login, "A", "")?;
    store.upsert_answer(respondent, &region_slot(&fw), Some(3), false)?;
    println!("respondent {respondent}");
    Ok(())
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd).args(args).output().is_ok_and(|o| o.status.success())
}

/// Creates the test group and its two users once (they are left for the next run).
fn team_users() -> bool {
    if !is_root() {
        eprintln!(
            "SKIPPED: two Unix users need root to be created (useradd); run the tests as root to check a shared database"
        );
        return false;
    }
    let _ = run("groupadd", &["-f", GROUP]);
    for user in [USER_A, USER_B] {
        if !run("id", &[user]) {
            assert!(
                run("useradd", &["-M", "-N", "-g", GROUP, "-s", "/bin/sh", user]),
                "useradd {user}"
            );
        }
    }
    true
}

fn gid_of(group: &str) -> u32 {
    let out = Command::new("getent").args(["group", group]).output().unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    line.split(':').nth(2).unwrap().trim().parse().unwrap()
}

fn uid_of(user: &str) -> u32 {
    let out = Command::new("id").args(["-u", user]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().parse().unwrap()
}

/// Runs this test binary's `team_child` as `user` on `db`.
fn child_as(user: &str, db: &Path) -> std::process::Output {
    let me = std::env::current_exe().unwrap();
    Command::new("setpriv")
        .args([
            &format!("--reuid={user}"),
            &format!("--regid={GROUP}"),
            "--init-groups",
            "--",
        ])
        .arg(&me)
        .args(["--exact", "team_child", "--nocapture", "--test-threads=1"])
        .env("PMK3I_TEAM_CHILD", db)
        // A user's environment cannot change who the log names (the OS says).
        .env("USER", "root")
        .env("LOGNAME", "root")
        .output()
        .unwrap()
}

/// A folder the test users can reach: the temporary folder opened for traversal, and
/// inside it the team's folder, setgid and group-writable (`chmod 2770`).
fn team_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let team = dir.path().join("tim");
    std::fs::create_dir(&team).unwrap();
    std::os::unix::fs::chown(&team, None, Some(gid_of(GROUP))).unwrap();
    std::fs::set_permissions(&team, std::fs::Permissions::from_mode(0o2770)).unwrap();
    (dir, team)
}

fn ok(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn two_users_share_a_database_in_the_groups_folder() {
    if !team_users() {
        return;
    }
    let (_dir, team) = team_folder();
    let db = team.join("pmk3i.sqlite3");
    ok(&child_as(USER_A, &db));
    ok(&child_as(USER_B, &db));
    let gid = gid_of(GROUP);
    for suffix in ["", "-wal", "-shm"] {
        let file = beside(&db, suffix);
        if suffix.is_empty() || file.exists() {
            assert_eq!(mode(&file), 0o660, "{}", file.display());
            assert_eq!(std::fs::metadata(&file).unwrap().gid(), gid, "{}", file.display());
        }
    }
    // The database was created by the first user, and both wrote to it.
    assert_eq!(std::fs::metadata(&db).unwrap().uid(), uid_of(USER_A));
    let store = Store::open(&db).unwrap();
    let a = store.load_record(store.assessment_ids().unwrap()[0]).unwrap();
    let names: Vec<&str> = a.respondents.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["pertama", USER_A, USER_B]);
    let answered: Vec<Option<i64>> = a.respondents[1..]
        .iter()
        .map(|r| r.answers.first().and_then(|x| x.level))
        .collect();
    assert_eq!(answered, [Some(3), Some(3)]);
    assert_eq!(
        *store.access(),
        Access::Shared {
            group: GROUP.to_string()
        }
    );
    // `pmk3i list` says so once, above the table.
    let list = Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .args(["--db", db.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    let text = ok(&list);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        format!("basis data bersama grup {GROUP} (0660): setiap perubahan dicatat dengan login pengubahnya")
    );
    assert_eq!(text.matches("basis data bersama").count(), 1);
}

#[test]
fn a_user_who_may_only_read_is_told_what_still_works() {
    if !team_users() {
        return;
    }
    let (_dir, team) = team_folder();
    let db = team.join("pmk3i.sqlite3");
    ok(&child_as(USER_A, &db));
    // The owner takes the group's write permission away.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
    let refused = child_as(USER_B, &db);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("basis data ini hanya dapat Anda baca"), "{stderr}");
    assert!(stderr.contains("pmk3i list"), "{stderr}");
    // Listing still works for that user, and says it is read-only.
    let me = env!("CARGO_BIN_EXE_pmk3i");
    let list = Command::new("setpriv")
        .args([
            &format!("--reuid={USER_B}"),
            &format!("--regid={GROUP}"),
            "--init-groups",
            "--",
        ])
        .args([me, "--lang", "en", "--db", db.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    let text = ok(&list);
    assert!(
        text.starts_with("read-only: you may not write this database; list, export and report still work\n"),
        "{text}"
    );
    assert!(text.contains("Kota Tim"), "{text}");
}

#[test]
fn a_database_in_a_private_folder_stays_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sendiri").join("pmk3i.sqlite3");
    let fw = framework();
    let mut store = Store::open(&db).unwrap();
    store.create_assessment(&fw, &new_assessment(&fw, "saya")).unwrap();
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(db.parent().unwrap()), 0o700);
    for suffix in ["-wal", "-shm"] {
        let file = beside(&db, suffix);
        if file.exists() {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }
    assert_eq!(*store.access(), Access::Private);
    assert_eq!(store.access().note(Lang::Id), None);
}

#[test]
fn a_folder_everyone_may_write_is_not_a_team_folder() {
    let dir = tempfile::tempdir().unwrap();
    let open = dir.path().join("umum");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let db = open.join("pmk3i.sqlite3");
    Store::open(&db).unwrap();
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn the_read_only_error_names_the_file_and_what_still_works() {
    let e = StoreError::ReadOnly {
        path: "/srv/tim/pmk3i.sqlite3".into(),
    };
    let en = e.message(Lang::En);
    assert!(
        en.starts_with("/srv/tim/pmk3i.sqlite3: you may only read this database"),
        "{en}"
    );
    for what in ["pmk3i list", "pmk3i export ID", "pmk3i report ID"] {
        assert!(en.contains(what), "{en}");
    }
}
