"""CPU DLPack capsules taken apart and finished with ctypes: `consume` and `export`.

NumPy's own DLPack refuses bfloat16 and float8 and imports a bare (unversioned) capsule
read-only; these two functions handle every numtorch dtype and keep shared memory writable.

>>> import numpy as np
>>> a = np.zeros(2, np.float32)
>>> consume(export(a, versioned=True))[0] = 5
>>> a
array([5., 0.], dtype=float32)
"""
import ctypes
from ctypes import (POINTER, c_char_p, c_int, c_int32, c_int64, c_uint8, c_uint16, c_uint32,
                    c_uint64, c_void_p)

import ml_dtypes
import numpy as np

__all__ = ["consume", "export"]

INVALID_CAPSULE = ("from_dlpack received an invalid capsule. Note that DLTensor capsules can "
                   "be consumed only once, so you might have already constructed a tensor "
                   "from it once.")
READ_ONLY = 1  # DLPACK_FLAG_BITMASK_READ_ONLY
_CPU_DEVICES = (1, 3)  # kDLCPU, kDLCUDAHost (pinned host memory is CPU-addressable)


class _Device(ctypes.Structure):
    _fields_ = [("device_type", c_int32), ("device_id", c_int32)]


class _DType(ctypes.Structure):
    _fields_ = [("code", c_uint8), ("bits", c_uint8), ("lanes", c_uint16)]


class _Tensor(ctypes.Structure):
    _fields_ = [("data", c_void_p), ("device", _Device), ("ndim", c_int32), ("dtype", _DType),
                ("shape", POINTER(c_int64)), ("strides", POINTER(c_int64)),
                ("byte_offset", c_uint64)]


class _Managed(ctypes.Structure):  # DLManagedTensor (DLPack 0.x)
    _fields_ = [("dl_tensor", _Tensor), ("manager_ctx", c_void_p), ("deleter", c_void_p)]


class _Version(ctypes.Structure):
    _fields_ = [("major", c_uint32), ("minor", c_uint32)]


class _ManagedVersioned(ctypes.Structure):  # DLManagedTensorVersioned (DLPack >= 1.0)
    _fields_ = [("version", _Version), ("manager_ctx", c_void_p), ("deleter", c_void_p),
                ("flags", c_uint64), ("dl_tensor", _Tensor)]


# NumPy dtype -> DLPack (type code, bits); float8 codes are DLPack 1.1's DLDataTypeCode values.
_TO_DL = {np.dtype(np.bool_): (6, 8), np.dtype(ml_dtypes.bfloat16): (4, 16)}
for _code, _names in ((0, ("int8", "int16", "int32", "int64")),
                      (1, ("uint8", "uint16", "uint32", "uint64")),
                      (2, ("float16", "float32", "float64")), (5, ("complex64", "complex128"))):
    for _name in _names:
        _TO_DL[np.dtype(_name)] = (_code, np.dtype(_name).itemsize * 8)
for _code, _name in enumerate(("float8_e3m4", "float8_e4m3", "float8_e4m3b11fnuz", "float8_e4m3fn",
                               "float8_e4m3fnuz", "float8_e5m2", "float8_e5m2fnuz",
                               "float8_e8m0fnu"), start=7):
    _TO_DL[np.dtype(getattr(ml_dtypes, _name))] = (_code, 8)
_FROM_DL = {v: k for k, v in _TO_DL.items()}

# The C API, through private prototypes (ctypes.pythonapi's shared function objects stay untouched).
# Capsules are passed by address (id); every caller keeps the capsule alive across the call.
_api = ctypes.pythonapi
_is_valid = ctypes.PYFUNCTYPE(c_int, c_void_p, c_char_p)(("PyCapsule_IsValid", _api))
_get_pointer = ctypes.PYFUNCTYPE(c_void_p, c_void_p, c_char_p)(("PyCapsule_GetPointer", _api))
_set_name = ctypes.PYFUNCTYPE(c_int, c_void_p, c_char_p)(("PyCapsule_SetName", _api))
_call_deleter = ctypes.PYFUNCTYPE(None, c_void_p)  # a producer's deleter, called holding the GIL

# Capsule names must outlive the capsules: these module-level bytes are never freed.
_NAMES = {False: b"dltensor", True: b"dltensor_versioned"}
_USED = {False: b"used_dltensor", True: b"used_dltensor_versioned"}


