"""Indexing ops: gather/scatter, index_* along a dim, masks, flat `take`/`put_`, `nonzero`.

Each op computes into a NumPy array: the out-of-place form into a copy laid out as PyTorch's
`clone`, the in-place form (`Tensor.op_`) into the tensor itself (version bumped).

>>> import numtorch
>>> x = numtorch.tensor([[1, 2], [3, 4]])
>>> x.gather(1, numtorch.tensor([[1], [0]])).tolist()
[[2], [3]]
"""
import warnings

import numpy as np

from .. import _dtype as D
from .._convert import cast, check_scalar, fresh, warn_once
from .._tensor import Tensor, wrap, wrap_dim
from . import grad_indexing as G
from .indexing import NO_MASKED_FILL, bump_version, no_kernel
from .indexing_advanced import advanced_index, contiguous
from .indexing import index_put as _put_at
from .registry import FUNCTIONS, attach, broadcast_error, record

__all__ = ["index_select", "gather", "scatter", "scatter_add", "scatter_reduce", "masked_fill",
           "masked_select", "masked_scatter", "take", "take_along_dim", "put", "index_put",
           "index_put_", "index_add", "index_copy", "index_fill", "nonzero", "argwhere"]

_INT_INDEX = (np.dtype(np.int64), np.dtype(np.int32))
_LONG = np.dtype(np.int64)


def _dim(d, ndim):
    """`d` wrapped for a tensor of `ndim` dims (a 0-d tensor has dim 0, as in PyTorch)."""
    return wrap_dim(d, ndim or 1)


def _name(dtype):
    return D.SCALAR_NAME[D.FROM_NP[dtype]]


def _define(name, compute, grad, keeps_self=False, dense=False):
    """Register `name(self, ...)` computing with `compute(out_array, self, ...)` into a clone
    (contiguous when `dense`, else laid out as `self`) and `Tensor.name_` into `self`;
    `grad(self, ...)` builds the autograd node (see grad_indexing), which saves a copy of
    `self` from before an in-place write when `keeps_self`."""
    def function(self, *args, **kwargs):
        return _out_of_place(compute, grad, self, self, args, kwargs, dense)

    def method_inplace(self, *args, **kwargs):
        operands = (*args, *kwargs.values())
        original = self.detach().clone() if keeps_self and G.recording(self, operands) \
            else None
        compute(self._a, self, *args, before_write=lambda: bump_version(self), **kwargs)
        if G.recording(self, operands):
            grad_name, others, fn, saved = grad(self, *args, **kwargs)
            G.record_inplace(self, grad_name, others, fn,
                             G.resolve(saved, original, self, True))
        return self

    attach(name, function, method_inplace, True, compute.__doc__)
    return function


def _out_of_place(compute, grad, self, data, args, kwargs, dense=False):
    """`compute` into a copy of `data` (`self`, or `self` broadcast; contiguous when `dense`),
    recorded as an op on `self`."""
    out = contiguous(data._a.copy()) if dense else cast(data._a, data.dtype)
    compute(out, data, *args, **kwargs)
    result = wrap(out)
    if G.recording(self, (*args, *kwargs.values()), inplace=False):
        grad_name, others, fn, saved = grad(self, *args, **kwargs)
        record(result, grad_name, (self, *others), fn, G.resolve(saved, self, result, False))
    return result


def _nothing():
    pass


# ---- gather / scatter -----------------------------------------------------------------------
def _check_index(op, index):
    if not isinstance(index, Tensor):
        raise TypeError(f"{op}(): argument 'index' must be Tensor, not {type(index).__name__}")
    if index._a.dtype not in _INT_INDEX:
        raise RuntimeError(f"{op}(): Expected dtype int32/int64 for index")
    return index._a


