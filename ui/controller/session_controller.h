// The one owner of the app's state: the session the user is making (config,
// texts, edits), the model and trace last computed from it, the selection
// (stage, head, cell) and the undo stack. Views read from it and call its
// methods; it calls core/ and emits signals. It computes nothing itself.
//
// The session holds what the user typed even when it is invalid; the trace
// stays the last good one, and errors() says what is wrong, per field.
#pragma once

#include "engine/cost.h"
#include "io/session.h"
#include "engine/trace.h"
#include "engine/forward.h"
#include "session/run.h"

#include <QMap>
#include <QObject>
#include <QPoint>
#include <QString>

#include <memory>

class QUndoStack;

namespace attn::ui {

// Field keys of errors(): config field names (as in the JSON), plus these.
inline const QString kSourceTextField = QString::fromLatin1(attn::kSourceTextField);
inline const QString kTargetTextField = QString::fromLatin1(attn::kTargetTextField);
inline const QString kWeightsField = QString::fromLatin1(attn::kWeightsField);

class SessionController : public QObject {
    Q_OBJECT
public:
    explicit SessionController(QObject* parent = nullptr);
    ~SessionController() override;

    const Session& session() const { return m_session; }
    std::shared_ptr<const Trace> trace() const { return m_trace; }
    // Heads of the trace on screen (its attention weights' first dimension): views draw what the
    // trace holds, not the config being typed, which may be invalid while the last good trace stays.
    int traceHeads() const;
    // K/V heads of the trace's attention: fewer than traceHeads() under grouped-query attention.
    int traceKvHeads() const;
    std::shared_ptr<const Model> model() const { return m_model; }
    QUndoStack* undoStack() const { return m_undo; }
    const QMap<QString, QString>& errors() const { return m_errors; }
    bool isBusy() const { return m_busy; }
    // While a worker computes a session whose model is not the one the trace on screen came from
    // (a model just opened, another config): that model's name ("GPT-2", "the new model"); else empty.
    QString computingAnotherModel() const;
    // Background recomputes dropped at a layer boundary because newer edits overtook them (read by tests).
    int cancelledRuns() const { return m_cancelledRuns; }
    // Traces above this many floats are computed off the GUI thread.
    static constexpr int64_t kAsyncFloats = 1'500'000;
    static constexpr int64_t kSyncMultiplyAdds = 20'000'000;  // an opened model's parameters × tokens, run here
    // Work needing more memory than this (weights and trace) is refused before allocating.
    static inline const int64_t kMaxTraceBytes = default_memory_limit();

    // Undoable edits; the trace follows at once (or when the background job ends).
    void setSourceText(const QString& text);
    // An opened model's own ids (generated, or a prediction appended) and the text they decode to:
    // kept as they are, so the input is exactly the tokens the model produced.
    void setSourceTokens(std::vector<int32_t> ids, const QString& text, const QString& what);
    void setTargetText(const QString& text);
    void setConfig(const Config& config, const QString& what);
    // Self-attention heads of the predicting stack knocked out (engine/interventions.h), each an
    // undoable step: the trace, the predictions and every stage after the head follow.
    bool isKnockedOut(int layer, int head) const;
    void setKnockedOut(int layer, int head, bool out);
    void setKnockOutMean(bool mean);  // a knocked-out head passes on its mean output, not zeros
    void restoreAllHeads();
    void setWeightValue(const QString& tensor, int index, float value);
    void setEmbeddingValue(const QString& token, int feature, float value);
    void applySession(const Session& session, const QString& what);  // presets, opened files

