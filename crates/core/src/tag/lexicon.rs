//! Cue words and actors for the tagger, loaded from `data/voices/cues.tsv` and
//! `data/voices/actors.tsv`.
//!
//! Two shapes: word lists, looked up for the few words around a position ("is the word after
//! this capital a government verb?"), and automatons, run once over a whole text ("where are
//! the speech verbs?").

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::longest::LongestMatches;

use super::joint::JointScanner;
use super::normalize::{fold, is_word_byte};

const CUES_TSV: &str = include_str!("../../data/voices/cues.tsv");
const ACTORS_TSV: &str = include_str!("../../data/voices/actors.tsv");

/// A multiplicative hash for the word lists, which are looked up for every few words of every
/// text: their keys are short, and this beats the default SipHash by a wide margin. The keys
/// come from our own data files, so hash flooding is no concern. (The type kept the name of
/// the FNV-1a it began as.)
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    /// One step: the high and low halves of a 128-bit product, so that every input bit
    /// reaches the low bits the table indexes by.
    #[inline]
    fn mix(x: u64) -> u64 {
        let m = u128::from(x) * 0x9e37_79b9_7f4a_7c15;
        (m >> 64) as u64 ^ m as u64
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    /// Eight bytes a step, not one: FNV's multiply per byte, each waiting for the last, was a
    /// percent of the tagger.
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = Fnv::mix(h ^ u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The length keeps "ab" apart from "ab\0".
            h = Fnv::mix(h ^ pack_le(rest) ^ ((rest.len() as u64) << 59));
        }
        self.0 = h;
    }
    /// Integer keys (short words packed by [`short_word_key`]) are mixed in one step.
    fn write_u64(&mut self, x: u64) {
        self.0 = Fnv::mix(x ^ self.0);
    }
}

/// A word of at most eight bytes packed into an integer (zero-padded: words hold no NUL).
pub fn short_word_key(word: &str) -> Option<u64> {
    (word.len() <= 8).then(|| pack_le(word.as_bytes()))
}

/// Up to eight bytes as a little-endian integer, zero-padded. Shifted in byte by byte: copying
/// a slice of variable length into an array called memcpy, for every word language detection
/// looks up.
fn pack_le(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(0u64, |key, &b| (key << 8) | u64::from(b))
}

pub type FastSet<T> = HashSet<T, std::hash::BuildHasherDefault<Fnv>>;
pub type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Words of up to eight bytes (as [`short_word_key`] packs them) with a byte of flags each, in
/// an open-addressed table a quarter full: a lookup is one multiplication and, nearly always,
/// one or two comparisons. Language detection looks up hundreds of words per text, and a
/// general hash map took four times as long.
pub struct ShortWordTable {
    keys: Vec<u64>,
    values: Vec<u8>,
    /// 64 minus the table's size in bits: the hash is the top bits of a product.
    shift: u32,
}

impl ShortWordTable {
    fn new(entries: impl Iterator<Item = (u64, u8)>) -> ShortWordTable {
        let entries: Vec<(u64, u8)> = entries.collect();
        let bits = (entries.len() * 4)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        let mut table = ShortWordTable {
            keys: vec![0; 1 << bits],
            values: vec![0; 1 << bits],
            shift: 64 - bits,
        };
        for (key, value) in entries {
            // Zero marks an empty slot: no word packs to zero.
            let mut slot = table.slot(key);
            while table.keys[slot] != 0 && table.keys[slot] != key {
                slot = (slot + 1) & (table.keys.len() - 1);
            }
            table.keys[slot] = key;
            table.values[slot] = value;
        }
        table
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The flags of `key`, if it is in the table.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u8> {
        let mut slot = self.slot(key);
        loop {
            match self.keys[slot] {
                0 => return None,
                k if k == key => return Some(self.values[slot]),
                _ => slot = (slot + 1) & (self.keys.len() - 1),
            }
        }
    }
}

/// Separable verbs: each verb with the particle sequences its forms need after it.
#[derive(Default)]
pub struct SplitVerbs {
    verbs: FastMap<String, Vec<Vec<String>>>,
    /// Bit `n` of entry `b` is set when a verb of `n` bytes (63: 63 or more) starts with byte
    /// `b`. Every word of a sentence is asked about, and hardly any has the first byte and the
    /// length of a verb of the list: those are ruled out without hashing.
    shapes: Vec<u64>,
}

impl SplitVerbs {
    fn add(&mut self, verb: &str, particles: &[String]) {
        if self.shapes.is_empty() {
            self.shapes = vec![0; 256];
        }
        if let Some(&first) = verb.as_bytes().first() {
            self.shapes[usize::from(first)] |= length_bit(verb.len());
        }
        self.verbs
            .entry(verb.to_string())
            .or_default()
            .push(particles.to_vec());
    }

