"""Op-table records: quantiles and histograms (numtorch/_ops/quantile.py)."""
from op_table import make, record, sample_values

_NAN = float("nan")
_MODES = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile_samples(m, nan_rows):
    x = make(m, [[0.5, -1.0, 2.0, 4.5], [3.0, 1.5, -2.5, 0.0], [1.0, 7.0, -3.0, 2.5]],
             "float64")  # first: distinct values, for the gradcheck
    f = make(m, sample_values((3, 5), "float32", 3), "float32")  # with ties
    q = make(m, [0.0, 0.25, 0.6, 1.0], "float32")
    out = [((x, 0.3), {"dim": 1}), ((f, 0.3), {}), ((f, 0.5), {"dim": 0}),
           ((f, 0.75), {"dim": -1, "keepdim": True}), ((f, 0.4), {"keepdim": True}),
           ((f, q), {}), ((f, q), {"dim": 0}), ((f, q), {"dim": 1, "keepdim": True}),
           ((f, q[1]), {"dim": 1}), ((f, q[:0]), {"dim": 0}), ((f, q[::2]), {}),
           ((f, 0.3, 1, True), {}), ((f, 1), {}), ((f, True), {}), ((f,), {"q": 0.2}),
           ((f.double(), q.double()), {"dim": 0}), ((f.t(), 0.3), {"dim": 1}),
           ((make(m, [[1.0, 2.0], [3.0, 4.0]], "float32", "transposed"), q), {"dim": 0}),
           ((make(m, [1.0, 5.0, 2.0, 4.0], "float32", "strided"), 0.6), {}),
           ((make(m, [1.0, 5.0, 2.0], "float32", "expanded"), q), {"dim": 1}),
           ((make(m, 2.5, "float32"), 0.5), {}), ((make(m, 2.5, "float32"), q), {"dim": 0}),
           ((make(m, 2.5, "float32"), 0.5), {"dim": -1, "keepdim": True}),
           ((make(m, [_NAN, 1.0, 2.0], "float32"), 0.5), {}), ((nan_rows, q), {"dim": 1}),
           ((nan_rows, 0.5), {"dim": 0, "keepdim": True}), ((nan_rows, q), {}),
           # errors
           ((f, 1.5), {}), ((f, -0.1), {}), ((f, 1.0000001), {}), ((f, _NAN), {}),
           ((f, make(m, [0.5, 1.5], "float32")), {}), ((f, make(m, [[0.5]], "float32")), {}),
           ((f, make(m, [0.5], "float64")), {}), ((f, make(m, 0.5, "float64")), {}),
           ((f, 0.5), {"dim": 2}), ((make(m, 1.0, "float32"), 0.5), {"dim": 1}),
           ((f, 0.5), {"interpolation": "foo"}), ((f, 0.5, 0, True, "lower"), {}),
           ((f, 0.5), {"dim": 1.0}), ((f, 0.5), {"keepdim": 1}), ((f, "a"), {}),
           ((f, [0.5]), {}), ((f,), {}), ((f, 0.5), {"foo": 1}), ((f, 0.5), {"q": 0.3}),
           ((make(m, [], "float32"), 0.5), {}), ((make(m, [], "float32"), 1.5), {}),
           ((make(m, [1, 2], "int64"), 0.5), {}), ((f.half(), 0.5), {}),
           ((f.bfloat16(), 0.5), {}), ((make(m, [1j], "complex64"), 0.5), {}),
           ((make(m, [1, 2], "int64"), make(m, [[0.5]], "float32")), {}),
           ((make(m, [], "int64"), 2.0), {}), ((make(m, [], "int64"), 0.5), {}),
           # out=
           ((f, 0.5), {"dim": 0, "out": make(m, [0.0] * 5, "float32")}),
           ((f, q), {"dim": 1, "out": make(m, [], "float32")}),
           ((f, 0.5), {"out": make(m, [], "float64")}),
           ((f.double(), 0.5), {"dim": 0, "out": make(m, [[0.0] * 5] * 2, "float64",
                                                       "transposed")[0]}),
           ((f, make(m, [1.5], "float32")), {"out": make(m, [], "float32")})]
    return out + [((f, q), {"dim": 1, "interpolation": i}) for i in _MODES] + \
        [((nan_rows, 0.35), {"dim": 1, "interpolation": i}) for i in _MODES]


