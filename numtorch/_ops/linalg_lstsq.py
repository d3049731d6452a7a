"""Least squares (`linalg.lstsq`, as PyTorch's CPU drivers report it) and condition numbers
(`linalg.cond`).

>>> import numtorch
>>> a = numtorch.tensor([[1., 0.], [0., 1.], [1., 1.]])
>>> numtorch.linalg.lstsq(a, numtorch.tensor([[1.], [1.], [2.]])).rank.item()
2
"""
import math

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, wrap
from . import grad_linalg_more as G
from .linalg_decomp import matrix_norm
from .linalg_factor import _out, inv_ex, real_of, record_outputs, svdvals
from .indexing import bump_version
from .reduction import return_type
from .registry import broadcast_error

__all__ = []

_LSTSQ = return_type("linalg_lstsq", ("solution", "residuals", "rank", "singular_values"))
_DRIVERS = ("gels", "gelsy", "gelsd", "gelss")


def _lstsq_checks(A, B, driver):
    op = "torch.linalg.lstsq"
    for t in (A, B):
        if not isinstance(t, Tensor):
            raise TypeError(f"linalg_lstsq(): argument 'self' must be Tensor, not "
                            f"{type(t).__name__}")
    if A.dtype is not B.dtype:
        raise RuntimeError(f"{op}: Expected input and other to have the same dtype, but got "
                           f"input's dtype {D.SCALAR_NAME[A.dtype]} and other's dtype "
                           f"{D.SCALAR_NAME[B.dtype]}")
    if A.dtype._cat < 2 or A.dtype.np in (np.float16, D.bfloat16.np):
        raise RuntimeError("This function doesn't handle types other than float and double")
    a, b = A._a, B._a
    if a.ndim < 2:
        raise RuntimeError(f"{op}: input must have at least 2 dimensions.")
    if b.ndim < 1:
        raise RuntimeError(f"{op}: other must have at least 1 dimension.")
    if driver is not None and driver not in _DRIVERS:
        raise RuntimeError(f"{op}: parameter `driver` should be one of "
                           f"({', '.join(_DRIVERS)})")
    vector = b.ndim == 1 or b.ndim == a.ndim - 1 and b.shape == a.shape[:-1]
    bm = b[..., None] if vector else b
    if bm.shape[-2] != a.shape[-2]:
        raise RuntimeError(f"{op}: input.size(-2) should match other.size(-2)")
    return a, bm, vector


def lstsq(A, B, rcond=None, *, driver=None):
    """The least-squares solution of A X = B (the minimum-norm one for rank-deficient A,
    singular values under rcond * the largest taken as zero), with the residuals, rank and
    singular values that the `driver` ('gelsy' by default) reports."""
    a, bm, vector = _lstsq_checks(A, B, driver)
    driver = driver or "gelsy"
    m, n = a.shape[-2:]
    if rcond is None:
        rcond = np.finfo(real_of(a)).eps * max(m, n)
    try:
        shape = np.broadcast_shapes(a.shape[:-2], bm.shape[:-2])
    except ValueError:
        raise broadcast_error([a.shape[:-2], bm.shape[:-2]]) from None
    a = np.broadcast_to(a, shape + a.shape[-2:])
    bm = np.broadcast_to(bm, shape + bm.shape[-2:])
    if a.size and bm.size:
        u, s, vh = np.linalg.svd(a, full_matrices=False)
        keep = s > rcond * s[..., :1]
        with np.errstate(divide="ignore"):
            inv_s = np.where(keep, 1 / np.where(keep, s, 1), 0).astype(a.dtype)
        x = np.swapaxes(vh, -1, -2).conj() @ (inv_s[..., None] * (np.swapaxes(u, -1, -2).conj()
                                                                   @ bm))
        rank = keep.sum(-1).astype(np.int64)
    else:
        x = np.zeros(shape + (n, bm.shape[-1]), a.dtype)
        s = np.zeros(shape + (min(m, n),), real_of(a))
        rank = np.linalg.matrix_rank(a) if a.size else np.zeros(shape, np.int64)
    buf = np.zeros(shape + (max(m, n), bm.shape[-1]), a.dtype)  # LAPACK's B, column-major
    buf[..., :n, :] = x
    X = _out(buf, True)[..., :n, :]
    X = X[..., 0] if vector else X
    full_rank = np.all(rank == n)
    if driver != "gelsy" and m > n and full_rank and a.size:
        res = (np.abs(a @ x - bm) ** 2).sum(-2)
        residuals = _out(res[..., 0] if vector else res)
    else:
        residuals = _out(np.zeros((0,), real_of(a)))
    rank_t = _out(rank) if driver != "gels" else _out(np.zeros((0,), np.int64))
    sv = _out(s if driver in ("gelsd", "gelss") else np.zeros((0,), real_of(a)))
    X, residuals = record_outputs((X, residuals), "LinalgLstsqBackward0", (A, B),
                                  G.lstsq(vector), (A, B, 0))
    return _LSTSQ((X, residuals, rank_t, sv))


_CONDS = (None, 2, -2, 1, -1, math.inf, -math.inf, "fro", "nuc")


def cond(A, p=None):
    """The condition number of (a batch of) matrices in the norm `p` (None: 2)."""
    if p not in _CONDS:
        raise RuntimeError(f"linalg.cond got an invalid norm type: {p}")
    if A.dim() < 2:
        raise RuntimeError("linalg.cond: The input tensor must have at least 2 dimensions.")
    if p in (None, 2, -2):
        if not A.numel():
            return wrap(np.zeros(A.shape[:-2], real_of(A._a)))
        s = svdvals(A)
        ratio = s[..., -1:] / s[..., :1] if p == -2 else s[..., :1] / s[..., -1:]
        return ratio.squeeze(-1)
    if A.shape[-1] != A.shape[-2]:
        raise RuntimeError(f"linalg.cond(ord={p}): A must be batches of square matrices, but "
                           f"they are {A.shape[-2]} by {A.shape[-1]} matrices")
    if not A.numel():
        return wrap(np.zeros(A.shape[:-2], real_of(A._a)))
    Ainv = inv_ex(A).inverse
    r = matrix_norm(A, p) * matrix_norm(Ainv, p)
    if p == "nuc":
        return r
    bump_version(Ainv)  # PyTorch writes into the saved inverse: backward raises, as there
    return r.nan_to_num(math.inf, math.inf, -math.inf)
