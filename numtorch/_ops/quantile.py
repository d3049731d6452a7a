"""Quantiles and histograms: quantile and nanquantile, built from sort, gather and lerp
exactly as PyTorch's `quantile_compute` builds them (so values, strides and the autograd graph
are PyTorch's), and histogram and histogramdd, binning as PyTorch's CPU kernels do.

>>> import numtorch
>>> numtorch.quantile(numtorch.tensor([1.0, 2.0, 4.0]), 0.75).item()
3.0
>>> numtorch.nanquantile(numtorch.tensor([1.0, float("nan"), 3.0]), 0.5).item()
2.0
>>> numtorch.histogram(numtorch.tensor([1.0, 2.0, 1.0]), bins=2).hist.tolist()
[2.0, 1.0]
"""
import operator

import numpy as np

from .. import _dtype as D
from .. import _factories as F
from .._argparse import invalid_args
from .._tensor import Tensor, wrap
from .grad_arithmetic import not_implemented as not_implemented_grad
from .reduction import not_implemented, one_axis, return_type
from .registry import record, resize_out, write_into
from .shape import broadcast_tensors

__all__ = ["quantile", "nanquantile", "histogram", "histogramdd"]

_histogram_type = return_type("histogram", ("hist", "bin_edges"))
_histogram_out_type = return_type("histogram_out", ("hist", "bin_edges"))
_histogramdd_type = return_type("histogramdd", ("hist", "bin_edges"))
_HISTOGRAMDD_KEYS = frozenset(("input", "bins", "range", "weight", "density"))

_MODES = ("linear", "lower", "higher", "midpoint", "nearest")
_PARAMS = ("input", "q", "dim", "keepdim")  # positional, in order; then keywords only
_KEYWORDS = frozenset(_PARAMS + ("interpolation", "out"))
_FLOATS = (int, float, np.integer, np.floating, np.bool_)


def _is_int(v):
    if isinstance(v, (bool, np.bool_)):
        return False
    if isinstance(v, Tensor):
        return v.dtype._cat == 1 and v.numel() == 1
    try:
        operator.index(v)
    except TypeError:
        return False
    return True


def _parse(name, args, kw, self):
    """The arguments as PyTorch's parser reads them for `(Tensor input, Tensor|float q, int?
    dim, bool keepdim, *, str interpolation, Tensor? out)` (the method: `self` bound, no
    `input` or `out`), or its TypeError."""
    method = self is not None
    params = _PARAMS[method:]
    got = dict(zip(params, args), input=self) if method else dict(zip(params, args))
    ok = len(args) <= len(params) and all(
        k in _KEYWORDS and k not in got and not (method and k == "out") for k in kw)
    got.update(kw)
    x, q = got.get("input"), got.get("q")
    dim, keepdim = got.get("dim"), got.get("keepdim", False)
    interpolation, out = got.get("interpolation", "linear"), got.get("out")
    ok = (ok and isinstance(x, Tensor) and (isinstance(q, Tensor) or isinstance(q, _FLOATS))
          and (dim is None or _is_int(dim)) and type(keepdim) is bool
          and isinstance(interpolation, str) and (out is None or isinstance(out, Tensor)))
    if not ok:
        raise invalid_args(name, args, kw)
    return x, q, None if dim is None else operator.index(dim), keepdim, interpolation, out


def _output_shape(dim, x, q, keepdim, wrapped):
    """PyTorch's `quantile_output_shape`: q's size (a 1-d q), then the reduced shape."""
    shape = []
    if dim is not None and x.ndim:
        shape = list(x.shape)
        if keepdim:
            shape[wrapped] = 1
        else:
            del shape[wrapped]
    elif keepdim:
        shape = [1] * x.ndim
    if q.ndim:
        shape.insert(0, q.numel())
    return shape


