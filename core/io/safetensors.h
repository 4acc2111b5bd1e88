// Reading and writing safetensors files (https://github.com/huggingface/safetensors):
//   8 bytes little-endian header size N, N bytes of JSON
//   {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
//   then the tensors' bytes. We read F32, F16, BF16 and F64 (converted to
// float32, or BF16 matrices kept as they are when asked) and write F32. Every malformed file is refused with its reason.
#pragma once

#include "model/checkpoint_torch.h"

#include <functional>
#include <set>
#include <string>

namespace attn {

struct SafetensorsOptions {
    std::set<std::string>* dtypes = nullptr;  // receives the dtypes the file stores ("F16", …)
    // Matrices to read transposed, (rows, cols) stored -> (cols, rows) kept: GPT-2's Conv1D weights,
    // turned to nn.Linear's layout while they are converted (no second copy).
    std::function<bool(const std::string& name)> transpose;
    // BF16 tensors to keep as stored (not transposed ones) go to *bf16 instead of the StateDict.
    std::function<bool(const std::string& name)> keep_bf16;
    Bf16Dict* bf16 = nullptr;
};

StateDict read_safetensors(const std::string& path, const SafetensorsOptions& options = {});
StateDict parse_safetensors(const char* bytes, size_t size, const SafetensorsOptions& options = {});
// The same for a mapped file, whose pages are released as their tensors are converted.
class MappedFile;
StateDict parse_mapped_safetensors(const char* bytes, size_t size, const SafetensorsOptions& options, const MappedFile* file);

// The file's bytes (F32, tensors in name order, header padded to 8 bytes).
std::string serialize_safetensors(const StateDict& tensors);
void write_safetensors(const std::string& path, const StateDict& tensors);

}  // namespace attn
