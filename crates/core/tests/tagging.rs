//! The tagger against the traps of the labeling rules, one test per trap, and against the
//! labeled development sets with floors that guard regressions.

use std::collections::BTreeSet;

use counterpoint_core::model::{tagged_text, SourceKind, Stance, Tagging};
use counterpoint_core::tag::{detect_language, tag, TagInput, TAGGER_VERSION};
use serde_json::Value;

fn run(kind: SourceKind, title: &str, text: &str) -> Tagging {
    tag(&TagInput {
        title,
        text,
        language_hint: None,
        source_kind: kind,
    })
}

/// Tags `title` + `text` and checks the country set and the stance; also checks that every
/// evidence span points at its own text.
fn check(kind: SourceKind, title: &str, text: &str, countries: &[&str], stance: Stance) {
    let got = run(kind, title, text);
    let codes: BTreeSet<&str> = got.countries.iter().map(|c| c.code.as_str()).collect();
    let want: BTreeSet<&str> = countries.iter().copied().collect();
    assert_eq!(codes, want, "countries of {title:?}");
    assert_eq!(got.stance, stance, "stance of {title:?}: {:?}", got.voices);
    let chars: Vec<char> = tagged_text(title, text).chars().collect();
    let spans = got
        .countries
        .iter()
        .flat_map(|c| &c.evidence)
        .chain(&got.voices.government)
        .chain(&got.voices.ngo_concern);
    for s in spans {
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
    }
}

use SourceKind::{Agency, Government, Media, Ngo};
use Stance::{Both, Neither, NgoConcern};

#[test]
fn version_is_set() {
    assert_eq!(TAGGER_VERSION, 18);
}

#[test]
fn detects_the_five_languages() {
    assert_eq!(
        detect_language(
            "Het kabinet wil dat gemeenten meer asielzoekers opvangen, zegt de minister."
        ),
        "nl"
    );
    assert_eq!(
        detect_language("La ministra afirmó que el Gobierno abrirá más plazas de acogida."),
        "es"
    );
}

// Trap: a dateline names the wire's desk, not the subject.
#[test]
fn dateline_is_not_a_country() {
    check(Agency, "Figures out", "BRUSSELS (Belga) – The Commission proposed new return rules on Monday, a spokesperson said.", &[], Stance::Government);
    check(Agency, "Cifras", "MADRID (EFE).– Un total de 400 personas llegaron en octubre, un 10 % menos que el año anterior en las costas.", &[], Neither);
}

// Trap: Dublin Regulation and Geneva Convention are instruments, not Ireland or Switzerland.
#[test]
fn legal_instruments_are_not_countries() {
    check(Media, "Transfer", "Under the Dublin Regulation he was sent back, although the Geneva Convention protects him. Die Dublin-Verordnung gilt.", &[], Neither);
}

// Trap: the Luxembourg court and Strasbourg are seats, not Luxembourg or France.
#[test]
fn court_seats_are_not_countries() {
    check(Media, "Ruling", "The Luxembourg court ruled on Tuesday. La Cour de Luxembourg a jugé que la détention était illégale.", &[], Neither);
}

// Trap: person names that are country names (Jordan, Chad, France, Israel, Georgia).
#[test]
fn person_names_are_not_countries() {
    check(Media, "Spokesman", "Chad Evans, a spokesperson for the Commission, defended the programme. Jordan Peeters and France Lambert attended. Ministeriumssprecher Markus Jordan war da.", &[], Stance::Government);
}

// Trap: Jordan, Chad and Georgia as countries.
#[test]
fn ambiguous_names_as_countries() {
    check(
        Agency,
        "Refugees",
        "Jordan hosts many refugees. Chad and Georgia are also named in the report on arrivals.",
        &["GE", "JO", "TD"],
        Neither,
    );
}

// Trap: Atlanta, Georgia is the US state.
#[test]
fn georgia_the_us_state_is_a_place() {
    check(Media, "Study", "A professor from Atlanta, Georgia, presented the study at a conference on asylum interviews.", &[], Neither);
}

// Trap: Niger/Nigeria, Sudan/South Sudan, Guinea family — longest match first.
#[test]
fn nested_names() {
    check(Agency, "Expelled", "Nigerien and Nigerian nationals were among those expelled, with South Sudanese, Sudanese, Guineans and people from Guinea-Bissau and Papua New Guinea.", &["GN", "GW", "NE", "NG", "PG", "SD", "SS"], Neither);
    check(Agency, "Retours", "Des Nigériens et des Nigérians, des Soudanais et des Sud-Soudanais, et des Bissau-Guinéens.", &["GW", "NE", "NG", "SD", "SS"], Neither);
}

// Trap: unqualified Congo is DR Congo unless Brazzaville is meant.
#[test]
fn congo_rules() {
    check(Media, "Retours", "Les Congolais de Brazzaville suivent d'autres trajectoires que les familles congolaises de Kinshasa.", &["CD", "CG"], Neither);
    check(
        Media,
        "Returns",
        "Congolese applicants from eastern DR Congo face refusals.",
        &["CD"],
        Neither,
    );
}

// Trap: German Island and Indien, Dutch VS, Spanish chile the pepper, English island.
#[test]
fn words_that_are_countries_in_one_language() {
    check(
        Media,
        "Studierende",
        "Studierende aus Island und Indien wurden an der Universität begrüßt, und sie bleiben.",
        &["IN", "IS"],
        Neither,
    );
    check(
        Media,
        "Terug",
        "Hij woonde tien jaar in de VS en werkt nu bij een bedrijf dat het niet kent.",
        &["US"],
        Neither,
    );
    check(
        Media,
        "Cocina",
        "El menú de la cocina lleva chile, maíz y lentejas para los vecinos que lo piden.",
        &[],
        Neither,
    );
    check(
        Media,
        "Boat",
        "The boat left from a small island off the coast and the turkey was served.",
        &[],
        Neither,
    );
}

// Trap: capitals count only when they stand for the government.
#[test]
fn capitals_as_government_or_place() {
    check(
        Government,
        "Agreement",
        "Rabat agreed to speed up identifications. Two flights left for Kabul on Monday.",
        &["MA"],
        Stance::Government,
    );
    check(
        Media,
        "Talks",
        "The minister held talks with Dakar on identification, after a meeting in Tunis.",
        &["SN"],
        Stance::Government,
    );
}

// Trap: Brussels meaning the EU is never Belgium.
#[test]
fn brussels_means_the_eu() {
    check(
        Media,
        "Burden",
        "Brussels wants member states to share the burden, the Commissioner said.",
        &[],
        Stance::Government,
    );
}

// Trap: migration hotspots do not add their country; a demonym does.
#[test]
fn hotspots_are_places() {
    check(
        Media,
        "Arrivals",
        "Arrivals on Lampedusa doubled, port authority figures show.",
        &[],
        Neither,
    );
    check(
        Media,
        "Enclave",
        "Migrants climbed the fence of Melilla, the Spanish enclave, on Sunday morning.",
        &["ES"],
        Neither,
    );
}

// Trap: Warsaw-based Frontex is an agency seat.
#[test]
fn agency_seats_are_places() {
    check(Agency, "Frontex", "Het in Warschau gevestigde Frontex stuurt extra agenten naar de grens, zei een woordvoerder.", &[], Stance::Government);
}

// Trap: headline codes count, "IT systems" does not.
#[test]
fn headline_codes() {
    check(
        Agency,
        "BE/NL: joint return flight; new IT systems",
        "The flight left for Lagos on Tuesday with thirty people on board.",
        &["BE", "NL"],
        Neither,
    );
    check(
        Media,
        "EL : un rapport sur la mer Égée",
        "Un rapport fait état de onze incidents en mer.",
        &["GR"],
        Neither,
    );
}

// Trap: language adjectives and regional adjectives are not demonyms; compounds are.
#[test]
fn language_and_compound_adjectives() {
    check(
        Media,
        "Lawyers",
        "French-speaking and Flemish lawyers met a Dutch-language teacher.",
        &[],
        Neither,
    );
    check(
        Media,
        "Border",
        "The Greek-Turkish land border was closed by the authorities of the region.",
        &["GR", "TR"],
        Neither,
    );
    check(
        Media,
        "Grenze",
        "Die deutsch-polnische Grenze ist lang, und die Kontrollen dauern an.",
        &["DE", "PL"],
        Neither,
    );
}

// Trap: an official body names its state.
#[test]
fn official_bodies() {
    check(
        Government,
        "Persbericht",
        "Fedasil opent 500 extra plaatsen, zegt de woordvoerder van Fedasil.",
        &["BE"],
        Stance::Government,
    );
}

// Trap: official self-criticism is still the government's voice.
#[test]
fn official_self_criticism_is_government() {
    check(
        Agency,
        "Network full",
        "Fedasil said the network was 'at breaking point' and that this was unacceptable.",
        &["BE"],
        Stance::Government,
    );
}

// Trap: unattributed criticism and opposition politicians are nobody's voice.
#[test]
fn unattributed_and_opposition_are_neither() {
    check(
        Media,
        "Plan",
        "Critics said the plan was cruel. An opposition MP called the bill 'shameful'.",
        &[],
        Neither,
    );
}

// Trap: UN figures and UN praise are not concerns; UN concern is.
#[test]
fn un_agencies() {
    check(
        Agency,
        "Figures",
        "UNHCR figures show 40,000 arrivals this year in the region.",
        &[],
        Neither,
    );
    check(
        Agency,
        "Pledge",
        "UNHCR welcomed the pledge but said it was deeply concerned about funding.",
        &[],
        NgoConcern,
    );
}

