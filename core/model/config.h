// The model's configuration: field names follow torch.nn.Transformer, plus
// the choices a teaching tool needs (architecture, positional encoding, masks).
// Parsing and validation only; nothing here allocates model-sized memory.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace attn {

enum class Architecture { EncoderOnly, DecoderOnly, EncoderDecoder };
// GeluTanh: GPT-2's "gelu_new", 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
enum class Activation { Relu, Gelu, GeluTanh };
// Whose checkpoint layout the weights follow (model/checkpoint_*.cpp): nn.Transformer's state_dict,
// or a Hugging Face GPT-2 or BERT model opened from its folder (model/hf_config.h).
enum class Family { Transformer, Gpt2, Bert, Llama, Qwen2, Mistral, Qwen3 };
// Binary: the base-2 code some course notes give, P(p, 2j) = sin(p / 2^j), P(p, 2j+1) = cos(p / 2^j),
// frequencies halving from pair j to pair j + 1; not the Transformer's encoding with pe_base = 2.
enum class PositionalEncoding { None, Sinusoidal, Learned, Rope, Alibi, Binary };
// Which features RoPE turns together in a head of Dk: Interleaved pairs (2i, 2i+1), as RoFormer and
// the app's own models; Half pairs (i, i + Dk/2), as Llama, Qwen and Mistral (rotate_half). Feature
// pair i turns by p · base^(−2i/Dk) either way.
enum class RopeStyle { Interleaved, Half };
// rope_scaling as transformers reads it: RoPE's frequencies changed for contexts longer than trained.
//   Linear: every θ_i divided by factor (positions interpolated);
//   Llama3: Llama 3.1's rule: θ_i kept where its wavelength 2π/θ_i is below
//           original_max_position_embeddings / high_freq_factor, divided by factor above
//           original_max_position_embeddings / low_freq_factor, blended smoothly between.
enum class RopeScalingType { None, Linear, Llama3 };
struct RopeScaling {
    RopeScalingType type = RopeScalingType::None;
    double factor = 1.0;
    double low_freq_factor = 1.0, high_freq_factor = 4.0;  // Llama3
    int original_max_position_embeddings = 8192;           // Llama3
    bool operator==(const RopeScaling&) const = default;
};
// LayerNorm: (x − mean) / √(var + ε) · γ + β, as nn.LayerNorm; RmsNorm: x / √(mean(x²) + ε) · γ, as
// Llama's RMSNorm (no centring, no β).
enum class NormKind { LayerNorm, RmsNorm };
// Standard: linear2(act(linear1(x))); SwiGlu: linear2(silu(gate(x)) ⊙ linear1(x)), as Llama's MLP
// down(silu(gate(x)) · up(x)) with linear1 = up, linear2 = down; silu(g) = g · σ(g).
enum class FeedForwardKind { Standard, SwiGlu };
// How the app's own models split text: Words as model/tokenizer.h (words, punctuation, CJK
// characters, special tokens); Chars: every Unicode character a token, spaces and line breaks
// included, as the text-trained models read (learn/text_task.h).
enum class TextSplit { Words, Chars };

