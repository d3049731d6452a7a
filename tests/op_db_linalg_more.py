"""Op-table records: factorizations, solvers and powers (numtorch/_ops/linalg_factor.py,
linalg_solvers.py), and the `numtorch.linalg` samples (`LINALG_MORE`, run by
tests/test_linalg_more.py, since the generic harness calls only top-level names).

Singular vectors of wide matrices differ in sign between LAPACK builds: such samples are
in `SIGN_FREE` and compared up to the sign of each vector."""
import warnings

import numpy as np

from op_table import make, record, sample_values

# torch.cholesky, qr and triangular_solve warn once per process (TORCH_WARN_ONCE): spend
# both libraries' warnings now, so that no comparison depends on which test ran first
# (test_linalg_more.py checks the warnings in fresh processes)
_ONCE = {"cholesky": "m.cholesky(m.eye(2))", "qr": "m.qr(m.eye(2))", "lu": "m.lu(m.eye(2))",
         "lu_solve": "m.lu_solve(m.eye(2), *m.linalg.lu_factor(m.eye(2)))",
         "triangular_solve": "m.triangular_solve(m.eye(2), m.eye(2))"}


def _spend_warnings():
    import numtorch
    import torch
    for m in (numtorch, torch):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for call in _ONCE.values():
                eval(call, {"m": m})


_spend_warnings()

_GEN = [[2.0, 1.0, 0.5], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]]
_NEG = [[0.0, 1.0, 0.5], [1.0, 0.0, 2.0], [0.5, 1.0, 3.0]]
_SING = [[1.0, 2.0], [2.0, 4.0]]
_SPD = (np.array(_GEN) @ np.array(_GEN).T).tolist()
_CGEN = (np.array(_GEN) + 1j * np.array(_NEG)).tolist()
_HPD = (np.array(_CGEN) @ np.array(_CGEN).conj().T + np.eye(3)).tolist()
_TALL = [[1.0, 2.0], [3.0, -4.0], [5.0, 6.0]]
_UPPER = np.triu(_GEN).tolist()


def _m(values, dtype="float32", layout="contiguous"):
    return lambda m: make(m, values, dtype, layout)


def _batch(*mats, dtype="float32"):
    return lambda m: make(m, [list(x) for x in mats], dtype)


def _rand(shape, dtype="float32", seed=0):
    return _m(sample_values(shape, dtype, seed), dtype)


def _empty(*shape):
    return lambda m: m.zeros(shape)


def _s(*args, **kwargs):
    return lambda m: (tuple(a(m) if callable(a) else a for a in args), kwargs)


def _all(samples):
    return lambda m: [s(m) for s in samples]


def _float_types(values, extra=("float64",)):
    return [_s(_m(values, d)) for d in ("float32",) + tuple(extra)]


_SQUARE = [*_float_types(_GEN), _s(_m(_CGEN, "complex64")), _s(_m(_CGEN, "complex128")),
           _s(_batch(_GEN, _NEG)), _s(_m(_GEN, layout="transposed")), _s(_m(_GEN, "int64")),
           _s(_m(_GEN, "float16")), _s(_rand((2, 3))), _s(_rand((3,))), _s(_rand((0, 0))),
           _s(_rand((2, 0, 0))), _s(_empty(0, 0)), _s(_empty(2, 0, 0)), _s(_empty(0, 3, 3))]
record("slogdet", _all([*_SQUARE, _s(_m(_NEG)), _s(_m(_SING))]), rtol=1e-5)
record("logdet", _all([*_SQUARE, _s(_m(_NEG)), _s(_m(_SING)), _s(_m(_NEG, "float64"))]),
       rtol=1e-5)
_PD = [*_float_types(_SPD), _s(_m(_HPD, "complex64")), _s(_m(_HPD, "complex128")),
       _s(_batch(_SPD, np.eye(3).tolist())), _s(_m(_SPD, layout="transposed")),
       _s(_m(_SPD, "int64")), _s(_rand((2, 3))), _s(_rand((0, 0))), _s(_m(_SING)),
       _s(_batch(np.eye(2).tolist(), _SING)), _s(_m(_GEN)), _s(_empty(0, 0)),
       _s(_empty(2, 0, 0)), _s(_empty(0, 3, 3))]
