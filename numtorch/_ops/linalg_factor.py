"""Factorizations: slogdet/logdet, cholesky (and `_ex`), qr, eigh/eigvalsh, svd/svdvals,
inv_ex, with PyTorch's named-tuple results, LAPACK's column-major layouts and errors; their
derivatives are in `grad_linalg_more`.

>>> import numtorch
>>> numtorch.linalg.slogdet(numtorch.tensor([[2., 0.], [0., 3.]])).logabsdet.item()
1.7917594909667969
"""
import numpy as np

from .. import _dtype as D
from .._convert import fresh, warn_once
from .._tensor import wrap
from ..autograd import graph
from ..autograd.anomaly_mode import STATE as ANOMALY
from . import grad_linalg_more as G
from .grad_linalg import inverse as _inverse_grad
from .linalg import _LOW, _LinAlgError
from .linalg_decomp import (_INV_SINGULAR, _float_input, _lapack, _singular,
                            _square)
from .reduction import return_type
from .registry import needs_grad, record

__all__ = ["slogdet", "logdet", "cholesky", "qr", "svd"]

_SLOGDET = return_type("linalg_slogdet", ("sign", "logabsdet"))
_SLOGDET_LEGACY = return_type("slogdet", ("sign", "logabsdet"))
_CHOLESKY_EX = return_type("linalg_cholesky_ex", ("L", "info"))
_INV_EX = return_type("linalg_inv_ex", ("inverse", "info"))
_QR = return_type("linalg_qr", ("Q", "R"))
_QR_LEGACY = return_type("qr", ("Q", "R"))
_EIGH = return_type("linalg_eigh", ("eigenvalues", "eigenvectors"))
_SVD = return_type("linalg_svd", ("U", "S", "Vh"))
_SVD_LEGACY = return_type("svd", ("U", "S", "V"))


def square_input(op, A, lapack=None):
    """The array of `A`, checked as PyTorch checks a LAPACK op's square input."""
    a = _float_input(op, A)
    _square(op, a)
    _lapack(lapack or op, A.dtype)
    return a


def matrix_input(op, A):
    """The array of `A`, a (batch of) matrices of a LAPACK dtype."""
    a = _float_input(op, A)
    if a.ndim < 2:
        raise RuntimeError(f"{op}: The input tensor A must have at least 2 dimensions.")
    _lapack(op, A.dtype)
    return a


def real_of(a):
    """The real NumPy dtype of array `a`'s values (its own when real)."""
    return a.real.dtype if a.dtype.kind == "c" else a.dtype


def record_outputs(outputs, name, inputs, fn, saved):
    """Give the floating `outputs` of one op their one node `name`; `saved` holds tensors
    or output positions (ints) saved for `fn(grads, *saved)`."""
    if not needs_grad(inputs):
        return outputs
    kept = []
    for s in saved:
        if isinstance(s, int):
            s = graph.save(outputs[s], True, ANOMALY.enabled)
        kept.append(s)
    for i, s in enumerate(saved):
        if isinstance(s, int):
            kept[i].output_nr = s
    node = graph.record(name, inputs, fn, tuple(kept), outputs[0], nout=len(outputs))
    for i, t in enumerate(outputs):
        if t.dtype._cat >= 2:
            graph.set_history(t, node, i)
    return outputs


def _out(r, column_major=False):
    """Array `r` as a new tensor, its matrices stored column by column when `column_major`
    (empty ones too, with PyTorch's strides)."""
    r = np.asarray(r)
    if column_major:
        r = np.swapaxes(np.array(np.swapaxes(r, -1, -2), order="C"), -1, -2)
    if r.size:
        return wrap(r)
    if column_major:
        return wrap(np.swapaxes(fresh(np.swapaxes(r, -1, -2).copy()), -1, -2))
    return wrap(fresh(r.copy()))


# ---- slogdet, logdet --------------------------------------------------------------------------
def _slogdet(op, A, rtype):
    a = square_input(op, A)
    if a.size:
        sign, logabs = np.linalg.slogdet(a)
    else:
        sign, logabs = np.ones(a.shape[:-2], a.dtype), np.zeros(a.shape[:-2], real_of(a))
    sign = _out(np.asarray(sign, a.dtype))
    logabs = _out(np.asarray(logabs, real_of(a)))
    return rtype(record_outputs((sign, logabs), "LinalgSlogdetBackward0", (A,), G.slogdet,
                                (A, 0)))


