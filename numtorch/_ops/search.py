"""Searching and counting: searchsorted, bucketize, isin, bincount, histc, kthvalue and
logcumsumexp, with PyTorch's result dtypes, errors, tie-breaking and autograd nodes.

>>> import numtorch
>>> numtorch.searchsorted(numtorch.tensor([1, 3, 5]), numtorch.tensor([3, 6])).tolist()
[1, 3]
>>> numtorch.bincount(numtorch.tensor([0, 1, 1, 3])).tolist()
[1, 2, 0, 1]
"""
import numpy as np

from .. import _dtype as D
from .._convert import fresh, warn_once
from .._argparse import invalid_args
from .._promotion import result_type_of
from .._tensor import Tensor, wrap
from . import grad_reduction as G
from . import grad_search as GS
from .grad_arithmetic import not_implemented as not_implemented_grad
from .grad_reduction import SECOND
from .reduction import (I64, LIMITED, check_input, dim_int, emit, finish, key, method,
                        not_implemented, one_axis, pair, return_type)
from .registry import FUNCTIONS, check_out, out_allowed, record, write_into

__all__ = ["searchsorted", "bucketize", "isin", "bincount", "histc", "kthvalue", "logcumsumexp",
           "unique_consecutive", "quantile", "nanquantile", "histogram",
           "histogramdd"]

_kthvalue_type = return_type("kthvalue", ("values", "indices"))


def _shape(t):
    return list(t.shape)


def _common(a, b):
    """Boundaries and values in the type PyTorch compares them in."""
    dt = result_type_of([a.dtype, b.dtype]).np if isinstance(b, Tensor) else None
    x = a._a if dt is None else a._a.astype(dt, copy=False)
    y = b._a.astype(dt, copy=False) if dt is not None else np.asarray(b)
    return key(x), key(y)


def _search(name, boundaries, values, right, side, sorter, out_int32, out):
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(f"torch.{name}(): side can only be 'left' or 'right' but got "
                               f"{side}")
        if right and side == "left":
            raise RuntimeError(f"torch.{name}(): side and right can't be set to opposites, got "
                               "side of left while right was True")
        right = side == "right"
    b = boundaries._a
    scalar = not isinstance(values, Tensor)
    if not b.ndim:
        raise RuntimeError(f"torch.{name}(): boundaries tensor should have positive dimension, "
                           "but got 0 dimension")
    if scalar and b.ndim != 1:
        raise RuntimeError(f"torch.{name}(): input value can be a scalar only when boundaries "
                           f"tensor dimension is 1, but we got boundaries tensor dim({b.ndim}) "
                           "and input value's dim(0) numel(1)")
    if not scalar and b.ndim > 1 and (values._a.ndim != b.ndim
                                      or values._a.shape[:-1] != b.shape[:-1]):
        raise RuntimeError(f"torch.{name}(): boundaries tensor should be 1 dimension or the "
                           "first N-1 dimensions of boundaries tensor and input value tensor "
                           f"must match, but we got boundaries tensor {_shape(boundaries)} and "
                           f"input value tensor {_shape(values)}")
    common = result_type_of([boundaries.dtype] + ([] if scalar else [values.dtype]), (),
                            [values] if scalar else ())
    if common._cat in (0, 3) or common.np in LIMITED:
        raise not_implemented("searchsorted_out_cpu", common)
    if out is not None and out.dtype is not (D.int32 if out_int32 else D.int64):
        raise RuntimeError("torch.searchsorted(): output tensor's dtype is wrong, it can only be "
                           "Int(int32) or Long(int64) depending on whether out_int32 flag is "
                           f"True, but we got output tensor's dtype {D.SCALAR_NAME[out.dtype]} "
                           f"and out_int32 flag is {bool(out_int32)}")
    if sorter is not None:
        if sorter.dtype is not D.int64:
            raise RuntimeError(f"torch.{name}(): sorter must be a tensor of long dtype but got "
                               f"dtype {D.SCALAR_NAME[sorter.dtype]}")
        if sorter._a.shape != b.shape:
            raise RuntimeError(f"torch.{name}(): boundary and sorter must have the same size, "
                               f"but got boundary tensor {_shape(boundaries)}and got sorter "
                               f"tensor {_shape(sorter)}")
    for t, what in ((values, "input value"), (boundaries, "boundary")):
        if isinstance(t, Tensor) and not t.is_contiguous():
            warn_once(f"torch.{name}(): {what} tensor is non-contiguous, this will lower the "
                      "performance due to extra data copy when converting non-contiguous "
                      f"tensor to contiguous, please use contiguous {what} tensor if possible. "
                      "This message will only appear once per program.", stacklevel=4)
    x, y = _common(boundaries, values)
    if sorter is not None:
        x = np.take_along_axis(x, sorter._a, -1)
    r = finish(_bisect(x, np.asarray(y), right), np.dtype(np.int32 if out_int32 else np.int64))
    if out is not None:
        return write_into(out, r)
    return wrap(r)


