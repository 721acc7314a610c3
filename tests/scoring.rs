//! The scoring rules of `shared/domain/FRAMEWORK-AND-SCORING.md`, one worked example
//! per rule. Every expected number is worked out by hand in the comment above it, on
//! a scale of 0..4 (so a level L scores L/4) unless the test says otherwise.

mod common;

use pmk3i::actor::Actor;

use std::collections::{BTreeMap, HashMap};

use common::fw;

use pmk3i::assessment::{Assessment, Region, RegionKind, results_for_levels};
use pmk3i::framework::{Framework, parse_framework};
use pmk3i::scoring::{
    self, Answer, Basis, Levels, RespondentAnswers, SlotKey, consolidate, effective_levels, indicator_score,
    pillar_score, potential_gains, rank_candidates, scorecard,
};
use serde_json::{Value, json};

/// |a − b| < 1e-9: scores are unrounded f64 sums.
#[track_caller]
fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
}

#[track_caller]
fn assert_some_close(actual: Option<f64>, expected: f64) {
    match actual {
        Some(a) => assert_close(a, expected),
        None => panic!("expected {expected}, got no score"),
    }
}

/// An indicator of weight `weight` that may be answered N/A.
fn indicator(id: &str, weight: f64) -> Value {
    json!({"id": id, "text": {"id": id}, "weight": weight, "allow_na": true, "levels": fw::rubric()})
}

/// An indicator asked only for the listed candidate subsectors.
fn indicator_for(id: &str, subsectors: &[&str]) -> Value {
    json!({"id": id, "text": {"id": id}, "subsectors": subsectors, "levels": fw::rubric()})
}

fn region_pillar(id: &str, weight: f64, indicators: Vec<Value>) -> Value {
    json!({"id": id, "title": {"id": id}, "weight": weight, "indicators": indicators})
}

fn subsector_pillar(id: &str, weight: f64, indicators: Vec<Value>) -> Value {
    json!({"id": id, "title": {"id": id}, "weight": weight, "scope": "subsector", "indicators": indicators})
}

/// A small framework (scale 0..4, bands at 0/40/60/80) with the given pillars, read
/// through the same validator as a framework file.
fn framework(pillars: Vec<Value>) -> Framework {
    let doc = json!({
        "format": 1,
        "id": "uji",
        "version": "1",
        "title": {"id": "Kerangka uji"},
        "scale": fw::named_scale(),
        "bands": fw::four_bands(),
        "actors": fw::actors(&fw::HELIX),
        "subsectors": fw::subsectors(&["kuliner", "kriya", "fesyen"]),
        "pillars": pillars
    });
    parse_framework("uji.json", doc.to_string().as_bytes()).unwrap_or_else(|p| panic!("{p:?}"))
}

fn region(indicator: &str) -> SlotKey {
    SlotKey::new(indicator, None)
}

fn for_candidate(indicator: &str, subsector: &str) -> SlotKey {
    SlotKey::new(indicator, Some(subsector))
}

fn answers(list: &[(SlotKey, Answer)]) -> Levels {
    list.iter().cloned().collect()
}

fn level(l: f64) -> Answer {
    Answer::Level(l)
}

const NA: Answer = Answer::NotApplicable;

fn respondent(actor: &str, list: &[(SlotKey, Answer)]) -> RespondentAnswers {
    RespondentAnswers {
        actor: Actor::parse(actor).expect("an actor id"),
        answers: list.iter().cloned().collect::<HashMap<_, _>>(),
    }
}

/// An assessment record around the given candidates, for the results layer.
fn assessment(fw: &Framework, candidates: &[&str], chosen: Option<&str>) -> Assessment {
    Assessment {
        id: 1,
        region: Region {
            name: "Bandung".into(),
            kind: RegionKind::Kota,
            province: "Jawa Barat".into(),
        },
        period: "2026".into(),
        import_copy: false,
        framework_id: fw.id.clone(),
        framework_version: fw.version.clone(),
        framework_hash: String::new(),
        candidates: candidates.iter().map(|c| c.to_string()).collect(),
        chosen_flagship: chosen.map(str::to_string),
        status: "draft".into(),
        created_at: String::new(),
        updated_at: String::new(),
        cursor: None,
        positions: Vec::new(),
        respondents: Vec::new(),
        pillar_texts: Vec::new(),
        agreed: Vec::new(),
        targets: Vec::new(),
        workshop: Default::default(),
    }
}

// ── Indicator score ─────────────────────────────────────────────────────────────

#[test]
fn indicator_score_is_the_level_as_a_fraction_of_the_scale() {
    let fw = framework(vec![region_pillar("p", 1.0, vec![indicator("p.a", 1.0)])]);
    // (level − min) / (max − min) on 0..4.
    assert_close(indicator_score(&fw, 0.0), 0.0);
    assert_close(indicator_score(&fw, 3.0), 0.75);
    assert_close(indicator_score(&fw, 4.0), 1.0);
    // A consolidated level is a real number and scores the same way: 2.5 / 4 = 0.625.
    assert_close(indicator_score(&fw, 2.5), 0.625);
}

