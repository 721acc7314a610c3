//! An assessment as plain data — profile, respondents, answers, texts, agreed levels
//! and targets — and the results computed from it. The store reads and writes these;
//! exports serialise them; screens and reports read [`Results`].

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::actor::Actor;
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
#[serde(deny_unknown_fields)]
pub struct Region {
    pub name: String,
    pub kind: RegionKind,
    pub province: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct Respondent {
    #[serde(default)]
    pub id: i64,
    /// A stable id, the same on every laptop the respondent's answers travel through;
    /// merging exports matches respondents by it (exports from before it existed have
    /// none: they fall back to name and helix group).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    pub name: String,
    pub actor: Actor,
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
    /// The evidence seen (in the discussion, or on the uji petik visit). Left out of
    /// exports when empty, so exports from before it stay byte-identical.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// Verified levels: what the visit found (terverifikasi, tidak sesuai, tidak dikunjungi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::workshop::VerifyStatus>,
    /// Consensus levels: who did not agree and why ("Komunitas tidak sepakat: …").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dissent: String,
}

/// A target level for the next period: the assessment's roadmap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub indicator: String,
    #[serde(default)]
    pub subsector: Option<String>,
    pub level: i64,
}

/// Who is walking the borang: one respondent (by stored id) answering for themself,
/// the consensus walk of the discussion (*DKT*), or the verification walk of uji petik.
/// Written in recovery and draft files as `"respondent:3"`, `"consensus"`, `"verified"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Walker {
    Respondent(i64),
    Consensus,
    Verified,
}

impl Walker {
    /// The agreed level this walk records, for the consensus and verification walks.
    pub fn agreed(self) -> Option<AgreedKind> {
        match self {
            Walker::Respondent(_) => None,
            Walker::Consensus => Some(AgreedKind::Consensus),
            Walker::Verified => Some(AgreedKind::Verified),
        }
    }

    pub fn of_agreed(kind: AgreedKind) -> Walker {
        match kind {
            AgreedKind::Consensus => Walker::Consensus,
            AgreedKind::Verified => Walker::Verified,
        }
    }

    pub fn respondent(self) -> Option<i64> {
        match self {
            Walker::Respondent(id) => Some(id),
            _ => None,
        }
    }

    /// The text form (`respondent:3`, `consensus`, `verified`).
    pub fn key(self) -> String {
        match self {
            Walker::Respondent(id) => format!("respondent:{id}"),
            Walker::Consensus => "consensus".to_string(),
            Walker::Verified => "verified".to_string(),
        }
    }

    /// Reads [`Walker::key`]; also the older cursor mode, whose `quick:` prefix (the
    /// quick self-check) is then dropped: such a position reopens the full borang.
    pub fn parse(key: &str) -> Option<Walker> {
        let key = key.strip_prefix("quick:").unwrap_or(key);
        if let Some(id) = key.strip_prefix("respondent:") {
            return id.parse().ok().map(Walker::Respondent);
        }
        AgreedKind::parse(key).map(Walker::of_agreed)
    }
}

impl Serialize for Walker {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

/// Reads the text form, and a bare respondent id as drafts wrote it before (`"respondent": 3`).
impl<'de> Deserialize<'de> for Walker {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Walker, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Id(i64),
            Key(String),
        }
        match Written::deserialize(deserializer)? {
            Written::Id(id) => Ok(Walker::Respondent(id)),
            Written::Key(key) => Walker::parse(&key).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown walker \"{key}\" (respondent:<id>, consensus or verified)"
                ))
            }),
        }
    }
}

/// Where one walker left the walk, so that they (and only they) resume there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkPosition {
    pub walker: Walker,
    /// In the quick self-check rather than the full borang.
    pub quick: bool,
    pub slot: SlotKey,
}

/// One assessment with everything recorded for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(default)]
    pub id: i64,
    pub region: Region,
    pub period: String,
    /// Made by `pmk3i import --copy` from a file imported before: shown as "salinan
    /// impor" / "import copy" beside the period, which stays the file's. Left out of
    /// exports when false, so other exports stay as they were.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub import_copy: bool,
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
    /// Where the last walk was left: what exports carry (an import gives it to the
    /// first respondent who is not an assessor).
    #[serde(default)]
    pub cursor: Option<SlotKey>,
    /// Where each walker left the walk, the most recent first (respondent ids are
    /// local to one database, so these are not exported).
    #[serde(default, skip)]
    pub positions: Vec<WalkPosition>,
    pub respondents: Vec<Respondent>,
    #[serde(default)]
    pub pillar_texts: Vec<PillarText>,
    #[serde(default)]
    pub agreed: Vec<AgreedLevel>,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The discussion, the visits, the pulled subsectors and the commitments (left out
    /// of exports when nothing was recorded, so older exports stay as they were).
    #[serde(default, skip_serializing_if = "crate::workshop::Workshop::is_empty")]
    pub workshop: crate::workshop::Workshop,
}

