// attentionlab heads: what each self-attention head does, measured by the head detector
// (teach/head_detector.h): previous-token, induction and first-token scores, heads over the
// thresholds named.
#pragma once

namespace attn::cli {

int run_heads(int argc, char** argv);

}  // namespace attn::cli
