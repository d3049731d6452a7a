"""`backward`, `grad` and the autograd methods of Tensor (`backward`, `register_hook`,
`retain_grad`).

>>> import numtorch
>>> x = numtorch.tensor([1.0, 2.0, 3.0], requires_grad=True)
>>> (x * x).sum().backward()
>>> x.grad
tensor([2., 4., 6.])
>>> numtorch.autograd.grad((x ** 3).sum(), x)
(tensor([ 3., 12., 27.]),)
"""
import warnings

import numpy as np

from .. import _tensor as T
from .._convert import warn_once
from .._dtype import SCALAR_NAME
from .graph import add_hook, edge, retain
from .engine import run_backward

__all__ = ["backward", "grad", "attach"]

_NON_LEAF_GRAD = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information.")

_CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the "
    "parameter and its gradient which can cause a memory leak. We recommend using "
    "autograd.grad when creating the graph to avoid this. If you have to use this function, "
    "make sure to reset the .grad fields of your parameters to None after use to break the "
    "cycle and avoid the leak.")


def _tensors(x):
    if isinstance(x, T.Tensor):
        return (x,)
    return tuple(x)


def _make_grads(outputs, grads, is_grads_batched=False):
    """PyTorch's root gradients: given ones checked against their outputs, the implicit
    one for a scalar output."""
    out = []
    for i, (t, g) in enumerate(zip(outputs, grads)):
        if g is None:
            if t.requires_grad:
                if t._a.size != 1:
                    raise RuntimeError("grad can be implicitly created only for scalar outputs")
                if t.dtype._cat != 2:
                    raise RuntimeError("grad can be implicitly created only for real scalar "
                                       f"outputs but got {t.dtype}")
                g = T.wrap(np.ones(t._a.shape, t._a.dtype))
            out.append(g)
            continue
        if not isinstance(g, T.Tensor):
            raise TypeError(f"gradients can be either Tensors or None, but got "
                            f"{type(g).__name__}")
        if g.shape != t.shape and not is_grads_batched:
            raise RuntimeError(f"Mismatch in shape: grad_output[{i}] has a shape of "
                               f"{g.shape} and output[{i}] has a shape of {t.shape}.")
        if t.dtype.is_complex != g.dtype.is_complex:
            raise RuntimeError("For complex Tensors, both grad_output and output are required "
                               f"to have the same dtype. Mismatch in dtype: grad_output[{i}] "
                               f"has a dtype of {g.dtype} and output[{i}] has a dtype of "
                               f"{t.dtype}.")
        out.append(g if g.dtype is t.dtype else g.to(t.dtype))
    return out


def _grad_list(outputs, grads):
    if grads is None:
        return [None] * len(outputs)
    grads = [grads] if isinstance(grads, T.Tensor) else list(grads)
    if len(grads) != len(outputs):
        raise RuntimeError(f"grad_tensors has {len(grads)} elements but tensors has "
                           f"{len(outputs)} elements")  # PyTorch's wording differs by caller
    return grads


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False,
             grad_variables=None, inputs=None):
    """Accumulate the gradients of `tensors` into the `.grad` of the leaves (or `inputs`)."""
    tensors = _tensors(tensors)
    if inputs is not None:
        inputs = _tensors(inputs)
        if not inputs:
            raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
        for t in inputs:  # a non-leaf input keeps its gradient, as after `retain_grad()`
            if t._ag is not None and t._ag.grad_fn is not None:
                _retain_grad(t)
    grads = _make_grads(tensors, _grad_list(tensors, grad_tensors if grad_variables is None
                                             else grad_variables))
    if retain_graph is None:
        retain_graph = create_graph
    if create_graph:
        warn_once(_CREATE_GRAPH_WARNING)
    run_backward(tensors, grads, retain_graph, create_graph, inputs, accumulate=True)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """The gradients of `outputs` with respect to `inputs`, as a tuple (no `.grad` changes)."""
    if materialize_grads and allow_unused is False:
        raise ValueError("Expected allow_unused to be True or not passed when "
                         "materialize_grads=True, but got: allow_unused=False.")
    if allow_unused is None:
        allow_unused = materialize_grads
    outputs = _tensors(outputs)
    inputs = _tensors(inputs)
    if not inputs:
        raise RuntimeError("`inputs` argument to `grad()` cannot be empty.")
    grads = _grad_list(outputs, grad_outputs)
    if retain_graph is None:
        retain_graph = create_graph
    if is_grads_batched:
        result = _batched_grad(outputs, inputs, grads, retain_graph, create_graph,
                               allow_unused)
    else:
        result = run_backward(outputs, _make_grads(outputs, grads), retain_graph,
                              create_graph, inputs, accumulate=False, allow_unused=allow_unused)
    if materialize_grads:
        result = [T.wrap(np.zeros_like(t._a)) if r is None else r
                  for r, t in zip(result, inputs)]
    return tuple(result)


