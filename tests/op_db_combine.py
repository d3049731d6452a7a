"""Op-table records: numtorch/_ops/combine*.py (addmm family, addcmul/addcdiv, distances,
grids and index helpers)."""
from op_table import make, record, sample_values

_NUM = ("uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32",
        "float64", "complex64")


def _t(shape, dtype="float32", seed=0, layout="contiguous"):
    """Sample values (float64 ones integers, so that sums are exact in any order)."""
    values = sample_values(shape, "int64" if dtype == "float64" else dtype, seed)
    return lambda m: make(m, values, dtype, layout)


def _z(*shape):
    return lambda m: m.zeros(shape)


def _s(*args, **kwargs):
    """A sample; arguments and keyword values may be functions of the module."""
    return lambda m: (tuple(a(m) if callable(a) else a for a in args),
                      {k: v(m) if callable(v) else v for k, v in kwargs.items()})


def _all(samples):
    return lambda m: [s(m) for s in samples]


def _affine(shapes, bad, broadcast=True, mixed=True):
    """Samples of an addmm-like op whose (input, a, b) have `shapes`; `bad` more samples;
    `broadcast`: with inputs broadcast to the result (not for addbmm_, which resizes)."""
    si, sa, sb = shapes
    out = [_s(_t(si, d), _t(sa, d, 1), _t(sb, d, 2)) for d in _NUM + ("bool", "uint16")]
    out += [_s(_t(si), _t(sa, seed=1), _t(sb, seed=2), beta=2, alpha=0.5),
            _s(_t(si, "int64"), _t(sa, "int64", 1), _t(sb, "int64", 2), beta=3, alpha=-2),
            _s(_t(si, "float64"), _t(sa, "float64", 1), _t(sb, "float64", 2), beta=0),
            *([_s(_t(si[1:]), _t(sa, seed=1), _t(sb, seed=2)),
               _s(_t(()), _t(sa, seed=1), _t(sb, seed=2), alpha=2)] if broadcast else []),
            _s(_t(si, "complex64"), _t(sa, "complex64", 1), _t(sb, "complex64", 2),
               beta=1j, alpha=2 - 1j),
            _s(lambda m: m.full(si, float("nan")), _t(sa, seed=1), _t(sb, seed=2), beta=0),
            _s(_t(si), _t(sa, seed=1), _t(sb, seed=2), beta=1j),
            *([_s(_t(si), _t(sa, "float64", 1), _t(sb, "float64", 2))] if mixed else []),
            _s(_t(si, "int64"), _t(sa, seed=1), _t(sb, seed=2)),
            ]
    return out + bad


_MM = _affine(((2, 3), (2, 4), (4, 3)), [
    _s(_t((2, 3)), _t((2, 4), seed=1), _t((5, 3), seed=2)),
    _s(_t((3, 3)), _t((2, 4), seed=1), _t((4, 3), seed=2)),
    _s(_t((3,)), _t((4,), seed=1), _t((4, 3), seed=2)),
    _s(_t((2, 3), layout="transposed"), _t((2, 4), seed=1, layout="transposed"),
       _t((4, 3), seed=2, layout="strided")),
    _s(_z(0, 3), _z(0, 4), _t((4, 3), seed=2)),
    _s(_t((2, 3)), _z(2, 0), _z(0, 3), beta=2)])
record("addmm", _all(_MM), inplace=True)
_MV = _affine(((2,), (2, 4), (4,)), [
    _s(_t((3,)), _t((2, 4), seed=1), _t((4,), seed=2)),
    _s(_t((2,)), _t((2, 4), seed=1), _t((5,), seed=2)),
    _s(_t((2,)), _t((2, 4, 1), seed=1), _t((4,), seed=2)),
    _s(_t((2,)), _t((4, 2), seed=1, layout="transposed"), _t((4,), seed=2)),
    _s(_t((0,)), _z(0, 4), _t((4,), seed=2))])
