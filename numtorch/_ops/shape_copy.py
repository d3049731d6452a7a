"""Shape ops that copy: cat/stack and friends (with PyTorch's type promotion), repeat,
tile, flip, roll, diag, diag_embed, tril, triu.

>>> import numtorch
>>> numtorch.cat([numtorch.tensor([1]), numtorch.tensor([0.5])])
tensor([1.0000, 0.5000])
"""
import numpy as np

from .. import _dtype as D
from .._convert import fresh, preserve_copy
from .._promotion import result_type_of
from .._tensor import Tensor, wrap
from .._tensor import wrap_dim as wrap_tensor_dim
from ..autograd import graph
from ..autograd.views import inplace_history
from . import grad_shape as G
from .registry import FUNCTIONS, needs_grad, out_allowed, record, write_into
from .shape import NO_DIMS, canonical, method_dims, sizes_of, wrap_dim

__all__ = ["cat", "concat", "concatenate", "stack", "hstack", "vstack", "dstack",
           "column_stack", "atleast_1d", "atleast_2d", "atleast_3d", "tile", "flip", "fliplr",
           "flipud", "roll", "diag", "diag_embed", "tril", "triu"]


def _contiguous(r):
    """`r` as a C-contiguous array with PyTorch's strides (copied unless it is a fresh one)."""
    if r.size and canonical(r):
        return r
    out = np.empty(r.shape, r.dtype)
    np.copyto(out, r)
    return fresh(out)


def _result(r, grad, inputs, fn, out=None, name="cat"):
    if out is None:
        return record(wrap(_contiguous(r)), grad, inputs, fn)
    out_allowed(name, inputs)
    if D.FROM_NP[r.dtype]._cat > out.dtype._cat:
        raise TypeError(f"torch.{name}(): input types can't be cast to the desired output type "
                        f"{D.SCALAR_NAME[out.dtype]}")
    return write_into(out, r)


# ---- joining ------------------------------------------------------------------------------
def _common_dtype(tensors):
    return result_type_of([x.dtype for x in tensors])


def _tensor_list(tensors, name):
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, "
                        f"not {type(tensors).__name__}")
    return tensors


def cat(tensors, dim=0, *, out=None, _name="cat"):
    """The tensors joined along `dim`, in their promoted dtype (1-d empty tensors skipped,
    as PyTorch's legacy rule)."""
    tensors = _tensor_list(tensors, _name)
    arrays = [x._a for x in tensors]
    if arrays and out is None:
        dt = arrays[0].dtype
        for a in arrays:
            if a.dtype != dt or not a.ndim:
                break
        else:  # one dtype: NumPy checks the shapes (on error, the path below explains)
            try:
                r = np.concatenate(arrays, dim)
            except (ValueError, TypeError, IndexError):
                pass
            else:
                r = _contiguous(r)
                return record(wrap(r), "CatBackward0", tensors,
                              G.pieces([a.shape for a in arrays], dim % r.ndim))
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    for i, a in enumerate(arrays):
        if not a.ndim:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be "
                               "concatenated")
    dtype = _common_dtype(tensors).np
    kept = [(i, a) for i, a in enumerate(arrays) if a.shape != (0,)]
    if not kept:
        return _result(np.empty(0, dtype), "CatBackward0", tensors, G.pieces(
            [a.shape for a in arrays], 0), out)
    ref = kept[0][1]
    d = wrap_dim(dim, ref.ndim)
    for i, a in kept:
        if a.ndim != ref.ndim:
            raise RuntimeError(f"Tensors must have same number of dimensions: got {ref.ndim} "
                               f"and {a.ndim}")
        for k in range(a.ndim):
            if k != d and a.shape[k] != ref.shape[k]:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {d}. "
                                   f"Expected size {ref.shape[k]} but got size {a.shape[k]} "
                                   f"for tensor number {i} in the list.")
    r = np.concatenate([a for _, a in kept], axis=d, dtype=dtype, casting="unsafe")
    return _result(r, "CatBackward0", tensors, G.pieces([a.shape for a in arrays], d), out)


def concat(tensors, dim=0, *, out=None):
    """`cat` under another name."""
    return cat(tensors, dim, out=out, _name="concat")


def concatenate(tensors, axis=0, out=None):
    """`cat` under NumPy's name."""
    return cat(tensors, axis, out=out, _name="concatenate")


