"""Binary math: pow, atan2, hypot, logaddexp, maximum/minimum, copysign, xlogy, lerp, where.

>>> import numtorch
>>> numtorch.tensor([2, 3]) ** 2
tensor([4, 9])
>>> numtorch.where(numtorch.tensor([True, False]), 1.0, numtorch.tensor([5, 6]))
tensor([1., 6.])
"""
import numpy as np

from .. import _dtype as D
from .._backend.quiet import quiet
from .._convert import check_scalar, fresh, warn_once
from .._promotion import result_type_of
from .._tensor import Tensor, wrap
from ..autograd import graph
from ..autograd.grad_mode import no_grad
from .arithmetic import (as_methods, computed_in, inplace_with, name_nodes, only_tensors, refuse,
                         tensor_first, tensors_only)
from .grad_arithmetic import lerp_tensor_backward, where_backward
from .registry import (DEFAULT, FUNCTIONS, INT_TO_FLOAT, broadcast_error, check_out, computable,
                       edges_of, elementwise, iterator_layout, needs_grad, record, write_into)

__all__ = ["pow", "float_power", "atan2", "arctan2", "hypot", "logaddexp", "logaddexp2",
           "maximum", "minimum", "fmax", "fmin", "copysign", "xlogy", "lerp", "where"]

_FAST = (np.float32, np.float64, np.int64, np.int32, np.int16, np.int8, np.float16,
         np.complex64, np.complex128)  # uint8: see arithmetic._FAST
_FLOATS = (np.float32, np.float64, np.float16)
_NEGATIVE_POWER = "Integers to negative integer powers are not allowed."


# ---- pow ---------------------------------------------------------------------------------------
def _int_pow(a, b):
    """Integer `a ** b`: a negative exponent gives 1, -1 or 0 as in C (PyTorch's rule)."""
    neg = np.less(b, 0)
    if not neg.any():
        return np.power(a, b)
    r = np.power(a, np.where(neg, 0, b).astype(np.result_type(b)))
    odd = np.bitwise_and(b, 1).astype(bool)
    by_neg = np.where(np.equal(a, 1), 1, np.where(np.equal(a, -1), np.where(odd, -1, 1), 0))
    return np.where(neg, by_neg, r).astype(r.dtype)


def _pow(a, b):
    dt = computed_in(a, b)
    if dt.kind in "iub":
        if type(b) is bool and dt.kind == "b":  # PyTorch's bool tensor ** bool scalar
            return np.logical_or(a, not b)
        refuse("pow", "b", dt)
        if type(b) is int:
            if b < 0:
                raise RuntimeError(_NEGATIVE_POWER)
            return np.power(a, b)
        return _int_pow(a, b)
    return np.power(a, b)


def _check_pow(a, b):
    if not isinstance(a, Tensor) and not isinstance(b, Tensor):
        tensor_first("pow")(a, b)
    for x in (a, b):
        if not isinstance(x, (Tensor, bool, int, float, complex, np.generic)):
            got = ", ".join(type(v).__name__ for v in (a, b))
            raise TypeError(f"pow() received an invalid combination of arguments - got ({got}), "
                            "but expected one of:")
    if type(b) is int and isinstance(a, Tensor) and a.dtype._cat < 2:
        if b < 0:
            raise RuntimeError(_NEGATIVE_POWER)
        check_scalar(b, a.dtype if a.dtype._cat else D.int64)


pow = name_nodes(lambda grad: elementwise(  # noqa: A001 - PyTorch's name
    "pow", _pow, 2, DEFAULT, grad=grad, dunder="pow", rdunder="pow", rgrad="PowBackward2",
    fast_dtypes=_FAST, kernel="pow", check=_check_pow),
    "PowBackward0", "PowBackward1", "PowBackward2", dunder="pow")


def _double(x):
    """Tensor `x` in double precision (a differentiable conversion)."""
    if isinstance(x, Tensor):
        return x.to(D.complex128 if x.is_complex() else D.float64)
    return x


def _power_type(input, exponent):  # noqa: A002 - PyTorch's name
    return D.complex128 if any(isinstance(x, complex) or isinstance(x, Tensor) and x.is_complex()
                               for x in (input, exponent)) else D.float64


