// What the lessons say about their sources and the screen, checked: the article each of the
// source articles' mistakes is quoted from (against the articles themselves when they are at hand,
// ../shared/seeds), the numbers lesson 20 gives for article 004's positional code and article
// 001's worked example, and every view or panel a lesson names, in English and in the Chinese the
// UI shows.
#include "base/json_util.h"
#include "teach/lesson.h"
#include "engine/softmax.h"
#include "teach/mistakes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <regex>
#include <set>

namespace attn {
namespace {

Lesson lesson(const std::string& file) {
    return parse_lesson(read_text_file(std::string(ATTN_RESOURCES) + "/lessons/" + file, "lesson"));
}

std::string padded(int article) {
    std::string s = std::to_string(article);
    return std::string(3 - s.size(), '0') + s;
}

// The seed article 00N, or "" when the seeds are not beside the project.
std::string seed(int article) {
    const std::filesystem::path folder = std::filesystem::path(ATTN_SOURCE_DIR) / ".." / "shared" / "seeds";
    if (!std::filesystem::is_directory(folder)) return {};
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().filename().string().rfind(padded(article) + "_", 0) == 0) return read_text_file(entry.path().string(), "seed");
    return {};
}

// Lesson 20's steps on the articles' mistakes name the article source_article() gives, and the
// Mistakes view builds its label from the same function; lesson 19's textbook mistakes name none.
TEST(LessonSources, TheArticlesLessonNamesTheArticleEachMistakeIsQuotedFrom) {
    Lesson l = lesson("19-mistakes.json");
    const Lesson articles = lesson("20-source-articles.json");
    l.steps.insert(l.steps.end(), articles.steps.begin(), articles.steps.end());
    int named = 0;
    for (const LessonStep& step : l.steps) {
        if (step.mistake.empty()) continue;
        const auto m = std::find_if(kAllMistakes.begin(), kAllMistakes.end(), [&](Mistake x) { return step.mistake == to_string(x); });
        ASSERT_NE(m, kAllMistakes.end()) << step.mistake;
        const int article = source_article(*m);
        const std::string en = step.title.in("en"), zh = step.title.in("zh_CN");
        if (article == 0) {
            EXPECT_EQ(en.find("article"), std::string::npos) << en;
            continue;
        }
        ++named;
        EXPECT_NE(en.find("(article " + padded(article) + ")"), std::string::npos) << en;
        EXPECT_NE(zh.find("（文章 " + padded(article) + "）"), std::string::npos) << zh;
        EXPECT_NE(step.text.in("en").find("Article " + padded(article)), std::string::npos) << step.mistake;
        EXPECT_NE(step.text.in("zh_CN").find("文章 " + padded(article)), std::string::npos) << step.mistake;
    }
    EXPECT_EQ(named, 4);
}

// The quotes themselves, in the articles (skipped where the seeds are not at hand).
TEST(LessonSources, EachQuotedConstructIsInTheArticleNamed) {
    if (seed(1).empty()) GTEST_SKIP() << "../shared/seeds is not beside the project";
    const struct {
        int article;
        const char* quote;
    } quotes[] = {
        {source_article(Mistake::ValueInScore), "softmax(q·k_i + v·k_j/√dk)"},
        {source_article(Mistake::ChainedHeads), "Q^{(2)}=W_Q Q^{(1)}"},
        {1, "A=\\sum_{i=1}^t \\alpha_{ij}V_i"},  // the "backward" computation: summed over the queries
        {source_article(Mistake::NoScores), "x = self.query(x)\n        x = self.key(x)\n        x = self.value(x)"},
        {source_article(Mistake::ElementwiseCross), "return x * value"},
        {4, "k = 10000 ** (2 * (pos / d_model) + (i % 2))"},  // lesson 20's positional code
        {1, "A^{pos}=P+A"},                                    // lesson 6: the code joins the attention output
        {1, "\\oplus [P_{1,0}, P_{1,1}, P_{1,2}]"},
        {1, "\\alpha_{11}^{(1)}=\\frac{e^2}{e^2+e^4+e^6}"},  // lesson 20's worked example, redone
        {1, "A_1^{(1)}=\\alpha_{11}^{(1)}V_1^{(1)}=1"},
        {1, "d_q=8"},
        {2, "将输入序列分解为多个子序列"},  // lesson 20's shorter slips
        {2, "通过共享权重矩阵，多头自注意力机制可以显著减少模型的参数数量"},
        {1, "可以使用相同的权重矩阵"},
        {1, "\\frac{\\partial \\mathcal{L}}{\\partial A^{pos}}$ 表示注意力权重 $\\alpha$ 的梯度"},  // lesson 10's gradient chain
        {3, "时间和空间复杂度都是O(n^2 d)"},
        {3, "softmax，会造成计算复杂度"},
        {3, "变压器（Transformer）"},
        {1, "Self-Attention: State-of-the-art Computational Mechanics"},
        {4, "《Transformer is Really Strong»"},
    };
    for (const auto& q : quotes) EXPECT_NE(seed(q.article).find(q.quote), std::string::npos) << "article " << q.article << ": " << q.quote;
    // Lesson 3's worked example is a tutorial's, in none of the articles.
    for (int article = 0; article <= 4; ++article) EXPECT_EQ(seed(article).find("1, 0, 1, 0"), std::string::npos) << article;
}

// Lesson 20: article 004's k = 10000^(2·pos/d + i % 2), +k on even features and −k on odd ones,
// stored in float32 at d = 8: position 0 is [1, −10 000, …], position 1 [10, −100 000, …]; the odd
// features are −∞ from position 35, every feature from position 39.
TEST(LessonSources, ArticleFoursPositionalCodeOverflowsWhereLessonNineteenSays) {
    constexpr int d = 8;
    auto code = [](int pos, int i) {
        const double k = std::pow(10000.0, 2.0 * (static_cast<double>(pos) / d) + (i % 2));
        return static_cast<float>(i % 2 == 0 ? k : -k);
    };
    EXPECT_FLOAT_EQ(code(0, 0), 1.0f);
    EXPECT_FLOAT_EQ(code(0, 1), -10000.0f);
    EXPECT_FLOAT_EQ(code(1, 0), 10.0f);
    EXPECT_FLOAT_EQ(code(1, 1), -100000.0f);
    EXPECT_NEAR(code(2, 2) / code(1, 2), 10.0f, 1e-4f);  // ten times the last position
    auto first_infinite = [&](int i) {
        for (int pos = 0; pos < 100; ++pos)
            if (std::isinf(code(pos, i))) return pos;
        return -1;
    };
    EXPECT_EQ(first_infinite(1), 35);
    EXPECT_EQ(first_infinite(0), 39);
    EXPECT_TRUE(std::isinf(code(100, 0)));
}

// Lesson 20, article 001's worked example: scores 2, 4, 6 give α₁₁ = e²/(e² + e⁴ + e⁶) = 0.0159
// unscaled; divided by √d_k = 2 first, softmax([1, 2, 3]) = [0.090, 0.245, 0.665], the value the
// step's prediction expects.
TEST(LessonSources, ArticleOnesWorkedExampleRedone) {
    Mat unscaled(1, 3), scaled(1, 3);
    unscaled << 2, 4, 6;
    scaled = unscaled / 2.0f;
    softmax_rows(unscaled);
    softmax_rows(scaled);
    EXPECT_NEAR(unscaled(0, 0), 0.0159, 5e-5);
    EXPECT_NEAR(scaled(0, 0), 0.0900, 5e-5);
    EXPECT_NEAR(scaled(0, 1), 0.2447, 5e-5);
    EXPECT_NEAR(scaled(0, 2), 0.6652, 5e-5);
    const Lesson l = lesson("20-source-articles.json");
    const auto step = std::find_if(l.steps.begin(), l.steps.end(), [](const LessonStep& s) {
        return s.predict && s.predict->question.in("en").find("α₁₁") != std::string::npos;
    });
    ASSERT_NE(step, l.steps.end());
    ASSERT_TRUE(step->predict->value.has_value());
    EXPECT_NEAR(*step->predict->value, scaled(0, 0), step->predict->tolerance);
}

// Dock titles as the window names them (ui/window/main_window*.cpp), and their Chinese from the
// translation the app loads.
std::map<std::string, std::string> dock_titles_in_chinese() {
    const std::set<std::string> docks{"Input",  "Model", "Lessons",   "Predictions", "Explain",  "Heads", "Lines",
                                      "Positions", "Weights", "Compare", "Mistakes", "Cost", "Training", "Online softmax",
                                      "Logit lens", "Logit attribution"};
    const std::string ts = read_text_file(std::string(ATTN_RESOURCES) + "/translations/attentionlab_zh_CN.ts", "translation");
    const size_t begin = ts.find("<name>attn::ui::MainWindow</name>");
    const std::string context = ts.substr(begin, ts.find("</context>", begin) - begin);
    std::map<std::string, std::string> out;
    const std::regex message(R"(<source>([^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?<translation>([^<]*)</translation>)");
    for (std::sregex_iterator it(context.begin(), context.end(), message), end; it != end; ++it)
        if (docks.count((*it)[1])) out[(*it)[1]] = (*it)[2];
    EXPECT_EQ(out.size(), docks.size()) << "a dock title has no Chinese";
    return out;
}

// The names quoted before 视图 or 面板 in a Chinese text: “常见错误”视图, and both of
// “位置”或“模型”面板. (Found by hand: a std::regex bracket works on bytes, not characters.)
std::vector<std::string> chinese_view_names(const std::string& text) {
    const std::string open = "“", close = "”";
    std::vector<std::string> names, pending;
    for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
        const size_t end = text.find(close, at + open.size());
        if (end == std::string::npos) break;
        pending.push_back(text.substr(at + open.size(), end - at - open.size()));
        size_t next = end + close.size();
        while (next < text.size() && text[next] == '*') ++next;  // **“多头”**视图
        const std::string after = text.substr(next, 6);
        if (after == "视图" || after == "面板") {
            names.insert(names.end(), pending.begin(), pending.end());
            pending.clear();
        } else if (!(text.compare(next, 6, "或“") == 0 || text.compare(next, 6, "和“") == 0 || text.compare(next, 6, "、“") == 0)) {
            pending.clear();
        }
        at = next;
    }
    return names;
}

