//! Refresh progress on standard error: a one-line bar on a terminal, plain lines elsewhere.

use std::io::{IsTerminal, Write};

use counterpoint_core::refresh::RefreshEvent;

pub struct Progress {
    terminal: bool,
    /// The last tenth of a re-tagging reported as a line (off a terminal, a line per batch
    /// would be two thousand lines at a million items).
    retag_tenth: usize,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            terminal: std::io::stderr().is_terminal(),
            retag_tenth: 0,
        }
    }

    pub fn event(&mut self, event: RefreshEvent<'_>) {
        let mut err = std::io::stderr().lock();
        match event {
            RefreshEvent::Started { sources } => {
                if self.terminal {
                    let _ = write!(err, "\rfetching {sources} sources…");
                }
            }
            RefreshEvent::SourceFinished {
                report,
                done,
                total,
            } => {
                let outcome = match &report.error {
                    Some(e) => format!("error: {e}"),
                    None => format!("{} new, {} updated", report.new, report.updated),
                };
                if self.terminal {
                    let width = 24;
                    let filled = done * width / total.max(1);
                    let _ = write!(
                        err,
                        "\r\x1b[2K[{}{}] {done}/{total} {}: {outcome}",
                        "#".repeat(filled),
                        "-".repeat(width - filled),
                        report.name
                    );
                    if done == total {
                        let _ = writeln!(err);
                    }
                } else {
                    let _ = writeln!(err, "[{done}/{total}] {}: {outcome}", report.name);
                }
            }
            RefreshEvent::Retagging { done, total } => {
                if self.terminal {
                    let _ = write!(err, "\r\x1b[2Kre-tagging {done}/{total} items…");
                    if done == total {
                        let _ = writeln!(err);
                    }
                } else {
                    let tenth = done * 10 / total.max(1);
                    if tenth > self.retag_tenth {
                        self.retag_tenth = tenth;
                        let _ = writeln!(err, "re-tagged {done}/{total} items");
                    }
                }
            }
        }
    }
}
