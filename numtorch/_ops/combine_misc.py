"""PyTorch's composite ops, written as PyTorch writes them (so values, grad_fn names and
gradients follow): fill_diagonal_, relu_, cosine_similarity, vander, trapezoid, trapz,
cumulative_trapezoid, cov, corrcoef, diagflat, unravel_index, narrow_copy, chain_matmul,
Tensor.sum_to_size.

>>> import numtorch
>>> numtorch.trapezoid(numtorch.tensor([1., 2., 3.])).item()
4.0
"""
import itertools
import operator
import warnings
from collections.abc import Sequence

import numpy as np

from .. import _dtype as D
from .. import _factories as F
from .._argparse import invalid_args
from .._promotion import result_type_of
from .._tensor import Tensor, wrap, wrap_dim
from ..autograd.grad_mode import no_grad
from .combine_grid import _renamed
from .registry import FUNCTIONS, attach, out_allowed, write_into

__all__ = ["relu_", "cosine_similarity", "vander", "trapezoid", "trapz",
           "cumulative_trapezoid", "cov", "corrcoef", "diagflat", "unravel_index",
           "narrow_copy", "chain_matmul"]


def _fill_diagonal_(self, fill_value, wrap=False):
    """Fill the main diagonal of `self` (all dims of one length, or a matrix) with
    `fill_value`; with `wrap`, continue below a tall matrix's first square block."""
    shape = self.shape
    if len(shape) < 2:
        raise RuntimeError("dimensions must larger than 1")
    if len(shape) > 2 and any(n != shape[0] for n in shape):
        raise RuntimeError("all dimensions of input must be of equal length")
    height, width = shape[0], shape[1]
    stride = sum(self.stride())
    size = min(height, width)
    offset = self.storage_offset()
    self.as_strided((size,), (stride,), offset).fill_(fill_value)
    if wrap and len(shape) == 2 and height > width + 1:
        step = width + 1
        extra = (self.numel() + step - 1) // step - size
        self.as_strided((extra,), (stride,), offset + self.stride(0) * step).fill_(fill_value)
    return self


def relu_(input):
    """`input.relu_()`."""
    return input.relu_()


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """The cosine of the angle between `x1` and `x2` (broadcast) along `dim`."""
    common = result_type_of([t.dtype for t in (x1, x2) if t._a.ndim],
                            [t.dtype for t in (x1, x2) if not t._a.ndim])
    if common._cat != 2:
        raise RuntimeError(f"expected common dtype to be floating point, yet common dtype is "
                           f"{D.SCALAR_NAME[common]}")
    x1, x2 = (t.to(common) if t.dtype._cat < 2 else t for t in (x1, x2))
    x1, x2 = FUNCTIONS["broadcast_tensors"](x1, x2)
    norms = []
    for x in (x1, x2):
        n = FUNCTIONS["norm"](x, 2, dim, True)
        with no_grad():  # PyTorch clamps the norm in place, outside autograd
            shift = n.clamp_min(eps) - n
        norms.append(n + shift if shift._a.any() else n)
    return ((x1 / norms[0]) * (x2 / norms[1])).sum(dim)


def vander(x, N=None, increasing=False):
    """The Vandermonde matrix of 1-d `x` with `N` columns (powers decreasing unless
    `increasing`); integers become int64."""
    if x._a.ndim != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    n = x.shape[0] if N is None else N
    if n < 0:
        raise RuntimeError("N must be non-negative.")
    dtype = result_type_of([x.dtype, D.int64])
    result = F.ones(x.shape[0], n, dtype=dtype)
    if n > 1:  # as PyTorch: its backward then fails (cumprod's input is overwritten)
        tail = result[:, 1:]
        tail.copy_(x.unsqueeze(1))
        tail.copy_(tail.cumprod(1))
    return result if increasing else result.flip(1)


