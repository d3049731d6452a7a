"""Reductions: sum, mean, prod, max/min, all/any, with PyTorch's dims, `keepdim`, result
dtypes, errors and autograd nodes (their formulas in `grad_reduction`); the helpers the
other reduction modules share (`reduction_stats`: std/var, logsumexp, softmax;
`reduction_sort`: sorting, order statistics, `unique`; `reduction_scan`: cumulative ops).

A reduction works on the NumPy array and finishes through `finish`: a contiguous result of
PyTorch's dtype, reduced dims kept as 1s on request. float16/bfloat16 accumulate in float32,
as PyTorch does.

>>> import numtorch
>>> x = numtorch.tensor([[1, 2], [3, 4]])
>>> x.sum(), x.sum(0).tolist(), x.float().mean(dim=1, keepdim=True).shape
(tensor(10), [4, 6], torch.Size([2, 1]))
>>> x.max(1)
torch.return_types.max(
values=tensor([2, 4]),
indices=tensor([1, 1]))
"""
import operator
import re
import sys
import types

import numpy as np

from .. import _dtype as D
from .._backend.quiet import IGNORE, VAR, quiet
from .._convert import cast, fresh
from .._tensor import Tensor, wrap
from . import grad_reduction as G
from .grad_reduction import RESULT, SECOND
from .reduction_args import REQUIRED, check_out_dtype, parsed
from .registry import FUNCTIONS, needs_grad, out_allowed, record, snake_name, write_into

__all__ = ["sum", "nansum", "mean", "nanmean", "prod", "max", "min", "amax", "amin", "aminmax",
           "argmax", "argmin", "all", "any", "count_nonzero", "return_types"]

_new = object.__new__
F32 = np.dtype(np.float32)
I64 = np.dtype(np.int64)
_BOOL = np.dtype(np.bool_)
BF16 = D.bfloat16.np
HALF = frozenset((np.dtype(np.float16), BF16))  # accumulated in float32
LIMITED = frozenset(d.np for d in (D.uint16, D.uint32, D.uint64))
_FAST_SUM = frozenset(np.dtype(d) for d in (np.float32, np.float64, np.int64))
_FAST_MEAN = frozenset(np.dtype(d) for d in (np.float32, np.float64))
ALL = object()  # "no dim argument" (PyTorch names the node differently for dim=None)
_add, _maximum, _minimum = np.add.reduce, np.maximum.reduce, np.minimum.reduce
_set, _reset, _empty, _divide, _dot = VAR.set, VAR.reset, np.empty, np.true_divide, np.dot

# ---- result types ------------------------------------------------------------------------
return_types = types.ModuleType("numtorch.return_types",
                                "Tuples with named fields that ops with several results return.")
sys.modules[return_types.__name__] = return_types


def return_type(name, fields):
    """A tuple type like `torch.return_types.<name>`: fields by name, PyTorch's repr."""
    def __repr__(self):
        body = ",\n".join(f"{f}={v!r}" for f, v in zip(fields, self))
        return f"torch.return_types.{name}(\n{body})"

    ns = {"__slots__": (), "__repr__": __repr__, "__module__": return_types.__name__,
          "n_fields": len(fields), "n_sequence_fields": len(fields), "n_unnamed_fields": 0}
    ns.update((f, property(operator.itemgetter(i))) for i, f in enumerate(fields))
    cls = type(name, (tuple,), ns)
    setattr(return_types, name, cls)
    return cls


# ---- argument checks ---------------------------------------------------------------------
def _type_name(v):
    return "Tensor" if isinstance(v, Tensor) else type(v).__name__


def bad_args(name, *values):
    """PyTorch's TypeError for arguments that match no signature (function spelling)."""
    got = ", ".join(["Tensor"] + [_type_name(v) for v in values])
    return TypeError(f"{name}() received an invalid combination of arguments - got ({got}), "
                     "but expected one of:")


def not_implemented(kernel, dt):
    return NotImplementedError(f"\"{kernel}\" not implemented for '{D.SCALAR_NAME[dt]}'")


def check_input(x, name):
    if not isinstance(x, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not "
                        f"{_type_name(x)}")
    return x


def dtype_arg(dtype, name, position=None):
    """A `dtype` argument (`position`: where an op takes it positionally)."""
    if not isinstance(dtype, D.dtype):
        at = "" if position is None else f" (position {position})"
        raise TypeError(f"{name}(): argument 'dtype'{at} must be torch.dtype, not "
                        f"{_type_name(dtype)}")
    return dtype


