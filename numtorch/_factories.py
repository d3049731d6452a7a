"""Factories: zeros/ones/empty/full and their `_like`, arange, linspace, logspace, eye, random.

Arguments are checked as PyTorch's argument parser checks them (same exception class, same
first message line). Range values are computed in the arithmetic of PyTorch's CPU kernels
(their precision, their fused multiply-adds, arange's AVX2 blocks), so they match bit for bit.

>>> import numtorch
>>> numtorch.zeros(2, 3).shape, numtorch.arange(5).dtype, numtorch.full((2,), 1.5).dtype
(torch.Size([2, 3]), torch.int64, torch.float32)
"""
import math
import operator
import warnings

import numpy as np

from . import _dtype as D
from ._backend import resolve_device
from ._convert import cast, check_scalar, fresh, preserve_copy
from ._creation import NO_PINNED, finish, parse_dtype
from ._device import CPU, device, get_default_device
from ._interop.sequence import _storage_np, type_name
from ._tensor import Size, Tensor, channels_last, preserve_format, wrap
from ._tensor import memory_format as MemoryFormat

__all__ = ["zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like",
           "full_like", "arange", "linspace", "logspace", "eye", "manual_seed", "Generator",
           "rand", "randn", "randint", "rand_like", "randn_like", "randint_like"]


# ---- PyTorch's argument parser -------------------------------------------------------------
class _Required:
    """The default of a parameter PyTorch requires (its "missing" message is its own)."""

    def __repr__(self):
        return "<required>"


_REQ = _Required()


def _tp(x):
    """The type name PyTorch's parser prints for `x`."""
    if isinstance(x, (D.dtype, Size, device, Generator)):
        return "torch." + type(x).__name__
    return type_name(x)


def _invalid(fn, args, kwargs=None):
    """PyTorch's error when no signature of `fn` takes the arguments (keywords listed last,
    in reverse, as its hash map happens to order them)."""
    kwargs = kwargs or {}
    got = [_tp(a) for a in args] + [f"{k}={_tp(v)}" for k, v in reversed(kwargs.items())]
    desc = ", ".join(got) + (", " if kwargs and not args else "")
    return TypeError(f"{fn}() received an invalid combination of arguments - got ({desc}), "
                     "but expected one of:")


def _missing(fn, names):
    s = "s" if len(names) == 1 else ""  # PyTorch's plural, inverted
    return TypeError(f"{fn}() missing {len(names)} required positional argument{s}: "
                     + ", ".join(f'"{n}"' for n in names))


def _index(x, strict=True):
    """`x` as the int PyTorch's parser reads from it, else None (bools only if not `strict`)."""
    if isinstance(x, Tensor):
        return int(x.item()) if x.dtype._cat == 1 and x.numel() == 1 else None
    if strict and isinstance(x, bool):
        return None
    try:
        return operator.index(x)
    except TypeError:
        return None


def _long(n):
    if not -2**63 <= n < 2**63:
        raise ValueError("Overflow when unpacking long long")
    return n


def _ints(fn, name, seq):
    """The elements of an int-list argument (the first one already checked)."""
    out = []
    for pos, x in enumerate(seq, 1):
        n = _index(x, strict=False)
        if n is None or not -2**63 <= n < 2**63:
            err = f"type must be tuple of ints,but got {_tp(x)}" if n is None else \
                "Overflow when unpacking long long\n"
            raise TypeError(f"{fn}(): argument '{name}' failed to unpack the object at pos {pos} "
                            f'with error "{err}"')
        out.append(n)
    return tuple(out)


def _int_list(fn, name, obj, pos=None):
    """A `tuple of ints` argument (`pos` None when it came by keyword)."""
    at = f" (position {pos})" if pos else ""
    if not isinstance(obj, (tuple, list)):
        raise TypeError(f"{fn}(): argument '{name}'{at} must be tuple of ints, not {_tp(obj)}")
    if obj and _index(obj[0]) is None:
        found = f"but found element of type {_tp(obj[0])} at pos 0" if pos else f"not {_tp(obj)}"
        raise TypeError(f"{fn}(): argument '{name}'{at} must be tuple of ints, {found}")
    return _ints(fn, name, obj)


