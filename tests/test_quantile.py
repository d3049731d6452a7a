"""quantile, nanquantile, histogram and histogramdd against PyTorch beyond the op table's
samples: the autograd graph PyTorch composes (node by node), gradients over every
interpolation with ties and NaNs, `out=` results, the named result types, and histograms of
many random inputs."""
import numpy as np
import pytest
import torch

import numtorch
from diff import same

_MODES = ("linear", "lower", "higher", "midpoint", "nearest")
_RNG = np.random.default_rng(7)
_TIED = np.round(_RNG.standard_normal((3, 5)) * 2)  # ties
_TIED[1, 2] = np.nan


def _graph(t):
    """The node names of `t`'s graph, breadth first, with each node's inputs."""
    seen, todo, names = set(), [t.grad_fn], []
    while todo:
        node = todo.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        nexts = [n for n, _ in node.next_functions]
        names.append((type(node).__name__, [type(n).__name__ for n in nexts]))
        todo += nexts
    return names


@pytest.mark.parametrize("shape, dim, keepdim", [((3, 4), None, False), ((4,), None, True),
                                                  ((2, 3, 4), 0, False), ((2, 3, 4), 1, True),
                                                  ((2, 3, 4), -1, False), ((), 0, True),
                                                  ((), None, False)])
@pytest.mark.parametrize("q", [0.3, [0.2, 0.9]])
@pytest.mark.parametrize("mode", ["linear", "nearest"])
@pytest.mark.parametrize("op", ["quantile", "nanquantile"])
def test_graph_is_torchs(shape, dim, keepdim, q, mode, op):
    def run(m):
        x = m.tensor(np.arange(float(np.prod(shape))).reshape(shape).tolist(), requires_grad=True)
        qq = m.tensor(q) if isinstance(q, list) else q
        return _graph(getattr(m, op)(x, qq, dim=dim, keepdim=keepdim, interpolation=mode))
    assert run(numtorch) == run(torch)


def _run(m, op, q, dim, keepdim, mode, dtype, layout):
    x = m.tensor(_TIED, dtype=getattr(m, dtype))
    if layout == "transposed":
        x = m.tensor(_TIED.T.copy(), dtype=x.dtype).t()
    x.requires_grad_()
    qq = m.tensor(q, dtype=x.dtype) if isinstance(q, list) else q
    y = getattr(m, op)(x, qq, dim=dim, keepdim=keepdim, interpolation=mode)
    g = m.tensor(np.arange(1.0, y.numel() + 1).reshape(tuple(y.shape)), dtype=y.dtype)
    y.backward(g)
    return (y.detach().numpy(), y.shape, y.stride(), type(y.grad_fn).__name__,
            x.grad.numpy())


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("op", ["quantile", "nanquantile"])
@pytest.mark.parametrize("dtype, layout", [("float32", "contiguous"),
                                           ("float64", "transposed")])
def test_values_and_gradients_with_ties_and_nans(mode, op, dtype, layout):
    for q in (0.0, 0.3, 0.5, 1.0, [0.0, 0.25, 0.7, 1.0]):
        for dim in (None, 0, 1, -1):
            for keepdim in (False, True):
                a = _run(torch, op, q, dim, keepdim, mode, dtype, layout)
                b = _run(numtorch, op, q, dim, keepdim, mode, dtype, layout)
                np.testing.assert_allclose(b[0], a[0], rtol=1e-6)
                assert tuple(b[1]) == tuple(a[1]) and b[2:4] == a[2:4]
                np.testing.assert_allclose(b[4], a[4], rtol=1e-6)


def test_out_is_written_and_returned():
    def run(m):
        x = m.tensor([[1.0, 5.0, 2.0], [0.0, 3.0, 4.0]], requires_grad=True)
        out = m.empty(0)
        r = m.quantile(x, m.tensor([0.25, 0.5]), dim=0, out=out)
        return r is out, r, type(r.grad_fn).__name__
    same(run)


def test_q_precision_follows_the_input_dtype():
    same(lambda m: m.quantile(m.tensor([0.0, 1.0, 2.0, 1e8], dtype=m.float64), 0.1))
    same(lambda m: m.quantile(m.tensor([0.0, 1.0, 2.0, 1e8]), 0.1))


def test_histogram_result_types():
    def run(m):
        x = m.tensor([1.0, 2.0, 2.5, 4.0], requires_grad=True)
        r = m.histogram(x, 3)
        out = (m.empty(0), m.empty(0))
        o = m.histogram(x.detach(), m.tensor([0.0, 2.0, 5.0]), out=out)
        return (repr(r), r.hist, r.bin_edges, type(r.hist.grad_fn).__name__,
                type(r).__name__, type(o).__name__, o[0] is out[0], o.bin_edges is out[1],
                repr(x.histogram(bins=2)))
    same(run)


def test_histogram_backward_is_not_implemented():
    def run(m):
        w = m.tensor([1.0, 2.0], requires_grad=True)
        m.histogram(m.tensor([1.0, 2.0]), 2, weight=w).hist.sum().backward()
    same(run)


