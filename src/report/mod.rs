//! Reports of one assessment: a Markdown file and one self-contained HTML file (inline
//! CSS and SVG, no script, nothing loaded from elsewhere), readable on a phone and
//! printable on A4.
//!
//! Both are minijinja templates laid over one [`context::ReportContext`], which is
//! built from [`crate::summary::summarize`] — the same numbers as the results screen
//! and the exports. The HTML template's name ends in `.html`, which turns on
//! minijinja's HTML auto-escaping: every user text (region, names, notes, evidence,
//! best practices…) is escaped by the template engine, never pasted into markup.
//!
//! The Markdown template gets the same treatment from [`markdown_formatter`]: every
//! value it prints is escaped for Markdown and for the HTML that Markdown viewers
//! render it to ([`escape_markdown`]: `<script>` stays text, `[x](javascript:…)` never
//! becomes a link), unless a filter (`cell`, `inline`, `quote`, `code`) has already
//! escaped it and marked it safe.

pub mod berita_acara;
mod context;
mod radar;

use minijinja::{Environment, Error, ErrorKind, Output, State, UndefinedBehavior, Value};

use crate::assessment::Assessment;
use crate::framework::Framework;
use crate::i18n::Lang;

use context::ReportContext;

const MARKDOWN_TEMPLATE: &str = "report.md";
const HTML_TEMPLATE: &str = "report.html";
const BERITA_ACARA_MD: &str = "berita_acara.md";
const BERITA_ACARA_HTML: &str = "berita_acara.html";

/// When a report or berita acara was made: printed on it as "2026-12-01 22:15 UTC".
/// [`GeneratedAt::now`] reads the clock, or `SOURCE_DATE_EPOCH` when it is set (the
/// reproducible-builds convention: seconds since 1970-01-01 UTC), so that a file made
/// twice from the same record can be byte-identical; tests pass a fixed time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GeneratedAt(time::OffsetDateTime);

impl GeneratedAt {
    /// The current time (UTC), or `SOURCE_DATE_EPOCH` when that holds a valid time.
    pub fn now() -> GeneratedAt {
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(GeneratedAt::from_unix)
            .unwrap_or_else(|| GeneratedAt(time::OffsetDateTime::now_utc()))
    }

    /// The moment `seconds` after 1970-01-01 00:00 UTC (`None` out of the calendar's range).
    pub fn from_unix(seconds: i64) -> Option<GeneratedAt> {
        time::OffsetDateTime::from_unix_timestamp(seconds).ok().map(GeneratedAt)
    }

    /// "2026-12-01 22:15 UTC": the date as every other date in the reports, and the zone.
    pub fn text(&self) -> String {
        let t = self.0;
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    }
}

/// The berita acara in Markdown, stamped with the current time.
/// `moved`: the consensus or verified level changes after the DKT date
/// ([`berita_acara::levels_moved`]), for its line on whether levels moved.
pub fn berita_acara_markdown(
    framework: &Framework,
    assessment: &Assessment,
    moved: Option<&[crate::store::Change]>,
    lang: Lang,
) -> anyhow::Result<String> {
    berita_acara_markdown_at(framework, assessment, moved, lang, GeneratedAt::now())
}

/// The berita acara in Markdown, made at `at`.
pub fn berita_acara_markdown_at(
    framework: &Framework,
    assessment: &Assessment,
    moved: Option<&[crate::store::Change]>,
    lang: Lang,
    at: GeneratedAt,
) -> anyhow::Result<String> {
    render_any(
        BERITA_ACARA_MD,
        &berita_acara::build(framework, assessment, moved, lang).generated(at),
    )
}

/// The berita acara as one printable (A4) HTML file carrying its canonical record,
/// stamped with the current time.
pub fn berita_acara_html(
    framework: &Framework,
    assessment: &Assessment,
    moved: Option<&[crate::store::Change]>,
    lang: Lang,
) -> anyhow::Result<String> {
    berita_acara_html_at(framework, assessment, moved, lang, GeneratedAt::now())
}

/// The berita acara as HTML, made at `at`.
pub fn berita_acara_html_at(
    framework: &Framework,
    assessment: &Assessment,
    moved: Option<&[crate::store::Change]>,
    lang: Lang,
    at: GeneratedAt,
) -> anyhow::Result<String> {
    render_any(
        BERITA_ACARA_HTML,
        &berita_acara::build(framework, assessment, moved, lang).generated(at),
    )
}

/// The Markdown report, stamped with the current time.
pub fn markdown(framework: &Framework, assessment: &Assessment, lang: Lang) -> String {
    markdown_at(framework, assessment, lang, GeneratedAt::now())
}

/// The Markdown report, made at `at`.
pub fn markdown_at(framework: &Framework, assessment: &Assessment, lang: Lang, at: GeneratedAt) -> String {
    let report = context::build(framework, assessment, lang).generated(at);
    match render(MARKDOWN_TEMPLATE, &report) {
        Ok(text) => text,
        // The templates are compiled in and tested, so this is a bug, not bad input;
        // the reader still gets a file that says what went wrong.
        Err(e) => format!(
            "# {}\n\n{}: {}\n",
            escape_markdown(&report.region),
            lang.pick(
                "Laporan tidak dapat dibuat (galat pada pmk3i)",
                "The report could not be made (a pmk3i bug)"
            ),
            escape_markdown(&format!("{e:#}"))
        ),
    }
}

/// The self-contained HTML report, stamped with the current time.
pub fn html(framework: &Framework, assessment: &Assessment, lang: Lang) -> anyhow::Result<String> {
    html_at(framework, assessment, lang, GeneratedAt::now())
}

