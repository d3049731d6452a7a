"""Grad mode: whether operations record the autograd graph (thread-local, as in PyTorch).

>>> import numtorch
>>> with numtorch.no_grad():
...     numtorch.is_grad_enabled()
False
"""
import functools
import threading

__all__ = ["no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "inference_mode",
           "is_inference_mode_enabled"]


class _State(threading.local):
    enabled = True
    inference = False


STATE = _State()


def is_grad_enabled():
    """True when operations on tensors that require grad record a graph."""
    return STATE.enabled


class _Mode:
    """Context manager and decorator that sets grad mode to `self._mode` while active."""

    _mode = True

    def __enter__(self):
        self._prev = STATE.enabled
        STATE.enabled = self._mode

    def __exit__(self, *exc):
        STATE.enabled = self._prev

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)
        return wrapper


class no_grad(_Mode):
    """Disable graph recording inside the block or decorated function."""

    _mode = False


class enable_grad(_Mode):
    """Enable graph recording inside the block or decorated function."""

    _mode = True


class set_grad_enabled(_Mode):
    """Set grad mode to `mode`: takes effect at once, and is undone on leaving a `with`."""

    def __init__(self, mode):
        self._prev = STATE.enabled
        self._mode = bool(mode)
        STATE.enabled = self._mode

    def __enter__(self):
        pass

    def __call__(self, fn):
        STATE.enabled = self._prev
        mode = self._mode

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)
        return wrapper


class inference_mode(_Mode):
    """No graph recording, as `no_grad` (tensors made inside are ordinary tensors: see the
    README's differences from PyTorch)."""

    def __init__(self, mode=True):
        self._mode = not mode
        self._inference = bool(mode)

    def __enter__(self):
        super().__enter__()
        self._prev_inference = STATE.inference
        STATE.inference = self._inference

    def __exit__(self, *exc):
        STATE.inference = self._prev_inference
        super().__exit__(*exc)

    def __call__(self, fn):
        mode = self._inference

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with inference_mode(mode):
                return fn(*args, **kwargs)
        return wrapper


def is_inference_mode_enabled():
    """True inside `inference_mode()`."""
    return STATE.inference
