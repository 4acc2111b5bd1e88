// Every config validation error, with the message a student reads.
#include "model/config.h"
#include "base/tensor.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

std::string error_of(const std::string& json) {
    try {
        parse_config(json);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

#define EXPECT_CONFIG_ERROR(json, text) EXPECT_PRED_FORMAT2(::testing::IsSubstring, text, error_of(json))

TEST(Config, DefaultsAreTheClassroomModel) {
    const Config c = parse_config("{}");
    EXPECT_EQ(c.d_model, 8);
    EXPECT_EQ(c.nhead, 2);
    EXPECT_EQ(c.architecture, Architecture::EncoderOnly);
    EXPECT_EQ(c.positional_encoding, PositionalEncoding::Sinusoidal);
    EXPECT_DOUBLE_EQ(c.pe_base, 10000.0);
    EXPECT_FALSE(c.norm_first);
    EXPECT_TRUE(validate(c).empty());
}

TEST(Config, ReadsEveryField) {
    const Config c = parse_config(R"({"architecture": "encoder-decoder", "d_model": 16, "nhead": 4,
        "num_encoder_layers": 3, "num_decoder_layers": 2, "dim_feedforward": 64, "activation": "gelu",
        "norm_first": true, "layer_norm_eps": 1e-6, "positional_encoding": "rope", "rope_style": "half", "pe_base": 500,
        "max_len": 64, "seed": 7, "causal": true, "sliding_window": 3, "block_size": 4, "pad_token": "<pad>", "vocab": ["a", "b"]})");
    EXPECT_EQ(c.architecture, Architecture::EncoderDecoder);
    EXPECT_EQ(c.d_model, 16);
    EXPECT_EQ(c.nhead, 4);
    EXPECT_EQ(c.num_encoder_layers, 3);
    EXPECT_EQ(c.num_decoder_layers, 2);
    EXPECT_EQ(c.dim_feedforward, 64);
    EXPECT_EQ(c.activation, Activation::Gelu);
    EXPECT_TRUE(c.norm_first);
    EXPECT_DOUBLE_EQ(c.layer_norm_eps, 1e-6);
    EXPECT_EQ(c.positional_encoding, PositionalEncoding::Rope);
    EXPECT_EQ(c.rope_style, RopeStyle::Half);
    EXPECT_DOUBLE_EQ(c.pe_base, 500);
    EXPECT_EQ(c.max_len, 64);
    EXPECT_EQ(c.seed, 7u);
    EXPECT_TRUE(c.causal);
    EXPECT_EQ(c.sliding_window, 3);
    EXPECT_EQ(c.block_size, 4);
    EXPECT_EQ(c.pad_token, "<pad>");
    EXPECT_EQ(c.vocab, (std::vector<std::string>{"a", "b"}));
}

TEST(Config, JsonRoundTrip) {
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = 12;
    c.nhead = 3;
    c.activation = Activation::Gelu;
    c.positional_encoding = PositionalEncoding::Alibi;
    c.seed = 18446744073709551615ull;
    c.layer_norm_eps = 1.5e-7;
    c.vocab = {"我", "爱"};
    EXPECT_EQ(parse_config(config_to_json(c)), c);
    c.positional_encoding = PositionalEncoding::Binary;
    c.pe_concat = 4;
    EXPECT_EQ(parse_config(config_to_json(c)), c);
    c = Config{};
    EXPECT_EQ(config_to_json(c).find("rope_style"), std::string::npos);  // the default is not written: old files stay as they were
    c.positional_encoding = PositionalEncoding::Rope, c.rope_style = RopeStyle::Half;
    EXPECT_EQ(parse_config(config_to_json(c)), c);
    EXPECT_THROW(parse_config(R"({"rope_style": "sideways"})"), Error);
}

TEST(Config, SizeErrors) {
    EXPECT_CONFIG_ERROR(R"({"d_model": 10, "nhead": 4})", "d_model (10) must be divisible by nhead (4)");
    EXPECT_CONFIG_ERROR(R"({"d_model": 0})", "d_model (0) must be at least 1");
    EXPECT_CONFIG_ERROR(R"({"d_model": -8})", "d_model (-8) must be at least 1");
    EXPECT_CONFIG_ERROR(R"({"nhead": 0})", "nhead (0) must be at least 1");
    EXPECT_CONFIG_ERROR(R"({"num_encoder_layers": 0})", "num_encoder_layers (0) must be at least 1");
    EXPECT_CONFIG_ERROR(R"({"architecture": "decoder-only", "num_decoder_layers": 0})",
                        "num_decoder_layers (0) must be at least 1");
    EXPECT_CONFIG_ERROR(R"({"num_decoder_layers": -1})", "num_decoder_layers (-1) cannot be negative");
    EXPECT_CONFIG_ERROR(R"({"architecture": "decoder-only", "num_encoder_layers": -2})",
                        "num_encoder_layers (-2) cannot be negative");
    EXPECT_CONFIG_ERROR(R"({"dim_feedforward": 0})", "dim_feedforward (0) must be at least 1");
    EXPECT_CONFIG_ERROR(R"({"max_len": 0})", "max_len (0) must be at least 1");
    EXPECT_CONFIG_ERROR(R"({"d_model": 2000000})", "d_model (2000000) must be at most");
    EXPECT_CONFIG_ERROR(R"({"d_model": 99999999999})", "'d_model' (99999999999) is far too large");
    EXPECT_CONFIG_ERROR(R"({"d_model": 6, "nhead": 2, "positional_encoding": "rope"})",
                        "head size d_model / nhead (3) must be even");
}

TEST(Config, NumberErrors) {
    EXPECT_CONFIG_ERROR(R"({"layer_norm_eps": 0})", "layer_norm_eps (0.000000) must be a small positive number");
    EXPECT_CONFIG_ERROR(R"({"layer_norm_eps": -1e-5})", "layer_norm_eps");
    EXPECT_CONFIG_ERROR(R"({"pe_base": 1})", "pe_base (1.000000) must be greater than 1");
    EXPECT_CONFIG_ERROR(R"({"sliding_window": -1})", "sliding_window (-1) cannot be negative");
    EXPECT_CONFIG_ERROR(R"({"block_size": -2})", "block_size (-2) cannot be negative; use 0 to turn it off");
    EXPECT_CONFIG_ERROR(R"({"seed": -3})", "'seed' must be a whole number of at least 0");
    EXPECT_CONFIG_ERROR(R"({"vocab": ["a", "b", "a"]})", "vocab lists the token 'a' twice");
    EXPECT_CONFIG_ERROR(R"({"pe_concat": 3})", "pe_concat (3) must be 0 (add) or an even number of features below d_model (8)");
    EXPECT_CONFIG_ERROR(R"({"pe_concat": 8})", "pe_concat (8) must be 0 (add)");
    EXPECT_CONFIG_ERROR(R"({"positional_encoding": "learned", "pe_concat": 4})", "pe_concat needs a sinusoidal or binary encoding");
}

TEST(Config, EnumErrorsListTheChoices) {
    EXPECT_CONFIG_ERROR(R"({"activation": "tanh"})", "'activation' cannot be \"tanh\"; choose one of: gelu, gelu_tanh, relu");
    EXPECT_CONFIG_ERROR(R"({"architecture": "gpt"})", "choose one of: decoder-only, encoder-decoder, encoder-only");
    EXPECT_CONFIG_ERROR(R"({"positional_encoding": "xpos"})", "'positional_encoding' cannot be \"xpos\"");
}

TEST(Config, TypeErrorsNameTheField) {
    EXPECT_CONFIG_ERROR(R"({"nhead": "4"})", "'nhead' must be a whole number, not a string (\"4\")");
    EXPECT_CONFIG_ERROR(R"({"d_model": 8.5})", "'d_model' must be a whole number, not a number (8.5)");
    EXPECT_CONFIG_ERROR(R"({"norm_first": 1})", "'norm_first' must be true or false, not a integer (1)");
    EXPECT_CONFIG_ERROR(R"({"pe_base": "big"})", "'pe_base' must be a number");
    EXPECT_CONFIG_ERROR(R"({"pad_token": 0})", "'pad_token' must be a string");
    EXPECT_CONFIG_ERROR(R"({"vocab": "abc"})", "'vocab' must be a list of token strings");
    EXPECT_CONFIG_ERROR(R"({"vocab": [1]})", "'vocab entry' must be a string");
}

TEST(Config, UnknownFieldsAreNamedWithASuggestion) {
    EXPECT_CONFIG_ERROR(R"({"d_modle": 8})", "unknown config field 'd_modle' (did you mean 'd_model'?)");
    EXPECT_CONFIG_ERROR(R"({"colour": "red"})", "unknown config field 'colour'");
}

TEST(Config, JsonErrors) {
    EXPECT_CONFIG_ERROR(R"({"d_model": 8,})", "the config is not valid JSON");
    EXPECT_CONFIG_ERROR(R"([8, 2])", "the config must be a JSON object");
    EXPECT_CONFIG_ERROR(R"({"d_model": 8, "d_model": 16})", "the key 'd_model' appears twice");
    EXPECT_CONFIG_ERROR("", "the config is not valid JSON");
    EXPECT_CONFIG_ERROR("{\"pad_token\": \"\xff\"}", "the config is not valid JSON");
}

TEST(Config, ValidateReportsEveryProblemWithItsField) {
    Config c;
    c.d_model = 0;
    c.dim_feedforward = 0;
    c.pe_base = 0.5;
    const auto problems = validate(c);
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].field, "d_model");
    EXPECT_EQ(problems[1].field, "dim_feedforward");
    EXPECT_EQ(problems[2].field, "pe_base");
}

