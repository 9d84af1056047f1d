//! The JSON shapes of the command line. They are a contract with scripts: add fields, never
//! rename or remove them.

use counterpoint_core::model::{CountryTag, Item, Source, Span, Tagging};
use counterpoint_core::refresh::RefreshReport;
use serde::Serialize;

#[derive(Serialize)]
pub struct SourceJson<'a> {
    id: i64,
    url: &'a str,
    name: &'a str,
    kind: &'a str,
    language: Option<&'a str>,
    status: &'a str,
    error: Option<&'a str>,
    items: i64,
    unread: i64,
    last_checked: Option<String>,
}

impl<'a> From<&'a Source> for SourceJson<'a> {
    fn from(s: &'a Source) -> Self {
        SourceJson {
            id: s.id,
            url: &s.url,
            name: &s.name,
            kind: s.kind.as_str(),
            language: s.language.as_deref(),
            status: s.status.as_str(),
            error: s.error.as_deref(),
            items: s.items,
            unread: s.unread,
            last_checked: s.last_checked_at.map(rfc3339),
        }
    }
}

#[derive(Serialize)]
pub struct FetchJson<'a> {
    sources: Vec<FetchSourceJson<'a>>,
    new: usize,
    updated: usize,
    errors: usize,
    /// Items stored by an older tagger that this fetch re-tagged.
    retagged: usize,
}

#[derive(Serialize)]
struct FetchSourceJson<'a> {
    id: i64,
    url: &'a str,
    status: &'a str,
    new: usize,
    updated: usize,
    error: Option<&'a str>,
    warnings: &'a [String],
}

impl<'a> From<&'a RefreshReport> for FetchJson<'a> {
    fn from(r: &'a RefreshReport) -> Self {
        FetchJson {
            sources: r
                .sources
                .iter()
                .map(|s| FetchSourceJson {
                    id: s.source_id,
                    url: &s.url,
                    // The contract knows three outcomes; a gone feed is an error to scripts.
                    status: match s.status.as_str() {
                        "ok" | "new" => "ok",
                        "not_modified" => "not_modified",
                        _ => "error",
                    },
                    new: s.new,
                    updated: s.updated,
                    error: s.error.as_deref(),
                    warnings: &s.warnings,
                })
                .collect(),
            new: r.new_items(),
            updated: r.updated_items(),
            errors: r.errors(),
            retagged: r.retagged,
        }
    }
}

#[derive(Serialize)]
pub struct SpanJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> From<&'a Span> for SpanJson<'a> {
    fn from(s: &'a Span) -> Self {
        SpanJson {
            start: s.start,
            end: s.end,
            text: &s.text,
        }
    }
}

#[derive(Serialize)]
pub struct CountryJson<'a> {
    code: &'a str,
    name: &'a str,
    score: f32,
    focus: bool,
    evidence: Vec<SpanJson<'a>>,
}

impl<'a> From<&'a CountryTag> for CountryJson<'a> {
    fn from(c: &'a CountryTag) -> Self {
        CountryJson {
            code: &c.code,
            name: &c.name,
            score: (c.score * 1000.0).round() / 1000.0,
            focus: c.focus,
            evidence: c.evidence.iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize)]
pub struct VoicesJson<'a> {
    government: Vec<SpanJson<'a>>,
    ngo_concern: Vec<SpanJson<'a>>,
}

#[derive(Serialize)]
pub struct TaggingJson<'a> {
    language: &'a str,
    countries: Vec<CountryJson<'a>>,
    stance: &'a str,
    voices: VoicesJson<'a>,
}

impl<'a> From<&'a Tagging> for TaggingJson<'a> {
    fn from(t: &'a Tagging) -> Self {
        TaggingJson {
            language: &t.language,
            countries: t.countries.iter().map(Into::into).collect(),
            stance: t.stance.as_str(),
            voices: VoicesJson {
                government: t.voices.government.iter().map(Into::into).collect(),
                ngo_concern: t.voices.ngo_concern.iter().map(Into::into).collect(),
            },
        }
    }
}

#[derive(Serialize)]
pub struct ItemJson<'a> {
    id: i64,
    source: &'a str,
    source_id: i64,
    url: Option<&'a str>,
    title: &'a str,
    author: Option<&'a str>,
    published: Option<String>,
    fetched: String,
    language: Option<&'a str>,
    summary: Option<&'a str>,
    content_text: &'a str,
    content_html: Option<&'a str>,
    full_text: bool,
    extract_error: Option<&'a str>,
    read: bool,
    starred: bool,
    pinned: bool,
    note: Option<&'a str>,
    countries: Vec<CountryJson<'a>>,
    stance: &'a str,
    voices: VoicesJson<'a>,
    tagger_version: Option<i64>,
}

impl<'a> From<&'a Item> for ItemJson<'a> {
    fn from(i: &'a Item) -> Self {
        let empty = VoicesJson {
            government: vec![],
            ngo_concern: vec![],
        };
        let (countries, stance, voices) = match &i.tagging {
            Some(t) => {
                let tj = TaggingJson::from(t);
                (tj.countries, tj.stance, tj.voices)
            }
            None => (vec![], "neither", empty),
        };
        ItemJson {
            id: i.id,
            source: &i.source_name,
            source_id: i.source_id,
            url: i.url.as_deref(),
            title: &i.title,
            author: i.author.as_deref(),
            published: i.published.map(rfc3339),
            fetched: rfc3339(i.fetched_at),
            language: i.language.as_deref(),
            summary: i.summary.as_deref(),
            content_text: &i.content_text,
            content_html: i.content_html.as_deref(),
            full_text: i.full_text,
            extract_error: i.extract_error.as_deref(),
            read: i.read,
            starred: i.starred,
            pinned: i.pinned,
            note: i.note.as_deref(),
            countries,
            stance,
            voices,
            tagger_version: i.tagger_version,
        }
    }
}

/// Unix seconds as RFC 3339 in UTC.
pub fn rfc3339(unix: i64) -> String {
    counterpoint_core::time::format_rfc3339(unix)
}

/// One pinned item, as `pins --json` lists it.
#[derive(Serialize)]
pub struct PinJson<'a> {
    id: i64,
    title: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    published: Option<String>,
    stance: &'a str,
    countries: Vec<&'a str>,
    note: Option<&'a str>,
}

impl<'a> From<&'a Item> for PinJson<'a> {
    fn from(i: &'a Item) -> Self {
        PinJson {
            id: i.id,
            title: &i.title,
            source: &i.source_name,
            url: i.url.as_deref(),
            published: i.published.map(rfc3339),
            stance: i
                .tagging
                .as_ref()
                .map(|t| t.stance.as_str())
                .unwrap_or("neither"),
            countries: i
                .tagging
                .as_ref()
                .map(|t| t.countries.iter().map(|c| c.code.as_str()).collect())
                .unwrap_or_default(),
            note: i.note.as_deref(),
        }
    }
}
