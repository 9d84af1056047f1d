//! Which countries an item concerns: one pass of the gazetteer automaton over the folded text,
//! then the filters of the labeling rules (section 2), then scores and focus.

use std::borrow::Cow;
use std::collections::HashMap;

use memchr::memmem;

use crate::model::{CountryTag, Span};

use super::doc::{ends_with_phrase, starts_with_phrase, Doc, Tok};
use super::gazetteer::{self, gazetteer, Entry, Kind};
use super::lexicon::{lexicon, words, Side};
use super::normalize::is_word_byte;

/// The least score that makes the top country a focus country.
const MIN_FOCUS: f32 = 0.75;

/// One accepted reference to a country.
#[derive(Debug, Clone)]
pub struct Mention {
    pub code: &'static str,
    /// Folded byte range.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub flags: u8,
    /// The country (or its capital) is the subject of a government verb: the government acts.
    pub acts: bool,
}

/// What the country pass hands on: the tags, and the places where a state acts (capitals or
/// names followed by a government verb), which the voice pass treats as government actors.
pub struct Countries {
    pub tags: Vec<CountryTag>,
    pub acting: Vec<(usize, usize)>,
    /// Where a demonym stands: next to a role noun it makes an office of that state ("le
    /// président tunisien", "the Greek minister").
    pub demonyms: Vec<(usize, usize)>,
}

pub fn find(doc: &Doc<'_>) -> Countries {
    let g = gazetteer();
    let text = doc.text();
    let bytes = text.as_bytes();
    let dateline = dateline(doc);
    let mut mentions: Vec<Mention> = Vec::new();
    // Ends of demonyms already read as language names, for coordinations ("cours de
    // néerlandais et de français").
    let mut languages: Vec<usize> = Vec::new();
    // Bodies qualified by another state's adjective.
    let mut foreign_bodies: Vec<&str> = Vec::new();

    for (s, e, pattern) in g.automaton.iter(text) {
        let entries = &g.entries[pattern];
        if e < bytes.len() && is_word_byte(bytes[e]) {
            continue;
        }
        let compound = s > 0 && is_word_byte(bytes[s - 1]);
        if compound && !compass_compound(doc, s, entries) {
            continue;
        }
        if entries.iter().any(|en| en.kind == Kind::Block) {
            continue;
        }
        let Some(picked) = pick(doc, entries, s, e, compound) else {
            continue;
        };
        // The same form may carry flags on another entry of the same country (the CLDR
        // "Jordan" and the curated "Jordan" with its person flag): they all apply.
        let flags = entries
            .iter()
            .filter(|en| en.code == picked.code)
            .fold(0, |acc, en| acc | en.flags);
        let entry = Entry {
            flags,
            ..picked.clone()
        };
        if entry.flags & gazetteer::HYPHEN != 0 && bytes.get(e) != Some(&b'-') {
            continue;
        }
        if dateline.is_some_and(|(ds, de)| s >= ds && e <= de) {
            continue;
        }
        if in_place_name(doc, s) {
            continue;
        }
        if entry.flags & gazetteer::PERSON != 0 && looks_like_person(doc, s, e) {
            continue;
        }
        if entry.flags & gazetteer::GEORGIA != 0 && is_us_state(doc, s, e, &mentions) {
            continue;
        }
        if entry.flags & gazetteer::CASE != 0 && entry.form.len() <= 3 && in_caps_phrase(doc, s, e)
        {
            continue;
        }
        if entry.flags & gazetteer::CASE != 0 && abbreviates_organisation(doc, &text[s..e]) {
            continue;
        }
        if matches!(entry.kind, Kind::Name | Kind::Short)
            && entries.iter().any(|en| en.kind == Kind::Capital)
            && (is_seat(doc, s) || doc.word_after_in(e, words!("seatafter", "*")))
        {
            continue;
        }
        // "das Schweizer Bundesverwaltungsgericht": a body whose name several states share
        // belongs to the state whose adjective qualifies it, here and wherever the item names
        // it again without the adjective (a headline, a later sentence).
        if entry.kind == Kind::Body
            && mentions.last().is_some_and(|m| {
                m.kind == Kind::Demonym && m.code != entry.code && m.end <= s && s - m.end <= 1
            })
        {
            foreign_bodies.push(&text[s..e]);
            continue;
        }
        if entry.kind == Kind::Demonym && names_language(doc, s, e, &languages, &mentions) {
            languages.push(e);
            continue;
        }
        // A capital may act through a bare auxiliary ("Kinshasa a fait preuve"); a country
        // name with one is mostly a passive or a past fact ("la Belgique a été condamnée").
        // "das Verwaltungsgericht Berlin hat entschieden", "de rechtbank Den Haag oordeelde": a
        // court named with its seat in a capital is a national court, an official body of that
        // state (labeling 2.6); the capital does not act as the government.
        if entry.kind == Kind::Capital && court_with_seat(doc, s) {
            mentions.push(Mention {
                code: entry.code,
                start: s,
                end: e,
                kind: Kind::Capital,
                flags: entry.flags,
                acts: false,
            });
            continue;
        }
        let acts = matches!(entry.kind, Kind::Name | Kind::Short | Kind::Capital)
            && government_acts(doc, s, e, entry.kind == Kind::Capital);
        if entry.kind == Kind::Capital && !acts {
            continue;
        }
        mentions.push(Mention {
            code: entry.code,
            start: s,
            end: e,
            kind: entry.kind,
            flags: entry.flags,
            // "Ottawa and Washington had agreed to that change": a capital still stands for
            // its government, but an act in the pluperfect is background, not its line.
            acts: acts && !in_pluperfect(doc, e),
        });
    }
    if !foreign_bodies.is_empty() {
        mentions
            .retain(|m| m.kind != Kind::Body || !foreign_bodies.contains(&&text[m.start..m.end]));
    }
    mentions.extend(headline_codes(doc));
    mentions.sort_by_key(|m| m.start);
    mentions.dedup_by(|a, b| a.start == b.start && a.code == b.code);
    resolve_congo(doc, &mut mentions);

    let acting = mentions
        .iter()
        .filter(|m| m.acts)
        .map(|m| (m.start, m.end))
        .collect();
    let demonyms = mentions
        .iter()
        .filter(|m| m.kind == Kind::Demonym)
        .map(|m| (m.start, m.end))
        .collect();
    Countries {
        tags: score(doc, &mentions),
        acting,
        demonyms,
    }
}

