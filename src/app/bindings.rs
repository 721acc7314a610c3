//! The one table of key bindings: every key of every mode (each screen, the list
//! filter, the delete confirmation, the "answer as" chooser, the form fields, the
//! editor, the scrolling overlays…) and the action it stands for. Dispatch, the footer,
//! the in-screen hints and the help overlay all read it, and key labels are derived
//! from the keys, so the help can never drift from the real keys. No other module
//! matches a key code: [`action_for`] turns a key into an [`Action`], and a printable
//! key no binding claims is typed into the focused field ([`Action::TypeChar`]) in the
//! modes that have one.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;

/// An editing step on a one-line text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edit {
    DeleteBack,
    DeleteForward,
    Left,
    Right,
    Home,
    End,
    /// Empty the field.
    Clear,
}

/// What a key does, independent of which key it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    /// Choose the highlighted item (a level, an assessment, a tab's row, a list
    /// entry); in a form, the next field (the last one submits).
    Choose,
    Next,
    Prev,
    NextPillar,
    PrevPillar,
    /// The results or workshop screen's next (previous) tab.
    NextTab,
    PrevTab,
    /// A form's next (previous) field.
    NextField,
    PrevField,
    /// A choice field's next (previous) value.
    NextChoice,
    PrevChoice,
    /// A key no binding claims, typed into the focused field.
    TypeChar(char),
    /// An editing key of a one-line text field.
    Edit(Edit),
    /// Choose scale level N on the walk.
    Level(u8),
    NotApplicable,
    /// Remove the level (or N/A) recorded for this indicator; notes stay.
    ClearAnswer,
    EditNote,
    EditEvidence,
    EditBestPractice,
    EditProblems,
    NextUnanswered,
    Info,
    /// The change history of the current indicator: who, when, from → to.
    History,
    Results,
    Report,
    ChooseFlagship,
    TargetUp,
    TargetDown,
    FilterActor,
    /// Rank the recommendations on the next basis: self-assessed, consensus, verified.
    RankBasis,
    NewAssessment,
    /// Choose who answers: a respondent, a new one, consensus or verification.
    ChooseLayer,
    /// The quick self-check: open it from the list, switch quick ⇄ full in the walk.
    QuickCheck,
    Delete,
    /// Link the region to its Kemendagri code.
    LinkRegion,
    /// Open the national map (Peta).
    Map,
    /// Compare the selected assessment with the region's earlier one.
    Compare,
    /// Year two: a new period from the selected assessment (with its respondents
    /// when `true`).
    NewPeriod(bool),
    /// Sort the map by the next column.
    SortNext,
    /// Reverse the map's sort order.
    SortReverse,
    /// Show or hide the per-province summary.
    ToggleProvinces,
    Filter,
    /// Leave: the screen before, cancel the dialog or form, clear the filter.
    Back,
    /// Create (save) what the form holds.
    Submit,
    /// Walk: the next indicator whose groups differ by 2 levels or more (⚠).
    NextFlagged,
    /// Consensus walk: who did not agree, and why.
    EditDissent,
    /// Verification walk: cycle the verification status; comparison: cycle the
    /// selected commitment's follow-up status.
    CycleStatus,
    /// Comparison: type the date of the selected commitment's follow-up.
    EditDate,
    /// Open the workshop screen (agenda, matrix, session, visits, commitments).
    Workshop,
    /// Write the berita acara.
    BeritaAcara,
    /// Workshop screen: add, edit or remove a record; edit the pulled subsectors.
    AddRecord,
    EditRecord,
    RemoveRecord,
    EditPulled,
    /// Scrolling overlays: ten lines at a time.
    PageUp,
    PageDown,
    /// Close the overlay.
    Close,
    /// The editor: save and close.
    SaveText,
    /// The editor: close without saving.
    DiscardText,
    /// The editor: a line break.
    NewLine,
    /// The editor: any other key goes to the text area as it is.
    EditorInput,
    Help,
    ToggleLang,
    Quit,
}

/// A mode of input: each has its own bindings. A mode's keys are its own part of the
/// table, then the parts it shares ([`layers`]): the global keys, the form keys, the
/// text-field editing keys, and the keys that always work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Keys that work everywhere, text fields and overlays included (Ctrl-C).
    Always,
    /// Keys of every screen outside text fields and overlays: help, language, quit.
    Global,
    /// The editing keys of every one-line text field.
    LineEdit,
    /// The keys both forms share (new assessment, new respondent).
    Form,
    /// The assessment list.
    Start,
    /// The list's filter being typed.
    StartFilter,
    /// The delete confirmation: the region's name is typed.
    DeleteConfirm,
    /// The "answer as" chooser.
    Chooser,
    /// Linking a region to its Kemendagri code: a name or code is typed.
    RegionLink,
    /// A form's text field (with its choice list, if it has one).
    FormText,
    /// A form's choice field (framework, regency/city, actor group).
    FormChoice,
    Walk,
    Results,
    /// The workshop screen (agenda, matrix, session, visits, verify first, commitments).
    Workshop,
    /// The workshop screen's small form of one-line fields.
    RecordForm,
    /// The national map.
    Map,
    /// The map's filter being typed.
    MapFilter,
    /// The comparison of two periods.
    Compare,
    /// A commitment follow-up's date or note being typed on the comparison.
    CompareEdit,
    /// The multi-line editor (notes, evidence, pillar texts, dissent).
    Editor,
    /// The help, indicator details and history overlays: they scroll.
    Scroll,
}

/// All modes, for tests and the help.
pub const MODES: &[Mode] = &[
    Mode::Always,
    Mode::Global,
    Mode::LineEdit,
    Mode::Form,
    Mode::Start,
    Mode::StartFilter,
    Mode::DeleteConfirm,
    Mode::Chooser,
    Mode::RegionLink,
    Mode::FormText,
    Mode::FormChoice,
    Mode::Walk,
    Mode::Results,
    Mode::Workshop,
    Mode::RecordForm,
    Mode::Map,
    Mode::MapFilter,
    Mode::Compare,
    Mode::CompareEdit,
    Mode::Editor,
    Mode::Scroll,
];

