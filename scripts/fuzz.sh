#!/usr/bin/env bash
# Runs Causeway's fuzz targets with libFuzzer, on the stable toolchain.
#
#   scripts/fuzz.sh                      # every target for 60 s
#   scripts/fuzz.sh 3600 change          # one target for an hour
#   FUZZ_JOBS=2 scripts/fuzz.sh 36000    # ten hours each, two processes per target
#
# Targets (tests/fuzz/src/lib.rs): wire, change, document, doc_change, store. Each run starts from the
# seeds (valid inputs) and the corpus kept from earlier runs in target/fuzz/corpus/<target>,
# and stops at the first failure: a panic, an input that runs over 10 s, or one that takes
# over 2 GiB of memory (1 GiB in one allocation). The input is written to
# target/fuzz/artifacts/<target>/; once fixed, copy it into tests/fuzz/regressions/<target>/
# and `cargo test` replays it from then on (tests/tests/stories/fuzz_regressions.rs).
#
# How: libFuzzer (libfuzzer-sys) guided by LLVM's SanitizerCoverage, which stable rustc
# enables through -C passes and -C llvm-args (scripts/sancov-rustc.sh). Only Causeway's own
# crates are instrumented; everything else is the test build's, reused.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(wire change document doc_change store)
fi
scripts/setup.sh fuzz
root=$PWD/target/fuzz
mkdir -p "$root"
# The seeds come from the ordinary test build (the instrumented one cannot run without libFuzzer).
CAUSEWAY_FUZZ_SEEDS="$root/seeds" cargo test -q -p causeway-tests --locked --test stories fuzz_regressions >/dev/null
# Causeway's crates are rebuilt instrumented (the next test build rebuilds them plain).
RUSTC_WORKSPACE_WRAPPER="$PWD/scripts/sancov-rustc.sh" \
  cargo build -q -p causeway-fuzz --locked --features libfuzzer --bins
bin="$PWD/target/debug"
parallel=()
if [[ "${FUZZ_JOBS:-1}" -gt 1 ]]; then
  # Each job logs to fuzz-<n>.log in the current folder: run from target/fuzz.
  parallel=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
fi
cd "$root"
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$root/corpus/$t" "$root/artifacts/$t"
  echo "== fuzzing $t for $seconds s"
  if ! "$bin/$t" "$root/corpus/$t" "$root/seeds/$t" \
      -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 \
      "${parallel[@]}" -artifact_prefix="$root/artifacts/$t/" -print_final_stats=1 2>"$root/$t.log"; then
    failed+=("$t")
    tail -40 "$root/$t.log" >&2
  else
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^stat::new_units_added|^Done " "$root/$t.log" || true
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzzing found failures in: ${failed[*]} (inputs in $root/artifacts/)" >&2
  exit 1
fi
echo "fuzzing: no failures in ${targets[*]} ($seconds s each)"
