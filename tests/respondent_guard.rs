//! "A respondent's answers can be changed only in that respondent's walk", as a rule
//! the database keeps (`store::writer`): for every walker, which answers and levels it
//! may write, and that a refused write leaves nothing behind — no answer, no
//! `change_log` row. Then each path: the TUI's write queue, plain mode, a recovery
//! file, an import merge, and the CLI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pmk3i::assessment::{AgreedKind, Region, RegionKind};
use pmk3i::framework::{BUNDLED_PMK3I, LoadedFramework, Origin};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store, StoreError, Writer};

fn framework() -> LoadedFramework {
    LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json")).unwrap()
}

fn new_assessment(fw: &LoadedFramework, region: &str) -> NewAssessment {
    NewAssessment {
        region: Region {
            name: region.into(),
            kind: RegionKind::Kota,
            province: "Jawa Barat".into(),
        },
        period: "2026".into(),
        candidates: vec![fw.framework.subsectors[0].id.clone()],
        respondent_name: "Ani".into(),
        respondent_organisation: String::new(),
        respondent_actor: pmk3i::actor::Actor::Government,
    }
}

/// The first region-scoped indicator of the bundled framework.
fn slot(fw: &LoadedFramework) -> SlotKey {
    let pillar = fw
        .framework
        .pillars
        .iter()
        .find(|p| p.scope == pmk3i::framework::Scope::Region)
        .unwrap();
    SlotKey::new(&pillar.indicators[0].id, None)
}

/// An assessment with two respondents, Ani (level 1) and Budi (level 2), on `slot`.
struct Two {
    store: Store,
    fw: LoadedFramework,
    assessment: i64,
    ani: i64,
    budi: i64,
}

fn two() -> Two {
    let fw = framework();
    let mut store = Store::open_in_memory().unwrap();
    let assessment = store.create_assessment(&fw, &new_assessment(&fw, "Kota Jaga")).unwrap();
    let ani = store.load_record(assessment).unwrap().respondents[0].id;
    let budi = store
        .add_respondent(assessment, "Budi", pmk3i::actor::Actor::Business, "")
        .unwrap();
    let s = slot(&fw);
    store.upsert_answer(ani, &s, Some(1), false).unwrap();
    store.upsert_answer(budi, &s, Some(2), false).unwrap();
    Two {
        store,
        fw,
        assessment,
        ani,
        budi,
    }
}

/// The level each respondent has on `slot`, by id.
fn level(store: &Store, assessment: i64, respondent: i64, slot: &SlotKey) -> Option<i64> {
    let a = store.load_record(assessment).unwrap();
    let r = a.respondents.iter().find(|r| r.id == respondent)?;
    r.answers
        .iter()
        .find(|x| x.indicator == slot.indicator && x.subsector == slot.subsector)
        .and_then(|x| x.level)
}

fn log_len(store: &Store, assessment: i64) -> usize {
    store.history(assessment, None, None).unwrap().len()
}

fn refused_message(e: &StoreError, lang: Lang) -> String {
    assert!(matches!(e, StoreError::Refused(_)), "a refusal, not {e:?}");
    e.message(lang)
}

