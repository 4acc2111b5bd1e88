// The descriptors, one file each (model/family.h says what a descriptor holds).
#pragma once

#include "model/family.h"

namespace attn {

const FamilyDescriptor& transformer_family();
const FamilyDescriptor& gpt2_family();
const FamilyDescriptor& bert_family();

}  // namespace attn
