//! Whose voices an item carries (labeling rules, section 4): for every sentence, find who
//! speaks (an actor next to a speech verb, after "according to", a headline "Actor: ...", or the
//! last speaker when a pronoun or a bare quote continues), then count a government-side
//! speaker as a government position and an NGO-side speaker as a concern when the sentence
//! carries a concern cue.

use crate::model::{SourceKind, Span, Voices};

use super::countries::{government_acts, in_pluperfect};
use super::doc::{ends_with_phrase, Doc, Tok};
use super::lexicon::{lexicon, words, Cue, Hit, Side, WordList};
use super::normalize::is_word_byte;
use super::sentences::{split, Sentence};

/// How far (in folded bytes) a speaker may stand from its speech verb.
const MAX_SPEAKER_GAP: usize = 110;
/// How far (in folded bytes) words of concern may follow the NGO-side actor that voices them.
const CONCERN_REACH: usize = 110;
/// How many sentences a pronoun or a bare quote may reach back for its speaker.
const MAX_COREF: usize = 2;

#[derive(Debug, Clone, Copy)]
struct Actor {
    start: usize,
    end: usize,
    side: Side,
    /// A state named by its country or capital ("Rabat agreed", "talks with Dakar"), which may
    /// act from behind a preposition.
    state: bool,
}

