"""Unary math: exp, log, trig and friends (integer inputs give the default float dtype).

>>> import numtorch
>>> numtorch.tensor([0, 1]).exp()
tensor([1.0000, 2.7183])
"""
import numpy as np

from .registry import INT_TO_FLOAT, elementwise

__all__ = ["exp"]

_FLOATS = (np.float32, np.float64, np.float16, np.complex64, np.complex128)

exp = elementwise("exp", np.exp, 1, INT_TO_FLOAT, fast_dtypes=_FLOATS)
