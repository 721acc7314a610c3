//! Monitoring: what changed between two assessments of a region (usually two periods).
//! Per-pillar and headline change with arrows, the indicators that rose or fell sorted
//! by their effect on the score, the earlier assessment's targets met or missed, and
//! the indicators that exist in only one of them. Indicators are matched by id across
//! framework versions, through the renames recorded in `frameworks/released-ids.json`.
//!
//! Both sides are the self-assessed results of their own framework snapshot (the
//! region's level per indicator: the mean of its helix groups' means), for each
//! assessment's headline candidate.

use std::collections::HashMap;

use serde::Serialize;

use crate::assessment::{Assessment, compute_results};
use crate::framework::Framework;
use crate::i18n::{Lang, fmt_score};
use crate::scoring::{Answer, Basis, SlotKey, indicator_score};
use crate::store::followup::{FollowUp, FollowUpStatus, match_to, not_recorded};
use crate::store::{Store, StoreError};
use crate::workshop::Commitment;

const RELEASED_IDS: &str = include_str!("../frameworks/released-ids.json");

/// The renames recorded for framework `id`: old indicator or pillar id → new id.
pub fn renames(framework_id: &str) -> HashMap<String, String> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(RELEASED_IDS) else {
        return HashMap::new();
    };
    doc.get("renames")
        .and_then(|r| r.get(framework_id))
        .and_then(|r| r.as_object())
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Follows renames (a chain old → newer → newest, without looping).
fn current_id(id: &str, renames: &HashMap<String, String>) -> String {
    let mut id = id.to_string();
    for _ in 0..16 {
        match renames.get(&id) {
            Some(next) if *next != id => id = next.clone(),
            _ => break,
        }
    }
    id
}

