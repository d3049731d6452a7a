"""Memory layout as PyTorch's TensorIterator sees it, on NumPy arrays: the layout of a new
elementwise result, and the overlap checks of a write.

>>> import numpy as np
>>> from numtorch._backend.layout import iterator_layout
>>> x = np.ones((3, 1, 2), np.float32)
>>> x = np.broadcast_to(x, (3, 4, 2)).transpose(2, 1, 0)
>>> [s // 4 for s in iterator_layout(x + 1, [x]).strides]
[1, 2, 8]
"""
import numpy as np

from .._convert import (contiguous_strides, fresh, non_overlapping_and_dense,
                        stride_order)

__all__ = ["iterator_layout", "internal_overlap", "partial_overlap"]


def iterator_layout(r, arrays):
    """Result `r` (a new array) laid out as PyTorch's TensorIterator lays out the output of
    an op on the arrays `arrays` (the tensor operands, in order): contiguous when they all
    are, their strides when they all share them, else dims ordered by their strides (first
    operand first, broadcast dims ignored, ties to the smaller dim). Only a strided NumPy
    result is redone: NumPy's order agrees otherwise."""
    shape = r.shape
    if not r.size:
        return fresh(r)
    if r.ndim < 2 or r.flags.c_contiguous:
        return r
    same = [a for a in arrays if a.shape == shape]
    if len(same) == len(arrays):
        if all(a.flags.c_contiguous for a in arrays):
            return _strided(r, contiguous_strides(shape))
        first = _elements(arrays[0])
        if all(_elements(a) == first for a in arrays) and non_overlapping_and_dense(arrays[0]):
            return _strided(r, first)
    n = len(shape)
    strides = [(0,) * (n - a.ndim) + tuple(0 if m == 1 and k != 1 else st for m, k, st in
                                           zip(a.shape, shape[n - a.ndim:], a.strides))
               for a in arrays]
    perm = stride_order(shape, strides)  # fastest dim first
    if perm == list(range(n - 1, -1, -1)):
        return _strided(r, contiguous_strides(shape))
    out, step = [0] * n, 1
    for d in perm:
        out[d] = step
        step *= shape[d]
    return _strided(r, tuple(out))


def _elements(a):
    return tuple(s // a.itemsize for s in a.strides)


def _strided(r, strides):
    """A copy of `r` with `strides` (in elements; dense)."""
    if tuple(s * r.itemsize for s in strides) == r.strides:
        return r
    buf = np.empty(r.size, r.dtype)
    out = np.lib.stride_tricks.as_strided(buf, r.shape, tuple(s * r.itemsize for s in strides))
    np.copyto(out, r)
    return out


def internal_overlap(a):
    """PyTorch's `has_internal_overlap(a) == YES`: a broadcast (stride 0) dim of size > 1."""
    return any(s == 0 and n > 1 for s, n in zip(a.strides, a.shape))


def partial_overlap(a, b):
    """PyTorch's `get_overlap_status(a, b) == Partial` for arrays of one storage."""
    if not a.size or not b.size or not (non_overlapping_and_dense(a) and
                                        non_overlapping_and_dense(b)):
        return False
    a0, b0 = a.__array_interface__["data"][0], b.__array_interface__["data"][0]
    a1, b1 = a0 + a.nbytes, b0 + b.nbytes
    if a0 == b0 and a1 == b1:
        return a.strides != b.strides
    return a0 < b1 and b0 < a1
