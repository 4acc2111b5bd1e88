// safetensors: round trips, PyTorch's names, F16/BF16, malformed files.
#include "base/file_io.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "test_helpers.h"
#include "engine/forward.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace attn {
namespace {

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("attnlab_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

std::string error_of(const std::string& bytes) {
    try {
        parse_safetensors(bytes.data(), bytes.size());
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

std::string with_header(const std::string& json, const std::string& data) {
    std::string out(8, '\0');
    uint64_t n = json.size();
    std::memcpy(out.data(), &n, 8);
    return out + json + data;
}

TEST(Safetensors, RoundTripIsBitExact) {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    StateDict w = initial_state_dict(c);
    w.at("decoder.norm.bias").data[0] = std::numeric_limits<float>::denorm_min();
    w.at("decoder.norm.bias").data[1] = -0.0f;
    const std::string path = temp_path("roundtrip.safetensors");
    write_safetensors(path, w);
    const StateDict back = read_safetensors(path);
    ASSERT_EQ(back.size(), w.size());
    for (const auto& [name, t] : w) {
        ASSERT_TRUE(back.count(name)) << name;
        EXPECT_EQ(back.at(name).shape, t.shape) << name;
        EXPECT_EQ(std::memcmp(back.at(name).data.data(), t.data.data(), t.data.size() * 4), 0) << name;
    }
    // Same bytes twice.
    EXPECT_EQ(serialize_safetensors(w), serialize_safetensors(back));
    std::filesystem::remove(path);
}

TEST(Safetensors, UsesPyTorchStateDictNames) {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    const StateDict w = initial_state_dict(c);
    for (const char* name : {"encoder.layers.0.self_attn.in_proj_weight", "encoder.layers.0.self_attn.in_proj_bias",
                             "encoder.layers.0.self_attn.out_proj.weight", "encoder.layers.0.linear1.weight",
                             "encoder.layers.0.linear2.bias", "encoder.layers.0.norm2.weight", "encoder.norm.weight",
                             "decoder.layers.0.multihead_attn.in_proj_weight", "decoder.layers.0.norm3.bias",
                             "decoder.norm.bias"})
        EXPECT_TRUE(w.count(name)) << name;
    EXPECT_EQ(w.at("encoder.layers.0.self_attn.in_proj_weight").shape, (std::vector<int64_t>{24, 8}));
    EXPECT_EQ(w.at("encoder.layers.0.linear1.weight").shape, (std::vector<int64_t>{32, 8}));
}

TEST(Safetensors, ReadsF16AndBF16) {
    // F16: 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800, 65504 = 0x7BFF; BF16: 1.0 = 0x3F80, -3.0 = 0xC040
    const uint16_t f16[] = {0x3C00, 0xC000, 0x3800, 0x7BFF};
    const uint16_t bf16[] = {0x3F80, 0xC040};
    std::string data(reinterpret_cast<const char*>(f16), 8);
    data.append(reinterpret_cast<const char*>(bf16), 4);
    const std::string file = with_header(
        R"({"a":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]}})",
        data);
    const StateDict t = parse_safetensors(file.data(), file.size());
    EXPECT_EQ(t.at("a").data, (std::vector<float>{1.0f, -2.0f, 0.5f, 65504.0f}));
    EXPECT_EQ(t.at("a").shape, (std::vector<int64_t>{2, 2}));
    EXPECT_EQ(t.at("b").data, (std::vector<float>{1.0f, -3.0f}));
}

// An importer keeps BF16 matrices as stored when asked: the same 16 bits, not in the StateDict.
// Tensors not asked for, in another dtype, or read transposed are converted as before.
TEST(Safetensors, KeepsTheBF16TensorsItIsAskedToAsStored) {
    const uint16_t bf16[] = {0x3F80, 0xC040, 0x4000, 0x0001, 0x3F80, 0xC040, 0x4000, 0x0001, 0x3F80, 0xC040, 0x4000, 0x0001};
    const std::string file = with_header(
        R"({"kept":{"dtype":"BF16","shape":[2,2],"data_offsets":[0,8]},"other":{"dtype":"BF16","shape":[2,2],"data_offsets":[8,16]},)"
        R"("turned":{"dtype":"BF16","shape":[2,2],"data_offsets":[16,24]}})",
        std::string(reinterpret_cast<const char*>(bf16), sizeof bf16));
    Bf16Dict kept;
    SafetensorsOptions options;
    options.keep_bf16 = [](const std::string& name) { return name != "other"; };
    options.transpose = [](const std::string& name) { return name == "turned"; };
    options.bf16 = &kept;
    const StateDict t = parse_safetensors(file.data(), file.size(), options);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept.at("kept").shape, (std::vector<int64_t>{2, 2}));
    EXPECT_EQ(kept.at("kept").data, (std::vector<uint16_t>{0x3F80, 0xC040, 0x4000, 0x0001}));
    EXPECT_FALSE(t.count("kept"));
    EXPECT_EQ(t.at("other").data, (std::vector<float>{1.0f, -3.0f, 2.0f, bf16_to_float(0x0001)}));
    EXPECT_EQ(t.at("turned").data, (std::vector<float>{1.0f, 2.0f, -3.0f, bf16_to_float(0x0001)}));
}

TEST(Safetensors, MalformedFilesAreRefusedWithTheReason) {
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "only 3 bytes long", error_of("abc"));
    std::string huge(8, '\0');
    huge[0] = '\x40';
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "header length (64 bytes) runs past the end of the file (8 bytes)",
                        error_of(huge));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "not valid JSON", error_of(with_header("{oops", "")));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "dtype C64",
                        error_of(with_header(R"({"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}})", std::string(8, '\0'))));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "outside the data section",
                        error_of(with_header(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", std::string(8, '\0'))));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "but its data_offsets span 4 bytes",
                        error_of(with_header(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})", std::string(8, '\0'))));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "'a' and 'b' overlap",
                        error_of(with_header(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                             R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                                             std::string(12, '\0'))));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "needs dtype, shape and data_offsets",
                        error_of(with_header(R"({"a":{"dtype":"F32"}})", "")));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "appears twice",
                        error_of(with_header(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{}})", "")));
}

