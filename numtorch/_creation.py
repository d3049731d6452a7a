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
from ._convert import cast, warn_once
from ._tensor import Tensor, wrap
from ._interop.dlpack import from_dlpack
from ._device import CPU, get_default_device
from ._interop.numpy_bridge import check_ndarray, from_numpy, share_checked
from ._device import device as _device_type
from ._interop.names import type_name
from ._interop.sequence import from_data

__all__ = ["tensor", "tensor_from", "as_tensor", "asarray", "frombuffer", "parse_dtype", "finish",
           "NO_PINNED"]

_COPY_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() "
    "or sourceTensor.detach().clone().requires_grad_(True), rather than "
    "{}(sourceTensor).")
_ASARRAY_WARNING = (
    "torch.asarray: unspecified requires_grad now defaults to obj.requires_grad instead of "
    "False. Pass requires_grad=False explicitly to get the old behavior and silence this "
    "warning.")
_READ_ONLY_BUFFER = (
    "The given buffer is not writable, and PyTorch does not support non-writable tensors. "
    "This means you can write to the underlying (supposedly non-writable) buffer using the "
    "tensor. You may want to copy the buffer to protect its data or make it writable before "
    "converting it to a tensor. This type of warning will be suppressed for the rest of this "
    "program.")
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


def parse_device(dev, fn):
    """Validate a `device=` argument and resolve it (the default device for None)."""
    if dev is not None and not isinstance(dev, (str, int, _device_type)):
        raise TypeError(f"{fn}(): argument 'device' must be torch.device, not {type_name(dev)}")
    return resolve_device(dev)


def _check_bool(value, name, fn):
    if not isinstance(value, bool):
        raise TypeError(f"{fn}(): argument '{name}' must be bool, not {type_name(value)}")


def _check_not_str(data, kinds=(str, bytes)):
    if isinstance(data, kinds):
        raise TypeError(f"new(): invalid data type '{type_name(data)}'")


def finish(t, requires_grad):
    """Apply a factory's `requires_grad=` to its result `t`."""
    if requires_grad:
        if t.dtype._cat < 2:
            raise RuntimeError("Only Tensors of floating point and complex dtype can require "
                               "gradients")
        t.requires_grad_()
    return t


def _copy_ndarray(a, dtype):
    """A copy of ndarray `a` in `dtype`, laid out as PyTorch copies (negative strides and
    non-native byte order are accepted)."""
    natural = check_ndarray(a, allow_copy=True)
    return cast(a.view(np.ndarray), dtype or natural)


def _one_arg(fn, name, args, kwargs):
    """PyTorch's parsing of one required argument that may also be given by keyword."""
    if kwargs:
        extra = [k for k in kwargs if k != name]
        if extra:
            raise TypeError(f"{fn}() got an unexpected keyword argument '{extra[0]}'")
        if args:
            raise TypeError(f"{fn}() got multiple values for argument '{name}'")
        return kwargs[name]
    if not args:
        raise TypeError(f'{fn}() missing 1 required positional arguments: "{name}"')
    raise TypeError(f"{fn}() takes 1 positional argument but {len(args)} were given")


def tensor(*args, dtype=None, device=None, requires_grad=False, pin_memory=False, **kw):
    """A new tensor holding a copy of `data`, with PyTorch's dtype inference.

    >>> tensor([1, 2.5]).dtype, tensor(3).dtype, tensor([]).shape
    (torch.float32, torch.int64, torch.Size([0]))
    """
    data = args[0] if len(args) == 1 and not kw else _one_arg("tensor", "data", args, kw)
    if type(data) is float and -3.4e38 < data < 3.4e38 and dtype is None and device is None \
            and not requires_grad and not pin_memory and D.get_default_dtype() is D.float32:
        return wrap(np.array(data, dtype=np.float32))
    return tensor_from(data, dtype, device, requires_grad, pin_memory)


