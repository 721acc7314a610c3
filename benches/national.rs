//! The national-scale benchmark, run by hand (never part of `cargo test`):
//!
//! ```sh
//! cargo bench --bench national              # 2,000 assessments (a few minutes)
//! cargo bench --bench national -- 200       # a quicker run with fewer assessments
//! ```
//!
//! It builds the database the ministry would have — N assessments × 5 respondents
//! (one per helix group) × 60 answers — through the public import path, one
//! `pmk3i import` process per file, and measures the real binary from outside: wall
//! time and peak RSS (`wait4`), and in an 80×24 / 200×60 pseudo-terminal the start-up
//! to first frame, key → frame latency (the answer is committed with fsync before the
//! frame), bytes per keystroke, idle output and CPU, and exit after the terminal
//! closes. `dialog --menu` (Debian package `dialog`, installed with apt-get when
//! missing) is measured in the same run for the ratio rows. Medians of several runs;
//! the output is the table pasted into BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pmk3i::assessment::{Region, RegionKind};
use pmk3i::framework::{BUNDLED_PMK3I, LoadedFramework, Origin, Scope};
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_pmk3i");
const RUNS: usize = 7;

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(2000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("national.sqlite3");
    let mut rows: Vec<(String, String, String)> = Vec::new();
    let mut row = |what: &str, figure: String, goal: &str| {
        println!("{what:<58} {figure:<34} goal {goal}");
        rows.push((what.into(), figure, goal.into()));
    };
    println!("machine: {} cores; {}", cores(), memory());
    ensure_dialog();

    // ── Import, one process per file ─────────────────────────────────────────
    let template = export_template();
    let mut import_ms = Vec::with_capacity(n);
    let mut import_cpu = Vec::with_capacity(n);
    let file = dir.path().join("region.json");
    let started = Instant::now();
    let mut at_200 = None;
    for i in 0..n {
        let mut doc = template.clone();
        doc["assessment"]["region"]["name"] = serde_json::Value::from(format!("Daerah {i:04}"));
        doc["assessment"]["period"] = serde_json::Value::from(format!("{}", 2020 + i % 7));
        std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
        let (t, _, cpu, ok) = timed_cpu(Command::new(BIN).arg("--db").arg(&db).arg("import").arg(&file));
        assert!(ok, "import {i} failed");
        import_ms.push(ms(t));
        import_cpu.push(cpu);
        if i + 1 == 200 && n > 200 {
            at_200 = Some(measure_one(&db, 1));
        }
    }
    let total = started.elapsed();
    let head = &import_ms[..import_ms.len().min(100)];
    let tail = &import_ms[import_ms.len().saturating_sub(100)..];
    row(
        &format!("import, one file per process ({n} files)"),
        format!(
            "first 100 {:.1} ms (CPU {:.1}), last 100 {:.1} ms (CPU {:.1}) median; {:.0} s total",
            median(head),
            median(&import_cpu[..head.len()]),
            median(tail),
            median(&import_cpu[import_cpu.len() - tail.len()..]),
            total.as_secs_f64()
        ),
        "≤ 15 ms each at any size",
    );
    let answers: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM answer", [], |r| r.get(0))
        .unwrap();
    println!(
        "database: {n} assessments, {answers} answers, {} MB",
        std::fs::metadata(&db).unwrap().len() / 1_000_000
    );

    // ── Headless commands ────────────────────────────────────────────────────
    for (label, args) in [
        ("pmk3i list", &["list"][..]),
        ("pmk3i list --json", &["list", "--json"]),
    ] {
        let (t, rss, cpu) = repeat_cpu(
            &[
                &["--db".to_string(), db.display().to_string()][..],
                &args.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            ]
            .concat(),
        );
        row(
            &format!("{label} ({n})"),
            format!("{t:.1} ms (CPU {cpu:.1} ms), peak RSS {rss:.1} MB"),
            "≤ 100 ms, ≤ 30 MB",
        );
    }
    if let Some((export, report)) = at_200 {
        row(
            "export ID --format json (200)",
            export,
            "≤ 20 ms, same at 200 and 2,000",
        );
        row(
            "report ID --format html (200)",
            report,
            "≤ 20 ms, same at 200 and 2,000",
        );
    }
    let (export, report) = measure_one(&db, n as i64 / 2);
    row(
        &format!("export ID --format json ({n})"),
        export,
        "≤ 20 ms, same at 200 and 2,000",
    );
    row(
        &format!("report ID --format html ({n})"),
        report,
        "≤ 20 ms, same at 200 and 2,000",
    );
    let (t, _) = repeat(&["--db".into(), db.display().to_string(), "check".into()]);
    row(
        &format!("check (full scan, {n})"),
        format!("{t:.0} ms"),
        "(explicit; not on open)",
    );

    let big = dir.path().join("big-framework.json");
    std::fs::write(&big, big_framework(5000)).unwrap();
    let (t, rss, cpu) = repeat_cpu(&["validate".into(), big.display().to_string()]);
    row(
        "validate, 5,000 indicators",
        format!("{t:.1} ms (CPU {cpu:.1} ms), peak RSS {rss:.1} MB"),
        "≤ 150 ms",
    );

    // ── Start-up against dialog ──────────────────────────────────────────────
    let empty = dir.path().join("empty.sqlite3");
    Store::open(&empty).unwrap();
    let twenty = dir.path().join("twenty.sqlite3");
    {
        for i in 0..20 {
            let mut doc = template.clone();
            doc["assessment"]["region"]["name"] = serde_json::Value::from(format!("Daerah {i:02}"));
            std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
            let (_, _, ok) = timed(Command::new(BIN).arg("--db").arg(&twenty).arg("import").arg(&file));
            assert!(ok);
        }
    }
    let has_dialog = which("dialog");
    for (label, db, items, goal) in [
        (
            "start-up to first frame, empty database, 80×24",
            &empty,
            0usize,
            "≤ 2 × dialog",
        ),
        (
            "start-up to first frame, 20 assessments, 80×24",
            &twenty,
            20,
            "≤ 2 × dialog",
        ),
        (
            &*format!("start-up to first frame, {n} assessments, 80×24"),
            &db,
            n.min(200),
            "≤ 50 ms",
        ),
    ] {
        let ours = median(&(0..RUNS).map(|_| startup(db, 80, 24)).collect::<Vec<_>>());
        let figure = if has_dialog {
            let theirs = median(
                &(0..RUNS)
                    .map(|_| dialog_startup(items.max(1), 80, 24))
                    .collect::<Vec<_>>(),
            );
            format!("{ours:.1} ms = {:.2} × dialog ({theirs:.1} ms)", ours / theirs)
        } else {
            format!("{ours:.1} ms (dialog not available)")
        };
        row(label, figure, goal);
    }

    // ── A walk in the pty: latency, bytes, idle, RSS, exit ──────────────────
    let walk = walk(&twenty, 80, 24, 60);
    row(
        "key → frame latency, answer-and-advance (fsync'd), 80×24",
        format!("p50 {:.1} ms, p99 {:.1} ms", walk.p50, walk.p99),
        "p99 ≤ 16 ms",
    );
    row(
        "bytes to the terminal per answer-and-advance, 80×24",
        format!("{:.0} B median", walk.bytes_per_answer),
        "≤ 1,500 B",
    );
    row(
        "Esc from the walk back to the list (20)",
        format!("{:.1} ms", walk.back_to_list),
        "≤ 30 ms",
    );
    row(
        "idle 10 s after the first frame: bytes, CPU",
        format!("{} B, {:.0} ms CPU", walk.idle_bytes, walk.idle_cpu_ms),
        "0",
    );
    row(
        "peak RSS during the walk",
        format!("{:.1} MB", walk.peak_rss_mb),
        "≤ 20 MB",
    );
    row(
        "exit after the pty master closes",
        format!("{:.0} ms", walk.exit_after_close),
        "≤ 2 s",
    );
    let big_walk = walk_esc(&db);
    row(
        &format!("Esc from the walk back to the list ({n})"),
        format!("{big_walk:.1} ms"),
        "≤ 30 ms",
    );
    for (cols, lines) in [(80u16, 24u16), (200, 60)] {
        let theirs = has_dialog.then(|| dialog_highlight_bytes(cols, lines));
        for (screen, in_walk) in [("list", false), ("walk levels", true)] {
            let ours = highlight_bytes(&twenty, cols, lines, in_walk);
            let figure = match theirs {
                Some(theirs) => format!("{ours:.0} B = {:.2} × dialog ({theirs:.0} B)", ours / theirs),
                None => format!("{ours:.0} B"),
            };
            row(
                &format!("bytes per highlight move ({screen}), {cols}×{lines}"),
                figure,
                "≤ 2 × dialog",
            );
        }
    }
    println!("\n| figure | measured | goal |\n|---|---|---|");
    for (what, figure, goal) in rows {
        println!("| {what} | {figure} | {goal} |");
    }
}