#[test]
fn a_respondents_walk_writes_its_own_answers_only() {
    let Two {
        mut store,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    let s = slot(&fw);
    store.set_writer(Some(Writer::Respondent(ani))).unwrap();
    assert_eq!(store.writer().unwrap(), Some(Writer::Respondent(ani)));
    // Ani's own answer, note and evidence: taken.
    store.upsert_answer(ani, &s, Some(3), false).unwrap();
    store.set_answer_text(ani, &s, false, "catatan Ani").unwrap();
    assert_eq!(level(&store, assessment, ani, &s), Some(3));
    let before = log_len(&store, assessment);
    // Budi's: refused, with the message naming him, and nothing written, not even a log row.
    let e = store.upsert_answer(budi, &s, Some(4), false).unwrap_err();
    let id = refused_message(&e, Lang::Id);
    assert!(id.contains(&format!("jawaban responden {budi} (Budi)")), "{id}");
    assert!(id.contains(&format!("walk responden {ani}")), "{id}");
    assert!(id.contains("Tidak ada yang disimpan"), "{id}");
    let en = e.message(Lang::En);
    assert!(en.contains(&format!("respondent {budi} (Budi)")), "{en}");
    assert!(en.contains(&format!("the walk of respondent {ani}")), "{en}");
    assert_eq!(level(&store, assessment, budi, &s), Some(2));
    let e = store.set_answer_text(budi, &s, true, "bukti palsu").unwrap_err();
    refused_message(&e, Lang::Id);
    let e = store.upsert_answer(budi, &s, None, false).unwrap_err();
    refused_message(&e, Lang::Id);
    assert_eq!(log_len(&store, assessment), before);
    let budi_answer = store.load_record(assessment).unwrap();
    let b = budi_answer.respondents.iter().find(|r| r.id == budi).unwrap();
    assert_eq!(b.answers[0].evidence, "");
    // Nor a consensus or verified level from a respondent's walk.
    let e = store
        .set_agreed_answer(assessment, AgreedKind::Consensus, &s, Some(2), false)
        .unwrap_err();
    assert!(refused_message(&e, Lang::Id).contains("tingkat konsensus (DKT)"));
    assert_eq!(log_len(&store, assessment), before);
    // The store goes on working: Ani's next answer is taken.
    store.upsert_answer(ani, &s, Some(0), false).unwrap();
    assert_eq!(level(&store, assessment, ani, &s), Some(0));
    assert_eq!(log_len(&store, assessment), before + 1);
}

#[test]
fn the_consensus_and_verification_walks_write_no_answer_and_not_each_others_levels() {
    let Two {
        mut store,
        fw,
        assessment,
        ani,
        ..
    } = two();
    let s = slot(&fw);
    store.set_writer(Some(Writer::Consensus)).unwrap();
    store
        .set_agreed_answer(assessment, AgreedKind::Consensus, &s, Some(2), false)
        .unwrap();
    let before = log_len(&store, assessment);
    let e = store.upsert_answer(ani, &s, Some(4), false).unwrap_err();
    let m = refused_message(&e, Lang::En);
    assert!(
        m.contains(&format!("respondent {ani} (Ani)")) && m.contains("the consensus walk (DKT)"),
        "{m}"
    );
    let e = store
        .set_agreed_answer(assessment, AgreedKind::Verified, &s, Some(3), false)
        .unwrap_err();
    assert!(refused_message(&e, Lang::En).contains("a verified level (uji petik)"));
    store.set_writer(Some(Writer::Verified)).unwrap();
    store
        .set_agreed_answer(assessment, AgreedKind::Verified, &s, Some(3), false)
        .unwrap();
    let e = store
        .set_agreed_answer(assessment, AgreedKind::Consensus, &s, Some(4), false)
        .unwrap_err();
    refused_message(&e, Lang::Id);
    let e = store.set_answer_text(ani, &s, false, "x").unwrap_err();
    refused_message(&e, Lang::Id);
    // One log row: the verified level 3; the refusals wrote none.
    assert_eq!(log_len(&store, assessment), before + 1);
    assert_eq!(level(&store, assessment, ani, &s), Some(1));
    let a = store.load_record(assessment).unwrap();
    let levels: Vec<(AgreedKind, Option<i64>)> = a.agreed.iter().map(|g| (g.kind, g.level)).collect();
    assert_eq!(levels.len(), 2);
    assert!(levels.contains(&(AgreedKind::Consensus, Some(2))));
    assert!(levels.contains(&(AgreedKind::Verified, Some(3))));
}

#[test]
fn other_writers_write_no_answer_but_removals_take_the_answers_with_them() {
    let Two {
        mut store,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    let s = slot(&fw);
    store.set_writer(Some(Writer::Admin)).unwrap();
    let e = store.upsert_answer(ani, &s, Some(4), false).unwrap_err();
    assert!(refused_message(&e, Lang::Id).contains("layar lokakarya, hasil, daftar atau perintah CLI"));
    assert_eq!(level(&store, assessment, ani, &s), Some(1));
    // Removing Budi removes his answer (the cascade) and is recorded with the login.
    store.delete_respondent(assessment, budi).unwrap();
    let a = store.load_record(assessment).unwrap();
    assert_eq!(a.respondents.len(), 1);
    let login = store.login().name.clone();
    let history = store.history(assessment, None, None).unwrap();
    let removal = history
        .iter()
        .find(|c| c.what == "respondent" && c.field == "name" && c.new.is_none())
        .expect("the removal is logged");
    assert_eq!(removal.old.as_deref(), Some("Budi"));
    assert_eq!(removal.login, login);
    // An admin may write agreed levels and targets (the workshop screen's corrections).
    store
        .set_agreed_answer(assessment, AgreedKind::Consensus, &s, Some(2), false)
        .unwrap();
    // Removing the assessment is recorded in the database-level log.
    store.delete_assessment(assessment).unwrap();
    let deleted = store.deletions().unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].region, "Kota Jaga");
    assert_eq!(deleted[0].login, login);
    // No walker declared: no restriction (a library caller).
    let fw2 = framework();
    let id = store
        .create_assessment(&fw2, &new_assessment(&fw2, "Kota Bebas"))
        .unwrap();
    store.set_writer(None).unwrap();
    let r = store.load_record(id).unwrap().respondents[0].id;
    store.upsert_answer(r, &slot(&fw2), Some(2), false).unwrap();
    assert_eq!(store.writer().unwrap(), None);
}

