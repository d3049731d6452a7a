"""How fast a pure-Python layer over NumPy can be at all, next to PyTorch and numtorch.

For each small-tensor target of the issues, the "floor" is a minimal wrapper doing only the
work no Python implementation can skip: one Python-level call, the NumPy computation (inside
NumPy's floating-point-error silencing where PyTorch never warns), and one new tensor
object with numtorch's four slots. `best` = torch time / floor time is the highest ratio any
pure-Python layer could reach on this machine; compare it with the target.

Run: python bench/bench_floor.py   (times are best-of-7, in microseconds)
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numtorch  # noqa: E402
from harness import best_time  # noqa: E402
from numtorch._backend.quiet import IGNORE, VAR  # noqa: E402

torch.set_num_threads(1)


class Floor:
    """The least a tensor can be: an array and three empty slots, created bare."""

    __slots__ = ("_a", "_st", "_ag", "_view_of", "__weakref__")

    def __add__(self, other):
        token = VAR.set(IGNORE)
        try:
            r = np.add(self._a, other._a if type(other) is Floor else other)
        finally:
            VAR.reset(token)
        return _floor(r)

    def exp(self):
        token = VAR.set(IGNORE)
        try:
            r = np.exp(self._a)
        finally:
            VAR.reset(token)
        return _floor(r)

    def view(self, *shape):
        return _floor(self._a.reshape(shape))

    def numpy(self):
        return self._a.view()


def _floor(a):
    t = object.__new__(Floor)
    t._a = a
    t._st = t._ag = t._view_of = None
    return t


def _from_numpy(a):
    if type(a) is np.ndarray and a.flags.c_contiguous:
        return _floor(a)
    raise TypeError


def _zeros(n):
    return _floor(np.zeros(n, np.float32))


def cases():
    a = np.random.default_rng(0).standard_normal(100).astype(np.float32)
    x, X, F = torch.from_numpy(a.copy()), numtorch.from_numpy(a.copy()), _floor(a.copy())
    y, Y, G = torch.from_numpy(a.copy()), numtorch.from_numpy(a.copy()), _floor(a.copy())
    m, M, FM = torch.zeros(10, 10), numtorch.zeros(10, 10), _floor(np.zeros((10, 10), np.float32))
    return [
        ("from_numpy(ndarray)", 3, lambda: torch.from_numpy(a), lambda: numtorch.from_numpy(a),
         lambda: _from_numpy(a)),
        ("t.numpy()", 10, x.numpy, X.numpy, F.numpy),
        ("zeros(100)", 3, lambda: torch.zeros(100), lambda: numtorch.zeros(100),
         lambda: _zeros(100)),
        ("x + y (n=100)", 1.5, lambda: x + y, lambda: X + Y, lambda: F + G),
        ("x + 1.0", 2, lambda: x + 1.0, lambda: X + 1.0, lambda: F + 1.0),
        ("x.exp()", 1.5, x.exp, X.exp, F.exp),
        ("view(100)", 2, lambda: m.view(100), lambda: M.view(100), lambda: FM.view(100)),
    ]


def main():
    print("floor: the least a pure-Python layer over NumPy can cost (see module doc)")
    print(f"{'case':22s} {'torch':>9s} {'numtorch':>9s} {'floor':>9s} {'ratio':>6s} "
          f"{'best':>6s} {'target':>7s}")
    for name, target, t_fn, n_fn, f_fn in cases():
        tt, tn, tf = best_time(t_fn), best_time(n_fn), best_time(f_fn)
        print(f"{name:22s} {tt * 1e6:8.2f}u {tn * 1e6:8.2f}u {tf * 1e6:8.2f}u {tt / tn:6.2f} "
              f"{tt / tf:6.2f} {target:>6}x")


if __name__ == "__main__":
    main()