// ── Processes ────────────────────────────────────────────────────────────────

/// Runs a command to its end: wall time, peak RSS in MB (from `wait4`), success.
fn timed(cmd: &mut Command) -> (Duration, f64, bool) {
    let (wall, rss, _, ok) = timed_cpu(cmd);
    (wall, rss, ok)
}

/// [`timed`] with the CPU time (user + system, ms) the command used: on a shared
/// machine the CPU time is the steadier figure.
fn timed_cpu(cmd: &mut Command) -> (Duration, f64, f64, bool) {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, status and usage are valid for writes.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(r, pid);
    std::mem::forget(child);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let tv = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    (elapsed, usage.ru_maxrss as f64 / 1024.0, cpu, ok)
}

/// Median wall time (ms) and median peak RSS (MB) over a warm-up and [`RUNS`] runs.
fn repeat(args: &[String]) -> (f64, f64) {
    let (wall, rss, _) = repeat_cpu(args);
    (wall, rss)
}

/// [`repeat`] with the median CPU time (ms).
fn repeat_cpu(args: &[String]) -> (f64, f64, f64) {
    let make = || {
        let mut c = Command::new(BIN);
        c.args(args);
        c
    };
    timed(&mut make());
    let runs: Vec<_> = (0..RUNS).map(|_| timed_cpu(&mut make())).collect();
    assert!(runs.iter().all(|r| r.3), "the command failed");
    (
        median(&runs.iter().map(|r| ms(r.0)).collect::<Vec<_>>()),
        median(&runs.iter().map(|r| r.1).collect::<Vec<_>>()),
        median(&runs.iter().map(|r| r.2).collect::<Vec<_>>()),
    )
}

