"""numtorch.save / numtorch.load against real torch.save / torch.load, both ways."""
import io
import pathlib
import pickle
import zipfile
from collections import OrderedDict

import numpy as np
import pytest
import torch

import numtorch
from numtorch import serialization

DTYPES = ["bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
          "float16", "bfloat16", "float32", "float64", "float8_e4m3fn", "float8_e5m2",
          "complex64", "complex128"]


def _pair(name):
    """The same small tensor of dtype `name` in numtorch and torch."""
    t = torch.arange(6).reshape(2, 3).to(getattr(torch, name))
    n = numtorch.arange(6).reshape(2, 3).to(getattr(numtorch, name))
    return n, t


def _bits(x):
    """Raw bytes of a torch or numtorch tensor, for bitwise comparison."""
    if isinstance(x, torch.Tensor):
        return x.contiguous().view(torch.uint8).numpy().tobytes() if x.numel() else b""
    return np.ascontiguousarray(x.numpy()).tobytes()


def _same(n, t):
    assert str(n.dtype) == str(t.dtype)
    assert tuple(n.shape) == tuple(t.shape)
    assert n.stride() == t.stride()
    assert n.storage_offset() == t.storage_offset()
    assert n.requires_grad == t.requires_grad
    assert _bits(n) == _bits(t)


@pytest.mark.parametrize("name", DTYPES)
def test_every_dtype_round_trips_both_ways(name, tmp_path):
    n, t = _pair(name)
    serialization.save({"x": n}, tmp_path / "n.pt")
    _same(n, torch.load(tmp_path / "n.pt", weights_only=True)["x"])
    torch.save({"x": t}, tmp_path / "t.pt")
    _same(serialization.load(tmp_path / "t.pt")["x"], t)


def test_views_keep_sharing_one_storage(tmp_path):
    t = torch.arange(12.0).reshape(3, 4)
    torch.save([t, t[1], t.t(), t[:, 1::2], t.view(-1)[5:7]], tmp_path / "t.pt")
    got = serialization.load(tmp_path / "t.pt")
    ref = torch.load(tmp_path / "t.pt")
    for n, r in zip(got, ref):
        _same(n, r)
    got[0][1, 1] = 100.0
    assert got[1][1].item() == 100.0 and got[2][1, 1].item() == 100.0
    assert got[4][0].item() == 100.0
    assert len({n.untyped_storage().data_ptr() for n in got}) == 1

    a = numtorch.arange(12.0).reshape(3, 4)
    serialization.save([a, a[1], a.t(), a[:, 1::2]], tmp_path / "n.pt")
    back = torch.load(tmp_path / "n.pt")
    for n, r in zip([a, a[1], a.t(), a[:, 1::2]], back):
        _same(n, r)
    assert len({r.untyped_storage().data_ptr() for r in back}) == 1
    with zipfile.ZipFile(tmp_path / "n.pt") as z:
        assert [n for n in z.namelist() if "/data/" in n] == ["n/data/0"]


def test_containers_scalars_and_flags(tmp_path):
    w = numtorch.ones(2, requires_grad=True)
    obj = {"od": OrderedDict(b=1, a=[1.5, (2, "s")]), "w": w, "none": None, "t": True,
           "c": 1 + 2j, "by": b"ab", "set": {1}, "size": numtorch.Size([2, 3]),
           "dt": numtorch.bfloat16, "dev": numtorch.device("cpu"), "e": numtorch.zeros(0, 3)}
    serialization.save(obj, tmp_path / "n.pt")
    r = torch.load(tmp_path / "n.pt")
    assert type(r["od"]) is OrderedDict and list(r["od"]) == ["b", "a"]
    assert r["od"]["a"] == [1.5, (2, "s")]
    assert r["w"].requires_grad and r["w"].is_leaf
    assert (r["none"], r["t"], r["c"], r["by"], r["set"]) == (None, True, 1 + 2j, b"ab", {1})
    assert r["size"] == torch.Size([2, 3]) and type(r["size"]) is torch.Size
    assert r["dt"] is torch.bfloat16 and r["dev"] == torch.device("cpu")
    assert r["e"].shape == (0, 3)
    torch.save(r, tmp_path / "t.pt")
    back = serialization.load(tmp_path / "t.pt")
    assert type(back["od"]) is OrderedDict and back["od"] == obj["od"]
    assert back["w"].requires_grad and back["w"].is_leaf
    assert type(back["size"]) is numtorch.Size and back["size"] == (2, 3)
    assert back["dt"] is numtorch.bfloat16 and back["dev"] == numtorch.device("cpu")
    assert back["e"].shape == (0, 3)


