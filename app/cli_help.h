// The command line's help: the whole of it (attentionlab --help) and each command's own
// (attentionlab export --help): its options, then the model and input options it shares.
#pragma once

#include <string>

namespace attn::cli {

std::string usage();
std::string command_help(const std::string& command);

}  // namespace attn::cli
