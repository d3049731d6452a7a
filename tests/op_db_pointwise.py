"""Op-table records: unary pointwise ops (numtorch/_ops/pointwise.py)."""
from op_table import ALL_DTYPES, make, record, sample_values, unary_samples

_SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-3, 0.5, -0.5, 1.0, -1.0,
            20.0, -20.0, 100.0]
_NO_BOOL = tuple(d for d in ALL_DTYPES if d != "bool")


def _grad(m, values, dtype="float32"):
    return make(m, values, dtype).requires_grad_()


def _extra(dtype="float32", low=-5, high=5):
    """Layouts (transposed, strided, expanded), special values, uint16 and a tensor that
    requires grad, for a unary op whose float inputs are in [low, high]."""
    def build(m):
        v = sample_values((2, 3), "float64", 9, low, high)
        out = [((make(m, v, dtype, layout),), {}) for layout in ("transposed", "strided",
                                                                  "expanded")]
        out.append(((_grad(m, v[0], dtype),), {}))
        out.append(((make(m, [1, 0, 3], "uint16"),), {}))
        return out + [((make(m, _SPECIAL, d),), {}) for d in ("float32", "float64", "float16")]
    return build


def _int_edges(m):
    return [((make(m, [-128, 127, 0, -1], "int8"),), {}), ((make(m, [0, 255, 7], "uint8"),), {}),
            ((make(m, [-2**63, 2**63 - 1, 0], "int64"),), {})]


def _unary(name, low=-5, high=5, more=lambda m: [], **options):
    samples, extra = unary_samples(low=low, high=high), _extra(low=low, high=high)
    record(name, lambda m: samples(m) + extra(m) + _int_edges(m) + more(m) + [((1.5,), {})],
           inplace=True, **options)


# NumPy's and PyTorch's libms differ by an ulp now and then: float64 results of these are
# compared to float32's tolerance (float16/bfloat16 results round the same way in both)
_LIBM = {"rtol": 1e-5}
for _name in ("reciprocal", "sqrt", "rsqrt", "exp", "exp2", "expm1", "log", "log2", "log10",
              "log1p", "sin", "cos", "tan", "atan", "arctan", "sinh", "cosh", "tanh", "asinh",
              "arcsinh", "acosh", "arccosh", "sigmoid"):
    _unary(_name, **_LIBM)
for _name in ("asin", "arcsin", "acos", "arccos", "atanh", "arctanh"):
    _unary(_name, low=-1, high=1, **_LIBM)
_unary("erf", low=-3, high=3, **_LIBM)
_unary("erfc", low=-3, high=3, **_LIBM)
_unary("erfinv", low=-1, high=1, **_LIBM)
for _name in ("abs", "absolute", "sign", "sgn", "floor", "ceil", "trunc", "fix", "frac", "relu",
              "square", "logical_not", "bitwise_not"):
    _unary(_name)
for _name in ("isnan", "isinf", "isfinite", "isposinf", "isneginf"):
    record(_name, lambda m: unary_samples()(m) + _extra()(m))
record("positive", lambda m: [((make(m, [1, -2], d),), {}) for d in ALL_DTYPES + ("uint16",)]
       + [((_grad(m, [1.0, -2.0]),), {}), ((2,), {})])


record("round", lambda m: unary_samples(low=-3, high=3)(m) + _extra()(m) + [
    ((make(m, [0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 1.005, 1234.5678], d),), {"decimals": k})
    for d in ("float32", "float64") for k in (0, 1, 2, -1, -2)] + [
    ((make(m, [15, 25], "int64"),), {"decimals": 1}),
    ((make(m, [15, 25], "int64"),), {"decimals": 0}),
    ((make(m, [True], "bool"),), {"decimals": 1}),
    ((_grad(m, [0.25, 1.5]),), {"decimals": 1}),
    ((_grad(m, [0.25, 1.5]),), {"decimals": 0})], inplace=True)


