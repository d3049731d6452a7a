"""`numtorch._interop.dlpack_capsule`: DLPack capsules made and consumed with ctypes.

Round trips for every DLPack dtype and layout, memory sharing with real PyTorch both ways
(bfloat16 and float8 included, writable), the one-shot capsule rule with PyTorch's message,
the READ_ONLY flag, and lifetimes: deleters run exactly once, unconsumed capsules leak nothing,
and a capsule or array dying while an exception is in flight leaves that exception intact.
"""
import ctypes
import gc
import re
import weakref

import ml_dtypes
import numpy as np
import pytest
import torch

from numtorch._interop import dlpack_capsule as dc
from numtorch._interop.dlpack_capsule import INVALID_CAPSULE, consume, export

FLOAT8 = ["float8_e3m4", "float8_e4m3", "float8_e4m3b11fnuz", "float8_e4m3fn", "float8_e4m3fnuz",
          "float8_e5m2", "float8_e5m2fnuz", "float8_e8m0fnu"]
DTYPES = ([np.dtype(n) for n in ("bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16",
                                 "int32", "int64", "float16", "float32", "float64", "complex64",
                                 "complex128")]
          + [np.dtype(getattr(ml_dtypes, n)) for n in ["bfloat16"] + FLOAT8])
TORCH_DTYPES = [d for d in DTYPES if getattr(torch, d.name, None) is not None]
LAYOUTS = {
    "0-d": lambda a: a[3, ...],
    "empty": lambda a: a[:0].reshape(0, 3),
    "1-d": lambda a: a[:5],
    "transposed": lambda a: a[:12].reshape(3, 4).T,
    "stepped": lambda a: a.reshape(5, 8)[::2, 1::3],
}


def source(dtype):
    """40 small values of `dtype` (0..6, or alternating for bool), a fresh base allocation."""
    return (np.arange(40) % (2 if dtype == np.bool_ else 7)).astype(dtype)


def values(dtype):
    """Two distinct values every dtype holds exactly (float8_e8m0fnu has powers of two only)."""
    return (np.array(True), np.array(False)) if dtype == np.bool_ else (
        np.array(2).astype(dtype), np.array(4).astype(dtype))


def torch_set(t, index, value):
    """`t[index] = value` for a 0-d ndarray `value` of t's dtype (bfloat16, float8 included)."""
    scalar = value.item() if value.dtype.kind in "biufc" else float(value)
    t[index] = torch.tensor(scalar).to(t.dtype)


def torch_bytes(t):
    """The bytes of `t`'s elements in C order (torch has no .numpy() for bfloat16/float8)."""
    return t.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()


def managed(capsule):
    """The DLManagedTensor(Versioned) struct under an unconsumed capsule (keep the capsule!)."""
    versioned = bool(dc._is_valid(id(capsule), b"dltensor_versioned"))
    address = dc._get_pointer(id(capsule), dc._NAMES[versioned])
    return (dc._ManagedVersioned if versioned else dc._Managed).from_address(address)


def used(capsule):
    return any(dc._is_valid(id(capsule), name) for name in dc._USED.values())


_OTHER_NAME = b"not_a_dltensor"  # outlives the capsule named by it
_new_capsule = ctypes.PYFUNCTYPE(ctypes.py_object, ctypes.c_void_p, ctypes.c_char_p,
                                 ctypes.c_void_p)(("PyCapsule_New", ctypes.pythonapi))


class Exporter:
    """An object whose `__dlpack__` is `export`, versioned when the consumer asks for 1.x."""

    def __init__(self, array):
        self.array = array

    def __dlpack__(self, *, stream=None, max_version=None, dl_device=None, copy=None):
        return export(self.array, versioned=max_version is not None and max_version >= (1, 0))

    def __dlpack_device__(self):
        return (1, 0)


_DELETER = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class Calls(list):
    """Addresses the wrapped deleter was called with; holds the ctypes callback alive."""


def count_deleter_calls(capsule):
    """Wrap an unconsumed capsule's deleter with a counter that then calls the original."""
    calls, m = Calls(), managed(capsule)
    original = ctypes.PYFUNCTYPE(None, ctypes.c_void_p)(m.deleter)

    def counting(address):
        calls.append(address)
        original(address)

    calls.callback = _DELETER(counting)
    m.deleter = ctypes.cast(calls.callback, ctypes.c_void_p).value
    return calls


