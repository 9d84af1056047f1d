//! Generates a realistic archive for search benchmarks.
//!
//! ```text
//! cargo run --release -p counterpoint-core --example gen_archive -- 100000 target/bench/archive-100k.db
//! ```
//!
//! Twenty sources in five languages (en fr nl es de), titles, summaries and bodies written from
//! per-language phrase templates (so function words such as "the", "de", "la" are as common as
//! in real text and the domain words — migration, asylum, asile, Asyl — nearly as common),
//! one to three country tags per item that the text also names, stances, read and starred
//! marks, and dates spread over seven years in roughly the order items would have arrived.
//! Items are inserted with plain SQL in large transactions and the full-text index is rebuilt
//! once at the end, which is many times faster than indexing row by row through the trigger.

use std::path::PathBuf;
use std::time::Instant;

use counterpoint_core::store::Archive;
use counterpoint_core::tag::TAGGER_VERSION;
use rusqlite::params;

/// SplitMix64: small, fast and deterministic, so the same count gives the same archive.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Code, then the name in en, fr, nl, es, de; weights make some countries far more frequent.
const COUNTRIES: &[(&str, [&str; 5], usize)] = &[
    (
        "EU",
        [
            "the European Union",
            "l'Union européenne",
            "de Europese Unie",
            "la Unión Europea",
            "die Europäische Union",
        ],
        14,
    ),
    (
        "GR",
        [
            "Greece",
            "la Grèce",
            "Griekenland",
            "Grecia",
            "Griechenland",
        ],
        8,
    ),
    (
        "IT",
        ["Italy", "l'Italie", "Italië", "Italia", "Italien"],
        9,
    ),
    (
        "ES",
        ["Spain", "l'Espagne", "Spanje", "España", "Spanien"],
        8,
    ),
    (
        "DE",
        [
            "Germany",
            "l'Allemagne",
            "Duitsland",
            "Alemania",
            "Deutschland",
        ],
        9,
    ),
    (
        "FR",
        ["France", "la France", "Frankrijk", "Francia", "Frankreich"],
        8,
    ),
    (
        "BE",
        ["Belgium", "la Belgique", "België", "Bélgica", "Belgien"],
        7,
    ),
    (
        "NL",
        [
            "the Netherlands",
            "les Pays-Bas",
            "Nederland",
            "los Países Bajos",
            "die Niederlande",
        ],
        5,
    ),
    (
        "TR",
        ["Türkiye", "la Turquie", "Turkije", "Turquía", "die Türkei"],
        5,
    ),
    ("LY", ["Libya", "la Libye", "Libië", "Libia", "Libyen"], 4),
    (
        "MA",
        ["Morocco", "le Maroc", "Marokko", "Marruecos", "Marokko"],
        3,
    ),
    (
        "TN",
        ["Tunisia", "la Tunisie", "Tunesië", "Túnez", "Tunesien"],
        3,
    ),
    ("SY", ["Syria", "la Syrie", "Syrië", "Siria", "Syrien"], 4),
    (
        "AF",
        [
            "Afghanistan",
            "l'Afghanistan",
            "Afghanistan",
            "Afganistán",
            "Afghanistan",
        ],
        4,
    ),
    (
        "UA",
        ["Ukraine", "l'Ukraine", "Oekraïne", "Ucrania", "die Ukraine"],
        4,
    ),
    (
        "PL",
        ["Poland", "la Pologne", "Polen", "Polonia", "Polen"],
        3,
    ),
    (
        "HU",
        ["Hungary", "la Hongrie", "Hongarije", "Hungría", "Ungarn"],
        2,
    ),
    (
        "GB",
        [
            "the United Kingdom",
            "le Royaume-Uni",
            "het Verenigd Koninkrijk",
            "el Reino Unido",
            "Großbritannien",
        ],
        4,
    ),
    (
        "SN",
        ["Senegal", "le Sénégal", "Senegal", "Senegal", "Senegal"],
        2,
    ),
    (
        "RW",
        ["Rwanda", "le Rwanda", "Rwanda", "Ruanda", "Ruanda"],
        1,
    ),
    (
        "AL",
        ["Albania", "l'Albanie", "Albanië", "Albania", "Albanien"],
        1,
    ),
    (
        "BY",
        [
            "Belarus",
            "la Biélorussie",
            "Wit-Rusland",
            "Bielorrusia",
            "Belarus",
        ],
        1,
    ),
];

