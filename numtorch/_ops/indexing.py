"""Indexing and in-place writes: `t[i]`, `t[i] = v`, `fill_`, `zero_`, `copy_`.

Basic indexing (ints, slices, None, Ellipsis) gives views sharing storage and version
counter; tensor and list indices copy. Every write bumps the version counter.

>>> import numtorch
>>> t = numtorch.zeros(3); v = t[1:]; v[0] = 5
>>> t, t._version
(tensor([0., 5., 0.]), 1)
"""
import operator
import warnings

import numpy as np

from .. import _dtype as D
from .._convert import COMPLEX_TO_REAL, check_scalar, warn_once
from .._tensor import AutogradMeta, Tensor, legacy_type_name, storage, view_of, wrap
from ..autograd import graph
from ..autograd.grad_mode import STATE
from ..autograd.views import check_inplace, mark_view
from . import grad_indexing as G
from .indexing_advanced import (SEQUENCES, UINT8_WARNING, advanced_error, advanced_index,
                                bad_index, contiguous, index_items, index_shape, numpy_index,
                                take)

__all__ = ["bump_version", "index_put", "no_kernel", "NO_MASKED_FILL"]


def _convert_index(items, ndim):
    """The NumPy index for a basic PyTorch index (a tuple of items; a view), or None for an
    advanced one."""
    out = []
    for i in items:
        if i is None or i is Ellipsis:
            out.append(i)
        elif isinstance(i, (int, np.integer)) and not isinstance(i, (bool, np.bool_)):
            if not ndim:
                raise IndexError(_ZERO_DIM_INDEX)
            out.append(i)
        elif isinstance(i, slice):
            if not ndim:
                raise IndexError("slice() cannot be applied to a 0-dim tensor.")
            if i.step is not None:
                step = operator.index(i.step)
                if step == 0:
                    raise ValueError("slice step cannot be zero")
                if step < 0:
                    raise ValueError("step must be greater than zero")
            out.append(i)
        elif isinstance(i, Tensor) and not i._a.ndim and i._a.dtype.kind == "i":
            if not ndim:
                raise IndexError(_ZERO_DIM_INDEX)
            out.append(int(i._a))
        elif isinstance(i, _INDEX_SEQUENCES):
            return None
        elif isinstance(i, str):
            raise TypeError("new(): invalid data type 'str'")
        else:
            raise bad_index(i)
    if Ellipsis not in out:
        out.append(Ellipsis)  # NumPy then returns a 0-d view, not a scalar
    return tuple(out)


# what an index tuple may hold besides ints, slices, None and Ellipsis (a sequence, even a
# tuple or range inside the tuple, is a tensor index)
_INDEX_SEQUENCES = (Tensor, bool, list, tuple, range, np.ndarray)
_MASKS = (np.dtype(np.bool_), np.dtype(np.uint8))



def _ellipses(items, ndim):
    """Index tuple `items` with several ellipses as PyTorch reads it, without them: each
    skips the dims no item names; items PyTorch applies past the last dim raise its errors,
    full slices there change nothing."""
    specified = sum(i._a.ndim if isinstance(i, Tensor) and i._a.dtype in _MASKS else
                    i is not None and i is not Ellipsis and type(i) is not bool for i in items)
    if specified > ndim:
        return items  # the general path raises "too many indices"
    skip = ndim - specified
    out, dim, rdim, last = [], 0, ndim, -1  # dim: where PyTorch is in its result of rdim dims
    for pos, i in enumerate(items):
        if i is Ellipsis:
            out += [slice(None)] * skip
            dim += skip
            continue
        out.append(i)
        if i is None:
            if dim > rdim:
                raise IndexError(f"Dimension out of range (expected to be in range of "
                                 f"[{-rdim - 1}, {rdim}], but got {dim})")
            rdim, dim = rdim + 1, dim + 1
        elif isinstance(i, (int, np.integer)) and type(i) is not bool or \
                isinstance(i, Tensor) and not i._a.ndim and i._a.dtype.kind == "i":
            if dim >= rdim:
                raise IndexError(f"index {int(i)} is out of bounds for dimension {pos} with "
                                 "size 0")
            rdim -= 1
        elif isinstance(i, slice):
            dim += 1
        else:  # a tensor index (a bool or 0-d mask: a new dim, indexed)
            rdim += type(i) is bool or isinstance(i, Tensor) and not i._a.ndim
            last, dim = dim, dim + 1
    if last >= rdim:
        raise IndexError(f"too many indices for tensor of dimension {rdim} (got {last + 1})")
    while out and type(out[-1]) is slice and out[-1] == slice(None):
        out.pop()
    return tuple(out)


