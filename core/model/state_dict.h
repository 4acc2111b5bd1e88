// A checkpoint's tensors by name, as a PyTorch state_dict() holds them.
#pragma once

#include "base/bf16.h"
#include "base/tensor.h"

#include <map>
#include <string>

namespace attn {

using StateDict = std::map<std::string, Tensor>;
// An imported model's large BF16 matrices, kept as stored (model/model.h): beside its StateDict,
// never in it, so no float32 reader meets half-width numbers.
using Bf16Dict = std::map<std::string, Bf16Tensor>;

}  // namespace attn
