//! The `causeway` binary. Without a command it opens the desktop app; with one, it is the
//! command line of a headless node (see `causeway --help`).
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use causeway_app::{CausewayApp, sentence};
use causeway_sync::control::{BlockingNode, Request, call_with};
use causeway_sync::store::{DataDir, StoreError};
use causeway_sync::{LocalNode, Network, Relay, SyncError};
use clap::{Parser, Subcommand};
use serde_json::Value;

/// A line on standard output from the always-on node. Nobody may be reading any more (a
/// script that took the first line, a closed terminal): the node goes on regardless.
fn say(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// How often `causeway node` looks whether it refused more than before (and says so).
const STATUS_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Causeway: your cause groups, on your devices.
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
struct Cli {
    /// Where Causeway keeps this device's data (default: the platform's data folder). Use another
    /// folder to run several identities on one machine.
    #[arg(long, global = true, env = "CAUSEWAY_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Use this self-hosted relay instead of the public ones.
    #[arg(long, global = true, value_name = "URL", conflicts_with = "no_relay")]
    relay: Option<String>,
    /// Never go through a relay: direct connections only.
    #[arg(long, global = true)]
    no_relay: bool,
    /// Do not look for members' devices on the local network (mDNS).
    #[arg(long, global = true)]
    no_lan: bool,
    /// Print data as JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// This device's id and display name.
    Id,
    /// Your profile.
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// Create and list groups.
    #[command(subcommand)]
    Group(GroupCmd),
    /// Invite people to a group (admins).
    #[command(subcommand)]
    Invite(InviteCmd),
    /// Join a group with an invite.
    Join {
        /// The invite text (starts with cw1).
        ticket: String,
    },
    /// Write a post.
    Post {
        /// Group id (or a unique prefix, or the exact name).
        group: String,
        /// The text.
        text: String,
        /// An optional title.
        #[arg(long, default_value = "")]
        title: String,
    },
    /// Comment on a post (or, with --reply-to, answer a comment).
    Comment {
        /// Group id, prefix or name.
        group: String,
        /// The post's id (as `post` and `feed --json` print it).
        post: String,
        /// The text.
        text: String,
        /// The comment this answers.
        #[arg(long)]
        reply_to: Option<String>,
    },
    /// React to a post or comment with an emoji (or take your reaction back with --remove).
    React {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id.
        item: String,
        /// The reaction, e.g. 👍.
        #[arg(required_unless_present = "remove")]
        reaction: Option<String>,
        /// Take my reaction back.
        #[arg(long)]
        remove: bool,
    },
    /// Show a group's posts, newest first.
    Feed {
        /// Group id, prefix or name.
        group: String,
    },
    /// Show a group's members.
    Members {
        /// Group id, prefix or name.
        group: String,
    },
    /// Remove members or change their role (admins).
    #[command(subcommand)]
    Member(MemberCmd),
    /// One sync round with every member whose device can be reached, all at once, then
    /// exit. Prints each member's outcome as it ends. Exits with 0 when at least one
    /// member's device synced with this one (or there is no one else to reach), and with 2
    /// when none did (none could be reached, or all refused).
    Sync {
        /// Only this group.
        group: Option<String>,
        /// Give up on members that have not answered after this many seconds.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// What the running node is doing: connections from other devices, and what it refused
    /// them since it started (changes, sessions, joins, connections over the limits).
    Status,
    /// Stay up, serve and sync all groups (an always-on device). Stops on Ctrl-C or SIGTERM.
    Node,
    /// Write a group as JSON and as an .automerge file other Automerge tools open.
    Export {
        /// Group id, prefix or name.
        group: String,
        /// Folder to write to.
        dir: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum ProfileCmd {
    /// Set the name other members see.
    SetName {
        /// The name.
        name: String,
    },
}

#[derive(Subcommand, Debug)]
enum GroupCmd {
    /// Create a group; prints its id.
    Create {
        /// Its name.
        name: String,
        /// What it is for.
        #[arg(long, default_value = "")]
        mission: String,
        /// A cause it works on (repeat for several).
        #[arg(long = "cause")]
        causes: Vec<String>,
        /// Who may join: open, request or invite.
        #[arg(long, default_value = "invite")]
        visibility: String,
        /// Where it works.
        #[arg(long, default_value = "")]
        region: String,
        /// A language it works in, e.g. fr (repeat for several).
        #[arg(long = "language")]
        languages: Vec<String>,
    },
    /// List my groups.
    List,
}

#[derive(Subcommand, Debug)]
enum InviteCmd {
    /// Create an invite; prints the text to give to the person invited.
    Create {
        /// Group id, prefix or name.
        group: String,
        /// How many people may use it.
        #[arg(long)]
        uses: Option<u32>,
        /// How long it stays valid, e.g. 30m, 12h, 7d.
        #[arg(long, value_parser = parse_duration)]
        expires: Option<u64>,
    },
    /// Withdraw an invite.
    Revoke {
        /// Group id, prefix or name.
        group: String,
        /// The invite text.
        ticket: String,
    },
}

#[derive(Subcommand, Debug)]
enum MemberCmd {
    /// Remove a member.
    Remove {
        /// Group id, prefix or name.
        group: String,
        /// Their device id.
        member: String,
        /// Why (members can read it).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Change a member's role (member, moderator, admin).
    Role {
        /// Group id, prefix or name.
        group: String,
        /// Their device id.
        member: String,
        /// The new role.
        role: String,
    },
    /// Let in someone who asked to join (`members` lists them as "asking to join").
    Approve {
        /// Group id, prefix or name.
        group: String,
        /// Their device id.
        member: String,
    },
    /// Turn down someone who asked to join (they may ask again with a valid invite).
    Decline {
        /// Group id, prefix or name.
        group: String,
        /// Their device id.
        member: String,
    },
}

fn parse_duration(s: &str) -> Result<u64, String> {
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration like 30m, 12h or 7d"))?;
    let mult = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("{s:?} is not a duration like 30m, 12h or 7d")),
    };
    Ok(n.saturating_mul(mult))
}

fn to_request(cmd: Command) -> Option<Request> {
    Some(match cmd {
        Command::Id => Request::Id,
        Command::Profile(ProfileCmd::SetName { name }) => Request::SetName { name },
        Command::Group(GroupCmd::Create {
            name,
            mission,
            causes,
            visibility,
            region,
            languages,
        }) => Request::GroupCreate {
            name,
            mission,
            causes,
            visibility,
            region,
            languages,
        },
        Command::Group(GroupCmd::List) => Request::GroupList,
        Command::Invite(InviteCmd::Create {
            group,
            uses,
            expires,
        }) => Request::InviteCreate {
            group,
            uses,
            expires_in_secs: expires,
        },
        Command::Invite(InviteCmd::Revoke { group, ticket }) => {
            Request::InviteRevoke { group, ticket }
        }
        Command::Join { ticket } => Request::Join { ticket },
        Command::Post { group, text, title } => Request::Post {
            group,
            text,
            title,
            lang: String::new(),
        },
        Command::Comment {
            group,
            post,
            text,
            reply_to,
        } => Request::Comment {
            group,
            post,
            reply_to,
            text,
        },
        Command::React {
            group,
            item,
            reaction,
            remove,
        } => Request::React {
            group,
            item,
            reaction: if remove { None } else { reaction },
        },
        Command::Feed { group } => Request::Feed { group },
        Command::Members { group } => Request::Members { group },
        Command::Member(MemberCmd::Remove {
            group,
            member,
            reason,
        }) => Request::MemberRemove {
            group,
            member,
            reason,
        },
        Command::Member(MemberCmd::Role {
            group,
            member,
            role,
        }) => Request::MemberRole {
            group,
            member,
            role,
        },
        Command::Member(MemberCmd::Approve { group, member }) => Request::Approve { group, member },
        Command::Member(MemberCmd::Decline { group, member }) => Request::Decline { group, member },
        Command::Sync { group, timeout } => Request::Sync {
            group,
            timeout_secs: timeout,
        },
        Command::Export { group, dir } => Request::Export { group, dir },
        Command::Status => Request::Status,
        Command::Node => return None,
    })
}

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

fn print(req: &Request, out: &Value, json: bool) {
    if json {
        println!("{}", serde_json::to_string_pretty(out).unwrap_or_default());
        return;
    }
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match req {
        Request::Id => println!("{}  {}", s(out, "device_id"), s(out, "display_name")),
        Request::GroupCreate { .. } => println!("{}", s(out, "group_id")),
        Request::InviteCreate { .. } => println!("{}", s(out, "ticket")),
        Request::Post { .. } => println!("{}", s(out, "post_id")),
        Request::Comment { .. } => println!("{}", s(out, "comment_id")),
        Request::React { .. } => {}
        Request::GroupList => {
            for g in out.as_array().into_iter().flatten() {
                println!(
                    "{}  {}  ({} members, you: {})",
                    s(g, "group_id"),
                    s(g, "name"),
                    g["members"],
                    g["my_role"].as_str().unwrap_or("not a member")
                );
            }
        }
        Request::Feed { .. } => {
            for p in out.as_array().into_iter().flatten() {
                let title = s(p, "title");
                if title.is_empty() {
                    println!("{}: {}", s(p, "author"), s(p, "text"));
                } else {
                    println!("{}: {} — {}", s(p, "author"), title, s(p, "text"));
                }
            }
        }
        Request::Members { .. } => {
            for m in out.as_array().into_iter().flatten() {
                println!("{}  {}  {}", s(m, "device_id"), s(m, "role"), s(m, "name"));
            }
        }
        Request::Sync { .. } => {
            // Each member was printed as their outcome came in; this is the round's summary.
            let tried = out["members"].as_array().map_or(0, Vec::len);
            let synced = out["synced"].as_u64().unwrap_or(0);
            if tried == 0 {
                println!("No other member's device to sync with yet.");
            } else {
                println!("Reached {synced} of {tried} members.");
            }
        }
        Request::Status => print_status(out),
        Request::Join { .. } => println!("{} ({})", s(out, "group_id"), s(out, "status")),
        Request::SetName { .. } => println!("Others now see you as {}.", s(out, "display_name")),
        Request::InviteRevoke { .. } => println!(
            "{}",
            if out["revoked"].as_bool() == Some(true) {
                "The invite was withdrawn."
            } else {
                "No such invite was issued on this device."
            }
        ),
        Request::MemberRemove { .. } => println!("Removed {}.", s(out, "removed")),
        Request::Approve { .. } => println!("{} is a member now.", s(out, "approved")),
        Request::Decline { .. } => {
            println!("The request of {} was turned down.", s(out, "declined"))
        }
        Request::MemberRole { .. } => println!("{} is now {}.", s(out, "member"), s(out, "role")),
        Request::Export { .. } => println!(
            "{}\n{}",
            out["json"].as_str().unwrap_or(""),
            out["automerge"].as_str().unwrap_or("")
        ),
        // The app's own requests are not commands; print their data if one ever arrives here.
        _ => println!("{}", serde_json::to_string_pretty(out).unwrap_or_default()),
    }
}

/// One member's outcome in a sync round, as a line: "Bruno (1a2b3c4d5e): received 1, sent 0,
/// refused 0", with the group's name before each group's numbers when there are several.
fn member_line(m: &Value) -> String {
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let short: String = s(m, "member").chars().take(10).collect();
    let who = match s(m, "name") {
        n if n.is_empty() => short,
        n => format!("{n} ({short})"),
    };
    if let Some(e) = m.get("error").and_then(Value::as_str) {
        return format!("{who}: not reached: {e}");
    }
    let groups = m["groups"].as_array().cloned().unwrap_or_default();
    let several = groups.len() + m["up_to_date"].as_u64().unwrap_or(0) as usize > 1;
    let mut parts: Vec<String> = groups
        .iter()
        .map(|g| {
            let what = match g.get("error").and_then(Value::as_str) {
                Some(e) => e.to_string(),
                None => format!(
                    "received {}, sent {}, refused {}",
                    g["received"], g["sent"], g["rejected"]
                ),
            };
            if several {
                format!("{}: {what}", s(g, "group"))
            } else {
                what
            }
        })
        .collect();
    match m["up_to_date"].as_u64().unwrap_or(0) {
        0 => {}
        1 if groups.is_empty() => parts.push("up to date".into()),
        n => parts.push(format!("{n} groups up to date")),
    }
    format!("{who}: {}", parts.join("; "))
}

fn print_status(out: &Value) {
    let n = |v: &Value| v.as_u64().unwrap_or(0);
    if out["running"].as_bool() != Some(true) {
        println!(
            "Causeway is not running on this data folder: start `causeway node` (or the app) to serve other devices."
        );
        return;
    }
    let c = &out["connections"];
    let r = &out["refused"];
    println!(
        "Device {} ({}), {} groups.",
        out["device_id"]
            .as_str()
            .unwrap_or("")
            .chars()
            .take(10)
            .collect::<String>(),
        out["display_name"].as_str().unwrap_or(""),
        n(&out["groups"])
    );
    println!(
        "Connected now: {} from members' devices, {} from others, {} joining.",
        n(&c["members"]),
        n(&c["strangers"]),
        n(&c["joining"])
    );
    println!("{}", refusals_line(r));
}

/// What the node refused since it started, as one line.
fn refusals_line(r: &Value) -> String {
    let n = |k: &str| r[k].as_u64().unwrap_or(0);
    format!(
        "Refused since start: {} changes, {} sessions from non-members, {} join requests, {} connections over the limits, {} broken sessions.",
        n("changes"),
        n("sessions"),
        n("joins"),
        n("busy"),
        n("broken")
    )
}

/// Whether a finished request should end the process with a failure code of its own:
/// a sync round in which no member's device synced (there were some to reach).
fn exit_code(req: &Request, out: &Value) -> ExitCode {
    match req {
        Request::Sync { .. }
            if out["members"].as_array().is_some_and(|m| !m.is_empty())
                && out["synced"].as_u64() == Some(0) =>
        {
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.data_dir {
        Some(d) => Ok(d.clone()),
        None => DataDir::default_location().context(
            "no home folder was found; use --data-dir DIR to choose where to keep your data",
        ),
    }
}

fn is_locked(e: &SyncError) -> bool {
    matches!(e, SyncError::Store(StoreError::Locked { .. }))
}

fn run_command(mut cli: Cli, dir: &Path) -> anyhow::Result<ExitCode> {
    let json = cli.json;
    let Some(cmd) = cli.command.take() else {
        return Ok(ExitCode::SUCCESS);
    };
    let progress = |v: Value| {
        if !json {
            println!("{}", member_line(&v));
        }
    };
    let request = to_request(cmd);
    let local = match LocalNode::open(dir) {
        Ok(local) => local,
        Err(e) if is_locked(&e) => {
            // Another process (causeway node, or the app) holds the folder: ask it.
            let Some(req) = request else {
                anyhow::bail!(
                    "Causeway is already running on {}; stop it before starting another node.",
                    dir.display()
                )
            };
            let answer = call_with(dir, &req, progress)?;
            if let Some(err) = answer.error {
                anyhow::bail!("{}", sentence(&err));
            }
            print(&req, &answer.output, json);
            return Ok(exit_code(&req, &answer.output));
        }
        Err(e) => {
            return Err(e).with_context(|| {
                format!("Causeway could not open its data folder {}", dir.display())
            });
        }
    };
    for w in local.warnings() {
        eprintln!("warning: {w}");
    }
    let net = network(&cli, &local);
    match request {
        None => {
            let node = BlockingNode::start(local, net)?;
            #[cfg(unix)]
            node.serve_control(dir)?;
            node.spawn_background_sync(std::time::Duration::from_secs(30));

            // A line whenever the node refused more than it had, at most once a minute: an
            // operator sees an attack as it happens.
            node.every(STATUS_EVERY, {
                let mut last = causeway_sync::Refusals::default();
                move |n| {
                    let now = n.refusals();
                    if now != last {
                        last = now;
                        let [m, s, j] = n.connections();
                        say(&format!(
                            "{} Connected now: {m} from members' devices, {s} from others, {j} joining.",
                            refusals_line(&serde_json::json!(now))
                        ));
                    }
                }
            });
            // The device id first, once the node can be stopped: scripts (and the tests)
            // wait for that line.
            node.run_until_signal(|| {
                say(&node.node().device_id().to_hex());
                for a in &node.node().address().direct {
                    say(&format!("listening on {a}"));
                }
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(req) => {
            if matches!(req, Request::InviteCreate { .. }) {
                anyhow::bail!(
                    "Start `causeway node` (or the app) on this data folder first, and keep it running: the person you invite joins through it."
                );
            }
            if matches!(req, Request::Status) {
                print(&req, &serde_json::json!({ "running": false }), json);
                return Ok(ExitCode::SUCCESS);
            }
            // Commands that stay on this device open no network connection to anyone.
            let net = if req.needs_network() {
                net
            } else {
                Network::Loopback
            };
            let node = BlockingNode::start_brief(local, net)?;
            node.node().set_live(false);
            let result = node.execute_with(req.clone(), progress);
            node.shutdown();
            let out = result.map_err(|e| anyhow::anyhow!("{}", sentence(&e.to_string())))?;
            print(&req, &out, json);
            Ok(exit_code(&req, &out))
        }
    }
}

fn run_app(cli: &Cli, dir: &Path) -> anyhow::Result<()> {
    let local = LocalNode::open(dir)
        .with_context(|| format!("Causeway could not open its data folder {}", dir.display()))?;
    let network = network(cli, &local);
    // The window runs the node: it syncs in the background and serves the command line.
    let node = BlockingNode::start(local, network)?;
    #[cfg(unix)]
    node.serve_control(dir)?;
    node.spawn_background_sync(std::time::Duration::from_secs(30));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Causeway")
        .with_app_id("org.causeway.Causeway")
        .with_inner_size([1000.0, 700.0])
        .with_min_inner_size([480.0, 360.0]);
    // The same picture as assets/causeway.svg (the desktop file's icon), for the window.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/causeway.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Causeway",
        options,
        Box::new(|cc| {
            let app = CausewayApp::new(node, CausewayApp::load_saved(cc.storage));
            app.repaint_on_changes(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}

fn main() -> ExitCode {
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
    let cli = Cli::parse();
    let result = data_dir(&cli).and_then(|dir| {
        if cli.command.is_some() {
            run_command(cli, &dir)
        } else {
            run_app(&cli, &dir).map(|()| ExitCode::SUCCESS)
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::FAILURE
        }
    }
}
