// Reading a model folder's tokenizer: GPT-2's vocab.json + merges.txt, BERT's vocab.txt (with
// tokenizer_config.json's do_lower_case, strip_accents, tokenize_chinese_chars), or the
// tokenizers library's tokenizer.json (preferred when present, as AutoTokenizer does). Each
// parser refuses a malformed file with the file, line or key at fault.
#pragma once

#include "model/family.h"
#include "model/text_tokenizer.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace attn {

std::unordered_map<std::string, int32_t> parse_vocab_json(const std::string& text);
std::vector<std::pair<std::string, std::string>> parse_merges_txt(const std::string& text);
std::vector<std::string> parse_vocab_txt(const std::string& text);
// A tokenizer.json for a BPE model (byte-level as GPT-2, Llama 3 and Qwen; SentencePiece-style with
// byte_fallback as Llama 2 and Mistral) or a WordPiece model (BERT).
std::shared_ptr<const TextTokenizer> parse_tokenizer_json(const std::string& text);

// The folder's tokenizer of a family's kind (tokenizer.json first); throws attn::Error naming what is missing.
std::shared_ptr<const TextTokenizer> load_tokenizer(const std::string& folder, TokenizerKind kind);

}  // namespace attn