record("cholesky", _all([*_PD, _s(_m(_SPD), True), _s(_m(_HPD, "complex64"), True),
                         _s(_m(_GEN), True)]), rtol=1e-4)
_MATRICES = [*_float_types(_TALL), _s(_m(_GEN)), _s(_m(_CGEN, "complex64")),
             _s(_m(_CGEN, "complex128")), _s(_batch(_GEN, _NEG)),
             _s(_m(_TALL, layout="transposed")), _s(_rand((3, 2, 2))), _s(_m(_GEN, "int64")),
             _s(_rand((3,))), _s(_rand((0, 2))), _s(_rand((3, 0))), _s(_empty(0, 2)),
             _s(_empty(3, 0)), _s(_empty(2, 0, 3)), _s(_empty(0, 3, 2))]
record("qr", _all([*_MATRICES, _s(_m(_TALL), False), _s(_m(np.array(_TALL).T.tolist()))]),
       rtol=1e-4)
record("svd", _all([*_MATRICES, _s(_m(_TALL), False), _s(_m(_TALL), True, False),
                    _s(_m(_TALL), compute_uv=False)]), rtol=1e-4)
record("pinverse", _all([*_MATRICES, _s(_m(_SING, "float64"), 1e-10), _s(_m(_SING), 0.5),
                         _s(_m(_TALL, "float64")), _s(_m(np.array(_TALL).T.tolist()))]),
       rtol=1e-4)
record("matrix_power", _all([
    *[_s(_m(_GEN, d), 2) for d in ("float32", "float64", "complex64", "int64", "int32")],
    _s(_m(_GEN), 0), _s(_m(_GEN), 1), _s(_m(_GEN), 3), _s(_m(_GEN), 6), _s(_m(_GEN), -1),
    _s(_m(_GEN), -3), _s(_batch(_GEN, _NEG), 5), _s(_m(_TALL), 2), _s(_rand((3,)), 2),
    _s(_m(_GEN, "int64"), -1), _s(_rand((0, 0)), 3), _s(_m(_SING), -1)]), rtol=1e-4)
record("matrix_exp", _all([*_float_types(_GEN), _s(_m(_CGEN, "complex64")),
                           _s(_m(_CGEN, "complex128")), _s(_batch(_GEN, _NEG)),
                           _s(_m((10 * np.array(_GEN)).tolist(), "float64")),
                           _s(_m(_GEN, "int64")), _s(_rand((2, 3))), _s(_rand((0, 0))),
                           _s(_m(_GEN, layout="transposed"))]), rtol=1e-4)
_TRI_B = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
record("triangular_solve", _all([
    _s(_m(_TRI_B), _m(_GEN)), _s(_m(_TRI_B, "float64"), _m(_GEN, "float64")),
    _s(_m(_TRI_B), _m(_GEN), False), _s(_m(_TRI_B), _m(_GEN), True, True),
    _s(_m(_TRI_B), _m(_GEN), False, True, True), _s(_m(_TRI_B, "complex64"),
                                                     _m(_CGEN, "complex64")),
    _s(_batch(_TRI_B, _TRI_B), _m(_GEN)), _s(_m(_TRI_B), _m(_GEN, "float64")),
    _s(_m(_TRI_B), _m(_TALL)), _s(_rand((3,)), _m(_GEN)),
    _s(_m(_TRI_B), _m(_UPPER, layout="transposed"))]), rtol=1e-4)
