//! What the workshop cycle records beside the levels: the discussion (*DKT*) session
//! and its attendance, the uji petik visit log, the subsectors the flagship pulls along
//! (*menghela*), and the commitments of the berita acara — and the fingerprint of that
//! record ([`fingerprint`]), documented in `docs/berita-acara.md`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::actor::Actor;
use crate::assessment::{AgreedKind, Assessment};
use crate::i18n::Lang;

/// The verification status of one indicator at uji petik.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyStatus {
    /// *terverifikasi*: what was seen matches the level.
    Verified,
    /// *tidak sesuai*: what was seen does not match the self-assessed/agreed level.
    Mismatch,
    /// *tidak dikunjungi*: not visited; the level is not a verified one.
    NotVisited,
}

impl VerifyStatus {
    pub const ALL: [VerifyStatus; 3] = [VerifyStatus::Verified, VerifyStatus::Mismatch, VerifyStatus::NotVisited];

    pub fn as_str(self) -> &'static str {
        match self {
            VerifyStatus::Verified => "verified",
            VerifyStatus::Mismatch => "mismatch",
            VerifyStatus::NotVisited => "not_visited",
        }
    }

    pub fn parse(s: &str) -> Option<VerifyStatus> {
        VerifyStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            VerifyStatus::Verified => lang.pick("terverifikasi", "verified"),
            VerifyStatus::Mismatch => lang.pick("tidak sesuai", "does not match"),
            VerifyStatus::NotVisited => lang.pick("tidak dikunjungi", "not visited"),
        }
    }

    /// The next status in the order the key cycles through (none → verified → …).
    pub fn cycle(current: Option<VerifyStatus>) -> Option<VerifyStatus> {
        match current {
            None => Some(VerifyStatus::Verified),
            Some(VerifyStatus::Verified) => Some(VerifyStatus::Mismatch),
            Some(VerifyStatus::Mismatch) => Some(VerifyStatus::NotVisited),
            Some(VerifyStatus::NotVisited) => None,
        }
    }
}

/// The discussion itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DktSession {
    /// As written by the facilitator (ISO `2026-03-14` is what the forms suggest).
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub facilitator: String,
}

impl DktSession {
    pub fn is_empty(&self) -> bool {
        self.date.is_empty() && self.place.is_empty() && self.facilitator.is_empty()
    }
}

/// One person present at the discussion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    pub actor: Actor,
}

/// One uji petik visit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    #[serde(default)]
    pub date: String,
    /// The site or actor visited.
    pub site: String,
    #[serde(default)]
    pub subsector: Option<String>,
    /// The role of the person interviewed.
    #[serde(default)]
    pub interviewee_role: String,
    /// The assessor(s) who visited, as written.
    #[serde(default)]
    pub assessors: String,
}

/// An optional actor where an empty string, as older files may hold, means none.
fn no_actor_when_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Actor>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => Actor::parse(&s).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown actor group \"{s}\" (use {}; capitals)",
                Actor::ids(&Actor::HELIX)
            ))
        }),
    }
}

/// An indicator a commitment is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedIndicator {
    pub indicator: String,
    #[serde(default)]
    pub subsector: Option<String>,
}

/// A commitment of the berita acara: who does what by when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub text: String,
    /// The helix group that owns it, if one does (`""` in a file reads as none).
    #[serde(default, deserialize_with = "no_actor_when_empty")]
    pub actor: Option<Actor>,
    /// The organisation that owns it, if one does.
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub deadline: String,
    #[serde(default)]
    pub indicators: Vec<LinkedIndicator>,
}

/// Everything of the workshop cycle recorded for one assessment. Every part is optional
/// in an export, so exports made before it still import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    #[serde(default)]
    pub session: DktSession,
    #[serde(default)]
    pub attendance: Vec<Attendee>,
    #[serde(default)]
    pub visits: Vec<Visit>,
    /// Subsectors the flagship pulls along (*menghela*), in the order agreed.
    #[serde(default)]
    pub pulled: Vec<String>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
}

impl Workshop {
    pub fn is_empty(&self) -> bool {
        self.session.is_empty()
            && self.attendance.is_empty()
            && self.visits.is_empty()
            && self.pulled.is_empty()
            && self.commitments.is_empty()
    }
}

/// The version of the canonical serialisation; part of what is hashed.
pub const FINGERPRINT_VERSION: u32 = 1;

