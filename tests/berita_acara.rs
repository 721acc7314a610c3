#![allow(clippy::unwrap_used)]
//! The berita acara and its fingerprint: the record of the workshop cycle stored,
//! exported, imported, printed in both languages and formats, and checked by
//! `pmk3i verify` — with the numbers worked out by hand below.
//!
//! The worked case: Kota Sukamaju, candidates kuliner and musik, four respondents in
//! three helix groups of unequal size — Sari (G), Budi (B), Ani and Dewi (both A) — who
//! answered two indicators of the region-scoped pillar Kebijakan (7 indicators; weights
//! kebijakan.perda 1.5, the other six 1):
//!
//! | indicator | G | B | A        | region (mean of group means) | gap |
//! |-----------|---|---|----------|------------------------------|-----|
//! | perda     | 4 | 1 | 2, 3→2.5 | (4 + 1 + 2.5) / 3 = 2.5      | 3 ⚠ |
//! | anggaran  | 2 | 2 | 2, 2→2   | 2                            | 0   |
//!
//! Self-assessed Kebijakan = 100 × (1.5 × 2.5/4 + 1 × 2/4) / 2.5 = 100 × 1.4375/2.5 = 57.5.
//! The discussion agreed perda 2 (dissent from Komunitas): consensus Kebijakan =
//! 100 × (1.5 × 0.5 + 0.5) / 2.5 = 50.0, "disepakati 1/7, 14%". The visit verified perda
//! at 1, "tidak sesuai": verified Kebijakan = 100 × (1.5 × 0.25 + 0.5) / 2.5 = 35.0,
//! "terverifikasi 1/7, 14%". No other pillar has an answer, so each headline is the
//! Kebijakan score.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::db::{create, db, sukamaju};
use common::fw::bundled_pmk3i;
use pmk3i::assessment::AgreedKind;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{AgreedText, NewAssessment, Store};
use pmk3i::workshop::{Attendee, Commitment, DktSession, LinkedIndicator, VerifyStatus, Visit};
use sha2::{Digest, Sha256};
use tempfile::TempDir;

fn perda() -> SlotKey {
    SlotKey::new("kebijakan.perda", None)
}

/// The worked case above, with its discussion, visit, flagship and commitments.
fn worked() -> (TempDir, PathBuf, i64) {
    let (dir, path) = db();
    let new = NewAssessment {
        respondent_organisation: "Bappeda".into(),
        ..sukamaju(&["kuliner", "musik"])
    };
    let id = create(&path, &bundled_pmk3i(), &new);
    let mut store = Store::open(&path).unwrap();
    let sari = store.load(id).unwrap().0.respondents[0].id;
    let budi = store
        .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "Warung Budi")
        .unwrap();
    let ani = store
        .add_respondent(id, "Ani", pmk3i::actor::Actor::Academia, "Universitas Sukamaju")
        .unwrap();
    let dewi = store
        .add_respondent(id, "Dewi", pmk3i::actor::Actor::Academia, "Politeknik Sukamaju")
        .unwrap();
    let anggaran = SlotKey::new("kebijakan.anggaran", None);
    for (who, perda_level) in [(sari, 4), (budi, 1), (ani, 2), (dewi, 3)] {
        store.upsert_answer(who, &perda(), Some(perda_level), false).unwrap();
        store.upsert_answer(who, &anggaran, Some(2), false).unwrap();
    }
    store
        .set_agreed_answer(id, AgreedKind::Consensus, &perda(), Some(2), false)
        .unwrap();
    store
        .set_agreed_text(
            id,
            AgreedKind::Consensus,
            &perda(),
            AgreedText::Dissent,
            "Komunitas tidak sepakat: perda belum berjalan",
        )
        .unwrap();
    store
        .set_agreed_answer(id, AgreedKind::Verified, &perda(), Some(1), false)
        .unwrap();
    store
        .set_verify_status(id, &perda(), Some(VerifyStatus::Mismatch))
        .unwrap();
    store
        .set_dkt_session(
            id,
            &DktSession {
                date: "2026-03-14".into(),
                place: "Aula Bappeda Sukamaju".into(),
                facilitator: "Rina Wulandari".into(),
            },
        )
        .unwrap();
    store
        .set_attendance(
            id,
            &[
                Attendee {
                    name: "Sari".into(),
                    organisation: "Bappeda".into(),
                    actor: pmk3i::actor::Actor::Government,
                },
                Attendee {
                    name: "Budi".into(),
                    organisation: "Warung Budi".into(),
                    actor: pmk3i::actor::Actor::Business,
                },
                Attendee {
                    name: "Komang".into(),
                    organisation: "Komunitas Dapur Kota".into(),
                    actor: pmk3i::actor::Actor::Community,
                },
            ],
        )
        .unwrap();
    store
        .set_visits(
            id,
            &[Visit {
                date: "2026-04-02".into(),
                site: "Sentra kuliner Pasar Lama".into(),
                subsector: Some("kuliner".into()),
                interviewee_role: "Ketua paguyuban".into(),
                assessors: "Tono, Wati".into(),
            }],
        )
        .unwrap();
    store.set_flagship(id, Some("kuliner")).unwrap();
    store.set_pulled(id, &["kriya".into(), "musik".into()]).unwrap();
    store
        .set_commitments(id, &[commitment("Menerbitkan perwali ekonomi kreatif", "2026-12-31")])
        .unwrap();
    (dir, path, id)
}

