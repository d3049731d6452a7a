"""Differential tests for `numtorch._construct` and the conversions it owns, against PyTorch:
the legacy constructors (`torch.Tensor(...)`, `FloatTensor(...)`, `Tensor.new`), `new_*`,
`type_as`, `to`/`type`/`float()`..., memory formats (`clone`, `contiguous`, `is_contiguous`),
pickling and deep copies, factories' `out=`/`layout=`, `empty_strided`, `scalar_tensor`,
`range`, `is_nonzero`, `typename`, `is_same_size`, `in`, `reversed`, float8 fnuz/e8m0
conversions and out-of-range float to uint32/uint64 casts.

Each case is an expression run with `torch` bound to PyTorch and to numtorch (`diff.same`:
value, dtype, shape, strides, autograd flags, exception class and first line, warnings).
Cases marked `shape:` make uninitialised tensors, so only their metadata is compared.
"""
import copy
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

import numtorch  # noqa: E402
from diff import same  # noqa: E402

SETUP = """
x = torch.tensor([1, 2]); f = torch.arange(6.); i32 = torch.tensor([1, 2], dtype=torch.int32)
g = torch.ones(2, requires_grad=True); a32 = np.array([1., 2.], dtype=np.float32)
z = torch.zeros(2, 3, 4, 5); nhwc = z.permute(0, 3, 1, 2); z5 = torch.zeros(2, 3, 4, 5, 6)
"""

