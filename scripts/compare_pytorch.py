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
"""
import json
import os
import statistics
import subprocess
import sys
import time

import torch
from torch import nn

EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "build", "release", "app", "attentionlab")


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


if __name__ == "__main__":
    main()
