"""Factories: zeros/ones/empty/full and their `*_like`, arange, linspace, logspace, eye, with
PyTorch's `out=` and `layout=` (`strided`, the only layout).

Arguments are checked as PyTorch's argument parser checks them (same exception class, same
first message line). Range values are computed in the arithmetic of PyTorch's CPU kernels
(their precision, their fused multiply-adds, arange's AVX2 blocks), so they match bit for bit.

>>> import numtorch
>>> numtorch.zeros(2, 3).shape, numtorch.arange(5).dtype, numtorch.full((2,), 1.5).dtype
(torch.Size([2, 3]), torch.int64, torch.float32)
"""
import math
import os
import warnings

import numpy as np

from . import _dtype as D
from ._convert import cast, check_scalar, fresh, preserve_copy
from ._creation import finish, parse_dtype
from ._device import CPU, get_default_device
from ._argparse import (REQUIRED, arg_dims, arg_dtype, arg_index, arg_int_list, arg_kind, arg_long,
                        arg_number, arg_place, arg_size, arg_type_name, check_kernel,
                        invalid_args, missing_args, new_tensor)
from ._interop.sequence import storage_np
from ._tensor import Tensor, channels_last, preserve_format, wrap
from ._tensor import memory_format as MemoryFormat

__all__ = ["zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like",
           "full_like", "arange", "linspace", "logspace", "eye", "like_layout", "laid_out",
           "filled", "filled_with", "layout", "strided", "arg_layout", "arg_out", "into",
           "channels_last_3d"]


class layout:
    """How a tensor's elements are stored; `strided` is the only one numtorch has."""

    __slots__ = ("_name",)
    parser_name = "torch.layout"  # its name in PyTorch's argument errors

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return "torch." + self._name

    def __reduce__(self):
        return self._name


strided = layout("strided")
channels_last_3d = MemoryFormat("channels_last_3d")


def arg_layout(fn, value):
    """Check a `layout=` argument (None or `strided`)."""
    if value is not None and value is not strided:
        raise TypeError(f"{fn}(): argument 'layout' must be torch.layout, not "
                        f"{arg_type_name(value)}")


def arg_out(fn, out, dtype):
    """Check an `out=` argument; the dtype the result is computed in (`out`'s when given)."""
    if out is None:
        return dtype
    if not isinstance(out, Tensor):
        raise TypeError(f"{fn}(): argument 'out' must be Tensor, not {arg_type_name(out)}")
    if dtype is not None and dtype is not out.dtype:
        raise RuntimeError(f"dtype {D.SCALAR_NAME[dtype]} does not match dtype of out "
                           f"parameter ({D.SCALAR_NAME[out.dtype]})")
    from ._ops.registry import out_allowed  # the op layer sits above the factories
    out_allowed(f"aten::{fn}", (out,))
    return out.dtype


def into(out, a, requires_grad):
    """The factory result holding array `a`: a new tensor, or `out` resized (silently, as
    PyTorch's factories resize) and overwritten."""
    if out is None:
        return new_tensor(a, requires_grad)
    from ._ops.registry import resize_out, write_into
    if out.shape != a.shape:
        resize_out(out, a.shape, warn=False)
    return finish(write_into(out, a), requires_grad)


# ---- values as PyTorch converts them -------------------------------------------------------
_HALF = frozenset((D.float16, D.bfloat16, D.float8_e4m3fn, D.float8_e5m2))
_INTS = frozenset((D.uint8, D.int8, D.int16, D.int32, D.int64))
_REAL = _INTS | {D.float16, D.bfloat16, D.float32, D.float64}  # arange's kernel
_RANGE = _REAL | {D.complex64, D.complex128}  # linspace's and logspace's
_EYE = frozenset(D.ALL) - {D.uint16, D.uint32, D.uint64, D.complex32}


def _convert(v, dtype):
    """`check_scalar`, also taking complex numbers with no imaginary part for real dtypes and
    range-checking ints for half-precision floats (as PyTorch)."""
    if isinstance(v, complex) and not v.imag and not dtype.is_complex:
        v = v.real
    elif isinstance(v, int) and dtype in _HALF and -2**63 <= v < 2**64:
        v = float(v)
    return check_scalar(v, dtype)


