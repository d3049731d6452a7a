"""Ops that combine tensors: the `beta * input + alpha * product` family and addcmul/addcdiv
(combine_addmm.py); distances, grids and index helpers (combine_grid.py); PyTorch's
composite ops (combine_misc.py: cosine_similarity, vander, trapezoid, cov, ..., and the
methods Tensor.fill_diagonal_, Tensor.sum_to_size)."""
from .combine_addmm import (addbmm, addcdiv, addcmul, addmm, addmv, addr,  # noqa: F401
                            baddbmm)
from .combine_grid import (block_diag, cartesian_prod, cdist, combinations,  # noqa: F401
                           diff, dist, meshgrid, pairwise_distance, pdist, repeat_interleave,
                           rot90, tril_indices, triu_indices)
from .combine_misc import (chain_matmul, corrcoef, cosine_similarity, cov,  # noqa: F401
                           cumulative_trapezoid, diagflat, narrow_copy, relu_, trapezoid,
                           trapz, unravel_index, vander)

__all__ = ["addmm", "addmv", "addr", "baddbmm", "addbmm", "addcmul", "addcdiv", "cdist", "dist",
           "pdist", "pairwise_distance",
           "meshgrid", "cartesian_prod", "combinations", "block_diag", "tril_indices",
           "triu_indices", "rot90", "repeat_interleave", "diff", "relu_",
           "cosine_similarity", "vander", "trapezoid", "trapz", "cumulative_trapezoid", "cov",
           "corrcoef", "diagflat", "unravel_index", "narrow_copy", "chain_matmul"]
