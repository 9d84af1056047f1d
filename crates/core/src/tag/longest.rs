//! Leftmost-longest matches of a set of forms, one after the other: the country gazetteer's
//! search, and the short searches of a sentence by the lexicon's scanners.
//!
//! The library's own iterator restarts its search loop at every match and checks, at every
//! byte, for things this search never uses (a prefilter, anchoring); the loop here only reads
//! bytes until a state matches or no longer can, and finds the same matches.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

pub struct LongestMatches {
    dfa: DFA,
}

impl LongestMatches {
    pub(crate) fn new<P: AsRef<[u8]>>(patterns: &[P]) -> LongestMatches {
        let dfa = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // No prefilter: the start state then needs no special handling in the walk.
            .prefilter(false)
            .build(patterns)
            .expect("the automaton builds");
        LongestMatches { dfa }
    }

    /// The matches in `text`, in order, none overlapping: (start, end, pattern). From where the
    /// last match ended, the next is the one that starts first, the longest of those.
    pub fn iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let mut pos = 0;
        std::iter::from_fn(move || {
            let found = self.find(text.as_bytes(), pos)?;
            pos = found.1;
            Some(found)
        })
    }

    /// The first match in `bytes` from `from` on: the one that starts first, the longest of
    /// those. A match must lie inside `bytes`; pass a shorter slice to search a range.
    pub fn find(&self, bytes: &[u8], from: usize) -> Option<(usize, usize, usize)> {
        let dfa = &self.dfa;
        let mut state = dfa.start_state(Anchored::No).ok()?;
        let mut at = from;
        let mut found = None;
        while at < bytes.len() {
            state = dfa.next_state(Anchored::No, state, bytes[at]);
            at += 1;
            if dfa.is_special(state) {
                if dfa.is_dead(state) {
                    break;
                }
                if dfa.is_match(state) {
                    // The longest match so far of the leftmost start: the walk goes on until no
                    // longer one can follow.
                    found = Some((at, dfa.match_pattern(state, 0)));
                }
            }
        }
        let (end, pattern) = found?;
        Some((end - dfa.pattern_len(pattern), end, pattern.as_usize()))
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, AhoCorasickKind};

    use super::super::gazetteer::gazetteer;
    use super::super::normalize::fold;
    use super::*;

    fn library(patterns: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns)
            .unwrap();
        ac.find_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    /// The same matches as the library's leftmost-longest iterator: with the gazetteer's forms
    /// on every labeled text, and with small sets of forms that overlap and nest on generated
    /// strings.
    #[test]
    fn finds_what_the_librarys_iterator_finds() {
        let g = gazetteer();
        let dev = include_str!("../../tests/data/tagging/dev.jsonl");
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&g.patterns)
            .unwrap();
        let mut found = 0;
        for text in dev.lines().map(fold) {
            let ours: Vec<_> = g.automaton.iter(&text).collect();
            let theirs: Vec<_> = ac
                .find_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            assert_eq!(ours, theirs, "{text:?}");
            found += ours.len();
        }
        assert!(found > 1_000, "{found}");
        let sets: [&[&str]; 3] = [
            &["a", "ab", "abc", "b", "bc", "c"],
            &["ab", "ba", "aba", "bab"],
            &["abc", "b", "bcd", "cd", "d"],
        ];
        let texts = crate::testgen::strings(&["a", "b", "c", "d", " "], 3_000, 10);
        for set in sets {
            let patterns: Vec<String> = set.iter().map(|p| p.to_string()).collect();
            let ours = LongestMatches::new(&patterns);
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .unwrap();
            for text in &texts {
                assert_eq!(
                    ours.iter(text).collect::<Vec<_>>(),
                    library(&patterns, text),
                    "{set:?} {text:?}"
                );
                // A search of a range finds what the library's search of that range finds.
                for from in 0..=text.len() {
                    for to in from..=text.len() {
                        let theirs = ac
                            .find(aho_corasick::Input::new(text).range(from..to))
                            .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
                        assert_eq!(ours.find(&text.as_bytes()[..to], from), theirs, "{text:?}");
                    }
                }
            }
        }
    }
}
