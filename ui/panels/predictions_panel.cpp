#include "panels/predictions_panel.h"
#include "controller/qt_text.h"

#include "controller/session_controller.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "model/text_tokenizer.h"
#include "panels/input_panel.h"
#include "model/family.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <mutex>
#include <QtConcurrent/QtConcurrentRun>

namespace attn::ui {

namespace {
constexpr int kShown = 10;

// The app's own models read at most max_len tokens: after ids are added, the input keeps the last
// max_len (the whole text is shown in the panel).
QString windowText(const Model& model, const std::vector<int32_t>& ids) {
    const size_t keep = std::min(ids.size(), static_cast<size_t>(model.config.max_len));
    return q(decode_ids(model, std::vector<int32_t>(ids.end() - static_cast<std::ptrdiff_t>(keep), ids.end())));
}
}  // namespace

// One generation on a worker: the ids so far (read by the GUI to show the text as it grows), a stop flag.
struct PredictionsPanel::Running {
    std::atomic<bool> stop{false};
    std::atomic<int> done{0};
    std::mutex mutex;
    std::vector<int32_t> added;  // under mutex
    QFutureWatcher<std::vector<int32_t>> watcher;
};

PredictionsPanel::PredictionsPanel(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_heading(new QLabel), m_masks(new QComboBox), m_table(new QTableWidget(0, 4)),
      m_note(new QLabel), m_generation(new QWidget), m_count(new QSpinBox), m_temperature(new QDoubleSpinBox), m_topK(new QSpinBox),
      m_seed(new QSpinBox), m_generate(new QPushButton(tr("Generate"))), m_progress(new QProgressBar), m_generated(new QLabel) {
    m_generated->setWordWrap(true);
    m_generated->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_generated->setObjectName(QStringLiteral("GeneratedText"));
    m_generated->hide();
    m_heading->setWordWrap(true);
    m_note->setWordWrap(true);
    m_masks->setToolTip(tr("The [MASK] whose candidates are listed"));
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Token"), tr("Probability"), tr("Every head on")});
    m_table->horizontalHeaderItem(3)->setToolTip(tr("With heads knocked out (Heads view, right click): the probability the model gives "
                                                    "this token with every head working"));
    m_table->setColumnHidden(3, true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_table->setToolTip(tr("Click a token to use it: GPT-2 appends it to the text, BERT puts it in place of the [MASK]. "
                           "Arrow keys move through the list and the Explain panel shows how each probability comes from its logit; "
                           "Enter uses the token."));
    m_table->setMinimumHeight(200);

    m_count->setRange(1, 500);
    m_count->setValue(10);
    m_count->setToolTip(tr("How many tokens to add, one at a time"));
    m_temperature->setRange(0, 5);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setToolTip(tr("0: always the most probable token (greedy). Above 0: sample from softmax(logits / T); higher is more surprising"));
    m_topK->setRange(0, 100000);
    m_topK->setSpecialValueText(tr("all"));
    m_topK->setToolTip(tr("With a temperature: sample among the k most probable tokens only (all: every token)"));
    m_seed->setRange(0, 1 << 30);
    m_seed->setToolTip(tr("With a temperature: the same seed gives the same text"));
    m_generate->setToolTip(tr("Add tokens one at a time: each computes only its own row against the KV cache of the tokens before "
                              "it (the k_cache and v_cache stages)"));
    m_progress->hide();
    auto* form = new QFormLayout(m_generation);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Tokens:"), m_count);
    form->addRow(tr("Temperature:"), m_temperature);
    form->addRow(tr("Top-k:"), m_topK);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(m_generate);
    form->addRow(m_progress);
    form->addRow(m_generated);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_masks);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_note);
    layout->addWidget(m_generation);

    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) { useCandidate(row); });
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) { useCandidate(row); });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int, int, int) { explainRow(row); });
    connect(m_masks, &QComboBox::activated, this, [this] { refresh(); });
    connect(m_generate, &QPushButton::clicked, this, [this] { m_running ? stopGeneration() : startGeneration(); });
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    refresh();
}

