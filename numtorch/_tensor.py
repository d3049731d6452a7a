"""The Tensor: one backend array, a storage record shared by views, autograd metadata.

>>> import numpy as np, numtorch
>>> a = np.zeros(3, dtype=np.float32)
>>> t = numtorch.from_numpy(a); t[0] = 5
>>> a
array([5., 0., 0.], dtype=float32)
"""

import numpy as np

from . import _dtype as D
from ._convert import EXTENDED, to_python, warn_once
from ._device import CPU
from .autograd import graph
from .autograd.graph import AutogradMeta
from .autograd.views import refresh
from .autograd.grad_mode import STATE

__all__ = ["Tensor", "Size", "Storage", "UntypedStorage", "wrap", "view_of", "storage",
           "is_tensor",
           "memory_format", "contiguous_format", "preserve_format", "channels_last"]


class memory_format:
    """How a copy lays out its elements (`contiguous_format`, `preserve_format`, ...)."""

    __slots__ = ("_name",)
    parser_name = "torch.memory_format"  # its name in PyTorch's argument errors

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return "torch." + self._name


contiguous_format = memory_format("contiguous_format")
preserve_format = memory_format("preserve_format")
channels_last = memory_format("channels_last")


class Storage:
    """What views of one allocation share: the base array and the version counter.

    A tensor gets its record when it is first shared (a view, `detach`) or written in
    place; until then it is the only user of its array, at version 0.
    """

    __slots__ = ("base", "version", "shared")
    device = CPU
    pinned = False

    def __init__(self, base):
        self.base = base
        self.version = 0
        self.shared = False


def storage(t):
    """The storage record of tensor `t`, created on first use."""
    st = t._st
    if st is None:
        st = t._st = Storage(t._a)
    return st


class UntypedStorage:
    """The bytes behind a tensor (`Tensor.untyped_storage()`)."""

    __slots__ = ("_st",)

    def __init__(self, st):
        self._st = st

    def nbytes(self):
        return extent_bytes(self._st.base)

    size = nbytes

    def data_ptr(self):
        return self._st.base.__array_interface__["data"][0]

    @property
    def device(self):
        return self._st.device


def extent_bytes(a):
    """Bytes spanned by array `a` (no negative strides)."""
    if a.size == 0:
        return 0
    return a.itemsize + sum((n - 1) * s for n, s in zip(a.shape, a.strides))


class Size(tuple):
    """A tensor shape: a tuple of ints that prints as `torch.Size([2, 3])`."""

    __module__ = "numtorch"  # as `type(t.shape)` prints in PyTorch: torch.Size
    __slots__ = ()

    def __new__(cls, sizes=()):
        if isinstance(sizes, Tensor):
            sizes = sizes.tolist()
        sizes = tuple(sizes)
        for i, n in enumerate(sizes):
            if not isinstance(n, int) and not (hasattr(n, "__index__") and not isinstance(n, float)):
                raise TypeError(f"torch.Size() takes an iterable of 'int' (item {i} is "
                                f"'{type(n).__name__}')")
        return tuple.__new__(cls, sizes)

    def __repr__(self):
        return f"torch.Size({list(self)})"

    __str__ = __repr__

    def __getitem__(self, i):
        r = tuple.__getitem__(self, i)
        return tuple.__new__(Size, r) if isinstance(i, slice) else r

    def __add__(self, other):
        return tuple.__new__(Size, tuple(self) + tuple(other))

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n

    def __reduce__(self):
        return (Size, (tuple(self),))


def _identity(g):
    return g


def wrap(a):
    """A new Tensor around array `a`, the start of its own storage."""
    t = _new(Tensor)
    t._a = a
    t._st = t._ag = t._view_of = None
    return t


def view_of(t, a, base=True):
    """A Tensor around `a`, a view of `t`'s array: it shares `t`'s storage record and
    version counter (and, when `base`, records `t` as what it views, as `Tensor._base`)."""
    v = _new(Tensor)
    v._a = a
    v._st = storage(t)
    v._ag = None
    v._view_of = (t._view_of if t._view_of is not None else t) if base else None
    return v


