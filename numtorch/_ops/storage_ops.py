"""Tensor methods about the memory behind a tensor: `resize_`, `share_memory_`/`is_shared`,
`apply_`, and the layout flags PyTorch code tests (`is_sparse`, `is_quantized`, `is_nested`:
numtorch tensors are dense, so always False).

>>> import numtorch
>>> t = numtorch.arange(6.)
>>> t.resize_(2, 2)
tensor([[0., 1.],
        [2., 3.]])
"""
import numpy as np

from .._tensor import Tensor, storage
from .indexing import bump_version
from .registry import resize_out
from .shape import sizes_of

__all__ = []


def _resize_(self, *sizes, memory_format=None):
    """`self` given the shape `sizes` in place (contiguous), keeping its leading elements
    (new ones, when the storage grows, are uninitialised: zeros here)."""
    shape = sizes_of(sizes, "resize_", "size")
    if any(n < 0 for n in shape):
        raise RuntimeError("numel: integer multiplication overflow")
    if self.requires_grad:
        raise RuntimeError("cannot resize variables that require grad")
    bump_version(self)
    if shape != self._a.shape:
        resize_out(self, shape, warn=False, keep=True)
    return self


def _share_memory_(self):
    """Mark the storage shared (CPU memory needs no move); returns `self`."""
    storage(self).shared = True
    return self


def _is_shared(self):
    return storage(self).shared


def _apply_(self, fn):
    """Replace every element `x` by `fn(x)` (a Python callable), in place."""
    if self.requires_grad:
        raise RuntimeError("Can't call apply_() on Variable that requires grad. Use "
                           "var.detach().apply_() instead.")
    a = self._a
    values = [fn(x) for x in a.ravel().tolist()]
    np.copyto(a, np.asarray(values).reshape(a.shape).astype(a.dtype, copy=False),
              casting="unsafe")
    return self


Tensor.resize_ = _resize_
Tensor.share_memory_ = _share_memory_
Tensor.is_shared = _is_shared
Tensor.apply_ = _apply_
Tensor.is_sparse = Tensor.is_quantized = Tensor.is_nested = property(lambda self: False)
for _f, _name in ((_resize_, "resize_"), (_share_memory_, "share_memory_"),
                  (_is_shared, "is_shared"), (_apply_, "apply_")):
    _f.__name__ = _f.__qualname__ = _name
