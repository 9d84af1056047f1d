//! Briefing notes: the government line beside the NGO concerns, per country, with citations.
//!
//! [`build`] turns a selection of archived items into a [`Brief`], plain data that knows
//! nothing of any file format. One renderer per format turns that model into bytes:
//! [`markdown`], [`html`], [`docx`] and [`pdf`]. [`write_brief`] does both and writes the file
//! atomically, so a failed export never leaves half a brief behind.
//!
//! Everything in a brief that came from a feed is untrusted. The model already strips control
//! and bidirectional-override characters and keeps only http(s) links; each renderer escapes
//! for its own format on top of that.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::model::Item;
use crate::store::Archive;
use crate::time::format_date;
use crate::{Error, Result};

/// How many evidence sentences are quoted per voice and item: enough to show the line, few
/// enough that a brief of hundreds of items stays readable.
const MAX_QUOTES: usize = 3;
/// Longest quotation kept, in characters; longer evidence is cut at a word boundary.
const MAX_QUOTE_CHARS: usize = 600;
/// The code the tagger gives the European Union as a whole.
const EU_CODE: &str = "EU";

/// What the caller says about the brief: everything that is not derived from the items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefMeta {
    pub title: String,
    /// The selection in words: the query and filters, or "Pinned items".
    pub scope: String,
    /// Unix seconds; the start of the period asked for, if any.
    pub since: Option<i64>,
    /// Unix seconds; the end of the period asked for, if any.
    pub until: Option<i64>,
    /// Unix seconds; when the brief was made (fixed in tests so output is reproducible).
    pub generated_at: i64,
}

/// The file formats a brief can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Docx, Format::Pdf];

    /// The short name used on the command line (`md`, `html`, `docx`, `pdf`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The format a file name asks for by its extension, if it names one.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        ext.parse().ok()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            _ => Err(Error::InvalidInput(format!(
                "unknown brief format {s:?} (expected md, html, docx or pdf)"
            ))),
        }
    }
}

/// A briefing note, ready to render in any format.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub title: String,
    /// The selection in words.
    pub scope: String,
    /// The period covered, in words (`2025-03-01 to 2025-03-31`).
    pub period: String,
    /// When the brief was made, in words (`2025-04-01 09:30 UTC`).
    pub generated: String,
    /// When the brief was made, in Unix seconds (for document metadata).
    pub generated_at: i64,
    /// How many distinct items the brief cites.
    pub item_count: usize,
    /// One row per section, in section order, then a row for all items.
    pub summary: Vec<SummaryRow>,
    pub sections: Vec<CountrySection>,
    /// Every cited item, by citation number (the first has number 1).
    pub sources: Vec<Citation>,
}

impl Brief {
    /// Whether the selection was empty: the brief then says it found nothing.
    pub fn is_empty(&self) -> bool {
        self.item_count == 0
    }
}

/// One row of the summary table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub label: String,
    /// Items carrying a government position (including those that carry both voices).
    pub government: usize,
    /// Items carrying an NGO concern (including those that carry both voices).
    pub ngo_concern: usize,
    pub both: usize,
    pub neither: usize,
    pub total: usize,
}

/// The part of the brief about one country (or about the EU as a whole and items with no
/// country, which share one section).
#[derive(Debug, Clone, PartialEq)]
pub struct CountrySection {
    /// ISO code; `None` for the EU-wide / no-country section.
    pub code: Option<String>,
    /// The heading: the country's name.
    pub name: String,
    /// Items that have this country among their focus countries.
    pub focus_items: usize,
    pub total_items: usize,
    pub government: Vec<Entry>,
    pub ngo_concern: Vec<Entry>,
    /// Items of this country that carry neither voice.
    pub other: Vec<Entry>,
}

/// One item as cited in a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The item's citation number ([`Brief::sources`] holds it at `citation - 1`).
    pub citation: usize,
    pub item_id: i64,
    pub title: String,
    pub source: String,
    /// `YYYY-MM-DD`, or `None` when the feed gave no date.
    pub date: Option<String>,
    /// An http(s) URL, or `None`.
    pub url: Option<String>,
    /// The evidence sentences that carried this section's voice (empty for "Other coverage").
    pub quotes: Vec<String>,
    /// The analyst's note, if any.
    pub note: Option<String>,
}