/// Export and report of one assessment: "wall ms (CPU ms)" each.
fn measure_one(db: &Path, id: i64) -> (String, String) {
    let id = id.max(1).to_string();
    let (export, _, export_cpu) = repeat_cpu(&args(db, &["export", &id, "--format", "json"]));
    let (report, _, report_cpu) = repeat_cpu(&args(db, &["report", &id, "--format", "html"]));
    (
        format!("{export:.1} ms (CPU {export_cpu:.1} ms)"),
        format!("{report:.1} ms (CPU {report_cpu:.1} ms)"),
    )
}

fn args(db: &Path, rest: &[&str]) -> Vec<String> {
    let mut v = vec!["--db".to_string(), db.display().to_string()];
    v.extend(rest.iter().map(|s| s.to_string()));
    v
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(v: &[f64]) -> f64 {
    percentile(v, 0.5)
}

fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[((s.len() - 1) as f64 * p).round() as usize]
}

fn which(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn ensure_dialog() {
    if !which("dialog") {
        println!("installing dialog (apt-get install -y dialog) …");
        let _ = Command::new("apt-get")
            .args(["install", "-y", "dialog"])
            .stdout(Stdio::null())
            .status();
    }
}

fn cores() -> String {
    std::thread::available_parallelism().map_or("?".into(), |n| n.to_string())
}

fn memory() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().map(str::to_string))
        .unwrap_or_default()
}

// ── Data ─────────────────────────────────────────────────────────────────────

