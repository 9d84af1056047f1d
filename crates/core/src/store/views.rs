//! Read-only views of the archive for lists and dashboards: a page of items under filters,
//! how many items match, and counts per country, voice and month.
//!
//! Lists are in `(sort_time DESC, id DESC)` order, which the `items_by_time` index serves. A page
//! is found by keyset when a neighbouring row is known ([`PageAt::After`], [`PageAt::Before`]:
//! an index seek, as fast at the millionth row as at the first) or by offset when the list jumps
//! (the scrollbar dragged), counted from whichever end is nearer ([`PageAt::FromEnd`]). The page's
//! ids are chosen on the index alone and only those rows are read and dressed, so skipping
//! rows never reads the items' text.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};

use super::Archive;
use crate::model::Stance;
use crate::Result;

/// Which voice a list is narrowed to. An item with both voices matches either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceFilter {
    Government,
    NgoConcern,
    /// Items that carry both voices.
    Both,
    /// Items that carry neither.
    Neither,
}

impl VoiceFilter {
    pub fn parse(s: &str) -> Option<VoiceFilter> {
        match s {
            "government" => Some(VoiceFilter::Government),
            "ngo_concern" => Some(VoiceFilter::NgoConcern),
            "both" => Some(VoiceFilter::Both),
            "neither" => Some(VoiceFilter::Neither),
            _ => None,
        }
    }

    fn sql(self) -> &'static str {
        match self {
            VoiceFilter::Government => "i.stance IN ('government', 'both')",
            VoiceFilter::NgoConcern => "i.stance IN ('ngo_concern', 'both')",
            VoiceFilter::Both => "i.stance = 'both'",
            VoiceFilter::Neither => "i.stance = 'neither'",
        }
    }
}

/// What a list shows. Empty vectors and `None` mean "no constraint"; several values of one
/// facet are alternatives (any of these countries), different facets all apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFilter {
    pub sources: Vec<i64>,
    /// Country codes (ISO 3166-1 alpha-2, `EU`, `XK`).
    pub countries: Vec<String>,
    pub voice: Option<VoiceFilter>,
    pub languages: Vec<String>,
    /// Unix seconds, inclusive.
    pub since: Option<i64>,
    /// Unix seconds, exclusive.
    pub until: Option<i64>,
    pub unread_only: bool,
    pub starred_only: bool,
    pub pinned_only: bool,
    /// Words to find in the full-text index; each must occur, the last may be a prefix.
    pub text: Option<String>,
    /// Only items added after this id (ids grow with every insert): what is new since then.
    pub after_id: Option<i64>,
}

/// One line of an item list: what a row needs, without the item's text.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub title: String,
    pub url: Option<String>,
    /// `published`, else when the item was fetched (Unix seconds).
    pub sort_time: i64,
    pub language: Option<String>,
    pub stance: Stance,
    pub read: bool,
    pub starred: bool,
    pub pinned: bool,
    /// Up to four country codes, focus countries first.
    pub countries: Vec<String>,
    /// With a text filter: the best matching passage, matches between [`MATCH_OPEN`] and [`MATCH_CLOSE`].
    pub snippet: Option<String>,
}

/// How many items concern one country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryCount {
    pub code: String,
    pub items: i64,
}

/// Items of one country in one month, by stance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MonthCount {
    pub code: String,
    /// `YYYY-MM`, UTC.
    pub month: String,
    pub government: i64,
    pub ngo_concern: i64,
    pub both: i64,
    pub neither: i64,
}

/// Snippets mark matches as search results do, so the UI has one convention to render.
pub use crate::search::{MATCH_END as MATCH_CLOSE, MATCH_START as MATCH_OPEN};

/// Turns what a person types into an FTS5 query that cannot be a syntax error: every word is
/// quoted (so `AND`, `-` or `"` are just text) and the last one matches as a prefix, which is
/// what search-as-you-type needs. `None` when there is no word at all.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut query = words.join(" ");
    if text.chars().last().is_some_and(char::is_alphanumeric) {
        query.push('*');
    }
    Some(query)
}

struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    fn build(filter: &ItemFilter, with_text: bool) -> Where {
        let mut w = Where {
            clauses: vec![],
            params: vec![],
        };
        if !filter.sources.is_empty() {
            let marks = w.bind_all(filter.sources.iter().map(|&id| Value::Integer(id)));
            w.clauses.push(format!("i.source_id IN ({marks})"));
        }
        if !filter.countries.is_empty() {
            let marks = w.bind_all(
                filter
                    .countries
                    .iter()
                    .map(|c| Value::Text(c.to_ascii_uppercase())),
            );
            w.clauses.push(format!(
                "i.id IN (SELECT item_id FROM item_countries WHERE code IN ({marks}))"
            ));
        }
        if let Some(voice) = filter.voice {
            w.clauses.push(voice.sql().to_string());
        }
        if !filter.languages.is_empty() {
            let marks = w.bind_all(
                filter
                    .languages
                    .iter()
                    .map(|l| Value::Text(l.to_ascii_lowercase())),
            );
            w.clauses.push(format!("i.language IN ({marks})"));
        }
        if let Some(since) = filter.since {
            let mark = w.bind(Value::Integer(since));
            w.clauses.push(format!("i.sort_time >= {mark}"));
        }
        if let Some(until) = filter.until {
            let mark = w.bind(Value::Integer(until));
            w.clauses.push(format!("i.sort_time < {mark}"));
        }
        if let Some(after) = filter.after_id {
            let mark = w.bind(Value::Integer(after));
            w.clauses.push(format!("i.id > {mark}"));
        }
        if filter.unread_only {
            w.clauses.push("i.is_read = 0".into());
        }
        if filter.starred_only {
            w.clauses.push("i.is_starred = 1".into());
        }
        if filter.pinned_only {
            w.clauses.push("i.pinned_at IS NOT NULL".into());
        }
        if with_text {
            if let Some(query) = filter.text.as_deref().and_then(fts_query) {
                let mark = w.bind(Value::Text(query));
                w.clauses.push(format!("items_fts MATCH {mark}"));
            }
        }
        w
    }

    fn bind(&mut self, value: Value) -> String {
        self.params.push(value);
        format!("?{}", self.params.len())
    }

    fn bind_all(&mut self, values: impl Iterator<Item = Value>) -> String {
        values.map(|v| self.bind(v)).collect::<Vec<_>>().join(", ")
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn has_text(filter: &ItemFilter) -> bool {
    filter.text.as_deref().and_then(fts_query).is_some()
}

/// Where a page of a list starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt {
    /// After skipping this many rows from the start (the newest).
    Offset(i64),
    /// The rows that follow this one in the list (older, or as old with a lower id).
    After { sort_time: i64, id: i64 },
    /// The rows that come just before this one in the list (newer, or as old with a higher id).
    Before { sort_time: i64, id: i64 },
    /// The rows that end this many rows before the end of the list (the oldest).
    FromEnd(i64),
}

fn from_clause(filter: &ItemFilter) -> &'static str {
    if has_text(filter) {
        "items_fts JOIN items i ON i.id = items_fts.rowid JOIN sources s ON s.id = i.source_id"
    } else {
        "items i JOIN sources s ON s.id = i.source_id"
    }
}

