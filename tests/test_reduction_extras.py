"""Reductions against PyTorch where the op table's fixed samples say little: the indices
ties give (sort, topk, max/min, median, mode, cummax over many random tied inputs, and the
paths of the libstdc++ algorithms PyTorch's kernels call), the in-place `cumsum_` and
`cumprod_` (autograd included), and the keywords PyTorch's parser takes or refuses."""
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import numtorch

_FLOATS = ("float32", "float64", "float16", "bfloat16")
_DTYPES = _FLOATS + ("int64", "int32", "int16", "int8", "uint8", "bool")


def _outcome(fn, m):
    """`fn(m)` as plain data (tensors as arrays with their sign bits), or the error's type
    and first line."""
    def plain(r):
        if isinstance(r, m.Tensor):
            a = np.asarray(r.detach().to(m.float64 if r.dtype.is_floating_point else
                                         m.complex128 if r.is_complex() else m.int64).tolist())
            values = ["nan" if v != v else float(f"{v:.6g}") if isinstance(v, float) else v
                      for v in a.ravel().tolist()]  # (float results to 6 digits)
            return (str(r.dtype), a.shape, values,
                    (np.signbit(a.real) & (a == a)).ravel().tolist())  # NaN: any sign
        if isinstance(r, (tuple, list)):
            return [plain(x) for x in r]
        return r
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return plain(fn(m))
        except Exception as e:  # noqa: BLE001 (the error is the outcome)
            return type(e).__name__, str(e).split("\n")[0]


def _same(fn):
    exp, got = _outcome(fn, torch), _outcome(fn, numtorch)
    assert got == exp


# ---- ties --------------------------------------------------------------------------------
@st.composite
def _tied(draw, max_len=80):
    """A tensor's dtype, shape and small integer values (ties everywhere), some -0.0 and
    NaN, and a dim."""
    dtype = draw(st.sampled_from(_DTYPES))
    ndim = draw(st.integers(1, 3))
    dim = draw(st.integers(0, ndim - 1))
    shape = [draw(st.integers(1, 4)) for _ in range(ndim)]
    shape[dim] = draw(st.integers(1, max_len))
    n = int(np.prod(shape))
    high = draw(st.sampled_from((1, 2, 5)))
    values = np.array(draw(st.lists(st.integers(-high, high), min_size=n, max_size=n)), float)
    if dtype in _FLOATS:
        special = draw(st.lists(st.sampled_from((None, None, None, -0.0, np.nan)), min_size=n,
                                max_size=n))
        values = np.array([v if s is None else s for v, s in zip(values, special)])
    elif dtype == "uint8":
        values = np.abs(values)
    return dtype, values.reshape(shape).tolist(), dim - draw(st.sampled_from((0, ndim)))


def _make(m, dtype, values):
    return m.tensor(values, dtype=m.float64).to(getattr(m, dtype))


@settings(max_examples=300, deadline=None)
@given(_tied(), st.sampled_from((None, False, True)), st.booleans())
def test_sort_ties(case, stable, descending):
    dtype, values, dim = case
    kw = {} if stable is None else {"stable": stable}
    _same(lambda m: _make(m, dtype, values).sort(dim, descending, **kw))
    _same(lambda m: _make(m, dtype, values).argsort(dim, descending))
    _same(lambda m: m.msort(_make(m, dtype, values)))


@settings(max_examples=300, deadline=None)
@given(_tied(max_len=200), st.integers(0, 200), st.booleans(), st.booleans())
def test_topk_ties(case, k, largest, sorted):
    dtype, values, dim = case
    x = lambda m: _make(m, dtype, values)  # noqa: E731
    k = min(k, torch.tensor(values).shape[dim])
    _same(lambda m: x(m).topk(k, dim, largest, sorted))
    _same(lambda m: x(m).topk(min(k, 3), dim, largest, sorted))


@settings(max_examples=300, deadline=None)
@given(_tied(), st.booleans())
def test_selections_ties(case, keepdim):
    dtype, values, dim = case
    x = lambda m: _make(m, dtype, values)  # noqa: E731
    for op in ("max", "min", "argmax", "argmin", "median", "nanmedian", "mode"):
        _same(lambda m: getattr(x(m), op)(dim, keepdim))
    for op in ("cummax", "cummin"):
        _same(lambda m: getattr(x(m), op)(dim))
    for op in ("median", "nanmedian"):  # of all elements: which zero, too
        _same(lambda m: getattr(x(m), op)())


