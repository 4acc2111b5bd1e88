// A checkpoint's tensors by name, as a PyTorch state_dict() holds them.
#pragma once

#include "base/tensor.h"

#include <map>
#include <string>

namespace attn {

using StateDict = std::map<std::string, Tensor>;

}  // namespace attn