/// The entry a match stands for in this text, if any: the right language and the right case.
fn pick<'g>(
    doc: &Doc<'_>,
    entries: &'g [Entry],
    s: usize,
    e: usize,
    compound: bool,
) -> Option<&'g Entry> {
    let lang_rank = |en: &Entry| -> Option<u8> {
        if en.lang == doc.lang {
            Some(0)
        } else if en.lang == "*" {
            Some(1)
        } else if en.kind == Kind::Demonym || en.flags & gazetteer::LANG_ONLY != 0 {
            // Demonyms are inflected words of one language; other languages' forms are
            // mostly ordinary words there ("Pole", "Este").
            None
        } else if en.lang == "en" {
            Some(2)
        } else {
            Some(3)
        }
    };
    entries
        .iter()
        // Inside a compound the name is not capitalised ("Süditalien"); the compound's own
        // capital was checked by `compass_compound`, and only names qualify.
        .filter(|en| {
            if compound {
                matches!(en.kind, Kind::Name | Kind::Short) && en.flags & gazetteer::CASE == 0
            } else {
                case_ok(doc, en, s, e)
            }
        })
        .filter_map(|en| lang_rank(en).map(|r| (r, en)))
        .min_by_key(|(r, en)| (*r, en.flags & gazetteer::CONGO))
        .map(|(_, en)| en)
}

/// Proper nouns must be capitalised in the text ("turkey" the bird, "chile" the pepper);
/// abbreviations must match exactly ("VS", "US").
fn case_ok(doc: &Doc<'_>, en: &Entry, s: usize, e: usize) -> bool {
    let (cs, ce) = doc.folded.char_span(s, e);
    if en.flags & gazetteer::CASE != 0 {
        return doc.chars[cs..ce].iter().copied().eq(en.form.chars());
    }
    // "from the Gambia": a leading English article is written in lower case inside a sentence,
    // so the name's own capital is the one to check.
    let (form, cs) = match en.form.strip_prefix("The ") {
        Some(rest) if doc.chars.get(cs) == Some(&'t') => (rest, cs + 4),
        _ => (en.form, cs),
    };
    match form.chars().next() {
        Some(f) if f.is_uppercase() => doc.chars.get(cs).is_some_and(|c| c.is_uppercase()),
        _ => true,
    }
}

/// The dateline at the start of the body ("BRUSSELS (Belga) –", "MADRID (EFE).–",
/// "Brussels –"), as a folded byte range: it names the wire's desk, not the subject.
fn dateline(doc: &Doc<'_>) -> Option<(usize, usize)> {
    let text = doc.text();
    let body = text.find("\n\n")? + 2;
    let head: Vec<(usize, char)> = text[body..].char_indices().take(70).collect();
    let orig = |i: usize| doc.orig_char_at(body + head[i].0).unwrap_or(' ');
    let mut i = 0;
    while i < head.len() && !matches!(head[i].1, '(' | '-' | '\n') {
        i += 1;
    }
    if i == 0 || i >= head.len() || head[i].1 == '\n' {
        return None;
    }
    let prefix: String = (0..i).map(orig).collect();
    let prefix = prefix.trim();
    if prefix.is_empty() || prefix.len() > 45 {
        return None;
    }
    let mut j = i;
    let has_agency = head[i].1 == '(';
    if has_agency {
        while j < head.len() && head[j].1 != ')' {
            j += 1;
        }
        // "the Irish Refugee Council (IRC) warned": a bracket after an organisation's name
        // holds its acronym. A dateline's bracket names a wire service, or follows a place
        // written in capitals ("GENEVA (UNHCR) –").
        let inside: String = head[(i + 1).min(j)..j].iter().map(|&(_, c)| c).collect();
        let wire = words!("newsagency", "*").contains(inside.trim());
        let caps = prefix
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if !wire && !caps {
            return None;
        }
        j += 1;
        while j < head.len() && matches!(head[j].1, ' ' | '.' | ',') {
            j += 1;
        }
        if j >= head.len() || head[j].1 != '-' {
            return Some((body, body + head[j.min(head.len() - 1)].0));
        }
    } else if !prefix.ends_with(' ') && !(0..i).map(orig).collect::<String>().ends_with(' ') {
        // A hyphen inside a word ("Congo-Brazzaville ...") is no dateline dash.
        return None;
    }
    let words: Vec<&str> = prefix.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    let all_caps = prefix
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let capitalised = words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !(has_agency || all_caps || capitalised) {
        return None;
    }
    let end = head.get(j + 1).map_or(text.len(), |h| body + h.0);
    Some((body, end))
}

