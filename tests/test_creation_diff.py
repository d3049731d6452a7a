"""Differential tests for tensor creation: numtorch against real PyTorch 2.13 (the oracle).

Scope: ``tensor``, ``as_tensor``, ``asarray``, ``from_numpy``, ``frombuffer``, the factories
(``zeros/ones/empty/full`` and their ``_like`` variants, ``arange``, ``linspace``, ``logspace``,
``eye``, ``rand/randn/randint`` -- shapes/dtypes/errors only) and the default dtype.

Every case is a function ``fn(m)`` run once with ``m = torch`` and once with ``m = numtorch``
(``diff.same``); the described outcomes (value, dtype, shape, strides, autograd flags, exception
class + first message line, warnings) must be identical.

Deliberate numtorch differences that are *not* asserted here (another file covers them):
negative-stride / non-native-byte-order / odd-stride / misaligned ndarrays given to the copying
constructors (tensor, as_tensor, asarray), bfloat16/float8 ``.numpy()``, in-place writes to
tensors made from read-only ndarrays, ``__array__`` warnings, ``from_dlpack`` aborts, CUDA
messages, the 'meta' device and torch Storage objects.

Warn-once warnings (read-only ndarray / buffer, list of ndarrays, requires-grad scalars,
asarray's requires_grad default) fire only once per process in PyTorch, so they are checked in
fresh subprocesses.
"""
import array
import enum
import math
import os
import re
import subprocess
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

import numtorch  # noqa: E402
from diff import outcome  # noqa: E402

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
_TRIGGERED = re.compile(r" \(Triggered internally at [^)]*\)\.?$")


def _norm(ws):
    return [(cat, _TRIGGERED.sub("", msg)) for cat, msg in ws]


def same(fn, warnings_too=True):
    """``diff.same``, except that PyTorch's C++ ``(Triggered internally at <file>:<line>.)``
    warning suffix (a build artefact) is dropped before the warnings are compared."""
    expected, w_expected = outcome(fn, torch)
    got, w_got = outcome(fn, numtorch)
    assert got == expected, f"\n numtorch: {got}\n    torch: {expected}"
    if warnings_too:
        assert _norm(w_got) == _norm(w_expected), (
            f"\n numtorch warned: {w_got}\n    torch warned: {w_expected}")
    return got


def P(name, fn, **kw):
    """A pytest.param carrying a case function under a readable id."""
    return pytest.param(fn, id=name, **kw)


def shares(a, t):
    """Whether ndarray ``a`` and tensor ``t`` share memory (checked through ``t.numpy()``)."""
    return bool(np.shares_memory(a, t.detach().numpy()))


# ---------------------------------------------------------------------------------------------
# Helper classes used as inputs (module level, so both libraries see the very same classes)
# ---------------------------------------------------------------------------------------------
class Seq:
    """Sequence protocol only (__len__ + __getitem__)."""

    def __init__(self, d):
        self.d = d

    def __len__(self):
        return len(self.d)

    def __getitem__(self, i):
        v = self.d[i]
        return Seq(v) if isinstance(v, list) else v


class SeqFloat:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 1.5


class IterOnly:
    def __iter__(self):
        return iter([1, 2])


class Index:
    def __index__(self):
        return 4


class ArrayDunder:
    def __array__(self, dtype=None, copy=None):
        return np.array([1., 2., 3.], dtype=np.float32)


class ArrayInterface:
    def __init__(self):
        self.arr = np.array([[1, 2], [3, 4]], dtype=np.int16)
        self.__array_interface__ = self.arr.__array_interface__


class ArrayStruct:
    def __init__(self):
        self._a = np.arange(3, dtype=np.int8)

    @property
    def __array_struct__(self):
        return self._a.__array_struct__


class DLPackObj:
    def __init__(self):
        self.a = np.arange(4.)

    def __dlpack__(self, **kw):
        return self.a.__dlpack__(**kw)

    def __dlpack_device__(self):
        return self.a.__dlpack_device__()


class IE(enum.IntEnum):
    A = 3


class FloatSub(float):
    pass


class IntSub(int):
    pass


class NdSub(np.ndarray):
    pass


def nest(n, leaf=1):
    x = leaf
    for _ in range(n):
        x = [x]
    return x


def self_ref():
    lst = [1]
    lst.append(lst)
    return lst


def meta_values(t):
    """Shape/dtype/stride/flags of a tensor whose values are unspecified (empty, rand...)."""
    return {"shape": list(t.shape), "dtype": str(t.dtype), "stride": list(t.stride()),
            "requires_grad": t.requires_grad, "is_leaf": t.is_leaf, "device": str(t.device)}


# =============================================================================================
# 1. torch.tensor(python data)
# =============================================================================================
TENSOR_PY = [
    # --- scalars ---
    P("bool", lambda m: m.tensor(True)),
    P("int", lambda m: m.tensor(3)),
    P("float", lambda m: m.tensor(1.5)),
    P("complex", lambda m: m.tensor(1 + 2j)),
    P("neg_zero_sign", lambda m: math.copysign(1.0, m.tensor(-0.0).item())),
    P("nan", lambda m: m.tensor(float("nan"))),
    P("inf", lambda m: m.tensor([float("inf"), -float("inf")])),
    P("int64_max", lambda m: m.tensor(2**63 - 1)),
    P("int64_min", lambda m: m.tensor(-2**63)),
    P("int_2pow63_overflow", lambda m: m.tensor(2**63)),
    P("int_below_int64_overflow", lambda m: m.tensor([-2**63 - 1])),
    P("list_int_2pow63_overflow", lambda m: m.tensor([1, 2**63])),
    P("int_2pow100_float32", lambda m: m.tensor([2**100], dtype=m.float32)),
    P("int_2pow100_float64", lambda m: m.tensor(2**100, dtype=m.float64)),
    P("huge_int_in_float_list", lambda m: m.tensor([1.0, 2**63])),
    P("huge_int_in_float_list_2pow70", lambda m: m.tensor([1.0, 2**70])),
    P("float_1e40_default", lambda m: m.tensor(1e40)),
    P("float_1e40_float16", lambda m: m.tensor(1e40, dtype=m.float16)),
    P("float_70000_float16", lambda m: m.tensor([70000.0], dtype=m.float16)),
    P("float_1e300_list", lambda m: m.tensor([1e300, -1e300, 1e-300])),
    P("complex_huge", lambda m: m.tensor([1e300 + 1e300j])),
    P("int_2pow1030_in_float_list", lambda m: m.tensor([2**1030, 1.5])),
    P("int_2pow1030_float64", lambda m: m.tensor(2**1030, dtype=m.float64)),
    P("int_2pow64_scalar", lambda m: m.tensor(2**64)),
    P("int_2pow64_in_float_list", lambda m: m.tensor([2**64, 1.5])),
    P("float_list_2pow64_to_int64", lambda m: m.tensor([1.5, 2**64], dtype=m.int64)),
    P("torch_size", lambda m: m.tensor(m.Size([2, 3]))),
    P("list_np_tensor_mixed_rows", lambda m: m.tensor([[np.float32(1)], [m.tensor(2.)]])),
    P("list_np_int8_float16_float", lambda m: m.tensor([np.int8(1), np.float16(2), 3.5])),
    P("list_np_uint32_int", lambda m: m.tensor([np.uint32(1), 2])),
    P("int_enum", lambda m: m.tensor([IE.A, 1])),
    P("float_subclass", lambda m: m.tensor([FloatSub(1.5)])),
    P("int_subclass", lambda m: m.tensor(IntSub(7))),
    # --- lists and inference ---
    P("list_float", lambda m: m.tensor([1., 2.])),
    P("list_int", lambda m: m.tensor([1, 2, 3])),
    P("list_bool", lambda m: m.tensor([True, False])),
    P("list_complex", lambda m: m.tensor([1j, 2])),
    P("mixed_int_float", lambda m: m.tensor([1, 2.5])),
    P("mixed_bool_int", lambda m: m.tensor([True, 2])),
    P("mixed_bool_float", lambda m: m.tensor([True, 2.5])),
    P("mixed_int_complex", lambda m: m.tensor([1, 2j])),
    P("mixed_float_complex", lambda m: m.tensor([1.5, 2j])),
    P("mixed_bool_complex", lambda m: m.tensor([True, 1j])),
    P("nested_mixed", lambda m: m.tensor([[1, 2], [3, 4.5]])),
    P("nested_3d", lambda m: m.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])),
    P("list_of_tuples_mixed", lambda m: m.tensor([(1, 2), [3, 4]])),
    P("tuple", lambda m: m.tensor((1.5, 2))),
    P("range", lambda m: m.tensor(range(4))),
    P("range_step", lambda m: m.tensor(range(2, 11, 3))),
    P("range_empty", lambda m: m.tensor(range(0))),
    P("list_of_ranges", lambda m: m.tensor([range(2), range(2, 4)])),
    P("empty_list", lambda m: m.tensor([])),
    P("empty_tuple", lambda m: m.tensor(())),
    P("empty_nested_1", lambda m: m.tensor([[]])),
    P("empty_nested_2", lambda m: m.tensor([[], []])),
    P("empty_nested_3", lambda m: m.tensor([[[]]])),
    P("empty_list_dtype_int", lambda m: m.tensor([], dtype=m.int32)),
    P("empty_then_nonempty", lambda m: m.tensor([[], [1]])),
    P("ragged_inner_shorter", lambda m: m.tensor([[1, 2], [3]])),
    P("ragged_inner_longer", lambda m: m.tensor([[1], [2, 3]])),
    P("ragged_list_then_scalar", lambda m: m.tensor([[1, 2], 3])),
    P("ragged_scalar_then_list", lambda m: m.tensor([1, [2, 3]])),
    P("ragged_deep", lambda m: m.tensor([[[1, 2]], [[3]]])),
    P("ragged_empty_second", lambda m: m.tensor([[1], []])),
    P("nesting_64", lambda m: m.tensor(nest(64)).dim()),  # deeper: see test_differences.py
    P("nesting_129", lambda m: m.tensor(nest(129))),
    P("nesting_200", lambda m: m.tensor(nest(200))),
    P("self_referential_list", lambda m: m.tensor(self_ref())),
    # --- invalid data ---
    P("str", lambda m: m.tensor("abc")),
    P("empty_str", lambda m: m.tensor("")),
    P("bytes", lambda m: m.tensor(b"ab")),
    P("list_of_str", lambda m: m.tensor(["a", "b"])),
    P("list_of_bytes", lambda m: m.tensor([b"a", b"b"])),
    P("none", lambda m: m.tensor(None)),
    P("list_with_none", lambda m: m.tensor([1, None])),
    P("generator", lambda m: m.tensor(i for i in range(3))),
    P("dict", lambda m: m.tensor({1: 2})),
    P("set", lambda m: m.tensor({1, 2})),
    P("object", lambda m: m.tensor(object())),
    P("iter_only", lambda m: m.tensor(IterOnly())),
    P("index_dunder", lambda m: m.tensor(Index())),
    P("array_dunder_ignored", lambda m: m.tensor(ArrayDunder())),
    P("array_interface_ignored", lambda m: m.tensor(ArrayInterface())),
    P("array_struct_ignored", lambda m: m.tensor(ArrayStruct())),
    # --- sequence-protocol objects and buffers ---
    P("seq_protocol", lambda m: m.tensor(SeqFloat())),
    P("seq_protocol_nested", lambda m: m.tensor(Seq([[1, 2], [3, 4]]))),
    P("bytearray", lambda m: m.tensor(bytearray(b"ab"))),
    P("bytearray_empty", lambda m: m.tensor(bytearray())),
    P("memoryview_bytes", lambda m: m.tensor(memoryview(b"ab"))),
    P("memoryview_float", lambda m: m.tensor(memoryview(array.array("f", [1.0, 2.0])))),
    P("array_double", lambda m: m.tensor(array.array("d", [1.5, 2.5]))),
    P("array_int", lambda m: m.tensor(array.array("i", [1, -2]))),
    P("array_schar", lambda m: m.tensor(array.array("b", [1, -2]))),
    P("list_of_bytearrays", lambda m: m.tensor([bytearray(b"ab"), bytearray(b"cd")])),
    P("dlpack_object", lambda m: (lambda d: {"t": m.tensor(d), "shares": shares(d.a, m.tensor(d))})(DLPackObj())),
    # --- keyword / positional handling ---
    P("data_kwarg", lambda m: m.tensor(data=[1, 2])),
    P("two_positional", lambda m: m.tensor([1], m.float64)),
    P("four_positional", lambda m: m.tensor([1.], None, None, True)),
    P("no_args", lambda m: m.tensor()),
    P("unknown_kwarg", lambda m: m.tensor([1], foo=1)),
    P("always_copies_list", lambda m: (lambda d: (lambda t: (d.__setitem__(0, 9.), t)[1])(m.tensor(d)))([1., 2.])),
    P("result_contiguous_leaf", lambda m: (lambda t: [t.is_contiguous(), t.is_leaf, t.storage_offset()])(m.tensor([[1, 2], [3, 4]]))),
]


@pytest.mark.parametrize("fn", TENSOR_PY)
def test_tensor_python_data(fn):
    same(fn)


