//! The JSON shapes of IPC, defined here at the edge: the core's types are plain data and know
//! nothing of serde. Field names are camelCase, as the TypeScript side expects.

use counterpoint_core::model::{Item, Source, Span};
use counterpoint_core::refresh::{RefreshReport, SourceReport};
use counterpoint_core::search::query::parse_stance;
use counterpoint_core::search::watch::WatchStatus;
use counterpoint_core::search::{Hit, SearchRequest, SortOrder};
use counterpoint_core::sources::KnownSource;
use counterpoint_core::store::views::{
    CountryCount, ItemFilter, ItemRow, MonthCount, PageAt, VoiceFilter,
};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The English name of a country code, as the tagger's gazetteer has it.
pub fn country_name(code: &str) -> String {
    counterpoint_core::tag::gazetteer::gazetteer().name(code)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub items: i64,
    /// Whether the window was opened on a brand-new archive.
    pub first_run: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceDto {
    pub id: i64,
    pub url: String,
    pub name: String,
    pub kind: String,
    pub language: Option<String>,
    pub site_url: Option<String>,
    pub status: String,
    pub error: Option<String>,
    pub last_checked_at: Option<i64>,
    pub items: i64,
    pub unread: i64,
}

impl From<Source> for SourceDto {
    fn from(s: Source) -> Self {
        SourceDto {
            id: s.id,
            url: s.url,
            name: s.name,
            kind: s.kind.as_str().into(),
            language: s.language,
            site_url: s.site_url,
            status: s.status.as_str().into(),
            error: s.error,
            last_checked_at: s.last_checked_at,
            items: s.items,
            unread: s.unread,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedSourceDto {
    pub name: String,
    pub url: String,
    pub kind: String,
    pub language: String,
    pub about: String,
    /// Whether the archive already has it.
    pub added: bool,
}

impl SuggestedSourceDto {
    pub fn new(k: &KnownSource, added: bool) -> Self {
        SuggestedSourceDto {
            name: k.name.into(),
            url: k.url.into(),
            kind: k.kind.as_str().into(),
            language: k.language.into(),
            about: k.about.into(),
            added,
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct NewSourceDto {
    pub url: String,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SourceChangeDto {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub language: Option<String>,
}

/// The filters of a list, as the UI's chips build them.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct FilterDto {
    pub sources: Vec<i64>,
    pub countries: Vec<String>,
    pub voice: Option<String>,
    pub languages: Vec<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub unread_only: bool,
    pub starred_only: bool,
    pub pinned_only: bool,
    pub text: Option<String>,
}

impl FilterDto {
    pub fn to_filter(&self) -> Result<ItemFilter> {
        let voice = match self.voice.as_deref().filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => Some(
                VoiceFilter::parse(v)
                    .ok_or_else(|| Error::InvalidInput(format!("unknown voice {v:?}")))?,
            ),
        };
        Ok(ItemFilter {
            sources: self.sources.clone(),
            countries: self.countries.clone(),
            voice,
            languages: self.languages.clone(),
            since: self.since,
            until: self.until,
            unread_only: self.unread_only,
            starred_only: self.starred_only,
            pinned_only: self.pinned_only,
            text: self.text.clone().filter(|t| !t.trim().is_empty()),
            after_id: None,
        })
    }
}

/// A row's place in the list: where keyset paging resumes.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct AnchorDto {
    pub time: i64,
    pub id: i64,
}

/// Where a page starts, when not at a plain offset from the start.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageAtDto {
    pub after: Option<AnchorDto>,
    pub before: Option<AnchorDto>,
    pub from_end: Option<i64>,
}

impl PageAtDto {
    pub fn to_page_at(self, offset: i64) -> PageAt {
        match (self.after, self.before, self.from_end) {
            (Some(a), _, _) => PageAt::After {
                sort_time: a.time,
                id: a.id,
            },
            (_, Some(b), _) => PageAt::Before {
                sort_time: b.time,
                id: b.id,
            },
            (_, _, Some(n)) => PageAt::FromEnd(n),
            _ => PageAt::Offset(offset),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemRowDto {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub title: String,
    pub url: Option<String>,
    pub time: i64,
    pub language: Option<String>,
    pub stance: String,
    pub read: bool,
    pub starred: bool,
    pub pinned: bool,
    pub countries: Vec<CountryNameDto>,
    pub snippet: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountryNameDto {
    pub code: String,
    pub name: String,
}

impl CountryNameDto {
    pub fn new(code: &str) -> Self {
        CountryNameDto {
            code: code.to_string(),
            name: country_name(code),
        }
    }
}

impl From<ItemRow> for ItemRowDto {
    fn from(r: ItemRow) -> Self {
        ItemRowDto {
            id: r.id,
            source_id: r.source_id,
            source_name: r.source_name,
            title: r.title,
            url: r.url,
            time: r.sort_time,
            language: r.language,
            stance: r.stance.as_str().into(),
            read: r.read,
            starred: r.starred,
            pinned: r.pinned,
            countries: r.countries.iter().map(|c| CountryNameDto::new(c)).collect(),
            snippet: r.snippet,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpanDto {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl From<&Span> for SpanDto {
    fn from(s: &Span) -> Self {
        SpanDto {
            start: s.start,
            end: s.end,
            text: s.text.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountryTagDto {
    pub code: String,
    pub name: String,
    pub score: f32,
    pub focus: bool,
    pub evidence: Vec<SpanDto>,
}

/// One item for the reading pane, with what the tagger found and where.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemDto {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub source_kind: String,
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published: Option<i64>,
    pub fetched_at: i64,
    pub language: Option<String>,
    /// Sanitized by the core before it was stored.
    pub content_html: Option<String>,
    pub content_text: String,
    pub full_text: bool,
    pub extract_error: Option<String>,
    pub read: bool,
    pub starred: bool,
    pub pinned: bool,
    pub note: Option<String>,
    pub stance: String,
    pub countries: Vec<CountryTagDto>,
    pub government: Vec<SpanDto>,
    pub ngo_concern: Vec<SpanDto>,
}

impl From<Item> for ItemDto {
    fn from(i: Item) -> Self {
        let tagging = i.tagging.unwrap_or_default();
        ItemDto {
            id: i.id,
            source_id: i.source_id,
            source_name: i.source_name,
            source_kind: i.source_kind.as_str().into(),
            title: i.title,
            url: i.url,
            author: i.author,
            published: i.published,
            fetched_at: i.fetched_at,
            language: i.language,
            content_html: i.content_html,
            content_text: i.content_text,
            full_text: i.full_text,
            extract_error: i.extract_error,
            read: i.read,
            starred: i.starred,
            pinned: i.pinned,
            note: i.note,
            stance: tagging.stance.as_str().into(),
            countries: tagging
                .countries
                .iter()
                .map(|c| CountryTagDto {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    score: c.score,
                    focus: c.focus,
                    evidence: c.evidence.iter().map(SpanDto::from).collect(),
                })
                .collect(),
            government: tagging
                .voices
                .government
                .iter()
                .map(SpanDto::from)
                .collect(),
            ngo_concern: tagging
                .voices
                .ngo_concern
                .iter()
                .map(SpanDto::from)
                .collect(),
        }
    }
}

/// A change to an item's marks; absent fields stay as they are.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ItemStateDto {
    pub read: Option<bool>,
    pub starred: Option<bool>,
    pub pinned: Option<bool>,
}

/// One event of a running refresh, sent as `refresh-progress`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum RefreshProgressDto {
    Started {
        sources: usize,
    },
    Source {
        done: usize,
        total: usize,
        report: SourceReportDto,
    },
    /// Items stored by an older tagger, re-tagged after the sources (a newer build's first
    /// refresh).
    Retagging {
        done: usize,
        total: usize,
    },
    Finished {
        summary: RefreshSummaryDto,
    },
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceReportDto {
    pub source_id: i64,
    pub name: String,
    pub status: String,
    pub new: usize,
    pub updated: usize,
    pub error: Option<String>,
}

impl From<&SourceReport> for SourceReportDto {
    fn from(r: &SourceReport) -> Self {
        SourceReportDto {
            source_id: r.source_id,
            name: r.name.clone(),
            status: r.status.as_str().into(),
            new: r.new,
            updated: r.updated,
            error: r.error.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshSummaryDto {
    pub new: usize,
    pub updated: usize,
    pub errors: usize,
    /// Items stored by an older tagger that the refresh re-tagged.
    pub retagged: usize,
    pub sources: Vec<SourceReportDto>,
    /// Saved searches that gained matches, with how many.
    pub watch_matches: Vec<WatchMatchDto>,
}

impl RefreshSummaryDto {
    pub fn new(report: &RefreshReport, watch_matches: Vec<WatchMatchDto>) -> Self {
        RefreshSummaryDto {
            new: report.new_items(),
            updated: report.updated_items(),
            errors: report.errors(),
            retagged: report.retagged,
            sources: report.sources.iter().map(SourceReportDto::from).collect(),
            watch_matches,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchMatchDto {
    pub name: String,
    pub new: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountryCountDto {
    pub code: String,
    pub name: String,
    pub items: i64,
}

impl From<CountryCount> for CountryCountDto {
    fn from(c: CountryCount) -> Self {
        CountryCountDto {
            name: country_name(&c.code),
            code: c.code,
            items: c.items,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthCountDto {
    pub code: String,
    pub month: String,
    pub government: i64,
    pub ngo_concern: i64,
    pub both: i64,
    pub neither: i64,
}

impl From<MonthCount> for MonthCountDto {
    fn from(m: MonthCount) -> Self {
        MonthCountDto {
            code: m.code,
            month: m.month,
            government: m.government,
            ngo_concern: m.ngo_concern,
            both: m.both,
            neither: m.neither,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountryLatestDto {
    pub government: Vec<ItemRowDto>,
    pub ngo_concern: Vec<ItemRowDto>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageDto {
    pub rows: Vec<ItemRowDto>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResultsDto {
    pub total: i64,
    pub rows: Vec<ItemRowDto>,
    /// How long the archive took, in milliseconds (shown, and read by the benchmark).
    pub took_ms: f64,
    /// True when a newer search for the first page arrived while this one waited for the
    /// archive: it was not run, and `total` and `rows` are empty.
    pub superseded: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchDto {
    pub name: String,
    pub query: String,
    pub total: usize,
    /// Matches archived since the watch was last opened.
    pub new: usize,
}

impl From<WatchStatus> for WatchDto {
    fn from(w: WatchStatus) -> Self {
        WatchDto {
            name: w.name,
            query: w.query,
            total: w.total,
            new: w.new,
        }
    }
}

/// A search as the UI sends it: the query text (which may hold `field:value` filters typed by
/// hand) and the filters of its chips.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchDto {
    pub query: String,
    pub countries: Vec<String>,
    pub voice: Option<String>,
    pub sources: Vec<i64>,
    pub language: Option<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// `relevance` (default) or `date`.
    pub sort: Option<String>,
}

impl SearchDto {
    pub fn to_request(&self, offset: usize, limit: usize) -> Result<SearchRequest> {
        let stance = match self.voice.as_deref().filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => Some(
                parse_stance(v)
                    .ok_or_else(|| Error::InvalidInput(format!("unknown voice {v:?}")))?,
            ),
        };
        Ok(SearchRequest {
            query: self.query.clone(),
            countries: self
                .countries
                .iter()
                .map(|c| c.to_ascii_uppercase())
                .collect(),
            stance,
            sources: self.sources.clone(),
            language: self.language.clone().filter(|l| !l.is_empty()),
            since: self.since,
            until: self.until,
            sort: match self.sort.as_deref() {
                Some(s) if !s.is_empty() => s.parse()?,
                _ => SortOrder::default(),
            },
            limit,
            offset,
        })
    }
}

impl From<Hit> for ItemRowDto {
    fn from(h: Hit) -> Self {
        ItemRowDto {
            id: h.id,
            source_id: h.source_id,
            source_name: h.source_name,
            title: h.title,
            url: h.url,
            time: h.published.unwrap_or(0),
            language: h.language,
            stance: h.stance.as_str().into(),
            read: h.read,
            starred: h.starred,
            pinned: false,
            countries: h.countries.iter().map(|c| CountryNameDto::new(c)).collect(),
            snippet: Some(h.snippet),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PinnedItemDto {
    #[serde(flatten)]
    pub row: ItemRowDto,
    pub note: Option<String>,
}
