#![allow(clippy::unwrap_used)]
//! The start screen's, the forms' and the results screen's updates return their writes
//! as [`Effect`] values, written out here in full; the database (read through a second
//! handle on the same file) holds nothing of them until the effects are committed.
//! And a paste lands in the focused field of every text mode, and nowhere else.
//!
//! The bundled PMK3I framework; "Sukamaju" is no official region (it is stored
//! "tanpa kode"); Kota Bandung is Kemendagri code 32.73 in Jawa Barat.

mod common;

use std::path::Path;

use common::db::{db, sukamaju};
use common::fw::bundled_pmk3i;
use common::tui::{app_on, ch, key};

use pmk3i::actor::Actor;
use pmk3i::app::bindings::{Action, Mode};
use pmk3i::app::recovery::Change;
use pmk3i::app::{App, Create, Document, Effect, Event, Overlay, Screen, Status};
use pmk3i::assessment::{Region, RegionKind, Walker};
use pmk3i::framework::LoadedFramework;
use pmk3i::i18n::Lang;
use pmk3i::store::{NewAssessment, Store};
use ratatui::crossterm::event::KeyCode;

fn pmk3i_framework() -> LoadedFramework {
    bundled_pmk3i()
}

/// Kota Sukamaju, Jawa Barat, 2026, candidate kuliner, respondent Sari (G).
fn create(path: &Path) -> i64 {
    common::db::create(path, &bundled_pmk3i(), &sukamaju(&["kuliner"]))
}

fn code(app: &mut App, code: KeyCode) {
    key(app, code);
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

fn paste(app: &mut App, text: &str) {
    app.handle(Event::Paste(text.into()));
}

/// What another process would read from the file right now.
fn stored_ids(path: &Path) -> Vec<i64> {
    Store::open(path).unwrap().assessment_ids().unwrap()
}

fn respondents(path: &Path, id: i64) -> Vec<(String, String, Actor)> {
    let (a, _) = Store::open(path).unwrap().load(id).unwrap();
    a.respondents
        .into_iter()
        .map(|r| (r.name, r.organisation, r.actor))
        .collect()
}

fn region_code(path: &Path, id: i64) -> Option<String> {
    let store = Store::open(path).unwrap();
    pmk3i::overview::overviews(&store, Lang::Id)
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap()
        .region_code
}

// ---- the updates return effects; the database waits for the commit --------------

#[test]
fn the_new_assessment_form_returns_the_assessment_to_create() {
    let (_dir, path) = db();
    let mut app = app_on(&path);
    ch(&mut app, 'n');
    type_text(&mut app, "Sukamaju");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // Kota → Kabupaten
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "jawa b");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab); // the period stays 2026
    type_text(&mut app, "kul");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Sari Dewi");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Kafe Sore");
    code(&mut app, KeyCode::Tab);
    // The actor group: Government first; → Media, → Academia (it wraps), ← Media.
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Left);

    let effects = app.form_update(Action::Submit);
    assert_eq!(
        effects,
        vec![Effect::Create(Create::Assessment {
            framework: "pmk3i".into(),
            new: NewAssessment {
                region: Region {
                    name: "Sukamaju".into(),
                    kind: RegionKind::Kabupaten,
                    province: "Jawa Barat".into(),
                },
                period: "2026".into(),
                candidates: vec!["kuliner".into()],
                respondent_name: "Sari Dewi".into(),
                respondent_organisation: "Kafe Sore".into(),
                respondent_actor: Actor::Media,
            },
        })]
    );
    assert!(matches!(app.screen, Screen::New(_)), "the form stays until the commit");
    assert_eq!(
        stored_ids(&path),
        Vec::<i64>::new(),
        "nothing is written before the commit"
    );

    app.commit(effects);
    let ids = stored_ids(&path);
    assert_eq!(ids.len(), 1);
    assert_eq!(
        respondents(&path, ids[0]),
        vec![("Sari Dewi".into(), "Kafe Sore".into(), Actor::Media)]
    );
    let Screen::Walk(walk) = &app.screen else {
        panic!("the walk opens after the commit")
    };
    assert_eq!(walk.assessment.id, ids[0]);
    assert_eq!(app.status, Status::Saved);
}

