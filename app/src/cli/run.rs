//! Carrying out a command: ask the node that already runs on the data folder (the app, or
//! `causeway node`), or start one for the command and stop it after; `causeway node` and the
//! window keep theirs running.
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use causeway_sync::control::{BlockingNode, Output};
use causeway_sync::store::{DataDir, StoreError};
use causeway_sync::{LocalNode, Network, Refusals, Relay, SyncError};

use super::args::{Cli, Command, InviteCmd};
use super::ask::request;
use super::find::{Asker, Finder};
use super::print::{member_line, refusals_line, render, say};

/// How often `causeway node` looks whether it refused more than before (and says so).
const STATUS_EVERY: Duration = Duration::from_secs(60);

/// How often a serving node (the window's, or `causeway node`) starts a sync round with the
/// members it has not heard from.
const BACKGROUND_SYNC_EVERY: Duration = Duration::from_secs(30);

/// The network mode: loopback for tests, else the command-line options where given, else the
/// settings saved in the data folder (the app's Settings page).
fn network(cli: &Cli, local: &LocalNode) -> Network {
    // Tests and demos on one machine: nothing leaves 127.0.0.1.
    if std::env::var("CAUSEWAY_NETWORK").is_ok_and(|v| v == "loopback") {
        return Network::Loopback;
    }
    let mut settings = local.network_settings();
    match (&cli.relay, cli.no_relay) {
        (Some(url), _) => settings.relay = Relay::Custom(url.clone()),
        (None, true) => settings.relay = Relay::Disabled,
        (None, false) => {}
    }
    if cli.no_lan {
        settings.lan_discovery = false;
    }
    settings.network()
}

/// Whether a finished request should end the process with a failure code of its own:
/// a sync round in which no member's device synced (there were some to reach).
fn exit_code(out: &Output) -> ExitCode {
    match out {
        Output::Round(r) if !r.members.is_empty() && r.synced == 0 => ExitCode::from(2),
        _ => ExitCode::SUCCESS,
    }
}

/// The data folder: `--data-dir`, else the platform's.
pub fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.data_dir {
        Some(d) => Ok(d.clone()),
        None => DataDir::default_location().context(
            "no home folder was found; use --data-dir DIR to choose where to keep your data",
        ),
    }
}

/// The data folder, as a command finds it.
enum Folder {
    /// Nobody else has it open: this process has it now.
    Ours(Box<LocalNode>),
    /// Another process (`causeway node`, or the app) holds it: ask that one.
    Held,
}

fn take(dir: &Path) -> anyhow::Result<Folder> {
    match LocalNode::open(dir) {
        Ok(local) => {
            for w in local.warnings() {
                eprintln!("warning: {w}");
            }
            Ok(Folder::Ours(Box::new(local)))
        }
        Err(SyncError::Store(StoreError::Locked { .. })) => Ok(Folder::Held),
        Err(e) => Err(e)
            .with_context(|| format!("Causeway could not open its data folder {}", dir.display())),
    }
}

/// Prints what a request answered and says how the process ends.
fn finish(out: &Output, json: bool) -> ExitCode {
    let text = render(out, json);
    if !text.is_empty() {
        say(&text);
    }
    exit_code(out)
}

