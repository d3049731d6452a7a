"""Norms, determinants, inverses and solves: `torch.norm`, `torch.det`, `torch.inverse` and the
`numtorch.linalg` functions behind them (vector_norm, matrix_norm, norm, det, inv, solve).

Inputs must be floating point or complex; results of inverses and solves are laid out as
LAPACK writes them (column-major matrices), as PyTorch's are. A singular matrix raises
`numtorch.linalg.LinAlgError` naming the zero pivot as LAPACK does.

>>> import numtorch
>>> numtorch.linalg.inv(numtorch.tensor([[2., 0.], [0., 4.]])).tolist()
[[0.5, 0.0], [0.0, 0.25]]
"""
import math

import numpy as np

from .. import _dtype as D
from .._promotion import promote_types
from .._tensor import Tensor, wrap_dim
from . import grad_linalg as G
from .linalg import _LOW, _LinAlgError, _result
from .registry import needs_grad, out_allowed, resize_out, write_into

__all__ = ["det", "inverse", "norm", "vector_norm", "matrix_norm", "linalg_norm", "inv",
           "solve", "LinAlgError"]

LinAlgError = _LinAlgError
_INF = math.inf


def _float_input(op, t):
    if not isinstance(t, Tensor):
        raise TypeError(f"{op}(): argument 'A' (position 1) must be Tensor, not "
                        f"{type(t).__name__}")
    if t.dtype._cat < 2:
        raise RuntimeError(f"{op}: Expected a floating point or complex tensor as input. Got "
                           f"{D.SCALAR_NAME[t.dtype]}")
    return t._a


def _square(op, a):
    if a.ndim < 2:
        raise RuntimeError(f"{op}: The input tensor A must have at least 2 dimensions.")
    if a.shape[-1] != a.shape[-2]:
        raise RuntimeError(f"{op}: A must be batches of square matrices, but they are "
                           f"{a.shape[-2]} by {a.shape[-1]} matrices")


def _lapack(op, dtype):
    if dtype.np in _LOW:
        if op == "linalg.det":
            raise NotImplementedError(f"\"lu_cpu\" not implemented for "
                                      f"'{D.SCALAR_NAME[dtype]}'")
        raise RuntimeError(f"{op}: Low precision dtypes not supported. Got "
                           f"{D.SCALAR_NAME[dtype]}")


def _column_major(r):
    """`r` with its matrices (last two dims) stored column by column, as LAPACK leaves them."""
    return np.swapaxes(np.ascontiguousarray(np.swapaxes(r, -1, -2)), -1, -2)


def _zero_pivot(m):
    """The 1-based index of the first zero pivot of LU with partial pivoting (LAPACK's
    getrf info), or 0."""
    m = np.array(m)
    n = m.shape[0]
    for j in range(n):
        p = j + int(np.abs(m[j:, j]).argmax())
        if m[p, j] == 0:
            return j + 1
        m[[j, p]] = m[[p, j]]
        m[j + 1:, j:] -= np.multiply.outer(m[j + 1:, j] / m[j, j], m[j, j:])
    return 0


def _singular(op, a, message):
    """PyTorch's LinAlgError for the first singular matrix of batch `a`."""
    mats = a.reshape(-1, a.shape[-2], a.shape[-1])
    for i, m in enumerate(mats):
        k = _zero_pivot(m)
        if k:
            batch = f"(Batch element {i}): " if a.ndim > 2 else ""
            return _LinAlgError(f"{op}: {batch}" + message.format(k))
    return _LinAlgError(f"{op}: " + message.format(1))


# ---- det, inverse, solve ----------------------------------------------------------------------
def det(A):
    """The determinant of (a batch of) square matrices."""
    a = _float_input("linalg.det", A)
    _square("linalg.det", a)
    _lapack("linalg.det", A.dtype)
    r = np.linalg.det(a) if a.size else np.ones(a.shape[:-2], a.dtype)
    return _result(np.asarray(r, a.dtype), "LinalgDetBackward0", (A,), G.det, (A,), True)


def _into(out, r, name, inputs, matrix=None):
    """`r` written into `out=` tensor `out` as PyTorch's `name` does: its autograd error, an
    exact dtype, then a resize; the composite matrix norms (`matrix`: the name their message
    gives) copy `r` in, gradient and all."""
    if out is None:
        return r
    if not matrix:
        out_allowed(name, inputs + (out,))
    if out.dtype is not r.dtype:
        if matrix:
            raise RuntimeError(f"{matrix} expected out tensor dtype {D.SCALAR_NAME[r.dtype]} "
                               f"but got: {D.SCALAR_NAME[out.dtype]}")
        raise RuntimeError(f"Expected out tensor to have dtype {D.CXX_NAME[r.dtype]}, but got "
                           f"{D.CXX_NAME[out.dtype]} instead")
    if not matrix:
        return write_into(out, r._a)
    if out.shape != r.shape:  # composite: resized, then copied into (with CopyBackwards)
        resize_out(out, r.shape)
    return out.copy_(r)


