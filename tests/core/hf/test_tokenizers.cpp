// The tokenizers of imported models: GPT-2's byte-level BPE against the npm peer gpt-3-encoder
// (tests/peers/run_gpt2_peer.sh) and by hand; BERT's WordPiece against a reference written here
// from the published algorithm (BERT's tokenization.py), on English and Chinese vocab files made
// here; tokenizer.json against the classic files.
#include "hf/bpe_tokenizer.h"
#include "hf/tokenizer_files.h"
#include "hf/wordpiece_tokenizer.h"
#include "base/json_util.h"
#include "base/tensor.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

namespace attn {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

TEST(Gpt2Peer, IdsMatchGpt3EncoderOnEveryString) {
    const char* dir = std::getenv("ATTN_GPT2_PEER_DIR");
    const char* ids_file = std::getenv("ATTN_GPT2_PEER_IDS");
    if (!dir || !ids_file) GTEST_SKIP() << "run through tests/peers/run_gpt2_peer.sh (ctest: tokenizer.gpt2_peer)";
    // The peer handles no special tokens, so neither does the tokenizer compared with it.
    const BpeTokenizer bpe(parse_vocab_json(slurp(std::string(dir) + "/encoder.json")),
                           parse_merges_txt(slurp(std::string(dir) + "/vocab.bpe")), {});
    const auto strings = nlohmann::json::parse(slurp(std::string(ATTN_TEST_DATA) + "/tokenizer/gpt2_peer_strings.json"));
    const auto expected = nlohmann::json::parse(slurp(ids_file));
    ASSERT_EQ(strings.size(), expected.size());
    ASSERT_GE(strings.size(), 200u);
    int differing = 0;
    for (size_t i = 0; i < strings.size(); ++i) {
        const auto text = strings[i].get<std::string>();
        const auto ids = bpe.encode(text);
        const auto want = expected[i].get<std::vector<int32_t>>();
        if (ids != want && ++differing <= 5) ADD_FAILURE() << "string " << i << " \"" << text << "\"";
        EXPECT_EQ(bpe.decode(ids), text) << "string " << i;  // byte-level BPE loses nothing
    }
    EXPECT_EQ(differing, 0);
}

// ---- GPT-2's BPE by hand, on a vocab made here

BpeTokenizer tiny_bpe() {
    std::unordered_map<std::string, int32_t> vocab;
    const auto& bytes = BpeTokenizer::byte_to_unicode();
    for (int b = 0; b < 256; ++b) vocab[bytes[static_cast<size_t>(b)]] = b;
    const std::vector<std::pair<std::string, std::string>> merges{{"Ġ", "t"}, {"h", "e"}, {"Ġt", "he"}, {"e", "r"}, {"he", "r"}};
    for (const auto& [a, b] : merges) vocab[a + b] = static_cast<int32_t>(vocab.size());
    vocab["<|endoftext|>"] = static_cast<int32_t>(vocab.size());
    return BpeTokenizer(vocab, merges, {"<|endoftext|>"});
}

TEST(Bpe, MergesApplyByRankNotByPosition) {
    const BpeTokenizer bpe = tiny_bpe();
    // " there": Ġ t h e r e → (Ġ t) rank 0 → Ġt h e r e → (h e) rank 1 → Ġt he r e → (Ġt he) rank 2 → Ġthe r e.
    // (he r) would be rank 4 but "he" was absorbed first; (e r) never meets.
    const auto ids = bpe.encode(" there");
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_EQ(bpe.token(ids[0]), "Ġthe");
    EXPECT_EQ(bpe.token(ids[1]), "r");
    EXPECT_EQ(bpe.token(ids[2]), "e");
    // "her": h e r → (h e) rank 1 beats (e r) rank 3 → he r → (he r) rank 4 → her.
    EXPECT_EQ(bpe.token(bpe.encode("her").at(0)), "her");
}

TEST(Bpe, SpecialTokensSplitOutWholeAndLabelsAreReadable) {
    const BpeTokenizer bpe = tiny_bpe();
    const auto ids = bpe.encode("a<|endoftext|> b");
    ASSERT_EQ(ids.size(), 4u);
    EXPECT_EQ(bpe.token(ids[1]), "<|endoftext|>");
    EXPECT_TRUE(bpe.is_special(ids[1]));
    EXPECT_EQ(bpe.label(ids[2]), "␣");
    EXPECT_EQ(bpe.label(bpe.encode("\n")[0]), "↵");
    const auto chinese = bpe.encode("我");  // three bytes, no merges: three byte tokens
    ASSERT_EQ(chinese.size(), 3u);
    EXPECT_EQ(bpe.label(chinese[0]), "<0xE6>");
    EXPECT_EQ(bpe.decode(chinese), "我");
    EXPECT_EQ(bpe.decode({chinese[0]}), "\xEF\xBF\xBD");  // a lone byte of a character: U+FFFD
    EXPECT_THROW(bpe.encode("\xff"), Error);
}

// ---- BERT's WordPiece against a reference written from the published algorithm

// tokenization.py, for the characters these tests use: whitespace, ASCII and CJK punctuation, CJK,
// and the accented letters below (lower-cased and their accents stripped by hand).
std::vector<std::string> reference_wordpiece(const std::string& text, const std::vector<std::string>& vocab, bool lower) {
    const std::map<std::string, std::string> folded{{"É", "e"}, {"é", "e"}, {"ü", "u"}, {"Ü", "u"}, {"ñ", "n"}, {"ç", "c"}, {"à", "a"}};
    auto is_vocab = [&](const std::string& t) { return std::find(vocab.begin(), vocab.end(), t) != vocab.end(); };
    // split into UTF-8 characters
    std::vector<std::string> chars;
    for (size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        chars.push_back(text.substr(i, len));
        i += len;
    }
    // basic tokenizer: CJK and punctuation are words of their own; whitespace separates
    std::vector<std::string> words{""};
    auto end_word = [&] { if (!words.back().empty()) words.emplace_back(); };
    for (std::string c : chars) {
        const bool cjk = c.size() == 3 && static_cast<unsigned char>(c[0]) >= 0xE4 && static_cast<unsigned char>(c[0]) <= 0xE9;
        const bool space = c == " " || c == "\t" || c == "\n";
        const bool punct = (c.size() == 1 && std::ispunct(static_cast<unsigned char>(c[0]))) || c == "，" || c == "！" || c == "。";
        if (lower) {
            if (folded.count(c)) c = folded.at(c);
            else if (c.size() == 1) c = std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c[0]))));
        }
        if (space) end_word();
        else if (cjk || punct) end_word(), words.back() = c, end_word();
        else words.back() += c;
    }
    if (words.back().empty()) words.pop_back();
    // WordPiece: greedy longest match first
    std::vector<std::string> out{"[CLS]"};
    for (const auto& w : words) {
        std::vector<std::string> pieces;
        size_t start = 0;
        bool bad = false;
        while (start < w.size()) {
            size_t end = w.size();
            std::string found;
            while (start < end) {
                const std::string piece = (start ? "##" : "") + w.substr(start, end - start);
                if (is_vocab(piece)) { found = piece; break; }
                --end;
            }
            if (found.empty()) { bad = true; break; }
            pieces.push_back(found);
            start = end;
        }
        if (bad || w.size() > 100) out.push_back("[UNK]");
        else out.insert(out.end(), pieces.begin(), pieces.end());
    }
    out.push_back("[SEP]");
    return out;
}

