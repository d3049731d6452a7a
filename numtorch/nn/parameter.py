"""`Parameter`: a Tensor that a Module registers as one of its parameters."""

from collections import OrderedDict

from .. import _tensor as T
from .._tensor import Tensor, storage

__all__ = ["Parameter", "Buffer", "is_lazy", "zero_grads"]


def _alias(cls, data):
    """A new `cls` instance over `data`'s array and storage record, detached."""
    p = T._new(cls)
    p._a, p._st, p._ag, p._view_of = data._a, storage(data), None, None
    return p


def _rebuild_parameter(data, requires_grad, state):
    p = Parameter(data, requires_grad)
    p.__dict__.update(state)
    return p


class Parameter(Tensor):
    """A Tensor that is a module parameter: `Module.__setattr__` registers it."""

    __module__ = "numtorch.nn.parameter"
    __slots__ = ()

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            from .._factories import empty
            data = empty(0)
        if requires_grad and data.dtype._cat < 2:
            raise RuntimeError("Only Tensors of floating point and complex dtype can require "
                               "gradients")
        p = _alias(cls, data)
        p.requires_grad_(requires_grad)
        return p

    def __init__(self, data=None, requires_grad=True):
        pass

    def __deepcopy__(self, memo):
        found = memo.get(id(self))
        if found is not None:
            return found
        result = type(self)(self.data.clone(), self.requires_grad)
        if self.grad is not None:
            result.grad = self.grad.clone()
        memo[id(self)] = result
        return result

    def __repr__(self):
        return "Parameter containing:\n" + Tensor.__repr__(self)

    __str__ = __repr__

    def __reduce_ex__(self, proto):
        state = dict(getattr(self, "__dict__", None) or {})
        return _rebuild_parameter, (self.data, self.requires_grad, OrderedDict(state))


class _BufferMeta(type):
    def __instancecheck__(cls, instance):
        return isinstance(instance, Tensor) and getattr(instance, "_is_buffer", False)


class Buffer(Tensor, metaclass=_BufferMeta):
    """Marks a Tensor as a buffer when assigned to a Module attribute (`persistent` or not):
    a detached plain Tensor, as in PyTorch."""

    __module__ = "numtorch.nn.parameter"
    __slots__ = ()

    def __new__(cls, data=None, *, persistent=True):
        if data is None:
            from .._factories import empty
            data = empty(0)
        t = data.detach().requires_grad_(data.requires_grad)
        t.persistent = persistent
        t._is_buffer = True
        return t


def is_lazy(param):
    """False: numtorch has no lazy modules."""
    return False


def zero_grads(params, set_to_none=True):
    """PyTorch's `zero_grad` on `params`: each `.grad` dropped (`set_to_none`), or detached
    from any graph and zeroed in place."""
    for p in params:
        if p.grad is not None:
            if set_to_none:
                p.grad = None
            else:
                if p.grad.grad_fn is not None:
                    p.grad.detach_()
                else:
                    p.grad.requires_grad_(False)
                p.grad.zero_()
