"""Activations of numtorch.nn.functional: the forward in NumPy (float16/bfloat16 computed in
float32), each with PyTorch's kernel errors and its own autograd node, whose backward is
written with tensor ops (so double backward works)."""
import math
import warnings

import numpy as np

from .. import _dtype as D
from .._backend.quiet import quiet
from .._tensor import Tensor, wrap
from ..autograd import graph
from ..autograd.views import check_inplace, inplace_history
from .._ops.indexing import bump_version
from .._ops.registry import check_overlap, needs_grad, record
from .._ops import reduction_stats as _rs
from .._ops.pointwise_erf import erf
from .._ops.pointwise import relu as _relu, sigmoid as _sigmoid, tanh as _tanh

__all__ = ["relu", "relu6", "leaky_relu", "elu", "gelu", "silu", "sigmoid", "tanh", "softplus",
           "hardtanh", "softmax", "log_softmax"]

_F32 = np.dtype(np.float32)


def _tensor(x, name):
    if not isinstance(x, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(x).__name__}")
    return x


def _compute(x, kernel, fwd, complex_ok=False):
    """`fwd(array)` on a floating tensor `x` (half types in float32), cast back to x's dtype;
    PyTorch's NotImplementedError for other dtypes."""
    dt = x.dtype
    if dt._cat != 2 and not (complex_ok and dt._cat == 3) or dt in (D.uint16, D.uint32,
                                                                     D.uint64):
        raise NotImplementedError(f'"{kernel}" not implemented for \'{D.SCALAR_NAME[dt]}\'')
    a = x._a
    if a.dtype.itemsize == 2 and a.dtype.kind == "f" or dt is D.bfloat16:
        return quiet(fwd, a.astype(_F32)).astype(a.dtype)
    return np.asarray(quiet(fwd, a)).astype(a.dtype, copy=False)


def _apply(x, r, grad_name, back, inplace, saved_result=False):
    """The result array `r` of an activation of `x`: a new tensor, or written into `x`
    (`inplace`); recorded as node `grad_name` computing `back(grad, saved)`, where `saved`
    is the input (or, `saved_result`, the result)."""
    if not inplace:
        t = wrap(r)
        return record(t, grad_name, (x,), back, (t if saved_result else x,))
    node = None
    if needs_grad((x,)):
        check_inplace(x)
        check_overlap(x, ())
        saved = x if saved_result else x.detach().clone()  # the input before the write
        node = graph.record(grad_name, (x,), back, (saved,), output=x if saved_result else None)
    bump_version(x)
    np.copyto(x._a, r)
    if node is not None:
        graph.outputs_written(node)
        inplace_history(x, node)
    return x


def relu(input, inplace=False):
    """max(x, 0)."""
    _tensor(input, "relu")
    return input.relu_() if inplace else _relu(input)


def _hardtanh_back(lo, hi):
    def back(g, x):
        return g * ((x > lo) & (x < hi))
    return back


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """x clamped to [min_val, max_val]."""
    _tensor(input, "hardtanh")
    if input.dtype is D.bool:
        raise RuntimeError("Bool inputs not supported for hardtanh")
    if input.dtype._cat == 3:
        raise NotImplementedError("clamp is not supported for complex types")
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    a = input._a
    lo, hi = min_val, max_val
    if a.dtype.kind in "iu":
        lo, hi = math.ceil(lo), math.floor(hi)
    r = np.clip(a, lo, hi).astype(a.dtype, copy=False) if a.size else a.copy()
    return _apply(input, r, "HardtanhBackward0", _hardtanh_back(min_val, max_val), inplace,
                  inplace)


