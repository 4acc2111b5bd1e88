#!/usr/bin/env bash
# Retrains the models Attention Lab ships (resources/models/<task>/) with the app's own
# trainer, each with its recorded seed, so anyone can reproduce them:
#   scripts/train_models.sh            # reverse, induction, translation
# tests/core/learn/test_trainer.cpp checks that retraining gives the recorded loss curve.
case "${1:-}" in -h | --help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac  # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target attentionlab
# The baseline kernels (engine/kernels/kernels.h) round the same on every x86-64, so the
# recorded loss curves can be checked anywhere.
for task in reverse induction translation; do
  ATTN_KERNELS=baseline build/release/app/attentionlab train --task "$task" --seed 0 --out "resources/models/$task"
done
