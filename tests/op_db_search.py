"""Op-table records: searching and counting (numtorch/_ops/search.py)."""
from op_table import ALL_DTYPES, make, record, sample_values

_NAN = float("nan")


def _searchsorted(m):
    s = make(m, [1, 3, 5, 7, 9], "int64")
    v = make(m, [[3, 6, 9], [3, 6, 9]], "int64")
    b2 = make(m, [[1, 3, 5], [2, 4, 6]], "float32")
    out = [((s, v), {}), ((s, v), {"right": True}), ((s, v), {"side": "right"}),
           ((s, v), {"side": "left", "right": True}), ((s, v), {"side": "x"}),
           ((s, v), {"out_int32": True}), ((s, 5), {}), ((s, 5.5), {}),
           ((s, make(m, 4, "int64")), {}), ((s, v.float()), {}),
           ((b2, make(m, [[2.0, 6.0], [1.0, 7.0]], "float32")), {}),
           ((b2, make(m, [[2.0], [3.0], [4.0]], "float32")), {}), ((b2, 1), {}),
           ((make(m, 1, "int64"), v), {}),
           ((make(m, [3, 1, 2], "int64"), make(m, [2, 0, 5], "int64")),
            {"sorter": make(m, [1, 2, 0], "int64")}),
           ((s, v), {"sorter": make(m, [0], "int64")}),
           ((s, v), {"sorter": make(m, [0, 1, 2, 3, 4], "int32")}),
           ((make(m, [1j], "complex64"), make(m, [1j], "complex64")), {}),
           ((make(m, [0.0, 1.0, 2.5], "float64"), make(m, [_NAN, 2.5, -1.0], "float64")), {}),
           ((make(m, [0.0, 1.0, 2.5], "float16"), make(m, [[1.0, 2.6]], "float16", "strided")),
            {"right": True}),
           ((s, make(m, [], "int64")), {}), ((s, make(m, [1, 9], "uint8")), {})]
    return out + [((make(m, sorted(sample_values((6,), d, 3)), d),
                    make(m, sample_values((2, 3), d, 4), d)), {}) for d in ALL_DTYPES[:-1]]


def _bucketize(m):
    s = make(m, [1, 3, 5, 7, 9], "int64")
    v = make(m, [[3, 6, 9], [3, 6, 9]], "int64")
    return [((v, s), {}), ((v, s), {"right": True}), ((v, s), {"out_int32": True}), ((3, s), {}),
            ((v.double(), s), {}), ((v, make(m, [[1]], "int64")), {}),
            ((make(m, [2.5, _NAN], "float32"), make(m, [1.0, 2.5], "float32")), {}),
            ((make(m, 4, "int64"), s), {"right": True}), ((v, 3), {})]


def _isin(m):
    v = make(m, [[3, 6, 9], [1, 2, 3]], "int64")
    s = make(m, [1, 3, 5, 7, 9], "int64")
    f = make(m, [_NAN, 1.0, 2.5, -0.0], "float32")
    return [((v, s), {}), ((v, 3), {}), ((3, s), {}), ((v.float(), s), {}),
            ((v, s), {"invert": True}), ((v, s), {"assume_unique": True}),
            ((f, make(m, [_NAN, 0.0, 1.0], "float64")), {}),
            ((make(m, [1j], "complex64"), s), {}), ((make(m, [], "int64"), s), {}),
            ((make(m, 2, "int64"), s), {}), ((make(m, [True, False], "bool"), s), {}),
            ((make(m, [[1, 2], [3, 4]], "int64", "transposed"), s), {})]


def _bincount(m):
    x = make(m, [0, 1, 1, 3], "int64")
    w = make(m, [0.5, 1.0, 1.0, 2.0], "float32")
    return [((x,), {}), ((x, w), {}), ((x,), {"minlength": 6}), ((x, None, 2), {}),
            ((make(m, [-1], "int64"),), {}), ((make(m, [1.0], "float32"),), {}),
            ((make(m, [[1]], "int64"),), {}), ((x,), {"minlength": -1}),
            ((make(m, [], "int64"),), {}), ((make(m, [], "int64"),), {"minlength": 3}),
            ((x, w.double()), {}), ((x, make(m, [1, 1, 1, 2], "int64")), {}),
            ((make(m, [0, 1, 1, 3], "uint8"), w.half()), {}), ((x, w[:2]), {}),
            ((make(m, [True], "bool"),), {}), ((make(m, [4, 0, 2], "int32", "strided"),), {})]


