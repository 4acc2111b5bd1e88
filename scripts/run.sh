#!/usr/bin/env bash
# Installs what is missing, builds Attention Lab and opens it on its built-in example.
# Extra arguments go to the app (e.g. scripts/run.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: run this from a desktop session, or use xvfb-run scripts/run.sh" >&2
  exit 1
fi
exec build/release/app/attentionlab "$@"
