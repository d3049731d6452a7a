"""Silence NumPy's floating-point warnings inside numtorch's own computations.

PyTorch computes 1/0, log(0) or inf - inf without warnings; NumPy warns unless told not to.
`np.errstate` costs microseconds per use, so the ignore-all state is set through NumPy's
context variable directly where available (a ContextVar set/reset), with `np.errstate` as
the fallback.

>>> import numpy as np
>>> from numtorch._backend.quiet import quiet
>>> quiet(np.divide, np.ones(1), np.zeros(1))
array([inf])
"""
import numpy as np

__all__ = ["quiet", "VAR", "IGNORE"]

try:
    from numpy._core import umath as _umath

    VAR = _umath._extobj_contextvar
    IGNORE = _umath._make_extobj(all="ignore")

    def quiet(fn, *args, **kwargs):
        """`fn(*args, **kwargs)` with NumPy's floating-point warnings off."""
        token = VAR.set(IGNORE)
        try:
            return fn(*args, **kwargs)
        finally:
            VAR.reset(token)
except (ImportError, AttributeError):  # a NumPy without the context variable
    import contextvars

    VAR = contextvars.ContextVar("numtorch_unused")  # setting it changes nothing
    IGNORE = None

    def quiet(fn, *args, **kwargs):
        """`fn(*args, **kwargs)` with NumPy's floating-point warnings off."""
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)
