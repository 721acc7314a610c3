//! The scoring contract (`shared/domain/FRAMEWORK-AND-SCORING.md`) as pure functions.
//!
//! Input is plain data — the framework and answers keyed by [`SlotKey`] — and output
//! is unrounded numbers; every screen, export and report computes through here so
//! they cannot disagree.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::framework::{Framework, Pillar, Scope};

/// A perception gap of this many levels or more between helix groups is flagged.
pub const GAP_FLAG_LEVELS: f64 = 2.0;

/// One answer slot: an indicator, and the candidate subsector for subsector-scoped pillars.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotKey {
    pub indicator: String,
    pub subsector: Option<String>,
}

impl SlotKey {
    pub fn new(indicator: &str, subsector: Option<&str>) -> SlotKey {
        SlotKey {
            indicator: indicator.to_string(),
            subsector: subsector.map(str::to_string),
        }
    }
}

/// An answer: a level on the scale (a real number once consolidated) or "not applicable".
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Answer {
    Level(f64),
    NotApplicable,
}

impl Answer {
    pub fn level(self) -> Option<f64> {
        match self {
            Answer::Level(l) => Some(l),
            Answer::NotApplicable => None,
        }
    }
}

/// The answers that count for scoring: one per answered slot.
pub type Levels = HashMap<SlotKey, Answer>;

/// One respondent's answers, with their helix group or the assessor role (never
/// counted in the self-assessment).
#[derive(Clone, Debug)]
pub struct RespondentAnswers {
    pub actor: Actor,
    pub answers: HashMap<SlotKey, Answer>,
}

/// The consolidated view of one slot across respondents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlotSummary {
    /// Mean level of each helix group that gave a level.
    pub group_means: BTreeMap<Actor, f64>,
    /// The region's answer: the mean of group means, or N/A when only N/A was given.
    pub region: Answer,
    /// Highest group mean minus lowest (groups with a level), when two or more groups answered.
    pub gap: Option<f64>,
}

impl SlotSummary {
    pub fn gap_flagged(&self) -> bool {
        self.gap.is_some_and(|g| g >= GAP_FLAG_LEVELS)
    }
}

/// An exact rational number: consolidated levels are means of group means of whole
/// levels, so they are fractions, and every comparison made with them (the gap flag, the
/// level an indicator is at, a target above it) must give the answer the exact value
/// gives. Sums are taken exactly and converted to `f64` once: a fraction that is a whole
/// number (11/3 − 5/3 = 2) then converts to exactly that number, and one that is not can
/// never round onto a whole number (its distance to one is at least 1/denominator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fraction {
    numerator: i128,
    denominator: i128,
}