#[test]
fn a_scale_that_does_not_start_at_0_is_scored_from_its_lowest_level() {
    let raw = r#"{
      "format": 1, "id": "lima", "version": "1", "title": {"id": "Skala 1-5"},
      "scale": [
        {"value": 1, "label": {"id": "1"}}, {"value": 2, "label": {"id": "2"}},
        {"value": 3, "label": {"id": "3"}}, {"value": 4, "label": {"id": "4"}},
        {"value": 5, "label": {"id": "5"}}
      ],
      "bands": [{"min": 0, "label": {"id": "Semua"}}],
      "actors": [{"id": "G", "label": {"id": "Pemerintah"}}],
      "subsectors": [],
      "pillars": [{"id": "p", "title": {"id": "P"}, "indicators": [
        {"id": "p.a", "text": {"id": "A"}, "levels": [
          {"value": 1, "description": {"id": "1"}}, {"value": 2, "description": {"id": "2"}},
          {"value": 3, "description": {"id": "3"}}, {"value": 4, "description": {"id": "4"}},
          {"value": 5, "description": {"id": "5"}}
        ]}
      ]}]
    }"#;
    let fw = parse_framework("lima.json", raw.as_bytes()).unwrap();
    // (3 − 1) / (5 − 1) = 0.5; the lowest level scores 0, not 1/5.
    assert_close(indicator_score(&fw, 3.0), 0.5);
    assert_close(indicator_score(&fw, 1.0), 0.0);
}

// ── Pillar score and completeness ───────────────────────────────────────────────

#[test]
fn not_applicable_is_left_out_of_the_score_but_counts_as_answered() {
    let fw = framework(vec![region_pillar(
        "p",
        1.0,
        vec![indicator("p.a", 1.0), indicator("p.b", 1.0), indicator("p.c", 1.0)],
    )]);
    let levels = answers(&[
        (region("p.a"), level(4.0)),
        (region("p.b"), NA),
        (region("p.c"), level(2.0)),
    ]);
    let score = pillar_score(&fw, &fw.pillars[0], &levels, None);
    // p.b is N/A: 100 × (1·1.0 + 1·0.5) / (1 + 1) = 75 (not 100 × 1.5 / 3 = 50).
    assert_some_close(score.score, 75.0);
    // All three were answered, N/A included.
    assert_eq!((score.answered, score.applicable), (3, 3));
    assert_close(score.completeness().unwrap(), 1.0);
}

#[test]
fn unanswered_indicators_are_left_out_of_the_score_and_lower_completeness() {
    let fw = framework(vec![region_pillar(
        "p",
        1.0,
        vec![indicator("p.a", 1.0), indicator("p.b", 1.0), indicator("p.c", 1.0)],
    )]);
    let levels = answers(&[(region("p.a"), level(4.0)), (region("p.c"), level(1.0))]);
    let card = scorecard(&fw, &levels, None);
    // p.b is unanswered: 100 × (1.0 + 0.25) / 2 = 62.5, not (1.0 + 0 + 0.25) / 3.
    assert_some_close(card.pillars[0].score, 62.5);
    // 2 of 3 answered.
    assert_eq!((card.answered(), card.applicable()), (2, 3));
    assert_close(card.completeness().unwrap(), 2.0 / 3.0);
}

#[test]
fn unequal_indicator_and_pillar_weights_weigh_in() {
    let fw = framework(vec![
        region_pillar("berat", 3.0, vec![indicator("berat.a", 1.0), indicator("berat.b", 3.0)]),
        region_pillar("ringan", 1.0, vec![indicator("ringan.a", 1.0)]),
    ]);
    let levels = answers(&[
        (region("berat.a"), level(4.0)),
        (region("berat.b"), level(0.0)),
        (region("ringan.a"), level(2.0)),
    ]);
    let card = scorecard(&fw, &levels, None);
    // berat = 100 × (1·1.0 + 3·0.0) / (1 + 3) = 25 (the plain mean would be 50).
    assert_some_close(card.pillar("berat").unwrap().score, 25.0);
    // ringan = 100 × 0.5 = 50.
    assert_some_close(card.pillar("ringan").unwrap().score, 50.0);
    // overall = (3·25 + 1·50) / (3 + 1) = 125 / 4 = 31.25 (the plain mean would be 37.5).
    assert_some_close(card.overall, 31.25);
}

#[test]
fn a_pillar_without_answers_has_no_score_and_is_left_out_of_the_overall() {
    let fw = framework(vec![
        region_pillar("dijawab", 1.0, vec![indicator("dijawab.a", 1.0)]),
        region_pillar("kosong", 3.0, vec![indicator("kosong.a", 1.0)]),
        region_pillar("na", 2.0, vec![indicator("na.a", 1.0)]),
    ]);
    let levels = answers(&[(region("dijawab.a"), level(4.0)), (region("na.a"), NA)]);
    let card = scorecard(&fw, &levels, None);
    // "kosong" has no answer and "na" only N/A: neither has a score (never 0).
    assert_eq!(card.pillar("kosong").unwrap().score, None);
    assert_eq!(card.pillar("na").unwrap().score, None);
    // The N/A pillar is complete though: 1 of 1 answered.
    assert_close(card.pillar("na").unwrap().completeness().unwrap(), 1.0);
    // overall = (1·100) / 1 = 100; counting "kosong" as 0 would give (100 + 0) / 4 = 25.
    assert_some_close(card.overall, 100.0);
}

#[test]
fn nothing_answered_means_no_overall_score() {
    let fw = framework(vec![region_pillar("p", 1.0, vec![indicator("p.a", 1.0)])]);
    let card = scorecard(&fw, &Levels::new(), None);
    assert_eq!(card.overall, None);
    assert_close(card.completeness().unwrap(), 0.0);
}

// ── Candidate subsectors ────────────────────────────────────────────────────────