record("addmv", _all(_MV), inplace=True)
_R = _affine(((2, 3), (2,), (3,)), [
    _s(_t((2, 3), "int64"), _t((2,), "float32", 1), _t((3,), "float64", 2)),
    _s(_t((2, 3), "int64"), _t((2,), "int64", 1), _t((3,), "int64", 2), beta=2.5),
    _s(_t((2, 3)), _t((2, 1), seed=1), _t((3,), seed=2)),
    _s(_t((3, 3)), _t((2,), seed=1), _t((3,), seed=2)),
    _s(_t((2, 3), layout="transposed"), _t((2,), seed=1), _t((3,), seed=2, layout="strided"))],
    mixed=False)
record("addr", _all(_R), inplace=True)
_B = _affine(((2, 2, 3), (2, 2, 4), (2, 4, 3)), [
    _s(_t((2, 2, 3)), _t((2, 2, 4), seed=1), _t((3, 4, 3), seed=2)),
    _s(_t((2, 2, 3)), _t((2, 2, 4), seed=1), _t((2, 5, 3), seed=2)),
    _s(_t((3, 2, 3)), _t((2, 2, 4), seed=1), _t((2, 4, 3), seed=2))])
record("baddbmm", _all(_B), inplace=True)
_AB = _affine(((2, 3), (5, 2, 4), (5, 4, 3)), [
    _s(_t((2, 3)), _t((5, 2, 4), seed=1), _t((4, 4, 3), seed=2)),
    _s(_t((2, 3)), _z(0, 2, 4), _z(0, 4, 3))], broadcast=False)
record("addbmm", _all(_AB), inplace=True)


def _pointwise(extra):
    out = [_s(_t((2, 3), d), _t((2, 3), d, 1), _t((3,), d, 2)) for d in _NUM + ("bool",)]
    out += [_s(_t((2, 3)), _t((2, 3), seed=1), _t((2, 3), seed=2), value=0.5),
            _s(_t((2, 3), "int64"), _t((3,), "float32", 1), _t((2, 1), "float64", 2),
               value=2),
            _s(_t((2, 3), "int64"), _t((3,), "int64", 1), _t((2, 1), "int64", 2), value=2),
            _s(_t((2,)), _t((3,), seed=1), _t((2,), seed=2)),
            _s(_t((2,)), _t((3, 2), seed=1), _t((2,), seed=2)),
            _s(_t(()), _t((), "float64", 1), _t((), "float64", 2)),
            _s(_t((3,)), _t((), "float64", 1), _t((3,), seed=2), value=-1),
            _s(_t((3, 2), layout="transposed"), _z(0, 1), _t((2,), seed=2)),
            _s(_t((3, 3), layout="strided"), _t((3, 3), seed=1, layout="transposed"),
               _t((3,), seed=2))]
    return out + extra


record("addcmul", _all(_pointwise([])), inplace=True)
record("addcdiv", _all(_pointwise([
    _s(_t((2, 3)), _t((3,), "int64", 1), _t((2, 1), "int32", 2)),
    _s(_t((2, 3), "int64"), _t((3,), "float32", 1), _t((2, 1), "int32", 2))])), inplace=True)


# ---- distances, grids, index helpers ------------------------------------------------------
_F2 = ("float32", "float64")
record("cdist", _all([
    *[_s(_t((3, 2), d), _t((4, 2), d, 1)) for d in _F2],
    *[_s(_t((3, 2)), _t((4, 2), seed=1), p=p) for p in (0, 1, 3, 0.5, float("inf"))],
    _s(_t((2, 3, 2)), _t((1, 4, 2), seed=1)), _s(_t((3, 2)), _t((2, 4, 2), seed=1), p=1),
    _s(_t((3, 2)), _t((4, 2), seed=1), compute_mode="use_mm_for_euclid_dist"),
    _s(_t((2, 3, 2), "float64"), _t((4, 2), "float64", 1),
       compute_mode="use_mm_for_euclid_dist"),
    _s(_t((26, 2)), _t((3, 2), seed=1)), _s(_t((26, 2)), _t((3, 2), seed=1), p=1),
    _s(_t((26, 2)), _t((3, 2), seed=1), compute_mode="donot_use_mm_for_euclid_dist"),
    _s(_t((2, 3), layout="transposed"), _t((3, 6), seed=1, layout="strided")),
    _s(_z(0, 2), _t((4, 2), seed=1)), _s(_t((3, 2)), _z(3, 0)),
    _s(lambda m: make(m, [[1.0, 2.0], [3.0, 4.0]]), lambda m: make(m, [[1.0, 2.0]])),
    _s(lambda m: make(m, [[1.0, 2.0], [3.0, 4.0]]), lambda m: make(m, [[1.0, 2.0]]), p=3),
    _s(_t((3,)), _t((4, 3), seed=1)), _s(_t((3, 2)), _t((4, 3), seed=1)),
    _s(_t((3, 2), "int64"), _t((4, 2), "int64", 1)), _s(_t((3, 2)), _t((4, 2), "float64", 1)),
    _s(_t((3, 2)), _t((4, 2), seed=1), p=-1), _s(_t((3, 2), "float16"), _t((4, 2), "float16")),
    _s(_t((3, 2)), _t((4, 2), seed=1), compute_mode="foo"),
    _s(_t((2, 3, 2)), _t((3, 4, 2), seed=1))]), method=False)
