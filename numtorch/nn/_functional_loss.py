"""Losses of numtorch.nn.functional. Those with a dedicated PyTorch node (MseLossBackward0,
NllLossBackward0, ...) compute their forward without recording and attach that node, whose
backward is written with tensor ops; the others are compositions of differentiable ops."""
import warnings

import numpy as np

import numtorch
from .. import _dtype as D
from .._tensor import wrap
from ..autograd.grad_mode import no_grad
from .._ops.registry import needs_grad, record
from ._functional_act import log_softmax
from .._ops.grad_arithmetic import scalar_op as _scalar

__all__ = ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "nll_loss", "cross_entropy",
           "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div"]

_REDUCTIONS = ("none", "mean", "sum")


def _reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _legacy(size_average, reduce, reduction):
    """`reduction` from PyTorch's deprecated `size_average`/`reduce`, with its warning."""
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    r = "mean" if size_average and reduce else "sum" if reduce else "none"
    warnings.warn(f"size_average and reduce args will be deprecated, please use "
                  f"reduction='{r}' instead.", UserWarning, stacklevel=3)
    return r


def _with_weight(loss, input, weight, reduction, by_weight=True):
    """A loss times `weight` (of input's size), reduced (mean: by the sum of the weights)."""
    if weight.size() != input.size():
        raise ValueError("Weights and input must have the same size.")
    loss = loss * weight
    if reduction == "mean":
        return loss.sum() / weight.sum() if by_weight else loss.mean()
    if reduction not in ("none", "sum"):
        raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', "
                         "'mean', 'sum'.")
    return _reduce(loss, reduction)


def _reduce(t, reduction):
    return t.mean() if reduction == "mean" else t.sum() if reduction == "sum" else t


def _size_warning(input, target):
    if target.size() != input.size():
        warnings.warn(f"Using a target size ({target.size()}) that is different to the input "
                      f"size ({input.size()}). This will likely lead to incorrect results due "
                      "to broadcasting. Please ensure they have the same size.", UserWarning,
                      stacklevel=3)


def _pointwise_loss(name, input, target, loss, d_input, d_target, reduction):
    """The loss `loss(x, y)` (tensor ops, elementwise) reduced, as node `name`, whose
    gradients are `d_input(x, y)`/`d_target(x, y)` times the incoming gradient."""
    _reduction(reduction)
    with no_grad():
        r = _reduce(loss(input, target), reduction)

    def back(g, x, y):
        if reduction != "none":
            g = g.expand(x.shape)
            if reduction == "mean":
                g = g / x.numel()
        return (g * d_input(x, y) if _wants(x) else None,
                g * d_target(x, y) if _wants(y) else None)
    return record(r, name, (input, target), back, (input, target))


def _wants(t):
    return t.requires_grad


def _broadcast(input, target):
    if input.shape == target.shape:
        return input, target
    return numtorch.broadcast_tensors(input, target)


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """(input - target)^2, reduced (mean: by the sum of `weight`, when given)."""
    _size_warning(input, target)
    reduction = _legacy(size_average, reduce, reduction)
    input, target = _broadcast(input, target)
    if weight is not None:
        return _with_weight((input - target).pow(2), input, weight, reduction)
    return _pointwise_loss("MseLossBackward0", input, target, lambda x, y: (x - y).pow(2),
                           lambda x, y: 2 * (x - y), lambda x, y: -2 * (x - y), reduction)


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """|input - target|, reduced (mean: by the sum of `weight`, when given)."""
    _size_warning(input, target)
    reduction = _legacy(size_average, reduce, reduction)
    input, target = _broadcast(input, target)
    if weight is not None:
        return _with_weight((input - target).abs(), input, weight, reduction)
    _reduction(reduction)
    return _reduce((input - target).abs(), reduction)


def _huber(name, input, target, reduction, delta, scale):
    def loss(x, y):
        d = (x - y).abs()
        r = numtorch.where(d < delta, 0.5 * d * d / scale, (d - 0.5 * delta) * delta / scale)
        return r.to(x.dtype) if name == "HuberLossBackward0" else r  # in the input's dtype

    def grad(x, y):
        d = x - y
        return numtorch.where(d.abs() < delta, d / scale, d.sign() * (delta / scale))
    input, target = _broadcast(input, target)
    return _pointwise_loss(name, input, target, loss, grad, lambda x, y: -grad(x, y),
                           reduction)


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta (d = input - target), reduced."""
    _size_warning(input, target)
    reduction = _legacy(size_average, reduce, reduction)
    if beta == 0.0:
        return l1_loss(input, target, reduction=reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    return _huber("SmoothL1LossBackward0", input, target, reduction, beta, beta)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta) (d = input - target)."""
    _size_warning(input, target)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    if weight is not None:
        loss = _huber("HuberLossBackward0", input, target, "none", delta, 1.0)
        return _with_weight(loss, input, weight, reduction, by_weight=False)
    return _huber("HuberLossBackward0", input, target, reduction, delta, 1.0)