def _bisect(x, y, right):
    """PyTorch's binary search of each of `y` in the last dim of `x` (1-d, or with `y`'s
    leading dims): a boundary `b` is passed while not(b > v) (`right`) or not(b >= v), so
    NaNs, compared false, move the search on as PyTorch's does."""
    n = x.shape[-1]
    start, end = np.zeros(y.shape, np.int64), np.full(y.shape, n, np.int64)
    with np.errstate(invalid="ignore"):
        while True:
            active = start < end
            if not active.any():
                return start
            mid = np.minimum(start + ((end - start) >> 1), n - 1)
            b = x[mid] if x.ndim == 1 else np.take_along_axis(x, mid, -1)
            go = ~(b > y) if right else ~(b >= y)
            start = np.where(active & go, mid + 1, start)
            end = np.where(active & ~go, mid, end)


def searchsorted(sorted_sequence, input, *, out_int32=False, right=False, side=None,  # noqa: A002
                 sorter=None, out=None):
    """Indices into the innermost dim of `sorted_sequence` at which `input` would be inserted
    to keep it sorted (`right`/`side='right'`: after equal elements)."""
    check_input(sorted_sequence, "searchsorted")
    return _search("searchsorted", sorted_sequence, input, right, side, sorter, out_int32, out)


def bucketize(input, boundaries, *, out_int32=False, right=False, out=None):  # noqa: A002
    """The index of the bucket of 1-d `boundaries` each element of `input` falls in."""
    if not isinstance(boundaries, Tensor):
        raise TypeError(f"bucketize() received an invalid combination of arguments - got "
                        f"({type(input).__name__ if not isinstance(input, Tensor) else 'Tensor'}"
                        f", {type(boundaries).__name__}), but expected one of:")
    if boundaries._a.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got "
                           f"dim({boundaries._a.ndim})")
    return _search("bucketize", boundaries, input, right, None, None, out_int32, out)


def _isin_args(args, kwargs):
    """(elements, test_elements) of PyTorch's three isin signatures: by keyword, a Tensor
    is `elements`/`test_elements` and a number `element`/`test_element`."""
    got = list(args)
    for i, (plural, single) in enumerate((("elements", "element"),
                                          ("test_elements", "test_element"))):
        if i < len(args):
            if plural in kwargs or single in kwargs:
                raise invalid_args("isin", args, kwargs)
            continue
        if (plural in kwargs) == (single in kwargs) or (
                plural in kwargs and not isinstance(kwargs[plural], Tensor)) or (
                single in kwargs and isinstance(kwargs[single], Tensor)):
            raise invalid_args("isin", args, kwargs)
        got.append(kwargs[plural if plural in kwargs else single])
    if len(got) != 2 or len(args) + len(kwargs) != 2 or not any(
            isinstance(v, Tensor) for v in got):
        raise invalid_args("isin", args, kwargs)
    return got


def isin(*args, assume_unique=False, invert=False, out=None, **kwargs):
    """Whether each element of `elements` occurs in `test_elements` (`invert`: does not)."""
    elements, test_elements = _isin_args(args, kwargs)
    for t in (elements, test_elements):
        if isinstance(t, Tensor) and t.dtype._cat in (0, 3):
            raise RuntimeError(f"Unsupported input type encountered for isin(): "
                               f"{D.SCALAR_NAME[t.dtype]}")
    a = elements._a if isinstance(elements, Tensor) else np.asarray(elements)
    b = test_elements._a if isinstance(test_elements, Tensor) else np.asarray(test_elements)
    r = finish(np.isin(key(a), key(b), invert=bool(invert)), np.dtype(bool))
    if out is not None:
        return write_into(out, r)
    return wrap(r)


