"""numtorch.accelerator: no accelerator is available to numtorch yet (as `torch.accelerator`
in a CPU-only build).

>>> import numtorch
>>> numtorch.accelerator.is_available(), numtorch.accelerator.current_accelerator()
(False, None)
"""
__all__ = ["is_available", "current_accelerator", "device_count"]


def is_available():
    """False: numtorch runs on the CPU only for now."""
    return False


def current_accelerator(check_available=False):
    """None: there is no accelerator."""
    return None


def device_count():
    """The number of accelerator devices (0)."""
    return 0