const std::vector<std::string> kEnglishVocab{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "on", "mat", "un",
                                             "##aff", "##able", "play", "##ing", "##ed", "##s", "cafe", "uber", "nino", ",", ".", "!",
                                             "?", "'", "s", "hello", "world", "a", "##a", "##b", "b", "runn", "run"};
const std::vector<std::string> kChineseVocab{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "我", "爱", "机", "器", "学", "习",
                                             "你", "好", "，", "！", "。", "中", "文", "the", "##s", "cat"};

std::vector<std::string> tokens_of(const WordPieceTokenizer& t, const std::string& text) {
    std::vector<std::string> out;
    for (int32_t id : t.encode(text)) out.push_back(t.token(id));
    return out;
}

TEST(WordPiece, MatchesTheReferenceOnEnglishAndChinese) {
    const WordPieceTokenizer english(kEnglishVocab, {});
    WordPieceOptions cased;
    cased.lower_case = false;
    const WordPieceTokenizer chinese(kChineseVocab, cased);
    const std::vector<std::string> english_texts{
        "The cat sat on the mat.", "unaffable", "playing played plays", "Café Über niño!", "hello,world", "  the\tcat\n",
        "a b ab aab abab", "running runs", "qwerty", "the cat's mat?", "THE CAT", "", "!!!", "untheable", "cats, mats. plays!"};
    for (const auto& text : english_texts)
        EXPECT_EQ(tokens_of(english, text), reference_wordpiece(text, kEnglishVocab, true)) << "\"" << text << "\"";
    const std::vector<std::string> chinese_texts{"我爱机器学习", "你好，中文！", "我爱the cats。", "机器学习很好", "中文cat中文"};
    for (const auto& text : chinese_texts)
        EXPECT_EQ(tokens_of(chinese, text), reference_wordpiece(text, kChineseVocab, false)) << "\"" << text << "\"";
}

