//! The workshop screen: the DKT agenda, the pillar × group matrix, the session and
//! attendance, the visit log, the "verify first" list and the commitments, with the
//! record form drawn over it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::start::pad;
use super::text::{truncate, truncate_middle, width, wrap, wrap_capped};
use super::theme::Theme;
use super::{centered, place_cursor};
use crate::actor::Actor;
use crate::app::agenda::{RecordForm, WTABS, WTab, WorkshopState, linked_text};
use crate::app::bindings::{Action, Mode, keyed};
use crate::assessment::AgreedKind;
use crate::i18n::{Lang, fmt_level, fmt_score};
use crate::report::berita_acara::group_label;
use crate::scoring::SlotKey;
use crate::store::Store;

/// `store` gives who recorded the consensus and verified levels shown (the change log).
pub fn draw(state: &WorkshopState, store: &Store, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let [tabs, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let mut spans = Vec::new();
    for tab in WTABS {
        // Brackets, not only colour, say which tab is open (monochrome terminals).
        let (style, text) = if *tab == state.tab {
            (theme.selected(), format!("[{}]", tab.title(lang)))
        } else {
            (theme.dim(), format!(" {} ", tab.title(lang)))
        };
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(vec![Line::from(spans)]), tabs);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    let lines = match state.tab() {
        WTab::Agenda => agenda(state, store, lang, body, theme),
        WTab::Matrix => matrix(state, lang, body, theme),
        WTab::Session => session(state, lang, body, theme),
        WTab::Visits => visits(state, lang, body, theme),
        WTab::VerifyFirst => verify_first(state, store, lang, body, theme),
        WTab::Commitments => commitments(state, lang, body, theme),
        WTab::Profile => profile(state, lang, body, theme),
    };
    frame.render_widget(Paragraph::new(lines), body);
    if let Some(form) = &state.form {
        draw_form(form, lang, frame, area, theme);
    }
}

/// The rows of a list, scrolled so that the selected one is visible.
fn window(selected: usize, rows: usize, height: usize) -> std::ops::Range<usize> {
    let height = height.max(1);
    let start = selected.saturating_sub(height - 1).min(rows.saturating_sub(height));
    start..(start + height).min(rows)
}

fn marker(selected: bool) -> &'static str {
    if selected { "▶" } else { " " }
}

/// "Konsensus 3 · dicatat oleh ani, 2026-03-10 09:15 UTC" for the consensus or verified
/// level of `slot`, when one is recorded; `None` when there is none (or the log has no
/// row for it, as for a level imported from an export without history). Fitted to `w`
/// columns by cutting the login in the middle, so the level and the time stay whole.
pub fn recorded_line(
    state: &WorkshopState,
    store: &Store,
    kind: AgreedKind,
    slot: &SlotKey,
    lang: Lang,
    w: usize,
) -> Option<String> {
    let agreed = state
        .assessment
        .agreed
        .iter()
        .find(|g| g.kind == kind && g.indicator == slot.indicator && g.subsector == slot.subsector)?;
    let level = match (agreed.na, agreed.level) {
        (true, _) => "N/A".to_string(),
        (false, Some(l)) => l.to_string(),
        (false, None) => return None,
    };
    let change = store.last_agreed(state.assessment.id, kind, slot).ok().flatten()?;
    let what = match kind {
        AgreedKind::Consensus => lang.pick("Konsensus", "Consensus"),
        AgreedKind::Verified => lang.pick("Uji petik", "Verified"),
    };
    let at = change.at.replace('T', " ");
    let minute = at.get(..16).unwrap_or(&at);
    let head = format!("{what} {level} · {} ", lang.pick("dicatat oleh", "recorded by"));
    let tail = format!(", {minute} UTC");
    let room = w.saturating_sub(width(&head) + width(&tail));
    if room >= 5 || width(&change.login) <= room {
        Some(format!("{head}{}{tail}", truncate_middle(&change.login, room)))
    } else {
        Some(truncate_middle(&format!("{head}{}{tail}", change.login), w))
    }
}

