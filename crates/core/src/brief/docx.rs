//! The brief as a Word document, built with `docx-rs`.
//!
//! Headings use Word's own style ids (`Title`, `Heading1`…`Heading3`, with outline levels), so
//! the navigation pane, a table of contents and a colleague's house template all work on the
//! file as they do on one typed by hand. The summary is a real Word table and links are real
//! hyperlinks. The file holds no macro, field or external template: nothing in it runs.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Hyperlink, HyperlinkType, LineSpacing, PageMargin, Paragraph, Run,
    RunFonts, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

use super::labels as l;
use super::{Brief, CountrySection, Entry};
use crate::{Error, Result};

const FONT: &str = "Calibri";

/// Renders `brief` as the bytes of a `.docx` file.
pub fn render(brief: &Brief) -> Result<Vec<u8>> {
    let mut doc = styled_document(brief);
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("Title")
            .add_run(Run::new().add_text(&brief.title)),
    );
    for (label, value) in [
        (l::PERIOD, brief.period.clone()),
        (l::SCOPE, brief.scope.clone()),
        (l::GENERATED, brief.generated.clone()),
        (l::ITEMS, brief.item_count.to_string()),
    ] {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{label}: ")).bold())
                .add_run(Run::new().add_text(value)),
        );
    }

    if brief.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(l::EMPTY).italic()));
        return pack(doc);
    }

    doc = doc
        .add_paragraph(heading(1, l::SUMMARY))
        .add_table(summary_table(brief));
    doc = doc.add_paragraph(
        Paragraph::new().add_run(Run::new().add_text(l::SUMMARY_NOTE).italic().size(18)),
    );

    for section in &brief.sections {
        doc = render_section(doc, section);
    }

    doc = doc.add_paragraph(heading(1, l::SOURCES));
    for c in &brief.sources {
        let mut p = Paragraph::new()
            .indent(
                Some(454),
                Some(docx_rs::SpecialIndentType::Hanging(454)),
                None,
                None,
            )
            .add_run(Run::new().add_text(format!(
                "[{}]\t{} — {}, {}.",
                c.number,
                c.title,
                c.source,
                c.date.as_deref().unwrap_or(l::UNDATED)
            )));
        if let Some(url) = &c.url {
            p = p
                .add_run(Run::new().add_text(" "))
                .add_hyperlink(link(url, url));
        }
        doc = doc.add_paragraph(p);
    }
    pack(doc)
}

fn render_section(mut doc: Docx, section: &CountrySection) -> Docx {
    doc = doc
        .add_paragraph(heading(1, &section.name))
        .add_paragraph(heading(2, l::GOVERNMENT));
    if section.government.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(l::NONE_GOVERNMENT).italic()),
        );
    }
    for e in &section.government {
        doc = render_entry(doc, e);
    }
    doc = doc.add_paragraph(heading(2, l::NGO));
    if section.ngo_concern.is_empty() {
        doc =
            doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(l::NONE_NGO).italic()));
    }
    for e in &section.ngo_concern {
        doc = render_entry(doc, e);
    }
    if !section.other.is_empty() {
        doc = doc.add_paragraph(heading(2, l::OTHER));
        for e in &section.other {
            let mut p = Paragraph::new()
                .style("ListParagraph")
                .add_run(Run::new().add_text(format!(
                    "• {} [{}] — {}, {}",
                    e.title,
                    e.citation,
                    e.source,
                    date(e)
                )));
            if let Some(url) = &e.url {
                p = p
                    .add_run(Run::new().add_text(" · "))
                    .add_hyperlink(link(url, "link"));
            }
            if let Some(note) = &e.note {
                p = p
                    .add_run(Run::new().add_text(format!(" — {}: ", l::NOTE)).bold())
                    .add_run(Run::new().add_text(note));
            }
            doc = doc.add_paragraph(p);
        }
    }
    doc
}

