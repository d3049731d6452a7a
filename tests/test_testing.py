"""numtorch.testing against torch.testing: assert_close's messages, make_tensor's tensors."""
import warnings

import numpy as np
import pytest
import torch

import numtorch
import numtorch.testing as NT


def _outcome(fn, mod):
    """The result, or the exception class and full message, of `fn(mod, mod.testing)`;
    and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = ("ok", fn(mod, NT if mod is numtorch else torch.testing))
        except Exception as e:  # the exception is the outcome
            res = (type(e).__name__, str(e))
    return res, [(w.category.__name__, str(w.message)) for w in caught]


def _same(fn):
    assert _outcome(fn, numtorch) == _outcome(fn, torch)


NAN, INF = float("nan"), float("inf")
CLOSE_CASES = [
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0, 3.0]), m.tensor([1.0, 2.1, 3.5])),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.0 + 1e-6])),
    lambda m, T: T.assert_close(m.tensor([[1, 2], [3, 4]]), m.tensor([[1, 2], [3, 7]])),
    lambda m, T: T.assert_close(m.tensor(1.0), m.tensor(1.5)),
    lambda m, T: T.assert_close(m.tensor([1.0]), m.tensor([1.0, 2])),
    lambda m, T: T.assert_close(m.tensor([1.0]), m.tensor([1.0], dtype=m.float64)),
    lambda m, T: T.assert_close(m.tensor([1.0]), m.tensor([1.0], dtype=m.float64),
                                check_dtype=False),
    lambda m, T: T.assert_close({"a": [m.tensor([1.0]), 2]}, {"a": [m.tensor([1.0]), 3]}),
    lambda m, T: T.assert_close({"a": 1}, {"b": 1}),
    lambda m, T: T.assert_close(1, 1.0),
    lambda m, T: T.assert_close(np.array([1.0, 2]), np.array([1.0, 3])),
    lambda m, T: T.assert_close(np.float32(1.0), 1.0),
    lambda m, T: T.assert_close(m.tensor([NAN]), m.tensor([NAN])),
    lambda m, T: T.assert_close(m.tensor([NAN]), m.tensor([NAN]), equal_nan=True),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.5]), msg="boom"),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.5]),
                                msg=lambda s: s + "!!"),
    lambda m, T: T.assert_close([m.tensor([1.0])], [m.tensor([2.0])], msg=lambda s: s + "!"),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.5]), rtol=1),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.5]), rtol=0, atol=0),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.1]), atol=0.2, rtol=0),
    lambda m, T: T.assert_close(m.ones(2, 2).t(), m.ones(2, 2), check_stride=True),
    lambda m, T: T.assert_close(m.ones(2, 2).t(), m.ones(2, 2)),
    lambda m, T: T.assert_close(m.tensor([1, 2], dtype=m.uint8), m.tensor([1, 200]),
                                check_dtype=False),
    lambda m, T: T.assert_close(m.tensor([1, 2], dtype=m.uint16),
                                m.tensor([1, 100], dtype=m.int8), check_dtype=False),
    lambda m, T: T.assert_close(m.tensor([1, 2], dtype=m.float8_e4m3fn),
                                m.tensor([1, 3], dtype=m.float8_e4m3fn)),
    lambda m, T: T.assert_close(m.tensor([1, 2], dtype=m.float8_e4m3fn),
                                m.tensor([1, 3], dtype=m.float8_e4m3fn), rtol=0.1, atol=0),
    lambda m, T: T.assert_close(m.tensor([True, False]), m.tensor([True, True])),
    lambda m, T: T.assert_close(None, 1),
    lambda m, T: T.assert_close(None, None),
    lambda m, T: T.assert_close(True, False),
    lambda m, T: T.assert_close(np.bool_(True), True),
    lambda m, T: T.assert_close(1.0, 1.1),
    lambda m, T: T.assert_close(1.0, 1.0000001),
    lambda m, T: T.assert_close(1 + 1j, 1 + 2j),
    lambda m, T: T.assert_close(0.0, 1e-9),
    lambda m, T: T.assert_close([1, 2], [1]),
    lambda m, T: T.assert_close((1, [2.0, 3.0]), [1, (2.0, 3.5)]),
    lambda m, T: T.assert_close("a", "a"),
    lambda m, T: T.assert_close(m.tensor([1 + 1j, 2]), m.tensor([1 + 1j, 2 + 1j])),
    lambda m, T: T.assert_close(m.tensor([1.0, 2], dtype=m.bfloat16),
                                m.tensor([1.0, 2.02], dtype=m.bfloat16)),
    lambda m, T: T.assert_close(m.tensor([1.0, 2], dtype=m.float16),
                                m.tensor([1.0, 2.01], dtype=m.float16)),
    lambda m, T: T.assert_close(m.zeros(0), m.zeros(0)),
    lambda m, T: T.assert_close(m.tensor([0.0, 1.0]), m.tensor([1.0, 0.0])),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.0]), atol=1),
    lambda m, T: T.assert_close(m.tensor([1.0, INF]), m.tensor([1.0, 2.0])),
    lambda m, T: T.assert_close(m.tensor([1.0, 2.0], requires_grad=True), m.tensor([1.0, 3.0])),
    lambda m, T: T.assert_close(m.arange(24.0).reshape(2, 3, 4),
                                m.arange(24.0).reshape(2, 3, 4) * 1.01),
    lambda m, T: T.assert_allclose(m.tensor([1.0, 2.0]), [1.0, 2.00001]),
    lambda m, T: T.assert_allclose(m.tensor([1.0, 2.0]), [1.0, 2.1]),
    lambda m, T: T.assert_allclose([1.0, NAN], [1.0, NAN]),
]


@pytest.mark.parametrize("case", range(len(CLOSE_CASES)))
def test_assert_close_matches_torch(case):
    _same(CLOSE_CASES[case])


def test_tensor_against_other_types_is_a_type_error():
    with pytest.raises(TypeError, match="No comparison pair was able to handle inputs of type "
                                        "<class 'numtorch.Tensor'> and <class 'list'>"):
        NT.assert_close(numtorch.tensor([1.0]), [1.0])


DTYPES = ["bool", "uint8", "int8", "int16", "int32", "int64", "uint16", "uint32", "uint64",
          "float16", "bfloat16", "float32", "float64", "complex64", "complex128",
          "float8_e4m3fn", "float8_e5m2"]


@pytest.mark.parametrize("name", DTYPES)
@pytest.mark.parametrize("kwargs", [{}, {"noncontiguous": True}, {"low": 2, "high": 5},
                                    {"exclude_zero": True, "low": -1, "high": 1},
                                    {"low": -1e30, "high": 1e30}])
def test_make_tensor_draws_as_torch(name, kwargs):
    if kwargs.get("exclude_zero") and name in ("uint16", "uint32", "uint64", "float8_e4m3fn",
                                               "float8_e5m2"):
        pytest.skip("torch has no masked_fill for this dtype; numtorch's mask assignment works")
    def draw(m, T):
        m.manual_seed(7)
        r = T.make_tensor(3, 4, dtype=getattr(m, name), device="cpu", **kwargs)
        values = r.to(m.complex128 if r.dtype.is_complex else m.float64).tolist()
        return str(r.dtype), tuple(r.shape), r.stride(), r.is_contiguous(), values

    _same(draw)


@pytest.mark.parametrize("call", [
    lambda m, T: T.make_tensor((2, 3), dtype=m.float32, device="cpu", requires_grad=True),
    lambda m, T: T.make_tensor([2, 3], dtype=m.float64, device=m.device("cpu")),
    lambda m, T: T.make_tensor(m.Size([2]), dtype=m.int64, device="cpu", low=5, high=6),
    lambda m, T: T.make_tensor((), dtype=m.float32, device="cpu"),
    lambda m, T: T.make_tensor(1, dtype=m.float32, device="cpu", noncontiguous=True),
    lambda m, T: T.make_tensor(2, dtype=m.int32, device="cpu", requires_grad=True),
    lambda m, T: T.make_tensor(2, dtype=m.float32, device="cpu", low=3, high=1),
    lambda m, T: T.make_tensor(2, dtype=m.float32, device="cpu", low=NAN),
    lambda m, T: T.make_tensor(2, dtype=m.uint8, device="cpu", low=300, high=400),
    lambda m, T: T.make_tensor(2, dtype=m.int8, device="cpu", low=-1000, high=1000),
    lambda m, T: T.make_tensor(2, dtype=m.float32, device="cpu", low=1, high=1),
    lambda m, T: T.make_tensor(2, dtype=m.float32, device="cpu", noncontiguous=True,
                               memory_format=m.contiguous_format),
])
def test_make_tensor_arguments_and_errors(call):
    def described(m, T):
        r = call(m, T)
        return str(r.dtype), tuple(r.shape), r.stride(), r.requires_grad, r.is_leaf

    _same(described)


def test_make_tensor_follows_the_seed():
    numtorch.manual_seed(5)
    a = NT.make_tensor(4, dtype=numtorch.float32, device="cpu")
    numtorch.manual_seed(5)
    b = NT.make_tensor(4, dtype=numtorch.float32, device="cpu")
    assert a.tolist() == b.tolist()