TEST(Config, MissingFileIsNamed) {
    try {
        load_config("/no/such/config.json");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "cannot open config file '/no/such/config.json': no such file or not readable");
    }
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// The modern fields of issue 24, point 1: each read, written back only when not the default, and
// refused in one sentence when it cannot be.
TEST(Config, ModernFieldsReadRoundTripAndRefuse) {
    const Config c = parse_config(R"({"architecture": "decoder-only", "d_model": 16, "nhead": 4, "num_kv_heads": 2,
        "norm": "rmsnorm", "ffn": "swiglu", "qk_norm": true, "positional_encoding": "rope", "rope_theta": 500000,
        "sliding_window": 4})");
    EXPECT_EQ(c.norm, NormKind::RmsNorm);
    EXPECT_EQ(c.ffn, FeedForwardKind::SwiGlu);
    EXPECT_EQ(c.num_kv_heads, 2);
    EXPECT_EQ(c.kv_heads(), 2);
    EXPECT_EQ(c.kv_dim(), 8);  // 2 K/V heads of d_k = 4
    EXPECT_TRUE(c.qk_norm);
    EXPECT_DOUBLE_EQ(c.pe_base, 500000);  // rope_theta is Llama's name for the frequency base
    EXPECT_EQ(c.sliding_window, 4);
    EXPECT_EQ(parse_config(config_to_json(c)), c);
    EXPECT_EQ(Config{}.kv_heads(), 2);  // 0: one per query head

    const std::string plain = config_to_json(Config{});
    for (const char* key : {"\"norm\"", "\"ffn\"", "\"num_kv_heads\"", "\"qk_norm\""})
        EXPECT_EQ(plain.find(key), std::string::npos) << key;  // old files stay as they were

    EXPECT_EQ(parse_config(R"({"ffn": "gelu"})").activation, Activation::Gelu);  // "ffn" may name today's activation
    EXPECT_EQ(parse_config(R"({"ffn": "gelu"})").ffn, FeedForwardKind::Standard);
    EXPECT_CONFIG_ERROR(R"({"nhead": 2, "num_kv_heads": 3})", "num_kv_heads (3) must divide nhead (2)");
    EXPECT_CONFIG_ERROR(R"({"d_model": 12, "nhead": 4, "num_kv_heads": 3})", "num_kv_heads (3) must divide nhead (4)");
    EXPECT_CONFIG_ERROR(R"({"num_kv_heads": -1})", "num_kv_heads (-1) must divide");
    EXPECT_CONFIG_ERROR(R"({"norm": "batchnorm"})", "choose one of: layernorm, rmsnorm");
    EXPECT_CONFIG_ERROR(R"({"ffn": "geglu"})", "choose one of: gelu, gelu_tanh, relu, swiglu");
    EXPECT_CONFIG_ERROR(R"({"ffn": 3})", "'ffn' must be a string");
    EXPECT_CONFIG_ERROR(R"({"ffn": "gelu", "activation": "relu"})", "give one");
    EXPECT_CONFIG_ERROR(R"({"rope_theta": 500, "pe_base": 10000})", "'rope_theta' and 'pe_base' name the same number");
    EXPECT_CONFIG_ERROR(R"({"qk_norm": 1})", "'qk_norm' must be true or false");
    EXPECT_CONFIG_ERROR(R"({"num_kv_head": 1})", "did you mean 'num_kv_heads'");
}

