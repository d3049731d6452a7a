"""Gradients of the linear-algebra ops against PyTorch where the op table cannot reach:
the `linalg` namespace, double backward, einsum subscript forms, saved-tensor checks."""
import math

import numpy as np
import pytest
import torch

import numtorch
from op_table import sample_values


def _leaf(m, shape, dtype="float64", seed=0):
    values = sample_values(shape, dtype, seed)
    return m.tensor(values, dtype=getattr(m, dtype), requires_grad=True)


def _grads(m, build, fn):
    """Gradients of `fn(m, *leaves)` (with fixed output gradients) w.r.t. its leaves."""
    leaves = build(m)
    out = fn(m, *leaves)
    dtype = str(out.dtype).split(".")[-1]
    go = m.tensor(sample_values(tuple(out.shape), dtype, 10, -2, 2), dtype=out.dtype)
    return (type(out.grad_fn).__name__,
            [None if g is None else g.detach().numpy() for g in
             m.autograd.grad(out, leaves, go, allow_unused=True)])


def _compare(build, fn):
    exp, got = _grads(torch, build, fn), _grads(numtorch, build, fn)
    assert got[0] == exp[0]
    for g, e in zip(got[1], exp[1]):
        assert (g is None) == (e is None)
        if e is not None:
            assert g.dtype == e.dtype and g.shape == e.shape
            tol = 1e-6 if e.dtype == np.float32 else 1e-9
            np.testing.assert_allclose(g, e, rtol=tol, atol=tol)


def _one(*shapes, dtype="float64"):
    return lambda m: [_leaf(m, s, dtype, i) for i, s in enumerate(shapes)]


_SQUARE = [[2.0, 1.0, 0.5], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]]


def _square(batch=False, dtype="float64"):
    def build(m):
        v = [_SQUARE, [r[::-1] for r in _SQUARE]] if batch else _SQUARE
        return [m.tensor(v, dtype=getattr(m, dtype), requires_grad=True)]
    return build


NORMS = [
    (_one((3, 4)), lambda m, x: m.linalg.vector_norm(x)),
    *[(_one((3, 4)), lambda m, x, o=o: m.linalg.vector_norm(x, o, dim=1))
      for o in (1, 3, 0.5, 1.5, -1, math.inf, -math.inf, 0)],
    (_one((3, 4)), lambda m, x: m.linalg.vector_norm(x, 2, dim=(0, 1), keepdim=True)),
    (_one((3, 4), dtype="complex128"), lambda m, x: m.linalg.vector_norm(x, 3, dim=0)),
    (_one((3, 4), dtype="float32"), lambda m, x: m.linalg.vector_norm(x, dtype=m.float64)),
    *[(_one((2, 3, 4)), lambda m, x, o=o: m.linalg.matrix_norm(x, o))
      for o in ("fro", "nuc", 2, -2, 1, -1, math.inf, -math.inf)],
    (_one((3, 2, 4)), lambda m, x: m.linalg.matrix_norm(x, "nuc", dim=(0, 2), keepdim=True)),
    (_one((3, 4), dtype="complex128"), lambda m, x: m.linalg.matrix_norm(x, 2)),
    (_one((3, 4)), lambda m, x: m.linalg.norm(x)),
    (_one((3, 4)), lambda m, x: m.linalg.norm(x, 1, dim=1)),
    (_one((3, 4)), lambda m, x: m.norm(x, "nuc")),
]
SOLVES = [
    (_square(), lambda m, a: m.linalg.det(a)),
    (_square(True), lambda m, a: m.linalg.det(a)),
    (_square(dtype="complex128"), lambda m, a: m.linalg.det(a)),
    (lambda m: [m.tensor([[[1.0, 2.0], [2.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]]],
                         dtype=m.float64, requires_grad=True)], lambda m, a: m.linalg.det(a)),
    (_square(True), lambda m, a: m.linalg.inv(a)),
    (_square(dtype="complex128"), lambda m, a: m.linalg.inv(a)),
    (lambda m: _square()(m) + _one((3,))(m), lambda m, a, b: m.linalg.solve(a, b)),
    (lambda m: _square(True)(m) + _one((2, 3))(m), lambda m, a, b: m.linalg.solve(a, b)),
    (lambda m: _square()(m) + _one((2, 3, 2))(m), lambda m, a, b: m.linalg.solve(a, b)),
    (_one((2, 3), (2, 3)), lambda m, a, b: m.linalg.cross(a, b)),
]
EINSUM = ["ii->i", "iij->j", "ij,jk", "...ij,...jk->...ik", "i,j->ji", "ij,ij->j", "ij->",
          "bij,bjk->bik", "ij,jk,kl->il"]