pub fn find(
    doc: &Doc<'_>,
    acting: &[(usize, usize)],
    demonyms: &[(usize, usize)],
    source_kind: SourceKind,
) -> Voices {
    let lex = lexicon();
    let lang = doc.lang;
    let text = doc.text();
    let (actor_hits, cues) = lex.actors_and_cues[lang].scan(text);
    let mut actors: Vec<Actor> = actor_hits
        .into_iter()
        .map(|h| Actor {
            start: h.start,
            end: h.end,
            side: h.label,
            state: false,
        })
        .collect();
    // A state acts where its name is followed by a government verb, unless the name ends an
    // organisation's name ("Amnesty International Belgium warned", "la Corte Constitucional de
    // Colombia ordenó", "la Defensoría del Pueblo del Perú advirtió"): right after the actor,
    // or after it and a preposition of belonging with an article.
    let ofprep = words!("ofprep", "*");
    let det = words!("determiner", "*");
    let after_actor = |s: usize| {
        actors.iter().any(|a| {
            a.end <= s
                && (s - a.end <= 1
                    || (s - a.end <= 24 && {
                        let gap: Vec<&str> = text[a.end..s].split_whitespace().collect();
                        let of_phrase = match gap.as_slice() {
                            [p] => ofprep.contains(p),
                            [p, d] => ofprep.contains(p) && det.contains(d),
                            _ => false,
                        };
                        // "Stiftung Kinderschutz Schweiz": one more capitalised word of the
                        // name.
                        let name_word = matches!(gap.as_slice(), [w] if w.chars().all(char::is_alphabetic))
                            && doc.orig_char_at(a.end + 1).is_some_and(char::is_uppercase);
                        (s - a.end <= 10 && of_phrase) || name_word
                    }))
        })
    };
    let states: Vec<Actor> = acting
        .iter()
        .filter(|&&(start, _)| !after_actor(start))
        .map(|&(start, end)| Actor {
            start,
            end,
            side: Side::Government,
            state: true,
        })
        .collect();
    actors.extend(states);
    actors.extend(acronym_aliases(text, &actors));
    let names = name_aliases(doc, &actors);
    actors.extend(names);
    bracketed_names(text, &mut actors);
    actors.sort_by_key(|a| a.start);
    let quotes = quote_regions(text);
    let in_quote = |p: usize| quotes.iter().any(|&(qs, qe)| p > qs && p < qe);
    let concern_scanner = &lex.concern[lang];
    let sentences = split(doc);

    let mut voices = Voices::default();
    let mut last_speaker: Option<(Side, usize)> = None;
    let mut last_actor: Option<Side> = None;
    // The last actor named, with its sentence: a pronoun that opens the next sentence may
    // point back to it even when it did not speak ("The ministry published the figures on
    // Monday. It said the rise …").
    let mut last_named: Option<(Side, usize, bool)> = None;
    // The actor of a sentence that declines to comment: "The Home Office did not respond. It
    // has previously said …" gives the next sentence's pronoun to the Home Office, not to the
    // speaker before it.
    let mut silent: Option<(Side, usize)> = None;
    // Whether the headline announces figures ("Estadística de Migraciones: España registra …").
    let mut figures_release = false;
    // The per-sentence lists, allocated once and refilled for each sentence.
    let (mut in_sent_buf, mut resolved_buf, mut candidates_buf) =
        (Vec::new(), Vec::new(), Vec::new());
    let (mut owners_buf, mut named_buf, mut cues_buf) = (Vec::new(), Vec::new(), Vec::new());
    // Actors and cues are sorted by where they start, and sentences follow each other: each
    // sentence looks only at those that start inside it, found by moving two cursors on, not
    // at every one in the text.
    let (mut actor_at, mut cue_at) = (0, 0);
    for (si, sent) in sentences.iter().enumerate() {
        let actors_here = span_from(&actors, &mut actor_at, sent, |a| a.start);
        let cues_from_here = span_from(&cues, &mut cue_at, sent, |h| h.start);
        let here = |a: &Actor| a.start >= sent.start && a.end <= sent.end;
        let in_sent: &mut Vec<Actor> = &mut in_sent_buf;
        in_sent.clear();
        in_sent.extend(actors[actors_here].iter().copied().filter(here));
        in_sent.retain(|a| !is_addressee(doc, sent, a));
        // "the conference's president", "UNHCR's representative": a role possessed by someone
        // else speaks for its possessor, so it is resolved like a role noun, not taken as an
        // office of the state. A role possessed by a proper name that is no actor ("Algeria's
        // interior ministry") is that state's office and keeps its side.
        let owners: &mut Vec<(usize, usize)> = &mut owners_buf;
        owners.clear();
        owners.extend(in_sent.iter().map(|a| (a.start, a.end)));
        for a in in_sent.iter_mut() {
            if a.side == Side::Government
                && possessed(doc, a.start, a.end)
                && !possessed_by_name(doc, a.start, owners)
            {
                a.side = Side::Ref;
            }
        }
        let cues_here: &mut Vec<Hit<Cue>> = &mut cues_buf;
        cues_here.clear();
        cues_here.extend(
            cues[cues_from_here]
                .iter()
                .copied()
                .filter(|h| h.start >= sent.start && h.end <= sent.end)
                .filter(|h| h.label != Cue::Speech || said_here(doc, sent, h))
                // Words inside a longer actor's name ("pour" in "Haut-Commissariat des Nations unies
                // pour les réfugiés") attribute nothing; a word that is both ("juge") stays a verb.
                .filter(|h| {
                    !in_sent.iter().any(|a| {
                        a.start <= h.start && h.end <= a.end && a.end - a.start > h.end - h.start
                    })
                }),
        );
        // "In een persbericht laat het COA weten dat …", "Das Ministerium teilte am Montag mit":
        // a separable verb of saying with its particle later in the clause speaks where the
        // verb stands. Looked for only where no other verb of saying was found.
        if !cues_here.iter().any(|h| h.label == Cue::Speech) {
            if let Some(verbs) = lex
                .splits("speechsplit", lang)
                .filter(|verbs| has_split_verb(doc, sent, verbs))
            {
                let toks = doc.tokens_between(sent.start, sent.end, usize::MAX);
                for (i, t) in toks.iter().enumerate() {
                    if t.word
                        && verbs.contains_key(t.text)
                        && split_verb(&toks[i..], verbs)
                        && !in_sent.iter().any(|a| a.start <= t.start && t.end <= a.end)
                    {
                        cues_here.push(Hit {
                            start: t.start,
                            end: t.end,
                            label: Cue::Speech,
                        });
                    }
                }
                cues_here.sort_by_key(|h| h.start);
            }
        }
        // "according to", "volgens", "según", "laut" are listed with the verbs of saying too,
        // and the scanner keeps one label per form; here they attribute to the actor after
        // them, so they are read as such.
        let according = words!("according", lang);
        for h in cues_here.iter_mut() {
            if h.label == Cue::Speech && according.contains(&text[h.start..h.end]) {
                h.label = Cue::According;
            }
        }
        // Words inside a quotation are what is said, not who says it: when the sentence has a
        // speech verb or an "according to" ("\"…\", aldus een woordvoerder") outside the
        // quote, actors and verbs inside it are set aside.
        let outside = |p: usize| !in_quote(p);
        if cues_here
            .iter()
            .any(|h| matches!(h.label, Cue::Speech | Cue::According) && outside(h.start))
        {
            cues_here.retain(|h| h.label != Cue::Speech || outside(h.start));
            in_sent.retain(|a| outside(a.start));
        }
        let has = |c: Cue| cues_here.iter().any(|h| h.label == c);
        // Concern cues matter only where an NGO side speaks, so they are looked for lazily,
        // sentence by sentence, instead of in one more pass over the whole text.
        // Words inside an actor's name ("Human Rights Watch", "Liga voor Mensenrechten") are
        // not a concern.
        let named: &mut Vec<(usize, usize)> = &mut named_buf;
        named.clear();
        named.extend(in_sent.iter().map(|a| (a.start, a.end)));
        // A sentence about money (an appeal for funds, what the funds will pay for) voices no
        // concern through words of asking or need alone.
        let about_money = std::cell::OnceCell::new();
        let about_money = || {
            *about_money.get_or_init(|| {
                let s = &text[sent.start..sent.end];
                s.contains('$')
                    || s.contains('\u{20ac}')
                    || doc.word_between_in(
                        sent.start,
                        sent.end,
                        usize::MAX,
                        words!("fundword", lang),
                    )
            })
        };
        let request = words!("fundrequest", lang);
        let concerned = || {
            concern_scanner.any_in_where(text, sent.start, sent.end, |s, e| {
                let in_name = named.iter().any(|&(a, b)| s >= a && e <= b);
                let asks_for_money = request.contains(&text[s..e]) && about_money();
                !(in_name || asks_for_money)
            }) || lex
                .splits("concernsplit", lang)
                .is_some_and(|verbs| sentence_has_split_verb(doc, sent, verbs))
        };
        let quoted = text[sent.start..sent.end].contains('"');
        let is_title = si == 0 && doc.in_title(sent.start);

        // Resolve role nouns to the actor they point back to.
        let resolved: &mut Vec<Actor> = &mut resolved_buf;
        resolved.clear();
        for (k, a) in in_sent.iter().enumerate() {
            // "a spokesperson for the coalition", "l'agence fédérale Fedasil": the actor named
            // right after a role noun is the one it stands for; otherwise the last speaker.
            // A verb of saying between them ends the role's name: in "l'agence rappelle que le
            // réseau est saturé" the network is what is said, not whose agency it is.
            let apposed = in_sent[k + 1..]
                .iter()
                .find(|b| b.side != Side::Ref && b.start >= a.end && b.start - a.end <= 30)
                .filter(|b| {
                    !cues_here
                        .iter()
                        .any(|h| h.label == Cue::Speech && h.start >= a.end && h.end <= b.start)
                })
                .map(|b| b.side);
            // An earlier actor of the same sentence that is the object of a preposition ("were
            // intercepted by the coastguard, according to the agency's figures") is not what
            // the role noun points back to; the last speaker is.
            // "le président tunisien", "the Greek minister's spokesperson": a role next to a
            // nationality adjective is an office of that state.
            let national = || {
                demonyms
                    .iter()
                    .any(|&(s, e)| {
                        (e <= a.start && a.start - e <= 1) || (s >= a.end && s - a.end <= 1)
                    })
                    .then_some(Side::Government)
            };
            // "el vocero presidencial", "le porte-parole gouvernemental": an adjective of the
            // executive after the role makes it the government's.
            let office = || {
                doc.word_after_in(a.end, words!("officeadj", lang))
                    .then_some(Side::Government)
            };
            // "el presidente Bernardo Arévalo", "President Ruto": a head's title followed
            // straight by a person's name, with no organisation it heads, is the head of a
            // state or government.
            let head = || {
                let role = &text[a.start..a.end];
                let role = role.rsplit(' ').next().unwrap_or(role);
                (words!("headrole", lang).contains(role)
                    && doc.orig_char_at(a.end + 1).is_some_and(char::is_uppercase)
                    && text.as_bytes().get(a.end) == Some(&b' ')
                    && !starts_actor(in_sent, a.end + 1))
                .then_some(Side::Government)
            };
            let side = if a.side == Side::Ref {
                apposed
                    .or_else(national)
                    .or_else(office)
                    .or_else(head)
                    .or_else(|| owned_by_other(doc, a, &in_sent[k + 1..]))
                    .or_else(|| {
                        resolved
                            .iter()
                            .rev()
                            .filter(|r| !governed_by_prep(doc, sent, r.start))
                            .map(|r| r.side)
                            .find(|s| *s != Side::Ref)
                    })
                    .or(last_speaker.map(|(s, _)| s))
                    .or(last_actor)
            } else if a.side == Side::Neutral
                || (a.side == Side::Government
                    && words!("subbody", "*").contains(&text[a.start..a.end]))
            {
                // "Expertos de derechos humanos de la ONU", "researchers of Human Rights Watch":
                // people described as belonging to an NGO-side body speak for it, and so does
                // a committee of one ("la comisión de extranjería del Colegio de la Abogacía").
                Some(member_of_ngo(doc, a, &in_sent[k + 1..]).unwrap_or(a.side))
            } else {
                Some(a.side)
            };
            if let Some(side) = side {
                resolved.push(Actor { side, ..*a });
            }
        }

        // In an NGO's or a government's own post, "we" and "our" are the author: they compete
        // with the named actors for the nearest speech verb ("we call on the minister").
        let author = match source_kind {
            SourceKind::Ngo => Some(Side::Ngo),
            SourceKind::Government => Some(Side::Government),
            _ => None,
        };
        let candidates: &mut Vec<Actor> = &mut candidates_buf;
        candidates.clear();
        candidates.extend_from_slice(resolved);
        if let Some(side) = author {
            candidates.extend(
                cues_here
                    .iter()
                    .filter(|h| h.label == Cue::FirstPerson)
                    .map(|h| Actor {
                        start: h.start,
                        end: h.end,
                        side,
                        state: false,
                    }),
            );
            candidates.sort_by_key(|a| a.start);
        }
        // "Ze wijst erop dat de Belgische staat …", "sagte sie": a pronoun right next to a verb
        // of saying is its subject and continues the last speaker, so it competes with the
        // actors the sentence names for that verb.
        let antecedent = silent
            .filter(|&(_, at)| si - at == 1)
            .map(|(side, at)| (side, at, false))
            .or(last_speaker
                .filter(|&(_, at)| si - at <= MAX_COREF)
                .map(|(side, at)| (side, at, false)))
            .or(last_named.filter(|&(_, at, _)| si - at == 1));
        if let Some((side, _, plural)) = antecedent {
            // An actor named earlier in the sentence is what a later pronoun points to
            // ("Lawyers for the families said they feared …"). "He" or "she" does not point
            // back to a plural body ("Municipalities are contracted … \"…,\" he said").
            let first = resolved.first().map_or(usize::MAX, |a| a.start);
            let singular = words!("personpronoun", lang);
            for (start, end) in pronoun_subjects(doc, sent, cues_here, resolved)
                .into_iter()
                .filter(|&(start, _)| start < first)
                .filter(|&(start, end)| !(plural && singular.contains(&text[start..end])))
            {
                candidates.push(Actor {
                    start,
                    end,
                    side,
                    state: false,
                });
            }
            candidates.sort_by_key(|a| a.start);
        }
        // "Volgens haar moeten meer gemeenten …", "Selon lui, …": a pronoun after "according
        // to" is the speaker it points back to.
        let according_pronoun = || {
            let objects = words!("pronounobj", lang);
            cues_here
                .iter()
                .filter(|h| h.label == Cue::According)
                .any(|h| {
                    doc.tokens_after(h.end, 1)
                        .first()
                        .is_some_and(|t| t.word && is_pronoun(doc, t, objects))
                })
                .then_some(antecedent.map(|(side, _, _)| side))
                .flatten()
        };
        let attributed = title_speaker(doc, sent, resolved, is_title)
            .or_else(|| according_speaker(doc, sent, cues_here, resolved))
            .or_else(|| passive_agent(doc, sent, resolved))
            .or_else(according_pronoun);
        let explicit = attributed.or_else(|| verb_speaker(doc, cues_here, candidates, demonyms));
        let mut speaker = explicit;
        // An NGO-side actor followed closely by words of concern voices them even without a
        // verb of saying ("UNICEF is worried", "the Refugee Council raised concerns", "la
        // Defensora se alarma", "die Kammer hat vor den Folgen gewarnt").
        if speaker.is_none() {
            let near_concern = |a: &Actor| {
                let end = (a.end + CONCERN_REACH).min(sent.end);
                // Another speaker-like actor ends the reach; a migrant or a court named on the
                // way ("warned of the effects on sick refugees") does not.
                let next = resolved
                    .iter()
                    .filter(|b| b.start >= a.end && b.side != Side::Neutral)
                    .map(|b| b.start)
                    .min()
                    .unwrap_or(end)
                    .min(end);
                lex.concern_verbs[lang]
                    .any_in_where(text, a.end, next, |s, _| !after_noun_marker(doc, s))
            };
            if resolved.iter().any(|a| {
                a.side == Side::Ngo && !governed_by_prep(doc, sent, a.start) && near_concern(a)
            }) {
                speaker = Some(Side::Ngo);
            }
        }
        // A government actor that acts ("the cabinet approved", "Fedasil will open"), unless
        // it is the object of a preposition or another actor opens the clause: in "the judges
        // found that the department's decision ignored …" the court speaks, not the department.
        // In an NGO's own post, what a government does is the NGO's account of it; only what
        // the government says is its line (rule 4.5).
        if speaker.is_none() && source_kind != SourceKind::Ngo {
            // "Le ministre espagnol a signé", "el ministro marroquí firmó": a nationality
            // adjective right after the actor stands between it and its verb.
            let through_nationality = |end: usize| {
                demonyms
                    .iter()
                    .find(|&&(s, _)| s >= end && s - end <= 1)
                    .map_or(end, |&(_, e)| e)
            };
            speaker = resolved
                .iter()
                .find(|a| {
                    a.side == Side::Government
                        && !(if a.state {
                            state_phrase_governed(doc, sent, a.start)
                        } else {
                            governed_by_prep(doc, sent, a.start)
                        })
                        && !resolved
                            .iter()
                            .any(|b| b.start < a.start && b.side == Side::Neutral)
                        && government_acts(doc, a.start, through_nationality(a.end), false)
                        // "L'Ofpra avait rejeté sa demande": an act in the pluperfect is
                        // background (rule 4.2).
                        && !in_pluperfect(doc, a.end)
                })
                .map(|a| a.side);
        }
        // A pronoun next to a speech verb ("she said") or a bare quote continues the last
        // speaker; a speech word with nobody next to it ("vragen" as a noun) does not.
        let continues = last_speaker.is_some_and(|(_, at)| si - at <= MAX_COREF);
        let pronoun_speaks = || {
            cues_here
                .iter()
                .filter(|h| h.label == Cue::Speech)
                .any(|h| pronoun_near(doc, sent, h))
        };
        if speaker.is_none()
            && resolved.is_empty()
            && continues
            && (quoted || pronoun_speaks())
            && !names_new_person(doc, sent, cues_here, &in_quote)
        {
            speaker = last_speaker.map(|(s, _)| s);
        }
        // In an NGO's own post, a sentence in the first person is the NGO speaking, whatever
        // officials it names: they are what it criticises or whom it addresses (rule 4.5).
        // A sentence that speaks to the reader ("you can book a consultation", "vous pouvez
        // nous joindre") is a service notice, not the NGO's line.
        let to_reader = || {
            let words = text[sent.start..sent.end].trim_start_matches(['"', '\'', ' ']);
            doc.word_between_in(
                sent.start,
                sent.end,
                usize::MAX,
                words!("secondperson", lang),
            ) || words!("noticeopen", lang)
                .exact_forms()
                .any(|p| words.starts_with(p))
                || doc.word_between_in(sent.start, sent.end, 1, words!("imperative", lang))
        };
        let own_post = source_kind == SourceKind::Ngo && explicit.is_none() && !to_reader();
        if own_post && has(Cue::FirstPerson) {
            speaker = Some(Side::Ngo);
        }
        // An actor that declines to comment says nothing: the sentence carries no voice.
        // "Das Innenministerium wollte die Zahl nicht kommentieren": a refusal whose parts are
        // split by the object.
        let declines = has(Cue::NoComment)
            || (!resolved.is_empty()
                && lex
                    .splits("nocommentsplit", lang)
                    .is_some_and(|verbs| sentence_has_split_verb(doc, sent, verbs)));
        if declines {
            speaker = None;
            silent = resolved
                .iter()
                .find(|a| a.side != Side::Neutral && !governed_by_prep(doc, sent, a.start))
                .map(|a| (a.side, si));
        }
        // A headline "Agency: fewer applications in October" passes on figures, not a line.
        // "Het aantal ... bleef volgens het COA gelijk, rond de 60.000": a sentence that an
        // actor backs only by "according to", with no verb of saying and with a number or a
        // word of rise and fall, passes on figures as well.
        let only_according = attributed.is_some() && !has(Cue::Speech);
        // "received 3,000 applications" passes on figures; "had received medical care" does not:
        // the verbs among the figure cues need a number in the sentence.
        let digits = text[sent.start..sent.end]
            .bytes()
            .any(|b| b.is_ascii_digit());
        let statverbs = words!("statverb", lang);
        let stats = cues_here.iter().any(|h| {
            h.label == Cue::Stats && (digits || !statverbs.contains(&text[h.start..h.end]))
        });
        // "El Ministerio asegura que los solicitantes son atendidos en 72 horas": a figure put
        // forward with a verb of claiming is a claim, a line of its own.
        let claims = || {
            let verbs = words!("claimverb", lang);
            cues_here
                .iter()
                .any(|h| h.label == Cue::Speech && verbs.contains(&text[h.start..h.end]))
        };
        let figures = stats
            || (is_title && title_gives_figures(doc, sent))
            || (only_according
                && !is_title
                && title_gives_figures(doc, sent)
                && !has_policy_word(doc, sent))
            || (speaker == Some(Side::Government) && reports_figures(doc, sent) && !claims());

        figures_release |= is_title && stats;
        // "Communiqué de l'OFPRA" heading a release of figures: a byline, not a statement.
        let byline = figures_release
            && !is_title
            && doc
                .tokens_between(sent.start, sent.end, 8)
                .iter()
                .filter(|t| t.word)
                .count()
                <= 5
            && cues_here.iter().any(|h| {
                h.label == Cue::Speech
                    && words!("releasenoun", lang).contains(&text[h.start..h.end])
            });
        if byline {
            speaker = None;
        }
        let own_kind_ngo = source_kind == SourceKind::Ngo;
        let only_plans = || {
            let plans = words!("planverb", lang);
            let speech: Vec<&Hit<Cue>> = cues_here
                .iter()
                .filter(|h| h.label == Cue::Speech)
                .collect();
            !speech.is_empty() && speech.iter().all(|h| plans.contains(&text[h.start..h.end]))
        };
        let span = || {
            let (s, e, t) = doc.span(sent.start, sent.end);
            Span {
                start: s,
                end: e,
                text: t,
            }
        };
        match speaker {
            // In an NGO's own post, a government's plan ("the authorities will …") is the
            // NGO's account of what the government does, not its line (rule 4.5).
            Some(Side::Government) if (!figures || quoted) && !(own_kind_ngo && only_plans()) => {
                voices.government.push(span())
            }
            Some(Side::Ngo) if concerned() => voices.ngo_concern.push(span()),
            None if own_post && !is_title && concerned() => voices.ngo_concern.push(span()),
            None if source_kind == SourceKind::Government && has(Cue::FirstPerson) => {
                voices.government.push(span())
            }
            _ => {}
        }
        if let Some(s) = speaker.filter(|_| !declines) {
            last_speaker = Some((s, si));
        }
        // Actors named inside a quotation are what the speaker talks about; a role noun or a
        // pronoun later on does not point back to them ("… sin existir para la Administración
        // …\", declaró una de sus portavoces").
        if let Some(a) = resolved
            .iter()
            .rev()
            .find(|a| a.side != Side::Ref && !in_quote(a.start))
        {
            last_actor = Some(a.side);
        }
        if let Some(a) = resolved.iter().find(|a| {
            a.side != Side::Neutral && !governed_by_prep(doc, sent, a.start) && !in_quote(a.start)
        }) {
            last_named = Some((a.side, si, is_plural(doc, a)));
        }
    }
    // A government press release speaks in the government's voice as a whole (rule 4.5),
    // unless it is a release of figures: official figures on their own are nobody's line
    // (rule 4.4), whoever publishes them.
    if source_kind == SourceKind::Government && voices.government.is_empty() && !figures_release {
        if let Some(first) = sentences.first() {
            let (s, e, t) = doc.span(first.start, first.end);
            voices.government.push(Span {
                start: s,
                end: e,
                text: t,
            });
        }
    }
    voices
}

