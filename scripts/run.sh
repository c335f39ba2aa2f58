#!/usr/bin/env bash
# Runs the Causeway desktop app (release build). Arguments go to the app, e.g. --data-dir DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
exec cargo run --release --locked -p causeway-app --bin causeway -- "$@"
