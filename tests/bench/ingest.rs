//! `make bench`: ingest throughput — items per second through parse → sanitize → tag → store →
//! index, with no network — against the floor: the same texts inserted into a bare SQLite table
//! with an FTS5 index in one transaction. Writes `target/bench/ingest.json`.

use std::time::Instant;

use counterpoint_core::model::{NewSource, SourceKind};
use counterpoint_core::parse::parse_feed;
use counterpoint_core::process::{entry_hash, process_item};
use counterpoint_core::store::{Archive, FetchState, NewItem, SourceWrite};
use counterpoint_e2e::corpus::generate;
use rusqlite::{params, Connection};

fn main() {
    let feeds = generate(
        200,
        50,
        |f| format!("http://host{}.example", f % 20),
        0x00c0_ffee,
    );
    let dir = tempfile::tempdir().unwrap();
    let runs = 3;
    let mut ours = Vec::new();
    let mut floor = Vec::new();
    let mut items_total = 0;
    let mut texts: Vec<NewItem> = Vec::new();
    // Seconds spent in parse, process (sanitize, text, tag) and store, over all runs.
    let mut phases = [0.0f64; 3];
    for run in 0..runs {
        let mut archive = Archive::open(dir.path().join(format!("ingest-{run}.db"))).unwrap();
        let sources: Vec<i64> = (0..feeds.len())
            .map(|f| {
                archive
                    .add_source(&NewSource {
                        url: format!("https://host{f}.example/feed"),
                        kind: SourceKind::Agency,
                        ..NewSource::default()
                    })
                    .unwrap()
                    .id
            })
            .collect();
        // The same shape as a refresh: feeds are parsed and processed on worker threads while
        // this thread writes whatever has finished, in one transaction; as in a refresh, the
        // workers and the writer share one CPU permit more than there are cores.
        let started = Instant::now();
        let mut count = 0;
        let mut kept = Vec::new();
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get()) + 1;
        let (sender, receiver) =
            std::sync::mpsc::sync_channel::<(i64, Vec<NewItem>, [f64; 2])>(workers * 2);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let permits = Permits::new(workers);
        // As in a refresh, the write-ahead log is checkpointed beside the writer.
        let checkpoints = archive.checkpoint_in_background();
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let sender = sender.clone();
                let (next, feeds, sources, permits) = (&next, &feeds, &sources, &permits);
                scope.spawn(move || {
                    // As in a refresh, processing runs below the writer (see `priority`).
                    counterpoint_core::priority::lower_this_thread();
                    loop {
                        let f = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(feed) = feeds.get(f) else { break };
                        let core = permits.acquire();
                        let t = Instant::now();
                        let parsed = parse_feed(&feed.body, None).unwrap();
                        let parse_s = t.elapsed().as_secs_f64();
                        let t = Instant::now();
                        let items: Vec<NewItem> = parsed
                            .items
                            .into_iter()
                            .map(|item| {
                                let hash = entry_hash(&item);
                                process_item(
                                    item,
                                    hash,
                                    None,
                                    &[],
                                    SourceKind::Agency,
                                    parsed.language.as_deref(),
                                )
                                .0
                            })
                            .collect();
                        let process_s = t.elapsed().as_secs_f64();
                        drop(core);
                        sender
                            .send((sources[f], items, [parse_s, process_s]))
                            .unwrap();
                    }
                });
            }
            drop(sender);
            let state = FetchState::default();
            while let Ok(first) = receiver.recv() {
                let mut batch = vec![first];
                batch.extend(receiver.try_iter());
                let core = permits.try_acquire();
                let t = Instant::now();
                let writes: Vec<SourceWrite<'_>> = batch
                    .iter()
                    .map(|(source, items, _)| SourceWrite {
                        source_id: *source,
                        items,
                        state: &state,
                    })
                    .collect();
                archive.store_batch(&writes).unwrap();
                phases[2] += t.elapsed().as_secs_f64();
                drop(core);
                for (_, items, spent) in batch {
                    phases[0] += spent[0];
                    phases[1] += spent[1];
                    count += items.len();
                    if run == 0 {
                        kept.extend(items);
                    }
                }
            }
        });
        drop(checkpoints);
        ours.push(count as f64 / started.elapsed().as_secs_f64());
        items_total = count;
        drop(archive);
        if run == 0 {
            texts = kept;
        }
        // The floor runs right after, on the same disk in the same state: run after run, each
        // pair meets the same write-back of what came before. With all of Counterpoint's runs
        // first, the floor ran while their archives were still being written back and moved
        // by a quarter from one invocation to the next. Each pair's files are deleted after it.
        floor.push(floor_run(
            &dir.path().join(format!("floor-{run}.db")),
            &texts,
        ));
        for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    let pairs: Vec<String> = ours
        .iter()
        .zip(&floor)
        .map(|(o, f)| format!("{o:.0}/{f:.0}"))
        .collect();
    let (ours, floor) = (median(ours), median(floor));
    let bytes: usize = feeds.iter().map(|f| f.body.len()).sum();
    println!(
        "ingest of {items_total} items ({:.1} MB of feeds), medians of {runs} runs:",
        bytes as f64 / 1e6
    );
    println!("  Counterpoint parse → sanitize → tag → store → index: {ours:>8.0} items/s");
    println!("  floor: bare table + FTS5 insert, one transaction:    {floor:>8.0} items/s");
    println!(
        "  ratio: {:.2} (target ≥ 0.70); run by run, ours/floor: {}",
        ours / floor,
        pairs.join(", ")
    );
    let spent: f64 = phases.iter().sum();
    println!(
        "  thread time: parse {:.0}%, sanitize + text + tag {:.0}% (on worker threads), store + index {:.0}% (the writer)",
        100.0 * phases[0] / spent,
        100.0 * phases[1] / spent,
        100.0 * phases[2] / spent
    );
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("target/bench");
    std::fs::create_dir_all(&root).unwrap();
    let json = serde_json::json!({"items": items_total, "counterpoint_items_per_s": ours, "floor_items_per_s": floor, "ratio": ours / floor, "seconds_parse_process_store": phases});
    std::fs::write(
        root.join("ingest.json"),
        serde_json::to_string_pretty(&json).unwrap(),
    )
    .unwrap();
}

