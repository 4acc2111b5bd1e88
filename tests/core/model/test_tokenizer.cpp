#include "model/tokenizer.h"
#include "base/tensor.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

using Tokens = std::vector<std::string>;

TEST(Tokenizer, SplitsLatinOnWhitespaceAndPunctuation) {
    EXPECT_EQ(tokenize("The cat sat on the mat."), (Tokens{"The", "cat", "sat", "on", "the", "mat", "."}));
    EXPECT_EQ(tokenize("  hello,\tworld!\n"), (Tokens{"hello", ",", "world", "!"}));
    EXPECT_EQ(tokenize("don't"), (Tokens{"don", "'", "t"}));
    EXPECT_EQ(tokenize("café naïve"), (Tokens{"café", "naïve"}));
    EXPECT_EQ(tokenize("x2 = 3.5"), (Tokens{"x2", "=", "3", ".", "5"}));
}

TEST(Tokenizer, EveryCjkCharacterIsItsOwnToken) {
    EXPECT_EQ(tokenize("我爱机器学习"), (Tokens{"我", "爱", "机", "器", "学", "习"}));
    EXPECT_EQ(tokenize("我 爱 机器 学习"), (Tokens{"我", "爱", "机", "器", "学", "习"}));
    EXPECT_EQ(tokenize("你好，世界。"), (Tokens{"你", "好", "，", "世", "界", "。"}));
    EXPECT_EQ(tokenize("ひらがなカタ"), (Tokens{"ひ", "ら", "が", "な", "カ", "タ"}));
}

TEST(Tokenizer, MixedScriptsAndEmoji) {
    EXPECT_EQ(tokenize("I爱ML"), (Tokens{"I", "爱", "ML"}));
    EXPECT_EQ(tokenize("hi😀there"), (Tokens{"hi", "😀", "there"}));
    EXPECT_EQ(tokenize("👍🏽 ok"), (Tokens{"👍🏽", "ok"}));               // skin-tone modifier stays attached
    EXPECT_EQ(tokenize("👩‍💻"), (Tokens{"👩‍💻"}));                       // ZWJ sequence is one token
    EXPECT_EQ(tokenize("😀😀"), (Tokens{"😀", "😀"}));
}

TEST(Tokenizer, EmptyAndBlankTextGiveNoTokens) {
    EXPECT_TRUE(tokenize("").empty());
    EXPECT_TRUE(tokenize(" \t\n\u3000").empty());
}

TEST(Tokenizer, SpecialTokensStayWhole) {
    EXPECT_EQ(tokenize("[CLS] a [PAD] b[SEP]"), (Tokens{"[CLS]", "a", "[PAD]", "b", "[SEP]"}));
    EXPECT_EQ(tokenize("<s>hi</s>"), (Tokens{"<s>", "hi", "</s>"}));
    EXPECT_EQ(tokenize("x ##PAD## y", {"##PAD##"}), (Tokens{"x", "##PAD##", "y"}));
    // Brackets around anything else are punctuation.
    EXPECT_EQ(tokenize("[1] [a b] <>"), (Tokens{"[", "1", "]", "[", "a", "b", "]", "<", ">"}));
    EXPECT_EQ(tokenize("[CLS"), (Tokens{"[", "CLS"}));
}

TEST(Tokenizer, InvalidUtf8IsRefusedWithTheByte) {
    try {
        tokenize("ok \xff bad");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "the text is not valid UTF-8 (byte 0xFF at position 3)");
    }
    EXPECT_THROW(tokenize("\xe6\x88"), Error);          // truncated 我
    EXPECT_THROW(tokenize("\xc0\xaf"), Error);          // overlong '/'
    EXPECT_THROW(tokenize("\xed\xa0\x80"), Error);      // UTF-16 surrogate
    EXPECT_THROW(tokenize("\xf4\x90\x80\x80"), Error);  // above U+10FFFF
}

}  // namespace
}  // namespace attn
