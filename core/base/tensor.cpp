#include "base/tensor.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <numeric>

namespace attn {

Tensor::Tensor(std::vector<int64_t> shape_) : shape(std::move(shape_)) {
    int64_t n = std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<>());
    data.assign(static_cast<size_t>(n), 0.0f);
}

Tensor Tensor::uninitialized(std::vector<int64_t> shape) {
    Tensor t;
    t.shape = std::move(shape);
    t.data.resize(static_cast<size_t>(std::accumulate(t.shape.begin(), t.shape.end(), int64_t{1}, std::multiplies<>())));
    return t;
}

Tensor Tensor::from_matrix(const ConstMatRef& m) {
    Tensor t;
    t.shape = {m.rows(), m.cols()};
    t.data.resize(static_cast<size_t>(m.size()));  // uninitialised (FloatBuffer): one pass, the copy
    if (m.outerStride() == m.cols()) {
        std::copy_n(m.data(), m.size(), t.data.data());
    } else {
        for (Eigen::Index i = 0; i < m.rows(); ++i) std::copy_n(m.row(i).data(), m.cols(), t.data.data() + i * m.cols());
    }
    return t;
}

MatMap Tensor::matrix() {
    assert(rank() == 2 && "matrix() needs a rank-2 tensor");
    return MatMap(data.data(), shape[0], shape[1]);
}

ConstMatMap Tensor::matrix() const {
    assert(rank() == 2 && "matrix() needs a rank-2 tensor");
    return ConstMatMap(data.data(), shape[0], shape[1]);
}

MatMap Tensor::slice(int64_t i) {
    assert(rank() == 3 && i >= 0 && i < shape[0] && "slice() needs a rank-3 tensor");
    return MatMap(data.data() + i * shape[1] * shape[2], shape[1], shape[2]);
}

ConstMatMap Tensor::slice(int64_t i) const {
    assert(rank() == 3 && i >= 0 && i < shape[0] && "slice() needs a rank-3 tensor");
    return ConstMatMap(data.data() + i * shape[1] * shape[2], shape[1], shape[2]);
}

float to_float(double value) {
    constexpr double kMax = std::numeric_limits<float>::max();
    if (value > kMax) return std::numeric_limits<float>::infinity();
    if (value < -kMax) return -std::numeric_limits<float>::infinity();
    return static_cast<float>(value);  // in range (or NaN): defined
}

std::string shape_to_string(const std::vector<int64_t>& shape, bool brackets) {
    std::string out = brackets ? "[" : "";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i) out += brackets ? ", " : " × ";
        out += std::to_string(shape[i]);
    }
    if (brackets) out += "]";
    return out;
}

}  // namespace attn
