"""Differential tests of numtorch/_ops/combine*.py beyond the op table: `out=`, in-place
variants under autograd, double backward, warnings that PyTorch gives once."""
import subprocess
import sys
import warnings

import numpy as np
import pytest
import torch

import numtorch


def _both(fn):
    """`fn(m)` for torch and numtorch: (result, error type and first line, warnings)."""
    out = []
    for m in (torch, numtorch):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                r, err = fn(m), None
            except Exception as exc:
                r, err = None, (type(exc).__name__, str(exc).split("\n")[0])
        out.append((r, err, [(w.category.__name__, str(w.message).split(" (Triggered")[0])
                             for w in caught]))
    return out


def _same(a, b, strides=True):
    if isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y, strides)
    elif isinstance(a, torch.Tensor):
        assert str(a.dtype) == str(b.dtype) and list(a.shape) == list(b.shape)
        assert not strides or list(a.stride()) == list(b.stride())
        np.testing.assert_allclose(b.detach().numpy(), a.detach().numpy(), rtol=1e-5, atol=1e-6)
    else:
        assert a == b


def _check(fn, strides=True):
    (rt, et, wt), (rn, en, wn) = _both(fn)
    assert en == et
    assert wn == wt
    _same(rt, rn, strides)


def _mats(m, *shapes, seed=0, grad=False):
    rng = np.random.default_rng(seed)
    return [m.tensor(rng.uniform(-2, 2, s).tolist(), requires_grad=grad) for s in shapes]


@pytest.mark.parametrize("op,shapes", [
    ("addmm", ((2, 3), (2, 4), (4, 3))), ("addmv", ((2,), (2, 4), (4,))),
    ("addr", ((2, 3), (2,), (3,))), ("baddbmm", ((2, 2, 3), (2, 2, 4), (2, 4, 3))),
    ("addbmm", ((2, 3), (5, 2, 4), (5, 4, 3))), ("addcmul", ((2, 3), (2, 3), (3,))),
    ("addcdiv", ((2, 3), (2, 3), (3,)))])
def test_keywords_out_and_inplace_autograd(op, shapes):
    kw = {"value": -1.5} if op.startswith("addc") else {"beta": 0.5, "alpha": 2}
    _check(lambda m: getattr(m, op)(*_mats(m, *shapes), **kw))
    _check(lambda m: getattr(m, op)(*_mats(m, *shapes), out=m.empty(0), **kw))
    _check(lambda m: getattr(m, op)(*_mats(m, *shapes), out=m.empty(1, dtype=m.int64)))
    _check(lambda m: getattr(m, op)(*_mats(m, *shapes, grad=True), out=m.empty(0)))

    def inplace_grads(m):  # in place on a non-leaf view: CopySlices and the gradients
        a, b, c = _mats(m, *shapes, grad=True)
        base = a * 1
        view = base[...]
        getattr(view, op + "_")(b, c, **kw)
        grads = m.autograd.grad((base * base).sum(), (a, b, c))
        return [type(base.grad_fn).__name__, type(view.grad_fn).__name__, *grads]
    _check(inplace_grads)


@pytest.mark.parametrize("op,shapes", [
    ("addmm", ((2, 3), (2, 4), (4, 3))), ("addr", ((2, 3), (2,), (3,))),
    ("baddbmm", ((2, 2, 3), (2, 2, 4), (2, 4, 3))), ("addcdiv", ((2, 3), (2, 3), (3,))),
    ("cdist", ((3, 2), (4, 2))), ("block_diag", ((2, 3), (2,))), ("rot90", ((2, 3),))])
def test_double_backward(op, shapes):
    def second(m):
        xs = _mats(m, *shapes, grad=True)
        y = getattr(m, op)(*xs)
        gs = m.autograd.grad((y * y).sum(), xs, create_graph=True)
        return m.autograd.grad(sum((g * g).sum() for g in gs), xs)
    _check(second, strides=False)  # (the strides of gradients are not PyTorch's yet)


def test_cdist_gradient_at_zero_distance():
    def grads(m):
        x = m.tensor([[1.0, 2.0], [0.0, 0.0]], requires_grad=True)
        return [m.autograd.grad(m.cdist(x, x.detach(), p=p).sum(), x)[0]
                for p in (0.0, 1.0, 2.0, 3.0, float("inf"))]
    _check(grads)


