"""Python data (scalars, nested sequences) to NumPy arrays as `torch.tensor` reads it.

PyTorch finds the shape by following first elements, infers the dtype by promoting over
every leaf (Python floats give the default dtype), and stores leaf by leaf with range checks.
`from_data` does exactly that; regular lists of Python numbers take a vectorised path that
gives the same result.

>>> import numtorch
>>> numtorch.tensor([[1, 2], [3, 4.5]]).dtype
torch.float32
"""
import itertools
import math
import operator
import warnings

import numpy as np

from .. import _dtype as D
from .._backend.quiet import quiet
from .._convert import fresh
from .._promotion import promote_types
from .._tensor import Tensor
from .names import type_name
from .numpy_bridge import check_ndarray

__all__ = ["from_data", "infer_dtype", "storage_np"]

MAX_DIMS = 128
_LIST_OF_ARRAYS = ("Creating a tensor from a list of numpy.ndarrays is extremely slow. Please "
                   "consider converting the list to a single numpy.ndarray with numpy.array() "
                   "before converting to a tensor.")
_warned_arrays = [False]
_PY_SCALARS = (int, float, complex)


def is_sequence(obj):
    """CPython's `PySequence_Check` as PyTorch sees it (tensors are not sequences)."""
    if isinstance(obj, (list, tuple, str, bytes, np.ndarray)):
        return True
    if isinstance(obj, (Tensor, dict, np.generic)):
        return False
    return hasattr(type(obj), "__getitem__")


def infer_dtype(obj, _outer=None):
    """The dtype PyTorch infers for `obj` (promotion over every leaf)."""
    if isinstance(obj, np.ndarray):
        return check_ndarray(obj, allow_copy=True)
    if isinstance(obj, np.generic) and not isinstance(obj, (str, bytes)):
        return check_ndarray(np.asarray(obj), allow_copy=True)
    if isinstance(obj, float):
        return D.get_default_dtype()
    if isinstance(obj, bool):
        return D.bool
    if isinstance(obj, int):
        return D.int64
    if isinstance(obj, complex):
        return D.default_complex()
    if isinstance(obj, Tensor):
        return obj.dtype
    if isinstance(obj, (str, bytes)):
        raise TypeError(f"new(): invalid data type '{type_name(obj)}'")
    if is_sequence(obj):
        n = len(obj)
        if n == 0:
            return D.get_default_dtype()
        result = None
        for i in range(n):
            item = obj[i]
            if item is obj:
                raise TypeError("new(): self-referential lists are incompatible")
            d = infer_dtype(item)
            result = d if result is None else promote_types(result, d)
            if result is D.complex128:
                return result
        return result
    raise RuntimeError(f"Could not infer dtype of {type_name(obj)}")


def compute_sizes(obj):
    """The shape PyTorch reads off `obj` by following first elements."""
    sizes = []
    while is_sequence(obj):
        n = len(obj)
        sizes.append(n)
        if len(sizes) > MAX_DIMS:
            raise ValueError(f"too many dimensions '{type_name(obj)}'")
        if n == 0:
            break
        try:
            obj = obj[0]
        except Exception:
            raise ValueError(f"could not determine the shape of object type "
                             f"'{type_name(obj)}'") from None
    return sizes


def from_data(data, dtype=None):
    """An array holding `data` (scalars or nested sequences), dtype inferred if None."""
    arr = _fast(data, dtype)
    if arr is not None:
        return arr
    sizes = compute_sizes(data)
    if len(sizes) > 64:
        raise ValueError(f"numtorch supports at most 64 dimensions (NumPy's limit), got "
                         f"{len(sizes)}")
    if dtype is None:
        dtype = infer_dtype(data)
    convert = _converter(dtype)
    flat = []
    if math.prod(sizes):
        _store(data, sizes, 0, convert, flat.append)
    return fresh(quiet(np.array, flat, dtype=storage_np(dtype)).reshape(sizes))


def _store(obj, sizes, dim, convert, out):
    if dim == len(sizes):
        out(convert(obj))
        return
    if isinstance(obj, (list, tuple)):
        seq = obj
    else:
        try:
            seq = list(obj)
        except TypeError:
            raise TypeError("not a sequence") from None
    n = sizes[dim]
    if len(seq) != n:
        raise ValueError(f"expected sequence of length {n} at dim {dim} (got {len(seq)})")
    for item in seq:
        if isinstance(item, np.ndarray) and not _warned_arrays[0]:
            _warned_arrays[0] = True
            warnings.warn(_LIST_OF_ARRAYS, UserWarning, stacklevel=5)
        _store(item, sizes, dim + 1, convert, out)


def storage_np(dtype):
    """The NumPy dtype that stores `dtype` (TypeError for complex32, which NumPy lacks)."""
    if dtype.np is None:
        raise TypeError(f"numtorch has no storage for {dtype} (NumPy has no such type)")
    return dtype.np


# ---- per-leaf conversion, as PyTorch's store_scalar ----------------------------------------
def _as_double(obj):
    if isinstance(obj, float):
        return float(obj)
    t = type(obj)
    if hasattr(t, "__float__"):
        return float(obj)
    if hasattr(t, "__index__"):
        return float(operator.index(obj))
    raise TypeError(f"must be real number, not {type_name(obj)}")


def _as_complex(obj):
    if isinstance(obj, (complex, float, int)) or hasattr(type(obj), "__complex__") \
            or hasattr(type(obj), "__float__"):
        return complex(obj)
    raise TypeError(f"must be real number, not {type_name(obj)}")


def _as_long(obj):
    v = operator.index(obj)
    if not -2**63 <= v < 2**63:
        raise ValueError("Overflow when unpacking long long")
    return v


