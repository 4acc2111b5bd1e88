// Reading and writing safetensors files (https://github.com/huggingface/safetensors):
//   8 bytes little-endian header size N, N bytes of JSON
//   {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
//   then the tensors' bytes. We read F32, F16, BF16 and F64 (converted to
// float32) and write F32. Every malformed file is refused with its reason.
#pragma once

#include "model/checkpoint_torch.h"

#include <set>
#include <string>

namespace attn {

// dtypes, when given, receives the dtypes the file stores ("F16", …).
StateDict read_safetensors(const std::string& path, std::set<std::string>* dtypes = nullptr);
StateDict parse_safetensors(const char* bytes, size_t size, std::set<std::string>* dtypes = nullptr);

// The file's bytes (F32, tensors in name order, header padded to 8 bytes).
std::string serialize_safetensors(const StateDict& tensors);
void write_safetensors(const std::string& path, const StateDict& tensors);

}  // namespace attn
