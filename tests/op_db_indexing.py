"""Op-table records: indexing (`t[i]`, `t[i] = v`: numtorch/_ops/indexing.py) and the
indexing ops (numtorch/_ops/indexing_ops.py)."""
from op_db_linalg import LINALG
from op_table import ALL_DTYPES, make, record, sample_values


class Lazy:
    """Samples built one at a time: an error while building one (a failing `t[i] = v`) is
    that sample's outcome, compared with PyTorch's."""

    def __init__(self, m, thunks):
        self.m, self.thunks = m, thunks

    def __len__(self):
        return len(self.thunks)

    def __getitem__(self, i):
        return self.thunks[i](self.m)


def lazy(*thunks):
    return lambda m: Lazy(m, thunks)


def grid(m, shape=(3, 4), dtype="float32", layout="contiguous", seed=0):
    return make(m, sample_values(shape, dtype, seed), dtype, layout)


def ints(m, values, dtype="int64"):
    return make(m, values, dtype)


def mask(m, values):
    return make(m, values, "bool")


def _x3(m):
    return grid(m, (2, 3, 4))


# ---- t[i] ---------------------------------------------------------------------------------
def _get(build_x, build_idx):
    return lambda m: ((build_x(m), build_idx(m)), {})


_GET = [
    _get(grid, lambda m: [0, 2]),
    _get(grid, lambda m: (slice(None), [0, 1])),
    _get(grid, lambda m: [[0, 1], [1, 2]]),  # a list of lists is a tuple (with a warning)
    _get(grid, lambda m: ([0, 1], [1, 2])),
    _get(grid, lambda m: (ints(m, [0, 1]), None)),
    _get(grid, lambda m: (None, slice(None), [0, 1])),
    _get(grid, lambda m: (Ellipsis, [0, -1])),
    _get(grid, lambda m: ([0], slice(None), None)),
    _get(grid, lambda m: (slice(None), mask(m, [True, False, True, False]))),
    _get(grid, lambda m: mask(m, [True, False])),
    _get(grid, lambda m: (slice(None), mask(m, [True, False, True]))),
    _get(grid, lambda m: mask(m, [[True, False, True, True]] * 2)),
    _get(grid, lambda m: mask(m, [[True, False, True, True], [False] * 4, [True] * 4])),
    _get(grid, lambda m: ints(m, [1, 0, 1], "uint8")),
    _get(grid, lambda m: ints(m, [5])),
    _get(grid, lambda m: (slice(None), ints(m, [5]))),
    _get(grid, lambda m: ints(m, [-4])),
    _get(grid, lambda m: ints(m, [-3, 2])),
    _get(grid, lambda m: make(m, [1.0])),
    _get(grid, lambda m: ints(m, [0, 1], "int16")),
    _get(grid, lambda m: ints(m, [0, 1], "int32")),
    _get(grid, lambda m: [True, False, True]),
    _get(grid, lambda m: True),
    _get(grid, lambda m: False),
    _get(grid, lambda m: (True, [0])),
    _get(grid, lambda m: mask(m, True)),
    _get(grid, lambda m: ints(m, 1)),
    _get(grid, lambda m: ints(m, 1, "uint8")),
    _get(grid, lambda m: (ints(m, 1), [0, 1])),
    _get(grid, lambda m: (ints(m, [[0, 1]]), ints(m, [[0], [1]]))),
    _get(grid, lambda m: (ints(m, [0, 1]), ints(m, [0, 1, 2]))),
    _get(grid, lambda m: ([0, 1], slice(1, 3))),
    _get(grid, lambda m: (slice(1, 3), [0, 1])),
    _get(grid, lambda m: [1, 1, 1]),
    _get(grid, lambda m: [0, 1, None]),
    _get(grid, lambda m: [0, slice(None)]),
    _get(grid, lambda m: []),
    _get(grid, lambda m: ints(m, [])),
    _get(grid, lambda m: [[0, 1]] * 33),
    _get(grid, lambda m: 1.5),
    _get(grid, lambda m: "a"),
    _get(_x3, lambda m: (slice(None), slice(None), [9])),
    _get(_x3, lambda m: ([0], slice(None), [9])),
    _get(_x3, lambda m: ([0], [7], [9])),
    _get(_x3, lambda m: (1, slice(None), [0, 1])),
    _get(_x3, lambda m: ([1], slice(None), [0, 1])),
    _get(_x3, lambda m: (slice(None), [0, 1], [0, 1])),
    _get(_x3, lambda m: (0, mask(m, [[True, False, True, True]] * 2))),
    _get(_x3, lambda m: (slice(None), mask(m, [[True, False, True]] * 3))),
    _get(_x3, lambda m: (mask(m, [[True, False, True]] * 2), ints(m, [0, 1, 0, 1]))),
    _get(_x3, lambda m: (mask(m, [[True, False, True]] * 2), ints(m, [0, 1, 9, 1]))),
    _get(lambda m: make(m, 5.0), lambda m: ints(m, [0])),
    _get(lambda m: make(m, 5.0), lambda m: mask(m, True)),
    _get(lambda m: make(m, 5.0), lambda m: [0]),
    _get(lambda m: grid(m, layout="transposed"), lambda m: [0, 1]),
    _get(lambda m: grid(m, layout="strided"), lambda m: (slice(None), [1, 0])),
    _get(lambda m: grid(m, (0, 4)), lambda m: [0]),
    _get(lambda m: grid(m, (0, 4)), lambda m: (slice(None), [0, 3])),
] + [_get(lambda m, d=d: grid(m, (3, 2), d), lambda m: [2, 0]) for d in ALL_DTYPES]


