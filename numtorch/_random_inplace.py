"""In-place random fills (`Tensor.uniform_`, `normal_`, `random_`, `bernoulli_`, ...) and the
sampling ops `bernoulli`, `multinomial`, `poisson`, drawing as PyTorch's CPU kernels do.

>>> import numtorch
>>> _ = numtorch.manual_seed(0); numtorch.empty(3).uniform_().tolist()
[0.49625658988952637, 0.7682217955589294, 0.08847743272781372]
"""
import math
import operator

import numpy as np

from . import _dtype as D
from . import _random_kernels as K
from ._argparse import arg_type_name, check_kernel, invalid_args, new_tensor
from ._ops.grad_indexing import record_inplace, recording
from ._ops.indexing import bump_version
from ._ops.registry import record, write_into
from .autograd.grad_mode import no_grad
from ._random_engine import Generator, default_generator
from ._tensor import Tensor, wrap

__all__ = ["bernoulli", "multinomial", "poisson"]

_FLOATS = frozenset((D.float16, D.bfloat16, D.float32, D.float64))
_WITH_COMPLEX = _FLOATS | {D.complex32, D.complex64, D.complex128}
_INTS = frozenset((D.uint8, D.int8, D.int16, D.int32, D.int64))
_NON_COMPLEX = _FLOATS | _INTS | {D.bool}


def gen_of(fn, generator, args=(), kwargs=None):
    """The generator to draw from: `generator`, or the default one."""
    if generator is None:
        return default_generator
    if not isinstance(generator, Generator):
        raise invalid_args(fn, args, {**(kwargs or {}), "generator": generator})
    return generator


def _opmath(dtype):
    return np.float64 if dtype is D.float64 else np.float32


def _real(a, dtype):
    """`a` (complex viewed as pairs of reals) and its real dtype."""
    if dtype.is_complex:
        real = dtype.to_real()
        return a[..., None].view(real.np), real
    return a, dtype


def fill_uniform(gen, a, dtype, lo=0.0, hi=1.0):
    """PyTorch's uniform_ kernel into array `a` (a value rounding up to `hi` becomes `lo`)."""
    a, dtype = _real(a, dtype)
    v = K.uniform(gen, a.size, _opmath(dtype), lo, hi).astype(dtype.np)
    v[v == dtype.np.type(hi)] = dtype.np.type(lo)
    K.fill_in_order(a, v)


def fill_normal(gen, a, dtype, mean=0.0, std=1.0):
    """PyTorch's normal_ kernel into array `a`: the vectorised fill for contiguous arrays of
    16 elements up, the scalar Box-Muller (with its cached sample) otherwise."""
    if dtype.is_complex:
        std = std / math.sqrt(2)
    a, dtype = _real(a, dtype)
    if a.size >= 16 and a.flags.c_contiguous:
        v = K.normal_fill(gen, a.size, _opmath(dtype), mean, std,
                          buffered=dtype in (D.float16, D.bfloat16))
    else:
        v = K.fma(K.normal_doubles(gen, a.size), float(std), float(mean))
    K.fill_in_order(a, v.astype(dtype.np))


def _doubles(gen, n, transform):
    """`transform(u)` of `n` uniform doubles (PyTorch's double-precision distributions)."""
    with np.errstate(all="ignore"):
        return transform(K.uniform(gen, n, np.float64))


def _inplace(self, name, grad, dtypes, draw):
    """Apply the in-place random fill `draw(array, dtype)` to `self`, recorded as `grad`."""
    check_kernel(name, self.dtype, dtypes)
    bump_version(self)
    if self._a.size:
        draw(self._a, self.dtype)
    if recording(self):
        record_inplace(self, grad, (), _zero_grad)
    return self


def _zero_grad(g, *saved):
    return g * 0


def _number(fn, name, v, pos):
    if isinstance(v, Tensor) and v.dim() == 0:
        v = v.item()
    if isinstance(v, bool) or not isinstance(v, (int, float, np.number)):
        raise TypeError(f"{fn}(): argument '{name}' (position {pos}) must be float, not "
                        f"{arg_type_name(v)}")
    return float(v)


