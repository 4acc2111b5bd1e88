// A pass resumed at a layer (run_forward_from, the app's knock-out of a head): every stage equals
// the whole pass's, bit for bit, in order; the stages before the layer are the base trace's own
// (shared, not computed again); big traces that derive stages resume too; encoder-decoder models
// and layer 0 run the whole pass.
#include "engine/forward.h"
#include "engine/interventions.h"
#include "hf/hf_model.h"
#include "io/builtin_models.h"
#include "io/safetensors.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

const std::string kData = std::string(ATTN_TEST_DATA) + "/hf/";

Inputs knocked_out(Inputs in, const Config& c, const std::string& heads) {
    in.interventions = parse_head_list(c, heads, HeadChange::Zero);
    return in;
}

void expect_same_trace(const Trace& resumed, const Trace& whole) {
    ASSERT_EQ(resumed.stages().size(), whole.stages().size());
    for (size_t i = 0; i < whole.stages().size(); ++i) {
        const Stage& a = resumed.stages()[i];
        const Stage& b = whole.stages()[i];
        ASSERT_EQ(a.name, b.name) << "stage " << i;
        EXPECT_EQ(a.kind, b.kind) << a.name;
        EXPECT_EQ(a.operands, b.operands) << a.name;
        EXPECT_EQ(*a.tensor(), *b.tensor()) << a.name;
    }
    EXPECT_EQ(resumed.src_tokens, whole.src_tokens);
    EXPECT_EQ(resumed.warnings, whole.warnings);
}

// The stages of layers before `layer` are the base's own data; those from it on are new.
void expect_shared_before(const Trace& resumed, const Trace& base, const std::string& stack, int layer) {
    const Stage* kept = resumed.find(stack + ".layers." + std::to_string(layer - 1) + ".self_attn.weights");
    const Stage* redone = resumed.find(stack + ".layers." + std::to_string(layer) + ".self_attn.weights");
    ASSERT_TRUE(kept && redone);
    EXPECT_EQ(kept->data, base.find(kept->name)->data);
    EXPECT_NE(redone->data, base.find(redone->name)->data);
}

TEST(ForwardFrom, EqualsTheWholePassAndSharesTheLayersBefore) {
    for (const char* folder : {"gpt2-tiny", "bert-tiny", "llama-tiny", "qwen3-tiny"}) {
        SCOPED_TRACE(folder);
        const Model model = open_hf_model(kData + folder);
        const ModelWeights bound = model.bind();
        const Inputs plain{sequence_from_ids(model, bound, {5, 9, 12, 7, 3, 8}), {}};
        const Trace base = run_forward(model, bound, plain);
        const int last = model.config.has_decoder() ? model.config.decoder_layers() - 1 : model.config.encoder_layers() - 1;
        const Inputs ablated = knocked_out(plain, model.config, std::to_string(last) + ".1");
        const Trace resumed = run_forward_from(model, bound, ablated, base, last);
        expect_same_trace(resumed, run_forward(model, bound, ablated));
        expect_shared_before(resumed, base, model.config.has_decoder() ? "decoder" : "encoder", last);
    }
}

TEST(ForwardFrom, TheShakespeareModelFromEachLayerAndABigTraceThatDerives) {
    const Model model = make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare"));
    const ModelWeights bound = model.bind();
    const Inputs plain{sequence_from_text(model, "the cat sat on the mat because the c"), {}};
    for (bool derive : {false, true}) {
        SCOPED_TRACE(derive ? "derived stages" : "every stage kept");
        TraceOptions options;
        if (derive) options.keep_everything_up_to = 0;  // as GPT-2 at 1024 tokens: derived stages
        const Trace base = run_forward(model, bound, plain, options);
        for (int layer = 1; layer < 4; ++layer) {
            const Inputs ablated = knocked_out(plain, model.config, std::to_string(layer) + ".2," + std::to_string(layer) + ".0");
            const Trace resumed = run_forward_from(model, bound, ablated, base, layer, options);
            expect_same_trace(resumed, run_forward(model, bound, ablated, options));
            expect_shared_before(resumed, base, "decoder", layer);
        }
    }
}

TEST(ForwardFrom, EncoderDecoderAndLayerZeroRunTheWholePass) {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    c.d_model = 8, c.nhead = 2, c.num_encoder_layers = 2, c.num_decoder_layers = 2, c.dim_feedforward = 16, c.norm_first = true;
    c.vocab = {"the", "cat", "sat", "on", "mat"};
    const Model translation = make_model(c);
    const ModelWeights bound = translation.bind();
    const Inputs plain{sequence_from_text(translation, "the cat sat"), sequence_from_text(translation, "on the mat")};
    const Trace base = run_forward(translation, bound, plain);
    const Inputs ablated = knocked_out(plain, c, "1.0");
    const Trace whole = run_forward_from(translation, bound, ablated, base, 1);
    expect_same_trace(whole, run_forward(translation, bound, ablated));
    EXPECT_NE(whole.stages().front().data, base.stages().front().data);  // nothing taken from the base

    const Model shakespeare = make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare"));
    const Inputs text{sequence_from_text(shakespeare, "to be or not"), {}};
    const Trace before = run_forward(shakespeare, text);
    const Inputs first = knocked_out(text, shakespeare.config, "0.1");
    const Trace again = run_forward_from(shakespeare, shakespeare.bind(), first, before, 0);
    expect_same_trace(again, run_forward(shakespeare, first));
    EXPECT_NE(again.stages().front().data, before.stages().front().data);
}

}  // namespace
}  // namespace attn
