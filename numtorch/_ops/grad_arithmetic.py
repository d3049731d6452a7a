"""Derivatives of the arithmetic, binary-math and comparison ops (`registry.derivative`, and
backward functions for the ops recorded at their call sites), in PyTorch's convention for
complex inputs (the gradient is conjugated: d(x*y)/dx is grad * conj(y)).

Formulas use numtorch ops, so that `create_graph=True` differentiates them again; the engine
reduces a broadcast gradient to its input's shape and casts it to its input's dtype.
"""
from .. import _factories as F
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from .registry import FUNCTIONS, derivative, record

__all__ = ["conj", "not_implemented", "zeros_backward", "where_backward", "scalar_op",
           "lerp_tensor_backward"]


def conj(x):
    """`x.conj()` for complex tensors and numbers; real ones unchanged."""
    if isinstance(x, Tensor):
        return x.conj() if x._a.dtype.kind == "c" else x
    return x.conjugate() if isinstance(x, complex) else x


def _where(condition, x, y):
    return FUNCTIONS["where"](condition, x, y)


def not_implemented(op):
    """The backward of an op PyTorch has no derivative for (`aten::<op>`): raises its error."""
    def backward(g, *saved):
        raise RuntimeError(f"derivative for aten::{op} is not implemented")
    return backward


def zeros_backward(count):
    """The backward of an in-place comparison with `count` inputs: zero gradients (the engine
    reduces each to its input's shape). PyTorch records it on an integer `self` too, and
    its engine then fails on the integer gradient."""
    def backward(g):
        if g.dtype._cat < 2:
            raise RuntimeError('isDifferentiableType(grad.scalar_type()) INTERNAL ASSERT FAILED '
                               'at "/__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp":998, '
                               'please report a bug to PyTorch. ')
        return tuple(F.zeros_like(g) for _ in range(count))
    return backward


# ---- add, sub, mul, div, neg ----------------------------------------------------------------
@derivative("add")
def _add(g, alpha=1):
    return g, g * conj(alpha) if alpha != 1 else g


@derivative("sub", "subtract")
def _sub(g, alpha=1):
    return g, -g * conj(alpha) if alpha != 1 else -g


@derivative("rsub")
def _rsub(g, alpha=1):
    return (-g * conj(alpha) if alpha != 1 else -g), g


@derivative("mul", "multiply", needs={"self": (1,), "other": (0,)})
def _mul(g, self, other):
    return (None if other is None else g * conj(other),
            None if self is None else g * conj(self))


@derivative("div", "true_divide", needs={"self": (1,)})
def _div(g, self, other, rounding_mode=None):
    if rounding_mode is not None:  # a step function: zero almost everywhere
        return F.zeros_like(g), F.zeros_like(g)
    return g / conj(other), None if self is None else -g * conj(self / other / other)


@derivative("floor_divide")
def _floor_divide(g):
    raise RuntimeError("derivative for aten::floor_divide is not implemented")


@derivative("remainder")
def _remainder(g, self, other):
    if not isinstance(self, Tensor):
        raise RuntimeError("derivative for aten::remainder is not implemented")
    return g, -g * self.div(other, rounding_mode="floor")


@derivative("fmod")
def _fmod(g, self, other):
    return g, -g * self.div(other, rounding_mode="trunc")


@derivative("neg", "negative")
def _neg(g):
    return -g


# ---- pow -------------------------------------------------------------------------------------
def _nonnegative(exponent):
    """Where a (possibly complex) exponent is a real number >= 0."""
    if exponent.is_complex():
        return (exponent.imag == 0) & (exponent.real >= 0)
    return exponent >= 0


@derivative("pow")
def _pow(g, self, other):
    """PowBackward0 (number exponent), PowBackward1 (tensors), PowBackward2 (number base);
    the exponent's gradient is 0 where the base is 0 and the exponent real and >= 0. The
    result is recomputed, not saved: PowBackward0 (one registration with the others) must
    not check it for in-place changes."""
    if not isinstance(other, Tensor):
        if other == 0:
            return F.zeros_like(self), None
        return g * conj(other * self.pow(other - 1)), None
    result = FUNCTIONS["pow"](self, other)
    promoted = result.dtype
    if promoted is not g.dtype:  # an in-place result keeps self's dtype
        result = result.to(g.dtype)
    if not isinstance(self, Tensor):
        log = F.full((), self, dtype=result.dtype).log()
        d_other = conj(result * log)
        if self == 0:
            d_other = _where(_nonnegative(other), 0, d_other)
        return None, g * d_other
    d_self = _where(other == 0, 0, g * conj(other * self.pow(other - 1)))
    zero = (self == 0) & _nonnegative(other)
    d_other = g * _where(zero, 0, conj(result * self.to(promoted).log()))
    return d_self, d_other


