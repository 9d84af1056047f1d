//! The scheduling priority of the threads that parse and tag, below the thread that writes.
//!
//! A refresh has one serial path, the archive's writer, and many parallel tasks that parse,
//! sanitize and tag. On a machine with as many busy threads as cores, the scheduler shares a
//! core fairly between the writer and a processing thread, so the writer falls behind, the
//! finished sources queue up, and at the end the writer works alone while the other cores
//! idle. Processing threads therefore run at a lower priority (a higher nice value): the
//! writer takes a core whenever it has work, and they take the rest. The user's interface and
//! other programs also keep their share of the machine while a refresh tags.
//!
//! Measured with `bench-ingest`, three invocations of each, interleaved: ingest against the
//! floor 0.34–0.36 at equal priority, 0.39–0.40 at nice 10, 0.39–0.40 at nice 19. A cold
//! refresh, which also waits for the network, is the same either way.

/// The nice value of processing threads; the writer keeps the process's own (usually 0).
pub const PROCESSING_NICE: i32 = 10;

/// Lowers the calling thread's priority to [`PROCESSING_NICE`], once per thread; later calls
/// on the same thread do nothing. A process already started at a lower priority keeps it (an
/// unprivileged thread cannot raise its own). Only Linux sets a priority per thread: elsewhere
/// this does nothing. A failure changes nothing and is not worth reporting: the refresh is as
/// correct at any priority.
pub fn lower_this_thread() {
    thread_local! {
        static LOWERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if LOWERED.with(|lowered| lowered.replace(true)) {
        return;
    }
    // On Linux the nice value belongs to a thread, and `setpriority` for "the calling
    // process" (no pid) sets the calling thread's: no other thread is affected.
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(None, PROCESSING_NICE);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calling thread is lowered, once; a thread beside it keeps the process's priority.
    #[cfg(target_os = "linux")]
    #[test]
    fn lowers_only_the_calling_thread() {
        let nice = || std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        // Field 19 of /proc/<tid>/stat is the nice value; the command name before it is in
        // parentheses and may hold spaces, so fields are counted after the closing one.
        let nice_of = |stat: String| -> i32 {
            let after = &stat[stat.rfind(')').unwrap() + 2..];
            after.split(' ').nth(16).unwrap().parse().unwrap()
        };
        let base = std::thread::spawn(move || nice_of(nice())).join().unwrap();
        let lowered = std::thread::spawn(move || {
            lower_this_thread();
            lower_this_thread();
            nice_of(nice())
        })
        .join()
        .unwrap();
        let beside = std::thread::spawn(move || nice_of(nice())).join().unwrap();
        assert_eq!(lowered, base.max(PROCESSING_NICE));
        assert_eq!(beside, base);
    }
}
