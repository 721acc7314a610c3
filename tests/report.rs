//! The Markdown and HTML reports: their sections, the HTML file being self-contained
//! and escaped, and one worked assessment whose numbers must read the same in both
//! reports and in the CSV and JSON exports.
//!
//! The worked assessment, on a scale of 0..4 (a level L scores L/4):
//! - Kota Sukamaju, candidates kuliner and musik; respondents Sari (G) and Budi (B).
//! - Kreasi (per subsector, weight 2): k1 (weight 1), k2 (weight 2).
//!   Kebijakan (region, weight 1): p1, p2. Konservasi (region, weight 1): c1.
//! - Sari: p1 = 3, p2 = 3, k1@kuliner = 4, k2@kuliner = 2, k1@musik = 1. Budi: p1 = 1.
//!
//! By hand:
//! - p1: group means G 3, B 1 → region level 2 (s 0.5), a perception gap of 2 (flagged).
//!   p2: 3 (s 0.75). Kebijakan = 100 × (0.5 + 0.75) / 2 = 62.5.
//! - Konservasi: nobody answered c1 → no score, "—" (never 0); completeness 0/1.
//! - Kreasi @ kuliner = 100 × (1 × 1.0 + 2 × 0.5) / 3 = 66.666… → "66.7".
//!   Kreasi @ musik = 100 × (1 × 0.25) / 1 = 25.0 (k2 unanswered).
//! - Ecosystem kuliner = (2 × 66.667 + 1 × 62.5) / 3 = 65.277… → "65.3", band Mapan
//!   (≥ 60), completeness 4/5 = 80%. Musik = (2 × 25 + 62.5) / 3 = 37.5, Rintisan,
//!   60%. Kuliner is the suggested flagship, so the headline is 65.3.
//! - Consensus p1 = 1 (s 0.25): Kebijakan = 50.0; kuliner = (133.33 + 50) / 3 = 61.1.
//! - Verified k2@kuliner = 1 (s 0.25), p1 still the consensus 1: Kreasi =
//!   100 × (1 + 2 × 0.25) / 3 = 50.0; kuliner = (2 × 50 + 50) / 3 = 50.0.
//! - Target p1 → 3: Kebijakan 75.0; projected headline = (133.33 + 75) / 3 = 69.4.
//! - Gains (ΣW = 3, Konservasi unscored): k2 = 100 × 2/3 × 2/3 × 0.5 = 22.2, one level
//!   (2 → 3) is half of that, 11.1; p1 = 100 × 1/3 × 1/2 × 0.5 = 8.3, step 4.2;
//!   p2 = 100 × 1/3 × 1/2 × 0.25 = 4.2, step 4.2.

mod common;

use common::db::kota;
use common::fw;
use common::tui::{ch, screen};
use pmk3i::assessment::{AgreedKind, TextKind};
use pmk3i::exchange::{self, load_with_framework};
use pmk3i::framework::LoadedFramework;
use pmk3i::i18n::Lang;
use pmk3i::report;
use pmk3i::scoring::SlotKey;
use pmk3i::store::{NewAssessment, Store};
use serde_json::{Value, json};

/// A rubric with one level per scale value 0..4, naming the indicator.
fn levels(id: &str) -> Value {
    let level = |v: i64, what: &str| {
        let mut l =
            json!({"value": v, "description": {"id": format!("{id}: {what}"), "en": format!("{id}: level {v}")}});
        if v < 4 {
            l["next"] = json!({"id": format!("Langkah {id} dari {v}"), "en": format!("Step for {id} from {v}")});
        }
        l
    };
    json!([
        level(0, "belum ada"),
        level(1, "rintisan"),
        level(2, "berkembang"),
        level(3, "mapan"),
        level(4, "unggul")
    ])
}