/// The parts of the table a mode reads, in order (its own first).
pub fn layers(mode: Mode) -> &'static [Mode] {
    use Mode as M;
    match mode {
        M::Always => &[M::Always],
        M::Global => &[M::Global, M::Always],
        M::LineEdit => &[M::LineEdit, M::Always],
        M::Form => &[M::Form, M::Always],
        M::Start => &[M::Start, M::Global, M::Always],
        M::Walk => &[M::Walk, M::Global, M::Always],
        M::Results => &[M::Results, M::Global, M::Always],
        M::Workshop => &[M::Workshop, M::Global, M::Always],
        M::Map => &[M::Map, M::Global, M::Always],
        M::Compare => &[M::Compare, M::Global, M::Always],
        M::StartFilter => &[M::StartFilter, M::LineEdit, M::Always],
        M::DeleteConfirm => &[M::DeleteConfirm, M::LineEdit, M::Always],
        M::RegionLink => &[M::RegionLink, M::LineEdit, M::Always],
        M::MapFilter => &[M::MapFilter, M::LineEdit, M::Always],
        M::CompareEdit => &[M::CompareEdit, M::LineEdit, M::Always],
        M::RecordForm => &[M::RecordForm, M::LineEdit, M::Always],
        M::FormText => &[M::FormText, M::Form, M::LineEdit, M::Always],
        M::FormChoice => &[M::FormChoice, M::Form, M::Always],
        M::Chooser => &[M::Chooser, M::Always],
        M::Editor => &[M::Editor, M::Always],
        M::Scroll => &[M::Scroll, M::Always],
    }
}

/// What a mode does with a key no binding claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fallback {
    /// Printable characters are typed into the focused field ([`Action::TypeChar`]).
    Type,
    /// Every other key goes to the editor's text area ([`Action::EditorInput`]).
    Editor,
    /// Every other key closes the overlay ([`Action::Close`]).
    Close,
}

/// The fallback of a mode, with its label and description for the help (and the
/// footer, when it has a short text there).
pub struct FallbackRow {
    pub fallback: Fallback,
    pub label: (&'static str, &'static str),
    pub description: (&'static str, &'static str),
    pub footer: Option<(&'static str, &'static str)>,
    /// Its text on a hint line, when shorter than the description.
    pub short: Option<(&'static str, &'static str)>,
}

pub fn fallback(mode: Mode) -> Option<FallbackRow> {
    use Mode as M;
    let row = |fallback, label, description, footer| {
        Some(FallbackRow {
            fallback,
            label,
            description,
            footer,
            short: footer,
        })
    };
    match mode {
        M::StartFilter | M::MapFilter => row(
            Fallback::Type,
            ("ketik", "type"),
            ("menyaring sambil mengetik", "filters as you type"),
            None,
        ),
        M::CompareEdit => row(
            Fallback::Type,
            ("ketik", "type"),
            (
                "tanggal (TTTT-BB-HH) atau catatan tindak lanjut",
                "the follow-up's date (YYYY-MM-DD) or note",
            ),
            None,
        ),
        M::RegionLink => row(
            Fallback::Type,
            ("ketik", "type"),
            ("nama atau kode daerah", "a region's name or code"),
            None,
        ),
        M::DeleteConfirm => row(
            Fallback::Type,
            ("ketik", "type"),
            ("nama daerahnya, untuk memastikan", "the region's name, to confirm"),
            None,
        ),
        M::FormText | M::RecordForm => Some(FallbackRow {
            fallback: Fallback::Type,
            label: ("ketik", "type"),
            description: (
                "masuk ke kolom; di daftar pilihan: menyaring (Spasi mencentang subsektor selama saringan kosong)",
                "goes into the field; on a list: filters it (Space ticks a subsector while the filter is empty)",
            ),
            footer: None,
            short: Some(("untuk menyaring", "to filter")),
        }),
        M::FormChoice => row(
            Fallback::Type,
            ("huruf", "letter"),
            (
                "memilih: kelompok aktor (A B C G M), k Kota, b Kabupaten",
                "chooses: actor group (A B C G M), k Kota, b Kabupaten",
            ),
            None,
        ),
        M::Editor => row(
            Fallback::Editor,
            ("tombol lain", "other keys"),
            (
                "mengetik dan menyunting teks; teks tempelan tidak memicu tombol",
                "type and edit the text; pasted text never triggers keys",
            ),
            None,
        ),
        M::Scroll => row(
            Fallback::Close,
            ("tombol lain", "other keys"),
            ("menutup", "close"),
            Some(("tutup", "close")),
        ),
        _ => None,
    }
}

/// One binding: in `mode`, each of `keys` does `action`.
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    pub id: &'static str,
    pub en: &'static str,
    /// The short label in the footer (Indonesian, English); the others appear only
    /// in the help overlay.
    pub footer: Option<(&'static str, &'static str)>,
    /// The shorter text of a hint line on the screen ("↑↓ pilih · Enter tetapkan"),
    /// when the footer's (or the description) is not it.
    pub short: Option<(&'static str, &'static str)>,
    /// Shown on the help line of the binding before it (both arrows, every digit).
    pub joined: bool,
}

impl Binding {
    pub fn description(&self, lang: Lang) -> &'static str {
        lang.pick(self.id, self.en)
    }

    /// The binding's keys as shown: "↑/k", "Ctrl-S/F2".
    pub fn label(&self, lang: Lang) -> String {
        let mut labels: Vec<String> = Vec::new();
        for (code, mods) in self.keys {
            let label = key_label(*code, *mods, lang);
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        labels.join("/")
    }
}

