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
//! which at a million items is hundreds of milliseconds, and FTS5's own `bm25()` reads the
//! whole list of items holding each term just to count them, even when it scores few rows.
//! So the ranking function is our own BM25 (`store::relevance`), which estimates those counts
//! from a term's first few hundred holders, and the search takes the newest
//! matches first: FTS5 walks its doclists in descending rowid order and stops after a bounded
//! window ([`RANK_WINDOW`] matches, [`FILTERED_RANK_WINDOW`] with filters, or more when a page
//! further down is asked for), computing
//! BM25 only for those. Item ids grow as items arrive, so the window is the most recently
//! archived matches; ranking blends relevance with recency anyway, so an old item that falls
//! outside the window for a query matching tens of thousands of items would rank low in any
//! case. A query matching fewer items than the window is ranked exactly. Filters are checked
//! against a narrow covering index (`items_search_facets`) instead of the wide item rows.
//! Snippets are made only for the page returned, in one walk over the page's rowid span.
//!
//! Counting every match of a common word costs as much as reading its whole doclist, more
//! than the rest of the search. So `total` is exact when the matches fit in the window, and
//! otherwise estimated from the density of matches among the ids the window covered
//! ([`SearchResults::total_exact`] says which). Listings without text count among the newest
//! items the same way. Watches, which are counted after a refresh rather than per keystroke,
//! always count exactly.

pub mod compile;
pub mod query;
pub mod watch;

use std::collections::HashMap;
use std::str::FromStr;

use rusqlite::{Connection, OptionalExtension, Statement, ToSql};

use crate::model::Stance;
use crate::store::Archive;
use crate::{Error, Result};

pub use query::{parse, Column, Filter, Flag, Node, Query, SourceRef, Term};
pub use watch::{add_watch, list_watches, mark_watch_seen, remove_watch, WatchStatus};

/// Marks the start of a matched term in [`Hit::snippet`]; edges map it to their own markup.
pub const MATCH_START: char = '\u{2}';
/// Marks the end of a matched term in [`Hit::snippet`].
pub const MATCH_END: char = '\u{3}';

/// How many of the newest matches are ranked by relevance (see the module notes). Scoring a
/// row costs about a microsecond once document frequencies are estimated rather than counted
/// (`store::relevance`): at a million items, all queries of the benchmark took 2.7 ms at the
/// median with a window of 1000, 4.0 ms with 2000 and 5.8 ms with 4000.
pub const RANK_WINDOW: usize = 2000;

/// The window when filters apply: each match must then also be checked against them, and a
/// selective filter (a rare country) makes the walk to fill the window long.
pub const FILTERED_RANK_WINDOW: usize = 400;

/// Blending: an item's relevance is multiplied by `1 + 1 / (1 + age_days / RECENCY_DAYS)`,
/// so a new item counts double, a month-old one one and a half, a year-old one barely more.
const RECENCY_DAYS: f64 = 30.0;

/// BM25 with the title weighted, its document frequencies estimated rather than counted (see
/// [`crate::store::relevance`]); `:min_id` is the archive's lowest item id and `:phrases` says
/// which phrases are prefixes ([`compile::phrase_kinds`]).
const BM25: &str = "relevance(items_fts, :min_id, :phrases)";

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
    /// How many items match in all: exact when `total_exact`, otherwise an estimate rounded to
    /// two significant figures (see the module notes).
    pub total: usize,
    /// Whether `total` was counted rather than estimated. It is counted whenever the matches
    /// fit in the ranking window (or, without text, the archive in the listing sample).
    pub total_exact: bool,
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