#[test]
fn only_the_workshop_removes_a_respondent_but_anyone_may_remove_an_assessment() {
    let Two {
        mut store,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    let s = slot(&fw);
    store
        .set_agreed_answer(assessment, AgreedKind::Consensus, &s, Some(2), false)
        .unwrap();
    let before = log_len(&store, assessment);
    for walker in [Writer::Respondent(ani), Writer::Consensus, Writer::Verified] {
        store.set_writer(Some(walker)).unwrap();
        let e = store.delete_respondent(assessment, budi).unwrap_err();
        let m = refused_message(&e, Lang::Id);
        assert!(
            m.contains(&format!(
                "responden {budi} (Budi) hanya dapat dihapus dari layar lokakarya (tab Profil)"
            )),
            "{m}"
        );
    }
    assert_eq!(store.load_record(assessment).unwrap().respondents.len(), 2);
    assert_eq!(level(&store, assessment, budi, &s), Some(2));
    assert_eq!(log_len(&store, assessment), before);
    // The list's `d` right after Ani's walk: the assessment goes with all its answers
    // and levels (the cascade), and the deletion is logged with the login.
    store.set_writer(Some(Writer::Respondent(ani))).unwrap();
    store.delete_assessment(assessment).unwrap();
    assert!(store.assessment_ids().unwrap().is_empty());
    let deleted = store.deletions().unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].region, "Kota Jaga");
    assert_eq!(deleted[0].login, store.login().name);
}

#[test]
fn the_walker_belongs_to_one_connection() {
    // Two processes on one file: each declares its own walker, and one's does not bind
    // the other (the table and triggers are TEMP, per connection).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let fw = framework();
    let mut first = Store::open(&db).unwrap();
    let assessment = first.create_assessment(&fw, &new_assessment(&fw, "Kota Dua")).unwrap();
    let ani = first.load_record(assessment).unwrap().respondents[0].id;
    let budi = first
        .add_respondent(assessment, "Budi", pmk3i::actor::Actor::Business, "")
        .unwrap();
    let s = slot(&fw);
    first.set_writer(Some(Writer::Respondent(ani))).unwrap();
    let mut second = Store::open(&db).unwrap();
    assert_eq!(second.writer().unwrap(), None);
    second.set_writer(Some(Writer::Respondent(budi))).unwrap();
    second.upsert_answer(budi, &s, Some(4), false).unwrap();
    let e = second.upsert_answer(ani, &s, Some(4), false).unwrap_err();
    refused_message(&e, Lang::Id);
    first.upsert_answer(ani, &s, Some(1), false).unwrap();
    assert!(first.upsert_answer(budi, &s, Some(0), false).is_err());
    assert_eq!(level(&first, assessment, ani, &s), Some(1));
    assert_eq!(level(&first, assessment, budi, &s), Some(4));
    // Reopened, a store has no walker until it declares one.
    drop(first);
    assert_eq!(Store::open(&db).unwrap().writer().unwrap(), None);
}

// ---- Each path ----

use pmk3i::app::recovery::{Change, RecoveryFile, apply_file};
use pmk3i::store::Change as Logged;

/// The log rows of answers (what = answer), as (respondent name, field, new value).
fn answer_rows(store: &Store, assessment: i64) -> Vec<(String, String, Option<String>)> {
    store
        .history(assessment, None, None)
        .unwrap()
        .into_iter()
        .filter(|c: &Logged| c.what == "answer")
        .map(|c| (c.respondent.unwrap_or_default(), c.field, c.new))
        .collect()
}

