//! The sources a new archive starts with, and the ones the app suggests.
//!
//! Per-source extraction rules live here as data the user can see (and edit on the source):
//! Belga's article bodies embed "Read also" bookmark boxes that must not become article text.

use crate::model::{NewSource, SourceKind};

/// A source the app knows about before the user adds anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownSource {
    pub name: &'static str,
    pub url: &'static str,
    pub kind: SourceKind,
    pub language: &'static str,
    /// CSS selectors dropped from the source's article pages, one per line.
    pub drop_selectors: &'static str,
    /// Why a user would add it.
    pub about: &'static str,
}

impl KnownSource {
    pub fn to_new_source(&self) -> NewSource {
        NewSource {
            url: self.url.to_string(),
            name: Some(self.name.to_string()),
            kind: self.kind,
            language: Some(self.language.to_string()),
            site_url: None,
        }
    }
}

/// What a new archive starts with.
pub const DEFAULT_SOURCES: &[KnownSource] = &[
    KnownSource {
        name: "Belga News Agency",
        url: "https://www.belganewsagency.eu/feed",
        kind: SourceKind::Agency,
        language: "en",
        drop_selectors: ".release-content-bookmark\n.release-content-share",
        about: "Belgium's national news agency, English service",
    },
    KnownSource {
        name: "ECRE",
        url: "https://ecre.org/feed/",
        kind: SourceKind::Ngo,
        language: "en",
        drop_selectors: "",
        about: "European Council on Refugees and Exiles: news and the Weekly Bulletin",
    },
    KnownSource {
        name: "EFE",
        url: "https://efe.com/feed/",
        kind: SourceKind::Agency,
        language: "es",
        drop_selectors: "",
        about: "Spanish international news agency",
    },
];

/// Sources a migration-policy watcher often adds, offered with one action.
pub const SUGGESTED_SOURCES: &[KnownSource] = &[
    KnownSource {
        name: "InfoMigrants",
        url: "https://www.infomigrants.net/en/rss/all.xml",
        kind: SourceKind::Media,
        language: "en",
        drop_selectors: "",
        about: "News for and about migrants (summaries)",
    },
    KnownSource {
        name: "Human Rights Watch",
        url: "https://www.hrw.org/rss/news",
        kind: SourceKind::Ngo,
        language: "en",
        drop_selectors: "",
        about: "Human rights reporting and advocacy",
    },
    KnownSource {
        name: "Amnesty International",
        url: "https://www.amnesty.org/en/feed/",
        kind: SourceKind::Ngo,
        language: "en",
        drop_selectors: "",
        about: "Human rights news and statements",
    },
    KnownSource {
        name: "UN News: migrants and refugees",
        url: "https://news.un.org/feed/subscribe/en/news/topic/migrants-and-refugees/feed/rss.xml",
        kind: SourceKind::Other,
        language: "en",
        drop_selectors: "",
        about: "United Nations news on migration",
    },
    KnownSource {
        name: "Statewatch",
        url: "https://www.statewatch.org/feed/",
        kind: SourceKind::Ngo,
        language: "en",
        drop_selectors: "",
        about: "State and civil liberties in Europe",
    },
    KnownSource {
        name: "VRT NWS",
        url: "https://www.vrt.be/vrtnws/nl.rss.articles.xml",
        kind: SourceKind::Media,
        language: "nl",
        drop_selectors: "",
        about: "Flemish public broadcaster (Dutch)",
    },
    KnownSource {
        name: "Fedasil",
        url: "https://www.fedasil.be/en/taxonomy/term/153/feed",
        kind: SourceKind::Government,
        language: "en",
        drop_selectors: "",
        about: "Belgian federal reception agency",
    },
    KnownSource {
        name: "Vluchtelingenwerk Vlaanderen",
        url: "https://vluchtelingenwerk.be/rss.xml",
        kind: SourceKind::Ngo,
        language: "nl",
        drop_selectors: "",
        about: "Flemish refugee-rights NGO (Dutch)",
    },
    KnownSource {
        name: "CIRÉ",
        url: "https://www.cire.be/feed/",
        kind: SourceKind::Ngo,
        language: "fr",
        drop_selectors: "",
        about: "Coordination for refugees and foreigners (French)",
    },
    KnownSource {
        name: "European Commission press corner",
        url: "https://ec.europa.eu/commission/presscorner/api/rss?language=en",
        kind: SourceKind::Government,
        language: "en",
        drop_selectors: "",
        about: "Commission press releases and statements",
    },
    KnownSource {
        name: "EU Asylum Agency",
        url: "https://euaa.europa.eu/category/press-releases/feed",
        kind: SourceKind::Government,
        language: "en",
        drop_selectors: "",
        about: "EUAA press releases",
    },
    KnownSource {
        name: "AIDA (Asylum in Europe)",
        url: "https://asylumineurope.org/feed/",
        kind: SourceKind::Ngo,
        language: "en",
        drop_selectors: "",
        about: "ECRE's asylum information database",
    },
    KnownSource {
        name: "Council for Alien Law Litigation",
        url: "https://www.rvv-cce.be/rss.xml",
        kind: SourceKind::Government,
        language: "nl",
        drop_selectors: "",
        about: "Belgian asylum court (RvV/CCE)",
    },
];

/// The built-in rules for a feed URL, when it is one of the known sources.
pub fn built_in_rules(url: &str) -> Option<&'static str> {
    DEFAULT_SOURCES
        .iter()
        .chain(SUGGESTED_SOURCES)
        .find(|s| s.url == url && !s.drop_selectors.is_empty())
        .map(|s| s.drop_selectors)
}