_ZERO_DIM_INDEX = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                   "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")



def _unsqueezed_strides(a, np_idx):
    """Strides (bytes) PyTorch gives a basic index with None: it applies the index left to
    right, and a new dim's stride is size * stride of the dim it is inserted before."""
    sizes, strides = list(a.shape), list(a.strides)
    n_ellipsis = a.ndim - sum(1 for i in np_idx if i is not None and i is not Ellipsis)
    dim = 0
    seen_ellipsis = False
    for i in np_idx:
        if i is None:
            new = sizes[dim] * strides[dim] if dim < len(sizes) else a.itemsize
            sizes.insert(dim, 1)
            strides.insert(dim, new)
            dim += 1
        elif i is Ellipsis:
            if not seen_ellipsis:
                dim += n_ellipsis
                seen_ellipsis = True
        elif isinstance(i, slice):
            start, stop, step = i.indices(sizes[dim])
            sizes[dim] = len(range(start, stop, step))
            strides[dim] *= step
            dim += 1
        else:
            del sizes[dim], strides[dim]
    return tuple(strides)


def _view_ops(items, shape):
    """The view ops PyTorch applies for the basic index `items` (a tuple) of a tensor of
    `shape`, in order: "Select", "Slice" and "Unsqueeze"; a slice of a whole dim is none."""
    ops, dim = [], 0
    rest = len(shape) - sum(1 for i in items if i is not None and i is not Ellipsis)
    for i in items:
        if i is None:
            ops.append("Unsqueeze")
        elif i is Ellipsis:
            dim += rest
        elif isinstance(i, slice):
            if i.indices(shape[dim]) != (0, shape[dim], 1):
                ops.append("Slice")
            dim += 1
        else:
            ops.append("Select")
            dim += 1
    return ops


def __getitem__(self, idx):
    a = self._a
    single_slice = type(idx) is slice  # applied even when it takes the whole dim
    if self._ag is None and a.ndim and _plain(idx):  # ints and step-free slices: a view
        try:
            return view_of(self, a[idx, ...] if type(idx) is not tuple else a[idx + (...,)])
        except IndexError:
            pass  # PyTorch's message comes from the general path
    idx = idx if type(idx) is tuple else index_items(idx) if type(idx) in SEQUENCES else (idx,)
    if len(idx) > 1 and sum(i is Ellipsis for i in idx) > 1:
        idx = _ellipses(idx, a.ndim)
    np_idx = _convert_index(idx, a.ndim)
    if np_idx is not None:
        r = numpy_index(a, np_idx)
        if None in np_idx:
            r = np.lib.stride_tricks.as_strided(r, strides=_unsqueezed_strides(a, np_idx),
                                                writeable=a.flags.writeable)
        out = view_of(self, r)
    else:
        adv = advanced_index(a, idx)
        if adv.uint8:
            warnings.warn(UINT8_WARNING, UserWarning, stacklevel=2)
        out = wrap(contiguous(take(adv.view, adv.index)))
    ag = self._ag
    if ag is not None and ag.requires_grad and STATE.enabled:
        if out._view_of is None:
            node = graph.record("IndexBackward0", (self,), G.index_backward(idx, a.shape),
                                tuple(i for i in idx if isinstance(i, Tensor)))
        else:
            ops = ["Slice"] if single_slice else _view_ops(idx, a.shape) or ["Alias"]
            name = ops[-1] + "Backward0"
            node = graph.record(name, (self,), G.view_backward(idx, a.shape, a.dtype, name))
        out._ag = AutogradMeta(True, node)
        mark_view(out)
    elif ag is not None and ag.requires_grad and out._view_of is not None \
            and out.dtype._cat >= 2:
        graph.no_grad_view(out)
    return out


def _plain(idx):
    """Whether `idx` is an int, a step-free slice, or a pair of them."""
    t = type(idx)
    if t is int or t is slice and idx.step is None:
        return True
    if t is tuple and len(idx) == 2:
        a, b = idx
        return (type(a) is int or type(a) is slice and a.step is None) and (
            type(b) is int or type(b) is slice and b.step is None)
    return False


# ---- advanced indexing: tensors, lists and bools ---------------------------------------------

def __iter__(self):
    """Iterate over the first dim: the views `unbind` gives, as PyTorch."""
    if self._a.ndim == 0:
        raise TypeError("iteration over a 0-d tensor")
    return iter(self.unbind(0))


def bump_version(t):
    """Check an in-place write to `t` is allowed, and count it in the version counter."""
    if STATE.enabled and (t._ag is not None or t._view_of is not None):
        check_inplace(t)
    storage(t).version += 1


