// A Hugging Face config.json read into the app's Config through its family's key table
// (model/families/*.cpp), so an imported model runs through the same forward pass, views and
// lessons as ours. Anything else is refused with one sentence saying what is supported.
#pragma once

#include "model/config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attn {

struct HfConfig {
    Config config;
    std::string model_type;  // "gpt2", "bert", "llama", …
    // Special token ids the config names (-1: none): GPT-2's <|endoftext|>, BERT's [PAD].
    int bos_token_id = -1, eos_token_id = -1, pad_token_id = -1;
    std::vector<int32_t> end_token_ids;  // eos_token_id as one id or a list (Llama 3.1's three)
};

HfConfig parse_hf_config(const std::string& json_text);

}  // namespace attn