def test_histogram_bin_edges_are_a_copy():
    def run(m):
        bins = m.tensor([0.0, 1.0, 2.0])
        edges = m.histogram(m.tensor([0.5, 1.5]), bins).bin_edges
        bins[0] = -1.0
        return edges
    same(run)


def _histogram(m, case):
    v, dtype, bins, kw = case
    x = m.tensor(v, dtype=getattr(m, dtype))
    kw = dict(kw)
    if "weight" in kw:
        kw["weight"] = m.tensor(kw["weight"], dtype=x.dtype)
    if not isinstance(bins, int):
        bins = m.tensor(bins, dtype=x.dtype)
    try:
        h, e = m.histogram(x, bins, **kw)
    except RuntimeError as exc:
        return str(exc)
    return h.numpy().copy(), e.numpy().copy()


def _cases(n):
    rng = np.random.default_rng(3)
    for i in range(n):
        v = rng.standard_normal(int(rng.integers(0, 60))) * 10
        if i % 3 == 0:
            v = np.round(v)  # elements on the edges
        if i % 7 == 0 and v.size:
            v[0] = np.nan
        bins, kw = int(rng.integers(1, 40)), {}
        if i % 4 == 1:
            kw["range"] = (float(rng.integers(-10, 0)), float(rng.integers(0, 10)))
        if i % 5 == 2:
            kw["weight"] = rng.random(v.size)
        if i % 6 == 3:
            kw["density"] = True
        if i % 8 == 5:
            kw.pop("range", None)
            bins = rng.standard_normal(bins + 1) * 8
            if i % 16 != 13:  # else unsorted edges, searched as std::upper_bound does
                bins = np.sort(bins)
        yield v, ("float32", "float64")[i % 2], bins, kw


@pytest.mark.parametrize("case", list(_cases(200)))
def test_histogram_of_random_inputs(case):
    a, b = _histogram(torch, case), _histogram(numtorch, case)
    if isinstance(a, str) or isinstance(b, str):
        assert b == a
        return
    np.testing.assert_allclose(b[0], a[0], rtol=1e-5 if case[1] == "float32" else 1e-12)
    np.testing.assert_array_equal(b[1], a[1])


def test_histogramdd_result_types():
    def run(m):
        x = m.tensor([[1.0, 5.0], [2.0, 0.0], [3.0, 4.0]], requires_grad=True)
        bins = [m.tensor([0.0, 2.0, 4.0]), m.tensor([0.0, 5.0])]
        r = m.histogramdd(x, bins)
        s = m.histogramdd(x, 2)
        return (repr(r), repr(s), type(r).__name__, type(r.bin_edges).__name__,
                r.bin_edges[0] is bins[0], [type(t.grad_fn).__name__ for t in s[1]],
                type(s.hist.grad_fn).__name__)
    same(run)


def _histogramdd_cases(n):
    rng = np.random.default_rng(5)
    for i in range(n):
        dims, count = int(rng.integers(1, 4)), int(rng.integers(0, 30))
        v = rng.standard_normal((count, dims)) * 5
        if i % 3 == 0:
            v = np.round(v)
        if i % 7 == 0 and count:
            v[0, 0] = np.nan
        bins = [int(b) for b in rng.integers(1, 6, dims)] if i % 5 else int(rng.integers(1, 6))
        kw = {}
        if i % 4 == 1:
            kw["range"] = [float(c) for _ in range(dims)
                           for c in (rng.integers(-5, 0), rng.integers(0, 5))]
        if i % 5 == 2:
            kw["weight"] = rng.random(count)
        if i % 6 == 3:
            kw["density"] = True
        if i % 8 == 5:
            kw.pop("range", None)
            bins = [np.sort(rng.standard_normal(int(rng.integers(2, 6))) * 4) for _ in range(dims)]
        yield v, ("float32", "float64")[i % 2], bins, kw


def _histogramdd(m, case):
    v, dtype, bins, kw = case
    x = m.tensor(v, dtype=getattr(m, dtype))
    kw = dict(kw)
    if "weight" in kw:
        kw["weight"] = m.tensor(kw["weight"], dtype=x.dtype)
    if isinstance(bins, list) and not isinstance(bins[0], int):
        bins = [m.tensor(b, dtype=x.dtype) for b in bins]
    try:
        h, edges = m.histogramdd(x, bins, **kw)
    except RuntimeError as exc:
        return str(exc)
    return h.numpy().copy(), [e.numpy().copy() for e in edges]


@pytest.mark.parametrize("case", list(_histogramdd_cases(100)))
def test_histogramdd_of_random_inputs(case):
    a, b = _histogramdd(torch, case), _histogramdd(numtorch, case)
    if isinstance(a, str) or isinstance(b, str):
        assert b == a
        return
    np.testing.assert_allclose(b[0], a[0], rtol=1e-5 if case[1] == "float32" else 1e-12)
    assert len(b[1]) == len(a[1])
    for e, f in zip(b[1], a[1]):
        np.testing.assert_array_equal(e, f)
