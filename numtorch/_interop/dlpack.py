"""DLPack: `from_dlpack`, `Tensor.__dlpack__`, `Tensor.__dlpack_device__`, `to_dlpack`.

Capsules are made and taken apart by `dlpack_capsule`, so numtorch tensors of every dtype
(bfloat16 and float8 included) exchange memory with PyTorch, JAX, CuPy and NumPy without
copies.

>>> import numpy as np, numtorch
>>> a = np.arange(3.)
>>> t = numtorch.from_dlpack(a); t[0] = 7
>>> a[0]
np.float64(7.0)
"""
import enum

from .._device import device
from .._tensor import Tensor, wrap
from .dlpack_capsule import consume, export
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


def from_dlpack(ext_tensor, *, device=None, copy=None):
    """A tensor sharing memory with any object exporting DLPack (or a DLPack capsule)."""
    if device is not None:
        _check_cpu(device)
    if hasattr(ext_tensor, "__dlpack__"):
        dev = ext_tensor.__dlpack_device__() if hasattr(ext_tensor, "__dlpack_device__") \
            else (DLDeviceType.kDLCPU, 0)
        if dev[0] not in (DLDeviceType.kDLCPU, DLDeviceType.kDLCUDAHost):
            raise BufferError(f"numtorch cannot import DLPack tensors from device {tuple(dev)}")
        try:
            capsule = ext_tensor.__dlpack__(max_version=(1, 0))
        except TypeError:  # a producer older than DLPack 1.0
            capsule = ext_tensor.__dlpack__()
    else:
        capsule = ext_tensor
    a = consume(capsule)
    if any(s < 0 for s in a.strides):  # PyTorch aborts the process here
        raise ValueError(NEGATIVE_STRIDES)
    return wrap(a.copy(order="K") if copy else a)


def _check_cpu(dev):
    from .._backend import check_device
    check_device(dev if not isinstance(dev, (str, int)) else device(dev))


def to_dlpack(tensor):
    """A DLPack capsule of `tensor` (no requires-grad check, as PyTorch)."""
    return export(tensor._a, versioned=False)


def __dlpack__(self, *, stream=-1, max_version=None, dl_device=None, copy=None):
    """Export through DLPack; versioned (1.x) when the consumer asks with `max_version`."""
    if stream is not None and not isinstance(stream, int):
        raise TypeError("stream must be ``int`` or ``none``")
    if self.requires_grad:
        raise BufferError("Can't export tensors that require gradient, use tensor.detach()")
    if stream is not None and stream != -1:
        raise AssertionError("stream should be None on cpu.")
    if dl_device is not None and tuple(dl_device) != (DLDeviceType.kDLCPU, 0):
        raise BufferError(f"numtorch cannot export to DLPack device {tuple(dl_device)}")
    a = self._a.copy(order="K") if copy else self._a
    versioned = max_version is not None and max_version[0] >= 1
    return export(a, versioned=versioned, read_only=versioned and not a.flags.writeable)


def __dlpack_device__(self):
    return (DLDeviceType.kDLCPU, 0)


Tensor.__dlpack__ = __dlpack__
Tensor.__dlpack_device__ = __dlpack_device__
