#!/usr/bin/env bash
# Runs every test of the workspace (unit, property, UI and end-to-end), then checks the crate borders.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
cargo test --workspace --locked "$@"
scripts/check-borders.sh
