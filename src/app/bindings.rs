//! The one table of key bindings. Dispatch, the footer hints and the help overlay
//! all read it, so the help can never drift from the real keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;

/// What a key does, independent of which key it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    /// Choose the highlighted item (a level, an assessment, a tab's row).
    Choose,
    Next,
    Prev,
    NextPillar,
    PrevPillar,
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
    Back,
    /// Create the assessment from the form.
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
    Help,
    ToggleLang,
    Quit,
}

/// The screens (and overlays) that have their own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Start,
    /// The new-assessment form: letters are typed, so only these keys act.
    Form,
    Walk,
    Results,
    /// The workshop screen (agenda, matrix, session, visits, verify first, commitments).
    Workshop,
    /// The national map.
    Map,
    /// The comparison of two periods.
    Compare,
}

/// One binding: in `context`, `key` (with `label` shown for it) does `action`.
pub struct Binding {
    pub context: Context,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub key_label: &'static str,
    pub action: Action,
    pub id: &'static str,
    pub en: &'static str,
    /// The short label in the footer (Indonesian, English); the others appear only
    /// in the help overlay.
    pub footer: Option<(&'static str, &'static str)>,
}

impl Binding {
    pub fn description(&self, lang: Lang) -> &'static str {
        lang.pick(self.id, self.en)
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! b {
    ($ctx:ident, [$($k:expr),+], $label:expr, $action:expr, $id:expr, $en:expr, $footer:expr) => {
        Binding { context: Context::$ctx, keys: &[$($k),+], key_label: $label, action: $action, id: $id, en: $en, footer: $footer }
    };
}

use Action as A;
use KeyCode as K;

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Start screen.
    b!(Start, [(K::Up, NONE), (K::Char('k'), NONE)], "↑/k", A::Up, "naik", "up", None),
    b!(Start, [(K::Down, NONE), (K::Char('j'), NONE)], "↓/j", A::Down, "turun", "down", None),
    b!(Start, [(K::Enter, NONE)], "Enter", A::Choose, "lanjutkan", "resume", Some(("lanjutkan", "resume"))),
    b!(Start, [(K::Char('n'), NONE)], "n", A::NewAssessment, "baru", "new", Some(("baru", "new"))),
    b!(Start, [(K::Char('a'), NONE)], "a", A::ChooseLayer, "isi sebagai: responden lain, konsensus, verifikasi", "answer as: another respondent, consensus, verification", Some(("isi sebagai", "answer as"))),
    b!(Start, [(K::Char('c'), NONE)], "c", A::QuickCheck, "cek cepat: hanya indikator cepat, satu subsektor (±10 menit)", "quick check: the quick indicators only, one subsector (about 10 minutes)", Some(("cek cepat", "quick check"))),
    b!(Start, [(K::Char('r'), NONE)], "r", A::Results, "hasil", "results", Some(("hasil", "results"))),
    b!(Start, [(K::Char('y'), NONE)], "y", A::NewPeriod(false), "periode baru dari yang ini (tingkat & target lalu jadi acuan)", "new period from this one (last levels & targets as reference)", None),
    b!(Start, [(K::Char('Y'), SHIFT), (K::Char('Y'), NONE)], "Y", A::NewPeriod(true), "periode baru dari yang ini, dengan respondennya", "new period from this one, with its respondents", None),
    b!(Start, [(K::Char('m'), NONE)], "m", A::Compare, "bandingkan dengan periode sebelumnya", "compare with the previous period", None),
    b!(Start, [(K::Char('/'), NONE)], "/", A::Filter, "cari", "filter", Some(("cari", "filter"))),
    b!(Start, [(K::Char('d'), NONE)], "d", A::Delete, "hapus", "delete", Some(("hapus", "delete"))),
    b!(Start, [(K::Char('s'), NONE)], "s", A::Workshop, "lokakarya: agenda DKT, matriks, sesi, kunjungan, komitmen", "workshop: DKT agenda, matrix, session, visits, commitments", None),
    b!(Start, [(K::Char('p'), NONE)], "p", A::Map, "peta nasional: semua daerah berdampingan", "national map: every region side by side", Some(("peta", "map"))),
    b!(Start, [(K::Char('K'), SHIFT), (K::Char('K'), NONE)], "K", A::LinkRegion, "tautkan daerah ke kode Kemendagri", "link the region to its Kemendagri code", None),
    b!(Start, [(K::Esc, NONE)], "Esc", A::Back, "hapus saringan", "clear the filter", None),

