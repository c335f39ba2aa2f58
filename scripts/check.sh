#!/usr/bin/env bash
# Everything CI checks, runnable locally: tests, the benchmarks at a small size (they must run
# and print their table; timings are not judged there), formatting, lints, and a short run of
# every fuzz target (10 s each; scripts/fuzz.sh runs them longer).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test.sh
# The test build above built the bench binary (the stories' package has it): run it as it is,
# rather than build it again with the features of its package alone.
target/debug/bench --smoke --cache target/bench-data-smoke
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The headless build (no window) compiles and lints too.
cargo clippy -p causeway-app --no-default-features --locked -- -D warnings
scripts/fuzz.sh 10
