//! Causeway's protocols over iroh, one folder each: wire messages, a sans-IO state machine, and
//! the `ProtocolHandler`. All are registered in one `Router` (see `crate::node`).
pub(crate) mod files;
pub mod group_sync;
pub(crate) mod host;
pub mod join;
pub mod limits;
pub mod report;
pub mod requests;
pub mod tally;

use std::time::Duration;

use iroh::endpoint::{ConnectError, ConnectWithOptsError, Connection};
use iroh::{Endpoint, EndpointAddr};

/// Connects within `budget`, trying again while address lookup has not found the device yet
/// (mDNS on a busy local network can take longer than one lookup round). Without address
/// lookup, a device with no known address fails at once. `None`: out of time.
pub(crate) async fn connect_within(
    endpoint: &Endpoint,
    addr: EndpointAddr,
    alpn: &[u8],
    budget: Duration,
) -> Option<Result<Connection, ConnectError>> {
    let deadline = tokio::time::Instant::now() + budget;
    // Without address lookup (loopback mode) another try cannot find anything new.
    let can_look_up = endpoint.address_lookup().is_ok_and(|l| !l.is_empty());
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match tokio::time::timeout(left, endpoint.connect(addr.clone(), alpn)).await {
            Err(_) => return None,
            Ok(Err(e)) if is_not_found(&e) && can_look_up && left > Duration::from_secs(2) => {
                tracing::debug!(error = %e, "not found yet; looking again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Ok(result) => return Some(result),
        }
    }
}

/// Whether connecting failed only because no address for the device was known or found.
fn is_not_found(e: &ConnectError) -> bool {
    matches!(
        e,
        ConnectError::Connect {
            source: ConnectWithOptsError::NoAddress { .. },
            ..
        }
    )
}
