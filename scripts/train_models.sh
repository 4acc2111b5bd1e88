#!/usr/bin/env bash
# Retrains the models Attention Lab ships (resources/models/<name>/) with the app's own
# trainer, each with its recorded seed, so anyone can reproduce them:
#   scripts/train_models.sh            # reverse, induction, translation, shakespeare, tang-poems
#   scripts/train_models.sh shakespeare   # one of them
# The text models learn resources/corpora/ (scripts/make_corpora.py): 6 to 9 minutes each on 2 cores.
# tests/core/learn/test_trainer.cpp checks that retraining gives the recorded loss curve.
case "${1:-}" in -h | --help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac  # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target attentionlab
# The release binary's own kernels (engine/kernels/kernels.h: AVX2 or AVX-512 where the CPU has
# them) retrace the recorded loss curves to the log's six digits; the shipped weights were made
# with ATTN_KERNELS=baseline, which rounds the same on every x86-64 (bit for bit, twice as slow):
#   ATTN_KERNELS=baseline scripts/train_models.sh
app=build/release/app/attentionlab
text_model() {  # name corpus steps
  "$app" train --task text --corpus "resources/corpora/$2" --tokenizer char --layers 4 --heads 4 \
    --d-model 128 --context 64 --positions learned --repeats 0.5 --steps "$3" --lr 3e-3 --seed 0 --out "resources/models/$1"
}
want() { local name=$1; shift; [ $# -eq 0 ] || [[ " $* " == *" $name "* ]]; }  # want NAME [the names asked for]
for task in reverse induction translation; do
  if want "$task" "$@"; then "$app" train --task "$task" --seed 0 --out "resources/models/$task"; fi
done
if want shakespeare "$@"; then text_model shakespeare shakespeare.txt 8000; fi
if want tang-poems "$@"; then text_model tang-poems tang-poems.txt 4000; fi
