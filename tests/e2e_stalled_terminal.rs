//! SIGTERM while the terminal does not read (a stalled SSH link): the TUI's main
//! thread is blocked writing a frame to the pty, holding the lock of standard output.
//! The signal path must not need that lock: the process exits 143 promptly.
#![allow(clippy::unwrap_used)]
#![cfg(target_os = "linux")]

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The kernel's wait channel of the process's main thread, for the failure message.
fn wchan(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default()
}

#[test]
fn sigterm_exits_while_the_terminal_is_not_reading() {
    let dir = tempfile::tempdir().unwrap();
    let pair = native_pty_system().openpty(size(24, 80)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pmk3i"));
    cmd.arg("--db");
    cmd.arg(dir.path().join("pmk3i.sqlite3"));
    cmd.cwd(dir.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("PMK3I_DATA_DIR", dir.path());
    for var in ["PMK3I_LANG", "PMK3I_DB", "NO_COLOR"] {
        cmd.env_remove(var);
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let master = pair.master;
    let pid = child.process_id().unwrap();

    // Read until the first screen is there, then stop reading, like a link that stalls.
    let fd = master.as_raw_fd().unwrap();
    // SAFETY: the master's descriptor, open while `master` lives; only duplicated here.
    let owned: OwnedFd = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().unwrap();
    let stream = UnixStream::from(owned);
    stream.set_nonblocking(true).unwrap();
    let mut reading = File::from(OwnedFd::from(stream));
    let reading_on = Arc::new(AtomicBool::new(true));
    let seen = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (on, seen) = (reading_on.clone(), seen.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut screen = vt100::Parser::new(24, 80, 0);
            while on.load(Ordering::SeqCst) {
                match reading.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        screen.process(&buf[..n]);
                        if screen.screen().contents().contains("Belum ada penilaian") {
                            seen.store(1, Ordering::SeqCst);
                        }
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(5)),
                    Err(_) => return,
                }
            }
        })
    };
    let start = Instant::now();
    while seen.load(Ordering::SeqCst) == 0 {
        assert!(start.elapsed() < Duration::from_secs(10), "the start screen never came");
        std::thread::sleep(Duration::from_millis(20));
    }
    reading_on.store(false, Ordering::SeqCst);
    reader.join().unwrap();

    // Every resize redraws the whole screen; nobody reads, so the pty's buffer fills
    // and the TUI blocks in write().
    for i in 0..200 {
        let (rows, cols) = if i % 2 == 0 { (60, 200) } else { (50, 180) };
        master.resize(size(rows, cols)).unwrap();
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    let blocked_in = wchan(pid);

    let status = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let sent = Instant::now();
    let exited = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if sent.elapsed() > Duration::from_secs(5) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let Some(status) = exited else {
        let now = wchan(pid);
        let _ = child.kill();
        let _ = child.wait();
        panic!("no exit within 5 s of SIGTERM (main thread was in {blocked_in:?}, now {now:?})");
    };
    eprintln!(
        "e2e_stalled_terminal: exit {:?} after SIGTERM (main thread in {blocked_in:?})",
        sent.elapsed()
    );
    assert_eq!(status.exit_code(), 143, "{status:?}");
    assert!(sent.elapsed() < Duration::from_secs(2), "took {:?}", sent.elapsed());
    drop(master);
}