    bool loadWeightsFile(const QString& path, QString* error);
    bool openSession(const QString& path, QString* error);
    // A trained model becomes the session's model (its config and every tensor as an edit, so it
    // is saved with the session), with `text` (and `target`) as input and `stage` shown. One undo step.
    void adoptModel(const Model& model, const QString& task, const QString& text, const QString& target, const QString& stage,
                    const QString& what);
    // An opened Hugging Face model (hf/hf_model.h) becomes the session's model, with a text it
    // reads well; one undo step (undo returns to the previous model, kept open).
    // undoable false: only registers the model (a session naming its folder follows).
    // keepText: the new session reads this text instead of the model's example (the user chose to keep theirs).
    void adoptImportedModel(std::shared_ptr<const Model> model, const QString& what, bool asNewSession = true,
                            const QString& keepText = {});
    // Whether a model folder is open (sessions naming one need it opened first).
    bool hasImportedModel(const QString& folder) const;
    // The session's imported model (null: the app's own model).
    std::shared_ptr<const Model> importedModel() const { return importedFor(m_session); }
    // The opened folder a session names, if still kept (the current one and two before it).
    std::shared_ptr<const Model> importedFor(const Session& session) const;
    // An imported model's text cut to the positions it has (the fix offered for a text too long).
    void truncateSourceText();
    // Wrap the text in the opened model's chat template (Session::chat), undoably.
    void setChat(bool on);
    // Starts over on `session` (the start-up example): no undo history, nothing unsaved.
    void startWith(const Session& session);
    bool saveSession(const QString& path, QString* error);
    bool isModified() const;
    // Whether the last change was the user typing the text (a model opened next asks before replacing it).
    bool textTyped() const { return m_textTyped; }
    void markSaved();
    void markModified();  // e.g. after recovering an autosave: not saved anywhere yet
    // Writes the session without touching the saved state (autosave).
    bool writeCopy(const QString& path, QString* error) const;

    // The weights as they are now (base + edits), for editors.
    // (An imported model's BF16 matrix is widened on the call; the pointer lives until the next.)
    const Tensor* weightTensor(const QString& name) const;
    std::optional<std::vector<int64_t>> weightShape(const QString& name) const;

    // Selection: not undoable, kept across recomputations when it still exists.
    QString currentStage() const { return m_stage; }
    int currentHead() const { return m_head; }
    QPoint currentCell() const { return m_cell; }  // (col, row); (-1, -1) when none
    void selectStage(const QString& name);
    void selectHead(int head);
    void selectCell(int row, int col);

    // Compare mode: a trace kept aside to set against the current one.
    std::shared_ptr<const Trace> pinnedTrace() const { return m_pinned; }
    QString pinnedDescription() const { return m_pinnedDescription; }  // what was pinned ("the cat sat")
    void pinTrace();
    void clearPin();

    // Blocks until the pending background computation (if any) has finished.
    void waitForIdle();

signals:
    void sessionChanged();    // texts, config or edits changed
    // A new good trace is in place; the selection may have moved with it (a stage that is
    // gone, a cell outside the new shape), and that is part of this one signal, so a view
    // listening to both refreshes once per edit.
    void traceChanged();
    void selectionChanged();  // stage, head or cell, on the same trace
    void errorsChanged();
    void busyChanged(bool busy);
    void pinnedChanged();

private:
    friend class SessionCommand;
    void setSessionNoUndo(const Session& session);  // used by undo/redo
    void pushChange(const Session& after, const QString& what, int mergeId = -1);
    void recompute();
    // A finished computation of session `ran`: errors, and the trace when there is one.
    void apply(const SessionRun& result, const Session& ran);
    void install(std::shared_ptr<const Model> model, std::shared_ptr<const Trace> trace);
    void setBusy(bool busy);
    void fixSelection();

    Session m_session;
    std::shared_ptr<const Trace> m_trace;
    std::shared_ptr<const Model> m_model;
    struct Widened {  // weightTensor's float32 copy of a BF16 matrix
        const Model* model = nullptr;
        std::string name;
        Tensor tensor;
    };
    mutable Widened m_widened;
    std::shared_ptr<const Trace> m_pinned;
    std::shared_ptr<const Model> m_pinnedModel;  // a big trace derives stages from its model's weights
    QString m_pinnedDescription;
    // The base weights of the last run and what they were made from (config, weights file), so the
    // next edit of a cell need not rebuild them.
    RunLimits m_cache;
    // The last run with every head on and the session it ran, knocked_out aside: knocking a head
    // out of that same session recomputes only the layers from the head on (RunLimits::heads_on).
    struct HeadsOnRun {
        Session session;
        std::shared_ptr<const Model> model;
        std::shared_ptr<const Trace> trace;
    };
    std::optional<HeadsOnRun> m_headsOn;
    // Imported models by folder: the current one and the few before it, so undo is instant.
    std::vector<std::shared_ptr<const Model>> m_imported;
    QMap<QString, QString> m_errors;
    QUndoStack* m_undo;
    QString m_stage;
    int m_head = 0;
    QPoint m_cell{-1, -1};
    bool m_busy = false;
    bool m_textTyped = false;
    quint64 m_generation = 0;
    int m_cancelledRuns = 0;
    struct Pending;
    std::unique_ptr<Pending> m_pending;
};

}  // namespace attn::ui
