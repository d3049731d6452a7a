"""PyTorch's type-promotion lattice (not NumPy's): `promote_types`.

>>> import numtorch
>>> numtorch.promote_types(numtorch.int32, numtorch.float16)
torch.float16
"""
import numpy as np

from . import _dtype as D

__all__ = ["promote_types"]

_INT_ORDER = (D.uint8, D.int8, D.int16, D.int32, D.int64)
_LIMITED = (D.uint16, D.uint32, D.uint64)
_FLOAT_RANK = {D.float16: 1, D.bfloat16: 1, D.float32: 2, D.float64: 3}
_COMPLEX_RANK = {D.complex32: 1, D.complex64: 2, D.complex128: 3}
_COMPLEX_OF_RANK = {1: D.complex32, 2: D.complex64, 3: D.complex128}
_FLOAT8 = (D.float8_e4m3fn, D.float8_e5m2)


def _rule(a, b):
    if a is b:
        return a
    if a is D.bool or b is D.bool:
        other = b if a is D.bool else a
        if other in _LIMITED or other in _FLOAT8:
            return None
        return other
    if a in _FLOAT8 or b in _FLOAT8:
        return None
    if a._cat < b._cat:
        a, b = b, a
    if a in _LIMITED or b in _LIMITED:
        if a._cat == 2 and b in _LIMITED:  # float with uint16/32/64: the float
            return a
        return None
    if a._cat == 1:  # both integers
        if {a, b} == {D.uint8, D.int8}:
            return D.int16
        return max(a, b, key=_INT_ORDER.index)
    if a._cat == 2:
        if b._cat == 1:
            return a
        if {a, b} == {D.float16, D.bfloat16}:
            return D.float32
        return max(a, b, key=_FLOAT_RANK.get)
    # a is complex
    if b._cat == 1:
        return a
    rank = _FLOAT_RANK[b] if b._cat == 2 else _COMPLEX_RANK[b]
    if b is D.bfloat16:
        rank = 2
    return _COMPLEX_OF_RANK[max(rank, _COMPLEX_RANK[a])]


_TABLE = {(a, b): _rule(a, b) for a in D.ALL for b in D.ALL}


def promote_types(type1, type2):
    """The dtype PyTorch computes in for operands of `type1` and `type2`."""
    r = _TABLE[type1, type2]
    if r is None:
        a, b = D.SCALAR_NAME[type1], D.SCALAR_NAME[type2]
        if type1 in _FLOAT8 or type2 in _FLOAT8:
            raise RuntimeError(f"Promotion for Float8 Types is not supported, attempted to "
                               f"promote {a} and {b}")
        raise RuntimeError("Promotion for uint16, uint32, uint64 types is not supported, "
                           f"attempted to promote {a} and {b}")
    return r


# ---- result types of operations: tensors, zero-dim tensors and Python numbers -------------
def _combine(higher, lower):
    """Let a lower-priority operand group raise the category only (PyTorch's rule)."""
    if higher is None:
        return lower
    if lower is None or higher.is_complex:
        return higher
    if lower.is_complex:
        return _TO_COMPLEX.get(higher, lower) if higher.is_floating_point else lower
    if higher.is_floating_point:
        return higher
    if higher is D.bool or lower.is_floating_point:
        return promote_types(higher, lower)
    return higher


_TO_COMPLEX = {D.float16: D.complex32, D.bfloat16: D.complex64, D.float32: D.complex64,
               D.float64: D.complex128}


def scalar_type(value):
    """The dtype a Python (or NumPy) number counts as in promotion."""
    if isinstance(value, (bool, np.bool_)):
        return D.bool if isinstance(value, bool) else D.get_default_dtype()
    if isinstance(value, (int, np.integer)):
        return D.int64
    if isinstance(value, (float, np.floating)):
        return D.get_default_dtype()
    if isinstance(value, (complex, np.complexfloating)):
        return D.default_complex()
    raise TypeError(f"result_type(): unsupported operand type {type(value).__name__}")


def result_type_of(dtypes, zero_dim_dtypes=(), scalars=()):
    """The dtype of an op on tensors of `dtypes`, zero-dim tensors and Python numbers."""
    dim = zero = wrapped = None
    for d in dtypes:
        dim = d if dim is None else promote_types(dim, d)
    for d in zero_dim_dtypes:
        zero = d if zero is None else promote_types(zero, d)
    for s in scalars:
        d = scalar_type(s)
        wrapped = d if wrapped is None else promote_types(wrapped, d)
    return _combine(_combine(dim, zero), wrapped)
