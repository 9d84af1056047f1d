//! Test support shared by the end-to-end tests of every crate: a fixture HTTP server on
//! 127.0.0.1 that serves the captured-style files under `tests/fixtures/` and can misbehave
//! on purpose (hang, trickle, truncate, rate-limit, revalidate with 304).
//!
//! It speaks just enough HTTP/1.1 by hand, on purpose: a real server library would refuse to
//! send the broken answers these tests need.

pub mod corpus;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use counterpoint_core::fetch::{FetchConfig, Fetcher};
use counterpoint_core::model::{Item, NewSource, SourceKind};
use counterpoint_core::refresh::{refresh, RefreshOptions, RefreshReport};
use counterpoint_core::store::Archive;

/// The folder of fixtures.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The fixture archive of the newest schema kept (`fixtures/archives/vN.db`, one schema behind
/// the latest), whose items an older tagger tagged.
pub fn newest_fixture_archive() -> PathBuf {
    let archives = fixtures_dir().join("archives");
    (1..)
        .map(|v| archives.join(format!("v{v}.db")))
        .take_while(|p| p.exists())
        .last()
        .expect("fixture archives exist")
}

/// A fixture file's bytes.
pub fn fixture(relative: &str) -> Vec<u8> {
    let path = fixtures_dir().join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// How the server answers one path.
#[derive(Debug, Clone)]
pub enum Route {
    /// A normal answer. With `etag`, a matching `If-None-Match` gets 304.
    Ok {
        content_type: String,
        body: Vec<u8>,
        etag: Option<String>,
        extra_headers: Vec<(String, String)>,
    },
    /// Any status with a body and headers.
    Status {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Accepts the connection and never answers.
    Hang,
    /// Sends the headers, then one byte per `interval`.
    Trickle { interval: Duration },
    /// Promises more bytes than it sends, then closes.
    Truncated {
        content_type: String,
        body: Vec<u8>,
        promised: usize,
    },
    /// A redirect to another location.
    Redirect { status: u16, location: String },
    /// `chunk` repeated `repeat` times, without a Content-Length (the body ends when the
    /// connection closes): for bodies larger than any cap.
    Stream {
        content_type: String,
        chunk: Vec<u8>,
        repeat: usize,
    },
    /// Another route, answered after a pause (a slow but healthy server).
    Delayed { delay: Duration, route: Box<Route> },
}

impl Route {
    pub fn feed(body: Vec<u8>) -> Route {
        Route::Ok {
            content_type: "application/rss+xml; charset=utf-8".into(),
            body,
            etag: None,
            extra_headers: vec![],
        }
    }
    pub fn html(body: Vec<u8>) -> Route {
        Route::Ok {
            content_type: "text/html; charset=utf-8".into(),
            body,
            etag: None,
            extra_headers: vec![],
        }
    }
    pub fn with_etag(body: Vec<u8>, etag: &str) -> Route {
        Route::Ok {
            content_type: "application/rss+xml".into(),
            body,
            etag: Some(etag.into()),
            extra_headers: vec![],
        }
    }
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Route>,
    hits: HashMap<String, usize>,
    /// Request headers (lower-cased names) of the last request per path.
    last_headers: HashMap<String, HashMap<String, String>>,
}

/// A running fixture server. It stops when dropped.
pub struct FixtureServer {
    ip: String,
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl FixtureServer {
    pub fn start() -> FixtureServer {
        FixtureServer::start_on("127.0.0.1")
    }

    /// A server on another loopback address (127.0.0.2, …): another host, as far as per-host
    /// limits are concerned.
    pub fn start_on(ip: &str) -> FixtureServer {
        let listener = TcpListener::bind((ip, 0)).expect("bind a loopback address");
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (state2, stop2) = (state.clone(), stop.clone());
        thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (state, stop) = (state2.clone(), stop2.clone());
                        thread::spawn(move || {
                            let _ = serve(stream, &state, &stop);
                        });
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        FixtureServer {
            ip: ip.to_string(),
            port,
            state,
            stop,
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}:{}{}", self.ip, self.port, path)
    }

    pub fn route(&self, path: &str, route: Route) -> String {
        self.state
            .lock()
            .unwrap()
            .routes
            .insert(path.to_string(), route);
        self.url(path)
    }

    /// How many requests reached `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .hits
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// A header of the last request to `path`.
    pub fn last_header(&self, path: &str, name: &str) -> Option<String> {
        self.state
            .lock()
            .unwrap()
            .last_headers
            .get(path)
            .and_then(|h| h.get(&name.to_ascii_lowercase()).cloned())
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>, stop: &AtomicBool) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    // Real servers disable Nagle's algorithm; without this, a header written apart from its
    // body waits for the client's delayed ACK (about 40 ms per response).
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_string();
        let mut headers = HashMap::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let route = {
            let mut s = state.lock().unwrap();
            *s.hits.entry(path.clone()).or_default() += 1;
            s.last_headers.insert(path.clone(), headers.clone());
            s.routes.get(&path).cloned()
        };
        let route = match route {
            Some(Route::Delayed { delay, route }) => {
                thread::sleep(delay);
                Some(*route)
            }
            other => other,
        };
        let Some(route) = route else {
            write_response(
                &mut stream,
                404,
                &[("Content-Type".into(), "text/plain".into())],
                b"not found",
            )?;
            continue;
        };
        match route {
            Route::Ok {
                content_type,
                body,
                etag,
                extra_headers,
            } => {
                let last_modified = extra_headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("last-modified"))
                    .map(|(_, v)| v.clone());
                let fresh_by_date = last_modified.is_some()
                    && headers.get("if-modified-since") == last_modified.as_ref();
                if (etag.is_some() && headers.get("if-none-match") == etag.as_ref())
                    || fresh_by_date
                {
                    let validators: Vec<(String, String)> =
                        etag.into_iter().map(|e| ("ETag".to_string(), e)).collect();
                    write_response(&mut stream, 304, &validators, b"")?;
                    continue;
                }
                let mut h = vec![("Content-Type".to_string(), content_type)];
                if let Some(etag) = etag {
                    h.push(("ETag".into(), etag));
                }
                h.extend(extra_headers);
                write_response(&mut stream, 200, &h, &body)?;
            }
            Route::Status {
                status,
                headers,
                body,
            } => write_response(&mut stream, status, &headers, &body)?,
            Route::Redirect { status, location } => {
                write_response(&mut stream, status, &[("Location".into(), location)], b"")?
            }
            Route::Delayed { .. } => {
                write_response(&mut stream, 500, &[], b"nested delays are not supported")?
            }
            Route::Hang => {
                while !stop.load(Ordering::Relaxed) {
                    thread::sleep(Duration::from_millis(50));
                }
                return Ok(());
            }
            Route::Trickle { interval } => {
                stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n")?;
                while !stop.load(Ordering::Relaxed) {
                    stream.write_all(b"<")?;
                    stream.flush()?;
                    thread::sleep(interval);
                }
                return Ok(());
            }
            Route::Stream {
                content_type,
                chunk,
                repeat,
            } => {
                write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nConnection: close\r\n\r\n"
                )?;
                for _ in 0..repeat {
                    if stop.load(Ordering::Relaxed) || stream.write_all(&chunk).is_err() {
                        break;
                    }
                }
                return Ok(());
            }
            Route::Truncated {
                content_type,
                body,
                promised,
            } => {
                write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {promised}\r\nConnection: close\r\n\r\n")?;
                stream.write_all(&body)?;
                stream.flush()?;
                return Ok(());
            }
        }
        if headers
            .get("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"))
        {
            return Ok(());
        }
    }
}

