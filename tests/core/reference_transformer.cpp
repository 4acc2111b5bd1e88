#include "reference_transformer.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace ref {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

Matrix zeros(size_t rows, size_t cols) { return Matrix(rows, std::vector<double>(cols, 0.0)); }

std::vector<double> flat(const attn::StateDict& w, const std::string& name) {
    const auto& t = w.at(name);
    return std::vector<double>(t.data.begin(), t.data.end());
}

// y[i][o] = sum_k x[i][k] * W[row_offset + o][k] + b[row_offset + o]; W stored (rows, in) row-major.
Matrix project(const Matrix& x, const std::vector<double>& W, const std::vector<double>& b, size_t row_offset, size_t out,
               size_t in) {
    Matrix y = zeros(x.size(), out);
    for (size_t i = 0; i < x.size(); ++i)
        for (size_t o = 0; o < out; ++o) {
            double s = b[row_offset + o];
            for (size_t k = 0; k < in; ++k) s += x[i][k] * W[(row_offset + o) * in + k];
            y[i][o] = s;
        }
    return y;
}

Matrix add(const Matrix& a, const Matrix& b) {
    Matrix c = a;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < a[i].size(); ++j) c[i][j] += b[i][j];
    return c;
}

// x / √(mean(x²) + ε) · γ over every `width` features (a token's, or one head's for QK-norm).
Matrix rms_norm(const Matrix& x, const std::vector<double>& gamma, size_t width, double eps) {
    Matrix y = x;
    for (size_t i = 0; i < x.size(); ++i)
        for (size_t first = 0; first < x[i].size(); first += width) {
            double mean_square = 0;
            for (size_t j = first; j < first + width; ++j) mean_square += x[i][j] * x[i][j] / static_cast<double>(width);
            for (size_t j = first; j < first + width; ++j) y[i][j] = x[i][j] / std::sqrt(mean_square + eps) * gamma[j - first];
        }
    return y;
}

Matrix layer_norm(const Matrix& x, const attn::StateDict& w, const std::string& name, double eps, attn::NormKind kind) {
    if (kind == attn::NormKind::RmsNorm) return rms_norm(x, flat(w, name + ".weight"), x[0].size(), eps);
    auto gamma = flat(w, name + ".weight"), beta = flat(w, name + ".bias");
    Matrix y = x;
    for (size_t i = 0; i < x.size(); ++i) {
        const double n = static_cast<double>(x[i].size());
        double mean = 0, var = 0;
        for (double v : x[i]) mean += v / n;
        for (double v : x[i]) var += (v - mean) * (v - mean) / n;
        for (size_t j = 0; j < x[i].size(); ++j) y[i][j] = (x[i][j] - mean) / std::sqrt(var + eps) * gamma[j] + beta[j];
    }
    return y;
}

struct AttnSpec {
    bool causal = false, rope = false, alibi = false;
    int window = 0;
    int sinks = 0;  // keys j < sinks stay visible beyond the window
    int block = 0;  // block-sparse: same block of `block` positions only
    std::vector<bool> key_padding;
};

std::vector<double> alibi_slopes(int H) {
    // Press et al.'s reference get_slopes().
    auto pow2 = [](int n) {
        std::vector<double> s;
        double start = std::pow(2.0, -std::pow(2.0, -(std::log2(n) - 3)));
        for (int i = 0; i < n; ++i) s.push_back(start * std::pow(start, i));
        return s;
    };
    if (std::log2(H) == std::floor(std::log2(H))) return pow2(H);
    int closest = static_cast<int>(std::pow(2, std::floor(std::log2(H))));
    auto s = pow2(closest);
    auto extra = alibi_slopes(2 * closest);
    for (int i = 0; static_cast<int>(s.size()) < H; i += 2) s.push_back(extra[static_cast<size_t>(i)]);
    return s;
}

