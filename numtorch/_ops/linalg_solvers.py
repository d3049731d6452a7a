"""Triangular and Cholesky solves, pseudo-inverses, matrix powers and exponentials, rank,
eigenvalues of general matrices and the small `numtorch.linalg` helpers (multi_dot, vecdot,
diagonal, vander), with PyTorch's results, layouts and errors; derivatives are in
`grad_linalg_more`.

>>> import numtorch
>>> a = numtorch.tensor([[2., 0.], [1., 4.]])
>>> numtorch.linalg.solve_triangular(a, numtorch.tensor([[2.], [5.]]), upper=False).tolist()
[[1.0], [1.0]]
"""
import numpy as np

from .. import _dtype as D
from .._convert import warn_once
from .._tensor import Tensor, wrap
from . import grad_linalg_more as G
from .linalg import _result, matmul
from .linalg_decomp import _column_major, _float_input, _square, inv
from .linalg_factor import (_out, eigvalsh, real_of, record_outputs,
                            square_input, svdvals)
from .reduction import return_type
from .shape_copy import cat
from .registry import needs_grad

__all__ = ["triangular_solve", "cholesky_solve", "pinverse", "matrix_power", "matrix_exp"]

_TRIANGULAR = return_type("triangular_solve", ("solution", "cloned_coefficient"))
_EIG = return_type("linalg_eig", ("eigenvalues", "eigenvectors"))


# ---- triangular solves ------------------------------------------------------------------------
def _trsm(a, b, upper, unit):
    """A^{-1} B for triangular (batches) `a` (the `upper` or lower triangle, unit diagonal
    when `unit`), by substitution as LAPACK's trsm: zero pivots give inf/nan."""
    t = np.triu(a) if upper else np.tril(a)
    n = a.shape[-1]
    diag = np.ones(a.shape[:-1], a.dtype) if unit else np.diagonal(t, 0, -2, -1)
    if unit:
        t = t - np.diagonal(t, 0, -2, -1)[..., None] * np.eye(n, dtype=a.dtype) + np.eye(n)
    if n and np.all(diag != 0):
        return np.linalg.solve(t, b)
    x = np.zeros(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]) + b.shape[-2:],
                 np.result_type(a, b))
    with np.errstate(all="ignore"):
        for i in (range(n - 1, -1, -1) if upper else range(n)):
            rest = slice(i + 1, n) if upper else slice(0, i)
            acc = b[..., i, :] - np.einsum("...k,...kj->...j", t[..., i, rest], x[..., rest, :])
            x[..., i, :] = acc / diag[..., i, None]
    return x


def _check_pair(op, A, B, left):
    a, b = _float_input(op, A), B._a
    for t, name in ((a, "A"), (b, "B")):
        if t.ndim < 2:
            raise RuntimeError(f"{op}: The input tensor {name} must have at least 2 "
                               f"dimensions.")
    _square(op, a)
    if A.dtype is not B.dtype:
        raise RuntimeError(f"{op}: Expected A and B to have the same dtype, but found A of "
                           f"type {D.SCALAR_NAME[A.dtype]} and B of type "
                           f"{D.SCALAR_NAME[B.dtype]} instead")
    if (b.shape[-2] if left else b.shape[-1]) != a.shape[-1]:
        eq = "AX = B" if left else "XA = B"
        raise RuntimeError(f"{op}: Incompatible shapes of A and B for the equation {eq} "
                           f"({a.shape[-2]}x{a.shape[-1]} and {b.shape[-2]}x{b.shape[-1]})")
    return a, b


def lu_solve_arrays(lu, piv, b):
    """A^{-1} B from A's getrf factors (LU, 1-based pivots), as getrs."""
    x = np.array(np.broadcast_to(b, np.broadcast_shapes(lu.shape[:-2], b.shape[:-2]) +
                                 b.shape[-2:]), np.result_type(lu, b))
    if not x.size:
        return x
    flat, p = x.reshape(-1, *x.shape[-2:]), np.broadcast_to(piv, x.shape[:-2] + piv.shape[-1:])
    p = p.reshape(-1, p.shape[-1]) - 1
    rows = np.arange(flat.shape[0])
    for j in range(p.shape[-1]):
        top = flat[rows, j].copy()
        flat[rows, j] = flat[rows, p[:, j]]
        flat[rows, p[:, j]] = top
    return _trsm(lu, _trsm(lu, x, False, True), True, False)