PredictionsPanel::~PredictionsPanel() {
    if (m_running) {
        m_running->stop = true;
        m_running->watcher.waitForFinished();
    }
}

void PredictionsPanel::refresh() {
    const auto model = m_controller->model();
    const auto trace = m_controller->trace();
    m_table->setRowCount(0);
    m_ids.clear();
    m_positions.clear();
    const bool imported = model && model->tokenizer;
    // The app's own trained decoders predict the next token too (the Shakespeare and Tang-poem models, the
    // induction task); its encoders answer every position at once, which the stage views show.
    const bool predicts = model && (imported || (model->config.architecture == Architecture::DecoderOnly &&
                                                 model->bind().token_embedding.has_value()));
    const std::string problem = model ? prediction_problem(*model) : std::string();
    const Stage* logits = trace ? trace->find("output.logits") : nullptr;
    m_generation->setVisible(predicts && generation_problem(*model).empty());
    m_masks->hide();
    if (!predicts || !problem.empty() || !logits) {
        m_heading->setText(!predicts ? tr("Open a GPT-2 or BERT model (File › Open model…) or a trained example to see what it predicts.")
                                     : q(problem));
        m_note->clear();
        return;
    }
    const bool bert = describe(model->config.family).prediction == PredictionKind::MaskedWords;
    if (bert) {
        const int mask = model->tokenizer->mask_id();
        for (size_t i = 0; i < trace->src_token_ids.size(); ++i)
            if (trace->src_token_ids[i] == mask) m_positions.push_back(static_cast<int>(i));
        if (m_positions.empty()) {
            m_heading->setText(tr("Type [MASK] where BERT should guess a word, e.g. “the cat [MASK] on the mat”."));
            m_note->clear();
            return;
        }
        const int chosen = std::clamp(m_masks->currentIndex(), 0, static_cast<int>(m_positions.size()) - 1);
        m_masks->clear();
        for (size_t k = 0; k < m_positions.size(); ++k) m_masks->addItem(tr("[MASK] at position %1").arg(m_positions[k]));
        m_masks->setCurrentIndex(chosen);
        m_masks->setVisible(m_positions.size() > 1);
        m_positions = {m_positions[static_cast<size_t>(chosen)]};
    } else {
        m_positions = {static_cast<int>(trace->src_tokens.size()) - 1};
    }
    const int row = m_positions.front();
    const Tensor logitsRow = logits->slice(row);  // a big trace derives this row alone, not its 206 MB
    const auto candidates = top_candidates(ConstRowVecMap(logitsRow.data.data(), logitsRow.numel()), kShown);
    const bool chars = model->config.tokenizer == TextSplit::Chars;
    m_heading->setText(bert    ? tr("BERT's guesses for the [MASK] at position %1:").arg(row)
                       : chars ? tr("The next character after “%1”:").arg(q(trace->src_tokens.back()))
                               : tr("The next token after “%1”:").arg(q(trace->src_tokens.back())));
    m_table->setRowCount(static_cast<int>(candidates.size()));
    // Heads knocked out: each probability beside the one the model gives with every head working.
    const auto untouched = trace->unablated_logits.find(row);
    const bool ablated = untouched != trace->unablated_logits.end();
    m_table->setColumnHidden(3, !ablated);
    if (ablated) {
        QStringList heads;
        for (const std::string& h : m_controller->session().knocked_out) heads << q(h);
        m_heading->setText(m_heading->text() + QLatin1Char(' ') + tr("(heads %1 knocked out)").arg(heads.join(QStringLiteral(", "))));
    }
    for (size_t r = 0; r < candidates.size(); ++r) {
        const Candidate& c = candidates[r];
        m_ids.push_back(c.id);
        const auto i = static_cast<int>(r);
        m_table->setItem(i, 0, new QTableWidgetItem(QString::number(r + 1)));
        auto* token = new QTableWidgetItem(q(trace->vocab.size() > static_cast<size_t>(c.id) ? trace->vocab[static_cast<size_t>(c.id)]
                                                                                             : model->config.vocab.at(static_cast<size_t>(c.id))));
        token->setToolTip(tr("id %1, logit %2").arg(c.id).arg(c.logit, 0, 'f', 3));
        m_table->setItem(i, 1, token);
        auto* p = new QTableWidgetItem(QStringLiteral("%1 %").arg(100.0 * c.probability, 0, 'f', c.probability < 0.001 ? 4 : 2));
        p->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 2, p);
        if (ablated) {
            const double was = token_probability(ConstRowVecMap(untouched->second.data(), static_cast<Eigen::Index>(untouched->second.size())), c.id);
            auto* before = new QTableWidgetItem(QStringLiteral("%1 %").arg(100.0 * was, 0, 'f', was < 0.001 ? 4 : 2));
            p->setText(p->text() + (c.probability >= was ? QStringLiteral(" ▲") : QStringLiteral(" ▼")));  // moved up or down
            before->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            before->setToolTip(tr("%1 % with every head working; %2 % with the knocked-out heads removed")
                                   .arg(100.0 * was, 0, 'f', 2)
                                   .arg(100.0 * c.probability, 0, 'f', 2));
            m_table->setItem(i, 3, before);
        }
    }
    m_note->setText(tr("Probabilities are the softmax of the logits over all %1 tokens of the vocabulary.").arg(model->config.output_vocab()));
}

