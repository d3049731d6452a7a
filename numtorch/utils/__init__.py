"""Utilities: `numtorch.utils.dlpack`."""
from . import dlpack as dlpack
