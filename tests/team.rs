//! A team on one server: a database in a group's folder is shared (0660, the folder's
//! group, -wal and -shm alike), a private folder's stays 0600, a user who may only read
//! gets the read-only message; two real Unix users write to one file (created here with
//! `groupadd`/`useradd` when the tests run as root, skipped with a message otherwise).
//!
//! The other users' processes are this test binary run again (`setpriv` to their uid):
//! `team_child` does nothing unless `PMK3I_TEAM_CHILD` names a database to write.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::db::kota;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

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
        respondent_name: who.into(),
        ..kota("Kota Tim", "Jawa Barat", &[&fw.framework.subsectors[0].id])
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
    if std::env::var_os("PMK3I_TEAM_TUI").is_some() {
        // The TUI of a user who may only read: choose a level in the walk.
        use pmk3i::app::{App, Event, Status};
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let store = Store::open(db)?;
        let id = store.assessment_ids()?[0];
        let mut app = App::new(store, vec![fw], Lang::En, "2026".into());
        app.open_walk(id, None);
        app.handle(Event::Key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE)));
        let shown = match &app.status {
            Status::Error(e) => format!("error: {e}"),
            other => format!("{other:?}"),
        };
        println!("{shown}");
        println!("pending: {}", app.has_pending_writes());
        return Ok(());
    }
    let mut store = Store::open(db)?;
    let login = store.login().name.clone();
    let id = match store.assessment_ids()?.first() {
        Some(id) => *id,
        None => store.create_assessment(&fw, &new_assessment(&fw, "pertama"))?,
    };
    let respondent = store.add_respondent(id, &login, pmk3i::actor::Actor::Academia, "")?;
    store.upsert_answer(respondent, &region_slot(&fw), Some(3), false)?;
    if std::env::var_os("PMK3I_TEAM_LOOP").is_some() {
        // Until killed: levels 0..4 in turn on the region indicators.
        let pillar = fw
            .framework
            .pillars
            .iter()
            .find(|p| p.scope == pmk3i::framework::Scope::Region)
            .unwrap();
        for k in 0.. {
            let ind = &pillar.indicators[k % pillar.indicators.len()];
            store.upsert_answer(respondent, &SlotKey::new(&ind.id, None), Some((k % 5) as i64), false)?;
        }
    }
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
    // Each answer is attributed to the login that gave it (not to USER/LOGNAME).
    let ind = region_slot(&framework()).indicator;
    let answers: Vec<(String, Option<String>, Option<String>)> = store
        .history(a.id, Some(&ind), None)
        .unwrap()
        .into_iter()
        .map(|c| (c.login, c.respondent, c.new))
        .collect();
    assert_eq!(
        answers,
        [
            (USER_A.to_string(), Some(USER_A.to_string()), Some("3".to_string())),
            (USER_B.to_string(), Some(USER_B.to_string()), Some("3".to_string())),
        ]
    );
    let created = store.history(a.id, None, None).unwrap();
    assert_eq!(
        (created[0].field.as_str(), created[0].login.as_str()),
        ("status", USER_A)
    );
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

