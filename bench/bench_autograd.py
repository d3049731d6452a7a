"""Autograd: recording and small forward+backward passes, numtorch vs PyTorch
(single-threaded), in one run.

Run: python bench/bench_autograd.py   (times are best-of-7, in microseconds)
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numtorch  # noqa: E402
from harness import report  # noqa: E402

torch.set_num_threads(1)


def _leaves(m, shape, n, seed=0):
    rng = np.random.default_rng(seed)
    return [m.tensor(rng.standard_normal(shape).astype(np.float32), requires_grad=True)
            for _ in range(n)]


def cases():
    out = []
    for m in (torch, numtorch):
        x, w, b = _leaves(m, 100, 3)
        A, B = _leaves(m, (8, 8), 2, 1)
        (bias,) = _leaves(m, 8, 1, 2)
        out.append({
            "record": lambda x=x, w=w: x * w,
            "mul_sum": lambda x=x, w=w: (x * w).sum().backward(),
            "exp_chain": lambda x=x, w=w, b=b: (x * w + b).exp().sum().backward(),
            "mlp": lambda m=m, A=A, B=B, bias=bias: m.relu(A @ B + bias).sum().backward(),
        })
    t, n = out
    return [
        ("x * w recorded (n=100)", 2, t["record"], n["record"], None),
        ("(x * w).sum().backward()", 3, t["mul_sum"], n["mul_sum"], None),
        ("((x*w+b).exp().sum()).backward()", 3, t["exp_chain"], n["exp_chain"], None),
        ("relu(A @ B + bias).sum().backward() 8x8", 3, t["mlp"], n["mlp"], None),
    ]


if __name__ == "__main__":
    report("autograd (ratio = torch time / numtorch time)", cases())
