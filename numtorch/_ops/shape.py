"""Shape and view ops with PyTorch's view semantics: a result is a view (shared storage and
version counter, `_base` set) exactly when PyTorch's is, with PyTorch's strides.

The common paths are one NumPy call (`reshape`, `swapaxes`, `transpose`) plus `view_of`;
layouts NumPy would give differently (size-1 dims, expanded dims) are built with explicit
strides. More views (parts, `as_strided`, `real`/`imag`, the in-place view ops) are in
`shape_split.py`, the copying ops in `shape_copy.py`.

>>> import numtorch
>>> x = numtorch.zeros(2, 3); y = x.t()
>>> y.stride(), y._base is x, x.view(3, 2).stride()
((1, 3), True, (2, 1))
"""
import math
import operator

import numpy as np

from .. import _dtype as D
from .._argparse import invalid_args, missing_args
from .._convert import contiguous_strides, warn_once
from .._tensor import Size, Tensor, _dim_error, legacy_type_name, storage, view_of, wrap
from . import grad_shape as G
from .registry import FUNCTIONS, record

__all__ = ["reshape", "flatten", "unflatten", "ravel", "squeeze", "unsqueeze", "permute",
           "transpose", "swapaxes", "swapdims", "t", "adjoint", "movedim", "moveaxis",
           "broadcast_to", "broadcast_tensors", "broadcast_shapes"]

_new = object.__new__
_ndarray = np.ndarray
_as_strided = np.lib.stride_tricks.as_strided


def wrap_dim(d, ndim):
    """`d` as a dim of an `ndim`-dim tensor (a 0-d tensor takes 0 and -1), or PyTorch's
    IndexError."""
    n = ndim or 1
    if type(d) is not int:
        d = operator.index(d)
    if -n <= d < n:
        return d % n
    raise _dim_error(d, n)


def strided(a, shape, strides):
    """A view of `a`'s memory (from its first element) with `shape` and byte `strides`."""
    if a.flags.c_contiguous and a.size:
        return _ndarray(shape, a.dtype, a, 0, strides)
    return _as_strided(a, shape, strides)


def view(t, a, grad, fn=None):
    """`a` (a NumPy view of `t`'s array) as a view of `t`, with graph node `grad` (backward
    `fn`)."""
    v = _new(Tensor)  # view_of(t, a), inlined: this is every view op's hot path
    v._a = a
    v._st = t._st or storage(t)
    base = t._view_of
    v._view_of = t if base is None else base
    v._ag = None
    if t._ag is not None:
        record(v, grad, (t,), fn)
    return v


