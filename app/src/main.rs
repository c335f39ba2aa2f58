//! The `causeway` binary: without a command it opens the desktop app (when built with the
//! `window` feature, the default); with one, it is the command line of a node
//! (`causeway --help`).

fn main() -> std::process::ExitCode {
    causeway_app::cli::main()
}
