"""Tensor <-> NumPy without copies: `from_numpy`, `Tensor.numpy`, `__array__`, `__array_wrap__`.

>>> import numpy as np, numtorch
>>> a = np.ones(3)
>>> t = numtorch.from_numpy(a)
>>> np.shares_memory(a, t.numpy())
True
"""
import sys
import warnings

import numpy as np

from .. import _dtype as D
from .._device import CPU
from .._tensor import Tensor, wrap
from ..autograd.grad_mode import STATE
from .names import type_name

__all__ = ["from_numpy", "share_checked", "check_ndarray", "NEGATIVE_STRIDES"]

NEGATIVE_STRIDES = (
    "At least one stride in the given numpy array is negative, and tensors with negative "
    "strides are not currently supported. (You can probably work around this by making a "
    "copy of your array  with array.copy().) ")
_BYTE_ORDER = ("given numpy array has byte order different from the native byte order. "
               "Conversion between byte orders is currently not supported.")
_READ_ONLY = (
    "The given NumPy array is not writable, and PyTorch does not support non-writable "
    "tensors. This means writing to this tensor will result in undefined behavior. You may "
    "want to copy the array to protect its data or make it writable before converting it to "
    "a tensor. This type of warning will be suppressed for the rest of this program.")
_warned_read_only = [False]


def share_checked(a):
    """A tensor over ndarray `a` when `a` needs no checks (else None): contiguous, writeable,
    of a native accepted dtype, and no size-1 dims (NumPy leaves their strides free)."""
    if type(a) is np.ndarray and a.flags.num & _FAST_FLAGS == _FAST_FLAGS \
            and a.dtype in _FAST_DTYPES and 1 not in a.shape:
        return wrap(a)
    return None


def from_numpy(*args, **kwargs):
    """A tensor sharing memory with `ndarray` (writes are seen both ways)."""
    if len(args) == 1 and not kwargs:
        a = args[0]
        t = share_checked(a)
        if t is not None:
            return t
    elif kwargs:
        raise TypeError("torch._VariableFunctionsClass.from_numpy() takes no keyword arguments")
    else:
        raise TypeError(f"torch._VariableFunctionsClass.from_numpy() takes exactly one argument "
                        f"({len(args)} given)")
    if not isinstance(a, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type_name(a)})")
    check_ndarray(a, warn_read_only=True)
    return wrap(a.view(np.ndarray))


_FAST_FLAGS = 0x1 | 0x400  # NPY_ARRAY_C_CONTIGUOUS | NPY_ARRAY_WRITEABLE
# uint64 is left out: `ulonglong` compares equal to it, but PyTorch refuses it.
_FAST_DTYPES = frozenset(d.np for d in D.ALL if d.np is not None and d is not D.uint64)


def check_ndarray(a, warn_read_only=False, allow_copy=False):
    """PyTorch's checks on an ndarray to wrap, in PyTorch's order; returns the torch dtype.

    With `allow_copy` (the always-copying constructors) negative strides and non-native
    byte order are accepted: the caller copies.
    """
    if warn_read_only and not a.flags.writeable and not _warned_read_only[0]:
        _warned_read_only[0] = True
        warnings.warn(_READ_ONLY, UserWarning, stacklevel=3)
    npd = a.dtype
    dt = _BY_NUM.get(npd.num) if npd.fields is None else None
    if dt is None:
        raise TypeError(f"can't convert np.ndarray of type numpy.{npd.type.__name__}. The only "
                        f"supported types are: {D.NP_ACCEPTED}.")
    if any(s % a.itemsize for s in a.strides):
        raise ValueError("given numpy array strides not a multiple of the element byte size. "
                         "Copy the numpy array to reallocate the memory.")
    if not allow_copy:
        if any(s < 0 for s in a.strides):
            raise ValueError(NEGATIVE_STRIDES)
        if npd.byteorder == _SWAPPED:
            raise ValueError(_BYTE_ORDER)
    return dt


# By NumPy type number: `longlong` is accepted like int64, `ulonglong` is not.
_BY_NUM = {d.np.num: d for d in D.ALL if d.np is not None}
_BY_NUM[np.dtype(np.longlong).num] = D.int64
_SWAPPED = ">" if sys.byteorder == "little" else "<"


# ---- Tensor methods ------------------------------------------------------------------------
_NO_ARG = object()


def numpy(self, _positional=_NO_ARG, *, force=False):
    """The NumPy array sharing this tensor's memory."""
    if self._ag is None and self._st is None and _positional is _NO_ARG and self._a.size:
        return self._a.view()
    if _positional is not _NO_ARG:
        raise TypeError("numpy() takes 0 positional arguments but 1 was given")
    if not force:
        ag = self._ag
        if ag is not None and ag.requires_grad and STATE.enabled:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use "
                               "tensor.detach().numpy() instead.")
        if self.device is not CPU:
            raise TypeError(f"can't convert {self.device} device type tensor to numpy. "
                            "Use Tensor.cpu() to copy the tensor to host memory first.")
    a = self._a
    if not a.size:  # PyTorch hands NumPy empty arrays with NumPy's own (zero) strides
        return np.lib.stride_tricks.as_strided(a, strides=(0,) * a.ndim)
    return a.view()


def __array__(self, dtype=None, copy=None):
    """NumPy 2's protocol: `np.asarray(t)` shares, `np.array(t)` copies, `copy=False` works."""
    a = numpy(self)
    if dtype is not None and np.dtype(dtype) != a.dtype:
        if copy is False:
            raise ValueError("Unable to avoid copy while creating an array as requested.")
        return a.astype(dtype)
    return a.copy() if copy else a


def __array_wrap__(self, array, context=None, return_scalar=False):
    """Results of NumPy functions on tensors come back as tensors."""
    if array.dtype.num not in _BY_NUM:
        return array
    return from_numpy(array)


for _f in (numpy, __array__, __array_wrap__):
    setattr(Tensor, _f.__name__, _f)
