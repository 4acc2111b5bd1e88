// A Hugging Face config.json (GPT-2 or BERT family) read into the app's Config, so an
// imported model runs through the same forward pass, views and lessons as ours.
//   gpt2: decoder-only, pre-norm (ln_1, ln_2, ln_f), learned positions (wpe), tied LM head,
//         activation_function, layer_norm_epsilon, scale_attn_* flags.
//   bert: encoder-only, post-norm, learned positions + token types + embedding LayerNorm,
//         hidden_act, layer_norm_eps (1e-12), absolute positions only.
// Anything else is refused with one sentence saying what is supported.
#pragma once

#include "model/config.h"

#include <string>

namespace attn {

struct HfConfig {
    Config config;
    std::string model_type;  // "gpt2" or "bert"
    // Special token ids the config names (-1: none): GPT-2's <|endoftext|>, BERT's [PAD].
    int bos_token_id = -1, eos_token_id = -1, pad_token_id = -1;
};

HfConfig parse_hf_config(const std::string& json_text);

}  // namespace attn
