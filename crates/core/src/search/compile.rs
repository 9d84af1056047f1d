//! From a parsed query and the request's own filters to what SQLite runs: one full-text
//! expression for `items_fts MATCH` and SQL conditions on `items i` with named parameters.
//!
//! Safety rests on two rules. Every piece of user text reaches FTS5 inside a double-quoted
//! string (inner quotes doubled), so no user text can be an FTS5 operator, column name or
//! syntax; and every value reaches SQL as a bound parameter, never spliced into the text.

use rusqlite::types::Value;

use super::query::{Column, Filter, Flag, Node, Query, SourceRef, Term};
use super::SearchRequest;
use crate::model::Stance;
use crate::Result;

/// What a search runs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    /// The positive full-text expression that drives, ranks and snippets the search; `None`
    /// when the query has no text to rank by (a listing by date).
    pub fts: Option<String>,
    /// Conditions on `items i`, all of which must hold.
    pub conds: Vec<String>,
    /// Values for the `:pN` parameters named in `conds`.
    pub params: Vec<(String, Value)>,
    /// For conditions that an index can list the items of (a country, a source): the
    /// condition's position in `conds` and a `SELECT` of exactly the item ids that satisfy it.
    /// A search may then start from those ids when there are few of them (see `rank`).
    pub drivers: Vec<(usize, String)>,
}

impl Plan {
    /// `" AND c1 AND c2"`, ready to follow a WHERE clause.
    pub fn and_conds(&self) -> String {
        self.conds.iter().map(|c| format!(" AND {c}")).collect()
    }

    /// `" AND c1 AND c2"` without the condition at `skip`, which the caller checks otherwise.
    pub fn and_conds_except(&self, skip: usize) -> String {
        self.conds
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != skip)
            .map(|(_, c)| format!(" AND {c}"))
            .collect()
    }

    /// Adds a condition together with the ids that satisfy it.
    fn push_driven(&mut self, cond: String, driver: Option<String>) {
        if let Some(driver) = driver {
            self.drivers.push((self.conds.len(), driver));
        }
        self.conds.push(cond);
    }

    fn param(&mut self, value: impl Into<Value>) -> String {
        let name = format!(":p{}", self.params.len());
        self.params.push((name.clone(), value.into()));
        name
    }
}

/// Compiles a parsed query together with the filters given beside it.
pub(crate) fn compile(query: &Query, req: &SearchRequest) -> Result<Plan> {
    let mut plan = Plan::default();
    let columns = &query.columns;
    if let Some(root) = &query.root {
        let conjuncts: Vec<&Node> = match root {
            Node::And(children) => children.iter().collect(),
            other => vec![other],
        };
        let mut positive = Vec::new();
        let mut negative = Vec::new();
        let mut other = Vec::new();
        for node in conjuncts {
            match node {
                Node::Not(inner) => match fts(inner, columns) {
                    Some(expr) => negative.push(expr),
                    None => other.push(node),
                },
                _ => match fts(node, columns) {
                    Some(expr) => positive.push(expr),
                    None => other.push(node),
                },
            }
        }
        if !positive.is_empty() {
            let mut expr = and_all(&positive);
            for n in &negative {
                expr = format!("({expr} NOT {n})");
            }
            plan.fts = Some(expr);
        } else if !negative.is_empty() {
            // FTS5 has no unary NOT: an exclusion with nothing to exclude it from becomes an
            // anti-join on the index.
            let name = plan.param(negative.join(" OR "));
            plan.conds.push(format!(
                "i.id NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH {name})"
            ));
        }
        for node in other {
            match node {
                Node::Filter(filter) => {
                    let (cond, driver) = filter_sql(filter, &mut plan);
                    plan.push_driven(cond, driver);
                }
                _ => {
                    let cond = sql(node, columns, &mut plan);
                    plan.conds.push(cond);
                }
            }
        }
    }
    request_filters(req, &mut plan)?;
    Ok(plan)
}

fn and_all(parts: &[String]) -> String {
    if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("({})", parts.join(" AND "))
    }
}

