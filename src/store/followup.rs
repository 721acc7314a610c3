//! The follow-up of the earlier period's commitments (schema 8). An assessment started
//! from an earlier one (`previous_id`) records, for each commitment of the earlier
//! berita acara, a status (selesai / berjalan / belum mulai), a date and a note.
//!
//! A follow-up is keyed by the commitment's text and keeps its position in the earlier
//! berita acara (1 = the first) as it was when recorded: commitments are stored as a
//! list written whole, so they have no lasting id. [`match_to`] pairs them again by
//! position and text, then by text alone (the list was reordered), then by position
//! alone (the text was corrected), so a status is never put on another commitment
//! silently. Two commitments with the same text share one follow-up.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::error::{Result, StoreError};
use super::{Store, touch};
use crate::i18n::{Lang, Message};
use crate::workshop::Commitment;

/// How far a commitment of the earlier period has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    Done,
    InProgress,
    NotStarted,
}

impl FollowUpStatus {
    pub const ALL: [FollowUpStatus; 3] = [
        FollowUpStatus::NotStarted,
        FollowUpStatus::InProgress,
        FollowUpStatus::Done,
    ];

    /// The value stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpStatus::Done => "done",
            FollowUpStatus::InProgress => "in_progress",
            FollowUpStatus::NotStarted => "not_started",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FollowUpStatus::Done => lang.pick("selesai", "done"),
            FollowUpStatus::InProgress => lang.pick("berjalan", "in progress"),
            FollowUpStatus::NotStarted => lang.pick("belum mulai", "not started"),
        }
    }

    /// Reads a status in either language or as stored ("selesai", "in-progress",
    /// "belum mulai", "not_started", …), ignoring case, spaces, `-` and `_`.
    pub fn parse(s: &str) -> Option<FollowUpStatus> {
        let key: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "selesai" | "done" => Some(FollowUpStatus::Done),
            "berjalan" | "inprogress" => Some(FollowUpStatus::InProgress),
            "belummulai" | "notstarted" => Some(FollowUpStatus::NotStarted),
            _ => None,
        }
    }

    /// The next status when cycling on screen: not recorded → belum mulai → berjalan →
    /// selesai → belum mulai.
    pub fn next(current: Option<FollowUpStatus>) -> FollowUpStatus {
        match current {
            None | Some(FollowUpStatus::Done) => FollowUpStatus::NotStarted,
            Some(FollowUpStatus::NotStarted) => FollowUpStatus::InProgress,
            Some(FollowUpStatus::InProgress) => FollowUpStatus::Done,
        }
    }
}

/// "belum dicatat" / "not recorded": the status of a commitment nobody followed up yet.
pub fn not_recorded(lang: Lang) -> &'static str {
    lang.pick("belum dicatat", "not recorded")
}

/// One recorded follow-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The commitment's position in the earlier berita acara, from 1.
    pub position: usize,
    /// The commitment's text when the follow-up was recorded.
    pub commitment: String,
    pub status: FollowUpStatus,
    /// YYYY-MM-DD.
    pub date: String,
    pub note: String,
    pub updated_at: String,
}

/// A commitment of the earlier period with its follow-up, if one is recorded.
pub type Followed = (Commitment, Option<FollowUp>);

/// What the user records for one commitment (the store adds its text and the time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpEntry {
    pub status: FollowUpStatus,
    /// YYYY-MM-DD; empty means today (UTC).
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub note: String,
}

/// Whether `s` is a calendar date written YYYY-MM-DD.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?
            .parse::<u32>()
            .ok()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Pairs the follow-ups with `commitments` (the earlier berita acara, in order): the
