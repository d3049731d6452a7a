"""Module-level spellings of a few Tensor methods (`numtorch.numel(t)`, ...)."""
from ._tensor import Tensor

__all__ = ["is_floating_point", "is_complex", "numel", "clone"]


def is_floating_point(input):
    """True if `input` has a floating dtype."""
    return Tensor.is_floating_point(input)


def is_complex(input):
    """True if `input` has a complex dtype."""
    return Tensor.is_complex(input)


def numel(input):
    """The number of elements of `input`."""
    return Tensor.numel(input)


def clone(input, *, memory_format=None):
    """A copy of `input` with new storage."""
    return Tensor.clone(input)
