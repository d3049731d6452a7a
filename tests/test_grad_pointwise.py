"""Gradients of the pointwise ops that the generic table (test_op_grad.py) cannot express:
double backward, saved tensors modified in place, in-place ops on views, and PyTorch's
conventions at the points where an op is not differentiable; each compared with PyTorch."""
import numpy as np
import pytest
import torch

import numtorch

_INF, _NAN = float("inf"), float("nan")


def _outcome(fn, m):
    """`fn(m)` reduced to (dtype, shape, values) of the tensors it returns, or the error."""
    try:
        r = fn(m)
    except Exception as exc:
        return type(exc).__name__, str(exc).split("\n")[0]
    out = []
    for t in r:
        a = np.asarray(t.detach().to(m.complex128).tolist())  # materialises zero tensors
        out.append((str(t.dtype).split(".")[-1], list(t.shape), a))
    return out


def _same(fn):
    got, exp = _outcome(fn, numtorch), _outcome(fn, torch)
    assert type(got) is type(exp), (got, exp)
    if isinstance(exp, tuple):
        assert got == exp
        return
    assert len(got) == len(exp)
    for (gd, gs, gv), (ed, es, ev) in zip(got, exp):
        assert (gd, gs) == (ed, es)
        tol = 1e-9 if ed in ("float64", "complex128") else 1e-6
        np.testing.assert_allclose(gv, ev, rtol=tol, atol=tol, equal_nan=True)


_REAL = [-0.7, -0.2, 0.3, 0.9]
_COMPLEX = [0.5 - 0.3j, -0.4 + 0.8j, 0.2 + 0.1j]
_POSITIVE = ["sqrt", "rsqrt", "log", "log2", "log10", "log1p", "reciprocal"]
_ANY = ["exp", "exp2", "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
        "tanh", "asinh", "atanh", "sigmoid", "erf", "erfc", "erfinv", "abs", "square", "frac",
        "relu", "nan_to_num"]


def _double(name, values, dtype):
    """First and second derivative of `name` (the second through create_graph=True)."""
    def fn(m):
        x = m.tensor(values, dtype=getattr(m, dtype), requires_grad=True)
        w = m.tensor(values[::-1], dtype=getattr(m, dtype))
        g, = m.autograd.grad(getattr(m, name)(x), x, w, create_graph=True)
        gg, = m.autograd.grad(g, x, w.conj() if dtype == "complex128" else w)
        return g, gg
    return fn


@pytest.mark.parametrize("name", _ANY + _POSITIVE)
def test_double_backward_real(name):
    values = [abs(v) + 0.05 for v in _REAL] if name in _POSITIVE else _REAL
    _same(_double(name, values, "float64"))


@pytest.mark.parametrize("name", ["exp", "log", "sqrt", "sin", "tanh", "sigmoid", "reciprocal",
                                  "asinh", "atan", "abs", "sgn", "square"])
def test_double_backward_complex(name):
    _same(_double(name, _COMPLEX, "complex128"))


def test_double_backward_clamp_tensor_bounds():
    def fn(m):
        x = m.tensor([-2.0, 0.5, 1.0, 3.0], dtype=m.float64, requires_grad=True)
        lo = m.tensor([-1.0, 0.0, 1.0, 4.0], dtype=m.float64, requires_grad=True)
        hi = m.tensor([1.0, 1.0, 2.0, 2.0], dtype=m.float64, requires_grad=True)
        y = (m.clamp(x, lo, hi) ** 2).sum()
        grads = m.autograd.grad(y, (x, lo, hi), create_graph=True)
        return grads + m.autograd.grad(sum(g.sum() for g in grads), (x, lo, hi))
    _same(fn)


@pytest.mark.parametrize("name,modify", [
    ("exp", "result"), ("tanh", "result"), ("sqrt", "result"), ("sigmoid", "result"),
    ("relu", "result"), ("sin", "input"), ("log", "input"), ("abs", "input"),
    ("square", "input"), ("nan_to_num", "input"), ("frac", "input"), ("floor", "input"),
    ("exp", "input"), ("sin", "result")])
def test_saved_tensor_modified_in_place(name, modify):
    """Only what PyTorch saves (exp its result, sin its input, frac nothing) is checked."""
    def fn(m):
        x = m.tensor([0.5, 1.5, 2.0], requires_grad=True)
        a = x * 1
        y = getattr(m, name)(a)
        (y if modify == "result" else a).mul_(2)
        return m.autograd.grad(y.sum(), x)
    _same(fn)


