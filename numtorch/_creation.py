"""Tensors from data: `tensor` (always copies), `as_tensor` / `asarray` (share when they can),
`frombuffer`.

>>> import numpy as np, numtorch
>>> a = np.ones(2)
>>> np.shares_memory(a, numtorch.as_tensor(a).numpy()), np.shares_memory(a, numtorch.tensor(a).numpy())
(True, False)
"""
import warnings

import numpy as np

from . import _dtype as D
from ._backend import resolve_device
from ._convert import cast, fresh, preserve_copy
from ._tensor import Storage, Tensor, wrap
from ._interop.dlpack import from_dlpack
from ._interop.numpy_bridge import check_ndarray, from_numpy
from ._interop.sequence import from_data, type_name

__all__ = ["tensor", "as_tensor", "asarray", "frombuffer", "parse_dtype", "finish",
           "NO_PINNED"]

_COPY_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() "
    "or sourceTensor.detach().clone().requires_grad_(True), rather than "
    "torch.tensor(sourceTensor).")
_ASARRAY_WARNING = (
    "torch.asarray: unspecified requires_grad now defaults to obj.requires_grad instead of "
    "False. Pass requires_grad=False explicitly to get the old behavior and silence this "
    "warning.")
_warned_asarray = [False]
NO_PINNED = ("pin_memory=True requires a CUDA or other accelerator backend; no pinned memory "
              "allocator is available on this system.")


def parse_dtype(dtype, fn):
    """Validate a `dtype=` argument: a numtorch dtype or Python's float/int/bool/complex."""
    if dtype is None or isinstance(dtype, D.dtype):
        return dtype
    found = D.FROM_PYTHON_TYPE.get(dtype)
    if found is None:
        raise TypeError(f"{fn}(): argument 'dtype' must be torch.dtype, not "
                        f"{type_name(dtype)}")
    return found


def finish(t, requires_grad):
    """Apply a factory's `requires_grad=` to its result `t`."""
    if requires_grad:
        if t.dtype._cat < 2:
            raise RuntimeError("Only Tensors of floating point and complex dtype can require "
                               "gradients")
        t.requires_grad_()
    return t