void PredictionsPanel::explainRow(int rank) {
    if (rank < 0 || rank >= static_cast<int>(m_ids.size()) || m_positions.empty()) return;
    m_controller->selectStage(QStringLiteral("output.probs"));
    m_controller->selectCell(m_positions.front(), m_ids[static_cast<size_t>(rank)]);
}

void PredictionsPanel::useCandidate(int rank) {
    const auto model = m_controller->model();
    if (!model || rank < 0 || rank >= static_cast<int>(m_ids.size()) || m_running) return;
    const int32_t id = m_ids[static_cast<size_t>(rank)];
    QString text = q(m_controller->session().src_text);
    if (!model->tokenizer) {  // the app's own model: its token appended, the text kept to what the model reads
        try {
            std::vector<int32_t> ids = encode_text(*model, text.toStdString());
            ids.push_back(id);
            m_controller->setSourceTokens({}, windowText(*model, ids), tr("Use a prediction"));  // its own undo step, split again from the text
        } catch (const Error& e) {
            m_heading->setText(q(e.what()));
        }
        return;
    }
    if (describe(model->config.family).prediction == PredictionKind::NextToken) {
        std::vector<int32_t> ids = m_controller->trace()->src_token_ids;  // the token itself, not its text split again
        ids.push_back(id);
        m_controller->setSourceTokens(std::move(ids), text + q(model->tokenizer->decode({id})), tr("Use a prediction"));
        return;
    }
    // BERT: the chosen [MASK] (k-th in the text) becomes the word, without its "##".
    int nth = std::max(0, m_masks->currentIndex()), from = 0, at = -1;
    for (int k = 0; k <= nth; ++k) {
        at = text.indexOf(QStringLiteral("[MASK]"), from);
        if (at < 0) return;
        from = at + 6;
    }
    QString word = q(model->tokenizer->token(id));
    if (word.startsWith(QStringLiteral("##"))) word = word.mid(2);
    m_controller->setSourceText(text.replace(at, 6, word));
}

