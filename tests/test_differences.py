"""Where numtorch deliberately does more than PyTorch (README: "Differences from PyTorch").

Each test shows PyTorch's behaviour next to numtorch's, so a change on either side is seen.
"""
import warnings

import ml_dtypes
import numpy as np
import pytest
import torch

import numtorch


@pytest.mark.parametrize("name", ["bfloat16", "float8_e4m3fn", "float8_e5m2"])
def test_extended_floats_convert_to_numpy_losslessly(name):
    values = [1.5, -2.0, 0.25]
    with pytest.raises(TypeError, match="unsupported ScalarType"):
        torch.tensor(values, dtype=getattr(torch, name)).numpy()
    t = numtorch.tensor(values, dtype=getattr(numtorch, name))
    a = t.numpy()
    assert a.dtype == np.dtype(getattr(ml_dtypes, name))
    assert a.astype(np.float64).tolist() == values
    assert np.shares_memory(a, t.numpy())
    back = numtorch.from_numpy(a)
    assert back.dtype is t.dtype and back.tolist() == values


def test_array_protocol_follows_numpy_2():
    t = torch.ones(3)
    with pytest.warns(DeprecationWarning):
        np.array(t)
    with pytest.raises(ValueError), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        np.asarray(t, copy=False)
    n = numtorch.ones(3)
    shared = np.asarray(n, copy=False)  # no warning (pytest runs with -W error)
    assert np.shares_memory(shared, n.numpy())
    copied = np.array(n)
    assert not np.shares_memory(copied, n.numpy())
    assert np.asarray(n, dtype=np.float64).dtype == np.float64
    with pytest.raises(ValueError, match="Unable to avoid copy"):
        np.asarray(n, dtype=np.float64, copy=False)


def test_array_wrap_follows_numpy_2_and_keeps_bool():
    with pytest.warns(DeprecationWarning):
        r = np.isfinite(torch.ones(2))
    assert r.dtype == torch.uint8
    r = np.isfinite(numtorch.ones(2))  # no DeprecationWarning
    assert isinstance(r, numtorch.Tensor) and r.dtype is numtorch.bool


@pytest.mark.parametrize("make", [
    lambda: np.arange(6.0)[::-1],
    lambda: np.arange(6.0).reshape(2, 3)[:, ::-2],
    lambda: np.arange(4, dtype=">i4"),
    lambda: np.arange(6, dtype=">f8").reshape(3, 2).T,
], ids=["reversed", "2d_negative_step", "big_endian", "big_endian_transposed"])
@pytest.mark.parametrize("ctor", ["tensor", "as_tensor", "asarray"])
def test_copying_constructors_accept_negative_strides_and_byte_order(make, ctor):
    a = make()
    with pytest.raises(ValueError):
        getattr(torch, ctor)(a)
    t = getattr(numtorch, ctor)(a)
    assert t.tolist() == a.tolist()
    assert all(s >= 0 for s in t.stride())
    assert not np.shares_memory(t.numpy(), a)
    with pytest.raises(ValueError, match="negative|byte order"):
        numtorch.from_numpy(a)  # from_numpy keeps PyTorch's errors: it never copies
    if ctor == "asarray":
        with pytest.raises(ValueError):
            numtorch.asarray(a, copy=False)


def test_read_only_arrays_give_tensors_whose_writes_raise():
    a = np.arange(3.0)
    a.setflags(write=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # PyTorch's one-time warning is kept
        t = numtorch.from_numpy(a)
        tt = torch.from_numpy(a)
    tt[0] = 42.0  # PyTorch writes into the "read-only" array
    assert a[0] == 42.0
    with pytest.raises(ValueError, match="read-only"):
        t[1] = 5.0
    with pytest.raises(ValueError, match="read-only"):
        t.fill_(0.0)
    assert a.tolist() == [42.0, 1.0, 2.0]
    assert t._version == 0 or t.tolist() == a.tolist()


def test_from_dlpack_of_negative_strides_raises_instead_of_aborting():
    with pytest.raises(ValueError, match="negative"):
        numtorch.from_dlpack(np.arange(4.0)[::-1])


def test_no_complex32_and_at_most_64_dims():
    with pytest.raises(TypeError, match="complex32"):
        numtorch.zeros(2, dtype=numtorch.complex32)
    deep = [1.0]
    for _ in range(69):
        deep = [deep]
    assert torch.tensor(deep).dim() == 70
    with pytest.raises(ValueError, match="64 dimensions"):
        numtorch.tensor(deep)


def test_ops_with_a_complex32_result_raise():
    """An op PyTorch computes in complex32 (float16 with a complex number) raises the same
    TypeError; comparisons, whose result is bool, work. (Both libraries warn once that
    ComplexHalf is experimental.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert (torch.tensor([1., 2.], dtype=torch.float16) * (1 + 2j)).dtype is torch.complex32
        n = numtorch.tensor([1., 2.], dtype=numtorch.float16)
        for f in (lambda x: x * (1 + 2j), lambda x: x + numtorch.tensor(1j), lambda x: 1j / x,
                  lambda x: numtorch.where(x > 0, x, 1j), lambda x: numtorch.tensor(1j) * x):
            with pytest.raises(TypeError, match="complex32"):
                f(n)
        assert (n == numtorch.tensor(1 + 1j)).tolist() == [False, False]


def test_inference_mode_tensors_are_ordinary_tensors():
    def run(m):
        w = m.ones(2, requires_grad=True)
        with m.inference_mode():
            t = m.ones(2) * 3
            recorded = (w * 2).requires_grad
        try:
            (w * t).sum().backward()
            return t.is_inference(), recorded, w.grad.tolist()
        except RuntimeError as exc:
            return t.is_inference(), recorded, str(exc).split(".")[0]

    assert run(torch) == (True, False, "Inference tensors cannot be saved for backward")
    assert run(numtorch) == (False, False, [3.0, 3.0])


def test_conj_of_complex_is_a_copy():
    def run(m):
        z = m.tensor([1 + 2j, 3 - 1j])
        c = z.conj()
        z[0] = 5
        return c.is_conj(), c.tolist()

    assert run(torch) == (True, [(5 - 0j), (3 + 1j)])
    assert run(numtorch) == (False, [(1 - 2j), (3 + 1j)])