def _quantile(m):
    rows = make(m, [[1.0, _NAN, 3.0, 2.0], [4.0, 0.0, -1.0, 2.5], [_NAN] * 4], "float32")
    return _quantile_samples(m, rows)


def _nanquantile(m):
    rows = make(m, [[1.0, _NAN, 3.0, 2.0], [4.0, 0.0, -1.0, 2.5], [_NAN] * 4], "float32")
    return _quantile_samples(m, rows) + [((make(m, [_NAN, _NAN], "float64"), 0.0), {})]


def _histogram(m):
    x = make(m, [[1.0, 5.0, 2.0], [0.0, 3.0, 4.0]], "float32")
    w = make(m, [[0.5, 2.0, 1.0], [3.0, 0.25, 1.0]], "float32")
    edges = make(m, [0.0, 1.0, 4.0, 10.0], "float32")
    return [((make(m, [0.5, 2.0, 1.25, 3.0], "float64"), 3), {}),
            ((x, 3), {}), ((x,), {}), ((x, 4), {"range": (0.0, 10.0)}),
            ((x, 2), {"range": [0, 1]}), ((x, 2), {"range": (0, True)}),
            ((x, 3), {"density": True}), ((x, 3), {"weight": w}),
            ((x, 3), {"weight": w, "density": True, "range": (-1.0, 4.0)}),
            ((x, edges), {}), ((x, edges), {"density": True}), ((x, edges), {"weight": w}),
            ((x, make(m, [0.0, 4.0, 1.0, 5.0, 3.0], "float32")), {}),
            ((x, make(m, [10.0, 1.0, 4.0, 0.0], "float32")), {}),
            ((x, make(m, [0.0, 2.0, 2.0, 5.0], "float32")), {}),
            ((x.double(), 5), {}), ((x.t(), 4), {}),
            ((make(m, [1.0, 5.0, 2.0, 4.0], "float32", "strided"), 3), {}),
            ((make(m, [1.0, 2.0], "float32", "expanded"), 2), {"weight": w}),
            ((make(m, 2.0, "float32"), 3), {}), ((make(m, 1.0, "float32"), 2),
                                                 {"weight": make(m, 1.0, "float32")}),
            ((make(m, [], "float32"), 3), {}), ((make(m, [], "float32"), 2), {"density": True}),
            ((make(m, [1.0, 1.0], "float32"), 2), {}),
            ((make(m, [_NAN, 1.0], "float32"), 3), {"range": (0.0, 2.0)}),
            ((make(m, [0.0, 0.1, 0.2, 0.3, 0.7, 1.0], "float32"), 10), {}),
            ((make(m, [-0.5, 0.5], "float32"), 3), {"range": (-1e30, 1e30)}),
            ((make(m, [0.0, 1.0], "float32"), make(m, [0.0, _NAN], "float32")), {}),
            ((make(m, sample_values((40,), "float64", 2), "float64"), 7), {}),
            # errors
            ((x, 0), {}), ((x, -1), {}), ((x, 3), {"range": (10.0, 0.0)}),
            ((x, 3), {"range": (0.0, float("inf"))}), ((x, 3), {"range": (0.0, 1.0, 2.0)}),
            ((x, 0), {"range": (0.0,)}), ((x, 3), {"range": (0.1234567, 1e-7)}),
            ((make(m, [_NAN, 1.0], "float32"), 3), {}),
            ((make(m, [float("inf"), 1.0], "float32"), 3), {}),
            ((x, 3), {"weight": make(m, [1.0] * 3, "float32")}),
            ((x, 3), {"weight": w.double()}), ((x, edges, 1), {}),
            ((x, make(m, [[0.0, 1.0]], "float32")), {}), ((x, make(m, 1.0, "float32")), {}),
            ((x, make(m, [1.0], "float32")), {}), ((x, make(m, [], "float32")), {}),
            ((x, edges.double()), {}), ((x, edges), {"range": (0.0, 1.0)}),
            ((x, make(m, [1, 2, 3], "int64")), {}), ((x.int(), 3), {}), ((x.int(), 0), {}),
            ((x.int(), 3), {"range": (1.0, 0.0)}), ((x.int(), edges.int()), {}),
            ((x.int(), make(m, [0], "int32")), {}), ((x.half(), 3), {}),
            ((x.bfloat16(), 3), {}), ((x, 3.0), {}), ((x, True), {}), ((x, 3, (0.0, 1.0)), {}),
            ((x, 2), {"density": 1}), ((x,), {"bins": 2.5}),
            ((x, 3), {"out": make(m, [], "float32")}),
            ((x, 3), {"out": (make(m, [], "float32"),)}),
            ((x, 3), {"out": (make(m, [], "float64"), make(m, [], "float32"))}),
            ((x, 3), {"out": (make(m, [], "float32"), make(m, [], "float64"))}),
            ((x, edges.double()), {"out": (make(m, [], "float64"), make(m, [], "float32"))}),
            ((x, 3), {"out": (make(m, [], "float32"), make(m, [], "float32"))}),
            ((x, edges), {"out": [make(m, [0.0] * 5, "float32"), make(m, [], "float32")]})]




