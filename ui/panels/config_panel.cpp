#include "panels/config_panel.h"

#include "panels/input_panel.h"
#include "controller/presets.h"
#include "controller/session_controller.h"
#include "engine/cost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace attn::ui {

ConfigPanel::ConfigPanel(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_preset(new QComboBox), m_form(new QFormLayout),
      m_weightsPath(new QLabel), m_card(new QLabel) {
    m_preset->addItem(tr("Choose an example…"));
    for (const Preset& p : presets()) m_preset->addItem(p.name, p.id);
    for (int i = 1; i < m_preset->count(); ++i) m_preset->setItemData(i, presets()[i - 1].description, Qt::ToolTipRole);
    m_preset->setToolTip(tr("Load a built-in example: its model and its sentence (undoable)"));
    connect(m_preset, &QComboBox::activated, this, [this](int index) {
        const QString id = m_preset->itemData(index).toString();
        if (id.isEmpty()) return;
        m_controller->applySession(loadPreset(id), tr("Load example %1").arg(m_preset->itemText(index)));
        showCurrentExample();
    });
    for (const Preset& p : presets()) m_presetSessions.push_back(loadPreset(p.id));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_preset);
    // An imported model's card; its config comes from its folder, so the form below is read-only.
    m_card->setWordWrap(true);
    m_card->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_card->setObjectName("ModelCard");
    m_card->hide();
    layout->addWidget(m_card);
    auto* formBox = new QWidget;
    formBox->setObjectName("ConfigForm");
    formBox->setLayout(m_form);
    m_form->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(formBox);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    addCombo("architecture", tr("Architecture"), {"encoder-only", "decoder-only", "encoder-decoder"},
             {tr("encoder-only (BERT)"), tr("decoder-only (GPT)"), tr("encoder-decoder (translation)")},
             tr("Which stacks the model has; decoder self-attention is always causal"));
    addSpin("d_model", tr("d_model"), 1, 4096, tr("Features per token"));
    addSpin("nhead", tr("Heads"), 1, 256, tr("Attention heads; d_model must be divisible by it (head size d_k = d_model / heads)"));
    addSpin("num_kv_heads", tr("K/V heads"), 0, 256,
            tr("Heads of K and V. Same as heads: multi-head attention; 1: every query head shares one (multi-query); "
               "a divisor of heads: grouped-query attention, as Llama 3, Qwen and Mistral. Query head h reads K/V head "
               "h / (heads / K/V heads); the KV cache shrinks by the same factor"))
        ->setSpecialValueText(tr("= heads"));
    addCheck("qk_norm", tr("QK-norm"), tr("RMS-normalise each head's query and key (own γ of d_k) before RoPE, as Qwen3"));
    addSpin("num_encoder_layers", tr("Encoder layers"), 0, 48, tr("Layers in the encoder stack"));
    addSpin("num_decoder_layers", tr("Decoder layers"), 0, 48, tr("Layers in the decoder stack"));
    addSpin("dim_feedforward", tr("Feed-forward size"), 1, 16384, tr("Hidden units of each layer's feed-forward network"));
    addCombo("activation", tr("Activation"), {"relu", "gelu", "gelu_tanh"}, {"ReLU", "GELU", tr("GELU (tanh, GPT-2)")},
             tr("The feed-forward non-linearity"));
    addCombo("ffn", tr("Feed-forward"), {"standard", "swiglu"}, {tr("activation(x·W₁ᵀ)·W₂ᵀ"), tr("SwiGLU, as Llama and Qwen")},
             tr("SwiGLU multiplies the up projection by the SiLU of a third, gate projection: "
                "(silu(x·W_gᵀ) ⊙ x·W₁ᵀ)·W₂ᵀ. The activation above is then not used"));
    addCombo("norm", tr("Norm"), {"layernorm", "rmsnorm"}, {tr("LayerNorm"), tr("RMSNorm, as Llama and Qwen")},
             tr("LayerNorm: (x − mean) / √(var + ε) · γ + β. RMSNorm: x / √(mean(x²) + ε) · γ, no centring and no β"));
    addCheck("norm_first", tr("Pre-norm (norm_first)"), tr("Layer norm before each sub-layer instead of after the residual sum"));
    addLine("layer_norm_eps", tr("Norm ε"), tr("Added to the variance (or mean square) before the square root, e.g. 1e-5"));
    addCombo("positional_encoding", tr("Positions"), {"sinusoidal", "binary", "learned", "rope", "alibi", "none"},
             {tr("sinusoidal"), tr("binary (sin, cos of p / 2^j)"), tr("learned"), tr("RoPE (rotary)"), tr("ALiBi (linear bias)"), tr("none")},
             tr("How the model knows where each token is"));
    addCombo("rope_style", tr("RoPE pairs"), {"interleaved", "half"}, {tr("interleaved (2i, 2i+1)"), tr("halves (i, i + d/2), as Llama")},
             tr("Which features RoPE turns together: neighbours, as RoFormer; or feature i with feature i + d_k/2, as "
                "Llama, Qwen and Mistral (rotate_half). The angles are the same."));
    addLine("pe_base", tr("Frequency base"),
            tr("Base of the sinusoidal and RoPE frequencies, sin(p / base^(2i/d)): 10000 in the paper. "
               "Base 2 is not the binary code; choose “binary” for sin(p / 2^j)"));
    addSpin("pe_concat", tr("Concatenate PE"), 0, 4096,
            tr("0 = add the positional encoding to the embedding; k = put a k-wide encoding after the first d_model − k "
               "features of the embedding instead (sinusoidal or binary, k even)"));
    addSpin("max_len", tr("Max tokens"), 1, 65536, tr("Longest input the model accepts"));
    addLine("seed", tr("Seed"), tr("Weights and token vectors are drawn from this seed"));
    addCheck("causal", tr("Causal encoder"), tr("Hide later tokens in encoder self-attention too"));
    addSpin("sliding_window", tr("Sliding window"), 0, 65536, tr("0 = off; w = each query sees only keys at distance < w"));
    addSpin("sliding_window_pattern", tr("Global every"), 0, 256,
            tr("Local and global layers, as Gemma alternates them: 0 = the window in every layer (Mistral); "
               "n = every n-th layer sees the whole sequence (Gemma 2: 2, Gemma 3: 6)"));
    addSpin("sink_tokens", tr("Sink tokens"), 0, 65536,
            tr("StreamingLLM's attention sinks: the first k tokens stay visible to every query of a windowed layer"));
    addSpin("block_size", tr("Block-sparse"), 0, 65536,
            tr("0 = off; b = each query sees only keys in its own block of b tokens (self-attention)"));
    addLine("pad_token", tr("Pad token"), tr("Tokens written like this are masked as keys"));
    addRow("size", QString(), new QWidget, QString());
    m_kvCache = new QLabel;
    m_kvCache->setWordWrap(true);
    m_kvCache->setObjectName("KvCacheSize");
    addRow("kv_cache", tr("KV cache"), m_kvCache,
           tr("What generation keeps per token: 2 (K and V) · decoder layers · tokens · K/V heads · d_k numbers of 4 bytes"));

    auto* weightsButton = new QPushButton(tr("Open weights…"));
    weightsButton->setToolTip(tr("Load a PyTorch nn.Transformer state_dict saved as .safetensors"));
    connect(weightsButton, &QPushButton::clicked, this, &ConfigPanel::openWeightsRequested);
    m_weightsPath->setWordWrap(true);
    auto* weightsRow = new QWidget;
    auto* weightsLayout = new QHBoxLayout(weightsRow);
    weightsLayout->setContentsMargins(0, 0, 0, 0);
    weightsLayout->addWidget(m_weightsPath, 1);
    weightsLayout->addWidget(weightsButton);
    addRow(kWeightsField, tr("Weights"), weightsRow, QString());
    layout->addStretch(1);

    connect(controller, &SessionController::sessionChanged, this, &ConfigPanel::syncFromSession);
    connect(controller, &SessionController::errorsChanged, this, &ConfigPanel::showErrors);
    syncFromSession();
    showErrors();
}

