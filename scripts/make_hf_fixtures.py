#!/usr/bin/env python3
"""Writes tests/data/hf/<case>/: tiny Hugging Face model folders (GPT-2 and BERT layouts) and
what their forward passes compute, so the C++ tests can check that Attention Lab opens such
folders and computes as transformers does.

The `transformers` library is not available here, so the forward passes are written below from
their published definitions (transformers' modeling_gpt2.py, modeling_bert.py, modeling_llama.py,
modeling_qwen2.py and modeling_mistral.py) with PyTorch's own functions: Conv1D is x @ W + b with
W stored (in, out); GPT-2 is pre-norm with gelu_new; BERT is post-norm with exact GELU and eps
1e-12; Llama, Qwen2 and Mistral are pre-norm with RMSNorm, SwiGLU, RoPE by rotate_half and
grouped-query attention (repeat_kv), Qwen2 with q, k, v biases, Mistral with a sliding window.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/make_hf_fixtures.py
Each case folder holds the model folder's files (config.json, model.safetensors or shards,
tokenizer files) and expected.safetensors: the token ids ("token_ids") and one tensor per
checked stage, named as Attention Lab names its stages.
"""
import json
import math
import os
import shutil
import struct

import argparse

# The options first: --help needs no PyTorch, and never writes anything.
_parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
_parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "hf"),
                     help="the folder the case folders are written to (default: tests/data/hf)")
OUT = _parser.parse_args().out

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64"}


def save_safetensors(path, tensors, dtype=torch.float32):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        t = tensors[name].detach()
        t = t if t.dtype == torch.int64 else t.to(dtype)
        data = t.contiguous().view(torch.uint8).numpy().tobytes() if t.dtype in (torch.float16, torch.bfloat16) \
            else t.contiguous().numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def rounded(tensors, dtype):
    """The weights as the file stores them, back in float32: what the model computes with."""
    return {k: (v.to(dtype).to(torch.float32) if v.dtype == torch.float32 else v) for k, v in tensors.items()}


# ---------------------------------------------------------------- GPT-2

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def gpt2_tokenizer_files(folder):
    """A byte-level BPE vocab: the 256 byte symbols, a few merges, <|endoftext|>."""
    symbols = [bytes_to_unicode()[b] for b in range(256)]
    merges = [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("Ġ", "a"), ("i", "n"), ("Ġ", "c"), ("a", "t"), ("Ġc", "at")]
    vocab = {s: i for i, s in enumerate(symbols)}
    for a, b in merges:
        vocab[a + b] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    with open(os.path.join(folder, "vocab.json"), "w") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    return len(vocab)


