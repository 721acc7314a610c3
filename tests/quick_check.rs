#![allow(clippy::unwrap_used)]
//! The quick self-check (issue 15, item 1): from the list, `c` walks only the bundled
//! framework's twelve `"quick": true` indicators for one candidate — six per-subsector
//! ones (kreasi.talenta, kreasi.hki, produksi.fasilitas, distribusi.pasar,
//! konsumsi.kalender, konservasi.regenerasi) for the first candidate, and six regional
//! ones (aktor.komunitas, aktor.komite, infrastruktur.hub_kreatif, kebijakan.perda,
//! kebijakan.anggaran, kebijakan.data_pelaku). The result says it is a quick check and
//! how complete it is; `c` in the walk continues the full borang with the answers kept.

mod common;

use common::db::{create, db, stored, sukamaju};
use common::fw::{bundled, bundled_framework};
use common::tui::{app_on, ch, key, results, screen, walk};
use pmk3i::app::{Screen, Status};
use pmk3i::i18n::Lang;
use pmk3i::scoring::SlotKey;
use pmk3i::store::Store;
use ratatui::crossterm::event::KeyCode;

const QUICK_ORDER: [(&str, Option<&str>); 12] = [
    ("kreasi.talenta", Some("kuliner")),
    ("kreasi.hki", Some("kuliner")),
    ("produksi.fasilitas", Some("kuliner")),
    ("distribusi.pasar", Some("kuliner")),
    ("konsumsi.kalender", Some("kuliner")),
    ("konservasi.regenerasi", Some("kuliner")),
    ("aktor.komunitas", None),
    ("aktor.komite", None),
    ("infrastruktur.hub_kreatif", None),
    ("kebijakan.perda", None),
    ("kebijakan.anggaran", None),
    ("kebijakan.data_pelaku", None),
];

#[test]
fn a_quick_check_walks_twelve_indicators_is_labelled_and_its_answers_carry_into_the_full_borang() {
    let (_dir, path) = db();
    let id = create(&path, &bundled_framework("pmk3i"), &sukamaju(&["kuliner", "musik"]));
    let mut app = app_on(&path);

    ch(&mut app, 'c');
    let w = walk(&app);
    assert_eq!(w.quick.as_deref(), Some("kuliner"), "the first candidate");
    assert_eq!(w.total_progress(), (0, 12));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Cek cepat · Kuliner"), "{shown}");

    // Answer every quick indicator with level 2, checking the order on the way.
    for (indicator, subsector) in QUICK_ORDER {
        assert_eq!(walk(&app).slot().unwrap(), SlotKey::new(indicator, subsector));
        ch(&mut app, '2');
    }
    assert!(
        matches!(&app.status, Status::Info(m) if m.contains("cek cepat selesai")),
        "{:?}",
        app.status
    );
    let a = stored(&path, id);
    assert_eq!(a.respondents[0].answers.len(), 12, "each quick answer is committed");
    assert_eq!(a.status, "draft", "a quick check is not a complete borang");
    let last = a.last_position().expect("a position");
    assert_eq!(
        (last.walker, last.quick),
        (pmk3i::assessment::Walker::Respondent(a.respondents[0].id), true)
    );

    // The result: every answered indicator at 2 of 4 is 50.0; 12 of the 47 indicators
    // asked for Kuliner are answered, 26%.
    ch(&mut app, 'r');
    let r = results(&app);
    let quick = r.quick.as_ref().expect("labelled as a quick check");
    assert_eq!(
        (quick.candidate.as_str(), quick.answered, quick.total),
        ("kuliner", 12, 12)
    );
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Skor utama 50.0"), "{shown}");
    assert!(
        shown.contains("CEK CEPAT · Kuliner · 12/12 indikator cepat dijawab · borang lengkap 26%"),
        "{shown}"
    );

    // Back to the walk, then on to the full borang: the twelve answers stay.
    key(&mut app, KeyCode::Esc);
    assert!(walk(&app).quick.is_some());
    ch(&mut app, 'c');
    let w = walk(&app);
    assert_eq!(w.quick, None);
    // The full borang for Kuliner and Musik asks more than Kuliner's 47 alone.
    let (answered, total) = w.total_progress();
    assert_eq!(answered, 12);
    assert!(total > 47, "both candidates: {total}");
    assert_eq!(
        w.slot().unwrap(),
        SlotKey::new("kebijakan.data_pelaku", None),
        "the full walk opens where the quick one was"
    );
    assert!(w.is_answered(&SlotKey::new("kreasi.talenta", Some("kuliner"))));
    let last = stored(&path, id).last_position().cloned().expect("a position");
    assert_eq!(
        (last.walker, last.quick),
        (pmk3i::assessment::Walker::Respondent(a.respondents[0].id), false),
        "the full walk is remembered"
    );

    // A restart resumes the full walk, not the quick one.
    drop(app);
    let mut app = app_on(&path);
    key(&mut app, KeyCode::Enter);
    assert_eq!(walk(&app).quick, None);
    // Answering an indicator outside the quick subset makes it a borang in progress.
    ch(&mut app, 'g');
    let slot = walk(&app).slot().unwrap();
    assert!(!QUICK_ORDER.iter().any(|(i, s)| SlotKey::new(i, *s) == slot));
    ch(&mut app, '3');
    ch(&mut app, 'r');
    assert_eq!(results(&app).quick, None);
    assert!(!screen(&app, 80, 24).contains("CEK CEPAT"));
}

