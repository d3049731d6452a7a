"""Arithmetic: add, sub, mul, div and the division family, with PyTorch's promotion and dunders.

>>> import numtorch
>>> (numtorch.tensor([1, 2]) / 2).dtype, (numtorch.tensor([1, 2]) * 2.5).dtype
(torch.float32, torch.float32)
>>> numtorch.tensor([7, -7]).div(2, rounding_mode="trunc")
tensor([ 3, -3])
"""
import re

import numpy as np

from .. import _dtype as D
from .._convert import COMPLEX_TO_REAL, warn_once
from .._promotion import can_cast, result_type, result_type_of
from .._tensor import Tensor
from ..autograd import graph
from ..autograd.grad_mode import no_grad
from ..autograd.views import check_inplace, inplace_history
from .grad_arithmetic import not_implemented
from .registry import DEFAULT, FUNCTIONS, INT_TO_FLOAT, check_out, elementwise, needs_grad

__all__ = ["add", "sub", "subtract", "rsub", "mul", "multiply", "div", "divide", "true_divide",
           "floor_divide", "remainder", "fmod", "neg", "negative", "result_type", "can_cast"]

# uint8 is left to the full path: the registry's fast path hands NumPy negative Python ints
_FAST = (np.float32, np.float64, np.int64, np.int32, np.int16, np.int8, np.float16,
         np.complex64, np.complex128)
_FAST_FLOAT = (np.float32, np.float64, np.complex64, np.complex128)
_REDUCED = (np.dtype(np.float16), D.bfloat16.np)


# ---- helpers the binary and comparison families share --------------------------------------
def computed_in(a, b):
    """The NumPy dtype an op computes in: that of its array operand (after promotion)."""
    return (a if type(a) is np.ndarray else b).dtype


def refuse(kernel, kinds, dt):
    """PyTorch's NotImplementedError when kernel `kernel` has no loop for NumPy dtype `dt`
    (of a NumPy kind in `kinds`: 'b' bool, 'iu' integers, 'c' complex, 'fV' floats)."""
    if dt.kind in kinds:
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{D.SCALAR_NAME[D.FROM_NP[dt]]}'")


def only_tensors(name):
    """A `check` raising PyTorch's TypeError for an operand that is not a Tensor."""
    def check(a, b):
        if not isinstance(a, Tensor):
            raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not "
                            f"{type(a).__name__}")
        if not isinstance(b, Tensor):
            raise TypeError(f"{name}(): argument 'other' (position 2) must be Tensor, not "
                            f"{type(b).__name__}")
    return check


def tensors_only(name, fn):
    """`fn` of an op taking two tensors, refusing the numbers the registry's fast path (which
    skips `check`) hands it."""
    def guarded(a, b):
        if type(b) is not np.ndarray:
            raise TypeError(f"{name}(): argument 'other' (position 2) must be Tensor, not "
                            f"{type(b).__name__}")
        return fn(a, b)
    guarded.__doc__ = fn.__doc__
    return guarded


def tensor_first(name):
    """A `check` raising PyTorch's TypeError for a number as the first operand."""
    def check(a, *rest):
        if not isinstance(a, Tensor):
            got = ", ".join(type(x).__name__ for x in (a,) + rest)
            raise TypeError(f"{name}() received an invalid combination of arguments - got "
                            f"({got}), but expected one of:")
    return check


def name_nodes(register, tensor_number, both, number_first=None, dunder=None):
    """Register an op with `register(grad)` (`grad`: its autograd node's name) and name the
    node by the operands, as PyTorch does: `both` for two tensors, `number_first` for a
    number first, `tensor_number` for a tensor and a number. The in-place method and
    `dunder` dispatch to a registration under each name (an in-place node may sit inside a
    view's CopySlices); the function, method and `dunder` rename their result's fresh node.
    Returns the function."""
    name = register(both).__name__
    inplace = [name + "_"] + ([f"__i{dunder}__"] if dunder else [])
    by_tensor = {attr: Tensor.__dict__[attr] for attr in inplace if attr in Tensor.__dict__}
    register(tensor_number)
    for attr, method in by_tensor.items():
        setattr(Tensor, attr, _by_other(method, Tensor.__dict__[attr]))

    def renamed(f):
        def g(a, b, *args, **kw):
            r = f(a, b, *args, **kw)
            if type(r) is Tensor and r._ag is not None and r._ag.grad_fn is not None:
                new = (number_first if not isinstance(a, Tensor) else
                       both if isinstance(b, Tensor) else None)
                if new:
                    graph.rename(r._ag.grad_fn, new)
            return r
        g.__name__, g.__doc__ = f.__name__, f.__doc__
        return g

    for attr in [name] + ([f"__{dunder}__"] if dunder else []):
        if attr in Tensor.__dict__:
            setattr(Tensor, attr, renamed(Tensor.__dict__[attr]))
    FUNCTIONS[name] = renamed(FUNCTIONS[name])
    return FUNCTIONS[name]