def _write(self, np_idx, value):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        self._a[np_idx] = value


def __setitem__(self, idx, value):
    if not isinstance(value, (Tensor, int, float, complex, np.generic)):
        raise TypeError(f"can't assign a {_qualified(value)} to a "
                        f"{legacy_type_name(self.dtype, self.device)}")
    if idx is False:  # PyTorch writes nothing
        return
    if idx is True:  # PyTorch writes into the tensor with a new dim in front
        idx = None
    idx = idx if type(idx) is tuple else index_items(idx) if type(idx) in SEQUENCES else (idx,)
    if len(idx) > 1 and sum(i is Ellipsis for i in idx) > 1:
        idx = _ellipses(idx, self._a.ndim)
    np_idx = _convert_index(idx, self._a.ndim)
    recording = G.recording(self, (value,))
    if np_idx is None:
        adv = advanced_index(self._a, idx)
        if recording:
            _put_recorded(self, idx, adv, value)
        else:
            index_put(self, adv, value)
        return
    if isinstance(value, Tensor):
        if value.dtype.is_complex and not self.dtype.is_complex:
            warn_once(COMPLEX_TO_REAL)
        target = numpy_index(self._a, np_idx)
        array = _expandable(value._a, target.shape, value.type())
    else:
        array = check_scalar(value, self.dtype)
        numpy_index(self._a, np_idx)  # PyTorch's errors for a bad index
    if recording:
        _write_recorded(self, idx, value, array)
        return
    bump_version(self)
    _write(self, np_idx, array)


def _write_recorded(self, idx, value, array):
    """`self[idx] = value` (a basic index; `array`: the value checked) as PyTorch records it:
    `copy_` (`fill_` from a number or 0-d tensor) into the view `self[idx]`, or into `self`
    when the index takes all of it."""
    target = __getitem__(self, idx) if _view_ops(idx, self._a.shape) else self
    if not isinstance(value, Tensor):
        _fill(target, array, "FillBackward3", (), G.fill_backward)
    elif value.dim() == 0 and target.dim():
        fill_(target, value)
    else:
        copy_(target, value.reshape(array.shape) if array.ndim < value.dim() else value)


def _put_recorded(self, idx, adv, value):
    """`self[idx] = value` (an advanced index, `adv`) as PyTorch records it: `index_put_`
    into `self`, or into the view its ints, slices and None take (leading size-1 dims of
    `value` viewed away)."""
    if isinstance(value, Tensor):
        value = value.reshape(_leading_ones_dropped(value._a).shape)
    target, items = self, idx
    if _view_ops(adv.basic, self._a.shape):
        target, items = __getitem__(self, adv.basic), adv.index
    index_put(target, adv, value)
    G.record_inplace(target, *G.index_put_grad(target, items, value))


def index_put(self, adv, value, accumulate=False):
    """Write `value` at the advanced index `adv` of `self` (see `advanced_index`), as
    PyTorch's `index_put_`: a one-element value under a single mask is a `masked_fill_`."""
    v, np_idx, only_mask, uint8 = adv.view, adv.index, adv.mask, adv.uint8
    fill = isinstance(value, Tensor) and only_mask is not None and value._a.size == 1 \
        and not accumulate
    masked = only_mask is not None and not accumulate and (fill or not isinstance(value, Tensor))
    if self.dtype in (NO_MASKED_FILL if masked else _NO_INDEX_PUT):
        raise no_kernel("masked_fill" if masked else "index_put", self.dtype)
    if uint8 and not fill:
        warnings.warn(UINT8_WARNING, UserWarning, stacklevel=3)
    if isinstance(value, Tensor):
        if fill:
            if only_mask.dtype != np.bool_:
                raise RuntimeError("masked_fill_ only supports boolean masks, but got mask "
                                   "with dtype unsigned char")
            value = value._a.reshape(()).item()
        elif value.dtype is not self.dtype:
            raise RuntimeError(f"Index put requires the source and destination dtypes match, "
                               f"got {D.SCALAR_NAME[self.dtype]} for the destination and "
                               f"{D.SCALAR_NAME[value.dtype]} for the source.")
        else:
            value = _value_for(value._a, index_shape(v.shape, np_idx))
    if not isinstance(value, np.ndarray):
        value = check_scalar(value, self.dtype)
    bump_version(self)
    try:
        if accumulate:
            np.add.at(v, np_idx, value)
        else:
            v[np_idx] = value
    except IndexError:
        raise advanced_error(v.shape, np_idx) from None
    return self