def sizes_of(args, name="view", arg="size", pos=1):
    """The sizes passed as `f(2, 3)`, `f((2, 3))` or `f([2, 3])`, as a tuple of ints."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = args[0]
    for n in args:
        if type(n) is not int:
            break
    else:
        return tuple(args)
    out = []
    for i, n in enumerate(args):
        if type(n) is not int:
            if isinstance(n, (float, bool)) or not hasattr(n, "__index__"):
                raise TypeError(f"{name}(): argument '{arg}' (position {pos}) must be tuple of "
                                f"ints, but found element of type {type(n).__name__} at pos "
                                f"{i}")
            n = operator.index(n)
        out.append(n)
    return tuple(out)


# ---- view / reshape -----------------------------------------------------------------------
def infer_size(shape, numel):
    """`shape` with its -1 entry resolved for `numel` elements (PyTorch's `infer_size`)."""
    infer, known = None, 1
    for i, n in enumerate(shape):
        if n == -1:
            if infer is not None:
                raise RuntimeError("only one dimension can be inferred")
            infer = i
        elif n >= 0:
            known *= n
        else:
            raise RuntimeError(f"invalid shape dimension {n} at index {i} of shape {list(shape)}")
    if numel == known or infer is not None and known > 0 and numel % known == 0:
        if infer is None:
            return shape
        if known == 0:
            raise RuntimeError(f"cannot reshape tensor of 0 elements into shape {list(shape)} "
                               "because the unspecified dimension size -1 can be any value "
                               "and is ambiguous")
        return shape[:infer] + (numel // known,) + shape[infer + 1:]
    raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")


def compute_strides(old, old_strides, new, itemsize):
    """Byte strides of `old`-shaped memory viewed as `new`, or None when no view exists
    (PyTorch's `computeStride`: dims merge only within contiguous chunks)."""
    if not old:
        return (itemsize,) * len(new)
    if 0 in old:
        if old == new:
            return old_strides
        out, acc = [], itemsize
        for n in reversed(new):
            out.append(acc)
            acc *= max(n, 1)
        return tuple(reversed(out))
    out = [0] * len(new)
    view_d = len(new) - 1
    base = old_strides[-1]
    tensor_numel = view_numel = 1
    for d in range(len(old) - 1, -1, -1):
        tensor_numel *= old[d]
        if d == 0 or old[d - 1] != 1 and old_strides[d - 1] != tensor_numel * base:
            while view_d >= 0 and (view_numel < tensor_numel or new[view_d] == 1):
                out[view_d] = view_numel * base
                view_numel *= new[view_d]
                view_d -= 1
            if view_numel != tensor_numel:
                return None
            if d > 0:
                base = old_strides[d - 1]
                tensor_numel = view_numel = 1
    return None if view_d != -1 else tuple(out)


def canonical(a):
    """Whether array `a` is C-contiguous with PyTorch's strides (NumPy may give a size-1 dim
    another stride: it ignores them)."""
    return a.flags.c_contiguous and (1 not in a.shape or a.strides == tuple(
        s * a.itemsize for s in contiguous_strides(a.shape)))


_VIEW_ERROR = ("view size is not compatible with input tensor's size and stride (at least one "
               "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")


def _shaping(copy):
    """`Tensor.view` (copy False) or `Tensor.reshape` (copy True: a copy when no view
    exists). The hot path: NumPy's reshape of a C-contiguous array is PyTorch's view unless a
    dim has size 1 (NumPy may give it another stride) or a size is below -1 (NumPy reads any
    negative size as -1)."""
    def method(self, *shape, dtype=None):
        size = shape[0] if len(shape) == 1 and type(shape[0]) is not int else shape
        a = self._a
        if shape and a.flags.c_contiguous:
            try:
                r = a.reshape(size)
            except (ValueError, TypeError):
                pass
            else:
                rs = r.shape
                if r.size and 1 not in rs and (rs == size or -1 in size and min(size) == -1):
                    v = _new(Tensor)  # view(self, r, ...), inlined
                    v._a = r
                    v._st = self._st or storage(self)
                    base = self._view_of
                    v._view_of = self if base is None else base
                    v._ag = None
                    if self._ag is not None:
                        record(v, "ViewBackward0", (self,), G.reshaped(a.shape))
                    return v
        if copy:
            return _reshaped(self, size, True, "reshape")
        if isinstance(size, D.dtype) or not shape and dtype is not None:
            return _view_dtype(self, dtype or size)
        try:
            if not shape:
                raise TypeError
            return _reshaped(self, size, False, "view")
        except TypeError:
            got = ", ".join(type(n).__name__ for n in shape)
            raise TypeError(f"view() received an invalid combination of arguments - got "
                            f"({got}), but expected one of:") from None
    method.__name__ = "reshape" if copy else "view"
    return method


def _reshaped(t, shape, copy, name):
    """`t` viewed (or, when `copy` and no view exists, copied) as `shape`, the general
    way."""
    a = t._a
    shape = infer_size(sizes_of((shape,), name, "size" if name == "view" else "shape"), a.size)
    strides = compute_strides(a.shape, a.strides, shape, a.itemsize)
    if strides is not None:
        grad = "ViewBackward0" if not copy or a.flags.c_contiguous else "ReshapeAliasBackward0"
        return view(t, strided(a, shape, strides), grad, t._ag and G.reshaped(a.shape))
    if not copy:
        raise RuntimeError(_VIEW_ERROR)
    return record(wrap(a.reshape(shape)), "UnsafeViewBackward0", (t,), G.reshaped(a.shape))


_view, _reshape = _shaping(False), _shaping(True)


def _view_dtype(t, dtype):
    a = t._a
    old, new = a.itemsize, dtype.itemsize
    if old != new:
        how = (f"to view {D.SCALAR_NAME[t.dtype]} as {D.SCALAR_NAME[dtype]} (different "
               "element sizes)")
        if not a.ndim:
            raise RuntimeError(f"self.dim() cannot be 0 {how}")
        if a.strides[-1] != old:
            raise RuntimeError(f"self.stride(-1) must be 1 {how}, but got "
                               f"{a.strides[-1] // old}")
        if new > old:
            ratio = new // old
            if a.shape[-1] % ratio:
                raise RuntimeError(f"self.size(-1) must be divisible by {ratio} {how}, but got "
                                   f"{a.shape[-1]}")
            if t.storage_offset() % ratio:
                raise RuntimeError(f"self.storage_offset() must be divisible by {ratio} {how}, "
                                   f"but got {t.storage_offset()}")
            for i, s in enumerate(a.strides[:-1]):
                if s % new:
                    raise RuntimeError(f"self.stride({i}) must be divisible by {ratio} {how}, "
                                       f"but got {s // old}")
    return view_of(t, a.view(dtype.np), base=False)  # shares storage; not a view in PyTorch


def reshape(input, shape):
    """A view of `input` with `shape` when one exists, else a contiguous copy."""
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"reshape(): argument 'shape' (position 2) must be tuple of ints, not "
                        f"{type(shape).__name__}")
    return _reshape(input, sizes_of((shape,), "reshape", "shape", 2))


def _view_as(self, other):
    return _view(self, other._a.shape)


def _reshape_as(self, other):
    return _reshape(self, other._a.shape)


def flatten(input, start_dim=0, end_dim=-1):
    """Dims `start_dim..end_dim` merged into one (`input` itself when that is one dim)."""
    a = input._a
    if start_dim == 0 and end_dim == -1 and a.ndim > 1 and a.size > 1 and a.flags.c_contiguous:
        return view(input, a.reshape(-1), "ViewBackward0", input._ag and G.reshaped(a.shape))
    s, e = wrap_dim(start_dim, a.ndim), wrap_dim(end_dim, a.ndim)
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if not a.ndim:
        return _reshape(input, (1,))
    if s == e:
        return input
    return _reshape(input, a.shape[:s] + (math.prod(a.shape[s:e + 1]),) + a.shape[e + 1:])


def ravel(input):
    """The elements as a 1-d tensor (a view when `input` is contiguous)."""
    return _view(input.contiguous(), (-1,))


def unflatten(input, dim, sizes):
    """Dim `dim` split into `sizes` (one may be -1)."""
    a = input._a
    d = wrap_dim(dim, a.ndim)
    sizes = sizes_of((sizes,), "unflatten", "sizes")
    if not sizes:
        raise RuntimeError("unflatten: sizes must be non-empty")
    n = a.shape[d] if a.ndim else 1
    try:
        inferred = infer_size(sizes, n)
    except RuntimeError as exc:
        if "invalid for input" not in str(exc):
            raise RuntimeError(f"unflatten got an unexpected error:\n{exc}") from None
        raise RuntimeError(f"unflatten: Provided sizes {list(sizes)} don't multiply up to the "
                           f"size of dim {dim} ({n}) in the input tensor") from None
    return _view(input, a.shape[:d] + inferred + a.shape[d + 1:])


# ---- squeeze / unsqueeze ------------------------------------------------------------------
def squeeze(input, dim=None):
    """Size-1 dims removed (all, or those of `dim`, an int or a tuple)."""
    a = input._a
    if dim is None:
        return view(input, a.squeeze(), "SqueezeBackward0",
                    input._ag and G.reshaped(a.shape))
    if isinstance(dim, (tuple, list)):
        dims = [wrap_dim(d, a.ndim) for d in dim]
        for i, d in enumerate(dims):
            if d in dims[:i]:
                raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        drop = tuple(d for d in dims if a.ndim and a.shape[d] == 1)
        return view(input, a.squeeze(drop), "SqueezeBackward2",
                    input._ag and G.reshaped(a.shape))
    d = wrap_dim(dim, a.ndim)
    return view(input, a.squeeze(d) if a.ndim and a.shape[d] == 1 else a.view(),
                "SqueezeBackward1", input._ag and G.reshaped(a.shape))


def unsqueeze(input, dim):
    """A size-1 dim inserted at `dim`, with stride size * stride of the dim after it."""
    a = input._a
    d = wrap_dim(dim, a.ndim + 1)
    shape = a.shape[:d] + (1,) + a.shape[d:]
    if a.size and canonical(a):  # then NumPy's strides are PyTorch's
        r = a.reshape(shape)
    else:
        r = strided(a, shape, a.strides[:d] + ((a.shape[d] * a.strides[d],) if d < a.ndim
                                               else (a.itemsize,)) + a.strides[d:])
    return view(input, r, "UnsqueezeBackward0", input._ag and G.reshaped(a.shape))


# ---- permutations -------------------------------------------------------------------------
NO_DIMS = object()  # a method's `dim`/`dims` keyword not given


def permute(input, dims):
    """The dims reordered as `dims`."""
    a = input._a
    try:
        r = a.transpose(dims)
    except (ValueError, TypeError, IndexError):
        dims = sizes_of((dims,), "permute", "dims")
        if len(dims) != a.ndim:
            raise RuntimeError("permute(sparse_coo): number of dimensions in the tensor input "
                               "does not match the length of the desired ordering of "
                               f"dimensions i.e. input.dim() = {a.ndim} is not equal to "
                               f"len(dims) = {len(dims)}") from None
        wrapped = [wrap_dim(d, a.ndim) for d in dims]
        if len(set(wrapped)) != len(wrapped):
            raise RuntimeError("permute(): duplicate dims are not allowed.") from None
        r = a.transpose(wrapped)
    return view(input, r, "PermuteBackward0", input._ag and G.permuted(dims))


def _permute(self, *args, dims=NO_DIMS):
    return permute(self, method_dims("permute", args, dims))


def method_dims(name, args, dims=NO_DIMS):
    """The dims of method `name(*args)` or `name(dims=dims)`, PyTorch's error without."""
    if dims is not NO_DIMS:
        if args:
            raise invalid_args(name, args, {"dims": dims})
        return dims
    if not args:
        raise missing_args(name, ["dims"])
    return args[0] if len(args) == 1 and not isinstance(args[0], int) else args


def transpose(input, dim0, dim1):
    """Dims `dim0` and `dim1` swapped."""
    a = input._a
    try:
        r = a.swapaxes(dim0, dim1)
    except (ValueError, TypeError, IndexError):
        wrap_dim(dim0, a.ndim)
        wrap_dim(dim1, a.ndim)
        r = a.view()
    return view(input, r, "TransposeBackward0", input._ag and G.transposed(dim0, dim1))


def swapaxes(input, axis0, axis1):
    """`transpose` under NumPy's name."""
    return transpose(input, axis0, axis1)


def swapdims(input, dim0, dim1):
    """`transpose` under another name."""
    return transpose(input, dim0, dim1)


def t(input, _name="t"):
    """The transpose of a matrix; 0-d and 1-d tensors as they are (as views)."""
    a = input._a
    if a.ndim > 2:
        raise RuntimeError(f"{_name}() expects a tensor with <= 2 dimensions, but self is "
                           f"{a.ndim}D")
    return view(input, a.T if a.ndim == 2 else a.view(), "TBackward0", G.t_backward)


def _T(self):
    a = self._a
    if a.ndim != 2:
        warn_once("Tensor.T is deprecated on 0-D tensors. This function is the identity in "
                  "these cases." if not a.ndim else
                  "The use of `x.T` on tensors of dimension other than 2 to reverse their "
                  "shape is deprecated and it will throw an error in a future release. "
                  "Consider `x.mT` to transpose batches of matrices or `x.permute(*torch."
                  "arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.")
    return view(self, a.T, "PermuteBackward0",
                self._ag and G.permuted(range(a.ndim - 1, -1, -1)))


def _mT(self):
    if self._a.ndim < 2:
        raise RuntimeError("tensor.mT is only supported on matrices or batches of matrices. "
                           f"Got {self._a.ndim}-D tensor.")
    return transpose(self, -2, -1)


def _adjoint(t, what):
    if t._a.ndim < 2:
        raise RuntimeError(f"{what} is only supported on matrices or batches of matrices. "
                           f"Got {t._a.ndim}-D tensor.")
    return transpose(t, -2, -1).conj()


def adjoint(input):
    """The conjugate transpose of (a batch of) matrices."""
    return _adjoint(input, "tensor.adjoint()")


def _mH(self):
    return _adjoint(self, "tensor.mH")


def _H(self):
    n = self._a.ndim
    if n == 0:
        warn_once("Tensor.H is deprecated on 0-D tensors. Consider using x.conj().")
        return self.conj()
    if n != 2:
        extra = ". For batches of matrices, consider using tensor.mH" if n > 2 else ""
        raise RuntimeError(f"tensor.H is only supported on matrices (2-D tensors). Got {n}-D "
                           f"tensor.{extra[1:] and ' ' + extra[2:]}")
    return _adjoint(self, "tensor.mH")


def _dim_list(dims, ndim):
    return [wrap_dim(d, ndim) for d in ((dims,) if isinstance(dims, int) else dims)]


def movedim(input, source, destination):
    """Dims `source` moved to positions `destination`, the others kept in order."""
    a = input._a
    n = a.ndim
    src, dst = _dim_list(source, n), _dim_list(destination, n)
    if len(src) != len(dst):
        raise RuntimeError(f"movedim: Invalid source or destination dims: source "
                           f"({list(source)} dims) should contain the same number of dims as "
                           f"destination ({list(destination)} dims)")
    for what, ds, given in (("source", src, source), ("destination", dst, destination)):
        if len(set(ds)) != len(ds):
            raise RuntimeError(f"movedim: repeated dim in `{what}` ({list(given)})")
    if not n:
        return view(input, a.view(), "AliasBackward0", G.identity)
    order = [-1] * n
    for s, d in zip(src, dst):
        order[d] = s
    rest = iter(d for d in range(n) if d not in src)
    order = [next(rest) if o < 0 else o for o in order]
    return view(input, a.transpose(order), "PermuteBackward0",
                input._ag and G.permuted(order))


def moveaxis(input, source, destination):
    """`movedim` under NumPy's name."""
    return movedim(input, source, destination)


# ---- expand / broadcast -------------------------------------------------------------------
def expand_geometry(t, sizes):
    """(shape, byte strides) of `t` expanded to `sizes` (PyTorch's `inferExpandGeometry`:
    expanded and new dims get stride 0, a new size-1 dim that of the dim after it)."""
    a = t._a
    n, k = len(sizes), a.ndim
    if n < k:
        raise RuntimeError(f"expand({legacy_type_name(t.dtype, t.device)}{{{list(a.shape)}}}, "
                           f"size={list(sizes)}): the number of sizes provided ({n}) must be "
                           f"greater or equal to the number of dimensions in the tensor ({k})")
    if n and min(sizes) < (-1 if k else 0):
        raise RuntimeError("numel: integer multiplication overflow")
    shape, strides = list(sizes), [0] * n
    lead = n - k
    for j in range(k - 1, -1, -1):
        i, size = j + lead, a.shape[j]
        target = shape[i]
        if target == -1 or target == size:
            shape[i], strides[i] = size, a.strides[j]
        elif size != 1:
            raise RuntimeError(f"The expanded size of the tensor ({target}) must match the "
                               f"existing size ({size}) at non-singleton dimension {i}.  "
                               f"Target sizes: {list(sizes)}.  Tensor sizes: {list(a.shape)}")
    for i in range(lead - 1, -1, -1):
        if shape[i] == -1:
            raise RuntimeError(f"The expanded size of the tensor (-1) isn't allowed in a "
                               f"leading, non-existing dimension {i}")
        if shape[i] == 1 and i + 1 < n:
            strides[i] = shape[i + 1] * strides[i + 1]
    return tuple(shape), tuple(strides)


def _expand(self, *sizes):
    if not sizes:
        raise TypeError('expand() missing 1 required positional arguments: "size"')
    shape, strides = expand_geometry(self, sizes_of(sizes, "expand"))
    return view(self, strided(self._a, shape, strides), "ExpandBackward0", G.identity)


def _expand_as(self, other):
    return _expand(self, other._a.shape)


def broadcast_to(input, size):
    """`input` expanded to `size`."""
    return _expand(input, size)


def broadcast_shapes(*shapes):
    """The shape tensors of `shapes` broadcast to."""
    shapes = [(s,) if isinstance(s, int) else tuple(s) for s in shapes]
    out = [1] * max((len(s) for s in shapes), default=0)
    for k, shape in enumerate(shapes):
        for i in range(-1, -1 - len(shape), -1):
            n = shape[i]
            if n == out[i] or n == 1:
                continue
            if out[i] != 1:
                raise RuntimeError(f"Attempting to broadcast a dimension of length {n} at {i}! "
                                   f"Mismatching argument at index {k} had {shape}; but "
                                   f"expected shape should be broadcastable to {out}")
            if n < 0:
                raise ValueError("Attempting to broadcast a dimension with negative length!")
            out[i] = n
    return Size(out)


def broadcast_tensors(*tensors):
    """The tensors expanded to their common shape (each unchanged one as itself)."""
    for i, x in enumerate(tensors):
        if not isinstance(x, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got "
                            f"{type(x).__name__}")
    shapes = [x._a.shape for x in tensors]
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError:
        from .registry import broadcast_error
        first = shapes[0]
        for other in shapes[1:]:
            try:
                np.broadcast_shapes(first, other)
            except ValueError:
                raise broadcast_error([first, other]) from None
            first = np.broadcast_shapes(first, other)
        raise
    return tuple(x if x._a.shape == shape else _expand(x, shape) for x in tensors)


for _f in (reshape, flatten, unflatten, ravel, squeeze, unsqueeze, transpose, swapaxes,
           swapdims, t, adjoint, movedim, moveaxis, broadcast_to, broadcast_tensors,
           broadcast_shapes, permute):
    FUNCTIONS[_f.__name__] = _f
    if _f.__name__ not in ("broadcast_to", "broadcast_tensors", "broadcast_shapes", "permute",
                           "reshape"):
        setattr(Tensor, _f.__name__, _f)
Tensor.view, Tensor.reshape, Tensor.permute = _view, _reshape, _permute
Tensor.view_as, Tensor.reshape_as = _view_as, _reshape_as
Tensor.expand, Tensor.expand_as, Tensor.broadcast_to = _expand, _expand_as, _expand
Tensor.T, Tensor.mT, Tensor.mH, Tensor.H = (property(f) for f in (_T, _mT, _mH, _H))


def _squeeze(self, *dims, dim=NO_DIMS):
    if dim is not NO_DIMS:
        if dims or dim is None:
            raise invalid_args("squeeze", dims, {"dim": dim})
        dims = (dim,)
    return squeeze(self, dims if len(dims) > 1 else dims[0] if dims else None)


Tensor.squeeze = _squeeze



from . import shape_copy, shape_split  # noqa: E402
from .shape_copy import *  # noqa: E402,F401,F403
from .shape_split import *  # noqa: E402,F401,F403

__all__ += shape_split.__all__ + shape_copy.__all__
