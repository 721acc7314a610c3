//! The new-assessment form: fields, their validation, and choice lists that filter as
//! you type. Tab and Shift-Tab always move, even from an invalid field.

use super::bindings::{self, Action, Mode};
use super::input::LineInput;
use super::queue::{Create, Effect, Go};
use super::{Screen, Status};
use crate::assessment::{Region, RegionKind};
use crate::framework::LoadedFramework;
use crate::i18n::Lang;
use crate::regions::{self, Official};
use crate::store::NewAssessment;

/// Indonesia's 38 provinces.
pub const PROVINCES: &[&str] = &[
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Bengkulu",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Lampung",
    "Banten",
    "DKI Jakarta",
    "Jawa Barat",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Tengah",
    "Papua Pegunungan",
    "Papua Selatan",
];

/// The helix groups a respondent picks from on the form.
/// The helix groups the forms offer, in order (the assessor role is chosen on the
/// workshop screen).
pub const FORM_ACTORS: [crate::actor::Actor; 5] = crate::actor::Actor::HELIX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Framework,
    RegionName,
    RegionKind,
    Province,
    Period,
    Subsectors,
    RespondentName,
    Organisation,
    Actor,
}

pub const FIELDS: &[Field] = &[
    Field::Framework,
    Field::RegionName,
    Field::RegionKind,
    Field::Province,
    Field::Period,
    Field::Subsectors,
    Field::RespondentName,
    Field::Organisation,
    Field::Actor,
];

impl Field {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Framework => lang.pick("Kerangka", "Framework"),
            Field::RegionName => lang.pick("Nama daerah", "Region name"),
            Field::RegionKind => lang.pick("Kabupaten/Kota", "Regency/City"),
            Field::Province => lang.pick("Provinsi", "Province"),
            Field::Period => lang.pick("Periode", "Period"),
            Field::Subsectors => lang.pick("Subsektor kandidat", "Candidate subsectors"),
            Field::RespondentName => lang.pick("Nama responden", "Respondent name"),
            Field::Organisation => lang.pick("Organisasi", "Organisation"),
            Field::Actor => lang.pick("Kelompok aktor", "Actor group"),
        }
    }

    /// The field after this one (after the last: the first).
    pub fn next(self) -> Field {
        let i = FIELDS.iter().position(|f| *f == self).unwrap_or(0);
        FIELDS[(i + 1) % FIELDS.len()]
    }

    /// The field before this one (before the first: the last).
    pub fn prev(self) -> Field {
        let i = FIELDS.iter().position(|f| *f == self).unwrap_or(0);
        FIELDS[(i + FIELDS.len() - 1) % FIELDS.len()]
    }

    /// Fields typed into (the others choose from a few values).
    pub fn is_text(self) -> bool {
        !matches!(self, Field::Framework | Field::RegionKind | Field::Actor)
    }

    /// Fields with a list to choose from below them while focused.
    pub fn has_list(self) -> bool {
        matches!(self, Field::RegionName | Field::Province | Field::Subsectors)
    }
}

#[derive(Clone, Debug)]
pub struct FormState {
    /// (id, title) of each framework that can be chosen.
    pub frameworks: Vec<(String, String)>,
    /// (id, label) of the chosen framework's subsectors.
    pub subsector_options: Vec<(String, String)>,
    pub framework: usize,
    pub focus: Field,
    pub region_name: LineInput,
    /// The official region picked from the list (its code), while the name typed is
    /// still its name.
    pub region_code: Option<&'static Official>,
    pub kind: RegionKind,
    pub province_filter: LineInput,
    pub province: Option<&'static str>,
    pub period: LineInput,
    pub subsector_filter: LineInput,
    pub subsectors: Vec<String>,
    /// Highlighted row in the open choice list.
    pub list_highlight: usize,
    pub respondent_name: LineInput,
    pub organisation: LineInput,
    /// The respondent's helix group.
    pub actor: crate::actor::Actor,
    /// Errors shown inline after a submit attempt.
    pub errors: Vec<(Field, String)>,
}

