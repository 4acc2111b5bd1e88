// The registry: the one place that lists the families.
#include "model/families/families.h"

namespace attn {

const FamilyDescriptor& describe(Family family) {
    switch (family) {
        case Family::Transformer: return transformer_family();
        case Family::Gpt2: return gpt2_family();
        case Family::Bert: return bert_family();
        case Family::Llama: return llama_family();
        case Family::Qwen2: return qwen2_family();
        case Family::Mistral: return mistral_family();
        case Family::Qwen3: return qwen3_family();
    }
    return transformer_family();
}

namespace {

const Family kOpenable[] = {Family::Gpt2, Family::Bert, Family::Llama, Family::Qwen2, Family::Mistral, Family::Qwen3};

}  // namespace

const FamilyDescriptor* family_of_model_type(const std::string& model_type) {
    for (Family f : kOpenable)
        if (model_type == describe(f).model_type) return &describe(f);
    return nullptr;
}

std::string supported_model_types() {
    std::string out;
    const size_t n = std::size(kOpenable);
    for (size_t i = 0; i < n; ++i) {
        const FamilyDescriptor& f = describe(kOpenable[i]);
        out += (i == 0 ? "" : i + 1 == n ? " and " : ", ") + std::string(f.name) + " (model_type \"" + f.model_type + "\")";
    }
    return out;
}

std::string canonical_tensor_name(const FamilyDescriptor& family, const std::string& name) {
    std::string n = name;
    for (const auto& prefix : family.prefixes)
        if (n.starts_with(prefix)) n = n.substr(prefix.size());
    for (const auto& [old_suffix, new_suffix] : family.suffix_renames)
        if (n.ends_with(old_suffix)) n = n.substr(0, n.size() - old_suffix.size()) + new_suffix;
    return n;
}

bool is_ignored_tensor(const FamilyDescriptor& family, const std::string& n) {
    for (const auto& s : family.ignored_suffixes)
        if (n.ends_with(s)) return true;
    for (const auto& p : family.ignored_prefixes)
        if (n.starts_with(p)) return true;
    return false;
}

}  // namespace attn
