//! An assessment as plain data — profile, respondents, answers, texts, agreed levels
//! and targets — and the results computed from it. The store reads and writes these;
//! exports serialise them; screens and reports read [`Results`].

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::framework::{Framework, Problem, parse_framework};
use crate::scoring::{self, Answer, Basis, Gain, Levels, RespondentAnswers, Scorecard, SlotKey, SlotSummary};

/// Kabupaten (regency) or kota (city).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    Kabupaten,
    Kota,
}

impl RegionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RegionKind::Kabupaten => "kabupaten",
            RegionKind::Kota => "kota",
        }
    }
    pub fn parse(s: &str) -> Option<RegionKind> {
        match s {
            "kabupaten" => Some(RegionKind::Kabupaten),
            "kota" => Some(RegionKind::Kota),
            _ => None,
        }
    }
    /// "Kab. X" / "Kota X": the short form for narrow lists.
    pub fn short_name(self, name: &str) -> String {
        match self {
            RegionKind::Kabupaten => format!("Kab. {name}"),
            RegionKind::Kota => format!("Kota {name}"),
        }
    }

    /// Splits a typed region name that starts with its kind ("Kabupaten Banyuwangi",
    /// "Kab. Banyuwangi", "Kota Solo") into the bare name and that kind, so the name is
    /// not shown as "Kabupaten Kabupaten Banyuwangi".
    pub fn split_typed(typed: &str) -> (String, Option<RegionKind>) {
        let trimmed = typed.trim();
        let lower = trimmed.to_lowercase();
        for (prefix, kind) in [
            ("kabupaten ", RegionKind::Kabupaten),
            ("kab. ", RegionKind::Kabupaten),
            ("kab ", RegionKind::Kabupaten),
            ("kota ", RegionKind::Kota),
        ] {
            if lower.starts_with(prefix) {
                let rest = trimmed[prefix.len()..].trim();
                if !rest.is_empty() {
                    return (rest.to_string(), Some(kind));
                }
            }
        }
        (trimmed.to_string(), None)
    }

    /// "Kabupaten X" / "Kota X": how regions are named.
    pub fn display_name(self, name: &str) -> String {
        match self {
            RegionKind::Kabupaten => format!("Kabupaten {name}"),
            RegionKind::Kota => format!("Kota {name}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub name: String,
    pub kind: RegionKind,
    pub province: String,
}

/// The helix groups a respondent can belong to, plus the assessor (*asesor*).
pub const ACTOR_GROUPS: &[&str] = &["A", "B", "C", "G", "M", scoring::ASSESSOR];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredAnswer {
    pub indicator: String,
    #[serde(default)]
    pub subsector: Option<String>,
    /// The chosen scale level; `None` when only N/A, a note or evidence was given.
    pub level: Option<i64>,
    #[serde(default)]
    pub na: bool,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub updated_at: String,
}

impl StoredAnswer {
    pub fn slot(&self) -> SlotKey {
        SlotKey::new(&self.indicator, self.subsector.as_deref())
    }
    /// The answer for scoring, when one was given.
    pub fn answer(&self) -> Option<Answer> {
        if self.na {
            Some(Answer::NotApplicable)
        } else {
            self.level.map(|l| Answer::Level(l as f64))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Respondent {
    #[serde(default)]
    pub id: i64,
    pub name: String,
    /// A, B, C, G, M or `asesor`.
    pub actor: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub answers: Vec<StoredAnswer>,
}

impl Respondent {
    pub fn answer(&self, slot: &SlotKey) -> Option<&StoredAnswer> {
        self.answers
            .iter()
            .find(|a| a.indicator == slot.indicator && a.subsector == slot.subsector)
    }
}

/// Free text per pillar (and candidate subsector, for subsector-scoped pillars).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextKind {
    /// *Praktik baik*: best practices.
    BestPractice,
    /// *Permasalahan*: problems.
    Problem,
}

impl TextKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TextKind::BestPractice => "best_practice",
            TextKind::Problem => "problem",
        }
    }
    pub fn parse(s: &str) -> Option<TextKind> {
        match s {
            "best_practice" => Some(TextKind::BestPractice),
            "problem" => Some(TextKind::Problem),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PillarText {
    pub pillar: String,
    #[serde(default)]
    pub subsector: Option<String>,
    pub kind: TextKind,
    pub body: String,
}

/// A level agreed in discussion (consensus) or verified at uji petik.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreedKind {
    Consensus,
    Verified,
}

impl AgreedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreedKind::Consensus => "consensus",
            AgreedKind::Verified => "verified",
        }
    }
    pub fn parse(s: &str) -> Option<AgreedKind> {
        match s {
            "consensus" => Some(AgreedKind::Consensus),
            "verified" => Some(AgreedKind::Verified),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreedLevel {
    pub kind: AgreedKind,
    pub indicator: String,
    #[serde(default)]
    pub subsector: Option<String>,
    pub level: Option<i64>,
    #[serde(default)]
    pub na: bool,
    #[serde(default)]
    pub note: String,
}

/// A target level for the next period: the assessment's roadmap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub indicator: String,
    #[serde(default)]
    pub subsector: Option<String>,
    pub level: i64,
}

/// One assessment with everything recorded for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    #[serde(default)]
    pub id: i64,
    pub region: Region,
    pub period: String,
    pub framework_id: String,
    pub framework_version: String,
    pub framework_hash: String,
    /// Candidate subsectors, in the order they were named.
    pub candidates: Vec<String>,
    pub chosen_flagship: Option<String>,
    pub status: String,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
    /// Where the walk was left, to resume there.
    #[serde(default)]
    pub cursor: Option<SlotKey>,
    /// Who was answering when the walk was left (respondent ids are local to one
    /// database, so this is not exported).
    #[serde(default, skip)]
    pub cursor_mode: Option<String>,
    pub respondents: Vec<Respondent>,
    #[serde(default)]
    pub pillar_texts: Vec<PillarText>,
    #[serde(default)]
    pub agreed: Vec<AgreedLevel>,
    #[serde(default)]
    pub targets: Vec<Target>,
}

impl Assessment {
    pub fn respondent_answers(&self) -> Vec<RespondentAnswers> {
        self.respondents
            .iter()
            .map(|r| RespondentAnswers {
                actor: r.actor.clone(),
                answers: r
                    .answers
                    .iter()
                    .filter_map(|a| a.answer().map(|v| (a.slot(), v)))
                    .collect(),
            })
            .collect()
    }

    pub fn agreed_levels(&self, kind: AgreedKind) -> Levels {
        self.agreed
            .iter()
            .filter(|a| a.kind == kind)
            .filter_map(|a| {
                let answer = if a.na {
                    Some(Answer::NotApplicable)
                } else {
                    a.level.map(|l| Answer::Level(l as f64))
                };
                answer.map(|v| (SlotKey::new(&a.indicator, a.subsector.as_deref()), v))
            })
            .collect()
    }

    pub fn target_map(&self) -> HashMap<SlotKey, i64> {
        self.targets
            .iter()
            .map(|t| (SlotKey::new(&t.indicator, t.subsector.as_deref()), t.level))
            .collect()
    }

    pub fn pillar_text(&self, pillar: &str, subsector: Option<&str>, kind: TextKind) -> &str {
        self.pillar_texts
            .iter()
            .find(|t| t.pillar == pillar && t.subsector.as_deref() == subsector && t.kind == kind)
            .map(|t| t.body.as_str())
            .unwrap_or("")
    }

    /// Whether any consensus (or verified) level was recorded; a note alone is not one.
    pub fn has_agreed(&self, kind: AgreedKind) -> bool {
        self.agreed
            .iter()
            .any(|a| a.kind == kind && (a.na || a.level.is_some()))
    }
}

/// An assessment's framework snapshot: the exact framework it was started with.
pub fn snapshot_framework(json: &str) -> Result<Framework, Vec<Problem>> {
    parse_framework("framework snapshot", json.as_bytes())
}

/// Everything computed for one assessment on one basis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Results {
    pub basis: Basis,
    /// Candidates, best ecosystem first.
    pub ranking: Vec<Scorecard>,
    pub suggested_flagship: Option<String>,
    pub chosen_flagship: Option<String>,
    /// The scorecard whose overall is the region's headline score.
    pub headline: Scorecard,
    /// Recommendations for the headline candidate, highest potential gain first.
    pub gains: Vec<Gain>,
    #[serde(skip)]
    pub levels: Levels,
}