_ONCE = {
    "meshgrid": "m.meshgrid(m.ones(2), m.ones(3))",
    "chain_matmul": "m.chain_matmul(m.ones(2, 3), m.ones(3, 2))",
    "chain_matmul_out": "m.chain_matmul(m.ones(2, 3), m.ones(3, 2), out=m.empty(2, 2))"}


@pytest.mark.parametrize("op", sorted(_ONCE))
def test_warns_once_per_process(op):
    """The warnings PyTorch gives once (TORCH_WARN_ONCE), in a fresh process each."""
    script = ("import sys, warnings; import {} as m; warnings.simplefilter('always')\n"
              "for _ in range(2):\n"
              "    with warnings.catch_warnings(record=True) as w:\n"
              "        warnings.simplefilter('always'); r = " + _ONCE[op] + "\n"
              "    print([(x.category.__name__, str(x.message).split(' (Trig')[0]) for x in w])"
              "\nprint(r[0].shape, r[0].stride())")
    outputs = [subprocess.run([sys.executable, "-c", script.format(name)], capture_output=True,
                              text=True, check=True).stdout for name in ("torch", "numtorch")]
    assert outputs[1] == outputs[0]
    assert "Warning" in outputs[0].splitlines()[0] and outputs[0].splitlines()[1] == "[]"


def test_chain_matmul_out():
    _check(lambda m: m.chain_matmul(*_mats(m, (2, 3), (3, 4), (4, 2)), out=m.empty(2, 2)))


def test_cov_warns_each_time():
    for _ in range(2):
        _check(lambda m: m.cov(m.ones(2, 1)))


def test_meshgrid_results_are_views():
    def views(m):
        a, b = m.arange(3.0), m.arange(2.0)
        grid = m.meshgrid(a, b, indexing="xy")
        a[0] = 7
        return [grid[0], grid[1], [g._base is not None for g in grid]]
    _check(views)


def test_relu_function_form_is_in_place():
    def run(m):
        t = m.tensor([-1.0, 2.0])
        return [m.relu_(t) is t, t]
    _check(run)


def test_fill_diagonal_wrap_on_view_records_copyslices():
    def run(m):
        x = m.ones(7, 3, requires_grad=True)
        y = x * 2
        y.fill_diagonal_(0.0, wrap=True)
        return [type(y.grad_fn).__name__, m.autograd.grad(y.sum(), x)[0]]
    _check(run)


def test_sum_to_size_returns_self_and_gradients():
    def run(m):
        x = m.ones(2, 3, requires_grad=True)
        y = x.sum_to_size(2, 3)
        z = x.sum_to_size(3)
        return [y is x, type(z.grad_fn).__name__, m.autograd.grad((z * z).sum(), x)[0]]
    _check(run)


def test_repeat_interleave_output_size_and_method_forms():
    _check(lambda m: m.tensor([[1, 2], [3, 4]]).repeat_interleave(
        m.tensor([1, 2]), dim=0, output_size=3))
    _check(lambda m: m.repeat_interleave(m.tensor([2, 0, 1], dtype=m.int32)))


def test_tensor_keywords():
    _check(lambda m: m.addmm(input=m.ones(2, 2), mat1=m.ones(2, 3), mat2=m.ones(3, 2), beta=2))
    _check(lambda m: m.ones(2).addmv(mat=m.ones(2, 3), vec=m.ones(3), alpha=3))
    _check(lambda m: m.ones(2, 3).addr_(m.ones(2), vec2=m.ones(3)))
    _check(lambda m: m.ones(2, 3).addcmul(tensor1=m.ones(3), tensor2=m.ones(2, 1), value=2))


def test_pairwise_distance_is_one_op_with_pytorchs_graph():
    assert numtorch.nn.functional.pairwise_distance is numtorch.pairwise_distance

    def chain(f):
        return None if f is None else (type(f).__name__,
                                       tuple(chain(g) for g, _ in f.next_functions))
    graphs = []
    for m in (torch, numtorch):
        x = m.tensor([[1.0, 2.0], [3.0, 5.0]], requires_grad=True)
        graphs.append(chain(m.pairwise_distance(x, m.ones(2)).grad_fn))
    assert graphs[0] == graphs[1]