/// The range of `list` (sorted by `start_of`) whose items start inside `sent`, moving `at` past
/// those that start before it. Sentences come in order, so `at` only moves forward.
fn span_from<T>(
    list: &[T],
    at: &mut usize,
    sent: &Sentence,
    start_of: impl Fn(&T) -> usize,
) -> std::ops::Range<usize> {
    while *at < list.len() && start_of(&list[*at]) < sent.start {
        *at += 1;
    }
    let mut end = *at;
    while end < list.len() && start_of(&list[end]) < sent.end {
        end += 1;
    }
    *at..end
}

/// Spans between quotation marks, paragraph by paragraph (an unclosed quote ends with its
/// paragraph).
fn quote_regions(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let bytes = text.as_bytes();
    // Only quotation marks and line breaks matter: jump from one to the next.
    for i in memchr::memchr2_iter(b'"', b'\n', bytes) {
        let b = bytes[i];
        if b == b'"' {
            match open.take() {
                Some(s) => out.push((s, i)),
                None => open = Some(i),
            }
        } else if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            if let Some(s) = open.take() {
                out.push((s, i));
            }
        }
    }
    if let Some(s) = open {
        out.push((s, text.len()));
    }
    out
}

/// "the State Secretariat for Migration (SEM) … the SEM said": an acronym in brackets right
/// after an actor's name stands for that actor wherever it recurs in the item.
fn acronym_aliases(text: &str, actors: &[Actor]) -> Vec<Actor> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for a in actors {
        let rest = &text[a.end..];
        let Some(inner) = rest.strip_prefix(" (") else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let alias = &inner[..close];
        if alias.len() < 2 || alias.len() > 8 || !alias.bytes().all(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let from = a.end + 2 + close + 1;
        let mut at = from;
        while let Some(p) = text[at..].find(alias) {
            let (s, e) = (at + p, at + p + alias.len());
            let whole = (s == 0 || !is_word_byte(bytes[s - 1]))
                && (e == bytes.len() || !is_word_byte(bytes[e]));
            if whole && !actors.iter().any(|b| b.start <= s && s < b.end) {
                out.push(Actor {
                    start: s,
                    end: e,
                    side: a.side,
                    state: false,
                });
            }
            at = e;
        }
    }
    out
}

