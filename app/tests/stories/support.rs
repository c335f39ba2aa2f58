//! Driving the real `causeway` binary from tests: one process per command, each bounded in
//! time, optionally inside a network namespace.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use wait_timeout::ChildExt;

const BIN: &str = env!("CARGO_BIN_EXE_causeway");
/// The longest any one command may take, or anything may take to appear in a window.
pub const LIMIT: Duration = Duration::from_secs(60);

/// One person's `causeway`: a data folder, and where their commands run.
pub struct Person {
    dir: PathBuf,
    /// `None`: this machine's loopback only (`CAUSEWAY_NETWORK=loopback`). `Some(ns)`: the
    /// ordinary network mode inside network namespace `ns`, with `net_args` (relays off and
    /// local network discovery on, unless a story says otherwise).
    netns: Option<String>,
    net_args: Vec<String>,
}

impl Person {
    /// Someone whose commands stay on 127.0.0.1.
    pub fn loopback(dir: &Path) -> Person {
        Person {
            dir: dir.to_path_buf(),
            netns: None,
            net_args: Vec::new(),
        }
    }

    /// Someone on the network of namespace `ns`, relays off, local network discovery on.
    pub fn in_netns(dir: &Path, ns: &str) -> Person {
        Person {
            dir: dir.to_path_buf(),
            netns: Some(ns.to_string()),
            net_args: vec!["--no-relay".into()],
        }
    }

    /// Someone on the network of namespace `ns` who goes through the relay at `url` and
    /// does not look for devices on the local network.
    pub fn in_netns_via_relay(dir: &Path, ns: &str, url: &str) -> Person {
        Person {
            dir: dir.to_path_buf(),
            netns: Some(ns.to_string()),
            net_args: vec!["--relay".into(), url.into(), "--no-lan".into()],
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = match &self.netns {
            None => {
                let mut c = Command::new(BIN);
                c.env("CAUSEWAY_NETWORK", "loopback");
                c
            }
            Some(ns) => {
                let mut c = Command::new("ip");
                c.args(["netns", "exec", ns, BIN]).args(&self.net_args);
                c.env_remove("CAUSEWAY_NETWORK");
                c
            }
        };
        c.arg("--data-dir").arg(&self.dir).args(args);
        c
    }

    /// Runs one command to its end: (success, stdout, stderr), trimmed.
    pub fn run(&self, args: &[&str]) -> (bool, String, String) {
        let (code, out, err) = self.run_code(args);
        (code == Some(0), out, err)
    }

    /// Runs one command to its end: (exit code, stdout, stderr), trimmed.
    pub fn run_code(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read both pipes while the command runs: a chatty one (RUST_LOG) would otherwise
        // fill a pipe and wait forever.
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut text = String::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_string(&mut text);
                }
                text
            })
        };
        let out = drain(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let err = drain(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let status = child.wait_timeout(LIMIT).unwrap().unwrap_or_else(|| {
            child.kill().unwrap();
            panic!("causeway {args:?} did not finish within {LIMIT:?}")
        });
        let (out, err) = (out.join().unwrap(), err.join().unwrap());
        (
            status.code(),
            out.trim().to_string(),
            err.trim().to_string(),
        )
    }

    /// Runs one command that must succeed; its output.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run_code(args);
        assert_eq!(code, Some(0), "causeway {args:?} failed:\n{out}\n{err}");
        out
    }

    /// Runs one command that must fail; what it said on standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run_code(args);
        assert_ne!(code, Some(0), "causeway {args:?} succeeded:\n{out}");
        err
    }

    /// Starts `causeway node` and waits (bounded) until it serves.
    pub fn start_node(&self) -> Child {
        let mut child = self
            .command(&["node"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The node prints its id once it serves; wait for that line, bounded.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let first = lines.next().and_then(Result::ok).unwrap_or_default();
            let _ = tx.send(first);
            // Read on to the end, as a terminal would: what the node says later has a reader.
            for _ in lines {}
        });
        let line = rx.recv_timeout(LIMIT).expect("the node did not start");
        assert_eq!(
            line.trim().len(),
            64,
            "the node prints its device id first: {line:?}"
        );
        child
    }
}

/// Stops a node with SIGTERM and checks it stops cleanly.
pub fn stop(mut node: Child) {
    let term = Command::new("kill")
        .args(["-TERM", &node.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let status = node
        .wait_timeout(LIMIT)
        .unwrap()
        .expect("the node did not stop on SIGTERM");
    assert!(
        status.success(),
        "the node stops cleanly on SIGTERM: {status:?}"
    );
}

/// Runs `ip` with `args`, or says why it failed.
pub fn ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip")
        .args(args)
        .output()
        .map_err(|e| format!("`ip` could not be run ({e})"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`ip {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Network namespaces a story made; removed, with their links, when dropped.
pub struct Namespaces {
    /// Their names, in the order they were made.
    pub names: Vec<String>,
}

impl Namespaces {
    /// Makes the namespaces `names`, then runs each of `steps` (arguments to `ip`), or says
    /// why it cannot (without CAP_NET_ADMIN, say). What was made is removed either way.
    pub fn new(names: Vec<String>, steps: &[Vec<String>]) -> Result<Namespaces, String> {
        let mut made = Namespaces { names: Vec::new() };
        for n in names {
            ip(&["netns", "add", &n])?;
            made.names.push(n);
        }
        for step in steps {
            ip(&step.iter().map(String::as_str).collect::<Vec<_>>())?;
        }
        Ok(made)
    }
}

impl Drop for Namespaces {
    fn drop(&mut self) {
        for n in &self.names {
            // Deleting a namespace removes its ends of the veth pairs, and so the pairs.
            let _ = Command::new("ip").args(["netns", "del", n]).status();
        }
    }
}

/// Runs `f` on a thread of its own inside namespace `ns`: sockets it opens (and threads it
/// starts) live in that namespace.
#[cfg(target_os = "linux")]
pub fn in_netns<T: Send + 'static>(
    ns: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    use std::os::fd::AsFd;
    let path = format!("/var/run/netns/{ns}");
    std::thread::spawn(move || {
        let file = std::fs::File::open(&path).unwrap();
        rustix::thread::move_into_link_name_space(
            file.as_fd(),
            Some(rustix::thread::LinkNameSpaceType::Network),
        )
        .unwrap();
        f()
    })
}

/// A UDP socket bound to `port` on every address of network namespace `ns` (as another
/// program there would hold it). The port stays taken while the socket lives.
#[cfg(target_os = "linux")]
pub fn udp_socket_in(ns: &str, port: u16) -> std::net::UdpSocket {
    // The stopped node's socket is gone by now: it stopped cleanly before this.
    in_netns(ns, move || {
        std::net::UdpSocket::bind(("0.0.0.0", port)).unwrap()
    })
    .join()
    .unwrap()
}