def stack(tensors, dim=0, *, out=None):
    """The tensors (of one shape) joined along a new dim `dim`."""
    tensors = _tensor_list(tensors, "stack")
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    ref = tensors[0]._a.shape
    for i, x in enumerate(tensors):
        if x._a.shape != ref:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got "
                               f"{list(ref)} at entry 0 and {list(x._a.shape)} at entry {i}")
    d = wrap_dim(dim, len(ref) + 1)
    r = np.empty(ref[:d] + (len(tensors),) + ref[d:], _common_dtype(tensors).np)
    lead = (slice(None),) * d
    for i, x in enumerate(tensors):
        r[lead + (i, Ellipsis)] = x._a
    return _result(r, "StackBackward0", tensors, G.unstacked(d), out, "stack")


def _at_least(tensors, ndim, name):
    """Tensors reshaped to `ndim` dims as `atleast_<ndim>d` does (views)."""
    if not tensors:
        raise RuntimeError(f"{name} expects a non-empty TensorList")
    fn = (atleast_1d, atleast_2d, atleast_3d)[ndim - 1]
    return [fn(x) for x in tensors]


def hstack(tensors, *, out=None):
    """The tensors (at least 1-d) joined along dim 1 (dim 0 when 1-d)."""
    parts = _at_least(_tensor_list(tensors, "hstack"), 1, "hstack")
    return cat(parts, 0 if parts[0].ndim == 1 else 1, out=out)


def vstack(tensors, *, out=None):
    """The tensors (at least 2-d) joined along dim 0."""
    return cat(_at_least(_tensor_list(tensors, "vstack"), 2, "vstack"), 0, out=out)


def dstack(tensors, *, out=None):
    """The tensors (at least 3-d) joined along dim 2."""
    return cat(_at_least(_tensor_list(tensors, "dstack"), 3, "dstack"), 2, out=out)


def column_stack(tensors, *, out=None):
    """The tensors as columns (0-d and 1-d ones as one column each) joined along dim 1."""
    tensors = _tensor_list(tensors, "column_stack")
    if not tensors:
        raise RuntimeError("column_stack expects a non-empty TensorList")
    parts = [x.reshape(x.numel(), 1) if x.ndim <= 1 else x for x in tensors]
    return cat(parts, 1, out=out)


def _atleast(fn, tensors):
    if len(tensors) == 1:
        tensors = tensors[0]
        if isinstance(tensors, Tensor):
            return fn(tensors)
    return tuple(fn(x) for x in tensors)


def _one_1d(x):
    return x.reshape(1) if not x.ndim else x


def _one_2d(x):
    return x.reshape(1, 1) if not x.ndim else x.unsqueeze(0) if x.ndim == 1 else x


def _one_3d(x):
    n = x.ndim
    if n == 0:
        return x.reshape(1, 1, 1)
    if n == 1:
        return x.unsqueeze(0).unsqueeze(-1)
    return x.unsqueeze(-1) if n == 2 else x


def atleast_1d(*tensors):
    """Each tensor with at least 1 dim (0-d ones as shape [1])."""
    return _atleast(_one_1d, tensors)


def atleast_2d(*tensors):
    """Each tensor with at least 2 dims (new dims in front)."""
    return _atleast(_one_2d, tensors)


def atleast_3d(*tensors):
    """Each tensor with at least 3 dims (as NumPy: [n] -> [1, n, 1], [m, n] -> [m, n, 1])."""
    return _atleast(_one_3d, tensors)


# ---- repeating and reordering -------------------------------------------------------------
def _repeat(self, *sizes):
    """The tensor tiled `sizes` times along each dim (extra sizes add leading dims)."""
    if not sizes:
        raise TypeError('repeat() missing 1 required positional arguments: "repeats"')
    sizes = sizes_of(sizes, "repeat", "repeats")
    a = self._a
    if len(sizes) < a.ndim:
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number "
                           "of dimensions of tensor")
    shape = (1,) * (len(sizes) - a.ndim) + a.shape
    target = [n * r for n, r in zip(shape, sizes)]
    for n in target:
        if n < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {n}: "
                               f"{target}")
    return record(wrap(_contiguous(np.tile(a.reshape(shape), sizes))), "RepeatBackward0",
                  (self,), G.repeated(a.shape, sizes))


def tile(input, dims):
    """`repeat` with missing leading repetitions counted as 1."""
    dims = sizes_of((dims,), "tile", "dims")
    return _repeat(input, (1,) * (input.ndim - len(dims)) + dims)


def _dims(dims, ndim):
    dims = [wrap_dim(d, ndim) for d in ((dims,) if isinstance(dims, int) else dims)]
    for i, d in enumerate(dims):
        if d in dims[:i]:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
    return dims


