"""Generic tests driven by the op table (`op_table.py` + `op_db_*.py`): every registered op
against PyTorch, as function, method and in-place variant."""
import warnings

import numpy as np
import pytest
import torch

import numtorch
from numtorch._ops.registry import FUNCTIONS
from op_table import load

RECORDS = load()

# float64 results may differ from PyTorch's in the last bit (other math libraries)
_TOL = {"float16": 1e-3, "bfloat16": 1e-2, "complex32": 1e-3, "float32": 1e-5,
        "complex64": 1e-5, "float64": 1e-14, "complex128": 1e-14}


def _describe(x, m):
    if isinstance(x, m.Tensor):
        return {"tensor": True, "dtype": str(x.dtype).split(".")[-1], "shape": list(x.shape),
                "stride": list(x.stride()), "requires_grad": x.requires_grad,
                "grad_fn": type(x.grad_fn).__name__ if x.grad_fn is not None else None,
                "values": np.asarray(x.detach().to(m.float64 if not x.is_complex()
                                                    else m.complex128).tolist())}
    if isinstance(x, (tuple, list)):
        return [type(x).__name__ if not hasattr(x, "_fields") else "namedtuple"] + [
            _describe(v, m) for v in x]
    return x


def _views_of_input(m, result, args):
    """Which results share storage with a tensor input (view-or-copy, as PyTorch)."""
    results = result if isinstance(result, (tuple, list)) else [result]
    inputs = [a for a in args if isinstance(a, m.Tensor)]
    return [isinstance(r, m.Tensor) and any(
        r.untyped_storage().data_ptr() == a.untyped_storage().data_ptr() and r.numel() > 0
        for a in inputs) for r in results]


def _outcome(fn, m):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = ("ok", _describe(fn(m), m))
        except Exception as exc:
            out = ("raises", type(exc).__name__, str(exc).split("\n")[0])
    return out, [(w.category.__name__, str(w.message).split(" (Triggered")[0])
                 for w in caught]


def _same(got, exp, rtol):
    if isinstance(exp, dict) and isinstance(got, dict):
        ev, gv = exp.pop("values"), got.pop("values")
        assert got == exp
        tol = rtol if rtol is not None else _TOL.get(exp["dtype"], 0)
        if ev.size or gv.size:
            np.testing.assert_allclose(gv, ev, rtol=tol, atol=tol, equal_nan=True)
        return
    if isinstance(exp, list) and isinstance(got, list):
        assert len(got) == len(exp)
        for g, e in zip(got, exp):
            _same(g, e, rtol)
        return
    assert got == exp


def _compare(fn, rec):
    (exp, w_exp), (got, w_got) = _outcome(fn, torch), _outcome(fn, numtorch)
    assert got[0] == exp[0], f"numtorch {got} vs torch {exp}"
    if exp[0] == "raises":
        assert got == exp
    elif not rec.skip_values:
        _same(got[1], exp[1], rec.rtol)
    assert w_got == w_exp


def _cases():
    for name, rec in sorted(RECORDS.items()):
        n = len(rec.samples(numtorch))
        for i in range(n):
            yield pytest.param(name, i, id=f"{name}-{i}")


@pytest.mark.parametrize("name,index", list(_cases()))
def test_op_matches_torch(name, index):
    rec = RECORDS[name]

    def call(m, variant):
        args, kwargs = rec.samples(m)[index]
        if variant == "function":
            r = getattr(m, name)(*args, **kwargs)
        elif variant == "method":
            r = getattr(args[0], name)(*args[1:], **kwargs)
        else:
            target = args[0].clone()
            r = getattr(target, name + "_")(*args[1:], **kwargs)
            return [r is target, target]
        return [r, _views_of_input(m, r, args)]

    variants = [v for v, on in (("function", rec.function), ("method", rec.method),
                                ("inplace", rec.inplace)) if on]
    for variant in variants:
        _compare(lambda m: call(m, variant), rec)


def test_every_registered_op_has_a_record():
    missing = sorted(set(FUNCTIONS) - set(RECORDS))
    assert not missing, f"ops without an op-table record: {missing}"
