"""Op-table records: binary math (numtorch/_ops/binary.py)."""
from op_table import (ALL_DTYPES, FLOAT_DTYPES, binary_samples, make, record, sample_values)

_NO_BOOL = tuple(d for d in ALL_DTYPES if d != "bool")
_REAL = tuple(d for d in _NO_BOOL if d != "complex64")
_LIMITED = ("uint16", "uint32", "uint64")


def _limited(m):
    return [((make(m, [1, 2], d), make(m, [1, 2], d)), {}) for d in _LIMITED]


def _grads(m):
    """Operands that require grad: the autograd node's name depends on which are tensors."""
    x = make(m, [1.0, 2.0, -3.0], "float32").requires_grad_()
    y = make(m, [0.5, -2.0, 3.0], "float32").requires_grad_()
    return [((x, y), {}), ((x, 2), {}), ((x, make(m, 2.0, "float64")), {})]


def _tensors_only(dtypes=ALL_DTYPES, **options):
    """Samples of an op taking two tensors (numbers raise TypeError)."""
    def build(m):
        return (binary_samples(dtypes, scalars=(), **options)(m) + _grads(m)[:1]
                + [((make(m, [1.0], "float32"), [1.0]), {}),
                   ((make(m, [1.0], "float32"), 2.0), {}), ((2.0, make(m, [1.0], "float32")), {})])
    return build


def _complex(m):
    return [((make(m, [1 + 1j, -2], "complex64"), make(m, [1j, 3], "complex64")), {})]


def _pow(m):
    i = make(m, [0, 1, -1, 2, -3], "int64")
    return [((i, make(m, [-1, -2, -3, 0, 3], "int64")), {}), ((i, -1), {}),
            ((make(m, [2, 3], "int8"), 200), {}), ((make(m, [2], "uint8"), 9), {}),
            ((2, i), {}), ((2.5, i), {}), ((True, i), {}), ((i, True), {}),
            ((make(m, [True, False], "bool"), make(m, [True, True], "bool")), {}),
            ((make(m, [1.0, 4.0], "float32"), 0.5), {}), ((make(m, [1.0], "float32"), "a"), {}),
            ((make(m, [-2.0, 0.0, 3.0], "float64"), make(m, [0.5, -1.0, 2.0], "float64")), {}),
            ((make(m, [[1, 2], [3, 4]], "int32", "transposed"), 2), {}),
            ((make(m, [1.0, 2.0, 3.0], "float32", "strided"), 2.0), {}),
            # the gradients' conventions at a zero base or exponent
            ((make(m, [0.0, 0.0, 2.0, 0.0], "float64"),
              make(m, [0.0, 2.0, -1.0, 0.5], "float64")), {}),
            ((0, make(m, [0.0, 1.0, 2.5], "float64")), {}),
            ((make(m, [0.0, 1.5], "float64"), 0), {})]


record("pow", lambda m: binary_samples(_NO_BOOL, low=0, high=3)(m) + _pow(m) + _grads(m)
       + [((2.0, _grads(m)[0][0][0]), {})] + _limited(m), inplace=True)
record("float_power", lambda m: binary_samples(_NO_BOOL, low=0, high=3)(m) + _grads(m)
       + [((2, make(m, [1.0, -2.0], "float32")), {}),
          ((make(m, [1.0], "float32"), "a"), {}), ((make(m, [1, 2], "uint16"), 2), {})],
       inplace=True)
record("atan2", lambda m: _tensors_only(_NO_BOOL)(m) + _limited(m) + _complex(m), inplace=True)
record("arctan2", _tensors_only(_REAL), inplace=True)
record("hypot", lambda m: _tensors_only(FLOAT_DTYPES)(m) + _limited(m) + _complex(m) + [
    ((make(m, [1, 2], "int64"), make(m, [1, 2], "int64")), {})], inplace=True)
record("logaddexp", lambda m: _tensors_only(FLOAT_DTYPES)(m) + _complex(m) + [
    ((make(m, [1, 2], "int64"), make(m, [1, 2], "int64")), {}),
    ((make(m, [True], "bool"), make(m, [True], "bool")), {}),
    ((make(m, [-1000.0, 1000.0], "float64"), make(m, [-1000.0, 1000.0], "float64")), {})])
record("logaddexp2", lambda m: _tensors_only(FLOAT_DTYPES)(m) + _complex(m) + [
    ((make(m, [1, 2], "int64"), make(m, [1, 2], "int64")), {})],
       rtol=1e-2)  # PyTorch's vectorised exp2/log1p differ from libm's by an ulp