_CHOL = np.linalg.cholesky(np.array(_SPD)).tolist()
record("cholesky_solve", _all([
    _s(_m(_TRI_B), _m(_CHOL)), _s(_m(_TRI_B, "float64"), _m(_CHOL, "float64")),
    _s(_m(_TRI_B), _m(np.array(_CHOL).T.tolist()), True),
    _s(_m(_TRI_B, "complex64"), _m(np.linalg.cholesky(np.array(_HPD)).tolist(), "complex64")),
    _s(_batch(_TRI_B, _TRI_B), _m(_CHOL)), _s(_m(_TRI_B), _m(_CHOL, "float64")),
    _s(_m(_TRI_B[:2]), _m(_CHOL)), _s(_m(_TRI_B, "int64"), _m(_CHOL, "int64"))]), rtol=1e-4)


def _factored(a, dtype="float32", b=None, **kwargs):
    """(LU, pivots) of `a` (detached), after the right-hand side `b` when given."""
    def build(m):
        LU, piv = m.linalg.lu_factor(make(m, a, dtype))
        return ((make(m, b, dtype),) if b is not None else ()) + (LU.detach(), piv), kwargs
    return build


record("lu", _all([*_float_types(_GEN), _s(_m(_CGEN, "complex64")), _s(_m(_TALL)),
                   _s(_m(np.array(_TALL).T.tolist())), _s(_batch(_GEN, _NEG)),
                   _s(_m(_SING), get_infos=True), _s(_m(_GEN), True, True), _s(_m(_GEN, "int64")),
                   _s(_rand((3,))), _s(_empty(0, 0)), _s(_m(_GEN), pivot=False)]))
record("lu_unpack", lambda m: [b(m) for b in (
    _factored(_GEN), _factored(_GEN, "float64"), _factored(_CGEN, "complex64"), _factored(_TALL),
    _factored(np.array(_TALL).T.tolist()), _factored(_GEN, unpack_data=False),
    _factored(_TALL, unpack_pivots=False), _factored([_GEN, _NEG]))] + [
    ((m.zeros(3), m.zeros(3, dtype=m.int32)), {}),
    ((m.eye(2), m.ones(2, dtype=m.int64)), {})], method=False)
record("lu_solve", lambda m: [b(m) for b in (
    _factored(_GEN, b=[[1.0], [2.0], [3.0]]), _factored(_GEN, "float64", b=_TALL),
    _factored(_CGEN, "complex64", b=[[1.0], [2.0], [3.0]]),
    _factored(_GEN, b=[[1.0, 2.0], [3.0, 4.0]]))])


# ---- numtorch.linalg: name -> samples ---------------------------------------------------------
_WIDE = np.array(_TALL).T.tolist()
def _lu_sample(a, b, dtype="float32", b_dtype=None, **kwargs):
    def build(m):
        LU, piv = m.linalg.lu_factor(make(m, a, dtype))
        return (LU.detach(), piv, make(m, b, b_dtype or dtype)), kwargs
    return build


_SVD = [_s(_m(_TALL), full_matrices=False), *_MATRICES, _s(_m(_TALL, "float64"), False),
        _s(_m(_TALL), driver="gesvd"),
        _s(_m(_WIDE)), _s(_m(_WIDE), False)]
