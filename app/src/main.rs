//! The `causeway` binary: opens the desktop app on this device's data folder.
use std::path::PathBuf;

use anyhow::Context as _;
use causeway_app::CausewayApp;
use causeway_sync::LocalNode;
use causeway_sync::store::DataDir;
use clap::Parser;

/// Causeway: your cause groups, on your devices.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Where Causeway keeps this device's data (default: the platform's data folder). Use a
    /// different folder to run several identities on one machine.
    #[arg(long, env = "CAUSEWAY_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let dir = match cli.data_dir {
        Some(d) => d,
        None => DataDir::default_location()
            .context("no home folder was found; start Causeway with --data-dir DIR to choose where to keep your data")?,
    };
    let node = LocalNode::open(&dir)
        .with_context(|| format!("Causeway could not open its data folder {}", dir.display()))?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Causeway")
            .with_app_id("org.causeway.Causeway")
            .with_inner_size([1000.0, 700.0])
            .with_min_inner_size([480.0, 360.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Causeway",
        options,
        Box::new(|_cc| Ok(Box::new(CausewayApp::new(node)))),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
