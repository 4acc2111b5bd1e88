#include "cli_export.h"

#include "cli_options.h"
#include "base/file_io.h"
#include "io/matrix_export.h"
#include "io/npy.h"

#ifdef ATTN_WITH_GUI
#include "export/exporter.h"
#include "export/figure.h"

#include <QGuiApplication>
#include <qcustomplot.h>
#endif

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

namespace attn::cli {
namespace {

const std::vector<std::string> kFormats = {"png", "svg", "pdf", "csv", "npy", "json"};
const std::vector<std::string> kColorMaps = {"viridis", "cividis", "magma", "grayscale"};

bool is_image(const std::string& format) { return format == "png" || format == "svg" || format == "pdf"; }

std::string one_of(const Options& options, const std::string& name, const std::vector<std::string>& choices,
                   const std::string& fallback) {
    const auto value = option(options, name);
    if (!value) return fallback;
    if (std::find(choices.begin(), choices.end(), *value) != choices.end()) return *value;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    throw UsageError(name + " cannot be '" + *value + "'; choose one of: " + list);
}

struct Job {
    const Stage* stage;
    int64_t head;  // -1: the whole stage
    std::string path;
};

#ifdef ATTN_WITH_GUI
// Qt for drawing only, on the offscreen platform; its chatter stays off the console.
void quiet_qt(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtFatalMsg) std::cerr << "attentionlab: " << message.toStdString() << "\n";
}
#endif

}  // namespace