fn agenda(state: &WorkshopState, store: &Store, lang: Lang, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let h = area.height as usize;
    let mut lines = Vec::new();
    if state.agenda.is_empty() {
        lines.push(Line::from(
            lang.pick(
                "Belum ada jawaban responden: agenda DKT tersusun dari jawaban kelompok helix.",
                "No respondent has answered yet: the DKT agenda is made from the helix groups' answers.",
            )
            .to_string(),
        ));
        return lines;
    }
    let flagged = state.agenda.iter().filter(|r| r.flagged).count();
    lines.push(Line::from(Span::styled(
        truncate(
            &format!(
                "{} · {} ⚠ {flagged} · {} {}",
                lang.pick("Urut menurut selisih persepsi", "Sorted by perception gap"),
                lang.pick("selisih ≥ 2:", "gap ≥ 2:"),
                crate::app::bindings::key(
                    crate::app::bindings::Mode::Workshop,
                    crate::app::bindings::Action::Choose,
                    lang
                ),
                lang.pick("= bahas di walk konsensus", "= discuss in the consensus walk")
            ),
            w,
        ),
        theme.dim(),
    )));
    let list_h = (h.saturating_sub(1) / 2).clamp(3, 8);
    for i in window(state.selected, state.agenda.len(), list_h) {
        let r = &state.agenda[i];
        let gap = r.gap.map(fmt_level).unwrap_or_else(|| "—".into());
        let warn = if r.flagged { "⚠" } else { " " };
        let sub = r.slot.subsector.as_deref().map(|s| format!("@{s}")).unwrap_or_default();
        let agreed = r.consensus.map(|c| format!(" ✓{c}")).unwrap_or_default();
        let line = format!(
            "{}{warn}{gap:>4} {}{sub}{agreed} {}",
            marker(i == state.selected),
            r.slot.indicator,
            r.text
        );
        let style = if i == state.selected {
            theme.selected()
        } else if r.flagged {
            theme.warn()
        } else {
            theme.bold()
        };
        lines.push(Line::from(Span::styled(pad(&line, w), style)));
    }
    // The selected indicator: each group's mean and spread, then what was written.
    let Some(r) = state.agenda.get(state.selected) else {
        return lines;
    };
    lines.push(Line::from(""));
    for l in wrap_capped(&r.text, w, 2) {
        lines.push(Line::from(Span::styled(l, theme.title())));
    }
    let groups: Vec<String> = r
        .groups
        .iter()
        .map(|g| format!("{} {} ({}–{}, n {})", g.group, fmt_level(g.mean), g.min, g.max, g.n))
        .collect();
    let region = r.region.map(fmt_level).unwrap_or_else(|| "N/A".into());
    for l in wrap(&format!("{} → {region}", groups.join(" · ")), w) {
        lines.push(Line::from(Span::styled(l, theme.key())));
    }
    // Who recorded the agreed levels, and when: a line each, never wrapped.
    for kind in [AgreedKind::Consensus, AgreedKind::Verified] {
        if let Some(l) = recorded_line(state, store, kind, &r.slot, lang, w) {
            lines.push(Line::from(Span::styled(l, theme.dim())));
        }
    }
    let room = h.saturating_sub(lines.len());
    let mut remarks = Vec::new();
    for m in &r.remarks {
        let mut parts = Vec::new();
        if !m.note.is_empty() {
            parts.push(m.note.replace('\n', " "));
        }
        if !m.evidence.is_empty() {
            parts.push(format!(
                "{} {}",
                lang.pick("bukti:", "evidence:"),
                m.evidence.replace('\n', " ")
            ));
        }
        let text = format!("{}: {}", m.who, parts.join(" · "));
        remarks.extend(wrap(&text, w));
    }
    if remarks.is_empty() {
        remarks.push(
            lang.pick(
                "Tidak ada catatan atau bukti responden.",
                "No respondent note or evidence.",
            )
            .to_string(),
        );
    }
    for l in remarks.into_iter().take(room) {
        lines.push(Line::from(l));
    }
    lines
}