void ConfigPanel::addRow(const QString& field, const QString& label, QWidget* editor, const QString& tooltip) {
    auto* box = new QWidget;
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(1);
    v->addWidget(editor);
    QLabel* error = makeErrorLabel();
    v->addWidget(error);
    m_errors.insert(field, error);
    if (!tooltip.isEmpty()) editor->setToolTip(tooltip);
    m_form->addRow(label.isEmpty() ? QString() : label + ":", box);
}

QSpinBox* ConfigPanel::addSpin(const QString& field, const QString& label, int min, int max, const QString& tooltip) {
    auto* spin = new QSpinBox;
    spin->setRange(min, max);
    spin->setKeyboardTracking(false);  // commit when the value is complete, not digit by digit
    m_spins.insert(field, spin);
    addRow(field, label, spin, tooltip);
    connect(spin, &QSpinBox::valueChanged, this, [this, field] { commit(field); });
    return spin;
}

QComboBox* ConfigPanel::addCombo(const QString& field, const QString& label, const QStringList& ids,
                                 const QStringList& names, const QString& tooltip) {
    auto* combo = new QComboBox;
    for (int i = 0; i < ids.size(); ++i) combo->addItem(names[i], ids[i]);
    m_combos.insert(field, combo);
    addRow(field, label, combo, tooltip);
    connect(combo, &QComboBox::activated, this, [this, field] { commit(field); });
    return combo;
}

