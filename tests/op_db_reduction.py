"""Op-table records: reductions (numtorch/_ops/reduction*.py)."""
import numpy as np

from op_table import ALL_DTYPES, FLOAT_DTYPES, make, record, sample_values

SHAPES = ((), (0,), (5,), (2, 3))
LAYOUTS = ("transposed", "strided", "expanded")
_INF = float("inf")
REAL = tuple(d for d in ALL_DTYPES if d != "complex64")
FLOATS = FLOAT_DTYPES + ("complex64",)


def T(m, shape=(2, 3), dtype="float32", seed=1, layout="contiguous", nan=False, grad=False,
      values=None):
    """A sample tensor: `shape` of `dtype` (NaN every third element with `nan`)."""
    if values is None:
        values = sample_values(shape, dtype, seed)
    if nan:
        a = np.array(values, dtype=float)
        a.flat[1::3] = np.nan
        values = a.tolist()
    t = make(m, values, dtype, layout)
    return t.requires_grad_() if grad else t


def sweep(dtypes, calls, shapes=SHAPES, nan=False):
    """Every dtype x shape with each call `(args, kwargs)` (args after the input)."""
    return lambda m: [((T(m, s, d, nan=nan and d in FLOAT_DTYPES),) + args, dict(kw))
                      for d in dtypes for s in shapes for args, kw in calls]


def extra(*builders):
    """Concatenate sample builders."""
    return lambda m: [s for b in builders for s in b(m)]


def layouts(calls, dtype="float32"):
    return lambda m: [((T(m, (2, 3), dtype, layout=lay),) + args, dict(kw))
                      for lay in LAYOUTS for args, kw in calls]


def grads(calls, shape=(2, 3)):
    return lambda m: [((T(m, shape, grad=True),) + args, dict(kw)) for args, kw in calls]


def on(shape, calls, dtype="float32", **options):
    return lambda m: [((T(m, shape, dtype, **options),) + args, dict(kw)) for args, kw in calls]


BASIC = [((), {}), ((0,), {}), ((-1, True), {})]
MULTI = [((), {"dim": (0, 1)}), (([1, 0],), {}), (((),), {}), ((None, True), {}),
         ((1,), {"keepdim": True})]
BAD_DIMS = [((2,), {}), (((0, 0),), {}), (((0, -2),), {}), ((1.5,), {}), (("a",), {})]
EMPTY_2D = [((0,), {}), ((1, True), {}), ((), {})]


# ---- sums, products, means ---------------------------------------------------------------
def _dtype_args(m):
    return [((T(m),), {"dtype": m.float64}), ((T(m),), {"dtype": m.int32}),
            ((T(m, dtype="int64"),), {"dtype": m.float16}),
            ((T(m, dtype="int8"), 0), {"dtype": m.int8}),
            ((T(m, dtype="bool"),), {"dtype": m.bool}),
            ((T(m), 0), {"dtype": "float32"}),
            ((T(m, values=[65504, 65504, -65504], dtype="float16"),), {}),
            ((T(m, values=[100, 100], dtype="int8"),), {"dtype": m.int8})]


def _large(m):
    """Past the fast paths' size limits (a dot with ones, rows of 4096), and overflow."""
    big = [((T(m, (200, 100), d),) + args, {}) for d in ("float32", "float64")
           for args in ((), (None,), (1,))]
    edge = [((T(m, values=v),), {})
            for v in ([1e38] * 4, [_INF, -_INF, 1.0], [float("nan"), 1.0])]
    return big + edge + [((T(m, (50000,)),), {}), ((T(m, (200, 100), grad=True),), {})]


record("sum", extra(sweep(ALL_DTYPES, BASIC), on((2, 3), MULTI + BAD_DIMS),
                    on((), [((1,), {}), ((0, True), {})]), on((2, 0), EMPTY_2D),
                    layouts(BASIC + [((1, True), {})]), _dtype_args,
                    sweep(("uint16",), [((), {})], ((3,),)),
                    grads([((), {}), ((0,), {}), ((), {"dim": None}), (((),), {})]),
                    on((2, 3), [((), {"axis": 0})]), _large))
