// The text task: a decoder-only model learns a corpus one character at a time. A training example
// is a random window of `context` characters, position t predicting character t + 1; the last tenth
// of the corpus is held out and never trained on. The vocabulary is every character the corpus
// holds (model/config.h, tokenizer "char"), spaces and line breaks included.
#pragma once

#include "learn/tasks.h"

#include <memory>
#include <string>

namespace attn {

// The model and schedule of a text run; the CLI's --layers, --heads, --d-model, --context.
struct TextModelShape {
    int layers = 4;
    int heads = 4;
    int d_model = 128;
    int context = 64;
    // The share of training windows in which a random stretch (6 to context / 2 − 2 characters, at a
    // random place) is written again right after itself. Text repeats names and lines, but rarely within
    // a short window; these windows make copying pay, so induction heads form in minutes, not hours
    // (without them, no head of the Shakespeare model passed an induction score of 0.02 in 3000
    // steps; docs/PERFORMANCE.md has the runs). The held-out windows are never altered.
    double repeats = 0.5;
    // Learned positions (as GPT-2): the shipped Shakespeare model has a previous-token head of 0.99
    // in layer 0; trained with RoPE, its best was 0.65, in layer 1.
    PositionalEncoding positions = PositionalEncoding::Learned;
};

// The largest corpus read (bytes): the whole text and its ids are held in memory.
inline constexpr int64_t kMaxCorpusBytes = 64ll << 20;

// Reads a corpus file: UTF-8 text of at most kMaxCorpusBytes. Throws attn::Error with one sentence
// for a missing, empty, too large, binary (a NUL byte) or invalid UTF-8 file, naming the file.
std::string read_corpus(const std::string& path);

// The text task over `corpus` (checked as read_corpus does, and long enough for one training and one
// held-out window of shape.context + 1 characters). `name` is the corpus's, for messages.
std::unique_ptr<Task> make_text_task(const std::string& corpus, const TextModelShape& shape, const std::string& name = "the corpus");

}  // namespace attn
