//! The one refresh use-case. The CLI, the desktop app and its scheduler all call [`refresh`].
//!
//! For each source, concurrently (bounded by the [`Fetcher`]): conditional GET → skip if 304
//! or the body hash is unchanged → parse → skip entries whose hash is unchanged → fetch the
//! article page when the feed carries only a summary → extract → sanitize → tag. Each source's
//! items and its new state are then written in one transaction, so a crash mid-refresh leaves
//! every source either fully updated or untouched.
//!
//! A source that fails is a line in the report, never a failure of the refresh.

use std::collections::HashSet;

use futures::stream::{self, StreamExt};
use sha2::{Digest, Sha256};
use url::Url;

use crate::fetch::{FetchError, Fetched, Fetcher, Validators};
use crate::model::Tagging;
use crate::model::{Source, SourceStatus};
use crate::parse::{parse_feed, ParsedItem};
use crate::process::{entry_hash, process_item};
use crate::store::{
    Archive, EntryHashes, FetchState, NewItem, SourceWrite, StoredText, UpsertOutcome,
};
use crate::tag::{tag_offsets, TagInput, TAGGER_VERSION};
use crate::text::text_reaches;
use crate::Result;

/// Which sources to refresh and how.
#[derive(Debug, Clone, Default)]
pub struct RefreshOptions {
    /// Only these source ids; all sources when `None`.
    pub only: Option<Vec<i64>>,
    /// Skip sources whose failure backoff has not run out (the scheduler sets this; a refresh
    /// the user asks for does not). A server's Retry-After is honoured either way.
    pub honour_backoff: bool,
    /// Do not fetch article pages (summary-only items keep their summary).
    pub skip_full_text: bool,
}

/// How one source's check ended.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceReport {
    pub source_id: i64,
    pub url: String,
    pub name: String,
    pub status: SourceStatus,
    pub new: usize,
    pub updated: usize,
    pub error: Option<String>,
    /// Per-item problems (an article page that could not be fetched or read).
    pub warnings: Vec<String>,
    /// Ids of the items this check added.
    pub new_item_ids: Vec<i64>,
}

/// What a refresh did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RefreshReport {
    pub sources: Vec<SourceReport>,
    /// Items stored by an older tagger and re-tagged by this refresh (see [`refresh`]).
    pub retagged: usize,
}

impl RefreshReport {
    pub fn new_items(&self) -> usize {
        self.sources.iter().map(|s| s.new).sum()
    }
    pub fn updated_items(&self) -> usize {
        self.sources.iter().map(|s| s.updated).sum()
    }
    pub fn errors(&self) -> usize {
        self.sources.iter().filter(|s| s.error.is_some()).count()
    }
}

/// Progress as the refresh goes, for a progress bar or the app's sidebar.
#[derive(Debug, Clone, Copy)]
pub enum RefreshEvent<'a> {
    Started {
        sources: usize,
    },
    SourceFinished {
        report: &'a SourceReport,
        done: usize,
        total: usize,
    },
    /// After the sources: items stored by an older tagger, re-tagged so far.
    Retagging {
        done: usize,
        total: usize,
    },
}

/// Failure backoff: 15 minutes, doubling, at most a day.
fn backoff_secs(consecutive_failures: i64) -> i64 {
    let exp = consecutive_failures.clamp(0, 7) as u32;
    (15 * 60 * 2i64.pow(exp)).min(24 * 3600)
}