def _size(fn, args, size, overloaded=False):
    """The shape from `f(2, 3)`, `f((2, 3))`, `f([2, 3])` or `f(size=...)`. Functions with
    several PyTorch signatures (`overloaded`) report some mistakes as invalid combinations."""
    if size is not None:
        if args:
            if overloaded:
                raise _invalid(fn, args, {"size": size})
            raise TypeError(f"{fn}() got multiple values for argument 'size'")
        return _int_list(fn, "size", size)
    if not args:
        raise _invalid(fn, ()) if overloaded else _missing(fn, ["size"])
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return _int_list(fn, "size", args[0], 1)
    if _index(args[0]) is None:
        if len(args) == 1:
            raise TypeError(f"{fn}(): argument 'size' (position 1) must be tuple of ints, not "
                            f"{_tp(args[0])}")
        if overloaded:
            raise _invalid(fn, args)
        raise TypeError(f"{fn}() takes 1 positional argument but {len(args)} were given")
    return _ints(fn, "size", args)


def _dims(fn, shape):
    """`shape`, unless a size is negative."""
    for n in shape:
        if n < 0:
            if fn == "zeros":
                raise RuntimeError("zeros: Dimension size must be non-negative.")
            raise RuntimeError(f"Trying to create tensor with negative dimension {n}: "
                               f"[{', '.join(map(str, shape))}]")
    return shape


def _dtype(fn, dtype, got=None):
    """`dtype=` parsed; for functions with several signatures (`got`: their (args, kwargs)),
    a bad one is an invalid combination."""
    try:
        return parse_dtype(dtype, fn)
    except TypeError:
        if got is None:
            raise
        raise _invalid(fn, got[0], {**got[1], "dtype": dtype}) from None


def _number(x):
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


def _kind(v):
    """The dtype PyTorch infers from Python number `v`."""
    if isinstance(v, bool):
        return D.bool
    if isinstance(v, int):
        return D.int64
    return D.get_default_dtype() if isinstance(v, float) else D.default_complex()


def _place(device, pin_memory=False):
    resolve_device(device)
    if pin_memory:
        raise RuntimeError(NO_PINNED)


def _kernel(name, dtype, supported):
    if dtype not in supported:
        raise NotImplementedError(f"\"{name}\" not implemented for '{D.SCALAR_NAME[dtype]}'")


def _new(a, requires_grad):
    return finish(wrap(fresh(a)), requires_grad)


# ---- values as PyTorch converts them -------------------------------------------------------
_HALF = frozenset((D.float16, D.bfloat16, D.float8_e4m3fn, D.float8_e5m2))
_INTS = frozenset((D.uint8, D.int8, D.int16, D.int32, D.int64))
_REAL = _INTS | {D.float16, D.bfloat16, D.float32, D.float64}  # arange's kernel
_RANGE = _REAL | {D.complex64, D.complex128}  # linspace's and logspace's
_RANDOM = frozenset((D.float16, D.bfloat16, D.float32, D.float64, D.complex32, D.complex64,
                     D.complex128))
_EYE = frozenset(D.ALL) - {D.uint16, D.uint32, D.uint64, D.complex32}


def _convert(v, dtype):
    """`check_scalar`, also taking complex numbers with no imaginary part for real dtypes and
    range-checking ints for half-precision floats (as PyTorch)."""
    if isinstance(v, complex) and not v.imag and not dtype.is_complex:
        v = v.real
    elif isinstance(v, int) and dtype in _HALF and -2**63 <= v < 2**64:
        v = float(v)
    return check_scalar(v, dtype)


def _fill(v, dtype, numel):
    """Number `v` as `fill_` stores it in a tensor of `numel` elements. Half-precision floats
    go through float; a lone element is only checked against double (overflow gives inf, or
    +-448 in float8_e4m3fn)."""
    if dtype not in _HALF:
        return _convert(v, dtype)
    with np.errstate(over="ignore"):
        v = np.float32(_convert(v, D.float64 if numel == 1 else dtype))
    return np.clip(v, -448, 448) if dtype is D.float8_e4m3fn else v


def _split(x):
    """Dekker's split of float64 `x` into two halves whose products are exact."""
    c = x * 134217729.0  # 2**27 + 1
    hi = c - (c - x)
    return hi, x - hi