    fn may_hold(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&b| {
            self.shapes.get(usize::from(b)).copied().unwrap_or(0) & length_bit(word.len()) != 0
        })
    }

    pub fn contains_key(&self, word: &str) -> bool {
        self.may_hold(word) && self.verbs.contains_key(word)
    }

    /// The particle sequences of a verb's forms.
    pub fn get(&self, word: &str) -> Option<&Vec<Vec<String>>> {
        if self.may_hold(word) {
            self.verbs.get(word)
        } else {
            None
        }
    }
}

/// A set of folded words or phrases, some of them prefixes ("concern*").
#[derive(Debug, Default)]
pub struct WordList {
    exact: FastSet<String>,
    /// The prefixes, looked up by their length: a phrase matches when one of its leading
    /// slices of those lengths is in the set.
    prefixes: FastSet<String>,
    prefix_lens: Vec<usize>,
    /// Bit `n` is set when an exact form is `n` bytes long (bit 63: 63 bytes or longer). Most
    /// words asked about have a length no form of a short list has: no hashing for those.
    exact_lens: u64,
    /// The last words of the forms of several words.
    phrase_ends: FastSet<String>,
    /// The longest phrase, in words.
    pub max_words: usize,
}

impl WordList {
    fn add(&mut self, form: &str) {
        let f = fold(form.trim());
        if f.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(f.split(' ').count());
        match f.strip_suffix('*') {
            Some(p) => {
                if !self.prefix_lens.contains(&p.len()) {
                    self.prefix_lens.push(p.len());
                    self.prefix_lens.sort_unstable();
                }
                self.prefixes.insert(p.to_string());
            }
            None => {
                self.exact_lens |= length_bit(f.len());
                if let Some((_, last)) = f.rsplit_once(' ') {
                    self.phrase_ends.insert(last.to_string());
                }
                self.exact.insert(f);
            }
        }
    }

    pub fn contains(&self, phrase: &str) -> bool {
        (self.exact_lens & length_bit(phrase.len()) != 0 && self.exact.contains(phrase))
            || self.prefix_lens.iter().any(|&n| {
                n <= phrase.len()
                    && phrase.is_char_boundary(n)
                    && self.prefixes.contains(&phrase[..n])
            })
    }

    /// Whether a phrase of several words that ends with `last` may be in the list: not when no
    /// form ends with that word and there is no prefix (a prefix may take in more than one
    /// word). Phrases are put together and looked up a few times for every actor of a text;
    /// most fail at their last word.
    pub fn may_hold_phrase_ending(&self, last: &str) -> bool {
        !self.prefixes.is_empty() || self.phrase_ends.contains(last)
    }

    /// The forms that are whole words or phrases (not prefixes).
    pub fn exact_forms(&self) -> impl Iterator<Item = &str> {
        self.exact.iter().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }

    /// The prefixes, for tests and debugging.
    pub fn prefix_forms(&self) -> impl Iterator<Item = &str> {
        self.prefixes.iter().map(String::as_str)
    }
}

/// The bit of [`WordList::exact_lens`] for a length in bytes.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// One automaton over a family of forms, with a label per pattern.
pub struct Scanner<T> {
    automaton: LongestMatches,
    labels: Vec<T>,
    /// Whether pattern i is a prefix (no right word boundary needed).
    prefix: Vec<bool>,
    /// Whether pattern i may end a compound (no left word boundary needed).
    suffix: Vec<bool>,
}

/// A hit of a [`Scanner`] in folded text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub label: T,
}

/// A family of forms as a [`Scanner`] holds them: folded, each once, with its label and
/// whether it is a prefix or may end a compound.
pub(crate) struct Family<T> {
    pub pats: Vec<String>,
    pub labels: Vec<T>,
    pub prefix: Vec<bool>,
    pub suffix: Vec<bool>,
}