/// While one member's process has the database open, its -wal and -shm are the
/// group's too (0660, the folder's group), and another member writes through them.
#[test]
fn the_wal_and_shm_of_a_shared_database_are_the_groups() {
    if !team_users() {
        return;
    }
    let (_dir, team) = team_folder();
    let db = team.join("pmk3i.sqlite3");
    ok(&child_as(USER_A, &db));
    let me = std::env::current_exe().unwrap();
    let mut writer = Command::new("setpriv")
        .args([
            &format!("--reuid={USER_A}"),
            &format!("--regid={GROUP}"),
            "--init-groups",
            "--",
        ])
        .arg(&me)
        .args(["--exact", "team_child", "--nocapture", "--test-threads=1"])
        .env("PMK3I_TEAM_CHILD", &db)
        .env("PMK3I_TEAM_LOOP", "1")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (wal, shm) = (beside(&db, "-wal"), beside(&db, "-shm"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !(wal.exists() && shm.exists()) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let gid = gid_of(GROUP);
    let seen: Vec<(u32, u32, u32)> = [&wal, &shm]
        .iter()
        .map(|f| {
            let m = std::fs::metadata(f).unwrap();
            (m.mode() & 0o777, m.gid(), m.uid())
        })
        .collect();
    let b = child_as(USER_B, &db);
    writer.kill().unwrap();
    writer.wait().unwrap();
    let a_uid = uid_of(USER_A);
    assert_eq!(seen, [(0o660, gid, a_uid), (0o660, gid, a_uid)]);
    ok(&b);
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
    // In the TUI, a chosen level gets the same message once, and nothing is queued
    // for retrying (no red "will retry" banner, no recovery file).
    let me = std::env::current_exe().unwrap();
    let tui = Command::new("setpriv")
        .args([
            &format!("--reuid={USER_B}"),
            &format!("--regid={GROUP}"),
            "--init-groups",
            "--",
        ])
        .arg(&me)
        .args(["--exact", "team_child", "--nocapture", "--test-threads=1"])
        .env("PMK3I_TEAM_CHILD", &db)
        .env("PMK3I_TEAM_TUI", "1")
        .output()
        .unwrap();
    let out = ok(&tui);
    assert!(out.contains("error: "), "{out}");
    assert!(out.contains(": you may only read this database"), "{out}");
    assert!(!out.contains("will retry"), "{out}");
    assert!(out.contains("pending: false"), "{out}");
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

fn login_name() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// (walker, respondent, what, item, subsector, field, old, new) of each change.
type Row = (
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

fn rows(changes: &[pmk3i::store::Change]) -> Vec<Row> {
    changes
        .iter()
        .map(|c| {
            (
                c.walker.clone(),
                c.respondent.clone(),
                c.what.clone(),
                c.item.clone(),
                c.subsector.clone(),
                c.field.clone(),
                c.old.clone(),
                c.new.clone(),
            )
        })
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn every_kind_of_write_is_in_the_history_with_the_login() {
    use pmk3i::assessment::{AgreedKind, TextKind};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let mut store = Store::open(&db).unwrap();
    let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
    let first = store.load_record(id).unwrap().respondents[0].id;
    let slot = region_slot(&fw);
    let ind = slot.indicator.clone();
    let sub0 = fw.framework.subsectors[0].id.clone();
    let created = store.history(id, None, None).unwrap();
    assert_eq!(
        rows(&created),
        vec![
            (
                None,
                None,
                "assessment".into(),
                None,
                None,
                "status".into(),
                None,
                s("draft")
            ),
            (
                None,
                None,
                "assessment".into(),
                None,
                None,
                "candidates".into(),
                None,
                Some(format!("[\"{sub0}\"]"))
            ),
            (
                None,
                None,
                "assessment".into(),
                None,
                None,
                "period".into(),
                None,
                s("2026")
            ),
            (
                None,
                None,
                "assessment".into(),
                None,
                None,
                "region".into(),
                None,
                s("Kota Tim")
            ),
            (
                s("respondent"),
                s("Ani"),
                "respondent".into(),
                None,
                None,
                "name".into(),
                None,
                s("Ani")
            ),
            (
                s("respondent"),
                s("Ani"),
                "respondent".into(),
                None,
                None,
                "actor".into(),
                None,
                s("G")
            ),
        ]
    );
    store.upsert_answer(first, &slot, Some(2), false).unwrap();
    store.upsert_answer(first, &slot, Some(3), false).unwrap();
    store.upsert_answer(first, &slot, None, true).unwrap();
    store.set_answer_text(first, &slot, false, "rapat 3 Maret").unwrap();
    store.set_answer_text(first, &slot, true, "notulen.pdf").unwrap();
    store
        .set_agreed_answer(id, AgreedKind::Consensus, &slot, Some(2), false)
        .unwrap();
    store
        .set_agreed_level(id, AgreedKind::Verified, &slot, Some(1), false, "cek lapangan")
        .unwrap();
    store
        .set_agreed_note(id, AgreedKind::Consensus, &slot, "disepakati")
        .unwrap();
    store.set_target(id, &slot, Some(4)).unwrap();
    store.set_target(id, &slot, None).unwrap();
    store
        .set_pillar_text(id, "aktor", None, TextKind::Problem, "belum ada forum")
        .unwrap();
    store.set_flagship(id, Some(&sub0)).unwrap();
    store.set_status(id, "final").unwrap();
    // The cursor is not history.
    store
        .set_position(
            id,
            &pmk3i::assessment::WalkPosition {
                walker: pmk3i::assessment::Walker::Consensus,
                quick: false,
                slot: slot.clone(),
            },
        )
        .unwrap();
    let added = store
        .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "Kafe Kopi")
        .unwrap();
    store.upsert_answer(added, &slot, Some(4), false).unwrap();
    let after = store.history(id, None, None).unwrap();
    let answer = |field: &str, old: Option<String>, new: Option<String>| {
        (
            s("respondent"),
            s("Ani"),
            "answer".to_string(),
            s(&ind),
            None,
            field.to_string(),
            old,
            new,
        )
    };
    let agreed = |walker: &str, field: &str, old: Option<String>, new: Option<String>| {
        (
            s(walker),
            None,
            "agreed_level".to_string(),
            s(&ind),
            None,
            field.to_string(),
            old,
            new,
        )
    };
    let expected: Vec<Row> = vec![
        answer("level", None, s("2")),
        answer("level", s("2"), s("3")),
        answer("level", s("3"), s("N/A")),
        answer("note", None, s("rapat 3 Maret")),
        answer("evidence", None, s("notulen.pdf")),
        agreed("consensus", "level", None, s("2")),
        agreed("verified", "level", None, s("1")),
        agreed("verified", "note", None, s("cek lapangan")),
        agreed("consensus", "note", None, s("disepakati")),
        (None, None, "target".into(), s(&ind), None, "level".into(), None, s("4")),
        (None, None, "target".into(), s(&ind), None, "level".into(), s("4"), None),
        (
            None,
            None,
            "pillar_text".into(),
            s("aktor"),
            None,
            "problem".into(),
            None,
            s("belum ada forum"),
        ),
        (
            None,
            None,
            "assessment".into(),
            None,
            None,
            "flagship".into(),
            None,
            Some(sub0.clone()),
        ),
        (
            None,
            None,
            "assessment".into(),
            None,
            None,
            "status".into(),
            s("draft"),
            s("final"),
        ),
        (
            s("respondent"),
            s("Budi"),
            "respondent".into(),
            None,
            None,
            "name".into(),
            None,
            s("Budi"),
        ),
        (
            s("respondent"),
            s("Budi"),
            "respondent".into(),
            None,
            None,
            "actor".into(),
            None,
            s("B"),
        ),
        (
            s("respondent"),
            s("Budi"),
            "respondent".into(),
            None,
            None,
            "organisation".into(),
            None,
            s("Kafe Kopi"),
        ),
        (
            s("respondent"),
            s("Budi"),
            "answer".into(),
            s(&ind),
            None,
            "level".into(),
            None,
            s("4"),
        ),
    ];
    assert_eq!(rows(&after[created.len()..]), expected);
    let me = login_name();
    assert!(after.iter().all(|c| c.login == me), "{after:?}");
    // One indicator's history, and who recorded the consensus level.
    assert_eq!(store.history(id, Some(&ind), None).unwrap().len(), 12);
    let last = store.last_agreed(id, AgreedKind::Consensus, &slot).unwrap().unwrap();
    assert_eq!((last.login.as_str(), last.new.as_deref()), (me.as_str(), Some("2")));
    // Deleting the assessment takes its history with it and is itself logged.
    store.delete_assessment(id).unwrap();
    let deleted = store.deletions().unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(
        (
            deleted[0].assessment_id,
            deleted[0].region.as_str(),
            deleted[0].period.as_str(),
            deleted[0].login.as_str()
        ),
        (id, "Kota Tim", "2026", me.as_str())
    );
    assert_eq!(store.history(id, None, None).unwrap(), vec![]);
}

#[test]
fn the_log_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let mut store = Store::open(&db).unwrap();
    let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
    store.delete_assessment(id).unwrap();
    store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    for sql in [
        "UPDATE change_log SET login = 'orang lain'",
        "DELETE FROM change_log",
        "UPDATE deletion_log SET login = 'orang lain'",
        "DELETE FROM deletion_log",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("append-only"), "{sql}: {e}");
    }
}

fn carried(at: &str, walker: &str, what: &str, field: &str, old: Option<&str>, new: &str) -> pmk3i::store::Change {
    pmk3i::store::Change {
        at: at.into(),
        login: "fasilitator".into(),
        uid: Some(1001),
        walker: Some(walker.into()),
        respondent: None,
        what: what.into(),
        item: Some("aktor.komunitas".into()),
        subsector: None,
        field: field.into(),
        old: old.map(str::to_string),
        new: Some(new.into()),
    }
}

#[test]
fn levels_changed_after_the_discussion_date_are_found_with_worked_dates() {
    let fw = framework();
    let mut source = Store::open_in_memory().unwrap();
    let id = source.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
    let (record, json) = source.load(id).unwrap();
    let history = vec![
        carried(
            "2026-03-09T08:00:00.000Z",
            "consensus",
            "agreed_level",
            "level",
            None,
            "2",
        ),
        // The last moment of the discussion day (UTC) is still the discussion.
        carried(
            "2026-03-10T23:59:59.999Z",
            "consensus",
            "agreed_level",
            "level",
            Some("2"),
            "3",
        ),
        carried(
            "2026-03-11T00:00:00.000Z",
            "verified",
            "agreed_level",
            "level",
            None,
            "1",
        ),
        // Not a level of the consensus or verification: never counts.
        carried("2026-03-12T09:00:00.000Z", "respondent", "answer", "level", None, "4"),
        carried(
            "2026-03-12T09:00:01.000Z",
            "consensus",
            "agreed_level",
            "note",
            None,
            "dicek",
        ),
    ];
    let mut store = Store::open_in_memory().unwrap();
    let copy = store.insert_full_with_history(&record, &json, None, &history).unwrap();
    let when = |date: &str| -> Vec<String> {
        store
            .agreed_changed_after(copy, date)
            .unwrap()
            .into_iter()
            .map(|c| c.at)
            .collect()
    };
    assert_eq!(when("2026-03-10"), ["2026-03-11T00:00:00.000Z"]);
    assert_eq!(when("2026-03-11"), Vec::<String>::new());
    assert_eq!(
        when("2026-03-08"),
        [
            "2026-03-09T08:00:00.000Z",
            "2026-03-10T23:59:59.999Z",
            "2026-03-11T00:00:00.000Z"
        ]
    );
}

/// A writer killed at random moments: every answer in the file has its log row and
/// every log row its answer — the last logged level of each slot is the stored one.
#[test]
fn a_change_and_its_log_row_exist_only_together_even_under_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    {
        let mut store = Store::open(&db).unwrap();
        store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
    }
    let me = std::env::current_exe().unwrap();
    for round in 0..6u64 {
        let mut child = Command::new(&me)
            .args(["--exact", "team_child", "--nocapture", "--test-threads=1"])
            .env("PMK3I_TEAM_CHILD", &db)
            .env("PMK3I_TEAM_LOOP", "1")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150 + 37 * round));
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mismatched: i64 = conn
        .query_row(
            "SELECT count(*) FROM answer a WHERE
               (SELECT l.new FROM change_log l WHERE l.what = 'answer' AND l.field = 'level'
                  AND l.respondent_id = a.respondent_id AND l.item = a.indicator AND l.subsector = a.subsector
                ORDER BY l.id DESC LIMIT 1) IS NOT CAST(a.level AS TEXT)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let answers: i64 = conn.query_row("SELECT count(*) FROM answer", [], |r| r.get(0)).unwrap();
    let logged: i64 = conn
        .query_row(
            "SELECT count(*) FROM change_log WHERE what = 'answer' AND field = 'level'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(answers > 0, "the writer wrote before it was killed");
    assert!(logged >= answers);
    assert_eq!(mismatched, 0, "{answers} answers, {logged} log rows");
}

fn pmk3i(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pmk3i"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PMK3I_LANG")
        .output()
        .unwrap()
}

#[test]
fn history_command_and_exports_carry_the_history() {
    use pmk3i::assessment::AgreedKind;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let slot = region_slot(&fw);
    let id = {
        let mut store = Store::open(&db).unwrap();
        let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
        let first = store.load_record(id).unwrap().respondents[0].id;
        store.upsert_answer(first, &slot, Some(2), false).unwrap();
        store
            .set_agreed_answer(id, AgreedKind::Consensus, &slot, Some(3), false)
            .unwrap();
        id
    };
    let me = login_name();
    let ids = id.to_string();
    let table = ok(&pmk3i(
        &db,
        &["--lang", "en", "history", &ids, "--indicator", &slot.indicator],
    ));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "Time (UTC)\tLogin\tWalk\tIndicator\tField\tFrom → to");
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[1].ends_with(&format!("\t{me}\tAni\t{}\tlevel\t— → 2", slot.indicator)),
        "{table}"
    );
    assert!(
        lines[2].ends_with(&format!("\t{me}\tconsensus\t{}\tlevel\t— → 3", slot.indicator)),
        "{table}"
    );
    let csv = ok(&pmk3i(
        &db,
        &["history", &ids, "--format", "csv", "--indicator", &slot.indicator],
    ));
    let csv_lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        csv_lines[0],
        "at,login,walker,respondent,what,indicator,subsector,field,old,new"
    );
    assert!(
        csv_lines[2].ends_with(&format!(",{me},consensus,,agreed_level,{},,level,,3", slot.indicator)),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&pmk3i(&db, &["history", &ids, "--format", "json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 8, "{json}");
    // Nothing after a date in the future; a date that is not one is refused.
    let none = ok(&pmk3i(&db, &["--lang", "en", "history", &ids, "--since", "2999-01-01"]));
    assert_eq!(none, "No changes recorded for this selection.\n");
    let bad = pmk3i(&db, &["--lang", "en", "history", &ids, "--since", "10-03-2026"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--since \"10-03-2026\": not a date; write it as YYYY-MM-DD")
    );
    // The export carries the history, and the import keeps it (then adds its own rows).
    let file = dir.path().join("a.json");
    ok(&pmk3i(
        &db,
        &["export", &ids, "--format", "json", "--out", file.to_str().unwrap()],
    ));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["history"].as_array().unwrap().len(), 8);
    assert_eq!(doc["history"][5]["login"], serde_json::json!(me));
    let fresh = dir.path().join("lain.sqlite3");
    ok(&pmk3i(&fresh, &["import", file.to_str().unwrap()]));
    let store = Store::open(&fresh).unwrap();
    let imported = store.history(store.assessment_ids().unwrap()[0], None, None).unwrap();
    let exported: Vec<pmk3i::store::Change> = serde_json::from_value(doc["history"].clone()).unwrap();
    assert_eq!(imported[..8], exported[..]);
    // An export from before the history (no "history" field) still imports.
    let mut old = doc.clone();
    old.as_object_mut().unwrap().remove("history");
    let old_file = dir.path().join("lama.json");
    std::fs::write(&old_file, serde_json::to_vec(&old).unwrap()).unwrap();
    ok(&pmk3i(&fresh, &["import", "--copy", old_file.to_str().unwrap()]));
}

#[test]
fn the_berita_acara_says_whether_levels_moved_after_the_dkt() {
    use pmk3i::report::berita_acara::after_dkt_line;
    let fw = framework();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
    let mut a = store.load_record(id).unwrap();
    let after = vec![
        carried(
            "2026-03-11T00:00:00.000Z",
            "verified",
            "agreed_level",
            "level",
            None,
            "1",
        ),
        pmk3i::store::Change {
            login: "asesor2".into(),
            ..carried(
                "2026-03-12T10:00:00.000Z",
                "consensus",
                "agreed_level",
                "level",
                Some("2"),
                "3",
            )
        },
    ];
    a.workshop.session.date = String::new();
    assert_eq!(
        after_dkt_line(&a, Some(&after), Lang::En),
        "cannot be checked: the DKT date is not recorded as YYYY-MM-DD"
    );
    a.workshop.session.date = "2026-03-10".into();
    assert_eq!(
        after_dkt_line(&a, Some(&[]), Lang::En),
        "no consensus or verified level changed after 2026-03-10"
    );
    assert_eq!(
        after_dkt_line(&a, Some(&after), Lang::Id),
        format!(
            "ADA: 2 perubahan tingkat konsensus/verifikasi setelah 2026-03-10 (terakhir 2026-03-12; oleh asesor2, fasilitator); rinciannya: pmk3i history {id} --since 2026-03-10"
        )
    );
    // The store answers from the log: a level recorded now is after a DKT in March.
    let slot = region_slot(&fw);
    store
        .set_agreed_answer(id, pmk3i::assessment::AgreedKind::Consensus, &slot, Some(2), false)
        .unwrap();
    let moved = pmk3i::report::berita_acara::levels_moved(&store, &a).unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].new.as_deref(), Some("2"));
    a.workshop.session.date = "2999-01-01".into();
    assert_eq!(pmk3i::report::berita_acara::levels_moved(&store, &a).unwrap(), vec![]);
}

