"""LU with partial pivoting: `linalg.lu_factor` (and `_ex`), `linalg.lu` (P, L, U) and
`linalg.lu_solve`, computed as LAPACK's getrf/getrs, with PyTorch's results and errors; the
legacy `torch.lu`, `torch.lu_unpack` and `torch.lu_solve`.

>>> import numtorch
>>> numtorch.linalg.lu_factor(numtorch.tensor([[1., 2.], [3., 4.]])).pivots.tolist()
[2, 2]
"""
import numpy as np

from .. import _dtype as D
from .._convert import warn_once
from .._tensor import Tensor, wrap
from . import grad_linalg_more as G
from .linalg_factor import _out, getrf, record_outputs
from .linalg_solvers import adjoint_lu_solve, lu_solve_arrays
from .reduction import return_type
from .registry import attach

__all__ = []

_LU_FACTOR = return_type("linalg_lu_factor", ("LU", "pivots"))
_LU_FACTOR_EX = return_type("linalg_lu_factor_ex", ("LU", "pivots", "info"))
_LU = return_type("linalg_lu", ("P", "L", "U"))
_LU_UNPACK = return_type("lu_unpack", ("P", "L", "U"))
_LU_WITH_INFO = return_type("_lu_with_info", ("LU", "pivots", "info"))


def _factor(op, A, pivot):
    """`op` names the op in the dims error ('torch.lu_factor' or 'linalg.lu')."""
    a = A._a
    if a.ndim < 2:
        raise RuntimeError(f"{op}: Expected tensor with 2 or more dimensions. Got size: "
                           f"{list(a.shape)} instead")
    if not pivot:
        raise RuntimeError("linalg.lu_factor: LU without pivoting is not implemented on the CPU")
    if A.dtype._cat < 2 or A.dtype.np in (np.float16, D.bfloat16.np):
        raise NotImplementedError(f"\"lu_cpu\" not implemented for '{D.SCALAR_NAME[A.dtype]}'")
    return a, *getrf(a)


def permutation(piv, m, dtype):
    """The permutation matrices P (A = P L U) of 1-based getrf pivots `piv`."""
    perm = np.broadcast_to(np.arange(m), piv.shape[:-1] + (m,)).copy()
    if not perm.size or not piv.shape[-1]:
        return np.broadcast_to(np.eye(m, dtype=dtype), perm.shape + (m,)).copy()
    flat, p = perm.reshape(-1, m), piv.reshape(-1, piv.shape[-1]) - 1
    rows = np.arange(flat.shape[0])
    for j in range(p.shape[-1]):
        top = flat[rows, j].copy()
        flat[rows, j] = flat[rows, p[:, j]]
        flat[rows, p[:, j]] = top
    # row i of P^T A is row perm[i] of A: P[perm[i], i] = 1
    P = np.zeros(perm.shape + (m,), dtype)
    np.put_along_axis(P, perm[..., :, None], 1, -1)
    return np.ascontiguousarray(np.swapaxes(P, -1, -2))


def _lu_factor_ex(op, A, pivot, check_errors):
    a, lu, piv, info = _factor("torch.lu_factor", A, pivot)
    if check_errors and info.any():
        flat = info.reshape(-1)
        i = int(np.flatnonzero(flat)[0])
        batch = f"(Batch element {i}): " if info.ndim else ""
        k = int(flat[i])
        raise RuntimeError(f"{op}: {batch}U[{k},{k}] is zero and using it on "
                           f"lu_solve would result in a division by zero. If you still want to "
                           f"perform the factorization, consider calling linalg.lu(A, pivot) or "
                           f"linalg.lu_factor_ex(A, pivot)")
    LU = _out(lu, True)
    m, n = a.shape[-2:]
    record_outputs((LU,), "LinalgLuFactorExBackward0", (A,), G.lu_factor(m, n),
                   (wrap(permutation(piv, m, a.dtype)), 0))
    return LU, _out(piv), _out(info)


def lu_factor(A, *, pivot=True):
    """(LU, pivots): L (unit diagonal, below) and U (on and above) in one matrix; raises
    for a singular matrix."""
    return _LU_FACTOR(_lu_factor_ex("torch.linalg.lu_factor", A, pivot, True)[:2])


def lu_factor_ex(A, *, pivot=True, check_errors=False):
    """(LU, pivots, info): `info` is the first zero pivot (no error)."""
    return _LU_FACTOR_EX(_lu_factor_ex("torch.linalg.lu_factor_ex", A, pivot, check_errors))


def lu(A, *, pivot=True):
    """P, L, U with A = P L U (L unit lower trapezoidal, U upper trapezoidal)."""
    a, lu_, piv, _ = _factor("linalg.lu", A, pivot)
    m, n = a.shape[-2:]
    k = min(m, n)
    P = permutation(piv, m, a.dtype)
    L = np.tril(lu_[..., :, :k], -1) + np.eye(m, k, dtype=a.dtype)
    U = np.triu(lu_[..., :k, :])
    Pt, Lt, Ut = _out(P), _out(L), _out(U)
    Lt, Ut = record_outputs((Lt, Ut), "LinalgLuBackward0", (A,), G.lu(m, n), (Pt, 0, 1))
    return _LU((Pt, Lt, Ut))


