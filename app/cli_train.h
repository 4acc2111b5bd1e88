// attentionlab train: train a model on a built-in task and save it.
#pragma once

namespace attn::cli {

int run_train(int argc, char** argv);

}  // namespace attn::cli