CASES = [
    # torch.Tensor(...), FloatTensor(...), Tensor.new(...)
    "torch.Tensor()", "torch.Tensor([1, 2])", "shape:torch.Tensor(2, 3)", "shape:torch.Tensor(0)",
    "torch.Tensor(2.5)", "torch.Tensor(np.float32(2))", "torch.Tensor(True)", "torch.Tensor('ab')",
    "torch.Tensor([1, 2], dtype=torch.float64)", "torch.Tensor(foo=1)",
    "torch.Tensor([1, 2], [3])", "torch.Tensor(2, 3.0)", "torch.Tensor(2, [3])",
    "torch.Tensor(-1)", "torch.Tensor(2, -1)", "torch.Tensor(2**63)",
    "shape:torch.Tensor(np.int64(3))", "torch.Tensor(data=[1])", "torch.Tensor(np.array([1, 2]))",
    "torch.Tensor(x)", "torch.Tensor(torch.tensor(3.))", "torch.Tensor(g)",
    "torch.Tensor(g).grad_fn.name()", "torch.Tensor(g)._base is g", "torch.Tensor(x) is x",
    "shape:torch.Tensor(torch.Size([2, 3]))", "torch.Tensor((2, 3))",
    "shape:torch.Tensor(size=(2,))", "shape:torch.Tensor(2, device='cpu')",
    "torch.Tensor(range(3))", "torch.Tensor([[1, 2]], device='cpu')", "torch.Tensor({1: 2})",
    "np.shares_memory(torch.FloatTensor(a32).numpy(), a32)",
    "np.shares_memory(torch.Tensor(a32).numpy(), a32)",
    "shape:torch.FloatTensor(torch.Size([2, 3]))", "torch.LongTensor(x)",
    "torch.FloatTensor(torch.tensor(3.))", "torch.FloatTensor(x)",
    "torch.LongTensor(torch.tensor([1.]))", "shape:torch.FloatTensor(size=(2,))",
    "torch.FloatTensor(np.float32(2))", "torch.ByteTensor([-1])", "shape:i32.new(2, 3)",
    "i32.new([1.5])", "i32.new()", "i32.new(i32)", "i32.new(torch.tensor([1.]))",
    "shape:f.new(torch.Size([2, 2]))", "shape:f.new(size=(3,))", "f.new(2, dtype=torch.int64)",
    "f.new(1.5)", "g.new([1.])", "f.new(g)",
    # new_* and type_as
    "i32.new_zeros(2, 3)", "x.new_zeros((2, 3), dtype=torch.float32, requires_grad=True)",
    "x.new_zeros(size=(2,))", "x.new_zeros()", "x.new_zeros([])", "x.new_zeros(2, 3.5)",
    "x.new_zeros(2.5)", "x.new_zeros(2, foo=1)", "x.new_ones(2, 3, dtype=torch.bool)",
    "x.new_ones((2,), device='cpu', pin_memory=False)", "x.new_ones((2,), layout=torch.strided)",
    "x.new_ones(torch.Size([2]))", "x.new_full((2,), 7.5)", "x.new_full(2, 7)",
    "x.new_full((2,), 1+2j)", "i32.new_full((2,), 7.5, dtype=torch.float64)",
    "shape:i32.new_empty(3)", "shape:x.new_empty((2, 3), dtype=torch.float64)",
    "x.new_tensor([3.5])", "x.new_tensor(x)", "x.new_tensor(a32)", "x.new_tensor(3)",
    "x.new_tensor([1], dtype=torch.float64, requires_grad=True)", "g.new_tensor(g)",
    "torch.tensor(1.5).new_tensor(2)", "shape:x.new_empty_strided((2, 3), (1, 2))",
    "shape:x.new_empty_strided((2, 3), (1, 2), dtype=torch.float64)",
    "x.new_empty_strided((2, 3))", "g.new_zeros(2)", "x.type_as(torch.zeros(1))",
    "x.type_as(x) is x", "x.type_as(1)",
    # memory formats
    "z.clone(memory_format=torch.channels_last)",
    "z.contiguous(memory_format=torch.channels_last)", "z.to(memory_format=torch.channels_last)",
    "z.clone(memory_format=torch.channels_last_3d)",
    "z5.clone(memory_format=torch.channels_last_3d)",
    "z5.contiguous(memory_format=torch.channels_last)",
    "torch.zeros(2, 3, 4).clone(memory_format=torch.channels_last)",
    "z.is_contiguous(memory_format=torch.channels_last)",
    "nhwc.is_contiguous(memory_format=torch.channels_last)",
    "z5.permute(0, 4, 1, 2, 3).is_contiguous(memory_format=torch.channels_last_3d)",
    "torch.zeros(1, 3, 1, 1).is_contiguous(memory_format=torch.channels_last)",
    "z.is_contiguous(memory_format=torch.preserve_format)", "z.is_contiguous(memory_format=1)",
    "z.is_contiguous(torch.channels_last)",
    "z.t().is_contiguous() if False else f.is_contiguous()", "nhwc.contiguous()",
    "nhwc.contiguous(memory_format=torch.channels_last) is nhwc", "nhwc.clone()",
    "nhwc.clone(memory_format=torch.contiguous_format)",
    "nhwc.to(memory_format=torch.channels_last) is nhwc",
    "nhwc.to(memory_format=torch.contiguous_format)", "z.float(memory_format=torch.channels_last)",
    "z.to(torch.float64, memory_format=torch.channels_last)",
    "z.to(torch.float32, memory_format=torch.channels_last_3d)", "z.clone(memory_format=1)",
    "f.reshape(2, 3).t().contiguous(memory_format=torch.preserve_format)",
    "f.reshape(2, 3).T.to(torch.float64, memory_format=torch.contiguous_format)",
    "f.reshape(2, 3).T.to(torch.float64)", "f.reshape(2, 3).T.clone()",
    "shape:torch.empty(2, 0, 3, 4, memory_format=torch.channels_last)",
    "torch.zeros(2, 3, 0, 4).clone(memory_format=torch.channels_last)",
    "shape:torch.empty(2, 3, 0, 4, 1, memory_format=torch.channels_last_3d)",
    "torch.zeros(2, 0, 3, 4).is_contiguous(memory_format=torch.channels_last)",
    "torch.zeros(2, 3, 0, 4).permute(0, 2, 3, 1).is_contiguous(memory_format=torch.channels_last)",
    "torch.zeros(2, 3, 4, 5).contiguous(memory_format=torch.channels_last)"
    ".is_contiguous(memory_format=torch.channels_last)",
    # to / type / float()
    "f.to(float)", "f.to(int)", "f.to(bool)", "f.to(complex)", "f.to(None)", "f.to(None, None)",
    "f.to('cpu:0') is f", "f.to('cpu') is f", "f.to(torch.device('cpu', 0)) is f",
    "f.to(torch.int32, dtype=torch.int64)", "f.to(torch.float32, torch.float64)",
    "f.to('cpu', 'cpu')", "f.to('cpu', float)", "f.to(dtype=float)", "f.to(x, torch.float64)",
    "f.to(x, non_blocking=True)", "f.to(torch.float32, True, True) is f", "f.to(other=x)",
    "f.to(device=None, dtype=None) is f", "f.to('cpu', copy=True) is f", "f.to(copy=True) is f",
    "f.to(torch.float64, False, False, torch.channels_last)", "f.to(torch.float64, foo=1)",
    "f.to('cpu', torch.float32, memory_format=1)", "g.to(torch.float64)",
    "g.to(torch.float64).grad_fn.name()", "torch.tensor([1.5]).float(torch.float64)",
    "f.double(torch.float64)", "f.float() is f", "f.int()", "f.half().dtype",
    "f.long(memory_format=torch.contiguous_format)", "x.type(torch.Tensor)",
    "x.type(torch.Tensor) is x", "f.type(torch.Tensor) is f", "f.type(float)", "f.type(int)",
    "f.type('float')", "f.type(np.float32)", "f.type(torch.FloatTensor) is f",
    "f.type('torch.FloatTensor') is f", "f.type(torch.float32) is f",
    "f.type(torch.float64, non_blocking=True)", "f.type(torch.DoubleTensor)", "f.type()",
    "f.layout", "str(f.layout)", "torch.strided", "type(torch.strided).__name__",
    "torch.channels_last_3d", "f.cpu() is f", "f.cpu(memory_format=torch.contiguous_format) is f",
    # factories: out= and layout=
    "torch.zeros(2, out=torch.empty(3))", "torch.zeros(2, out=torch.empty(2, dtype=torch.int64))",
    "torch.zeros(2, out=torch.empty(2, dtype=torch.int64), dtype=torch.float32)",
    "torch.zeros(2, out=torch.empty(2, dtype=torch.int64), dtype=torch.int64)",
    "torch.zeros(2, out=torch.empty(4)[::2])", "torch.zeros(2, out=torch.empty(2, 3).t())",
    "torch.zeros(2, out=1)", "torch.ones(2, 2, out=torch.empty(2, 2, requires_grad=True))",
    "torch.full((2,), 3, out=torch.empty(2))",
    "torch.full((2,), 1.5, out=torch.empty(2, dtype=torch.int64))",
    "torch.full((2,), 1, out=torch.empty(2, requires_grad=True))",
    "torch.arange(3, out=torch.empty(3))",
    "torch.arange(3., out=torch.empty(2, dtype=torch.int64))",
    "torch.arange(3, out=torch.empty(0))",
    "torch.arange(3, out=torch.empty(3), dtype=torch.int64)",
    "torch.arange(3, out=torch.empty(3, requires_grad=True))", "torch.eye(2, out=torch.empty(3))",
    "torch.eye(2, out=torch.empty(2, 2), dtype=torch.int64)",
    "torch.linspace(0, 1, 3, out=torch.empty(5))",
    "torch.linspace(0, 1, 3, out=torch.empty(3), dtype=torch.int64)",
    "torch.logspace(0, 1, 3, out=torch.empty(3, dtype=torch.float64))",
    "shape:torch.empty(2, out=torch.empty(3, dtype=torch.int8))",
    "shape:torch.empty(2, out=torch.empty(2), requires_grad=True)",
    "o = torch.empty(3); r = torch.ones(2, out=o); (r is o, o)",
    "o = torch.empty(3); v = o._version; torch.zeros(3, out=o); o._version - v",
    "torch.zeros(2, layout=torch.strided)", "torch.zeros(2, layout=None)",
    "torch.zeros(2, layout=1)", "torch.arange(3, layout=None)",
    "torch.ones(2, layout=torch.strided)", "torch.full((2,), 1, layout=torch.strided)",
    "torch.zeros_like(f, layout=torch.strided)", "torch.eye(2, layout=torch.strided)",
    "torch.linspace(0, 1, 2, layout=torch.strided)",
    # empty_strided / scalar_tensor / range
    "shape:torch.empty_strided((2, 3), (1, 2))",
    "shape:torch.empty_strided((2, 3), (1, 2), dtype=torch.int32)",
    "torch.empty_strided((2, 3), (1,))", "torch.empty_strided((2, -3), (1, 2))",
    "torch.empty_strided((2, 3), (-1, 2))", "shape:torch.empty_strided((2, 3), (0, 0))",
    "torch.empty_strided((2, 3), (1, 2)).untyped_storage().nbytes()",
    "shape:torch.empty_strided((2, 0), (1, 2))",
    "shape:torch.empty_strided((2, 3), (1, 2), requires_grad=True)", "torch.empty_strided((2, 3))",
    "torch.empty_strided()", "torch.scalar_tensor(3)", "torch.scalar_tensor(3, dtype=torch.int32)",
    "torch.scalar_tensor(True)", "torch.scalar_tensor(1+2j)",
    "torch.scalar_tensor(torch.tensor(2))", "torch.scalar_tensor('a')", "torch.scalar_tensor()",
    "torch.scalar_tensor(2.5, requires_grad=True)", "torch.range(0, 3)", "torch.range(0, 3, 0.5)",
    "torch.range(0, 3, dtype=torch.int64)", "torch.range(3)", "torch.range(1, 4, 2)",
    "torch.range(0., 1., 0.1)", "torch.range(0., 1., 0.1, dtype=torch.float64)",
    "torch.range(0, 2.5, dtype=torch.int64)", "torch.range(0.5, 3.7, 1.2, dtype=torch.int64)",
    "torch.range(0, 3, 0)", "torch.range(3, 0)", "torch.range(0, 3, -1)",
    "torch.range(3, 0, -0.5)", "torch.range(0, float('inf'))",
    "torch.range(0, 3, out=torch.empty(4))", "torch.range(0, 2, out=torch.empty(2))",
    # predicates and protocols
    "torch.is_nonzero(torch.tensor([1]))", "torch.is_nonzero(torch.tensor([]))",
    "torch.is_nonzero(torch.tensor([1, 2]))", "torch.is_nonzero(torch.tensor(0.))",
    "torch.is_nonzero(1)", "f.is_nonzero()", "torch.tensor([2.5]).is_nonzero()",
    "torch.typename(torch.zeros(1))", "torch.typename(torch.zeros(1, dtype=torch.int32))",
    "torch.typename(1)", "torch.typename(np.float32(1))", "torch.typename(np.ndarray)",
    "f.is_same_size(torch.zeros(6))", "f.is_same_size(torch.zeros(1, 6))", "f.is_same_size(1)",
    "3. in torch.tensor([[3., -1], [0, 5]])", "7 in torch.tensor([[3, -1], [0, 5]])",
    "torch.tensor([1, 2]) in torch.tensor([[1, 2], [3, 4]])", "'a' in f", "None in f", "[1.] in f",
    "1+0j in f", "np.float64(2) in f", "reversed(f)", "reversed(torch.tensor(1.))",
    "reversed(torch.ones(2, 3))", "reversed(g)",
    # float8 fnuz / e8m0, float -> uint32 / uint64
    "torch.tensor([1.5, -2, 0.125]).to(torch.float8_e4m3fnuz)",
    "torch.tensor([1.5, -2, 0.125, 1e9]).to(torch.float8_e5m2fnuz).float()",
    "torch.tensor([1.5, -2, 0.125, float('nan'), 1e9]).to(torch.float8_e8m0fnu).float()",
    "torch.tensor([1.5, 3]).to(torch.float8_e4m3fnuz).to(torch.float64)",
    "torch.tensor([1e10, float('nan'), 3e38, float('inf'), 2.**63]).to(torch.uint32)",
    "torch.tensor([3e38, float('inf'), float('-inf'), 2.**64]).to(torch.uint64)",
    "torch.tensor([70000., -70000.]).half().to(torch.uint32)",
    "torch.tensor(np.array([1e10, np.nan]), dtype=torch.uint32)",
    "torch.tensor([1e10, -3e9]).double()[::2].to(torch.uint32)",
    "torch.tensor([4290000000.]).double().to(torch.uint32)",
    # small differences
    "torch.asarray(torch.arange(4., requires_grad=True), dtype=torch.int32)",
    "torch.tensor(memoryview(np.arange(6, dtype=np.int32).reshape(2, 3)))",
]