// The canonical record. Field names are declared in sorted order and serde_json
// writes them in declaration order with no whitespace: the output is the RFC 8785
// (JCS) form of the object for these values (strings, integers, booleans, null).

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CanonicalRecord {
    pub commitments: Vec<CanonicalCommitment>,
    pub flagship: Option<String>,
    pub framework: CanonicalFramework,
    pub period: String,
    pub pmk3i_fingerprint: u32,
    pub pulled: Vec<String>,
    pub region: CanonicalRegion,
    pub verified: Vec<CanonicalVerified>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CanonicalCommitment {
    pub actor: Option<String>,
    pub deadline: String,
    pub indicators: Vec<CanonicalSlot>,
    pub organisation: String,
    pub text: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct CanonicalSlot {
    pub indicator: String,
    pub subsector: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CanonicalFramework {
    pub hash: String,
    pub id: String,
    pub version: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CanonicalRegion {
    pub kind: String,
    pub name: String,
    pub province: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CanonicalVerified {
    pub indicator: String,
    pub level: Option<i64>,
    pub na: bool,
    pub status: Option<String>,
    pub subsector: String,
}

/// Unicode text normalised for hashing: line endings become `\n`, and spaces at the
/// start and end are dropped (they never show in a printed record).
pub fn norm(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n").trim().to_string()
}

/// The assessment as it stands for its current candidates: what was recorded for a
/// subsector that is no longer a candidate (kept in the database, to count again if
/// it is added back) is left out, as it is of the export and the fingerprint.
pub fn asked_only(a: &Assessment) -> Assessment {
    let asked = |s: &Option<String>| s.as_ref().is_none_or(|s| a.candidates.contains(s));
    let mut out = a.clone();
    for r in &mut out.respondents {
        r.answers.retain(|x| asked(&x.subsector));
    }
    out.agreed.retain(|g| asked(&g.subsector));
    out.targets.retain(|t| asked(&t.subsector));
    out.pillar_texts.retain(|t| asked(&t.subsector));
    for c in &mut out.workshop.commitments {
        c.indicators.retain(|l| asked(&l.subsector));
    }
    for v in &mut out.workshop.visits {
        if !asked(&v.subsector) {
            v.subsector = None;
        }
    }
    out
}

/// The canonical record of an assessment: the verified results (rows with a level, N/A
/// or a status), the flagship, the pulled subsectors and the commitments — for the
/// current candidates ([`asked_only`]).
pub fn canonical_record(a: &Assessment) -> CanonicalRecord {
    let a = &asked_only(a);
    let mut verified: Vec<CanonicalVerified> = a
        .agreed
        .iter()
        .filter(|g| g.kind == AgreedKind::Verified && (g.level.is_some() || g.na || g.status.is_some()))
        .map(|g| CanonicalVerified {
            indicator: g.indicator.clone(),
            level: if g.na { None } else { g.level },
            na: g.na,
            status: g.status.map(|s| s.as_str().to_string()),
            subsector: g.subsector.clone().unwrap_or_default(),
        })
        .collect();
    verified.sort_by(|x, y| (&x.indicator, &x.subsector).cmp(&(&y.indicator, &y.subsector)));
    let commitments = a
        .workshop
        .commitments
        .iter()
        .map(|c| {
            let mut indicators: Vec<CanonicalSlot> = c
                .indicators
                .iter()
                .map(|l| CanonicalSlot {
                    indicator: l.indicator.clone(),
                    subsector: l.subsector.clone().unwrap_or_default(),
                })
                .collect();
            indicators.sort();
            indicators.dedup();
            CanonicalCommitment {
                actor: c.actor.map(|a| a.as_str().to_string()),
                deadline: norm(&c.deadline),
                indicators,
                organisation: norm(&c.organisation),
                text: norm(&c.text),
            }
        })
        .collect();
    CanonicalRecord {
        commitments,
        flagship: a.chosen_flagship.clone(),
        framework: CanonicalFramework {
            hash: a.framework_hash.clone(),
            id: a.framework_id.clone(),
            version: a.framework_version.clone(),
        },
        period: norm(&a.period),
        pmk3i_fingerprint: FINGERPRINT_VERSION,
        pulled: a.workshop.pulled.clone(),
        region: CanonicalRegion {
            kind: a.region.kind.as_str().to_string(),
            name: norm(&a.region.name),
            province: norm(&a.region.province),
        },
        verified,
    }
}

/// The canonical serialisation of a record: compact JSON, keys in sorted order.
pub fn canonical_json(record: &CanonicalRecord) -> String {
    // Serialising these plain structs cannot fail; an empty string would give a
    // fingerprint that matches no record.
    serde_json::to_string(record).unwrap_or_default()
}

/// SHA-256 of the canonical serialisation, as 64 lowercase hex digits.
pub fn fingerprint_of(record: &CanonicalRecord) -> String {
    let digest = Sha256::digest(canonical_json(record).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of an assessment's berita acara.
pub fn fingerprint(a: &Assessment) -> String {
    fingerprint_of(&canonical_record(a))
}

/// The fingerprint written for people: groups of eight hex digits.
pub fn grouped(fingerprint: &str) -> String {
    fingerprint
        .as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `pmk3i verify` found in a file.
#[derive(Debug, PartialEq, Eq)]
pub struct Verification {
    /// The fingerprint the file states.
    pub stated: String,
    /// The fingerprint recomputed from the record in the file.
    pub computed: String,
    /// Printed values (HTML) or parts (JSON) that disagree with the record, by key.
    pub changed: Vec<String>,
}

impl Verification {
    pub fn intact(&self) -> bool {
        self.stated == self.computed && self.changed.is_empty()
    }
}

/// Why a file could not be checked at all.
#[derive(Debug)]
pub struct NotCheckable(pub crate::i18n::Message);

fn not_checkable(id: impl Into<String>, en: impl Into<String>) -> NotCheckable {
    NotCheckable(crate::i18n::Message::new(id, en))
}

/// Checks a JSON export (`pmk3i export ID --format json`) or an HTML berita acara.
pub fn verify(bytes: &[u8]) -> Result<Verification, NotCheckable> {
    let text = std::str::from_utf8(bytes).map_err(|_| not_checkable("bukan teks UTF-8", "not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        verify_export(text)
    } else {
        verify_html(text)
    }
}

fn verify_export(text: &str) -> Result<Verification, NotCheckable> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        not_checkable(
            format!("{}:{}: bukan JSON yang utuh ({e})", e.line(), e.column()),
            format!("{}:{}: not intact JSON ({e})", e.line(), e.column()),
        )
    })?;
    let stated = value
        .get("fingerprint")
        .and_then(|f| f.as_str())
        .ok_or_else(|| {
            not_checkable(
                "fingerprint: tidak ada sidik jari di berkas ini; ekspor ulang dengan `pmk3i export ID --format json`",
                "fingerprint: this file carries no fingerprint; export it again with `pmk3i export ID --format json`",
            )
        })?
        .to_string();
    let assessment_value = value.get("assessment").cloned().ok_or_else(|| {
        not_checkable(
            "assessment: tidak ada catatan penilaian di berkas ini",
            "assessment: this file holds no assessment record",
        )
    })?;
    let assessment: Assessment = serde_path_to_error::deserialize(assessment_value).map_err(|e| {
        let path = e.path().to_string();
        not_checkable(
            format!("assessment.{path}: catatan penilaian tidak terbaca ({})", e.inner()),
            format!("assessment.{path}: the assessment record is unreadable ({})", e.inner()),
        )
    })?;
    let mut changed = Vec::new();
    if let Some(snapshot) = value.get("framework_snapshot").and_then(|s| s.as_str())
        && crate::framework::content_hash(snapshot) != assessment.framework_hash
    {
        changed.push("framework_snapshot".to_string());
    }
    Ok(Verification {
        stated,
        computed: fingerprint(&assessment),
        changed,
    })
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and numeric references back to text.
fn unescape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The printed values the HTML berita acara marks with `data-fp`, as the record says
/// they must read.
fn expected_printed(record: &CanonicalRecord) -> std::collections::BTreeMap<String, String> {
    let mut map = std::collections::BTreeMap::new();
    for v in &record.verified {
        map.insert(
            crate::report::berita_acara::verified_key(&v.indicator, &v.subsector),
            crate::report::berita_acara::verified_level_text(v.level, v.na),
        );
    }
    if let Some(f) = &record.flagship {
        map.insert("flagship".to_string(), f.clone());
    }
    for (i, c) in record.commitments.iter().enumerate() {
        let n = i + 1;
        map.insert(format!("commitment:{n}:text"), c.text.clone());
        map.insert(format!("commitment:{n}:organisation"), c.organisation.clone());
        map.insert(format!("commitment:{n}:deadline"), c.deadline.clone());
    }
    map
}

fn verify_html(text: &str) -> Result<Verification, NotCheckable> {
    let stated = text
        .split_once("data-fingerprint=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(fp, _)| fp.to_string())
        .ok_or_else(|| {
            not_checkable(
                "bukan berita acara pmk3i (tidak ada sidik jari); buat dengan `pmk3i berita-acara ID --format html`",
                "not a pmk3i berita acara (no fingerprint); make one with `pmk3i berita-acara ID --format html`",
            )
        })?;
    const OPEN: &str = "<script type=\"application/json\" id=\"pmk3i-record\">";
    let json = text
        .split_once(OPEN)
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(json, _)| json)
        .ok_or_else(|| {
            not_checkable(
                "catatan kanonis (script pmk3i-record) tidak ada; berkas ini bukan berita acara pmk3i yang utuh",
                "the canonical record (script pmk3i-record) is missing; this is not an intact pmk3i berita acara",
            )
        })?;
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let record: CanonicalRecord = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        not_checkable(
            format!("pmk3i-record {path}: catatan kanonis tidak terbaca ({})", e.inner()),
            format!(
                "pmk3i-record {path}: the canonical record is unreadable ({})",
                e.inner()
            ),
        )
    })?;
    let mut printed = std::collections::BTreeMap::new();
    let mut rest = text;
    while let Some(i) = rest.find("data-fp=\"") {
        rest = &rest[i + "data-fp=\"".len()..];
        let Some((key, after)) = rest.split_once('"') else {
            break;
        };
        let Some((_, body)) = after.split_once('>') else { break };
        let value = body.split('<').next().unwrap_or("");
        printed.insert(unescape_html(key), unescape_html(value));
        rest = body;
    }
    let expected = expected_printed(&record);
    let mut changed: Vec<String> = expected
        .iter()
        .filter(|(k, v)| printed.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(printed.keys().filter(|k| !expected.contains_key(*k)).cloned());
    Ok(Verification {
        stated,
        computed: fingerprint_of(&record),
        changed,
    })
}
