"""Gradients of the arithmetic, binary-math and comparison ops that the generic table
(test_op_grad.py) cannot express: double backward, in-place changes of saved tensors,
in-place ops on views, node names by operand kinds and non-differentiable results; each
compared with PyTorch."""
import numpy as np
import pytest
import torch

import numtorch
from test_op_grad import _describe, _grad_out


def _x(m, values, dtype="float64"):
    return m.tensor(values, dtype=getattr(m, dtype)).requires_grad_()


def _xy(m, dtype="float64"):
    return _x(m, [1.5, -2.0, 3.0, 0.5], dtype), _x(m, [0.7, -1.3, 2.2, 0.5], dtype)


def _outcome(m, f):
    """`f(m)` as plain data (described tensors), or its error."""
    try:
        return _plain(f(m), m)
    except Exception as exc:
        return type(exc).__name__, str(exc).split("\n")[0].split(" (Triggered internally")[0]


def _plain(x, m):
    if isinstance(x, (list, tuple)):
        return [_plain(v, m) for v in x]
    return _describe(x, m) if isinstance(x, m.Tensor) else x


def _same(got, exp):
    assert type(got) is type(exp), (got, exp)
    if isinstance(exp, list):
        assert len(got) == len(exp), (got, exp)
        for g, e in zip(got, exp):
            _same(g, e)
    elif isinstance(exp, dict):
        assert {k: v for k, v in got.items() if k != "values"} == \
            {k: v for k, v in exp.items() if k != "values"}
        np.testing.assert_allclose(got["values"], exp["values"], rtol=1e-9, atol=1e-9,
                                   equal_nan=True)
    else:
        assert got == exp


def _check(f):
    _same(_outcome(numtorch, f), _outcome(torch, f))


# ---- double backward ---------------------------------------------------------------------------
_DOUBLE = {
    "mul": lambda m, x, y: x * y,
    "div": lambda m, x, y: x / y,
    "rdiv": lambda m, x, y: 2 / y,
    "div_floor": lambda m, x, y: m.div(x, y, rounding_mode="floor"),
    "sub_alpha": lambda m, x, y: m.sub(x, y, alpha=2.5),
    "pow": lambda m, x, y: x.abs() ** y,
    "pow_number": lambda m, x, y: x ** 3,
    "rpow": lambda m, x, y: 2.5 ** y,
    "float_power": lambda m, x, y: m.float_power(x.abs(), y),
    "atan2": lambda m, x, y: m.atan2(x, y),
    "hypot": lambda m, x, y: m.hypot(x, y),
    "maximum": lambda m, x, y: m.maximum(x, y) * x,
    "fmin": lambda m, x, y: m.fmin(x, y) * y,
    "where": lambda m, x, y: m.where(x > 0, x * x, y * y),
    "lerp": lambda m, x, y: m.lerp(x, y, y),
    "lerp_number": lambda m, x, y: m.lerp(x * x, y, 0.3),
    "copysign": lambda m, x, y: m.copysign(x * x, y),
    "remainder": lambda m, x, y: m.remainder(x * x, y),
    "xlogy": lambda m, x, y: m.xlogy(x, y.abs()),
    "logaddexp": lambda m, x, y: m.logaddexp(x, y),
}


def _double(name, dtype):
    def f(m):
        x, y = _xy(m, dtype)
        r = _DOUBLE[name](m, x, y)
        go = _grad_out(r, m, 0).requires_grad_()
        grads = m.autograd.grad(r, (x, y), go, create_graph=True)
        total = sum((g * g).sum() for g in grads if g is not None)
        return list(m.autograd.grad(total, (x, y, go), allow_unused=True))
    return f


@pytest.mark.parametrize("name", sorted(_DOUBLE))
def test_double_backward(name):
    _check(_double(name, "float64"))


@pytest.mark.parametrize("name", ["mul", "div", "rdiv", "pow", "rpow", "lerp", "where"])
def test_double_backward_complex(name):
    def f(m):
        x = _x(m, [1 + 2j, -0.5 + 1j], "complex128")
        y = _x(m, [0.3 - 1j, 2 + 0.5j], "complex128")
        r = _DOUBLE[name](m, x, y)
        grads = m.autograd.grad(r.abs().sum(), (x, y), create_graph=True, allow_unused=True)
        total = sum(g.abs().sum() for g in grads if g is not None)
        return list(m.autograd.grad(total, (x, y), allow_unused=True))
    _check(f)


