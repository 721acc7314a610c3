//! The terminal runtime: checks for a terminal, sets it up and always restores it
//! (quit, error, panic, SIGTERM, SIGHUP), reads events without polling while idle,
//! and saves any open draft from a signal thread when the link drops.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event as CtEvent};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

use crate::app::draft::{SharedDraft, save_draft};
use crate::app::recovery::{self, Change, SharedPending};
use crate::app::{App, Event};
use crate::cli::{Cli, EXIT_INVALID, Failure};
use crate::i18n::{Lang, Message};
use crate::store::Store;
use crate::ui::{self, theme::Theme};

/// How often failed writes are retried while any wait (otherwise the loop blocks).
const RETRY_EVERY: Duration = Duration::from_secs(2);

static RESTORED: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was; safe to call more than once and from any thread.
pub fn restore_terminal() {
    if RESTORED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
}

/// The current calendar year (UTC), the default period of a new assessment.
pub fn current_year() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    year_of_unix_days((secs / 86_400) as i64).to_string()
}

/// The civil year of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn year_of_unix_days(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
}

/// Opens the TUI.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    let lang = cli.lang();
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::new(
            EXIT_INVALID,
            Message::new(
                "tampilan interaktif butuh terminal (stdin dan stdout tidak boleh dialihkan). Untuk skrip gunakan perintah headless: pmk3i list, export, import, report, validate (lihat pmk3i --help).",
                "the interactive screen needs a terminal (stdin and stdout must not be redirected). For scripts use the headless commands: pmk3i list, export, import, report, validate (see pmk3i --help).",
            ),
        ));
    }
    let db_path = cli.db_path()?;
    let mut store = Store::open(&db_path)?;
    offer_recovery(&db_path, &mut store, lang);
    let set = cli.framework_set();
    let mut app = App::new(store, set.frameworks, lang, current_year());
    app.database = Some(db_path.clone());
    if let Some(first) = set.problems.first() {
        app.status = crate::app::Status::Error(format!(
            "{} {}",
            lang.pick(
                "Kerangka tidak dimuat (pmk3i validate):",
                "Framework not loaded (pmk3i validate):"
            ),
            first.render(lang)
        ));
    }
    let unsaved = Unsaved {
        draft: app.draft.clone(),
        pending: app.pending_shared.clone(),
        lang,
    };
    start_signal_thread(db_path.clone(), unsaved.clone())?;
    start_hangup_watch(db_path.clone(), unsaved);
    install_panic_hook(
        lang,
        db_path.clone(),
        Unsaved {
            draft: app.draft.clone(),
            pending: app.pending_shared.clone(),
            lang,
        },
    );
    enable_raw_mode().map_err(terminal_setup_failed)?;
    RESTORED.store(false, Ordering::SeqCst);
    let mut stdout = std::io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        restore_terminal();
        return Err(terminal_setup_failed(e));
    }
    let result = event_loop(&mut app);
    restore_terminal();
    finish_pending(&mut app, &db_path);
    result
}

/// What the TUI has not committed yet, shared with the signal and hang-up threads.
#[derive(Clone)]
struct Unsaved {
    draft: SharedDraft,
    pending: SharedPending,
    lang: Lang,
}

