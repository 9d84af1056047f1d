//! Search over the archive: a query language of its own, compiled to a safe FTS5 expression
//! plus SQL filters, ranked by BM25 (title weighted) blended with recency; and watches, saved
//! queries that count what is new.
//!
//! Whatever a person types gives results or an [`Error::Query`] naming what is wrong: user
//! text never reaches FTS5 or SQL as syntax (see [`compile`]).
//!
//! ## How a text search runs, and why
//!
//! BM25 over a very common word ("the", "de", "migration") would score every matching row,
//! which at a million items is hundreds of milliseconds. Instead the search takes the newest
//! matches first: FTS5 walks its doclists in descending rowid order and stops after a bounded
//! window ([`RANK_WINDOW`] matches, or more when a page further down is asked for), computing
//! BM25 only for those. Item ids grow as items arrive, so the window is the most recently
//! archived matches; ranking blends relevance with recency anyway, so an old item that falls
//! outside the window for a query matching tens of thousands of items would rank low in any
//! case. A query matching fewer items than the window is ranked exactly. Snippets are made
//! only for the page returned.

pub mod compile;
pub mod query;
pub mod watch;

use std::str::FromStr;

use rusqlite::{Connection, Statement, ToSql};

use crate::model::Stance;
use crate::store::Archive;
use crate::{Error, Result};

pub use query::{parse, Column, Filter, Flag, Node, Query, SourceRef, Term};
pub use watch::{add_watch, list_watches, mark_watch_seen, remove_watch, WatchStatus};

/// Marks the start of a matched term in [`Hit::snippet`]; edges map it to their own markup.
pub const MATCH_START: char = '\u{2}';
/// Marks the end of a matched term in [`Hit::snippet`].
pub const MATCH_END: char = '\u{3}';

/// How many of the newest matches are ranked by relevance (see the module notes).
pub const RANK_WINDOW: usize = 2000;

/// Blending: an item's relevance is multiplied by `1 + 1 / (1 + age_days / RECENCY_DAYS)`,
/// so a new item counts double, a month-old one one and a half, a year-old one barely more.
const RECENCY_DAYS: f64 = 30.0;

/// BM25 column weights: title, summary, text. A word in the title says more about what the
/// item is about than the same word in the body.
const BM25: &str = "bm25(items_fts, 5.0, 1.0, 1.0)";

/// Snippet length in tokens.
const SNIPPET_TOKENS: i64 = 24;

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first (BM25 blended with recency); newest first when there is no text.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl FromStr for SortOrder {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "relevance" | "rank" => Ok(SortOrder::Relevance),
            "date" | "newest" => Ok(SortOrder::Date),
            _ => Err(Error::Query(format!(
                "unknown sort order {s:?} (expected relevance or date)"
            ))),
        }
    }
}

/// A search: the query text plus filters given beside it (which all must hold, together with
/// any filters written in the query).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// The query language (see [`query`]); empty lists items by date.
    pub query: String,
    /// Items tagged with any of these country codes.
    pub countries: Vec<String>,
    /// `Government` and `NgoConcern` also match `Both`; `Both` and `Neither` are exact.
    pub stance: Option<Stance>,
    /// Items from any of these source ids.
    pub sources: Vec<i64>,
    /// An ISO 639-1 code.
    pub language: Option<String>,
    /// Items sorted at or after this Unix time.
    pub since: Option<i64>,
    /// Items sorted strictly before this Unix time.
    pub until: Option<i64>,
    pub sort: SortOrder,
    /// Hits per page; for [`matching_ids`], the most ids returned (0: no bound).
    pub limit: usize,
    pub offset: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            countries: Vec::new(),
            stance: None,
            sources: Vec::new(),
            language: None,
            since: None,
            until: None,
            sort: SortOrder::Relevance,
            limit: 20,
            offset: 0,
        }
    }
}

/// A page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// How many items match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// One matching item.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub source_name: String,
    pub source_id: i64,
    /// Unix seconds.
    pub published: Option<i64>,
    pub language: Option<String>,
    /// Country codes, focus countries first.
    pub countries: Vec<String>,
    pub stance: Stance,
    /// Plain text around the matches, each matched term between [`MATCH_START`] and
    /// [`MATCH_END`]; the start of the summary when the query has no text.
    pub snippet: String,
    /// Higher is better; 0 for listings without text.
    pub score: f64,
    pub read: bool,
    pub starred: bool,
}

