"""`autograd.Function`, `gradcheck`/`gradgradcheck` and anomaly detection against PyTorch,
and the anomaly check PyTorch cannot make (writes through shared NumPy memory)."""
import warnings

import numpy as np
import pytest
import torch

import numtorch
from diff import same


def _functions(m):
    """The same custom Functions, built on module `m`."""
    F = m.autograd.Function

    class Scale(F):
        @staticmethod
        def forward(ctx, x, k):
            ctx.save_for_backward(x)
            ctx.k = k
            return x * k

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * ctx.k, None

    class WrongCount(F):
        @staticmethod
        def forward(ctx, x, k):
            return x * k

        @staticmethod
        def backward(ctx, g):
            return g

    class Double(F):
        @staticmethod
        def forward(ctx, x):
            x.mul_(2)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx, g):
            return g * 2

    class Identity(F):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g

    class Twice(F):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        @m.autograd.function.once_differentiable
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    class WithIndex(F):
        @staticmethod
        def forward(ctx, x):
            a, b = x * 2, x.argmax()
            ctx.mark_non_differentiable(b)
            return a, b

        @staticmethod
        def backward(ctx, ga, gb):
            ctx.seen = gb
            return ga * 2

    class NewStyle(F):
        @staticmethod
        def forward(x, y):
            return x * y

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(*inputs)

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return g * y, g * x

    class Bad(F):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 3

    return locals()


def leaf(m, dtype="float32"):
    return m.tensor([1.0, 2.0], dtype=getattr(m, dtype), requires_grad=True)


def _run(name, body):
    return lambda m: body(m, _functions(m)[name])


CASES = {
    "scale": _run("Scale", lambda m, C: [(x.grad, type(y.grad_fn).__name__,
                                          y.grad_fn.needs_input_grad)
                                         for x in [leaf(m)] for y in [C.apply(x, 3)]
                                         if y.sum().backward() is None][0]),
    "wrong_count": _run("WrongCount", lambda m, C: C.apply(leaf(m), 2).sum().backward()),
    "dirty_leaf": _run("Double", lambda m, C: C.apply(leaf(m))),
    "dirty_nonleaf": _run("Double", lambda m, C: [(r is y, x.grad) for x in [leaf(m)]
                                                  for y in [x * 1] for r in [C.apply(y)]
                                                  if r.sum().backward() is None][0]),
    "identity_is_view": _run("Identity", lambda m, C: [(r is x, r._base is x, r.is_leaf)
                                                       for x in [leaf(m)]
                                                       for r in [C.apply(x)]][0]),
    "once_differentiable": _run("Twice", lambda m, C: [
        (g, g.requires_grad) for x in [leaf(m)]
        for g in m.autograd.grad(C.apply(x).sum(), x, create_graph=True)][0]),
    "non_differentiable_output": _run("WithIndex", lambda m, C: [
        (a.requires_grad, b.requires_grad, x.grad, a.grad_fn.seen) for x in [leaf(m)]
        for a, b in [C.apply(x)] if a.sum().backward() is None][0]),
    "new_style": _run("NewStyle", lambda m, C: [(x.grad, type(r.grad_fn).__name__)
                                                for x in [leaf(m)]
                                                for r in [C.apply(x, m.tensor([3.0, 4.0]))]
                                                if r.sum().backward() is None][0]),
    "saved_freed": _run("NewStyle", lambda m, C: [r.grad_fn.saved_tensors
                                                  for r in [C.apply(leaf(m), m.ones(2))]
                                                  if r.sum().backward() is None][0]),
    "no_grad_apply": _run("Scale", lambda m, C: [(r.requires_grad, r.grad_fn)
                                                 for _ in [m.set_grad_enabled(False)]
                                                 for r in [C.apply(leaf(m), 2)]][0]),
    "gradcheck_ok": lambda m: m.autograd.gradcheck(lambda t: (t * t).sum() * t,
                                                   (leaf(m, "float64"),)),
    "gradcheck_float32_warns": lambda m: m.autograd.gradcheck(
        lambda t: t * 2, (leaf(m),), raise_exception=False),
    "gradcheck_none_require": lambda m: m.autograd.gradcheck(
        lambda t: t * 2, (m.ones(2, dtype=m.float64),)),
    "gradcheck_mismatch": _run("Bad", lambda m, C: m.autograd.gradcheck(
        C.apply, (leaf(m, "float64"),))),
    "gradcheck_mismatch_no_raise": _run("Bad", lambda m, C: m.autograd.gradcheck(
        C.apply, (leaf(m, "float64"),), raise_exception=False)),
    "gradcheck_complex": lambda m: m.autograd.gradcheck(
        lambda t: t * t * (1 + 2j), (m.tensor([1 + 1j, 2.0], dtype=m.complex128,
                                               requires_grad=True),)),
    "gradcheck_real_to_complex": lambda m: m.autograd.gradcheck(
        lambda t: t * t * (1 + 2j), (leaf(m, "float64"),)),
    "gradgradcheck_ok": lambda m: m.autograd.gradgradcheck(lambda t: t * t * t,
                                                           (leaf(m, "float64"),)),
    "gradgradcheck_bad": _run("Bad", lambda m, C: m.autograd.gradgradcheck(
        lambda t: C.apply(t) * t, (leaf(m, "float64"),), raise_exception=False)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_function_and_gradcheck_match_torch(name):
    same(CASES[name])


def test_gradcheck_error_is_a_runtime_error():
    assert issubclass(numtorch.autograd.GradcheckError, RuntimeError)
    from numtorch.autograd.gradcheck import GradcheckError
    assert GradcheckError is numtorch.autograd.GradcheckError


def _anomaly(m, body):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with m.autograd.detect_anomaly():
            return body(m)


def test_anomaly_reports_forward_traceback():
    def body(m):
        x = leaf(m)
        y = x * m.tensor([float("nan"), 1.0])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(RuntimeError, match="returned nan values in its 0th output"):
                y.sum().backward()
        return [str(w.message).split("\n")[0] for w in caught]

    assert _anomaly(numtorch, body) == _anomaly(torch, body) == [
        "Error detected in MulBackward0. Traceback of forward call that caused the error:"]


def test_anomaly_catches_writes_through_numpy():
    """Beyond PyTorch: a write through shared NumPy memory bypasses the version counter."""
    def saved_from_numpy(m):
        a = np.array([1.0, 2.0])
        x = leaf(m, "float64")
        y = (x * m.from_numpy(a)).sum()
        a[0] = 5.0
        y.backward()
        return x.grad.tolist()

    def saved_output_via_numpy(m):
        x = leaf(m, "float64")
        e = x * x
        z = (e * e).sum()
        e.detach().numpy()[1] = 0.0
        z.backward()
        return x.grad.tolist()

    for body in (saved_from_numpy, saved_output_via_numpy):
        wrong = body(torch)  # PyTorch: a silently wrong gradient
        assert body(numtorch) == wrong
        with pytest.raises(RuntimeError, match="modified outside numtorch"):
            _anomaly(numtorch, body)
        with pytest.raises(RuntimeError, match=r"\[torch.DoubleTensor \[2\]\]"):
            _anomaly(numtorch, body)


def test_anomaly_mode_leaves_unmodified_graphs_alone():
    def body(m):
        x = leaf(m, "float64")
        a = np.array([1.0, 2.0])
        (x * m.from_numpy(a)).sum().backward()
        return x.grad.tolist()

    assert _anomaly(numtorch, body) == _anomaly(torch, body) == [1.0, 2.0]
