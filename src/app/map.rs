//! The national map screen (*Peta*): every region's row from the store summary,
//! sortable by any column, filtered as you type, with a per-province summary.

use std::cmp::Ordering;

use super::bindings::Action;
use super::input::LineInput;
use super::queue::{Effect, Go};
use super::{Screen, Status};
use crate::i18n::Lang;
use crate::map::{MapFilter, MapRow, NationalMap, build};
use crate::store::{Store, StoreError};

/// The fixed columns before the pillars.
pub const FIXED_COLUMNS: usize = 7;

#[derive(Clone, Debug)]
pub struct MapState {
    pub map: NationalMap,
    /// The column sorted by: 0 code, 1 region, 2 province, 3 score, 4 band, 5 flagship,
    /// 6 stage, then the pillars.
    pub sort: usize,
    pub descending: bool,
    pub filter: LineInput,
    pub filtering: bool,
    pub selected: usize,
    pub show_provinces: bool,
}

impl MapState {
    pub fn load(store: &Store, lang: Lang) -> Result<MapState, StoreError> {
        Ok(MapState {
            map: build(store, &MapFilter::default(), lang)?,
            sort: 0,
            descending: false,
            filter: LineInput::default(),
            filtering: false,
            selected: 0,
            show_provinces: false,
        })
    }

    pub fn column_count(&self) -> usize {
        FIXED_COLUMNS + self.map.pillars.len()
    }

    /// The name of column `i`.
    pub fn column_name(&self, i: usize, lang: Lang) -> String {
        match i {
            0 => lang.pick("kode", "code").into(),
            1 => lang.pick("daerah", "region").into(),
            2 => lang.pick("provinsi", "province").into(),
            3 => lang.pick("skor", "score").into(),
            4 => lang.pick("kategori", "band").into(),
            5 => lang.pick("unggulan", "flagship").into(),
            6 => lang.pick("tahap", "stage").into(),
            _ => self.map.pillars.get(i - FIXED_COLUMNS).cloned().unwrap_or_default(),
        }
    }

