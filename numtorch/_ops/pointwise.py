"""Unary pointwise ops: exp, log, trig, rounding, erf, clamp, the is* tests and friends.

Each op is one `registry.elementwise` declaration with PyTorch's promotion kind: the
transcendental ones give integer and bool inputs the default float dtype, rounding and sign
keep the dtype, the tests give bool. The dtypes an op refuses raise PyTorch's errors.

>>> import numtorch
>>> numtorch.tensor([0, 1]).exp()
tensor([1.0000, 2.7183])
>>> numtorch.tensor([-1.5, 2.5]).round(), numtorch.tensor([3, -7]).clamp(-5, 2)
(tensor([-2.,  2.]), tensor([ 2, -5]))
"""
import numpy as np

from .. import _dtype as D
from .._convert import check_scalar, fresh, preserve_copy
from .._promotion import result_type_of
from .._tensor import Tensor, wrap
from ..autograd import graph
from ..autograd.grad_mode import no_grad
from ..autograd.views import check_inplace, inplace_history
from . import pointwise_erf
from .registry import (ALWAYS_BOOL, COMPLEX_TO_FLOAT, DEFAULT, FUNCTIONS, INT_TO_FLOAT,
                       elementwise, iterator_layout, needs_grad)

__all__ = ["abs", "absolute", "sign", "sgn", "reciprocal", "sqrt", "rsqrt", "exp", "exp2",
           "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "asin", "arcsin",
           "acos", "arccos", "atan", "arctan", "sinh", "cosh", "tanh", "asinh", "arcsinh",
           "acosh", "arccosh", "atanh", "arctanh", "sigmoid", "erf", "erfc", "erfinv", "floor",
           "ceil", "round", "trunc", "fix", "frac", "nan_to_num", "relu", "square", "isnan",
           "isinf", "isfinite", "isposinf", "isneginf", "logical_not", "bitwise_not",
           "positive", "clamp", "clip", "clamp_min", "clamp_max"]

# dtypes for the registry's fast path, which skips `check`: only those an op accepts
_FLOATS = (np.float32, np.float64, np.float16, np.complex64, np.complex128)
_REALS = _FLOATS[:3]
_INTEGERS = (np.int64, np.int32, np.int16, np.int8, np.uint8)
_NUMBERS = _FLOATS + _INTEGERS
_BOOL = (D.bool,)
_LIMITED = (D.uint16, D.uint32, D.uint64)
_INTS = (D.uint8, D.int8, D.int16, D.int32, D.int64) + _LIMITED
_COMPLEX = (D.complex32, D.complex64, D.complex128)
_NOT_FLOAT = _BOOL + _INTS + _COMPLEX
_NOT_INT = (D.float16, D.bfloat16, D.float32, D.float64) + _COMPLEX
# the C++ type names PyTorch's scalar clamp_ prints when the result cannot be cast back
_CPP_NAME = {D.bool: "bool", D.uint8: "unsigned char", D.int8: "signed char",
             D.int16: "short int", D.int32: "int", D.int64: "long int",
             D.uint16: "short unsigned int", D.uint32: "unsigned int",
             D.uint64: "long unsigned int"}


def _not_implemented(kernel, dtype):
    return NotImplementedError(f"\"{kernel}\" not implemented for '{D.SCALAR_NAME[dtype]}'")


def _checker(name, kernel=None, refused=(), complex_error=None):
    """`check(x)` for op `name`: `x` must be a Tensor; dtypes in `refused` raise PyTorch's
    NotImplementedError for `kernel`; `complex_error` is raised for complex inputs."""
    def check(x, *_):
        if not isinstance(x, Tensor):
            raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not "
                            f"{type(x).__name__}")
        dtype = x.dtype
        if complex_error is not None and dtype._cat == 3:
            raise complex_error
        if dtype in refused:
            raise _not_implemented(kernel, dtype)
    return check


