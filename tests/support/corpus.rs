//! A generated corpus for benchmarks: feeds of realistic migration-policy items in the five
//! languages, RSS 2.0 and Atom mixed, 1–8 KB bodies, some feeds carrying summaries only with
//! article pages to fetch. Deterministic, so runs compare.

/// One generated feed and the article pages its items link to.
pub struct GeneratedFeed {
    pub path: String,
    pub body: Vec<u8>,
    pub pages: Vec<(String, Vec<u8>)>,
}

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct Language {
    code: &'static str,
    countries: &'static [&'static str],
    government: &'static [&'static str],
    ngo: &'static [&'static str],
    said: &'static [&'static str],
    topics: &'static [&'static str],
    filler: &'static [&'static str],
}

const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        countries: &["Belgium", "Greece", "Türkiye", "Italy", "Spain", "Morocco", "Afghanistan", "Syria", "Eritrea", "the Netherlands", "Germany", "Libya"],
        government: &["The State Secretary for Asylum and Migration", "The interior ministry", "Fedasil", "The European Commission", "The Home Office", "The government spokesperson"],
        ngo: &["Amnesty International", "Human Rights Watch", "UNHCR", "ECRE", "Caritas", "The Red Cross"],
        said: &["said on Tuesday that", "announced that", "warned that", "criticised the fact that", "defended the plan, saying that"],
        topics: &["the reception network is full", "returns will be accelerated", "detention conditions violate basic rights", "family reunification rules will be tightened", "pushbacks at the border must stop", "the number of asylum applications fell"],
        filler: &["The measure follows months of debate in parliament.", "Figures published last week showed a rise in arrivals along the central Mediterranean route.", "Lawyers for the applicants said they would appeal.", "The plan still needs the approval of the Council.", "Hundreds of people are waiting for a place in a reception centre."],
    },
    Language {
        code: "fr",
        countries: &["la Belgique", "la Grèce", "la Turquie", "l'Italie", "l'Espagne", "le Maroc", "l'Afghanistan", "la Syrie", "l'Érythrée", "la France"],
        government: &["La secrétaire d'État à l'Asile et la Migration", "Le ministre de l'Intérieur", "L'Office des étrangers", "La Commission européenne"],
        ngo: &["Le CIRÉ", "Amnesty International", "Médecins sans frontières", "Le HCR", "La Ligue des droits humains"],
        said: &["a déclaré mardi que", "a annoncé que", "dénonce le fait que", "s'inquiète de ce que", "a défendu le projet, estimant que"],
        topics: &["le réseau d'accueil est saturé", "les retours seront accélérés", "les conditions de détention sont indignes", "le regroupement familial sera restreint", "les refoulements doivent cesser"],
        filler: &["La mesure fait suite à des mois de débat au Parlement.", "Les chiffres publiés la semaine dernière montrent une hausse des arrivées.", "Les avocats des requérants ont annoncé un recours.", "Des centaines de personnes attendent une place d'accueil."],
    },
    Language {
        code: "nl",
        countries: &["België", "Griekenland", "Turkije", "Italië", "Spanje", "Marokko", "Afghanistan", "Syrië", "Eritrea", "Nederland"],
        government: &["De staatssecretaris voor Asiel en Migratie", "De minister van Binnenlandse Zaken", "De Dienst Vreemdelingenzaken", "Fedasil", "De Europese Commissie"],
        ngo: &["Vluchtelingenwerk Vlaanderen", "Amnesty International", "Artsen zonder Grenzen", "UNHCR", "Caritas"],
        said: &["zei dinsdag dat", "kondigde aan dat", "hekelt dat", "waarschuwt dat", "verdedigde het plan en zei dat"],
        topics: &["het opvangnetwerk vol zit", "terugkeer zal worden versneld", "de omstandigheden in detentie mensonwaardig zijn", "gezinshereniging strenger wordt", "pushbacks moeten stoppen"],
        filler: &["De maatregel volgt op maanden van debat in het parlement.", "Cijfers van vorige week tonen een stijging van het aantal aankomsten.", "De advocaten van de verzoekers gaan in beroep.", "Honderden mensen wachten op een opvangplaats."],
    },
    Language {
        code: "es",
        countries: &["España", "Marruecos", "Italia", "Grecia", "Turquía", "Senegal", "Mauritania", "Afganistán", "Siria", "Bélgica"],
        government: &["El Ministerio del Interior", "La ministra de Inclusión", "El Gobierno de Canarias", "La Comisión Europea", "La Guardia Civil"],
        ngo: &["CEAR", "Amnistía Internacional", "Cruz Roja", "ACNUR", "Caminando Fronteras"],
        said: &["afirmó el martes que", "anunció que", "denuncia que", "advirtió de que", "defendió el plan y aseguró que"],
        topics: &["la red de acogida está saturada", "las devoluciones se acelerarán", "las condiciones de detención vulneran derechos", "la reagrupación familiar será más estricta", "las devoluciones en caliente deben cesar"],
        filler: &["La medida llega tras meses de debate en el Congreso.", "Las cifras publicadas la semana pasada muestran un aumento de las llegadas.", "Los abogados de los solicitantes recurrirán.", "Cientos de personas esperan una plaza de acogida."],
    },
    Language {
        code: "de",
        countries: &["Deutschland", "Griechenland", "die Türkei", "Italien", "Spanien", "Marokko", "Afghanistan", "Syrien", "Eritrea", "Österreich"],
        government: &["Das Bundesinnenministerium", "Die Bundesregierung", "Das BAMF", "Die Europäische Kommission", "Der Innenminister"],
        ngo: &["Pro Asyl", "Amnesty International", "Ärzte ohne Grenzen", "UNHCR", "Diakonie"],
        said: &["sagte am Dienstag,", "kündigte an,", "kritisiert,", "warnte,", "verteidigte den Plan und sagte,"],
        topics: &["das Aufnahmesystem sei überlastet", "Abschiebungen würden beschleunigt", "die Haftbedingungen verletzten Grundrechte", "der Familiennachzug werde eingeschränkt", "Pushbacks müssten aufhören"],
        filler: &["Die Maßnahme folgt auf monatelange Debatten im Bundestag.", "Zahlen der vergangenen Woche zeigen einen Anstieg der Ankünfte.", "Die Anwälte der Antragsteller kündigten Rechtsmittel an.", "Hunderte Menschen warten auf einen Platz in einer Unterkunft."],
    },
];

