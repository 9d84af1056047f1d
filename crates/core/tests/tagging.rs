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
    assert_eq!(TAGGER_VERSION, 1);
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

// The floors sit a little below what the tagger reaches, to catch regressions.
#[test]
fn dev_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/dev.jsonl"
    ));
    assert!(f1 >= 0.97, "country F1 {f1:.3}");
    assert!(acc >= 0.93, "stance accuracy {acc:.3}");
}

#[test]
fn own_set_floors() {
    let (f1, acc) = measure(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tagging/own.jsonl"
    ));
    assert!(f1 >= 0.97, "country F1 {f1:.3}");
    assert!(acc >= 0.93, "stance accuracy {acc:.3}");
}