fn matrix(state: &WorkshopState, lang: Lang, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let (candidate, rows) = &state.matrix;
    let mut lines = Vec::new();
    let about = candidate
        .as_deref()
        .map(|c| {
            format!(
                "{} {}",
                lang.pick(
                    "Skor pilar tiap kelompok dari jawabannya sendiri · ekosistem",
                    "Each group's pillar score from its own answers · ecosystem"
                ),
                state.framework.subsector_label(c, lang)
            )
        })
        .unwrap_or_else(|| {
            lang.pick(
                "Skor pilar tiap kelompok dari jawabannya sendiri",
                "Each group's pillar score from its own answers",
            )
            .to_string()
        });
    lines.push(Line::from(Span::styled(truncate(&about, w), theme.dim())));
    let name_w = w.saturating_sub(6 * Actor::HELIX.len() + 8).clamp(10, 34);
    let mut header = pad(lang.pick("Pilar", "Pillar"), name_w);
    for g in Actor::HELIX {
        header.push_str(&format!("{g:>6}"));
    }
    header.push_str(&format!("{:>8}", lang.pick("selisih", "gap")));
    lines.push(Line::from(Span::styled(truncate(&header, w), theme.bold())));
    for r in rows {
        let mut line = pad(&r.title, name_w);
        for s in &r.scores {
            line.push_str(&format!("{:>6}", fmt_score(*s)));
        }
        let gap = r.gap.map(|g| fmt_score(Some(g))).unwrap_or_else(|| "—".into());
        line.push_str(&format!("{gap:>8}"));
        let style = if r.gap.is_some_and(|g| g >= 25.0) {
            theme.warn()
        } else {
            theme.bold()
        };
        lines.push(Line::from(Span::styled(truncate(&line, w), style)));
    }
    lines.push(Line::from(""));
    let legend: Vec<String> = Actor::HELIX.iter().map(|g| format!("{g} {}", g.label(lang))).collect();
    for l in wrap(&legend.join(" · "), w) {
        lines.push(Line::from(Span::styled(l, theme.dim())));
    }
    lines
}

fn or_dash(s: &str, lang: Lang) -> String {
    if s.trim().is_empty() {
        lang.pick("— (belum dicatat)", "— (not recorded)").to_string()
    } else {
        s.to_string()
    }
}

fn session(state: &WorkshopState, lang: Lang, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let h = area.height as usize;
    let ws = &state.assessment.workshop;
    let s = &ws.session;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(pad(lang.pick("Tanggal", "Date"), 13), theme.bold()),
            Span::raw(truncate(&or_dash(&s.date, lang), w.saturating_sub(13))),
        ]),
        Line::from(vec![
            Span::styled(pad(lang.pick("Tempat", "Place"), 13), theme.bold()),
            Span::raw(truncate(&or_dash(&s.place, lang), w.saturating_sub(13))),
        ]),
        Line::from(vec![
            Span::styled(pad(lang.pick("Fasilitator", "Facilitator"), 13), theme.bold()),
            Span::raw(truncate(&or_dash(&s.facilitator, lang), w.saturating_sub(13))),
        ]),
        Line::from(Span::styled(
            truncate(
                &keyed(
                    Mode::Workshop,
                    &[
                        (
                            Action::EditRecord,
                            lang.pick(
                                "ubah sesi (pertama kali: responden masuk daftar hadir)",
                                "edit the session (first time: respondents join the list)",
                            ),
                        ),
                        (Action::AddRecord, lang.pick("tambah peserta", "add")),
                        (Action::RemoveRecord, lang.pick("hapus", "remove")),
                    ],
                    lang,
                ),
                w,
            ),
            theme.dim(),
        )),
        Line::from(""),
        Line::from(Span::styled(
            format!("{} ({})", lang.pick("Daftar hadir", "Attendance"), ws.attendance.len()),
            theme.title(),
        )),
    ];
    if ws.attendance.is_empty() {
        lines.push(Line::from(
            lang.pick("Belum ada peserta yang dicatat.", "No attendee recorded yet.")
                .to_string(),
        ));
    }
    let room = h.saturating_sub(lines.len());
    for i in window(state.selected, ws.attendance.len(), room) {
        let a = &ws.attendance[i];
        let org = if a.organisation.is_empty() {
            String::new()
        } else {
            format!(" — {}", a.organisation)
        };
        let line = format!(
            "{} {} ({}){org}",
            marker(i == state.selected),
            a.name,
            group_label(a.actor, lang)
        );
        let style = if i == state.selected {
            theme.selected()
        } else {
            theme.bold()
        };
        lines.push(Line::from(Span::styled(pad(&line, w), style)));
    }
    lines
}