/// "Bundesinnenminister Alexander Dobrindt … sagte Dobrindt", "Alexander Dobrindt, the
/// interior minister, … Dobrindt told reporters": the surname of a person named right after a
/// role, or right before it and a comma, stands for that actor wherever it recurs. Two
/// capitalised words are needed (one after a role in English, French, Dutch and Spanish,
/// where nouns are not capitalised), so that a German noun after a role is no name.
fn name_aliases(doc: &Doc<'_>, actors: &[Actor]) -> Vec<Actor> {
    let text = doc.text();
    let bytes = text.as_bytes();
    let upper = |t: &Tok<'_>| t.word && doc.orig_char_at(t.start).is_some_and(char::is_uppercase);
    let min_after = if doc.lang == "de" { 2 } else { 1 };
    let mut surnames: Vec<(&str, Side, usize)> = Vec::new();
    for a in actors
        .iter()
        .filter(|a| matches!(a.side, Side::Government | Side::Ngo))
    {
        // Most actors have neither a capitalised word right after them nor a comma shortly
        // before them; those are passed over without tokenizing.
        let name_after = doc.orig_char_at(a.end + 1).is_some_and(char::is_uppercase);
        let comma_before = bytes[a.start.saturating_sub(8)..a.start].contains(&b',');
        if !name_after && !comma_before {
            continue;
        }
        let after = doc.tokens_after(a.end, 3);
        let n = after.iter().take_while(|t| upper(t)).count();
        if n >= min_after && !after[..n].iter().any(|t| starts_actor(actors, t.start)) {
            surnames.push((after[n - 1].text, a.side, after[n - 1].end));
            continue;
        }
        let before = doc.tokens_before(a.start, 6);
        let Some(comma) = before.iter().rposition(|t| t.text == ",") else {
            continue;
        };
        // Only articles may stand between the comma and the role ("X Y, the minister").
        if before.len() - comma > 2 {
            continue;
        }
        let names: Vec<&Tok<'_>> = before[..comma]
            .iter()
            .rev()
            .take_while(|t| upper(t))
            .collect();
        if names.len() >= 2 && !names.iter().any(|t| starts_actor(actors, t.start)) {
            surnames.push((names[0].text, a.side, names[0].end));
        }
    }
    let mut out = Vec::new();
    for (name, side, first_end) in surnames {
        if name.len() < 3 {
            continue;
        }
        for (s, _) in text.match_indices(name) {
            let e = s + name.len();
            let whole = (s == 0 || !is_word_byte(bytes[s - 1]))
                && (e == bytes.len() || !is_word_byte(bytes[e]));
            let capital = doc.orig_char_at(s).is_some_and(char::is_uppercase);
            if whole && capital && e != first_end && !starts_actor(actors, s) {
                out.push(Actor {
                    start: s,
                    end: e,
                    side,
                    state: false,
                });
            }
        }
    }
    out
}

