#!/usr/bin/env bash
# Installs what is missing, builds Attention Lab and runs every test headless:
#   1. the release build and its test suite (core, command line, GUI offscreen);
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. each libFuzzer target for ATTN_FUZZ_SECONDS (default 35) seconds;
#   4. the Debian package built and checked (under CI=true also installed and run).
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
bash scripts/fuzz.sh "${ATTN_FUZZ_SECONDS:-35}" | tee -a "$log"

echo "== Debian package"
# CI installs it and runs it from /usr/bin; elsewhere it is built and checked only.
bash scripts/package.sh $([ "${CI:-}" = true ] && echo --install) | tee -a "$log"

tests=$(( $(grep -o 'tests passed, 0 tests failed out of [0-9]*' "$log" | grep -o '[0-9]*$' | paste -sd+) ))
fuzzed=$(grep -c 'no crash' "$log")
packaged=$(grep -c '^package ' "$log")
echo "total: $((tests + fuzzed + packaged)) passed, 0 failed"