def _two_sum(x, y):
    s = x + y
    z = s - x
    return s, (x - (s - z)) + (y - z)  # x + y == s + error, exactly


def _odd(s, err):
    """`s`, the sum rounded to nearest with exact error `err`, rounded to odd instead."""
    inexact_even = (err != 0) & np.isfinite(err) & (s.view(np.int64) & 1 == 0)
    return np.where(inexact_even, np.nextafter(s, np.copysign(np.inf, err)), s)


def _fma(a, b, c):
    """`a * b + c` rounded once in float64, as the fused multiply-adds PyTorch's compiler
    emits (Boldo and Melquiond's emulation: exact product and sum, rounding to odd)."""
    a, b, c = (np.asarray(x, np.float64) for x in (a, b, c))
    with np.errstate(all="ignore"):
        p = a * b
        (ah, al), (bh, bl) = _split(a), _split(b)
        e = ((ah * bh - p) + ah * bl + al * bh) + al * bl  # a * b == p + e exactly
        s, t = _two_sum(c, p)
        r = s + _odd(*_two_sum(t, e))
    return np.where(np.isfinite(r), r, p + c)


def _fma32(a, b, c):
    """`a * b + c` for float32 operands rounded once to float32 (the product is exact in
    double; the sum is rounded to odd there, then to float32)."""
    with np.errstate(all="ignore"):
        p = np.asarray(a, np.float64) * np.asarray(b, np.float32)
        return _odd(*_two_sum(np.asarray(c, np.float64), p)).astype(np.float32)


# ---- zeros / ones / empty / full and *_like ------------------------------------------------
def _layout(fn, shape, dtype, memory_format=None, like=None):
    """An uninitialised array of `shape` in `memory_format` (`like`'s layout for
    preserve_format, as `preserve_copy`)."""
    np_dtype = _storage_np(dtype)
    if memory_format is None or memory_format is preserve_format:
        if like is not None:
            return preserve_copy(like, np_dtype)
        if memory_format is not None:
            raise RuntimeError("unsupported memory format Preserve")
    elif memory_format is channels_last:
        if len(shape) != 4:
            raise RuntimeError("required rank 4 tensor to use channels_last format")
        n, c, h, w = shape
        base = np.empty(max(n * c * h * w, 1), np_dtype)
        strides = tuple(s * base.itemsize for s in (c * h * w, 1, c * w, c))
        return np.lib.stride_tricks.as_strided(base, shape, strides)
    elif not isinstance(memory_format, MemoryFormat):
        raise TypeError(f"{fn}(): argument 'memory_format' must be torch.memory_format, not "
                        f"{_tp(memory_format)}")
    return fresh(np.empty(shape, np_dtype))


def _filled(fn, make, args, size, dtype, device, pin_memory, requires_grad, memory_format=None):
    shape = _dims(fn, _size(fn, args, size))
    dtype = parse_dtype(dtype, fn) or D.get_default_dtype()
    _place(device, pin_memory)
    if memory_format is not None:
        return finish(wrap(_layout(fn, shape, dtype, memory_format)), requires_grad)
    return _new(make(shape, _storage_np(dtype)), requires_grad)


def zeros(*args, size=None, dtype=None, device=None, pin_memory=False, requires_grad=False):
    """A tensor of zeros."""
    if len(args) == 1 and type(args[0]) is int and args[0] > 0 and dtype is None \
            and device is None and size is None and not requires_grad and not pin_memory \
            and get_default_device() is CPU:
        return wrap(np.zeros(args[0], D.get_default_dtype().np))
    return _filled("zeros", np.zeros, args, size, dtype, device, pin_memory, requires_grad)


def ones(*args, size=None, dtype=None, device=None, pin_memory=False, requires_grad=False):
    """A tensor of ones."""
    return _filled("ones", np.ones, args, size, dtype, device, pin_memory, requires_grad)


def empty(*args, size=None, dtype=None, device=None, pin_memory=False, requires_grad=False,
          memory_format=None):
    """An uninitialised tensor."""
    return _filled("empty", np.empty, args, size, dtype, device, pin_memory, requires_grad,
                   memory_format)


