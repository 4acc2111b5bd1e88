#include "controller/presets.h"

#include <QCoreApplication>
#include <QFile>

namespace attn::ui {
namespace {
// Translation context of the examples' names (lupdate reads Presets::tr).
struct Presets {
    Q_DECLARE_TR_FUNCTIONS(Presets)
};
}  // namespace

QVector<Preset> presets() {
    return {
        {"trained-reverse", Presets::tr("Trained: reverse 8 digits"),
         Presets::tr("an encoder trained here to reverse digits: each position attends to its mirror (the anti-diagonal)")},
        {"trained-induction", Presets::tr("Trained: induction (repeat a string)"),
         Presets::tr("a 2-layer decoder trained to continue strings of 4 to 8 letters repeated: layer 1 looks up what "
                     "followed the same letter last time")},
        {"trained-shakespeare", Presets::tr("Trained: Shakespeare (characters)"),
         Presets::tr("a 4-layer decoder trained here on Shakespeare's plays, one character at a time: a previous-token head "
                     "in layer 0 and an induction head that copies what followed last time")},
        {"trained-tang-poems", Presets::tr("Trained: 唐诗 Tang poems (characters)"),
         Presets::tr("a 4-layer decoder trained here on 25 000 Tang poems: it writes five- and seven-character lines "
                     "with their commas and full stops")},
        {"trained-translation", Presets::tr("Trained: English → 中文"),
         Presets::tr("an encoder-decoder trained on template sentences: cross-attention aligns 猫 with cats")},
        {"classroom", Presets::tr("Tiny classroom model"), Presets::tr("d_model 8, 2 heads, 1 encoder layer, sinusoidal positions")},
        {"three-tokens", Presets::tr("Worked example: three tokens"),
         Presets::tr("the three 4-feature inputs and integer W_Q, W_K, W_V many tutorials compute by hand")},
        {"bert", Presets::tr("BERT-like encoder"), Presets::tr("d_model 32, 4 heads, 2 layers, learned positions, GELU")},
        {"gpt", Presets::tr("GPT-like decoder"), Presets::tr("decoder-only with a causal mask, pre-norm, learned positions")},
        {"translation", Presets::tr("Translation (encoder-decoder)"), Presets::tr("我 爱 机器 学习 → I love machine learning")},
        {"rope", Presets::tr("RoPE decoder"), Presets::tr("rotary position embedding inside attention")},
        {"alibi", Presets::tr("ALiBi decoder"), Presets::tr("linear distance penalty, 4 heads with different slopes")},
        {"llama-like", Presets::tr("Llama-like decoder (grouped-query)"),
         Presets::tr("RMSNorm, SwiGLU, RoPE in halves, 4 query heads sharing 2 K/V heads: the layout of Llama 3, Qwen and Mistral")},
    };
}

Session loadPreset(const QString& id) {
    QFile file(":/presets/" + id + ".json");
    if (!file.open(QIODevice::ReadOnly)) throw Error("the built-in example '" + id.toStdString() + "' is missing");
    return parse_session(file.readAll().toStdString());
}

}  // namespace attn::ui
