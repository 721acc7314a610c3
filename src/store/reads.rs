//! Reading one assessment whole: the walk, the results screen, export and report
//! need every answer; the list does not (it reads [`super::summary`]).

use rusqlite::{Connection, OptionalExtension};

use super::error::{Result, StoreError};
use super::{kinds, opt};
use crate::assessment::{
    AgreedLevel, Assessment, PillarText, Region, Respondent, StoredAnswer, Target, WalkPosition, Walker,
};
use crate::i18n::Message;
use crate::scoring::SlotKey;

/// Loads an assessment with everything recorded for it (not its framework snapshot:
/// see [`snapshot_json`]).
pub fn load_assessment(conn: &Connection, id: i64) -> Result<Assessment> {
    let mut stmt = conn.prepare(
        "SELECT r.name, r.kind, r.province, a.period, a.framework_id, a.framework_version, a.framework_hash,
                a.candidates, a.chosen_flagship, a.status, a.created_at, a.updated_at, a.import_copy
         FROM assessment a JOIN region r ON r.id = a.region_id WHERE a.id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    let row = rows.next()?.ok_or(StoreError::NoSuchAssessment(id))?;
    let candidates: String = row.get("candidates")?;
    let candidates: Vec<String> = serde_json::from_str(&candidates).map_err(|e| {
        StoreError::Invalid(Message::new(
            format!("penilaian {id}: daftar subsektor kandidat tidak terbaca: {e}"),
            format!("assessment {id}: unreadable candidate list: {e}"),
        ))
    })?;
    let positions = positions(conn, id)?;
    let assessment = Assessment {
        id,
        region: Region {
            name: row.get("name")?,
            kind: kinds::get(row, "kind", "region", &|| format!("assessment {id}"))?,
            province: row.get("province")?,
        },
        period: row.get("period")?,
        import_copy: row.get("import_copy")?,
        framework_id: row.get("framework_id")?,
        framework_version: row.get("framework_version")?,
        framework_hash: row.get("framework_hash")?,
        candidates,
        chosen_flagship: row.get("chosen_flagship")?,
        status: row.get("status")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        cursor: positions.first().map(|p| p.slot.clone()),
        positions,
        respondents: respondents(conn, id)?,
        pillar_texts: pillar_texts(conn, id)?,
        agreed: agreed(conn, id)?,
        targets: targets(conn, id)?,
        workshop: super::workshop::load(conn, id)?,
    };
    Ok(assessment)
}

/// Where each walker of the assessment left the walk, the most recent first.
fn positions(conn: &Connection, assessment: i64) -> Result<Vec<WalkPosition>> {
    let mut stmt = conn.prepare(
        "SELECT id, walker, respondent_id, quick, indicator, subsector FROM walk_position
         WHERE assessment_id = ?1 ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([assessment])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let rowid: i64 = r.get("id")?;
        let kind: String = r.get("walker")?;
        let walker = match (kind.as_str(), r.get::<_, Option<i64>>("respondent_id")?) {
            ("respondent", Some(id)) => Walker::Respondent(id),
            ("consensus", None) => Walker::Consensus,
            ("verified", None) => Walker::Verified,
            _ => {
                return Err(StoreError::UnknownValue {
                    path: String::new(),
                    table: "walk_position",
                    row: format!("assessment {assessment}, rowid {rowid}"),
                    column: "walker".into(),
                    value: kind,
                });
            }
        };
        let indicator: String = r.get("indicator")?;
        let subsector: String = r.get("subsector")?;
        out.push(WalkPosition {
            walker,
            quick: r.get("quick")?,
            slot: SlotKey::new(&indicator, Some(subsector.as_str()).filter(|s| !s.is_empty())),
        });
    }
    Ok(out)
}

/// The stored text of the framework snapshot with `hash`.
pub fn snapshot_json(conn: &Connection, hash: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT json FROM framework_snapshot WHERE hash = ?1", [hash], |r| {
            r.get(0)
        })
        .optional()?)
}

fn respondents(conn: &Connection, assessment: i64) -> Result<Vec<Respondent>> {
    let mut stmt =
        conn.prepare("SELECT id, name, actor, organisation, uid FROM respondent WHERE assessment_id = ?1 ORDER BY id")?;
    let mut rows = stmt.query([assessment])?;
    let mut respondents = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get("id")?;
        respondents.push(Respondent {
            id,
            name: r.get("name")?,
            actor: kinds::get(r, "actor", "respondent", &|| format!("respondent {id}"))?,
            organisation: r.get("organisation")?,
            uid: r.get::<_, Option<String>>("uid")?.unwrap_or_default(),
            answers: Vec::new(),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT indicator, subsector, level, na, note, evidence, updated_at FROM answer
         WHERE respondent_id = ?1 ORDER BY rowid",
    )?;
    for r in &mut respondents {
        r.answers = stmt
            .query_map([r.id], |row| {
                Ok(StoredAnswer {
                    indicator: row.get("indicator")?,
                    subsector: opt(row.get("subsector")?),
                    level: row.get("level")?,
                    na: row.get("na")?,
                    note: row.get("note")?,
                    evidence: row.get("evidence")?,
                    updated_at: row.get("updated_at")?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(respondents)
}

fn pillar_texts(conn: &Connection, assessment: i64) -> Result<Vec<PillarText>> {
    let mut stmt = conn.prepare(
        "SELECT pillar, subsector, kind, body FROM pillar_text WHERE assessment_id = ?1 ORDER BY pillar, subsector, kind",
    )?;
    let mut rows = stmt.query([assessment])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let pillar: String = r.get("pillar")?;
        let subsector: String = r.get("subsector")?;
        let kind = kinds::get(r, "kind", "pillar_text", &|| {
            format!("assessment {assessment}, pillar {pillar}, subsector \"{subsector}\"")
        })?;
        out.push(PillarText {
            pillar,
            subsector: opt(subsector),
            kind,
            body: r.get("body")?,
        });
    }
    Ok(out)
}

fn agreed(conn: &Connection, assessment: i64) -> Result<Vec<AgreedLevel>> {
    let mut stmt = conn.prepare(
        "SELECT kind, indicator, subsector, level, na, note, evidence, status, dissent FROM agreed_level WHERE assessment_id = ?1
         ORDER BY kind, indicator, subsector",
    )?;
    let mut rows = stmt.query([assessment])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let indicator: String = r.get("indicator")?;
        let subsector: String = r.get("subsector")?;
        let row = || format!("assessment {assessment}, indicator {indicator}, subsector \"{subsector}\"");
        let kind = kinds::get(r, "kind", "agreed_level", &row)?;
        let status = kinds::get(r, "status", "agreed_level", &row)?;
        out.push(AgreedLevel {
            kind,
            indicator,
            subsector: opt(subsector),
            level: r.get("level")?,
            na: r.get("na")?,
            note: r.get("note")?,
            evidence: r.get("evidence")?,
            status,
            dissent: r.get("dissent")?,
        });
    }
    Ok(out)
}

fn targets(conn: &Connection, assessment: i64) -> Result<Vec<Target>> {
    let mut stmt = conn.prepare(
        "SELECT indicator, subsector, level FROM target WHERE assessment_id = ?1 ORDER BY indicator, subsector",
    )?;
    let rows = stmt
        .query_map([assessment], |r| {
            Ok(Target {
                indicator: r.get("indicator")?,
                subsector: opt(r.get("subsector")?),
                level: r.get("level")?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
