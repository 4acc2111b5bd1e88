// Thousands of random user actions on the real main window (typing, deleting,
// valid and invalid config values, cell edits with wild numbers, stepping,
// switching views, undo/redo, exporting), then: the trace on screen is exactly
// the trace recomputed from the session on screen. Run under the sanitizers in CI.
#include "panels/config_panel.h"
#include "export/exporter.h"
#include "views/heatmap_widget.h"
#include "panels/input_panel.h"
#include "window/main_window.h"
#include "controller/presets.h"
#include "base/rng.h"
#include "controller/session_controller.h"
#include "views/stage_view.h"
#include "controller/step_player.h"

#include <QApplication>
#include <QDockWidget>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cstring>
#include <limits>

using namespace attn;
using namespace attn::ui;

class TestStress : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("AttentionLabStress");
        QSettings().clear();
    }

    void thousandsOfRandomActionsKeepTheTraceConsistent() {
        const int actions = qEnvironmentVariableIntValue("ATTN_STRESS_ACTIONS") > 0
                                ? qEnvironmentVariableIntValue("ATTN_STRESS_ACTIONS")
                                : 3000;
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SessionController* c = window.controller();
        QTemporaryDir dir;
        Rng rng(2026);
        auto pick = [&](int n) { return static_cast<int>(rng.next_u64() % static_cast<uint64_t>(n)); };
        const QStringList words = {"the", "cat", "我", "爱", "😀", "[PAD]", ",", "naïve", "ok", "  ", "[CLS]"};
        const QStringList spins = {"d_model", "nhead", "num_encoder_layers", "num_decoder_layers", "dim_feedforward",
                                   "max_len", "sliding_window", "block_size"};
        const float wild[] = {0.0f, 1.0f, -3.5f, 1e4f, -1e4f, 1e20f, std::numeric_limits<float>::quiet_NaN(),
                              std::numeric_limits<float>::infinity()};
        const QStringList presetIds = {"classroom", "bert", "gpt", "translation", "rope", "alibi"};
        QLineEdit* source = window.inputPanel()->sourceEdit();

        for (int step = 0; step < actions; ++step) {
            switch (pick(14)) {
                case 0: {
                    source->setFocus();
                    if (pick(2)) {
                        QTest::keyClicks(source, pick(2) ? " cat" : ", ok");
                    } else {  // non-ASCII arrives through the input method
                        QInputMethodEvent typed;
                        typed.setCommitString(words[pick(words.size())]);
                        QApplication::sendEvent(source, &typed);
                    }
                    break;
                }
                case 1: source->setFocus(); QTest::keyClick(source, Qt::Key_Backspace); break;
                case 2: c->setSourceText(words[pick(words.size())] + " " + words[pick(words.size())]); break;
                case 3: c->setTargetText(pick(3) == 0 ? QString() : words[pick(words.size())] + " love"); break;
                case 4: window.configPanel()->spin(spins[pick(spins.size())])->setValue(pick(40)); break;
                case 5: {
                    QLineEdit* eps = window.configPanel()->lineEdit("layer_norm_eps");
                    eps->setText(pick(2) ? "1e-5" : "nonsense");
                    emit eps->editingFinished();
                    break;
                }
                case 6: {
                    const auto trace = c->trace();
                    if (trace && !trace->src_tokens.empty())
                        c->setEmbeddingValue(QString::fromStdString(trace->src_tokens[0]), pick(8), wild[pick(8)]);
                    break;
                }
                case 7: c->setWeightValue("encoder.layers.0.self_attn.in_proj_weight", pick(64), wild[pick(8)]); break;
                case 8: (pick(2) ? window.player()->stepOver() : window.player()->stepBack()); break;
                case 9: (pick(2) ? window.player()->stepInto() : window.player()->stepOut()); break;
                case 10: (pick(2) ? c->undoStack()->undo() : c->undoStack()->redo()); break;
                case 11: {
                    const auto docks = window.findChildren<QDockWidget*>();
                    docks[pick(docks.size())]->raise();
                    c->selectHead(pick(4));
                    break;
                }
                case 12:
                    if (pick(10) == 0) c->applySession(loadPreset(presetIds[pick(presetIds.size())]), "preset");
                    else emit window.stageView()->heatmap()->cellHovered(pick(6), pick(6));
                    break;
                case 13:
                    if (pick(20) == 0 && c->trace()) {
                        const char* formats[] = {"png", "svg", "csv", "npy", "json"};
                        exportStage(*c->trace(), c->currentStage(), c->currentHead(),
                                    dir.filePath(QStringLiteral("e%1.%2").arg(step).arg(formats[pick(5)])), ExportOptions{});
                    }
                    break;
            }
            if (step % 50 == 0) QApplication::processEvents();
        }
        c->waitForIdle();

        // The session on screen, recomputed from scratch, gives the trace on screen.
        if (!c->errors().isEmpty()) {  // make it valid again, then check
            c->applySession(loadPreset("classroom"), "reset");
            c->waitForIdle();
        }
        QVERIFY2(c->errors().isEmpty(), qPrintable(c->errors().values().join("; ")));
        const Session& s = c->session();
        const Model model = build_model(s, base_weights(s));
        const Trace expected = run_forward(model, build_inputs(model, s));
        const Trace& shown = *c->trace();
        QCOMPARE(shown.stages().size(), expected.stages().size());
        for (size_t i = 0; i < expected.stages().size(); ++i) {
            const auto a_held = shown.stages()[i].tensor(), b_held = expected.stages()[i].tensor();
            const Tensor &a = *a_held, &b = *b_held;
            QCOMPARE(a.shape, b.shape);
            QVERIFY2(std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(float)) == 0,
                     expected.stages()[i].name.c_str());
        }
        // And the heatmap shows the selected stage of that trace.
        const Tensor t = *shown.tensor(c->currentStage().toStdString());
        const auto* heat = window.stageView()->heatmap();
        const int offset = t.rank() == 3 ? c->currentHead() * heat->rows() * heat->cols() : 0;
        for (int k = 0; k < heat->rows() * heat->cols(); ++k) {
            const float v = t.data[static_cast<size_t>(offset + k)];
            QVERIFY(heat->values()[k] == v || (std::isnan(v) && std::isnan(heat->values()[k])));
        }
        c->markSaved();
    }
};

QTEST_MAIN(TestStress)
#include "test_stress.moc"
