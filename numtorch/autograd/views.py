"""In-place operations on views: the base's history is rebased, as PyTorch does.

After `v.mul_(2)` on a view `v` of `b`, `b.grad_fn` is a `CopySlices` node (the gradient of
`b` is the incoming one with `v`'s part replaced by the in-place op's gradient) and `v`
becomes an `AsStridedBackward0` view of the new `b`. Views of `b` made before an in-place
change of `b` regenerate their grad_fn the same way when next used.
"""
import numpy as np

from .grad_mode import STATE
from .graph import NO_EDGE, edge, node_class, retain, set_history, short_name

__all__ = ["inplace_history", "refresh", "mark_view", "check_inplace"]


def _geometry(t):
    """`(shape, byte strides, byte offset from the base's first element)` of tensor `t`."""
    base = t._view_of if t._view_of is not None else t
    offset = t._a.__array_interface__["data"][0] - base._a.__array_interface__["data"][0]
    return t._a.shape, t._a.strides, offset


def _span(a):
    """Bytes from `a`'s first element to one past its last (strides are non-negative)."""
    if not a.size:
        return 0
    return a.itemsize + sum((n - 1) * s for n, s in zip(a.shape, a.strides))


def _place(buf, geometry, dtype):
    shape, strides, offset = geometry
    return np.lib.stride_tricks.as_strided(buf[offset:].view(dtype), shape, strides)


