//! The history: who changed what, from what to what, and when.
//!
//! Each connection gets TEMP triggers (see [`install`]) on every table in [`TRACKED`]
//! that append one `change_log` row per changed field. A trigger runs inside the
//! statement that fired it, so a change and its log row are committed — or rolled
//! back, or lost to a SIGKILL — together: one without the other cannot exist. Every
//! write of pmk3i is covered, including writes added later to tracked tables; a new
//! table gets its history by adding one line to [`TRACKED`].
//!
//! The login comes from a per-connection TEMP table that [`install`] fills from the
//! operating system (`getuid`, `getpwuid_r`); the walker is derived from the row
//! itself (an answer is its respondent's, an agreed level is the consensus or the
//! verification walk's).

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::access::Login;
use super::error::Result;

/// One tracked table. Every expression is SQL in which `{r}` stands for the row
/// (`NEW` or `OLD`).
struct Tracked {
    table: &'static str,
    /// The assessment the row belongs to; NULL (the row's parent already gone, as in
    /// a cascade) means nothing is logged: the removal of the parent is.
    assessment: &'static str,
    walker: &'static str,
    respondent_id: &'static str,
    respondent: &'static str,
    item: &'static str,
    subsector: &'static str,
    /// (field, its value as text) — one log row per field whose value changed.
    fields: &'static [(&'static str, &'static str)],
}

const RESPONDENT_NAME: &str = "(SELECT name FROM main.respondent WHERE id = {r}.respondent_id)";
const LEVEL: &str = "CASE WHEN {r}.na THEN 'N/A' ELSE CAST({r}.level AS TEXT) END";

/// Every table whose changes are logged.
const TRACKED: &[Tracked] = &[
    Tracked {
        table: "answer",
        assessment: "(SELECT assessment_id FROM main.respondent WHERE id = {r}.respondent_id)",
        walker: "'respondent'",
        respondent_id: "{r}.respondent_id",
        respondent: RESPONDENT_NAME,
        item: "{r}.indicator",
        subsector: "{r}.subsector",
        fields: &[("level", LEVEL), ("note", "{r}.note"), ("evidence", "{r}.evidence")],
    },
    Tracked {
        table: "agreed_level",
        assessment: "{r}.assessment_id",
        walker: "{r}.kind",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "{r}.indicator",
        subsector: "{r}.subsector",
        fields: &[
            ("level", LEVEL),
            ("note", "{r}.note"),
            ("evidence", "{r}.evidence"),
            ("status", "{r}.status"),
            ("dissent", "{r}.dissent"),
        ],
    },
    Tracked {
        table: "target",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "{r}.indicator",
        subsector: "{r}.subsector",
        fields: &[("level", "CAST({r}.level AS TEXT)")],
    },
    Tracked {
        table: "pillar_text",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "{r}.pillar",
        subsector: "{r}.subsector",
        fields: &[
            ("best_practice", "CASE {r}.kind WHEN 'best_practice' THEN {r}.body END"),
            ("problem", "CASE {r}.kind WHEN 'problem' THEN {r}.body END"),
        ],
    },
    Tracked {
        table: "respondent",
        assessment: "{r}.assessment_id",
        walker: "'respondent'",
        respondent_id: "{r}.id",
        respondent: "{r}.name",
        item: "NULL",
        subsector: "''",
        fields: &[
            ("name", "{r}.name"),
            ("actor", "{r}.actor"),
            ("organisation", "{r}.organisation"),
        ],
    },
    // Not the cursor or updated_at: they change on every keystroke and mean nothing.
    Tracked {
        table: "assessment",
        assessment: "{r}.id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "NULL",
        subsector: "''",
        fields: &[
            ("status", "{r}.status"),
            ("flagship", "{r}.chosen_flagship"),
            ("candidates", "{r}.candidates"),
            ("period", "{r}.period"),
            ("region", "(SELECT name FROM main.region WHERE id = {r}.region_id)"),
        ],
    },
    // The workshop record (issue 12): the DKT session, its attendance, the uji petik
    // visits, the subsectors the flagship pulls along, and the commitments.
    Tracked {
        table: "dkt_session",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "NULL",
        subsector: "''",
        fields: &[
            ("date", "{r}.date"),
            ("place", "{r}.place"),
            ("facilitator", "{r}.facilitator"),
        ],
    },
    Tracked {
        table: "attendee",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "NULL",
        subsector: "''",
        fields: &[
            ("name", "{r}.name"),
            ("organisation", "{r}.organisation"),
            ("actor", "{r}.actor"),
        ],
    },
    Tracked {
        table: "visit",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "NULL",
        subsector: "{r}.subsector",
        fields: &[
            ("date", "{r}.date"),
            ("site", "{r}.site"),
            ("interviewee_role", "{r}.interviewee_role"),
            ("assessors", "{r}.assessors"),
        ],
    },
    Tracked {
        table: "pulled_subsector",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "NULL",
        subsector: "''",
        fields: &[("subsector", "{r}.subsector")],
    },
    Tracked {
        table: "commitment",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "NULL",
        subsector: "''",
        fields: &[
            ("text", "{r}.text"),
            ("actor", "{r}.actor"),
            ("organisation", "{r}.organisation"),
            ("deadline", "{r}.deadline"),
            ("indicators", "{r}.indicators"),
        ],
    },
    // The follow-up of the earlier period's commitments; `item` is the commitment.
    Tracked {
        table: "commitment_followup",
        assessment: "{r}.assessment_id",
        walker: "NULL",
        respondent_id: "NULL",
        respondent: "NULL",
        item: "{r}.commitment",
        subsector: "''",
        fields: &[("status", "{r}.status"), ("date", "{r}.date"), ("note", "{r}.note")],
    },
];