_INV_SINGULAR = ("The diagonal element {} is zero, the inversion could not be completed "
                 "because the input matrix is singular.")


def inv(A, *, out=None):
    """The inverse of (a batch of) square matrices; LinAlgError when one is singular."""
    if out is not None:
        return _into(out, inv(A), "linalg_inv_ex", (A,))
    a = _float_input("linalg.inv", A)
    _square("linalg.inv", a)
    _lapack("linalg.inv", A.dtype)
    try:
        r = np.linalg.inv(a)
    except np.linalg.LinAlgError:
        raise _singular("linalg.inv", a, _INV_SINGULAR) from None
    return _result(_column_major(r.astype(a.dtype, copy=False)), "LinalgInvExBackward0", (A,),
                   G.inverse, (), True)


def inverse(input, *, out=None):
    """`linalg.inv`."""
    return inv(input, out=out)


def solve(A, B, *, left=True, out=None):
    """X with A X = B (B a matrix or, when it has one dim fewer than A, a vector)."""
    a = _float_input("linalg.solve", A)
    b = B._a
    _square("linalg.solve", a)
    if A.dtype is not B.dtype:
        raise RuntimeError(f"linalg.solve: Expected A and B to have the same dtype, but found "
                           f"A of type {D.SCALAR_NAME[A.dtype]} and B of type "
                           f"{D.SCALAR_NAME[B.dtype]} instead")
    vector = b.ndim == 1 or b.ndim == a.ndim - 1 and b.shape == a.shape[:-1]
    bm = b[..., None] if vector else b
    if bm.ndim < 2 or bm.shape[-2] != a.shape[-1]:
        rows, cols = (bm.shape[-2], bm.shape[-1]) if bm.ndim >= 2 else (b.shape[-1], 1)
        raise RuntimeError(f"linalg.solve: Incompatible shapes of A and B for the equation "
                           f"AX = B ({a.shape[-2]}x{a.shape[-1]} and {rows}x{cols})")
    _lapack("linalg.solve", A.dtype)
    try:
        r = np.linalg.solve(a, bm)
    except np.linalg.LinAlgError:
        raise _LinAlgError("torch.linalg.solve: The solver failed because the input matrix "
                           "is singular.") from None
    if vector:
        r = r[..., 0]
    if b.ndim > 1:  # LAPACK's column-major result (a batch of vectors: batch index fastest)
        r = _column_major(r)
    return _result(r.astype(a.dtype, copy=False), "LinalgSolveExBackward0", (A, B),
                   G.solve(vector), (A,), True)


# ---- norms ------------------------------------------------------------------------------------
def _dims(dim, ndim):
    if dim is None or not isinstance(dim, int) and not len(dim):  # None, [] or (): every dim
        return tuple(range(ndim))
    if isinstance(dim, int):
        dim = (dim,)
    return tuple(wrap_dim(d, ndim) if ndim else d for d in dim)


def _vector_norm(a, ord, axes, keepdim):
    """The `ord` norm of the absolute values `a` over `axes`."""
    if ord == _INF:
        return np.max(a, axis=axes, keepdims=keepdim)
    if ord == -_INF:
        return np.min(a, axis=axes, keepdims=keepdim)
    if ord == 0:
        return np.sum(a != 0, axis=axes, keepdims=keepdim).astype(a.dtype)
    if ord == 1:
        return np.sum(a, axis=axes, keepdims=keepdim)
    if ord == 2:
        return np.sqrt(np.sum(a * a, axis=axes, keepdims=keepdim))
    return np.sum(a ** ord, axis=axes, keepdims=keepdim) ** (1.0 / ord)


def _norm_dtype(op, t, dtype):
    """`dtype` (the `dtype=` of a norm), checked against input `t` as PyTorch does."""
    if dtype.is_complex != t.dtype.is_complex:
        kind = "complex" if t.dtype.is_complex else "real"
        raise RuntimeError(f"{op}: dtype should be {kind} for {kind} inputs, but got "
                           f"{D.SCALAR_NAME[dtype]}")
    if promote_types(t.dtype, dtype) is not dtype:
        raise RuntimeError(f"{op}: the dtype of the input ({D.SCALAR_NAME[t.dtype]}) should be "
                           f"convertible without narrowing to the specified dtype "
                           f"({D.SCALAR_NAME[dtype]})")
    return dtype


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None, out=None, op=None):
    """The `ord` norm of `x` as a vector (over `dim`, all dims when None or empty)."""
    if out is not None:
        return _into(out, vector_norm(x, ord, dim, keepdim, dtype=dtype, op=op),
                     "linalg_vector_norm", (x,))
    if isinstance(ord, Tensor):
        ord = ord.item()
    if not isinstance(ord, (int, float, complex)):
        raise TypeError(f"linalg_vector_norm(): argument 'ord' (position 2) must be Number, "
                        f"not {type(ord).__name__}")
    if isinstance(ord, complex):
        raise RuntimeError("linalg.vector_norm: Expected a non-complex scalar as the order of "
                           "norm.")
    a = _float_input(op or "linalg.vector_norm", x)
    if dtype is not None:
        a = a.astype(_norm_dtype("linalg.vector_norm", x, dtype).np)
    real = D.FROM_NP[a.dtype].to_real() if a.dtype.kind == "c" else D.FROM_NP[a.dtype]
    work = np.abs(a).astype(np.float32 if real.np in _LOW else real.np, copy=False)
    axes = _dims(dim, a.ndim)
    if not a.ndim:
        work, axes = work.reshape(1), (0,)
    if not work.size and ord < 0 or not work.size and ord == _INF:
        raise RuntimeError(f"linalg.vector_norm cannot compute the {ord} norm on an empty "
                           f"tensor because the operation does not have an identity")
    with np.errstate(all="ignore"):
        r = np.asarray(_vector_norm(work, ord, axes, keepdim and a.ndim > 0)).astype(real.np)
    return _result(r, "LinalgVectorNormBackward0", (x,),
                   G.vector_norm(ord, axes, keepdim, a.shape), (x,), True)


