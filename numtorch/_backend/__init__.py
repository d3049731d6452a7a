"""Backends: which array library holds a device's data.

The CPU uses NumPy. CUDA tensors (through CuPy, imported lazily so that `import numtorch`
never touches CUDA) are not supported yet: asking for one raises PyTorch's error for a
build without CUDA.
"""
import numpy as np

from .._device import CPU, default_or

__all__ = ["xp_for", "check_device", "resolve_device"]


def check_device(dev):
    """Raise unless tensors can live on `dev` (a `device`)."""
    if dev.type != "cpu":
        if dev.type == "cuda":
            raise AssertionError("Torch not compiled with CUDA enabled")
        raise RuntimeError(f"numtorch supports no tensors on device type '{dev.type}'")


def xp_for(dev):
    """The array module for `dev` (NumPy for the CPU)."""
    check_device(dev)
    return np


def resolve_device(dev):
    """The device a factory given `device=dev` creates on (the default device for None)."""
    dev = default_or(dev)
    if dev is not CPU:
        check_device(dev)
    return dev
