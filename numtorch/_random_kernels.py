"""PyTorch's CPU sampling kernels on NumPy arrays, drawing from a `Generator` in PyTorch's
order (ATen's DistributionTemplates.h, TransformationHelper.h and avx_mathfun.h), so seeded
streams match PyTorch's element for element.

>>> from numtorch._random_engine import Generator
>>> uniform(Generator().manual_seed(0), 3, np.float32).tolist()
[0.49625658988952637, 0.7682217955589294, 0.08847743272781372]
"""
import math

import numpy as np

from ._backend.quiet import quiet

__all__ = ["uniform", "normal_doubles", "normal_fill", "fma", "uniform_ints", "full_range_ints",
           "random_ints", "iteration_order", "fill_in_order"]

_F = np.float32
_BITS = {np.dtype(np.float64): 53, np.dtype(np.float32): 24}


def uniform(gen, n, opmath, lo=0.0, hi=1.0):
    """`n` samples of PyTorch's uniform_real_distribution<opmath>(lo, hi)."""
    opmath = np.dtype(opmath)
    bits = _BITS[opmath]
    r = gen.raw64(n) if bits == 53 else gen.raw32(n)
    x = (r & np.uint64((1 << bits) - 1)).astype(opmath) * opmath.type(2.0 ** -bits)
    if lo == 0.0 and hi == 1.0:
        return x
    lo, hi = opmath.type(lo), opmath.type(hi)
    return fma(x, hi - lo, lo)


def normal_doubles(gen, n):
    """`n` standard normals from PyTorch's scalar Box-Muller (normal_distribution<double>),
    using and refilling the generator's cached second sample."""
    out = np.empty(n)
    i = 0
    if n and gen.normal_cache is not None:
        out[0], gen.normal_cache, i = gen.normal_cache, None, 1
    pairs = (n - i + 1) // 2
    if pairs:
        u = uniform(gen, 2 * pairs, np.float64)
        r = np.sqrt(-2.0 * np.log1p(-u[1::2]))
        theta = 2.0 * math.pi * u[0::2]
        both = np.empty(2 * pairs)
        both[0::2], both[1::2] = r * np.cos(theta), r * np.sin(theta)
        out[i:] = both[:n - i]
        if (n - i) % 2:
            gen.normal_cache = float(both[-1])
    return out


def normal_fill(gen, n, opmath, mean, std, buffered=False):
    """PyTorch's `normal_fill` for a contiguous tensor of `n` >= 16 elements: uniforms turned
    by Box-Muller in blocks of 16, the last partial block redrawn over the tail. In place
    (float, double) all `n` uniforms are drawn first; `buffered` (half, bfloat16) draws only
    the whole blocks."""
    full = n - n % 16
    u = uniform(gen, full if buffered else n, opmath)
    out = _box_muller_16(u[:full], opmath, mean, std)
    if full == n:
        return out
    tail = _box_muller_16(uniform(gen, 16, opmath), opmath, mean, std)
    return np.concatenate([out[:n - 16], tail])


def _box_muller_16(u, opmath, mean, std):
    blocks = u.reshape(-1, 2, 8)
    if opmath == np.float64:
        u1, u2 = 1.0 - blocks[:, 0], blocks[:, 1]
        radius = np.sqrt(-2.0 * np.log(u1))
        theta = 2.0 * math.pi * u2
        out = np.stack([radius * np.cos(theta), radius * np.sin(theta)], 1)
        return fma(out.reshape(-1), std, mean)
    u1, u2 = _F(1) - blocks[:, 0], blocks[:, 1]
    radius = np.sqrt(_F(-2) * _log_ps(u1))
    sin, cos = _sincos_ps(_F(2.0 * math.pi) * u2)
    out = np.stack([radius * cos, radius * sin], 1).reshape(-1)
    return fma(out, _F(std), _F(mean))


def fma(a, b, c):
    """`a * b + c` rounded once, as the fused multiply-add PyTorch's compiler emits: in
    float64 for float32 (the product is exact there), else by Dekker's exact product."""
    a = np.asarray(a)
    if np.ndim(b) == 0 == np.ndim(c) and b == 1 and c == 0:  # exact already
        return a
    if a.dtype == _F:
        return (a.astype(np.float64) * np.float64(b) + np.float64(c)).astype(_F)
    sa, sb = _scale(a), _scale(b)  # Veltkamp's split overflows past 2**996: scale by 2**-128
    r = quiet(_dekker_fma, a * sa, b * sb, c * (sa * sb))
    return r if sa == sb == 1.0 else quiet(np.divide, r, sa * sb)


