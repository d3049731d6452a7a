"""The backward engine: runs the recorded graph from its roots to the leaves.

Nodes run once all their output gradients have arrived, latest-recorded first (as
PyTorch's sequence numbers order them). The engine, not each op, reduces a broadcast
gradient to its input's shape and casts it to the input's dtype.
"""
import heapq

import numpy as np

from .. import _tensor as T
from .._convert import non_overlapping_and_dense, preserve_copy
from . import anomaly_mode
from .anomaly_mode import STATE as ANOMALY
from .graph import AccumulateGrad, edge, record, set_history
from .grad_mode import STATE

__all__ = ["run_backward", "validate"]

_HALVES = (np.dtype(np.float16), T.D.bfloat16.np)


def _sum_to(g, shape):
    """`g` summed down to `shape` (which it was broadcast from)."""
    lead = g.dim() - len(shape)
    dims = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape)
                                      if n == 1 and g.shape[lead + i] != 1)
    if not dims:
        return g
    if not STATE.enabled:  # no graph to record: NumPy directly (halves summed in float32)
        a = g._a
        r = np.add.reduce(a, dims, np.float32 if a.dtype in _HALVES else None, keepdims=True)
        return T.wrap(r.reshape(shape).astype(a.dtype, copy=False))
    g = g.sum(dims, keepdim=True)
    return g.reshape(shape) if lead else g


def validate(node, grads):
    """Check and fix the input gradients `grads` of `node`: one per edge, each reduced to
    its input's shape and cast to its dtype."""
    meta = node._meta
    if len(grads) != len(meta):
        raise RuntimeError(f"function {node.name()} returned an incorrect number of gradients "
                           f"(expected {len(meta)}, got {len(grads)})")
    out = list(grads)
    for i, g in enumerate(grads):
        if g is None:
            continue
        if meta[i] is None:  # an operand without a tensor (a Python number): no gradient
            out[i] = None
            continue
        shape, dtype = meta[i]
        if g._a.shape != shape:
            if not _expandable(shape, g._a.shape):
                raise RuntimeError(f"Function {node.name()} returned an invalid gradient at "
                                   f"index {i} - got {list(g.shape)} but expected shape "
                                   f"compatible with {list(shape)}")
            g = _sum_to(g, shape)
        if g._a.dtype != dtype:
            if g._a.dtype.kind == "c" and dtype.kind != "c":
                g = g.real
            g = g.to(T.D.FROM_NP[dtype])
        out[i] = g
    return out


def _expandable(shape, to):
    if len(shape) > len(to):
        return False
    return all(a == b or a == 1 for a, b in zip(shape[::-1], to[::-1]))


def _dependencies(roots, targets):
    """Count the edges into every node reachable from `roots`; with `targets` (a set of
    nodes), keep only the nodes from which a target can be reached."""
    deps, order = {}, []
    stack = list(dict.fromkeys(n for n in roots if n is not None))
    seen = set(stack)
    pop, push, add = stack.pop, stack.append, seen.add
    while stack:
        n = pop()
        order.append(n)
        for nxt, _ in n.next_functions:
            if nxt is not None:
                if nxt in seen:
                    deps[nxt] = deps.get(nxt, 0) + 1
                else:
                    deps[nxt] = 1
                    add(nxt)
                    push(nxt)
    if targets is None:
        return deps, None
    needed = set(targets)
    changed = True
    while changed:  # fixed point over the (acyclic) graph, in reverse discovery order
        changed = False
        for n in reversed(order):
            if n not in needed and any(m in needed for m, _ in n.next_functions):
                needed.add(n)
                changed = True
    return deps, needed


def _leaf_hooks(node):
    t = node._variable()
    return t is not None and t._ag is not None and t._ag.hooks


