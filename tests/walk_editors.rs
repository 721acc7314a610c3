#![allow(clippy::unwrap_used)]
//! Every text editor of every walk (a respondent's, the consensus walk, the
//! verification walk): opening and closing it without typing changes nothing and
//! commits nothing (no ghost rows), and typing changes its own field and no other.
//!
//! "Commits nothing" is read from SQLite itself: `PRAGMA data_version` on a second
//! connection changes whenever any other connection commits to the file.

mod common;

use std::path::{Path, PathBuf};

use common::db::{create, db, sukamaju};
use common::fw::bundled_pmk3i;
use common::tui::{app_on, key};
use pmk3i::app::{App, Overlay, Screen};
use pmk3i::assessment::{AgreedKind, Assessment, TextKind};
use pmk3i::scoring::SlotKey;
use pmk3i::store::Store;
use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;

fn first_slot() -> SlotKey {
    SlotKey::new("kreasi.talenta", Some("kuliner"))
}

/// Kota Sukamaju (candidate kuliner) where every text of the first indicator is filled:
/// Sari's answer 3 with a note and evidence, a consensus 2 and a verified 2 each with a
/// note and evidence, and both pillar texts of Kreasi · Kuliner.
fn fixture() -> (TempDir, PathBuf, i64) {
    let (dir, path) = db();
    let id = create(&path, &bundled_pmk3i(), &sukamaju(&["kuliner"]));
    let mut store = Store::open(&path).unwrap();
    let sari = store.load(id).unwrap().0.respondents[0].id;
    let slot = first_slot();
    store.upsert_answer(sari, &slot, Some(3), false).unwrap();
    store.set_answer_text(sari, &slot, false, "catatan Sari").unwrap();
    store.set_answer_text(sari, &slot, true, "SK Bupati 12/2025").unwrap();
    for (kind, note, evidence) in [
        (AgreedKind::Consensus, "disepakati di DKT", "notulen DKT"),
        (AgreedKind::Verified, "kunjungan ke sanggar", "foto daftar hadir"),
    ] {
        store.set_agreed_answer(id, kind, &slot, Some(2), false).unwrap();
        store
            .set_agreed_text(id, kind, &slot, pmk3i::store::AgreedText::Note, note)
            .unwrap();
        store
            .set_agreed_text(id, kind, &slot, pmk3i::store::AgreedText::Evidence, evidence)
            .unwrap();
    }
    store
        .set_pillar_text(
            id,
            "kreasi",
            Some("kuliner"),
            TextKind::BestPractice,
            "festival tahunan",
        )
        .unwrap();
    store
        .set_pillar_text(
            id,
            "kreasi",
            Some("kuliner"),
            TextKind::Problem,
            "ruang kreatif sedikit",
        )
        .unwrap();
    (dir, path, id)
}

/// The stored record without the edit times (which a write changes by design).
fn stored(path: &Path, id: i64) -> Assessment {
    let mut a = Store::open(path).unwrap().load(id).unwrap().0;
    a.updated_at.clear();
    for r in &mut a.respondents {
        for ans in &mut r.answers {
            ans.updated_at.clear();
        }
    }
    a
}

fn data_version(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap()
}

#[derive(Clone, Copy, Debug)]
enum Walk {
    Respondent,
    Agreed(AgreedKind),
}

fn open(path: &Path, id: i64, walk: Walk) -> App {
    let mut app = app_on(path);
    match walk {
        Walk::Respondent => app.open_walk(id, Some(&first_slot())),
        Walk::Agreed(kind) => app.open_walk_as(id, pmk3i::assessment::Walker::of_agreed(kind)),
    }
    let Screen::Walk(w) = &mut app.screen else {
        panic!("expected the walk")
    };
    assert!(w.go_to(&first_slot()));
    app
}

/// What typing " X" into the editor of `key` must change in the record, and nothing else.
fn expect_edit(mut a: Assessment, walk: Walk, editor: char) -> Assessment {
    let slot = first_slot();
    let append = |s: &mut String| s.push_str(" X");
    match (walk, editor) {
        (Walk::Respondent, 'e') => append(&mut a.respondents[0].answers[0].note),
        (Walk::Respondent, 'v') => append(&mut a.respondents[0].answers[0].evidence),
        (Walk::Agreed(AgreedKind::Consensus), 'd') => {
            let g = a
                .agreed
                .iter_mut()
                .find(|g| g.kind == AgreedKind::Consensus && g.indicator == slot.indicator)
                .unwrap();
            append(&mut g.dissent);
        }
        (Walk::Agreed(kind), 'e' | 'v') => {
            let g = a
                .agreed
                .iter_mut()
                .find(|g| g.kind == kind && g.indicator == slot.indicator && g.subsector == slot.subsector)
                .unwrap();
            append(if editor == 'e' { &mut g.note } else { &mut g.evidence });
        }
        (_, 'b' | 'm') => {
            let kind = if editor == 'b' {
                TextKind::BestPractice
            } else {
                TextKind::Problem
            };
            let t = a.pillar_texts.iter_mut().find(|t| t.kind == kind).unwrap();
            append(&mut t.body);
        }
        other => panic!("no editor {other:?}"),
    }
    a
}

