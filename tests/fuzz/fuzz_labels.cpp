// libFuzzer: any bytes as a labels .npy file. Only attn::Error may come out; labels
// that parse round-trip through our writer, and the loss either refuses them with a
// reason or gives a finite number.
#include "io/npy.h"
#include "learn/loss.h"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const std::vector<int64_t> labels = attn::parse_npy_labels(reinterpret_cast<const char*>(data), size);
        const std::string again = attn::serialize_npy_labels(labels);
        if (attn::parse_npy_labels(again.data(), again.size()) != labels) std::abort();
        if (labels.size() > 4096) return 0;
        attn::Mat logits = attn::Mat::Zero(static_cast<Eigen::Index>(labels.size()), 5);
        const attn::LossResult loss = attn::cross_entropy(logits, labels);
        if (!std::isfinite(loss.loss)) std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
