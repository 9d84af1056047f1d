//! The brief as PDF, drawn with `printpdf` on A4 pages.
//!
//! `printpdf` places text but does not flow it, so this module does the little layout a brief
//! needs: words wrapped to the column using the font's own advance widths, page breaks that
//! keep a heading with what follows, a ruled summary table, link annotations over every URL
//! and page numbers. DejaVu Sans (regular and bold) is embedded, so every Latin, Turkish and
//! other European letter prints as written (Türkiye, Kılıçdaroğlu, Şanlıurfa) on any reader.

use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::{
    Actions, BorderArray, Color, ColorArray, FontId, Line, LinePoint, LinkAnnotation, Mm, Op,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb,
    TextItem,
};

use super::labels as l;
use super::{Brief, CountrySection, Entry};
use crate::{Error, Result};

const REGULAR_TTF: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const MARGIN_TOP: f32 = 56.0;
/// Leaves room for the page number under the text.
const MARGIN_BOTTOM: f32 = 64.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.5;
const LEADING: f32 = 1.35;

const BLACK: (f32, f32, f32) = (0.07, 0.07, 0.07);
const GREY: (f32, f32, f32) = (0.30, 0.30, 0.30);
const LINK: (f32, f32, f32) = (0.02, 0.27, 0.68);
const HEAD: (f32, f32, f32) = (0.12, 0.22, 0.39);

/// The two faces, parsed once per process: parsing a 700 kB font is the slowest step of a
/// small brief.
fn fonts() -> Result<&'static (ParsedFont, ParsedFont)> {
    static FONTS: OnceLock<Option<(ParsedFont, ParsedFont)>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())?;
            let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())?;
            Some((regular, bold))
        })
        .as_ref()
        .ok_or_else(|| Error::Brief("the embedded DejaVu Sans font could not be read".into()))
}

/// Renders `brief` as the bytes of a PDF file.
pub fn render(brief: &Brief) -> Result<Vec<u8>> {
    let (regular, bold) = fonts()?;
    let mut doc = PdfDocument::new(&brief.title);
    doc.metadata.info.creator = "Counterpoint".into();
    doc.metadata.info.subject = brief.scope.clone();
    if let Ok(made) = printpdf::OffsetDateTime::from_unix_timestamp(brief.generated_at) {
        doc.metadata.info.creation_date = made;
        doc.metadata.info.modification_date = made;
        doc.metadata.info.metadata_date = made;
    }
    let ids = [doc.add_font(regular), doc.add_font(bold)];
    let mut w = Writer::new([regular, bold], ids);

    w.text(&[Span::bold(&brief.title)], 19.0, 0.0, HEAD);
    w.space(6.0);
    for (label, value) in [
        (l::PERIOD, brief.period.clone()),
        (l::SCOPE, brief.scope.clone()),
        (l::GENERATED, brief.generated.clone()),
        (l::ITEMS, brief.item_count.to_string()),
    ] {
        w.text(
            &[Span::bold(&format!("{label}: ")), Span::plain(&value)],
            BODY,
            0.0,
            BLACK,
        );
    }

    if brief.is_empty() {
        w.space(10.0);
        w.text(&[Span::plain(l::EMPTY)], BODY + 1.0, 0.0, GREY);
        return w.finish(doc);
    }

    w.heading(1, l::SUMMARY);
    w.table(brief);
    w.space(4.0);
    w.text(&[Span::plain(l::SUMMARY_NOTE)], SMALL, 0.0, GREY);

    for section in &brief.sections {
        section_ops(&mut w, section);
    }

    w.heading(1, l::SOURCES);
    for c in &brief.sources {
        let mut spans = vec![
            Span::bold(&format!("[{}] ", c.number)),
            Span::plain(&format!(
                "{} — {}, {}.",
                c.title,
                c.source,
                c.date.as_deref().unwrap_or(l::UNDATED)
            )),
        ];
        if let Some(url) = &c.url {
            spans.push(Span::plain(" "));
            spans.push(Span::link(url, url));
        }
        w.text(&spans, SMALL, 0.0, BLACK);
        w.space(2.5);
    }
    w.finish(doc)
}

