//! Hardening runs, by hand (never part of `cargo test`):
//!
//! ```sh
//! cargo bench --bench hardening -- kill 50 7        # 50 SIGKILLs, seed 7
//! cargo bench --bench hardening -- concurrent 8 300 # 8 processes × 300 answers, one file
//! cargo bench --bench hardening -- concurrent 8 300 pmk3i-tim-a,pmk3i-tim-b pmk3i-team-test
//!                                                    # …as two Unix users (root; users exist)
//! ```
//!
//! `kill`: a writer process answers indicators through the store (the same call the
//! walk makes before it shows "Tersimpan ✓") and prints each answer once it is
//! committed; after a seeded random number of answers it gets SIGKILL. Every printed
//! answer must be in the database with its last printed level (only the one write in
//! flight may be newer), and `PRAGMA integrity_check` must say ok. `concurrent`: N
//! writer processes, each its own respondent, write M answers each to one file at
//! once; every write error is counted (the TUI would show each as the red banner and
//! retry it) and every last level must be in the file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use pmk3i::assessment::{Region, RegionKind};
use pmk3i::framework::{BUNDLED_PMK3I, LoadedFramework, Origin, Scope};
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    match args.first().map(String::as_str) {
        Some("writer") => writer(&args[1..]),
        Some("concurrent") => concurrent(num(&args, 1, 8), num(&args, 2, 300), team(&args)),
        _ => kill(num(&args, 1, 50), num(&args, 2, 7) as u64),
    }
}

fn num(args: &[String], i: usize, default: usize) -> usize {
    args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default)
}

fn framework() -> LoadedFramework {
    LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json")).unwrap()
}

/// The slots of the bundled framework for its first two subsectors.
fn slots(fw: &LoadedFramework) -> Vec<SlotKey> {
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
    slots
}