#[test]
fn a_subsector_specific_indicator_applies_only_to_the_listed_candidates() {
    let fw = framework(vec![subsector_pillar(
        "kreasi",
        1.0,
        vec![
            indicator("kreasi.talenta", 1.0),
            indicator_for("kreasi.resep", &["kuliner"]),
        ],
    )]);
    let pillar = &fw.pillars[0];
    assert_eq!(
        scoring::slot_for(pillar, 1, Some("kuliner")),
        Some(for_candidate("kreasi.resep", "kuliner"))
    );
    assert_eq!(scoring::slot_for(pillar, 1, Some("kriya")), None);

    let levels = answers(&[
        (for_candidate("kreasi.talenta", "kuliner"), level(4.0)),
        (for_candidate("kreasi.resep", "kuliner"), level(0.0)),
        (for_candidate("kreasi.talenta", "kriya"), level(3.0)),
        // A stray answer for a slot that is not asked for kriya: ignored.
        (for_candidate("kreasi.resep", "kriya"), level(0.0)),
    ]);
    // kuliner: both apply, 100 × (1.0 + 0.0) / 2 = 50.
    let kuliner = pillar_score(&fw, pillar, &levels, Some("kuliner"));
    assert_some_close(kuliner.score, 50.0);
    assert_eq!(kuliner.applicable, 2);
    // kriya: only the talenta indicator applies, 100 × 0.75 = 75.
    let kriya = pillar_score(&fw, pillar, &levels, Some("kriya"));
    assert_some_close(kriya.score, 75.0);
    assert_eq!((kriya.answered, kriya.applicable), (1, 1));
}

/// Region pillar "kebijakan" and subsector pillar "kreasi", equal weights.
fn two_candidate_framework() -> Framework {
    framework(vec![
        region_pillar("kebijakan", 1.0, vec![indicator("kebijakan.perda", 1.0)]),
        subsector_pillar("kreasi", 1.0, vec![indicator("kreasi.talenta", 1.0)]),
    ])
}

/// kebijakan 2 (50) for the region; kreasi 4 (100) for kuliner and 1 (25) for kriya.
fn two_candidate_levels() -> Levels {
    answers(&[
        (region("kebijakan.perda"), level(2.0)),
        (for_candidate("kreasi.talenta", "kuliner"), level(4.0)),
        (for_candidate("kreasi.talenta", "kriya"), level(1.0)),
    ])
}

#[test]
fn candidates_are_ranked_by_their_ecosystem_score_and_the_best_is_suggested() {
    let fw = two_candidate_framework();
    let ranking = rank_candidates(&fw, &two_candidate_levels(), &["kriya".into(), "kuliner".into()]);
    // kuliner = (1·50 + 1·100) / 2 = 75; kriya = (1·50 + 1·25) / 2 = 37.5.
    assert_eq!(ranking[0].candidate.as_deref(), Some("kuliner"));
    assert_some_close(ranking[0].overall, 75.0);
    assert_eq!(ranking[1].candidate.as_deref(), Some("kriya"));
    assert_some_close(ranking[1].overall, 37.5);
    assert_eq!(scoring::suggested_flagship(&ranking), Some("kuliner"));
}

#[test]
fn the_headline_is_the_suggested_flagship_unless_one_was_chosen() {
    let fw = two_candidate_framework();
    let levels = two_candidate_levels();

    let suggested = results_for_levels(
        &fw,
        &assessment(&fw, &["kriya", "kuliner"], None),
        Basis::SelfAssessed,
        levels.clone(),
    );
    assert_eq!(suggested.suggested_flagship.as_deref(), Some("kuliner"));
    assert_eq!(suggested.headline.candidate.as_deref(), Some("kuliner"));
    // 75 falls in the band starting at 60.
    assert_some_close(suggested.headline_score(), 75.0);
    let band = |score: Option<f64>| {
        score
            .and_then(|s| fw.band(s))
            .map(|b| b.label.get(pmk3i::i18n::Lang::Id).to_string())
    };
    assert_eq!(band(suggested.headline_score()).as_deref(), Some("Mapan"));

    // Chosen at uji petik: kriya, although it ranks lower. Its 37.5 is the headline.
    let chosen = results_for_levels(
        &fw,
        &assessment(&fw, &["kriya", "kuliner"], Some("kriya")),
        Basis::SelfAssessed,
        levels,
    );
    assert_eq!(chosen.suggested_flagship.as_deref(), Some("kuliner"));
    assert_eq!(chosen.headline.candidate.as_deref(), Some("kriya"));
    assert_some_close(chosen.headline_score(), 37.5);
    assert_eq!(band(chosen.headline_score()).as_deref(), Some("Rintisan"));
}

#[test]
fn a_candidate_without_subsector_answers_still_scores_on_the_region_pillars() {
    let fw = two_candidate_framework();
    let levels = answers(&[(region("kebijakan.perda"), level(2.0))]);
    let ranking = rank_candidates(&fw, &levels, &["fesyen".into()]);
    // kreasi has no score for fesyen, so the overall is kebijakan alone: 50.
    assert_some_close(ranking[0].overall, 50.0);
    assert_eq!(ranking[0].pillar("kreasi").unwrap().score, None);
    // Half the applicable slots are answered.
    assert_close(ranking[0].completeness().unwrap(), 0.5);
}

// ── Several respondents ─────────────────────────────────────────────────────────

#[test]
fn each_helix_group_counts_once_however_many_people_it_sent() {
    let slot = region("p.a");
    let summary = consolidate(&[
        respondent("A", &[(slot.clone(), level(4.0))]),
        respondent("A", &[(slot.clone(), level(2.0))]),
        respondent("G", &[(slot.clone(), level(1.0))]),
    ]);
    let s = &summary[&slot];
    // A = (4 + 2) / 2 = 3; G = 1.
    assert_close(s.group_means[&Actor::Academia], 3.0);
    assert_close(s.group_means[&Actor::Government], 1.0);
    // Region = (3 + 1) / 2 = 2.0, not the plain mean of three people (4 + 2 + 1) / 3 = 2.33.
    assert_eq!(s.region, level(2.0));
    // Gap = 3 − 1 = 2 levels: flagged (≥ 2).
    assert_some_close(s.gap, 2.0);
    assert!(s.gap_flagged());
}