_ORGAN = list(range(500)) + list(range(499, -1, -1))  # ties that exhaust introsort's depth


@pytest.mark.parametrize("case", [
    lambda m: m.tensor(_ORGAN).sort(), lambda m: m.tensor(_ORGAN[::-1]).sort(descending=True),
    lambda m: m.tensor(_ORGAN[:256]).topk(64, largest=False, sorted=False),  # nth_element
    lambda m: m.tensor(_ORGAN).topk(500, sorted=False),
    lambda m: m.tensor(_ORGAN).reshape(4, 250).sort(),
    lambda m: m.tensor(_ORGAN[:600]).reshape(2, 300).t().sort(0, True),
    lambda m: m.tensor(_ORGAN).float().mode(),
    lambda m: m.tensor([float("nan")] * 3 + [1.0, 2.0] * 20).mode(),
    lambda m: m.tensor([float("nan")] * 9).nanmedian(0),  # all NaN: nth_element's pick
    lambda m: m.tensor([[float("nan")] * 4, [1.0, float("nan"), 2.0, 2.0]]).nanmedian(1),
    lambda m: m.tensor([2, 1] * 20000).sort(),  # 1-d integers from 32768: a radix sort
    lambda m: m.tensor([2, 1] * 20000).sort(descending=True),
    lambda m: m.tensor([2., 1.] * 20000).sort(),
    lambda m: m.tensor([2, 1] * 20000, dtype=m.uint16).sort(),
    lambda m: m.tensor([2, 1] * 20000, dtype=m.uint16).sort(descending=True),
    lambda m: m.tensor([[3, 1, 2]]).expand(40, 3).sort(0),  # stride 0: left as it is
    lambda m: m.tensor(np.random.default_rng(0).integers(0, 50, (3, 3000))).sort(1, True),
    lambda m: m.tensor(np.random.default_rng(1).integers(0, 9, (5, 3000))).mode(1),
    lambda m: m.tensor(np.random.default_rng(2).integers(0, 9, 6000)).topk(90),
    lambda m: m.tensor(np.random.default_rng(3).integers(0, 9, 6000)).topk(20),
])
def test_tie_paths(case):
    _same(case)


# ---- in-place cumsum_ / cumprod_ ---------------------------------------------------------
_X = [[1.0, 2.0, 3.0], [0.0, 1.0, 1.0]]


def _leaf(m, values=_X, dtype="float64"):
    return m.tensor(values, dtype=getattr(m, dtype), requires_grad=True)


def _backward(r, *leaves):
    return r, list(torch.autograd.grad(r.sum(), leaves) if isinstance(r, torch.Tensor)
                   else numtorch.autograd.grad(r.sum(), leaves))


def _after_write(m, op):
    x = _leaf(m)
    y = x * 1
    getattr(y, op)(1)
    y.mul_(2)  # changes what cumprod_ saved
    return _backward(y, x)


def _through_view(m, op):
    x = _leaf(m)
    base = x * 1
    view = base[1:]
    getattr(view, op)(1)
    return type(view.grad_fn).__name__, type(base.grad_fn).__name__, _backward(base, x)


def _node(m, op):
    x = _leaf(m, [[2.0, 0.0, 3.0], [1.0, -1.0, 0.0]])
    y = x * 1
    r = getattr(y, op)(1)
    return (r is y, y._version, type(y.grad_fn).__name__,
            type(y.grad_fn.next_functions[0][0]).__name__, _backward(y, x))


def _complex(m, op):
    x = _leaf(m, [[1 + 1j, 2 - 1j, 0.5j]], "complex128")
    y = x * 1
    getattr(y, op)(1)
    g, = m.autograd.grad(y.abs().sum(), x)
    return [complex(round(v.real, 9), round(v.imag, 9)) for v in (y.detach(), g)
            for v in v.reshape(-1).tolist()]  # abs rounds differently in the last bit


