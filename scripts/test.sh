#!/usr/bin/env bash
# Installs what is missing, builds Attention Lab and runs every test headless:
#   1. the release build and its test suite (core, command line, GUI offscreen);
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. each libFuzzer target for ATTN_FUZZ_SECONDS (default 10) seconds;
#   4. the Debian package built and checked (under CI=true also installed and run).
# Any failure, crash, leak or sanitizer report stops it with a non-zero exit.
case "${1:-}" in -h | --help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac  # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
log=$(mktemp)
junit=$(mktemp -d)
trap 'rm -rf "$log" "$junit"' EXIT

for preset in release asan; do
  echo "== $preset build and tests"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset" --output-junit "$junit/$preset.xml" | tee -a "$log"
done

echo "== fuzzing"
bash scripts/fuzz.sh "${ATTN_FUZZ_SECONDS:-6}" | tee -a "$log"

echo "== Debian package"
# CI installs it and runs it from /usr/bin; elsewhere it is built and checked only.
bash scripts/package.sh $([ "${CI:-}" = true ] && echo --install) | tee -a "$log"

# Totals from ctest's JUnit reports (numbers in attributes, not English sentences); skipped tests
# (a peer test run separately) are not counted as passed.
count() {  # sums attribute KEY="N" over the reports; a key ctest never writes counts 0 (no grep failure under pipefail)
  awk -v key="$1" '{ while (match($0, "[[:space:]]" key "=\"[0-9]+\"")) { s = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); n += s; $0 = substr($0, RSTART + RLENGTH) } } END { print n + 0 }' "$junit"/*.xml
}
tests=$(( $(count tests) - $(count skipped) - $(count disabled) ))
failed=$(( $(count failures) + $(count errors) ))
fuzzed=$(grep -c 'no crash' "$log" || true)
packaged=$(grep -c '^package ' "$log" || true)
echo "total: $((tests - failed + fuzzed + packaged)) passed, $failed failed"
[ "$failed" -eq 0 ]
