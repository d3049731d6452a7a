"""Derivatives of the indexing ops: `t[i]`, `t[i] = v`, `copy_`/`fill_`/`zero_`, and the
ops of indexing_ops.py, written with numtorch ops so that double backward works.

An op of indexing_ops.py that computes into a copy of `self` (or into `self`, in place)
declares its backward with a builder: called with the op's arguments once it has run, it
returns `(node name, differentiable operands after self, fn, saved)`; `fn(grad, *saved)`
gives the gradients of self and those operands, and `SELF`, `RESULT` and `INPLACE` in
`saved` stand for the op's input (a copy of it, for the in-place form), its result and
whether it is the in-place form.
"""
import warnings

import numpy as np

from .. import _dtype as D
from .._factories import ones_like, zeros_like
from .._tensor import Tensor, wrap
from ..autograd import graph
from ..autograd.grad_mode import STATE
from ..autograd.views import inplace_history

__all__ = []

SELF, RESULT, INPLACE = object(), object(), object()
_COMPLEX_TO_REAL = ("Expected isFloatingType(grad.scalar_type()) || (input_is_complex == "
                    "grad_is_complex) to be true, but got false.  (Could this error message be "
                    "improved?  If so, please report an enhancement request to PyTorch.)")
_INTEGER_GRAD = ('isDifferentiableType(grad.scalar_type()) INTERNAL ASSERT FAILED at '
                 '"/__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp":998, please report a '
                 'bug to PyTorch. ')


def recording(self, others=(), inplace=True):
    """Whether an op writing `self` from `self` and the tensors `others` is recorded: when
    one of them requires grad. As PyTorch, an in-place op records even on an integer `self`
    and an out-of-place one refuses to."""
    if not STATE.enabled or not any(t._ag is not None and t._ag.requires_grad
                                    for t in (self, *others) if isinstance(t, Tensor)):
        return False
    if self.dtype._cat < 2 and not inplace:
        raise RuntimeError(f"Autograd not support dtype: {D.SCALAR_NAME[self.dtype]}")
    return True


def resolve(saved, self, result, inplace):
    """`saved` with the SELF, RESULT and INPLACE markers replaced."""
    return tuple(self if s is SELF else result if s is RESULT else inplace if s is INPLACE
                 else s for s in saved)


def record_inplace(self, name, others, fn, saved=()):
    """Make the in-place op just applied to `self` (node `name`, whose `fn` gives the
    gradients of `self` and `others`) part of `self`'s history."""
    if self.dtype._cat < 2:  # PyTorch's engine refuses the integer gradient it would get
        fn = _integer_gradient
    inplace_history(self, graph.record(name, (self, *others), fn, saved, self))
    return self


def _integer_gradient(g, *saved):
    raise RuntimeError(_INTEGER_GRAD)


def _zeros(shape, g):
    return wrap(np.zeros(shape, g._a.dtype))


def _real_checked(grad, dtype):
    """`grad` for an operand of `dtype`: PyTorch's engine refuses a complex gradient for a
    real operand where the formula takes no real part."""
    if grad.is_complex() and not dtype.is_complex:
        raise RuntimeError(_COMPLEX_TO_REAL)
    return grad