# ---------------------------------------------------------------- round trips

@pytest.mark.parametrize("versioned", [False, True])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_round_trip_shares_memory(dtype, layout, versioned):
    a = LAYOUTS[layout](source(dtype))
    b = consume(export(a, versioned))
    assert (b.dtype, b.shape, b.flags.writeable) == (a.dtype, a.shape, True)
    assert b.tobytes() == a.tobytes()
    if a.size:
        assert b.strides == a.strides
        assert b.__array_interface__["data"][0] == a.__array_interface__["data"][0]
        one, two = values(dtype)
        last = (-1,) * a.ndim
        b[last] = one
        assert a[last] == one
        a[last] = two
        assert b[last] == two


def test_dtype_codes_match_torch():
    for dtype in TORCH_DTYPES:
        theirs = torch.zeros(1, dtype=getattr(torch, dtype.name)).__dlpack__()
        ours = export(np.zeros(1, dtype), versioned=False)
        codes = [(m.dtype.code, m.dtype.bits, m.dtype.lanes)
                 for m in (managed(theirs).dl_tensor, managed(ours).dl_tensor)]
        assert codes[0] == codes[1], dtype


def test_versions():
    for dtype, version in ((np.float64, (1, 0)), (ml_dtypes.bfloat16, (1, 0)),
                           (ml_dtypes.float8_e4m3fn, (1, 1))):  # float8 codes are DLPack 1.1's
        capsule = export(np.zeros(1, dtype), versioned=True)
        v = managed(capsule).version
        assert (v.major, v.minor) == version


def test_consume_negative_strides():
    a = np.arange(6.)
    b = consume(a[::-2].__dlpack__())
    assert b.tolist() == [5., 3., 1.] and b.strides == (-16,)
    b[0] = 9
    assert a[5] == 9


def test_zero_strides_need_a_read_only_versioned_capsule():
    a = np.broadcast_to(np.arange(3.), (2, 3))
    with pytest.raises(BufferError, match="read-only"):
        export(a, versioned=False)
    b = consume(export(a, versioned=True))
    assert b.strides == (0, 8) and not b.flags.writeable and b.tolist() == a.tolist()


# ---------------------------------------------------------------- PyTorch interop

@pytest.mark.parametrize("dtype", TORCH_DTYPES, ids=str)
def test_torch_imports_our_unversioned_capsule(dtype):
    a = source(dtype)[1::3]
    t = torch.utils.dlpack.from_dlpack(export(a, versioned=False))
    assert t.dtype == getattr(torch, dtype.name)
    assert (t.shape, t.stride()) == (a.shape, (3,)) and t.data_ptr() == a.ctypes.data
    assert torch_bytes(t) == a.tobytes()
    one, two = values(dtype)
    torch_set(t, 0, one)
    assert a[0] == one
    a[1] = two
    assert torch_bytes(t[1]) == two.tobytes()


@pytest.mark.parametrize("dtype", [np.dtype(np.float32), np.dtype(ml_dtypes.bfloat16)], ids=str)
def test_torch_from_dlpack_protocol(dtype):
    a = source(dtype)[:12].reshape(3, 4).T
    t = torch.from_dlpack(Exporter(a))
    assert t.stride() == (1, 4) and t.data_ptr() == a.ctypes.data
    t[2, 1] = 5
    assert a[2, 1] == 5
    a[0, 2] = 6
    assert t[0, 2].item() == 6


@pytest.mark.parametrize("dtype", TORCH_DTYPES, ids=str)
@pytest.mark.parametrize("how", ["to_dlpack", "__dlpack__"])
def test_consume_torch_capsules_writable(dtype, how):
    t = torch.arange(12).reshape(3, 4).to(getattr(torch, dtype.name)).t()[::2]
    capsule = (torch.utils.dlpack.to_dlpack(t) if how == "to_dlpack"
               else t.__dlpack__(max_version=(1, 0)))
    n = consume(capsule)
    assert used(capsule)
    assert (n.dtype, n.shape, n.flags.writeable) == (dtype, tuple(t.shape), True)
    assert n.strides == tuple(s * dtype.itemsize for s in t.stride())
    assert n.__array_interface__["data"][0] == t.data_ptr()
    assert n.tobytes() == torch_bytes(t)
    one, two = values(dtype)
    n[1, 2] = one
    assert torch_bytes(t[1, 2]) == one.tobytes()
    torch_set(t, (0, 1), two)
    assert n[0, 1] == two


