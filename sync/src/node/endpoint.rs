//! Binding the iroh endpoint for a network mode, on the ports the device kept.
use std::net::SocketAddr;

use iroh::endpoint::{PortmapperConfig, presets};
use iroh::{Endpoint, NetReportConfig, RelayMode};

use crate::address::{Network, Relay};
use crate::error::{SyncError, SyncProblem};
use crate::local::Ports;

/// An endpoint bound to `addr` on 127.0.0.1 only, with no address lookup and no port
/// mapping: nothing it sends leaves the machine (besides, at most, the given relay's own
/// loopback address).
fn loopback_builder(
    relay: RelayMode,
    addr: SocketAddr,
) -> Result<iroh::endpoint::Builder, SyncError> {
    bound_builder(relay, addr)
}

/// An endpoint bound to `addr` only, with no address lookup and no port mapping.
fn bound_builder(relay: RelayMode, addr: SocketAddr) -> Result<iroh::endpoint::Builder, SyncError> {
    Endpoint::builder(presets::Minimal)
        .relay_mode(relay)
        .portmapper_config(PortmapperConfig::Disabled)
        .transport_config(crate::protocols::limits::transport())
        .clear_ip_transports()
        .bind_addr(addr)
        .map_err(|e| SyncError::Unreachable(e.to_string()))
}

/// Binds the endpoint for `network` on `ports` (any free port where `None`).
pub(super) async fn bind(
    network: &Network,
    secret: iroh::SecretKey,
    ports: Ports,
) -> Result<Endpoint, SyncError> {
    let v4 = |ip: [u8; 4]| SocketAddr::from((ip, ports.ipv4.unwrap_or(0)));
    let bound = match network {
        Network::Loopback => {
            loopback_builder(RelayMode::Disabled, v4([127, 0, 0, 1]))?
                .net_report_config(NetReportConfig::minimal())
                .secret_key(secret)
                .bind()
                .await
        }
        #[cfg(feature = "test-utils")]
        Network::Bound(addr) => {
            bound_builder(RelayMode::Disabled, *addr)?
                .net_report_config(NetReportConfig::minimal())
                .secret_key(secret)
                .bind()
                .await
        }
        #[cfg(feature = "test-utils")]
        Network::TestRelay(url) => {
            let url: iroh::RelayUrl = url.parse().map_err(|_| {
                SyncError::NotPermitted(SyncProblem::BadRelayAddress { url: url.clone() })
            })?;
            loopback_builder(
                RelayMode::Custom(iroh::RelayMap::from(url)),
                v4([127, 0, 0, 1]),
            )?
            .ca_tls_config(iroh::tls::CaTlsConfig::insecure_skip_verify())
            .secret_key(secret)
            .bind()
            .await
        }
        Network::Internet {
            relay,
            lan_discovery,
        } => {
            let mut builder = match relay {
                Relay::Default => Endpoint::builder(presets::N0),
                Relay::Disabled => Endpoint::builder(presets::N0DisableRelay),
                Relay::Custom(url) => {
                    let url: iroh::RelayUrl = url.parse().map_err(|_| {
                        SyncError::NotPermitted(SyncProblem::BadRelayAddress { url: url.clone() })
                    })?;
                    Endpoint::builder(presets::N0)
                        .relay_mode(RelayMode::Custom(iroh::RelayMap::from(url)))
                }
            };
            if *lan_discovery {
                builder =
                    builder.address_lookup(iroh_mdns_address_lookup::MdnsAddressLookup::builder());
            }
            // iroh's own defaults (every interface, IPv6 where there is one), on the ports
            // asked for.
            let v6 = SocketAddr::from((std::net::Ipv6Addr::UNSPECIFIED, ports.ipv6.unwrap_or(0)));
            builder
                .clear_ip_transports()
                .bind_addr(v4([0, 0, 0, 0]))
                .and_then(|b| {
                    b.bind_addr_with_opts(
                        v6,
                        iroh::endpoint::BindOpts::default().set_is_required(ports.ipv6.is_some()),
                    )
                })
                .map_err(|e| SyncError::Unreachable(e.to_string()))?
                .transport_config(crate::protocols::limits::transport())
                .secret_key(secret)
                .bind()
                .await
        }
    };
    bound.map_err(|e| SyncError::Unreachable(format!("the network could not be started: {e}")))
}
