//! A bounded mutation fuzzer for the two places a stranger's file reaches: the framework
//! loader and the importer. cargo-fuzz needs a nightly toolchain, which these machines
//! cannot fetch; this runs on stable: it mutates the kept inputs (bit flips, byte
//! insertions and deletions, JSON-shaped replacements, splices of two inputs) for a
//! fixed time, runs the target under `catch_unwind`, and keeps every input that panics
//! in `tests/data/fuzz/crashes/<target>/`, which `cargo test` replays from then on.
//!
//! ```sh
//! cargo bench --bench fuzz -- loader 60 7    # target, seconds, seed
//! cargo bench --bench fuzz -- import 60 7
//! ```
//! Exit code 1 when a crash was found.

#[path = "../tests/fuzzing/mod.rs"]
mod fuzzing;

use std::time::{Duration, Instant};

use fuzzing::Target;

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Values that tend to break JSON handling and numbers.
const TOKENS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e308",
    "-1e308",
    "1e-320",
    "NaN",
    "9223372036854775807",
    "18446744073709551616",
    "\"\"",
    "[]",
    "{}",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\u{202e}\"",
    "\"\u{1b}]0;x\u{7}\"",
    "{\"a\":1,\"a\":2}",
    "[[[[[[[[[[]]]]]]]]]]",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.insert(at, (rng.next() & 0xff) as u8),
            2 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                // Replace the value after a ':' (or insert) with a hostile token.
                let start = out[..at].iter().rposition(|b| *b == b':').map_or(at, |p| p + 1);
                let end = out[start..]
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']'))
                    .map_or(out.len(), |p| start + p);
                out.splice(start..end, token.iter().copied());
            }
            4 if !other.is_empty() => {
                let from = rng.below(other.len());
                let len = rng.below(64).min(other.len() - from);
                out.splice(at..at, other[from..from + len].iter().copied());
            }
            _ => {
                let i = rng.below(out.len() + 1);
                out.truncate(i);
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let target = args.first().and_then(|a| Target::parse(a)).unwrap_or(Target::Loader);
    let seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    let seeds = target.seeds();
    if seeds.is_empty() {
        eprintln!("no seed inputs for {}", target.name());
        std::process::exit(2);
    }
    // A panic is what we look for: keep its message off the screen.
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut crashes) = (0u64, 0u64);
    while Instant::now() < deadline {
        let input = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())];
        let bytes = mutate(&mut rng, input, other);
        runs += 1;
        if std::panic::catch_unwind(|| target.run(&bytes)).is_err() {
            crashes += 1;
            let dir = target.crash_dir();
            let _ = std::fs::create_dir_all(&dir);
            let name = format!("crash-{seed}-{runs}.json");
            let _ = std::fs::write(dir.join(&name), &bytes);
            println!(
                "CRASH {} -> tests/data/fuzz/crashes/{}/{name}",
                target.name(),
                target.name()
            );
        }
    }
    println!(
        "{}: {runs} inputs in {seconds} s (seed {seed}, {} seeds), {crashes} crashes",
        target.name(),
        seeds.len()
    );
    if crashes > 0 {
        std::process::exit(1);
    }
}