QLineEdit* ConfigPanel::addLine(const QString& field, const QString& label, const QString& tooltip) {
    auto* line = new QLineEdit;
    m_lines.insert(field, line);
    addRow(field, label, line, tooltip);
    connect(line, &QLineEdit::editingFinished, this, [this, field] { commit(field); });
    return line;
}

QCheckBox* ConfigPanel::addCheck(const QString& field, const QString& label, const QString& tooltip) {
    auto* check = new QCheckBox;
    m_checks.insert(field, check);
    addRow(field, label, check, tooltip);
    connect(check, &QCheckBox::toggled, this, [this, field] { commit(field); });
    return check;
}

void ConfigPanel::commit(const QString& field) {
    Config c = m_controller->session().config;
    c.d_model = m_spins["d_model"]->value();
    c.nhead = m_spins["nhead"]->value();
    c.num_kv_heads = m_spins["num_kv_heads"]->value();
    c.qk_norm = m_checks["qk_norm"]->isChecked();
    c.ffn = m_combos["ffn"]->currentData().toString() == "swiglu" ? FeedForwardKind::SwiGlu : FeedForwardKind::Standard;
    c.norm = m_combos["norm"]->currentData().toString() == "rmsnorm" ? NormKind::RmsNorm : NormKind::LayerNorm;
    c.num_encoder_layers = m_spins["num_encoder_layers"]->value();
    c.num_decoder_layers = m_spins["num_decoder_layers"]->value();
    c.dim_feedforward = m_spins["dim_feedforward"]->value();
    c.max_len = m_spins["max_len"]->value();
    c.sliding_window = m_spins["sliding_window"]->value();
    c.sliding_window_pattern = m_spins["sliding_window_pattern"]->value();
    c.sink_tokens = m_spins["sink_tokens"]->value();
    c.block_size = m_spins["block_size"]->value();
    c.pe_concat = m_spins["pe_concat"]->value();
    const QString arch = m_combos["architecture"]->currentData().toString();
    c.architecture = arch == "decoder-only" ? Architecture::DecoderOnly
                     : arch == "encoder-decoder" ? Architecture::EncoderDecoder
                                                 : Architecture::EncoderOnly;
    const QString activation = m_combos["activation"]->currentData().toString();
    c.activation = activation == "gelu" ? Activation::Gelu : activation == "gelu_tanh" ? Activation::GeluTanh : Activation::Relu;
    const QString pe = m_combos["positional_encoding"]->currentData().toString();
    c.positional_encoding = pe == "learned" ? PositionalEncoding::Learned
                            : pe == "rope"  ? PositionalEncoding::Rope
                            : pe == "alibi" ? PositionalEncoding::Alibi
                            : pe == "none"  ? PositionalEncoding::None
                            : pe == "binary" ? PositionalEncoding::Binary
                                            : PositionalEncoding::Sinusoidal;
    c.rope_style = m_combos["rope_style"]->currentData().toString() == "half" ? RopeStyle::Half : RopeStyle::Interleaved;
    c.norm_first = m_checks["norm_first"]->isChecked();
    c.causal = m_checks["causal"]->isChecked();
    c.pad_token = m_lines["pad_token"]->text().toStdString();

    // Numbers typed as text: a typo is shown under its field and nothing changes.
    m_parseErrors.clear();
    bool ok = false;
    const double eps = m_lines["layer_norm_eps"]->text().trimmed().toDouble(&ok);
    if (ok) c.layer_norm_eps = eps;
    else m_parseErrors.insert("layer_norm_eps", tr("type a number such as 1e-5"));
    const double base = m_lines["pe_base"]->text().trimmed().toDouble(&ok);
    if (ok) c.pe_base = base;
    else m_parseErrors.insert("pe_base", tr("type a number such as 10000"));
    const qulonglong seed = m_lines["seed"]->text().trimmed().toULongLong(&ok);
    if (ok) c.seed = seed;
    else m_parseErrors.insert("seed", tr("type a whole number of at least 0"));
    if (!m_parseErrors.isEmpty()) {
        showErrors();
        return;
    }
    m_controller->setConfig(c, tr("Change %1").arg(field));
}