def _rename(r, grad):
    """Give `r`'s autograd node (if any) PyTorch's name `grad`, keeping its inputs."""
    ag = r._ag
    if ag is not None and ag.grad_fn is not None and r._view_of is None:
        graph.rename(ag.grad_fn, grad)
    return r


def _float(name, fn, grad=None, inplace_grad=None, check=None, fast=_FLOATS):
    """A float op (integers and bool computed in the default dtype)."""
    op = elementwise(name, fn, 1, INT_TO_FLOAT, grad=grad, fast_dtypes=fast,
                     check=check or _checker(name))
    if inplace_grad:
        _unsupported_inplace(name, inplace_grad)
    return op


def _unsupported_inplace(name, grad):
    """`Tensor.<name>_` with the node `grad`, whose backward PyTorch does not implement."""
    inner = getattr(Tensor, name + "_")

    def unsupported(g):
        raise NotImplementedError(f"the derivative for 'inplace version of "
                                  f"{grad[:-9].lower()}' is not implemented.")

    def method(self, *args, **kw):
        if not needs_grad((self,)):
            return inner(self, *args, **kw)
        check_inplace(self)
        node = graph.record(grad, (self,), unsupported)
        with no_grad():
            inner(self, *args, **kw)
        return inplace_history(self, node)
    method.__name__ = name + "_"
    setattr(Tensor, name + "_", method)


_HALVES = (np.dtype(np.float16), D.bfloat16.np)


def _rsqrt(a):
    return 1 / np.sqrt(a)  # in the input's dtype, halves too: two roundings, as PyTorch


def _sigmoid(a):
    if a.dtype in _HALVES:  # one rounding, as PyTorch computes halves in float32
        return _sigmoid(a.astype(np.float32)).astype(a.dtype)
    return 1 / (1 + np.exp(-a))


def _copy(a, dtype=None):
    """A copy of `a` (in `dtype`) laid out as PyTorch lays out a pointwise result."""
    r = preserve_copy(a, dtype)
    np.copyto(r, a, casting="unsafe")
    return r


def _float64(name, fn):
    """The float op `name` computed by `fn` on float64 arrays (real dtypes only)."""
    def kernel(a):
        return fn(_copy(a, np.float64)).astype(a.dtype, copy=False)
    kernel.__doc__ = fn.__doc__
    return _float(name, kernel, check=_checker(name, name + "_vml_cpu", _COMPLEX), fast=_REALS)


reciprocal = _float("reciprocal", np.reciprocal)
sqrt = _float("sqrt", np.sqrt)
rsqrt = _float("rsqrt", _rsqrt)
exp = _float("exp", np.exp)
exp2 = _float("exp2", np.exp2)
expm1 = _float("expm1", np.expm1)
log = _float("log", np.log)
log2 = _float("log2", np.log2)
log10 = _float("log10", np.log10)
log1p = _float("log1p", np.log1p, grad="Log1PBackward0")
sin = _float("sin", np.sin)
cos = _float("cos", np.cos)
tan = _float("tan", np.tan)
asin = _float("asin", np.arcsin)
arcsin = _float("arcsin", np.arcsin, grad="AsinBackward0")
acos = _float("acos", np.arccos)
arccos = _float("arccos", np.arccos, grad="AcosBackward0")
atan = _float("atan", np.arctan)
arctan = _float("arctan", np.arctan, grad="AtanBackward0")
sinh = _float("sinh", np.sinh)
cosh = _float("cosh", np.cosh)
tanh = _float("tanh", np.tanh)
asinh = _float("asinh", np.arcsinh, inplace_grad="AsinhBackward1")
arcsinh = _float("arcsinh", np.arcsinh, "AsinhBackward0", "AsinhBackward1")
acosh = _float("acosh", np.arccosh, inplace_grad="AcoshBackward1")
arccosh = _float("arccosh", np.arccosh, "AcoshBackward0", "AcoshBackward1")
atanh = _float("atanh", np.arctanh, inplace_grad="AtanhBackward1")
arctanh = _float("arctanh", np.arctanh, "AtanhBackward0", "AtanhBackward1")
sigmoid = _float("sigmoid", _sigmoid)
erf = _float64("erf", pointwise_erf.erf)
erfc = _float64("erfc", pointwise_erf.erfc)
erfinv = _float64("erfinv", pointwise_erf.erfinv)