def test_consume_twice_raises_torch_message():
    message = re.escape(INVALID_CAPSULE)
    for capsule in (torch.utils.dlpack.to_dlpack(torch.ones(2)),
                    torch.ones(2).__dlpack__(max_version=(1, 0)), export(np.ones(2), False)):
        consume(capsule)
        with pytest.raises(RuntimeError, match=message):
            consume(capsule)
        with pytest.raises(RuntimeError, match=message):  # PyTorch agrees, word for word
            torch.utils.dlpack.from_dlpack(capsule)
    capsule = torch.utils.dlpack.to_dlpack(torch.ones(2))
    torch.utils.dlpack.from_dlpack(capsule)
    with pytest.raises(RuntimeError, match=message):
        consume(capsule)
    for other in (None, np.ones(2), _new_capsule(1, _OTHER_NAME, None)):
        with pytest.raises(RuntimeError, match=message):
            consume(other)


def test_read_only():
    a = np.arange(3.)
    assert not consume(export(a, True, read_only=True)).flags.writeable
    assert consume(export(a, True)).flags.writeable and a.flags.writeable
    a.flags.writeable = False
    capsule = export(a, True)
    assert managed(capsule).flags & dc.READ_ONLY
    assert not consume(export(a, True)).flags.writeable
    assert not consume(a.__dlpack__(max_version=(1, 0))).flags.writeable
    for array, kwargs in ((a, {}), (np.arange(3.), {"read_only": True})):
        with pytest.raises(BufferError, match="unversioned"):
            export(array, False, **kwargs)
    capsule = torch.ones(1).__dlpack__(max_version=(1, 0))
    assert managed(capsule).flags & dc.READ_ONLY == 0


# ---------------------------------------------------------------- refusals

@pytest.mark.parametrize("array", [np.zeros(2, np.longdouble), np.zeros(2, object),
                                   np.zeros(2, ">i4"), np.zeros(2, "datetime64[s]"),
                                   np.zeros(2, [("x", "i4")])], ids=str)
def test_export_refuses_dtypes(array):
    with pytest.raises(BufferError, match="dtype"):
        export(array, True)


def test_export_refuses_strides_and_non_arrays():
    with pytest.raises(BufferError, match="non-negative strides"):
        export(np.arange(4.)[::-1], True)
    with pytest.raises(BufferError, match="multiples of the itemsize"):
        export(np.zeros(3, [("a", "i1"), ("b", "i2")])["b"], True)  # stride 3
    with pytest.raises(TypeError, match="numpy.ndarray"):
        export([1, 2], True)


@pytest.mark.parametrize("field, value, match", [
    ("device", (2, 0), "device type 2"),
    ("lanes", 2, "lanes=2"),
    ("code", 3, "code=3"),           # kDLOpaqueHandle
    ("bits", 6, "bits=6"),           # a packed sub-byte float
    ("major", 2, r"DLPack 2\.0"),
])
def test_consume_refusals_leave_the_capsule_usable(field, value, match):
    a = np.arange(3.)
    ref = weakref.ref(a)
    capsule = export(a, versioned=True)
    m = managed(capsule)
    target = {"device": m.dl_tensor, "lanes": m.dl_tensor.dtype, "code": m.dl_tensor.dtype,
              "bits": m.dl_tensor.dtype, "major": m.version}[field]
    saved = getattr(target, field) if field != "device" else None
    setattr(target, field, dc._Device(*value) if field == "device" else value)
    with pytest.raises(BufferError, match=match):
        consume(capsule)
    assert not used(capsule)
    setattr(target, field, dc._Device(1, 0) if field == "device" else saved)
    assert consume(capsule).tolist() == [0., 1., 2.]
    del a, capsule, m, target
    gc.collect()
    assert ref() is None


