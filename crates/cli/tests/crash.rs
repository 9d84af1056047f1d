//! Crash safety: the CLI is killed with SIGKILL at pseudo-random moments during a refresh,
//! twenty times. After each kill the archive passes `integrity_check`, every item committed
//! before the kill is intact and searchable, and the next refresh completes what was missing.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use counterpoint_core::store::Archive;
use counterpoint_e2e::{FixtureServer, Route};

const FEEDS: usize = 40;
const ITEMS_PER_FEED: usize = 40;
/// Each answer takes this long, so a refresh spans seconds and a kill lands inside one.
const DELAY: Duration = Duration::from_millis(100);
const ROUNDS: usize = 20;

/// Feed `feed` as it is in round `round`: every round brings two new items, so every refresh
/// has writing to do when it is killed.
fn feed(feed: usize, round: usize) -> Vec<u8> {
    let mut xml =
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title>");
    for item in 0..ITEMS_PER_FEED + 2 * round {
        let paragraph = "The reception agency said the network was under pressure, while refugee-rights groups warned that people were sleeping rough and called on the government to open more places before the winter. ".repeat(4);
        xml.push_str(&format!(
            "<item><title>Story zq{feed}x{item} about asylum policy</title><link>https://crash.example/{feed}/{item}</link><guid>c-{feed}-{item}</guid><pubDate>Mon, 10 Mar 2025 10:00:00 GMT</pubDate><description>{paragraph}</description></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    xml.into_bytes()
}

/// A small deterministic generator, so a failing round can be replayed.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn snapshot(archive: &Archive) -> HashMap<String, (String, String)> {
    let mut stmt = archive
        .connection()
        .prepare("SELECT key, title, content_text FROM items")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            (r.get::<_, String>(1)?, r.get::<_, String>(2)?),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn sigkill_during_refresh_never_corrupts_or_loses_items() {
    let server = FixtureServer::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    let publish = |round: usize| {
        for f in 0..FEEDS {
            server.route(
                &format!("/feed{f}.xml"),
                Route::Delayed {
                    delay: DELAY,
                    route: Box::new(Route::feed(feed(f, round))),
                },
            );
        }
    };
    publish(0);
    {
        let archive = Archive::open(&db).unwrap();
        for f in 0..FEEDS {
            let url = server.url(&format!("/feed{f}.xml"));
            archive
                .add_source(&counterpoint_core::model::NewSource {
                    url,
                    ..Default::default()
                })
                .unwrap();
        }
    }
    let run_on = |db: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_counterpoint"))
            .arg("--db")
            .arg(db)
            .args(["fetch", "--no-full-text"])
            .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let run = || run_on(&db);
    // Two connections per host answer in turn: a whole refresh takes at least this long.
    let full_ms = (FEEDS as u64 / 2) * DELAY.as_millis() as u64;
    let mut rng = XorShift(0x5eed_c0de_1234_5678);
    let mut committed: HashMap<String, (String, String)> = HashMap::new();
    let mut interrupted = 0;
    for round in 0..ROUNDS {
        publish(round);
        let mut child = run();
        std::thread::sleep(Duration::from_millis(
            full_ms / 20 + rng.next() % (full_ms / 2),
        ));
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let archive = Archive::open(&db)
            .unwrap_or_else(|e| panic!("round {round}: the archive does not open: {e}"));
        archive
            .integrity_check()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        let now = snapshot(&archive);
        for (key, before) in &committed {
            assert_eq!(
                now.get(key),
                Some(before),
                "round {round}: item {key} changed or vanished"
            );
        }
        // Everything in the archive is in the index too (same transaction).
        let indexed: i64 = archive
            .connection()
            .query_row(
                "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'asylum'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            indexed as usize,
            now.len(),
            "round {round}: the index and the items disagree"
        );
        if let Some((key, (title, _))) = now.iter().next() {
            let token = title.split_whitespace().nth(1).unwrap();
            let hit: String = archive
                .connection()
                .query_row("SELECT i.key FROM items_fts JOIN items i ON i.id = items_fts.rowid WHERE items_fts MATCH ?1", [token], |r| r.get(0))
                .unwrap();
            assert_eq!(&hit, key);
        }
        committed = now;
    }
    assert!(interrupted >= ROUNDS / 2, "only {interrupted} of {ROUNDS} kills landed during a refresh; the test is not testing much");

    // A refresh left alone completes what the kills cut short.
    let status = run().wait().unwrap();
    assert!(status.success());
    let archive = Archive::open(&db).unwrap();
    archive.integrity_check().unwrap();
    let all = snapshot(&archive);
    assert_eq!(all.len(), FEEDS * (ITEMS_PER_FEED + 2 * (ROUNDS - 1)));
    for (key, before) in &committed {
        assert_eq!(all.get(key), Some(before));
    }
    eprintln!("{interrupted} of {ROUNDS} kills landed during a refresh; {} items committed before the last kill survived", committed.len());
}
