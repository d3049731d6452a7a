"""The Tensor: one backend array, a storage record shared by views, autograd metadata.

>>> import numpy as np, numtorch
>>> a = np.zeros(3, dtype=np.float32)
>>> t = numtorch.from_numpy(a); t[0] = 5
>>> a
array([5., 0., 0.], dtype=float32)
"""
import warnings

import numpy as np

from . import _dtype as D
from ._convert import EXTENDED, cast, fresh, to_python, warn_once
from ._device import CPU, device
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

    __slots__ = ("base", "version")
    device = CPU
    pinned = False

    def __init__(self, base):
        self.base = base
        self.version = 0


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

    # The array; the storage record (see `storage`), AutogradMeta for tensors that require
    # grad or have a grad_fn, and the tensor this one is a view of (None when not set up).
    __slots__ = ("_a", "_st", "_ag", "_view_of", "__weakref__")
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

    def is_contiguous(self, memory_format=None):
        return self._a.flags.c_contiguous

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

    @property
    def layout(self):
        return "torch.strided"

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

    def type(self, dtype=None, non_blocking=False):
        if dtype is None:
            return legacy_type_name(self.dtype, self.device)
        if isinstance(dtype, str):
            found = _LEGACY_NAMES.get(dtype)
            if found is None:
                raise ValueError(f"invalid type: '{dtype}'")
            dtype = found
        elif isinstance(dtype, type) and isinstance(getattr(dtype, "dtype", None), D.dtype):
            dtype = dtype.dtype  # a legacy type such as DoubleTensor
        elif not isinstance(dtype, D.dtype):
            name = getattr(dtype, "__module__", "") + "." + getattr(dtype, "__name__", "")
            raise ValueError(f"invalid type: '{name}'")
        return self.to(dtype)

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
    def grad(self):
        ag = self._ag
        if ag is None:
            return None
        if ag.grad_fn is not None and not ag.retains_grad:
            warnings.warn(_NON_LEAF_GRAD, UserWarning, stacklevel=2)
        return ag.grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad "
                                f"of type {type(value).__name__}")
            if value.shape != self.shape:
                raise RuntimeError(f"attempting to assign a gradient of size "
                                   f"'{list(value.shape)}' to a tensor of size "
                                   f"'{list(self.shape)}'. Please ensure that the gradient "
                                   "and the tensor are the same size")
        if self._ag is None:
            if value is None:
                return
            self._ag = AutogradMeta()
        self._ag.grad = value

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

    # ---- copies and conversions ----------------------------------------------------------
    def clone(self, *, memory_format=None):
        """A copy with new storage (keeping this tensor's strides where PyTorch does)."""
        if memory_format is contiguous_format:
            return self._record("CloneBackward0", wrap(fresh(np.ascontiguousarray(self._a)
                                                             .copy())))
        return self._record("CloneBackward0", wrap(cast(self._a, self.dtype)))

    def contiguous(self, memory_format=None):
        if self._a.flags.c_contiguous:
            return self
        return self.clone(memory_format=contiguous_format)

    def to(self, *args, **kwargs):
        """`to(dtype)`, `to(device, dtype)`, `to(other)`, with `copy=` and `non_blocking=`."""
        dev, dtype, copy = _parse_to(args, kwargs)
        if dev is not None:
            from ._backend import check_device
            check_device(dev)
        dtype = self.dtype if dtype is None else dtype
        if not copy and dtype is self.dtype:
            return self
        return self._record("ToCopyBackward0", wrap(cast(self._a, dtype)))

    def cpu(self, memory_format=None):
        return self

    def cuda(self, device=None, non_blocking=False, memory_format=None):
        return self.to("cuda" if device is None else device)

    def pin_memory(self, device=None):
        raise RuntimeError("Cannot access accelerator device when none is available.")

    def float(self, memory_format=None):  # noqa: A003
        return self.to(D.float32)

    def double(self, memory_format=None):
        return self.to(D.float64)

    def half(self, memory_format=None):
        return self.to(D.float16)

    def bfloat16(self, memory_format=None):
        return self.to(D.bfloat16)

    def long(self, memory_format=None):
        return self.to(D.int64)

    def int(self, memory_format=None):  # noqa: A003
        return self.to(D.int32)

    def short(self, memory_format=None):
        return self.to(D.int16)

    def char(self, memory_format=None):
        return self.to(D.int8)

    def byte(self, memory_format=None):
        return self.to(D.uint8)

    def bool(self, memory_format=None):  # noqa: A003
        return self.to(D.bool)

    def cfloat(self, memory_format=None):
        return self.to(D.complex64)

    def cdouble(self, memory_format=None):
        return self.to(D.complex128)

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
_LEGACY_NAMES = {"torch." + d._legacy: d for d in D.ALL}
_NON_LEAF_GRAD = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information.")


def legacy_type_name(dtype, dev):
    """PyTorch's legacy tensor type name, e.g. `torch.FloatTensor`."""
    prefix = "torch." if dev.type == "cpu" else f"torch.{dev.type}."
    return prefix + dtype._legacy


def _parse_to(args, kwargs):
    """Parse `Tensor.to`'s overloads into (device or None, dtype or None, copy)."""
    dev = kwargs.pop("device", None)
    dtype = kwargs.pop("dtype", None)
    copy = kwargs.pop("copy", False)
    kwargs.pop("non_blocking", None)
    kwargs.pop("memory_format", None)
    if kwargs:
        raise TypeError(f"to() received an invalid combination of arguments - got unexpected "
                        f"keyword argument '{next(iter(kwargs))}'")
    args = list(args)
    if args and isinstance(args[0], Tensor):
        other = args.pop(0)
        dev, dtype = other.device, other.dtype
    elif args and isinstance(args[0], (str, device)):
        dev = args.pop(0)
    if args and isinstance(args[0], D.dtype):
        dtype = args.pop(0)
    if args and isinstance(args[0], bool):  # non_blocking
        args.pop(0)
    if args and isinstance(args[0], bool):
        copy = args.pop(0)
    if args:
        raise TypeError(f"to() received an invalid combination of arguments - got "
                        f"({', '.join(type(a).__name__ for a in args)})")
    if dev is not None:
        dev = device(dev)
    return dev, dtype, copy

graph._Tensor = Tensor  # saved values that are tensors get version-checked
