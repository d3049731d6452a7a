"""numtorch.random: the random-number state functions, as `torch.random`.

>>> import numtorch
>>> with numtorch.random.fork_rng():
...     _ = numtorch.rand(2)
"""
import contextlib

from ._random import (Generator, default_generator, get_rng_state, initial_seed, manual_seed,
                      seed, set_rng_state)

__all__ = ["set_rng_state", "get_rng_state", "manual_seed", "seed", "initial_seed", "fork_rng",
           "thread_safe_generator", "Generator", "default_generator"]


@contextlib.contextmanager
def fork_rng(devices=None, enabled=True, _caller="fork_rng", _devices_kw="devices",
             device_type=None):
    """Restore the CPU generator's state on exit (numtorch has no device generators)."""
    if not enabled or device_type == "meta":
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)


def thread_safe_generator():
    """The generator of a DataLoader thread worker: None, as in PyTorch's main process."""
    return None
