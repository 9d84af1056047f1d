//! Briefing notes from a real archive: every format, hostile feed content, an empty selection.
//!
//! The Markdown output is compared with a golden file; run with `UPDATE_EXPECT=1` to rewrite
//! it after an intended change, and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

use counterpoint_core::brief::{self, BriefMeta, Format};
use counterpoint_core::model::{
    tagged_text, CountryTag, NewSource, SourceKind, Span, Stance, Tagging, Voices,
};
use counterpoint_core::store::{Archive, ItemState, NewItem};

/// 2025-04-01 09:30 UTC: a fixed "now" keeps the output reproducible.
const GENERATED_AT: i64 = 1_743_499_800;
/// 2025-03-10 12:00 UTC.
const DAY: i64 = 1_741_608_000;

struct Fixture {
    _dir: tempfile::TempDir,
    archive: Archive,
    ids: Vec<i64>,
    out: PathBuf,
}

struct Spec {
    key: &'static str,
    title: &'static str,
    text: &'static str,
    url: Option<&'static str>,
    published: Option<i64>,
    language: &'static str,
    /// (code, focus)
    countries: &'static [(&'static str, bool)],
    government: &'static [&'static str],
    ngo: &'static [&'static str],
}

/// The character span of `needle` in the tagged text of `title` and `text`, as the tagger
/// would report it.
fn span(title: &str, text: &str, needle: &str) -> Span {
    let full = tagged_text(title, text);
    let byte = full
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = full[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
        text: needle.to_string(),
    }
}

fn new_item(s: &Spec) -> NewItem {
    let government: Vec<Span> = s
        .government
        .iter()
        .map(|n| span(s.title, s.text, n))
        .collect();
    let ngo: Vec<Span> = s.ngo.iter().map(|n| span(s.title, s.text, n)).collect();
    let tagging = Tagging {
        language: s.language.to_string(),
        countries: s
            .countries
            .iter()
            .map(|(code, focus)| CountryTag {
                code: code.to_string(),
                name: code.to_string(),
                score: if *focus { 0.9 } else { 0.3 },
                focus: *focus,
                evidence: vec![],
            })
            .collect(),
        stance: Stance::from_voices(!government.is_empty(), !ngo.is_empty()),
        voices: Voices {
            government,
            ngo_concern: ngo,
        },
    };
    NewItem {
        key: s.key.to_string(),
        title: s.title.to_string(),
        url: s.url.map(str::to_string),
        author: None,
        published: s.published,
        language: Some(s.language.to_string()),
        summary: None,
        content_html: None,
        content_text: s.text.to_string(),
        full_text: false,
        extract_error: None,
        entry_hash: format!("hash-{}", s.key),
        tagging,
        tagger_version: 1,
    }
}