def _nans(m):
    """NaNs, and ties (whose gradient maximum/minimum split evenly)."""
    nan = float("nan")
    return [((make(m, [nan, 1.0, nan], "float32"), make(m, [1.0, nan, nan], "float32")), {}),
            ((make(m, [1.0, 2.0, 3.0], "float64"), make(m, [1.0, 0.0, 3.0], "float64")), {})]


for _name in ("maximum", "minimum", "fmax", "fmin"):
    record(_name, lambda m: _tensors_only(_REAL)(m) + _limited(m) + _complex(m) + _nans(m)
           + [((make(m, [True, False], "bool"), make(m, [False, False], "bool")), {})])
record("copysign", lambda m: binary_samples(_REAL)(m) + _grads(m) + _complex(m)
       + [((2, make(m, [1.0], "float32")), {}), ((make(m, [1.0, 2.0], "float32"), -0.0), {}),
          ((make(m, [0.0, -0.0, 2.0], "float64"), make(m, [-1.0, 1.0, -0.0], "float64")), {})]
       + _limited(m), inplace=True)
record("xlogy", lambda m: binary_samples(_REAL, low=0)(m) + _grads(m) + _complex(m) + [
    ((2, _grads(m)[0][0][0]), {}),
    ((make(m, [0.0, 0.0, 1.0], "float32"), make(m, [float("nan"), 0.0, 0.0], "float32")), {})],
       inplace=True)


def _lerp(m):
    out = []
    for dtype in FLOAT_DTYPES + ("complex64",):
        x = make(m, sample_values((2, 3), dtype, 1), dtype)
        y = make(m, sample_values((2, 3), dtype, 2), dtype)
        w = make(m, sample_values((3,), dtype, 3, 0, 1), dtype)
        out += [((x, y, 0.3), {}), ((x, y, 0.7), {}), ((x, y, w), {}), ((x, y, 2), {})]
    x = make(m, [1.0, 2.0, -3.0], "float32")
    gx, gy = _grads(m)[0][0]
    return out + [
        ((x, make(m, [1.0], "float64"), 0.5), {}), ((x, x, make(m, 0.5, "float64")), {}),
        ((x, x, make(m, [0.5, 0.2, 0.1], "float64")), {}),
        ((make(m, [1, 2], "int64"), make(m, [1, 2], "int64"), 0.5), {}),
        ((x, 1.0, 0.5), {}), ((x, x, "a"), {}), ((x, x, True), {}),
        ((x, make(m, [[1.0], [2.0]], "float32"), 0.5), {}),
        ((x, make(m, [[1.0], [2.0]], "float32"), x), {}),
        ((gx, gy, 0.5), {}), ((gx, gy, gy), {}), ((x, x, gy), {}), ((x, x, 1 + 1j), {}),
        ((make(m, [1j, 2], "complex64"), make(m, [3, 1j], "complex64"), 0.5 + 1j), {}),
        ((make(m, 1.0, "float32"), make(m, 2.0, "float32"), make(m, 0.3, "float32")), {})]


record("lerp", _lerp, inplace=True)


def _where(m):
    out = []
    cond = make(m, sample_values((2, 3), "bool", 7), "bool")
    for dtype in ALL_DTYPES:
        x = make(m, sample_values((2, 3), dtype, 1), dtype)
        y = make(m, sample_values((3,), dtype, 2), dtype)
        out += [((cond, x, y), {}), ((cond, x, 2), {}), ((cond, 2.5, x), {})]
    x = make(m, [1.0, 2.0, -3.0], "float32")
    i = make(m, [7, -7, 5], "int64")
    b = make(m, [True, False, True], "bool")
    gx, gy = _grads(m)[0][0]
    return out + [
        ((b, 2, 3), {}), ((b, 2, 3.0), {}), ((b, True, 2), {}), ((b, i, x), {}),
        ((b, x, make(m, 1.0, "float64")), {}), ((b, gx, gy), {}), ((b, gx, 2), {}),
        ((make(m, [[True], [False]], "bool"), x, i), {}), ((i, i, i), {}),
        ((make(m, [1, 0, 1], "uint8"), i, i), {}), ((b, x, make(m, [1.0, 2.0], "float32")), {}),
        ((b, make(m, [], "float32"), 1.0), {}), ((True, x, x), {}), ((b, i), {}),
        ((b,), {}), ((make(m, [[1.0, 0.0], [2.0, 3.0]], "float32"),), {}),
        ((make(m, True, "bool"),), {}), ((make(m, [[0, 0, 0]], "int64"),), {})]


record("where", _where)
