"""Making tensors from tensors, and converting them: the legacy `torch.Tensor(...)` and
`Tensor.new(...)`, the `new_*` methods, `to`/`type`/`type_as`, `clone`/`contiguous` with memory
formats, pickling and deep copies, `empty_strided`, `scalar_tensor`, `range`, and a few
predicates (`is_nonzero`, `typename`, `is_same_size`, `in`).

>>> import numtorch as torch
>>> t = torch.tensor([1, 2], dtype=torch.int32)
>>> t.new_zeros(2).dtype, torch.Tensor(2, 3).shape, t.to(float).dtype, 2 in t
(torch.int32, torch.Size([2, 3]), torch.float64, True)
"""
import math
import numbers
import warnings

import numpy as np

from . import _dtype as D
from ._argparse import (REQUIRED, arg_dims, arg_int_list, arg_number, arg_place, arg_type_name,
                        invalid_args, missing_args)
from ._backend import check_device
from ._convert import cast
from ._creation import finish, parse_dtype, tensor_from
from ._device import device
from ._factories import (_fma, arg_layout, arg_out, channels_last_3d, filled, filled_with,
                         into, laid_out, layout, strided)
from ._interop.pickling import deepcopy_tensor, reduce_storage, reduce_tensor
from ._interop.sequence import storage_np
from ._legacy import legacy_new
from ._tensor import (Storage, Tensor, channels_last, contiguous_format, legacy_type_name,
                      preserve_format, wrap)
from ._tensor import memory_format as MemoryFormat

__all__ = ["layout", "strided", "channels_last_3d", "empty_strided", "scalar_tensor", "range",
           "is_nonzero", "typename"]


# ---- the legacy constructors ---------------------------------------------------------------
def _tensor_new(cls, *args, **kwargs):
    """`torch.Tensor(...)`: the legacy constructor for the default dtype (tensors alias)."""
    return legacy_new(D.get_default_dtype(), args, kwargs, checked=False)


def _new(self, *args, **kwargs):
    """`t.new(...)`: the legacy constructor for `t`'s dtype."""
    return legacy_new(self.dtype, args, kwargs)


# ---- new_* and type_as ---------------------------------------------------------------------
def _maker(name, make):
    def new(self, *args, size=None, dtype=None, layout=None, device=None, pin_memory=False,
            requires_grad=False):
        return filled(name, make, args, size, self.dtype if dtype is None else dtype, device,
                      pin_memory, requires_grad, layout=layout)
    new.__name__ = new.__qualname__ = name
    new.__doc__ = f"`{name[4:]}` with this tensor's dtype unless `dtype` is given."
    return new


def _new_full(self, size=REQUIRED, fill_value=REQUIRED, *, dtype=None, layout=None, device=None,
              pin_memory=False, requires_grad=False):
    """`full` with this tensor's dtype unless `dtype` is given."""
    return filled_with("new_full", size, fill_value, None, dtype, self.dtype, layout, device,
                       pin_memory, requires_grad)


def _new_tensor(self, data, *, dtype=None, layout=None, device=None, pin_memory=False,
                requires_grad=False):
    """`tensor(data)` with this tensor's dtype unless `dtype` is given."""
    arg_layout("new_tensor", layout)
    return tensor_from(data, self.dtype if dtype is None else dtype, device, requires_grad,
                       pin_memory, "new_tensor", "tensor.new_tensor")


def _new_empty_strided(self, size=REQUIRED, stride=REQUIRED, *, dtype=None, layout=None,
                       device=None, pin_memory=False, requires_grad=False):
    """`empty_strided` with this tensor's dtype unless `dtype` is given."""
    return _strided("new_empty_strided", size, stride, self.dtype if dtype is None else dtype,
                    layout, device, pin_memory, requires_grad)


def _type_as(self, other=REQUIRED):
    """This tensor converted to `other`'s dtype."""
    if not isinstance(other, Tensor):
        if other is REQUIRED:
            raise missing_args("type_as", ["other"])
        raise TypeError(f"type_as(): argument 'other' (position 1) must be Tensor, not "
                        f"{arg_type_name(other)}")
    return self.to(other.dtype)


# ---- factories -----------------------------------------------------------------------------
def empty_strided(size=REQUIRED, stride=REQUIRED, *, dtype=None, layout=None, device=None,
                  pin_memory=False, requires_grad=False):
    """An uninitialised tensor with the given strides (its storage just spans them)."""
    return _strided("empty_strided", size, stride, dtype, layout, device, pin_memory,
                    requires_grad)


