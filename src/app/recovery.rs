//! Changes that could not be committed: what the TUI still has to write, as data, so
//! that it can be retried, shared with the signal thread, and — when the process must
//! end before the database takes it — written to a recovery file beside the database
//! (0600) that the next start offers to apply.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::draft::{Draft, DraftTarget, save_draft};
use crate::actor::Actor;
use crate::assessment::{AgreedKind, WalkPosition, Walker};
use crate::i18n::Lang;
use crate::scoring::SlotKey;
use crate::store::{Store, StoreError, Writer};
use crate::workshop::{Attendee, Commitment, DktSession, VerifyStatus, Visit};

/// One write the TUI makes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Answer {
        respondent: i64,
        slot: SlotKey,
        level: Option<i64>,
        na: bool,
    },
    AgreedAnswer {
        assessment: i64,
        kind: AgreedKind,
        slot: SlotKey,
        level: Option<i64>,
        na: bool,
    },
    /// Where a walker is. Older files name the walker `mode` (`quick:respondent:3`);
    /// such a position reopens the full borang at the same indicator.
    Cursor {
        assessment: i64,
        slot: SlotKey,
        #[serde(alias = "mode")]
        walker: Walker,
        #[serde(default)]
        quick: bool,
    },
    Status {
        assessment: i64,
        status: String,
    },
    Flagship {
        assessment: i64,
        flagship: Option<String>,
    },
    Target {
        assessment: i64,
        slot: SlotKey,
        level: Option<i64>,
    },
    /// A note, evidence, agreed note or pillar text.
    Text {
        draft: Draft,
    },
    /// Uji petik: the status of a verified indicator.
    VerifyStatus {
        assessment: i64,
        slot: SlotKey,
        status: Option<VerifyStatus>,
    },
    /// The discussion (DKT): date, place, facilitator.
    DktSession {
        assessment: i64,
        session: DktSession,
    },
    Attendance {
        assessment: i64,
        list: Vec<Attendee>,
    },
    Visits {
        assessment: i64,
        list: Vec<Visit>,
    },
    Commitments {
        assessment: i64,
        list: Vec<Commitment>,
    },
    /// The subsectors the flagship pulls along (*menghela*).
    Pulled {
        assessment: i64,
        list: Vec<String>,
    },
    /// A corrected region, period and candidates (checked against the assessment's own
    /// framework snapshot when applied).
    Profile {
        assessment: i64,
        region: crate::assessment::Region,
        period: String,
        candidates: Vec<String>,
    },
    /// A corrected respondent.
    Respondent {
        respondent: i64,
        name: String,
        organisation: String,
        actor: Actor,
    },
    RemoveRespondent {
        assessment: i64,
        respondent: i64,
    },
    /// The assessment's region linked to the official (Kemendagri) region `code`.
    /// Linking again to the same code changes nothing, so a retried or recovered link
    /// is safe; a region already holding the code absorbs this one's assessments.
    RegionCode {
        assessment: i64,
        code: String,
    },
    /// The follow-up of the earlier period's commitment `position` (from 1), recorded
    /// on the later assessment; `None` clears it.
    FollowUp {
        assessment: i64,
        position: usize,
        entry: Option<crate::store::followup::FollowUpEntry>,
    },
}

