#!/usr/bin/env bash
# The architecture's borders, checked on the dependency graph (see ARCHITECTURE.md, "Invariants"):
#   core depends on no async runtime, no network stack and no UI toolkit;
#   app does not depend on iroh directly (only through the sync handle);
#   the headless build of the app (--no-default-features) has no window toolkit.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
core_deps=$(cargo tree --locked -p causeway-core -e normal --prefix none --format '{p}' | awk '{print $1}' | sort -u)
for banned in tokio iroh iroh-base egui eframe winit wgpu; do
  if grep -qx "$banned" <<<"$core_deps"; then
    echo "border broken: causeway-core depends on $banned" >&2
    fail=1
  fi
done
app_direct=$(cargo tree --locked -p causeway-app -e normal --depth 1 --prefix none --format '{p}' | awk '{print $1}' | sort -u)
for banned in iroh iroh-base iroh-gossip tokio; do
  if grep -qx "$banned" <<<"$app_direct"; then
    echo "border broken: causeway-app depends directly on $banned" >&2
    fail=1
  fi
done
headless=$(cargo tree --locked -p causeway-app --no-default-features -e normal --prefix none --format '{p}' | awk '{print $1}' | sort -u)
for banned in eframe egui egui-winit egui-wgpu egui_glow glow wgpu winit; do
  if grep -qx "$banned" <<<"$headless"; then
    echo "border broken: the headless causeway (--no-default-features) depends on $banned" >&2
    fail=1
  fi
done
if ((fail)); then exit 1; fi
echo "borders hold: core has no runtime, network or UI dependency; app does not depend on iroh; the headless build has no window toolkit"
