"""`numtorch.autograd.functional`: Jacobians, Hessians and their products with vectors, with
PyTorch's signatures, options and errors (`create_graph`, `strict`, `vectorize`, `strategy`).

Forward-mode strategies give the same values computed in reverse mode (numtorch has no
forward AD); `jvp` and `hvp` use the double-backward trick, as PyTorch's do.

>>> import numtorch
>>> from numtorch.autograd.functional import jacobian, hessian
>>> jacobian(lambda x: x ** 2, numtorch.tensor([1.0, 2.0]))
tensor([[2., 0.],
        [0., 4.]])
>>> hessian(lambda x: (x ** 3).sum(), numtorch.tensor([1.0, 2.0]))
tensor([[ 6.,  0.],
        [ 0., 12.]])
"""
import numpy as np

from .. import _tensor as T
from .api import grad
from .grad_mode import STATE, enable_grad, set_grad_enabled

__all__ = ["vjp", "jvp", "jacobian", "hessian", "hvp", "vhp"]

_OUTPUTS = "outputs of the user-provided function"


def _as_tuple(x, arg_name, fn_name):
    """`(was_tuple, x as a tuple of tensors)`, with PyTorch's TypeError for anything else."""
    is_tuple = isinstance(x, tuple)
    items = x if is_tuple else (x,)
    for i, el in enumerate(items):
        if not isinstance(el, T.Tensor):
            where = f"value at index {i}" if is_tuple else f"given {arg_name}"
            raise TypeError(f"The {arg_name} given to {fn_name} must be either a Tensor or a "
                            f"tuple of Tensors but the {where} has type {type(el)}.")
    return is_tuple, items


def _unpack(res, was_tuple):
    """Undo `_as_tuple` (for a pair of flags: on the outer and inner levels)."""
    if isinstance(was_tuple, tuple):
        outer, inner = was_tuple
        if not inner:
            res = tuple(el[0] for el in res)
        return res if outer else res[0]
    return res if was_tuple else res[0]


def _prepare(inputs, create_graph, need_graph):
    """New tensor objects for `inputs`: attached to their history only with
    `create_graph`, otherwise detached (requiring grad when `need_graph`)."""
    return tuple(t.view_as(t) if create_graph and t.requires_grad
                 else t.detach().requires_grad_(need_graph) for t in inputs)


def _finish(tensors, create_graph):
    """Results without history unless `create_graph` (tuples nested to any depth)."""
    if create_graph:
        return tensors
    return tuple(t.detach() if isinstance(t, T.Tensor) else _finish(t, False)
                 for t in tensors)


