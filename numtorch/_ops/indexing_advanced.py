"""Advanced indexing as PyTorch reads it, on NumPy arrays: index items with tensors, lists,
ranges or masks turned into a basic view plus a NumPy index, with PyTorch's errors.

>>> import numpy as np
>>> adv = advanced_index(np.arange(6).reshape(2, 3), ([1, 0], slice(None)))
>>> adv.view.shape, [np.asarray(i).tolist() if not isinstance(i, slice) else i for i in adv.index]
((2, 3), [[1, 0], slice(None, None, None)])
"""
import warnings
from collections import namedtuple

import numpy as np

from .._convert import contiguous_strides
from .._tensor import Tensor

__all__ = ["bad_index", "numpy_index", "index_items", "index_array", "advanced_index",
           "contiguous", "check_mask", "take", "advanced_error", "index_shape", "SEQUENCES",
           "UINT8_WARNING"]

_BAD_INDEX = ("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
              "are valid indices (got {})")

def bad_index(i):
    """PyTorch's IndexError for index item `i`, naming its type as C does (`numpy.bool`)."""
    t = type(i)
    return IndexError(_BAD_INDEX.format(f"numpy.{t.__name__}" if t.__module__ == "numpy"
                                        else t.__name__))

def numpy_index(a, np_idx):
    try:
        return a[np_idx]
    except IndexError as exc:
        raise IndexError(_index_message(str(exc), a.ndim)) from None


def _index_message(msg, ndim):
    if "out of bounds" in msg:
        return msg.replace("axis", "dimension")
    if "too many indices" in msg:
        return f"too many indices for tensor of dimension {ndim}"
    return msg

_SEQUENCE_WARNING = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be "
    "changed in pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be "
    "interpreted as tensor index, x[torch.tensor(seq)], which will result either in an error "
    "or a different result")
UINT8_WARNING = ("indexing with dtype torch.uint8 is now deprecated, please use a dtype "
                  "torch.bool instead.")
SEQUENCES = (list, str, range)
_INDEX_DTYPE = "tensors used as indices must be long, int, byte or bool tensors"


def index_items(idx):
    """A list index as a tuple of items, as PyTorch reads it: a tuple when it is short and
    holds tensors, sequences, slices, None or Ellipsis (deprecated, with a warning), else a
    tensor."""
    if len(idx) < 32 and any(i is None or i is Ellipsis or isinstance(
            i, (Tensor, slice, list, tuple, str, range, np.ndarray)) for i in idx):
        warnings.warn(_SEQUENCE_WARNING, UserWarning, stacklevel=3)
        return tuple(idx)
    return (idx,)


def index_array(i):
    """A tensor/list/array index as a NumPy array (integer indices or a bool mask)."""
    if isinstance(i, Tensor):
        a = i._a
    else:
        a = np.asarray(i)
        if a.dtype.kind == "f":  # lists of numbers are read as long indices
            a = a.astype(np.int64)
    if a.dtype.kind == "b" or a.dtype == np.uint8:
        return a
    if a.dtype != np.int64 and a.dtype != np.int32:
        raise IndexError(_INDEX_DTYPE)
    return a


Advanced = namedtuple("Advanced", "view index mask uint8 basic")


