"""Pickling and copying tensors as PyTorch does: a tensor is its whole storage plus its offset,
shape and strides. Each pickled tensor carries its own copy of the storage; `copy.copy` shares
it; `copy.deepcopy` copies each storage once, so views deep-copied together still share.

>>> import copy, numtorch
>>> t = numtorch.arange(6.)
>>> c = copy.deepcopy([t, t[2:4]]); c[1][0] = 100; c[0][2].item(), c[1].storage_offset()
(100.0, 2)
"""
import copy

import numpy as np

from .. import _dtype as D
from .._tensor import Storage, storage, wrap

__all__ = ["reduce_tensor", "deepcopy_tensor", "reduce_storage"]

_NOT_LEAF = (
    "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol "
    "at the moment.  If you were attempting to deepcopy a module, this may be because of a "
    "torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")


def _lowest(a):
    """The address of the lowest byte array `a` spans."""
    return a.__array_interface__["data"][0] + sum((n - 1) * s for n, s in zip(a.shape, a.strides)
                                                  if s < 0 and n)


def _span(a):
    """Bytes from the lowest to the highest byte array `a` spans."""
    if a.size == 0:
        return 0
    return a.itemsize + sum((n - 1) * abs(s) for n, s in zip(a.shape, a.strides))


def reduce_storage(st):
    """`Storage.__reduce__`: the storage's bytes, copied, and its element dtype."""
    base = st.base
    nbytes = _span(base)
    raw = np.empty(nbytes, np.uint8)
    if nbytes:
        corner = base[tuple(slice(n - 1, None) if s < 0 else slice(0, 1)
                            for n, s in zip(base.shape, base.strides))]
        raw[...] = np.lib.stride_tricks.as_strided(corner.view(np.ndarray).reshape(-1)[:1]
                                                   .view(np.uint8), (nbytes,), (1,))
    return _rebuild_storage, (raw, D.FROM_NP[base.dtype])


def _rebuild_storage(raw, dtype):
    return Storage(raw.view(dtype.np))


def _geometry(t):
    """`t`'s byte offset into its storage's span, shape and byte strides."""
    a = t._a
    return a.__array_interface__["data"][0] - _lowest(storage(t).base), a.shape, a.strides


class _Shared:
    """A storage record in a tensor's reduction: pickled afresh each time (not memoised, as
    PyTorch pickles a storage per tensor), passed on as is by `copy.copy`."""

    __slots__ = ("st",)

    def __init__(self, st):
        self.st = st

    def __reduce__(self):
        return reduce_storage(self.st)


def _rebuild(st, offset, shape, strides, requires_grad, state):
    if isinstance(st, _Shared):
        st = st.st
    base = st.base
    a = np.ndarray(shape, base.dtype, buffer=base.view(np.uint8) if base.size else base,
                   offset=offset, strides=strides)
    t = wrap(a)
    t._st = st
    if requires_grad:
        t.requires_grad_()
    if state:
        t.__dict__.update(state)
    return t


def reduce_tensor(t, protocol):
    """`Tensor.__reduce_ex__`: rebuilt as a leaf over the storage record (or its copy)."""
    state = getattr(t, "__dict__", None) or None
    return _rebuild, (_Shared(storage(t)), *_geometry(t), t.requires_grad, state)


def deepcopy_tensor(t, memo):
    """`Tensor.__deepcopy__`: leaves only; storages, grads and attributes are copied once per
    `memo`, so views copied together still share."""
    if not t.is_leaf:
        raise RuntimeError(_NOT_LEAF)
    found = memo.get(id(t))
    if found is not None:
        return found
    state = copy.deepcopy(getattr(t, "__dict__", None) or None, memo)
    new = _rebuild(copy.deepcopy(storage(t), memo), *_geometry(t), t.requires_grad, state)
    ag = t._ag
    if ag is not None and ag.grad is not None:
        new.grad = copy.deepcopy(ag.grad, memo)
    memo[id(t)] = new
    return new

