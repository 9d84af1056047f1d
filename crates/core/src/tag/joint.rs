//! Two families of forms found in one pass over a text.
//!
//! The voice pass looks for the actors and for the cues of a text's language, each family by
//! the rules of a [`Scanner`](super::lexicon::Scanner): leftmost-longest, whole words,
//! prefixes, compound ends. Two leftmost-longest automatons read the text twice, and restarted
//! at every match they found or rejected (a match inside a word, a form with no word boundary
//! after it): together, a sixth of the tagger's time. One automaton that reports every
//! occurrence of every form reads the text once; the rules are then applied to each family's
//! occurrences, with the same result.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use super::lexicon::{Family, Hit};
use super::normalize::is_word_byte;

pub struct JointScanner<A, B> {
    /// A full DFA, walked here directly in a loop that only reads bytes until a state
    /// matches: through the library's iterator over overlapping matches, which keeps its place
    /// between matches, the tagger took 4 % more instructions.
    dfa: DFA,
    /// For each pattern of the automaton: whether it is of the second family, and its index
    /// there.
    owner: Vec<(bool, u32)>,
    first: Rules<A>,
    second: Rules<B>,
}

/// What a family's forms allow, by their index in the family.
struct Rules<T> {
    labels: Vec<T>,
    /// A prefix needs no word boundary after it.
    prefix: Vec<bool>,
    /// A compound end needs none before it.
    suffix: Vec<bool>,
    /// Whether any form is a compound end. When none is, an occurrence that starts inside a
    /// word can never be a hit, nor change which one is: it is not even collected.
    any_suffix: bool,
}

/// An occurrence of a form: where it starts and ends, and which form of its family it is.
type Occurrence = (usize, usize, u32);

impl<A: Copy, B: Copy> JointScanner<A, B> {
    pub(crate) fn new(first: Vec<(String, A)>, second: Vec<(String, B)>) -> JointScanner<A, B> {
        let (a, b) = (Family::new(first), Family::new(second));
        let index = |i: usize| u32::try_from(i).expect("fewer than 2^32 forms");
        let owner = (0..a.pats.len())
            .map(|i| (false, index(i)))
            .chain((0..b.pats.len()).map(|i| (true, index(i))))
            .collect();
        let dfa = DFA::builder()
            // Every occurrence, overlapping or not: the families' own rules pick among them.
            .match_kind(MatchKind::Standard)
            // No prefilter: the start state then needs no special handling in the walk.
            .prefilter(false)
            .build(a.pats.iter().chain(&b.pats))
            .expect("the actor and cue automaton builds");
        JointScanner {
            dfa,
            owner,
            first: Rules {
                labels: a.labels,
                prefix: a.prefix,
                any_suffix: a.suffix.contains(&true),
                suffix: a.suffix,
            },
            second: Rules {
                labels: b.labels,
                prefix: b.prefix,
                any_suffix: b.suffix.contains(&true),
                suffix: b.suffix,
            },
        }
    }

    /// The whole-word hits of each family in folded text: what a [`Scanner`] of that family
    /// alone would find.
    ///
    /// [`Scanner`]: super::lexicon::Scanner
    pub fn scan(&self, text: &str) -> (Vec<Hit<A>>, Vec<Hit<B>>) {
        // Room from the start for one occurrence per 32 bytes, about what news text holds.
        let room = text.len() / 32;
        let (mut first, mut second): (Vec<Occurrence>, Vec<Occurrence>) =
            (Vec::with_capacity(room), Vec::with_capacity(room));
        let dfa = &self.dfa;
        // An unanchored search never fails to start, and no form is empty: the start state
        // matches nothing.
        let Ok(mut state) = dfa.start_state(Anchored::No) else {
            return (Vec::new(), Vec::new());
        };
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            // From state to state until one that matches: the loop that reads every byte,
            // kept free of anything else.
            while at < bytes.len() {
                state = dfa.next_state(Anchored::No, state, bytes[at]);
                at += 1;
                if dfa.is_special(state) {
                    break;
                }
            }
            if !dfa.is_special(state) || dfa.is_dead(state) {
                break;
            }
            // Every form that ends here, each once.
            for k in 0..dfa.match_len(state) {
                let pattern = dfa.match_pattern(state, k);
                let start = at - dfa.pattern_len(pattern);
                let (of_second, index) = self.owner[pattern.as_usize()];
                let inside_word = start > 0 && is_word_byte(bytes[start - 1]);
                if of_second {
                    if !inside_word || self.second.any_suffix {
                        insert_in_order(&mut second, (start, at, index));
                    }
                } else if !inside_word || self.first.any_suffix {
                    insert_in_order(&mut first, (start, at, index));
                }
            }
            if at == bytes.len() {
                break;
            }
        }
        (self.first.hits(text, first), self.second.hits(text, second))
    }
}