fn visits(state: &WorkshopState, lang: Lang, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let h = area.height as usize;
    let list = &state.assessment.workshop.visits;
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                "{} · {}",
                lang.pick("Log kunjungan uji petik", "Uji petik visit log"),
                keyed(
                    Mode::Workshop,
                    &[
                        (Action::AddRecord, lang.pick("tambah", "add")),
                        (Action::EditRecord, lang.pick("ubah", "edit")),
                        (Action::RemoveRecord, lang.pick("hapus", "remove")),
                    ],
                    lang,
                )
            ),
            w,
        ),
        theme.dim(),
    ))];
    if list.is_empty() {
        lines.push(Line::from(
            lang.pick("Belum ada kunjungan yang dicatat.", "No visit recorded yet.")
                .to_string(),
        ));
        return lines;
    }
    for i in window(state.selected, list.len(), h.saturating_sub(1) / 2) {
        let v = &list[i];
        let sub = v
            .subsector
            .as_deref()
            .map(|s| format!(" · {}", state.framework.subsector_label(s, lang)))
            .unwrap_or_default();
        let style = if i == state.selected {
            theme.selected()
        } else {
            theme.bold()
        };
        lines.push(Line::from(Span::styled(
            pad(
                &format!(
                    "{} {} · {}{sub}",
                    marker(i == state.selected),
                    or_dash(&v.date, lang),
                    v.site
                ),
                w,
            ),
            style,
        )));
        let who = format!(
            "    {} {} · {} {}",
            lang.pick("narasumber:", "interviewee:"),
            or_dash(&v.interviewee_role, lang),
            lang.pick("asesor:", "assessors:"),
            or_dash(&v.assessors, lang)
        );
        lines.push(Line::from(Span::styled(truncate(&who, w), theme.dim())));
    }
    lines
}

fn verify_first(state: &WorkshopState, store: &Store, lang: Lang, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let h = area.height as usize;
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                "{} · {} {}",
                lang.pick(
                    "Belum diverifikasi · selisih mandiri–konsensus terbesar, lalu potensi poin",
                    "Not verified yet · largest self–consensus difference, then potential points",
                ),
                crate::app::bindings::key(
                    crate::app::bindings::Mode::Workshop,
                    crate::app::bindings::Action::Choose,
                    lang
                ),
                lang.pick("buka", "opens"),
            ),
            w,
        ),
        theme.dim(),
    ))];
    if state.verify_first.is_empty() {
        lines.push(Line::from(
            lang.pick(
                "Tidak ada: setiap indikator yang dijawab sudah diverifikasi, atau belum ada jawaban.",
                "None: every answered indicator is verified, or nothing is answered yet.",
            )
            .to_string(),
        ));
        return lines;
    }
    let header = format!(
        "  {:<34}{:>8}{:>7}{:>9}{:>8}",
        lang.pick("Indikator", "Indicator"),
        lang.pick("mandiri", "self"),
        lang.pick("kons.", "cons."),
        lang.pick("selisih", "diff."),
        lang.pick("+poin", "+points")
    );
    lines.push(Line::from(Span::styled(truncate(&header, w), theme.bold())));
    // Below the list: who recorded the selected indicator's consensus level.
    let recorded = state
        .verify_first
        .get(state.selected)
        .and_then(|v| recorded_line(state, store, AgreedKind::Consensus, &v.slot, lang, w));
    let list_h = h.saturating_sub(if recorded.is_some() { 4 } else { 2 });
    for i in window(state.selected, state.verify_first.len(), list_h) {
        let v = &state.verify_first[i];
        let sub = v.slot.subsector.as_deref().map(|s| format!("@{s}")).unwrap_or_default();
        let line = format!(
            "{} {}{:>8}{:>7}{:>9}{:>8}",
            marker(i == state.selected),
            pad(&format!("{}{sub}", v.slot.indicator), 33),
            fmt_level(v.self_level),
            v.consensus.map(|c| c.to_string()).unwrap_or_else(|| "—".into()),
            fmt_level(v.difference),
            crate::i18n::fmt_one_decimal(v.gain)
        );
        let style = if i == state.selected {
            theme.selected()
        } else {
            theme.bold()
        };
        lines.push(Line::from(Span::styled(truncate(&line, w), style)));
    }
    if let Some(l) = recorded {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(l, theme.dim())));
    }
    lines
}

