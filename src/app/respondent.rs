//! Who answers: the chooser shown with `a` on the start screen (a respondent, a new
//! respondent, the consensus walk or the verification walk) and the small form that
//! adds a respondent to an existing assessment (several people per helix group is
//! normal in PMK3I).

use super::bindings::Action;
use super::input::LineInput;
use crate::actor::Actor;
use crate::assessment::{Assessment, Walker};
use crate::i18n::Lang;

/// One line of the chooser: walk as someone, or add a respondent first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WalkChoice {
    /// `who` names a respondent walker ("Budi (B) — Kafe"); empty for the others.
    Walk {
        walker: Walker,
        who: String,
    },
    NewRespondent,
}

impl WalkChoice {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            WalkChoice::Walk {
                walker: Walker::Respondent(_),
                who,
            } => who.clone(),
            WalkChoice::NewRespondent => lang.pick("+ Tambah responden", "+ Add a respondent").to_string(),
            WalkChoice::Walk {
                walker: Walker::Consensus,
                ..
            } => lang
                .pick(
                    "Konsensus (DKT): catat level yang disepakati",
                    "Consensus (DKT): record the agreed level",
                )
                .to_string(),
            WalkChoice::Walk {
                walker: Walker::Verified,
                ..
            } => lang
                .pick("Verifikasi uji petik (asesor)", "Uji petik verification (assessor)")
                .to_string(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Chooser {
    pub assessment: i64,
    pub region: String,
    pub choices: Vec<WalkChoice>,
    pub selected: usize,
}

impl Chooser {
    pub fn new(assessment: &Assessment) -> Chooser {
        let mut choices: Vec<WalkChoice> = assessment
            .respondents
            .iter()
            .map(|r| WalkChoice::Walk {
                walker: Walker::Respondent(r.id),
                who: if r.organisation.is_empty() {
                    format!("{} ({})", r.name, r.actor)
                } else {
                    format!("{} ({}) — {}", r.name, r.actor, r.organisation)
                },
            })
            .collect();
        choices.push(WalkChoice::NewRespondent);
        for walker in [Walker::Consensus, Walker::Verified] {
            choices.push(WalkChoice::Walk {
                walker,
                who: String::new(),
            });
        }
        Chooser {
            assessment: assessment.id,
            // The period and the ID beside the region: two periods of one region are
            // easy to mistake for each other here.
            region: format!(
                "{} · {} · ID {}",
                assessment.region.kind.display_name(&assessment.region.name),
                assessment.period,
                assessment.id
            ),
            choices,
            selected: 0,
        }
    }

    pub fn move_selection(&mut self, down: bool) {
        let n = self.choices.len();
        self.selected = if down {
            (self.selected + 1).min(n.saturating_sub(1))
        } else {
            self.selected.saturating_sub(1)
        };
    }

    pub fn chosen(&self) -> Option<&WalkChoice> {
        self.choices.get(self.selected)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RespondentField {
    Name,
    Organisation,
    Actor,
}

pub const RESPONDENT_FIELDS: &[RespondentField] = &[
    RespondentField::Name,
    RespondentField::Organisation,
    RespondentField::Actor,
];

impl RespondentField {
    /// The field after this one (after the last: the first).
    pub fn next(self) -> RespondentField {
        let i = RESPONDENT_FIELDS.iter().position(|f| *f == self).unwrap_or(0);
        RESPONDENT_FIELDS[(i + 1) % RESPONDENT_FIELDS.len()]
    }

    /// The field before this one (before the first: the last).
    pub fn prev(self) -> RespondentField {
        let i = RESPONDENT_FIELDS.iter().position(|f| *f == self).unwrap_or(0);
        RESPONDENT_FIELDS[(i + RESPONDENT_FIELDS.len() - 1) % RESPONDENT_FIELDS.len()]
    }

    /// Fields typed into (the actor group is chosen).
    pub fn is_text(self) -> bool {
        self != RespondentField::Actor
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RespondentField::Name => lang.pick("Nama responden", "Respondent name"),
            RespondentField::Organisation => lang.pick("Organisasi", "Organisation"),
            RespondentField::Actor => lang.pick("Kelompok aktor", "Actor group"),
        }
    }
}

/// Adds a respondent to an assessment.
#[derive(Clone, Debug)]
pub struct RespondentForm {
    pub assessment: i64,
    pub region: String,
    pub focus: RespondentField,
    pub name: LineInput,
    pub organisation: LineInput,
    /// The respondent's helix group.
    pub actor: Actor,
    pub error: Option<String>,
}

impl RespondentForm {
    pub fn new(assessment: i64, region: String) -> RespondentForm {
        RespondentForm {
            assessment,
            region,
            focus: RespondentField::Name,
            name: LineInput::default(),
            organisation: LineInput::default(),
            actor: Actor::HELIX[0],
            error: None,
        }
    }

    pub fn field(&self) -> RespondentField {
        self.focus
    }

    pub fn is_last(&self) -> bool {
        self.focus.next() == RESPONDENT_FIELDS[0]
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = if forward { self.focus.next() } else { self.focus.prev() };
    }

    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// What an action does on the focused field: cycle or pick the actor group, type
    /// or edit the name and organisation (Enter goes on to the next field).
    pub fn act(&mut self, action: Action) {
        match (self.field(), action) {
            (_, Action::Choose) => self.move_focus(true),
            (RespondentField::Actor, Action::PrevChoice) => self.actor = self.actor.prev(),
            (RespondentField::Actor, Action::NextChoice) => self.actor = self.actor.next(),
            (RespondentField::Actor, Action::TypeChar(c)) => {
                if let Some(actor) = super::form::helix_typed(c) {
                    self.actor = actor;
                }
            }
            (RespondentField::Name, _) => {
                self.name.edit(action);
                self.error = None;
            }
            (RespondentField::Organisation, _) => {
                self.organisation.edit(action);
            }
            _ => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        match self.field() {
            RespondentField::Name => self.name.insert_str(text),
            RespondentField::Organisation => self.organisation.insert_str(text),
            RespondentField::Actor => {}
        }
    }

    /// The respondent to add, or an inline error on the name.
    pub fn validate(&mut self, lang: Lang) -> Option<(String, String, Actor)> {
        if self.name.text().trim().is_empty() {
            self.error = Some(
                lang.pick("isi nama responden", "enter the respondent's name")
                    .to_string(),
            );
            self.focus = RespondentField::Name;
            return None;
        }
        Some((
            self.name.text().trim().to_string(),
            self.organisation.text().trim().to_string(),
            self.actor(),
        ))
    }
}
