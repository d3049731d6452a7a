"""PyTorch's argument parser for factories: the same exception class and first message line
for missing, surplus or mistyped arguments (`zeros(2.5)`, `arange()`, ...).

>>> from numtorch._argparse import arg_size
>>> arg_size("zeros", (2, 3), None)
(2, 3)
"""
import operator

import numpy as np

from . import _dtype as D
from ._backend import resolve_device
from ._convert import fresh
from ._creation import NO_PINNED, finish, parse_dtype
from ._device import device as D_device
from ._interop.names import type_name
from ._tensor import Size, Tensor, wrap

__all__ = ["REQUIRED", "Required", "arg_type_name", "invalid_args", "missing_args", "arg_index", "arg_long", "arg_ints", "arg_int_list", "arg_size", "arg_dims", "arg_dtype", "arg_number", "arg_kind", "arg_place", "check_kernel", "new_tensor"]

class Required:
    """The default of a parameter PyTorch requires (its "missing" message is its own)."""

    def __repr__(self):
        return "<required>"


REQUIRED = Required()


def arg_type_name(x):
    """The type name PyTorch's parser prints for `x`."""
    if isinstance(x, (D.dtype, Size, D_device)):
        return "torch." + type(x).__name__
    return getattr(type(x), "parser_name", None) or type_name(x)


def invalid_args(fn, args, kwargs=None):
    """PyTorch's error when no signature of `fn` takes the arguments (keywords listed last,
    in reverse, as its hash map happens to order them)."""
    kwargs = kwargs or {}
    got = [arg_type_name(a) for a in args] + [f"{k}={arg_type_name(v)}" for k, v in reversed(kwargs.items())]
    desc = ", ".join(got) + (", " if kwargs and not args else "")
    return TypeError(f"{fn}() received an invalid combination of arguments - got ({desc}), "
                     "but expected one of:")


def missing_args(fn, names):
    s = "s" if len(names) == 1 else ""  # PyTorch's plural, inverted
    return TypeError(f"{fn}() missing {len(names)} required positional argument{s}: "
                     + ", ".join(f'"{n}"' for n in names))


def arg_index(x, strict=True):
    """`x` as the int PyTorch's parser reads from it, else None (bools only if not `strict`)."""
    if isinstance(x, Tensor):
        return int(x.item()) if x.dtype._cat == 1 and x.numel() == 1 else None
    if strict and isinstance(x, bool):
        return None
    try:
        return operator.index(x)
    except TypeError:
        return None


def arg_long(n):
    if not -2**63 <= n < 2**63:
        raise ValueError("Overflow when unpacking long long")
    return n


def arg_ints(fn, name, seq):
    """The elements of an int-list argument (the first one already checked)."""
    out = []
    for pos, x in enumerate(seq, 1):
        n = arg_index(x, strict=False)
        if n is None or not -2**63 <= n < 2**63:
            err = f"type must be tuple of ints,but got {arg_type_name(x)}" if n is None else \
                "Overflow when unpacking long long\n"
            raise TypeError(f"{fn}(): argument '{name}' failed to unpack the object at pos {pos} "
                            f'with error "{err}"')
        out.append(n)
    return tuple(out)


def arg_int_list(fn, name, obj, pos=None):
    """A `tuple of ints` argument (`pos` None when it came by keyword)."""
    at = f" (position {pos})" if pos else ""
    if not isinstance(obj, (tuple, list)):
        raise TypeError(f"{fn}(): argument '{name}'{at} must be tuple of ints, not {arg_type_name(obj)}")
    if obj and arg_index(obj[0]) is None:
        found = f"but found element of type {arg_type_name(obj[0])} at pos 0" if pos else f"not {arg_type_name(obj)}"
        raise TypeError(f"{fn}(): argument '{name}'{at} must be tuple of ints, {found}")
    return arg_ints(fn, name, obj)


def arg_size(fn, args, size, overloaded=False):
    """The shape from `f(2, 3)`, `f((2, 3))`, `f([2, 3])` or `f(size=...)`. Functions with
    several PyTorch signatures (`overloaded`) report some mistakes as invalid combinations."""
    if size is not None:
        if args:
            if overloaded:
                raise invalid_args(fn, args, {"size": size})
            raise TypeError(f"{fn}() got multiple values for argument 'size'")
        return arg_int_list(fn, "size", size)
    if not args:
        raise invalid_args(fn, ()) if overloaded else missing_args(fn, ["size"])
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return arg_int_list(fn, "size", args[0], 1)
    if arg_index(args[0]) is None:
        if len(args) == 1:
            raise TypeError(f"{fn}(): argument 'size' (position 1) must be tuple of ints, not "
                            f"{arg_type_name(args[0])}")
        if overloaded:
            raise invalid_args(fn, args)
        raise TypeError(f"{fn}() takes 1 positional argument but {len(args)} were given")
    return arg_ints(fn, "size", args)


def arg_dims(fn, shape):
    """`shape`, unless a size is negative."""
    for n in shape:
        if n < 0:
            if fn == "zeros":
                raise RuntimeError("zeros: Dimension size must be non-negative.")
            raise RuntimeError(f"Trying to create tensor with negative dimension {n}: "
                               f"[{', '.join(map(str, shape))}]")
    return shape


def arg_dtype(fn, dtype, got=None):
    """`dtype=` parsed; for functions with several signatures (`got`: their (args, kwargs)),
    a bad one is an invalid combination."""
    try:
        return parse_dtype(dtype, fn)
    except TypeError:
        if got is None:
            raise
        raise invalid_args(fn, got[0], {**got[1], "dtype": dtype}) from None


def arg_number(x):
    """The Python number PyTorch's parser reads from a `Number` argument, else None."""
    if isinstance(x, (int, float, complex)):
        return x
    if isinstance(x, np.bool_):
        return float(x)  # PyTorch reads NumPy bools as floats
    if isinstance(x, np.number):
        return x.item()
    if isinstance(x, Tensor) and x.ndim == 0:
        return x.item()
    return None


def arg_kind(v):
    """The dtype PyTorch infers from Python number `v`."""
    if isinstance(v, int):
        return D.bool if isinstance(v, bool) else D.int64
    return D.get_default_dtype() if isinstance(v, float) else D.default_complex()


def arg_place(fn, device, pin_memory=False):
    if device is not None and not isinstance(device, (D_device, str, int)):
        raise TypeError(f"{fn}(): argument 'device' must be torch.device, not {arg_type_name(device)}")
    resolve_device(device)
    if pin_memory:
        raise RuntimeError(NO_PINNED)


def check_kernel(name, dtype, supported):
    if dtype not in supported:
        raise NotImplementedError(f"\"{name}\" not implemented for '{D.SCALAR_NAME[dtype]}'")


def new_tensor(a, requires_grad):
    return finish(wrap(fresh(a)), requires_grad)
