//! Year two: "new period from this one" copies the profile, the candidates and (on
//! request) the respondent list, never an answer; the walk shows last period's level
//! and target beside the question as reference.

mod common;

use common::fw::{bundled, bundled_pmk3i};
use common::tui::{ch, key, screen};
use pmk3i::app::{App, Screen, next_period};
use pmk3i::assessment::Region;
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use ratatui::crossterm::event::KeyCode;

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
                respondent_actor: "G".into(),
            },
        )
        .unwrap();
    let siti = store.load(id).unwrap().0.respondents[0].id;
    let budi = store.add_respondent(id, "Budi", "A", "Kampus").unwrap();
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