impl<T: Copy> Family<T> {
    pub(crate) fn new(forms: Vec<(String, T)>) -> Family<T> {
        let mut seen = HashMap::new();
        let mut pats = Vec::new();
        let mut labels = Vec::new();
        let mut prefix = Vec::new();
        let mut suffix = Vec::new();
        for (form, label) in forms {
            let mut f = fold(form.trim());
            let is_suffix = f.starts_with('~');
            if is_suffix {
                f.remove(0);
            }
            let is_prefix = f.ends_with('*');
            if is_prefix {
                f.pop();
            }
            if f.is_empty() {
                continue;
            }
            // A form listed twice keeps its first label; a second listing as a prefix or a
            // compound end widens the first ("inacceptable" and "inacceptable*").
            if let Some(&i) = seen.get(&f) {
                prefix[i] |= is_prefix;
                suffix[i] |= is_suffix;
                continue;
            }
            seen.insert(f.clone(), pats.len());
            pats.push(f);
            labels.push(label);
            prefix.push(is_prefix);
            suffix.push(is_suffix);
        }
        Family {
            pats,
            labels,
            prefix,
            suffix,
        }
    }
}

impl<T: Copy> Scanner<T> {
    pub(crate) fn new(forms: Vec<(String, T)>) -> Scanner<T> {
        let Family {
            pats,
            labels,
            prefix,
            suffix,
        } = Family::new(forms);
        // A full DFA, walked by our own loop: searches here are short (a sentence, a few words
        // after an actor) and many, and the library's search cost more to set up than to run.
        let automaton = LongestMatches::new(&pats);
        Scanner {
            automaton,
            labels,
            prefix,
            suffix,
        }
    }

    /// Whether a whole-word hit lies in `text[start..end]` (word boundaries are judged on the
    /// whole text).
    pub fn any_in(&self, text: &str, start: usize, end: usize) -> bool {
        self.any_in_where(text, start, end, |_, _| true)
    }

    /// Whether a whole-word hit that `keep` accepts (given its byte range) lies in
    /// `text[start..end]`.
    pub fn any_in_where(
        &self,
        text: &str,
        start: usize,
        end: usize,
        keep: impl Fn(usize, usize) -> bool,
    ) -> bool {
        let mut pos = start;
        while let Some((s, e, _)) = self.next_hit(text, &mut pos, end) {
            if keep(s, e) {
                return true;
            }
        }
        false
    }

    /// The next whole-word hit in `text[*pos..end]`, moving `pos` past it. A match that starts
    /// inside a word ("de ngo's" in "verschillende ngo's") is skipped by searching again one
    /// byte further, so that it does not hide a match that starts later ("ngo's").
    fn next_hit(&self, text: &str, pos: &mut usize, end: usize) -> Option<(usize, usize, usize)> {
        while *pos < end {
            let (s, e, id) = self.automaton.find(&text.as_bytes()[..end], *pos)?;
            match self.whole(text, s, e, id) {
                Some(hit) => {
                    *pos = hit.1;
                    return Some(hit);
                }
                None => *pos = s + 1,
            }
        }
        None
    }

    /// The whole-word hit a raw match stands for: the match itself when it has word boundaries,
    /// else the longest shorter form at the same start that has them, if any.
    fn whole(
        &self,
        text: &str,
        start: usize,
        end: usize,
        id: usize,
    ) -> Option<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        if !(self.suffix[id] || start == 0 || !is_word_byte(bytes[start - 1])) {
            return None;
        }
        let (mut end, mut id) = (end, id);
        loop {
            if self.prefix[id] || end == bytes.len() || !is_word_byte(bytes[end]) {
                return Some((start, end, id));
            }
            if end <= start + 1 {
                return None;
            }
            // The leftmost match of the shorter range starts at `start` if any form does.
            let m = self
                .automaton
                .find(&bytes[..end - 1], start)
                .filter(|m| m.0 == start)?;
            (end, id) = (m.1, m.2);
        }
    }

    /// Whole-word hits in folded text.
    pub fn scan(&self, text: &str) -> Vec<Hit<T>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((start, end, id)) = self.next_hit(text, &mut pos, text.len()) {
            out.push(Hit {
                start,
                end,
                label: self.labels[id],
            });
        }
        out
    }
}

/// Which side of the labeling rules an actor stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Government,
    Ngo,
    Neutral,
    /// A role noun ("the agency", "a spokesperson") that takes the side of the actor it
    /// points back to.
    Ref,
}

/// What the voice finder looks for, per position in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Speech,
    According,
    Stats,
    Concern,
    FirstPerson,
    /// "declined to comment", "n'a pas réagi": the actor named in the sentence says nothing.
    NoComment,
}