def _positions(index, dim, size):
    """The element positions scatter/gather address: index arrays for every dim, the
    index along `dim` (checked against `size`)."""
    bad = (index < 0) | (index >= size)
    if bad.any():
        raise RuntimeError(f"index {index.ravel()[bad.ravel().argmax()]} is out of bounds for "
                           f"dimension {dim} with size {size}")
    grids = list(np.indices(index.shape, sparse=True))
    grids[dim] = index
    return tuple(grids)


def gather(self, dim, index, *, sparse_grad=False, out=None):
    """Values of `self` along `dim` at `index` (an int64 tensor of `self`'s dims)."""
    return record(wrap(_gather(self._a, dim, index)), "GatherBackward0", (self,),
                  G.gather_backward(self._a.shape, dim), (self, index))


def _gather(a, dim, index):
    """Array `a` gathered along `dim` at `index` (a tensor), in a new array."""
    idx = _check_index("gather", index)
    dim = _dim(dim, a.ndim)
    if idx.ndim != a.ndim and max(idx.ndim, a.ndim) > 1:
        raise RuntimeError("Index tensor must have the same number of dimensions as input "
                           "tensor")
    a1, i1 = a.reshape(a.shape or (1,)), idx.reshape(idx.shape or (1,))
    for d, n in enumerate(i1.shape):
        if d != dim and n > a1.shape[d]:
            raise RuntimeError(f"Size does not match at dimension {d} expected index "
                               f"{list(idx.shape)} to be no larger than self {list(a.shape)} "
                               f"apart from dimension {dim}")
    r = a1[_positions(i1, dim, a1.shape[dim])] if i1.size else np.empty(i1.shape, a.dtype)
    return contiguous(r.reshape(idx.shape))


_REDUCE_UFUNC = {"add": np.add, "multiply": np.multiply, "sum": np.add, "prod": np.multiply,
                 "amax": np.maximum, "amin": np.minimum, "mean": np.add}


def _scatter_args(out, self, dim, index, src):
    """(positions, values) of a scatter of `src` (a tensor or a number) at `index`."""
    idx = _check_index("scatter", index)
    a = self._a
    dim = _dim(dim, a.ndim)
    if isinstance(src, Tensor):
        if src.dtype is not self.dtype:
            raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
        s = src._a
        if idx.ndim != a.ndim and max(idx.ndim, a.ndim) > 1:
            raise RuntimeError("Index tensor must have the same number of dimensions as self "
                               "tensor")
        if idx.ndim != s.ndim and max(idx.ndim, s.ndim) > 1:
            raise RuntimeError("Index tensor must have the same number of dimensions as src "
                               "tensor")
    else:
        s = None
        if idx.ndim != a.ndim and max(idx.ndim, a.ndim) > 1:
            raise RuntimeError("Index tensor must have the same number of dimensions as self "
                               "tensor")
    i1 = idx.reshape(idx.shape or (1,))
    o1 = out.reshape(out.shape or (1,))
    for d, n in enumerate(i1.shape):
        if d != dim and n > o1.shape[d] or s is not None and n > (s.shape or (1,))[d]:
            extra = f" and to be no larger size than src {list(s.shape)}" if s is not None \
                else ""
            raise RuntimeError(f"Expected index {list(idx.shape)} to be no larger than self "
                               f"{list(a.shape)} apart from dimension {dim}{extra}")
    if not i1.size:
        return o1, None, None
    pos = _positions(i1, dim, o1.shape[dim])
    if s is None:
        return o1, pos, check_scalar(src, self.dtype)
    s1 = s.reshape(s.shape or (1,))
    return o1, pos, s1[tuple(slice(n) for n in i1.shape)]


def _scatter(out, self, dim, index, src=None, value=None, *, reduce=None,
             before_write=_nothing):
    """`self` with `src` (a tensor) or `value` (a number) written along `dim` at `index`;
    `reduce='add'|'multiply'` combines instead."""
    if src is None:
        src = value
    if reduce is not None and reduce not in ("add", "multiply"):
        raise RuntimeError("reduce argument must be either add or multiply.")
    if reduce is not None and isinstance(src, Tensor):
        warn_once("The reduce argument of torch.scatter with Tensor src is deprecated and will "
                  "be removed in a future PyTorch release. Use torch.scatter_reduce instead for "
                  "more reduction options.")
    o1, pos, vals = _scatter_args(out, self, dim, index, src)
    before_write()
    if pos is not None:
        if reduce is None:
            o1[pos] = vals
        else:
            _REDUCE_UFUNC[reduce].at(o1, pos, vals)