record("pdist", _all([
    *[_s(_t((4, 3), d)) for d in _F2], *[_s(_t((4, 3)), p) for p in (0, 1, 3, 0.5, float("inf"))],
    _s(_t((3, 4), layout="transposed")), _s(_t((4, 2), "complex64")),
    _s(lambda m: make(m, [[1.0, 2.0], [1.0, 2.0], [3.0, 2.0]]), 0.5),
    _s(lambda m: make(m, [[1.0, 2.0], [1.0, 2.0], [3.0, 2.0]])), _s(_t((3,))),
    _s(_t((2, 4, 3))), _s(_t((4, 3), "int64")), _s(_t((4, 3)), -1),
    _s(_t((4, 3), "float16"))]), method=False)
record("pairwise_distance", _all([
    *[_s(_t((3, 4), d), _t((3, 4), d, 1)) for d in _F2], _s(_t((3, 4)), _t((4,), seed=1)),
    *[_s(_t((3, 4)), _t((3, 4), seed=1), p) for p in (1, 3, float("inf"))],
    _s(_t((3, 4)), _t((3, 4), seed=1), eps=0.1, keepdim=True), _s(_t((4,)), _t((4,), seed=1)),
    _s(_t(()), _t((), seed=1)), _s(_t((3, 4), "int64"), _t((3, 4), "int64", 1)),
    _s(_t((2, 3, 4), layout="strided"), _t((3, 4), seed=1)), _s(_t((3, 2)), _t((2, 2)))]),
    method=False)
record("dist", _all([
    *[_s(_t((3, 2), d), _t((2,), d, 1)) for d in ("float16", "bfloat16") + _F2],
    *[_s(_t((3, 2)), _t((3, 2), seed=1), p) for p in (0, 1, 3, float("inf"))],
    _s(_t((3, 2)), _t((2,), "float64", 1)), _s(_t(()), _t((), seed=1)),
    _s(_t((3, 2), "complex64"), _t((3, 2), "complex64", 1)), _s(_z(0, 2), _t((2,))),
    _s(_t((3, 2), "int64"), _t((2,), "int64", 1)), _s(_t((2,), "bool"), _t((2,), "bool")),
    _s(_t((3, 2)), _t((3,), seed=1))]))


def _mesh(indexing):
    return [_s(_t((3,)), _t((2,), seed=1), indexing=indexing),
            _s(_t((3,)), _t((2,), seed=1), _t((4,), seed=2), indexing=indexing),
            _s(lambda m: [make(m, [1, 2], "int64"), make(m, [3], "int64")], indexing=indexing),
            _s(_t(()), _t((2,), seed=1), indexing=indexing),
            _s(_t((4,), layout="strided"), _z(0), indexing=indexing),
            _s(_t((3,), "complex64"), indexing=indexing)]


record("meshgrid", _all(_mesh("ij") + _mesh("xy") + [
    _s(_t((2,)), _t((2,), "int64"), indexing="ij"), _s(_t((2,)), indexing="foo"),
    _s(indexing="ij")]), method=False)
record("cartesian_prod", _all([
    _s(_t((2,)), _t((3,), seed=1)), _s(_t((2,), "int64"), _t((3,), "int64", 1),
                                       _t((2,), "int64", 2)),
    _s(_t((2,))), _s(_t((2,)), _z(0)), _s(_t((4,), layout="strided"), _t((2,))),
    _s(_t((2, 2)), _t((2,))), _s(_t((2,)), _t((2,), "float64"))]), method=False)