impl Assessment {
    /// Leaves out records that hold nothing: an answer or agreed level cleared with no
    /// note or evidence left, and a best-practice or problem text that is empty. The
    /// store keeps such rows when an editor is closed empty or a level is cleared;
    /// exports and reports never show them (an empty `verified` or `problem` row would
    /// read as if something had been recorded).
    pub fn drop_empty_records(&mut self) {
        for r in &mut self.respondents {
            r.answers
                .retain(|a| a.level.is_some() || a.na || !a.note.trim().is_empty() || !a.evidence.trim().is_empty());
        }
        self.agreed
            .retain(|g| g.level.is_some() || g.na || !g.note.trim().is_empty());
        self.pillar_texts.retain(|t| !t.body.trim().is_empty());
    }

    /// Whether `walker` can walk this assessment (a respondent must be one of its own).
    pub fn has_walker(&self, walker: Walker) -> bool {
        match walker {
            Walker::Respondent(id) => self.respondents.iter().any(|r| r.id == id),
            Walker::Consensus | Walker::Verified => true,
        }
    }

    /// Where `walker` left the walk, if they walked it.
    pub fn position_of(&self, walker: Walker) -> Option<&WalkPosition> {
        self.positions.iter().find(|p| p.walker == walker)
    }

    /// The walker who walked last, with their position.
    pub fn last_position(&self) -> Option<&WalkPosition> {
        self.positions.first()
    }

    /// The walk opened when nobody has walked yet: the first respondent who is not an
    /// assessor (`None` when there is none).
    pub fn first_respondent(&self) -> Option<Walker> {
        self.respondents
            .iter()
            .find(|r| r.actor.is_helix())
            .map(|r| Walker::Respondent(r.id))
    }

