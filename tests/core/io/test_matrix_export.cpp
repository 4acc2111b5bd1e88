#include "io/matrix_export.h"
#include "test_helpers.h"
#include "engine/forward.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <sstream>

namespace attn {
namespace {

struct ExportTest : ::testing::Test {
    ExportTest() {
        Config c;
        c.architecture = Architecture::EncoderDecoder;
        model = make_model(c);
        trace = run_forward(model, {sequence_from_text(model, "我 爱 \"x,y\""), sequence_from_text(model, "I love")});
    }
    Model model;
    Trace trace;
};

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::string field;
        bool quoted = false;
        for (size_t i = 0; i < line.size(); ++i) {
            const char ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) fields.push_back(field), field.clear();
            else field += ch;
        }
        fields.push_back(field);
        rows.push_back(fields);
    }
    return rows;
}

TEST_F(ExportTest, CsvHoldsExactValuesAndTokenLabels) {
    const Stage& stage = *trace.find("decoder.layers.0.multihead_attn.weights");
    const auto rows = parse_csv(stage_csv(trace, stage, 1));
    ASSERT_EQ(rows.size(), 3u);  // header + 2 target tokens
    EXPECT_EQ(rows[0], (std::vector<std::string>{"target token \\ source token", "我", "爱", "\"", "x", ",", "y", "\""}));
    EXPECT_EQ(rows[1][0], "I");
    EXPECT_EQ(rows[2][0], "love");
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 7; ++j) {
            float v = 0;
            const std::string& text = rows[static_cast<size_t>(i + 1)][static_cast<size_t>(j + 1)];
            std::from_chars(text.data(), text.data() + text.size(), v);
            EXPECT_EQ(v, stage.tensor()->slice(1)(i, j)) << text;  // bit-exact round trip
        }
}

TEST_F(ExportTest, JsonHoldsExactValuesForOneHeadOrAll) {
    const Stage& stage = *trace.find("encoder.layers.0.self_attn.scores");
    const auto one = nlohmann::json::parse(stage_json(trace, stage, 1));
    EXPECT_EQ(one["head"], 1);
    EXPECT_EQ(one["row_labels"][0], "我");
    EXPECT_EQ(one["shape"], (std::vector<int64_t>{7, 7}));
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 7; ++j) EXPECT_EQ(one["values"][i][j].get<float>(), stage.tensor()->slice(1)(i, j));
    const auto all = nlohmann::json::parse(stage_json(trace, stage, -1));
    EXPECT_TRUE(all["head"].is_null());
    EXPECT_EQ(all["values"].size(), 2u);
    EXPECT_EQ(all["values"][0][3][4].get<float>(), stage.tensor()->slice(0)(3, 4));
}

TEST_F(ExportTest, MaskInfinityIsWrittenAsText) {
    const Stage& mask = *trace.find("decoder.layers.0.self_attn.mask");
    const std::string csv = stage_csv(trace, mask, 0);
    EXPECT_NE(csv.find("I,0,-inf"), std::string::npos) << csv;
    const auto json = nlohmann::json::parse(stage_json(trace, mask, -1));
    EXPECT_EQ(json["values"][0][1], "-inf");
}

TEST_F(ExportTest, SlicesAndWholeTensors) {
    const Stage& stage = *trace.find("encoder.layers.0.self_attn.weights");
    EXPECT_EQ(stage_tensor(stage, -1), *stage.tensor());
    const Tensor slice = stage_tensor(stage, 1);
    EXPECT_EQ(slice.shape, (std::vector<int64_t>{7, 7}));
    EXPECT_TRUE(slice.matrix() == stage.tensor()->slice(1));
    EXPECT_THROW(stage_tensor(stage, 2), Error);
}

TEST_F(ExportTest, SameInputSameBytes) {
    const Stage& stage = *trace.find("encoder.output");
    EXPECT_EQ(stage_csv(trace, stage, 0), stage_csv(trace, stage, 0));
    const Trace again = run_forward(model, {sequence_from_text(model, "我 爱 \"x,y\""), sequence_from_text(model, "I love")});
    EXPECT_EQ(stage_json(trace, stage, -1), stage_json(again, *again.find("encoder.output"), -1));
}

TEST(FloatText, ShortestRoundTrip) {
    EXPECT_EQ(float_text(0.1f), "0.1");
    EXPECT_EQ(float_text(-1.5e-7f), "-1.5e-07");
    EXPECT_EQ(float_text(1.0f / 3.0f), "0.33333334");
    EXPECT_EQ(float_text(-std::numeric_limits<float>::infinity()), "-inf");
}

}  // namespace
}  // namespace attn