def _scale(x):
    return 2.0 ** -128 if np.max(np.abs(x), initial=0.0) > 2.0 ** 900 else 1.0


def _dekker_fma(a, b, c):
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(np.float64(b))
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    s = p + c
    v = s - p
    return s + (((p - (s - v)) + (c - v)) + e)


def _split(x):
    t = 134217729.0 * x  # Veltkamp: 2**27 + 1
    hi = t - (t - x)
    return hi, x - hi


def _log_ps(x):
    """avx_mathfun's log256_ps (cephes logf) in float32, step for step, with the
    multiply-adds GCC fuses."""
    x = np.maximum(x, _F(np.finfo(_F).tiny))
    bits = x.view(np.int32)
    e = ((bits >> 23) - 0x7F).astype(_F) + _F(1)
    x = (bits & ~0x7F800000 | 0x3F000000).view(_F)
    mask = x < _F(0.707106781186547524)
    tmp = np.where(mask, x, _F(0))
    x = x - _F(1)
    e = e - mask.astype(_F)
    x = x + tmp
    z = x * x
    y = _F(7.0376836292E-2)
    for p in (-1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
              -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1):
        y = fma(y, x, _F(p))
    y = fma(y * x, z, e * _F(-2.12194440e-4))
    y = fma(-z, _F(0.5), y)
    return fma(e, _F(0.693359375), x + y)


def _sincos_ps(x):
    """avx_mathfun's sincos256_ps (cephes sinf/cosf) in float32, for x >= 0."""
    j = (x * _F(1.27323954473516)).astype(np.int32)
    j = (j + 1) & ~1
    y = j.astype(_F)
    sin_sign = (j & 4) != 0
    poly = (j & 2) == 0
    x = fma(y, _F(-0.78515625), x)
    x = fma(y, _F(-2.4187564849853515625e-4), x)
    x = fma(y, _F(-3.77489497744594108e-8), x)
    cos_sign = ((j - 2) & 4) == 0
    z = x * x
    c = fma(fma(_F(2.443315711809948E-005), z, _F(-1.388731625493765E-003)), z,
            _F(4.166664568298827E-002)) * z
    c = fma(c, z, -(z * _F(0.5))) + _F(1)
    s = fma(fma(_F(-1.9515295891E-4), z, _F(8.3321608736E-3)), z, _F(-1.6666654611E-1)) * z
    s = fma(s, x, x)
    sin = np.where(poly, s, c)
    cos = np.where(poly, c, s)
    return np.where(sin_sign, -sin, sin), np.where(cos_sign, -cos, cos)


def uniform_ints(gen, n, span, base):
    """PyTorch's uniform_int_from_to: `(draw % span) + base` as int64 (64-bit draws from a
    span of 2**28 up)."""
    r = gen.raw64(n) if span >= 1 << 28 else gen.raw32(n)
    return (r % np.uint64(span) + np.uint64(base % 2**64)).view(np.int64)


def full_range_ints(gen, n):
    """random_(from=int64 min): a whole 64-bit draw as int64."""
    return gen.raw64(n).view(np.int64)


def random_ints(gen, n, dtype, digits=None):
    """`random_()` without bounds: PyTorch's uniform_int for `dtype` (`digits`: the mantissa
    bits of a floating dtype)."""
    wide = dtype in (np.int64, np.float64)
    r = gen.raw64(n) if wide else gen.raw32(n)
    if dtype == np.bool_:
        return r & np.uint64(1)
    if digits is not None:
        return r % np.uint64((1 << digits) + 1)
    return r % np.uint64(int(np.iinfo(dtype).max) + 1)


def iteration_order(a):
    """None when PyTorch's TensorIterator visits array `a` in C order, else the C-order flat
    positions in the order it visits them (memory order)."""
    if a.flags.c_contiguous:
        return None
    offsets = np.zeros((), np.int64)
    for size, stride in zip(a.shape, a.strides):
        offsets = np.add.outer(offsets, np.arange(size) * stride)
    return np.argsort(offsets.reshape(-1), kind="stable")


def fill_in_order(a, values):
    """Write `values` (in draw order) into array `a` in PyTorch's iteration order."""
    order = iteration_order(a)
    if order is None:
        a.reshape(-1)[...] = values
        return
    out = np.empty(a.size, values.dtype)
    out[order] = values
    with np.errstate(all="ignore"):
        np.copyto(a, out.reshape(a.shape), casting="unsafe")