_ZEROS = ([[1., 0., 3.], [2., 4., 5.]], [[0., 0., 3.], [2., 0., 5.]])  # exact gradients


def _zeros(calls):
    return lambda m: [((T(m, values=v, dtype=d),) + args, dict(kw)) for v in _ZEROS
                      for d in ("float64", "complex64") for args, kw in calls]


record("prod", extra(sweep(ALL_DTYPES, BASIC), on((2, 3), [((1, True), {}), (((0, 1),), {}),
                                                          ((None,), {})]),
                     on((2, 0), [((0,), {}), ((1,), {})]), layouts(BASIC), _dtype_args,
                     grads([((), {}), ((0,), {})]), _zeros(BASIC)))
record("nansum", extra(sweep(ALL_DTYPES, BASIC, nan=True), on((2, 3), MULTI, nan=True),
                       grads([((), {}), ((0,), {})]),
                       on((2, 3), [((0,), {"dtype": "float64"})], nan=True)), rtol=2e-2)
record("mean", extra(sweep(ALL_DTYPES, BASIC), on((2, 3), MULTI + BAD_DIMS),
                     on((2, 0), EMPTY_2D), layouts(BASIC),
                     lambda m: [((T(m, dtype="int64"),), {"dtype": m.float64}),
                                ((T(m, dtype="int64"), 0), {"dtype": m.float64}),
                                ((T(m),), {"dtype": m.int64}),
                                ((T(m),), {"dtype": m.complex64}),
                                ((T(m, dtype="int32"), 1, True), {"dtype": m.float16}),
                                ((T(m, dtype="uint16"),), {})],
                     grads([((), {}), ((0,), {}), ((), {"dim": None})]), _large))
record("nanmean", extra(sweep(ALL_DTYPES, BASIC, nan=True), on((2, 3), MULTI, nan=True),
                        on((2, 0), EMPTY_2D), grads([((), {}), ((1, True), {})])), rtol=2e-2)

# ---- extremes ----------------------------------------------------------------------------
_TIES = [[3., 1., 3., 1.], [2., 2., 0., 2.]]
_NANS = [[1., float("nan"), 3., float("nan")], [float("nan"), 2., -1., 0.]]


def _specials(calls, dtypes=("float32", "int64", "float16", "bfloat16")):
    return lambda m: [((T(m, values=v, dtype=d),) + args, dict(kw))
                      for v in (_TIES, _NANS) for d in dtypes for args, kw in calls
                      if v is _TIES or d not in ("int64",)]


for _name in ("max", "min"):
    record(_name, extra(sweep(ALL_DTYPES, BASIC), on((2, 0), EMPTY_2D),
                        on((2, 3), [((1,), {"keepdim": True}), ((), {"dim": -2}), ((2,), {}),
                                    (((0, 1),), {}), ((1.5,), {}), ((True,), {})]),
                        on((3,), [((), {}), ((0,), {})], "uint16"), layouts(BASIC),
                        _specials([((), {}), ((0,), {}), ((1, True), {})]),
                        lambda m: [((T(m), T(m, seed=2)), {}), ((T(m), T(m, (3,), seed=3)), {}),
                                   ((T(m, dtype="int32"), T(m, seed=2)), {})],
                        grads([((), {}), ((0,), {})])))
for _name in ("amax", "amin"):
    record(_name, extra(sweep(ALL_DTYPES, BASIC), on((2, 3), MULTI + BAD_DIMS),
                        on((2, 0), EMPTY_2D + [(((0, 1),), {})]), layouts(BASIC),
                        on((3,), [((), {})], "uint16"),
                        _specials([((), {}), ((0,), {}), (((0, 1),), {})]),
                        grads([((), {}), ((0,), {})])))
