#include "controller/session_controller.h"
#include "controller/qt_text.h"

#include "base/memory.h"

#include "engine/cost.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "model/text_tokenizer.h"
#include "learn/backward.h"
#include "learn/tasks.h"
#include "io/safetensors.h"
#include "model/family.h"

#include <QTimer>
#include <QCoreApplication>
#include <QFutureWatcher>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>
#include <QThreadPool>

#include <cmath>

namespace attn::ui {

// One undoable change: the whole session before and after (small: texts,
// config and the edited tensors only). Typing in one field merges into one step.
class SessionCommand : public QUndoCommand {
public:
    SessionCommand(SessionController* controller, Session before, Session after, const QString& text, int mergeId)
        : QUndoCommand(text), m_controller(controller), m_before(std::move(before)), m_after(std::move(after)),
          m_mergeId(mergeId) {}
    void undo() override { m_controller->setSessionNoUndo(m_before); }
    void redo() override { m_controller->setSessionNoUndo(m_after); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override {
        m_after = static_cast<const SessionCommand*>(other)->m_after;
        return true;
    }

private:
    SessionController* m_controller;
    Session m_before, m_after;
    int m_mergeId;
};

namespace {

enum MergeIds { kMergeSourceText = 1, kMergeTargetText = 2 };


}  // namespace

struct SessionController::Pending {
    // Its own thread: a recompute never waits behind the views' jobs in the global pool (a big
    // model's induction probe, thumbnails), which once kept typing 25 s behind in GPT-2.
    QThreadPool pool;
    QFutureWatcher<SessionRun> watcher;
    quint64 generation = 0;   // of the running job
    quint64 installed = 0;    // of the trace on screen
    bool queued = false;      // another edit came while the job ran: it is cancelled, the edit runs next
    std::shared_ptr<std::atomic<bool>> cancel;  // the running job's
    // The model the running job computes: a job that ended before a newer edit of the same model
    // could cancel it is still shown; of another model, never.
    std::string folder;
    Config config;
    Session session;  // the whole session it runs
};

SessionController::SessionController(QObject* parent)
    : QObject(parent), m_undo(new QUndoStack(this)), m_pending(std::make_unique<Pending>()) {
    m_pending->pool.setMaxThreadCount(1);  // one recompute at a time; the next waits queued
    connect(&m_pending->watcher, &QFutureWatcher<SessionRun>::finished, this, [this] {
        const bool current = m_pending->generation == m_generation;
        const bool newerOfThisModel = m_pending->generation > m_pending->installed && m_pending->folder == m_session.model_folder &&
                                      m_pending->config == m_session.config;
        const SessionRun& result = m_pending->watcher.result();
        m_cancelledRuns += result.cancelled;
        if (!result.cancelled && (current || newerOfThisModel)) {
            m_pending->installed = m_pending->generation;
            apply(result, m_pending->session);
        }
        if (m_pending->queued) {
            m_pending->queued = false;
            recompute();
        }
        if (!m_pending->watcher.isRunning()) setBusy(false);
    });
    recompute();
}

SessionController::~SessionController() { waitForIdle(); }

void SessionController::waitForIdle() {
    // Busy ends only in the finished() handler, which arrives as an event some time after
    // the job itself ends: keep delivering events until it has run (and any queued job too).
    while (m_busy || m_pending->watcher.isRunning() || m_pending->queued) {
        m_pending->watcher.waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

void SessionController::setSessionNoUndo(const Session& session) {
    m_session = session;
    m_textTyped = false;
    emit sessionChanged();
    recompute();
}

void SessionController::pushChange(const Session& after, const QString& what, int mergeId) {
    if (after == m_session) return;
    m_undo->push(new SessionCommand(this, m_session, after, what, mergeId));
    m_textTyped = mergeId == kMergeSourceText;
}

void SessionController::applySession(const Session& session, const QString& what) { pushChange(session, what); }

void SessionController::setSourceText(const QString& text) {
    if (text.toStdString() == m_session.src_text) return;
    Session s = m_session;
    s.src_text = text.toStdString();
    s.src_token_ids.clear();  // typed text: the tokenizer splits it
    pushChange(s, tr("Edit text"), kMergeSourceText);
}

void SessionController::setSourceTokens(std::vector<int32_t> ids, const QString& text, const QString& what) {
    Session s = m_session;
    s.src_text = text.toStdString();
    s.src_token_ids = std::move(ids);
    pushChange(s, what);
}

void SessionController::setTargetText(const QString& text) {
    Session s = m_session;
    s.tgt_text = text.toStdString();
    pushChange(s, tr("Edit target text"), kMergeTargetText);
}

void SessionController::setConfig(const Config& config, const QString& what) {
    Session s = m_session;
    s.config = config;
    // Heads the new shape no longer has are restored in the same step, not left as a problem.
    std::erase_if(s.knocked_out, [&](const std::string& head) {
        try {
            parse_head_list(config, head, HeadChange::Zero);
            return false;
        } catch (const Error&) {
            return true;
        }
    });
    pushChange(s, what);
}

namespace {
std::string headName(int layer, int head) { return std::to_string(layer) + "." + std::to_string(head); }
}  // namespace

bool SessionController::isKnockedOut(int layer, int head) const {
    const auto& out = m_session.knocked_out;
    return std::find(out.begin(), out.end(), headName(layer, head)) != out.end();
}

void SessionController::setKnockedOut(int layer, int head, bool out) {
    if (out == isKnockedOut(layer, head)) return;
    Session s = m_session;
    if (out) s.knocked_out.push_back(headName(layer, head));
    else std::erase(s.knocked_out, headName(layer, head));
    pushChange(s, out ? tr("Knock out head %1.%2").arg(layer).arg(head) : tr("Restore head %1.%2").arg(layer).arg(head));
}

void SessionController::setKnockOutMean(bool mean) {
    if (mean == m_session.knock_out_mean) return;
    Session s = m_session;
    s.knock_out_mean = mean;
    pushChange(s, mean ? tr("Knocked-out heads pass on their mean") : tr("Knocked-out heads pass on zeros"));
}

void SessionController::restoreAllHeads() {
    if (m_session.knocked_out.empty()) return;
    Session s = m_session;
    s.knocked_out.clear();
    pushChange(s, tr("Restore every head"));
}

const Tensor* SessionController::weightTensor(const QString& name) const {
    if (!m_model) return nullptr;
    const std::string key = name.toStdString();
    if (auto it = m_model->weights.find(key); it != m_model->weights.end()) return &it->second;
    if (!m_model->compact) return nullptr;
    auto half = m_model->compact->find(key);
    if (half == m_model->compact->end()) return nullptr;
    // A BF16 matrix kept as stored: widened for the table, once per model and name.
    if (m_widened.model != m_model.get() || m_widened.name != key) {
        m_widened.tensor = widened(half->second);
        m_widened.model = m_model.get(), m_widened.name = key;
    }
    return &m_widened.tensor;
}

std::optional<std::vector<int64_t>> SessionController::weightShape(const QString& name) const {
    if (!m_model) return std::nullopt;
    return weight_shape(*m_model, name.toStdString());
}

void SessionController::setWeightValue(const QString& tensor, int index, float value) {
    if (!m_session.model_folder.empty()) return;  // an imported model is shown as it is; its weights are not edited
    const Tensor* current = weightTensor(tensor);
    if (!current || index < 0 || index >= current->numel() || !std::isfinite(value)) return;
    Session s = m_session;
    auto [it, inserted] = s.weight_edits.try_emplace(tensor.toStdString(), *current);
    it->second.data[static_cast<size_t>(index)] = value;
    pushChange(s, tr("Edit %1").arg(tensor));
}

void SessionController::setEmbeddingValue(const QString& token, int feature, float value) {
    if (!m_trace || !std::isfinite(value) || feature < 0 || feature >= m_session.config.d_model || !m_session.model_folder.empty()) return;
    // Start from the vector the token has now, wherever it appears.
    std::vector<float> vector;
    for (const char* stack : {"src", "tgt"}) {
        const Stage* stage = m_trace->find(std::string(stack) + ".embeddings");
        const auto& tokens = std::string(stack) == "src" ? m_trace->src_tokens : m_trace->tgt_tokens;
        for (size_t i = 0; stage && vector.empty() && i < tokens.size(); ++i)
            if (q(tokens[i]) == token) {
                const auto row = stage->tensor()->matrix().row(static_cast<Eigen::Index>(i));
                vector.assign(row.data(), row.data() + row.size());
            }
    }
    if (static_cast<int>(vector.size()) != m_session.config.d_model) return;
    Session s = m_session;
    vector[static_cast<size_t>(feature)] = value;
    s.embedding_edits[token.toStdString()] = vector;
    pushChange(s, tr("Edit the embedding of “%1”").arg(token));
}

bool SessionController::loadWeightsFile(const QString& path, QString* error) {
    Session s = m_session;
    s.weights_path = path.toStdString();
    s.weight_edits.clear();
    try {
        make_model(s.config, base_weights(s));  // refuse a file that does not fit before touching the session
    } catch (const Error& e) {
        if (error) *error = q(e.what());
        return false;
    }
    pushChange(s, tr("Open weights %1").arg(path));
    return true;
}

void SessionController::adoptModel(const Model& model, const QString& task, const QString& text, const QString& target,
                                   const QString& stage, const QString& what) {
    Session s = m_session;
    s.config = model.config;
    s.weights_path.clear();
    s.weight_edits = model.weights;
    s.embedding_edits.clear();
    s.src_text = text.toStdString();
    s.src_token_ids.clear();
    s.tgt_text = target.toStdString();
    s.view = {stage.toStdString(), 0};
    s.task = task.toStdString();
    m_stage = stage;
    pushChange(s, what);
}

std::shared_ptr<const Model> SessionController::importedFor(const Session& s) const {
    if (s.model_folder.empty()) return nullptr;
    for (const auto& m : m_imported)
        if (m->card && m->card->folder == s.model_folder) return m;
    return nullptr;
}

bool SessionController::hasImportedModel(const QString& folder) const {
    Session s;
    s.model_folder = folder.toStdString();
    return importedFor(s) != nullptr;
}

// A text that reads well for the kind of model: GPT-2 continues it, BERT fills the [MASK]
// (in Chinese when the vocab has no English words, as bert-base-chinese's has few).
static std::string exampleTextFor(const Model& model) {
    const FamilyDescriptor& family = describe(model.config.family);
    return model.tokenizer->id_of("the") >= 0 ? family.example_text : family.example_text_chinese;
}

void SessionController::adoptImportedModel(std::shared_ptr<const Model> model, const QString& what, bool asNewSession,
                                           const QString& keepText) {
    if (!model || !model->card) return;
    std::erase_if(m_imported, [&](const auto& m) { return m->card->folder == model->card->folder; });
    m_imported.push_back(model);
    constexpr size_t kKeep = 3;  // a GPT-2 is 0.5 GB: the current model and two to undo back to
    while (m_imported.size() > kKeep) m_imported.erase(m_imported.begin());
    if (!asNewSession) return;
    Session s;
    s.config = model->config;
    s.model_folder = model->card->folder;
    s.src_text = keepText.isEmpty() ? exampleTextFor(*model) : keepText.toStdString();
    m_stage.clear();  // the first attention weights of the new model
    pushChange(s, what);
}

void SessionController::setChat(bool on) {
    if (on == m_session.chat) return;
    Session s = m_session;
    s.chat = on;
    s.src_token_ids.clear();  // generated ids were of the other format
    pushChange(s, on ? tr("Use the chat template") : tr("Use the plain text"));
}

void SessionController::truncateSourceText() {
    const auto model = importedFor(m_session);
    if (!model) return;
    const std::vector<int32_t> ids = encode_text(*model, m_session.src_text, /*truncate=*/true);
    std::vector<int32_t> words = ids;  // BERT's [CLS] and [SEP] come back with the tokenizer
    if (describe(model->config.family).special_tokens_wrap_text && words.size() >= 2) words = {words.begin() + 1, words.end() - 1};
    setSourceText(q(model->tokenizer->decode(words)));
}

void SessionController::startWith(const Session& session) {
    Session s = session;
    if (const auto model = importedFor(s)) s.config = model->config;  // the folder's config, not the file's copy
    m_undo->clear();
    m_stage = q(s.view.stage);
    m_head = s.view.head;
    setSessionNoUndo(s);
    m_undo->setClean();
}

bool SessionController::openSession(const QString& path, QString* error) {
    try {
        startWith(load_session(path.toStdString()));
        return true;
    } catch (const Error& e) {
        if (error) *error = q(e.what());
        return false;
    }
}

bool SessionController::saveSession(const QString& path, QString* error) {
    Session s = m_session;
    s.view = {m_stage.toStdString(), m_head};
    try {
        save_session(path.toStdString(), s);
        markSaved();
        return true;
    } catch (const Error& e) {
        if (error) *error = q(e.what());
        return false;
    }
}

bool SessionController::isModified() const { return !m_undo->isClean(); }
void SessionController::markSaved() { m_undo->setClean(); }
void SessionController::markModified() { m_undo->resetClean(); }

bool SessionController::writeCopy(const QString& path, QString* error) const {
    Session s = m_session;
    s.view = {m_stage.toStdString(), m_head};
    try {
        save_session(path.toStdString(), s);
        return true;
    } catch (const Error& e) {
        if (error) *error = q(e.what());
        return false;
    }
}

void SessionController::recompute() {
    ++m_generation;
    PreparedSession prepared = prepare_session(m_session, importedFor(m_session));
    // Size the job on the GUI thread to decide where it runs.
    RunLimits limits = m_cache;
    limits.memory_bytes = kMaxTraceBytes;
    if (m_headsOn && !m_session.knocked_out.empty()) {
        Session everyHead = m_session;
        everyHead.knocked_out.clear();
        if (everyHead == m_headsOn->session) limits.heads_on = m_headsOn->trace, limits.heads_on_model = m_headsOn->model;
    }
    // A big model's pass costs its weights, however short the text: GPT-2 small takes 30 ms for one
    // token, which the keyboard must not wait for.
    const auto& imported = prepared.imported;
    const bool heavy = imported && imported->card &&
                       imported->card->parameters * static_cast<int64_t>(std::max<size_t>(prepared.ids.size(), 1)) > kSyncMultiplyAdds;
    if (!heavy && prepared_trace_floats(m_session, prepared) <= kAsyncFloats) {
        m_pending->installed = m_generation;
        apply(run_session(m_session, prepared, limits), m_session);
        return;
    }
    if (m_pending->watcher.isRunning()) {
        m_pending->queued = true;  // started when the running job ends, which it does at its next layer
        m_pending->cancel->store(true);
        return;
    }
    m_pending->generation = m_generation;
    m_pending->folder = m_session.model_folder;
    m_pending->config = m_session.config;
    m_pending->session = m_session;
    m_pending->cancel = std::make_shared<std::atomic<bool>>(false);
    limits.cancel = m_pending->cancel;
    setBusy(true);
    m_pending->watcher.setFuture(QtConcurrent::run(&m_pending->pool, run_session, m_session, std::move(prepared), std::move(limits)));
}

void SessionController::apply(const SessionRun& r, const Session& ran) {
    if (r.trace) {  // a run with every head on is kept for knocking heads out of it; another session's is let go
        Session everyHead = ran;
        everyHead.knocked_out.clear();
        if (ran.knocked_out.empty()) m_headsOn = HeadsOnRun{std::move(everyHead), r.model, r.trace};
        else if (m_headsOn && !(m_headsOn->session == everyHead)) m_headsOn.reset();
    }
    if (r.base) {  // keep the base weights: the next edit of a cell need not rebuild them
        m_cache.cached_base = r.base;
        m_cache.cached_config = m_session.config;
        m_cache.cached_weights_path = m_session.weights_path;
    }
    m_errors.clear();
    for (const auto& problem : r.problems)
        m_errors.insert(q(problem.field), q(problem.message));  // the last of a field's problems, as each replaces the one before
    if (r.trace) install(r.model, r.trace);
    emit errorsChanged();
}

void SessionController::install(std::shared_ptr<const Model> model, std::shared_ptr<const Trace> trace) {
    // Freed memory is kept for the next trace (base/memory.h); after a big trace gives way to a much
    // smaller one, what it held goes back to the system once the views have let go of it.
    const int64_t before = m_trace ? m_trace->kept_floats() : 0;
    m_model = std::move(model);
    m_trace = std::move(trace);
    fixSelection();
    emit traceChanged();
    constexpr int64_t kBig = 16 << 20;  // floats: 64 MB
    if (before > kBig && m_trace && m_trace->kept_floats() < before / 2) QTimer::singleShot(0, this, [] { release_free_memory(); });
}

int SessionController::traceHeads() const {
    if (!m_trace) return 0;
    for (const auto& stage : m_trace->stages())
        if (stage.kind == StageKind::AttentionWeights) return static_cast<int>(stage.dim(0));
    return 0;
}

int SessionController::traceKvHeads() const {
    const int heads = traceHeads();
    if (!m_trace || heads == 0) return heads;
    const Stage* q = nullptr;
    for (const auto& stage : m_trace->stages()) {
        if (stage.kind == StageKind::Query) q = &stage;
        if (stage.kind == StageKind::Key && q && q->at.same_block(stage.at))  // K's width / d_k
            return static_cast<int>(stage.dim(1) / (q->dim(1) / heads));
    }
    return heads;
}

void SessionController::fixSelection() {
    if (!m_trace) return;
    if (!m_trace->find(m_stage.toStdString())) {
        // Keep the same kind of stage where possible (…self_attn.weights), else the first attention weights.
        QString fallback;
        for (const auto& stage : m_trace->stages())
            if (fallback.isEmpty() && stage.kind == StageKind::AttentionWeights && stage.at.block == BlockKind::SelfAttention)
                fallback = q(stage.name);
        m_stage = fallback.isEmpty() ? q(m_trace->stages().front().name) : fallback;
    }
    const Stage& stage = *m_trace->find(m_stage.toStdString());  // its shape only: nothing is derived or copied
    const int heads = stage.rank() == 3 ? static_cast<int>(stage.dim(0)) : traceHeads();
    m_head = std::clamp(m_head, 0, std::max(heads - 1, 0));
    const int rows = static_cast<int>(stage.rank() == 3 ? stage.dim(1) : stage.dim(0)), cols = static_cast<int>(stage.shape().back());
    if (m_cell.y() >= rows || m_cell.x() >= cols) m_cell = {-1, -1};
}

void SessionController::selectStage(const QString& name) {
    if (!m_trace || !m_trace->find(name.toStdString()) || name == m_stage) return;
    m_stage = name;
    m_cell = {-1, -1};
    fixSelection();
    emit selectionChanged();
}

void SessionController::selectHead(int head) {
    if (head == m_head) return;
    m_head = head;
    fixSelection();
    emit selectionChanged();
}

void SessionController::selectCell(int row, int col) {
    if (QPoint(col, row) == m_cell) return;
    m_cell = {col, row};
    fixSelection();
    emit selectionChanged();
}

QString SessionController::computingAnotherModel() const {
    if (!m_busy || !m_model) return {};
    const std::string shownFolder = m_model->card ? m_model->card->folder : std::string();
    const bool other = m_session.model_folder != shownFolder || (shownFolder.empty() && m_model->config != m_session.config);
    if (!other) return {};
    const auto imported = importedFor(m_session);
    return imported && imported->card ? q(imported->card->kind) : tr("the new model");
}

void SessionController::setBusy(bool busy) {
    if (busy == m_busy) return;
    m_busy = busy;
    emit busyChanged(busy);
}

void SessionController::pinTrace() {
    if (!m_trace) return;
    m_pinned = m_trace;
    m_pinnedModel = m_model;
    m_pinnedDescription = QString::fromStdString(m_session.src_text);
    emit pinnedChanged();
}

void SessionController::clearPin() {
    if (!m_pinned) return;
    m_pinned.reset();
    m_pinnedModel.reset();
    m_pinnedDescription.clear();
    emit pinnedChanged();
}

}  // namespace attn::ui
