#!/usr/bin/env bash
# Retrains the models Attention Lab ships (resources/models/<task>/) with the app's own
# trainer, each with its recorded seed, so anyone can reproduce them:
#   scripts/train_models.sh            # reverse, induction, translation
# tests/core/learn/test_trainer.cpp checks that retraining gives the recorded loss curve.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target attentionlab
for task in reverse induction translation; do
  build/release/app/attentionlab train --task "$task" --seed 0 --out "resources/models/$task"
done
