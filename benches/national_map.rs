//! The national map at national scale: 2,000 assessments of the bundled PMK3I
//! framework (514 regions, about four periods each, three respondents answering every
//! indicator of one candidate), built from the store summary. Run with
//! `cargo test --release --bench national_map -- --nocapture`; the budget is 300 ms.

use std::time::{Duration, Instant};

use pmk3i::assessment::{Region, StoredAnswer};
use pmk3i::framework::{FrameworkSources, Scope};
use pmk3i::i18n::Lang;
use pmk3i::map::{MapFilter, build};
use pmk3i::regions;
use pmk3i::store::{NewAssessment, Store};

const ASSESSMENTS: usize = 2_000;

#[test]
fn national_map_of_2000_assessments() {
    let fw = FrameworkSources {
        include_bundled: true,
        dirs: vec![],
        files: vec![],
    }
    .load()
    .frameworks
    .into_iter()
    .find(|f| f.framework.id == "pmk3i")
    .expect("the bundled framework");
    // One assessment as a template: created, then answered by three respondents.
    let mut scratch = Store::open_in_memory().expect("store");
    let id = scratch
        .create_assessment(
            &fw,
            &NewAssessment {
                region: Region {
                    name: "Templat".into(),
                    kind: pmk3i::assessment::RegionKind::Kota,
                    province: "Bali".into(),
                },
                period: "2026".into(),
                candidates: vec!["kuliner".into()],
                respondent_name: "A".into(),
                respondent_organisation: String::new(),
                respondent_actor: pmk3i::actor::Actor::Government,
            },
        )
        .expect("create");
    scratch
        .add_respondent(id, "B", pmk3i::actor::Actor::Business, "")
        .expect("respondent");
    scratch
        .add_respondent(id, "C", pmk3i::actor::Actor::Academia, "")
        .expect("respondent");
    let (mut template, snapshot) = scratch.load(id).expect("load");
    let slots: Vec<(String, Option<String>)> = fw
        .framework
        .pillars
        .iter()
        .flat_map(|p| {
            let sub = matches!(p.scope, Scope::Subsector).then(|| "kuliner".to_string());
            p.indicators.iter().map(move |i| (i.id.clone(), sub.clone()))
        })
        .collect();

    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("national.sqlite3");
    let mut store = Store::open(&path).expect("store");
    let started = Instant::now();
    let all = regions::all();
    for n in 0..ASSESSMENTS {
        let o = &all[n % all.len()];
        template.region = Region {
            name: o.name.clone(),
            kind: o.kind,
            province: o.province.clone(),
        };
        template.period = format!("{}", 2026 - (n / all.len()) as i64);
        for (k, r) in template.respondents.iter_mut().enumerate() {
            r.uid = String::new();
            r.answers = slots
                .iter()
                .enumerate()
                .map(|(i, (ind, sub))| StoredAnswer {
                    indicator: ind.clone(),
                    subsector: sub.clone(),
                    level: Some(((n + i + k) % 5) as i64),
                    na: false,
                    note: String::new(),
                    evidence: String::new(),
                    updated_at: "2026-11-02T10:00:00Z".into(),
                })
                .collect();
        }
        store.insert_full(&template, &snapshot, None).expect("insert");
    }
    println!(
        "generated {ASSESSMENTS} assessments ({} answers each) in {:.1} s",
        slots.len() * 3,
        started.elapsed().as_secs_f64()
    );
    drop(store);

    let store = Store::open(&path).expect("reopen");
    let mut times: Vec<Duration> = Vec::new();
    let mut rows = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let map = build(&store, &MapFilter::default(), Lang::Id).expect("map");
        times.push(t.elapsed());
        rows = map.rows.len();
        assert_eq!(map.assessed, 514);
    }
    let weak = Instant::now();
    let w = build(
        &store,
        &MapFilter {
            weak: Some("distribusi".into()),
            ..MapFilter::default()
        },
        Lang::Id,
    )
    .expect("weak");
    let weak = weak.elapsed();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "national map: {rows} rows from {ASSESSMENTS} assessments: median {:.1} ms (min {:.1}, max {:.1}); --weak distribusi ({} rows) {:.1} ms",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        w.rows.len(),
        weak.as_secs_f64() * 1e3
    );
    assert!(median < Duration::from_millis(300), "the issue's budget is 300 ms");
}