def _check_v(v, other, other_is_tuple):
    if len(v) != len(other):
        if other_is_tuple:
            raise RuntimeError(f"v is a tuple of invalid length: should be {len(other)} but "
                               f"got {len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for i, (a, b) in enumerate(zip(v, other)):
        if a.shape != b.shape:
            prefix = f"Entry {i} in " if other_is_tuple else ""
            raise RuntimeError(f"{prefix}v has invalid size: should be {b.shape} but got "
                               f"{a.shape}.")


_INDEPENDENT = {
    "grad_inputs": "The gradient with respect to input {i} is independent of the inputs of "
                   "the user-provided function. This is not allowed in strict mode.",
    "jacobian": "While computing the hessian, found that the jacobian of the user-provided "
                "function with respect to input {i} is independent of the input. This is not "
                "allowed in strict mode. You should ensure that your function is twice "
                "differentiable and that the jacobian depends on the inputs (this would be "
                "violated by a linear function for example).",
    "hessian": "The hessian of the user-provided function with respect to input {i} is "
               "independent of the input. This is not allowed in strict mode. You should "
               "ensure that your function is thrice differentiable and that the hessian "
               "depends on the inputs.",
    "outputs": "Output {i} of the user-provided function does not require gradients. The "
               "outputs must be computed in a differentiable manner from the input when "
               "running in strict mode.",
}


def _check_requires_grad(tensors, kind, strict):
    """strict mode: every one of `tensors` (of `kind`) must be present and require grad."""
    if not strict:
        return
    for i, t in enumerate(tensors):
        if t is None:
            raise RuntimeError(f"The output of the user-provided function is independent of "
                               f"input {i}. This is not allowed in strict mode.")
        if not t.requires_grad:
            raise RuntimeError(_INDEPENDENT[kind].format(i=i))


def _grad(outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None,
          is_grads_batched=False):
    """`autograd.grad` over the outputs that require grad (None for every input if none)."""
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o is not None and o.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    return grad([o for o, _ in pairs], inputs, [g for _, g in pairs], allow_unused=True,
                create_graph=create_graph, retain_graph=retain_graph,
                is_grads_batched=is_grads_batched)


_MISSING = {
    "back": "The output of the user-provided function is independent of input {i}. This is "
            "not allowed in strict mode.",
    "back_trick": "The gradient with respect to the input is independent of entry {i} in the "
                  "grad_outputs when using the double backward trick to compute forward mode "
                  "gradients. This is not allowed in strict mode.",
    "double_back": "The jacobian of the user-provided function is independent of input {i}. "
                   "This is not allowed in strict mode.",
    "double_back_trick": "The hessian of the user-provided function is independent of entry "
                         "{i} in the grad_jacobian. This is not allowed in strict mode as it "
                         "prevents from using the double backward trick to replace forward "
                         "mode AD.",
}


def _zeros_like(t):
    return T.wrap(np.zeros_like(t._a))


def _fill_in_zeros(grads, refs, strict, create_graph, stage):
    """`grads` with zeros for the missing ones (strict mode: PyTorch's errors instead)."""
    out = []
    for i, g in enumerate(grads):
        if g is None:
            if strict:
                raise RuntimeError(_MISSING[stage].format(i=i))
            g = _zeros_like(refs[i])
        elif strict and create_graph and not g.requires_grad:
            what = "hessian" if "double" in stage else "jacobian"
            raise RuntimeError(f"The {what} of the user-provided function is independent of "
                               f"input {i}. This is not allowed in strict mode when "
                               "create_graph=True.")
        out.append(g)
    return tuple(out)


def _setup(func, inputs, v, create_graph, strict, name, v_like_inputs):
    """Shared first steps: inputs and v prepared and checked, `func` run (grad enabled)."""
    is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", name)
    inputs = _prepare(inputs, create_graph, True)
    if v_like_inputs:
        v = _setup_v(v, inputs, is_inputs_tuple, create_graph, name,
                     "The vector v can only be None if the input to the user-provided "
                     "function is a single Tensor with a single element.")
    is_outputs_tuple, outputs = _as_tuple(func(*inputs), _OUTPUTS, name)
    _check_requires_grad(outputs, "outputs", strict)
    return is_inputs_tuple, inputs, v, is_outputs_tuple, outputs


def _setup_v(v, like, like_is_tuple, create_graph, name, none_message):
    if v is None:
        if len(like) != 1 or like[0].numel() != 1:
            raise RuntimeError(none_message)
        return None
    v = _prepare(_as_tuple(v, "v", name)[1], create_graph, False)
    _check_v(v, like, like_is_tuple)
    return v


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """`(func(inputs), v^T J)`: the vector-Jacobian product at `inputs`."""
    with enable_grad():
        is_inputs_tuple, inputs, _, is_outputs_tuple, outputs = _setup(
            func, inputs, None, create_graph, strict, "vjp", False)
        v = _setup_v(v, outputs, is_outputs_tuple, create_graph, "vjp",
                     "The vector v can only be None if the user-provided function returns a "
                     "single Tensor with a single element.")
    with set_grad_enabled(create_graph or STATE.enabled):
        res = _fill_in_zeros(_grad(outputs, inputs, v, create_graph), inputs, strict,
                             create_graph, "back")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(res, create_graph), is_inputs_tuple))


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """`(func(inputs), J v)`: the Jacobian-vector product at `inputs`."""
    with enable_grad():
        is_inputs_tuple, inputs, v, is_outputs_tuple, outputs = _setup(
            func, inputs, v, create_graph, strict, "jvp", True)
        # backward is linear in its grad_outputs: differentiating it by them gives J v
        grad_outputs = tuple(_zeros_like(o).requires_grad_() for o in outputs)
        grad_inputs = _grad(outputs, inputs, grad_outputs, create_graph=True)
        _check_requires_grad(grad_inputs, "grad_inputs", strict)
    with set_grad_enabled(create_graph or STATE.enabled):
        res = _fill_in_zeros(_grad(grad_inputs, grad_outputs, v, create_graph), outputs,
                             strict, create_graph, "back_trick")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(res, create_graph), is_outputs_tuple))