_POSITION = re.compile(r"\(position (\d+)\)")


def method(fn):
    """`fn` as a Tensor method: PyTorch's argument errors then leave out `self`."""
    def bound(self, *args, **kw):
        try:
            return fn(self, *args, **kw)
        except TypeError as e:
            msg = str(e)
            if " - got (Tensor" in msg:
                msg = msg.replace(" - got (Tensor, ", " - got (", 1).replace(
                    " - got (Tensor)", " - got ()", 1)
            elif "(position " in msg and "'input'" not in msg:
                msg = _POSITION.sub(lambda m: f"(position {int(m.group(1)) - 1})", msg, 1)
            else:
                raise
            raise TypeError(msg) from None
    bound.__name__ = bound.__qualname__ = fn.__name__
    bound.__doc__ = fn.__doc__
    bound.__wrapped__ = fn  # its signature
    return bound


def one_axis(d, ndim):
    """Dim `d` wrapped into [0, ndim) (a 0-d tensor accepts 0 and -1)."""
    n = ndim or 1
    if not -n <= d < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], "
                         f"but got {d})")
    return d % n


def dim_int(dim, name, position=None):
    """A `dim` argument that must be one int (0-d integer tensors too)."""
    if type(dim) is int:
        return dim
    if dim is REQUIRED:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
    if not isinstance(dim, bool) and hasattr(dim, "__index__"):
        try:
            return operator.index(dim)
        except TypeError:
            pass
    if position is not None:
        raise TypeError(f"{name}(): argument 'dim' (position {position}) must be int, not "
                        f"{_type_name(dim)}")
    raise bad_args(name, dim)


def axes_of(dim, ndim, name, position=None):
    """A `dim` argument (int, tuple/list of ints, None) as a tuple of distinct axes, or None
    for all of them (also `()` and a 0-d input). `position`: where a single-signature op
    takes `dim` (its TypeError names it); overloaded ops list the arguments instead."""
    if dim is None or dim is ALL:
        return None
    if isinstance(dim, (tuple, list)):
        seen = []
        for i, d in enumerate(dim):
            if position is not None and (type(d) is bool or not hasattr(d, "__index__")):
                raise TypeError(f"{name}(): argument 'dim' (position {position}) must be tuple "
                                f"of ints, but found element of type {_type_name(d)} at pos {i}")
            a = one_axis(dim_int(d, name), ndim)
            if a in seen:
                raise RuntimeError(f"dim {a} appears multiple times in the list of dims")
            seen.append(a)
        return tuple(seen) if seen and ndim else None
    if position is not None and (type(dim) is bool or not hasattr(dim, "__index__")):
        raise TypeError(f"{name}(): argument 'dim' (position {position}) must be tuple of ints, "
                        f"not {_type_name(dim)}")
    a = one_axis(dim_int(dim, name), ndim)
    return (a,) if ndim else None


def count(shape, axes):
    """Number of elements each output element reduces."""
    n = 1
    for i in (range(len(shape)) if axes is None else axes):
        n *= shape[i]
    return n


def finish(r, dt, shape=(), axes=None, keepdim=False):
    """Reduction result `r` as PyTorch returns it: a contiguous array of dtype `dt`, the
    reduced dims of `shape` kept as 1s when `keepdim`."""
    if type(r) is not np.ndarray:
        r = np.asarray(r)
    elif not r.flags.c_contiguous:
        r = np.ascontiguousarray(r)
    if r.dtype != dt:
        r = quiet(r.astype, dt)
    if keepdim and shape:
        r = r.reshape((1,) * len(shape) if axes is None else
                      tuple(1 if i in axes else n for i, n in enumerate(shape)))
    return fresh(r)


def emit(r, grad, x, out=None, fn=None, saved=()):
    """Array `r` as the result tensor (or written into `out`), with node `grad` whose
    backward is `fn(grad, *saved)` (`RESULT` in `saved` stands for the result)."""
    if out is not None:
        out_allowed(snake_name(grad), (x, out))
        return write_into(out, r)
    t = wrap(r)
    if x._ag is None:
        return t
    return record(t, grad, (x,), fn, tuple(t if s is RESULT else s for s in saved))


