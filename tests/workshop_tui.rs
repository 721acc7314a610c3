#![allow(clippy::unwrap_used)]
//! The workshop screen (agenda, matrix, session, visits, verify first, commitments),
//! the walk keys of the workshop cycle, snapshots of every new screen at 80×24, and
//! the whole cycle driven by keys: five helix groups answer → agenda → consensus →
//! visit log → verification → flagship → commitments → berita acara → verify.
//!
//! Worked numbers (bundled PMK3I framework, Kebijakan: 7 indicators, perda weight 1.5,
//! the others 1). Respondents: Sari (G), Budi (B), Ani and Dewi (A, a group of two).
//!
//! | indicator | G | B    | A        | region                  | gap       |
//! |-----------|---|------|----------|-------------------------|-----------|
//! | perda     | 4 | 1    | 2, 3→2.5 | (4+1+2.5)/3 = 2.5       | 3 ⚠       |
//! | monev     | — | 1, — | 3, 4     | see below               | 11/3−5/3  |
//! | anggaran  | 2 | 2    | 2, 2→2   | 2                       | 0         |
//!
//! For monev a second B respondent is added (Eko, B: 2), and Ani 3, Dewi 4, plus a
//! third A, Fajar (A) 4: A = 11/3, B = (1+2)/2 = 1.5 — no: B answers 1 and 2 and 2 with
//! Gita (B): 5/3. The gap 11/3 − 5/3 is exactly 2, so it is flagged ⚠ (see "Exact
//! levels" in the scoring rules).
//!
//! Matrix (perda and anggaran only, the base fixture): each group's Kebijakan score
//! from its own answers — G: 100 × (1.5 × 4/4 + 2/4) / 2.5 = 80.0; B: 100 × (1.5 × 1/4 +
//! 2/4) / 2.5 = 35.0; A: 100 × (1.5 × 2.5/4 + 2/4) / 2.5 = 57.5; C and M: —; gap 80.0 −
//! 35.0 = 45.0.

mod common;

use common::db::{create, db, sukamaju};
use common::fw::bundled_pmk3i;
use common::tui::{app_on, ch, ctrl, key, type_text};

use std::path::{Path, PathBuf};

use pmk3i::app::agenda::WTab;
use pmk3i::app::{App, Event, Screen};
use pmk3i::assessment::{AgreedKind, RegionKind};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use pmk3i::workshop::VerifyStatus;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

fn slot(id: &str) -> SlotKey {
    SlotKey::new(id, None)
}

struct Fixture {
    _dir: TempDir,
    path: PathBuf,
    id: i64,
    ids: Vec<i64>,
}

