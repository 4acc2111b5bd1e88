// The forward pass of the whole model. It reads as the Transformer does:
// embed, run the stacks, finish each with its norm. The same code runs with
// every record policy (engine/recorder.h): a full trace for the app, no trace
// for training and generation, shapes only for the memory estimate.
#pragma once

#include "engine/recorder.h"
#include "engine/sequence.h"
#include "engine/trace.h"
#include "engine/transformer_layer.h"
#include "model/model.h"

#include <atomic>

namespace attn {

struct TraceOptions {
    // A trace bigger than this many floats keeps only what is costly to
    // recompute and derives the (H, T, S) score-like stages, per-head copies
    // and activations when asked for (StageData): GPT-2 small at n = 1024
    // needs 0.5 GB instead of 3.4. Smaller traces keep everything.
    int64_t keep_everything_up_to = 16'000'000;  // 64 MB
    // The trainer's trace (RecordPolicy::ForBackward): exactly what the backward pass reads,
    // kept without counting first (its sequences are classroom-sized, and the count would
    // cost a tenth of the pass) and without the copies made only to be shown.
    bool for_training = false;
    // Set by another thread: the pass stops before its next layer by throwing Cancelled (the app
    // drops a recompute that newer typing has overtaken, so it is never more than one behind).
    const std::atomic<bool>* cancel = nullptr;
};

// The forward pass, recording every intermediate. Calls check_inputs first.
Trace run_forward(const Model& model, const Inputs& inputs, const TraceOptions& options = {});
// The same with the model's weights already bound (model.bind()).
Trace run_forward(const Model& model, const ModelWeights& bound, const Inputs& inputs, const TraceOptions& options = {});

// The trace of `inputs` that differs from `base` only from layer `layer` of the one stack on
// (a head knocked out there): base's stages before that layer are shared, not recomputed, and the
// pass resumes from base's output of layer − 1. base must be a trace of the same model and tokens
// from run_forward. An encoder-decoder model, or layer 0, runs the whole pass.
Trace run_forward_from(const Model& model, const ModelWeights& bound, const Inputs& inputs, const Trace& base, int layer,
                       const TraceOptions& options = {});

// The trainer's next example: runs the forward pass again into a trace that run_forward made
// with for_training from inputs of the same lengths, replacing only the numbers and the tokens
// (the stages' names and labels are built once per batch slice, not once per example).
void run_forward_again(const Model& model, const ModelWeights& bound, const Inputs& inputs, Trace& trace);

// The forward pass keeping nothing: the last stack's output (T, D) (after its
// final norm when there is one) and the warnings. Same numbers as the trace's
// "<stack>.output". Calls check_inputs first.
struct ForwardOutput {
    Mat output;  // (T, D) the last stack's output
    Mat logits;  // (T, V) the output head's, when the model has one (else empty)
    std::vector<std::string> warnings;
};
ForwardOutput run_forward_untraced(const Model& model, const Inputs& inputs);

// The same forward pass for the tokens after those a KV cache holds (decoder-only models with a
// head; generation): each layer's self-attention computes the new rows only, against every
// cached key and value, and adds its keys and values to the cache. Returns the last token's
// logits (V). The caller keeps position + tokens within max_len.
RowVec run_forward_cached(const Model& model, const ModelWeights& bound, const Sequence& seq, ForwardCache& cache);

// Floats a full trace of T source (or only) and S target tokens keeps: the
// forward pass run shapes-only. final_norms: whether the weights have
// encoder.norm / decoder.norm (the seed's do for encoder-decoder models).
int64_t count_trace_floats(const Config& config, int64_t T, int64_t S, bool final_norms);

// The floats a trace needs in memory as run_forward records it: everything for a small
// trace; for a big one the costly stages plus the few derived stages kept at once
// (the largest, as a view holds it, and RecentTensors::held_floats of it).
int64_t trace_memory_floats(const Config& config, int64_t T, int64_t S, bool final_norms,
                            const TraceOptions& options = {});

}  // namespace attn
