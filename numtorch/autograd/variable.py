"""`Variable`: PyTorch's legacy wrapper, now a tensor factory (`isinstance(t, Variable)` is
true for every tensor).

>>> import numtorch
>>> numtorch.autograd.Variable(numtorch.ones(2), requires_grad=True)
tensor([1., 1.], requires_grad=True)
"""
import warnings

from .. import _tensor as T

__all__ = ["Variable"]


class _VariableMeta(type):
    def __instancecheck__(cls, other):
        return isinstance(other, T.Tensor)


class Variable(metaclass=_VariableMeta):
    """`Variable(data, requires_grad=False)`: `data` detached (sharing its storage)."""

    def __new__(cls, data=None, requires_grad=False, volatile=False):
        if volatile:
            warnings.warn("volatile was removed and now has no effect. Use `with "
                          "torch.no_grad():` instead.", UserWarning, stacklevel=2)
        if data is None:
            from .._factories import empty
            return empty(0).requires_grad_(requires_grad)
        if not isinstance(data, T.Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got "
                            f"{type(data).__name__}")
        return data.detach().requires_grad_(requires_grad)
