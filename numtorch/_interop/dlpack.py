"""DLPack: `from_dlpack`, `Tensor.__dlpack__`, `Tensor.__dlpack_device__`, `to_dlpack`.

NumPy's DLPack implementation does the capsule work on the CPU, so numtorch tensors
exchange memory with PyTorch, JAX, CuPy and NumPy without copies.

>>> import numpy as np, numtorch
>>> a = np.arange(3.)
>>> t = numtorch.from_dlpack(a); t[0] = 7
>>> a[0]
np.float64(7.0)
"""
import enum

import numpy as np

from .._device import device
from .._tensor import Tensor, wrap
from .numpy_bridge import NEGATIVE_STRIDES

__all__ = ["DLDeviceType", "from_dlpack", "to_dlpack"]


class DLDeviceType(enum.IntEnum):
    """DLPack's device codes."""

    kDLCPU = 1
    kDLCUDA = 2
    kDLCUDAHost = 3
    kDLOpenCL = 4
    kDLVulkan = 7
    kDLMetal = 8
    kDLVPI = 9
    kDLROCM = 10
    kDLExtDev = 12
    kDLOneAPI = 14


class _Capsule:
    """Presents a bare DLPack capsule to NumPy's consumer."""

    def __init__(self, capsule):
        self._capsule = capsule

    def __dlpack__(self, **kwargs):
        return self._capsule

    def __dlpack_device__(self):
        return (DLDeviceType.kDLCPU, 0)


def from_dlpack(ext_tensor, *, device=None, copy=None):
    """A tensor sharing memory with any object exporting DLPack (or a DLPack capsule)."""
    if device is not None:
        _check_cpu(device)
    if hasattr(ext_tensor, "__dlpack__"):
        src = ext_tensor
    elif type(ext_tensor).__name__ == "PyCapsule":
        src = _Capsule(ext_tensor)
    else:
        raise RuntimeError("from_dlpack received an invalid capsule. Note that DLTensor "
                           "capsules can be consumed only once, so you might have already "
                           "constructed a tensor from it once.")
    a = np.from_dlpack(src, copy=copy)
    if any(s < 0 for s in a.strides):  # PyTorch aborts the process here
        raise ValueError(NEGATIVE_STRIDES)
    return wrap(a)


def _check_cpu(dev):
    from .._backend import check_device
    check_device(dev if not isinstance(dev, (str, int)) else device(dev))


def to_dlpack(tensor):
    """A DLPack capsule of `tensor` (no requires-grad check, as PyTorch)."""
    return tensor._a.__dlpack__()


def __dlpack__(self, *, stream=-1, max_version=None, dl_device=None, copy=None):
    """Export through DLPack; versioned (1.x) when the consumer asks with `max_version`."""
    if self.requires_grad:
        raise BufferError("Can't export tensors that require gradient, use tensor.detach()")
    if stream is not None and stream != -1:
        raise AssertionError("stream should be None on cpu.")
    if max_version is None or max_version[0] < 1:
        return self._a.__dlpack__()
    return self._a.__dlpack__(max_version=max_version, dl_device=dl_device, copy=copy)


def __dlpack_device__(self):
    return (DLDeviceType.kDLCPU, 0)


Tensor.__dlpack__ = __dlpack__
Tensor.__dlpack_device__ = __dlpack_device__