def bincount(input, weights=None, minlength=0):  # noqa: A002 - PyTorch's name
    """How often each value 0, 1, ... occurs in the 1-d non-negative integer `input`, summing
    `weights` instead of ones when given (float32 weights give float32, others float64)."""
    a = check_input(input, "bincount")._a
    if a.dtype.kind not in "iu" or a.dtype in LIMITED:
        raise not_implemented("bincount_cpu", input.dtype)
    if a.ndim != 1 or (a.size and a.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    if weights is None:
        return wrap(finish(np.bincount(a, minlength=minlength), I64))
    if weights._a.ndim != 1 or weights._a.shape[0] != a.shape[0]:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    dt = np.dtype(np.float32 if weights.dtype is D.float32 else np.float64)
    r = np.bincount(a, weights._a.astype(np.float64), minlength=minlength)
    return record(wrap(finish(r, dt)), "NotImplemented", (weights,),
                  not_implemented_grad("bincount"))


def histc(input, bins=100, min=0, max=0, *, out=None):  # noqa: A001,A002 - PyTorch's names
    """A histogram of `bins` equal bins over [min, max] (the data's range when both are
    equal); elements outside are ignored."""
    a = check_input(input, "histc")._a
    if input.dtype._cat != 2:
        raise not_implemented("histogram_cpu", input.dtype)
    if bins <= 0:
        raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0")
    dt = a.dtype if a.dtype != D.bfloat16.np else np.dtype(np.float32)
    x = a.astype(dt).reshape(-1)
    lo, hi = dt.type(min), dt.type(max)
    if lo == hi and x.size:
        lo, hi = x.min(), x.max()
        if np.isnan(lo) or np.isnan(hi):  # PyTorch's NaN from the data prints as -nan
            lo = hi = dt.type(np.copysign(np.nan, -1))
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if lo > hi:
        raise RuntimeError("torch.histc: max must be larger than min")
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise RuntimeError(f"torch.histc: range of [{_num(lo)}, {_num(hi)}] is not finite")
    inside = x[(x >= lo) & (x <= hi)]
    pos = ((inside - lo) * dt.type(bins) / (hi - lo)).astype(np.int64)
    r = np.bincount(np.minimum(pos, bins - 1), minlength=bins)[:bins]
    r = finish(r, a.dtype)
    if out is not None:
        check_out(input.dtype, out.dtype)
        return write_into(out, r)
    return wrap(r)


def _num(v):
    if np.isnan(v):
        return "-nan" if np.signbit(v) else "nan"
    return int(v) if float(v).is_integer() else float(v)


def _gt_or_nan(x, y):
    return x != x and y == y or x > y


def _quick_select(v, idx, k):
    """PyTorch's quick_select_template on the lists `v` and `idx` (in place): median of three,
    NaN the largest."""
    def swap(i, j):
        v[i], v[j] = v[j], v[i]
        idx[i], idx[j] = idx[j], idx[i]
    lo, hi = 0, len(v) - 1
    while True:
        if hi <= lo:
            return
        if hi == lo + 1:
            if _gt_or_nan(v[lo], v[hi]):
                swap(lo, hi)
            return
        swap(lo + (hi - lo) // 2, lo + 1)
        if _gt_or_nan(v[lo + 1], v[hi]):
            swap(lo + 1, hi)
        if _gt_or_nan(v[lo], v[hi]):
            swap(lo, hi)
        if _gt_or_nan(v[lo + 1], v[lo]):
            swap(lo + 1, lo)
        i, j, piv = lo + 1, hi, v[lo]
        while True:
            i += 1
            while _gt_or_nan(piv, v[i]):
                i += 1
            j -= 1
            while _gt_or_nan(v[j], piv):
                j -= 1
            if j < i:
                break
            swap(i, j)
        swap(lo, j)
        if j <= k:
            lo = i
        if j >= k:
            hi = j - 1


def kthvalue(input, k, dim=-1, keepdim=False, *, out=None):  # noqa: A002 - PyTorch's name
    """The k-th smallest element along `dim` and its index (PyTorch's quickselect picks
    among equal elements)."""
    a = check_input(input, "kthvalue")._a
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"kthvalue(): argument 'k' (position 2) must be int, not "
                        f"{type(k).__name__}")
    ax = one_axis(dim_int(dim, "kthvalue", 3), a.ndim)
    if input.dtype._cat == 3 or input.dtype is D.bool or a.dtype in LIMITED:
        raise not_implemented("kthvalue_cpu", input.dtype)
    n = a.shape[ax] if a.ndim else 1
    if not 1 <= k <= n:
        if a.ndim and not n:
            raise IndexError(f"kthvalue(): Expected reduction dim {ax} to have non-zero size.")
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {ax}")
    rows = np.moveaxis(key(a).reshape(a.shape or (1,)), ax, -1)
    flat = rows.reshape(-1, n)
    picked = np.empty(flat.shape[0], I64)
    for r, row in enumerate(flat):
        v, idx = row.tolist(), list(range(n))
        _quick_select(v, idx, k - 1)
        picked[r] = idx[k - 1]
    idx = picked.reshape(rows.shape[:-1])
    if a.ndim:
        idx = np.expand_dims(idx, ax)
    values = np.take_along_axis(a, idx, ax) if a.ndim else a.copy()
    if not keepdim and a.ndim:
        idx, values = idx.squeeze(ax), values.squeeze(ax)
    return pair(_kthvalue_type, finish(values, a.dtype), finish(idx.reshape(values.shape), I64),
                "KthvalueBackward0", input, out, G.select_back(a.shape, ax, keepdim), (SECOND,))


def logcumsumexp(input, dim, *, out=None):  # noqa: A002 - PyTorch's name
    """log(cumsum(exp(input))) along `dim`, computed stably."""
    a = check_input(input, "logcumsumexp")._a
    ax = one_axis(dim_int(dim, "logcumsumexp", 2), a.ndim)
    if input.dtype._cat < 2 or a.dtype in LIMITED:
        raise not_implemented("logcumsumexp_out_cpu", input.dtype)
    dt = np.dtype(np.float32) if a.dtype in (np.dtype(np.float16), D.bfloat16.np) else a.dtype
    x = a.astype(dt)
    if not a.ndim or not a.size:
        r = x.copy()
    elif dt.kind == "c":
        r = np.log(np.cumsum(np.exp(x), axis=ax))
    else:
        with np.errstate(all="ignore"):
            r = np.logaddexp.accumulate(x, axis=ax)
    if out is not None:
        out_allowed("logcumsumexp", (input, out))
    return emit(finish(np.asarray(r), a.dtype), "LogcumsumexpBackward0", input, out,
                GS.logcumsumexp_back(ax), (input, G.RESULT))


def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):  # noqa: A002
    """The first of each run of equal consecutive elements (slices along `dim`), optionally
    with the index of each element's run and the length of each run."""
    a = check_input(input, "unique_consecutive")._a
    if dim is None:
        a = a.reshape(-1)
        ax = 0
        k = key(a)
    else:
        ax = one_axis(dim_int(dim, "unique_consecutive", 4), a.ndim)
        if not a.size and a.shape[ax]:
            raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so "
                               "unique cannot be applied")
        k = np.moveaxis(key(a), ax, 0).reshape(a.shape[ax], a.size // max(a.shape[ax], 1))
    if a.dtype.kind == "c":
        raise not_implemented("unique" if dim is None else "unique_dim_consecutive",
                              input.dtype)
    n = k.shape[0]
    starts = np.ones(n, bool)
    if k.ndim == 1:
        starts[1:] = k[1:] != k[:-1]
    else:
        starts[1:] = (k[1:] != k[:-1]).any(axis=1)
    # laid out as PyTorch's: contiguous with `dim` first, then moved back
    values = fresh(np.moveaxis(fresh(np.compress(starts, np.moveaxis(a, ax, 0), axis=0)), 0, ax))
    out = [emit(values, "UniqueConsecutiveBackward0", input, None,
                G.not_implemented("unique_consecutive"))]
    if return_inverse:
        inverse = np.cumsum(starts) - 1
        out.append(wrap(finish(inverse.reshape(input._a.shape) if dim is None else inverse, I64)))
    if return_counts:
        out.append(wrap(finish(np.diff(np.append(np.flatnonzero(starts), n)), I64)))
    return out[0] if len(out) == 1 else tuple(out)


from .quantile import histogram, histogramdd, nanquantile, quantile  # noqa: E402

for _name in __all__:
    FUNCTIONS[_name] = globals()[_name]
for _name in ("bincount", "histc", "kthvalue", "logcumsumexp", "unique_consecutive"):
    setattr(Tensor, _name, method(globals()[_name]))