impl FormState {
    pub fn new(frameworks: &[LoadedFramework], default_framework: &str, year: &str, lang: Lang) -> FormState {
        let list: Vec<(String, String)> = frameworks
            .iter()
            .map(|f| (f.framework.id.clone(), f.framework.title.get(lang).to_string()))
            .collect();
        let framework = list.iter().position(|(id, _)| id == default_framework).unwrap_or(0);
        let mut form = FormState {
            frameworks: list,
            subsector_options: Vec::new(),
            framework,
            focus: Field::RegionName,
            region_name: LineInput::default(),
            region_code: None,
            kind: RegionKind::Kota,
            province_filter: LineInput::default(),
            province: None,
            period: LineInput::new(year),
            subsector_filter: LineInput::default(),
            subsectors: Vec::new(),
            list_highlight: 0,
            respondent_name: LineInput::default(),
            organisation: LineInput::default(),
            actor: crate::actor::Actor::Government,
            errors: Vec::new(),
        };
        form.load_subsectors(frameworks, lang);
        form
    }

    pub fn load_subsectors(&mut self, frameworks: &[LoadedFramework], lang: Lang) {
        self.subsector_options = frameworks
            .get(self.framework)
            .map(|f| {
                f.framework
                    .subsectors
                    .iter()
                    .map(|s| (s.id.clone(), s.label.get(lang).to_string()))
                    .collect()
            })
            .unwrap_or_default();
        self.subsectors
            .retain(|s| self.subsector_options.iter().any(|(id, _)| id == s));
    }

    pub fn field(&self) -> Field {
        self.focus
    }

    pub fn is_last(&self) -> bool {
        self.focus.next() == FIELDS[0]
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = if forward { self.focus.next() } else { self.focus.prev() };
        self.list_highlight = 0;
    }

