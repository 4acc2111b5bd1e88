// GPT-2's checkpoint layout (transformers' GPT2Model / GPT2LMHeadModel):
//   wte (V, D), wpe (P, D); per block h.<i>: ln_1, attn.c_attn (D, 3D: q, k, v), attn.c_proj (D, D),
//   ln_2, mlp.c_fc (D, F), mlp.c_proj (F, D); ln_f. Conv1D stores (In, Out); adopted, they are (Out, In).
//   The LM head is tied to wte and has no bias.
#include "hf/hf_checkpoint.h"
#include "hf/weight_lookup.h"

namespace attn {

std::vector<HfTensor> expected_gpt2_tensors(const Config& c) {
    const int64_t D = c.d_model, F = c.dim_feedforward, V = c.vocab_size;
    std::vector<HfTensor> out{{"wte.weight", {V, D}}, {"wpe.weight", {c.max_len, D}}};
    for (int i = 0; i < c.num_decoder_layers; ++i) {
        const std::string h = "h." + std::to_string(i);
        out.push_back({h + ".ln_1.weight", {D}});
        out.push_back({h + ".ln_1.bias", {D}});
        out.push_back({h + ".attn.c_attn.weight", {D, 3 * D}, true, true});
        out.push_back({h + ".attn.c_attn.bias", {3 * D}});
        out.push_back({h + ".attn.c_proj.weight", {D, D}, true, true});
        out.push_back({h + ".attn.c_proj.bias", {D}});
        out.push_back({h + ".ln_2.weight", {D}});
        out.push_back({h + ".ln_2.bias", {D}});
        out.push_back({h + ".mlp.c_fc.weight", {D, F}, true, true});
        out.push_back({h + ".mlp.c_fc.bias", {F}});
        out.push_back({h + ".mlp.c_proj.weight", {F, D}, true, true});
        out.push_back({h + ".mlp.c_proj.bias", {D}});
    }
    out.push_back({"ln_f.weight", {D}});
    out.push_back({"ln_f.bias", {D}});
    out.push_back({"lm_head.weight", {V, D}, false});  // tied to wte; some files save it anyway
    return out;
}

ModelWeights bind_gpt2(const Config& c, const StateDict* weights) {
    const WeightLookup w(weights);
    const int64_t D = c.d_model, F = c.dim_feedforward, V = c.vocab_size;
    ModelWeights m;
    m.token_embedding = w.matrix("wte.weight", V, D);
    m.positions = w.matrix("wpe.weight", c.max_len, D);
    for (int i = 0; i < c.num_decoder_layers; ++i) {
        const std::string h = "h." + std::to_string(i);
        LayerWeights layer;
        // c_attn, transposed to (3D, D): rows 0..D−1 are W_Q, then W_K, then W_V ("split(n_embd, dim=2)").
        const std::string qkv = h + ".attn.c_attn";
        const char* letters[] = {"q", "k", "v"};
        LinearWeights* parts[] = {&layer.self_attn.q, &layer.self_attn.k, &layer.self_attn.v};
        for (int64_t p = 0; p < 3; ++p) {
            const std::string cols = "[:, " + std::to_string(p * D) + ":" + std::to_string((p + 1) * D) + "]";
            *parts[p] = {w.matrix(qkv + ".weight", D, D, p * D, qkv + ".weight" + cols + "ᵀ (W_" + letters[p] + ")"),
                         w.vector(qkv + ".bias", D, p * D, qkv + ".bias" + "[" + std::to_string(p * D) + ":" + std::to_string((p + 1) * D) + "]")};
        }
        layer.self_attn.out = {w.matrix(h + ".attn.c_proj.weight", D, D, 0, h + ".attn.c_proj.weightᵀ"), w.vector(h + ".attn.c_proj.bias", D)};
        layer.ffn.linear1 = {w.matrix(h + ".mlp.c_fc.weight", F, D, 0, h + ".mlp.c_fc.weightᵀ"), w.vector(h + ".mlp.c_fc.bias", F)};
        layer.ffn.linear2 = {w.matrix(h + ".mlp.c_proj.weight", D, F, 0, h + ".mlp.c_proj.weightᵀ"), w.vector(h + ".mlp.c_proj.bias", D)};
        layer.norms = {w.norm(h + ".ln_1", D), w.norm(h + ".ln_2", D)};
        m.decoder.layers.push_back(std::move(layer));
    }
    m.decoder.final_norm = w.norm("ln_f", D);
    // lm_head: Linear(n_embd, vocab, bias=False), its weight tied to wte.
    m.generator = LinearWeights{w.has("lm_head.weight") ? w.matrix("lm_head.weight", V, D) : w.matrix("wte.weight", V, D), {}};
    return m;
}

}  // namespace attn