# =============================================================================================
# 2. torch.tensor(..., dtype=...) conversions and range checks
# =============================================================================================
TENSOR_DTYPE = [
    P("float_to_int_trunc", lambda m: m.tensor([3.7, -3.7, 0.5, -0.5], dtype=m.int64)),
    P("nan_to_int64", lambda m: m.tensor(float("nan"), dtype=m.int64)),
    P("inf_to_int32", lambda m: m.tensor([float("inf")], dtype=m.int32)),
    P("neg_inf_to_int16", lambda m: m.tensor([-float("inf")], dtype=m.int16)),
    P("nan_to_uint8", lambda m: m.tensor([float("nan")], dtype=m.uint8)),
    P("nan_to_bool", lambda m: m.tensor([float("nan"), 0.0, -0.0, 0.1], dtype=m.bool)),
    P("uint8_300_list", lambda m: m.tensor([300], dtype=m.uint8)),
    P("uint8_300_scalar", lambda m: m.tensor(300, dtype=m.uint8)),
    P("uint8_256", lambda m: m.tensor([256], dtype=m.uint8)),
    P("uint8_255", lambda m: m.tensor([255], dtype=m.uint8)),
    P("uint8_neg1", lambda m: m.tensor([-1], dtype=m.uint8)),
    P("uint8_neg128", lambda m: m.tensor(-128, dtype=m.uint8)),
    P("uint8_neg255", lambda m: m.tensor(-255, dtype=m.uint8)),
    P("uint8_neg256", lambda m: m.tensor(-256, dtype=m.uint8)),
    P("uint8_float_neg_half", lambda m: m.tensor([-0.5], dtype=m.uint8)),
    P("uint8_float_255_9", lambda m: m.tensor([255.9], dtype=m.uint8)),
    P("uint8_float_255_0", lambda m: m.tensor([255.0], dtype=m.uint8)),
    P("uint8_float_mixed_overflow", lambda m: m.tensor([-1.5, 256.7], dtype=m.uint8)),
    P("uint16_neg1", lambda m: m.tensor([-1], dtype=m.uint16)),
    P("uint16_65536", lambda m: m.tensor([65536], dtype=m.uint16)),
    P("uint32_max", lambda m: m.tensor([2**32 - 1], dtype=m.uint32)),
    P("uint32_neg1", lambda m: m.tensor([-1], dtype=m.uint32)),
    P("uint64_neg1", lambda m: m.tensor([-1], dtype=m.uint64)),
    P("uint64_max", lambda m: m.tensor([2**64 - 1], dtype=m.uint64)),
    P("uint64_2pow63_scalar", lambda m: m.tensor(2**63, dtype=m.uint64)),
    P("uint64_2pow64", lambda m: m.tensor([2**64], dtype=m.uint64)),
    P("int8_edges", lambda m: m.tensor([127, -128], dtype=m.int8)),
    P("int8_128", lambda m: m.tensor([128], dtype=m.int8)),
    P("int8_neg129", lambda m: m.tensor([-129], dtype=m.int8)),
    P("int8_float_1000", lambda m: m.tensor([1000.0], dtype=m.int8)),
    P("int8_float_127_9", lambda m: m.tensor([127.9], dtype=m.int8)),
    P("int16_edges", lambda m: m.tensor([32767, -32768], dtype=m.int16)),
    P("int16_overflow", lambda m: m.tensor([32768], dtype=m.int16)),
    P("int32_2pow31", lambda m: m.tensor([2**31], dtype=m.int32)),
    P("int32_min", lambda m: m.tensor([-2**31], dtype=m.int32)),
    P("int64_from_float_2pow63", lambda m: m.tensor([2.0**63], dtype=m.int64)),
    P("int64_from_float_big", lambda m: m.tensor([1e30], dtype=m.int64)),
    P("bool_to_float", lambda m: m.tensor([True, False], dtype=m.float32)),
    P("float_to_bool", lambda m: m.tensor([1.5, 0.0], dtype=m.bool)),
    P("int_to_bool", lambda m: m.tensor([0, 2, -1], dtype=m.bool)),
    P("complex_to_bool", lambda m: m.tensor([0j, 1j], dtype=m.bool)),
    P("complex_scalar_to_float", lambda m: m.tensor(1 + 2j, dtype=m.float32)),
    P("complex_to_int", lambda m: m.tensor([1 + 2j], dtype=m.int64)),
    P("complex_zero_imag_to_float", lambda m: m.tensor([3 + 0j], dtype=m.float64)),
    P("complex_in_float_list_to_float", lambda m: m.tensor([1.0, 2j], dtype=m.float32)),
    P("float_list_to_complex64", lambda m: m.tensor([1.0, 2.0], dtype=m.complex64)),
    P("int_list_to_complex128", lambda m: m.tensor([1, 2], dtype=m.complex128)),
    P("float64_precision", lambda m: m.tensor([0.1], dtype=m.float64).item()),
    P("float32_rounding", lambda m: m.tensor([0.1]).item()),
    P("int_large_to_float32", lambda m: m.tensor([16777217], dtype=m.float32).item()),
    P("float16_values", lambda m: m.tensor([0.1, 1e-8, 65504., 65520.], dtype=m.float16)),
    P("bfloat16_values", lambda m: m.tensor([1.5, 2.7, 1e38, 3.4e38], dtype=m.bfloat16)),
    P("bfloat16_int_data", lambda m: m.tensor([1, 257], dtype=m.bfloat16)),
    P("float8_e4m3fn_values", lambda m: m.tensor([1.5, 0.3, 448.], dtype=m.float8_e4m3fn)),
    P("float8_e5m2_values", lambda m: m.tensor([1.5, 0.3, 57344.], dtype=m.float8_e5m2)),
    P("float_dtype_all_int8", lambda m: m.tensor([[1, 2], [3, 4]], dtype=m.int8)),
    P("dtype_alias_long", lambda m: m.tensor([1.9], dtype=m.long)),
    P("dtype_alias_double", lambda m: m.tensor([1], dtype=m.double)),
    P("dtype_alias_half", lambda m: m.tensor([1], dtype=m.half)),
    P("dtype_alias_cfloat", lambda m: m.tensor([1], dtype=m.cfloat)),
    # --- Python types as dtype ---
    P("dtype_py_float", lambda m: m.tensor([1, 2], dtype=float)),
    P("dtype_py_int", lambda m: m.tensor([1.7, 2], dtype=int)),
    P("dtype_py_bool", lambda m: m.tensor([0, 2], dtype=bool)),
    P("dtype_py_complex", lambda m: m.tensor([1], dtype=complex)),
    P("dtype_none", lambda m: m.tensor([1], dtype=None)),
    P("dtype_string", lambda m: m.tensor([1], dtype="float32")),
    P("dtype_numpy_type", lambda m: m.tensor([1], dtype=np.float32)),
    P("dtype_numpy_dtype_obj", lambda m: m.tensor([1], dtype=np.dtype("float32"))),
    P("dtype_int_value", lambda m: m.tensor([1], dtype=5)),
    P("dtype_py_str_type", lambda m: m.tensor([1], dtype=str)),
]


@pytest.mark.parametrize("fn", TENSOR_DTYPE)
def test_tensor_dtype_conversion(fn):
    same(fn)


# =============================================================================================
# 3. torch.tensor: requires_grad, device, pin_memory
# =============================================================================================
TENSOR_FLAGS = [
    P("requires_grad_float", lambda m: m.tensor([1., 2.], requires_grad=True)),
    P("requires_grad_int_error", lambda m: m.tensor([1, 2], requires_grad=True)),
    P("requires_grad_bool_error", lambda m: m.tensor([True], requires_grad=True)),
    P("requires_grad_complex", lambda m: m.tensor([1j], requires_grad=True)),
    P("requires_grad_int_data_float_dtype", lambda m: m.tensor([1, 2], dtype=m.float32, requires_grad=True)),
    P("requires_grad_float_data_int_dtype", lambda m: m.tensor([1.5], dtype=m.int32, requires_grad=True)),
    P("requires_grad_float16", lambda m: m.tensor([1.], dtype=m.float16, requires_grad=True)),
    P("requires_grad_false", lambda m: m.tensor([1.], requires_grad=False)),
    P("requires_grad_none", lambda m: m.tensor([1.], requires_grad=None)),
    P("requires_grad_int_value", lambda m: m.tensor([1.], requires_grad=1)),
    P("requires_grad_under_no_grad", lambda m: _under_no_grad(m)),
    P("device_cpu_str", lambda m: m.tensor([1], device="cpu")),
    P("device_cpu_obj", lambda m: m.tensor([1], device=m.device("cpu"))),
    P("device_cpu_index", lambda m: m.tensor([1.], device="cpu:0").device),
    P("device_none", lambda m: m.tensor([1.], device=None)),
    P("device_bogus", lambda m: m.tensor([1.], device="gpu")),
    P("device_bad_type", lambda m: m.tensor([1.], device=1.5)),
    P("pin_memory_true", lambda m: m.tensor([1.], pin_memory=True)),
    P("pin_memory_false", lambda m: m.tensor([1.], pin_memory=False).is_pinned()),
    P("pin_memory_ndarray", lambda m: m.tensor(np.ones(2), pin_memory=True)),
    P("is_pinned_default", lambda m: m.tensor([1.]).is_pinned()),
]


def _under_no_grad(m):
    with m.no_grad():
        t = m.tensor([1.], requires_grad=True)
    return t


@pytest.mark.parametrize("fn", TENSOR_FLAGS)
def test_tensor_flags(fn):
    same(fn)


def test_tensor_pin_memory_from_tensor():
    same(lambda m: m.tensor(m.ones(2), pin_memory=True))


@pytest.mark.parametrize("ctor", ["tensor", "as_tensor", "asarray", "zeros", "ones"])
def test_device_cuda_raises(ctor):
    """CUDA is absent: numtorch must raise *some* clear error (message not compared)."""
    f = getattr(numtorch, ctor)
    arg = [1.] if ctor in ("tensor", "as_tensor", "asarray") else 2
    with pytest.raises(Exception):
        f(arg, device="cuda")
    with pytest.raises(Exception):
        getattr(torch, ctor)(arg, device="cuda")


def test_device_int_raises():
    with pytest.raises(Exception):
        numtorch.tensor([1.], device=0)
    with pytest.raises(Exception):
        torch.tensor([1.], device=0)


# =============================================================================================
# 4. torch.tensor(NumPy scalars)
# =============================================================================================
TENSOR_NP_SCALAR = [
    P("np_float32", lambda m: m.tensor(np.float32(1.5))),
    P("np_float16", lambda m: m.tensor(np.float16(1.5))),
    P("np_float64", lambda m: m.tensor(np.float64(0.1))),
    P("np_int8", lambda m: m.tensor(np.int8(3))),
    P("np_int16", lambda m: m.tensor(np.int16(-3))),
    P("np_int32", lambda m: m.tensor(np.int32(3))),
    P("np_int64", lambda m: m.tensor(np.int64(-2**63))),
    P("np_uint8", lambda m: m.tensor(np.uint8(3))),
    P("np_uint16", lambda m: m.tensor(np.uint16(65535))),
    P("np_uint32_max", lambda m: m.tensor(np.uint32(2**32 - 1))),
    P("np_uint64_max", lambda m: m.tensor(np.uint64(2**64 - 1))),
    P("np_uint64_small", lambda m: m.tensor(np.uint64(3))),
    P("np_bool", lambda m: m.tensor(np.bool_(True))),
    P("np_complex64", lambda m: m.tensor(np.complex64(1 + 2j))),
    P("np_complex128", lambda m: m.tensor(np.complex128(1 + 2j))),
    P("np_longdouble", lambda m: m.tensor(np.longdouble(1.5))),
    P("np_str", lambda m: m.tensor(np.str_("a"))),
    P("np_bytes", lambda m: m.tensor(np.bytes_(b"a"))),
    P("np_datetime", lambda m: m.tensor(np.datetime64("2020-01-01"))),
    P("np_float32_with_dtype", lambda m: m.tensor(np.float32(1.5), dtype=m.float64)),
    P("np_float64_nan_to_int", lambda m: m.tensor(np.float64("nan"), dtype=m.int64)),
    P("np_int64_to_uint8_overflow", lambda m: m.tensor(np.int64(300), dtype=m.uint8)),
    P("list_np_float32", lambda m: m.tensor([np.float32(1), np.float32(2)])),
    P("list_np_float32_py_float", lambda m: m.tensor([np.float32(1), 2.5])),
    P("list_np_float64_py_int", lambda m: m.tensor([np.float64(1), 2])),
    P("list_np_int8", lambda m: m.tensor([np.int8(1), np.int8(2)])),
    P("list_np_uint8_int8", lambda m: m.tensor([np.uint8(1), np.int8(2)])),
    P("list_np_bool_py_bool", lambda m: m.tensor([np.bool_(True), False])),
    P("list_np_float16_int", lambda m: m.tensor([np.float16(1), 2])),
    P("list_np_int32_py_int", lambda m: m.tensor([np.int32(1), 2**40])),
    P("list_np_int16_py_float", lambda m: m.tensor([np.int16(1), 2.5])),
    P("list_np_float16_complex", lambda m: m.tensor([np.float16(1), 1j])),
    P("list_np_complex64_float64", lambda m: m.tensor([np.complex64(1j), np.float64(2)])),
    P("list_np_uint16_int8", lambda m: m.tensor([np.uint16(1), np.int8(2)])),
    P("list_np_uint64", lambda m: m.tensor([np.uint64(1)])),
    P("list_0d_ndarrays", lambda m: m.tensor([np.array(1.), np.array(2.)])),
]


@pytest.mark.parametrize("fn", TENSOR_NP_SCALAR)
def test_tensor_numpy_scalars(fn):
    same(fn)