def _fill_value(fn, fill_value):
    if fill_value is _REQ:
        raise _missing(fn, ["fill_value"])
    value = _number(fill_value)
    if value is None:
        raise TypeError(f"{fn}(): argument 'fill_value' (position 2) must be Number, not "
                        f"{_tp(fill_value)}")
    return value


def _put(a, value, dtype):
    with np.errstate(over="ignore"):
        a[...] = _fill(value, dtype, a.size)
    return a


def full(size=_REQ, fill_value=_REQ, *, dtype=None, device=None, pin_memory=False,
         requires_grad=False):
    """A tensor filled with `fill_value` (dtype inferred from it)."""
    if size is _REQ:
        raise _missing("full", ["size", "fill_value"])
    shape = _int_list("full", "size", size, 1)
    value = _fill_value("full", fill_value)
    dtype = parse_dtype(dtype, "full") or _kind(value)
    _place(device, pin_memory)
    a = np.empty(_dims("full", shape), _storage_np(dtype))
    return _new(_put(a, value, dtype), requires_grad)


def _like(fn, input, dtype, device, memory_format):
    """An uninitialised array shaped and laid out as `*_like(input)` makes it, and its dtype."""
    if input is _REQ:
        raise _missing(fn, ["input"])
    if not isinstance(input, Tensor):
        raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not "
                        f"{_tp(input)}")
    dtype = parse_dtype(dtype, fn) or input.dtype
    if device is not None:
        resolve_device(device)
    return _layout(fn, input.shape, dtype, memory_format, input._a), dtype


