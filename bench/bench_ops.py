"""Tensor operations: numtorch vs PyTorch (single-threaded) and NumPy, in one run.

Run: python bench/bench_ops.py   (times are best-of-7, in microseconds)
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numtorch  # noqa: E402
from harness import report  # noqa: E402

torch.set_num_threads(1)


def _pair(shape, seed=0):
    a = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    return torch.from_numpy(a.copy()), numtorch.from_numpy(a.copy()), a


def small():
    x, X, xa = _pair(100)
    y, Y, ya = _pair(100, 1)
    m, M, ma = _pair((10, 10))
    a8, A8, a8n = _pair((8, 8))
    return [
        ("x + y (n=100)", 1.5, lambda: x + y, lambda: X + Y, lambda: xa + ya),
        ("x + 1.0", 2, lambda: x + 1.0, lambda: X + 1.0, lambda: xa + 1.0),
        ("x.exp()", 1.5, x.exp, X.exp, lambda: np.exp(xa)),
        ("t[0]", 2, lambda: x[0], lambda: X[0], lambda: xa[0, ...]),
        ("t[:, 0] (10x10)", 2, lambda: m[:, 0], lambda: M[:, 0], lambda: ma[:, 0]),
        ("view(100)", 2, lambda: m.view(100), lambda: M.view(100), lambda: ma.reshape(100)),
        ("reshape(100)", 2, lambda: m.reshape(100), lambda: M.reshape(100),
         lambda: ma.reshape(100)),
        ("transpose(0, 1)", 2, lambda: m.transpose(0, 1), lambda: M.transpose(0, 1),
         lambda: ma.T),
        ("x.sum()", 1.0, x.sum, X.sum, xa.sum),
        ("matmul 8x8", 1.0, lambda: a8 @ a8, lambda: A8 @ A8, lambda: a8n @ a8n),
    ]


def large():
    a, A, an = _pair(10_000_000)
    b, B, bn = _pair(10_000_000, 1)
    s, S, sn = _pair((10_000, 1_000), 2)
    w, W, wn = _pair((1024, 1024), 3)
    return [
        ("a + b (1e7 float32)", 2, lambda: a + b, lambda: A + B, lambda: an + bn),
        ("relu (1e7)", 2, lambda: torch.relu(a), lambda: numtorch.relu(A),
         lambda: np.maximum(an, 0)),
        ("exp (1e7)", 0.9, a.exp, A.exp, lambda: np.exp(an)),
        ("sum (1e7)", 0.8, a.sum, A.sum, an.sum),
        ("softmax(dim=-1) 1e4x1e3", 1.0, lambda: torch.softmax(s, dim=-1),
         lambda: numtorch.softmax(S, dim=-1), None),
        ("matmul 1024x1024", 1.0, lambda: w @ w, lambda: W @ W, lambda: wn @ wn),
    ]


def main():
    report("small tensors (ratio = torch time / numtorch time)", small())
    report("large tensors, torch single-threaded", large())


if __name__ == "__main__":
    main()