# =============================================================================================
# 5. torch.tensor(ndarray): every dtype and layout, always a copy
# =============================================================================================
SUPPORTED_NP = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                "uint64", "float16", "float32", "float64", "complex64", "complex128"]
UNSUPPORTED_NP = {
    "longdouble": lambda: np.array([1.5, 2], dtype=np.longdouble),
    "clongdouble": lambda: np.array([1 + 1j], dtype=np.clongdouble),
    "object": lambda: np.array([1, 2], dtype=object),
    "str_U": lambda: np.array(["ab", "c"]),
    "bytes_S": lambda: np.array([b"ab", b"c"]),
    "structured": lambda: np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]),
    "void": lambda: np.zeros(2, dtype="V4"),
    "datetime64": lambda: np.array(["2020-01-01"], dtype="datetime64[D]"),
    "timedelta64": lambda: np.array([1, 2], dtype="timedelta64[s]"),
    "ulonglong": lambda: np.array([1, 2], dtype=np.ulonglong),
}


def sample(dt, shape=(2, 3)):
    """A deterministic array of dtype ``dt`` with interesting values."""
    n = int(np.prod(shape))
    dt = np.dtype(dt)
    if dt.kind == "b":
        a = (np.arange(n) % 3 == 0)
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        vals = [info.min, info.max, 0, 1, info.max // 3, info.min // 7 if info.min else 2]
        a = np.array([vals[i % len(vals)] for i in range(n)], dtype=dt)
    elif dt.kind == "f":
        vals = [0.1, -2.5, np.inf, np.nan, -0.0, np.finfo(dt).max, np.finfo(dt).tiny, 7.0]
        a = np.array([vals[i % len(vals)] for i in range(n)], dtype=dt)
    else:
        vals = [1 + 2j, -0.5j, complex(np.inf, 1), complex(np.nan, 0), 3.25, 0j]
        a = np.array([vals[i % len(vals)] for i in range(n)], dtype=dt)
    return a.astype(dt).reshape(shape)


LAYOUTS = {
    "C": lambda a: a,
    "F": lambda a: np.asfortranarray(a),
    "T": lambda a: a.T,
    "slice_cols": lambda a: a[:, ::2],
    "slice_rows": lambda a: a[1:, :],
    "0d": lambda a: a[0:1, 0:1].reshape(()),
    "zero_size": lambda a: a[:0],
    "3d_transposed": lambda a: np.ascontiguousarray(np.broadcast_to(a, (2,) + a.shape)).transpose(2, 0, 1),
    "1d_step3": lambda a: a.reshape(-1)[::3],
    "newaxis": lambda a: a[:, None, :],
}


def made(dt, layout):
    """A fresh (never shared between the two library runs) array in the given layout."""
    return LAYOUTS[layout](sample(dt).copy())


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("dt", SUPPORTED_NP)
def test_tensor_ndarray(dt, layout):
    def fn(m):
        a = made(dt, layout)
        t = m.tensor(a)
        a_before = a.copy()
        if a.size:
            a.reshape(-1)[0] = a.reshape(-1)[1] if a.size > 1 else 0  # write after copy
        return {"t": t, "shares": shares(a, t), "orig": a_before}
    got = same(fn)
    assert got[0] == "ok" and got[1]["shares"] is False


@pytest.mark.parametrize("name", list(UNSUPPORTED_NP))
@pytest.mark.parametrize("ctor", ["tensor", "as_tensor", "asarray", "from_numpy"])
def test_unsupported_ndarray_dtype(ctor, name):
    same(lambda m: getattr(m, ctor)(UNSUPPORTED_NP[name]()))


TENSOR_ND_MISC = [
    P("ndarray_0d", lambda m: m.tensor(np.array(5, dtype=np.int16))),
    P("ndarray_zero_size", lambda m: m.tensor(np.zeros((2, 0), dtype=np.int32))),
    P("ndarray_zero_size_3d", lambda m: m.tensor(np.zeros((0, 3, 2)))),
    P("ndarray_int_to_float32", lambda m: m.tensor(np.array([1, 2]), dtype=m.float32)),
    P("ndarray_float_to_int", lambda m: m.tensor(np.array([1.7, -1.7]), dtype=m.int32)),
    P("ndarray_nan_to_int", lambda m: m.tensor(np.array([np.nan]), dtype=m.int64)),
    P("ndarray_big_to_int8", lambda m: m.tensor(np.array([300]), dtype=m.int8)),
    P("ndarray_to_bfloat16", lambda m: m.tensor(np.array([1.1, 2.2]), dtype=m.bfloat16)),
    P("ndarray_fortran_int_to_float", lambda m: m.tensor(np.asfortranarray(np.arange(6).reshape(2, 3)), dtype=m.float64)),
    P("ndarray_float64_stays", lambda m: m.tensor(np.array([1, 0, 1], dtype=np.float64))),
    P("ndarray_masked", lambda m: m.tensor(np.ma.array([1., 2.], mask=[True, False]))),
    P("ndarray_matrix", lambda m: m.tensor(np.matrix([[1, 2]]))),
    P("ndarray_subclass", lambda m: m.tensor(np.arange(3.).view(NdSub))),
    P("ndarray_unaligned", lambda m: m.tensor(np.zeros(17, dtype=np.uint8)[1:].view(np.float64))),
    P("ndarray_broadcast_zero_stride", lambda m: m.tensor(np.broadcast_to(np.arange(3.), (2, 3)))),
    P("ndarray_readonly_no_share", lambda m: (lambda a: {"t": m.tensor(a), "shares": shares(a, m.tensor(a))})(_readonly(np.arange(3.)))),
    P("ndarray_structured_field", lambda m: m.tensor(_structured_field())),
    P("ndarray_requires_grad", lambda m: m.tensor(np.arange(3.), requires_grad=True)),
    P("ndarray_int_requires_grad", lambda m: m.tensor(np.arange(3), requires_grad=True)),
    P("ndarray_bool_dtype_float", lambda m: m.tensor(np.array([True, False]), dtype=m.float16)),
    P("ndarray_uint64_to_int64_big", lambda m: m.tensor(np.array([2**64 - 1], dtype=np.uint64), dtype=m.int64)),
    P("ndarray_py_dtype_float", lambda m: m.tensor(np.arange(3, dtype=np.int8), dtype=float)),
]


def _readonly(a):
    a.setflags(write=False)
    return a


def _structured_field():
    s = np.zeros(3, dtype=[("a", "i4"), ("b", "i4"), ("c", "f8")])
    s["a"] = [1, 2, 3]
    return s["a"]


@pytest.mark.parametrize("fn", TENSOR_ND_MISC)
def test_tensor_ndarray_misc(fn):
    same(fn)


# =============================================================================================
# 6. torch.tensor(tensor) and lists of tensors
# =============================================================================================
TENSOR_OF_TENSOR = [
    P("from_tensor_warns_copies", lambda m: (lambda x: (lambda t: {"t": t, "shares": shares(x, t)})(m.tensor(x)))(m.tensor([0., 1., 2.]))),
    P("from_tensor_requires_grad_detaches", lambda m: m.tensor(m.ones(2, requires_grad=True))),
    P("from_tensor_requires_grad_true", lambda m: m.tensor(m.ones(2, requires_grad=True), requires_grad=True)),
    P("from_tensor_dtype_change", lambda m: m.tensor(m.tensor([0, 1, 2]), dtype=m.float64)),
    P("from_tensor_dtype_overflow_wraps", lambda m: m.tensor(m.tensor([300, -1]), dtype=m.uint8)),
    P("from_tensor_int_requires_grad", lambda m: m.tensor(m.tensor([1, 2]), requires_grad=True)),
    P("from_tensor_fortran_strides_kept", lambda m: m.tensor(m.from_numpy(np.asfortranarray(np.arange(6.).reshape(2, 3))))),
    P("from_tensor_sliced", lambda m: m.tensor(m.from_numpy(np.arange(12.).reshape(3, 4)[:, ::2]))),
    P("from_tensor_0d", lambda m: m.tensor(m.tensor(3.5))),
    P("from_tensor_device_cpu", lambda m: m.tensor(m.zeros(2), device="cpu")),
    P("list_of_0d_tensors", lambda m: m.tensor([m.tensor(1), m.tensor(2)])),
    P("list_of_0d_float_tensors", lambda m: m.tensor([m.tensor(1.), m.tensor(2.)])),
    P("list_0d_int8", lambda m: m.tensor([m.tensor(1, dtype=m.int8), m.tensor(2, dtype=m.int8)])),
    P("list_0d_int8_and_int", lambda m: m.tensor([m.tensor(1, dtype=m.int8), 2])),
    P("list_0d_float16_and_float", lambda m: m.tensor([m.tensor(1., dtype=m.float16), 2.5])),
    P("list_0d_int_and_float", lambda m: m.tensor([m.tensor(1), 2.5])),
    P("list_0d_float64_and_float", lambda m: m.tensor([m.tensor(1., dtype=m.float64), 2.5])),
    P("list_0d_bool_and_bool", lambda m: m.tensor([m.tensor(True), False])),
    P("list_0d_complex_and_int", lambda m: m.tensor([m.tensor(1j), 2])),
    P("list_1elem_1d_tensors", lambda m: m.tensor([m.tensor([1.]), m.tensor([2.])])),
    P("list_1elem_2d_tensors", lambda m: m.tensor([m.ones(1, 1), m.zeros(1, 1)])),
    P("list_multi_elem_tensors", lambda m: m.tensor([m.ones(2), m.ones(2)])),
    P("list_empty_tensor", lambda m: m.tensor([m.ones(0)])),
    P("nested_list_0d_tensors", lambda m: m.tensor([[m.tensor(1), 2], [3, m.tensor(4)]])),
    P("list_0d_tensor_dtype", lambda m: m.tensor([m.tensor(1.5), m.tensor(2)], dtype=m.int32)),
    P("list_0d_tensor_overflow", lambda m: m.tensor([m.tensor(300)], dtype=m.uint8)),
]


@pytest.mark.parametrize("fn", TENSOR_OF_TENSOR)
def test_tensor_of_tensors(fn):
    same(fn)


def test_complex_ndarray_to_real_values():
    # The "Casting complex values to real" warning is warn-once (checked in a subprocess).
    for fn in [lambda m: m.tensor(np.array([1 + 1j, -2.5 + 0j]), dtype=m.float64),
               lambda m: m.tensor(np.array([1 + 1j]), dtype=m.int64),
               lambda m: m.tensor(np.array([0j, 1j]), dtype=m.bool),
               lambda m: m.as_tensor(np.array([1.5 + 1j], dtype=np.complex64), dtype=m.float16),
               lambda m: m.asarray(np.array([2 + 1j]), dtype=m.float32),
               lambda m: m.tensor(np.complex128(1 + 1j), dtype=m.float32),
               lambda m: m.tensor(np.complex64(2 - 1j), dtype=m.int16)]:
        same(fn, warnings_too=False)


def test_tensor_list_of_ndarrays_values():
    # The "extremely slow" warning is warn-once; values/dtype compared here, warning in a subprocess.
    for fn in [
        lambda m: m.tensor([np.ones(2), np.zeros(2)]),
        lambda m: m.tensor([np.ones(2, dtype=np.float32), np.zeros(2, dtype=np.float32)]),
        lambda m: m.tensor([np.ones(2, dtype=np.int8), np.zeros(2, dtype=np.float32)]),
        lambda m: m.tensor([np.arange(3)]),
        lambda m: m.tensor([np.ones(2), [1, 2]]),
        lambda m: m.tensor([[1, 2], np.ones(2)]),
        lambda m: m.tensor([np.ones(2), np.ones(2)], dtype=m.float16),
        lambda m: m.tensor([np.ones(2), np.ones(3)]),
        lambda m: m.tensor([np.array([1, 2], dtype=object)]),
        lambda m: m.tensor([np.array([300]), np.array([1])], dtype=m.uint8),
        lambda m: m.as_tensor([np.ones(2), np.zeros(2)]),
    ]:
        same(fn, warnings_too=False)


# =============================================================================================
# 7. torch.as_tensor
# =============================================================================================
AS_TENSOR = [
    P("list", lambda m: (lambda d: (lambda t: (d.__setitem__(0, 5), t)[1])(m.as_tensor(d)))([1, 2])),
    P("list_with_dtype", lambda m: m.as_tensor([1, 2], dtype=m.float64)),
    P("list_float", lambda m: m.as_tensor([1.5, 2])),
    P("scalar", lambda m: m.as_tensor(2)),
    P("np_scalar_float32", lambda m: m.as_tensor(np.float32(2.5))),
    P("np_scalar_uint64", lambda m: m.as_tensor(np.uint64(3))),
    P("ragged", lambda m: m.as_tensor([[1], [2, 3]])),
    P("str", lambda m: m.as_tensor("ab")),
    P("none", lambda m: m.as_tensor(None)),
    P("overflow", lambda m: m.as_tensor([300], dtype=m.uint8)),
    P("list_of_1d_tensors", lambda m: m.as_tensor([m.ones(2), m.ones(2)])),
    P("list_of_0d_tensors", lambda m: m.as_tensor([m.tensor(1.), m.tensor(2)])),
    P("array_dunder", lambda m: m.as_tensor(ArrayDunder())),
    P("copy_kwarg", lambda m: m.as_tensor([1.], copy=True)),
    P("requires_grad_kwarg", lambda m: m.as_tensor([1.], requires_grad=True)),
    P("dtype_py_float", lambda m: m.as_tensor([1], dtype=float)),
    P("dtype_string", lambda m: m.as_tensor([1], dtype="float32")),
    P("device_bogus", lambda m: m.as_tensor([1.], device="gpu")),
    P("bytearray", lambda m: m.as_tensor(bytearray(b"ab"))),
    P("array_double", lambda m: m.as_tensor(array.array("d", [1.5]))),
    P("seq_protocol", lambda m: m.as_tensor(Seq([[1, 2], [3, 4]]))),
    P("tensor_same_object", lambda m: (lambda x: m.as_tensor(x, dtype=m.float32, device="cpu") is x)(m.zeros(3))),
    P("tensor_same_object_default", lambda m: (lambda x: m.as_tensor(x) is x)(m.zeros(3))),
    P("tensor_dtype_change", lambda m: (lambda x: (lambda t: {"t": t, "shares": shares(x, t), "same": t is x})(m.as_tensor(x, dtype=m.float64)))(m.tensor([0., 1., 2.]))),
    P("tensor_requires_grad_same_object", lambda m: (lambda x: (lambda t: {"t": t, "same": t is x})(m.as_tensor(x)))(m.ones(2, requires_grad=True))),
    P("tensor_requires_grad_dtype_change", lambda m: m.as_tensor(m.ones(2, requires_grad=True), dtype=m.float64)),
    P("tensor_int_to_float", lambda m: m.as_tensor(m.tensor([1, 2]), dtype=m.float32)),
    P("tensor_float_to_int_trunc", lambda m: m.as_tensor(m.tensor([1.7, -1.7]), dtype=m.int64)),
    P("tensor_no_warning", lambda m: m.as_tensor(m.tensor([1.]))),
    P("ndarray_object", lambda m: m.as_tensor(np.array([1, 2], dtype=object))),
    P("ndarray_int_requires_grad", lambda m: m.as_tensor(np.arange(3.), requires_grad=True)),
    P("ndarray_0d", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.as_tensor(a)))(np.array(2.5))),
    P("ndarray_dtype_change_copies", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.as_tensor(a, dtype=m.float32)))(np.arange(3.))),
    P("ndarray_same_dtype_shares", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.as_tensor(a, dtype=m.float64)))(np.arange(3.))),
    P("ndarray_device_cpu_shares", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.as_tensor(a, device="cpu")))(np.arange(3.))),
    P("ndarray_nan_to_int", lambda m: m.as_tensor(np.array([np.nan, 1.]), dtype=m.int64)),
    P("ndarray_masked", lambda m: m.as_tensor(np.ma.array([1., 2.], mask=[True, False]))),
    P("ndarray_matrix", lambda m: m.as_tensor(np.matrix([[1., 2.]]))),
    P("positional_dtype", lambda m: m.as_tensor([1], m.float64)),
    P("positional_device", lambda m: m.as_tensor([1], m.float64, "cpu")),
]