def _check_power(input, exponent):  # noqa: A002 - PyTorch's name
    if not all(isinstance(x, (Tensor, bool, int, float, complex, np.generic))
               for x in (input, exponent)) or not isinstance(input, Tensor) and \
            not isinstance(exponent, Tensor):
        got = ", ".join(type(x).__name__ for x in (input, exponent))
        raise TypeError(f"float_power() received an invalid combination of arguments - got "
                        f"({got}), but expected one of:")
    return _power_type(input, exponent)


def float_power(input, exponent, *, out=None):  # noqa: A002
    """`input ** exponent` computed in double precision (float64 or complex128)."""
    dt = _check_power(input, exponent)
    if out is not None and out.dtype is not dt:
        raise RuntimeError(f"the output given to float_power has dtype "
                           f"{D.SCALAR_NAME[out.dtype]} but the operation's result requires "
                           f"dtype {D.SCALAR_NAME[dt]}")
    return pow(_double(input), _double(exponent), out=out)


def float_power_(self, exponent):
    """In-place `float_power`: `self` must already have the double result dtype."""
    dt = _check_power(self, exponent)
    if self.dtype is not dt:
        raise RuntimeError(f"the base given to float_power_ has dtype {D.SCALAR_NAME[self.dtype]}"
                           f" but the operation's result requires dtype {D.SCALAR_NAME[dt]}")
    return self.pow_(_double(exponent))


FUNCTIONS["float_power"] = float_power
Tensor.float_power = float_power
Tensor.float_power_ = float_power_


# ---- floating-point binary functions ------------------------------------------------------------
def _floating(np_fn, kernel, kinds):
    """`np_fn` refusing NumPy dtype `kinds` with kernel `kernel`'s NotImplementedError."""
    def fn(a, b):
        refuse(kernel, kinds, computed_in(a, b))
        return np_fn(a, b)
    fn.__doc__ = np_fn.__doc__
    return fn


def _logaddexp(a, b):
    dt = computed_in(a, b)
    refuse("logaddexp_cpu", "biu", dt)
    if dt.kind != "c":
        return np.logaddexp(a, b)
    big = np.where(np.real(a) >= np.real(b), a, b)
    small = np.where(np.real(a) >= np.real(b), b, a)
    return big + np.log1p(np.exp(small - big))


def _xlogy(x, y):
    refuse("xlogy_cpu", "c", computed_in(x, y))
    return np.where(np.equal(x, 0) & ~np.isnan(y), 0, np.multiply(x, np.log(y)))


def _tensor_op(name, fn, kind, **options):
    """Register op `name` of two tensors (numbers raise PyTorch's TypeError)."""
    return elementwise(name, tensors_only(name, fn), 2, kind, check=only_tensors(name),
                       **options)


_atan2 = _floating(np.arctan2, "atan2_cpu", "c")
atan2 = _tensor_op("atan2", _atan2, INT_TO_FLOAT, fast_dtypes=_FLOATS)
arctan2 = _tensor_op("arctan2", _atan2, INT_TO_FLOAT, grad="Atan2Backward0", fast_dtypes=_FLOATS)
hypot = _tensor_op("hypot", _floating(np.hypot, "hypot_cpu", "biuc"), DEFAULT,
                   fast_dtypes=_FLOATS, kernel="hypot_cpu")
logaddexp = _tensor_op("logaddexp", _logaddexp, DEFAULT, inplace=False, fast_dtypes=_FLOATS,
                       kernel="logaddexp_cpu")
logaddexp2 = _tensor_op("logaddexp2", _floating(np.logaddexp2, "logaddexp2_cpu", "biuc"),
                        DEFAULT, inplace=False, fast_dtypes=_FLOATS, kernel="logaddexp2_cpu")
copysign = name_nodes(lambda grad: elementwise(
    "copysign", _floating(np.copysign, "copysign_cpu", "c"), 2, INT_TO_FLOAT, grad=grad,
    fast_dtypes=_FLOATS, check=tensor_first("copysign")), "CopysignBackward1", "CopysignBackward0")
xlogy = name_nodes(lambda grad: elementwise("xlogy", _xlogy, 2, INT_TO_FLOAT, grad=grad),
                   "XlogyBackward2", "XlogyBackward0", "XlogyBackward1")


