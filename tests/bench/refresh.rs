//! `make bench`: Counterpoint's refresh against newsboat's reload, on the same generated corpus
//! served on loopback, in the same run. Cold (empty archive or cache) and warm (every feed
//! answers 304). Prints a table and writes `target/bench/refresh.json`.
//!
//! Usage: bench-refresh [--counterpoint PATH] [--runs N] [--feeds N] [--items N]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use counterpoint_e2e::corpus::generate;
use counterpoint_e2e::{FixtureServer, Route};

const HOSTS: usize = 20;

struct Measure {
    wall: f64,
    cpu: f64,
    max_rss_mib: f64,
}

/// Runs a command under /usr/bin/time and reads wall time, CPU time and peak memory.
fn timed(cmd: Command) -> Measure {
    let report = tempfile::NamedTempFile::new().unwrap();
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .arg("-f")
        .arg("%e %U %S %M")
        .arg("-o")
        .arg(report.path())
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => wrapped.env(k, v),
            None => wrapped.env_remove(k),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        wrapped.current_dir(dir);
    }
    let status = wrapped
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{:?} failed", cmd.get_program());
    let text = std::fs::read_to_string(report.path()).unwrap();
    let fields: Vec<f64> = text
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .map(|f| f.parse().unwrap())
        .collect();
    Measure {
        wall: fields[0],
        cpu: fields[1] + fields[2],
        max_rss_mib: fields[3] / 1024.0,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

struct Summary {
    wall: f64,
    cpu: f64,
    rss: f64,
}

fn summarize(runs: &[Measure]) -> Summary {
    Summary {
        wall: median(runs.iter().map(|m| m.wall).collect()),
        cpu: median(runs.iter().map(|m| m.cpu).collect()),
        rss: median(runs.iter().map(|m| m.max_rss_mib).collect()),
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let counterpoint = arg(&args, "--counterpoint")
        .map(PathBuf::from)
        .unwrap_or(root.join("target/release/counterpoint"));
    let runs: usize = arg(&args, "--runs")
        .map(|r| r.parse().unwrap())
        .unwrap_or(3);
    let feeds: usize = arg(&args, "--feeds")
        .map(|r| r.parse().unwrap())
        .unwrap_or(200);
    let items: usize = arg(&args, "--items")
        .map(|r| r.parse().unwrap())
        .unwrap_or(50);
    assert!(
        counterpoint.exists(),
        "build it first: cargo build --release -p counterpoint-cli"
    );
    assert!(
        Path::new("/usr/bin/newsboat").exists(),
        "newsboat is missing: scripts/ensure-deps.sh bench"
    );

    let servers: Vec<FixtureServer> = (1..=HOSTS)
        .map(|n| FixtureServer::start_on(&format!("127.0.0.{n}")))
        .collect();
    let corpus = generate(feeds, items, |f| servers[f % HOSTS].url(""), 0x00c0_ffee);
    let mut urls = Vec::new();
    let mut bytes = 0;
    for (f, feed) in corpus.iter().enumerate() {
        let server = &servers[f % HOSTS];
        bytes += feed.body.len();
        let route = Route::Ok {
            content_type: "application/xml".into(),
            body: feed.body.clone(),
            etag: Some(format!("\"feed-{f}\"")),
            extra_headers: vec![(
                "Last-Modified".into(),
                "Fri, 28 Mar 2025 10:00:00 GMT".into(),
            )],
        };
        urls.push(server.route(&feed.path, route));
        for (path, page) in &feed.pages {
            server.route(path, Route::html(page.clone()));
        }
    }
    let pages: usize = corpus.iter().map(|f| f.pages.len()).sum();
    println!("corpus: {feeds} feeds × {items} items ({:.1} MB of feeds, {pages} article pages) on {HOSTS} loopback hosts", bytes as f64 / 1e6);

    let work = tempfile::tempdir().unwrap();
    let opml = work.path().join("feeds.opml");
    let mut xml = String::from("<?xml version=\"1.0\"?><opml version=\"2.0\"><body>");
    for url in &urls {
        xml.push_str(&format!("<outline text=\"{url}\" xmlUrl=\"{url}\"/>"));
    }
    xml.push_str("</body></opml>");
    std::fs::write(&opml, xml).unwrap();
    std::fs::write(work.path().join("urls"), urls.join("\n") + "\n").unwrap();
    // Newsboat reloads with as many threads as Counterpoint's global bound.
    std::fs::write(
        work.path().join("newsboat.conf"),
        "reload-threads 8\ndownload-retries 1\ndownload-timeout 30\nshow-read-feeds yes\n",
    )
    .unwrap();

    // `--serve`: only serve the corpus (for profiling a refresh by hand) until killed.
    if args.iter().any(|a| a == "--serve") {
        let keep = work.keep();
        println!("serving; sources in {}", keep.join("feeds.opml").display());
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    let (mut cp_cold, mut cp_warm, mut nb_cold, mut nb_warm) = (vec![], vec![], vec![], vec![]);
    let mut archived = 0;
    for run in 0..runs {
        let db = work.path().join(format!("archive-{run}.db"));
        let status = Command::new(&counterpoint)
            .arg("--db")
            .arg(&db)
            .args(["opml", "import"])
            .arg(&opml)
            .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        let fetch = || {
            let mut c = Command::new(&counterpoint);
            c.arg("--db")
                .arg(&db)
                .arg("fetch")
                .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1");
            c
        };
        cp_cold.push(timed(fetch()));
        cp_warm.push(timed(fetch()));
        let out = Command::new(&counterpoint)
            .arg("--db")
            .arg(&db)
            .args(["sources", "list", "--json"])
            .output()
            .unwrap();
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        archived = list
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["items"].as_u64().unwrap())
            .sum::<u64>();

        let home = work.path().join(format!("nb-home-{run}"));
        std::fs::create_dir_all(&home).unwrap();
        let reload = || {
            let mut c = Command::new("/usr/bin/newsboat");
            c.arg("-x")
                .arg("reload")
                .arg("-u")
                .arg(work.path().join("urls"))
                .arg("-c")
                .arg(home.join("cache.db"))
                .arg("-C")
                .arg(work.path().join("newsboat.conf"))
                .env("HOME", &home)
                .current_dir(&home);
            c
        };
        nb_cold.push(timed(reload()));
        nb_warm.push(timed(reload()));
        // Each run's archive is about 130 MB: kept until the end, five runs left most of a
        // gigabyte in the temporary folder.
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let _ = std::fs::remove_dir_all(&home);
    }

    let (cc, cw, nc, nw) = (
        summarize(&cp_cold),
        summarize(&cp_warm),
        summarize(&nb_cold),
        summarize(&nb_warm),
    );
    println!(
        "archived by Counterpoint: {archived} items (expected {})",
        feeds * items
    );
    println!();
    println!("| medians of {runs} runs        | wall s | CPU s | peak MiB |");
    println!("|-----------------------------|-------:|------:|---------:|");
    for (name, s) in [
        ("Counterpoint cold refresh", &cc),
        ("newsboat cold reload", &nc),
        ("Counterpoint warm refresh", &cw),
        ("newsboat warm reload", &nw),
    ] {
        println!(
            "| {name:<27} | {:>6.2} | {:>5.2} | {:>8.0} |",
            s.wall, s.cpu, s.rss
        );
    }
    println!();
    println!(
        "cold: newsboat wall / Counterpoint wall = {:.2} (target ≥ 1.0)",
        nc.wall / cc.wall
    );
    println!(
        "warm: newsboat wall / Counterpoint wall = {:.2} (target ≥ 5.0)",
        nw.wall / cw.wall
    );

    let json = serde_json::json!({
        "feeds": feeds, "items_per_feed": items, "article_pages": pages, "runs": runs, "archived": archived,
        "counterpoint": {"cold": {"wall_s": cc.wall, "cpu_s": cc.cpu, "peak_mib": cc.rss}, "warm": {"wall_s": cw.wall, "cpu_s": cw.cpu, "peak_mib": cw.rss}},
        "newsboat": {"cold": {"wall_s": nc.wall, "cpu_s": nc.cpu, "peak_mib": nc.rss}, "warm": {"wall_s": nw.wall, "cpu_s": nw.cpu, "peak_mib": nw.rss}},
        "ratio_cold": nc.wall / cc.wall, "ratio_warm": nw.wall / cw.wall,
    });
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("refresh.json"),
        serde_json::to_string_pretty(&json).unwrap(),
    )
    .unwrap();
}
