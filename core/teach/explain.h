// "Where does 0.37 come from?": for any cell of any stage, the computation
// that produced it, written out with the real numbers of the trace, e.g.
//   score[2, 3] = q₂ · k₃ = (0.12×0.50 + -0.31×0.07 + …) = 1.48
// plus the operand rows and columns a viewer should highlight.
#pragma once

#include "engine/trace.h"
#include "engine/forward.h"

#include <string>
#include <vector>

namespace attn {

// Part of an operand stage taking part in the explained number.
struct OperandHighlight {
    std::string stage;
    int64_t head = -1;            // slice of a rank-3 stage, -1 for rank 2
    std::vector<int64_t> rows;    // rows taking part (empty: none singled out)
    std::vector<int64_t> cols;    // columns taking part (empty: whole rows)
};

struct Explanation {
    std::string title;               // "weights[h0, 2, 3] = 0.371"
    std::vector<std::string> lines;  // the computation, one step a line
    std::vector<OperandHighlight> operands;
};

// head is ignored for rank-2 stages. Throws attn::Error for an unknown stage
// or a cell outside it.
Explanation explain_cell(const Trace& trace, const Model& model, const std::string& stage, int64_t head, int64_t row,
                         int64_t col);

// Compact number for explanations: 3 decimals, or 3 significant digits when tiny or huge.
std::string format_number(double value);

}  // namespace attn
