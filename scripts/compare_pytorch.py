#!/usr/bin/env python3
"""Times PyTorch and Attention Lab on the same shapes, in the same run.

Needs Debian's python3-torch and libopenblas0-pthread (without OpenBLAS,
Debian's PyTorch falls back to a reference BLAS 25-40x slower):
    sudo apt-get install python3-torch libopenblas0-pthread
    /usr/bin/python3 scripts/compare_pytorch.py [path/to/attentionlab]

For each size it runs `attentionlab bench --json --only NAME` and times
PyTorch's nn.TransformerEncoderLayer (causal, GELU, float32, eval, no_grad,
batch 1) and nn.MultiheadAttention alone, with torch.set_num_threads equal to
the number of cores Attention Lab uses, and prints ours / PyTorch.

It measures the GEMM rate PyTorch's BLAS reaches (1024³, float32) beside the engine's own
(`attentionlab bench --only gemm`, through the kernels it picked for this CPU), and the
engine's projection and QKᵀ products at GPT-2's shapes as a share of the better of the two.

With --qwen it also times a Qwen2.5-0.5B-shaped decoder (24 layers, d 896, 14 query heads on 2 K/V
heads, SwiGLU 4864, RMSNorm, RoPE, a tied 151 936-row head; weights random, float32 in PyTorch as
our engine computes, BF16 in our folder): the full forward at n = 512 with logits, and one token
with a KV cache after 511 (`attentionlab bench --only qwen2.5-0.5b-trace-512`, `qwen2.5-0.5b-token`).

It also times one training step of the reversal task (`attentionlab bench --only
train-step-reverse`: batch 32 of 8 digits, a 1-layer pre-norm encoder with d_model 32,
2 heads, learned positions and an output head, AdamW) against the same model, batch and
optimizer in PyTorch (forward, cross_entropy, backward, step); and one step of the Shakespeare
model's shape (`train-step-shakespeare`: batch 12 × 64 characters, a 4-layer pre-norm causal
decoder, d_model 128, 4 heads, GELU, learned positions, 65 characters, AdamW) against the same
model in PyTorch.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import argparse

# The options first: --help needs no PyTorch.
_parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
_parser.add_argument("attentionlab", nargs="?", help="the binary to time (default: build/release/app/attentionlab)",
                     default=os.path.join(os.path.dirname(__file__), "..", "build", "release", "app", "attentionlab"))
_parser.add_argument("--qwen", action="store_true", help="also the Qwen2.5-0.5B-shaped model (about 4 GB of memory)")
_args = _parser.parse_args()
EXE = _args.attentionlab

import torch  # noqa: E402
from torch import nn  # noqa: E402


def time_ms(fn, warmup=2, runs=10):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def torch_layer(n, d=768, heads=12, ff=3072):
    layer = nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0, activation="gelu", batch_first=True).eval()
    mha = nn.MultiheadAttention(d, heads, dropout=0.0, batch_first=True).eval()
    x = torch.randn(1, n, d)
    mask = torch.triu(torch.full((n, n), float("-inf")), diagonal=1)
    with torch.no_grad():
        full = time_ms(lambda: layer(x, src_mask=mask))
        attention = time_ms(lambda: mha(x, x, x, attn_mask=mask, need_weights=True, average_attn_weights=False))
    return full, attention


def ours(name):
    out = subprocess.run([EXE, "bench", "--json", "--only", name], check=True, capture_output=True, text=True).stdout
    return json.loads(out)[0]


def torch_train_step_ms(batch=32, n=8, vocab=10, d=32, heads=2, ff=64):
    class Reverser(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocab, d)
            self.pos_embedding = nn.Embedding(n, d)
            layer = nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0, batch_first=True, norm_first=True)
            self.encoder = nn.TransformerEncoder(layer, 1, enable_nested_tensor=False)
            self.generator = nn.Linear(d, vocab)

        def forward(self, tokens):
            x = self.embedding(tokens) + self.pos_embedding.weight[None, : tokens.shape[1]]
            return self.generator(self.encoder(x))

    model = Reverser().train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    g = torch.Generator().manual_seed(0)

    def step():
        tokens = torch.randint(0, vocab, (batch, n), generator=g)
        labels = tokens.flip(1)
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(tokens).reshape(-1, vocab), labels.reshape(-1))
        loss.backward()
        optimizer.step()

    return time_ms(step, warmup=5, runs=100)


def torch_text_train_step_ms(batch=12, n=64, vocab=65, d=128, heads=4, layers=4, ff=512):
    """The Shakespeare model's step: a pre-norm causal decoder, GELU, learned positions, untied head, AdamW."""
    class CharModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocab, d)
            self.pos_embedding = nn.Embedding(n, d)
            layer = nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
            self.decoder = nn.TransformerEncoder(layer, layers, norm=nn.LayerNorm(d), enable_nested_tensor=False)
            self.generator = nn.Linear(d, vocab)
            self.register_buffer("mask", nn.Transformer.generate_square_subsequent_mask(n))

        def forward(self, tokens):
            x = self.embedding(tokens) + self.pos_embedding.weight[None, : tokens.shape[1]]
            return self.generator(self.decoder(x, mask=self.mask))

    model = CharModel().train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    g = torch.Generator().manual_seed(0)

    def step():
        tokens = torch.randint(0, vocab, (batch, n + 1), generator=g)
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(tokens[:, :-1]).reshape(-1, vocab), tokens[:, 1:].reshape(-1))
        loss.backward()
        optimizer.step()

    return time_ms(step, warmup=3, runs=30)


def torch_gemm_gflops(n=1024):
    a, b = torch.randn(n, n), torch.randn(n, n)
    return 2 * n**3 / (time_ms(lambda: torch.mm(a, b), warmup=3, runs=10) * 1e6)


