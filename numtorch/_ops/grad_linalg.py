"""Derivatives of the linear-algebra ops: the `fn` of their `registry.record` calls, in
PyTorch's convention for complex inputs (the gradient is conjugated: d(a @ b)/da is
grad @ b^H). A formula returns None for an operand whose gradient is not wanted; products
save each operand only when the other requires grad (as PyTorch saves them)."""
import functools
import math
from string import ascii_letters

import numpy as np

from .._tensor import wrap
from . import linalg as L
from .grad_arithmetic import conj

__all__ = []


def requires_grad(t):
    """Whether tensor `t` requires grad."""
    ag = t._ag
    return ag is not None and ag.requires_grad


def pair(a, b):
    """What a product of `a` and `b` saves: each only when the other requires grad."""
    return (a if requires_grad(b) else None), (b if requires_grad(a) else None)


def _const(a, like):
    """NumPy array `a` as a tensor of `like`'s dtype."""
    return wrap(np.asarray(a, like._a.dtype))


# ---- products ---------------------------------------------------------------------------------
def _matmul(g, a, b, va, vb):
    if va:
        g = g.unsqueeze(-2)
    if vb:
        g = g.unsqueeze(-1)
    ga = gb = None
    if b is not None:
        ga = g @ (conj(b).unsqueeze(0) if vb else b.mH)
        if va:
            ga = ga.squeeze(-2)
    if a is not None:
        gb = (conj(a).unsqueeze(-1) if va else a.mH) @ g
        if vb:
            gb = gb.squeeze(-1)
    return ga, gb


def matmul(da, db):
    """The formula of `a @ b` (mm, bmm, mv, broadcast matmul) for operands of `da`, `db`
    dims: 1-d operands are matrices of one row (a) or column (b); the engine sums the
    gradient over broadcast batch dims."""
    return _MATMUL[da == 1, db == 1]


_MATMUL = {(va, vb): functools.partial(_matmul, va=va, vb=vb)
           for va in (False, True) for vb in (False, True)}


def mul(g, a, b):
    """`a * b` (broadcast) and `dot(a, b)`."""
    return (None if b is None else g * conj(b)), (None if a is None else g * conj(a))


def vdot(g, a, b):
    return (None if b is None else conj(g) * b), (None if a is None else g * a)


def outer(g, a, b):
    """`a.reshape(n, 1) * b` (PyTorch's MulBackward0)."""
    return ((None if b is None else (g * conj(b)).sum(-1)),
            (None if a is None else g * conj(a).unsqueeze(-1)))


def cross(dim):
    def backward(g, a, b):
        return (None if b is None else L.cross(conj(b), g, dim)), \
               (None if a is None else L.cross(g, conj(a), dim))
    return backward


def tensordot(dims_a, dims_b, na, nb):
    """The formula of `tensordot(a, b, (dims_a, dims_b))` (wrapped dims) for operands of
    `na`, `nb` dims: the result's dims are a's free dims, then b's."""
    free_a = [d for d in range(na) if d not in dims_a]
    free_b = [d for d in range(nb) if d not in dims_b]
    ka, kb = len(free_a), len(free_b)
    # gradients come out as (free dims, contracted dims in the other operand's order)
    perm_a = [free_a.index(d) if d in free_a else
              ka + sorted(dims_b).index(dims_b[dims_a.index(d)]) for d in range(na)]
    perm_b = [len(dims_a) + free_b.index(d) if d in free_b else
              sorted(dims_a).index(dims_a[dims_b.index(d)]) for d in range(nb)]

    def backward(g, a, b):
        ga = gb = None
        if b is not None:
            ga = L.tensordot(g, conj(b), (list(range(ka, ka + kb)), free_b)).permute(perm_a)
        if a is not None:
            gb = L.tensordot(conj(a), g, (free_a, list(range(ka)))).permute(perm_b)
        return ga, gb
    return backward


def kron(sa, sb):
    """The formula of `kron(a, b)` for operands of shapes `sa`, `sb`: the gradient seen as
    (a0, b0, a1, b1, ...) is summed over b's dims (a's gradient) or a's."""
    n = max(len(sa), len(sb))
    pa, pb = (1,) * (n - len(sa)) + tuple(sa), (1,) * (n - len(sb)) + tuple(sb)
    pairs = tuple(s for ab in zip(pa, pb) for s in ab)
    spread_a = tuple(s for ab in zip(pa, (1,) * n) for s in ab)
    spread_b = tuple(s for ab in zip((1,) * n, pb) for s in ab)

    def backward(g, a, b):
        g = g.reshape(pairs)
        ga = gb = None
        if b is not None:
            ga = (g * conj(b).reshape(spread_b)).sum(tuple(range(1, 2 * n, 2))).reshape(sa)
        if a is not None:
            gb = (g * conj(a).reshape(spread_a)).sum(tuple(range(0, 2 * n, 2))).reshape(sb)
        return ga, gb
    return backward


def trace(n, m):
    def backward(g):
        return g * _const(np.eye(n, m), g)
    return backward


