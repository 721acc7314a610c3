//! Regions in the store: identified by their Kemendagri code when they are official
//! ones ([`crate::regions`]); the others ("tanpa kode") by name, kind and province
//! until a user links them to a code.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use crate::assessment::{Region, RegionKind};
use crate::i18n::Message;
use crate::regions::{self, Official};

/// One stored region, with how many assessments it has.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionRow {
    pub id: i64,
    pub name: String,
    pub kind: RegionKind,
    pub province: String,
    /// `None`: "tanpa kode" (not linked to an official region).
    pub code: Option<String>,
    pub assessments: usize,
}

impl RegionRow {
    pub fn display_name(&self) -> String {
        self.kind.display_name(&self.name)
    }
}

/// The region id for `region`, inserting it when new. An official region (by its
/// name, kind and province, any case and spacing) is found by its code and stored
/// under its official name; any other by its name, kind and province, compared
/// without regard to case.
pub(super) fn upsert(tx: &Connection, region: &Region) -> Result<i64> {
    if let Some(official) = regions::resolve(&region.name, region.kind, &region.province) {
        return upsert_official(tx, official);
    }
    // Kept exactly as given (it may be anything a user typed); found again whatever
    // the case.
    let (name, province) = (&region.name, &region.province);
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM region WHERE code IS NULL AND kind = ?2 AND lower(name) = lower(?1)
                AND lower(province) = lower(?3) ORDER BY id LIMIT 1",
            params![name, region.kind.as_str(), province],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO region (name, kind, province) VALUES (?1, ?2, ?3)",
        params![name, region.kind.as_str(), province],
    )?;
    Ok(tx.last_insert_rowid())
}

fn upsert_official(tx: &Connection, official: &Official) -> Result<i64> {
    if let Some(id) = tx
        .query_row("SELECT id FROM region WHERE code = ?1", [&official.code], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    // A row with the official name but no code yet (the unique key is the name, kind
    // and province) becomes the coded one.
    let same: Option<i64> = tx
        .query_row(
            "SELECT id FROM region WHERE name = ?1 AND kind = ?2 AND province = ?3",
            params![official.name, official.kind.as_str(), official.province],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = same {
        tx.execute("UPDATE region SET code = ?2 WHERE id = ?1", params![id, official.code])?;
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO region (name, kind, province, code) VALUES (?1, ?2, ?3, ?4)",
        params![official.name, official.kind.as_str(), official.province, official.code],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Links region `id` to the official region `official`: the row takes its code,
/// name and province. When another row already has that code, the assessments of
/// `id` move to it and `id` is removed (they are one region). Returns the id that
/// now holds the code.
pub(super) fn link(tx: &Connection, id: i64, official: &Official) -> Result<i64> {
    let exists: Option<Option<String>> = tx
        .query_row("SELECT code FROM region WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    let Some(current) = exists else {
        return Err(StoreError::Invalid(Message::new(
            format!("daerah {id} tidak ada; lihat nomornya dengan `pmk3i region list`"),
            format!("there is no region {id}; see the numbers with `pmk3i region list`"),
        )));
    };
    if current.as_deref() == Some(official.code.as_str()) {
        return Ok(id);
    }
    let holder: Option<i64> = tx
        .query_row("SELECT id FROM region WHERE code = ?1", [&official.code], |r| r.get(0))
        .optional()?;
    // Another row with the official name, kind and province blocks the rename (the
    // unique key): it is the same region, so it merges too.
    let same_name: Option<i64> = tx
        .query_row(
            "SELECT id FROM region WHERE name = ?1 AND kind = ?2 AND province = ?3 AND id <> ?4",
            params![official.name, official.kind.as_str(), official.province, id],
            |r| r.get(0),
        )
        .optional()?;
    let target = holder.or(same_name);
    match target {
        Some(keep) => {
            tx.execute(
                "UPDATE assessment SET region_id = ?2 WHERE region_id = ?1",
                params![id, keep],
            )?;
            tx.execute("DELETE FROM region WHERE id = ?1", [id])?;
            tx.execute(
                "UPDATE region SET code = ?2, name = ?3, kind = ?4, province = ?5 WHERE id = ?1",
                params![
                    keep,
                    official.code,
                    official.name,
                    official.kind.as_str(),
                    official.province
                ],
            )?;
            Ok(keep)
        }
        None => {
            tx.execute(
                "UPDATE region SET code = ?2, name = ?3, kind = ?4, province = ?5 WHERE id = ?1",
                params![
                    id,
                    official.code,
                    official.name,
                    official.kind.as_str(),
                    official.province
                ],
            )?;
            Ok(id)
        }
    }
}

/// After migrating to schema 3: every region whose name, kind and province match an
/// official one gets its code (rows that turn out to be the same region merge); the
/// rest stay "tanpa kode".
pub(super) fn link_by_name(tx: &Connection) -> Result<()> {
    let rows = list(tx)?;
    for row in rows.iter().filter(|r| r.code.is_none()) {
        let region = Region {
            name: row.name.clone(),
            kind: row.kind,
            province: row.province.clone(),
        };
        if let Some(official) = regions::resolve(&region.name, region.kind, &region.province) {
            link(tx, row.id, official)?;
        }
    }
    Ok(())
}

/// Every stored region, unlinked ones first, then by province and name.
pub(super) fn list(conn: &Connection) -> Result<Vec<RegionRow>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.name, r.kind, r.province, r.code,
                (SELECT count(*) FROM assessment a WHERE a.region_id = r.id)
         FROM region r ORDER BY r.code IS NOT NULL, r.province, r.name, r.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        out.push(RegionRow {
            id,
            name: r.get(1)?,
            kind: super::kinds::get(r, "kind", "region", &|| format!("region {id}"))?,
            province: r.get(3)?,
            code: r.get(4)?,
            assessments: r.get::<_, i64>(5)?.max(0) as usize,
        });
    }
    Ok(out)
}

/// The region row of assessment `id`.
pub(super) fn of_assessment(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row("SELECT region_id FROM assessment WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NoSuchAssessment(id))
}
