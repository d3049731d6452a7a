"""Differential tests of the random-number API against PyTorch 2.13 (CPU, the oracle).

Every case `fn(m)` runs with `m = torch` and `m = numtorch` after the same seed; values, dtypes,
shapes, strides, autograd flags, errors and warnings must be identical, so seeded streams are
checked element for element (mt19937 draws, the scalar Box-Muller with its cached sample, the
vectorised normal fill, the generator state bytes).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

import numtorch  # noqa: E402
from diff import outcome  # noqa: E402

_TRIGGERED = re.compile(r" \(Triggered internally at [^)]*\)\.?$")


def same(fn, seed=7):
    def seeded(m):
        m.manual_seed(seed)
        return fn(m)
    expected, w_expected = outcome(seeded, torch)
    got, w_got = outcome(seeded, numtorch)
    assert got == expected, f"\n numtorch: {got}\n    torch: {expected}"
    norm = lambda ws: [(c, _TRIGGERED.sub("", t)) for c, t in ws]  # noqa: E731
    assert norm(w_got) == norm(w_expected)


def P(name, fn):
    return pytest.param(fn, id=name)


def _gen(m):
    return m.Generator().manual_seed(42)


STREAMS = [
    P("rand", lambda m: [m.rand(5), m.rand(3, 4), m.rand(()), m.rand(0)]),
    P("rand_dtypes", lambda m: [m.rand(3, dtype=m.float64), m.rand(2, dtype=m.float16),
                                m.rand(3, dtype=m.bfloat16), m.rand(2, dtype=m.complex64),
                                m.rand(2, dtype=m.complex128)]),
    P("randn_scalar_path", lambda m: [m.randn(5), m.randn(3), m.randn(1), m.randn(15),
                                      m.randn(3, dtype=m.float64), m.randn(())]),
    P("randn_fill_path", lambda m: [m.randn(16), m.randn(20), m.randn(4, 33), m.randn(1000)]),
    P("randn_fill_dtypes", lambda m: [m.randn(37, dtype=m.float64), m.randn(17, dtype=m.float16),
                                      m.randn(40, dtype=m.bfloat16), m.randn(9, dtype=m.complex64),
                                      m.randn(3, dtype=m.complex128)]),
    P("randint", lambda m: [m.randint(10, (5,)), m.randint(-5, 2**40, (4,)),
                            m.randint(0, 2**28, (3,)), m.randint(0, 2**28 - 1, (3,)),
                            m.randint(3, 9, (4,), dtype=m.float32),
                            m.randint(0, 2, (4,), dtype=m.bool),
                            m.randint(-3, 3, (2, 3), dtype=m.int8),
                            m.randint(-2**63, 2**63 - 1, (3,))]),
    P("randperm", lambda m: [m.randperm(10), m.randperm(1), m.randperm(0),
                             m.randperm(50, dtype=m.float32), m.randperm(5, dtype=m.int16),
                             m.randperm(300)]),
    P("normal_overloads", lambda m: [m.normal(m.zeros(2, 3), m.ones(3)), m.normal(m.arange(20.), 2.),
                                     m.normal(3., m.ones(5)), m.normal(1., 2., (2, 3)),
                                     m.normal(1., 2., (20,), dtype=m.float64),
                                     m.normal(m.zeros(3, dtype=m.float64), m.ones(3)),
                                     m.normal(0, 1, size=(4,))]),
    P("uniform_", lambda m: [m.empty(5).uniform_(-2, 3), m.empty(5, dtype=m.float64).uniform_(1, 2),
                             m.empty(3, dtype=m.float16).uniform_(), m.empty(40).uniform_(-7.5, 1e3),
                             m.empty(2, dtype=m.complex64).uniform_()]),
    P("normal_", lambda m: [m.empty(5).normal_(2, 3), m.empty(20).normal_(2, 3),
                            m.empty(20, dtype=m.float64).normal_(-1, .5), m.empty(3).normal_(),
                            m.empty(3, dtype=m.float64).normal_(1e3, 1e-3)]),
    P("non_contiguous", lambda m: [m.empty(4, 5).t().normal_(), m.empty(4, 5).t().uniform_(),
                                   m.empty(6)[::2].random_(100), m.empty(3, 8).t().bernoulli_(0.5)]),
    P("random_", lambda m: [m.empty(5).random_(), m.empty(5, dtype=m.int64).random_(),
                            m.empty(5, dtype=m.int32).random_(), m.empty(5, dtype=m.uint8).random_(),
                            m.empty(5, dtype=m.bool).random_(), m.empty(5, dtype=m.float64).random_(),
                            m.empty(5, dtype=m.float16).random_(), m.empty(5, dtype=m.int8).random_(),
                            m.empty(3).random_(10), m.empty(3, dtype=m.int64).random_(-5, 5),
                            m.empty(3, dtype=m.int64).random_(-2**63, None),
                            m.empty(3, dtype=m.int8).random_(3, None),
                            m.empty(3, dtype=m.int64).random_(0, 2**62),
                            m.empty(3, dtype=m.bool).random_(0, 2)]),
    P("bernoulli", lambda m: [m.bernoulli(m.full((5,), 0.5)),
                              m.bernoulli(m.full((5,), 0.5, dtype=m.float64)),
                              m.bernoulli(m.zeros(4), 0.3), m.empty(5, dtype=m.int64).bernoulli_(0.7),
                              m.empty(2, 3).bernoulli_(m.tensor([0.1, 0.5, 0.9])),
                              m.empty(4).bernoulli_(), m.empty(3, dtype=m.bool).bernoulli_(0.5),
                              m.rand(4).bernoulli()]),
    P("exponential_geometric_cauchy_log_normal", lambda m: [
        m.empty(5).exponential_(), m.empty(5, dtype=m.float64).exponential_(2.5),
        m.empty(5).geometric_(0.3), m.empty(5, dtype=m.int32).geometric_(0.2),
        m.empty(5).cauchy_(), m.empty(5, dtype=m.float64).cauchy_(1, 2),
        m.empty(5).log_normal_(), m.empty(5, dtype=m.float64).log_normal_(0, .5),
        m.empty(20).log_normal_()]),
    P("multinomial", lambda m: [m.multinomial(m.tensor([1., 2, 3, 4]), 2),
                                m.multinomial(m.tensor([1., 2, 3, 4]), 1),
                                m.multinomial(m.tensor([[1., 2, 3, 4], [4, 3, 2, 1]]), 10, True),
                                m.multinomial(m.rand(3, 10, dtype=m.float64), 4),
                                m.multinomial(m.tensor([1., 2, 3, 4]), 4),
                                m.tensor([0., 1, 1]).multinomial(2),
                                m.multinomial(m.ones(0, 3), 2)]),
    P("poisson", lambda m: [m.poisson(m.tensor([0., 0.5, 3., 10., 25., 100.])),
                            m.poisson(m.tensor([[1., 50.], [2., 8.]], dtype=m.float64))]),
    P("interleaved_calls", lambda m: [m.rand(3), m.randn(3), m.randn(5), m.randint(0, 5, (3,)),
                                      m.randn(20), m.rand(2, dtype=m.float64), m.randn(1),
                                      m.randperm(6), m.randn(1), m.normal(0., 1., (3,)),
                                      m.empty(2).log_normal_(), m.randn(2)]),
    P("like", lambda m: [m.rand_like(m.zeros(3)), m.randn_like(m.zeros(2, 2, dtype=m.float64)),
                         m.randint_like(m.zeros(3), 10), m.randint_like(m.zeros(3), 5, 10),
                         m.rand_like(m.zeros(4, 3).t()), m.randint_like(m.zeros(4, 3).t(), 9),
                         m.randn_like(m.zeros(20), generator=_gen(m)),
                         m.rand_like(m.zeros(2), generator=_gen(m)),
                         m.randint_like(m.zeros(2), 7, generator=_gen(m))]),
    P("generator_arg", lambda m: (lambda g: [
        m.rand(3, generator=g), m.randn(3, generator=g), m.randint(5, (3,), generator=g),
        m.randperm(4, generator=g), m.empty(3).uniform_(generator=g),
        m.empty(3).normal_(generator=g), m.normal(0., 1., (2,), generator=g),
        m.normal(m.zeros(2), 1., generator=g), m.bernoulli(m.full((3,), .5), generator=g),
        m.multinomial(m.ones(4), 2, generator=g), m.poisson(m.ones(2), g),
        m.empty(2).random_(generator=g), m.empty(2).exponential_(generator=g),
        g.initial_seed(), m.rand(2)])(_gen(m))),
]


@pytest.mark.parametrize("fn", STREAMS)
def test_streams(fn):
    same(fn)


@pytest.mark.parametrize("seed", [0, 1, 123456789, 2**32 + 5, 2**64 - 1, -1, -2**63])
def test_seeds(seed):
    same(lambda m: [m.initial_seed(), m.rand(3), m.randn(17), m.randint(0, 10**12, (2,))],
         seed=seed)


STATE = [
    P("fresh_state", lambda m: m.get_rng_state()),
    P("state_after_draws", lambda m: (m.rand(700), m.get_rng_state())[1]),
    P("state_with_cached_normal", lambda m: (m.randn(3), m.get_rng_state())[1]),
    P("state_roundtrip", lambda m: (lambda s: [m.randn(5), m.set_rng_state(s), m.randn(5),
                                               m.rand(2)])((m.randn(1), m.get_rng_state())[1])),
    P("state_after_624", lambda m: (m.rand(624), m.get_rng_state(), m.rand(2))),
    P("generator_state", lambda m: (lambda g: [g.get_state(), g.set_state(m.get_rng_state()),
                                               m.rand(2, generator=g)])(_gen(m))),
    P("set_state_errors_size", lambda m: m.set_rng_state(m.zeros(5, dtype=m.uint8))),
    P("set_state_errors_dtype", lambda m: m.set_rng_state(m.zeros(5056))),
    P("set_state_errors_type", lambda m: m.set_rng_state([1, 2])),
    P("set_state_invalid", lambda m: m.set_rng_state(m.zeros(5056, dtype=m.uint8))),
    P("generator_set_state_error", lambda m: m.Generator().set_state(m.zeros(3, dtype=m.uint8))),
    P("manual_seed_overflow", lambda m: m.manual_seed(2**64)),
    P("manual_seed_underflow", lambda m: m.manual_seed(-2**63 - 1)),
    P("manual_seed_float", lambda m: (m.manual_seed(3.7), m.initial_seed())),
    P("manual_seed_str", lambda m: (m.manual_seed("5"), m.initial_seed())),
    P("manual_seed_none", lambda m: m.manual_seed(None)),
    P("generator_seed_float", lambda m: m.Generator().manual_seed(1.5)),
    P("generator_seed_bool", lambda m: m.Generator().manual_seed(True)),
    P("generator_seed_overflow", lambda m: m.Generator().manual_seed(2**64)),
    P("generator_chain", lambda m: (lambda g: (g.manual_seed(3) is g, g.initial_seed(),
                                               str(g.device)))(m.Generator())),
    P("generator_default_seed", lambda m: m.Generator().initial_seed()),
    P("generator_clone_state", lambda m: (lambda g: [m.rand(2, generator=g.clone_state()),
                                                     m.rand(2, generator=g)])(_gen(m))),
    P("generator_offset", lambda m: m.Generator().get_offset()),
    P("generator_independent", lambda m: (lambda g: [m.rand(2, generator=g), m.rand(2)])(
        m.Generator().manual_seed(7))),
]


@pytest.mark.parametrize("fn", STATE)
def test_state(fn):
    same(fn)


def test_state_bytes_layout():
    torch.manual_seed(5)
    numtorch.manual_seed(5)
    assert numtorch.get_rng_state().numel() == torch.get_rng_state().numel() == 5056
    assert numtorch.get_rng_state().dtype is numtorch.uint8


def test_seed_and_initial_seed():
    s = numtorch.seed()
    assert isinstance(s, int) and 0 <= s < 2**64 and numtorch.initial_seed() == s
    g = numtorch.Generator()
    s = g.seed()
    assert g.initial_seed() == s
    torch.manual_seed(s % 2**63)
    numtorch.manual_seed(s % 2**63)
    assert numtorch.rand(4).tolist() == torch.rand(4).tolist()


def test_random_module():
    assert set(torch.random.__all__) <= set(numtorch.random.__all__)
    numtorch.manual_seed(3)
    with numtorch.random.fork_rng():
        a = numtorch.rand(3)
    assert numtorch.rand(3).tolist() == a.tolist()
    with numtorch.random.fork_rng(enabled=False):
        numtorch.rand(3)
    assert numtorch.random.initial_seed() == 3
    assert numtorch.random.get_rng_state is numtorch.get_rng_state
    assert numtorch.random.thread_safe_generator() is torch.random.thread_safe_generator()


ERRORS = [
    P("randperm_negative", lambda m: m.randperm(-1)),
    P("randperm_half_too_big", lambda m: m.randperm(3000, dtype=m.float16)),
    P("randperm_bool", lambda m: m.randperm(3, dtype=m.bool)),
    P("randperm_int8_overflow", lambda m: m.randperm(300, dtype=m.int8)),
    P("randperm_float_n", lambda m: m.randperm(3.)),
    P("randperm_requires_grad", lambda m: m.randperm(3, requires_grad=True)),
    P("normal_int_mean", lambda m: m.normal(m.zeros(2, dtype=m.int64), 1.)),
    P("normal_negative_std", lambda m: m.normal(0., -1., (2,))),
    P("normal_tensor_negative_std", lambda m: m.normal(m.zeros(2), -1.)),
    P("normal_std_tensor_negative", lambda m: m.normal(0., -m.ones(2))),
    P("normal_bad_broadcast", lambda m: m.normal(m.zeros(2), m.ones(3))),
    P("normal_complex_std", lambda m: m.normal(m.zeros(2), m.ones(2, dtype=m.complex64))),
    P("normal_no_size", lambda m: m.normal(0., 1.)),
    P("bernoulli_p_out_of_range", lambda m: m.bernoulli(m.tensor([0.5, 2.]))),
    P("bernoulli_int_input", lambda m: m.bernoulli(m.tensor([1, 0]))),
    P("bernoulli_scalar_p_out_of_range", lambda m: m.bernoulli(m.zeros(3), 2.)),
    P("bernoulli_bad_expand", lambda m: m.zeros(3).bernoulli_(m.tensor([0.5, 0.5]))),
    P("bernoulli_complex", lambda m: m.zeros(3, dtype=m.complex64).bernoulli_(0.5)),
    P("multinomial_zero", lambda m: m.multinomial(m.ones(3), 0)),
    P("multinomial_too_many", lambda m: m.multinomial(m.ones(3), 4)),
    P("multinomial_3d", lambda m: m.multinomial(m.ones(3, 3, 3), 1)),
    P("multinomial_int", lambda m: m.multinomial(m.ones(3, dtype=m.int64), 1)),
    P("multinomial_negative", lambda m: m.multinomial(m.tensor([1., -1]), 1)),
    P("multinomial_zero_sum", lambda m: m.multinomial(m.tensor([0., 0]), 1)),
    P("multinomial_negative_repl", lambda m: m.multinomial(m.tensor([1., -1]), 3, True)),
    P("multinomial_zero_sum_repl", lambda m: m.multinomial(m.tensor([0., 0]), 3, True)),
    P("poisson_negative", lambda m: m.poisson(m.tensor([-1.]))),
    P("poisson_int", lambda m: m.poisson(m.tensor([1, 2]))),
    P("exponential_negative", lambda m: m.zeros(3).exponential_(-1)),
    P("exponential_int", lambda m: m.zeros(3, dtype=m.int64).exponential_()),
    P("geometric_zero", lambda m: m.zeros(3).geometric_(0)),
    P("geometric_big", lambda m: m.zeros(3).geometric_(1.5)),
    P("log_normal_zero_std", lambda m: m.zeros(3).log_normal_(1, 0)),
    P("log_normal_int", lambda m: m.zeros(3, dtype=m.int64).log_normal_()),
    P("cauchy_negative", lambda m: m.zeros(3).cauchy_(0, -1)),
    P("cauchy_int", lambda m: m.zeros(3, dtype=m.int64).cauchy_()),
    P("uniform_reversed", lambda m: m.zeros(3).uniform_(2, 1)),
    P("uniform_int", lambda m: m.zeros(3, dtype=m.int64).uniform_()),
    P("uniform_inf", lambda m: m.zeros(3).uniform_(0, float("inf"))),
    P("uniform_range_overflow", lambda m: m.zeros(3).uniform_(-3e38, 3e38)),
    P("normal_int", lambda m: m.zeros(3, dtype=m.int64).normal_()),
    P("normal_negative", lambda m: m.zeros(3).normal_(0, -1)),
    P("random_uint64", lambda m: m.zeros(3, dtype=m.uint64).random_()),
    P("random_float_args", lambda m: m.zeros(3).random_(5., 7.)),
    P("random_reversed", lambda m: m.zeros(3, dtype=m.int64).random_(5, 2)),
    P("random_int8_bounds", lambda m: m.zeros(3, dtype=m.int8).random_(0, 1000)),
    P("random_float_warning", lambda m: m.zeros(3).random_(2**60)),
    P("randint_warning", lambda m: m.randint(0, 2**30, (2,), dtype=m.float32)),
    P("leaf_inplace", lambda m: m.zeros(3, requires_grad=True).uniform_()),
]


@pytest.mark.parametrize("fn", ERRORS)
def test_errors(fn):
    same(fn)


def _grad_fn(t):
    return type(t.grad_fn).__name__


GRADS = [
    P("uniform_", lambda m, x: x.uniform_()),
    P("normal_", lambda m, x: x.normal_()),
    P("random_", lambda m, x: x.random_()),
    P("random_to", lambda m, x: x.random_(5)),
    P("random_from_to", lambda m, x: x.random_(1, 5)),
    P("bernoulli_", lambda m, x: x.bernoulli_()),
    P("bernoulli_tensor", lambda m, x: x.bernoulli_(m.full((3,), 0.5))),
    P("exponential_", lambda m, x: x.exponential_()),
    P("geometric_", lambda m, x: x.geometric_(0.5)),
    P("cauchy_", lambda m, x: x.cauchy_()),
    P("log_normal_", lambda m, x: x.log_normal_()),
    P("normal_tensor_float", lambda m, x: m.normal(x, 1.)),
    P("normal_float_tensor", lambda m, x: m.normal(1., x)),
    P("normal_tensor_tensor", lambda m, x: m.normal(x, x)),
    P("bernoulli", lambda m, x: m.bernoulli(x.clamp(0, 1))),
    P("poisson", lambda m, x: m.poisson(x.abs())),
    P("bernoulli_p", lambda m, x: m.bernoulli(x, 0.5)),
]


@pytest.mark.parametrize("fn", GRADS)
def test_grad_fn_and_zero_gradient(fn):
    def case(m):
        x = m.full((3,), 0.5, requires_grad=True)
        y = fn(m, x * 1)
        y.sum().backward()
        return _grad_fn(y), x.grad
    same(case)


def test_statistics():
    numtorch.manual_seed(0)
    x = numtorch.randn(200000).numpy()
    assert abs(x.mean()) < 0.01 and abs(x.std() - 1) < 0.01
    u = numtorch.rand(200000, dtype=numtorch.float64).numpy()
    assert 0 <= u.min() and u.max() < 1 and abs(u.mean() - 0.5) < 0.01
    p = np.sort(numtorch.randperm(1000).numpy())
    assert (p == np.arange(1000)).all()


OUT = [
    P("randperm_out", lambda m: (lambda o: (m.randperm(5, out=o), o))(m.empty(2, dtype=m.int64))),
    P("normal_out", lambda m: (lambda o: (m.normal(0., 1., (3,), out=o), o))(m.empty(3))),
    P("normal_tensor_out", lambda m: (lambda o: (m.normal(m.zeros(3), 1., out=o), o))(m.empty(3))),
    P("bernoulli_out", lambda m: (lambda o: (m.bernoulli(m.full((3,), .5), out=o), o))(m.empty(3))),
    P("multinomial_out", lambda m: (lambda o: (m.multinomial(m.ones(4), 2, out=o), o))(
        m.empty(2, dtype=m.int64))),
    P("poisson_many", lambda m: [m.poisson(m.full((300,), 5.)), m.poisson(m.full((300,), 40.)),
                                 m.rand(3)]),
]


@pytest.mark.parametrize("fn", OUT)
def test_out_and_long_streams(fn):
    same(fn)


def test_complex_non_contiguous():
    same(lambda m: [m.empty(3, 4, dtype=m.complex64).t().normal_(),
                    m.empty(3, 4, dtype=m.complex128).t().uniform_(),
                    m.empty(8, dtype=m.complex64).normal_(1, 2), m.empty((), dtype=m.complex64).uniform_()])


@pytest.mark.parametrize("low, high, kind", [(-5e307, 5e307, "uniform_"),
                                             (1e307, 1.7e308, "uniform_"),
                                             (1e300, 1e307, "normal_"), (0.0, 1e308, "normal_")])
def test_huge_float64_ranges_match_without_warnings(low, high, kind):
    out = []
    for m in (torch, numtorch):
        m.manual_seed(3)
        out.append(getattr(m.empty(40, dtype=m.float64), kind)(low, high).numpy())
    np.testing.assert_array_equal(out[1], out[0])
