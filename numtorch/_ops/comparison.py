"""Comparisons, closeness, logical and bitwise ops: results are bool (comparisons, logical) or
keep the promoted integer dtype (bitwise).

>>> import numtorch
>>> numtorch.tensor([1.0, 2.0]) > 1
tensor([False,  True])
>>> numtorch.tensor([6, -6]) >> 1
tensor([ 3, -3])
"""
import numpy as np

from .. import _dtype as D
from .._backend.quiet import quiet
from .._convert import fresh
from .._tensor import Tensor, wrap
from ..autograd import graph
from ..autograd.views import inplace_history
from .arithmetic import as_methods, computed_in, only_tensors, refuse, tensors_only
from .grad_arithmetic import zeros_backward
from .registry import (ALWAYS_BOOL, DEFAULT, FUNCTIONS, broadcast_error, elementwise,
                       iterator_layout, needs_grad)

__all__ = ["eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less", "less_equal",
           "not_equal", "equal", "isclose", "allclose", "logical_and", "logical_or",
           "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_left_shift",
           "bitwise_right_shift"]

_FAST = (np.bool_, np.float32, np.float64, np.int64, np.int32, np.int16, np.int8, np.float16)
_INTS = (np.bool_, np.int64, np.int32, np.int16, np.int8)  # uint8: see arithmetic._FAST


# ---- comparisons ---------------------------------------------------------------------------------
def _ordered(np_fn, kernel):
    """An order comparison: complex operands have no order."""
    def fn(a, b):
        refuse(kernel, "c", computed_in(a, b))
        return np_fn(a, b)
    fn.__doc__ = np_fn.__doc__
    return fn


def _check_compare(name):
    """PyTorch's TypeError for a number first or a non-number second operand."""
    def check(a, b):
        if not isinstance(a, Tensor) or not isinstance(
                b, (Tensor, bool, int, float, complex, np.generic)):
            got = f"{type(a).__name__}, {type(b).__name__}"
            raise TypeError(f"{name}() received an invalid combination of arguments - got "
                            f"({got}), but expected one of:")
    return check


def _node_named(inplace, node):
    """In-place comparison `inplace` recording PyTorch's node, with zero gradients: `node` +
    'Backward0' for a number, 'Backward1' for a tensor (self keeps its dtype, so it may still
    require grad; PyTorch records it whatever that dtype)."""
    def named(self, other):
        r = inplace(self, other)
        tensors = (self, other) if isinstance(other, Tensor) else (self,)
        if needs_grad(tensors):
            inplace_history(self, graph.record(f"{node}Backward{len(tensors) - 1}", tensors,
                                               zeros_backward(len(tensors))))
        return r
    named.__name__, named.__doc__ = inplace.__name__, inplace.__doc__
    return named


def _comparison(name, fn, kernel=None, aliases=()):
    f = elementwise(name, fn, 2, ALWAYS_BOOL, fast_dtypes=_FAST + (
        (np.complex64, np.complex128) if kernel is None else ()), kernel=kernel,
                    check=_check_compare(name))
    for alias in aliases:
        elementwise(alias, fn, 2, ALWAYS_BOOL, fast_dtypes=_FAST, kernel=kernel,
                    check=_check_compare(alias))
    for method in (name,) + aliases:
        setattr(Tensor, method + "_", _node_named(Tensor.__dict__[method + "_"],
                                                  name.capitalize()))
    return f


eq = _comparison("eq", np.equal)
ne = _comparison("ne", np.not_equal, aliases=("not_equal",))
lt = _comparison("lt", _ordered(np.less, "lt_cpu"), "lt_cpu", ("less",))
le = _comparison("le", _ordered(np.less_equal, "le_cpu"), "le_cpu", ("less_equal",))
gt = _comparison("gt", _ordered(np.greater, "gt_cpu"), "gt_cpu", ("greater",))
ge = _comparison("ge", _ordered(np.greater_equal, "ge_cpu"), "ge_cpu", ("greater_equal",))
not_equal, less, less_equal = FUNCTIONS["not_equal"], FUNCTIONS["less"], FUNCTIONS["less_equal"]
greater, greater_equal = FUNCTIONS["greater"], FUNCTIONS["greater_equal"]


