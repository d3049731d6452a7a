"""Op-table records: comparisons, closeness, logical and bitwise ops
(numtorch/_ops/comparison.py)."""
from op_table import ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, binary_samples, make, record

_REAL = tuple(d for d in ALL_DTYPES if d != "complex64")
_LIMITED = ("uint16", "uint32", "uint64")


def _limited(m, other=None):
    return [((make(m, [1, 2], d), make(m, [1, 2], d) if other is None else other), {})
            for d in _LIMITED]


def _edges(m):
    """Python numbers wrap into the tensor's dtype before comparing, as in PyTorch."""
    nan = float("nan")
    return [((make(m, [1, 2], "int8"), 1000), {}), ((make(m, [255, 1], "uint8"), -1), {}),
            ((make(m, [1, 2], "uint8"), 257), {}), ((make(m, [7, -7], "int64"), 2**63), {}),
            ((make(m, [1.5, nan], "float32"), 1.5), {}),
            ((make(m, [1.5, 2], "complex64"), 1.5 + 0j), {}),
            ((make(m, [True, False], "bool"), 0.5), {}), ((2, make(m, [1.0], "float32")), {}),
            ((make(m, [1.0], "float32"), "a"), {}),
            ((make(m, [1.0, 2.0], "float32"), make(m, [1.0, 2.0, 3.0], "float32")), {}),
            ((make(m, [1.0, 2.0], "float32").requires_grad_(), 1.0), {}),
            ((make(m, [1.0, 2.0], "float32").requires_grad_(), make(m, [1.0, 0.0], "float32")),
             {}),
            ((make(m, [1.0, 2.0], "float32"), make(m, [1.0, 0.0], "float32").requires_grad_()),
             {})]


for _name in ("eq", "ne", "not_equal"):
    record(_name, lambda m: binary_samples()(m) + _edges(m) + _limited(m) + [
        ((make(m, [1.5, 2], "float32"), 1.5 + 0j), {})], inplace=True)
for _name in ("lt", "le", "gt", "ge", "less", "less_equal", "greater", "greater_equal"):
    record(_name, lambda m: binary_samples(_REAL)(m) + _edges(m) + _limited(m) + [
        ((make(m, [1 + 1j], "complex64"), 1), {})], inplace=True)


def _pairs(m):
    """Pairs of tensors for equal/isclose/allclose."""
    nan, inf = float("nan"), float("inf")
    out = []
    for dtype in ALL_DTYPES:
        x = make(m, [1, 0, 1, 2] if dtype != "bool" else [True, False, True, True], dtype)
        y = make(m, [1, 0, 0, 2] if dtype != "bool" else [True, False, False, True], dtype)
        out += [((x, x), {}), ((x, y), {})]
    f = make(m, [1.0, nan, inf, -inf, 1e-9], "float32")
    g = make(m, [1.0 + 1e-6, nan, inf, inf, 0.0], "float32")
    return out + [
        ((f, g), {}), ((f, g), {"equal_nan": True}), ((f, g), {"rtol": 0, "atol": 0}),
        ((f, g), {"atol": inf}), ((make(m, [1, 2], "int64"), make(m, [1.0, 2.0], "float32")), {}),
        ((make(m, [1, 5], "int64"), make(m, [2, 6], "int64")), {"atol": 1}),
        ((make(m, [1, 5], "int64"), make(m, [2, 6], "int64")), {"rtol": 0.2, "atol": 0}),
        ((make(m, [True], "bool"), make(m, [False], "bool")), {"atol": 1}),
        ((f, g), {"rtol": -1}), ((f, g), {"atol": -1}),
        ((make(m, [1.0, 2.0], "float32"), make(m, [1.0, 2.0, 3.0], "float32")), {}),
        ((make(m, [[1.0, 2.0]], "float32"), make(m, [1.0, 2.0], "float32")), {}),
        ((make(m, [1.0, 2.0], "float32"), 2), {}),
        ((make(m, [1.0, 2.0], "float16"), make(m, [1.0, 2.001], "float16")), {}),
        ((make(m, [1, 2], "uint16"), make(m, [1, 2], "uint16")), {})]


def _no_kwargs(build):
    return lambda m: [s for s in build(m) if not s[1]]


record("equal", _no_kwargs(_pairs))
record("isclose", _pairs)
record("allclose", _pairs)


def _logical(m):
    f = make(m, [1.0, 0.0, -2.0], "float32")
    g = make(m, [1.0, 0.0, -2.0], "float32").requires_grad_()
    return [((g, f), {}), ((f, g), {}), ((f, make(m, [3, 0, 0], "int64")), {}), ((f, 0), {}),
            ((f, 1.0), {}), ((1, f), {}),
            ((f, make(m, [1j, 0, 1], "complex64")), {}),
            ((make(m, [True, False, True], "bool"), f), {})] + _limited(m)


for _name in ("logical_and", "logical_or", "logical_xor"):
    record(_name, lambda m: binary_samples(scalars=())(m) + _logical(m), inplace=True)


def _bitwise(m):
    i = make(m, [7, -7, 5], "int64")
    return [((i, 3.0), {}), ((make(m, [1.5], "float32"), 1), {}),
            ((make(m, [1.5], "bfloat16"), 1), {}),
            ((make(m, [True, False], "bool"), 1.0), {}), ((3, i), {})]


def _shifts(m):
    i = make(m, [7, -7, 5], "int64")
    return [((i, make(m, [-1, 64, 63], "int64")), {}), ((i, 70), {}), ((i, -1), {}),
            ((make(m, [200, 1, 7], "uint8"), 9), {}), ((make(m, [-100, 64, 1], "int8"), 7), {}),
            ((make(m, [-100, 64, 1], "int8"), 8), {}), ((2, i), {}),
            ((make(m, [True], "bool"), make(m, [True], "bool")), {})]


for _name in ("bitwise_and", "bitwise_or", "bitwise_xor"):
    record(_name, lambda m: binary_samples(("bool",) + INT_DTYPES, low=-100, high=100,
                                           scalars=(2, True, -3))(m)
           + _bitwise(m) + _limited(m), inplace=True)
for _name in ("bitwise_left_shift", "bitwise_right_shift"):
    record(_name, lambda m: binary_samples(INT_DTYPES, low=0, high=7, scalars=(2, 0))(m)
           + _shifts(m) + _bitwise(m) + _limited(m) + [
               ((make(m, [1.0], f), 1), {}) for f in FLOAT_DTYPES], inplace=True)
