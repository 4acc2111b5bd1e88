// BERT's checkpoint layout (transformers' BertModel / BertForMaskedLM), without the "bert." prefix:
//   embeddings.{word,position,token_type}_embeddings, embeddings.LayerNorm;
//   encoder.layer.<i>: attention.self.{query,key,value}, attention.output.dense,
//   attention.output.LayerNorm, intermediate.dense, output.dense, output.LayerNorm;
//   the MLM head cls.predictions.transform.{dense,LayerNorm}, decoder tied to the word
//   embeddings, cls.predictions.bias. Every Linear is already (Out, In).
#include "hf/hf_checkpoint.h"
#include "hf/weight_lookup.h"

namespace attn {

std::vector<HfTensor> expected_bert_tensors(const Config& c) {
    const int64_t D = c.d_model, F = c.dim_feedforward, V = c.vocab_size;
    std::vector<HfTensor> out{{"embeddings.word_embeddings.weight", {V, D}},
                              {"embeddings.position_embeddings.weight", {c.max_len, D}},
                              {"embeddings.token_type_embeddings.weight", {c.type_vocab_size, D}},
                              {"embeddings.LayerNorm.weight", {D}},
                              {"embeddings.LayerNorm.bias", {D}}};
    auto linear = [&](const std::string& p, int64_t o, int64_t i, bool required = true) {
        out.push_back({p + ".weight", {o, i}, required});
        out.push_back({p + ".bias", {o}, required});
    };
    auto norm = [&](const std::string& p, bool required = true) {
        out.push_back({p + ".weight", {D}, required});
        out.push_back({p + ".bias", {D}, required});
    };
    for (int i = 0; i < c.num_encoder_layers; ++i) {
        const std::string L = "encoder.layer." + std::to_string(i);
        for (const char* part : {".attention.self.query", ".attention.self.key", ".attention.self.value", ".attention.output.dense"})
            linear(L + part, D, D);
        norm(L + ".attention.output.LayerNorm");
        linear(L + ".intermediate.dense", F, D);
        linear(L + ".output.dense", D, F);
        norm(L + ".output.LayerNorm");
    }
    // The MLM head, when the file has it (BertForMaskedLM, BertForPreTraining).
    linear("cls.predictions.transform.dense", D, D, false);
    norm("cls.predictions.transform.LayerNorm", false);
    out.push_back({"cls.predictions.bias", {V}, false});
    out.push_back({"cls.predictions.decoder.weight", {V, D}, false});  // tied to the word embeddings
    out.push_back({"cls.predictions.decoder.bias", {V}, false});        // the same parameter as cls.predictions.bias
    return out;
}

ModelWeights bind_bert(const Config& c, const StateDict* weights, bool mlm_head) {
    const WeightLookup w(weights);
    const int64_t D = c.d_model, F = c.dim_feedforward, V = c.vocab_size;
    ModelWeights m;
    m.token_embedding = w.matrix("embeddings.word_embeddings.weight", V, D);
    m.positions = w.matrix("embeddings.position_embeddings.weight", c.max_len, D);
    m.token_types = w.matrix("embeddings.token_type_embeddings.weight", c.type_vocab_size, D);
    m.embedding_norm = w.norm("embeddings.LayerNorm", D);
    for (int i = 0; i < c.num_encoder_layers; ++i) {
        const std::string L = "encoder.layer." + std::to_string(i);
        LayerWeights layer;
        layer.self_attn = {w.linear(L + ".attention.self.query", D, D), w.linear(L + ".attention.self.key", D, D),
                           w.linear(L + ".attention.self.value", D, D), w.linear(L + ".attention.output.dense", D, D)};
        layer.ffn = {w.linear(L + ".intermediate.dense", F, D), w.linear(L + ".output.dense", D, F)};
        layer.norms = {w.norm(L + ".attention.output.LayerNorm", D), w.norm(L + ".output.LayerNorm", D)};
        m.encoder.layers.push_back(std::move(layer));
    }
    if (mlm_head) {
        m.head_transform = HeadTransformWeights{w.linear("cls.predictions.transform.dense", D, D),
                                                w.norm("cls.predictions.transform.LayerNorm", D)};
        const bool own_decoder = w.has("cls.predictions.decoder.weight");
        m.generator = LinearWeights{w.matrix(own_decoder ? "cls.predictions.decoder.weight" : "embeddings.word_embeddings.weight", V, D),
                                    w.vector("cls.predictions.bias", V)};
    }
    return m;
}

}  // namespace attn