def _quiet(fn, *args, **kwargs):
    """`fn(...)` without warnings (a backward re-indexing with a deprecated uint8 mask)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# ---- t[i], t[i] = v, copy_, fill_ -------------------------------------------------------------
def view_backward(items, shape, dtype, name):
    """Backward of the basic index `x[items]` (a view, node `name`) of an `x` of `shape`."""
    from .grad_shape import part  # grad_shape imports the registry, which imports indexing
    return part(lambda x: x[items], shape, dtype, name)


def index_backward(items, shape):
    """Backward of the advanced index `x[items]` of an `x` of `shape`: the gradient added
    at the indexed positions."""
    def backward(g, *indices):
        return _quiet(_zeros(shape, g).index_put_, items, g, accumulate=True)
    return backward


def copy_backward(g):
    """Backward of `self.copy_(src)`: zero to self, the gradient to src."""
    return zeros_like(g), g


def fill_backward(g):
    """Backward of `fill_(number)` and `zero_`."""
    return zeros_like(g)


def fill_tensor_backward(dtype):
    """Backward of `fill_(value)` with a 0-d tensor `value` of `dtype`."""
    return lambda g: (zeros_like(g), _real_checked(g.sum(), dtype))


# ---- gather / scatter -----------------------------------------------------------------------
def gather_backward(shape, dim, out_shape=None):
    """Backward of `gather(dim, index)` of an input of `shape` (reshaped to `out_shape`
    when take_along_dim flattened it): the gradient added at index."""
    def backward(g, self, index):
        out = _zeros(shape, g).scatter_add(dim, index, g)
        return out if out_shape is None else out.reshape(out_shape)
    return backward


def _not_implemented(op):
    def backward(g, inplace):
        raise RuntimeError(f"derivative for aten::{op}{'_' if inplace else ''} is not "
                           "implemented")
    return backward


def scatter_grad(self, dim, index, src=None, value=None, *, reduce=None):
    """The node of `scatter`: `reduce` has no derivative."""
    if src is None:
        src = value
    others = (src,) if isinstance(src, Tensor) else ()
    if reduce is not None:
        return "NotImplemented", others, _not_implemented("scatter"), (INPLACE,)
    if others:
        return "ScatterBackward0", others, \
            lambda g, i: (g.scatter(dim, i, 0), g.gather(dim, i)), (index,)
    return "ScatterBackward1", (), lambda g, i: g.scatter(dim, i, 0), (index,)


def scatter_add_grad(self, dim, index, src):
    """The node of `scatter_add`."""
    return "ScatterAddBackward0", (src,), lambda g, i: (g, g.gather(dim, i)), (index,)


def scatter_reduce_grad(self, dim, index, src, reduce, *, include_self=True):
    """The node of `scatter_reduce`, which saves self, src and the result."""
    if reduce not in ("sum", "prod", "mean", "amax", "amin"):
        raise RuntimeError(f"Expected 'reduce' to be one of 'sum', 'prod', 'mean', 'amax', "
                           f"'amin' but got {reduce}.")

    def backward(g, self, index, src, result):
        return _scatter_reduce_backward(g, self, dim, index, src, reduce, include_self, result)
    return "ScatterReduceBackward0", (src,), backward, (SELF, index, src, RESULT)


def _scatter_reduce_backward(g, self, dim, index, src, reduce, include_self, result):
    """PyTorch's gradients of `self.scatter_reduce(dim, index, src, reduce, include_self)`:
    ties of amax/amin share the gradient evenly, prod handles zeros exactly."""
    if reduce == "sum":
        grad_self, grad_src = g, g.gather(dim, index)
    elif reduce == "prod":
        masked_self = self.masked_fill(self == 0, 1)
        grad_self = g * masked_self.scatter_reduce(dim, index, src, reduce,
                                                   include_self=include_self) / masked_self
        src_zero = src == 0
        zeros = zeros_like(self).scatter_add(dim, index, src_zero.to(self.dtype))
        single_zero = src_zero & (zeros.gather(dim, index) == 1)
        masked_result = self.scatter_reduce(dim, index, src.masked_fill(single_zero, 1), reduce,
                                            include_self=include_self)
        grad_src = (g * masked_result).gather(dim, index).where(
            single_zero, (g * result).gather(dim, index) / src.masked_fill(src_zero, 1))
    elif reduce == "mean":
        n = (ones_like(g) if include_self else zeros_like(g)).scatter_add(dim, index,
                                                                          ones_like(src))
        n = n.masked_fill(n == 0, 1)
        grad_self, grad_src = g / n, g.gather(dim, index) / n.gather(dim, index)
    else:  # amax, amin
        value = result.gather(dim, index)
        self_is, src_is = self == result, src == value
        share = g / self_is.to(self.dtype).scatter_add(dim, index, src_is.to(self.dtype))
        grad_self, grad_src = self_is * share, src_is * share.gather(dim, index)
    if not include_self:
        grad_self = grad_self.scatter(dim, index, 0)
    return grad_self, grad_src


# ---- along a dim: index_select, index_add, index_copy, index_fill ---------------------------
def index_select_backward(shape, dim):
    """Backward of `index_select(dim, index)` of an input of `shape`."""
    return lambda g, index: _zeros(shape, g).index_add(dim, index, g)


def _selected(g, dim, index, source):
    """The gradient of `source` in index_add/index_copy: `g` along `dim` at `index`."""
    return g.index_select(dim, index.reshape(()) if source.dim() == 0 else index)


def index_add_grad(self, dim, index, source, *, alpha=1):
    """The node of `index_add`: source gets `alpha` times the gradient at index."""
    def backward(g, index, source):
        grad = _selected(g, dim, index, source)
        return g, grad if alpha == 1 else grad * alpha
    return "IndexAddBackward0", (source,), backward, (index, source)


def index_copy_grad(self, dim, index, source):
    """The node of `index_copy`: self gets zero where written."""
    def backward(g, index, source):
        return g.index_fill(dim, index, 0), _selected(g, dim, index, source)
    return "IndexCopyBackward0", (source,), backward, (index, source)


def index_fill_grad(self, dim, index, value):
    """The node of `index_fill`: a 0-d tensor value gets the sum of the written gradient."""
    if isinstance(value, Tensor):
        dtype = value.dtype

        def backward(g, index):
            unique = wrap(np.unique(index._a))
            return g.index_fill(dim, index, 0), \
                _real_checked(g.index_select(dim, unique).sum(), dtype)
        return "IndexFillBackward1", (value,), backward, (index,)
    return "IndexFillBackward0", (), lambda g, index: g.index_fill(dim, index, 0), (index,)


# ---- masks ------------------------------------------------------------------------------------
def masked_fill_grad(self, mask, value):
    """The node of `masked_fill`: a 0-d tensor value gets the sum of the masked gradient."""
    if isinstance(value, Tensor):
        dtype = value.dtype
        return "MaskedFillBackward1", (value,), lambda g, m: (
            g.masked_fill(m, 0), _real_checked(g.masked_select(m).sum(), dtype)), (mask,)
    return "MaskedFillBackward0", (), lambda g, m: g.masked_fill(m, 0), (mask,)


def masked_scatter_grad(self, mask, source):
    """The node of `masked_scatter`: source gets the masked gradient, in order."""
    shape = tuple(source.shape)

    def backward(g, mask):
        picked = g.masked_select(mask)
        size, n = int(np.prod(shape)), picked.numel()
        if n < size:  # the source elements past the masked ones get zero
            out = _zeros((size,), g)
            out[:n] = picked
            picked = out
        return g.masked_fill(mask, 0), picked.reshape(shape)
    return "MaskedScatterBackward0", (source,), backward, (mask,)


def masked_select_backward(shape):
    """Backward of `masked_select(input, mask)` broadcast to `shape`."""
    return lambda g, input, mask: _zeros(shape, g).masked_scatter(mask, g)


# ---- flat positions and index tuples: take, put, index_put ---------------------------------------------------
def take_backward(g, self, index):
    """Backward of `take(index)`: the gradient added at the flat positions."""
    return _zeros(self.shape, g).put_(index, g, accumulate=True)


def put_grad(self, index, source, accumulate=False):
    """The node of `put(index, source, accumulate)`."""
    def backward(g, index, source):
        grad = g if accumulate else g.put(index, _zeros(source.shape, g))
        return grad, g.take(index).reshape(source.shape)
    return "PutBackward0", (source,), backward, (index, source)



def index_put_grad(self, indices, values, accumulate=False):
    """The node of `self[indices] = values` (`index_put`): self gets the gradient, zero where
    written unless `accumulate`; a tensor of `values` gets the gradient at `indices`."""
    items = tuple(indices)
    others = (values,) if isinstance(values, Tensor) else ()
    dtype = values.dtype if others else None

    def backward(g, *saved):
        grad = g if accumulate else _quiet(g.index_put, items, _zeros((), g))
        return (grad, _real_checked(_quiet(g.__getitem__, items), dtype)) if others else grad
    indices = tuple(i for i in items if isinstance(i, Tensor))
    return "IndexPutBackward0", others, backward, indices
