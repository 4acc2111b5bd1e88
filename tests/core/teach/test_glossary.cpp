// One term per concept: the variants docs/GLOSSARY.md rules out appear in no Chinese
// lesson text and no Chinese UI translation.
#include "base/json_util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

namespace attn {
namespace {

struct RuledOut {
    std::string pattern;
    std::regex regex;
};

// The backticked patterns of the glossary table's last column.
std::vector<RuledOut> ruled_out_variants() {
    const std::string glossary = read_text_file(std::string(ATTN_SOURCE_DIR) + "/docs/GLOSSARY.md", "glossary");
    std::vector<RuledOut> out;
    static const std::regex row(R"(^\|[^|\n]*\|[^|\n]*\|([^\n]*)\|$)", std::regex::multiline);
    static const std::regex backticked("`([^`]+)`");
    for (auto r = std::sregex_iterator(glossary.begin(), glossary.end(), row); r != std::sregex_iterator(); ++r) {
        const std::string cell = (*r)[1];
        for (auto b = std::sregex_iterator(cell.begin(), cell.end(), backticked); b != std::sregex_iterator(); ++b)
            out.push_back({(*b)[1], std::regex((*b)[1].str())});
    }
    return out;
}

// Every zh_CN text of a lesson file.
void chinese_texts(const nlohmann::json& j, std::vector<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            if (key == "zh_CN" && value.is_string()) out.push_back(value.get<std::string>());
            else chinese_texts(value, out);
        }
    } else if (j.is_array()) {
        for (const auto& value : j) chinese_texts(value, out);
    }
}

std::vector<std::string> translations(const std::string& ts) {
    std::vector<std::string> out;
    static const std::regex translation(R"(<translation[^>]*>([^<]*)</translation>)");
    for (auto t = std::sregex_iterator(ts.begin(), ts.end(), translation); t != std::sregex_iterator(); ++t) out.push_back((*t)[1]);
    return out;
}

TEST(Glossary, RulesOutVariantsTheTestCanFind) {
    const auto variants = ruled_out_variants();
    ASSERT_GE(variants.size(), 20u);
    // The rules catch what they are meant to and spare the chosen terms.
    auto caught = [&](const std::string& text) {
        return std::any_of(variants.begin(), variants.end(), [&](const RuledOut& v) { return std::regex_search(text, v.regex); });
    };
    EXPECT_TRUE(caught("每个词的向量"));
    EXPECT_TRUE(caught("加到词向量上"));
    EXPECT_TRUE(caught("动手：前归一化"));
    EXPECT_TRUE(caught("可学习的位置向量"));
    EXPECT_TRUE(caught("固定这次计算"));
    EXPECT_TRUE(caught("变压器模型"));
    EXPECT_TRUE(caught("把 Q 的第 1 行与 K 的第 2 行"));  // 0-based numbers are labels: 行 1, not the ordinal 第 1 行
    EXPECT_TRUE(caught("编码器第 %1 层"));
    EXPECT_TRUE(caught("放在第 i − 1 列"));
    EXPECT_FALSE(caught("把 Q 的行 1 与 K 的行 2，第 2 步，第 %1 / %2 个"));
    EXPECT_FALSE(caught("003 把 Transformer 叫作「变压器」"));  // quoted as the article's mistake
    EXPECT_FALSE(caught("每个词元的词嵌入，词袋，词表"));
    EXPECT_FALSE(caught("前置层归一化与后置层归一化"));
    EXPECT_FALSE(caught("固定这次计算记录，头维度 d_k"));
}

TEST(Glossary, NoLessonOrTranslationUsesARuledOutVariant) {
    const auto variants = ruled_out_variants();
    std::vector<std::pair<std::string, std::string>> texts;  // (where, text)
    for (const auto& entry : std::filesystem::directory_iterator(std::string(ATTN_RESOURCES) + "/lessons")) {
        std::vector<std::string> found;
        chinese_texts(nlohmann::json::parse(read_text_file(entry.path().string(), "lesson")), found);
        for (auto& t : found) texts.emplace_back(entry.path().filename().string(), std::move(t));
    }
    for (const auto& entry : std::filesystem::directory_iterator(std::string(ATTN_RESOURCES) + "/translations"))
        if (entry.path().extension() == ".ts")
            for (auto& t : translations(read_text_file(entry.path().string(), "translation")))
                texts.emplace_back(entry.path().filename().string(), std::move(t));
    ASSERT_GT(texts.size(), 300u);
    for (const auto& [where, text] : texts)
        for (const RuledOut& v : variants)
            EXPECT_FALSE(std::regex_search(text, v.regex)) << where << " uses `" << v.pattern << "` (see docs/GLOSSARY.md): " << text;
}

}  // namespace
}  // namespace attn