impl Unsaved {
    /// The waiting changes, then the open text (once). The locks are only tried (for
    /// a moment): a panic may come while this very thread holds one.
    fn changes(&self) -> Vec<Change> {
        fn try_for_a_moment<T: Clone + Default>(m: &std::sync::Mutex<T>) -> T {
            for _ in 0..50 {
                match m.try_lock() {
                    Ok(v) => return v.clone(),
                    Err(std::sync::TryLockError::Poisoned(p)) => return p.into_inner().clone(),
                    Err(std::sync::TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
            T::default()
        }
        let mut changes = try_for_a_moment(&self.pending);
        if let Some(draft) = try_for_a_moment(&self.draft) {
            let open = Change::Text { draft };
            if !changes.contains(&open) {
                changes.push(open);
            }
        }
        changes
    }
}

/// How long the exit path keeps retrying writes the database does not take.
const EXIT_RETRY_LIMIT: Duration = Duration::from_secs(3);

/// Commits `changes` within [`EXIT_RETRY_LIMIT`]; what still cannot be committed (and
/// matters to the user) goes to the recovery file. Returns the message for the user.
fn commit_or_keep(db_path: &std::path::Path, store: Option<&mut Store>, changes: Vec<Change>) -> Option<Message> {
    if changes.is_empty() {
        return None;
    }
    let mut opened;
    let store = match store {
        Some(s) => s,
        None => match Store::open(db_path) {
            Ok(s) => {
                opened = s;
                &mut opened
            }
            Err(e) => return Some(keep(db_path, changes, &e.message(Lang::Id), &e.message(Lang::En))),
        },
    };
    let _ = store.set_busy_timeout(Duration::from_millis(250));
    let (left, error) = recovery::apply_within(store, changes, EXIT_RETRY_LIMIT);
    let left: Vec<Change> = left.into_iter().filter(Change::matters).collect();
    if left.is_empty() {
        return None;
    }
    let (id, en) = error.map_or_else(Default::default, |e| (e.message(Lang::Id), e.message(Lang::En)));
    Some(keep(db_path, left, &id, &en))
}

/// Writes `changes` to the recovery file; the message says where, or why not.
fn keep(db_path: &std::path::Path, changes: Vec<Change>, why_id: &str, why_en: &str) -> Message {
    let n = changes.len();
    match recovery::save_recovery(db_path, &changes) {
        Ok(path) => {
            let path = path.display();
            Message::new(
                format!(
                    "{n} perubahan tidak dapat disimpan ke basis data ({why_id}); perubahan itu disimpan di {path} dan ditawarkan untuk diterapkan saat pmk3i dibuka lagi"
                ),
                format!(
                    "{n} changes could not be saved to the database ({why_en}); they are kept in {path} and offered to be applied when pmk3i starts again"
                ),
            )
        }
        Err(e) => Message::new(
            format!("{n} perubahan tidak dapat disimpan ({why_id}), dan berkas pemulihan tidak dapat ditulis: {e}"),
            format!("{n} changes could not be saved ({why_en}), and the recovery file cannot be written: {e}"),
        ),
    }
}

/// After the UI loop: writes still waiting are retried, then kept in the recovery file.
fn finish_pending(app: &mut App, db_path: &std::path::Path) {
    let mut changes = app.take_pending();
    if let Some(draft) = app.draft.lock().ok().and_then(|mut d| d.take()) {
        let open = Change::Text { draft };
        if !changes.contains(&open) {
            changes.push(open);
        }
    }
    if let Some(message) = commit_or_keep(db_path, Some(&mut app.store), changes) {
        eprintln!("pmk3i: {}", crate::safe_text::for_terminal(message.get(app.lang)));
    }
}

/// At start, before the screens open: changes a previous run could not commit are
/// listed, and applied if the user agrees (Enter); `n` keeps them for later, `h`/`d`
/// discards them.
fn offer_recovery(db_path: &std::path::Path, store: &mut Store, lang: Lang) {
    use crate::safe_text::for_terminal;
    let path = recovery::recovery_path(db_path);
    let file = match recovery::read_recovery(db_path) {
        Ok(Some(f)) if !f.changes.is_empty() => f,
        Ok(_) => return,
        Err(e) => {
            eprintln!(
                "pmk3i: {} {}",
                lang.pick(
                    "berkas pemulihan tidak terbaca dan dibiarkan apa adanya:",
                    "the recovery file is unreadable and was left as it is:"
                ),
                for_terminal(&e)
            );
            return;
        }
    };
    let n = file.changes.len();
    println!(
        "pmk3i: {n} {} {}:",
        lang.pick(
            "perubahan dari sesi sebelumnya belum tersimpan, di",
            "changes from an earlier session were not saved, in"
        ),
        for_terminal(&path.display().to_string())
    );
    for c in file.changes.iter().take(15) {
        println!("  - {}", for_terminal(&c.describe(lang)));
    }
    if n > 15 {
        println!("  … {} {}", n - 15, lang.pick("lainnya", "more"));
    }
    print!(
        "{} ",
        lang.pick(
            "Terapkan sekarang? [Y]a / [n]anti / [h]apus:",
            "Apply them now? [Y]es / [n]ot now / [d]iscard:"
        )
    );
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    // End of input or an error is no answer: the file stays for the next start.
    if !matches!(std::io::stdin().read_line(&mut answer), Ok(n) if n > 0) {
        println!();
        return;
    }
    match answer.trim().to_lowercase().as_str() {
        "" | "y" | "ya" | "yes" => {
            let (left, error) = recovery::apply_file(store, file, Duration::from_secs(2));
            let applied = n - left.len();
            let kept = left.len();
            match recovery::write_recovery(db_path, left) {
                Ok(()) if kept == 0 => println!(
                    "{} {applied} {}",
                    lang.pick("Diterapkan:", "Applied:"),
                    lang.pick("perubahan.", "changes.")
                ),
                Ok(()) => println!(
                    "{} {applied}; {kept} {} ({}); {}",
                    lang.pick("Diterapkan:", "Applied:"),
                    lang.pick("belum dapat diterapkan", "could not be applied"),
                    error
                        .map(|e| for_terminal(&e.message(lang)).into_owned())
                        .unwrap_or_default(),
                    lang.pick(
                        "perubahan itu tetap di berkas pemulihan",
                        "they stay in the recovery file"
                    )
                ),
                Err(e) => println!("{}: {e}", for_terminal(&path.display().to_string())),
            }
        }
        "h" | "hapus" | "d" | "discard" => match recovery::write_recovery(db_path, Vec::new()) {
            Ok(()) => println!("{}", lang.pick("Dibuang.", "Discarded.")),
            Err(e) => println!("{}: {e}", for_terminal(&path.display().to_string())),
        },
        _ => println!(
            "{}",
            lang.pick(
                "Disimpan untuk nanti; ditawarkan lagi saat pmk3i dibuka.",
                "Kept for later; offered again when pmk3i starts."
            )
        ),
    }
}

/// A failure of the terminal or the signal handling; `id` and `en` say what could not be done.
fn io_failure(id: &str, en: &str, e: std::io::Error) -> Failure {
    Failure::new(1, Message::new(format!("{id}: {e}"), format!("{en}: {e}")))
}

fn terminal_setup_failed(e: std::io::Error) -> Failure {
    io_failure("terminal tidak dapat disiapkan", "cannot set up the terminal", e)
}

fn event_loop(app: &mut App) -> Result<(), Failure> {
    let theme = Theme::from_env();
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout())).map_err(terminal_setup_failed)?;
    if let Ok(size) = terminal.size() {
        app.set_size(size.width, size.height);
    }
    loop {
        terminal
            .draw(|frame| ui::draw(app, frame, theme))
            .map_err(|e| io_failure("layar tidak dapat digambar", "cannot draw", e))?;
        if app.quit {
            return Ok(());
        }
        // Block until something happens; wake on a timer only to retry failed writes.
        if app.has_pending_writes() {
            match event::poll(RETRY_EVERY) {
                Ok(true) => {}
                Ok(false) => {
                    app.retry_pending();
                    continue;
                }
                Err(e) => return Err(terminal_gone(app, e)),
            }
        }
        let event = match event::read() {
            Ok(e) => e,
            Err(e) => return Err(terminal_gone(app, e)),
        };
        let event = match event {
            CtEvent::Key(k) => Event::Key(k),
            CtEvent::Paste(s) => Event::Paste(s),
            CtEvent::Resize(w, h) => Event::Resize(w, h),
            _ => continue,
        };
        app.handle(event);
    }
}

/// The terminal stopped answering: save what is open and leave.
fn terminal_gone(app: &mut App, e: std::io::Error) -> Failure {
    save_open_draft(&mut app.store, &app.draft);
    app.retry_pending();
    // What is still waiting is retried and kept by `run` after the loop.
    io_failure("kesalahan terminal", "terminal error", e)
}

fn save_open_draft(store: &mut Store, draft: &SharedDraft) {
    let open = draft.lock().ok().and_then(|mut d| d.take());
    if let Some(d) = open {
        // Written as the walk the draft belongs to (see `store::Writer`).
        let walker = Change::Text { draft: d.clone() }.walker();
        let _ = store.set_writer(Some(walker)).and_then(|()| save_draft(store, &d));
    }
}

/// On SIGHUP (the SSH link dropped), SIGTERM or SIGINT: save the open draft with a
/// connection of its own, restore the terminal and exit — without the UI loop,
/// which may be stuck on a dead terminal.
fn start_signal_thread(db_path: PathBuf, unsaved: Unsaved) -> Result<(), Failure> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])
        .map_err(|e| io_failure("sinyal tidak dapat dipantau", "cannot watch signals", e))?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                save_and_exit(&db_path, &unsaved, 128 + signal);
            }
        })
        .map_err(|e| {
            io_failure(
                "thread pemantau sinyal tidak dapat dijalankan",
                "cannot start the signal thread",
                e,
            )
        })?;
    Ok(())
}