fn commitment(text: &str, deadline: &str) -> Commitment {
    Commitment {
        text: text.into(),
        actor: Some(pmk3i::actor::Actor::Government),
        organisation: "Bagian Hukum Setda".into(),
        deadline: deadline.into(),
        indicators: vec![LinkedIndicator {
            indicator: "kebijakan.perda".into(),
            subsector: None,
        }],
    }
}

fn pmk3i(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmk3i").unwrap();
    // The time the berita acara says it was made: 2026-04-05 09:00:00 UTC
    // (SOURCE_DATE_EPOCH, seconds since 1970-01-01), not the clock.
    cmd.env("PMK3I_DB", db)
        .env("PMK3I_DATA_DIR", db.parent().unwrap())
        .env("SOURCE_DATE_EPOCH", "1775379600")
        .env_remove("PMK3I_LANG");
    cmd
}

fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = pmk3i(db).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn fingerprint_in(text: &str) -> String {
    let i = text.find("data-fingerprint=\"").map(|i| i + 18).unwrap();
    text[i..i + 64].to_string()
}

/// The canonical record of the worked case as `docs/berita-acara.md` writes it out, for
/// the assessment's own framework hash and version.
fn documented_record(a: &pmk3i::assessment::Assessment) -> String {
    format!(
        concat!(
            r#"{{"commitments":[{{"actor":"G","deadline":"2026-12-31","indicators":[{{"indicator":"kebijakan.perda","subsector":""}}],"#,
            r#""organisation":"Bagian Hukum Setda","text":"Menerbitkan perwali ekonomi kreatif"}}],"flagship":"kuliner","#,
            r#""framework":{{"hash":"{}","id":"pmk3i","version":"{}"}},"period":"2026","pmk3i_fingerprint":1,"#,
            r#""pulled":["kriya","musik"],"region":{{"kind":"kota","name":"Sukamaju","province":"Jawa Barat"}},"#,
            r#""verified":[{{"indicator":"kebijakan.perda","level":1,"na":false,"status":"mismatch","subsector":""}}]}}"#
        ),
        a.framework_hash, a.framework_version
    )
}

