//! Adding a source the way a person does: paste a feed URL or a site's URL.
//!
//! A site's page is searched for `<link rel="alternate">` feeds. When the URL cannot be
//! reached right now, the source is added as given and its error shows at the next refresh:
//! being offline must not stop anyone from subscribing.

use url::Url;

use crate::discover::discover_feeds;
use crate::fetch::{Fetched, Fetcher};
use crate::model::{NewSource, Source};
use crate::parse::{parse_feed, ParseError};
use crate::sources::built_in_rules;
use crate::store::Archive;
use crate::{Error, Result};

/// Adds a source, following autodiscovery when the URL is a web page.
pub async fn subscribe(archive: &Archive, fetcher: &Fetcher, mut new: NewSource) -> Result<Source> {
    let url = Url::parse(new.url.trim()).map_err(|e| Error::InvalidUrl {
        url: new.url.clone(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::InvalidUrl {
            url: new.url.clone(),
            reason: "only http and https URLs can be fetched".into(),
        });
    }
    if let Ok(Fetched::Body { body, final_url, .. }) = fetcher.get(&url, None, "application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.8, */*;q=0.5").await {
        match parse_feed(&body, Some(&final_url)) {
            Ok(feed) => {
                if new.name.is_none() {
                    new.name = feed.title;
                }
                new.site_url = new.site_url.or(feed.site_url);
                new.language = new.language.or(feed.language);
            }
            Err(ParseError::Html) => {
                let page = String::from_utf8_lossy(&body);
                let found = discover_feeds(&page, &final_url);
                let Some(first) = found.into_iter().next() else {
                    return Err(Error::Fetch(format!("{url} is a web page that advertises no feed; paste the feed's own URL")));
                };
                new.site_url = Some(final_url.to_string());
                new.url = first.url;
                if new.name.is_none() {
                    new.name = first.title;
                }
            }
            Err(e) => return Err(Error::Fetch(format!("{url} is not a feed: {e}"))),
        }
    }
    let rules = built_in_rules(&new.url);
    archive.add_source_with_rules(&new, rules)
}