def _copy_ndarray(a, dtype):
    """A copy of ndarray `a` in `dtype` (layout kept; negative strides, byte order fixed)."""
    natural = check_ndarray(a, allow_copy=True)
    a = a.view(np.ndarray) if type(a) is not np.ndarray else a
    if a.dtype.byteorder not in "=|":
        a = a.astype(a.dtype.newbyteorder("="))
    if dtype is None or dtype is natural:
        return a.copy(order="K")
    return cast(a, dtype)


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor holding a copy of `data`, with PyTorch's dtype inference.

    >>> tensor([1, 2.5]).dtype, tensor(3).dtype, tensor([]).shape
    (torch.float32, torch.int64, torch.Size([0]))
    """
    if type(data) is float and dtype is None and device is None and not requires_grad \
            and not pin_memory:
        return wrap(np.array(data, dtype=D.get_default_dtype().np))
    if not isinstance(requires_grad, bool):
        raise TypeError(f"tensor(): argument 'requires_grad' must be bool, not "
                        f"{type_name(requires_grad)}")
    dtype = parse_dtype(dtype, "tensor")
    resolve_device(device)
    if isinstance(data, Tensor):
        warnings.warn(_COPY_WARNING, UserWarning, stacklevel=2)
        if pin_memory:
            raise RuntimeError("Can't pin tensor constructed from a variable")
        t = data.detach().to(dtype=dtype, copy=True)
    elif isinstance(data, np.ndarray):
        if pin_memory:
            raise RuntimeError("Can't pin tensor constructed from numpy")
        t = wrap(_copy_ndarray(data, dtype))
    elif hasattr(data, "__dlpack__") and not isinstance(data, (str, bytes, np.generic)):
        src = from_dlpack(data)
        t = wrap(src._a.copy(order="K") if dtype is None else cast(src._a, dtype))
    else:
        if pin_memory:
            raise RuntimeError(NO_PINNED)
        t = wrap(from_data(data, dtype))
    return finish(t, requires_grad)


def as_tensor(data, dtype=None, device=None):
    """`data` as a tensor, sharing memory with tensors and ndarrays when dtype and device
    allow; other data is copied as by `tensor`.
    """
    dtype = parse_dtype(dtype, "as_tensor")
    resolve_device(device)
    if isinstance(data, Tensor):
        return data if dtype is None or dtype is data.dtype else data.to(dtype)
    if isinstance(data, np.ndarray):
        return _share_ndarray(data, dtype)
    return tensor(data, dtype=dtype)


def _share_ndarray(a, dtype, copy=None):
    """A tensor over ndarray `a`: shared when possible (copies otherwise, or with copy=True)."""
    natural = check_ndarray(a, warn_read_only=not copy, allow_copy=True)
    if copy is False and dtype is not None and dtype is not natural:
        raise ValueError(f"can't alias tensor with dtype '{D.SCALAR_NAME[natural]}' into "
                         f"dtype '{D.SCALAR_NAME[dtype]}'.")
    shareable = (all(s >= 0 for s in a.strides) and a.dtype.isnative
                 and (dtype is None or dtype is natural))
    if copy or not shareable:
        return wrap(_copy_ndarray(a, dtype))
    return from_numpy(a)


def asarray(obj, *, dtype=None, device=None, copy=None, requires_grad=None):
    """`obj` as a tensor; shares memory unless `copy=True` or sharing is impossible
    (`copy=False` then raises).
    """
    dtype = parse_dtype(dtype, "asarray")
    resolve_device(device)
    if isinstance(obj, Tensor):
        return _asarray_tensor(obj, dtype, copy, requires_grad)
    if isinstance(obj, np.ndarray):
        if obj.ndim == 0:  # PyTorch copies 0-d arrays, even with copy=False
            copy = True
        t = _share_ndarray(obj, dtype, copy)
    elif isinstance(obj, np.generic) and not isinstance(obj, (str, bytes)):
        if copy is False:
            raise RuntimeError("can't alias NumPy scalars. Either remove copy=False or "
                               "transform it in a ndarray.")
        t = tensor(obj, dtype=dtype)
    elif hasattr(obj, "__dlpack__") or type(obj).__name__ == "PyCapsule":
        t = from_dlpack(obj)
        if copy or dtype is not None and dtype is not t.dtype:
            t = t.to(dtype=dtype, copy=True)
    elif isinstance(obj, (bytes, bytearray, memoryview)) or _is_buffer(obj):
        t = frombuffer(obj, dtype=dtype or D.get_default_dtype())
        if copy:
            t = t.clone()
    else:
        if copy is False:
            raise ValueError("can't alias arbitrary sequence into a tensor.")
        t = tensor(obj, dtype=dtype)
    return finish(t, bool(requires_grad))


def _asarray_tensor(t, dtype, copy, requires_grad):
    if requires_grad is None:
        if not _warned_asarray[0]:
            _warned_asarray[0] = True
            warnings.warn(_ASARRAY_WARNING, UserWarning, stacklevel=3)
        requires_grad = t.requires_grad
    if dtype is not None and dtype is not t.dtype:
        if copy is False:
            raise ValueError(f"can't alias tensor with dtype '{D.SCALAR_NAME[t.dtype]}' into "
                             f"dtype '{D.SCALAR_NAME[dtype]}'.")
        t = t.to(dtype)
    elif copy:
        t = t.clone()
    if not requires_grad and not t.is_leaf:
        return t.detach()
    return t.requires_grad_(requires_grad) if t.is_leaf else t


def _is_buffer(obj):
    try:
        memoryview(obj)
    except TypeError:
        return False
    return True


def frombuffer(buffer, *, dtype, count=-1, offset=0, requires_grad=False):
    """A 1-D tensor over the raw bytes of a buffer-protocol object (shared, not copied)."""
    try:
        view = memoryview(buffer)
    except TypeError:
        raise ValueError("object does not implement Python buffer protocol.") from None
    if not view.c_contiguous:
        raise RuntimeError("could not retrieve buffer from object")
    nbytes, item = view.nbytes, dtype.itemsize
    if nbytes == 0 or count == 0:
        raise ValueError(f"both buffer length ({nbytes}) and count ({count}) must not be 0")
    if not 0 <= offset < nbytes:
        raise ValueError(f"offset ({offset} bytes) must be non-negative and no greater than "
                         f"buffer length ({nbytes} bytes) minus 1")
    if count < 0:
        if (nbytes - offset) % item:
            raise ValueError(f"buffer length ({nbytes - offset} bytes) after offset ({offset} "
                             f"bytes) must be a multiple of element size ({item})")
        count = (nbytes - offset) // item
    elif offset + count * item > nbytes:
        raise ValueError(f"requested buffer length ({count} * {item} bytes) after offset "
                         f"({offset} bytes) must not be greater than actual buffer length "
                         f"({nbytes} bytes)")
    a = np.frombuffer(view.cast("B"), dtype=dtype.np, count=count, offset=offset)
    return finish(wrap(a, Storage(a, False)), requires_grad)