// Trap: an NGO describing its activity is not a concern.
#[test]
fn ngo_activity_is_not_a_concern() {
    check(
        Media,
        "Meals",
        "Volunteers of a citizens' platform served 300 meals on Sunday evening.",
        &[],
        Neither,
    );
}

// Trap: court rulings alone are neither; with a party's position they carry it.
#[test]
fn court_rulings() {
    check(
        Media,
        "Ruling",
        "The Council of State suspended the measure on Wednesday.",
        &[],
        Neither,
    );
    check(Media, "Ruling", "The Council of State suspended the measure. The State Secretary said she would study the decision. A lawyer for the NGOs said the measure was illegal.", &[], Both);
}

// Trap: an addressee of a demand is not a voice; an NGO's own post speaks for the NGO.
#[test]
fn ngo_post_and_addressee() {
    check(
        Ngo,
        "Statement",
        "We are alarmed by the reports. We call on the federal government to stop this practice.",
        &[],
        NgoConcern,
    );
    check(Ngo, "Statement", "The ministry says everyone vulnerable has a place. We are alarmed: our doctors see otherwise.", &[], Both);
}

// Trap: official statistics alone are neither, even when attributed.
#[test]
fn statistics_are_neither() {
    check(
        Agency,
        "Asylum",
        "According to monthly figures published by the CGRS, 2,614 people applied for protection.",
        &["BE"],
        Neither,
    );
}

fn load(path: &str) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Country micro-F1 and stance accuracy over a labeled file.
fn measure(path: &str) -> (f64, f64) {
    let (mut tp, mut fp, mut fneg, mut ok, mut n) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for v in load(path) {
        let got = tag(&TagInput {
            title: v["title"].as_str().unwrap(),
            text: v["text"].as_str().unwrap(),
            language_hint: v["language"].as_str(),
            source_kind: v["source_kind"].as_str().unwrap().parse().unwrap(),
        });
        let want: BTreeSet<String> = v["labels"]["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        let codes: BTreeSet<String> = got.countries.iter().map(|c| c.code.clone()).collect();
        tp += codes.intersection(&want).count();
        fp += codes.difference(&want).count();
        fneg += want.difference(&codes).count();
        ok += usize::from(got.stance.as_str() == v["labels"]["stance"].as_str().unwrap());
        n += 1;
    }
    let f1 = 2.0 * tp as f64 / (2 * tp + fp + fneg) as f64;
    (f1, ok as f64 / n as f64)
}

/// Asserts that each labeled set in `tests/data/tagging` scores at least `min_f1` country
/// micro-F1 and `min_accuracy` stance accuracy.
fn assert_floors(files: &[&str], min_f1: f64, min_accuracy: f64) {
    for file in files {
        let path = format!("{}/tests/data/tagging/{file}", env!("CARGO_MANIFEST_DIR"));
        let (f1, acc) = measure(&path);
        assert!(f1 >= min_f1, "{file}: country F1 {f1:.3}");
        assert!(acc >= min_accuracy, "{file}: stance accuracy {acc:.3}");
    }
}

// The floors sit a little below what the tagger reaches, to catch regressions. The held-out
// set was written blind, before the rules were read, and scored country F1 0.988 and stance
// 0.833 untuned; its floors are what the tagger reaches now, less a margin. heldout3 (62
// items, also written blind) scored country F1 0.984 and stance 0.790 untuned; heldout4 (14
// items, written blind after the heldout3 fixes) scored 0.964 and 0.714 untuned; heldout5 (50
// items, written blind before the attribution rework) scored 0.993 and 0.880 untuned; heldout6
// (40 items, written blind after it) scored 0.995 and 0.800 untuned; heldout7 (50 items, written
// blind before the actor coverage work) scored 0.975 and 0.860 untuned; heldout8 (40 items,
// written blind after it) scored 0.994 and 0.975 untuned; heldout9 (50 items, new regions and
// actors, written blind) scored 0.989 and 0.760 untuned; heldout10 (40 items, written blind
// after the heldout9 work) scored 0.987 and 0.900; heldout13 and heldout12 (45 items each, by
// two helpers who saw only the labeling rules and the public dev set) scored 0.991 and 0.933,
// then 0.987 and 0.911 (the second scored with the fixes from the first); heldout14 and
// heldout15 (35 each, written after those fixes) 0.997 and 0.943, 1.000 and 0.971; heldout16
// and heldout17 (40 each, written after theirs) 0.996 and 0.975, 1.000 and 0.950; heldout18
// and heldout19 (40 each, harder: more genres and more person names that are country names)
// 0.985 and 0.900, 0.980 and 0.850; heldout20 and heldout21 (40 each, written after those
// fixes, weighted to NGO posts and government releases) 0.992 and 0.850, 0.992 and 0.825;
// heldout22 and heldout23 (40 each, written after theirs) 0.997 and 0.850, 0.982 and 0.875;
// heldout24 (30, in the dev set's style) 1.000 and 0.967, heldout25 (30, hard attribution)
// 0.989 and 0.867.
#[test]
fn dev_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/dev.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.97, "stance accuracy {acc:.3}");
}

#[test]
fn own_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/own.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.96, "stance accuracy {acc:.3}");
}

#[test]
fn heldout_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.98, "stance accuracy {acc:.3}");
}

#[test]
fn heldout3_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout3.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.95, "stance accuracy {acc:.3}");
}

// Trap: when judges find that a ministry's decision was wrong, the court speaks; the decision
// is what it judges, not a government position.
#[test]
fn court_finding_on_a_decision_is_no_government_voice() {
    check(Media, "Detention ruled unlawful", "The judges found that the ministry's decision to detain her had ignored a medical report, and ordered a new assessment.", &[], Neither);
}

// Trap: an NGO-side actor voices a concern through a predicate, with no verb of saying.
#[test]
fn concern_predicate_without_speech_verb() {
    check(Media, "Kinderen in gesloten centra", "UNICEF is bezorgd over het plan om gezinnen met kinderen opnieuw op te sluiten in afwachting van hun terugkeer.", &[], NgoConcern);
    check(Media, "Salas del aeropuerto", "El Defensor del Pueblo ha vuelto a denunciar el hacinamiento en las salas de solicitantes de asilo del aeropuerto.", &[], NgoConcern);
    check(Media, "Gesundheitsversorgung", "Die Bundesärztekammer hat vor den Folgen der geplanten Kürzungen für kranke Geflüchtete gewarnt.", &[], NgoConcern);
}

// Trap: a government press release that reports a charity raising concerns carries both.
#[test]
fn press_release_reporting_raised_concerns_is_both() {
    check(Government, "Minister meets charities", "The minister said the backlog had fallen by a third. At the meeting, the Refugee Council raised concerns that new refugees are becoming homeless.", &[], Both);
}

// Trap: "the conference's president" speaks for the conference, not for a state.
#[test]
fn possessed_role_speaks_for_its_possessor() {
    check(Media, "Bishops and detention", "\"No one should be held without a lawyer,\" Cardinal Anna Berg, the conference's president, told a meeting of parish charities.", &[], NgoConcern);
}

// Trap: a capital after a preposition of place is where someone speaks, not the government.
#[test]
fn capital_after_place_preposition_does_not_act() {
    check(Media, "Praise for towns", "\"The way towns have welcomed families is remarkable,\" UNHCR's representative in Lisbon said at the launch of a report.", &[], Neither);
}

// Trap: figures backed only by "volgens" are figures, not a position.
#[test]
fn according_only_figures_are_neither() {
    check(Agency, "Opvang", "Het totale aantal asielzoekers in de opvang bleef volgens het COA nagenoeg gelijk, rond de 60.000.", &["NL"], Neither);
}

// Trap: "according to the agency's figures" points back to the agency that spoke last, not to
// the coastguard named as the agent of a passive.
#[test]
fn role_noun_skips_prepositional_object() {
    check(Agency, "Interceptions", "The International Organization for Migration published its monthly update on Friday. More than 1,900 people were intercepted at sea by the Libyan coastguard, according to the agency's figures. Many of them were Sudanese nationals, it said.", &["LY", "SD"], Neither);
}

// Trap: after "tolken", a demonym-like word is a language ("tolken Oekraïens en Russisch").
#[test]
fn interpreter_languages_are_no_countries() {
    check(Ngo, "Infodag", "Op zaterdag organiseren we een infodag in ons kantoor. Er zijn tolken Oekraïens en Russisch aanwezig.", &[], Neither);
}

// Trap: the Bundesgerichtshof is a German federal court (an official body), so it names DE.
#[test]
fn federal_court_names_its_country() {
    check(
        Agency,
        "Abschiebehaft",
        "Der Bundesgerichtshof verhandelt am Dienstag über die Abschiebehaft eines jungen Mannes.",
        &["DE"],
        Neither,
    );
}

#[test]
fn heldout4_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout4.jsonl"
    ));
    assert!(f1 >= 0.97, "country F1 {f1:.3}");
    assert!(acc >= 0.85, "stance accuracy {acc:.3}");
}

// Trap: a government written to is addressed, and one that "had not replied" says nothing.
#[test]
fn letter_addressee_and_no_reply_carry_no_government_voice() {
    check(Media, "Rights chief writes", "The Commissioner for Human Rights has written to the Greek government urging it to investigate the reports. The Greek authorities had not replied by Tuesday evening.", &["GR"], NgoConcern);
}

// Trap: German nationality nouns in -er take -n in the dative plural ("von Syrern").
#[test]
fn german_dative_plural_demonyms() {
    check(
        Media,
        "Zahlen",
        "Die größte Gruppe stellten Menschen aus der Ukraine, gefolgt von Syrern und Irakern.",
        &["IQ", "SY", "UA"],
        Neither,
    );
}