def _requires_grad(idx):
    return lambda m: ((grid(m).requires_grad_(), idx(m)), {})


_GET += [_requires_grad(lambda m: [0, 1]), _requires_grad(lambda m: (None, [0])),
         _requires_grad(lambda m: True)]


# ---- t[i] = v, compared through the written tensor ------------------------------------------
def _set(idx, value, x=grid):
    def build(m):
        z = x(m)
        z[idx(m)] = value(m)
        return ((z, Ellipsis), {})
    return build


def _f(values, dtype="float32"):
    return lambda m: make(m, values, dtype)


_SET = [
    _set(lambda m: [0, 1], _f([1.0, 2.0, 3.0])),
    _set(lambda m: [0, 1], _f([1.0, 2.0])),
    _set(lambda m: [0, 1], _f([[1.0], [2.0]])),
    _set(lambda m: (slice(None), [0, 1]), _f([1.0, 2.0, 3.0])),
    _set(lambda m: (slice(None), [0, 1]), _f([[[1.0, 2.0]]])),
    _set(lambda m: (slice(None), [0, 1]), _f([[[[1.0, 2.0]]], [[[1.0, 2.0]]]])),
    _set(lambda m: mask(m, [[True, False, True, True]] * 3), _f([1.0, 2.0])),
    _set(lambda m: mask(m, [[True, False, True, False]] * 3), _f([1.0, 2.0, 3, 4, 5, 6])),
    _set(lambda m: mask(m, [[True, False, True, False]] * 3), lambda m: 7),
    _set(lambda m: mask(m, [[True, False, True, False]] * 3), _f(7, "int64")),
    _set(lambda m: mask(m, [[True, False, True, False]] * 3), _f([7], "int64")),
    _set(lambda m: mask(m, [[True, False, True, False]] * 3), _f(7 + 1j, "complex64")),
    _set(lambda m: ints(m, [[1, 0, 1, 0]] * 3, "uint8"), _f(7, "int64")),
    _set(lambda m: mask(m, [True, False, True]), _f(7, "int64")),
    _set(lambda m: (slice(None), mask(m, [True, False, True, True])), _f(7, "int64")),
    _set(lambda m: (0, mask(m, [True, False, True, True])), _f(7, "int64")),
    _set(lambda m: [0, 5], lambda m: 1.0),
    _set(lambda m: make(m, [1.0]), lambda m: 1.0),
    _set(lambda m: [0, 1], lambda m: "a"),
    _set(lambda m: [0, 0], _f([[1.0, 2, 3, 4], [5, 6, 7, 8]])),
    _set(lambda m: [0, 1], _f([1, 2, 3, 4], "int64")),
    _set(lambda m: [0, 1], _f(7, "int64")),
    _set(lambda m: [0, 1], _f([1.0, 2, 3, 4], "float64")),
    _set(lambda m: [0, 1], _f([1 + 1j, 2, 3, 4], "complex64")),
    _set(lambda m: [0, 1], lambda m: 1 + 1j),
    _set(lambda m: [0, 1], lambda m: 1e300),
    _set(lambda m: True, lambda m: 3.0),
    _set(lambda m: [0], lambda m: -1, lambda m: ints(m, [0, 0, 0], "uint8")),
    _set(lambda m: [0], lambda m: 300, lambda m: ints(m, [0, 0, 0], "uint8")),
    _set(lambda m: [0], lambda m: 2.7, lambda m: ints(m, [0, 0, 0], "int32")),
    _set(lambda m: mask(m, [True, False, True]), _f(300, "int64"),
         lambda m: ints(m, [0, 0, 0], "uint8")),
    _set(lambda m: (ints(m, [0, 1]), ints(m, [0, 1, 2])), lambda m: 1.0),
] + [_set(lambda m: [1, 0], lambda m, d=d: make(m, sample_values((2,), d, 3), d),
          lambda m, d=d: grid(m, (2, 2), d)) for d in ALL_DTYPES]

