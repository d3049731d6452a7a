"""Gradients of the shape and view ops that the generic table (test_op_grad.py) cannot
express: method-only ops and properties, double backward, in-place changes through views,
and views of multi-output ops; each compared with PyTorch."""
import numpy as np
import pytest
import torch

import numtorch
from op_table import load
from test_op_grad import _describe, _grad_out, _leaves, _outputs

RECORDS = load()
METHOD_ONLY = ("view", "view_as", "reshape_as", "expand", "expand_as", "repeat", "unfold")


def _method_outcome(m, name, index):
    """(grad_fn names, gradients) of method `name` on sample `index`, or the error."""
    args, kwargs = RECORDS[name].samples(m)[index]
    leaves = _leaves((args, kwargs), m, [])
    for t in leaves:
        t.requires_grad_()
    try:
        outs = _outputs(getattr(args[0], name)(*args[1:], **kwargs), m)
        names = [type(o.grad_fn).__name__ if o.grad_fn is not None else None for o in outs]
        diff = [o for o in outs if o.requires_grad]
        grads = m.autograd.grad(diff, leaves, [_grad_out(o, m, i) for i, o in enumerate(diff)],
                                allow_unused=True) if diff else []
    except Exception as exc:
        return type(exc).__name__
    return names, [_describe(g, m) for g in grads]


def _method_cases():
    for name in METHOD_ONLY:
        for i, (args, kwargs) in enumerate(RECORDS[name].samples(numtorch)):
            if _leaves((args, kwargs), numtorch, []):
                yield pytest.param(name, i, id=f"{name}-{i}")


def _same(got, exp):
    assert type(got) is type(exp), (got, exp)
    if isinstance(exp, str) or exp is None:
        assert got == exp
        return
    if isinstance(exp, dict):
        assert {k: v for k, v in got.items() if k != "values"} == \
            {k: v for k, v in exp.items() if k != "values"}
        np.testing.assert_allclose(got["values"], exp["values"], rtol=2e-4, atol=2e-4)
        return
    assert len(got) == len(exp), (got, exp)
    for g, e in zip(got, exp):
        _same(g, e)


@pytest.mark.parametrize("name,index", list(_method_cases()))
def test_method_only_grads(name, index):
    """Tensor methods without a function form (not run by the generic table)."""
    _same(_method_outcome(numtorch, name, index), _method_outcome(torch, name, index))


def _x(m, shape=(3, 4), dtype="float64", seed=0):
    rng = np.random.default_rng(seed)
    a = rng.uniform(-2, 2, shape)
    if dtype.startswith("complex"):
        a = a + 1j * rng.uniform(-2, 2, shape)
    return m.tensor(a.tolist(), dtype=getattr(m, dtype))


_PROPERTIES = {
    "T": lambda x: x.T, "mT": lambda x: x.mT, "H": lambda x: x.H, "mH": lambda x: x.mH,
    "adjoint": lambda x: x.adjoint(), "conj": lambda x: x.conj(), "real": lambda x: x.real,
    "imag": lambda x: x.imag, "view_as_real": lambda x: torch_or(x).view_as_real(x),
    "contiguous": lambda x: x.t().contiguous(), "resolve_conj": lambda x: x.resolve_conj(),
}


def torch_or(x):
    return torch if isinstance(x, torch.Tensor) else numtorch


def _grads(m, f, x):
    y = f(x)
    g = m.autograd.grad(y, x, _grad_out(y, m, 0))[0]
    return type(y.grad_fn).__name__, _describe(g, m)


@pytest.mark.parametrize("name", sorted(_PROPERTIES))
@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_property_grads(name, dtype):
    """Properties and conjugation, on real and complex matrices (conj-Wirtinger)."""
    if dtype == "float64" and name in ("imag", "view_as_real"):
        pytest.skip("complex only")
    exp = _grads(torch, _PROPERTIES[name], _x(torch, dtype=dtype).requires_grad_())
    _same(_grads(numtorch, _PROPERTIES[name], _x(numtorch, dtype=dtype).requires_grad_()), exp)


_DOUBLE = {
    "narrow": lambda m, x: x.narrow(1, 1, 2),
    "select": lambda m, x: x.select(0, 1),
    "diagonal": lambda m, x: x.diagonal(1),
    "unfold": lambda m, x: x.unfold(1, 2, 1),
    "as_strided": lambda m, x: x.as_strided((3, 3), (1, 1)),
    "permute": lambda m, x: x.permute(1, 0),
    "expand": lambda m, x: x[:1].expand(2, 3, 4),
    "reshape": lambda m, x: x.t().reshape(12),
    "split": lambda m, x: x.split(3, 1)[1],
    "unbind": lambda m, x: x.unbind(1)[2],
    "cat": lambda m, x: m.cat([x, x[:1]]),
    "stack": lambda m, x: m.stack([x, x], 1),
    "repeat": lambda m, x: x.repeat(2, 1, 2),
    "flip": lambda m, x: x.flip(0),
    "roll": lambda m, x: x.roll(1, 1),
    "tril": lambda m, x: x.tril(1),
    "diag": lambda m, x: m.diag(x[0]),
    "diag_embed": lambda m, x: m.diag_embed(x),
}
# gradient nodes named as PyTorch's (others differ in how a gradient is composed)
_DOUBLE_NAMES = ("narrow", "select", "diagonal", "unfold", "permute", "reshape", "split",
                 "unbind", "flip", "roll", "tril")