/// The actor and cue forms of a language.
type JointForms = (Vec<(String, Side)>, Vec<(String, Cue)>);

pub struct Lexicon {
    lists: FastMap<(&'static str, &'static str), WordList>,
    /// Per language: the actors and the cues (speech, according, stats and first-person;
    /// concern cues apart, because they overlap with speech verbs: "warned"), found in one
    /// pass.
    pub actors_and_cues: FastMap<&'static str, JointScanner<Side, Cue>>,
    /// The forms the joint scanners were built from, for the test that compares them with a
    /// scanner per family.
    #[cfg(test)]
    joint_forms: FastMap<&'static str, JointForms>,
    /// Per language: predicates by which an actor voices a concern without a verb of saying
    /// ("is worried", "s'inquiète", "maakt zich zorgen", "alerta", "zeigt sich besorgt").
    pub concern_verbs: FastMap<&'static str, Scanner<Cue>>,
    pub concern: FastMap<&'static str, Scanner<Cue>>,
    /// Each stop word with the languages (bit i for `LANGS[i]`) whose list has it.
    pub stop_words: FastMap<String, u8>,
    /// The same for the stop words of up to eight bytes, keyed by [`short_word_key`]: language
    /// detection looks up hundreds of words per text.
    pub short_stop_words: ShortWordTable,
    /// Separable verbs per (kind, language): the verb, and for each of its forms the particles
    /// that must follow it in order ("wijst" → ["af"]; "spreekt" → ["uit", "tegen"]).
    splits: FastMap<(&'static str, &'static str), SplitVerbs>,
    /// Bit [`lang_slot`] set for each language that has separable verbs of any kind.
    split_langs: u64,
}

pub const LANGS: [&str; 5] = ["en", "fr", "nl", "es", "de"];

impl Lexicon {
    /// The word list of a kind for a language (empty when the data has none).
    pub fn list(&self, kind: &'static str, lang: &'static str) -> &WordList {
        static EMPTY: OnceLock<WordList> = OnceLock::new();
        self.lists
            .get(&(kind, lang))
            .unwrap_or_else(|| EMPTY.get_or_init(WordList::default))
    }

    /// The word lists of a kind for every slot of [`lang_slot`]: the lists that hold in all
    /// languages, then one per language, then an empty one for a language without data.
    pub fn lists_of(&self, kind: &'static str) -> [&WordList; LANGS.len() + 2] {
        std::array::from_fn(|slot| match slot {
            0 => self.list(kind, "*"),
            s if s <= LANGS.len() => self.list(kind, LANGS[s - 1]),
            _ => self.list(kind, ""),
        })
    }

    /// The actor and cue forms of a language's joint scanner.
    #[cfg(test)]
    pub(crate) fn joint_forms(&self, lang: &str) -> JointForms {
        self.joint_forms[lang].clone()
    }

    /// The separable verbs of a kind for a language, keyed by the verb.
    pub fn splits(&self, kind: &'static str, lang: &'static str) -> Option<&SplitVerbs> {
        // Only some languages separate their verbs; for the others there is nothing to hash
        // the kind and language for, and this is asked several times per sentence.
        if self.split_langs & (1 << lang_slot(lang)) == 0 {
            return None;
        }
        self.splits.get(&(kind, lang))
    }
}

/// Where a language's lists sit in [`Lexicon::lists_of`]: "*" (every language) first, then
/// [`LANGS`] in order; anything else gets the empty slot at the end.
#[inline]
pub fn lang_slot(lang: &str) -> usize {
    match lang {
        "*" => 0,
        "en" => 1,
        "fr" => 2,
        "nl" => 3,
        "es" => 4,
        "de" => 5,
        _ => LANGS.len() + 1,
    }
}

/// `words!("prep", lang)`: the word list of a kind for a language, as [`Lexicon::list`] gives
/// it, but looked up once per call site rather than hashed on every call. The tagger asks
/// for lists in its innermost loops; hashing the two keys each time was a tenth of its time.
macro_rules! words {
    ($kind:literal, $lang:expr) => {{
        static LISTS: ::std::sync::OnceLock<
            [&'static $crate::tag::lexicon::WordList; $crate::tag::lexicon::LANGS.len() + 2],
        > = ::std::sync::OnceLock::new();
        LISTS.get_or_init(|| $crate::tag::lexicon::lexicon().lists_of($kind))
            [$crate::tag::lexicon::lang_slot($lang)]
    }};
}
pub(crate) use words;

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(build)
}

