//! Refresh progress on standard error: a one-line bar on a terminal, plain lines elsewhere.

use std::io::{IsTerminal, Write};

use counterpoint_core::refresh::RefreshEvent;

pub struct Progress {
    terminal: bool,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            terminal: std::io::stderr().is_terminal(),
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
                    let _ = writeln!(err, "re-tagged {done}/{total} items");
                }
            }
        }
    }
}