/// The full-text expression a query compiles to (`None` when it has no text to match), for
/// diagnostics and benchmarks: every piece of user text in it is a quoted FTS5 string.
pub fn fts_expression(query: &str) -> Result<Option<String>> {
    Ok(compile::compile(&parse(query)?, &SearchRequest::default())?.fts)
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
    let mut snippets = snippets(conn, &plan, &page)?;
    let mut hits = Vec::with_capacity(page.len());
    for (id, score) in page {
        if let Some(mut hit) = hit(conn, id, score)? {
            if let Some(snippet) = snippets.remove(&id) {
                hit.snippet = snippet;
            }
            hits.push(hit);
        }
    }
    Ok(SearchResults {
        total: ranked.total,
        total_exact: ranked.exact,
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

/// How many items match a query, and how many of them have an id above `after_id`; both
/// exact (watches are counted after a refresh, not while someone types).
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
    exact: bool,
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

/// Filters are checked against this narrow covering index (migration 3) rather than the
/// wide item rows: every column a condition or the ranking reads is in it.
const FACETS: &str = "items i INDEXED BY items_search_facets";

/// The ordered ids of matches, enough of them to fill `want` results (all when `None`).
fn rank(conn: &Connection, plan: &Plan, sort: SortOrder, want: Option<usize>) -> Result<Ranked> {
    let Some(expr) = &plan.fts else {
        return listing(conn, plan, want);
    };
    // The archive's id span: the drivers, the ranking function and the estimate of the total
    // all need it, so it is read once.
    let span = id_range(conn)?;
    // A selective filter (a rare country, one source) is checked against the list of its ids,
    // read once from its index, instead of looking up each text match's item and tags: the
    // same rows in the same order, at a fraction of the cost per match.
    let (check, conds) = match driver(conn, plan, span)? {
        Some((pos, ids)) => (
            format!(" AND +items_fts.rowid IN ({ids})"),
            plan.and_conds_except(pos),
        ),
        None => (String::new(), plan.and_conds()),
    };
    // The window: the newest matches, walked in descending rowid order so FTS5 stops early.
    let base = if plan.conds.is_empty() {
        RANK_WINDOW
    } else {
        FILTERED_RANK_WINDOW
    };
    let window = want.map(|w| w.max(base) as i64).unwrap_or(-1);
    let score_sql = match sort {
        SortOrder::Relevance => BM25,
        SortOrder::Date => "0.0",
    };
    let sql = format!(
        "SELECT items_fts.rowid, {score_sql}, i.sort_time FROM items_fts JOIN {FACETS} ON i.id = items_fts.rowid
         WHERE items_fts MATCH :q{check}{conds} ORDER BY items_fts.rowid DESC LIMIT :window"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let now = crate::time::now();
    let mut rows: Vec<(i64, f64, i64)> = run(
        &mut stmt,
        plan,
        &[
            (":q", expr),
            (":window", &window),
            (":min_id", &span.0),
            (":phrases", &compile::phrase_kinds(expr)),
        ],
        |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<f64>>(1)?.unwrap_or(0.0),
                r.get(2)?,
            ))
        },
    )?;
    let (total, exact) = match rows.last() {
        Some(&(lowest, _, _)) if window >= 0 && rows.len() as i64 >= window => {
            (estimate_by_ids(span, rows.len(), lowest), false)
        }
        _ => (rows.len(), true),
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
        exact,
    })
}

/// A filter drives the search when it holds at most this share of the archive's id span (and
/// always when it holds at most [`DRIVER_MIN`] items). Reading its ids and checking matches
/// against them pays when they are few: at a million items a country on 1.8% of them (18,000
/// ids) halved the time of its searches, while a source on 5% (50,000 ids) made them slower
/// than checking each match's item.
const DRIVER_SHARE: f64 = 0.03;
const DRIVER_MIN: i64 = 2_000;

/// The filter with the fewest items among those an index can list, if it is selective enough
/// to start from: its position in `plan.conds` and the `SELECT` of its ids. Each candidate is
/// counted only up to the bound, so a broad filter costs a short index scan, not a full count.
fn driver<'p>(
    conn: &Connection,
    plan: &'p Plan,
    (min_id, max_id): (i64, i64),
) -> Result<Option<(usize, &'p str)>> {
    if plan.drivers.is_empty() {
        return Ok(None);
    }
    let cap = (((max_id - min_id + 1) as f64 * DRIVER_SHARE) as i64).max(DRIVER_MIN);
    let mut best: Option<(i64, usize, &str)> = None;
    for (pos, ids) in &plan.drivers {
        let sql = format!("SELECT count(*) FROM ({ids} LIMIT :cap)");
        let mut stmt = conn.prepare_cached(&sql)?;
        let n: Vec<i64> = run(&mut stmt, plan, &[(":cap", &cap)], |r| r.get(0))?;
        let n = n.first().copied().unwrap_or(0);
        let fewer = match best {
            Some((m, _, _)) => n < m,
            None => true,
        };
        if n < cap && fewer {
            best = Some((n, *pos, ids));
        }
    }
    Ok(best.map(|(_, pos, ids)| (pos, ids)))
}