record("combinations", _all([
    *[_s(_t((4,), d)) for d in ("bool", "int64", "float32", "complex64")],
    _s(_t((4,)), 3), _s(_t((4,)), r=3, with_replacement=True), _s(_t((4,)), 0),
    _s(_t((2,)), 3), _s(_t((3,)), 1), _s(_t((3,)), with_replacement=True), _s(_z(0)),
    _s(_t((6,), layout="strided")), _s(_t((2, 2))), _s(_t((2,)), -1)]), method=False)
record("block_diag", _all([
    _s(_t((2, 3)), _t((2,), seed=1), _t((), seed=2), _t((1, 2), seed=3)),
    _s(_t((2, 2), "int64"), _t((3,), "float64", 1)), _s(_t((2, 2), "bool")),
    _s(_t((2, 3), layout="transposed"), _z(0, 2), _t((2, 2), "complex64")), _s(),
    _s(_t((2, 2, 2)))]), method=False)
for _name in ("tril_indices", "triu_indices"):
    record(_name, _all([_s(3, 4), _s(3, 4, -1), _s(4, 3, 1), _s(3, 3, 5), _s(0, 3),
                        _s(3, 4, 1, dtype=lambda m: m.int32), _s(-1, 4), _s(3, -2),
                        _s(3, 3, dtype=lambda m: m.float32)]), method=False)

record("rot90", _all([
    *[_s(_t((2, 3), d)) for d in ("bool", "int64", "float32", "complex64")],
    *[_s(_t((2, 3)), k) for k in (0, 2, 3, -1, 5)],
    _s(_t((2, 3, 2)), -1, (2, 0)), _s(_t((2, 3, 2)), 1, [-1, 1]),
    _s(_t((2, 3), layout="transposed"), 0), _s(_t((2, 6), layout="strided"), 1),
    _s(_z(0, 3)), _s(_t((2, 3)), 1, [0]), _s(_t((3,))), _s(_t((2, 3)), 1, [0, 0]),
    _s(_t((2, 3)), 1, [0, 2]), _s(_t((2, 3)), 1, [0, -3]), _s(_t((2, 3)), 1, [0, -2])]))
_RI = [_s(_t((2, 3)), 2), _s(_t((2, 3)), 2, dim=1), _s(_t((2, 3), "int64"), 3, 0),
       _s(_t((2, 3)), lambda m: m.tensor([1, 2]), dim=0),
       _s(_t((2, 3)), lambda m: m.tensor([2]), dim=1),
       _s(_t((2, 3)), lambda m: m.tensor(2), dim=-1),
       _s(_t((2, 3)), lambda m: m.tensor([1, 0, 2], dtype=m.int32), 1),
       _s(_t((2, 3)), lambda m: m.tensor([1, 2]), dim=0, output_size=3),
       _s(_t(()), 3), _s(_t((2, 3), "complex64"), 0), _s(_z(0, 3), 2, 0),
       _s(_t((2, 6), layout="strided"), lambda m: m.tensor([1, 2, 1]), 1),
       _s(_t((2, 3)), lambda m: m.tensor([1, 2, 3]), dim=0), _s(_t((2, 3)), -1),
       _s(_t((2, 3)), lambda m: m.tensor([1, -2]), dim=0),
       _s(_t((2, 3)), lambda m: m.tensor([[1, 2]]), dim=0),
       _s(_t((2, 3)), lambda m: m.tensor([1.0, 2.0]), dim=0), _s(_t((2, 3)), 2, dim=2)]
record("repeat_interleave", _all(_RI + [
    _s(lambda m: m.tensor([1, 2, 0])), _s(lambda m: m.tensor([1, 2], dtype=m.int32)),
    _s(lambda m: m.tensor([1, -1])), _s(lambda m: m.tensor([1.0]))]))