/// Saves the open draft with its own connection, restores the terminal and exits.
///
/// The main thread may be blocked writing to a terminal that does not read (a stalled
/// SSH link) while it holds the lock of `std::io::stdout`: nothing here takes that
/// lock. The terminal is restored with [`restore_terminal_without_stdout`], and the
/// process ends with `_exit`, which flushes nothing.
fn save_and_exit(db_path: &std::path::Path, unsaved: &Unsaved, code: i32) -> ! {
    // A hang-up can arrive as SIGHUP and as POLLHUP at once: the first thread saves
    // and exits; the second waits here, so it cannot exit while the draft is written.
    static EXITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _exiting = EXITING.lock();
    let message = commit_or_keep(db_path, None, unsaved.changes());
    restore_terminal_without_stdout(RESTORE_WRITE_LIMIT);
    if let Some(message) = message {
        let text = format!(
            "\r\npmk3i: {}\r\n",
            crate::safe_text::for_terminal(message.get(unsaved.lang))
        );
        #[cfg(unix)]
        write_bounded(libc::STDERR_FILENO, text.as_bytes(), RESTORE_WRITE_LIMIT);
    }
    // SAFETY: `_exit` ends the process at once; the database connection above is closed.
    unsafe { libc::_exit(code) }
}

/// How long the signal path tries to write the restoring sequences to a terminal that
/// does not read.
const RESTORE_WRITE_LIMIT: Duration = Duration::from_millis(500);