_MATRIX_ORDS = ("fro", "nuc", _INF, -_INF, 1, -1, 2, -2)
_MATRIX_GRAD = {"fro": "LinalgVectorNormBackward0", "nuc": "SumBackward1", _INF: "AmaxBackward0",
                1: "AmaxBackward0", 2: "AmaxBackward0", -_INF: "AminBackward0",
                -1: "AminBackward0", -2: "AminBackward0"}


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None, out=None):
    """The `ord` norm ('fro', 'nuc', inf, -inf, 1, -1, 2, -2) of the matrices over `dim`."""
    if out is not None:
        return _into(out, matrix_norm(A, ord, dim, keepdim, dtype=dtype), "linalg_matrix_norm",
                     (A,), "linalg.matrix_norm")
    a = _float_input("linalg.matrix_norm", A)
    if a.ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                           "dimensions.")
    if ord not in _MATRIX_ORDS:
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if dtype is not None:
        a = a.astype(_norm_dtype("linalg.matrix_norm", A, dtype).np)
    axes = tuple(wrap_dim(d, a.ndim) for d in dim)
    real = D.FROM_NP[a.dtype].to_real() if a.dtype.kind == "c" else D.FROM_NP[a.dtype]
    work = a.astype(np.float32) if a.dtype in _LOW else a
    if ord == "fro":
        r = _vector_norm(np.abs(work), 2, axes, keepdim)
    else:
        r = np.linalg.norm(work, ord, axis=axes, keepdims=keepdim)
    fn = G.matrix_norm(ord, axes, keepdim, A) if needs_grad((A,)) else None
    name = "PermuteBackward0" if keepdim and ord in ("nuc", 2, -2) else _MATRIX_GRAD[ord]
    return _result(np.asarray(r).astype(real.np), name, (A,), fn, (A,), True)


def linalg_norm(A, ord=None, dim=None, keepdim=False, *, dtype=None, out=None):
    """A vector norm (`dim` an int, or None with `ord` None or a 1-d input) or a matrix norm
    (`dim` a pair, or None with a 2-d input)."""
    if out is not None:
        return _into(out, linalg_norm(A, ord, dim, keepdim, dtype=dtype), "linalg_norm", (A,),
                     "linalg.norm")
    a = _float_input("linalg.norm", A)
    if dim is not None and not isinstance(dim, int) and len(dim) == 2 or \
            dim is None and ord is not None and a.ndim == 2:
        return matrix_norm(A, "fro" if ord is None else ord, (-2, -1) if dim is None else dim,
                           keepdim, dtype=dtype)
    if dim is not None and not isinstance(dim, int) and len(dim) not in (1, 2):
        raise RuntimeError(f"linalg.norm: If dim is specified, it must be of length 1 or 2. "
                           f"Got {list(dim)}")
    if dim is None and ord is not None and a.ndim != 1:
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must "
                           f"be 1D or 2D. Got {a.ndim}D.")
    if isinstance(ord, str):
        raise RuntimeError(f"linalg.vector_norm: Order {ord} not supported.")
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype)


linalg_norm.__name__ = linalg_norm.__qualname__ = "norm"


def norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None):
    """PyTorch's `torch.norm`: 'fro' (the 2-norm of the elements), 'nuc' (the nuclear norm)
    or a p-norm, over `dim` (all dims when None)."""
    if out is not None:
        return _into(out, norm(input, p, dim, keepdim, dtype=dtype), "linalg_vector_norm",
                     (input,), "linalg.matrix_norm" if p == "nuc" else None)
    if p == "nuc":
        return matrix_norm(input, "nuc", (-2, -1) if dim is None else dim, keepdim)
    if isinstance(p, str) and p != "fro":
        raise RuntimeError(f"linalg.matrix_norm: Order {p} not supported.")
    return vector_norm(input, 2 if p == "fro" or p is None else p, dim, keepdim, dtype=dtype)
