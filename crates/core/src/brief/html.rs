//! The brief as one standalone HTML file: inline CSS laid out for printing, no script, no
//! remote resource, and a Content-Security-Policy that forbids both should a reader ever be
//! tricked into loading one. Every piece of text is escaped; links are http(s) only.

use std::fmt::Write;

use super::labels as l;
use super::{Brief, CountrySection, Entry};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 11pt;
  line-height: 1.45; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; margin: 0 0 .4em; }
h2 { font-size: 1.3em; margin: 1.6em 0 .5em; border-bottom: 1px solid #999; padding-bottom: .15em; }
h3 { font-size: 1.05em; margin: 1.1em 0 .4em; color: #333; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .15em 1em; margin: 0 0 1em; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #aaa; padding: .25em .6em; }
th { background: #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.all td { font-weight: bold; }
.entry { margin: 0 0 1em; break-inside: avoid; page-break-inside: avoid; }
.headline { font-weight: bold; }
.cite { font-weight: normal; color: #444; }
.byline { color: #444; font-size: .92em; }
blockquote { margin: .3em 0 .3em 1em; padding-left: .8em; border-left: 3px solid #bbb; font-style: italic; }
.note { margin: .3em 0; } .note b { font-style: normal; }
.empty { color: #555; font-style: italic; }
ol.sources li { margin: 0 0 .3em; }
a { color: #0645ad; word-break: break-all; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  a { color: #000; }
}
"#;

/// Renders `brief` as a standalone HTML document.
pub fn render(brief: &Brief) -> String {
    let mut out = String::with_capacity(8192 + brief.item_count * 900);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(&brief.title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", esc(&brief.title));
    out.push_str("<dl class=\"meta\">\n");
    for (label, value) in [
        (l::PERIOD, brief.period.as_str()),
        (l::SCOPE, brief.scope.as_str()),
        (l::GENERATED, brief.generated.as_str()),
    ] {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", esc(value));
    }
    let _ = writeln!(
        out,
        "<dt>{}</dt><dd>{}</dd>\n</dl>",
        l::ITEMS,
        brief.item_count
    );

    if brief.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>\n</body>\n</html>", l::EMPTY);
        return out;
    }

    let _ = writeln!(out, "<h2>{}</h2>\n<table>\n<thead><tr>", l::SUMMARY);
    for (i, col) in l::SUMMARY_COLUMNS.iter().enumerate() {
        let scope = if i == 0 {
            " scope=\"col\""
        } else {
            " scope=\"col\" class=\"n\""
        };
        let _ = write!(out, "<th{scope}>{col}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let last = brief.summary.len().saturating_sub(1);
    for (i, row) in brief.summary.iter().enumerate() {
        let class = if i == last { " class=\"all\"" } else { "" };
        let _ = writeln!(
            out,
            "<tr{class}><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&row.label),
            row.government,
            row.ngo_concern,
            row.both,
            row.neither,
            row.total
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>\n<p>{}</p>", l::SUMMARY_NOTE);

    for section in &brief.sections {
        render_section(&mut out, section);
    }

    let _ = writeln!(
        out,
        "<h2 id=\"sources\">{}</h2>\n<ol class=\"sources\">",
        l::SOURCES
    );
    for c in &brief.sources {
        let _ = write!(
            out,
            "<li id=\"source-{n}\" value=\"{n}\">{} — {}, {}.",
            esc(&c.title),
            esc(&c.source),
            esc(c.date.as_deref().unwrap_or(l::UNDATED)),
            n = c.number
        );
        if let Some(url) = &c.url {
            let _ = write!(out, " {}", link(url, url));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</body>\n</html>\n");
    out
}

fn render_section(out: &mut String, section: &CountrySection) {
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", esc(&section.name));
    let _ = writeln!(out, "<h3>{}</h3>", l::GOVERNMENT);
    if section.government.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", l::NONE_GOVERNMENT);
    }
    for e in &section.government {
        render_entry(out, e);
    }
    let _ = writeln!(out, "<h3>{}</h3>", l::NGO);
    if section.ngo_concern.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", l::NONE_NGO);
    }
    for e in &section.ngo_concern {
        render_entry(out, e);
    }
    if !section.other.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", l::OTHER);
        for e in &section.other {
            let _ = write!(
                out,
                "<li>{} {} — {}, {}",
                esc(&e.title),
                cite(e.citation),
                esc(&e.source),
                esc(e.date.as_deref().unwrap_or(l::UNDATED))
            );
            if let Some(url) = &e.url {
                let _ = write!(out, " · {}", link(url, "link"));
            }
            if let Some(note) = &e.note {
                let _ = write!(out, " — <b>{}:</b> {}", l::NOTE, esc(note));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn render_entry(out: &mut String, e: &Entry) {
    let _ = writeln!(
        out,
        "<div class=\"entry\">\n<div class=\"headline\">{} {}</div>",
        esc(&e.title),
        cite(e.citation)
    );
    let _ = write!(
        out,
        "<div class=\"byline\">{}, {}",
        esc(&e.source),
        esc(e.date.as_deref().unwrap_or(l::UNDATED))
    );
    if let Some(url) = &e.url {
        let _ = write!(out, " · {}", link(url, url));
    }
    out.push_str("</div>\n");
    for q in &e.quotes {
        let _ = writeln!(out, "<blockquote>“{}”</blockquote>", esc(q));
    }
    if let Some(note) = &e.note {
        let _ = writeln!(
            out,
            "<p class=\"note\"><b>{}:</b> {}</p>",
            l::NOTE,
            esc(note)
        );
    }
    out.push_str("</div>\n");
}

fn cite(n: usize) -> String {
    format!("<a class=\"cite\" href=\"#source-{n}\">[{n}]</a>")
}

fn link(url: &str, text: &str) -> String {
    format!(
        "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
        esc(url),
        esc(text)
    )
}

/// Escapes text for both element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
