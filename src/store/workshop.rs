//! The workshop cycle's own tables (schema 4): the discussion session and attendance,
//! the visit log, the pulled subsectors and the commitments, plus the verification
//! status of a verified level. Lists are written whole, each in one transaction that
//! keeps the summary current (`touch`), as every write of the store does.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::error::{Result, StoreError};
use super::{EMPTY_AGREED_TEXTS, Store, opt, sub, touch};
use crate::actor::Actor;
use crate::assessment::AgreedKind;
use crate::i18n::Message;
use crate::scoring::SlotKey;
use crate::workshop::{Attendee, Commitment, DktSession, LinkedIndicator, VerifyStatus, Visit, Workshop};

/// Everything of the workshop cycle stored for an assessment.
pub fn load(conn: &Connection, assessment: i64) -> Result<Workshop> {
    let session = conn
        .query_row(
            "SELECT date, place, facilitator FROM dkt_session WHERE assessment_id = ?1",
            [assessment],
            |r| {
                Ok(DktSession {
                    date: r.get(0)?,
                    place: r.get(1)?,
                    facilitator: r.get(2)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default();
    let mut stmt =
        conn.prepare("SELECT id, name, organisation, actor FROM attendee WHERE assessment_id = ?1 ORDER BY id")?;
    let mut rows = stmt.query([assessment])?;
    let mut attendance = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get("id")?;
        attendance.push(Attendee {
            name: r.get("name")?,
            organisation: r.get("organisation")?,
            actor: super::kinds::get(r, "actor", "attendee", &|| {
                format!("assessment {assessment}, attendee {id}")
            })?,
        });
    }
    let visits = conn
        .prepare(
            "SELECT date, site, subsector, interviewee_role, assessors FROM visit WHERE assessment_id = ?1 ORDER BY id",
        )?
        .query_map([assessment], |r| {
            Ok(Visit {
                date: r.get(0)?,
                site: r.get(1)?,
                subsector: opt(r.get(2)?),
                interviewee_role: r.get(3)?,
                assessors: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let pulled = conn
        .prepare("SELECT subsector FROM pulled_subsector WHERE assessment_id = ?1 ORDER BY position")?
        .query_map([assessment], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let rows = conn
        .prepare(
            "SELECT id, text, actor, organisation, deadline, indicators FROM commitment WHERE assessment_id = ?1 ORDER BY id",
        )?
        .query_map([assessment], |r| {
            Ok((
                r.get::<_, i64>("id")?,
                r.get::<_, String>("text")?,
                r.get::<_, Option<String>>("actor")?,
                r.get::<_, String>("organisation")?,
                r.get::<_, String>("deadline")?,
                r.get::<_, String>("indicators")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut commitments = Vec::with_capacity(rows.len());
    for (id, text, actor, organisation, deadline, indicators) in rows {
        let actor = match actor {
            None => None,
            Some(value) => Some(Actor::parse(&value).ok_or_else(|| StoreError::UnknownValue {
                path: String::new(),
                table: "commitment",
                row: format!("assessment {assessment}, commitment {id}"),
                column: "actor".into(),
                value,
            })?),
        };
        let indicators: Vec<LinkedIndicator> = serde_json::from_str(&indicators).map_err(|e| {
            StoreError::Invalid(Message::new(
                format!("penilaian {assessment}: indikator terkait sebuah komitmen tidak terbaca: {e}"),
                format!("assessment {assessment}: a commitment's linked indicators are unreadable: {e}"),
            ))
        })?;
        commitments.push(Commitment {
            text,
            actor,
            organisation,
            deadline,
            indicators,
        });
    }
    Ok(Workshop {
        session,
        attendance,
        visits,
        pulled,
        commitments,
    })
}

fn indicators_json(list: &[LinkedIndicator]) -> Result<String> {
    serde_json::to_string(list).map_err(|e| {
        StoreError::Invalid(Message::new(
            format!("indikator terkait tidak dapat disimpan: {e}"),
            format!("cannot store the linked indicators: {e}"),
        ))
    })
}

fn write_session(tx: &Transaction<'_>, assessment: i64, s: &DktSession) -> Result<()> {
    if s.is_empty() {
        tx.execute("DELETE FROM dkt_session WHERE assessment_id = ?1", [assessment])?;
    } else {
        tx.execute(
            "INSERT INTO dkt_session (assessment_id, date, place, facilitator) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (assessment_id) DO UPDATE SET date = excluded.date, place = excluded.place,
                facilitator = excluded.facilitator",
            params![assessment, s.date, s.place, s.facilitator],
        )?;
    }
    Ok(())
}

fn write_attendance(tx: &Transaction<'_>, assessment: i64, list: &[Attendee]) -> Result<()> {
    tx.execute("DELETE FROM attendee WHERE assessment_id = ?1", [assessment])?;
    for a in list {
        tx.execute(
            "INSERT INTO attendee (assessment_id, name, organisation, actor) VALUES (?1, ?2, ?3, ?4)",
            params![assessment, a.name, a.organisation, a.actor],
        )?;
    }
    Ok(())
}

fn write_visits(tx: &Transaction<'_>, assessment: i64, list: &[Visit]) -> Result<()> {
    tx.execute("DELETE FROM visit WHERE assessment_id = ?1", [assessment])?;
    for v in list {
        tx.execute(
            "INSERT INTO visit (assessment_id, date, site, subsector, interviewee_role, assessors)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                assessment,
                v.date,
                v.site,
                sub(&v.subsector),
                v.interviewee_role,
                v.assessors
            ],
        )?;
    }
    Ok(())
}

fn write_pulled(tx: &Transaction<'_>, assessment: i64, list: &[String]) -> Result<()> {
    tx.execute("DELETE FROM pulled_subsector WHERE assessment_id = ?1", [assessment])?;
    for (i, s) in list.iter().enumerate() {
        tx.execute(
            "INSERT INTO pulled_subsector (assessment_id, position, subsector) VALUES (?1, ?2, ?3)
             ON CONFLICT (assessment_id, subsector) DO NOTHING",
            params![assessment, i as i64, s],
        )?;
    }
    Ok(())
}

fn write_commitments(tx: &Transaction<'_>, assessment: i64, list: &[Commitment]) -> Result<()> {
    tx.execute("DELETE FROM commitment WHERE assessment_id = ?1", [assessment])?;
    for c in list {
        tx.execute(
            "INSERT INTO commitment (assessment_id, text, actor, organisation, deadline, indicators)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                assessment,
                c.text,
                c.actor,
                c.organisation,
                c.deadline,
                indicators_json(&c.indicators)?
            ],
        )?;
    }
    Ok(())
}

/// Writes a whole workshop record of a new (imported) assessment.
pub fn insert_all(tx: &Transaction<'_>, assessment: i64, w: &Workshop) -> Result<()> {
    write_session(tx, assessment, &w.session)?;
    write_attendance(tx, assessment, &w.attendance)?;
    write_visits(tx, assessment, &w.visits)?;
    write_pulled(tx, assessment, &w.pulled)?;
    write_commitments(tx, assessment, &w.commitments)
}

impl Store {
    /// Records the discussion's date, place and facilitator (all empty removes it).
    pub fn set_dkt_session(&mut self, assessment: i64, session: &DktSession) -> Result<()> {
        self.write(|tx, cache| {
            write_session(tx, assessment, session)?;
            touch(tx, cache, assessment)
        })
    }

    /// Replaces the attendance list of the discussion.
    pub fn set_attendance(&mut self, assessment: i64, list: &[Attendee]) -> Result<()> {
        self.write(|tx, cache| {
            write_attendance(tx, assessment, list)?;
            touch(tx, cache, assessment)
        })
    }

    /// Replaces the uji petik visit log.
    pub fn set_visits(&mut self, assessment: i64, list: &[Visit]) -> Result<()> {
        self.write(|tx, cache| {
            write_visits(tx, assessment, list)?;
            touch(tx, cache, assessment)
        })
    }

    /// Replaces the subsectors the flagship pulls along, in order.
    pub fn set_pulled(&mut self, assessment: i64, list: &[String]) -> Result<()> {
        self.write(|tx, cache| {
            write_pulled(tx, assessment, list)?;
            touch(tx, cache, assessment)
        })
    }

    /// Replaces the commitments of the berita acara.
    pub fn set_commitments(&mut self, assessment: i64, list: &[Commitment]) -> Result<()> {
        if let Some(actor) = list.iter().filter_map(|c| c.actor).find(|a| !a.is_helix()) {
            let groups = Actor::ids(&Actor::HELIX);
            return Err(StoreError::Invalid(Message::new(
                format!("komitmen dimiliki kelompok heliks, bukan \"{actor}\" (gunakan {groups})"),
                format!("a commitment is owned by a helix group, not \"{actor}\" (use {groups})"),
            )));
        }
        self.write(|tx, cache| {
            write_commitments(tx, assessment, list)?;
            touch(tx, cache, assessment)
        })
    }

    /// Sets (or with `None` clears) the verification status of an indicator, without
    /// touching its level or texts; a row left with nothing at all is removed.
    pub fn set_verify_status(&mut self, assessment: i64, slot: &SlotKey, status: Option<VerifyStatus>) -> Result<()> {
        let kind = AgreedKind::Verified;
        self.write(|tx, cache| {
            super::writes::agreed(
                tx,
                assessment,
                kind,
                slot,
                &[super::writes::AgreedField::Status(status)],
                super::writes::OnConflict::Replace,
            )?;
            tx.execute(
                &format!(
                    "DELETE FROM agreed_level WHERE assessment_id = ?1 AND kind = ?2 AND indicator = ?3
                     AND subsector = ?4 AND level IS NULL AND na = 0 AND {EMPTY_AGREED_TEXTS}"
                ),
                params![assessment, kind, slot.indicator, sub(&slot.subsector)],
            )?;
            touch(tx, cache, assessment)
        })
    }
}

impl Store {
    /// Corrects an assessment's region, period and candidates. Answers (and agreed
    /// levels, targets, texts) of a removed candidate stay in the database and count
    /// again when it is added back; a chosen flagship that is no longer a candidate is
    /// cleared, and so are pulled subsectors that became candidates' flagship. The
    /// profile is the domain's to check first (`assessment::check_profile`).
    pub fn update_profile(
        &mut self,
        assessment: i64,
        region: &crate::assessment::Region,
        period: &str,
        candidates: &[String],
    ) -> Result<()> {
        let invalid = |id: String, en: String| StoreError::Invalid(Message::new(id, en));
        let candidates_text = serde_json::to_string(candidates).map_err(|e| {
            invalid(
                format!("daftar subsektor kandidat tidak dapat disimpan: {e}"),
                format!("cannot store the candidate list: {e}"),
            )
        })?;
        self.write(|tx, cache| {
            let region_id = super::upsert_region(tx, region)?;
            let flagship: Option<String> = tx
                .query_row("SELECT chosen_flagship FROM assessment WHERE id = ?1", [assessment], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or(StoreError::NoSuchAssessment(assessment))?;
            let flagship = flagship.filter(|f| candidates.contains(f));
            tx.execute(
                "UPDATE assessment SET region_id = ?2, period = ?3, candidates = ?4, chosen_flagship = ?5 WHERE id = ?1",
                params![assessment, region_id, period.trim(), candidates_text, flagship],
            )?;
            if let Some(f) = &flagship {
                tx.execute(
                    "DELETE FROM pulled_subsector WHERE assessment_id = ?1 AND subsector = ?2",
                    params![assessment, f],
                )?;
            }
            touch(tx, cache, assessment)
        })
    }

    /// Corrects a respondent's name, organisation and helix group.
    pub fn update_respondent(&mut self, respondent: i64, name: &str, organisation: &str, actor: Actor) -> Result<()> {
        if name.trim().is_empty() {
            return Err(StoreError::Invalid(Message::new(
                "isi nama responden",
                "enter the respondent's name",
            )));
        }
        self.write(|tx, cache| {
            let n = tx.execute(
                "UPDATE respondent SET name = ?2, organisation = ?3, actor = ?4 WHERE id = ?1",
                params![respondent, name.trim(), organisation.trim(), actor],
            )?;
            if n == 0 {
                return Err(StoreError::Invalid(Message::new(
                    format!("responden {respondent} tidak ada"),
                    format!("there is no respondent {respondent}"),
                )));
            }
            super::touch_by_respondent(tx, cache, respondent)
        })
    }

    /// Removes a respondent and their answers.
    pub fn delete_respondent(&mut self, assessment: i64, respondent: i64) -> Result<()> {
        self.write(|tx, cache| {
            tx.execute(
                "DELETE FROM respondent WHERE id = ?1 AND assessment_id = ?2",
                params![respondent, assessment],
            )?;
            touch(tx, cache, assessment)
        })
    }
}
