"""Indexing and in-place writes: `t[i]`, `t[i] = v`, `fill_`, `zero_`, `copy_`.

Basic indexing (ints, slices, None, Ellipsis) gives views sharing storage and version
counter; tensor and list indices copy. Every write bumps the version counter.

>>> import numtorch
>>> t = numtorch.zeros(3); v = t[1:]; v[0] = 5
>>> t, t._version
(tensor([0., 5., 0.]), 1)
"""
import math
import operator
import warnings

import numpy as np

from .._convert import COMPLEX_TO_REAL, check_scalar, fresh, warn_once
from .._tensor import AutogradMeta, Tensor, legacy_type_name, storage, view_of, wrap
from ..autograd import graph
from ..autograd.grad_mode import STATE

__all__ = ["bump_version"]

_BAD_INDEX = ("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
              "are valid indices (got {})")


def _convert_index(idx, ndim):
    """(NumPy index, basic?) for a PyTorch index; basic indices give views."""
    items = idx if type(idx) is tuple else (idx,)
    out, basic = [], True
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
        elif isinstance(i, Tensor):
            if i.dtype._cat > 1:
                raise IndexError("tensors used as indices must be long, int, byte or bool "
                                 "tensors")
            if i.dim() == 0 and i.dtype._cat == 1:
                out.append(int(i))
            else:
                out.append(i._a)
                basic = False
        elif isinstance(i, (bool, np.bool_, list, np.ndarray)):
            out.append(np.asarray(i) if not isinstance(i, (bool, np.bool_)) else bool(i))
            basic = False
        else:
            raise IndexError(_BAD_INDEX.format(type(i).__name__))
    if basic and Ellipsis not in out:
        out.append(Ellipsis)  # NumPy then returns a 0-d view, not a scalar
    return tuple(out), basic


_ZERO_DIM_INDEX = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                   "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")


def _numpy_index(a, np_idx):
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


def _view_node_name(items):
    """The graph node PyTorch records for a basic index (the last op it applies)."""
    name = "AliasBackward0"
    for i in items if type(items) is tuple else (items,):
        if i is None:
            name = "UnsqueezeBackward0"
        elif isinstance(i, slice):
            name = "SliceBackward0"
        elif i is not Ellipsis:
            name = "SelectBackward0"
    return name


def __getitem__(self, idx):
    a = self._a
    np_idx, basic = _convert_index(idx, a.ndim)
    r = _numpy_index(a, np_idx)
    if basic:
        if None in np_idx:
            r = np.lib.stride_tricks.as_strided(r, strides=_unsqueezed_strides(a, np_idx),
                                                writeable=a.flags.writeable)
        out = view_of(self, r)
        name = _view_node_name(idx)
    else:
        out = wrap(fresh(np.array(r)))
        name = "IndexBackward0"
    ag = self._ag
    if ag is not None and ag.requires_grad and STATE.enabled:
        out._ag = AutogradMeta(True, graph.record(name, (self,)))
    return out


def __iter__(self):
    """Iterate over the first dim: views, as PyTorch's `unbind` gives them."""
    a = self._a
    if a.ndim == 0:
        raise TypeError("iteration over a 0-d tensor")
    ag = self._ag
    node = graph.record("UnbindBackward0", (self,)) \
        if ag is not None and ag.requires_grad and STATE.enabled else None
    return (_unbound(self, a[i, ...], node) for i in range(a.shape[0]))


def _unbound(t, a, node):
    out = view_of(t, a)
    if node is not None:
        out._ag = AutogradMeta(True, node)
    return out


def bump_version(t, view=False):
    """Check an in-place write to `t` is allowed, and count it in the version counter."""
    ag = t._ag
    if ag is not None and ag.requires_grad and ag.grad_fn is None and STATE.enabled:
        what = "a view of a leaf Variable" if view else "a leaf Variable"
        raise RuntimeError(f"{what} that requires grad is being used in an in-place "
                           "operation.")
    storage(t).version += 1


def _write(self, np_idx, value):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        self._a[np_idx] = value


def __setitem__(self, idx, value):
    np_idx, basic = _convert_index(idx, self._a.ndim)
    if isinstance(value, Tensor):
        if value.dtype.is_complex and not self.dtype.is_complex:
            warn_once(COMPLEX_TO_REAL)
        target = _numpy_index(self._a, np_idx)
        value = _expandable(value._a, target.shape, value.type())
    elif isinstance(value, (int, float, complex, np.generic)):
        value = check_scalar(value, self.dtype)
    else:
        raise TypeError(f"can't assign a {_qualified(value)} to a "
                        f"{legacy_type_name(self.dtype, self.device)}")
    bump_version(self, view=True)
    try:
        _write(self, np_idx, value)
    except IndexError as exc:
        raise IndexError(_index_message(str(exc), self.dim())) from None


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
        value = value.item()
    value = check_scalar(value, self.dtype)
    bump_version(self)
    _write(self, Ellipsis, value)
    return self


def zero_(self):
    """Fill with zeros, in place."""
    return fill_(self, 0)


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
        b = b.reshape(b.shape[b.ndim - a.ndim:])
    if src.dtype.is_complex and not self.dtype.is_complex:
        warn_once(COMPLEX_TO_REAL)
    bump_version(self)
    _write(self, Ellipsis, b)
    return self


for _f in (__getitem__, __setitem__, __iter__, fill_, zero_, copy_):
    setattr(Tensor, _f.__name__, _f)
