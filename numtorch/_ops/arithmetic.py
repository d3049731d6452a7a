"""Arithmetic: add, sub, mul, div and friends, with PyTorch's promotion and dunders.

>>> import numtorch
>>> (numtorch.tensor([1, 2]) / 2).dtype, (numtorch.tensor([1, 2]) * 2.5).dtype
(torch.float32, torch.float32)
"""
import numpy as np

from .. import _dtype as D
from .._tensor import Tensor
from .registry import DEFAULT, INT_TO_FLOAT, elementwise

__all__ = ["add", "sub", "mul", "div", "neg"]

_FAST = (np.float32, np.float64, np.int64, np.int32, np.int16, np.int8, np.uint8, np.float16,
         np.complex64, np.complex128)


def _check_alpha(b, alpha):
    if isinstance(alpha, float) and getattr(b, "dtype", np.dtype(type(b))).kind in "biu":
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating "
                           "point number.")


def _add(a, b, alpha=1):
    if alpha != 1:
        _check_alpha(b, alpha)
        b = np.multiply(b, alpha)
    return np.add(a, b)


def _sub(a, b, alpha=1):
    if alpha != 1:
        _check_alpha(b, alpha)
        b = np.multiply(b, alpha)
    return np.subtract(a, b)


def _is_bool(x):
    return isinstance(x, bool) or isinstance(x, Tensor) and x.dtype is D.bool


def _check_sub(a, b):
    if _is_bool(a) or _is_bool(b):
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. "
                           "If you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def _check_neg(a):
    if _is_bool(a):
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If "
                           "you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def _div(a, b, rounding_mode=None):
    if rounding_mode is None:
        return np.true_divide(a, b)
    if rounding_mode == "trunc":
        q = np.true_divide(a, b)
        return np.trunc(q) if np.asarray(q).dtype.kind in "fc" else q
    if rounding_mode == "floor":
        return np.floor_divide(a, b)
    raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' "
                       f"but found '{rounding_mode}'")


add = elementwise("add", _add, 2, DEFAULT, dunder="add", rdunder="add", fast_dtypes=_FAST,
            kernel="add_stub")
sub = elementwise("sub", _sub, 2, DEFAULT, dunder="sub", rdunder="sub", rgrad="RsubBackward1",
                  fast_dtypes=_FAST, kernel="sub_stub", check=_check_sub)
mul = elementwise("mul", np.multiply, 2, DEFAULT, dunder="mul", rdunder="mul", fast_dtypes=_FAST)
div = elementwise("div", _div, 2, INT_TO_FLOAT, dunder="truediv", rdunder="truediv",
            rgrad="MulBackward0", fast_dtypes=(np.float32, np.float64, np.complex64,
                                                np.complex128))
neg = elementwise("neg", np.negative, 1, DEFAULT, fast_dtypes=_FAST, check=_check_neg)
Tensor.__neg__ = neg