/// A name in brackets after another name qualifies it and never speaks on its own. A party
/// ("Gerhard Karner (ÖVP)") is dropped. A known acronym ("la Comisión Española de Ayuda al
/// Refugiado (CEAR)", "Le Haut-Commissariat … (HCR)") names the actor before it, which takes its
/// side; where no actor stands right before it, the acronym stays as the name.
fn bracketed_names(text: &str, actors: &mut Vec<Actor>) {
    let inside = |a: &Actor| {
        text[..a.start].trim_end().ends_with('(') && text[a.end..].trim_start().starts_with(')')
    };
    let mut drop = vec![false; actors.len()];
    for i in 0..actors.len() {
        if !inside(&actors[i]) {
            continue;
        }
        let b = actors[i];
        if b.side == Side::Neutral {
            drop[i] = true;
            continue;
        }
        let open = text[..b.start].trim_end().len() - 1;
        // The actor that ends last before the bracket, within the same name (no punctuation
        // but hyphens and apostrophes between).
        let named = (0..actors.len())
            .filter(|&j| j != i && actors[j].end <= open && open - actors[j].end <= 80)
            .filter(|&j| {
                text[actors[j].end..open]
                    .bytes()
                    .all(|c| is_word_byte(c) || matches!(c, b' ' | b'-' | b'\''))
            })
            .max_by_key(|&j| actors[j].end);
        if let Some(j) = named {
            actors[j].side = b.side;
            drop[i] = true;
        }
    }
    let mut k = 0;
    actors.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Whether a separable verb of the map stands among `toks` with its particles after it, in
/// order ("wijst de plannen af", "lehnt die Forderung ab").
/// Whether a separable verb stands in the sentence at all: without one, [`split_verb`] is
/// false, and most sentences have none, so the sentence's tokens are not collected for it.
fn has_split_verb(doc: &Doc<'_>, sent: &Sentence, verbs: &super::lexicon::SplitVerbs) -> bool {
    doc.any_word_between(sent.start, sent.end, usize::MAX, |w| verbs.contains_key(w))
}

/// [`split_verb`] over the whole sentence.
fn sentence_has_split_verb(
    doc: &Doc<'_>,
    sent: &Sentence,
    verbs: &super::lexicon::SplitVerbs,
) -> bool {
    has_split_verb(doc, sent, verbs)
        && split_verb(&doc.tokens_between(sent.start, sent.end, usize::MAX), verbs)
}

pub(crate) fn split_verb(toks: &[Tok<'_>], verbs: &super::lexicon::SplitVerbs) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        t.word
            && verbs.get(t.text).is_some_and(|forms| {
                forms.iter().any(|particles| {
                    let mut rest = toks[i + 1..].iter().filter(|t| t.word);
                    particles.iter().all(|p| rest.any(|t| t.text == p))
                })
            })
    })
}

/// The side of the NGO-side body a person noun belongs to ("experts of the UN", "expertos de
/// derechos humanos de la ONU"): the body follows within a few words, with a preposition of
/// belonging and only words between.
/// "directora del albergue Senderos de Esperanza": a role whose own "of" names a body that no
/// list knows (a common noun, then the body's capitalised name) belongs to that body, not to
/// the last speaker; it takes no side.
fn owned_by_other(doc: &Doc<'_>, a: &Actor, later: &[Actor]) -> Option<Side> {
    let after = doc.tokens_after(a.end, 4);
    let of = after
        .first()
        .filter(|t| t.word && words!("ofprep", "*").contains(t.text))?;
    let det = words!("determiner", "*");
    let k = 1 + after[1..].iter().position(|t| !det.contains(t.text))?;
    let (noun, name) = (&after[k], after.get(k + 1)?);
    let capital = |t: &Tok<'_>| doc.orig_char_at(t.start).is_some_and(char::is_uppercase);
    let known = later
        .iter()
        .any(|b| b.start <= name.start && b.end > noun.start);
    (noun.word && name.word && noun.start > of.end && !capital(noun) && capital(name) && !known)
        .then_some(Side::Neutral)
}

fn member_of_ngo(doc: &Doc<'_>, a: &Actor, later: &[Actor]) -> Option<Side> {
    let b = later.iter().find(|b| b.start >= a.end)?;
    if b.side != Side::Ngo || b.start - a.end > 40 {
        return None;
    }
    let between = doc.tokens_between(a.end, b.start, usize::MAX);
    let ofprep = words!("ofprep", "*");
    (between.iter().all(|t| t.word) && between.first().is_some_and(|t| ofprep.contains(t.text)))
        .then_some(Side::Ngo)
}

/// "Santiago Quispe, un comerciante de Tacna, dijo …": a person's name (two capitalised words
/// that are not function words) before the sentence's verb of saying, outside quotes, is a
/// new speaker; the sentence does not continue the last one.
fn names_new_person(
    doc: &Doc<'_>,
    sent: &Sentence,
    cues: &[Hit<Cue>],
    in_quote: &impl Fn(usize) -> bool,
) -> bool {
    let Some(verb) = cues
        .iter()
        .find(|h| h.label == Cue::Speech && !in_quote(h.start))
    else {
        return false;
    };
    let lex = lexicon();
    let (preps, det) = (words!("prep", doc.lang), words!("determiner", "*"));
    let toks = doc.tokens_between(sent.start, verb.start, usize::MAX);
    let name = |t: &Tok<'_>| {
        t.word
            && !in_quote(t.start)
            && doc.orig_char_at(t.start).is_some_and(char::is_uppercase)
            && !lex.stop_words.contains_key(t.text)
            && !preps.contains(t.text)
            && !det.contains(t.text)
    };
    toks.windows(2).any(|w| name(&w[0]) && name(&w[1]))
}

