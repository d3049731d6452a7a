"""Statistics and normalisations: std/var (and with the mean), logsumexp, softmax and
log_softmax, with PyTorch's arguments, dtypes, warnings and node names.

>>> import numtorch
>>> x = numtorch.tensor([[1., 2.], [3., 5.]])
>>> x.var(dim=0).tolist(), x.var(correction=0).item()
([2.0, 4.5], 2.1875)
>>> x.softmax(dim=-1)
tensor([[0.2689, 0.7311],
        [0.1192, 0.8808]])
"""
import sys
import warnings

import numpy as np

from .. import _dtype as D
from .._backend.quiet import quiet
from . import grad_reduction as G
from .grad_reduction import RESULT
from .reduction import (F32, HALF, LIMITED, REQUIRED, axes_of, bad_args, check_input, count,
                        dim_int, dtype_arg, emit, finish, not_implemented, one_axis, pair,
                        register)

__all__ = ["std", "var", "std_mean", "var_mean", "logsumexp", "softmax", "log_softmax"]

ADD, MAXIMUM = np.add.reduce, np.maximum.reduce


def _correction(name, dim, unbiased, correction):
    if unbiased is not None and correction is not None:
        raise bad_args(name, dim, unbiased, correction)
    if unbiased is not None:
        if not isinstance(unbiased, bool):
            raise bad_args(name, dim, unbiased)
        return int(unbiased)
    return 1 if correction is None else correction


def _moments(name, input, dim, unbiased, keepdim, correction):
    """(variance, mean) arrays over `dim`, finished (`keepdim` applied), and the arguments
    of their backward (shape, dims given or None, correction, keepdim)."""
    a = check_input(input, name)._a
    if type(dim) is bool:  # std(input, unbiased)
        dim, unbiased = None, dim
    corr = _correction(name, dim, unbiased, correction)
    if input.dtype._cat < 2:
        which = "std and var" if name in ("std", "var") else name
        raise RuntimeError(f"{which} only support floating point and complex dtypes")
    axes = axes_of(dim, a.ndim, name)
    n = count(a.shape, axes)
    kept = 1 if axes is None else count(a.shape, [i for i in range(a.ndim) if i not in axes])
    dof = a.size // max(kept, 1) - corr  # PyTorch's reduction factor: numel in / numel out
    for _ in range(1 + (input.dtype._cat == 3)):  # complex: once for each part
        if dof <= 0:
            warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be "
                          "strictly less than the reduction factor (input numel divided by "
                          "output numel).", UserWarning, stacklevel=4)
    var, mu = quiet(_var_mean, a, axes, n, max(dof, 0))
    real = input.dtype.to_real().np
    return (finish(var, real, a.shape, axes, keepdim),
            finish(mu.reshape(var.shape), a.dtype, a.shape, axes, keepdim),
            (a.shape, None if dim is None else axes or (), corr, keepdim))


def _var_mean(a, axes, n, dof):
    if a.dtype in HALF:
        a = a.astype(F32)
    if not a.ndim:
        a = a.reshape(1)
    mu = np.true_divide(ADD(a, axes, None, None, True), n)
    d = np.subtract(a, mu)
    if d.dtype.kind == "c":
        d = np.abs(d)
    ss = ADD(np.multiply(d, d, out=d), axes)
    return np.true_divide(ss, dof), mu


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None, out=None):
    """Variance over `dim` with `correction` (Bessel's, 1, by default; `unbiased=False` is 0).
    """
    v, _, spec = _moments("var", input, dim, unbiased, keepdim, correction)
    return emit(v, "VarBackward0", input, out, G.var_back(*spec), (input,))


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None, out=None):
    """Standard deviation over `dim` (arguments as `var`)."""
    v, _, spec = _moments("std", input, dim, unbiased, keepdim, correction)
    return emit(np.sqrt(v, out=v), "StdBackward0", input, out, G.std_back(*spec),
                (input, RESULT))


def var_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """`(var, mean)` over `dim` (arguments as `var`)."""
    v, mu, spec = _moments("var_mean", input, dim, unbiased, keepdim, correction)
    return pair(tuple, v, mu, "VarMeanBackward0", input, None, G.moments_back(*spec, False),
                (input,))