fn data_rows(
    tsv: &'static str,
) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some((c.next()?, c.next()?, c.next()?))
        })
}

/// Adds a multi-word actor form once more behind an article where a shorter form that starts
/// with that article and the same word would hide it: the scanner takes the leftmost match, so
/// "la comisión" (the Commission) would win over "Comisión Española de Ayuda al Refugiado",
/// which starts one word later. Only those few variants are added, to keep the automaton small.
fn with_articles(forms: Vec<(String, Side)>, articles: Option<&WordList>) -> Vec<(String, Side)> {
    let Some(articles) = articles else {
        return forms;
    };
    let folded: Vec<String> = forms.iter().map(|(f, _)| fold(f.trim())).collect();
    // "article first-word" of every form that starts with an article.
    let hiding: HashSet<(&str, &str)> = folded
        .iter()
        .filter_map(|f| {
            let mut w = f.split(' ');
            let (art, first) = (w.next()?, w.next()?);
            articles.contains(art).then_some((art, first))
        })
        .collect();
    let mut out = forms.clone();
    for (f, (_, side)) in folded.iter().zip(&forms) {
        let Some((first, _)) = f.split_once(' ') else {
            continue;
        };
        if f.starts_with('~') || f.ends_with('*') || articles.contains(first) {
            continue;
        }
        for &(art, _) in hiding.iter().filter(|&&(_, w)| w == first) {
            out.push((format!("{art} {f}"), *side));
        }
    }
    out
}