/// A database with one assessment and `respondents` respondents; their ids.
fn setup(db: &Path, respondents: usize) -> Vec<i64> {
    let fw = framework();
    let mut store = Store::open(db).unwrap();
    let new = NewAssessment {
        region: Region {
            name: "Daerah Uji".into(),
            kind: RegionKind::Kota,
            province: "Jawa Tengah".into(),
        },
        period: "2026".into(),
        candidates: fw.framework.subsectors[..2].iter().map(|s| s.id.clone()).collect(),
        respondent_name: "Responden 0".into(),
        respondent_organisation: String::new(),
        respondent_actor: pmk3i::actor::Actor::Government,
    };
    let id = store.create_assessment(&fw, &new).unwrap();
    let mut ids = vec![store.load(id).unwrap().0.respondents[0].id];
    for r in 1..respondents {
        let actor = pmk3i::actor::Actor::HELIX[r % 5];
        ids.push(store.add_respondent(id, &format!("Responden {r}"), actor, "").unwrap());
    }
    ids
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// `writer DB RESPONDENT SEED COUNT`: answers COUNT times (0 = until killed), printing
/// "k level" after each committed answer k; a failed write is retried, and counted
/// on stderr as "error …".
fn writer(args: &[String]) {
    let db = Path::new(&args[0]);
    let respondent: i64 = args[1].parse().unwrap();
    let mut rng = Lcg(args[2].parse().unwrap());
    let count: usize = args[3].parse().unwrap();
    let slots = slots(&framework());
    let mut store = Store::open(db).unwrap();
    let mut out = std::io::stdout().lock();
    let mut k = 0usize;
    while count == 0 || k < count {
        let slot = &slots[k % slots.len()];
        let level = (rng.next() % 5) as i64;
        while let Err(e) = store.upsert_answer(respondent, slot, Some(level), false) {
            eprintln!("error at answer {k}: {e}");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        writeln!(out, "{k} {level}").unwrap();
        out.flush().unwrap();
        k += 1;
    }
}

fn levels_in(db: &Path, respondent: i64) -> HashMap<(String, String), i64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT indicator, subsector, level FROM answer WHERE respondent_id = ?1 AND level IS NOT NULL")
        .unwrap();
    stmt.query_map([respondent], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn key(slot: &SlotKey) -> (String, String) {
    (slot.indicator.clone(), slot.subsector.clone().unwrap_or_default())
}

fn kill(rounds: usize, seed: u64) {
    let me = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.sqlite3");
    let respondent = setup(&db, 1)[0];
    let slots = slots(&framework());
    let mut rng = Lcg(seed);
    // The last level printed as saved, per slot, over every round.
    let mut saved: HashMap<(String, String), i64> = HashMap::new();
    let mut total = 0usize;
    let mut failures = 0usize;
    for round in 0..rounds {
        let after = 1 + (rng.next() % 120) as usize;
        let mut child = Command::new(&me)
            .args([
                "writer",
                db.to_str().unwrap(),
                &respondent.to_string(),
                &rng.next().to_string(),
                "0",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut printed = Vec::new();
        for line in lines.by_ref() {
            printed.push(line.unwrap());
            if printed.len() == after {
                // SAFETY: the child's pid; SIGKILL as `kill -9` sends it.
                unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
                break;
            }
        }
        // What it printed before dying is committed too.
        printed.extend(lines.map_while(Result::ok));
        child.wait().unwrap();
        for line in &printed {
            let (k, level) = line.split_once(' ').unwrap();
            let k: usize = k.parse().unwrap();
            saved.insert(key(&slots[k % slots.len()]), level.parse().unwrap());
        }
        total += printed.len();
        let in_flight = key(&slots[printed.len() % slots.len()]);
        let db_levels = levels_in(&db, respondent);
        let lost: Vec<_> = saved
            .iter()
            .filter(|(slot, level)| db_levels.get(*slot) != Some(level) && **slot != in_flight)
            .collect();
        let check = integrity(&db);
        if !lost.is_empty() || check != "ok" {
            failures += 1;
            println!("round {round}: {} answers lost, integrity_check {check}", lost.len());
        }
        // The next round starts from what is in the file.
        for (slot, level) in db_levels {
            saved.insert(slot, level);
        }
    }
    println!(
        "kill: {rounds} SIGKILLs (seed {seed}), {total} answers shown as saved, {failures} rounds with a lost answer or a failed integrity_check"
    );
}

/// `USERS GROUP` after the counts: the writers run as those Unix users in turn
/// (`setpriv`, as root), on a database in a folder of GROUP (`chmod 2770`).
fn team(args: &[String]) -> Option<(Vec<String>, String)> {
    let users = args.get(3)?.split(',').map(str::to_string).collect();
    Some((users, args.get(4).cloned().unwrap_or_else(|| "pmk3i-team-test".into())))
}

fn concurrent(processes: usize, answers: usize, team: Option<(Vec<String>, String)>) {
    use std::os::unix::fs::PermissionsExt;
    let me = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = match &team {
        None => dir.path().to_path_buf(),
        Some((_, group)) => {
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
            let folder = dir.path().join("tim");
            std::fs::create_dir(&folder).unwrap();
            assert!(
                Command::new("chgrp")
                    .arg(group)
                    .arg(&folder)
                    .status()
                    .unwrap()
                    .success()
            );
            std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o2770)).unwrap();
            folder
        }
    };
    let db = folder.join("concurrent.sqlite3");
    let respondents = setup(&db, processes);
    let slots = slots(&framework());
    let start = std::time::Instant::now();
    let children: Vec<_> = respondents
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut command = match &team {
                None => Command::new(&me),
                Some((users, group)) => {
                    let mut c = Command::new("setpriv");
                    c.args([
                        &format!("--reuid={}", users[i % users.len()]),
                        &format!("--regid={group}"),
                        "--init-groups",
                        "--",
                    ])
                    .arg(&me);
                    c
                }
            };
            command
                .args([
                    "writer",
                    db.to_str().unwrap(),
                    &r.to_string(),
                    &(i as u64 + 1).to_string(),
                    &answers.to_string(),
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut errors = 0usize;
    let mut lost = 0usize;
    for (child, r) in children.into_iter().zip(&respondents) {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(first) = stderr.lines().find(|l| l.starts_with("error")) {
            println!("first error of respondent {r}: {first}");
        }
        errors += stderr.lines().filter(|l| l.starts_with("error")).count();
        let mut last: HashMap<(String, String), i64> = HashMap::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let (k, level) = line.split_once(' ').unwrap();
            let k: usize = k.parse().unwrap();
            last.insert(key(&slots[k % slots.len()]), level.parse().unwrap());
        }
        let in_db = levels_in(&db, *r);
        lost += last
            .iter()
            .filter(|(slot, level)| in_db.get(*slot) != Some(level))
            .count();
    }
    println!(
        "concurrent: {processes} processes × {answers} answers on one file in {:.1} s: {errors} write errors (each would be a red banner, then retried), {lost} answers lost, integrity_check {}",
        start.elapsed().as_secs_f64(),
        integrity(&db)
    );
    // Every answer is in the history under the login of the process that gave it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT login, count(*), count(DISTINCT respondent_id) FROM change_log
             WHERE what = 'answer' AND field = 'level' GROUP BY login ORDER BY login",
        )
        .unwrap();
    let by_login: Vec<(String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (login, rows, respondents) in by_login {
        println!("  history: {login}: {rows} level changes of {respondents} respondents");
    }
}