#[test]
fn the_tui_writes_each_change_as_the_walk_it_was_made_in() {
    use pmk3i::app::{App, Event};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let Two {
        store,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    let s = slot(&fw);
    let mut app = App::new(store, vec![fw], Lang::Id, "2026".into());
    // Before any walk, the TUI's connection writes as no walk.
    assert_eq!(app.store.writer().unwrap(), Some(Writer::Admin));
    assert!(app.store.upsert_answer(ani, &s, Some(4), false).is_err());
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    // Budi's walk (at his first unanswered indicator): level 4 is his.
    app.open_walk_as(assessment, pmk3i::assessment::Walker::Respondent(budi));
    assert!(matches!(&app.screen, pmk3i::app::Screen::Walk(w) if w.respondent_id() == Some(budi)));
    let before = answer_rows(&app.store, assessment).len();
    app.handle(key('4'));
    assert!(!app.has_pending_writes());
    assert_eq!(app.store.writer().unwrap(), Some(Writer::Respondent(budi)));
    let rows = answer_rows(&app.store, assessment);
    assert_eq!(rows.len(), before + 1);
    assert_eq!(rows[before].0, "Budi");
    assert_eq!(rows[before].2.as_deref(), Some("4"));
    // The connection the TUI writes on now refuses Ani's answers.
    let e = app.store.upsert_answer(ani, &s, Some(4), false).unwrap_err();
    refused_message(&e, Lang::Id);
    assert_eq!(level(&app.store, assessment, ani, &s), Some(1));
    assert_eq!(answer_rows(&app.store, assessment).len(), before + 1);
    // The consensus walk writes the agreed level and no answer.
    app.open_walk_as(assessment, pmk3i::assessment::Walker::Consensus);
    app.handle(key('2'));
    assert!(!app.has_pending_writes());
    assert_eq!(app.store.writer().unwrap(), Some(Writer::Consensus));
    assert_eq!(answer_rows(&app.store, assessment).len(), before + 1);
    assert!(app.store.upsert_answer(budi, &s, Some(0), false).is_err());
}

#[test]
fn plain_mode_writes_only_the_walked_respondents_answers() {
    let Two {
        mut store,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    let frameworks = [fw];
    let mut out = Vec::new();
    // Assessment 1, answering as Budi (2): his first unanswered question gets 3, then quit.
    pmk3i::plain::Plain::new(
        &mut store,
        &frameworks,
        Lang::Id,
        "2026".into(),
        "1\n2\n3\nq\n".as_bytes(),
        &mut out,
    )
    .run()
    .unwrap();
    let screen = String::from_utf8(out).unwrap();
    assert!(screen.contains("Menjawab sebagai Budi"), "{screen}");
    assert!(screen.contains("Tersimpan ✓"), "{screen}");
    let a = store.load_record(assessment).unwrap();
    let ani_row = a.respondents.iter().find(|r| r.id == ani).unwrap();
    let budi_row = a.respondents.iter().find(|r| r.id == budi).unwrap();
    assert_eq!(budi_row.answers.len(), 2);
    assert_eq!(ani_row.answers.len(), 1);
    assert_eq!(ani_row.answers[0].level, Some(1));
    let rows = answer_rows(&store, assessment);
    assert_eq!(
        rows.last().cloned(),
        Some(("Budi".to_string(), "level".to_string(), Some("3".to_string())))
    );
    // The session's connection is bound to Budi's walk.
    assert_eq!(store.writer().unwrap(), Some(Writer::Respondent(budi)));
    let s = slot(&frameworks[0]);
    let log = log_len(&store, assessment);
    let e = store.upsert_answer(ani, &s, Some(4), false).unwrap_err();
    refused_message(&e, Lang::En);
    assert_eq!(level(&store, assessment, ani, &s), Some(1));
    assert_eq!(log_len(&store, assessment), log);
}

fn recovery(saved_at: Option<i64>, changes: Vec<Change>) -> RecoveryFile {
    RecoveryFile {
        pmk3i_recovery: 1,
        database: ":memory:".into(),
        saved_at,
        changes,
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

const NO_WAIT: std::time::Duration = std::time::Duration::from_millis(0);

#[test]
fn a_recovery_file_writes_each_answer_as_its_respondents_walk() {
    let Two {
        mut store,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    let s = slot(&fw);
    let file = recovery(
        Some(now() + 5),
        vec![
            Change::Answer {
                respondent: ani,
                slot: s.clone(),
                level: Some(3),
                na: false,
            },
            Change::Answer {
                respondent: budi,
                slot: s.clone(),
                level: Some(0),
                na: false,
            },
        ],
    );
    let (left, error) = apply_file(&mut store, file, NO_WAIT);
    assert!(left.is_empty() && error.is_none(), "{error:?}");
    assert_eq!(level(&store, assessment, ani, &s), Some(3));
    assert_eq!(level(&store, assessment, budi, &s), Some(0));
    // Each written as its own respondent's walk: the last one's walker is in force.
    assert_eq!(store.writer().unwrap(), Some(Writer::Respondent(budi)));
    let rows = answer_rows(&store, assessment);
    let n = rows.len();
    assert_eq!(
        rows[n - 2..].to_vec(),
        vec![
            ("Ani".to_string(), "level".to_string(), Some("3".to_string())),
            ("Budi".to_string(), "level".to_string(), Some("0".to_string())),
        ]
    );
}

#[test]
fn a_stale_or_tampered_recovery_file_is_refused_whole_and_writes_nothing() {
    let Two {
        mut store,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    let s = slot(&fw);
    let answer = |respondent, level| Change::Answer {
        respondent,
        slot: s.clone(),
        level: Some(level),
        na: false,
    };
    let other = store.create_assessment(&fw, &new_assessment(&fw, "Kota Lain")).unwrap();
    let log_before = log_len(&store, assessment);
    let check = |store: &mut Store, file: RecoveryFile, id: &str, en: &str| {
        let n = file.changes.len();
        let (left, error) = apply_file(store, file, NO_WAIT);
        assert_eq!(left.len(), n, "every change kept");
        let e = error.expect("refused");
        let (mid, men) = (e.message(Lang::Id), e.message(Lang::En));
        assert!(mid.starts_with("berkas pemulihan ditolak: \""), "{mid}");
        assert!(
            mid.ends_with("; tidak ada yang diterapkan. Buang berkas itu (h) bila perubahannya tidak berlaku lagi"),
            "{mid}"
        );
        assert!(men.starts_with("the recovery file was refused: \""), "{men}");
        assert!(mid.contains(id), "{mid}");
        assert!(men.contains(en), "{men}");
    };
    // 1. Written an hour before this assessment and its respondents were added: the
    //    numbers it names cannot be the ones meant.
    check(
        &mut store,
        recovery(Some(now() - 3600), vec![answer(ani, 4), answer(budi, 4)]),
        &format!(
            "jawaban {}: 4\" menyebut responden {ani}, tetapi nomor itu kini milik responden (atau penilaian) yang ditambahkan setelah berkas ditulis",
            s.indicator
        ),
        "added after the file was written",
    );
    // 2. A respondent removed since: the whole file is refused, Ani's change too.
    store.set_writer(Some(Writer::Admin)).unwrap();
    store.delete_respondent(assessment, budi).unwrap();
    let log_after_removal = log_len(&store, assessment);
    assert!(log_after_removal > log_before);
    check(
        &mut store,
        recovery(Some(now() + 5), vec![answer(ani, 4), answer(budi, 4)]),
        &format!("menyebut responden {budi}, yang tidak ada lagi"),
        &format!("names respondent {budi}, who no longer exists"),
    );
    // 3. A respondent named with another assessment than their own.
    check(
        &mut store,
        recovery(
            None,
            vec![Change::RemoveRespondent {
                assessment: other,
                respondent: ani,
            }],
        ),
        &format!(
            "menyebut responden {ani} dari penilaian {other}, padahal responden {ani} milik penilaian {assessment}"
        ),
        &format!("belongs to assessment {assessment}"),
    );
    // 4. An assessment that no longer exists.
    check(
        &mut store,
        recovery(
            None,
            vec![
                answer(ani, 4),
                Change::Status {
                    assessment: 999,
                    status: "complete".into(),
                },
            ],
        ),
        "menyebut penilaian 999, yang tidak ada lagi",
        "names assessment 999, which no longer exists",
    );
    // Nothing was written by any of them.
    assert_eq!(level(&store, assessment, ani, &s), Some(1));
    assert_eq!(log_len(&store, assessment), log_after_removal);
    assert_eq!(store.load_record(assessment).unwrap().respondents.len(), 1);
}

#[test]
fn an_import_merge_changes_only_the_matched_respondents_answers() {
    use pmk3i::exchange::{Duplicate, ImportOutcome, export_json, import_file};
    use pmk3i::merge::Prefer;
    let Two {
        store: mut office,
        fw,
        assessment,
        ani,
        budi,
    } = two();
    // The laptop: a copy of the office's assessment, where Ani answers one more indicator.
    let json = export_json(&office, assessment).unwrap();
    let mut laptop = Store::open_in_memory().unwrap();
    let Ok(ImportOutcome::Created(copy)) = import_file(
        &mut laptop,
        "a.json",
        json.as_bytes(),
        Duplicate::Refuse,
        Prefer::Refuse,
    ) else {
        panic!("imported");
    };
    let pillar = fw
        .framework
        .pillars
        .iter()
        .find(|p| p.scope == pmk3i::framework::Scope::Region)
        .unwrap();
    let second = SlotKey::new(&pillar.indicators[1].id, None);
    let laptop_ani = laptop
        .load_record(copy)
        .unwrap()
        .respondents
        .iter()
        .find(|r| r.name == "Ani")
        .unwrap()
        .id;
    laptop.set_writer(Some(Writer::Respondent(laptop_ani))).unwrap();
    laptop.upsert_answer(laptop_ani, &second, Some(4), false).unwrap();
    let back = export_json(&laptop, copy).unwrap();
    // Merged into the office's: Ani gets the new answer, Budi keeps his one answer.
    let log_before = answer_rows(&office, assessment).len();
    let outcome = import_file(
        &mut office,
        "b.json",
        back.as_bytes(),
        Duplicate::Refuse,
        Prefer::Refuse,
    )
    .unwrap();
    assert!(matches!(outcome, ImportOutcome::Merged { assessment: a, .. } if a == assessment));
    assert_eq!(office.writer().unwrap(), Some(Writer::Merge(assessment)));
    assert_eq!(level(&office, assessment, ani, &second), Some(4));
    assert_eq!(level(&office, assessment, budi, &second), None);
    assert_eq!(level(&office, assessment, budi, &slot(&fw)), Some(2));
    let rows = answer_rows(&office, assessment);
    assert_eq!(
        rows[log_before..].to_vec(),
        vec![("Ani".to_string(), "level".to_string(), Some("4".to_string()))]
    );
    // A merge's connection writes nothing of another assessment.
    office.set_writer(None).unwrap();
    let other = office
        .create_assessment(&fw, &new_assessment(&fw, "Kota Lain"))
        .unwrap();
    let stranger = office.load_record(other).unwrap().respondents[0].id;
    office.set_writer(Some(Writer::Merge(assessment))).unwrap();
    let e = office.upsert_answer(stranger, &second, Some(1), false).unwrap_err();
    let m = refused_message(&e, Lang::Id);
    assert!(
        m.contains(&format!("bukan dari impor yang digabung ke penilaian {assessment}")),
        "{m}"
    );
    let e = office
        .set_agreed_answer(other, AgreedKind::Consensus, &second, Some(1), false)
        .unwrap_err();
    refused_message(&e, Lang::Id);
    assert_eq!(level(&office, other, stranger, &second), None);
    assert!(answer_rows(&office, other).is_empty());
}

#[test]
fn the_cli_writes_as_no_walk_and_refuses_answers() {
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let fw = framework();
    let (assessment, ani) = {
        let mut store = Store::open(&db).unwrap();
        let id = store
            .create_assessment(&fw, &new_assessment(&fw, "Kota Perintah"))
            .unwrap();
        (id, store.load_record(id).unwrap().respondents[0].id)
    };
    let cli = pmk3i::cli::Cli::try_parse_from(["pmk3i", "--db", db.to_str().unwrap(), "list"]).unwrap();
    let mut store = cli.open_store().unwrap();
    assert_eq!(store.writer().unwrap(), Some(Writer::Admin));
    let s = slot(&fw);
    let e = store.upsert_answer(ani, &s, Some(3), false).unwrap_err();
    let m = refused_message(&e, Lang::En);
    assert!(m.contains("the workshop screen, results, list or a CLI command"), "{m}");
    assert_eq!(level(&store, assessment, ani, &s), None);
    assert!(answer_rows(&store, assessment).is_empty());
}
