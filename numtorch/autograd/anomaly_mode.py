"""Anomaly detection: PyTorch's checks, and one PyTorch cannot make.

While on, every node remembers the traceback of the forward call that made it (reported
in a warning when its backward fails) and backward checks each gradient for NaN. Beyond
PyTorch: a tensor saved for backward is also snapshotted, so a write that bypasses the
version counter (through `t.numpy()`, the array given to `from_numpy`, DLPack, ...) raises
at backward, naming the tensor, instead of giving a silently wrong gradient.

>>> import numtorch, numpy as np, warnings
>>> a = np.array([1.0, 2.0])
>>> x = numtorch.tensor([3.0, 4.0], requires_grad=True)
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     with numtorch.autograd.detect_anomaly():
...         y = (x * numtorch.from_numpy(a)).sum()
...         a[0] = 5.0  # unseen by the version counter
...         y.backward()
Traceback (most recent call last):
RuntimeError: one of the variables needed for gradient computation has been modified ...
"""
import threading
import traceback
import warnings

__all__ = ["detect_anomaly", "set_detect_anomaly", "is_anomaly_enabled",
           "is_anomaly_check_nan_enabled"]


class _State(threading.local):
    enabled = False
    check_nan = True


STATE = _State()
_WARNING = ("Anomaly Detection has been enabled. This mode will increase the runtime and "
            "should only be enabled for debugging.")


def is_anomaly_enabled():
    return STATE.enabled


def is_anomaly_check_nan_enabled():
    return STATE.check_nan


class detect_anomaly:
    """Context manager and decorator turning anomaly detection on (see the module)."""

    def __init__(self, check_nan=True):
        self.check_nan = check_nan
        self.prev = STATE.enabled
        self.prev_check_nan = STATE.check_nan
        warnings.warn(_WARNING, UserWarning, stacklevel=2)

    def __enter__(self):
        self.prev, self.prev_check_nan = STATE.enabled, STATE.check_nan
        STATE.enabled, STATE.check_nan = True, self.check_nan

    def __exit__(self, *exc):
        STATE.enabled, STATE.check_nan = self.prev, self.prev_check_nan

    def __call__(self, fn):
        def wrapper(*args, **kwargs):
            with self.__class__(self.check_nan):
                return fn(*args, **kwargs)
        return wrapper


class set_detect_anomaly:
    """Set anomaly detection on or off: at once, and undone on leaving a `with`."""

    def __init__(self, mode, check_nan=True):
        self.prev, self.prev_check_nan = STATE.enabled, STATE.check_nan
        STATE.enabled, STATE.check_nan = bool(mode), check_nan

    def __enter__(self):
        pass

    def __exit__(self, *exc):
        STATE.enabled, STATE.check_nan = self.prev, self.prev_check_nan


def remember(node):
    """Keep the forward traceback of `node` (PyTorch's `metadata['traceback_']`)."""
    node.metadata["traceback_"] = traceback.format_stack()[:-3]


def check_snapshot(saved, node):
    """Raise when a saved tensor's values changed without a version bump."""
    import numpy as np
    a = saved.tensor._a
    same = np.array_equal(a, saved.snapshot, equal_nan=a.dtype.kind in "fc") \
        if a.dtype.kind in "biufc" else a.tobytes() == saved.snapshot.tobytes()
    if not same:
        raise RuntimeError(
            "one of the variables needed for gradient computation has been modified outside "
            f"numtorch: {saved.describe(node)} no longer holds the values {node.name()} saved, "
            "and its version counter did not change (a write through a NumPy array, DLPack "
            "or other memory the tensor shares). Copy the data (clone()) before writing to it.")


def report(node, exc):
    """PyTorch's warning for an error in `node`'s backward, with its forward traceback."""
    stack = "".join((node._md or {}).get("traceback_", []))
    warnings.warn(f"Error detected in {node.name()}. Traceback of forward call that caused "
                  f"the error:\n{stack}", UserWarning, stacklevel=3)


def check_nan(node, grads):
    """PyTorch's error when a backward returns NaN."""
    if not STATE.check_nan:
        return
    for i, g in enumerate(grads):
        if g is not None and g.isnan().any().item():
            raise RuntimeError(f"Function '{node.name()}' returned nan values in its {i}th "
                               "output.")
