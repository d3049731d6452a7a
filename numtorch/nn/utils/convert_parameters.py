"""`parameters_to_vector` and `vector_to_parameters`."""

from ... import cat
from ..._construct import typename
from ..._tensor import Tensor

__all__ = ["parameters_to_vector", "vector_to_parameters"]


def parameters_to_vector(parameters):
    """The parameters flattened and concatenated into one vector."""
    return cat([p.view(-1) for p in parameters])


def vector_to_parameters(vec, parameters):
    """Points the parameters' data at consecutive slices of `vec`."""
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {typename(vec)}")
    pointer = 0
    for param in parameters:
        n = param.numel()
        param.data = vec[pointer:pointer + n].view_as(param).data
        pointer += n