fn specs() -> Vec<Spec> {
    vec![
        Spec {
            key: "tr-1",
            title: "Türkiye extends temporary protection in Şanlıurfa as Kılıçdaroğlu calls for returns",
            text: "The interior ministry said the scheme would be extended until 2026. Opposition leader Kılıçdaroğlu called for returns. Amnesty International warned that deportations from Şanlıurfa breach the non-refoulement principle.",
            url: Some("https://news.example.org/tr/protection?id=1&lang=en"),
            published: Some(DAY),
            language: "en",
            countries: &[("TR", true), ("SY", false)],
            government: &["The interior ministry said the scheme would be extended until 2026."],
            ngo: &["Amnesty International warned that deportations from Şanlıurfa breach the non-refoulement principle."],
        },
        Spec {
            key: "fr-1",
            title: "Calais : des associations dénoncent le traitement des réfugiés",
            text: "La Cimade dénonce des expulsions répétées de réfugiés sans solution d'hébergement. Le camp a été évacué mardi.",
            url: Some("https://presse.example.fr/calais"),
            published: Some(DAY + 86_400),
            language: "fr",
            countries: &[("FR", true), ("GB", false)],
            government: &[],
            ngo: &["La Cimade dénonce des expulsions répétées de réfugiés sans solution d'hébergement."],
        },
        Spec {
            key: "de-1",
            title: "Bundesregierung verschärft Regeln für Flüchtlinge",
            text: "Das Innenministerium erklärte, Flüchtlinge ohne Papiere würden künftig an der Grenze zurückgewiesen. Pro Asyl kritisierte den Plan scharf.",
            url: Some("https://nachrichten.example.de/asyl"),
            published: Some(DAY + 2 * 86_400),
            language: "de",
            countries: &[("DE", true)],
            government: &["Das Innenministerium erklärte, Flüchtlinge ohne Papiere würden künftig an der Grenze zurückgewiesen."],
            ngo: &["Pro Asyl kritisierte den Plan scharf."],
        },
        Spec {
            key: "es-1",
            title: "Llegadas a Canarias: 300 personas en una semana",
            text: "Salvamento Marítimo rescató a 300 personas en cinco embarcaciones.",
            url: Some("https://agencia.example.es/canarias"),
            published: Some(DAY - 86_400),
            language: "es",
            countries: &[("ES", true)],
            government: &[],
            ngo: &[],
        },
        Spec {
            key: "nl-1",
            title: "Regering kondigt strengere asielwet aan",
            text: "De minister van Asiel zei dat de wet de instroom moet beperken. Vluchtelingenwerk vreest voor de rechten van asielzoekers.",
            url: Some("https://nieuws.example.be/asiel"),
            published: Some(DAY + 3 * 86_400),
            language: "nl",
            countries: &[("NL", true), ("BE", true), ("TR", false)],
            government: &["De minister van Asiel zei dat de wet de instroom moet beperken."],
            ngo: &[],
        },
        Spec {
            key: "eu-1",
            title: "Migration pact: NGOs fear more detention at the borders",
            text: "A coalition of 50 NGOs said the pact would lead to more detention of children.",
            url: Some("https://ngo.example.eu/pact"),
            published: Some(DAY + 4 * 86_400),
            language: "en",
            countries: &[("EU", true)],
            government: &[],
            ngo: &["A coalition of 50 NGOs said the pact would lead to more detention of children."],
        },
        Spec {
            key: "none-1",
            title: "Weekly reading list",
            text: "Five articles worth your time this week.",
            url: None,
            published: None,
            language: "en",
            countries: &[],
            government: &[],
            ngo: &[],
        },
        Spec {
            key: "evil-1",
            title: "<script>alert(1)</script> \"><img src=x onerror=alert(2)> [click](javascript:alert(3))",
            text: "The ministry said <script>steal()</script> ](javascript:alert(4)) is fine. # Not a heading",
            url: Some("javascript:alert(5)"),
            published: Some(DAY + 5 * 86_400),
            language: "en",
            countries: &[("TR", false)],
            government: &["The ministry said <script>steal()</script> ](javascript:alert(4)) is fine."],
            ngo: &[],
        },
    ]
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("archive.db")).unwrap();
    let source = archive
        .add_source(&NewSource {
            url: "https://feeds.example.org/migration.xml".into(),
            name: Some("Migration Wire".into()),
            kind: SourceKind::Media,
            language: None,
            site_url: None,
        })
        .unwrap();
    let items: Vec<NewItem> = specs().iter().map(new_item).collect();
    let ids: Vec<i64> = archive
        .store_items(source.id, &items, None)
        .unwrap()
        .into_iter()
        .map(|o| match o {
            counterpoint_core::store::UpsertOutcome::New(id) => id,
            other => panic!("expected a new item, got {other:?}"),
        })
        .collect();
    archive
        .set_note(
            ids[0],
            "Raise with the desk officer before Thursday's meeting.",
        )
        .unwrap();
    archive
        .set_note(ids[3], "Numbers to be checked against Frontex.")
        .unwrap();
    archive
        .set_note(
            ids[7],
            "<b>bold</b> [x](javascript:alert(6)) <img src=x onerror=alert(7)>",
        )
        .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    Fixture {
        _dir: dir,
        archive,
        ids,
        out,
    }
}

fn meta() -> BriefMeta {
    BriefMeta {
        title: "Asylum policy: government line and NGO concerns".into(),
        scope: "Query \"asylum\" · countries TR, FR, DE".into(),
        since: None,
        until: None,
        generated_at: GENERATED_AT,
    }
}

fn write(f: &Fixture, ids: &[i64], format: Format, name: &str) -> PathBuf {
    let path = f.out.join(name);
    brief::write_brief(&f.archive, ids, &meta(), format, &path).unwrap();
    path
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/brief")
        .join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with UPDATE_EXPECT=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b);
        panic!(
            "{} differs from the output (first differing line: {:?}); run with UPDATE_EXPECT=1 to refresh it after an intended change.\n--- actual ---\n{actual}",
            path.display(),
            first.map(|i| i + 1)
        );
    }
}

#[test]
fn markdown_matches_the_golden_file() {
    let f = fixture();
    let path = write(&f, &f.ids, Format::Markdown, "brief.md");
    let md = std::fs::read_to_string(path).unwrap();
    golden("brief.md", &md);
}

