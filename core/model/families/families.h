// The descriptors, one file each (model/family.h says what a descriptor holds).
#pragma once

#include "model/family.h"

namespace attn {

const FamilyDescriptor& transformer_family();
const FamilyDescriptor& gpt2_family();
const FamilyDescriptor& bert_family();
const FamilyDescriptor& llama_family();
const FamilyDescriptor& qwen2_family();
const FamilyDescriptor& mistral_family();
const FamilyDescriptor& qwen3_family();

}  // namespace attn
