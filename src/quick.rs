//! The quick self-check: the framework's `"quick": true` indicators for one candidate
//! subsector. Its answers are ordinary answers in the same slots as the full borang, so
//! continuing the borang later keeps them; this module only says whether what has been
//! answered so far *is* a quick check, and how complete it is, so every result built
//! on it can be labelled as one.

use std::collections::BTreeSet;

use crate::app::walk::{quick_candidate, quick_entries};
use crate::assessment::{Assessment, consolidated};
use crate::framework::Framework;
use crate::i18n::{Lang, fmt_percent};
use crate::scoring::SlotKey;

/// How far a quick check has got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuickStatus {
    /// The candidate subsector the quick check is about.
    pub candidate: String,
    /// Quick indicators answered (a level or N/A) by any respondent.
    pub answered: usize,
    /// Quick indicators asked for the candidate.
    pub total: usize,
}

/// The slots of the quick check of `candidate`.
pub fn quick_slots(framework: &Framework, candidate: &str) -> BTreeSet<SlotKey> {
    quick_entries(framework, candidate)
        .iter()
        .flat_map(|e| {
            let pillar = framework.pillars.get(e.pillar);
            e.indicators.iter().filter_map(move |i| {
                pillar
                    .and_then(|p| p.indicators.get(*i))
                    .map(|ind| SlotKey::new(&ind.id, e.subsector.as_deref()))
            })
        })
        .collect()
}

/// `Some` when the assessment's answers so far are a quick check: the framework has a
/// quick subset, something is answered, and every answered indicator is one of the
/// quick check's. Once any other indicator is answered the borang is simply a full
/// borang in progress (its completeness says how far), and this is `None`.
pub fn status(framework: &Framework, assessment: &Assessment) -> Option<QuickStatus> {
    let candidate = quick_candidate(assessment)?;
    let slots = quick_slots(framework, &candidate);
    if slots.is_empty() {
        return None;
    }
    let answered: Vec<SlotKey> = consolidated(assessment).into_keys().collect();
    if answered.is_empty() || answered.iter().any(|s| !slots.contains(s)) {
        return None;
    }
    Some(QuickStatus {
        candidate,
        answered: answered.len(),
        total: slots.len(),
    })
}

impl QuickStatus {
    /// "CEK CEPAT · Kuliner · 12/12 indikator cepat dijawab · borang lengkap 26%", the
    /// label every result of a quick check carries. `full` is the full borang's
    /// completeness for the same candidate.
    pub fn label(&self, framework: &Framework, full: Option<f64>, lang: Lang) -> String {
        let subsector = framework.subsector_label(&self.candidate, lang);
        let (answered, total, full) = (self.answered, self.total, fmt_percent(full));
        match lang {
            Lang::Id => {
                format!("CEK CEPAT · {subsector} · {answered}/{total} indikator cepat dijawab · borang lengkap {full}")
            }
            Lang::En => {
                format!("QUICK CHECK · {subsector} · {answered}/{total} quick indicators answered · full borang {full}")
            }
        }
    }

    /// What the scores of a quick check are, and how to go on.
    pub fn caveat(lang: Lang) -> &'static str {
        lang.pick(
            "Skor ini gambaran awal dari indikator cepat saja, bukan hasil borang lengkap. Untuk melanjutkan borang lengkap: buka pengisian (Esc, atau Enter di daftar), lalu tekan c; jawaban cek cepat tetap.",
            "These scores are a first picture from the quick indicators only, not a full borang result. To continue the full borang: open the walk (Esc, or Enter on the list), then press c; the quick-check answers stay.",
        )
    }

    /// The same for plain mode, where the full borang is reached from the list.
    pub fn caveat_plain(lang: Lang) -> &'static str {
        lang.pick(
            "Skor ini gambaran awal dari indikator cepat saja, bukan hasil borang lengkap. Untuk melanjutkan borang lengkap, pilih nomor penilaian ini (tanpa c); jawaban cek cepat tetap.",
            "These scores are a first picture from the quick indicators only, not a full borang result. To continue the full borang, choose this assessment by its number (without c); the quick-check answers stay.",
        )
    }
}