fn indicator(id: &str, weight: f64, lead: &[&str]) -> Value {
    json!({
        "id": id,
        "text": {"id": format!("Pertanyaan {id}"), "en": format!("Question {id}")},
        "weight": weight,
        "lead": lead,
        "allow_na": true,
        "levels": levels(id)
    })
}

fn text(id: &str, en: &str) -> Value {
    json!({"id": id, "en": en})
}

fn small_framework() -> LoadedFramework {
    let framework = json!({
        "format": 1,
        "id": "kecil",
        "version": "1.0",
        "title": text("Kerangka kecil", "Small framework"),
        "source": text("Dibuat untuk uji.", "Made for tests."),
        "scale": [
            {"value": 0, "label": text("Belum ada", "Not yet")},
            {"value": 1, "label": text("Rintisan", "Emerging")},
            {"value": 2, "label": text("Berkembang", "Developing")},
            {"value": 3, "label": text("Mapan", "Established")},
            {"value": 4, "label": text("Unggul", "Leading")}
        ],
        "bands": [
            {"min": 0, "label": text("Rintisan", "Emerging")},
            {"min": 40, "label": text("Berkembang", "Developing")},
            {"min": 60, "label": text("Mapan", "Established")},
            {"min": 80, "label": text("Unggul", "Leading")}
        ],
        "actors": [
            {"id": "A", "label": text("Akademisi", "Academia")},
            {"id": "B", "label": text("Bisnis", "Business")},
            {"id": "C", "label": text("Komunitas", "Community")},
            {"id": "G", "label": text("Pemerintah", "Government")},
            {"id": "M", "label": text("Media", "Media")}
        ],
        "subsectors": [
            {"id": "kuliner", "label": text("Kuliner", "Culinary")},
            {"id": "musik", "label": text("Musik", "Music")}
        ],
        "pillars": [
            {"id": "kreasi", "title": text("Kreasi", "Creation"), "weight": 2, "scope": "subsector",
             "indicators": [indicator("k1", 1.0, &["A"]), indicator("k2", 2.0, &["B", "C"])]},
            {"id": "kebijakan", "title": text("Kebijakan", "Policy"), "weight": 1,
             "indicators": [indicator("p1", 1.0, &["G"]), indicator("p2", 1.0, &["G", "A"])]},
            {"id": "konservasi", "title": text("Konservasi", "Conservation"), "weight": 1,
             "indicators": [indicator("c1", 1.0, &["C"])]}
        ]
    });
    fw::load("kecil.json", &framework)
}

fn slot(indicator: &str, subsector: Option<&str>) -> SlotKey {
    SlotKey::new(indicator, subsector)
}

/// Creates an assessment; returns the store, its id and the first respondent's id.
fn new_assessment(region: &str, province: &str, period: &str, name: &str, organisation: &str) -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let new = NewAssessment {
        period: period.into(),
        respondent_name: name.into(),
        respondent_organisation: organisation.into(),
        ..kota(region, province, &["kuliner", "musik"])
    };
    let id = store
        .create_assessment(&small_framework(), &new)
        .expect("create the assessment");
    let (assessment, _) = store.load(id).expect("load");
    let first = assessment.respondents[0].id;
    (store, id, first)
}

