#!/usr/bin/env bash
# Every script answers --help with what it does and exits 0, touching nothing: no build, no
# install, no file written (the fixture writers once wrote tests/data/hf when asked for help).
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$(git status --porcelain 2>/dev/null | md5sum)
status=0
for script in scripts/*.sh scripts/*.py; do
  [ "$script" = scripts/run.sh ] && continue  # its arguments go to the app: run.sh --help is the app's help
  case "$script" in
    *.py) out=$(python3 "$script" --help 2>&1) || { echo "$script --help failed: $out"; status=1; continue; } ;;
    *) out=$(bash "$script" --help 2>&1) || { echo "$script --help failed: $out"; status=1; continue; } ;;
  esac
  if [ -z "$out" ]; then echo "$script --help says nothing"; status=1; fi
done
after=$(git status --porcelain 2>/dev/null | md5sum)
[ "$before" = "$after" ] || { echo "a script's --help changed the work tree"; status=1; }
[ $status -eq 0 ] && echo "every script answers --help"
exit $status