/// The base fixture: Sari (G), Budi (B), Ani and Dewi (A) on perda and anggaran.
fn base() -> Fixture {
    let (dir, path) = db();
    let new = NewAssessment {
        respondent_organisation: "Bappeda".into(),
        ..sukamaju(&["kuliner"])
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
    for (who, perda) in [(sari, 4), (budi, 1), (ani, 2), (dewi, 3)] {
        store
            .upsert_answer(who, &slot("kebijakan.perda"), Some(perda), false)
            .unwrap();
        store
            .upsert_answer(who, &slot("kebijakan.anggaran"), Some(2), false)
            .unwrap();
    }
    store
        .set_answer_text(ani, &slot("kebijakan.perda"), false, "perda ada, belum ada perwali")
        .unwrap();
    store
        .set_answer_text(sari, &slot("kebijakan.perda"), true, "Perda 3/2024")
        .unwrap();
    Fixture {
        _dir: dir,
        path,
        id,
        ids: vec![sari, budi, ani, dewi],
    }
}

fn app(f: &Fixture) -> App {
    app_on(&f.path)
}

fn screen(app: &App) -> String {
    common::tui::screen(app, 80, 24)
}

fn workshop(app: &App) -> &pmk3i::app::agenda::WorkshopState {
    match &app.screen {
        Screen::Workshop(w) => w,
        _ => panic!("expected the workshop screen"),
    }
}

fn go_to_tab(app: &mut App, tab: WTab) {
    while workshop(app).tab() != tab {
        key(app, KeyCode::Tab);
    }
}

#[test]
fn the_agenda_is_sorted_by_gap_with_each_groups_mean_and_spread() {
    let f = base();
    let mut store = Store::open(&f.path).unwrap();
    let [_, budi, ani, dewi] = f.ids[..] else { panic!() };
    let eko = store
        .add_respondent(f.id, "Eko", pmk3i::actor::Actor::Business, "")
        .unwrap();
    let gita = store
        .add_respondent(f.id, "Gita", pmk3i::actor::Actor::Business, "")
        .unwrap();
    let fajar = store
        .add_respondent(f.id, "Fajar", pmk3i::actor::Actor::Academia, "")
        .unwrap();
    for (who, level) in [(budi, 1), (eko, 2), (gita, 2), (ani, 3), (dewi, 4), (fajar, 4)] {
        store
            .upsert_answer(who, &slot("kebijakan.monev"), Some(level), false)
            .unwrap();
    }
    drop(store);
    let (a, json) = Store::open(&f.path).unwrap().load(f.id).unwrap();
    let fw = pmk3i::assessment::snapshot_framework(&json).unwrap();
    let rows = pmk3i::app::agenda::agenda(&fw, &a, Lang::Id);
    let order: Vec<&str> = rows.iter().map(|r| r.slot.indicator.as_str()).collect();
    assert_eq!(order, ["kebijakan.perda", "kebijakan.monev", "kebijakan.anggaran"]);
    let flags: Vec<bool> = rows.iter().map(|r| r.flagged).collect();
    assert_eq!(flags, [true, true, false], "11/3 − 5/3 is exactly 2: flagged");
    let perda = &rows[0];
    assert_eq!(perda.gap, Some(3.0));
    assert_eq!(perda.region, Some(2.5));
    let spread: Vec<(&str, f64, i64, i64, usize)> = perda
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.mean, g.min, g.max, g.n))
        .collect();
    assert_eq!(spread, [("A", 2.5, 2, 3, 2), ("B", 1.0, 1, 1, 1), ("G", 4.0, 4, 4, 1)]);
    let monev = &rows[1];
    let a_group = monev.groups.iter().find(|g| g.group == "A").unwrap();
    assert_eq!((a_group.min, a_group.max, a_group.n), (3, 4, 3));
    assert!((a_group.mean - 11.0 / 3.0).abs() < 1e-12);
    // The respondents' note and evidence are readable on the screen.
    let mut app = app(&f);
    app.open_workshop(f.id);
    let shown = screen(&app);
    assert!(
        shown.contains("A 2.5 (2–3, n 2) · B 1 (1–1, n 1) · G 4 (4–4, n 1) → 2.5"),
        "{shown}"
    );
    assert!(shown.contains("Ani (A): perda ada, belum ada perwali"), "{shown}");
    assert!(shown.contains("Sari (G): bukti: Perda 3/2024"), "{shown}");
}

#[test]
fn the_matrix_gives_each_groups_pillar_score_and_the_gap() {
    let f = base();
    let (a, json) = Store::open(&f.path).unwrap().load(f.id).unwrap();
    let fw = pmk3i::assessment::snapshot_framework(&json).unwrap();
    let (candidate, rows) = pmk3i::app::agenda::matrix(&fw, &a, Lang::Id);
    assert_eq!(candidate.as_deref(), Some("kuliner"));
    let kebijakan = rows.iter().find(|r| r.pillar == "kebijakan").unwrap();
    // Columns A, B, C, G, M.
    let scores: Vec<Option<f64>> = kebijakan
        .scores
        .iter()
        .map(|s| s.map(|x| (x * 10.0).round() / 10.0))
        .collect();
    assert_eq!(scores, [Some(57.5), Some(35.0), None, Some(80.0), None]);
    assert_eq!(kebijakan.gap.map(|g| (g * 10.0).round() / 10.0), Some(45.0));
    let kreasi = rows.iter().find(|r| r.pillar == "kreasi").unwrap();
    assert_eq!(kreasi.scores, [None, None, None, None, None]);
    assert_eq!(kreasi.gap, None);
}

