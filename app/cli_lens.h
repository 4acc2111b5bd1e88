// attentionlab lens: the logit lens — the model's top next tokens read from the residual stream
// after each layer (teach/logit_lens.h).
#pragma once

namespace attn::cli {

int run_lens(int argc, char** argv);

}  // namespace attn::cli