    /// Rows matching the filter (code, region, province, flagship, band, stage,
    /// period), in the chosen order; regions without a value sort last either way.
    pub fn visible(&self, lang: Lang) -> Vec<&MapRow> {
        let f = self.filter.text().trim().to_lowercase();
        let mut rows: Vec<&MapRow> = self
            .map
            .rows
            .iter()
            .filter(|r| {
                f.is_empty() || {
                    let stage = r.stage.map(|s| s.label(lang)).unwrap_or("");
                    [
                        r.code.as_deref().unwrap_or(""),
                        &r.region,
                        &r.province,
                        r.flagship.as_deref().unwrap_or(""),
                        r.band.as_deref().unwrap_or(""),
                        stage,
                        r.period.as_deref().unwrap_or(""),
                    ]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&f))
                }
            })
            .collect();
        let sort = self.sort;
        let desc = self.descending;
        let by_num = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.total_cmp(&y);
                if desc { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let by_text = |a: Option<&str>, b: Option<&str>| match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.to_lowercase().cmp(&y.to_lowercase());
                if desc { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        rows.sort_by(|a, b| {
            let o = match sort {
                0 => by_text(a.code.as_deref(), b.code.as_deref()),
                1 => by_text(Some(&a.region), Some(&b.region)),
                2 => by_text(Some(&a.province), Some(&b.province)),
                3 => by_num(a.score, b.score),
                4 => by_num(a.score, b.score),
                5 => by_text(a.flagship.as_deref(), b.flagship.as_deref()),
                6 => match (a.stage, b.stage) {
                    (Some(x), Some(y)) => {
                        let o = x.cmp(&y);
                        if desc { o.reverse() } else { o }
                    }
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
                i => by_num(
                    a.pillars.get(i - FIXED_COLUMNS).copied().flatten(),
                    b.pillars.get(i - FIXED_COLUMNS).copied().flatten(),
                ),
            };
            // Ties keep the map's own order (province, then code).
            o.then_with(|| (&a.province_code, &a.code).cmp(&(&b.province_code, &b.code)))
        });
        rows
    }

    pub fn selected_row(&self, lang: Lang) -> Option<&MapRow> {
        self.visible(lang).get(self.selected).copied()
    }

    pub fn move_selection(&mut self, down: bool, lang: Lang) {
        let n = self.visible(lang).len();
        self.selected = if n == 0 {
            0
        } else if down {
            (self.selected + 1).min(n - 1)
        } else {
            self.selected.saturating_sub(1)
        };
    }

    pub fn clamp(&mut self, lang: Lang) {
        let n = self.visible(lang).len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    /// The next column to sort by (wrapping), ascending.
    pub fn next_sort(&mut self) {
        self.sort = (self.sort + 1) % self.column_count();
        self.descending = false;
        self.selected = 0;
    }

    pub fn reverse_sort(&mut self) {
        self.descending = !self.descending;
        self.selected = 0;
    }
}

/// The map's keys, as values: sorting, filtering and the province summary change
/// the map itself; Enter opens the region's results (or says it has none), Esc the
/// list.
pub fn update(m: &mut MapState, action: Action, lang: Lang) -> Vec<Effect> {
    match action {
        Action::Up => m.move_selection(false, lang),
        Action::Down => m.move_selection(true, lang),
        Action::SortNext => m.next_sort(),
        Action::SortReverse => m.reverse_sort(),
        Action::Filter => m.filtering = true,
        Action::ToggleProvinces => m.show_provinces = !m.show_provinces,
        Action::Back => return vec![Effect::Go(Go::Start)],
        Action::Choose => {
            return match m.selected_row(lang).map(|r| (r.assessment, r.region.clone())) {
                Some((Some(id), _)) => vec![Effect::Go(Go::Results {
                    assessment: id,
                    back_to_walk: None,
                })],
                Some((None, region)) => vec![Effect::Say(match lang {
                    Lang::Id => format!("{region} belum dinilai."),
                    Lang::En => format!("{region} has not been assessed yet."),
                })],
                None => Vec::new(),
            };
        }
        _ => {}
    }
    Vec::new()
}

/// The map's updates.
impl super::App {
    /// Opens the national map from the store summary.
    pub fn open_map(&mut self) {
        match MapState::load(&self.store, self.lang) {
            Ok(state) => {
                // Keep the sort and filter when the map is rebuilt (after `L`).
                let state = match &self.screen {
                    Screen::Map(old) => MapState {
                        sort: old.sort.min(state.column_count().saturating_sub(1)),
                        descending: old.descending,
                        filter: old.filter.clone(),
                        show_provinces: old.show_provinces,
                        ..state
                    },
                    _ => state,
                };
                self.screen = Screen::Map(Box::new(state));
            }
            Err(e) => self.status = Status::Error(e.message(self.lang)),
        }
    }

    pub(super) fn act_map(&mut self, action: Action) {
        let lang = self.lang;
        if let Screen::Map(m) = &mut self.screen {
            let effects = update(m, action, lang);
            // The region's results, opened from here, return here on Esc.
            if let [Effect::Go(Go::Results { assessment, .. })] = effects.as_slice() {
                let id = *assessment;
                return self.open_results_from_map(id);
            }
            self.commit(effects);
        }
    }

    /// The filter being typed: Enter keeps it, Esc clears it, ↑↓ move in the list.
    pub(super) fn act_map_filter(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Map(m) = &mut self.screen else {
            return;
        };
        match action {
            Action::Choose => m.filtering = false,
            Action::Back => {
                m.filtering = false;
                m.filter = LineInput::default();
            }
            Action::Up | Action::Down => m.move_selection(action == Action::Down, lang),
            other => {
                m.filter.edit(other);
                m.selected = 0;
            }
        }
        m.clamp(lang);
    }

    /// Enter on the map: the region's results, which return to this map on Esc.
    pub(super) fn open_results_from_map(&mut self, id: i64) {
        let parked = match &self.screen {
            super::Screen::Map(m) => Some(m.clone()),
            _ => None,
        };
        self.open_results(id, None);
        if let super::Screen::Results(r) = &mut self.screen {
            r.back_to_map = parked;
        }
    }

    /// Esc from results opened on the map: the map again, rebuilt from the store (the
    /// results may have changed a flagship), with its sort, filter, province summary
    /// and the same region highlighted.
    pub(super) fn return_to_map(&mut self, parked: Box<MapState>) {
        let lang = self.lang;
        let key = parked
            .selected_row(lang)
            .map(|r| (r.code.clone(), r.region.clone(), r.province.clone()));
        let selected = parked.selected;
        self.screen = super::Screen::Map(parked);
        self.open_map();
        if let super::Screen::Map(m) = &mut self.screen {
            m.selected = key
                .and_then(|key| {
                    m.visible(lang)
                        .iter()
                        .position(|r| (r.code.clone(), r.region.clone(), r.province.clone()) == key)
                })
                .unwrap_or(selected);
            m.clamp(lang);
        }
    }
}
