// GUI latency, measured on the real main window (offscreen; not a test):
//   edit one embedding value -> trace recomputed -> every view refreshed -> heatmap repainted,
//   median and 95th percentile over many edits, for the classroom and the small configs;
//   the repaint of a 1024 x 1024 heatmap; process start to the first painted heatmap;
//   opening a GPT-2-small-shaped folder to its first heatmap, and typing into it: how far the
//   app is behind the last keystroke, and how many traces it computed for how many keys;
//   the process's peak memory with that folder at 1024 tokens and the model overview open
//   (measured in a process of its own: `latency_bench --memory [folder]`, so nothing before counts).
// Usage: latency_bench [path/to/attentionlab] [GPT-2 folder] (default: the one attentionlab-bench generates)
#include "views/heads_view.h"
#include "views/heatmap_widget.h"
#include "window/main_window.h"
#include "controller/presets.h"
#include "controller/session_controller.h"
#include "views/stage_view.h"
#include "panels/input_panel.h"
#include "cli_bench_models.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QThreadPool>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QStyleFactory>
#include <QTest>

#include <algorithm>
#include <malloc.h>
#include <cstdio>
#include <random>

using namespace attn;
using namespace attn::ui;

namespace {

void report(const char* name, std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2], p95 = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
    std::printf("%-34s median %8.2f ms   p95 %8.2f ms   (%zu runs)\n", name, median, p95, ms.size());
}

std::vector<double> editLatency(MainWindow& window, int edits) {
    SessionController* c = window.controller();
    QCustomPlot* plot = window.stageView()->heatmap()->plot();
    const QString token = QString::fromStdString(c->trace()->src_tokens.front());
    std::vector<double> ms;
    for (int i = 0; i < edits + 10; ++i) {
        QElapsedTimer timer;
        timer.start();
        c->setEmbeddingValue(token, i % c->session().config.d_model, 0.01f * static_cast<float>(i % 50));
        plot->replot(QCustomPlot::rpImmediateRefresh);
        QApplication::processEvents();  // the other views' queued repaints
        if (i >= 10) ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);  // the first 10 warm up
    }
    return ms;
}