// Trap: after "Dolmetscherinnen für", the words listed are languages.
#[test]
fn interpreter_languages_in_german() {
    check(Ngo, "Beratung", "Die Beratung ist kostenlos und auf Wunsch mit Dolmetscherinnen für Dari, Arabisch und Russisch möglich.", &[], Neither);
}

// Trap: a person's name between a role and its verb ("Innenminister Gerhard Karner will").
#[test]
fn name_between_role_and_verb() {
    check(Agency, "Familiennachzug", "Innenminister Gerhard Karner will die Aussetzung des Familiennachzugs um sechs Monate verlängern.", &[], Stance::Government);
}

// Trap: a speech verb in the passive ("an inquiry was promised") attributes nothing, and an
// adjective "official" is no official.
#[test]
fn passive_speech_is_no_attribution() {
    check(Ngo, "Camps", "We are worried that, a year after an official review was announced, conditions in the camps have not changed at all.", &[], NgoConcern);
}

// Trap: an actor that declines to comment carries no position.
#[test]
fn declining_to_comment_is_no_position() {
    check(Agency, "Detention", "A lawyer for the family said the detention was unlawful. The Immigration Office declined to comment on an individual case.", &["BE"], NgoConcern);
    check(Agency, "Rétention", "L'avocate estime que la détention est illégale. L'Office des étrangers n'a pas souhaité réagir à ce dossier.", &["BE"], NgoConcern);
}

// Trap: in an NGO's own post, "we" competes with named officials for the speech verb: "we
// call on the minister" is the NGO; "the ministry has said …" is still the government.
#[test]
fn ngo_author_speaks_in_the_first_person() {
    check(Ngo, "Wachttijden", "Wij vragen de staatssecretaris om de termijnen te respecteren, zoals het kabinet beloofde. Dit is onaanvaardbaar.", &[], NgoConcern);
    check(Ngo, "Winter", "The ministry has said that every family will have a heated room by December. We have heard such promises before and we are deeply worried.", &[], Both);
}

// Trap: an acronym in brackets after an actor's name stands for the actor when it recurs.
#[test]
fn acronyms_in_brackets_stand_for_their_actor() {
    check(Agency, "Schweiz", "BERN (sda) – Das Staatssekretariat für Migration (SEM) prüft neue Verfahren. Die Gesuche sollen schneller bearbeitet werden, wie das SEM am Dienstag mitteilte.", &["CH"], Stance::Government);
}

// Trap: an agency that registered or decided N cases gives figures, and so does a headline
// "Agency: fewer applications"; neither is a government position.
#[test]
fn counting_verbs_and_figure_headlines_are_figures() {
    check(Agency, "Applications", "The BAMF decided on more than 60,000 cases in the first quarter, and the protection rate fell to 41 percent.", &["DE"], Neither);
    check(
        Agency,
        "BAMF: Weniger Erstanträge im März",
        "Im März wurden in Deutschland 14.000 Erstanträge gestellt.",
        &["DE"],
        Neither,
    );
}

// Trap: German compounds of a compass word and a country name name that country.
#[test]
fn german_compass_compounds_name_the_country() {
    check(Media, "Lager", "Die Kinder leben in Lagern in Nordsyrien, ein Schiff liegt in Süditalien fest, die Familie wohnt in Ostdeutschland.", &["DE", "IT", "SY"], Neither);
    check(
        Media,
        "Nordafrika",
        "Die Zahl der Menschen aus Nordafrika und Westafrika ist gesunken.",
        &[],
        Neither,
    );
    check(
        Media,
        "Opvang",
        "Veel aanvragers komen uit Noord-Syrië; de Rode Kruis-ploeg helpt in Zuid-Italië.",
        &["IT", "SY"],
        Neither,
    );
}

// Trap: German genitives of country names ("Katars") name the country.
#[test]
fn german_genitive_names_the_country() {
    check(
        Media,
        "Flug",
        "Der Flug wurde mit Unterstützung Katars und Usbekistans organisiert.",
        &["QA", "UZ"],
        Neither,
    );
}

// Trap: "the Court of Justice in Luxembourg" is a court's seat, not the country.
#[test]
fn court_seat_after_a_preposition_is_no_country() {
    check(
        Media,
        "Ruling",
        "The case was referred to the EU Court of Justice in Luxembourg last year.",
        &[],
        Neither,
    );
}

// Trap: the last of a list of language names after "in" is a language too.
#[test]
fn language_lists_are_not_nationalities() {
    check(Ngo, "Help desk", "Advice is available in Arabic, Dari, Tigrinya and French every Tuesday at our office in Belgium.", &["BE"], Neither);
    check(
        Media,
        "Ports",
        "Boats arrived in Italy and at Spanish ports this week.",
        &["ES", "IT"],
        Neither,
    );
}

// Trap: an item about the EU as a whole, with nationalities in passing, has no focus.
#[test]
fn eu_wide_item_has_no_focus() {
    let got = run(Agency, "Frontex: fewer crossings", "WARSAW (AFP) – Irregular crossings into the EU fell by a third this year, Frontex said, crediting cooperation with countries of departure. Syrians, Malians and Guineans were the most reported nationalities.");
    assert!(
        got.countries.iter().all(|c| !c.focus),
        "{:?}",
        got.countries
    );
    let got = run(
        Agency,
        "Arrivals",
        "Most of the 300 people rescued were Malians, the coastguard said.",
    );
    assert!(got.countries.iter().any(|c| c.focus && c.code == "ML"));
}

// Trap: a speech word with nobody next to it does not continue the last speaker.
#[test]
fn speech_word_without_pronoun_does_not_continue() {
    check(Ngo, "Spreekuur", "Het ministerie zegt dat alles goed gaat. Heeft u vragen over uw procedure? Kom langs op woensdag.", &[], Stance::Government);
}

// Trap: German "der" before an actor is mostly the subject's article, not a preposition's
// object; a parliament named after the verb ("im Landtag") is where it is said.
#[test]
fn german_subject_article_is_no_preposition() {
    check(Agency, "Titel", "Der Innenminister erklärte vergangene Woche im Landtag, die Lage in den Unterkünften sei gut.", &[], Stance::Government);
}

/// Trap: two speakers in one sentence joined by a contrast ("the minister said X, while an NGO
/// warned Y"), a common wire construction in every language: each clause carries its own voice.
#[test]
fn a_contrast_inside_one_sentence_carries_both_voices() {
    let cases = [
        ("The State Secretary said 400 places would open, while Amnesty International warned that it was not enough.", "en"),
        ("Le ministre de l'Intérieur a annoncé 500 places, alors que Médecins sans frontières dénonce une mesure insuffisante.", "fr"),
        ("De staatssecretaris zei dat er 400 plaatsen komen, terwijl Vluchtelingenwerk Vlaanderen waarschuwt dat dit niet volstaat.", "nl"),
        ("El Ministerio del Interior afirmó que abrirá 400 plazas, mientras que CEAR denuncia que no es suficiente.", "es"),
        ("Das Bundesinnenministerium erklärte, es werde 400 Plätze schaffen, während Pro Asyl kritisiert, das reiche nicht.", "de"),
    ];
    for (text, lang) in cases {
        let tagging = run(SourceKind::Agency, "Reception places", text);
        assert_eq!(tagging.stance, Stance::Both, "{lang}: {text}");
        let government = &tagging.voices.government[0].text;
        let concern = &tagging.voices.ngo_concern[0].text;
        assert_ne!(
            government, concern,
            "{lang}: each clause is its own evidence"
        );
    }
}

#[test]
fn heldout5_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout5.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.96, "stance accuracy {acc:.3}");
}

// Trap: a possessor is not the subject of the verb after its noun ("critics of the
// government's approach say"), but a state's office stays the state's ("Algeria's ministry").
#[test]
fn possessors_do_not_speak() {
    check(Media, "Fences", "Critics of the government's approach say that fences only push people towards more dangerous routes.", &[], Neither);
    check(
        Agency,
        "Desert",
        "Algeria's interior ministry has said that the operations target irregular migrants.",
        &["DZ"],
        Stance::Government,
    );
}

// Trap: what follows "dat/that/dass" is what is said; the pronoun before the verb continues
// the last speaker.
#[test]
fn actors_in_reported_clause_and_pronoun_subjects() {
    check(Media, "Opvang", "\"Elke week slapen mannen in parken\", zegt een woordvoerster van Vluchtelingenwerk. Ze wijst erop dat de Belgische staat al duizenden keren is veroordeeld.", &["BE"], NgoConcern);
}

// Trap: an official who only gives counts passes on figures, in any word order.
#[test]
fn official_counts_are_figures() {
    check(Agency, "Zahlen", "Wie das Bundesamt für Migration und Flüchtlinge (BAMF) am Dienstag mitteilte, wurden bis Ende Juni rund 65.000 Erstanträge gestellt.", &["DE"], Neither);
    check(
        Agency,
        "Fewer",
        "Asylum applications fell by 10 percent in May, the Home Office said.",
        &["GB"],
        Neither,
    );
    check(
        Agency,
        "More places",
        "The Home Office said it would open 300 more places in May.",
        &["GB"],
        Stance::Government,
    );
}

