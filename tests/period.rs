//! Year two: "new period from this one" copies the profile, the candidates and (on
//! request) the respondent list, never an answer; the walk shows last period's level
//! and target beside the question as reference.

mod common;

use common::fw::{bundled, bundled_pmk3i};
use common::tui::{ch, key, screen};
use pmk3i::app::Event;
use pmk3i::app::{App, Screen, next_period};
use pmk3i::assessment::Region;
use pmk3i::framework::LoadedFramework;
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn frameworks() -> Vec<LoadedFramework> {
    bundled()
}

/// Kota Kediri 2026 on the bundled framework: two respondents; the first indicator
/// answered 1 (A) and 3 (G), so the region's level is 2; its target 3.
fn year_one(path: &std::path::Path) -> (i64, SlotKey) {
    let fw = bundled_pmk3i();
    let first = &fw.framework.pillars[0];
    let slot = pmk3i::scoring::slot_for(first, 0, Some("kuliner")).unwrap();
    let mut store = Store::open(path).unwrap();
    let id = store
        .create_assessment(
            &fw,
            &NewAssessment {
                region: Region {
                    name: "Kediri".into(),
                    kind: pmk3i::assessment::RegionKind::Kota,
                    province: "Jawa Timur".into(),
                },
                period: "2026".into(),
                candidates: vec!["kuliner".into(), "kriya".into()],
                respondent_name: "Siti".into(),
                respondent_organisation: "Dinas".into(),
                respondent_actor: pmk3i::actor::Actor::Government,
            },
        )
        .unwrap();
    let siti = store.load(id).unwrap().0.respondents[0].id;
    let budi = store
        .add_respondent(id, "Budi", pmk3i::actor::Actor::Academia, "Kampus")
        .unwrap();
    store.upsert_answer(siti, &slot, Some(3), false).unwrap();
    store.upsert_answer(budi, &slot, Some(1), false).unwrap();
    store.set_target(id, &slot, Some(3)).unwrap();
    (id, slot)
}

#[test]
fn the_next_period_is_a_year_later() {
    assert_eq!(next_period("2026").as_deref(), Some("2027"));
    assert_eq!(next_period("2026-S1").as_deref(), Some("2027-S1"));
    assert_eq!(next_period("2025/2026").as_deref(), Some("2026/2027"));
    assert_eq!(next_period("semester satu"), None);
    assert_eq!(next_period("120261"), None);
}

#[test]
fn y_starts_next_year_with_the_respondents_and_the_walk_shows_last_year() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (first, slot) = year_one(&path);
    let mut app = App::new(Store::open(&path).unwrap(), bundled(), Lang::Id, "2027".into());
    ch(&mut app, 'Y');
    let Screen::Walk(walk) = &app.screen else {
        panic!("Y opens the new period's walk");
    };
    assert_eq!(walk.assessment.period, "2027");
    assert_eq!(walk.assessment.region.name, "Kediri");
    assert_eq!(
        walk.assessment.candidates,
        vec!["kuliner".to_string(), "kriya".to_string()]
    );
    let names: Vec<(&str, &str, &str)> = walk
        .assessment
        .respondents
        .iter()
        .map(|r| (r.name.as_str(), r.actor.as_str(), r.organisation.as_str()))
        .collect();
    assert_eq!(names, vec![("Siti", "G", "Dinas"), ("Budi", "A", "Kampus")]);
    assert!(
        walk.assessment.respondents.iter().all(|r| r.answers.is_empty()),
        "no answer is copied"
    );
    assert!(walk.assessment.targets.is_empty());
    assert_eq!(
        walk.slot(),
        Some(slot.clone()),
        "the walk starts at the first indicator"
    );
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("Periode 2026: tingkat 2 · target 3 (acuan, bukan jawaban)"),
        "{shown}"
    );
    let store = Store::open(&path).unwrap();
    let new = walk.assessment.id;
    assert_eq!(store.previous_of(new).unwrap(), Some(first));
    // The same period again is refused.
    let fw = bundled_pmk3i();
    let mut store = store;
    let err = store.new_period(first, &fw, "2027", false).unwrap_err();
    assert!(
        err.message(Lang::En).contains("already has an assessment for 2027"),
        "{err}"
    );
}