# --- abs and sign ---------------------------------------------------------------------------

def _sign(a):
    if a.dtype == np.bool_:
        return _copy(a)
    r = np.asarray(np.sign(a))
    if a.dtype.kind not in "iu":
        r[r != r] = 0  # PyTorch: sign(nan) is 0
    return r


def _sgn(a):
    if a.dtype.kind != "c":
        return _sign(a)
    m = np.abs(a)
    return np.where(m == 0, 0, a / np.where(m == 0, 1, m)).astype(a.dtype, copy=False)


abs = elementwise("abs", np.abs, 1, COMPLEX_TO_FLOAT, fast_dtypes=_NUMBERS, kernel="abs_cpu",
                  check=_checker("abs", "abs_cpu", _BOOL))
absolute = elementwise("absolute", np.abs, 1, COMPLEX_TO_FLOAT, grad="AbsBackward0",
                       fast_dtypes=_NUMBERS, kernel="abs_cpu",
                       check=_checker("absolute", "abs_cpu", _BOOL))
sign = elementwise("sign", _sign, 1, DEFAULT, fast_dtypes=_REALS, kernel="sign_cpu",
                   check=_checker("sign", complex_error=NotImplementedError(
                       "Unlike NumPy, torch.sign is not intended to support complex numbers. "
                       "Please use torch.sgn instead.")))
sgn = elementwise("sgn", _sgn, 1, DEFAULT, fast_dtypes=_NUMBERS, kernel="sign_cpu",
                  check=_checker("sgn"))


def _abs_inplace(name):
    inner = getattr(Tensor, name + "_")

    def method(self, *args, **kw):
        if self.dtype._cat == 3:
            raise RuntimeError("In-place abs is not supported for complex tensors.")
        return inner(self, *args, **kw)
    method.__name__ = name + "_"
    setattr(Tensor, name + "_", method)


_abs_inplace("abs")
_abs_inplace("absolute")
Tensor.__abs__ = abs


# --- rounding -------------------------------------------------------------------------------

def _rounding(ufunc):
    """`ufunc` on floats; integers are returned unchanged (as a copy)."""
    def kernel(a):
        return _copy(a) if a.dtype.kind in "iu" else ufunc(a)
    return kernel


def _round(a, decimals=None):
    if decimals is None:
        if a.dtype.kind == "b":
            raise _not_implemented("round_vml_cpu", D.bool)
        return _copy(a) if a.dtype.kind in "iu" else np.rint(a)
    if a.dtype.kind in "iub":
        raise _not_implemented("round_vml_cpu" if decimals == 0 else "round_cpu",
                               D.FROM_NP[a.dtype])
    if decimals == 0:
        return np.rint(a)
    scale = np.array(10.0 ** (decimals if decimals > 0 else -decimals), dtype=a.dtype)
    if decimals > 0:
        return np.rint(a * scale) / scale
    return np.rint(a / scale) * scale


def _frac(a):
    return a - np.trunc(a)


def _rounding_op(name, kernel_name, ufunc, grad=None):
    return elementwise(name, _rounding(ufunc), 1, DEFAULT, grad=grad,
                       fast_dtypes=_REALS + _INTEGERS,
                       check=_checker(name, kernel_name, _BOOL, NotImplementedError(
                           f"{kernel_name[:-8]} is not supported for complex inputs")))