def _extremum(np_fn, name, kernel):
    def fn(a, b):
        if computed_in(a, b).kind == "c":
            raise RuntimeError(f"{name} not implemented for complex tensors.")
        return np_fn(a, b)
    fn.__doc__ = np_fn.__doc__
    return _tensor_op(name, fn, DEFAULT, inplace=False, fast_dtypes=_FAST[:-2], kernel=kernel)


maximum = _extremum(np.maximum, "maximum", "maximum_cpu")
minimum = _extremum(np.minimum, "minimum", "minimum_cpu")
fmax = _extremum(np.fmax, "fmax", "maximum_cpu")
fmin = _extremum(np.fmin, "fmin", "minimum_cpu")


# ---- lerp ----------------------------------------------------------------------------------------
_OPMATH = {np.dtype(np.float64): (np.float64, np.longdouble),
           np.dtype(np.complex64): (np.complex64, np.complex128),
           np.dtype(np.complex128): (np.complex128, np.clongdouble)}  # others: float32


def _lerp(a, b, weight):
    """PyTorch's kernel: `fma(coeff, end - start, base)` in the dtype's math type, from the
    nearer end (coeff, base = weight, start if |weight| < 0.5 else weight - 1, end)."""
    dt = a.dtype
    if isinstance(weight, Tensor):
        if weight._a.ndim and weight._a.dtype != dt:
            raise RuntimeError(f"expected dtype {D.CXX_NAME[D.FROM_NP[dt]]} for `weight` "
                               f"but got dtype {D.CXX_NAME[weight.dtype]}")
        refuse("lerp_kernel_tensor", "biu", dt)
    else:
        refuse("lerp_kernel_scalar", "biu", dt)
    op, wide = _OPMATH.get(dt, (np.float32, np.float64))
    a, b = a.astype(op, copy=False), b.astype(op, copy=False)
    diff = np.subtract(b, a)
    if isinstance(weight, Tensor):
        w = weight._a.astype(op, copy=False)
        small = np.abs(w) < 0.5
        coeff, base = np.where(small, w, w - op(1)), np.where(small, a, b)
    else:
        w = op(check_scalar(weight, D.FROM_NP[dt]) if isinstance(weight, complex) else weight)
        coeff, base = (w, a) if abs(w) < 0.5 else (w - op(1), b)
    # the fused multiply-add, exact in the wider type up to one final rounding
    r = np.add(np.multiply(diff, coeff, dtype=wide), base, dtype=wide)
    return r.astype(op).astype(dt, copy=False)  # rounded to the math type, then to dt


def _check_lerp(a, b):
    if a.dtype is not b.dtype:
        raise RuntimeError(f"expected dtype {D.CXX_NAME[a.dtype]} for `end` but got dtype "
                           f"{D.CXX_NAME[b.dtype]}")


elementwise("lerp", _lerp, 2, DEFAULT, kernel="lerp_kernel_scalar", check=_check_lerp)
_lerp_function, _lerp_inplace = FUNCTIONS["lerp"], Tensor.lerp_


def _check_lerp_types(name, input, end, weight):  # noqa: A002
    if not isinstance(input, Tensor) or not isinstance(end, Tensor) or not isinstance(
            weight, (Tensor, bool, int, float, complex)):
        got = ", ".join(type(x).__name__ for x in (input, end, weight))
        raise TypeError(f"{name}() received an invalid combination of arguments - got ({got}), "
                        "but expected one of:")


def lerp(input, end, weight, *, out=None):  # noqa: A002 - PyTorch's name
    """`input + weight * (end - input)`; `weight` a number or a tensor."""
    _check_lerp_types("lerp", input, end, weight)
    if not isinstance(weight, Tensor):  # the registry records LerpBackward0
        return _lerp_function(input, end, weight=weight, out=out)
    with no_grad():
        r = _lerp_function(input, end, weight=weight, out=out)
    tensors = (input, end, weight)
    return r if out is not None else record(r, "LerpBackward1", tensors, lerp_tensor_backward,
                                            tensors)


def lerp_(self, end, weight):
    """In-place `lerp`."""
    _check_lerp_types("lerp", self, end, weight)
    tensors = (self, end, weight)
    if not isinstance(weight, Tensor) or not needs_grad(tensors):
        return _lerp_inplace(self, end, weight=weight)
    node = graph.record("LerpBackward1", tensors, lerp_tensor_backward,
                        (self.detach().clone(), end, weight))
    return inplace_with(node, _lerp_inplace, self, end, weight)