def _histc(m):
    x = make(m, sample_values((3, 4), "float32", 1), "float32")
    return [((x,), {}), ((x, 4), {}), ((x,), {"bins": 5, "min": -2, "max": 2}),
            ((x, 3, 1.5, 1.5), {}), ((make(m, [1.0, 1.0], "float32"), 2), {}),
            ((make(m, [1, 2], "int64"),), {}), ((x, 0), {}), ((x, 3, 3, 1), {}),
            ((make(m, [1.0, float("inf")], "float32"), 3), {}),
            ((make(m, [], "float32"), 2), {}), ((x.double(), 7), {}),
            ((make(m, [0.0, 0.25, 0.5, 0.75, 1.0], "float64"), 4), {}),
            ((make(m, [0.0, 0.1, 0.2, 0.3, 0.7, 1.0], "float32"), 10), {}),
            ((make(m, [[1.0, 2.0], [3.0, 4.0]], "float32", "transposed"), 3), {}),
            ((make(m, 2.5, "float64"), 2), {}), ((make(m, [1.0, 2.0], "float16"), 2), {})]


def _kthvalue(m):
    x = make(m, [[3.0, 1.0, 2.0, 1.0], [5.0, 5.0, 5.0, 5.0]], "float32")
    ties = make(m, [2, 1, 2, 1, 2, 1, 2, 2, 1, 1, 2, 1], "int64")
    out = [((x, 2), {}), ((x, 1, 0), {}), ((x, 2, 1, True), {}), ((x, 5), {}), ((x, 0), {}),
           ((make(m, 3.0, "float32"), 1), {}), ((x.int(), 1, 0, True), {}),
           ((x.bool(), 1), {}), ((make(m, [1j], "complex64"), 1), {}),
           ((make(m, [[], []], "float32"), 1), {}), ((make(m, [[], []], "float32").t(), 1), {}),
           ((ties, 4), {}), ((ties, 7), {}), ((ties, 12), {}),
           ((make(m, [_NAN, 1.0, _NAN, 0.0, 2.0], "float64"), 4), {}),
           ((make(m, [_NAN, 1.0, _NAN, 0.0, 2.0], "float64"), 2), {}),
           ((x.requires_grad_(), 2), {}), ((x, 1.5), {}),
           ((make(m, sample_values((3, 5), "float32", 2), "float32", "transposed"), 2, 0), {})]
    return out + [((make(m, sample_values((3, 7), d, 5, -2, 2), d), 3), {})
                  for d in ("uint8", "int8", "int16", "int32", "float16", "bfloat16", "float64")]


def _logcumsumexp(m):
    x = make(m, sample_values((2, 3), "float32", 1), "float32")
    return [((x, 0), {}), ((x, 1), {}), ((x, -1), {}), ((make(m, [1, 2], "int64"), 0), {}),
            ((make(m, [True], "bool"), 0), {}), ((make(m, 1.5, "float32"), 0), {}),
            ((make(m, [], "float32"), 0), {}), ((x, 2), {}),
            ((make(m, [-float("inf"), 0.0, float("inf"), _NAN], "float32"), 0), {}),
            ((x.double().requires_grad_(), 1), {}), ((x.half(), 1), {}),
            ((make(m, sample_values((2, 3), "float64", 2), "float64", "transposed"), 0), {}),
            ((make(m, [-1000.0, 1000.0, -1000.0], "float64"), 0), {})]


record("searchsorted", _searchsorted, method=False)
record("bucketize", _bucketize, method=False)
record("isin", _isin, method=False)
record("bincount", _bincount)
record("histc", _histc)
record("kthvalue", _kthvalue)
record("logcumsumexp", _logcumsumexp)


def _unique_consecutive(m):
    x = make(m, [1, 1, 2, 2, 3, 1, 1], "int64")
    f = make(m, [_NAN, _NAN, 1.0, 1.0, -0.0, 0.0], "float32")
    g = make(m, [[1.0, 1.0, 2.0], [1.0, 1.0, 3.0]], "float64")
    out = [((make(m, [1.0, 2.0, 3.0], "float64"),), {}),  # first: gradcheck (no run to merge)
           ((x,), {}), ((x,), {"return_inverse": True}), ((x,), {"return_counts": True}),
           ((x,), {"return_inverse": True, "return_counts": True}),
           ((f,), {"return_counts": True}), ((g,), {"dim": 1, "return_inverse": True}),
           ((g,), {"dim": 0, "return_counts": True}), ((g.requires_grad_(),), {}),
           ((g,), {"return_inverse": True, "return_counts": True, "dim": -1}),
           ((g.t(),), {"dim": 0}), ((make(m, [], "float32"),), {"return_inverse": True}),
           ((make(m, 2.0, "float32"),), {"return_inverse": True, "return_counts": True}),
           ((make(m, [[1, 1], [2, 2]], "int64", "transposed"),), {"return_inverse": True}),
           ((make(m, [1j, 1j], "complex64"),), {}), ((x,), {"dim": 1}),
           ((make(m, [True, True, False], "bool"),), {"return_counts": True})]
    return out + [((make(m, [1, 1, 2], d),), {"return_inverse": True}) for d in ALL_DTYPES[1:-1]]


record("unique_consecutive", _unique_consecutive)