fn section_ops(w: &mut Writer<'_>, section: &CountrySection) {
    w.heading(1, &section.name);
    w.heading(2, l::GOVERNMENT);
    if section.government.is_empty() {
        w.text(&[Span::plain(l::NONE_GOVERNMENT)], BODY, 0.0, GREY);
    }
    for e in &section.government {
        entry_ops(w, e);
    }
    w.heading(2, l::NGO);
    if section.ngo_concern.is_empty() {
        w.text(&[Span::plain(l::NONE_NGO)], BODY, 0.0, GREY);
    }
    for e in &section.ngo_concern {
        entry_ops(w, e);
    }
    if !section.other.is_empty() {
        w.heading(2, l::OTHER);
        for e in &section.other {
            let mut spans = vec![
                Span::plain("• "),
                Span::plain(&e.title),
                Span::plain(&format!(
                    " [{}] — {}, {}",
                    e.citation,
                    e.source,
                    e.date.as_deref().unwrap_or(l::UNDATED)
                )),
            ];
            if let Some(url) = &e.url {
                spans.push(Span::plain(" · "));
                spans.push(Span::link(url, "link"));
            }
            if let Some(note) = &e.note {
                spans.push(Span::bold(&format!(" — {}: ", l::NOTE)));
                spans.push(Span::plain(note));
            }
            w.text(&spans, BODY, 8.0, BLACK);
            w.space(2.0);
        }
    }
}

fn entry_ops(w: &mut Writer<'_>, e: &Entry) {
    // An entry's headline never sits alone at the foot of a page.
    w.keep(BODY * LEADING * 3.0);
    w.space(5.0);
    w.text(
        &[
            Span::bold(&e.title),
            Span::plain(&format!(" [{}]", e.citation)),
        ],
        BODY,
        0.0,
        BLACK,
    );
    let mut byline = vec![Span::plain(&format!(
        "{}, {}",
        e.source,
        e.date.as_deref().unwrap_or(l::UNDATED)
    ))];
    if let Some(url) = &e.url {
        byline.push(Span::plain(" · "));
        byline.push(Span::link(url, url));
    }
    w.text(&byline, SMALL, 0.0, GREY);
    for q in &e.quotes {
        w.space(2.0);
        w.quote(&format!("“{q}”"));
    }
    if let Some(note) = &e.note {
        w.space(2.0);
        w.text(
            &[Span::bold(&format!("{}: ", l::NOTE)), Span::plain(note)],
            BODY,
            0.0,
            BLACK,
        );
    }
}

/// A piece of text in one style.
#[derive(Clone)]
struct Span {
    text: String,
    bold: bool,
    link: Option<String>,
}

impl Span {
    fn plain(text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: false,
            link: None,
        }
    }
    fn bold(text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: true,
            link: None,
        }
    }
    fn link(url: &str, text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: false,
            link: Some(url.to_string()),
        }
    }
}

/// One laid-out piece of a line: where it starts, its text and style.
struct Placed {
    x: f32,
    width: f32,
    text: String,
    bold: bool,
    link: Option<String>,
}

/// Lays text out top to bottom, page after page.
struct Writer<'f> {
    fonts: [&'f ParsedFont; 2],
    ids: [FontId; 2],
    /// Advance widths in em per character and face, cached: a brief repeats few characters.
    widths: HashMap<(char, bool), f32>,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The top of the next line, in points from the bottom of the page.
    y: f32,
}