// RoFormer's interleaved pairs (2i, 2i+1), or Llama's halves: x·cos + rotate_half(x)·sin with
// rotate_half(x) = (−x₂, x₁) over the head's two halves and cos, sin of cat(freqs, freqs).
void rope(Matrix& x, int H, double base, bool halves) {
    const size_t D = x[0].size(), dk = D / static_cast<size_t>(H);
    for (size_t p = 0; p < x.size(); ++p)
        for (int h = 0; h < H; ++h) {
            const size_t head = static_cast<size_t>(h) * dk;
            if (halves) {
                std::vector<double> out(dk);
                for (size_t c = 0; c < dk; ++c) {
                    const size_t i = c % (dk / 2);
                    const double a = static_cast<double>(p) * std::pow(base, -2.0 * static_cast<double>(i) / static_cast<double>(dk));
                    const double rotated = c < dk / 2 ? -x[p][head + c + dk / 2] : x[p][head + c - dk / 2];
                    out[c] = x[p][head + c] * std::cos(a) + rotated * std::sin(a);
                }
                for (size_t c = 0; c < dk; ++c) x[p][head + c] = out[c];
                continue;
            }
            for (size_t i = 0; i < dk / 2; ++i) {
                double theta = std::pow(base, -2.0 * static_cast<double>(i) / static_cast<double>(dk));
                double a = static_cast<double>(p) * theta;
                size_t c = head + 2 * i;
                double x0 = x[p][c], x1 = x[p][c + 1];
                x[p][c] = x0 * std::cos(a) - x1 * std::sin(a);
                x[p][c + 1] = x0 * std::sin(a) + x1 * std::cos(a);
            }
        }
}

Matrix attention(Result& result, const attn::Config& c, const attn::StateDict& w, const std::string& p,
                 const Matrix& xq, const Matrix& xkv, const AttnSpec& spec) {
    const size_t D = static_cast<size_t>(c.d_model), H = static_cast<size_t>(c.nhead), dk = static_cast<size_t>(c.head_dim());
    const size_t Q = H * dk;  // Q's width: D unless head_dim says otherwise
    const size_t H_kv = static_cast<size_t>(c.kv_heads()), KV = H_kv * dk, group = H / H_kv;  // query head h reads K/V head h / group
    auto W = flat(w, p + ".in_proj_weight");
    auto b = w.count(p + ".in_proj_bias") ? flat(w, p + ".in_proj_bias") : std::vector<double>(Q + 2 * KV, 0.0);
    Matrix q = project(xq, W, b, 0, Q, D), k = project(xkv, W, b, Q, KV, D), v = project(xkv, W, b, Q + KV, KV, D);
    if (c.qk_norm) {
        q = rms_norm(q, flat(w, p + ".q_norm.weight"), dk, c.layer_norm_eps);
        k = rms_norm(k, flat(w, p + ".k_norm.weight"), dk, c.layer_norm_eps);
    }
    if (spec.rope) {
        rope(q, c.nhead, c.pe_base, c.rope_style == attn::RopeStyle::Half);
        rope(k, c.kv_heads(), c.pe_base, c.rope_style == attn::RopeStyle::Half);
    }
    const size_t T = xq.size(), S = xkv.size();
    auto slopes = alibi_slopes(c.nhead);
    Matrix context = zeros(T, Q);
    std::vector<Matrix> per_head;
    for (size_t h = 0; h < H; ++h) {
        Matrix a = zeros(T, S);
        for (size_t i = 0; i < T; ++i) {
            std::vector<double> logits(S);
            for (size_t j = 0; j < S; ++j) {
                double dot = 0;
                for (size_t d = 0; d < dk; ++d) dot += q[i][h * dk + d] * k[j][h / group * dk + d];
                double dist = std::abs(static_cast<double>(i) - static_cast<double>(j));
                logits[j] = dot / std::sqrt(static_cast<double>(dk)) - (spec.alibi ? slopes[h] * dist : 0.0);
                bool hidden = (spec.causal && j > i) || (spec.window > 0 && dist >= spec.window && static_cast<int>(j) >= spec.sinks) ||
                              (spec.block > 0 && i / spec.block != j / spec.block) ||
                              (!spec.key_padding.empty() && spec.key_padding[j]);
                if (hidden) logits[j] = kNegInf;
            }
            double mx = kNegInf;
            for (double l : logits) mx = std::max(mx, l);
            if (mx == kNegInf) continue;  // nothing visible: weights stay 0
            double sum = 0;
            for (size_t j = 0; j < S; ++j) sum += std::exp(logits[j] - mx);
            for (size_t j = 0; j < S; ++j) a[i][j] = std::exp(logits[j] - mx) / sum;
        }
        for (size_t i = 0; i < T; ++i)
            for (size_t d = 0; d < dk; ++d)
                for (size_t j = 0; j < S; ++j) context[i][h * dk + d] += a[i][j] * v[j][h / group * dk + d];
        per_head.push_back(a);
    }
    result.weights[p + ".weights"] = per_head;
    auto Wo = flat(w, p + ".out_proj.weight");
    auto bo = w.count(p + ".out_proj.bias") ? flat(w, p + ".out_proj.bias") : std::vector<double>(D, 0.0);
    return project(context, Wo, bo, 0, D, Q);
}

