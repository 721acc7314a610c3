//! The TUI's write queue and the database's walker guard: a change that names another
//! respondent than the walk it was made in is refused, dropped and said so.

use super::recovery::Change;
use super::{App, Status};
use crate::assessment::{Region, RegionKind};
use crate::framework::{BUNDLED_PMK3I, LoadedFramework, Origin};
use crate::i18n::Lang;
use crate::scoring::SlotKey;
use crate::store::{NewAssessment, Store};

#[test]
fn a_change_naming_another_respondent_than_the_walk_is_refused_and_not_kept() -> Result<(), String> {
    let fw = LoadedFramework::from_text("pmk3i.json", BUNDLED_PMK3I, Origin::Bundled("pmk3i.json"))
        .map_err(|p| format!("{p:?}"))?;
    let err = |e: crate::store::StoreError| e.message(Lang::En);
    let mut store = Store::open_in_memory().map_err(err)?;
    let new = NewAssessment {
        region: Region {
            name: "Kota Antrian".into(),
            kind: RegionKind::Kota,
            province: "Jawa Barat".into(),
        },
        period: "2026".into(),
        candidates: vec![fw.framework.subsectors[0].id.clone()],
        respondent_name: "Ani".into(),
        respondent_organisation: String::new(),
        respondent_actor: crate::actor::Actor::Government,
    };
    let id = store.create_assessment(&fw, &new).map_err(err)?;
    let ani = store.load_record(id).map_err(err)?.respondents[0].id;
    let budi = store
        .add_respondent(id, "Budi", crate::actor::Actor::Business, "")
        .map_err(err)?;
    let slot = SlotKey::new(&fw.framework.pillars[0].indicators[0].id, None);
    let mut app = App::new(store, vec![fw], Lang::En, "2026".into());
    app.open_walk_as(id, crate::assessment::Walker::Respondent(ani));
    let logged = app.store.history(id, None, None).map_err(err)?.len();
    // What a bug in the walk would queue: Budi's answer, from Ani's walk.
    app.commit(vec![super::queue::Effect::Write(Change::Answer {
        respondent: budi,
        slot: slot.clone(),
        level: Some(4),
        na: false,
    })]);
    let shown = match &app.status {
        Status::Error(e) => e.clone(),
        other => return Err(format!("expected the refusal, got {other:?}")),
    };
    assert!(
        shown.starts_with(&format!("refused: the answers of respondent {budi} (Budi) can be changed only in that respondent's own walk, not from the walk of respondent {ani}")),
        "{shown}"
    );
    // Dropped, not retried, not kept for the recovery file; nothing written or logged.
    assert!(!app.has_pending_writes());
    assert!(app.take_pending().is_empty());
    let budi_row = app.store.load_record(id).map_err(err)?;
    let b = budi_row.respondents.iter().find(|r| r.id == budi).ok_or("Budi")?;
    assert!(b.answers.is_empty());
    assert_eq!(app.store.history(id, None, None).map_err(err)?.len(), logged);
    // Ani's own answer goes through as before.
    app.commit(vec![super::queue::Effect::Write(Change::Answer {
        respondent: ani,
        slot,
        level: Some(2),
        na: false,
    })]);
    assert!(matches!(app.status, Status::Saved), "{:?}", app.status);
    Ok(())
}
