//! Where other devices are, and how this one reaches them: the network mode, the relay
//! choice, the settings a person saves, and [`PeerAddress`], Causeway's own address type (iroh's
//! stays inside this crate).
use std::net::SocketAddr;

use causeway_core::DeviceId;
use iroh::EndpointAddr;

use crate::error::{SyncError, SyncProblem};

/// How the node reaches other devices.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Network {
    /// Only this machine (127.0.0.1), no relay, no address lookup: tests and demos. Nothing
    /// leaves the machine.
    Loopback,
    /// The local network and the internet: iroh's address lookup (and, when `lan_discovery`
    /// is on, mDNS on the local network, so a workshop with no internet works), with relays as
    /// a fallback.
    Internet {
        /// Which relays to fall back on.
        relay: Relay,
        /// Find members' devices on the local network (mDNS).
        lan_discovery: bool,
    },
    /// Tests only: 127.0.0.1 and a relay server started by the test (its self-signed
    /// certificate is accepted). Nothing leaves the machine.
    #[cfg(feature = "test-utils")]
    TestRelay(String),
    /// Tests only: bound to this address (say, one in a network namespace), no relay, no
    /// address lookup.
    #[cfg(feature = "test-utils")]
    Bound(SocketAddr),
}

/// Relays a node may fall back on when no direct path works.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Relay {
    /// iroh's public relays.
    Default,
    /// None: direct connections only.
    Disabled,
    /// A self-hosted relay, by URL.
    Custom(String),
}

/// How this device reaches others, as the person chose in the settings (`network.json`).
/// Command-line options override it for one run.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NetworkSettings {
    /// Which relays to fall back on.
    pub relay: Relay,
    /// Find members' devices on the local network (mDNS).
    pub lan_discovery: bool,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            relay: Relay::Default,
            lan_discovery: true,
        }
    }
}

impl NetworkSettings {
    /// Checks a self-hosted relay's address.
    pub fn validate(&self) -> Result<(), SyncError> {
        if let Relay::Custom(url) = &self.relay {
            url.parse::<iroh::RelayUrl>().map_err(|_| {
                SyncError::NotPermitted(SyncProblem::BadRelayAddress { url: url.clone() })
            })?;
        }
        Ok(())
    }

    /// The network mode these settings describe.
    pub fn network(&self) -> Network {
        Network::Internet {
            relay: self.relay.clone(),
            lan_discovery: self.lan_discovery,
        }
    }
}

/// Where another device can be reached. Causeway's own type: iroh's stays inside this crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerAddress {
    /// The device's id.
    pub id: DeviceId,
    /// Direct addresses (IP and port).
    pub direct: Vec<SocketAddr>,
    /// The relay the device is reachable through, if any.
    pub relay: Option<String>,
}

impl PeerAddress {
    /// iroh's address for it.
    pub(crate) fn to_iroh(&self) -> Result<EndpointAddr, SyncError> {
        let key = iroh::PublicKey::from_bytes(self.id.as_bytes())
            .map_err(|_| SyncError::Unreachable("that device id is not valid".into()))?;
        let mut addr = self
            .direct
            .iter()
            .fold(EndpointAddr::new(key), |a, s| a.with_ip_addr(*s));
        if let Some(url) = self
            .relay
            .as_ref()
            .and_then(|u| u.parse::<iroh::RelayUrl>().ok())
        {
            addr = addr.with_relay_url(url);
        }
        Ok(addr)
    }
}
