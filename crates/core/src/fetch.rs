//! HTTP for feeds and article pages: rustls, bounded concurrency (global and per host),
//! timeouts, a body cap that also bounds decompressed size, conditional GET and Retry-After.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use reqwest::header::{
    HeaderMap, ACCEPT, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use reqwest::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

/// Limits for every request. The defaults suit a desktop reader; tests shorten the timeouts.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    pub connect_timeout: Duration,
    /// Covers the whole exchange, body included, so a server that trickles bytes is cut off.
    pub total_timeout: Duration,
    /// The most bytes read from a body, after decompression: it caps both huge bodies and
    /// compression bombs.
    pub max_body_bytes: usize,
    pub max_redirects: usize,
    pub max_concurrent: usize,
    pub max_per_host: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: format!(
                "Counterpoint/{} (desktop feed reader; +https://counterpoint.invalid)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_body_bytes: 15 * 1024 * 1024,
            max_redirects: 5,
            max_concurrent: 8,
            max_per_host: 2,
        }
    }
}

/// Validators from the last successful fetch.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful exchange.
#[derive(Debug)]
pub enum Fetched {
    Body {
        body: Vec<u8>,
        final_url: Url,
        validators: Validators,
        content_type: Option<String>,
    },
    NotModified,
}

/// Why a request failed, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(usize),
    #[error("the response is larger than {} MiB and was cut off", .0 / (1024 * 1024))]
    TooLarge(usize),
    #[error("the feed is gone (HTTP {0})")]
    Gone(u16),
    #[error("rate limited by the server (HTTP {status}){}", retry_after.map(|s| format!("; it asked to wait {s} s")).unwrap_or_default())]
    RateLimited {
        status: u16,
        retry_after: Option<u64>,
    },
    #[error("the server refused access (HTTP {0}); it may block feed readers")]
    Forbidden(u16),
    #[error("the server answered HTTP {0}")]
    Status(u16),
    #[error("the connection broke while reading the response: {0}")]
    Body(String),
    #[error("{0}")]
    Other(String),
}

impl FetchError {
    /// Seconds the server asked us to wait, if it did.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            FetchError::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// A shared HTTP client with its concurrency bounds.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    global: Arc<Semaphore>,
    hosts: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .finish()
    }
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> crate::Result<Fetcher> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .timeout(config.total_timeout)
            .redirect(reqwest::redirect::Policy::limited(config.max_redirects))
            .gzip(true)
            .brotli(true)
            .deflate(true)
            .build()
            .map_err(|e| crate::Error::Fetch(e.to_string()))?;
        Ok(Fetcher {
            client,
            global: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            hosts: Arc::new(Mutex::new(HashMap::new())),
            config,
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    async fn permits(&self, url: &Url) -> (OwnedSemaphorePermit, OwnedSemaphorePermit) {
        let host_semaphore = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            hosts
                .entry(url.host_str().unwrap_or("").to_ascii_lowercase())
                .or_insert_with(|| Arc::new(Semaphore::new(self.config.max_per_host.max(1))))
                .clone()
        };
        // Take the host permit first so that a busy host does not hold global slots idle.
        let host = host_semaphore
            .acquire_owned()
            .await
            .expect("semaphore never closed");
        let global = self
            .global
            .clone()
            .acquire_owned()
            .await
            .expect("semaphore never closed");
        (host, global)
    }

    /// GETs a URL, conditionally when validators are given.
    pub async fn get(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        accept: &str,
    ) -> Result<Fetched, FetchError> {
        let _permits = self.permits(url).await;
        let mut request = self.client.get(url.clone()).header(ACCEPT, accept);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                request = request.header(IF_MODIFIED_SINCE, lm);
            }
        }
        let response = request.send().await.map_err(|e| self.describe(e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(status_error(status, response.headers()));
        }
        let final_url = response.url().clone();
        let headers = response.headers();
        let validators = Validators {
            etag: header(headers, ETAG.as_str()),
            last_modified: header(headers, LAST_MODIFIED.as_str()),
        };
        let content_type = header(headers, "content-type");
        let max = self.config.max_body_bytes;
        let announced = response.content_length().map(|len| len as usize);
        if announced.is_some_and(|len| len > max) {
            return Err(FetchError::TooLarge(max));
        }
        // Room for the announced length from the start, rather than a buffer that doubles and
        // copies itself as a feed of a few hundred kilobytes arrives. The length is only a
        // server's word: the cap above bounds it.
        let mut body = Vec::with_capacity(announced.unwrap_or(0));
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| self.describe(e))?;
            if body.len() + chunk.len() > max {
                return Err(FetchError::TooLarge(max));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Body {
            body,
            final_url,
            validators,
            content_type,
        })
    }

    fn describe(&self, e: reqwest::Error) -> FetchError {
        if e.is_timeout() {
            FetchError::Timeout(self.config.total_timeout.as_secs().max(1))
        } else if e.is_redirect() {
            FetchError::TooManyRedirects(self.config.max_redirects)
        } else if e.is_connect() {
            FetchError::Connect(root_cause(&e))
        } else if e.is_body() || e.is_decode() {
            FetchError::Body(root_cause(&e))
        } else {
            FetchError::Other(root_cause(&e))
        }
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn status_error(status: StatusCode, headers: &HeaderMap) -> FetchError {
    let code = status.as_u16();
    match code {
        404 | 410 => FetchError::Gone(code),
        429 | 503 => match (
            code,
            header(headers, RETRY_AFTER.as_str()).and_then(|v| parse_retry_after(&v)),
        ) {
            (503, None) => FetchError::Status(503),
            (_, retry_after) => FetchError::RateLimited {
                status: code,
                retry_after,
            },
        },
        401 | 403 => FetchError::Forbidden(code),
        _ => FetchError::Status(code),
    }
}

/// Retry-After is either seconds or an HTTP date. Absurd values are capped at a week.
pub fn parse_retry_after(value: &str) -> Option<u64> {
    let value = value.trim();
    let seconds = match value.parse::<u64>() {
        Ok(s) => s,
        Err(_) => {
            let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
            (date.timestamp() - chrono::Utc::now().timestamp()).max(0) as u64
        }
    };
    Some(seconds.min(7 * 24 * 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        assert_eq!(parse_retry_after("120"), Some(120));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(0));
        assert_eq!(parse_retry_after("99999999"), Some(7 * 24 * 3600));
        assert_eq!(parse_retry_after("soon"), None);
    }
}