def _check_nll(input, target, weight):
    n = input.dim()
    if n < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {n})")
    batch = target.shape[0] if target.dim() else 0
    if n != 1 and input.shape[0] != batch:
        raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target "
                         f"batch_size ({batch}).")
    if target.dtype not in (D.int64, D.uint8):
        raise RuntimeError("expected target dtype to be Long or Byte, but got "
                           f"{D.SCALAR_NAME[target.dtype]}")
    _no_weight_grad("nll_loss_forward", weight)
    if weight is not None and weight.dtype is not input.dtype:
        raise RuntimeError(f"expected scalar type {D.SCALAR_NAME[input.dtype]} but found "
                           f"{D.SCALAR_NAME[weight.dtype]}")
    c = input.shape[0 if n == 1 else 1]
    if n <= 2 and target.dim() > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if n == 4 and target.dim() != 3:
        raise RuntimeError("only batches of spatial targets supported (3D tensors) but got "
                           f"targets of dimension: {target.dim()}")
    spatial = [input.shape[0]] + list(input.shape[2:])
    if n == 4 and list(target.shape) != spatial:
        raise RuntimeError(f"size mismatch (got input: {list(input.shape)} , target: "
                           f"{list(target.shape)}")
    if (n == 3 or n > 4) and list(target.shape) != spatial:
        raise RuntimeError(f"Expected target size {spatial}, got {list(target.shape)}")
    if weight is not None and weight.numel() != c:
        raise RuntimeError(f"weight tensor should be defined either for all {c} classes or "
                           f"no classes but got weight tensor of shape: {list(weight.shape)}")
    return c


