#include "cli.h"

#include "cli_bench.h"
#include "cli_export.h"
#include "cli_grad.h"
#include "cli_train.h"
#include "cli_options.h"
#include "io/trace_writer.h"
#include "base/version.h"

#include <filesystem>
#include <iostream>

namespace attn::cli {
namespace {

constexpr const char* kUsage = R"(Attention Lab: Transformer attention, computed step by step.

Usage:
  attentionlab                      open the desktop app on its built-in example
  attentionlab trace [options]      compute a forward pass and write every intermediate as .npy
  attentionlab export [options]     write stages as images (png, svg, pdf) or data (csv, npy, json)
  attentionlab grad [options] --labels L.npy --out DIR
                                    the cross-entropy loss of labelled input and the gradient of every
                                    parameter and of the input embeddings
  attentionlab train --task NAME [options] --out DIR
                                    train a model on a built-in task (copy, reverse, sort, induction,
                                    translation) and save it where trace and the app open it
  attentionlab bench [--json] [--only NAME]
                                    time full traces (classroom, small, gpt2-layer-512, gpt2-layer-1024,
                                    gpt2-small-1024, encoder-decoder), the GEMM rate, scaling with n, and
                                    one training step of the reversal task (train-step-reverse)
  attentionlab --help | --version

Model and input (trace, export, grad):
  --config C.json                   model config (default: the built-in classroom model)
  --weights W.safetensors           PyTorch nn.Transformer state_dict (default: weights from the seed)
  --text "..."                      the input (encoder-decoder: the source) as text (default: the
                                    built-in example "the cat sat on the mat")
  --target-text "..."               encoder-decoder: the target as text
  --src-embeddings X.npy            instead of --text: token embeddings (T, d_model), before positions
  --tgt-embeddings Y.npy            instead of --target-text: target embeddings (T, d_model)
  --session S.json                  export only: a saved session instead of the four options above

grad (the config needs an output head: vocab_size, or a vocab):
  --labels L.npy                    integer labels, one per position of the last stack's sequence
                                    (the target for encoder-decoder); -100 ignores a position
  --out DIR                         DIR/loss.json, DIR/grads/<state_dict name>.npy for every parameter,
                                    DIR/grads/src_embeddings.npy (and tgt_embeddings.npy): the gradient
                                    with respect to the embeddings given, before positions are added

trace:
  --out DIR                         folder for manifest.json and one <stage>.npy per stage

export:
  --stage NAME | all                e.g. encoder.layers.0.self_attn.weights; all = every stage, with
                                    one file per head of each multi-head stage (<stage>.head<h>.<ext>)
  --head H | --all-heads            one head (default 0 for a single stage as an image or csv) or one
                                    file per head; npy and json without --head hold every head
  --format png|svg|pdf|csv|npy|json
  --out PATH                        the file, or a folder when several files are written
  --width W                         the figure's printed width in in, cm, mm or pt: 3.3in for one
                                    column of a two-column paper, 7in for the full width (default:
                                    cells of up to 24 pt); PNG, SVG and PDF get the same size
  --dpi N                           png: pixels per inch of that width (default 300)
  --scale S                         png: the older spelling of --dpi (dpi = 96 x S)
  --font-size PT                    token labels in points at the printed size (default 8)
  --labels auto|all|none            token labels: every one that fits (auto), all (smaller when they
                                    must be), or none
  --colormap NAME                   viridis (default), cividis, magma or grayscale
  --title T | --no-title            the caption (default: e.g. 'Encoder layer 0 · head 1 ·
                                    self-attention weights'), or none
  --xlabel T  --ylabel T            the axis titles (default: 'key (source token)' and 'query (…)')
  --transparent                     png and svg: no background
  --no-values                       do not write the values in the cells

train:
  --task NAME                       copy, reverse, sort, induction or translation
  --config C.json                   the model (default: the task's; its vocab is the task's unless given)
  --weights W.safetensors           start from these weights (default: from the config's seed)
  --steps N  --lr X  --batch-size B  --optimizer adamw|sgd  --seed S
                                    (defaults: the task's, chosen so that it converges; seed 0)
  --out DIR                         DIR/config.json, model.safetensors, log.csv, summary.json
                                    Ctrl+C stops after the current step and still writes them

Examples:
  attentionlab trace --text "the cat sat on the mat" --out trace/
  attentionlab export --text "the cat sat on the mat" --stage encoder.layers.0.self_attn.weights \
      --head 1 --format svg --width 3.3in --out weights.svg
)";

int run_trace(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2,
                                          {"--config", "--weights", "--text", "--target-text", "--src-embeddings",
                                           "--tgt-embeddings", "--out"});
    const auto out = option(options, "--out");
    if (!out) throw UsageError("--out DIR is required: the folder to write the trace to");
    const Computed computed = compute_from_options(options, false);
    write_trace(computed.trace, computed.model.config, *out);
    for (const auto& w : computed.trace.warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "wrote " << computed.trace.stages().size() << " stages to " << *out << "\n";
    return 0;
}

}  // namespace

bool wants_cli(int argc, char** argv) {
    if (argc != 2) return argc > 1;
    // `attentionlab lesson.attnlab.json` (a file manager opening a session): the app opens it.
    const std::string arg = argv[1];
    std::error_code ec;
    const bool session = arg.size() > 5 && arg.ends_with(".json") && std::filesystem::is_regular_file(arg, ec);
    return !session;
}

int run(int argc, char** argv) {
    const std::string command = argv[1];
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (command == "--version") {
            std::cout << "attentionlab " << kVersion << "\n";
            return 0;
        }
        if (command == "trace") return run_trace(argc, argv);
        if (command == "export") return run_export(argc, argv);
        if (command == "bench") return run_bench(argc, argv);
        if (command == "grad") return run_grad(argc, argv);
        if (command == "train") return run_train(argc, argv);
        throw UsageError("unknown command '" + command + "' (see attentionlab --help)");
    } catch (const UsageError& e) {
        std::cerr << "attentionlab: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "attentionlab: " << e.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "attentionlab: out of memory: the model or input is too large for this machine\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "attentionlab: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace attn::cli