# ---- integration ------------------------------------------------------------------------------
def _spacing(y, x, dim, name):
    """The differences of sample points `x` laid out along `dim` of `y`."""
    if x._a.ndim == 1:
        if x.shape[0] != y.shape[dim]:
            raise RuntimeError(f"{name}: There must be one `x` value for each sample point")
        shape = [1] * y._a.ndim
        shape[dim] = x.shape[0]
        x = x.view(*shape)
    elif x._a.ndim < y._a.ndim:
        x = x.view(*([1] * (y._a.ndim - x._a.ndim)), *x.shape)
    m = x.shape[dim] - 1
    return x.narrow(dim, 1, m) - x.narrow(dim, 0, m)


def _trapezoid_call(name, args, kwargs):
    """(y, x, dx, dim) of PyTorch's signatures (y, x, *, dim) and (y, *, dx, dim), with its
    invalid-combination error for other calls."""
    got = dict(zip(("y", "x"), args))
    if len(args) > 2 or got.keys() & kwargs.keys() or set(kwargs) - {"y", "x", "dx", "dim"}:
        raise invalid_args(name, args, kwargs)
    got.update(kwargs)
    if "y" not in got or "x" in got and "dx" in got:
        raise invalid_args(name, args, kwargs)
    return got["y"], got.get("x"), got.get("dx"), got.get("dim", -1)


def _trapezoid_args(name, y, x, dx, dim):
    if not y._a.ndim:
        raise IndexError("slice() cannot be applied to a 0-dim tensor." if name[0] == "c" else
                         f"Dimension specified as {dim} but tensor has no dimensions")
    dim = wrap_dim(dim, y._a.ndim)
    if x is not None and D.bool in (x.dtype, y.dtype) or y.dtype is D.bool:
        which = "`y`" if x is None else "`x` or `y`"
        raise RuntimeError(f"{name}: received a bool input for {which}, but bool is not "
                           "supported")
    if isinstance(dx, (complex, bool)):
        raise RuntimeError(f"{name}: Currently, we only support dx as a real number.")
    return dim


def trapezoid(*args, **kwargs):
    """trapezoid(y, x=None, *, dx=None, dim=-1): the trapezoidal rule along `dim`, over
    sample points `x` or a spacing `dx` (1)."""
    return _trapezoid(*_trapezoid_call("trapezoid", args, kwargs))


def _trapezoid(y, x, dx, dim):
    dim = _trapezoid_args("trapezoid", y, x, dx, dim)
    if y.shape[dim] == 0:
        return F.zeros(tuple(n for i, n in enumerate(y.shape) if i != dim), dtype=y.dtype)
    m = y.shape[dim] - 1
    if x is not None:
        return _renamed(((y.narrow(dim, 0, m) + y.narrow(dim, 1, m)) *
                         _spacing(y, x, dim, "trapezoid")).sum(dim) / 2.0, "DivBackward1")
    dx = 1 if dx is None else dx
    return _renamed((y.sum(dim) - (y.select(dim, 0) + y.select(dim, -1)) * 0.5) * float(dx),
                    "MulBackward1")  # PyTorch's names: products with a Scalar


def trapz(*args, **kwargs):
    """`trapezoid`."""
    return _trapezoid(*_trapezoid_call("trapz", args, kwargs))


def cumulative_trapezoid(*args, **kwargs):
    """cumulative_trapezoid(y, x=None, *, dx=None, dim=-1): the running trapezoidal integral
    along `dim`."""
    y, x, dx, dim = _trapezoid_call("cumulative_trapezoid", args, kwargs)
    dim = _trapezoid_args("cumulative_trapezoid", y, x, dx, dim)
    m = max(y.shape[dim] - 1, 0)
    pair = y.narrow(dim, 0, m) + y.narrow(dim, min(1, y.shape[dim]), m)
    if x is not None:
        return _renamed((pair * _spacing(y, x, dim, "cumulative_trapezoid")).cumsum(dim) / 2.0,
                        "DivBackward1")
    dx = 1 if dx is None else dx
    return (float(dx) / 2.0 * pair).cumsum(dim)


