"""PyTorch's type-promotion lattice (not NumPy's): `promote_types`.

>>> import numtorch
>>> numtorch.promote_types(numtorch.int32, numtorch.float16)
torch.float16
"""
import numpy as np

from . import _dtype as D

__all__ = ["promote_types", "result_type", "can_cast"]

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


# ---- the public queries: result_type, can_cast ----------------------------------------------
_NUMBERS = (bool, int, float, complex, np.bool_, np.number)
_RESULT_KEYWORDS = (("tensor", "other"), ("scalar", "tensor"), ("scalar1", "scalar2"))


def _parser_name(x):
    if _is_tensor(x):
        return "Tensor"
    return "torch.dtype" if isinstance(x, D.dtype) else type(x).__name__


def _is_tensor(x):
    return isinstance(getattr(x, "dtype", None), D.dtype) and hasattr(x, "ndim")


def result_type(*args, **kwargs):
    """The dtype of an arithmetic op on `tensor` and `other` (tensors or numbers), by
    PyTorch's rules: `result_type(tensor, other)`."""
    values = list(args)
    for names in _RESULT_KEYWORDS:
        if len(args) < 2 and sorted(kwargs) == sorted(names[len(args):]):
            values += [kwargs[n] for n in names[len(args):]]
            break
    if len(values) != 2 or len(args) + len(kwargs) != 2 or \
            not all(_is_tensor(v) or isinstance(v, _NUMBERS) for v in values):
        got = [_parser_name(v) for v in args] + [f"{k}={_parser_name(v)}" for k, v in
                                                 kwargs.items()]
        raise TypeError(f"result_type() received an invalid combination of arguments - got "
                        f"({', '.join(got)}), but expected one of:")
    tensors = [v for v in values if _is_tensor(v)]
    return result_type_of([t.dtype for t in tensors if t.ndim],
                          [t.dtype for t in tensors if not t.ndim],
                          [v for v in values if not _is_tensor(v)])


_MISSING = object()


def can_cast(from_=_MISSING, to=_MISSING):
    """Whether PyTorch's type promotion allows casting dtype `from_` to dtype `to` (no
    complex to real, floating to integral, or non-bool to bool)."""
    missing = [n for n, v in (("from_", from_), ("to", to)) if v is _MISSING]
    if missing:
        raise TypeError(f"can_cast() missing {len(missing)} required positional arguments: "
                        + ", ".join(f'"{n}"' for n in missing))
    for position, (name, value) in enumerate((("from_", from_), ("to", to)), 1):
        if not isinstance(value, D.dtype):
            raise TypeError(f"can_cast(): argument '{name}' (position {position}) must be "
                            f"torch.dtype, not {_parser_name(value)}")
    return from_._cat <= to._cat
