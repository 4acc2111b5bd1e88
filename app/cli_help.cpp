#include "cli_help.h"

namespace attn::cli {
namespace {

constexpr const char* kCommands = R"(Attention Lab: Transformer attention, computed step by step.

Usage:
  attentionlab                      open the desktop app on its built-in example
  attentionlab --model DIR          open the desktop app on a Hugging Face model folder (GPT-2, BERT,
                                    Llama, Qwen2, Qwen3, Mistral; SmolLM2 is Llama)
  attentionlab trace [options]      compute a forward pass and write every intermediate as .npy
  attentionlab export [options]     write stages as images (png, svg, pdf) or data (csv, npy, json)
  attentionlab grad [options] --labels L.npy --out DIR
                                    the cross-entropy loss of labelled input and the gradient of every
                                    parameter and of the input embeddings
  attentionlab train --task NAME [options] --out DIR
                                    train a model on a built-in task (copy, reverse, sort, induction,
                                    translation) or on a text (--task text --corpus FILE) and save it
                                    where trace and the app open it
  attentionlab heads [model and input options] [--json]
                                    what each head does: previous-token, induction and first-token
                                    scores, heads over the thresholds marked
  attentionlab lens [model and input options] [--position P] [--top-k K] [--json]
                                    the logit lens: the top next tokens read from the residual stream
                                    after each layer (through the final norm and the output head)
  attentionlab predict --model DIR --text "..." [--top-k K] [--json]
                                    a causal LM (GPT-2, Llama, …): the most probable next tokens; BERT:
                                    the words for each [MASK]
  attentionlab generate --model DIR | --config builtin:NAME --text "..." --tokens N [--temperature T]
                      [--top-k K] [--seed S]
                                    a causal LM: continue the text one token at a time with a KV cache
  attentionlab bench [--json] [--only NAME] [--model DIR]
                                    time full traces (classroom, small, gpt2-layer-512, gpt2-layer-1024,
                                    gpt2-small-1024, encoder-decoder), the GEMM rate, scaling with n, and
                                    one training step of the reversal task (train-step-reverse) and of
                                    the Shakespeare model's shape (train-step-shakespeare); a GPT-2
                                    folder opened (open-gpt2), 1 MB tokenized (tokenize-1mb) and its whole
                                    trace at n = 1024 with logits (gpt2-small-model-1024)
  attentionlab --help | --version
)";

constexpr const char* kModelAndInput = R"(Model and input (trace, export, grad):
  --config C.json                   model config (default: the built-in classroom model); builtin:NAME
                                    is a trained model the app ships, config and weights (shakespeare,
                                    tang-poems, induction, reverse, translation)
  --weights W.safetensors           PyTorch nn.Transformer state_dict (default: weights from the seed)
  --text "..."                      the input (encoder-decoder: the source) as text (default: the
                                    built-in example "the cat sat on the mat")
  --target-text "..."               encoder-decoder: the target as text
  --src-embeddings X.npy            instead of --text: token embeddings (T, d_model), before positions
  --tgt-embeddings Y.npy            instead of --target-text: target embeddings (T, d_model)
  --session S.json                  export only: a saved session instead of the four options above
  --model DIR                       instead of --config and --weights: a Hugging Face GPT-2, BERT,
                                    Llama, Qwen2, Qwen3 or Mistral folder (config.json,
                                    model.safetensors or its shards, and the tokenizer files); --text
                                    is then split by the model's own tokenizer
  --truncate                        with --model: keep the first tokens the model has positions for,
                                    instead of refusing a text that is too long
  --chat                            with --model: wrap --text in the model's chat template (one user
                                    turn and the assistant's prompt), as transformers'
                                    apply_chat_template does; the model needs tokenizer_config.json's
                                    chat_template (Qwen2.5/3, Llama 3, SmolLM2 instruct models)
)";

