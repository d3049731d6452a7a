"""numtorch.cuda: what `torch.cuda` reports in a build without CUDA (numtorch has no CUDA
tensors yet): nothing is available, queries of a device raise PyTorch's AssertionError, and
seeding or cache calls do nothing.

>>> import numtorch
>>> numtorch.cuda.is_available(), numtorch.cuda.device_count()
(False, 0)
"""
__all__ = ["is_available", "device_count", "is_initialized", "init", "current_device",
           "set_device", "synchronize", "get_device_name", "get_device_capability",
           "get_device_properties", "manual_seed", "manual_seed_all", "seed", "seed_all",
           "empty_cache", "memory_allocated", "max_memory_allocated", "memory_reserved",
           "max_memory_reserved", "reset_peak_memory_stats", "is_bf16_supported"]


def is_available():
    """False: numtorch has no CUDA tensors yet."""
    return False


def device_count():
    """The number of usable CUDA devices (0)."""
    return 0


def is_initialized():
    """False: there is no CUDA state to initialise."""
    return False


def _no_cuda(*args, **kwargs):
    raise AssertionError("Torch not compiled with CUDA enabled")


init = current_device = set_device = synchronize = _no_cuda
get_device_name = get_device_capability = get_device_properties = _no_cuda


def _nothing(*args, **kwargs):
    return None


manual_seed = manual_seed_all = seed = seed_all = empty_cache = reset_peak_memory_stats = _nothing


def _zero_bytes(device=None):
    return 0


memory_allocated = max_memory_allocated = memory_reserved = max_memory_reserved = _zero_bytes


def is_bf16_supported(including_emulation=True):
    """False without a CUDA device."""
    return False