def _double(v):
    """`v` as PyTorch's `Scalar::to<double>()` reads it."""
    if type(v) is float or type(v) is int and -2**63 <= v < 2**64:
        return float(v)
    return float(_convert(v, D.float64))


def _int64(v):
    """`v` as PyTorch's `Scalar::to<int64_t>()` reads it (truncated, overflow checked)."""
    return v if type(v) is int and -2**63 <= v < 2**63 else int(_convert(v, D.int64))


def _fill(v, dtype, numel):
    """Number `v` as `fill_` stores it in a tensor of `numel` elements. Half-precision floats
    go through float; a lone element is only checked against double (overflow gives inf, or
    +-448 in float8_e4m3fn)."""
    if dtype not in _HALF:
        return _convert(v, dtype)
    with np.errstate(over="ignore"):
        v = np.float32(_convert(v, D.float64 if numel == 1 else dtype))
    return np.clip(v, -448, 448) if dtype is D.float8_e4m3fn else v


def _two_sum(x, y):
    s = x + y
    z = s - x
    return s, (x - (s - z)) + (y - z)  # x + y == s + error, exactly


def _odd(s, err):
    """`s`, a sum rounded to nearest with exact error `err`, rounded to odd instead (even
    and inexact: one ulp towards the exact sum)."""
    bits = s.view(np.int64)
    fix = (bits & 1 == 0) & (err != 0) & np.isfinite(err)
    return (bits + fix * np.where((err > 0) == (s > 0), 1, -1)).view(np.float64)


def _fma(a, k, c):
    """`a * k + c` rounded once to float64, as the fused multiply-adds PyTorch's compiler
    emits, for a float `a` and integers `k` below 2**27 (Boldo and Melquiond's emulation:
    an exact product and sum, rounded to odd)."""
    k, c = np.asarray(k, np.float64), np.asarray(c, np.float64)
    with np.errstate(all="ignore"):
        p = a * k
        hi = a * 134217729.0 - (a * 134217729.0 - a)  # Dekker's split: a == hi + (a - hi)
        e = (hi * k - p) + (a - hi) * k  # a * k == p + e exactly
        if not e.any():
            return p + c
        s, t = _two_sum(c, p)
        r = s + _odd(*_two_sum(t, e))
    return np.where(np.isfinite(r), r, p + c)


def _fma32(a, k, c):
    """`a * k + c` rounded once to float32, for float32 `a` and `c` and integers `k` (the
    product is exact in double; the sum is rounded to odd there)."""
    with np.errstate(all="ignore"):
        s, t = _two_sum(np.asarray(c, np.float64), np.float64(a) * np.asarray(k, np.float32))
        return (_odd(s, t) if t.any() else s).astype(np.float32)


# ---- zeros / ones / empty / full and *_like ----------------------------------------------
def laid_out(fn, shape, dtype, memory_format=None, like=None):
    """An uninitialised array of `shape` in `memory_format` (`like`'s layout for
    preserve_format, as `preserve_copy`)."""
    np_dtype = storage_np(dtype)
    if memory_format is None or memory_format is preserve_format:
        if like is not None:
            return preserve_copy(like, np_dtype)
        if memory_format is not None:
            raise RuntimeError("unsupported memory format Preserve")
    elif memory_format is channels_last or memory_format is channels_last_3d:
        rank = 4 if memory_format is channels_last else 5
        if len(shape) != rank:
            raise RuntimeError(f"required rank {rank} tensor to use {memory_format._name} "
                               "format")
        order = (1,) + tuple(range(rank - 1, 1, -1)) + (0,)  # innermost first: C, W, H, (D,) N
        strides, acc = [0] * rank, 1
        for d in order:
            strides[d] = acc
            acc *= shape[d]
        base = np.empty(max(acc, 1), np_dtype)
        return np.lib.stride_tricks.as_strided(base, shape, tuple(s * base.itemsize
                                                                  for s in strides))
    elif not isinstance(memory_format, MemoryFormat):
        raise TypeError(f"{fn}(): argument 'memory_format' must be torch.memory_format, not "
                        f"{arg_type_name(memory_format)}")
    return fresh(np.empty(shape, np_dtype))