const AT: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// The SQL of the three triggers of one tracked table.
fn triggers(t: &Tracked) -> String {
    let mut sql = String::new();
    for (op, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
        let r = |e: &str| e.replace("{r}", row);
        let assessment = r(t.assessment);
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_log_{table}_{op} AFTER {op} ON main.{table}
             WHEN EXISTS (SELECT 1 FROM main.assessment WHERE id = {assessment})
             BEGIN\n",
            table = t.table,
            op = op.to_lowercase(),
        ));
        for (field, value) in t.fields {
            // An empty text is no value: "" → "x" reads as — → x.
            let of = |row: &str| format!("nullif({}, '')", value.replace("{r}", row));
            let (old, new) = match op {
                "INSERT" => ("NULL".to_string(), of("NEW")),
                "DELETE" => (of("OLD"), "NULL".to_string()),
                _ => (of("OLD"), of("NEW")),
            };
            let changed = format!("{old} IS NOT {new}");
            sql.push_str(&format!(
                "INSERT INTO change_log (assessment_id, at, login, uid, walker, respondent_id, respondent,
                    what, item, subsector, field, old, new)
                 SELECT {assessment}, {AT}, l.login, l.uid, {walker}, {respondent_id}, {respondent},
                    '{table}', {item}, coalesce({subsector}, ''), '{field}', {old}, {new}
                 FROM temp.pmk3i_login AS l WHERE {changed};\n",
                walker = r(t.walker),
                respondent_id = r(t.respondent_id),
                respondent = r(t.respondent),
                table = t.table,
                item = r(t.item),
                subsector = r(t.subsector),
            ));
        }
        sql.push_str("END;\n");
    }
    sql
}

/// Installs the login and the history triggers on `conn` (after its migrations: the
/// log tables must exist). Also the database-level log of deleted assessments.
pub(super) fn install(conn: &Connection, login: &Login) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS pmk3i_login (login TEXT NOT NULL, uid INTEGER NOT NULL);
         DELETE FROM temp.pmk3i_login;",
    )?;
    conn.execute(
        "INSERT INTO temp.pmk3i_login (login, uid) VALUES (?1, ?2)",
        params![login.name, login.uid],
    )?;
    let mut sql = String::new();
    for t in TRACKED {
        sql.push_str(&triggers(t));
    }
    sql.push_str(&format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS pmk3i_log_assessment_deleted AFTER DELETE ON main.assessment
         BEGIN
           INSERT INTO deletion_log (assessment_id, region, period, at, login, uid)
           SELECT OLD.id, coalesce((SELECT name FROM main.region WHERE id = OLD.region_id), ''),
                  OLD.period, {AT}, l.login, l.uid
           FROM temp.pmk3i_login AS l;
         END;"
    ));
    conn.execute_batch(&sql)?;
    // Who may write which answers (see `writer`).
    super::writer::install(conn)
}