floor = _rounding_op("floor", "floor_vml_cpu", np.floor)
ceil = _rounding_op("ceil", "ceil_vml_cpu", np.ceil)
trunc = _rounding_op("trunc", "trunc_vml_cpu", np.trunc)
fix = _rounding_op("fix", "trunc_vml_cpu", np.trunc, grad="TruncBackward0")
frac = elementwise("frac", _frac, 1, DEFAULT, fast_dtypes=_REALS, kernel="frac_cpu",
                   check=_checker("frac", "frac_cpu", _NOT_FLOAT))
_round_op = elementwise("round", _round, 1, DEFAULT, fast_dtypes=_REALS + _INTEGERS,
                        check=_checker("round", "round_vml_cpu", _COMPLEX))
_round_inplace = Tensor.round_


def round(input, *, decimals=None, out=None):
    """Round half to even, to `decimals` decimal places (negative: to tens, hundreds...)."""
    if decimals is None:
        return _round_op(input, out=out)
    return _rename(_round_op(input, decimals=decimals, out=out), "RoundBackward1")


def _round_(self, *, decimals=None):
    if decimals is None:
        return _round_inplace(self)
    return _rename(_round_inplace(self, decimals=decimals), "RoundBackward1")


FUNCTIONS["round"] = Tensor.round = round
Tensor.round_ = _round_


# --- nan_to_num, relu, square ---------------------------------------------------------------

def _nan_to_num(a, nan=0.0, posinf=None, neginf=None):
    if a.dtype.kind in "biu":
        return _copy(a)
    if a.dtype.kind == "c":
        parts = (a.real, a.imag)
        r = np.empty_like(a)
        r.real, r.imag = (_nan_to_num(p, nan, posinf, neginf) for p in parts)
        return r
    big = D.finfo(D.FROM_NP[a.dtype]).max
    r = _copy(a)
    r[np.isnan(a)] = nan
    r[a == np.inf] = big if posinf is None else posinf
    r[a == -np.inf] = -big if neginf is None else neginf
    return r


def _check_relu(x, *_):
    _checker("relu")(x)
    if x.dtype is D.bool:
        raise RuntimeError("Boolean inputs not supported for relu")
    if x.dtype._cat == 3:
        raise NotImplementedError("clamp is not supported for complex types")


def _relu(a):
    return np.maximum(a, 0)


def _square(a, _):
    return np.square(a)


nan_to_num = elementwise("nan_to_num", _nan_to_num, 1, DEFAULT, grad="NanToNumBackward0",
                         check=_checker("nan_to_num"))
relu = elementwise("relu", _relu, 1, DEFAULT, fast_dtypes=_REALS + _INTEGERS,
                   kernel="clamp_min_scalar_cpu", check=_check_relu)
_square_op = elementwise("square", _square, 2, DEFAULT, grad="PowBackward0", kernel="pow",
                         fast_dtypes=_NUMBERS, check=_checker("square"))
_square_inplace = Tensor.square_


def square(input, *, out=None):
    """`input * input` (PyTorch's `pow(input, 2)`: bool squares to int64)."""
    two = 2.0 if type(input) is Tensor and input._a.dtype.kind in "fc" else 2  # fast path
    return _square_op(input, two, out=out)


def _square_(self):
    return _square_inplace(self, 2)


FUNCTIONS["square"] = Tensor.square = square
Tensor.square_ = _square_


# --- tests with bool results ----------------------------------------------------------------

def _isposinf(a):
    return a == np.inf


def _isneginf(a):
    return a == -np.inf


def _no_complex(name):
    return _checker(name, complex_error=RuntimeError(f"{name} does not support complex inputs."))


isnan = elementwise("isnan", np.isnan, 1, ALWAYS_BOOL, inplace=False, fast_dtypes=_NUMBERS,
                    check=_checker("isnan"))
isinf = elementwise("isinf", np.isinf, 1, ALWAYS_BOOL, inplace=False, fast_dtypes=_NUMBERS,
                    check=_checker("isinf"))