def gpt2_weights(cfg, gen):
    D, F_, V, P = cfg["n_embd"], cfg["n_inner"] or 4 * cfg["n_embd"], cfg["vocab_size"], cfg["n_positions"]
    r = lambda *shape, s=0.2: torch.randn(*shape, generator=gen) * s
    w = {"wte.weight": r(V, D), "wpe.weight": r(P, D, s=0.1), "ln_f.weight": 1 + r(D, s=0.1), "ln_f.bias": r(D, s=0.1)}
    for i in range(cfg["n_layer"]):
        h = f"h.{i}."
        w.update({h + "ln_1.weight": 1 + r(D, s=0.1), h + "ln_1.bias": r(D, s=0.1),
                  h + "attn.c_attn.weight": r(D, 3 * D), h + "attn.c_attn.bias": r(3 * D, s=0.1),
                  h + "attn.c_proj.weight": r(D, D), h + "attn.c_proj.bias": r(D, s=0.1),
                  h + "ln_2.weight": 1 + r(D, s=0.1), h + "ln_2.bias": r(D, s=0.1),
                  h + "mlp.c_fc.weight": r(D, F_), h + "mlp.c_fc.bias": r(F_, s=0.1),
                  h + "mlp.c_proj.weight": r(F_, D), h + "mlp.c_proj.bias": r(D, s=0.1)})
    return w


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def gpt2_forward(cfg, w, ids):
    """modeling_gpt2.GPT2LMHeadModel.forward for one sequence, keeping the stages Attention Lab names."""
    D, H, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    act = gelu_new if cfg["activation_function"] in ("gelu_new", "gelu_pytorch_tanh") else F.gelu
    T, Dk = len(ids), D // H
    out = {}
    x = w["wte.weight"][ids] + w["wpe.weight"][torch.arange(T)]
    out["src.input"] = x
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for i in range(cfg["n_layer"]):
        h, L = f"h.{i}.", f"decoder.layers.{i}"
        a = F.layer_norm(x, (D,), w[h + "ln_1.weight"], w[h + "ln_1.bias"], eps)
        qkv = a @ w[h + "attn.c_attn.weight"] + w[h + "attn.c_attn.bias"]  # Conv1D: x @ W + b
        q, k, v = qkv.split(D, dim=1)
        out[L + ".self_attn.q"], out[L + ".self_attn.k"], out[L + ".self_attn.v"] = q, k, v
        qh, kh, vh = (t.view(T, H, Dk).transpose(0, 1) for t in (q, k, v))
        scores = qh @ kh.transpose(-1, -2)
        if cfg.get("scale_attn_weights", True):
            scores = scores / torch.full([], vh.size(-1) ** 0.5)
        if cfg.get("scale_attn_by_inverse_layer_idx", False):
            scores = scores / float(i + 1)
        scores = torch.where(causal, scores, torch.tensor(torch.finfo(scores.dtype).min))
        weights = torch.softmax(scores, dim=-1)
        out[L + ".self_attn.weights"] = weights
        context = (weights @ vh).transpose(0, 1).reshape(T, D)
        attn = context @ w[h + "attn.c_proj.weight"] + w[h + "attn.c_proj.bias"]
        x = x + attn
        m = F.layer_norm(x, (D,), w[h + "ln_2.weight"], w[h + "ln_2.bias"], eps)
        m = act(m @ w[h + "mlp.c_fc.weight"] + w[h + "mlp.c_fc.bias"]) @ w[h + "mlp.c_proj.weight"] + w[h + "mlp.c_proj.bias"]
        x = x + m
        out[L + ".output"] = x
    x = F.layer_norm(x, (D,), w["ln_f.weight"], w["ln_f.bias"], eps)
    out["decoder.output"] = x
    out["output.logits"] = x @ w["wte.weight"].T  # lm_head, tied, no bias
    return out


# ---------------------------------------------------------------- BERT

BERT_VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "on", "mat", "play", "##ing", "##ed",
              "un", "##aff", "##able", ",", ".", "!", "我", "爱", "机", "器", "学", "习", "hello", "world", "cafe"]


def bert_weights(cfg, gen, mlm_head=True):
    D, F_, V, P, TV = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"], cfg["max_position_embeddings"], cfg["type_vocab_size"]
    r = lambda *shape, s=0.2: torch.randn(*shape, generator=gen) * s
    w = {"embeddings.word_embeddings.weight": r(V, D), "embeddings.position_embeddings.weight": r(P, D, s=0.1),
         "embeddings.token_type_embeddings.weight": r(TV, D, s=0.1),
         "embeddings.LayerNorm.weight": 1 + r(D, s=0.1), "embeddings.LayerNorm.bias": r(D, s=0.1)}
    for i in range(cfg["num_hidden_layers"]):
        L = f"encoder.layer.{i}."
        for part in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"):
            w[L + part + ".weight"], w[L + part + ".bias"] = r(D, D), r(D, s=0.1)
        w[L + "intermediate.dense.weight"], w[L + "intermediate.dense.bias"] = r(F_, D), r(F_, s=0.1)
        w[L + "output.dense.weight"], w[L + "output.dense.bias"] = r(D, F_), r(D, s=0.1)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[L + norm + ".weight"], w[L + norm + ".bias"] = 1 + r(D, s=0.1), r(D, s=0.1)
    if mlm_head:
        w.update({"cls.predictions.transform.dense.weight": r(D, D), "cls.predictions.transform.dense.bias": r(D, s=0.1),
                  "cls.predictions.transform.LayerNorm.weight": 1 + r(D, s=0.1),
                  "cls.predictions.transform.LayerNorm.bias": r(D, s=0.1), "cls.predictions.bias": r(V, s=0.1)})
    return w


