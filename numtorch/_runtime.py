"""Process-wide settings PyTorch code sets: thread counts, deterministic algorithms, and
`compile` (eager already: it returns what it is given).

numtorch's CPU work runs in NumPy (and its BLAS), which is deterministic: the settings are
recorded and reported back as PyTorch does, and change no result.

>>> import numtorch
>>> numtorch.set_num_threads(1); numtorch.get_num_threads()
1
"""
import os

__all__ = ["get_num_threads", "set_num_threads", "get_num_interop_threads",
           "set_num_interop_threads", "use_deterministic_algorithms",
           "are_deterministic_algorithms_enabled", "is_deterministic_algorithms_warn_only_enabled",
           "compile"]


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_threads = {"intra": _cores(), "inter": _cores()}
_deterministic = {"on": False, "warn_only": False}


def _count(name, n):
    if type(n) is not int:
        raise RuntimeError(f"{name} expects an int, but got {type(n).__name__}")
    if n <= 0:
        raise RuntimeError(f"{name} expects a positive integer")
    return n


def get_num_threads():
    """The number of threads for intra-op parallelism (the cores at start-up)."""
    return _threads["intra"]


def set_num_threads(n):
    """Record the number of intra-op threads."""
    _threads["intra"] = _count("set_num_threads", n)


def get_num_interop_threads():
    """The number of threads for inter-op parallelism."""
    return _threads["inter"]


def set_num_interop_threads(n):
    """Record the number of inter-op threads."""
    _threads["inter"] = _count("set_num_interop_threads", n)


def use_deterministic_algorithms(mode, *, warn_only=False):
    """Record whether deterministic algorithms are asked for (numtorch's always are)."""
    _deterministic["on"] = bool(mode)
    _deterministic["warn_only"] = bool(warn_only)


def are_deterministic_algorithms_enabled():
    """Whether `use_deterministic_algorithms(True)` is in force."""
    return _deterministic["on"]


def is_deterministic_algorithms_warn_only_enabled():
    """Whether deterministic mode was asked for with `warn_only=True`."""
    return _deterministic["warn_only"]


def compile(model=None, *, fullgraph=False, dynamic=None, backend="inductor", mode=None,
            options=None, disable=False):  # noqa: A001 - PyTorch's name
    """`model` itself: numtorch runs eagerly, so compiling changes nothing (used bare, as
    `compile(fn)`, or as a decorator with options, as `compile(mode=...)(fn)`)."""
    if model is None:
        return lambda fn: fn
    return model