/// "Jordan Claes", "Chad Morrison", "Markus Jordan": a first name or surname, not a country.
fn looks_like_person(doc: &Doc<'_>, s: usize, e: usize) -> bool {
    let (cs, ce) = doc.folded.char_span(s, e);
    let chars = &doc.chars;
    // "a man known to his associates as 'Jordan'", "alias « Chad »": a name in quotation marks
    // after a word of naming is what someone is called.
    let quote = |c: Option<&char>| c.is_some_and(|c| "'\"‘’“”«»".contains(*c));
    let opened = quote(cs.checked_sub(1).and_then(|i| chars.get(i)))
        || (quote(cs.checked_sub(2).and_then(|i| chars.get(i)))
            && cs.checked_sub(1).and_then(|i| chars.get(i)) == Some(&' '));
    if opened && (quote(chars.get(ce)) || quote(chars.get(ce + 1))) {
        let naming = words!("naming", doc.lang);
        let before = doc.tokens_before(s, 3);
        if before
            .iter()
            .rev()
            .find(|t| t.word)
            .is_some_and(|t| naming.contains(t.text))
        {
            return true;
        }
    }
    let in_title = cs < doc.title_chars;
    let title_case = in_title && title_is_title_case(doc);
    // "Jordan van Dijk", "France de la Cruz": a name particle, then a capitalised surname.
    let after: String = chars[ce.min(chars.len())..].iter().take(40).collect();
    let mut rest = after.split(' ').skip(1).filter(|w| !w.is_empty());
    let particles = words!("nameparticle", "*");
    if let Some(first) = rest.next() {
        if particles.contains(first) {
            let surname = rest.find(|w| !particles.contains(w));
            if surname.is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).any(char::is_lowercase)
            }) {
                return true;
            }
        }
    }
    if !title_case && ce + 1 < chars.len() && chars[ce] == ' ' && chars[ce + 1].is_uppercase() {
        let word: String = chars[ce + 1..]
            .iter()
            .take_while(|c| c.is_alphabetic() || **c == '\'')
            .collect();
        if word.chars().count() >= 2 && word.chars().skip(1).any(char::is_lowercase) {
            return true;
        }
    }
    if cs >= 2 && chars[cs - 1] == ' ' {
        let mut ps = cs - 1;
        while ps > 0 && chars[ps - 1].is_alphabetic() {
            ps -= 1;
        }
        let word: String = chars[ps..cs - 1].iter().collect();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase)
            && word.chars().count() >= 2;
        let mut k = ps;
        while k > 0 && chars[k - 1] == ' ' {
            k -= 1;
        }
        let sentence_start = k == 0
            || matches!(
                chars[k - 1],
                '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '«' | '(' | '–' | '—'
            );
        let folded = super::normalize::fold(&word);
        if capitalised && !words!("direction", "*").contains(&folded) {
            if !sentence_start {
                return true;
            }
            // "Luís Montenegro dijo …" opening a sentence: the same first name and name met
            // again elsewhere in the item make a person ("Meanwhile France" is not repeated).
            let pair = format!("{folded} {}", &doc.text()[s..e]);
            if memmem::find_iter(doc.text().as_bytes(), &pair)
                .nth(1)
                .is_some()
            {
                return true;
            }
        }
    }
    // "haar buurman Salvador", "explique Maurice, bénévole", "Mark Ireland, director of …": a
    // word for a person right before the name, or a word for a person or a role after it
    // across a comma (an article aside), makes it that person's name.
    let persons = words!("personnoun", "*");
    if doc.word_before_in(s, persons) {
        return true;
    }
    let after = doc.tokens_after(e, 3);
    if after.first().is_some_and(|t| t.text == ",") {
        let articles = words!("article", doc.lang);
        let mut words = after[1..].iter().filter(|t| t.word);
        let noun = match words.next() {
            Some(t) if articles.contains(t.text) => words.next(),
            other => other,
        };
        let roles = words!("leaderrole", doc.lang);
        if noun.is_some_and(|t| persons.contains(t.text) || roles.contains(t.text)) {
            return true;
        }
    }
    false
}

fn title_is_title_case(doc: &Doc<'_>) -> bool {
    let title: String = doc.chars[..doc.title_chars].iter().collect();
    let words: Vec<&str> = title
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && caps * 10 >= words.len() * 8
}

/// "Atlanta, Georgia", "the state of Georgia": the US state, a place.
fn is_us_state(doc: &Doc<'_>, s: usize, e: usize, earlier: &[Mention]) -> bool {
    let before = doc.tokens_before(s, 5);
    if ends_with_phrase(&before, words!("georgiabefore", "*")) {
        return true;
    }
    if doc
        .tokens_after(e, 1)
        .first()
        .is_some_and(|t| t.text == "state")
    {
        return true;
    }
    // "City, Georgia": a capitalised word and a comma right before, which is not a country.
    if let [.., w, comma] = &before[..] {
        if comma.text == "," && w.word {
            let capital = doc.orig_char_at(w.start).is_some_and(char::is_uppercase);
            let country = earlier.iter().any(|m| m.end == w.end);
            return capital && !country;
        }
    }
    false
}