def _histogramdd(m):
    x = make(m, [[1.0, 5.0], [2.0, 0.0], [3.0, 4.0], [0.5, 0.5]], "float32")
    w = make(m, [0.5, 2.0, 1.0, 3.0], "float32")
    b = [make(m, [0.0, 2.0, 4.0], "float32"), make(m, [0.0, 1.0, 5.0], "float32")]
    return [((make(m, [[0.5, 2.0], [1.25, 3.0]], "float64"), 2), {}),
            ((x, 2), {}), ((x, [2, 3]), {}), ((x, (2, 3)), {"range": [0.0, 4.0, 0.0, 6.0]}),
            ((x, 2), {"weight": w}), ((x, [3, 2]), {"density": True}),
            ((x, 2), {"weight": w, "density": True}), ((x, b), {}), ((x, b), {"weight": w}),
            ((x, b), {"density": True}), ((x, b), {"range": [0.0, 1.0, 0.0, 1.0]}),
            ((x.reshape(2, 2, 2), 2), {"weight": w.reshape(2, 2)}),
            ((x.t(), [2, 1, 3, 2]), {}), ((x[:1], 3), {"weight": make(m, 2.0, "float32")}),
            ((x.double(), [1, 4]), {}), ((make(m, [[0.0] * 2] * 0, "float32").reshape(0, 2), 2),
                                         {}),
            ((make(m, [[_NAN, 1.0], [2.0, 3.0]], "float32"), 2),
             {"range": [0.0, 4.0, 0.0, 4.0]}),
            ((make(m, [[0.0] * 3], "float32"), 2), {}),
            # errors
            ((x[:, 0], 2), {}), ((make(m, 1.0, "float32"), 3), {}),
            ((make(m, [1.0], "float32"), [b[0]]), {}), ((x, [2, 3]), {"range": [0.0, 4.0]}),
            ((x, [2]), {}), ((x, [2, 0]), {}), ((x, [-1, 2]), {}), ((x, [-2, 2]), {}),
            ((x, [b[0]]), {}), ((x, [b[0], b[0][:1]]), {}),
            ((x, [b[0], b[0][:1]]), {"weight": make(m, [1.0] * 3, "float32")}),
            ((x, 2), {"weight": make(m, [[1.0]] * 4, "float32")}), ((x, 2), {"weight": w.double()}),
            ((x, [2, 2.0]), {}), ((x, 2.5), {}), ((x,), {}), ((x, 2), {"out": x}),
            ((x, 2), {"range": (0.0, _NAN, 0.0, 1.0)}), ((x, 2), {"range": (0.0, 1.0, 2.0, 1.0)}),
            ((x.int(), 2), {}), ((x.int(), 3), {"range": (0.0, 1.0, 0.0, 1.0)}),
            ((x.double(), b), {}), ((x, [b[0], make(m, [[0.0, 1.0]], "float32")]), {}),
            ((x.int(), [make(m, [0, 1], "int32")] * 2), {})]


record("quantile", _quantile)
record("nanquantile", _nanquantile)
record("histogram", _histogram)
record("histogramdd", _histogramdd, method=False)
