//! Plain mode: the assessment as line-by-line prompts. Driven with typed lines and
//! read back as text, as a screen reader would; then the real binary in a pty with
//! `TERM=dumb`, which must get no escape sequence at all.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::fw;
use pmk3i::framework::LoadedFramework;
use pmk3i::i18n::Lang;
use pmk3i::plain::{Plain, Reply, parse_reply};
use pmk3i::scoring::SlotKey;
use pmk3i::store::Store;
use serde_json::json;

/// Scale 0..4; region pillar "kebijakan" with `kebijakan.perda` and
/// `kebijakan.anggaran` (N/A allowed); subsector pillar "kreasi" with `kreasi.talenta`;
/// subsectors kuliner and kriya.
fn framework() -> LoadedFramework {
    let levels = json!([
        {"value": 0, "description": {"id": "Belum ada perda", "en": "No bylaw"}, "next": {"id": "Susun naskah"}},
        {"value": 1, "description": {"id": "Naskah ada", "en": "A draft"}, "next": {"id": "Bahas"}},
        {"value": 2, "description": {"id": "Dibahas", "en": "Debated"}, "next": {"id": "Sahkan"}},
        {"value": 3, "description": {"id": "Disahkan", "en": "Passed"}, "next": {"id": "Terapkan"}},
        {"value": 4, "description": {"id": "Diterapkan", "en": "Applied"}}
    ]);
    let doc = json!({
        "format": 1, "id": "kecil", "version": "1.0", "title": {"id": "Kerangka kecil"},
        "scale": [
            {"value": 0, "label": {"id": "Belum ada"}}, {"value": 1, "label": {"id": "Rintisan"}},
            {"value": 2, "label": {"id": "Berkembang"}}, {"value": 3, "label": {"id": "Mapan"}},
            {"value": 4, "label": {"id": "Unggul"}}
        ],
        "bands": [{"min": 0, "label": {"id": "Rintisan"}}, {"min": 60, "label": {"id": "Mapan"}}],
        "actors": [{"id": "A", "label": {"id": "Akademisi"}}, {"id": "B", "label": {"id": "Bisnis"}},
                   {"id": "C", "label": {"id": "Komunitas"}}, {"id": "G", "label": {"id": "Pemerintah"}},
                   {"id": "M", "label": {"id": "Media"}}],
        "subsectors": [{"id": "kuliner", "label": {"id": "Kuliner"}}, {"id": "kriya", "label": {"id": "Kriya"}}],
        "pillars": [
            {"id": "kebijakan", "title": {"id": "Kebijakan"}, "indicators": [
                {"id": "kebijakan.perda", "text": {"id": "Apakah ada perda ekonomi kreatif?"}, "lead": ["G"], "levels": levels},
                {"id": "kebijakan.anggaran", "text": {"id": "Apakah ada anggaran?"}, "allow_na": true, "levels": levels}
            ]},
            {"id": "kreasi", "title": {"id": "Kreasi"}, "scope": "subsector", "indicators": [
                {"id": "kreasi.talenta", "text": {"id": "Apakah talenta terdata?"}, "lead": ["C"], "levels": levels}
            ]}
        ]
    });
    fw::load("kecil.json", &doc)
}

/// Runs one plain session on `store` with `typed` as the keyboard; returns the screen.
fn session(store: &mut Store, typed: &str) -> String {
    let frameworks = [framework()];
    let mut out = Vec::new();
    Plain::new(store, &frameworks, Lang::Id, "2026".into(), typed.as_bytes(), &mut out)
        .run()
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The new-assessment answers: Kota Sukamaju, Jawa Barat, 2026, candidate kuliner,
/// Sari of the Dinas (G).
const NEW: &str = "n\nKota Sukamaju\njawa barat\n\n1\nSari\nDinas Pariwisata\ng\n";

#[test]
fn replies_mean_what_the_prompt_says() {
    let scale = [0, 1, 2, 3, 4];
    assert_eq!(parse_reply("3", &scale), Reply::Level(3));
    assert_eq!(parse_reply(" 0 ", &scale), Reply::Level(0));
    assert_eq!(parse_reply("5", &scale), Reply::Unknown);
    assert_eq!(parse_reply("X", &scale), Reply::NotApplicable);
    assert_eq!(parse_reply("n", &scale), Reply::Skip);
    assert_eq!(parse_reply("", &scale), Reply::Skip);
    assert_eq!(parse_reply("b", &scale), Reply::Back);
    assert_eq!(parse_reply("?", &scale), Reply::Help);
    assert_eq!(parse_reply("Q", &scale), Reply::Quit);
    assert_eq!(parse_reply("tiga", &scale), Reply::Unknown);
}

#[test]
fn a_whole_assessment_in_plain_mode_saves_every_answer_and_ends_with_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    // perda 3; anggaran: "x" (N/A); talenta for kuliner 2; then quit.
    let screen = session(&mut store, &format!("{NEW}3\nx\n2\nq\n"));

    // Every level is read out in full, numbered, with its label.
    assert!(screen.contains("Apakah ada perda ekonomi kreatif?"), "{screen}");
    assert!(screen.contains("  3 — Mapan: Disahkan"), "{screen}");
    assert!(
        screen.contains("pilih 0–4, n lewati, b kembali, ? bantuan, q keluar:"),
        "{screen}"
    );
    assert!(
        screen.contains("pilih 0–4, x N/A, n lewati"),
        "N/A is offered where allowed: {screen}"
    );
    assert_eq!(
        screen.matches("Tersimpan ✓").count(),
        4,
        "created, then three answers: {screen}"
    );
    // Results: kebijakan = 3/4 = 75 (anggaran N/A is left out); kreasi = 2/4 = 50;
    // headline = (75 + 50) / 2 = 62.5, band Mapan (≥ 60); complete.
    assert!(
        screen.contains("Hasil — skor utama: 62.5 (Mapan) · kelengkapan 100%"),
        "{screen}"
    );
    assert!(screen.contains("  Kebijakan: 75.0"), "{screen}");
    assert!(screen.contains("  Kreasi: 50.0"), "{screen}");
    // No escape sequence and no box drawing in plain mode.
    assert!(!screen.contains('\u{1b}'), "{screen:?}");
    assert!(!screen.contains(['│', '─', '┌', '█']), "{screen}");

    let id = store.assessment_ids().unwrap()[0];
    let (a, _) = store.load(id).unwrap();
    let sari = &a.respondents[0];
    assert_eq!(
        sari.answer(&SlotKey::new("kebijakan.perda", None)).unwrap().level,
        Some(3)
    );
    assert!(sari.answer(&SlotKey::new("kebijakan.anggaran", None)).unwrap().na);
    assert_eq!(
        sari.answer(&SlotKey::new("kreasi.talenta", Some("kuliner")))
            .unwrap()
            .level,
        Some(2)
    );
}