#[test]
fn a_perception_gap_below_two_levels_is_not_flagged() {
    let slot = region("p.a");
    let summary = consolidate(&[
        respondent("A", &[(slot.clone(), level(3.0))]),
        respondent("B", &[(slot.clone(), level(1.5))]),
        respondent("G", &[(slot.clone(), level(2.0))]),
    ]);
    // Gap = 3 − 1.5 = 1.5: shown, not flagged.
    assert_some_close(summary[&slot].gap, 1.5);
    assert!(!summary[&slot].gap_flagged());

    // One group alone has no gap.
    let alone = consolidate(&[respondent("A", &[(slot.clone(), level(0.0))])]);
    assert_eq!(alone[&slot].gap, None);
}

#[test]
fn a_respondents_na_is_left_out_of_the_group_mean() {
    let slot = region("p.a");
    let summary = consolidate(&[
        respondent("A", &[(slot.clone(), level(4.0))]),
        respondent("A", &[(slot.clone(), NA)]),
        respondent("A", &[]),
    ]);
    // A = 4 / 1, not (4 + 0) / 2 or / 3.
    assert_close(summary[&slot].group_means[&Actor::Academia], 4.0);
    assert_eq!(summary[&slot].region, level(4.0));
}

#[test]
fn a_group_with_only_na_is_left_out_of_the_region_mean() {
    let slot = region("p.a");
    let summary = consolidate(&[
        respondent("B", &[(slot.clone(), NA)]),
        respondent("G", &[(slot.clone(), level(3.0))]),
    ]);
    let s = &summary[&slot];
    // Only G has a level: region = 3 / 1 = 3; B is neither a 0 nor a group mean.
    assert_eq!(s.group_means.keys().collect::<Vec<_>>(), [&Actor::Government]);
    assert_eq!(s.region, level(3.0));
    assert_eq!(s.gap, None);
}

#[test]
fn when_every_group_says_na_the_region_is_na() {
    let slot = region("p.a");
    let summary = consolidate(&[
        respondent("B", &[(slot.clone(), NA)]),
        respondent("G", &[(slot.clone(), NA)]),
    ]);
    assert_eq!(summary[&slot].region, NA);
    assert!(summary[&slot].group_means.is_empty());
}

#[test]
fn assessors_never_count_in_the_self_assessment() {
    let slot = region("p.a");
    let only_asesor = region("p.b");
    let summary = consolidate(&[
        respondent("A", &[(slot.clone(), level(4.0))]),
        respondent(
            "asesor",
            &[(slot.clone(), level(0.0)), (only_asesor.clone(), level(2.0))],
        ),
    ]);
    // Region = A alone = 4, not (4 + 0) / 2.
    assert_eq!(summary[&slot].region, level(4.0));
    assert!(!summary[&slot].group_means.contains_key(&Actor::Assessor));
    // An indicator only the assessor answered is not answered by the region.
    assert!(!summary.contains_key(&only_asesor));
}

#[test]
fn a_consolidated_fractional_level_scores_through_the_same_formula() {
    let fw = framework(vec![region_pillar("p", 1.0, vec![indicator("p.a", 1.0)])]);
    let slot = region("p.a");
    let summary = consolidate(&[
        respondent("A", &[(slot.clone(), level(3.0))]),
        respondent("G", &[(slot.clone(), level(2.0))]),
    ]);
    let levels = effective_levels(&summary, &Levels::new(), &Levels::new(), Basis::SelfAssessed);
    // Region = (3 + 2) / 2 = 2.5 → 100 × 2.5 / 4 = 62.5.
    assert_some_close(scorecard(&fw, &levels, None).overall, 62.5);
}

// ── Consensus and verified ──────────────────────────────────────────────────────

#[test]
fn verified_overrides_consensus_which_overrides_the_mean() {
    let (x, y, z) = (region("p.x"), region("p.y"), region("p.z"));
    let consolidated: BTreeMap<SlotKey, scoring::SlotSummary> = consolidate(&[respondent(
        "G",
        &[
            (x.clone(), level(2.0)),
            (y.clone(), level(1.0)),
            (z.clone(), level(0.0)),
        ],
    )]);
    // x has a consensus 3 and a verified 4; y only a consensus 2; z nothing agreed.
    let consensus = answers(&[(x.clone(), level(3.0)), (y.clone(), level(2.0))]);
    let verified = answers(&[(x.clone(), level(4.0))]);

    let on = |basis| effective_levels(&consolidated, &consensus, &verified, basis);
    let self_assessed = on(Basis::SelfAssessed);
    assert_eq!(
        (self_assessed[&x], self_assessed[&y], self_assessed[&z]),
        (level(2.0), level(1.0), level(0.0))
    );
    let agreed = on(Basis::Consensus);
    assert_eq!(
        (agreed[&x], agreed[&y], agreed[&z]),
        (level(3.0), level(2.0), level(0.0))
    );
    let checked = on(Basis::Verified);
    assert_eq!(
        (checked[&x], checked[&y], checked[&z]),
        (level(4.0), level(2.0), level(0.0))
    );
}

#[test]
fn an_agreed_level_counts_even_where_nobody_answered() {
    let w = region("p.w");
    let consensus = answers(&[(w.clone(), level(3.0))]);
    let levels = effective_levels(&BTreeMap::new(), &consensus, &Levels::new(), Basis::Consensus);
    assert_eq!(levels[&w], level(3.0));
    // The self-assessed basis does not see it.
    let own = effective_levels(&BTreeMap::new(), &consensus, &Levels::new(), Basis::SelfAssessed);
    assert!(own.is_empty());
}