Matrix feed_forward(const attn::Config& c, const attn::StateDict& w, const std::string& L, const Matrix& x) {
    const size_t D = static_cast<size_t>(c.d_model), F = static_cast<size_t>(c.dim_feedforward);
    Matrix h = project(x, flat(w, L + ".linear1.weight"), flat(w, L + ".linear1.bias"), 0, F, D);
    if (c.ffn == attn::FeedForwardKind::SwiGlu) {  // down(silu(gate(x)) · up(x))
        const Matrix gate = project(x, flat(w, L + ".linear_gate.weight"), flat(w, L + ".linear_gate.bias"), 0, F, D);
        for (size_t i = 0; i < h.size(); ++i)
            for (size_t j = 0; j < F; ++j) h[i][j] *= gate[i][j] / (1.0 + std::exp(-gate[i][j]));
    } else {
        for (auto& row : h)
            for (double& v : row)
                v = c.activation == attn::Activation::Relu ? std::max(0.0, v) : 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)));
    }
    return project(h, flat(w, L + ".linear2.weight"), flat(w, L + ".linear2.bias"), 0, D, F);
}

// One layer; memory != nullptr adds cross-attention (nn.TransformerDecoderLayer).
Matrix layer(Result& r, const attn::Config& c, const attn::StateDict& w, const std::string& L, Matrix x,
             const AttnSpec& self, const Matrix* memory, const AttnSpec& cross) {
    const double eps = c.layer_norm_eps;
    const std::string last = memory ? ".norm3" : ".norm2";
    if (c.norm_first) {
        Matrix n1 = layer_norm(x, w, L + ".norm1", eps, c.norm);
        x = add(x, attention(r, c, w, L + ".self_attn", n1, n1, self));
        if (memory) x = add(x, attention(r, c, w, L + ".multihead_attn", layer_norm(x, w, L + ".norm2", eps, c.norm), *memory, cross));
        x = add(x, feed_forward(c, w, L, layer_norm(x, w, L + last, eps, c.norm)));
    } else {
        x = layer_norm(add(x, attention(r, c, w, L + ".self_attn", x, x, self)), w, L + ".norm1", eps, c.norm);
        if (memory) x = layer_norm(add(x, attention(r, c, w, L + ".multihead_attn", x, *memory, cross)), w, L + ".norm2", eps, c.norm);
        x = layer_norm(add(x, feed_forward(c, w, L, x)), w, L + last, eps, c.norm);
    }
    r.matrices[L + ".output"] = x;
    return x;
}

// The positional table: d_model wide when added, pe_concat wide when concatenated.
Matrix positions(const attn::Config& c, const attn::StateDict& w, size_t T) {
    const size_t D = static_cast<size_t>(c.d_model);
    const size_t width = c.pe_concat > 0 ? static_cast<size_t>(c.pe_concat) : D;
    Matrix pe = zeros(T, width);
    for (size_t p = 0; p < T; ++p)
        for (size_t j = 0; j < width; ++j) {
            if (c.positional_encoding == attn::PositionalEncoding::Sinusoidal) {
                // Vaswani et al.: PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(...)
                double i2 = static_cast<double>(j - j % 2);
                double angle = static_cast<double>(p) / std::pow(c.pe_base, i2 / static_cast<double>(width));
                pe[p][j] = j % 2 == 0 ? std::sin(angle) : std::cos(angle);
            } else if (c.positional_encoding == attn::PositionalEncoding::Binary) {
                // The base-2 code: P(p, 2j) = sin(p / 2^j), P(p, 2j+1) = cos(p / 2^j), j the pair.
                double angle = static_cast<double>(p) / std::pow(2.0, static_cast<double>(j / 2));
                pe[p][j] = j % 2 == 0 ? std::sin(angle) : std::cos(angle);
            } else if (c.positional_encoding == attn::PositionalEncoding::Learned) {
                pe[p][j] = w.at("pos_embedding.weight").data[p * D + j];
            }
        }
    return pe;
}