    /// The official regions the typed name offers (by name or code; "Kediri" gives
    /// Kabupaten and Kota Kediri); none while nothing is typed.
    pub fn region_options(&self) -> Vec<&'static Official> {
        if self.region_name.text().trim().is_empty() {
            return Vec::new();
        }
        regions::search(self.region_name.text())
    }

    /// The official region the form's name, kind and province are: the one picked,
    /// else the one they match exactly; `None` is a region "tanpa kode".
    pub fn official_region(&self) -> Option<&'static Official> {
        self.region_code
            .or_else(|| regions::resolve(self.region_name.text(), self.kind, self.province.unwrap_or_default()))
    }

    /// Takes the official region: its name, kind and province fill the form.
    fn pick_region(&mut self, official: &'static Official) {
        self.region_name = LineInput::new(&official.display_name());
        self.kind = official.kind;
        self.province = PROVINCES.iter().copied().find(|p| *p == official.province);
        self.province_filter = LineInput::new(self.province.unwrap_or_default());
        self.region_code = Some(official);
        self.errors
            .retain(|(f, _)| !matches!(f, Field::RegionName | Field::Province));
    }

    /// Provinces matching the filter text (case-insensitive substring).
    pub fn province_options(&self) -> Vec<&'static str> {
        let f = self.province_filter.text().to_lowercase();
        PROVINCES
            .iter()
            .copied()
            .filter(|p| p.to_lowercase().contains(&f))
            .collect()
    }

    /// Subsectors matching the filter text, as (id, label).
    pub fn filtered_subsectors(&self) -> Vec<(String, String)> {
        let f = self.subsector_filter.text().to_lowercase();
        self.subsector_options
            .iter()
            .filter(|(id, label)| label.to_lowercase().contains(&f) || id.contains(&f))
            .cloned()
            .collect()
    }

    fn list_len(&self) -> usize {
        match self.field() {
            Field::RegionName => self.region_options().len(),
            Field::Province => self.province_options().len(),
            Field::Subsectors => self.filtered_subsectors().len(),
            _ => 0,
        }
    }

    /// What an action does on the focused field: move in its list, take the list's
    /// choice (Enter), cycle a choice, type or edit (not Tab, Esc or submitting, which
    /// the app handles, nor Enter on the last field, which submits).
    pub fn act(&mut self, action: Action, frameworks: &[LoadedFramework], lang: Lang) {
        let field = self.field();
        // Enter on a field without a list only moves on: its error stays.
        if action == Action::Choose && !field.has_list() {
            return self.move_focus(true);
        }
        // Any change to a field answers its error; the next save checks again.
        self.errors.retain(|(f, _)| *f != field);
        let len = self.list_len();
        match (field, action) {
            (_, Action::Up) if field.has_list() => self.list_highlight = self.list_highlight.saturating_sub(1),
            (_, Action::Down) if field.has_list() => {
                self.list_highlight = (self.list_highlight + 1).min(len.saturating_sub(1))
            }
            (Field::RegionName, Action::Choose) => match self.region_options().get(self.list_highlight) {
                Some(official) => {
                    self.pick_region(official);
                    // Kind and province are filled: on to the period.
                    self.focus = Field::Period;
                    self.list_highlight = 0;
                }
                None => self.move_focus(true),
            },
            (Field::Province, Action::Choose) => {
                if let Some(p) = self.province_options().get(self.list_highlight) {
                    self.province = Some(p);
                    self.province_filter = LineInput::new(p);
                }
            }
            // Space toggles only while no filter is typed; otherwise it is part of the filter.
            (Field::Subsectors, Action::Choose) => self.toggle_subsector(),
            (Field::Subsectors, Action::TypeChar(' ')) if self.subsector_filter.text().is_empty() => {
                self.toggle_subsector()
            }
            (Field::Framework, Action::PrevChoice | Action::NextChoice) if !self.frameworks.is_empty() => {
                let n = self.frameworks.len();
                self.framework = if action == Action::PrevChoice {
                    (self.framework + n - 1) % n
                } else {
                    (self.framework + 1) % n
                };
                self.load_subsectors(frameworks, lang);
            }
            (Field::RegionKind, Action::PrevChoice | Action::NextChoice) => {
                self.kind = match self.kind {
                    RegionKind::Kota => RegionKind::Kabupaten,
                    RegionKind::Kabupaten => RegionKind::Kota,
                }
            }
            (Field::RegionKind, Action::TypeChar('k' | 'K')) => self.kind = RegionKind::Kota,
            (Field::RegionKind, Action::TypeChar('b' | 'B')) => self.kind = RegionKind::Kabupaten,
            (Field::Actor, Action::PrevChoice) => self.actor = self.actor.prev(),
            (Field::Actor, Action::NextChoice) => self.actor = self.actor.next(),
            (Field::Actor, Action::TypeChar(c)) => {
                if let Some(actor) = helix_typed(c) {
                    self.actor = actor;
                }
            }
            _ => {
                if let Some(input) = self.text_input()
                    && input.edit(action)
                {
                    self.after_typing(field);
                }
            }
        }
    }

    fn toggle_subsector(&mut self) {
        if let Some((id, _)) = self.filtered_subsectors().get(self.list_highlight) {
            if let Some(i) = self.subsectors.iter().position(|s| s == id) {
                self.subsectors.remove(i);
            } else {
                self.subsectors.push(id.clone());
            }
        }
    }

    /// Pasted text goes into the focused text field.
    pub fn paste(&mut self, text: &str) {
        let field = self.field();
        if let Some(input) = self.text_input() {
            input.insert_str(text);
            self.after_typing(field);
        }
    }

    fn after_typing(&mut self, field: Field) {
        match field {
            // "Kabupaten Banyuwangi" typed as the name sets the kind the form shows.
            Field::RegionName => {
                self.list_highlight = 0;
                if let (_, Some(kind)) = RegionKind::split_typed(self.region_name.text()) {
                    self.kind = kind;
                }
                // Editing the picked name unpicks it.
                if self
                    .region_code
                    .is_some_and(|r| r.display_name() != self.region_name.text())
                {
                    self.region_code = None;
                }
            }
            Field::Province => {
                self.list_highlight = 0;
                // A typed name that matches a province exactly selects it.
                let typed = self.province_filter.text().trim().to_lowercase();
                self.province = PROVINCES.iter().copied().find(|p| p.to_lowercase() == typed);
            }
            Field::Subsectors => self.list_highlight = 0,
            _ => {}
        }
        self.errors.retain(|(f, _)| *f != field);
    }

    fn text_input(&mut self) -> Option<&mut LineInput> {
        match self.field() {
            Field::RegionName => Some(&mut self.region_name),
            Field::Province => Some(&mut self.province_filter),
            Field::Period => Some(&mut self.period),
            Field::Subsectors => Some(&mut self.subsector_filter),
            Field::RespondentName => Some(&mut self.respondent_name),
            Field::Organisation => Some(&mut self.organisation),
            _ => None,
        }
    }

    /// The text input behind a field, if it is typed into.
    pub fn input(&self, field: Field) -> Option<&LineInput> {
        match field {
            Field::RegionName => Some(&self.region_name),
            Field::Province => Some(&self.province_filter),
            Field::Period => Some(&self.period),
            Field::Subsectors => Some(&self.subsector_filter),
            Field::RespondentName => Some(&self.respondent_name),
            Field::Organisation => Some(&self.organisation),
            Field::Framework | Field::RegionKind | Field::Actor => None,
        }
    }

    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    /// Checks every field; on success returns the framework id and what to create.
    pub fn validate(&mut self, lang: Lang) -> Option<(String, NewAssessment)> {
        let mut errors = Vec::new();
        let framework = self.frameworks.get(self.framework).map(|(id, _)| id.clone());
        if framework.is_none() {
            errors.push((
                Field::Framework,
                lang.pick("tidak ada kerangka yang valid", "no valid framework")
                    .to_string(),
            ));
        }
        if self.region_name.text().trim().is_empty() {
            errors.push((
                Field::RegionName,
                lang.pick("isi nama daerah", "enter the region's name").to_string(),
            ));
        }
        if self.province.is_none() {
            errors.push((
                Field::Province,
                lang.pick(
                    "pilih provinsi dari daftar (ketik untuk menyaring, Enter)",
                    "pick a province from the list (type to filter, Enter)",
                )
                .to_string(),
            ));
        }
        if !has_year(self.period.text()) {
            errors.push((
                Field::Period,
                lang.pick(
                    "isi periode dengan tahunnya, mis. 2026 atau 2026-S1",
                    "enter the period with its year, e.g. 2026 or 2026-S1",
                )
                .to_string(),
            ));
        }
        if !self.subsector_options.is_empty() && self.subsectors.is_empty() {
            errors.push((
                Field::Subsectors,
                lang.pick(
                    "pilih minimal satu subsektor (Spasi)",
                    "choose at least one subsector (Space)",
                )
                .to_string(),
            ));
        }
        if self.respondent_name.text().trim().is_empty() {
            errors.push((
                Field::RespondentName,
                lang.pick("isi nama responden", "enter the respondent's name")
                    .to_string(),
            ));
        }
        self.errors = errors;
        if !self.errors.is_empty() {
            if let Some((first, _)) = self.errors.first() {
                self.focus = *first;
            }
            return None;
        }
        let (name, typed_kind) = RegionKind::split_typed(self.region_name.text());
        let kind = typed_kind.unwrap_or(self.kind);
        // An official region is stored under its official name (the store identifies
        // it by its code); any other as typed, "tanpa kode".
        let region = match self.official_region() {
            Some(o) => Region {
                name: o.name.clone(),
                kind: o.kind,
                province: o.province.clone(),
            },
            None => Region {
                name,
                kind,
                province: self.province.unwrap_or_default().to_string(),
            },
        };
        Some((
            framework.unwrap_or_default(),
            NewAssessment {
                region,
                period: self.period.text().trim().to_string(),
                candidates: self.subsectors.clone(),
                respondent_name: self.respondent_name.text().trim().to_string(),
                respondent_organisation: self.organisation.text().trim().to_string(),
                respondent_actor: self.actor,
            },
        ))
    }
}