@pytest.mark.parametrize("fn", AS_TENSOR)
def test_as_tensor(fn):
    same(fn)


# =============================================================================================
# 8. Sharing promises: from_numpy / as_tensor / asarray share, writes visible both ways
# =============================================================================================
SHARING_CTORS = {
    "from_numpy": lambda m, a: m.from_numpy(a),
    "as_tensor": lambda m, a: m.as_tensor(a),
    "as_tensor_cpu": lambda m, a: m.as_tensor(a, device="cpu"),
    "asarray": lambda m, a: m.asarray(a),
    "asarray_copy_false": lambda m, a: m.asarray(a, copy=False),
}
SHARE_LAYOUTS = ["C", "F", "T", "slice_cols", "slice_rows", "3d_transposed", "1d_step3", "newaxis"]


def _write_value(dt):
    dt = np.dtype(dt)
    return True if dt.kind == "b" else (5 if dt.kind in "iu" else (-4.5 if dt.kind == "f" else 2 - 3j))


@pytest.mark.parametrize("layout", SHARE_LAYOUTS)
@pytest.mark.parametrize("dt", SUPPORTED_NP)
@pytest.mark.parametrize("ctor", list(SHARING_CTORS))
def test_sharing(ctor, dt, layout):
    v = _write_value(dt)

    def fn(m):
        a = made(dt, layout)
        t = SHARING_CTORS[ctor](m, a)
        res = {"t_before": t.clone(), "shares": shares(a, t)}
        a[(0,) * a.ndim] = v                      # NumPy-side write ...
        res["t_after_np_write"] = t.clone()        # ... visible in the tensor
        t[(-1,) * t.dim()] = v                     # tensor-side write ...
        res["a_after_t_write"] = a.copy()          # ... visible in the array
        res["t"] = t
        return res
    got = same(fn)
    assert got[0] == "ok" and got[1]["shares"] is True


@pytest.mark.parametrize("ctor", list(SHARING_CTORS))
def test_sharing_0d(ctor):
    def fn(m):
        a = np.array(3.5)
        t = SHARING_CTORS[ctor](m, a)
        a[()] = 7.0
        return {"t": t, "shares": shares(a, t)}
    same(fn)


@pytest.mark.parametrize("ctor", list(SHARING_CTORS))
def test_sharing_fill(ctor):
    def fn(m):
        a = np.arange(6, dtype=np.int32).reshape(2, 3)
        t = SHARING_CTORS[ctor](m, a)
        t.fill_(9)
        r1 = a.copy()
        t.zero_()
        return {"a_fill": r1, "a_zero": a.copy(), "t": t}
    same(fn)


def test_sharing_results_flags():
    def fn(m):
        a = np.arange(12.).reshape(3, 4)[1:, 1::2]
        t = m.from_numpy(a)
        return {"t": t, "offset": t.storage_offset(), "contig": t.is_contiguous(),
                "grad_fn": t.grad_fn is None, "version": t._version}
    same(fn)


def test_from_numpy_keeps_array_alive():
    def fn(m):
        import gc
        a = np.arange(5, dtype=np.int64)
        t = m.from_numpy(a)
        del a
        gc.collect()
        return t
    same(fn)


def test_from_numpy_memmap(tmp_path):
    def fn(m):
        path = str(tmp_path / ("mm_" + m.__name__))
        mm = np.memmap(path, dtype=np.float32, mode="w+", shape=(3,))
        mm[:] = [1, 2, 3]
        t = m.from_numpy(mm)
        t[0] = 10
        r = {"t": t.clone(), "mm0": float(mm[0]), "shares": shares(mm, t)}
        del t, mm
        return r
    same(fn)


def test_tensor_does_not_share():
    for conv in [lambda m, a: m.tensor(a), lambda m, a: m.tensor(a, dtype=m.float64),
                 lambda m, a: m.asarray(a, copy=True), lambda m, a: m.as_tensor(a, dtype=m.float32)]:
        def fn(m, conv=conv):
            a = np.arange(6.).reshape(2, 3)
            t = conv(m, a)
            a[0, 0] = 100.
            t[1, 1] = -1
            return {"t": t, "a": a, "shares": shares(a, t)}
        got = same(fn)
        assert got[1]["shares"] is False


# =============================================================================================
# 9. torch.from_numpy
# =============================================================================================
FROM_NUMPY = [
    P("bigendian_i4", lambda m: m.from_numpy(np.array([1, 2], dtype=">i4"))),
    P("bigendian_f8", lambda m: m.from_numpy(np.array([1, 2], dtype=">f8"))),
    P("byteswapped_view", lambda m: m.from_numpy(np.array([1, 2], dtype="<i4").view(">i4"))),
    P("bigendian_u1_ok", lambda m: m.from_numpy(np.array([1, 2], dtype=">u1"))),
    P("bigendian_b1_ok", lambda m: m.from_numpy(np.array([True, False], dtype=">b1"))),
    P("native_explicit_i2", lambda m: m.from_numpy(np.array([1, 2], dtype="=i2"))),
    P("little_explicit_f4", lambda m: m.from_numpy(np.array([1, 2], dtype="<f4"))),
    P("intc", lambda m: m.from_numpy(np.array([1, 2], dtype=np.intc))),
    P("longlong", lambda m: m.from_numpy(np.array([1, 2], dtype=np.longlong))),
    P("intp", lambda m: m.from_numpy(np.array([1, 2], dtype=np.intp))),
    P("uint_", lambda m: m.from_numpy(np.array([1, 2], dtype=np.uint))),
    P("ulonglong", lambda m: m.from_numpy(np.array([1, 2], dtype=np.ulonglong))),
    P("negative_stride_1d", lambda m: m.from_numpy(np.arange(5)[::-1])),
    P("negative_stride_2d_inner", lambda m: m.from_numpy(np.arange(6.).reshape(2, 3)[:, ::-1])),
    P("negative_stride_flipud", lambda m: m.from_numpy(np.flipud(np.arange(6.).reshape(2, 3)))),
    P("negative_stride_size1", lambda m: m.from_numpy(np.arange(3.)[2::-5])),
    P("odd_stride", lambda m: m.from_numpy(np.ndarray(shape=(3,), dtype=np.int32, buffer=np.zeros(20, dtype=np.uint8), strides=(5,)))),
    P("order_unsupported_neg", lambda m: m.from_numpy(np.array([1, 2, 3], dtype=object)[::-1])),
    P("order_unsupported_odd", lambda m: m.from_numpy(np.zeros(3, dtype=[("a", "i1"), ("b", "M8[s]")])["b"])),
    P("order_unsupported_bigendian", lambda m: m.from_numpy(np.zeros(2, dtype=">M8[s]"))),
    P("order_odd_neg_bigendian", lambda m: m.from_numpy(np.zeros(3, dtype=[("a", "i1"), ("b", ">f8")])["b"][::-1])),
    P("order_neg_bigendian", lambda m: m.from_numpy(np.arange(4, dtype=">i4")[::-1])),
    P("order_odd_bigendian", lambda m: m.from_numpy(np.zeros(3, dtype=[("a", "i1"), ("b", ">f8")])["b"])),
    P("structured_field_ok", lambda m: m.from_numpy(_structured_field())),
    P("unaligned", lambda m: (lambda t: [t, t.data_ptr() % 8 != 0])(m.from_numpy(np.zeros(17, dtype=np.uint8)[1:].view(np.float64)))),
    P("zero_d", lambda m: m.from_numpy(np.array(3.5))),
    P("zero_size", lambda m: m.from_numpy(np.zeros((0, 3), dtype=np.int16))),
    P("zero_size_F", lambda m: m.from_numpy(np.zeros((3, 0, 2), order="F"))),
    P("broadcast_zero_stride", lambda m: m.from_numpy(np.broadcast_to(np.arange(3.), (2, 3)).copy())),
    P("zero_stride_view", lambda m: m.from_numpy(np.lib.stride_tricks.as_strided(np.arange(3.), (2, 3), (0, 8)))),
    P("3d_transposed", lambda m: (lambda t: [list(t.stride()), t])(m.from_numpy(np.arange(24, dtype=np.int16).reshape(2, 3, 4).transpose(2, 0, 1)))),
    P("float16_inf_nan", lambda m: m.from_numpy(np.array([np.inf, -np.inf, np.nan, 6e4], dtype=np.float16))),
    P("input_list", lambda m: m.from_numpy([1, 2, 3])),
    P("input_tuple", lambda m: m.from_numpy((1, 2))),
    P("input_memoryview", lambda m: m.from_numpy(memoryview(b"abc"))),
    P("input_float", lambda m: m.from_numpy(1.0)),
    P("input_none", lambda m: m.from_numpy(None)),
    P("input_np_scalar", lambda m: m.from_numpy(np.float64(1.0))),
    P("input_tensor", lambda m: m.from_numpy(m.ones(2))),
    P("input_str", lambda m: m.from_numpy("abc")),
    P("matrix_subclass", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.from_numpy(a)))(np.matrix([[1., 2.], [3., 4.]]))),
    P("masked_array", lambda m: m.from_numpy(np.ma.array([1., 2., 3.], mask=[False, True, False]))),
    P("ndarray_subclass", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.from_numpy(a)))(np.arange(3.).view(NdSub))),
    P("keyword", lambda m: m.from_numpy(ndarray=np.ones(1))),
    P("no_args", lambda m: m.from_numpy()),
    P("two_args", lambda m: m.from_numpy(np.ones(1), np.ones(1))),
    P("ignores_default_dtype_flags", lambda m: m.from_numpy(np.ones(2, dtype=np.float32))),
]


@pytest.mark.parametrize("fn", FROM_NUMPY)
def test_from_numpy(fn):
    same(fn)


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("dt", SUPPORTED_NP)
def test_from_numpy_layouts(dt, layout):
    same(lambda m: m.from_numpy(made(dt, layout)))