/// How a key is written: "↑", "Enter", "Ctrl-S", "F2", "Spasi".
pub fn key_label(code: KeyCode, mods: KeyModifiers, lang: Lang) -> String {
    let base = match code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "⇧Tab".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => lang.pick("Spasi", "Space").to_string(),
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else if mods.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

macro_rules! b {
    ($mode:ident, [$($k:expr),+], $action:expr, $id:expr, $en:expr, $footer:expr) => {
        Binding { mode: Mode::$mode, keys: &[$($k),+], action: $action, id: $id, en: $en, footer: $footer, short: None, joined: false }
    };
}

/// A binding with a short text for hint lines on the screen.
macro_rules! bh {
    ($mode:ident, [$($k:expr),+], $action:expr, $id:expr, $en:expr, $footer:expr, $short:expr) => {
        Binding { mode: Mode::$mode, keys: &[$($k),+], action: $action, id: $id, en: $en, footer: $footer, short: Some($short), joined: false }
    };
}

/// A binding shown on the help line of the one before it.
macro_rules! j {
    ($mode:ident, [$($k:expr),+], $action:expr, $id:expr, $en:expr) => {
        Binding { mode: Mode::$mode, keys: &[$($k),+], action: $action, id: $id, en: $en, footer: None, short: None, joined: true }
    };
}

macro_rules! levels {
    ($(($c:literal, $d:literal)),+) => {
        [$(j!(Walk, [(K::Char($c), NONE)], A::Level($d), "pilih tingkat skala itu dan lanjut", "choose that scale level and advance")),+]
    };
}

use Action as A;
use Edit as E;
use KeyCode as K;

/// The scale levels 1–9 of the walk, one binding each, shown on the help line of `0`.
static LEVELS: [Binding; 9] = levels!(
    ('1', 1),
    ('2', 2),
    ('3', 3),
    ('4', 4),
    ('5', 5),
    ('6', 6),
    ('7', 7),
    ('8', 8),
    ('9', 9)
);

// Shift is ignored when keys are matched: `Y` is Shift-y, `S-Tab` is Shift-Tab.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Always, everywhere.
    b!(Always, [(K::Char('c'), CTRL)], A::Quit, "keluar", "quit", None),

    // Every screen outside text fields.
    b!(Global, [(K::Char('?'), NONE)], A::Help, "bantuan", "help", Some(("bantuan", "help"))),
    b!(Global, [(K::F(1), NONE)], A::Help, "bantuan", "help", None),
    b!(Global, [(K::Char('L'), NONE)], A::ToggleLang, "English", "Bahasa Indonesia", Some(("English", "Bahasa Indonesia"))),
    b!(Global, [(K::Char('q'), NONE)], A::Quit, "keluar", "quit", Some(("keluar", "quit"))),

    // Every one-line text field.
    b!(LineEdit, [(K::Backspace, NONE)], A::Edit(E::DeleteBack), "hapus huruf sebelum kursor", "delete the character before the cursor", None),
    b!(LineEdit, [(K::Delete, NONE)], A::Edit(E::DeleteForward), "hapus huruf di kursor", "delete the character at the cursor", None),
    b!(LineEdit, [(K::Left, NONE)], A::Edit(E::Left), "kursor ke kiri", "cursor left", None),
    j!(LineEdit, [(K::Right, NONE)], A::Edit(E::Right), "kursor ke kanan", "cursor right"),
    b!(LineEdit, [(K::Home, NONE), (K::Char('a'), CTRL)], A::Edit(E::Home), "ke awal kolom", "to the start of the field", None),
    b!(LineEdit, [(K::End, NONE), (K::Char('e'), CTRL)], A::Edit(E::End), "ke akhir kolom", "to the end of the field", None),
    b!(LineEdit, [(K::Char('u'), CTRL)], A::Edit(E::Clear), "kosongkan kolom", "empty the field", None),

    // Start screen.
    b!(Start, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "naik", "up", None),
    b!(Start, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "turun", "down", None),
    b!(Start, [(K::Enter, NONE)], A::Choose, "lanjutkan", "resume", Some(("lanjutkan", "resume"))),
    b!(Start, [(K::Char('n'), NONE)], A::NewAssessment, "baru", "new", Some(("baru", "new"))),
    b!(Start, [(K::Char('a'), NONE)], A::ChooseLayer, "isi sebagai: responden lain, konsensus, verifikasi", "answer as: another respondent, consensus, verification", Some(("isi sebagai", "answer as"))),
    b!(Start, [(K::Char('c'), NONE)], A::QuickCheck, "cek cepat: hanya indikator cepat, satu subsektor (±10 menit)", "quick check: the quick indicators only, one subsector (about 10 minutes)", Some(("cek cepat", "quick check"))),
    b!(Start, [(K::Char('r'), NONE)], A::Results, "hasil", "results", Some(("hasil", "results"))),
    b!(Start, [(K::Char('y'), NONE)], A::NewPeriod(false), "periode baru dari yang ini (tingkat & target lalu jadi acuan)", "new period from this one (last levels & targets as reference)", None),
    b!(Start, [(K::Char('Y'), NONE)], A::NewPeriod(true), "periode baru dari yang ini, dengan respondennya", "new period from this one, with its respondents", None),
    b!(Start, [(K::Char('m'), NONE)], A::Compare, "bandingkan dengan periode sebelumnya", "compare with the previous period", None),
    b!(Start, [(K::Char('/'), NONE)], A::Filter, "cari", "filter", Some(("cari", "filter"))),
    b!(Start, [(K::Char('d'), NONE)], A::Delete, "hapus", "delete", Some(("hapus", "delete"))),
    b!(Start, [(K::Char('s'), NONE)], A::Workshop, "lokakarya: agenda DKT, matriks, sesi, kunjungan, komitmen", "workshop: DKT agenda, matrix, session, visits, commitments", None),
    b!(Start, [(K::Char('p'), NONE)], A::Map, "peta nasional: semua daerah berdampingan", "national map: every region side by side", Some(("peta", "map"))),
    b!(Start, [(K::Char('K'), NONE)], A::LinkRegion, "tautkan daerah ke kode Kemendagri", "link the region to its Kemendagri code", None),
    b!(Start, [(K::Esc, NONE)], A::Back, "hapus saringan", "clear the filter", None),

    // The list's filter being typed.
    b!(StartFilter, [(K::Enter, NONE)], A::Choose, "selesai", "done", Some(("selesai", "done"))),
    b!(StartFilter, [(K::Esc, NONE)], A::Back, "hapus saringan", "clear filter", Some(("hapus saringan", "clear filter"))),
    b!(StartFilter, [(K::Up, NONE)], A::Up, "naik", "up", None),
    b!(StartFilter, [(K::Down, NONE)], A::Down, "turun", "down", None),

    // The delete confirmation.
    bh!(DeleteConfirm, [(K::Enter, NONE)], A::Choose, "hapus bila nama cocok", "delete if the name matches", Some(("lanjut", "confirm")), ("hapus", "deletes")),
    b!(DeleteConfirm, [(K::Esc, NONE)], A::Back, "batal", "cancel", Some(("batal", "cancel"))),

    // The "answer as" chooser.
    bh!(Chooser, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "naik", "up", None, ("pilih", "move")),
    j!(Chooser, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "turun", "down"),
    b!(Chooser, [(K::Enter, NONE)], A::Choose, "buka", "open", Some(("lanjut", "confirm"))),
    b!(Chooser, [(K::Esc, NONE)], A::Back, "batal", "cancel", Some(("batal", "cancel"))),

    // Linking a region to its Kemendagri code.
    bh!(RegionLink, [(K::Up, NONE)], A::Up, "naik", "up", None, ("pilih", "move")),
    j!(RegionLink, [(K::Down, NONE)], A::Down, "turun", "down"),
    b!(RegionLink, [(K::Enter, NONE)], A::Choose, "tautkan", "link", Some(("tautkan", "link"))),
    b!(RegionLink, [(K::Esc, NONE)], A::Back, "batal", "cancel", Some(("batal", "cancel"))),

    // Both forms (new assessment, new respondent).
    b!(Form, [(K::Tab, NONE)], A::NextField, "kolom berikutnya", "next field", Some(("kolom berikut", "next field"))),
    b!(Form, [(K::BackTab, NONE)], A::PrevField, "kolom sebelumnya", "previous field", Some(("kolom sebelum", "prev field"))),
    bh!(Form, [(K::Enter, NONE)], A::Choose, "tetapkan pilihan daftar, atau kolom berikutnya (di kolom terakhir: simpan)", "take the list's choice, or the next field (on the last: save)", None, ("tetapkan", "picks")),
    b!(Form, [(K::Char('s'), CTRL), (K::F(2), NONE)], A::Submit, "simpan & mulai", "save & start", Some(("simpan & mulai", "save & start"))),
    b!(Form, [(K::Esc, NONE)], A::Back, "batal", "cancel", Some(("batal", "cancel"))),
    b!(Form, [(K::F(1), NONE)], A::Help, "bantuan", "help", None),

    // A form's text field: its list, if it has one.
    bh!(FormText, [(K::Up, NONE)], A::Up, "pilihan di atas", "the choice above", None, ("pilih", "move")),
    j!(FormText, [(K::Down, NONE)], A::Down, "pilihan di bawah", "the choice below"),

    // A form's choice field.
    b!(FormChoice, [(K::Left, NONE)], A::PrevChoice, "pilihan sebelumnya", "previous choice", None),
    j!(FormChoice, [(K::Right, NONE), (K::Char(' '), NONE)], A::NextChoice, "pilihan berikutnya", "next choice"),

    // Walk.
    b!(Walk, [(K::Char('0'), NONE)], A::Level(0), "pilih tingkat skala itu dan lanjut", "choose that scale level and advance", None),
    b!(Walk, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "sorot tingkat di atas", "highlight the level above", None),
    j!(Walk, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "di bawah", "below"),
    b!(Walk, [(K::Enter, NONE)], A::Choose, "pilih tingkat yang disorot", "choose the highlighted level", None),
    b!(Walk, [(K::Right, NONE), (K::Char('n'), NONE)], A::Next, "indikator berikutnya", "next indicator", Some(("lewati", "skip"))),
    b!(Walk, [(K::Left, NONE), (K::Char('p'), NONE)], A::Prev, "indikator sebelumnya", "previous indicator", None),
    b!(Walk, [(K::Tab, NONE)], A::NextPillar, "pilar berikutnya", "next pillar", Some(("pilar", "pillar"))),
    b!(Walk, [(K::BackTab, NONE)], A::PrevPillar, "pilar sebelumnya", "previous pillar", None),
    b!(Walk, [(K::Char('x'), NONE)], A::NotApplicable, "tidak berlaku (N/A)", "not applicable (N/A)", None),
    b!(Walk, [(K::Delete, NONE), (K::Backspace, NONE)], A::ClearAnswer, "hapus jawaban indikator ini (catatan tetap)", "clear this indicator's answer (notes stay)", None),
    b!(Walk, [(K::Char('e'), NONE)], A::EditNote, "catatan", "note", Some(("catatan", "note"))),
    b!(Walk, [(K::Char('v'), NONE)], A::EditEvidence, "bukti dukung", "evidence", Some(("bukti", "evidence"))),
    b!(Walk, [(K::Char('b'), NONE)], A::EditBestPractice, "praktik baik pilar ini", "this pillar's best practices", None),
    b!(Walk, [(K::Char('m'), NONE)], A::EditProblems, "permasalahan pilar ini", "this pillar's problems", None),
    b!(Walk, [(K::Char('g'), NONE)], A::NextUnanswered, "ke yang belum dijawab", "go to next unanswered", Some(("belum dijawab", "unanswered"))),
    b!(Walk, [(K::Char('!'), NONE)], A::NextFlagged, "⚠ berikutnya", "next ⚠ gap", None),
    j!(Walk, [(K::Char('d'), NONE)], A::EditDissent, "tidak sepakat (DKT)", "dissent (DKT)"),
    j!(Walk, [(K::Char('t'), NONE)], A::CycleStatus, "status uji petik", "uji petik status"),
    b!(Walk, [(K::Char('c'), NONE)], A::QuickCheck, "cek cepat ⇄ borang lengkap (jawaban tetap sama)", "quick check ⇄ full borang (the answers stay)", Some(("cepat/lengkap", "quick/full"))),
    b!(Walk, [(K::Char('i'), NONE)], A::Info, "rincian indikator", "indicator details", None),
    j!(Walk, [(K::Char('h'), NONE)], A::History, "riwayatnya: siapa, kapan, dari → ke", "its history: who, when, from → to"),
    b!(Walk, [(K::Char('r'), NONE)], A::Results, "hasil", "results", Some(("hasil", "results"))),
    b!(Walk, [(K::Esc, NONE)], A::Back, "ke daftar penilaian", "to the assessment list", None),

    // Results.
    b!(Results, [(K::Tab, NONE), (K::Right, NONE)], A::NextTab, "tab berikutnya", "next tab", Some(("tab", "tab"))),
    b!(Results, [(K::BackTab, NONE), (K::Left, NONE)], A::PrevTab, "tab sebelumnya", "previous tab", None),
    b!(Results, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "naik", "up", None),
    b!(Results, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "turun", "down", None),
    b!(Results, [(K::Enter, NONE)], A::Choose, "buka indikator di pengisian", "open the indicator in the walk", None),
    b!(Results, [(K::Char('f'), NONE)], A::ChooseFlagship, "tetapkan subsektor unggulan", "choose the flagship subsector", None),
    b!(Results, [(K::Char('a'), NONE)], A::FilterActor, "saring menurut aktor", "filter by actor", None),
    b!(Results, [(K::Char('o'), NONE)], A::RankBasis, "urutan rekomendasi: mandiri/konsensus/verifikasi", "rank recommendations: self/consensus/verified", None),
    b!(Results, [(K::Char('+'), NONE), (K::Char('='), NONE)], A::TargetUp, "naikkan target", "raise the target", None),
    b!(Results, [(K::Char('-'), NONE)], A::TargetDown, "turunkan target", "lower the target", None),
    b!(Results, [(K::Char('w'), NONE)], A::Report, "tulis laporan HTML", "write the HTML report", Some(("laporan", "report"))),
    b!(Results, [(K::Char('s'), NONE)], A::Workshop, "lokakarya: agenda DKT, matriks, sesi, kunjungan, komitmen", "workshop: DKT agenda, matrix, session, visits, commitments", None),
    b!(Results, [(K::Char('B'), NONE)], A::BeritaAcara, "tulis berita acara HTML", "write the berita acara (HTML)", None),
    b!(Results, [(K::Esc, NONE)], A::Back, "kembali", "back", Some(("kembali", "back"))),

    // Workshop screen.
    b!(Workshop, [(K::Tab, NONE), (K::Right, NONE)], A::NextTab, "tab berikutnya", "next tab", Some(("tab", "tab"))),
    b!(Workshop, [(K::BackTab, NONE), (K::Left, NONE)], A::PrevTab, "tab sebelumnya", "previous tab", None),
    b!(Workshop, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "naik", "up", None),
    b!(Workshop, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "turun", "down", None),
    b!(Workshop, [(K::Enter, NONE)], A::Choose, "agenda: buka di walk konsensus · verifikasi dulu: buka di walk verifikasi", "agenda: open in the consensus walk · verify first: open in the verification walk", Some(("buka", "open"))),
    b!(Workshop, [(K::Char('e'), NONE)], A::EditRecord, "ubah (sesi DKT, kunjungan, komitmen, responden)", "edit (session, visit, commitment, respondent)", Some(("ubah", "edit"))),
    b!(Workshop, [(K::Char('n'), NONE)], A::AddRecord, "tambah peserta, kunjungan atau komitmen", "add an attendee, a visit or a commitment", Some(("tambah", "add"))),
    b!(Workshop, [(K::Delete, NONE), (K::Backspace, NONE)], A::RemoveRecord, "hapus baris atau responden (tekan dua kali)", "remove the row or respondent (press twice)", None),
    b!(Workshop, [(K::Char('p'), NONE)], A::EditPulled, "Komitmen: subsektor yang dihela · Profil: daerah, periode, kandidat", "Commitments: pulled subsectors · Profile: region, period, candidates", None),
    b!(Workshop, [(K::Char('B'), NONE)], A::BeritaAcara, "tulis berita acara HTML", "write the berita acara (HTML)", Some(("berita acara", "record"))),
    b!(Workshop, [(K::Esc, NONE)], A::Back, "kembali ke hasil", "back to the results", Some(("kembali", "back"))),

    // The workshop screen's form.
    b!(RecordForm, [(K::Tab, NONE), (K::Down, NONE)], A::NextField, "kolom berikutnya", "next field", Some(("kolom berikut", "next field"))),
    b!(RecordForm, [(K::BackTab, NONE), (K::Up, NONE)], A::PrevField, "kolom sebelumnya", "previous field", None),
    b!(RecordForm, [(K::Enter, NONE)], A::Choose, "kolom berikutnya (di kolom terakhir: simpan)", "next field (on the last: save)", None),
    b!(RecordForm, [(K::Char('s'), CTRL), (K::F(2), NONE)], A::Submit, "simpan", "save", Some(("simpan", "save"))),
    b!(RecordForm, [(K::Esc, NONE)], A::Back, "batal", "cancel", Some(("batal", "cancel"))),

    // The national map.
    b!(Map, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "naik", "up", None),
    b!(Map, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "turun", "down", None),
    b!(Map, [(K::Enter, NONE)], A::Choose, "buka hasil daerah itu", "open the region's results", Some(("hasil", "results"))),
    b!(Map, [(K::Char('s'), NONE)], A::SortNext, "urutkan menurut kolom berikutnya", "sort by the next column", Some(("urutkan", "sort"))),
    b!(Map, [(K::Char('S'), NONE)], A::SortReverse, "balik urutan", "reverse the order", None),
    b!(Map, [(K::Char('/'), NONE)], A::Filter, "saring sambil mengetik", "filter as you type", Some(("cari", "filter"))),
    b!(Map, [(K::Tab, NONE)], A::ToggleProvinces, "ringkasan per provinsi", "summary by province", Some(("provinsi", "provinces"))),
    b!(Map, [(K::Esc, NONE)], A::Back, "ke daftar penilaian", "to the assessment list", Some(("kembali", "back"))),

    // The map's filter being typed.
    b!(MapFilter, [(K::Enter, NONE)], A::Choose, "selesai", "done", Some(("selesai", "done"))),
    b!(MapFilter, [(K::Esc, NONE)], A::Back, "hapus saringan", "clear filter", Some(("hapus saringan", "clear filter"))),
    b!(MapFilter, [(K::Up, NONE)], A::Up, "naik", "up", None),
    b!(MapFilter, [(K::Down, NONE)], A::Down, "turun", "down", None),

    // The comparison of two periods.
    b!(Compare, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "gulir ke atas", "scroll up", None),
    b!(Compare, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "gulir ke bawah", "scroll down", None),
    b!(Compare, [(K::Tab, NONE)], A::Next, "pilih komitmen periode lalu berikutnya", "select the next previous commitment", Some(("komitmen", "commitment"))),
    b!(Compare, [(K::Char('t'), NONE)], A::CycleStatus, "status tindak lanjut: belum mulai → berjalan → selesai", "follow-up status: not started → in progress → done", Some(("status", "status"))),
    b!(Compare, [(K::Char('d'), NONE)], A::EditDate, "tanggal tindak lanjut", "follow-up date", None),
    b!(Compare, [(K::Char('e'), NONE)], A::EditNote, "catatan tindak lanjut", "follow-up note", None),
    b!(Compare, [(K::Delete, NONE), (K::Backspace, NONE)], A::ClearAnswer, "hapus tindak lanjut (belum dicatat)", "clear the follow-up (not recorded)", None),
    b!(Compare, [(K::Esc, NONE)], A::Back, "ke daftar penilaian", "to the assessment list", Some(("kembali", "back"))),

    // A follow-up's date or note being typed.
    b!(CompareEdit, [(K::Enter, NONE)], A::Choose, "catat", "record", Some(("catat", "record"))),
    b!(CompareEdit, [(K::Esc, NONE)], A::Back, "batal", "cancel", Some(("batal", "cancel"))),

    // The editor.
    b!(Editor, [(K::Esc, NONE)], A::SaveText, "simpan & tutup", "save & close", Some(("simpan & tutup", "save & close"))),
    b!(Editor, [(K::Char('s'), CTRL), (K::F(2), NONE)], A::SaveText, "simpan & tutup", "save & close", None),
    b!(Editor, [(K::Char('g'), CTRL)], A::DiscardText, "buang perubahan", "discard changes", Some(("buang perubahan", "discard changes"))),
    b!(Editor, [(K::Enter, NONE)], A::NewLine, "baris baru", "new line", Some(("baris baru", "new line"))),

    // The help, indicator details and history: they scroll.
    b!(Scroll, [(K::Up, NONE), (K::Char('k'), NONE)], A::Up, "gulir ke atas", "scroll up", Some(("gulir", "scroll"))),
    j!(Scroll, [(K::Down, NONE), (K::Char('j'), NONE)], A::Down, "gulir ke bawah", "scroll down"),
    bh!(Scroll, [(K::PageUp, NONE)], A::PageUp, "gulir satu halaman ke atas", "scroll a page up", None, ("per halaman", "by page")),
    j!(Scroll, [(K::PageDown, NONE), (K::Char(' '), NONE)], A::PageDown, "satu halaman ke bawah", "a page down"),
];

