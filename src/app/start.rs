//! The start screen: assessments newest first, a filter, and delete-by-typing-the-name.

use super::bindings::Action;
use super::form::FormState;
use super::input::LineInput;
use super::next_period;
use super::queue::{Create, Effect};
use super::recovery::Change;
use super::respondent::{Chooser, RespondentForm, WalkChoice};
use super::{Screen, Status};
use crate::framework::DEFAULT_FRAMEWORK_ID;
use crate::i18n::Lang;
use crate::overview::{Overview, overviews};
use crate::store::{Store, StoreError};

#[derive(Clone, Debug, Default)]
pub struct StartState {
    pub rows: Vec<Overview>,
    pub selected: usize,
    pub filter: LineInput,
    pub filtering: bool,
    /// Open delete confirmation: the row's id and what has been typed.
    pub delete: Option<(i64, LineInput)>,
    /// Open "answer as…" chooser.
    pub chooser: Option<super::respondent::Chooser>,
    /// What the list title says about the file: shared with a group, or read-only.
    pub access_note: Option<String>,
    /// Open "link to a Kemendagri code" dialog.
    pub link: Option<Box<RegionLink>>,
}

/// Linking the selected assessment's region to an official region: a name or code
/// typed, the matching official regions, the highlighted one.
#[derive(Clone, Debug)]
pub struct RegionLink {
    pub assessment: i64,
    /// "Kabupaten Sukamaju · Jawa Barat".
    pub region: String,
    pub current_code: Option<String>,
    pub query: LineInput,
    pub highlight: usize,
}

impl RegionLink {
    pub fn new(row: &Overview) -> RegionLink {
        RegionLink {
            assessment: row.id,
            region: format!("{} · {}", row.region, row.province),
            current_code: row.region_code.clone(),
            query: LineInput::new(&row.region_name),
            highlight: 0,
        }
    }

    pub fn options(&self) -> Vec<&'static crate::regions::Official> {
        if self.query.text().trim().is_empty() {
            return Vec::new();
        }
        crate::regions::search(self.query.text())
    }
}

impl StartState {
    pub fn load(store: &Store, lang: Lang) -> Result<StartState, StoreError> {
        let mut state = StartState::default();
        state.reload(store, lang)?;
        Ok(state)
    }

    pub fn reload(&mut self, store: &Store, lang: Lang) -> Result<(), StoreError> {
        self.rows = overviews(store, lang)?;
        self.access_note = store.access().note(lang);
        self.clamp();
        Ok(())
    }

    /// Rows matching the filter (region, province, period or framework).
    pub fn visible(&self) -> Vec<&Overview> {
        let f = self.filter.text().to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                f.is_empty()
                    || [&r.region, &r.province, &r.period, &r.framework_id]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&f))
            })
            .collect()
    }

    pub fn selected_row(&self) -> Option<&Overview> {
        self.visible().get(self.selected).copied()
    }

    pub fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    pub fn move_selection(&mut self, down: bool) {
        let n = self.visible().len();
        if n == 0 {
            self.selected = 0;
        } else if down {
            self.selected = (self.selected + 1).min(n - 1);
        } else {
            self.selected = self.selected.saturating_sub(1);
        }
    }
}

