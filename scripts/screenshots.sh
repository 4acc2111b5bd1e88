#!/usr/bin/env bash
# Refreshes docs/*.png from the real app, offscreen (no display needed).
case "${1:-}" in -h | --help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac  # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target screenshots
# A 1920 x 1080 screen: the window opens within its screen, and the shots are 1600 x 1000.
screen=$(mktemp)
echo '{ "screens": [ { "name": "s", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1 } ] }' > "$screen"
# Settings and autosaves of its own: a recovery banner from the user's last session must not show.
home=$(mktemp -d)
XDG_CONFIG_HOME="$home" XDG_DATA_HOME="$home" QT_QPA_PLATFORM="offscreen:configfile=$screen" \
  build/release/tests/screenshots docs 2>/dev/null
rm -rf "$screen" "$home"
ls docs/*.png
# Exported figures, made with the command line exactly as the README shows.
app=build/release/app/attentionlab
cmake --build --preset release --target attentionlab
for format in png svg pdf; do
  "$app" export --session resources/presets/trained-translation.json \
      --stage decoder.layers.0.multihead_attn.weights --head 1 --width 3.3in --format "$format" \
      --out "docs/figures/cross-attention.$format"
done