// ── Potential gain ──────────────────────────────────────────────────────────────

/// Pillar p (weight 2): p.a (w 1) at level 1, p.b (w 3) at level 2.
/// Pillar q (weight 1): q.a (w 1) at level 2, q.b N/A.
fn gain_example() -> (Framework, Levels) {
    let fw = framework(vec![
        region_pillar("p", 2.0, vec![indicator("p.a", 1.0), indicator("p.b", 3.0)]),
        region_pillar("q", 1.0, vec![indicator("q.a", 1.0), indicator("q.b", 1.0)]),
    ]);
    let levels = answers(&[
        (region("p.a"), level(1.0)),
        (region("p.b"), level(2.0)),
        (region("q.a"), level(2.0)),
        (region("q.b"), NA),
    ]);
    (fw, levels)
}

#[test]
fn potential_gain_is_the_overall_points_won_at_the_top_level() {
    let (fw, levels) = gain_example();
    // p = 100 × (1·0.25 + 3·0.5) / 4 = 43.75; q = 100 × 0.5 = 50 (q.b N/A is out);
    // overall = (2·43.75 + 1·50) / 3 = 137.5 / 3 = 45.8333…
    assert_some_close(scorecard(&fw, &levels, None).overall, 137.5 / 3.0);

    let gains = potential_gains(&fw, &levels, None);
    let found: Vec<(&str, f64)> = gains.iter().map(|g| (g.slot.indicator.as_str(), g.gain)).collect();
    // p.b: 100 × (2/3) × (3/4) × (1 − 0.5)  = 25
    // q.a: 100 × (1/3) × (1/1) × (1 − 0.5)  = 16.666…
    // p.a: 100 × (2/3) × (1/4) × (1 − 0.25) = 12.5
    assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), ["p.b", "q.a", "p.a"]);
    assert_close(found[0].1, 25.0);
    assert_close(found[1].1, 50.0 / 3.0);
    assert_close(found[2].1, 12.5);
}

#[test]
fn raising_an_indicator_to_the_top_adds_exactly_its_gain() {
    let (fw, levels) = gain_example();
    let before = scorecard(&fw, &levels, None).overall.unwrap();
    for gain in potential_gains(&fw, &levels, None) {
        let mut raised = levels.clone();
        raised.insert(gain.slot.clone(), level(4.0));
        let after = scorecard(&fw, &raised, None).overall.unwrap();
        // e.g. p.b → 4: p = 100 × (0.25 + 3) / 4 = 81.25, overall = (162.5 + 50) / 3 = 70.8333…,
        // 70.8333… − 45.8333… = 25.
        assert_close(after - before, gain.gain);
    }
}

#[test]
fn indicators_at_the_top_level_have_no_gain() {
    let fw = framework(vec![region_pillar(
        "p",
        1.0,
        vec![indicator("p.a", 1.0), indicator("p.b", 1.0)],
    )]);
    let levels = answers(&[(region("p.a"), level(4.0)), (region("p.b"), level(3.0))]);
    let gains = potential_gains(&fw, &levels, None);
    assert_eq!(gains.len(), 1);
    assert_eq!(gains[0].slot, region("p.b"));
    // 100 × (1/1) × (1/2) × (1 − 0.75) = 12.5
    assert_close(gains[0].gain, 12.5);
}

// ── Bands ───────────────────────────────────────────────────────────────────────

#[test]
fn the_band_is_the_last_one_whose_min_is_at_most_the_score() {
    let fw = framework(vec![region_pillar("p", 1.0, vec![indicator("p.a", 1.0)])]);
    let band = |score: f64| fw.band(score).map(|b| b.label.0["id"].clone());
    assert_eq!(band(0.0).as_deref(), Some("Rintisan"));
    assert_eq!(band(39.99).as_deref(), Some("Rintisan"));
    assert_eq!(band(40.0).as_deref(), Some("Berkembang"));
    assert_eq!(band(59.999_999).as_deref(), Some("Berkembang"));
    assert_eq!(band(60.0).as_deref(), Some("Mapan"));
    assert_eq!(band(80.0).as_deref(), Some("Unggul"));
    assert_eq!(band(100.0).as_deref(), Some("Unggul"));
}

#[test]
fn a_summary_keeps_the_band_as_its_index_and_the_edge_labels_it() {
    use pmk3i::summary::{Labels, band_index};
    let fw = framework(vec![region_pillar("p", 1.0, vec![indicator("p.a", 1.0)])]);
    // Bands at 0/40/60/80 are indexes 0..3.
    assert_eq!(band_index(&fw, None), None);
    assert_eq!(band_index(&fw, Some(0.0)), Some(0));
    assert_eq!(band_index(&fw, Some(39.99)), Some(0));
    assert_eq!(band_index(&fw, Some(40.0)), Some(1));
    assert_eq!(band_index(&fw, Some(79.9)), Some(2));
    assert_eq!(band_index(&fw, Some(100.0)), Some(3));
    // One indicator at level 2 of 0..4: headline and pillar 50, the band from 40.
    let summary = pmk3i::summary::summarize(&fw, &region_level_exactly_two(&fw));
    assert_eq!(summary.self_assessed.headline_band, Some(1));
    assert_eq!(summary.self_assessed.pillars[0].band, Some(1));
    let labels = Labels::new(&fw, pmk3i::i18n::Lang::Id);
    assert_eq!(labels.band(Some(1)), Some("Berkembang"));
    assert_eq!(labels.band(None), None);
    // An index the framework does not have labels nothing (and does not panic).
    assert_eq!(labels.band(Some(4)), None);
    assert_eq!(labels.pillar("p"), "p");
    assert_eq!(labels.pillar("nope"), "");
}