/// Every binding: the table, with the walk's digits right after its `0`.
pub fn all() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().flat_map(|b| {
        let digits: &'static [Binding] = if b.action == Action::Level(0) { &LEVELS } else { &[] };
        std::iter::once(b).chain(digits.iter())
    })
}

/// The bindings a mode reads: its own, then those of the parts it shares.
pub fn bindings_for(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    layers(mode)
        .iter()
        .flat_map(|part| all().filter(move |b| b.mode == *part))
}

fn same_key(key: &KeyEvent, code: KeyCode, mods: KeyModifiers) -> bool {
    let want = mods - KeyModifiers::SHIFT;
    let got = key.modifiers - KeyModifiers::SHIFT;
    code == key.code && want == got
}

/// The action a key has in a mode: the first binding of the mode's parts that holds
/// the key, else the mode's fallback (a printable character typed into the field, any
/// key given to the editor, any key closing the overlay), else none.
pub fn action_for(mode: Mode, key: &KeyEvent) -> Option<Action> {
    if let Some(b) = bindings_for(mode).find(|b| b.keys.iter().any(|(code, mods)| same_key(key, *code, *mods))) {
        return Some(b.action);
    }
    match fallback(mode)?.fallback {
        Fallback::Type => match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() => {
                Some(Action::TypeChar(c))
            }
            _ => None,
        },
        Fallback::Editor => Some(Action::EditorInput),
        Fallback::Close => Some(Action::Close),
    }
}