# ---- binary math -------------------------------------------------------------------------------
@derivative("atan2", "arctan2")
def _atan2(g, self, other):
    recip = (self * self + other * other).reciprocal()
    return g * other * recip, g * -self * recip


@derivative("hypot")
def _hypot(g, self, other, result):
    return g * self / result, g * other / result


@derivative("logaddexp")
def _logaddexp(g, self, other):
    return g / conj(1 + (other - self).exp()), g / conj(1 + (self - other).exp())


@derivative("logaddexp2")
def _logaddexp2(g, self, other):
    pow_ = FUNCTIONS["pow"]
    return g / (1 + pow_(2, other - self)), g / (1 + pow_(2, self - other))


@derivative("copysign")
def _copysign(g, self, result):
    """Only `self` has a gradient (sign(result)/sign(self), 0 at 0); a tensor `other` gets 0."""
    return g * _where(self == 0, 0, result / self), F.zeros_like(g)


@derivative("xlogy")
def _xlogy(g, self, other):
    xlogy = FUNCTIONS["xlogy"]
    if not isinstance(self, Tensor):
        return None, g * self / other
    d_self = xlogy(g, other)
    if isinstance(other, Tensor):
        d_self = _where((self == 0) & (other <= 0), 0, d_self)
        return d_self, g * self / other
    return (d_self if other > 0 else _where(self == 0, 0, d_self)), None


def _extremum(g, self, other, self_loses, other_loses):
    """maximum/minimum: the larger (smaller) operand gets the gradient, ties half each."""
    shared = _where(self == other, g / 2, g)
    return _where(self_loses, 0, shared), _where(other_loses, 0, shared)


@derivative("maximum")
def _maximum(g, self, other):
    return _extremum(g, self, other, self < other, self > other)


@derivative("minimum")
def _minimum(g, self, other):
    return _extremum(g, self, other, self > other, self < other)


def _nan_ignoring(g, self_wins):
    """fmax/fmin: the gradient goes to `self` where `self_wins`, else to `other`."""
    return _where(self_wins, g, 0), _where(self_wins, 0, g)


@derivative("fmax")
def _fmax(g, self, other):
    return _nan_ignoring(g, (self >= other) | other.isnan())


@derivative("fmin")
def _fmin(g, self, other):
    return _nan_ignoring(g, (self <= other) | other.isnan())


@derivative("lerp")
def _lerp(g, weight):
    """LerpBackward0: a number weight (a tensor weight: `lerp_tensor_backward`)."""
    return g * (1 - conj(weight)), g * conj(weight)


def lerp_tensor_backward(g, self, end, weight):
    """LerpBackward1: gradients of `self`, `end` and the tensor `weight`."""
    return g * conj(1 - weight), g * conj(weight), g * conj(end - self)


def where_backward(tensor_positions):
    """WhereBackward0's backward for its two operands (0: input, 1: other), None for those
    not at `tensor_positions` (numbers); it saves the condition."""
    def backward(g, condition):
        return (_where(condition, g, 0) if 0 in tensor_positions else None,
                _where(condition, 0, g) if 1 in tensor_positions else None)
    return backward


# ---- a tensor with a number, as PyTorch's C++ code records it ------------------------------
_SCALAR_OPS = {"mul": ("MulBackward1", lambda t, c: t * c, lambda g, c: g * c),
               "div": ("DivBackward1", lambda t, c: t / c, lambda g, c: g / c),
               "add": ("AddBackward1", lambda t, c: t + c, lambda g, c: g)}


def scalar_op(op, t, c):
    """`t <op> c` for a number `c`, as PyTorch's C++ ops record it: a MulBackward1 (...)
    node with the one edge of `t`."""
    name, fn, grad = _SCALAR_OPS[op]
    with no_grad():
        r = fn(t, c)
    return record(r, name, (t,), lambda g: grad(g, c))
