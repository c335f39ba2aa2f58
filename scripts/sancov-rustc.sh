#!/usr/bin/env bash
# RUSTC_WORKSPACE_WRAPPER for scripts/fuzz.sh: compiles Causeway's own crates with coverage
# instrumentation for libFuzzer (LLVM SanitizerCoverage, through stable rustc's -C passes and
# -C llvm-args). Dependencies are left as the test build made them, so they are reused, and
# build scripts and proc-macros (which run at build time, without libFuzzer) are left alone.
rustc="$1"
shift
case " $* " in
  *" --crate-name build_script_"*|*" --crate-type proc-macro "*|*" -vV "*|*" - "*)
    exec "$rustc" "$@" ;;
esac
exec "$rustc" "$@" \
  -Cpasses=sancov-module \
  -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
  -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares \
  --cfg fuzzing
