"""Grad mode: whether operations record the autograd graph (thread-local, as in PyTorch).

The modes are context managers and decorators, with or without parentheses
(`@no_grad`, `@no_grad()`); a decorated generator runs in the mode at every resumption.

>>> import numtorch
>>> with numtorch.no_grad():
...     numtorch.is_grad_enabled()
False
"""
import functools
import inspect
import sys
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


def _wrap_generator(make_mode, gen_fn):
    """`gen_fn` with every step of its generators run inside `make_mode()`."""
    @functools.wraps(gen_fn)
    def generator(*args, **kwargs):
        gen = gen_fn(*args, **kwargs)
        try:
            with make_mode():
                response = gen.send(None)
            while True:
                try:
                    request = yield response
                except GeneratorExit:
                    with make_mode():
                        gen.close()
                    raise
                except BaseException:
                    with make_mode():
                        response = gen.throw(*sys.exc_info())
                else:
                    with make_mode():
                        response = gen.send(request)
        except StopIteration as stop:
            return stop.value
    return generator


class _Mode:
    """Context manager and decorator that sets grad mode to `self._mode` while active."""

    _mode = True

    def __new__(cls, orig_func=None):
        if orig_func is None:
            return super().__new__(cls)
        return cls()(orig_func)  # used as a decorator without parentheses

    def __enter__(self):
        self._prev = STATE.enabled
        STATE.enabled = self._mode

    def __exit__(self, *exc):
        STATE.enabled = self._prev

    def clone(self):
        return self.__class__()

    def __call__(self, fn):
        make_mode = self.clone
        if inspect.isgeneratorfunction(fn):
            return _wrap_generator(make_mode, fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with make_mode():
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

    def __new__(cls, mode):
        return object.__new__(cls)

    def __init__(self, mode):
        self._prev = STATE.enabled
        self._mode = bool(mode)
        STATE.enabled = self._mode

    def __enter__(self):
        pass

    def clone(self):
        return self.__class__(self._mode)

    def __call__(self, fn):
        STATE.enabled = self._prev
        return super().__call__(fn)

    def __repr__(self):
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self._mode})"


class inference_mode(_Mode):
    """No graph recording, as `no_grad` (tensors made inside are ordinary tensors: see the
    README's differences from PyTorch)."""

    def __new__(cls, mode=True):
        if isinstance(mode, bool):
            return object.__new__(cls)
        return cls()(mode)  # used as a decorator without parentheses

    def __init__(self, mode=True):
        self.mode = mode
        self._mode = not mode

    def __enter__(self):
        super().__enter__()
        self._prev_inference = STATE.inference
        STATE.inference = self.mode

    def __exit__(self, *exc):
        STATE.inference = self._prev_inference
        super().__exit__(*exc)

    def clone(self):
        return self.__class__(self.mode)


def is_inference_mode_enabled():
    """True inside `inference_mode()`."""
    return STATE.inference