# ---- statistics -------------------------------------------------------------------------------
def _weights(name, w, n, integral):
    kind = "fweights" if integral else "aweights"
    if w._a.ndim > 1:
        raise RuntimeError(f"cov(): expected {kind} to have one or fewer dimensions but got "
                           f"{kind} with {w._a.ndim} dimensions")
    if (w.dtype._cat != 1 or w.dtype is D.bool) if integral else w.dtype._cat != 2:
        raise RuntimeError(f"cov(): expected {kind} to have "
                           f"{'integral' if integral else 'floating point'} dtype but got "
                           f"{kind} with {D.SCALAR_NAME[w.dtype]} dtype")
    if w.numel() != n:
        raise RuntimeError(f"cov(): expected {kind} to have the same numel as there are "
                           f"observations in the input but got {w.numel()} != {n}")
    if n and (w._a < 0).any():
        raise RuntimeError(f"cov(): {kind} cannot be negative")


def cov(input, *, correction=1, fweights=None, aweights=None):
    """The covariance matrix of the variables in the rows of `input` (observations in
    columns), with frequency and observation weights."""
    if input._a.ndim > 2:
        raise RuntimeError(f"cov(): expected input to have two or fewer dimensions but got an "
                           f"input with {input._a.ndim} dimensions")
    if input.dtype is D.bool:
        raise RuntimeError("cov(): bool dtype is not supported for input")
    x = input.view(1, -1) if input._a.ndim < 2 else input
    n = x.shape[1]
    w = None
    if fweights is not None:
        _weights("cov", fweights, n, True)
        w = fweights
    if aweights is not None:
        _weights("cov", aweights, n, False)
        w = aweights if w is None else w * aweights
    w_sum = wrap(np.array(n, np.int64)) if w is None else w.sum()
    if w is not None and not w_sum._a:
        raise RuntimeError("cov(): weights sum to zero, can't be normalized")
    avg = (x if w is None else x * w).sum(1) / w_sum
    if w is not None and correction != 0 and aweights is not None:
        norm = w_sum - correction * (w * aweights).sum() / w_sum
    else:
        norm = w_sum - correction
    if norm._a <= 0:
        warnings.warn("cov(): degrees of freedom is <= 0. Correction should be strictly less "
                      "than the number of observations.", UserWarning, stacklevel=2)
        norm = norm * 0
    x = x - avg.unsqueeze(1)
    c = FUNCTIONS["mm"](x, (x if w is None else x * w).t().conj())
    return FUNCTIONS["true_divide"](c, norm).squeeze()


def corrcoef(input):
    """The Pearson correlation coefficients of the variables in the rows of `input`."""
    if input._a.ndim > 2:
        raise RuntimeError(f"corrcoef(): expected input to have two or fewer dimensions but "
                           f"got an input with {input._a.ndim} dimensions")
    c = cov(input)
    if not c._a.ndim:
        return c / c
    d = c.diagonal()
    std = (d.real if d.is_complex() else d).sqrt()
    c = c / std.view(-1, 1)
    c = c / std.view(1, -1)
    if c.is_complex():
        return c.real.clip(-1, 1) + c.imag.clip(-1, 1) * 1j
    return c.clip(-1, 1)


# ---- shapes and products ----------------------------------------------------------------------
def diagflat(input, offset=0):
    """A matrix with the flattened `input` on its diagonal `offset`."""
    return FUNCTIONS["diag_embed"](input.reshape(-1), offset)


def unravel_index(indices, shape):
    """The coordinates in a tensor of `shape` of the flat `indices` (one tensor per dim)."""
    if indices.is_complex() or indices.is_floating_point() or indices.dtype is D.bool:
        raise TypeError(f"expected 'indices' to be integer dtype, but got {indices.dtype}")
    if isinstance(shape, int):
        shape = (shape,)
    elif not isinstance(shape, Sequence):
        raise TypeError(f"expected 'shape' to be int or sequence of ints, but got "
                        f"{type(shape)}")
    for n in shape:
        if not isinstance(n, int):
            raise TypeError(f"expected 'shape' sequence to only contain ints, but got "
                            f"{type(n)}")
    shape = tuple(shape)
    if any(n < 0 for n in shape):
        raise ValueError(f"'shape' cannot have negative values, but got {shape}")
    coefs = list(itertools.accumulate(reversed(shape[1:] + (1,)), operator.mul))[::-1]
    r = indices.unsqueeze(-1).floor_divide(wrap(np.array(coefs, np.int64))) % \
        wrap(np.array(shape, np.int64))
    return r.unbind(-1)