#[test]
fn verify_first_puts_the_largest_self_consensus_difference_first_and_drops_verified_ones() {
    let f = base();
    let mut store = Store::open(&f.path).unwrap();
    // Consensus moved anggaran a whole level (2 → 3) and perda half a level (2.5 → 2).
    store
        .set_agreed_answer(f.id, AgreedKind::Consensus, &slot("kebijakan.perda"), Some(2), false)
        .unwrap();
    store
        .set_agreed_answer(f.id, AgreedKind::Consensus, &slot("kebijakan.anggaran"), Some(3), false)
        .unwrap();
    let load = |store: &Store| {
        let (a, json) = store.load(f.id).unwrap();
        let fw = pmk3i::assessment::snapshot_framework(&json).unwrap();
        pmk3i::app::agenda::verify_first(&fw, &a, Lang::Id)
    };
    let list = load(&store);
    let rows: Vec<(&str, f64)> = list.iter().map(|v| (v.slot.indicator.as_str(), v.difference)).collect();
    assert_eq!(rows, [("kebijakan.anggaran", 1.0), ("kebijakan.perda", 0.5)]);
    store
        .set_agreed_answer(f.id, AgreedKind::Verified, &slot("kebijakan.anggaran"), Some(2), false)
        .unwrap();
    let list = load(&store);
    let rows: Vec<&str> = list.iter().map(|v| v.slot.indicator.as_str()).collect();
    assert_eq!(rows, ["kebijakan.perda"]);
}

#[test]
fn the_walk_jumps_to_the_next_flagged_indicator_and_records_dissent_and_status() {
    let f = base();
    let mut app = app(&f);
    app.open_walk_as(f.id, pmk3i::assessment::Walker::Consensus);
    ch(&mut app, '!');
    let Screen::Walk(w) = &app.screen else { panic!() };
    assert_eq!(w.slot(), Some(slot("kebijakan.perda")), "the only ⚠ indicator");
    ch(&mut app, 'd');
    type_text(&mut app, "Komunitas tidak sepakat: belum dijalankan");
    key(&mut app, KeyCode::Esc);
    assert!(
        screen(&app).contains("tidak sepakat: Komunitas tidak sepakat"),
        "{}",
        screen(&app)
    );
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    let c = a.agreed.iter().find(|g| g.kind == AgreedKind::Consensus).unwrap();
    assert_eq!(
        (c.level, c.note.as_str(), c.dissent.as_str()),
        (None, "", "Komunitas tidak sepakat: belum dijalankan")
    );
    // t is for the verification walk only.
    ch(&mut app, 't');
    assert!(
        Store::open(&f.path)
            .unwrap()
            .load(f.id)
            .unwrap()
            .0
            .agreed
            .iter()
            .all(|g| g.status.is_none())
    );

    app.open_walk_as(f.id, pmk3i::assessment::Walker::Verified);
    let Screen::Walk(w) = &mut app.screen else { panic!() };
    w.go_to(&slot("kebijakan.perda"));
    let statuses = |path: &Path| {
        Store::open(path)
            .unwrap()
            .load(f.id)
            .unwrap()
            .0
            .agreed
            .iter()
            .find(|g| g.kind == AgreedKind::Verified)
            .and_then(|g| g.status)
    };
    ch(&mut app, 't');
    assert_eq!(statuses(&f.path), Some(VerifyStatus::Verified));
    assert!(screen(&app).contains("terverifikasi"));
    ch(&mut app, 't');
    assert_eq!(statuses(&f.path), Some(VerifyStatus::Mismatch));
    ch(&mut app, 't');
    assert_eq!(statuses(&f.path), Some(VerifyStatus::NotVisited));
    ch(&mut app, 't');
    assert_eq!(statuses(&f.path), None);
    // Cycling back to no status leaves no row behind.
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    assert!(a.agreed.iter().all(|g| g.kind != AgreedKind::Verified));
}

