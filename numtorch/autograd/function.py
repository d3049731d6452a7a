"""`numtorch.autograd.Function`: user-defined operations with their own backward, with
PyTorch's API (`forward(ctx, ...)` or `forward(...)` + `setup_context`, `backward`,
`ctx.save_for_backward`, `saved_tensors`, `needs_input_grad`, `mark_dirty`,
`mark_non_differentiable`, `set_materialize_grads`, `once_differentiable`, `apply`).

>>> import numtorch
>>> class Square(numtorch.autograd.Function):
...     @staticmethod
...     def forward(ctx, x):
...         ctx.save_for_backward(x)
...         return x * x
...     @staticmethod
...     def backward(ctx, grad):
...         (x,) = ctx.saved_tensors
...         return 2 * x * grad
>>> x = numtorch.tensor([1.0, 3.0], requires_grad=True)
>>> y = Square.apply(x)
>>> y.grad_fn.name()
'SquareBackward'
>>> y.sum().backward(); x.grad
tensor([2., 6.])
"""
import functools
import warnings

import numpy as np

from .. import _tensor as T
from .grad_mode import STATE, no_grad
from .anomaly_mode import STATE as ANOMALY
from .graph import SAVED_HOOKS, Node, edge, pack, save, set_history
from .views import inplace_history

__all__ = ["Function", "FunctionCtx", "BackwardCFunction", "once_differentiable"]


class FunctionCtx:
    """What `forward` and `backward` share: saved tensors and flags."""

    def save_for_backward(self, *tensors):
        self.to_save = tensors

    def save_for_forward(self, *tensors):
        self.saved_for_forward = tensors

    def mark_dirty(self, *tensors):
        self.dirty_tensors = tensors

    def mark_non_differentiable(self, *tensors):
        self.non_differentiable = tensors

    def set_materialize_grads(self, value):
        self.materialize_grads = value


class BackwardCFunction(Node, FunctionCtx):
    """The node of a custom Function: also its `ctx`."""

    custom = True
    materialize_grads = True
    to_save = ()
    dirty_tensors = ()
    non_differentiable = ()
    _unpacked = None

    @property
    def saved_tensors(self):
        if self._unpacked is not None:
            return self._unpacked
        return tuple(self.unpack(True))

    saved_variables = saved_tensors

    def apply(self, grads, retain_graph):
        self._unpacked = tuple(self.unpack(retain_graph))
        try:
            return self._fn(grads)
        finally:
            self._unpacked = None


class _FunctionMeta(type):
    """Gives each Function subclass its node class, `<Name>Backward`."""

    def __init__(cls, name, bases, attrs):
        cls._backward_cls = type(name + "Backward", (BackwardCFunction,), {"_forward_cls": cls})
        super().__init__(name, bases, attrs)


class Function(FunctionCtx, metaclass=_FunctionMeta):
    """Base class of user-defined differentiable operations (see the module)."""

    def __init__(self, *args, **kwargs):
        warnings.warn(f"{self.__class__} should not be instantiated. Methods on autograd "
                      "functions are all static, so you should invoke them on the class "
                      "itself. Instantiating an autograd function will raise an error in a "
                      "future version of PyTorch.", DeprecationWarning, stacklevel=2)

    def __call__(self, *args, **kwargs):
        raise RuntimeError("Legacy autograd function with non-static forward method is "
                           "deprecated. Please use new-style autograd function with static "
                           "forward method. (Example: "
                           "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")

    @staticmethod
    def forward(*args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom "
                                  "autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for "
                                  "your custom autograd.Function to use it with backward "
                                  "mode AD.")

    vjp = backward

    @classmethod
    def apply(cls, *args, **kwargs):
        tensors = [a for a in args if isinstance(a, T.Tensor)]
        ctx = cls._backward_cls(tuple(edge(t) for t in tensors), None, None,
                                tuple((t._a.shape, t._a.dtype) for t in tensors))
        ctx.needs_input_grad = tuple(isinstance(a, T.Tensor) and a.requires_grad for a in args)
        new_style = cls.setup_context is not Function.setup_context
        with no_grad():
            if new_style:
                outputs = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, outputs)
            else:
                outputs = cls.forward(ctx, *args, **kwargs)
        recording = STATE.enabled and any(ctx.needs_input_grad)
        return _wrap_outputs(cls, ctx, args, tensors, outputs, recording)