def _scatter_add(out, self, dim, index, src, *, before_write=_nothing):
    """`self` with `src` added along `dim` at `index`."""
    o1, pos, vals = _scatter_args(out, self, dim, index, src)
    before_write()
    if pos is not None:
        np.add.at(o1, pos, vals)


_ALIAS = {"max": "amax", "min": "amin"}
_IDENTITY = {"sum": 0, "mean": 0, "prod": 1}


def _scatter_reduce(out, self, dim, index, src, reduce, *, include_self=True,
                    before_write=_nothing):
    """`self` with `src` reduced (`sum`, `prod`, `mean`, `amax`, `amin`) along `dim` at
    `index`; `include_self=False` leaves `self`'s values out where something is scattered."""
    reduce = _ALIAS.get(reduce, reduce)
    if reduce not in _REDUCE_UFUNC or reduce in ("add", "multiply"):
        raise RuntimeError(f"reduce argument must be either sum, prod, mean, amax or amin, got "
                           f"{reduce}")
    if not isinstance(src, Tensor):
        raise TypeError(f"scatter_reduce(): argument 'src' (position 3) must be Tensor, not "
                        f"{type(src).__name__}")
    o1, pos, vals = _scatter_args(out, self, dim, index, src)
    before_write()
    if pos is None:
        return
    if not include_self:
        if reduce in _IDENTITY:
            o1[pos] = _IDENTITY[reduce]
        else:
            o1[pos] = vals  # the first candidate: max/min over the scattered values alone
    _REDUCE_UFUNC[reduce].at(o1, pos, vals)
    if reduce == "mean":
        count = np.full(o1.shape, 1 if include_self else 0, np.int64)
        np.add.at(count, pos, 1)
        hit = count > 0
        if o1.dtype.kind in "fcV":
            o1[hit] = o1[hit] / count[hit]
        else:
            o1[hit] = np.floor_divide(o1[hit], count[hit])


scatter = _define("scatter", _scatter, G.scatter_grad, dense=True)
scatter_add = _define("scatter_add", _scatter_add, G.scatter_add_grad, dense=True)
scatter_reduce = _define("scatter_reduce", _scatter_reduce, G.scatter_reduce_grad, dense=True,
                         keeps_self=True)


# ---- along a dim: index_select, index_add, index_copy, index_fill ---------------------------
def _vector_index(op, index):
    if not isinstance(index, Tensor):
        raise TypeError(f"{op}(): argument 'index' must be Tensor, not {type(index).__name__}")
    idx = index._a
    if idx.ndim > 1:
        raise IndexError(f"{op}(): Index is supposed to be a vector")
    if idx.dtype not in _INT_INDEX:
        raise RuntimeError(f"{op}(): Expected dtype int32 or int64 for index")
    return idx.reshape(-1)


def _along(a, dim, idx, op):
    """The NumPy index selecting `idx` along `dim` of `a` (bounds checked as PyTorch)."""
    n = a.shape[dim] if a.ndim else 1
    bad = (idx < 0) | (idx >= n)
    if bad.any():
        v = idx[bad.argmax()]
        if op == "index_select":
            if dim:
                raise RuntimeError(f"INDICES element is out of DATA bounds, id={v} "
                                   f"axis_dim={n}")
            raise IndexError("index out of range in self")
        if op == "index_add_":
            raise RuntimeError(f"index {v} is out of bounds for dimension {dim} with size {n}")
        raise IndexError(f"{op}(): index {v} is out of bounds for dimension {dim} with size {n}")
    return (slice(None),) * dim + (idx,)