// The box names the example whose model is on screen (its text may have been edited since), so the
// first screen says what the model is; any other model shows the prompt to choose one.
void ConfigPanel::showCurrentExample() {
    const Session& s = m_controller->session();
    int index = 0;
    for (size_t i = 0; i < m_presetSessions.size() && index == 0; ++i) {
        const Session& p = m_presetSessions[i];
        if (s.model_folder.empty() && p.config == s.config && p.weights_path == s.weights_path && s.weight_edits.empty())
            index = static_cast<int>(i) + 1;
    }
    const QSignalBlocker quiet(m_preset);
    m_preset->setCurrentIndex(index);
}

void ConfigPanel::syncFromSession() {
    showCurrentExample();
    const Session& s = m_controller->session();
    const Config& c = s.config;
    auto setSpin = [this](const char* f, int v) {
        QSignalBlocker block(m_spins[f]);
        m_spins[f]->setValue(v);
    };
    setSpin("d_model", c.d_model);
    setSpin("nhead", c.nhead);
    setSpin("num_kv_heads", c.num_kv_heads);
    setSpin("num_encoder_layers", c.num_encoder_layers);
    setSpin("num_decoder_layers", c.num_decoder_layers);
    setSpin("dim_feedforward", c.dim_feedforward);
    setSpin("max_len", c.max_len);
    setSpin("sliding_window", c.sliding_window);
    setSpin("sliding_window_pattern", c.sliding_window_pattern);
    setSpin("sink_tokens", c.sink_tokens);
    setSpin("block_size", c.block_size);
    setSpin("pe_concat", c.pe_concat);
    auto setCombo = [this](const char* f, const char* id) {
        QSignalBlocker block(m_combos[f]);
        m_combos[f]->setCurrentIndex(m_combos[f]->findData(QString(id)));
    };
    setCombo("architecture", to_string(c.architecture));
    setCombo("activation", to_string(c.activation));
    setCombo("positional_encoding", to_string(c.positional_encoding));
    setCombo("rope_style", to_string(c.rope_style));
    setCombo("norm", to_string(c.norm));
    setCombo("ffn", c.ffn == FeedForwardKind::SwiGlu ? "swiglu" : "standard");
    auto setCheck = [this](const char* f, bool v) {
        QSignalBlocker block(m_checks[f]);
        m_checks[f]->setChecked(v);
    };
    setCheck("norm_first", c.norm_first);
    setCheck("causal", c.causal);
    setCheck("qk_norm", c.qk_norm);
    auto setLine = [this](const char* f, const QString& v) {
        QSignalBlocker block(m_lines[f]);
        if (m_lines[f]->text() != v) m_lines[f]->setText(v);
    };
    setLine("layer_norm_eps", QString::number(c.layer_norm_eps, 'g', 6));
    setLine("pe_base", QString::number(c.pe_base, 'g', 10));
    setLine("seed", QString::number(c.seed));
    setLine("pad_token", QString::fromStdString(c.pad_token));
    const bool encoder = c.architecture != Architecture::DecoderOnly;
    const bool decoder = c.architecture != Architecture::EncoderOnly;
    m_spins["num_encoder_layers"]->setEnabled(encoder);
    m_spins["num_decoder_layers"]->setEnabled(decoder);
    m_checks["causal"]->setEnabled(encoder);
    m_spins["sliding_window_pattern"]->setEnabled(c.sliding_window > 0);  // both shape the window only
    m_spins["sink_tokens"]->setEnabled(c.sliding_window > 0);
    m_combos["rope_style"]->setEnabled(c.positional_encoding == PositionalEncoding::Rope);
    m_combos["activation"]->setEnabled(c.ffn == FeedForwardKind::Standard);
    showKvCache(c);
    m_lines["pe_base"]->setEnabled(c.positional_encoding == PositionalEncoding::Sinusoidal ||
                                   c.positional_encoding == PositionalEncoding::Rope);
    m_spins["pe_concat"]->setEnabled(c.pe_concat > 0 || c.positional_encoding == PositionalEncoding::Sinusoidal ||
                                     c.positional_encoding == PositionalEncoding::Binary);
    m_weightsPath->setText(s.weights_path.empty()
                               ? tr("from the seed (Xavier, as PyTorch initialises)")
                               : QFileInfo(QString::fromStdString(s.weights_path)).fileName());
    m_weightsPath->setToolTip(QString::fromStdString(s.weights_path));
    showCard();
    m_parseErrors.clear();
    showErrors();
}