def adjoint_lu_solve(lu, piv, b):
    """A^{-H} B from A's getrf factors (A^H = U^H L^H P^T), as getrs: a singular A gives
    inf and nan."""
    luh = np.swapaxes(lu, -1, -2).conj()
    x = np.ascontiguousarray(_trsm(luh, _trsm(luh, b, False, False), True, True))
    if not x.size:
        return x
    flat = x.reshape(-1, *x.shape[-2:])
    p = np.broadcast_to(piv, x.shape[:-2] + piv.shape[-1:]).reshape(-1, piv.shape[-1]) - 1
    rows = np.arange(flat.shape[0])
    for j in range(p.shape[-1] - 1, -1, -1):
        top = flat[rows, j].copy()
        flat[rows, j] = flat[rows, p[:, j]]
        flat[rows, p[:, j]] = top
    return x


def solve_triangular(A, B, *, upper=None, left=True, unitriangular=False):
    """X with A X = B (X A = B when not `left`) for triangular A (B cast to A's dtype)."""
    if upper is None:
        raise TypeError('linalg_solve_triangular() missing 1 required positional arguments: '
                        '"upper"')
    if A.dtype._cat < 2 or A.dtype.np in (np.float16, D.bfloat16.np):
        raise NotImplementedError(f'"triangular_solve_cpu" not implemented for '
                                  f"'{D.SCALAR_NAME[A.dtype]}'")
    if B.dtype is not A.dtype:
        B = B.to(A.dtype)
    a, b = _check_pair("linalg.solve_triangular", A, B, left)
    if left:
        r = _trsm(a, b, upper, unitriangular)
    else:  # X A = B  <=>  A^T X^T = B^T
        r = np.swapaxes(_trsm(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2), not upper,
                              unitriangular), -1, -2)
    return _result(_column_major(r.astype(a.dtype, copy=False)),
                   "LinalgSolveTriangularBackward0", (A, B),
                   G.solve_triangular(upper, left, unitriangular), (A,), needs_grad((A,)))


def _legacy_checks(op, b, A, names):
    """The arrays of legacy solver operands `b` and `A` (`names`: how the messages call
    them), checked in PyTorch's order."""
    for t, name in zip((b, A), names):
        if t._a.ndim < 2:
            raise RuntimeError(names[2].format(name=name, ndim=t._a.ndim))
    if b.dtype is not A.dtype:
        raise RuntimeError(f"Expected b and A to have the same dtype, but found b of type "
                           f"{D.SCALAR_NAME[b.dtype]} and A of type {D.SCALAR_NAME[A.dtype]} "
                           f"instead.")
    a = A._a
    if a.shape[-1] != a.shape[-2]:
        raise RuntimeError(f"A must be batches of square matrices, but they are {a.shape[-2]} "
                           f"by {a.shape[-1]} matrices")
    if b._a.shape[-2] != a.shape[-1]:
        raise RuntimeError(f"Incompatible matrix sizes for {op}: each A matrix is {a.shape[-2]} "
                           f"by {a.shape[-1]} but each b matrix is {b._a.shape[-2]} by "
                           f"{b._a.shape[-1]}")
    if A.dtype._cat < 2 or A.dtype.np in (np.float16, D.bfloat16.np):
        raise NotImplementedError(f'"{op}_cpu" not implemented for '
                                  f"'{D.SCALAR_NAME[A.dtype]}'")
    return b._a, a


_TRIANGULAR_WARNING = (
    "torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be "
    "removed in a future PyTorch release.\ntorch.linalg.solve_triangular has its arguments "
    "reversed and does not return a copy of one of the inputs.\nX = torch.triangular_solve(B, "
    "A).solution\nshould be replaced with\nX = torch.linalg.solve_triangular(A, B).")