/// "HELP US": an abbreviation inside an all-caps phrase is an ordinary word.
fn in_caps_phrase(doc: &Doc<'_>, s: usize, e: usize) -> bool {
    let text = doc.text();
    let caps = |t: &Tok<'_>| {
        t.word
            && t.text.len() >= 2
            && t.text.chars().any(|c| c.is_alphabetic())
            && doc.chars
                [doc.folded.char_span(t.start, t.end).0..doc.folded.char_span(t.start, t.end).1]
                .iter()
                .all(|c| !c.is_lowercase())
            && !gazetteer()
                .codes
                .contains_key(text[t.start..t.end].to_ascii_uppercase().as_str())
    };
    let after = doc.tokens_after(e, 1);
    let before = doc.tokens_before(s, 1);
    after.first().is_some_and(caps) || before.last().is_some_and(caps)
}

/// Whether the verb after an actor's name is in the pluperfect ("had agreed", "avait décidé");
/// an acronym in brackets after the name is passed over ("l'Ofpra (…) avait rejeté").
pub(crate) fn in_pluperfect(doc: &Doc<'_>, e: usize) -> bool {
    let pluperfect = words!("pluperfect", "*");
    let after = doc.tokens_after(e, 8);
    let skip = match &after[..] {
        [open, _, close, ..] if open.text == "(" && close.text == ")" => 3,
        // The name was the acronym inside the brackets.
        [close, ..] if close.text == ")" => 1,
        _ => 0,
    };
    after[skip.min(after.len())..]
        .iter()
        .take_while(|t| t.word)
        .take(4)
        .any(|t| pluperfect.contains(t.text))
}

/// "le canal Saint-Martin", "el Barrio Chino": a name or demonym written with a capital right
/// after a word for a street, a square or a district is part of a place's name (labeling 2.3).
fn in_place_name(doc: &Doc<'_>, s: usize) -> bool {
    let (cs, _) = doc.folded.char_span(s, s + 1);
    doc.chars.get(cs).is_some_and(|c| c.is_uppercase())
        && doc.word_before_in(s, words!("placenoun", "*"))
}

/// "the Danish Refugee Council (DRC)": the item spells the abbreviation out as an organisation
/// the actor lists know, so wherever the item uses it ("DRC staff warned"), it names that
/// organisation, not the country it also abbreviates. "the Democratic Republic of the Congo
/// (DRC)" is no organisation and keeps the country.
fn abbreviates_organisation(doc: &Doc<'_>, form: &str) -> bool {
    let text = doc.text();
    let actors = &lexicon().actors_and_cues[doc.lang];
    let defined = format!("({form})");
    memmem::find_iter(text.as_bytes(), &defined).any(|p| {
        let name_end = text[..p].trim_end().len();
        let mut from = name_end.saturating_sub(80);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        actors
            .scan(&text[from..name_end])
            .0
            .last()
            .is_some_and(|a| {
                from + a.end == name_end && a.label != Side::Ref && a.end - a.start > form.len()
            })
    })
}

/// "Süditalien", "Nordsyrien", "Ostdeutschland": a German compound of a compass word and a
/// country name is a part of that country (rule 2.2a, descriptive phrases).
fn compass_compound(doc: &Doc<'_>, s: usize, entries: &[Entry]) -> bool {
    let bytes = doc.text().as_bytes();
    let mut ws = s;
    while ws > 0 && is_word_byte(bytes[ws - 1]) {
        ws -= 1;
    }
    let prefix = &doc.text()[ws..s];
    entries
        .iter()
        .any(|en| matches!(en.kind, Kind::Name | Kind::Short))
        && words!("compass", doc.lang).contains(prefix)
        && doc.orig_char_at(ws).is_some_and(char::is_uppercase)
}

/// "the Court of Justice in Luxembourg", "la Cour de Luxembourg": a country name that is also
/// its capital's name, right after a court or an agency and a preposition, is the seat; after a
/// meeting ("the ministers, meeting in Luxembourg"), it is the venue.
fn is_seat(doc: &Doc<'_>, s: usize) -> bool {
    let before = doc.tokens_before(s, 10);
    let Some((prep, rest)) = before.split_last() else {
        return false;
    };
    if !words!("seatprep", "*").contains(prep.text) {
        return false;
    }
    // "Der Europäische Gerichtshof (EuGH) in Luxemburg": an acronym in brackets between the
    // court and its seat is passed over.
    // "The General Court, which sits in Luxembourg": a relative clause of sitting between the
    // court and its seat is passed over, comma and all.
    let (mut words, mut bracket) = (0, false);
    let (mut sits, mut last_word) = (false, "");
    for t in rest.iter().rev() {
        match t.text {
            ")" if !bracket => bracket = true,
            "(" if bracket => bracket = false,
            _ if bracket => {}
            "," if sits && words!("relative", "*").contains(last_word) => {}
            // "la Cour de justice de l'UE, à Luxembourg": a comma right before the seat.
            "," if words == 0 => {}
            _ if !t.word || words == 4 => return false,
            _ => {
                if words!("seatnoun", "*").contains(t.text) || words!("venue", "*").contains(t.text)
                {
                    return true;
                }
                sits |= words!("seatverb", "*").contains(t.text);
                last_word = t.text;
                words += 1;
            }
        }
    }
    false
}

