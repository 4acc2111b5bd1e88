#include "io/session.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace attn {
namespace {

Session edited_session() {
    Session s;
    s.config.architecture = Architecture::EncoderDecoder;
    s.src_text = "我 爱 机器 学习";
    s.tgt_text = "I love machine learning";
    Tensor w = initial_state_dict(s.config).at("encoder.layers.0.self_attn.in_proj_weight");
    w.data[3] = 0.1f + 0.2f;  // not exactly representable in decimal
    w.data[4] = std::numeric_limits<float>::denorm_min();
    w.data[5] = -1.17549435e-38f;
    s.weight_edits["encoder.layers.0.self_attn.in_proj_weight"] = w;
    s.embedding_edits["爱"] = std::vector<float>(8, 1.0f / 3.0f);
    s.view = {"decoder.layers.0.multihead_attn.weights", 1};
    return s;
}

TEST(Session, JsonRoundTripIsExact) {
    const Session s = edited_session();
    const Session back = parse_session(session_to_json(s));
    EXPECT_EQ(back, s);
    const auto& a = s.weight_edits.begin()->second.data;
    const auto& b = back.weight_edits.begin()->second.data;
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * 4), 0);
    Session generated;  // an opened model's generated ids are kept as they are
    generated.model_folder = "/models/gpt2";
    generated.src_token_ids = {464, 3797, 50256, 0};
    EXPECT_EQ(parse_session(session_to_json(generated)).src_token_ids, generated.src_token_ids);
    EXPECT_EQ(session_to_json(Session{}).find("src_token_ids"), std::string::npos);  // absent unless there are some
    std::string bad = session_to_json(generated);
    bad.replace(bad.find("464"), 3, "-4");
    EXPECT_THROW(parse_session(bad), Error);
    Session knocked;  // heads knocked out, and how
    knocked.knocked_out = {"1.0", "0.1"};
    knocked.knock_out_mean = true;
    EXPECT_EQ(parse_session(session_to_json(knocked)), knocked);
    EXPECT_EQ(session_to_json(Session{}).find("knocked_out"), std::string::npos);
    std::string mode = session_to_json(knocked);
    mode.replace(mode.find("\"mean\""), 6, "\"half\"");
    try {
        parse_session(mode);
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "the session's knock_out_mode is \"zero\" or \"mean\", not \"half\"");
    }
}

TEST(Session, SavedAndReopenedGivesABitIdenticalTrace) {
    const Session s = edited_session();
    const std::string path = (std::filesystem::temp_directory_path() / ("attnlab_session_" + std::to_string(getpid()) + ".json")).string();
    save_session(path, s);
    const Session back = load_session(path);
    std::filesystem::remove(path);
    auto trace_of = [](const Session& session) {
        const Model m = build_model(session, base_weights(session));
        return run_forward(m, build_inputs(m, session));
    };
    const Trace t1 = trace_of(s), t2 = trace_of(back);
    ASSERT_EQ(t1.stages().size(), t2.stages().size());
    for (size_t i = 0; i < t1.stages().size(); ++i) {
        const auto x_held = t1.stages()[i].tensor(), y_held = t2.stages()[i].tensor();
        const Tensor &x = *x_held, &y = *y_held;
        ASSERT_EQ(x.shape, y.shape);
        EXPECT_EQ(std::memcmp(x.data.data(), y.data.data(), x.data.size() * 4), 0) << t1.stages()[i].name;
    }
}

TEST(Session, EditsAreApplied) {
    const Session s = edited_session();
    const Model m = build_model(s, base_weights(s));
    EXPECT_EQ(m.weights.at("encoder.layers.0.self_attn.in_proj_weight").data[3], 0.1f + 0.2f);
    const Inputs in = build_inputs(m, s);
    EXPECT_EQ(in.src.tokens.at(1), "爱");
    EXPECT_FLOAT_EQ(in.src.embeddings(1, 0), 1.0f / 3.0f);
    EXPECT_NE(in.src.embeddings(0, 0), 1.0f / 3.0f);
}

TEST(Session, EditsThatNoLongerFitAreSkippedWithAWarning) {
    Session s = edited_session();
    s.config.d_model = 16;
    s.config.nhead = 4;
    const Model m = build_model(s, base_weights(s));
    ASSERT_FALSE(m.warnings.empty());
    EXPECT_NE(m.warnings.back().find("no longer fits"), std::string::npos);
    std::vector<std::string> warnings;
    build_inputs(m, s, &warnings);
    ASSERT_FALSE(warnings.empty());
    EXPECT_NE(warnings[0].find("has 8 numbers but d_model is 16"), std::string::npos);
}

TEST(Session, MalformedFilesAreRefusedWithTheReason) {
    auto error_of = [](const std::string& text) {
        try {
            parse_session(text);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    const std::string head = R"({"format": "attention-lab-session", "version": 1, "config": {})";
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "not an Attention Lab session file", error_of("{}"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "not valid JSON", error_of("{"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "format version 9",
                        error_of(R"({"format": "attention-lab-session", "version": 9, "config": {}})"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "d_model (10) must be divisible by nhead (4)",
                        error_of(R"({"format": "attention-lab-session", "version": 1, "config": {"d_model": 10, "nhead": 4}})"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "unknown session field 'colour'", error_of(head + R"(, "colour": 1})"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "'src_text' must be a string", error_of(head + R"(, "src_text": 5})"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "has 3 numbers but shape [2, 2] needs 4",
                        error_of(head + R"(, "weight_edits": {"w": {"shape": [2, 2], "data": [1, 2, 3]}}})"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "must hold only numbers",
                        error_of(head + R"(, "embedding_edits": {"a": [1, "x"]}})"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "not a finite float32 number",
                        error_of(head + R"(, "embedding_edits": {"a": [1e300]}})"));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "view head must be a whole number",
                        error_of(head + R"(, "view": {"head": -1}})"));
}

TEST(Presets, EveryBuiltInExampleIsAValidSession) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(ATTN_RESOURCES "/presets")) {
        const Session s = load_session(entry.path().string());
        const Model m = build_model(s, base_weights(s));
        const Trace t = run_forward(m, build_inputs(m, s));
        EXPECT_TRUE(t.find(s.view.stage)) << entry.path() << " opens on " << s.view.stage;
        ++count;
    }
    EXPECT_GE(count, 4);
}

}  // namespace
}  // namespace attn