@pytest.mark.parametrize("op", ["cumsum_", "cumprod_"])
@pytest.mark.parametrize("case", [
    lambda m, op: getattr(m.tensor([100, 100], dtype=m.int8), op)(0),
    lambda m, op: getattr(m.tensor([True, False]), op)(0),
    lambda m, op: getattr(m.tensor(True), op)(0),
    lambda m, op: getattr(m.zeros(0, dtype=m.uint16), op)(0),
    lambda m, op: getattr(m.tensor([1, 2], dtype=m.uint16), op)(0),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(0, dtype=m.float64),
    lambda m, op: getattr(m.tensor([1, 2]), op)(0, dtype=m.uint64),
    lambda m, op: getattr(m.tensor([True]), op)(5, dtype=m.complex32),
    lambda m, op: getattr(m.tensor([6e4, 6e4], dtype=m.float16), op)(0),
    lambda m, op: getattr(m.tensor([1.0, 2.0]).expand(3, 2), op)(0),
    lambda m, op: getattr(m.tensor([True, False]).expand(3, 2), op)(0),
    lambda m, op: getattr(m.zeros(3, 0).expand(2, 3, 0), op)(1),
    lambda m, op: getattr(m.arange(12.0).reshape(3, 4).t(), op)(1),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(None),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(True),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(m.tensor(0)),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(axis=0),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(0, m.float32),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(0, dtype="float32"),
    lambda m, op: getattr(m.tensor([1.0, 2.0]), op)(0, out=None),
    lambda m, op: getattr(_leaf(m), op)(5),  # the leaf check comes first
    lambda m, op: getattr(_leaf(m).expand(2, 2, 3), op)(0),
    lambda m, op: getattr((_leaf(m) * 1).expand(2, 2, 3), op)(0),
    _node, _after_write, _through_view,
    lambda m, op: _node(m, op.replace("_", "")),  # as the out-of-place ops
    lambda m, op: _complex(m, op),
])
def test_inplace_scan(case, op):
    _same(lambda m: case(m, op))


@pytest.mark.parametrize("op", ["cumsum_", "cumprod_"])
def test_inplace_scan_version_and_grad_mode(op):
    for m in (torch, numtorch):
        x = m.tensor([1.0, 2.0])
        getattr(x, op)(0)
        assert x._version == 1
        with m.no_grad():
            y = _leaf(m) * 1
        assert getattr(y, op)(0).grad_fn is None


# ---- keywords ----------------------------------------------------------------------------
_OPS = ["sum", "nansum", "mean", "nanmean", "prod", "max", "min", "amax", "amin", "aminmax",
        "argmax", "argmin", "all", "any", "count_nonzero", "std", "var", "std_mean",
        "var_mean", "logsumexp", "softmax", "log_softmax", "cumsum", "cumprod", "cummax",
        "cummin", "sort", "argsort", "msort", "topk", "median", "nanmedian", "mode",
        "unique"]
_KEYWORDS = [
    {"axis": 0}, {"keepdims": True}, {"dim": 0, "keepdims": True}, {"axis": 1, "keepdim": True},
    {"axis": 0, "keepdims": True}, {"dim": 0, "axis": 0}, {"dim": 0, "unbiased": False},
    {"dim": 0, "correction": 0}, {"unbiased": False}, {"correction": 0},
    {"dim": 0, "correction": 1, "unbiased": True}, {"ddof": 1}, {"dim": 0, "stable": True},
    {"stable": None}, {"dim": 0, "descending": True}, {"dim": 0, "dtype": None},
    {"k": 1}, {"k": 2, "axis": 0, "largest": False}, {"out": None}, {"dim": None},
    {"dim": 0, "keepdim": None}, {"dim": 1, "keepdim": 1}, {"x": "T"}, {"zzz": 1, "dim": 0},
    {"other": "T"}, {"x2": "T", "out": None}, {"dim": 0, "other": "T"}, {"a": "T", "axis": 0},
]
_POSITIONAL = [(0, None), (0, 1), (0, True, True), (0, True, None, 3), (True,), (0, False)]


@pytest.mark.parametrize("op", _OPS)
@pytest.mark.parametrize("method", [False, True])
def test_keywords(op, method):
    def call(m, args, kw):
        x = m.tensor([[1.0, 2.0, 2.0], [3.0, 0.0, 3.0]])
        kw = {k: x if v == "T" else v for k, v in kw.items()}
        if method:
            return getattr(x, op)(*args, **kw)
        if {"x", "a"} & set(kw):  # NumPy's names for `input`
            return getattr(m, op)(*args, **kw)
        return getattr(m, op)(x, *args, **kw)

    if method and not hasattr(torch.Tensor, op):
        return
    for kw in _KEYWORDS:
        _same(lambda m: call(m, (), kw))
    for args in _POSITIONAL:
        _same(lambda m: call(m, args, {}))
        _same(lambda m: call(m, args[:1], {"keepdims": args[-1]}))