// E + PE, or E[:, :D−k] ⊕ PE when the encoding is concatenated.
Matrix with_positions(const attn::Config& c, const Matrix& embeddings, const Matrix& pe) {
    if (c.pe_concat == 0) return add(embeddings, pe);
    Matrix x = embeddings;
    const size_t first = static_cast<size_t>(c.d_model - c.pe_concat);
    for (size_t p = 0; p < x.size(); ++p)
        for (size_t j = 0; j < pe[p].size(); ++j) x[p][first + j] = pe[p][j];
    return x;
}

Matrix final_norm(Result& r, const attn::Config& c, const attn::StateDict& w, const std::string& stack, Matrix x) {
    if (w.count(stack + ".norm.weight")) x = layer_norm(x, w, stack + ".norm", c.layer_norm_eps, c.norm);
    r.matrices[stack + ".output"] = x;
    // The output head over the vocabulary: logits = x · W_gᵀ + b_g (W_g the embedding table when tied).
    if (const int V = c.output_vocab(); V > 0 && stack == (c.has_decoder() ? "decoder" : "encoder"))
        r.matrices["output.logits"] = project(x, flat(w, c.tie_embeddings ? "embedding.weight" : "generator.weight"),
                                              flat(w, "generator.bias"), 0, static_cast<size_t>(V), static_cast<size_t>(c.d_model));
    return x;
}

}  // namespace

Result forward(const attn::Config& c, const attn::StateDict& w, const SequenceIn& src, const SequenceIn& tgt) {
    Result r;
    const bool rope = c.positional_encoding == attn::PositionalEncoding::Rope;
    const bool alibi = c.positional_encoding == attn::PositionalEncoding::Alibi;
    Matrix pe = positions(c, w, src.embeddings.size());
    r.matrices["src.positional"] = pe;
    Matrix x = with_positions(c, src.embeddings, pe);
    AttnSpec self{c.causal, rope, alibi, c.sliding_window, c.sink_tokens, c.block_size, src.padding};
    if (c.architecture == attn::Architecture::DecoderOnly) {
        self.causal = true;
        for (int i = 0; i < c.num_decoder_layers; ++i) {
            self.window = c.window_of(i);
            x = layer(r, c, w, "decoder.layers." + std::to_string(i), x, self, nullptr, {});
        }
        final_norm(r, c, w, "decoder", x);
        return r;
    }
    for (int i = 0; i < c.num_encoder_layers; ++i) {
        self.window = c.window_of(i);
        x = layer(r, c, w, "encoder.layers." + std::to_string(i), x, self, nullptr, {});
    }
    const Matrix memory = final_norm(r, c, w, "encoder", x);
    if (c.architecture == attn::Architecture::EncoderOnly) return r;

    Matrix tpe = positions(c, w, tgt.embeddings.size());
    r.matrices["tgt.positional"] = tpe;
    Matrix y = with_positions(c, tgt.embeddings, tpe);
    AttnSpec tself{true, rope, alibi, c.sliding_window, c.sink_tokens, c.block_size, tgt.padding};
    AttnSpec cross{false, false, false, 0, 0, 0, src.padding};
    for (int i = 0; i < c.num_decoder_layers; ++i)
        tself.window = c.window_of(i), y = layer(r, c, w, "decoder.layers." + std::to_string(i), y, tself, &memory, cross);
    final_norm(r, c, w, "decoder", y);
    return r;
}

}  // namespace ref
