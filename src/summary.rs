//! A serialisable view of an assessment's results — the one shape that the JSON export,
//! the CSV export, the reports, plain mode and the results screen all read, so their
//! numbers agree.
//!
//! The summary holds no words: only ids (pillars, indicators, subsectors, actors),
//! numbers and band indexes (into the framework's `bands`). It is therefore the same in
//! every language — a JSON export's `results` do not change with `--lang`, and switching
//! the screen's language only redraws it. The words are put in at the edges, through
//! [`Labels`].

use serde::Serialize;

use crate::assessment::{AgreedKind, Assessment, Results, compute_results, consolidated, results_for_levels};
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::scoring::{self, Basis, Scorecard, SlotKey};

#[derive(Clone, Debug, Serialize)]
pub struct PillarLine {
    pub pillar: String,
    pub score: Option<f64>,
    /// The index of the score's band in the framework's `bands` (see [`Labels::band`]).
    pub band: Option<usize>,
    pub answered: usize,
    pub applicable: usize,
    /// `None` when nothing is applicable ("—").
    pub completeness: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CandidateLine {
    pub candidate: Option<String>,
    pub score: Option<f64>,
    pub band: Option<usize>,
    pub completeness: Option<f64>,
    pub suggested: bool,
    pub chosen: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Recommendation {
    pub indicator: String,
    pub subsector: Option<String>,
    pub pillar: String,
    /// Current (possibly consolidated, fractional) level.
    pub level: f64,
    /// The rubric level the next step starts from (the current level rounded down);
    /// its `next` text is the step to take ([`Labels::next_step`]).
    pub from_level: i64,
    pub next_level: i64,
    /// The actors who lead the step.
    pub lead: Vec<crate::actor::Actor>,
    /// Headline points won if the indicator reached the top level (the ranking key).
    pub gain: f64,
    /// Headline points won by the next step alone (from the current level to `next_level`).
    pub next_gain: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct BasisSummary {
    pub basis: Basis,
    pub headline_candidate: Option<String>,
    pub headline_score: Option<f64>,
    pub headline_band: Option<usize>,
    pub completeness: Option<f64>,
    /// For the consensus and verified bases: how many of the headline candidate's
    /// applicable indicators have an agreed (or verified) level of their own. The rest
    /// fall back to the level below them, so a verified score built on 5 of 74 verified
    /// indicators says "terverifikasi 5/74".
    pub coverage: Option<Coverage>,
    pub suggested_flagship: Option<String>,
    pub chosen_flagship: Option<String>,
    pub candidates: Vec<CandidateLine>,
    pub pillars: Vec<PillarLine>,
    pub recommendations: Vec<Recommendation>,
    /// Every rated indicator of the headline candidate, strongest first.
    pub indicators: Vec<IndicatorLine>,
}

/// How many applicable indicators a basis recorded a level for itself.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Coverage {
    pub recorded: usize,
    pub applicable: usize,
}

impl Coverage {
    /// The coverage as people read it: "terverifikasi 5/74, 7%".
    pub fn text(&self, basis: Basis, lang: Lang) -> String {
        crate::i18n::fmt_coverage(basis == Basis::Verified, self.recorded, self.applicable, lang)
    }

    /// recorded / applicable; `None` when nothing is applicable.
    pub fn fraction(&self) -> Option<f64> {
        (self.applicable > 0).then(|| self.recorded as f64 / self.applicable as f64)
    }
}

/// A rated indicator; the rubric description of the level reached (the level rounded
/// down) is [`Labels::description`].
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorLine {
    pub indicator: String,
    pub subsector: Option<String>,
    pub pillar: String,
    pub level: f64,
    pub score: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct GapLine {
    pub indicator: String,
    pub subsector: Option<String>,
    pub group_means: std::collections::BTreeMap<crate::actor::Actor, f64>,
    pub gap: f64,
    pub flagged: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct TargetLine {
    pub indicator: String,
    pub subsector: Option<String>,
    pub current_level: Option<f64>,
    pub target_level: i64,
}

/// All results of an assessment: self-assessed always; consensus and verified when recorded.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub self_assessed: BasisSummary,
    pub consensus: Option<BasisSummary>,
    pub verified: Option<BasisSummary>,
    pub perception_gaps: Vec<GapLine>,
    pub targets: Vec<TargetLine>,
    /// The headline and pillar scores if every target were reached.
    pub projected: Option<BasisSummary>,
}

pub fn pillar_lines(framework: &Framework, card: &Scorecard) -> Vec<PillarLine> {
    card.pillars
        .iter()
        .map(|p| PillarLine {
            pillar: p.pillar.clone(),
            score: p.score,
            band: band_index(framework, p.score),
            answered: p.answered,
            applicable: p.applicable,
            completeness: p.completeness(),
        })
        .collect()
}

/// The index in the framework's `bands` of the band a 0–100 score falls in; `None`
/// without a score.
pub fn band_index(framework: &Framework, score: Option<f64>) -> Option<usize> {
    let band = framework.band(score?)?;
    framework.bands.iter().position(|b| std::ptr::eq(b, band))
}

pub fn recommendations(framework: &Framework, results: &Results) -> Vec<Recommendation> {
    let (_, max) = framework.scale_range();
    results
        .gains
        .iter()
        .filter_map(|g| {
            let (_, indicator) = framework.indicator(&g.slot.indicator)?;
            let from_level = (g.level.floor() as i64).min(max);
            let next_level = (from_level + 1).min(max);
            // The gain is linear in the indicator's score, so one step is worth the share
            // of the remaining distance to the top that it covers.
            let next_score = scoring::indicator_score(framework, next_level as f64);
            let next_gain = if g.score < 1.0 {
                g.gain * (next_score - g.score).max(0.0) / (1.0 - g.score)
            } else {
                0.0
            };
            Some(Recommendation {
                next_gain,
                indicator: g.slot.indicator.clone(),
                subsector: g.slot.subsector.clone(),
                pillar: g.pillar.clone(),
                level: g.level,
                from_level,
                next_level,
                lead: indicator.lead.clone(),
                gain: g.gain,
            })
        })
        .collect()
}

pub fn basis_summary(framework: &Framework, results: &Results) -> BasisSummary {
    let candidates = results
        .ranking
        .iter()
        .map(|c| CandidateLine {
            candidate: c.candidate.clone(),
            score: c.overall,
            band: band_index(framework, c.overall),
            completeness: c.completeness(),
            suggested: c.candidate.is_some() && c.candidate == results.suggested_flagship,
            chosen: c.candidate.is_some() && c.candidate == results.chosen_flagship,
        })
        .collect();
    BasisSummary {
        basis: results.basis,
        headline_candidate: results.headline.candidate.clone(),
        headline_score: results.headline.overall,
        headline_band: band_index(framework, results.headline.overall),
        completeness: results.headline.completeness(),
        coverage: None,
        suggested_flagship: results.suggested_flagship.clone(),
        chosen_flagship: results.chosen_flagship.clone(),
        candidates,
        pillars: pillar_lines(framework, &results.headline),
        recommendations: recommendations(framework, results),
        indicators: indicator_lines(framework, results),
    }
}

/// The headline candidate's rated indicators, highest score first (ties in framework order).
pub fn indicator_lines(framework: &Framework, results: &Results) -> Vec<IndicatorLine> {
    let candidate = results.headline.candidate.as_deref();
    let mut lines = Vec::new();
    for pillar in &framework.pillars {
        for i in 0..pillar.indicators.len() {
            let Some(slot) = scoring::slot_for(pillar, i, candidate) else {
                continue;
            };
            let Some(level) = results.levels.get(&slot).and_then(|a| a.level()) else {
                continue;
            };
            lines.push(IndicatorLine {
                indicator: pillar.indicators[i].id.clone(),
                subsector: slot.subsector.clone(),
                pillar: pillar.id.clone(),
                level,
                score: scoring::indicator_score(framework, level),
            });
        }
    }
    lines.sort_by(|a, b| b.score.total_cmp(&a.score));
    lines
}

/// The words of a summary in one language: what a band index, a pillar, indicator or
/// subsector id and a level stand for in the framework. Screens, reports, CSV and plain
/// mode label a [`Summary`] through this, so the summary itself stays language-free.
#[derive(Clone, Copy)]
pub struct Labels<'a> {
    pub framework: &'a Framework,
    pub lang: Lang,
}

impl<'a> Labels<'a> {
    pub fn new(framework: &'a Framework, lang: Lang) -> Labels<'a> {
        Labels { framework, lang }
    }

    /// The label of band `band` (an index from the summary); `None` without a band.
    pub fn band(&self, band: Option<usize>) -> Option<&'a str> {
        self.framework.bands.get(band?).map(|b| b.label.get(self.lang))
    }

    /// A pillar's title; empty for an id the framework does not have.
    pub fn pillar(&self, id: &str) -> &'a str {
        self.framework
            .pillar(id)
            .map(|p| p.title.get(self.lang))
            .unwrap_or_default()
    }

    /// An indicator's text; empty for an id the framework does not have.
    pub fn indicator(&self, id: &str) -> &'a str {
        self.framework
            .indicator(id)
            .map(|(_, i)| i.text.get(self.lang))
            .unwrap_or_default()
    }