/// The whole cycle with keys, from the list to a verified berita acara.
#[test]
fn a_whole_workshop_cycle_runs_in_the_tool() {
    let f = base();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&f);
    app.report_dir = dir.path().to_path_buf();
    // The other two helix groups answer with keys: five groups in all. On the list,
    // a → "+ Tambah responden" (after the respondents) → the form → the walk.
    for (n, (name, org, group)) in [("Komang", "Komunitas Dapur Kota", 'c'), ("Mira", "Radio Sukamaju", 'm')]
        .into_iter()
        .enumerate()
    {
        ch(&mut app, 'a');
        for _ in 0..(4 + n) {
            key(&mut app, KeyCode::Down);
        }
        key(&mut app, KeyCode::Enter);
        type_text(&mut app, name);
        key(&mut app, KeyCode::Tab);
        type_text(&mut app, org);
        key(&mut app, KeyCode::Tab);
        ch(&mut app, group);
        ctrl(&mut app, 's');
        // Shift-Tab from the first pillar wraps to Kebijakan; perda is its first
        // indicator, anggaran its fourth.
        app.handle(Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
        ch(&mut app, '1');
        ch(&mut app, 'n');
        ch(&mut app, 'n');
        ch(&mut app, '2');
        key(&mut app, KeyCode::Esc);
    }
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    let groups: std::collections::BTreeSet<&str> = a
        .respondents
        .iter()
        .filter(|r| r.answer(&slot("kebijakan.perda")).is_some() && r.answer(&slot("kebijakan.anggaran")).is_some())
        .map(|r| r.actor.as_str())
        .collect();
    assert_eq!(groups.into_iter().collect::<Vec<_>>(), ["A", "B", "C", "G", "M"]);

    // From the list: s opens the workshop screen; the agenda starts with perda.
    ch(&mut app, 's');
    assert_eq!(workshop(&app).agenda[0].slot, slot("kebijakan.perda"));
    // Enter discusses it in the consensus walk: agreed 2.
    key(&mut app, KeyCode::Enter);
    let Screen::Walk(w) = &app.screen else {
        panic!("the consensus walk")
    };
    assert_eq!(w.slot(), Some(slot("kebijakan.perda")));
    ch(&mut app, '2');
    // Back to the results, then the workshop screen: record the session.
    ch(&mut app, 'r');
    ch(&mut app, 's');
    go_to_tab(&mut app, WTab::Session);
    ch(&mut app, 'e');
    type_text(&mut app, "2026-03-14");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Aula Bappeda");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Rina");
    key(&mut app, KeyCode::Enter);
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    assert_eq!(a.workshop.session.place, "Aula Bappeda");
    assert_eq!(a.workshop.attendance.len(), 6, "the respondents are preselected");
    // A visitor who was not a respondent joins the list.
    ch(&mut app, 'n');
    type_text(&mut app, "Pak Lurah");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "G");
    ctrl(&mut app, 's');
    // The visit log.
    go_to_tab(&mut app, WTab::Visits);
    ch(&mut app, 'n');
    for (i, text) in ["2026-04-02", "Sentra kuliner", "kuliner", "Ketua paguyuban", "Tono"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            key(&mut app, KeyCode::Tab);
        }
        type_text(&mut app, text);
    }
    key(&mut app, KeyCode::Enter);
    // Verify first: perda (self 2.1, consensus 2) and anggaran; verify perda at 1.
    go_to_tab(&mut app, WTab::VerifyFirst);
    assert_eq!(workshop(&app).verify_first[0].slot, slot("kebijakan.perda"));
    key(&mut app, KeyCode::Enter);
    let Screen::Walk(w) = &app.screen else {
        panic!("the verification walk")
    };
    assert_eq!(w.slot(), Some(slot("kebijakan.perda")));
    ch(&mut app, 't');
    ch(&mut app, 't');
    ch(&mut app, 'v');
    type_text(&mut app, "belum ada perwali");
    key(&mut app, KeyCode::Esc);
    ch(&mut app, '1');
    // The flagship on the results, then what it pulls along and a commitment.
    ch(&mut app, 'r');
    ch(&mut app, 'f');
    ch(&mut app, 's');
    go_to_tab(&mut app, WTab::Commitments);
    ch(&mut app, 'p');
    type_text(&mut app, "kriya, musik");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'n');
    type_text(&mut app, "Menerbitkan perwali ekonomi kreatif");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "G");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Bagian Hukum");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-12-31");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "kebijakan.perda");
    key(&mut app, KeyCode::Enter);

    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    assert_eq!(a.chosen_flagship.as_deref(), Some("kuliner"));
    assert_eq!(a.workshop.pulled, ["kriya", "musik"]);
    assert_eq!(a.workshop.attendance.len(), 7);
    assert_eq!(a.workshop.visits[0].subsector.as_deref(), Some("kuliner"));
    assert_eq!(a.workshop.commitments[0].actor, Some(pmk3i::actor::Actor::Government));
    assert_eq!(a.workshop.commitments[0].indicators[0].indicator, "kebijakan.perda");
    let v = a.agreed.iter().find(|g| g.kind == AgreedKind::Verified).unwrap();
    assert_eq!(
        (v.level, v.status, v.evidence.as_str()),
        (Some(1), Some(VerifyStatus::Mismatch), "belum ada perwali")
    );

    // B writes the berita acara; its fingerprint is the record's and verify agrees.
    ch(&mut app, 'B');
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "html"))
        .expect("the berita acara was written");
    let bytes = std::fs::read(&file).unwrap();
    let check = pmk3i::workshop::verify(&bytes).unwrap();
    assert!(check.intact(), "{check:?}");
    assert_eq!(check.computed, pmk3i::workshop::fingerprint(&a));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("Pak Lurah") && text.contains("Sentra kuliner") && text.contains("Menerbitkan perwali"));
}

