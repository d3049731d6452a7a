"""Op-table records: arithmetic (numtorch/_ops/arithmetic.py)."""
from op_table import (ALL_DTYPES, INT_DTYPES, binary_samples, make, record, sample_values,
                      unary_samples)

_NO_BOOL = tuple(d for d in ALL_DTYPES if d != "bool")
_REAL = tuple(d for d in _NO_BOOL if d != "complex64")
_LIMITED = ("uint16", "uint32", "uint64")


def _limited(m, *other):
    """uint16/32/64 operands: PyTorch's 'limited support' dtypes."""
    return [((make(m, [1, 2], d), make(m, [1, 2], d)) + other, {}) for d in _LIMITED]


def _alpha(m):
    x = make(m, sample_values((2, 3), "float32", 1), "float32")
    i = make(m, sample_values((2, 3), "int64", 2), "int64")
    b = make(m, [True, False], "bool")
    return [((x, x), {"alpha": 2}), ((x, x), {"alpha": 0.5}), ((i, i), {"alpha": 2}),
            ((i, i), {"alpha": 0.5}), ((i, 1000), {}), ((i, i), {"alpha": True}),
            ((b, b), {"alpha": True}), ((x, 2), {"alpha": -1.5})]


def _wraps(m):
    """Python integers wrap into the tensor's dtype."""
    return [((make(m, [1, 200], "uint8"), 300), {}), ((make(m, [1, -7], "int64"), 2**63), {}),
            ((make(m, [100, -7], "int8"), 1000), {}), ((make(m, [1, 5], "uint8"), 255), {})]


def _bool_sub(m):
    b = make(m, [True, False], "bool")
    i = make(m, [1, 2], "int64")
    return [((b, 1), {}), ((b, True), {}), ((i, True), {}), ((b, i), {}), ((b, 1.5), {})]


def _real_binary(m):
    """Binary samples without complex operands: PyTorch checks an in-place result type
    before the kernel's dtype, numtorch after (see the registry)."""
    return [s for s in binary_samples(_REAL, low=1)(m)
            if not any(getattr(a, "dtype", None) == m.complex64 for a in s[0])]


def _divisions(m, with_zero=True):
    """Integer division by zero, signs, bool and complex operands."""
    i = make(m, [7, -7, 5, -5], "int64")
    j = make(m, [2, 2, -3, -3], "int32")
    z = make(m, [1, 0, 2, 3], "int64")
    f = make(m, [7.5, -7.5, 5.0, -0.0], "float32")
    out = [((i, j), {}), ((i, -3), {}), ((f, -2.5), {}), ((f, make(m, [0.0, 2, -2, 0], "float32")),
                                                         {}),
           ((i, 2.5), {}), ((make(m, [True, False], "bool"), make(m, [True, True], "bool")), {}),
           ((make(m, [1 + 1j, 2], "complex64"), 2), {}),
           ((make(m, [100, -100], "int8"), 7), {}), ((make(m, [200, 7], "uint8"), 7), {})]
    if with_zero:
        out += [((i, 0), {}), ((i, z), {}), ((i, False), {}), ((f, 0), {})]
    return out + _limited(m)


record("add", lambda m: binary_samples()(m) + _alpha(m) + _wraps(m) + _limited(m),
       inplace=True)
record("sub", lambda m: binary_samples(_NO_BOOL)(m) + _alpha(m)[:5] + _wraps(m) + _bool_sub(m)
       + _limited(m), inplace=True)
record("subtract", lambda m: binary_samples(_NO_BOOL)(m) + _alpha(m)[:5] + _bool_sub(m),
       inplace=True)
record("rsub", lambda m: binary_samples(_NO_BOOL, scalars=(2, 2.5))(m) + _alpha(m)[:5]
       + _bool_sub(m) + [((3, make(m, [1.0], "float32")), {})], method=False)
record("mul", lambda m: binary_samples()(m) + _wraps(m), inplace=True)
record("multiply", binary_samples(), inplace=True)
record("div", lambda m: binary_samples(low=1)(m) + _divisions(m, with_zero=False) + [
    ((make(m, [7, -7, 5], "int64"), 2), {"rounding_mode": "floor"}),
    ((make(m, [7, -7, 5], "int64"), 2), {"rounding_mode": "trunc"}),
    ((make(m, [7, -7, 5], "int64"), 0), {"rounding_mode": "trunc"}),
    ((make(m, [7, -7, 5], "int64"), make(m, [0, 1, 1], "int64")), {"rounding_mode": "floor"}),
    ((make(m, [7.5, -7.5, 1.0], "float32"), 2), {"rounding_mode": "trunc"}),
    ((make(m, [7.5, -7.5, 1.0], "float32"), 0.0), {}),
    ((make(m, [True, False], "bool"), True), {"rounding_mode": "floor"}),
    ((make(m, [1 + 1j], "complex64"), 2), {"rounding_mode": "trunc"}),
    ((make(m, [1.0], "float32"), 2), {"rounding_mode": "bad"}),
    ((make(m, [1.0], "float32"), 2), {"rounding_mode": 3}),
    ((make(m, [1.0], "float32"), 2), {"rounding_mode": None}),
    ((make(m, [7.5, -7.5], "float64"), make(m, [2.0, -2.0], "float64")),
     {"rounding_mode": "floor"}),
    ((make(m, [7.5, -7.5], "complex128"), make(m, [2.0, 1j], "complex128")),
     {"rounding_mode": None})],
       inplace=True)
record("divide", lambda m: binary_samples(low=1)(m) + [
    ((make(m, [7, -7, 5], "int16"), 2), {"rounding_mode": "floor"}),
    ((make(m, [7, -7, 5], "int8", "strided"), -2), {"rounding_mode": "trunc"})], inplace=True)
record("true_divide", binary_samples(low=1), inplace=True)
record("floor_divide", lambda m: _real_binary(m) + _divisions(m),
       inplace=True)
record("remainder", lambda m: _real_binary(m) + _divisions(m) + [
    ((2, make(m, [1.5, -2.0], "float32")), {})], inplace=True)
record("fmod", lambda m: _real_binary(m) + _divisions(m) + [
    ((2, make(m, [1.5, -2.0], "float32")), {})], inplace=True)
record("neg", lambda m: unary_samples(_NO_BOOL)(m) + [
    ((make(m, [True], "bool"),), {}), ((make(m, [1, 2], "uint16"),), {}), ((2,), {})],
       inplace=True)
record("negative", unary_samples(_NO_BOOL + INT_DTYPES[:1]), inplace=True)
