"""PyTorch's legacy tensor types (`FloatTensor`, ...) and `set_default_tensor_type`.

>>> import numtorch
>>> isinstance(numtorch.ones(2), numtorch.FloatTensor), numtorch.DoubleTensor([1]).dtype
(True, torch.float64)
"""
import importlib

from . import _dtype as D
from ._convert import warn_once
from ._creation import tensor
from ._device import device as _device
from ._argparse import invalid_args
from ._factories import empty
from ._tensor import Tensor

__all__ = ["LEGACY_TYPES", "set_default_tensor_type"]


class _LegacyType(type):
    """Metaclass: `isinstance(t, FloatTensor)` checks the dtype of a CPU tensor."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype and obj.is_cpu

    def __call__(cls, *args, device=None, **kwargs):
        if kwargs:
            raise invalid_args("new", args, kwargs)
        if device is not None and _device(device).type != "cpu":
            raise RuntimeError("legacy constructor expects device type: cpu but device type: "
                               f"{_device(device).type} was passed")
        if all(isinstance(a, int) for a in args):
            return empty(args or (0,), dtype=cls.dtype)
        if len(args) == 1 and not isinstance(args[0], (Tensor, float, int, complex)):
            return tensor(args[0], dtype=cls.dtype)
        raise TypeError(f"new(): data must be a sequence (got {type(args[0]).__name__})")

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