record("__getitem__", lazy(*_GET, *_SET, *LINALG), function=False)


# ---- indexing ops ---------------------------------------------------------------------------
def _each_dtype(build):
    """One sample per dtype: `build(m, dtype)`."""
    return [lambda m, d=d: build(m, d) for d in ALL_DTYPES]


def _s(*args, **kwargs):
    """A sample from builders: each arg is a value or a function of the module."""
    return lambda m: (tuple(a(m) if callable(a) else a for a in args), kwargs)


def _g(shape=(3, 4), dtype="float32", layout="contiguous", seed=0):
    return lambda m: grid(m, shape, dtype, layout, seed)


def _i(values, dtype="int64"):
    return lambda m: ints(m, values, dtype)


def _b(values):
    return lambda m: mask(m, values)


def _rg(shape=(3, 4)):
    return lambda m: grid(m, shape).requires_grad_()


_IDX2 = [[0, 2, 1, 0], [2, 1, 0, 0]]
record("index_select", lazy(
    *[_s(lambda m, d=d: grid(m, (3, 4), d), 0, _i([2, 0])) for d in ALL_DTYPES],
    _s(_g(), 1, _i([3, -1, 0])), _s(_g(), -1, _i([1], "int32")), _s(_g(), 0, _i(1)),
    _s(_g(), 0, _i([3])), _s(_g(), 0, _i([[0]])), _s(_g(), 0, _i([0.0], "float32")),
    _s(_g(), 2, _i([0])), _s(lambda m: make(m, 2.0), 0, _i([0, 0])),
    _s(lambda m: make(m, 2.0), 0, _i(0)), _s(_g((0, 3)), 1, _i([1])),
    _s(_g(layout="strided"), 1, _i([1, 0])), _s(_rg(), 0, _i([1])),
    _s(_g(), 0, _i([], "int64"))))

record("gather", lazy(
    *[_s(lambda m, d=d: grid(m, (3, 4), d), 0, _i(_IDX2)) for d in ALL_DTYPES],
    _s(_g(), 1, _i([[3, 0], [1, 1]])), _s(_g(), -1, _i([[0]])), _s(_g(), 0, _i([[3]])),
    _s(_g(), 0, _i([[-1]])), _s(_g(), 0, _i([[0]], "int32")), _s(_g(), 0, _i([0])),
    _s(_g(), 1, _i([[0, 1, 2, 3, 0]])), _s(_g(), 0, _i([[0]] * 4)),
    _s(lambda m: make(m, 2.0), 0, _i(0)), _s(lambda m: make(m, [2.0]), 0, _i(0)),
    _s(_g(layout="strided"), 1, _i([[1, 0]] * 3)), _s(_rg(), 0, _i([[1]])),
    _s(_g(), 0, lambda m: ints(m, [[]]))))


