"""PyTorch's legacy constructors (`torch.Tensor(...)`, `FloatTensor(...)`, `Tensor.new(...)`)
and `set_default_tensor_type`.

>>> import numtorch
>>> isinstance(numtorch.ones(2), numtorch.FloatTensor), numtorch.DoubleTensor([1]).dtype
(True, torch.float64)
>>> numtorch.Tensor(2, 3).shape, numtorch.Tensor([1, 2])
(torch.Size([2, 3]), tensor([1., 2.]))
"""
import importlib

import numpy as np

from . import _dtype as D
from ._argparse import arg_dims, arg_index, arg_int_list, arg_ints, invalid_args
from ._convert import warn_once
from ._creation import as_tensor
from ._device import device as _device
from ._factories import empty
from ._interop.names import type_name
from ._tensor import Size, Tensor, view_of

__all__ = ["LEGACY_TYPES", "set_default_tensor_type", "legacy_new"]


def _options(dtype):
    return (f"TensorOptions(dtype={D.CXX_NAME[dtype]}, device=cpu, layout=Strided, "
            "requires_grad=false (default), pinned_memory=false (default), "
            "memory_format=(nullopt))")


def _alias(t):
    """A view of all of `t` (its gradient flows back through `AliasBackward0`)."""
    from ._ops.registry import record  # the op layer sits above the constructors
    return record(view_of(t, t._a), "AliasBackward0", (t,), lambda g: g)


def legacy_new(dtype, args, kwargs, checked=True):
    """PyTorch's legacy constructor for `dtype`: `new()` (empty), `new(*sizes)` or
    `new(size=...)` (uninitialised), `new(data)` (shares ndarrays of `dtype`), `new(tensor)`
    (an alias, of the same dtype when `checked`)."""
    dev = kwargs.get("device")
    if set(kwargs) - {"device", "size", "data"} or len(kwargs) > 1 + ("device" in kwargs) \
            or args and set(kwargs) - {"device"}:
        raise invalid_args("new", args, kwargs)
    if dev is not None and _device(dev).type != "cpu":
        raise RuntimeError("legacy constructor expects device type: cpu but device type: "
                           f"{_device(dev).type} was passed")
    if "size" in kwargs:
        return empty(arg_dims("new", arg_int_list("new", "size", kwargs["size"])), dtype=dtype)
    if "data" in kwargs:
        args = (kwargs["data"],)
    if not args:
        return empty(0, dtype=dtype)
    first = args[0]
    if isinstance(first, Tensor) and len(args) == 1:
        if checked and first.dtype is not dtype:
            raise TypeError(f"expected {_options(dtype)} (got {_options(first.dtype)})")
        return _alias(first)
    if isinstance(first, Size) and len(args) == 1:
        return empty(arg_dims("new", first), dtype=dtype)
    if arg_index(first) is not None and not isinstance(first, Tensor):
        return empty(arg_dims("new", arg_ints("new", "size", args)), dtype=dtype)
    if len(args) > 1:
        raise invalid_args("new", args, kwargs)
    if isinstance(first, (str, bytes)):
        raise TypeError(f"new(): invalid data type '{type_name(first)}'")
    if not (hasattr(type(first), "__getitem__") and hasattr(type(first), "__len__")) \
            or isinstance(first, (dict, np.generic)):  # Python's sequence check
        raise TypeError(f"new(): data must be a sequence (got {type_name(first)})")
    return as_tensor(first, dtype=dtype)


class _LegacyType(type):
    """Metaclass: `isinstance(t, FloatTensor)` checks the dtype of a CPU tensor."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype and obj.is_cpu

    def __call__(cls, *args, **kwargs):
        return legacy_new(cls.dtype, args, kwargs)

    def __repr__(cls):
        return f"<class 'torch.{cls.__name__}'>"


def _legacy(dtype):
    return _LegacyType(dtype._legacy, (), {"dtype": dtype, "__module__": "numtorch"})


LEGACY_TYPES = {d._legacy: _legacy(d) for d in D.ALL if d.np is not None}
_DEPRECATED = ("torch.set_default_tensor_type() is deprecated as of PyTorch 2.1, please use "
               "torch.set_default_dtype() and torch.set_default_device() as alternatives.")


def _import_dotted_name(name):
    """The object `name` ('torch.DoubleTensor', 'pkg.mod.attr') names, as PyTorch finds it."""
    first, *rest = name.split(".")
    obj = importlib.import_module("numtorch" if first == "torch" else first)
    for part in rest:
        try:
            obj = getattr(obj, part)
        except AttributeError as e:
            raise AttributeError(str(e).replace("'numtorch", "'torch", 1)) from None
    return obj


def set_default_tensor_type(t):
    """Deprecated: set the default dtype through a legacy type or its name."""
    if isinstance(t, str):
        t = _import_dotted_name(t)
    warn_once(_DEPRECATED, stacklevel=2)
    if not isinstance(t, _LegacyType):
        raise TypeError("invalid type object: only floating-point types are supported as the "
                        "default type")
    if not t.dtype.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    D.set_default_dtype(t.dtype)
