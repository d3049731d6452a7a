"""`numtorch.linalg`: PyTorch's linear-algebra namespace (the functions live in
numtorch/_ops/linalg.py, linalg_decomp.py, linalg_factor.py, linalg_solvers.py,
linalg_lstsq.py and linalg_lu.py).

>>> import numtorch
>>> numtorch.linalg.vector_norm(numtorch.tensor([3., 4.])).item()
5.0
"""
__all__ = ["LinAlgError", "cholesky", "cholesky_ex", "cond", "cross", "det", "diagonal", "eig",
           "eigh", "eigvals", "eigvalsh", "inv", "inv_ex", "lstsq", "lu", "lu_factor",
           "lu_factor_ex", "lu_solve", "matmul", "matrix_exp",
           "matrix_norm", "matrix_power", "matrix_rank", "multi_dot", "norm", "pinv", "qr",
           "slogdet", "solve", "solve_triangular", "svd", "svdvals", "vander", "vdot", "vecdot",
           "vector_norm"]

from ._argparse import invalid_args as _invalid_args
from ._ops.linalg import cross as _cross
from ._ops.linalg import matmul as matmul
from ._ops.linalg import vdot as vdot
from ._ops.linalg_decomp import LinAlgError as LinAlgError
from ._ops.linalg_decomp import det as det
from ._ops.linalg_decomp import inv as inv
from ._ops.linalg_decomp import linalg_norm as norm
from ._ops.linalg_decomp import matrix_norm as matrix_norm
from ._ops.linalg_decomp import solve as solve
from ._ops.linalg_decomp import vector_norm as vector_norm
from ._ops.linalg_factor import cholesky_ex as cholesky_ex
from ._ops.linalg_factor import eigh as eigh
from ._ops.linalg_factor import eigvalsh as eigvalsh
from ._ops.linalg_factor import inv_ex as inv_ex
from ._ops.linalg_factor import linalg_cholesky as cholesky
from ._ops.linalg_factor import linalg_qr as qr
from ._ops.linalg_factor import linalg_slogdet as slogdet
from ._ops.linalg_factor import linalg_svd as svd
from ._ops.linalg_factor import svdvals as svdvals
from ._ops.linalg_lstsq import cond as cond
from ._ops.linalg_lstsq import lstsq as lstsq
from ._ops.linalg_lu import lu as lu
from ._ops.linalg_lu import lu_factor as lu_factor
from ._ops.linalg_lu import lu_factor_ex as lu_factor_ex
from ._ops.linalg_lu import lu_solve as lu_solve
from ._ops.linalg_solvers import diagonal as diagonal
from ._ops.linalg_solvers import eig as eig
from ._ops.linalg_solvers import eigvals as eigvals
from ._ops.linalg_solvers import linalg_matrix_exp as matrix_exp
from ._ops.linalg_more import linalg_matrix_power as matrix_power
from ._ops.linalg_solvers import matrix_rank as matrix_rank
from ._ops.linalg_solvers import multi_dot as multi_dot
from ._ops.linalg_solvers import pinv as _pinv
from ._ops.linalg_solvers import solve_triangular as solve_triangular
from ._ops.linalg_solvers import vander as vander
from ._ops.linalg_solvers import vecdot as vecdot
from ._ops.linalg_more import with_out as _with_out

_EXACT = "exact"
_LSTSQ = tuple(("cast", "torch.linalg.lstsq", w)
               for w in ("solution", "residuals", "rank", "singular_values"))
_EIG = ("cast", "torch.linalg.eig", "eigenvalues"), ("cast", "torch.linalg.eig", "eigenvectors")

cholesky = _with_out(cholesky, "linalg_cholesky_ex", (_EXACT,))
cholesky_ex = _with_out(cholesky_ex, "linalg_cholesky_ex", (_EXACT,) * 2)
slogdet = _with_out(slogdet, "_linalg_slogdet", (_EXACT,) * 2)
qr = _with_out(qr, "linalg_qr", (_EXACT,) * 2)
eigh = _with_out(eigh, "_linalg_eigh", (_EXACT,) * 2)
eigvalsh = _with_out(eigvalsh, "_linalg_eigh", (_EXACT,))
svd = _with_out(svd, "_linalg_svd", (_EXACT,) * 3)
svdvals = _with_out(svdvals, "_linalg_svd", (_EXACT,))
_pinv = _with_out(_pinv, "linalg_pinv", (("cast", "linalg.pinv", "result"),))
multi_dot = _with_out(multi_dot, "mm", ("multi_dot",))
matrix_rank = _with_out(matrix_rank, None, (None,))
eig = _with_out(eig, "linalg_eig", _EIG)
eigvals = _with_out(eigvals, None, (("cast", "torch.linalg.eigvals", "eigenvalues"),))
cond = _with_out(cond, None, (("cast", "linalg.cond", "result"),))
vecdot = _with_out(vecdot, "sum", ("vecdot",))
lu_factor = _with_out(lu_factor, "linalg_lu_factor_ex", (_EXACT,) * 2)
lu_factor_ex = _with_out(lu_factor_ex, "linalg_lu_factor_ex", (_EXACT,) * 3)
lu = _with_out(lu, "linalg_lu", (_EXACT,) * 3)
det = _with_out(det, "_linalg_det", (_EXACT,))
lstsq = _with_out(lstsq, "linalg_lstsq", _LSTSQ)
inv = _with_out(inv, "linalg_inv_ex", (_EXACT,))
solve = _with_out(solve, "_linalg_solve_ex", (_EXACT,))
inv_ex = _with_out(inv_ex, "linalg_inv_ex", (_EXACT,) * 2)


def pinv(A, rcond=None, hermitian=False, *, atol=None, rtol=None, out=None):
    """The Moore-Penrose pseudo-inverse; `rcond` is the deprecated spelling of `rtol`."""
    if rcond is not None:
        if atol is not None or rtol is not None:
            given = {k: v for k, v in (("rcond", rcond), ("atol", atol), ("rtol", rtol))
                     if v is not None}
            raise _invalid_args("linalg_pinv", (A,), given)
        rtol = rcond
    return _pinv(A, atol=atol, rtol=rtol, hermitian=hermitian, out=out)


def cross(input, other, *, dim=-1, out=None):
    """The cross product of 3-vectors along `dim` (default the last)."""
    return _cross(input, other, dim, out=out)
