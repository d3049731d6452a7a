"""Gradients of indexing against PyTorch where the op table cannot express them: writes
into tensors (`t[i] = v`, copy_, fill_), views and their in-place changes, leaf errors,
double backward and the in-place modification checks of saved tensors."""
import pytest

from diff import same


def leaf(m, values=(1.0, 2.0, 3.0, 4.0), dtype="float64"):
    return m.tensor(list(values), dtype=getattr(m, dtype), requires_grad=True)


def grid(m, dtype="float64"):
    return m.arange(12, dtype=getattr(m, dtype)).reshape(3, 4).requires_grad_()


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


def grads(out, *inputs):
    """`out`'s grad_fn name and the gradients of `inputs` (`out` weighted by 1, 2, 3...)."""
    m = __import__(type(out).__module__.split(".")[0])
    weights = m.arange(1, out.numel() + 1, dtype=out.dtype).reshape(out.shape)
    return name(out), m.autograd.grad(out, inputs, weights, allow_unused=True)


def _leaf_no_grad(m):
    x = leaf(m)
    with m.no_grad():
        x[0] = 9.0
        x[[1]] = 8.0
    return x


def _write_into_zeros(m):
    x = leaf(m)
    out = m.zeros(4, dtype=m.float64)
    out[0] = x[1] * 2
    out[2:] = x[:2]
    return grads(out, x)


def _setitem(idx, value):
    def run(m):
        x = leaf(m)
        y = x * 1
        y[idx(m) if callable(idx) else idx] = value
        return grads(y, x)
    return run


def _setitem_value(idx, shape, base_shape=(2, 4)):
    """`y[idx] = w` with `w` of `shape` requiring grad: both gradients."""
    def run(m):
        x = m.ones(base_shape, dtype=m.float64, requires_grad=True)
        w = m.full(shape, 5.0, dtype=m.float64, requires_grad=True)
        y = x * 1
        y[idx(m) if callable(idx) else idx] = w
        return grads(y, x, w)
    return run


def _names(m):
    """grad_fn names of `x[i]` and of `y` after `y[i] = 2` for basic and mixed indices."""
    x = grid(m)
    out = []
    for i in (slice(None), (slice(None),), (slice(0, 9), 1), (1, slice(None)), Ellipsis,
              (Ellipsis, None), (slice(None), m.tensor(1)), True, (True, 0), False,
              (0, [1, 2]), (slice(None), [1, 2]), (slice(1, None), [0, 0]), (None, [0])):
        y = x * 1
        y[i] = 2.0
        out.append((name(x[i]), name(y)))
    return out


def _view_then_write(m):
    x, w = leaf(m), leaf(m, (7.0,))
    y = x * 1
    v = y[1:]
    v[0] = w[0] * 3
    return name(v), grads(y, x, w), grads(v * 1, x, w)


def _indexed(m, idx):
    x = grid(m)
    return grads(x[idx(m) if callable(idx) else idx], x)


def _double(fn):
    """Second derivative through `fn(m, x)`: d/dx of sum(grad * grad) of `fn`."""
    def run(m):
        x = leaf(m)
        y = fn(m, x)
        g, = m.autograd.grad((y * y).sum(), x, create_graph=True)
        return g, m.autograd.grad((g * g).sum(), x)
    return run


def _modified_after(fn, modify):
    """`fn(m, y)` saves `y = x * 1` (or its own result); `modify(y)` then changes `y` in
    place before the backward."""
    def run(m):
        x = leaf(m)
        y = x * 1
        out = fn(m, y)
        modify(y)
        return m.autograd.grad(out.sum(), x)
    return run


def _iterate(m):
    x = leaf(m)
    a, b, c, d = x
    return name(a), grads(a * b + c * d, x)


def _copy(src_dtype, src_shape=(4,)):
    def run(m):
        x = leaf(m)
        s = m.full(src_shape, 2, dtype=getattr(m, src_dtype), requires_grad=True)
        y = x * 1
        y.copy_(s)
        return grads(y, x, s)
    return run


def _fill(value):
    def run(m):
        x = leaf(m)
        v = m.tensor(value, requires_grad=True) if value is not None else None
        y = x * 1
        if v is None:
            y.zero_()
            return grads(y, x)
        y.fill_(v)
        return grads(y, x, v)
    return run