#[test]
fn a_score_of_exactly_60_is_in_the_60_band_despite_rounding_errors() {
    let fw = framework(vec![region_pillar(
        "p",
        1.0,
        vec![indicator("p.a", 1.0), indicator("p.b", 1.0), indicator("p.c", 1.0)],
    )]);
    // Five helix groups, one respondent each:
    //   p.a: 0 0 0 0 0 → 0;   p.b: 4 4 4 4 1 → 17/5 = 3.4;   p.c: 4 4 4 4 3 → 19/5 = 3.8.
    // Score = 100 × (0 + 3.4 + 3.8) / 4 / 3 = 100 × 7.2 / 12 = 60 exactly, which f64
    // computes as 59.99999999999999 — shown as "60.0", so it must be in the 60 band.
    let rows = [
        ("A", 0.0, 4.0, 4.0),
        ("B", 0.0, 4.0, 4.0),
        ("C", 0.0, 4.0, 4.0),
        ("G", 0.0, 4.0, 4.0),
        ("M", 0.0, 1.0, 3.0),
    ];
    let respondents: Vec<RespondentAnswers> = rows
        .iter()
        .map(|(group, a, b, c)| {
            respondent(
                group,
                &[
                    (region("p.a"), level(*a)),
                    (region("p.b"), level(*b)),
                    (region("p.c"), level(*c)),
                ],
            )
        })
        .collect();
    let levels = effective_levels(
        &consolidate(&respondents),
        &Levels::new(),
        &Levels::new(),
        Basis::SelfAssessed,
    );
    let overall = scorecard(&fw, &levels, None).overall.unwrap();
    assert_close(overall, 60.0);
    assert_eq!(fw.band(overall).map(|b| b.label.0["id"].as_str()), Some("Mapan"));
}

// ── Properties ──────────────────────────────────────────────────────────────────

proptest::proptest! {
    /// For any answers to the gain example's framework, every recommendation's gain is
    /// exactly what the overall score wins when that indicator reaches the top.
    #[test]
    fn every_gain_is_what_the_top_level_adds(
        answers in proptest::collection::vec(proptest::option::of(0i64..=5), 4)
    ) {
        let (fw, _) = gain_example();
        let slots = ["p.a", "p.b", "q.a", "q.b"];
        // 5 stands for N/A; None for unanswered.
        let levels: Levels = slots
            .iter()
            .zip(&answers)
            .filter_map(|(s, a)| a.map(|a| (region(s), if a == 5 { NA } else { level(a as f64) })))
            .collect();
        let before = scorecard(&fw, &levels, None).overall;
        for gain in potential_gains(&fw, &levels, None) {
            let mut raised = levels.clone();
            raised.insert(gain.slot.clone(), level(4.0));
            let after = scorecard(&fw, &raised, None).overall.unwrap();
            proptest::prop_assert!((after - before.unwrap() - gain.gain).abs() < 1e-9);
        }
    }

    /// Scores stay within 0–100 and completeness within 0–1 for any answers.
    #[test]
    fn scores_stay_in_range(answers in proptest::collection::vec(proptest::option::of(0i64..=5), 4)) {
        let (fw, _) = gain_example();
        let slots = ["p.a", "p.b", "q.a", "q.b"];
        let levels: Levels = slots
            .iter()
            .zip(&answers)
            .filter_map(|(s, a)| a.map(|a| (region(s), if a == 5 { NA } else { level(a as f64) })))
            .collect();
        let card = scorecard(&fw, &levels, None);
        if let Some(overall) = card.overall {
            proptest::prop_assert!((0.0..=100.0).contains(&overall));
        }
        proptest::prop_assert!((0.0..=1.0).contains(&card.completeness().unwrap_or(0.0)));
    }
}

// ── Precise rules: exact levels, coverage, ties, "—", rounding ─────────────────────

/// Groups A = 4, 4, 3 and B = 2, 2, 1 give means 11/3 and 5/3: a gap of exactly 2 (which
/// a float subtraction makes 1.9999999999999998), so it is flagged.
#[test]
fn a_gap_of_exactly_two_between_fractional_group_means_is_flagged() {
    let slot = region("p.a");
    let mut people = Vec::new();
    for l in [4.0, 4.0, 3.0] {
        people.push(respondent("A", &[(slot.clone(), level(l))]));
    }
    for l in [2.0, 2.0, 1.0] {
        people.push(respondent("B", &[(slot.clone(), level(l))]));
    }
    let summary = consolidate(&people);
    assert_eq!(summary[&slot].gap, Some(2.0));
    assert!(summary[&slot].gap_flagged());
    // Region = (11/3 + 5/3) / 2 = 8/3.
    assert_eq!(summary[&slot].region, level(8.0 / 3.0));
}

/// A = 2; B = 0, 4, 4 (8/3); C = 1, 1, 2 (4/3): region = (2 + 8/3 + 4/3) / 3 = 6/3 = 2
/// exactly (summed in floats, 1.9999999999999998).
fn region_level_exactly_two(fw: &Framework) -> Assessment {
    let mut a = assessment(fw, &[], None);
    let mut add = |actor: &str, l: i64| {
        a.respondents.push(pmk3i::assessment::Respondent {
            id: a.respondents.len() as i64 + 1,
            name: format!("{actor}{}", a.respondents.len()),
            actor: Actor::parse(actor).expect("an actor id"),
            organisation: String::new(),
            uid: String::new(),
            answers: vec![pmk3i::assessment::StoredAnswer {
                indicator: "p.a".into(),
                subsector: None,
                level: Some(l),
                na: false,
                note: String::new(),
                evidence: String::new(),
                updated_at: String::new(),
            }],
        });
    };
    add("A", 2);
    for l in [0, 4, 4] {
        add("B", l);
    }
    for l in [1, 1, 2] {
        add("C", l);
    }
    a
}