# =============================================================================================
# 10. torch.asarray
# =============================================================================================
ASARRAY = [
    P("ndarray_copy_true", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.asarray(a, copy=True)))(np.arange(3.))),
    P("ndarray_copy_false_dtype_change", lambda m: m.asarray(np.arange(3.), dtype=m.float32, copy=False)),
    P("ndarray_copy_false_int_dtype_change", lambda m: m.asarray(np.arange(3, dtype=np.int32), dtype=m.int64, copy=False)),
    P("ndarray_copy_false_same_dtype", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.asarray(a, dtype=m.float64, copy=False)))(np.arange(3.))),
    P("ndarray_copy_none_dtype_change", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.asarray(a, dtype=m.float32)))(np.arange(3.))),
    P("ndarray_copy_true_dtype_change", lambda m: m.asarray(np.arange(3.), dtype=m.int8, copy=True)),
    P("ndarray_0d", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.asarray(a)))(np.array(1.5))),
    P("ndarray_0d_copy_false", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.asarray(a, copy=False)))(np.array(1.5))),
    P("ndarray_requires_grad", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t), "leaf": t.is_leaf})(m.asarray(a, requires_grad=True)))(np.arange(3.))),
    P("ndarray_int_requires_grad", lambda m: m.asarray(np.arange(3), requires_grad=True)),
    P("ndarray_requires_grad_false", lambda m: m.asarray(np.arange(3.), requires_grad=False)),
    P("ndarray_object", lambda m: m.asarray(np.array([1, 2], dtype=object))),
    P("ndarray_nan_to_int", lambda m: m.asarray(np.array([np.nan]), dtype=m.int32)),
    P("ndarray_masked", lambda m: m.asarray(np.ma.array([1., 2.], mask=[True, False]))),
    P("list_default", lambda m: m.asarray([1, 2.5])),
    P("list_int", lambda m: m.asarray([[1, 2], [3, 4]])),
    P("list_copy_false", lambda m: m.asarray([1, 2], copy=False)),
    P("list_copy_true", lambda m: m.asarray([1, 2], copy=True)),
    P("list_dtype", lambda m: m.asarray([1, 2], dtype=m.float16)),
    P("list_requires_grad", lambda m: m.asarray([1., 2.], requires_grad=True)),
    P("list_int_requires_grad", lambda m: m.asarray([1, 2], requires_grad=True)),
    P("list_ragged", lambda m: m.asarray([[1, 2], [3]])),
    P("list_overflow", lambda m: m.asarray([300], dtype=m.uint8)),
    P("scalar_float", lambda m: m.asarray(3.5)),
    P("scalar_float_copy_false", lambda m: m.asarray(3.5, copy=False)),
    P("scalar_bool", lambda m: m.asarray(True)),
    P("np_scalar", lambda m: m.asarray(np.float64(3.5))),
    P("np_scalar_int8", lambda m: m.asarray(np.int8(3))),
    P("np_scalar_copy_false", lambda m: m.asarray(np.float64(3.5), copy=False)),
    P("np_scalar_dtype", lambda m: m.asarray(np.float64(3.5), dtype=m.int32)),
    P("np_scalar_uint64", lambda m: m.asarray(np.uint64(3))),
    P("list_of_tensors", lambda m: m.asarray([m.tensor(1.), m.tensor(2.)])),
    P("list_of_1d_tensors", lambda m: m.asarray([m.ones(2), m.ones(2)])),
    P("tensor_same_object", lambda m: (lambda x: (lambda t: {"same": t is x, "shares": shares(x, t)})(m.asarray(x)))(m.zeros(3))),
    P("tensor_copy_true", lambda m: (lambda x: (lambda t: {"same": t is x, "shares": shares(x, t), "t": t})(m.asarray(x, copy=True)))(m.zeros(3))),
    P("tensor_copy_false", lambda m: (lambda x: m.asarray(x, copy=False) is x)(m.zeros(3))),
    P("tensor_copy_false_dtype_change", lambda m: m.asarray(m.zeros(3), dtype=m.float64, copy=False)),
    P("tensor_copy_false_int_to_float", lambda m: m.asarray(m.tensor([1, 2]), dtype=m.float32, copy=False)),
    P("tensor_dtype_change", lambda m: (lambda x: (lambda t: {"t": t, "shares": shares(x, t)})(m.asarray(x, dtype=m.float64)))(m.tensor([0., 1., 2.]))),
    P("tensor_leaf_requires_grad_true_mutates", lambda m: (lambda x: (lambda t: {"t": t, "x_rg": x.requires_grad, "same": t is x})(m.asarray(x, requires_grad=True)))(m.ones(2))),
    P("tensor_leaf_requires_grad_false", lambda m: (lambda x: (lambda t: {"t": t, "x_rg": x.requires_grad, "same": t is x})(m.asarray(x, requires_grad=False)))(m.ones(2, requires_grad=True))),
    P("tensor_nonleaf_requires_grad_false", lambda m: _asarray_nonleaf(m, False)),
    P("tensor_nonleaf_requires_grad_true", lambda m: _asarray_nonleaf(m, True)),
    P("tensor_int_requires_grad", lambda m: m.asarray(m.tensor([1, 2]), requires_grad=True)),
    P("tensor_copy_true_requires_grad", lambda m: m.asarray(m.ones(2, requires_grad=True), copy=True, requires_grad=True)),
    P("array_dunder", lambda m: m.asarray(ArrayDunder())),
    P("array_interface", lambda m: m.asarray(ArrayInterface())),
    P("seq_protocol", lambda m: m.asarray(SeqFloat())),
    P("none", lambda m: m.asarray(None)),
    P("str", lambda m: m.asarray("abc")),
    P("positional_dtype", lambda m: m.asarray([1], m.float64)),
    P("dtype_py_float", lambda m: m.asarray([1], dtype=float)),
    P("dtype_string", lambda m: m.asarray([1], dtype="float32")),
    P("copy_not_bool", lambda m: m.asarray([1], copy="yes")),
    P("device_cpu", lambda m: m.asarray([1.], device="cpu")),
    P("dlpack_object", lambda m: (lambda d: (lambda t: (d.a.__setitem__(0, 77), {"t": t, "shares": shares(d.a, t)})[1])(m.asarray(d)))(DLPackObj())),
]


def _asarray_nonleaf(m, rg):
    x = m.ones(3, requires_grad=True)
    b = m.as_tensor(x, dtype=m.float64)  # non-leaf (ToCopyBackward) without arithmetic
    c = m.asarray(b, requires_grad=rg)
    return {"c": c, "c_is_b": c is b, "b": b, "shares": bool(np.shares_memory(c.detach().numpy(), b.detach().numpy()))}


@pytest.mark.parametrize("fn", ASARRAY)
def test_asarray(fn):
    same(fn)


ASARRAY_BUFFERS = [
    P("bytearray_len3", lambda m: m.asarray(bytearray(b"\x01\x02\x03"))),
    P("bytearray_len3_copy_true", lambda m: m.asarray(bytearray(b"\x01\x02\x03"), copy=True)),
    P("bytearray_uint8_shares", lambda m: (lambda ba: (lambda t: (ba.__setitem__(0, 100), {"t": t})[1])(m.asarray(ba, dtype=m.uint8)))(bytearray(b"\x01\x02\x03"))),
    P("bytearray_uint8_copy_true", lambda m: (lambda ba: (lambda t: (ba.__setitem__(0, 100), {"t": t})[1])(m.asarray(ba, dtype=m.uint8, copy=True)))(bytearray(b"\x01\x02\x03"))),
    P("bytearray_uint8_copy_false", lambda m: m.asarray(bytearray(b"\x01\x02"), dtype=m.uint8, copy=False)),
    P("bytearray_float32_default", lambda m: m.asarray(bytearray(np.array([1.5, -2.], dtype=np.float32).tobytes()))),
    P("bytearray_empty", lambda m: m.asarray(bytearray())),
    P("bytearray_write_through_tensor", lambda m: (lambda ba: (lambda t: (t.__setitem__(0, 7), list(ba))[1])(m.asarray(ba, dtype=m.uint8)))(bytearray(b"\x01\x02"))),
    P("memoryview_int32", lambda m: (lambda arr: (lambda t: (arr.__setitem__(0, 50), t)[1])(m.asarray(memoryview(arr))))(array.array("i", [1, 2, 3]))),
    P("array_float", lambda m: (lambda arr: (lambda t: (arr.__setitem__(1, -1), t)[1])(m.asarray(arr)))(array.array("f", [1.5, 2.5]))),
    P("array_double_as_int64", lambda m: m.asarray(array.array("d", [1.5, 2.5]), dtype=m.int64)),
    P("array_double_default", lambda m: m.asarray(array.array("d", [1.5, 2.5]))),
    P("memoryview_2d", lambda m: m.asarray(memoryview(np.arange(6, dtype=np.int16).reshape(2, 3)))),
    P("memoryview_noncontig", lambda m: m.asarray(memoryview(np.arange(6, dtype=np.int16))[::2])),
    P("memoryview_int16_dtype", lambda m: m.asarray(memoryview(np.arange(4, dtype=np.int16)), dtype=m.int16)),
    P("buffer_requires_grad", lambda m: m.asarray(bytearray(8), requires_grad=True)),
    P("buffer_int_requires_grad", lambda m: m.asarray(bytearray(8), dtype=m.int32, requires_grad=True)),
]


@pytest.mark.parametrize("fn", ASARRAY_BUFFERS)
def test_asarray_buffers(fn):
    same(fn)


def test_asarray_bytes_values():
    # bytes are read-only: the buffer warning is warn-once (checked in a subprocess).
    same(lambda m: m.asarray(b"\x01\x02\x03"), warnings_too=False)
    same(lambda m: m.asarray(np.array([1.5, 2.5], dtype=np.float32).tobytes(), dtype=m.float32),
         warnings_too=False)


# =============================================================================================
# 11. torch.frombuffer
# =============================================================================================
FROMBUFFER = [
    P("write_through_tensor", lambda m: (lambda a: (lambda t: (t.__setitem__(0, -1), list(a))[1])(m.frombuffer(a, dtype=m.int32)))(array.array("i", [1, 2, 3]))),
    P("write_through_buffer", lambda m: (lambda a: (lambda t: (a.__setitem__(1, 9), t)[1])(m.frombuffer(a, dtype=m.int32)))(array.array("i", [1, 2, 3]))),
    P("reinterpret", lambda m: m.frombuffer(array.array("b", [-1, 0, 0, 0]), dtype=m.int32)),
    P("length_not_multiple", lambda m: m.frombuffer(bytearray(3), dtype=m.int16)),
    P("count_too_large", lambda m: m.frombuffer(bytearray(8), dtype=m.int32, count=3)),
    P("offset_too_large", lambda m: m.frombuffer(bytearray(8), dtype=m.int32, offset=9)),
    P("offset_equal_len", lambda m: m.frombuffer(bytearray(8), dtype=m.int32, offset=8)),
    P("offset_negative", lambda m: m.frombuffer(bytearray(8), dtype=m.int32, offset=-1)),
    P("offset_and_count", lambda m: m.frombuffer(bytearray(b"\x00\x00\x00\x00\x05\x00\x00\x00"), dtype=m.int32, count=1, offset=4)),
    P("offset_misaligned", lambda m: m.frombuffer(bytearray(b"\x00\x05\x00\x00\x00"), dtype=m.int32, offset=1)),
    P("offset_rest_not_multiple", lambda m: m.frombuffer(bytearray(9), dtype=m.int32, offset=2)),
    P("count_zero", lambda m: m.frombuffer(bytearray(8), dtype=m.int32, count=0)),
    P("count_negative2", lambda m: m.frombuffer(bytearray(8), dtype=m.int32, count=-2)),
    P("empty_buffer", lambda m: m.frombuffer(bytearray(0), dtype=m.int32)),
    P("requires_grad", lambda m: m.frombuffer(bytearray(8), dtype=m.float32, requires_grad=True)),
    P("requires_grad_int", lambda m: m.frombuffer(bytearray(8), dtype=m.int32, requires_grad=True)),
    P("list_input", lambda m: m.frombuffer([1, 2], dtype=m.int32)),
    P("ndarray_input", lambda m: (lambda a: (lambda t: {"t": t, "shares": shares(a, t)})(m.frombuffer(a, dtype=m.int64)))(np.arange(3, dtype=np.int64))),
    P("ignores_format", lambda m: m.frombuffer(array.array("d", [1.0]), dtype=m.int64)),
    P("no_dtype", lambda m: m.frombuffer(bytearray(4))),
    P("dtype_bool", lambda m: m.frombuffer(bytearray(b"\x00\x01\x02"), dtype=m.bool)),
    P("dtype_float16", lambda m: m.frombuffer(bytearray(b"\x00\x3c\x00\xc0"), dtype=m.float16)),
    P("dtype_complex64", lambda m: m.frombuffer(bytearray(np.array([1 + 2j], dtype=np.complex64).tobytes()), dtype=m.complex64)),
    P("dtype_bfloat16", lambda m: m.frombuffer(bytearray(b"\x80\x3f\x00\x40"), dtype=m.bfloat16)),
    P("memoryview_noncontig", lambda m: m.frombuffer(memoryview(bytearray(8))[::2], dtype=m.uint8)),
    P("positional_dtype", lambda m: m.frombuffer(bytearray(4), m.int32)),
]


@pytest.mark.parametrize("fn", FROMBUFFER)
def test_frombuffer(fn):
    same(fn)


def test_frombuffer_bytes_values():
    same(lambda m: m.frombuffer(b"\x01\x02", dtype=m.uint8), warnings_too=False)