constexpr const char* kPredict = R"(predict (needs the model's head: a causal LM's, BERT's masked-word head):
  --model DIR                       the model folder (GPT-2, BERT, Llama, Qwen2, Qwen3, Mistral)
  --config builtin:NAME             instead of --model: one of the app's trained models, or a config file
                                    with --weights FILE
  --text "..."                      a causal LM: the text to continue; BERT: a text with one or more [MASK]
  --top-k K                         how many candidates to list (default 10)
  --ablate L.H[,L.H…]               knock out these self-attention heads (layer.head, from 0) and show
                                    how each probability moved from the model as it is
  --ablate-mode zero|mean           a knocked-out head passes on 0 (default) or its mean over the text
  --json                            tokens, ids, probabilities and logits as JSON, for scripts
  --truncate                        cut a text longer than the model's positions
  --chat                            wrap the text in the model's chat template first (instruct models)
)";

constexpr const char* kGenerate = R"(generate (a causal LM: GPT-2, Llama, Qwen, Mistral or the app's own decoder):
  --model DIR  --text "..."         the model and the prompt
  --config builtin:NAME             instead of --model: one of the app's trained decoders (shakespeare,
                                    tang-poems, induction), or a config file with --weights FILE; past
                                    its context each token is predicted from the last max_len − 1
  --tokens N                        how many tokens to add (stops early at the model's end-of-text
                                    token); --max-new-tokens N is the same
  --temperature T                   0 (default): always the most probable token; above 0: sample from
                                    softmax(logits / T)
  --top-k K                         with a temperature: sample among the K most probable only
  --seed S                          with a temperature: the same seed gives the same text (default 0)
  --json                            the prompt, the tokens added with their probabilities, and why it stopped
  --chat                            wrap the prompt in the model's chat template: the model answers it
  --truncate                        cut a prompt longer than the model's positions
)";

constexpr const char* kGrad = R"(grad (the config needs an output head: vocab_size, or a vocab):
  --labels L.npy                    integer labels, one per position of the last stack's sequence
                                    (the target for encoder-decoder); -100 ignores a position
  --out DIR                         DIR/loss.json, DIR/grads/<state_dict name>.npy for every parameter,
                                    DIR/grads/src_embeddings.npy (and tgt_embeddings.npy): the gradient
                                    with respect to the embeddings given, before positions are added
)";

constexpr const char* kTrace = R"(trace:
  --out DIR                         folder for manifest.json and one <stage>.npy per stage
)";

constexpr const char* kExport = R"(export:
  --stage NAME | all | heads-grid   e.g. encoder.layers.0.self_attn.weights; all = every stage, with
                                    one file per head of each multi-head stage (<stage>.head<h>.<ext>);
                                    heads-grid = every layer (rows) and head (columns) in one figure
  --layers L  --heads H             heads-grid: the rows and columns to draw, e.g. --layers 0-3,11
                                    --heads 0,5 (default: all); a grid with too many tokens for its
                                    panels pools them (each cell the largest of k x k weights, noted)
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
)";

constexpr const char* kHeads = R"(heads (the model and input options of trace; --json for scripts):
  previous-token                    mean weight on the token before, on --text
  induction                         on a random sequence of distinct tokens repeated twice: mean weight
                                    from each token of the repeat to the token after its earlier
                                    occurrence (what an induction head copies)
  first-token                       mean weight on the first token (an attention sink above 0.5)
)";

constexpr const char* kLens = R"(lens (the model and input options of trace; the model needs an output head):
  --position P                      the position whose next token is guessed (text: the last by default;
                                    JSON: every position unless given)
  --top-k K                         tokens per layer (default 3)
  --json                            one row per layer, the embeddings first: each position's top tokens
                                    and probabilities
)";

