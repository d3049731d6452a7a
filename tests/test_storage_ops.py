"""`resize_`, `share_memory_`/`is_shared`, `apply_` and the dense-layout flags against
PyTorch."""
import pytest

from diff import same

CASES = {
    "flags": lambda m: (lambda t: (t.is_sparse, t.is_quantized, t.is_nested, t.is_shared(),
                                   t.share_memory_() is t, t.is_shared(), t[1:].is_shared()))(
        m.arange(6.0)),
    "resize_same_storage": lambda m: (lambda u: (u.resize_(2, 3) is u, u, u._version))(
        m.arange(6.0)),
    "resize_tuple": lambda m: m.arange(4.0).resize_((2, 2)),
    "resize_grows_keeping_data": lambda m: (lambda u: (u.resize_(8).shape, u[:6]))(
        m.arange(6.0)),
    "resize_view": lambda m: (lambda w: (w.resize_(2), w.stride()))(m.arange(6.0)[::2]),
    "resize_shared_view_sees_base": lambda m: (lambda b: (lambda v: (v.resize_(3), b))(
        b[1:3]))(m.arange(6.0)),
    "resize_requires_grad": lambda m: m.arange(4.0, requires_grad=True).resize_(2),
    "resize_negative": lambda m: m.arange(4.0).resize_(2, -1),
    "apply_": lambda m: (lambda x: (x.apply_(lambda v: v * 2), x._version))(m.arange(4.0)),
    "apply_int": lambda m: m.arange(4).apply_(lambda v: v + 7),
    "apply_requires_grad": lambda m: m.arange(4.0, requires_grad=True).apply_(lambda v: v),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_storage_methods(name):
    same(CASES[name])