_AMM = [((), {}), ((), {"dim": 0}), ((), {"dim": -1, "keepdim": True})]
record("aminmax", extra(sweep(ALL_DTYPES, _AMM), on((2, 0), [((), {}), ((), {"dim": 0}),
                                                             ((), {"dim": 1})]),
                        on((2, 3), [((), {"dim": (0, 1)}), ((), {"dim": 2})]),
                        on((3,), [((), {})], "uint16"), _specials(_AMM), grads(_AMM)))
for _name in ("argmax", "argmin"):
    record(_name, extra(sweep(ALL_DTYPES, BASIC + [((), {"keepdim": True})]),
                        on((2, 0), EMPTY_2D),
                        on((2, 3), [(((0,),), {}), ((2,), {}), ((None, True), {})]),
                        on((3,), [((), {})], "uint16"), layouts(BASIC),
                        _specials([((), {}), ((0,), {}), ((1, True), {})])))

# ---- logical -----------------------------------------------------------------------------
for _name in ("all", "any"):
    record(_name, extra(sweep(ALL_DTYPES, BASIC), on((2, 3), MULTI + BAD_DIMS),
                        on((2, 0), EMPTY_2D), layouts(BASIC), on((3,), [((0,), {})], "uint16"),
                        on((2, 3), [((), {}), ((0,), {})], "float32", nan=True),
                        lambda m: [((T(m, values=[[0, 2, 1], [3, 0, 0]], dtype="uint8"), 1),
                                    {})]))
record("count_nonzero", extra(sweep(ALL_DTYPES, [((), {}), ((0,), {}), ((-1,), {})]),
                              on((2, 3), [((), {"dim": (0, 1)}), (((),), {}), (((0, 0),), {}),
                                          ((2,), {}), ((), {"dim": None})]),
                              on((2, 0), [((0,), {}), ((1,), {})]),
                              on((3,), [((), {})], "uint16"), layouts([((0,), {})])))

# ---- statistics --------------------------------------------------------------------------
_VAR = [((), {}), ((0,), {}), ((-1, True), {}), ((0, False), {}), ((False,), {}),
        ((), {"dim": 0, "correction": 0}), ((), {"correction": 2}),
        ((), {"dim": 0, "unbiased": False, "keepdim": True})]
for _name in ("std", "var"):
    record(_name, extra(sweep(ALL_DTYPES, _VAR[:3]), on((2, 3), _VAR + MULTI[:3] + [
        ((0, True, True), {}), ((), {"dim": 0, "correction": 2}),
        ((), {"correction": 0.5}), ((2,), {})]), on((2, 0), EMPTY_2D), layouts(_VAR[:3]),
        grads(_VAR[:3])), rtol=2e-2)
for _name in ("std_mean", "var_mean"):
    record(_name, extra(sweep(FLOATS + ("int64",), _VAR[:3]), on((2, 3), _VAR),
                        grads(_VAR[:3])), method=False, rtol=2e-2)

_LSE = [((0,), {}), ((-1, True), {}), (((0, 1),), {})]
record("logsumexp", extra(sweep(ALL_DTYPES, [((0,), {}), ((-1, True), {})]),
                          on((2, 3), _LSE + [(([],), {}), ((None,), {}), ((2,), {})]),
                          on((2, 3), _LSE, nan=True), on((2, 0), [((0,), {}), ((1,), {})]),
                          lambda m: [((T(m, values=[_INF, 1.0]), 0), {}),
                                     ((T(m, values=[-_INF, -_INF]), 0), {}),
                                     ((T(m, values=[10 + 20j, 30 - 10j], dtype="complex64"), 0),
                                      {})],
                          layouts(_LSE), grads(_LSE)), rtol=2e-2)

# ---- cumulative --------------------------------------------------------------------------
_CUM = [((0,), {}), ((-1,), {})]


def _cum_inplace(m):
    """What only the in-place forms meet: a dtype other than the input's, an expanded input,
    a keyword the method lacks."""
    return [((T(m), 0), {"dtype": m.float32}), ((T(m, dtype="int8"), 1), {"dtype": m.int8}),
            ((T(m, dtype="float16"), 1), {"dtype": m.float16}),
            ((T(m, (2, 3), "float32", layout="expanded"), 0), {}),
            ((T(m, (2, 3), "bool", layout="expanded"), 0), {}),
            ((T(m), 0, m.float32), {}), ((T(m),), {"axis": 1}), ((T(m), 0), {"out": T(m)})]