def _bounds(np_dtype):
    """The Python numbers NumPy compares with `np_dtype` arrays as PyTorch does (in range:
    PyTorch wraps other integers; NumPy warns casting other floats)."""
    if np_dtype.kind == "f":
        big = float(np.finfo(np_dtype).max)
        return (float, int), -big, big
    info = np.iinfo(np_dtype)
    return (int,), int(info.min), int(info.max)


_BOUNDS = {np.dtype(d): _bounds(np.dtype(d)) for d in _FAST[1:] + (np.uint8,)}


def _dunder(np_fn, function):
    """A comparison operator with a fast path for a tensor and a same-dtype tensor or a
    Python number (the result is bool: no promotion, casting or autograd to do)."""
    def dunder(self, other):
        a = self._a
        bounds = _BOUNDS.get(a.dtype)
        if bounds is not None:
            kind = type(other)
            if kind is Tensor:
                b = other._a
                if b.dtype is a.dtype:
                    try:
                        r = np_fn(a, b)
                    except ValueError:
                        return function(self, other)  # PyTorch's broadcasting error
                    if r.ndim > 1 and not r.flags.c_contiguous:
                        r = iterator_layout(r, (a, b))
                    return wrap(r if r.size else fresh(r))
            elif kind in bounds[0] and bounds[1] <= other <= bounds[2]:
                r = np_fn(a, other)
                if type(r) is not np.ndarray or not r.size:
                    return wrap(fresh(np.asarray(r)))
                return wrap(iterator_layout(r, (a,)) if r.ndim > 1 and not r.flags.c_contiguous
                            else r)
        if not isinstance(other, (Tensor, bool, int, float, complex, np.generic)):
            return NotImplemented
        return function(self, other)
    dunder.__name__ = f"__{function.__name__}__"
    return dunder


for _f, _np_fn in ((eq, np.equal), (ne, np.not_equal), (lt, np.less), (le, np.less_equal),
                   (gt, np.greater), (ge, np.greater_equal)):
    setattr(Tensor, f"__{_f.__name__}__", _dunder(_np_fn, _f))
Tensor.__hash__ = object.__hash__  # defining __eq__ must not make tensors unhashable


def equal(input, other):  # noqa: A002 - PyTorch's name
    """True if both tensors have the same shape and elements (a Python bool)."""
    only_tensors("equal")(input, other)
    a, b = input._a, other._a
    return a.shape == b.shape and bool(np.array_equal(a, b))


# ---- closeness -----------------------------------------------------------------------------------
def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):  # noqa: A002
    """Elementwise `|input - other| <= atol + rtol * |other|` (and equality, infinities
    included; NaNs equal if `equal_nan`). Both tensors must have the same dtype."""
    return _isclose("isclose", input, other, rtol, atol, equal_nan)


def _isclose(name, input, other, rtol, atol, equal_nan):  # noqa: A002
    only_tensors(name)(input, other)
    if input.dtype is not other.dtype:
        raise RuntimeError(f"{D.SCALAR_NAME[input.dtype]} did not match "
                           f"{D.SCALAR_NAME[other.dtype]}")
    for what, tol in (("rtol", rtol), ("atol", atol)):
        if tol < 0:
            raise RuntimeError(f"{what} must be greater than or equal to zero, but got {tol}")
    a, b = input._a, other._a
    try:
        r = quiet(_close, a, b, rtol, atol, equal_nan)
    except ValueError:
        raise broadcast_error([a.shape, b.shape]) from None
    return wrap(r if r.size else fresh(r))


