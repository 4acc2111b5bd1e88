// The GPT-2 and BERT checkpoint adapters: the tensors a Hugging Face model of a config holds,
// checking a loaded state dict against them, and binding it to the typed views the forward
// pass reads (model/weights.h), as checkpoint_torch.h does for nn.Transformer.
//
// Adopting a state dict puts it in the form the binder reads: the "transformer." / "bert."
// prefix removed, buffers dropped (attn.bias, attn.masked_bias, position_ids, token_type_ids),
// BERT's old LayerNorm gamma / beta renamed, and GPT-2's Conv1D weights, stored (In, Out),
// transposed to nn.Linear's (Out, In) so every view is x · Wᵀ + b.
#pragma once

#include "model/config.h"
#include "model/state_dict.h"
#include "model/weights.h"

#include <string>
#include <vector>

namespace attn {

struct HfTensor {
    std::string name;             // without prefix: "h.0.attn.c_attn.weight", "embeddings.LayerNorm.weight"
    std::vector<int64_t> shape;   // as the file stores it
    bool required = true;
    bool conv1d = false;          // GPT-2's Conv1D weight: stored (In, Out), kept transposed
};

std::vector<HfTensor> expected_gpt2_tensors(const Config& config);
std::vector<HfTensor> expected_bert_tensors(const Config& config);

// Whether the file's tensor `name` (prefix or not) is a GPT-2 Conv1D weight, stored (In, Out).
bool is_conv1d_weight(const Config& config, const std::string& name);

// Throws attn::Error naming the first missing or misshapen tensor (and what config.json
// implies); returns warnings for tensors the model does not use. conv1d_transposed: the Conv1D
// weights were already read transposed (read_safetensors' transpose option), (Out, In).
std::vector<std::string> adopt_hf_state_dict(const Config& config, StateDict& weights, bool conv1d_transposed = false);

// Typed views of an adopted state dict (weights == nullptr: shapes only, for counting).
ModelWeights bind_gpt2(const Config& config, const StateDict* weights);
ModelWeights bind_bert(const Config& config, const StateDict* weights, bool mlm_head);

}  // namespace attn