TEST(Safetensors, MissingAndMisshapenTensorsAreNamed) {
    Config c;
    StateDict w = initial_state_dict(c);
    w.erase("encoder.layers.0.linear1.bias");
    try {
        make_model(c, w);
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "the weights have no tensor 'encoder.layers.0.linear1.bias' (expected shape [32])");
    }
    w = initial_state_dict(c);
    w.at("encoder.layers.0.norm1.weight") = Tensor({9});
    try {
        make_model(c, w);
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "tensor 'encoder.layers.0.norm1.weight' has shape [9] but this config needs [8]");
    }
}

TEST(Safetensors, ExtraTensorsWarnAndBareEncoderNamesAreAccepted) {
    Config c;
    StateDict bare;
    for (auto& [name, t] : initial_state_dict(c)) bare[name.substr(std::string("encoder.").size())] = t;
    bare["lm_head.weight"] = Tensor({2, 2});
    const Model model = make_model(c, bare);
    ASSERT_EQ(model.warnings.size(), 1u);
    EXPECT_EQ(model.warnings[0], "tensor 'lm_head.weight' is not used by this config and is ignored");
    EXPECT_TRUE(model.weights.count("encoder.layers.0.self_attn.in_proj_weight"));
}

TEST(Safetensors, MissingFileIsNamed) {
    EXPECT_THROW(read_safetensors("/no/such/w.safetensors"), Error);
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// Integer buffers (BERT's position_ids, masks) are read as floats; F16 and BF16 exactly.
TEST(Safetensors, IntegerBuffersAndHalfPrecisionAreConverted) {
    auto file = [](const std::string& header, const std::string& data) {
        std::string json = header;
        std::string out(8, '\0');
        for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>((json.size() >> (8 * i)) & 0xFF);
        return out + json + data;
    };
    const std::string i64("\x05\0\0\0\0\0\0\0\xfd\xff\xff\xff\xff\xff\xff\xff", 16);  // 5, −3
    const std::string f16("\x00\x3c\x00\xc0", 4);                                         // 1.0, −2.0
    const std::string bf16("\x80\x3f\x40\x40", 4);                                        // 1.0, 3.0
    const std::string bytes = file(R"({"a":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F16","shape":[2],"data_offsets":[16,20]},"c":{"dtype":"BF16","shape":[2],"data_offsets":[20,24]}})",
                                   i64 + f16 + bf16);
    std::set<std::string> dtypes;
    SafetensorsOptions options;
    options.dtypes = &dtypes;
    const StateDict t = parse_safetensors(bytes.data(), bytes.size(), options);
    EXPECT_EQ(t.at("a").data[0], 5.0f);
    EXPECT_EQ(t.at("a").data[1], -3.0f);
    EXPECT_EQ(t.at("b").data[0], 1.0f);
    EXPECT_EQ(t.at("b").data[1], -2.0f);
    EXPECT_EQ(t.at("c").data[0], 1.0f);
    EXPECT_EQ(t.at("c").data[1], 3.0f);
    EXPECT_EQ(dtypes, (std::set<std::string>{"BF16", "F16", "I64"}));
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// GPT-2's Conv1D weights are read straight into nn.Linear's layout: (rows, cols) -> (cols, rows).
TEST(Safetensors, MatricesAskedForAreReadTransposed) {
    Tensor m({2, 3});
    for (int i = 0; i < 6; ++i) m.data[static_cast<size_t>(i)] = static_cast<float>(i);  // [[0 1 2] [3 4 5]]
    const std::string bytes = serialize_safetensors({{"conv", m}, {"plain", m}});
    SafetensorsOptions options;
    options.transpose = [](const std::string& name) { return name == "conv"; };
    const StateDict t = parse_safetensors(bytes.data(), bytes.size(), options);
    EXPECT_EQ(t.at("conv").shape, (std::vector<int64_t>{3, 2}));
    EXPECT_EQ(std::vector<float>(t.at("conv").data.begin(), t.at("conv").data.end()), (std::vector<float>{0, 3, 1, 4, 2, 5}));
    EXPECT_EQ(t.at("plain").shape, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(std::vector<float>(t.at("plain").data.begin(), t.at("plain").data.end()), (std::vector<float>{0, 1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace attn