const WALKS: [Walk; 3] = [
    Walk::Respondent,
    Walk::Agreed(AgreedKind::Consensus),
    Walk::Agreed(AgreedKind::Verified),
];
/// The editors of a walk: the consensus walk also records a dissent (`d`).
fn editors(walk: Walk) -> Vec<char> {
    match walk {
        Walk::Agreed(AgreedKind::Consensus) => vec!['e', 'v', 'b', 'm', 'd'],
        _ => vec!['e', 'v', 'b', 'm'],
    }
}

#[test]
fn opening_and_closing_any_editor_without_typing_changes_and_commits_nothing() {
    for walk in WALKS {
        for editor in editors(walk) {
            let (_dir, path, id) = fixture();
            let mut app = open(&path, id, walk);
            let before = stored(&path, id);
            let watcher = rusqlite::Connection::open(&path).unwrap();
            let version = data_version(&watcher);
            for close in [KeyCode::Esc, KeyCode::F(2)] {
                key(&mut app, KeyCode::Char(editor));
                assert!(
                    matches!(app.overlay, Some(Overlay::Editor(_))),
                    "{walk:?} {editor}: an editor opens"
                );
                assert!(
                    app.draft.lock().unwrap().is_none(),
                    "{walk:?} {editor}: an unchanged text is no draft for a hang-up to save"
                );
                key(&mut app, close);
                assert!(app.overlay.is_none());
            }
            assert_eq!(
                data_version(&watcher),
                version,
                "{walk:?} {editor}: nothing was committed"
            );
            assert_eq!(stored(&path, id), before, "{walk:?} {editor}: the record is unchanged");
        }
    }
}

#[test]
fn each_editor_writes_only_its_own_field() {
    for walk in WALKS {
        for editor in editors(walk) {
            let (_dir, path, id) = fixture();
            let mut app = open(&path, id, walk);
            let before = stored(&path, id);
            key(&mut app, KeyCode::Char(editor));
            for c in " X".chars() {
                key(&mut app, KeyCode::Char(c));
            }
            key(&mut app, KeyCode::Esc);
            assert_eq!(
                stored(&path, id),
                expect_edit(before, walk, editor),
                "{walk:?} {editor}: only its own field changed"
            );
        }
    }
}

#[test]
fn the_agreed_walks_title_their_note_and_evidence_editors_apart() {
    for (kind, titles, texts) in [
        (
            AgreedKind::Consensus,
            ["Catatan konsensus", "Bukti yang dibahas (konsensus)"],
            ["disepakati di DKT", "notulen DKT"],
        ),
        (
            AgreedKind::Verified,
            ["Catatan verifikasi", "Bukti yang dilihat (uji petik)"],
            ["kunjungan ke sanggar", "foto daftar hadir"],
        ),
    ] {
        let (_dir, path, id) = fixture();
        let mut app = open(&path, id, Walk::Agreed(kind));
        for (k, title, text) in [('e', titles[0], texts[0]), ('v', titles[1], texts[1])] {
            key(&mut app, KeyCode::Char(k));
            let Some(Overlay::Editor(e)) = &app.overlay else {
                panic!("an editor opens")
            };
            assert_eq!(e.title, title);
            assert_eq!(e.text(), text, "each editor shows its own stored text");
            key(&mut app, KeyCode::Esc);
        }
    }
}

#[test]
fn emptying_the_only_text_of_an_agreed_row_without_a_level_leaves_no_row() {
    let (_dir, path, id) = fixture();
    let mut store = Store::open(&path).unwrap();
    let other = SlotKey::new("kreasi.pendidikan", Some("kuliner"));
    store
        .set_agreed_text(
            id,
            AgreedKind::Verified,
            &other,
            pmk3i::store::AgreedText::Evidence,
            "foto",
        )
        .unwrap();
    let a = store.load(id).unwrap().0;
    assert_eq!(
        a.agreed.iter().filter(|g| g.indicator == "kreasi.pendidikan").count(),
        1
    );
    store
        .set_agreed_text(id, AgreedKind::Verified, &other, pmk3i::store::AgreedText::Evidence, "")
        .unwrap();
    let a = store.load(id).unwrap().0;
    assert_eq!(
        a.agreed.iter().filter(|g| g.indicator == "kreasi.pendidikan").count(),
        0
    );
}

#[test]
fn d_outside_the_consensus_walk_and_t_outside_the_verification_walk_write_nothing() {
    for walk in [
        Walk::Respondent,
        Walk::Agreed(AgreedKind::Verified),
        Walk::Agreed(AgreedKind::Consensus),
    ] {
        let (_dir, path, id) = fixture();
        let mut app = open(&path, id, walk);
        let before = stored(&path, id);
        let watcher = rusqlite::Connection::open(&path).unwrap();
        let version = data_version(&watcher);
        let keys: &[char] = match walk {
            Walk::Agreed(AgreedKind::Consensus) => &['t'],
            Walk::Agreed(AgreedKind::Verified) => &['d'],
            Walk::Respondent => &['d', 't'],
        };
        for k in keys {
            key(&mut app, KeyCode::Char(*k));
            assert!(app.overlay.is_none(), "{walk:?} {k}: no editor");
        }
        assert_eq!(data_version(&watcher), version, "{walk:?}: nothing committed");
        assert_eq!(stored(&path, id), before);
    }
}