def _close(a, b, rtol, atol, equal_nan):
    close = np.equal(a, b)
    if equal_nan and a.dtype.kind in "fcV":
        close |= np.isnan(a) & np.isnan(b)
    if rtol == 0 and atol == 0:
        return close
    if a.dtype.kind not in "fcV":
        a, b = (x.astype(D.get_default_dtype().np) for x in (a, b))
    error = np.abs(np.subtract(a, b))
    return close | (np.isfinite(error) & (error <= atol + np.abs(rtol * b)))


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):  # noqa: A002
    """True if `isclose` holds for every element (a Python bool)."""
    return bool(_isclose("allclose", input, other, rtol, atol, equal_nan)._a.all())


for _name in ("equal", "isclose", "allclose"):
    setattr(Tensor, _name, globals()[_name])
    FUNCTIONS[_name] = globals()[_name]


# ---- logical and bitwise -------------------------------------------------------------------------
def _logical(name, np_fn):
    return elementwise(name, tensors_only(name, np_fn), 2, ALWAYS_BOOL, fast_dtypes=_FAST,
                       kernel=name + "_cpu", check=only_tensors(name))


logical_and = _logical("logical_and", np.logical_and)
logical_or = _logical("logical_or", np.logical_or)
logical_xor = _logical("logical_xor", np.logical_xor)


def _bitwise(np_fn, kernel):
    """A bitwise op on bool and integer dtypes only."""
    def fn(a, b):
        refuse(kernel, "fcV", computed_in(a, b))
        return np_fn(a, b)
    fn.__doc__ = np_fn.__doc__
    return fn


def _shift(a, b, right):
    """`a << b` or `a >> b` as PyTorch shifts: amounts past the width (or negative) give 0,
    or the sign for a right shift."""
    dt = computed_in(a, b)
    refuse("rshift_cpu" if right else "lshift_cpu", "bfcV", dt)
    bits = dt.itemsize * 8
    if type(b) is int and 0 <= b < bits:
        return np.right_shift(a, b) if right else np.left_shift(a, b)
    out = np.less(b, 0) | np.greater_equal(b, bits)
    if not out.any():
        return np.right_shift(a, b) if right else np.left_shift(a, b)
    safe = np.where(out, 0, b).astype(dt)
    sign = right and dt.kind == "i"
    over = np.right_shift(a, bits - 1) if sign else np.zeros_like(np.asarray(a, dt))
    shifted = np.right_shift(a, safe) if right else np.left_shift(a, safe)
    return np.where(out, over, shifted).astype(dt, copy=False)


def _lshift(a, b):
    return _shift(a, b, False)


def _rshift(a, b):
    return _shift(a, b, True)


bitwise_and = elementwise("bitwise_and", _bitwise(np.bitwise_and, "bitwise_and_cpu"), 2,
                          DEFAULT, dunder="and", rdunder="and", fast_dtypes=_INTS)
bitwise_or = elementwise("bitwise_or", _bitwise(np.bitwise_or, "bitwise_or_cpu"), 2,
                         DEFAULT, dunder="or", rdunder="or", fast_dtypes=_INTS)
bitwise_xor = elementwise("bitwise_xor", _bitwise(np.bitwise_xor, "bitwise_xor_cpu"), 2,
                          DEFAULT, dunder="xor", rdunder="xor", fast_dtypes=_INTS)
bitwise_left_shift = elementwise("bitwise_left_shift", _lshift, 2, DEFAULT, dunder="lshift",
                                 rdunder="lshift", fast_dtypes=_INTS[1:], kernel="lshift_cpu")
bitwise_right_shift = elementwise("bitwise_right_shift", _rshift, 2, DEFAULT, dunder="rshift",
                                  rdunder="rshift", fast_dtypes=_INTS[1:], kernel="rshift_cpu")
as_methods(__all__[:-5], promoted=False)
as_methods(__all__[-5:])