def index_select(input, dim, index, *, out=None):
    """The slices of `input` along `dim` at `index` (a vector of int32/int64)."""
    idx = _vector_index("index_select", index)
    a = input._a
    dim = _dim(dim, a.ndim)
    if not a.ndim and idx.size != 1:
        raise RuntimeError(f"index_select(): Index to scalar can have only 1 value, got "
                           f"{idx.size} value(s)")
    r = a.reshape(a.shape or (1,))[_along(a, dim, idx, "index_select")]
    if not a.ndim and index._a.ndim == 0:
        r = r.reshape(())
    return record(wrap(contiguous(r)), "IndexSelectBackward0", (input,),
                  G.index_select_backward(a.shape, dim), (index,))


def _index_add(out, self, dim, index, source, *, alpha=1, before_write=_nothing):
    """`self` with `alpha * source` added along `dim` at `index`."""
    idx = index._a
    if idx.ndim > 1:
        raise IndexError(f"index_add_(): Index is supposed to be a vector, but got dim: "
                         f"{idx.ndim} with type: {_name(idx.dtype)} and size: "
                         f"{list(idx.shape)}")
    idx = _vector_index("index_add_", index)
    if source.dtype is not self.dtype:
        raise RuntimeError(f"index_add_(): self ({_name(out.dtype)}) and source "
                           f"({_name(source._a.dtype)}) must have the same scalar type")
    dim = _dim(dim, out.ndim)
    s = source._a
    if s.ndim:
        if dim >= s.ndim:
            raise RuntimeError(f"index_add_(): Indexing dim {dim} is out of bounds of the "
                               f"source tensor with dim {s.ndim}")
        if idx.size != s.shape[dim]:
            raise RuntimeError(f"index_add_(): Number of indices ({idx.size}) should be equal "
                               f"to source.size(dim): ({s.shape[dim]}), for dim: {dim}")
        if s.ndim != out.ndim or any(n != m for d, (n, m) in enumerate(zip(s.shape, out.shape))
                                     if d != dim):
            raise RuntimeError(f"source tensor shape must match self tensor shape, excluding "
                               f"the specified dimension. Got self.shape = {list(out.shape)} "
                               f"source.shape = {list(s.shape)}")
    o1 = out.reshape(out.shape or (1,))
    pos = _along(o1, dim, idx, "index_add_")
    before_write()
    np.add.at(o1, pos, s if alpha == 1 else s * check_scalar(alpha, self.dtype))


def _index_copy(out, self, dim, index, source, *, before_write=_nothing):
    """`self` with `source` copied along `dim` at `index` (int64)."""
    idx, s = index._a, source._a
    if idx.ndim > 1:
        raise IndexError(f"index_copy_(): Index should have dimension 1 or 0 (got {idx.ndim})")
    dim = _dim(dim, out.ndim)
    if s.ndim and out.ndim and s.ndim != out.ndim:
        raise IndexError(f"index_copy_(): When source and destination are not scalars, their "
                         f"dimensionality must match. Source dimensionality ({s.ndim}), "
                         f"destination dimensionality ({out.ndim})")
    if s.ndim and idx.size != s.shape[dim]:
        raise IndexError(f"index_copy_(): Number of indices ({idx.size}) should be equal to "
                         f"source.size(dim) ({s.shape[dim]})")
    rest_o = [n for d, n in enumerate(out.shape) if d != dim]
    rest_s = [n for d, n in enumerate(s.shape) if d != dim]
    if s.ndim and rest_o != rest_s:
        raise RuntimeError(f"index_copy_(): Source/destination tensor must have same slice "
                           f"shapes. Destination slice shape: {', '.join(map(str, rest_o))} at "
                           f"dimension {dim} and source slice shape: "
                           f"{', '.join(map(str, rest_s))} at dimension 0.")
    if idx.dtype != _LONG:
        raise RuntimeError(f"index_copy_(): Expected a long tensor for index, but got "
                           f"{_name(idx.dtype)}")
    if source.dtype is not self.dtype:
        raise RuntimeError(f"index_copy_(): self and source expected to have the same dtype, "
                           f"but got (self) {_name(out.dtype)} and (source) {_name(s.dtype)}")
    o1 = out.reshape(out.shape or (1,))
    pos = _along(o1, dim, idx.reshape(-1), "index_copy_")
    before_write()
    o1[pos] = s