def narrow_copy(input, dim, start, length):
    """A contiguous copy of `input.narrow(dim, start, length)`."""
    if dim >= input._a.ndim:
        raise RuntimeError("Expected dim < static_cast<int64_t>(self_sizes.size()) to be true, "
                           "but got false.  (Could this error message be improved?  If so, "
                           "please report an enhancement request to PyTorch.)")
    return _renamed(input.narrow(dim, start, length).contiguous().clone(),
                    "NarrowCopyBackward0")


_CHAIN_WARNING = ("torch.chain_matmul is deprecated and will be removed in a future PyTorch "
                  "release. Use torch.linalg.multi_dot instead, which accepts a list of two or "
                  "more tensors rather than multiple parameters.")
_CHAIN_WARNED = set()


def chain_matmul(*matrices, out=None):
    """The product of the matrices (deprecated: `linalg.multi_dot`)."""
    if (out is None) not in _CHAIN_WARNED:  # once for each of PyTorch's two kernels
        _CHAIN_WARNED.add(out is None)
        warnings.warn(_CHAIN_WARNING, UserWarning, stacklevel=2)
    for t in matrices:
        if t._a.ndim != 2:
            raise RuntimeError(f"Tensor dimension is {t._a.ndim}, expected 2 instead.")
    if not matrices:
        raise RuntimeError("chain_matmul(): Expected one or more matrices")
    for i, (a, b) in enumerate(zip(matrices, matrices[1:])):
        if a.shape[1] != b.shape[0]:
            raise RuntimeError(f"multi_dot(): tensors {i} and {i + 1} with shapes "
                               f"{list(a.shape)} and {list(b.shape)} cannot be multiplied")
    if len(matrices) == 1:
        r = matrices[0].clone()
    elif len(matrices) == 3 and _right_first(*matrices):
        r = _renamed(matrices[0] @ (matrices[1] @ matrices[2]), "ViewBackward0")
    else:
        r = matrices[0]
        for m in matrices[1:]:
            r = r @ m
        r = _renamed(r, "ViewBackward0")
    if out is None:
        return r
    out_allowed("chain_matmul", matrices + (out,))
    return write_into(out, r._a)


def _right_first(a, b, c):
    """Whether `a @ (b @ c)` costs fewer products than `(a @ b) @ c` (multi_dot's order)."""
    (p, q), r, s = a.shape, b.shape[1], c.shape[1]
    return q * r * s + p * q * s < p * q * r + p * r * s


def _sum_to_size(self, *size):
    """`self` summed over the dims it was broadcast along from `size`."""
    if len(size) == 1 and isinstance(size[0], (list, tuple)):
        size = tuple(size[0])
    shape = tuple(self.shape)
    lead = len(shape) - len(size)
    if lead < 0 or any(n != 1 and n != m for n, m in zip(size, shape[lead:])):
        raise RuntimeError(f"size {{{list(size)}}} is not expandable to size "
                           f"{{{list(shape)}}}.")
    dims = list(range(lead)) + [lead + i for i, n in enumerate(size)
                                if n == 1 and shape[lead + i] != 1]
    r = self.sum(dims, keepdim=True) if dims else self
    return r.view(*size) if lead else r


for _f in __all__:
    attach(_f, globals()[_f], method=_f in ("cov", "corrcoef", "diagflat", "narrow_copy"),
           doc=globals()[_f].__doc__)
_fill_diagonal_.__name__ = "fill_diagonal_"
Tensor.fill_diagonal_ = _fill_diagonal_
_sum_to_size.__name__ = "sum_to_size"
Tensor.sum_to_size = _sum_to_size