const LANGS: [&str; 5] = ["en", "fr", "nl", "es", "de"];

/// Per-language pools: topics, government actors, NGO actors, verbs, places, and templates
/// where {T} is a topic, {G}/{N} an actor, {V} a verb, {C} a country, {P} a place, {X} a number.
struct Lang {
    topics: &'static [&'static str],
    gov: &'static [&'static str],
    ngo: &'static [&'static str],
    verbs: &'static [&'static str],
    places: &'static [&'static str],
    titles: &'static [&'static str],
    sentences: &'static [&'static str],
}

const EN: Lang = Lang {
    topics: &["the migration pact", "asylum applications", "border controls", "pushbacks", "reception centres", "deportations", "the return policy", "family reunification", "resettlement quotas", "search and rescue", "the detention of migrants", "unaccompanied minors", "labour migration", "visa policy", "integration courses", "temporary protection", "asylum procedures", "the readmission agreement", "the external border", "smuggling networks", "the asylum backlog", "safe countries of origin"],
    gov: &["the interior ministry", "the government", "the home secretary", "the minister for migration", "the European Commission", "Frontex", "the prime minister", "the state secretary for asylum", "the border police", "the coalition"],
    ngo: &["Amnesty International", "the Red Cross", "UNHCR", "Human Rights Watch", "ECRE", "Doctors Without Borders", "local NGOs", "the refugee council", "lawyers for asylum seekers", "Save the Children"],
    verbs: &["announced", "criticised", "defended", "proposed", "rejected", "welcomed", "warned about", "called for changes to", "tightened", "reviewed", "suspended", "expanded"],
    places: &["Lampedusa", "the Canary Islands", "Lesbos", "Calais", "the Evros border", "Ceuta", "Melilla", "the Balkan route", "the Channel", "Brussels", "Ter Apel", "the central Mediterranean"],
    titles: &["{C}: {G} {V} {T}", "{N} {V} {T} in {C}", "{X} migrants reach {P} as {T} stalls", "What {T} means for {C}", "{G} {V} {T} after arrivals at {P}", "Court rules on {T} in {C}", "Pressure grows over {T}", "{N} warn of crisis at {P}"],
    sentences: &["{G} {V} {T} on Monday, saying the measures were needed to restore order at the border.", "According to {N}, {X} people arrived at {P} in the past week, the highest figure this year.", "Critics say {T} will leave people without protection and expose them to violence.", "The debate over {T} has divided the governments of {C} and its neighbours.", "{N} said that asylum seekers in {C} were being held in overcrowded conditions.", "The minister told reporters that {T} would be reviewed by the end of the year.", "Migration remained the most contested issue in the negotiations on {T}.", "In {C}, the number of asylum applications rose by {X} per cent compared with last year.", "Rescue ships reported that {X} people had been brought to {P} after days at sea.", "The plan is part of a wider effort to share responsibility for asylum across the European Union.", "{G} insisted that the rules complied with international law and the right to asylum.", "Human rights groups documented pushbacks and called for an independent monitoring mechanism."],
};