/// The floor: `texts` inserted into a bare table with an FTS5 index, in one transaction, in a
/// new database at `path`. Items per second.
fn floor_run(path: &std::path::Path, texts: &[NewItem]) -> f64 {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.execute_batch(
        "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, summary TEXT, body TEXT);
         CREATE VIRTUAL TABLE docs_fts USING fts5(title, summary, body, content = 'docs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');",
    )
    .unwrap();
    let started = Instant::now();
    let tx = conn.unchecked_transaction().unwrap();
    {
        let mut doc = tx
            .prepare("INSERT INTO docs (title, summary, body) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut fts = tx
            .prepare("INSERT INTO docs_fts (rowid, title, summary, body) VALUES (?1, ?2, ?3, ?4)")
            .unwrap();
        for item in texts {
            doc.execute(params![item.title, item.summary, item.content_text])
                .unwrap();
            fts.execute(params![
                tx.last_insert_rowid(),
                item.title,
                item.summary.as_deref().unwrap_or(""),
                item.content_text
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    texts.len() as f64 / started.elapsed().as_secs_f64()
}

/// A counting semaphore: the refresh's CPU permits, for threads.
struct Permits {
    free: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
}

struct Permit<'a>(&'a Permits);

impl Permits {
    fn new(n: usize) -> Permits {
        Permits {
            free: std::sync::Mutex::new(n),
            freed: std::sync::Condvar::new(),
        }
    }

    /// A permit if one is free: the writer never queues (see `refresh`).
    fn try_acquire(&self) -> Option<Permit<'_>> {
        let mut free = self.free.lock().unwrap();
        (*free > 0).then(|| {
            *free -= 1;
            Permit(self)
        })
    }

    fn acquire(&self) -> Permit<'_> {
        let mut free = self.free.lock().unwrap();
        while *free == 0 {
            free = self.freed.wait(free).unwrap();
        }
        *free -= 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap() += 1;
        self.0.freed.notify_one();
    }
}
