// NumPy .npy files (format version 1.0 written; 1.0-3.0 read): float32 in
// C order, little-endian. float64 files are read and converted to float32.
#pragma once

#include "base/tensor.h"

#include <string>
#include <vector>

namespace attn {

std::string serialize_npy(const Tensor& tensor);
void write_npy(const std::string& path, const Tensor& tensor);

// Throws attn::Error for a bad magic string, Fortran order, a dtype other
// than <f4/<f8, or data shorter or longer than the shape says.
Tensor parse_npy(const char* bytes, size_t size);
Tensor read_npy(const std::string& path);

// Integer labels (one per position): a 1-D int64 or int32 array.
std::vector<int64_t> parse_npy_labels(const char* bytes, size_t size);
std::vector<int64_t> read_npy_labels(const std::string& path);
std::string serialize_npy_labels(const std::vector<int64_t>& labels);

}  // namespace attn
