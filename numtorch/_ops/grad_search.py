"""Derivatives of the searching ops that have one (logcumsumexp), with numtorch ops so that
double backward works."""
from .. import _dtype as D
from .registry import FUNCTIONS

__all__ = ["logcumsumexp_back"]


def logcumsumexp_back(dim):
    """PyTorch's logcumsumexp_backward: the positive and negative parts of the gradient, each
    through a reversed logcumsumexp in log space."""
    def backward(g, self, result):
        flip, where = FUNCTIONS["flip"], FUNCTIONS["where"]

        def reverse(x):
            return flip(FUNCTIONS["logcumsumexp"](flip(x, (dim,)), dim), (dim,))
        if g.is_complex():
            return (reverse(g.log() - result) + self).exp()
        lowest = D.finfo(g.dtype).min
        log_abs = g.abs().log()
        positive = where(g > 0, log_abs, lowest)
        negative = where(g < 0, log_abs, lowest)
        return (reverse(positive - result) + self).exp() - (reverse(negative - result) + self).exp()
    return backward