// Trap: the author of a report and the agent of a passive verb of saying speak.
#[test]
fn report_authors_and_passive_agents_speak() {
    check(
        Agency,
        "Report",
        "A report by Human Rights Watch found that border guards had beaten migrants.",
        &[],
        NgoConcern,
    );
    check(
        Agency,
        "Mesure",
        "La mesure a été vivement critiquée par plusieurs ONG.",
        &[],
        NgoConcern,
    );
    check(
        Agency,
        "Maatregel",
        "De maatregel werd scherp bekritiseerd door verschillende ngo's.",
        &[],
        NgoConcern,
    );
    check(
        Agency,
        "Beaten",
        "Ahmed, 23, said he was beaten by police at the border.",
        &[],
        Neither,
    );
}

// Trap: Dutch and German separable verbs of concern, with the particle at the end.
#[test]
fn separable_verbs_of_concern() {
    check(Media, "Zorgen", "Het VN-vluchtelingenagentschap UNHCR spreekt zijn bezorgdheid uit over kinderen in cellen.", &[], NgoConcern);
    check(
        Media,
        "Kritik",
        "Pro Asyl wirft der Regierung vor, das Asylrecht auszuhöhlen.",
        &[],
        NgoConcern,
    );
    check(
        Media,
        "Bezahlkarte",
        "Die Caritas spricht sich gegen die Bezahlkarte aus.",
        &[],
        NgoConcern,
    );
}

// Trap: words of concern inside an actor's name are no concern.
#[test]
fn concern_words_in_names_are_not_concern() {
    check(
        Agency,
        "Report",
        "Human Rights Watch published a report on Tuesday.",
        &[],
        Neither,
    );
}

#[test]
fn heldout6_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout6.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.92, "stance accuracy {acc:.3}");
}

// Trap: an office followed by the place it serves still acts ("le bourgmestre de Liège a
// ordonné"), a statistics office only passes on figures, and a national adjective between a
// demand and the government keeps the government an addressee.
#[test]
fn offices_of_places_statistics_offices_and_adjectives() {
    check(
        Media,
        "Squat",
        "Le bourgmestre de Liège a ordonné lundi l'évacuation du squat.",
        &[],
        Stance::Government,
    );
    check(Agency, "Zahlen", "Das waren etwa so viele wie ein Jahr zuvor, wie das Statistische Bundesamt (Destatis) am Montag mitteilte.", &["DE"], Neither);
    check(Media, "Opvang", "Dokters van de Wereld maakt zich grote zorgen. De organisatie vraagt de Belgische overheid om dringend een dagopvang te openen.", &["BE"], NgoConcern);
}

#[test]
fn heldout8_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout8.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.95, "stance accuracy {acc:.3}");
}

#[test]
fn heldout7_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout7.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.94, "stance accuracy {acc:.3}");
}

// Trap: a regional government is an official body of its state (labeling rules 2.6), while the
// region's name and its adjective are not.
#[test]
fn regional_governments_count_for_their_country() {
    check(
        Agency,
        "Menores",
        "El Gobierno de Canarias pidió al Estado que asuma la tutela de los menores.",
        &["ES"],
        Stance::Government,
    );
    check(
        Media,
        "Inburgering",
        "De Vlaamse regering maakt het inburgeringstraject betalend, kondigde de minister aan.",
        &["BE"],
        Stance::Government,
    );
    check(Media, "Grenze", "Die bayerische Staatsregierung will die Kontrollen ausweiten, kündigte Ministerpräsident Markus Söder an.", &["DE"], Stance::Government);
    check(
        Media,
        "Canarias",
        "Los cayucos siguen llegando a Canarias y a El Hierro.",
        &[],
        Neither,
    );
}

// Trap: "It" in the sentence after a refusal to comment is the actor that refused, and an
// auxiliary or an adverb may stand between the pronoun and its verb.
#[test]
fn pronoun_after_no_comment_continues_the_silent_actor() {
    check(Media, "Barracks", "Doctors of the World warned that isolating survivors of torture would cause lasting harm. The Home Office declined to comment. It has previously said large sites were cheaper than hotels.", &["GB"], Both);
}

// Trap: a party in brackets after a minister's name is no speaker; a known acronym in brackets
// names the actor before it ("la Comisión Española … (CEAR)" is CEAR, not the Commission).
#[test]
fn brackets_after_names() {
    check(
        Agency,
        "Quartiere",
        "Innenminister Gerhard Karner (ÖVP) hat angekündigt, zehn Quartiere zu schließen.",
        &[],
        Stance::Government,
    );
    check(Agency, "Asilo", "MADRID (EFE).– La Comisión Española de Ayuda al Refugiado (CEAR) alertó de que el sistema está al borde del colapso.", &["ES"], NgoConcern);
    check(Agency, "Asilo", "La Comisión Española de Ayuda al Refugiado alertó de que el sistema está al borde del colapso.", &["ES"], NgoConcern);
}

// Trap: a surname introduced after a role keeps speaking for that role later in the item, and a
// role next to a nationality adjective is an office of that state.
#[test]
fn surnames_and_national_roles() {
    check(Agency, "Grenze", "Bundesinnenminister Alexander Dobrindt will die Kontrollen fortsetzen.\n\n\"Die Maßnahmen wirken\", sagte Dobrindt am Montag.", &["DE"], Stance::Government);
    check(Agency, "Tunis", "Le président tunisien Kaïs Saïed a affirmé jeudi que son pays ne sera jamais le garde-frontière de l'Europe.", &["TN"], Stance::Government);
}

// Trap: a longer form that runs into a word ("VN-organisaties") must not hide the shorter
// actor it starts with, and a word inside a longer name is no verb ("pour" in the UNHCR's
// French name is no "according to").
#[test]
fn longest_forms_do_not_hide_shorter_ones() {
    check(Agency, "Voedsel", "Dat hebben de twee VN-organisaties dinsdag bekendgemaakt. \"We zijn zeer bezorgd\", zei een woordvoerder.", &[], NgoConcern);
    check(Agency, "Tchad", "Le Haut-Commissariat des Nations unies pour les réfugiés (HCR) a salué l'ouverture par les autorités tchadiennes d'un nouveau camp.", &["TD"], Neither);
}

// Trap: after a preposition, an inflected Dutch or German demonym qualifies a noun and is no
// language ("in het Belgische opvangnetwerk"); a French one is a language ("cours de
// néerlandais gratuit").
#[test]
fn inflected_demonyms_after_prepositions() {
    check(
        Media,
        "Opvang",
        "Zij krijgen geen plaats in het Belgische opvangnetwerk en slapen op straat.",
        &["BE"],
        Neither,
    );
    check(
        Media,
        "Cours",
        "Un cours de néerlandais gratuit pour les demandeurs d'asile.",
        &[],
        Neither,
    );
}

// Trap: concern adjectives are inflected ("inacceptables", "verfassungswidrig"), Spanish verbs
// change their stem ("advierte"), German names take a genitive ("des Flüchtlingsrats"), and an
// organisation noun with an article is NGO side even after a government speaker.
#[test]
fn inflections_of_concern_and_names() {
    check(
        Media,
        "Expulsions",
        "Selon Amnesty, ces expulsions sont inacceptables.",
        &[],
        NgoConcern,
    );
    check(
        Media,
        "Calle",
        "Accem advierte de que miles de personas quedarán en situación de calle, y que las familias con niños son las más expuestas.",
        &[],
        NgoConcern,
    );
    check(
        Media,
        "Praxis",
        "Nach Ansicht des Flüchtlingsrats verstößt die Praxis gegen geltendes Recht.",
        &[],
        NgoConcern,
    );
    check(Media, "Hotels", "The Home Office said hotels would close. The charity warned that families were being pushed into destitution.", &["GB"], Both);
}

// Trap: a verb among the figure cues passes on figures only with a number ("had received
// medical care" is no figure), and a surname of a UN official is no demonym ("Volker Türk").
#[test]
fn figure_verbs_need_numbers_and_surnames_are_no_demonyms() {
    check(
        Media,
        "Detainee",
        "An ICE spokesperson said the detainee had received medical care.",
        &["US"],
        Stance::Government,
    );
    check(
        Media,
        "Expulsions",
        "UN human rights chief Volker Türk said he was alarmed by the mass expulsions.",
        &[],
        NgoConcern,
    );
}

// Trap: a role noun is not the title of an actor named after its verb ("l'agence rappelle que
// le réseau …"), a word of rise and fall after a negation is no figure ("ne pouvait plus
// durer"), and "Kritik kommt von X" gives the criticism to X.
#[test]
fn roles_negated_trends_and_criticism_from() {
    check(
        Media,
        "Centres",
        "Fedasil ne souhaite pas commenter. L'agence a rappelé que le réseau est saturé.",
        &["BE"],
        Stance::Government,
    );
    check(
        Media,
        "Squat",
        "Pour la bourgmestre, l'occupation du bâtiment ne pouvait plus durer.",
        &[],
        Stance::Government,
    );
    check(Media, "Kritik", "Scharfe Kritik kommt von Pro Asyl: Die Regelung sei unmenschlich und verstoße gegen das Grundgesetz.", &[], NgoConcern);
}