@pytest.mark.parametrize("name", ["exp", "sin", "sqrt", "clamp_min"])
def test_inplace_saved_input_of_inplace_op(name):
    """`x.sin_()` saves a copy of the original input: its gradient uses the old values."""
    def fn(m):
        x = m.tensor([0.5, 1.5, 2.0], requires_grad=True)
        y = x * 1
        args = (1.0,) if name == "clamp_min" else ()
        getattr(y, name + "_")(*args)
        return m.autograd.grad((y * y).sum(), x) + (y,)
    _same(fn)


@pytest.mark.parametrize("name", ["sqrt", "tanh", "relu", "sigmoid", "abs", "round"])
def test_inplace_on_view(name):
    """In place on a view of a non-leaf: the base's history goes through the view's op."""
    def fn(m):
        x = m.tensor([[0.5, -1.5, 2.0], [0.25, 3.0, -0.5]], requires_grad=True)
        base = x * 1
        v = base[:, 1:]
        getattr(v, name + "_")()
        return m.autograd.grad((base * base).sum(), x) + (base,)
    _same(fn)


@pytest.mark.parametrize("name", ["asinh", "arcsinh", "acosh", "arccosh", "atanh", "arctanh"])
def test_inplace_inverse_hyperbolic_not_implemented(name):
    def fn(m):
        x = m.tensor([0.5, 0.25], requires_grad=True)
        y = x * 1 + 1
        getattr(y, name + "_")()
        return m.autograd.grad(y.sum(), x)
    _same(fn)


@pytest.mark.parametrize("call", [
    lambda m, x: x.abs(), lambda m, x: x.relu(), lambda m, x: x.sqrt(),
    lambda m, x: x.clamp(0.0, 1.0), lambda m, x: x.clamp(max=0.0), lambda m, x: x.sign(),
    lambda m, x: x.round(decimals=1), lambda m, x: x.nan_to_num(), lambda m, x: x.log(),
    lambda m, x: x.reciprocal(), lambda m, x: x.rsqrt(), lambda m, x: x.erfinv(),
    lambda m, x: x.clamp(1.0, 0.0), lambda m, x: x.sgn()])
def test_conventions_at_special_points(call):
    """abs'(0) = relu'(0) = 0, clamp passes its boundaries, sqrt'(0) = inf, nan_to_num's
    gradient vanishes at inf/nan, ..."""
    def fn(m):
        x = m.tensor([0.0, -0.0, 1.0, -1.0, _INF, -_INF, _NAN], dtype=m.float64,
                     requires_grad=True)
        return m.autograd.grad(call(m, x), x, m.ones(7, dtype=m.float64))
    _same(fn)


def test_clamp_tensor_bounds_crossed():
    """min > max: the result is max, so max gets the gradient, and so do ties."""
    def fn(m):
        x = m.tensor([0.0, 1.0, 2.0, 3.0, 1.0], requires_grad=True)
        lo = m.tensor([2.0, 1.0, 2.0, 1.0, 0.0], requires_grad=True)
        hi = m.tensor([1.0, 1.0, 2.0, 2.0, 1.0], requires_grad=True)
        return m.autograd.grad(m.clamp(x, lo, hi), (x, lo, hi), m.arange(1.0, 6.0))
    _same(fn)


def test_sgn_complex_zero():
    def fn(m):
        z = m.tensor([0j, 1 + 1j, -2j], requires_grad=True)
        return m.autograd.grad(z.sgn(), z, m.tensor([1 + 2j, 3 - 1j, 0.5j]))
    _same(fn)


def test_backward_twice():
    def fn(m):
        x = m.tensor([0.5, 1.5], requires_grad=True)
        y = x.exp().sum()
        y.backward()
        y.backward()
        return (x.grad,)
    _same(fn)


@pytest.mark.parametrize("name", ["asinh", "acosh", "atanh"])
def test_inplace_inverse_hyperbolic_on_view(name):
    def fn(m):
        x = m.tensor([[1.5, 2.5], [0.5, 0.25]], requires_grad=True)
        base = x * 1
        getattr(base[0], name + "_")()
        return m.autograd.grad(base.sum(), x)
    _same(fn)


def test_inplace_inverse_hyperbolic_on_leaf():
    def fn(m):
        x = m.tensor([0.5, 0.25], requires_grad=True)
        return (x.asinh_(),)
    _same(fn)