def _index_fill(out, self, dim, index, value, *, before_write=_nothing):
    """`self` with `value` (a number or 0-d tensor) along `dim` at `index` (int64)."""
    if not isinstance(index, Tensor) or index._a.dtype != _LONG:
        raise IndexError("index_fill_(): Expected dtype int64 for index.")
    if isinstance(value, Tensor):
        if value._a.ndim:
            raise RuntimeError(f"index_fill_ only supports a 0-dimensional value tensor, but "
                               f"got tensor with {value._a.ndim} dimension(s).")
        value = value._a.item() if value._a.dtype.kind != "V" else float(value._a)
    if isinstance(value, complex) and not self.dtype.is_complex:
        raise RuntimeError("index_fill_(): Converting complex Scalar to non-complex type is not "
                           "supported")
    value = check_scalar(value, self.dtype)
    idx = index._a.reshape(-1)
    dim = _dim(dim, out.ndim)
    o1 = out.reshape(out.shape or (1,))
    n = o1.shape[dim]
    bad = (idx < -n) | (idx >= n)
    if bad.any():
        raise IndexError(f"index {idx[bad.argmax()]} is out of bounds for dimension {dim} "
                         f"with size {n}")
    before_write()
    o1[(slice(None),) * dim + (idx,)] = value


index_add = _define("index_add", _index_add, G.index_add_grad, dense=True)
index_copy = _define("index_copy", _index_copy, G.index_copy_grad, dense=True)
index_fill = _define("index_fill", _index_fill, G.index_fill_grad)


# ---- masks ------------------------------------------------------------------------------------
# C++'s names of the mask types, as masked_fill_ reports them
_TYPEID = (D.uint8, D.int8, D.int16, D.int32, D.int64, D.float32, D.float64)


def _mask_array(mask):
    if mask._a.dtype != np.bool_:
        got = (D.CXX_NAME if mask.dtype in _TYPEID else D.C_NAME)[mask.dtype]
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{got}")
    return mask._a


def _expand(mask, shape):
    """`mask` broadcast to the shape of the tensor written in place."""
    if mask.shape == shape:
        return mask
    try:
        full = np.broadcast_shapes(mask.shape, shape)
    except ValueError:
        raise broadcast_error([shape, mask.shape]) from None
    if full != shape:
        raise RuntimeError(f"output with shape {list(shape)} doesn't match the broadcast "
                           f"shape {list(full)}")
    return np.broadcast_to(mask, shape)


def _masked_fill(out, self, mask, value, *, before_write=_nothing):
    """`self` with `value` (a number or 0-d tensor) where `mask` (bool, broadcast) is True."""
    m = _mask_array(mask)
    if isinstance(value, Tensor):
        if value._a.ndim:
            raise RuntimeError(f"masked_fill_ only supports a 0-dimensional value tensor, but "
                               f"got tensor with {value._a.ndim} dimension(s).")
        value = value.item()
    value = check_scalar(value, self.dtype)
    m = _expand(m, out.shape)
    if self.dtype in NO_MASKED_FILL:
        raise no_kernel("masked_fill", self.dtype)
    before_write()
    np.copyto(out, value, where=m, casting="unsafe")