/// Refreshes the archive's sources.
pub async fn refresh(
    archive: &mut Archive,
    fetcher: &Fetcher,
    options: &RefreshOptions,
    mut progress: impl FnMut(RefreshEvent<'_>),
) -> Result<RefreshReport> {
    let now = chrono::Utc::now().timestamp();
    let mut jobs = Vec::new();
    let known = archive.entry_hashes()?;
    let mut report = RefreshReport::default();
    for source in archive.sources()? {
        if options
            .only
            .as_ref()
            .is_some_and(|only| !only.contains(&source.id))
        {
            continue;
        }
        if options.honour_backoff && source.next_check_at.is_some_and(|t| t > now) {
            continue;
        }
        if let Some(until) = archive.retry_after_until(source.id)? {
            // The server asked for quiet: say so, and leave the source's state as it is.
            report.sources.push(SourceReport {
                source_id: source.id,
                url: source.url.clone(),
                name: source.name.clone(),
                status: SourceStatus::Error,
                new: 0,
                updated: 0,
                error: Some(format!(
                    "rate limited by the server; not contacted again before {} UTC",
                    format_time(until)
                )),
                warnings: vec![],
                new_item_ids: vec![],
            });
            continue;
        }
        jobs.push(SourceJob {
            source,
            known: known.clone(),
        });
    }
    let total = jobs.len() + report.sources.len();
    progress(RefreshEvent::Started { sources: total });
    let mut done = 0;
    for r in &report.sources {
        done += 1;
        progress(RefreshEvent::SourceFinished {
            report: r,
            done,
            total,
        });
    }

    // Each source runs as its own task, so fetching and processing go on while this loop
    // writes finished sources to the archive. Twice the request bound keeps the network busy
    // while some sources are parsing or tagging; the fetcher still bounds the requests.
    let in_flight = fetcher.config().max_concurrent.max(1) * 2;
    let options = std::sync::Arc::new(options.clone());
    // Parsing and processing are CPU work, bounded by permits (see below). With every
    // source in flight processing at once, this loop's writes got a small share of the CPU
    // until the processing was done and then ran alone on one core, a second of a cold
    // refresh with the other core idle. The writer is the refresh's one serial path, so it
    // never queues for a permit: it takes one when one is free, which keeps a processing
    // thread from starting while it writes, and writes anyway when none is.
    //
    // Permits: one more than there are cores. A permit passes from a finished task to a waiting
    // one through the async runtime and a blocking thread, a millisecond or two each time, and
    // with one task per core that left a core idle a tenth of the time (sampled from /proc).
    // The spare task fills those gaps. Measured on the benchmark corpus: cold refresh wall
    // median 2.59 → 2.46 s over six interleaved runs.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let cpu = std::sync::Arc::new(tokio::sync::Semaphore::new(cores + 1));
    let mut jobs = jobs.into_iter();
    let mut running = tokio::task::JoinSet::new();
    let spawn_next = |running: &mut tokio::task::JoinSet<SourceResult>,
                      jobs: &mut std::vec::IntoIter<SourceJob>| {
        if let Some(job) = jobs.next() {
            let (fetcher, options, cpu) = (fetcher.clone(), options.clone(), cpu.clone());
            running.spawn(async move { process_source(&fetcher, job, &options, &cpu).await });
        }
    };
    for _ in 0..in_flight {
        spawn_next(&mut running, &mut jobs);
    }
    // The writer's commits leave the copying of the write-ahead log, and its waits for the
    // disk, to another thread (see `store::checkpoint`).
    let _checkpoints = archive.checkpoint_in_background();
    while let Some(first) = running.join_next().await {
        // Everything else that finished meanwhile goes into the same transaction.
        let mut joined = vec![first];
        while let Some(more) = running.try_join_next() {
            joined.push(more);
        }
        for _ in 0..joined.len() {
            spawn_next(&mut running, &mut jobs);
        }
        // A panic inside one source's task must not take the refresh down: that source keeps
        // its old state and is tried again next time.
        let finished: Vec<SourceResult> = joined.into_iter().filter_map(|j| j.ok()).collect();
        let written = {
            let _core = cpu.try_acquire().ok();
            write_results(archive, finished)?
        };
        for source_report in written {
            done += 1;
            progress(RefreshEvent::SourceFinished {
                report: &source_report,
                done,
                total,
            });
            report.sources.push(source_report);
        }
    }
    // A build with a newer tagger finds the items an older one stored and re-tags them, here
    // rather than at start-up, so that every entry point brings its archive up to date and
    // the news comes first. Once no item is stale the archive records it, and this costs one
    // read (see `retag`).
    report.retagged = retag(archive, |done, total| {
        progress(RefreshEvent::Retagging { done, total })
    })?;
    report.sources.sort_by_key(|r| r.name.to_lowercase());
    Ok(report)
}

struct SourceJob {
    source: Source,
    known: EntryHashes,
}

struct SourceResult {
    source: Source,
    state: FetchState,
    items: Vec<NewItem>,
    warnings: Vec<String>,
}

/// Writes finished sources in one transaction and turns them into report lines.
fn write_results(archive: &mut Archive, results: Vec<SourceResult>) -> Result<Vec<SourceReport>> {
    let writes: Vec<SourceWrite<'_>> = results
        .iter()
        .map(|r| SourceWrite {
            source_id: r.source.id,
            items: &r.items,
            state: &r.state,
        })
        .collect();
    let outcomes = archive.store_batch(&writes)?;
    Ok(results
        .into_iter()
        .zip(outcomes)
        .map(|(result, outcomes)| report_line(result, outcomes))
        .collect())
}

fn report_line(result: SourceResult, outcomes: Vec<UpsertOutcome>) -> SourceReport {
    let mut report = SourceReport {
        source_id: result.source.id,
        url: result.source.url.clone(),
        name: result
            .state
            .feed_title
            .clone()
            .filter(|_| result.source.name == result.source.url)
            .unwrap_or(result.source.name.clone()),
        status: result.state.status,
        new: 0,
        updated: 0,
        error: result.state.error.clone(),
        warnings: result.warnings,
        new_item_ids: vec![],
    };
    for outcome in outcomes {
        match outcome {
            UpsertOutcome::New(id) => {
                report.new += 1;
                report.new_item_ids.push(id);
            }
            UpsertOutcome::Updated(_) => report.updated += 1,
            UpsertOutcome::Unchanged(_) => {}
        }
    }
    report
}

async fn process_source(
    fetcher: &Fetcher,
    job: SourceJob,
    options: &RefreshOptions,
    cpu: &tokio::sync::Semaphore,
) -> SourceResult {
    let SourceJob { source, known } = job;
    let now = chrono::Utc::now().timestamp();
    let keep = FetchState {
        etag: source.etag.clone(),
        last_modified: source.last_modified.clone(),
        body_hash: source.body_hash.clone(),
        ..FetchState::default()
    };
    let failure = |status: SourceStatus, error: String, retry_after: Option<u64>| {
        let retry_until = retry_after.map(|s| now + s as i64);
        let next = now + backoff_secs(source.consecutive_failures);
        SourceResult {
            source: source.clone(),
            state: FetchState {
                status,
                error: Some(error),
                next_check_at: Some(retry_until.map_or(next, |r| r.max(next))),
                retry_after_until: retry_until,
                ..keep.clone()
            },
            items: vec![],
            warnings: vec![],
        }
    };
    let url = match Url::parse(&source.url) {
        Ok(url) => url,
        Err(e) => return failure(SourceStatus::Error, format!("invalid feed URL: {e}"), None),
    };
    let validators = Validators {
        etag: source.etag.clone(),
        last_modified: source.last_modified.clone(),
    };
    let accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
    let (body, final_url, validators) = match fetcher.get(&url, Some(&validators), accept).await {
        Ok(Fetched::NotModified) => {
            return SourceResult {
                source: source.clone(),
                state: FetchState {
                    status: SourceStatus::NotModified,
                    ..keep
                },
                items: vec![],
                warnings: vec![],
            }
        }
        Ok(Fetched::Body {
            body,
            final_url,
            validators,
            ..
        }) => (body, final_url, validators),
        Err(e @ FetchError::Gone(_)) => return failure(SourceStatus::Gone, e.to_string(), None),
        Err(e) => {
            let retry = e.retry_after();
            return failure(SourceStatus::Error, e.to_string(), retry);
        }
    };
    let body_hash = hex::encode(Sha256::digest(&body));
    let fresh = FetchState {
        status: SourceStatus::Ok,
        etag: validators.etag,
        last_modified: validators.last_modified,
        body_hash: Some(body_hash.clone()),
        ..FetchState::default()
    };
    if source.body_hash.as_deref() == Some(body_hash.as_str()) {
        // The server does not do conditional GET, but the bytes are the same: nothing to parse.
        return SourceResult {
            source: source.clone(),
            state: FetchState {
                status: SourceStatus::NotModified,
                ..fresh
            },
            items: vec![],
            warnings: vec![],
        };
    }
    prepare_tagger();
    let parsed = {
        let final_url = final_url.clone();
        let _core = cpu.acquire().await;
        tokio::task::spawn_blocking(move || {
            crate::priority::lower_this_thread();
            parse_feed(&body, Some(&final_url))
        })
        .await
    };
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(e)) => return failure(SourceStatus::Error, e.to_string(), None),
        Err(e) => {
            return failure(
                SourceStatus::Error,
                format!("the parser crashed: {e}"),
                None,
            )
        }
    };

    // Duplicate guids within one feed: the first entry wins, as the feed's order is newest first.
    let mut seen = HashSet::new();
    let mut pending: Vec<(ParsedItem, String)> = Vec::new();
    for item in feed.items {
        if !seen.insert(item.key.clone()) {
            continue;
        }
        let hash = entry_hash(&item);
        // A failed lookup only means the entry is processed again: never worse than a miss.
        if known
            .get(source.id, &item.key)
            .ok()
            .flatten()
            .is_some_and(|stored| stored == hash)
        {
            continue;
        }
        pending.push((item, hash));
    }

    let drop_selectors: Vec<String> = source
        .drop_selectors
        .as_deref()
        .unwrap_or("")
        .lines()
        .map(str::to_string)
        .collect();
    let wanted: Vec<Option<Url>> = pending
        .iter()
        .map(|(item, _)| page_to_fetch(item, options))
        .collect();
    let pages = stream::iter(wanted)
        .map(|url| {
            let fetcher = fetcher.clone();
            async move {
                match url {
                    Some(url) => Some(fetch_page(&fetcher, &url).await),
                    None => None,
                }
            }
        })
        .buffered(fetcher.config().max_per_host.max(1) * 2)
        .collect::<Vec<_>>()
        .await;

    let kind = source.kind;
    let hint = feed.language.clone().or(source.language.clone());
    let _core = cpu.acquire().await;
    let processed = tokio::task::spawn_blocking(move || {
        crate::priority::lower_this_thread();
        let mut items = Vec::with_capacity(pending.len());
        let mut warnings = Vec::new();
        for ((item, hash), page) in pending.into_iter().zip(pages) {
            let (new_item, warning) =
                process_item(item, hash, page, &drop_selectors, kind, hint.as_deref());
            warnings.extend(warning);
            items.push(new_item);
        }
        (items, warnings)
    })
    .await;
    let (items, warnings) = match processed {
        Ok(done) => done,
        Err(e) => {
            return failure(
                SourceStatus::Error,
                format!("processing crashed: {e}"),
                None,
            )
        }
    };
    SourceResult {
        source: source.clone(),
        state: FetchState {
            site_url: feed.site_url,
            feed_title: feed.title,
            language: feed.language,
            ..fresh
        },
        items,
        warnings,
    }
}

