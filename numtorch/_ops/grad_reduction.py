"""Derivatives of the reductions (`reduction*.py`), as PyTorch's derivatives.yaml and
FunctionsManual.cpp define them. A builder takes what the forward call knew (the input's
shape, the reduced axes, `keepdim`, ...) and returns the node's backward `fn(grad, *saved)`
(`grad` is a list for a node with several outputs). The formulas use numtorch ops, so
`create_graph=True` differentiates them again.

`axes` is a tuple of reduced dims, or None for all of them."""
import math

import numpy as np

from .. import _dtype as D
from .._factories import ones, zeros
from ..autograd import graph
from ..autograd.anomaly_mode import STATE as ANOMALY
from ..autograd.grad_mode import STATE
from .grad_arithmetic import conj
from .registry import FUNCTIONS, needs_grad

__all__ = []

RESULT = object()  # in `saved`: the op's (first) output
SECOND = object()  # in `saved`: the second output of a two-output op
_HALF = (D.float16, D.bfloat16)


def record_pair(first, second, grad, x, fn, saved):
    """Give the floating outputs `first` and `second` of an op on `x` their one node `grad`
    (two outputs; integer indices get none)."""
    if not needs_grad((x,)):
        return
    kept = second
    if SECOND in saved and second.dtype._cat >= 2:  # saved as output 1 (no reference cycle)
        kept = graph.save(second, True, ANOMALY.enabled)
        kept.output_nr = 1
    saved = tuple(first if s is RESULT else kept if s is SECOND else s for s in saved)
    node = graph.record(grad, (x,), fn, saved, first, nout=2)
    for i, t in enumerate((first, second)):
        if t.dtype._cat >= 2:
            graph.set_history(t, node, i)


def not_implemented(name):
    """The backward of an op PyTorch gives no derivative (it raises at backward)."""
    def backward(*_):
        raise NotImplementedError(f"the derivative for '{name}' is not implemented.")
    return backward


# ---- shapes ------------------------------------------------------------------------------
def _count(shape, axes):
    return math.prod(shape if axes is None else [shape[i] for i in axes])


def restore(g, shape, axes, keepdim):
    """`g`, a reduction of `shape` over `axes`, with the reduced dims back as 1s (a 0-d
    total broadcasts as it is)."""
    if keepdim or axes is None:
        return g
    return g.reshape(tuple(1 if axes is None or i in axes else n for i, n in enumerate(shape)))


def _expand(g, shape, axes, keepdim):
    return restore(g, shape, axes, keepdim).expand(shape)


def _scatter(g, indices, shape, dim, keepdim, add=False):
    """Gradient `g` of values picked at `indices` along `dim`, put back into zeros."""
    if not shape:
        return g
    if not keepdim:
        g, indices = g.unsqueeze(dim), indices.unsqueeze(dim)
    base = zeros(shape, dtype=g.dtype)
    return base.scatter_add(dim, indices, g) if add else base.scatter(dim, indices, g)


def _by_count(g, mask, axes):
    """`g` shared evenly among the elements of `mask` in each reduced slice."""
    return g / mask.sum(axes, keepdim=True) * mask


# ---- sums and means ----------------------------------------------------------------------
def sum_back(shape, axes, keepdim):
    return lambda g: _expand(g, shape, axes, keepdim)


def mean_back(shape, axes, keepdim):
    n = _count(shape, axes)
    return lambda g: _expand(g, shape, axes, keepdim) / n


def nansum_back(shape, axes, keepdim):
    def backward(g, x):
        return _expand(g.to(x.dtype), shape, axes, keepdim) * x.isnan().logical_not()
    return backward


def prod_back(shape, axes, keepdim):
    """`prod` over one dim or all elements (`axes` None); exact where the input has zeros."""
    dim = axes[0] if axes else None

    def backward(g, x, result):
        if not x.dim():
            return g
        x = x.to(g.dtype)
        n_zeros = np.count_nonzero(x._a == 0)
        if dim is None:
            if not n_zeros:
                return g * conj(result / x)
            if n_zeros > 1 and not STATE.enabled:
                return zeros(x.shape, dtype=g.dtype)
            return _prod_safe(g, x.reshape(-1), 0).reshape(x.shape)
        if not keepdim:
            g, result = g.unsqueeze(dim), result.unsqueeze(dim)
        return g * conj(result / x) if not n_zeros else _prod_safe(g, x, dim)
    return backward


def _prod_safe(g, x, dim):
    """Products of all other elements along `dim` (exclusive cumprods both ways)."""
    if not x.numel():
        return g.expand(x.shape)
    n = x.shape[dim]
    size = list(x.shape)
    size[dim] = 1
    one = ones(size, dtype=g.dtype)
    cat = FUNCTIONS["cat"]
    before = cat([one, x.narrow(dim, 0, n - 1)], dim).cumprod(dim)
    after = cat([one, x.narrow(dim, 1, n - 1).flip(dim)], dim).cumprod(dim).flip(dim)
    return g * conj(before * after)


# ---- extremes ----------------------------------------------------------------------------
def evenly_back(g, x, result):
    """max/min/median of all elements: shared evenly by the elements equal to the result
    (the NaNs when it is NaN)."""
    mask = x.isnan() if result.isnan().item() else x == result
    return FUNCTIONS["where"](mask, g / mask.sum(), 0.)


