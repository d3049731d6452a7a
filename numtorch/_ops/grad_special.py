"""Derivatives of the special functions (`registry.derivative`, and the backward functions
of frexp, complex and polar), as PyTorch's derivatives.yaml writes them, with numtorch ops so
that double backward works."""
import math
import sys

from .. import _dtype as D
from .. import _factories as F
from .grad_arithmetic import conj, not_implemented
from .registry import FUNCTIONS, derivative

__all__ = ["frexp_back", "complex_back", "polar_back"]


def _where(condition, x, y):
    return FUNCTIONS["where"](condition, x, y)


def _special():
    return sys.modules[__package__ + ".special"]


@derivative("lgamma")
def _lgamma(g, self):
    return g * FUNCTIONS["digamma"](self)


@derivative("digamma")
def _digamma(g, self):
    return g * FUNCTIONS["polygamma"](1, self)


@derivative("polygamma")
def _polygamma(g, self, n=0):
    return g * FUNCTIONS["polygamma"](n + 1, self)


@derivative("mvlgamma")
def _mvlgamma(g, self, p=1):
    digamma = FUNCTIONS["digamma"]
    return g * sum(digamma(self - j / 2) for j in range(p))


@derivative("i0")
def _i0(g, self):
    return g * _special()._special_i1(self)


@derivative("special_i1")
def _i1(g, self, result):
    eps = D.finfo(self.dtype).eps
    tiny = self.abs() <= eps
    safe = _where(tiny, eps, self)
    return g * _where(tiny, 0.5, FUNCTIONS["i0"](safe) - result * safe.reciprocal())


@derivative("special_entr")
def _entr(g, self):
    return g * -(1 + self.log())


@derivative("special_log_ndtr")
def _log_ndtr(g, self, result):
    return g / math.sqrt(2 * math.pi) * (result + self.pow(2) / 2).neg().exp()


@derivative("sinc")
def _sinc(g, self):
    x = self * math.pi
    squared = self * self * math.pi
    return _where(squared == 0, 0, g * conj((x * x.cos() - x.sin()) / squared))


@derivative("deg2rad")
def _deg2rad(g):
    return g * (math.pi / 180)


@derivative("rad2deg")
def _rad2deg(g):
    return g * (180 / math.pi)


@derivative("logit")
def _logit(g, self, eps=None):
    d = g / (self * (1 - self))
    if eps is None or eps < 0:
        return _where((self < 0) | (self > 1), math.nan, d)
    return _where((self < eps) | (self > 1 - eps), 0, d)


@derivative("angle")
def _angle(g, self):
    if not self.is_complex():
        return F.zeros_like(self)
    return _where(self == 0, 0, g * self / self.abs().pow(2) * 1j)


derivative("heaviside")(not_implemented("heaviside"))


@derivative("ldexp")
def _ldexp(g, self, other):
    scale = FUNCTIONS["pow"](2, other)  # in other's dtype: integers give 0 below 2 ** 0
    return g * conj(scale), g * conj(self * scale * math.log(2))


@derivative("nextafter")
def _nextafter(g, self, other):
    return _where(self == other, 0, g), F.zeros_like(g)


def frexp_back(grads, exponent):
    """frexp: the mantissa's gradient, scaled back by 2 ** -exponent."""
    return grads[0] / FUNCTIONS["exp2"](exponent)


def complex_back(g, result):
    """torch.complex: the real and imaginary parts of the gradient."""
    return FUNCTIONS["real"](g), FUNCTIONS["imag"](g)


def polar_back(g, result):
    """torch.polar: d abs along the result's direction, d angle across it."""
    g = g.conj()
    return FUNCTIONS["real"](g * FUNCTIONS["sgn"](result)), FUNCTIONS["real"](g * result * 1j)