// Trap: separable verbs of criticism whose particle ends the clause ("wijst de plannen af",
// "spreken zich opnieuw uit tegen") and "bemängelte"; a separable government verb needs its
// particle too: "räumte Fehler ein" is a line, "die Polizei räumt Lager" an operation.
#[test]
fn separable_verbs_of_criticism_and_of_operations() {
    check(
        Media,
        "Opsluiting",
        "Caritas International wijst de plannen van de regering af.",
        &[],
        NgoConcern,
    );
    check(
        Media,
        "Opsluiting",
        "De bisschoppen spreken zich opnieuw uit tegen de opsluiting van kinderen.",
        &[],
        NgoConcern,
    );
    check(Media, "Mittel", "Der Flüchtlingsrat begrüßte die Mittel, bemängelte aber, dass für die Beratung kein Geld vorgesehen sei.", &[], NgoConcern);
    check(
        Media,
        "Serbien: Polizei räumt Lager an der Grenze",
        "Die serbische Polizei hat mehrere Lager nahe der Grenze geräumt.",
        &["RS"],
        Neither,
    );
    check(
        Media,
        "Unterbringung",
        "Die Innenministerin räumte Fehler bei der Unterbringung ein.",
        &[],
        Stance::Government,
    );
}

// Trap: a country named at the end of a court's or an ombudsperson's name ("la Corte
// Constitucional de Colombia ordenó") is part of the name and does not act as its government.
#[test]
fn country_inside_a_body_name_does_not_act() {
    check(
        Agency,
        "Salud",
        "La Corte Constitucional de Colombia ordenó atender a los migrantes venezolanos.",
        &["CO", "VE"],
        Neither,
    );
}

// Trap: a role with an adjective of the executive ("el vocero presidencial") or a head's title
// followed straight by a name ("el presidente Bernardo Arévalo") is the government, even with
// no government named before; the migration service of a non-European state is an official
// body, and its director "attributes" a fall to a policy.
#[test]
fn executive_roles_without_an_antecedent() {
    check(
        Ngo,
        "Decreto",
        "El vocero presidencial, Manuel Adorni, defendió la norma.",
        &[],
        Stance::Government,
    );
    check(
        Media,
        "Vuelos",
        "El presidente Bernardo Arévalo visitó el centro y aseguró que habrá un retorno digno.",
        &[],
        Stance::Government,
    );
    check(Agency, "Cruces", "Los cruces cayeron un 95 %, informó el Servicio Nacional de Migración. Su directora atribuyó el descenso a la política de cierre del gobierno.", &[], Stance::Government);
}

// Trap: people described as belonging to an NGO-side body speak for it ("Expertos de derechos
// humanos de la ONU"), also in the pluperfect ("habían advertido").
#[test]
fn members_of_un_bodies_and_pluperfect_speech() {
    check(Agency, "Deportación", "Los expertos de derechos humanos de la ONU habían advertido que los hombres corrían un riesgo real de tortura.", &[], NgoConcern);
}

// Trap: a sentence whose speaker is a newly named person ("Santiago Quispe, un comerciante,
// dijo") does not continue the last official speaker, and "Santiago" there is no capital.
#[test]
fn a_named_person_is_a_new_speaker() {
    check(Media, "Frontera", "El ministerio publicó el lunes las cifras: 300 llegadas. Santiago Quispe, un comerciante de Tacna, dijo que \"el paso está cerrado\".", &[], Neither);
}

// Trap: a body name that several states share belongs to the state whose adjective qualifies
// it, also where the headline names it bare; a currency named with a country code ("US-Dollar")
// is a unit; a UN appeal for funds is activity, not concern.
#[test]
fn qualified_bodies_currencies_and_appeals() {
    check(
        Agency,
        "Bundesverwaltungsgericht: Überstellungen zulässig",
        "Das Schweizer Bundesverwaltungsgericht hält Überstellungen nach Kroatien für zulässig.",
        &["CH", "HR"],
        Neither,
    );
    check(Agency, "Spendenaufruf", "Das UNHCR hat einen Spendenaufruf über 1,8 Milliarden US-Dollar für sudanesische Flüchtlinge im Tschad gestartet.", &["SD", "TD"], Neither);
}

// Trap: "Montenegro" as a surname after a first name is a person, not the country; German
// genitive demonyms ("eines Burundiers") and the demonyms of Latin America count.
#[test]
fn surnames_and_more_demonyms() {
    check(
        Agency,
        "Refugees",
        "Prime Minister Luís Montenegro said Portugal would take in 200 refugees.",
        &["PT"],
        Stance::Government,
    );
    check(
        Agency,
        "Urteil",
        "Das Gericht wies die Beschwerde eines Burundiers ab.",
        &["BI"],
        Neither,
    );
    check(
        Ngo,
        "Decreto",
        "Las comunidades más afectadas son la boliviana y la paraguaya.",
        &["BO", "PY"],
        Neither,
    );
}

#[test]
fn heldout9_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/heldout9.jsonl"
    ));
    assert!(f1 >= 0.98, "country F1 {f1:.3}");
    assert!(acc >= 0.95, "stance accuracy {acc:.3}");
}

// Trap: the first focus country is the state that acts in the item (its official bodies, "the
// Belgian government"), not the country its migrants come from, even when that one is named
// more often; the order changes, not the set of focus countries.
#[test]
fn acting_state_leads_the_focus() {
    let got = run(
        Agency,
        "More return flights",
        "The Belgian government will charter two more flights to Georgia this month, the \
         Immigration Office said. Georgian nationals filed most asylum applications last \
         year, and Georgia remains on the list of safe countries of origin.",
    );
    let focus: Vec<&str> = got
        .countries
        .iter()
        .filter(|c| c.focus)
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(focus, ["BE", "GE"], "{:?}", got.countries);
}

// Trap: a UN appeal for funds asks and needs, but voices no concern: words of asking or need
// in a sentence about money are no concern ("UNHCR appeals for $1.2 billion", "ACNUR pide
// 1.200 millones de dólares", "ces fonds doivent financer"); alarm about a funding gap still is.
#[test]
fn appeals_for_funds_are_no_concern() {
    check(
        Agency,
        "UNHCR appeals for $1.2 billion for Sudanese refugees",
        "The funds would pay for shelter and schools, the agency said.",
        &["SD"],
        Neither,
    );
    check(
        Agency,
        "ACNUR pide 1.200 millones de dólares para los refugiados sudaneses",
        "Los fondos servirán para financiar refugios y escuelas, explicó la agencia.",
        &["SD"],
        Neither,
    );
    check(Agency, "Soudan : appel de fonds", "Le HCR a lancé un appel de fonds. Ces fonds doivent financer des abris et des écoles pour les réfugiés soudanais, a précisé l'agence.", &["SD"], Neither);
    check(Agency, "Fondsen", "UNHCR waarschuwt dat het geld voor Soedanese vluchtelingen in Tsjaad over een maand op is en dat de rantsoenen worden gehalveerd.", &["SD", "TD"], NgoConcern);
}

// Trap: a capital after a city's office and "of" is the city ("the mayor of Athens said", "le
// maire de Rabat a annoncé"): the mayor speaks for the city, which adds no country; a regional
// government named after its capital ("la Comunidad de Madrid abrirá") still acts.
#[test]
fn a_citys_mayor_adds_no_country() {
    check(
        Media,
        "Shelters",
        "The mayor of Athens said the city's shelters were full.",
        &[],
        Stance::Government,
    );
    check(
        Media,
        "Accueil",
        "Le maire de Rabat a annoncé l'ouverture d'un centre pour les migrants.",
        &[],
        Stance::Government,
    );
    check(
        Media,
        "Unterbringung",
        "Der Bürgermeister von Wien sagte, die Stadt habe keine Quartiere mehr frei.",
        &[],
        Stance::Government,
    );
}

// Trap: an organisation's name with its acronym in brackets opening the body ("Amnesty
// International Greece (AIG) said", "La Comisión Española de Ayuda al Refugiado (CEAR)
// denunció") is no dateline, so the country in the name counts; "Lisbon (Lusa) –" still is.
#[test]
fn organisation_acronyms_are_no_datelines() {
    check(Ngo, "Pushbacks", "Amnesty International Greece (AIG) said today that pushbacks at the Evros border continue.", &["GR"], NgoConcern);
    check(
        Media,
        "Informe",
        "La Comisión Española de Ayuda al Refugiado (CEAR) denunció las devoluciones en caliente.",
        &["ES"],
        NgoConcern,
    );
    check(
        Agency,
        "Talks",
        "Lisbon (Lusa) – The government said it would take in 300 refugees.",
        &[],
        Stance::Government,
    );
}

// Trap: a first name and a country name repeated at the start of a sentence ("Luís Montenegro
// dijo") are the person met before, not the country.
#[test]
fn repeated_person_name_at_sentence_start() {
    check(Agency, "Retorno", "El primer ministro portugués, Luís Montenegro, anunció un plan de retorno. Luís Montenegro dijo que Portugal cumplirá el pacto europeo.", &["PT"], Stance::Government);
}

// Trap: criticism attributed by "came from" with an adverb between ("Kritik kam auch von der
// Caritas", "kritiek kwam ook van") and a capital after a verb of agreeing and "with" ("l'accord
// conclu avec Madrid") as the counterpart government.
#[test]
fn criticism_also_came_from_and_deals_concluded_with() {
    check(Media, "Kritik", "Kritik kam auch von der Caritas: Die Abschiebungen nach Afghanistan seien nicht verantwortbar.", &["AF"], NgoConcern);
    check(
        Agency,
        "Sénégal",
        "Dakar a salué vendredi l'accord conclu avec Madrid sur la migration circulaire.",
        &["SN", "ES"],
        Stance::Government,
    );
}

// Trap: police operations and arrivals counted with a number are figures, not a line ("Thai
// immigration police arrested 40 Myanmar nationals …, police said"); a name with lower-case
// particles between a role and its verb ("Staatssecretaris Nicole de Moor wil") still leaves
// the role acting.
#[test]
fn operations_counted_and_names_with_particles() {
    check(Agency, "Raid", "Thai immigration police arrested 40 Myanmar nationals in a raid on a factory, police said.", &["TH", "MM"], Neither);
    check(Agency, "Ceuta", "La Delegación del Gobierno informó de que 300 personas entraron a nado durante el fin de semana.", &[], Neither);
    check(Media, "Opvang", "Staatssecretaris Nicole de Moor wil de opvangcapaciteit tegen het voorjaar met 2.000 plaatsen uitbreiden.", &[], Stance::Government);
}

