#include "teach/positional_view.h"

#include "base/i18n.h"
#include "engine/positional_encoding.h"

#include <cmath>

namespace attn {

PositionalView positional_view(const Model& model, int64_t T) {
    const Config& c = model.config;
    PositionalView view;
    const int64_t D = c.d_model, Dk = c.head_dim();
    switch (c.positional_encoding) {
        case PositionalEncoding::Sinusoidal:
        case PositionalEncoding::Binary:
        case PositionalEncoding::Learned:
        case PositionalEncoding::None: {
            if (c.positional_encoding == PositionalEncoding::Sinusoidal) {
                view.table = fixed_positional_table(c, T);
                view.table_title = ATTN_TEXT("sinusoidal PE (position × feature)");
            } else if (c.positional_encoding == PositionalEncoding::Binary) {
                view.table = fixed_positional_table(c, T);
                view.table_title = ATTN_TEXT("binary PE: sin, cos of p / 2^j (position × feature)");
            } else if (c.positional_encoding == PositionalEncoding::Learned) {
                view.table = model.bind().positions->map().topRows(T);
                view.table_title = ATTN_TEXT("learned positional embedding (position × feature)");
            } else {
                view.table = Mat::Zero(T, D);
                view.table_title = ATTN_TEXT("no positional encoding: nothing is added");
            }
            view.similarity = view.table * view.table.transpose();
            view.similarity_title = ATTN_TEXT("PE[i] · PE[j]: how alike two positions look");
            break;
        }
        case PositionalEncoding::Rope: {
            view.table.resize(T, Dk / 2);
            for (int64_t p = 0; p < T; ++p)
                for (int64_t i = 0; i < Dk / 2; ++i)
                    view.table(p, i) = static_cast<float>(static_cast<double>(p) * rope_frequency(i, Dk, c.pe_base, c.rope_scaling));
            view.table_title = ATTN_TEXT("RoPE rotation angle p·θᵢ in radians (position × pair)");
            // The same all-ones vector placed at every position, rotated, dotted with itself elsewhere.
            Mat ones = Mat::Ones(T, Dk);
            apply_rope(ones, 1, c.pe_base, 0, c.rope_style, c.rope_scaling);
            view.similarity = ones * ones.transpose();
            view.similarity_title = ATTN_TEXT("RoPE(x, i) · RoPE(x, j): depends only on i − j");
            break;
        }
        case PositionalEncoding::Alibi: {
            const auto slopes = alibi_slopes(c.nhead);
            view.table.resize(T, c.nhead);
            for (int64_t p = 0; p < T; ++p)
                for (int64_t h = 0; h < c.nhead; ++h) view.table(p, h) = static_cast<float>(-slopes[h] * p);
            view.table_title = ATTN_TEXT("ALiBi bias for a key p positions back, per head (position × head)");
            view.columns_are_heads = true;
            view.similarity = alibi_bias(T, T, slopes[0]);
            view.similarity_title = ATTN_TEXT("ALiBi bias of head 0: −m·|i − j|");
            break;
        }
    }
    for (int64_t col = 0; col < view.table.cols() && view.curve_columns.size() < 4; col += std::max<int64_t>(1, view.table.cols() / 4))
        view.curve_columns.push_back(static_cast<int>(col));
    return view;
}

}  // namespace attn
