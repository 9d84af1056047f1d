//! The query language: a hand-written tokenizer and parser from what a person types to an AST.
//!
//! The parser is forgiving on purpose. An unbalanced quote runs to the end of the query, an
//! unbalanced parenthesis is closed at the end, a stray `)` or a dangling `OR` is ignored, and a
//! term with no letter or digit in it (a lone `*`, punctuation, emoji) is dropped, because the
//! full-text tokenizer would find nothing to index in it either. The only errors are the ones a
//! person can act on: an unknown `field:`, a bad value for a known field, a query with nothing
//! to search for, and queries too long or too deeply nested to be meant.
//!
//! Grammar (OR binds tighter than the implicit AND, as in web search engines):
//!
//! ```text
//! query   := seq
//! seq     := or*
//! or      := unary ("OR" unary)*
//! unary   := ("-" | "NOT") unary | primary
//! primary := "(" seq ")" | "\"phrase\"" ["*"] | word ["*"] | field ":" value
//! ```

use crate::model::Stance;
use crate::{Error, Result};

/// Longer queries are pasted text, not searches; refusing them keeps every query cheap.
pub const MAX_QUERY_CHARS: usize = 2000;
/// More terms than this would make one full-text expression too costly to evaluate.
pub const MAX_TERMS: usize = 64;
/// Parentheses nested deeper than this are refused before they could exhaust the stack.
pub const MAX_DEPTH: usize = 16;

/// The fields a query may use, for the message that names an unknown one.
const FIELDS: &str = "country, voice, stance, source, lang, after, before, is, in";

/// A parsed query: an expression tree (absent when only `in:` or nothing was given) and the
/// columns that text terms are restricted to (`in:title`; empty means every column).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub root: Option<Node>,
    pub columns: Vec<Column>,
}

/// A node of the query tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Words or an exact phrase: every token must match, adjacent and in order.
    Term(Term),
    Filter(Filter),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

/// Text to find. A word with inner punctuation (`asylum-seekers`) is matched as a phrase of
/// its tokens, exactly as the index split it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// The last token is a prefix (`migra*`).
    pub prefix: bool,
}

/// A condition on an item's metadata rather than its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// An ISO 3166-1 alpha-2 code (plus XK and EU), upper case.
    Country(String),
    /// `government` and `ngo_concern` also match items carrying both voices.
    Stance(Stance),
    Source(SourceRef),
    /// An ISO 639-1 code, lower case.
    Language(String),
    /// Items sorted at or after this Unix time.
    After(i64),
    /// Items sorted strictly before this Unix time.
    Before(i64),
    Is(Flag),
}

/// A source named in a query: by id, or by a fragment of its name or URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceRef {
    Id(i64),
    Fragment(String),
}

/// The reader's own marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Starred,
    Unread,
    Read,
    Pinned,
}

/// An indexed column of `items_fts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Title,
    Summary,
    Text,
}

impl Column {
    /// The column's name in `items_fts`.
    pub fn fts_name(self) -> &'static str {
        match self {
            Column::Title => "title",
            Column::Summary => "summary",
            Column::Text => "content_text",
        }
    }
}

/// Parses a query. Never panics; errors are [`Error::Query`] with a one-line message.
pub fn parse(input: &str) -> Result<Query> {
    let chars = input.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::Query(format!(
            "the query is too long ({chars} characters; at most {MAX_QUERY_CHARS})"
        )));
    }
    let tokens = lex(input)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        columns: Vec::new(),
        terms: 0,
    };
    let nodes = parser.seq(0, false)?;
    let root = simplify(Node::And(nodes));
    if parser.terms > MAX_TERMS {
        return Err(Error::Query(format!(
            "the query has too many terms ({}; at most {MAX_TERMS})",
            parser.terms
        )));
    }
    // A query that had something in it but nothing searchable is almost certainly a mistake;
    // listing the whole archive instead would look like an answer.
    if root.is_none() && parser.columns.is_empty() && !input.trim().is_empty() {
        return Err(Error::Query(format!(
            "nothing to search for in {:?}: a query needs letters or digits",
            shorten(input.trim())
        )));
    }
    Ok(Query {
        root,
        columns: parser.columns,
    })
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(40).collect();
        cut.push('…');
        cut
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    Or,
    Not,
    Word(String),
    Phrase(String, bool),
    Filter(Filter),
    In(Vec<Column>),
}

/// Straight and typographic quotes, including French guillemets, all delimit phrases.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Control characters separate words: the index never holds them, and FTS5 reads a NUL inside
/// a string as its end.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn ends_word(c: char) -> bool {
    is_space(c) || c == '(' || c == ')' || is_quote(c)
}