/// The worked assessment of the module comment.
fn worked() -> (Store, i64) {
    let (mut store, id, sari) = new_assessment("Sukamaju", "Jawa Barat", "2026", "Sari", "Dinas Pariwisata");
    let budi = store
        .add_respondent(id, "Budi", pmk3i::actor::Actor::Business, "Warung Budi")
        .expect("add respondent");
    for (who, indicator, subsector, level) in [
        (sari, "p1", None, 3),
        (sari, "p2", None, 3),
        (sari, "k1", Some("kuliner"), 4),
        (sari, "k2", Some("kuliner"), 2),
        (sari, "k1", Some("musik"), 1),
        (budi, "p1", None, 1),
    ] {
        store
            .upsert_answer(who, &slot(indicator, subsector), Some(level), false)
            .expect("answer");
    }
    let p1 = slot("p1", None);
    store
        .set_answer_text(sari, &p1, false, "Perwal sudah terbit | menunggu juknis\nbaris kedua")
        .expect("note");
    store
        .set_answer_text(sari, &p1, true, "Perwal No. 12 Tahun 2024")
        .expect("evidence");
    store
        .set_pillar_text(
            id,
            "kreasi",
            Some("kuliner"),
            TextKind::BestPractice,
            "Kelas memasak bulanan di pasar lama",
        )
        .expect("best practice");
    store
        .set_pillar_text(id, "kebijakan", None, TextKind::Problem, "Anggaran belum tetap")
        .expect("problem");
    store
        .set_agreed_level(id, AgreedKind::Consensus, &p1, Some(1), false, "disepakati dalam DKT")
        .expect("consensus");
    store
        .set_agreed_level(
            id,
            AgreedKind::Verified,
            &slot("k2", Some("kuliner")),
            Some(1),
            false,
            "",
        )
        .expect("verified");
    store.set_target(id, &p1, Some(3)).expect("target");
    store
        .set_dkt_session(
            id,
            &pmk3i::workshop::DktSession {
                date: "2026-03-14".into(),
                place: "Aula Bappeda".into(),
                facilitator: "Rina".into(),
            },
        )
        .expect("DKT");
    let visit = |date: &str, site: &str| pmk3i::workshop::Visit {
        date: date.into(),
        site: site.into(),
        subsector: None,
        interviewee_role: String::new(),
        assessors: String::new(),
    };
    store
        .set_visits(
            id,
            &[
                visit("2026-04-02", "Pasar Lama"),
                visit("2026-04-01", "Sanggar Tari"),
                visit("2026-04-02", "Galeri Kriya"),
            ],
        )
        .expect("visits");
    (store, id)
}

/// The time every test report is made at: 2026-04-05 09:07:30 UTC
/// (1 775 379 600 s after 1970-01-01 is 2026-04-05 09:00:00; plus 7 min 30 s).
const MADE_AT: i64 = 1_775_379_600 + 7 * 60 + 30;

fn reports(store: &Store, id: i64, lang: Lang) -> (String, String) {
    let (assessment, framework, _) = load_with_framework(store, id).expect("load");
    let at = report::GeneratedAt::from_unix(MADE_AT).expect("a valid time");
    let md = report::markdown_at(&framework, &assessment, lang, at);
    let html = report::html_at(&framework, &assessment, lang, at).expect("render the HTML report");
    (md, html)
}

/// The Markdown table row whose first cell is `first`.
#[track_caller]
fn md_row<'a>(md: &'a str, first: &str) -> &'a str {
    let start = format!("| {first} |");
    md.lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no Markdown row {start} in:\n{md}"))
}

/// The HTML table row (`<tr>…</tr>`) that contains `needle`.
#[track_caller]
fn html_row<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} is not in the HTML"));
    let start = html[..at].rfind("<tr").expect("a row start");
    let end = at + html[at..].find("</tr>").expect("a row end");
    &html[start..end]
}