record("diff", _all([
    *[_s(_t((2, 4), d)) for d in ("bool", "uint8", "int64", "float16", "float32",
                                  "complex64")],
    _s(_t((3, 4)), 2, 0), _s(_t((3, 4)), n=3), _s(_t((3,)), n=5), _s(_t((3,)), n=0),
    _s(_t((2, 3)), prepend=_t((2, 1), seed=1), append=_t((2, 2), "int64", 2)),
    _s(_t((2, 3)), 1, 0, _t((1, 3), seed=1)), _s(_t((2, 6), layout="strided")),
    _s(_t((3, 2), layout="transposed"), dim=1), _s(_z(0, 3)), _s(_t(())), _s(_t((3,)), -1),
    _s(_t((3,)), prepend=_t(())), _s(_t((3,)), 1, 1)]))


# ---- composite ops ----------------------------------------------------------------------------
record("fill_diagonal", _all([
    *[_s(_t((3, 3), d), 7) for d in ("bool", "int64", "float32", "complex64")],
    _s(_t((7, 3)), 2.5), _s(_t((7, 3)), -1, True), _s(_t((8, 3)), 0, wrap=True),
    _s(_t((3, 7)), 1, wrap=True), _s(_t((2, 2, 2)), 7), _s(_t((2, 3, 2)), 7), _s(_t((3,)), 7),
    _s(_t((3, 3), "int64"), 7.5), _s(_t((4, 3), layout="transposed"), 7),
    _s(_t((3, 3)), 1j), _s(_z(0, 3), 1)]), function=False, method=False, inplace=True)
record("relu_", _all([_s(_t((2, 3), d)) for d in ("int64", "float32", "float64")]
                     + [_s(_t((2, 3), "bool")), _s(_t(()))]))
record("cosine_similarity", _all([
    *[_s(_t((2, 3), d), _t((3,), d, 1)) for d in ("float16", "float32", "float64")],
    _s(_t((2, 3)), _t((3,), seed=1), dim=-1, eps=0.1), _s(_t((3,)), _t((3,), seed=1), 0),
    _s(_t((2, 3), "int64"), _t((2, 3), "float64", 1)),
    _s(lambda m: m.zeros(2, 3), _t((2, 3), seed=1)),
    _s(_t((3, 2), layout="transposed"), _t((2, 6), seed=1, layout="strided"), 0),
    _s(_t((2, 3), "int64"), _t((2, 3), "int64", 1)), _s(_t((2, 3)), _t((4,))),
    _s(_t(()), _t(()))]), method=False)
record("vander", _all([
    *[_s(_t((3,), d)) for d in ("bool", "int8", "int32", "int64", "float16", "float32",
                                "float64", "complex64")],
    _s(_t((3,)), 2, True), _s(_t((3,)), N=4), _s(_t((3,), "int64"), N=0),
    _s(_t((3,)), N=1, increasing=True), _s(_z(0)), _s(_t((6,), layout="strided")),
    _s(_t((2, 2))), _s(_t((2,)), -1)]), method=False)
_TRAPZ = [
    *[_s(_t((2, 3), d)) for d in ("uint8", "int64", "float16", "float32", "float64",
                                  "complex64")],
    _s(_t((2, 3)), _t((3,), seed=1)), _s(_t((2, 3)), _t((2, 3), seed=1)),
    _s(_t((2, 3), "int64"), _t((3,), "int64", 1)), _s(_t((2, 3)), _t((2,), seed=1), dim=0),
    _s(_t((2, 3, 2)), _t((3, 2), seed=1), dim=1), _s(_t((2, 3)), dx=2, dim=0),
    _s(_t((2, 3)), dx=0.5), _s(_t((3, 2), layout="transposed")), _s(_z(2, 0)),
    _s(_t((2, 1))), _s(_t(())), _s(_t((2, 3)), _t((4,))), _s(_t((2, 3), "bool")),
    _s(_t((2, 3)), _t((3,), "bool")), _s(_t((2, 3)), dx=1j), _s(_t((2, 3)), dim=2)]
record("trapezoid", _all(_TRAPZ), method=False)
record("trapz", _all(_TRAPZ[:13] + [_s(_t((2, 3)), dx=3)]), method=False)
record("cumulative_trapezoid", _all([s for i, s in enumerate(_TRAPZ) if i != 14]),
       method=False)
