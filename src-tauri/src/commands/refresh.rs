//! Refresh in the background: its own archive connection on its own thread, progress sent to
//! the window per source, and a desktop notification when watches gain matches.

use std::sync::atomic::Ordering;

use counterpoint_core::fetch::Fetcher;
use counterpoint_core::refresh::{refresh as run_refresh, RefreshEvent, RefreshOptions};
use counterpoint_core::search::watch::list_watches;
use counterpoint_core::store::Archive;
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_notification::NotificationExt;

use crate::dto::{RefreshProgressDto, RefreshSummaryDto, SourceReportDto, WatchMatchDto};
use crate::error::{Error, Result};
use crate::state::{on_own_thread, AppState};

/// The event the window listens to.
pub const PROGRESS_EVENT: &str = "refresh-progress";

/// Clears the "refreshing" flag however the refresh ends.
struct Running<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Refreshes `sources` (all when absent). `scheduled` refreshes honour each source's failure
/// backoff; one the user asks for does not. Returns when done; progress arrives as events.
#[tauri::command]
pub async fn refresh<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    sources: Option<Vec<i64>>,
    scheduled: Option<bool>,
) -> Result<RefreshSummaryDto> {
    if state.refreshing.swap(true, Ordering::SeqCst) {
        return Err(Error::Busy);
    }
    let _running = Running(&state.refreshing);
    let options = RefreshOptions {
        only: sources,
        honour_backoff: scheduled.unwrap_or(false),
        skip_full_text: false,
    };
    let (db_path, config) = (state.db_path.clone(), state.fetch_config.clone());
    let events = app.clone();
    let (report, watch_matches) = on_own_thread("refresh", move |rt| {
        let mut archive = Archive::open(&db_path)?;
        let fetcher = Fetcher::new(config)?;
        let before = watch_counts(&archive);
        let report = rt.block_on(run_refresh(&mut archive, &fetcher, &options, |event| {
            let payload = match event {
                RefreshEvent::Started { sources } => RefreshProgressDto::Started { sources },
                RefreshEvent::SourceFinished {
                    report,
                    done,
                    total,
                } => RefreshProgressDto::Source {
                    done,
                    total,
                    report: SourceReportDto::from(report),
                },
                RefreshEvent::Retagging { done, total } => {
                    RefreshProgressDto::Retagging { done, total }
                }
            };
            // A window that is gone cannot be told; the refresh goes on regardless.
            let _ = events.emit(PROGRESS_EVENT, payload);
        }))?;
        let after = watch_counts(&archive);
        let grew = after
            .into_iter()
            .filter_map(|(name, new)| {
                let old = before
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(0, |(_, c)| *c);
                (new > old).then(|| WatchMatchDto {
                    name,
                    new: new - old,
                })
            })
            .collect::<Vec<_>>();
        Ok((report, grew))
    })
    .await?;
    let summary = RefreshSummaryDto::new(&report, watch_matches);
    if !summary.watch_matches.is_empty() {
        notify(&app, &summary);
    }
    let _ = app.emit(
        PROGRESS_EVENT,
        RefreshProgressDto::Finished {
            summary: summary.clone(),
        },
    );
    Ok(summary)
}

/// Each watch's count of new matches; a watch that fails to run counts as none, as the
/// refresh itself succeeded.
fn watch_counts(archive: &Archive) -> Vec<(String, usize)> {
    list_watches(archive)
        .map(|ws| ws.into_iter().map(|w| (w.name, w.new)).collect())
        .unwrap_or_default()
}

fn notify<R: Runtime>(app: &AppHandle<R>, summary: &RefreshSummaryDto) {
    let body = summary
        .watch_matches
        .iter()
        .map(|w| format!("{}: {} new", w.name, w.new))
        .collect::<Vec<_>>()
        .join("\n");
    // Without a notification service (a bare session, the tests) there is nothing to show.
    let _ = app
        .notification()
        .builder()
        .title("Counterpoint: new matches")
        .body(body)
        .show();
}