#[test]
fn the_add_respondent_form_returns_the_respondent_to_add() {
    let (_dir, path) = db();
    let id = create(&path);
    let mut app = app_on(&path);
    // "Answer as": Sari, then "+ Tambah responden".
    ch(&mut app, 'a');
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::AddRespondent(_)));
    type_text(&mut app, "Budi");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Kafe Sore");
    code(&mut app, KeyCode::Tab);
    // Academia first; ← wraps to Media, ← Government; a typed letter picks its group.
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Left);
    let Screen::AddRespondent(form) = &app.screen else {
        panic!()
    };
    assert_eq!(form.actor, Actor::Government);
    ch(&mut app, 'c');

    // Enter on the last field submits.
    let effects = app.form_update(Action::Choose);
    assert_eq!(
        effects,
        vec![Effect::Create(Create::Respondent {
            assessment: id,
            name: "Budi".into(),
            organisation: "Kafe Sore".into(),
            actor: Actor::Community,
        })]
    );
    assert_eq!(
        respondents(&path, id),
        vec![("Sari".into(), "Dinas Pariwisata".into(), Actor::Government)],
        "nothing is written before the commit"
    );

    app.commit(effects);
    assert_eq!(
        respondents(&path, id),
        vec![
            ("Sari".into(), "Dinas Pariwisata".into(), Actor::Government),
            ("Budi".into(), "Kafe Sore".into(), Actor::Community),
        ]
    );
    let Screen::Walk(walk) = &app.screen else {
        panic!("the new respondent's walk opens")
    };
    let (a, _) = Store::open(&path).unwrap().load(id).unwrap();
    let budi = a.respondents.iter().find(|r| r.name == "Budi").unwrap().id;
    assert_eq!(walk.walker, Walker::Respondent(budi), "walking as the new respondent");
    assert_eq!((walk.entry, walk.position), (0, 0), "at the first indicator");
}

#[test]
fn the_delete_confirmation_returns_the_deletion_only_for_the_right_name() {
    let (_dir, path) = db();
    let id = create(&path);
    let mut app = app_on(&path);
    ch(&mut app, 'd');
    assert_eq!(app.mode(), Mode::DeleteConfirm);
    type_text(&mut app, "Sukamaja");
    assert_eq!(
        app.delete_confirm_update(Action::Choose),
        vec![Effect::Say("Nama daerah tidak cocok; tidak ada yang dihapus.".into())]
    );
    for _ in 0..2 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "ju");
    let effects = app.delete_confirm_update(Action::Choose);
    assert_eq!(effects, vec![Effect::Delete { assessment: id }]);
    assert_eq!(app.mode(), Mode::Start, "the confirmation closes");
    assert_eq!(stored_ids(&path), vec![id], "nothing is deleted before the commit");

    app.commit(effects);
    assert_eq!(stored_ids(&path), Vec::<i64>::new());
    assert_eq!(app.status, Status::Info("Penilaian dihapus.".into()));
    let Screen::Start(start) = &app.screen else { panic!() };
    assert!(start.rows.is_empty(), "the list is reloaded");
}

#[test]
fn linking_a_region_returns_its_code_as_a_queued_change() {
    let (_dir, path) = db();
    let id = create(&path);
    let mut app = app_on(&path);
    ch(&mut app, 'K');
    assert_eq!(app.mode(), Mode::RegionLink);
    // The dialog starts with the region's name; replaced by the code.
    for _ in 0.."Sukamaju".len() {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "32.73");
    let effects = app.region_link_update(Action::Choose);
    assert_eq!(
        effects,
        vec![
            Effect::Write(Change::RegionCode {
                assessment: id,
                code: "32.73".into(),
            }),
            Effect::Say("Daerah ditautkan ke Kota Bandung · Jawa Barat · 32.73.".into()),
        ]
    );
    assert_eq!(region_code(&path, id), None, "nothing is linked before the commit");

    app.commit(effects);
    assert_eq!(region_code(&path, id), Some("32.73".into()));
    assert_eq!(
        app.status,
        Status::Info("Daerah ditautkan ke Kota Bandung · Jawa Barat · 32.73.".into())
    );
    let Screen::Start(start) = &app.screen else { panic!() };
    assert_eq!(
        start.rows[0].region_code.as_deref(),
        Some("32.73"),
        "the list is reloaded"
    );
}

#[test]
fn y_returns_the_next_period_to_create() {
    let (_dir, path) = db();
    let id = create(&path);
    let mut app = app_on(&path);
    let effects = app.start_update(Action::NewPeriod(false));
    assert_eq!(
        effects,
        vec![Effect::Create(Create::Period {
            from: id,
            from_period: "2026".into(),
            period: "2027".into(),
            with_respondents: false,
        })]
    );
    assert_eq!(stored_ids(&path), vec![id], "nothing is created before the commit");

    app.commit(effects);
    assert_eq!(stored_ids(&path).len(), 2);
    assert_eq!(
        app.status,
        Status::Info("Periode 2027 dibuat (tanpa responden): tekan a untuk menambah responden.".into())
    );
}