    // New-assessment form.
    b!(Form, [(K::Tab, NONE)], "Tab", A::NextPillar, "kolom berikutnya", "next field", Some(("kolom berikut", "next field"))),
    b!(Form, [(K::BackTab, SHIFT), (K::BackTab, NONE)], "S-Tab", A::PrevPillar, "kolom sebelumnya", "previous field", Some(("kolom sebelum", "prev field"))),
    b!(Form, [(K::Char('s'), KeyModifiers::CONTROL), (K::F(2), NONE)], "Ctrl-S/F2", A::Submit, "simpan & mulai", "save & start", Some(("simpan & mulai", "save & start"))),
    b!(Form, [(K::Esc, NONE)], "Esc", A::Back, "batal", "cancel", Some(("batal", "cancel"))),
    b!(Form, [(K::F(1), NONE)], "F1", A::Help, "bantuan", "help", None),

    // Walk.
    b!(Walk, [(K::Char('0'), NONE), (K::Char('1'), NONE), (K::Char('2'), NONE), (K::Char('3'), NONE), (K::Char('4'), NONE), (K::Char('5'), NONE), (K::Char('6'), NONE), (K::Char('7'), NONE), (K::Char('8'), NONE), (K::Char('9'), NONE)], "0–9", A::Level(0), "pilih tingkat skala itu dan lanjut", "choose that scale level and advance", None),
    // One row for both directions (the walk's help must fit 80×24): the key decides.
    b!(Walk, [(K::Up, NONE), (K::Char('k'), NONE), (K::Down, NONE), (K::Char('j'), NONE)], "↑↓/k j", A::Up, "sorot tingkat di atas / di bawah", "highlight the level above / below", None),
    b!(Walk, [(K::Enter, NONE)], "Enter", A::Choose, "pilih tingkat yang disorot", "choose the highlighted level", None),
    b!(Walk, [(K::Right, NONE), (K::Char('n'), NONE)], "→/n", A::Next, "indikator berikutnya", "next indicator", Some(("lewati", "skip"))),
    b!(Walk, [(K::Left, NONE), (K::Char('p'), NONE)], "←/p", A::Prev, "indikator sebelumnya", "previous indicator", None),
    b!(Walk, [(K::Tab, NONE)], "Tab", A::NextPillar, "pilar berikutnya", "next pillar", Some(("pilar", "pillar"))),
    b!(Walk, [(K::BackTab, SHIFT), (K::BackTab, NONE)], "S-Tab", A::PrevPillar, "pilar sebelumnya", "previous pillar", None),
    b!(Walk, [(K::Char('x'), NONE)], "x", A::NotApplicable, "tidak berlaku (N/A)", "not applicable (N/A)", None),
    b!(Walk, [(K::Backspace, NONE), (K::Delete, NONE)], "Del", A::ClearAnswer, "hapus jawaban indikator ini (catatan tetap)", "clear this indicator's answer (notes stay)", None),
    b!(Walk, [(K::Char('e'), NONE)], "e", A::EditNote, "catatan", "note", Some(("catatan", "note"))),
    b!(Walk, [(K::Char('v'), NONE)], "v", A::EditEvidence, "bukti dukung", "evidence", Some(("bukti", "evidence"))),
    b!(Walk, [(K::Char('b'), NONE)], "b", A::EditBestPractice, "praktik baik pilar ini", "this pillar's best practices", None),
    b!(Walk, [(K::Char('m'), NONE)], "m", A::EditProblems, "permasalahan pilar ini", "this pillar's problems", None),
    b!(Walk, [(K::Char('g'), NONE)], "g", A::NextUnanswered, "ke yang belum dijawab", "go to next unanswered", Some(("belum dijawab", "unanswered"))),
    // One row for the workshop keys of the walks; the key decides the action.
    b!(Walk, [(K::Char('!'), NONE), (K::Char('!'), SHIFT), (K::Char('d'), NONE), (K::Char('t'), NONE)], "! d t", A::NextFlagged, "! ⚠ berikutnya · d tidak sepakat (DKT) · t status uji petik", "! next ⚠ gap · d dissent (DKT) · t uji petik status", None),
    b!(Walk, [(K::Char('c'), NONE)], "c", A::QuickCheck, "cek cepat ⇄ borang lengkap (jawaban tetap sama)", "quick check ⇄ full borang (the answers stay)", Some(("cepat/lengkap", "quick/full"))),
    // One row for the two overlays of the indicator; the key decides the action.
    b!(Walk, [(K::Char('i'), NONE), (K::Char('h'), NONE)], "i h", A::Info, "i rincian indikator · h riwayatnya: siapa, kapan, dari → ke", "i indicator details · h its history: who, when, from → to", None),
    b!(Walk, [(K::Char('r'), NONE)], "r", A::Results, "hasil", "results", Some(("hasil", "results"))),
    b!(Walk, [(K::Esc, NONE)], "Esc", A::Back, "ke daftar penilaian", "to the assessment list", None),