/// One line of the Sources list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub number: usize,
    pub item_id: i64,
    pub title: String,
    pub source: String,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// Labels shared by every renderer, so the formats read the same.
pub mod labels {
    pub const PERIOD: &str = "Period";
    pub const SCOPE: &str = "Scope";
    pub const GENERATED: &str = "Generated";
    pub const ITEMS: &str = "Items";
    pub const SUMMARY: &str = "Summary";
    pub const COUNTRY: &str = "Country";
    pub const GOVERNMENT: &str = "Government position";
    pub const NGO: &str = "NGO concerns";
    pub const OTHER: &str = "Other coverage";
    pub const BOTH: &str = "Both";
    pub const NEITHER: &str = "Neither";
    pub const TOTAL: &str = "Total";
    pub const SOURCES: &str = "Sources";
    pub const NOTE: &str = "Analyst's note";
    pub const UNDATED: &str = "undated";
    pub const NONE_GOVERNMENT: &str = "No government position in the selected items.";
    pub const NONE_NGO: &str = "No NGO concern in the selected items.";
    pub const EMPTY: &str = "No items matched this selection, so there is nothing to report.";
    pub const SUMMARY_NOTE: &str = "Items that carry both voices are counted under both the government position and the NGO concerns, and are quoted in both sections.";
    pub const ALL_ITEMS: &str = "All items";
    pub const NO_COUNTRY: &str = "EU-wide / no country";
    pub const SUMMARY_COLUMNS: [&str; 6] =
        [COUNTRY, GOVERNMENT, "NGO concern", BOTH, NEITHER, TOTAL];
}

/// Builds the brief of the items `ids` (in any order; unknown ids are an error, duplicates
/// are cited once).
pub fn build(archive: &Archive, ids: &[i64], meta: &BriefMeta) -> Result<Brief> {
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::with_capacity(ids.len());
    for &id in ids {
        if seen.insert(id) {
            items.push(archive.item(id)?);
        }
    }
    Ok(build_from_items(&items, meta))
}

