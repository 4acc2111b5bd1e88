#include "io/matrix_export.h"

#include "io/trace_writer.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace attn {
namespace {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string quoted = "\"";
    for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string axis_name(Axis a) {
    if (a == Axis::SrcToken) return "source token";
    if (a == Axis::TgtToken) return "target token";
    return to_string(a);
}

nlohmann::ordered_json matrix_json(const ConstMatMap& m) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        nlohmann::ordered_json row = nlohmann::ordered_json::array();
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            const float v = m(i, j);
            if (std::isfinite(v)) row.push_back(v);
            else row.push_back(v > 0 ? "inf" : v < 0 ? "-inf" : "nan");  // JSON has no infinities
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::string float_text(float value) {
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (std::isnan(value)) return "nan";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round trip
    return std::string(buffer, result.ptr);
}

std::vector<std::string> axis_labels(const Trace& trace, Axis axis, int64_t n) {
    const auto* tokens = axis == Axis::SrcToken ? &trace.src_tokens : axis == Axis::TgtToken ? &trace.tgt_tokens : nullptr;
    std::vector<std::string> labels;
    for (int64_t i = 0; i < n; ++i)
        labels.push_back(tokens && i < static_cast<int64_t>(tokens->size()) ? (*tokens)[static_cast<size_t>(i)]
                                                                            : std::to_string(i));
    return labels;
}

Tensor stage_tensor(const Stage& stage, int64_t head) {
    const auto t_held = stage.tensor();  // keeps a derived stage alive
    const Tensor& t = *t_held;
    if (t.rank() != 3 || head < 0) return t;
    if (head >= t.dim(0))
        throw Error("head " + std::to_string(head) + " does not exist: " + stage.name + " has " + std::to_string(t.dim(0)) +
                    " heads (0 to " + std::to_string(t.dim(0) - 1) + ")");
    return Tensor::from_matrix(t.slice(head));
}

std::string stage_csv(const Trace& trace, const Stage& stage, int64_t head) {
    const Tensor slice = stage_tensor(stage, std::max<int64_t>(head, 0));
    const size_t r = stage.rank() == 3 ? 1 : 0;
    const auto m = slice.matrix();
    const auto rows = axis_labels(trace, stage.axes[r], m.rows());
    const auto cols = axis_labels(trace, stage.axes[r + 1], m.cols());
    std::string out = csv_field(axis_name(stage.axes[r]) + " \\ " + axis_name(stage.axes[r + 1]));
    for (const auto& c : cols) out += "," + csv_field(c);
    out += "\n";
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        out += csv_field(rows[static_cast<size_t>(i)]);
        for (Eigen::Index j = 0; j < m.cols(); ++j) out += "," + float_text(m(i, j));
        out += "\n";
    }
    return out;
}

std::string stage_json(const Trace& trace, const Stage& stage, int64_t head) {
    const auto t_held = stage.tensor();  // keeps a derived stage alive
    const Tensor& t = *t_held;
    const bool three = t.rank() == 3;
    const size_t r = three ? 1 : 0;
    nlohmann::ordered_json j;
    j["stage"] = stage.name;
    j["description"] = stage.description;
    j["formula"] = stage.formula;
    std::vector<std::string> axes;
    for (Axis a : stage.axes) axes.emplace_back(to_string(a));
    j["axes"] = axes;
    j["shape"] = t.shape;
    j["row_labels"] = axis_labels(trace, stage.axes[r], three ? t.dim(1) : t.dim(0));
    j["col_labels"] = axis_labels(trace, stage.axes[r + 1], t.shape.back());
    if (three && head >= 0) {
        const Tensor slice = stage_tensor(stage, head);
        j["head"] = head;
        j["shape"] = slice.shape;
        j["values"] = matrix_json(slice.matrix());
    } else if (three) {
        j["head"] = nullptr;
        nlohmann::ordered_json heads = nlohmann::ordered_json::array();
        for (int64_t h = 0; h < t.dim(0); ++h) heads.push_back(matrix_json(t.slice(h)));
        j["values"] = heads;
    } else {
        j["values"] = matrix_json(t.matrix());
    }
    return j.dump(1) + "\n";
}

}  // namespace attn