def consume(capsule):
    """An ndarray aliasing the memory of a DLPack capsule ("dltensor" or "dltensor_versioned").

    The capsule is renamed "used_..." so it cannot be consumed twice, and the producer's deleter
    runs once, when the array and all its views are gone. The array is writable unless a
    versioned capsule carries the READ_ONLY flag. `BufferError` for what NumPy cannot alias.
    """
    if type(capsule) is not _CAPSULE_TYPE:
        raise RuntimeError(INVALID_CAPSULE)
    for versioned in (True, False):
        if _is_valid(id(capsule), _NAMES[versioned]):
            break
    else:
        raise RuntimeError(INVALID_CAPSULE)
    addr = _get_pointer(id(capsule), _NAMES[versioned])
    if versioned:
        managed = _ManagedVersioned.from_address(addr)
        if managed.version.major != 1:  # a consumer must not read past the version it lacks
            raise BufferError(f"DLPack {managed.version.major}.{managed.version.minor} is not "
                              "supported: the consumer implements DLPack 1.x")
        read_only = bool(managed.flags & READ_ONLY)
    else:
        managed = _Managed.from_address(addr)
        read_only = False
    t = managed.dl_tensor
    if t.device.device_type not in _CPU_DEVICES:
        raise BufferError(f"DLPack device type {t.device.device_type} is not the CPU: only CPU "
                          "(kDLCPU) and pinned host (kDLCUDAHost) memory can be consumed here")
    dtype = _FROM_DL.get((t.dtype.code, t.dtype.bits)) if t.dtype.lanes == 1 else None
    if dtype is None:
        raise BufferError(f"unsupported DLPack dtype (code={t.dtype.code}, bits={t.dtype.bits}, "
                          f"lanes={t.dtype.lanes})")
    shape = tuple(t.shape[i] for i in range(t.ndim))
    strides = None if not t.strides else tuple(t.strides[i] * dtype.itemsize for i in range(t.ndim))
    data = (t.data or 0) + t.byte_offset
    _set_name(id(capsule), _USED[versioned])  # from here on we own it: no BufferError below
    owner = _Owner(addr, managed.deleter, {
        "version": 3, "shape": shape, "strides": strides, "data": (data, read_only),
        "typestr": "|V%d" % dtype.itemsize})
    return np.asarray(owner).view(dtype)


class _Owner:
    """The base of a consumed array: runs the producer's deleter once, when the last view dies."""

    __slots__ = ("__array_interface__", "_managed", "_deleter")

    def __init__(self, managed, deleter, interface):
        self._managed, self._deleter, self.__array_interface__ = managed, deleter, interface

    def __del__(self, _call=_call_deleter):  # bound early: still there at interpreter exit
        deleter, self._deleter = self._deleter, None
        if deleter:
            _call(deleter)(self._managed)


def export(array, versioned, read_only=False):
    """A capsule sharing `array`'s memory: DLPack 1.x "dltensor_versioned" or 0.x "dltensor".

    `array` is a CPU ndarray of a DLPack dtype with non-negative strides (any layout). It stays
    alive until the consumer calls the deleter, or until the capsule dies unconsumed. A read-only
    array (or `read_only=True`) needs a versioned capsule, whose READ_ONLY flag says so.

    NumPy builds the capsule (for bfloat16 and float8, of a same-width unsigned view) and the
    dtype code is then set: NumPy's deleter and capsule destructor are C, so they stay correct
    when called while an exception is in flight, which no Python (ctypes) callback can.
    """
    if not isinstance(array, np.ndarray):
        raise TypeError(f"export expects a numpy.ndarray, got {type(array).__name__}")
    code, bits = _TO_DL.get(array.dtype, (None, None))
    if code is None:
        raise BufferError(f"DLPack cannot describe the dtype {array.dtype}")
    if any(s < 0 or s % array.itemsize for s in array.strides):
        raise BufferError("DLPack export needs non-negative strides that are multiples of the "
                          f"itemsize, got strides {array.strides} for itemsize {array.itemsize}")
    read_only = read_only or not array.flags.writeable
    if read_only and not versioned:
        raise BufferError("cannot export a read-only array as an unversioned DLPack capsule, "
                          "which has no read-only flag: ask for a versioned one")
    carrier = array.view(f"u{array.itemsize}") if code == 4 or code >= 7 else array
    capsule = carrier.__dlpack__(max_version=(1, 0)) if versioned else carrier.__dlpack__()
    address = _get_pointer(id(capsule), _NAMES[versioned])
    managed = (_ManagedVersioned if versioned else _Managed).from_address(address)
    managed.dl_tensor.dtype = _DType(code, bits, 1)
    if versioned:
        if read_only:
            managed.flags |= READ_ONLY
        if code >= 7:  # the float8 codes are DLPack 1.1's
            managed.version = _Version(1, max(managed.version.minor, 1))
    return capsule


_CAPSULE_TYPE = type(np.empty(0).__dlpack__())