def linalg_slogdet(A):
    """(sign, log |det|) of (a batch of) square matrices."""
    return _slogdet("linalg.slogdet", A, _SLOGDET)


def slogdet(input):
    """`linalg.slogdet` as `torch.return_types.slogdet`."""
    return _slogdet("linalg.slogdet", input, _SLOGDET_LEGACY)


def logdet(input):
    """log det: nan for a negative determinant of a real matrix, -inf for a singular one."""
    square_input("logdet", input)
    sign, logabs = _slogdet("linalg.slogdet", input, _SLOGDET)
    if input.is_complex():
        return sign.log() + logabs
    return logabs.where(sign != -1, wrap(np.asarray(np.nan, logabs._a.dtype)))


# ---- cholesky ---------------------------------------------------------------------------------
def _potf2(a):
    """LAPACK's unblocked Cholesky (potf2) of the lower triangle of square `a`, in place:
    0, or the order of the first leading minor that is not positive-definite (`a` then
    holds the partial factorization, as LAPACK leaves it)."""
    for j in range(a.shape[0]):
        d = (a[j, j] - a[j, :j] @ a[j, :j].conj()).real
        if not d > 0:
            a[j, j] = d
            return j + 1
        a[j, j] = d = np.sqrt(d)
        a[j + 1:, j] = (a[j + 1:, j] - a[j + 1:, :j] @ a[j, :j].conj()) / d
    return 0


def getrf(a):
    """LU with partial pivoting of the batch `a` as LAPACK's getrf: (LU, 1-based pivots
    int32, info: the first zero pivot or 0)."""
    lu = np.array(a)
    m, n = lu.shape[-2:]
    if not lu.size:
        return lu, np.zeros(lu.shape[:-2] + (min(m, n),), np.int32), \
            np.zeros(lu.shape[:-2], np.int32)
    flat = lu.reshape(-1, m, n)  # a view: the batch as one dim
    b = np.arange(flat.shape[0])
    piv = np.zeros((flat.shape[0], min(m, n)), np.int32)
    info = np.zeros(flat.shape[0], np.int32)
    with np.errstate(all="ignore"):
        for j in range(min(m, n)):
            col = flat[:, j:, j]
            mag = np.abs(col.real) + np.abs(col.imag) if lu.dtype.kind == "c" else np.abs(col)
            p = j + mag.argmax(-1)
            piv[:, j] = p + 1
            top = flat[b, j].copy()
            flat[b, j] = flat[b, p]
            flat[b, p] = top
            pivot = flat[:, j, j]
            info = np.where((pivot == 0) & (info == 0), j + 1, info)
            flat[:, j + 1:, j] /= np.where(pivot == 0, 1, pivot)[:, None]
            flat[:, j + 1:, j + 1:] -= flat[:, j + 1:, j, None] * flat[:, j, None, j + 1:]
    return lu, piv.reshape(lu.shape[:-2] + (-1,)), info.reshape(lu.shape[:-2])


def _cholesky(a, upper):
    """(L, info) of the batch `a` (upper: U from the upper triangle)."""
    if upper:
        a = np.swapaxes(a, -1, -2).conj()
    try:
        r = np.linalg.cholesky(a) if a.size else np.array(a)
        info = np.zeros(a.shape[:-2], np.int32)
    except np.linalg.LinAlgError:
        mats = np.array(a).reshape(-1, a.shape[-2], a.shape[-1])
        info = np.array([_potf2(m) for m in mats], np.int32).reshape(a.shape[:-2])
        r = np.tril(mats).reshape(a.shape)
    if upper:
        r = np.swapaxes(r, -1, -2).conj()
    return r.astype(a.dtype, copy=False), info


def _not_pd(op, info):
    flat = info.reshape(-1)
    i = int(np.flatnonzero(flat)[0])
    batch = f"(Batch element {i}): " if info.ndim else ""
    return _LinAlgError(f"{op}: {batch}The factorization could not be completed because the "
                        f"input is not positive-definite (the leading minor of order "
                        f"{flat[i]} is not positive-definite).")


