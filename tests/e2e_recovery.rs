//! A write waiting behind another program's lock survives SIGTERM and SIGHUP: the real
//! binary in a pty answers while a second SQLite connection holds the write lock, gets
//! the signal, exits 143 / 129 saying where the answer is kept; the next start offers the recovery file
//! and Enter applies it.
#![allow(clippy::unwrap_used)]
#![cfg(target_os = "linux")]

mod common;

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::db::{create, sukamaju};
use common::fw::bundled_pmk3i;
use pmk3i::app::recovery::{Change, read_recovery, recovery_path};
use pmk3i::store::{NewAssessment, Store};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: File,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
}

impl Tui {
    fn start(dir: &Path, db: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pmk3i"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("PMK3I_DATA_DIR", dir);
        for var in ["PMK3I_LANG", "PMK3I_DB", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().unwrap();
        // SAFETY: the master's descriptor, open while the master lives; only duplicated.
        let owned: OwnedFd = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().unwrap();
        let stream = UnixStream::from(owned);
        stream.set_nonblocking(true).unwrap();
        let mut reading = File::from(OwnedFd::from(stream));
        let writer = reading.try_clone().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        {
            let (parser, raw, stop) = (parser.clone(), raw.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reading.read(&mut buf) {
                        Ok(0) => return,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            parser.lock().unwrap().process(&buf[..n]);
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => {
                            if stop.load(Ordering::SeqCst) {
                                return;
                            }
                            std::thread::sleep(Duration::from_millis(5));
                        }
                        Err(_) => return,
                    }
                }
            });
        }
        Tui {
            child,
            _master: pair.master,
            writer,
            parser,
            raw,
            stop,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str, timeout: Duration) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                start.elapsed() < timeout,
                "timed out waiting for {text:?}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
    }

    fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status.exit_code());
            }
            if start.elapsed() > timeout {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

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

    let mut tui = Tui::start(dir.path(), &db);
    tui.wait_for("Sukamaju", Duration::from_secs(10));
    tui.send("\r");
    tui.wait_for("Terjawab 0/", Duration::from_secs(10));

    // Another program holds the write lock; the answer waits behind it.
    let blocker = rusqlite::Connection::open(&db).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    tui.send("3");
    tui.wait_for("GAGAL MENYIMPAN", Duration::from_secs(40));

    let pid = tui.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let sent = Instant::now();
    let code = tui
        .wait_exit(Duration::from_secs(30))
        .expect("no exit after the signal");
    eprintln!(
        "e2e_recovery: exit {:?} after {signal} with the lock held",
        sent.elapsed()
    );
    assert_eq!(code, exit_code);
    let file = recovery_path(&db);
    std::thread::sleep(Duration::from_millis(200));
    let said = String::from_utf8_lossy(&tui.raw.lock().unwrap()).into_owned();
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
    let mut tui = Tui::start(dir.path(), &db);
    tui.wait_for("Terapkan sekarang?", Duration::from_secs(10));
    assert!(tui.screen().contains("jawaban"), "{}", tui.screen());
    tui.send("\r");
    tui.wait_for("Sukamaju", Duration::from_secs(10));
    tui.send("q");
    assert_eq!(tui.wait_exit(Duration::from_secs(10)), Some(0));
    assert!(answered(&db), "the answer was applied");
    assert!(!file.exists(), "the applied recovery file is removed");
}