def filled(fn, make, args, size, dtype, device, pin_memory, requires_grad, memory_format=None,
           layout=None, out=None):
    """`zeros`/`ones`/`empty` (and the `new_*` methods, with their `fn`) of array maker
    `make`."""
    shape = arg_dims(fn, arg_size(fn, args, size))
    dtype = arg_out(fn, out, parse_dtype(dtype, fn)) or D.get_default_dtype()
    arg_layout(fn, layout)
    arg_place(fn, device, pin_memory)
    if memory_format is not None:
        return finish(wrap(laid_out(fn, shape, dtype, memory_format)), requires_grad)
    return into(out, make(shape, storage_np(dtype)), requires_grad)


def zeros(*args, size=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
          requires_grad=False):
    """A tensor of zeros."""
    if len(args) == 1 and type(args[0]) is int and args[0] > 0 and dtype is None \
            and device is None and size is None and not requires_grad and not pin_memory \
            and out is None and layout is None and get_default_device() is CPU:
        return wrap(np.zeros(args[0], D.get_default_dtype().np))
    return filled("zeros", np.zeros, args, size, dtype, device, pin_memory, requires_grad,
                  layout=layout, out=out)


def ones(*args, size=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
         requires_grad=False):
    """A tensor of ones."""
    return filled("ones", np.ones, args, size, dtype, device, pin_memory, requires_grad,
                  layout=layout, out=out)


def empty(*args, size=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
          requires_grad=False, memory_format=None):
    """An uninitialised tensor."""
    return filled("empty", np.empty, args, size, dtype, device, pin_memory, requires_grad,
                  memory_format, layout, out)


def _fill_value(fn, fill_value):
    if fill_value is REQUIRED:
        raise missing_args(fn, ["fill_value"])
    value = arg_number(fill_value)
    if value is None:
        raise TypeError(f"{fn}(): argument 'fill_value' (position 2) must be Number, not "
                        f"{arg_type_name(fill_value)}")
    return value


def _put(a, value, dtype):
    with np.errstate(over="ignore"):
        a[...] = _fill(value, dtype, a.size)
    return a


def full(size=REQUIRED, fill_value=REQUIRED, *, out=None, dtype=None, layout=None, device=None,
         pin_memory=False, requires_grad=False):
    """A tensor filled with `fill_value` (dtype inferred from it)."""
    return filled_with("full", size, fill_value, out, dtype, None, layout, device, pin_memory,
                       requires_grad)


def filled_with(fn, size, fill_value, out, dtype, like_dtype, layout, device, pin_memory,
                requires_grad):
    """`full` (and `new_full`: its dtype defaults to `like_dtype`, not the value's kind)."""
    if size is REQUIRED:
        raise missing_args(fn, ["size", "fill_value"])
    shape = arg_int_list(fn, "size", size, 1)
    value = _fill_value(fn, fill_value)
    dtype = arg_out(fn, out, parse_dtype(dtype, fn)) or like_dtype or arg_kind(value)
    arg_layout(fn, layout)
    arg_place(fn, device, pin_memory)
    a = np.empty(arg_dims(fn, shape), storage_np(dtype))
    return into(out, _put(a, value, dtype), requires_grad)


def like_layout(fn, input, dtype, device, memory_format, layout=None):
    """An uninitialised array shaped and laid out as `*_like(input)` makes it, and its dtype."""
    if input is REQUIRED:
        raise missing_args(fn, ["input"])
    if not isinstance(input, Tensor):
        raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not "
                        f"{arg_type_name(input)}")
    dtype = parse_dtype(dtype, fn) or input.dtype
    arg_layout(fn, layout)
    if device is not None:
        arg_place(fn, device)
    return laid_out(fn, input.shape, dtype, memory_format, input._a), dtype


def zeros_like(input=REQUIRED, *, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None):
    a, _ = like_layout("zeros_like", input, dtype, device, memory_format, layout)
    a[...] = 0
    return finish(wrap(a), requires_grad)


def ones_like(input=REQUIRED, *, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None):
    a, _ = like_layout("ones_like", input, dtype, device, memory_format, layout)
    a[...] = 1
    return finish(wrap(a), requires_grad)