/// The start screen's updates: the list, its filter, the delete confirmation, the
/// region link and the "answer as" chooser. The writes (a new period, a deletion, a
/// region's code) are returned as [`Effect`]s, for the write queue to commit.
impl super::App {
    /// The list's keys: moving, the filter, opening a screen or a dialog; `y`/`Y` return
    /// the next period to create.
    pub fn start_update(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Start(start) = &mut self.screen else {
            return Vec::new();
        };
        match action {
            Action::Up => start.move_selection(false),
            Action::Down => start.move_selection(true),
            Action::Filter => start.filtering = true,
            Action::Back => {
                start.filter = LineInput::default();
                start.clamp();
            }
            Action::NewAssessment => {
                if self.frameworks.is_empty() {
                    self.status = Status::Error(
                        self.lang
                            .pick(
                                "Tidak ada kerangka yang valid; jalankan `pmk3i validate`.",
                                "No valid framework; run `pmk3i validate`.",
                            )
                            .into(),
                    );
                } else {
                    self.status = Status::None;
                    self.screen = Screen::New(Box::new(FormState::new(
                        &self.frameworks,
                        DEFAULT_FRAMEWORK_ID,
                        &self.year,
                        self.lang,
                    )));
                }
            }
            Action::Delete => {
                if let Some(row) = start.selected_row() {
                    start.delete = Some((row.id, LineInput::default()));
                }
            }
            Action::Map => self.open_map(),
            Action::Compare => {
                if let Some(row) = start.selected_row().cloned() {
                    self.open_compare(&row);
                }
            }
            Action::NewPeriod(with_respondents) => {
                if let Some((id, period)) = start.selected_row().map(|r| (r.id, r.period.clone())) {
                    return self.next_period_of(id, &period, with_respondents);
                }
            }
            Action::LinkRegion => {
                if let Some(row) = start.selected_row() {
                    start.link = Some(Box::new(RegionLink::new(row)));
                }
            }
            Action::ChooseLayer => {
                if let Some(id) = start.selected_row().map(|r| r.id) {
                    match self.store.load(id) {
                        Ok((assessment, _)) => {
                            if let Screen::Start(start) = &mut self.screen {
                                start.chooser = Some(Chooser::new(&assessment));
                            }
                        }
                        Err(e) => self.status = Status::Error(e.message(self.lang)),
                    }
                }
            }
            Action::Workshop => {
                if let Some(id) = start.selected_row().map(|r| r.id) {
                    self.open_workshop(id);
                }
            }
            Action::QuickCheck => {
                if let Some(id) = start.selected_row().map(|r| r.id) {
                    self.open_quick_check(id);
                }
            }
            Action::Choose | Action::Results => {
                if let Some(row) = start.selected_row() {
                    let (id, complete) = (row.id, row.completeness.is_some_and(|c| c >= 1.0));
                    if action == Action::Results || complete {
                        self.open_results(id, None);
                    } else {
                        self.open_walk(id, None);
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The filter being typed: Enter keeps it, Esc clears it, ↑↓ move in the list.
    pub(super) fn act_start_filter(&mut self, action: Action) {
        let Screen::Start(start) = &mut self.screen else {
            return;
        };
        match action {
            Action::Choose => start.filtering = false,
            Action::Back => {
                start.filtering = false;
                start.filter = LineInput::default();
            }
            Action::Up | Action::Down => start.move_selection(action == Action::Down),
            other => {
                start.filter.edit(other);
            }
        }
        start.clamp();
    }

    /// The delete confirmation: the region's name (or a damaged row's number) is typed.
    /// Enter with the right name returns the deletion; a wrong name deletes nothing.
    pub fn delete_confirm_update(&mut self, action: Action) -> Vec<Effect> {
        let lang = self.lang;
        let Screen::Start(start) = &mut self.screen else {
            return Vec::new();
        };
        let Some((id, typed)) = &mut start.delete else {
            return Vec::new();
        };
        match action {
            Action::Back => start.delete = None,
            Action::Choose => {
                let id = *id;
                let expected = start.rows.iter().find(|r| r.id == id).map(|r| r.region_name.clone());
                // "Maluku Tengah", "maluku tengah" and "Kabupaten Maluku Tengah" all match.
                let typed_raw = typed.text().trim().to_lowercase();
                let typed_bare = crate::assessment::RegionKind::split_typed(typed.text())
                    .0
                    .to_lowercase();
                // A damaged assessment has no readable name: its number is typed instead.
                let matches = |e: &str| {
                    let e = e.trim().to_lowercase();
                    if e.is_empty() {
                        typed_raw == id.to_string()
                    } else {
                        e == typed_raw || e == typed_bare
                    }
                };
                if expected.as_deref().is_some_and(matches) {
                    start.delete = None;
                    return vec![Effect::Delete { assessment: id }];
                }
                return vec![Effect::Say(
                    lang.pick(
                        "Nama daerah tidak cocok; tidak ada yang dihapus.",
                        "The region name does not match; nothing was deleted.",
                    )
                    .into(),
                )];
            }
            other => {
                typed.edit(other);
            }
        }
        Vec::new()
    }

    /// Linking the region to a Kemendagri code: a name or code typed, one chosen.
    /// Enter on an official region returns the link as a [`Change::RegionCode`].
    pub fn region_link_update(&mut self, action: Action) -> Vec<Effect> {
        let lang = self.lang;
        let Screen::Start(start) = &mut self.screen else {
            return Vec::new();
        };
        let Some(link) = &mut start.link else {
            return Vec::new();
        };
        match action {
            Action::Back => start.link = None,
            Action::Up => link.highlight = link.highlight.saturating_sub(1),
            Action::Down => link.highlight = (link.highlight + 1).min(link.options().len().saturating_sub(1)),
            Action::Choose => {
                let chosen = link.options().get(link.highlight).copied();
                let assessment = link.assessment;
                if let Some(official) = chosen {
                    start.link = None;
                    return vec![
                        Effect::Write(Change::RegionCode {
                            assessment,
                            code: official.code.clone(),
                        }),
                        Effect::Say(match lang {
                            Lang::Id => format!("Daerah ditautkan ke {}.", official.label()),
                            Lang::En => format!("Region linked to {}.", official.label()),
                        }),
                    ];
                }
            }
            other => {
                link.query.edit(other);
                link.highlight = 0;
            }
        }
        Vec::new()
    }

    /// "Answer as": a respondent, a new one, the consensus or the verification walk.
    pub(super) fn act_chooser(&mut self, action: Action) {
        let Screen::Start(start) = &mut self.screen else {
            return;
        };
        let Some(chooser) = &mut start.chooser else {
            return;
        };
        match action {
            Action::Back => start.chooser = None,
            Action::Up | Action::Down => chooser.move_selection(action == Action::Down),
            Action::Choose => {
                let (id, region) = (chooser.assessment, chooser.region.clone());
                let choice = chooser.chosen().cloned();
                start.chooser = None;
                match choice {
                    Some(WalkChoice::NewRespondent) => {
                        self.screen = Screen::AddRespondent(Box::new(RespondentForm::new(id, region)));
                    }
                    Some(WalkChoice::Walk { walker, .. }) => self.open_walk_as(id, walker),
                    None => {}
                }
            }
            _ => {}
        }
    }

    /// Year two from the list: the next year's period ("2026" → "2027", "2026-S1" →
    /// "2027-S1") to create from assessment `id`, or what to do when the period names
    /// no year.
    pub(super) fn next_period_of(&self, id: i64, period: &str, with_respondents: bool) -> Vec<Effect> {
        let lang = self.lang;
        let Some(next) = next_period(period) else {
            return vec![Effect::Say(match lang {
                Lang::Id => format!(
                    "Periode \"{period}\" tidak memuat tahun; buat periode baru dengan `pmk3i new-period {id} --period P`."
                ),
                Lang::En => format!(
                    "Period \"{period}\" has no year; create the new one with `pmk3i new-period {id} --period P`."
                ),
            })];
        };
        vec![Effect::Create(Create::Period {
            from: id,
            from_period: period.to_string(),
            period: next,
            with_respondents,
        })]
    }

    /// The earlier assessment of the row's region: the one it was started from, else
    /// the latest earlier period of the same region and framework.
    pub(super) fn earlier_of(&self, row: &crate::overview::Overview) -> Option<i64> {
        if let Ok(Some(previous)) = self.store.previous_of(row.id) {
            return Some(previous);
        }
        let Screen::Start(start) = &self.screen else {
            return None;
        };
        let same = |o: &crate::overview::Overview| match (&o.region_code, &row.region_code) {
            (Some(a), Some(b)) => a == b,
            (None, None) => {
                crate::regions::fold(&o.region_name) == crate::regions::fold(&row.region_name)
                    && o.kind == row.kind
                    && crate::regions::fold(&o.province) == crate::regions::fold(&row.province)
            }
            _ => false,
        };
        start
            .rows
            .iter()
            .filter(|o| o.id != row.id && same(o) && o.framework_id == row.framework_id && o.period < row.period)
            .max_by(|a, b| (&a.period, &a.updated_at).cmp(&(&b.period, &b.updated_at)))
            .map(|o| o.id)
    }

    pub(super) fn open_compare(&mut self, row: &crate::overview::Overview) {
        let lang = self.lang;
        let Some(earlier) = self.earlier_of(row) else {
            self.status = Status::Info(match lang {
                Lang::Id => format!("{} belum punya penilaian periode sebelum {}.", row.region, row.period),
                Lang::En => format!("{} has no assessment of a period before {}.", row.region, row.period),
            });
            return;
        };
        let Some((before, fw_before)) = self.load_assessment(earlier) else {
            return;
        };
        let Some((after, fw_after)) = self.load_assessment(row.id) else {
            return;
        };
        let mut comparison = crate::compare::compare(&fw_before, &before, &fw_after, &after, lang);
        if let Err(e) = crate::compare::load_followups(&self.store, &mut comparison, lang) {
            self.status = Status::Error(e.message(lang));
        }
        self.screen = Screen::Compare(Box::new(super::compare::CompareState::new(comparison)));
    }
}