/// Whether an actor covers the byte at `at`.
fn starts_actor(actors: &[Actor], at: usize) -> bool {
    actors.iter().any(|a| a.start <= at && at < a.end)
}

/// Whether an actor's name is a plural noun ("municipalities", "les préfectures", "los
/// ayuntamientos"): English, French and Spanish plurals end in -s or -x, and a singular
/// pronoun cannot point back to them. Short names and acronyms are taken as singular.
fn is_plural(doc: &Doc<'_>, a: &Actor) -> bool {
    if !matches!(doc.lang, "en" | "fr" | "es") {
        return false;
    }
    let last = doc.text()[a.start..a.end]
        .rsplit(' ')
        .next()
        .unwrap_or_default();
    last.len() > 4
        && (last.ends_with('x')
            || (last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us")))
}

/// Whether a personal pronoun stands within two words of a speech verb, in its sentence.
fn pronoun_near(doc: &Doc<'_>, sent: &Sentence, h: &Hit<Cue>) -> bool {
    let list = words!("pronoun", doc.lang);
    let before = doc.tokens_before(h.start, 2);
    let after = doc.tokens_between(h.end, sent.end, 2);
    before
        .iter()
        .filter(|t| t.start >= sent.start)
        .chain(after.iter())
        .any(|t| t.word && is_pronoun(doc, t, list))
}

/// Whether a token is a pronoun of the list. Spanish "él" folds to "el", the article: only the
/// accented form is the pronoun ("para el centro" is no "para él").
fn is_pronoun(doc: &Doc<'_>, t: &Tok<'_>, list: &WordList) -> bool {
    list.contains(t.text)
        && !(doc.lang == "es"
            && t.text == "el"
            && !doc
                .orig_char_at(t.start)
                .is_some_and(|c| matches!(c, 'é' | 'É')))
}

/// Pronouns right before a verb of saying ("she said") or, in the languages that invert
/// subject and verb, right after it ("zegt ze", "sagte er"), as byte ranges. A pronoun-like
/// word followed by an actor is an article ("zegt het COA") and is left out.
fn pronoun_subjects(
    doc: &Doc<'_>,
    sent: &Sentence,
    cues: &[Hit<Cue>],
    actors: &[Actor],
) -> Vec<(usize, usize)> {
    let list = words!("pronoun", doc.lang);
    let inverted = words!("pronounafter", doc.lang);
    let mut out = Vec::new();
    let (aux, adverbs) = (words!("aux", "*"), words!("adverb", doc.lang));
    for h in cues.iter().filter(|h| h.label == Cue::Speech) {
        // "It has previously said", "il a aussi rappelé": auxiliaries and adverbs may stand
        // between the pronoun and its verb.
        let before = doc.tokens_before(h.start, 4);
        for t in before.iter().rev() {
            if !t.word || t.start < sent.start {
                break;
            }
            if is_pronoun(doc, t, list) {
                out.push((t.start, t.end));
                break;
            }
            if !aux.contains(t.text) && !adverbs.contains(t.text) {
                break;
            }
        }
        if let Some(t) = doc.tokens_between(h.end, sent.end, 1).first() {
            let article = actors
                .iter()
                .any(|a| a.start > t.start && a.start <= t.end + 1);
            if t.word && inverted.contains(t.text) && !article {
                out.push((t.start, t.end));
            }
        }
    }
    out
}

/// "Asylum applications fell by 10 percent, the Home Office said", "Wie das BAMF mitteilte,
/// wurden 65.000 Erstanträge gestellt": an official who gives a number of cases or a rise and
/// fall, with no word of plan, measure or justification, passes on figures (rule 4.4).
fn reports_figures(doc: &Doc<'_>, sent: &Sentence) -> bool {
    let text = &doc.text()[sent.start..sent.end];
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let (counted, trend, policy, operation) = (
        words!("statnoun", doc.lang),
        words!("trend", doc.lang),
        words!("policy", doc.lang),
        words!("opverb", doc.lang),
    );
    let all = doc.tokens_between(sent.start, sent.end, usize::MAX);
    let words: Vec<&Tok<'_>> = all.iter().filter(|t| t.word).collect();
    // A verb of deciding with a number for its object counts decisions ("the Office decided
    // 14,200 cases", "a aprobado 3.000 solicitudes"): it is no decision of its own.
    let counts_after = |k: usize| {
        words
            .get(k + 1)
            .is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()))
    };
    (text.contains('%')
        || words.iter().any(|t| {
            counted.contains(t.text) || trend.contains(t.text) || operation.contains(t.text)
        }))
        && !words
            .iter()
            .enumerate()
            .any(|(k, t)| policy.contains(t.text) && !counts_after(k))
}

/// Whether a word of plan, measure or justification stands in the sentence ("moeten",
/// "will", "policy"): a sentence with one gives a line, not only figures.
fn has_policy_word(doc: &Doc<'_>, sent: &Sentence) -> bool {
    doc.word_between_in(sent.start, sent.end, usize::MAX, words!("policy", doc.lang))
}

/// A headline with a number or a word of rise and fall gives figures. A word of rise and fall
/// after a negation is none ("ne pouvait plus durer", "nicht mehr", "niet meer").
fn title_gives_figures(doc: &Doc<'_>, sent: &Sentence) -> bool {
    let text = &doc.text()[sent.start..sent.end];
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let (trend, negation) = (words!("trend", doc.lang), words!("negation", doc.lang));
    let words: Vec<Tok<'_>> = doc
        .tokens_between(sent.start, sent.end, usize::MAX)
        .iter()
        .filter(|t| t.word)
        .copied()
        .collect();
    words.iter().enumerate().any(|(k, t)| {
        trend.contains(t.text)
            && !words[k.saturating_sub(3)..k]
                .iter()
                .any(|w| negation.contains(w.text) || w.text.starts_with("n'"))
    })
}

/// "We call on the federal government to …": the government is addressed, it does not speak.
fn is_addressee(doc: &Doc<'_>, sent: &Sentence, a: &Actor) -> bool {
    // The tokens before the actor within its sentence: a tail of those before it.
    let window = doc.tokens_before(a.start, 6);
    let inside = window
        .iter()
        .position(|t| t.start >= sent.start)
        .unwrap_or(window.len());
    let before = &window[inside..];
    let list = words!("addressee", doc.lang);
    let det = words!("determiner", "*");
    let coord = words!("coordinator", "*");
    let mut n = before.len();
    for k in 0..5 {
        if n == 0 {
            break;
        }
        if ends_with_phrase(&before[..n], list) {
            return true;
        }
        // Determiners and national adjectives ("de Belgische overheid", "the Greek
        // authorities", "de Iraanse en Pakistaanse autoriteiten") may stand between the cue
        // and the actor, and so may one word that qualifies the actor right before it ("call
        // on donor governments").
        let last = &before[n - 1];
        let proper = doc.orig_char_at(last.start).is_some_and(char::is_uppercase);
        let qualifier = k == 0 && last.word;
        let joins = k > 0 && proper_before(doc, &before[..n - 1]) && coord.contains(last.text);
        if !(det.contains(last.text) || proper || qualifier || joins) {
            break;
        }
        n -= 1;
    }
    false
}