def _scatter_samples(extra):
    return lazy(
        *[_s(lambda m, d=d: grid(m, (3, 4), d), 0, _i(_IDX2[:1]),
             lambda m, d=d: grid(m, (2, 4), d, seed=1)) for d in ALL_DTYPES],
        _s(_g(), 1, _i([[3, 0], [1, 1]]), _g((2, 2), seed=1)),
        _s(_g(), 1, _i([[0, 0, 0]]), _g((1, 3), seed=1)),
        _s(_g(), 0, _i([[3]]), _g((1, 1))), _s(_g(), 0, _i([[0]], "int32"), _g((1, 1))),
        _s(_g(), 0, _i([0]), _g((1, 1))), _s(_g(), 0, _i([[0]] * 4), _g((4, 1))),
        _s(_g(), 0, _i([[0, 1]]), _g((1, 1))), _s(_g(), 0, _i([[0]]), _g((1, 1), "float64")),
        _s(_g(layout="strided"), 1, _i([[1, 0]] * 3), _g((3, 2))),
        _s(_g(), 0, _i([[1]]), lambda m: grid(m, (1, 1)).requires_grad_()),
        _s(lambda m: make(m, 2.0), 0, _i(0), lambda m: make(m, 5.0)),
        *extra)


record("scatter", _scatter_samples([
    _s(_g(), 1, _i([[0, 0]]), 2.5), _s(_g(), 1, _i([[0, 0]]), 2),
    _s(_g((3, 4), "int64"), 1, _i([[0, 0]]), 2.5),
    lambda m: ((grid(m), 1, ints(m, [[0, 1]])), {"value": 2.0}),
    lambda m: ((grid(m), 1, ints(m, [[0, 0]]), grid(m, (1, 2))), {"reduce": "add"}),
    lambda m: ((grid(m), 1, ints(m, [[0, 0]]), grid(m, (1, 2))), {"reduce": "multiply"}),
    lambda m: ((grid(m), 1, ints(m, [[0, 0]]), 3.0), {"reduce": "add"}),
    lambda m: ((grid(m), 1, ints(m, [[0, 0]]), 3.0), {"reduce": "max"}),
    _s(_g(), 1, _i([[0, 0]]), lambda m: make(m, 2.0)),
    _s(lambda m: grid(m).requires_grad_(), 1, _i([[0]]), 2.0)]), inplace=True)
record("scatter_add", _scatter_samples([
    _s(_g((3, 4), "int64"), 1, _i([[0, 0, 1]]), _g((1, 3), "int64", seed=2))]), inplace=True)
record("scatter_reduce", lazy(*[
    (lambda m, r=r, s=s, d=d: ((grid(m, (2, 4), d), 1, ints(m, [[0, 0, 2], [1, 1, 1]]),
                                grid(m, (2, 3), d, seed=3), r), {"include_self": s}))
    for r in ("sum", "prod", "mean", "amax", "amin") for s in (True, False)
    for d in ("float32", "int64", "float64")],
    _s(_g(), 1, _i([[0, 0]]), _g((1, 2)), "max"),
    _s(lambda m: make(m, [[-7, 6, 7]], "int64"), 1, _i([[0, 0]]),
       lambda m: make(m, [[2, 4]], "int64"), "mean"),
    _s(_rg(), 1, _i([[0, 0]]), _g((1, 2)), "amax"),
    *[(lambda m, r=r, s=s: ((make(m, [[0.0, 2.0, 3.0, 2.0], [1.0, 0.0, 5.0, 5.0]], "float64"),
                             1, ints(m, [[0, 0, 1, 3], [1, 2, 2, 3]]),
                             make(m, [[0.0, 4.0, 2.0, 2.0], [0.0, 0.0, 5.0, 5.0]], "float64"),
                             r), {"include_self": s}))  # zeros and ties
      for r in ("prod", "amax", "amin") for s in (True, False)]), inplace=True)


def _mask_samples(*value):
    return [
        *[_s(lambda m, d=d: grid(m, (2, 3), d), _b([[True, False, True], [False] * 3]), *value)
          for d in ALL_DTYPES],
        _s(_g(), _b([True, False, True, False]), *value),
        _s(_g(), _b([[True], [False], [True]]), *value),
        _s(_g((4,)), _b([[True, False, True, False]] * 2), *value),
        _s(_g(), _b([True, False, True]), *value),
        _s(_g(), _i([1, 0, 1, 0], "uint8"), *value),
        _s(_g(layout="strided"), _b([True, False, True, False]), *value),
        _s(lambda m: make(m, 2.0), _b(True), *value),
        _s(_g((0, 4)), _b([True, False, True, False]), *value),
        _s(_rg(), _b([True, False, True, False]), *value)]