/// A listing without text: newest first from the time index, which stops after the page.
fn listing(conn: &Connection, plan: &Plan, want: Option<usize>) -> Result<Ranked> {
    let conds = plan.and_conds();
    let limit = want.map(|w| w as i64).unwrap_or(-1);
    let sql = format!(
        "SELECT i.id FROM items i WHERE 1{conds} ORDER BY i.sort_time DESC, i.id DESC LIMIT :limit"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<(i64, f64)> = run(&mut stmt, plan, &[(":limit", &limit)], |r| {
        Ok((r.get(0)?, 0.0))
    })?;
    let page_full = matches!(want, Some(w) if ids.len() >= w);
    if !page_full {
        let total = ids.len();
        return Ok(Ranked {
            ids,
            total,
            exact: true,
        });
    }
    // Counting every match of a broad filter over a large archive would cost more than the
    // page itself: count among the newest LISTING_SAMPLE items and scale to the id range.
    let (min_id, max_id) = id_range(conn)?;
    let floor = if max_id - min_id < LISTING_SAMPLE {
        min_id - 1
    } else {
        max_id - LISTING_SAMPLE
    };
    let sql = format!("SELECT count(*) FROM {FACETS} WHERE i.id > :floor{conds}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let n: Vec<i64> = run(&mut stmt, plan, &[(":floor", &floor)], |r| r.get(0))?;
    let found = n.first().copied().unwrap_or(0).max(0) as usize;
    let (total, exact) = if floor < min_id {
        (found, true)
    } else {
        (
            scale(
                found.max(ids.len()),
                (max_id - floor) as f64,
                (max_id - min_id + 1) as f64,
                ids.len(),
            ),
            false,
        )
    };
    Ok(Ranked { ids, total, exact })
}

/// How many of the newest items a listing counts before it extrapolates.
const LISTING_SAMPLE: i64 = 30_000;

fn id_range(conn: &Connection) -> Result<(i64, i64)> {
    // min() and max() of the rowid are read from the two ends of the table's b-tree.
    let min: i64 = conn.query_row("SELECT coalesce(min(id), 0) FROM items", [], |r| r.get(0))?;
    let max: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM items", [], |r| r.get(0))?;
    Ok((min, max))
}

/// `found` matches among ids `lowest..=max`: the same density over every id, an estimate of
/// the total when the window filled up before the matches ran out.
fn estimate_by_ids((min_id, max_id): (i64, i64), found: usize, lowest: i64) -> usize {
    scale(
        found,
        (max_id - lowest + 1) as f64,
        (max_id - min_id + 1) as f64,
        found,
    )
}

/// Scales a count from a part to the whole, rounded to two significant figures (the figure
/// is an estimate and should not look like more), never below what was actually found.
fn scale(found: usize, part: f64, whole: f64, at_least: usize) -> usize {
    let estimate = found as f64 * (whole / part.max(1.0)).max(1.0);
    let magnitude = 10f64.powi((estimate.max(1.0).log10().floor() as i32 - 1).max(0));
    (((estimate / magnitude).round() * magnitude) as usize)
        .max(at_least)
        .max(found)
}

/// BM25 (negative: lower is better) turned into a positive relevance and blended with recency.
fn blend(bm25: f64, sort_time: i64, now: i64) -> f64 {
    let relevance = (-bm25).max(0.0);
    let age_days = (now - sort_time).max(0) as f64 / 86_400.0;
    relevance * (1.0 + 1.0 / (1.0 + age_days / RECENCY_DAYS))
}

/// Counts matches exactly, optionally only those with an id above `after_id`.
fn count(conn: &Connection, plan: &Plan, after_id: Option<i64>) -> Result<usize> {
    let conds = plan.and_conds();
    let after = after_id.unwrap_or(i64::MIN);
    let sql = match (&plan.fts, conds.is_empty()) {
        (Some(_), true) => {
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH :q AND rowid > :after".to_string()
        }
        (Some(_), false) => format!(
            "SELECT count(*) FROM items_fts JOIN {FACETS} ON i.id = items_fts.rowid
             WHERE items_fts MATCH :q AND items_fts.rowid > :after{conds}"
        ),
        (None, _) => format!("SELECT count(*) FROM {FACETS} WHERE i.id > :after{conds}"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let q = plan.fts.clone().unwrap_or_default();
    let n: Vec<i64> = run(&mut stmt, plan, &[(":q", &q), (":after", &after)], |r| {
        r.get(0)
    })?;
    Ok(n.first().copied().unwrap_or(0) as usize)
}

/// Snippets for a page of hits, in one pass over the index per chunk of ids.
fn snippets(conn: &Connection, plan: &Plan, page: &[(i64, f64)]) -> Result<HashMap<i64, String>> {
    let mut out = HashMap::new();
    let Some(expr) = &plan.fts else {
        return Ok(out);
    };
    for chunk in page.chunks(500) {
        let lo = chunk.iter().map(|p| p.0).min().unwrap_or(0);
        let hi = chunk.iter().map(|p| p.0).max().unwrap_or(0);
        let list = chunk
            .iter()
            .map(|p| p.0.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        // Asking FTS5 for each id would evaluate the whole expression once per id (a prefix
        // query expands its terms every time). Instead the range bounds one walk over the
        // page's span, and the `+` keeps SQLite from turning the id list into such lookups.
        // The ids are integers from the index itself, so listing them in the SQL is safe.
        let sql = format!(
            "SELECT rowid, snippet(items_fts, -1, char(2), char(3), '…', {SNIPPET_TOKENS}) FROM items_fts
             WHERE items_fts MATCH :q AND rowid >= :lo AND rowid <= :hi AND +rowid IN ({list})"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = run(
            &mut stmt,
            &Plan::default(),
            &[(":q", expr), (":lo", &lo), (":hi", &hi)],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            },
        )?;
        out.extend(rows);
    }
    Ok(out)
}

/// The page data of one hit; its snippet is the start of its summary until a text match
/// replaces it.
fn hit(conn: &Connection, id: i64, score: f64) -> Result<Option<Hit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.title, i.url, i.source_id, s.name, i.published, i.language, i.stance, i.is_read, i.is_starred,
                substr(coalesce(nullif(i.summary, ''), i.content_text), 1, 200)
         FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?1",
    )?;
    let hit = stmt
        .query_row([id], |r| {
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
        })
        .optional()?;
    let Some(mut hit) = hit else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT code FROM item_countries WHERE item_id = ?1 ORDER BY focus DESC, score DESC, code",
    )?;
    hit.countries = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(hit))
}