#[test]
fn a_form_refuses_what_does_not_fit_and_esc_writes_nothing() {
    let f = base();
    let mut app = app(&f);
    app.open_workshop(f.id);
    go_to_tab(&mut app, WTab::Commitments);
    ch(&mut app, 'n');
    type_text(&mut app, "Sesuatu");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "X");
    ctrl(&mut app, 's');
    assert!(
        screen(&app).contains("! kelompok: A, B, C, G atau M"),
        "{}",
        screen(&app)
    );
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "kebijakan.tidak_ada");
    ctrl(&mut app, 's');
    assert!(
        screen(&app).contains("indikator tidak dikenal: \"kebijakan.tidak_ada\""),
        "{}",
        screen(&app)
    );
    key(&mut app, KeyCode::Esc);
    assert!(workshop(&app).form.is_none());
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    assert!(a.workshop.is_empty(), "nothing was written");
    // Del asks first.
    go_to_tab(&mut app, WTab::Session);
    ch(&mut app, 'n');
    type_text(&mut app, "Pak Lurah");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "G");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Delete);
    assert_eq!(
        Store::open(&f.path)
            .unwrap()
            .load(f.id)
            .unwrap()
            .0
            .workshop
            .attendance
            .len(),
        1
    );
    key(&mut app, KeyCode::Delete);
    assert_eq!(
        Store::open(&f.path)
            .unwrap()
            .load(f.id)
            .unwrap()
            .0
            .workshop
            .attendance
            .len(),
        0
    );
}

// ---- snapshots of every new screen at 80×24 -----------------------------------

