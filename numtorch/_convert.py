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
           "non_overlapping_and_dense",
           "fresh", "to_python", "EXTENDED"]

# NumPy dtypes from ml_dtypes: no Python scalar type of their own, NumPy kind 'V'.
EXTENDED = frozenset(d.np for d in (D.bfloat16, D.float8_e4m3fn, D.float8_e5m2))
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


def _dense_strides(shape, strides):
    """PyTorch's `infer_dense_strides`: dense strides (elements) keeping the input's order of
    dims by stride; stride-0 dims keep their contiguous place."""
    ndim = len(shape)
    perm = list(range(ndim - 1, -1, -1))  # innermost first

    def should_swap(d0, d1):
        s0, s1 = strides[d0], strides[d1]
        if s0 == 0 or s1 == 0:
            return 0
        if s0 != s1:
            return 1 if s0 > s1 else -1
        return 1 if shape[d0] > shape[d1] else 0

    for i in range(1, ndim):
        d1 = i
        for d0 in range(i - 1, -1, -1):
            c = should_swap(perm[d0], perm[d1])
            if c > 0:
                perm[d0], perm[d1] = perm[d1], perm[d0]
                d1 = d0
            elif c < 0:
                break
    out, acc = [0] * ndim, 1
    for d in perm:
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
    base = np.empty(max(a.size, 1), np_dtype)
    return np.lib.stride_tricks.as_strided(base, a.shape,
                                           tuple(s * np_dtype.itemsize for s in strides))


def cast(a, dtype):
    """`a` converted to `dtype` as PyTorch's `to` converts, in a new array (layout as
    `preserve_copy`)."""
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
            # C-style truncation through a 64- or 32-bit integer, as PyTorch's casts do.
            a = a.astype(np.int64 if dtype.itemsize == 8 else np.int32)
        np.copyto(out, a, casting="unsafe")
    return out