def _dim_error(d, ndim):
    return IndexError(f"Dimension out of range (expected to be in range of [{-ndim}, "
                      f"{ndim - 1}], but got {d})")


def wrap_dim(d, ndim):
    """Normalise a possibly negative dim, with PyTorch's error when out of range."""
    if not ndim:
        raise IndexError(f"Dimension specified as {d} but tensor has no dimensions")
    if not -ndim <= d < ndim:
        raise _dim_error(d, ndim)
    return d % ndim


def is_tensor(obj):
    """True if `obj` is a numtorch Tensor."""
    return isinstance(obj, Tensor)


class Tensor:
    """A multi-dimensional array with PyTorch's semantics, backed by a NumPy array."""

    __module__ = "numtorch"  # `type(t)` prints numtorch.Tensor, as torch.Tensor in PyTorch
    # The array; the storage record (see `storage`), AutogradMeta for tensors that require
    # grad or have a grad_fn, the tensor this one is a view of (None when not set up), and
    # users' attributes. Construction, conversion and copies are in `_construct`.
    __slots__ = ("_a", "_st", "_ag", "_view_of", "__weakref__", "__dict__")
    __array_priority__ = 1000

    # ---- metadata ------------------------------------------------------------------------
    @property
    def dtype(self):
        return D.FROM_NP[self._a.dtype]

    @property
    def device(self):
        st = self._st
        return CPU if st is None else st.device

    @property
    def shape(self):
        return tuple.__new__(Size, self._a.shape)

    def size(self, dim=None):
        if dim is None:
            return tuple.__new__(Size, self._a.shape)
        return self._a.shape[wrap_dim(dim, self._a.ndim)]

    def stride(self, dim=None):
        a = self._a
        strides = tuple(s // a.itemsize for s in a.strides)
        return strides if dim is None else strides[wrap_dim(dim, a.ndim)]

    def storage_offset(self):
        start = storage(self).base.__array_interface__["data"][0]
        return (self._a.__array_interface__["data"][0] - start) // self._a.itemsize

    def data_ptr(self):
        if storage(self).base.size == 0:
            return 0
        return self._a.__array_interface__["data"][0]

    def untyped_storage(self):
        return UntypedStorage(storage(self))

    def numel(self):
        return self._a.size
    nelement = numel

    def dim(self):
        return self._a.ndim
    ndimension = dim

    @property
    def ndim(self):
        return self._a.ndim

    def element_size(self):
        return self._a.itemsize

    @property
    def itemsize(self):
        return self._a.itemsize

    @property
    def nbytes(self):
        return self._a.nbytes

    @property
    def is_cpu(self):
        return self.device.type == "cpu"

    @property
    def is_cuda(self):
        return self.device.type == "cuda"

    @property
    def is_meta(self):
        return False

    def is_pinned(self):
        return storage(self).pinned

    def is_floating_point(self):
        return self.dtype.is_floating_point

    def is_complex(self):
        return self.dtype.is_complex

    def is_signed(self):
        return self.dtype.is_signed

    def get_device(self):
        return -1 if self.is_cpu else self.device.index

    @property
    def _version(self):
        st = self._st
        return 0 if st is None else st.version

    # ---- autograd metadata ---------------------------------------------------------------
    @property
    def requires_grad(self):
        ag = self._ag
        return ag is not None and ag.requires_grad

    @requires_grad.setter
    def requires_grad(self, flag):
        self._set_requires_grad(flag, "only Tensors of floating point and complex dtype can "
                                      "require gradients")

    def requires_grad_(self, requires_grad=True):
        self._set_requires_grad(requires_grad, "only Tensors of floating point dtype can "
                                               "require gradients")
        return self

    def _set_requires_grad(self, flag, dtype_message):
        ag = self._ag
        if ag is not None and ag.grad_fn is not None:
            if flag:
                return
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to use "
                "a computed variable in a subgraph that doesn't require differentiation use "
                "var_no_grad = var.detach().")
        if flag and self.dtype._cat < 2:
            raise RuntimeError(dtype_message)
        if ag is None:
            if flag:
                self._ag = AutogradMeta(True)
        else:
            ag.requires_grad = bool(flag)

    @property
    def is_leaf(self):
        ag = self._ag
        return ag is None or ag.grad_fn is None

    @property
    def grad_fn(self):
        ag = self._ag
        if ag is None:
            return None
        return refresh(self) if self._view_of is not None else ag.grad_fn

    @property
    def data(self):
        """The same data, detached, with a version counter of its own."""
        t = wrap(self._a)
        t._st = Storage(storage(self).base)
        return t

    @data.setter
    def data(self, other):
        self._a, self._st, self._view_of = other._a, storage(other), other._view_of

    def detach(self):
        """A leaf sharing this tensor's storage and version counter."""
        return view_of(self, self._a, base=False)

    @property
    def _base(self):
        return self._view_of

    def _is_view(self):
        return self._view_of is not None

    def detach_(self):
        if self._view_of is not None:
            raise RuntimeError(
                "Can't detach views in-place. Use detach() instead. If you are using "
                "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is "
                "set as True, gradients are views of DDP buckets, and hence detach_() cannot "
                "be called on these gradients. To fix this error, please refer to the "
                "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.")
        ag = self._ag
        if ag is not None:
            ag.grad_fn = None
            ag.requires_grad = False
        return self

    def _record(self, name, result, fn=None):
        """Give `result` (computed from this tensor alone) the graph node `name`, with
        backward `fn` (default: a copy's), if this tensor's grad would flow into it."""
        if self._ag is not None and self._ag.requires_grad and STATE.enabled \
                and result.dtype._cat >= 2:
            result._ag = AutogradMeta(True, graph.record(name, (self,), fn or _identity))
        return result

    # ---- Python scalars and containers ---------------------------------------------------
    def item(self):
        a = self._a
        if a.size != 1:
            raise RuntimeError(f"a Tensor with {a.size} elements cannot be converted to Scalar")
        return to_python(a.reshape(()))

    def tolist(self):
        a = self._a
        if a.dtype in EXTENDED:
            a = a.astype(np.float32)
        return a.tolist()

    def __len__(self):
        if self._a.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._a.shape[0]

    def __bool__(self):
        n = self._a.size
        if n != 1:
            which = "no values" if n == 0 else "more than one value"
            raise RuntimeError(f"Boolean value of Tensor with {which} is ambiguous")
        return bool(self._a.reshape(()).item())

    def _one(self, real_type=None):
        if self._a.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        v = to_python(self._a.reshape(()))
        if isinstance(v, complex) and real_type is not None:
            if v.imag:
                raise RuntimeError(f"value cannot be converted to type {real_type} without "
                                   "overflow")
            v = v.real
        return v

    def _warn_requires_grad(self):
        if self.requires_grad:
            warn_once("Converting a tensor with requires_grad=True to a scalar may lead to "
                      "unexpected behavior.\nConsider using tensor.detach() first.")

    def __float__(self):
        self._warn_requires_grad()
        return float(self._one("double"))

    def __int__(self):
        return int(self._one("int64_t"))

    def __complex__(self):
        self._warn_requires_grad()
        return complex(self._one())

    def __index__(self):
        if self.dtype._cat > 1 or self._a.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an "
                            "index")
        return int(self._a.reshape(()).item())

    def __format__(self, spec):
        if self._a.ndim == 0:
            return format(self.item(), spec)
        if spec:
            raise TypeError("unsupported format string passed to Tensor.__format__")
        return repr(self)

    __hash__ = object.__hash__

    def __repr__(self):
        from ._tensor_str import tensor_repr  # printing sits above the tensor core
        return tensor_repr(self)

    __str__ = __repr__


_new = object.__new__


def legacy_type_name(dtype, dev):
    """PyTorch's legacy tensor type name, e.g. `torch.FloatTensor`."""
    prefix = "torch." if dev.type == "cpu" else f"torch.{dev.type}."
    return prefix + dtype._legacy


graph._Tensor = Tensor  # saved values that are tensors get version-checked
