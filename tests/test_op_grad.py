"""Gradients of every op in the op table against PyTorch: each sample with floating-point
tensor inputs is run with those inputs requiring grad (function, or method for method-only
records, and in-place variants),
then differentiated with `autograd.grad` and fixed output gradients. The gradients (values,
dtype, shape), which outputs require grad, grad_fn names and errors must match."""
import warnings

import numpy as np
import pytest
import torch

import numtorch
from op_table import load, sample_values

RECORDS = load()
_DIFFERENTIABLE = ("float32", "float64", "complex64", "complex128")
_TOL = {"float32": 2e-4, "complex64": 2e-4, "float64": 1e-9, "complex128": 1e-9}

# ops whose gradients are not yet implemented: strict xfail, so each must be removed once done
MISSING = set()


def _leaves(x, m, out):
    """Tensors of `x` (args, lists of tensors) that can require grad, in order."""
    if isinstance(x, m.Tensor):
        if str(x.dtype).split(".")[-1] in _DIFFERENTIABLE:
            out.append(x)
    elif isinstance(x, (list, tuple)):
        for v in x:
            _leaves(v, m, out)
    elif isinstance(x, dict):
        for v in x.values():
            _leaves(v, m, out)
    return out


def _outputs(r, m):
    if isinstance(r, m.Tensor):
        return [r]
    if isinstance(r, (list, tuple)):
        return [t for v in r for t in _outputs(v, m)]
    return []


def _grad_out(t, m, i):
    dtype = str(t.dtype).split(".")[-1]
    vals = sample_values(tuple(t.shape), dtype, seed=10 + i, low=-2, high=2)
    return m.tensor(vals, dtype=t.dtype)


def _describe(x, m):
    if x is None:
        return None
    return {"dtype": str(x.dtype).split(".")[-1], "shape": list(x.shape),
            "values": np.asarray(x.detach().to(m.complex128 if x.is_complex() else m.float64)
                                 .clone().tolist())}  # clone: PyTorch's zero tensors


def _run(m, name, index, variant):
    rec = RECORDS[name]
    args, kwargs = rec.samples(m)[index]
    leaves = _leaves((args, kwargs), m, [])
    for t in leaves:
        t.requires_grad_()
    if variant == "function":
        r = getattr(m, name)(*args, **kwargs)
    elif variant == "method":
        r = getattr(args[0], name)(*args[1:], **kwargs)
    else:
        target = args[0] * 1
        r = getattr(target, name + "_")(*args[1:], **kwargs)
        r = target
    outs = [o for o in _outputs(r, m)]
    info = [(o.requires_grad, type(o.grad_fn).__name__ if o.grad_fn is not None else None)
            for o in outs]
    diff = [o for o in outs if o.requires_grad]
    if not diff:
        return info, None
    grads = m.autograd.grad(diff, leaves, [_grad_out(o, m, i) for i, o in enumerate(diff)],
                            allow_unused=True)
    return info, [_describe(g, m) for g in grads]


def _outcome(m, *a):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("ok",) + _run(m, *a)
        except Exception as exc:
            return ("raises", type(exc).__name__, str(exc).split("\n")[0])


def _cases():
    for name, rec in sorted(RECORDS.items()):
        samples = rec.samples(numtorch)
        for i in range(len(samples)):
            try:
                args, kwargs = samples[i]
            except Exception:  # a sample that is itself the call under test (setitem)
                continue
            if not _leaves((args, kwargs), numtorch, []):
                continue
            variants = (["function"] if rec.function else ["method"] if rec.method else []) + (
                ["inplace"] if rec.inplace else [])
            for variant in variants:
                marks = [pytest.mark.xfail(strict=True)] if name in MISSING else []
                yield pytest.param(name, i, variant, id=f"{name}-{i}-{variant}", marks=marks)


@pytest.mark.parametrize("name,index,variant", list(_cases()))
def test_grad_matches_torch(name, index, variant):
    exp = _outcome(torch, name, index, variant)
    if exp[0] == "raises" and variant != "inplace":
        pytest.skip("PyTorch raises (the forward tests compare the error)")
    got = _outcome(numtorch, name, index, variant)
    assert got[0] == exp[0], f"numtorch {got} vs torch {exp}"
    if exp[0] == "raises":
        assert got == exp
        return
    assert got[1] == exp[1], "outputs requiring grad / grad_fn names differ"
    if exp[2] is None:
        assert got[2] is None
        return
    assert len(got[2]) == len(exp[2])
    for g, e in zip(got[2], exp[2]):
        assert (g is None) == (e is None), f"None-ness of gradients: {got[2]} vs {exp[2]}"
        if e is None:
            continue
        ev, gv = e.pop("values"), g.pop("values")
        assert g == e
        tol = _TOL[e["dtype"]] if not RECORDS[name].rtol else max(RECORDS[name].rtol, 2e-4)
        np.testing.assert_allclose(gv, ev, rtol=tol, atol=tol, equal_nan=True)
