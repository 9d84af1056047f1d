//! OPML import and export, the format every feed reader trades subscriptions in.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::model::{NewSource, Source, SourceKind};
use crate::{Error, Result};

/// Reads the feeds of an OPML document (outlines with an `xmlUrl`, at any depth).
/// Counterpoint's own exports carry `cpKind` and `language`, which are read back.
pub fn parse_opml(xml: &str) -> Result<Vec<NewSource>> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut sources = Vec::new();
    let mut saw_opml = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name();
                if name.as_ref().eq_ignore_ascii_case(b"opml") {
                    saw_opml = true;
                }
                if !name.as_ref().eq_ignore_ascii_case(b"outline") {
                    continue;
                }
                let mut source = NewSource::default();
                for attr in e.attributes().flatten() {
                    let value = attr
                        .unescape_value()
                        .map_err(|err| Error::Opml(err.to_string()))?
                        .trim()
                        .to_string();
                    match attr.key.as_ref() {
                        b"xmlUrl" | b"xmlurl" => source.url = value,
                        b"title" => source.name = Some(value),
                        b"text" if source.name.is_none() => source.name = Some(value),
                        b"htmlUrl" | b"htmlurl" => {
                            source.site_url = Some(value).filter(|v| !v.is_empty())
                        }
                        b"language" => source.language = Some(value).filter(|v| !v.is_empty()),
                        b"cpKind" => source.kind = value.parse().unwrap_or(SourceKind::Other),
                        _ => {}
                    }
                }
                if !source.url.is_empty() {
                    sources.push(source);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(Error::Opml(format!(
                    "not valid XML at byte {}: {e}",
                    reader.buffer_position()
                )))
            }
        }
    }
    if !saw_opml {
        return Err(Error::Opml(
            "the file is not an OPML document (no <opml> element)".into(),
        ));
    }
    Ok(sources)
}

/// Writes sources as an OPML 2.0 document.
pub fn write_opml(sources: &[Source]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>Counterpoint sources</title>\n  </head>\n  <body>\n");
    for s in sources {
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{url}\"",
            name = escape(&s.name),
            url = escape(&s.url)
        ));
        if let Some(site) = &s.site_url {
            out.push_str(&format!(" htmlUrl=\"{}\"", escape(site)));
        }
        if let Some(lang) = &s.language {
            out.push_str(&format!(" language=\"{}\"", escape(lang)));
        }
        out.push_str(&format!(" cpKind=\"{}\"/>\n", s.kind.as_str()));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn escape(value: &str) -> String {
    quick_xml::escape::escape(value).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_are_read() {
        let xml = r#"<?xml version="1.0"?><opml version="1.0"><body>
            <outline text="NGOs"><outline text="ECRE &amp; co" xmlUrl="https://ecre.org/feed/" htmlUrl="https://ecre.org"/></outline>
            <outline text="folder only"/></body></opml>"#;
        let sources = parse_opml(xml).unwrap();
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].name.as_deref(), Some("ECRE & co"));
        assert_eq!(sources[0].site_url.as_deref(), Some("https://ecre.org"));
    }

    #[test]
    fn not_opml_is_an_error() {
        assert!(parse_opml("<rss></rss>").is_err());
        assert!(parse_opml("<opml><body><outline").is_err());
    }
}