fn write_response(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\n",
        reason(status),
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Reads a whole stream into a string (for child process output).
pub fn read_all(mut r: impl Read) -> String {
    let mut s = String::new();
    let _ = r.read_to_string(&mut s);
    s
}

/// A fixture server, a real archive file in a temporary folder and a fetcher with short
/// timeouts: what a pipeline test needs.
pub struct Harness {
    pub server: FixtureServer,
    pub archive: Archive,
    pub fetcher: Fetcher,
    pub dir: tempfile::TempDir,
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with_config(FetchConfig {
            connect_timeout: Duration::from_secs(2),
            total_timeout: Duration::from_secs(2),
            max_body_bytes: 1024 * 1024,
            ..FetchConfig::default()
        })
    }

    pub fn with_config(config: FetchConfig) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::open(dir.path().join("archive.db")).unwrap();
        let fetcher = Fetcher::new(config).unwrap();
        Harness {
            server: FixtureServer::start(),
            archive,
            fetcher,
            dir,
        }
    }

    pub fn add(&self, url: &str, kind: SourceKind) -> i64 {
        self.archive
            .add_source(&NewSource {
                url: url.into(),
                kind,
                ..NewSource::default()
            })
            .unwrap()
            .id
    }

    pub fn add_with_rules(&self, url: &str, kind: SourceKind, rules: &str) -> i64 {
        self.archive
            .add_source_with_rules(
                &NewSource {
                    url: url.into(),
                    kind,
                    ..NewSource::default()
                },
                Some(rules),
            )
            .unwrap()
            .id
    }

    pub fn refresh(&mut self) -> RefreshReport {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(refresh(
            &mut self.archive,
            &self.fetcher,
            &RefreshOptions::default(),
            |_| {},
        ))
        .unwrap()
    }

    /// The items of a source, by id.
    pub fn items(&self, source_id: i64) -> Vec<Item> {
        let mut ids: Vec<i64> = self
            .archive
            .known_items(source_id)
            .unwrap()
            .values()
            .map(|k| k.id)
            .collect();
        ids.sort();
        ids.into_iter()
            .map(|id| self.archive.item(id).unwrap())
            .collect()
    }

    /// A fixture with `{BASE}` replaced by the server's address.
    pub fn feed_with_base(&self, name: &str) -> Vec<u8> {
        String::from_utf8(fixture(name))
            .unwrap()
            .replace("{BASE}", &self.server.url(""))
            .into_bytes()
    }
}

impl Default for Harness {
    fn default() -> Self {
        Harness::new()
    }
}
