"""Value conversions as PyTorch performs them: casts, Python scalars into dtypes, layouts of
copies, and PyTorch's once-per-process warnings.

>>> import numpy as np, numtorch
>>> from numtorch._convert import check_scalar
>>> check_scalar(-1, numtorch.uint8)
255
"""
import math
import warnings

import numpy as np

from . import _dtype as D

__all__ = ["warn_once", "check_scalar", "cast", "preserve_copy", "contiguous_strides",
           "non_overlapping_and_dense", "stride_order", "fresh", "to_python", "EXTENDED"]

# NumPy dtypes from ml_dtypes: no Python scalar type of their own, NumPy kind 'V'.
EXTENDED = frozenset(d.np for d in (D.bfloat16, D.float8_e4m3fn, D.float8_e5m2) + D.NAMED_ONLY)
_warned = set()


def warn_once(message, category=UserWarning, stacklevel=3):
    """Warn with `message` the first time only (PyTorch's TORCH_WARN_ONCE)."""
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, category, stacklevel=stacklevel + 1)


COMPLEX_TO_REAL = "Casting complex values to real discards the imaginary part"


def to_python(a0):
    """The Python scalar held by a 0-d array."""
    if a0.dtype in EXTENDED:
        return float(a0)
    return a0.item()


def check_scalar(v, dtype):
    """Python number `v` as a value for a `dtype` tensor, with PyTorch's overflow checks."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, int) and not -2**63 <= v < 2**64:
        raise OverflowError("int too big to convert")
    if dtype is D.bool:
        return bool(v)
    ok = True
    if dtype.is_complex:
        limit = D.finfo(dtype).max
        ok = all(not math.isfinite(x) or abs(x) <= limit for x in (v.real, v.imag))
    elif isinstance(v, complex):
        ok = False
    elif dtype.is_floating_point:
        ok = isinstance(v, int) or not math.isfinite(v) or abs(v) <= D.finfo(dtype).max
    else:
        info = np.iinfo(dtype.np)
        if isinstance(v, float):
            ok = math.isfinite(v) and info.min <= v <= info.max
            v = int(v) if ok else v
        else:
            lo = -2**63 if dtype is D.uint64 else -int(info.max) if info.min == 0 else info.min
            ok = lo <= v <= info.max
            if ok and v < 0 and info.min == 0:
                v %= 1 << info.bits
    if not ok:
        raise RuntimeError(f"value cannot be converted to type {D.C_NAME[dtype]} without "
                           "overflow")
    return v


def contiguous_strides(shape):
    """PyTorch's strides (in elements) of a contiguous tensor of `shape`."""
    strides, acc = [], 1
    for n in reversed(shape):
        strides.append(acc)
        acc *= max(n, 1)
    return tuple(reversed(strides))


def fresh(a):
    """A newly allocated array with PyTorch's strides (NumPy gives empty arrays 0 strides)."""
    if a.size or not a.ndim:
        return a
    strides = tuple(s * a.itemsize for s in contiguous_strides(a.shape))
    return np.lib.stride_tricks.as_strided(a, strides=strides)


def non_overlapping_and_dense(a):
    """PyTorch's `is_non_overlapping_and_dense` (strides of size-0/1 dims don't matter)."""
    dims = sorted((s, n) for s, n in zip(a.strides, a.shape) if n >= 2)
    expected = a.itemsize
    for s, n in dims:
        if s != expected:
            return False
        expected *= n
    return True


def stride_order(shape, operands):
    """PyTorch's TensorIterator order of dims, innermost first: by the strides (in any unit)
    of the first operand that tells two dims apart, a zero stride telling nothing, and ties
    to the smaller dim. `operands` holds one strides tuple per operand."""
    perm = list(range(len(shape) - 1, -1, -1))

    def should_swap(d0, d1):
        for st in operands:
            s0, s1 = st[d0], st[d1]
            if s0 == 0 or s1 == 0:
                continue
            if s0 != s1:
                return 1 if s0 > s1 else -1
            if shape[d0] > shape[d1]:
                return 1
        return 0

    for i in range(1, len(shape)):
        d1 = i
        for d0 in range(i - 1, -1, -1):
            c = should_swap(perm[d0], perm[d1])
            if c > 0:
                perm[d0], perm[d1] = perm[d1], perm[d0]
                d1 = d0
            elif c < 0:
                break
    return perm