impl Fraction {
    fn new(numerator: i128, denominator: i128) -> Fraction {
        let g = gcd(numerator.abs(), denominator.abs()).max(1);
        let sign = if denominator < 0 { -1 } else { 1 };
        Fraction {
            numerator: sign * numerator / g,
            denominator: sign * denominator / g,
        }
    }
    fn add(self, other: Fraction) -> Fraction {
        let g = gcd(self.denominator, other.denominator).max(1);
        let denominator = self.denominator / g * other.denominator;
        Fraction::new(
            self.numerator * (denominator / self.denominator) + other.numerator * (denominator / other.denominator),
            denominator,
        )
    }
    fn sub(self, other: Fraction) -> Fraction {
        self.add(Fraction::new(-other.numerator, other.denominator))
    }
    fn div_int(self, n: i128) -> Fraction {
        Fraction::new(self.numerator, self.denominator * n)
    }
    /// A level as a fraction: whole levels (what respondents answer) exactly; anything
    /// else on a grid of 2⁻²⁰, which is exact for halves, quarters and the like.
    fn from_level(level: f64) -> Fraction {
        if level.fract() == 0.0 {
            Fraction::new(level as i128, 1)
        } else {
            const GRID: i128 = 1 << 20;
            Fraction::new((level * GRID as f64).round() as i128, GRID)
        }
    }
    fn to_f64(self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Consolidates several respondents: each helix group's level is the mean of its
/// respondents; the region's level is the mean of the group means, so a group counts
/// once however many people it sent. Assessors never count here. Means and gaps are
/// computed exactly (see [`Fraction`]).
pub fn consolidate(respondents: &[RespondentAnswers]) -> BTreeMap<SlotKey, SlotSummary> {
    // slot -> group -> (sum, count); and slots where somebody said N/A.
    let mut sums: BTreeMap<&SlotKey, BTreeMap<Actor, (Fraction, i128)>> = BTreeMap::new();
    let mut answered: BTreeMap<&SlotKey, ()> = BTreeMap::new();
    for r in respondents.iter().filter(|r| r.actor.is_helix()) {
        for (key, answer) in &r.answers {
            answered.insert(key, ());
            if let Answer::Level(l) = answer {
                let entry = sums
                    .entry(key)
                    .or_default()
                    .entry(r.actor)
                    .or_insert((Fraction::new(0, 1), 0));
                entry.0 = entry.0.add(Fraction::from_level(*l));
                entry.1 += 1;
            }
        }
    }
    answered
        .into_keys()
        .map(|key| {
            let exact_means: BTreeMap<Actor, Fraction> = sums
                .get(key)
                .map(|groups| groups.iter().map(|(g, (sum, n))| (*g, sum.div_int(*n))).collect())
                .unwrap_or_default();
            let group_means: BTreeMap<Actor, f64> = exact_means.iter().map(|(g, m)| (*g, m.to_f64())).collect();
            let region = if exact_means.is_empty() {
                Answer::NotApplicable
            } else {
                let total = exact_means.values().fold(Fraction::new(0, 1), |acc, m| acc.add(*m));
                Answer::Level(total.div_int(exact_means.len() as i128).to_f64())
            };
            let gap = (exact_means.len() >= 2).then(|| {
                let by_value =
                    |a: &&Fraction, b: &&Fraction| (a.numerator * b.denominator).cmp(&(b.numerator * a.denominator));
                let max = exact_means.values().max_by(by_value);
                let min = exact_means.values().min_by(by_value);
                match (max, min) {
                    (Some(max), Some(min)) => max.sub(*min).to_f64(),
                    _ => 0.0,
                }
            });
            (
                key.clone(),
                SlotSummary {
                    group_means,
                    region,
                    gap,
                },
            )
        })
        .collect()
}

/// Which levels a score is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The respondents' consolidated self-assessment.
    SelfAssessed,
    /// The agreed level from the workshop discussion (DKT) where recorded, else the mean.
    Consensus,
    /// The uji petik verified level where recorded, else consensus, else the mean.
    Verified,
}

/// The levels a basis scores: verified over consensus over the consolidated mean.
pub fn effective_levels(
    consolidated: &BTreeMap<SlotKey, SlotSummary>,
    consensus: &Levels,
    verified: &Levels,
    basis: Basis,
) -> Levels {
    let mut levels: Levels = consolidated.iter().map(|(k, s)| (k.clone(), s.region)).collect();
    if matches!(basis, Basis::Consensus | Basis::Verified) {
        levels.extend(consensus.iter().map(|(k, a)| (k.clone(), *a)));
    }
    if basis == Basis::Verified {
        levels.extend(verified.iter().map(|(k, a)| (k.clone(), *a)));
    }
    levels
}

/// Indicator score s = (level − min) / (max − min), clamped to [0, 1].
pub fn indicator_score(framework: &Framework, level: f64) -> f64 {
    let (min, max) = framework.scale_range();
    let span = max as f64 - min as f64;
    if span <= 0.0 {
        return 0.0;
    }
    ((level - min as f64) / span).clamp(0.0, 1.0)
}

/// The score of one pillar for one candidate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PillarScore {
    pub pillar: String,
    /// 0–100, or `None` when no applicable indicator has a level (shown as "—", never 0).
    pub score: Option<f64>,
    /// Applicable indicators answered, N/A included.
    pub answered: usize,
    pub applicable: usize,
}

