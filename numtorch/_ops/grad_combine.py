"""Derivatives of the combine ops recorded with their own nodes (cdist, block_diag, rot90),
written with tensor ops so that double backward works."""
import math

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
        dd = d.unsqueeze(-1)
        where = FUNCTIONS["where"]
        if p == 1:
            w = diff.sign()
        elif p == math.inf:
            w = diff.sign() * (diff.abs() == dd)
        elif p == 2:
            w = where(dd == 0, 0, diff / dd)
        else:
            w = where(dd == 0, 0, diff.sign() * diff.abs().pow(p - 1) / dd.pow(p - 1))
        w = g.unsqueeze(-1) * w
        return w.sum(-2), -w.sum(-3)
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
