//! `pmk3i new-period ID --period P [--respondents]`: year two, from the command line.

use std::io::Write;

use crate::cli::{Cli, EXIT_INVALID, Failure};
use crate::framework::{LoadedFramework, Origin};
use crate::i18n::{Lang, Message};
use crate::store::{Store, StoreError};

/// The framework a new period of `previous` is assessed with: the loaded framework
/// with the same id (its newest version), else the previous assessment's own snapshot.
pub fn framework_for(store: &Store, previous: i64, loaded: &[LoadedFramework]) -> Result<LoadedFramework, Failure> {
    let (assessment, json) = store.load(previous)?;
    if let Some(f) = loaded.iter().find(|f| f.framework.id == assessment.framework_id) {
        return Ok(f.clone());
    }
    LoadedFramework::from_text("framework snapshot", &json, Origin::Bundled("snapshot")).map_err(|problems| {
        let first = |lang| problems.first().map(|p| p.render(lang)).unwrap_or_default();
        Failure::new(
            EXIT_INVALID,
            Message::new(
                format!(
                    "penilaian {previous}: salinan kerangkanya tidak terbaca: {}",
                    first(Lang::Id)
                ),
                format!(
                    "assessment {previous}: its framework snapshot is unreadable: {}",
                    first(Lang::En)
                ),
            ),
        )
    })
}

pub fn run(
    cli: &Cli,
    id: i64,
    period: &str,
    respondents: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = cli.open_store()?;
    let set = cli.framework_set();
    let framework = framework_for(&store, id, &set.frameworks)?;
    let new = store
        .new_period(id, &framework, period, respondents)
        .map_err(|e| match e {
            StoreError::Invalid(m) => Failure::new(EXIT_INVALID, m),
            other => Failure::from(other),
        })?;
    let copied = store.load(new)?.0.respondents.len();
    writeln!(
        out,
        "{}",
        match lang {
            Lang::Id => format!(
                "Periode {period} dibuat sebagai penilaian {new} dari penilaian {id} ({} {}, {copied} responden disalin); tingkat dan target periode lalu tampil sebagai acuan di pengisian",
                framework.framework.id, framework.framework.version
            ),
            Lang::En => format!(
                "Period {period} created as assessment {new} from assessment {id} ({} {}, {copied} respondent(s) copied); last period's levels and targets show as reference in the walk",
                framework.framework.id, framework.framework.version
            ),
        }
    )?;
    Ok(())
}