def einsum(terms, out, needed, shapes):
    """The formula of einsum with explicit subscripts `terms` -> `out` of operands of
    `shapes` (gradients of those flagged in `needed`)."""
    def backward(g, *ops):
        return tuple(_einsum_operand(i, g, ops, terms, out, shapes[i]) if needed[i] else None
                     for i in range(len(ops)))
    return backward


def _einsum_operand(i, g, ops, terms, out, shape):
    """The gradient of operand `i`: einsum of `g` with the other operands conjugated; a
    subscript repeated in the operand (a diagonal) is placed by identity matrices, one
    that appears nowhere else is broadcast by a vector of ones."""
    term = terms[i]
    subs = [out] + [t for j, t in enumerate(terms) if j != i]
    args = [g] + [conj(o) for j, o in enumerate(ops) if j != i]
    used = set("".join(terms) + out)
    fresh = (c for c in ascii_letters if c not in used)
    target = []
    for k, c in enumerate(term):
        if c in target:
            f = next(fresh)
            subs.append(c + f)
            args.append(_const(np.eye(shape[k]), g))
            c = f
        target.append(c)
    present = set("".join(subs))
    for k, c in enumerate(target):
        if c not in present:
            subs.append(c)
            args.append(_const(np.ones(shape[k]), g))
    return L.einsum(",".join(subs) + "->" + "".join(target), *args)


# ---- det, inverse, solve ----------------------------------------------------------------------
def det(g, A, d):
    """d det(A) / dA = det(A) A^{-H}, computed as a solve; zero for singular matrices."""
    c = (g * conj(d)).unsqueeze(-1).unsqueeze(-1)
    eye = _const(np.eye(A.shape[-1]), c)
    Ah = A.mH
    singular = d == 0
    if singular.any().item():
        Ah = eye.where(singular.unsqueeze(-1).unsqueeze(-1), Ah)
    return L.linalg_decomp.solve(Ah, c * eye)


def inverse(g, r):
    rh = r.mH
    return -(rh @ g @ rh)


def solve(vector):
    """The formula of `X = solve(A, B)` (B a batch of vectors when `vector`)."""
    def backward(g, A, X):
        if vector:
            g, X = g.unsqueeze(-1), X.unsqueeze(-1)
        gB = L.linalg_decomp.solve(A.mH, g)
        gA = -(gB @ X.mH)
        return gA, (gB.squeeze(-1) if vector else gB)
    return backward


# ---- norms ------------------------------------------------------------------------------------
def _keep(shape, axes):
    """`shape` with the reduced `axes` kept as size 1."""
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


def vector_norm(ord, axes, keepdim, shape):
    """The formula of the `ord` norm over `axes` of an input of `shape` (PyTorch's
    norm_backward): None for the 0 norm."""
    if ord == 0:
        return _none
    keep = _keep(shape, axes)

    def backward(g, x, norm):
        if not keepdim and shape:
            g, norm = g.reshape(keep), norm.reshape(keep)
        if ord == 1:
            return x.sgn() * g
        if ord == 2:
            return g * (x / norm).masked_fill(norm == 0, 0)
        if math.isinf(ord):
            a = x.abs()
            mask = (a == norm).logical_or(a.isnan())
            count = mask.sum(axes, keepdim=True) if shape else mask
            return x.sgn() * (g / count * mask)
        if ord < 1:
            scaled = x.sgn() * x.abs().pow(ord - 1).masked_fill(x == 0, 0)
            return scaled * g * norm.pow(1 - ord)
        scaled = x.sgn() * x.abs().pow(ord - 1) if ord < 2 else x * x.abs().pow(ord - 2)
        return scaled * (g / norm.pow(ord - 1)).masked_fill(norm == 0, 0)
    return backward


def _none(g, x, norm):
    return None


def matrix_norm(ord, axes, keepdim, A):
    """The formula of the matrix `ord` norm of `A` over `axes` (a pair of wrapped dims)."""
    if ord == "fro":
        return vector_norm(2, axes, keepdim, A.shape)
    keep = _keep(A.shape, axes)
    if ord in ("nuc", 2, -2):
        factor = _const(_singular_factor(A._a, ord, axes), A)
        return lambda g, A, r: (g if keepdim else g.reshape(keep)) * factor
    summed, maxed = (axes[1], axes[0]) if math.isinf(ord) else axes

    def backward(g, A, r):
        if not keepdim:
            g, r = g.reshape(keep), r.reshape(keep)
        mask = A.abs().sum(summed, keepdim=True) == r
        return A.sgn() * (g * mask / mask.sum(maxed, keepdim=True))
    return backward


def _singular_factor(a, ord, axes):
    """d norm / dA of the nuclear norm (U V^H) or the 2/-2 norms (u v^H of the largest or
    smallest singular value, ties sharing evenly), from the SVD of `a`."""
    a = np.moveaxis(a, axes, (-2, -1))
    u, s, vh = np.linalg.svd(a, full_matrices=False)
    if ord != "nuc":
        best = s.max(-1, keepdims=True) if ord == 2 else s.min(-1, keepdims=True)
        mask = s == best
        u = u * (mask / mask.sum(-1, keepdims=True))[..., None, :]
    return np.moveaxis(u @ vh, (-2, -1), axes)