/// Starts building the tagger's automatons the first time a feed has changed. They are built
/// once per process, a few tenths of a second of CPU: both at once, while that feed is parsed
/// and its pages fetched, rather than one after the other by the first thread that tags while
/// every other processing thread waits. A refresh where nothing changed builds nothing.
fn prepare_tagger() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        drop(tokio::task::spawn_blocking(
            crate::tag::gazetteer::gazetteer,
        ));
        drop(tokio::task::spawn_blocking(crate::tag::lexicon::lexicon));
    });
}

/// The feed's own text is "full" when it is long enough to read on its own; otherwise the
/// article page is fetched.
const FULL_TEXT_MIN_CHARS: usize = 600;

fn feed_text_is_full(item: &ParsedItem) -> bool {
    let html = item
        .content_html
        .as_deref()
        .or(item.summary_html.as_deref())
        .unwrap_or("");
    text_reaches(html, FULL_TEXT_MIN_CHARS)
}

/// The article page to fetch for an item whose feed text is too short to read on its own.
fn page_to_fetch(item: &ParsedItem, options: &RefreshOptions) -> Option<Url> {
    if options.skip_full_text || feed_text_is_full(item) {
        return None;
    }
    Url::parse(item.url.as_deref()?).ok()
}

async fn fetch_page(fetcher: &Fetcher, url: &Url) -> Result<String, String> {
    match fetcher
        .get(
            url,
            None,
            "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
        )
        .await
    {
        Ok(Fetched::Body { body, .. }) => Ok(String::from_utf8_lossy(&body).into_owned()),
        Ok(Fetched::NotModified) => {
            Err("the article page answered 304 to an unconditional request".into())
        }
        Err(e) => Err(format!("article page: {e}")),
    }
}

