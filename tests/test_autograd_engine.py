"""The autograd engine against PyTorch, case by case: accumulation, retain_graph, errors,
hooks, retain_grad, autograd.grad options, double backward, version-counter checks,
in-place ops on views, grad modes, and the gradient layout contract."""
import threading

import numpy as np
import pytest

import numtorch
from diff import same


def leaf(m, values=(1.0, 2.0, 3.0), dtype="float32"):
    return m.tensor(list(values), dtype=getattr(m, dtype), requires_grad=True)


def grads_after(fn):
    """`fn(m, x)` runs a backward; the outcome is x.grad (and x's state)."""
    def run(m):
        x = leaf(m)
        fn(m, x)
        return x.grad
    return run


def _in_inference_mode(m):
    x = leaf(m)
    with m.inference_mode():
        y = x * 2
        inside = (y.requires_grad, m.is_inference_mode_enabled(), m.is_grad_enabled())
    return inside, m.is_inference_mode_enabled(), m.is_grad_enabled()


CASES = {
    "accumulates": grads_after(lambda m, x: [(x * x).sum().backward() for _ in range(2)]),
    "retain_graph_twice": grads_after(lambda m, x: [
        y.backward(retain_graph=True) or y.backward() for y in [(x * x).sum()]]),
    "backward_twice_raises": grads_after(lambda m, x: [
        y.backward() or y.backward() for y in [(x * x).sum()]]),
    "no_saved_tensors_twice_ok": grads_after(lambda m, x: [
        y.backward(m.ones(3)) or y.backward(m.ones(3)) for y in [x + 1]]),
    "implicit_grad_non_scalar": grads_after(lambda m, x: (x * 2).backward()),
    "implicit_grad_complex": lambda m: (m.tensor([1j], requires_grad=True) * 2).sum().backward(),
    "not_requiring_grad": lambda m: m.tensor([1.0]).backward(),
    "second_root_not_requiring_grad": lambda m: m.autograd.backward(
        [leaf(m).sum(), m.tensor(1.0)], [None, m.tensor(1.0)]),
    "shape_mismatch": grads_after(lambda m, x: (x * 2).backward(m.ones(2))),
    "scalar_shape_mismatch": grads_after(lambda m, x: (x * 2).sum().backward(m.ones(1))),
    "dtype_cast_grad": grads_after(lambda m, x: (x * 2).backward(m.ones(3, dtype=m.float64))),
    "int_grad": grads_after(lambda m, x: (x * 2).backward(m.ones(3, dtype=m.int64))),
    "complex_grad_for_real": grads_after(
        lambda m, x: (x * 2).backward(m.ones(3, dtype=m.complex64))),
    "leaf_backward": grads_after(lambda m, x: x.backward(m.tensor([1.0, 2.0, 3.0]))),
    "leaf_inplace": lambda m: leaf(m).add_(1),
    "leaf_view_inplace": lambda m: leaf(m)[0].add_(1),
    "leaf_inplace_no_grad": lambda m: [x for x in [leaf(m)] if m.no_grad().__enter__() or
                                       x.add_(1) is None or True][0],
    "inputs_empty": lambda m: (leaf(m) * 2).sum().backward(inputs=[]),
    "inputs_only": lambda m: [(x, w, (x * w).sum().backward(inputs=[w]), x.grad, w.grad)
                              for x, w in [(leaf(m), leaf(m, (4.0, 5.0, 6.0)))]][0][3:],
    "grad_basic": lambda m: m.autograd.grad((leaf(m) ** 2).sum(), leaf(m)),
    "grad_unused": lambda m: [m.autograd.grad((x * 2).sum(), [x, leaf(m)])
                              for x in [leaf(m)]][0],
    "grad_allow_unused": lambda m: [m.autograd.grad((x * 2).sum(), [x, leaf(m)],
                                                    allow_unused=True) for x in [leaf(m)]][0],
    "grad_materialize": lambda m: [m.autograd.grad((x * 2).sum(), [x, leaf(m)],
                                                   materialize_grads=True) for x in [leaf(m)]][0],
    "grad_materialize_conflict": lambda m: [m.autograd.grad(
        (x * 2).sum(), [x], allow_unused=False, materialize_grads=True) for x in [leaf(m)]][0],
    "grad_not_requiring": lambda m: m.autograd.grad((leaf(m) * 2).sum(), m.tensor([1.0])),
    "grad_nonleaf_input": lambda m: [m.autograd.grad((y * y).sum(), y)
                                     for y in [leaf(m) * 3]][0],
    "grad_no_accumulate": lambda m: [(m.autograd.grad((x * x).sum(), x), x.grad)
                                     for x in [leaf(m)]][0],
    "grad_create_graph": lambda m: [m.autograd.grad(g.sum(), x) for x in [leaf(m)]
                                    for g in m.autograd.grad((x * x * x).sum(), x,
                                                             create_graph=True)][0],
    "create_graph_result": lambda m: [g for x in [leaf(m)] for g in m.autograd.grad(
        (x * x * x).sum(), x, create_graph=True)][0],
    "backward_create_graph": lambda m: [(x.grad, x.grad.grad_fn is not None)
                                        for x in [leaf(m)]
                                        if (x * x).sum().backward(create_graph=True) is None][0],
    "grad_outputs_list": lambda m: [m.autograd.grad([x * 2, x * 3], x,
                                                    [m.ones(3), m.full((3,), 2.0)])
                                    for x in [leaf(m)]][0],
    "retain_grad": lambda m: [(y.grad, x.grad, y.retains_grad) for x in [leaf(m)]
                              for y in [x * 2] if y.retain_grad() or True
                              if (y * y).sum().backward() is None][0],
    "retain_grad_leaf": lambda m: [x.retain_grad() or x.retains_grad for x in [leaf(m)]][0],
    "retain_grad_no_grad": lambda m: m.ones(2).retain_grad(),
    "nonleaf_grad_warns": lambda m: [y.grad for x in [leaf(m)] for y in [x * 2]][0],
    "hook_scales": grads_after(lambda m, x: [y.register_hook(lambda g: g * 10) and
                                             y.sum().backward() for y in [x * 2]]),
    "hook_on_leaf": grads_after(lambda m, x: x.register_hook(lambda g: g + 1) and
                                (x * 2).sum().backward()),
    "hook_removed": grads_after(lambda m, x: x.register_hook(lambda g: g + 1).remove() or
                                (x * 2).sum().backward()),
    "hook_bad_return": grads_after(lambda m, x: [y.register_hook(lambda g: 1) and
                                                 y.sum().backward() for y in [x * 2]]),
    "hook_no_grad_tensor": lambda m: m.ones(2).register_hook(lambda g: g),
    "saved_modified": grads_after(lambda m, x: [z.sum().backward() for y in [x * 2]
                                                for z in [y * y] if y.mul_(2) is not None]),
    "saved_input_modified": lambda m: [z.sum().backward() for a in [m.ones(3)]
                                       for z in [leaf(m) * a] if a.add_(1) is not None],
    "saved_via_detach": lambda m: [z.sum().backward() for y in [leaf(m) * 2]
                                   for z in [y * y] if y.detach().zero_() is not None],
    "saved_via_view": lambda m: [z.sum().backward() for y in [leaf(m) * 2]
                                 for z in [y * y] if y[0:2].zero_() is not None],
    "saved_via_out": lambda m: [z.sum().backward() for a in [m.ones(3)]
                                for z in [leaf(m) * a] if m.add(a, 1, out=a) is not None],
    "unsaved_modified_ok": grads_after(lambda m, x: [z.sum().backward() for y in [x * 2]
                                                     for z in [y + 1] if y.mul_(2) is not None]),
    "inplace_nonleaf": grads_after(lambda m, x: [y.mul_(x).sum().backward()
                                                 for y in [x * 2]]),
    "inplace_view_of_nonleaf": grads_after(lambda m, x: [
        (y[1:].mul_(3), y.sum().backward()) for y in [x * 2]]),
    "inplace_view_grad_fns": lambda m: [(type(y.grad_fn).__name__, type(v.grad_fn).__name__)
                                        for x in [leaf(m)] for y in [x * 2] for v in [y[1:]]
                                        if v.mul_(3) is not None][0],
    "inplace_view_other_input": lambda m: [(y.sum().backward(), x.grad, w.grad)
                                           for x in [leaf(m)] for w in [leaf(m, (4., 5.))]
                                           for y in [x * 1] if y[1:].mul_(w) is not None][0],
    "inplace_base_then_old_view": grads_after(lambda m, x: [
        (y.mul_(2), (v * 1).sum().backward()) for y in [x * 1] for v in [y[:2]]]),
    "old_view_grad_fn": lambda m: [type(v.grad_fn).__name__ for x in [leaf(m)] for y in [x * 1]
                                   for v in [y[:2]] if y.mul_(2) is not None][0],
    "setitem_into_zeros": grads_after(lambda m, x: [
        (z.__setitem__(slice(0, 3), x * 2), (z * z).sum().backward()) for z in [m.zeros(5)]]),
    "layout_contract": lambda m: [x.grad.stride() for x in
                                  [m.ones(3, 4).t().requires_grad_()]
                                  if (x * 2).sum().backward() is None][0],
    "grad_of_expand_owned": lambda m: [x.grad.stride() for x in [leaf(m)]
                                       if x.sum().backward() is None][0],
    "grad_not_aliasing_user": lambda m: [(g.add_(1), x.grad) for x in [leaf(m)]
                                         for g in [m.ones(3)]
                                         if (x + 0).backward(g) is None][0][1],
    "grad_fn_names": lambda m: [(type(y.grad_fn).__name__, y.grad_fn.next_functions[0][1],
                                 type(y.grad_fn.next_functions[0][0]).__name__)
                                for y in [leaf(m) * 2]][0],
    "no_grad_result": lambda m: [(y.requires_grad, y.grad_fn) for x in [leaf(m)]
                                 for _ in [m.no_grad().__enter__()] for y in [x * 2]][0],
    "set_grad_enabled_false": lambda m: [(y.requires_grad, m.is_grad_enabled())
                                         for x in [leaf(m)] for _ in [m.set_grad_enabled(False)]
                                         for y in [x * 2]][0],
    "inference_mode": lambda m: _in_inference_mode(m),
    "detect_anomaly_warns": lambda m: m.autograd.detect_anomaly().__enter__(),
    "anomaly_nan": lambda m: [x.grad for x in [leaf(m)] for _ in [
        m.autograd.set_detect_anomaly(True)] if (x * m.tensor([float("nan"), 1.0, 1.0])).sum()
                              .backward() is None],
    "anomaly_flags": lambda m: [m.autograd.set_detect_anomaly(True, check_nan=False),
                                m.is_anomaly_enabled(), m.is_anomaly_check_nan_enabled(),
                                m.autograd.set_detect_anomaly(False)][1:3],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_engine_matches_torch(name):
    same(CASES[name])


def test_grad_modes_are_thread_local():
    seen = []
    with numtorch.no_grad():
        t = threading.Thread(target=lambda: seen.append(numtorch.is_grad_enabled()))
        t.start()
        t.join()
        seen.append(numtorch.is_grad_enabled())
    assert seen == [True, False]


def test_no_grad_decorator_and_enable_grad():
    @numtorch.no_grad()
    def f(x):
        with numtorch.enable_grad():
            inner = (x * 2).requires_grad
        return (x * 2).requires_grad, inner

    assert f(leaf(numtorch)) == (False, True)


def test_sequence_order_runs_latest_first():
    x = leaf(numtorch)
    order = []
    a = x * 2
    b = x * 3
    a.register_hook(lambda g: order.append("a"))
    b.register_hook(lambda g: order.append("b"))
    (a + b).sum().backward()
    assert order == ["b", "a"]


def test_node_hooks():
    x = leaf(numtorch)
    y = x * 2
    seen = []
    y.grad_fn.register_prehook(lambda go: seen.append(("pre", go[0].tolist())))
    y.grad_fn.register_hook(lambda gi, go: seen.append(("post", gi[0].tolist())))
    y.sum().backward()
    assert seen == [("pre", [1.0, 1.0, 1.0]), ("post", [2.0, 2.0, 2.0])]


def test_grad_fn_metadata_and_name():
    y = leaf(numtorch) * 2
    assert y.grad_fn.name() == "MulBackward0"
    y.grad_fn.metadata["k"] = 1
    assert y.grad_fn.metadata == {"k": 1}


def test_leaf_grad_is_not_the_users_tensor():
    x = leaf(numtorch)
    g = numtorch.ones(3)
    x.backward(g)
    assert not np.shares_memory(x.grad.numpy(), g.numpy())


def test_grad_accumulates_in_place():
    x = leaf(numtorch)
    (x * 2).sum().backward()
    first = x.grad
    (x * 2).sum().backward()
    assert x.grad is first and first.tolist() == [4.0, 4.0, 4.0] and first._version == 1


def _saved_modified(dtype):
    def run(m):
        x = m.ones(3, requires_grad=True)
        a = m.ones(3, dtype=getattr(m, dtype))
        z = x * a
        a.logical_not_() if dtype == "bool" else a.add_(1)
        z.sum().backward()
    return run


@pytest.mark.parametrize("dtype", ["bool", "uint8", "int64", "float16", "bfloat16", "float64"])
def test_saved_tensor_type_names_in_version_error(dtype):
    same(_saved_modified(dtype))


def test_unneeded_operands_are_not_saved():
    def run(m):
        x = m.ones(3, requires_grad=True)
        a = m.ones(3)
        z = a * x  # saves only `a` (for x's gradient), not x
        x2 = x * 1
        w = x2 * 2  # saves nothing about x2
        x2.add_(1)
        (z + w).sum().backward()
        return x.grad
    same(run)