/// follow-up of each commitment, if one is recorded. A follow-up is used once: first
/// where position and text agree, then where the text agrees (the list was reordered),
/// then at its position when its text is no longer any commitment's (it was corrected).
pub fn match_to(commitments: &[Commitment], followups: &[FollowUp]) -> Vec<Option<FollowUp>> {
    let mut out: Vec<Option<FollowUp>> = vec![None; commitments.len()];
    let mut used = vec![false; followups.len()];
    // `reuse`: a follow-up already given may be given again (two commitments with one
    // text share its follow-up: it is stored by text).
    let mut pass =
        |out: &mut Vec<Option<FollowUp>>, reuse: bool, accept: &dyn Fn(usize, &Commitment, &FollowUp) -> bool| {
            for (i, k) in commitments.iter().enumerate() {
                if out[i].is_some() {
                    continue;
                }
                if let Some(j) = (0..followups.len()).find(|&j| (reuse || !used[j]) && accept(i, k, &followups[j])) {
                    used[j] = true;
                    out[i] = Some(followups[j].clone());
                }
            }
        };
    pass(&mut out, false, &|i, k, f| {
        f.position == i + 1 && f.commitment == k.text
    });
    pass(&mut out, true, &|_, k, f| f.commitment == k.text);
    pass(&mut out, false, &|i, _, f| {
        f.position == i + 1 && !commitments.iter().any(|k| k.text == f.commitment)
    });
    out
}