impl PillarScore {
    /// Answered / applicable; `None` when nothing is applicable (shown as "—", not 0%).
    pub fn completeness(&self) -> Option<f64> {
        ratio(self.answered, self.applicable)
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The scores of one candidate subsector's ecosystem (or of the region when the
/// framework has no subsector-scoped pillars).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scorecard {
    pub candidate: Option<String>,
    pub overall: Option<f64>,
    pub pillars: Vec<PillarScore>,
}

impl Scorecard {
    pub fn answered(&self) -> usize {
        self.pillars.iter().map(|p| p.answered).sum()
    }
    pub fn applicable(&self) -> usize {
        self.pillars.iter().map(|p| p.applicable).sum()
    }
    /// Answered / applicable; `None` when nothing is applicable.
    pub fn completeness(&self) -> Option<f64> {
        ratio(self.answered(), self.applicable())
    }
    pub fn pillar(&self, id: &str) -> Option<&PillarScore> {
        self.pillars.iter().find(|p| p.pillar == id)
    }
}

/// The slot a pillar's indicator is answered in, for a candidate; `None` when the
/// indicator is not asked for that candidate.
pub fn slot_for(pillar: &Pillar, indicator_index: usize, candidate: Option<&str>) -> Option<SlotKey> {
    let indicator = pillar.indicators.get(indicator_index)?;
    match pillar.scope {
        Scope::Region => Some(SlotKey::new(&indicator.id, None)),
        Scope::Subsector => {
            let c = candidate?;
            indicator.applies_to(c).then(|| SlotKey::new(&indicator.id, Some(c)))
        }
    }
}

/// Every slot asked for a candidate (region pillars, and the candidate's own subsector
/// pillars), in framework order.
pub fn applicable_slots_of(framework: &Framework, candidate: Option<&str>) -> Vec<SlotKey> {
    framework
        .pillars
        .iter()
        .filter(|p| p.scope == Scope::Region || candidate.is_some())
        .flat_map(|p| applicable_slots(p, candidate).into_iter().map(|(k, _)| k))
        .collect()
}

/// A pillar's applicable slots for a candidate, with each indicator's weight.
fn applicable_slots(pillar: &Pillar, candidate: Option<&str>) -> Vec<(SlotKey, f64)> {
    (0..pillar.indicators.len())
        .filter_map(|i| slot_for(pillar, i, candidate).map(|k| (k, pillar.indicators[i].weight)))
        .collect()
}

/// Pillar score = 100 × Σ wᵢ·sᵢ / Σ wᵢ over applicable, answered, non-N/A indicators.
pub fn pillar_score(framework: &Framework, pillar: &Pillar, levels: &Levels, candidate: Option<&str>) -> PillarScore {
    let slots = applicable_slots(pillar, candidate);
    let mut weighted = 0.0;
    let mut weights = 0.0;
    let mut answered = 0;
    for (key, w) in &slots {
        match levels.get(key) {
            Some(Answer::Level(l)) => {
                answered += 1;
                weighted += w * indicator_score(framework, *l);
                weights += w;
            }
            Some(Answer::NotApplicable) => answered += 1,
            None => {}
        }
    }
    PillarScore {
        pillar: pillar.id.clone(),
        score: (weights > 0.0).then(|| 100.0 * weighted / weights),
        answered,
        applicable: slots.len(),
    }
}

/// The scorecard of one candidate: every pillar, and the overall score
/// Σ Wₚ·Pₚ / Σ Wₚ over pillars that have a score.
pub fn scorecard(framework: &Framework, levels: &Levels, candidate: Option<&str>) -> Scorecard {
    let pillars: Vec<PillarScore> = framework
        .pillars
        .iter()
        .filter(|p| p.scope == Scope::Region || candidate.is_some())
        .map(|p| pillar_score(framework, p, levels, candidate))
        .collect();
    let (mut weighted, mut weights) = (0.0, 0.0);
    for ps in &pillars {
        if let (Some(score), Some(p)) = (ps.score, framework.pillar(&ps.pillar)) {
            weighted += p.weight * score;
            weights += p.weight;
        }
    }
    Scorecard {
        candidate: candidate.map(str::to_string),
        overall: (weights > 0.0).then(|| weighted / weights),
        pillars,
    }
}

/// Scorecards of every candidate, best ecosystem first (unscored last; equal scores keep
/// the framework's subsector order). The first scored one is the suggested flagship.
pub fn rank_candidates(framework: &Framework, levels: &Levels, candidates: &[String]) -> Vec<Scorecard> {
    let mut cards: Vec<Scorecard> = if candidates.is_empty() {
        vec![scorecard(framework, levels, None)]
    } else {
        let mut ordered: Vec<&String> = candidates.iter().collect();
        ordered.sort_by_key(|c| subsector_order(framework, c));
        ordered
            .into_iter()
            .map(|c| scorecard(framework, levels, Some(c)))
            .collect()
    };
    // A stable sort: ties stay in framework order.
    cards.sort_by_key(|c| std::cmp::Reverse(c.overall.map(tie_key)));
    cards
}

/// Scores and gains that are equal in exact arithmetic can differ in the last bits of a
/// float; comparing them on a grid of 10⁻⁹ points makes such ties ties, so the
/// framework's order decides (never an accident of rounding).
fn tie_key(value: f64) -> i64 {
    (value * 1e9).round() as i64
}

/// A subsector's place in the framework's list (unknown ones last).
fn subsector_order(framework: &Framework, id: &str) -> usize {
    framework
        .subsectors
        .iter()
        .position(|s| s.id == id)
        .unwrap_or(usize::MAX)
}

/// A slot's place in the framework: pillar, indicator, then subsector order.
fn slot_order(framework: &Framework, slot: &SlotKey) -> (usize, usize, usize) {
    for (p, pillar) in framework.pillars.iter().enumerate() {
        if let Some(i) = pillar.indicators.iter().position(|x| x.id == slot.indicator) {
            let s = slot.subsector.as_deref().map_or(0, |s| subsector_order(framework, s));
            return (p, i, s);
        }
    }
    (usize::MAX, usize::MAX, usize::MAX)
}

/// The suggested flagship: the best-ranked candidate that has a score.
pub fn suggested_flagship(ranking: &[Scorecard]) -> Option<&str> {
    ranking
        .iter()
        .find(|c| c.overall.is_some())
        .and_then(|c| c.candidate.as_deref())
}

/// The candidate whose score is the headline: the chosen flagship, else the suggested
/// one, else the first candidate.
pub fn headline_candidate<'a>(ranking: &'a [Scorecard], chosen: Option<&str>) -> Option<&'a Scorecard> {
    chosen
        .and_then(|c| ranking.iter().find(|s| s.candidate.as_deref() == Some(c)))
        .or_else(|| ranking.iter().find(|c| c.overall.is_some()))
        .or_else(|| ranking.first())
}

