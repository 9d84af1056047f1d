//! Figures for the app on a large archive, in the real window under WebDriver: time from
//! launch to the first list painted, search round trips, and the resident memory of every app
//! process (the Rust process and WebKit's web and network processes).
//!
//! Runs only when `COUNTERPOINT_BENCH_ITEMS` is set (e.g. 1000000) and there is a display;
//! `scripts/bench-app.sh` sets both. The archive is generated once and kept under
//! `CARGO_TARGET_TMPDIR`. It asserts nothing about time: it prints the figures.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use counterpoint_core::model::{CountryTag, NewSource, SourceKind, Span, Stance, Tagging, Voices};
use counterpoint_core::store::{Archive, NewItem};
use fantoccini::{ClientBuilder, Locator};
use serde_json::{json, Value};

const COUNTRIES: &[&str] = &[
    "BE", "NL", "FR", "DE", "GR", "IT", "ES", "TR", "PL", "HU", "EU", "LY", "TN", "MA", "AF", "SY",
];
const WORDS: &[&str] = &[
    "asylum",
    "reception",
    "pushbacks",
    "border",
    "minister",
    "detention",
    "relocation",
    "visa",
    "returns",
    "family",
    "reunification",
    "court",
    "ruling",
    "shelter",
    "crisis",
    "budget",
    "pact",
    "solidarity",
    "frontex",
    "smuggling",
    "unaccompanied",
    "children",
    "procedure",
    "appeal",
    "deportation",
    "integration",
    "labour",
    "permit",
    "quota",
    "camp",
];

fn generate(path: &Path, n: usize) {
    let mut archive = Archive::open(path).unwrap();
    let sources: Vec<i64> = (0..20)
        .map(|i| {
            let kind = [
                SourceKind::Agency,
                SourceKind::Ngo,
                SourceKind::Government,
                SourceKind::Media,
            ][i % 4];
            archive
                .add_source(&NewSource {
                    url: format!("https://bench{i}.example/feed"),
                    name: Some(format!("Bench source {i}")),
                    kind,
                    ..NewSource::default()
                })
                .unwrap()
                .id
        })
        .collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let start = 1_600_000_000i64;
    let batch = 5_000;
    let mut made = 0;
    while made < n {
        let source = sources[(made / batch) % sources.len()];
        let items: Vec<NewItem> = (made..(made + batch).min(n))
            .map(|i| {
                let words: Vec<&str> = (0..8)
                    .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                    .collect();
                let title = format!(
                    "{} {} {} in {}",
                    words[0],
                    words[1],
                    words[2],
                    COUNTRIES[i % COUNTRIES.len()]
                );
                let text = format!(
                    "{} The minister said {} {}. NGOs warned about {} {} {}.",
                    words.join(" "),
                    words[3],
                    words[4],
                    words[5],
                    words[6],
                    words[7]
                );
                let stance = Stance::ALL[(next() % 4) as usize];
                let country = |code: &str| CountryTag {
                    code: code.into(),
                    name: code.into(),
                    score: 0.8,
                    focus: true,
                    evidence: vec![],
                };
                NewItem {
                    key: format!("bench-{i}"),
                    title,
                    url: Some(format!("https://bench.example/{i}")),
                    author: None,
                    published: Some(start + i as i64 * 60),
                    language: Some("en".into()),
                    summary: None,
                    content_html: Some(format!("<p>{text}</p>")),
                    content_text: text,
                    full_text: true,
                    extract_error: None,
                    entry_hash: format!("h{i}"),
                    tagging: Tagging {
                        language: "en".into(),
                        countries: vec![
                            country(COUNTRIES[i % COUNTRIES.len()]),
                            country(COUNTRIES[(i / 7) % COUNTRIES.len()]),
                        ],
                        stance,
                        voices: Voices {
                            government: vec![Span {
                                start: 0,
                                end: 10,
                                text: String::new(),
                            }],
                            ngo_concern: vec![],
                        },
                    },
                    tagger_version: 1,
                }
            })
            .collect();
        made += items.len();
        archive.store_items(source, &items, None).unwrap();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        std::thread::sleep(Duration::from_secs(2));
        let _ = self.0.kill();
    }
}

