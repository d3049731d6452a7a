"""Op-table records: linear algebra (numtorch/_ops/linalg.py, linalg_decomp.py).

The `numtorch.linalg` functions have no top-level name for the harness to call: LINALG
samples build their results (or errors) and hand them to `t[...]`, which keeps dtype, shape,
strides and values; op_db_indexing.py adds them to the `__getitem__` record.
"""
import math

import numtorch.linalg  # noqa: F401  (until numtorch/__init__.py imports it)
from op_table import ALL_DTYPES, make, record, sample_values

_NUMERIC = tuple(d for d in ALL_DTYPES if d != "bool")


def _t(shape, dtype="float32", seed=0, layout="contiguous"):
    """Sample values; float64 ones are integers, so that sums are exact in any order."""
    values = sample_values(shape, "int64" if dtype == "float64" else dtype, seed)
    return lambda m: make(m, values, dtype, layout)


def _rg(shape, seed=0):
    return lambda m: make(m, sample_values(shape, "float32", seed)).requires_grad_()


def _s(*args, **kwargs):
    return lambda m: (tuple(a(m) if callable(a) else a for a in args), kwargs)


def _all(samples):
    return lambda m: [s(m) for s in samples]


def _pairs(sa, sb, dtypes=ALL_DTYPES):
    return [_s(_t(sa, d, 1), _t(sb, d, 2)) for d in dtypes]


_MATMUL = [
    *_pairs((2, 3), (3, 4)), *_pairs((3,), (3,)), *_pairs((2, 3), (3,), _NUMERIC),
    *_pairs((3,), (3, 2), _NUMERIC), *_pairs((2, 2, 3), (2, 3, 4), _NUMERIC),
    _s(_t((4, 2, 3)), _t((3, 2))), _s(_t((4, 2, 3)), _t((3,))), _s(_t((2, 3)), _t((4, 3, 2))),
    _s(_t((3,)), _t((4, 3, 2))), _s(_t((5, 1, 2, 3)), _t((4, 3, 2))),
    _s(_t((4, 2, 3)), _t((1, 3, 2))), _s(_t((0, 3)), _t((3, 0))), _s(_t((2, 0)), _t((0, 3))),
    _s(_t((3, 3), layout="transposed"), _t((3, 2))), _s(_t((3, 4), layout="strided"),
                                                         _t((2, 2))),
    _s(_rg((3,)), _rg((3,), 1)), _s(_rg((3,)), _rg((3, 2), 1)), _s(_rg((2, 3)), _rg((3,), 1)),
    _s(_rg((2, 3)), _rg((3, 2), 1)), _s(_rg((4, 2, 3)), _rg((3, 2), 1)),
    _s(_rg((4, 2, 3)), _rg((4, 3, 2), 1)), _s(_rg((2, 3)), _rg((4, 3, 2), 1)),
    _s(_rg((3,)), _rg((4, 3, 2), 1)),
    _s(_t((2, 3)), _t((3, 3), "float64")), _s(_t((3,)), _t((3,), "float64")),
    _s(_t((3, 3)), _t((3,), "float64")), _s(_t((3,)), _t((3, 3), "float64")),
    _s(_t((2, 3, 3)), _t((2, 3, 3), "float64")), _s(_t((2, 3)), _t((2, 3))),
    _s(_t((3,)), _t((4,))), _s(_t((2, 3)), _t((4,))), _s(_t((3,)), _t((4, 2))),
    _s(_t((2, 2, 3)), _t((2, 4, 2))), _s(_t((2, 2, 3)), _t((3, 3, 2))),
    _s(_t(()), _t((3,))), _s(_t((4, 2, 3)), _t((4,))), _s(_t((3, 3), "uint16"),
                                                        _t((3, 3), "uint16"))]
record("matmul", _all(_MATMUL))
record("__matmul__", _all(_MATMUL[:40]), function=False)
record("mm", _all([*_pairs((2, 3), (3, 4)), _s(_t((3,)), _t((3, 2))), _s(_t((3, 3)), _t((3,))),
                   _s(_t((2, 3)), _t((2, 3))), _s(_t((3, 3)), _t((3, 3), "int64")),
                   _s(_rg((2, 3)), _rg((3, 2), 1)), _s(_t((0, 3)), _t((3, 2)))]))
record("bmm", _all([*_pairs((2, 2, 3), (2, 3, 4)), _s(_t((2, 3, 3)), _t((3, 3))),
                    _s(_t((3, 3)), _t((2, 3, 3))), _s(_t((2, 3, 3)), _t((3, 3, 3))),
                    _s(_t((2, 3, 3)), _t((2, 4, 3))), _s(_t((2, 3, 3)), _t((2, 3, 3), "int64")),
                    _s(_rg((2, 3, 3)), _rg((2, 3, 3), 1))]))
record("mv", _all([*_pairs((2, 3), (3,)), _s(_t((2, 3)), _t((4,))), _s(_t((3,)), _t((3,))),
                   _s(_t((3, 3)), _t((3,), "int64")), _s(_rg((2, 3)), _rg((3,), 1))]))