int run_export(int argc, char** argv) {
    const Options options = parse_options(
        argc, argv, 2,
        {"--config", "--weights", "--model", "--text", "--target-text", "--src-embeddings", "--tgt-embeddings", "--session",
         "--stage", "--head", "--format", "--out", "--scale", "--dpi", "--width", "--labels", "--colormap", "--font-size",
         "--title", "--xlabel", "--ylabel", "--layers", "--heads"},
        {"--all-heads", "--transparent", "--no-values", "--no-title", "--truncate", "--chat"});
    if (option(options, "--title") && option(options, "--no-title")) throw UsageError("give either --title or --no-title, not both");
    const auto stage_name = option(options, "--stage");
    const auto out = option(options, "--out");
    if (!stage_name) throw UsageError("--stage NAME is required (or --stage all, or --stage heads-grid)");
    const bool heads_grid = *stage_name == "heads-grid";
    if (!heads_grid && (option(options, "--layers") || option(options, "--heads")))
        throw UsageError("--layers and --heads choose the rows and columns of --stage heads-grid");
    if (!option(options, "--format")) throw UsageError("--format is required: png, svg, pdf, csv, npy or json");
    if (!out) throw UsageError("--out PATH is required");
    const std::string format = one_of(options, "--format", kFormats, "");
    const std::string colormap = one_of(options, "--colormap", kColorMaps, "viridis");
#ifndef ATTN_WITH_GUI
    if (is_image(format)) throw Error("this build has no Qt (ATTN_BUILD_GUI=OFF): image formats need it; csv, npy and json work");
#endif
    if (option(options, "--scale") && option(options, "--dpi")) throw UsageError("give either --dpi or --scale, not both");
    [[maybe_unused]] const double dpi = option(options, "--scale") ? 96.0 * number_option(options, "--scale", 1.0, 0.1, 16.0)
                                                  : number_option(options, "--dpi", 300.0, 10.0, 2400.0);
    [[maybe_unused]] const double font = number_option(options, "--font-size", 8.0, 3.0, 48.0);
    const std::string labels = one_of(options, "--labels", {"auto", "all", "none"}, "auto");
    [[maybe_unused]] double width_pt = 0;
    if (const auto width = option(options, "--width")) {
#ifdef ATTN_WITH_GUI
        QString error;
        width_pt = attn::ui::parseLength(QString::fromStdString(*width), &error);
        if (width_pt <= 0) throw UsageError("--width: " + error.toStdString());
#else
        (void)width;
#endif
    }
    const bool all_heads = option(options, "--all-heads").has_value();
    const auto head_text = option(options, "--head");
    if (all_heads && head_text) throw UsageError("give either --head or --all-heads, not both");
    const int64_t head = head_text ? static_cast<int64_t>(number_option(options, "--head", 0, 0, 1 << 20)) : -1;
    if (head_text && head_text->find('.') != std::string::npos) throw UsageError("--head must be a whole number");

    if (heads_grid && !is_image(format)) throw UsageError("--stage heads-grid is a figure: --format png, svg or pdf");
    if (heads_grid && (head_text || all_heads)) throw UsageError("--stage heads-grid draws heads chosen with --heads, not --head");
    const Computed computed = compute_from_options(options, true);
    const Trace& trace = *computed.trace;
#ifdef ATTN_WITH_GUI
    // The options every figure shares, as the GUI's export dialog sets them.
    auto figure_options = [&] {
        using namespace attn::ui;
        ExportOptions o;
        o.style.colorMap = colorMapFromName(QString::fromStdString(colormap));
        o.style.fontPt = font;
        o.style.showValues = !option(options, "--no-values");
        o.style.transparent = option(options, "--transparent").has_value();
        o.style.labels = *labelModeFromName(QString::fromStdString(labels));
        o.style.widthPt = width_pt;
        o.dpi = dpi;
        if (option(options, "--no-title")) o.title = QString();
        else if (const auto title = option(options, "--title")) o.title = QString::fromStdString(*title);
        if (const auto x = option(options, "--xlabel")) o.colTitle = QString::fromStdString(*x);
        if (const auto y = option(options, "--ylabel")) o.rowTitle = QString::fromStdString(*y);
        return o;
    };
    std::unique_ptr<QGuiApplication> qt;
    if (is_image(format)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");  // no display needed, whatever the environment says
        qInstallMessageHandler(quiet_qt);
        static int qt_argc = 1;
        qt = std::make_unique<QGuiApplication>(qt_argc, argv);
    }
    if (heads_grid) {
        using namespace attn::ui;
        ExportOptions o = figure_options();
        const auto [blocks, heads] = headsGridShape(trace);
        if (blocks == 0) throw Error("this model has no attention weights to draw");
        QString error;
        o.grid.blocks = parseIndexList(QString::fromStdString(option(options, "--layers").value_or("")), blocks, "--layers", &error);
        if (error.isEmpty())
            o.grid.heads = parseIndexList(QString::fromStdString(option(options, "--heads").value_or("")), heads, "--heads", &error);
        if (!error.isEmpty()) throw UsageError(error.toStdString());
        error = exportHeadsGrid(trace, QString::fromStdString(*out), o);
        if (!error.isEmpty()) throw Error(error.toStdString());
        std::cout << "wrote 1 file: " << *out << " (" << (o.grid.blocks.isEmpty() ? blocks : o.grid.blocks.size()) << " layers × "
                  << (o.grid.heads.isEmpty() ? heads : o.grid.heads.size()) << " heads)\n";
        return 0;
    }
#endif

    std::vector<const Stage*> stages;
    if (*stage_name == "all") {
        for (const auto& s : trace.stages()) stages.push_back(&s);
    } else if (const Stage* s = trace.find(*stage_name)) {
        stages.push_back(s);
    } else {
        std::string names;
        for (const auto& st : trace.stages()) names += (names.empty() ? "" : ", ") + st.name;
        throw Error("unknown stage '" + *stage_name + "'; valid stages: " + names);
    }

    // One file, or a folder of <stage>[.head<h>].<ext> files.
    std::vector<Job> jobs;
    const bool every_stage = *stage_name == "all";
    const bool whole_tensor = format == "npy" || format == "json";  // one file holds every head
    for (const Stage* s : stages) {
        const bool three = s->rank() == 3;
        std::vector<int64_t> heads;
        if (three && (all_heads || (every_stage && !head_text && !whole_tensor))) {
            for (int64_t h = 0; h < s->dim(0); ++h) heads.push_back(h);
        } else if (three) {
            const bool whole = head < 0 && whole_tensor;
            heads.push_back(whole ? -1 : std::max<int64_t>(head, 0));
            if (head >= s->dim(0))
                throw Error("head " + std::to_string(head) + " does not exist: " + s->name + " has " +
                            std::to_string(s->dim(0)) + " heads (0 to " + std::to_string(s->dim(0) - 1) + ")");
        } else {
            heads.push_back(-1);
        }
        for (int64_t h : heads) jobs.push_back({s, h, s->name + (h >= 0 && three ? ".head" + std::to_string(h) : "") + "." + format});
    }
    const bool folder = jobs.size() > 1;
    if (folder) {
        std::error_code ec;
        std::filesystem::create_directories(*out, ec);
        if (!std::filesystem::is_directory(*out, ec)) throw Error("cannot create the output folder '" + *out + "'");
        for (auto& job : jobs) job.path = (std::filesystem::path(*out) / job.path).string();
    } else {
        jobs[0].path = *out;
    }

    for (const Job& job : jobs) {
        if (format == "csv") {
            write_file_atomically(job.path, stage_csv(trace, *job.stage, std::max<int64_t>(job.head, 0)));
        } else if (format == "json") {
            write_file_atomically(job.path, stage_json(trace, *job.stage, job.head));
        } else if (format == "npy") {
            write_npy(job.path, stage_tensor(*job.stage, job.head));
        } else {
#ifdef ATTN_WITH_GUI
            using namespace attn::ui;
            const ExportOptions o = figure_options();
            const QString error = exportStage(trace, QString::fromStdString(job.stage->name),
                                              static_cast<int>(std::max<int64_t>(job.head, 0)), QString::fromStdString(job.path), o);
            if (!error.isEmpty()) throw Error(error.toStdString());
#else
            throw Error("this build has no Qt (ATTN_BUILD_GUI=OFF): image formats need it; csv, npy and json work");
#endif
        }
    }
    std::cout << "wrote " << jobs.size() << (jobs.size() == 1 ? " file: " + jobs[0].path : " files to " + *out);
    const Stage& first = *jobs[0].stage;
    if (jobs.size() == 1 && first.rank() == 3 && jobs[0].head >= 0)
        std::cout << " (head " << jobs[0].head << " of " << first.dim(0) << "; --head H or --all-heads for the others)";
    else if (every_stage && !whole_tensor && !head_text)
        std::cout << " (every head of each multi-head stage, as <stage>.head<h>." << format << ")";
    std::cout << "\n";
    return 0;
}

}  // namespace attn::cli