def _masked_scatter(out, self, mask, source, *, before_write=_nothing):
    """`self` with the elements of `source` (in order) where `mask` (bool) is True."""
    m = mask._a
    if m.dtype == np.uint8:
        warnings.warn("masked_scatter_ received a mask with dtype torch.uint8, this behavior is "
                      "now deprecated,please use a mask with dtype torch.bool instead.",
                      UserWarning, stacklevel=3)
    if m.dtype != np.bool_:
        raise RuntimeError("masked_scatter_ only supports boolean masks, but got mask with "
                           f"dtype {D.SCALAR_NAME[mask.dtype]}")
    if source.dtype is not self.dtype:
        raise RuntimeError(f"masked_scatter: expected self and source to have same dtypes but "
                           f"got{_name(out.dtype)} and {_name(source._a.dtype)}")
    m = _expand(m, out.shape)
    n = int(m.sum())
    if n > source._a.size:
        raise RuntimeError("Number of elements of source < number of ones in mask")
    before_write()
    out[m] = source._a.reshape(-1)[:n]


_masked_fill_function = _define("masked_fill", _masked_fill, G.masked_fill_grad, dense=True)
masked_scatter = _define("masked_scatter", _masked_scatter, G.masked_scatter_grad, dense=True)


def masked_fill(input, mask, value):
    """`input` with `value` where `mask` is True (`input` and `mask` broadcast together)."""
    m = _mask_array(mask)
    if m.shape == input._a.shape:
        return _masked_fill_function(input, mask, value)
    try:
        shape = np.broadcast_shapes(input._a.shape, m.shape)
    except ValueError:
        raise broadcast_error([m.shape, input._a.shape]) from None
    return _out_of_place(_masked_fill, G.masked_fill_grad, input,
                         wrap(np.broadcast_to(input._a, shape)), (mask, value), {}, True)


FUNCTIONS["masked_fill"] = masked_fill
Tensor.masked_fill = masked_fill


def masked_select(input, mask, *, out=None):
    """The elements of `input` where `mask` (bool, broadcast with `input`) is True, as a
    vector."""
    if not isinstance(mask, Tensor) or mask._a.dtype != np.bool_:
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    a, m = input._a, mask._a
    try:
        a, m = np.broadcast_arrays(a, m)
    except ValueError:
        raise broadcast_error([mask._a.shape, input._a.shape]) from None
    return record(wrap(fresh(a[m])), "MaskedSelectBackward0", (input,),
                  G.masked_select_backward(a.shape), (input, mask))


# ---- flat positions: take, take_along_dim, put ------------------------------------------------
def take(input, index):
    """The elements of `input` (read as a vector) at `index` (int64), shaped as `index`."""
    if not isinstance(index, Tensor) or index._a.dtype != _LONG:
        raise RuntimeError(f"take(): Expected a long tensor for index, but got "
                           f"{_name(index._a.dtype)}")
    flat = input._a.reshape(-1)
    idx = index._a
    n = flat.size
    bad = (idx < -n) | (idx >= n)
    if bad.any():
        raise IndexError(f"out of range: tried to access index {idx[bad].ravel()[0]} on a "
                         f"tensor of {n} elements.")
    return record(wrap(contiguous(flat[idx])), "TakeBackward0", (input,), G.take_backward,
                  (input, index))


def take_along_dim(input, indices, dim=None, *, out=None):
    """`gather` along `dim` with `input` and `indices` broadcast (flattened when `dim` is
    None)."""
    if not isinstance(indices, Tensor) or indices._a.dtype != _LONG:
        raise RuntimeError(f"torch.take_along_dim(): dtype of indices should be Long but got "
                           f"{_name(indices._a.dtype)}")
    a, idx = input._a, indices._a
    if dim is None:
        flat = wrap(idx.reshape(-1))
        return record(wrap(_gather(a.reshape(-1), 0, flat)), "GatherBackward0", (input,),
                      G.gather_backward((a.size,), 0, a.shape), (input, flat))
    dim = _dim(dim, a.ndim)
    if a.ndim != idx.ndim:
        raise RuntimeError(f"torch.take_along_dim(): input and indices should have the same "
                           f"number of dimensions, but got {a.ndim} dimensions for input, and "
                           f"{idx.ndim} dimensions for indices")
    shape_a, shape_i = list(a.shape), list(idx.shape)
    shape_a[dim] = shape_i[dim] = 1
    try:
        common = np.broadcast_shapes(tuple(shape_a), tuple(shape_i))
    except ValueError:
        raise broadcast_error([tuple(shape_a), tuple(shape_i)]) from None
    sa = common[:dim] + (a.shape[dim],) + common[dim + 1:]
    si = common[:dim] + (idx.shape[dim],) + common[dim + 1:]
    index = wrap(np.broadcast_to(idx, si))
    return record(wrap(_gather(np.broadcast_to(a, sa), dim, index)), "GatherBackward0",
                  (input,), G.gather_backward(sa, dim), (input, index))


