// attentionlab grad: the loss and every gradient of one labelled input.
#pragma once

namespace attn::cli {

int run_grad(int argc, char** argv);

}  // namespace attn::cli
