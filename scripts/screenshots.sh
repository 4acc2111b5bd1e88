#!/usr/bin/env bash
# Refreshes docs/*.png from the real app, offscreen (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target screenshots
QT_QPA_PLATFORM=offscreen build/release/tests/screenshots docs 2>/dev/null
ls docs/*.png