/// The follow-ups recorded for `assessment`, by position.
pub(super) fn load(conn: &Connection, assessment: i64) -> Result<Vec<FollowUp>> {
    let rows = conn
        .prepare(
            "SELECT position, commitment, status, date, note, updated_at FROM commitment_followup
             WHERE assessment_id = ?1 ORDER BY position, commitment",
        )?
        .query_map([assessment], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (position, commitment, status, date, note, updated_at) in rows {
        // The CHECK constraint holds the status to the three values.
        let Some(status) = FollowUpStatus::parse(&status) else {
            continue;
        };
        out.push(FollowUp {
            position: usize::try_from(position).unwrap_or(0),
            commitment,
            status,
            date,
            note,
            updated_at,
        });
    }
    Ok(out)
}

/// The earlier assessment of `assessment` and its commitments' texts, in order; an
/// error that says what to do when there is no earlier period.
fn earlier_commitments(conn: &Connection, assessment: i64) -> Result<(i64, Vec<String>)> {
    let previous: Option<Option<i64>> = conn
        .query_row("SELECT previous_id FROM assessment WHERE id = ?1", [assessment], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(previous) = previous else {
        return Err(StoreError::NoSuchAssessment(assessment));
    };
    let Some(previous) = previous else {
        return Err(StoreError::Invalid(Message::new(
            format!(
                "penilaian {assessment} tidak dibuat dari periode sebelumnya, jadi tidak ada komitmen periode lalu untuk ditindaklanjuti; buat periode baru dengan `pmk3i new-period ID --period P` (atau y pada daftar)"
            ),
            format!(
                "assessment {assessment} was not started from an earlier period, so there are no previous commitments to follow up; start a new period with `pmk3i new-period ID --period P` (or y on the list)"
            ),
        )));
    };
    let texts = conn
        .prepare("SELECT text FROM commitment WHERE assessment_id = ?1 ORDER BY id")?
        .query_map([previous], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok((previous, texts))
}

impl Store {
    /// The follow-ups recorded for `assessment` (raw, by position; see [`match_to`]).
    pub fn followups(&self, assessment: i64) -> Result<Vec<FollowUp>> {
        load(&self.conn, assessment).map_err(|e| e.at(&self.shown()))
    }

    /// The earlier assessment `assessment` follows up, with that assessment's
    /// commitments paired with their follow-ups.
    pub fn followup_list(&self, assessment: i64) -> Result<(i64, Vec<Followed>)> {
        let (previous, _) = earlier_commitments(&self.conn, assessment).map_err(|e| e.at(&self.shown()))?;
        let commitments = super::workshop::load(&self.conn, previous)
            .map_err(|e| e.at(&self.shown()))?
            .commitments;
        let followups = self.followups(assessment)?;
        let matched = match_to(&commitments, &followups);
        Ok((previous, commitments.into_iter().zip(matched).collect()))
    }

    /// Records (or with `None` clears) the follow-up of commitment `position` (from 1)
    /// of the earlier period's berita acara, in one transaction.
    pub fn set_followup(&mut self, assessment: i64, position: usize, entry: Option<&FollowUpEntry>) -> Result<()> {
        if let Some(e) = entry
            && !e.date.is_empty()
            && !is_date(&e.date)
        {
            return Err(StoreError::Invalid(Message::new(
                format!(
                    "tanggal \"{}\" tidak terbaca; tulis TTTT-BB-HH, mis. 2027-03-15",
                    e.date
                ),
                format!(
                    "the date \"{}\" is not readable; write YYYY-MM-DD, e.g. 2027-03-15",
                    e.date
                ),
            )));
        }
        self.write(|tx, cache| {
            let (previous, texts) = earlier_commitments(tx, assessment)?;
            let Some(text) = position.checked_sub(1).and_then(|i| texts.get(i)) else {
                return Err(StoreError::Invalid(Message::new(
                    format!(
                        "komitmen nomor {position} tidak ada; berita acara periode lalu memuat {} komitmen (lihat `pmk3i followup {assessment} list`)",
                        texts.len()
                    ),
                    format!(
                        "there is no commitment number {position}; the previous berita acara has {} commitment(s) (see `pmk3i followup {assessment} list`)",
                        texts.len()
                    ),
                )));
            };
            let position = i64::try_from(position).unwrap_or(i64::MAX);
            // A follow-up recorded at this position for a text no commitment has any
            // more (it was corrected) is replaced by this one.
            tx.execute(
                "DELETE FROM commitment_followup WHERE assessment_id = ?1 AND position = ?2
                 AND commitment NOT IN (SELECT text FROM commitment WHERE assessment_id = ?3)",
                params![assessment, position, previous],
            )?;
            match entry {
                Some(e) => {
                    tx.execute(
                        "INSERT INTO commitment_followup (assessment_id, commitment, position, status, date, note, updated_at)
                         VALUES (?1, ?2, ?3, ?4, coalesce(nullif(?5, ''), date('now')), ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                         ON CONFLICT (assessment_id, commitment) DO UPDATE SET
                            position = excluded.position, status = excluded.status, date = excluded.date,
                            note = excluded.note, updated_at = excluded.updated_at",
                        params![assessment, text, position, e.status.as_str(), e.date, e.note],
                    )?;
                }
                None => {
                    tx.execute(
                        "DELETE FROM commitment_followup WHERE assessment_id = ?1 AND commitment = ?2",
                        params![assessment, text],
                    )?;
                }
            }
            touch(tx, cache, assessment)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(text: &str) -> Commitment {
        Commitment {
            text: text.into(),
            ..Commitment::default()
        }
    }

    fn f(position: usize, text: &str, status: FollowUpStatus) -> FollowUp {
        FollowUp {
            position,
            commitment: text.into(),
            status,
            date: "2027-02-01".into(),
            note: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn follow_ups_pair_by_position_and_text_then_text_then_position() {
        use FollowUpStatus::*;
        // Reordered: "Festival" moved from 2 to 1; "Perda" (was 1, corrected from
        // "Perda ekraf") stays at 3 by position because its old text is gone.
        let commitments = [k("Festival"), k("Pelatihan"), k("Perda ekonomi kreatif")];
        let followups = [f(2, "Festival", Done), f(3, "Perda ekraf", InProgress)];
        let matched = match_to(&commitments, &followups);
        assert_eq!(matched[0].as_ref().map(|x| x.status), Some(Done));
        assert_eq!(matched[1], None);
        assert_eq!(matched[2].as_ref().map(|x| x.status), Some(InProgress));
        // A follow-up whose position holds another, still existing text is not moved there.
        let matched = match_to(&[k("A"), k("B")], &[f(1, "B", Done)]);
        assert_eq!(matched[0], None);
        assert_eq!(matched[1].as_ref().map(|x| x.position), Some(1));
    }

    #[test]
    fn statuses_read_in_both_languages_and_dates_are_checked() {
        assert_eq!(FollowUpStatus::parse("Belum mulai"), Some(FollowUpStatus::NotStarted));
        assert_eq!(FollowUpStatus::parse("in-progress"), Some(FollowUpStatus::InProgress));
        assert_eq!(FollowUpStatus::parse("SELESAI"), Some(FollowUpStatus::Done));
        assert_eq!(FollowUpStatus::parse("hampir"), None);
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2027-02-29"));
        assert!(!is_date("2027-13-01"));
        assert!(!is_date("15-03-2027"));
        assert!(!is_date("2027-3-15"));
        assert_eq!(FollowUpStatus::next(None), FollowUpStatus::NotStarted);
        assert_eq!(
            FollowUpStatus::next(Some(FollowUpStatus::InProgress)),
            FollowUpStatus::Done
        );
    }
}