/// Whether a court noun stands right before `s` ("Verwaltungsgericht Berlin", "rechtbank Den
/// Haag"): the name after it is the court's seat.
fn court_with_seat(doc: &Doc<'_>, s: usize) -> bool {
    doc.tokens_before(s, 1).last().is_some_and(|t| {
        t.word && (words!("courtnoun", "*").contains(t.text) || t.text.ends_with("gericht"))
    })
}

/// "French-speaking", "in het Nederlands", "auf Deutsch": a language, not a nationality.
fn names_language(
    doc: &Doc<'_>,
    s: usize,
    e: usize,
    languages: &[usize],
    mentions: &[Mention],
) -> bool {
    let text = doc.text();
    let bytes = text.as_bytes();
    // A hyphenated suffix ("-speaking") is glued to the match.
    let after = if bytes.get(e) == Some(&b'-') {
        let end = text[e + 1..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(text.len(), |i| e + 1 + i);
        Cow::Owned(vec![Tok {
            text: &text[e..end],
            start: e,
            end,
            word: true,
        }])
    } else {
        doc.tokens_after(e, 2)
    };
    let lang = doc.lang;
    if starts_with_phrase(&after, words!("langafter", lang)) {
        return true;
    }
    let before = doc.tokens_before(s, 3);
    if ends_with_phrase(&before, words!("langbefore", lang)) && !qualifies_noun(doc, s, e, &before)
    {
        return true;
    }
    // "in Arabic, Dari, Pashto and French": the last of a list of capitalised words that
    // follows a language cue. A country named in the list breaks it ("in Italy and Spanish
    // ports" keeps Spanish).
    // Both checks below need a coordination right before the demonym.
    let coordinated = before
        .iter()
        .rev()
        .take(3)
        .any(|t| words!("coordinator", "*").contains(t.text));
    if !coordinated {
        return false;
    }
    let long = doc.tokens_before(s, 16);
    let coord = words!("coordinator", "*");
    let mut k = long.len();
    let mut names = 0;
    while k > 0 {
        let t = &long[k - 1];
        if coord.contains(t.text) {
            k -= 1;
        } else if t.word
            && doc.orig_char_at(t.start).is_some_and(char::is_uppercase)
            && !mentions.iter().any(|m| m.start == t.start)
        {
            names += 1;
            k -= 1;
        } else {
            break;
        }
    }
    if names > 0 && k < long.len() && ends_with_phrase(&long[..k], words!("langbefore", lang)) {
        return true;
    }
    // "X et de Y", "X and Y": coordinated with a language name, a language too.
    languages.iter().any(|&l| l <= s && s - l <= 12)
}

/// Whether a demonym after a language cue that is a preposition ("in", "en", "auf", "in het")
/// qualifies the noun after it ("in het Belgische opvangnetwerk", "in French ports") instead of
/// naming a language ("in het Frans", "in French and Arabic"). Dutch and German language names
/// are never inflected, so there an inflected form is an adjective; in English a noun must
/// follow.
fn qualifies_noun(doc: &Doc<'_>, s: usize, e: usize, before: &[Tok<'_>]) -> bool {
    let prep = words!("prep", doc.lang);
    let place = words!("placeprep", doc.lang);
    let after_prep = before
        .last()
        .is_some_and(|t| prep.contains(t.text) || place.contains(t.text) || t.text == "het");
    if !after_prep {
        return false;
    }
    if matches!(doc.lang, "nl" | "de") {
        let word = &doc.text()[s..e];
        return ["e", "en", "er", "es", "em"]
            .iter()
            .any(|end| word.ends_with(end));
    }
    // In French and Spanish the adjective follows its noun, so a demonym right after a
    // preposition is a noun: a language or a people ("cours de néerlandais gratuit").
    if doc.lang != "en" {
        return false;
    }
    let coord = words!("coordinator", "*");
    doc.tokens_after(e, 1).first().is_some_and(|t| {
        t.word && !coord.contains(t.text) && !prep.contains(t.text) && !place.contains(t.text)
    })
}

