//! Search latency on a generated archive, beside the raw FTS5 floor.
//!
//! ```text
//! cargo run --release -p counterpoint-core --example gen_archive -- 100000 target/bench/archive-100k.db
//! cargo run --release -p counterpoint-core --example bench_search -- target/bench/archive-100k.db
//! ```
//!
//! Over 240 queries of one to three words — very common words (the, de, la, migration,
//! asylum) among them — with and without filters, it times `search` (one page of 20 hits with
//! snippets and the total) and, on the same database, the floor: `SELECT rowid FROM items_fts
//! WHERE items_fts MATCH ?` with the same compiled expression, read to the end. It prints p50
//! and p95 per group with the ratio to the floor, and writes the figures to
//! `target/bench/search.json` (or the path in `BENCH_SEARCH_JSON`).

use std::path::PathBuf;
use std::time::Instant;

use counterpoint_core::model::Stance;
use counterpoint_core::search::{fts_expression, search, SearchRequest, SortOrder};
use counterpoint_core::store::Archive;

struct Case {
    group: &'static str,
    req: SearchRequest,
}

/// SplitMix64, so every run asks the same queries.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const COMMON: &[&str] = &[
    "the",
    "de",
    "la",
    "migration",
    "asylum",
    "asile",
    "asiel",
    "Asyl",
    "asilo",
    "der",
    "het",
    "el",
    "les",
    "die",
    "and",
    "en",
    "of",
    "van",
];
const MEDIUM: &[&str] = &[
    "pushbacks",
    "Frontex",
    "Lampedusa",
    "reunification",
    "Canarias",
    "Ter Apel",
    "Abschiebungen",
    "expulsions",
    "cayuco",
    "rescue",
    "detention",
    "minors",
    "visa",
    "smuggling",
    "Calais",
    "Ceuta",
    "Mayotte",
    "Seenotrettung",
    "opvang",
    "réinstallation",
    "Türkiye",
    "Libya",
    "Ukraine",
    "Rwanda",
    "Vluchtelingenwerk",
    "CEAR",
    "backlog",
    "readmission",
    "Grenzkontrollen",
    "hervestiging",
    "reunion",
    "turkiye",
    "Lesbos",
    "Melilla",
];
const OPERATORS: &[&str] = &[
    "\"migration pact\"",
    "\"asylum applications\"",
    "migra*",
    "asyl*",
    "réfugi*",
    "\"Red Cross\"",
    "Amnesty OR UNHCR",
    "asylum -Greece",
    "(Lampedusa OR Lesbos) rescue",
    "\"pacte sur la migration\"",
    "in:title asylum",
    "in:title migration",
    "Frontex -Libya",
    "\"devoluciones en caliente\"",
    "Pro Asyl",
    "de la migration",
    "the asylum backlog",
    "die Bundesregierung",
    "het migratiepact",
    "la Unión Europea",
];
const FILTERS: &[&str] = &[
    "country:GR",
    "country:IT",
    "country:TR",
    "country:RW",
    "voice:government",
    "voice:ngo_concern",
    "stance:both",
    "lang:fr",
    "lang:de",
    "after:2025-01-01",
    "before:2020-01-01",
    "is:unread",
    "is:starred",
    "source:ecre",
    "source:frontex",
];

fn text_query(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => rng.pick(COMMON).to_string(),
        1 => rng.pick(MEDIUM).to_string(),
        _ => format!("{} {}", rng.pick(MEDIUM), rng.pick(COMMON)),
    }
}

