"""Every sharing promise of the README's table, asserted directly: shared memory, writes seen
both ways, and the version counter that views and `detach` share."""
import array

import numpy as np
import pytest

import numtorch as torch


@pytest.mark.parametrize("make", [
    lambda: np.arange(6.0),
    lambda: np.arange(12, dtype=np.int32).reshape(3, 4).T,
    lambda: np.arange(12, dtype=np.float32).reshape(3, 4)[:, ::2],
    lambda: np.asfortranarray(np.arange(6, dtype=np.int16).reshape(2, 3)),
], ids=["1d", "transposed", "strided", "fortran"])
@pytest.mark.parametrize("share", [
    torch.from_numpy, torch.as_tensor, torch.asarray, lambda a: torch.asarray(a, copy=False),
    torch.from_dlpack,
], ids=["from_numpy", "as_tensor", "asarray", "asarray_copy_false", "from_dlpack"])
def test_ndarray_constructors_share(make, share):
    a = make()
    t = share(a)
    assert np.shares_memory(a, t.numpy())
    a.flat[0] = 11
    assert t.numpy().flat[0] == 11
    t[(0,) * t.dim()] = 22
    assert a.flat[0] == 22
    assert t.stride() == tuple(s // a.itemsize for s in a.strides)


@pytest.mark.parametrize("copy", [
    torch.tensor, lambda a: torch.asarray(a, copy=True),
    lambda a: torch.as_tensor(a, dtype=torch.float16),
], ids=["tensor", "asarray_copy_true", "as_tensor_new_dtype"])
def test_copying_constructors_copy(copy):
    a = np.arange(6.0)
    t = copy(a)
    assert not np.shares_memory(a, t.numpy())
    a[0] = 99
    assert t[0].item() == 0


def test_numpy_shares_and_is_a_fresh_view_each_call():
    t = torch.zeros(2, 3)
    a, b = t.numpy(), t.numpy()
    assert a is not b and np.shares_memory(a, b)
    a[1, 2] = 5
    assert t[1, 2].item() == 5
    a.shape = (6,)  # reshaping the array leaves the tensor alone
    assert t.shape == (2, 3)
    assert np.shares_memory(np.asarray(t), a)


def test_views_share_storage_and_version_counter():
    t = torch.zeros(3, 4)
    views = [t[1], t[:, 2], t[1:, ::2], t[..., None], t.detach(), t[0, 0]]
    for v in views:
        assert np.shares_memory(v.numpy(), t.numpy())
        assert v.untyped_storage().data_ptr() == t.untyped_storage().data_ptr()
    before = t._version
    views[0][0] = 1.0
    assert t._version == before + 1
    assert all(v._version == t._version for v in views)
    assert t[1, 0].item() == 1.0


def test_copies_get_new_storage_and_counter():
    t = torch.zeros(3, 4)
    for c in (t.clone(), t.to(torch.float64), t[torch.tensor([0, 2])], t.contiguous().clone()):
        assert not np.shares_memory(c.numpy(), t.numpy())
        c.fill_(1.0)
        assert t._version == 0


def test_numpy_writes_do_not_bump_the_version():
    a = np.zeros(3)
    t = torch.from_numpy(a)
    a[0] = 1
    assert t._version == 0 and t[0].item() == 1
    t.zero_()
    assert t._version == 1 and a[0] == 0


def test_frombuffer_shares_the_bytes():
    buf = array.array("i", [1, 2, 3])
    t = torch.frombuffer(buf, dtype=torch.int32)
    t[0] = -1
    assert list(buf) == [-1, 2, 3]
    buf[2] = 30
    assert t.tolist() == [-1, 2, 30]


def test_as_tensor_and_asarray_of_tensor_return_the_same_object():
    t = torch.ones(2)
    assert torch.as_tensor(t) is t
    assert torch.asarray(t) is t