def empty_like(input=REQUIRED, *, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None):
    a, _ = like_layout("empty_like", input, dtype, device, memory_format, layout)
    return finish(wrap(a), requires_grad)


def full_like(input=REQUIRED, fill_value=REQUIRED, *, dtype=None, layout=None, device=None,
              requires_grad=False, memory_format=None):
    a, dtype = like_layout("full_like", input, dtype, device, memory_format, layout)
    return finish(wrap(_put(a, _fill_value("full_like", fill_value), dtype)), requires_grad)


# ---- arange / linspace / logspace / eye ----------------------------------------------------
_AVX2, _GRAIN = 32, 32768  # bytes per vector in ATen's AVX2 kernels; its parallel grain
# PyTorch's intra-op threads (its default is the physical cores; OMP_NUM_THREADS sets it)
_THREADS = int(os.environ.get("OMP_NUM_THREADS") or 0) or os.cpu_count() or 1


def arange(start=REQUIRED, end=REQUIRED, step=REQUIRED, *, out=None, dtype=None, layout=None,
           device=None, pin_memory=False, requires_grad=False):
    """Values from `start` to `end` (exclusive) by `step`; int64 unless a bound is not an int."""
    given = [v for v in (start, end, step) if v is not REQUIRED]
    if end is REQUIRED:
        if step is not REQUIRED:
            raise missing_args("arange", ["end"])
        if start is REQUIRED:
            raise invalid_args("arange", ())
        start, end = 0, start
    start, end, step = (arg_number(d if v is REQUIRED else v) for v, d in ((start, 0), (end, 0),
                                                                    (step, 1)))
    if None in (start, end, step):
        if len(given) == 1:
            raise TypeError(f"arange(): argument 'end' (position 1) must be Number, not "
                            f"{arg_type_name(given[0])}")
        raise invalid_args("arange", given)
    integral = all(isinstance(v, int) for v in (start, end, step))
    dtype = arg_out("arange", out, arg_dtype("arange", dtype, (given, {}))) or (
        D.int64 if integral else D.get_default_dtype())
    arg_layout("arange", layout)
    arg_place("arange", device, pin_memory)
    check_kernel("arange_cpu", dtype, _REAL)
    a = _arange(start, end, step, dtype)
    if out is not None and out.numel() and out.numel() != a.size:
        warnings.warn(f"The number of elements in the out tensor of shape {list(out.shape)} is "
                      f"{out.numel()} which does not match the computed number of elements "
                      f"{a.size}. Note that this may occur as a result of rounding error. The out "
                      f"tensor will be resized to a tensor of shape ({a.size},).", UserWarning,
                      stacklevel=2)
    return into(out, a, requires_grad)


def _arange(start, end, step, dtype):
    """PyTorch's CPU arange: bounds checked in double, the length computed in int64 for
    int64 (in double otherwise)."""
    s, e, st = (_double(v) for v in (start, end, step))
    if not (st > 0 or st < 0):
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(s) and math.isfinite(e)):
        raise RuntimeError(f"unsupported range: {s:g} -> {e:g}")
    if st > 0 and e < s or st < 0 and e > s:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if dtype is D.int64:
        xs, xe, xst = (_int64(v) for v in (start, end, step))
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
        xs, xst = _int64(start), _int64(step)
        if xst and abs(xs) + n * abs(xst) < 2**63:
            return np.arange(xs, xs + n * xst, xst, dtype=np.int64).astype(dtype.np, copy=False)
        return (np.arange(n, dtype=np.int64) * xst + xs).astype(dtype.np)  # wrapping
    with np.errstate(over="ignore", invalid="ignore"):
        return _arange_float(start, step, n, dtype)


