"""PyTorch's legacy tensor types (`FloatTensor`, ...) and `set_default_tensor_type`.

>>> import numtorch
>>> isinstance(numtorch.ones(2), numtorch.FloatTensor), numtorch.DoubleTensor([1]).dtype
(True, torch.float64)
"""
import importlib
import warnings

from . import _dtype as D
from ._creation import tensor
from ._factories import empty
from ._tensor import Tensor

__all__ = ["LEGACY_TYPES", "set_default_tensor_type"]


class _LegacyType(type):
    """Metaclass: `isinstance(t, FloatTensor)` checks the dtype of a CPU tensor."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype and obj.is_cpu

    def __call__(cls, *args):
        if all(isinstance(a, int) for a in args):
            return empty(args, dtype=cls.dtype)
        if len(args) == 1 and not isinstance(args[0], (Tensor, float, int, complex)):
            return tensor(args[0], dtype=cls.dtype)
        raise TypeError(f"new(): data must be a sequence (got {type(args[0]).__name__})")

    def __repr__(cls):
        return f"<class 'torch.{cls.__name__}'>"


def _legacy(dtype):
    return _LegacyType(dtype._legacy, (), {"dtype": dtype, "__module__": "numtorch"})


LEGACY_TYPES = {d._legacy: _legacy(d) for d in D.ALL if d.np is not None}
_warned = [False]


def set_default_tensor_type(t):
    """Deprecated: set the default dtype through a legacy type or its name."""
    if not _warned[0]:
        _warned[0] = True
        warnings.warn("torch.set_default_tensor_type() is deprecated as of PyTorch 2.1, please "
                      "use torch.set_default_dtype() and torch.set_default_device() as "
                      "alternatives.", UserWarning, stacklevel=2)
    if isinstance(t, str):
        module, _, name = t.rpartition(".")
        importlib.import_module(module if module != "torch" else "numtorch")
        t = LEGACY_TYPES.get(name)
        if t is None:
            raise TypeError(f"invalid type: '{name}'")
    if not isinstance(t, _LegacyType):
        raise TypeError("invalid type object: only floating-point types are supported as the "
                        "default type")
    if not t.dtype.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    D.set_default_dtype(t.dtype)
