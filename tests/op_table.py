"""The op table: one record per registered op, with sample inputs built for either library.

Each op family has its own file `tests/op_db_<family>.py` that calls `record(...)`;
`tests/test_op_table.py` runs every record against PyTorch (values with a dtype-aware
tolerance; dtype, shape, strides, view-or-copy, errors exactly) and fails for a registered
op without a record.

A sample is `(args, kwargs)` built by `samples(m)` for the module `m` (torch or numtorch):

    record("exp", lambda m: [((make(m, [0.5, -1.0], "float32"),), {})])
"""
from dataclasses import dataclass, field

import numpy as np

RECORDS = {}

# dtypes the generic samples sweep (bfloat16 and float16 compare with a loose tolerance)
ALL_DTYPES = ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16",
              "float32", "float64", "complex64")
FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")
INT_DTYPES = ("uint8", "int8", "int16", "int32", "int64")


@dataclass
class Record:
    name: str
    samples: object  # m -> [(args, kwargs), ...]
    method: bool = True  # also compare `args[0].name(*args[1:], **kwargs)`
    inplace: bool = False  # also compare `args[0].clone().name_(...)`
    function: bool = True  # compare `m.name(*args, **kwargs)`
    rtol: float = None  # override the dtype-based tolerance
    skip_values: bool = False  # random ops, empty(): compare everything but values
    notes: list = field(default_factory=list)


def load():
    """Import every `op_db_*.py` (filling RECORDS)."""
    import glob
    import importlib
    import os
    for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "op_db_*.py"))):
        importlib.import_module(os.path.basename(path)[:-3])
    return RECORDS


def record(name, samples, **options):
    """Register the samples of op `name` (one record per op)."""
    assert name not in RECORDS, f"two records for {name}"
    RECORDS[name] = Record(name, samples, **options)


def make(m, values, dtype="float32", layout="contiguous"):
    """A tensor of `values` in dtype `dtype` (a name) for module `m`, in a given layout:
    'contiguous', 'transposed' (2-d: the transpose of a contiguous tensor), 'strided'
    (every other element of the last dim) or 'expanded' (stride 0 first dim)."""
    a = np.asarray(values)
    if layout == "transposed":
        base = m.tensor(a.T.tolist(), dtype=getattr(m, dtype))
        return base.transpose(0, 1) if hasattr(base, "transpose") else base
    if layout == "strided":
        wide = np.repeat(a, 2, axis=-1)
        return m.tensor(wide.tolist(), dtype=getattr(m, dtype))[..., ::2]
    if layout == "expanded":
        return m.tensor(a.tolist(), dtype=getattr(m, dtype)).expand(3, *a.shape)
    return m.tensor(a.tolist(), dtype=getattr(m, dtype))


def sample_values(shape, dtype, seed=0, low=-5, high=5):
    """Deterministic sample values (a nested list) for `shape` and a dtype name."""
    rng = np.random.default_rng(seed + len(shape) * 7 + sum(shape))
    if dtype == "bool":
        return (rng.random(shape) > 0.5).tolist()
    if dtype.startswith("uint"):
        return rng.integers(0, high + 1, shape).tolist()
    if dtype.startswith("int"):
        return rng.integers(low, high + 1, shape).tolist()
    if dtype.startswith("complex"):
        return (rng.uniform(low, high, shape) + 1j * rng.uniform(low, high, shape)).tolist()
    return np.round(rng.uniform(low, high, shape), 3).tolist()


def unary_samples(dtypes=ALL_DTYPES, shapes=((), (0,), (5,), (2, 3)), low=-5, high=5):
    """Samples for a unary op: every dtype x shape (values in [low, high])."""
    def build(m):
        out = []
        for dtype in dtypes:
            for shape in shapes:
                out.append(((make(m, sample_values(shape, dtype, low=low, high=high), dtype),),
                            {}))
        return out
    return build


def binary_samples(dtypes=ALL_DTYPES, low=-5, high=5, scalars=(2, 2.5, True)):
    """Samples for a binary op: same-dtype pairs, broadcasting, 0-d and Python scalars,
    and mixed dtypes (promotion)."""
    def build(m):
        out = []
        for dtype in dtypes:
            x = make(m, sample_values((2, 3), dtype, 1, low, high), dtype)
            y = make(m, sample_values((2, 3), dtype, 2, low, high), dtype)
            row = make(m, sample_values((3,), dtype, 3, low, high), dtype)
            zero_d = make(m, sample_values((), dtype, 4, low, high), dtype)
            out += [((x, y), {}), ((x, row), {}), ((x, zero_d), {})]
            out += [((x, s), {}) for s in scalars]
        for a, b in (("int32", "float32"), ("int64", "float16"), ("uint8", "int8"),
                     ("bool", "int16"), ("float32", "float64"), ("int16", "complex64")):
            out.append(((make(m, sample_values((4,), a, 5, low, high), a),
                         make(m, sample_values((4,), b, 6, low, high), b)), {}))
        return out
    return build