_EINSUM_SHAPES = {"ii->i": [(3, 3)], "iij->j": [(3, 3, 2)], "ij,jk": [(2, 3), (3, 4)],
                  "...ij,...jk->...ik": [(2, 1, 2, 3), (4, 3, 2)], "i,j->ji": [(3,), (2,)],
                  "ij,ij->j": [(2, 3), (2, 3)], "ij->": [(2, 3)],
                  "bij,bjk->bik": [(2, 2, 3), (2, 3, 4)], "ij,jk,kl->il": [(2, 3), (3, 3), (3, 2)]}


@pytest.mark.parametrize("case", range(len(NORMS)))
def test_norms(case):
    _compare(*NORMS[case])


@pytest.mark.parametrize("case", range(len(SOLVES)))
def test_det_inv_solve_cross(case):
    _compare(*SOLVES[case])


@pytest.mark.parametrize("equation", EINSUM)
def test_einsum(equation):
    _compare(_one(*_EINSUM_SHAPES[equation]), lambda m, *ops: m.einsum(equation, *ops))


def _double(m, build, fn, dtype="float64"):
    """Second derivatives: gradients of (gradients of `fn` . c) w.r.t. the leaves."""
    leaves = build(m)
    out = fn(m, *leaves)
    go = m.tensor(sample_values(tuple(out.shape), dtype, 10, -2, 2), dtype=out.dtype,
                  requires_grad=True)
    first = m.autograd.grad(out, leaves, go, create_graph=True)
    cs = [m.tensor(sample_values(tuple(g.shape), dtype, 20 + i), dtype=g.dtype)
          for i, g in enumerate(first)]
    total = sum((g * c).sum() for g, c in zip(first, cs))
    return [g.detach().numpy() for g in m.autograd.grad(total, leaves + [go])]


@pytest.mark.parametrize("shapes", [((3, 4), (4, 2)), ((3,), (2, 3, 2)), ((2, 3, 4), (4,)),
                                    ((2, 1, 2, 3), (4, 3, 2))])
def test_matmul_double_backward(shapes):
    build = _one(*shapes)
    for g, e in zip(_double(numtorch, build, lambda m, a, b: a @ b),
                    _double(torch, build, lambda m, a, b: a @ b)):
        np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("case", [(_square(), lambda m, a: m.linalg.det(a)),
                                  (_square(True), lambda m, a: m.linalg.inv(a))])
def test_det_inv_double_backward(case):
    for g, e in zip(_double(numtorch, *case), _double(torch, *case)):
        np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-9)


def test_linear_relu_against_torch():
    """The training step of a linear layer: relu(A @ B + bias).sum().backward(), 8x8."""
    grads = []
    for m in (numtorch, torch):
        a, b, bias = (_leaf(m, s, "float32", i) for i, s in enumerate([(8, 8), (8, 8), (8,)]))
        m.relu(a @ b + bias).sum().backward()
        grads.append([t.grad.numpy() for t in (a, b, bias)])
    for g, e in zip(*grads):
        assert g.dtype == e.dtype
        np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-5)


def _inplace_error(m, modify_weight, weight_requires_grad):
    x = _leaf(m, (2, 3)) * 1
    w = m.tensor(sample_values((3, 2), "float64", 1), dtype=m.float64,
                 requires_grad=weight_requires_grad)
    w = w * 1 if weight_requires_grad else w
    y = m.mm(x, w)
    (w if modify_weight else x).add_(1)
    try:
        y.sum().backward()
    except RuntimeError as exc:
        return str(exc).split(" Hint")[0]
    return None


@pytest.mark.parametrize("modify_weight,weight_requires_grad",
                         [(True, False), (False, False), (False, True), (True, True)])
def test_mm_saves_what_torch_saves(modify_weight, weight_requires_grad):
    """mm saves each operand only when the other one requires grad."""
    args = (modify_weight, weight_requires_grad)
    assert _inplace_error(numtorch, *args) == _inplace_error(torch, *args)
