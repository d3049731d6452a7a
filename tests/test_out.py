"""`out=` as PyTorch: a wrongly shaped output is resized (reusing its storage when large
enough, with PyTorch's deprecation warning when it had elements), then written in place."""
import pytest

from diff import same

CASES = {
    "resize_grows": lambda m: [(r is o, o) for o in [m.empty(2)]
                               for r in [m.add(m.ones(3), 1, out=o)]][0],
    "resize_empty_silent": lambda m: [(r is o, o) for o in [m.empty(0)]
                                      for r in [m.add(m.ones(3), 1, out=o)]][0],
    "resize_shrinks": lambda m: [(o, o.stride(), o._version) for o in [m.zeros(5)]
                                 if m.sum(m.ones(3, 2), 0, out=o) is not None][0],
    "resize_view_reuses_storage": lambda m: [(v, x) for x in [m.ones(4)] for v in [x[:2]]
                                             if m.add(m.ones(3), 1, out=v) is not None][0],
    "same_shape": lambda m: [(o, o._version) for o in [m.zeros(3)]
                             if m.mul(m.ones(3), 2, out=o) is not None][0],
    "cast_error": lambda m: m.add(m.ones(3), 1.5, out=m.zeros(3, dtype=m.int64)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_out_matches_torch(name):
    same(CASES[name])
