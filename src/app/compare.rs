//! The comparison screen: what changed between an assessment and the region's earlier
//! one (the period it was started from, else its latest earlier period), and the
//! follow-up of the earlier period's commitments, recorded here: `Tab` selects a
//! commitment, `t` cycles its status (belum mulai → berjalan → selesai), `d` its date,
//! `e` its note, `Del` clears it. Each is one [`Change::FollowUp`].

use super::bindings::Action;

use super::input::LineInput;
use super::recovery::Change;
use crate::compare::{Comparison, FollowUpShown, commitment_lines, text_before_commitments};
use crate::i18n::Lang;
use crate::store::followup::{FollowUpEntry, FollowUpStatus, is_date, not_recorded};

/// The field of a follow-up being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowField {
    Date,
    Note,
}

#[derive(Clone, Debug)]
pub struct CompareState {
    pub comparison: Comparison,
    pub scroll: u16,
    /// The selected commitment (index into `comparison.commitments`).
    pub selected: usize,
    /// The date or note being typed for the selected commitment.
    pub editing: Option<(FollowField, LineInput)>,
    /// Why the typed date was refused.
    pub error: Option<String>,
}

/// Today's date (UTC), YYYY-MM-DD, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

impl CompareState {
    pub fn new(comparison: Comparison) -> CompareState {
        CompareState {
            comparison,
            scroll: 0,
            selected: 0,
            editing: None,
            error: None,
        }
    }

    /// The line index of the first commitment in [`CompareState::lines`].
    fn commitments_start(&self, lang: Lang) -> usize {
        2 + text_before_commitments(&self.comparison, lang).lines().count() + 2
    }

    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let c = &self.comparison;
        let mut lines = vec![format!(
            "{} · {} ({}) → {} ({})",
            c.after.region, c.before.period, c.before.framework, c.after.period, c.after.framework
        )];
        lines.push(String::new());
        lines.extend(text_before_commitments(c, lang).lines().map(str::to_string));
        lines.push(String::new());
        lines.push(format!(
            "{}:",
            if c.follows_up {
                use super::bindings::{Mode, hint};
                format!(
                    "{} ({})",
                    lang.pick("Komitmen periode lalu", "Previous commitments"),
                    hint(
                        Mode::Compare,
                        &[
                            Action::Next,
                            Action::CycleStatus,
                            Action::EditDate,
                            Action::EditNote,
                            Action::ClearAnswer
                        ],
                        lang
                    )
                )
            } else {
                lang.pick("Komitmen periode lalu", "Previous commitments").to_string()
            }
        ));
        if c.commitments.is_empty() {
            lines.push(format!("  {}", lang.pick("tidak ada yang tercatat", "none recorded")));
        }
        for (i, k) in c.commitments.iter().enumerate() {
            let mark = if c.follows_up && i == self.selected {
                "▶ "
            } else {
                "  "
            };
            let (head, follow) = commitment_lines(k, lang);
            lines.push(format!("{mark}{head}"));
            lines.push(format!("     {follow}"));
        }
        if !c.follows_up && !c.commitments.is_empty() {
            lines.push(String::new());
            lines.push(
                lang.pick(
                    "  Tindak lanjut dicatat di penilaian yang dibuat dari periode ini (y pada daftar).",
                    "  Follow-up is recorded on the assessment started from this period (y on the list).",
                )
                .to_string(),
            );
        }
        if let Some((field, input)) = &self.editing {
            lines.push(String::new());
            let label = match field {
                FollowField::Date => lang.pick("Tanggal (TTTT-BB-HH)", "Date (YYYY-MM-DD)"),
                FollowField::Note => lang.pick("Catatan", "Note"),
            };
            lines.push(format!(
                "{label}: {}▏  {}",
                input.text(),
                super::bindings::keyed(
                    super::bindings::Mode::CompareEdit,
                    &[
                        (Action::Choose, lang.pick("simpan", "save")),
                        (Action::Back, lang.pick("batal", "cancel"))
                    ],
                    lang
                )
            ));
        }
        if let Some(e) = &self.error {
            lines.push(e.clone());
        }
        lines
    }

    pub fn scroll_by(&mut self, down: bool, lang: Lang) {
        let max = self.lines(lang).len().saturating_sub(1) as u16;
        self.scroll = if down {
            (self.scroll + 1).min(max)
        } else {
            self.scroll.saturating_sub(1)
        };
    }

    /// Selects the next commitment (wrapping) and scrolls so that it shows in a
    /// screen of `height` lines.
    pub fn select_next(&mut self, lang: Lang, height: u16) {
        let n = self.comparison.commitments.len();
        if !self.comparison.follows_up || n == 0 {
            return;
        }
        self.selected = (self.selected + 1) % n;
        let line = (self.commitments_start(lang) + 2 * self.selected) as u16;
        if line < self.scroll || line >= self.scroll + height.max(1) {
            self.scroll = line.saturating_sub(height / 2);
        }
    }

    fn entry(&self) -> Option<FollowUpEntry> {
        let f = self.comparison.commitments.get(self.selected)?.followup.as_ref()?;
        Some(FollowUpEntry {
            status: f.status,
            date: f.date.clone(),
            note: f.note.clone(),
        })
    }

    /// Puts `entry` on the selected commitment on screen and returns the write.
    fn record(&mut self, entry: Option<FollowUpEntry>, lang: Lang) -> Option<Change> {
        let assessment = self.comparison.after.assessment;
        let k = self.comparison.commitments.get_mut(self.selected)?;
        k.followup = entry.as_ref().map(|e| FollowUpShown {
            status: e.status,
            date: e.date.clone(),
            note: e.note.clone(),
        });
        k.status = match &entry {
            Some(e) => e.status.label(lang).to_string(),
            None => not_recorded(lang).to_string(),
        };
        Some(Change::FollowUp {
            assessment,
            position: k.position,
            entry,
        })
    }

    fn can_record(&self) -> bool {
        self.comparison.follows_up && self.selected < self.comparison.commitments.len()
    }

    /// `t`: the selected commitment's next status (dated today when it had no date).
    pub fn cycle_status(&mut self, lang: Lang) -> Option<Change> {
        if !self.can_record() {
            return None;
        }
        let old = self.entry();
        let entry = FollowUpEntry {
            status: FollowUpStatus::next(old.as_ref().map(|e| e.status)),
            date: old
                .as_ref()
                .map(|e| e.date.clone())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(today),
            note: old.map(|e| e.note).unwrap_or_default(),
        };
        self.record(Some(entry), lang)
    }

    /// `Del`: the selected commitment is "belum dicatat" again.
    pub fn clear(&mut self, lang: Lang) -> Option<Change> {
        if !self.can_record() || self.entry().is_none() {
            return None;
        }
        self.record(None, lang)
    }

    /// `d` / `e`: starts typing the date or the note of the selected commitment.
    pub fn start_editing(&mut self, field: FollowField) {
        if !self.can_record() {
            return;
        }
        let current = self.entry();
        let text = match field {
            FollowField::Date => current.map(|e| e.date).unwrap_or_else(today),
            FollowField::Note => current.map(|e| e.note).unwrap_or_default(),
        };
        self.error = None;
        self.editing = Some((field, LineInput::new(&text)));
    }

    /// An action while typing: Enter records the field (a commitment without a status
    /// gets "belum mulai"), Esc cancels, the rest edits the line. Returns the write, if any.
    pub fn edit(&mut self, action: Action, lang: Lang) -> Option<Change> {
        let (field, input) = self.editing.as_mut()?;
        match action {
            Action::Back => {
                self.editing = None;
                self.error = None;
                None
            }
            Action::Choose => {
                let typed = input.text().trim().to_string();
                let field = *field;
                if field == FollowField::Date && !is_date(&typed) {
                    self.error = Some(match lang {
                        Lang::Id => format!("Tanggal \"{typed}\" tidak terbaca; tulis TTTT-BB-HH, mis. 2027-03-15."),
                        Lang::En => format!("The date \"{typed}\" is not readable; write YYYY-MM-DD, e.g. 2027-03-15."),
                    });
                    return None;
                }
                self.editing = None;
                self.error = None;
                let mut entry = self.entry().unwrap_or(FollowUpEntry {
                    status: FollowUpStatus::NotStarted,
                    date: today(),
                    note: String::new(),
                });
                match field {
                    FollowField::Date => entry.date = typed,
                    FollowField::Note => entry.note = typed,
                }
                self.record(Some(entry), lang)
            }
            other => {
                input.edit(other);
                None
            }
        }
    }

    /// Relabels the statuses after a language change.
    pub fn relabel(&mut self, lang: Lang) {
        for k in &mut self.comparison.commitments {
            k.status = match &k.followup {
                Some(f) => f.status.label(lang).to_string(),
                None => not_recorded(lang).to_string(),
            };
        }
    }
}

