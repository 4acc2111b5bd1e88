// The core's Tensor (a shape and its floats), Error, and the Eigen matrix types stage code uses.
//
// Shape glossary, used in every comment of core/:
//   T  query tokens (target sequence, or the only sequence)
//   S  key/value tokens (source sequence in cross-attention; S = T in self-attention)
//   D  d_model          H  heads          Dk head size = D / H          F  dim_feedforward
//
// Rows are tokens: activations are (T, D) and a projection is x · Wᵀ, as in
// torch.nn.Linear. Everything is float32 and row-major, so a tensor's bytes are
// exactly NumPy's C order.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <algorithm>
#include <memory>
#include <vector>

namespace attn {

using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVec = Eigen::Matrix<float, 1, Eigen::Dynamic>;
using MatRef = Eigen::Ref<Mat>;
using ConstMatRef = Eigen::Ref<const Mat>;
using MatMap = Eigen::Map<Mat>;
using ConstMatMap = Eigen::Map<const Mat>;
using ConstRowVecMap = Eigen::Map<const RowVec>;

// A dense float32 tensor of any rank, row-major (C order).
// An allocator whose value-less construction leaves floats uninitialised (std::allocator zeroes
// them): a buffer about to be overwritten is not written twice. Tensor(shape) still zeroes.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
    template <typename U>
    struct rebind {
        using other = DefaultInitAllocator<U>;
    };
    using std::allocator<T>::allocator;
    template <typename U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};
using FloatBuffer = std::vector<float, DefaultInitAllocator<float>>;
inline bool operator==(const FloatBuffer& a, const std::vector<float>& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

struct Tensor {
    std::vector<int64_t> shape;
    FloatBuffer data;

    Tensor() = default;
    explicit Tensor(std::vector<int64_t> shape_);  // zeros
    // Every value left for the caller to write (a stage about to be computed in full).
    static Tensor uninitialized(std::vector<int64_t> shape);
    static Tensor from_matrix(const ConstMatRef& m);

    int64_t rank() const { return static_cast<int64_t>(shape.size()); }
    int64_t numel() const { return static_cast<int64_t>(data.size()); }
    int64_t dim(int i) const { return shape.at(static_cast<size_t>(i)); }

    // 2-D views: the whole tensor (rank 2) or one slice of a rank-3 tensor.
    MatMap matrix();
    ConstMatMap matrix() const;
    MatMap slice(int64_t i);
    ConstMatMap slice(int64_t i) const;

    bool operator==(const Tensor& other) const = default;
};

// double -> float without undefined behaviour: values beyond the float range
// become ±∞ (found by fuzzing: a plain cast of 1e300 is undefined).
float to_float(double value);

// "4 × 4 × 2" style text for a shape; "[4, 4, 2]" with brackets=true.
std::string shape_to_string(const std::vector<int64_t>& shape, bool brackets = true);

// Every error the core reports to a user: the message is one sentence a
// student can act on, naming the numbers involved.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Long work the user stopped (opening a model, a trace on a worker).
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace attn