fn sentence(rng: &mut Rng, lang: &Language) -> String {
    match rng.below(3) {
        0 => format!(
            "{} {} {} {}.",
            rng.pick(lang.government),
            rng.pick(lang.said),
            rng.pick(lang.topics),
            rng.pick(lang.countries)
        ),
        1 => format!(
            "{} {} {} ({}).",
            rng.pick(lang.ngo),
            rng.pick(lang.said),
            rng.pick(lang.topics),
            rng.pick(lang.countries)
        ),
        _ => rng.pick(lang.filler).to_string(),
    }
}

/// Paragraphs of about `bytes` bytes of HTML.
fn body_html(rng: &mut Rng, lang: &Language, bytes: usize) -> String {
    let mut html = String::with_capacity(bytes + 256);
    while html.len() < bytes {
        html.push_str("<p>");
        for _ in 0..3 + rng.below(3) {
            html.push_str(&sentence(rng, lang));
            html.push(' ');
        }
        html.push_str("</p>\n");
    }
    html
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `feeds` feeds of `items` items each, links pointing at `base` (`http://host:port`).
/// Every tenth feed carries summaries only; its items' pages are returned with it.
pub fn generate(
    feeds: usize,
    items: usize,
    base: impl Fn(usize) -> String,
    seed: u64,
) -> Vec<GeneratedFeed> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::with_capacity(feeds);
    for f in 0..feeds {
        let lang = &LANGUAGES[f % LANGUAGES.len()];
        let atom = f % 2 == 1;
        let summary_only = f % 10 == 9;
        let base = base(f);
        let mut pages = Vec::new();
        let mut entries = String::new();
        for i in 0..items {
            let title = format!(
                "{} {} {}",
                rng.pick(lang.government)
                    .split_whitespace()
                    .last()
                    .unwrap_or(""),
                rng.pick(lang.topics),
                rng.pick(lang.countries)
            );
            let link = format!("{base}/f{f}/item{i}.html");
            let size = 1024 + rng.below(7 * 1024);
            let body = body_html(&mut rng, lang, size);
            let date_day = 1 + (i % 28);
            let summary = escape(&format!("<p>{}</p>", sentence(&mut rng, lang)));
            let content = if summary_only {
                pages.push((format!("/f{f}/item{i}.html"), format!("<!DOCTYPE html><html><head><title>{}</title></head><body><header><nav><a href=\"/\">Home</a></nav></header><article><h1>{}</h1>{body}</article><footer>© Newsroom</footer></body></html>", escape(&title), escape(&title)).into_bytes()));
                String::new()
            } else {
                escape(&body)
            };
            if atom {
                entries.push_str(&format!(
                    "<entry><title>{}</title><link rel=\"alternate\" href=\"{link}\"/><id>urn:cp:{f}:{i}</id><updated>2025-03-{date_day:02}T10:00:00Z</updated><summary type=\"html\">{summary}</summary>{}</entry>\n",
                    escape(&title),
                    if content.is_empty() { String::new() } else { format!("<content type=\"html\">{content}</content>") }
                ));
            } else {
                entries.push_str(&format!(
                    "<item><title>{}</title><link>{link}</link><guid isPermaLink=\"false\">cp-{f}-{i}</guid><pubDate>{date_day:02} Mar 2025 10:00:00 GMT</pubDate><description>{}</description></item>\n",
                    escape(&title),
                    if content.is_empty() { summary } else { content }
                ));
            }
        }
        let body = if atom {
            format!("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\"><title>Feed {f}</title><id>urn:cp:{f}</id><updated>2025-03-28T10:00:00Z</updated><link href=\"{base}/\"/>\n{entries}</feed>", lang.code)
        } else {
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed {f}</title><link>{base}/</link><language>{}</language>\n{entries}</channel></rss>", lang.code)
        };
        out.push(GeneratedFeed {
            path: format!("/f{f}/feed.xml"),
            body: body.into_bytes(),
            pages,
        });
    }
    out
}