# =============================================================================================
# 12. Factories: zeros / ones / empty / full and *_like
# =============================================================================================
FACTORIES = [
    P("zeros_ints", lambda m: m.zeros(2, 3)),
    P("zeros_tuple", lambda m: m.zeros((2, 3))),
    P("zeros_list", lambda m: m.zeros([2, 3])),
    P("zeros_size", lambda m: m.zeros(m.Size([2, 3]))),
    P("zeros_empty_tuple", lambda m: m.zeros(())),
    P("zeros_no_args", lambda m: m.zeros()),
    P("zeros_zero_dim", lambda m: m.zeros(0, 3)),
    P("zeros_negative", lambda m: m.zeros(-1)),
    P("zeros_negative_tuple", lambda m: m.zeros((2, -3))),
    P("zeros_float_size", lambda m: m.zeros(2.5)),
    P("zeros_float_in_tuple", lambda m: m.zeros((2, 2.0))),
    P("zeros_np_int", lambda m: m.zeros(np.int64(3))),
    P("zeros_np_int_tuple", lambda m: m.zeros((np.int32(2), 3))),
    P("zeros_tensor_size", lambda m: m.zeros(m.tensor(3))),
    P("zeros_str", lambda m: m.zeros("3")),
    P("zeros_none", lambda m: m.zeros(None)),
    P("zeros_dtype_int32", lambda m: m.zeros(2, dtype=m.int32)),
    P("zeros_dtype_bool", lambda m: m.zeros(2, dtype=m.bool)),
    P("zeros_dtype_complex", lambda m: m.zeros(2, dtype=m.complex128)),
    P("zeros_dtype_bfloat16", lambda m: m.zeros(2, dtype=m.bfloat16)),
    P("zeros_dtype_py_int", lambda m: m.zeros(2, dtype=int)),
    P("zeros_dtype_string", lambda m: m.zeros(2, dtype="float32")),
    P("zeros_requires_grad", lambda m: m.zeros(2, requires_grad=True)),
    P("zeros_int_requires_grad", lambda m: m.zeros(2, dtype=m.int64, requires_grad=True)),
    P("zeros_device_cpu", lambda m: m.zeros(2, device="cpu")),
    P("zeros_size_kwarg", lambda m: m.zeros(size=(2, 3))),
    P("zeros_nested_tuple", lambda m: m.zeros(((2, 3),))),
    P("ones_ints", lambda m: m.ones(2, 3)),
    P("ones_tuple", lambda m: m.ones((3,))),
    P("ones_size", lambda m: m.ones(m.Size([1, 2, 1]))),
    P("ones_dtype_uint8", lambda m: m.ones(2, 2, dtype=m.uint8)),
    P("ones_dtype_bool", lambda m: m.ones(2, dtype=m.bool)),
    P("ones_dtype_float16", lambda m: m.ones(2, dtype=m.float16)),
    P("ones_dtype_complex64", lambda m: m.ones(2, dtype=m.complex64)),
    P("ones_requires_grad", lambda m: m.ones(2, requires_grad=True)),
    P("ones_bool_requires_grad", lambda m: m.ones(2, dtype=m.bool, requires_grad=True)),
    P("ones_negative", lambda m: m.ones(2, -1)),
    P("ones_empty", lambda m: m.ones(0)),
    P("empty_meta", lambda m: meta_values(m.empty(2, 3))),
    P("empty_tuple_meta", lambda m: meta_values(m.empty((4,), dtype=m.int16))),
    P("empty_size_meta", lambda m: meta_values(m.empty(m.Size([2, 0, 2])))),
    P("empty_requires_grad", lambda m: meta_values(m.empty(2, requires_grad=True))),
    P("empty_int_requires_grad", lambda m: m.empty(2, dtype=m.int8, requires_grad=True)),
    P("empty_negative", lambda m: m.empty(-2)),
    P("empty_0d", lambda m: meta_values(m.empty(()))),
    P("full_float", lambda m: m.full((2, 3), 1.5)),
    P("full_int_infers_int64", lambda m: m.full((2,), 7)),
    P("full_bool_infers_bool", lambda m: m.full((2,), True)),
    P("full_complex_infers_complex64", lambda m: m.full((2,), 1 + 1j)),
    P("full_np_float32_value", lambda m: m.full((2,), np.float32(1.5))),
    P("full_np_int8_value", lambda m: m.full((2,), np.int8(3))),
    P("full_tensor_value", lambda m: m.full((2,), m.tensor(2.5))),
    P("full_list_size", lambda m: m.full([2, 2], 0.5)),
    P("full_size_obj", lambda m: m.full(m.Size([2]), 3)),
    P("full_int_size", lambda m: m.full(2, 1.)),
    P("full_empty_shape", lambda m: m.full((), 4)),
    P("full_dtype", lambda m: m.full((2,), 1.7, dtype=m.int32)),
    P("full_uint8_overflow", lambda m: m.full((2,), 300, dtype=m.uint8)),
    P("full_uint8_negative", lambda m: m.full((2,), -1, dtype=m.uint8)),
    P("full_int8_overflow", lambda m: m.full((2,), 128, dtype=m.int8)),
    P("full_int64_overflow", lambda m: m.full((2,), 2**63)),
    P("full_nan_int", lambda m: m.full((2,), float("nan"), dtype=m.int64)),
    P("full_inf_float16", lambda m: m.full((1,), 1e10, dtype=m.float16)),
    P("full_complex_to_float", lambda m: m.full((1,), 1j, dtype=m.float32)),
    P("full_float_to_bool", lambda m: m.full((2,), 0.5, dtype=m.bool)),
    P("full_requires_grad", lambda m: m.full((2,), 1.5, requires_grad=True)),
    P("full_int_requires_grad", lambda m: m.full((2,), 1, requires_grad=True)),
    P("full_no_value", lambda m: m.full((2,))),
    P("full_none_value", lambda m: m.full((2,), None)),
    P("full_str_value", lambda m: m.full((2,), "a")),
    P("full_fill_value_kwarg", lambda m: m.full(size=(2,), fill_value=3)),
    P("full_negative", lambda m: m.full((-1,), 3)),
]


@pytest.mark.parametrize("fn", FACTORIES)
def test_factories(fn):
    same(fn)


def _fortran(m):
    return m.from_numpy(np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3)))


def _sliced(m):
    return m.from_numpy(np.arange(12.).reshape(3, 4)[:, ::2])


LIKE = [
    P("zeros_like", lambda m: m.zeros_like(m.tensor([[1, 2], [3, 4]]))),
    P("zeros_like_dtype", lambda m: m.zeros_like(m.tensor([1, 2]), dtype=m.float64)),
    P("zeros_like_fortran_strides", lambda m: m.zeros_like(_fortran(m))),
    P("zeros_like_sliced_strides", lambda m: m.zeros_like(_sliced(m))),
    P("zeros_like_requires_grad_input", lambda m: m.zeros_like(m.ones(2, requires_grad=True))),
    P("zeros_like_requires_grad", lambda m: m.zeros_like(m.ones(2), requires_grad=True)),
    P("zeros_like_int_requires_grad", lambda m: m.zeros_like(m.tensor([1]), requires_grad=True)),
    P("zeros_like_0d", lambda m: m.zeros_like(m.tensor(3.5))),
    P("zeros_like_ndarray", lambda m: m.zeros_like(np.ones(2))),
    P("zeros_like_list", lambda m: m.zeros_like([1, 2])),
    P("zeros_like_py_dtype", lambda m: m.zeros_like(m.ones(2), dtype=bool)),
    P("ones_like", lambda m: m.ones_like(m.tensor([1.5, 2]))),
    P("ones_like_bool", lambda m: m.ones_like(m.tensor([True, False]))),
    P("ones_like_int_to_float", lambda m: m.ones_like(m.tensor([1, 2]), dtype=m.float32)),
    P("ones_like_fortran", lambda m: m.ones_like(_fortran(m))),
    P("ones_like_complex", lambda m: m.ones_like(m.zeros(2, dtype=m.complex64))),
    P("empty_like_meta", lambda m: meta_values(m.empty_like(m.zeros(2, 3, dtype=m.int16)))),
    P("empty_like_fortran_meta", lambda m: meta_values(m.empty_like(_fortran(m)))),
    P("empty_like_sliced_meta", lambda m: meta_values(m.empty_like(_sliced(m)))),
    P("empty_like_requires_grad", lambda m: meta_values(m.empty_like(m.zeros(2), requires_grad=True))),
    P("full_like_float", lambda m: m.full_like(m.zeros(2), 2.5)),
    P("full_like_int_truncates", lambda m: m.full_like(m.zeros(2, dtype=m.int64), 2.5)),
    P("full_like_int_overflow", lambda m: m.full_like(m.zeros(2, dtype=m.uint8), 300)),
    P("full_like_bool", lambda m: m.full_like(m.zeros(2, dtype=m.bool), 2)),
    P("full_like_dtype", lambda m: m.full_like(m.zeros(2), 7, dtype=m.int16)),
    P("full_like_complex_to_float", lambda m: m.full_like(m.zeros(2), 1j)),
    P("full_like_nan_int", lambda m: m.full_like(m.zeros(2, dtype=m.int32), float("nan"))),
    P("full_like_fortran", lambda m: m.full_like(_fortran(m), 5)),
    P("full_like_requires_grad", lambda m: m.full_like(m.zeros(2), 1.0, requires_grad=True)),
    P("full_like_no_value", lambda m: m.full_like(m.zeros(2))),
    P("rand_like_meta", lambda m: meta_values(m.rand_like(m.zeros(2, 3, dtype=m.float64)))),
    P("rand_like_int", lambda m: m.rand_like(m.zeros(2, dtype=m.int64))),
    P("rand_like_fortran_meta", lambda m: meta_values(m.rand_like(m.from_numpy(np.asfortranarray(np.ones((2, 3))))))),
    P("randn_like_meta", lambda m: meta_values(m.randn_like(m.zeros(2, dtype=m.float16)))),
    P("randn_like_int", lambda m: m.randn_like(m.zeros(2, dtype=m.int32))),
    P("randn_like_complex_meta", lambda m: meta_values(m.randn_like(m.zeros(2, dtype=m.complex64)))),
    P("randint_like_meta", lambda m: meta_values(m.randint_like(m.zeros(3, dtype=m.int32), 10))),
    P("randint_like_low_high_meta", lambda m: meta_values(m.randint_like(m.zeros(3), 5, 10))),
    P("randint_like_bad_range", lambda m: m.randint_like(m.zeros(3), 10, 5)),
]


@pytest.mark.parametrize("fn", LIKE)
def test_like_factories(fn):
    same(fn)


