"""`numtorch.linalg`: PyTorch's linear-algebra namespace (the functions live in
numtorch/_ops/linalg.py and linalg_decomp.py).

>>> import numtorch
>>> numtorch.linalg.vector_norm(numtorch.tensor([3., 4.])).item()
5.0
"""
__all__ = ["LinAlgError", "cross", "det", "inv", "matmul", "matrix_norm", "norm", "solve", "vdot",
           "vector_norm"]

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


def cross(input, other, *, dim=-1, out=None):
    """The cross product of 3-vectors along `dim` (default the last)."""
    return _cross(input, other, dim, out=out)