#[test]
fn the_model_orders_countries_and_numbers_citations_once() {
    let f = fixture();
    let b = brief::build(&f.archive, &f.ids, &meta()).unwrap();
    assert_eq!(b.item_count, 8);
    let codes: Vec<Option<&str>> = b.sections.iter().map(|s| s.code.as_deref()).collect();
    // TR is a focus country of one item and mentioned in two more, so it leads; the EU-wide /
    // no-country section comes last.
    assert_eq!(codes.first(), Some(&Some("TR")));
    assert_eq!(codes.last(), Some(&None));
    let numbers: Vec<usize> = b.sources.iter().map(|c| c.number).collect();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    // An item with both voices appears in both sections with one citation number.
    let tr = &b.sections[0];
    let both = tr
        .government
        .iter()
        .find(|e| e.item_id == f.ids[0])
        .unwrap();
    let again = tr
        .ngo_concern
        .iter()
        .find(|e| e.item_id == f.ids[0])
        .unwrap();
    assert_eq!(both.citation, again.citation);
    assert!(both.quotes[0].contains("interior ministry"));
    assert!(again.quotes[0].contains("Amnesty"));
    assert_eq!(
        both.note.as_deref(),
        Some("Raise with the desk officer before Thursday's meeting.")
    );
    // The hostile item keeps no link.
    assert!(b
        .sources
        .iter()
        .find(|c| c.item_id == f.ids[7])
        .unwrap()
        .url
        .is_none());
    let all = b.summary.last().unwrap();
    assert_eq!(
        (
            all.government,
            all.ngo_concern,
            all.both,
            all.neither,
            all.total
        ),
        (4, 4, 2, 2, 8)
    );
}

#[test]
fn markdown_keeps_hostile_text_inert() {
    let f = fixture();
    let brief = brief::build(&f.archive, &f.ids, &meta()).unwrap();
    let md = String::from_utf8(brief::render(&brief, Format::Markdown).unwrap()).unwrap();
    // Read it back as a CommonMark reader (with tables) would: feed text must stay text.
    let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES);
    let mut links = Vec::new();
    let mut text = String::new();
    for event in parser {
        match event {
            pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                panic!("raw HTML in the Markdown: {h}")
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. }) => {
                panic!("an image in the Markdown")
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. }) => {
                text.push_str("\n#")
            }
            pulldown_cmark::Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    assert!(links.len() >= 7);
    assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    assert!(text.contains("<script>alert(1)</script> \"><img src=x onerror=alert(2)> [click](javascript:alert(3))"), "the hostile title is not shown as written");
    assert!(!text.contains("\n#Not a heading"));
}

#[test]
fn html_is_standalone_structured_and_inert() {
    let f = fixture();
    let path = write(&f, &f.ids, Format::Html, "brief.html");
    let html = std::fs::read_to_string(path).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    let h2: Vec<String> = doc.select(&sel("h2")).map(|e| e.text().collect()).collect();
    assert_eq!(h2.first().map(String::as_str), Some("Summary"));
    assert_eq!(h2.last().map(String::as_str), Some("Sources"));
    assert!(h2.iter().any(|h| h == "EU-wide / no country"), "{h2:?}");
    let h3: Vec<String> = doc.select(&sel("h3")).map(|e| e.text().collect()).collect();
    assert!(
        h3.iter().any(|h| h == "Government position") && h3.iter().any(|h| h == "NGO concerns")
    );
    assert_eq!(doc.select(&sel("table")).count(), 1);
    assert!(doc.select(&sel("table tbody tr")).count() >= 8);
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("img")).count(), 0);
    assert_eq!(doc.select(&sel("link, iframe, object, embed")).count(), 0);
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "event handler attribute {name}"
            );
            if name == "href" || name == "src" {
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with("#source-"),
                    "unexpected {name}={value}"
                );
            }
        }
    }
    let text: String = doc.root_element().text().collect();
    for word in [
        "Türkiye",
        "Kılıçdaroğlu",
        "Şanlıurfa",
        "réfugiés",
        "Flüchtlinge",
        "<script>alert(1)</script>",
    ] {
        assert!(text.contains(word), "{word} missing from the HTML text");
    }
    assert!(html.contains("https://news.example.org/tr/protection?id=1&amp;lang=en"));
}

fn docx_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing from the .docx"));
    let mut s = String::new();
    std::io::Read::read_to_string(&mut part, &mut s).unwrap();
    s
}