fn render_entry(mut doc: Docx, e: &Entry) -> Docx {
    doc = doc.add_paragraph(
        Paragraph::new()
            .keep_next(true)
            .line_spacing(LineSpacing::new().before(160).after(0))
            .add_run(Run::new().add_text(&e.title).bold())
            .add_run(Run::new().add_text(format!(" [{}]", e.citation))),
    );
    let mut byline = Paragraph::new().add_run(
        Run::new()
            .add_text(format!("{}, {}", e.source, date(e)))
            .color("444444"),
    );
    if let Some(url) = &e.url {
        byline = byline
            .add_run(Run::new().add_text(" · ").color("444444"))
            .add_hyperlink(link(url, url));
    }
    doc = doc.add_paragraph(byline);
    for q in &e.quotes {
        doc = doc.add_paragraph(
            Paragraph::new()
                .style("Quote")
                .add_run(Run::new().add_text(format!("“{q}”"))),
        );
    }
    if let Some(note) = &e.note {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{}: ", l::NOTE)).bold())
                .add_run(Run::new().add_text(note)),
        );
    }
    doc
}

fn summary_table(brief: &Brief) -> Table {
    let cell = |text: String, bold: bool, right: bool| {
        let mut run = Run::new().add_text(text);
        if bold {
            run = run.bold();
        }
        let mut p = Paragraph::new().add_run(run);
        if right {
            p = p.align(AlignmentType::Right);
        }
        TableCell::new().add_paragraph(p)
    };
    let header = TableRow::new(
        l::SUMMARY_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| cell(c.to_string(), true, i > 0))
            .collect(),
    );
    let last = brief.summary.len().saturating_sub(1);
    let mut rows = vec![header];
    for (i, r) in brief.summary.iter().enumerate() {
        let bold = i == last;
        rows.push(TableRow::new(vec![
            cell(r.label.clone(), bold, false),
            cell(r.government.to_string(), bold, true),
            cell(r.ngo_concern.to_string(), bold, true),
            cell(r.both.to_string(), bold, true),
            cell(r.neither.to_string(), bold, true),
            cell(r.total.to_string(), bold, true),
        ]));
    }
    Table::new(rows)
        .style("TableGrid")
        .set_grid(vec![2800, 1500, 1300, 900, 1000, 900])
        .width(8400, WidthType::Dxa)
}

fn heading(level: usize, text: &str) -> Paragraph {
    Paragraph::new()
        .style(&format!("Heading{level}"))
        .add_run(Run::new().add_text(text))
}

fn link(url: &str, text: &str) -> Hyperlink {
    Hyperlink::new(url, HyperlinkType::External)
        .add_run(Run::new().add_text(text).style("Hyperlink"))
}

fn date(e: &Entry) -> &str {
    e.date.as_deref().unwrap_or(l::UNDATED)
}

/// A document with the styles the brief uses, named as Word names its built-in ones.
fn styled_document(brief: &Brief) -> Docx {
    let heading = |level: usize, size: usize, color: &str| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .ui_priority(9)
            .outline_lvl(level - 1)
            .bold()
            .size(size)
            .color(color)
            .line_spacing(
                LineSpacing::new()
                    .before(if level == 1 { 360 } else { 200 })
                    .after(80),
            )
    };
    Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .east_asia(FONT)
                .cs(FONT),
        )
        .default_size(21)
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(44)
                .bold()
                .line_spacing(LineSpacing::new().after(200)),
        )
        .add_style(heading(1, 32, "1F3864"))
        .add_style(heading(2, 26, "2F5496"))
        .add_style(heading(3, 22, "2F5496"))
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .q_format(true)
                .italic()
                .color("333333")
                .indent(Some(567), None, Some(567), None),
        )
        .add_style(
            Style::new("ListParagraph", StyleType::Paragraph)
                .name("List Paragraph")
                .based_on("Normal")
                .indent(Some(360), None, None, None),
        )
        .add_style(
            Style::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color("0563C1")
                .underline("single"),
        )
        .add_style(Style::new("TableGrid", StyleType::Table).name("Table Grid"))
        .custom_property("generator", "Counterpoint")
        .created_at(&crate::time::format_rfc3339(brief.generated_at))
}

fn pack(doc: Docx) -> Result<Vec<u8>> {
    let mut buf = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| Error::Brief(format!("cannot write the Word document: {e}")))?;
    Ok(buf.into_inner())
}