impl Change {
    /// Commits the change (one transaction).
    pub fn apply(&self, store: &mut Store) -> Result<(), StoreError> {
        match self {
            Change::Answer {
                respondent,
                slot,
                level,
                na,
            } => store.upsert_answer(*respondent, slot, *level, *na),
            Change::AgreedAnswer {
                assessment,
                kind,
                slot,
                level,
                na,
            } => store.set_agreed_answer(*assessment, *kind, slot, *level, *na),
            Change::Cursor {
                assessment,
                slot,
                walker,
                quick,
            } => store.set_position(
                *assessment,
                &WalkPosition {
                    walker: *walker,
                    quick: *quick,
                    slot: slot.clone(),
                },
            ),
            Change::Status { assessment, status } => store.set_status(*assessment, status),
            Change::Flagship { assessment, flagship } => store.set_flagship(*assessment, flagship.as_deref()),
            Change::Target {
                assessment,
                slot,
                level,
            } => store.set_target(*assessment, slot, *level),
            Change::Text { draft } => save_draft(store, draft),
            Change::VerifyStatus {
                assessment,
                slot,
                status,
            } => store.set_verify_status(*assessment, slot, *status),
            Change::DktSession { assessment, session } => store.set_dkt_session(*assessment, session),
            Change::Attendance { assessment, list } => store.set_attendance(*assessment, list),
            Change::Visits { assessment, list } => store.set_visits(*assessment, list),
            Change::Commitments { assessment, list } => store.set_commitments(*assessment, list),
            Change::Pulled { assessment, list } => store.set_pulled(*assessment, list),
            Change::Profile {
                assessment,
                region,
                period,
                candidates,
            } => {
                let (_, json) = store.load(*assessment)?;
                let framework = crate::assessment::snapshot_framework(&json).map_err(|problems| {
                    let first = |lang| problems.first().map(|p| p.render(lang)).unwrap_or_default();
                    StoreError::Invalid(crate::i18n::Message::new(
                        format!("salinan kerangka penilaian ini tidak terbaca: {}", first(Lang::Id)),
                        format!("this assessment's framework copy is unreadable: {}", first(Lang::En)),
                    ))
                })?;
                crate::assessment::check_profile(&framework, region, Some(period), candidates)
                    .map_err(StoreError::Invalid)?;
                store.update_profile(*assessment, region, period, candidates)
            }
            Change::Respondent {
                respondent,
                name,
                organisation,
                actor,
            } => store.update_respondent(*respondent, name, organisation, *actor),
            Change::RemoveRespondent { assessment, respondent } => store.delete_respondent(*assessment, *respondent),
            Change::FollowUp {
                assessment,
                position,
                entry,
            } => store.set_followup(*assessment, *position, entry.as_ref()),
            Change::RegionCode { assessment, code } => store
                .region_of(*assessment)
                .and_then(|region| store.link_region(region, code))
                .map(|_| ()),
        }
    }

    /// The walk the change was made in: a respondent's answer, note or evidence in that
    /// respondent's walk, an agreed level's in the consensus or verification walk,
    /// everything else outside the walks. Applied from a recovery file, the change is
    /// written as that walker, so the database refuses it any answer not its own.
    pub fn walker(&self) -> Writer {
        match self {
            Change::Answer { respondent, .. } => Writer::Respondent(*respondent),
            Change::Text { draft } => match &draft.target {
                DraftTarget::Note { walker, .. } | DraftTarget::Evidence { walker, .. } => Writer::from(*walker),
                DraftTarget::Dissent { .. } => Writer::Consensus,
                DraftTarget::PillarText { .. } => Writer::Admin,
            },
            Change::AgreedAnswer { kind, .. } => agreed_walker(*kind),
            Change::VerifyStatus { .. } => Writer::Verified,
            _ => Writer::Admin,
        }
    }

    /// The assessment and the respondent the change names.
    fn names(&self) -> (Option<i64>, Option<i64>) {
        match self {
            Change::Answer { respondent, .. } | Change::Respondent { respondent, .. } => (None, Some(*respondent)),
            Change::RemoveRespondent { assessment, respondent } => (Some(*assessment), Some(*respondent)),
            Change::Text { draft } => match &draft.target {
                DraftTarget::Note {
                    walker: Walker::Respondent(respondent),
                    ..
                }
                | DraftTarget::Evidence {
                    walker: Walker::Respondent(respondent),
                    ..
                } => (None, Some(*respondent)),
                DraftTarget::Note { assessment, .. }
                | DraftTarget::Evidence { assessment, .. }
                | DraftTarget::Dissent { assessment, .. }
                | DraftTarget::PillarText { assessment, .. } => (Some(*assessment), None),
            },
            Change::AgreedAnswer { assessment, .. }
            | Change::Cursor { assessment, .. }
            | Change::Status { assessment, .. }
            | Change::Flagship { assessment, .. }
            | Change::Target { assessment, .. }
            | Change::VerifyStatus { assessment, .. }
            | Change::DktSession { assessment, .. }
            | Change::Attendance { assessment, .. }
            | Change::Visits { assessment, .. }
            | Change::Commitments { assessment, .. }
            | Change::Pulled { assessment, .. }
            | Change::Profile { assessment, .. }
            | Change::FollowUp { assessment, .. }
            | Change::RegionCode { assessment, .. } => (Some(*assessment), None),
        }
    }