record("masked_fill", lazy(
    *_mask_samples(2), *_mask_samples(lambda m: make(m, -1.5)),
    _s(_g(), _b([True, False, True, False]), lambda m: make(m, [1.0])),
    _s(_g(), _b([True, False, True, False]), 1 + 2j),
    _s(_g((3, 4), "int64"), _b([True, False, True, False]), 2.7),
    _s(_g((3, 4), "uint8"), _b([True, False, True, False]), -1),
    _s(_g((3, 4), "uint8"), _b([True, False, True, False]), 300),
    _s(_g((3, 4), "int64"), _b([True, False, True, False]), lambda m: make(m, 2.0)),
    _s(_g(), _b([True, False, True, False]), lambda m: make(m, 1 + 1j, "complex64"))),
    inplace=True)
record("masked_select", lazy(*_mask_samples(), _s(_rg(), _b([True, False] * 2)),
                             _s(_g(), _b([True, False, True, False]))))
record("masked_scatter", lazy(
    *[_s(lambda m, d=d: grid(m, (2, 3), d), _b([[True, False, True], [False] * 3]),
         lambda m, d=d: grid(m, (5,), d, seed=4)) for d in ALL_DTYPES],
    _s(_g(), _b([True, False, True, False]), _g((2, 4), seed=5)),
    _s(_g(), _b([True, False, True, False]), _g((2,), seed=5)),
    _s(_g(), _b([True, False, True, False]), _g((8,), "float64")),
    _s(_g(), _i([1, 0, 1, 0], "uint8"), _g((8,))),
    _s(_g(layout="strided"), _b([True, False, True, False]), _g((6,))),
    _s(_rg(), _b([True, False, True, False]), _g((6,)))), inplace=True)

record("take", lazy(
    *[_s(lambda m, d=d: grid(m, (3, 4), d), _i([[0, 11], [-1, 5]])) for d in ALL_DTYPES],
    _s(_g(), _i([12])), _s(_g(), _i([-13])), _s(_g(), _i([0], "int32")), _s(_g(), _i(3)),
    _s(_g(layout="strided"), _i([0, 5])), _s(_g((0,)), _i([], "int64")),
    _s(lambda m: make(m, 2.0), _i([0, 0])), _s(_rg(), _i([1]))))
record("take_along_dim", lazy(
    *[_s(lambda m, d=d: grid(m, (2, 3), d), _i([[0, 1], [1, 0]]), 1) for d in ALL_DTYPES],
    _s(_g((2, 3)), _i([[0, 1], [1, 0]])), _s(_g((2, 3)), _i([[0], [1]]), 1),
    _s(_g((2, 3)), _i([[0, 1, 1]]), 0), _s(_g((2, 3)), _i([[0, 1, 1]]), -2),
    _s(_g((2, 3)), _i([0, 1]), 0), _s(_g((2, 3)), _i([[0]], "int32"), 0),
_s(_g((2, 3, 4)), _i([[[0]], [[1]]]), 1),
    _s(_rg((2, 3)), _i([[0]]), 1), _s(_rg((2, 3)), _i([0]))))
record("put", lazy(
    *[_s(lambda m, d=d: grid(m, (3, 4), d), _i([0, 11, -1]),
         lambda m, d=d: grid(m, (3,), d, seed=6)) for d in ALL_DTYPES],
    _s(_g(), _i([0, 0, 1]), _g((3,)), True), _s(_g(), _i([12]), _g((1,))),
    _s(_g(), _i([0]), _g((2,))), _s(_g(), _i([0], "int32"), _g((1,))),
    _s(_g(), _i([0]), _g((1,), "float64")), _s(_g(layout="strided"), _i([1, 5]), _g((2,))),
    _s(_g(), _i([[0, 1]]), _g((2, 1))), _s(_rg(), _i([1]), _g((1,)))), inplace=True)