#[test]
fn a_region_level_of_exactly_two_is_at_level_two_with_level_threes_next_step() {
    let fw = framework(vec![region_pillar("p", 1.0, vec![indicator("p.a", 1.0)])]);
    let a = region_level_exactly_two(&fw);
    let summary = pmk3i::summary::summarize(&fw, &a);
    let s = &summary.self_assessed;
    // One indicator at 2/4: headline 50.
    assert_eq!(s.headline_score, Some(50.0));
    let rec = &s.recommendations[0];
    assert_eq!(rec.level, 2.0);
    assert_eq!((rec.from_level, rec.next_level), (2, 3));
    // Level 2's next step, not level 1's ("Kembangkan").
    let labels = pmk3i::summary::Labels::new(&fw, pmk3i::i18n::Lang::Id);
    assert_eq!(labels.next_step(&rec.indicator, rec.from_level), "Rutinkan");
    // Gain to the top: 100 × (1 − 0.5) = 50; the next step alone: 100 × (0.75 − 0.5) = 25.
    assert_close(rec.gain, 50.0);
    assert_close(rec.next_gain, 25.0);
    // The rubric text shown for the indicator is level 2's.
    assert_eq!(
        labels.description(&s.indicators[0].indicator, s.indicators[0].level),
        "Berkembang"
    );
}

#[test]
fn a_target_equal_to_an_exact_whole_level_does_not_project_and_one_above_does() {
    let fw = framework(vec![region_pillar("p", 1.0, vec![indicator("p.a", 1.0)])]);
    let mut a = region_level_exactly_two(&fw);
    a.targets.push(pmk3i::assessment::Target {
        indicator: "p.a".into(),
        subsector: None,
        level: 2,
    });
    let at = pmk3i::summary::summarize(&fw, &a);
    // Target 2 on a level of exactly 2 changes nothing: still 50.
    assert_eq!(at.projected.as_ref().and_then(|p| p.headline_score), Some(50.0));
    a.targets[0].level = 3;
    let above = pmk3i::summary::summarize(&fw, &a);
    // Target 3: 3/4 = 75.
    assert_eq!(above.projected.as_ref().and_then(|p| p.headline_score), Some(75.0));
}

#[test]
fn coverage_counts_the_indicators_with_a_level_of_the_basis_own() {
    use pmk3i::assessment::{AgreedKind, AgreedLevel};
    let fw = framework(vec![region_pillar(
        "p",
        1.0,
        vec![
            indicator("p.a", 1.0),
            indicator("p.b", 1.0),
            indicator("p.c", 1.0),
            indicator("p.d", 1.0),
        ],
    )]);
    let mut a = region_level_exactly_two(&fw);
    let agreed = |kind, id: &str, l| AgreedLevel {
        kind,
        indicator: id.into(),
        subsector: None,
        level: Some(l),
        na: false,
        note: String::new(),
        evidence: String::new(),
        status: None,
        dissent: String::new(),
    };
    a.agreed.push(agreed(AgreedKind::Consensus, "p.a", 3));
    a.agreed.push(agreed(AgreedKind::Consensus, "p.b", 1));
    a.agreed.push(agreed(AgreedKind::Verified, "p.a", 4));
    let summary = pmk3i::summary::summarize(&fw, &a);
    let consensus = summary.consensus.expect("a consensus was recorded");
    let verified = summary.verified.expect("a verification was recorded");
    let c = consensus.coverage.expect("coverage");
    let v = verified.coverage.expect("coverage");
    assert_eq!((c.recorded, c.applicable), (2, 4));
    assert_eq!((v.recorded, v.applicable), (1, 4));
    assert_eq!(c.text(Basis::Consensus, pmk3i::i18n::Lang::Id), "disepakati 2/4, 50%");
    assert_eq!(v.text(Basis::Verified, pmk3i::i18n::Lang::Id), "terverifikasi 1/4, 25%");
    assert_eq!(v.text(Basis::Verified, pmk3i::i18n::Lang::En), "verified 1/4, 25%");
    // Consensus: p.a 3 and p.b 1 scored (p.c, p.d unanswered): 100 × (0.75 + 0.25) / 2 = 50.
    assert_eq!(consensus.headline_score, Some(50.0));
    // Verified: p.a 4 over consensus, p.b 1: 100 × (1 + 0.25) / 2 = 62.5.
    assert_eq!(verified.headline_score, Some(62.5));
    // The self-assessment covers nothing of its own.
    assert!(summary.self_assessed.coverage.is_none());
}

#[test]
fn coverage_reads_as_the_precise_rules_write_it() {
    use pmk3i::i18n::{Lang, fmt_coverage};
    // 5/74 = 6.76% → 7%; 12/74 = 16.2% → 16%.
    assert_eq!(fmt_coverage(true, 5, 74, Lang::Id), "terverifikasi 5/74, 7%");
    assert_eq!(fmt_coverage(false, 12, 74, Lang::Id), "disepakati 12/74, 16%");
    assert_eq!(fmt_coverage(false, 0, 0, Lang::En), "agreed 0/0, —");
}