# =============================================================================================
# 13. arange / linspace / logspace / eye
# =============================================================================================
RANGES = [
    P("arange_int", lambda m: m.arange(5)),
    P("arange_start_end", lambda m: m.arange(2, 7)),
    P("arange_step", lambda m: m.arange(0, 10, 3)),
    P("arange_negative_step", lambda m: m.arange(10, 0, -2)),
    P("arange_float_end", lambda m: m.arange(5.)),
    P("arange_float_step", lambda m: m.arange(0, 1, 0.1)),
    P("arange_float_start", lambda m: m.arange(1.5, 4)),
    P("arange_float_inexact", lambda m: m.arange(1, 1.3, 0.1)),
    P("arange_float_neg", lambda m: m.arange(1, -1, -0.25)),
    P("arange_float64", lambda m: m.arange(0, 1, 0.1, dtype=m.float64)),
    P("arange_int_dtype_float", lambda m: m.arange(5, dtype=m.float32)),
    P("arange_float_dtype_int", lambda m: m.arange(0, 2.5, 0.5, dtype=m.int64)),
    P("arange_dtype_uint8", lambda m: m.arange(3, dtype=m.uint8)),
    P("arange_dtype_int8_overflow", lambda m: m.arange(300, dtype=m.int8)),
    P("arange_dtype_float16", lambda m: m.arange(0, 1, 0.3, dtype=m.float16)),
    P("arange_dtype_bfloat16", lambda m: m.arange(4, dtype=m.bfloat16)),
    P("arange_dtype_bool", lambda m: m.arange(2, dtype=m.bool)),
    P("arange_dtype_complex", lambda m: m.arange(3, dtype=m.complex64)),
    P("arange_empty", lambda m: m.arange(0)),
    P("arange_empty_start_eq_end", lambda m: m.arange(3, 3)),
    P("arange_zero_step", lambda m: m.arange(0, 1, 0)),
    P("arange_wrong_sign", lambda m: m.arange(5, 0)),
    P("arange_wrong_sign_neg", lambda m: m.arange(0, 5, -1)),
    P("arange_negative_end", lambda m: m.arange(-3)),
    P("arange_nan", lambda m: m.arange(float("nan"))),
    P("arange_inf", lambda m: m.arange(0, float("inf"))),
    P("arange_np_int", lambda m: m.arange(np.int32(4))),
    P("arange_np_float32", lambda m: m.arange(np.float32(2.5))),
    P("arange_tensor_end", lambda m: m.arange(m.tensor(3))),
    P("arange_tensor_float_end", lambda m: m.arange(m.tensor(2.5, dtype=m.float64))),
    P("arange_bool_end", lambda m: m.arange(True)),
    P("arange_requires_grad", lambda m: m.arange(3., requires_grad=True)),
    P("arange_int_requires_grad", lambda m: m.arange(3, requires_grad=True)),
    P("arange_large_int", lambda m: m.arange(2**40, 2**40 + 3)),
    P("arange_kwargs", lambda m: m.arange(start=1, end=4, step=2)),
    P("arange_no_args", lambda m: m.arange()),
    P("arange_str", lambda m: m.arange("3")),
    P("arange_complex", lambda m: m.arange(1j)),
    P("linspace_basic", lambda m: m.linspace(0, 1, 5)),
    P("linspace_float32_values", lambda m: m.linspace(-1.3, 7.1, 13)),
    P("linspace_float64", lambda m: m.linspace(0, 1, 7, dtype=m.float64)),
    P("linspace_int_dtype", lambda m: m.linspace(0, 10, 5, dtype=m.int64)),
    P("linspace_int_dtype_neg", lambda m: m.linspace(10, -3, 6, dtype=m.int32)),
    P("linspace_uint8", lambda m: m.linspace(0, 255, 4, dtype=m.uint8)),
    P("linspace_steps_0", lambda m: m.linspace(0, 1, 0)),
    P("linspace_steps_1", lambda m: m.linspace(3, 5, 1)),
    P("linspace_steps_2", lambda m: m.linspace(3, 5, 2)),
    P("linspace_steps_negative", lambda m: m.linspace(0, 1, -1)),
    P("linspace_no_steps", lambda m: m.linspace(0, 1)),
    P("linspace_float_steps", lambda m: m.linspace(0, 1, 2.5)),
    P("linspace_reverse", lambda m: m.linspace(1, 0, 4)),
    P("linspace_complex", lambda m: m.linspace(0, 1 + 1j, 3)),
    P("linspace_complex_dtype", lambda m: m.linspace(0, 1, 3, dtype=m.complex64)),
    P("linspace_float16", lambda m: m.linspace(0, 1, 6, dtype=m.float16)),
    P("linspace_bool", lambda m: m.linspace(0, 1, 3, dtype=m.bool)),
    P("linspace_requires_grad", lambda m: m.linspace(0, 1, 3, requires_grad=True)),
    P("linspace_tensor_ends", lambda m: m.linspace(m.tensor(0.), m.tensor(1.), 3)),
    P("linspace_large", lambda m: m.linspace(0, 1, 101)),
    P("linspace_same", lambda m: m.linspace(2, 2, 3)),
    P("linspace_inf", lambda m: m.linspace(0, float("inf"), 3)),
    P("logspace_basic", lambda m: m.logspace(0, 2, 3)),
    P("logspace_base2", lambda m: m.logspace(0, 4, 5, base=2)),
    P("logspace_float64", lambda m: m.logspace(-2, 2, 5, dtype=m.float64)),
    P("logspace_int_dtype", lambda m: m.logspace(0, 3, 4, dtype=m.int64)),
    P("logspace_steps_0", lambda m: m.logspace(0, 1, 0)),
    P("logspace_steps_1", lambda m: m.logspace(2, 5, 1)),
    P("logspace_negative_steps", lambda m: m.logspace(0, 1, -2)),
    P("logspace_base_float", lambda m: m.logspace(0, 1, 4, base=0.5)),
    P("logspace_overflow_float32", lambda m: m.logspace(38, 40, 3)),
    P("logspace_requires_grad", lambda m: m.logspace(0, 1, 2, requires_grad=True)),
    P("eye_3", lambda m: m.eye(3)),
    P("eye_2x3", lambda m: m.eye(2, 3)),
    P("eye_3x2", lambda m: m.eye(3, 2)),
    P("eye_int", lambda m: m.eye(3, dtype=m.int64)),
    P("eye_bool", lambda m: m.eye(2, dtype=m.bool)),
    P("eye_complex", lambda m: m.eye(2, dtype=m.complex128)),
    P("eye_0", lambda m: m.eye(0)),
    P("eye_0x3", lambda m: m.eye(0, 3)),
    P("eye_negative", lambda m: m.eye(-1)),
    P("eye_negative_m", lambda m: m.eye(2, -1)),
    P("eye_requires_grad", lambda m: m.eye(2, requires_grad=True)),
    P("eye_int_requires_grad", lambda m: m.eye(2, dtype=m.int32, requires_grad=True)),
    P("eye_float_n", lambda m: m.eye(2.0)),
    P("eye_tuple", lambda m: m.eye((2, 3))),
    P("eye_kwargs", lambda m: m.eye(n=2, m=3)),
    P("eye_no_args", lambda m: m.eye()),
]


@pytest.mark.parametrize("fn", RANGES)
def test_ranges(fn):
    same(fn)


# =============================================================================================
# 14. rand / randn / randint (shapes, dtypes, errors only) and manual_seed
# =============================================================================================
RANDOM = [
    P("rand_ints", lambda m: meta_values(m.rand(2, 3))),
    P("rand_tuple", lambda m: meta_values(m.rand((4,)))),
    P("rand_size", lambda m: meta_values(m.rand(m.Size([2, 1])))),
    P("rand_0d", lambda m: meta_values(m.rand(()))),
    P("rand_empty", lambda m: m.rand(0)),
    P("rand_float64", lambda m: meta_values(m.rand(2, dtype=m.float64))),
    P("rand_float16", lambda m: meta_values(m.rand(2, dtype=m.float16))),
    P("rand_bfloat16", lambda m: meta_values(m.rand(2, dtype=m.bfloat16))),
    P("rand_complex", lambda m: meta_values(m.rand(2, dtype=m.complex64))),
    P("rand_int_dtype", lambda m: m.rand(2, dtype=m.int64)),
    P("rand_bool_dtype", lambda m: m.rand(2, dtype=m.bool)),
    P("rand_requires_grad", lambda m: meta_values(m.rand(2, requires_grad=True))),
    P("rand_negative", lambda m: m.rand(-1)),
    P("rand_no_args", lambda m: m.rand()),
    P("rand_float_size", lambda m: m.rand(1.5)),
    P("rand_in_unit_interval", lambda m: [x for x in m.rand(1000).tolist() if not 0 <= x < 1]),
    P("randn_ints", lambda m: meta_values(m.randn(3, 2))),
    P("randn_float64", lambda m: meta_values(m.randn(2, dtype=m.float64))),
    P("randn_complex128", lambda m: meta_values(m.randn(2, dtype=m.complex128))),
    P("randn_int_dtype", lambda m: m.randn(2, dtype=m.int32)),
    P("randn_requires_grad", lambda m: meta_values(m.randn((2,), requires_grad=True))),
    P("randn_negative", lambda m: m.randn(2, -2)),
    P("randint_high_size", lambda m: meta_values(m.randint(10, (3,)))),
    P("randint_low_high_size", lambda m: meta_values(m.randint(3, 10, (2, 2)))),
    P("randint_size_obj", lambda m: meta_values(m.randint(0, 5, m.Size([3])))),
    P("randint_dtype", lambda m: meta_values(m.randint(0, 5, (3,), dtype=m.int8))),
    P("randint_float_dtype", lambda m: meta_values(m.randint(0, 5, (3,), dtype=m.float32))),
    P("randint_bool_dtype", lambda m: meta_values(m.randint(0, 2, (3,), dtype=m.bool))),
    P("randint_range_values", lambda m: [x for x in m.randint(3, 6, (500,)).tolist() if not 3 <= x < 6]),
    P("randint_single_value", lambda m: m.randint(4, 5, (3,))),
    P("randint_no_size", lambda m: m.randint(5)),
    P("randint_size_int", lambda m: m.randint(0, 5, 3)),
    P("randint_bad_range", lambda m: m.randint(5, 3, (2,))),
    P("randint_empty_range", lambda m: m.randint(3, 3, (2,))),
    P("randint_high_zero", lambda m: m.randint(0, (2,))),
    P("randint_requires_grad", lambda m: m.randint(0, 5, (2,), requires_grad=True)),
    P("randint_float_bounds", lambda m: meta_values(m.randint(0.5, 5.5, (2,)))),
    P("randint_uint8_overflow", lambda m: m.randint(0, 300, (2,), dtype=m.uint8)),
    P("randint_size_kwarg", lambda m: meta_values(m.randint(0, 5, size=(2, 3)))),
    P("randint_empty", lambda m: m.randint(0, 5, (0,))),
    P("randint_negative_size", lambda m: m.randint(0, 5, (-1,))),
]


@pytest.mark.parametrize("fn", RANDOM)
def test_random(fn):
    same(fn)


def test_manual_seed_returns_something_and_reproduces():
    g = numtorch.manual_seed(0)
    assert g is not None
    a = numtorch.rand(5).tolist()
    numtorch.manual_seed(0)
    b = numtorch.rand(5).tolist()
    assert a == b
    numtorch.manual_seed(123)
    c = numtorch.randint(0, 100, (20,)).tolist()
    numtorch.manual_seed(123)
    assert numtorch.randint(0, 100, (20,)).tolist() == c


# =============================================================================================
# 15. Default dtype
# =============================================================================================
def _with_default(m, d, fn):
    old = m.get_default_dtype()
    m.set_default_dtype(getattr(m, d))
    try:
        return fn(m)
    finally:
        m.set_default_dtype(old)


DEFAULT_DTYPE = [
    P("get_default", lambda m: m.get_default_dtype()),
    P("float64_effects", lambda m: _with_default(m, "float64", lambda m: {
        "get": m.get_default_dtype(), "list_float": m.tensor([1.0]), "scalar_float": m.tensor(1.5),
        "list_int": m.tensor([1]), "list_complex": m.tensor([1 + 2j]), "scalar_complex": m.tensor(1j),
        "empty_list": m.tensor([]), "ndarray_f32": m.tensor(np.ones(2, dtype=np.float32)),
        "np_float32_scalar": m.tensor(np.float32(1)), "zeros": m.zeros(2),
        "arange_float": m.arange(0., 2.), "arange_int": m.arange(2), "linspace": m.linspace(0, 1, 3),
        "bool_with_float": m.tensor([True, 1.5]), "full_float": m.full((1,), 0.1),
        "full_int": m.full((1,), 1), "eye": m.eye(1), "as_tensor_list": m.as_tensor([1.5]),
        "asarray_list": m.asarray([0.1]), "from_numpy_f32": m.from_numpy(np.ones(2, dtype=np.float32)),
        "list_0d_f32_and_float": m.tensor([m.tensor(1., dtype=m.float32), 2.5]),
        "rand": str(m.rand(1).dtype), "logspace": m.logspace(0, 1, 2)})),
    P("float16_effects", lambda m: _with_default(m, "float16", lambda m: {
        "list_float": m.tensor([1.0, 1e5]), "zeros": m.zeros(1), "arange": m.arange(0., 1.),
        "empty": m.tensor([]), "linspace": m.linspace(0, 1, 3)})),
    P("bfloat16_effects", lambda m: _with_default(m, "bfloat16", lambda m: {
        "list_float": m.tensor([1.1]), "ones": m.ones(1)})),
    P("bfloat16_complex_error", lambda m: _with_default(m, "bfloat16", lambda m: m.tensor([1 + 2j]))),
    P("set_int32_error", lambda m: m.set_default_dtype(m.int32)),
    P("set_bool_error", lambda m: m.set_default_dtype(m.bool)),
    P("set_complex_error", lambda m: m.set_default_dtype(m.complex64)),
    P("set_string_error", lambda m: m.set_default_dtype("float64")),
    P("set_python_float_error", lambda m: m.set_default_dtype(float)),
    P("set_numpy_error", lambda m: m.set_default_dtype(np.float64)),
    P("set_none_error", lambda m: m.set_default_dtype(None)),
    P("set_returns_none", lambda m: _with_default(m, "float32", lambda m: m.set_default_dtype(m.float32))),
]


@pytest.mark.parametrize("fn", DEFAULT_DTYPE)
def test_default_dtype(fn):
    same(fn)
    assert numtorch.get_default_dtype() is numtorch.float32


# =============================================================================================
# 16. Warn-once warnings, checked in fresh processes
# =============================================================================================
_SUBPROC_TEMPLATE = """
import sys, warnings, array
sys.path.insert(0, {tests!r})
import numpy as np
from diff import outcome
import {mod} as m
import {mod}
{body}
import re
_T = re.compile(r" \\(Triggered internally at [^)]*\\)\\.?$")
print(repr([(r, [(c, _T.sub("", w)) for c, w in ws]) for r, ws in (outcome(f, m) for f in FNS)]))
"""


def run_fresh(body, mod):
    code = _SUBPROC_TEMPLATE.format(tests=TESTS_DIR, mod=mod, body=textwrap.dedent(body))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"{mod} subprocess failed:\n{r.stderr[-3000:]}"
    return r.stdout.strip().splitlines()[-1]


def same_fresh(body):
    """Run the FNS list defined in ``body`` in a fresh torch and a fresh numtorch process."""
    expected = run_fresh(body, "torch")
    got = run_fresh(body, "numtorch")
    assert got == expected, f"\n numtorch: {got}\n    torch: {expected}"