FUNCTIONS["lerp"] = Tensor.lerp = lerp
Tensor.lerp_ = lerp_


# ---- where ---------------------------------------------------------------------------------------
def _nonzero(condition):
    a = condition._a
    if not a.ndim:
        a = a.reshape(1)
    return tuple(wrap(np.ascontiguousarray(i) if i.size else fresh(i)) for i in np.nonzero(a))


def where(condition, input=None, other=None, *, out=None):  # noqa: A002 - PyTorch's name
    """`input` where `condition` holds, else `other` (broadcast, promoted as one op);
    `where(condition)` alone: the indices of its nonzero elements, one tensor per dim."""
    if type(condition) is type(input) is type(other) is Tensor and out is None:
        c, x, y = condition._a, input._a, other._a
        if c.dtype == np.bool_ and x.dtype is y.dtype and input._ag is None \
                and other._ag is None:  # same-dtype fast path
            try:
                r = np.where(c, x, y)
            except ValueError:
                pass  # PyTorch's broadcasting error, below
            else:
                if r.ndim > 1:
                    r = iterator_layout(r, (c, x, y))
                return wrap(r if r.size else fresh(r))
    if input is None and other is None:
        return _nonzero(condition)
    if not isinstance(condition, Tensor) or input is None or other is None:
        got = ", ".join(type(x).__name__ for x in (condition, input, other) if x is not None)
        raise TypeError(f"where() received an invalid combination of arguments - got ({got}), "
                        "but expected one of:")
    if out is not None:  # only the all-tensor overload has `out=`
        for position, v in ((2, input), (3, other)):
            if not isinstance(v, Tensor):
                raise TypeError(f"where(): argument '{('input', 'other')[position - 2]}' "
                                f"(position {position}) must be Tensor, not {type(v).__name__}")
    c = condition._a
    if c.dtype != np.bool_:
        if c.dtype != np.uint8:
            raise RuntimeError(f"where expected condition to be a boolean tensor, but got a "
                               f"tensor with dtype {D.SCALAR_NAME[condition.dtype]}")
        warn_once("where received a uint8 condition tensor. This behavior is deprecated and will "
                  "be removed in a future version of PyTorch. Use a boolean condition instead.")
        c = c.astype(bool)
    tensors = [x for x in (input, other) if isinstance(x, Tensor)]
    scalars = [x.item() if isinstance(x, np.generic) else x for x in (input, other)
               if not isinstance(x, Tensor)]
    dt = computable(result_type_of([t.dtype for t in tensors if t._a.ndim],
                                   [t.dtype for t in tensors if not t._a.ndim], scalars))
    x, y = (v._a.astype(dt.np, copy=False) if isinstance(v, Tensor) else
            check_scalar(v, dt) if dt._cat == 1 and type(v) is int else v
            for v in (input, other))
    try:
        r = quiet(np.where, c, x, y)
    except ValueError:
        shape = c.shape
        for v in (x, y):
            try:
                shape = np.broadcast_shapes(shape, np.shape(v))
            except ValueError:
                raise broadcast_error([shape, np.shape(v)]) from None
        raise
    if r.dtype != dt.np:
        r = r.astype(dt.np)
    r = iterator_layout(r, [condition._a] + [t._a for t in tensors])
    if out is not None:
        check_out(dt, out.dtype)
        return write_into(out, r)
    positions = tuple(i for i, v in enumerate((input, other)) if isinstance(v, Tensor))
    saved = condition if condition.dtype is D.bool else wrap(c)
    return record(wrap(r if r.size else fresh(r)), "WhereBackward0", edges_of((input, other)),
                  where_backward(positions), (saved,))


def _where_method(self, *args):
    if len(args) != 2 or not isinstance(args[0], Tensor):
        got = ", ".join(type(x).__name__ for x in args)
        raise TypeError(f"where() received an invalid combination of arguments - got ({got}), "
                        "but expected one of:")
    return where(args[0], self, args[1])


FUNCTIONS["where"] = where
Tensor.where = _where_method
as_methods([n for n in __all__ if n != "where"])
