"""Op-table records: special functions (numtorch/_ops/special.py)."""
from op_table import (ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, binary_samples, make, record,
                      sample_values, unary_samples)

_SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-3, 0.5, -0.5, 1.0, -1.0,
            -1.5, -2.0, 2.5, 9.5, 10.0, 20.0, -20.0, 100.0, -37.25]
_REAL = tuple(d for d in ALL_DTYPES if d != "complex64")
_LIBM = {"rtol": 1e-5}  # float64 results: other math libraries, a last bit apart


def _layouts(m, dtype="float32", low=-5, high=5):
    """Transposed, strided and expanded inputs, special values, uint16, requires grad."""
    v = sample_values((2, 3), "float64", 9, low, high)
    out = [((make(m, v, dtype, layout),), {}) for layout in ("transposed", "strided",
                                                              "expanded")]
    out.append(((make(m, v[0], dtype).requires_grad_(),), {}))
    out.append(((make(m, [1, 0, 3], "uint16"),), {}))
    return out + [((make(m, _SPECIAL, d),), {}) for d in ("float32", "float64", "float16")]


def _unary(name, low=-5, high=5, extra=lambda m: [], inplace=True, **options):
    base = unary_samples(low=low, high=high)
    record(name, lambda m: base(m) + _layouts(m, low=low, high=high) + extra(m) + [((1.5,), {})],
           inplace=inplace, **options)


for _name in ("lgamma", "digamma", "i0", "sinc", "deg2rad", "rad2deg"):
    _unary(_name, **_LIBM)
_unary("signbit", inplace=False)
_unary("angle", inplace=False, extra=lambda m: [
    ((make(m, [1 + 1j, -2j, 0j, complex("nan")], "complex64"),), {}),
    ((make(m, [1 + 1j, -2 + 0.5j], "complex64").requires_grad_(),), {})])


def _logit(m):
    p = make(m, [-0.5, 0.0, 0.1, 0.25, 0.5, 0.9, 1.0, 1.5, float("nan")], "float32")
    g = make(m, [0.05, 0.3, 0.6, 0.97], "float64").requires_grad_()
    return [((p,), {"eps": 0.2}), ((p, 0.2), {}), ((p,), {"eps": -1.0}), ((p,), {"eps": 0}),
            ((p,), {"eps": "x"}), ((g,), {"eps": 0.1}), ((g,), {}),
            ((make(m, [0.1, 0.7], "float16"),), {"eps": 0.2})]


_unary("logit", low=0, high=1, extra=_logit)


def _polygamma(m):
    out = []
    for n in (0, 1, 2, 3, 5):
        for d in ("float32", "float64", "int64", "bool", "float16"):
            out.append(((n, make(m, sample_values((2, 3), d, n, -4, 6), d)), {}))
        out.append(((n, make(m, _SPECIAL, "float64")), {}))
        out.append(((n, make(m, [0.5, 1.75, 3.0], "float64").requires_grad_()), {}))
    x = make(m, [1.0, 2.0], "float32")
    return out + [((-1, x), {}), ((1.0, x), {}), ((2, make(m, [1j], "complex64")), {}),
                  ((1, make(m, [], "float32")), {}), ((2, make(m, 2.5, "float32")), {}),
                  ((1, make(m, sample_values((2, 3), "float32", 1), "float32", "transposed")),
                   {})]


record("polygamma", _polygamma, method=False)


def _mvlgamma(m):
    out = []
    for p in (1, 2, 3, 5):
        for d in ("float32", "float64", "int64"):
            out.append(((make(m, sample_values((2, 3), d, p, 3, 8), d), p), {}))
    x = make(m, [2.5, 3.0], "float64")
    return out + [((x, 0), {}), ((x, 1.5), {}), ((make(m, [1.0, 1.2, 5.0], "float32"), 3), {}),
                  ((make(m, [1j], "complex64"), 2), {}), ((x.requires_grad_(), 3), {}),
                  ((make(m, [], "float32"), 2), {}), ((make(m, 4.0, "float64"), 2), {}),
                  ((make(m, [[3.0, 4.0], [5.0, 6.0]], "float32", "transposed"), 2), {})]


record("mvlgamma", _mvlgamma, inplace=True)