def _run(code):
    """`fn(m)` evaluating `code` (the last statement is the result) with `torch` as `m`."""
    shape_only = code.startswith("shape:")
    code = code[len("shape:"):] if shape_only else code
    *stmts, last = code.split("; ")

    def fn(m):
        ns = {"torch": m, "np": np}
        exec(SETUP, ns)
        for s in stmts:
            exec(s, ns)
        r = eval(last, ns)
        if shape_only:
            return r.dtype, r.shape, r.stride(), r.requires_grad
        if isinstance(r, m.layout) or isinstance(r, m.memory_format):
            return repr(r)
        return r
    return fn


@pytest.mark.parametrize("code", CASES)
def test_matches_torch(code):
    same(_run(code))


def test_printoptions_unknown_profile_is_ignored():
    same(lambda m: m.set_printoptions(profile="bogus"))


@pytest.mark.parametrize("dumps", ["pickle", "deepcopy", "copy"])
def test_pickle_and_copies_keep_storage_geometry_and_sharing(dumps):
    def fn(m):
        t = m.arange(12.).reshape(3, 4)
        views = [t, t[1:], t.t(), t[:, 1::2], m.arange(5.)[2:4]]
        if dumps == "pickle":
            out = pickle.loads(pickle.dumps(views))
        elif dumps == "deepcopy":
            out = copy.deepcopy(views)
        else:
            out = [copy.copy(v) for v in views]
        geometry = [(v.storage_offset(), v.stride(), v.untyped_storage().nbytes(), v._is_view())
                    for v in out]
        out[1][0, 0] = 100
        out[2][0, 3] = -5
        return geometry, out, t
    same(fn)