fn lex(input: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            i += 1;
        } else if c == '(' {
            tokens.push(Token::Open);
            i += 1;
        } else if c == ')' {
            tokens.push(Token::Close);
            i += 1;
        } else if is_quote(c) {
            let (text, next) = read_quoted(&chars, i + 1);
            i = next;
            let prefix = chars.get(i) == Some(&'*');
            while chars.get(i) == Some(&'*') {
                i += 1;
            }
            tokens.push(Token::Phrase(text, prefix));
        } else if c == '-' {
            // A minus excludes what follows it; alone (or doubled) it means nothing more.
            while chars.get(i) == Some(&'-') {
                i += 1;
            }
            if chars.get(i).is_some_and(|c| !is_space(*c)) && tokens.last() != Some(&Token::Not) {
                tokens.push(Token::Not);
            }
        } else {
            let start = i;
            while i < chars.len() && !ends_word(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match word.as_str() {
                "OR" | "|" => tokens.push(Token::Or),
                "AND" | "&" => {}
                "NOT" => tokens.push(Token::Not),
                _ => {
                    if let Some((field, value)) = field_of(&word) {
                        // `source:"Le Monde"` takes the quoted text as its value.
                        let value =
                            if value.is_empty() && chars.get(i).copied().is_some_and(is_quote) {
                                let (text, next) = read_quoted(&chars, i + 1);
                                i = next;
                                text
                            } else {
                                value.to_string()
                            };
                        tokens.push(field_token(field, value.trim())?);
                    } else {
                        tokens.push(Token::Word(word));
                    }
                }
            }
        }
    }
    Ok(tokens)
}

/// Reads up to the closing quote (or the end), returning the text and the index after it.
fn read_quoted(chars: &[char], start: usize) -> (String, usize) {
    let mut i = start;
    while i < chars.len() && !is_quote(chars[i]) {
        i += 1;
    }
    let text = chars[start.min(chars.len())..i]
        .iter()
        .map(|&c| if is_space(c) { ' ' } else { c })
        .collect();
    (text, i + 1)
}

/// Splits `field:value` when the part before the colon looks like a field name. Times
/// (`10:30`) and URLs (`https://…`) are text, and so is a word that merely ends in a colon.
fn field_of(word: &str) -> Option<(&str, &str)> {
    let (field, value) = word.split_once(':')?;
    if field.is_empty()
        || !field.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
        || value.starts_with("//")
    {
        return None;
    }
    let known = is_field(&field.to_ascii_lowercase());
    if value.is_empty() && !known {
        return None;
    }
    Some((field, value))
}

fn is_field(name: &str) -> bool {
    matches!(
        name,
        "country"
            | "voice"
            | "stance"
            | "source"
            | "lang"
            | "language"
            | "after"
            | "before"
            | "since"
            | "until"
            | "is"
            | "in"
    )
}

fn field_token(field: &str, value: &str) -> Result<Token> {
    let name = field.to_ascii_lowercase();
    if !is_field(&name) {
        return Err(Error::Query(format!(
            "unknown field `{field}:` (known fields: {FIELDS})"
        )));
    }
    if value.is_empty() {
        return Err(Error::Query(format!(
            "`{field}:` needs a value, as in {}",
            example(&name)
        )));
    }
    let lower = value.to_lowercase();
    let filter = match name.as_str() {
        "country" => Filter::Country(parse_country(value)?),
        "voice" | "stance" => Filter::Stance(parse_stance(&lower).ok_or_else(|| {
            Error::Query(format!(
                "unknown {name} `{value}` (expected government, ngo_concern, both or neither)"
            ))
        })?),
        "source" => match value.parse::<i64>() {
            Ok(id) => Filter::Source(SourceRef::Id(id)),
            Err(_) => Filter::Source(SourceRef::Fragment(value.to_string())),
        },
        "lang" | "language" => Filter::Language(parse_language(value)?),
        "after" | "since" => Filter::After(parse_date_start(value, &name)?),
        "before" | "until" => Filter::Before(parse_date_start(value, &name)?),
        "is" => Filter::Is(match lower.as_str() {
            "starred" | "star" => Flag::Starred,
            "unread" => Flag::Unread,
            "read" => Flag::Read,
            "pinned" | "pin" => Flag::Pinned,
            _ => {
                return Err(Error::Query(format!(
                    "unknown `is:{value}` (expected is:starred, is:unread, is:read or is:pinned)"
                )))
            }
        }),
        _ => {
            let mut columns = Vec::new();
            for part in lower.split(',') {
                let column = match part {
                    "title" => Column::Title,
                    "summary" => Column::Summary,
                    "text" | "content" | "body" => Column::Text,
                    _ => {
                        return Err(Error::Query(format!(
                            "unknown `in:{value}` (expected in:title, in:summary or in:text)"
                        )))
                    }
                };
                columns.push(column);
            }
            return Ok(Token::In(columns));
        }
    };
    Ok(Token::Filter(filter))
}