def _heaviside(m):
    out = binary_samples(_REAL, scalars=(0.5,))(m)
    z = make(m, [-1.0, 0.0, 2.0, float("nan"), -0.0], "float32")
    return out + [((z, make(m, [0.5], "float32")), {}), ((z, make(m, 7.0, "float32")), {}),
                  ((make(m, [1j], "complex64"), make(m, [1j], "complex64")), {}),
                  ((z.requires_grad_(), make(m, [0.5], "float32")), {})]


record("heaviside", _heaviside, inplace=True)


def _integers(m):
    out = binary_samples(INT_DTYPES + ("bool", "float32"), low=-12, high=12, scalars=(2,))(m)
    a = make(m, [0, 0, 12, -18, 7, 2**40], "int64")
    b = make(m, [0, 5, -8, 12, 0, 2**20], "int64")
    return out + [((a, b), {}), ((b, a), {}), ((make(m, [4], "uint16"), make(m, [6], "uint16")),
                                               {}),
                  ((a, make(m, [6], "int32")), {}),
                  ((make(m, [[4, 6], [8, 9]], "int64", "transposed"), make(m, [3, 9], "int64")),
                   {})]


record("gcd", _integers, inplace=True)
record("lcm", _integers, inplace=True)


def _ldexp(m):
    out = binary_samples(_REAL, low=-4, high=4, scalars=(2,))(m)
    x = make(m, [1.5, -2.0, 0.0, float("inf")], "float32")
    e = make(m, [1, 2, -3, 4], "int64")
    return out + [((x, e), {}), ((make(m, [1.0], "float16"), make(m, [3], "int32")), {}),
                  ((make(m, [1 + 1j], "complex64"), e), {}),
                  ((x.requires_grad_(), e), {}),
                  ((make(m, [1.5, 2.0], "float64").requires_grad_(),
                    make(m, [0.5, -1.5], "float64").requires_grad_()), {})]


record("ldexp", _ldexp, inplace=True, **_LIBM)


def _nextafter(m):
    out = binary_samples(ALL_DTYPES, scalars=(1.0,))(m)
    x = make(m, [0.0, -0.0, 1.0, -1.0, float("inf"), float("nan"), 3.0], "float32")
    y = make(m, [1.0, -1.0, 1.0, 2.0, 0.0, 1.0, float("nan")], "float32")
    out += [((x, y), {}), ((y, x), {}), ((x.double(), y.double()), {})]
    out += [((x.to(getattr(m, d)), y.to(getattr(m, d))), {}) for d in ("bfloat16", "float16")]
    return out + [((make(m, [1.0, 2.0, 5.0], "float32").requires_grad_(),
                    make(m, [1.0, 3.0, 0.0], "float32").requires_grad_()), {}),
                  ((make(m, [1.0, 2.0], "float64").requires_grad_(),
                    make(m, [1.0, 3.0], "float64")), {})]


record("nextafter", _nextafter, inplace=True, rtol=0)


def _frexp(m):
    out = unary_samples(ALL_DTYPES + ("float64",), shapes=((), (0,), (5,), (2, 3)))(m)
    out += [((make(m, _SPECIAL + [1e-40, 3e38], d),), {}) for d in FLOAT_DTYPES]
    out += [((make(m, [0.3, -7.0], "float32").requires_grad_(),), {}),
            ((make(m, [[1.0, 2.0], [3.0, 4.0]], "float32", "transposed"),), {})]
    return out


record("frexp", _frexp)


def _pairs(m):
    out = []
    for d in ("float32", "float64", "int64", "bfloat16"):
        a, b = (make(m, sample_values((2, 3), d, s, 0, 4), d) for s in (1, 2))
        out.append(((a, b), {}))
    x = make(m, [1.5, -2.0], "float32")
    return out + [((x, x.double()), {}), ((x, make(m, [[1.0], [2.0]], "float32")), {}),
                  ((x, make(m, [1.0, 2.0, 3.0], "float32")), {}), ((x, 1.0), {}),
                  ((1.0, x), {}), ((make(m, 2.0, "float64"), make(m, [0.5], "float64")), {}),
                  ((make(m, [[1.0, 2.0], [3.0, 4.0]], "float32", "transposed"), x), {}),
                  ((make(m, [], "float32"), make(m, [], "float32")), {}),
                  ((make(m, [1.5, 2.0], "float64").requires_grad_(),
                    make(m, [0.5, -1.0], "float64").requires_grad_()), {})]


record("complex", _pairs, method=False)
record("polar", _pairs, method=False, **_LIBM)