fn format_time(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Re-tags every item whose tags were made by another tagger version. Returns how many.
///
/// Items go in batches: while this thread saves one batch's tags, the next batch is tagged on
/// every core (below this thread's priority, as in a refresh), so the save never waits for the
/// tagging, nor the tagging for the save.
pub fn retag(archive: &mut Archive, mut progress: impl FnMut(usize, usize)) -> Result<usize> {
    const BATCH: usize = 500;
    // Listing the stale items reads every row; the archive's record says in one read when
    // there are none.
    if !archive.has_stale_tags(TAGGER_VERSION)? {
        return Ok(0);
    }
    let ids = archive.stale_tagging_ids(TAGGER_VERSION)?;
    let total = ids.len();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut saved = 0;
    let mut tagged: Vec<(i64, Tagging)> = Vec::new();
    for batch in ids.chunks(BATCH) {
        let inputs = archive.tagging_inputs(batch)?;
        let previous = std::mem::take(&mut tagged);
        let run_len = inputs.len().div_ceil(threads).max(1);
        let save = std::thread::scope(|scope| {
            let runs: Vec<_> = inputs
                .chunks(run_len)
                .map(|run| scope.spawn(move || tag_run(run)))
                .collect();
            let save = archive.save_taggings(&previous, TAGGER_VERSION);
            // A panic in the tagger is a bug, not a state of the archive: it goes on up.
            for run in runs {
                tagged.extend(
                    run.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            save
        });
        save?;
        saved += previous.len();
        if !previous.is_empty() {
            progress(saved, total);
        }
    }
    archive.save_taggings(&tagged, TAGGER_VERSION)?;
    if !tagged.is_empty() {
        progress(saved + tagged.len(), total);
    }
    archive.mark_tags_current(TAGGER_VERSION)?;
    Ok(total)
}

/// Tags a run of items on the calling thread, below the saving thread's priority.
fn tag_run(run: &[StoredText]) -> Vec<(i64, Tagging)> {
    crate::priority::lower_this_thread();
    run.iter()
        .map(|item| {
            let tagging = tag_offsets(&TagInput {
                title: &item.title,
                text: &item.text,
                language_hint: item.language.as_deref(),
                source_kind: item.source_kind,
            });
            (item.id, tagging)
        })
        .collect()
}
