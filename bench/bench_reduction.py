"""Reductions and softmax: numtorch vs single-threaded PyTorch (and NumPy) in one run.

Run: python bench/bench_reduction.py   (times are best-of-7, in microseconds)
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numtorch  # noqa: E402
from harness import report  # noqa: E402

torch.set_num_threads(1)


def _softmax(a):
    r = a - a.max(-1, keepdims=True)
    np.exp(r, out=r)
    return np.divide(r, r.sum(-1, keepdims=True), out=r)


def main():
    small = np.random.default_rng(0).standard_normal(100).astype(np.float32)
    big = np.random.default_rng(1).standard_normal(10**7).astype(np.float32)
    mat = np.random.default_rng(2).standard_normal((10**4, 10**3)).astype(np.float32)
    ts, ns = torch.from_numpy(small), numtorch.from_numpy(small)
    tb, nb = torch.from_numpy(big), numtorch.from_numpy(big)
    tm, nm = torch.from_numpy(mat), numtorch.from_numpy(mat)
    cases = [
        ("x.sum() (100 float32)", 1.0, ts.sum, ns.sum, small.sum),
        ("x.mean() (100 float32)", 1.0, ts.mean, ns.mean, small.mean),
        ("x.sum(0) (100 float32)", 0.4, lambda: ts.sum(0), lambda: ns.sum(0), None),
        ("x.max() (100 float32)", 0.3, ts.max, ns.max, small.max),
        ("sum (1e7 float32)", 0.8, tb.sum, nb.sum, big.sum),
        ("softmax(-1) (1e4x1e3 float32)", 1.0, lambda: tm.softmax(-1),
         lambda: nm.softmax(-1), lambda: _softmax(mat)),
        ("sum(-1) (1e4x1e3 float32)", 0.6, lambda: tm.sum(-1), lambda: nm.sum(-1),
         lambda: mat.sum(-1)),
        ("max(-1) (1e4x1e3 float32)", 0.5, lambda: tm.max(-1), lambda: nm.max(-1), None),
    ]
    report("reductions (torch single-threaded)", cases)


if __name__ == "__main__":
    main()