def _compute(x, q, dim, interpolation, ignore_nan, wrapped, out_shape):
    """PyTorch's `quantile_compute`, op for op."""
    qa = q._a
    if not np.all((qa >= 0) & (qa <= 1)):
        raise RuntimeError("quantile() q values must be in the range [0, 1]")
    if dim is None:
        ordered = x.flatten().sort()[0]
    elif wrapped == x.ndim - 1:
        ordered = x.sort()[0]
    else:
        ordered = x.unsqueeze(-1).transpose(wrapped, -1).sort()[0]
    if not q.ndim:
        out_shape = [q.numel()] + out_shape
    n = ordered.shape[-1]
    ordered = ordered.view(out_shape[1:] + [n])
    if n > 2 ** 24:
        raise RuntimeError("quantile() input tensor is too large")
    if ignore_nan:
        ranks = q * (ordered.isnan().logical_not_().sum(-1, True) - 1)
        ranks.masked_fill_(ranks < 0, 0)
    else:
        last = n - 1
        scaled, has_nan = broadcast_tensors(q * last, ordered.isnan().any(-1, True))
        ranks = scaled.masked_fill(has_nan, last)
    if interpolation == "lower":
        ranks.floor_()
    elif interpolation == "higher":
        ranks.ceil_()
    elif interpolation == "nearest":
        ranks.round_()
    below = ranks.long()
    values = ordered.gather(-1, below)
    if interpolation in ("linear", "midpoint"):
        weights = wrap(np.full_like(ranks._a, 0.5)) if interpolation == "midpoint" \
            else ranks - below
        values.lerp_(ordered.gather(-1, ranks.ceil_().long()), weights)
    if not q.ndim:
        return values.squeeze_(-1)
    return values.unsqueeze_(0).transpose_(0, -1).squeeze_(-1)


def _quantile(name, ignore_nan, args, kw, self=None):
    x, q, dim, keepdim, interpolation, out = _parse(name, args, kw, self)
    if not isinstance(q, Tensor):
        q = float(q)
        if not 0 <= q <= 1:
            raise RuntimeError(f"quantile() q must be in the range [0, 1] but got {q:g}")
        q = wrap(np.asarray(q, x._a.dtype))
    if interpolation not in _MODES:
        raise RuntimeError("quantile() interpolation must be one of linear, lower, higher, "
                           f"midpoint or nearest, but got {interpolation}")
    if not x.numel():
        raise RuntimeError("quantile() input tensor must be non-empty")
    if q.ndim > 1:
        raise RuntimeError("quantile() q must be a scalar or 1D tensor")
    if x.dtype not in (D.float32, D.float64):
        raise RuntimeError("quantile() input tensor must be either float or double dtype")
    if q.dtype is not x.dtype:
        raise RuntimeError("quantile() q tensor must be same dtype as the input tensor")
    if out is not None and out.dtype is not x.dtype:
        raise RuntimeError("quantile() out tensor must be same dtype as the input tensor")
    wrapped = one_axis(0 if dim is None else dim, x.ndim)
    shape = _output_shape(dim, x, q, keepdim, wrapped)
    if out is not None and list(out.shape) != shape:
        resize_out(out, tuple(shape))
    r = _compute(x, q, dim, interpolation, ignore_nan, wrapped, shape)
    return r if out is None else out.copy_(r)


def quantile(*args, **kw):
    """The `q`-th quantiles (a number or a 1-d tensor in [0, 1]) of `input` along `dim` (all
    elements when None), interpolating between neighbours as `interpolation` says; a NaN
    makes its quantiles NaN."""
    return _quantile("quantile", False, args, kw)


def nanquantile(*args, **kw):
    """`quantile` ignoring NaNs (NaN where a row is all NaN)."""
    return _quantile("nanquantile", True, args, kw)


def _hist_parse(args, kw, self):
    """The arguments as PyTorch's parser reads them for `(Tensor input, Tensor bins, *,
    weight, density, out)` and `(Tensor input, int bins=100, *, float[]? range, weight,
    density, out)` (the method: `self` bound, no `out`), or its TypeError."""
    method = self is not None
    params = ("input", "bins")[method:]
    got = dict(zip(params, args), input=self) if method else dict(zip(params, args))
    keys = ("input", "bins", "weight", "density") + (() if method else ("out",))
    bins = got.get("bins", kw.get("bins", 100))
    ok = len(args) <= len(params) and all(
        k not in got and (k in keys or k == "range" and not isinstance(bins, Tensor))
        for k in kw)
    got.update(kw)
    x, span, weight = got.get("input"), got.get("range"), got.get("weight")
    density, out = got.get("density", False), got.get("out")
    ok = (ok and isinstance(x, Tensor) and (isinstance(bins, Tensor) or _is_int(bins))
          and (span is None or isinstance(span, (tuple, list))
               and all(isinstance(v, _FLOATS) for v in span))
          and (weight is None or isinstance(weight, Tensor)) and type(density) is bool
          and (out is None or isinstance(out, (tuple, list))
               and all(isinstance(t, Tensor) for t in out)))
    if not ok:
        raise invalid_args("histogram", args, kw)
    if out is not None and len(out) != 2:
        raise TypeError(f"expected tuple of 2 elements but got {len(out)}")
    return x, bins, span, weight, density, out