def _run_tensor_hooks(node, nr, g):
    hooks = node._tpre.get(nr) if node._tpre else None
    if type(node) is AccumulateGrad:
        t = node.variable
        hooks = t._ag.hooks if t is not None and t._ag is not None else None
    if hooks:
        for fn in list(hooks.values()):
            r = fn(g)
            if r is not None:
                g = _checked_hook_result(fn, r, g)
    retain = node._retain.get(nr) if node._retain else None
    if retain is not None:
        t = retain()
        if t is not None and t._ag is not None and t._ag.retains_grad:
            ag = t._ag
            ag.grad = g.detach().clone() if ag.grad is None else ag.grad + g
    return g


def _checked_hook_result(fn, r, g):
    """`r`, returned by tensor hook `fn` for gradient `g`: PyTorch's errors when it is not
    a tensor or changes the gradient's size or type."""
    if not isinstance(r, T.Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(r).__name__}'")
    name = getattr(fn, "__name__", type(fn).__name__)
    if r.dtype is not g.dtype:
        raise RuntimeError(f"hook '{name}' has changed the type of value (was {g.type()} got "
                           f"{r.type()})")
    if r._a.shape != g._a.shape:
        raise RuntimeError(f"hook '{name}' has changed the size of value")
    return r


def _post_accumulate(t, hooks):
    """Run leaf `t`'s post-accumulate-grad hooks (each gets the leaf)."""
    for fn in list(hooks.values()):
        r = fn(t)
        if r is not None:
            raise TypeError(f"expected Variable, but hook returned '{type(r).__name__}'")


def _accumulate(node, g, create_graph, owned):
    """Add gradient `g` into leaf `node.variable`'s `.grad` (taking `g` itself when it is
    owned by nobody else and laid out as the leaf is, as PyTorch does), then run its
    post-accumulate-grad hooks."""
    t = node.variable
    if t is None:
        return
    ag = t._ag
    if ag.grad is None:
        if not create_graph and owned and g._view_of is None and g._a.flags.owndata \
                and (g._a.strides == t._a.strides or g._a.size <= 1):
            ag.grad = g.detach()
        else:
            ag.grad = _layout_like(g, t, create_graph)
    elif create_graph:
        ag.grad = ag.grad + g
    else:
        old = ag.grad
        if old._a.dtype == g._a.dtype and old._a.shape == g._a.shape and old._ag is None:
            T.storage(old).version += 1
            np.add(old._a, g._a, out=old._a)
        else:
            old.add_(g.detach())
    if ag.post_acc:
        _post_accumulate(t, ag.post_acc)


def _layout_like(g, t, create_graph):
    """A copy of gradient `g` with leaf `t`'s strides (PyTorch's gradient layout contract);
    with `create_graph`, recorded as PyTorch's `CopyBackwards`."""
    a = t._a
    out = preserve_copy(a) if non_overlapping_and_dense(a) else np.empty(a.shape, a.dtype)
    out[...] = g._a
    r = T.wrap(out)
    if create_graph and g.requires_grad:
        set_history(r, record("CopyBackwards", (g,), _identity))
    return r


def _identity(g):
    return g