TEST(WordPiece, HandComputedCases) {
    const WordPieceTokenizer t(kEnglishVocab, {});
    EXPECT_EQ(tokens_of(t, "unaffable"), (std::vector<std::string>{"[CLS]", "un", "##aff", "##able", "[SEP]"}));
    EXPECT_EQ(tokens_of(t, "The [MASK] sat."), (std::vector<std::string>{"[CLS]", "the", "[MASK]", "sat", ".", "[SEP]"}));
    EXPECT_EQ(tokens_of(t, "Café"), (std::vector<std::string>{"[CLS]", "cafe", "[SEP]"}));  // lower-cased, accent stripped
    EXPECT_EQ(tokens_of(t, std::string(101, 'a')), (std::vector<std::string>{"[CLS]", "[UNK]", "[SEP]"}));  // over 100 characters
    EXPECT_EQ(tokens_of(t, std::string(100, 'a')).size(), 102u);  // a ##a ×99: exactly 100 is still split
    EXPECT_EQ(tokens_of(t, "zebra"), (std::vector<std::string>{"[CLS]", "[UNK]", "[SEP]"}));
    EXPECT_EQ(tokens_of(t, std::string("the\x01\xC2\xAD cat")), (std::vector<std::string>{"[CLS]", "the", "cat", "[SEP]"}));  // controls dropped
    EXPECT_EQ(t.decode(t.encode("unaffable playing", false)), "unaffable playing");
    WordPieceOptions cased;
    cased.lower_case = false;
    EXPECT_EQ(tokens_of(WordPieceTokenizer(kEnglishVocab, cased), "The cat"), (std::vector<std::string>{"[CLS]", "[UNK]", "cat", "[SEP]"}));
    EXPECT_EQ(WordPieceTokenizer(kEnglishVocab, {}).mask_id(), 4);
    EXPECT_THROW(WordPieceTokenizer({"[PAD]", "a"}, {}), Error);  // no [UNK]
}

// ---- tokenizer.json gives the same ids as the classic files

TEST(TokenizerJson, BpeAndWordPieceAgreeWithTheClassicFiles) {
    nlohmann::json vocab = nlohmann::json::object();
    for (size_t i = 0; i < kEnglishVocab.size(); ++i) vocab[kEnglishVocab[i]] = i;
    const nlohmann::json wordpiece = {
        {"model", {{"type", "WordPiece"}, {"vocab", vocab}, {"unk_token", "[UNK]"}, {"continuing_subword_prefix", "##"}, {"max_input_chars_per_word", 100}}},
        {"normalizer", {{"type", "BertNormalizer"}, {"lowercase", true}, {"strip_accents", nullptr}, {"handle_chinese_chars", true}, {"clean_text", true}}},
        {"pre_tokenizer", {{"type", "BertPreTokenizer"}}}};
    const auto from_json = parse_tokenizer_json(wordpiece.dump());
    const WordPieceTokenizer classic(kEnglishVocab, {});
    for (const char* text : {"The cat sat on the mat.", "Café playing", "unaffable!"})
        EXPECT_EQ(from_json->encode(text), classic.encode(text)) << text;

    const BpeTokenizer bpe = tiny_bpe();
    nlohmann::json bpe_vocab = nlohmann::json::object();
    for (int32_t id = 0; id < bpe.vocab_size(); ++id)
        if (!bpe.is_special(id)) bpe_vocab[bpe.token(id)] = id;
    const nlohmann::json byte_level = {
        {"model", {{"type", "BPE"}, {"vocab", bpe_vocab}, {"merges", {"Ġ t", "h e", nlohmann::json::array({"Ġt", "he"}), "e r", "he r"}}}},
        {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}}},
        {"added_tokens", {{{"id", bpe.vocab_size() - 1}, {"content", "<|endoftext|>"}, {"special", true}}}}};
    const auto bpe_json = parse_tokenizer_json(byte_level.dump());
    for (const char* text : {" there her", "a<|endoftext|> b", "我爱 😀"}) EXPECT_EQ(bpe_json->encode(text), bpe.encode(text)) << text;

    EXPECT_THROW(parse_tokenizer_json(R"({"model": {"type": "Unigram"}})"), Error);
    EXPECT_THROW(parse_tokenizer_json(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a"]}, "pre_tokenizer": {"type": "ByteLevel"}})"), Error);
}