fn commitments(state: &WorkshopState, lang: Lang, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let h = area.height as usize;
    let a = &state.assessment;
    let flagship = a
        .chosen_flagship
        .as_deref()
        .map(|f| state.framework.subsector_label(f, lang))
        .unwrap_or_else(|| {
            lang.pick("belum ditetapkan (f di layar hasil)", "not chosen (f on the results)")
                .to_string()
        });
    let pulled = if a.workshop.pulled.is_empty() {
        "—".to_string()
    } else {
        a.workshop
            .pulled
            .iter()
            .map(|s| state.framework.subsector_label(s, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", lang.pick("Unggulan:", "Flagship:")), theme.bold()),
            Span::raw(truncate(&flagship, w.saturating_sub(12))),
        ]),
        Line::from(vec![
            Span::styled(
                format!("{} ", lang.pick("Menghela (p):", "Pulls along (p):")),
                theme.bold(),
            ),
            Span::raw(truncate(&pulled, w.saturating_sub(18))),
        ]),
        Line::from(Span::styled(
            truncate(
                &keyed(
                    Mode::Workshop,
                    &[
                        (Action::AddRecord, lang.pick("tambah komitmen", "add a commitment")),
                        (Action::EditRecord, lang.pick("ubah", "edit")),
                        (Action::RemoveRecord, lang.pick("hapus", "remove")),
                        (
                            Action::BeritaAcara,
                            lang.pick("tulis berita acara", "write the berita acara"),
                        ),
                    ],
                    lang,
                ),
                w,
            ),
            theme.dim(),
        )),
    ];
    let list = &a.workshop.commitments;
    if list.is_empty() {
        lines.push(Line::from(
            lang.pick("Belum ada komitmen yang dicatat.", "No commitment recorded yet.")
                .to_string(),
        ));
        return lines;
    }
    for i in window(state.selected, list.len(), h.saturating_sub(3) / 2) {
        let c = &list[i];
        let style = if i == state.selected {
            theme.selected()
        } else {
            theme.bold()
        };
        lines.push(Line::from(Span::styled(
            pad(&format!("{} {}. {}", marker(i == state.selected), i + 1, c.text), w),
            style,
        )));
        let owner = [
            c.actor.map(|g| group_label(g, lang).to_string()),
            (!c.organisation.is_empty()).then(|| c.organisation.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" — ");
        let detail = format!(
            "     {} · {} {} · {}",
            if owner.is_empty() { "—".to_string() } else { owner },
            lang.pick("tenggat", "due"),
            or_dash(&c.deadline, lang),
            if c.indicators.is_empty() {
                "—".to_string()
            } else {
                linked_text(&c.indicators)
            }
        );
        lines.push(Line::from(Span::styled(truncate(&detail, w), theme.dim())));
    }
    lines
}

fn profile(state: &WorkshopState, lang: Lang, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let h = area.height as usize;
    let a = &state.assessment;
    let candidates = a
        .candidates
        .iter()
        .map(|c| state.framework.subsector_label(c, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(pad(label, 13), theme.bold()),
            Span::raw(truncate(&value, w.saturating_sub(13))),
        ])
    };
    let mut lines = vec![
        row(
            lang.pick("Daerah", "Region"),
            a.region.kind.display_name(&a.region.name),
        ),
        row(lang.pick("Provinsi", "Province"), a.region.province.clone()),
        row(lang.pick("Periode", "Period"), format!("{} · ID {}", a.period, a.id)),
        row(lang.pick("Kandidat", "Candidates"), candidates),
        Line::from(Span::styled(
            truncate(
                &keyed(
                    Mode::Workshop,
                    &[
                        (
                            Action::EditPulled,
                            lang.pick(
                                "ubah profil (jawaban kandidat yang dihapus disimpan)",
                                "edit the profile (a removed candidate's answers are kept)",
                            ),
                        ),
                        (Action::EditRecord, lang.pick("ubah responden", "edit respondent")),
                        (Action::RemoveRecord, lang.pick("hapus", "remove")),
                    ],
                    lang,
                ),
                w,
            ),
            theme.dim(),
        )),
        Line::from(""),
        Line::from(Span::styled(
            format!("{} ({})", lang.pick("Responden", "Respondents"), a.respondents.len()),
            theme.title(),
        )),
    ];
    let room = h.saturating_sub(lines.len());
    for i in window(state.selected, a.respondents.len(), room) {
        let r = &a.respondents[i];
        let org = if r.organisation.is_empty() {
            String::new()
        } else {
            format!(" — {}", r.organisation)
        };
        let answered = r.answers.iter().filter(|x| x.level.is_some() || x.na).count();
        let line = format!(
            "{} {} ({}){org} · {answered} {}",
            marker(i == state.selected),
            r.name,
            group_label(r.actor, lang),
            lang.pick("jawaban", "answers")
        );
        let style = if i == state.selected {
            theme.selected()
        } else {
            theme.bold()
        };
        lines.push(Line::from(Span::styled(pad(&line, w), style)));
    }
    lines
}

