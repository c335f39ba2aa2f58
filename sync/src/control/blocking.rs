//! [`BlockingNode`]: a node with its own async runtime, for the window and the command line,
//! which are not async.
use std::path::Path;
use std::time::Duration;

use tracing::info;

use super::{MemberOutcome, Output, Request, execute, execute_with};
use crate::error::SyncError;
use crate::local::LocalNode;
use crate::node::{Network, Node};

/// A node with its own async runtime, for callers that are not async (the command line, the
/// app). Dropping it stops the node as [`BlockingNode::shutdown`] does.
pub struct BlockingNode {
    runtime: tokio::runtime::Runtime,
    node: Node,
    answers: std::sync::Arc<std::sync::Mutex<Vec<Answer>>>,
    next_request: std::sync::atomic::AtomicU64,
    stopped: std::sync::atomic::AtomicBool,
}

/// The answer to a request run with [`BlockingNode::submit`].
#[derive(Clone, Debug)]
pub struct Answer {
    /// The number `submit` returned.
    pub request: u64,
    /// The output, or what went wrong.
    pub result: Result<Output, Failure>,
}

/// What went wrong with a submitted request: a message in the app's translation files, with
/// its arguments, so the app words it in the person's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The Fluent key ([`crate::ErrorKind::key`]).
    pub key: &'static str,
    /// The message's arguments: numbers and short data, never English phrases.
    pub args: causeway_core::Args,
    /// The English sentence, for logs.
    pub message: String,
}

impl From<&SyncError> for Failure {
    fn from(e: &SyncError) -> Failure {
        let kind = e.error_kind();
        Failure {
            key: kind.key(),
            args: kind.args(),
            message: e.to_string(),
        }
    }
}

impl BlockingNode {
    /// Starts a node on an opened data folder, to serve other devices (see
    /// [`crate::node::Lifetime`]).
    pub fn start(local: LocalNode, network: Network) -> Result<BlockingNode, SyncError> {
        Self::start_for(local, network, crate::node::Lifetime::Serving)
    }

    /// Starts a node for one command.
    pub fn start_brief(local: LocalNode, network: Network) -> Result<BlockingNode, SyncError> {
        Self::start_for(local, network, crate::node::Lifetime::Brief)
    }