def triangular_solve(input, A, upper=True, transpose=False, unitriangular=False):
    """Legacy (X, A clone) with op(A) X = input, op(A) = A^T when `transpose`."""
    warn_once(_TRIANGULAR_WARNING)
    b, a = _legacy_checks("triangular_solve", input, A, (
        "b", "A", "torch.triangular_solve: Expected {name} to have at least 2 dimensions, but "
        "it has {ndim} dimensions instead"))
    m = np.swapaxes(a, -1, -2) if transpose else a
    r = _trsm(m, b, upper != transpose, unitriangular).astype(a.dtype, copy=False)
    shape = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    X = _out(np.broadcast_to(r, shape + r.shape[-2:]), True)
    M = _out(np.broadcast_to(a, shape + a.shape[-2:]), True)
    return _TRIANGULAR(record_outputs((X, M), "TriangularSolveBackward0", (input, A),
                                      G.triangular_solve(upper, transpose, unitriangular),
                                      (A, 0)))


def cholesky_solve(input, input2, upper=False):
    """X with A X = input, A = L L^H given its Cholesky factor `input2` (U^H U if `upper`)."""
    b, a = _legacy_checks("cholesky_solve", input, input2, (
        "b", "u", "{name} should have at least 2 dimensions, but has {ndim} dimensions "
        "instead"))
    L = np.swapaxes(a, -1, -2).conj() if upper else a
    y = _trsm(L, b, False, False)
    r = _trsm(np.swapaxes(L, -1, -2).conj(), y, True, False)
    return _result(_column_major(r.astype(a.dtype, copy=False)), "CholeskySolveBackward0",
                   (input, input2), G.cholesky_solve(upper), (input2,), True)


# ---- pinv, rank -------------------------------------------------------------------------------
def _tolerance(op, a, atol, rtol, values):
    """PyTorch's max(atol, rtol * largest) from singular or eigen `values`."""
    def arr(v):
        return v._a if isinstance(v, Tensor) else v
    eps = np.finfo(real_of(a)).eps
    if rtol is None:
        rtol = 0.0 if atol is not None and np.any(arr(atol) > 0) else eps * max(a.shape[-2:])
    top = values.max(-1, keepdims=True) if values.shape[-1] else np.zeros(values.shape[:-1] +
                                                                          (1,))
    atol = 0.0 if atol is None else np.asarray(arr(atol))[..., None]
    return np.maximum(atol, np.asarray(arr(rtol))[..., None] * top)


def pinv(A, *, atol=None, rtol=None, hermitian=False):
    """The Moore-Penrose pseudo-inverse (singular values under max(atol, rtol * the
    largest) taken as zero)."""
    a = A._a if isinstance(A, Tensor) else None
    if a is None or a.ndim < 2 or A.dtype._cat < 2 or A.dtype.np in (np.float16,
                                                                     D.bfloat16.np):
        name = D.SCALAR_NAME[A.dtype] if a is not None else type(A).__name__
        raise RuntimeError(f"linalg.pinv({name}{{{list(a.shape) if a is not None else ''}}}): "
                           f"expected a tensor with 2 or more dimensions of float, double, "
                           f"cfloat or cdouble types")
    if hermitian:
        w, v = np.linalg.eigh(a) if a.size else (np.zeros(a.shape[:-1]), a)
        tol = _tolerance("linalg.pinv", a, atol, rtol, np.abs(w))
        with np.errstate(divide="ignore"):
            inv_w = np.where(np.abs(w) > tol, 1 / w, 0).astype(a.dtype)
        r = (v * inv_w[..., None, :]) @ np.swapaxes(v, -1, -2).conj()
    else:
        if a.size:
            u, s, vh = np.linalg.svd(a, full_matrices=False)
        else:
            u = s = vh = None
        if s is None:
            r = np.zeros(a.shape[:-2] + (a.shape[-1], a.shape[-2]), a.dtype)
        else:
            tol = _tolerance("linalg.pinv", a, atol, rtol, s)
            with np.errstate(divide="ignore"):
                inv_s = np.where(s > tol, 1 / s, 0).astype(a.dtype)
            r = (np.swapaxes(vh, -1, -2).conj() * inv_s[..., None, :]) @ \
                np.swapaxes(u, -1, -2).conj()
    return _result(np.ascontiguousarray(r.astype(a.dtype, copy=False)), "LinalgPinvBackward0",
                   (A,), G.pinv, (A,), True)


def pinverse(input, rcond=1e-15):
    """Legacy `linalg.pinv` with relative tolerance `rcond`."""
    return pinv(input, rtol=rcond)