#[test]
fn pmk3i_new_period_without_respondents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (first, _) = year_one(&path);
    let out = assert_cmd::Command::cargo_bin("pmk3i")
        .unwrap()
        .arg("--db")
        .arg(&path)
        .args(["--lang", "en", "new-period", &first.to_string(), "--period", "2027"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Period 2027 created as assessment 2 from assessment 1 (pmk3i"),
        "{stdout}"
    );
    assert!(stdout.contains("0 respondent(s) copied"), "{stdout}");
    let again = assert_cmd::Command::cargo_bin("pmk3i")
        .unwrap()
        .arg("--db")
        .arg(&path)
        .args(["new-period", &first.to_string(), "--period", "2027"])
        .env_remove("PMK3I_LANG")
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("sudah punya penilaian periode 2027"));
}

#[test]
fn m_compares_a_period_with_the_one_it_started_from() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (first, slot) = year_one(&path);
    {
        let fw = bundled_pmk3i();
        let mut store = Store::open(&path).unwrap();
        let second = store.new_period(first, &fw, "2027", true).unwrap();
        // Both respondents now at 4: the region's level rose from 2 to 4, reaching the target 3.
        for r in store.load(second).unwrap().0.respondents {
            store.upsert_answer(r.id, &slot, Some(4), false).unwrap();
        }
    }
    let mut app = App::new(Store::open(&path).unwrap(), bundled(), Lang::Id, "2027".into());
    // The list is newest first: 2027 is selected.
    ch(&mut app, 'm');
    let Screen::Compare(state) = &app.screen else {
        panic!("m opens the comparison");
    };
    assert_eq!(
        (
            state.comparison.before.period.as_str(),
            state.comparison.after.period.as_str()
        ),
        ("2026", "2027")
    );
    assert_eq!(state.comparison.rose.len(), 1);
    assert_eq!(
        (state.comparison.rose[0].before, state.comparison.rose[0].after),
        (2.0, 4.0)
    );
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("Kota Kediri · 2026"), "{shown}");
    assert!(
        shown.contains(&format!("{} (kuliner) ≥ 3: tercapai", slot.indicator)),
        "{shown}"
    );
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Start(_)));
}

/// Year one with two commitments in its berita acara (the first linked to `slot`),
/// then year two (2027) started from it; returns (2026, 2027, slot).
fn two_years_with_commitments(path: &std::path::Path) -> (i64, i64, SlotKey) {
    use pmk3i::workshop::{Commitment, LinkedIndicator};
    let (first, slot) = year_one(path);
    let fw = frameworks().into_iter().find(|f| f.framework.id == "pmk3i").unwrap();
    let mut store = Store::open(path).unwrap();
    store
        .set_commitments(
            first,
            &[
                Commitment {
                    text: "Festival kuliner tahunan".into(),
                    actor: Some(pmk3i::actor::Actor::Government),
                    organisation: "Dinas Pariwisata".into(),
                    deadline: "2026-12".into(),
                    indicators: vec![LinkedIndicator {
                        indicator: slot.indicator.clone(),
                        subsector: slot.subsector.clone(),
                    }],
                },
                Commitment {
                    text: "Pelatihan kemasan".into(),
                    actor: Some(pmk3i::actor::Actor::Business),
                    organisation: String::new(),
                    deadline: String::new(),
                    indicators: vec![],
                },
            ],
        )
        .unwrap();
    let second = store.new_period(first, &fw, "2027", true).unwrap();
    (first, second, slot)
}