/// The self-contained HTML report, made at `at`.
pub fn html_at(framework: &Framework, assessment: &Assessment, lang: Lang, at: GeneratedAt) -> anyhow::Result<String> {
    render(
        HTML_TEMPLATE,
        &context::build(framework, assessment, lang).generated(at),
    )
}

fn render(template: &str, context: &ReportContext) -> anyhow::Result<String> {
    render_any(template, context)
}

fn render_any(template: &str, context: &impl serde::Serialize) -> anyhow::Result<String> {
    let env = environment()?;
    let text = env
        .get_template(template)
        .and_then(|t| t.render(context))
        .map_err(|e| anyhow::anyhow!("cannot render the {template} report template: {e}"))?;
    Ok(text)
}

fn environment() -> anyhow::Result<Environment<'static>> {
    let mut env = Environment::new();
    // A misspelt field fails the tests instead of silently printing nothing.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.add_filter("cell", markdown_cell);
    env.add_filter("inline", markdown_inline);
    env.add_filter("quote", markdown_quote);
    env.add_filter("code", markdown_code);
    env.set_formatter(markdown_formatter);
    env.add_template(MARKDOWN_TEMPLATE, include_str!("report.md"))?;
    env.add_template(HTML_TEMPLATE, include_str!("report.html"))?;
    env.add_template(BERITA_ACARA_MD, include_str!("berita_acara.md"))?;
    env.add_template(BERITA_ACARA_HTML, include_str!("berita_acara.html"))?;
    Ok(env)
}

/// Prints a value in the Markdown template escaped by [`escape_markdown`] (a value a
/// filter marked safe as it is); the HTML template keeps minijinja's own escaping.
fn markdown_formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if !state.name().ends_with(".md") {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_undefined() {
        // The same strictness as the default formatter: a misspelt field fails the tests.
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "undefined value in the Markdown report",
        ));
    }
    if value.is_safe() {
        return out.write_str(value.as_str().unwrap_or_default()).map_err(Error::from);
    }
    let text = match value.as_str() {
        Some(s) => s.to_string(),
        None => value.to_string(),
    };
    // A line break would end a table row or a list line: it becomes a space. Spaces
    // around the value are the template's and stay.
    let one_line = text.lines().collect::<Vec<_>>().join(" ");
    out.write_str(&escape_markdown(&one_line)).map_err(Error::from)
}

/// Text that a Markdown viewer shows as written: HTML's `<`, `>` and `&` become
/// entities (no tag, no `onerror=`, no entity of the author's), and the characters that
/// make emphasis, code, links, images, tables, headings or strike-through get a
/// backslash, so `[x](javascript:…)` stays text.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// An escaped line that starts a Markdown line of its own: a leading `-`, `+` or `=`
/// (a list, a heading underline, a rule) or `1.` (a numbered list) stays text.
fn escape_line_start(line: &str) -> String {
    let escaped = escape_markdown(line);
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

/// User text inside a Markdown table cell: escaped, pipes included, and line breaks
/// become `<br>`.
fn markdown_cell(text: String) -> Value {
    Value::from_safe_string(
        lines(&text)
            .iter()
            .map(|l| escape_markdown(l))
            .collect::<Vec<_>>()
            .join("<br>"),
    )
}

/// User text in a Markdown heading or list line: escaped, line breaks become spaces.
fn markdown_inline(text: String) -> Value {
    Value::from_safe_string(escape_markdown(&lines(&text).join(" ")))
}

/// A multi-line user text as a Markdown block quote, so its lines cannot turn into
/// headings or lists of the report.
fn markdown_quote(text: String) -> Value {
    Value::from_safe_string(
        lines(&text)
            .iter()
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {}", escape_line_start(l))
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// An id as inline code: a code span shows its content literally (no escaping
/// inside), so it is fenced by more backticks than it holds.
fn markdown_code(text: String) -> Value {
    let text = lines(&text).join(" ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    Value::from_safe_string(format!("{fence}{pad}{text}{pad}{fence}"))
}

fn lines(text: &str) -> Vec<&str> {
    text.trim().lines().map(str::trim_end).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_escape_pipes_and_line_breaks() {
        assert_eq!(markdown_cell("a | b\r\nc".into()).to_string(), "a \\| b<br>c");
        assert_eq!(markdown_inline("a\nb".into()).to_string(), "a b");
        assert_eq!(
            markdown_quote("# a\n\n- b\n2. c".into()).to_string(),
            "> \\# a\n>\n> \\- b\n> 2\\. c"
        );
    }

    #[test]
    fn markdown_escapes_html_and_links() {
        assert_eq!(
            escape_markdown(
                "<script>x</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](u) **b** `c` &amp;"
            ),
            "&lt;script&gt;x&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:alert(1)) \\!\\[i\\](u) \\*\\*b\\*\\* \\`c\\` &amp;amp;"
        );
        assert_eq!(markdown_code("pmk3i_x".into()).to_string(), "`pmk3i_x`");
        assert_eq!(markdown_code("a``b".into()).to_string(), "``` a``b ```");
    }

    #[test]
    fn templates_named_html_are_auto_escaped() -> anyhow::Result<()> {
        // The template's name is what switches escaping on: `.html` escapes, `.md` not.
        let mut env = environment()?;
        env.add_template("probe.html", "{{ x }}")?;
        env.add_template("probe.md", "{{ x }}")?;
        let x = minijinja::context! { x => "<b>\"&" };
        assert_eq!(env.get_template("probe.html")?.render(&x)?, "&lt;b&gt;&quot;&amp;");
        assert_eq!(env.get_template("probe.md")?.render(&x)?, "&lt;b&gt;\"&amp;");
        assert!(HTML_TEMPLATE.ends_with(".html"));
        Ok(())
    }
}