def run_backward(roots, grads, retain_graph, create_graph, inputs=None, accumulate=True,
                 allow_unused=False):
    """Backpropagate `grads` from the tensors `roots`. With `accumulate`, add into `.grad`
    (of `inputs` only, when given); without, return the gradients of `inputs`."""
    root_edges = []
    for i, r in enumerate(roots):
        e = edge(r)
        if e[0] is None:
            raise RuntimeError(f"element {i} of tensors does not require grad and does not "
                               "have a grad_fn")
        root_edges.append(e)
    targets = capture = None
    if inputs is not None:
        capture = {}
        for i, t in enumerate(inputs):
            e = edge(t)
            if e[0] is None:
                raise RuntimeError("One of the differentiated Tensors does not require grad")
            capture.setdefault(e[0], []).append((e[1], i))
        targets = set(capture)
    deps, needed = _dependencies([e[0] for e in root_edges], targets)
    buffers = {}
    shared = ({id(g) for g in grads}, set())  # (not owned, placed)
    for (node, nr), g in zip(root_edges, grads):
        _add(buffers, node, nr, g, shared)
    ready = [(-n._seq, id(n), n) for n in buffers if not deps.get(n)]
    heapq.heapify(ready)
    results = [None] * (len(inputs) if inputs is not None else 0)
    prev = STATE.enabled
    STATE.enabled = create_graph
    pop, push = heapq.heappop, heapq.heappush
    try:
        while ready:
            node = pop(ready)[2]
            grads_in = buffers.pop(node)
            is_leaf = type(node) is AccumulateGrad
            if node._tpre or node._retain or is_leaf and _leaf_hooks(node):
                grads_in = [g if g is None else _run_tensor_hooks(node, nr, g)
                            for nr, g in enumerate(grads_in)]
            if node._pre:
                grads_in = _pre_hooks(node, grads_in)
            if capture is not None and node in capture:
                for nr, i in capture[node]:
                    results[i] = grads_in[nr]
            if is_leaf:
                g = grads_in[0]
                if accumulate and g is not None:
                    _accumulate(node, g, create_graph, id(g) not in shared[0])
                if node._post and accumulate:
                    _post_hooks(node, (), grads_in)
                continue
            if needed is not None and not any(m in needed for m, _ in node.next_functions):
                continue
            if grads_in[0] is None and not hasattr(node, "materialize_grads") and all(
                    g is None for g in grads_in):  # no gradient reached a built-in node
                node.unpack(retain_graph)  # (its saved tensors checked and freed all the same)
                out = (None,) * len(node.next_functions)
            elif ANOMALY.enabled:
                out = _checked(node, grads_in, retain_graph)
            else:
                out = validate(node, node.apply(grads_in, retain_graph))
            if node._post:
                out = _post_hooks(node, out, grads_in)
            not_owned, placed = shared
            for (nxt, nr), g in zip(node.next_functions, out):
                if nxt is None or needed is not None and nxt not in needed:
                    continue
                buf = buffers.get(nxt)
                if buf is None:
                    buf = buffers[nxt] = [None] * nxt._nout
                if g is not None:
                    key = id(g)
                    if key in placed:
                        not_owned.add(key)
                    placed.add(key)
                    buf[nr] = g if buf[nr] is None else buf[nr] + g
                left = deps[nxt] = deps[nxt] - 1
                if not left:
                    push(ready, (-nxt._seq, id(nxt), nxt))
    finally:
        STATE.enabled = prev
    if not accumulate and not allow_unused:
        for i, r in enumerate(results):
            if r is None:
                raise RuntimeError(f"The differentiated Tensor at index {i} appears to not "
                                   "have been used in the graph. Set allow_unused=True if "
                                   "this is the desired behavior.")
    return results


def _checked(node, grads_in, retain_graph):
    """`node`'s validated gradients, with anomaly mode's NaN check and error report."""
    try:
        out = validate(node, node.apply(grads_in, retain_graph))
        anomaly_mode.check_nan(node, out)
    except Exception as exc:
        anomaly_mode.report(node, exc)
        raise
    return out


def _pre_hooks(node, grads_in):
    for fn in list(node._pre.values()):
        r = fn(tuple(grads_in))
        if r is not None:
            grads_in = list(r)
    return grads_in


def _post_hooks(node, out, grads_in):
    for fn in list(node._post.values()):
        r = fn(tuple(out), tuple(grads_in))
        if r is not None:
            out = list(r)
    return out


def _add(buffers, node, nr, g, shared):
    """Put gradient `g` into `node`'s input buffer (summing with one already there).
    A gradient placed twice is not owned by either place (`shared`): it gets copied
    before it becomes a `.grad`."""
    buf = buffers.get(node)
    if buf is None:
        buf = buffers[node] = [None] * node._nout
    key = id(g)
    if key in shared[1]:
        shared[0].add(key)
    shared[1].add(key)
    buf[nr] = g if buf[nr] is None else buf[nr] + g
