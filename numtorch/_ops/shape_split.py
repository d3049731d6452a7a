"""More views: parts of a tensor (narrow, select, unbind, split, chunk, tensor_split,
hsplit/vsplit/dsplit, diagonal, unfold), `as_strided`, the real and imaginary parts of complex
tensors, and the in-place view ops (`t_`, `squeeze_`, ...).

>>> import numtorch
>>> x = numtorch.arange(6).view(2, 3)
>>> [p.shape for p in x.split(2, dim=1)], x.diagonal().tolist()
([torch.Size([2, 2]), torch.Size([2, 1])], [0, 4])
"""
import operator

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, storage, view_of, wrap
from ..autograd import graph
from ..autograd.grad_mode import STATE
from ..autograd.views import mark_view
from . import grad_shape as G
from .registry import FUNCTIONS, record
from .shape import (_squeeze, sizes_of, strided, swapaxes, swapdims, t, transpose, unsqueeze,
                    view, wrap_dim)

__all__ = ["narrow", "select", "unbind", "split", "tensor_split", "chunk", "hsplit", "vsplit",
           "dsplit", "diagonal", "as_strided", "real", "imag", "view_as_real", "view_as_complex",
           "conj", "resolve_conj", "resolve_neg", "is_conj", "is_neg"]


def _along(d, part):
    """A NumPy index taking `part` (an int or slice) of dim `d`."""
    return (slice(None),) * d + (part, Ellipsis)


def _parts(t, arrays, grad, backward):
    """Views of `t` that one graph node `grad` produces together (`backward(shapes)` makes
    its backward)."""
    outs = tuple(view_of(t, r) for r in arrays)
    ag = t._ag
    if t.dtype._cat >= 2 and ag is not None and ag.requires_grad:
        if not STATE.enabled:  # views taken in no_grad mode still require grad
            return tuple(graph.no_grad_view(o) for o in outs)
        node = graph.record(grad, (t,), backward([r.shape for r in arrays]), nout=len(outs))
        for i, o in enumerate(outs):
            mark_view(graph.set_history(o, node, i))
    return outs


def _picked(t, r, grad, forward, overlap=False):
    """`r`, the view `forward(t)` of `t` that picks some of its elements (node `grad`)."""
    a = t._a
    return view(t, r, grad, t._ag and G.part(forward, a.shape, a.dtype, grad, overlap))


def narrow(input, dim, start, length):
    """Elements `start..start+length` of dim `dim`."""
    a = input._a
    if not a.ndim:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    d = wrap_dim(dim, a.ndim)
    n = a.shape[d]
    start, length = operator.index(start), operator.index(length)
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if not -n <= start <= n:
        raise IndexError(f"start out of range (expected to be in range of [{-n}, {n}], but got "
                         f"{start})")
    if start < 0:
        start += n
    if start > n - length:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size "
                           f"({n}).")
    return _picked(input, a[_along(d, slice(start, start + length))], "SliceBackward0",
                   lambda x: narrow(x, d, start, length))


def select(input, dim, index):
    """The slice at `index` of dim `dim` (that dim removed)."""
    a = input._a
    if not a.ndim:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    d = wrap_dim(dim, a.ndim)
    index = operator.index(index)
    n = a.shape[d]
    if not -n <= index < n:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{list(a.shape)} at dimension {d}")
    return _picked(input, a[_along(d, index)], "SelectBackward0",
                   lambda x: select(x, d, index))


def unbind(input, dim=0):
    """The slices along dim `dim`, as a tuple of views."""
    a = input._a
    d = wrap_dim(dim, a.ndim)
    if not a.ndim:
        raise IndexError("Dimension specified as 0 but tensor has no dimensions")
    return _parts(input, [a[_along(d, i)] for i in range(a.shape[d])], "UnbindBackward0",
                  lambda shapes: G.stacked(shapes, d))


def _pieces(t, d, bounds, grad):
    a = t._a
    return _parts(t, [a[_along(d, slice(s, e))] for s, e in bounds], grad,
                  lambda shapes: G.joined(shapes, d))