def _nan_to_num(m):
    x = make(m, _SPECIAL, "float32")
    return [((x,), {"nan": 1.5}), ((x, 1.0, 2.0, -2.0), {}), ((x,), {"posinf": 1e300}),
            ((make(m, _SPECIAL, "float16"),), {"posinf": 1e10, "neginf": -7}),
            ((make(m, [complex(float("nan"), float("inf")), 1 - 1j], "complex64"),), {}),
            ((make(m, [1, 2], "int64"),), {"nan": 1.5}),
            ((make(m, _SPECIAL, "bfloat16"),), {})]


def _clamp(m):
    x = make(m, sample_values((2, 3), "float32", 1), "float32")
    i = make(m, sample_values((2, 3), "int64", 2), "int64")
    lo = make(m, sample_values((2, 3), "float32", 3), "float32")
    row = make(m, [-1.0, 0.0, 1.0], "float32")
    b = make(m, [True, False], "bool")
    u = make(m, [1, 2], "uint16")
    nan = float("nan")
    out = [((make(m, sample_values((2, 3), d, 4), d), -2, 3), {}) for d in _NO_BOOL]
    out += [((x, -1.5, 2.5), {}), ((x,), {"min": 0.5}), ((x,), {"max": 0.5}), ((x, 3.0, 1.0), {}),
            ((x, nan, 1.0), {}), ((i, 0.5, 2.5), {}), ((i, -2, 2), {}), ((x, lo), {}),
            ((x, lo, lo + 1), {}), ((x, None, row), {}), ((x, row, None), {}),
            ((i, make(m, [1, 2, 3], "float16")), {}), ((b, 0, 1), {}), ((b, False, True), {}),
            ((b, b), {}), ((b, b, b), {}), ((u, 1, 2), {}), ((u, 0.5), {}), ((u, u), {}),
            ((u, None, u), {}), ((u, u, u), {}), ((x,), {}), ((x, lo, 2.0), {}),
            ((x, make(m, [1.0, 2.0, 3.0, 4.0], "float32")), {}), ((2.0, 1), {}),
            ((make(m, [1j, 2], "complex64"), 0), {}), ((_grad(m, [0.5, 3.0]), 0, 1), {}),
            ((_grad(m, [0.5, 3.0]), make(m, [1.0, 1.0], "float32")), {}),
            ((_grad(m, [0.5, 3.0]), None, make(m, [1.0, 1.0], "float32")), {}),
            ((make(m, sample_values((2, 3), "float32", 5), "float32", "transposed"), 0, 1), {}),
            ((make(m, [], "float32"), 0, 1), {}), ((make(m, 2.5, "float32"), 0, 1), {}),
            ((make(m, [1, 5], "int8"), -1000, 1000), {}), ((make(m, [1, 5], "uint8"), -1), {}),
            ((x, 1e300), {}), ((make(m, [1.0], "float64"), 1e300), {})]
    return out


def _clamp_one(kw):
    def build(m):
        x = make(m, sample_values((2, 3), "float32", 1), "float32")
        i = make(m, sample_values((2, 3), "int64", 2), "int64")
        b = make(m, [True, False], "bool")
        u = make(m, [1, 2], "uint16")
        t = make(m, [-1.0, 0.0, 1.0], "float32")
        return [((x, 0.5), {}), ((i, 1), {}), ((i, 0.5), {}), ((x, t), {}), ((b, True), {}),
                ((b, b), {}), ((u, 1), {}), ((u, u), {}), ((make(m, [1j], "complex64"), 0), {}),
                ((_grad(m, [0.5, 3.0]), 1), {}), ((_grad(m, [0.5, 3.0]), t[:2]), {}),
                ((x,), {kw: 0.5}), ((make(m, [], "float32"), 0), {})]
    return build


_unary("nan_to_num", more=_nan_to_num)
record("clamp", _clamp, inplace=True)
record("clip", _clamp, inplace=True)
record("clamp_min", _clamp_one("min"), inplace=True)
record("clamp_max", _clamp_one("max"), inplace=True)