def _put_samples():
    return [
        *[_s(lambda m, d=d: grid(m, (3, 4), d), lambda m: (ints(m, [0, 2]),),
             lambda m, d=d: grid(m, (4,), d, seed=7)) for d in ALL_DTYPES],
        _s(_g(), lambda m: (ints(m, [0, 0]), ints(m, [1, 1])), lambda m: make(m, [1.0, 2.0]),
           True),
        _s(_g(), lambda m: (mask(m, [True, False, True]),), lambda m: make(m, 5.0)),
        _s(_g(), lambda m: (mask(m, [True, False, True]),), lambda m: make(m, 5, "int64")),
        _s(_g(), lambda m: (ints(m, [0]),), lambda m: make(m, 5, "int64")),
        _s(_g(), lambda m: (ints(m, [0, 1]), ints(m, [0, 1, 2])), lambda m: make(m, 5.0)),
        _s(_g(), lambda m: (ints(m, [5]),), lambda m: make(m, 5.0)),
        _s(_g(), lambda m: [ints(m, [1])], _g((1, 4))),
        _s(_g(), lambda m: (ints(m, [1]),), _g((2, 4))),
        _s(_g(), ints, lambda m: make(m, 5.0)),
        _s(_rg(), lambda m: (ints(m, [1]),), _g((4,)))]


record("index_put", lazy(*_put_samples()), inplace=True)
record("index_put_", lazy(*_put_samples()[:-1]))


def _along_samples(name):
    src = (lambda m, d: grid(m, (3, 2), d, seed=8))
    out = [_s(lambda m, d=d: grid(m, (3, 4), d), 1, _i([3, 0]), lambda m, d=d: src(m, d))
           for d in ALL_DTYPES]
    return out + [
        _s(_g(), 0, _i([2, 0, 2]), _g((3, 4), seed=9)), _s(_g(), -1, _i([1]), _g((3, 1))),
        _s(_g(), 1, _i([4]), _g((3, 1))), _s(_g(), 1, _i([-1]), _g((3, 1))),
        _s(_g(), 1, _i([1], "int32"), _g((3, 1))), _s(_g(), 1, _i([[1]]), _g((3, 1))),
        _s(_g(), 1, _i([1]), _g((3, 1), "float64")), _s(_g(), 1, _i([1]), _g((3, 2))),
        _s(_g(), 1, _i(1), _g((3,))), _s(_g(layout="strided"), 0, _i([0]), _g((1, 4))),
        _s(lambda m: make(m, 2.0), 0, _i([0]), lambda m: make(m, 5.0)),
        _s(_rg(), 1, _i([1]), _g((3, 1)))]


record("index_add", lazy(*_along_samples("index_add"),
                         lambda m: ((grid(m), 1, ints(m, [1, 1]), grid(m, (3, 2))),
                                    {"alpha": 2}),
                         lambda m: ((grid(m, (3, 4), "int64"), 1, ints(m, [1, 1]),
                                     grid(m, (3, 2), "int64")), {"alpha": 2.5})), inplace=True)
record("index_copy", lazy(*_along_samples("index_copy")), inplace=True)
record("index_fill", lazy(
    *[_s(lambda m, d=d: grid(m, (3, 4), d), 1, _i([3, 0]), 1) for d in ALL_DTYPES],
    _s(_g(), 1, _i([1]), lambda m: make(m, 2.5)), _s(_g(), 1, _i([1]), 2.5),
    _s(_g(), 1, _i([1]), lambda m: make(m, [2.5])), _s(_g(), 1, _i([4]), 2.5),
    _s(_g(), 1, _i([-1]), 2.5), _s(_g(), 1, _i([1], "int32"), 2.5),
    _s(_g((3, 4), "uint8"), 1, _i([1]), -1), _s(_g(), 1, _i([1]), 1 + 1j),
    _s(_g(layout="strided"), 0, _i([0]), 1.0), _s(_rg(), 1, _i([1]), 1.0),
    _s(_rg(), 1, _i([1]), lambda m: make(m, 2.5))), inplace=True)


def _nonzero_samples():
    return [*[_s(lambda m, d=d: grid(m, (3, 4), d)) for d in ALL_DTYPES],
            _s(lambda m: make(m, 0.0)), _s(lambda m: make(m, 3.0)), _s(_g((0, 3))),
            _s(lambda m: make(m, [[0.0, 0.0]])), _s(_g((2, 3, 2), "int64")),
            _s(_g(layout="strided"))]


record("nonzero", lambda m: [s(m) for s in _nonzero_samples()] + [
    ((s(m)[0][0],), {"as_tuple": True}) for s in _nonzero_samples()])
record("argwhere", lambda m: [s(m) for s in _nonzero_samples()])