/// One line of the help (and, with its short text, an item of the footer): the keys
/// of one binding, or of a binding and those joined to it, or of bindings of several
/// parts that do the same thing (`q` and Ctrl-C).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    /// The keys the footer shows: those of the row's bindings that have a footer text.
    pub footer_label: String,
    pub description: String,
    pub footer: Option<&'static str>,
    /// The text on a hint line (the short text, else the footer's).
    pub short: Option<&'static str>,
    pub actions: Vec<Action>,
    /// From the global part: the footer keeps it when space runs out.
    pub global: bool,
}

/// The help lines of a mode, in table order, its fallback last.
pub fn rows(mode: Mode, lang: Lang) -> Vec<Row> {
    struct Line {
        row: Row,
        /// Each binding's (label, description, has a footer text).
        parts: Vec<(String, &'static str, bool)>,
    }
    let pick = |t: Option<(&'static str, &'static str)>| t.map(|(id, en)| lang.pick(id, en));
    let mut lines: Vec<Line> = Vec::new();
    for b in bindings_for(mode) {
        let part = (b.label(lang), b.description(lang), b.footer.is_some());
        // Joined to the line before, or the same action and text as a line (q and Ctrl-C).
        let line = match lines.last_mut() {
            Some(line) if b.joined => Some(line),
            _ => lines
                .iter_mut()
                .find(|l| l.row.actions == [b.action] && l.parts.iter().all(|p| p.1 == part.1)),
        };
        match line {
            Some(line) => {
                if !line.row.actions.contains(&b.action) {
                    line.row.actions.push(b.action);
                }
                line.row.footer = line.row.footer.or(pick(b.footer));
                line.row.short = line.row.short.or(pick(b.short.or(b.footer)));
                line.parts.push(part);
            }
            None => lines.push(Line {
                row: Row {
                    label: String::new(),
                    footer_label: String::new(),
                    description: String::new(),
                    footer: pick(b.footer),
                    short: pick(b.short.or(b.footer)),
                    actions: vec![b.action],
                    global: b.mode == Mode::Global,
                },
                parts: vec![part],
            }),
        }
    }
    let mut out: Vec<Row> = lines
        .into_iter()
        .map(|Line { mut row, parts }| {
            let same_text = parts.iter().all(|p| p.1 == parts[0].1);
            // The same thing by several keys: "q/Ctrl-C"; several things: "↑/k ↓/j".
            let sep = if same_text && row.actions.len() == 1 { "/" } else { " " };
            row.label = joined_label(&parts, sep);
            // One action by several keys: the footer names the keys that have its text
            // ("?", not "?/F1"); joined actions keep all their keys ("↑/k ↓/j").
            row.footer_label = if row.actions.len() > 1 {
                row.label.clone()
            } else {
                let with_footer: Vec<_> = parts.iter().filter(|p| p.2).cloned().collect();
                joined_label(&with_footer, sep)
            };
            let single_keys = parts.iter().all(|p| p.0.chars().count() == 1);
            row.description = if same_text {
                parts[0].1.to_string()
            } else if single_keys {
                // "i rincian indikator · h riwayatnya"
                parts
                    .iter()
                    .map(|(l, d, _)| format!("{l} {d}"))
                    .collect::<Vec<_>>()
                    .join(" · ")
            } else {
                // "sorot tingkat di atas / di bawah"
                parts.iter().map(|p| p.1).collect::<Vec<_>>().join(" / ")
            };
            row
        })
        .collect();
    if let Some(f) = fallback(mode) {
        let label = lang.pick(f.label.0, f.label.1).to_string();
        out.push(Row {
            footer_label: label.clone(),
            label,
            description: lang.pick(f.description.0, f.description.1).to_string(),
            footer: pick(f.footer),
            short: pick(f.short),
            actions: Vec::new(),
            global: false,
        });
    }
    out
}

/// The label of a help line: each binding's keys, `sep` between bindings; a run of
/// digits reads "0–9".
fn joined_label(parts: &[(String, &str, bool)], sep: &str) -> String {
    let digits: Vec<u32> = parts
        .iter()
        .filter_map(|(l, _, _)| {
            let mut chars = l.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c.to_digit(10),
                _ => None,
            }
        })
        .collect();
    let consecutive = digits.windows(2).all(|w| w[1] == w[0] + 1);
    if parts.len() > 2 && digits.len() == parts.len() && consecutive {
        return format!("{}–{}", digits[0], digits[digits.len() - 1]);
    }
    parts.iter().map(|(l, _, _)| l.as_str()).collect::<Vec<_>>().join(sep)
}