# ---- saved tensors changed in place ------------------------------------------------------------
_SAVING = {
    "add": lambda m, a, b: a + b,  # saves nothing
    "mul": lambda m, a, b: a * b,  # saves both
    "pow_number": lambda m, a, b: a ** 2,  # saves self, not its result
    "hypot": lambda m, a, b: m.hypot(a, b),  # saves both and its result
    "copysign": lambda m, a, b: m.copysign(a, b),  # saves self and its result
    "lerp_number": lambda m, a, b: m.lerp(a, b, 0.3),  # saves nothing
    "lerp": lambda m, a, b: m.lerp(a, b, b),  # saves all three
    "where": lambda m, a, b: m.where(a > 1, a, b),  # saves the condition only
    "maximum": lambda m, a, b: m.maximum(a, b),
}


@pytest.mark.parametrize("changed", ["self", "other", "result"])
@pytest.mark.parametrize("name", sorted(_SAVING))
def test_saved_tensor_changed_in_place(name, changed):
    def f(m):
        x, y = _xy(m)
        a, b = x * 1, y * 1
        r = _SAVING[name](m, a, b)
        {"self": a, "other": b, "result": r}[changed].add_(1)
        return list(m.autograd.grad(r.sum(), (x, y), allow_unused=True))
    _check(f)


def _self_as_operand(op):
    def f(m):
        x, w = _xy(m)
        t = x * 1
        op(t, w)
        return list(m.autograd.grad(t.sum(), (x, w), allow_unused=True))
    return f


def test_lerp_self_as_saved_operand():
    """`t.lerp_(t, w)` saves `t` as `end` before the write: backward fails."""
    _check(_self_as_operand(lambda t, w: t.lerp_(t, w)))


def test_mul_self_as_saved_operand():
    _check(_self_as_operand(lambda t, w: t.mul_(t)))


# ---- in-place ops on views: the base is rebased onto CopySlices -------------------------------
_INPLACE = ["add_", "mul_", "div_", "pow_", "remainder_", "fmod_", "copysign_", "xlogy_",
            "atan2_", "hypot_", "eq_", "lt_", "floor_divide_"]


@pytest.mark.parametrize("number", [False, True], ids=["tensor", "number"])
@pytest.mark.parametrize("op", _INPLACE)
def test_inplace_on_view(op, number):
    def f(m):
        x = _x(m, [[1.5, -2.0, 3.0], [0.5, 2.5, -1.0]])
        y = _x(m, [0.7, -1.3, 2.2])
        b = x * 1
        v = b[0]
        getattr(v, op)(2.0 if number else y)
        names = [type(b.grad_fn).__name__, type(v.grad_fn).__name__]
        return names, list(m.autograd.grad(b, (x, y), _grad_out(b, m, 0), allow_unused=True))
    _check(f)


@pytest.mark.parametrize("weight", ["tensor", "number"])
def test_lerp_on_view(weight):
    def f(m):
        x = _x(m, [[1.5, -2.0, 3.0], [0.5, 2.5, -1.0]])
        y, w = _x(m, [0.7, -1.3, 2.2]), _x(m, [0.2, 0.6, 0.9])
        b = x * 1
        b[1].lerp_(y, w if weight == "tensor" else 0.3)
        return type(b.grad_fn).__name__, list(m.autograd.grad(b.sum(), (x, y, w),
                                                              allow_unused=True))
    _check(f)


def test_floor_divide_has_no_derivative():
    def f(m):
        x = _x(m, [1.5, 2.0])
        t = x * 1
        t //= 2
        return type(t.grad_fn).__name__, m.autograd.grad(t.sum(), x)
    _check(f)


# ---- node names and non-differentiable results --------------------------------------------------
def test_node_names_by_operands():
    def f(m):
        x = _x(m, [0.5, 1.0])
        results = [x ** 2, 2 ** x, x ** x, x % 2, x % x, 2 % x, m.fmod(x, 2), m.fmod(x, x),
                   2 - x, m.rsub(x, x), m.copysign(x, 2), m.copysign(x, x), m.xlogy(x, 2),
                   m.xlogy(2, x), m.xlogy(x, x), m.lerp(x, x, 0.5), m.lerp(x, x, x),
                   m.float_power(x, 2), m.float_power(2, x), x / 2, 2 / x, x // 2,
                   x.div(2, rounding_mode=None), m.divide(x, x, rounding_mode="floor"),
                   (x * 1).div_(2, rounding_mode="trunc"), (x * 1).pow_(x), (x * 1).pow_(2),
                   (x * 1).xlogy_(2), (x * 1).eq_(x), (x * 1).eq_(1)]
        return [type(r.grad_fn).__name__ for r in results]
    _check(f)


_NOT_DIFFERENTIABLE = ["eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or",
                       "logical_xor", "isclose"]


@pytest.mark.parametrize("name", _NOT_DIFFERENTIABLE)
def test_comparisons_do_not_require_grad(name):
    def f(m):
        x, y = _xy(m)
        r = getattr(m, name)(x, y)
        return r.requires_grad, r.grad_fn is None
    _check(f)
