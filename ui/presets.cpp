#include "presets.h"

#include <QCoreApplication>
#include <QFile>

namespace attn::ui {

QVector<Preset> presets() {
    auto tr = [](const char* s) { return QCoreApplication::translate("Presets", s); };
    return {
        {"classroom", tr("Tiny classroom model"), tr("d_model 8, 2 heads, 1 encoder layer, sinusoidal positions")},
        {"bert", tr("BERT-like encoder"), tr("d_model 32, 4 heads, 2 layers, learned positions, GELU")},
        {"gpt", tr("GPT-like decoder"), tr("decoder-only with a causal mask, pre-norm, learned positions")},
        {"translation", tr("Translation (encoder-decoder)"), tr("我 爱 机器 学习 → I love machine learning")},
        {"rope", tr("RoPE decoder"), tr("rotary position embedding inside attention")},
        {"alibi", tr("ALiBi decoder"), tr("linear distance penalty, 4 heads with different slopes")},
    };
}

Session loadPreset(const QString& id) {
    QFile file(":/presets/" + id + ".json");
    if (!file.open(QIODevice::ReadOnly)) throw Error("the built-in example '" + id.toStdString() + "' is missing");
    return parse_session(file.readAll().toStdString());
}

}  // namespace attn::ui
