"""Utilities: `numtorch.utils.dlpack`, `numtorch.utils.data`."""
from . import data as data
from . import dlpack as dlpack