def test_deepcopy_leaves_only_and_keeps_grad_flags_and_attributes():
    def fn(m):
        leaf = m.ones(2, requires_grad=True)
        leaf.grad = m.full((2,), 3.)
        leaf.label = "w"
        c = copy.deepcopy(leaf)
        return c, c.grad, c.label, c.is_leaf, c.grad is leaf.grad
    same(fn)
    same(lambda m: copy.deepcopy(m.ones(2, requires_grad=True) * 2))
    same(lambda m: pickle.loads(pickle.dumps(m.ones(2, requires_grad=True) * 2)))


@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "int8", "bool", "complex64",
                                   "int64"])
def test_pickle_every_storage_dtype(dtype):
    same(lambda m: pickle.loads(pickle.dumps(m.arange(6.).reshape(2, 3).t()
                                             .to(getattr(m, dtype)))))


def test_channels_last_strided_storage_pickles():
    same(lambda m: pickle.loads(pickle.dumps(m.arange(120.).reshape(2, 3, 4, 5)
                                             .contiguous(memory_format=m.channels_last))))


@pytest.mark.parametrize("src", ["float32", "float64", "float16", "bfloat16"])
@pytest.mark.parametrize("target", ["uint32", "uint64"])
def test_out_of_range_float_to_uint_casts(src, target):
    values = [2.**31, 3e9, 4.29e9, 2.**32, 2.**32 + 512, 1e10, 2.**63, 2.**64, 1e30, float("inf"),
              float("nan"), -float("inf"), -1., -2.**31, -2.**31 - 256, -3e9, -1e10, -1e19, 0.5,
              -0.5, 5.]
    rng = np.random.default_rng(0)
    for n in list(range(1, 20)) + [31, 40]:
        v = rng.choice(values, n).tolist()
        for step in (1, 2):
            same(lambda m: m.tensor(v, dtype=m.float64).to(getattr(m, src))[::step]
                 .to(getattr(m, target)))