def std_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """`(std, mean)` over `dim` (arguments as `var`)."""
    v, mu, spec = _moments("std_mean", input, dim, unbiased, keepdim, correction)
    return pair(tuple, np.sqrt(v, out=v), mu, "StdMeanBackward0", input, None,
                G.moments_back(*spec, True), (input, RESULT))


def _logsumexp(a, axes):
    """log(sum(exp(a - m))) + m over `axes` (kept as 1s), m the finite maximum (real part)."""
    if not a.ndim:
        a = a.reshape(1)
    real = a.real if a.dtype.kind == "c" else a
    if real.size:
        m = np.asarray(MAXIMUM(real, axes, None, None, True))
        m[np.isinf(m)] = 0
    else:
        m = np.zeros((1,) * a.ndim, real.dtype)
    s = ADD(np.exp(np.subtract(a, m)), axes, None, None, True)
    return np.add(np.log(s, out=s), m, out=s)


def logsumexp(input, dim=REQUIRED, keepdim=False, *, out=None):
    """log(sum(exp(input))) over `dim`, computed stably; integers give the default dtype."""
    a = check_input(input, "logsumexp")._a
    if dim is REQUIRED:
        dim_int(dim, "logsumexp")
    if dim is None:
        raise TypeError("logsumexp(): argument 'dim' (position 2) must be tuple of ints, not "
                        "NoneType")
    if isinstance(dim, (tuple, list)) and not dim and a.ndim:
        if a.size:
            raise RuntimeError(f"output with shape [] doesn't match the broadcast shape "
                               f"{[1] * a.ndim}")
        dim = tuple(range(a.ndim))  # PyTorch sums an empty input over every dim
    if input.dtype._cat < 2:
        a = a.astype(D.get_default_dtype().np)
    dt = a.dtype
    if dt in HALF:
        a = a.astype(F32)
    axes = axes_of(dim, a.ndim, "logsumexp", 2)
    r = quiet(_logsumexp, a, axes)
    r = r.reshape(()) if axes is None else r.squeeze(axes)
    return emit(finish(r, dt, a.shape, axes, keepdim), "LogsumexpBackward0", input, out,
                G.logsumexp_back(a.shape, axes, keepdim), (input, RESULT))


# ---- softmax -----------------------------------------------------------------------------
def _softmax(a, ax, log):
    r = np.subtract(a, MAXIMUM(a, ax, None, None, True), order="C")
    if log:
        s = ADD(np.exp(r), ax, None, None, True)
        return np.subtract(r, np.log(s, out=s), out=r)
    np.exp(r, out=r)
    return np.divide(r, ADD(r, ax, None, None, True), out=r)


def _softmax_like(name, input, dim, dtype, log):
    a = check_input(input, name)._a
    ax = one_axis(dim_int(dim, name, position=2), a.ndim)
    target = input.dtype if dtype is None else dtype_arg(dtype, name, 3)
    if (target._cat != 2 or target.np in LIMITED) and a.size:
        last = "lastdim_" if ax == a.ndim - 1 or a.ndim < 2 else ""
        raise not_implemented(f"{name}_{last}kernel_impl", target)
    if a.dtype != target.np:  # the input cast to `dtype` first (float16 rounds)
        a = a.astype(target.np)
    if target.np in HALF:
        a = a.astype(F32)
    if not a.size:
        r = a.copy()
    elif not a.ndim:
        r = quiet(_softmax, a.reshape(1), 0, log).reshape(())
    else:
        r = quiet(_softmax, a, ax, log)
    back = G.log_softmax_back(ax) if log else G.softmax_back(ax)
    return emit(finish(r, target.np), "LogSoftmaxBackward0" if log else "SoftmaxBackward0",
                input, None, back, (RESULT,))


def softmax(input, dim=REQUIRED, dtype=None):
    """exp(x) / sum(exp(x)) along `dim` (the input cast to `dtype` first, when given)."""
    return _softmax_like("softmax", input, dim, dtype, False)


def log_softmax(input, dim=REQUIRED, dtype=None):
    """log(softmax(x)) along `dim`, computed stably."""
    return _softmax_like("log_softmax", input, dim, dtype, True)


register(sys.modules[__name__], ["std", "var", "logsumexp", "softmax", "log_softmax"])
register(sys.modules[__name__], ["std_mean", "var_mean"], methods=False)
