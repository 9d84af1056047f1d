//! What the app holds while it runs: the archive connection the UI reads through, and how to reach the network.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use counterpoint_core::fetch::FetchConfig;
use counterpoint_core::store::views::ItemFilter;
use counterpoint_core::store::Archive;

use crate::error::{Error, Result};

/// The app's managed state.
pub struct AppState {
    pub db_path: PathBuf,
    /// The UI's connection. A refresh opens its own, so reading never waits for the network
    /// and WAL lets reads go on while the refresh writes.
    pub archive: Mutex<Archive>,
    /// Network work (refresh, autodiscovery) runs on a thread of its own with its own client
    /// built from this, so the UI's runtime never waits on a socket or on the archive's writer.
    pub fetch_config: FetchConfig,
    pub refreshing: AtomicBool,
    pub first_run: bool,
    /// Where exports go without asking (`COUNTERPOINT_E2E_SAVE_DIR`), so end-to-end tests need
    /// not drive a native dialog they cannot see.
    pub save_dir: Option<PathBuf>,
    /// List totals already counted: a million-row count is not repeated for every redraw.
    pub counts: CountCache,
    /// The newest search asked for a first page (its request, as text): while someone types,
    /// searches for what they typed before it are skipped rather than run (see `search`).
    pub latest_search: Mutex<String>,
}

/// The last few list totals, each valid under the archive's data version it was counted at.
#[derive(Default)]
pub struct CountCache(Mutex<Vec<CountEntry>>);

/// A filter, the data version it was counted at, and its count.
type CountEntry = (ItemFilter, (i64, i64), i64);

impl CountCache {
    const SIZE: usize = 16;

    pub fn get(&self, filter: &ItemFilter, version: (i64, i64)) -> Option<i64> {
        let entries = self.0.lock().ok()?;
        entries
            .iter()
            .find(|(f, v, _)| *v == version && f == filter)
            .map(|(_, _, n)| *n)
    }

    pub fn put(&self, filter: ItemFilter, version: (i64, i64), n: i64) {
        if let Ok(mut entries) = self.0.lock() {
            entries.retain(|(f, v, _)| *v == version && *f != filter);
            if entries.len() >= Self::SIZE {
                entries.remove(0);
            }
            entries.push((filter, version, n));
        }
    }
}

impl AppState {
    /// Opens the archive at `db_path`, creating it (and seeding the default sources when
    /// `seed` is true) if it does not exist.
    pub fn open(db_path: &Path, seed: bool, save_dir: Option<PathBuf>) -> Result<AppState> {
        let archive = Archive::open(db_path)?;
        let first_run = archive.is_new();
        if first_run && seed {
            archive.seed_default_sources()?;
        }
        Ok(AppState {
            db_path: db_path.to_path_buf(),
            archive: Mutex::new(archive),
            fetch_config: FetchConfig::default(),
            refreshing: AtomicBool::new(false),
            first_run,
            save_dir,
            counts: CountCache::default(),
            latest_search: Mutex::new(String::new()),
        })
    }

    /// The archive the command line uses too: `COUNTERPOINT_DB`, else
    /// `~/.local/share/counterpoint/archive.db`; seeded unless `COUNTERPOINT_NO_DEFAULT_SOURCES`.
    pub fn open_from_env() -> Result<AppState> {
        let db_path = match std::env::var_os("COUNTERPOINT_DB").filter(|p| !p.is_empty()) {
            Some(path) => PathBuf::from(path),
            None => dirs::data_dir()
                .ok_or_else(|| {
                    Error::InvalidInput("no data folder on this system; set COUNTERPOINT_DB".into())
                })?
                .join("counterpoint")
                .join("archive.db"),
        };
        let seed = std::env::var_os("COUNTERPOINT_NO_DEFAULT_SOURCES").is_none();
        let save_dir = std::env::var_os("COUNTERPOINT_E2E_SAVE_DIR")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        AppState::open(&db_path, seed, save_dir)
    }
}

/// Runs `work` on a thread of its own with a single-threaded async runtime, and waits for it
/// without blocking the caller's runtime. The archive connection is not `Sync`, so futures
/// that hold it across network waits cannot run on the shared runtime; here they need not.
pub async fn on_own_thread<T, F>(name: &str, work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&tokio::runtime::Runtime) -> Result<T> + Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            let result = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| Error::io("cannot start a runtime", e))
                .and_then(|rt| work(&rt));
            let _ = tx.send(result);
        })
        .map_err(|e| Error::io("cannot start a thread", e))?;
    rx.await
        .map_err(|_| Error::Internal("a background task died".into()))?
}