// Every view or panel a lesson names is one the window has, under the name the UI shows in that
// language: "the Mistakes view", “常见错误”视图 (not “错误”), “多头”视图 (not “头”).
TEST(LessonSources, EveryViewALessonNamesIsCalledWhatTheUiCallsIt) {
    const auto zh_titles = dock_titles_in_chinese();
    std::set<std::string> en, zh;
    for (const auto& [english, chinese] : zh_titles) en.insert(english), zh.insert(chinese);
    const std::regex en_name(R"(the \**([A-Z][A-Za-z]+(?: [a-z]+)?)\** (view|panel))");
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(ATTN_RESOURCES) + "/lessons")) {
        if (entry.path().extension() != ".json") continue;
        const Lesson l = parse_lesson(read_text_file(entry.path().string(), "lesson"));
        std::vector<const LocalizedText*> texts;
        for (const LessonStep& s : l.steps) {
            texts.push_back(&s.text);
            if (s.task) texts.push_back(&s.task->instruction);
            if (s.predict) texts.push_back(&s.predict->question), texts.push_back(&s.predict->reveal);
        }
        for (const LocalizedText* t : texts) {
            const std::string e = t->in("en"), z = t->in("zh_CN");
            for (std::sregex_iterator it(e.begin(), e.end(), en_name), end; it != end; ++it, ++checked)
                EXPECT_TRUE(en.count((*it)[1])) << entry.path().filename() << ": " << (*it)[0];
            for (const std::string& name : chinese_view_names(z)) {
                ++checked;
                EXPECT_TRUE(zh.count(name)) << entry.path().filename() << ": “" << name << "”";
            }
        }
    }
    EXPECT_GE(checked, 40);  // the lessons name views often: the patterns above must find them
}

}  // namespace
}  // namespace attn