def tensor_from(data, dtype, device, requires_grad, pin_memory, fn="tensor",
                spelling="torch.tensor"):
    """`tensor(data, ...)` once its arguments are parsed (`new_tensor` is another `fn`,
    spelt `spelling` in its copy warning)."""
    _check_bool(requires_grad, "requires_grad", fn)
    dtype = parse_dtype(dtype, fn)
    parse_device(device, fn)
    _check_not_str(data)
    if isinstance(data, Tensor):
        warnings.warn(_COPY_WARNING.format(spelling), UserWarning, stacklevel=3)
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


def as_tensor(data, *, dtype=None, device=None):
    """`data` as a tensor, sharing memory with tensors and ndarrays when dtype and device
    allow; other data is copied as by `tensor`.
    """
    if dtype is None and device is None and get_default_device() is CPU:
        t = share_checked(data)
        if t is not None:
            return t
    dtype = parse_dtype(dtype, "as_tensor")
    parse_device(device, "as_tensor")
    _check_not_str(data)
    if isinstance(data, Tensor):
        return data if dtype is None or dtype is data.dtype else data.to(dtype)
    if isinstance(data, np.ndarray):
        return _share_ndarray(data, dtype)
    return tensor(data, dtype=dtype)


def _share_ndarray(a, dtype, copy=None):
    """A tensor over ndarray `a`: shared when possible (copies otherwise, or with copy=True)."""
    natural = check_ndarray(a, warn_read_only=not copy, allow_copy=copy is not False)
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
    parse_device(device, "asarray")
    if copy is not None:
        _check_bool(copy, "copy", "asarray")
    _check_not_str(obj, str)
    if isinstance(obj, Tensor):
        return _asarray_tensor(obj, dtype, copy, requires_grad)
    if isinstance(obj, np.ndarray):
        if obj.ndim == 0:  # PyTorch copies 0-d arrays, even with copy=False
            copy = True
        t = _share_ndarray(obj, dtype, copy)
    elif isinstance(obj, np.generic) and not isinstance(obj, (str, bytes)):
        if copy is False:
            raise RuntimeError("can't alias NumPy scalars. Either remove copy=False or "
                               "transform it in a ndarray. ")
        t = wrap(_copy_ndarray(np.asarray(obj), dtype))
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
        requires_grad = t.requires_grad
        if requires_grad:
            warn_once(_ASARRAY_WARNING, stacklevel=3)
    elif requires_grad and t.dtype._cat < 2:
        finish(t, True)
    if dtype is not None and dtype is not t.dtype:
        if copy is False:
            raise ValueError(f"can't alias tensor with dtype '{D.SCALAR_NAME[t.dtype]}' into "
                             f"dtype '{D.SCALAR_NAME[dtype]}'.")
        t = t.to(dtype)
    elif copy:
        t = t.clone()
    if not requires_grad and not t.is_leaf:
        return t.detach()
    if t.is_leaf:
        return finish(t, True) if requires_grad else t.requires_grad_(False)
    return t


def _is_buffer(obj):
    try:
        memoryview(obj)
    except TypeError:
        return False
    return True


def frombuffer(*args, dtype=None, count=-1, offset=0, requires_grad=False):
    """A 1-D tensor over the raw bytes of a buffer-protocol object (shared, not copied)."""
    if len(args) > 1:
        raise TypeError(f"frombuffer() takes from 2 to 1 positional arguments but {len(args)} "
                        "were given")
    if dtype is None:
        missing = '"buffer", "dtype"' if not args else '"dtype"'
        raise TypeError(f"frombuffer() missing {2 - len(args)} required positional "
                        f"argument{'s' if args else ''}: {missing}")
    buffer = args[0]
    try:
        view = memoryview(buffer)
    except TypeError:
        raise ValueError("object does not implement Python buffer protocol.") from None
    if not view.c_contiguous:
        raise RuntimeError("could not retrieve buffer from object")
    if view.readonly:
        warn_once(_READ_ONLY_BUFFER)
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
    return finish(wrap(a), requires_grad)