def select_back(shape, dim, keepdim):
    """(values, indices) picked along `dim`: the gradient goes to the returned index."""
    return lambda grads, indices: _scatter(grads[0], indices, shape, dim, keepdim)


def indices_back(indices, shape, dim):
    """The values of `sort` alone (msort): as `select_back`, `indices` held here."""
    return lambda g: _scatter(g, indices, shape, dim, True)


def amax_back(shape, axes, keepdim):
    """amax/amin: shared evenly by the elements equal to the result in each slice."""
    def backward(g, x, result):
        mask = restore(result, shape, axes, keepdim) == x
        return _by_count(restore(g, shape, axes, keepdim), mask, axes)
    return backward


def aminmax_back(shape, axes, keepdim):
    def backward(grads, x, lo, hi):
        parts = [_by_count(restore(g, shape, axes, keepdim),
                           restore(r, shape, axes, keepdim) == x, axes)
                 for g, r in zip(grads, (lo, hi)) if g is not None]
        return parts[0] if len(parts) == 1 else parts[0] + parts[1]
    return backward


# ---- statistics --------------------------------------------------------------------------
def _var_grad(g, x, shape, dims, corr, keepdim):
    """PyTorch's var_backward; `dims` None when no dim was given (`()` when it was)."""
    if not shape or dims is None:
        dof = x.numel() - corr
        if dof <= 0:
            return g * FUNCTIONS["where"](x == x.mean(), math.nan, math.inf)
        return 2.0 / dof * g * (x - x.mean())
    if dims and not keepdim and len(shape) > 1:
        g = restore(g, shape, dims, False)
    dof = math.prod(shape[d] for d in dims) - corr
    return (2.0 / dof if dof else math.inf) * g * (x - x.mean(dims, keepdim=True))


def _std_to_var(g, std):
    return (g / (std * 2)).masked_fill(std == 0, 0)


def var_back(shape, dims, corr, keepdim):
    return lambda g, x: _var_grad(g, x, shape, dims, corr, keepdim)


def std_back(shape, dims, corr, keepdim):
    return lambda g, x, std: _var_grad(_std_to_var(g, std), x, shape, dims, corr, keepdim)


def moments_back(shape, dims, corr, keepdim, std):
    """var_mean / std_mean (`std`): the gradients of both outputs."""
    axes = dims or None

    def backward(grads, x, *result):
        gv, gm = grads
        parts = []
        if gv is not None:
            parts.append(_var_grad(_std_to_var(gv, result[0]) if std else gv, x, shape, dims,
                                   corr, keepdim))
        if gm is not None:
            parts.append(_expand(gm, shape, axes, keepdim) / _count(shape, axes))
        return parts[0] if len(parts) == 1 else parts[0] + parts[1]
    return backward


def logsumexp_back(shape, axes, keepdim):
    def backward(g, x, result):
        g, result = (restore(t, shape, axes, keepdim) for t in (g, result))
        return g * conj((x - result).exp())
    return backward


def _in_float32(formula):
    """`formula(g, result)` computed in float32 for float16/bfloat16, as PyTorch's kernels."""
    def backward(g, result):
        dt = g.dtype
        if dt not in _HALF:
            return formula(g, result)
        return formula(g.float(), result.float()).to(dt)
    return backward


def softmax_back(dim):
    return _in_float32(lambda g, result: (g - (g * result).sum(dim, keepdim=True)) * result)


def log_softmax_back(dim):
    return _in_float32(lambda g, result: g - result.exp() * g.sum(dim, keepdim=True))


# ---- cumulative --------------------------------------------------------------------------
def _reversed_cumsum(w, dim):
    return w.flip(dim).cumsum(dim).flip(dim)


def cumsum_back(dim, dtype):
    """cumsum along `dim` of an input of `dtype`."""
    def backward(g):
        g = g.to(dtype)
        if g.numel() <= 1 or g.shape[dim] == 1:
            return g
        return _reversed_cumsum(g, dim)
    return backward


def cumprod_back(dim):
    def backward(g, x, result):
        g = g.to(x.dtype)
        if x.numel() <= 1 or x.shape[dim] == 1:
            return g
        if not np.any(x._a == 0):
            return _reversed_cumsum(conj(result) * g, dim) / conj(x)
        return _cumprod_with_zeros(g, conj(x), dim)
    return backward


def _cumprod_with_zeros(g, x, dim):
    """Each input's gradient from the products omitting it (PyTorch's O(n^2) form, exact
    with zeros in the input)."""
    n = x.shape[dim]
    size = list(x.shape)
    size[dim] = 1
    cat = FUNCTIONS["cat"]
    columns = []
    for k in range(n):
        after = x.narrow(dim, k + 1, n - k - 1).cumprod(dim)
        before = x.narrow(dim, 0, k).prod(dim, keepdim=True) if k else ones(size, dtype=g.dtype)
        omitted = cat([before, before * after], dim)
        columns.append((g.narrow(dim, k, n - k) * omitted).sum(dim))
    return FUNCTIONS["stack"](columns, dim)


def cummax_back(shape, dim):
    """cummax/cummin: each gradient to where its running extreme was found."""
    def backward(grads, x, indices):
        if not x.numel():
            return x  # empty: PyTorch returns the input itself
        return _scatter(grads[0], indices, shape, dim, True, add=True)
    return backward
