//! Reports of one assessment: a Markdown file and one self-contained HTML file (inline
//! CSS and SVG, no script, nothing loaded from elsewhere), readable on a phone and
//! printable on A4.
//!
//! Both are minijinja templates laid over one [`context::ReportContext`], which is
//! built from [`crate::summary::summarize`] — the same numbers as the results screen
//! and the exports. The HTML template's name ends in `.html`, which turns on
//! minijinja's HTML auto-escaping: every user text (region, names, notes, evidence,
//! best practices…) is escaped by the template engine, never pasted into markup.

mod context;
mod radar;

use minijinja::{Environment, UndefinedBehavior};

use crate::assessment::Assessment;
use crate::framework::Framework;
use crate::i18n::Lang;

use context::ReportContext;

const MARKDOWN_TEMPLATE: &str = "report.md";
const HTML_TEMPLATE: &str = "report.html";

/// The Markdown report.
pub fn markdown(framework: &Framework, assessment: &Assessment, lang: Lang) -> String {
    let report = context::build(framework, assessment, lang);
    match render(MARKDOWN_TEMPLATE, &report) {
        Ok(text) => text,
        // The templates are compiled in and tested, so this is a bug, not bad input;
        // the reader still gets a file that says what went wrong.
        Err(e) => format!(
            "# {}\n\n{}: {e:#}\n",
            report.region,
            lang.pick(
                "Laporan tidak dapat dibuat (galat pada pmk3i)",
                "The report could not be made (a pmk3i bug)"
            )
        ),
    }
}

/// The self-contained HTML report.
pub fn html(framework: &Framework, assessment: &Assessment, lang: Lang) -> anyhow::Result<String> {
    render(HTML_TEMPLATE, &context::build(framework, assessment, lang))
}

fn render(template: &str, context: &ReportContext) -> anyhow::Result<String> {
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
    env.add_template(MARKDOWN_TEMPLATE, include_str!("report.md"))?;
    env.add_template(HTML_TEMPLATE, include_str!("report.html"))?;
    Ok(env)
}

/// User text inside a Markdown table cell: a pipe would end the cell and a newline
/// the row, so pipes are escaped and line breaks become `<br>`.
fn markdown_cell(text: String) -> String {
    lines(&text).join("<br>").replace('|', "\\|")
}

/// User text in a Markdown heading or list line: line breaks become spaces.
fn markdown_inline(text: String) -> String {
    lines(&text).join(" ")
}

/// A multi-line user text as a Markdown block quote, so its lines cannot turn into
/// headings or lists of the report.
fn markdown_quote(text: String) -> String {
    lines(&text)
        .iter()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn lines(text: &str) -> Vec<&str> {
    text.trim().lines().map(str::trim_end).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_escape_pipes_and_line_breaks() {
        assert_eq!(markdown_cell("a | b\r\nc".into()), "a \\| b<br>c");
        assert_eq!(markdown_inline("a\nb".into()), "a b");
        assert_eq!(markdown_quote("# a\n\n- b".into()), "> # a\n>\n> - b");
    }

    #[test]
    fn templates_named_html_are_auto_escaped() -> anyhow::Result<()> {
        // The template's name is what switches escaping on: `.html` escapes, `.md` not.
        let mut env = environment()?;
        env.add_template("probe.html", "{{ x }}")?;
        env.add_template("probe.md", "{{ x }}")?;
        let x = minijinja::context! { x => "<b>\"&" };
        assert_eq!(env.get_template("probe.html")?.render(&x)?, "&lt;b&gt;&quot;&amp;");
        assert_eq!(env.get_template("probe.md")?.render(&x)?, "<b>\"&");
        assert!(HTML_TEMPLATE.ends_with(".html"));
        Ok(())
    }
}
