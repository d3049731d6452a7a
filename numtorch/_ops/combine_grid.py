"""Distances, grids and index helpers: cdist, dist, meshgrid, cartesian_prod, combinations,
block_diag, tril_indices, triu_indices, rot90, repeat_interleave, diff.

Most are PyTorch's compositions of other ops (so their gradients and grad_fn names are
PyTorch's); cdist, block_diag and rot90 have their own nodes.

>>> import numtorch
>>> numtorch.cdist(numtorch.tensor([[0., 0.]]), numtorch.tensor([[3., 4.]])).tolist()
[[5.0]]
"""
import itertools
import math

import numpy as np

from .. import _dtype as D
from .. import _factories as F
from .._argparse import invalid_args
from .._convert import fresh, preserve_copy, warn_once
from .._promotion import result_type_of
from .._tensor import Tensor, wrap, wrap_dim
from ..autograd import graph
from . import grad_combine as G
from .grad_arithmetic import scalar_op
from .registry import (FUNCTIONS, attach, broadcast_error, check_out, out_allowed, record,
                       write_into)

__all__ = ["cdist", "dist", "meshgrid", "cartesian_prod", "combinations", "block_diag",
           "tril_indices", "triu_indices", "rot90", "repeat_interleave", "diff"]

_MODES = ("use_mm_for_euclid_dist_if_necessary", "use_mm_for_euclid_dist",
          "donot_use_mm_for_euclid_dist")


def _renamed(t, name):
    """`t` (a new tensor, not a view) with its node renamed to PyTorch's `name`."""
    if t.grad_fn is not None:
        graph.rename(t.grad_fn, name)
    return t


# ---- distances --------------------------------------------------------------------------------
def cdist(x1, x2, p=2.0, compute_mode="use_mm_for_euclid_dist_if_necessary"):
    """The p-norm distances between the rows of `x1` (..., P, M) and `x2` (..., R, M)."""
    if compute_mode not in _MODES:
        raise ValueError(f"{compute_mode} is not a valid value for compute_mode")
    a, b = x1._a, x2._a
    for n, x in (("X1", a), ("X2", b)):
        if x.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {n} got: {x.ndim}D")
    if a.shape[-1] != b.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: "
                           f"{a.shape[-1]} X2: {b.shape[-1]}")
    for n, t in (("X1", x1), ("X2", x2)):
        if t.dtype._cat != 2:
            raise RuntimeError(f"cdist only supports floating-point dtypes, {n} got: "
                               f"{D.SCALAR_NAME[t.dtype]}")
    if x1.dtype is not x2.dtype:
        raise RuntimeError(f"expected scalar type {D.SCALAR_NAME[x1.dtype]} but found "
                           f"{D.SCALAR_NAME[x2.dtype]}")
    if x1.dtype not in (D.float32, D.float64):
        raise NotImplementedError(f'"cdist" not implemented for \'{D.SCALAR_NAME[x1.dtype]}\'')
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")
    try:
        batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ValueError:
        raise broadcast_error([a.shape[:-2], b.shape[:-2]]) from None
    rows, cols = a.shape[-2], b.shape[-2]
    if p == 2 and (compute_mode == _MODES[1] or compute_mode == _MODES[0] and
                   (rows > 25 or cols > 25)):
        return _euclidean(x1.expand(*batch, *a.shape[-2:]), x2.expand(*batch, *b.shape[-2:]))
    d = a[..., :, None, :] - b[..., None, :, :]
    r = _pnorm(np.abs(d), p).reshape(*batch, rows, cols).astype(a.dtype, copy=False)
    t = wrap(np.ascontiguousarray(r) if r.size else fresh(r))
    return record(t, "CdistBackward0", (x1, x2), G.cdist(p), (x1, x2, t))


def _pnorm(d, p):
    if p == 0:
        return np.count_nonzero(d, axis=-1).astype(d.dtype)
    if p == math.inf:
        return d.max(-1, initial=0)
    if p == 1:
        return d.sum(-1)
    if p == 2:
        return np.sqrt((d * d).sum(-1))
    return (d ** p).sum(-1) ** (1 / p)