struct Config {
    Architecture architecture = Architecture::EncoderOnly;
    int d_model = 8;
    int nhead = 2;
    // d_k when it is not d_model / nhead ("head_dim": Qwen3's heads are together wider than the
    // model, 16 × 128 over 1024): Q is nhead · d_k wide and W_O maps it back to d_model. 0: d_model / nhead.
    int head_size = 0;
    int num_encoder_layers = 1;
    int num_decoder_layers = 1;
    int dim_feedforward = 32;
    Activation activation = Activation::Relu;
    bool norm_first = false;
    double layer_norm_eps = 1e-5;  // ε of every norm, LayerNorm or RMSNorm
    NormKind norm = NormKind::LayerNorm;
    FeedForwardKind ffn = FeedForwardKind::Standard;
    // Heads of K and V (grouped-query attention): 0 or nhead = one per query head (multi-head),
    // 1 = one shared by all (multi-query); query head h reads K/V head h / (nhead / kv heads).
    int num_kv_heads = 0;
    // Qwen3's QK-norm: q and k RMS-normalised per head (own γ of Dk) before RoPE.
    bool qk_norm = false;
    // Which linear layers have a bias (nn.Linear's bias=…): Llama has none, Qwen2 only on q, k, v.
    bool qkv_bias = true;
    bool out_bias = true;
    bool ffn_bias = true;
    PositionalEncoding positional_encoding = PositionalEncoding::Sinusoidal;
    RopeStyle rope_style = RopeStyle::Interleaved;
    RopeScaling rope_scaling;
    double pe_base = 10000.0;  // frequency base of sinusoidal and RoPE: sin(p / base^(2i/d)); 2 gives divisors
                               // 2^(2i/d) (1, 1.19, 1.41, 1.68 at d = 8), not the halving of "binary"
    // 0: the positional encoding is added to the token embedding (E + PE, d_model wide).
    // k > 0: a k-wide sinusoidal or binary encoding is concatenated after the first d_model − k
    // features of the token embedding (E[:, :d_model − k] ⊕ PE), so the layer input stays d_model wide.
    int pe_concat = 0;
    int max_len = 512;
    uint64_t seed = 0;
    bool causal = false;       // encoder self-attention; decoder self-attention is always causal
    int sliding_window = 0;    // 0 = off; w > 0: query i sees key j only when |i - j| < w
    // Local and global layers (Gemma 2: 2, Gemma 3: 6): 0 = every layer has the window; n ≥ 1 =
    // layer l sees the whole sequence when (l + 1) % n == 0, the others keep the window.
    int sliding_window_pattern = 0;
    // StreamingLLM's attention sinks: the first k tokens stay visible in windowed layers.
    int sink_tokens = 0;
    int block_size = 0;        // 0 = off; b > 0 (block-sparse): query i sees key j only when i / b == j / b
    std::string pad_token = "[PAD]";  // tokens equal to this are masked as keys
    std::vector<std::string> vocab;   // rows of embedding.weight, when a trained table is given
    TextSplit tokenizer = TextSplit::Words;
    // The output head (generator.weight (V, D), generator.bias (V)) over V = vocab_size, or the
    // length of vocab when only a vocab is given; 0 and no vocab: no head.
    int vocab_size = 0;
    bool tie_embeddings = false;      // the head reuses embedding.weight instead of generator.weight
    Family family = Family::Transformer;
    // BERT: token-type (segment) embeddings added to the input; 0: none.
    int type_vocab_size = 0;
    // GPT-2's attention flags: scores divided by √Dk (scale_attn_weights) and then by the
    // layer's number + 1 (scale_attn_by_inverse_layer_idx).
    bool scale_attn_weights = true;
    bool scale_attn_by_inverse_layer_idx = false;

    int head_dim() const { return head_size > 0 ? head_size : nhead > 0 ? d_model / nhead : 0; }
    int attention_dim() const { return nhead * head_dim(); }  // columns of Q and of the concatenated heads
    int kv_heads() const { return num_kv_heads > 0 ? num_kv_heads : nhead; }
    // The sliding window of self-attention layer `layer` (0: it sees the whole sequence).
    int window_of(int layer) const {
        const bool global = sliding_window_pattern > 0 && (layer + 1) % sliding_window_pattern == 0;
        return global ? 0 : sliding_window;
    }
    int kv_dim() const { return kv_heads() * head_dim(); }  // columns of K and V
    // What layer `layer`'s scores are divided by: √Dk, unless GPT-2's flags say otherwise.
    float score_divisor(int layer) const;
    // V of the output head (0: none).
    int output_vocab() const { return vocab_size > 0 ? vocab_size : static_cast<int>(vocab.size()); }
    // Columns of the positional stage: k when concatenating, else d_model.
    int positional_width() const { return pe_concat > 0 ? pe_concat : d_model; }
    bool has_encoder() const { return architecture != Architecture::DecoderOnly; }
    bool has_decoder() const { return architecture != Architecture::EncoderOnly; }
    // Layers of the stack that reads the (only or source) sequence.
    int encoder_layers() const { return has_encoder() ? num_encoder_layers : 0; }
    int decoder_layers() const { return has_decoder() ? num_decoder_layers : 0; }

    bool operator==(const Config&) const = default;
};

// One problem with one field, phrased for a student.
struct ConfigProblem {
    std::string field;
    std::string message;
};

// Every problem of a parsed config (empty when it is valid).
std::vector<ConfigProblem> validate(const Config& config);
// Throws attn::Error with the first problem.
void require_valid(const Config& config);

// JSON text -> Config. Throws attn::Error on bad JSON, duplicate keys, unknown
// fields (named, with a suggestion), wrong types and invalid values.
Config parse_config(const std::string& json_text);
// A rope_scaling object ({"rope_type": "llama3", "factor": 8, …}, or null: none), as config.json and
// ours write it; throws attn::Error naming a type it does not compute.
RopeScaling parse_rope_scaling(const nlohmann::json& value);
Config load_config(const std::string& path);
std::string config_to_json(const Config& config);

const char* to_string(Architecture a);
const char* to_string(Activation a);
const char* to_string(PositionalEncoding p);
const char* to_string(Family f);
const char* to_string(RopeStyle s);
const char* to_string(NormKind n);
const char* to_string(FeedForwardKind f);
const char* to_string(TextSplit t);  // "words", "char"

}  // namespace attn
