//! A write waiting behind another program's lock survives SIGTERM and SIGHUP: the real
//! binary in a pty answers while a second SQLite connection holds the write lock, gets
//! the signal, exits 143 / 129 saying where the answer is kept; the next start offers the recovery file
//! and Enter applies it.
#![allow(clippy::unwrap_used)]
#![cfg(target_os = "linux")]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::db::{create, sukamaju};
use common::fw::bundled_pmk3i;
use common::pty::Tui;
use pmk3i::app::recovery::{Change, read_recovery, recovery_path};
use pmk3i::store::{NewAssessment, Store};

#[test]
fn an_answer_waiting_behind_a_lock_survives_sigterm_in_the_recovery_file() {
    waiting_answer_survives("-TERM", 128 + 15);
}

#[test]
fn an_answer_waiting_behind_a_lock_survives_sighup_in_the_recovery_file() {
    waiting_answer_survives("-HUP", 128 + 1);
}

/// The answer 3 waits behind another connection's write lock when `signal` arrives.
fn waiting_answer_survives(signal: &str, exit_code: u32) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let new = NewAssessment {
        respondent_organisation: String::new(),
        ..sukamaju(&["kuliner"])
    };
    let id = create(&db, &bundled_pmk3i(), &new);

    let mut tui = Tui::start(dir.path(), &db, (100, 30), &[]);
    tui.wait_for("Sukamaju", Duration::from_secs(10));
    tui.send("\r");
    tui.wait_for("Terjawab 0/", Duration::from_secs(10));

    // Another program holds the write lock; the answer waits behind it.
    let blocker = rusqlite::Connection::open(&db).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    tui.send("3");
    tui.wait_for("GAGAL MENYIMPAN", Duration::from_secs(40));

    let pid = tui.pid();
    let killed = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let sent = Instant::now();
    let (status, _) = tui
        .wait_exit(Duration::from_secs(30))
        .expect("no exit after the signal");
    let code = status.exit_code();
    eprintln!(
        "e2e_recovery: exit {:?} after {signal} with the lock held",
        sent.elapsed()
    );
    assert_eq!(code, exit_code);
    let file = recovery_path(&db);
    std::thread::sleep(Duration::from_millis(200));
    let said = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(
        said.contains(&file.display().to_string()),
        "the exit names the recovery file: {said:?}"
    );
    drop(tui);

    let kept = read_recovery(&db).unwrap().expect("a recovery file").changes;
    assert!(
        kept.iter().any(|c| matches!(c, Change::Answer { level: Some(3), .. })),
        "{kept:?}"
    );
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let answered = |db: &Path| {
        Store::open(db).unwrap().load(id).unwrap().0.respondents[0]
            .answers
            .iter()
            .any(|a| a.level == Some(3))
    };
    blocker.execute_batch("ROLLBACK").unwrap();
    drop(blocker);
    assert!(!answered(&db), "not committed before the next start");

    // The next start offers the file; Enter applies it.
    let mut tui = Tui::start(dir.path(), &db, (100, 30), &[]);
    tui.wait_for("Terapkan sekarang?", Duration::from_secs(10));
    assert!(tui.screen().contains("jawaban"), "{}", tui.screen());
    tui.send("\r");
    tui.wait_for("Sukamaju", Duration::from_secs(10));
    tui.send("q");
    assert_eq!(
        tui.wait_exit(Duration::from_secs(10)).map(|(s, _)| s.exit_code()),
        Some(0)
    );
    assert!(answered(&db), "the answer was applied");
    assert!(!file.exists(), "the applied recovery file is removed");
}