def _euclidean(x1, x2):
    """PyTorch's matrix-product form of the euclidean distances (its values and graph)."""
    ones1, ones2 = (F.ones(*t.shape[:-1], 1, dtype=t.dtype) for t in (x1, x2))
    n1 = x1.pow(2).sum(-1, keepdim=True)
    n2 = x2.pow(2).sum(-1, keepdim=True)
    left = FUNCTIONS["cat"]([x1 * -2, n1, ones1], -1)
    right = FUNCTIONS["cat"]([x2, ones2, n2], -1)
    return _renamed((left @ right.mT).clamp_min(0).sqrt(), "ViewBackward0")


def dist(input, other, p=2):
    """The p-norm of `input - other`."""
    d = input - other
    if d.dtype._cat < 2:
        raise RuntimeError(f"norm(): input dtype should be either floating point or complex. "
                           f"Got {D.SCALAR_NAME[d.dtype]} instead.")
    return _renamed(FUNCTIONS["norm"](d, p), "DistBackward0")


# ---- grids ------------------------------------------------------------------------------------
_INDEXING_WARNING = ("torch.meshgrid: in an upcoming release, it will be required to pass the "
                     "indexing argument.")


def _tensor_list(tensors):
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        return tuple(tensors[0])
    return tensors


def meshgrid(*tensors, indexing=None):
    """Coordinate grids of 0-d/1-d `tensors`: views expanded to every tensor's length
    (`indexing='ij'`: dims in order; 'xy': the first two swapped)."""
    tensors = _tensor_list(tensors)
    if indexing is None:
        warn_once(_INDEXING_WARNING)
        indexing = "ij"
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    if any(t.dtype is not tensors[0].dtype for t in tensors):
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    if indexing not in ("ij", "xy"):
        raise RuntimeError(f'torch.meshgrid: indexing must be one of "xy" or "ij", but '
                           f"received: {indexing}")
    for t in tensors:
        if t._a.ndim > 1:
            raise RuntimeError(f"torch.meshgrid: Expected 0D or 1D tensor in the tensor list "
                               f"but got: {t}")
    swap = indexing == "xy" and len(tensors) >= 2
    if swap:
        tensors = (tensors[1], tensors[0]) + tuple(tensors[2:])
    shape = [t._a.size for t in tensors]
    grids = []
    for i, t in enumerate(tensors):
        view = [1] * len(tensors)
        view[i] = -1
        grids.append(t.view(*view).expand(*shape))
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


def cartesian_prod(*tensors):
    """The cartesian product of 1-d tensors (rows of one element of each)."""
    tensors = _tensor_list(tensors)
    for t in tensors:
        if t._a.ndim != 1:
            raise RuntimeError(f"Expect a 1D vector, but got shape {list(t.shape)}")
    if len(tensors) == 1:
        return tensors[0]
    grids = meshgrid(*tensors, indexing="ij")
    return FUNCTIONS["stack"]([g.flatten() for g in grids], 1)


def combinations(input, r=2, with_replacement=False):
    """The length-`r` combinations of the elements of 1-d `input` (rows)."""
    if input._a.ndim != 1:
        raise RuntimeError(f"Expect a 1D vector, but got shape {list(input.shape)}")
    if r < 0:
        raise RuntimeError(f"Expect a non-negative number, but got {r}")
    if r == 0:
        return wrap(fresh(np.empty((0,), input._a.dtype)))
    pick = itertools.combinations_with_replacement if with_replacement else \
        itertools.combinations
    idx = np.array(list(pick(range(input._a.shape[0]), r)), np.int64).reshape(-1, r)
    return FUNCTIONS["stack"]([input.index_select(0, wrap(np.ascontiguousarray(idx[:, k])))
                               for k in range(r)], 1)


def block_diag(*tensors):
    """A block-diagonal matrix of `tensors` (0-d, 1-d rows, or matrices), type-promoted."""
    for i, t in enumerate(tensors):
        if t._a.ndim > 2:
            raise RuntimeError(f"torch.block_diag: Input tensors must have 2 or fewer "
                               f"dimensions. Input {i} has {t._a.ndim} dimensions")
    dtype = result_type_of([t.dtype for t in tensors]) if tensors else D.get_default_dtype()
    blocks = [t._a.reshape((1,) * (2 - t._a.ndim) + t._a.shape) for t in tensors]
    r = np.zeros((sum(b.shape[0] for b in blocks) if blocks else 1,
                  sum(b.shape[1] for b in blocks)), dtype.np)
    i = j = 0
    for b in blocks:
        r[i:i + b.shape[0], j:j + b.shape[1]] = b
        i, j = i + b.shape[0], j + b.shape[1]
    t = wrap(r if r.size else fresh(r))
    return record(t, "BlockDiagBackward0", tensors,
                  G.block_diag([(t._a.shape, b.shape) for t, b in zip(tensors, blocks)]))