/// (what, field, old, new, login) of a change.
type Logged = (String, String, Option<String>, Option<String>, String);

#[test]
fn workshop_writes_and_removing_a_respondent_are_in_the_history() {
    let fw = framework();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
    let budi = store
        .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "")
        .unwrap();
    let before = store.history(id, None, None).unwrap().len();
    store
        .set_dkt_session(
            id,
            &pmk3i::workshop::DktSession {
                date: "2026-03-10".into(),
                place: "Balai Kota".into(),
                facilitator: "Dewi".into(),
            },
        )
        .unwrap();
    store.delete_respondent(id, budi).unwrap();
    let me = login_name();
    let added: Vec<Logged> = store.history(id, None, None).unwrap()[before..]
        .iter()
        .map(|c| {
            (
                c.what.clone(),
                c.field.clone(),
                c.old.clone(),
                c.new.clone(),
                c.login.clone(),
            )
        })
        .collect();
    assert_eq!(
        added,
        [
            ("dkt_session".into(), "date".into(), None, s("2026-03-10"), me.clone()),
            ("dkt_session".into(), "place".into(), None, s("Balai Kota"), me.clone()),
            ("dkt_session".into(), "facilitator".into(), None, s("Dewi"), me.clone()),
            ("respondent".into(), "name".into(), s("Budi"), None, me.clone()),
            ("respondent".into(), "actor".into(), s("B"), None, me.clone()),
        ]
    );
}