    /// Whether the respondent and assessment the change names are still the ones it was
    /// made for: they exist, belong together, and (with `saved_at`, when the recovery
    /// file was written, Unix seconds) were not added after it — a removed last
    /// respondent's or assessment's number is given to the next one added.
    pub fn check(&self, store: &Store, saved_at: Option<i64>) -> Result<(), StoreError> {
        let (assessment, respondent) = self.names();
        let refuse = |id: String, en: String| {
            Err(StoreError::Invalid(crate::i18n::Message::new(
                format!("\"{}\" {id}; tidak ada yang diterapkan", self.describe(Lang::Id)),
                format!("\"{}\" {en}; nothing was applied", self.describe(Lang::En)),
            )))
        };
        if let Some(r) = respondent {
            match store.respondent_assessment(r)? {
                None => {
                    return refuse(
                        format!("menyebut responden {r}, yang tidak ada lagi"),
                        format!("names respondent {r}, who no longer exists"),
                    );
                }
                Some(of) if assessment.is_some_and(|a| a != of) => {
                    let a = assessment.unwrap_or_default();
                    return refuse(
                        format!(
                            "menyebut responden {r} dari penilaian {a}, padahal responden {r} milik penilaian {of}"
                        ),
                        format!(
                            "names respondent {r} of assessment {a}, but respondent {r} belongs to assessment {of}"
                        ),
                    );
                }
                Some(_) => {}
            }
            if let Some(t) = saved_at
                && store.added_after(Some(r), None, t)?
            {
                return refuse(
                    format!(
                        "menyebut responden {r}, tetapi nomor itu kini milik responden (atau penilaian) yang ditambahkan setelah berkas ditulis"
                    ),
                    format!(
                        "names respondent {r}, but that number now belongs to a respondent (or assessment) added after the file was written"
                    ),
                );
            }
        }
        if let Some(a) = assessment {
            if !store.assessment_ids()?.contains(&a) {
                return refuse(
                    format!("menyebut penilaian {a}, yang tidak ada lagi"),
                    format!("names assessment {a}, which no longer exists"),
                );
            }
            if let Some(t) = saved_at
                && store.added_after(None, Some(a), t)?
            {
                return refuse(
                    format!(
                        "menyebut penilaian {a}, tetapi nomor itu kini milik penilaian lain yang dibuat setelah berkas ditulis"
                    ),
                    format!(
                        "names assessment {a}, but that number now belongs to another assessment created after the file was written"
                    ),
                );
            }
        }
        Ok(())
    }

    /// Whether losing it loses something the user entered (the walk position does not).
    pub fn matters(&self) -> bool {
        !matches!(self, Change::Cursor { .. })
    }