for _name in ("cumsum", "cumprod"):
    record(_name, extra(sweep(ALL_DTYPES, _CUM),
                        on((2, 3), [((1,), {"dtype": "float64"}), ((2,), {}), ((None,), {}),
                                    ((True,), {}), ((), {"dim": 1})]),
                        lambda m: [((T(m), 0), {"dtype": m.int32}),
                                   ((T(m, dtype="int64"), 1), {"dtype": m.float32}),
                                   ((T(m, values=[100, 100], dtype="int8"), 0),
                                    {"dtype": m.int8}),
                                   ((T(m, values=[65504, 65504, -65504], dtype="float16"), 0),
                                    {})],
                        on((2, 0), _CUM + [((1,), {})]), layouts(_CUM), grads(_CUM),
                        _zeros(_CUM), _cum_inplace), inplace=True)
_CUMX = [((0,), {}), ((-1,), {})]
for _name in ("cummax", "cummin"):
    record(_name, extra(sweep(ALL_DTYPES, _CUMX), on((2, 0), _CUMX + [((1,), {})]),
                        on((3,), _CUMX, "uint16"), layouts(_CUMX),
                        _specials([((1,), {}), ((0,), {})]),
                        lambda m: [((T(m, values=[float("nan"), 1., float("nan"), 2.]), 0),
                                    {})],
                        grads(_CUMX)))

# ---- order statistics --------------------------------------------------------------------
_MED = [((), {}), ((0,), {}), ((-1, True), {})]
for _name in ("median", "nanmedian"):
    record(_name, extra(sweep(ALL_DTYPES, _MED, shapes=((), (5,), (2, 3))),
                        sweep(ALL_DTYPES, _MED[1:], shapes=((0,),)),
                        sweep(FLOAT_DTYPES, _MED, nan=True),
                        on((2, 0), [((1,), {}), ((0,), {})]), on((3,), _MED, "uint16"),
                        _specials(_MED),
                        lambda m: [((T(m, layout=lay),) + args, kw) for lay in LAYOUTS[:2]
                                   for args, kw in _MED],
                        lambda m: [((T(m, values=v), 0), {}) for v in (
                            [1., 1., 1.], [2., 1., 1., 1., 2.], [1., 1., 2., 2.],
                            [5., 1., 1., 5., 5., 1., 3.], [float("nan")] * 2,
                            [1., float("nan"), 1., float("nan")])],
                        grads(_MED)))
_MODE = [((), {}), ((0,), {}), ((-1, True), {})]
record("mode", extra(sweep(ALL_DTYPES, _MODE), on((2, 0), [((1,), {})]),
                     on((3,), _MODE, "uint16"), layouts(_MODE),
                     lambda m: [((T(m, values=_TIES, dtype=d),) + args, {})
                                for d in ("float32", "int64", "float16") for args in ((), (0,))],
                     lambda m: [((T(m, values=v),), {}) for v in (
                         [2., 1., 1., 2.], [5., 2., 1., 1., 2.], [[1, 1, 2], [3, 2, 2]],
                         [3., 1., 3., 2., 1., 3.])],
                     grads(_MODE)))
_SORT = [((), {}), ((0,), {}), ((-1, True), {}), ((), {"descending": True}),
         ((), {"stable": True}), ((), {"stable": True, "descending": True, "dim": 0})]
record("sort", extra(sweep(ALL_DTYPES, _SORT[:4]), on((2, 3), _SORT + [((2,), {}),
                                                                        ((True,), {})]),
                     on((2, 0), [((0,), {}), ((1,), {})]), on((3,), _SORT[:2], "uint16"),
                     _specials(_SORT), layouts(_SORT[:3]), grads(_SORT[:3])))