def matrix_rank(A, tol=None, hermitian=False, *, atol=None, rtol=None):
    """The number of singular (eigen, when `hermitian`) values above max(atol, rtol *
    the largest); `tol` is a legacy absolute tolerance."""
    if tol is not None:
        atol, rtol = tol, 0.0
    if A.dtype._cat < 2 or A.dtype.np in (np.float16, D.bfloat16.np):
        raise RuntimeError("This function doesn't handle types other than float and double")
    if A.dim() < 2:
        raise RuntimeError("torch.linalg.matrix_rank: The input tensor input must have at least "
                           "2 dimensions.")
    a = A._a
    with_grad = needs_grad((A,))
    if with_grad:
        A = A.detach()
    values = np.abs(eigvalsh(A)._a) if hermitian else svdvals(A)._a
    tol = _tolerance("linalg.matrix_rank", a, atol, rtol, values)
    return _out(np.asarray((values > tol).sum(-1), np.int64))


# ---- powers, exponential ----------------------------------------------------------------------
def matrix_power(input, n):
    """`input` to the integer power `n` (n < 0: of its inverse), by repeated squaring."""
    a = input._a
    if a.ndim < 2:
        raise RuntimeError("linalg.matrix_power: The input tensor A must have at least 2 "
                           "dimensions.")
    _square("linalg.matrix_power", a)
    if n == 0:
        eye = wrap(np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape))
        return input.clone().copy_(eye)
    if n < 0:
        if n == -1:
            return inv(input)
        input, n = inv(input), -n
    if n == 1:
        return input.clone()
    if n <= 3:
        r = matmul(input, input)
        return r if n == 2 else matmul(r, input)
    z = result = None
    while n > 0:
        bit, n = n % 2, n // 2
        z = input if z is None else matmul(z, z)
        if bit:
            result = z if result is None else matmul(result, z)
    return result


_PADE13 = (64764752532480000., 32382376266240000., 7771770303897600., 1187353796428800.,
           129060195264000., 10559470521600., 670442572800., 33522128640., 1323241920.,
           40840800., 960960., 16380., 182., 1.)
_THETA13 = 5.371920351148152


def _expm(a):
    """exp of (batches of) square `a`: Pade 13 with scaling and squaring (Higham 2005)."""
    norm = np.abs(a).sum(-2).max(-1) if a.size else np.zeros(a.shape[:-2])
    s = int(max(0, np.ceil(np.log2(max(float(np.max(norm, initial=0)), 1e-300) / _THETA13))))
    a = a / 2 ** s
    n = a.shape[-1]
    b = _PADE13
    eye = np.eye(n, dtype=a.dtype)
    a2 = a @ a
    a4 = a2 @ a2
    a6 = a4 @ a2
    u = a @ (a6 @ (b[13] * a6 + b[11] * a4 + b[9] * a2) + b[7] * a6 + b[5] * a4 + b[3] * a2
             + b[1] * eye)
    v = a6 @ (b[12] * a6 + b[10] * a4 + b[8] * a2) + b[6] * a6 + b[4] * a4 + b[2] * a2 \
        + b[0] * eye
    r = np.linalg.solve(v - u, v + u)
    for _ in range(s):
        r = r @ r
    return r


def linalg_matrix_exp(A):
    """The matrix exponential of (a batch of) square matrices."""
    a = square_input("linalg.matrix_exp", A)
    work = a.astype(np.float64 if a.dtype.kind == "f" else np.complex128)
    r = _expm(work) if a.size else work
    return _result(np.ascontiguousarray(r.astype(a.dtype)), "LinalgMatrixExpBackward0", (A,),
                   G.matrix_exp, (A,))


def matrix_exp(input):
    """`linalg.matrix_exp`."""
    return linalg_matrix_exp(input)


# ---- eig --------------------------------------------------------------------------------------
def _eig(op, A):
    if A.dtype._cat < 2:
        raise RuntimeError(f"Unknown Complex ScalarType for {D.SCALAR_NAME[A.dtype]}")
    if A.dtype.np in (np.float16, D.bfloat16.np):
        raise NotImplementedError(f'"linalg_eig_out_cpu" not implemented for '
                                  f"'{D.SCALAR_NAME[A.dtype]}'")
    a = square_input(op, A)
    cdtype = np.result_type(a.dtype, np.complex64)
    if a.size:
        w, v = np.linalg.eig(a)
    else:
        w, v = np.zeros(a.shape[:-1]), a
    return w.astype(cdtype), v.astype(cdtype)