def _wrap_outputs(cls, ctx, args, tensors, outputs, recording):
    single = not isinstance(outputs, tuple)
    outs = [outputs] if single else list(outputs)
    dirty = {id(t) for t in ctx.dirty_tensors}
    inputs = {id(t) for t in tensors}
    non_diff = {id(t) for t in ctx.non_differentiable}
    for t in ctx.dirty_tensors:
        ag = t._ag
        if recording and ag is not None and ag.requires_grad and ag.grad_fn is None:
            raise RuntimeError("a leaf Variable that requires grad has been used in an "
                               "in-place operation.")
    for i, o in enumerate(outs):
        if not isinstance(o, T.Tensor):
            continue
        if id(o) in inputs and id(o) not in dirty:
            o = outs[i] = T.view_of(o, o._a)  # an input returned as is: a view of it
        if not recording or id(o) in non_diff or o.dtype._cat < 2:
            continue
        if id(o) in dirty and len(outs) == 1 and tensors and o is tensors[0]:
            inplace_history(o, ctx)  # rebases the base of a view
        else:
            set_history(o, ctx, i)
    if recording:
        ctx._nout = len(outs)
        ctx._fn = _backward_fn(cls, ctx, args, outs)
        ctx._saved = _saved(ctx.to_save, outs) if ctx.to_save else None
    return outs[0] if single else tuple(outs)


def _saved(to_save, outs):
    """The records of `ctx.save_for_backward`'s arguments (tensors or None)."""
    for i, t in enumerate(to_save):
        if t is not None and not isinstance(t, T.Tensor):
            raise TypeError(f"save_for_backward can only save variables, but argument {i} is "
                            f"of type {type(t).__name__}")
    if SAVED_HOOKS.stack:
        return pack(to_save)
    return tuple(None if t is None else save(t, any(t is o for o in outs), ANOMALY.enabled)
                 for t in to_save)


def _user_backward(cls):
    """`cls.backward`, or `cls.vjp` (its alias) when that is the one defined."""
    if cls.vjp is Function.vjp:
        return cls.backward
    if cls.backward is not Function.backward:
        raise RuntimeError("Implementing both 'backward' and 'vjp' for a custom Function is not "
                           "allowed. You should only implement one of them.")
    return cls.vjp


def _backward_fn(cls, ctx, args, outs):
    shapes = [(o._a.shape, o._a.dtype) if isinstance(o, T.Tensor) else None for o in outs]
    positions = [i for i, a in enumerate(args) if isinstance(a, T.Tensor)]

    def backward(grads):
        if ctx.materialize_grads:
            grads = [T.wrap(np.zeros(*s)) if g is None and s is not None else g
                     for g, s in zip(grads, shapes)]
        r = _user_backward(cls)(ctx, *grads)
        if not isinstance(r, tuple):
            r = (r,)
        if len(r) != len(args):
            if len(r) > len(args) and all(g is None for g in r[len(args):]):
                r = r[:len(args)]
            else:
                raise RuntimeError(f"function {type(ctx).__name__} returned an incorrect "
                                   f"number of gradients (expected {len(args)}, got {len(r)})")
        return tuple(r[i] for i in positions)
    return backward


def once_differentiable(fn):
    """Mark a `backward` as not differentiable: it runs without recording, and
    differentiating its result raises."""
    @functools.wraps(fn)
    def wrapper(ctx, *args):
        with no_grad():
            outputs = fn(ctx, *args)
        if not (STATE.enabled and any(isinstance(a, T.Tensor) and a.requires_grad
                                      for a in args)):
            return outputs
        single = not isinstance(outputs, tuple)
        outs = (outputs,) if single else outputs
        node = _delayed_error([a for a in args if isinstance(a, T.Tensor)])
        outs = tuple(set_history(o.detach(), node, 0) if isinstance(o, T.Tensor) and
                     o.dtype._cat >= 2 else o for o in outs)
        return outs[0] if single else outs
    return wrapper


def _delayed_error(inputs):
    def fail(g):
        raise RuntimeError("trying to differentiate twice a function that was marked with "
                           "@once_differentiable")
    from .graph import record
    return record("DelayedError", inputs, fail)