def _check_inputs(shape, dtype, bins, weight, weight_shape):
    """PyTorch's `histogramdd_check_inputs`: points of `shape` (the last dim the point's),
    N 1-d edge tensors `bins`, a weight per point of `weight_shape`."""
    _at_least_2d(shape)
    if len(bins) != shape[-1]:
        raise RuntimeError(f"torch.histogramdd: expected {shape[-1]} sequences of bin edges for "
                           f"a {shape[-1]}-dimensional histogram but got {len(bins)}")
    for d, b in enumerate(bins):
        if b.dtype is not dtype:
            raise RuntimeError("torch.histogramdd: input tensor and bins tensors should have "
                               f"the same dtype, but got input with dtype {D.CXX_NAME[dtype]} "
                               f"and bins for dimension {d} with dtype {D.CXX_NAME[b.dtype]}")
        if b.ndim != 1:
            raise RuntimeError("torch.histogramdd: bins tensor should have one dimension, but "
                               f"got {b.ndim} dimensions in the bins tensor for dimension {d}")
        if not b.numel():
            raise RuntimeError("torch.histogramdd: bins tensor should have at least 1 element, "
                               f"but got 0 elements in the bins tensor for dimension {d}")
    if weight is None:
        return
    if weight.dtype is not dtype:
        raise RuntimeError("torch.histogramdd: if weight tensor is provided, input tensor and "
                           f"weight tensor should have the same dtype, but got "
                           f"input({D.CXX_NAME[dtype]}), and weight({D.CXX_NAME[weight.dtype]})")
    if list(shape[:-1]) != (list(weight_shape) or [1]):
        raise RuntimeError("torch.histogramdd: if weight tensor is provided it should have the "
                           "same shape as the input tensor excluding its innermost dimension, "
                           f"but got input with shape {list(shape)} and weight with shape "
                           f"{list(weight_shape)}")


def _at_least_2d(shape):
    if len(shape) < 2:
        raise RuntimeError("torch.histogramdd: input tensor should have at least 2 dimensions")


def _prepare_out(dtype, counts, out):
    """PyTorch's `histogramdd_prepare_out` checks: the `out` dtypes, a positive bin count."""
    if out is not None and out[0].dtype is not dtype:
        raise RuntimeError("torch.histogram: input tensor and hist tensor should have the same "
                           f"dtype, but got input {D.CXX_NAME[dtype]} and hist "
                           f"{D.CXX_NAME[out[0].dtype]}")
    for d, n in enumerate(counts):
        if out is not None and out[1].dtype is not dtype:
            raise RuntimeError("torch.histogram: input tensor and bin_edges tensor should have "
                               f"the same dtype, but got input {D.CXX_NAME[dtype]} and "
                               f"bin_edges {D.CXX_NAME[out[1].dtype]} for dimension {d}")
        if n <= 0:
            raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {n} for dimension "
                               f"{d}")


def _outer_edges(points, dtype, span):
    """The leftmost and rightmost edges (doubles) of each dim of the (M, N) `points` that
    PyTorch picks: `range`, else the data's (0 and 1 without data), widened by 0.5 each way
    when equal."""
    n = points.shape[1]
    lo, hi = [0.0] * n, [1.0] * n
    if span is not None:
        if len(span) != 2 * n:
            raise RuntimeError(f"torch.histogramdd: for a {n}-dimensional histogram range "
                               f"should have {2 * n} elements, but got {len(span)}")
        lo, hi = [float(v) for v in span[::2]], [float(v) for v in span[1::2]]
    elif points.size:
        if dtype not in (D.float32, D.float64):
            raise not_implemented("histogramdd", dtype)
        lo, hi = points.min(0).tolist(), points.max(0).tolist()
    for d in range(n):
        if not (np.isfinite(lo[d]) and np.isfinite(hi[d])):
            raise RuntimeError(f"torch.histogramdd: dimension {d}'s range [{lo[d]:g}, "
                               f"{hi[d]:g}] is not finite")
        if lo[d] > hi[d]:
            raise RuntimeError(f"torch.histogramdd: min should not exceed max, but got min "
                               f"{lo[d]:g} max {hi[d]:g} for dimension {d}")
        if lo[d] == hi[d]:
            lo[d], hi[d] = lo[d] - 0.5, hi[d] + 0.5
    return lo, hi


