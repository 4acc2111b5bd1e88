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
cmake --build --preset release --target attentionlab
for format in png svg pdf; do
  "$app" export --session resources/presets/trained-translation.json \
      --stage decoder.layers.0.multihead_attn.weights --head 1 --width 3.3in --format "$format" \
      --out "docs/figures/cross-attention.$format"
done