def advanced_index(a, index_items):
    """An `Advanced` tuple for a tuple of items with tensors, lists or bools: the `view` of
    `a` its `basic` items take, the NumPy `index` into that view, the only index if it is a
    `mask` (a tensor or list, not a Python bool; else None), and whether a `uint8` mask was
    used.

    As PyTorch, ints, slices and None apply first (a view), then the tensor indices, each mask
    becoming its `nonzero()` indices; NumPy places the result dims as PyTorch does."""
    items, consumed, python_bool = [], 0, False
    for i in index_items:
        if type(i) is bool:
            i = np.array([i])  # a new dim of size 1, masked
            python_bool = True
            items.append((None, i))
        elif i is None or i is Ellipsis or isinstance(i, slice):
            items.append((i, None))
            consumed += i is not None and i is not Ellipsis
        elif isinstance(i, (int, np.integer)):
            items.append((i, None))
            consumed += 1
        elif isinstance(i, (Tensor, list, tuple, range, np.ndarray)):
            arr = index_array(i)
            if not arr.ndim and arr.dtype.kind != "b" and arr.dtype != np.uint8:
                items.append((int(arr), None))
                consumed += 1
            elif not arr.ndim:
                items.append((None, arr.reshape(1).astype(bool)))
            else:
                items.append((arr, arr))
                consumed += arr.ndim if arr.dtype.kind == "b" or arr.dtype == np.uint8 else 1
        elif isinstance(i, str):
            raise TypeError("new(): invalid data type 'str'")
        else:
            raise bad_index(i)
    if consumed > a.ndim:
        raise IndexError(f"too many indices for tensor of dimension {a.ndim}")
    basic, places, dim = [], [], 0
    for item, arr in items:
        if arr is not None:
            mask = arr.dtype.kind == "b" or arr.dtype == np.uint8
            n = arr.ndim if mask else 1
            basic += [None] if item is None else [slice(None)] * n
            places.append((dim, arr, mask))
            dim += n
        elif item is Ellipsis:
            basic.append(Ellipsis)
            dim += a.ndim - consumed
        else:
            basic.append(item)
            dim += not isinstance(item, (int, np.integer))
    if Ellipsis not in basic:
        basic.append(Ellipsis)
    basic = tuple(basic)
    v = numpy_index(a, basic)
    np_idx, uint8 = [slice(None)] * v.ndim, False
    for dim, arr, mask in places:
        if mask:
            uint8 |= arr.dtype == np.uint8
            try:
                check_mask(arr, v.shape, dim)
            except IndexError:
                if uint8:  # PyTorch warns before it checks the shape
                    warnings.warn(UINT8_WARNING, UserWarning, stacklevel=3)
                raise
            np_idx[dim:dim + arr.ndim] = arr.nonzero()
        else:
            np_idx[dim] = arr
    only_mask = places[0][1] if len(places) == 1 and places[0][2] and not python_bool \
        else None
    return Advanced(v, tuple(np_idx), only_mask, uint8, basic)


def contiguous(r):
    """New array `r` laid out as a new contiguous PyTorch tensor (strides of size-1 and
    empty dims included), copied only if needed."""
    if not r.flags.c_contiguous:
        r = r.copy()
    if 1 in r.shape or not r.size:
        strides = tuple(s * r.itemsize for s in contiguous_strides(r.shape))
        if strides != r.strides:
            r = np.lib.stride_tricks.as_strided(r, strides=strides)
    return r


def check_mask(mask, shape, dim):
    for j, n in enumerate(mask.shape):
        if dim + j >= len(shape) or n != shape[dim + j]:
            raise IndexError(f"The shape of the mask {list(mask.shape)} at index {j} does not "
                             f"match the shape of the indexed tensor {list(shape)} at index "
                             f"{dim + j}")


def take(v, np_idx):
    """`v[np_idx]` with PyTorch's errors for bad index tensors."""
    try:
        return v[np_idx]
    except IndexError:
        raise advanced_error(v.shape, np_idx) from None


def advanced_error(shape, np_idx):
    arrays = [(d, i) for d, i in enumerate(np_idx) if type(i) is not slice]
    try:
        full = np.broadcast_shapes(*(i.shape for _, i in arrays))
    except ValueError:
        shapes = ", ".join(str(list(i.shape)) for _, i in arrays)
        return IndexError(f"shape mismatch: indexing tensors could not be broadcast together "
                          f"with shapes {shapes}")
    first = None  # (flat position, ordinal, value, size): the first bad element in order
    for k, (d, i) in enumerate(arrays):
        bad = np.broadcast_to((i < -shape[d]) | (i >= shape[d]), full).ravel()
        if bad.any():
            p = int(bad.argmax())
            if first is None or p < first[0]:
                first = (p, k, int(np.broadcast_to(i, full).ravel()[p]), shape[d])
    if first is None or not first[3]:
        return IndexError("index is out of bounds for dimension with size 0")
    _, k, value, size = first
    return IndexError(f"index {value} is out of bounds for dimension {k} with size {size}")


def index_shape(v_shape, np_idx):
    """The shape of `v[np_idx]` for an advanced NumPy index (without computing it)."""
    dims = [d for d, i in enumerate(np_idx) if type(i) is not slice]
    try:
        full = np.broadcast_shapes(*(np_idx[d].shape for d in dims))
    except ValueError:
        raise advanced_error(v_shape, np_idx) from None
    rest = [n for d, n in enumerate(v_shape) if d not in dims]
    if dims[-1] - dims[0] == len(dims) - 1:  # adjacent: the result dims stay in place
        return tuple(rest[:dims[0]]) + full + tuple(rest[dims[0]:])
    return full + tuple(rest)
