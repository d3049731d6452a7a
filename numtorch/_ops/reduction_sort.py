"""Order statistics: sort, argsort, msort, topk, median, nanmedian, mode, cummax/cummin and
unique, with PyTorch's NaN ordering (NaN sorts last, and counts as the largest), tie-breaking
and result layouts.

Everything orders through one stable argsort, so ties keep their input order (descending
sorts too) as PyTorch's CPU kernels do.

>>> import numtorch
>>> numtorch.tensor([3., float('nan'), 1., 3.]).sort(descending=True).indices.tolist()
[1, 0, 3, 2]
>>> numtorch.tensor([2, 1, 1, 3]).median(), numtorch.tensor([2, 1, 1, 2]).mode().indices
(tensor(1), tensor(2))
"""
import operator
import sys

import numpy as np

from .. import _dtype as D
from .._backend.quiet import quiet
from .._convert import fresh, preserve_copy
from .._tensor import Tensor, wrap
from .reduction import (ALL, I64, LIMITED, REQUIRED, check_input, dim_int, emit, finish, key,
                        not_implemented, one_axis, pair, register, return_type)

__all__ = ["sort", "argsort", "msort", "topk", "median", "nanmedian", "mode", "cummax",
           "cummin", "unique"]

_sort_type = return_type("sort", ("values", "indices"))
_topk_type = return_type("topk", ("values", "indices"))
_TYPES = {name: return_type(name, ("values", "indices"))
          for name in ("median", "nanmedian", "mode", "cummax", "cummin")}


def _reject(a, kernel):
    """PyTorch's error for a dtype kernel `kernel` has no version for."""
    dt = D.FROM_NP[a.dtype]
    if dt._cat == 3 or a.dtype in LIMITED or (dt is D.bool and kernel.startswith("median")):
        raise not_implemented(kernel, dt)


def _order(a, ax, descending):
    """Stable argsort of `a` along `ax` (ties in input order; NaN last, or first when
    descending)."""
    k = key(a)
    if not descending:
        return np.argsort(k, axis=ax, kind="stable")
    idx = np.argsort(np.flip(k, ax), axis=ax, kind="stable")
    return np.subtract(a.shape[ax] - 1, np.flip(idx, ax))


def _laid_out_as(a, r):
    """`r` laid out as PyTorch's `empty_like(a)` (a's strides when dense)."""
    out = preserve_copy(a, r.dtype)
    if out.strides == r.strides:
        return r
    out[...] = r
    return out


def _sorted(name, input, dim, descending):
    a = check_input(input, name)._a
    ax = one_axis(dim_int(dim, name), a.ndim)
    if a.dtype.kind == "c":
        raise RuntimeError(" Sort does not support complex dtypes on CPU")
    if not a.ndim:
        return a.copy(), np.zeros((), I64)
    idx = _order(a, ax, descending)
    return _laid_out_as(a, np.take_along_axis(a, idx, ax)), _laid_out_as(a, idx)


def sort(input, dim=-1, descending=False, *, stable=False, out=None):
    """`(values, indices)` sorted along `dim` (stably; NaN last, first when descending)."""
    if isinstance(dim, bool):
        raise TypeError("sort() received an invalid combination of arguments - got (Tensor, "
                        "bool), but expected one of:")
    values, indices = _sorted("sort", input, dim, descending)
    return pair(_sort_type, values, indices, "SortBackward0", input, out)


def argsort(input, dim=-1, descending=False, *, stable=False):
    """Indices that sort `input` along `dim` (as `sort(...).indices`)."""
    return wrap(_sorted("argsort", input, dim, descending)[1])


def msort(input, *, out=None):
    """`input` sorted along its first dim."""
    return emit(_sorted("msort", input, 0, False)[0], "SortBackward0", input, out)