@pytest.mark.parametrize("versioned", [False, True])
def test_consume_null_strides_means_c_contiguous(versioned):
    a = np.arange(6).reshape(2, 3).T  # shape (3, 2), strides (1, 3) elements; NULL: C order
    capsule = export(a, versioned)
    managed(capsule).dl_tensor.strides = None
    b = consume(capsule)
    assert b.flags.c_contiguous and b.tolist() == [[0, 1], [2, 3], [4, 5]]
    assert dc._is_valid(id(capsule), dc._USED[versioned])


def test_consume_pinned_host_memory():
    capsule = export(np.arange(3.), versioned=False)
    managed(capsule).dl_tensor.device = dc._Device(3, 0)  # kDLCUDAHost: CPU-addressable
    assert consume(capsule).tolist() == [0., 1., 2.]


# ---------------------------------------------------------------- lifetimes

@pytest.mark.parametrize("versioned", [False, True])
def test_deleter_runs_once_after_last_view(versioned):
    a = np.arange(10.)
    ref = weakref.ref(a)
    capsule = export(a, versioned)
    calls = count_deleter_calls(capsule)
    del a
    b = consume(capsule)
    views = [b[2:], b.T, b.reshape(2, 5)[:, ::2]]
    del b, capsule
    gc.collect()
    assert calls == [] and ref() is not None
    views[0][0] = 7
    assert views[1][2] == 7
    del views
    gc.collect()
    assert len(calls) == 1 and ref() is None


@pytest.mark.parametrize("versioned", [False, True])
def test_torch_deleter_runs_once_and_memory_outlives_the_tensor(versioned):
    t = torch.arange(6.)
    capsule = t.__dlpack__(max_version=(1, 0)) if versioned else torch.utils.dlpack.to_dlpack(t)
    calls = count_deleter_calls(capsule)
    n = consume(capsule)
    del t, capsule
    gc.collect()
    assert calls == [] and n.tolist() == [0., 1., 2., 3., 4., 5.]
    n[:] = 1  # the storage is still ours to write
    del n
    gc.collect()
    assert len(calls) == 1


@pytest.mark.parametrize("versioned", [False, True])
def test_torch_keeps_exported_array_alive(versioned):
    a = source(np.dtype(ml_dtypes.bfloat16))
    ref = weakref.ref(a)
    t = torch.from_dlpack(Exporter(a)) if versioned else torch.utils.dlpack.from_dlpack(
        export(a, versioned=False))
    del a
    gc.collect()
    assert ref() is not None and t[3].item() == 3
    del t
    gc.collect()
    assert ref() is None


@pytest.mark.parametrize("versioned", [False, True])
def test_unconsumed_capsule_releases_array(versioned):
    a = np.arange(4.)
    ref = weakref.ref(a)
    capsule = export(a, versioned)
    del a
    gc.collect()
    assert ref() is not None
    del capsule
    gc.collect()
    assert ref() is None


def test_exception_in_flight_survives_capsule_and_array_deaths():
    """Capsules, tensors and arrays dying during unwinding keep the exception intact."""
    a = np.arange(4.)
    ref = weakref.ref(a)
    with pytest.raises(TypeError, match="unhashable type: 'list'"):
        {export(a, versioned=True): 1}[[]]
    with pytest.raises(TypeError, match="unhashable type: 'list'"):
        {torch.utils.dlpack.from_dlpack(export(a, versioned=False)): 1}[[]]
    with pytest.raises(TypeError, match="unhashable type: 'numpy.ndarray'"):
        {(consume(export(a, versioned=True)),): 1}
    with pytest.raises(TypeError, match="unhashable type: 'numpy.ndarray'"):
        {(consume(torch.utils.dlpack.to_dlpack(torch.ones(2))),): 1}
    with pytest.raises((RuntimeError, BufferError, TypeError)) as info:
        np.from_dlpack(Exporter(a.astype(ml_dtypes.bfloat16)))  # NumPy refuses bfloat16
    assert not isinstance(info.value, SystemError)
    del a
    gc.collect()
    assert ref() is None