fn build() -> Lexicon {
    let mut lists: FastMap<(&'static str, &'static str), WordList> = FastMap::default();
    let mut cue_forms: HashMap<&'static str, Vec<(String, Cue)>> = HashMap::new();
    let mut concern_forms: HashMap<&'static str, Vec<(String, Cue)>> = HashMap::new();
    let mut concern_verb_forms: HashMap<&'static str, Vec<(String, Cue)>> = HashMap::new();
    let mut splits: FastMap<(&'static str, &'static str), SplitVerbs> = FastMap::default();
    for (kind, lang, forms) in data_rows(CUES_TSV) {
        if kind.ends_with("split") {
            let verbs = splits.entry((kind, lang)).or_default();
            for f in forms.split('|') {
                let words: Vec<String> = fold(f.trim()).split(' ').map(str::to_string).collect();
                if let Some((verb, particles)) = words.split_first() {
                    if !particles.is_empty() {
                        verbs.add(verb, particles);
                    }
                }
            }
            continue;
        }
        let list = lists.entry((kind, lang)).or_default();
        for f in forms.split('|') {
            list.add(f);
        }
        let cue = match kind {
            "speech" => Some(Cue::Speech),
            "according" => Some(Cue::According),
            "stats" => Some(Cue::Stats),
            "firstperson" => Some(Cue::FirstPerson),
            "nocomment" => Some(Cue::NoComment),
            "concern" | "concernverb" => Some(Cue::Concern),
            _ => None,
        };
        if let Some(cue) = cue {
            if kind == "concernverb" {
                concern_verb_forms
                    .entry(lang)
                    .or_default()
                    .extend(forms.split('|').map(|f| (f.to_string(), cue)));
                continue;
            }
            let target = if cue == Cue::Concern {
                &mut concern_forms
            } else {
                &mut cue_forms
            };
            target
                .entry(lang)
                .or_default()
                .extend(forms.split('|').map(|f| (f.to_string(), cue)));
        }
    }
    let mut actor_forms: HashMap<&'static str, Vec<(String, Side)>> = HashMap::new();
    for (kind, lang, forms) in data_rows(ACTORS_TSV) {
        let side = match kind {
            "gov" | "eu" => Side::Government,
            "ngo" | "un" | "coe" | "lawyer" | "church" => Side::Ngo,
            "ref" => Side::Ref,
            _ => Side::Neutral,
        };
        actor_forms
            .entry(lang)
            .or_default()
            .extend(forms.split('|').map(|f| (f.to_string(), side)));
    }
    // Rows for "*" (acronyms and names that travel across languages: "UNHCR", "Frontex")
    // join every language.
    let with_any = |m: &HashMap<&'static str, Vec<(String, Side)>>, lang: &str| {
        let mut v = m.get(lang).cloned().unwrap_or_default();
        v.extend(m.get("*").cloned().unwrap_or_default());
        v
    };
    // The automatons are most of the build, and the first feed of a refresh waits for them
    // while the other cores have nothing to tag: each language's three (actors and cues
    // together, concern verbs, concern cues) are built on a thread of their own.
    type Built = (JointScanner<Side, Cue>, [Scanner<Cue>; 2], JointForms);
    let built: Vec<Built> = std::thread::scope(|scope| {
        let handles: Vec<_> = LANGS
            .iter()
            .map(|&lang| {
                let (lists, actor_forms) = (&lists, &actor_forms);
                let cue_family = |m: &HashMap<&'static str, Vec<(String, Cue)>>| {
                    m.get(lang).cloned().unwrap_or_default()
                };
                let cues = cue_family(&cue_forms);
                let families = [cue_family(&concern_verb_forms), cue_family(&concern_forms)];
                scope.spawn(move || {
                    let actors =
                        with_articles(with_any(actor_forms, lang), lists.get(&("article", lang)));
                    let forms = if cfg!(test) {
                        (actors.clone(), cues.clone())
                    } else {
                        Default::default()
                    };
                    (
                        JointScanner::new(actors, cues),
                        families.map(Scanner::new),
                        forms,
                    )
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the automatons of a language build"))
            .collect()
    });
    let mut actors_and_cues = FastMap::default();
    let mut concern = FastMap::default();
    let mut concern_verbs = FastMap::default();
    #[cfg(test)]
    let mut joint_forms = FastMap::default();
    for (lang, (joint, [verbs, worry], _forms)) in LANGS.into_iter().zip(built) {
        actors_and_cues.insert(lang, joint);
        concern_verbs.insert(lang, verbs);
        concern.insert(lang, worry);
        #[cfg(test)]
        joint_forms.insert(lang, _forms);
    }
    let mut stop_words: FastMap<String, u8> = FastMap::default();
    for (i, lang) in LANGS.iter().enumerate() {
        if let Some(list) = lists.get(&("stop", *lang)) {
            for w in list.exact_forms() {
                *stop_words.entry(w.to_string()).or_default() |= 1 << i;
            }
        }
    }
    let short_stop_words = ShortWordTable::new(
        stop_words
            .iter()
            .filter_map(|(w, &mask)| Some((short_word_key(w)?, mask))),
    );
    Lexicon {
        short_stop_words,
        lists,
        actors_and_cues,
        #[cfg(test)]
        joint_forms,
        concern_verbs,
        concern,
        stop_words,
        split_langs: splits
            .keys()
            .fold(0, |bits, &(_, lang)| bits | 1 << lang_slot(lang)),
        splits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_word_table_finds_every_stop_word_and_nothing_else() {
        let l = lexicon();
        let mut checked = 0;
        for (word, &mask) in &l.stop_words {
            if let Some(key) = short_word_key(word) {
                assert_eq!(l.short_stop_words.get(key), Some(mask), "{word}");
                checked += 1;
            }
        }
        assert!(checked > 100);
        for word in crate::testgen::strings(&["a", "e", "d", "s", "n", "t"], 3_000, 9) {
            let Some(key) = short_word_key(&word).filter(|&k| k != 0) else {
                continue;
            };
            let expected = l.stop_words.get(word.as_str()).copied();
            assert_eq!(l.short_stop_words.get(key), expected, "{word}");
        }
    }

    /// The shape filter of separable verbs never turns away a verb of the list, and the
    /// filtered lookups answer as the map alone does on every word of the labeled texts.
    #[test]
    fn separable_verbs_are_found_through_their_shapes() {
        let l = lexicon();
        let dev = include_str!("../../tests/data/tagging/dev.jsonl");
        let words: Vec<String> = super::super::normalize::fold(dev)
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_string)
            .collect();
        let mut verbs = 0;
        for split in l.splits.values() {
            for verb in split.verbs.keys() {
                assert!(
                    split.contains_key(verb) && split.get(verb).is_some(),
                    "{verb}"
                );
                verbs += 1;
            }
            for w in &words {
                assert_eq!(
                    split.contains_key(w),
                    split.verbs.contains_key(w.as_str()),
                    "{w}"
                );
            }
        }
        assert!(verbs > 20, "{verbs}");
    }

    #[test]
    fn lists_and_scanners_load() {
        let l = lexicon();
        assert!(l.list("govverb", "en").contains("said"));
        assert!(l.list("concern", "en").contains("concerned"));
        let hits = l.actors_and_cues["en"].scan("the home office said").0;
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].label, Side::Government);
    }
}
