// BERT (transformers' BertModel / BertForMaskedLM), without the "bert." prefix:
//   embeddings.{word,position,token_type}_embeddings, embeddings.LayerNorm;
//   encoder.layer.<i>: attention.self.{query,key,value}, attention.output.dense,
//   attention.output.LayerNorm, intermediate.dense, output.dense, output.LayerNorm;
//   the MLM head cls.predictions.transform.{dense,LayerNorm}, decoder tied to the word
//   embeddings, cls.predictions.bias. Every Linear is already (Out, In).
#include "model/families/families.h"

namespace attn {
namespace {

CheckpointLayout bert_layout(const Config& c) {
    const int64_t D = c.d_model, F = c.dim_feedforward, V = c.vocab_size;
    CheckpointLayout rows;
    LayoutBuilder b(rows);
    b.add("embeddings.word_embeddings.weight", {V, D}, Slot::TokenEmbedding);
    b.add("embeddings.position_embeddings.weight", {c.max_len, D}, Slot::Positions);
    b.add("embeddings.token_type_embeddings.weight", {c.type_vocab_size, D}, Slot::TokenTypes);
    b.norm("embeddings.LayerNorm", Slot::EmbeddingNorm, D);
    for (int i = 0; i < c.num_encoder_layers; ++i) {
        const std::string L = "encoder.layer." + std::to_string(i);
        b.at(Stack::Encoder, i);
        b.linear(L + ".attention.self.query", Slot::Query, {D, D});
        b.linear(L + ".attention.self.key", Slot::Key, {D, D});
        b.linear(L + ".attention.self.value", Slot::Value, {D, D});
        b.linear(L + ".attention.output.dense", Slot::AttentionOut, {D, D});
        b.norm(L + ".attention.output.LayerNorm", Slot::Norm, D, 1);
        b.linear(L + ".intermediate.dense", Slot::FeedForwardIn, {F, D});
        b.linear(L + ".output.dense", Slot::FeedForwardOut, {D, F});
        b.norm(L + ".output.LayerNorm", Slot::Norm, D, 2);
    }
    // The MLM head, all there (BertForMaskedLM, BertForPreTraining) or not at all (BertModel).
    b.at(Stack::None);
    const size_t head = rows.size();
    b.linear("cls.predictions.transform.dense", Slot::HeadTransform, {D, D});
    b.norm("cls.predictions.transform.LayerNorm", Slot::HeadNorm, D);
    b.add("cls.predictions.bias", {V}, Slot::Generator, Part::Bias);
    b.add("cls.predictions.decoder.weight", {V, D}, Slot::Generator).tied_to = "embeddings.word_embeddings.weight";
    b.add("cls.predictions.decoder.bias", {V}, Slot::Unbound).tied_to = "cls.predictions.bias";  // the same parameter
    for (size_t r = head; r < rows.size(); ++r) rows[r].required = false, rows[r].group = "cls.predictions";
    return rows;
}

Config bert_base() {
    Config c;
    c.family = Family::Bert;
    c.architecture = Architecture::EncoderOnly;
    c.num_decoder_layers = 0;
    c.norm_first = false;
    c.positional_encoding = PositionalEncoding::Learned;
    c.tie_embeddings = true;
    c.pad_token = "[PAD]";
    return c;
}

}  // namespace

const FamilyDescriptor& bert_family() {
    static const FamilyDescriptor family{
        .id = Family::Bert,
        .model_type = "bert",
        .name = "BERT",
        .layout = bert_layout,
        .prefixes = {"bert."},
        .suffix_renames = {{"LayerNorm.gamma", "LayerNorm.weight"}, {"LayerNorm.beta", "LayerNorm.bias"}},  // TensorFlow-era names
        .ignored_prefixes = {"embeddings.position_ids", "embeddings.token_type_ids", "pooler.", "cls.seq_relationship."},
        .base = bert_base(),
        .config_keys = {{"hidden_size", &Config::d_model, {}},
                        {"num_attention_heads", &Config::nhead, {}},
                        {"num_hidden_layers", &Config::num_encoder_layers, {}},
                        {"intermediate_size", &Config::dim_feedforward, {}},
                        {"max_position_embeddings", &Config::max_len, {}},
                        {"vocab_size", &Config::vocab_size, {}},
                        {"type_vocab_size", &Config::type_vocab_size, 2},
                        {"layer_norm_eps", &Config::layer_norm_eps, 1e-12},
                        {"hidden_act", &Config::activation, "gelu"}},
        .required_values = {{"position_embedding_type", "absolute",
                             "Attention Lab computes BERT with absolute position embeddings only"}},
        .tokenizer = TokenizerKind::WordPiece,
        .prediction = PredictionKind::MaskedWords,
        .special_tokens_wrap_text = true,
        .label_gap = " ",
        .example_text = "the cat sat on the [MASK].",
        .example_text_chinese = "我爱机器[MASK]习。",  // bert-base-chinese's vocab has few English words
        .no_head_problem = "this BERT checkpoint has no masked-word head (cls.predictions): it cannot predict words; use a "
                           "BertForMaskedLM checkpoint such as bert-base-uncased or bert-base-chinese",
        .no_generation_problem = "BERT does not generate text: it fills in [MASK]s (attentionlab predict)",
    };
    return family;
}

}  // namespace attn
