// attentionlab predict and generate: an imported model's next-token (GPT-2) or masked-word
// (BERT) predictions, and GPT-2's step-by-step generation with a KV cache.
#pragma once

namespace attn::cli {

int run_predict(int argc, char** argv);
int run_generate(int argc, char** argv);

}  // namespace attn::cli