const FR: Lang = Lang {
    topics: &[
        "le pacte sur la migration",
        "les demandes d'asile",
        "les contrôles aux frontières",
        "les refoulements",
        "les centres d'accueil",
        "les expulsions",
        "la politique de retour",
        "le regroupement familial",
        "la réinstallation",
        "le sauvetage en mer",
        "la rétention des migrants",
        "les mineurs non accompagnés",
        "la migration de travail",
        "la politique des visas",
        "la protection temporaire",
        "les procédures d'asile",
        "l'accord de réadmission",
        "la frontière extérieure",
        "les réseaux de passeurs",
        "la réunion des ministres",
    ],
    gov: &[
        "le ministère de l'Intérieur",
        "le gouvernement",
        "le ministre de l'Intérieur",
        "la secrétaire d'État à l'asile",
        "la Commission européenne",
        "Frontex",
        "le Premier ministre",
        "la police aux frontières",
        "la préfecture",
    ],
    ngo: &[
        "Amnesty International",
        "la Croix-Rouge",
        "le HCR",
        "la Cimade",
        "Médecins sans frontières",
        "les associations",
        "France terre d'asile",
        "SOS Méditerranée",
        "la Ligue des droits humains",
    ],
    verbs: &[
        "a annoncé",
        "a critiqué",
        "a défendu",
        "a proposé",
        "a rejeté",
        "a salué",
        "s'inquiète de",
        "demande la révision de",
        "a durci",
        "a suspendu",
    ],
    places: &[
        "Lampedusa",
        "Calais",
        "Mayotte",
        "Lesbos",
        "Ceuta",
        "Bruxelles",
        "la Manche",
        "Briançon",
        "la Méditerranée centrale",
        "Vintimille",
    ],
    titles: &[
        "{C} : {G} {V} {T}",
        "{N} {V} {T} en {C}",
        "{X} migrants arrivés à {P}",
        "Ce que change {T} pour {C}",
        "Réunion à Bruxelles sur {T}",
        "Le Conseil d'État se prononce sur {T}",
        "{N} alerte sur la situation à {P}",
    ],
    sentences: &[
        "{G} {V} {T} lundi, en affirmant que ces mesures étaient nécessaires.",
        "Selon {N}, {X} personnes sont arrivées à {P} la semaine dernière.",
        "Les critiques estiment que {T} laissera des personnes sans protection.",
        "Le débat sur {T} divise les gouvernements de l'Union européenne.",
        "{N} dénonce les conditions d'accueil des demandeurs d'asile en {C}.",
        "Le ministre a déclaré que {T} serait réexaminé d'ici la fin de l'année.",
        "La migration reste le sujet le plus disputé des négociations sur {T}.",
        "En {C}, le nombre de demandes d'asile a augmenté de {X} % par rapport à l'an dernier.",
        "Les navires de sauvetage ont débarqué {X} personnes à {P} après plusieurs jours en mer.",
        "La réunion des ministres de l'Intérieur doit se tenir à Bruxelles la semaine prochaine.",
        "Les associations réclament un mécanisme de surveillance indépendant aux frontières.",
    ],
};

const NL: Lang = Lang {
    topics: &[
        "het migratiepact",
        "de asielaanvragen",
        "de grenscontroles",
        "de pushbacks",
        "de opvangcentra",
        "de uitzettingen",
        "het terugkeerbeleid",
        "de gezinshereniging",
        "de hervestiging",
        "de reddingsacties op zee",
        "de detentie van migranten",
        "de niet-begeleide minderjarigen",
        "de arbeidsmigratie",
        "het visumbeleid",
        "de tijdelijke bescherming",
        "de asielprocedure",
        "de opvangcrisis",
        "de buitengrens",
    ],
    gov: &[
        "het ministerie van Binnenlandse Zaken",
        "de regering",
        "de staatssecretaris voor Asiel en Migratie",
        "de minister",
        "de Europese Commissie",
        "Frontex",
        "de premier",
        "Fedasil",
        "de IND",
    ],
    ngo: &[
        "Amnesty International",
        "het Rode Kruis",
        "UNHCR",
        "Vluchtelingenwerk",
        "Artsen zonder Grenzen",
        "de ngo's",
        "de Liga voor Mensenrechten",
        "Dokters van de Wereld",
    ],
    verbs: &[
        "kondigde aan",
        "bekritiseerde",
        "verdedigde",
        "stelde voor",
        "verwierp",
        "verwelkomde",
        "waarschuwt voor",
        "vraagt herziening van",
        "verstrengde",
        "schortte op",
    ],
    places: &[
        "Ter Apel",
        "Lampedusa",
        "Brussel",
        "het Klein Kasteeltje",
        "Lesbos",
        "de Middellandse Zee",
        "Calais",
        "Zeebrugge",
    ],
    titles: &[
        "{C}: {G} {V} {T}",
        "{N} {V} {T} in {C}",
        "{X} migranten aangekomen in {P}",
        "Wat {T} betekent voor {C}",
        "Debat in het parlement over {T}",
        "{N} waarschuwt voor de situatie in {P}",
    ],
    sentences: &[
        "{G} {V} {T} op maandag en noemde de maatregelen noodzakelijk.",
        "Volgens {N} kwamen vorige week {X} mensen aan in {P}.",
        "Critici zeggen dat {T} mensen zonder bescherming laat.",
        "Het debat over {T} verdeelt de regeringen van de Europese Unie.",
        "{N} klaagt de omstandigheden van de asielzoekers in {C} aan.",
        "De staatssecretaris zei dat {T} voor het einde van het jaar wordt herzien.",
        "Migratie blijft het meest omstreden onderwerp in de onderhandelingen over {T}.",
        "In {C} steeg het aantal asielaanvragen met {X} procent ten opzichte van vorig jaar.",
        "Het aantal mensen in de opvang van {C} is het hoogste in jaren.",
    ],
};