    fn start_for(
        local: LocalNode,
        network: Network,
        lifetime: crate::node::Lifetime,
    ) -> Result<BlockingNode, SyncError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| {
                SyncError::Internal(format!("the background runtime could not start: {e}"))
            })?;
        let node = runtime.block_on(Node::start_for(local, network, lifetime))?;
        Ok(BlockingNode {
            runtime,
            node,
            answers: Default::default(),
            next_request: std::sync::atomic::AtomicU64::new(1),
            stopped: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The node.
    pub fn node(&self) -> &Node {
        &self.node
    }

    /// Makes this thread run the node's background work on the node's runtime while the
    /// guard lives: what a caller outside the runtime needs before it calls a [`Node`]
    /// method that pushes to members (editing a document, for one).
    pub fn enter(&self) -> tokio::runtime::EnterGuard<'_> {
        self.runtime.enter()
    }

    /// Runs `f` on the node's runtime, on a thread that may block (a write that waits for the
    /// local state and the disk), and returns at once.
    pub fn in_background(&self, f: impl FnOnce() + Send + 'static) {
        drop(self.runtime.spawn_blocking(f));
    }

    /// Keeps groups in sync in the background (see [`Node::spawn_background_sync`]).
    pub fn spawn_background_sync(&self, every: Duration) {
        let _guard = self.runtime.enter();
        self.node.spawn_background_sync(every);
    }

    /// Runs a local action, stores it, and pushes it to members (see [`Node::act`]). Callable
    /// from any thread.
    pub fn act(
        &self,
        group: causeway_core::GroupId,
        action: impl FnOnce(
            &mut causeway_core::Group,
            causeway_core::Timestamp,
        ) -> Result<causeway_core::LocalChange, causeway_core::CoreError>,
    ) -> Result<causeway_core::LocalChange, SyncError> {
        let _guard = self.runtime.enter();
        self.node.act(group, action)
    }

    /// Calls `f` (from a background thread) whenever a group changed, e.g. to ask a window for
    /// a repaint.
    pub fn on_change(&self, f: impl Fn() + Send + 'static) {
        let mut events = self.node.subscribe();
        self.runtime.spawn(async move {
            loop {
                match events.recv().await {
                    Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => f(),
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                }
            }
        });
    }

    /// Runs a request in the background and returns at once (the app's thread never waits for
    /// the network or for Automerge). The answer is kept for [`BlockingNode::take_answers`] and
    /// announced with a [`crate::NodeEvent::Answered`] event.
    pub fn submit(&self, req: Request) -> u64 {
        let request = self
            .next_request
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (node, answers) = (self.node.clone(), self.answers.clone());
        self.runtime.spawn(async move {
            let result = execute(&node, req).await.map_err(|e| Failure::from(&e));
            if let Ok(mut a) = answers.lock() {
                a.push(Answer { request, result });
            }
            node.answered(request);
        });
        request
    }

    /// Decodes the picture `hash` (all here) at most `max_side` pixels a side, off the
    /// window's thread; `done` hears the pixels, or why it cannot be shown.
    pub fn picture(
        &self,
        hash: causeway_core::BlobHash,
        max_side: u32,
        done: impl FnOnce(Result<crate::Pixels, crate::NotShown>) + Send + 'static,
    ) {
        let node = self.node.clone();
        self.runtime.spawn(async move {
            done(node.picture_pixels(hash, max_side).await);
            node.decoded();
        });
    }

    /// Asks for a file that does not download by itself (see [`Node::want_file`]).
    pub fn want_file(&self, hash: causeway_core::BlobHash) {
        self.node.want_file(hash);
    }

    /// The answers that arrived since the last call.
    pub fn take_answers(&self) -> Vec<Answer> {
        self.answers
            .lock()
            .map(|mut a| std::mem::take(&mut *a))
            .unwrap_or_default()
    }

    /// Runs a command-line request to completion.
    pub fn execute(&self, req: Request) -> Result<Output, SyncError> {
        self.runtime.block_on(execute(&self.node, req))
    }

    /// Runs a command-line request to completion; `progress` hears what it has done so far
    /// (see [`execute_with`]).
    pub fn execute_with(
        &self,
        req: Request,
        progress: impl FnMut(MemberOutcome) + Send,
    ) -> Result<Output, SyncError> {
        self.runtime
            .block_on(execute_with(&self.node, req, progress))
    }

    /// Calls `f` with the node every `period`, on the node's runtime, while it runs.
    pub fn every(&self, period: Duration, mut f: impl FnMut(&Node) + Send + 'static) {
        let node = self.node.clone();
        self.runtime.spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                f(&node);
            }
        });
    }

    /// Serves the control socket for other processes on the same data folder.
    #[cfg(unix)]
    pub fn serve_control(&self, data_dir: &Path) -> Result<(), SyncError> {
        let _guard = self.runtime.enter();
        super::serve(self.node.clone(), data_dir)
    }

    /// Blocks until SIGINT or SIGTERM, then stops the node cleanly. `ready` runs once the
    /// signals are caught (so a caller that says "started" there can be stopped at once).
    pub fn run_until_signal(&self, ready: impl FnOnce()) -> Result<(), SyncError> {
        self.runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{SignalKind, signal};
                let mut term = signal(SignalKind::terminate())
                    .map_err(|e| SyncError::Internal(e.to_string()))?;
                let mut int = signal(SignalKind::interrupt())
                    .map_err(|e| SyncError::Internal(e.to_string()))?;
                ready();
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            {
                let stop = tokio::signal::ctrl_c();
                ready();
                let _ = stop.await;
            }
            info!("stopping");
            self.node.shutdown().await;
            Ok(())
        })
    }

    /// Stops the node ([`Node::shutdown`]: group stores are compacted for the next start).
    /// Only the first call does anything.
    pub fn shutdown(&self) {
        if !self.stopped.swap(true, std::sync::atomic::Ordering::AcqRel) {
            self.runtime.block_on(self.node.shutdown());
        }
    }
}

impl Drop for BlockingNode {
    /// Stops the node, so that closing the window leaves every group compacted. Inside an
    /// async runtime, where blocking is not allowed, the node is only dropped.
    fn drop(&mut self) {
        if tokio::runtime::Handle::try_current().is_err() {
            self.shutdown();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::local::tests::{named, new_group};
    use crate::store::DataDir;

    #[test]
    fn dropping_a_blocking_node_folds_the_logs_into_snapshots() {
        let tmp = tempfile::tempdir().unwrap();
        let mut local = named(tmp.path());
        let id = local.create_group(&new_group()).unwrap();
        let node = BlockingNode::start(local, Network::Loopback).unwrap();
        // As when the window closes.
        drop(node);
        let dir = DataDir::open(tmp.path()).unwrap();
        let (_, loaded) = dir.open_group(*id.as_bytes()).unwrap();
        assert!(loaded.records.is_empty());
        assert!(!loaded.snapshot.unwrap().index.is_empty());
    }
}