def bert_forward(cfg, w, ids):
    """modeling_bert.BertForMaskedLM.forward for one sequence (token types 0, no padding)."""
    D, H, eps = cfg["hidden_size"], cfg["num_attention_heads"], cfg["layer_norm_eps"]
    T, Dk = len(ids), D // H
    out = {}
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][torch.zeros(T, dtype=torch.long)] \
        + w["embeddings.position_embeddings.weight"][torch.arange(T)]
    out["src.input"] = x
    x = F.layer_norm(x, (D,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
    out["src.norm"] = x
    for i in range(cfg["num_hidden_layers"]):
        p, L = f"encoder.layer.{i}.", f"encoder.layers.{i}"
        lin = lambda t, name: F.linear(t, w[p + name + ".weight"], w[p + name + ".bias"])
        q, k, v = lin(x, "attention.self.query"), lin(x, "attention.self.key"), lin(x, "attention.self.value")
        out[L + ".self_attn.q"], out[L + ".self_attn.k"], out[L + ".self_attn.v"] = q, k, v
        qh, kh, vh = (t.view(T, H, Dk).transpose(0, 1) for t in (q, k, v))
        weights = torch.softmax(qh @ kh.transpose(-1, -2) / math.sqrt(Dk), dim=-1)
        out[L + ".self_attn.weights"] = weights
        context = (weights @ vh).transpose(0, 1).reshape(T, D)
        x = F.layer_norm(lin(context, "attention.output.dense") + x, (D,), w[p + "attention.output.LayerNorm.weight"],
                         w[p + "attention.output.LayerNorm.bias"], eps)
        m = lin(F.gelu(lin(x, "intermediate.dense")), "output.dense")
        x = F.layer_norm(m + x, (D,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
        out[L + ".output"] = x
    if "cls.predictions.bias" in w:
        t = F.gelu(F.linear(x, w["cls.predictions.transform.dense.weight"], w["cls.predictions.transform.dense.bias"]))
        t = F.layer_norm(t, (D,), w["cls.predictions.transform.LayerNorm.weight"], w["cls.predictions.transform.LayerNorm.bias"], eps)
        out["output.logits"] = t @ w["embeddings.word_embeddings.weight"].T + w["cls.predictions.bias"]
    return out


# ---------------------------------------------------------------- cases

def write_case(name, config, files_weights, expected, ids, tokenizer, shards=None, dtype=torch.float32):
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    tokenizer(folder)
    if shards:
        names = sorted(files_weights)
        half = len(names) // 2
        parts = {"model-00001-of-00002.safetensors": names[:half], "model-00002-of-00002.safetensors": names[half:]}
        for file, keys in parts.items():
            save_safetensors(os.path.join(folder, file), {k: files_weights[k] for k in keys}, dtype)
        index = {"metadata": {"total_size": 0}, "weight_map": {k: f for f, keys in parts.items() for k in keys}}
        with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
            json.dump(index, f, indent=2)
    else:
        save_safetensors(os.path.join(folder, "model.safetensors"), files_weights, dtype)
    checked = {k: v.contiguous() for k, v in expected.items()}
    checked["token_ids"] = torch.tensor(ids, dtype=torch.float32)
    save_safetensors(os.path.join(folder, "expected.safetensors"), checked)


def gpt2_cases():
    gen = torch.Generator().manual_seed(13)
    base = {"model_type": "gpt2", "n_embd": 16, "n_head": 2, "n_layer": 2, "n_positions": 32, "n_inner": None,
            "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "bos_token_id": 264, "eos_token_id": 264}
    tmp = os.path.join(OUT, ".vocab")
    os.makedirs(tmp, exist_ok=True)
    base["vocab_size"] = gpt2_tokenizer_files(tmp)
    shutil.rmtree(tmp)
    ids = [256 + 2, 256 + 7, 256 + 4, 101, 33, 264, 256 + 3]  # "Ġthe Ġcat in e ! <|endoftext|> Ġa"
    w = gpt2_weights(base, gen)
    prefixed = {("transformer." + k): v for k, v in w.items()}
    for i in range(base["n_layer"]):  # buffers saved by older versions, and the tied head
        prefixed[f"transformer.h.{i}.attn.bias"] = torch.tril(torch.ones(32, 32)).view(1, 1, 32, 32)
        prefixed[f"transformer.h.{i}.attn.masked_bias"] = torch.tensor(-1e4)
    prefixed["lm_head.weight"] = w["wte.weight"]
    write_case("gpt2-tiny", base, w, gpt2_forward(base, w, ids), ids, gpt2_tokenizer_files)
    write_case("gpt2-tiny-prefixed", base, prefixed, gpt2_forward(base, w, ids), ids, gpt2_tokenizer_files)
    write_case("gpt2-tiny-sharded", base, w, gpt2_forward(base, w, ids), ids, gpt2_tokenizer_files, shards=True)
    write_case("gpt2-tiny-f16", base, w, gpt2_forward(base, rounded(w, torch.float16), ids), ids, gpt2_tokenizer_files,
               dtype=torch.float16)
    scaled = dict(base, scale_attn_by_inverse_layer_idx=True, n_inner=24, activation_function="gelu")
    w2 = gpt2_weights(scaled, gen)
    write_case("gpt2-tiny-scaled", scaled, w2, gpt2_forward(scaled, w2, ids), ids, gpt2_tokenizer_files)


def bert_tokenizer(lower=True):
    def write(folder):
        with open(os.path.join(folder, "vocab.txt"), "w") as f:
            f.write("\n".join(BERT_VOCAB) + "\n")
        with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
            json.dump({"do_lower_case": lower}, f)
    return write


def bert_cases():
    gen = torch.Generator().manual_seed(17)
    cfg = {"model_type": "bert", "hidden_size": 16, "num_attention_heads": 4, "num_hidden_layers": 2, "intermediate_size": 32,
           "hidden_act": "gelu", "layer_norm_eps": 1e-12, "max_position_embeddings": 24, "type_vocab_size": 2,
           "vocab_size": len(BERT_VOCAB), "position_embedding_type": "absolute", "pad_token_id": 0}
    ids = [2, 5, 6, 4, 8, 5, 9, 17, 19, 20, 3]  # [CLS] the cat [MASK] on the mat . 我 爱 [SEP]
    w = bert_weights(cfg, gen)
    prefixed = {("bert." + k if not k.startswith("cls.") else k): v for k, v in w.items()}
    prefixed["bert.embeddings.position_ids"] = torch.arange(24).view(1, 24)
    prefixed["bert.pooler.dense.weight"] = torch.zeros(16, 16)
    prefixed["bert.pooler.dense.bias"] = torch.zeros(16)
    write_case("bert-tiny", cfg, prefixed, bert_forward(cfg, w, ids), ids, bert_tokenizer())
    write_case("bert-tiny-bf16", cfg, w, bert_forward(cfg, rounded(w, torch.bfloat16), ids), ids, bert_tokenizer(),
               dtype=torch.bfloat16)
    bare = {k: v for k, v in w.items() if not k.startswith("cls.")}
    write_case("bert-tiny-no-head", cfg, bare, bert_forward(cfg, bare, ids), ids, bert_tokenizer(lower=False))


# ---------------------------------------------------------------- Llama, Qwen2, Mistral

LLAMA3_PATTERN = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
QWEN2_PATTERN = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"


def llama_tokenizer(pattern, bos, nfc):
    """A tokenizer.json as Llama 3's and Qwen2's are built: byte-level BPE behind a Split regex,
    added special tokens, Llama 3's <|begin_of_text|> template (bos) and Qwen2's NFC normalizer."""
    def write(folder):
        symbols = [bytes_to_unicode()[b] for b in range(256)]
        merges = [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("Ġ", "c"), ("a", "t"), ("Ġc", "at"), ("1", "2"), ("12", "3")]
        vocab = {sym: i for i, sym in enumerate(symbols)}
        for a, b in merges:
            vocab[a + b] = len(vocab)
        specials = ["<|begin_of_text|>", "<|end_of_text|>"] if bos else ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
        added = [{"id": len(vocab) + i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for i, t in enumerate(specials)]
        tok = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
               "normalizer": {"type": "NFC"} if nfc else None,
               "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                   {"type": "Split", "pattern": {"Regex": pattern}, "behavior": "Isolated", "invert": False},
                   {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
               "post_processor": {"type": "TemplateProcessing",
                                  "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}},
                                             {"Sequence": {"id": "A", "type_id": 0}}],
                                  "pair": [], "special_tokens": {}} if bos else
               {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
               "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
               "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                         "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": bos,
                         "vocab": vocab, "merges": [f"{a} {b}" for a, b in merges]}}
        with open(os.path.join(folder, "tokenizer.json"), "w") as f:
            json.dump(tok, f, ensure_ascii=False)
        if not bos:  # Qwen's instruct models: the ChatML template (Qwen2.5's, its default system line shortened)
            with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
                json.dump({"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>", "chat_template": QWEN_CHAT_TEMPLATE}, f)
    return write


QWEN_CHAT_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}"
    "{%- else %}{{- '<|im_start|>system\\nYou are Qwen.<|im_end|>\\n' }}{%- endif %}"
    "{%- for message in messages %}{%- if message.role != 'system' %}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endif %}{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}\n")


def llama_weights(cfg, gen, qkv_bias=False, tied=False):
    D, H, F_, V = cfg["hidden_size"], cfg["num_attention_heads"], cfg["intermediate_size"], cfg["vocab_size"]
    Hkv, Dk = cfg["num_key_value_heads"], cfg.get("head_dim") or D // H
    r = lambda *shape, s=0.2: torch.randn(*shape, generator=gen) * s
    w = {"model.embed_tokens.weight": r(V, D, s=0.5), "model.norm.weight": 1 + r(D, s=0.1)}
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        w.update({p + "input_layernorm.weight": 1 + r(D, s=0.1), p + "post_attention_layernorm.weight": 1 + r(D, s=0.1),
                  p + "self_attn.q_proj.weight": r(H * Dk, D), p + "self_attn.k_proj.weight": r(Hkv * Dk, D),
                  p + "self_attn.v_proj.weight": r(Hkv * Dk, D), p + "self_attn.o_proj.weight": r(D, H * Dk),
                  p + "mlp.gate_proj.weight": r(F_, D), p + "mlp.up_proj.weight": r(F_, D), p + "mlp.down_proj.weight": r(D, F_)})
        if qkv_bias:
            w.update({p + "self_attn.q_proj.bias": r(H * Dk), p + "self_attn.k_proj.bias": r(Hkv * Dk),
                      p + "self_attn.v_proj.bias": r(Hkv * Dk)})
        if cfg["model_type"] == "qwen3":
            w.update({p + "self_attn.q_norm.weight": 1 + r(Dk, s=0.2), p + "self_attn.k_norm.weight": 1 + r(Dk, s=0.2)})
    if not tied:
        w["lm_head.weight"] = r(V, D)
    return w


def scaled_inv_freq(inv_freq, scaling):
    """transformers' modeling_rope_utils: _compute_linear_scaling_rope_parameters and _compute_llama3_parameters."""
    if not scaling:
        return inv_freq
    kind = scaling.get("rope_type", scaling.get("type"))
    if kind == "linear":
        return inv_freq / scaling["factor"]
    assert kind == "llama3", kind
    factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
    old_context_len = scaling["original_max_position_embeddings"]
    low_freq_wavelen, high_freq_wavelen = old_context_len / low, old_context_len / high
    wavelen = 2 * math.pi / inv_freq
    inv_freq_llama = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
    smooth_factor = (old_context_len / wavelen - low) / (high - low)
    smoothed_inv_freq = (1 - smooth_factor) * inv_freq_llama / factor + smooth_factor * inv_freq_llama
    is_medium_freq = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
    return torch.where(is_medium_freq, smoothed_inv_freq, inv_freq_llama)


def llama_forward(cfg, w, ids):
    """modeling_llama.LlamaForCausalLM.forward for one sequence (Qwen2's and Mistral's are the same with
    q, k, v biases or a sliding window), keeping the stages Attention Lab names."""
    D, H, eps = cfg["hidden_size"], cfg["num_attention_heads"], cfg["rms_norm_eps"]
    Hkv, Dk, T = cfg["num_key_value_heads"], cfg.get("head_dim") or D // H, len(ids)
    rms = lambda x, g: g * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))  # LlamaRMSNorm
    inv_freq = scaled_inv_freq(1.0 / (cfg.get("rope_theta", 10000.0) ** (torch.arange(0, Dk, 2, dtype=torch.float32) / Dk)),
                               cfg.get("rope_scaling"))
    freqs = torch.outer(torch.arange(T, dtype=torch.float32), inv_freq)
    cos, sin = torch.cat((freqs, freqs), -1).cos(), torch.cat((freqs, freqs), -1).sin()
    rotate_half = lambda x: torch.cat((-x[..., Dk // 2:], x[..., :Dk // 2]), -1)
    i_, j_ = torch.arange(T)[:, None], torch.arange(T)[None, :]
    allowed = j_ <= i_
    if cfg.get("sliding_window"):
        allowed &= (i_ - j_) < cfg["sliding_window"]
    bias = lambda name: w.get(name, 0)
    out = {}
    x = w["model.embed_tokens.weight"][ids]
    out["src.input"] = x
    for i in range(cfg["num_hidden_layers"]):
        p, L = f"model.layers.{i}.", f"decoder.layers.{i}"
        a = rms(x, w[p + "input_layernorm.weight"])
        q = a @ w[p + "self_attn.q_proj.weight"].T + bias(p + "self_attn.q_proj.bias")
        k = a @ w[p + "self_attn.k_proj.weight"].T + bias(p + "self_attn.k_proj.bias")
        v = a @ w[p + "self_attn.v_proj.weight"].T + bias(p + "self_attn.v_proj.bias")
        out[L + ".self_attn.q"], out[L + ".self_attn.k"], out[L + ".self_attn.v"] = q, k, v
        qh, kh, vh = q.view(T, H, Dk).transpose(0, 1), k.view(T, Hkv, Dk).transpose(0, 1), v.view(T, Hkv, Dk).transpose(0, 1)
        if p + "self_attn.q_norm.weight" in w:  # Qwen3Attention: q_norm, k_norm over head_dim, before RoPE
            qh, kh = rms(qh, w[p + "self_attn.q_norm.weight"]), rms(kh, w[p + "self_attn.k_norm.weight"])
            out[L + ".self_attn.q_norm"] = qh.transpose(0, 1).reshape(T, H * Dk)
        qh, kh = qh * cos + rotate_half(qh) * sin, kh * cos + rotate_half(kh) * sin  # apply_rotary_pos_emb
        kh, vh = kh.repeat_interleave(H // Hkv, 0), vh.repeat_interleave(H // Hkv, 0)  # repeat_kv
        scores = qh @ kh.transpose(-1, -2) / math.sqrt(Dk)
        scores = scores.masked_fill(~allowed, float("-inf"))
        weights = torch.softmax(scores, dim=-1, dtype=torch.float32)
        out[L + ".self_attn.weights"] = weights
        context = (weights @ vh).transpose(0, 1).reshape(T, H * Dk)
        x = x + context @ w[p + "self_attn.o_proj.weight"].T
        m = rms(x, w[p + "post_attention_layernorm.weight"])
        x = x + (F.silu(m @ w[p + "mlp.gate_proj.weight"].T) * (m @ w[p + "mlp.up_proj.weight"].T)) @ w[p + "mlp.down_proj.weight"].T
        out[L + ".output"] = x
    x = rms(x, w["model.norm.weight"])
    out["decoder.output"] = x
    out["output.logits"] = x @ w.get("lm_head.weight", w["model.embed_tokens.weight"]).T
    return out


def llama_cases():
    gen = torch.Generator().manual_seed(19)
    base = {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 16, "num_attention_heads": 4,
            "num_key_value_heads": 2, "num_hidden_layers": 2, "intermediate_size": 24, "hidden_act": "silu",
            "max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 500000.0, "rope_scaling": None,
            "attention_bias": False, "mlp_bias": False, "tie_word_embeddings": False, "torch_dtype": "bfloat16",
            "bos_token_id": 264, "eos_token_id": 265, "vocab_size": 266}
    ids = [264, 256 + 2, 256 + 5, 105, 110, 33, 256 + 7, 52, 265]  # <|begin_of_text|> Ġthe Ġcat i n ! 123 4 <|end_of_text|>
    w = llama_weights(base, gen)
    write_case("llama-tiny", base, w, llama_forward(base, w, ids), ids, llama_tokenizer(LLAMA3_PATTERN, True, False))
    write_case("llama-tiny-bf16", base, w, llama_forward(base, rounded(w, torch.bfloat16), ids), ids,
               llama_tokenizer(LLAMA3_PATTERN, True, False), dtype=torch.bfloat16)
    # Llama 3.1's rope_scaling: with d_k 8 its four frequencies fall in all three of the rule's bands.
    scaled = dict(base, hidden_size=32, rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                                                      "high_freq_factor": 16.0, "original_max_position_embeddings": 2048})
    gen_scaled = torch.Generator().manual_seed(23)  # its own stream: the other folders' weights stay as they were
    wl = llama_weights(scaled, gen_scaled)
    write_case("llama-tiny-rope-llama3", scaled, wl, llama_forward(scaled, wl, ids), ids,
               llama_tokenizer(LLAMA3_PATTERN, True, False))
    linear = dict(base, rope_scaling={"type": "linear", "factor": 4.0})
    wli = llama_weights(linear, gen_scaled)
    write_case("llama-tiny-rope-linear", linear, wli, llama_forward(linear, wli, ids), ids,
               llama_tokenizer(LLAMA3_PATTERN, True, False))
    smol = dict(base, num_key_value_heads=4, tie_word_embeddings=True, rope_theta=100000.0)  # SmolLM2: MHA, tied head
    ws = llama_weights(smol, gen, tied=True)
    write_case("smollm-tiny", smol, ws, llama_forward(smol, ws, ids), ids, llama_tokenizer(LLAMA3_PATTERN, True, False))
    qwen = dict(base, model_type="qwen2", architectures=["Qwen2ForCausalLM"], num_key_value_heads=1, rope_theta=1000000.0,
                rms_norm_eps=1e-6, use_sliding_window=False, sliding_window=32768, max_window_layers=2,
                tie_word_embeddings=True, bos_token_id=None, eos_token_id=264, vocab_size=267)
    del qwen["attention_bias"], qwen["mlp_bias"]
    qids = [256 + 2, 256 + 5, 105, 110, 33, 256 + 7, 52, 264]
    wq = llama_weights(qwen, gen, qkv_bias=True, tied=True)
    write_case("qwen2-tiny", qwen, wq, llama_forward(qwen, wq, qids), qids, llama_tokenizer(QWEN2_PATTERN, False, True))
    # Qwen3: QK-norm, no biases, and heads wider than the model (4 × 8 = 32 over hidden_size 16).
    qwen3 = dict(base, model_type="qwen3", architectures=["Qwen3ForCausalLM"], head_dim=8, num_key_value_heads=2,
                 rope_theta=1000000.0, rms_norm_eps=1e-6, use_sliding_window=False, sliding_window=None,
                 max_window_layers=2, tie_word_embeddings=True, bos_token_id=None, eos_token_id=264, vocab_size=267)
    del qwen3["mlp_bias"]
    g3 = torch.Generator().manual_seed(29)
    w3 = llama_weights(qwen3, g3, tied=True)
    write_case("qwen3-tiny", qwen3, w3, llama_forward(qwen3, w3, qids), qids, llama_tokenizer(QWEN2_PATTERN, False, True))
    mistral = dict(base, model_type="mistral", architectures=["MistralForCausalLM"], sliding_window=3, rope_theta=10000.0)
    del mistral["attention_bias"], mistral["mlp_bias"]
    wm = llama_weights(mistral, gen)
    write_case("mistral-tiny", mistral, wm, llama_forward(mistral, wm, ids), ids, llama_tokenizer(LLAMA3_PATTERN, True, False),
               shards=True)


if __name__ == "__main__":
    torch.set_grad_enabled(False)
    gpt2_cases()
    bert_cases()
    llama_cases()
    print("wrote", OUT)