const ES: Lang = Lang {
    topics: &[
        "el pacto migratorio",
        "las solicitudes de asilo",
        "los controles fronterizos",
        "las devoluciones en caliente",
        "los centros de acogida",
        "las deportaciones",
        "la política de retorno",
        "la reagrupación familiar",
        "el reasentamiento",
        "el salvamento marítimo",
        "la detención de migrantes",
        "los menores no acompañados",
        "la migración laboral",
        "la política de visados",
        "la protección temporal",
        "el procedimiento de asilo",
        "la frontera exterior",
        "las redes de tráfico de personas",
    ],
    gov: &[
        "el Ministerio del Interior",
        "el Gobierno",
        "el ministro del Interior",
        "la Comisión Europea",
        "Frontex",
        "el presidente del Gobierno",
        "la Guardia Civil",
        "la delegación del Gobierno",
    ],
    ngo: &[
        "Amnistía Internacional",
        "Cruz Roja",
        "ACNUR",
        "CEAR",
        "Médicos Sin Fronteras",
        "las ONG",
        "Caminando Fronteras",
        "Salvamento Marítimo",
    ],
    verbs: &[
        "anunció",
        "criticó",
        "defendió",
        "propuso",
        "rechazó",
        "celebró",
        "advirtió sobre",
        "pidió cambios en",
        "endureció",
        "suspendió",
    ],
    places: &[
        "Canarias",
        "Ceuta",
        "Melilla",
        "Lampedusa",
        "el Hierro",
        "Almería",
        "el estrecho de Gibraltar",
        "Lesbos",
    ],
    titles: &[
        "{C}: {G} {V} {T}",
        "{N} {V} {T} en {C}",
        "Llegan {X} migrantes a {P}",
        "Qué supone {T} para {C}",
        "Reunión de ministros sobre {T}",
        "{N} alerta de la situación en {P}",
    ],
    sentences: &[
        "{G} {V} {T} el lunes y aseguró que las medidas eran necesarias.",
        "Según {N}, {X} personas llegaron a {P} la semana pasada.",
        "Los críticos afirman que {T} dejará a muchas personas sin protección.",
        "El debate sobre {T} divide a los gobiernos de la Unión Europea.",
        "{N} denunció las condiciones de los solicitantes de asilo en {C}.",
        "El ministro dijo que {T} se revisará antes de final de año.",
        "La migración sigue siendo el asunto más disputado de la negociación sobre {T}.",
        "En {C}, el número de solicitudes de asilo aumentó un {X} % respecto al año pasado.",
        "Salvamento Marítimo rescató a {X} personas a bordo de un cayuco cerca de {P}.",
    ],
};