fn pmk3i(path: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("pmk3i")
        .unwrap()
        .arg("--db")
        .arg(path)
        .args(args)
        .env_remove("PMK3I_LANG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn pmk3i_followup_records_the_previous_commitments_and_compare_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (first, second, slot) = two_years_with_commitments(&path);
    let (a, b) = (first.to_string(), second.to_string());

    let (code, out, err) = pmk3i(&path, &["followup", &b, "list"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "Komitmen penilaian {first} (periode lalu), tindak lanjut di penilaian {second}:\n\
             1. Festival kuliner tahunan · tenggat 2026-12\n   belum dicatat\n\
             2. Pelatihan kemasan\n   belum dicatat\n"
        )
    );

    let (code, out, err) = pmk3i(
        &path,
        &[
            "followup",
            &b,
            "set",
            "1",
            "--status",
            "selesai",
            "--date",
            "2027-03-01",
            "--note",
            "Digelar Maret",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("Komitmen 1: selesai dicatat di penilaian {second}.\n"));
    let (code, _, err) = pmk3i(
        &path,
        &[
            "--lang",
            "en",
            "followup",
            &b,
            "set",
            "2",
            "--status",
            "in-progress",
            "--date",
            "2027-04-10",
        ],
    );
    assert_eq!(code, 0, "{err}");

    // Refused, each saying what to do, nothing written.
    let (code, _, err) = pmk3i(&path, &["followup", &b, "set", "3", "--status", "selesai"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("komitmen nomor 3 tidak ada; berita acara periode lalu memuat 2 komitmen"),
        "{err}"
    );
    let (code, _, err) = pmk3i(&path, &["followup", &b, "set", "1", "--status", "hampir"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--status \"hampir\" tidak dikenal; pilih selesai, berjalan atau belum-mulai"),
        "{err}"
    );
    let (code, _, err) = pmk3i(
        &path,
        &[
            "--lang",
            "en",
            "followup",
            &b,
            "set",
            "1",
            "--status",
            "done",
            "--date",
            "2027-02-30",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("the date \"2027-02-30\" is not readable; write YYYY-MM-DD"),
        "{err}"
    );
    let (code, _, err) = pmk3i(&path, &["--lang", "en", "followup", &a, "list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("assessment {first} was not started from an earlier period")),
        "{err}"
    );

    // Markdown, both languages.
    let (code, md, err) = pmk3i(&path, &["compare", &a, &b]);
    assert_eq!(code, 0, "{err}");
    let ind = pmk3i::report::escape_markdown(&slot.indicator);
    assert!(
        md.contains(&format!(
            "1. Festival kuliner tahunan (G, Dinas Pariwisata) · tenggat 2026-12 · {ind} (kuliner): 2 → — · tindak lanjut: selesai (2027-03-01) — Digelar Maret\n"
        )),
        "{md}"
    );
    assert!(
        md.contains("2. Pelatihan kemasan (B) · tindak lanjut: berjalan (2027-04-10)\n"),
        "{md}"
    );
    let (_, md_en, _) = pmk3i(&path, &["--lang", "en", "compare", &a, &b]);
    assert!(
        md_en.contains("· follow-up: done (2027-03-01) — Digelar Maret"),
        "{md_en}"
    );
    assert!(
        md_en.contains("2. Pelatihan kemasan (B) · follow-up: in progress (2027-04-10)"),
        "{md_en}"
    );

    // CSV: one row per commitment with the stored status.
    let (_, csv, _) = pmk3i(&path, &["compare", &a, &b, "--format", "csv"]);
    assert!(
        csv.contains("record,item,subsector,before,after,change,note,status,status_date,status_note\r\n")
            || csv.contains("record,item,subsector,before,after,change,note,status,status_date,status_note\n"),
        "{csv}"
    );
    assert!(
        csv.contains("commitment,1,,,,,Festival kuliner tahunan,done,2027-03-01,Digelar Maret"),
        "{csv}"
    );
    assert!(
        csv.contains("commitment,2,,,,,Pelatihan kemasan,in_progress,2027-04-10,"),
        "{csv}"
    );

    // JSON and HTML.
    let (_, json, _) = pmk3i(&path, &["compare", &a, &b, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["follows_up"], true);
    assert_eq!(v["commitments"][0]["followup"]["status"], "done");
    assert_eq!(v["commitments"][0]["followup"]["note"], "Digelar Maret");
    assert_eq!(v["commitments"][1]["status"], "berjalan");
    let (_, html, _) = pmk3i(&path, &["compare", &a, &b, "--format", "html"]);
    assert!(
        html.contains("tindak lanjut: selesai (2027-03-01) — Digelar Maret"),
        "{html}"
    );

    // The change log records it, with the commitment as the item.
    let store = Store::open(&path).unwrap();
    let log = store.history(second, None, None).unwrap();
    assert!(
        log.iter().any(|c| c.what == "commitment_followup"
            && c.item.as_deref() == Some("Festival kuliner tahunan")
            && c.field == "status"
            && c.new.as_deref() == Some("done")),
        "{log:?}"
    );
    drop(store);

    // Cleared: "belum dicatat" again, in the list and in compare.
    let (code, _, err) = pmk3i(&path, &["followup", &b, "clear", "1"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = pmk3i(&path, &["followup", &b]);
    assert!(
        out.contains("1. Festival kuliner tahunan · tenggat 2026-12\n   belum dicatat\n"),
        "{out}"
    );
    assert!(
        out.contains("2. Pelatihan kemasan\n   berjalan (2027-04-10)\n"),
        "{out}"
    );
    let (_, md, _) = pmk3i(&path, &["compare", &a, &b]);
    assert!(md.contains("— · tindak lanjut: belum dicatat\n"), "{md}");
}

#[test]
fn the_compare_screen_records_follow_ups_with_t_d_e_and_del() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (_, second, _) = two_years_with_commitments(&path);
    let key = |c: KeyCode| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let mut app = App::new(Store::open(&path).unwrap(), frameworks(), Lang::Id, "2027".into());
    app.handle(key(KeyCode::Char('m')));
    assert!(matches!(app.screen, Screen::Compare(_)));
    // The first commitment is selected: t twice → berjalan; e types a note.
    app.handle(key(KeyCode::Char('t')));
    app.handle(key(KeyCode::Char('t')));
    app.handle(key(KeyCode::Char('e')));
    for c in "Panitia dibentuk".chars() {
        app.handle(key(KeyCode::Char(c)));
    }
    app.handle(key(KeyCode::Enter));
    // d: a wrong date is refused on screen, then corrected.
    app.handle(key(KeyCode::Char('d')));
    app.handle(Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    for c in "2027-02-30".chars() {
        app.handle(key(KeyCode::Char(c)));
    }
    app.handle(key(KeyCode::Enter));
    {
        let Screen::Compare(state) = &app.screen else { panic!() };
        assert_eq!(
            state.error.as_deref(),
            Some("Tanggal \"2027-02-30\" tidak terbaca; tulis TTTT-BB-HH, mis. 2027-03-15.")
        );
    }
    app.handle(key(KeyCode::Backspace));
    app.handle(key(KeyCode::Backspace));
    app.handle(key(KeyCode::Char('1')));
    app.handle(key(KeyCode::Char('5')));
    app.handle(key(KeyCode::Enter));
    // Tab: the second commitment; t → belum mulai, then Del clears it again.
    app.handle(key(KeyCode::Tab));
    app.handle(key(KeyCode::Char('t')));
    {
        let store = Store::open(&path).unwrap();
        let f = store.followups(second).unwrap();
        let got: Vec<(usize, &str, &str, &str, &str)> = f
            .iter()
            .map(|f| {
                (
                    f.position,
                    f.commitment.as_str(),
                    f.status.as_str(),
                    f.date.as_str(),
                    f.note.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got[0],
            (
                1,
                "Festival kuliner tahunan",
                "in_progress",
                "2027-02-15",
                "Panitia dibentuk"
            )
        );
        assert_eq!((got[1].0, got[1].1, got[1].2), (2, "Pelatihan kemasan", "not_started"));
        assert_eq!(got.len(), 2);
    }
    app.handle(key(KeyCode::Delete));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.followups(second).unwrap().len(), 1);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| pmk3i::ui::draw(&app, f, pmk3i::ui::theme::Theme { color: false }))
        .unwrap();
    let shown = terminal.backend().to_string();
    assert!(
        shown.contains("     tindak lanjut: berjalan (2027-02-15) — Panitia dibentuk"),
        "{shown}"
    );
    assert!(
        shown.contains("▶ 2. Pelatihan kemasan (B)   ") && shown.contains("     tindak lanjut: belum dicatat"),
        "{shown}"
    );
}

#[test]
fn the_walk_shows_the_commitments_linked_to_the_indicator_with_their_follow_up() {
    use pmk3i::store::followup::{FollowUpEntry, FollowUpStatus};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (_, second, _) = two_years_with_commitments(&path);
    let mut app = App::new(Store::open(&path).unwrap(), frameworks(), Lang::Id, "2027".into());
    app.open_walk(second, None);
    let draw = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(150, 32)).unwrap();
        terminal
            .draw(|f| pmk3i::ui::draw(app, f, pmk3i::ui::theme::Theme { color: false }))
            .unwrap();
        terminal.backend().to_string()
    };
    let shown = draw(&app);
    assert!(
        shown.contains("Periode 2026: tingkat 2 · target 3 (acuan, bukan jawaban)"),
        "{shown}"
    );
    assert!(
        shown.contains("Komitmen 2026 #1: Festival kuliner tahunan (tenggat 2026-12) · belum dicatat"),
        "{shown}"
    );
    assert!(
        !shown.contains("Pelatihan kemasan"),
        "not linked to this indicator: {shown}"
    );

    // Recorded: the walk opened again shows the status, in English too.
    let mut store = Store::open(&path).unwrap();
    let entry = FollowUpEntry {
        status: FollowUpStatus::Done,
        date: "2027-03-01".into(),
        note: "Digelar Maret".into(),
    };
    store.set_followup(second, 1, Some(&entry)).unwrap();
    let mut app = App::new(Store::open(&path).unwrap(), frameworks(), Lang::En, "2027".into());
    app.open_walk(second, None);
    let shown = draw(&app);
    assert!(
        shown.contains("2026 commitment #1: Festival kuliner tahunan (due 2026-12) · done (2027-03-01)"),
        "{shown}"
    );

    // Plain mode: the same lines under the question.
    let frameworks = frameworks();
    let mut out = Vec::new();
    pmk3i::plain::Plain::new(
        &mut store,
        &frameworks,
        Lang::Id,
        "2027".into(),
        "1\n1\nq\nq\n".as_bytes(),
        &mut out,
    )
    .run()
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("Periode 2026: tingkat 2 · target 3 (acuan, bukan jawaban)\n"),
        "{text}"
    );
    assert!(
        text.contains("Komitmen 2026 #1: Festival kuliner tahunan (tenggat 2026-12) · selesai (2027-03-01)\n"),
        "{text}"
    );
}

#[test]
fn a_follow_up_the_database_did_not_take_survives_in_the_recovery_file() {
    use pmk3i::app::recovery::{Change, apply_within, read_recovery, save_recovery};
    use pmk3i::store::followup::{FollowUpEntry, FollowUpStatus};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (_, second, _) = two_years_with_commitments(&path);
    let change = Change::FollowUp {
        assessment: second,
        position: 2,
        entry: Some(FollowUpEntry {
            status: FollowUpStatus::InProgress,
            date: "2027-06-01".into(),
            note: "Modul disusun".into(),
        }),
    };
    assert_eq!(change.describe(Lang::Id), "tindak lanjut komitmen 2: berjalan");
    save_recovery(&path, std::slice::from_ref(&change)).unwrap();
    let back = read_recovery(&path).unwrap().unwrap().changes;
    assert_eq!(back, vec![change]);
    let mut store = Store::open(&path).unwrap();
    let (left, error) = apply_within(&mut store, back, std::time::Duration::from_millis(10));
    assert!(left.is_empty() && error.is_none(), "{error:?}");
    let (_, list) = store.followup_list(second).unwrap();
    type Shown = (String, Option<(FollowUpStatus, String, String)>);
    let shown: Vec<Shown> = list
        .into_iter()
        .map(|(k, f)| (k.text, f.map(|f| (f.status, f.date, f.note))))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("Festival kuliner tahunan".to_string(), None),
            (
                "Pelatihan kemasan".to_string(),
                Some((FollowUpStatus::InProgress, "2027-06-01".into(), "Modul disusun".into()))
            ),
        ]
    );
}

#[test]
fn a_reordered_or_corrected_earlier_commitment_keeps_its_follow_up() {
    use pmk3i::store::followup::{FollowUpEntry, FollowUpStatus};
    use pmk3i::workshop::Commitment;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let (first, second, _) = two_years_with_commitments(&path);
    let mut store = Store::open(&path).unwrap();
    let done = FollowUpEntry {
        status: FollowUpStatus::Done,
        date: "2027-03-01".into(),
        note: String::new(),
    };
    store.set_followup(second, 1, Some(&done)).unwrap();
    // The earlier berita acara is edited: the two swap places and the festival's text
    // stays; then "Pelatihan kemasan" is corrected in place.
    let k = |text: &str| Commitment {
        text: text.into(),
        ..Commitment::default()
    };
    store
        .set_commitments(first, &[k("Pelatihan kemasan"), k("Festival kuliner tahunan")])
        .unwrap();
    let status = |store: &Store| -> Vec<(String, Option<FollowUpStatus>)> {
        store
            .followup_list(second)
            .unwrap()
            .1
            .into_iter()
            .map(|(k, f)| (k.text, f.map(|f| f.status)))
            .collect()
    };
    assert_eq!(
        status(&store),
        vec![
            ("Pelatihan kemasan".to_string(), None),
            ("Festival kuliner tahunan".to_string(), Some(FollowUpStatus::Done)),
        ]
    );
    // Recording number 1 now is the training's, and does not take the festival's.
    let started = FollowUpEntry {
        status: FollowUpStatus::NotStarted,
        date: "2027-03-02".into(),
        note: String::new(),
    };
    store.set_followup(second, 1, Some(&started)).unwrap();
    store
        .set_commitments(first, &[k("Pelatihan kemasan produk"), k("Festival kuliner tahunan")])
        .unwrap();
    assert_eq!(
        status(&store),
        vec![
            ("Pelatihan kemasan produk".to_string(), Some(FollowUpStatus::NotStarted)),
            ("Festival kuliner tahunan".to_string(), Some(FollowUpStatus::Done)),
        ]
    );
}