    /// One line for the user: what the change is.
    pub fn describe(&self, lang: Lang) -> String {
        let slot_name = |slot: &SlotKey| match &slot.subsector {
            Some(s) => format!("{} ({s})", slot.indicator),
            None => slot.indicator.clone(),
        };
        let level = |level: &Option<i64>, na: bool| match (na, level) {
            (true, _) => "NA".to_string(),
            (false, Some(l)) => l.to_string(),
            (false, None) => lang.pick("dihapus", "cleared").to_string(),
        };
        match self {
            Change::Answer { slot, level: l, na, .. } => {
                format!(
                    "{} {}: {}",
                    lang.pick("jawaban", "answer"),
                    slot_name(slot),
                    level(l, *na)
                )
            }
            Change::AgreedAnswer { slot, level: l, na, .. } => {
                format!(
                    "{} {}: {}",
                    lang.pick("tingkat bersama", "agreed level"),
                    slot_name(slot),
                    level(l, *na)
                )
            }
            Change::Cursor { slot, .. } => format!("{} {}", lang.pick("posisi", "position"), slot_name(slot)),
            Change::Status { status, .. } => format!("status {status}"),
            Change::Flagship { flagship, .. } => format!(
                "{} {}",
                lang.pick("subsektor unggulan", "flagship subsector"),
                flagship.as_deref().unwrap_or("—")
            ),
            Change::Target { slot, level: l, .. } => {
                format!("target {}: {}", slot_name(slot), level(l, false))
            }
            Change::Text { draft } => {
                let (what, place) = match &draft.target {
                    DraftTarget::Note {
                        walker: Walker::Respondent(_),
                        slot,
                        ..
                    } => (lang.pick("catatan", "note"), slot_name(slot)),
                    DraftTarget::Evidence {
                        walker: Walker::Respondent(_),
                        slot,
                        ..
                    } => (lang.pick("bukti", "evidence"), slot_name(slot)),
                    DraftTarget::Note { slot, .. } => {
                        (lang.pick("catatan tingkat bersama", "agreed note"), slot_name(slot))
                    }
                    DraftTarget::Evidence { slot, .. } => {
                        (lang.pick("bukti tingkat bersama", "agreed evidence"), slot_name(slot))
                    }
                    DraftTarget::Dissent { slot, .. } => {
                        (lang.pick("catatan tidak sepakat", "dissent"), slot_name(slot))
                    }
                    DraftTarget::PillarText { pillar, subsector, .. } => (
                        lang.pick("teks pilar", "pillar text"),
                        match subsector {
                            Some(s) => format!("{pillar} ({s})"),
                            None => pillar.clone(),
                        },
                    ),
                };
                let first_line = draft.text.lines().next().unwrap_or_default();
                let shown: String = first_line.chars().take(60).collect();
                let more = if shown.len() < draft.text.len() { "…" } else { "" };
                format!("{what} {place}: \"{shown}{more}\"")
            }
            Change::VerifyStatus { slot, status, .. } => format!(
                "{} {}: {}",
                lang.pick("status verifikasi", "verification status"),
                slot_name(slot),
                status.map(|s| s.label(lang)).unwrap_or("—")
            ),
            Change::DktSession { .. } => lang.pick("data DKT", "DKT record").to_string(),
            Change::Attendance { list, .. } => format!("{} ({})", lang.pick("daftar hadir", "attendance"), list.len()),
            Change::Visits { list, .. } => format!("{} ({})", lang.pick("log kunjungan", "visit log"), list.len()),
            Change::Commitments { list, .. } => format!("{} ({})", lang.pick("komitmen", "commitments"), list.len()),
            Change::Profile { region, period, .. } => format!(
                "{}: {} {period}",
                lang.pick("profil", "profile"),
                region.kind.display_name(&region.name)
            ),
            Change::Respondent { name, .. } => format!("{} {name}", lang.pick("responden", "respondent")),
            Change::RemoveRespondent { respondent, .. } => {
                format!("{} {respondent}", lang.pick("hapus responden", "remove respondent"))
            }
            Change::FollowUp { position, entry, .. } => format!(
                "{} {position}: {}",
                lang.pick("tindak lanjut komitmen", "commitment follow-up"),
                entry
                    .as_ref()
                    .map(|e| e.status.label(lang))
                    .unwrap_or(crate::store::followup::not_recorded(lang))
            ),
            Change::Pulled { list, .. } => format!(
                "{}: {}",
                lang.pick("subsektor yang dihela", "subsectors pulled along"),
                list.join(", ")
            ),
            Change::RegionCode { code, .. } => format!("{} {code}", lang.pick("kode daerah", "region code")),
        }
    }
}

fn agreed_walker(kind: AgreedKind) -> Writer {
    match kind {
        AgreedKind::Consensus => Writer::Consensus,
        AgreedKind::Verified => Writer::Verified,
    }
}

/// The changes still waiting, mirrored for the signal thread.
pub type SharedPending = Arc<Mutex<Vec<Change>>>;