def _basis(tensors):
    """For each tensor, its block of the identity over all their elements (rows: the
    elements of all tensors; columns: this tensor's), as batched grad_outputs."""
    sizes = [t.numel() for t in tensors]
    total, start, out = sum(sizes), 0, []
    for t, n in zip(tensors, sizes):
        block = np.zeros((total, n), t._a.dtype)
        block[start:start + n] = np.eye(n, dtype=t._a.dtype)
        out.append(T.wrap(block))
        start += n
    return tuple(out)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False,
             strategy="reverse-mode"):
    """The Jacobian of `func` at `inputs`: one tensor of shape `out.shape + in.shape` per
    (output, input) pair, nested as the outputs and inputs are."""
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode". '
                             'Hint: If your function has more outputs than inputs, '
                             '"forward-mode" tends to be more performant. Otherwise, prefer to '
                             'use "reverse-mode".')
    if strategy == "forward-mode":
        if create_graph:
            raise NotImplementedError(
                "torch.autograd.functional.jacobian: `create_graph=True` and "
                '`strategy="forward-mode"` are not supported together (yet). Please either '
                'set `create_graph=False` or `strategy="reverse-mode"`.')
        if strict:
            raise RuntimeError(
                'torch.autograd.functional.jacobian: `strict=True` and `strategy="forward-'
                'mode"` are not supported together (yet). Please either set `strict=False` '
                'or `strategy="reverse-mode"`.')
        if not vectorize:
            raise NotImplementedError("Computing Jacobian using forward-AD or forward-over-"
                                      "reverse Hessian isonly implemented for `vectorize=True`.")
    with enable_grad():
        is_inputs_tuple, inputs, _, is_outputs_tuple, outputs = _setup(
            func, inputs, None, create_graph, strict, "jacobian", False)
        if vectorize:
            if strict:
                raise RuntimeError("torch.autograd.functional.jacobian: `strict=True` and "
                                   "`vectorized=True` are not supported together. Please "
                                   "either set `strict=False` or `vectorize=False`.")
            jac = _vectorized(outputs, inputs, create_graph)
            if strategy == "forward-mode":
                jac = tuple(tuple(_forward_layout(j, o) for j in row)
                            for row, o in zip(jac, outputs))
        else:
            jac = tuple(_jacobian_of(i, out, inputs, create_graph, strict)
                        for i, out in enumerate(outputs))
        return _unpack(_finish(jac, create_graph), (is_outputs_tuple, is_inputs_tuple))


def _vectorized(outputs, inputs, create_graph):
    """All rows of the Jacobian from one batched backward (as PyTorch's `vectorize=True`)."""
    numels = [o.numel() for o in outputs]
    rows = _grad(tuple(o.reshape(-1) for o in outputs), inputs, _basis(outputs),
                 create_graph=create_graph, is_grads_batched=True)
    total = sum(numels)
    per_input = []
    for r, inp in zip(rows, inputs):
        if r is None:
            r = _zeros_like(inp).expand((total,) + tuple(inp.shape))
        per_input.append([part.view(o.shape + inp.shape)
                          for part, o in zip(r.split(numels, 0), outputs)])
    return tuple(zip(*per_input))


def _forward_layout(jac, out):
    """`jac` laid out as forward mode makes it: one contiguous block per input element,
    moved to the end."""
    n = out.dim()
    cols = jac.reshape(tuple(out.shape) + (-1,))
    return cols.permute(n, *range(n)).contiguous().permute(*range(1, n + 1), 0) \
        .reshape(jac.shape)