/// Whether the state named at `s..e` acts: a government verb follows ("Tbilisi had asked",
/// "Ankara a salué", "Dakar, por su parte, se comprometió"), a phrase before makes it the
/// government ("talks with Dakar", "die Behörden in Islamabad"), or "X's position".
pub(crate) fn government_acts(doc: &Doc<'_>, s: usize, e: usize, allow_aux: bool) -> bool {
    let lex = lexicon();
    let lang = doc.lang;
    // "expulsions from Algeria continue": a name behind a preposition is no subject; only a
    // phrase such as "talks with" can still make it the government.
    if doc.word_before_in(s, words!("prep", lang)) {
        return after_state_phrase(doc, s);
    }
    let mut after = doc.tokens_after(e, 12).into_owned();
    if after.first().is_some_and(|t| t.text == "'s")
        || (after.first().is_some_and(|t| t.text == "'")
            && after.get(1).is_some_and(|t| t.text == "s"))
    {
        let k = if after[0].text == "'s" { 1 } else { 2 };
        return after
            .get(k)
            .is_some_and(|t| words!("govposs", "en").contains(t.text));
    }
    // "Staatssekretariat für Migration (SEM) will …", "Innenminister Gerhard Karner (ÖVP) hat
    // angekündigt": an acronym or a party in brackets is skipped.
    let mut k = 0;
    while k + 2 < after.len() {
        if after[k].text == "(" && after[k + 1].word && after[k + 2].text == ")" {
            after.drain(k..k + 3);
        } else {
            k += 1;
        }
    }
    if after.first().is_some_and(|t| t.text == ",") {
        // Skip a short parenthetical closed by a comma; otherwise the clause has moved on. A
        // coordinator inside makes it a list of names ("from Zimbabwe, Nigeria, India and the
        // Philippines, said"), whose verb is not the state's.
        let coord = words!("coordinator", "*");
        match after.iter().skip(1).take(5).position(|t| t.text == ",") {
            Some(p) if !after[1..=p].iter().any(|t| coord.contains(t.text)) => after.drain(..p + 2),
            // The verb after it is not the state's, but a phrase before it may still make it
            // the government ("agradeció la colaboración de Madrid, aunque …").
            _ => return after_state_phrase(doc, s),
        };
    }
    let mut words: Vec<Tok<'_>> = after.into_iter().take_while(|t| t.word).take(9).collect();
    // "Het ministerie reageert binnen zes weken": a reply still due is no act yet.
    if words
        .get(1)
        .is_some_and(|w| words!("deadline", lang).contains(w.text))
    {
        return false;
    }

    // "the mayor of Calais said", "le bourgmestre de Liège a ordonné": a place named after the
    // office belongs to it and stands between the actor and its verb.
    let capital = |w: &Tok<'_>| doc.orig_char_at(w.start).is_some_and(char::is_uppercase);
    if words.len() > 2 && words!("ofprep", "*").contains(words[0].text) && capital(&words[1]) {
        let place = 1 + words[1..].iter().take(3).take_while(|w| capital(w)).count();
        words.drain(..place);
    } else if words.len() > 2
        && words!("forprep", "*").contains(words[0].text)
        && capital(&words[1])
    {
        // "Staatssecretaris voor Asiel en Migratie Nicole de Moor heeft …", "Minister for
        // Home Affairs Tony Burke said": the portfolio after the role, capitalised words joined
        // by "and", belongs to the role.
        let coord = words!("coordinator", "*");
        let portfolio = 1 + words[1..]
            .iter()
            .take(5)
            .take_while(|w| capital(w) || coord.contains(w.text))
            .count();
        words.drain(..portfolio.min(words.len() - 1));
    }
    // "Minsk and Moscow continued to …": a second state coordinated with the first shares
    // its verb.
    if words.len() > 2 && words!("coordinator", "*").contains(words[0].text) && capital(&words[1]) {
        words.drain(..2);
    }
    // "Innenminister Gerhard Karner will …", "Minister Faber kondigde …": the person's name
    // after a role stands between the actor and its verb.
    // Lower-case particles inside or opening a name ("Nicole de Moor", "de Moor", "von der
    // Leyen") belong to it when a capitalised word follows them.
    let particle = words!("nameparticle", "*");
    let mut names = 0;
    while names < words.len() && names < 5 {
        let w = &words[names];
        let upper = doc.orig_char_at(w.start).is_some_and(char::is_uppercase);
        let inner = particle.contains(w.text)
            && words[names + 1..]
                .iter()
                .find(|n| !particle.contains(n.text))
                .is_some_and(|n| doc.orig_char_at(n.start).is_some_and(char::is_uppercase));
        if !(upper || inner) {
            break;
        }
        names += 1;
    }
    if names > 0 && names < words.len() {
        words.drain(..names);
    }
    // "Budapest has already said", "Rabat a également annoncé": an adverb among the first
    // words, before the verb or between the auxiliary and the verb, is passed over.
    let adverbs = words!("midadverb", lang);
    let mut k = 0;
    words.retain(|w| {
        k += 1;
        k > 3 || !adverbs.contains(w.text)
    });
    // "Die Ministerin räumte Fehler ein", "Den Haag wijst het plan af": a separable verb acts
    // when its particle follows in the clause; "die Polizei räumt Lager" (clears camps) is an
    // operation, not a line.
    let split = words.first().is_some_and(|w| {
        lex.splits("govsplit", lang).is_some_and(|verbs| {
            verbs.contains_key(w.text) && super::voices::split_verb(&words, verbs)
        })
    });
    // "De IND heeft de behandeltermijn … verlengd", "Das Kabinett hat die Reform beschlossen":
    // a present-perfect auxiliary whose participle of decision closes the clause. The
    // pluperfect ("had het visum eerder geweigerd") tells a past act, background.
    let participle = words
        .first()
        .is_some_and(|w| words!("perfaux", lang).contains(w.text))
        && words[1..]
            .iter()
            .any(|w| words!("govparticiple", lang).contains(w.text));
    words.truncate(4);
    let verbs = words!("govverb", lang);
    // "UNHCR's representative in Lisbon said": a name right after a preposition of place is
    // where someone speaks, not who speaks.
    // "The mayor of Athens said", "le maire de Rabat a annoncé": a capital after a city's office
    // and "of" is the city that office serves; its mayor speaks, not the state ("la Comunidad
    // de Madrid abre", a regional government, still counts for its state).
    let before = doc.tokens_before(s, 3);
    let of_city = match &before[..] {
        [.., office, of] | [.., office, _, of]
            if of.word && words!("ofprep", "*").contains(of.text) =>
        {
            office.word && words!("cityoffice", lang).contains(office.text)
        }
        _ => false,
    };
    let at_place = of_city || doc.word_before_in(s, words!("placeprep", lang));
    let aux_only = words
        .first()
        .is_some_and(|w| words!("aux", "*").contains(w.text))
        && !words.get(1).is_some_and(|w| verbs.contains(w.text));
    if !at_place
        && (participle || split || starts_with_phrase(&words, verbs))
        && (allow_aux || !aux_only || participle)
    {
        return true;
    }
    after_state_phrase(doc, s)
}

