"""A float64 `gradcheck` of every differentiable op in the op table: for each op, its first
sample with floating-point inputs, those inputs made float64 (complex128), is checked by
finite differences in numtorch, and the verdict must equal PyTorch's `gradcheck` of the same
call (both True except at points where the op is not differentiable)."""
import warnings

import pytest
import torch

import numtorch
from op_table import load

RECORDS = load()
_FLOATS = ("float16", "bfloat16", "float32", "float64")
_COMPLEX = ("complex64", "complex128")


def _wide(t, m):
    name = str(t.dtype).split(".")[-1]
    if name in _FLOATS:
        return t.detach().to(m.float64).requires_grad_()
    if name in _COMPLEX:
        return t.detach().to(m.complex128).requires_grad_()
    return None


def _split(x, m, leaves):
    """`x` with floating tensors replaced by placeholders (their float64 copies in `leaves`)."""
    if isinstance(x, m.Tensor):
        w = _wide(x, m)
        if w is None:
            return x
        leaves.append(w)
        return _Slot(len(leaves) - 1)
    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
        return type(x)(_split(v, m, leaves) for v in x)
    if isinstance(x, dict):
        return {k: _split(v, m, leaves) for k, v in x.items()}
    return x


class _Slot:
    def __init__(self, i):
        self.i = i


def _fill(x, values):
    if isinstance(x, _Slot):
        return values[x.i]
    if isinstance(x, (list, tuple)):
        return type(x)(_fill(v, values) for v in x)
    if isinstance(x, dict):
        return {k: _fill(v, values) for k, v in x.items()}
    return x


def _check(m, name, index):
    args, kwargs = RECORDS[name].samples(m)[index]
    leaves = []
    template = _split((args, kwargs), m, leaves)

    def call(*values):
        a, kw = _fill(template, values)
        r = getattr(m, name)(*a, **kw)
        outs = r if isinstance(r, (tuple, list)) else (r,)
        return tuple(o for o in outs if isinstance(o, m.Tensor) and o.requires_grad)

    if not leaves or not call(*leaves) or any(t.numel() > 12 for t in leaves):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return m.autograd.gradcheck(call, tuple(leaves), raise_exception=False)
        except Exception as exc:
            return type(exc).__name__


def _first_differentiable(name):
    rec = RECORDS[name]
    if not rec.function or rec.skip_values:
        return None
    samples = rec.samples(torch)
    for i in range(len(samples)):
        try:
            verdict = _check(torch, name, i)
        except Exception:
            continue
        if verdict is not None:
            return i, verdict
    return None


def _cases():
    for name in sorted(RECORDS):
        found = _first_differentiable(name)
        if found is not None:
            yield pytest.param(name, *found, id=name)


@pytest.mark.parametrize("name,index,verdict", list(_cases()))
def test_gradcheck_float64_matches_torch(name, index, verdict):
    assert _check(numtorch, name, index) == verdict