/// One logged change of one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When, UTC, to the millisecond (`2026-03-10T09:15:02.123Z`).
    pub at: String,
    /// The OS login that made the change.
    pub login: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    /// `respondent`, `consensus` or `verified`; none for targets, texts and the
    /// assessment's own fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walker: Option<String>,
    /// The respondent's name at the time (answers and respondents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The table: answer, agreed_level, target, pillar_text, respondent, assessment.
    pub what: String,
    /// The indicator (or the pillar, for pillar texts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsector: Option<String>,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An assessment's deletion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deletion {
    pub assessment_id: i64,
    pub region: String,
    pub period: String,
    pub at: String,
    pub login: String,
}

const COLUMNS: &str = "at, login, uid, walker, respondent, what, item, subsector, field, old, new";

fn change(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let subsector: String = r.get(7)?;
    Ok(Change {
        at: r.get(0)?,
        login: r.get(1)?,
        uid: r.get(2)?,
        walker: r.get(3)?,
        respondent: r.get(4)?,
        what: r.get(5)?,
        item: r.get(6)?,
        subsector: (!subsector.is_empty()).then_some(subsector),
        field: r.get(8)?,
        old: r.get(9)?,
        new: r.get(10)?,
    })
}

/// The changes of one assessment, oldest first; `item` keeps one indicator's (or
/// pillar's), `since` those at or after a date or time (`2026-03-10`, UTC).
pub(super) fn read(conn: &Connection, assessment: i64, item: Option<&str>, since: Option<&str>) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM change_log
         WHERE assessment_id = ?1 AND (?2 IS NULL OR item = ?2) AND (?3 IS NULL OR at >= ?3)
         ORDER BY at, id"
    ))?;
    let rows = stmt
        .query_map(params![assessment, item, since], change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The consensus or verified level changes recorded after day `date` (`YYYY-MM-DD`,
/// UTC): from the next day on.
pub(super) fn agreed_changed_after(conn: &Connection, assessment: i64, date: &str) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM change_log
         WHERE assessment_id = ?1 AND what = 'agreed_level' AND field = 'level' AND date(at) > date(?2)
         ORDER BY at, id"
    ))?;
    let rows = stmt
        .query_map(params![assessment, date], change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The last change of the level of one consensus or verified slot.
pub(super) fn last_agreed(
    conn: &Connection,
    assessment: i64,
    kind: &str,
    indicator: &str,
    subsector: &str,
) -> Result<Option<Change>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM change_log
                 WHERE assessment_id = ?1 AND what = 'agreed_level' AND walker = ?2 AND item = ?3
                   AND subsector = ?4 AND field = 'level'
                 ORDER BY at DESC, id DESC LIMIT 1"
            ),
            params![assessment, kind, indicator, subsector],
            change,
        )
        .optional()?)
}

/// Deleted assessments, oldest first.
pub(super) fn deletions(conn: &Connection) -> Result<Vec<Deletion>> {
    let mut stmt = conn.prepare("SELECT assessment_id, region, period, at, login FROM deletion_log ORDER BY at, id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Deletion {
                assessment_id: r.get(0)?,
                region: r.get(1)?,
                period: r.get(2)?,
                at: r.get(3)?,
                login: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Adds changes carried by an import to the new assessment's log as they were (their
/// respondent ids belonged to the other database and are not kept).
pub(super) fn insert_carried(tx: &rusqlite::Transaction<'_>, assessment: i64, changes: &[Change]) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO change_log (assessment_id, at, login, uid, walker, respondent, what, item, subsector,
            field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for c in changes {
        stmt.execute(params![
            assessment,
            c.at,
            c.login,
            c.uid,
            c.walker,
            c.respondent,
            c.what,
            c.item,
            c.subsector.as_deref().unwrap_or(""),
            c.field,
            c.old,
            c.new
        ])?;
    }
    Ok(())
}