fn cases() -> Vec<Case> {
    let mut rng = Rng(42);
    let mut cases = Vec::new();
    let plain = |group, query: String| Case {
        group,
        req: SearchRequest {
            query,
            ..SearchRequest::default()
        },
    };
    // Very common words alone, in pairs and in threes.
    for w in COMMON {
        cases.push(plain("common words", w.to_string()));
    }
    for _ in 0..42 {
        let n = 2 + rng.below(2);
        let q = (0..n)
            .map(|_| rng.pick(COMMON))
            .collect::<Vec<_>>()
            .join(" ");
        cases.push(plain("common words", q));
    }
    // Less common words, alone or beside a common one.
    for w in MEDIUM {
        cases.push(plain("other words", w.to_string()));
    }
    for _ in 0..36 {
        cases.push(plain(
            "other words",
            format!("{} {}", rng.pick(MEDIUM), rng.pick(COMMON)),
        ));
    }
    for q in OPERATORS {
        cases.push(plain("operators", q.to_string()));
    }
    // Filters written in the query and given as flags.
    for _ in 0..40 {
        cases.push(plain(
            "with filters",
            format!("{} {}", text_query(&mut rng), rng.pick(FILTERS)),
        ));
    }
    for i in 0..20 {
        let mut req = SearchRequest {
            query: text_query(&mut rng),
            ..SearchRequest::default()
        };
        match i % 4 {
            0 => req.countries = vec!["GR".into(), "IT".into(), "ES".into()],
            1 => req.stance = Some(Stance::Government),
            2 => req.language = Some("nl".into()),
            _ => req.since = Some(1_735_689_600),
        }
        cases.push(Case {
            group: "with filters",
            req,
        });
    }
    for _ in 0..20 {
        let req = SearchRequest {
            query: text_query(&mut rng),
            sort: SortOrder::Date,
            ..SearchRequest::default()
        };
        cases.push(Case {
            group: "date order",
            req,
        });
    }
    for f in FILTERS.iter().take(10) {
        cases.push(plain("filters only", f.to_string()));
    }
    cases
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn floor(archive: &Archive, expr: &str) -> (f64, usize) {
    let started = Instant::now();
    let mut stmt = archive
        .connection()
        .prepare_cached("SELECT rowid FROM items_fts WHERE items_fts MATCH ?1")
        .unwrap();
    let mut rows = stmt.query([expr]).unwrap();
    let mut n = 0;
    while rows.next().unwrap().is_some() {
        n += 1;
    }
    (started.elapsed().as_secs_f64() * 1000.0, n)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/archive-100k.db"));
    if !path.exists() {
        eprintln!(
            "bench_search: no archive at {}; make one with `cargo run --release -p counterpoint-core --example gen_archive -- 100000 {}`",
            path.display(),
            path.display()
        );
        return;
    }
    let archive = Archive::open(&path).expect("open the archive");
    let items = archive.item_count().unwrap();
    let cases = cases();
    let exprs: Vec<Option<String>> = cases
        .iter()
        .map(|c| fts_expression(&c.req.query).unwrap())
        .collect();

    // One pass to warm the page cache and the statement cache, then the measured pass.
    for (case, expr) in cases.iter().zip(&exprs) {
        search(&archive, &case.req).unwrap();
        if let Some(e) = expr {
            floor(&archive, e);
        }
    }
    struct Sample {
        group: &'static str,
        ms: f64,
        floor_ms: Option<f64>,
        query: String,
        total: usize,
    }
    let mut samples = Vec::new();
    for (case, expr) in cases.iter().zip(&exprs) {
        let started = Instant::now();
        let results = search(&archive, &case.req).unwrap();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let floor_ms = expr.as_ref().map(|e| floor(&archive, e).0);
        samples.push(Sample {
            group: case.group,
            ms,
            floor_ms,
            query: case.req.query.clone(),
            total: results.total,
        });
    }

    let groups = [
        "common words",
        "other words",
        "operators",
        "with filters",
        "date order",
        "filters only",
        "all",
    ];
    println!(
        "search over {items} items in {} ({} queries, page of 20 with snippets and total)",
        path.display(),
        samples.len()
    );
    println!(
        "{:<14} {:>4} {:>9} {:>9} {:>9} {:>10} {:>10} {:>9} {:>9}",
        "group",
        "n",
        "p50 ms",
        "p95 ms",
        "max ms",
        "floor p50",
        "floor p95",
        "p50/floor",
        "p95/floor"
    );
    let mut json_groups = Vec::new();
    for group in groups {
        let chosen: Vec<&Sample> = samples
            .iter()
            .filter(|s| group == "all" || s.group == group)
            .collect();
        let mut ms: Vec<f64> = chosen.iter().map(|s| s.ms).collect();
        let mut fl: Vec<f64> = chosen.iter().filter_map(|s| s.floor_ms).collect();
        ms.sort_by(f64::total_cmp);
        fl.sort_by(f64::total_cmp);
        let (p50, p95, max) = (
            percentile(&ms, 50.0),
            percentile(&ms, 95.0),
            ms.last().copied().unwrap_or(f64::NAN),
        );
        let (f50, f95) = (percentile(&fl, 50.0), percentile(&fl, 95.0));
        println!(
            "{group:<14} {:>4} {p50:>9.2} {p95:>9.2} {max:>9.2} {f50:>10.2} {f95:>10.2} {:>9.2} {:>9.2}",
            chosen.len(),
            p50 / f50,
            p95 / f95
        );
        json_groups.push(serde_json::json!({
            "group": group, "n": chosen.len(), "p50_ms": p50, "p95_ms": p95, "max_ms": max,
            "floor_p50_ms": if fl.is_empty() { None } else { Some(f50) },
            "floor_p95_ms": if fl.is_empty() { None } else { Some(f95) },
        }));
    }
    let mut slowest: Vec<&Sample> = samples.iter().collect();
    slowest.sort_by(|a, b| b.ms.total_cmp(&a.ms));
    println!("slowest:");
    for s in slowest.iter().take(5) {
        println!(
            "  {:>8.2} ms (floor {:>8.2} ms, {:>7} matches)  {}",
            s.ms,
            s.floor_ms.unwrap_or(f64::NAN),
            s.total,
            s.query
        );
    }
    let out = std::env::var("BENCH_SEARCH_JSON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target/bench/search.json"));
    let report = serde_json::json!({
        "archive": path.display().to_string(),
        "items": items,
        "queries": samples.len(),
        "groups": json_groups,
        "samples": samples.iter().map(|s| serde_json::json!({"group": s.group, "query": s.query, "ms": s.ms, "floor_ms": s.floor_ms, "total": s.total})).collect::<Vec<_>>(),
    });
    if let Some(parent) = out.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap())
        .expect("write the JSON report");
    println!("figures written to {}", out.display());
}
