"""Derivatives of the pointwise ops (`registry.derivative`), as PyTorch's derivatives.yaml
writes them: complex gradients are conjugated (d exp(z) -> grad * conj(exp(z))), rounding
and sign give zeros, clamp passes the gradient on its boundary (min <= x <= max)."""
import math

import numpy as np

from .._factories import zeros_like
from .._tensor import Tensor, wrap
from .binary import where
from .grad_arithmetic import conj
from .registry import derivative, record

__all__ = []

_LN2 = 0.6931471805599453
_LN10 = 2.3025850929940456


@derivative("exp")
def _exp(g, result):
    return g * conj(result)


@derivative("exp2")
def _exp2(g, result):
    return g * conj(result) * _LN2


@derivative("expm1")
def _expm1(g, result):
    return g * (conj(result) + 1)


@derivative("log")
def _log(g, self):
    return g / conj(self)


@derivative("log2")
def _log2(g, self):
    return g / (conj(self) * _LN2)


@derivative("log10")
def _log10(g, self):
    return g / (conj(self) * _LN10)


@derivative("log1p")
def _log1p(g, self):
    return g / conj(self + 1)


@derivative("sqrt")
def _sqrt(g, result):
    return g / (2 * conj(result))


@derivative("rsqrt")
def _rsqrt(g, result):
    return -0.5 * g * conj(result.pow(3))


@derivative("reciprocal")
def _reciprocal(g, result):
    return -g * conj(result * result)


@derivative("sin")
def _sin(g, self):
    return g * conj(self.cos())


@derivative("cos")
def _cos(g, self):
    return g * -conj(self.sin())


@derivative("tan")
def _tan(g, result):
    return g * conj(1 + result.pow(2))


@derivative("asin", "arcsin")
def _asin(g, self):
    return g * conj((-self * self + 1).rsqrt())


@derivative("acos", "arccos")
def _acos(g, self):
    return g * -conj((-self * self + 1).rsqrt())


@derivative("atan", "arctan")
def _atan(g, self):
    return g / conj(self * self + 1)


@derivative("sinh")
def _sinh(g, self):
    return g * conj(self.cosh())


@derivative("cosh")
def _cosh(g, self):
    return g * conj(self.sinh())


@derivative("tanh")
def _tanh(g, result):
    return g * conj(1 - result * result)


@derivative("asinh", "arcsinh")
def _asinh(g, self):
    return g * conj((self.pow(2) + 1).rsqrt())


@derivative("acosh", "arccosh")
def _acosh(g, self):
    """Complex: on acosh's branch, 1 / (sqrt(z - 1) sqrt(z + 1)), not 1 / sqrt(z^2 - 1)."""
    if self.is_complex():
        return g * ((self - 1).rsqrt() * (self + 1).rsqrt()).conj()
    return g * (self.pow(2) - 1).rsqrt()


@derivative("atanh", "arctanh")
def _atanh(g, self):
    return g * 1 / conj(1 - self.pow(2))


@derivative("sigmoid")
def _sigmoid(g, result):
    return g * conj((1 - result) * result)


@derivative("erf")
def _erf(g, self):
    return 2.0 / math.sqrt(math.pi) * (-self.pow(2)).exp() * g


@derivative("erfc")
def _erfc(g, self):
    return -2.0 / math.sqrt(math.pi) * (-self.pow(2)).exp() * g


@derivative("erfinv")
def _erfinv(g, self):
    return 0.5 * math.sqrt(math.pi) * self.erfinv().pow(2).exp() * g


@derivative("abs", "absolute")
def _abs(g, self):
    return g * self.sgn()


@derivative("sgn")
def _sgn(g, self, result):
    """Complex: (g - sgn Re(g conj(sgn))) / |x|, 0 where x is 0; real: zeros."""
    if not self.is_complex():
        return zeros_like(g)
    size = self.abs()
    return ((g - result * (g * result.conj()).real) / size).masked_fill(size == 0, 0)


@derivative("sign", "floor", "ceil", "trunc", "fix", "round")
def _zero(g):
    return zeros_like(g)


@derivative("frac")
def _frac(g):
    return g


@derivative("relu")
def _relu(g, result):
    """PyTorch's threshold_backward(g, result, 0): `result` is an input of the gradient
    (with a zero gradient), so that the gradient of the gradient is defined."""
    a = g._a
    r = wrap(np.where(result._a <= 0, np.zeros((), a.dtype), a))
    return record(r, "ThresholdBackwardBackward0", (g, result), _relu_twice, (result,))


def _relu_twice(g, result):
    return _relu(g, result), zeros_like(g)


@derivative("square")
def _square(g, self):
    return g * conj(2 * self), None


@derivative("nan_to_num")
def _nan_to_num(g, self):
    return g * self.isfinite()


@derivative("clamp")
def _clamp(g, self, other, third):
    """Tensor bounds also get the gradient where they are the result (min where x < min
    < max, max where x > max or max < min)."""
    lo = hi = None
    if isinstance(other, Tensor):
        lo = where((self < other).logical_and(other < third), g, 0)
    if isinstance(third, Tensor):
        hi = where((self > third).logical_or(third < other), g, 0)
    return where((self >= other).logical_and(self <= third), g, 0), lo, hi


@derivative("clamp_min")
def _clamp_min(g, self, other):
    return where(self >= other, g, 0), _bound(g, self < other, other)


@derivative("clamp_max")
def _clamp_max(g, self, other):
    return where(self <= other, g, 0), _bound(g, self > other, other)


def _bound(g, chosen, bound):
    """The gradient of a tensor bound: where it was `chosen`."""
    return where(chosen, g, 0) if isinstance(bound, Tensor) else None