/// An export of one assessment of the bundled framework: 5 respondents (one per helix
/// group), 60 answers each.
fn export_template() -> serde_json::Value {
    let fw = LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json")).unwrap();
    // Two candidate subsectors: the region's indicators and both ecosystems.
    let candidates: Vec<String> = fw.framework.subsectors[..2].iter().map(|s| s.id.clone()).collect();
    let mut slots = Vec::new();
    for p in &fw.framework.pillars {
        for ind in &p.indicators {
            match p.scope {
                Scope::Region => slots.push(SlotKey::new(&ind.id, None)),
                Scope::Subsector => {
                    for c in candidates.iter().filter(|c| ind.applies_to(c)) {
                        slots.push(SlotKey::new(&ind.id, Some(c)));
                    }
                }
            }
        }
    }
    assert!(slots.len() >= 60, "the bundled framework asks {} slots", slots.len());
    slots.truncate(60);
    let mut store = Store::open_in_memory().unwrap();
    let new = NewAssessment {
        region: Region {
            name: "Daerah".into(),
            kind: RegionKind::Kabupaten,
            province: "Jawa Tengah".into(),
        },
        period: "2026".into(),
        candidates,
        respondent_name: "Responden A".into(),
        respondent_organisation: "Universitas".into(),
        respondent_actor: pmk3i::actor::Actor::Academia,
    };
    let id = store.create_assessment(&fw, &new).unwrap();
    let mut respondents = vec![store.load(id).unwrap().0.respondents[0].id];
    for actor in [
        pmk3i::actor::Actor::Business,
        pmk3i::actor::Actor::Community,
        pmk3i::actor::Actor::Government,
        pmk3i::actor::Actor::Media,
    ] {
        respondents.push(
            store
                .add_respondent(id, &format!("Responden {actor}"), actor, "")
                .unwrap(),
        );
    }
    for (r, rid) in respondents.iter().enumerate() {
        for (k, slot) in slots.iter().enumerate() {
            store
                .upsert_answer(*rid, slot, Some(((r + k) % 5) as i64), false)
                .unwrap();
        }
    }
    serde_json::from_str(&pmk3i::exchange::export_json(&store, id).unwrap()).unwrap()
}

/// A valid framework with `n` region indicators in 50 pillars.
fn big_framework(n: usize) -> String {
    let levels: Vec<_> = (0..=4)
        .map(|v| serde_json::json!({"value": v, "description": {"id": format!("Tingkat {v}: uraian yang cukup panjang untuk rubrik")}}))
        .collect();
    let per = n / 50;
    let pillars: Vec<_> = (0..50)
        .map(|p| {
            let indicators: Vec<_> = (0..per)
                .map(|i| serde_json::json!({"id": format!("p{p:02}.i{i:03}"), "text": {"id": format!("Pertanyaan {p}.{i}")}, "levels": levels}))
                .collect();
            serde_json::json!({"id": format!("p{p:02}"), "title": {"id": format!("Pilar {p}")}, "indicators": indicators})
        })
        .collect();
    serde_json::json!({
        "format": 1, "id": "besar", "version": "1", "title": {"id": "Kerangka besar"},
        "scale": (0..=4).map(|v| serde_json::json!({"value": v, "label": {"id": v.to_string()}})).collect::<Vec<_>>(),
        "bands": [{"min": 0, "label": {"id": "Rintisan"}}, {"min": 50, "label": {"id": "Berkembang"}}],
        "actors": [{"id": "A", "label": {"id": "Akademisi"}}],
        "subsectors": [],
        "pillars": pillars
    })
    .to_string()
}

// ── The pseudo-terminal ──────────────────────────────────────────────────────

struct Pty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    io: File,
    parser: vt100::Parser,
    bytes: usize,
}

impl Pty {
    fn spawn(argv: &[&str], cols: u16, rows: u16, env: &BTreeMap<&str, String>) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(argv[0]);
        cmd.args(&argv[1..]);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        for var in ["PMK3I_LANG", "PMK3I_DB", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().unwrap();
        // SAFETY: the master's descriptor is open while `master` lives; duplicated here.
        let owned: OwnedFd = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().unwrap();
        Pty {
            child,
            master: Some(pair.master),
            io: File::from(owned),
            parser: vt100::Parser::new(rows, cols, 0),
            bytes: 0,
        }
    }

    /// Reads what arrives within `timeout`; returns the bytes read.
    fn pump(&mut self, timeout: Duration) -> usize {
        let mut pfd = libc::pollfd {
            fd: self.io.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut pfd, 1, ms) };
        if ready <= 0 {
            return 0;
        }
        let mut buf = [0u8; 65536];
        match self.io.read(&mut buf) {
            Ok(n) if n > 0 => {
                self.parser.process(&buf[..n]);
                self.bytes += n;
                n
            }
            _ => 0,
        }
    }

    /// Reads until `done(screen)`; returns the time it took.
    fn until(&mut self, done: impl Fn(&str) -> bool, limit: Duration) -> Duration {
        let start = Instant::now();
        while !done(&self.parser.screen().contents()) {
            assert!(
                start.elapsed() < limit,
                "screen never showed what was awaited:\n{}",
                self.parser.screen().contents()
            );
            self.pump(Duration::from_millis(20));
        }
        start.elapsed()
    }

    /// Reads until nothing arrives for `quiet`; returns the bytes read.
    fn drain(&mut self, quiet: Duration) -> usize {
        let before = self.bytes;
        while self.pump(quiet) > 0 {}
        self.bytes - before
    }

    fn send(&mut self, keys: &[u8]) {
        self.io.write_all(keys).unwrap();
    }

    fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    fn finish(mut self) {
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            self.pump(Duration::from_millis(10));
            if start.elapsed() > Duration::from_secs(5) {
                let _ = self.child.kill();
            }
        }
    }
}