def _upper_bound(edges, x, first, count):
    """`std::upper_bound` over `edges[first:first + count]` for each of `x` (elementwise
    `first` and `count`), probing as the C++ library does (edges need not be sorted)."""
    first, count = first.copy(), count.copy()
    while True:
        live = count > 0
        if not live.any():
            return first
        step = count // 2
        probe = np.minimum(first + step, len(edges) - 1)
        right = live & ~(x < edges[probe])
        first = np.where(right, first + step + 1, first)
        count = np.where(right, count - step - 1, np.where(live, step, 0))


def _bins_of(x, edges, linear):
    """The bin of each of `x` (all within the outer edges): PyTorch's linear estimate refined
    by a local search (`linear`), or a binary search; the last edge closes the last bin."""
    n = len(edges) - 1
    if linear:
        lo, hi = edges[0], edges[-1]
        pos = ((x - lo) * x.dtype.type(n) / (hi - lo)).astype(np.int64)
        first = np.maximum(pos - 1, 0)
        pos = _upper_bound(edges, x, first, np.minimum(pos + 2, n + 1) - first) - 1
    else:
        pos = _upper_bound(edges, x, np.zeros(x.shape, np.int64),
                           np.full(x.shape, n + 1, np.int64)) - 1
    return np.where(pos == n, n - 1, pos)


def _fill(points, dtype, edges, weight, density, linear):
    """PyTorch's CPU histogramdd kernel: the (weighted) count of the (M, N) `points` in each
    bin between `edges` (N arrays), normalised to a density when `density`."""
    if dtype not in (D.float32, D.float64):
        raise not_implemented("histogram_cpu", dtype)
    shape = tuple(len(e) - 1 for e in edges)
    hist = np.zeros(shape, points.dtype)
    inside = np.ones(len(points), bool)
    for d, e in enumerate(edges):
        inside &= (points[:, d] >= e[0]) & (points[:, d] <= e[-1])
    w = np.ones(1, points.dtype) if weight is None else weight._a.reshape(-1)[inside]
    if edges:
        where = [_bins_of(points[inside, d], e, linear) for d, e in enumerate(edges)]
        np.add.at(hist.reshape(-1), np.ravel_multi_index(where, shape), w)
    if density:
        with np.errstate(invalid="ignore", divide="ignore"):
            hist = hist / points.dtype.type(hist.sum())
            for d, e in enumerate(edges):
                hist = hist / np.diff(e).reshape([-1 if i == d else 1 for i in range(len(edges))])
    return hist


def _not_differentiable(results, inputs):
    back = not_implemented_grad("histogram")
    inputs = tuple(t for t in inputs if isinstance(t, Tensor))
    return tuple(record(r, "NotImplemented", inputs, back) for r in results)


def histogram(*args, **kw):
    """A histogram of `input` (flattened): `bins` equal bins over `range` (the data's range
    by default), or the bins between the edges of the 1-d tensor `bins`; `weight` weighs
    each element, `density` normalises it to a probability density."""
    return _histogram(args, kw)


def _histogram(args, kw, self=None):
    x, bins, span, weight, density, out = _hist_parse(args, kw, self)
    points = x._a.reshape(-1, 1)
    shape, wshape = [x.numel(), 1], None if weight is None else [weight.numel()]
    if isinstance(bins, Tensor):
        _check_inputs(shape, x.dtype, [bins], weight, wshape)
        _prepare_out(x.dtype, [bins.numel() - 1], out)
        edges = bins._a.copy()
    else:
        _prepare_out(x.dtype, [operator.index(bins)], out)
        lo, hi = _outer_edges(points, x.dtype, span)
        edges = F.linspace(lo[0], hi[0], operator.index(bins) + 1, dtype=x.dtype)._a
        _check_inputs(shape, x.dtype, [wrap(edges)], weight, wshape)
    hist = _fill(points, x.dtype, [edges], weight, density, not isinstance(bins, Tensor))
    if out is not None:
        return _histogram_out_type((write_into(out[0], hist), write_into(out[1], edges)))
    return _histogram_type(_not_differentiable((wrap(hist), wrap(edges)), (x, bins, weight)))