isfinite = elementwise("isfinite", np.isfinite, 1, ALWAYS_BOOL, inplace=False,
                       fast_dtypes=_NUMBERS, check=_checker("isfinite"))
isposinf = elementwise("isposinf", _isposinf, 1, ALWAYS_BOOL, inplace=False,
                       fast_dtypes=_REALS + _INTEGERS, check=_no_complex("isposinf"))
isneginf = elementwise("isneginf", _isneginf, 1, ALWAYS_BOOL, inplace=False,
                       fast_dtypes=_REALS + _INTEGERS, check=_no_complex("isneginf"))
logical_not = elementwise("logical_not", np.logical_not, 1, ALWAYS_BOOL, fast_dtypes=_NUMBERS,
                          kernel="logical_not_cpu", check=_checker("logical_not"))
bitwise_not = elementwise("bitwise_not", np.invert, 1, DEFAULT, fast_dtypes=_INTEGERS,
                          kernel="bitwise_not_cpu",
                          check=_checker("bitwise_not", "bitwise_not_cpu", _NOT_INT))


def _invert(self):
    """`~self`: PyTorch's TypeError for floating and complex tensors."""
    if self._a.dtype.kind not in "biu":
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type "
                        "tensors")
    return bitwise_not(self)


Tensor.__invert__ = _invert
_logical_not_inplace = Tensor.logical_not_


def _logical_not_(self):
    """In place, as a float tensor too; not differentiable, so the graph is left as it was."""
    meta = self._ag
    _logical_not_inplace(self)
    self._ag = meta
    return self


Tensor.logical_not_ = _logical_not_


def positive(input):
    """`input` itself (`+input`); PyTorch refuses bool tensors."""
    if not isinstance(input, Tensor):
        raise TypeError(f"positive(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(input).__name__}")
    if input.dtype is D.bool:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return input


Tensor.positive = Tensor.__pos__ = positive


# --- clamp ----------------------------------------------------------------------------------

def _clamp(a, lo, hi, three=True):
    """The registry's fast path takes at most two operands: `three=True` keeps calls off it."""
    return np.minimum(np.maximum(a, lo), hi)


_clamp_op = elementwise("clamp", _clamp, 3, DEFAULT, grad="ClampBackward1")
_clamp_min_op = elementwise("clamp_min", np.maximum, 2, DEFAULT, fast_dtypes=_NUMBERS)
_clamp_max_op = elementwise("clamp_max", np.minimum, 2, DEFAULT, fast_dtypes=_NUMBERS)
_INPLACE = {op: getattr(Tensor, name + "_") for op, name in (
    (_clamp_op, "clamp"), (_clamp_min_op, "clamp_min"), (_clamp_max_op, "clamp_max"))}

_KW = {_clamp_op: {"three": True}, _clamp_min_op: {}, _clamp_max_op: {}}


# plain float tensors clamped to numbers: no promotion, no errors, no autograd to do
_CLAMP_FAST = frozenset(np.dtype(d) for d in (np.float32, np.float64))
_NUMBER = (int, float)
_F32_MAX = float(np.finfo(np.float32).max)


def _type_name(x):
    return "Tensor" if isinstance(x, Tensor) else type(x).__name__