def zeros_like(input=_REQ, *, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    a, _ = _like("zeros_like", input, dtype, device, memory_format)
    a[...] = 0
    return finish(wrap(a), requires_grad)


def ones_like(input=_REQ, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    a, _ = _like("ones_like", input, dtype, device, memory_format)
    a[...] = 1
    return finish(wrap(a), requires_grad)


def empty_like(input=_REQ, *, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    a, _ = _like("empty_like", input, dtype, device, memory_format)
    return finish(wrap(a), requires_grad)


def full_like(input=_REQ, fill_value=_REQ, *, dtype=None, device=None, requires_grad=False,
              memory_format=None):
    a, dtype = _like("full_like", input, dtype, device, memory_format)
    return finish(wrap(_put(a, _fill_value("full_like", fill_value), dtype)), requires_grad)


# ---- arange / linspace / logspace / eye ----------------------------------------------------
_AVX2 = 32  # bytes per vector in the AVX2 build of ATen's CPU kernels


def arange(start=_REQ, end=_REQ, step=_REQ, *, dtype=None, device=None, pin_memory=False,
           requires_grad=False):
    """Values from `start` to `end` (exclusive) by `step`; int64 unless a bound is not an int."""
    given = [v for v in (start, end, step) if v is not _REQ]
    if end is _REQ:
        if step is not _REQ:
            raise _missing("arange", ["end"])
        if start is _REQ:
            raise _invalid("arange", ())
        start, end = 0, start
    start, end, step = (_number(d if v is _REQ else v) for v, d in ((start, 0), (end, 0),
                                                                    (step, 1)))
    if None in (start, end, step):
        if len(given) == 1:
            raise TypeError(f"arange(): argument 'end' (position 1) must be Number, not "
                            f"{_tp(given[0])}")
        raise _invalid("arange", given)
    integral = all(isinstance(v, int) for v in (start, end, step))
    dtype = _dtype("arange", dtype, (given, {})) or (D.int64 if integral
                                                       else D.get_default_dtype())
    _place(device, pin_memory)
    _kernel("arange_cpu", dtype, _REAL)
    return _new(_arange(start, end, step, dtype), requires_grad)


def _arange(start, end, step, dtype):
    """PyTorch's CPU arange: bounds checked in double, the length computed in int64 for int64
    and in double otherwise, the values by its kernel."""
    s, e, st = (float(_convert(v, D.float64)) for v in (start, end, step))
    if not (st > 0 or st < 0):
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(s) and math.isfinite(e)):
        raise RuntimeError(f"unsupported range: {s:g} -> {e:g}")
    if st > 0 and e < s or st < 0 and e > s:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if dtype is D.int64:
        xs, xe, xst = (int(_convert(v, D.int64)) for v in (start, end, step))
        if xst == 0:
            raise ValueError("step must be nonzero")
        num = (xe - xs + xst - (1 if xst > 0 else -1) + 2**63) % 2**64 - 2**63  # int64 wraps
        size = abs(num) // abs(xst) * (1 if (num < 0) == (xst < 0) else -1)
    else:
        size = (e - s) / st
    if not 0 <= size <= 2.0**63:
        raise RuntimeError("invalid size, possible overflow?")
    n = math.ceil(size)
    if dtype._cat == 1:  # int64 arithmetic, wrapping into the dtype
        xs, xst = (int(_convert(v, D.int64)) for v in (start, step))
        return (np.arange(n, dtype=np.int64) * xst + xs).astype(dtype.np)
    with np.errstate(over="ignore", invalid="ignore"):
        return _arange_float(start, step, n, dtype)


def _arange_float(start, step, n, dtype):
    """The vectorised kernel: in blocks of one AVX2 vector (two per loop, the tail element by
    element), each block restarts from `start + step * i` rounded to `dtype`; it works in
    double (float for half types) with fused multiply-adds."""
    i = np.arange(n)
    width = _AVX2 // dtype.itemsize
    j = i % width
    vectorised = i < n - n % (2 * width)
    if dtype.itemsize >= 4:
        s, st = (float(_convert(v, D.float64)) for v in (start, step))
        first = _fma(st, i - j, s).astype(dtype.np)
        out = np.where(vectorised, _fma(j, st, first), _fma(st, i, s))
    else:
        s, st = (np.float32(_convert(v, D.float32)) for v in (start, step))
        first = _fma32(st, i - j, s).astype(dtype.np).astype(np.float32)
        body = _fma32(st, j, first) if dtype is D.float16 else first + st * j.astype(np.float32)
        out = np.where(vectorised, body, _fma32(st, i, s))
    return out.astype(dtype.np)


def _space_args(fn, start, end, steps, dtype, extra=None):
    """linspace/logspace arguments as PyTorch checks them: (start, end, steps, dtype)."""
    given = [v for v in (start, end, steps) if v is not _REQ]
    n = _index(steps)
    if n is None or any(_number(v) is None and not isinstance(v, Tensor) for v in (start, end)):
        raise _invalid(fn, given, extra)
    tensors = [(k, v) for k, v in (("start", start), ("end", end)) if isinstance(v, Tensor)]
    if any(v.ndim for _, v in tensors):
        got = " and ".join(f"{k} with {v.ndim} dimension(s)" for k, v in tensors)
        raise RuntimeError(f"{fn} only supports 0-dimensional start and end tensors, but got "
                           f"{got}.")
    if n < 0:
        raise RuntimeError("number of steps must be non-negative")
    start, end = _number(start), _number(end)
    inferred = D.default_complex() if isinstance(start, complex) or isinstance(end, complex) \
        else D.get_default_dtype()
    dtype = _dtype(fn, dtype, (given, extra or {}))
    if dtype is None:
        dtype = inferred
    elif inferred.is_complex and not dtype.is_complex:
        raise RuntimeError(f"torch.{fn}(): inferred dtype {D.C_NAME[inferred]} can't be safely "
                           f"cast to passed dtype {D.SCALAR_NAME[dtype]}")
    return start, end, n, dtype


def linspace(start=_REQ, end=_REQ, steps=_REQ, *, dtype=None, device=None,
             requires_grad=False):
    """`steps` evenly spaced values from `start` to `end` inclusive."""
    start, end, n, dtype = _space_args("linspace", start, end, steps, dtype)
    _place(device)
    if n < 2:  # nothing, or fill_(start)
        a = np.empty(n, _storage_np(dtype))
        return _new(_put(a, start, dtype) if n else a, requires_grad)
    _kernel("linspace_cpu", dtype, _RANGE)
    with np.errstate(over="ignore", invalid="ignore"):
        if not dtype.is_complex:
            return _new(_linspace(start, end, n, dtype), requires_grad)
        start, end = (complex(_convert(v, dtype)) for v in (start, end))
        a = np.empty(n, dtype.np)
        a.real = _linspace(start.real, end.real, n, dtype.to_real())
        a.imag = _linspace(start.imag, end.imag, n, dtype.to_real())
    return _new(a, requires_grad)


def _halves(n):
    """Per element: whether it counts from the start, and its (signed) distance in steps from
    the end it counts from (PyTorch fills the first half from `start`, the rest from `end`)."""
    i = np.arange(n)
    first = i < n // 2
    return first, np.where(first, i, i - (n - 1))


def _linspace(start, end, n, dtype):
    """PyTorch's CPU linspace kernel for a real dtype (step and arithmetic in `dtype`, double
    for integers; fused multiply-adds)."""
    first, k = _halves(n)
    s, e = (_convert(v, dtype) for v in (start, end))
    if dtype._cat == 1:
        step = (float(e) - float(s)) / (n - 1)
        return cast(_fma(step, k, np.where(first, s, e)), dtype)
    if dtype is D.float64:
        return _fma((e - s) / (n - 1), k, np.where(first, s, e))
    if dtype is D.float32:
        s, e = np.float32(s), np.float32(e)
        return _fma32((e - s) / np.float32(n - 1), k.astype(np.float32), np.where(first, s, e))

    def r(x):  # half types compute in float, rounding each result to the type
        return np.asarray(x, np.float32).astype(dtype.np).astype(np.float32)
    s, e, last = r([s, e, n - 1])
    step = r(r(e - s) / last)
    return (np.where(first, s, e) + r(step * r(k))).astype(dtype.np)


def logspace(start=_REQ, end=_REQ, steps=_REQ, base=10.0, *, dtype=None, device=None,
             requires_grad=False):
    """`base` raised to `steps` evenly spaced exponents from `start` to `end`."""
    b = _number(base)
    extra = {} if isinstance(base, float) and base == 10.0 else {"base": base}
    if b is None or isinstance(b, complex):
        raise _invalid("logspace", [v for v in (start, end, steps) if v is not _REQ], extra)
    start, end, n, dtype = _space_args("logspace", start, end, steps, dtype, extra)
    _place(device)
    b = float(b)
    with np.errstate(all="ignore"):
        if n < 2:  # nothing, or fill_(base ** start); std::pow(double, complex) is polar
            x = complex(start) if dtype.is_complex else float(start.real)
            x = (np.power(b, x.real) * np.exp(1j * x.imag * np.log(b)) if b > 0 else
                 np.exp(x * np.log(complex(b)))) if dtype.is_complex else np.power(b, x)
            a = np.empty(n, _storage_np(dtype))
            return _new(_put(a, x.item(), dtype) if n else a, requires_grad)
        _kernel("logspace_cpu", dtype, _RANGE)
        first, k = _halves(n)
        if dtype.is_complex:  # c10's step (divided as by a complex), std::pow's exp(x log b)
            real, cplx = dtype.to_real().np.type, dtype.np.type
            s, e = (cplx(_convert(v, dtype)) for v in (start, end))
            x = np.where(first, s, e) + (e - s) * (1 / real(n - 1)) * k.astype(real)
            return _new(np.exp(x * np.log(cplx(b))), requires_grad)
        s, e = (_convert(v, dtype) for v in (start, end))
        if dtype._cat == 2 and dtype.itemsize < 8:  # the bounds and their difference in dtype
            s, e = np.array([s, e], np.float32).astype(dtype.np).astype(np.float32)
            diff = np.float32(e - s).astype(dtype.np)
        else:
            diff = e - s
        a = np.power(b, np.where(first, s, e) + float(diff) / (n - 1) * k)  # not fused
        a = a.astype(np.float32) if dtype in _HALF else a
    return _new(cast(a, dtype), requires_grad)


def eye(n=_REQ, m=_REQ, *, dtype=None, device=None, pin_memory=False, requires_grad=False):
    """The identity matrix (n x m)."""
    given = [v for v in (n, m) if v is not _REQ]
    if n is _REQ:
        raise _missing("eye", ["n"]) if m is not _REQ else _invalid("eye", ())
    if m is _REQ:
        if _index(n) is None:
            raise TypeError(f"eye(): argument 'n' (position 1) must be int, not {_tp(n)}")
        m = n
    elif _index(n) is None or _index(m) is None:
        raise _invalid("eye", given)
    n, m = _long(_index(n)), _long(_index(m))
    dtype = _dtype("eye", dtype, (given, {})) or D.get_default_dtype()
    _place(device, pin_memory)
    if n < 0:
        raise RuntimeError(f"n must be greater or equal to 0, got {n}")
    if m < 0:
        raise RuntimeError(f"m must be greater or equal to 0, got {m}")
    _kernel("eye", dtype, _EYE)
    return _new(np.eye(n, m, dtype=dtype.np), requires_grad)


# ---- random numbers (values from NumPy's generator; shapes, dtypes, errors as PyTorch) -----
class Generator:
    """A random-number generator; `manual_seed` reseeds it."""

    def __init__(self, device="cpu"):
        self._seed = 67280421310721
        self._rng = np.random.default_rng(self._seed)

    def manual_seed(self, seed):
        self._seed = int(seed)
        self._rng = np.random.default_rng(self._seed)
        return self

    def initial_seed(self):
        return self._seed


default_generator = Generator()


def manual_seed(seed):
    """Seed the default generator; returns it."""
    return default_generator.manual_seed(seed)


def _rng(fn, generator, args, kwargs):
    if generator is None:
        return default_generator._rng
    if not isinstance(generator, Generator):
        raise _invalid(fn, args, {**kwargs, "generator": generator})
    return generator._rng


_DIGITS = {D.float16: 11, D.bfloat16: 8, D.float32: 24, D.float64: 53}


def _uniform(rng, shape, dtype):
    """Samples from [0, 1) on `dtype`'s grid (so never rounded up to 1)."""
    d = _DIGITS[dtype.to_real()]
    x = rng.integers(0, 1 << d, shape + (2,) if dtype.is_complex else shape) * 2.0 ** -d
    if dtype.is_complex:
        x = x[..., 0] + 1j * x[..., 1]
    return x.astype(_storage_np(dtype))


def _normal(rng, shape, dtype):
    if dtype.is_complex:  # unit variance overall, as PyTorch
        z = rng.standard_normal(shape + (2,)) / math.sqrt(2)
        return (z[..., 0] + 1j * z[..., 1]).astype(_storage_np(dtype))
    return rng.standard_normal(shape).astype(dtype.np)


_KERNELS = {_uniform: "check_uniform_bounds", _normal: "normal_kernel_cpu"}


def _random(fn, sample, args, size, generator, dtype, device, pin_memory, requires_grad):
    shape = _size(fn, args, size, overloaded=True)
    kwargs = {} if size is None else {"size": size}
    dtype = _dtype(fn, dtype, (args, kwargs)) or D.get_default_dtype()
    rng = _rng(fn, generator, args, kwargs)
    _place(device, pin_memory)
    _dims(fn, shape)
    _kernel(_KERNELS[sample], dtype, _RANDOM)
    return _new(sample(rng, shape, dtype), requires_grad)


def rand(*args, size=None, generator=None, dtype=None, device=None, pin_memory=False,
         requires_grad=False):
    """Uniform samples from [0, 1)."""
    return _random("rand", _uniform, args, size, generator, dtype, device, pin_memory,
                   requires_grad)


def randn(*args, size=None, generator=None, dtype=None, device=None, pin_memory=False,
          requires_grad=False):
    """Standard normal samples."""
    return _random("randn", _normal, args, size, generator, dtype, device, pin_memory,
                   requires_grad)


def _randint_args(args, kwargs):
    """(low, high, size) from `randint(high, size)` or `randint(low, high, size)`; with two
    arguments PyTorch names the bad one, otherwise it reports an invalid combination."""
    names = ("high", "size") if len(args) + len(kwargs) == 2 else ("low", "high", "size")
    got = dict(zip(names, args))
    if len(args) > len(names) or got.keys() & kwargs.keys() \
            or len(got) + len(kwargs) != len(names) or not set(kwargs) <= set(names):
        raise _invalid("randint", args, kwargs)
    got.update(kwargs)
    named = len(names) == 2
    for pos, name in enumerate(names, 1):
        v, at = got[name], pos if pos <= len(args) else None
        if name == "size":
            if not named and (not isinstance(v, (tuple, list)) or v and _index(v[0]) is None):
                raise _invalid("randint", args, kwargs)
            got[name] = _int_list("randint", "size", v, at)
        elif _index(v) is None:
            if not named:
                raise _invalid("randint", args, kwargs)
            where = f" (position {at})" if at else ""
            raise TypeError(f"randint(): argument '{name}'{where} must be int, not {_tp(v)}")
    return _long(_index(got.get("low", 0))), _long(_index(got["high"])), got["size"]


_C_TYPE = {D.bool: "bool", D.uint8: "unsigned char", D.int8: "signed char",
           D.int16: "short int", D.int32: "int", D.uint16: "short unsigned int",
           D.uint32: "unsigned int", D.uint64: "long unsigned int", D.float16: "c10::Half",
           D.bfloat16: "c10::BFloat16", D.float32: "float", D.float64: "double"}


def _integers(rng, low, high, shape, dtype):
    """`random_(low, high)` on a new `dtype` array, with PyTorch's bounds checks."""
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} "
                           f">= to={high}")
    if dtype.is_floating_point:
        _kernel("random_update_from_to", dtype, _DIGITS)
        lo, hi = -float(D.finfo(dtype).max), float(D.finfo(dtype).max)
    elif dtype.is_complex:
        raise RuntimeError("check_random_bounds handles only integral, floating-point and "
                           "boolean types")
    elif dtype is D.int64 or dtype is D.uint64:
        lo, hi = 0 if dtype is D.uint64 else -2**63, 2**63 - 1
    else:
        lo, hi = (0, 1) if dtype is D.bool else (np.iinfo(dtype.np).min, np.iinfo(dtype.np).max)
    bounds = (("from", low), ("to - 1", high - 1))
    for name, v in bounds:
        if not lo <= v <= hi:
            raise RuntimeError(f"{name} is out of bounds for {_C_TYPE[dtype]}")
    d = _DIGITS.get(dtype)
    for name, v in bounds if d else ():
        if not -2**d <= v <= 2**d:
            warnings.warn(f"{name} is out of bounds [-(2^{d}), 2^{d}]. Due to precision "
                          f"limitations {_C_TYPE[dtype]} can support discrete uniform "
                          "distribution only within this range. This warning will become an "
                          "error in version 1.7 release, please fix the code in advance",
                          UserWarning, stacklevel=4)
    return rng.integers(low, high, shape).astype(dtype.np)