#[test]
fn a_quick_check_resumes_in_quick_mode_and_uses_the_chosen_flagship() {
    let (_dir, path) = db();
    let id = create(&path, &bundled_framework("pmk3i"), &sukamaju(&["kuliner", "musik"]));
    Store::open(&path).unwrap().set_flagship(id, Some("musik")).unwrap();
    let mut app = app_on(&path);
    ch(&mut app, 'c');
    assert_eq!(walk(&app).quick.as_deref(), Some("musik"));
    assert_eq!(
        walk(&app).slot().unwrap(),
        SlotKey::new("kreasi.talenta", Some("musik"))
    );
    ch(&mut app, '1');
    ch(&mut app, '1');
    drop(app);

    let mut app = app_on(&path);
    key(&mut app, KeyCode::Enter);
    let w = walk(&app);
    assert_eq!(w.quick.as_deref(), Some("musik"), "Enter resumes the quick check");
    assert_eq!(w.slot().unwrap(), SlotKey::new("produksi.fasilitas", Some("musik")));
    assert_eq!(w.total_progress(), (2, 12));
}

#[test]
fn a_framework_without_quick_indicators_offers_no_quick_check() {
    let (_dir, path) = db();
    create(&path, &bundled_framework("uccn-readiness"), &sukamaju(&["gastronomy"]));
    let mut app = app_on(&path);
    ch(&mut app, 'c');
    assert!(matches!(app.screen, Screen::Start(_)), "stays on the list");
    assert!(
        matches!(&app.status, Status::Info(m) if m.contains("tidak menandai indikator cek cepat")),
        "{:?}",
        app.status
    );
}

#[test]
fn plain_mode_offers_the_quick_check_as_c_and_a_number() {
    let (_dir, path) = db();
    let id = create(&path, &bundled_framework("pmk3i"), &sukamaju(&["kuliner", "musik"]));
    let mut store = Store::open(&path).unwrap();
    let frameworks = bundled();
    let typed = "c1\n2\n2\n2\n2\n2\n2\n2\n2\n2\n2\n2\n2\nq\n";
    let mut out = Vec::new();
    pmk3i::plain::Plain::new(
        &mut store,
        &frameworks,
        Lang::Id,
        "2026".into(),
        typed.as_bytes(),
        &mut out,
    )
    .run()
    .unwrap();
    let shown = String::from_utf8(out).unwrap();
    assert!(shown.contains("c dan nomor: cek cepat"), "{shown}");
    assert!(
        shown.contains("Cek cepat Kuliner: 12 pertanyaan, sekitar 10 menit."),
        "{shown}"
    );
    // Twelve answers at 2 of 4: every scored pillar 50.0; 12 of Kuliner's 47 is 26%.
    assert!(
        shown.contains("CEK CEPAT · Kuliner · 12/12 indikator cepat dijawab · borang lengkap 26%"),
        "{shown}"
    );
    let a = stored(&path, id);
    assert_eq!(a.respondents[0].answers.len(), 12);
    let answered: Vec<SlotKey> = a.respondents[0].answers.iter().map(|x| x.slot()).collect();
    for (indicator, subsector) in QUICK_ORDER {
        assert!(answered.contains(&SlotKey::new(indicator, subsector)), "{indicator}");
    }
}