/// The base fixture with a consensus, a verification, a session, a visit, a flagship
/// and a commitment, so that every tab has something to show.
fn full() -> Fixture {
    let f = base();
    let mut store = Store::open(&f.path).unwrap();
    store
        .set_agreed_answer(f.id, AgreedKind::Consensus, &slot("kebijakan.perda"), Some(2), false)
        .unwrap();
    store
        .set_agreed_answer(f.id, AgreedKind::Verified, &slot("kebijakan.perda"), Some(1), false)
        .unwrap();
    store
        .set_verify_status(f.id, &slot("kebijakan.perda"), Some(VerifyStatus::Mismatch))
        .unwrap();
    store
        .set_dkt_session(
            f.id,
            &pmk3i::workshop::DktSession {
                date: "2026-03-14".into(),
                place: "Aula Bappeda Sukamaju".into(),
                facilitator: "Rina Wulandari".into(),
            },
        )
        .unwrap();
    let a = store.load(f.id).unwrap().0;
    store
        .set_attendance(f.id, &pmk3i::app::agenda::attendance_from_respondents(&a))
        .unwrap();
    store
        .set_visits(
            f.id,
            &[pmk3i::workshop::Visit {
                date: "2026-04-02".into(),
                site: "Sentra kuliner Pasar Lama".into(),
                subsector: Some("kuliner".into()),
                interviewee_role: "Ketua paguyuban".into(),
                assessors: "Tono, Wati".into(),
            }],
        )
        .unwrap();
    store.set_flagship(f.id, Some("kuliner")).unwrap();
    store.set_pulled(f.id, &["kriya".into()]).unwrap();
    store
        .set_commitments(
            f.id,
            &[pmk3i::workshop::Commitment {
                text: "Menerbitkan perwali ekonomi kreatif".into(),
                actor: Some(pmk3i::actor::Actor::Government),
                organisation: "Bagian Hukum Setda".into(),
                deadline: "2026-12-31".into(),
                indicators: vec![pmk3i::workshop::LinkedIndicator {
                    indicator: "kebijakan.perda".into(),
                    subsector: None,
                }],
            }],
        )
        .unwrap();
    drop(store);
    f
}

#[test]
fn snapshots_of_the_workshop_screen_at_80x24() {
    let f = full();
    for lang in [Lang::Id, Lang::En] {
        let mut app = app(&f);
        app.lang = lang;
        app.open_workshop(f.id);
        let code = match lang {
            Lang::Id => "id",
            Lang::En => "en",
        };
        for tab in pmk3i::app::agenda::WTABS {
            go_to_tab(&mut app, *tab);
            let name = format!("workshop_{:?}_{code}_80x24", tab).to_lowercase();
            insta::assert_snapshot!(name, without_attribution(&screen(&app)));
        }
        go_to_tab(&mut app, WTab::Commitments);
        ch(&mut app, 'e');
        insta::assert_snapshot!(format!("workshop_commitment_form_{code}_80x24"), screen(&app));
        key(&mut app, KeyCode::Esc);
    }
}

#[test]
fn snapshots_of_the_walks_with_the_workshop_lines_at_80x24() {
    let f = full();
    let mut store = Store::open(&f.path).unwrap();
    store
        .set_agreed_text(
            f.id,
            AgreedKind::Consensus,
            &slot("kebijakan.perda"),
            pmk3i::store::AgreedText::Dissent,
            "Komunitas tidak sepakat: perda belum berjalan",
        )
        .unwrap();
    drop(store);
    let mut app = app(&f);
    for (kind, name) in [
        (AgreedKind::Consensus, "walk_consensus_dissent_id_80x24"),
        (AgreedKind::Verified, "walk_verified_status_id_80x24"),
    ] {
        app.open_walk_as(f.id, pmk3i::assessment::Walker::of_agreed(kind));
        let Screen::Walk(w) = &mut app.screen else { panic!() };
        w.go_to(&slot("kebijakan.perda"));
        insta::assert_snapshot!(name, without_attribution(&screen(&app)));
    }
}