_NO_INDEX_PUT = (D.uint16, D.uint32, D.uint64, D.float8_e8m0fnu)  # dtypes without the kernels
NO_MASKED_FILL = _NO_INDEX_PUT + (D.float8_e4m3fn, D.float8_e5m2, D.float8_e4m3fnuz,
                                  D.float8_e5m2fnuz)


def no_kernel(kernel, dtype):
    """PyTorch's error for a `kernel` it has no `dtype` version of."""
    return NotImplementedError(f'"{kernel}" not implemented for \'{D.SCALAR_NAME[dtype]}\'')


def _value_for(value, shape):
    """`value` without leading size-1 dims, checked to broadcast to an index result."""
    original = value.shape
    value = _leading_ones_dropped(value)
    if value.ndim > len(shape) or any(n != 1 and n != m for n, m in
                                      zip(value.shape[::-1], shape[::-1])):
        raise RuntimeError(f"shape mismatch: value tensor of shape {list(original)} cannot be "
                           f"broadcast to indexing result of shape {list(shape)}")
    return value


def _leading_ones_dropped(a):
    """Array `a` without its leading size-1 dims (how PyTorch reads a value to write)."""
    while a.ndim and a.shape[0] == 1:
        a = a[0]
    return a


def _expandable(value, shape, type_str):
    """`value` with leading size-1 dims dropped, checked to expand to `shape` as PyTorch."""
    while value.ndim > len(shape) and value.shape[0] == 1:
        value = value[0]
    if value.ndim > len(shape):
        raise RuntimeError(f"expand({type_str}{{{list(value.shape)}}}, size="
                           f"{list(shape)}): the number of sizes provided ({len(shape)}) must "
                           f"be greater or equal to the number of dimensions in the tensor "
                           f"({value.ndim})")
    offset = len(shape) - value.ndim
    for d, n in enumerate(value.shape):
        if n != 1 and n != shape[offset + d]:
            raise RuntimeError(f"The expanded size of the tensor ({shape[offset + d]}) must "
                               f"match the existing size ({n}) at non-singleton dimension "
                               f"{offset + d}.  Target sizes: {list(shape)}.  Tensor sizes: "
                               f"{list(value.shape)}")
    return value


def _qualified(v):
    t = type(v)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__name__}"


def fill_(self, value):
    """Fill with `value` (a number or 0-d tensor), in place."""
    if isinstance(value, Tensor):
        if value.dim() != 0:
            raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor "
                               f"with {value.dim()} dimensions.")
        if value.dtype.is_complex and not self.dtype.is_complex:
            warn_once(COMPLEX_TO_REAL)
        return _fill(self, value._a, "FillBackward3", (value,),
                     G.fill_tensor_backward(value.dtype))
    return _fill(self, check_scalar(value, self.dtype), "FillBackward2", (), G.fill_backward)


def zero_(self):
    """Fill with zeros, in place."""
    return _fill(self, 0, "ZeroBackward0", (), G.fill_backward)


def _fill(self, value, grad, others, fn):
    """Write `value` (checked) everywhere, recorded as node `grad` (gradients by `fn`)."""
    bump_version(self)
    _write(self, Ellipsis, value)
    if G.recording(self, others):
        G.record_inplace(self, grad, others, fn)
    return self


def copy_(self, src, non_blocking=False):
    """Copy `src` (broadcast) into this tensor, in place."""
    if not isinstance(src, Tensor):
        raise TypeError(f"copy_(): argument 'other' (position 1) must be Tensor, not "
                        f"{_qualified(src)}")
    a, b = self._a, src._a
    for dim in range(1, min(a.ndim, b.ndim) + 1):
        if b.shape[-dim] not in (1, a.shape[-dim]):
            raise RuntimeError(f"The size of tensor a ({a.shape[-dim]}) must match the size of "
                               f"tensor b ({b.shape[-dim]}) at non-singleton dimension "
                               f"{a.ndim - dim}")
    if b.ndim > a.ndim:
        raise RuntimeError(f"output with shape {list(a.shape)} doesn't match the broadcast "
                           f"shape {list(np.broadcast_shapes(a.shape, b.shape))}")
    if src.dtype.is_complex and not self.dtype.is_complex:
        warn_once(COMPLEX_TO_REAL)
    bump_version(self)
    _write(self, Ellipsis, b)
    if self.dtype._cat >= 2 and G.recording(self, (src,)):
        G.record_inplace(self, "CopyBackwards", (src,), G.copy_backward)
    return self


for _f in (__getitem__, __setitem__, __iter__, fill_, zero_, copy_):
    setattr(Tensor, _f.__name__, _f)