def pair(rtype, first, second, grad, x, out=None, fn=None, saved=()):
    """Arrays `first` and `second` (int64 indices, or `max` for aminmax) as tensors in the
    tuple type `rtype` (or written into the tensors `out`), with one node `grad` for both
    (`RESULT`/`SECOND` in `saved` stand for the outputs)."""
    if out is not None:
        name = snake_name(grad)
        for i in (1, 0) if name in ("median", "nanmedian") else (0, 1):
            check_out_dtype(name, i, D.FROM_NP[(first, second)[i].dtype], out[i].dtype)
        out_allowed(name, (x,) + tuple(out))
        return rtype((write_into(out[0], first), write_into(out[1], second)))
    a, b = wrap(first), wrap(second)
    if x._ag is not None:
        G.record_pair(a, b, grad, x, fn, saved)
    return rtype((a, b))


def key(a):
    """`a` as NumPy orders it correctly (bfloat16's NaN ordering is not)."""
    return a.astype(F32) if a.dtype == BF16 else a


_BLOCK = 4096
_ONES = {np.dtype(d): np.ones(_BLOCK, d) for d in (np.float32, np.float64)}


def _total(a, axes, dt=None):
    """`np.add.reduce(a, axes, dt)`. A large contiguous float32/float64 sum of all elements
    first adds rows of 4096 (NumPy's vectorised loop, near memory speed), then pairwise
    over that row: well ahead of the pairwise loop alone, and single-threaded."""
    if axes is not None or a.size < 16384 or a.dtype not in _ONES or not a.flags.c_contiguous \
            or dt is not None and dt != a.dtype:
        return _add(a, axes, dt)
    flat = a.reshape(-1)
    m = a.size - a.size % _BLOCK
    return _add(_add(flat[:m].reshape(-1, _BLOCK), 0)) + _add(flat[m:])


_ONES_N = {dt: {} for dt in _ONES}  # dtype -> {n: ones[:n]}, views made on first use


def _whole(reduce, fast, divide):
    """`reduce` with a fast path for the whole-tensor `x.sum()`/`x.mean()` of a plain tensor
    of a `fast` dtype: one NumPy call into a 0-d array, then a bare tensor. A short float
    vector sums fastest as a dot product with ones (BLAS, single-threaded at that size)."""
    def whole(*args, **kw):
        input = args[0] if len(args) == 1 and not kw else None
        if type(input) is Tensor and input._ag is None:
            a = input._a
            dt = a.dtype
            if dt in fast:
                n = a.size
                token = _set(IGNORE)
                try:
                    if n <= _BLOCK and a.ndim == 1 and dt in _ONES_N:
                        ones = _ONES_N[dt].get(n)
                        if ones is None:
                            ones = _ONES_N[dt][n] = _ONES[dt][:n]
                        r = _empty((), dt)
                        _dot(a, ones, r)  # returns a scalar: keep the 0-d array
                    elif n < 16384:
                        r = _add(a, None, None, _empty((), dt))
                    else:
                        r = np.array(_total(a, None))
                    if divide:
                        _divide(r, n, out=r)
                finally:
                    _reset(token)
                t = _new(Tensor)
                t._a = r
                t._st = t._ag = t._view_of = None
                return t
        return reduce(*args, **kw)
    whole.__name__ = whole.__qualname__ = reduce.__name__
    whole.__doc__ = reduce.__doc__
    return whole


# ---- sums and products -------------------------------------------------------------------
def accumulating(x, name, dtype):
    """`x`'s array as a sum or product accumulates it, and the result dtype: `dtype` when
    given (the input cast to it), else int64 for bool/integer inputs, else the input's."""
    a = check_input(x, name)._a
    if dtype is None:
        return a, D.int64 if x.dtype._cat < 2 else x.dtype
    target = dtype_arg(dtype, name)
    return (a if target.np == a.dtype else cast(a, target)), target


def _accumulate(name, ufunc, x, dim, keepdim, dtype, out, grads, back, saved, position=None):
    a, target = accumulating(x, name, dtype)
    axes = axes_of(dim, a.ndim, name, position)
    r = quiet(ufunc, a, axes, F32 if target.np in HALF else target.np)
    return emit(finish(r, target.np, a.shape, axes, keepdim), grads[dim is not ALL], x, out,
                x._ag and back(a.shape, axes, keepdim), saved)


def _sum(input, dim=ALL, keepdim=False, *, dtype=None, out=None):
    """Sum over `dim` (all dims by default); bool and integer inputs sum to int64.

    >>> import numtorch
    >>> numtorch.tensor([[True, True], [False, True]]).sum(dim=1)
    tensor([2, 1])
    """
    return _accumulate("sum", _total, input, dim, keepdim, dtype, out,
                       ("SumBackward0", "SumBackward1"), G.sum_back, ())