#[test]
fn the_list_title_says_the_database_is_shared() {
    if !team_users() {
        return;
    }
    let (_dir, team) = team_folder();
    let db = team.join("pmk3i.sqlite3");
    ok(&child_as(USER_A, &db));
    let store = Store::open(&db).unwrap();
    let app = pmk3i::app::App::new(store, vec![framework()], Lang::En, "2026".into());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|f| pmk3i::ui::draw(&app, f, pmk3i::ui::theme::Theme { color: false }))
        .unwrap();
    let shown = terminal.backend().to_string();
    assert!(
        shown.contains(&format!(
            "Assessments, newest first · database shared by group {GROUP} (0660): every change is recorded"
        )),
        "{shown}"
    );
    assert_eq!(shown.matches("shared by group").count(), 1, "{shown}");
}

#[test]
fn history_deleted_lists_the_deleted_assessments() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let id = {
        let mut store = Store::open(&db).unwrap();
        let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
        store.delete_assessment(id).unwrap();
        id
    };
    let none = ok(&pmk3i(
        &db,
        &["--lang", "en", "history", "--deleted", "--since", "2999-01-01"],
    ));
    assert_eq!(none, "No assessment has been deleted.\n");
    let table = ok(&pmk3i(&db, &["--lang", "en", "history", "--deleted"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "Time (UTC)\tLogin\tAssessment\tRegion\tPeriod");
    assert!(
        lines[1].ends_with(&format!("\t{}\t{id}\tKota Tim\t2026", login_name())),
        "{table}"
    );
    assert_eq!(lines.len(), 2);
    // Without an assessment or --deleted there is nothing to show: a usage error.
    assert_eq!(pmk3i(&db, &["history"]).status.code(), Some(2));
}

/// Merging another laptop's export changes a respondent's answers only in that
/// respondent's rows (matched by its uid), and the history says so with the login of
/// whoever imported it.
#[test]
fn a_merged_import_changes_only_that_respondents_answers_and_is_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let (db1, db2) = (dir.path().join("satu.sqlite3"), dir.path().join("dua.sqlite3"));
    let fw = framework();
    let slot = region_slot(&fw);
    let (id, budi) = {
        let mut store = Store::open(&db1).unwrap();
        let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
        let budi = store
            .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "")
            .unwrap();
        store.upsert_answer(budi, &slot, Some(1), false).unwrap();
        (id, budi)
    };
    let f1 = dir.path().join("satu.json");
    ok(&pmk3i(
        &db1,
        &[
            "export",
            &id.to_string(),
            "--format",
            "json",
            "--out",
            f1.to_str().unwrap(),
        ],
    ));
    ok(&pmk3i(&db2, &["import", f1.to_str().unwrap()]));
    let id2 = {
        let mut store = Store::open(&db2).unwrap();
        let id2 = store.assessment_ids().unwrap()[0];
        let ani = store.load_record(id2).unwrap().respondents[0].id;
        store.upsert_answer(ani, &slot, Some(3), false).unwrap();
        id2
    };
    let f2 = dir.path().join("dua.json");
    ok(&pmk3i(
        &db2,
        &[
            "export",
            &id2.to_string(),
            "--format",
            "json",
            "--out",
            f2.to_str().unwrap(),
        ],
    ));
    ok(&pmk3i(&db1, &["import", f2.to_str().unwrap()]));
    let store = Store::open(&db1).unwrap();
    let a = store.load_record(id).unwrap();
    let levels: Vec<(&str, Option<i64>)> = a
        .respondents
        .iter()
        .map(|r| (r.name.as_str(), r.answer(&slot).and_then(|x| x.level)))
        .collect();
    assert_eq!(levels, [("Ani", Some(3)), ("Budi", Some(1))]);
    assert_eq!(a.respondents[1].id, budi);
    let last = store.history(id, Some(&slot.indicator), None).unwrap();
    let last = last.last().unwrap();
    assert_eq!(
        (
            last.walker.as_deref(),
            last.respondent.as_deref(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        (Some("respondent"), Some("Ani"), None, Some("3"))
    );
    assert_eq!(last.login, login_name());
}

#[test]
fn the_csv_export_carries_the_history_formula_safe() {
    use pmk3i::assessment::AgreedKind;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let slot = region_slot(&fw);
    let pillar = fw
        .framework
        .pillars
        .iter()
        .find(|p| p.scope == pmk3i::framework::Scope::Region)
        .unwrap()
        .id
        .clone();
    let id = {
        let mut store = Store::open(&db).unwrap();
        let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
        let ani = store.load_record(id).unwrap().respondents[0].id;
        store.upsert_answer(ani, &slot, Some(2), false).unwrap();
        store.upsert_answer(ani, &slot, Some(3), false).unwrap();
        store.set_answer_text(ani, &slot, false, "=SUM(A1:A9)").unwrap();
        store
            .set_agreed_answer(id, AgreedKind::Consensus, &slot, Some(3), false)
            .unwrap();
        id
    };
    let me = login_name();
    let output = pmk3i(&db, &["export", &id.to_string(), "--format", "csv"]);
    ok(&output);
    let out = output.stdout;
    let mut reader = csv::Reader::from_reader(&out[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[24..], ["login", "walker", "what", "field", "old", "new"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(records.iter().all(|r| r.len() == header.len()));
    let changes: Vec<Vec<String>> = records
        .iter()
        .filter(|r| &r[0] == "change" && ["answer", "agreed_level"].contains(&&r[col("what")]))
        .map(|r| {
            [
                "pillar",
                "indicator",
                "respondent",
                "login",
                "walker",
                "what",
                "field",
                "old",
                "new",
            ]
            .iter()
            .map(|c| r[col(c)].to_string())
            .collect()
        })
        .collect();
    let row = |respondent: &str, walker: &str, what: &str, field: &str, old: &str, new: &str| -> Vec<String> {
        [&pillar, &slot.indicator, respondent, &me, walker, what, field, old, new]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(
        changes,
        vec![
            row("Ani", "respondent", "answer", "level", "", "2"),
            row("Ani", "respondent", "answer", "level", "2", "3"),
            // A note that would be a formula starts with an apostrophe, like every cell.
            row("Ani", "respondent", "answer", "note", "", "'=SUM(A1:A9)"),
            row("", "consensus", "agreed_level", "level", "", "3"),
        ]
    );
    // The creation is there too (the respondent's name), and every change has its time.
    assert!(records.iter().any(|r| &r[0] == "change"
        && &r[col("what")] == "respondent"
        && &r[col("field")] == "name"
        && &r[col("new")] == "Ani"));
    for r in records.iter().filter(|r| &r[0] == "change") {
        let at = &r[col("updated_at")];
        assert_eq!((at.len(), &at[10..11], &at[23..]), (24, "T", "Z"), "{at}");
    }
}

#[test]
fn the_workshop_screen_says_who_recorded_each_level() {
    use pmk3i::app::agenda::WTab;
    use pmk3i::app::{App, Event, Screen};
    use pmk3i::assessment::AgreedKind;
    use pmk3i::ui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = framework();
    let pillar = fw
        .framework
        .pillars
        .iter()
        .find(|p| p.scope == pmk3i::framework::Scope::Region)
        .unwrap();
    let first = SlotKey::new(&pillar.indicators[0].id, None);
    let second = SlotKey::new(&pillar.indicators[1].id, None);
    let id = {
        let mut store = Store::open(&db).unwrap();
        let id = store.create_assessment(&fw, &new_assessment(&fw, "Ani")).unwrap();
        let ani = store.load_record(id).unwrap().respondents[0].id;
        let budi = store
            .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "")
            .unwrap();
        // The first indicator has the larger gap (1 vs 4): it heads the agenda.
        for (who, a, b) in [(ani, 1, 2), (budi, 4, 2)] {
            store.upsert_answer(who, &first, Some(a), false).unwrap();
            store.upsert_answer(who, &second, Some(b), false).unwrap();
        }
        store
            .set_agreed_answer(id, AgreedKind::Consensus, &first, Some(3), false)
            .unwrap();
        store
            .set_agreed_answer(id, AgreedKind::Verified, &first, Some(2), false)
            .unwrap();
        store
            .set_agreed_answer(id, AgreedKind::Consensus, &second, Some(2), false)
            .unwrap();
        id
    };
    let me = login_name();
    let store = Store::open(&db).unwrap();
    // The minute each level was logged at, as the log has it.
    let minute = |kind: &str, slot: &SlotKey| {
        let at = store
            .history(id, Some(&slot.indicator), None)
            .unwrap()
            .into_iter()
            .rfind(|c| c.walker.as_deref() == Some(kind) && c.field == "level")
            .unwrap()
            .at;
        format!("{} {}", &at[..10], &at[11..16])
    };
    let (cons_first, ver_first, cons_second) = (
        minute("consensus", &first),
        minute("verified", &first),
        minute("consensus", &second),
    );
    drop(store);
    let mut app = App::new(Store::open(&db).unwrap(), vec![fw], Lang::Id, "2026".into());
    app.open_workshop(id);
    let screen = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| pmk3i::ui::draw(app, f, Theme { color: false }))
            .unwrap();
        terminal.backend().to_string()
    };
    let shown = screen(&app);
    assert!(
        shown.contains(&format!("Konsensus 3 · dicatat oleh {me}, {cons_first} UTC")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("Uji petik 2 · dicatat oleh {me}, {ver_first} UTC")),
        "{shown}"
    );
    // Uji dulu: the second indicator (not verified), its consensus recorder on the last line.
    while !matches!(&app.screen, Screen::Workshop(w) if w.tab() == WTab::VerifyFirst) {
        app.handle(Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    }
    let shown = screen(&app);
    let lines: Vec<&str> = shown.lines().collect();
    // Header, tabs (2 rows), the tab's note, the column heads, the one row, a blank line.
    assert!(
        lines[5].contains("▶ ") && lines[5].contains(&second.indicator),
        "{shown}"
    );
    assert!(
        lines[7].contains(&format!("Konsensus 2 · dicatat oleh {me}, {cons_second} UTC")),
        "{shown}"
    );
    assert!(!shown.contains("Konsensus 3 · dicatat"), "{shown}");
    // A long login (here another laptop's row, added to the log as an import would) is
    // cut in the middle when the line is narrow; the level and the time stay whole.
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute(
        "INSERT INTO change_log (assessment_id, at, login, walker, what, item, subsector, field, old, new)
         SELECT assessment_id, at, 'asesor.uji.petik.kabupaten', walker, what, item, subsector, field, old, new
         FROM change_log WHERE walker = 'consensus' AND item = ?1 AND field = 'level'",
        [&first.indicator],
    )
    .unwrap();
    drop(raw);
    while !matches!(&app.screen, Screen::Workshop(w) if w.tab() == WTab::Agenda) {
        app.handle(Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    }
    let sized = |app: &App, w: u16| {
        let mut terminal = Terminal::new(TestBackend::new(w, 24)).unwrap();
        terminal
            .draw(|f| pmk3i::ui::draw(app, f, Theme { color: false }))
            .unwrap();
        terminal.backend().to_string()
    };
    // 62 columns leave 60 for the body: 27 before the login, 22 after it, 11 for it:
    // "aseso" + "…" + "paten".
    let narrow = sized(&app, 62);
    assert!(
        narrow.contains(&format!("Konsensus 3 · dicatat oleh aseso…paten, {cons_first} UTC")),
        "{narrow}"
    );
    let wide = sized(&app, 80);
    assert!(
        wide.contains(&format!(
            "Konsensus 3 · dicatat oleh asesor.uji.petik.kabupaten, {cons_first} UTC"
        )),
        "{wide}"
    );
    // In English too.
    app.handle(Event::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT)));
    let english = sized(&app, 80);
    assert!(
        english.contains(&format!("Verified 2 · recorded by {me}, {ver_first} UTC")),
        "{english}"
    );
}
