"""The rest of `torch.linalg` and its legacy top-level forms: factorizations
(`linalg_factor`), solvers, powers and helpers (`linalg_solvers`), least squares and
condition numbers (`linalg_lstsq`), LU (`linalg_lu`); derivatives in `grad_linalg_more`.
This module publishes the top-level functions (`torch.slogdet`, `torch.cholesky`, ...) and
their Tensor methods; `numtorch/linalg.py` re-exports the `linalg` spellings.

>>> import numtorch
>>> numtorch.tensor([[2., 0.], [0., 8.]]).matrix_power(2).tolist()
[[4.0, 0.0], [0.0, 64.0]]
"""
# linalg_solvers first: it, linalg_factor and grad_linalg_more import one another
from .linalg_solvers import cholesky_solve, matrix_exp, matrix_power, pinverse, triangular_solve
from .linalg_factor import cholesky, logdet, qr, slogdet, svd
from .linalg_lu import lu_unpack, torch_lu as lu, torch_lu_solve as lu_solve
import warnings

import numpy as np

from .. import _dtype as D
from .._argparse import arg_index, arg_type_name
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from .reduction import return_type
from .registry import attach, needs_grad, out_allowed, write_into

__all__ = ["slogdet", "logdet", "cholesky", "qr", "svd", "pinverse", "matrix_power",
           "matrix_exp", "triangular_solve", "cholesky_solve", "lu", "lu_solve", "lu_unpack"]


def _tensors(values):
    for v in values:
        if isinstance(v, Tensor):
            yield v
        elif isinstance(v, (list, tuple)):
            yield from _tensors(v)


def _check_dtype(check, res, out):
    """PyTorch's dtype check of one `out=` tensor: `check` is "exact", ("cast", op, what),
    "cast_exact" (both, as matrix_power), "multi_dot", "vecdot" or None (any dtype)."""
    kind = check[0] if isinstance(check, tuple) else check
    if kind in ("cast", "cast_exact") and res._cat > out._cat:
        op, what = check[1:] if kind == "cast" else ("matrix_power", "result")
        raise RuntimeError(f"{op}: Expected {what} to be safely castable from "
                           f"{D.SCALAR_NAME[res]} dtype, but got {what} with dtype "
                           f"{D.SCALAR_NAME[out]}")
    if res is out:
        return
    if kind in ("exact", "cast_exact"):
        raise RuntimeError(f"Expected out tensor to have dtype {D.CXX_NAME[res]}, but got "
                           f"{D.CXX_NAME[out]} instead")
    if kind == "multi_dot":
        raise RuntimeError(f"multi_dot(): expected out tensor to have dtype {D.CXX_NAME[res]} "
                           f"but got {D.CXX_NAME[out]}")
    if kind == "vecdot":
        raise RuntimeError(f"linalg.vecdot: Expected out of dtype{D.SCALAR_NAME[res]} but "
                           f"found {D.SCALAR_NAME[out]}")


def _store(target, r, layout):
    """`write_into` that gives a resized `target` the layout of result array `r` when
    `layout`."""
    resized = layout and r.shape != target._a.shape
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_into(target, r)
    for w in caught:  # the resize warning, pointed at the caller of the public function
        warnings.warn(w.message, w.category, stacklevel=3)
    if resized and r.ndim > 1 and not r.flags.c_contiguous and r.flags.f_contiguous:
        strides = tuple(s // r.itemsize * target._a.itemsize for s in r.strides)
        target._a = np.lib.stride_tricks.as_strided(target._a, r.shape, strides)
        np.copyto(target._a, r, casting="unsafe")
    return target


_OUT_TYPES = {}


def with_out(fn, grad_name, checks, layout=True):
    """`fn` with PyTorch's `out=` (a tensor, or a tuple for several results): the autograd
    error naming `grad_name` (or `grad_name(*args)`) when an input requires grad ("": no
    error, no gradient), or, for None, PyTorch's composite behaviour (results copied in,
    with CopyBackwards); one dtype
    check per result (`checks`, or `checks(*args)`; see `_check_dtype`); each result then
    written into its out tensor, a resized one laid out as the result when `layout` and no
    dtype differs, else contiguously."""
    def function(*args, out=None, **kwargs):
        if out is None:
            return fn(*args, **kwargs)
        outs = tuple(out) if isinstance(out, (tuple, list)) else (out,)
        name = grad_name(*args, **kwargs) if callable(grad_name) else grad_name
        if name is not None:
            if name:
                out_allowed(name, tuple(_tensors(args + tuple(kwargs.values()))) + outs)
            with no_grad():
                r = fn(*args, **kwargs)
        else:
            r = fn(*args, **kwargs)
        results = r if isinstance(r, tuple) else (r,)
        if len(outs) != len(results):
            raise TypeError(f"expected tuple of {len(results)} elements but got {len(outs)}")
        kinds = checks(*args, **kwargs) if callable(checks) else checks
        for check, res, o in zip(kinds, results, outs):
            _check_dtype(check, res.dtype, o.dtype)
        same = layout and all(res.dtype is o.dtype for res, o in zip(results, outs))
        for res, o in zip(results, outs):
            _store(o, res._a, same)
            if name is None and needs_grad((res,)):
                o.copy_(res)  # PyTorch's node of the copy into `out`
        if not isinstance(r, tuple):
            return out
        cls = type(r)
        if cls not in _OUT_TYPES:
            fields = [k for k, v in vars(cls).items() if isinstance(v, property)]
            _OUT_TYPES[cls] = return_type(cls.__name__ + "_out", fields)
        return _OUT_TYPES[cls](outs)
    function.__name__ = function.__qualname__ = fn.__name__
    function.__doc__ = fn.__doc__
    return function


def _power_grad_name(A, n, **kwargs):
    return "" if n == 0 else None if n == 1 else "linalg_inv_ex" if n < 0 else "matmul"


slogdet = with_out(slogdet, "_linalg_slogdet", ("exact", "exact"))
svd = with_out(svd, "_linalg_svd", ("exact",) * 3)
_power = with_out(matrix_power, _power_grad_name,
                  lambda A, n: (("cast", "matrix_power", "result") if n in (0, 1)
                                else "cast_exact",), layout=False)


def power_n(name, n, position):
    """The int `n` of matrix_power, with PyTorch's parser error for another type."""
    k = arg_index(n)
    if k is None:
        raise TypeError(f"{name}(): argument 'n' (position {position}) must be int, not "
                        f"{arg_type_name(n)}")
    return k


def matrix_power(input, n, *, out=None):  # noqa: A002 - PyTorch's name
    """`input` to the integer power `n` (n < 0: of its inverse), by repeated squaring."""
    return _power(input, power_n("matrix_power", n, 2), out=out)


def linalg_matrix_power(A, n, *, out=None):
    """`linalg.matrix_power`."""
    return _power(A, power_n("linalg_matrix_power", n, 2), out=out)


for _f in (slogdet, logdet, cholesky, qr, svd, pinverse, matrix_power, matrix_exp,
           triangular_solve, cholesky_solve):
    attach(_f.__name__, _f, doc=_f.__doc__)
del _f


def _matrix_power_method(self, n):
    return _power(self, power_n("matrix_power", n, 1))


_matrix_power_method.__name__ = "matrix_power"
Tensor.matrix_power = _matrix_power_method