def _elements(base_geom, view_geom, itemsize):
    """The view as `as_strided` arguments in elements, when tensor ops can run its backward
    (so that `create_graph=True` records it): a C-contiguous base, a non-overlapping view."""
    shape, strides, _ = base_geom
    expect = itemsize
    for n, s in zip(shape[::-1], strides[::-1]):
        if n > 1 and s != expect:
            return None
        expect *= n
    vshape, vstrides, offset = view_geom
    if any(s == 0 and n > 1 for n, s in zip(vshape, vstrides)):
        return None
    return vshape, tuple(s // itemsize for s in vstrides), offset // itemsize


def _as_strided_backward(base_geom, view_geom, dtype, nbytes):
    elements = _elements(base_geom, view_geom, dtype.itemsize)

    def backward(g):
        from .._tensor import wrap
        if STATE.enabled and elements is not None:  # create_graph: record this backward
            z = wrap(np.zeros(base_geom[0], dtype))
            z.as_strided(*elements).copy_(g)
            return z
        buf = np.zeros(nbytes, np.uint8)
        _add_into(_place(buf, view_geom, dtype), g._a)
        return wrap(_place(buf, base_geom, dtype).copy())
    return backward


def _add_into(view, g):
    """`view += g`, summing where `view`'s elements overlap (an expanded view)."""
    if all(s or n <= 1 for s, n in zip(view.strides, view.shape)):
        view += g
        return
    flat = np.lib.stride_tricks.as_strided(view, (1,), (view.itemsize,))  # first element
    offsets = sum(np.arange(n).reshape((-1,) + (1,) * (view.ndim - i - 1)) * (s // view.itemsize)
                  for i, (n, s) in enumerate(zip(view.shape, view.strides)))
    span = int(np.max(offsets)) + 1 if view.size else 1
    target = np.lib.stride_tricks.as_strided(flat, (span,), (view.itemsize,))
    np.add.at(target, np.broadcast_to(offsets, view.shape).ravel(),
              np.broadcast_to(g, view.shape).ravel())


def _copy_slices(base_geom, view_geom, dtype, nbytes, inner):
    elements = _elements(base_geom, view_geom, dtype.itemsize)

    def backward(g):
        from .._tensor import wrap
        from .engine import validate
        if STATE.enabled and elements is not None:  # create_graph: record this backward
            result = g.clone(memory_format=contiguous_format())
            part = result.as_strided(*elements)
            grads = validate(inner, inner.apply([part.clone()], True))
            part.zero_() if grads[0] is None else part.copy_(grads[0])
            return (result,) + tuple(grads[1:])
        buf = np.zeros(nbytes, np.uint8)
        _place(buf, base_geom, dtype)[...] = g._a
        part = _place(buf, view_geom, dtype)
        grads = validate(inner, inner.apply([wrap(part.copy())], True))
        part[...] = 0 if grads[0] is None else grads[0]._a
        return (wrap(_place(buf, base_geom, dtype).copy()),) + tuple(grads[1:])
    return backward


def contiguous_format():
    from .._tensor import contiguous_format as fmt
    return fmt


def _root_geometry(base):
    return base._a.shape, base._a.strides, 0


def _view_node(v, base):
    """An `AsStridedBackward0` node making `v` from `base`'s current history."""
    a = base._a
    nbytes = max(_span(a), a.itemsize)
    fn = _as_strided_backward(_root_geometry(base), _geometry(v), a.dtype, nbytes)
    return node_class("AsStridedBackward0")((edge(base),), fn, None,
                                            ((a.shape, a.dtype),))


def mark_view(v):
    """Note the version at which view `v` got its grad_fn (it is regenerated after)."""
    if v._view_of is not None and v._ag is not None:
        v._ag.version = v._version
    return v


def refresh(v):
    """`v`'s grad_fn, regenerated from its base if either was changed in place since it was
    set (the version then: noted by `mark_view`, else the one its node recorded)."""
    ag = v._ag
    fn = ag.grad_fn
    if fn is None:
        return None
    version = v._version
    if version != (ag.version if ag.version is not None else fn._version):
        base = v._view_of
        if base.requires_grad:
            old, old_nr = ag.grad_fn, ag.output_nr
            ag.grad_fn = _view_node(v, base)
            ag.output_nr = 0
            if ag.retains_grad:
                retain(v, ag.grad_fn, 0, old, old_nr)
        ag.version = version
    return ag.grad_fn


def check_inplace(t):
    """PyTorch's errors for an in-place write to `t` while grad mode is on: `t` is a leaf
    that requires grad or a view of one, one of several views returned by one op, a view
    returned by a custom Function, or a view made in no_grad mode of a tensor that requires
    grad."""
    ag = t._ag
    if ag is not None and ag.requires_grad and ag.grad_fn is None:
        if ag.acc is NO_EDGE:
            raise RuntimeError(_NO_GRAD_VIEW)
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place "
                           "operation.")
    base = t._view_of
    if base is None:
        return
    fn = ag.grad_fn if ag is not None else None
    if fn is not None and (fn._nout > 1 or fn.custom):
        what = ("This view is the output of a function that returns multiple views. Such "
                "functions do not allow the output views to be modified inplace. You should "
                "replace the inplace operation by an out-of-place one." if fn._nout > 1 else
                "This view was created inside a custom Function (or because an input was "
                "returned as-is) and the autograd logic to handle view+inplace would override "
                "the custom backward associated with the custom Function, leading to incorrect "
                "gradients. This behavior is forbidden. You can fix this by cloning the output "
                "of the custom Function.")
        raise RuntimeError(f"Output {ag.output_nr} of {short_name(fn.name())} is a view and is "
                           f"being modified inplace. {what}")
    bag = base._ag
    if bag is None or not bag.requires_grad:
        return
    if ag is None or not ag.requires_grad:
        raise RuntimeError(_NO_GRAD_VIEW)
    if bag.grad_fn is None:
        raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                           "in-place operation.")


_NO_GRAD_VIEW = (
    "A view was created in no_grad mode and is being modified inplace with grad mode "
    "enabled. Given that this use case is ambiguous and error-prone, it is forbidden. "
    "You can clarify your code by moving both the view and the inplace either both "
    "inside the no_grad block (if you don't want the inplace to be tracked) or both "
    "outside (if you want the inplace to be tracked).")


def inplace_history(t, node):
    """Make `node` (an in-place op just applied to `t`) part of `t`'s history; when `t` is
    a view, rebase its base onto a CopySlices node."""
    base = t._view_of
    if base is None:
        set_history(t, node)
        return t
    a = base._a
    nbytes = max(_span(a), a.itemsize)
    fn = _copy_slices(_root_geometry(base), _geometry(t), a.dtype, nbytes, node)
    copy = node_class("CopySlices")((edge(base),) + node.next_functions[1:], fn, None,
                                    ((a.shape, a.dtype),) + node._meta[1:])
    set_history(base, copy)
    set_history(t, _view_node(t, base))
    return mark_view(t)
