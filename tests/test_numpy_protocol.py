"""NumPy meets tensors (README, "Differences from PyTorch"): NumPy operators, ufuncs and
functions on tensors give numtorch tensors computed with PyTorch's promotion."""
import numpy as np
import pytest
import torch

import numtorch


def test_ndarray_plus_tensor_is_a_tensor_with_torch_promotion():
    a = np.ones(3, dtype=np.int32)
    with pytest.raises(TypeError):
        a + torch.tensor([1.5, 2.5, 3.5])  # PyTorch refuses
    for r in (a + numtorch.tensor([1.5, 2.5, 3.5]), numtorch.tensor([1.5, 2.5, 3.5]) + a):
        assert isinstance(r, numtorch.Tensor)
        assert r.dtype is numtorch.float32  # int32 + float32 is float32 in PyTorch
        assert r.tolist() == [2.5, 3.5, 4.5]
    assert (np.ones(2) * numtorch.ones(2, dtype=numtorch.float16)).dtype is numtorch.float64


def test_ufuncs_return_tensors():
    t = numtorch.tensor([0.0, 1.0])
    r = np.exp(t)
    assert isinstance(r, numtorch.Tensor) and r.dtype is numtorch.float32
    np.testing.assert_allclose(r.numpy(), np.exp([0.0, 1.0]), rtol=1e-6)
    assert np.isfinite(t).dtype is numtorch.bool
    i = numtorch.tensor([1, 2])
    assert np.sqrt(i).dtype is numtorch.float32  # PyTorch's int -> default float


def test_array_functions_return_tensors():
    t = numtorch.tensor([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(TypeError):
        np.sum(torch.ones(2))  # PyTorch's np.sum(t) fails
    s = np.sum(t)
    assert isinstance(s, numtorch.Tensor) and s.item() == 10.0
    assert np.sum(t, axis=0).tolist() == [4.0, 6.0]
    c = np.concatenate([t, t])
    assert isinstance(c, numtorch.Tensor) and c.shape == (4, 2)
    tr = np.transpose(t)
    assert isinstance(tr, numtorch.Tensor) and tr.tolist() == [[1.0, 3.0], [2.0, 4.0]]


def test_inplace_add_of_ndarray_stays_in_place():
    t = numtorch.zeros(2)
    same = t
    t += np.array([1.0, 2.0])
    assert t is same and t.tolist() == [1.0, 2.0] and t._version == 1
    tt = torch.zeros(2)
    with pytest.warns(DeprecationWarning):
        tt += np.array([1.0, 2.0])  # PyTorch rebinds tt to a new float64 tensor
    assert tt.dtype == torch.float64