def torch_qwen_ms(n=512, d=896, heads=14, kv_heads=2, layers=24, ff=4864, vocab=151936, theta=1e6):
    """modeling_qwen2's forward with torch's own functions: full pass at n, and one cached token after n - 1."""
    dk = d // heads
    g = torch.Generator().manual_seed(0)
    r = lambda *shape: torch.randn(*shape, generator=g) * 0.02
    emb = r(vocab, d)
    ws = [dict(q=r(heads * dk, d), qb=r(heads * dk), k=r(kv_heads * dk, d), kb=r(kv_heads * dk), v=r(kv_heads * dk, d),
               vb=r(kv_heads * dk), o=r(d, heads * dk), gate=r(ff, d), up=r(ff, d), down=r(d, ff)) for _ in range(layers)]
    inv = 1.0 / theta ** (torch.arange(0, dk, 2).float() / dk)

    def rms(x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)

    def rope(x, pos):  # x (h, t, dk)
        f = torch.outer(pos.float(), inv)
        cos, sin = torch.cat([f.cos(), f.cos()], -1), torch.cat([f.sin(), f.sin()], -1)
        x1, x2 = x[..., : dk // 2], x[..., dk // 2:]
        return x * cos + torch.cat([-x2, x1], -1) * sin

    def forward(ids, cache, start):
        x = emb[ids]
        t = x.shape[0]
        pos = torch.arange(start, start + t)
        for i, w in enumerate(ws):
            h = rms(x)
            q = rope((h @ w["q"].T + w["qb"]).view(t, heads, dk).transpose(0, 1), pos)
            k = rope((h @ w["k"].T + w["kb"]).view(t, kv_heads, dk).transpose(0, 1), pos)
            v = (h @ w["v"].T + w["vb"]).view(t, kv_heads, dk).transpose(0, 1)
            if cache is not None:
                if i in cache:
                    k, v = torch.cat([cache[i][0], k], 1), torch.cat([cache[i][1], v], 1)
                cache[i] = (k, v)
            k, v = k.repeat_interleave(heads // kv_heads, 0), v.repeat_interleave(heads // kv_heads, 0)
            s = q @ k.transpose(1, 2) / dk ** 0.5
            if t > 1:
                s = s.masked_fill(torch.triu(torch.ones(t, k.shape[1], dtype=torch.bool), 1 + k.shape[1] - t), float("-inf"))
            x = x + (torch.softmax(s, -1) @ v).transpose(0, 1).reshape(t, d) @ w["o"].T
            h = rms(x)
            x = x + (torch.nn.functional.silu(h @ w["gate"].T) * (h @ w["up"].T)) @ w["down"].T
        return rms(x) @ emb.T

    ids = torch.arange(n) * 7919 % 50256
    with torch.no_grad():
        full = time_ms(lambda: forward(ids, None, 0), warmup=1, runs=3)
        cache = {}
        forward(ids[: n - 1], cache, 0)
        token = time_ms(lambda: forward(ids[n - 1:], {k: v for k, v in cache.items()}, n - 1), warmup=1, runs=10)
    return full, token


def main():
    threads = os.cpu_count()
    torch.set_num_threads(threads)
    print(f"torch {torch.__version__}, {threads} threads, BLAS: {torch.__config__.show().count('OpenBLAS') and 'OpenBLAS' or 'other'}")
    print(f"{'size':<18} {'ours ms':>10} {'layer ms':>10} {'ratio':>7} {'MHA ms':>10} {'ratio':>7}")
    for n in (512, 1024):
        name = f"gpt2-layer-{n}"
        mine = ours(name)["median_ms"]
        layer, attention = torch_layer(n)
        print(f"{name:<18} {mine:>10.1f} {layer:>10.1f} {mine / layer:>7.2f} {attention:>10.1f} {mine / attention:>7.2f}")
    gemm = ours("gemm")
    best = max(gemm["gflops"], torch_gemm_gflops())
    print(f"GEMM 1024³: ours {gemm['gflops']:.0f} GFLOP/s ({gemm['kernels_instruction_set']}), "
          f"PyTorch {torch_gemm_gflops():.0f} GFLOP/s; best {best:.0f}")
    for name in ("projection-gemm", "qk-gemm"):
        product = ours(name)
        print(f"{name:<18} {product['gflops']:>10.0f} GFLOP/s = {100 * product['gflops'] / best:.0f} % of the best GEMM rate")
    if _args.qwen:
        full, token = torch_qwen_ms()
        for name, theirs in (("qwen2.5-0.5b-trace-512", full), ("qwen2.5-0.5b-token", token)):
            mine = ours(name)
            print(f"{name:<24} ours {mine['median_ms']:>9.1f} ms (peak {mine['peak_mb']:.0f} MB)   PyTorch {theirs:>9.1f} ms"
                  f"   ratio {mine['median_ms'] / theirs:.2f}")
    mine = ours("train-step-reverse")["median_ms"]
    theirs = torch_train_step_ms()
    print(f"{'train-step-reverse':<18} {mine:>10.2f} ms   PyTorch {theirs:.2f} ms   ratio {mine / theirs:.2f}"
          f"   ({1000 / mine:.0f} vs {1000 / theirs:.0f} steps/s)")
    mine = ours("train-step-shakespeare")["median_ms"]
    theirs = torch_text_train_step_ms()
    print(f"{'train-step-shakespeare':<22} {mine:>8.2f} ms   PyTorch {theirs:.2f} ms   ratio {mine / theirs:.2f}"
          f"   (batch 12 x 64 characters, 4 layers, d_model 128)")


if __name__ == "__main__":
    main()