def _by_other(by_tensor, by_number):
    """An in-place method calling `by_tensor` for a tensor (or array) operand, else
    `by_number`."""
    def inplace(self, other, *args, **kw):
        f = by_tensor if isinstance(other, (Tensor, np.ndarray)) else by_number
        return f(self, other, *args, **kw)
    inplace.__name__, inplace.__doc__ = by_number.__name__, by_number.__doc__
    return inplace


def inplace_with(node, inplace, self, *args):
    """`inplace(self, *args)`, an in-place method, giving `self` the autograd node `node`
    (built from `self`'s history before the write) instead of the one it would record."""
    check_inplace(self)
    with no_grad():
        r = inplace(self, *args)
    if r is not NotImplemented:
        inplace_history(self, node)
    return r


_POSITION = re.compile(r"\(position (\d+)\)")


def _method_message(message, name, method):
    """A function's argument error worded as PyTorch words it for method `method`: positions
    count from the argument after self, and self is not among the types it got."""
    if message.startswith(f"{name}(): argument "):
        message = _POSITION.sub(lambda m: f"(position {int(m[1]) - 1})", message, count=1)
        return method + message[len(name):]
    combination = f"{name}() received an invalid combination of arguments - got (Tensor"
    if message.startswith(combination):
        rest = message[len(combination):]
        return (f"{method}() received an invalid combination of arguments - got ("
                + rest[2 if rest.startswith(", ") else 0:])
    return None


def _check_inplace_type(self, args):
    """PyTorch checks an in-place result's dtype before the kernel's support for it (ops
    with a promoted result)."""
    tensors = [self] + [a for a in args if isinstance(a, Tensor)]
    scalars = [a for a in args if isinstance(a, (bool, int, float, complex))]
    try:
        dt = result_type_of([t.dtype for t in tensors if t._a.ndim],
                            [t.dtype for t in tensors if not t._a.ndim], scalars)
    except RuntimeError:
        return
    check_out(dt, self.dtype)


def _bool_into_real(self, args):
    """PyTorch computes an in-place comparison in the operands' type and casts it into self:
    a complex computation into a real tensor warns."""
    if self.dtype._cat < 3 and any(isinstance(a, complex) or isinstance(a, Tensor) and
                                   a.dtype._cat == 3 for a in args[:1]):
        warn_once(COMPLEX_TO_REAL, stacklevel=4)


def _as_method(f, name, method, promoted):
    def as_method(self, *args, **kw):
        try:
            r = f(self, *args, **kw)
            if not promoted and method.endswith("_"):
                _bool_into_real(self, args)
            return r
        except TypeError as e:
            message = _method_message(str(e), name, method)
            if message is None:
                raise
            raise TypeError(message) from None
        except NotImplementedError:
            if promoted and method.endswith("_"):
                _check_inplace_type(self, args[:1])
            raise
    as_method.__name__, as_method.__doc__ = method, f.__doc__
    return as_method


def as_methods(names, promoted=True):
    """Give the methods `Tensor.name` and `Tensor.name_` of ops `names` PyTorch's method errors:
    argument errors worded for a method, and (`promoted`: ops whose result has the promoted
    dtype) an in-place result's dtype checked first."""
    for name in names:
        for method in (name, name + "_"):
            f = Tensor.__dict__.get(method)
            if f is not None:
                setattr(Tensor, method, _as_method(f, name, method, promoted))


def nonzero_divisor(b):
    """PyTorch's error for an integer division by zero."""
    if not b.all() if type(b) is np.ndarray else b == 0:
        raise RuntimeError("ZeroDivisionError")


# ---- add, sub, mul, neg -----------------------------------------------------------------------
def _scaled(a, b, alpha):
    """`b * alpha`, after PyTorch's checks of `alpha` against the dtype computed in (for
    float16/bfloat16, `b` and `alpha` rounded to it and multiplied in float32, as PyTorch
    computes `a + alpha * b` in float32; for float32, exactly, in float64)."""
    dt = computed_in(a, b)
    kind = dt.kind
    if isinstance(alpha, bool) and kind != "b":
        raise RuntimeError("Boolean alpha only supported for Boolean results.")
    if isinstance(alpha, float) and kind in "biu":
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating "
                           "point number.")
    if dt in _REDUCED:
        return np.multiply(*(np.asarray(x, np.float32).astype(dt).astype(np.float32)
                             for x in (b, alpha)))
    if dt == np.float32:  # exact in float64, so the sum rounds once: PyTorch's fused a + alpha*b
        return np.multiply(np.asarray(b, dt).astype(np.float64), np.float64(np.float32(alpha)))
    return np.multiply(b, alpha)