fn pmk3i_env(db: &Path) -> (Vec<String>, BTreeMap<&'static str, String>) {
    let data = db.parent().unwrap().join("data");
    let env = BTreeMap::from([("PMK3I_DATA_DIR", data.display().to_string())]);
    (vec![BIN.to_string(), "--db".into(), db.display().to_string()], env)
}

fn first_frame(screen: &str) -> bool {
    screen.contains("terbaru di atas") || screen.contains("Belum ada penilaian")
}

/// Milliseconds from spawning `pmk3i` to its first complete frame; then quits.
fn startup(db: &Path, cols: u16, rows: u16) -> f64 {
    let (argv, env) = pmk3i_env(db);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let start = Instant::now();
    let mut p = Pty::spawn(&argv, cols, rows, &env);
    p.until(first_frame, Duration::from_secs(20));
    let t = ms(start.elapsed());
    p.send(b"q");
    p.finish();
    t
}

fn dialog_args(items: usize, cols: u16, rows: u16) -> Vec<String> {
    let mut argv: Vec<String> = vec![
        "dialog".into(),
        "--menu".into(),
        "Penilaian, terbaru di atas".into(),
        rows.to_string(),
        cols.to_string(),
        (rows.saturating_sub(7)).to_string(),
    ];
    for i in 0..items {
        argv.push(format!("{}", i + 1));
        argv.push(format!(
            "Kabupaten Daerah {i:02}  2026  pmk3i  5 responden  57.6 Berkembang"
        ));
    }
    argv
}

fn dialog_startup(items: usize, cols: u16, rows: u16) -> f64 {
    let argv = dialog_args(items, cols, rows);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let start = Instant::now();
    let mut p = Pty::spawn(&argv, cols, rows, &BTreeMap::new());
    p.until(
        |s| s.contains("Daerah 00") && s.contains("Cancel"),
        Duration::from_secs(20),
    );
    let t = ms(start.elapsed());
    p.send(b"\x1b");
    p.finish();
    t
}

/// Median bytes per highlight move (Down, Up, …) on pmk3i's start screen, or with
/// `in_walk` among the levels of the walk's first open indicator.
fn highlight_bytes(db: &Path, cols: u16, rows: u16, in_walk: bool) -> f64 {
    let (argv, env) = pmk3i_env(db);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let mut p = Pty::spawn(&argv, cols, rows, &env);
    p.until(first_frame, Duration::from_secs(20));
    p.drain(Duration::from_millis(200));
    if in_walk {
        p.send(b"\r");
        p.drain(Duration::from_millis(500));
        assert!(
            !first_frame(&p.parser.screen().contents()),
            "Enter did not open the walk"
        );
    }
    let sizes: Vec<f64> = (0..10)
        .map(|i| {
            p.send(if i % 2 == 0 { b"\x1b[B" } else { b"\x1b[A" });
            p.drain(Duration::from_millis(100)) as f64
        })
        .collect();
    p.send(b"q");
    p.finish();
    median(&sizes)
}

fn dialog_highlight_bytes(cols: u16, rows: u16) -> f64 {
    let argv = dialog_args(20, cols, rows);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let mut p = Pty::spawn(&argv, cols, rows, &BTreeMap::new());
    p.until(
        |s| s.contains("Daerah 00") && s.contains("Cancel"),
        Duration::from_secs(20),
    );
    p.drain(Duration::from_millis(200));
    let sizes: Vec<f64> = (0..10)
        .map(|i| {
            // ncurses turns on application cursor keys (smkx): ESC O B / ESC O A.
            p.send(if i % 2 == 0 { b"\x1bOB" } else { b"\x1bOA" });
            p.drain(Duration::from_millis(100)) as f64
        })
        .collect();
    p.send(b"\x1b");
    p.finish();
    median(&sizes)
}

