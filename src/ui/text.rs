//! Width-aware text helpers: wrapping and truncation that count terminal columns,
//! so wide characters (CJK, emoji) never overflow a cell.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The terminal width of a string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `s` to at most `max` columns by taking out its middle ("Kab. Kep…an Sula"), so
/// two long names that share a beginning still read differently.
pub fn truncate_middle(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max < 5 {
        return truncate(s, max);
    }
    let keep = max - 1;
    let head_w = keep / 2;
    let tail_w = keep - head_w;
    let mut head = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > head_w {
            break;
        }
        head.push(c);
        used += w;
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > tail_w {
            break;
        }
        tail.push(c);
        used += w;
    }
    tail.reverse();
    format!(
        "{}…{}",
        head.trim_end(),
        tail.into_iter().collect::<String>().trim_start()
    )
}

/// Greedy word wrap to `max` columns; words wider than a line are split by character.
/// Line breaks in the text are kept.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ') {
            let w = width(word);
            let sep = usize::from(!line.is_empty());
            if used + sep + w <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                used += sep + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// Wraps and keeps at most `max_lines`, marking a cut with "…" on the last line.
pub fn wrap_capped(s: &str, max: usize, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(s, max);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            // Room for " …" on the last kept line, so the cut is marked once.
            let kept = truncate(last, max.saturating_sub(2));
            let kept = kept.trim_end_matches('…').trim_end();
            *last = format!("{kept} …");
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_wrap_by_columns() {
        let lines = wrap("会议记录 🎉🎉 ok", 6);
        assert!(lines.iter().all(|l| width(l) <= 6), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "会议记录🎉🎉ok");
    }

    #[test]
    fn middle_truncation_keeps_both_ends_apart() {
        let sula = truncate_middle("Kab. Kepulauan Sula", 16);
        let sitaro = truncate_middle("Kab. Kepulauan Siau Tagulandang Biaro", 16);
        assert_eq!(sula, "Kab. Ke…uan Sula");
        assert_eq!(sitaro, "Kab. Ke…ng Biaro");
        assert!(width(&sula) <= 16 && width(&sitaro) <= 16);
        assert_eq!(truncate_middle("Kuliner", 16), "Kuliner");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Berkembang", 5), "Berk…");
        assert_eq!(truncate("ok", 5), "ok");
        assert_eq!(truncate("会议", 3), "会…");
    }
}