def _strided(fn, size, stride, dtype, layout, device, pin_memory, requires_grad):
    if size is REQUIRED or stride is REQUIRED:
        raise missing_args(fn, ["size", "stride"][size is not REQUIRED:])
    shape = arg_int_list(fn, "size", size, 1)
    strides = arg_int_list(fn, "stride", stride, 2)
    dtype = parse_dtype(dtype, fn) or D.get_default_dtype()
    arg_layout(fn, layout)
    arg_place(fn, device, pin_memory)
    if len(shape) != len(strides):
        raise RuntimeError(f"dimensionality of sizes ({len(shape)}) must match dimensionality "
                           f"of strides ({len(strides)})")
    arg_dims(fn, shape)
    if any(s < 0 for s in strides):
        raise RuntimeError(f"Storage size calculation overflowed with sizes={list(shape)} and "
                           f"strides={list(strides)}")
    np_dtype = storage_np(dtype)
    n = 0 if 0 in shape else 1 + sum((k - 1) * s for k, s in zip(shape, strides))
    a = np.lib.stride_tricks.as_strided(np.empty(n, np_dtype), shape,
                                        tuple(s * np_dtype.itemsize for s in strides))
    return finish(wrap(a), requires_grad)


def scalar_tensor(s=REQUIRED, *, dtype=None, layout=None, device=None, pin_memory=False,
                  requires_grad=False):
    """A 0-d tensor holding number `s` (the default dtype unless `dtype` is given)."""
    if s is REQUIRED:
        raise missing_args("scalar_tensor", ["s"])
    if arg_number(s) is None:
        raise TypeError(f"scalar_tensor(): argument 's' (position 1) must be Number, not "
                        f"{arg_type_name(s)}")
    return filled_with("scalar_tensor", (), s, None, dtype, D.get_default_dtype(), layout,
                       device, pin_memory, requires_grad)


_RANGE_DEPRECATED = (
    "torch.range is deprecated and will be removed in a future release because its behavior "
    "is inconsistent with Python's range builtin. Instead, use torch.arange, which produces "
    "values in [start, end).")


def range(start=REQUIRED, end=REQUIRED, step=1, *, out=None, dtype=None, layout=None,  # noqa: A001
          device=None, pin_memory=False, requires_grad=False):
    """Deprecated: values from `start` to `end` inclusive by `step` (default dtype)."""
    if end is REQUIRED:
        raise missing_args("range", ["end"]) if start is not REQUIRED else invalid_args("range", ())
    bounds = [arg_number(v) for v in (start, end, step)]
    if None in bounds:
        raise invalid_args("range", (start, end, step))
    warnings.warn(_RANGE_DEPRECATED, UserWarning, stacklevel=2)
    dtype = arg_out("range", out, parse_dtype(dtype, "range")) or D.get_default_dtype()
    arg_layout("range", layout)
    arg_place("range", device, pin_memory)
    if dtype._cat == 1:
        s, e, st = (int(v.real) for v in bounds)
        size = None if not st else (e - s) // st if (e - s) * st >= 0 else -1
    else:
        s, e, st = (float(v.real) for v in bounds)
        size = None if not st else (e - s) / st
    if size is None:
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(s) and math.isfinite(e)):
        raise RuntimeError(f"unsupported range: {s:g} -> {e:g}")
    if size < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    k = np.arange(int(size) + 1)
    a = s + st * k if dtype._cat == 1 else _fma(st, k, s)
    return into(out, cast(a, dtype), requires_grad)


def is_nonzero(input=REQUIRED):
    """The truth of a one-element tensor."""
    if not isinstance(input, Tensor):
        if input is REQUIRED:
            raise missing_args("is_nonzero", ["input"])
        raise TypeError(f"is_nonzero(): argument 'input' (position 1) must be Tensor, not "
                        f"{arg_type_name(input)}")
    return bool(input)


def typename(obj):
    """A tensor's legacy type name (`torch.FloatTensor`), else the object's qualified name."""
    if isinstance(obj, Tensor):
        return obj.type()
    module = getattr(obj, "__module__", "") or ""
    qualname = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    if qualname is None:
        module, qualname = type(obj).__module__ or "", type(obj).__qualname__
    return qualname if module in ("", "builtins") else f"{module}.{qualname}"


def _is_same_size(self, other=REQUIRED):
    """Whether `other` has this tensor's shape."""
    if not isinstance(other, Tensor):
        raise TypeError(f"is_same_size(): argument 'other' (position 1) must be Tensor, not "
                        f"{arg_type_name(other)}")
    return self.shape == other.shape