def split(tensor, split_size_or_sections, dim=0):
    """Pieces of `split_size` along `dim` (the last one smaller), or of the given sizes."""
    a = tensor._a
    if not a.ndim:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    d = wrap_dim(dim, a.ndim)
    n = a.shape[d]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = [operator.index(s) for s in split_size_or_sections]
        if any(s < 0 for s in sizes):
            raise RuntimeError("split_with_sizes expects split_sizes have only non-negative "
                               f"entries, but got split_sizes={sizes}")
        if sum(sizes) != n:
            raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {n} "
                               f"(input tensor's size at dimension {d}), but got "
                               f"split_sizes={sizes}")
        ends = np.cumsum(sizes).tolist()
        return _pieces(tensor, d, zip([0] + ends, ends), "SplitWithSizesBackward0")
    size = operator.index(split_size_or_sections)
    if size < 0:
        raise RuntimeError(f"split expects split_size be non-negative, but got "
                           f"split_size={size}")
    if size == 0 and n:
        raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got "
                           f"dimension size of {n}")
    count = max(-(-n // size), 1) if size else 1
    return _pieces(tensor, d, [(i * size, min(i * size + size, n)) for i in range(count)],
                   "SplitBackward0")


def chunk(input, chunks, dim=0):
    """At most `chunks` pieces of equal size (the last may be smaller) along `dim`."""
    a = input._a
    if not a.ndim:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    d = wrap_dim(dim, a.ndim)
    n = a.shape[d]
    size = -(-n // chunks)
    if size == 0 and n == 0:
        return split(input, [0] * chunks, d)
    return split(input, size, d)


def _slice_bounds(start, end, n):
    """PyTorch's clamping of slice bounds `start:end` on a dim of size `n`."""
    start += n if start < 0 else 0
    end += n if end < 0 else 0
    start = min(max(start, 0), n)
    return start, min(max(end, start), n)


def tensor_split(input, indices_or_sections, dim=0):
    """Pieces of near-equal size (an int: how many) or cut at the given indices."""
    a = input._a
    if not a.ndim:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a "
                           "tensor with 0 dims")
    d = wrap_dim(dim, a.ndim)
    n = a.shape[d]
    how = indices_or_sections
    if isinstance(how, Tensor):
        if how.dtype is not D.int64:
            raise RuntimeError("tensor_split expected tensor_indices_or_sections to have "
                               f"dtype of long, but got {D.SCALAR_NAME[how.dtype]}")
        if how.ndim > 1:
            raise RuntimeError("tensor_split expected tensor_indices_or_sections to be a "
                               "zero-dimensional or one-dimensional tensor, but got a tensor "
                               f"with {how.ndim} dims")
        how = how.item() if not how.ndim else how.tolist()
    if isinstance(how, (list, tuple)):
        cuts = [0] + [operator.index(i) for i in how] + [n]
        bounds = [_slice_bounds(cuts[i], cuts[i + 1], n) for i in range(len(cuts) - 1)]
    else:
        sections = operator.index(how)
        if sections <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {sections}")
        small, extra = divmod(n, sections)
        bounds, start = [], 0
        for i in range(sections):
            end = start + small + (i < extra)
            bounds.append((start, end))
            start = end
    return tuple(narrow(input, d, s, e - s) for s, e in bounds)


def _split_dim(name, input, indices_or_sections, min_dims, d):
    a = input._a
    if a.ndim < min_dims:
        raise RuntimeError(f"torch.{name} requires a tensor with at least {min_dims} "
                           f"dimension, but got a tensor with {a.ndim} dimensions!")
    if isinstance(indices_or_sections, int):
        n = a.shape[d]
        if indices_or_sections == 0 or n % indices_or_sections:
            raise RuntimeError(f"torch.{name} attempted to split along dimension {d}, but the "
                               f"size of the dimension {n} is not divisible by the split_size "
                               f"{indices_or_sections}!")
    return tensor_split(input, indices_or_sections, d)


def hsplit(input, indices_or_sections):
    """`tensor_split` along dim 1 (dim 0 of a 1-d tensor)."""
    return _split_dim("hsplit", input, indices_or_sections, 1, 0 if input.ndim == 1 else 1)


def vsplit(input, indices_or_sections):
    """`tensor_split` along dim 0 of a tensor of at least 2 dims."""
    return _split_dim("vsplit", input, indices_or_sections, 2, 0)


def dsplit(input, indices_or_sections):
    """`tensor_split` along dim 2 of a tensor of at least 3 dims."""
    return _split_dim("dsplit", input, indices_or_sections, 3, 2)


def diagonal(input, offset=0, dim1=0, dim2=1):
    """The diagonal `offset` of the matrices in dims `dim1`, `dim2` (a last dim), as a
    view."""
    a = input._a
    d1, d2 = wrap_dim(dim1, a.ndim), wrap_dim(dim2, a.ndim)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    r = np.diagonal(a, offset, d1, d2)
    if a.flags.writeable:
        r.flags.writeable = True
    return _picked(input, r, "DiagonalBackward0", lambda x: diagonal(x, offset, d1, d2))


def _unfold(self, dimension, size, step):
    """Windows of `size` elements every `step` along `dimension`, as a new last dim."""
    a = self._a
    d = wrap_dim(dimension, a.ndim)
    shape, strides = list(a.shape), list(a.strides)
    if not a.ndim:
        shape, strides = [1], [a.itemsize]
    n = shape[d]
    if size > n:
        raise RuntimeError(f"maximum size for tensor at dimension {d} is {n} but size is "
                           f"{size}")
    if size < 0:
        raise RuntimeError(f"size is {size} but must be >= 0")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    inner = strides[d]
    shape[d], strides[d] = (n - size) // step + 1, inner * step
    if not a.ndim:
        shape, strides = [], []
    return _picked(self, strided(a, tuple(shape) + (size,), tuple(strides) + (inner,)),
                   "UnfoldBackward0", lambda x: _unfold(x, d, size, step), step < size)


def as_strided(input, size, stride, storage_offset=None):
    """A view of `input`'s storage with the given sizes, strides and offset (in elements)."""
    size, stride = sizes_of((size,), "as_strided"), sizes_of((stride,), "as_strided", "stride")
    a = input._a
    item = a.itemsize
    offset = input.storage_offset() if storage_offset is None else storage_offset
    if len(size) != len(stride):
        raise RuntimeError("mismatch in length of strides and shape")
    if any(s < 0 for s in stride):
        raise RuntimeError(f"as_strided: Negative strides are not supported at the moment, got "
                           f"strides: {list(stride)}")
    if any(n < 0 for n in size):
        raise RuntimeError(f"Storage size calculation overflowed with sizes={list(size)} and "
                           f"strides={list(stride)}")
    if offset < 0:
        raise RuntimeError(f"Tensor: invalid storage offset {offset}")
    base = storage(input).base
    have = extent(base)
    need = 0 if 0 in size else item * (offset + 1 + sum((n - 1) * s for n, s in
                                                         zip(size, stride)))
    if need > have:
        raise RuntimeError(f"setStorage: sizes {list(size)}, strides {list(stride)}, storage "
                           f"offset {offset}, and itemsize {item} requiring a storage size of "
                           f"{need} are out of bounds for storage of size {have}")
    byte_strides = tuple(s * item for s in stride)
    if need == 0:
        r = np.lib.stride_tricks.as_strided(base, size, byte_strides)
    elif base.flags.c_contiguous:
        r = np.ndarray(size, a.dtype, base, offset * item, byte_strides)
    else:
        start = base.__array_interface__["data"][0] + offset * item
        r = at(base, start, size, byte_strides, a.dtype)
    return view(input, r, "AsStridedBackward0", input._ag and G.strided_backward(
        (a.shape, input.stride(), input.storage_offset()), (size, stride, offset), have // item))


def extent(a):
    """Bytes spanned by array `a` from its first element."""
    return a.itemsize + sum((n - 1) * s for n, s in zip(a.shape, a.strides)) if a.size else 0


class _Memory:
    """An array interface at a raw address (NumPy builds an array of any layout from it)."""

    __slots__ = ("__array_interface__", "base")

    def __init__(self, interface, base):
        self.__array_interface__ = interface
        self.base = base


def at(owner, address, shape, strides, dtype):
    """An array of `dtype` at `address` inside `owner`'s memory, with byte `strides`."""
    r = np.asarray(_Memory({"data": (address, not owner.flags.writeable), "shape": shape,
                            "strides": strides, "typestr": f"|V{dtype.itemsize}",
                            "version": 3}, owner))
    return r.view(dtype)


# ---- complex views ------------------------------------------------------------------------
def real(input):
    """The real part: a view of a complex tensor, `input` itself otherwise."""
    a = input._a
    if a.dtype.kind != "c":
        return input
    return _picked(input, a.real, "SelectBackward0", real)


def imag(input):
    """The imaginary part of a complex tensor, as a view."""
    a = input._a
    if a.dtype.kind != "c":
        raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")
    return _picked(input, a.imag, "SelectBackward0", imag)


def _set_part(get):
    def setter(self, value):
        get(self).copy_(value)
    return setter


def view_as_real(input):
    """A complex tensor as a real one with a last dim of 2 (real, imaginary)."""
    a = input._a
    if a.dtype.kind != "c":
        raise RuntimeError("view_as_real is only supported for complex tensors")
    r = a.real
    pairs = np.lib.stride_tricks.as_strided(r, a.shape + (2,), a.strides + (r.itemsize,))
    return _picked(input, pairs, "ViewAsRealBackward0", view_as_real)


def view_as_complex(input):
    """A real tensor with a last dim of 2 as a complex one."""
    a = input._a
    if input.dtype not in (D.float32, D.float64, D.float16):
        raise RuntimeError("view_as_complex is only supported for half, float and double "
                           "tensors, but got a tensor of scalar type: "
                           f"{D.SCALAR_NAME[input.dtype]}")
    if not a.ndim or a.shape[-1] != 2:
        raise RuntimeError("Tensor must have a last dimension of size 2")
    if a.strides[-1] != a.itemsize:
        raise RuntimeError("Tensor must have a last dimension with stride 1")
    if any(s % (2 * a.itemsize) for s in a.strides[:-1]):
        raise RuntimeError("Tensor must have a stride divisible by 2 for all but last "
                           "dimension")
    if input.storage_offset() % 2:
        raise RuntimeError("Tensor must have a storage_offset divisible by 2")
    if a.dtype == np.float16:
        raise RuntimeError('"view_as_complex" not implemented for \'ComplexHalf\'')
    cdtype = np.dtype(np.complex64 if a.dtype == np.float32 else np.complex128)
    if a.size and a.flags.c_contiguous:
        r = a.view(cdtype).reshape(a.shape[:-1])
    else:
        r = at(a, a.__array_interface__["data"][0], a.shape[:-1], a.strides[:-1], cdtype)
    return _picked(input, r, "ViewAsComplexBackward0", view_as_complex)


# ---- conjugation --------------------------------------------------------------------------
def conj(input):
    """The complex conjugate: `input` itself when real. (PyTorch returns a lazy conjugate
    view of a complex tensor; numtorch a conjugated copy in the same layout.)"""
    a = input._a
    if a.dtype.kind != "c":
        return input
    return record(wrap(np.conjugate(a)), "ConjBackward0", (input,), G.conjugated)


def resolve_conj(input):
    """`input` itself: numtorch tensors are never lazily conjugated."""
    return input


def resolve_neg(input):
    """`input` itself: numtorch tensors are never lazily negated."""
    return input


def is_conj(input):
    """False: numtorch tensors are never lazily conjugated."""
    return False


def is_neg(input):
    """False: numtorch tensors are never lazily negated."""
    return False


def _metadata_inplace(fn, shift):
    """The in-place form of view op `fn`: the tensor itself takes the view's layout (and
    the graph node numbered `shift` after the out-of-place one's)."""
    def method(self, *args):
        ag = self._ag
        if ag is not None and ag.requires_grad and ag.grad_fn is None and STATE.enabled:
            raise RuntimeError("a leaf Variable that requires grad is being used in an "
                               "in-place operation.")
        r = fn(self, *args)
        if r._ag is not None and r._ag.grad_fn is not None:  # (not in no_grad mode)
            node = r._ag.grad_fn
            name = node.name()
            graph.rename(node, name[:-1] + str(int(name[-1]) + shift))
            self._ag = r._ag
        self._a = r._a
        return self
    method.__name__ = fn.__name__ + "_"
    return method


for _f in (narrow, select, unbind, split, tensor_split, chunk, hsplit, vsplit, dsplit,
           diagonal, as_strided, real, imag, view_as_real, view_as_complex, conj, resolve_conj,
           resolve_neg, is_conj, is_neg):
    FUNCTIONS[_f.__name__] = _f
    if _f.__name__ not in ("real", "imag", "view_as_real", "view_as_complex"):
        setattr(Tensor, _f.__name__, _f)
Tensor.unfold = _unfold
Tensor.real = property(real, _set_part(real))
Tensor.imag = property(imag, _set_part(imag))
for _f, _shift in ((_squeeze, 3), (unsqueeze, 1), (transpose, 1), (swapaxes, 1),
                   (swapdims, 1)):
    setattr(Tensor, _f.__name__.strip("_") + "_", _metadata_inplace(_f, _shift))
Tensor.t_ = _metadata_inplace(lambda self: t(self, "t_"), 1)