def _indices(name, fn, row, col, offset, dtype):
    for n, v in (("row", row), ("col", col)):
        if v < 0:
            raise RuntimeError(f"{n} must be non-negative, got{v}")
    dtype = D.int64 if dtype is None else dtype
    if dtype._cat != 1 or dtype in (D.uint16, D.uint32, D.uint64):
        raise NotImplementedError(f'"{name}" not implemented for \'{D.SCALAR_NAME[dtype]}\'')
    return wrap(np.array(fn(row, offset, col), dtype.np).reshape(2, -1))


def tril_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """The (row, column) indices of the lower triangle of a `row` x `col` matrix."""
    return _indices("tril_indices", np.tril_indices, row, col, offset, dtype)


def triu_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """The (row, column) indices of the upper triangle of a `row` x `col` matrix."""
    return _indices("triu_indices", np.triu_indices, row, col, offset, dtype)


def rot90(input, k=1, dims=(0, 1)):
    """`input` rotated by 90 degrees `k` times, from dim `dims[0]` towards `dims[1]`."""
    a = input._a
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if a.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {a.ndim}")
    d0, d1 = dims
    w0, w1 = (wrap_dim(d, a.ndim) for d in dims) if d0 != d1 else (d0, d1)
    if w0 == w1:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {d0} and "
                           f"dim1 = {d1}")
    d0, d1 = w0, w1
    k %= 4
    if not k:
        r = fresh(a.copy())
    else:  # PyTorch's flip, laid out as its input; odd k: a transposed view of it
        r = fresh(preserve_copy(a))
        r[...] = np.flip(a, (d1 if k == 1 else d0) if k % 2 else (d0, d1))
        if k % 2:
            r = np.swapaxes(r, d0, d1)
    t = wrap(r)
    return record(t, "Rot90Backward0", (input,), G.rot90(-k, (d0, d1)))


def pdist(input, p=2):  # noqa: A002 - PyTorch's name
    """The p-norm distances between the rows of 2-d `input`, pairs (i < j) in row order."""
    a = input._a
    if a.ndim != 2:
        raise RuntimeError(f"pdist only supports 2D tensors, got: {a.ndim}D")
    if input.dtype._cat != 2:
        raise RuntimeError("pdist only supports floating-point dtypes")
    if p < 0:
        raise RuntimeError("pdist only supports non-negative p values")
    if a.dtype.itemsize < 4:
        raise NotImplementedError(f"\"pdist\" not implemented for "
                                  f"'{D.SCALAR_NAME[input.dtype]}'")
    rows, cols = np.triu_indices(a.shape[0], 1)
    diff = np.abs(a[rows] - a[cols])
    with np.errstate(all="ignore"):
        if p == 0:
            r = (diff != 0).sum(-1).astype(a.dtype)
        elif p == math.inf:
            r = diff.max(-1, initial=0)
        elif p == 1:
            r = diff.sum(-1)
        elif p == 2:
            r = np.sqrt((diff * diff).sum(-1))
        else:
            r = (diff ** a.dtype.type(p)).sum(-1) ** a.dtype.type(1 / p)
    t = wrap(fresh(np.ascontiguousarray(r, a.dtype)))
    return record(t, "PdistBackward0", (input,), G.pdist(p, rows, cols), (input, t))


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """The p-norm of `x1 - x2 + eps` along the last dim (broadcast)."""
    if not isinstance(x1, Tensor) or not isinstance(x2, Tensor):
        raise TypeError("pairwise_distance(): argument 'x1' (position 1) must be Tensor")
    dim = max(x1.dim(), x2.dim()) - 1
    return _renamed(FUNCTIONS["norm"](scalar_op("add", x1 - x2, eps), p, dim, keepdim),
                    "NormBackward1")