/// The recovery file's content.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFile {
    pub pmk3i_recovery: u32,
    /// The database the changes belong to.
    pub database: String,
    /// When the file was last written (Unix seconds, UTC); a respondent or assessment
    /// added after it cannot be the one its changes were made for. Files from before
    /// it have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_at: Option<i64>,
    pub changes: Vec<Change>,
}

/// The recovery file of a database: `<database>.recovery.json` beside it.
pub fn recovery_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".recovery.json");
    db.with_file_name(name)
}

/// Reads the recovery file of `db`, if there is one; an unreadable one is an error
/// (it is left in place for the user).
pub fn read_recovery(db: &Path) -> Result<Option<RecoveryFile>, String> {
    let path = recovery_path(db);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Adds `changes` to the recovery file of `db` (after any it holds already) and
/// returns its path. The file is written whole, readable only by its owner.
pub fn save_recovery(db: &Path, changes: &[Change]) -> std::io::Result<PathBuf> {
    let path = recovery_path(db);
    let mut all = read_recovery(db).ok().flatten().map(|r| r.changes).unwrap_or_default();
    for c in changes {
        if !all.contains(c) {
            all.push(c.clone());
        }
    }
    write_recovery(db, all)?;
    Ok(path)
}

/// Replaces the recovery file of `db` by `changes`, or removes it when there are none.
pub fn write_recovery(db: &Path, changes: Vec<Change>) -> std::io::Result<()> {
    let path = recovery_path(db);
    if changes.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let file = RecoveryFile {
        pmk3i_recovery: 1,
        database: db.display().to_string(),
        saved_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok()),
        changes,
    };
    let text = crate::safe_text::to_json_pretty(&file).map_err(std::io::Error::other)?;
    crate::private_file::write_private(&path, text.as_bytes())
}

/// Applies a recovery file's changes (see [`apply_within`]), after checking that each
/// names what it was made for ([`Change::check`] with the file's `saved_at`): one that
/// does not refuses the whole file, and nothing is written.
pub fn apply_file(
    store: &mut Store,
    file: RecoveryFile,
    limit: std::time::Duration,
) -> (Vec<Change>, Option<StoreError>) {
    match first_stale(store, &file.changes, file.saved_at) {
        Some(StoreError::Invalid(m)) => {
            let e = StoreError::Invalid(crate::i18n::Message::new(
                format!(
                    "berkas pemulihan ditolak: {}. Buang berkas itu (h) bila perubahannya tidak berlaku lagi",
                    m.id
                ),
                format!(
                    "the recovery file was refused: {}. Discard it (d) if its changes no longer apply",
                    m.en
                ),
            ));
            (file.changes, Some(e))
        }
        _ => apply_checked(store, file.changes, limit),
    }
}

/// The refusal of the first change that does not name what it was made for, if any
/// ([`Change::check`]). A lock is no answer either way: the writes wait for it, and
/// report it.
fn first_stale(store: &Store, changes: &[Change], saved_at: Option<i64>) -> Option<StoreError> {
    changes.iter().find_map(|c| match c.check(store, saved_at) {
        Err(e @ StoreError::Invalid(_)) => Some(e),
        _ => None,
    })
}

/// Applies `changes` in order, each as the walker it was made in ([`Change::walker`]),
/// retrying the ones that fail until `limit` has passed; returns those that could
/// still not be committed, with the last error. A change naming a respondent or an
/// assessment that no longer exists ([`Change::check`]) refuses them all, at once.
pub fn apply_within(
    store: &mut Store,
    changes: Vec<Change>,
    limit: std::time::Duration,
) -> (Vec<Change>, Option<StoreError>) {
    if let Some(e) = first_stale(store, &changes, None) {
        return (changes, Some(e));
    }
    apply_checked(store, changes, limit)
}