def _contains(self, element):
    if not isinstance(element, (Tensor, numbers.Number)):
        raise RuntimeError(f"Tensor.__contains__ only supports Tensor or scalar, but you passed "
                           f"in a {type(element)}.")
    return bool((element == self).any().item())


def _reversed(self):
    return self if self.ndim == 0 else self.flip(0)


# ---- memory formats: clone, contiguous, is_contiguous ---------------------------------------
_ORDER = {channels_last: (1, 3, 2, 0), channels_last_3d: (1, 4, 3, 2, 0)}  # innermost first


def _check_format(fn, memory_format):
    if not isinstance(memory_format, MemoryFormat):
        raise TypeError(f"{fn}(): argument 'memory_format' must be torch.memory_format, not "
                        f"{arg_type_name(memory_format)}")


def _is_contiguous(self, *args, memory_format=contiguous_format):
    if args:
        raise TypeError(f"is_contiguous() takes 0 positional arguments but {len(args)} "
                        f"{'was' if len(args) == 1 else 'were'} given")
    _check_format("is_contiguous", memory_format)
    a = self._a
    order = _ORDER.get(memory_format)
    if order is None:
        return a.flags.c_contiguous
    if a.ndim != len(order):
        return False
    expected = 1
    for d in order:  # PyTorch's compute_channels_last_contiguous_{2,3}d
        if a.shape[d] != 1:
            if a.strides[d] != expected * a.itemsize:
                return False
            expected *= a.shape[d]
    return True


def _clone(self, *, memory_format=preserve_format):
    """A copy with new storage, laid out in `memory_format` (preserve: as PyTorch keeps
    this tensor's strides)."""
    out = laid_out("clone", self.shape, self.dtype, memory_format, self._a)
    np.copyto(out, self._a)
    return self._record("CloneBackward0", wrap(out))


def _contiguous(self, memory_format=contiguous_format):
    _check_format("contiguous", memory_format)
    if memory_format is preserve_format:
        if self._a.flags.c_contiguous:
            return self
        raise RuntimeError("preserve memory format is unsupported by the contiguous operator")
    if _is_contiguous(self, memory_format=memory_format):
        return self
    return _clone(self, memory_format=memory_format)


# ---- to / type / float / ... -----------------------------------------------------------------
_TO_KEYWORDS = {"non_blocking", "copy", "memory_format"}


def _dtype_like(x):
    """`x` as a dtype (Python's float/int/bool/complex name one), else None."""
    return x if isinstance(x, D.dtype) else D.FROM_PYTHON_TYPE.get(x) if isinstance(x, type) \
        else None


def _parse_to(args, kwargs):
    """`to`'s three signatures, `(dtype, ...)`, `(device=None, dtype=None, ...)`,
    `(other, ...)`, each then taking `non_blocking`, `copy` and `memory_format=`:
    (device or None, dtype or None, copy, memory format)."""
    pos, kw = list(args), dict(kwargs)
    if set(kw) - _TO_KEYWORDS - {"device", "dtype"}:
        raise invalid_args("to", args, kwargs)
    dev = dtype = None
    if pos and isinstance(pos[0], Tensor) or pos and _dtype_like(pos[0]) is not None:
        if set(kw) - _TO_KEYWORDS:
            raise invalid_args("to", args, kwargs)
        first = pos.pop(0)
        dev, dtype = (first.device, first.dtype) if isinstance(first, Tensor) else \
            (None, _dtype_like(first))
    else:
        for name in ("device", "dtype"):
            if pos and not isinstance(pos[0], bool):
                if name in kw:
                    raise invalid_args("to", args, kwargs)
                kw[name] = pos.pop(0)
        dev, dtype = kw.pop("device", None), kw.pop("dtype", None)
        if dtype is not None:
            dtype = _dtype_like(dtype)
            if dtype is None:
                raise invalid_args("to", args, kwargs)
        if dev is not None and not isinstance(dev, (str, int, device)):
            raise invalid_args("to", args, kwargs)
    flags = {"non_blocking": False, "copy": False}
    for name in flags:
        if pos and isinstance(pos[0], bool):
            if name in kw:
                raise invalid_args("to", args, kwargs)
            flags[name] = pos.pop(0)
    flags.update((k, kw[k]) for k in flags if k in kw)
    fmt = kw.get("memory_format")
    if pos or not all(isinstance(v, bool) for v in flags.values()) or \
            fmt is not None and not isinstance(fmt, MemoryFormat):
        raise invalid_args("to", args, kwargs)
    return None if dev is None else device(dev), dtype, flags["copy"], fmt


