"""Module-level spellings of a few Tensor methods (`numtorch.numel(t)`, ...)."""
from ._argparse import REQUIRED, arg_type_name, missing_args
from ._tensor import Tensor

__all__ = ["is_floating_point", "is_complex", "numel", "clone"]


def _check(fn, input):
    """PyTorch's parser errors when `input` is missing or not a Tensor."""
    if input is REQUIRED:
        raise missing_args(fn, ["input"])
    if not isinstance(input, Tensor):
        raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not "
                        f"{arg_type_name(input)}")


def is_floating_point(input=REQUIRED):
    """True if `input` has a floating dtype."""
    _check("is_floating_point", input)
    return input.is_floating_point()


def is_complex(input=REQUIRED):
    """True if `input` has a complex dtype."""
    _check("is_complex", input)
    return input.is_complex()


def numel(input=REQUIRED):
    """The number of elements of `input`."""
    _check("numel", input)
    return input.numel()


def clone(input=REQUIRED, *, memory_format=None):
    """A copy of `input` with new storage."""
    _check("clone", input)
    return input.clone(memory_format=memory_format)