def uniform_(self, from_=0, to=1, *, generator=None):
    """Fill with uniform samples from [from, to)."""
    lo, hi = _number("uniform_", "from", from_, 1), _number("uniform_", "to", to, 2)
    gen = gen_of("uniform_", generator)
    if self.dtype in _FLOATS:
        fmax = float(D.finfo(self.dtype).max)
        for name, v in (("from", lo), ("to", hi)):
            if not -fmax <= v <= fmax:
                raise RuntimeError(f"{name} is out of bounds for {_C_NAME[self.dtype]}")
        if lo > hi:
            raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                               f"from={lo:g} > to={hi:g}")
        if hi - lo > fmax:
            raise RuntimeError(f"uniform_ expects to-from <= std::numeric_limits<"
                               f"{_LIMITS_NAME[self.dtype]}>::max(), but found to={hi:g} and "
                               f"from={lo:g} which result in to-from to exceed the limit")
    return _inplace(self, "check_uniform_bounds", "UniformBackward0", _WITH_COMPLEX,
                    lambda a, dt: fill_uniform(gen, a, dt, lo, hi))


_C_NAME = {D.float16: "c10::Half", D.bfloat16: "c10::BFloat16", D.float32: "float",
           D.float64: "double"}
_LIMITS_NAME = {D.float16: "Half", D.bfloat16: "BFloat16", D.float32: "Float",
                D.float64: "Double"}


def check_std(std):
    if not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")


def normal_(self, mean=0, std=1, *, generator=None):
    """Fill with normal samples."""
    mean, std = _number("normal_", "mean", mean, 1), _number("normal_", "std", std, 2)
    check_std(std)
    gen = gen_of("normal_", generator)
    return _inplace(self, "normal_kernel_cpu", "NormalBackward0", _WITH_COMPLEX,
                    lambda a, dt: fill_normal(gen, a, dt, mean, std))


def _per_element(fn, name, grad, dtypes, make):
    """An in-place fill whose values are `make(u)` from one uniform double each."""
    def fill(self, *args, generator=None):
        transform = make(*args)
        gen = gen_of(fn, generator)

        def draw(a, dt):
            K.fill_in_order(a, _doubles(gen, a.size, transform).astype(dt.np))
        return _inplace(self, name, grad, dtypes, draw)
    fill.__name__ = fn
    return fill


def _exponential(lambd=1):
    lambd = _number("exponential_", "lambd", lambd, 1)
    if not lambd > 0.0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")
    return lambda u: -1.0 / lambd * np.log1p(-u)


def _geometric(p):
    p = _number("geometric_", "p", p, 1)
    if not 0 < p < 1:
        raise RuntimeError(f"geometric_ expects p to be in (0, 1), but got p={p:g}")
    return lambda u: np.ceil(np.log(u) / math.log1p(-p))


def _cauchy(median=0, sigma=1):
    median, sigma = _number("cauchy_", "median", median, 1), \
        _number("cauchy_", "sigma", sigma, 2)
    if not sigma > 0.0:
        raise RuntimeError(f"cauchy_ expects sigma > 0.0, but found sigma={sigma:g}")
    return lambda u: median + sigma * np.tan(math.pi * (u - 0.5))


def exponential_(self, lambd=1, *, generator=None):
    """Fill with exponential samples of rate `lambd`."""
    if not self.dtype.is_floating_point:
        raise RuntimeError("Exponential distribution is a continuous probability distribution. "
                           f"dtype must be a floating point but you specified "
                           f"{D.SCALAR_NAME[self.dtype]}")
    return _exponential_fill(self, lambd, generator=generator)


def cauchy_(self, median=0, sigma=1, *, generator=None):
    """Fill with Cauchy samples."""
    if not self.dtype.is_floating_point:
        raise RuntimeError("Cauchy distribution is a continuous probability distribution. "
                           f"dtype must be a floating point but you specified "
                           f"{_C_TYPE.get(self.dtype, D.SCALAR_NAME[self.dtype])}")
    return _cauchy_fill(self, median, sigma, generator=generator)


_C_TYPE = {D.int64: "long int", D.int32: "int", D.int16: "short int", D.int8: "signed char",
           D.uint8: "unsigned char", D.bool: "bool"}
_exponential_fill = _per_element("exponential_", "exponential_cpu", "ExponentialBackward0",
                                 _FLOATS, _exponential)
_cauchy_fill = _per_element("cauchy_", "cauchy_cpu", "CauchyBackward0", _FLOATS, _cauchy)
geometric_ = _per_element("geometric_", "geometric_cpu", "GeometricBackward0",
                          _FLOATS | _INTS, _geometric)