const DE: Lang = Lang {
    topics: &[
        "der Migrationspakt",
        "die Asylanträge",
        "die Grenzkontrollen",
        "die Zurückweisungen",
        "die Erstaufnahmeeinrichtungen",
        "die Abschiebungen",
        "die Rückführungspolitik",
        "der Familiennachzug",
        "die Neuansiedlung",
        "die Seenotrettung",
        "die Abschiebehaft",
        "die unbegleiteten Minderjährigen",
        "die Arbeitsmigration",
        "die Visapolitik",
        "der vorübergehende Schutz",
        "das Asylverfahren",
        "die EU-Außengrenze",
        "die Schleusernetzwerke",
    ],
    gov: &[
        "das Innenministerium",
        "die Bundesregierung",
        "die Innenministerin",
        "der Bundeskanzler",
        "die Europäische Kommission",
        "Frontex",
        "die Bundespolizei",
        "das BAMF",
    ],
    ngo: &[
        "Amnesty International",
        "das Rote Kreuz",
        "UNHCR",
        "Pro Asyl",
        "Ärzte ohne Grenzen",
        "die Hilfsorganisationen",
        "Sea-Watch",
        "der Flüchtlingsrat",
    ],
    verbs: &[
        "kündigte an",
        "kritisierte",
        "verteidigte",
        "schlug vor",
        "lehnte ab",
        "begrüßte",
        "warnte vor",
        "forderte Änderungen an",
        "verschärfte",
        "setzte aus",
    ],
    places: &[
        "Lampedusa",
        "Lesbos",
        "die Balkanroute",
        "das Mittelmeer",
        "Frankfurt (Oder)",
        "Berlin",
        "die polnische Grenze",
        "Brüssel",
    ],
    titles: &[
        "{C}: {G} {V} {T}",
        "{N} {V} {T} in {C}",
        "{X} Migranten erreichen {P}",
        "Was {T} für {C} bedeutet",
        "Streit um {T}",
        "{N} warnt vor Lage in {P}",
    ],
    sentences: &[
        "{G} {V} {T} am Montag und nannte die Maßnahmen notwendig.",
        "Nach Angaben von {N} kamen in der vergangenen Woche {X} Menschen nach {P}.",
        "Kritiker sagen, dass {T} viele Menschen ohne Schutz lässt.",
        "Die Debatte über {T} spaltet die Regierungen der Europäischen Union.",
        "{N} kritisiert die Bedingungen für Asylsuchende in {C}.",
        "Die Ministerin sagte, {T} werde bis Ende des Jahres überprüft.",
        "Migration bleibt das umstrittenste Thema in den Verhandlungen über {T}.",
        "In {C} stieg die Zahl der Asylanträge um {X} Prozent im Vergleich zum Vorjahr.",
        "Pro Asyl und andere Organisationen kritisieren die Pläne scharf.",
    ],
};

fn lang_pools(i: usize) -> &'static Lang {
    [&EN, &FR, &NL, &ES, &DE][i]
}

