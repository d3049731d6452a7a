"""Derivatives of the combine ops recorded with their own nodes (cdist, block_diag, rot90),
written with tensor ops so that double backward works."""
import math

from .._tensor import wrap
from ..autograd.grad_mode import no_grad
from .registry import FUNCTIONS, needs_grad, record

__all__ = []


def _cdist_backward_backward(g, *saved):
    raise NotImplementedError("the derivative for '_cdist_backward' is not implemented.")


def cdist(p):
    """CdistBackward0: the gradients of `x1` and `x2` of their p-norm distances `d` (as in
    PyTorch, themselves not differentiable: CdistBackwardBackward0 raises)."""
    def backward(g, x1, x2, d):
        grad = needs_grad((g, x1, x2, d))
        with no_grad():
            grads = _cdist(g, x1, x2, d)
        if grad:
            grads = tuple(record(t, "CdistBackwardBackward0", (g, x1, x2, d),
                                 _cdist_backward_backward) for t in grads)
        return grads

    def _cdist(g, x1, x2, d):
        if p == 0:
            return x1 * 0, x2 * 0
        diff = x1.unsqueeze(-2) - x2.unsqueeze(-3)
        w = g.unsqueeze(-1) * _weights(diff, d.unsqueeze(-1), p)
        return w.sum(-2), -w.sum(-3)
    return backward


def _weights(diff, dd, p):
    """d(distance)/d(diff) of the p-norm distances `dd` of differences `diff` (p > 0)."""
    where = FUNCTIONS["where"]
    if p == 1:
        return diff.sign()
    if p == math.inf:
        return diff.sign() * (diff.abs() == dd)
    if p == 2:
        return where(dd == 0, 0, diff / dd)
    w = where(dd == 0, 0, diff.sign() * diff.abs().pow(p - 1) / dd.pow(p - 1))
    return where(diff == 0, 0, w) if p < 1 else w


def _pdist_backward_backward(g, *saved):
    raise NotImplementedError("the derivative for '_pdist_backward' is not implemented.")


def pdist(p, rows, cols):
    """PdistBackward0: the gradient of `x` of the distances `d` of its row pairs (`rows`,
    `cols`: index arrays, rows < cols); itself not differentiable, as in PyTorch."""
    def backward(g, x, d):
        grad = needs_grad((g, x, d))
        with no_grad():
            r = x.new_zeros(x.shape)
            if p != 0 and d.numel():
                i, j = wrap(rows), wrap(cols)
                diff = x.index_select(0, i) - x.index_select(0, j)
                w = g.unsqueeze(-1) * _weights(diff, d.unsqueeze(-1), p)
                r = r.index_add(0, i, w).index_add(0, j, -w)
        if grad:
            r = record(r, "PdistBackwardBackward0", (g, x, d), _pdist_backward_backward)
        return r
    return backward


def block_diag(shapes):
    """BlockDiagBackward0 for inputs of `shapes` ((input shape, block shape) pairs)."""
    def backward(g):
        grads, i, j = [], 0, 0
        for shape, (h, w) in shapes:
            grads.append(g[i:i + h, j:j + w].reshape(shape))
            i, j = i + h, j + w
        return tuple(grads)
    return backward


def rot90(k, dims):
    """Rot90Backward0: the gradient rotated back (`k` the inverse rotation)."""
    def backward(g):
        return FUNCTIONS["rot90"](g, k, dims).contiguous()
    return backward
