"""Cumulative (running) reductions: cumsum, cumprod, cummax and cummin, with PyTorch's result
dtypes, tie-breaking (cummax/cummin report the latest index of the running extreme, and a
NaN stays) and autograd nodes; the in-place `Tensor.cumsum_` and `Tensor.cumprod_`.

>>> import numtorch
>>> numtorch.tensor([1, 3, 2, 3]).cummax(0).indices.tolist()
[0, 1, 1, 3]
"""
import sys

import numpy as np

from .. import _dtype as D
from .._backend.quiet import quiet
from .._convert import fresh
from .._tensor import Tensor
from ..autograd import graph
from ..autograd.views import check_inplace, inplace_history
from . import grad_reduction as G
from .grad_reduction import RESULT, SECOND
from .reduction import (F32, HALF, I64, LIMITED, REQUIRED, accumulating, check_input, dim_int,
                        emit, finish, key, not_implemented, one_axis, pair, register,
                        return_type)
from .reduction_args import parsed
from .reduction_sort import reject
from .registry import needs_grad, write_into

__all__ = ["cumsum", "cumprod", "cummax", "cummin"]

_cummax_type = return_type("cummax", ("values", "indices"))
_cummin_type = return_type("cummin", ("values", "indices"))


# PyTorch's CPU scans accumulate as `acc_type`: float and complex<float> in double precision
_WIDE = {np.dtype(np.float32): np.dtype(np.float64), np.dtype(np.complex64): np.dtype(np.complex128)}


def _scan(name, ufunc, input, dim, dtype, out):
    ax = one_axis(dim_int(dim, name, position=2), check_input(input, name)._a.ndim)
    a, target = accumulating(input, name, dtype)
    acc = F32 if target.np in HALF else _WIDE.get(target.np, target.np)
    r = quiet(ufunc.accumulate, a, ax, acc) if a.ndim else a.astype(acc)
    fn, saved = (G.cumsum_back(ax, input.dtype), ()) if name == "cumsum" else (
        G.cumprod_back(ax), (input, RESULT))
    return emit(finish(r, target.np), name.capitalize() + "Backward0", input, out, fn, saved)


def cumsum(input, dim=REQUIRED, *, dtype=None, out=None):
    """Running sum along `dim`; bool and integer inputs give int64."""
    return _scan("cumsum", np.add, input, dim, dtype, out)


def cumprod(input, dim=REQUIRED, *, dtype=None, out=None):
    """Running product along `dim`; bool and integer inputs give int64."""
    return _scan("cumprod", np.multiply, input, dim, dtype, out)


def _cumulative(name, ufunc, input, dim):
    a = check_input(input, name)._a
    ax = one_axis(dim_int(dim, name, position=2), a.ndim)
    if not a.ndim or not a.size:
        return fresh(a.copy()), fresh(np.zeros(a.shape, I64)), ax
    reject(a, f"{name}_cpu")
    k = key(a)
    hit = k == quiet(ufunc.accumulate, k, ax)  # each element reaching the running extreme
    if k.dtype.kind == "f":
        hit |= np.isnan(k)
    pos = np.arange(a.shape[ax]).reshape([-1 if i == ax else 1 for i in range(a.ndim)])
    idx = np.maximum.accumulate(np.where(hit, pos, 0), axis=ax)
    return finish(np.take_along_axis(a, idx, ax), a.dtype), finish(idx, I64), ax  # (-0.0)


def cummax(input, dim=REQUIRED, *, out=None):
    """Running maximum along `dim` and where it was found (the latest index on ties)."""
    values, idx, ax = _cumulative("cummax", np.maximum, input, dim)
    return pair(_cummax_type, values, idx, "CummaxBackward0", input, out,
                G.cummax_back(values.shape, ax), (input, SECOND))


def cummin(input, dim=REQUIRED, *, out=None):
    """Running minimum along `dim` and where it was found (the latest index on ties)."""
    values, idx, ax = _cumulative("cummin", np.minimum, input, dim)
    return pair(_cummin_type, values, idx, "CumminBackward0", input, out,
                G.cummax_back(values.shape, ax), (input, SECOND))



def _scan_inplace(name, ufunc):
    """`Tensor.<name>_`: the running reduction written into `self`, in its own dtype (a
    `dtype` given must be it), with the node of `<name>` (cumprod's saving `self` as it was
    and as it is after)."""
    def inplace(self, dim=REQUIRED, *, dtype=None):
        d = dim_int(dim, name + "_", position=1)  # (its type and dtype's: checked by the parser)
        recording = needs_grad((self,))
        if recording:
            check_inplace(self)
        a = self._a
        ax = one_axis(d, a.ndim)
        if dtype is not None and dtype is not self.dtype:
            raise RuntimeError(f"Bad in-place call: input tensor dtype "
                               f"{D.CXX_NAME[self.dtype]} and output tensor dtype "
                               f"{D.CXX_NAME[dtype]} should match")
        if a.ndim and a.size:
            if self.dtype is D.bool or a.dtype in LIMITED:
                raise not_implemented(f"{name}_out_cpu", self.dtype)
            if any(n > 1 and not step for n, step in zip(a.shape, a.strides)):
                raise RuntimeError("unsupported operation: more than one element of the "
                                   "written-to tensor refers to a single memory location. "
                                   "Please clone() the tensor before performing the "
                                   "operation.")
        acc = F32 if a.dtype in HALF else a.dtype
        r = finish(quiet(ufunc.accumulate, a, ax, acc), a.dtype) if a.ndim else a
        node = None
        if recording:
            fn, saved = (G.cumsum_back(ax, self.dtype), ()) if name == "cumsum" else (
                G.cumprod_back(ax), (self.detach().clone(), self))
            node = graph.record(name.capitalize() + "Backward0", (self,), fn, saved, self)
        write_into(self, r)
        if node is not None:
            graph.outputs_written(node)
            inplace_history(self, node)
        return self
    inplace.__name__ = inplace.__qualname__ = name + "_"
    return parsed(inplace, name + "_", method=True)


register(sys.modules[__name__], __all__)
Tensor.cumsum_ = _scan_inplace("cumsum", np.add)
Tensor.cumprod_ = _scan_inplace("cumprod", np.multiply)