def topk(input, k, dim=-1, largest=True, sorted=True, *, out=None):
    """The `k` largest (or smallest) elements along `dim` and their indices, NaN largest."""
    a = check_input(input, "topk")._a
    if type(k) is not int:
        if isinstance(k, bool) or not hasattr(k, "__index__"):
            raise TypeError("topk(): argument 'k' (position 2) must be int, not "
                            f"{type(k).__name__}")
        k = operator.index(k)
    ax = one_axis(dim_int(dim, "topk", 3), a.ndim)
    if a.dtype.kind == "c":
        raise RuntimeError(" topk does not support complex dtypes on CPU")
    if a.dtype.kind == "b":
        raise RuntimeError("topk does not support bool dtypes on CPU")
    if a.ndim:
        _reject(a, "topk_cpu")
    if not 0 <= k <= (a.shape[ax] if a.ndim else 1):
        raise RuntimeError("selected index k out of range")
    if not a.ndim:
        values, idx = a.copy(), np.zeros((), I64)
    else:
        idx = np.take(_order(a, ax, largest), range(k), ax)
        values = np.take_along_axis(a, idx, ax)
    return pair(_topk_type, finish(values, a.dtype), finish(idx, I64), "TopkBackward0", input,
                out)


def _median(name, input, dim, keepdim, ignore_nan, out):
    a = check_input(input, name)._a
    if dim is ALL:
        if a.size:
            _reject(a, "median_cpu")
        k = key(a).reshape(-1)
        if k.dtype.kind == "f":
            nan = np.isnan(k)
            if ignore_nan:
                k = k[~nan]
            elif nan.any():
                k = np.full(1, np.nan, k.dtype)
        m = (k.size - 1) // 2
        r = np.partition(k, m)[m] if k.size else (
            np.nan if k.dtype.kind == "f" else np.iinfo(k.dtype).min)
        grad = "NanmedianBackward0" if ignore_nan else "MedianBackward0"
        return emit(finish(r, a.dtype), grad, input)
    ax = one_axis(dim_int(dim, name, 2), a.ndim)
    if a.ndim and not a.shape[ax]:
        raise IndexError(f"median(): Expected reduction dim {ax} to have non-zero size.")
    _reject(a, "median_out")
    values, idx = _median_dim(name, a, ax, keepdim, ignore_nan)
    grad = "NanmedianBackward1" if ignore_nan else "MedianBackward1"
    return pair(_TYPES[name], values, idx, grad, input, out)


