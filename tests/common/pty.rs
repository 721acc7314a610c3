//! The real binary in a pseudo-terminal: keys written to the pty master, the screen
//! read back through a vt100 parser, the raw output kept.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_pmk3i");
/// Generous: the tests must pass on a loaded two-core machine.
pub const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// `pmk3i` running in a pty, its screen read back through a vt100 parser.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<File>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Tui {
    /// `pmk3i --db DB` in a `cols` × `rows` pty, started in `dir` (also its data
    /// folder), without the user's language, database or colour settings; `wrapper`
    /// runs in front of it (e.g. `setsid -w`) when not empty.
    pub fn start(dir: &Path, db: &Path, (cols, rows): (u16, u16), wrapper: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut argv: Vec<&str> = wrapper.to_vec();
        argv.push(BIN);
        let mut cmd = CommandBuilder::new(argv[0]);
        cmd.args(&argv[1..]);
        cmd.arg("--db");
        cmd.arg(db);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("PMK3I_DATA_DIR", dir);
        for var in ["PMK3I_LANG", "PMK3I_DB", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child keeps the slave open, so its exit ends the output stream.
        drop(pair.slave);
        let master = pair.master;

        // Our own duplicate of the master, for reading and writing. portable-pty's
        // reader blocks (so it would keep the master open after the test drops it, and
        // no SIGHUP would come), and its writer sends "\n" and EOF when dropped, which
        // would type into the open editor.
        let fd = master.as_raw_fd().unwrap();
        // SAFETY: `fd` is the master's descriptor, open while `master` lives; it is
        // only borrowed here to duplicate it.
        let owned: OwnedFd = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().unwrap();
        // FIONBIO through std: non-blocking reads let the reader thread notice `stop`.
        let stream = UnixStream::from(owned);
        stream.set_nonblocking(true).unwrap();
        let reading = File::from(OwnedFd::from(stream));
        let writer = reading.try_clone().unwrap();

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let (parser, raw, stop) = (parser.clone(), raw.clone(), stop.clone());
            std::thread::spawn(move || read_loop(reading, &parser, &raw, &stop))
        };
        Tui {
            child,
            master: Some(master),
            writer: Some(writer),
            parser,
            raw,
            stop,
            reader: Some(reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Polls the screen until `pred` holds; fails with the screen dump.
    pub fn wait_until(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > timeout {
                panic!("timed out after {timeout:?} waiting for {what}; the screen:\n{screen}\n--- end of screen");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?}"), timeout, |s| s.contains(text))
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the pty is still open");
        let mut bytes = keys.as_bytes();
        let start = Instant::now();
        while !bytes.is_empty() {
            match writer.write(bytes) {
                Ok(n) => bytes = &bytes[n..],
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {
                    assert!(start.elapsed() < WAIT, "the pty does not take input");
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => panic!("cannot write to the pty: {e}"),
            }
        }
    }

    /// Waits for the child to exit; returns its status and how long that took.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<(ExitStatus, Duration)> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some((status, start.elapsed()));
            }
            if start.elapsed() > timeout {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the reader has seen the end of the output (after the child exited).
    pub fn join_reader(&mut self) {
        if let Some(handle) = self.reader.take() {
            let start = Instant::now();
            while !handle.is_finished() {
                if start.elapsed() > WAIT {
                    self.stop.store(true, Ordering::SeqCst);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            handle.join().unwrap();
        }
    }

    /// Closes every handle on the pty master, as sshd does when the link drops: the
    /// kernel hangs up the terminal and sends SIGHUP to the child.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.join_reader();
        self.writer = None;
        self.master = None;
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

fn read_loop(mut pty: File, parser: &Mutex<vt100::Parser>, raw: &Mutex<Vec<u8>>, stop: &AtomicBool) {
    let mut buf = [0u8; 8192];
    loop {
        match pty.read(&mut buf) {
            // EIO (or EOF): the child and every other user of the slave are gone.
            Ok(0) => return,
            Ok(n) => {
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
                parser.lock().unwrap().process(&buf[..n]);
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return,
        }
    }
}