// Trap: separable verbs of saying whose particle ends the clause ("In een persbericht laat het
// COA weten dat …"); returns counted by an office are figures ("120 personnes ont été
// rapatriées"); calling a measure a mistake is criticism ("einen schweren Fehler"); and a
// court named with its seat in a capital ("das Verwaltungsgericht Berlin") is the state's
// court, not its government speaking.
#[test]
fn split_speech_returns_counted_mistakes_and_court_seats() {
    check(
        Agency,
        "Persbericht",
        "In een persbericht laat het COA weten dat er deze winter extra plaatsen nodig zijn.",
        &["NL"],
        Stance::Government,
    );
    check(Agency, "Retours", "Dans un communiqué, l'Office des étrangers indique que 120 personnes ont été rapatriées en octobre.", &["BE"], Neither);
    check(
        Media,
        "Beratung",
        "Die Diakonie nannte die Kürzungen bei der Migrationsberatung einen „schweren Fehler“.",
        &[],
        NgoConcern,
    );
    check(Agency, "Urteil", "Das Verwaltungsgericht Berlin erklärte die Zurückweisung von drei Somaliern für rechtswidrig.", &["DE", "SO"], Neither);
}

// Trap: seats of government outside Europe act for their states ("Tashkent said", "Managua
// negó", "Riyadh agreed … while Doha promised"), a city named with its country ("Ciudad de
// Guatemala") is the city, "the Emirates" short forms and German dative plurals ("mit 80
// Honduranern") are references.
#[test]
fn capitals_and_short_forms_beyond_europe() {
    check(
        Agency,
        "Flights",
        "Tashkent said it would organise charter flights for workers stranded in Russia.",
        &["UZ", "RU"],
        Stance::Government,
    );
    check(
        Agency,
        "Vuelos",
        "Managua negó que el Gobierno haya facilitado los vuelos de los migrantes hacia la frontera con Honduras.",
        &["NI", "HN"],
        Stance::Government,
    );
    check(
        Agency,
        "Talks",
        "Riyadh agreed to take back 2,000 nationals, while Doha promised more funding.",
        &["SA", "QA"],
        Stance::Government,
    );
    check(
        Agency,
        "Cumbre",
        "Ciudad de Guatemala acogerá la cumbre regional sobre migración.",
        &[],
        Neither,
    );
    check(
        Media,
        "Golf",
        "Duizenden huishoudsters werken in Saoedi-Arabië en de Emiraten.",
        &["SA", "AE"],
        Neither,
    );
    check(
        Media,
        "Kontrolle",
        "Die Soldaten stoppten einen Bus mit 80 Honduranern an der Grenze.",
        &["HN"],
        Neither,
    );
}

// Trap: generic group nouns of civil society ("advocacy groups", "campaigners") and
// organisations of the Balkan and Latin American routes voice concern like named NGOs.
#[test]
fn civil_society_groups_voice_concern() {
    check(
        Media,
        "Detention",
        "Advocacy groups warned that the new detention rules would separate families.",
        &[],
        NgoConcern,
    );
    check(
        Media,
        "Räumung",
        "Klikaktiv kritisierte die Räumungen als gewaltsam und forderte eine Untersuchung.",
        &[],
        NgoConcern,
    );
}

// Trap: a separable request verb with its object between ("vroeg het om een pendelbus") is a
// demand in a reported concern; the Dutch spelling "Guineese" is Guinea's demonym.
#[test]
fn split_requests_and_dutch_guinea_spelling() {
    check(Government, "Centrum", "Fedasil opent een nieuw centrum. Tijdens een overleg wees Vluchtelingenwerk Vlaanderen erop dat het centrum ver van een station ligt, en vroeg het om een pendelbus.", &["BE"], Both);
    check(
        Agency,
        "Uitspraak",
        "De zaak draaide om een Eritrese man en een Guineese vrouw met een kind.",
        &["ER", "GN"],
        Neither,
    );
}

// Trap: a list of origins with a preposition repeated before each name ("d'Afghanistan, de
// Guinée ou de Somalie") is a list met in passing, not the focus; two parties joined with
// articles ("le Maroc et l'Espagne ont convenu") are not a list.
#[test]
fn lists_with_repeated_prepositions_are_no_focus() {
    let got = run(
        Ngo,
        "Mineurs",
        "Chaque soir, cinquante jeunes dorment à la gare. Ils viennent d'Afghanistan, de Guinée \
         ou de Somalie.\n\nLa Belgique viole ses obligations envers ces enfants.",
    );
    let first = got
        .countries
        .iter()
        .find(|c| c.focus)
        .map(|c| c.code.as_str());
    assert_eq!(first, Some("BE"), "{:?}", got.countries);
}

// Trap: a pronoun after "according to" points back to the last speaker ("Volgens haar moeten
// meer gemeenten …"), and a word like "meer" there is no figure when a modal carries a line; a
// role's portfolio and a name with particles stand between the role and its verb.
#[test]
fn according_to_a_pronoun_and_portfolios() {
    check(Agency, "Opvang", "Staatssecretaris voor Asiel en Migratie Nicole de Moor opende dinsdag een nieuwe opvangplaats. Volgens haar moeten meer gemeenten hun verantwoordelijkheid nemen.", &[], Stance::Government);
    check(
        Media,
        "Visas",
        "Minister for Home Affairs Tony Burke said the visa would open in March.",
        &[],
        Stance::Government,
    );
}

// Trap: the State's argument in court ("De staat had betoogd") is its line; calling a measure
// an attack ("einen Angriff auf Familien") is criticism; a refusal split by its object ("wollte
// die Zahl nicht kommentieren") says nothing; a figure put forward with a verb of claiming
// ("asegura que … en 72 horas") is a claim.
#[test]
fn arguments_attacks_split_refusals_and_claimed_figures() {
    check(Media, "Rechter", "De rechter heeft het kabinet opgedragen de opvang op orde te brengen. De staat had betoogd dat er geen andere locaties beschikbaar waren.", &[], Stance::Government);
    check(
        Media,
        "Familiennachzug",
        "Die Diakonie sprach von einem „Angriff auf Familien“.",
        &[],
        NgoConcern,
    );
    check(Media, "Ankerzentren", "In den Ankerzentren sind derzeit 9.000 Menschen untergebracht. Das Innenministerium wollte die Zahl nicht kommentieren.", &[], Neither);
    check(
        Ngo,
        "Aeropuertos",
        "El Ministerio del Interior asegura que los solicitantes son atendidos en 72 horas.",
        &[],
        Stance::Government,
    );
}

// Trap: figures with a cause attributed to a policy are a line ("fell 40%, which it attributed
// to closer cooperation"); a present-perfect decision whose participle closes the clause ("De
// IND heeft de termijn … verlengd") is a line, a pluperfect past act ("had het visum eerder
// geweigerd") is background.
#[test]
fn attributed_figures_and_verb_final_decisions() {
    check(Agency, "Frontex", "Frontex said irregular crossings fell 40% this year, which it attributed to closer cooperation with Tunisia.", &["TN"], Stance::Government);
    check(Agency, "IND", "De IND heeft de behandeltermijn voor asielaanvragen verlengd tot 15 maanden, omdat de achterstanden te groot zijn.", &["NL"], Stance::Government);
    check(
        Media,
        "Visum",
        "De Dienst Vreemdelingenzaken had het visum eerder geweigerd.",
        &["BE"],
        Neither,
    );
}

// Trap: "voegde de minister eraan toe", "fügte er hinzu" are verbs of saying split around
// their subject; an ombudsperson who concludes that claims are handled too slowly, or who
// recommends that a ministry revise its protocols, voices a concern.
#[test]
fn added_remarks_and_ombudsperson_findings() {
    check(
        Agency,
        "Grens",
        "'We blijven controleren,' voegde de minister eraan toe.",
        &[],
        Stance::Government,
    );
    check(Media, "Ombudsman", "De Nationale ombudsman concludeert dat de IND klachten van asielzoekers structureel te traag behandelt.", &["NL"], NgoConcern);
    check(Media, "Defensor", "El Defensor del Pueblo recomendó al Ministerio del Interior que revise los protocolos en el aeropuerto de Barajas.", &[], NgoConcern);
}

// Trap: the causes of the misses of heldout11 (30 items written blind by a second hand).
// Spanish "advertir" changes its stem in the preterite ("advirtió"); a refusal to comment may
// carry an adverb of time ("äußerte sich zunächst nicht"); a nationality adjective stands
// between a role and its verb ("le ministre espagnol a signé"); a minister's counterpart is
// a minister; a verb of deciding with a number for its object counts decisions; an acronym
// in brackets between a court and its seat does not make the seat a country.
#[test]
fn blind_batch_eleven_causes() {
    check(Media, "Frontera", "Amnistía Internacional advirtió de que la militarización de la frontera expone a los migrantes a más abusos.", &[], NgoConcern);
    check(Media, "Abschiebung", "Pro Asyl kritisierte die Abschiebung nach Afghanistan. Das Bundesinnenministerium äußerte sich zunächst nicht.", &["AF", "DE"], NgoConcern);
    check(
        Media,
        "Accord",
        "Le ministre espagnol a signé un accord avec le Maroc.",
        &["ES", "MA"],
        Stance::Government,
    );
    check(Media, "Accord", "Son homologue marocain a salué mercredi un accord qui, selon lui, renforce la coopération entre les deux pays.", &["MA"], Stance::Government);
    check(Media, "Figures", "Applications fell by a fifth. The International Protection Office decided 14,200 cases over the period, up from 9,800 a year earlier.", &[], Neither);
    check(
        Media,
        "EuGH",
        "Der Europäische Gerichtshof (EuGH) in Luxemburg hat am Freitag entschieden.",
        &[],
        Neither,
    );
}