/// The lines of the comparison a screen shows at once, about (80×24 without the title
/// and footer): a selected commitment is scrolled into this many.
const VISIBLE_LINES: u16 = 18;

impl super::App {
    /// The comparison screen's keys.
    pub(super) fn act_compare(&mut self, action: Action) {
        use Action as A;
        let lang = self.lang;
        let super::Screen::Compare(c) = &mut self.screen else {
            return;
        };
        let change = match action {
            A::Back => {
                self.go_start();
                None
            }
            A::Up | A::Down => {
                c.scroll_by(action == A::Down, lang);
                None
            }
            A::Next => {
                c.select_next(lang, VISIBLE_LINES);
                None
            }
            A::CycleStatus => c.cycle_status(lang),
            A::ClearAnswer => c.clear(lang),
            A::EditNote => {
                c.start_editing(FollowField::Note);
                None
            }
            A::EditDate => {
                c.start_editing(FollowField::Date);
                None
            }
            _ => None,
        };
        if let Some(change) = change {
            self.commit(vec![super::queue::Effect::Write(change)]);
        }
    }

    /// The follow-up's date or note being typed.
    pub(super) fn act_compare_edit(&mut self, action: Action) {
        let lang = self.lang;
        let super::Screen::Compare(c) = &mut self.screen else {
            return;
        };
        if let Some(change) = c.edit(action, lang) {
            self.commit(vec![super::queue::Effect::Write(change)]);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_a_date() {
        assert!(crate::store::followup::is_date(&super::today()));
    }
}