/// A mode's keys for a line on its screen: "Tab kolom berikut · Esc batal", the
/// lines that hold `actions`, in that order, each with its short text (or its
/// description when it has none).
pub fn hint(mode: Mode, actions: &[Action], lang: Lang) -> String {
    let rows = rows(mode, lang);
    let mut used: Vec<usize> = Vec::new();
    for action in actions {
        if let Some(i) = rows.iter().position(|r| r.actions.contains(action))
            && !used.contains(&i)
        {
            used.push(i);
        }
    }
    used.iter()
        .map(|&i| {
            let r = &rows[i];
            format!("{} {}", r.label, r.short.unwrap_or(r.description.as_str()))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A mode's fallback as a hint: "tombol lain tutup".
pub fn fallback_hint(mode: Mode, lang: Lang) -> Option<String> {
    fallback(mode).map(|f| {
        format!(
            "{} {}",
            lang.pick(f.label.0, f.label.1),
            f.short
                .map_or(lang.pick(f.description.0, f.description.1), |(id, en)| lang
                    .pick(id, en))
        )
    })
}

/// A screen's own line about its keys, each key taken from the table with the
/// screen's words for it: `keyed(Workshop, &[(AddRecord, "tambah")], lang)` →
/// "n tambah".
pub fn keyed(mode: Mode, items: &[(Action, &str)], lang: Lang) -> String {
    items
        .iter()
        .map(|(action, text)| format!("{} {text}", key(mode, *action, lang)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The key of an action in a mode, as written in a message ("tekan r untuk hasil"):
/// the first key of the first binding that does it.
pub fn key(mode: Mode, action: Action, lang: Lang) -> String {
    bindings_for(mode)
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(|(code, mods)| key_label(*code, *mods, lang))
        .unwrap_or_default()
}

/// How a typed character's key is written ("Spasi" for a space), for hints about
/// what typing it does in a field.
pub fn typed_label(c: char, lang: Lang) -> String {
    key_label(KeyCode::Char(c), KeyModifiers::NONE, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of every binding, synthesised as the terminal sends it, resolves to
    /// that binding's action in every mode that reads the binding's part — unless a
    /// part read earlier claims the key (which the next test forbids).
    #[test]
    fn every_key_of_every_binding_resolves_to_its_action() {
        let mut checked = 0;
        let mut walk = 0;
        for mode in MODES {
            for b in bindings_for(*mode) {
                if *mode == Mode::Walk {
                    walk += b.keys.len();
                }
                for (code, mods) in b.keys {
                    let key = KeyEvent::new(*code, *mods);
                    assert_eq!(
                        action_for(*mode, &key),
                        Some(b.action),
                        "{mode:?}: {} should do {:?}",
                        key_label(*code, *mods, Lang::En),
                        b.action
                    );
                    checked += 1;
                }
            }
        }
        // The walk's keys as the README lists them: 0–9 (10), ↑ k ↓ j Enter → n ← p
        // Tab S-Tab x Del Backspace (14), e v b m g ! d t c i h r Esc (13), then
        // ? F1 L q (global) and Ctrl-C: 10 + 14 + 13 + 4 + 1 = 42.
        assert_eq!(walk, 42);
        assert!(checked > 250, "only {checked} keys checked");
    }

    #[test]
    fn no_two_bindings_of_one_mode_share_a_key() {
        for mode in MODES {
            let mut seen: Vec<(KeyCode, KeyModifiers, Action)> = Vec::new();
            for b in bindings_for(*mode) {
                for (code, mods) in b.keys {
                    let mods = *mods - KeyModifiers::SHIFT;
                    if let Some((_, _, other)) = seen.iter().find(|(c, m, _)| c == code && *m == mods) {
                        panic!(
                            "{mode:?}: {} is bound to {other:?} and to {:?}",
                            key_label(*code, mods, Lang::En),
                            b.action
                        );
                    }
                    seen.push((*code, mods, b.action));
                }
            }
        }
    }

    #[test]
    fn shifted_keys_and_typed_characters() {
        let shift = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
        let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Start, &shift('Y')), Some(Action::NewPeriod(true)));
        assert_eq!(action_for(Mode::Walk, &plain('7')), Some(Action::Level(7)));
        assert_eq!(
            action_for(Mode::Walk, &KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPillar)
        );
        // Letters are typed in text fields, even those that are keys elsewhere.
        assert_eq!(action_for(Mode::FormText, &plain('q')), Some(Action::TypeChar('q')));
        assert_eq!(action_for(Mode::StartFilter, &plain('?')), Some(Action::TypeChar('?')));
        assert_eq!(action_for(Mode::Walk, &plain('z')), None);
        // Ctrl with a letter is never typed; Ctrl-C quits everywhere.
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::FormText, &ctrl('z')), None);
        assert_eq!(action_for(Mode::Editor, &ctrl('c')), Some(Action::Quit));
        assert_eq!(action_for(Mode::Scroll, &plain('q')), Some(Action::Close));
        assert_eq!(action_for(Mode::Editor, &plain('q')), Some(Action::EditorInput));
    }

    #[test]
    fn labels_are_derived_from_the_keys() {
        let walk = rows(Mode::Walk, Lang::Id);
        let find = |label: &str| walk.iter().find(|r| r.label == label).map(|r| r.description.clone());
        assert_eq!(find("0–9").as_deref(), Some("pilih tingkat skala itu dan lanjut"));
        assert_eq!(
            find("! d t").as_deref(),
            Some("! ⚠ berikutnya · d tidak sepakat (DKT) · t status uji petik")
        );
        assert_eq!(
            find("Del/Backspace").as_deref(),
            Some("hapus jawaban indikator ini (catatan tetap)")
        );
        assert_eq!(find("?/F1").as_deref(), Some("bantuan"));
        assert_eq!(find("↑/k ↓/j").as_deref(), Some("sorot tingkat di atas / di bawah"));
        assert_eq!(
            find("i h").as_deref(),
            Some("i rincian indikator · h riwayatnya: siapa, kapan, dari → ke")
        );
        // `q` (global) and Ctrl-C (always) share one line.
        assert_eq!(find("q/Ctrl-C").as_deref(), Some("keluar"));
        assert_eq!(key(Mode::Walk, Action::Results, Lang::Id), "r");
        assert_eq!(key(Mode::FormText, Action::Submit, Lang::Id), "Ctrl-S");
        assert_eq!(key(Mode::Workshop, Action::RemoveRecord, Lang::Id), "Del");
        assert_eq!(key(Mode::Walk, Action::Quit, Lang::Id), "q");
        assert_eq!(
            hint(Mode::Form, &[Action::NextField, Action::Submit, Action::Back], Lang::En),
            "Tab next field · Ctrl-S/F2 save & start · Esc cancel"
        );
    }
}