_COV = [
    *[_s(_t((2, 4), d)) for d in ("uint8", "int64", "float32", "float64", "complex64")],
    _s(_t((4,))), _s(_t((3, 4)), correction=0), _s(_t((3, 4)), correction=2),
    _s(_t((2, 3)), fweights=lambda m: m.tensor([1, 2, 1]),
       aweights=lambda m: m.tensor([0.5, 1.0, 2.0])),
    _s(_t((2, 3)), correction=0, aweights=lambda m: m.tensor([0.5, 1.0, 2.0])),
    _s(_t((2, 3)), fweights=lambda m: m.tensor([1, 0, 3])), _s(_t((4, 2), layout="transposed")),
    _s(_t((2, 1))), _s(_t((2, 2, 2))), _s(_t((2, 3), "bool")),
    _s(_t((2, 3)), fweights=lambda m: m.tensor([1.0, 2.0, 1.0])),
    _s(_t((2, 3)), fweights=lambda m: m.tensor([1, 2])),
    _s(_t((2, 3)), fweights=lambda m: m.tensor([[1, 2, 1]])),
    _s(_t((2, 3)), fweights=lambda m: m.tensor([1, -2, 1])),
    _s(_t((2, 3)), aweights=lambda m: m.tensor([1, 2, 1])),
    _s(_t((2, 3)), aweights=lambda m: m.tensor([0.0, 0.0, 0.0]))]
record("cov", _all(_COV))
record("corrcoef", _all([
    *[_s(_t((3, 4), d)) for d in ("int64", "float32", "float64")], _s(_t((4,))),
    _s(lambda m: make(m, [[1.0, 1.0, 1.0], [1.0, 2.0, 4.0]])),
    _s(_t((4, 2), layout="transposed")), _s(_t((2, 2, 2))), _s(_t((3,), "bool"))]))
record("diagflat", _all([
    *[_s(_t((2, 2), d)) for d in ("bool", "int64", "float32", "complex64")],
    _s(_t((3,)), -1), _s(_t((3,)), 2), _s(_t(())), _s(_z(0)), _s(_t((2, 3), layout="transposed"))]))
record("unravel_index", _all([
    _s(lambda m: m.tensor([4, 1, 0]), (2, 3)), _s(lambda m: m.tensor(5), [2, 3]),
    _s(lambda m: m.tensor([-1, 6, 7]), (2, 3)), _s(lambda m: m.tensor([[1, 2]]), (3, 1, 2)),
    _s(lambda m: m.tensor([1], dtype=m.int32), 3), _s(lambda m: m.tensor(1.0), (2, 3)),
    _s(lambda m: m.tensor(1), (2, -1)), _s(lambda m: m.tensor(1), (2, 1.5)),
    _s(lambda m: m.tensor(1), "ab")]), method=False)
record("narrow_copy", _all([
    *[_s(_t((3, 4), d), 1, 1, 2) for d in ("bool", "int64", "float32", "complex64")],
    _s(_t((3, 4)), 0, -2, 2), _s(_t((4, 3), layout="transposed"), 1, 0, 2), _s(_t((3,)), 0, 3, 0),
    _s(_t((3, 4)), 0, 2, 2), _s(_t((3, 4)), 2, 0, 1)]))
record("chain_matmul", _all([
    _s(_t((2, 3)), _t((3, 4), seed=1), _t((4, 2), seed=2)),
    _s(_t((5, 2)), _t((2, 6), seed=1), _t((6, 1), seed=2)),
    _s(_t((2, 3), "float64"), _t((3, 4), "float64", 1)), _s(_t((2, 3))),
    _s(_t((2, 3)), _t((3, 3), seed=1), _t((3, 2), seed=2), _t((2, 2), seed=3)),
    _s(_t((2, 3), "int64"), _t((3, 2), "int64", 1)), _s(), _s(_t((3,)), _t((3, 2))),
    _s(_t((2, 3)), _t((4, 2)))]), method=False)
record("sum_to_size", _all([
    *[_s(_t((2, 3), d), 1, 3) for d in ("bool", "int64", "float32", "complex64")],
    _s(_t((2, 3)), (3,)), _s(_t((2, 3)), [2, 1]), _s(_t((2, 3)), 2, 3), _s(_t((2, 3)), 1, 1),
    _s(_t((2, 3, 2), layout="transposed"), 1, 2), _s(_t((2, 3)), 2, 2), _s(_t((2, 3)), 4, 2, 3)]),
    function=False)