def _no_weight_grad(name, weight):
    if weight is not None and needs_grad((weight,)):
        raise RuntimeError(f"The function '{name}' is not differentiable with respect to "
                           "argument 'weight'. This input cannot have requires_grad True.")


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """-input[n, target[n]] * weight[target[n]], reduced (mean: by the sum of the weights)."""
    reduction = _legacy(size_average, reduce, reduction)
    _reduction(reduction)
    c = _check_nll(input, target, weight)
    if input.dim() == 3 or input.dim() > 4:  # PyTorch's nll_loss_nd: as (N, C, 1, -1)
        n = input.shape[0]
        flat = input.contiguous().view(n, c, 1, -1) if input.numel() else input.reshape(
            n, c, 0, 0)
        t = target.contiguous()
        t = t.view(n, 1, -1) if t.numel() else t.reshape(n, 0, 0)
        r = nll_loss(flat, t, weight, ignore_index=ignore_index, reduction=reduction)
        return r if reduction != "none" else r.view((n,) + tuple(input.shape[2:]))
    a = input._a
    cls = 0 if a.ndim == 1 else 1
    logp = np.moveaxis(a, cls, -1).reshape(-1, c)
    t = target._a.reshape(-1).astype(np.int64)
    keep = t != ignore_index
    if np.any((t[keep] < 0) | (t[keep] >= c)):
        raise IndexError(f"Target {int(t[keep][(t[keep] < 0) | (t[keep] >= c)][0])} is out "
                         "of bounds.")
    safe = np.where(keep, t, 0)
    w = np.ones(c, a.dtype) if weight is None else weight._a.astype(a.dtype)
    wt = np.where(keep, w[safe], 0).astype(a.dtype)
    picked = -np.take_along_axis(logp, safe[:, None], 1)[:, 0] * wt
    if reduction == "none":
        r = picked.reshape(target.shape)
        denom = 1
    else:
        total = picked.sum(dtype=a.dtype)
        denom = wt.sum(dtype=a.dtype) if reduction == "mean" else 1
        r = np.asarray(total / denom if reduction == "mean" else total, a.dtype)
    coef = np.zeros_like(logp)
    np.put_along_axis(coef, safe[:, None], (-wt / denom)[:, None], 1)
    coef = np.moveaxis(coef.reshape(np.moveaxis(a, cls, -1).shape), -1, cls)
    coef_t = wrap(np.ascontiguousarray(coef))

    def back(g):
        if reduction == "none" and a.ndim > 1:
            g = g.unsqueeze(1)
        return g * coef_t
    name = "NllLoss2DBackward0" if a.ndim == 4 else "NllLossBackward0"
    return record(wrap(np.asarray(r, a.dtype)), name, (input,), back)


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100,
                  reduce=None, reduction="mean", label_smoothing=0.0):
    """nll_loss(log_softmax(input)) for class indices; -sum(target * log_softmax(input)) for
    class probabilities; with label smoothing."""
    reduction = _legacy(size_average, reduce, reduction)
    _reduction(reduction)
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: "
                           f"{label_smoothing}")
    cls = 0 if input.dim() == 1 else 1
    logp = log_softmax(input, cls)
    c = input.shape[cls]
    wshape = [1] * input.dim()
    wshape[cls] = c
    if target.dtype.is_floating_point and target.shape == input.shape:
        if label_smoothing > 0:
            target = _scalar("add", _scalar("mul", target, 1 - label_smoothing),
                             label_smoothing / c)
        prod = logp * target
        if weight is not None:
            prod = prod * weight.view(wshape)
        if reduction == "mean":
            return _scalar("div", -prod.sum(), input.numel() // c)
        return -prod.sum() if reduction == "sum" else -prod.sum(cls)
    loss = nll_loss(logp, target, weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing <= 0:
        return loss
    ignore = target == ignore_index
    smooth = -(logp if weight is None else logp * weight.view(wshape)).sum(cls)
    smooth = smooth.masked_fill(ignore, 0.0)
    if reduction == "mean":
        if weight is None:
            smooth = smooth.sum() / ignore.logical_not().sum()
        else:
            smooth = smooth.sum() / weight.gather(0, target.masked_select(
                ignore.logical_not()).flatten()).sum()
    elif reduction == "sum":
        smooth = smooth.sum()
    return _scalar("mul", loss, 1 - label_smoothing) + _scalar("mul", smooth,
                                                               label_smoothing / c)


def _weighted(name, input, target, weight, reduction, loss, d_input, d_target):
    """A binary cross entropy node: `loss`, `d_input`, `d_target` (of x, y) times `weight`."""
    _reduction(reduction)
    if weight is not None:
        weight = weight.expand(numtorch.broadcast_shapes(target.shape, weight.shape))
    w = 1 if weight is None else weight.detach().to(input.dtype)
    with no_grad():
        r = _reduce(loss(input, target) * w, reduction)

    def back(g, x, y):
        if reduction != "none":
            g = g.expand(x.shape)
            if reduction == "mean":
                g = g / x.numel()
        g = g * w
        return (g * d_input(x, y) if x.requires_grad else None,
                g * d_target(x, y) if y.requires_grad else None)
    return record(r, name, (input, target), back, (input, target))


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction="mean"):
    """-(t log(x) + (1 - t) log(1 - x)) (logs clamped at -100), weighted, reduced."""
    if target.size() != input.size():
        raise ValueError(f"Using a target size ({target.size()}) that is different to the "
                         f"input size ({input.size()}) is deprecated. Please ensure they have "
                         "the same size.")
    reduction = _legacy(size_average, reduce, reduction)
    _no_weight_grad("binary_cross_entropy", weight)
    if target.dtype is not input.dtype:
        raise RuntimeError(f"Found dtype {D.SCALAR_NAME[target.dtype]} but expected "
                           f"{D.SCALAR_NAME[input.dtype]}")
    a = input._a
    if a.size and (np.any(a < 0) or np.any(a > 1) or np.any(np.isnan(a))):
        raise RuntimeError("all elements of input should be between 0 and 1")

    def loss(x, y):
        return -(y * x.log().clamp_min(-100) + (1 - y) * (1 - x).log().clamp_min(-100))

    def d_input(x, y):
        return (x - y) / ((1 - x) * x).clamp_min(1e-12)

    def d_target(x, y):
        return (1 - x).log().clamp_min(-100) - x.log().clamp_min(-100)
    return _weighted("BinaryCrossEntropyBackward0", input, target, weight, reduction, loss,
                     d_input, d_target)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None,
                                     reduce=None, reduction="mean", pos_weight=None):
    """binary_cross_entropy(sigmoid(input), target), computed stably, `pos_weight` scaling
    the positive term."""
    if target.size() != input.size():
        raise ValueError(f"Target size ({target.size()}) must be the same as input size "
                         f"({input.size()})")
    reduction = _legacy(size_average, reduce, reduction)
    pw = None if pos_weight is None else pos_weight.detach().to(input.dtype)

    def softplus_neg(x):  # log(1 + exp(-x)), stably
        return (-x.abs()).exp().log1p() + (-x).clamp_min(0)

    def loss(x, y):
        lw = 1 if pw is None else 1 + (pw - 1) * y
        return (1 - y) * x + lw * softplus_neg(x)

    def d_input(x, y):
        if pw is None:
            return x.sigmoid() - y
        return (1 + (pw - 1) * y) * x.sigmoid() - pw * y

    def d_target(x, y):
        return -x if pw is None else -x + (pw - 1) * softplus_neg(x)
    return _weighted("BinaryCrossEntropyWithLogitsBackward0", input, target, weight,
                     reduction, loss, d_input, d_target)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """target * (log(target) - input) (`log_target`: exp(target) * (target - input))."""
    if size_average is not None or reduce is not None:
        reduction = _legacy(size_average, reduce, reduction)
    if reduction == "mean":
        warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the "
                      "support size.'batchmean' divides only by the batch size, and aligns "
                      "with the KL div math definition.'mean' will be changed to behave the "
                      "same as 'batchmean' in the next major release.", UserWarning,
                      stacklevel=2)
    if reduction not in _REDUCTIONS + ("batchmean",):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if log_target:
        loss = target.exp() * (target - input)
    else:
        loss = numtorch.xlogy(target, target) - target * input
    if reduction == "batchmean":
        r = loss.sum()
        return r / input.size()[0] if input.dim() else r
    return _reduce(loss, reduction)