/// Whether the last token of `toks` is a capitalised word.
fn proper_before(doc: &Doc<'_>, toks: &[Tok<'_>]) -> bool {
    toks.last()
        .is_some_and(|t| t.word && doc.orig_char_at(t.start).is_some_and(char::is_uppercase))
}

/// A headline "Minister: …" or "Anwaltverein: …" gives the words after the colon to the actor.
fn title_speaker(doc: &Doc<'_>, sent: &Sentence, actors: &[Actor], is_title: bool) -> Option<Side> {
    if !is_title {
        return None;
    }
    let colon = doc.text()[sent.start..sent.end].find(':')? + sent.start;
    if colon - sent.start > 60 {
        return None;
    }
    // "Europees geld voor de Libische kustwacht: …": an actor behind a preposition is what
    // the headline is about, not who speaks.
    actors
        .iter()
        .filter(|a| a.end <= colon && !governed_by_prep(doc, sent, a.start))
        .map(|a| a.side)
        .next_back()
}

/// "According to the Office, …", "Selon Médecins du Monde, …": the first actor after the cue.
fn according_speaker(
    doc: &Doc<'_>,
    sent: &Sentence,
    cues: &[Hit<Cue>],
    actors: &[Actor],
) -> Option<Side> {
    let text = doc.text();
    // "Pour la Cimade, …", "…, para ACNUR, …": a bare preposition attributes only where it
    // opens a clause; elsewhere it is a plain preposition ("sin existir para la
    // Administración", "une loi pour les préfectures").
    let preps = words!("prep", doc.lang);
    let opens_clause = |h: &Hit<Cue>| {
        let before = text[sent.start..h.start].trim_end();
        before.is_empty() || before.ends_with([',', '"', '\'', ':', '(', ';', '-'])
    };
    // A comma ends the phrase: in "pour la durée la plus courte possible, et que les
    // préfectures cessent …" the prefectures are not whom the words are for.
    // "according to figures compiled by the IOM": the body supplies figures, which voice
    // nothing of its own (labeling 4.3, 4.4); the rest of the sentence is not its line.
    let (stats, articles) = (words!("stats", doc.lang), words!("article", doc.lang));
    let figures_only = |h: &Hit<Cue>| {
        doc.tokens_after(h.end, 2)
            .iter()
            .filter(|t| t.word)
            .find(|t| !articles.contains(t.text))
            .is_some_and(|t| stats.contains(t.text))
    };
    cues.iter()
        .filter(|h| h.label == Cue::According)
        .filter(|h| !preps.contains(&text[h.start..h.end]) || opens_clause(h))
        .filter(|h| !figures_only(h))
        .find_map(|h| {
            actors
                .iter()
                .find(|a| {
                    a.start >= h.end && a.start - h.end < 60 && !text[h.end..a.start].contains(',')
                })
                .map(|a| a.side)
        })
}

/// "The measure was sharply criticised by several NGOs", "door verschillende ngo's
/// bekritiseerd": the actor after the agent preposition of a passive verb of saying speaks,
/// with up to two words (quantifiers, adjectives) between the preposition and the actor.
fn passive_agent(doc: &Doc<'_>, sent: &Sentence, actors: &[Actor]) -> Option<Side> {
    let agent = words!("agentprep", doc.lang);
    let passive = words!("speechpassive", doc.lang);
    actors.iter().find_map(|a| {
        let before = doc.tokens_before(a.start, 4);
        let n = before.len();
        (1..=3.min(n)).find_map(|k| {
            let p = &before[n - k];
            let ok = p.word
                && p.start >= sent.start
                && agent.contains(p.text)
                && before[n - k + 1..].iter().all(|t| t.word)
                && n > k
                && before[n - k - 1].word
                && passive.contains(before[n - k - 1].text);
            ok.then_some(a.side)
        })
    })
}

