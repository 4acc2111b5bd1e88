#!/usr/bin/env bash
# Installs what is missing, builds Attention Lab and runs every test headless:
#   1. the release build and its test suite (core, command line, GUI offscreen);
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. each libFuzzer target for ATTN_FUZZ_SECONDS (default 60) seconds.
# Any failure, crash, leak or sanitizer report stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for preset in release asan; do
  echo "== $preset build and tests"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset" | tee -a "$log"
done

echo "== fuzzing"
bash scripts/fuzz.sh "${ATTN_FUZZ_SECONDS:-60}" | tee -a "$log"

tests=$(( $(grep -o 'tests passed, 0 tests failed out of [0-9]*' "$log" | grep -o '[0-9]*$' | paste -sd+) ))
fuzzed=$(grep -c 'no crash' "$log")
echo "total: $((tests + fuzzed)) passed, 0 failed"