/// Runs one command (not `node`): through the node that holds the folder if one runs, else on
/// a node of its own for the time of the command.
pub fn command(cli: &Cli, cmd: Command, dir: &Path) -> anyhow::Result<ExitCode> {
    let json = cli.json;
    let progress = |m| {
        if !json {
            say(&member_line(&m));
        }
    };
    let local = match take(dir)? {
        Folder::Ours(local) => *local,
        #[cfg(unix)]
        Folder::Held => {
            let asker = Asker::Socket(dir.to_path_buf());
            let Some(req) = request(cmd, &Finder::new(&asker))? else {
                anyhow::bail!(
                    "Causeway is already running on {}; stop it before starting another node.",
                    dir.display()
                )
            };
            return Ok(finish(&asker.ask(req, progress)?, json));
        }
        #[cfg(not(unix))]
        Folder::Held => anyhow::bail!(
            "Causeway is already running on {}; close it first.",
            dir.display()
        ),
    };
    if matches!(cmd, Command::Invite(InviteCmd::Create { .. })) {
        anyhow::bail!(
            "Start `causeway node` (or the app) on this data folder first, and keep it running: the person you invite joins through it."
        );
    }
    if matches!(cmd, Command::Status) {
        return Ok(finish(&Output::Status(Default::default()), json));
    }
    // Commands that stay on this device open no network connection to anyone (a report
    // goes to a moderator's device at once where one is reachable).
    let net = if matches!(
        cmd,
        Command::Join { .. }
            | Command::Sync { .. }
            | Command::Report { .. }
            | Command::Group(super::args::GroupCmd::Leave { .. })
    ) {
        network(cli, &local)
    } else {
        Network::Loopback
    };
    let node = BlockingNode::start_brief(local, net)?;
    node.node().set_live(false);
    let asker = Asker::Node(node);
    let result = request(cmd, &Finder::new(&asker))
        .and_then(|req| asker.ask(req.ok_or_else(|| anyhow::anyhow!("no request"))?, progress));
    if let Asker::Node(node) = &asker {
        node.shutdown();
    }
    Ok(finish(&result?, json))
}

/// Starts the node that serves this folder (for `causeway node` and the window): it serves
/// other devices and the command line, and syncs in the background.
fn serving(cli: &Cli, dir: &Path) -> anyhow::Result<BlockingNode> {
    let Folder::Ours(local) = take(dir)? else {
        anyhow::bail!(
            "Causeway is already running on {}; stop it before starting another node.",
            dir.display()
        )
    };
    let net = network(cli, &local);
    let node = BlockingNode::start(*local, net)?;
    #[cfg(unix)]
    node.serve_control(dir)?;
    node.spawn_background_sync(BACKGROUND_SYNC_EVERY);
    Ok(node)
}

/// `causeway node`: stays up, serves and syncs every group until Ctrl-C or SIGTERM.
pub fn node(cli: &Cli, dir: &Path) -> anyhow::Result<ExitCode> {
    let node = serving(cli, dir)?;
    // A line whenever the node refused more than it had, at most once a minute: an operator
    // sees an attack as it happens.
    node.every(STATUS_EVERY, {
        let mut last = Refusals::default();
        move |n| {
            let now = n.refusals();
            if now != last {
                last = now;
                let [m, s, j] = n.connections();
                say(&format!(
                    "{} Connected now: {m} from members' devices, {s} from others, {j} joining.",
                    refusals_line(&now)
                ));
            }
        }
    });
    // The device id first, once the node can be stopped: scripts (and the tests) wait for
    // that line.
    node.run_until_signal(|| {
        say(&node.node().device_id().to_hex());
        for a in &node.node().address().direct {
            say(&format!("listening on {a}"));
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// No command: the window, on a serving node.
#[cfg(feature = "window")]
pub fn window(cli: &Cli, dir: &Path) -> anyhow::Result<ExitCode> {
    crate::window::open(serving(cli, dir)?)?;
    Ok(ExitCode::SUCCESS)
}

/// No command, in a build without the window: say what this build does instead.
#[cfg(not(feature = "window"))]
pub fn window(_cli: &Cli, _dir: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "This is Causeway without its window (for servers and office boxes). Run `causeway node` to serve your groups, or `causeway --help` for every command."
    )
}

/// Runs what was asked.
pub fn run(mut cli: Cli) -> anyhow::Result<ExitCode> {
    // Checking a log file needs no data folder and no node: it works on any machine.
    if let Some(Command::Log(super::log::LogArgs {
        cmd: Some(super::log::LogCmd::Verify { file }),
        ..
    })) = &cli.command
    {
        let v = super::log::verify(file)?;
        let text = if cli.json {
            serde_json::to_string_pretty(&v).unwrap_or_default()
        } else {
            super::log::verified_line(&v)
        };
        say(&text);
        return Ok(ExitCode::SUCCESS);
    }
    let dir = data_dir(&cli)?;
    match cli.command.take() {
        None => window(&cli, &dir),
        Some(Command::Node) => node(&cli, &dir),
        Some(cmd) => command(&cli, cmd, &dir),
    }
}