// Opens the folder and waits until its first trace is installed: milliseconds.
double openToFirstHeatmap(MainWindow& window, const QString& folder) {
    SessionController* c = window.controller();
    QElapsedTimer timer;
    timer.start();
    window.openModelFolder(folder, {}, /*startsTheSession=*/true);
    while (!(c->importedModel() && c->trace() && c->model() && c->model()->card && !c->isBusy()))
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    window.stageView()->heatmap()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

// Types `text` into the input at one key every `keyMs` (as a quick typist, or xdotool), then waits
// for the trace of the whole text: how long after the last key, and how many traces were installed.
void typingLag(MainWindow& window, const std::string& text, int keyMs) {
    SessionController* c = window.controller();
    QLineEdit* edit = window.inputPanel()->sourceEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    c->waitForIdle();
    int installed = 0;
    QElapsedTimer timer;
    timer.start();
    const auto connection = QObject::connect(c, &SessionController::traceChanged, [&] {
        ++installed;
        if (qEnvironmentVariableIsSet("ATTN_BENCH_VERBOSE")) std::printf("  trace %d at %lld ms, %zu tokens\n", installed, timer.elapsed(), c->trace()->src_tokens.size());
    });
    double slowestKey = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        QElapsedTimer key;
        key.start();
        QTest::keyClick(edit, text[i]);
        slowestKey = std::max(slowestKey, static_cast<double>(key.nsecsElapsed()) / 1e6);
        const qint64 due = static_cast<qint64>(i + 1) * keyMs;
        while (timer.elapsed() < due) QApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    const double typed = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (qEnvironmentVariableIsSet("ATTN_BENCH_VERBOSE")) std::printf("  typed in %.0f ms\n", typed);
    while (c->isBusy()) QApplication::processEvents(QEventLoop::AllEvents, 5);  // busy until the last edit's trace is in
    const double done = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    QObject::disconnect(connection);
    std::printf("typing %zu characters, a key every %d ms   %8.0f ms behind the last key   (%d traces for %zu keys, %zu tokens; "
                "the slowest key took %.0f ms)\n",
                text.size(), keyMs, done - typed, installed, text.size(), c->trace()->src_tokens.size(), slowestKey);
}

// A line of /proc/self/status in MB ("VmHWM" -> 1234.5), 0 when absent.
double statusMb(const char* key) {
    QFile file("/proc/self/status");
    if (!file.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : file.readAll().split('\n'))
        if (line.startsWith(QByteArray(key) + ':')) return line.mid(static_cast<int>(qstrlen(key)) + 1).trimmed().split(' ').front().toDouble() / 1024;
    return 0;
}

// The heap's bytes in use and freed-but-kept, in MB (glibc), for the verbose lines below.
QString heapMb() {
    const struct mallinfo2 m = mallinfo2();
    return QString("heap in use %1 MB, free %2 MB").arg(double(m.uordblks + m.hblkhd) / 1048576, 0, 'f', 0).arg(double(m.fordblks) / 1048576, 0, 'f', 0);
}

// Issue 23's memory goal: GPT-2 small at 1024 tokens in the window, the model overview shown.
int memoryAt1024(const QString& folder) {
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return 1;
    openToFirstHeatmap(window, folder);
    const double opened = statusMb("VmRSS");
    const bool verbose = qEnvironmentVariableIsSet("ATTN_BENCH_VERBOSE");  // where the memory is, step by step
    if (verbose) std::printf("after opening: %s, peak %.0f\n", qPrintable(heapMb()), statusMb("VmHWM"));
    SessionController* c = window.controller();
    std::vector<int32_t> ids;
    for (int i = 0; i < 1024; ++i) ids.push_back(static_cast<int32_t>((i * 7919 + 11) % 50000));
    c->setSourceTokens(ids, QString(), "1024 tokens");
    while (c->isBusy() || !c->trace() || c->trace()->src_tokens.size() != ids.size()) QApplication::processEvents(QEventLoop::AllEvents, 5);
    window.stageView()->heatmap()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    const double traced = statusMb("VmRSS");
    if (verbose)
        std::printf("after the trace: %s, peak %.0f, the trace keeps %.0f MB\n", qPrintable(heapMb()), statusMb("VmHWM"),
                    static_cast<double>(c->trace()->kept_floats()) * 4 / 1048576);
    QDockWidget* heads = window.dockFor("heads");
    heads->show();
    heads->raise();
    QElapsedTimer timer;
    timer.start();
    // The overview draws its thumbnails in the background: done when every pool thread is idle.
    qint64 drawn = -1;  // ms from the trace on screen to the 144 thumbnails drawn
    while (drawn < 0 || timer.elapsed() < 2000) {
        if (drawn < 0 && window.headsView()->thumbnailCount() > 0 && QThreadPool::globalInstance()->activeThreadCount() == 0)
            drawn = timer.elapsed();
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    QApplication::processEvents();
    if (verbose) std::printf("overview done: %s\n", qPrintable(heapMb()));
    std::printf("GPT-2 small, 1024 tokens, overview open   peak %6.0f MB   now %6.0f MB (anonymous %.0f, file-backed %.0f)"
                "   [after opening %.0f MB, after the trace %.0f MB; overview drawn %lld ms after the trace]\n",
                statusMb("VmHWM"), statusMb("VmRSS"), statusMb("RssAnon"), statusMb("RssFile"), opened, traced, drawn);
    c->markSaved();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("AttentionLabBench");
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    QSettings().clear();
    if (argc > 1 && QByteArray(argv[1]) == "--memory")
        return memoryAt1024(argc > 2 ? argv[2] : QString::fromStdString(cli::benchmark_model_folder(std::nullopt)));
    {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window)) return 1;
        report("edit -> repaint, classroom", editLatency(window, 300));

        Session small = loadPreset("classroom");
        small.config.d_model = 128;
        small.config.nhead = 4;
        small.config.num_encoder_layers = 2;
        small.config.dim_feedforward = 512;
        small.src_text.clear();
        for (int i = 0; i < 128; ++i) small.src_text += "w" + std::to_string(i) + " ";
        window.controller()->applySession(small, "small");
        window.controller()->waitForIdle();
        report("edit -> repaint, small (n=128)", editLatency(window, 100));
        window.controller()->markSaved();
    }
    {
        HeatmapWidget heatmap;
        heatmap.resize(1200, 1000);
        heatmap.show();
        if (!QTest::qWaitForWindowExposed(&heatmap)) return 1;
        std::mt19937 rng(1);
        std::uniform_real_distribution<float> uniform(0, 1);
        std::vector<float> data(1024 * 1024);
        QStringList labels;
        for (int i = 0; i < 1024; ++i) labels << QString("t%1").arg(i);
        std::vector<double> ms;
        for (int i = 0; i < 12; ++i) {
            for (float& v : data) v = uniform(rng);
            QElapsedTimer timer;
            timer.start();
            heatmap.setMatrix(data.data(), 1024, 1024, labels, labels, ValueScale::Probability);
            heatmap.plot()->replot(QCustomPlot::rpImmediateRefresh);
            if (i >= 2) ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        report("1024 x 1024 heatmap: set + repaint", ms);
    }
    {
        const QString folder = argc > 2 ? argv[2] : QString::fromStdString(cli::benchmark_model_folder(std::nullopt));
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window)) return 1;
        std::printf("open a GPT-2-small folder -> its first heatmap   %8.0f ms\n", openToFirstHeatmap(window, folder));
        std::string text;
        while (text.size() < 334) text += "The quick brown fox jumps over the lazy dog, and the cat sat on the mat. ";
        text.resize(334);
        typingLag(window, text, 12);
        window.controller()->markSaved();
    }
    {
        QProcess memory;  // a fresh process: the peak is this measurement's alone
        QStringList arguments{"--memory"};
        if (argc > 2) arguments << argv[2];
        memory.setProcessChannelMode(QProcess::ForwardedChannels);
        memory.start(QApplication::applicationFilePath(), arguments);
        if (!memory.waitForFinished(300000) || memory.exitCode() != 0) std::printf("memory: the measurement did not finish\n");
    }
    const QString exe = argc > 1 ? argv[1] : QApplication::applicationDirPath() + "/../app/attentionlab";
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("ATTN_EXIT_AFTER_FIRST_PAINT", "1");
        env.insert("QT_QPA_PLATFORM", "offscreen");
        process.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        process.start(exe, {});
        if (!process.waitForFinished(20000)) {
            std::printf("startup: %s did not finish\n", qPrintable(exe));
            return 1;
        }
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    report("process start -> first heatmap", ms);
    return 0;
}
