//! Plain mode (`pmk3i --plain`, and automatically when `TERM=dumb`): the same
//! assessment as line-by-line prompts, for screen readers, braille displays and very
//! slow links. No cursor addressing, no colours, no box drawing: a question, its levels
//! numbered in full, one prompt, one line typed. The same store, the same autosave (an
//! answer is committed before the next question is printed) and the same resume
//! position as the TUI, and the same results, as text.
//!
//! Everything is read from `input` and written to `output`, so tests drive it with
//! plain bytes; text from files or the database passes [`for_terminal`].

use std::io::{BufRead, Write};

use crate::app::form::{FORM_ACTORS, PROVINCES};
use crate::app::walk::WalkState;
use crate::assessment::Walker;
use crate::assessment::{Region, RegionKind, snapshot_framework};
use crate::framework::LoadedFramework;
use crate::i18n::{Lang, fmt_level, fmt_percent, fmt_score};
use crate::safe_text::for_terminal;
use crate::store::{NewAssessment, Store};

/// Whether the session should be plain: `--plain`, or a terminal that says it can do
/// nothing but print lines (`TERM=dumb`).
pub fn wanted(cli: &crate::cli::Cli) -> bool {
    cli.plain || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// Runs plain mode on standard input and output, with the user's database and
/// frameworks. Works without a terminal too (input may be a file or a pipe).
pub fn run(cli: &crate::cli::Cli) -> Result<(), crate::cli::Failure> {
    let lang = cli.lang();
    let mut store = cli.open_store()?;
    let set = cli.framework_set();
    for problem in &set.problems {
        eprintln!(
            "{} {}",
            lang.pick("peringatan:", "warning:"),
            for_terminal(&problem.render(lang))
        );
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut plain = Plain::new(
        &mut store,
        &set.frameworks,
        lang,
        crate::tui::current_year(),
        stdin.lock(),
        stdout.lock(),
    );
    plain.run()?;
    Ok(())
}

/// "Ketik nomor 1–17." — the answer to a number that is not on the list.
fn numbers(lang: Lang, n: usize) -> String {
    format!("{} 1–{n}.", lang.pick("Ketik nomor", "Type a number"))
}

/// What one typed line means at a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    Level(i64),
    NotApplicable,
    Skip,
    Back,
    Help,
    Quit,
    Unknown,
}

/// Reads a reply at a question: a level on the scale, `x` N/A, `n` (or an empty line)
/// skip, `b` back, `?` help, `q` quit. Case and surrounding spaces do not matter.
pub fn parse_reply(line: &str, scale: &[i64]) -> Reply {
    let t = line.trim().to_lowercase();
    match t.as_str() {
        "" | "n" => Reply::Skip,
        "x" => Reply::NotApplicable,
        "b" => Reply::Back,
        "?" | "h" => Reply::Help,
        "q" => Reply::Quit,
        _ => match t.parse::<i64>() {
            Ok(l) if scale.contains(&l) => Reply::Level(l),
            _ => Reply::Unknown,
        },
    }
}

/// The plain session: a store, the loaded frameworks, the language and two streams.
pub struct Plain<'a, R: BufRead, W: Write> {
    pub store: &'a mut Store,
    pub frameworks: &'a [LoadedFramework],
    pub lang: Lang,
    pub year: String,
    input: R,
    output: W,
}

/// Whether the session goes on after a step.
enum Next {
    Continue,
    Quit,
}

impl<'a, R: BufRead, W: Write> Plain<'a, R, W> {
    pub fn new(
        store: &'a mut Store,
        frameworks: &'a [LoadedFramework],
        lang: Lang,
        year: String,
        input: R,
        output: W,
    ) -> Self {
        Plain {
            store,
            frameworks,
            lang,
            year,
            input,
            output,
        }
    }

