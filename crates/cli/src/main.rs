//! `counterpoint`: the archive from a terminal. Every command is a thin layer over
//! `counterpoint_core`; JSON shapes are defined here, at the edge, and are a contract.

mod args;
mod commands;
mod json;
mod progress;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // One line, the cause chain joined: scripts read the exit code, people the message.
            let message = err
                .chain()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(": ");
            eprintln!("counterpoint: {message}");
            match err.downcast_ref::<commands::UsageError>() {
                Some(_) => ExitCode::from(2),
                None => ExitCode::from(1),
            }
        }
    }
}