def randint(*args, low=None, high=None, size=None, generator=None, dtype=None, device=None,
            pin_memory=False, requires_grad=False):
    """Integers uniform in [low, high): `randint(high, size)` or `randint(low, high, size)`."""
    kwargs = {k: v for k, v in (("low", low), ("high", high), ("size", size)) if v is not None}
    low, high, shape = _randint_args(args, kwargs)
    dtype = _dtype("randint", dtype, (args, kwargs)) or D.int64
    rng = _rng("randint", generator, args, kwargs)
    _place(device, pin_memory)
    return _new(_integers(rng, low, high, _dims("randint", shape), dtype), requires_grad)


def _random_like(fn, sample, input, dtype, device, requires_grad, memory_format):
    a, dtype = _like(fn, input, dtype, device, memory_format)
    _kernel(_KERNELS[sample], dtype, _RANDOM)
    a[...] = sample(default_generator._rng, a.shape, dtype)
    return finish(wrap(a), requires_grad)


def rand_like(input=_REQ, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    return _random_like("rand_like", _uniform, input, dtype, device, requires_grad,
                        memory_format)


def randn_like(input=_REQ, *, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    return _random_like("randn_like", _normal, input, dtype, device, requires_grad,
                        memory_format)


def randint_like(input=_REQ, low=_REQ, high=_REQ, *, dtype=None, device=None,
                 requires_grad=False, memory_format=None):
    """`randint_like(input, high)` or `randint_like(input, low, high)`."""
    given = [v for v in (input, low, high) if v is not _REQ]
    if not isinstance(input, Tensor) or low is _REQ and high is _REQ \
            or any(_index(v) is None for v in (low, high) if v is not _REQ):
        raise _invalid("randint_like", given)
    low, high = (0, low) if high is _REQ else (0 if low is _REQ else low, high)
    a, dtype = _like("randint_like", input, dtype, device, memory_format)
    rng = default_generator._rng
    a[...] = _integers(rng, _long(_index(low)), _long(_index(high)), a.shape, dtype)
    return finish(wrap(a), requires_grad)