/// What one indicator would add to the headline score at the top level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gain {
    pub slot: SlotKey,
    pub pillar: String,
    /// The current (possibly consolidated, fractional) level.
    pub level: f64,
    pub score: f64,
    /// Overall points won if this indicator reached the top level, all else fixed.
    pub gain: f64,
}

/// Potential gain = 100 × (Wₚ/ΣW) × (wᵢ/Σw in its pillar) × (1 − sᵢ), the sums taken
/// over scored pillars and scored indicators as in the scores. Highest gain first;
/// indicators already at the top are left out.
pub fn potential_gains(framework: &Framework, levels: &Levels, candidate: Option<&str>) -> Vec<Gain> {
    let card = scorecard(framework, levels, candidate);
    let total_pillar_weight: f64 = card
        .pillars
        .iter()
        .filter(|p| p.score.is_some())
        .filter_map(|p| framework.pillar(&p.pillar).map(|x| x.weight))
        .sum();
    let mut gains = Vec::new();
    if total_pillar_weight <= 0.0 {
        return gains;
    }
    for ps in card.pillars.iter().filter(|p| p.score.is_some()) {
        let Some(pillar) = framework.pillar(&ps.pillar) else {
            continue;
        };
        let scored: Vec<(SlotKey, f64, f64)> = applicable_slots(pillar, candidate)
            .into_iter()
            .filter_map(|(k, w)| match levels.get(&k) {
                Some(Answer::Level(l)) => {
                    let l = *l;
                    Some((k, w, l))
                }
                _ => None,
            })
            .collect();
        let indicator_weights: f64 = scored.iter().map(|(_, w, _)| w).sum();
        for (slot, w, level) in scored {
            let s = indicator_score(framework, level);
            let gain = 100.0 * (pillar.weight / total_pillar_weight) * (w / indicator_weights) * (1.0 - s);
            if gain > 1e-9 {
                gains.push(Gain {
                    slot,
                    pillar: pillar.id.clone(),
                    level,
                    score: s,
                    gain,
                });
            }
        }
    }
    // Equal gains keep the framework's indicator order (a stable sort over slots taken in
    // framework order).
    gains.sort_by_cached_key(|g| slot_order(framework, &g.slot));
    gains.sort_by_key(|g| std::cmp::Reverse(tie_key(g.gain)));
    gains
}

/// Levels with target levels applied (a target never lowers an answer), for what-if
/// projections of the roadmap.
pub fn with_targets(levels: &Levels, targets: &HashMap<SlotKey, i64>) -> Levels {
    let mut projected = levels.clone();
    for (slot, target) in targets {
        let target = *target as f64;
        let current = projected.get(slot).and_then(|a| a.level());
        if current.is_none_or(|c| c < target) {
            projected.insert(slot.clone(), Answer::Level(target));
        }
    }
    projected
}