/// The "dicatat oleh LOGIN, TIME UTC" ("recorded by …") lines with the login and time
/// (which depend on who runs the tests, and when) replaced by placeholders of the same
/// width.
fn without_attribution(screen: &str) -> String {
    screen
        .lines()
        .map(|line| {
            let found = [
                ("dicatat oleh ", "dicatat oleh LOGIN, WAKTU UTC"),
                ("recorded by ", "recorded by LOGIN, TIME UTC"),
            ]
            .into_iter()
            .find_map(|(marker, placeholder)| line.find(marker).map(|at| (at, placeholder)));
            (line, found)
        })
        .map(|(line, found)| match found {
            Some((at, placeholder)) => {
                let rest = &line[at..];
                // The backend quotes each line; a long login may cut the line before " UTC".
                let end = rest
                    .find(" UTC")
                    .map_or(rest.rfind('"').unwrap_or(rest.len()), |e| e + 4);
                let width = rest[..end].chars().count();
                let mut shown = String::from(placeholder);
                while shown.chars().count() < width {
                    shown.push(' ');
                }
                format!("{}{shown}{}", &line[..at], &rest[end..])
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---- choosing the right assessment ---------------------------------------------

/// A second assessment of Kota Sukamaju, for 2027.
fn second_period(f: &Fixture) -> i64 {
    let fw = bundled_pmk3i();
    Store::open(&f.path)
        .unwrap()
        .create_assessment(
            &fw,
            &NewAssessment {
                region: pmk3i::assessment::Region {
                    name: "Sukamaju".into(),
                    kind: RegionKind::Kota,
                    province: "Jawa Barat".into(),
                },
                period: "2027".into(),
                candidates: vec!["kuliner".into()],
                respondent_name: "Sari".into(),
                respondent_organisation: "Bappeda".into(),
                respondent_actor: pmk3i::actor::Actor::Government,
            },
        )
        .unwrap()
}

fn selected_id(app: &App) -> i64 {
    match &app.screen {
        Screen::Start(s) => s.selected_row().unwrap().id,
        _ => panic!("expected the list"),
    }
}

#[test]
fn the_list_and_the_chooser_show_id_and_period_and_the_list_keeps_its_cursor() {
    let f = base();
    let later = second_period(&f);
    let mut app = app(&f);
    // Newest first: 2027 (ID 2), then 2026 (ID 1).
    let shown = screen(&app);
    assert!(
        shown.contains("▶ 2 Kota Sukamaju  2027") && shown.contains("  1 Kota Sukamaju  2026"),
        "{shown}"
    );
    assert_eq!(selected_id(&app), later);
    key(&mut app, KeyCode::Down);
    assert_eq!(selected_id(&app), f.id);
    ch(&mut app, 'a');
    let shown = screen(&app);
    assert!(shown.contains("Isi sebagai — Kota Sukamaju · 2026 · ID 1"), "{shown}");
    key(&mut app, KeyCode::Esc);
    // To the walk and back, to the results and back, to the workshop and back.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(selected_id(&app), f.id, "back from the walk");
    ch(&mut app, 'r');
    key(&mut app, KeyCode::Esc);
    assert_eq!(selected_id(&app), f.id, "back from the results");
    ch(&mut app, 's');
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert_eq!(selected_id(&app), f.id, "back from the workshop screen");
}

#[test]
fn a_second_assessment_of_the_same_region_period_and_framework_is_asked_about_first() {
    let f = base();
    let mut app = app(&f);
    let count = || Store::open(&f.path).unwrap().assessment_ids().unwrap().len();
    ch(&mut app, 'n');
    type_text(&mut app, "sukamaju");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "jawa b");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "kul");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Sari");
    ctrl(&mut app, 's');
    assert_eq!(count(), 1, "nothing created yet");
    let shown = screen(&app);
    assert!(
        shown.contains("Sudah ada penilaian Kota Sukamaju · 2026 · pmk3i (ID 1)"),
        "{shown}"
    );
    assert!(matches!(app.screen, Screen::New(_)), "the form stays open");
    ctrl(&mut app, 's');
    assert_eq!(count(), 2, "asked, then created");
}

// ---- correcting the profile and the respondents -------------------------------

/// Replaces the focused field's text.
fn retype(app: &mut App, text: &str) {
    for _ in 0..60 {
        key(app, KeyCode::Backspace);
    }
    type_text(app, text);
}

#[test]
fn the_profile_is_corrected_and_a_removed_candidates_answers_come_back() {
    let f = base();
    let mut app = app(&f);
    app.open_workshop(f.id);
    go_to_tab(&mut app, WTab::Profile);
    ch(&mut app, 'p');
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    retype(&mut app, "2025");
    key(&mut app, KeyCode::Tab);
    retype(&mut app, "kuliner, musik");
    key(&mut app, KeyCode::Enter);
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    assert_eq!(
        (a.period.as_str(), a.candidates.clone()),
        ("2025", vec!["kuliner".to_string(), "musik".to_string()])
    );

    // Sari answers a Musik indicator; then Musik is removed, and added back.
    let sari = f.ids[0];
    let musik = SlotKey::new("kreasi.talenta", Some("musik"));
    Store::open(&f.path)
        .unwrap()
        .upsert_answer(sari, &musik, Some(3), false)
        .unwrap();
    app.open_workshop(f.id);
    go_to_tab(&mut app, WTab::Profile);
    ch(&mut app, 'p');
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    retype(&mut app, "kuliner");
    key(&mut app, KeyCode::Enter);
    let store = Store::open(&f.path).unwrap();
    let a = store.load(f.id).unwrap().0;
    assert_eq!(a.candidates, ["kuliner"]);
    assert!(a.respondents[0].answer(&musik).is_some(), "the answer is kept");
    let export = pmk3i::exchange::export_json(&store, f.id).unwrap();
    // The record, that is; its history says that Musik was answered and removed.
    let doc: serde_json::Value = serde_json::from_str(&export).unwrap();
    let export = doc["assessment"].to_string();
    assert!(
        !export.contains("\"musik\""),
        "but not exported while musik is not a candidate"
    );
    drop(store);
    ch(&mut app, 'p');
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    retype(&mut app, "kuliner, musik");
    key(&mut app, KeyCode::Enter);
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    assert_eq!(
        a.respondents[0].answer(&musik).and_then(|x| x.level),
        Some(3),
        "and it is back"
    );

    // A province that does not exist is refused in the form.
    ch(&mut app, 'p');
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    retype(&mut app, "Atlantis");
    key(&mut app, KeyCode::F(2));
    assert!(
        screen(&app).contains("! provinsi tidak dikenal: \"Atlantis\""),
        "{}",
        screen(&app)
    );
}

#[test]
fn a_respondent_is_corrected_and_removed_only_after_confirmation() {
    let f = base();
    let mut app = app(&f);
    app.open_workshop(f.id);
    go_to_tab(&mut app, WTab::Profile);
    key(&mut app, KeyCode::Down);
    ch(&mut app, 'e');
    retype(&mut app, "Budi Santoso");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    retype(&mut app, "c");
    key(&mut app, KeyCode::Enter);
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    let budi = a.respondents.iter().find(|r| r.id == f.ids[1]).unwrap();
    assert_eq!((budi.name.as_str(), budi.actor.as_str()), ("Budi Santoso", "C"));
    assert_eq!(budi.organisation, "Warung Budi", "untouched field kept");

    key(&mut app, KeyCode::Delete);
    assert!(
        screen(&app).contains("Hapus responden Budi Santoso (C) beserta semua jawabannya?"),
        "{}",
        screen(&app)
    );
    assert_eq!(Store::open(&f.path).unwrap().load(f.id).unwrap().0.respondents.len(), 4);
    key(&mut app, KeyCode::Delete);
    let a = Store::open(&f.path).unwrap().load(f.id).unwrap().0;
    assert_eq!(a.respondents.len(), 3);
    assert!(a.respondents.iter().all(|r| r.id != f.ids[1]));
}