    fn say(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.output, "{text}")
    }

    /// Prints a prompt and reads one line; `None` at the end of input (Ctrl-D).
    fn ask(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        write!(self.output, "{prompt} ")?;
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.output)?;
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }

    /// The whole session: the list, then a walk or a new assessment, until `q`.
    pub fn run(&mut self) -> std::io::Result<()> {
        let l = self.lang;
        self.say(l.pick(
            "PMK3I — Penilaian Mandiri Kabupaten/Kota Kreatif Indonesia (mode teks)",
            "PMK3I — Indonesian creative-district self-assessment (plain mode)",
        ))?;
        loop {
            let ids = self.print_list()?;
            let prompt = if ids.is_empty() {
                l.pick(
                    "Ketik n untuk penilaian baru, q keluar:",
                    "Type n for a new assessment, q to quit:",
                )
            } else {
                l.pick(
                    "Pilih nomor penilaian (c dan nomor: cek cepat ±10 menit, mis. c1), n baru, q keluar:",
                    "Choose an assessment by number (c and a number: quick check, ~10 min, e.g. c1), n for new, q to quit:",
                )
            };
            let Some(line) = self.ask(prompt)? else {
                return Ok(());
            };
            let choice = line.trim().to_lowercase();
            let next = if choice == "q" {
                Next::Quit
            } else if choice == "n" {
                match self.new_assessment()? {
                    Some(id) => self.walk(id, false)?,
                    None => Next::Continue,
                }
            } else if let Some(id) = choice
                .strip_prefix('c')
                .and_then(|n| n.trim().parse::<usize>().ok())
                .and_then(|n| ids.get(n.wrapping_sub(1)))
            {
                self.walk(*id, true)?
            } else if let Some(id) = choice.parse::<usize>().ok().and_then(|n| ids.get(n.wrapping_sub(1))) {
                self.walk(*id, false)?
            } else {
                self.say(l.pick(
                    "Tidak dikenal; ketik nomor, n atau q.",
                    "Not understood; type a number, n or q.",
                ))?;
                Next::Continue
            };
            if let Next::Quit = next {
                self.say(l.pick(
                    "Semua jawaban tersimpan. Sampai jumpa.",
                    "Every answer is saved. Goodbye.",
                ))?;
                return Ok(());
            }
        }
    }

    /// Prints the assessments, numbered; returns their ids in that order.
    fn print_list(&mut self) -> std::io::Result<Vec<i64>> {
        let l = self.lang;
        let rows = match crate::overview::overviews(self.store, l) {
            Ok(rows) => rows,
            Err(e) => {
                self.say(&for_terminal(&e.message(l)))?;
                Vec::new()
            }
        };
        if rows.is_empty() {
            self.say(l.pick("Belum ada penilaian.", "No assessments yet."))?;
        } else {
            self.say(l.pick("Penilaian:", "Assessments:"))?;
        }
        for (i, r) in rows.iter().enumerate() {
            let line = format!(
                "{}. {} · {} · {} {} · {} {}{} · {} {}",
                i + 1,
                r.region,
                crate::exchange::period_label(&r.period, r.import_copy, l),
                r.framework_id,
                r.framework_version,
                l.pick("skor", "score"),
                fmt_score(r.headline_score),
                r.band.as_deref().map(|b| format!(" ({b})")).unwrap_or_default(),
                l.pick("kelengkapan", "completeness"),
                fmt_percent(r.completeness),
            );
            self.say(&for_terminal(&line))?;
        }
        Ok(rows.iter().map(|r| r.id).collect())
    }

    /// Asks for one line until `check` accepts it; `None` when input ends.
    fn ask_until<T>(
        &mut self,
        prompt: &str,
        mut check: impl FnMut(&str) -> Result<T, String>,
    ) -> std::io::Result<Option<T>> {
        loop {
            let Some(line) = self.ask(prompt)? else {
                return Ok(None);
            };
            match check(line.trim()) {
                Ok(v) => return Ok(Some(v)),
                Err(why) => self.say(&why)?,
            }
        }
    }

    /// The new-assessment questions; creates it and returns its id.
    fn new_assessment(&mut self) -> std::io::Result<Option<i64>> {
        let l = self.lang;
        let frameworks = self.frameworks;
        let framework = match frameworks {
            [] => {
                self.say(l.pick("Tidak ada kerangka yang valid.", "No valid framework."))?;
                return Ok(None);
            }
            [only] => only,
            many => {
                for (i, f) in many.iter().enumerate() {
                    let line = format!("{}. {}", i + 1, f.framework.title.get(l));
                    self.say(&for_terminal(&line))?;
                }
                let n = many.len();
                let Some(i) = self.ask_until(l.pick("Kerangka (nomor) [1]:", "Framework (number) [1]:"), |s| {
                    if s.is_empty() {
                        return Ok(0);
                    }
                    s.parse::<usize>()
                        .ok()
                        .filter(|i| (1..=n).contains(i))
                        .map(|i| i - 1)
                        .ok_or_else(|| numbers(l, n))
                })?
                else {
                    return Ok(None);
                };
                &many[i]
            }
        };
        let Some((name, kind)) = self.ask_until(
            l.pick(
                "Nama daerah, dengan Kabupaten atau Kota di depannya (mis. Kota Pekalongan):",
                "Region name, with Kabupaten or Kota in front (e.g. Kota Pekalongan):",
            ),
            |s| match RegionKind::split_typed(s) {
                (name, Some(kind)) if !name.is_empty() => Ok((name, kind)),
                _ => Err(l
                    .pick(
                        "Awali dengan Kabupaten atau Kota, mis. Kabupaten Banyuwangi.",
                        "Start with Kabupaten or Kota, e.g. Kabupaten Banyuwangi.",
                    )
                    .to_string()),
            },
        )?
        else {
            return Ok(None);
        };
        let Some(province) = self.ask_until(l.pick("Provinsi:", "Province:"), |s| {
            let typed = s.to_lowercase();
            let matches: Vec<&str> = PROVINCES
                .iter()
                .copied()
                .filter(|p| p.to_lowercase().contains(&typed) && !typed.is_empty())
                .collect();
            match matches.as_slice() {
                [one] => Ok(one.to_string()),
                _ => match PROVINCES.iter().find(|p| p.to_lowercase() == typed) {
                    Some(p) => Ok(p.to_string()),
                    None if matches.is_empty() => {
                        Err(l.pick("Provinsi tidak dikenal.", "Unknown province.").to_string())
                    }
                    None => Err(format!(
                        "{}: {}",
                        l.pick("Lebih tepat", "Be more precise"),
                        matches.join(", ")
                    )),
                },
            }
        })?
        else {
            return Ok(None);
        };
        let year = self.year.clone();
        let Some(period) = self.ask_until(&format!("{} [{year}]:", l.pick("Periode", "Period")), |s| {
            let p = if s.is_empty() { year.clone() } else { s.to_string() };
            if p.chars().filter(|c| c.is_ascii_digit()).count() >= 4 {
                Ok(p)
            } else {
                Err(l
                    .pick("Sebutkan tahunnya, mis. 2026.", "Give its year, e.g. 2026.")
                    .to_string())
            }
        })?
        else {
            return Ok(None);
        };
        let subsectors: Vec<(String, String)> = framework
            .framework
            .subsectors
            .iter()
            .map(|s| (s.id.clone(), s.label.get(l).to_string()))
            .collect();
        let mut candidates = Vec::new();
        if !subsectors.is_empty() {
            for (i, (_, label)) in subsectors.iter().enumerate() {
                self.say(&for_terminal(&format!("{}. {label}", i + 1)))?;
            }
            let n = subsectors.len();
            let Some(picked) = self.ask_until(
                l.pick(
                    "Subsektor kandidat (nomor, dipisah koma, mis. 1,4):",
                    "Candidate subsectors (numbers, comma-separated, e.g. 1,4):",
                ),
                |s| {
                    let mut out: Vec<usize> = Vec::new();
                    for part in s.split([',', ' ']).filter(|p| !p.is_empty()) {
                        match part.parse::<usize>() {
                            Ok(i) if (1..=n).contains(&i) => {
                                if !out.contains(&(i - 1)) {
                                    out.push(i - 1);
                                }
                            }
                            _ => return Err(numbers(l, n)),
                        }
                    }
                    if out.is_empty() { Err(numbers(l, n)) } else { Ok(out) }
                },
            )?
            else {
                return Ok(None);
            };
            candidates = picked.into_iter().map(|i| subsectors[i].0.clone()).collect();
        }
        let Some(respondent_name) = self.ask_until(l.pick("Nama Anda:", "Your name:"), |s| {
            if s.is_empty() {
                Err(l.pick("Isi nama.", "Enter a name.").to_string())
            } else {
                Ok(s.to_string())
            }
        })?
        else {
            return Ok(None);
        };
        let Some(organisation) = self.ask_until(
            l.pick("Organisasi (boleh kosong):", "Organisation (may be empty):"),
            |s| Ok::<_, String>(s.to_string()),
        )?
        else {
            return Ok(None);
        };
        let Some(actor) = self.ask_until(
            l.pick(
                "Kelompok heliks: A akademisi, B bisnis, C komunitas, G pemerintah, M media:",
                "Helix group: A academia, B business, C community, G government, M media:",
            ),
            |s| {
                crate::actor::Actor::parse_typed(s)
                    .filter(|a| a.is_helix())
                    .ok_or_else(|| crate::actor::Actor::ids(&FORM_ACTORS))
            },
        )?
        else {
            return Ok(None);
        };
        let new = NewAssessment {
            region: Region { name, kind, province },
            period,
            candidates,
            respondent_name,
            respondent_organisation: organisation,
            respondent_actor: actor,
        };
        if let Err(problem) = new.check(&framework.framework) {
            self.say(&for_terminal(problem.get(l)))?;
            return Ok(None);
        }
        match self.store.create_assessment(framework, &new) {
            Ok(id) => {
                self.say(l.pick("Tersimpan ✓", "Saved ✓"))?;
                Ok(Some(id))
            }
            Err(e) => {
                self.say(&for_terminal(&e.message(l)))?;
                Ok(None)
            }
        }
    }

    /// Walks one assessment as one of its respondents.
    /// Walks an assessment; with `quick`, only its quick-check indicators for one
    /// candidate (the same answers as the full borang).
    fn walk(&mut self, id: i64, quick: bool) -> std::io::Result<Next> {
        let l = self.lang;
        let loaded = self.store.load(id).map_err(|e| e.message(l)).and_then(|(a, json)| {
            snapshot_framework(&json)
                .map(|f| (a, f))
                .map_err(|p| p.first().map(|p| p.render(l)).unwrap_or_default())
        });
        let (assessment, framework) = match loaded {
            Ok(x) => x,
            Err(why) => {
                self.say(&for_terminal(&why))?;
                return Ok(Next::Continue);
            }
        };
        let mut walk = WalkState::new(assessment, framework);
        walk.previous = crate::compare::walk_reference(self.store, id, &walk.framework.id);
        let people: Vec<(Walker, String)> = walk
            .assessment
            .respondents
            .iter()
            .map(|r| (Walker::Respondent(r.id), format!("{} ({})", r.name, r.actor)))
            .collect();
        let chosen = match people.as_slice() {
            [] => {
                self.say(l.pick(
                    "Penilaian ini belum punya responden.",
                    "This assessment has no respondent yet.",
                ))?;
                return Ok(Next::Continue);
            }
            [(i, _)] => *i,
            many => {
                for (n, (_, label)) in many.iter().enumerate() {
                    self.say(&for_terminal(&format!("{}. {label}", n + 1)))?;
                }
                let count = many.len();
                let Some(n) = self.ask_until(l.pick("Jawab sebagai (nomor):", "Answer as (number):"), |s| {
                    s.parse::<usize>()
                        .ok()
                        .filter(|n| (1..=count).contains(n))
                        .ok_or_else(|| numbers(l, count))
                })?
                else {
                    return Ok(Next::Quit);
                };
                many[n - 1].0
            }
        };
        // This respondent resumes at their own position when they left it in the same
        // walk (quick or full).
        let own = walk
            .assessment
            .position_of(chosen)
            .filter(|p| p.quick == quick)
            .map(|p| p.slot.clone());
        walk.walker = chosen;
        if walk.quick.is_some() != quick && !walk.set_quick(quick) {
            self.say(l.pick(
                "Kerangka ini tidak punya cek cepat; pertanyaan borang lengkap menyusul.",
                "This framework has no quick check; the full borang follows.",
            ))?;
        }
        if !own.is_some_and(|slot| walk.go_to(&slot)) {
            walk.go_to_first_unanswered();
        }
        if let Some(candidate) = &walk.quick {
            let (_, total) = walk.total_progress();
            let label = walk.framework.subsector_label(candidate, l);
            self.say(&for_terminal(&match l {
                Lang::Id => format!("Cek cepat {label}: {total} pertanyaan, sekitar 10 menit."),
                Lang::En => format!("Quick check {label}: {total} questions, about 10 minutes."),
            }))?;
        }
        let Some(respondent) = walk.respondent_id() else {
            return Ok(Next::Continue);
        };
        // The database refuses this walk any other respondent's answers.
        if let Err(e) = self
            .store
            .set_writer(Some(crate::store::Writer::Respondent(respondent)))
        {
            self.say(&for_terminal(&e.message(l)))?;
            return Ok(Next::Continue);
        }
        self.say(&for_terminal(&format!(
            "{} {} · {}",
            l.pick("Menjawab sebagai", "Answering as"),
            walk.walker_label(l),
            walk.assessment.region.kind.display_name(&walk.assessment.region.name)
        )))?;
        self.say(l.pick(
            "Setiap jawaban langsung tersimpan. Ketik ? untuk bantuan.",
            "Every answer is saved at once. Type ? for help.",
        ))?;
        // A question is printed when it comes up (and again on `?`); a reply that is not
        // understood gets its answer and the prompt only, which a screen reader reads
        // faster than the whole question again.
        let mut shown: Option<crate::scoring::SlotKey> = None;
        loop {
            let Some(slot) = walk.slot() else {
                return Ok(Next::Continue);
            };
            if shown.as_ref() != Some(&slot) {
                self.print_question(&walk)?;
                shown = Some(slot.clone());
            }
            let scale: Vec<i64> = walk.framework.scale.iter().map(|s| s.value).collect();
            let (min, max) = (scale.first().copied().unwrap_or(0), scale.last().copied().unwrap_or(0));
            let na = walk.indicator().is_some_and(|i| i.allow_na);
            let prompt = match l {
                Lang::Id => format!(
                    "pilih {min}–{max}{}, n lewati, b kembali, ? bantuan, q keluar:",
                    if na { ", x N/A" } else { "" }
                ),
                Lang::En => format!(
                    "choose {min}–{max}{}, n skip, b back, ? help, q quit:",
                    if na { ", x N/A" } else { "" }
                ),
            };
            let Some(line) = self.ask(&prompt)? else {
                return Ok(Next::Quit);
            };
            let reply = parse_reply(&line, &scale);
            let saved = match reply {
                Reply::Level(level) => Some(self.store.upsert_answer(respondent, &slot, Some(level), false).map(
                    |()| {
                        walk.remember(&slot, |a| {
                            a.level = Some(level);
                            a.na = false;
                        })
                    },
                )),
                Reply::NotApplicable if na => Some(self.store.upsert_answer(respondent, &slot, None, true).map(|()| {
                    walk.remember(&slot, |a| {
                        a.level = None;
                        a.na = true;
                    })
                })),
                Reply::NotApplicable => {
                    self.say(l.pick(
                        "Indikator ini tidak boleh dijawab N/A.",
                        "This indicator cannot be answered N/A.",
                    ))?;
                    None
                }
                Reply::Quit => {
                    self.save_position(&walk)?;
                    return Ok(Next::Quit);
                }
                Reply::Help => {
                    self.print_help(na)?;
                    shown = None;
                    None
                }
                Reply::Back => {
                    if !walk.prev_indicator() {
                        self.say(l.pick("Ini pertanyaan pertama.", "This is the first question."))?;
                    }
                    self.save_position(&walk)?;
                    None
                }
                Reply::Skip => {
                    self.advance(&mut walk)?;
                    None
                }
                Reply::Unknown => {
                    self.say(l.pick(
                        "Tidak dikenal; ketik ? untuk bantuan.",
                        "Not understood; type ? for help.",
                    ))?;
                    None
                }
            };
            match saved {
                Some(Ok(())) => {
                    self.say(l.pick("Tersimpan ✓", "Saved ✓"))?;
                    self.advance(&mut walk)?;
                }
                Some(Err(e)) => {
                    self.say(&for_terminal(&format!(
                        "{} {}",
                        l.pick("GAGAL MENYIMPAN:", "NOT SAVED:"),
                        e.message(l)
                    )))?;
                }
                None => {}
            }
        }
    }

    /// Goes on to the next question; after the last one, prints the results.
    fn advance(&mut self, walk: &mut WalkState) -> std::io::Result<()> {
        if !walk.next_indicator() {
            self.print_results(walk)?;
            walk.go_to_first_unanswered();
        }
        self.save_position(walk)
    }

    fn save_position(&mut self, walk: &WalkState) -> std::io::Result<()> {
        if let Some(position) = walk.position()
            && let Err(e) = self.store.set_position(walk.assessment.id, &position)
        {
            self.say(&for_terminal(&e.message(self.lang)))?;
        }
        Ok(())
    }

    fn print_question(&mut self, walk: &WalkState) -> std::io::Result<()> {
        let l = self.lang;
        let (Some(pillar), Some(indicator), Some(slot)) = (walk.pillar(), walk.indicator(), walk.slot()) else {
            return Ok(());
        };
        let (answered, total) = walk.total_progress();
        let place = match &slot.subsector {
            Some(s) => format!("{} · {}", pillar.title.get(l), walk.framework.subsector_label(s, l)),
            None => pillar.title.get(l).to_string(),
        };
        let mut text = format!(
            "\n{place} ({} {answered}/{total})\n{}\n",
            l.pick("terjawab", "answered"),
            indicator.text.get(l)
        );
        if let Some(previous) = &walk.previous {
            for line in crate::compare::reference_lines(previous, &slot, l) {
                text.push_str(&format!("{line}\n"));
            }
        }
        for level in &indicator.levels {
            let label = walk.framework.scale_label(level.value, l);
            text.push_str(&format!("  {} — {label}: {}\n", level.value, level.description.get(l)));
        }
        if let Some(evidence) = &indicator.evidence {
            text.push_str(&format!(
                "{}: {}\n",
                l.pick("Bukti dukung", "Evidence"),
                evidence.get(l)
            ));
        }
        match walk.answer(&slot) {
            Some(a) if a.na => text.push_str(l.pick("Jawaban sekarang: N/A\n", "Current answer: N/A\n")),
            Some(a) if a.level.is_some() => text.push_str(&format!(
                "{} {}\n",
                l.pick("Jawaban sekarang:", "Current answer:"),
                a.level.unwrap_or_default()
            )),
            _ => text.push_str(l.pick("Belum dijawab.\n", "Not answered yet.\n")),
        }
        write!(self.output, "{}", for_terminal(&text))
    }

    fn print_help(&mut self, na: bool) -> std::io::Result<()> {
        let l = self.lang;
        self.say(l.pick(
            "Ketik angka tingkat lalu Enter untuk menjawab; jawaban langsung tersimpan.\n\
             n atau Enter saja: lewati. b: kembali ke pertanyaan sebelumnya. q: keluar (lanjut di sini nanti).",
            "Type a level's number and Enter to answer; the answer is saved at once.\n\
             n or just Enter: skip. b: back to the previous question. q: quit (resume here later).",
        ))?;
        if na {
            self.say(l.pick("x: tidak berlaku (N/A).", "x: not applicable (N/A)."))?;
        }
        Ok(())
    }

    /// The results as text: the headline, every pillar, the candidates, the first
    /// recommendations with who leads them.
    fn print_results(&mut self, walk: &WalkState) -> std::io::Result<()> {
        let l = self.lang;
        // Read back what is stored, so the results are the committed ones.
        let assessment = match self.store.load(walk.assessment.id) {
            Ok((a, _)) => a,
            Err(e) => {
                self.say(&for_terminal(&e.message(l)))?;
                return Ok(());
            }
        };
        let quick = crate::quick::status(&walk.framework, &assessment);
        let s = crate::app::results::summary_of(&walk.framework, &assessment, quick.as_ref()).self_assessed;
        let labels = crate::summary::Labels::new(&walk.framework, l);
        let mut text = format!(
            "\n{}: {} {}· {} {}\n",
            l.pick("Hasil — skor utama", "Results — headline score"),
            fmt_score(s.headline_score),
            labels
                .band(s.headline_band)
                .map(|b| format!("({b}) "))
                .unwrap_or_default(),
            l.pick("kelengkapan", "completeness"),
            fmt_percent(s.completeness)
        );
        if let Some(q) = &quick {
            text.push_str(&format!(
                "{}\n{}\n",
                q.label(&walk.framework, s.completeness, l),
                crate::quick::QuickStatus::caveat_plain(l)
            ));
        }
        if let Some(c) = &s.headline_candidate {
            text.push_str(&format!(
                "{} {}\n",
                l.pick("Ekosistem:", "Ecosystem:"),
                walk.framework.subsector_label(c, l)
            ));
        }
        for p in &s.pillars {
            text.push_str(&format!(
                "  {}: {} {}· {} {}\n",
                labels.pillar(&p.pillar),
                fmt_score(p.score),
                labels.band(p.band).map(|b| format!("({b}) ")).unwrap_or_default(),
                l.pick("kelengkapan", "completeness"),
                fmt_percent(p.completeness)
            ));
        }
        if s.candidates.len() > 1 {
            text.push_str(l.pick("Subsektor kandidat:\n", "Candidate subsectors:\n"));
            for (i, c) in s.candidates.iter().enumerate() {
                let label = labels.subsector(c.candidate.as_deref());
                text.push_str(&format!("  {}. {label} {}\n", i + 1, fmt_score(c.score)));
            }
        }
        if !s.recommendations.is_empty() {
            text.push_str(l.pick("Rekomendasi teratas:\n", "Top recommendations:\n"));
            for (i, r) in s.recommendations.iter().take(5).enumerate() {
                text.push_str(&format!(
                    "  {}. {} ({} {} → {}, +{} {}; {}: {})\n     {}\n",
                    i + 1,
                    labels.indicator(&r.indicator),
                    l.pick("tingkat", "level"),
                    fmt_level(r.level),
                    r.next_level,
                    fmt_score(Some(r.next_gain)),
                    l.pick("poin", "points"),
                    l.pick("dipimpin", "led by"),
                    crate::actor::Actor::ids(&r.lead),
                    labels.next_step(&r.indicator, r.from_level)
                ));
            }
        }
        write!(self.output, "{}", for_terminal(&text))
    }
}