#[test]
fn quitting_and_coming_back_resumes_at_the_next_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    session(&mut store, &format!("{NEW}1\nq\n"));
    // Reopen assessment 1: the first question shown is the second one.
    let screen = session(&mut store, "1\nq\n");
    let first_question = screen
        .lines()
        .find(|l| l.starts_with("Apakah"))
        .expect("a question is shown");
    assert_eq!(first_question, "Apakah ada anggaran?", "{screen}");
    assert!(screen.contains("Kebijakan (terjawab 1/3)"), "{screen}");
}

#[test]
fn a_reply_that_is_not_understood_gets_the_prompt_again_not_the_whole_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    // "9" is off the scale, "x" is not allowed on perda: neither is saved.
    let screen = session(&mut store, &format!("{NEW}9\nx\nq\n"));
    assert!(screen.contains("Tidak dikenal; ketik ? untuk bantuan."), "{screen}");
    assert!(screen.contains("Indikator ini tidak boleh dijawab N/A."), "{screen}");
    assert_eq!(
        screen.matches("Apakah ada perda ekonomi kreatif?").count(),
        1,
        "{screen}"
    );
    let id = store.assessment_ids().unwrap()[0];
    let (a, _) = store.load(id).unwrap();
    assert!(a.respondents[0].answers.is_empty());
}

#[test]
fn the_end_of_input_leaves_quietly_with_everything_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    // Ctrl-D (end of input) right after the first answer.
    session(&mut store, &format!("{NEW}4\n"));
    let id = store.assessment_ids().unwrap()[0];
    let (a, _) = store.load(id).unwrap();
    assert_eq!(
        a.respondents[0]
            .answer(&SlotKey::new("kebijakan.perda", None))
            .unwrap()
            .level,
        Some(4)
    );
}

/// The real binary in a pty with `TERM=dumb`: plain mode starts by itself, and not
/// one escape sequence reaches the terminal (no alternate screen, no bracketed paste).
#[cfg(unix)]
#[test]
fn term_dumb_gets_plain_mode_without_escape_sequences() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let dir = tempfile::tempdir().unwrap();
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
    cmd.arg(dir.path().join("a.sqlite3"));
    cmd.env("TERM", "dumb");
    cmd.env("PMK3I_DATA_DIR", dir.path());
    cmd.env_remove("PMK3I_LANG");
    cmd.env_remove("PMK3I_DB");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let output = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let sink = output.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let mut writer = pair.master.take_writer().unwrap();
    let wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let seen = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
            if seen.contains(text) {
                return seen;
            }
            assert!(Instant::now() < deadline, "waited for {text:?}; saw:\n{seen}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for("Ketik n untuk penilaian baru, q keluar:");
    // Two frameworks are bundled: take the first (PMK3I), then a region.
    for line in [
        "n",
        "1",
        "Kota Sukamaju",
        "jawa barat",
        "",
        "1",
        "Sari",
        "",
        "G",
        "3",
        "q",
    ] {
        writer.write_all(format!("{line}\r").as_bytes()).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    let seen = wait_for("Semua jawaban tersimpan.");
    let status = child.wait().unwrap();
    assert!(status.success(), "{seen}");
    let bytes = output.lock().unwrap().clone();
    assert!(
        !bytes.contains(&0x1b),
        "an escape sequence reached a dumb terminal: {seen:?}"
    );
    assert!(seen.contains("Tersimpan ✓"), "{seen}");
}