fn example(field: &str) -> &'static str {
    match field {
        "country" => "country:TR",
        "voice" | "stance" => "voice:government",
        "source" => "source:ecre",
        "lang" | "language" => "lang:fr",
        "after" | "since" => "after:2025-01-01",
        "before" | "until" => "before:2025-06-30",
        "is" => "is:starred",
        _ => "in:title",
    }
}

/// A two-letter country code, upper-cased.
pub fn parse_country(value: &str) -> Result<String> {
    let code = value.trim();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(Error::Query(format!(
            "`{value}` is not a country code; use two letters, as in country:TR"
        )))
    }
}

/// A two- or three-letter language code, lower-cased.
pub fn parse_language(value: &str) -> Result<String> {
    let code = value.trim();
    if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code.to_ascii_lowercase())
    } else {
        Err(Error::Query(format!(
            "`{value}` is not a language code; use two letters, as in lang:fr"
        )))
    }
}

/// The stance names and their short forms.
pub fn parse_stance(value: &str) -> Option<Stance> {
    match value.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "government" | "gov" | "govt" => Some(Stance::Government),
        "ngo_concern" | "ngo" | "ngos" | "concern" => Some(Stance::NgoConcern),
        "both" => Some(Stance::Both),
        "neither" | "none" => Some(Stance::Neither),
        _ => None,
    }
}

/// Dates are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the result is the first second of the period
/// (UTC). [`parse_date_end`] gives the first second after it.
pub fn parse_date_start(value: &str, field: &str) -> Result<i64> {
    date_period(value)
        .map(|(start, _)| start)
        .ok_or_else(|| bad_date(value, field))
}

/// The first second after the day, month or year `value` names (UTC), for inclusive ends.
pub fn parse_date_end(value: &str, field: &str) -> Result<i64> {
    date_period(value)
        .map(|(_, end)| end)
        .ok_or_else(|| bad_date(value, field))
}

fn bad_date(value: &str, field: &str) -> Error {
    Error::Query(format!(
        "bad date `{value}` for {field}: use YYYY-MM-DD, as in 2025-01-31"
    ))
}