def _dense_strides(shape, strides):
    """PyTorch's `infer_dense_strides`: dense strides (elements) keeping the input's order of
    dims by stride; stride-0 dims keep their contiguous place."""
    out, acc = [0] * len(shape), 1
    for d in stride_order(shape, [strides]):
        out[d] = acc
        if shape[d] > 1:
            acc *= shape[d]
    return out


def preserve_copy(a, np_dtype=None):
    """An uninitialised array laid out as PyTorch's `preserve_format` copies `a`: the same
    strides when `a` is empty or dense and non-overlapping, else dense strides in `a`'s order.
    """
    np_dtype = np.dtype(a.dtype if np_dtype is None else np_dtype)
    if a.size and a.flags.c_contiguous and all(n > 1 for n in a.shape):
        return np.empty(a.shape, np_dtype)
    if not a.size or non_overlapping_and_dense(a):
        strides = [s // a.itemsize for s in a.strides]
    else:
        strides = _dense_strides(a.shape, [s // a.itemsize for s in a.strides])
    base = np.empty(max(a.size, 1), np_dtype)  # (ndarray, not as_strided: ml_dtypes' float8)
    return np.ndarray(a.shape, np_dtype, base, 0, tuple(s * np_dtype.itemsize for s in strides))


def cast(a, dtype, out=None):
    """`a` converted to `dtype` as PyTorch's `to` converts, in a new array (laid out as
    `preserve_copy`, or the uninitialised array `out`)."""
    if out is None:
        out = preserve_copy(a, dtype.np)
    src = a.dtype
    if src.kind == "c" and dtype._cat < 3:
        if dtype is D.bool:
            out[...] = a != 0
            return out
        warn_once(COMPLEX_TO_REAL, stacklevel=3)
        a = a.real
        src = a.dtype
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if dtype._cat == 1 and (src.kind == "f" or src in EXTENDED):
            if dtype is D.uint32 or dtype is D.uint64:
                a = _float_to_uint(a, dtype)
            else:  # C-style truncation through a 64- or 32-bit integer, as PyTorch's casts do.
                a = a.astype(np.int64 if dtype.itemsize == 8 else np.int32)
        elif dtype is D.float8_e8m0fnu:  # PyTorch keeps only the exponent: 0 gives 2**-127
            a = np.where(a == 0, np.float32(2.0 ** -127), np.abs(a))
        np.copyto(out, a, casting="unsafe")
    return out


def _truncate(x, bits):
    """Float64 array `x` truncated to `bits`-bit signed integers as x86's cvtt* instructions
    do (the minimum when out of range or NaN), as int64."""
    lim = 2.0 ** (bits - 1)
    ok = (x > -lim - 1) & (x < lim)
    return np.where(ok, np.where(ok, x, 0).astype(np.int64), -2**(bits - 1))


_LANES = {np.dtype(np.float32): 8, D.bfloat16.np: 8, np.dtype(np.float64): 4}  # AVX2 lanes


def _float_to_uint(a, dtype):
    """Float array `a` cast to uint32/uint64 as PyTorch's CPU build casts (C leaves values out
    of range undefined): uint64 and the compiler-vectorised lanes of a contiguous float32 or
    float64 (or bfloat16) to uint32 cast go through signed truncation offset by 2**(bits - 1); other
    elements (half types, the loop's scalar tail, lone or strided ones) wrap from int64."""
    bits = 8 * dtype.itemsize
    if a.size == 1 and a.dtype == np.float64:
        a = a.astype(np.float32)  # a lone double is read through float
    x = a.astype(np.float64)
    half = 2.0 ** (bits - 1)
    big = x >= half
    offset = _truncate(np.where(big, x - half, x), bits).view(np.uint64) \
        + np.where(big, np.uint64(2**(bits - 1)), np.uint64(0))
    if bits == 64:
        return offset
    wrapped = _truncate(x, 64).astype(np.uint32)
    width = _LANES.get(a.dtype)
    if width is None or a.size < 2 or not a.flags.c_contiguous:
        return wrapped
    n = a.size
    lanes = n // width * width + (4 if a.dtype == np.float32 and n % 8 >= 4 else 0)  # epilogue
    vector = (np.arange(n) < lanes).reshape(a.shape)
    return np.where(vector, offset.astype(np.uint32), wrapped)