/// The helix group whose letter was typed (`g` or `G`); not the assessor.
pub(super) fn helix_typed(c: char) -> Option<crate::actor::Actor> {
    crate::actor::Actor::parse_typed(&c.to_string()).filter(|a| a.is_helix())
}

/// Whether a period names a year (four digits from 2000 to 2100), as "2026",
/// "2026-S1" or "2025/2026" do.
fn has_year(period: &str) -> bool {
    period
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4 && run.parse::<u32>().is_ok_and(|y| (2000..=2100).contains(&y)))
}

/// The two forms' updates: one dispatch for both (new assessment, new respondent).
/// Submitting returns the creation as an [`Effect::Create`]; nothing is written here.
impl super::App {
    pub fn form_update(&mut self, action: Action) -> Vec<Effect> {
        let lang = self.lang;
        match (&mut self.screen, action) {
            (_, Action::Back) => return vec![Effect::Go(Go::Start)],
            (Screen::New(_), Action::Submit) => return self.submit_form(),
            (Screen::AddRespondent(_), Action::Submit) => return self.submit_respondent(),
            (Screen::New(form), Action::NextField | Action::PrevField) => form.move_focus(action == Action::NextField),
            (Screen::AddRespondent(form), Action::NextField | Action::PrevField) => {
                form.move_focus(action == Action::NextField)
            }
            // Enter on the last field saves.
            (Screen::New(form), Action::Choose) if form.is_last() => return self.submit_form(),
            (Screen::AddRespondent(form), Action::Choose) if form.is_last() => return self.submit_respondent(),
            (Screen::New(form), other) => form.act(other, &self.frameworks, lang),
            (Screen::AddRespondent(form), other) => form.act(other),
            _ => {}
        }
        Vec::new()
    }