def test_uninitialised_factories_are_writable_and_sized():
    t = numtorch.empty_strided((2, 3), (1, 2))
    t[...] = numtorch.arange(6.).reshape(2, 3)
    assert t.tolist() == [[0., 1., 2.], [3., 4., 5.]]
    assert isinstance(numtorch.Tensor(2), numtorch.Tensor)
    assert torch.Tensor(2).shape == numtorch.Tensor(2).shape


def test_type_names_print_as_the_public_classes():
    x = numtorch.arange(3.)
    assert repr(type(x)) == "<class 'numtorch.Tensor'>"
    assert repr(type(x.shape)) == "<class 'numtorch.Size'>"
    assert repr(type(torch.arange(3.))) == "<class 'torch.Tensor'>"


def test_random_like_of_empty_skips_the_dtype_check():
    for m in (torch, numtorch):
        r = m.randn_like(m.empty(0), dtype=m.int32)
        assert r.dtype == m.int32 and r.shape == (0,)


@pytest.mark.parametrize("dtype", ["float8_e5m2", "float8_e4m3fn", "float8_e8m0fnu"])
@pytest.mark.parametrize("make", [lambda m: m.ones(1), lambda m: m.ones(3, 1).t(),
                                  lambda m: m.tensor([0.0, -0.0, 1e-40, -2.0, 0.75, 3.0])])
def test_float8_conversions_with_size_one_dims_and_zeros(dtype, make):
    a = make(numtorch).to(getattr(numtorch, dtype))
    b = make(torch).to(getattr(torch, dtype))
    assert a.stride() == b.stride()
    assert a.float().tolist() == b.float().tolist()