void PredictionsPanel::startGeneration() {
    const auto model = m_controller->model();
    const auto trace = m_controller->trace();
    if (!model || !trace) return;
    std::vector<int32_t> prompt = trace->src_token_ids;
    if (!model->tokenizer) {
        try {
            prompt = encode_text(*model, m_controller->session().src_text);
        } catch (const Error& e) {
            m_heading->setText(q(e.what()));
            return;
        }
    }
    if (prompt.empty()) return;
    auto running = std::make_shared<Running>();
    m_running = running;
    const Sampling sampling{m_temperature->value(), m_topK->value(), static_cast<uint64_t>(m_seed->value())};
    const int count = m_count->value();
    const QString before = q(m_controller->session().src_text);
    m_generate->setText(tr("Stop"));
    m_progress->setRange(0, count);
    m_progress->setValue(0);
    m_progress->show();
    auto* poll = new QTimer(this);
    m_generated->clear();
    m_generated->show();
    connect(poll, &QTimer::timeout, this, [this, running, model, prompt] {
        m_progress->setValue(running->done.load());
        std::vector<int32_t> added;
        {
            const std::lock_guard lock(running->mutex);
            added = running->added;
        }
        if (!added.empty()) showGenerated(*model, prompt, added);  // the text as it is generated
    });
    poll->start(50);
    connect(&running->watcher, &QFutureWatcher<std::vector<int32_t>>::finished, this, [this, running, poll, model, before, prompt] {
        poll->deleteLater();
        const std::vector<int32_t> added = running->watcher.result();
        m_running.reset();
        m_generate->setText(tr("Generate"));
        m_progress->hide();
        // Everything generated, even when stopped early, is kept as the ids generated (the text shown
        // is their decoding): one undo step.
        if (added.empty()) return;
        showGenerated(*model, prompt, added);
        std::vector<int32_t> ids = prompt;
        ids.insert(ids.end(), added.begin(), added.end());
        if (model->tokenizer) m_controller->setSourceTokens(std::move(ids), before + q(model->tokenizer->decode(added)), tr("Generate"));
        else m_controller->setSourceTokens({}, windowText(*model, ids), tr("Generate"));  // the app's own models read the text
    });
    running->watcher.setFuture(QtConcurrent::run([model, prompt, sampling, count, running]() {
        std::vector<int32_t> added;
        try {
            KvCacheGenerator gen(*model, prompt);
            const std::vector<int32_t> ends = end_of_text_ids(*model);
            const bool slides = !model->tokenizer;  // the app's own models go on from their last max_len − 1 tokens
            for (int i = 0; i < count && !running->stop; ++i) {
                const int32_t id = gen.choose(sampling);
                if (std::find(ends.begin(), ends.end(), id) != ends.end()) break;
                added.push_back(id);
                {
                    const std::lock_guard lock(running->mutex);
                    running->added = added;
                }
                running->done = i + 1;
                if (i + 1 == count) break;
                if (gen.ids().size() == static_cast<size_t>(model->config.max_len)) {
                    if (!slides) break;
                    gen.slide(static_cast<size_t>(model->config.max_len) - 1);
                }
                gen.append(id);  // only this token's rows, against the cache
            }
        } catch (const Error&) {  // the model's positions are used up: keep what was made
        }
        return added;
    }));
}

void PredictionsPanel::showGenerated(const Model& model, const std::vector<int32_t>& prompt, const std::vector<int32_t>& added) {
    const QString before = q(decode_ids(model, prompt)), after = q(decode_ids(model, added));
    const QString gap = model.config.tokenizer == TextSplit::Words && !model.tokenizer ? QStringLiteral(" ") : QString();
    m_generatedPlain = before + gap + after;
    auto html = [](const QString& text) { return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")); };
    m_generated->setText(tr("Generated: %1").arg(html(before) + gap + QStringLiteral("<b>") + html(after) + QStringLiteral("</b>")));
}

QString PredictionsPanel::generatedText() const { return m_generatedPlain; }

void PredictionsPanel::stopGeneration() {
    if (m_running) m_running->stop = true;
}

}  // namespace attn::ui