def _to(self, *args, **kwargs):
    """`to(dtype)`, `to(device, dtype)`, `to(other)`, with `non_blocking`, `copy` and
    `memory_format=`; this tensor itself when nothing would change."""
    if len(args) == 1 and not kwargs and isinstance(args[0], D.dtype):  # the common call
        dev, dtype, copy, fmt = None, args[0], False, None
    else:
        dev, dtype, copy, fmt = _parse_to(args, kwargs)
    if dev is not None:
        check_device(dev)
    dtype = self.dtype if dtype is None else dtype
    if not copy and dtype is self.dtype and (dev is None or dev == self.device) and \
            (fmt is None or fmt is preserve_format or _is_contiguous(self, memory_format=fmt)):
        return self
    out = laid_out("to", self.shape, dtype, fmt, self._a)
    return self._record("ToCopyBackward0", wrap(cast(self._a, dtype, out)))


def _converter(name, dtype):
    def convert(self, *args, memory_format=preserve_format):
        if args:
            raise TypeError(f"{name}() takes 0 positional arguments but {len(args)} "
                            f"{'was' if len(args) == 1 else 'were'} given")
        return _to(self, dtype, memory_format=memory_format)
    convert.__name__ = convert.__qualname__ = name
    convert.__doc__ = f"This tensor as {dtype}."
    return convert


def _cpu(self, memory_format=preserve_format):
    return _to(self, "cpu", memory_format=memory_format)


def _cuda(self, device=None, non_blocking=False, memory_format=preserve_format):
    return _to(self, "cuda" if device is None else device, memory_format=memory_format)


def _pin_memory(self, device=None):
    raise RuntimeError("Cannot access accelerator device when none is available.")


_LEGACY_NAMES = {"torch." + d._legacy: d for d in D.ALL}


def _type(self, dtype=None, non_blocking=False, **kwargs):
    """Without `dtype`, the legacy type name (`torch.FloatTensor`); else this tensor
    converted to `dtype` (a dtype, a legacy type, `torch.Tensor` or a type's name)."""
    if dtype is None:
        return legacy_type_name(self.dtype, self.device)
    if isinstance(dtype, str):
        found = _LEGACY_NAMES.get(dtype.replace("torch.cuda.", "torch.", 1))
        if found is None:
            raise ValueError(f"invalid type: '{dtype}'")
        if dtype.startswith("torch.cuda."):
            return _to(self, "cuda", found, non_blocking)
        dtype = found
    elif dtype is Tensor:
        dtype = D.get_default_dtype()
    elif isinstance(dtype, type) and isinstance(getattr(dtype, "dtype", None), D.dtype):
        dtype = dtype.dtype  # a legacy type such as DoubleTensor
    elif not isinstance(dtype, D.dtype):
        raise ValueError(f"invalid type: '{typename(dtype)}'")
    return self if dtype is self.dtype else _to(self, dtype)


# ---- attach --------------------------------------------------------------------------------
Tensor.__new__ = staticmethod(_tensor_new)
Tensor.__contains__ = _contains
Tensor.__reversed__ = _reversed
Tensor.__reduce_ex__ = reduce_tensor
Tensor.__deepcopy__ = deepcopy_tensor
Storage.__reduce__ = reduce_storage
Tensor.layout = property(lambda self: strided, doc="How the elements are stored: strided.")
for _name, _fn in (("new", _new), ("new_full", _new_full), ("new_tensor", _new_tensor),
                   ("new_empty_strided", _new_empty_strided), ("type_as", _type_as),
                   ("is_same_size", _is_same_size), ("is_contiguous", _is_contiguous),
                   ("clone", _clone), ("contiguous", _contiguous), ("to", _to), ("type", _type),
                   ("cpu", _cpu), ("cuda", _cuda), ("pin_memory", _pin_memory),
                   ("new_zeros", _maker("new_zeros", np.zeros)),
                   ("new_ones", _maker("new_ones", np.ones)),
                   ("new_empty", _maker("new_empty", np.empty))):
    _fn.__name__ = _fn.__qualname__ = _name
    setattr(Tensor, _name, _fn)
Tensor.is_nonzero = is_nonzero
for _name, _dt in (("float", D.float32), ("double", D.float64), ("half", D.float16),
                   ("bfloat16", D.bfloat16), ("long", D.int64), ("int", D.int32),
                   ("short", D.int16), ("char", D.int8), ("byte", D.uint8), ("bool", D.bool),
                   ("chalf", D.complex32), ("cfloat", D.complex64), ("cdouble", D.complex128)):
    setattr(Tensor, _name, _converter(_name, _dt))