/// Replaces the match markers of a snippet with the edge's own (`[`/`]`, `<mark>`/`</mark>`).
pub fn mark_snippet(snippet: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(snippet.len() + 8);
    for c in snippet.chars() {
        match c {
            MATCH_START => out.push_str(open),
            MATCH_END => out.push_str(close),
            c => out.push(c),
        }
    }
    out
}

/// Runs a search and returns one page of hits with the total.
pub fn search(archive: &Archive, req: &SearchRequest) -> Result<SearchResults> {
    let conn = archive.connection();
    let plan = compile::compile(&parse(&req.query)?, req)?;
    let want = req.offset.saturating_add(req.limit);
    let ranked = rank(conn, &plan, req.sort, Some(want))?;
    let page: Vec<(i64, f64)> = ranked
        .ids
        .into_iter()
        .skip(req.offset)
        .take(req.limit)
        .collect();
    let mut hits = Vec::with_capacity(page.len());
    for (id, score) in page {
        if let Some(hit) = hit(conn, &plan, id, score)? {
            hits.push(hit);
        }
    }
    Ok(SearchResults {
        total: ranked.total,
        hits,
    })
}

/// Ids of the items that match, in the request's order, at most `req.limit` of them (all when
/// the limit is 0); the offset is ignored. Briefing notes use it.
pub fn matching_ids(archive: &Archive, req: &SearchRequest) -> Result<Vec<i64>> {
    let plan = compile::compile(&parse(&req.query)?, req)?;
    let want = if req.limit == 0 {
        None
    } else {
        Some(req.limit)
    };
    let mut ids: Vec<i64> = rank(archive.connection(), &plan, req.sort, want)?
        .ids
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if let Some(limit) = want {
        ids.truncate(limit);
    }
    Ok(ids)
}

/// How many items match a query, and how many of them have an id above `after_id`.
pub(crate) fn count_with_new(
    conn: &Connection,
    req: &SearchRequest,
    after_id: i64,
) -> Result<(usize, usize)> {
    let plan = compile::compile(&parse(&req.query)?, req)?;
    let total = count(conn, &plan, None)?;
    let new = count(conn, &plan, Some(after_id))?;
    Ok((total, new))
}

struct Ranked {
    /// Ids in result order with their scores.
    ids: Vec<(i64, f64)>,
    total: usize,
}

/// Binds the named parameters a statement uses (and only those) and runs it.
fn run<T>(
    stmt: &mut Statement<'_>,
    plan: &Plan,
    extra: &[(&str, &dyn ToSql)],
    mut row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    for (name, value) in &plan.params {
        if let Some(index) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(index, value)?;
        }
    }
    for (name, value) in extra {
        if let Some(index) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(index, value)?;
        }
    }
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(r)?);
    }
    Ok(out)
}

use compile::Plan;

/// The ordered ids of matches, enough of them to fill `want` results (all when `None`).
fn rank(conn: &Connection, plan: &Plan, sort: SortOrder, want: Option<usize>) -> Result<Ranked> {
    let conds = plan.and_conds();
    let Some(expr) = &plan.fts else {
        // A listing: newest first, straight from the time index.
        let limit = want.map(|w| w as i64).unwrap_or(-1);
        let sql = format!("SELECT i.id FROM items i WHERE 1{conds} ORDER BY i.sort_time DESC, i.id DESC LIMIT :limit");
        let mut stmt = conn.prepare_cached(&sql)?;
        let ids: Vec<(i64, f64)> = run(&mut stmt, plan, &[(":limit", &limit)], |r| {
            Ok((r.get(0)?, 0.0))
        })?;
        let total = if want.is_some_and(|w| ids.len() >= w) {
            count(conn, plan, None)?
        } else {
            ids.len()
        };
        return Ok(Ranked { ids, total });
    };
    // The window: the newest matches, walked in descending rowid order so FTS5 stops early.
    let window = want.map(|w| w.max(RANK_WINDOW) as i64).unwrap_or(-1);
    let score_sql = match sort {
        SortOrder::Relevance => BM25,
        SortOrder::Date => "0.0",
    };
    let sql = format!(
        "SELECT items_fts.rowid, {score_sql}, i.sort_time FROM items_fts JOIN items i ON i.id = items_fts.rowid
         WHERE items_fts MATCH :q{conds} ORDER BY items_fts.rowid DESC LIMIT :window"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let now = crate::time::now();
    let mut rows: Vec<(i64, f64, i64)> = run(
        &mut stmt,
        plan,
        &[(":q", expr), (":window", &window)],
        |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<f64>>(1)?.unwrap_or(0.0),
                r.get(2)?,
            ))
        },
    )?;
    let total = if window >= 0 && rows.len() as i64 >= window {
        count(conn, plan, None)?
    } else {
        rows.len()
    };
    match sort {
        SortOrder::Relevance => {
            for row in &mut rows {
                row.1 = blend(row.1, row.2, now);
            }
            rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        }
        SortOrder::Date => rows.sort_by(|a, b| b.2.cmp(&a.2).then(b.0.cmp(&a.0))),
    }
    Ok(Ranked {
        ids: rows.into_iter().map(|(id, score, _)| (id, score)).collect(),
        total,
    })
}