fn apply_checked(
    store: &mut Store,
    mut changes: Vec<Change>,
    limit: std::time::Duration,
) -> (Vec<Change>, Option<StoreError>) {
    let deadline = std::time::Instant::now() + limit;
    let mut last = None;
    loop {
        let mut kept = Vec::new();
        for c in changes {
            // Keep the order: once one fails, the later ones wait behind it.
            if !kept.is_empty() {
                kept.push(c);
                continue;
            }
            let applied = store.set_writer(Some(c.walker())).and_then(|()| c.apply(store));
            if let Err(e) = applied {
                last = Some(e);
                kept.push(c);
            }
        }
        changes = kept;
        if changes.is_empty() {
            return (changes, None);
        }
        if std::time::Instant::now() >= deadline {
            return (changes, last);
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changes as a recovery file from before `Walker` holds them.
    const OLD_CHANGES: &str = r#"[
        {"change": "cursor", "assessment": 1, "slot": {"indicator": "umum.a", "subsector": null}, "mode": "respondent:3"},
        {"change": "cursor", "assessment": 1, "slot": {"indicator": "umum.b", "subsector": null}, "mode": "consensus"},
        {"change": "text", "draft": {"target": {"target": "note", "respondent": 3,
            "slot": {"indicator": "umum.a", "subsector": null}}, "text": "catatan"}},
        {"change": "text", "draft": {"target": {"target": "agreed_evidence", "assessment": 1, "kind": "verified",
            "slot": {"indicator": "umum.b", "subsector": "kuliner"}}, "text": "foto"}},
        {"change": "text", "draft": {"target": {"target": "agreed_dissent", "assessment": 1,
            "slot": {"indicator": "umum.b", "subsector": null}}, "text": "C tidak sepakat"}}
    ]"#;

    #[test]
    fn a_recovery_file_from_before_walkers_had_a_type_still_reads() {
        let changes: Vec<Change> = serde_json::from_str(OLD_CHANGES).expect("the old encodings read");
        let slot_a = SlotKey::new("umum.a", None);
        let slot_b = SlotKey::new("umum.b", None);
        assert_eq!(
            changes,
            [
                Change::Cursor {
                    assessment: 1,
                    slot: slot_a.clone(),
                    walker: Walker::Respondent(3),
                    quick: false,
                },
                Change::Cursor {
                    assessment: 1,
                    slot: slot_b.clone(),
                    walker: Walker::Consensus,
                    quick: false,
                },
                Change::Text {
                    draft: Draft {
                        target: DraftTarget::Note {
                            assessment: 0,
                            walker: Walker::Respondent(3),
                            slot: slot_a,
                        },
                        text: "catatan".into(),
                    },
                },
                Change::Text {
                    draft: Draft {
                        target: DraftTarget::Evidence {
                            assessment: 1,
                            walker: Walker::Verified,
                            slot: SlotKey::new("umum.b", Some("kuliner")),
                        },
                        text: "foto".into(),
                    },
                },
                Change::Text {
                    draft: Draft {
                        target: DraftTarget::Dissent {
                            assessment: 1,
                            slot: slot_b,
                        },
                        text: "C tidak sepakat".into(),
                    },
                },
            ]
        );
        // Written again, walkers are one text form.
        let written = serde_json::to_value(&changes[0]).expect("json");
        assert_eq!(written["walker"], "respondent:3");
        let written = serde_json::to_value(&changes[2]).expect("json");
        assert_eq!(written["draft"]["target"]["walker"], "respondent:3");
    }

    #[test]
    fn the_recovery_file_sits_beside_the_database_and_round_trips() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("pmk3i.sqlite3");
        assert_eq!(recovery_path(&db), dir.path().join("pmk3i.sqlite3.recovery.json"));
        let answer = Change::Answer {
            respondent: 4,
            slot: SlotKey::new("kebijakan.perda", None),
            level: Some(3),
            na: false,
        };
        save_recovery(&db, std::slice::from_ref(&answer))?;
        // The same change twice is kept once; a new one is added after it.
        let status = Change::Status {
            assessment: 1,
            status: "complete".into(),
        };
        save_recovery(&db, &[answer.clone(), status.clone()])?;
        let back = read_recovery(&db).map_err(std::io::Error::other)?.map(|r| r.changes);
        assert_eq!(back, Some(vec![answer, status]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(recovery_path(&db))?.permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        write_recovery(&db, Vec::new())?;
        assert!(!recovery_path(&db).exists());
        Ok(())
    }
}