/// Name, feed URL, kind, language index (en fr nl es de).
const SOURCES: &[(&str, &str, &str, usize)] = &[
    ("ECRE", "https://ecre.org/feed/", "ngo", 0),
    (
        "Belga News Agency",
        "https://www.belganewsagency.eu/feed",
        "agency",
        0,
    ),
    ("Belga FR", "https://www.belga.be/fr/feed", "agency", 1),
    ("Belga NL", "https://www.belga.be/nl/feed", "agency", 2),
    ("EFE", "https://efe.com/feed/", "agency", 3),
    (
        "InfoMigrants",
        "https://www.infomigrants.net/en/rss",
        "media",
        0,
    ),
    (
        "InfoMigrants FR",
        "https://www.infomigrants.net/fr/rss",
        "media",
        1,
    ),
    (
        "Le Monde Immigration",
        "https://www.lemonde.fr/immigration/rss_full.xml",
        "media",
        1,
    ),
    (
        "De Standaard",
        "https://www.standaard.be/rss/section/migratie",
        "media",
        2,
    ),
    (
        "El País Migración",
        "https://elpais.com/rss/migracion.xml",
        "media",
        3,
    ),
    (
        "Tagesschau",
        "https://www.tagesschau.de/migration/index~rss2.xml",
        "media",
        4,
    ),
    (
        "Der Spiegel",
        "https://www.spiegel.de/thema/fluechtlinge/index.rss",
        "media",
        4,
    ),
    ("UNHCR News", "https://www.unhcr.org/news/rss.xml", "ngo", 0),
    ("Pro Asyl", "https://www.proasyl.de/feed/", "ngo", 4),
    ("La Cimade", "https://www.lacimade.org/feed/", "ngo", 1),
    ("CEAR", "https://www.cear.es/feed/", "ngo", 3),
    (
        "Vluchtelingenwerk Vlaanderen",
        "https://www.vluchtelingenwerk.be/feed",
        "ngo",
        2,
    ),
    (
        "Home Office",
        "https://www.gov.uk/government/organisations/home-office.atom",
        "government",
        0,
    ),
    ("BAMF", "https://www.bamf.de/rss.xml", "government", 4),
    (
        "Frontex",
        "https://www.frontex.europa.eu/feed/",
        "government",
        0,
    ),
];