impl Results {
    pub fn headline_score(&self) -> Option<f64> {
        self.headline.overall
    }
}

/// Computes the results of an assessment on a basis, with the framework's band labels
/// in Indonesian (the language of record in exports).
pub fn compute_results(framework: &Framework, assessment: &Assessment, basis: Basis) -> Results {
    let consolidated = consolidated(assessment);
    let levels = scoring::effective_levels(
        &consolidated,
        &assessment.agreed_levels(AgreedKind::Consensus),
        &assessment.agreed_levels(AgreedKind::Verified),
        basis,
    );
    results_for_levels(framework, assessment, basis, levels)
}

/// Results for given levels (used for target projections too).
pub fn results_for_levels(framework: &Framework, assessment: &Assessment, basis: Basis, levels: Levels) -> Results {
    let ranking = scoring::rank_candidates(framework, &levels, &assessment.candidates);
    let suggested = scoring::suggested_flagship(&ranking).map(str::to_string);
    let headline = scoring::headline_candidate(&ranking, assessment.chosen_flagship.as_deref())
        .cloned()
        .unwrap_or_else(|| scoring::scorecard(framework, &levels, None));
    let gains = scoring::potential_gains(framework, &levels, headline.candidate.as_deref());
    Results {
        basis,
        ranking,
        suggested_flagship: suggested,
        chosen_flagship: assessment.chosen_flagship.clone(),
        headline,
        gains,
        levels,
    }
}

