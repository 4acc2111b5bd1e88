#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a bounded
# time on a copy of its seed corpus. Any crash, leak or sanitizer report fails.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
case "${1:-}" in -h | --help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac  # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
targets=()
for source in tests/fuzz/fuzz_*.cpp; do  # the targets: one file each (tests/fuzz/CMakeLists.txt reads the same)
  target=$(basename "$source" .cpp)
  targets+=("${target#fuzz_}")
done
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"  # the fuzzers and the core they link, not the app
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One target on a copy of its seed corpus (and past crashes): its verdict line in $work/<target>.verdict.
fuzz_one() {
  local target=$1 log="$work/$1.log"
  mkdir -p "$work/$target"
  cp tests/fuzz/corpus/"$target"/* "$work/$target"/
  [ -d tests/fuzz/regressions/"$target" ] && cp tests/fuzz/regressions/"$target"/* "$work/$target"/
  if build/fuzz/tests/fuzz/fuzz_"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" "$work/$target" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $target: ${runs} executions in ${seconds} s, no crash" >"$work/$target.verdict"
  else
    { echo "fuzz $target: FAILED"; grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -20; } >"$work/$target.verdict"
    touch "$work/$target.failed"
  fi
}
mkdir -p "$work/artifacts"
# As many targets at a time as there are cores (each fuzzer runs on one).
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  fuzz_one "$target" &
done
wait
status=0
for target in "${targets[@]}"; do
  cat "$work/$target.verdict"
  [ -e "$work/$target.failed" ] && status=1
done
if [ "$status" -ne 0 ]; then
  ls "$work/artifacts" | sed 's/^/  crashing input: /'
  mkdir -p fuzz-artifacts && cp "$work"/artifacts/* fuzz-artifacts/ 2>/dev/null || true
fi
exit $status