CASES = {
    # t[i] = v
    "write_into_zeros": _write_into_zeros,
    "nonleaf_int_index": _setitem(0, 0.0),
    "nonleaf_slice": _setitem(slice(1, None, 2), 5.0),
    "nonleaf_list": _setitem([0, 0, 2], 5.0),
    "nonleaf_mask": _setitem(lambda m: m.tensor([True, False, True, False]), 5.0),
    "leaf_int_index_raises": lambda m: leaf(m).__setitem__(0, 1.0),
    "leaf_list_raises": lambda m: leaf(m).__setitem__([0], 1.0),
    "leaf_view_inplace_raises": lambda m: leaf(m)[1:].mul_(2),
    "leaf_fill_raises": lambda m: leaf(m).fill_(1.0),
    "leaf_copy_raises": lambda m: leaf(m).copy_(m.zeros(4, dtype=m.float64)),
    "leaf_no_grad_ok": _leaf_no_grad,
    "value_basic": _setitem_value(0, (4,)),
    "value_broadcast": _setitem_value(slice(None), (4,)),
    "value_leading_ones": _setitem_value(1, (1, 1, 4)),
    "value_scalar_tensor": _setitem_value((0, 1), ()),
    "value_advanced": _setitem_value([1, 1], (4,)),
    "value_advanced_leading_ones": _setitem_value([0, 1], (1, 1, 4)),
    "value_mask_one_element": _setitem_value(
        lambda m: m.tensor([[True, False, True, False]] * 2), (1,)),
    "view_then_write": _view_then_write,
    "names": _names,
    "value_mixed_index": _setitem_value((0, [1, 2]), (2,)),
    "value_mixed_index_repeats": _setitem_value((slice(1, None), [0, 0]), (1, 1)),
    "value_true": _setitem_value(True, (4,)),
    "value_whole": _setitem_value((slice(None), slice(0, 9)), ()),
    "int_tensor_takes_no_grad": lambda m: [y for y in [m.zeros(3, dtype=m.int64)]
                                           if y.__setitem__(0, leaf(m)[0]) or True][0],
    # t[i]
    "select": lambda m: _indexed(m, (1, -1)),
    "slice_step": lambda m: _indexed(m, (slice(None), slice(0, None, 3))),
    "unsqueeze": lambda m: _indexed(m, (None, 1)),
    "alias": lambda m: _indexed(m, Ellipsis),
    "index_repeats": lambda m: _indexed(m, ([0, 2, 0], slice(1, 3))),
    "index_mask": lambda m: _indexed(m, lambda m: m.tensor([[True, False] * 2] * 3)),
    "iterate": _iterate,
    # copy_, fill_, zero_
    "copy_same": _copy("float64"),
    "copy_float32_src": _copy("float32"),
    "copy_broadcast_src": _copy("float64", (1,)),
    "copy_complex_src": _copy("complex128"),
    "fill_tensor": _fill(2.5),
    "zero": _fill(None),
    # double backward
    "double_getitem": _double(lambda m, x: x[1:] * x[:3]),
    "double_index": _double(lambda m, x: x[[0, 0, 3]] ** 2),
    "double_setitem": _double(lambda m, x: [y for y in [x * x] if y.__setitem__(1, x[0] * x[2])
                                            or True][0]),
    "double_gather": _double(lambda m, x: x.gather(0, m.tensor([3, 3, 1])) * x[:3]),
    "double_index_select": _double(lambda m, x: x.index_select(0, m.tensor([1, 1])) ** 3),
    "double_masked_fill": _double(lambda m, x: (x * x).masked_fill(
        m.tensor([True, False, False, True]), 0.0) * x),
    "double_take": _double(lambda m, x: x.take(m.tensor([2, 0])) ** 2),
    "double_scatter_add": _double(lambda m, x: (x * x).scatter_add(
        0, m.tensor([0, 0]), x[2:] ** 2)),
    "double_scatter_reduce_prod": _double(lambda m, x: x.scatter_reduce(
        0, m.tensor([1, 1]), x[:2] * 2, "prod")),
    "double_index_put": _double(lambda m, x: (x * 1).index_put(
        (m.tensor([1, 1]),), x[2:] ** 2, accumulate=True) * x),
    "double_masked_scatter": _double(lambda m, x: (x * 1).masked_scatter(
        m.tensor([True, False, True, False]), x[1:] ** 2)),
    "double_put": _double(lambda m, x: (x * x).put(m.tensor([1, 3]), x[:2] ** 2)),
    "double_index_copy": _double(lambda m, x: (x * x).index_copy(
        0, m.tensor([2, 0]), x[1:3] ** 2)),
    "double_scatter_reduce_amax": _double(lambda m, x: (x * x).scatter_reduce(
        0, m.tensor([1, 1, 0]), x[1:] ** 2, "amax")),
    "double_take_along_dim": _double(lambda m, x: (x * x).reshape(2, 2).take_along_dim(
        m.tensor([3, 0]))),
    "double_copy": _double(lambda m, x: (x * 1).copy_(x.flip(0) ** 2) * x),
    "double_fill": _double(lambda m, x: (x * 1).fill_(x[0] * x[1]) * x),
    # tensors saved for backward, changed in place
    "gather_self_modified": _modified_after(lambda m, y: y.gather(0, m.tensor([1])),
                                            lambda y: y.add_(1)),
    "index_select_self_modified_ok": _modified_after(
        lambda m, y: y.index_select(0, m.tensor([1])), lambda y: y.add_(1)),
    "masked_select_self_modified": _modified_after(
        lambda m, y: y.masked_select(m.tensor([True, False, True, True])), lambda y: y.add_(1)),
    "take_self_modified": _modified_after(lambda m, y: y.take(m.tensor([1])),
                                          lambda y: y.add_(1)),
    "index_add_source_modified": _modified_after(
        lambda m, y: m.zeros(4, dtype=m.float64).index_add(0, m.tensor([3, 2, 1, 0]), y),
        lambda y: y.add_(1)),
    "scatter_reduce_result_modified": _modified_after(
        lambda m, y: [r for r in [y.scatter_reduce(0, m.tensor([0]), y[1:2] * 1, "amax")]][0]
        * 1, lambda y: y.add_(1)),
    "scatter_add_inplace_self_ok": _modified_after(
        lambda m, y: y.scatter_add_(0, m.tensor([0]), m.ones(1, dtype=m.float64)),
        lambda y: y.add_(1)),
    # errors at backward
    "scatter_reduce_arg_not_implemented": lambda m: [grads(
        x.scatter(1, m.tensor([[0, 0]]), 2.0, reduce="add"), x) for x in [grid(m)]],
    "gather_backward_twice": lambda m: [
        m.autograd.grad(r.sum(), x, retain_graph=False) + m.autograd.grad(r.sum(), x)
        for x in [leaf(m)] for r in [x.gather(0, m.tensor([1]))]],
}


# CopySlices (autograd/views.py) computes its backward in NumPy: no graph for create_graph
@pytest.mark.parametrize("case", sorted(CASES))
def test_indexing_grad_matches_torch(case):
    same(CASES[case], warnings_too=False)