/// Whether a phrase that makes a state its government stands right before `s`: "talks with
/// Rabat", "la coopération de Kinshasa".
fn after_state_phrase(doc: &Doc<'_>, s: usize) -> bool {
    let before = doc.tokens_before(s, 6);
    // The words since the last punctuation.
    let words = match before.iter().rposition(|t| !t.word) {
        Some(p) => &before[p + 1..],
        None => &before[..],
    };
    ends_with_phrase(words, words!("govprep", doc.lang))
}

/// Country codes in headlines and lists: "BE/NL:", "BE, NL, LU agree", "EL :", "EU–TR".
fn headline_codes(doc: &Doc<'_>) -> Vec<Mention> {
    let g = gazetteer();
    let chars = &doc.chars;
    let n = chars.len();
    let code_at = |i: usize| -> Option<&'static str> {
        if i + 2 > n || !chars[i].is_ascii_uppercase() || !chars[i + 1].is_ascii_uppercase() {
            return None;
        }
        if (i > 0 && chars[i - 1].is_alphanumeric())
            || (i + 2 < n && chars[i + 2].is_alphanumeric())
        {
            return None;
        }
        // Two ASCII capitals: a stack buffer, no allocation per pair.
        let buf = [chars[i] as u8, chars[i + 1] as u8];
        let s = std::str::from_utf8(&buf).ok()?;
        g.codes.get(s).copied().or(if s == "EU" || s == "UE" {
            Some("EU")
        } else {
            None
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < n {
        // Most characters are not the first of two capitals: skip them before the full check.
        // When the second is no capital, no pair starts at either, and both are skipped.
        if !chars[i + 1].is_ascii_uppercase() {
            i += 2;
            continue;
        }
        if !chars[i].is_ascii_uppercase() {
            i += 1;
            continue;
        }
        let Some(code) = code_at(i) else {
            i += 1;
            continue;
        };
        let next = chars[i + 2..]
            .iter()
            .position(|c| *c != ' ')
            .map(|p| i + 2 + p);
        let colon = next.is_some_and(|p| chars[p] == ':') && chars.get(i + 2) != Some(&'.');
        let joined = |p: usize| matches!(chars.get(p), Some('/' | '-' | '–' | '—'));
        let after_join = joined(i + 2) && code_at(i + 3).is_some();
        let before_join = i >= 3 && joined(i - 1) && code_at(i - 3).is_some();
        let list_next = chars.get(i + 2) == Some(&',')
            && chars.get(i + 3) == Some(&' ')
            && code_at(i + 4).is_some();
        let list_prev =
            i >= 4 && chars[i - 1] == ' ' && chars[i - 2] == ',' && code_at(i - 4).is_some();
        if code != "EU" && (colon || after_join || before_join || list_next || list_prev) {
            let start = byte_of_char(doc, i);
            let end = byte_of_char(doc, i + 2);
            out.push(Mention {
                code,
                start,
                end,
                kind: Kind::Short,
                flags: 0,
                acts: false,
            });
        }
        i += 2;
    }
    out
}

fn byte_of_char(doc: &Doc<'_>, c: usize) -> usize {
    doc.folded.origin.partition_point(|&o| (o as usize) < c)
}

/// Unqualified "Congo" and "Congolese" are DR Congo unless the text points to Brazzaville.
fn resolve_congo(doc: &Doc<'_>, mentions: &mut [Mention]) {
    let unqualified = |m: &Mention| {
        m.code == "CD" && (m.flags & gazetteer::CONGO != 0 || m.kind == Kind::Demonym)
    };
    // Most items name no Congo at all: the searches of the whole text below are for those
    // that do.
    if !mentions.iter().any(unqualified) {
        return;
    }
    let text = doc.text();
    let explicit_cd = mentions
        .iter()
        .any(|m| m.code == "CD" && m.flags & gazetteer::CONGO == 0 && m.kind != Kind::Demonym);
    let cd = explicit_cd
        || ["kinshasa", "kivu", "goma", "lubumbashi", "bukavu", "ituri"]
            .iter()
            .any(|w| text.contains(w));
    let cg = mentions.iter().any(|m| m.code == "CG") || text.contains("brazzaville");
    for m in mentions.iter_mut() {
        if !unqualified(m) {
            continue;
        }
        let near = doc.tokens_after(m.end, 3);
        if near.iter().any(|t| t.text == "brazzaville") {
            m.code = "CG";
        } else if near
            .iter()
            .any(|t| t.text == "kinshasa" || t.text == "rdc" || t.text == "drc")
        {
            continue;
        } else if cg && !cd {
            m.code = "CG";
        }
    }
}

/// Whether the folded text names the EU, its institutions or its member states as a whole.
fn mentions_eu(text: &str) -> bool {
    let bytes = text.as_bytes();
    words!("eulevel", "*").exact_forms().any(|form| {
        memmem::find_iter(bytes, form).any(|s| {
            let e = s + form.len();
            (s == 0 || !is_word_byte(bytes[s - 1])) && (e == bytes.len() || !is_word_byte(bytes[e]))
        })
    })
}

/// Scores by position and kind, and picks the focus countries.
fn score(doc: &Doc<'_>, mentions: &[Mention]) -> Vec<CountryTag> {
    let text = doc.text();
    let body = text.find("\n\n").map_or(0, |p| p + 2);
    let lead_end = text[body..].find("\n\n").map_or(text.len(), |p| body + p);
    let mut by_code: HashMap<&'static str, (f32, f32, Vec<Span>, usize)> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let pos = if m.start < body {
            3.0
        } else if m.start < lead_end {
            1.5
        } else {
            1.0
        };
        let mut w = match m.kind {
            Kind::Demonym => {
                let next = doc.tokens_after(m.end, 1);
                if next
                    .first()
                    .is_some_and(|t| words!("natnoun", doc.lang).contains(t.text))
                {
                    0.35
                } else {
                    0.6
                }
            }
            // A capital that does not act is the seat of a national court ("das
            // Verwaltungsgericht Berlin"): the court is the state's body and decides, so it
            // weighs like the state acting.
            Kind::Capital if !m.acts => 1.5,
            _ => 1.0,
        };
        // Which country comes first among the focus countries: the one whose state acts in the
        // item (its official bodies, "the Belgian government", "las autoridades marroquíes")
        // rather than the one its people come from. The lift orders the focus countries; it
        // does not change which countries are focus.
        let lift = match m.kind {
            Kind::Body => 1.0,
            Kind::Demonym => {
                let govnoun = words!("govnoun", doc.lang);
                let next = doc.tokens_after(m.end, 1);
                let prev = doc.tokens_before(m.start, 1);
                if next.first().is_some_and(|t| govnoun.contains(t.text))
                    || prev.last().is_some_and(|t| govnoun.contains(t.text))
                {
                    1.5
                } else {
                    0.0
                }
            }
            _ => 0.0,
        };
        if m.acts {
            w += 0.5;
        }
        // "d'Afghanistan, de Guinée ou de Somalie": prepositions repeated before each name of a
        // list are left out of the gap.
        let filler = words!("listfiller", "*");
        let listed = |a: &Mention, b: &Mention| {
            let raw = text[a.end.min(b.start)..b.start].trim();
            // A list's gap is a few characters; most pairs of mentions are sentences apart.
            if raw.len() > 16 {
                return false;
            }
            let mut kept = [""; 3];
            let mut n = 0;
            for w in raw.split_whitespace().filter(|w| !filler.contains(w)) {
                if n == kept.len() {
                    return false;
                }
                kept[n] = w;
                n += 1;
            }
            let gap = match kept[..n] {
                [] => return false,
                [w] => w,
                [",", "and" | "et" | "en" | "y" | "und" | "or" | "ou" | "o" | "oder"] => {
                    return true
                }
                _ => return false,
            };
            matches!(
                gap,
                "," | "and"
                    | "et"
                    | "en"
                    | "y"
                    | "und"
                    | "or"
                    | "ou"
                    | "of"
                    | "o"
                    | "oder"
                    | "/"
                    | ", and"
                    | ", et"
            )
        };
        let in_list = (i > 0 && listed(&mentions[i - 1], m))
            || mentions.get(i + 1).is_some_and(|n| listed(m, n));
        if in_list && m.start >= body {
            w *= 0.4;
        }
        let (s, e, t) = doc.span(m.start, m.end);
        let entry = by_code
            .entry(m.code)
            .or_insert((0.0, 0.0, Vec::new(), m.start));
        entry.0 += pos * w;
        entry.1 += pos * lift;
        entry.2.push(Span {
            start: s,
            end: e,
            text: t,
        });
    }
    let g = gazetteer();
    let mut tags: Vec<(f32, f32, usize, &'static str, Vec<Span>)> = by_code
        .into_iter()
        .map(|(code, (raw, lift, ev, first))| (raw, lift, first, code, ev))
        .collect();
    // Which countries are focus is decided on the plain scores, in their order; the lift then
    // reorders the focus countries among themselves.
    tags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let top = tags.first().map_or(0.0, |t| t.0);
    let eu_level = top < MIN_FOCUS && mentions_eu(text);
    let is_focus = |i: usize, raw: f32| {
        (i == 0 && (raw >= MIN_FOCUS || !eu_level)) || (i < 3 && raw >= 0.5 * top && raw >= 1.5)
    };
    let focus: Vec<bool> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| is_focus(i, t.0))
        .collect();
    let n_focus = focus.iter().take_while(|f| **f).count();
    tags[..n_focus].sort_by(|a, b| (b.0 + b.1).total_cmp(&(a.0 + a.1)).then(a.2.cmp(&b.2)));
    tags.into_iter()
        .enumerate()
        .map(|(i, (raw, _, _, code, evidence))| CountryTag {
            code: code.to_string(),
            name: g.name(code),
            score: (raw / (raw + 2.0)).clamp(0.0, 1.0),
            // A country met only in passing (a nationality in a list of an EU-wide item) is
            // no focus, even when it scores highest.
            focus: focus[i],
            evidence,
        })
        .collect()
}