def _median_dim(name, a, ax, keepdim, ignore_nan):
    if not a.ndim:
        return a.copy(), np.zeros((), I64)
    n = a.shape[ax]
    k = key(a)
    order = np.argsort(k, axis=ax, kind="stable")
    pos = np.full((1,) * a.ndim, (n - 1) // 2)
    if k.dtype.kind == "f":
        nans = np.count_nonzero(np.isnan(k), axis=ax, keepdims=True)
        pos = np.maximum((n - nans - 1) // 2, 0) if ignore_nan else np.where(nans, n - nans, pos)
    shape = list(a.shape)
    shape[ax] = 1
    idx = np.take_along_axis(order, np.broadcast_to(pos, shape), ax)
    values = np.take_along_axis(a, idx, ax)
    if not keepdim:
        idx, values = idx.squeeze(ax), values.squeeze(ax)
    return finish(values, a.dtype), finish(idx, I64)


def median(input, dim=ALL, keepdim=False, *, out=None):
    """The lower median of all elements (NaN if any), or `(values, indices)` along `dim`."""
    return _median("median", input, dim, keepdim, False, out)


def nanmedian(input, dim=ALL, keepdim=False, *, out=None):
    """`median` ignoring NaN (NaN where every element is NaN)."""
    return _median("nanmedian", input, dim, keepdim, True, out)


def mode(input, dim=-1, keepdim=False, *, out=None):
    """The most frequent value along `dim` (the smallest on ties) and its last index."""
    a = check_input(input, "mode")._a
    ax = one_axis(dim_int(dim, "mode", 2), a.ndim)
    if not a.ndim:
        values, idx = a.copy(), np.zeros((), I64)
    elif not a.shape[ax]:
        raise IndexError(f"mode(): Expected reduction dim {ax} to have non-zero size.")
    else:
        _reject(a, "mode_cpu")
        k = np.moveaxis(key(a), ax, -1)
        order = np.argsort(k, axis=-1, kind="stable")
        s = np.take_along_axis(k, order, -1)
        pos = np.arange(s.shape[-1])
        starts = np.ones(s.shape, bool)
        starts[..., 1:] = s[..., 1:] != s[..., :-1]
        run = pos - np.maximum.accumulate(np.where(starts, pos, 0), axis=-1)
        last = np.argmax(run, axis=-1)[..., None]  # end of the first longest run
        idx = np.moveaxis(np.take_along_axis(order, last, -1), -1, ax)
        values = np.take_along_axis(a, idx, ax)
        if not keepdim:
            idx, values = idx.squeeze(ax), values.squeeze(ax)
    return pair(_TYPES["mode"], finish(values, a.dtype), finish(idx, I64), "ModeBackward0",
                input, out)


def _cumulative(name, ufunc, input, dim):
    a = check_input(input, name)._a
    ax = one_axis(dim_int(dim, name, position=2), a.ndim)
    if not a.ndim or not a.size:
        return fresh(a.copy()), fresh(np.zeros(a.shape, I64))
    _reject(a, f"{name}_cpu")
    k = key(a)
    values = quiet(ufunc.accumulate, k, ax)
    hit = k == values
    if k.dtype.kind == "f":
        hit |= np.isnan(k)
    pos = np.arange(a.shape[ax]).reshape([-1 if i == ax else 1 for i in range(a.ndim)])
    idx = np.maximum.accumulate(np.where(hit, pos, 0), axis=ax)
    return finish(values, a.dtype), finish(idx, I64)


def cummax(input, dim=REQUIRED, *, out=None):
    """Running maximum along `dim` and where it was found (the latest index on ties)."""
    values, idx = _cumulative("cummax", np.maximum, input, dim)
    return pair(_TYPES["cummax"], values, idx, "CummaxBackward0", input, out)


def cummin(input, dim=REQUIRED, *, out=None):
    """Running minimum along `dim` and where it was found (the latest index on ties)."""
    values, idx = _cumulative("cummin", np.minimum, input, dim)
    return pair(_TYPES["cummin"], values, idx, "CumminBackward0", input, out)


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct values (sorted; NaNs each distinct), optionally the inverse indices and
    the counts; with `dim`, the distinct slices along it."""
    a = check_input(input, "unique")._a
    if dim is None:
        if a.dtype.kind == "c":
            raise not_implemented("unique", D.FROM_NP[a.dtype])
        values, inverse, counts = np.unique(key(a).reshape(-1), return_inverse=True,
                                            return_counts=True, equal_nan=False)
        inverse = inverse.reshape(a.shape)
        grad = "Unique2Backward0"
    else:
        ax = one_axis(dim_int(dim, "unique_dim", 2), a.ndim)
        if a.dtype.kind == "c":
            raise not_implemented("unique_dim", D.FROM_NP[a.dtype])
        if any(not n for i, n in enumerate(a.shape) if i != ax):
            raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so "
                               "unique cannot be applied")
        if not a.size:
            values, inverse, counts = a, np.zeros(0, I64), np.zeros(0, I64)
        else:
            values, inverse, counts = np.unique(key(a), return_inverse=True,
                                                return_counts=True, axis=ax, equal_nan=False)
        inverse = inverse.reshape(-1)
        grad = "UniqueDimBackward0"
    out = [emit(fresh(values.astype(a.dtype, copy=False)), grad, input)]
    if return_inverse:
        out.append(wrap(finish(inverse, I64)))
    if return_counts:
        out.append(wrap(finish(counts, I64)))
    return out[0] if len(out) == 1 else tuple(out)


register(sys.modules[__name__], __all__)
Tensor.unique = unique  # PyTorch's Tensor.unique calls torch.unique: the same messages