def _put(out, self, index, source, accumulate=False, *, before_write=_nothing):
    """`self` (read as a vector) with `source` written (or added) at `index` (int64)."""
    if not isinstance(index, Tensor) or index._a.dtype != _LONG:
        raise RuntimeError(f"put_(): Expected a long tensor for index, but got "
                           f"{_name(index._a.dtype)}")
    if source.dtype is not self.dtype:
        raise RuntimeError(f"put_(): self and source expected to have the same dtype, but "
                           f"got self.dtype = {_name(out.dtype)} and source.dtype = "
                           f"{_name(source._a.dtype)}")
    idx, src = index._a.reshape(-1), source._a.reshape(-1)
    if idx.size != src.size:
        raise IndexError(f"put_(): Expected source and index to have the same number of "
                           f"elements, but got source.numel() = {src.size}, index.numel() = "
                           f"{idx.size}")
    n = out.size
    bad = (idx < -n) | (idx >= n)
    if bad.any():
        raise IndexError(f"out of range: tried to access index {idx[bad][0]} on a tensor of "
                         f"{n} elements.")
    before_write()
    flat = out.reshape(-1)
    if not np.shares_memory(flat, out):  # a non-contiguous tensor: write through a copy
        flat = np.ascontiguousarray(out).reshape(-1)
    if accumulate:
        np.add.at(flat, idx, src)
    else:
        flat[idx] = src
    if not np.shares_memory(flat, out):
        out[...] = flat.reshape(out.shape)


put = _define("put", _put, G.put_grad)


# ---- index_put ---------------------------------------------------------------------------------
def _index_put(out, self, indices, values, accumulate=False, *, before_write=_nothing):
    """`self` with `values` written (or added) at the advanced index `indices` (a tuple of
    tensors), as `self[indices] = values` (or `+=`)."""
    if not isinstance(indices, (tuple, list)):
        raise TypeError(f"index_put(): argument 'indices' (position 2) must be tuple of "
                        f"Tensors, not {type(indices).__name__}")
    target = self if out is self._a else wrap(out)  # index_put counts the write
    _put_at(target, advanced_index(out, tuple(indices)), values, accumulate)


index_put = _define("index_put", _index_put, G.index_put_grad)
index_put_ = FUNCTIONS["index_put_"] = Tensor.index_put_


# ---- nonzero ----------------------------------------------------------------------------------
def nonzero(input, *, out=None, as_tuple=False):
    """The indices of the non-zero elements: an (n, ndim) int64 tensor (laid out column by
    column, as PyTorch's), or with `as_tuple` one vector per dim."""
    a = input._a
    if as_tuple:
        return tuple(wrap(contiguous(i)) for i in a.reshape(a.shape or (1,)).nonzero())
    cols = np.stack(a.nonzero()) if a.ndim else np.zeros((0, int(bool(a))), np.int64)
    n = cols.shape[1]
    r = np.lib.stride_tricks.as_strided(np.ascontiguousarray(cols, np.int64), (n, a.ndim),
                                        (8, 8 * n))
    return wrap(r)


def argwhere(input):
    """`nonzero(input)`."""
    return nonzero(input)


for _f in (index_select, gather, masked_select, take, take_along_dim, nonzero, argwhere):
    FUNCTIONS[_f.__name__] = _f
    setattr(Tensor, _f.__name__, _f)