/// One letter per phrase of a compiled full-text expression, in FTS5's phrase order (the
/// order they are written in): `p` for a prefix phrase (`"migra"*`), `w` for the others. The
/// ranking function estimates how many items hold a phrase by walking its first holders, which
/// for a prefix means expanding it to every word it starts again; it needs to know which.
pub(crate) fn phrase_kinds(expr: &str) -> String {
    let mut kinds = String::new();
    let mut chars = expr.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        // Inside a phrase a doubled quote stands for one quote; a single one ends it.
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    break;
                }
            }
        }
        kinds.push(if chars.peek() == Some(&'*') { 'p' } else { 'w' });
    }
    kinds
}

/// An FTS5 string literal: the text in double quotes with inner quotes doubled. Inside such a
/// string FTS5 sees only text to tokenize, never operators or column names.
pub(crate) fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn phrase(term: &Term, columns: &[Column]) -> String {
    let mut s = quote(&term.text);
    if term.prefix {
        s.push('*');
    }
    match columns {
        [] => s,
        [one] => format!("{} : {s}", one.fts_name()),
        many => format!(
            "{{{}}} : {s}",
            many.iter()
                .map(|c| c.fts_name())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

/// The FTS5 expression for a node made only of text, or `None` when it holds a filter or an
/// exclusion that FTS5 cannot express (a NOT with nothing beside it).
fn fts(node: &Node, columns: &[Column]) -> Option<String> {
    match node {
        Node::Term(term) => Some(phrase(term, columns)),
        Node::Filter(_) | Node::Not(_) => None,
        Node::Or(children) => {
            let parts = children
                .iter()
                .map(|c| fts(c, columns))
                .collect::<Option<Vec<_>>>()?;
            Some(format!("({})", parts.join(" OR ")))
        }
        Node::And(children) => {
            let mut positive = Vec::new();
            let mut negative = Vec::new();
            for child in children {
                match child {
                    Node::Not(inner) => negative.push(fts(inner, columns)?),
                    other => positive.push(fts(other, columns)?),
                }
            }
            if positive.is_empty() {
                return None;
            }
            let mut expr = and_all(&positive);
            for n in negative {
                expr = format!("({expr} NOT {n})");
            }
            Some(expr)
        }
    }
}

/// A node as an SQL condition on `items i`; text inside it becomes a sub-select on the index.
fn sql(node: &Node, columns: &[Column], plan: &mut Plan) -> String {
    if let Some(expr) = fts(node, columns) {
        let name = plan.param(expr);
        return format!("i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH {name})");
    }
    match node {
        Node::Filter(filter) => filter_sql(filter, plan).0,
        Node::Not(inner) => format!("NOT ({})", sql(inner, columns, plan)),
        Node::And(children) => {
            let parts: Vec<String> = children.iter().map(|c| sql(c, columns, plan)).collect();
            format!("({})", parts.join(" AND "))
        }
        Node::Or(children) => {
            let parts: Vec<String> = children.iter().map(|c| sql(c, columns, plan)).collect();
            format!("({})", parts.join(" OR "))
        }
        // A term always has an FTS5 form, handled above.
        Node::Term(_) => "1".into(),
    }
}

/// `government` and `ngo_concern` include items that carry both voices: an analyst asking
/// for government positions wants the items where the government speaks, whoever else does.
pub(crate) fn stance_sql(stance: Stance) -> &'static str {
    match stance {
        Stance::Government => "i.stance IN ('government', 'both')",
        Stance::NgoConcern => "i.stance IN ('ngo_concern', 'both')",
        Stance::Both => "i.stance = 'both'",
        Stance::Neither => "i.stance = 'neither'",
    }
}

fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A filter as a condition on `items i`, with a `SELECT` of the ids that satisfy it when an
/// index lists them (`item_countries_by_code`, `items_by_source_time`).
fn filter_sql(filter: &Filter, plan: &mut Plan) -> (String, Option<String>) {
    let cond = match filter {
        Filter::Country(code) => {
            let p = plan.param(code.clone());
            return (
                format!(
                    "EXISTS (SELECT 1 FROM item_countries c WHERE c.item_id = i.id AND c.code = {p})"
                ),
                Some(format!(
                    "SELECT d.item_id FROM item_countries d WHERE d.code = {p}"
                )),
            );
        }
        Filter::Stance(stance) => stance_sql(*stance).to_string(),
        Filter::Source(SourceRef::Id(id)) => {
            let p = plan.param(*id);
            return (
                format!("i.source_id = {p}"),
                Some(format!("SELECT d.id FROM items d WHERE d.source_id = {p}")),
            );
        }
        Filter::Source(SourceRef::Fragment(fragment)) => {
            let p = plan.param(like_escape(fragment));
            let sources = format!("SELECT s.id FROM sources s WHERE s.name LIKE {p} ESCAPE '\\' OR s.url LIKE {p} ESCAPE '\\'");
            return (
                format!("i.source_id IN ({sources})"),
                Some(format!(
                    "SELECT d.id FROM items d WHERE d.source_id IN ({sources})"
                )),
            );
        }
        Filter::Language(code) => language_sql(code, plan),
        Filter::After(t) => {
            let p = plan.param(*t);
            format!("i.sort_time >= {p}")
        }
        Filter::Before(t) => {
            let p = plan.param(*t);
            format!("i.sort_time < {p}")
        }
        Filter::Is(flag) => match flag {
            Flag::Starred => "i.is_starred = 1",
            Flag::Unread => "i.is_read = 0",
            Flag::Read => "i.is_read = 1",
            Flag::Pinned => "i.pinned_at IS NOT NULL",
        }
        .to_string(),
    };
    (cond, None)
}

/// `fr` also matches regional tags such as `fr-BE`.
fn language_sql(code: &str, plan: &mut Plan) -> String {
    let exact = plan.param(code.to_string());
    let regional = plan.param(format!("{code}-%"));
    format!("(lower(i.language) = {exact} OR lower(i.language) LIKE {regional})")
}

fn request_filters(req: &SearchRequest, plan: &mut Plan) -> Result<()> {
    if !req.countries.is_empty() {
        let mut names = Vec::new();
        for code in &req.countries {
            let code = super::query::parse_country(code)?;
            names.push(plan.param(code));
        }
        let names = names.join(", ");
        plan.push_driven(
            format!(
                "EXISTS (SELECT 1 FROM item_countries c WHERE c.item_id = i.id AND c.code IN ({names}))"
            ),
            Some(format!(
                "SELECT d.item_id FROM item_countries d WHERE d.code IN ({names})"
            )),
        );
    }
    if let Some(stance) = req.stance {
        plan.conds.push(stance_sql(stance).to_string());
    }
    if !req.sources.is_empty() {
        let names: Vec<String> = req.sources.iter().map(|id| plan.param(*id)).collect();
        let names = names.join(", ");
        plan.push_driven(
            format!("i.source_id IN ({names})"),
            Some(format!(
                "SELECT d.id FROM items d WHERE d.source_id IN ({names})"
            )),
        );
    }
    if let Some(language) = &req.language {
        let code = super::query::parse_language(language)?;
        let cond = language_sql(&code, plan);
        plan.conds.push(cond);
    }
    if let Some(since) = req.since {
        let p = plan.param(since);
        plan.conds.push(format!("i.sort_time >= {p}"));
    }
    if let Some(until) = req.until {
        let p = plan.param(until);
        plan.conds.push(format!("i.sort_time < {p}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn fts_of(q: &str) -> Option<String> {
        compile(&parse(q).unwrap(), &SearchRequest::default())
            .unwrap()
            .fts
    }

    #[test]
    fn every_term_is_quoted() {
        assert_eq!(fts_of("asylum"), Some("\"asylum\"".into()));
        assert_eq!(fts_of("migra*"), Some("\"migra\"*".into()));
        assert_eq!(fts_of("NEAR( x"), Some("(\"NEAR\" AND \"x\")".into()));
        assert_eq!(fts_of("a -b"), Some("(\"a\" NOT \"b\")".into()));
        assert_eq!(fts_of("in:title a"), Some("title : \"a\"".into()));
        assert_eq!(fts_of("a OR b"), Some("(\"a\" OR \"b\")".into()));
    }

    #[test]
    fn phrase_kinds_follow_the_written_order() {
        let kinds = |q: &str| phrase_kinds(&fts_of(q).unwrap());
        assert_eq!(kinds("asylum"), "w");
        assert_eq!(kinds("migra* \"ter apel\" -x*"), "pwp");
        assert_eq!(phrase_kinds(r#"("say ""hi""*" AND "a"*)"#), "wp");
        assert_eq!(kinds("(a OR b*) c"), "wpw");
    }

    #[test]
    fn lone_exclusion_becomes_sql() {
        let plan = compile(&parse("-a").unwrap(), &SearchRequest::default()).unwrap();
        assert!(plan.fts.is_none());
        assert_eq!(plan.conds.len(), 1);
    }
}