FRESH = {
    "from_numpy_readonly_once": """
        def mk():
            a = np.arange(3.); a.setflags(write=False); return a
        a1 = mk()
        FNS = [lambda m: (lambda t: {"t": t, "shares": bool(np.shares_memory(a1, t.numpy()))})(m.from_numpy(a1)),
               lambda m: m.from_numpy(a1),
               lambda m: m.from_numpy(mk()),
               lambda m: m.as_tensor(mk()),
               lambda m: m.asarray(mk()),
               lambda m: m.tensor(mk())]
    """,
    "as_tensor_readonly_once": """
        def mk():
            a = np.arange(3.); a.setflags(write=False); return a
        a1 = mk()
        FNS = [lambda m: (lambda t: {"t": t, "shares": bool(np.shares_memory(a1, t.numpy()))})(m.as_tensor(a1)),
               lambda m: m.as_tensor(mk()),
               lambda m: m.from_numpy(mk())]
    """,
    "as_tensor_readonly_dtype_change_warns": """
        def mk():
            a = np.arange(3.); a.setflags(write=False); return a
        FNS = [lambda m: m.as_tensor(mk(), dtype=m.float32), lambda m: m.as_tensor(mk())]
    """,
    "asarray_readonly_once": """
        def mk():
            a = np.arange(3.); a.setflags(write=False); return a
        a1 = mk()
        FNS = [lambda m: (lambda t: {"t": t, "shares": bool(np.shares_memory(a1, t.numpy()))})(m.asarray(a1)),
               lambda m: m.asarray(mk(), copy=True),
               lambda m: m.from_numpy(mk())]
    """,
    "tensor_readonly_never_warns": """
        def mk():
            a = np.arange(3.); a.setflags(write=False); return a
        FNS = [lambda m: m.tensor(mk()), lambda m: m.tensor(mk(), dtype=m.int32),
               lambda m: m.from_numpy(mk())]
    """,
    "from_numpy_readonly_warns_before_error": """
        def mk():
            a = np.array([1, 2], dtype=object); a.setflags(write=False); return a
        def ok():
            a = np.arange(2.); a.setflags(write=False); return a
        FNS = [lambda m: m.from_numpy(mk()), lambda m: m.from_numpy(ok())]
    """,
    "frombuffer_bytes_once": """
        FNS = [lambda m: m.frombuffer(b"\\x01\\x02", dtype=m.uint8),
               lambda m: m.frombuffer(b"\\x01\\x02\\x03\\x04", dtype=m.int16),
               lambda m: m.asarray(b"\\x01\\x02\\x03\\x04", dtype=m.uint8)]
    """,
    "asarray_bytes_once": """
        FNS = [lambda m: m.asarray(b"\\x01\\x02\\x03"),
               lambda m: m.asarray(np.array([1.5, 2.5], dtype=np.float32).tobytes(), dtype=m.float32),
               lambda m: m.frombuffer(b"\\x01", dtype=m.uint8)]
    """,
    "buffer_and_numpy_flags_independent": """
        def mk():
            a = np.arange(3.); a.setflags(write=False); return a
        FNS = [lambda m: m.frombuffer(b"\\x01", dtype=m.uint8), lambda m: m.from_numpy(mk())]
    """,
    "readonly_np_frombuffer_array": """
        FNS = [lambda m: m.from_numpy(np.frombuffer(b"\\x01\\x02\\x03\\x04", dtype=np.uint8))]
    """,
    "list_of_ndarrays_once": """
        FNS = [lambda m: m.tensor([np.ones(2), np.zeros(2)]),
               lambda m: m.tensor([np.ones(3), np.zeros(3)]),
               lambda m: m.as_tensor([np.ones(3), np.zeros(3)])]
    """,
    "list_of_ndarrays_as_tensor_first": """
        FNS = [lambda m: m.as_tensor([np.ones(2, dtype=np.int8), np.zeros(2, dtype=np.float32)]),
               lambda m: m.tensor([np.arange(3)])]
    """,
    "list_of_ndarrays_asarray": """
        FNS = [lambda m: m.asarray([np.ones(2), [1, 2]]), lambda m: m.tensor([np.ones(1)])]
    """,
    "list_of_ndarray_error_still_warns": """
        FNS = [lambda m: m.tensor([np.array([1, 2], dtype=object)]), lambda m: m.tensor([np.ones(2)])]
    """,
    "list_of_ndarrays_dtype": """
        FNS = [lambda m: m.tensor([np.ones(2), np.ones(2)], dtype=m.float16)]
    """,
    "list_of_requires_grad_scalars_once": """
        FNS = [lambda m: m.tensor([m.tensor(2., requires_grad=True), m.tensor(3., requires_grad=True)]),
               lambda m: m.tensor([m.tensor(2., requires_grad=True)])]
    """,
    "asarray_requires_grad_default_once": """
        FNS = [lambda m: (lambda x: (lambda t: {"t": t, "same": t is x})(m.asarray(x)))(m.ones(2, requires_grad=True)),
               lambda m: m.asarray(m.ones(2, requires_grad=True)),
               lambda m: m.asarray(m.ones(2))]
    """,
    "asarray_requires_grad_default_plain_tensor": """
        FNS = [lambda m: m.asarray(m.ones(2)), lambda m: m.asarray(m.ones(2, requires_grad=True))]
    """,
    "complex_to_real_cast_once": """
        FNS = [lambda m: m.tensor(np.array([1 + 1j, 2]), dtype=m.float64),
               lambda m: m.as_tensor(np.array([3 - 1j], dtype=np.complex64), dtype=m.float32),
               lambda m: m.asarray(np.array([1j]), dtype=m.int32),
               lambda m: m.tensor(np.array([1 + 1j]), dtype=m.float16)]
    """,
    "complex_tensor_to_real_cast": """
        FNS = [lambda m: m.as_tensor(m.tensor([1 + 2j]), dtype=m.float32),
               lambda m: m.tensor(m.tensor([1 + 2j]), dtype=m.float64)]
    """,
    "tensor_from_tensor_warns_every_call": """
        FNS = [lambda m: m.tensor(m.ones(2)), lambda m: m.tensor(m.ones(2)),
               lambda m: m.as_tensor(m.ones(2)), lambda m: m.asarray(m.ones(2), requires_grad=False)]
    """,
}


@pytest.mark.parametrize("name", list(FRESH))
def test_fresh_process(name):
    same_fresh(FRESH[name])


# =============================================================================================
# 17. Hypothesis: random nested lists
# =============================================================================================
INT64 = st.integers(-2**63, 2**63 - 1)
LEAF = st.one_of(
    st.booleans(),
    INT64,
    st.integers(-300, 300),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1e6, 1e6, width=32),
    st.complex_numbers(allow_nan=True, allow_infinity=True, max_magnitude=None),
)
# Homogeneous-kind leaves (so dtype inference is not always complex/float).
LEAF_KIND = st.sampled_from([
    st.booleans(), INT64, st.integers(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(allow_nan=True, allow_infinity=True),
    LEAF,
])


@st.composite
def rect_lists(draw, leaf=None):
    leaf = leaf if leaf is not None else draw(LEAF_KIND)
    shape = draw(st.lists(st.integers(0, 3), min_size=0, max_size=3))
    tup = draw(st.booleans())

    def build(dims):
        if not dims:
            return draw(leaf)
        seq = [build(dims[1:]) for _ in range(dims[0])]
        return tuple(seq) if tup and draw(st.booleans()) else seq
    return build(shape)


RAGGED = st.recursive(LEAF, lambda kids: st.lists(kids, max_size=3) | st.tuples(kids, kids),
                      max_leaves=12)

DTYPE_NAMES = ["bool", "uint8", "int8", "int16", "int32", "int64", "uint64", "float16",
               "bfloat16", "float32", "float64", "complex64", "complex128"]

HYP = settings(max_examples=50, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@HYP
@given(rect_lists())
def test_hyp_tensor_rect_lists(data):
    same(lambda m: m.tensor(data))


@HYP
@given(RAGGED)
def test_hyp_tensor_ragged_lists(data):
    same(lambda m: m.tensor(data))


@HYP
@given(rect_lists(), st.sampled_from(DTYPE_NAMES))
def test_hyp_tensor_lists_with_dtype(data, dtype):
    same(lambda m: m.tensor(data, dtype=getattr(m, dtype)))


@HYP
@given(rect_lists(leaf=st.one_of(st.booleans(), st.integers(-2**63, 2**64 - 1),
                                 st.floats(-1e3, 1e3))),
       st.sampled_from(["bool", "uint8", "int8", "int32", "int64", "uint64", "uint16", "uint32"]))
def test_hyp_tensor_int_targets(data, dtype):
    same(lambda m: m.tensor(data, dtype=getattr(m, dtype)))


@HYP
@given(st.one_of(rect_lists(), RAGGED), st.sampled_from(["as_tensor", "asarray", "asarray_copy"]))
def test_hyp_as_tensor_asarray_lists(data, how):
    if how == "as_tensor":
        same(lambda m: m.as_tensor(data))
    elif how == "asarray":
        same(lambda m: m.asarray(data))
    else:
        same(lambda m: m.asarray(data, copy=True))


@HYP
@given(rect_lists(leaf=st.floats(-1e3, 1e3)), st.booleans())
def test_hyp_tensor_requires_grad(data, rg):
    same(lambda m: m.tensor(data, requires_grad=rg))


NP_SCALAR_TYPES = ["bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                   "uint64", "float16", "float32", "float64", "complex64", "complex128"]
T0_DTYPES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16",
             "float32", "float64", "complex64", "complex128"]


@st.composite
def mixed_leaf(draw):
    """A leaf descriptor: Python scalar, NumPy scalar or 0-d tensor (built per library)."""
    kind = draw(st.sampled_from(["py", "np", "t0", "t1"]))
    v = draw(st.one_of(st.booleans(), st.integers(0, 100), st.floats(-100, 100)))
    if kind == "py":
        return ("py", v)
    if kind == "np":
        return ("np", draw(st.sampled_from(NP_SCALAR_TYPES)), v)
    return (kind, draw(st.sampled_from(T0_DTYPES)), v)


def build_leaf(m, d):
    if d[0] == "py":
        return d[1]
    if d[0] == "np":
        return getattr(np, d[1])(d[2])
    t = m.tensor(d[2], dtype=getattr(m, d[1]))
    return t if d[0] == "t0" else m.tensor([d[2]], dtype=getattr(m, d[1]))


def build_nested(m, x):
    if isinstance(x, list):
        return [build_nested(m, e) for e in x]
    return build_leaf(m, x)


@HYP
@given(st.recursive(mixed_leaf(), lambda kids: st.lists(kids, min_size=1, max_size=3), max_leaves=8))
def test_hyp_tensor_mixed_leaves(desc):
    """Promotion over Python scalars, NumPy scalars and 0-d / 1-element tensors inside lists."""
    same(lambda m: m.tensor(build_nested(m, desc)))


@HYP
@given(st.lists(mixed_leaf(), min_size=1, max_size=4), st.sampled_from(DTYPE_NAMES))
def test_hyp_tensor_mixed_leaves_dtype(desc, dtype):
    same(lambda m: m.tensor(build_nested(m, desc), dtype=getattr(m, dtype)))


# =============================================================================================
# 18. Hypothesis: random ndarrays of every supported dtype and layout
# =============================================================================================
@st.composite
def nd_cases(draw):
    dt = np.dtype(draw(st.sampled_from(SUPPORTED_NP)))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    base = draw(hnp.arrays(dt, shape))
    layout = draw(st.sampled_from(["C", "F", "T", "slice", "slice_T"]))
    slices = tuple(slice(draw(st.integers(0, 2)), None, draw(st.integers(1, 3))) for _ in shape)
    perm = draw(st.permutations(range(len(shape))))
    return base, layout, slices, tuple(perm)


def realise(case):
    base, layout, slices, perm = case
    a = base.copy()
    if layout == "F":
        return np.asfortranarray(a)
    if layout == "T":
        return a.transpose(perm)
    if layout == "slice":
        return a[slices] if a.ndim else a
    if layout == "slice_T":
        return (a[slices] if a.ndim else a).transpose(perm)
    return a


ND_CTORS = {
    "tensor": lambda m, a: m.tensor(a),
    "as_tensor": lambda m, a: m.as_tensor(a),
    "asarray": lambda m, a: m.asarray(a),
    "asarray_copy": lambda m, a: m.asarray(a, copy=True),
    "from_numpy": lambda m, a: m.from_numpy(a),
}


@HYP
@given(nd_cases(), st.sampled_from(list(ND_CTORS)))
def test_hyp_ndarray_ctors(case, ctor):
    def fn(m):
        a = realise(case)
        t = ND_CTORS[ctor](m, a)
        return {"t": t, "shares": shares(a, t) if a.size else None}
    same(fn)


@HYP
@given(nd_cases(), st.sampled_from(["from_numpy", "as_tensor", "asarray"]))
def test_hyp_ndarray_sharing_writes(case, ctor):
    """Writes through NumPy are visible in the tensor and vice versa."""
    a0 = realise(case)
    assume(a0.size > 0)
    expect_share = not (ctor == "asarray" and a0.ndim == 0)  # asarray copies 0-d arrays

    def fn(m):
        a = realise(case)
        t = ND_CTORS[ctor](m, a)
        flat_idx = np.unravel_index(a.size - 1, a.shape) if a.ndim else ()
        a[flat_idx] = a.reshape(-1)[0] if a.ndim else a[()]
        after_np = t.clone()
        t.fill_(1)
        return {"shares": shares(a, t), "after_np": after_np, "a": a.copy(), "t": t}
    got = same(fn)
    assert got[0] == "ok" and got[1]["shares"] is expect_share


@HYP
@given(nd_cases(), st.sampled_from(DTYPE_NAMES))
def test_hyp_ndarray_dtype_conversion(case, dtype):
    src = case[0]
    target = getattr(torch, dtype)
    if src.dtype.kind in "fc" and not target.is_floating_point and not target.is_complex \
            and target != torch.bool:
        # float -> int of NaN/inf/out-of-range values is C undefined behaviour: skip those.
        real = src.real.astype(np.float64) if src.dtype.kind == "c" else src.astype(np.float64)
        info = torch.iinfo(target)
        assume(bool(np.all(np.isfinite(real))) and bool(np.all((real > info.min - 1) & (real < info.max + 1))))
    complex_to_real = src.dtype.kind == "c" and not target.is_complex  # warn-once cast warning

    def fn(m):
        a = realise(case)
        return {"tensor": m.tensor(a, dtype=getattr(m, dtype)),
                "as_tensor": m.as_tensor(a, dtype=getattr(m, dtype))}
    same(fn, warnings_too=not complex_to_real)