def _clamp_parts(name, input, lo, hi, kind, method):
    """(registered op, its bounds, grad name, tensor bounds?) for a clamp call, after
    PyTorch's argument and dtype errors."""
    lo_t, hi_t = isinstance(lo, Tensor), isinstance(hi, Tensor)
    if not isinstance(input, Tensor) or lo_t and hi is not None and not hi_t or \
            hi_t and lo is not None and not lo_t:
        given = (lo, hi) if method else (input, lo, hi)
        given = ", ".join(_type_name(x) for x in given if x is not None)
        raise TypeError(f"{name}() received an invalid combination of arguments - got "
                        f"({given}), but expected one of:")
    if lo is None and hi is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    tensors = lo_t or hi_t
    if hi is None:
        op, bounds, kernel = _clamp_min_op, (lo,), "maximum_cpu" if tensors else "clamp_min"
    elif lo is None:
        op, bounds, kernel = _clamp_max_op, (hi,), "minimum_cpu" if tensors else "clamp_max"
    else:
        op, bounds, kernel = _clamp_op, (lo, hi), "clamp_cpu" if tensors else "clamp"
    dtypes = [input.dtype] + [b.dtype for b in bounds if isinstance(b, Tensor)]
    if any(d._cat == 3 for d in dtypes):
        raise NotImplementedError("clamp is not supported for complex types")
    if tensors:
        compute = result_type_of(dtypes)
        if compute in _LIMITED or compute is D.bool and kernel == "clamp_cpu":
            raise _not_implemented(kernel, compute)
    else:
        compute = result_type_of([input.dtype], (), bounds)
        if compute in _LIMITED or compute is D.bool:
            raise _not_implemented(kernel + "_scalar_cpu", compute)
        bounds = tuple(check_scalar(b, compute) for b in bounds)
    if kind == "Clamp":
        grad = "ClampBackward0" if tensors else "ClampBackward1"
    else:
        grad = kind + ("Backward1" if tensors else "Backward0")
    return op, bounds, grad, tensors


def _clamp_family(name, kind, pick):
    """The function, method and in-place method `name` (`pick(min, max)` -> the bounds
    that this spelling takes: clamp takes both, clamp_min only min...)."""
    def call(input, bounds, kw, out, method):
        lo, hi = pick(*bounds, **kw)
        if out is None and type(input) is Tensor and input._ag is None and \
                input._a.dtype in _CLAMP_FAST and (lo is not None or hi is not None) and \
                (lo is None or type(lo) in _NUMBER and -_F32_MAX <= lo <= _F32_MAX) and \
                (hi is None or type(hi) in _NUMBER and -_F32_MAX <= hi <= _F32_MAX):
            r = input._a if lo is None else np.maximum(input._a, lo)
            r = r if hi is None else np.minimum(r, hi)
            return wrap(iterator_layout(r, (input._a,)) if r.ndim > 1 else fresh(r))
        op, bounds, grad, _ = _clamp_parts(name, input, lo, hi, kind, method)
        return _rename(op(input, *bounds, out=out, **_KW[op]), grad)

    def function(input, *bounds, out=None, **kw):
        return call(input, bounds, kw, out, False)

    def method(self, *bounds, **kw):
        return call(self, bounds, kw, None, True)

    def inplace(self, *bounds, **kw):
        lo, hi = pick(*bounds, **kw)
        op, bounds, grad, tensors = _clamp_parts(name + "_", self, lo, hi, kind, True)
        if not tensors:
            compute = result_type_of([self.dtype], (), bounds)
            if compute._cat > self.dtype._cat:
                raise RuntimeError(f"result type {D.SCALAR_NAME[compute]} can't be cast to "
                                   f"the desired output type {_CPP_NAME[self.dtype]}")
        return _rename(_INPLACE[op](self, *bounds, **_KW[op]), grad)

    function.__name__ = method.__name__ = name
    inplace.__name__ = name + "_"
    FUNCTIONS[name] = function
    setattr(Tensor, name, method)
    setattr(Tensor, name + "_", inplace)
    return function


def _both(min=None, max=None):
    return min, max


def _min_only(min):
    return min, None


def _max_only(max):
    return None, max


clamp = _clamp_family("clamp", "Clamp", _both)
clip = _clamp_family("clip", "Clamp", _both)
clamp_min = _clamp_family("clamp_min", "ClampMin", _min_only)
clamp_max = _clamp_family("clamp_max", "ClampMax", _max_only)
clamp.__doc__ = clip.__doc__ = "Limit `input` to [min, max] (numbers or tensors; one may be None)."
clamp_min.__doc__ = "`clamp(input, min=min)`."
clamp_max.__doc__ = "`clamp(input, max=max)`."