_ONE = 1  # the default alpha (small ints are shared objects)


def _add(a, b, alpha=_ONE):
    return np.add(a, b if alpha is _ONE else _scaled(a, b, alpha))


def _sub(a, b, alpha=_ONE):
    return np.subtract(a, b if alpha is _ONE else _scaled(a, b, alpha))


def _rsub(a, b, alpha=_ONE):
    return np.subtract(b, a if alpha is _ONE else _scaled(b, a, alpha))


def _is_bool(x):
    return isinstance(x, bool) or isinstance(x, Tensor) and x.dtype is D.bool


def _check_sub(a, b):
    if _is_bool(a) and _is_bool(b):
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not "
                           "supported. Use the `^` or `logical_xor()` operator instead.")
    if _is_bool(a) or _is_bool(b):
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. "
                           "If you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def _check_rsub(a, b):
    tensor_first("rsub")(a, b)
    _check_sub(a, b)


def _check_neg(a):
    if not isinstance(a, Tensor):
        raise TypeError(f"neg(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(a).__name__}")
    if a.dtype is D.bool:
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If "
                           "you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


add = elementwise("add", _add, 2, DEFAULT, dunder="add", rdunder="add", fast_dtypes=_FAST,
                  kernel="add_stub", scalar_edges="either")
sub = elementwise("sub", _sub, 2, DEFAULT, dunder="sub", rdunder="sub", rgrad="RsubBackward1",
                  fast_dtypes=_FAST, kernel="add_stub", check=_check_sub, scalar_edges=True)
subtract = elementwise("subtract", _sub, 2, DEFAULT, grad="SubBackward0", fast_dtypes=_FAST,
                       kernel="add_stub", check=_check_sub, scalar_edges=True)
rsub = name_nodes(lambda grad: elementwise("rsub", _rsub, 2, DEFAULT, grad=grad, inplace=False,
                                           method=False, kernel="add_stub", check=_check_rsub),
                  "RsubBackward1", "RsubBackward0")
mul = elementwise("mul", np.multiply, 2, DEFAULT, dunder="mul", rdunder="mul", fast_dtypes=_FAST,
                  opmath="either", scalar_edges="either")
multiply = elementwise("multiply", np.multiply, 2, DEFAULT, grad="MulBackward0",
                       fast_dtypes=_FAST, opmath="either", scalar_edges=True)
neg = elementwise("neg", np.negative, 1, DEFAULT, fast_dtypes=_FAST, check=_check_neg,
                  kernel="neg_cpu")
negative = elementwise("negative", np.negative, 1, DEFAULT, grad="NegBackward0",
                       fast_dtypes=_FAST, check=_check_neg, kernel="neg_cpu")
Tensor.__neg__ = neg


# ---- division: true, floor, trunc; remainder and fmod ----------------------------------------
def _div_floor(a, b):
    dt = computed_in(a, b)
    refuse("div_floor_cpu", "bc", dt)
    if dt.kind in "iu":
        nonzero_divisor(b)
    return np.floor_divide(a, b)


def _div_trunc(a, b):
    dt = computed_in(a, b)
    refuse("div_trunc_cpu", "bc", dt)
    if dt.kind in "iu":
        nonzero_divisor(b)
        return np.floor_divide(np.subtract(a, np.fmod(a, b)), b)
    return np.trunc(np.true_divide(a, b))


def _remainder(a, b):
    dt = computed_in(a, b)
    refuse("remainder_cpu", "bc", dt)
    if dt.kind in "iu":
        nonzero_divisor(b)
    return np.remainder(a, b)


def _fmod(a, b):
    dt = computed_in(a, b)
    refuse("fmod_cpu", "bc", dt)
    if dt.kind in "iu":
        nonzero_divisor(b)
    return np.fmod(a, b)


def _variant(fn, kind, kernel):
    """`div` with a `rounding_mode` given (None included: PyTorch's DivBackward2), registered
    under its name (`div`/`div_` are set below); the mode reaches the derivative."""
    def rounded(a, b, rounding_mode):
        return fn(a, b)
    return (elementwise("div", rounded, 2, kind, grad="DivBackward2", kernel=kernel, opmath=True,
                        scalar_edges=True),
            Tensor.__dict__["div_"])