/// BM25 (negative: lower is better) turned into a positive relevance and blended with recency.
fn blend(bm25: f64, sort_time: i64, now: i64) -> f64 {
    let relevance = (-bm25).max(0.0);
    let age_days = (now - sort_time).max(0) as f64 / 86_400.0;
    relevance * (1.0 + 1.0 / (1.0 + age_days / RECENCY_DAYS))
}

/// Counts matches, optionally only those with an id above `after_id`.
fn count(conn: &Connection, plan: &Plan, after_id: Option<i64>) -> Result<usize> {
    let conds = plan.and_conds();
    let after = after_id.unwrap_or(i64::MIN);
    let sql = match (&plan.fts, conds.is_empty()) {
        (Some(_), true) => {
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH :q AND rowid > :after".to_string()
        }
        (Some(_), false) => format!(
            "SELECT count(*) FROM items_fts JOIN items i ON i.id = items_fts.rowid
             WHERE items_fts MATCH :q AND items_fts.rowid > :after{conds}"
        ),
        (None, _) => format!("SELECT count(*) FROM items i WHERE i.id > :after{conds}"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let q = plan.fts.clone().unwrap_or_default();
    let n: Vec<i64> = run(&mut stmt, plan, &[(":q", &q), (":after", &after)], |r| {
        r.get(0)
    })?;
    Ok(n.first().copied().unwrap_or(0) as usize)
}

/// The page data of one hit, with its snippet.
fn hit(conn: &Connection, plan: &Plan, id: i64, score: f64) -> Result<Option<Hit>> {
    const COLUMNS: &str = "i.id, i.title, i.url, i.source_id, s.name, i.published, i.language, i.stance, i.is_read, i.is_starred";
    let sql = match &plan.fts {
        Some(_) => format!(
            "SELECT {COLUMNS}, snippet(items_fts, -1, char(2), char(3), '…', {SNIPPET_TOKENS})
             FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN sources s ON s.id = i.source_id
             WHERE items_fts MATCH :q AND items_fts.rowid = :id"
        ),
        None => format!(
            "SELECT {COLUMNS}, substr(coalesce(nullif(i.summary, ''), i.content_text), 1, 200)
             FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = :id"
        ),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let q = plan.fts.clone().unwrap_or_default();
    // Only the hit's own values are bound here: the filters were applied when ranking.
    let empty = Plan::default();
    let rows = run(&mut stmt, &empty, &[(":q", &q), (":id", &id)], |r| {
        let stance: String = r.get(7)?;
        Ok(Hit {
            id: r.get(0)?,
            title: r.get(1)?,
            url: r.get(2)?,
            source_id: r.get(3)?,
            source_name: r.get(4)?,
            published: r.get(5)?,
            language: r.get(6)?,
            stance: stance.parse().unwrap_or_default(),
            read: r.get(8)?,
            starred: r.get(9)?,
            snippet: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            score,
            countries: Vec::new(),
        })
    })?;
    let Some(mut hit) = rows.into_iter().next() else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT code FROM item_countries WHERE item_id = ?1 ORDER BY focus DESC, score DESC, code",
    )?;
    hit.countries = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(hit))
}