geometric_.__doc__ = "Fill with geometric samples (trials up to the first success)."


def log_normal_(self, mean=1, std=2, *, generator=None):
    """Fill with log-normal samples."""
    mean, std = _number("log_normal_", "mean", mean, 1), _number("log_normal_", "std", std, 2)
    if not std > 0.0:
        raise RuntimeError(f"log_normal_ expects std > 0.0, but found std={std:g}")
    gen = gen_of("log_normal_", generator)

    def draw(a, dt):
        v = np.exp(K.fma(K.normal_doubles(gen, a.size), std, mean))
        K.fill_in_order(a, v.astype(dt.np))
    return _inplace(self, "log_normal_cpu", "LogNormalBackward0", _FLOATS, draw)


def bernoulli_(self, p=0.5, *, generator=None):
    """Fill with 1 with probability `p` (a number or a tensor broadcast to this one)."""
    gen = gen_of("bernoulli_", generator)
    if isinstance(p, Tensor):
        probs = p._a
        try:
            shape = np.broadcast_shapes(self.shape, probs.shape)
        except ValueError:
            shape = None
        if shape != tuple(self.shape):
            raise RuntimeError(_expand_error(tuple(self.shape), probs.shape))
        check_kernel("bernoulli_tensor_cpu_p_", p.dtype, _FLOATS)
        draw = lambda a, dt: _bernoulli_tensor(gen, a, np.broadcast_to(probs, a.shape))  # noqa: E731
        grad, others, kernel = "BernoulliBackward1", (p,), "bernoulli_tensor_cpu_self_"
    else:
        p = _number("bernoulli_", "p", p, 1)
        if not 0 <= p <= 1:
            raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p:g}")
        draw = lambda a, dt: K.fill_in_order(a, _doubles(gen, a.size, lambda u: u < p))  # noqa: E731
        grad, others, kernel = "BernoulliBackward2", (), "bernoulli_scalar_cpu_"
    check_kernel(kernel, self.dtype, _NON_COMPLEX)
    bump_version(self)
    if self._a.size:
        draw(self._a, self.dtype)
    if recording(self, others):
        record_inplace(self, grad, others, lambda g, *s: (g * 0,) + tuple(o * 0 for o in others))
    return self


def _expand_error(target, got):
    dim = next(i for i in range(-1, -len(got) - 1, -1)
               if i < -len(target) or got[i] not in (1, target[i]))
    return (f"The expanded size of the tensor ({target[dim]}) must match the existing size "
            f"({got[dim]}) at non-singleton dimension {len(target) + dim}.  Target sizes: "
            f"{list(target)}.  Tensor sizes: {list(got)}")


def _bernoulli_tensor(gen, a, p):
    """Draws `u < p` per element: a float draw unless `p` is double."""
    order = K.iteration_order(a)
    flat = p.reshape(-1) if order is None else p.reshape(-1)[order]
    if np.any(~((flat >= 0) & (flat <= 1))):
        raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  "
                           "(Could this error message be improved?  If so, please report an "
                           "enhancement request to PyTorch.)")
    wide = p.dtype == np.float64
    u = K.uniform(gen, a.size, np.float64 if wide else np.float32)
    K.fill_in_order(a, u < flat.astype(u.dtype))


def bernoulli(input, p=None, *, generator=None, out=None):
    """0/1 samples, 1 with probability `input` (or with probability `p`)."""
    if not isinstance(input, Tensor):
        raise TypeError(f"bernoulli(): argument 'input' (position 1) must be Tensor, not "
                        f"{arg_type_name(input)}")
    result = wrap(np.empty(input.shape, input._a.dtype))
    if p is None:
        check_kernel("bernoulli_tensor_cpu_p_", input.dtype, _FLOATS)
        with no_grad():
            bernoulli_(result, input, generator=generator)
        name = "BernoulliBackward0"
    else:
        with no_grad():
            bernoulli_(result, p, generator=generator)
        name = "NotImplemented"
    result = record(result, name, (input,), lambda g: g * 0 if p is None else _no_derivative())
    return result if out is None else write_into(out, result._a)


def _no_derivative():
    raise RuntimeError("derivative for aten::bernoulli is not implemented")


