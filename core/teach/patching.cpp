#include "teach/patching.h"

#include "base/i18n.h"
#include "engine/interventions.h"
#include "engine/softmax.h"

#include <algorithm>

namespace attn {
namespace {

// The logits of a trace's last position (one row: a big trace derives it alone), as a 1 × V matrix.
Mat last_logits(const Trace& trace) {
    const Stage* logits = trace.find("output.logits");
    if (!logits) throw Error("patching reads the prediction, and this model has no output head");
    const Tensor row = logits->slice(logits->dim(0) - 1);
    return ConstRowVecMap(row.data.data(), row.numel());
}

Mat softmaxed(Mat logits) {
    softmax_rows(logits);
    return logits;
}

}  // namespace

PatchEffect patch_head(const Model& model, const Inputs& target_inputs, const Trace& target, const Trace& source, int layer,
                       int head, int k) {
    const Config& c = model.config;
    HeadIntervention patch;
    patch.stack = predicting_stack(c), patch.layer = layer, patch.head = head, patch.change = HeadChange::Patch;
    check_interventions(c, {patch}, 0);  // the head is in the model
    const std::string context = StageCoords{patch.stack, layer, BlockKind::SelfAttention, 0}.block_path() + ".context";
    const Stage* from = source.find(context);
    const Stage* into = target.find(context);
    if (!from || !into) throw Error("the traces have no stage " + context + " to patch");
    const int64_t Dk = c.head_dim();
    if (from->rank() != 2 || from->dim(1) != c.nhead * Dk) throw Error("the pinned trace's " + context + " is not this model's");
    if (from->dim(0) != into->dim(0))
        throw Error(fill(translate_text("attn", "the prompts must have as many tokens to patch a head: the pinned one has %1, this one %2"),
                         {std::to_string(from->dim(0)), std::to_string(into->dim(0))}));
    const auto held = from->tensor();  // alive while mapped
    patch.values = std::make_shared<const Mat>(held->matrix().middleCols(head * Dk, Dk));

    Inputs patched_inputs = target_inputs;
    patched_inputs.interventions.push_back(patch);
    const Mat patched = softmaxed(run_forward_untraced(model, patched_inputs).logits.bottomRows(1));
    const Mat target_logits = last_logits(target), source_logits = last_logits(source);
    const Mat before = softmaxed(target_logits), on_source = softmaxed(source_logits);

    PatchEffect out;
    out.layer = layer, out.head = head, out.position = into->dim(0) - 1;
    std::vector<int32_t> ids;
    for (const Mat* logits : {&target_logits, &source_logits})
        for (const Candidate& cand : top_candidates(ConstRowVecMap(logits->data(), logits->size()), k))
            if (std::find(ids.begin(), ids.end(), cand.id) == ids.end()) ids.push_back(cand.id);
    for (int32_t id : ids) out.tokens.push_back({id, before(0, id), patched(0, id), on_source(0, id)});
    return out;
}

}  // namespace attn