/// The sequences [`restore_terminal`] writes: bracketed paste off, leave the alternate
/// screen, show the cursor.
const RESTORE_SEQUENCES: &[u8] = b"\x1b[?2004l\x1b[?1049l\x1b[?25h";

/// [`restore_terminal`] for the signal path: raw mode off (an ioctl, which never waits
/// for output), then the restoring sequences written to a descriptor of its own opened
/// non-blocking on the terminal, for at most `limit`; what a stalled terminal does not
/// take by then is dropped.
fn restore_terminal_without_stdout(limit: Duration) {
    if RESTORED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        use std::os::unix::io::AsRawFd;
        // A new open file description: O_NONBLOCK on it leaves the shell's own
        // descriptors (shared with our stdout) blocking.
        let tty = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open("/dev/tty");
        let fd = match &tty {
            Ok(file) => file.as_raw_fd(),
            // No controlling terminal (started with setsid): stdout itself, written only
            // when poll says it has room.
            Err(_) => libc::STDOUT_FILENO,
        };
        write_bounded(fd, RESTORE_SEQUENCES, limit);
    }
}

/// Writes `bytes` to `fd` while `poll` says it takes more, for at most `limit`.
#[cfg(unix)]
fn write_bounded(fd: libc::c_int, mut bytes: &[u8], limit: Duration) {
    let deadline = std::time::Instant::now() + limit;
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return;
        }
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLOUT,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for the duration of the call.
        let ready = unsafe { libc::poll(&mut pfd, 1, left.as_millis().clamp(1, 1000) as libc::c_int) };
        if ready <= 0 || pfd.revents & libc::POLLOUT == 0 {
            if ready < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            if ready == 0 {
                continue;
            }
            return;
        }
        // A terminal with room for POLLOUT takes at least 256 bytes; these are 24.
        // SAFETY: `bytes` is valid for its length.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n > 0 {
            bytes = &bytes[n as usize..];
        } else if n < 0 {
            let e = std::io::Error::last_os_error();
            if !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
            ) {
                return;
            }
        }
    }
}

/// Watches the terminal itself for a hang-up. SIGHUP does not always arrive (a
/// process started with `setsid`, a shell that does not forward it), and crossterm
/// then keeps re-reading the dead terminal instead of reporting an error. `poll`
/// with no requested events blocks without a timer and wakes only on POLLHUP/POLLERR.
fn start_hangup_watch(db_path: PathBuf, unsaved: Unsaved) {
    // Linux only: macOS answers POLLNVAL for terminals, which would read as a hang-up.
    #[cfg(target_os = "linux")]
    {
        let spawned = std::thread::Builder::new().name("hangup".into()).spawn(move || {
            loop {
                let mut fd = libc::pollfd {
                    fd: libc::STDIN_FILENO,
                    events: 0,
                    revents: 0,
                };
                // SAFETY: one valid pollfd, for the duration of the call.
                let ready = unsafe { libc::poll(&mut fd, 1, -1) };
                if ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                    save_and_exit(&db_path, &unsaved, 128 + libc::SIGHUP);
                }
                if ready < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                    return;
                }
            }
        });
        // Without the watch, SIGHUP still saves and exits; nothing more to do.
        drop(spawned);
    }
    #[cfg(not(target_os = "linux"))]
    drop((db_path, unsaved));
}

fn install_panic_hook(lang: Lang, db_path: PathBuf, unsaved: Unsaved) {
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        // An open note and waiting writes must not be lost to a bug: saved with a
        // connection of its own, or kept in the recovery file.
        if let Some(kept) = commit_or_keep(&db_path, None, unsaved.changes()) {
            eprintln!("pmk3i: {}", crate::safe_text::for_terminal(kept.get(lang)));
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let message = crate::safe_text::for_terminal(&message);
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        match lang {
            Lang::Id => eprintln!(
                "pmk3i: kesalahan internal{place}: {message}\nSemua jawaban yang sudah tampil sebagai tersimpan ada di basis data. Mohon laporkan pesan ini."
            ),
            Lang::En => eprintln!(
                "pmk3i: internal error{place}: {message}\nEvery answer shown as saved is in the database. Please report this message."
            ),
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::year_of_unix_days;

    #[test]
    fn civil_years() {
        assert_eq!(year_of_unix_days(0), 1970);
        assert_eq!(year_of_unix_days(20_454), 2026); // 2026-01-01
        assert_eq!(year_of_unix_days(20_453), 2025); // 2025-12-31
    }
}