def multinomial(input, num_samples, replacement=False, *, generator=None, out=None):
    """Indices sampled from the rows of `input` (weights)."""
    gen = gen_of("multinomial", generator)
    n = operator.index(num_samples)
    if not 1 <= input.dim() <= 2:
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{D.SCALAR_NAME[input.dtype]}")
    if n <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    cats = input.shape[-1]
    if not replacement and n > cats:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    w = input._a.reshape(-1, cats)
    a = np.empty(tuple(input.shape[:-1]) + (n,), np.int64)
    if a.size:
        res = a.reshape(-1, n)
        if not replacement or n == 1:
            _without_replacement(gen, w, n, res)
        else:
            _with_replacement(gen, w, n, res)
    return new_tensor(a, False) if out is None else write_into(out, a)


def _without_replacement(gen, w, n, res):
    """PyTorch's `argmax(p / q)` / `topk(p / q)` with q ~ Exp(1)."""
    if not (np.all(w < np.inf) and np.all(w >= 0)):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    if np.any(w.sum(1) == 0):
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    q = _doubles(gen, w.size, lambda u: -np.log1p(-u)).astype(w.dtype).reshape(w.shape)
    with np.errstate(all="ignore"):
        keys = w / q
    res[...] = np.argsort(-keys.astype(np.float64), axis=1, kind="stable")[:, :n]


def _with_replacement(gen, w, n, res):
    """PyTorch's inverse-CDF sampling: one uniform double per sample, binary search."""
    acc = np.float64 if w.dtype == np.float64 else np.float32
    for row, out in zip(w.astype(acc), res):
        if np.any(row < 0):
            raise RuntimeError("invalid multinomial distribution (encountering probability "
                               "entry < 0)")
        if not np.all(np.isfinite(row)):
            raise RuntimeError("invalid multinomial distribution (encountering probability "
                               "entry = infinity or NaN)")
        cum = np.cumsum(row)
        total = cum[-1]
        if not total > 0:
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        cum = cum / total
        cum[-1] = 1
        out[...] = np.searchsorted(cum.astype(np.float64), K.uniform(gen, n, np.float64))


def poisson(input, generator=None):
    """Poisson samples with rates `input`."""
    gen = gen_of("poisson", generator)
    check_kernel("poisson_cpu", input.dtype, _FLOATS)
    rates = np.ascontiguousarray(input._a).reshape(-1).astype(np.float64)
    if np.any(rates < 0):
        raise RuntimeError("invalid Poisson rate, expected rate to be non-negative")
    draws = _Draws(gen)
    out = np.array([_poisson(draws, lam) for lam in rates.tolist()], np.float64)
    draws.settle()
    result = wrap(out.astype(input._a.dtype).reshape(input.shape))
    return record(result, "PoissonBackward0", (input,), lambda g: g * 0)


class _Draws:
    """Uniform doubles read one at a time from batches; `settle` leaves the generator as if
    only the ones read had been drawn."""

    def __init__(self, gen):
        self.gen, self.start, self.used, self.buf = gen, gen.snapshot(), 0, []

    def __call__(self):
        if not self.buf:
            self.buf = K.uniform(self.gen, 256, np.float64).tolist()[::-1]
        self.used += 1
        return self.buf.pop()

    def settle(self):
        self.gen.restore(self.start)
        self.gen.raw64(self.used)


def _poisson(u01, lam):
    """One sample of PyTorch's sample_poisson (Hoermann's transformed rejection from 10 up,
    multiplying uniforms below), reading uniforms from `u01()`."""
    if lam >= 10:
        slam, loglam = math.sqrt(lam), math.log(lam)
        b = 0.931 + 2.53 * slam
        a = -0.059 + 0.02483 * b
        invalpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        while True:
            u = u01() - 0.5
            v = u01()
            us = 0.5 - abs(u)
            k = math.floor((2 * a / us + b) * u + lam + 0.43)
            if us >= 0.07 and v <= vr:
                return k
            if k < 0 or us < 0.013 and v > us:
                continue
            if math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b) <= \
                    -lam + k * loglam - math.lgamma(k + 1):
                return k
    if lam == 0:
        return 0
    enlam, x, prod = math.exp(-lam), 0, 1.0
    while True:
        prod *= u01()
        if prod > enlam:
            x += 1
        else:
            return x


def _attach():
    for f in (uniform_, normal_, exponential_, geometric_, cauchy_, log_normal_, bernoulli_):
        setattr(Tensor, f.__name__, f)
    Tensor.multinomial = multinomial
    Tensor.bernoulli = bernoulli


_attach()