def _double(m, name):
    """Second derivatives through the backward of `name`: with respect to the input (a
    product of two uses) and the output gradient."""
    x = _x(m).requires_grad_()
    f = _DOUBLE[name]
    y = f(m, x) * f(m, x)
    go = _grad_out(y, m, 1).requires_grad_()
    g1 = m.autograd.grad(y, x, go, create_graph=True)[0]
    g2 = m.autograd.grad((g1 * _grad_out(g1, m, 3)).sum(), (x, go))
    v = f(m, x)
    gv = m.autograd.grad(v, x, _grad_out(v, m, 2).requires_grad_(), create_graph=True)[0]
    return type(gv.grad_fn).__name__, [_describe(g, m) for g in g2]


@pytest.mark.parametrize("name", sorted(_DOUBLE))
def test_double_backward(name):
    got, exp = _double(numtorch, name), _double(torch, name)
    if name in _DOUBLE_NAMES:
        assert got[0] == exp[0]
    _same(got[1], exp[1])


def _rebase(m):
    """In-place ops on views of a non-leaf: the base's history is rebased."""
    x = _x(m).requires_grad_()
    y = x * 1
    y.transpose(0, 1).mul_(2)
    y.narrow(1, 1, 2).add_(x[:, :2])
    y.unsqueeze(0).squeeze(0).diagonal().mul_(3)
    d = y.diagonal(1)
    d.mul_(x.detach()[0, :3])
    w = y.t()
    z = (y * w.t()).sum()
    names = [type(t.grad_fn).__name__ for t in (y, d, w)]
    return names, _describe(m.autograd.grad(z, x)[0], m)


def test_view_inplace_rebase():
    got, exp = _rebase(numtorch), _rebase(torch)
    assert got[0] == exp[0]
    _same(got[1], exp[1])


def _triangle_of_views(m):
    """tril_/triu_ on views of a non-leaf."""
    x = _x(m).requires_grad_()
    y = x * 1
    y[1:].tril_()
    y.t().triu_(1)
    return type(y.grad_fn).__name__, _describe(m.autograd.grad(y, x, _grad_out(y, m, 0))[0], m)


def test_inplace_triangle_of_view():
    _same(_triangle_of_views(numtorch), _triangle_of_views(torch))


def _views_twice(m, shape):
    """Gradients of a graph of views (which saves no tensor) before and after its input
    was changed in place (the view's grad_fn is then regenerated from its base)."""
    x = _x(m).requires_grad_()
    v = x.t().narrow(0, 1, 2).unsqueeze(0).expand(shape)
    go = _grad_out(v, m, 0)
    first = m.autograd.grad(v, x, go)[0]
    with m.no_grad():
        x.mul_(2)
    return type(v.grad_fn).__name__, _describe(first, m), _describe(
        m.autograd.grad(v, x, go)[0], m)


def test_views_save_nothing():
    _same(_views_twice(numtorch, (1, 2, 3)), _views_twice(torch, (1, 2, 3)))


def test_regenerated_overlapping_view():
    _same(_views_twice(numtorch, (2, 2, 3)), _views_twice(torch, (2, 2, 3)))


@pytest.mark.parametrize("name", ["split", "unbind", "chunk"])
def test_multi_output_views(name):
    """All outputs of one node, used together: one gradient joining them."""
    def run(m):
        x = _x(m, (4, 6)).requires_grad_()
        parts = getattr(x, name)(*((2, 1) if name != "unbind" else (1,)))
        used = [p for i, p in enumerate(parts) if i != 1]
        names = {type(p.grad_fn).__name__ for p in parts}
        grads = m.autograd.grad(used, x, [_grad_out(p, m, i) for i, p in enumerate(used)])
        return sorted(names), _describe(grads[0], m)
    got, exp = run(numtorch), run(torch)
    assert got[0] == exp[0]
    _same(got[1], exp[1])


@pytest.mark.parametrize("name", ["split", "unbind"])
def test_multi_output_view_inplace_error(name):
    def run(m):
        a = getattr(_x(m).requires_grad_() * 1, name)(1)[0]
        try:
            a.mul_(2)
        except RuntimeError as exc:
            return str(exc)
        return None
    assert run(numtorch) == run(torch)
