//! Reading one assessment whole: the walk, the results screen, export and report
//! need every answer; the list does not (it reads [`super::summary`]).

use rusqlite::{Connection, OptionalExtension};

use super::error::{Result, StoreError};
use super::opt;
use crate::assessment::{
    AgreedKind, AgreedLevel, Assessment, PillarText, Region, RegionKind, Respondent, StoredAnswer, Target, TextKind,
};
use crate::i18n::Message;
use crate::scoring::SlotKey;

/// Loads an assessment with everything recorded for it (not its framework snapshot:
/// see [`snapshot_json`]).
pub fn load_assessment(conn: &Connection, id: i64) -> Result<Assessment> {
    let row = conn
        .query_row(
            "SELECT r.name, r.kind, r.province, a.period, a.framework_id, a.framework_version, a.framework_hash,
                    a.candidates, a.chosen_flagship, a.status, a.created_at, a.updated_at,
                    a.cursor_indicator, a.cursor_subsector, a.cursor_mode, a.import_copy
             FROM assessment a JOIN region r ON r.id = a.region_id WHERE a.id = ?1",
            [id],
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                    (
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                    ),
                    (
                        r.get::<_, String>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, String>(9)?,
                    ),
                    (r.get::<_, String>(10)?, r.get::<_, String>(11)?),
                    (
                        r.get::<_, Option<String>>(12)?,
                        r.get::<_, Option<String>>(13)?,
                        r.get::<_, Option<String>>(14)?,
                    ),
                    r.get::<_, bool>(15)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NoSuchAssessment(id))?;
    let (
        (name, kind, province),
        (period, framework_id, framework_version, framework_hash),
        rest,
        times,
        cursor,
        import_copy,
    ) = row;
    let (candidates, chosen_flagship, status) = rest;
    let kind = RegionKind::parse(&kind).ok_or_else(|| {
        StoreError::Invalid(Message::new(
            format!("jenis daerah \"{kind}\" tidak dikenal"),
            format!("unknown region kind {kind}"),
        ))
    })?;
    let candidates: Vec<String> = serde_json::from_str(&candidates).map_err(|e| {
        StoreError::Invalid(Message::new(
            format!("penilaian {id}: daftar subsektor kandidat tidak terbaca: {e}"),
            format!("assessment {id}: unreadable candidate list: {e}"),
        ))
    })?;
    let assessment = Assessment {
        id,
        region: Region { name, kind, province },
        period,
        import_copy,
        framework_id,
        framework_version,
        framework_hash,
        candidates,
        chosen_flagship,
        status,
        created_at: times.0,
        updated_at: times.1,
        cursor: cursor
            .0
            .map(|i| SlotKey::new(&i, cursor.1.as_deref().filter(|s| !s.is_empty()))),
        cursor_mode: cursor.2,
        respondents: respondents(conn, id)?,
        pillar_texts: pillar_texts(conn, id)?,
        agreed: agreed(conn, id)?,
        targets: targets(conn, id)?,
        workshop: super::workshop::load(conn, id)?,
    };
    Ok(assessment)
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
    let mut respondents = stmt
        .query_map([assessment], |r| {
            Ok(Respondent {
                id: r.get(0)?,
                name: r.get(1)?,
                actor: r.get(2)?,
                organisation: r.get(3)?,
                uid: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                answers: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT indicator, subsector, level, na, note, evidence, updated_at FROM answer
         WHERE respondent_id = ?1 ORDER BY rowid",
    )?;
    for r in &mut respondents {
        r.answers = stmt
            .query_map([r.id], |row| {
                Ok(StoredAnswer {
                    indicator: row.get(0)?,
                    subsector: opt(row.get(1)?),
                    level: row.get(2)?,
                    na: row.get(3)?,
                    note: row.get(4)?,
                    evidence: row.get(5)?,
                    updated_at: row.get(6)?,
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
    let rows = stmt
        .query_map([assessment], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(pillar, subsector, kind, body)| {
            Some(PillarText {
                pillar,
                subsector: opt(subsector),
                kind: TextKind::parse(&kind)?,
                body,
            })
        })
        .collect())
}

fn agreed(conn: &Connection, assessment: i64) -> Result<Vec<AgreedLevel>> {
    let mut stmt = conn.prepare(
        "SELECT kind, indicator, subsector, level, na, note, evidence, status, dissent FROM agreed_level WHERE assessment_id = ?1
         ORDER BY kind, indicator, subsector",
    )?;
    let rows = stmt
        .query_map([assessment], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(kind, indicator, subsector, level, na, note, evidence, status, dissent)| {
                Some(AgreedLevel {
                    kind: AgreedKind::parse(&kind)?,
                    indicator,
                    subsector: opt(subsector),
                    level,
                    na,
                    note,
                    evidence,
                    status: status.as_deref().and_then(crate::workshop::VerifyStatus::parse),
                    dissent,
                })
            },
        )
        .collect())
}

fn targets(conn: &Connection, assessment: i64) -> Result<Vec<Target>> {
    let mut stmt = conn.prepare(
        "SELECT indicator, subsector, level FROM target WHERE assessment_id = ?1 ORDER BY indicator, subsector",
    )?;
    let rows = stmt
        .query_map([assessment], |r| {
            Ok(Target {
                indicator: r.get(0)?,
                subsector: opt(r.get(1)?),
                level: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