def prod(input, dim=ALL, keepdim=False, *, dtype=None, out=None):
    """Product over one `dim` (all elements by default); bool and integers give int64."""
    if dim is not ALL:
        dim = dim_int(dim, "prod")
    return _accumulate("prod", np.multiply.reduce, input, dim, keepdim, dtype, out,
                       ("ProdBackward0", "ProdBackward1"), G.prod_back, (input, RESULT))


def _nansum(a, axes, dt):
    if a.dtype.kind == "f" or a.dtype == BF16:
        a = np.where(np.isnan(a), 0, a)
    return _add(a, axes, dt)


def nansum(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Sum treating NaN as zero."""
    if check_input(input, "nansum").dtype._cat == 3:
        raise RuntimeError("nansum on CPU does not support complex inputs")
    return _accumulate("nansum", _nansum, input, dim, keepdim, dtype, out,
                       ("NansumBackward0", "NansumBackward0"), G.nansum_back, (input,),
                       position=2)


def _float_input(name, x, dtype):
    """`x`'s array cast to `dtype` for a float-only reduction (mean), and that dtype."""
    a = check_input(x, name)._a
    target = x.dtype if dtype is None else dtype_arg(dtype, name)
    if target._cat < 2:
        which = "Input" if dtype is None else "Optional"
        raise RuntimeError(f"{name}(): could not infer output dtype. {which} dtype must be "
                           f"either a floating point or complex dtype. Got: "
                           f"{D.SCALAR_NAME[target]}")
    return (a if target.np == a.dtype else cast(a, target)), target


def _average(a, axes, acc, n):
    return np.true_divide(_total(a, axes, acc), n)


def _mean(input, dim=ALL, keepdim=False, *, dtype=None, out=None):
    """Mean over `dim` (all dims by default) of a floating point or complex tensor."""
    a, target = _float_input("mean", input, dtype)
    axes = axes_of(dim, a.ndim, "mean")
    r = quiet(_average, a, axes, F32 if target.np in HALF else target.np, count(a.shape, axes))
    return emit(finish(r, target.np, a.shape, axes, keepdim),
                "MeanBackward1" if dim is not ALL else "MeanBackward0", input, out,
                input._ag and G.mean_back(a.shape, axes, keepdim))


def _nanmean(a, axes):
    return np.true_divide(_nansum(a, axes, F32 if a.dtype in HALF else a.dtype),
                          np.count_nonzero(~np.isnan(a), axes))


def nanmean(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Mean of the non-NaN elements: nansum / their count (PyTorch's autograd graph)."""
    x = check_input(input, "nanmean")
    if x.dtype._cat < 2:
        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype "
                           f"but got {D.SCALAR_NAME[x.dtype]}")
    if x.dtype._cat == 3:
        raise RuntimeError("nansum on CPU does not support complex inputs")
    a, target = _float_input("nanmean", x, dtype)
    axes = axes_of(dim, a.ndim, "nanmean", 2)
    if out is None and needs_grad((x,)):
        return nansum(x, dim, keepdim, dtype=dtype) / x.isnan().logical_not().sum(dim, keepdim)
    return emit(finish(quiet(_nanmean, a, axes), target.np, a.shape, axes, keepdim), None, x,
                out)


# ---- extremes ----------------------------------------------------------------------------
def _no_identity(name, a, axes, error=RuntimeError, hint=True):
    """PyTorch's errors for max-like reductions over an empty dim."""
    if axes is None:
        if not a.size:
            tail = " Specify the reduction dim with the 'dim' argument." if hint else ""
            raise error(f"{name}(): Expected reduction dim to be specified for "
                        f"input.numel() == 0.{tail}")
        return
    for ax in axes:
        if not a.shape[ax]:
            raise IndexError(f"{name}(): Expected reduction dim {ax} to have non-zero size.")


def _check_real(name, a, kernel):
    if a.dtype.kind == "c" or a.dtype in LIMITED:
        raise not_implemented(kernel, D.FROM_NP[a.dtype])


def _extreme(name, ufunc, arg, input, dim, keepdim, out, other):
    if other is not None:  # by keyword (the parser lets only one of dim and other through)
        dim = other
    if isinstance(dim, Tensor):  # max(input, other): the elementwise maximum
        if keepdim is not False:
            raise bad_args(name, dim, keepdim)
        return FUNCTIONS["maximum" if name == "max" else "minimum"](input, dim, out=out)
    a = check_input(input, name)._a
    if dim is ALL:
        _no_identity(name, a, None)
        _check_real(name, a, f"{name}_all")
        return emit(finish(quiet(ufunc, a, None), a.dtype), name.capitalize() + "Backward1",
                    input, None, G.evenly_back, (input, RESULT))
    ax = one_axis(dim_int(dim, name), a.ndim)
    if a.ndim:
        _no_identity(name, a, (ax,))
    if a.dtype.kind == "c":
        raise RuntimeError(f"{name}(): does not support complex input")
    _check_real(name, a, f"{name}_cpu")
    values, indices = arg_reduce(name, arg, a, ax, keepdim)
    rtype = return_types.max if name == "max" else return_types.min
    return pair(rtype, values, indices, name.capitalize() + "Backward0", input, out,
                G.select_back(a.shape, ax, keepdim), (SECOND,))


def arg_reduce(name, arg, a, d, keepdim):
    """Values and int64 indices picked along dim `d` by `arg` (np.argmax-like)."""
    ax = one_axis(d, a.ndim)
    if not a.ndim:
        return a.copy(), np.zeros((), I64)
    _no_identity(name, a, (ax,))
    idx = arg(key(a), ax, keepdims=True)
    values = np.take_along_axis(a, idx, ax)
    if not keepdim:
        idx, values = idx.squeeze(ax), values.squeeze(ax)
    return finish(values, a.dtype), finish(idx, I64)


def max(input, dim=ALL, keepdim=False, *, out=None, other=None):  # noqa: A001
    """Largest element (0-d), `(values, indices)` along `dim`, or `maximum(input, other)`.
    NaN wins; ties give the first index."""
    return _extreme("max", _maximum, np.argmax, input, dim, keepdim, out, other)


def min(input, dim=ALL, keepdim=False, *, out=None, other=None):  # noqa: A001
    """Smallest element (0-d), `(values, indices)` along `dim`, or `minimum(input, other)`."""
    return _extreme("min", _minimum, np.argmin, input, dim, keepdim, out, other)


def _amax_like(name, ufunc, input, dim, keepdim, out):
    a = check_input(input, name)._a
    axes = axes_of(dim, a.ndim, name, 2)
    if axes is None:
        _no_identity(name, a, None)
    for d in ((dim,) if type(dim) is int else dim) if a.ndim and axes else ():
        if not a.shape[one_axis(d, a.ndim)]:  # PyTorch names the dim as given
            raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    _check_real(name, a, f"{name[1:]}_values_cpu")
    r = finish(quiet(ufunc, a, axes), a.dtype, a.shape, axes, keepdim)
    return emit(r, name.capitalize() + "Backward0", input, out,
                input._ag and G.amax_back(a.shape, axes, keepdim), (input, RESULT))


def amax(input, dim=(), keepdim=False, *, out=None):
    """Largest values over `dim` (a dim or tuple of dims; all by default)."""
    return _amax_like("amax", _maximum, input, dim, keepdim, out)


def amin(input, dim=(), keepdim=False, *, out=None):
    """Smallest values over `dim` (a dim or tuple of dims; all by default)."""
    return _amax_like("amin", _minimum, input, dim, keepdim, out)


return_type("max", ("values", "indices"))
return_type("min", ("values", "indices"))
_aminmax_type = return_type("aminmax", ("min", "max"))


def aminmax(input, *, dim=None, keepdim=False, out=None):
    """`(min, max)` over all elements or one `dim`."""
    a = check_input(input, "aminmax")._a
    if dim is None:
        if not a.size:
            raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as "
                               "the operation has no identity.")
        axes = None
    else:
        if isinstance(dim, (tuple, list)):
            raise TypeError("aminmax(): argument 'dim' must be int, not " + _type_name(dim))
        axes = axes_of(dim_int(dim, "aminmax"), a.ndim, "aminmax")
        if axes and not a.shape[axes[0]]:
            raise IndexError(f"aminmax: Expected reduction dim {axes[0]} to have non-zero "
                             "size.")
        if not a.ndim and a.dtype.kind == "c":
            raise RuntimeError("aminmax not implemented for ComplexFloat")
    _check_real("aminmax", a, "aminmax_cpu")
    lo, hi = (finish(quiet(f, a, axes), a.dtype, a.shape, axes, keepdim)
              for f in (_minimum, _maximum))
    return pair(_aminmax_type, lo, hi, "AminmaxBackward0", input, out,
                input._ag and G.aminmax_back(a.shape, axes, keepdim), (input, RESULT, SECOND))


def _arg(name, fn, input, dim, keepdim, out):
    a = check_input(input, name)._a
    if a.dtype.kind in "cb":
        kind = "complex" if a.dtype.kind == "c" else "bool"
        raise RuntimeError(f"{name}(): does not support {kind} input")
    if a.dtype in LIMITED:
        raise not_implemented(f"{name}_cpu", D.FROM_NP[a.dtype])
    if dim is None:
        _no_identity(name, a, None, IndexError, hint=False)
        r = finish(fn(key(a)), I64, a.shape, None, keepdim)
    else:
        r = arg_reduce(name, fn, a, dim_int(dim, name, 2), keepdim)[1]
    if out is not None:
        check_out_dtype(name, 0, D.int64, out.dtype)
        return write_into(out, r)
    return wrap(r)


def argmax(input, dim=None, keepdim=False, *, out=None):
    """Index of the largest element (flattened, or along `dim`); NaN wins, first index on
    ties."""
    return _arg("argmax", np.argmax, input, dim, keepdim, out)


def argmin(input, dim=None, keepdim=False, *, out=None):
    """Index of the smallest element (flattened, or along `dim`)."""
    return _arg("argmin", np.argmin, input, dim, keepdim, out)


# ---- logical -----------------------------------------------------------------------------
def _logical(name, ufunc, input, dim, keepdim, out):
    a = check_input(input, name)._a
    dt = a.dtype if a.dtype == np.uint8 else _BOOL
    b = a if a.dtype == _BOOL else a != 0
    if isinstance(dim, (tuple, list)) and not dim:  # dim=() reduces nothing
        return emit(finish(b.copy() if b is a else b, dt), None, input, out)
    axes = axes_of(dim, a.ndim, name)
    return emit(finish(ufunc(b, axes), dt, a.shape, axes, keepdim), None, input, out)


def all(input, dim=None, keepdim=False, *, out=None):  # noqa: A001
    """True where every element over `dim` is non-zero (uint8 inputs give uint8)."""
    return _logical("all", np.logical_and.reduce, input, dim, keepdim, out)


def any(input, dim=None, keepdim=False, *, out=None):  # noqa: A001
    """True where some element over `dim` is non-zero (uint8 inputs give uint8)."""
    return _logical("any", np.logical_or.reduce, input, dim, keepdim, out)


def count_nonzero(input, dim=None):
    """Number of non-zero elements over `dim` (int64)."""
    a = check_input(input, "count_nonzero")._a
    if a.dtype in LIMITED:
        raise not_implemented("nonzero_count_cpu", D.FROM_NP[a.dtype])
    axes = axes_of(dim, a.ndim, "count_nonzero")
    return wrap(finish(np.count_nonzero(a if a.dtype != BF16 else a != 0, axes), I64))


def register(module, names, methods=True):
    """Put `module`'s functions `names` in the registry and, with `methods`, on Tensor, behind
    PyTorch's argument parser."""
    for name in names:
        fn = getattr(module, name)
        FUNCTIONS[name] = parsed(fn, name)
        setattr(module, name, FUNCTIONS[name])
        if methods:
            setattr(Tensor, name, parsed(method(fn), name, True))


register(sys.modules[__name__], ["nansum", "nanmean", "prod", "max", "min", "amax", "amin",
                                 "aminmax", "argmax", "argmin", "all", "any", "count_nonzero"])
sum = FUNCTIONS["sum"] = _whole(parsed(_sum, "sum"), _FAST_SUM, False)  # noqa: A001
mean = FUNCTIONS["mean"] = _whole(parsed(_mean, "mean"), _FAST_MEAN, True)
Tensor.sum = _whole(parsed(method(_sum), "sum", True), _FAST_SUM, False)
Tensor.mean = _whole(parsed(method(_mean), "mean", True), _FAST_MEAN, True)

from . import reduction_scan, reduction_sort, reduction_stats  # noqa: E402
from .reduction_scan import *  # noqa: E402,F401,F403
from .reduction_sort import *  # noqa: E402,F401,F403
from .reduction_stats import *  # noqa: E402,F401,F403

__all__ += reduction_scan.__all__ + reduction_sort.__all__ + reduction_stats.__all__