def eig(A):
    """Complex eigenvalues and unit-norm eigenvectors of (a batch of) square matrices."""
    w, v = _eig("linalg.eig", A)
    L, V = _out(w), _out(v, True)
    return _EIG(record_outputs((L, V), "LinalgEigBackward0", (A,), G.eig, (0, 1)))


def eigvals(A):
    """The complex eigenvalues of (a batch of) square matrices."""
    if needs_grad((A,)):
        return eig(A)[0]
    return _out(_eig("linalg.eigvals", A)[0])


# ---- small helpers ----------------------------------------------------------------------------
def multi_dot(tensors):
    """The product of matrices (the first may be a row vector, the last a column vector),
    left to right."""
    n = len(tensors)
    if n < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {n}")
    first, last = tensors[0], tensors[-1]
    if first.dim() not in (1, 2):
        raise RuntimeError(f"multi_dot(): the first tensor must be 1D or 2D but got "
                           f"{first.dim()}D")
    if last.dim() not in (1, 2):
        raise RuntimeError(f"multi_dot(): the last tensor must be 1D or 2D but got "
                           f"{last.dim()}D")
    for i, t in enumerate(tensors[1:-1], 1):
        if t.dim() != 2:
            raise RuntimeError(f"multi_dot(): tensor {i} must be 2D but got {t.dim()}D")
    for i, t in enumerate(tensors):
        if t.dtype is not first.dtype:
            raise RuntimeError(f"multi_dot(): all tensors must have be the same dtype but "
                               f"tensor 0 is {D.CXX_NAME[first.dtype]} and tensor {i} "
                               f"{D.CXX_NAME[t.dtype]}")
    mats = [first.unsqueeze(0) if first.dim() == 1 else first] + list(tensors[1:-1]) + \
        [last.unsqueeze(-1) if last.dim() == 1 else last]
    for i in range(len(mats) - 1):
        if mats[i].shape[-1] != mats[i + 1].shape[0]:
            raise RuntimeError(
                f"multi_dot(): tensors {i} and {i + 1} with shapes {list(mats[i].shape)} and "
                f"{list(mats[i + 1].shape)} cannot be multiplied")
    shape = ([first.shape[0]] if first.dim() == 2 else []) + \
        ([last.shape[-1]] if last.dim() == 2 else [])
    return _chain(mats, _chain_order(mats), 0, len(mats) - 1).view(shape)


def _chain_order(mats):
    """PyTorch's matrix-chain order: split[i][j] is where the product i..j is split."""
    dims = [m.shape[0] for m in mats] + [mats[-1].shape[1]]
    n = len(mats)
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = None
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost[i][j] is None or q < cost[i][j]:
                    cost[i][j], split[i][j] = q, k
    return split


def _chain(mats, split, i, j):
    if i == j:
        return mats[i]
    k = split[i][j]
    return matmul(_chain(mats, split, i, k), _chain(mats, split, k + 1, j))


def vecdot(x, y, *, dim=-1):
    """The dot product of `x` conjugated and `y` along `dim` (broadcasting)."""
    if x.dtype is not y.dtype:
        raise RuntimeError(f"linalg.vecdot: Expected x and y to have the same dtype, but found "
                           f"x of type {D.SCALAR_NAME[x.dtype]} and y of type "
                           f"{D.SCALAR_NAME[y.dtype]} instead")
    _float_input("linalg.vecdot", x)
    return (x.conj() * y).sum(dim) if x.is_complex() else (x * y).sum(dim)


def diagonal(A, *, offset=0, dim1=-2, dim2=-1):
    """`A.diagonal(offset, dim1, dim2)` (defaults to the last two dims)."""
    return A.diagonal(offset, dim1, dim2)


def vander(x, *, N=None):
    """The Vandermonde matrix of `x` along its last dim: columns x^0, ..., x^(N-1)."""
    n = (x.shape[-1] if x.dim() else 1) if N is None else N
    if n <= 1:
        raise RuntimeError("N must be greater than 1.")
    col = x.unsqueeze(-1)
    ones = wrap(np.ones(col.shape, x._a.dtype))
    if n == 1:
        return ones
    return cat([ones, col.expand(*x.shape, n - 1).cumprod(-1)], -1)