#[test]
fn heldout12_to_17_set_floors() {
    assert_floors(
        &[
            "heldout12.jsonl",
            "heldout13.jsonl",
            "heldout14.jsonl",
            "heldout15.jsonl",
            "heldout16.jsonl",
            "heldout17.jsonl",
        ],
        0.97,
        0.95,
    );
}

#[test]
fn heldout18_to_24_set_floors() {
    assert_floors(
        &[
            "heldout18.jsonl",
            "heldout19.jsonl",
            "heldout20.jsonl",
            "heldout21.jsonl",
            "heldout22.jsonl",
            "heldout23.jsonl",
            "heldout24.jsonl",
        ],
        0.97,
        0.90,
    );
}

// Trap: the causes of the misses of heldout12 and heldout13 (90 items written blind by two
// helpers). A leading role owned by a possessive ("its president") speaks for the body named
// before it; an actor in a clause put before the main one ("As long as the military …,") is
// not the subject of the main verb; an NGO's own post describing what a government does is
// not the government's line; English puts a subject after a verb of saying only behind a
// quotation or a comma, so "said it had alerted the authorities" has the authorities for its
// object; "for" with a comma before its actor is no attribution; a headline's actor behind a
// preposition does not speak; an NGO's service notice that speaks to the reader voices no
// concern, and a word of saying after "your" is a noun; a country name in quotation marks after
// "known as" is a nickname; a court "which sits in" a capital has it for its seat; "B1
// Nederlands" is a language, and so are the languages interpreters are for; an adverb between
// a capital and its verb ("Budapest has already said") is passed over.
#[test]
fn blind_batches_twelve_and_thirteen_causes() {
    check(Media, "Network", "A Haitian diaspora association said the expulsions were unacceptable. \"That is what this policy has achieved,\" its president said.", &["HT"], NgoConcern);
    check(Ngo, "Statement", "As long as the military continues to deny the Rohingya citizenship, the boats will keep coming.", &[], Neither);
    check(
        Media,
        "Hotline",
        "The network that runs a hotline said it had alerted the authorities.",
        &[],
        Neither,
    );
    check(Ngo, "Rétention", "Nous demandons que la rétention ne soit utilisée qu'en dernier recours, pour la durée la plus courte possible, et que les préfectures cessent de placer en rétention des personnes.", &[], NgoConcern);
    check(
        Ngo,
        "Europees geld voor de Libische kustwacht: wie betaalt, is medeverantwoordelijk",
        "Wij vragen de regering om de steun stop te zetten.",
        &["LY"],
        NgoConcern,
    );
    check(Ngo, "Advice clinics", "Our legal team is running free advice clinics to answer your questions about temporary protection. If you cannot come in person, you can book a phone consultation.", &[], Neither);
    check(
        Agency,
        "Smuggling",
        "The network was led by a man known to his associates as 'Jordan'.",
        &[],
        Neither,
    );
    check(
        Media,
        "Frontex",
        "The General Court, which sits in Luxembourg, is expected to rule next year.",
        &[],
        Neither,
    );
    check(
        Media,
        "Inburgering",
        "Nieuwkomers moeten het niveau B1 Nederlands halen.",
        &[],
        Neither,
    );
    check(
        Agency,
        "Pact",
        "Budapest has already said it will not take part.",
        &["HU"],
        Stance::Government,
    );
    check(
        Ngo,
        "Clinics",
        "Interpreters for Ukrainian and Russian will be present.",
        &[],
        Neither,
    );
}

// Trap: the causes of the misses of heldout14 and heldout15 (70 items written blind after the
// heldout12/13 fixes). A subject pronoun between an actor and a later verb is that verb's
// subject ("report them to the immigration authorities if they complained"), and an NGO-side
// body's worry may be intensified or quoted ("is \"ernstig bezorgd\""). A state in a list of
// countries closed by a comma does not own the verb after the list; an actor called on with a
// word that qualifies it ("donor governments") is still addressed.
#[test]
fn blind_batches_fourteen_and_fifteen_causes() {
    // From heldout16: "aldus" outside the quote sets aside the actors inside it.
    check(
        Media,
        "Grens",
        "VluchtelingenWerk vraagt om toezicht. \"Dat een buurland mensen zo behandelt, mag de regering niet stilzwijgend accepteren\", aldus een woordvoerder.",
        &[],
        NgoConcern,
    );
    check(
        Media,
        "Survey",
        "Most of them, from Zimbabwe, Nigeria, India and the Philippines, said they had been charged.",
        &["IN", "NG", "PH", "ZW"],
        Neither,
    );
    check(
        Ngo,
        "Climate",
        "We call on donor governments to fund relocation plans, which is not enough.",
        &[],
        NgoConcern,
    );
    check(
        Media,
        "Care workers",
        "One in five said their employer had threatened to report them to the immigration authorities if they complained.",
        &[],
        Neither,
    );
    check(
        Media,
        "Afghanen",
        "De VN-vluchtelingenorganisatie is \"ernstig bezorgd\" over het lot van vrouwen en meisjes.",
        &["AF"],
        NgoConcern,
    );
}

/// An abbreviation the item spells out as an organisation names that organisation wherever the
/// item uses it, even when it also abbreviates a country ("DRC", "RDC": DR Congo).
#[test]
fn an_abbreviation_spelled_out_as_an_organisation_is_not_a_country() {
    check(
        Media,
        "Camp",
        "The Danish Refugee Council (DRC) said it was alarmed. DRC staff in the camp warned of shortages.",
        &["DK"],
        NgoConcern,
    );
    check(
        Media,
        "Kamp",
        "Le Conseil danois pour les réfugiés (DRC) s'alarme de la situation. Selon le DRC, 300 personnes dorment dehors.",
        &["DK"],
        NgoConcern,
    );
    // Spelled out as the country, it stays the country.
    check(
        Media,
        "Kivu",
        "Fighting in the Democratic Republic of the Congo (DRC) displaced 40,000 people. The DRC government said it would act.",
        &["CD"],
        Stance::Government,
    );
}

/// Causes found by heldout18 and heldout19, each in a sentence of its own.
#[test]
fn blind_batches_eighteen_and_nineteen_causes() {
    // A meeting venue is a place, also where country and capital share a name.
    check(
        Agency,
        "Ministers",
        "The ministers, meeting in Luxembourg for their regular October session, also discussed return hubs.",
        &[],
        Neither,
    );
    // A court's seat after a comma.
    check(
        Agency,
        "Hongrie",
        "La Hongrie refuse toujours de payer l'amende que lui a infligée la Cour de justice de l'UE, à Luxembourg.",
        &["HU"],
        Neither,
    );
    // "the Gambia": the article is written in lower case inside a sentence.
    check(
        Agency,
        "Route",
        "Boats now set off from as far south as Guinea and the Gambia.",
        &["GM", "GN"],
        Neither,
    );
    // First names and surnames that are country names, next to a word for a person or a role.
    check(
        Media,
        "Darién",
        "Haar buurman Salvador, een bouwvakker uit Honduras, overweegt nu werk te zoeken in Monterrey.",
        &["HN"],
        Neither,
    );
    check(
        Government,
        "Smuggling",
        "Mark Ireland, director of enforcement operations at Immigration Enforcement, welcomed the arrests.",
        &[],
        Stance::Government,
    );
    check(
        Agency,
        "Ceuta",
        "\"Es una medida de justicia\", ha asegurado la portavoz de la Delegación, Guadalupe Martín.",
        &[],
        Stance::Government,
    );
    // Streets, canals and districts carry country names as their own.
    check(
        Media,
        "Paris",
        "Ce matin encore, 400 jeunes exilés dormaient sous les ponts du canal Saint-Martin.",
        &[],
        Neither,
    );
    check(
        Agency,
        "Melilla",
        "Unas 300 personas intentaron saltar la valla por la zona del Barrio Chino.",
        &[],
        Neither,
    );
    // A phrase before a capital makes it the government even when a clause follows it.
    check(
        Agency,
        "Ceuta",
        "El presidente ha agradecido la colaboración de Madrid, aunque ha advertido de que el problema sigue.",
        &["ES"],
        Stance::Government,
    );
    // "klinkt het op haar kabinet": the cabinet speaks.
    check(
        Agency,
        "Gezinnen",
        "'Wie elke kans op terugkeer weigert, kan niet verwachten dat dat zonder gevolgen blijft', klinkt het op haar kabinet.",
        &[],
        Stance::Government,
    );
    // An actor behind a preposition and a nationality adjective is not the subject.
    check(
        Agency,
        "Seenotretter",
        "Die Seenotrettungsorganisation Rescue Line hat die erneute Festsetzung ihres Schiffes durch die italienischen Behörden scharf kritisiert.",
        &["IT"],
        NgoConcern,
    );
    // A parliamentary committee is no government; "acusó" is a verb of saying.
    check(
        Media,
        "Congreso",
        "La portavoz de Sumar en la comisión de Trabajo acusó a los socialistas de marear la perdiz.",
        &[],
        Neither,
    );
    // A bare preposition attributes only where it opens a clause.
    check(
        Media,
        "Regularización",
        "\"Vivimos sin existir para la Administración y exigimos derechos\", declaró una portavoz de los colectivos de migrantes.",
        &[],
        NgoConcern,
    );
    // "according to figures compiled by" a UN agency: figures, nobody's concern.
    check(
        Agency,
        "Darién",
        "The number of people crossing the Darién jungle fell by half, according to figures compiled by the International Organization for Migration, but those who still attempt the journey describe it as more dangerous than ever.",
        &[],
        Neither,
    );
    // A government release of figures alone is nobody's line.
    check(
        Government,
        "Estadística de Migraciones: España registra un saldo migratorio positivo de 640.617 personas",
        "España registró un saldo migratorio positivo de 640.617 personas en 2024, según los datos provisionales que el Instituto publicó hoy para el conjunto del país y sus comunidades.",
        &["ES"],
        Neither,
    );
    // "demandeurs d'asile" are asylum seekers, not a demand.
    check(
        Ngo,
        "Permanence",
        "Nos juristes recevront sans rendez-vous les demandeurs d'asile. Des interprètes en arabe sont disponibles sur demande.",
        &[],
        Neither,
    );
    // A committee of the bar is not the European Commission; a headline's semicolon
    // separates two speakers.
    check(
        Agency,
        "La Fiscalía pide ocho años para dos patrones; los abogados critican el proceso",
        "La comisión de extranjería del Colegio de la Abogacía de Las Palmas cuestiona este tipo de procesos.",
        &[],
        Both,
    );
    // "He" does not point back to a plural body named in the sentence before.
    check(
        Media,
        "Reception",
        "Another academic points to the money. Municipalities that open a centre are contracted for a few years at a time. \"Nobody builds for the long term on a three-year contract,\" he said.",
        &[],
        Neither,
    );
    // A role noun does not point back to an actor named inside a quotation.
    check(
        Media,
        "Congreso",
        "Decenas de miembros de los colectivos de migrantes siguieron el debate. \"Llevamos años trabajando sin existir para la Administración. No pedimos un favor, exigimos derechos\", declaró una de sus portavoces.",
        &[],
        NgoConcern,
    );
}

