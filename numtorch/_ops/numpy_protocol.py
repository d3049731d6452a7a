"""NumPy meets tensors: `ndarray + tensor`, `np.exp(t)`, `np.sum(t)`, `np.concatenate([t, t])`.

NumPy hands ufuncs (`__array_ufunc__`) and array functions (`__array_function__`) on tensors
to numtorch, which computes them as PyTorch would (PyTorch's promotion; ndarrays count as
tensors of their dtype) and returns tensors. Functions numtorch has no op for run in NumPy
on the tensors' arrays; array results come back as tensors (sharing memory when NumPy
returns a view). PyTorch instead raises for `ndarray + tensor` and `np.sum(t)`.

>>> import numpy as np, numtorch
>>> r = np.ones(2, dtype=np.int32) + numtorch.tensor([1.5, 2.5])
>>> r.dtype, type(r).__name__
(torch.float32, 'Tensor')
"""
import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, wrap
from .registry import FUNCTIONS

__all__ = []

# NumPy ufunc name -> numtorch op name (where they differ)
_UFUNC_NAMES = {
    "absolute": "abs", "subtract": "sub", "multiply": "mul", "true_divide": "div",
    "divide": "div", "power": "pow", "negative": "neg", "greater": "gt", "less": "lt",
    "equal": "eq", "not_equal": "ne", "greater_equal": "ge", "less_equal": "le",
    "invert": "bitwise_not", "arcsin": "asin", "arccos": "acos", "arctan": "atan",
    "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh", "arctan2": "atan2",
    "rint": "round", "conjugate": "conj",
}


def _to_tensor(x):
    return wrap(x) if isinstance(x, np.ndarray) else x


def _to_array(x):
    if isinstance(x, Tensor):
        return x.numpy(force=True)
    if isinstance(x, (list, tuple)):
        return type(x)(_to_array(v) for v in x)
    return x


def _back(r):
    """A NumPy result as a tensor when numtorch can hold it (arrays share memory)."""
    if isinstance(r, np.ndarray) and r.dtype.num in _HOLDABLE:
        return wrap(r)
    if isinstance(r, tuple):
        return tuple(_back(v) for v in r)
    return r


_HOLDABLE = frozenset(d.np.num for d in D.ALL if d.np is not None)


def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
    out = kwargs.pop("out", None)
    name = _UFUNC_NAMES.get(ufunc.__name__, ufunc.__name__)
    op = FUNCTIONS.get(name)
    if method == "__call__" and op is not None and not kwargs and len(inputs) == ufunc.nin:
        result = op(*map(_to_tensor, inputs))
        if out is None:
            return result
        target = out[0]
        if isinstance(target, Tensor):
            return target.copy_(result)
        np.copyto(target, result.numpy(force=True), casting="same_kind")
        return target
    if out is not None:
        kwargs["out"] = tuple(_to_array(o) for o in out)
    return _back(getattr(ufunc, method)(*_to_array(inputs), **kwargs))


# NumPy function -> (numtorch op, keyword renames)
_FUNCTION_NAMES = {
    "sum": ("sum", {"axis": "dim", "keepdims": "keepdim"}),
    "mean": ("mean", {"axis": "dim", "keepdims": "keepdim"}),
    "prod": ("prod", {"axis": "dim", "keepdims": "keepdim"}),
    "max": ("amax", {"axis": "dim", "keepdims": "keepdim"}),
    "amax": ("amax", {"axis": "dim", "keepdims": "keepdim"}),
    "min": ("amin", {"axis": "dim", "keepdims": "keepdim"}),
    "amin": ("amin", {"axis": "dim", "keepdims": "keepdim"}),
    "all": ("all", {"axis": "dim", "keepdims": "keepdim"}),
    "any": ("any", {"axis": "dim", "keepdims": "keepdim"}),
    "argmax": ("argmax", {"axis": "dim", "keepdims": "keepdim"}),
    "argmin": ("argmin", {"axis": "dim", "keepdims": "keepdim"}),
    "cumsum": ("cumsum", {"axis": "dim"}),
    "cumprod": ("cumprod", {"axis": "dim"}),
    "concatenate": ("cat", {"axis": "dim"}),
    "stack": ("stack", {"axis": "dim"}),
    "transpose": ("permute", {"axes": "dims"}),
    "reshape": ("reshape", {"newshape": "shape"}),
    "where": ("where", {}),
    "clip": ("clamp", {"a_min": "min", "a_max": "max"}),
    "round": ("round", {}),
    "squeeze": ("squeeze", {"axis": "dim"}),
    "expand_dims": ("unsqueeze", {"axis": "dim"}),
    "flip": ("flip", {"axis": "dims"}),
    "matmul": ("matmul", {}),
    "dot": ("matmul", {}),
}


def __array_function__(self, func, types, args, kwargs):
    if func is np.shape and isinstance(args[0], Tensor):
        return args[0].shape
    entry = _FUNCTION_NAMES.get(func.__name__)
    op = FUNCTIONS.get(entry[0]) if entry else None
    if op is not None and "out" not in kwargs:
        renames = entry[1]
        kw = {renames.get(k, k): v for k, v in kwargs.items() if v is not None}
        if "dtype" in kw:
            kw["dtype"] = D.FROM_NP[np.dtype(kw["dtype"])]
        args = tuple(_to_tensor(a) if not isinstance(a, (list, tuple)) else
                     type(a)(map(_to_tensor, a)) for a in args)
        try:
            return op(*args, **kw)
        except TypeError:
            pass  # an argument numtorch's op does not take: NumPy computes it
    return _back(func(*_to_array(args), **{k: _to_array(v) for k, v in kwargs.items()}))


Tensor.__array_ufunc__ = __array_ufunc__
Tensor.__array_function__ = __array_function__