def test_parameter_from_torch_loads_as_leaf_requiring_grad(tmp_path):
    torch.save({"p": torch.nn.Parameter(torch.ones(2))}, tmp_path / "t.pt")
    p = serialization.load(tmp_path / "t.pt")["p"]
    assert p.requires_grad and p.is_leaf and p.tolist() == [1.0, 1.0]


def test_file_objects_paths_and_archive_name(tmp_path):
    buf = io.BytesIO()
    serialization.save(numtorch.tensor([1, 2]), buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        names = z.namelist()
        assert names[0] == "archive/data.pkl"
        assert z.read("archive/byteorder") == b"little"
        assert z.read("archive/version") == b"3\n"
        info = z.getinfo("archive/data/0")
        assert info.compress_type == zipfile.ZIP_STORED
        assert (info.header_offset + 30 + len(info.filename) + len(info.extra)) % 64 == 0
    buf.seek(0)
    assert torch.load(buf).tolist() == [1, 2]
    buf.seek(0)
    assert serialization.load(buf).tolist() == [1, 2]
    path = str(tmp_path / "model.pt")
    serialization.save([1], path)
    assert serialization.load(pathlib.Path(path)) == [1]
    with open(path, "rb") as fh:
        assert torch.load(fh) == [1]
    assert torch.load(path, mmap=True) == [1]


@pytest.mark.parametrize("loc", [None, "cpu", numtorch.device("cpu"), {"cpu": "cpu"},
                                 lambda storage, location: storage])
def test_map_location(loc, tmp_path):
    torch.save(torch.tensor([1.0, 2.0]), tmp_path / "t.pt")
    assert serialization.load(tmp_path / "t.pt", map_location=loc).tolist() == [1.0, 2.0]


def test_map_location_cuda_raises_as_cpu_torch(tmp_path):
    torch.save(torch.tensor([1.0]), tmp_path / "t.pt")
    with pytest.raises(RuntimeError) as ref:
        torch.load(tmp_path / "t.pt", map_location="cuda")
    with pytest.raises(RuntimeError) as got:
        serialization.load(tmp_path / "t.pt", map_location="cuda")
    assert str(got.value) == str(ref.value)


class Custom:
    def __init__(self, v=1):
        self.v = v


def test_weights_only_rejects_unknown_globals_with_torchs_message(tmp_path):
    torch.save({"c": Custom()}, tmp_path / "t.pt")
    with pytest.raises(pickle.UnpicklingError) as ref:
        torch.load(tmp_path / "t.pt")
    with pytest.raises(pickle.UnpicklingError) as got:
        serialization.load(tmp_path / "t.pt")
    assert str(got.value) == str(ref.value)
    assert serialization.load(tmp_path / "t.pt", weights_only=False)["c"].v == 1
    with serialization.safe_globals([Custom]):
        assert serialization.load(tmp_path / "t.pt")["c"].v == 1
    assert serialization.get_safe_globals() == []
    with pytest.raises(RuntimeError, match="explicit pickle_module"):
        serialization.load(tmp_path / "t.pt", pickle_module=pickle, weights_only=True)


def test_weights_only_blocks_os_module(tmp_path):
    class Evil:
        def __reduce__(self):
            import os
            return os.getcwd, ()
    with open(tmp_path / "e.pt", "wb") as fh:
        torch.save(Evil(), fh)
    with pytest.raises(pickle.UnpicklingError) as ref:
        torch.load(tmp_path / "e.pt")
    with pytest.raises(pickle.UnpicklingError) as got:
        serialization.load(tmp_path / "e.pt")
    assert str(got.value) == str(ref.value)


def test_viewing_one_storage_as_two_dtypes_is_refused(tmp_path):
    a = numtorch.zeros(4)
    with pytest.raises(RuntimeError, match="view the same data as different types"):
        serialization.save([a, a.view(numtorch.int32)], tmp_path / "n.pt")


def test_numpy_arrays_need_weights_only_false(tmp_path):
    torch.save({"a": np.arange(3)}, tmp_path / "t.pt")
    with pytest.raises(pickle.UnpicklingError) as ref:
        torch.load(tmp_path / "t.pt")
    with pytest.raises(pickle.UnpicklingError) as got:
        serialization.load(tmp_path / "t.pt")
    assert str(got.value) == str(ref.value)
    assert serialization.load(tmp_path / "t.pt", weights_only=False)["a"].tolist() == [0, 1, 2]