fn row_from(r: &Row<'_>) -> rusqlite::Result<ItemRow> {
    let stance: String = r.get(7)?;
    let countries: Option<String> = r.get(11)?;
    Ok(ItemRow {
        id: r.get(0)?,
        source_id: r.get(1)?,
        source_name: r.get(2)?,
        title: r.get(3)?,
        url: r.get(4)?,
        sort_time: r.get(5)?,
        language: r.get(6)?,
        stance: stance.parse().unwrap_or_default(),
        read: r.get(8)?,
        starred: r.get(9)?,
        pinned: r.get(10)?,
        countries: countries
            .map(|c| {
                c.split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        snippet: r.get(12)?,
    })
}

impl Archive {
    /// A page of items, newest first, under `filter`.
    pub fn list_items(&self, filter: &ItemFilter, offset: i64, limit: i64) -> Result<Vec<ItemRow>> {
        self.list_page(filter, PageAt::Offset(offset), limit)
    }

    /// A page of items under `filter`, in list order (newest first), starting at `at`.
    pub fn list_page(&self, filter: &ItemFilter, at: PageAt, limit: i64) -> Result<Vec<ItemRow>> {
        let text = has_text(filter);
        let mut w = Where::build(filter, true);
        // Pages counted from the end, or ending at an anchor, are read in the reverse order and
        // put back in list order by the outer query.
        let (reverse, skip) = match at {
            PageAt::Offset(n) => (false, n),
            PageAt::FromEnd(n) => (true, n),
            PageAt::After { sort_time, id } => {
                let (t, i) = (
                    w.bind(Value::Integer(sort_time)),
                    w.bind(Value::Integer(id)),
                );
                w.clauses.push(format!("(i.sort_time, i.id) < ({t}, {i})"));
                (false, 0)
            }
            PageAt::Before { sort_time, id } => {
                let (t, i) = (
                    w.bind(Value::Integer(sort_time)),
                    w.bind(Value::Integer(id)),
                );
                w.clauses.push(format!("(i.sort_time, i.id) > ({t}, {i})"));
                (true, 0)
            }
        };
        let order = if reverse {
            "i.sort_time ASC, i.id ASC"
        } else {
            "i.sort_time DESC, i.id DESC"
        };
        let limit_mark = w.bind(Value::Integer(limit.clamp(0, 1000)));
        let offset_mark = w.bind(Value::Integer(skip.max(0)));
        let columns = |snippet: &str| {
            format!(
                "i.id, i.source_id, s.name, i.title, i.url, i.sort_time, i.language, i.stance,
                    i.is_read, i.is_starred, i.pinned_at IS NOT NULL,
                    (SELECT group_concat(code) FROM (SELECT code FROM item_countries c WHERE c.item_id = i.id
                        ORDER BY c.focus DESC, c.score DESC, c.code LIMIT 4)),
                    {snippet}"
            )
        };
        let sql = if text {
            // The snippet needs the full-text match's context, so the page is read in one go.
            let snippet =
                format!("snippet(items_fts, -1, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 16)");
            format!(
                "SELECT * FROM (SELECT {columns} FROM {from} {where_sql}
                    ORDER BY {order} LIMIT {limit_mark} OFFSET {offset_mark})
                 ORDER BY 6 DESC, 1 DESC",
                columns = columns(&snippet),
                from = from_clause(filter),
                where_sql = w.sql(),
            )
        } else {
            // The page's ids come from the indexes alone; only those rows are then read.
            format!(
                "SELECT {columns}
                 FROM (SELECT i.id FROM items i {where_sql}
                       ORDER BY {order} LIMIT {limit_mark} OFFSET {offset_mark}) AS page
                 JOIN items i ON i.id = page.id JOIN sources s ON s.id = i.source_id
                 ORDER BY i.sort_time DESC, i.id DESC",
                columns = columns("NULL"),
                where_sql = w.sql(),
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(w.params.iter()), row_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many items match `filter`. Every item has its source (the foreign key cascades),
    /// so the count needs neither the sources nor the items' rows: an index answers it.
    pub fn count_items(&self, filter: &ItemFilter) -> Result<i64> {
        let w = Where::build(filter, true);
        let from = if has_text(filter) {
            "items_fts JOIN items i ON i.id = items_fts.rowid"
        } else {
            "items i"
        };
        let sql = format!("SELECT count(*) FROM {from} {}", w.sql());
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(w.params.iter()), |r| r.get(0))?)
    }

    /// Changes whenever the archive may have changed: a commit by any connection, or a change
    /// made through this one. Counts cached under one value are still right while it holds.
    pub fn data_version(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT data_version FROM pragma_data_version), total_changes()",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Rows for the given ids, in the order given (ids that do not exist are skipped).
    pub fn item_rows(&self, ids: &[i64]) -> Result<Vec<ItemRow>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.source_id, s.name, i.title, i.url, i.sort_time, i.language, i.stance,
                    i.is_read, i.is_starred, i.pinned_at IS NOT NULL,
                    (SELECT group_concat(code) FROM (SELECT code FROM item_countries c WHERE c.item_id = i.id
                        ORDER BY c.focus DESC, c.score DESC, c.code LIMIT 4)),
                    NULL
             FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?1",
        )?;
        for &id in ids {
            let mut rows = stmt.query_map([id], row_from)?;
            if let Some(row) = rows.next() {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// The highest item id so far (0 for an empty archive): items added later have higher ids.
    pub fn max_item_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM items", [], |r| r.get(0))?)
    }

    /// Countries by how many items concern them, most first.
    pub fn country_counts(&self, limit: i64) -> Result<Vec<CountryCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, count(*) AS n FROM item_countries GROUP BY code ORDER BY n DESC, code LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(CountryCount {
                code: r.get(0)?,
                items: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Items per month and stance for each of `codes`, oldest month first.
    pub fn country_months(&self, codes: &[String]) -> Result<Vec<MonthCount>> {
        if codes.is_empty() {
            return Ok(vec![]);
        }
        let marks = (1..=codes.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT c.code, strftime('%Y-%m', i.sort_time, 'unixepoch') AS month, i.stance, count(*)
             FROM item_countries c JOIN items i ON i.id = c.item_id
             WHERE c.code IN ({marks})
             GROUP BY c.code, month, i.stance
             ORDER BY month, c.code"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let upper: Vec<String> = codes.iter().map(|c| c.to_ascii_uppercase()).collect();
        let rows = stmt.query_map(params_from_iter(upper.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out: Vec<MonthCount> = Vec::new();
        for row in rows {
            let (code, month, stance, n) = row?;
            let at = match out.iter().position(|m| m.code == code && m.month == month) {
                Some(at) => at,
                None => {
                    out.push(MonthCount {
                        code,
                        month,
                        ..MonthCount::default()
                    });
                    out.len() - 1
                }
            };
            let entry = &mut out[at];
            match stance.as_str() {
                "government" => entry.government += n,
                "ngo_concern" => entry.ngo_concern += n,
                "both" => entry.both += n,
                _ => entry.neither += n,
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CountryTag, NewSource, Tagging, Voices};
    use crate::store::NewItem;

    fn item(key: &str, title: &str, time: i64, country: Option<&str>, stance: Stance) -> NewItem {
        NewItem {
            key: key.into(),
            title: title.into(),
            url: None,
            author: None,
            published: Some(time),
            language: Some("en".into()),
            summary: None,
            content_html: None,
            content_text: format!("{title} body text about asylum"),
            full_text: false,
            extract_error: None,
            entry_hash: key.into(),
            tagging: Tagging {
                language: "en".into(),
                countries: country
                    .map(|c| {
                        vec![CountryTag {
                            code: c.into(),
                            name: c.into(),
                            score: 1.0,
                            focus: true,
                            evidence: vec![],
                        }]
                    })
                    .unwrap_or_default(),
                stance,
                voices: Voices::default(),
            },
            tagger_version: 1,
        }
    }

    fn archive() -> Archive {
        let mut a = Archive::open_in_memory().unwrap();
        let s = a
            .add_source(&NewSource {
                url: "https://example.org/feed".into(),
                ..NewSource::default()
            })
            .unwrap();
        let items = vec![
            item(
                "a",
                "Belgium caps reception places",
                1_700_000_000,
                Some("BE"),
                Stance::Government,
            ),
            item(
                "b",
                "NGOs warn about pushbacks in Greece",
                1_700_100_000,
                Some("GR"),
                Stance::NgoConcern,
            ),
            item(
                "c",
                "Minister and NGOs clash over Belgian shelters",
                1_700_200_000,
                Some("BE"),
                Stance::Both,
            ),
            item("d", "Weather", 1_700_300_000, None, Stance::Neither),
        ];
        a.store_items(s.id, &items, None).unwrap();
        a
    }

    #[test]
    fn pages_are_newest_first_and_counted() {
        let a = archive();
        let all = a.list_items(&ItemFilter::default(), 0, 10).unwrap();
        assert_eq!(
            all.iter().map(|r| r.title.as_str()).collect::<Vec<_>>()[0],
            "Weather"
        );
        assert_eq!(a.count_items(&ItemFilter::default()).unwrap(), 4);
        let second = a.list_items(&ItemFilter::default(), 1, 1).unwrap();
        assert_eq!(
            second[0].title,
            "Minister and NGOs clash over Belgian shelters"
        );
    }

    #[test]
    fn pages_found_by_keyset_or_from_the_end_match_pages_by_offset() {
        let a = archive();
        let all = ItemFilter::default();
        let ids = |rows: Vec<ItemRow>| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        let by_offset = ids(a.list_items(&all, 0, 10).unwrap());
        assert_eq!(by_offset.len(), 4);
        let second = a.list_items(&all, 1, 1).unwrap().remove(0);
        let anchor = |r: &ItemRow| (r.sort_time, r.id);
        let (t, id) = anchor(&second);
        let after = ids(a
            .list_page(&all, PageAt::After { sort_time: t, id }, 10)
            .unwrap());
        assert_eq!(after, by_offset[2..]);
        let before = ids(a
            .list_page(&all, PageAt::Before { sort_time: t, id }, 10)
            .unwrap());
        assert_eq!(before, by_offset[..1]);
        let last_two = ids(a.list_page(&all, PageAt::FromEnd(0), 2).unwrap());
        assert_eq!(last_two, by_offset[2..]);
        let middle = ids(a.list_page(&all, PageAt::FromEnd(1), 2).unwrap());
        assert_eq!(middle, by_offset[1..3]);
        // Under a text filter too, in list order.
        let text = ItemFilter {
            text: Some("asylum".into()),
            ..ItemFilter::default()
        };
        let last = ids(a.list_page(&text, PageAt::FromEnd(0), 2).unwrap());
        assert_eq!(last, ids(a.list_items(&text, 2, 2).unwrap()));
    }

    #[test]
    fn the_data_version_moves_with_a_change() {
        let a = archive();
        let before = a.data_version().unwrap();
        assert_eq!(a.data_version().unwrap(), before);
        a.set_item_state(1, crate::store::ItemState::Read(true))
            .unwrap();
        assert_ne!(a.data_version().unwrap(), before);
    }

    #[test]
    fn voice_filters_count_items_with_both_voices_on_each_side() {
        let a = archive();
        let gov = ItemFilter {
            voice: Some(VoiceFilter::Government),
            ..ItemFilter::default()
        };
        assert_eq!(a.count_items(&gov).unwrap(), 2);
        let ngo = ItemFilter {
            voice: Some(VoiceFilter::NgoConcern),
            countries: vec!["be".into()],
            ..ItemFilter::default()
        };
        let rows = a.list_items(&ngo, 0, 10).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].countries, vec!["BE".to_string()]);
    }

    #[test]
    fn text_filter_matches_prefixes_and_marks_the_snippet() {
        let a = archive();
        let f = ItemFilter {
            text: Some("pushb".into()),
            ..ItemFilter::default()
        };
        let rows = a.list_items(&f, 0, 10).unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].snippet.as_deref().unwrap().contains(MATCH_OPEN));
        assert_eq!(a.count_items(&f).unwrap(), 1);
    }

    #[test]
    fn typed_operators_are_plain_words() {
        assert_eq!(
            fts_query("NOT \"belgium\" AND").as_deref(),
            Some("\"NOT\" \"belgium\" \"AND\"*")
        );
        assert_eq!(fts_query(" -- "), None);
        let a = archive();
        let f = ItemFilter {
            text: Some("\"unbalanced (".into()),
            ..ItemFilter::default()
        };
        assert_eq!(a.count_items(&f).unwrap(), 0);
    }

    #[test]
    fn months_split_by_stance() {
        let a = archive();
        let months = a.country_months(&["BE".into()]).unwrap();
        let total: i64 = months
            .iter()
            .map(|m| m.government + m.ngo_concern + m.both + m.neither)
            .sum();
        assert_eq!(total, 2);
        assert_eq!(
            a.country_counts(10).unwrap()[0],
            CountryCount {
                code: "BE".into(),
                items: 2
            }
        );
    }
}
