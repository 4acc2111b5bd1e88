#include "teach/explain_text.h"

#include "base/i18n.h"
#include "teach/explain.h"

#include <cmath>
#include <cstdio>

namespace attn {
std::string format_number(double v) {
    char buffer[32];
    if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
    const double a = std::abs(v);
    if (v != 0 && (a >= 1e4 || a < 1e-3)) std::snprintf(buffer, sizeof buffer, "%.3g", v);
    else std::snprintf(buffer, sizeof buffer, "%.3f", v);
    std::string s = buffer;
    if (s == "-0.000") s = "0.000";
    return s;
}

namespace explain_text {

std::string fmt(double v) { return format_number(v); }

// A factor in a product: negative numbers in parentheses.
std::string factor(double v) { return v < 0 ? "(" + fmt(v) + ")" : fmt(v); }

float at(const Tensor& t, int64_t head, int64_t i, int64_t j) {
    return t.rank() == 3 ? t.slice(head)(i, j) : t.matrix()(i, j);
}

// "(a×b + c×d + … 8 terms)" for Σ a_k·b_k.
std::string sum_of_products(const std::vector<float>& a, const std::vector<float>& b) {
    std::string s = "(";
    const size_t n = a.size();
    for (size_t k = 0; k < n && k < kMaxTerms; ++k) s += (k ? " + " : "") + factor(a[k]) + "×" + factor(b[k]);
    if (n > kMaxTerms) s += " + … " + fill(translate_text("attn", "%1 terms in all"), {std::to_string(n)});
    return s + ")";
}

std::vector<float> row_of(const Tensor& t, int64_t head, int64_t i, int64_t first, int64_t count) {
    const int64_t cols = t.shape.back();
    if (count < 0) count = cols - first;
    std::vector<float> out;
    for (int64_t c = first; c < first + count; ++c) out.push_back(at(t, head, i, c));
    return out;
}

std::vector<float> row_of(const Stage& s, int64_t head, int64_t i) {
    if (s.rank() == 2) {
        const Tensor row = s.slice(i);
        return {row.data.begin(), row.data.end()};
    }
    if (s.rank() != 3) return row_of(*s.tensor(), head, i);
    const Tensor matrix = s.slice(head);  // one head, not the 12 of a 1024-token stage
    const int64_t cols = matrix.shape.back();
    return {matrix.data.begin() + i * cols, matrix.data.begin() + (i + 1) * cols};
}

float cell_of(const Stage& s, int64_t head, int64_t i, int64_t j) {
    if (s.rank() < 2) return at(*s.tensor(), head, i, j);
    return row_of(s, head, i).at(static_cast<size_t>(j));
}

std::string token(const Trace& trace, Axis axis, int64_t i) {
    const auto& tokens = axis == Axis::TgtToken ? trace.tgt_tokens : axis == Axis::Vocab ? trace.vocab : trace.src_tokens;
    if (axis != Axis::SrcToken && axis != Axis::TgtToken && (axis != Axis::Vocab || tokens.empty())) return std::to_string(i);
    const std::string t = i < static_cast<int64_t>(tokens.size()) ? tokens[static_cast<size_t>(i)] : "?";
    return std::to_string(i) + " \"" + t + "\"";
}

}  // namespace explain_text
}  // namespace attn