    // Results.
    b!(Results, [(K::Tab, NONE), (K::Right, NONE)], "Tab/→", A::NextPillar, "tab berikutnya", "next tab", Some(("tab", "tab"))),
    b!(Results, [(K::BackTab, SHIFT), (K::BackTab, NONE), (K::Left, NONE)], "S-Tab/←", A::PrevPillar, "tab sebelumnya", "previous tab", None),
    b!(Results, [(K::Up, NONE), (K::Char('k'), NONE)], "↑/k", A::Up, "naik", "up", None),
    b!(Results, [(K::Down, NONE), (K::Char('j'), NONE)], "↓/j", A::Down, "turun", "down", None),
    b!(Results, [(K::Enter, NONE)], "Enter", A::Choose, "buka indikator di pengisian", "open the indicator in the walk", None),
    b!(Results, [(K::Char('f'), NONE)], "f", A::ChooseFlagship, "tetapkan subsektor unggulan", "choose the flagship subsector", None),
    b!(Results, [(K::Char('a'), NONE)], "a", A::FilterActor, "saring menurut aktor", "filter by actor", None),
    b!(Results, [(K::Char('o'), NONE)], "o", A::RankBasis, "urutan rekomendasi: mandiri/konsensus/verifikasi", "rank recommendations: self/consensus/verified", None),
    b!(Results, [(K::Char('+'), NONE), (K::Char('='), NONE)], "+", A::TargetUp, "naikkan target", "raise the target", None),
    b!(Results, [(K::Char('-'), NONE)], "-", A::TargetDown, "turunkan target", "lower the target", None),
    b!(Results, [(K::Char('w'), NONE)], "w", A::Report, "tulis laporan HTML", "write the HTML report", Some(("laporan", "report"))),
    b!(Results, [(K::Char('s'), NONE)], "s", A::Workshop, "lokakarya: agenda DKT, matriks, sesi, kunjungan, komitmen", "workshop: DKT agenda, matrix, session, visits, commitments", None),
    b!(Results, [(K::Char('B'), SHIFT), (K::Char('B'), NONE)], "B", A::BeritaAcara, "tulis berita acara HTML", "write the berita acara (HTML)", None),
    b!(Results, [(K::Esc, NONE)], "Esc", A::Back, "kembali", "back", Some(("kembali", "back"))),

    // Workshop screen.
    b!(Workshop, [(K::Tab, NONE), (K::Right, NONE)], "Tab/→", A::NextPillar, "tab berikutnya", "next tab", Some(("tab", "tab"))),
    b!(Workshop, [(K::BackTab, SHIFT), (K::BackTab, NONE), (K::Left, NONE)], "S-Tab/←", A::PrevPillar, "tab sebelumnya", "previous tab", None),
    b!(Workshop, [(K::Up, NONE), (K::Char('k'), NONE)], "↑/k", A::Up, "naik", "up", None),
    b!(Workshop, [(K::Down, NONE), (K::Char('j'), NONE)], "↓/j", A::Down, "turun", "down", None),
    b!(Workshop, [(K::Enter, NONE)], "Enter", A::Choose, "agenda: buka di walk konsensus · verifikasi dulu: buka di walk verifikasi", "agenda: open in the consensus walk · verify first: open in the verification walk", Some(("buka", "open"))),
    b!(Workshop, [(K::Char('e'), NONE)], "e", A::EditRecord, "ubah (sesi DKT, kunjungan, komitmen, responden)", "edit (session, visit, commitment, respondent)", Some(("ubah", "edit"))),
    b!(Workshop, [(K::Char('n'), NONE)], "n", A::AddRecord, "tambah peserta, kunjungan atau komitmen", "add an attendee, a visit or a commitment", Some(("tambah", "add"))),
    b!(Workshop, [(K::Delete, NONE), (K::Backspace, NONE)], "Del", A::RemoveRecord, "hapus baris atau responden (tekan dua kali)", "remove the row or respondent (press twice)", None),
    b!(Workshop, [(K::Char('p'), NONE)], "p", A::EditPulled, "Komitmen: subsektor yang dihela · Profil: daerah, periode, kandidat", "Commitments: pulled subsectors · Profile: region, period, candidates", None),
    b!(Workshop, [(K::Char('B'), SHIFT), (K::Char('B'), NONE)], "B", A::BeritaAcara, "tulis berita acara HTML", "write the berita acara (HTML)", Some(("berita acara", "record"))),
    b!(Workshop, [(K::Esc, NONE)], "Esc", A::Back, "kembali ke hasil", "back to the results", Some(("kembali", "back"))),
    // The national map.
    b!(Map, [(K::Up, NONE), (K::Char('k'), NONE)], "↑/k", A::Up, "naik", "up", None),
    b!(Map, [(K::Down, NONE), (K::Char('j'), NONE)], "↓/j", A::Down, "turun", "down", None),
    b!(Map, [(K::Enter, NONE)], "Enter", A::Choose, "buka hasil daerah itu", "open the region's results", Some(("hasil", "results"))),
    b!(Map, [(K::Char('s'), NONE)], "s", A::SortNext, "urutkan menurut kolom berikutnya", "sort by the next column", Some(("urutkan", "sort"))),
    b!(Map, [(K::Char('S'), SHIFT), (K::Char('S'), NONE)], "S", A::SortReverse, "balik urutan", "reverse the order", None),
    b!(Map, [(K::Char('/'), NONE)], "/", A::Filter, "saring sambil mengetik", "filter as you type", Some(("cari", "filter"))),
    b!(Map, [(K::Tab, NONE)], "Tab", A::ToggleProvinces, "ringkasan per provinsi", "summary by province", Some(("provinsi", "provinces"))),
    b!(Map, [(K::Esc, NONE)], "Esc", A::Back, "ke daftar penilaian", "to the assessment list", Some(("kembali", "back"))),

