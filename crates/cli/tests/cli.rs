//! The `counterpoint` command as a user runs it: the real binary, a real archive file, real
//! HTTP from the fixture server on 127.0.0.1. The JSON shapes checked here are a contract.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use counterpoint_e2e::{fixture, FixtureServer, Route};
use serde_json::Value;

struct Cli {
    db: PathBuf,
    _dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        Cli {
            db: dir.path().join("archive.db"),
            _dir: dir,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_counterpoint"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            // No test may reach the real default sources on the internet.
            .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn keys(value: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    k.sort();
    k
}

fn has_all(value: &Value, wanted: &[&str]) {
    let present = keys(value);
    for key in wanted {
        assert!(present.contains(key), "missing {key:?} in {present:?}");
    }
}

#[test]
fn add_fetch_list_show_remove() {
    let server = FixtureServer::start();
    let ecre = server.route(
        "/ecre/feed/",
        Route::feed(fixture("feeds/ecre-wordpress.xml")),
    );
    let broken = server.route(
        "/broken",
        Route::Status {
            status: 500,
            headers: vec![],
            body: vec![],
        },
    );
    let cli = Cli::new();
    assert!(cli
        .ok(&["sources", "add", &ecre, "--kind", "ngo", "--lang", "en"])
        .contains("added source 1"));
    cli.ok(&["sources", "add", &broken, "--name", "Broken feed"]);

    let report = cli.json(&["fetch", "--json"]);
    has_all(
        &report,
        &["sources", "new", "updated", "errors", "retagged"],
    );
    assert_eq!(
        (
            report["new"].as_u64(),
            report["errors"].as_u64(),
            report["retagged"].as_u64()
        ),
        (Some(2), Some(1), Some(0))
    );
    let sources = report["sources"].as_array().unwrap();
    let ok = sources.iter().find(|s| s["url"] == ecre.as_str()).unwrap();
    has_all(ok, &["id", "url", "status", "new", "updated", "error"]);
    assert_eq!(ok["status"], "ok");
    let failed = sources
        .iter()
        .find(|s| s["url"] == broken.as_str())
        .unwrap();
    assert_eq!(failed["status"], "error");
    assert_eq!(failed["error"], "the server answered HTTP 500");

    let list = cli.json(&["sources", "list", "--json"]);
    let first = &list.as_array().unwrap()[0];
    has_all(
        first,
        &[
            "id", "url", "name", "kind", "language", "status", "error", "items",
        ],
    );
    let ecre_row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["url"] == ecre.as_str())
        .unwrap();
    assert_eq!(
        (ecre_row["kind"].as_str(), ecre_row["items"].as_u64()),
        (Some("ngo"), Some(2))
    );

    let item = cli.json(&["show", "1", "--json"]);
    has_all(
        &item,
        &[
            "id",
            "source",
            "url",
            "title",
            "author",
            "published",
            "language",
            "summary",
            "content_text",
            "content_html",
            "full_text",
            "countries",
            "stance",
            "voices",
            "note",
            "pinned",
        ],
    );
    assert!(item["title"].as_str().unwrap().starts_with("Greece"));
    assert_eq!(item["published"], "2025-03-14T11:55:02Z");
    assert!(!item["content_html"].as_str().unwrap().contains("<script"));

    // Fetching again changes nothing and duplicates nothing.
    let again = cli.json(&["fetch", "--json", "--source", &ecre]);
    assert_eq!(again["new"], 0);
    assert_eq!(again["sources"][0]["status"], "not_modified");

    assert!(cli.ok(&["sources", "remove", &ecre]).contains("2 items"));
    assert_eq!(
        cli.json(&["sources", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// The first fetch of an archive whose items an older build tagged re-tags them, says so,
/// and the next fetch has nothing left to re-tag.
#[test]
fn the_first_fetch_after_an_upgrade_re_tags_older_items() {
    let server = FixtureServer::start();
    let feed = server.route("/atom.xml", Route::feed(fixture("feeds/atom.xml")));
    let cli = Cli::new();
    std::fs::copy(counterpoint_e2e::newest_fixture_archive(), &cli.db).unwrap();
    cli.ok(&["sources", "add", &feed]);

    let out = cli.ok(&["fetch", "--source", &feed]);
    let retagged: usize = out
        .lines()
        .find_map(|l| l.strip_suffix(" items stored by an older tagger were re-tagged"))
        .unwrap_or_else(|| panic!("no re-tagging reported: {out}"))
        .parse()
        .unwrap();
    assert!(retagged >= 3, "{out}");
    let again = cli.json(&["fetch", "--json", "--source", &feed]);
    assert_eq!(again["retagged"], 0);
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    let cli = Cli::new();
    let out = cli.run(&["sources", "add"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli.run(&["sources", "add", "https://x.example/feed", "--kind", "blog"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown source kind"));
    let out = cli.run(&["show", "999"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim(), "counterpoint: no item with id 999");
    let out = cli.run(&["sources", "add", "ftp://x.example/feed"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only http and https"));
}

#[test]
fn opml_round_trip() {
    let cli = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    let opml = dir.path().join("in.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
        <outline text="NGOs"><outline text="ECRE" xmlUrl="https://ecre.org/feed/" htmlUrl="https://ecre.org/"/>
        <outline text="HRW" xmlUrl="https://www.hrw.org/rss/news"/></outline></body></opml>"#,
    )
    .unwrap();
    assert!(cli
        .ok(&["opml", "import", opml.to_str().unwrap()])
        .contains("2 sources added"));
    assert!(cli
        .ok(&["opml", "import", opml.to_str().unwrap()])
        .contains("0 sources added, 2 skipped"));
    let out = dir.path().join("out.opml");
    cli.ok(&["opml", "export", out.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(exported.contains(r#"xmlUrl="https://ecre.org/feed/""#) && exported.contains("HRW"));
    // The export reads back into a fresh archive as the same sources.
    let other = Cli::new();
    other.ok(&["opml", "import", out.to_str().unwrap()]);
    assert_eq!(
        other
            .json(&["sources", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(cli.ok(&["opml", "export"]).contains("<opml"));
}

#[test]
fn tag_reads_json_or_text_on_stdin() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .args(["tag", "--json", "--source-kind", "agency"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"title": "Fedasil opens 400 places", "text": "The State Secretary said the network was full."}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    has_all(&v, &["language", "countries", "stance", "voices"]);
    has_all(&v["voices"], &["government", "ngo_concern"]);
}

#[test]
fn a_new_archive_starts_with_the_default_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let out = Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .arg("--db")
        .arg(&db)
        .args(["sources", "list", "--json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let urls: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), 3);
    for expected in [
        "https://www.belganewsagency.eu/feed",
        "https://ecre.org/feed/",
        "https://efe.com/feed/",
    ] {
        assert!(urls.contains(&expected), "{urls:?}");
    }
    assert!(Path::new(&db).exists());
}

#[test]
fn the_db_flag_defaults_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .env("COUNTERPOINT_DB", &db)
        .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1")
        .args([
            "sources",
            "add",
            "http://127.0.0.1:9/feed",
            "--name",
            "Offline",
        ])
        .output()
        .unwrap();
    // Nothing listens there: the source is still added, its error will show at fetch time.
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.exists());
}