_EIG = [*_SQUARE[:7], *_SQUARE[8:], _s(_m([[0.0, 1.0], [-1.0, 0.0]]))]
LINALG_MORE = {
    "slogdet": _all([*_SQUARE, _s(_m(_NEG)), _s(_m(_SING))]),
    "cholesky": _all([*_PD, _s(_m(_SPD), upper=True)]),
    "cholesky_ex": _all([*_PD, _s(_m(_SPD), upper=True), _s(_m(_GEN), check_errors=True),
                         _s(_m([[4.0, 2.0, 1.0], [2.0, 1.0, 3.0], [1.0, 3.0, 2.0]]))]),
    "inv_ex": _all([*_SQUARE, _s(_m(_SING)), _s(_m(_SING), check_errors=True),
                    _s(_batch(_GEN, _NEG, _GEN))]),
    "qr": _all([*_MATRICES, _s(_m(_TALL), "complete"), _s(_m(_TALL), mode="r"),
                _s(_m(_WIDE)), _s(_m(_WIDE), "complete"), _s(_m(_TALL), "bad")]),
    "eigh": _all([*_PD, _s(_m(_GEN), "U"), _s(_m(_GEN), UPLO="L"), _s(_m(_GEN), "X"),
                  _s(_m(_HPD, "complex128"), "U")]),
    "eigvalsh": _all([*_PD, _s(_m(_GEN), "U"), _s(_m(_HPD, "complex128"), "U")]),
    "svd": _all(_SVD),
    "svdvals": _all([*_MATRICES, _s(_m(_WIDE)), _s(_m(_TALL), driver="gesvd")]),
    "pinv": _all([*_MATRICES, _s(_m(_SING)), _s(_m(_SING), hermitian=True),
                  _s(_m(_SPD), hermitian=True), _s(_m(_TALL), atol=3.0),
                  _s(_m(_TALL), rtol=0.5), _s(_m(_WIDE))]),
    "matrix_power": _all([_s(_m(_GEN), 4), _s(_m(_GEN), -2), _s(_m(_GEN, "int64"), 3),
                          _s(_m(_TALL), 2)]),
    "matrix_rank": _all([*_MATRICES, _s(_m(_SING)), _s(_m(_SPD), hermitian=True),
                         _s(_m(_GEN), atol=1.0, rtol=0.0), _s(_m(_GEN), tol=2.0),
                         _s(_m(_GEN), rtol=0.5)]),
    "solve_triangular": _all([
        _s(_m(_GEN), _m(_TRI_B), upper=True), _s(_m(_GEN), _m(_TRI_B), upper=False),
        _s(_m(_GEN, "float64"), _m(_TRI_B, "float64"), upper=True, unitriangular=True),
        _s(_m(_GEN), _m(_WIDE), upper=True, left=False),
        _s(_m(_CGEN, "complex64"), _m(_TRI_B, "complex64"), upper=False),
        _s(_batch(_GEN, _NEG), _m(_TRI_B), upper=True), _s(_m(_GEN), _m(_TRI_B)),
        _s(_m(_GEN), _m(_TRI_B, "float64"), upper=True),
        _s(_m(_GEN, "int64"), _m(_TRI_B, "int64"), upper=True),
        _s(_m(_GEN), _m(_TRI_B), upper=True, left=False), _s(_m(_GEN), _rand((3,)), upper=True),
        _s(_m(np.triu(_GEN, 1).tolist()), _m(_TRI_B), upper=True)]),
    "multi_dot": _all([lambda m: (([_m(_GEN)(m), _m(_TALL)(m)],), {}),
                       lambda m: (([_rand((3,))(m), _m(_GEN)(m), _m(_TALL)(m)],), {}),
                       lambda m: (([_m(_GEN)(m), _m(_GEN)(m), _rand((3,))(m)],), {}),
                       lambda m: (([_m(_GEN)(m)],), {}),
                       lambda m: (([_m(_GEN)(m), _m(_GEN, "float64")(m)],), {}),
                       lambda m: (([_m(_TALL)(m), _m(_GEN)(m)],), {}),
                       lambda m: (([_rand((2, 3, 3))(m), _m(_GEN)(m)],), {})]),
    "matrix_exp": _all([_s(_m(_GEN)), _s(_batch(_GEN, _NEG)), _s(_m(_CGEN, "complex128"))]),
    "eig": _all(_EIG),
    "eigvals": _all(_EIG),
    "vecdot": _all([_s(_m(_GEN), _m(_NEG)), _s(_m(_GEN), _rand((3,)), dim=0),
                    _s(_m(_CGEN, "complex64"), _m(_GEN, "complex64")),
                    _s(_m(_GEN), _m(_NEG, "float64")), _s(_m(_GEN, "int64"), _m(_GEN, "int64")),
                    _s(_m(_GEN), _m(_TALL))]),
    "diagonal": _all([_s(_m(_GEN)), _s(_m(_TALL), offset=-1),
                      _s(_rand((2, 3, 4)), dim1=0, dim2=2)]),
    "lstsq": _all([_s(_m(_TALL), _m(_TRI_B)), _s(_m(_GEN), _m(_TRI_B)),
                   _s(_m(_TALL), _rand((3,))), _s(_m(_TALL), _m(_TRI_B), driver="gelsd"),
                   _s(_m(_TALL, "float64"), _m(_TRI_B, "float64"), driver="gelss"),
                   _s(_m(_TALL), _m(_TRI_B), driver="gels"), _s(_m(_WIDE), _m(_TRI_B[:2])),
                   _s(_m([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), _m(_TRI_B)),
                   _s(_m(_GEN), _rand((3,))), _s(_batch(_GEN, _NEG), _batch(_TRI_B, _TRI_B)),
                   _s(_batch(_GEN, _NEG), _rand((2, 3))), _s(_batch(_GEN, _NEG), _rand((4, 3))),
                   _s(_m(_CGEN, "complex128"), _m(_TRI_B, "complex128")),
                   _s(_m(_GEN, "int64"), _m(_GEN, "int64")), _s(_m(_GEN), _m(_TALL[:2])),
                   _s(_m(_GEN), _m(_TRI_B, "float64")), _s(_rand((3,)), _rand((3,))),
                   _s(_m(_GEN), _m(_GEN), driver="foo"), _s(_m(_TALL), _m(_TRI_B), 0.5)]),
    "cond": _all([_s(_m(_GEN)), *[_s(_m(_GEN), p) for p in (1, -1, 2, -2, "fro", "nuc",
                                                             float("inf"), -float("inf"))],
                  _s(_m(_TALL)), _s(_m(_TALL), 1), _s(_m(_SING, "float64")),
                  _s(_m(_SING), 1), _s(_m(_GEN), 3), _s(_rand((3,))), _s(_empty(0, 0)),
                  _s(_empty(0, 0), 1), _s(_batch(_GEN, _NEG), "fro"),
                  _s(_m(_CGEN, "complex128"), 1), _s(_m(_GEN, "int64"))]),
    "lu_factor": _all([*_MATRICES, _s(_m(_SING)), _s(_batch(np.eye(2).tolist(), _SING)),
                       _s(_m(_GEN), pivot=False), _s(_m(_WIDE))]),
    "lu_factor_ex": _all([*_MATRICES, _s(_m(_SING)), _s(_batch(np.eye(2).tolist(), _SING)),
                          _s(_m(_SING), check_errors=True), _s(_m(_WIDE))]),
    "lu": _all([*_MATRICES, _s(_m(_SING)), _s(_m(_WIDE)), _s(_rand((2, 4, 3))),
                _s(_rand((2, 3, 4)))]),
    "lu_solve": _all([_lu_sample(_GEN, _TRI_B), _lu_sample(_GEN, _TRI_B, "float64"),
                      _lu_sample(_GEN, _TRI_B, adjoint=True),
                      _lu_sample(_GEN, _WIDE, left=False),
                      _lu_sample(_GEN, _WIDE, left=False, adjoint=True),
                      _lu_sample(_CGEN, _TRI_B, "complex128"),
                      _lu_sample(_CGEN, _TRI_B, "complex128", adjoint=True),
                      _lu_sample(_NEG, _TRI_B[:2]), _lu_sample(_GEN, _TRI_B, b_dtype="float64")]),
    "vander": _all([_s(_rand((3,))), _s(_rand((2, 3)), N=4), _s(_m([1, 2, 3], "int64")),
                    _s(_rand((3,)), N=1), _s(_rand(())), _s(_rand((3,), "complex64"))]),
}

# (name, index) of samples whose singular vectors (wide matrices) or eigenvectors are compared
# up to sign (phase): PyTorch's eig signs even change from one call to the next
SIGN_FREE = {("svd", len(_SVD) - 2), ("svd", len(_SVD) - 1)} | {("eig", i)
                                                                 for i in range(len(_EIG))}