/// Causes found by heldout20 and heldout21 (written blind after the heldout18/19 fixes).
#[test]
fn blind_batches_twenty_and_twenty_one_causes() {
    // A service notice that opens by speaking to the reader voices no concern.
    check(
        Ngo,
        "Opening hours",
        "For questions, call our reception desk on weekdays between 9:00 and 13:00.",
        &[],
        Neither,
    );
    // "profesionales del derecho", "vulnerabilidades": topic words, not a concern.
    check(
        Ngo,
        "Jornada",
        "El próximo jueves celebraremos una jornada técnica dirigida a profesionales del derecho. Habrá un taller sobre la identificación de vulnerabilidades.",
        &[],
        Neither,
    );
    // Spanish "el" is the article; only "él" is the pronoun.
    check(
        Agency,
        "Cabildo",
        "La red de acogida denunció la situación. El presidente del Cabildo de El Hierro pidió también más medios sanitarios para el centro de la isla.",
        &["ES"],
        Both,
    );
    // A state's act in the pluperfect is background.
    check(
        Media,
        "Border",
        "Ottawa and Washington had agreed to that change after two years of negotiations.",
        &["CA", "US"],
        Neither,
    );
    // A verb of saying in the infinitive is said by nobody yet.
    check(
        Media,
        "Rapport",
        "Het ministerie van Justitie en Veiligheid heeft drie maanden om op het rapport te reageren.",
        &["NL"],
        Neither,
    );
    // A statement expected, or still pending, is no statement.
    check(
        Media,
        "Haft",
        "Eine Stellungnahme der Bundesregierung wird in den kommenden Wochen erwartet.",
        &[],
        Neither,
    );
    // A country name that ends an organisation's name, one word after its generic noun.
    check(
        Media,
        "Röntgen",
        "Auch die Stiftung Kinderschutz Schweiz äußerte sich besorgt über die Praxis.",
        &["CH"],
        NgoConcern,
    );
    // A role owned by a body no list knows does not speak for the last speaker.
    check(
        Media,
        "Frontera",
        "El gobierno anunció nuevas medidas. \"Muchas tenían cita para la semana siguiente\", explica la directora del albergue Senderos de Esperanza.",
        &[],
        Stance::Government,
    );
    // "le lac Tchad" is a lake.
    check(
        Media,
        "Sahel",
        "Les déplacements se multiplient autour du lac Tchad.",
        &[],
        Neither,
    );
    // Language names: after a test, a class or a level, and before "sprechen"/"leren".
    check(
        Agency,
        "Inburgering",
        "Nieuwkomers moeten slagen voor een toets Nederlands op niveau B1. \"Nederlands leren is de sleutel tot werk\", zegt de minister.",
        &[],
        Stance::Government,
    );
    check(
        Agency,
        "Schule",
        "Mehr als 4.000 Kinder sind ins Schulsystem gekommen, die kaum Deutsch sprachen.",
        &[],
        Neither,
    );
    // A name particle and a surname after a country name make a person.
    check(
        Media,
        "Uitspraak",
        "\"Dit is een principiële uitspraak\", zegt hoogleraar migratierecht Jordan van Dijk van de Radboud Universiteit.",
        &[],
        Neither,
    );
    // The byline heading a release of figures is no statement.
    check(
        Government,
        "Demandes d'asile : les chiffres du premier semestre",
        "Communiqué de l'OFPRA\n\nAu cours du premier semestre, l'Office a enregistré 74 312 demandes de protection internationale.",
        &["FR"],
        Neither,
    );
    // Coordinated national adjectives between "oproepen" and the authorities addressed.
    check(
        Ngo,
        "Terugkeer",
        "Wij maken ons ernstige zorgen. Wij roepen de Iraanse en Pakistaanse autoriteiten op om de uitzettingen op te schorten.",
        &["IR", "PK"],
        NgoConcern,
    );
    // In an NGO's own post, a government's plan is the NGO's account of it.
    check(
        Ngo,
        "Bulletin",
        "We are concerned about the interceptions. The agency shares the positions of boats, knowing that the Libyan authorities will be the first to act on them.",
        &["LY"],
        NgoConcern,
    );
}

/// Causes found by heldout22 and heldout23 (written blind after the heldout20/21 fixes).
#[test]
fn blind_batches_twenty_two_and_twenty_three_causes() {
    // A body's act in the pluperfect is background, also behind its acronym.
    check(
        Agency,
        "Asile",
        "L'Office français de protection des réfugiés et apatrides (Ofpra) avait rejeté sa demande l'an dernier.",
        &["FR"],
        Neither,
    );
    // A name behind a preposition is no subject.
    check(
        Media,
        "Sahel",
        "At the same time, expulsions from Algeria continue to bring thousands of people back across the border.",
        &["DZ"],
        Neither,
    );
    // A seat named before "gevestigde".
    check(
        Agency,
        "Asiel",
        "Dat blijkt uit cijfers die het in Luxemburg gevestigde statistiekbureau Eurostat donderdag publiceerde.",
        &[],
        Neither,
    );
    // National human rights commissions are on the NGO side.
    check(
        Media,
        "Malasia",
        "La Comisión de Derechos Humanos de Malasia (Suhakam) ha pedido al Gobierno que deje de detener a niños migrantes, tras documentar condiciones \"inaceptables\".",
        &["MY"],
        NgoConcern,
    );
    // Dutch plural demonyms with an apostrophe; a first name that is a country name.
    check(
        Agency,
        "Asiel",
        "Het aantal aanvragen van Bangladeshi's en Maliërs nam toe.",
        &["BD", "ML"],
        Neither,
    );
    check(
        Media,
        "Pasajeros",
        "Entre los pasajeros iba Argentina Morales, de 41 años, que salió de Venezuela hace dos años.",
        &["VE"],
        Neither,
    );
    // A German word of saying with a capital is a noun; a court's chamber speaks for it.
    check(
        Media,
        "Zypern",
        "Die Regierung in Nikosia hat zwei Monate Zeit, um auf das Schreiben einzugehen.",
        &["CY"],
        Neither,
    );
    check(
        Media,
        "Familiennachzug",
        "Nach Auffassung der Kammer hätte die Botschaft die vorgelegten Auszüge berücksichtigen müssen.",
        &[],
        Neither,
    );
    // A reply still due is not given.
    check(
        Media,
        "Gezinshereniging",
        "Het ministerie reageert binnen zes weken op het rapport.",
        &[],
        Neither,
    );
}

/// Causes found by heldout24 and heldout25 (written blind after the heldout22/23 fixes).
#[test]
fn blind_batches_twenty_four_and_twenty_five_causes() {
    // German datives of plural names, and German demonym nouns in -ier.
    check(
        Agency,
        "Arbeit",
        "Geflüchtete finden in Polen, Tschechien und den Niederlanden schneller Arbeit. Unter ihnen sind Gambier.",
        &["CZ", "GM", "NL", "PL"],
        Neither,
    );
    // A strait is a geographic feature.
    check(
        Agency,
        "Patrullas",
        "Las patrullas conjuntas en el Estrecho de Gibraltar se reforzarán este verano.",
        &[],
        Neither,
    );
}

/// heldout25's attribution misses are left open (see the notes): its floor keeps what it
/// scores, so that nothing slips below.
#[test]
fn heldout25_set_floor() {
    assert_floors(&["heldout25.jsonl"], 0.97, 0.85);
}