fn date_period(value: &str) -> Option<(i64, i64)> {
    use chrono::NaiveDate;
    let value = value.trim();
    let parts: Vec<&str> = value.split('-').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        || parts[0].len() != 4
    {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    let (start, end) = match parts.len() {
        1 => (
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?,
        ),
        2 => {
            let month: u32 = parts[1].parse().ok()?;
            let start = NaiveDate::from_ymd_opt(year, month, 1)?;
            let end = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            (start, end)
        }
        3 => {
            let day =
                NaiveDate::from_ymd_opt(year, parts[1].parse().ok()?, parts[2].parse().ok()?)?;
            (day, day.succ_opt()?)
        }
        _ => return None,
    };
    let ts = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    Some((ts(start)?, ts(end)?))
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    columns: Vec<Column>,
    terms: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    /// A sequence of implicitly AND-ed expressions, up to the end or (inside a group) `)`.
    fn seq(&mut self, depth: usize, in_group: bool) -> Result<Vec<Node>> {
        let mut nodes = Vec::new();
        while let Some(token) = self.peek() {
            match token {
                Token::Close if in_group => {
                    self.pos += 1;
                    break;
                }
                // A stray `)` or an `OR` with nothing before it is a slip of the keyboard.
                Token::Close | Token::Or => self.pos += 1,
                _ => {
                    if let Some(node) = self.or(depth)? {
                        nodes.push(node);
                    }
                }
            }
        }
        Ok(nodes)
    }

    fn or(&mut self, depth: usize) -> Result<Option<Node>> {
        let mut branches = Vec::new();
        if let Some(first) = self.unary(depth)? {
            branches.push(first);
        }
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            if matches!(self.peek(), None | Some(Token::Close) | Some(Token::Or)) {
                continue;
            }
            if let Some(next) = self.unary(depth)? {
                branches.push(next);
            }
        }
        Ok(match branches.len() {
            0 => None,
            1 => branches.pop(),
            _ => Some(Node::Or(branches)),
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Option<Node>> {
        match self.peek() {
            Some(Token::Not) => {
                self.pos += 1;
                if let Some(Token::In(_)) = self.peek() {
                    return Err(Error::Query(
                        "`in:` chooses where to search and cannot be excluded with `-`".into(),
                    ));
                }
                if matches!(self.peek(), None | Some(Token::Close) | Some(Token::Or)) {
                    return Ok(None);
                }
                Ok(self.unary(depth)?.map(|n| match n {
                    // Excluding an exclusion gives back the thing itself.
                    Node::Not(inner) => *inner,
                    other => Node::Not(Box::new(other)),
                }))
            }
            _ => self.primary(depth),
        }
    }

    fn primary(&mut self, depth: usize) -> Result<Option<Node>> {
        let Some(token) = self.tokens.get(self.pos).cloned() else {
            return Ok(None);
        };
        self.pos += 1;
        Ok(match token {
            Token::Open => {
                if depth + 1 > MAX_DEPTH {
                    return Err(Error::Query(format!(
                        "too many nested parentheses (at most {MAX_DEPTH})"
                    )));
                }
                Some(Node::And(self.seq(depth + 1, true)?))
            }
            Token::Word(word) => {
                let prefix = word.ends_with('*');
                self.term(word.trim_end_matches('*'), prefix)
            }
            Token::Phrase(text, prefix) => self.term(&text, prefix),
            Token::Filter(filter) => Some(Node::Filter(filter)),
            Token::In(columns) => {
                for c in columns {
                    if !self.columns.contains(&c) {
                        self.columns.push(c);
                    }
                }
                None
            }
            Token::Close | Token::Or | Token::Not => None,
        })
    }

    fn term(&mut self, text: &str, prefix: bool) -> Option<Node> {
        // The index keeps only letters and digits; a term without any would match nothing
        // (or, worse, everything), so it is dropped here rather than sent to the index.
        if !text.chars().any(char::is_alphanumeric) {
            return None;
        }
        self.terms += 1;
        Some(Node::Term(Term {
            text: text.trim().to_string(),
            prefix,
        }))
    }
}

/// Flattens nested ANDs and ORs, drops empty groups and unwraps single children.
fn simplify(node: Node) -> Option<Node> {
    match node {
        Node::And(children) => {
            let mut flat = Vec::new();
            for child in children.into_iter().filter_map(simplify) {
                match child {
                    Node::And(inner) => flat.extend(inner),
                    other => flat.push(other),
                }
            }
            match flat.len() {
                0 => None,
                1 => flat.pop(),
                _ => Some(Node::And(flat)),
            }
        }
        Node::Or(children) => {
            let mut flat = Vec::new();
            for child in children.into_iter().filter_map(simplify) {
                match child {
                    Node::Or(inner) => flat.extend(inner),
                    other => flat.push(other),
                }
            }
            match flat.len() {
                0 => None,
                1 => flat.pop(),
                _ => Some(Node::Or(flat)),
            }
        }
        Node::Not(inner) => simplify(*inner).map(|n| match n {
            Node::Not(back) => *back,
            other => Node::Not(Box::new(other)),
        }),
        leaf => Some(leaf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Node {
        Node::Term(Term {
            text: t.into(),
            prefix: false,
        })
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let q = parse("a OR b c").unwrap();
        assert_eq!(
            q.root,
            Some(Node::And(vec![
                Node::Or(vec![term("a"), term("b")]),
                term("c")
            ]))
        );
    }

    #[test]
    fn forgiving_syntax() {
        assert_eq!(
            parse("(a b").unwrap().root,
            Some(Node::And(vec![term("a"), term("b")]))
        );
        assert_eq!(parse("a)").unwrap().root, Some(term("a")));
        assert_eq!(parse("\"a b").unwrap().root, Some(term("a b")));
        assert_eq!(parse("OR a OR").unwrap().root, Some(term("a")));
        assert_eq!(
            parse("--a").unwrap().root,
            Some(Node::Not(Box::new(term("a"))))
        );
        assert!(parse("*").is_err());
        assert!(parse("").unwrap().root.is_none());
    }

    #[test]
    fn fields() {
        assert_eq!(
            parse("country:tr").unwrap().root,
            Some(Node::Filter(Filter::Country("TR".into())))
        );
        assert_eq!(parse("10:30").unwrap().root, Some(term("10:30")));
        assert_eq!(
            parse("https://example.org").unwrap().root,
            Some(term("https://example.org"))
        );
        assert_eq!(
            parse("source:\"Le Monde\"").unwrap().root,
            Some(Node::Filter(Filter::Source(SourceRef::Fragment(
                "Le Monde".into()
            ))))
        );
        assert!(
            matches!(parse("foo:bar"), Err(Error::Query(m)) if m.contains("unknown field `foo:`"))
        );
        assert!(
            matches!(parse("after:2025-13-01"), Err(Error::Query(m)) if m.contains("bad date"))
        );
        assert_eq!(
            parse("in:title asylum").unwrap().columns,
            vec![Column::Title]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date_start("2025-01-01", "after").unwrap(),
            1_735_689_600
        );
        assert_eq!(
            parse_date_end("2024-12-31", "until").unwrap(),
            1_735_689_600
        );
        assert_eq!(parse_date_end("2024-12", "until").unwrap(), 1_735_689_600);
        assert_eq!(parse_date_end("2024", "until").unwrap(), 1_735_689_600);
    }
}
