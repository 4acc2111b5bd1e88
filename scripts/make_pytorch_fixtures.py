#!/usr/bin/env python3
"""Writes tests/data/pytorch/<case>/: small models run through PyTorch's own
nn.Transformer modules, so the C++ tests can check that Attention Lab gives
PyTorch's numbers on PyTorch's weights; and tests/data/pytorch_grad/<case>/:
the same kind of model with an output head (generator) and labels, with
autograd's gradient of cross_entropy for every parameter and both inputs.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/make_pytorch_fixtures.py
Each case folder holds config.json, weights.safetensors (the module's
state_dict), src.npy / tgt.npy (token embeddings before positions),
case.json (padding flags and the list of checked stages) and one
expected/<stage>.npy per checked stage.
"""
import json
import math
import os
import struct
import sys

import argparse

# The options first: --help needs neither NumPy nor PyTorch, and never writes anything.
_parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
_parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data"),
                     help="the data folder: its pytorch/, pytorch_grad/ and pytorch_optim/ are written (default: tests/data)")
_root = _parser.parse_args().out
OUT, OPTIM_OUT, GRAD_OUT = (os.path.join(_root, name) for name in ("pytorch", "pytorch_optim", "pytorch_grad"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402


def save_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        data = tensors[name].detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def sinusoidal(T, D, base=10000.0):
    pe = np.zeros((T, D))
    for p in range(T):
        for i in range(0, D, 2):
            angle = p / base ** (i / D)
            pe[p, i] = math.sin(angle)
            if i + 1 < D:
                pe[p, i + 1] = math.cos(angle)
    return pe.astype(np.float32)


def capture_attention(module, captured):
    """Makes every MultiheadAttention inside `module` return and record per-head weights."""
    for name, child in module.named_modules():
        if isinstance(child, nn.MultiheadAttention):
            original = child.forward

            def patched(*args, _name=name, _original=original, **kwargs):
                kwargs["need_weights"] = True
                kwargs["average_attn_weights"] = False
                out, weights = _original(*args, **kwargs)
                captured[_name + ".weights"] = weights[0]
                return out, weights

            child.forward = patched


def capture_layer_outputs(module, captured):
    for name, child in module.named_modules():
        if isinstance(child, (nn.TransformerEncoderLayer, nn.TransformerDecoderLayer)):
            child.register_forward_hook(lambda m, i, o, _name=name: captured.__setitem__(_name + ".output", o[0]))


def randomize(model, generator):
    # Non-trivial biases and LayerNorm parameters, so every term of the math is exercised.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn(p.shape, generator=generator) * 0.2)


class Stack(nn.Module):
    """Gives a bare TransformerEncoder the 'encoder.' or 'decoder.' prefix in its state_dict."""

    def __init__(self, prefix, stack):
        super().__init__()
        setattr(self, prefix, stack)


def causal_mask(n):
    return torch.triu(torch.full((n, n), float("-inf")), diagonal=1)


def build_module(cfg, final_norm):
    D, H = cfg["d_model"], cfg["nhead"]
    kw = dict(d_model=D, nhead=H, dim_feedforward=cfg["dim_feedforward"], dropout=0.0,
              activation=cfg["activation"], layer_norm_eps=cfg["layer_norm_eps"], batch_first=True,
              norm_first=cfg["norm_first"])
    arch = cfg["architecture"]
    if arch == "encoder-decoder":
        return nn.Transformer(num_encoder_layers=cfg["num_encoder_layers"],
                              num_decoder_layers=cfg["num_decoder_layers"], custom_encoder=None, **kw)
    prefix = "encoder" if arch == "encoder-only" else "decoder"
    layers = cfg["num_encoder_layers"] if prefix == "encoder" else cfg["num_decoder_layers"]
    stack = nn.TransformerEncoder(nn.TransformerEncoderLayer(**kw), layers,
                                  norm=nn.LayerNorm(D, eps=cfg["layer_norm_eps"]) if final_norm else None,
                                  enable_nested_tensor=False)
    return Stack(prefix, stack)


def run_stacks(module, cfg, x, y, src_kpm, tgt_kpm):
    """The last stack's output (1, T, D) for embeddings-plus-positions x (and y)."""
    arch, T = cfg["architecture"], x.shape[1]
    if arch == "encoder-only":
        return module.encoder(x, mask=causal_mask(T) if cfg.get("causal") else None, src_key_padding_mask=src_kpm)
    if arch == "decoder-only":
        return module.decoder(x, mask=causal_mask(T), src_key_padding_mask=src_kpm)
    memory = module.encoder(x, src_key_padding_mask=src_kpm)
    return module.decoder(y, memory, tgt_mask=causal_mask(y.shape[1]), tgt_key_padding_mask=tgt_kpm,
                          memory_key_padding_mask=src_kpm)


class WithHead(nn.Module):
    """A model plus nn.Linear(D, V) named 'generator', as Attention Lab's output head."""

    def __init__(self, module, D, V):
        super().__init__()
        for name, child in module.named_children():
            self.add_module(name, child)
        self.generator = nn.Linear(D, V)


def make_grad_case(name, cfg, T, S=None, src_pad=None, final_norm=False):
    """autograd's gradients of cross_entropy(logits, labels) for every parameter and both inputs."""
    torch.manual_seed(cfg["seed"])
    g = torch.Generator().manual_seed(cfg["seed"] + 1)
    D, V = cfg["d_model"], cfg["vocab_size"]
    model = WithHead(build_module(cfg, final_norm), D, V)
    randomize(model, g)
    model.eval()
    src = torch.randn(T, D, generator=g, requires_grad=True)
    tgt = torch.randn(S, D, generator=g, requires_grad=True) if S else None
    pe = (lambda n: torch.from_numpy(sinusoidal(n, D, cfg.get("pe_base", 10000.0)))) \
        if cfg.get("positional_encoding") == "sinusoidal" else (lambda n: torch.zeros(n, D))
    src_kpm = torch.tensor([src_pad]) if src_pad else None
    x = (src + pe(T))[None]
    y = (tgt + pe(S))[None] if S else None
    out = run_stacks(model, cfg, x, y, src_kpm, None)
    logits = model.generator(out[0])
    n = logits.shape[0]
    labels = torch.tensor([(5 * t + 2) % V if t % 3 != 1 else -100 for t in range(n)], dtype=torch.int64)
    loss = nn.functional.cross_entropy(logits, labels, ignore_index=-100)
    loss.backward()

    folder = os.path.join(GRAD_OUT, name)
    os.makedirs(os.path.join(folder, "grads"), exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    save_safetensors(os.path.join(folder, "weights.safetensors"), model.state_dict())
    np.save(os.path.join(folder, "src.npy"), src.detach().numpy())
    if S:
        np.save(os.path.join(folder, "tgt.npy"), tgt.detach().numpy())
    np.save(os.path.join(folder, "labels.npy"), labels.numpy())
    for pname, param in model.named_parameters():
        np.save(os.path.join(folder, "grads", pname + ".npy"), param.grad.numpy().astype(np.float32))
    np.save(os.path.join(folder, "grads", "src_embeddings.npy"), src.grad.numpy().astype(np.float32))
    if S:
        np.save(os.path.join(folder, "grads", "tgt_embeddings.npy"), tgt.grad.numpy().astype(np.float32))
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump({"src_padding": src_pad or [], "loss": loss.item(), "torch_version": torch.__version__}, f, indent=2)
    print(f"{name}: loss {loss.item():.6f}, {len(list(model.parameters()))} parameter tensors")


def rms_norm(x, weight, eps):
    """modeling_llama's LlamaRMSNorm: weight * (x * rsqrt(mean(x²) + eps))."""
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rope(x, base, style):
    """x (heads, T, Dk) turned by position: 'half' as modeling_llama's rotate_half, 'interleaved' as RoFormer's pairs."""
    heads, T, Dk = x.shape
    inv_freq = 1.0 / (base ** (torch.arange(0, Dk, 2, dtype=torch.float32) / Dk))
    freqs = torch.outer(torch.arange(T, dtype=torch.float32), inv_freq)  # (T, Dk/2)
    if style == "half":
        cos, sin = torch.cat((freqs, freqs), -1).cos(), torch.cat((freqs, freqs), -1).sin()
        rotated = torch.cat((-x[..., Dk // 2:], x[..., :Dk // 2]), -1)
        return x * cos + rotated * sin
    a, b = x[..., 0::2], x[..., 1::2]
    return torch.stack((a * freqs.cos() - b * freqs.sin(), a * freqs.sin() + b * freqs.cos()), -1).reshape(heads, T, Dk)


def modern_forward(p, cfg, x):
    """The app's own model with the modern options, written as modeling_llama / modeling_qwen3 compute them:
    RMSNorm or LayerNorm, grouped-query attention (repeat_kv), QK-norm before RoPE, SwiGLU or a plain FFN,
    pre- or post-norm; x (T, D) embeddings -> logits (T, V)."""
    D, H = cfg["d_model"], cfg["nhead"]
    Hkv, Dk, eps = cfg.get("num_kv_heads", H), D // H, cfg["layer_norm_eps"]
    prefix = "decoder" if cfg["architecture"] == "decoder-only" else "encoder"
    layers = cfg["num_decoder_layers"] if prefix == "decoder" else cfg["num_encoder_layers"]
    norm = (lambda v, n: rms_norm(v, p[n + ".weight"], eps)) if cfg.get("norm") == "rmsnorm" else \
        (lambda v, n: nn.functional.layer_norm(v, (D,), p[n + ".weight"], p[n + ".bias"], eps))
    T = x.shape[0]
    allowed = torch.ones(T, T, dtype=torch.bool)
    if prefix == "decoder" or cfg.get("causal"):
        allowed &= torch.ones(T, T).tril().bool()
    if cfg.get("sliding_window"):
        i, j = torch.arange(T)[:, None], torch.arange(T)[None, :]
        allowed &= (i - j).abs() < cfg["sliding_window"]
    mask = torch.zeros(T, T).masked_fill(~allowed, float("-inf"))

    def attention(h, a):
        qkv = h @ p[a + ".in_proj_weight"].T + p[a + ".in_proj_bias"]
        q, k, v = qkv[:, :D], qkv[:, D:D + Hkv * Dk], qkv[:, D + Hkv * Dk:]
        q, k, v = (t.reshape(T, n, Dk).transpose(0, 1) for t, n in ((q, H), (k, Hkv), (v, Hkv)))
        if cfg.get("qk_norm"):  # Qwen3: q_norm / k_norm over head_dim, before RoPE
            q, k = rms_norm(q, p[a + ".q_norm.weight"], eps), rms_norm(k, p[a + ".k_norm.weight"], eps)
        if cfg.get("positional_encoding") == "rope":
            base_, style = cfg.get("rope_theta", cfg.get("pe_base", 10000.0)), cfg.get("rope_style", "interleaved")
            q, k = rope(q, base_, style), rope(k, base_, style)
        k, v = k.repeat_interleave(H // Hkv, 0), v.repeat_interleave(H // Hkv, 0)  # repeat_kv
        weights = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(Dk) + mask, -1)
        context = (weights @ v).transpose(0, 1).reshape(T, D)
        return context @ p[a + ".out_proj.weight"].T + p[a + ".out_proj.bias"]

    def ffn(h, L):
        up = h @ p[L + ".linear1.weight"].T + p[L + ".linear1.bias"]
        if cfg.get("ffn") == "swiglu":  # down(silu(gate(x)) * up(x))
            gate = h @ p[L + ".linear_gate.weight"].T + p[L + ".linear_gate.bias"]
            hidden = nn.functional.silu(gate) * up
        else:
            hidden = nn.functional.gelu(up) if cfg["activation"] == "gelu" else torch.relu(up)
        return hidden @ p[L + ".linear2.weight"].T + p[L + ".linear2.bias"]

    for i in range(layers):
        L = f"{prefix}.layers.{i}"
        if cfg["norm_first"]:
            x = x + attention(norm(x, L + ".norm1"), L + ".self_attn")
            x = x + ffn(norm(x, L + ".norm2"), L)
        else:
            x = norm(x + attention(x, L + ".self_attn"), L + ".norm1")
            x = norm(x + ffn(x, L), L + ".norm2")
    if prefix + ".norm.weight" in p:
        x = norm(x, prefix + ".norm")
    return x @ p["generator.weight"].T + p["generator.bias"]


def make_modern_grad_case(name, cfg, T, final_norm=True):
    """As make_grad_case, for the options nn.Transformer lacks (RMSNorm, SwiGLU, GQA, QK-norm, RoPE), in our names."""
    g = torch.Generator().manual_seed(cfg["seed"])
    D, H, F, V = cfg["d_model"], cfg["nhead"], cfg["dim_feedforward"], cfg["vocab_size"]
    Hkv, Dk = cfg.get("num_kv_heads", H), D // H
    prefix = "decoder" if cfg["architecture"] == "decoder-only" else "encoder"
    layers = cfg["num_decoder_layers"] if prefix == "decoder" else cfg["num_encoder_layers"]
    shapes = {}
    for i in range(layers):
        L = f"{prefix}.layers.{i}"
        shapes.update({L + ".self_attn.in_proj_weight": (D + 2 * Hkv * Dk, D), L + ".self_attn.in_proj_bias": (D + 2 * Hkv * Dk,),
                       L + ".self_attn.out_proj.weight": (D, D), L + ".self_attn.out_proj.bias": (D,),
                       L + ".linear1.weight": (F, D), L + ".linear1.bias": (F,), L + ".linear2.weight": (D, F),
                       L + ".linear2.bias": (D,)})
        if cfg.get("qk_norm"):
            shapes.update({L + ".self_attn.q_norm.weight": (Dk,), L + ".self_attn.k_norm.weight": (Dk,)})
        if cfg.get("ffn") == "swiglu":
            shapes.update({L + ".linear_gate.weight": (F, D), L + ".linear_gate.bias": (F,)})
        for n in (1, 2):
            shapes[f"{L}.norm{n}.weight"] = (D,)
            if cfg.get("norm") != "rmsnorm":
                shapes[f"{L}.norm{n}.bias"] = (D,)
    if final_norm:
        shapes[prefix + ".norm.weight"] = (D,)
        if cfg.get("norm") != "rmsnorm":
            shapes[prefix + ".norm.bias"] = (D,)
    shapes.update({"generator.weight": (V, D), "generator.bias": (V,)})
    params = {}
    for pname, shape in shapes.items():
        scale = 0.2 if pname.endswith(("bias", "norm.weight")) or ".norm" in pname else 1.0 / math.sqrt(shape[-1])
        base_value = 1.0 if "norm" in pname and pname.endswith("weight") else 0.0
        params[pname] = (base_value + torch.randn(shape, generator=g) * scale).requires_grad_(True)
    src = torch.randn(T, D, generator=g, requires_grad=True)
    logits = modern_forward(params, cfg, src)
    labels = torch.tensor([(5 * t + 2) % V if t % 3 != 1 else -100 for t in range(T)], dtype=torch.int64)
    loss = nn.functional.cross_entropy(logits, labels, ignore_index=-100)
    loss.backward()

    folder = os.path.join(GRAD_OUT, name)
    os.makedirs(os.path.join(folder, "grads"), exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    save_safetensors(os.path.join(folder, "weights.safetensors"), {k: v.detach() for k, v in params.items()})
    np.save(os.path.join(folder, "src.npy"), src.detach().numpy())
    np.save(os.path.join(folder, "labels.npy"), labels.numpy())
    for pname, param in params.items():
        np.save(os.path.join(folder, "grads", pname + ".npy"), param.grad.numpy().astype(np.float32))
    np.save(os.path.join(folder, "grads", "src_embeddings.npy"), src.grad.numpy().astype(np.float32))
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump({"src_padding": [], "loss": loss.item(), "torch_version": torch.__version__}, f, indent=2)
    print(f"{name}: loss {loss.item():.6f}, {len(params)} parameter tensors")


def make_optimizer_case(name, cfg, T, optimizer, steps=20):
    """20 steps of torch.optim on one labelled sequence: the losses and the final weights."""
    torch.manual_seed(cfg["seed"])
    g = torch.Generator().manual_seed(cfg["seed"] + 1)
    D, V = cfg["d_model"], cfg["vocab_size"]
    model = WithHead(build_module(cfg, True), D, V)
    randomize(model, g)
    model.eval()
    folder = os.path.join(OPTIM_OUT, name)
    os.makedirs(folder, exist_ok=True)
    save_safetensors(os.path.join(folder, "initial.safetensors"), model.state_dict())
    src = torch.randn(T, D, generator=g)
    labels = torch.tensor([(3 * t + 1) % V for t in range(T)], dtype=torch.int64)
    if optimizer == "adamw":
        opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.01, foreach=False)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=0.01, foreach=False)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        out = run_stacks(model, cfg, src[None], None, None, None)
        loss = nn.functional.cross_entropy(model.generator(out[0]), labels)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    save_safetensors(os.path.join(folder, "final.safetensors"), model.state_dict())
    np.save(os.path.join(folder, "src.npy"), src.numpy())
    np.save(os.path.join(folder, "labels.npy"), labels.numpy())
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump({"optimizer": optimizer, "lr": opt.defaults["lr"], "weight_decay": opt.defaults["weight_decay"],
                   "momentum": opt.defaults.get("momentum", 0.0), "losses": losses, "torch_version": torch.__version__},
                  f, indent=2)
    print(f"{name}: losses {losses[0]:.4f} -> {losses[-1]:.4f}")


def make_case(name, cfg, T, S=None, src_pad=None, tgt_pad=None, final_norm=False):
    torch.manual_seed(cfg["seed"])
    g = torch.Generator().manual_seed(cfg["seed"] + 1)
    D = cfg["d_model"]
    arch = cfg["architecture"]
    module = build_module(cfg, final_norm)
    randomize(module, g)
    module.eval()  # dropout off; gradients stay enabled so PyTorch takes its reference (non-fused) path

    src = torch.randn(T, D, generator=g)
    tgt = torch.randn(S, D, generator=g) if S else None
    pe = cfg.get("positional_encoding", "none")
    add_pe = (lambda x: x + torch.from_numpy(sinusoidal(x.shape[0], D, cfg.get("pe_base", 10000.0)))) if pe == "sinusoidal" else (lambda x: x)

    captured = {}
    capture_attention(module, captured)
    capture_layer_outputs(module, captured)
    src_kpm = torch.tensor([src_pad]) if src_pad else None
    tgt_kpm = torch.tensor([tgt_pad]) if tgt_pad else None
    x = add_pe(src)[None]
    if arch == "encoder-only":
        out = module.encoder(x, mask=causal_mask(T) if cfg.get("causal") else None, src_key_padding_mask=src_kpm)
        captured["encoder.output"] = out[0]
    elif arch == "decoder-only":
        out = module.decoder(x, mask=causal_mask(T), src_key_padding_mask=src_kpm)
        captured["decoder.output"] = out[0]
    else:
        y = add_pe(tgt)[None]
        memory = module.encoder(x, src_key_padding_mask=src_kpm)
        captured["encoder.output"] = memory[0]
        out = module.decoder(y, memory, tgt_mask=causal_mask(S), tgt_key_padding_mask=tgt_kpm,
                             memory_key_padding_mask=src_kpm)
        captured["decoder.output"] = out[0]

    folder = os.path.join(OUT, name)
    os.makedirs(os.path.join(folder, "expected"), exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    save_safetensors(os.path.join(folder, "weights.safetensors"), module.state_dict())
    np.save(os.path.join(folder, "src.npy"), src.numpy())
    if tgt is not None:
        np.save(os.path.join(folder, "tgt.npy"), tgt.numpy())
    stages = sorted(captured)
    for stage in stages:
        np.save(os.path.join(folder, "expected", stage + ".npy"), captured[stage].detach().numpy().astype(np.float32))
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump({"src_padding": src_pad or [], "tgt_padding": tgt_pad or [], "stages": stages,
                   "torch_version": torch.__version__}, f, indent=2)
    print(f"{name}: {len(stages)} stages")


def base(**over):
    cfg = dict(architecture="encoder-only", d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=2,
               dim_feedforward=16, activation="relu", norm_first=False, layer_norm_eps=1e-5,
               positional_encoding="none", seed=1)
    cfg.update(over)
    return cfg


def main():
    torch.set_num_threads(1)
    make_case("encoder_postnorm_relu_sinusoidal", base(positional_encoding="sinusoidal", seed=11), 5,
              src_pad=[False, False, False, True, False])
    make_case("encoder_prenorm_gelu_causal_finalnorm", base(norm_first=True, activation="gelu", causal=True, seed=12),
              6, final_norm=True)
    make_case("decoder_only_12d_3heads", base(architecture="decoder-only", d_model=12, nhead=3, seed=13), 7,
              final_norm=True)
    make_case("encoder_decoder_postnorm", base(architecture="encoder-decoder", activation="gelu", seed=14), 5, 3,
              src_pad=[False, False, True, False, False])
    make_case("encoder_decoder_prenorm_base2", base(architecture="encoder-decoder", norm_first=True,
                                                    positional_encoding="sinusoidal", pe_base=2.0, num_encoder_layers=1,
                                                    seed=15), 4, 6, tgt_pad=[False, False, False, False, True, False])
    make_grad_case("encoder_postnorm_relu_padding", base(positional_encoding="sinusoidal", vocab_size=7, seed=21), 5,
                   src_pad=[False, False, True, False, False])
    make_grad_case("decoder_prenorm_gelu_finalnorm", base(architecture="decoder-only", norm_first=True, activation="gelu",
                                                          vocab_size=6, seed=22), 6, final_norm=True)
    make_grad_case("encoder_decoder_postnorm_gelu", base(architecture="encoder-decoder", activation="gelu", vocab_size=5,
                                                         seed=23), 5, 4, src_pad=[False, False, False, True, False])
    make_modern_grad_case("decoder_llama_gqa_rope_half_swiglu",
                          base(architecture="decoder-only", d_model=16, nhead=4, num_kv_heads=2, norm="rmsnorm",
                               ffn="swiglu", norm_first=True, positional_encoding="rope", rope_style="half",
                               rope_theta=500.0, dim_feedforward=24, vocab_size=7, seed=24), 6)
    make_modern_grad_case("decoder_qwen3_mqa_qknorm_window",
                          base(architecture="decoder-only", d_model=16, nhead=4, num_kv_heads=1, norm="rmsnorm",
                               ffn="swiglu", qk_norm=True, sliding_window=3, norm_first=True,
                               positional_encoding="rope", layer_norm_eps=1e-6, vocab_size=6, seed=25), 7)
    make_modern_grad_case("encoder_postnorm_rmsnorm_mqa_gelu",
                          base(norm="rmsnorm", num_kv_heads=1, activation="gelu", vocab_size=5, seed=26), 5,
                          final_norm=False)
    make_optimizer_case("adamw_20_steps", base(architecture="decoder-only", norm_first=True, activation="gelu", vocab_size=6,
                                               seed=31), 6, "adamw")
    make_optimizer_case("sgd_momentum_20_steps", base(architecture="decoder-only", vocab_size=6, seed=32), 6, "sgd")


if __name__ == "__main__":
    sys.exit(main())