# ---- repeat_interleave, diff --------------------------------------------------------------------
def _repeat_counts(repeats):
    """The array of tensor `repeats` (non-negative integers)."""
    if repeats._a.ndim > 1:
        raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
    if repeats.dtype not in (D.int32, D.int64):
        raise NotImplementedError(f'"repeat_interleave_cpu" not implemented for '
                                  f"'{D.SCALAR_NAME[repeats.dtype]}'")
    c = repeats._a.reshape(-1)
    if (c < 0).any():
        raise RuntimeError("repeats can not be negative")
    return c


_NO_REPEATS = object()


def repeat_interleave(input, repeats=None, dim=None, *, output_size=None, **unknown):
    """Each element (or slice along `dim`) of `input` repeated `repeats` times; with no
    `repeats`, the indices repeated by the counts in `input`."""
    if unknown:
        given = {} if output_size is None else {"output_size": output_size}
        raise invalid_args("repeat_interleave", [v for v in (input, repeats, dim)
                                                 if v is not None], {**given, **unknown})
    if repeats is None:
        c = _repeat_counts(input)
        return wrap(np.repeat(np.arange(c.size, dtype=c.dtype), c))
    x = input.flatten() if dim is None else input
    d = 0 if dim is None else wrap_dim(dim, x._a.ndim)
    n = x._a.shape[d] if x._a.ndim else 1
    if isinstance(repeats, Tensor):
        c = _repeat_counts(repeats)
        if c.size != 1 and c.size != n:
            raise RuntimeError(f"repeats must have the same size as input along dim, but got "
                               f"repeats.size(0) = {c.size} and input.size({d}) = {n}")
    else:
        if repeats < 0:
            raise RuntimeError("Repeats must be non-negative")
        c = np.int64(repeats)
    idx = wrap(np.repeat(np.arange(n), np.broadcast_to(c, (n,))))
    r = (x.reshape(1) if not x._a.ndim else x).index_select(d, idx)
    return r if isinstance(repeats, Tensor) else _renamed(r, "ViewBackward0")


def diff(input, n=1, dim=-1, prepend=None, append=None, *, out=None):
    """The `n`-th forward difference along `dim` (after concatenating `prepend`, `append`)."""
    if out is not None:
        out_allowed("sub", tuple(t for t in (input, prepend, append, out) if t is not None))
        r = diff(input, n, dim, prepend, append)
        check_out(r.dtype, out.dtype)
        return write_into(out, r._a)
    a = input._a
    if not a.ndim:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    for t in (prepend, append):
        if t is not None and t._a.ndim != a.ndim:
            raise RuntimeError("diff expects prepend or append to be the same dimension as "
                               "input")
    d = wrap_dim(dim, a.ndim)
    parts = [t for t in (prepend, input, append) if t is not None]
    x = FUNCTIONS["cat"](parts, d) if len(parts) > 1 else input
    for _ in range(n):
        m = x.shape[d] - 1
        if m < 0:
            break
        hi, lo = x.narrow(d, 1, m), x.narrow(d, 0, m)
        x = FUNCTIONS["logical_xor"](hi, lo) if x.dtype is D.bool else hi - lo
    return F.empty_like(input).copy_(input) if x is input else x


for _f in (cdist, dist, meshgrid, cartesian_prod, combinations, block_diag, tril_indices,
           triu_indices, pdist, pairwise_distance):
    attach(_f.__name__, _f, method=_f is dist, doc=_f.__doc__)
for _f in (rot90, diff):
    attach(_f.__name__, _f, doc=_f.__doc__)
attach("repeat_interleave", repeat_interleave, method=False, doc=repeat_interleave.__doc__)


def _repeat_interleave_method(self, repeats=_NO_REPEATS, dim=None, *, output_size=None):
    if repeats is _NO_REPEATS:
        raise TypeError("repeat_interleave() received an invalid combination of arguments - "
                        "got (), but expected one of:")
    return repeat_interleave(self, repeats, dim, output_size=output_size)


_repeat_interleave_method.__name__ = "repeat_interleave"
_repeat_interleave_method.__doc__ = repeat_interleave.__doc__
Tensor.repeat_interleave = _repeat_interleave_method
