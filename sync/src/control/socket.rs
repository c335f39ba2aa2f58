//! The control socket: how a running node (`causeway node` or the app) takes requests from
//! other processes on the same data folder. The socket is `<data dir>/control.sock`, mode 0600
//! (only the folder's owner can use it); each connection carries one JSON request line and
//! gets JSON lines back: progress lines for a long request, then one answer.
use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tracing::{info, warn};

use super::{MemberOutcome, Output, Request, execute_with};
use crate::error::{SyncError, SyncProblem};
use crate::node::Node;

/// File name of the control socket inside the data folder.
pub const SOCKET: &str = "control.sock";
const MAX_REQUEST: usize = 64 * 1024;

/// The answer: `output` on success, a sentence in `error` otherwise. Before it, a long
/// request may send lines that carry only `progress` (what it has done so far).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Response {
    /// The answer, on success.
    #[serde(default)]
    pub output: Option<Output>,
    /// What went wrong, as a sentence for a person.
    #[serde(default)]
    pub error: Option<String>,
    /// Set on the lines before the answer: what the request has done so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<MemberOutcome>,
}

impl Response {
    fn progress(v: MemberOutcome) -> Response {
        Response {
            output: None,
            error: None,
            progress: Some(v),
        }
    }
}

/// Serves the control socket of a running node until the node stops. Unix only.
pub fn serve(node: Node, data_dir: &Path) -> Result<(), SyncError> {
    use std::os::unix::fs::PermissionsExt;
    let path = data_dir.join(SOCKET);
    // We hold the data folder's lock, so a socket file left here is stale.
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path)
        .map_err(|e| SyncError::Internal(format!("the control socket could not be opened: {e}")))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| SyncError::Internal(e.to_string()))?;
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                break;
            };
            let node = node.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut line = String::new();
                let mut reader = BufReader::new(read.take(MAX_REQUEST as u64));
                let request = match tokio::time::timeout(
                    Duration::from_secs(10),
                    reader.read_line(&mut line),
                )
                .await
                {
                    Ok(Ok(_)) => serde_json::from_str::<Request>(&line),
                    _ => return,
                };
                let response = match request {
                    Ok(req) => {
                        info!(?req, "control request");
                        // What a long request has done so far goes out as it happens, one
                        // `progress` line each, before the answer.
                        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<MemberOutcome>();
                        let run = execute_with(&node, req, move |v| {
                            let _ = tx.send(v);
                        });
                        tokio::pin!(run);
                        let result = loop {
                            tokio::select! {
                                result = &mut run => break result,
                                Some(v) = rx.recv() => {
                                    if write_line(&mut write, &Response::progress(v)).await.is_err() {
                                        return;
                                    }
                                }
                            }
                        };
                        while let Ok(v) = rx.try_recv() {
                            if write_line(&mut write, &Response::progress(v))
                                .await
                                .is_err()
                            {
                                return;
                            }
                        }
                        match result {
                            Ok(output) => Response {
                                output: Some(output),
                                error: None,
                                progress: None,
                            },
                            Err(e) => Response {
                                output: None,
                                error: Some(e.to_string()),
                                progress: None,
                            },
                        }
                    }
                    Err(e) => Response {
                        output: None,
                        error: Some(format!("the request was not understood: {e}")),
                        progress: None,
                    },
                };
                if let Err(e) = write_line(&mut write, &response).await {
                    warn!(error = %e, "control answer lost");
                }
            });
        }
    });
    Ok(())
}

async fn write_line(
    write: &mut tokio::net::unix::OwnedWriteHalf,
    response: &Response,
) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec(response).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    write.write_all(&bytes).await
}

/// Sends a request to the node running on `data_dir`. Unix only.
pub fn call(data_dir: &Path, req: &Request) -> Result<Response, SyncError> {
    call_with(data_dir, req, |_| {})
}

/// Sends a request to the node running on `data_dir`; `progress` hears the progress lines
/// that come before the answer. Unix only.
pub fn call_with(
    data_dir: &Path,
    req: &Request,
    mut progress: impl FnMut(MemberOutcome),
) -> Result<Response, SyncError> {
    use std::io::{BufRead, Read, Write};
    let path = data_dir.join(SOCKET);
    let mut stream = std::os::unix::net::UnixStream::connect(&path).map_err(|e| {
        SyncError::NotPermitted(SyncProblem::OtherProcessSilent {
            detail: e.to_string(),
        })
    })?;
    // Joining and syncing wait on other devices; allow them their time.
    stream
        .set_read_timeout(Some(Duration::from_secs(600)))
        .map_err(|e| SyncError::Internal(e.to_string()))?;
    let mut line = serde_json::to_vec(req).map_err(|e| SyncError::Internal(e.to_string()))?;
    line.push(b'\n');
    stream
        .write_all(&line)
        .map_err(|e| SyncError::Internal(e.to_string()))?;
    let mut reader = std::io::BufReader::new(stream.take(64 << 20));
    loop {
        let mut answer = String::new();
        reader
            .read_line(&mut answer)
            .map_err(|e| SyncError::Internal(e.to_string()))?;
        let response: Response = serde_json::from_str(&answer).map_err(|e| {
            SyncError::Internal(format!(
                "the running Causeway answered something unreadable: {e}"
            ))
        })?;
        match response.progress {
            Some(p) => progress(p),
            None => return Ok(response),
        }
    }
}