_DIV = {"trunc": _variant(_div_trunc, DEFAULT, "div_trunc_cpu"),
        "floor": _variant(_div_floor, DEFAULT, "div_floor_cpu"),
        None: _variant(np.true_divide, INT_TO_FLOAT, None)}
elementwise("div", np.true_divide, 2, INT_TO_FLOAT, dunder="truediv", fast_dtypes=_FAST_FLOAT,
            opmath=True, scalar_edges=True)
_TRUE_DIV = (FUNCTIONS["div"], Tensor.__dict__["div_"])
_NO_MODE = object()  # `div` called without `rounding_mode`


def _div_mode(rounding_mode, name, operands):
    """The (function, in-place method) of `div` for `rounding_mode`, or PyTorch's error."""
    if rounding_mode is _NO_MODE:
        return _TRUE_DIV
    if rounding_mode is not None and not isinstance(rounding_mode, str):
        got = ", ".join([type(x).__name__ for x in operands] +
                        [f"rounding_mode={type(rounding_mode).__name__}"])
        raise TypeError(f"{name}() received an invalid combination of arguments - got ({got}), "
                        "but expected one of:")
    variant = _DIV.get(rounding_mode)
    if variant is None:
        raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' "
                           f"but found '{rounding_mode}'")
    return variant


def _mode(rounding_mode):
    return {} if rounding_mode is _NO_MODE else {"rounding_mode": rounding_mode}


def div(input, other, *, rounding_mode=_NO_MODE, out=None):  # noqa: A002 - PyTorch's name
    """`input / other`, rounded toward zero ('trunc') or down ('floor') if asked; true division
    gives integer inputs the default float dtype, rounding keeps the promoted dtype."""
    return _div_mode(rounding_mode, "div", (input, other))[0](input, other, out=out,
                                                              **_mode(rounding_mode))


def _div_method(self, other, *, rounding_mode=_NO_MODE):
    """`Tensor.div`: see `div`."""
    return _div_mode(rounding_mode, "div", (other,))[0](self, other, **_mode(rounding_mode))


def div_(self, other, *, rounding_mode=_NO_MODE):
    """In-place `div`."""
    return _div_mode(rounding_mode, "div_", (other,))[1](self, other, **_mode(rounding_mode))


divide = div
FUNCTIONS["div"] = FUNCTIONS["divide"] = div
Tensor.div = Tensor.divide = _div_method
Tensor.div_ = Tensor.divide_ = div_
true_divide = elementwise("true_divide", np.true_divide, 2, INT_TO_FLOAT, grad="DivBackward0",
                          fast_dtypes=_FAST_FLOAT, opmath=True, scalar_edges=True)


def _rtruediv(self, other):
    """`other / self` for a number `other`: PyTorch computes `self.reciprocal() * other`."""
    if not isinstance(other, (bool, int, float, complex, np.generic)):
        return NotImplemented
    return self.reciprocal() * other


Tensor.__rtruediv__ = _rtruediv
floor_divide = elementwise("floor_divide", _div_floor, 2, DEFAULT, grad="NotImplemented",
                           dunder="floordiv", rdunder="floordiv", rgrad="NotImplemented",
                           fast_dtypes=_FAST, kernel="div_floor_cpu", opmath=True)


def _without_derivative(inplace, op):
    """In-place method `inplace` recording PyTorch's NotImplemented node (`aten::<op>`)."""
    def method(self, other):
        tensors = [t for t in (self, other) if isinstance(t, Tensor)]
        if not needs_grad(tensors):
            return inplace(self, other)
        node = graph.record("NotImplemented", tensors, not_implemented(op))
        return inplace_with(node, inplace, self, other)
    method.__name__, method.__doc__ = inplace.__name__, inplace.__doc__
    return method


Tensor.floor_divide_ = _without_derivative(Tensor.floor_divide_, "floor_divide_")
Tensor.__ifloordiv__ = _without_derivative(Tensor.__ifloordiv__, "floor_divide_")
remainder = name_nodes(lambda grad: elementwise(
    "remainder", _remainder, 2, DEFAULT, grad=grad, dunder="mod", rdunder="mod",
    rgrad="NotImplemented", fast_dtypes=_FAST, kernel="remainder_cpu"),
    "RemainderBackward0", "RemainderBackward1", "NotImplemented", dunder="mod")
fmod = name_nodes(lambda grad: elementwise("fmod", _fmod, 2, DEFAULT, grad=grad, kernel="fmod_cpu",
                                           check=tensor_first("fmod")),
                  "FmodBackward0", "FmodBackward1")
as_methods(__all__)
