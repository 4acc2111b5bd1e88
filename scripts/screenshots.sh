#!/usr/bin/env bash
# Refreshes docs/*.png from the real app, offscreen (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target screenshots
QT_QPA_PLATFORM=offscreen build/release/tests/screenshots docs 2>/dev/null
ls docs/*.png
# Exported figures, made with the command line exactly as the README shows.
app=build/release/app/attentionlab
"$app" export --text "the cat sat on the mat" --stage encoder.layers.0.self_attn.weights --head 1 \
    --format png --scale 2 --out docs/export-weights.png
"$app" export --config docs/examples/gpt.json --text "the quick brown fox jumps over the lazy dog" \
    --stage decoder.layers.0.self_attn.weights --format svg --colormap cividis --out docs/export-causal.svg
