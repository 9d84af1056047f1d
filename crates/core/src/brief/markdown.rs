//! The brief as CommonMark (with a pipe table for the summary, which every common Markdown
//! reader shows as a table).
//!
//! Feed text is escaped so that it can only ever be text: a headline such as
//! `[click](javascript:…)` or `<script>` comes out literally, never as a link or raw HTML.
//! Links are written as autolinks of URLs the model has already checked to be http(s).

use std::fmt::Write;

use super::labels as l;
use super::{Brief, CountrySection, Entry};

/// Renders `brief` as Markdown.
pub fn render(brief: &Brief) -> String {
    let mut out = String::with_capacity(4096 + brief.item_count * 600);
    let _ = writeln!(out, "# {}\n", escape(&brief.title));
    let _ = writeln!(out, "**{}:** {}  ", l::PERIOD, escape(&brief.period));
    let _ = writeln!(out, "**{}:** {}  ", l::SCOPE, escape(&brief.scope));
    let _ = writeln!(out, "**{}:** {}  ", l::GENERATED, escape(&brief.generated));
    let _ = writeln!(out, "**{}:** {}\n", l::ITEMS, brief.item_count);

    if brief.is_empty() {
        let _ = writeln!(out, "{}", l::EMPTY);
        return out;
    }

    let _ = writeln!(out, "## {}\n", l::SUMMARY);
    let _ = writeln!(out, "| {} |", l::SUMMARY_COLUMNS.join(" | "));
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |");
    for row in &brief.summary {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            escape(&row.label),
            row.government,
            row.ngo_concern,
            row.both,
            row.neither,
            row.total
        );
    }
    let _ = writeln!(out, "\n{}\n", l::SUMMARY_NOTE);

    for section in &brief.sections {
        render_section(&mut out, section);
    }

    let _ = writeln!(out, "## {}\n", l::SOURCES);
    for c in &brief.sources {
        let _ = write!(
            out,
            "{}. {} — {}, {}.",
            c.number,
            escape(&c.title),
            escape(&c.source),
            date(&c.date)
        );
        if let Some(url) = &c.url {
            let _ = write!(out, " <{url}>");
        }
        out.push('\n');
    }
    out
}

fn render_section(out: &mut String, section: &CountrySection) {
    let _ = writeln!(out, "## {}\n", escape(&section.name));
    let _ = writeln!(out, "### {}\n", l::GOVERNMENT);
    if section.government.is_empty() {
        let _ = writeln!(out, "{}\n", l::NONE_GOVERNMENT);
    }
    for entry in &section.government {
        render_entry(out, entry);
    }
    let _ = writeln!(out, "### {}\n", l::NGO);
    if section.ngo_concern.is_empty() {
        let _ = writeln!(out, "{}\n", l::NONE_NGO);
    }
    for entry in &section.ngo_concern {
        render_entry(out, entry);
    }
    if !section.other.is_empty() {
        let _ = writeln!(out, "### {}\n", l::OTHER);
        for e in &section.other {
            let _ = write!(
                out,
                "- {} \\[{}\\] — {}, {}",
                escape(&e.title),
                e.citation,
                escape(&e.source),
                date(&e.date)
            );
            if let Some(url) = &e.url {
                let _ = write!(out, " · <{url}>");
            }
            if let Some(note) = &e.note {
                let _ = write!(out, " — *{}:* {}", l::NOTE, escape(note));
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

fn render_entry(out: &mut String, e: &Entry) {
    let _ = writeln!(out, "**{}** \\[{}\\]  ", escape(&e.title), e.citation);
    let _ = write!(out, "{}, {}", escape(&e.source), date(&e.date));
    if let Some(url) = &e.url {
        let _ = write!(out, " · <{url}>");
    }
    out.push_str("\n\n");
    for q in &e.quotes {
        let _ = writeln!(out, "> “{}”\n", escape(q));
    }
    if let Some(note) = &e.note {
        let _ = writeln!(out, "*{}:* {}\n", l::NOTE, escape(note));
    }
}

fn date(d: &Option<String>) -> String {
    d.clone().unwrap_or_else(|| l::UNDATED.to_string())
}

/// Backslash-escapes every character that could start Markdown or HTML syntax mid-line. The
/// model has already made the text one line, so block syntax cannot start inside it.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '~'
                | '&'
                | '#'
                | '!'
                | '('
                | ')'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // At the start of a list item or line, `-`, `+`, `=` and `1.` would open a nested list or
    // an underline heading; escaping that first mark keeps the text plain.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_links_and_html() {
        assert_eq!(
            escape("[x](javascript:alert(1))"),
            "\\[x\\]\\(javascript:alert\\(1\\)\\)"
        );
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("a|b & c"), "a\\|b \\& c");
        assert_eq!(escape("- x"), "\\- x");
        assert_eq!(escape("2025. A year"), "2025\\. A year");
    }
}