def _batched_grad(outputs, inputs, grads, retain_graph, create_graph, allow_unused):
    """`grad` for each slice along the first dimension of the `grads`, stacked."""
    from .. import stack
    sizes = set()
    for i, (o, g) in enumerate(zip(outputs, grads)):
        if g is None:
            raise ValueError("vmap(vjp, in_dims=0, ...)(<inputs>): Got in_dim=0 for some "
                             "input, but that input is a Tensor of dimensionality 0 so "
                             "expected in_dim to satisfy 0 <= in_dim < 0.")
        if g._a.shape[1:] != o._a.shape:
            raise RuntimeError(
                "If `is_grads_batched=True`, we interpret the first dimension of each "
                "grad_output as the batch dimension. The sizes of the remaining dimensions "
                "are expected to match the shape of corresponding output, but a mismatch was "
                f"detected: grad_output[{i}] has a shape of {T.Size(g._a.shape[2:])} and "
                f"output[{i}] has a shape of {o.shape}. If you only want some tensors in "
                "`grad_output` to be considered batched, consider using vmap.")
        sizes.add(g._a.shape[0])
    if len(sizes) > 1:
        raise ValueError("vmap: Expected all tensors to have the same size in the mapped "
                         f"dimension, got sizes {[g._a.shape[0] for g in grads]} for the "
                         "mapped dimension")
    n = sizes.pop()
    rows = [run_backward(outputs, _make_grads(outputs, [g[b] for g in grads]),
                         retain_graph or b < n - 1, create_graph, inputs, accumulate=False,
                         allow_unused=allow_unused) for b in range(n)]
    return [None if col[0] is None else stack(col) for col in zip(*rows)]


# ---- Tensor methods ----------------------------------------------------------------------
def _backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate this tensor's gradient into the leaves (see `numtorch.autograd.backward`)."""
    backward(self, gradient, retain_graph, create_graph, inputs=inputs)


def _register_hook(self, hook):
    """Call `hook(grad)` when this tensor's gradient is computed (it may return a new one)."""
    ag = self._ag
    if ag is None or not ag.requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    if ag.grad_fn is None:
        return add_hook(ag, "hooks", hook)
    node, nr = edge(self)
    if node._tpre is None:
        node._tpre = {}
    holder = _Slot(node._tpre.get(nr))
    handle = add_hook(holder, "hooks", hook)
    node._tpre[nr] = holder.hooks
    return handle


class _Slot:
    __slots__ = ("hooks",)

    def __init__(self, hooks):
        self.hooks = hooks


def _retain_grad(self):
    """Keep this non-leaf tensor's gradient in `.grad` during backward."""
    ag = self._ag
    if ag is None or not ag.requires_grad:
        raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
    if ag.grad_fn is None or ag.retains_grad:
        return
    retain(self, *edge(self))


def _retains_grad(self):
    ag = self._ag
    return ag is not None and ag.retains_grad


def _register_post_accumulate_grad_hook(self, hook):
    """Call `hook(self)` after a backward pass has accumulated into this leaf's `.grad`."""
    ag = self._ag
    if ag is None or not ag.requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    if ag.grad_fn is not None:
        raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf "
                           "tensors")
    return add_hook(ag, "post_acc", hook)


def _output_nr(self):
    """Which output of its grad_fn this tensor is."""
    ag = self._ag
    return 0 if ag is None else ag.output_nr


def _get_grad(self):
    ag = self._ag
    if ag is None:
        return None
    if ag.grad is None and ag.grad_fn is not None and not ag.retains_grad:
        warnings.warn(_NON_LEAF_GRAD, UserWarning, stacklevel=2)
    return ag.grad


_CPP_NAMES = {"Bool": "bool", "Byte": "unsigned char", "UInt16": "short unsigned int",
              "UInt32": "unsigned int", "UInt64": "long unsigned int", "Char": "signed char",
              "Short": "short int", "Int": "int", "Long": "long int", "Half": "c10::Half",
              "Float": "float", "Double": "double", "ComplexHalf": "c10::complex<c10::Half>",
              "ComplexFloat": "c10::complex<float>", "ComplexDouble": "c10::complex<double>"}


def _set_grad(self, value):
    if value is not None:
        if not isinstance(value, T.Tensor):
            raise TypeError(f"assigned grad expected to be a Tensor or None but got grad "
                            f"of type {type(value).__name__}")
        if value.dtype is not self.dtype:
            name = SCALAR_NAME[value.dtype]
            cpp = _CPP_NAMES.get(name, "c10::" + name)
            raise RuntimeError(
                f"attempting to assign a gradient with dtype '{cpp}' to a tensor with "
                f"grad_dtype '{SCALAR_NAME[self.dtype]}'. The gradient must match the tensor's "
                "grad_dtype (defaults to the tensor's dtype). You can set the tensor's "
                "grad_dtype attribute with a specific dtype, or None to allow any dtype. "
                "Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient "
                "may break downstream systems that assume they match.")
        if value.shape != self.shape:
            raise RuntimeError(f"attempting to assign a gradient of size "
                               f"'{list(value.shape)}' to a tensor of size "
                               f"'{list(self.shape)}'. Please ensure that the gradient "
                               "and the tensor are the same size")
    if self._ag is None:
        if value is None:
            return
        self._ag = T.AutogradMeta()
    self._ag.grad = value


def attach():
    """Give Tensor its autograd methods (called once Tensor is defined)."""
    T.Tensor.backward = _backward
    T.Tensor.register_hook = _register_hook
    T.Tensor.register_post_accumulate_grad_hook = _register_post_accumulate_grad_hook
    T.Tensor.retain_grad = _retain_grad
    T.Tensor.retains_grad = property(_retains_grad)
    T.Tensor.output_nr = property(_output_nr)
    T.Tensor.grad = property(_get_grad, _set_grad)
    T.Tensor.is_inference = _is_inference


def _is_inference(self):
    """False: tensors made in `inference_mode` are ordinary tensors here."""
    return False
