//! Checkpoints of the write-ahead log on a thread of their own, while a refresh writes.
//!
//! SQLite copies the log into the archive file once the log has grown past a size
//! (`wal_autocheckpoint`), inside the commit that crosses it, and waits there for the disk
//! (`fsync`) twice: on the refresh's one writer thread, which has become its critical path. A
//! second connection checkpoints every few tenths of a second instead, beside the writer. The
//! log is then rewound at the writer's next transaction and never grows far enough for a
//! commit to checkpoint by itself (it still would, if this thread fell behind).

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::Archive;

/// How often the log is copied: often enough that it stays well under the size at which a
/// commit would copy it (about 32 MiB), rarely enough that pages rewritten by successive
/// transactions are not copied over and over.
const INTERVAL: Duration = Duration::from_millis(200);

/// While alive, a thread checkpoints the archive's write-ahead log; dropping it stops the
/// thread.
pub struct BackgroundCheckpoints {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Archive {
    /// Starts checkpointing this archive's write-ahead log from a thread of its own, until the
    /// value returned is dropped. Nothing happens for an archive in memory, or when the second
    /// connection cannot be opened: SQLite's own checkpoints still run.
    pub fn checkpoint_in_background(&self) -> BackgroundCheckpoints {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let thread = self
            .connection()
            .path()
            .filter(|p| !p.is_empty())
            .and_then(|path| open_checkpointer(Path::new(path)))
            .and_then(|conn| {
                let stop = stop.clone();
                std::thread::Builder::new()
                    .name("checkpoint".into())
                    .spawn(move || checkpoint_until_stopped(&conn, &stop))
                    .ok()
            });
        BackgroundCheckpoints { stop, thread }
    }
}

fn open_checkpointer(path: &Path) -> Option<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()
}

fn checkpoint_until_stopped(conn: &Connection, stop: &(Mutex<bool>, Condvar)) {
    let (stopped, wake) = stop;
    let mut stopped = stopped.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        stopped = wake
            .wait_timeout(stopped, INTERVAL)
            .unwrap_or_else(|e| e.into_inner())
            .0;
        if *stopped {
            return;
        }
        // Passive: it copies what no reader still needs and waits for nobody. A failure
        // leaves the copying to SQLite's own checkpoints.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

impl Drop for BackgroundCheckpoints {
    fn drop(&mut self) {
        let (stopped, wake) = &*self.stop;
        *stopped.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
