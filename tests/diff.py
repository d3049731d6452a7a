"""Differential-testing helpers: run the same code against PyTorch and numtorch.

``outcome(fn, mod)`` calls ``fn(mod)`` and reduces whatever happens to plain data:
the result (tensors, arrays and containers described structurally), the exception
(class name and first line of its message) and every warning (category and text).
``same(fn)`` asserts both libraries give identical outcomes.
"""
import warnings

import numpy as np
import torch

import numtorch


def describe(x, mod):
    """Reduce ``x`` to comparable plain data."""
    if isinstance(x, mod.Tensor):
        try:
            values = x.detach().cpu().tolist()
        except Exception as exc:  # bfloat16 etc. still have tolist; be safe
            values = f"<{type(exc).__name__}>"
        return {
            "kind": "tensor",
            "dtype": str(x.dtype),
            "shape": list(x.shape),
            "stride": list(x.stride()),
            "values": _nan_safe(values),
            "requires_grad": x.requires_grad,
            "is_leaf": x.is_leaf,
            "device": str(x.device),
        }
    if isinstance(x, np.ndarray):
        return {
            "kind": "ndarray",
            "dtype": str(x.dtype),
            "shape": list(x.shape),
            "strides": list(x.strides),
            "values": _nan_safe(x.tolist()),
            "writeable": x.flags.writeable,
        }
    if isinstance(x, mod.dtype):
        return {"kind": "dtype", "str": str(x)}
    if isinstance(x, mod.device):
        return {"kind": "device", "repr": repr(x)}
    if isinstance(x, mod.Size):
        return {"kind": "Size", "value": list(x)}
    if isinstance(x, dict):
        return {k: describe(v, mod) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [type(x).__name__] + [describe(v, mod) for v in x]
    if isinstance(x, float):
        return _nan_safe(x)
    if isinstance(x, np.generic):
        return {"kind": "npscalar", "type": type(x).__name__, "value": _nan_safe(x.item())}
    if x is None or isinstance(x, (bool, int, complex, str)):
        return x
    return {"kind": "other", "type": type(x).__name__}


def _nan_safe(v):
    if isinstance(v, list):
        return [_nan_safe(e) for e in v]
    if isinstance(v, float) and v != v:
        return "nan"
    if isinstance(v, complex) and (v.real != v.real or v.imag != v.imag):
        return "nan+nanj"
    return v


def outcome(fn, mod):
    """Run ``fn(mod)``; return (described result or exception, warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = ("ok", describe(fn(mod), mod))
        except Exception as exc:  # the exception itself is the outcome
            res = ("raises", type(exc).__name__, str(exc).split("\n")[0])
    ws = [(w.category.__name__, str(w.message).split("\n")[0].split(" (Triggered internally")[0])
          for w in caught]
    return res, ws


def same(fn, warnings_too=True):
    """Assert that ``fn(torch)`` and ``fn(numtorch)`` have identical outcomes."""
    expected, w_expected = outcome(fn, torch)
    got, w_got = outcome(fn, numtorch)
    assert got == expected, f"\n numtorch: {got}\n    torch: {expected}"
    if warnings_too:
        assert w_got == w_expected, f"\n numtorch warned: {w_got}\n    torch warned: {w_expected}"
    return got
