//! Issue 11 item 9, the TUI's part, with the real binary in an 80×24 pty: when another
//! program holds the database's lock, an answer shows the red banner within about a
//! second (not a 10 s freeze), the answer is kept and retried, and it is saved once
//! the other program lets go.
#![allow(clippy::unwrap_used)]
#![cfg(unix)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::time::{Duration, Instant};

use pmk3i::assessment::{Region, RegionKind};
use pmk3i::framework::{BUNDLED_PMK3I, LoadedFramework, Origin};
use pmk3i::store::{NewAssessment, Store};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Pty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    io: File,
    parser: vt100::Parser,
}

impl Pty {
    fn pump(&mut self, ms: i32) {
        let mut pfd = libc::pollfd {
            fd: self.io.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&mut pfd, 1, ms) } > 0 {
            let mut buf = [0u8; 65536];
            if let Ok(n) = self.io.read(&mut buf) {
                self.parser.process(&buf[..n]);
            }
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen contains `text`; returns how long it took.
    fn wait_for(&mut self, text: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                start.elapsed() < limit,
                "\"{text}\" not shown within {limit:?}:\n{}",
                self.screen()
            );
            self.pump(20);
        }
        start.elapsed()
    }

    fn send(&mut self, keys: &[u8]) {
        self.io.write_all(keys).unwrap();
    }
}

#[test]
fn a_lock_held_by_another_program_shows_the_banner_within_a_second_and_the_answer_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pmk3i.sqlite3");
    let fw = LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json")).unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        let new = NewAssessment {
            region: Region {
                name: "Sukamaju".into(),
                kind: RegionKind::Kota,
                province: "Jawa Barat".into(),
            },
            period: "2026".into(),
            candidates: vec![fw.framework.subsectors[0].id.clone()],
            respondent_name: "Sari".into(),
            respondent_organisation: String::new(),
            respondent_actor: pmk3i::actor::Actor::Government,
        };
        store.create_assessment(&fw, &new).unwrap();
    }
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pmk3i"));
    cmd.arg("--db");
    cmd.arg(&db);
    cmd.env("TERM", "xterm-256color");
    cmd.env("PMK3I_DATA_DIR", dir.path());
    for var in ["PMK3I_LANG", "PMK3I_DB", "NO_COLOR", "PMK3I_FRAMEWORKS"] {
        cmd.env_remove(var);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let fd = pair.master.as_raw_fd().unwrap();
    // SAFETY: the master's descriptor is open while `_master` lives; duplicated here.
    let owned: OwnedFd = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().unwrap();
    let mut tui = Pty {
        child,
        _master: pair.master,
        io: File::from(owned),
        parser: vt100::Parser::new(24, 80, 0),
    };
    tui.wait_for("Sukamaju", Duration::from_secs(20));
    tui.send(b"\r");
    tui.wait_for("Indikator 1/", Duration::from_secs(20));

    // Another program takes the write lock and keeps it (an exclusive locking mode
    // cannot be taken while pmk3i has the WAL database open; that case is the
    // headless one in tests/store_guard.rs).
    let other = rusqlite::Connection::open(&db).unwrap();
    other.busy_timeout(Duration::from_secs(5)).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE region SET name = name;")
        .unwrap();
    tui.send(b"3");
    let took = tui.wait_for("GAGAL MENYIMPAN", Duration::from_secs(5));
    assert!(took < Duration::from_millis(2500), "the banner took {took:?}");
    // At 80 columns the banner is cut after the file's path; it must not call the lock damage.
    assert!(
        !tui.screen().contains("rusak"),
        "a lock called damage:\n{}",
        tui.screen()
    );

    // The other program lets go: the kept answer is saved by the next retry.
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    tui.wait_for("Tersimpan", Duration::from_secs(10));
    tui.send(b"q");
    let start = Instant::now();
    while tui.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "pmk3i did not quit");
        tui.pump(20);
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let levels: Vec<i64> = conn
        .prepare("SELECT level FROM answer WHERE level IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(levels, vec![3], "the answer typed while the lock was held is saved");
}
