// Writes a trace to a folder: manifest.json (every stage's name, shape, axes,
// description and formula, plus the tokens and warnings) and one float32
// C-order .npy per stage, named "<stage name>.npy".
#pragma once

#include "model/config.h"
#include "engine/trace.h"

#include <string>

namespace attn {

// Creates the folder if needed; throws attn::Error when it cannot be written.
void write_trace(const Trace& trace, const Config& config, const std::string& folder);

std::string manifest_json(const Trace& trace, const Config& config);

const char* to_string(Axis axis);

}  // namespace attn