def _cholesky_node(op, A, upper, check, grad):
    a = square_input(op, A)
    r, info = _cholesky(a, upper)
    if check and info.any():
        raise _not_pd(op, info)
    L = _out(r, True)
    return L, info, record_outputs((L,), grad, (A,), G.cholesky(upper), (0,))[0]


def linalg_cholesky(A, *, upper=False):
    """The Cholesky factor L (or U = L^H with `upper`) of Hermitian positive-definite A."""
    return _cholesky_node("linalg.cholesky", A, upper, True, "LinalgCholeskyExBackward0")[0]


def cholesky_ex(A, *, upper=False, check_errors=False):
    """(L, info): `info` > 0 (no error unless `check_errors`) for a matrix that is not
    positive-definite."""
    L, info, _ = _cholesky_node("linalg.cholesky", A, upper, check_errors,
                                "LinalgCholeskyExBackward0")
    return _CHOLESKY_EX((L, _out(info)))


_CHOLESKY_WARNING = (
    "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a "
    "future PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\n"
    "L = torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, upper=True)\nshould be replaced "
    "with\nU = torch.linalg.cholesky(A).mH\nThis transform will produce equivalent results for "
    "all valid (symmetric positive definite) inputs.")


def cholesky(input, upper=False):
    """Deprecated `linalg.cholesky` (`upper` positional)."""
    warn_once(_CHOLESKY_WARNING)
    if input.dtype._cat < 2 or input.dtype.np in _LOW:
        raise NotImplementedError(f'"cholesky_cpu" not implemented for '
                                  f"'{D.SCALAR_NAME[input.dtype]}'")
    if not input._a.size:
        return input.clone()
    return _cholesky_node("cholesky", input, upper, True, "CholeskyBackward0")[0]


def inv_ex(A, *, check_errors=False):
    """(inverse, info): `info` is the first zero pivot of a singular matrix (no error unless
    `check_errors`)."""
    a = square_input("linalg.inv", A)
    lu, piv, info = getrf(a)
    if not info.any():
        r = np.linalg.inv(a) if a.size else np.array(a)
    elif check_errors:
        raise _singular("linalg.inv_ex", a, _INV_SINGULAR)
    else:  # solved through the singular LU factors, as LAPACK's getrs: inf and nan
        from .linalg_solvers import lu_solve_arrays
        eye = np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape)
        r = lu_solve_arrays(lu, piv, eye)
    t = _out(r.astype(a.dtype, copy=False), True)
    t = record(t, "LinalgInvExBackward0", (A,), _inverse_grad, (t,))
    return _INV_EX((t, _out(info)))


# ---- qr ---------------------------------------------------------------------------------------
def linalg_qr(A, mode="reduced"):
    """Q, R with A = QR: mode 'reduced', 'complete' or 'r' (Q empty)."""
    a = matrix_input("linalg.qr", A)
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(f"qr received unrecognized mode '{mode}' but expected one of "
                           f"'reduced' (default), 'r', or 'complete'")
    m, n = a.shape[-2:]
    k = min(m, n) if mode != "complete" else m
    if a.size:
        q, r = np.linalg.qr(a, "complete" if mode == "complete" else "reduced")
    else:
        q = np.broadcast_to(np.eye(m, k, dtype=a.dtype), a.shape[:-2] + (m, k))
        r = np.zeros(a.shape[:-2] + (k, n), a.dtype)
    if mode == "r":
        q = np.zeros((0,), a.dtype)
    Q, R = _out(q, q.ndim > 1), _out(r, True)
    fn = G.qr(mode, m, n)
    return _QR(record_outputs((Q, R), "LinalgQrBackward0", (A,), fn, (0, 1)))


_QR_WARNING = (
    "torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future "
    "PyTorch release.\nThe boolean parameter 'some' has been replaced with a string parameter "
    "'mode'.\nQ, R = torch.qr(A, some)\nshould be replaced with\nQ, R = torch.linalg.qr(A, "
    "'reduced' if some else 'complete')")


def qr(input, some=True):
    """Deprecated `linalg.qr` (`some` False: mode 'complete')."""
    warn_once(_QR_WARNING)
    return _QR_LEGACY(linalg_qr(input, "reduced" if some else "complete"))