struct Walk {
    p50: f64,
    p99: f64,
    bytes_per_answer: f64,
    back_to_list: f64,
    idle_bytes: usize,
    idle_cpu_ms: f64,
    peak_rss_mb: f64,
    exit_after_close: f64,
}

fn cpu_ms(pid: i32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        f.get(11).and_then(|u| u.parse().ok()).unwrap_or(0.0) + f.get(12).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    // SAFETY: sysconf has no preconditions.
    ticks * 1000.0 / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
}

fn peak_rss_mb(pid: i32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Opens the newest assessment, answers `answers` indicators (each a digit that saves
/// with fsync and advances), goes back to the list, idles, then closes the terminal.
fn walk(db: &Path, cols: u16, rows: u16, answers: usize) -> Walk {
    let (argv, env) = pmk3i_env(db);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let mut p = Pty::spawn(&argv, cols, rows, &env);
    p.until(first_frame, Duration::from_secs(20));
    p.drain(Duration::from_millis(300));
    let pid = p.pid();
    let cpu_before = cpu_ms(pid);
    let idle_bytes = {
        let before = p.bytes;
        let end = Instant::now() + Duration::from_secs(10);
        while Instant::now() < end {
            p.pump(Duration::from_millis(100));
        }
        p.bytes - before
    };
    let idle_cpu_ms = cpu_ms(pid) - cpu_before;
    // Resume the newest assessment in the walk (a complete one opens its results:
    // Tab back is not needed, the fixture's assessments are partly answered).
    p.send(b"\r");
    p.drain(Duration::from_millis(500));
    assert!(
        !first_frame(&p.parser.screen().contents()),
        "Enter did not open the walk"
    );
    let mut latencies = Vec::new();
    let mut sizes = Vec::new();
    for i in 0..answers {
        let key = [b'0' + (i % 5) as u8];
        let start = Instant::now();
        p.send(&key);
        // The frame after the key: the first output, then until it is quiet.
        while p.pump(Duration::from_millis(2000)) == 0 {
            assert!(start.elapsed() < Duration::from_secs(5), "no frame after a key");
        }
        latencies.push(ms(start.elapsed()));
        let before = p.bytes;
        p.drain(Duration::from_millis(30));
        sizes.push((p.bytes - before) as f64);
    }
    // Bytes per answer: the first chunk is part of the frame too.
    let per_answer = {
        let total_before = p.bytes;
        let mut one = Vec::new();
        for i in 0..10 {
            let before = p.bytes;
            p.send(&[b'0' + (i % 5) as u8]);
            p.drain(Duration::from_millis(60));
            one.push((p.bytes - before) as f64);
        }
        let _ = total_before;
        median(&one)
    };
    let peak = peak_rss_mb(pid);
    let start = Instant::now();
    p.send(b"\x1b");
    p.until(first_frame, Duration::from_secs(20));
    let back_to_list = ms(start.elapsed());
    // Close the terminal as an SSH drop does.
    p.master.take();
    let fd_closed = Instant::now();
    drop(std::mem::replace(&mut p.io, File::open("/dev/null").unwrap()));
    while p.child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(5));
        if fd_closed.elapsed() > Duration::from_secs(10) {
            let _ = p.child.kill();
        }
    }
    let exit_after_close = ms(fd_closed.elapsed());
    Walk {
        p50: percentile(&latencies, 0.5),
        p99: percentile(&latencies, 0.99),
        bytes_per_answer: per_answer,
        back_to_list,
        idle_bytes,
        idle_cpu_ms,
        peak_rss_mb: peak,
        exit_after_close,
    }
}

/// Esc from the walk back to the list on the big database.
fn walk_esc(db: &Path) -> f64 {
    let (argv, env) = pmk3i_env(db);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let mut p = Pty::spawn(&argv, 80, 24, &env);
    p.until(first_frame, Duration::from_secs(30));
    p.send(b"\r");
    p.drain(Duration::from_millis(500));
    assert!(
        !first_frame(&p.parser.screen().contents()),
        "Enter did not open the walk"
    );
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        p.send(b"\x1b");
        p.until(first_frame, Duration::from_secs(30));
        times.push(ms(start.elapsed()));
        p.drain(Duration::from_millis(200));
        p.send(b"\r");
        p.drain(Duration::from_millis(500));
        assert!(
            !first_frame(&p.parser.screen().contents()),
            "Enter did not open the walk"
        );
    }
    p.send(b"\x1bq");
    p.finish();
    median(&times)
}
