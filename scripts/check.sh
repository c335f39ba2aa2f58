#!/usr/bin/env bash
# Everything CI checks, runnable locally: tests, formatting, lints.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