/// "▲", "▼" or "=" for a change (a tenth of a point is no change, as shown); "—"
/// when either side has no value.
pub fn arrow(before: Option<f64>, after: Option<f64>) -> &'static str {
    match (before, after) {
        (Some(b), Some(a)) if a - b >= 0.05 => "▲",
        (Some(b), Some(a)) if b - a >= 0.05 => "▼",
        (Some(_), Some(_)) => "=",
        _ => "—",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub assessment: i64,
    pub region: String,
    pub period: String,
    pub framework: String,
    pub candidate: Option<String>,
    pub score: Option<f64>,
    pub band: Option<String>,
    pub completeness: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PillarChange {
    pub pillar: String,
    /// The pillar's title in the later framework, in the comparison's language
    /// ("Aktor & Kolaborasi"): what screens and reports show; exports keep the id.
    #[serde(skip)]
    pub title: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub change: Option<f64>,
    pub arrow: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorChange {
    /// The id in the later assessment's framework.
    pub indicator: String,
    /// The earlier id when it was renamed.
    pub renamed_from: Option<String>,
    pub subsector: Option<String>,
    pub pillar: String,
    pub before: f64,
    pub after: f64,
    /// Points of the overall score the change is worth: 100 × the indicator's weight
    /// share in the later framework (Wₚ/ΣW × wᵢ/Σw) × the change of its 0–1 score.
    pub effect: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetOutcome {
    Met,
    Missed,
    /// The later assessment has no level for it (unanswered or N/A).
    NotAssessed,
    /// The indicator is not in the later framework.
    Gone,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetCheck {
    pub indicator: String,
    pub subsector: Option<String>,
    pub target: i64,
    pub level_before: Option<f64>,
    pub level_after: Option<f64>,
    pub outcome: TargetOutcome,
}

/// A commitment's indicator under the later id: (indicator, subsector, level before,
/// level after).
pub type LinkedLevels = (String, Option<String>, Option<f64>, Option<f64>);

/// A commitment of the earlier assessment's berita acara, with how its indicators moved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentReview {
    pub text: String,
    pub actor: Option<String>,
    pub organisation: String,
    pub deadline: String,
    /// (indicator under the later id, subsector, level before, level after).
    pub indicators: Vec<LinkedLevels>,
    /// Its position in the earlier berita acara, from 1 (`pmk3i followup ID set N`).
    pub position: usize,
    /// The follow-up the user recorded on the later assessment, if any.
    pub followup: Option<FollowUpShown>,
    /// The follow-up's status in words: "selesai", "berjalan", "belum mulai", or
    /// "belum dicatat" when none is recorded.
    pub status: String,
}

/// A recorded follow-up of a commitment, as shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowUpShown {
    pub status: FollowUpStatus,
    pub date: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub before: Side,
    pub after: Side,
    pub headline_change: Option<f64>,
    pub headline_arrow: &'static str,
    pub pillars: Vec<PillarChange>,
    /// Rose, largest effect first.
    pub rose: Vec<IndicatorChange>,
    /// Fell, largest (most negative) effect first.
    pub fell: Vec<IndicatorChange>,
    pub targets: Vec<TargetCheck>,
    /// Indicator ids only in the earlier framework (after renames) / only in the later.
    pub only_before: Vec<String>,
    pub only_after: Vec<String>,
    /// The earlier assessment's commitments (berita acara).
    pub commitments: Vec<CommitmentReview>,
    /// Whether the later assessment was started from the earlier one, so that it holds
    /// the commitments' follow-up ([`attach_followups`]).
    pub follows_up: bool,
}

/// Puts the follow-ups recorded on the later assessment on the commitments, when the
/// later assessment was started from the earlier one (`previous`); the others stay
/// "belum dicatat".
pub fn attach_followups(c: &mut Comparison, previous: Option<i64>, followups: &[FollowUp], lang: Lang) {
    c.follows_up = previous == Some(c.before.assessment);
    let followups = if c.follows_up { followups } else { &[] };
    let commitments: Vec<Commitment> = c
        .commitments
        .iter()
        .map(|k| Commitment {
            text: k.text.clone(),
            ..Commitment::default()
        })
        .collect();
    for (k, f) in c.commitments.iter_mut().zip(match_to(&commitments, followups)) {
        k.followup = f.map(|f| FollowUpShown {
            status: f.status,
            date: f.date,
            note: f.note,
        });
        k.status = status_label(k.followup.as_ref(), lang);
    }
}

/// [`attach_followups`] with what `store` holds for the later assessment.
pub fn load_followups(store: &Store, c: &mut Comparison, lang: Lang) -> Result<(), StoreError> {
    let previous = store.previous_of(c.after.assessment)?;
    let followups = store.followups(c.after.assessment)?;
    attach_followups(c, previous, &followups, lang);
    Ok(())
}

fn status_label(f: Option<&FollowUpShown>, lang: Lang) -> String {
    match f {
        Some(f) => f.status.label(lang).to_string(),
        None => not_recorded(lang).to_string(),
    }
}

fn side(fw: &Framework, a: &Assessment, lang: Lang) -> (Side, crate::assessment::Results) {
    let r = compute_results(fw, a, Basis::SelfAssessed);
    (
        Side {
            assessment: a.id,
            region: a.region.kind.display_name(&a.region.name),
            period: a.period.clone(),
            framework: format!("{} {}", a.framework_id, a.framework_version),
            candidate: r.headline.candidate.clone(),
            score: r.headline.overall,
            band: r
                .headline
                .overall
                .and_then(|s| fw.band(s))
                .map(|b| b.label.get(lang).to_string()),
            completeness: r.headline.completeness(),
        },
        r,
    )
}

fn level(levels: &crate::scoring::Levels, slot: &SlotKey) -> Option<f64> {
    match levels.get(slot) {
        Some(Answer::Level(l)) => Some(*l),
        _ => None,
    }
}

/// Compares `before` (with its framework) to `after` (with its own), through the
/// renames recorded for the later framework in `frameworks/released-ids.json`.
pub fn compare(
    fw_before: &Framework,
    before: &Assessment,
    fw_after: &Framework,
    after: &Assessment,
    lang: Lang,
) -> Comparison {
    compare_with(fw_before, before, fw_after, after, &renames(&fw_after.id), lang)
}

/// [`compare`] with the renames given (old id → new id).
pub fn compare_with(
    fw_before: &Framework,
    before: &Assessment,
    fw_after: &Framework,
    after: &Assessment,
    renames: &HashMap<String, String>,
    lang: Lang,
) -> Comparison {
    let (side_before, r_before) = side(fw_before, before, lang);
    let (side_after, r_after) = side(fw_after, after, lang);

    let pillars = fw_after
        .pillars
        .iter()
        .map(|p| {
            let b = r_before
                .headline
                .pillars
                .iter()
                .find(|x| current_id(&x.pillar, renames) == p.id)
                .and_then(|x| x.score);
            let a = r_after.headline.pillar(&p.id).and_then(|x| x.score);
            PillarChange {
                pillar: p.id.clone(),
                title: p.title.get(lang).to_string(),
                before: b,
                after: a,
                change: b.zip(a).map(|(b, a)| a - b),
                arrow: arrow(b, a),
            }
        })
        .collect();

    // The earlier levels under the later ids.
    let mut old_levels: Vec<(SlotKey, (f64, Option<String>))> = Vec::new();
    for (slot, answer) in &r_before.levels {
        if let Answer::Level(l) = answer {
            let id = current_id(&slot.indicator, renames);
            let from = (id != slot.indicator).then(|| slot.indicator.clone());
            old_levels.push((SlotKey::new(&id, slot.subsector.as_deref()), (*l, from)));
        }
    }
    let total_pillar_weight: f64 = fw_after.pillars.iter().map(|p| p.weight).sum();
    let mut rose = Vec::new();
    let mut fell = Vec::new();
    for p in &fw_after.pillars {
        let indicator_weight: f64 = p.indicators.iter().map(|i| i.weight).sum();
        for ind in &p.indicators {
            for (slot, (b, from)) in old_levels.iter().filter(|(s, _)| s.indicator == ind.id) {
                let Some(a) = level(&r_after.levels, slot) else {
                    continue;
                };
                if (a - b).abs() < 1e-9 {
                    continue;
                }
                let share = if total_pillar_weight > 0.0 && indicator_weight > 0.0 {
                    (p.weight / total_pillar_weight) * (ind.weight / indicator_weight)
                } else {
                    0.0
                };
                let effect = 100.0 * share * (indicator_score(fw_after, a) - indicator_score(fw_before, *b));
                let change = IndicatorChange {
                    indicator: ind.id.clone(),
                    renamed_from: from.clone(),
                    subsector: slot.subsector.clone(),
                    pillar: p.id.clone(),
                    before: *b,
                    after: a,
                    effect,
                };
                if a > *b { rose.push(change) } else { fell.push(change) }
            }
        }
    }
    rose.sort_by(|x, y| {
        y.effect
            .total_cmp(&x.effect)
            .then_with(|| x.indicator.cmp(&y.indicator))
    });
    fell.sort_by(|x, y| {
        x.effect
            .total_cmp(&y.effect)
            .then_with(|| x.indicator.cmp(&y.indicator))
    });

    let order: Vec<&str> = fw_after
        .pillars
        .iter()
        .flat_map(|p| p.indicators.iter().map(|i| i.id.as_str()))
        .collect();
    let mut targets: Vec<TargetCheck> = before
        .targets
        .iter()
        .map(|t| {
            let id = current_id(&t.indicator, renames);
            let slot_after = SlotKey::new(&id, t.subsector.as_deref());
            let level_after = level(&r_after.levels, &slot_after);
            let level_before = level(&r_before.levels, &SlotKey::new(&t.indicator, t.subsector.as_deref()));
            let outcome = if fw_after.indicator(&id).is_none() {
                TargetOutcome::Gone
            } else {
                match level_after {
                    None => TargetOutcome::NotAssessed,
                    Some(l) if l + 1e-9 >= t.level as f64 => TargetOutcome::Met,
                    Some(_) => TargetOutcome::Missed,
                }
            };
            TargetCheck {
                indicator: id,
                subsector: t.subsector.clone(),
                target: t.level,
                level_before,
                level_after,
                outcome,
            }
        })
        .collect();
    // In the later framework's order; indicators it no longer has last.
    targets.sort_by_key(|t| order.iter().position(|i| *i == t.indicator).unwrap_or(usize::MAX));

    let ids = |fw: &Framework, map: bool| -> Vec<String> {
        fw.pillars
            .iter()
            .flat_map(|p| p.indicators.iter())
            .map(|i| if map { current_id(&i.id, renames) } else { i.id.clone() })
            .collect()
    };
    let before_ids = ids(fw_before, true);
    let after_ids = ids(fw_after, false);
    let only_before = fw_before
        .pillars
        .iter()
        .flat_map(|p| p.indicators.iter())
        .filter(|i| !after_ids.contains(&current_id(&i.id, renames)))
        .map(|i| i.id.clone())
        .collect();
    let only_after = after_ids.iter().filter(|i| !before_ids.contains(i)).cloned().collect();

    let commitments = before
        .workshop
        .commitments
        .iter()
        .enumerate()
        .map(|(n, k)| CommitmentReview {
            position: n + 1,
            followup: None,
            status: not_recorded(lang).to_string(),
            text: k.text.clone(),
            actor: k.actor.map(|a| a.to_string()),
            organisation: k.organisation.clone(),
            deadline: k.deadline.clone(),
            indicators: k
                .indicators
                .iter()
                .map(|i| {
                    let id = current_id(&i.indicator, renames);
                    (
                        id.clone(),
                        i.subsector.clone(),
                        level(&r_before.levels, &SlotKey::new(&i.indicator, i.subsector.as_deref())),
                        level(&r_after.levels, &SlotKey::new(&id, i.subsector.as_deref())),
                    )
                })
                .collect(),
        })
        .collect();

    Comparison {
        commitments,
        follows_up: false,
        headline_change: side_before.score.zip(side_after.score).map(|(b, a)| a - b),
        headline_arrow: arrow(side_before.score, side_after.score),
        before: side_before,
        after: side_after,
        pillars,
        rose,
        fell,
        targets,
        only_before,
        only_after,
    }
}

fn signed(x: Option<f64>) -> String {
    match x {
        Some(v) if v >= 0.05 => format!("+{}", fmt_score(Some(v))),
        Some(v) => fmt_score(Some(v)),
        None => "—".into(),
    }
}

fn slot_name(indicator: &str, subsector: &Option<String>) -> String {
    match subsector {
        Some(s) => format!("{indicator} ({s})"),
        None => indicator.to_string(),
    }
}

fn outcome_label(o: &TargetOutcome, lang: Lang) -> &'static str {
    match o {
        TargetOutcome::Met => lang.pick("tercapai", "met"),
        TargetOutcome::Missed => lang.pick("belum tercapai", "missed"),
        TargetOutcome::NotAssessed => lang.pick("tidak dinilai", "not assessed"),
        TargetOutcome::Gone => lang.pick("indikator sudah tidak ada", "indicator no longer exists"),
    }
}

/// The comparison as Markdown (user text escaped).
pub fn markdown(c: &Comparison, lang: Lang) -> String {
    use crate::report::escape_markdown as e;
    let mut out = String::new();
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    out.push_str(&format!(
        "# {} {} · {} → {}\n\n",
        l("Perubahan", "Change"),
        e(&c.after.region),
        e(&c.before.period),
        e(&c.after.period)
    ));
    out.push_str(&format!(
        "{}: {} ({}) → {} ({}) {} {}\n\n",
        l("Skor utama", "Headline score"),
        fmt_score(c.before.score),
        e(c.before.band.as_deref().unwrap_or("—")),
        fmt_score(c.after.score),
        e(c.after.band.as_deref().unwrap_or("—")),
        c.headline_arrow,
        signed(c.headline_change)
    ));
    out.push_str(&format!(
        "| {} | {} | {} | {} |\n|---|---:|---:|---|\n",
        l("Pilar", "Pillar"),
        e(&c.before.period),
        e(&c.after.period),
        l("Perubahan", "Change")
    ));
    for p in &c.pillars {
        out.push_str(&format!(
            "| {} | {} | {} | {} {} |\n",
            e(&p.title),
            fmt_score(p.before),
            fmt_score(p.after),
            p.arrow,
            signed(p.change)
        ));
    }
    for (title, list) in [
        (l("Indikator yang naik", "Indicators that rose"), &c.rose),
        (l("Indikator yang turun", "Indicators that fell"), &c.fell),
    ] {
        out.push_str(&format!("\n## {title}\n\n"));
        if list.is_empty() {
            out.push_str(l("Tidak ada.\n", "None.\n"));
            continue;
        }
        for i in list {
            let renamed = i
                .renamed_from
                .as_ref()
                .map(|f| format!(" ({} {})", l("dulu", "was"), e(f)))
                .unwrap_or_default();
            out.push_str(&format!(
                "- {}{renamed}: {} → {} ({} {:+.1} {})\n",
                e(&slot_name(&i.indicator, &i.subsector)),
                crate::i18n::fmt_level(i.before),
                crate::i18n::fmt_level(i.after),
                l("dampak", "effect"),
                crate::i18n::round_half_away(i.effect, 1),
                l("poin", "points")
            ));
        }
    }
    out.push_str(&format!("\n## {}\n\n", l("Target periode lalu", "Previous targets")));
    if c.targets.is_empty() {
        out.push_str(l("Tidak ada target.\n", "No targets.\n"));
    }
    for t in &c.targets {
        out.push_str(&format!(
            "- {}: {} {} · {} {} → {}\n",
            e(&slot_name(&t.indicator, &t.subsector)),
            l("target", "target"),
            t.target,
            outcome_label(&t.outcome, lang),
            t.level_before.map(crate::i18n::fmt_level).unwrap_or_else(|| "—".into()),
            t.level_after.map(crate::i18n::fmt_level).unwrap_or_else(|| "—".into()),
        ));
    }
    if !c.only_before.is_empty() || !c.only_after.is_empty() {
        out.push_str(&format!(
            "\n## {}\n\n",
            l("Indikator di satu versi saja", "Indicators in one version only")
        ));
        for i in &c.only_before {
            out.push_str(&format!("- {} {}\n", e(i), l("(hanya periode lalu)", "(earlier only)")));
        }
        for i in &c.only_after {
            out.push_str(&format!("- {} {}\n", e(i), l("(baru)", "(new)")));
        }
    }
    out.push_str(&format!(
        "\n## {}\n\n",
        l("Komitmen periode lalu", "Previous commitments")
    ));
    if c.commitments.is_empty() {
        out.push_str(l("Tidak ada komitmen tercatat.\n", "No commitments recorded.\n"));
    }
    for k in &c.commitments {
        out.push_str(&format!("{}. {}\n", k.position, commitment_line(k, lang, true)));
    }
    out
}

fn commitment_line(k: &CommitmentReview, lang: Lang, markdown: bool) -> String {
    let e = |s: &str| {
        if markdown {
            crate::report::escape_markdown(s)
        } else {
            s.to_string()
        }
    };
    let owner = [k.actor.clone().unwrap_or_default(), k.organisation.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut line = e(&k.text);
    if !owner.is_empty() {
        line.push_str(&format!(" ({})", e(&owner)));
    }
    if !k.deadline.is_empty() {
        line.push_str(&format!(" · {} {}", lang.pick("tenggat", "due"), e(&k.deadline)));
    }
    for (ind, sub, b, a) in &k.indicators {
        let lv = |x: &Option<f64>| x.map(crate::i18n::fmt_level).unwrap_or_else(|| "—".into());
        line.push_str(&format!(" · {}: {} → {}", e(&slot_name(ind, sub)), lv(b), lv(a)));
    }
    line.push_str(" · ");
    line.push_str(&followup_line(k, lang, markdown));
    line
}

/// "tindak lanjut: selesai (2027-03-01) — note", or "tindak lanjut: belum dicatat".
fn followup_line(k: &CommitmentReview, lang: Lang, markdown: bool) -> String {
    let e = |s: &str| {
        if markdown {
            crate::report::escape_markdown(s)
        } else {
            s.to_string()
        }
    };
    let mut line = format!("{}: {}", lang.pick("tindak lanjut", "follow-up"), e(&k.status));
    if let Some(f) = &k.followup {
        if !f.date.is_empty() {
            line.push_str(&format!(" ({})", e(&f.date)));
        }
        if !f.note.is_empty() {
            line.push_str(&format!(" — {}", e(&f.note)));
        }
    }
    line
}

/// A commitment as two lines of text, for the screen: "N. text (owner) · due … ·
/// indicator: 2 → 3" and "tindak lanjut: selesai (2027-03-01) — note".
pub fn commitment_lines(k: &CommitmentReview, lang: Lang) -> (String, String) {
    let full = commitment_line(k, lang, false);
    let follow = followup_line(k, lang, false);
    let head = full
        .strip_suffix(&follow)
        .and_then(|h| h.strip_suffix(" · "))
        .unwrap_or(&full)
        .to_string();
    (format!("{}. {head}", k.position), follow)
}

/// The comparison as CSV rows: record, item, subsector, before, after, change, note,
/// status, status_date, status_note. A commitment row (`commitment`) has its position
/// in the earlier berita acara as `item`, its text as `note`, and its follow-up:
/// `status` (done, in_progress, not_started, or not_recorded), its date and note.
pub fn csv(c: &Comparison, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record([
            "record",
            "item",
            "subsector",
            "before",
            "after",
            "change",
            "note",
            "status",
            "status_date",
            "status_note",
        ])?;
        let num = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
        let mut row = |cells: [String; 7]| {
            w.write_record(
                cells
                    .iter()
                    .chain([String::new(), String::new(), String::new()].iter())
                    .map(|s| crate::exchange::text_cell(s)),
            )
        };
        row([
            "headline".into(),
            c.after.region.clone(),
            String::new(),
            num(c.before.score),
            num(c.after.score),
            num(c.headline_change),
            format!("{} → {}", c.before.period, c.after.period),
        ])?;
        for p in &c.pillars {
            row([
                "pillar".into(),
                p.pillar.clone(),
                String::new(),
                num(p.before),
                num(p.after),
                num(p.change),
                String::new(),
            ])?;
        }
        for (kind, list) in [("rose", &c.rose), ("fell", &c.fell)] {
            for i in list {
                row([
                    kind.into(),
                    i.indicator.clone(),
                    i.subsector.clone().unwrap_or_default(),
                    format!("{:.4}", i.before),
                    format!("{:.4}", i.after),
                    format!("{:.4}", i.effect),
                    i.renamed_from
                        .clone()
                        .map(|f| format!("renamed from {f}"))
                        .unwrap_or_default(),
                ])?;
            }
        }
        for t in &c.targets {
            row([
                "target".into(),
                t.indicator.clone(),
                t.subsector.clone().unwrap_or_default(),
                num(t.level_before),
                num(t.level_after),
                t.target.to_string(),
                outcome_label(&t.outcome, lang).into(),
            ])?;
        }
        for i in &c.only_before {
            row([
                "only_before".into(),
                i.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ])?;
        }
        for i in &c.only_after {
            row([
                "only_after".into(),
                i.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ])?;
        }
        for k in &c.commitments {
            let (status, date, note) = match &k.followup {
                Some(f) => (f.status.as_str(), f.date.clone(), f.note.clone()),
                None => ("not_recorded", String::new(), String::new()),
            };
            let cells = [
                "commitment".to_string(),
                k.position.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                k.text.clone(),
                status.to_string(),
                date,
                note,
            ];
            w.write_record(cells.iter().map(|s| crate::exchange::text_cell(s)))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The comparison as one self-contained HTML page (every text escaped).
pub fn html(c: &Comparison, lang: Lang) -> Result<String, minijinja::Error> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_template(
        "compare.html",
        r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}@page{size:A4;margin:12mm}</style>
</head><body>
<h1>{{ title }}</h1>
<pre>{{ body }}</pre>
</body></html>
"#,
    )?;
    let title = format!(
        "{} {} · {} → {}",
        lang.pick("Perubahan", "Change"),
        c.after.region,
        c.before.period,
        c.after.period
    );
    env.get_template("compare.html")?.render(minijinja::context! {
        lang => lang.code(),
        title => title,
        body => text(c, lang),
    })
}

/// A plain-text rendering (what the HTML page shows, and the TUI could).
pub fn text(c: &Comparison, lang: Lang) -> String {
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let mut out = format!(
        "{}: {} → {}{}\n\n",
        l("Skor utama", "Headline score"),
        fmt_score(c.before.score),
        fmt_score(c.after.score),
        match c.headline_change {
            Some(_) => format!(" {} {}", c.headline_arrow, signed(c.headline_change)),
            None => String::new(),
        }
    );
    let title_w = c
        .pillars
        .iter()
        .map(|p| crate::ui::text::width(&p.title))
        .max()
        .unwrap_or(0)
        .min(24);
    for p in &c.pillars {
        out.push_str(&format!(
            "{} {:>6} → {:>6}{}\n",
            {
                let t = crate::ui::text::truncate(&p.title, title_w);
                let room = title_w.saturating_sub(crate::ui::text::width(&t));
                format!("{t}{}", " ".repeat(room))
            },
            fmt_score(p.before),
            fmt_score(p.after),
            match p.change {
                Some(_) => format!("  {} {}", p.arrow, signed(p.change)),
                None => String::new(),
            }
        ));
    }
    for (title, list) in [(l("Naik", "Rose"), &c.rose), (l("Turun", "Fell"), &c.fell)] {
        out.push_str(&format!("\n{title}:\n"));
        if list.is_empty() {
            out.push_str(&format!("  {}\n", l("tidak ada", "none")));
        }
        for i in list {
            out.push_str(&format!(
                "  {} {} → {} ({:+.1})\n",
                slot_name(&i.indicator, &i.subsector),
                crate::i18n::fmt_level(i.before),
                crate::i18n::fmt_level(i.after),
                crate::i18n::round_half_away(i.effect, 1)
            ));
        }
    }
    out.push_str(&format!("\n{}:\n", l("Target periode lalu", "Previous targets")));
    if c.targets.is_empty() {
        out.push_str(&format!("  {}\n", l("tidak ada yang ditetapkan", "none set")));
    }
    for t in &c.targets {
        out.push_str(&format!(
            "  {} ≥ {}: {}\n",
            slot_name(&t.indicator, &t.subsector),
            t.target,
            outcome_label(&t.outcome, lang)
        ));
    }
    for i in &c.only_before {
        out.push_str(&format!("  {i} {}\n", l("(hanya periode lalu)", "(earlier only)")));
    }
    for i in &c.only_after {
        out.push_str(&format!("  {i} {}\n", l("(baru)", "(new)")));
    }
    out.push_str(&format!("\n{}:\n", l("Komitmen periode lalu", "Previous commitments")));
    if c.commitments.is_empty() {
        out.push_str(&format!("  {}\n", l("tidak ada yang tercatat", "none recorded")));
    }
    for k in &c.commitments {
        out.push_str(&format!("  {}\n", commitment_text(k, lang)));
    }
    out
}

/// One commitment as a line of text: "N. text (owner) · due … · indicator: 2 → 3 ·
/// tindak lanjut: selesai (2027-03-01) — note".
pub fn commitment_text(k: &CommitmentReview, lang: Lang) -> String {
    format!("{}. {}", k.position, commitment_line(k, lang, false))
}

/// [`text`] up to (not including) the previous commitments, which the screen draws
/// itself (one can be selected there).
pub fn text_before_commitments(c: &Comparison, lang: Lang) -> String {
    let all = text(c, lang);
    let heading = format!("\n{}:\n", lang.pick("Komitmen periode lalu", "Previous commitments"));
    match all.rfind(&heading) {
        Some(i) => all[..i].to_string(),
        None => all,
    }
}

/// A commitment of the previous berita acara linked to an indicator, as the walk
/// shows it beside the question.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkedCommitment {
    /// Its position in the previous berita acara, from 1.
    pub position: usize,
    pub text: String,
    pub deadline: String,
    pub followup: Option<FollowUpShown>,
}

/// The previous berita acara's commitments by the indicator (under `framework_id`'s
/// ids, through the recorded renames) they are linked to, each with its follow-up.
pub fn linked_commitments(
    previous: &Assessment,
    framework_id: &str,
    followups: &[FollowUp],
) -> HashMap<SlotKey, Vec<LinkedCommitment>> {
    let renames = renames(framework_id);
    let list = &previous.workshop.commitments;
    let mut out: HashMap<SlotKey, Vec<LinkedCommitment>> = HashMap::new();
    for (i, (k, f)) in list.iter().zip(match_to(list, followups)).enumerate() {
        let shown = LinkedCommitment {
            position: i + 1,
            text: k.text.clone(),
            deadline: k.deadline.clone(),
            followup: f.map(|f| FollowUpShown {
                status: f.status,
                date: f.date,
                note: f.note,
            }),
        };
        for linked in &k.indicators {
            let slot = SlotKey::new(&current_id(&linked.indicator, &renames), linked.subsector.as_deref());
            let entry = out.entry(slot).or_default();
            if !entry.iter().any(|c| c.position == shown.position) {
                entry.push(shown.clone());
            }
        }
    }
    out
}

/// The walk's reference for assessment `id` (under `framework_id`): the period it was
/// started from, its levels, targets and linked commitments with their follow-up
/// recorded on `id`. `None` when it was not started from another (or that one is gone
/// or unreadable).
pub fn walk_reference(store: &Store, id: i64, framework_id: &str) -> Option<crate::app::walk::Reference> {
    let previous = store.previous_of(id).ok().flatten()?;
    let (assessment, json) = store.load(previous).ok()?;
    let framework = crate::assessment::snapshot_framework(&json).ok()?;
    let mut reference = crate::app::walk::Reference::build(&assessment, &framework, framework_id);
    let followups = store.followups(id).unwrap_or_default();
    reference.commitments = linked_commitments(&assessment, framework_id, &followups);
    Some(reference)
}

/// The lines the walk shows beside the question in year two: "Periode 2026: tingkat 2
/// · target 3 (acuan, bukan jawaban)", then each commitment of that period linked to
/// the indicator: "Komitmen 2026 #1: Festival kuliner (tenggat 2026-12) · selesai
/// (2027-03-01)" (or "· belum dicatat").
pub fn reference_lines(reference: &crate::app::walk::Reference, slot: &SlotKey, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let period = &reference.period;
    let level = reference.levels.get(slot);
    let target = reference.targets.get(slot);
    if level.is_some() || target.is_some() {
        let level = level.map(|l| crate::i18n::fmt_level(*l)).unwrap_or_else(|| "—".into());
        out.push(match (lang, target) {
            (Lang::Id, Some(t)) => format!("Periode {period}: tingkat {level} · target {t} (acuan, bukan jawaban)"),
            (Lang::Id, None) => format!("Periode {period}: tingkat {level} (acuan, bukan jawaban)"),
            (Lang::En, Some(t)) => format!("Period {period}: level {level} · target {t} (reference, not an answer)"),
            (Lang::En, None) => format!("Period {period}: level {level} (reference, not an answer)"),
        });
    }
    for k in reference.commitments.get(slot).into_iter().flatten() {
        let mut line = match lang {
            Lang::Id => format!("Komitmen {period} #{}: {}", k.position, k.text),
            Lang::En => format!("{period} commitment #{}: {}", k.position, k.text),
        };
        if !k.deadline.is_empty() {
            line.push_str(&format!(" ({} {})", lang.pick("tenggat", "due"), k.deadline));
        }
        match &k.followup {
            Some(f) => {
                line.push_str(&format!(" · {}", f.status.label(lang)));
                if !f.date.is_empty() {
                    line.push_str(&format!(" ({})", f.date));
                }
            }
            None => line.push_str(&format!(" · {}", not_recorded(lang))),
        }
        out.push(line);
    }
    out
}