def lu_solve(LU, pivots, B, *, left=True, adjoint=False):
    """X with A X = B (A^H X = B when `adjoint`; X A = B when not `left`), A given by its
    `lu_factor`."""
    lu_a, b = LU._a, B._a
    op = "linalg.lu_solve"
    if lu_a.ndim < 2 or lu_a.shape[-1] != lu_a.shape[-2]:
        raise RuntimeError(f"{op}: Expected LU to be a square matrix, but got shape "
                           f"{list(lu_a.shape)}" if lu_a.ndim >= 2 else
                           f"torch.linalg.lu_solve: Expected LU to have at least 2 dimensions, "
                           f"but it has {lu_a.ndim} dimensions instead")
    if LU.dtype is not B.dtype:
        raise RuntimeError(f"{op}: Expected LU and B to have the same dtype, but found LU of "
                           f"type {D.SCALAR_NAME[LU.dtype]} and B of type "
                           f"{D.SCALAR_NAME[B.dtype]} instead")
    n = lu_a.shape[-1]
    if b.ndim < 2 or (b.shape[-2] if left else b.shape[-1]) != n:
        raise RuntimeError(f"{op}: Incompatible shapes of A and B for the equation "
                           f"{'AX = B' if left else 'XA = B'} ({n}x{n} and "
                           f"{'x'.join(str(s) for s in b.shape[-2:])})")
    piv = pivots._a
    rhs = b if left else np.swapaxes(b, -1, -2).conj()
    if adjoint == left:  # A^H X = B, or X A = B: A^H X^H = B^H
        x = adjoint_lu_solve(lu_a, piv, rhs)
    else:  # A X = B, or X A^H = B: A X^H = B^H
        x = lu_solve_arrays(lu_a, piv, rhs)
    x = x.astype(lu_a.dtype, copy=False)
    X = _out(x, True) if left else _out(np.ascontiguousarray(np.swapaxes(x, -1, -2).conj()))
    return record_outputs((X,), "LinalgLuSolveBackward0", (LU, B),
                          G.lu_solve(left, adjoint), (LU, pivots, 0))[0]


# ---- legacy forms --------------------------------------------------------------------------
_LU_DEPRECATED = (
    "torch.lu is deprecated in favor of torch.linalg.lu_factor / torch.linalg.lu_factor_ex and "
    "will be removed in a future PyTorch release.\nLU, pivots = torch.lu(A, compute_pivots)\n"
    "should be replaced with\nLU, pivots = torch.linalg.lu_factor(A, compute_pivots)\nand\n"
    "LU, pivots, info = torch.lu(A, compute_pivots, get_infos=True)\nshould be replaced with\n"
    "LU, pivots, info = torch.linalg.lu_factor_ex(A, compute_pivots)")
_LU_SOLVE_DEPRECATED = (
    "torch.lu_solve is deprecated in favor of torch.linalg.lu_solveand will be removed in a "
    "future PyTorch release.\nNote that torch.linalg.lu_solve has its arguments reversed.\n"
    "X = torch.lu_solve(B, LU, pivots)\nshould be replaced with\n"
    "X = torch.linalg.lu_solve(LU, pivots, B)")


def torch_lu(A, pivot=True, get_infos=False):
    """Deprecated `linalg.lu_factor_ex`: (LU, pivots), and `info` when `get_infos`."""
    warn_once(_LU_DEPRECATED)
    r = _lu_factor_ex("torch.linalg.lu_factor_ex", A, pivot, False)
    return _LU_WITH_INFO(r) if get_infos else r[:2]


def lu_unpack(LU_data, LU_pivots, unpack_data=True, unpack_pivots=True):
    """(P, L, U) of `linalg.lu_factor`'s (LU, pivots); the parts not unpacked are empty."""
    lu_, piv = LU_data._a, LU_pivots._a
    if lu_.ndim < 2:
        raise RuntimeError(f"torch.lu_unpack: Expected tensor with 2 or more dimensions. Got "
                           f"size: {list(lu_.shape)} instead")
    if LU_pivots.dtype is not D.int32 or not LU_pivots.is_contiguous():
        raise RuntimeError("torch.lu_unpack: LU_pivots is expected to be a contiguous tensor "
                           "of torch.int32 dtype.\nNote: this function is intended to be used "
                           "with the output produced by torch.linalg.lu_factor")
    m, n = lu_.shape[-2:]
    k = min(m, n)
    empty = np.zeros((0,), lu_.dtype)
    P = _out(permutation(piv, m, lu_.dtype) if unpack_pivots else empty)
    if not unpack_data:
        L, U = _out(empty), _out(empty)
    else:
        L = _out(np.tril(lu_[..., :, :k], -1) + np.eye(m, k, dtype=lu_.dtype))
        U = _out(np.triu(lu_[..., :k, :]))
    L, U = record_outputs((L, U), "LuUnpackBackward0", (LU_data,), G.lu_unpack(m, n), ())
    return _LU_UNPACK((P, L, U))


def torch_lu_solve(b, LU_data, LU_pivots):
    """Deprecated `linalg.lu_solve(LU_data, LU_pivots, b)`."""
    warn_once(_LU_SOLVE_DEPRECATED)
    return lu_solve(LU_data, LU_pivots, b)


attach("lu", torch_lu, method=False, doc=torch_lu.__doc__)


def _lu_method(self, pivot=True, get_infos=False):
    return tuple(torch_lu(self, pivot, get_infos))  # Tensor.lu: a plain tuple


_lu_method.__name__, _lu_method.__doc__ = "lu", torch_lu.__doc__
Tensor.lu = _lu_method
attach("lu_solve", torch_lu_solve, doc=torch_lu_solve.__doc__)
attach("lu_unpack", lu_unpack, method=False, doc=lu_unpack.__doc__)