#[test]
fn equal_candidates_keep_the_frameworks_subsector_order() {
    let fw = two_candidate_framework();
    // Framework order: kuliner, kriya, fesyen. Both score (50 + 50) / 2 = 50.
    let levels = answers(&[
        (region("kebijakan.perda"), level(2.0)),
        (for_candidate("kreasi.talenta", "fesyen"), level(2.0)),
        (for_candidate("kreasi.talenta", "kuliner"), level(2.0)),
    ]);
    let ranking = rank_candidates(&fw, &levels, &["fesyen".into(), "kuliner".into()]);
    let order: Vec<_> = ranking.iter().map(|c| c.candidate.as_deref()).collect();
    assert_eq!(order, [Some("kuliner"), Some("fesyen")]);
    assert_eq!(scoring::suggested_flagship(&ranking), Some("kuliner"));
}

#[test]
fn equal_gains_keep_the_frameworks_indicator_order() {
    // Framework order p.z, then p.a; both at 2 with equal weights: each gains
    // 100 × 1/2 × 0.5 = 25.
    let fw = framework(vec![region_pillar(
        "p",
        1.0,
        vec![indicator("p.z", 1.0), indicator("p.a", 1.0)],
    )]);
    let levels = answers(&[(region("p.a"), level(2.0)), (region("p.z"), level(2.0))]);
    let gains = potential_gains(&fw, &levels, None);
    let order: Vec<_> = gains.iter().map(|g| g.slot.indicator.as_str()).collect();
    assert_eq!(order, ["p.z", "p.a"]);
    assert_close(gains[0].gain, 25.0);
}

#[test]
fn nothing_applicable_has_no_completeness_not_zero() {
    let fw = framework(vec![subsector_pillar(
        "kreasi",
        1.0,
        vec![indicator_for("kreasi.kuliner_only", &["kuliner"])],
    )]);
    let card = scorecard(&fw, &Levels::new(), Some("kriya"));
    assert_eq!(card.applicable(), 0);
    assert_eq!(card.completeness(), None);
    assert_eq!(pmk3i::i18n::fmt_percent(card.completeness()), "—");
}

#[test]
fn an_indicator_only_an_assessor_answered_is_unanswered_for_the_region() {
    let fw = framework(vec![region_pillar(
        "p",
        1.0,
        vec![indicator("p.a", 1.0), indicator("p.b", 1.0)],
    )]);
    let mut a = region_level_exactly_two(&fw);
    a.respondents.push(pmk3i::assessment::Respondent {
        id: 99,
        name: "Asesor".into(),
        actor: pmk3i::actor::Actor::Assessor,
        organisation: String::new(),
        uid: String::new(),
        answers: vec![pmk3i::assessment::StoredAnswer {
            indicator: "p.b".into(),
            subsector: None,
            level: Some(4),
            na: false,
            note: String::new(),
            evidence: String::new(),
            updated_at: String::new(),
        }],
    });
    let r = pmk3i::assessment::compute_results(&fw, &a, Basis::SelfAssessed);
    // p.a is answered (2), p.b only by the assessor: 1 of 2 answered, score 50 from p.a.
    assert_eq!((r.headline.answered(), r.headline.applicable()), (1, 2));
    assert_eq!(r.headline.overall, Some(50.0));
}

#[test]
fn shown_numbers_round_half_away_from_zero() {
    use pmk3i::i18n::{fmt_level, fmt_percent, fmt_score};
    // 62.25 is exact in binary and a tie: away from zero → 62.3 (not the even 62.2).
    assert_eq!(fmt_score(Some(62.25)), "62.3");
    // 57.65 is stored as 57.6499…; its decimal reading is a tie → 57.7.
    assert_eq!(fmt_score(Some(57.65)), "57.7");
    assert_eq!(fmt_score(Some(0.05)), "0.1");
    assert_eq!(fmt_score(None), "—");
    // A level of 2.25 (the mean of 2 and 2.5) → 2.3; 2.5 stays 2.5.
    assert_eq!(fmt_level(2.25), "2.3");
    assert_eq!(fmt_level(2.5), "2.5");
    // 459/461 = 99.57% is not complete: 99%; 1/461 = 0.2% is not nothing: 1%;
    // 1/8 = 12.5% → 13%.
    assert_eq!(fmt_percent(Some(459.0 / 461.0)), "99%");
    assert_eq!(fmt_percent(Some(1.0 / 461.0)), "1%");
    assert_eq!(fmt_percent(Some(1.0 / 8.0)), "13%");
    assert_eq!(fmt_percent(Some(1.0)), "100%");
    assert_eq!(fmt_percent(Some(0.0)), "0%");
}

#[test]
fn without_a_self_assessed_score_each_basis_heads_its_own_best_candidate() {
    use pmk3i::assessment::{AgreedKind, AgreedLevel};
    let fw = two_candidate_framework();
    let mut a = assessment(&fw, &["kuliner", "kriya"], None);
    // Nobody answered; the discussion agreed kreasi.talenta 4 for kriya only.
    a.agreed.push(AgreedLevel {
        kind: AgreedKind::Consensus,
        indicator: "kreasi.talenta".into(),
        subsector: Some("kriya".into()),
        level: Some(4),
        na: false,
        note: String::new(),
        evidence: String::new(),
        status: None,
        dissent: String::new(),
    });
    let summary = pmk3i::summary::summarize(&fw, &a);
    assert_eq!(summary.self_assessed.headline_score, None);
    let consensus = summary.consensus.expect("consensus");
    assert_eq!(consensus.headline_candidate.as_deref(), Some("kriya"));
    assert_eq!(consensus.headline_score, Some(100.0));
}

#[test]
fn gains_means_and_gaps_round_like_scores() {
    use pmk3i::i18n::fmt_one_decimal;
    // 0.25 and 2.25 are exact ties in binary: away from zero, not to the even digit.
    assert_eq!(fmt_one_decimal(0.25), "0.3");
    assert_eq!(fmt_one_decimal(2.25), "2.3");
    assert_eq!(fmt_one_decimal(12.5), "12.5");
}