_VEC = [_s(_t((2, 3)), _t((3,))), _s(_t((3,)), _t((4,))), _s(_t((3,)), _t((3,), "int64")),
        _s(_t((3,)), _t((3,), "float64")), _s(_rg((3,)), _rg((3,), 1)), _s(_t((0,)), _t((0,)))]
record("dot", _all([*_pairs((3,), (3,)), *_VEC]))
record("vdot", _all([*_pairs((3,), (3,)), *_VEC,
                     _s(_t((3,), "complex64", 1), _t((3,), "complex64", 2))]))
_OUTER = [*_pairs((3,), (2,)), _s(_t((3,), "int64"), _t((2,))), _s(_t((3, 1)), _t((2,))),
          _s(_t((3,)), _t(())), _s(_rg((3,)), _rg((2,), 1)), _s(_t((0,)), _t((2,)))]
record("outer", _all(_OUTER))
record("ger", _all(_OUTER))
record("inner", _all([*_pairs((2, 3), (3,), _NUMERIC), _s(_t((3,)), _t((3,))),
                      _s(_t((2, 3)), _t((4, 3))), _s(_t((2, 3)), _t((4,))),
                      _s(_t((2, 3)), _t((3,), "float64")), _s(_t(()), _t((2, 3), "int64")),
                      _s(_rg((3,)), _rg((3,), 1)), _s(_rg((2, 3)), _rg((3,), 1))]))
record("tensordot", _all([
    *[_s(_t((2, 3), d, 1), _t((3, 4), d, 2), 1) for d in _NUMERIC],
    _s(_t((2, 3)), _t((3, 4))), _s(_t((2, 3)), _t((3, 2)), 1),
    _s(_t((2, 3, 4)), _t((3, 4, 5)), 2), _s(_t((2, 3)), _t((2, 3)), ([0, 1], [0, 1])),
    _s(_t((2, 3)), _t((3, 2)), ([1], [0])), _s(_t((2, 3)), _t((4, 3)), ([1], [0])),
    _s(_t((2, 3)), _t((3, 2), "float64"), 1), _s(_t((2, 3)), _t((3, 2)), 0),
    _s(_rg((2, 3)), _rg((3, 2), 1), 1)]), method=False)
record("kron", _all([*_pairs((2, 3), (3, 2), _NUMERIC), _s(_t((2,)), _t((2, 3))),
                     _s(_t((2, 3), "int64"), _t((3, 2))), _s(_rg((2, 3)), _rg((3, 2), 1)),
                     _s(_t(()), _t((2,)))]))
record("cross", _all([
    *[lambda m, d=d: ((_t((2, 3), d, 1)(m), _t((2, 3), d, 2)(m)), {"dim": 1}) for d in _NUMERIC],
    _s(_t((2, 3)), _t((2, 3))), _s(_t((3, 3)), _t((3, 3))), _s(_t((2, 3)), _t((1, 3)), 1),
    _s(_t((2, 3)), _t((2, 3)), 0), _s(_t((2, 3)), _t((3,)), 1),
    _s(_t((3, 2)), _t((3, 2), "float64"), 0), _s(_rg((2, 3)), _rg((2, 3), 1), 1)]))
record("trace", _all([*[_s(_t((3, 3), d)) for d in ALL_DTYPES], _s(_t((3,))), _s(_t((2, 4))),
                      _s(_t((0, 0))), _s(_rg((3, 3)))]))
record("einsum", _all([
    *[_s("ij,jk->ik", _t((2, 3), d, 1), _t((3, 2), d, 2)) for d in _NUMERIC],
    _s("ii", _t((3, 3))), _s("ij->ji", _t((3, 3))), _s("i,i->", _t((3,)), _t((3,), seed=1)),
    _s("bij,bjk->bik", _t((2, 2, 3)), _t((2, 3, 2))), _s("i,j->ij", _t((3,)), _t((2,))),
    lambda m: (("ij,jk->ik", [_t((2, 3))(m), _t((3, 2))(m)]), {}),
    _s("ij,jk->ik", _t((2, 3)), _t((3, 2), "float64")),
    _s("ij,jk->ik", _t((2, 3)), _t((4, 2))), _s("...ij->...ji", _t((2, 3, 4))),
    _s("ii", _rg((3, 3))), _s("ii->i", _rg((3, 3))), _s("i,j->ij", _rg((3,)), _rg((2,), 1)),
    _s("bij,bjk", _rg((2, 2, 3)), _rg((2, 3, 2), 1))]),
    method=False)

_SQUARE = [[2.0, 1.0, 0.5], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]]
_SINGULAR = [[1.0, 2.0], [2.0, 4.0]]


def _sq(dtype="float32", batch=False):
    return lambda m: make(m, [_SQUARE, _SQUARE[::-1]] if batch else _SQUARE, dtype)