/// The actor nearest a speech verb: its subject before it ("the minister said") or, one step
/// further away, after it ("said a spokesperson").
fn verb_speaker(
    doc: &Doc<'_>,
    cues: &[Hit<Cue>],
    actors: &[Actor],
    demonyms: &[(usize, usize)],
) -> Option<Side> {
    if !cues.iter().any(|h| h.label == Cue::Speech) {
        return None;
    }
    let text = doc.text();
    // The object of a preposition ("aux exilés", "for the Office", "critics of the
    // government") is not the subject, and neither is a possessor: in "critics of the
    // minister's plan say" the minister says nothing.
    let subjects: Vec<&Actor> = actors
        .iter()
        .filter(|a| !object_of_prep(doc, a.start, demonyms) && !possessor(text, a.end))
        .collect();
    let mut best: Option<(usize, Side)> = None;
    for h in cues.iter().filter(|h| h.label == Cue::Speech) {
        for a in subjects.iter().copied() {
            // The distance first, the clause checks only for an actor that would win: they
            // tokenize the gap, and most pairs are too far apart to matter.
            let before = a.end <= h.start;
            let d = if before {
                h.start - a.end
            } else if a.start >= h.end {
                a.start - h.end + 15
            } else {
                continue;
            };
            if d > MAX_SPEAKER_GAP || best.is_some_and(|(bd, _)| d >= bd) {
                continue;
            }
            let subject = if before {
                !in_fronted_clause(doc, a.start, h.start) && !pronoun_between(doc, a.end, h.start)
            } else {
                !opens_clause(doc, h.end, a.start)
                    && !subject_follows(doc, h.end)
                    && inverts(doc, h.start)
            };
            if subject {
                best = Some((d, a.side));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Whether the verb of saying at `verb` may have its subject after it. English puts the
/// subject after the verb only behind a quotation or a clause ("\"…,\" said the minister",
/// "…, the NGO said" apart): elsewhere the noun after the verb is its object ("it had alerted
/// the Maltese authorities"). French, Dutch, Spanish and German invert freely ("a déclaré le
/// ministre", "zei de minister", "dijo el ministro", "kritisierte die Organisation").
fn inverts(doc: &Doc<'_>, verb: usize) -> bool {
    if doc.lang != "en" {
        return true;
    }
    doc.text()[..verb]
        .trim_end()
        .ends_with([',', '"', '\'', ':', '\u{201d}', '\u{2019}'])
}

/// Whether a word of saying is a statement made here, as opposed to a noun, a passive, or words
/// not (or not yet) said:
/// - a passive ("was criticised by");
/// - a noun after a determiner ("your questions", "sa demande") or, in German, written with a
///   capital inside a sentence ("das Schreiben");
/// - an infinitive ("heeft drie maanden om te reageren");
/// - a reply still due ("reageert binnen zes weken");
/// - the pluperfect, which is background (rule 4.2: "l'Ofpra avait rejeté sa demande").
fn said_here(doc: &Doc<'_>, sent: &Sentence, h: &Hit<Cue>) -> bool {
    let german_noun = doc.lang == "de"
        && h.start != sent.start
        && !doc.in_title(h.start)
        && doc.orig_char_at(h.start).is_some_and(char::is_uppercase);
    // The word before the verb is looked up once and checked against each list: a passive
    // auxiliary ("an inquiry was promised": a speech verb in the passive attributes nothing to
    // anyone), a determiner that makes the verb a noun, an infinitive marker, a pluperfect.
    let before = doc.word_before(h.start);
    let before_in = |list: &WordList| before.is_some_and(|w| list.contains(w));
    !(before_in(words!("passive", doc.lang))
        || before_in(words!("nounmarker", doc.lang))
        || german_noun
        || before_in(words!("infinitive", doc.lang))
        || doc.word_after_in(h.end, words!("deadline", doc.lang))
        || before_in(words!("pluperfect", "*")))
}

/// Whether the word at `at` follows a determiner that makes it a noun ("your questions", "a
/// warning", "sa demande"). English lists its articles too; elsewhere only possessives and
/// indefinite or demonstrative determiners count, as articles are also object pronouns before
/// a verb there ("Amnesty le dénonce").
fn after_noun_marker(doc: &Doc<'_>, at: usize) -> bool {
    doc.word_before_in(at, words!("nounmarker", doc.lang))
}

/// Whether a subject pronoun stands between an actor and a later verb ("report them to the
/// immigration authorities if they complained"): the pronoun is the verb's subject.
fn pronoun_between(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    doc.word_between_in(from, to, 12, words!("subjpronoun", doc.lang))
}

/// Whether a subject pronoun follows the verb of saying ending at `end` ("said it had alerted
/// the authorities", "sagte sie"): the verb has its subject, so an actor after it is part of
/// what is said.
fn subject_follows(doc: &Doc<'_>, end: usize) -> bool {
    doc.word_after_in(end, words!("subjpronoun", doc.lang))
}

/// Whether the actor at `at` stands in a clause opened by a subordinator ("As long as the
/// military …", "Si le gouvernement …") that a comma closes before `verb`: the verb belongs to
/// the main clause, whose subject comes after that comma.
fn in_fronted_clause(doc: &Doc<'_>, at: usize, verb: usize) -> bool {
    if !doc.text()[at..verb].contains(',') {
        return false;
    }
    // The words between the start of the clause (a punctuation mark or the start of the
    // text) and the actor, when there are fewer than eight.
    let before = doc.tokens_before(at, 8);
    let opening: Vec<&Tok<'_>> = before.iter().rev().take_while(|t| t.word).collect();
    let list = words!("subordinator", doc.lang);
    opening.len() < 8 && opening.iter().any(|t| list.contains(t.text))
}

/// Whether a preposition governs the actor at `at`, directly or through up to two
/// determiners ("by the Libyan coastguard", "de la ministre").
fn object_of_prep(doc: &Doc<'_>, at: usize, demonyms: &[(usize, usize)]) -> bool {
    let preps = words!("prep", doc.lang);
    let det = words!("determiner", "*");
    let before = doc.tokens_before(at, 5);
    // "durch die italienischen Behörden": a nationality adjective may stand between the
    // determiner and the actor.
    let adjective = |t: &Tok<'_>| demonyms.iter().any(|&(s, _)| s == t.start);
    for (k, t) in before.iter().enumerate().rev().take(4) {
        if !t.word {
            return false;
        }
        if preps.contains(t.text) {
            return !author_of_document(doc, &before[..k], t.text);
        }
        if !det.contains(t.text) && !adjective(t) {
            return false;
        }
    }
    false
}

/// "A report by Human Rights Watch found …", "un rapport de la Cimade", "criticised by
/// UNHCR": the actor after an agent preposition that follows a document noun or a verb of
/// saying is its author, so it speaks.
fn author_of_document(doc: &Doc<'_>, before_prep: &[Tok<'_>], prep: &str) -> bool {
    if !words!("agentprep", doc.lang).contains(prep) {
        return false;
    }
    let words: Vec<&Tok<'_>> = before_prep.iter().filter(|t| t.text != ",").collect();
    words.last().is_some_and(|t| {
        t.word
            && (words!("document", doc.lang).contains(t.text)
                || words!("speech", doc.lang).contains(t.text)
                || words!("speechpassive", doc.lang).contains(t.text))
    })
}

/// Whether the actor ending at `end` is followed by a possessive ending ("the government's
/// approach", "the NGOs' report"): it qualifies the noun after it and does not speak.
fn possessor(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.starts_with("'s ") || rest.starts_with("' ") || rest.starts_with("'s,")
}

/// Whether a complementizer ("that", "que", "dat", "dass") stands between a speech verb and
/// an actor after it: the actor then belongs to what is said ("she points out that the
/// Belgian state was condemned"), not to who says it.
fn opens_clause(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    let list = words!("complementizer", doc.lang);
    doc.tokens_between(from, to, usize::MAX)
        .iter()
        .any(|t| t.word && (list.contains(t.text) || t.text.starts_with("qu'")))
}

/// Whether the word before the actor at `start..end` is a possessive ending ("the agency's",
/// "the bishops'"), or a possessive determiner before a leading role ("its president", "leur
/// directrice").
fn possessed(doc: &Doc<'_>, start: usize, end: usize) -> bool {
    let text = doc.text();
    let before = text[..start].trim_end();
    if before.len() < start && (before.ends_with("'s") || before.ends_with("s'")) {
        return true;
    }
    let role = text[start..end].rsplit(' ').next().unwrap_or_default();
    words!("leaderrole", doc.lang).contains(role)
        && doc.word_before_in(start, words!("possdet", doc.lang))
}

/// Whether the possessor before `at` ("Algeria's") is a capitalised name that is not itself
/// an actor: then the possessed role is an office of that state, not a role noun.
fn possessed_by_name(doc: &Doc<'_>, at: usize, actors: &[(usize, usize)]) -> bool {
    let toks = doc.tokens_before(at, 2);
    let Some(owner) = toks
        .iter()
        .rev()
        .find(|t| t.word && t.text != "s" && t.text != "'s")
    else {
        return false;
    };
    doc.orig_char_at(owner.start)
        .is_some_and(char::is_uppercase)
        && !actors
            .iter()
            .any(|&(s, e)| s <= owner.start && owner.start < e)
}

/// Whether a preposition stands among the three words before `at` in its clause ("by the
/// Libyan coastguard", "after the change of government"): the actor there is an object.
fn governed_by_prep(doc: &Doc<'_>, sent: &Sentence, at: usize) -> bool {
    let preps = words!("prep", doc.lang);
    doc.tokens_before(at, 3)
        .iter()
        .rev()
        .take_while(|t| t.word && t.start >= sent.start)
        .any(|t| preps.contains(t.text))
}

/// A state named after a phrase such as "government in" or "talks with" acts through that
/// phrase, unless the phrase itself hangs on a preposition ("after the change of government in
/// Damascus"): then the state is only part of a circumstance.
fn state_phrase_governed(doc: &Doc<'_>, sent: &Sentence, at: usize) -> bool {
    let before = doc.tokens_before(at, 2);
    match before.first() {
        Some(t) if before.len() == 2 && t.word && t.start >= sent.start => {
            governed_by_prep(doc, sent, t.start)
        }
        _ => false,
    }
}