# ---- eigh -------------------------------------------------------------------------------------
def _eigh(op, A, UPLO, vectors):
    if A.dtype._cat < 2 or A.dtype.np in _LOW:
        raise NotImplementedError(f'"linalg_eigh_cpu" not implemented for '
                                  f"'{D.SCALAR_NAME[A.dtype]}'")
    a = square_input(op, A)
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    if a.size:
        w, v = np.linalg.eigh(a, UPLO) if vectors else (np.linalg.eigvalsh(a, UPLO), None)
    else:
        w, v = np.zeros(a.shape[:-1], real_of(a)), np.array(a)
    return a, w.astype(real_of(a), copy=False), v


def eigh(A, UPLO="L"):
    """Eigenvalues (ascending) and eigenvectors of (a batch of) Hermitian matrices, from
    the triangle `UPLO`."""
    a, w, v = _eigh("linalg.eigh", A, UPLO, True)
    W, V = _out(w), _out(v.astype(a.dtype, copy=False), True)
    return _EIGH(record_outputs((W, V), "LinalgEighBackward0", (A,), G.eigh, (0, 1)))


def eigvalsh(A, UPLO="L"):
    """The eigenvalues (ascending) of (a batch of) Hermitian matrices."""
    if needs_grad((A,)):
        return eigh(A, UPLO)[0]
    return _out(_eigh("linalg.eigh", A, UPLO, False)[1])


# ---- svd --------------------------------------------------------------------------------------
def _svd(op, A, full_matrices, vectors, driver=None):
    a = matrix_input(op, A)
    if driver is not None:
        raise RuntimeError("torch.linalg.svd: keyword argument `driver=` is only supported on "
                           "CUDA inputs with cuSOLVER backend.")
    m, n = a.shape[-2:]
    k = min(m, n)
    if not vectors:
        s = np.linalg.svd(a, compute_uv=False) if a.size else np.zeros(a.shape[:-2] + (k,))
        return a, None, s.astype(real_of(a), copy=False), None
    if a.size:
        u, s, vh = np.linalg.svd(a, full_matrices)
    else:
        mu, nv = (m, n) if full_matrices else (k, k)
        u = np.broadcast_to(np.eye(m, mu, dtype=a.dtype), a.shape[:-2] + (m, mu))
        vh = np.broadcast_to(np.eye(nv, n, dtype=a.dtype), a.shape[:-2] + (nv, n))
        s = np.zeros(a.shape[:-2] + (k,))
    return a, u.astype(a.dtype, copy=False), s.astype(real_of(a), copy=False), \
        vh.astype(a.dtype, copy=False)


def linalg_svd(A, full_matrices=True, *, driver=None):
    """U, S, Vh with A = U diag(S) Vh (S descending)."""
    a, u, s, vh = _svd("linalg.svd", A, full_matrices, True, driver)
    U, S, Vh = _out(u, True), _out(s), _out(vh, True)
    return _SVD(record_outputs((U, S, Vh), "LinalgSvdBackward0", (A,), G.svd, (0, 1, 2)))


def svdvals(A, *, driver=None):
    """The singular values (descending) of (a batch of) matrices."""
    if needs_grad((A,)):
        return linalg_svd(A, False, driver=driver)[1]
    return _out(_svd("linalg.svd", A, False, False, driver)[2])


def svd(input, some=True, compute_uv=True):
    """Legacy SVD: (U, S, V) with V = Vh^H; zero U and V when not `compute_uv`."""
    if compute_uv and input.dim() >= 2:
        U, S, Vh = linalg_svd(input, not some)
        return _SVD_LEGACY((U, S, Vh.mH))
    if input.dim() < 2:
        raise RuntimeError(f"linalg.svd: input should have at least 2 dimensions, but has "
                           f"{input.dim()} dimensions instead")
    a = matrix_input("linalg.svd", input)
    m, n = a.shape[-2:]
    S = svdvals(input)
    U = _out(np.zeros(a.shape[:-2] + (m, m), a.dtype))
    return _SVD_LEGACY((U, S, _out(np.zeros(a.shape[:-2] + (n, n), a.dtype), True)))


for _f, _n in ((linalg_slogdet, "slogdet"), (linalg_cholesky, "cholesky"), (linalg_qr, "qr"),
               (linalg_svd, "svd")):
    _f.__name__ = _f.__qualname__ = _n
del _f, _n