def flip(input, dims):
    """A copy with the order of elements reversed along `dims` (in `input`'s layout)."""
    a = input._a
    axes = _dims(dims, a.ndim)
    out = preserve_copy(a)
    np.copyto(out, np.flip(a, axes) if a.ndim else a)
    return record(wrap(out), "FlipBackward0", (input,), G.flipped(axes))


def _flip(self, *args, dims=NO_DIMS):
    return flip(self, method_dims("flip", args, dims))


def fliplr(input):
    """`flip` of dim 1."""
    if input.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return flip(input, (1,))


def flipud(input):
    """`flip` of dim 0."""
    if input.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return flip(input, (0,))


def roll(input, shifts, dims=None):
    """Elements shifted cyclically by `shifts` along `dims` (the flattened tensor when
    `dims` is None)."""
    a = input._a
    shifts = (shifts,) if isinstance(shifts, int) else tuple(shifts)
    dims = () if dims is None else (dims,) if isinstance(dims, int) else tuple(dims)
    if len(shifts) != len(dims) and (dims or len(shifts) != 1):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                           f"dims:{len(dims)}")
    if not a.size:
        r = a
    elif not dims:
        r = np.roll(a.reshape(-1), shifts[0]).reshape(a.shape)
    else:
        r = np.roll(a, shifts, [wrap_tensor_dim(d, a.ndim) for d in dims])
    return record(wrap(_contiguous(r)), "RollBackward0", (input,), G.rolled(shifts, dims))


# ---- diagonals and triangles --------------------------------------------------------------
def diag(input, diagonal=0):
    """A 1-d tensor as a diagonal matrix, or the diagonal of a matrix (a copy)."""
    a = input._a
    if a.ndim == 1:
        return record(wrap(_contiguous(np.diag(a, diagonal))), "DiagEmbedBackward0", (input,),
                      G.diagonal_of(diagonal, 0, 1))
    if a.ndim != 2:
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {a.ndim}D")
    return record(wrap(_contiguous(np.diagonal(a, diagonal))), "DiagonalBackward0_copy",
                  (input,), G.part(lambda x: x.diagonal(diagonal), a.shape, a.dtype,
                                   "DiagonalBackward0"))


def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """The last dim of `input` placed on diagonal `offset` of new dims `dim1`, `dim2`."""
    a = input._a
    n = a.ndim + 1
    d1, d2 = wrap_dim(dim1, n), wrap_dim(dim2, n)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    size = abs(offset) + (a.shape[-1] if a.ndim else 1)
    shape = list(a.shape[:-1])
    for d in sorted((d1, d2)):
        shape.insert(d, size)
    out = np.zeros(shape, a.dtype)
    diagonal = np.diagonal(out, offset, d1, d2)
    diagonal.flags.writeable = True
    diagonal[...] = a
    return record(wrap(fresh(out)), "DiagEmbedBackward0", (input,),
                  G.diagonal_of(offset, d1, d2))


def _triangle(name, np_fn):
    grad = name.capitalize() + "Backward0"

    def compute(t, diagonal):
        a = t._a
        if a.ndim < 2:
            raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
        return np_fn(a, diagonal)

    def function(input, diagonal=0, *, out=None):
        r = compute(input, diagonal)
        if out is not None:
            out_allowed(name, (input,))
            return write_into(out, r)
        return record(wrap(_contiguous(r)), grad, (input,), G.triangle(name, diagonal))

    def method_inplace(self, diagonal=0):
        r = compute(self, diagonal)
        recording = needs_grad((self,))
        write_into(self, r)
        if recording:
            inplace_history(self, graph.record(grad, (self,), G.triangle(name, diagonal)))
        return self

    function.__name__ = name
    function.__doc__ = f"The {'lower' if name == 'tril' else 'upper'} triangle of the matrices."
    method_inplace.__name__ = name + "_"
    setattr(Tensor, name + "_", method_inplace)
    return function


tril = _triangle("tril", np.tril)
triu = _triangle("triu", np.triu)

for _f in (cat, concat, concatenate, stack, hstack, vstack, dstack, column_stack, atleast_1d,
           atleast_2d, atleast_3d, tile, flip, fliplr, flipud, roll, diag, diag_embed, tril,
           triu):
    FUNCTIONS[_f.__name__] = _f
for _f in (tile, fliplr, flipud, roll, diag, diag_embed, tril, triu):
    setattr(Tensor, _f.__name__, _f)
Tensor.repeat, Tensor.flip = _repeat, _flip
