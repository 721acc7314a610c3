//! Who answers: the chooser shown with `a` on the start screen (a respondent, a new
//! respondent, the consensus walk or the verification walk) and the small form that
//! adds a respondent to an existing assessment (several people per helix group is
//! normal in PMK3I).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::form::FORM_ACTORS;
use super::input::LineInput;
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
    pub focus: usize,
    pub name: LineInput,
    pub organisation: LineInput,
    pub actor: usize,
    pub error: Option<String>,
}

impl RespondentForm {
    pub fn new(assessment: i64, region: String) -> RespondentForm {
        RespondentForm {
            assessment,
            region,
            focus: 0,
            name: LineInput::default(),
            organisation: LineInput::default(),
            actor: 0,
            error: None,
        }
    }

    pub fn field(&self) -> RespondentField {
        RESPONDENT_FIELDS
            .get(self.focus)
            .copied()
            .unwrap_or(RespondentField::Name)
    }

    pub fn is_last(&self) -> bool {
        self.focus + 1 == RESPONDENT_FIELDS.len()
    }

    pub fn move_focus(&mut self, forward: bool) {
        let n = RESPONDENT_FIELDS.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    pub fn actor(&self) -> crate::actor::Actor {
        FORM_ACTORS[self.actor % FORM_ACTORS.len()]
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        match (self.field(), key.code) {
            (RespondentField::Actor, KeyCode::Left) => {
                self.actor = (self.actor + FORM_ACTORS.len() - 1) % FORM_ACTORS.len()
            }
            (RespondentField::Actor, KeyCode::Right | KeyCode::Char(' ')) => {
                self.actor = (self.actor + 1) % FORM_ACTORS.len()
            }
            (RespondentField::Actor, KeyCode::Char(c)) => {
                if let Some(i) = FORM_ACTORS
                    .iter()
                    .position(|a| a.as_str().eq_ignore_ascii_case(&c.to_string()))
                {
                    self.actor = i;
                }
            }
            (RespondentField::Name, _) => {
                self.name.handle_key(key);
                self.error = None;
            }
            (RespondentField::Organisation, _) => {
                self.organisation.handle_key(key);
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
    pub fn validate(&mut self, lang: Lang) -> Option<(String, String, crate::actor::Actor)> {
        if self.name.text().trim().is_empty() {
            self.error = Some(
                lang.pick("isi nama responden", "enter the respondent's name")
                    .to_string(),
            );
            self.focus = 0;
            return None;
        }
        Some((
            self.name.text().trim().to_string(),
            self.organisation.text().trim().to_string(),
            self.actor(),
        ))
    }
}