/// Resident memory (kB) of the app's processes: its own and WebKit's children.
fn app_rss_kb() -> (u64, Vec<(String, u64)>) {
    let mut parts = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let name = status
            .lines()
            .find_map(|l| l.strip_prefix("Name:"))
            .unwrap_or("")
            .trim()
            .to_string();
        if !(name == "counterpoint-app"
            || name.starts_with("counterpoint-ap")
            || name.starts_with("WebKitWebProces")
            || name.starts_with("WebKitNetworkPr"))
        {
            continue;
        }
        let rss = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0);
        parts.push((name, rss));
    }
    (parts.iter().map(|(_, r)| r).sum(), parts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_on_a_large_archive() {
    let Some(n) = std::env::var("COUNTERPOINT_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    else {
        eprintln!("skipped: set COUNTERPOINT_BENCH_ITEMS (scripts/bench-app.sh does)");
        return;
    };
    let db = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-{n}.db"));
    if !db.exists() {
        let t = Instant::now();
        generate(&db, n);
        eprintln!("generated {n} items in {:.1} s", t.elapsed().as_secs_f64());
    }
    let driver_bin = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| "tauri-driver".into());
    let port = free_port();
    let driver = Driver(
        Command::new(driver_bin)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &free_port().to_string(),
            ])
            .env("COUNTERPOINT_DB", &db)
            .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1")
            // No network in a benchmark: exports and links go nowhere either.
            .env("COUNTERPOINT_E2E_SAVE_DIR", std::env::temp_dir())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": env!("CARGO_BIN_EXE_counterpoint-app") }),
    );
    let launched = Instant::now();
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap();
    loop {
        if let Ok(Value::Bool(true)) = c.execute("return document.body.dataset.listReady === '1' && document.querySelectorAll('.row[data-id]').length > 0", vec![]).await {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let start_ms = launched.elapsed().as_millis();
    let since_load: Value = c
        .execute("return Math.round(performance.now())", vec![])
        .await
        .unwrap();
    eprintln!("BENCH start_to_first_list_ms={start_ms} (of which in the page since navigation: {since_load} ms)");

    for query in [
        "asylum",
        "pushbacks frontex",
        "minister country:BE",
        "reunification voice:ngo_concern",
        "zzzznotaword",
    ] {
        c.execute("document.body.dataset.searchMs = ''; const s = document.getElementById('search'); s.value = ''; return true", vec![]).await.unwrap();
        // Found anew each time: the toolbar is redrawn after the start-up refresh.
        c.find(Locator::Css("#search")).await.unwrap().send_keys(query).await.unwrap();
        let typed = Instant::now();
        loop {
            if let Ok(Value::String(ms)) = c
                .execute("return document.body.dataset.searchMs", vec![])
                .await
            {
                if !ms.is_empty() {
                    eprintln!("BENCH search {query:?}: round trip {ms} ms; shown {} ms after the last key (60 ms of it is the typing pause)", typed.elapsed().as_millis());
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    // Scroll to the far end of the list and back: pages load by offset.
    let scroll_ms: Value = c
        .execute(
            "const l = document.querySelector('.list'); const t = performance.now(); l.scrollTop = l.scrollHeight; return new Promise(r => { const check = () => { const rows = document.querySelectorAll('.row[data-id]'); if (rows.length > 5) r(Math.round(performance.now() - t)); else setTimeout(check, 5); }; setTimeout(check, 20); })",
            vec![],
        )
        .await
        .unwrap_or(Value::Null);
    eprintln!("BENCH scroll_to_end_ms={scroll_ms}");
    let (total, parts) = app_rss_kb();
    eprintln!("BENCH resident_memory_mb={} ({parts:?})", total / 1024);
    c.close().await.unwrap();
    drop(driver);
}