def _integral(dtype):
    info = np.iinfo(dtype.np)
    lo, hi, name, bits = int(info.min), int(info.max), dtype._name, info.bits
    unsigned = lo == 0

    def convert(obj):
        if isinstance(obj, float):
            v = float(obj)
            if v != v or v < lo or v > float(hi):
                raise RuntimeError(f"value cannot be converted to type {name} without overflow")
            v = int(v)
            return v if v <= hi else lo  # 2**63 passes the check in double, wraps as in C
        v = _as_long(obj)
        if unsigned:
            if v > hi or v < -hi:
                raise RuntimeError(f"value cannot be converted to type {name} without overflow")
            return v % (1 << bits)
        if not lo <= v <= hi:
            raise RuntimeError(f"value cannot be converted to type {name} without overflow")
        return v
    return convert


def _uint64(obj):
    if not isinstance(obj, int):
        raise TypeError("an integer is required")
    if obj < 0:
        raise OverflowError("can't convert negative int to unsigned")
    if obj >= 2**64:
        raise OverflowError("int too big to convert")
    return obj


def _as_bool(obj):
    if isinstance(obj, (float, complex, bool, np.bool_)):
        return bool(obj != 0)
    return operator.index(obj) != 0


def _converter(dtype):
    if dtype is D.bool:
        return _as_bool
    if dtype.is_complex:
        return _as_complex
    if dtype.is_floating_point:
        return _as_double
    if dtype is D.uint64:
        return _uint64
    return _integral(dtype)


# ---- the vectorised path -------------------------------------------------------------------
def _fast(data, dtype):
    """`from_data` for scalars and regular nested lists of Python numbers; None otherwise."""
    if type(data) in _PY_SCALARS or type(data) is bool:
        kind = int if type(data) is bool else type(data)
        depth = 0
    elif type(data) is list or type(data) is tuple:
        depth, x = 0, data
        while type(x) is list or type(x) is tuple:
            depth += 1
            if not x or depth > MAX_DIMS:
                return None
            x = x[0]
        if type(x) is np.ndarray:
            return _stack_arrays(data, dtype) if depth == 1 else None
        leaves = data
        try:
            for _ in range(depth - 1):
                leaves = itertools.chain.from_iterable(leaves)
            with warnings.catch_warnings():  # NumPy scalars meeting tensors may warn
                warnings.simplefilter("ignore")
                kind = type(sum(leaves))
        except Exception:  # any leaf that is not a Python number: the exact path decides
            return None
    else:
        return None
    if kind not in _PY_SCALARS or dtype is not None and (
            kind is float and dtype._cat == 1 or kind is complex and dtype._cat in (1, 2)):
        return None  # per element, in order, for PyTorch's first error
    try:
        if kind is int:
            arr = np.array(data)
            if arr.dtype.kind not in "ib" or arr.dtype.itemsize != 8 and arr.dtype.kind == "i":
                return None
        elif dtype is None:
            natural = D.get_default_dtype() if kind is float else D.default_complex()
            return _regular(quiet(np.array, data, dtype=natural.np), depth)
        else:
            arr = np.array(data, dtype=np.float64 if kind is float else np.complex128)
    except (ValueError, TypeError, OverflowError):
        return None
    arr = _regular(arr, depth)
    if arr is None or dtype is None:
        return arr
    return checked_cast(arr, dtype)


def _regular(arr, depth):
    return arr if arr.ndim == depth else None


def checked_cast(arr, dtype):
    """Cast the Python-number array `arr` to `dtype` with PyTorch's per-element checks."""
    return np.asarray(_checked_cast(arr, dtype))


def _checked_cast(arr, dtype):
    src, target = arr.dtype.kind, dtype
    if src == "b":
        return arr.astype(storage_np(target))
    if src == "c" and target is D.uint64:
        raise TypeError("an integer is required")
    if target is D.bool:
        return arr != 0 if src != "f" else (arr != 0) | np.isnan(arr)
    if src == "c" and not target.is_complex:
        raise TypeError("must be real number, not complex" if target.is_floating_point
                        else "'complex' object cannot be interpreted as an integer")
    if target._cat >= 2:
        return quiet(arr.astype, target.np)
    if target is D.uint64 and src == "f":
        raise TypeError("an integer is required")
    info = np.iinfo(target.np)
    if src == "f":
        if not np.all((arr >= info.min) & (arr <= info.max)):  # NaN fails too
            raise RuntimeError(f"value cannot be converted to type {target._name} "
                               "without overflow")
        return np.trunc(arr).astype(target.np)
    lowest = info.min if info.min else 0 if target is D.uint64 else -int(info.max)
    if arr.size and (arr.max() > info.max or arr.min() < lowest):
        if target is D.uint64:
            raise OverflowError("can't convert negative int to unsigned")
        raise RuntimeError(f"value cannot be converted to type {target._name} without overflow")
    return arr.astype(target.np)


def _stack_arrays(data, dtype):
    """A list of ndarrays of one dtype and shape, stacked (PyTorch warns that it is slow)."""
    if set(map(type, data)) != {np.ndarray} or len(set(map(_DTYPE_OF, data))) != 1 \
            or not data[0].ndim:
        return None
    natural = check_ndarray(data[0], allow_copy=True)
    try:
        arr = np.array(data)  # raises for arrays of different shapes
    except ValueError:
        return None
    if not _warned_arrays[0]:
        _warned_arrays[0] = True
        warnings.warn(_LIST_OF_ARRAYS, UserWarning, stacklevel=4)
    if dtype is None or dtype is natural:
        return arr
    return checked_cast(arr, dtype)


_DTYPE_OF = operator.attrgetter("dtype")
