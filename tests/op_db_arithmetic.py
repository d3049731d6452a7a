"""Op-table records: arithmetic (numtorch/_ops/arithmetic.py) and exp."""
from op_table import (ALL_DTYPES, binary_samples, make, record, sample_values,
                      unary_samples)

_NO_BOOL = tuple(d for d in ALL_DTYPES if d != "bool")


def _alpha(m):
    x = make(m, sample_values((2, 3), "float32", 1), "float32")
    i = make(m, sample_values((2, 3), "int64", 2), "int64")
    return [((x, x), {"alpha": 2}), ((x, x), {"alpha": 0.5}), ((i, i), {"alpha": 2}),
            ((i, i), {"alpha": 0.5}), ((i, 1000), {})]


record("add", lambda m: binary_samples()(m) + _alpha(m), inplace=True)
record("sub", lambda m: binary_samples(_NO_BOOL)(m) + _alpha(m), inplace=True)
record("mul", binary_samples(), inplace=True)
record("div", lambda m: binary_samples(low=1)(m) + [
    ((make(m, [7, -7, 5], "int64"), 2), {"rounding_mode": "floor"}),
    ((make(m, [7, -7, 5], "int64"), 2), {"rounding_mode": "trunc"}),
    ((make(m, [7.5, -7.5, 1.0], "float32"), 2), {"rounding_mode": "trunc"}),
    ((make(m, [7.5, -7.5, 1.0], "float32"), 0.0), {}),
    ((make(m, [1.0], "float32"), 2), {"rounding_mode": "bad"})], inplace=True)
record("neg", unary_samples(_NO_BOOL), inplace=True)
record("exp", unary_samples(), inplace=True)