fn draw_form(form: &RecordForm, lang: Lang, frame: &mut Frame, area: Rect, theme: Theme) {
    let height = (form.fields.len() as u16 * 2 + 4).min(area.height);
    let popup = centered(area, area.width.saturating_sub(4).min(76), height);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {} ", form.title), theme.title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    for (i, (label, input)) in form.labels.iter().zip(&form.fields).enumerate() {
        let focused = i == form.focus;
        lines.push(Line::from(Span::styled(
            truncate(label, w),
            if focused { theme.title() } else { theme.dim() },
        )));
        let text = input.text();
        // Long values scroll so the cursor stays in view.
        let typed = input.cursor_columns();
        let room = w.saturating_sub(3);
        let shown = if typed > room {
            let skip = typed - room;
            let mut acc = 0;
            text.chars()
                .skip_while(|c| {
                    acc += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    acc <= skip
                })
                .collect::<String>()
        } else {
            text.to_string()
        };
        lines.push(Line::from(vec![
            Span::styled(if focused { "▶ " } else { "  " }, theme.key()),
            Span::raw(truncate(&shown, room)),
        ]));
        if focused {
            cursor = Some((2 + typed.min(room), lines.len() - 1));
        }
    }
    let hint = match &form.error {
        Some(e) => Line::from(Span::styled(truncate(&format!("! {e}"), w), theme.error())),
        None => Line::from(Span::styled(
            truncate(
                &crate::app::bindings::hint(
                    crate::app::bindings::Mode::RecordForm,
                    &[
                        crate::app::bindings::Action::NextField,
                        crate::app::bindings::Action::Submit,
                        crate::app::bindings::Action::Back,
                    ],
                    lang,
                ),
                w,
            ),
            theme.dim(),
        )),
    };
    lines.push(hint);
    let _ = width;
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((col, row)) = cursor {
        place_cursor(frame, inner, col, row);
    }
}