    // The comparison of two periods.
    b!(Compare, [(K::Up, NONE), (K::Char('k'), NONE)], "↑/k", A::Up, "gulir ke atas", "scroll up", None),
    b!(Compare, [(K::Down, NONE), (K::Char('j'), NONE)], "↓/j", A::Down, "gulir ke bawah", "scroll down", None),
    b!(Compare, [(K::Tab, NONE)], "Tab", A::NextPillar, "pilih komitmen periode lalu berikutnya", "select the next previous commitment", Some(("komitmen", "commitment"))),
    b!(Compare, [(K::Char('t'), NONE)], "t", A::CycleStatus, "status tindak lanjut: belum mulai → berjalan → selesai", "follow-up status: not started → in progress → done", Some(("status", "status"))),
    b!(Compare, [(K::Char('d'), NONE)], "d", A::EditDate, "tanggal tindak lanjut", "follow-up date", None),
    b!(Compare, [(K::Char('e'), NONE)], "e", A::EditNote, "catatan tindak lanjut", "follow-up note", None),
    b!(Compare, [(K::Delete, NONE), (K::Backspace, NONE)], "Del", A::ClearAnswer, "hapus tindak lanjut (belum dicatat)", "clear the follow-up (not recorded)", None),
    b!(Compare, [(K::Esc, NONE)], "Esc", A::Back, "ke daftar penilaian", "to the assessment list", Some(("kembali", "back"))),
];

/// Keys that work on every screen (outside text fields).
#[rustfmt::skip]
pub static GLOBAL: &[Binding] = &[
    b!(Start, [(K::Char('?'), NONE), (K::F(1), NONE)], "?", A::Help, "bantuan", "help", Some(("bantuan", "help"))),
    b!(Start, [(K::Char('L'), SHIFT), (K::Char('L'), NONE)], "L", A::ToggleLang, "English", "Bahasa Indonesia", Some(("English", "Bahasa Indonesia"))),
    b!(Start, [(K::Char('q'), NONE)], "q", A::Quit, "keluar", "quit", Some(("keluar", "quit"))),
];

/// The action a key has in a context, if any.
pub fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
    let mods = key.modifiers - KeyModifiers::SHIFT;
    let matches = |b: &Binding| {
        b.keys
            .iter()
            .any(|(code, m)| *code == key.code && (*m - KeyModifiers::SHIFT) == mods)
    };
    let action = bindings_for(context).find(|b| matches(b)).map(|b| b.action)?;
    // Rows that stand for several actions (every digit, both arrows, the workshop
    // keys of the walk): the key decides.
    match (action, key.code) {
        (Action::Level(_), KeyCode::Char(c)) => c.to_digit(10).map(|d| Action::Level(d as u8)),
        (Action::Info, KeyCode::Char('h')) => Some(Action::History),
        (Action::Up, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
        (Action::NextFlagged, KeyCode::Char('d')) => Some(Action::EditDissent),
        (Action::NextFlagged, KeyCode::Char('t')) => Some(Action::CycleStatus),
        _ => Some(action),
    }
}

/// The bindings of a context, then the global ones (for the help overlay and footer).
/// The form has no global keys: there, letters are typed.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    let global: &'static [Binding] = if context == Context::Form { &[] } else { GLOBAL };
    BINDINGS
        .iter()
        .filter(move |b| b.context == context)
        .chain(global.iter())
}