/// Builds the brief of items already read from the archive.
pub fn build_from_items(items: &[Item], meta: &BriefMeta) -> Brief {
    // Newest first within every list; undated items last, then by id for a stable order.
    let mut order: Vec<&Item> = items.iter().collect();
    order.sort_by(|a, b| b.published.cmp(&a.published).then(a.id.cmp(&b.id)));

    let mut sections: BTreeMap<Option<String>, SectionAcc<'_>> = BTreeMap::new();
    for item in &order {
        for (key, name, focus) in section_keys(item) {
            let acc = sections.entry(key).or_insert_with(|| SectionAcc {
                name,
                focus: 0,
                items: Vec::new(),
            });
            acc.focus += usize::from(focus);
            acc.items.push((item, focus));
        }
    }
    // Within a country, the items about it come before those that only mention it; the
    // sort is stable, so each group stays newest first.
    let sections: BTreeMap<Option<String>, SectionAcc<'_>> = sections
        .into_iter()
        .map(|(k, mut acc)| {
            acc.items.sort_by_key(|(_, focus)| !focus);
            (k, acc)
        })
        .collect();

    // Countries by weight (focus items, then all items, then name); the shared EU-wide /
    // no-country section closes the list because it is context rather than a country's line.
    let mut ordered: Vec<(Option<String>, SectionAcc<'_>)> = sections.into_iter().collect();
    ordered.sort_by(|(ka, a), (kb, b)| {
        ka.is_none()
            .cmp(&kb.is_none())
            .then(b.focus.cmp(&a.focus))
            .then(b.items.len().cmp(&a.items.len()))
            .then(a.name.cmp(&b.name))
    });

    // Citation numbers follow reading order: the first item cited is [1].
    let mut numbers: HashMap<i64, usize> = HashMap::new();
    let mut sources = Vec::new();
    let mut cite = |item: &Item| -> usize {
        *numbers.entry(item.id).or_insert_with(|| {
            sources.push(citation(sources.len() + 1, item));
            sources.len()
        })
    };

    let mut summary = Vec::new();
    let mut out_sections = Vec::new();
    for (code, acc) in ordered {
        let items: Vec<&Item> = acc.items.iter().map(|(i, _)| *i).collect();
        summary.push(summary_row(acc.name.clone(), &items));
        let mut section = CountrySection {
            code,
            name: acc.name,
            focus_items: acc.focus,
            total_items: acc.items.len(),
            government: Vec::new(),
            ngo_concern: Vec::new(),
            other: Vec::new(),
        };
        for item in items.iter().filter(|i| stance(i).has_government()) {
            let quotes = quotes(item, Voice::Government);
            section.government.push(entry(cite(item), item, quotes));
        }
        for item in items.iter().filter(|i| stance(i).has_ngo_concern()) {
            let quotes = quotes(item, Voice::NgoConcern);
            section.ngo_concern.push(entry(cite(item), item, quotes));
        }
        for item in items
            .iter()
            .filter(|i| stance(i) == crate::model::Stance::Neither)
        {
            section.other.push(entry(cite(item), item, Vec::new()));
        }
        out_sections.push(section);
    }
    if !items.is_empty() {
        summary.push(summary_row(labels::ALL_ITEMS.to_string(), &order));
    }

    Brief {
        title: clean_line(&meta.title),
        scope: clean_line(&meta.scope),
        period: period(meta, items),
        generated: chrono::DateTime::from_timestamp(meta.generated_at, 0)
            .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default(),
        generated_at: meta.generated_at,
        item_count: order.len(),
        summary,
        sections: out_sections,
        sources,
    }
}

/// Renders a brief in `format`.
pub fn render(brief: &Brief, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Markdown => Ok(markdown::render(brief).into_bytes()),
        Format::Html => Ok(html::render(brief).into_bytes()),
        Format::Docx => docx::render(brief),
        Format::Pdf => pdf::render(brief),
    }
}

/// Builds the brief of `ids` and writes it in `format` to exactly `path`, atomically.
pub fn write_brief(
    archive: &Archive,
    ids: &[i64],
    meta: &BriefMeta,
    format: Format,
    path: &Path,
) -> Result<()> {
    let brief = build(archive, ids, meta)?;
    let bytes = render(&brief, format)?;
    crate::files::write_atomically(path, &bytes)
}

struct SectionAcc<'a> {
    name: String,
    focus: usize,
    /// Each item with whether this section's country is one of its focus countries.
    items: Vec<(&'a Item, bool)>,
}

#[derive(Clone, Copy)]
enum Voice {
    Government,
    NgoConcern,
}

fn stance(item: &Item) -> crate::model::Stance {
    item.tagging.as_ref().map(|t| t.stance).unwrap_or_default()
}

/// The sections an item belongs to: each country it is tagged with, and the shared EU-wide /
/// no-country section when it concerns the Union as a whole or no country at all.
fn section_keys(item: &Item) -> Vec<(Option<String>, String, bool)> {
    let countries = item
        .tagging
        .as_ref()
        .map(|t| t.countries.as_slice())
        .unwrap_or_default();
    let mut keys = Vec::new();
    let mut eu_wide = countries.is_empty();
    for c in countries {
        if c.code.eq_ignore_ascii_case(EU_CODE) {
            eu_wide = true;
            continue;
        }
        if keys
            .iter()
            .any(|(k, _, _): &(Option<String>, String, bool)| k.as_deref() == Some(c.code.as_str()))
        {
            continue;
        }
        let name = clean_line(&c.name);
        let name = if name.is_empty() {
            c.code.clone()
        } else {
            name
        };
        keys.push((Some(c.code.clone()), name, c.focus));
    }
    if eu_wide {
        let focus = countries
            .iter()
            .any(|c| c.focus && c.code.eq_ignore_ascii_case(EU_CODE));
        keys.push((None, labels::NO_COUNTRY.to_string(), focus));
    }
    keys
}