#[test]
fn w_and_b_return_the_documents_to_write() {
    let (dir, path) = db();
    let id = create(&path);
    let mut app = app_on(&path);
    app.report_dir = dir.path().to_path_buf();
    ch(&mut app, 'r');
    let report = dir.path().join(format!("pmk3i-{id}-sukamaju-2026.html"));
    let berita = dir.path().join(format!("berita-acara-{id}-sukamaju-2026.html"));
    let Screen::Results(results) = &mut app.screen else {
        panic!("r opens the results")
    };
    let effects = pmk3i::app::results::write_file(results, Action::Report, dir.path(), Lang::Id);
    assert_eq!(
        effects,
        vec![Effect::WriteReport {
            document: Document::Report,
            assessment: id,
            path: report.clone(),
        }]
    );
    let b = pmk3i::app::results::write_file(results, Action::BeritaAcara, dir.path(), Lang::Id);
    assert_eq!(
        b,
        vec![Effect::WriteReport {
            document: Document::BeritaAcara,
            assessment: id,
            path: berita.clone(),
        }]
    );
    assert!(!report.exists() && !berita.exists(), "no file before the commit");

    app.commit(effects);
    assert!(std::fs::read_to_string(&report).unwrap().contains("Sukamaju"));
    assert_eq!(
        app.status,
        Status::Info(format!("Laporan ditulis: {}", report.display()))
    );
    app.commit(b);
    assert!(std::fs::read_to_string(&berita).unwrap().contains("Sukamaju"));

    // The report exists now: `w` asks first, a second `w` overwrites.
    let Screen::Results(results) = &mut app.screen else {
        panic!()
    };
    assert_eq!(
        pmk3i::app::results::write_file(results, Action::Report, dir.path(), Lang::Id),
        vec![Effect::Say(format!(
            "Berkas sudah ada: {} — tekan w lagi untuk menimpanya, tombol lain batal.",
            report.display()
        ))]
    );
    assert_eq!(
        pmk3i::app::results::write_file(results, Action::Report, dir.path(), Lang::Id),
        vec![Effect::WriteReport {
            document: Document::Report,
            assessment: id,
            path: report,
        }]
    );
}

// ---- a paste lands in the focused field of every text mode ------------------------

#[test]
fn a_paste_lands_in_the_focused_field_of_each_text_mode() {
    let (_dir, path) = db();
    let id = create(&path);
    let mut app = app_on(&path);

    // The list itself has no field: a paste changes nothing.
    paste(&mut app, "kuliner");
    let Screen::Start(start) = &app.screen else { panic!() };
    assert_eq!((start.filter.text(), start.filtering), ("", false));

    ch(&mut app, '/');
    paste(&mut app, "suka");
    let Screen::Start(start) = &app.screen else { panic!() };
    assert_eq!(start.filter.text(), "suka");
    code(&mut app, KeyCode::Esc);

    ch(&mut app, 'd');
    paste(&mut app, "Sukamaju");
    let Screen::Start(start) = &app.screen else { panic!() };
    assert_eq!(start.delete.as_ref().map(|(_, t)| t.text()), Some("Sukamaju"));
    code(&mut app, KeyCode::Esc);

    ch(&mut app, 'K');
    paste(&mut app, " 32");
    let Screen::Start(start) = &app.screen else { panic!() };
    assert_eq!(start.link.as_ref().map(|l| l.query.text()), Some("Sukamaju 32"));
    code(&mut app, KeyCode::Esc);

    // The new-assessment form: the region name; on a choice field nothing.
    ch(&mut app, 'n');
    paste(&mut app, "Banyuwangi");
    code(&mut app, KeyCode::Tab);
    paste(&mut app, "Kota");
    let Screen::New(form) = &app.screen else { panic!() };
    assert_eq!(form.region_name.text(), "Banyuwangi");
    assert_eq!(form.kind, RegionKind::Kota, "the kind is chosen, not typed");
    code(&mut app, KeyCode::Esc);

    // The add-respondent form: the name.
    ch(&mut app, 'a');
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    paste(&mut app, "Budi");
    let Screen::AddRespondent(form) = &app.screen else {
        panic!()
    };
    assert_eq!(form.name.text(), "Budi");
    code(&mut app, KeyCode::Esc);

    // The national map's filter.
    ch(&mut app, 'p');
    ch(&mut app, '/');
    paste(&mut app, "jawa");
    let Screen::Map(map) = &app.screen else { panic!() };
    assert_eq!(map.filter.text(), "jawa");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);

    // The walk's note editor, line breaks kept.
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Walk);
    paste(&mut app, "ignored");
    ch(&mut app, 'e');
    paste(&mut app, "baris satu\r\nbaris dua");
    let Some(Overlay::Editor(editor)) = &app.overlay else {
        panic!("e opens the note editor")
    };
    assert_eq!(editor.text(), "baris satu\nbaris dua");
    code(&mut app, KeyCode::Esc);

    // The workshop's session form: its first field, the date.
    app.open_workshop(id);
    ch(&mut app, 'e');
    assert_eq!(app.mode(), Mode::RecordForm);
    paste(&mut app, "2026-03-14");
    let Screen::Workshop(w) = &app.screen else { panic!() };
    let form = w.form.as_ref().unwrap();
    assert_eq!(form.fields[form.focus].text(), "2026-03-14");
}