def relu6(input, inplace=False):
    """min(max(x, 0), 6)."""
    return hardtanh(input, 0.0, 6.0, inplace)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x where x > 0, else negative_slope * x."""
    _tensor(input, "leaky_relu")
    r = _compute(input, "leaky_relu_cpu", lambda a: np.where(a > 0, a, a * negative_slope))
    if inplace and negative_slope < 0 and needs_grad((input,)):
        raise RuntimeError("In-place leakyReLu backward calculation is triggered with a "
                           "negative slope which is not supported. This is caused by calling "
                           "in-place forward function with a negative slope, please call "
                           "out-of-place version instead. File an issue at "
                           "https://github.com/pytorch/pytorch if you do require supporting "
                           "in-place leakRelu backward calculation with negative slope")

    def back(g, x):
        return g * (x > 0) + g * (x <= 0) * negative_slope
    return _apply(input, r, "LeakyReluBackward1" if inplace else "LeakyReluBackward0", back,
                  inplace, inplace)


def elu(input, alpha=1.0, inplace=False):
    """x where x > 0, else alpha * (exp(x) - 1)."""
    _tensor(input, "elu")
    r = _compute(input, "elu_cpu", lambda a: np.where(a > 0, a, alpha * np.expm1(a)))
    if inplace:
        if alpha < 0 and needs_grad((input,)):
            raise RuntimeError("In-place elu backward calculation is triggered with a negative "
                               "slope which is not supported. This is caused by calling "
                               "in-place forward function with a negative slope, please call "
                               "out-of-place version instead.")

        def back(g, y):
            return g * (y > 0) + g * (y <= 0) * (y + alpha)
        return _apply(input, r, "EluBackward1", back, True, True)

    def back(g, x):
        return g * (x > 0) + g * (x <= 0) * alpha * x.exp()
    return _apply(input, r, "EluBackward0", back, False)


_SQRT_2 = math.sqrt(2.0)
_SQRT_2_PI = math.sqrt(2.0 / math.pi)


def _gelu_tanh(a):
    return 0.5 * a * (1 + np.tanh(_SQRT_2_PI * (a + 0.044715 * a ** 3)))


def _gelu_exact(a):
    return 0.5 * a * (1 + erf(a / _SQRT_2))


def gelu(input, approximate="none"):
    """x * Phi(x), or its tanh approximation (`approximate='tanh'`)."""
    _tensor(input, "gelu")
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    tanh_ = approximate == "tanh"
    r = _compute(input, "GeluKernelImpl", _gelu_tanh if tanh_ else _gelu_exact)

    def back(g, x):
        if tanh_:
            inner = _SQRT_2_PI * (x + 0.044715 * x.pow(3))
            t = inner.tanh()
            d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * _SQRT_2_PI * (1 + 3 * 0.044715 * x * x)
        else:
            d = 0.5 * (1 + (x / _SQRT_2).erf()) + x * (-0.5 * x * x).exp() / math.sqrt(
                2 * math.pi)
        return g * d
    return _apply(input, r, "GeluBackward0", back, False)


def silu(input, inplace=False):
    """x * sigmoid(x)."""
    _tensor(input, "silu")
    r = _compute(input, "silu_cpu", lambda a: a / (1 + np.exp(-a)), complex_ok=True)

    def back(g, x):
        s = x.sigmoid()
        return g * (s * (1 + x * (1 - s))).conj()
    return _apply(input, r, "SiluBackward0", back, inplace)


def softplus(input, beta=1.0, threshold=20.0):
    """log(1 + exp(beta x)) / beta (x itself where beta x > threshold)."""
    _tensor(input, "softplus")

    def fwd(a):
        z = a * beta
        return np.where(z > threshold, a, np.log1p(np.exp(z)) / beta)
    r = _compute(input, "softplus_cpu", fwd)

    def back(g, x):
        z = x * beta
        return g * (z > threshold) + g * (z <= threshold) * z.sigmoid()
    return _apply(input, r, "SoftplusBackward0", back, False)


def sigmoid(input):
    """1 / (1 + exp(-x))."""
    return _sigmoid(input)


def tanh(input):
    """tanh(x)."""
    return _tanh(input)


def _softmax_dim(name, ndim, stacklevel):
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call "
                  "to include dim=X as an argument.", UserWarning, stacklevel=stacklevel)
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """exp(x) / sum(exp(x)) along `dim` (the input cast to `dtype` first, when given)."""
    if dim is None:
        dim = _softmax_dim("softmax", _tensor(input, "softmax").dim(), _stacklevel)
    return _rs.softmax(_cast(input, dtype), dim)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """log(softmax(x)) along `dim`."""
    if dim is None:
        dim = _softmax_dim("log_softmax", _tensor(input, "log_softmax").dim(),
                           _stacklevel)
    return _rs.log_softmax(_cast(input, dtype), dim)


def _cast(input, dtype):
    """`input` in `dtype` (PyTorch's `to` before the kernel, a ToCopyBackward0 node)."""
    return input if dtype is None or not isinstance(input, Tensor) else input.to(dtype)