impl<T: Copy> Rules<T> {
    /// The hits a leftmost-longest search of this family finds, from every occurrence of its
    /// forms. From a position, that search finds the occurrence that starts first, the longest
    /// of those; it is a hit when a word boundary (or a compound end) comes before it and one
    /// comes after it or after a shorter form at the same start (or the form is a prefix);
    /// the next search begins at the end of the hit, or one byte further when there is none.
    ///
    /// The occurrences come in the order [`insert_in_order`] keeps.
    fn hits(&self, text: &str, occurrences: Vec<Occurrence>) -> Vec<Hit<T>> {
        let bytes = text.as_bytes();
        let boundary_after = |end: usize| end == bytes.len() || !is_word_byte(bytes[end]);
        let mut out = Vec::with_capacity(occurrences.len());
        let (mut pos, mut i) = (0, 0);
        while i < occurrences.len() {
            let start = occurrences[i].0;
            let same_start = occurrences[i..].iter().take_while(|o| o.0 == start).count();
            let at_start = &occurrences[i..i + same_start];
            i += same_start;
            if start < pos {
                continue;
            }
            let longest = at_start[0].2 as usize;
            let boundary_before =
                self.suffix[longest] || start == 0 || !is_word_byte(bytes[start - 1]);
            let hit = at_start
                .iter()
                .find(|&&(_, end, form)| self.prefix[form as usize] || boundary_after(end))
                .filter(|_| boundary_before);
            match hit {
                Some(&(_, end, form)) => {
                    out.push(Hit {
                        start,
                        end,
                        label: self.labels[form as usize],
                    });
                    pos = end;
                }
                None => pos = start + 1,
            }
        }
        out
    }
}

/// Adds an occurrence to a list kept in order of start, the longest first at one start. The
/// walk finds occurrences in order of their end, which for short forms is nearly the order of
/// their start: each goes in a step or two from the back, where sorting the whole list after
/// the walk was a tenth of the scan.
fn insert_in_order(list: &mut Vec<Occurrence>, o: Occurrence) {
    let mut at = list.len();
    while at > 0 && {
        let before = list[at - 1];
        before.0 > o.0 || (before.0 == o.0 && before.1 < o.1)
    } {
        at -= 1;
    }
    list.insert(at, o);
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{lexicon, Scanner, LANGS};
    use super::super::normalize::fold;
    use super::*;

    /// The joint scan finds, family by family, exactly what a scanner of each family finds:
    /// on every labeled text, folded, and on generated strings of the words that meet at
    /// boundaries (forms inside words, compound ends, prefixes, hyphens and apostrophes).
    #[test]
    fn each_family_gets_what_its_own_scanner_finds() {
        let dev = include_str!("../../tests/data/tagging/dev.jsonl");
        let alphabet = [
            "de ",
            "ngo's ",
            "the ",
            "minister",
            "ministerium ",
            "innen",
            "-",
            "'",
            "said ",
            "a ",
            "warned ",
            "un",
            "hcr ",
            "o",
            "verschillende ",
            "bundes",
            "regierung ",
            ". ",
        ];
        let generated = crate::testgen::strings(&alphabet, 3_000, 12);
        let lex = lexicon();
        let mut found = [0; 2];
        for lang in LANGS {
            let (actors, cues) = lex.joint_forms(lang);
            let (actor_scanner, cue_scanner) =
                (Scanner::new(actors.clone()), Scanner::new(cues.clone()));
            let joint = JointScanner::new(actors, cues);
            for text in dev.lines().map(fold).chain(generated.iter().cloned()) {
                let (a, c) = joint.scan(&text);
                found[0] += a.len();
                found[1] += c.len();
                fn spans<T: Copy>(h: &[Hit<T>]) -> Vec<(usize, usize, T)> {
                    h.iter().map(|h| (h.start, h.end, h.label)).collect()
                }
                assert_eq!(
                    spans(&a),
                    spans(&actor_scanner.scan(&text)),
                    "{lang} actors: {text:?}"
                );
                assert_eq!(
                    spans(&c),
                    spans(&cue_scanner.scan(&text)),
                    "{lang} cues: {text:?}"
                );
            }
        }
        // Not a comparison of empty lists: both families are found thousands of times.
        assert!(found[0] > 1_000 && found[1] > 1_000, "{found:?}");
    }
}