_DET = [*[_s(_sq(d)) for d in ALL_DTYPES], _s(_sq(batch=True)), _s(_t((2, 3))), _s(_t((3,))),
        _s(_t((0, 0))), _s(lambda m: make(m, _SINGULAR)),
        _s(lambda m: make(m, _SQUARE).requires_grad_()),
        _s(_sq("float64"))]
record("det", _all(_DET), rtol=1e-6)  # LAPACKs differ in the last bits of float64
record("inverse", _all([*_DET, _s(lambda m: make(m, [[0.0, 0.0], [0.0, 0.0]])),
                        _s(lambda m: make(m, [[1.0] * 3] * 3)),
                        _s(lambda m: make(m, [[[1.0] * 3] * 3] * 2))]), rtol=1e-6)
record("norm", _all([
    *[_s(_t((3, 4), d)) for d in ALL_DTYPES], _s(_t((3, 4)), 1), _s(_t((3, 4)), "nuc"),
    _s(_t((3, 4)), 3), _s(_t((3, 4)), math.inf), _s(_t((3, 4)), 0), _s(_t((3, 4)), -math.inf),
    _s(_t((3, 4)), 2, 1), _s(_t((3, 4)), 2, 1, True), _s(_t((3, 4)), "fro", (0, 1)),
    _s(_t((3, 4)), "bad"), _s(_t(())), _s(_t((0,))), _s(_rg((3, 4))), _s(_rg((3, 4)), 1),
    _s(_rg((3, 4)), "nuc"), _s(_rg((2, 3, 4)), "nuc", (1, 2), True),
    _s(_rg((3, 4)), math.inf, 1), _s(_rg((3, 4)), 0.5),
    _s(_t((3,), "complex64"))]))


# ---- numtorch.linalg, compared through `result[...]` (see op_db_indexing.py) ------------------
def _via(fn, *args, **kwargs):
    """A `__getitem__` sample: `m.linalg.<fn>(*args)` then `[...]`."""
    def build(m):
        kw = {k: v(m) if callable(v) else v for k, v in kwargs.items()}
        return ((getattr(m.linalg, fn)(*(a(m) if callable(a) else a for a in args), **kw),
                 Ellipsis), {})
    return build


LINALG = [
    _via("vector_norm", _t((3, 4))), _via("vector_norm", _t((3, 4)), 1),
    _via("vector_norm", _t((3, 4)), math.inf, dim=1, keepdim=True),
    _via("vector_norm", _t((3, 4)), 0, dim=(0, 1)), _via("vector_norm", _t((3, 4), "int64")),
    _via("vector_norm", _t((3, 4), "float16")), _via("vector_norm", _t((3,), "complex64")),
    _via("vector_norm", _t((3, 4)), 2, dtype=lambda m: m.float64),
    _via("vector_norm", _t((3, 4), "float64"), dtype=lambda m: m.float32),
    _via("vector_norm", _t((3,), "complex64"), dtype=lambda m: m.float64),
    _via("matrix_norm", _t((3, 4)), dtype=lambda m: m.complex64),
    _via("matrix_norm", _t((3, 4), "complex64"), dtype=lambda m: m.complex128),
    _via("matrix_norm", _t((3, 4))), _via("matrix_norm", _t((3, 4)), 2),
    _via("matrix_norm", _t((3, 4)), -1), _via("matrix_norm", _t((3, 4)), "nuc"),
    _via("matrix_norm", _t((2, 3, 4)), math.inf), _via("matrix_norm", _t((3,))),
    _via("matrix_norm", _t((3, 4)), 3), _via("matrix_norm", _t((3, 4), "int64")),
    _via("norm", _t((3, 4))), _via("norm", _t((3, 4)), 2), _via("norm", _t((3,)), 3),
    _via("norm", _t((2, 3, 4)), 2), _via("norm", _t((2, 3, 4)), dim=(1, 2)),
    _via("norm", _t((2, 3, 4)), 1, dim=2),
    _via("det", _sq()), _via("det", _sq(batch=True)), _via("det", _t((2, 3))),
    _via("inv", _sq()), _via("inv", _sq(batch=True)), _via("inv", _sq("float64")),
    _via("inv", lambda m: make(m, _SINGULAR)), _via("inv", _t((3, 3), "int64")),
    _via("inv", lambda m: make(m, [[[1.0] * 3] * 3] * 2)),
    _via("solve", _sq(), _t((3,))), _via("solve", _sq(), _t((3, 2))),
    _via("solve", _sq(batch=True), _t((2, 3))), _via("solve", _sq(batch=True), _t((2, 3, 2))),
    _via("solve", _sq(), _t((4,))), _via("solve", _sq(), _t((3,), "float64")),
    _via("solve", lambda m: make(m, _SINGULAR), _t((2,))),
    _via("cross", _t((2, 3)), _t((2, 3), seed=1)), _via("cross", _t((3, 2)), _t((3, 2))),
    _via("cross", _t((3, 2)), _t((3, 2)), dim=0)]