    fn submit_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Screen::New(form) = &mut self.screen else {
            return Vec::new();
        };
        let Some((framework_id, new)) = form.validate(lang) else {
            return Vec::new();
        };
        let Some(framework) = self.frameworks.iter().find(|f| f.framework.id == framework_id) else {
            return Vec::new();
        };
        // The same region, period and framework again is asked about first.
        let key = format!(
            "{}|{}|{}|{}|{}",
            new.region.name.trim().to_lowercase(),
            new.region.kind.as_str(),
            new.region.province.trim().to_lowercase(),
            new.period.trim().to_lowercase(),
            framework_id
        );
        if self.confirm_duplicate.as_deref() != Some(key.as_str()) {
            let existing = crate::overview::overviews(&self.store, lang).ok().and_then(|rows| {
                rows.into_iter().find(|r| {
                    r.region_name.trim().to_lowercase() == new.region.name.trim().to_lowercase()
                        && r.kind == new.region.kind
                        && r.province.trim().to_lowercase() == new.region.province.trim().to_lowercase()
                        && r.period.trim().to_lowercase() == new.period.trim().to_lowercase()
                        && r.framework_id == framework_id
                })
            });
            if let Some(row) = existing {
                self.confirm_duplicate = Some(key);
                self.status = Status::Error(format!(
                    "{} {} · {} · {} (ID {}). {}",
                    lang.pick("Sudah ada penilaian", "There already is an assessment"),
                    row.region,
                    row.period,
                    row.framework_id,
                    row.id,
                    {
                        let (save, cancel) = (
                            bindings::key(Mode::Form, Action::Submit, lang),
                            bindings::key(Mode::Form, Action::Back, lang),
                        );
                        match lang {
                            Lang::Id => format!(
                                "Tekan {save} sekali lagi untuk tetap membuat yang kedua, atau {cancel} untuk batal."
                            ),
                            Lang::En => {
                                format!("Press {save} again to create a second one anyway, or {cancel} to cancel.")
                            }
                        }
                    }
                ));
                return Vec::new();
            }
        }
        self.confirm_duplicate = None;
        if let Err(problem) = new.check(&framework.framework) {
            self.status = Status::Error(problem.get(lang).to_string());
            return Vec::new();
        }
        vec![Effect::Create(Create::Assessment {
            framework: framework_id,
            new,
        })]
    }

    fn submit_respondent(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Screen::AddRespondent(form) = &mut self.screen else {
            return Vec::new();
        };
        let Some((name, organisation, actor)) = form.validate(lang) else {
            return Vec::new();
        };
        vec![Effect::Create(Create::Respondent {
            assessment: form.assessment,
            name,
            organisation,
            actor,
        })]
    }
}