def _histogramdd_bins(x, bins):
    """`bins` of histogramdd as PyTorch's parser reads them: a list of tensors, or of ints
    (an int for every dim), or its TypeError."""
    if isinstance(bins, (tuple, list)) and bins and all(isinstance(b, Tensor) for b in bins):
        return list(bins)
    if _is_int(bins) and not isinstance(bins, Tensor):
        if not x.ndim:
            raise IndexError("Dimension specified as -1 but tensor has no dimensions")
        return [operator.index(bins)] * x.shape[-1]
    if not isinstance(bins, (tuple, list)) or any(isinstance(b, Tensor) for b in bins):
        return None
    for b in bins:
        if not _is_int(b):
            raise TypeError("histogramdd(): argument 'bins' failed to unpack the object at pos "
                            f"2 with error \"type must be tuple of ints,but got "
                            f"{type(b).__name__}\"")
    return [operator.index(b) for b in bins]


def histogramdd(*args, **kw):
    """A histogram of the points along the last dim of `input` (at least 2-d): `bins` equal
    bins (one int, or one per dim) over `range` (the data's range by default, as a flat
    list of (min, max) pairs), or between the edges of the 1-d tensors `bins`."""
    got = dict(zip(("input", "bins"), args))
    ok = len(args) <= 2 and all(k not in got and k in _HISTOGRAMDD_KEYS for k in kw)
    got.update(kw)
    x, span, weight = got.get("input"), got.get("range"), got.get("weight")
    bins, density = got.get("bins"), got.get("density", False)
    ok = (ok and isinstance(x, Tensor) and (span is None or isinstance(span, (tuple, list))
                                            and all(isinstance(v, _FLOATS) for v in span))
          and (weight is None or isinstance(weight, Tensor)) and type(density) is bool)
    bins = _histogramdd_bins(x, bins) if ok else None
    if bins is None:
        raise invalid_args("histogramdd", args, kw)
    wshape = None if weight is None else list(weight.shape)
    tensors = bool(bins) and isinstance(bins[0], Tensor)
    points = x._a.reshape(int(np.prod(x.shape[:-1])), x.shape[-1]) if x.ndim >= 2 else None
    if tensors:
        _check_inputs(list(x.shape), x.dtype, bins, weight, wshape)
        edges = [b._a for b in bins]
    else:
        _at_least_2d(x.shape)
        lo, hi = _outer_edges(points, x.dtype, span)
        if len(bins) != x.shape[-1]:
            raise RuntimeError("histogramdd: The size of bins must be equal to the innermost "
                               "dimension of the input.")
        edges = [F.linspace(a, b, n + 1, dtype=x.dtype)._a for a, b, n in zip(lo, hi, bins)]
        _check_inputs(list(x.shape), x.dtype, [wrap(e) for e in edges], weight, wshape)
    _prepare_out(x.dtype, [len(e) - 1 for e in edges], None)
    hist = _fill(points, x.dtype, edges, weight, density, not tensors)
    hist = _not_differentiable((wrap(hist),), (x, weight, *bins))[0]
    if tensors:
        return _histogramdd_type((hist, tuple(bins)))
    return _histogramdd_type((hist, _not_differentiable([wrap(e) for e in edges], (x, weight))))


def _method(fn, ignore_nan):
    def bound(self, *args, **kw):
        return _quantile(fn.__name__, ignore_nan, args, kw, self)
    bound.__name__ = bound.__qualname__ = fn.__name__
    bound.__doc__ = fn.__doc__
    return bound


def _histogram_method(self, *args, **kw):
    return _histogram(args, kw, self)


_histogram_method.__name__ = _histogram_method.__qualname__ = "histogram"
_histogram_method.__doc__ = histogram.__doc__
Tensor.quantile = _method(quantile, False)
Tensor.nanquantile = _method(nanquantile, True)
Tensor.histogram = _histogram_method