void ConfigPanel::showKvCache(const Config& c) {
    if (!c.has_decoder() || c.nhead < 1 || c.d_model % c.nhead != 0) {
        m_kvCache->setText(tr("only a decoder keeps one"));
        return;
    }
    const QLocale locale;
    Config multi_head = c;
    multi_head.num_kv_heads = 0;
    const QString size = locale.formattedDataSize(kv_cache_bytes(c, c.max_len));
    m_kvCache->setText(c.kv_heads() == c.nhead
                           ? tr("%1 at %2 tokens").arg(size).arg(c.max_len)
                           : tr("%1 at %2 tokens (multi-head: %3, %4× more)")
                                 .arg(size)
                                 .arg(c.max_len)
                                 .arg(locale.formattedDataSize(kv_cache_bytes(multi_head, c.max_len)))
                                 .arg(c.nhead / c.kv_heads()));
}

void ConfigPanel::showCard() {
    const auto model = m_controller->importedModel();
    findChild<QWidget*>("ConfigForm")->setEnabled(!model);
    m_preset->setToolTip(model ? tr("Load a built-in example instead of this model (undoable)")
                               : tr("Load a built-in example: its model and its sentence (undoable)"));
    if (!model) {
        m_card->hide();
        return;
    }
    const ModelCard& card = *model->card;
    const Config& c = model->config;
    const QLocale locale;
    const int layers = c.has_encoder() ? c.num_encoder_layers : c.num_decoder_layers;
    m_card->setText(tr("<b>%1</b> · %2<br>%3 layers × %4 heads, d_model %5, feed-forward %6<br>"
                       "%7 parameters · vocab %8 · %9 positions<br>%10 on disk (%11)<br>"
                       "<i>The settings below come from its config.json and cannot be changed here.</i>")
                        .arg(QString::fromStdString(card.kind), QFileInfo(QString::fromStdString(card.folder)).fileName().toHtmlEscaped())
                        .arg(layers)
                        .arg(c.nhead)
                        .arg(c.d_model)
                        .arg(c.dim_feedforward)
                        .arg(locale.toString(static_cast<qlonglong>(card.parameters)))
                        .arg(locale.toString(c.vocab_size))
                        .arg(c.max_len)
                        .arg(locale.formattedDataSize(card.file_bytes), QString::fromStdString(card.dtype)) +
                    (card.bf16_bytes > 0 ? QStringLiteral("<br>") + tr("%1 of matrices kept in BF16 in memory, widened exactly where used")
                                                                        .arg(locale.formattedDataSize(card.bf16_bytes))
                                         : QString()) +
                    (c.kv_heads() < c.nhead ? QStringLiteral("<br>") + tr("grouped-query attention: %1 query heads share %2 K/V heads")
                                                                          .arg(c.nhead)
                                                                          .arg(c.kv_heads())
                                            : QString()));
    m_card->setToolTip(QString::fromStdString(card.folder));
    m_card->show();
}

void ConfigPanel::showErrors() {
    const auto& errors = m_controller->errors();
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it)
        showFieldError(it.value(), m_parseErrors.value(it.key(), errors.value(it.key())));
}

}  // namespace attn::ui
