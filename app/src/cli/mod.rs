//! The command line of `causeway`: [`args`] is what a person types, [`find`] asks a node and
//! finds what the words name, [`ask`] makes each command's request ([`kit`] for events, polls,
//! tasks and shifts), [`run`] decides which node, [`print`] says what came of it.
mod args;
mod ask;
mod blocks;
mod files;
mod find;
mod kit;
mod log;
mod print;
mod reports;
mod run;

use std::process::ExitCode;

use clap::Parser as _;

/// The whole program: parses the command line, runs it, and turns a failure into a sentence
/// on standard error and exit code 1.
pub fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                // Our own warnings are for the person; the network stack's (no internet, a
                // relay unreachable) are normal conditions here and only with RUST_LOG.
                "error,causeway=warn,causeway_app=warn,causeway_sync=warn,causeway_core=warn".into()
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    match run::run(args::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::FAILURE
        }
    }
}