#[test]
fn docx_has_word_headings_a_table_and_hyperlinks() {
    let f = fixture();
    let path = write(&f, &f.ids, Format::Docx, "brief.docx");
    let names: Vec<String> = zip::ZipArchive::new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .file_names()
        .map(String::from)
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("vbaProject") || n.ends_with(".bin")),
        "active content in {names:?}"
    );
    let xml = docx_part(&path, "word/document.xml");
    let styles = docx_part(&path, "word/styles.xml");
    let rels = docx_part(&path, "word/_rels/document.xml.rels");

    // Well-formed XML, read back: paragraph styles, texts, tables and hyperlinks.
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut styles_used, mut texts, mut tables, mut links) =
        (Vec::<String>::new(), String::new(), 0, 0);
    loop {
        match reader.read_event().expect("document.xml is well-formed") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"w:pStyle" => {
                        let v = e
                            .try_get_attribute("w:val")
                            .unwrap()
                            .unwrap()
                            .unescape_value()
                            .unwrap()
                            .into_owned();
                        styles_used.push(v);
                    }
                    b"w:tbl" => tables += 1,
                    b"w:hyperlink" => links += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Text(t) => {
                texts.push_str(&t.unescape().unwrap());
                texts.push(' ');
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    for style in ["Title", "Heading1", "Heading2", "Quote"] {
        assert!(styles_used.iter().any(|s| s == style), "{style} not used");
        assert!(
            styles.contains(&format!("w:styleId=\"{style}\"")),
            "{style} not defined"
        );
    }
    assert!(styles.contains("heading 1"));
    assert_eq!(tables, 1);
    assert!(links >= 7, "only {links} hyperlinks");
    for word in [
        "Türkiye",
        "Kılıçdaroğlu",
        "Şanlıurfa",
        "réfugiés",
        "Flüchtlinge",
        "Government position",
        "NGO concerns",
        "Sources",
        "<script>alert(1)</script>",
        "Raise with the desk officer",
    ] {
        assert!(texts.contains(word), "{word} missing from document.xml");
    }
    assert!(rels.contains("https://news.example.org/tr/protection?id=1&amp;lang=en"));
    assert!(rels.contains("TargetMode=\"External\""));
    assert!(!rels.to_ascii_lowercase().contains("javascript:"));
    assert!(!xml.contains("<script"));
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is needed for this test: apt-get install poppler-utils (make test installs it)");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pdf_renders_every_language_and_links() {
    let f = fixture();
    let path = write(&f, &f.ids, Format::Pdf, "brief.pdf");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdftotext(&path);
    for word in [
        "Türkiye",
        "Kılıçdaroğlu",
        "Şanlıurfa",
        "réfugiés",
        "Flüchtlinge",
        "Government position",
        "NGO concerns",
        "Sources",
        "EU-wide / no country",
    ] {
        assert!(
            text.contains(word),
            "{word} missing from the PDF text:\n{text}"
        );
    }
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/URI"), "no link annotation");
    assert!(raw.contains("news.example.org"), "link target missing");
    assert!(!raw.contains("javascript:"), "a javascript: link survived");
    assert!(raw.contains("/FontFile2"), "the font is not embedded");
}

#[test]
fn an_empty_selection_makes_a_valid_brief_that_says_so() {
    let f = fixture();
    for format in Format::ALL {
        let path = write(&f, &[], format, &format!("empty.{format}"));
        let bytes = std::fs::read(&path).unwrap();
        match format {
            Format::Markdown | Format::Html => {
                let s = String::from_utf8(bytes).unwrap();
                assert!(s.contains("No items matched"), "{format}: {s}");
            }
            Format::Docx => {
                assert!(docx_part(&path, "word/document.xml").contains("No items matched"))
            }
            Format::Pdf => assert!(pdftotext(&path).contains("No items matched")),
        }
    }
}

#[test]
fn the_file_written_is_exactly_the_one_chosen() {
    let f = fixture();
    let path = f.out.join("my brief (final).md");
    brief::write_brief(&f.archive, &f.ids, &meta(), Format::Markdown, &path).unwrap();
    let names: Vec<String> = std::fs::read_dir(&f.out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["my brief (final).md".to_string()]);
}

#[test]
fn pins_keep_their_order_and_notes_can_be_removed() {
    let f = fixture();
    f.archive
        .set_item_state(f.ids[2], ItemState::Pinned(true))
        .unwrap();
    f.archive
        .set_item_state(f.ids[0], ItemState::Pinned(true))
        .unwrap();
    let pinned = f.archive.pinned_ids().unwrap();
    assert_eq!(pinned.len(), 2);
    f.archive.set_note(f.ids[0], "").unwrap();
    assert_eq!(f.archive.item(f.ids[0]).unwrap().note, None);
    let b = brief::build(&f.archive, &pinned, &meta()).unwrap();
    assert_eq!(b.item_count, 2);
}