    /// The rubric description of the level an indicator reached (`level` rounded down).
    pub fn description(&self, indicator: &str, level: f64) -> &'a str {
        self.framework
            .indicator(indicator)
            .and_then(|(_, i)| i.level(level.floor() as i64))
            .map(|l| l.description.get(self.lang))
            .unwrap_or_default()
    }

    /// What to do to climb from rubric level `from_level` (a recommendation's next step).
    pub fn next_step(&self, indicator: &str, from_level: i64) -> &'a str {
        self.framework
            .indicator(indicator)
            .and_then(|(_, i)| i.level(from_level))
            .and_then(|l| l.next.as_ref())
            .map(|t| t.get(self.lang))
            .unwrap_or_default()
    }

    /// A subsector's label (its id when the framework does not name it); empty for none.
    pub fn subsector(&self, id: Option<&str>) -> String {
        id.map(|s| self.framework.subsector_label(s, self.lang))
            .unwrap_or_default()
    }
}

/// Builds the whole summary of an assessment (the same in every language).
pub fn summarize(framework: &Framework, assessment: &Assessment) -> Summary {
    let self_assessed = compute_results(framework, assessment, Basis::SelfAssessed);
    // Consensus, verified and projected scores stand beside the self-assessment, so they
    // are scored for the same ecosystem: the chosen flagship, else the self-assessment's
    // headline candidate; only when the self-assessment has no score does each basis
    // speak of its own best candidate.
    let mut pinned = assessment.clone();
    pinned.chosen_flagship = assessment.chosen_flagship.clone().or_else(|| {
        self_assessed
            .headline
            .overall
            .and(self_assessed.headline.candidate.clone())
    });
    // Pinning is how the headline is chosen, not a choice the user made.
    let unpin = |mut b: BasisSummary| {
        b.chosen_flagship = assessment.chosen_flagship.clone();
        for c in &mut b.candidates {
            c.chosen = c.candidate.is_some() && c.candidate == assessment.chosen_flagship;
        }
        b
    };
    let optional = |kind: AgreedKind, basis: Basis| {
        assessment.has_agreed(kind).then(|| {
            let results = compute_results(framework, &pinned, basis);
            let recorded = assessment.agreed_levels(kind);
            let applicable = scoring::applicable_slots_of(framework, results.headline.candidate.as_deref());
            let coverage = Coverage {
                recorded: applicable.iter().filter(|k| recorded.contains_key(*k)).count(),
                applicable: applicable.len(),
            };
            let mut b = unpin(basis_summary(framework, &results));
            b.coverage = Some(coverage);
            b
        })
    };
    let consensus = optional(AgreedKind::Consensus, Basis::Consensus);
    let verified = optional(AgreedKind::Verified, Basis::Verified);
    let perception_gaps = consolidated(assessment)
        .into_iter()
        .filter_map(|(slot, s)| {
            let gap = s.gap?;
            Some(GapLine {
                indicator: slot.indicator,
                subsector: slot.subsector,
                flagged: gap >= scoring::GAP_FLAG_LEVELS,
                group_means: s.group_means,
                gap,
            })
        })
        .collect();
    let target_map = assessment.target_map();
    let mut targets: Vec<TargetLine> = target_map
        .iter()
        .map(|(slot, level)| TargetLine {
            indicator: slot.indicator.clone(),
            subsector: slot.subsector.clone(),
            current_level: self_assessed.levels.get(slot).and_then(|a| a.level()),
            target_level: *level,
        })
        .collect();
    targets.sort_by(|a, b| (&a.indicator, &a.subsector).cmp(&(&b.indicator, &b.subsector)));
    let projected = (!target_map.is_empty()).then(|| {
        let levels = scoring::with_targets(&self_assessed.levels, &target_map);
        unpin(basis_summary(
            framework,
            &results_for_levels(framework, &pinned, Basis::SelfAssessed, levels),
        ))
    });
    Summary {
        self_assessed: basis_summary(framework, &self_assessed),
        consensus,
        verified,
        perception_gaps,
        targets,
        projected,
    }
}

/// The slot label used in tables: "indicator" or "indicator @ subsector".
pub fn slot_label(slot: &SlotKey) -> String {
    match &slot.subsector {
        Some(s) => format!("{} @ {s}", slot.indicator),
        None => slot.indicator.clone(),
    }
}

/// How many strongest and weakest indicators the results and reports show.
pub const TOP_INDICATORS: usize = 5;

/// The potential (highest-scoring) and the problems (lowest-scoring) among rated
/// indicators, strongest first in `rated`. Each list takes at most half of them, so
/// none is in both; a strength scores above 0 and a problem is below the top level.
pub fn strengths_and_weaknesses(rated: &[IndicatorLine]) -> (Vec<&IndicatorLine>, Vec<&IndicatorLine>) {
    let take = (rated.len() / 2).min(TOP_INDICATORS);
    // Both come from the one strongest-first order (weakest = read from the end), so
    // equal scores can never put an indicator in both lists.
    let strengths = rated.iter().take(take).filter(|i| i.score > 0.0).collect();
    let weaknesses = rated.iter().rev().take(take).filter(|i| i.score < 1.0).collect();
    (strengths, weaknesses)
}