TEST(TokenizerFiles, MalformedFilesAreRefusedWithTheirPlace) {
    auto error = [](auto&& f) {
        try {
            f();
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(error([] { parse_merges_txt("#version: 0.2\na b\nc\n"); }),
              "merges.txt line 3 must be two tokens separated by one space, not \"c\"");
    EXPECT_EQ(error([] { parse_vocab_json(R"({"a": -1})"); }), "vocab.json: the id of 'a' must be a whole number of at least 0, not -1");
    EXPECT_EQ(error([] { parse_vocab_json("{"); }).rfind("vocab.json is not valid JSON", 0), 0u);
    EXPECT_EQ(error([] { BpeTokenizer({{"a", 0}, {"b", 5}}, {}, {}); }), "the vocab's ids must be 0 to 1, each once; 'b' has id 5");
    EXPECT_EQ(error([] { parse_vocab_txt(""); }), "vocab.txt is empty");
}


// ---- SentencePiece-style BPE (Llama 2, Mistral), by hand on a vocab made here

namespace sentencepiece {

BpeTokenizer make(bool split, bool byte_fallback) {
    std::unordered_map<std::string, int32_t> vocab{{"<unk>", 0}, {"<s>", 1}};
    static const char* hex = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) vocab[std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">"] = 2 + b;
    for (const char* t : {"\u2581", "a", "b", "\u2581a", "a\u2581"}) vocab[t] = static_cast<int32_t>(vocab.size());
    BpeOptions options;
    PreTokenizerStep metaspace{PreTokenizerStep::Kind::Metaspace};
    metaspace.split = split;
    options.steps = {metaspace};
    options.byte_level = false;
    options.byte_fallback = byte_fallback;
    options.unk = "<unk>";
    options.fuse_unk = true;
    options.prefix = {"<s>"};
    options.decoders = {{DecoderStep::Kind::Metaspace, "\u2581"}, {DecoderStep::Kind::ByteFallback}, {DecoderStep::Kind::Fuse}};
    return BpeTokenizer(vocab, {{"a", "\u2581"}, {"\u2581", "a"}}, {"<s>"}, options);
}

TEST(SentencePieceBpe, MetaspaceSplitKeepsMergesFromCrossingAWordStart) {
    const int32_t space = 258, b = 260, space_a = 261, a_space = 262;
    // "a b" -> "▁a▁b". Split: pieces "▁a" and "▁b", so the rank-0 merge "a ▁" cannot apply.
    EXPECT_EQ(make(true, true).encode("a b"), (std::vector<int32_t>{1, space_a, space, b}));
    // Unsplit, "a ▁" (rank 0) merges first and "▁ a" is left without its a.
    EXPECT_EQ(make(false, true).encode("a b"), (std::vector<int32_t>{1, space, a_space, b}));
    EXPECT_EQ(make(true, true).decode({space_a, space, b}), "a b");  // the first token's ▁ is the prepended one
    EXPECT_EQ(make(true, true).decode({1, space_a, space, b}), "<s> a b");  // … unless <s> is first (as transformers decodes Llama 2)
}

TEST(SentencePieceBpe, UnknownCharactersFallBackToBytesOrOneFusedUnk) {
    // é is C3 A9: <0xC3> <0xA9> with byte_fallback; without it, "éé" is a single fused <unk>.
    EXPECT_EQ(make(true, true).encode("é", false), (std::vector<int32_t>{258, 2 + 0xC3, 2 + 0xA9}));
    EXPECT_EQ(make(true, false).encode("éé", false), (std::vector<int32_t>{258, 0}));
    const BpeTokenizer tok = make(true, true);
    EXPECT_EQ(tok.decode({2 + 0xC3, 2 + 0xA9}), "é");
    EXPECT_EQ(tok.decode({2 + 0xC3}), "\uFFFD");  // one byte of a character: U+FFFD, as ByteFallback does
    EXPECT_EQ(tok.label(261), "␣a");
    EXPECT_EQ(tok.label(2 + 0x0A), "↵");
}

}  // namespace sentencepiece

}  // namespace
}  // namespace attn