/// The SHA-256 of the documented record, in hex, computed here (not by pmk3i).
fn documented_fingerprint(a: &pmk3i::assessment::Assessment) -> String {
    Sha256::digest(documented_record(a).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_canonical_record_and_its_sha256_are_as_documented() {
    let (_dir, path, id) = worked();
    let a = Store::open(&path).unwrap().load(id).unwrap().0;
    let json = pmk3i::workshop::canonical_json(&pmk3i::workshop::canonical_record(&a));
    assert_eq!(json, documented_record(&a));
    assert_eq!(pmk3i::workshop::fingerprint(&a), documented_fingerprint(&a));
}

#[test]
fn the_fingerprint_follows_verified_levels_flagship_and_commitments_only() {
    let (_dir, path, id) = worked();
    let mut store = Store::open(&path).unwrap();
    let fp = |store: &Store| pmk3i::workshop::fingerprint(&store.load(id).unwrap().0);
    let original = fp(&store);

    // Not part of the record: a respondent's answer, a note, the discussion's place.
    let sari = store.load(id).unwrap().0.respondents[0].id;
    store
        .upsert_answer(sari, &SlotKey::new("kebijakan.opd", None), Some(3), false)
        .unwrap();
    store
        .set_agreed_text(id, AgreedKind::Verified, &perda(), AgreedText::Note, "dicek ulang")
        .unwrap();
    store
        .set_dkt_session(
            id,
            &DktSession {
                place: "Balai Kota".into(),
                ..DktSession::default()
            },
        )
        .unwrap();
    assert_eq!(
        fp(&store),
        original,
        "answers, notes and the session are not fingerprinted"
    );

    // Each part of the record changes it, and restoring it restores the fingerprint.
    store
        .set_agreed_answer(id, AgreedKind::Verified, &perda(), Some(2), false)
        .unwrap();
    let level_changed = fp(&store);
    assert_ne!(level_changed, original, "a verified level");
    store
        .set_agreed_answer(id, AgreedKind::Verified, &perda(), Some(1), false)
        .unwrap();
    assert_eq!(fp(&store), original);

    store
        .set_verify_status(id, &perda(), Some(VerifyStatus::Verified))
        .unwrap();
    assert_ne!(fp(&store), original, "a verification status");
    store
        .set_verify_status(id, &perda(), Some(VerifyStatus::Mismatch))
        .unwrap();

    store.set_flagship(id, Some("musik")).unwrap();
    assert_ne!(fp(&store), original, "the flagship");
    store.set_flagship(id, Some("kuliner")).unwrap();

    store.set_pulled(id, &["kriya".into()]).unwrap();
    assert_ne!(fp(&store), original, "the pulled subsectors");
    store.set_pulled(id, &["kriya".into(), "musik".into()]).unwrap();

    for changed in [
        commitment("Menerbitkan perwali ekonomi kreatif", "2027-06-30"),
        commitment("Menerbitkan perda ekonomi kreatif", "2026-12-31"),
        Commitment {
            actor: Some(pmk3i::actor::Actor::Academia),
            ..commitment("Menerbitkan perwali ekonomi kreatif", "2026-12-31")
        },
        Commitment {
            indicators: vec![],
            ..commitment("Menerbitkan perwali ekonomi kreatif", "2026-12-31")
        },
    ] {
        store.set_commitments(id, std::slice::from_ref(&changed)).unwrap();
        assert_ne!(fp(&store), original, "a commitment: {changed:?}");
    }
    store
        .set_commitments(id, &[commitment("Menerbitkan perwali ekonomi kreatif", "2026-12-31")])
        .unwrap();
    assert_eq!(fp(&store), original);
}

#[test]
fn language_and_layout_do_not_change_the_fingerprint_and_verify_confirms_it() {
    let (dir, path, id) = worked();
    let id = id.to_string();
    // The documented value, hashed here: what both languages and the export must carry.
    let expected = documented_fingerprint(&Store::open(&path).unwrap().load(id.parse().unwrap()).unwrap().0);
    let html_id = dir.path().join("ba-id.html");
    let html_en = dir.path().join("ba-en.html");
    let export = dir.path().join("export.json");
    let (code, _, err) = run(
        &path,
        &[
            "berita-acara",
            &id,
            "--format",
            "html",
            "--out",
            html_id.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &path,
        &[
            "--lang",
            "en",
            "berita-acara",
            &id,
            "--format",
            "html",
            "--out",
            html_en.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, md, _) = run(&path, &["berita-acara", &id, "--format", "md"]);
    assert_eq!(code, 0);
    let (code, md_en, _) = run(&path, &["--lang", "en", "berita-acara", &id, "--format", "md"]);
    assert_eq!(code, 0);
    let (code, _, _) = run(
        &path,
        &["export", &id, "--format", "json", "--out", export.to_str().unwrap()],
    );
    assert_eq!(code, 0);

    let html_id_text = std::fs::read_to_string(&html_id).unwrap();
    let html_en_text = std::fs::read_to_string(&html_en).unwrap();
    assert_eq!(fingerprint_in(&html_id_text), expected);
    assert_eq!(fingerprint_in(&html_en_text), expected);
    assert!(md.contains(&expected) && md_en.contains(&expected));
    let export_text = std::fs::read_to_string(&export).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&export_text).unwrap();
    assert_eq!(doc["fingerprint"], expected.as_str());

    for file in [&html_id, &html_en, &export] {
        let (code, out, err) = run(&path, &["verify", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {out}{err}", file.display());
        assert!(out.contains("cocok") && out.contains(&expected), "{out}");
    }
    let (_, out, _) = run(&path, &["--lang", "en", "verify", html_en.to_str().unwrap()]);
    assert!(out.contains("matches: the record was not changed"), "{out}");
}

#[test]
fn verify_says_which_printed_value_was_changed() {
    let (dir, path, id) = worked();
    let id = id.to_string();
    let html = dir.path().join("ba.html");
    run(
        &path,
        &["berita-acara", &id, "--format", "html", "--out", html.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&html).unwrap();

    // The verified level printed in the table is edited by hand.
    let key = r#"data-fp="verified:kebijakan.perda@">1<"#;
    assert!(text.contains(key), "the verified level is marked in the HTML");
    let edited = dir.path().join("edited-level.html");
    std::fs::write(&edited, text.replace(key, r#"data-fp="verified:kebijakan.perda@">3<"#)).unwrap();
    let (code, out, err) = run(&path, &["verify", edited.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("TELAH DIUBAH") && err.contains("verified:kebijakan.perda@"),
        "{err}"
    );

    // The deadline is edited both in print and in the embedded record: the
    // fingerprint no longer matches.
    let edited = dir.path().join("edited-record.html");
    std::fs::write(&edited, text.replace("2026-12-31", "2027-12-31")).unwrap();
    let (code, _, err) = run(&path, &["verify", edited.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tertulis") && err.contains("dihitung"), "{err}");

    // An export whose verified level was edited.
    let export = dir.path().join("e.json");
    run(
        &path,
        &["export", &id, "--format", "json", "--out", export.to_str().unwrap()],
    );
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let agreed = doc["assessment"]["agreed"].as_array_mut().unwrap();
    let verified = agreed.iter_mut().find(|g| g["kind"] == "verified").unwrap();
    verified["level"] = serde_json::json!(4);
    let edited = dir.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let (code, _, err) = run(&path, &["--lang", "en", "verify", edited.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("WAS CHANGED"), "{err}");

    // Not a berita acara at all.
    let other = dir.path().join("other.html");
    std::fs::write(&other, "<html><body>hello</body></html>").unwrap();
    let (code, _, err) = run(&path, &["verify", other.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("other.html") && err.contains("bukan berita acara"),
        "{err}"
    );
}

#[test]
fn the_berita_acara_carries_the_worked_numbers_and_the_whole_record() {
    let (_dir, path, id) = worked();
    let (code, md, err) = run(&path, &["berita-acara", &id.to_string(), "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    for expected in [
        "BERITA ACARA",
        "Kota Sukamaju",
        "| Dokumen dibuat | 2026-04-05 09:00 UTC |",
        "| Tanggal | 2026-03-14 |",
        "Aula Bappeda Sukamaju",
        "Rina Wulandari",
        "Sentra kuliner Pasar Lama",
        "Ketua paguyuban",
        "Tono, Wati",
        // Respondents and attendance by group.
        "| Akademisi | Ani (Universitas Sukamaju); Dewi (Politeknik Sukamaju) | — |",
        "| Komunitas | — | Komang (Komunitas Dapur Kota) |",
        // The worked scores with their coverage.
        "| Kebijakan &amp; Kelembagaan | 57.5 (kelengkapan 29%) | 50.0 (disepakati 1/7, 14%) | 35.0 (terverifikasi 1/7, 14%) |",
        "Skor utama: Mandiri 57.5 · Konsensus 50.0 (disepakati 1/47, 2%) · Terverifikasi 35.0 (terverifikasi 1/47, 2%)",
        // The notable difference, with its dissent.
        "| 2.5 | 2 | 1 (tidak sesuai) |",
        "selisih persepsi antarkelompok 3",
        "Komunitas tidak sepakat: perda belum berjalan",
        "**Subsektor unggulan yang disepakati:** Kuliner",
        "**Subsektor yang dihela:** Kriya, Musik",
        "| 1 | Menerbitkan perwali ekonomi kreatif | Pemerintah — Bagian Hukum Setda | 2026-12-31 | kebijakan.perda |",
        "**Wali Kota Sukamaju**",
        "**Wakil Akademisi**",
        "**Wakil Bisnis**",
        "**Wakil Komunitas**",
        "**Wakil Media**",
        "**Asesor**",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    let (_, en, _) = run(
        &path,
        &["--lang", "en", "berita-acara", &id.to_string(), "--format", "md"],
    );
    for expected in [
        "RECORD OF PROCEEDINGS",
        "| Document generated | 2026-04-05 09:00 UTC |",
        "| Policy &amp; Institutions | 57.5 (completeness 29%) | 50.0 (agreed 1/7, 14%) | 35.0 (verified 1/7, 14%) |",
        "**Mayor of Kota Sukamaju**",
        "**For Academia**",
    ] {
        assert!(en.contains(expected), "missing {expected:?} in\n{en}");
    }

    // The same numbers as the results screen.
    let fw = bundled_pmk3i();
    let store = Store::open(&path).unwrap();
    let mut app = pmk3i::app::App::new(store, vec![fw], pmk3i::i18n::Lang::Id, "2026".into());
    app.open_results(id, None);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| pmk3i::ui::draw(&app, f, pmk3i::ui::theme::Theme { color: false }))
        .unwrap();
    let screen = terminal.backend().to_string();
    for number in ["57.5", "50.0", "35.0"] {
        assert!(screen.contains(number), "{number} on the results screen:\n{screen}");
    }
}

#[test]
fn the_workshop_record_survives_export_and_import_and_old_exports_still_import() {
    let (dir, path, id) = worked();
    let export = dir.path().join("e.json");
    let (code, _, _) = run(
        &path,
        &[
            "export",
            &id.to_string(),
            "--format",
            "json",
            "--out",
            export.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    let other_db = dir.path().join("other.db");
    let (code, out, err) = run(&other_db, &["import", export.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let store = Store::open(&other_db).unwrap();
    let new_id = store.assessment_ids().unwrap()[0];
    let original = Store::open(&path).unwrap().load(id).unwrap().0;
    let imported = store.load(new_id).unwrap().0;
    assert_eq!(imported.workshop, original.workshop);
    let verified = imported.agreed.iter().find(|g| g.kind == AgreedKind::Verified).unwrap();
    assert_eq!(verified.status, Some(VerifyStatus::Mismatch));
    let consensus = imported
        .agreed
        .iter()
        .find(|g| g.kind == AgreedKind::Consensus)
        .unwrap();
    assert_eq!(consensus.dissent, "Komunitas tidak sepakat: perda belum berjalan");
    assert_eq!(
        pmk3i::workshop::fingerprint(&imported),
        documented_fingerprint(&original)
    );

    // An export from before the workshop fields: no workshop, no status, no
    // fingerprint. It still imports.
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let a = doc["assessment"].as_object_mut().unwrap();
    a.remove("workshop");
    for g in a["agreed"].as_array_mut().unwrap() {
        let g = g.as_object_mut().unwrap();
        g.remove("status");
        g.remove("dissent");
        g.remove("evidence");
    }
    doc.as_object_mut().unwrap().remove("fingerprint");
    let old = dir.path().join("old.json");
    std::fs::write(&old, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let (code, out, err) = run(&dir.path().join("third.db"), &["import", old.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");

    // A misspelt workshop field is refused, with its place.
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    doc["assessment"]["workshop"]["commitments"][0]["deadlin"] = serde_json::json!("2026");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let (code, _, err) = run(&dir.path().join("fourth.db"), &["import", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("assessment.workshop.commitments[0]") && err.contains("deadlin"),
        "{err}"
    );

    // A pulled subsector that is the flagship itself is refused too.
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    doc["assessment"]["workshop"]["pulled"] = serde_json::json!(["kuliner"]);
    std::fs::write(&bad, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let (code, _, err) = run(&dir.path().join("fifth.db"), &["import", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("assessment.workshop.pulled[0]"), "{err}");
}

#[test]
fn hostile_text_is_escaped_in_the_berita_acara_and_still_verifies() {
    let (dir, path, id) = worked();
    let hostile = "<script>alert(1)</script> & \"kutip\" 'x' / </script><!--";
    Store::open(&path)
        .unwrap()
        .set_commitments(id, &[commitment(hostile, "2026-12-31\r\nakhir tahun")])
        .unwrap();
    let html = dir.path().join("ba.html");
    let (code, _, err) = run(
        &path,
        &[
            "berita-acara",
            &id.to_string(),
            "--format",
            "html",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(!text.contains("<script>alert"), "the text is escaped in print");
    assert_eq!(
        text.matches("</script>").count(),
        1,
        "only the record's own script element closes"
    );
    assert!(!text.contains("<!--"));
    let (code, out, err) = run(&path, &["verify", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, md, _) = run(&path, &["berita-acara", &id.to_string(), "--format", "md"]);
    assert_eq!(code, 0);
    assert!(!md.contains("<script>"), "{md}");
}

#[test]
fn the_berita_acara_says_when_it_was_made_at_the_time_it_is_given() {
    let (_dir, path, id) = worked();
    let store = Store::open(&path).unwrap();
    let (assessment, framework, _) = pmk3i::exchange::load_with_framework(&store, id).unwrap();
    // 1 775 379 600 s is 2026-04-05 09:00:00 UTC; 14 h 59 min 59 s later is
    // 23:59:59, written 23:59 of the 5th (minutes cut, never rounded into the 6th).
    let at = pmk3i::report::GeneratedAt::from_unix(1_775_379_600 + 14 * 3600 + 59 * 60 + 59).unwrap();
    let lang = pmk3i::i18n::Lang::Id;
    let html = pmk3i::report::berita_acara_html_at(&framework, &assessment, None, lang, at).unwrap();
    assert!(
        html.contains("<tr><td>Dokumen dibuat</td><td>2026-04-05 23:59 UTC</td></tr>"),
        "{html}"
    );
    let md = pmk3i::report::berita_acara_markdown_at(&framework, &assessment, None, pmk3i::i18n::Lang::En, at).unwrap();
    assert!(md.contains("| Document generated | 2026-04-05 23:59 UTC |"), "{md}");
    // The fingerprint does not depend on when the file was made.
    let later = pmk3i::report::GeneratedAt::from_unix(1_775_379_600 + 3 * 86_400).unwrap();
    let again = pmk3i::report::berita_acara_html_at(&framework, &assessment, None, lang, later).unwrap();
    assert!(again.contains("2026-04-08 09:00 UTC"));
    assert_eq!(fingerprint_in(&again), fingerprint_in(&html));
}