/// Per-slot consolidation across respondents (group means, region level, gap).
pub fn consolidated(assessment: &Assessment) -> BTreeMap<SlotKey, SlotSummary> {
    scoring::consolidate(&assessment.respondent_answers())
}

/// Checks that an assessment's record fits its framework: candidates and flagship are
/// declared subsectors, every answer, agreed level and target names an indicator that
/// is asked for that slot, and every level is on the scale. Used before importing, so
/// a hand-edited export cannot put answers where the walk and the scores never look.
/// Each problem is a JSON path inside the export and what is wrong.
pub fn check_against(framework: &Framework, a: &Assessment) -> Vec<(String, crate::i18n::Message)> {
    use crate::i18n::Message;
    let mut problems = Vec::new();
    for (i, c) in a.candidates.iter().enumerate() {
        if !framework.subsectors.iter().any(|s| &s.id == c) {
            problems.push((
                format!("assessment.candidates[{i}]"),
                Message::new(
                    format!("subsektor \"{c}\" tidak ada di kerangka"),
                    format!("subsector \"{c}\" is not in the framework"),
                ),
            ));
        }
    }
    if let Some(f) = &a.chosen_flagship
        && !a.candidates.contains(f)
    {
        problems.push((
            "assessment.chosen_flagship".into(),
            Message::new(
                format!("\"{f}\" bukan subsektor kandidat"),
                format!("\"{f}\" is not a candidate subsector"),
            ),
        ));
    }
    let scale: Vec<i64> = framework.scale.iter().map(|s| s.value).collect();
    let check_slot = |path: &str,
                      indicator: &str,
                      subsector: Option<&str>,
                      level: Option<i64>,
                      problems: &mut Vec<(String, Message)>| {
        let Some((pillar, ind)) = framework.indicator(indicator) else {
            problems.push((
                path.to_string(),
                Message::new(
                    format!("indikator \"{indicator}\" tidak ada di kerangka"),
                    format!("indicator \"{indicator}\" is not in the framework"),
                ),
            ));
            return;
        };
        let asked = match (pillar.scope, subsector) {
            (crate::framework::Scope::Region, None) => true,
            (crate::framework::Scope::Subsector, Some(s)) => a.candidates.iter().any(|c| c == s) && ind.applies_to(s),
            _ => false,
        };
        if !asked {
            let shown = subsector.unwrap_or("—");
            problems.push((
                path.to_string(),
                Message::new(
                    format!("indikator \"{indicator}\" tidak ditanyakan untuk subsektor {shown}"),
                    format!("indicator \"{indicator}\" is not asked for subsector {shown}"),
                ),
            ));
        }
        if let Some(l) = level
            && !scale.contains(&l)
        {
            problems.push((
                format!("{path}.level"),
                Message::new(
                    format!("tingkat {l} tidak ada di skala {scale:?}"),
                    format!("level {l} is not on the scale {scale:?}"),
                ),
            ));
        }
    };
    for (r, respondent) in a.respondents.iter().enumerate() {
        for (k, ans) in respondent.answers.iter().enumerate() {
            let path = format!("assessment.respondents[{r}].answers[{k}]");
            check_slot(
                &path,
                &ans.indicator,
                ans.subsector.as_deref(),
                ans.level,
                &mut problems,
            );
        }
    }
    for (k, g) in a.agreed.iter().enumerate() {
        check_slot(
            &format!("assessment.agreed[{k}]"),
            &g.indicator,
            g.subsector.as_deref(),
            g.level,
            &mut problems,
        );
    }
    for (k, t) in a.targets.iter().enumerate() {
        check_slot(
            &format!("assessment.targets[{k}]"),
            &t.indicator,
            t.subsector.as_deref(),
            Some(t.level),
            &mut problems,
        );
    }
    problems
}
