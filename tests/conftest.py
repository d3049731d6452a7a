"""Test configuration: the tests folder is importable (for `diff`), global state is reset."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import numtorch  # noqa: E402
import torch  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_global_state():
    """Each test starts from the default dtype, device, print options, grad mode and anomaly
    mode in both libraries."""
    yield
    for mod in (numtorch, torch):
        mod.set_grad_enabled(True)
        mod.autograd.set_detect_anomaly(False)
        mod.set_default_dtype(mod.float32)
        mod.set_default_device(None)
        mod.set_printoptions(profile="default")