fn fill(rng: &mut Rng, template: &str, lang: &Lang, li: usize, countries: &[usize]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            let key = chars.next().unwrap_or('?');
            chars.next();
            match key {
                'T' => out.push_str(rng.pick::<&str>(lang.topics)),
                'G' => out.push_str(rng.pick::<&str>(lang.gov)),
                'N' => out.push_str(rng.pick::<&str>(lang.ngo)),
                'V' => out.push_str(rng.pick::<&str>(lang.verbs)),
                'P' => out.push_str(rng.pick::<&str>(lang.places)),
                'X' => out.push_str(&(rng.below(2000) + 3).to_string()),
                'C' => out.push_str(COUNTRIES[*rng.pick(countries)].1[li]),
                _ => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: gen_archive ITEM_COUNT OUTPUT_PATH");
        std::process::exit(2);
    }
    let count: usize = args[1].replace('_', "").parse()?;
    let path = PathBuf::from(&args[2]);
    if path.exists() {
        eprintln!(
            "{} already exists; choose a new path (this tool never overwrites an archive)",
            path.display()
        );
        std::process::exit(2);
    }
    let started = Instant::now();
    let archive = Archive::open(&path)?;
    let conn = archive.connection();
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "cache_size", -262_144)?;

    let now = 1_764_000_000i64; // late 2025: a fixed "now" keeps the archive reproducible
    let span = 7 * 365 * 86_400i64;
    for (name, url, kind, li) in SOURCES {
        conn.execute(
            "INSERT INTO sources (url, name, kind, language, status, added_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'ok', ?5, ?5)",
            params![url, name, kind, LANGS[*li], now - span],
        )?;
    }
    let weights: Vec<usize> = COUNTRIES.iter().map(|c| c.2).collect();
    let weight_sum: usize = weights.iter().sum();
    let mut rng = Rng(0x5EED ^ count as u64);
    let batch = 50_000;
    let mut done = 0;
    while done < count {
        let tx = archive.connection().unchecked_transaction()?;
        {
            let mut insert_item = tx.prepare_cached(
                "INSERT INTO items (id, source_id, key, title, url, published, sort_time, fetched_at, updated_at, language,
                    summary, content_text, full_text, entry_hash, stance, tagger_version, is_read, is_starred, pinned_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?16, ?13, ?14, ?15)",
            )?;
            let mut insert_country = tx.prepare_cached(
                "INSERT OR IGNORE INTO item_countries (item_id, code, score, focus, evidence) VALUES (?1, ?2, ?3, ?4, '')",
            )?;
            for n in done..(done + batch).min(count) {
                let id = n as i64 + 1;
                let source = rng.below(SOURCES.len());
                // Mostly the source's language; agencies and international outlets mix.
                let li = if rng.chance(0.85) {
                    SOURCES[source].3
                } else {
                    rng.below(5)
                };
                let lang = lang_pools(li);
                let mut countries = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    let mut x = rng.below(weight_sum);
                    let mut i = 0;
                    while x >= weights[i] {
                        x -= weights[i];
                        i += 1;
                    }
                    if !countries.contains(&i) {
                        countries.push(i);
                    }
                }
                // Items arrive roughly in date order; a few are old items backfilled later.
                let progress = n as f64 / count.max(1) as f64;
                let mut published =
                    now - span + (progress * span as f64) as i64 - rng.below(3 * 86_400) as i64;
                if rng.chance(0.02) {
                    published -= rng.below(400) as i64 * 86_400;
                }
                let template = rng_pick_title(&mut rng, lang);
                let title = capitalize(&fill(&mut rng, template, lang, li, &countries));
                let summary = (0..2)
                    .map(|_| sentence(&mut rng, lang, li, &countries))
                    .collect::<Vec<_>>()
                    .join(" ");
                let paragraphs = 2 + rng.below(4);
                let mut text = String::new();
                for p in 0..paragraphs {
                    if p > 0 {
                        text.push_str("\n\n");
                    }
                    let sentences = 2 + rng.below(3);
                    let para: Vec<String> = (0..sentences)
                        .map(|_| sentence(&mut rng, lang, li, &countries))
                        .collect();
                    text.push_str(&para.join(" "));
                }
                let stance = match rng.below(20) {
                    0..=7 => "neither",
                    8..=12 => "government",
                    13..=16 => "ngo_concern",
                    _ => "both",
                };
                let read = progress < 0.97 && rng.chance(0.7);
                let starred = rng.chance(0.01);
                let pinned = if rng.chance(0.001) {
                    Some(published)
                } else {
                    None
                };
                insert_item.execute(params![
                    id,
                    source as i64 + 1,
                    format!("gen-{id}"),
                    title,
                    format!("{}/{id}", SOURCES[source].1.trim_end_matches('/')),
                    published,
                    published + 600,
                    LANGS[li],
                    summary,
                    text,
                    format!("h{id}"),
                    stance,
                    read,
                    starred,
                    pinned,
                    // The generated tags stand for this tagger's: an older version would have
                    // the first refresh of the archive re-tag every item (see
                    // `Archive::has_stale_tags`), in the middle of a benchmark of the app.
                    TAGGER_VERSION
                ])?;
                for (k, c) in countries.iter().enumerate() {
                    insert_country.execute(params![
                        id,
                        COUNTRIES[*c].0,
                        1.0 - k as f64 * 0.2,
                        k == 0
                    ])?;
                }
            }
        }
        tx.commit()?;
        done = (done + batch).min(count);
        eprint!("\r{done} items ({:.0} s)", started.elapsed().as_secs_f64());
    }
    eprintln!();
    eprintln!("rebuilding the full-text index…");
    conn.execute_batch("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")?;
    // The writer keeps the sidebar's counts as it stores items; a bulk load counts once.
    conn.execute_batch(
        "UPDATE source_counts SET
             items = (SELECT count(*) FROM items i WHERE i.source_id = source_counts.source_id),
             unread = (SELECT count(*) FROM items i WHERE i.source_id = source_counts.source_id AND i.is_read = 0)",
    )?;
    // No 'optimize' and no ANALYZE: a real archive, indexed item by item, has neither.
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "{} items in {} ({:.0} MB) in {:.0} s",
        count,
        path.display(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn rng_pick_title(rng: &mut Rng, lang: &'static Lang) -> &'static str {
    lang.titles[rng.below(lang.titles.len())]
}

fn sentence(rng: &mut Rng, lang: &'static Lang, li: usize, countries: &[usize]) -> String {
    let template = lang.sentences[rng.below(lang.sentences.len())];
    fill(rng, template, lang, li, countries)
}