constexpr const char* kTrain = R"(train:
  --task NAME                       copy, reverse, sort, induction, translation, or text
  --config C.json                   the model (default: the task's; its vocab is the task's unless given)
  --weights W.safetensors           start from these weights (default: from the config's seed)
  --steps N  --lr X  --batch-size B  --optimizer adamw|sgd  --seed S
                                    (defaults: the task's, chosen so that it converges; seed 0)
  --out DIR                         DIR/config.json, model.safetensors, log.csv, summary.json
                                    Ctrl+C stops after the current step and still writes them
  --warmup N                        steps of linear learning-rate warm-up (the text task: 100, then a
                                    cosine decay to a tenth)
text task (next-character prediction; the last tenth of the corpus is held out):
  --corpus FILE                     a UTF-8 text of at most 64 MB
  --tokenizer char                  one token per character (the only one)
  --layers L  --heads H  --d-model D  --context N
                                    the pre-norm decoder's shape (defaults 4, 4, 128, 64)
  --positions learned|rope          learned positions (default, as GPT-2) or RoPE
  --repeats X                       the share of training windows in which a random stretch is written
                                    again right after itself (default 0.5; 0: the text as it is):
                                    copying pays within a short window, so induction heads form in
                                    minutes
                                    summary.json adds the held-out loss in bits per character and a sample
)";

constexpr const char* kExamples = R"(Examples:
  attentionlab trace --text "the cat sat on the mat" --out trace/
  attentionlab export --text "the cat sat on the mat" --stage encoder.layers.0.self_attn.weights \
      --head 1 --format svg --width 3.3in --out weights.svg
  attentionlab predict --model ~/models/bert-base-chinese --text "我爱机器[MASK]习"
  attentionlab generate --model ~/models/gpt2 --text "The meaning of life is" --max-new-tokens 20
  attentionlab generate --config builtin:shakespeare --text "ROMEO:" --tokens 200 --temperature 0.8 --seed 1
  attentionlab train --task text --corpus input.txt --steps 2000 --out my-model/
  attentionlab heads --config builtin:shakespeare --text "ROMEO: But soft, what light"
)";

constexpr const char* kBench = R"(bench:
  --json                            the figures as JSON ({"name", "median_ms", …} per benchmark)
  --only NAME                       one benchmark: classroom, small, gpt2-layer-512, gpt2-layer-1024,
                                    gpt2-small-1024, encoder-decoder, gemm, projection-gemm, qk-gemm,
                                    scaling, train-step-reverse, train-step-shakespeare, open-gpt2,
                                    tokenize-1mb, gpt2-small-model-1024, gpt2-small-ablate-128,
                                    gpt2-small-lens-1024, open-qwen2.5-0.5b, qwen2.5-0.5b-trace-512 or
                                    qwen2.5-0.5b-token
  --model DIR                       the folder the model benchmarks (open-gpt2 and after) read (default:
                                    a GPT-2-small- or Qwen2.5-0.5B-shaped folder of random weights,
                                    generated once in the temporary folder)
)";

}  // namespace

std::string usage() {
    return std::string(kCommands) + kModelAndInput + "\n" + kGrad + "\n" + kTrace + "\n" + kExport + "\n" + kPredict + "\n" +
           kGenerate + "\n" + kHeads + "\n" + kLens + "\n" + kTrain + "\n" + kExamples;
}

std::string command_help(const std::string& command) {
    const std::string head = "Usage: attentionlab " + command + " [options]\n\n";
    if (command == "trace") return head + kTrace + "\n" + kModelAndInput;
    if (command == "export") return head + kExport + "\n" + kModelAndInput;
    if (command == "grad") return head + kGrad + "\n" + kModelAndInput;
    if (command == "train") return head + kTrain;
    if (command == "predict") return head + kPredict;
    if (command == "generate") return head + kGenerate;
    if (command == "heads") return head + kHeads + "\n" + kModelAndInput;
    if (command == "lens") return head + kLens + "\n" + kModelAndInput;
    if (command == "bench") return head + kBench;
    return usage();
}

}  // namespace attn::cli