#[test]
fn a_paste_lands_in_the_follow_up_being_typed() {
    let (_dir, path) = db();
    let first = create(&path);
    let mut store = Store::open(&path).unwrap();
    store
        .set_commitments(
            first,
            &[pmk3i::workshop::Commitment {
                text: "Festival kuliner tahunan".into(),
                actor: Some(Actor::Government),
                organisation: "Dinas".into(),
                deadline: "2026-12".into(),
                indicators: vec![],
            }],
        )
        .unwrap();
    store.new_period(first, &pmk3i_framework(), "2027", true).unwrap();
    drop(store);
    let mut app = App::new(
        Store::open(&path).unwrap(),
        common::fw::bundled(),
        Lang::Id,
        "2027".into(),
    );
    ch(&mut app, 'm');
    assert_eq!(app.mode(), Mode::Compare);
    paste(&mut app, "ignored");
    ch(&mut app, 'e');
    assert_eq!(app.mode(), Mode::CompareEdit);
    paste(&mut app, "Panitia dibentuk");
    let Screen::Compare(c) = &app.screen else { panic!() };
    assert_eq!(c.editing.as_ref().map(|(_, t)| t.text()), Some("Panitia dibentuk"));
}

#[test]
fn a_region_link_the_database_did_not_take_survives_in_the_recovery_file() {
    use pmk3i::app::recovery::{apply_within, read_recovery, save_recovery};
    let (_dir, path) = db();
    let id = create(&path);
    let change = Change::RegionCode {
        assessment: id,
        code: "32.73".into(),
    };
    assert_eq!(change.describe(Lang::Id), "kode daerah 32.73");
    let file = save_recovery(&path, std::slice::from_ref(&change)).unwrap();
    let json = std::fs::read_to_string(file).unwrap();
    assert!(
        json.contains(r#""change": "region_code""#) || json.contains(r#""change":"region_code""#),
        "{json}"
    );
    let back = read_recovery(&path).unwrap().unwrap().changes;
    assert_eq!(back, vec![change.clone()]);
    let mut store = Store::open(&path).unwrap();
    let (left, error) = apply_within(&mut store, back, std::time::Duration::from_millis(10));
    assert!(left.is_empty() && error.is_none(), "{error:?}");
    drop(store);
    assert_eq!(region_code(&path, id), Some("32.73".into()));
    // Applied again (a retry after a write that did go in): nothing changes.
    let mut store = Store::open(&path).unwrap();
    change.apply(&mut store).unwrap();
    drop(store);
    assert_eq!(region_code(&path, id), Some("32.73".into()));
    assert_eq!(stored_ids(&path), vec![id]);
}

/// On the list, a waiting write whose assessment another program deleted can never be
/// written: it is dropped with a message naming it, and the writes after it go in
/// (it used to block the queue with "GAGAL MENYIMPAN — akan dicoba lagi" forever).
#[test]
fn a_write_for_an_assessment_deleted_elsewhere_does_not_block_the_list() {
    let (_dir, path) = db();
    let kept = create(&path);
    let gone = create(&path);
    let mut app = app_on(&path);
    Store::open(&path).unwrap().delete_assessment(gone).unwrap();
    app.commit(vec![
        // A target's row refers to its assessment: this one cannot be inserted.
        Effect::Write(Change::Target {
            assessment: gone,
            slot: pmk3i::scoring::SlotKey::new("kreasi.talenta", Some("kuliner")),
            level: Some(3),
        }),
        Effect::Write(Change::Flagship {
            assessment: kept,
            flagship: Some("kuliner".into()),
        }),
    ]);
    assert!(!app.has_pending_writes());
    match &app.status {
        Status::Error(text) => assert!(
            text.starts_with("Tidak dapat disimpan:")
                && text.contains(&format!("menyebut penilaian {gone}, yang tidak ada lagi")),
            "{text}"
        ),
        other => panic!("{other:?}"),
    }
    let stored = Store::open(&path).unwrap().load(kept).unwrap().0;
    assert_eq!(stored.chosen_flagship.as_deref(), Some("kuliner"));
}