#[test]
fn worked_numbers_agree_in_both_reports_and_both_exports() {
    let (store, id) = worked();
    let (md, html) = reports(&store, id, Lang::Id);

    // The report carries its dates: the period, the DKT and the visit days (in order,
    // each once), and when it was made (minutes, UTC named).
    assert!(
        md.contains(
            "Periode: **2026** · DKT 2026-03-14 · Uji petik 2026-04-01, 2026-04-02 · Dibuat 2026-04-05 09:07 UTC ·"
        ),
        "{md}"
    );
    assert!(
        html.contains(
            "Periode <strong>2026</strong> · DKT 2026-03-14 · Uji petik 2026-04-01, 2026-04-02 · Dibuat 2026-04-05 09:07 UTC</p>"
        ),
        "{html}"
    );
    // Headline 65.3 (Mapan, 80%): the kuliner ecosystem. The Indonesian report writes
    // numbers with the decimal comma ("65,3"); the JSON and CSV exports keep the point.
    assert!(
        md.contains("**65,3** dari 100 · Mapan · Kelengkapan 80% · ekosistem subsektor Kuliner"),
        "{md}"
    );
    assert!(html.contains(r#"<span class="big">65,3</span>"#));
    // Pillars: Kreasi 66,7, Kebijakan 62,5, Konservasi — (never 0); then consensus and
    // verified beside them: Kreasi 66,7 / 50,0, Kebijakan 50,0 / 50,0.
    assert_eq!(
        md_row(&md, "Kreasi"),
        "| Kreasi | 66,7 | Mapan | 100% (2/2) | 66,7 | 50,0 |"
    );
    assert_eq!(
        md_row(&md, "Kebijakan"),
        "| Kebijakan | 62,5 | Mapan | 100% (2/2) | 50,0 | 50,0 |"
    );
    assert_eq!(md_row(&md, "Konservasi"), "| Konservasi | — | — | 0% (0/1) | — | — |");
    // Each pillar row of the summary carries a bar as wide as its score and coloured
    // by its band (the framework's third band, Mapan, is b2; no score, no colour).
    for (pillar, score, bar) in [
        ("Kreasi", "66,7", r#"<span class="bar b2" style="width: 66.7%">"#),
        ("Kebijakan", "62,5", r#"<span class="bar b2" style="width: 62.5%">"#),
        ("Konservasi", "—", r#"<span class="bar none" style="width: 0.0%">"#),
    ] {
        let row = html_row(&html, &format!(r#"<td>{pillar}<span class="bar-track""#));
        assert!(row.contains(&format!("<strong>{score}</strong>")), "{row}");
        assert!(row.contains(bar), "{row}");
    }
    // Bases: self 65,3, consensus 61,1, verified 50,0; projected with the target 69,4.
    // Of kuliner's 5 applicable indicators one has an agreed level (p1) and one a
    // verified level (k2): coverage 1/5 = 20% each, beside the 80% completeness.
    assert!(
        md.contains("| Konsensus (DKT) | 61,1 | Mapan | 80% | disepakati 1/5, 20% | Kuliner |"),
        "{md}"
    );
    assert!(
        md.contains("| Terverifikasi (uji petik) | 50,0 | Berkembang | 80% | terverifikasi 1/5, 20% | Kuliner |"),
        "{md}"
    );
    assert!(html_row(&html, "<td>Konsensus (DKT)</td>").contains("61,1"));
    assert!(html_row(&html, "<td>Terverifikasi (uji petik)</td>").contains("50,0"));
    let row = html_row(&html, "<td>Terverifikasi (uji petik)</td>");
    // minijinja escapes "/" in HTML.
    assert!(row.contains("terverifikasi 1&#x2f;5, 20%"), "{row}");
    assert!(md.contains("Skor utama bila semua target tercapai: **69,4**"), "{md}");
    assert!(html.contains(r#"<span class="big">69,4</span>"#));
    // Candidates: kuliner 65,3 (suggested), musik 37,5.
    assert_eq!(md_row(&md, "1"), "| 1 | Kuliner | 65,3 | Mapan | 80% | disarankan |");
    assert_eq!(md_row(&md, "2"), "| 2 | Musik | 37,5 | Rintisan | 60% |  |");
    assert!(html_row(&html, "<td>Musik</td>").contains("<strong>37,5</strong>"));
    // Recommendations: k2 one level worth 11,1 of a potential 22,2.
    assert!(
        md.contains("Level 2 → 3 · Mapan: **+11,1 poin** (potensi +22,2)"),
        "{md}"
    );
    assert!(html.contains("+11,1 poin"));
    // The perception gap on p1 (2 levels).
    assert!(
        md.contains("| Pertanyaan p1 | — | Bisnis (B) 1, Pemerintah (G) 3 | 2,0 |"),
        "{md}"
    );

    // The JSON export's unrounded headline and pillar scores round to the same strings.
    let json: Value =
        serde_json::from_str(&exchange::export_json(&store, id).expect("json export")).expect("valid JSON");
    let self_assessed = &json["results"]["self_assessed"];
    let one_decimal = |v: &Value| v.as_f64().map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into());
    assert_eq!(one_decimal(&self_assessed["headline_score"]), "65.3");
    let json_pillars: Vec<(String, String)> = self_assessed["pillars"]
        .as_array()
        .expect("pillars")
        .iter()
        .map(|p| {
            (
                p["pillar"].as_str().unwrap_or_default().to_string(),
                one_decimal(&p["score"]),
            )
        })
        .collect();
    let expected = vec![
        ("kreasi".to_string(), "66.7".to_string()),
        ("kebijakan".to_string(), "62.5".to_string()),
        ("konservasi".to_string(), "—".to_string()),
    ];
    assert_eq!(json_pillars, expected);

    // The CSV export: the headline row and the pillar rows, score in column 11.
    let csv_bytes = exchange::export_csv(&store, id, Lang::Id).expect("csv export");
    let csv_text = String::from_utf8(csv_bytes).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    let csv_score = |r: &csv::StringRecord| match &r[10] {
        "" => "—".to_string(),
        s => format!("{:.1}", s.parse::<f64>().expect("a number")),
    };
    let headline = rows
        .iter()
        .find(|r| &r[0] == "headline" && &r[18] == "self_assessed")
        .expect("a headline row");
    assert_eq!(csv_score(headline), "65.3");
    let csv_pillars: Vec<(String, String)> = rows
        .iter()
        .filter(|r| &r[0] == "pillar" && &r[18] == "self_assessed")
        .map(|r| (r[4].to_string(), csv_score(r)))
        .collect();
    assert_eq!(csv_pillars, expected);
    // The consensus and verified headlines, the agreed levels and the projection too.
    let basis_headline = |basis: &str| {
        let row = rows
            .iter()
            .find(|r| &r[0] == "headline" && &r[18] == basis)
            .unwrap_or_else(|| panic!("a {basis} headline row"));
        csv_score(row)
    };
    assert_eq!(basis_headline("consensus"), "61.1");
    assert_eq!(basis_headline("verified"), "50.0");
    assert_eq!(basis_headline("projected"), "69.4");
    assert!(
        rows.iter()
            .any(|r| &r[0] == "consensus" && &r[5] == "p1" && &r[9] == "1" && &r[15] == "disepakati dalam DKT")
    );
    assert!(
        rows.iter()
            .any(|r| &r[0] == "best_practice" && &r[15] == "Kelas memasak bulanan di pasar lama")
    );

    // The results screen shows the same numbers: its state and the drawn screen.
    let mut app = pmk3i::app::App::new(store, Vec::new(), Lang::Id, "2026".into());
    app.open_results(id, None);
    let pmk3i::app::Screen::Results(results) = &app.screen else {
        panic!("the results screen did not open");
    };
    let screen_self = &results.summary.self_assessed;
    assert_eq!(pmk3i::i18n::fmt_score(screen_self.headline_score), "65.3");
    let screen_pillars: Vec<(String, String)> = screen_self
        .pillars
        .iter()
        .map(|p| (p.pillar.clone(), pmk3i::i18n::fmt_score(p.score)))
        .collect();
    assert_eq!(screen_pillars, expected);
    // Mapan is the framework's third band (from 60): index 2, the same in any language.
    assert_eq!(screen_self.headline_band, Some(2));
    let shown = screen(&app, 100, 30);
    for label in [
        "Skor utama 65.3 (Mapan)",
        "66.7 Mapan",
        "62.5 Mapan",
        "65.3 Mapan",
        "37.5 Rintisan",
    ] {
        assert!(shown.contains(label), "{label} is not on the results screen:\n{shown}");
    }
    // L labels the same summary in English.
    ch(&mut app, 'L');
    let shown = screen(&app, 100, 30);
    for label in [
        "Headline score 65.3 (Established)",
        "66.7 Established",
        "62.5 Established",
        "65.3 Established",
        "37.5 Emerging",
    ] {
        assert!(
            shown.contains(label),
            "{label} is not on the English results screen:\n{shown}"
        );
    }
}

#[test]
fn worked_markdown_report() {
    let (store, id) = worked();
    let (md, _) = reports(&store, id, Lang::Id);
    insta::assert_snapshot!("worked_markdown", md.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn worked_markdown_report_in_english() {
    let (store, id) = worked();
    let (md, _) = reports(&store, id, Lang::En);
    insta::assert_snapshot!("worked_markdown_en", md.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn html_report_has_every_section_a_radar_and_nothing_from_elsewhere() {
    let (store, id) = worked();
    for (lang, code, heading) in [(Lang::Id, "id", "Skor per pilar"), (Lang::En, "en", "Scores by pillar")] {
        let (_, html) = reports(&store, id, lang);
        assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80.min(html.len())]);
        assert!(html.contains(&format!(r#"<html lang="{code}">"#)));
        assert!(html.contains(heading));
        // Bands are coloured by their index: the headline 65.3 is in the third band
        // (Mapan, from 60) = b2; Musik's 37.5 in the first (Rintisan) = b0.
        assert!(html.contains(r#"<div class="headline-card b2">"#), "{html}");
        let musik = if lang == Lang::Id { "Rintisan" } else { "Emerging" };
        assert!(
            html.contains(&format!(r#"<span class="pill b0">{musik}</span>"#)),
            "{html}"
        );
        for section in [
            "headline",
            "candidates",
            "scores",
            "top",
            "profile",
            "strengths",
            "weaknesses",
            "practices",
            "gaps",
            "recommendations",
            "targets",
            "appendix",
        ] {
            assert!(
                html.contains(&format!(r#"<section id="{section}""#)),
                "no section {section}"
            );
        }
        // Pages 1–2 are the summary (headline, flagship, pillars, radar, the top
        // recommendations and who leads them); the detail starts on a page of its own.
        let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
        assert!(at(r#"<div id="summary""#) < at(r#"<section id="headline""#));
        assert!(at(r#"<section id="headline""#) < at(r#"<section id="candidates""#));
        assert!(at(r#"<section id="candidates""#) < at(r#"<section id="scores""#));
        assert!(at(r#"<section id="scores""#) < at(r#"<svg class="radar""#));
        assert!(at(r#"<svg class="radar""#) < at(r#"<section id="top""#));
        assert!(at(r#"<section id="top""#) < at(r#"<div id="detail""#));
        assert!(at(r#"<div id="detail""#) < at(r#"<section id="profile""#));
        assert!(at(r#"<section id="profile""#) < at(r#"<section id="recommendations""#));
        assert!(html.contains("#detail { break-before: page; }"));
        // The worked assessment has three recommendations: each once in the summary.
        let summary = &html[at(r#"<section id="top""#)..at(r#"<div id="detail""#)];
        assert_eq!(summary.matches(r#"<div class="step">"#).count(), 3, "{summary}");
        // The radar: one self-assessed polygon and one per recorded basis, an axis
        // label per pillar, four grid rings; Konservasi drawn at 0 and labelled "—".
        assert!(html.contains(r#"<svg class="radar""#));
        assert!(html.contains(r#"<polygon class="self_assessed" points=""#));
        assert!(html.contains(r#"<polygon class="consensus""#));
        assert!(html.contains(r#"<polygon class="verified""#));
        assert_eq!(html.matches(r#"<polygon class="ring"#).count(), 4);
        assert_eq!(html.matches(r#"<text class="axis-label"#).count(), 3);
        assert!(html.contains(r#">—</tspan></text>"#), "{html}");
        // Phone and print.
        assert!(html.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#));
        assert!(html.contains("overflow-x: auto"));
        assert!(html.contains("@page { size: A4;"));
        assert!(html.contains("break-before: page"));
        assert!(html.contains("break-inside: avoid"));
        // Self-contained: no script, nothing loaded from elsewhere.
        for banned in [
            "<script", "http://", "https://", "src=", "<link", "@import", "url(", "<img", "<iframe",
        ] {
            assert!(!html.contains(banned), "the HTML report contains {banned}");
        }
    }
}

#[test]
fn user_text_is_escaped_in_the_html_and_in_the_table_cells_of_the_markdown() {
    const EVIL: &str = r#"<script>alert(1)</script> "quoted" & <b>"#;
    let (mut store, id, sari) = new_assessment(EVIL, EVIL, EVIL, EVIL, EVIL);
    let p1 = slot("p1", None);
    store.upsert_answer(sari, &p1, Some(2), false).expect("answer");
    store
        .set_answer_text(sari, &p1, false, &format!("{EVIL}\nkedua | baris"))
        .expect("note");
    store.set_answer_text(sari, &p1, true, EVIL).expect("evidence");
    for (pillar, subsector) in [("kebijakan", None), ("kreasi", Some("kuliner"))] {
        for kind in [TextKind::BestPractice, TextKind::Problem] {
            store
                .set_pillar_text(id, pillar, subsector, kind, EVIL)
                .expect("pillar text");
        }
    }
    store
        .set_agreed_level(id, AgreedKind::Consensus, &p1, Some(3), false, EVIL)
        .expect("consensus");
    let (md, html) = reports(&store, id, Lang::Id);

    assert!(!html.contains("<script"), "unescaped script in the HTML report");
    assert!(!html.contains("<b>"), "unescaped markup in the HTML report");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &quot;quoted&quot; &amp; &lt;b&gt;"));
    // Region, province and period, respondent, note, evidence, pillar texts, consensus
    // note: every one of them is there, escaped.
    assert!(html.matches("&lt;script&gt;").count() >= 12, "{html}");

    // Markdown: rendered to HTML by whatever opens it, so no tag may survive; a pipe
    // would end a table cell and a newline the row.
    assert!(!md.contains("<script"), "unescaped script in the Markdown report");
    assert!(!md.contains("<b>"), "unescaped markup in the Markdown report");
    // Region, province, period, respondent, note, evidence, four pillar texts, the
    // consensus note.
    assert!(
        md.matches("&lt;script&gt;").count() >= 11,
        "{}: {md}",
        md.matches("&lt;script&gt;").count()
    );
    let row = md
        .lines()
        .find(|l| l.starts_with("| `p1`"))
        .expect("the answer row of the appendix");
    assert!(
        row.contains(r#"&lt;script&gt;alert(1)&lt;/script&gt; "quoted" &amp; &lt;b&gt;<br>kedua \| baris |"#),
        "{row}"
    );
}

#[test]
fn an_assessment_without_answers_reports_dashes_not_zeros() {
    let (store, id, _) = new_assessment("Kosong", "Jawa Tengah", "2026", "Rina", "");
    let (md, html) = reports(&store, id, Lang::Id);
    assert!(md.contains("**—** dari 100"), "{md}");
    assert!(md.contains("| Kreasi | — | — | 0% (0/2) |"), "{md}");
    assert!(md.contains("Belum cukup indikator yang dinilai."));
    assert!(md.contains("Belum ada target."));
    assert!(html.contains(r#"<span class="big">—</span>"#));
    // Every pillar sits at the centre of the radar.
    assert!(
        html.contains(r#"<polygon class="self_assessed" points="280,220 280,220 280,220"/>"#),
        "{html}"
    );
}