def _jacobian_of(i, out, inputs, create_graph, strict):
    """The Jacobians of output `i` with respect to every input, one backward per element."""
    from .. import stack
    rows = [[] for _ in inputs]
    flat = out.reshape(-1)
    for j in range(out.numel()):
        grads = _grad((flat[j],), inputs, retain_graph=True, create_graph=create_graph)
        for k, (g, inp) in enumerate(zip(grads, inputs)):
            if g is None:
                if strict:
                    raise RuntimeError(f"Output {i} of the user-provided function is "
                                       f"independent of input {k}. This is not allowed in "
                                       "strict mode.")
                g = _zeros_like(inp)
            elif strict and create_graph and not g.requires_grad:
                raise RuntimeError(f"The jacobian of the user-provided function is "
                                   f"independent of input {i}. This is not allowed in strict "
                                   "mode when create_graph=True.")
            rows[k].append(g)
    return tuple(stack(r, 0).view(out.shape + inp.shape) for r, inp in zip(rows, inputs))


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """The Hessian of scalar function `func` at `inputs` (nested per pair of inputs)."""
    is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')

    def single_output(*inp):
        out = func(*inp)
        is_tuple, outs = _as_tuple(out, _OUTPUTS, "hessian")
        _check_requires_grad(outs, "outputs", strict)
        if is_tuple:
            raise RuntimeError("The function given to hessian should return a single Tensor")
        if out.numel() != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should "
                               "contain a single element")
        return out.squeeze()

    def jac_func(*inp):
        if outer_jacobian_strategy == "forward-mode":
            inp = tuple(t.requires_grad_(True) for t in inp)
        jac = jacobian(single_output, inp, create_graph=True)
        _check_requires_grad(jac, "jacobian", strict)
        return jac

    res = jacobian(jac_func, inputs, create_graph=create_graph, strict=strict,
                   vectorize=vectorize, strategy=outer_jacobian_strategy)
    return _unpack(res, (is_inputs_tuple, is_inputs_tuple))


def _scalar_setup(func, inputs, v, create_graph, strict, name):
    """vhp/hvp: `_setup` plus the check that `func` returns one single-element tensor, and
    its gradient with a graph."""
    is_inputs_tuple, inputs, v, is_outputs_tuple, outputs = _setup(
        func, inputs, v, create_graph, strict, name, True)
    if is_outputs_tuple:
        raise RuntimeError(f"The function given to {name} should return a single Tensor")
    if outputs[0].numel() != 1:
        raise RuntimeError(f"The Tensor returned by the function given to {name} should "
                           "contain a single element")
    jac = _grad(outputs, inputs, create_graph=True)
    _check_requires_grad(jac, "jacobian", strict)
    return is_inputs_tuple, inputs, v, is_outputs_tuple, outputs, jac


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """`(func(inputs), v^T H)`: the vector-Hessian product of scalar function `func`."""
    with enable_grad():
        is_inputs_tuple, inputs, v, is_outputs_tuple, outputs, jac = _scalar_setup(
            func, inputs, v, create_graph, strict, "vhp")
    with set_grad_enabled(create_graph or STATE.enabled):
        res = _fill_in_zeros(_grad(jac, inputs, v, create_graph), inputs, strict,
                             create_graph, "double_back")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(res, create_graph), is_inputs_tuple))


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """`(func(inputs), H v)`: the Hessian-vector product of scalar function `func`."""
    with enable_grad():
        is_inputs_tuple, inputs, v, is_outputs_tuple, outputs, jac = _scalar_setup(
            func, inputs, v, create_graph, strict, "hvp")
        grad_jac = tuple(_zeros_like(t).requires_grad_() for t in inputs)
        double_back = _grad(jac, inputs, grad_jac, create_graph=True)
        _check_requires_grad(jac, "hessian", strict)
    with set_grad_enabled(create_graph or STATE.enabled):
        res = _fill_in_zeros(_grad(double_back, grad_jac, v, create_graph), inputs, strict,
                             create_graph, "double_back_trick")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(res, create_graph), is_inputs_tuple))