    pub fn respondent_answers(&self) -> Vec<RespondentAnswers> {
        self.respondents
            .iter()
            .map(|r| RespondentAnswers {
                actor: r.actor,
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

/// What is needed to start an assessment: its profile and its first respondent.
#[derive(Clone, Debug, PartialEq)]
pub struct NewAssessment {
    pub region: Region,
    pub period: String,
    pub candidates: Vec<String>,
    pub respondent_name: String,
    pub respondent_organisation: String,
    pub respondent_actor: Actor,
}

impl NewAssessment {
    /// Whether the profile fits `framework` ([`check_profile`]); the store stores
    /// only what passed.
    pub fn check(&self, framework: &Framework) -> Result<(), crate::i18n::Message> {
        check_profile(framework, &self.region, None, &self.candidates)
    }
}

/// Checks an assessment's profile against its framework: a region name; a period
/// when one is being corrected (`period`; a new assessment may leave it empty); at
/// least one candidate when the framework has subsectors, each declared, none twice.
pub fn check_profile(
    framework: &Framework,
    region: &Region,
    period: Option<&str>,
    candidates: &[String],
) -> Result<(), crate::i18n::Message> {
    use crate::i18n::Message;
    if region.name.trim().is_empty() {
        return Err(Message::new("nama daerah masih kosong", "the region name is empty"));
    }
    if period.is_some_and(|p| p.trim().is_empty()) {
        return Err(Message::new("periode masih kosong", "the period is empty"));
    }
    if !framework.subsectors.is_empty() && candidates.is_empty() {
        return Err(Message::new(
            "pilih sedikitnya satu subsektor kandidat",
            "choose at least one candidate subsector",
        ));
    }
    for (i, c) in candidates.iter().enumerate() {
        if !framework.subsectors.iter().any(|s| &s.id == c) {
            return Err(Message::new(
                format!("subsektor \"{c}\" tidak dikenal"),
                format!("unknown subsector \"{c}\""),
            ));
        }
        if candidates[..i].contains(c) {
            return Err(Message::new(
                format!("subsektor \"{c}\" disebut dua kali"),
                format!("subsector \"{c}\" is listed twice"),
            ));
        }
    }
    Ok(())
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

/// Checks that an assessment's record fits its framework exactly, so a hand-edited or
/// foreign export cannot put a number where the walk and the scores never would: the
/// region has a name; the framework version is the snapshot's; candidates are 1–17
/// distinct declared subsectors (at least one when the framework has subsector
/// pillars) and the flagship is one of them; respondents are in a helix group or the
/// assessor role and none appears twice; every answer, agreed level, target and pillar
/// text names a slot that is asked, once, with a level on the scale, and N/A only where
/// the indicator allows it and never together with a level. Each problem is a JSON path
/// inside the export and what is wrong.
pub fn check_against(framework: &Framework, a: &Assessment) -> Vec<(String, crate::i18n::Message)> {
    use crate::framework::Scope;
    use crate::i18n::Message;
    use std::collections::HashSet;

    let mut problems: Vec<(String, Message)> = Vec::new();
    fn problem(problems: &mut Vec<(String, Message)>, path: String, id: String, en: String) {
        problems.push((path, Message::new(id, en)));
    }

    if a.region.name.trim().is_empty() {
        problem(
            &mut problems,
            "assessment.region.name".into(),
            "nama daerah kosong".into(),
            "the region name is empty".into(),
        );
    }
    if a.framework_version != framework.version {
        problem(
            &mut problems,
            "assessment.framework_version".into(),
            format!(
                "versi \"{}\" berbeda dengan versi salinan kerangkanya \"{}\"",
                a.framework_version, framework.version
            ),
            format!(
                "version \"{}\" differs from its framework snapshot's version \"{}\"",
                a.framework_version, framework.version
            ),
        );
    }
    let has_subsector_pillars = framework.pillars.iter().any(|p| p.scope == Scope::Subsector);
    if a.candidates.is_empty() && has_subsector_pillars {
        problem(
            &mut problems,
            "assessment.candidates".into(),
            "tidak ada subsektor kandidat, padahal kerangkanya punya pilar per subsektor (perlu 1–17)".into(),
            "no candidate subsector, but the framework has subsector pillars (1–17 are needed)".into(),
        );
    }
    if a.candidates.len() > 17 {
        problem(
            &mut problems,
            "assessment.candidates".into(),
            format!("{} subsektor kandidat; paling banyak 17", a.candidates.len()),
            format!("{} candidate subsectors; at most 17", a.candidates.len()),
        );
    }
    let mut seen_candidates = HashSet::new();
    for (i, c) in a.candidates.iter().enumerate() {
        if !framework.subsectors.iter().any(|s| &s.id == c) {
            problem(
                &mut problems,
                format!("assessment.candidates[{i}]"),
                format!("subsektor \"{c}\" tidak ada di kerangka"),
                format!("subsector \"{c}\" is not in the framework"),
            );
        }
        if !seen_candidates.insert(c) {
            problem(
                &mut problems,
                format!("assessment.candidates[{i}]"),
                format!("subsektor \"{c}\" disebut dua kali"),
                format!("subsector \"{c}\" is listed twice"),
            );
        }
    }
    if let Some(f) = &a.chosen_flagship
        && !a.candidates.contains(f)
    {
        problem(
            &mut problems,
            "assessment.chosen_flagship".into(),
            format!("\"{f}\" bukan subsektor kandidat"),
            format!("\"{f}\" is not a candidate subsector"),
        );
    }
    if !matches!(a.status.as_str(), "draft" | "complete") {
        problem(
            &mut problems,
            "assessment.status".into(),
            format!("status \"{}\" tidak dikenal (draft atau complete)", a.status),
            format!("unknown status \"{}\" (draft or complete)", a.status),
        );
    }

    let scale: Vec<i64> = framework.scale.iter().map(|s| s.value).collect();
    // Whether a slot is asked in this assessment, and the indicator's N/A rule.
    let slot_problems = |path: &str, indicator: &str, subsector: Option<&str>, level: Option<i64>, na: bool| {
        let mut found: Vec<(String, Message)> = Vec::new();
        let Some((pillar, ind)) = framework.indicator(indicator) else {
            found.push((
                format!("{path}.indicator"),
                Message::new(
                    format!("indikator \"{indicator}\" tidak ada di kerangka"),
                    format!("indicator \"{indicator}\" is not in the framework"),
                ),
            ));
            return found;
        };
        let asked = match (pillar.scope, subsector) {
            (Scope::Region, None) => true,
            (Scope::Subsector, Some(s)) => a.candidates.iter().any(|c| c == s) && ind.applies_to(s),
            _ => false,
        };
        if !asked {
            let shown = subsector.unwrap_or("—");
            found.push((
                format!("{path}.subsector"),
                Message::new(
                    format!("indikator \"{indicator}\" tidak ditanyakan untuk subsektor {shown}"),
                    format!("indicator \"{indicator}\" is not asked for subsector {shown}"),
                ),
            ));
        }
        if let Some(l) = level
            && !scale.contains(&l)
        {
            found.push((
                format!("{path}.level"),
                Message::new(
                    format!("tingkat {l} tidak ada di skala {scale:?}"),
                    format!("level {l} is not on the scale {scale:?}"),
                ),
            ));
        }
        if na && level.is_some() {
            found.push((
                format!("{path}.na"),
                Message::new(
                    "tingkat dan \"tidak berlaku\" (na) sekaligus; pilih salah satu",
                    "a level and \"not applicable\" (na) together; keep one",
                ),
            ));
        }
        if na && !ind.allow_na {
            found.push((
                format!("{path}.na"),
                Message::new(
                    format!("indikator \"{indicator}\" tidak boleh dijawab \"tidak berlaku\""),
                    format!("indicator \"{indicator}\" may not be answered \"not applicable\""),
                ),
            ));
        }
        found
    };
    let duplicate = |path: String, what: &str| {
        (
            path,
            Message::new(
                format!("{what} yang sama sudah ada sebelumnya di berkas ini"),
                format!("the same {} appears earlier in this file", english_of(what)),
            ),
        )
    };

    let mut seen_ids = HashSet::new();
    for (r, respondent) in a.respondents.iter().enumerate() {
        // The actor group is an `Actor`: an unknown one was refused, with its path,
        // when the file was read.
        let path = format!("assessment.respondents[{r}]");
        if respondent.id != 0 && !seen_ids.insert(respondent.id) {
            problem(
                &mut problems,
                format!("{path}.id"),
                format!(
                    "responden dengan id {} sudah ada sebelumnya di berkas ini",
                    respondent.id
                ),
                format!("a respondent with id {} appears earlier in this file", respondent.id),
            );
        }
        // A copy of another respondent's block: the same person and the same answers,
        // saved at the same moments (two people never are). Two empty namesakes carry
        // no number and may exist in the walk, so they are not refused.
        let same_person = !respondent.answers.is_empty()
            && a.respondents[..r].iter().any(|earlier| {
                (&earlier.name, &earlier.actor, &earlier.organisation, &earlier.answers)
                    == (
                        &respondent.name,
                        &respondent.actor,
                        &respondent.organisation,
                        &respondent.answers,
                    )
            });
        if same_person {
            problems.push(duplicate(path.clone(), "responden"));
        }
        let mut slots = HashSet::new();
        for (k, ans) in respondent.answers.iter().enumerate() {
            let apath = format!("{path}.answers[{k}]");
            problems.extend(slot_problems(
                &apath,
                &ans.indicator,
                ans.subsector.as_deref(),
                ans.level,
                ans.na,
            ));
            if !slots.insert(ans.slot()) {
                problems.push(duplicate(apath, "jawaban"));
            }
        }
    }
    let mut agreed = HashSet::new();
    for (k, g) in a.agreed.iter().enumerate() {
        let path = format!("assessment.agreed[{k}]");
        problems.extend(slot_problems(
            &path,
            &g.indicator,
            g.subsector.as_deref(),
            g.level,
            g.na,
        ));
        if !agreed.insert((g.kind, SlotKey::new(&g.indicator, g.subsector.as_deref()))) {
            problems.push(duplicate(path, "tingkat kesepakatan/verifikasi"));
        }
    }
    for (k, g) in a.agreed.iter().enumerate() {
        let path = format!("assessment.agreed[{k}]");
        if g.status.is_some() && g.kind != AgreedKind::Verified {
            problems.push((
                format!("{path}.status"),
                Message::new(
                    "status verifikasi hanya untuk tingkat terverifikasi (kind \"verified\")",
                    "a verification status belongs to verified levels only (kind \"verified\")",
                ),
            ));
        }
    }
    let w = &a.workshop;
    for (k, v) in w.visits.iter().enumerate() {
        if let Some(s) = &v.subsector
            && !a.candidates.contains(s)
        {
            problems.push((
                format!("assessment.workshop.visits[{k}].subsector"),
                Message::new(
                    format!("\"{s}\" bukan subsektor kandidat"),
                    format!("\"{s}\" is not a candidate subsector"),
                ),
            ));
        }
    }
    let mut pulled = HashSet::new();
    for (k, s) in w.pulled.iter().enumerate() {
        let path = format!("assessment.workshop.pulled[{k}]");
        if !framework.subsectors.iter().any(|x| &x.id == s) {
            problems.push((
                path.clone(),
                Message::new(
                    format!("subsektor \"{s}\" tidak ada di kerangka"),
                    format!("subsector \"{s}\" is not in the framework"),
                ),
            ));
        }
        if a.chosen_flagship.as_ref() == Some(s) {
            problems.push((
                path.clone(),
                Message::new(
                    format!("\"{s}\" adalah unggulan itu sendiri, bukan subsektor yang dihela"),
                    format!("\"{s}\" is the flagship itself, not a subsector it pulls along"),
                ),
            ));
        }
        if !pulled.insert(s) {
            problems.push(duplicate(path, "subsektor yang dihela"));
        }
    }
    for (k, c) in w.commitments.iter().enumerate() {
        let path = format!("assessment.workshop.commitments[{k}]");
        if c.text.trim().is_empty() {
            problems.push((
                format!("{path}.text"),
                Message::new("isi komitmen kosong", "the commitment's text is empty"),
            ));
        }
        if let Some(actor) = c.actor
            && !actor.is_helix()
        {
            let groups = Actor::ids(&Actor::HELIX);
            problems.push((
                format!("{path}.actor"),
                Message::new(
                    format!("komitmen dimiliki kelompok heliks, bukan \"{actor}\" (gunakan {groups})"),
                    format!("a commitment is owned by a helix group, not \"{actor}\" (use {groups})"),
                ),
            ));
        }
        for (j, l) in c.indicators.iter().enumerate() {
            problems.extend(slot_problems(
                &format!("{path}.indicators[{j}]"),
                &l.indicator,
                l.subsector.as_deref(),
                None,
                false,
            ));
        }
    }
    let mut targets = HashSet::new();
    for (k, t) in a.targets.iter().enumerate() {
        let path = format!("assessment.targets[{k}]");
        problems.extend(slot_problems(
            &path,
            &t.indicator,
            t.subsector.as_deref(),
            Some(t.level),
            false,
        ));
        if !targets.insert(SlotKey::new(&t.indicator, t.subsector.as_deref())) {
            problems.push(duplicate(path, "target"));
        }
    }
    let mut texts = HashSet::new();
    for (k, t) in a.pillar_texts.iter().enumerate() {
        let path = format!("assessment.pillar_texts[{k}]");
        match framework.pillar(&t.pillar) {
            None => problems.push((
                format!("{path}.pillar"),
                Message::new(
                    format!("pilar \"{}\" tidak ada di kerangka", t.pillar),
                    format!("pillar \"{}\" is not in the framework", t.pillar),
                ),
            )),
            Some(p) => match (p.scope, t.subsector.as_deref()) {
                (Scope::Region, None) => {}
                (Scope::Region, Some(s)) => problems.push((
                    format!("{path}.subsector"),
                    Message::new(
                        format!(
                            "pilar \"{}\" berlaku untuk daerah, bukan per subsektor (\"{s}\")",
                            t.pillar
                        ),
                        format!("pillar \"{}\" is for the region, not per subsector (\"{s}\")", t.pillar),
                    ),
                )),
                (Scope::Subsector, Some(s)) if a.candidates.iter().any(|c| c == s) => {}
                (Scope::Subsector, s) => problems.push((
                    format!("{path}.subsector"),
                    Message::new(
                        format!(
                            "pilar \"{}\" per subsektor perlu salah satu subsektor kandidat (bukan {})",
                            t.pillar,
                            s.unwrap_or("—")
                        ),
                        format!(
                            "pillar \"{}\" is per subsector and needs one of the candidates (not {})",
                            t.pillar,
                            s.unwrap_or("—")
                        ),
                    ),
                )),
            },
        }
        if !texts.insert((&t.pillar, &t.subsector, t.kind)) {
            problems.push(duplicate(path, "teks pilar"));
        }
    }
    if let Some(cursor) = &a.cursor {
        let (pillar_ok, asked) = match framework.indicator(&cursor.indicator) {
            None => (false, false),
            Some((pillar, ind)) => (
                true,
                match (pillar.scope, cursor.subsector.as_deref()) {
                    (Scope::Region, None) => true,
                    (Scope::Subsector, Some(s)) => a.candidates.iter().any(|c| c == s) && ind.applies_to(s),
                    _ => false,
                },
            ),
        };
        if !pillar_ok || !asked {
            problems.push((
                "assessment.cursor".into(),
                Message::new(
                    format!("posisi lanjut \"{}\" bukan pertanyaan penilaian ini", cursor.indicator),
                    format!(
                        "the resume position \"{}\" is not a question of this assessment",
                        cursor.indicator
                    ),
                ),
            ));
        }
    }
    problems
}

/// The English noun for the Indonesian ones [`check_against`] names duplicates with.
fn english_of(id: &str) -> &'static str {
    match id {
        "responden" => "respondent",
        "jawaban" => "answer",
        "target" => "target",
        "teks pilar" => "pillar text",
        _ => "agreed or verified level",
    }
}