impl<'f> Writer<'f> {
    fn new(fonts: [&'f ParsedFont; 2], ids: [FontId; 2]) -> Self {
        Writer {
            fonts,
            ids,
            widths: HashMap::new(),
            pages: Vec::new(),
            ops: Vec::new(),
            y: PAGE_H - MARGIN_TOP,
        }
    }

    fn char_width(&mut self, c: char, bold: bool) -> f32 {
        let font = self.fonts[usize::from(bold)];
        *self.widths.entry((c, bold)).or_insert_with(|| {
            let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
            f32::from(font.get_glyph_width(gid).unwrap_or(0)) / f32::from(font.units_per_em.max(1))
        })
    }

    fn width(&mut self, s: &str, bold: bool, size: f32) -> f32 {
        s.chars().map(|c| self.char_width(c, bold)).sum::<f32>() * size
    }

    fn space(&mut self, pt: f32) {
        self.y -= pt;
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = PAGE_H - MARGIN_TOP;
    }

    /// Starts a new page unless `height` points still fit on this one.
    fn keep(&mut self, height: f32) {
        if self.y - height < MARGIN_BOTTOM {
            self.new_page();
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before, after) = if level == 1 {
            (14.5, 14.0, 5.0)
        } else {
            (11.0, 8.0, 3.0)
        };
        // A heading keeps at least three lines of what follows with it.
        self.keep(before + size * LEADING + after + BODY * LEADING * 3.0);
        if self.y < PAGE_H - MARGIN_TOP {
            self.space(before);
        }
        self.text(&[Span::bold(text)], size, 0.0, HEAD);
        if level == 1 {
            let y = self.y + 2.0;
            self.rule(MARGIN_X, PAGE_W - MARGIN_X, y, 0.6, (0.6, 0.6, 0.6));
        }
        self.space(after);
    }

    /// A quotation: indented, grey, with a bar in the margin.
    fn quote(&mut self, text: &str) {
        let top = self.y;
        let first_page = self.pages.len();
        self.text(&[Span::plain(text)], BODY, 16.0, GREY);
        if self.pages.len() == first_page {
            let x = MARGIN_X + 7.0;
            let line = Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(top - 1.0),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(self.y + 2.0),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            };
            self.ops.push(Op::SetOutlineColor {
                col: rgb((0.7, 0.7, 0.7)),
            });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(1.5) });
            self.ops.push(Op::DrawLine { line });
        }
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, color: (f32, f32, f32)) {
        let line = Line {
            points: vec![
                LinePoint {
                    p: Point {
                        x: Pt(x1),
                        y: Pt(y),
                    },
                    bezier: false,
                },
                LinePoint {
                    p: Point {
                        x: Pt(x2),
                        y: Pt(y),
                    },
                    bezier: false,
                },
            ],
            is_closed: false,
        };
        self.ops.push(Op::SetOutlineColor { col: rgb(color) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine { line });
    }

    /// A wrapped paragraph of styled spans, `indent` points in from the left margin.
    fn text(&mut self, spans: &[Span], size: f32, indent: f32, color: (f32, f32, f32)) {
        let left = MARGIN_X + indent;
        let max = PAGE_W - MARGIN_X - left;
        // Spaces inside a merged piece are drawn with that piece's face, so each face's own
        // space width is used, or bold lines would run into what follows them.
        let spaces = [self.width(" ", false, size), self.width(" ", true, size)];
        let mut lines: Vec<Vec<Placed>> = vec![Vec::new()];
        let mut x = 0.0f32;
        // Words keep their span's style; a space before a word is dropped at a line start.
        for span in spans {
            let space_w = spaces[usize::from(span.bold)];
            let mut first = true;
            for word in span.text.split(' ') {
                let leading_space = !first;
                first = false;
                if word.is_empty() {
                    if leading_space && x > 0.0 {
                        x += space_w;
                    }
                    continue;
                }
                let gap = if leading_space && x > 0.0 {
                    space_w
                } else {
                    0.0
                };
                let mut ww = self.width(word, span.bold, size);
                if x > 0.0 && x + gap + ww > max {
                    lines.push(Vec::new());
                    x = 0.0;
                } else {
                    x += gap;
                }
                let mut rest = word.to_string();
                // A word wider than the column (a long URL) is cut where it overflows.
                while ww > max - x && rest.chars().count() > 1 {
                    let mut cut = String::new();
                    let mut cw = 0.0;
                    for c in rest.chars() {
                        let w = self.char_width(c, span.bold) * size;
                        if x + cw + w > max && !cut.is_empty() {
                            break;
                        }
                        cw += w;
                        cut.push(c);
                    }
                    rest = rest[cut.len()..].to_string();
                    push_placed(
                        lines.last_mut().unwrap_or(&mut Vec::new()),
                        x,
                        cw,
                        cut,
                        span,
                    );
                    lines.push(Vec::new());
                    x = 0.0;
                    ww = self.width(&rest, span.bold, size);
                    if rest.is_empty() {
                        break;
                    }
                }
                if !rest.is_empty() {
                    if let Some(line) = lines.last_mut() {
                        push_placed(line, x, ww, rest, span);
                    }
                    x += ww;
                }
            }
        }
        let line_h = size * LEADING;
        for line in lines {
            if line.is_empty() {
                continue;
            }
            self.keep(line_h);
            self.y -= line_h;
            let baseline = self.y + (line_h - size) / 2.0 + size * 0.22;
            self.draw_line(&line, left, baseline, size, color);
        }
    }

    fn draw_line(
        &mut self,
        line: &[Placed],
        left: f32,
        baseline: f32,
        size: f32,
        color: (f32, f32, f32),
    ) {
        for p in line {
            let col = if p.link.is_some() { LINK } else { color };
            self.ops.push(Op::StartTextSection);
            self.ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(left + p.x),
                    y: Pt(baseline),
                },
            });
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(self.ids[usize::from(p.bold)].clone()),
                size: Pt(size),
            });
            self.ops.push(Op::SetFillColor { col: rgb(col) });
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(p.text.clone())],
            });
            self.ops.push(Op::EndTextSection);
            if let Some(url) = &p.link {
                let rect = Rect {
                    x: Pt(left + p.x),
                    y: Pt(baseline - size * 0.25),
                    width: Pt(p.width),
                    height: Pt(size * 1.2),
                    mode: None,
                    winding_order: None,
                };
                self.ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        Actions::Uri(url.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        None,
                    ),
                });
            }
        }
    }

    /// The summary table: one row per section, ruled, numbers right-aligned.
    fn table(&mut self, brief: &Brief) {
        let widths = [143.0f32, 104.0, 78.0, 50.0, 58.0, 50.0];
        let size = SMALL;
        let row_h = size * LEADING + 6.0;
        let mut header = true;
        let rows: Vec<[String; 6]> = std::iter::once(l::SUMMARY_COLUMNS.map(str::to_string))
            .chain(brief.summary.iter().map(|r| {
                [
                    r.label.clone(),
                    r.government.to_string(),
                    r.ngo_concern.to_string(),
                    r.both.to_string(),
                    r.neither.to_string(),
                    r.total.to_string(),
                ]
            }))
            .collect();
        let last = rows.len() - 1;
        for (i, row) in rows.iter().enumerate() {
            if self.y - row_h < MARGIN_BOTTOM {
                self.new_page();
            }
            // The header is a step smaller so that the long column names fit on one line.
            let size = if header { SMALL - 1.0 } else { SMALL };
            let top = self.y;
            self.y -= row_h;
            let baseline = self.y + 3.0 + size * 0.22 + (row_h - 6.0 - size) / 2.0 + 1.0;
            let bold = header || i == last;
            let mut x = MARGIN_X;
            let mut placed = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                let text = self.fit(cell, bold, size, widths[c] - 8.0);
                let w = self.width(&text, bold, size);
                let offset = if c == 0 { 4.0 } else { widths[c] - 4.0 - w };
                placed.push(Placed {
                    x: x - MARGIN_X + offset,
                    width: w,
                    text,
                    bold,
                    link: None,
                });
                x += widths[c];
            }
            self.draw_line(&placed, MARGIN_X, baseline, size, BLACK);
            let right = MARGIN_X + widths.iter().sum::<f32>();
            let line_w = if header || i == last { 0.9 } else { 0.4 };
            if i == 0 {
                self.rule(MARGIN_X, right, top, 0.9, (0.3, 0.3, 0.3));
            }
            self.rule(
                MARGIN_X,
                right,
                self.y,
                if i + 1 == last { 0.9 } else { line_w },
                (0.3, 0.3, 0.3),
            );
            header = false;
        }
    }

    /// `text` cut with an ellipsis to fit `max` points.
    fn fit(&mut self, text: &str, bold: bool, size: f32, max: f32) -> String {
        if self.width(text, bold, size) <= max {
            return text.to_string();
        }
        let ell = self.width("…", bold, size);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            let cw = self.char_width(c, bold) * size;
            if w + cw + ell > max {
                break;
            }
            w += cw;
            out.push(c);
        }
        out.push('…');
        out
    }

    /// Closes the last page, numbers the pages and serializes the document.
    fn finish(mut self, mut doc: PdfDocument) -> Result<Vec<u8>> {
        self.pages.push(std::mem::take(&mut self.ops));
        let total = self.pages.len();
        let pages: Vec<Vec<Op>> = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(total);
        for (i, mut ops) in pages.into_iter().enumerate() {
            let label = format!("{} / {}", i + 1, total);
            let w = self.width(&label, false, 7.5);
            let saved = std::mem::take(&mut self.ops);
            self.draw_line(
                &[Placed {
                    x: (PAGE_W - w) / 2.0 - MARGIN_X,
                    width: w,
                    text: label,
                    bold: false,
                    link: None,
                }],
                MARGIN_X,
                MARGIN_BOTTOM / 2.0,
                7.5,
                GREY,
            );
            ops.append(&mut self.ops);
            self.ops = saved;
            out.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        let mut warnings = Vec::new();
        let bytes = doc
            .with_pages(out)
            .save(&PdfSaveOptions::default(), &mut warnings);
        if bytes.is_empty() {
            return Err(Error::Brief("the PDF could not be written".into()));
        }
        Ok(bytes)
    }
}

fn push_placed(line: &mut Vec<Placed>, x: f32, width: f32, text: String, span: &Span) {
    // Consecutive words of one style become one piece: fewer text objects, smaller files.
    if let Some(last) = line.last_mut() {
        let gap = x - (last.x + last.width);
        if last.bold == span.bold && last.link.is_none() && span.link.is_none() && gap >= -0.01 {
            if gap > 0.01 {
                last.text.push(' ');
            }
            last.text.push_str(&text);
            last.width = x + width - last.x;
            return;
        }
    }
    line.push(Placed {
        x,
        width,
        text,
        bold: span.bold,
        link: span.link.clone(),
    });
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}