fn summary_row(label: String, items: &[&Item]) -> SummaryRow {
    let mut row = SummaryRow {
        label,
        government: 0,
        ngo_concern: 0,
        both: 0,
        neither: 0,
        total: items.len(),
    };
    for item in items {
        let s = stance(item);
        row.government += usize::from(s.has_government());
        row.ngo_concern += usize::from(s.has_ngo_concern());
        row.both += usize::from(s == crate::model::Stance::Both);
        row.neither += usize::from(s == crate::model::Stance::Neither);
    }
    row
}

fn quotes(item: &Item, voice: Voice) -> Vec<String> {
    let Some(tagging) = &item.tagging else {
        return Vec::new();
    };
    let spans = match voice {
        Voice::Government => &tagging.voices.government,
        Voice::NgoConcern => &tagging.voices.ngo_concern,
    };
    let mut out: Vec<String> = Vec::new();
    for span in spans {
        let text = truncate(&clean_line(&span.text), MAX_QUOTE_CHARS);
        if !text.is_empty() && !out.contains(&text) {
            out.push(text);
        }
        if out.len() == MAX_QUOTES {
            break;
        }
    }
    out
}

fn entry(citation: usize, item: &Item, quotes: Vec<String>) -> Entry {
    Entry {
        citation,
        item_id: item.id,
        title: title(item),
        source: clean_line(&item.source_name),
        date: item.published.map(format_date),
        url: safe_url(item.url.as_deref()),
        quotes,
        note: item
            .note
            .as_deref()
            .map(clean_line)
            .filter(|n| !n.is_empty()),
    }
}

fn citation(number: usize, item: &Item) -> Citation {
    Citation {
        number,
        item_id: item.id,
        title: title(item),
        source: clean_line(&item.source_name),
        date: item.published.map(format_date),
        url: safe_url(item.url.as_deref()),
    }
}

fn title(item: &Item) -> String {
    let t = clean_line(&item.title);
    if t.is_empty() {
        "(untitled)".to_string()
    } else {
        t
    }
}

/// The period in words: what the caller asked for, completed by the dates of the items.
fn period(meta: &BriefMeta, items: &[Item]) -> String {
    let dates = items.iter().filter_map(|i| i.published);
    let first = meta.since.or_else(|| dates.clone().min());
    let last = meta.until.or_else(|| dates.max());
    match (first, last) {
        (Some(a), Some(b)) => format!("{} to {}", format_date(a), format_date(b)),
        (Some(a), None) => format!("from {}", format_date(a)),
        (None, Some(b)) => format!("up to {}", format_date(b)),
        (None, None) => "no dated items".to_string(),
    }
}

/// Only absolute http(s) links survive: anything else (`javascript:`, `data:`, relative
/// paths) would be active content or a broken link in the exported file.
pub fn safe_url(url: Option<&str>) -> Option<String> {
    let parsed = url::Url::parse(url?.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https")
        || parsed.host_str().filter(|h| !h.is_empty()).is_none()
    {
        return None;
    }
    Some(parsed.to_string())
}

/// One line of display text: control characters and bidirectional overrides removed (they
/// can hide or reorder what a reader sees), every run of whitespace made one space.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_invisible_format(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_line_removes_controls_and_overrides() {
        assert_eq!(clean_line("  a\u{0}b\n\nc\u{202E}d\t "), "a b cd");
    }

    #[test]
    fn only_http_links_survive() {
        assert_eq!(safe_url(Some("javascript:alert(1)")), None);
        assert_eq!(safe_url(Some("data:text/html,x")), None);
        assert_eq!(safe_url(Some("/relative")), None);
        assert_eq!(
            safe_url(Some("https://example.org/a b")),
            Some("https://example.org/a%20b".into())
        );
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(
            Format::from_path(Path::new("x/brief.PDF")),
            Some(Format::Pdf)
        );
        assert_eq!(
            Format::from_path(Path::new("brief.markdown")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_path(Path::new("brief.txt")), None);
        assert_eq!(Format::from_path(Path::new("brief")), None);
    }

    #[test]
    fn long_quotes_are_cut_at_a_word() {
        let q = truncate(&"word ".repeat(200), 50);
        assert!(q.ends_with('…') && q.chars().count() <= 51, "{q}");
    }
}