def _arange_float(start, step, n, dtype):
    """The vectorised kernel on one chunk per thread: each AVX2 vector restarts from
    `start + step * i` rounded to `dtype` (a chunk's tail goes element by element), in
    double (float for half types), fused (bar bfloat16's vector code)."""
    size = -(-n // min(_THREADS, -(-n // _GRAIN))) if n >= _GRAIN else max(n, 1)
    width = _AVX2 // dtype.itemsize
    if dtype.itemsize >= 4:
        s, st, fma = _double(start), _double(step), _fma
    else:
        s, st = (np.float32(_convert(v, D.float32)) for v in (start, step))
        fma = _fma32

    def values(i):
        r = i % size if size < n else i  # the position in its chunk
        j = r & (width - 1)
        rest = np.minimum(size, n - (i - r)) if size < n else n  # the length of its chunk
        vectorised = r < rest - rest % (2 * width)
        first = fma(st, np.where(vectorised, i - j, i), s)  # block starts, and the tails
        base = first.astype(dtype.np).astype(first.dtype)
        body = base + st * j.astype(base.dtype) if dtype is D.bfloat16 else fma(st, j, base)
        return np.where(vectorised, body, first)
    return _blockwise(n, dtype.np, values)


def _blockwise(n, np_dtype, values):
    """`values(i)` for the indices 0..n-1, a block at a time (the temporaries stay small)."""
    out = np.empty(n, np_dtype)
    for lo in range(0, n, 1 << 15):
        out[lo:lo + (1 << 15)] = values(np.arange(lo, min(n, lo + (1 << 15))))
    return out


def _space_args(fn, start, end, steps, dtype, extra=None, out=None, layout=None):
    """linspace/logspace arguments as PyTorch checks them: (start, end, steps, dtype)."""
    given = [v for v in (start, end, steps) if v is not REQUIRED]
    n = arg_index(steps)
    if n is None or any(arg_number(v) is None and not isinstance(v, Tensor) for v in (start, end)):
        raise invalid_args(fn, given, extra)
    tensors = [(k, v) for k, v in (("start", start), ("end", end)) if isinstance(v, Tensor)]
    if any(v.ndim for _, v in tensors):
        got = " and ".join(f"{k} with {v.ndim} dimension(s)" for k, v in tensors)
        raise RuntimeError(f"{fn} only supports 0-dimensional start and end tensors, but got "
                           f"{got}.")
    if n < 0:
        raise RuntimeError("number of steps must be non-negative")
    start, end = arg_number(start), arg_number(end)
    inferred = D.default_complex() if isinstance(start, complex) or isinstance(end, complex) \
        else D.get_default_dtype()
    dtype = arg_out(fn, out, arg_dtype(fn, dtype, (given, extra or {})))
    arg_layout(fn, layout)
    if dtype is None:
        dtype = inferred
    elif inferred.is_complex and not dtype.is_complex:
        raise RuntimeError(f"torch.{fn}(): inferred dtype {D.C_NAME[inferred]} can't be safely "
                           f"cast to passed dtype {D.SCALAR_NAME[dtype]}")
    return start, end, n, dtype


def linspace(start=REQUIRED, end=REQUIRED, steps=REQUIRED, *, out=None, dtype=None, layout=None,
             device=None, requires_grad=False):
    """`steps` evenly spaced values from `start` to `end` inclusive."""
    start, end, n, dtype = _space_args("linspace", start, end, steps, dtype, None, out, layout)
    arg_place("linspace", device)
    if n < 2:  # nothing, or fill_(start)
        a = np.empty(n, storage_np(dtype))
        return into(out, _put(a, start, dtype) if n else a, requires_grad)
    check_kernel("linspace_cpu", dtype, _RANGE)
    with np.errstate(over="ignore", invalid="ignore"):
        if not dtype.is_complex:
            return into(out, _linspace(start, end, n, dtype), requires_grad)
        start, end = (complex(_convert(v, dtype)) for v in (start, end))
        a = np.empty(n, dtype.np)
        a.real = _linspace(start.real, end.real, n, dtype.to_real())
        a.imag = _linspace(start.imag, end.imag, n, dtype.to_real())
    return into(out, a, requires_grad)


def _halves(i, n):
    """Whether indices `i` of `n` count from the start (the first half does), and their
    signed distance in steps from the end they count from."""
    first = i < n // 2
    return first, np.where(first, i, i - (n - 1))


def _linspace(start, end, n, dtype):
    """PyTorch's CPU linspace kernel for a real dtype (step and arithmetic in `dtype`, double
    for integers; fused multiply-adds)."""
    s, e = (_convert(v, dtype) for v in (start, end))
    if dtype._cat == 1:
        s, e, step = float(s), float(e), (float(e) - float(s)) / (n - 1)
        fma = _fma
    elif dtype is D.float64:
        step, fma = (e - s) / (n - 1), _fma
    elif dtype is D.float32:
        s, e = np.float32(s), np.float32(e)
        step, fma = (e - s) / np.float32(n - 1), _fma32
    else:
        def r(x):  # half types compute in float, rounding each result to the type
            return np.asarray(x, np.float32).astype(dtype.np).astype(np.float32)
        s, e, last = r([s, e, n - 1])
        step = r(r(e - s) / last)

        def fma(step, k, base):
            return base + r(step * r(k))

    def values(i):
        first, k = _halves(i, n)
        return fma(step, k, np.where(first, s, e))
    return _blockwise(n, dtype.np, values)


def logspace(start=REQUIRED, end=REQUIRED, steps=REQUIRED, base=10.0, *, out=None, dtype=None,
             layout=None, device=None, requires_grad=False):
    """`base` raised to `steps` evenly spaced exponents from `start` to `end`."""
    b = arg_number(base)
    extra = {} if isinstance(base, float) and base == 10.0 else {"base": base}
    if b is None or isinstance(b, complex):
        raise invalid_args("logspace", [v for v in (start, end, steps) if v is not REQUIRED], extra)
    start, end, n, dtype = _space_args("logspace", start, end, steps, dtype, extra, out, layout)
    arg_place("logspace", device)
    b = float(b)
    with np.errstate(all="ignore"):
        if n < 2:  # nothing, or fill_(base ** start); std::pow(double, complex) is polar
            x = complex(start) if dtype.is_complex else float(start.real)
            x = (np.power(b, x.real) * np.exp(1j * x.imag * np.log(b)) if b > 0 else
                 np.exp(x * np.log(complex(b)))) if dtype.is_complex else np.power(b, x)
            a = np.empty(n, storage_np(dtype))
            return into(out, _put(a, x.item(), dtype) if n else a, requires_grad)
        check_kernel("logspace_cpu", dtype, _RANGE)
        first, k = _halves(np.arange(n), n)
        if dtype.is_complex:  # c10's step (divided as by a complex), std::pow's exp(x log b)
            real, cplx = dtype.to_real().np.type, dtype.np.type
            s, e = (cplx(_convert(v, dtype)) for v in (start, end))
            x = np.where(first, s, e) + (e - s) * (1 / real(n - 1)) * k.astype(real)
            return into(out, np.exp(x * np.log(cplx(b))), requires_grad)
        s, e = (_convert(v, dtype) for v in (start, end))
        if dtype._cat == 2 and dtype.itemsize < 8:  # the bounds and their difference in dtype
            s, e = np.array([s, e], np.float32).astype(dtype.np).astype(np.float32)
            diff = np.float32(e - s).astype(dtype.np)
        else:
            diff = e - s
        a = np.power(b, np.where(first, s, e) + float(diff) / (n - 1) * k)  # not fused
        a = a.astype(np.float32) if dtype in _HALF else a
    return into(out, cast(a, dtype), requires_grad)


def eye(n=REQUIRED, m=REQUIRED, *, out=None, dtype=None, layout=None, device=None,
        pin_memory=False, requires_grad=False):
    """The identity matrix (n x m)."""
    given = [v for v in (n, m) if v is not REQUIRED]
    if n is REQUIRED:
        raise missing_args("eye", ["n"]) if m is not REQUIRED else invalid_args("eye", ())
    if m is REQUIRED:
        if arg_index(n) is None:
            raise TypeError(f"eye(): argument 'n' (position 1) must be int, not {arg_type_name(n)}")
        m = n
    elif arg_index(n) is None or arg_index(m) is None:
        raise invalid_args("eye", given)
    n, m = arg_long(arg_index(n)), arg_long(arg_index(m))
    dtype = arg_out("eye", out, arg_dtype("eye", dtype, (given, {}))) or D.get_default_dtype()
    arg_layout("eye", layout)
    arg_place("eye", device, pin_memory)
    if n < 0:
        raise RuntimeError(f"n must be greater or equal to 0, got {n}")
    if m < 0:
        raise RuntimeError(f"m must be greater or equal to 0, got {m}")
    check_kernel("eye", dtype, _EYE)
    return into(out, np.eye(n, m, dtype=dtype.np), requires_grad)