record("argsort", extra(sweep(ALL_DTYPES, _SORT[:4]), on((2, 3), _SORT + [((2,), {})]),
                        _specials(_SORT), layouts(_SORT[:3])))
record("msort", extra(sweep(ALL_DTYPES, [((), {})]), _specials([((), {})]),
                      layouts([((), {})]), grads([((), {})])))


def _distinct(m, shape, dtype, layout="contiguous"):
    n = int(np.prod(shape))
    values = np.random.default_rng(n).permutation(n).reshape(shape) - 2
    if dtype.startswith("uint"):
        values = values + 2
    return make(m, values.tolist(), dtype, layout)


_TOPK = [((1,), {}), ((2,), {"largest": False}), ((2, 0), {}), ((0,), {}),
         ((3,), {"sorted": True}), ((4,), {}), ((-1,), {}), ((2.0,), {})]


def _topk(m):
    out = []
    for dtype in ALL_DTYPES + ("uint16",):
        for shape in ((), (5,), (3, 4)):
            x = _distinct(m, shape, dtype) if shape else T(m, (), dtype)
            out += [((x, 1), {}), ((x, 0), {}), ((x, 1, 0, False), {})]
    x = _distinct(m, (3, 4), "float32")
    out += [((x,) + args, kw) for args, kw in _TOPK]
    out += [((_distinct(m, (3, 4), "float32", lay), 2, 0), {}) for lay in LAYOUTS]
    out += [((T(m, values=_NANS), 2), {}), ((T(m, values=_NANS), 2), {"largest": False}),
            ((_distinct(m, (3, 4), "float32"), m.tensor(2)), {}),
            ((_distinct(m, (3, 4), "float32").requires_grad_(), 2), {})]
    return out


record("topk", _topk)
_UNIQ = [((), {}), ((), {"return_inverse": True}), ((), {"return_counts": True}),
         ((True, True, True), {}), ((), {"sorted": False})]
record("unique", extra(sweep(REAL, _UNIQ[:2]), on((2, 3), _UNIQ + [
    ((), {"dim": 0}), ((), {"dim": 1, "return_counts": True}), ((), {"dim": 2}),
    ((), {"dim": -1, "return_inverse": True})]), on((3,), [((), {})], "complex64"),
    on((2, 3), [((), {"dim": 0})], "complex64"), on((3,), [((), {})], "uint16"),
    on((2, 0), [((), {}), ((), {"dim": 0}), ((), {"dim": 1})]),
    on((2, 3), _UNIQ[:4], nan=True),
    lambda m: [((T(m, values=[[1, 2], [1, 2], [0, 3]], dtype="int64"),),
                {"dim": 0, "return_inverse": True, "return_counts": True}),
               ((T(m, values=[3., 1., 3., 2., 1., 3.]),), {"return_counts": True,
                                                           "return_inverse": True}),
               ((T(m, (3, 2), dtype="int64"),), {"dim": 1})],
    grads([((), {}), ((), {"dim": 0})])))

# ---- softmax -----------------------------------------------------------------------------
_SOFT = [((0,), {}), ((-1,), {})]
for _name in ("softmax", "log_softmax"):
    record(_name, extra(sweep(ALL_DTYPES + ("uint16",), _SOFT),
                        on((2, 3), [((1,), {"dtype": "float64"}), ((2,), {}), ((), {})]),
                        lambda m: [((T(m), 1), {"dtype": m.float64}),
                                   ((T(m, dtype="int64"), 0), {"dtype": m.float32}),
                                   ((T(m, dtype="int64"), 0), {"dtype": m.int32}),
                                   ((T(m), 0), {"dtype": m.float16}),
                                   ((T(m, dtype="float16"), -1), {"dtype": m.float32}),
                                   ((T(m, values=[_INF, 1.0]), 0), {}),
                                   ((T(m, values=[-_INF, -_INF]), 0), {}),
                                   ((T(m, values=[-_INF, 0.0]), 0), {})],
                        on((2, 0), [((0,), {}), ((1,), {})]), on((2, 3), _SOFT, nan=True),
                        layouts(_SOFT), grads(_SOFT)))