// Issue 26, point 10: Gemma's local and global layers and StreamingLLM's sinks.
TEST(Config, WindowPatternAndSinksReadRoundTripAndRefuse) {
    const Config c = parse_config(R"({"sliding_window": 4, "sliding_window_pattern": 6, "sink_tokens": 2})");
    EXPECT_EQ(c.sliding_window_pattern, 6);
    EXPECT_EQ(c.sink_tokens, 2);
    EXPECT_EQ(c.window_of(4), 4);
    EXPECT_EQ(c.window_of(5), 0);  // the 6th layer is global, as in Gemma 3
    EXPECT_EQ(parse_config(config_to_json(c)), c);
    const std::string plain = config_to_json(Config{});
    for (const char* key : {"\"sliding_window_pattern\"", "\"sink_tokens\""})
        EXPECT_EQ(plain.find(key), std::string::npos) << key;
    EXPECT_EQ(parse_config(R"({"sliding_window": 4, "sliding_window_pattern": 1})").window_of(0), 0);  // every layer global
    EXPECT_CONFIG_ERROR(R"({"sliding_window_pattern": -2})", "sliding_window_pattern (-2) cannot be negative; use 0 for the window in every layer");
    EXPECT_CONFIG_ERROR(R"({"sink_tokens": -1})", "sink_tokens (-1) cannot be negative; use 0 for none");
    EXPECT_CONFIG_ERROR(R"({"sink_token": 1})", "did you mean 'sink_tokens'");
}

}  // namespace
}  // namespace attn
