"""Factories: zeros/ones/empty/full and their `_like`, arange, linspace, logspace, eye, random.

>>> import numtorch
>>> numtorch.zeros(2, 3).shape, numtorch.arange(5).dtype, numtorch.full((2,), 1.5).dtype
(torch.Size([2, 3]), torch.int64, torch.float32)
"""
import math
import operator

import numpy as np

from . import _dtype as D
from ._backend import resolve_device
from ._creation import NO_PINNED, finish, parse_dtype
from ._interop.sequence import type_name
from ._tensor import Tensor, wrap

__all__ = ["zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like",
           "full_like", "arange", "linspace", "logspace", "eye", "manual_seed", "Generator",
           "rand", "randn", "randint", "rand_like", "randn_like", "randint_like"]


def _size(fn, args, size):
    """The shape from `f(2, 3)`, `f((2, 3))`, `f([2, 3])` or `f(size=...)`."""
    if size is None:
        if not args:
            raise TypeError(f'{fn}() missing 1 required positional arguments: "size"')
        size = args[0] if len(args) == 1 and not _is_int(args[0]) else args
    elif args:
        raise TypeError(f"{fn}() got multiple values for argument 'size'")
    if _is_int(size):
        size = (size,)
    shape = []
    for n in size:
        if not _is_int(n):
            raise TypeError(f"{fn}(): argument 'size' (position 1) must be tuple of ints, not "
                            f"{type_name(n)}")
        n = operator.index(n)
        if n < 0:
            raise RuntimeError(f"{fn}: Dimension size must be non-negative.")
        shape.append(n)
    return tuple(shape)


def _is_int(x):
    return isinstance(x, int) or hasattr(type(x), "__index__") and not isinstance(x, float) \
        and (not isinstance(x, Tensor) or x.dtype._cat == 1 and x.numel() == 1)


def _np_dtype(dtype, fn):
    dtype = parse_dtype(dtype, fn)
    return (dtype or D.get_default_dtype()).np


def _fill(fn, fill, args, size, dtype, device, requires_grad, pin_memory):
    np_dtype = _np_dtype(dtype, fn)
    resolve_device(device)
    if pin_memory:
        raise RuntimeError(NO_PINNED)
    a = fill(_size(fn, args, size), dtype=np_dtype)
    return finish(wrap(a), requires_grad)


def zeros(*args, size=None, dtype=None, device=None, pin_memory=False,
          requires_grad=False):
    """A tensor of zeros."""
    if dtype is None and device is None and len(args) == 1 and type(args[0]) is int \
            and args[0] >= 0 and not requires_grad and not pin_memory:
        return wrap(np.zeros(args[0], D.get_default_dtype().np))
    return _fill("zeros", np.zeros, args, size, dtype, device, requires_grad, pin_memory)


def ones(*args, size=None, dtype=None, device=None, pin_memory=False,
         requires_grad=False):
    """A tensor of ones."""
    return _fill("ones", np.ones, args, size, dtype, device, requires_grad, pin_memory)


def empty(*args, size=None, dtype=None, device=None, pin_memory=False,
          requires_grad=False, memory_format=None):
    """An uninitialised tensor."""
    return _fill("empty", np.empty, args, size, dtype, device, requires_grad, pin_memory)


def scalar_dtype(value):
    """The dtype PyTorch gives a Python scalar (`full`, `arange`)."""
    if isinstance(value, Tensor):
        return value.dtype
    if isinstance(value, bool):
        return D.bool
    if isinstance(value, int):
        return D.int64
    if isinstance(value, float):
        return D.get_default_dtype()
    if isinstance(value, complex):
        return D.default_complex()
    if isinstance(value, np.generic):
        return D.FROM_NP[value.dtype]
    raise TypeError(f"full(): argument 'fill_value' must be Number, not {type_name(value)}")


def full(size, fill_value, *, dtype=None, device=None, pin_memory=False,
         requires_grad=False):
    """A tensor filled with `fill_value` (dtype inferred from it)."""
    dtype = parse_dtype(dtype, "full") or scalar_dtype(fill_value)
    resolve_device(device)
    value = fill_value.item() if isinstance(fill_value, Tensor) else fill_value
    a = np.full(_size("full", (), size), value, dtype=dtype.np)
    return finish(wrap(a), requires_grad)


def _like(fill, input, dtype, requires_grad, *value):
    dtype = parse_dtype(dtype, "like") or input.dtype
    a = fill(input._a, *value, dtype=dtype.np, order="K")
    return finish(wrap(a), requires_grad)


def zeros_like(input, *, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    return _like(np.zeros_like, input, dtype, requires_grad)


def ones_like(input, *, dtype=None, device=None, requires_grad=False,
              memory_format=None):
    return _like(np.ones_like, input, dtype, requires_grad)


def empty_like(input, *, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    return _like(np.empty_like, input, dtype, requires_grad)


def full_like(input, fill_value, *, dtype=None, device=None,
              requires_grad=False, memory_format=None):
    return _like(np.full_like, input, dtype, requires_grad, fill_value)


def _number(x):
    return x.item() if isinstance(x, Tensor) else x


def arange(start, end=None, step=1, *, dtype=None, device=None, pin_memory=False,
           requires_grad=False):
    """Values from `start` to `end` (exclusive) by `step`; int64 unless a bound is a float."""
    if end is None:
        start, end = 0, start
    start, end, step = _number(start), _number(end), _number(step)
    dtype = parse_dtype(dtype, "arange")
    if dtype is None:
        floating = any(isinstance(v, (float, np.floating)) for v in (start, end, step))
        dtype = D.get_default_dtype() if floating else D.int64
    resolve_device(device)
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    n = math.ceil((end - start) / step)
    if dtype._cat == 1 and all(isinstance(v, int) for v in (start, end, step)):
        a = np.arange(start, start + n * step, step, dtype=dtype.np)
    else:
        a = (start + np.arange(n, dtype=np.float64) * step).astype(dtype.np)
    return finish(wrap(a), requires_grad)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False):
    """`steps` evenly spaced values from `start` to `end` inclusive."""
    start, end = _number(start), _number(end)
    dtype = parse_dtype(dtype, "linspace") or D.get_default_dtype()
    resolve_device(device)
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    a = _linspace(start, end, steps, np.complex128 if dtype.is_complex else np.float64)
    if dtype._cat == 1:
        a = np.trunc(a)
    return finish(wrap(a.astype(dtype.np)), requires_grad)


def _linspace(start, end, steps, work):
    """PyTorch's symmetric linspace: the first half from `start`, the second from `end`."""
    if steps == 1:
        return np.array([start], dtype=work)
    step = (end - start) / (steps - 1)
    i = np.arange(steps, dtype=work)
    half = steps // 2
    return np.where(i < half, start + i * step, end - (steps - 1 - i) * step)


def logspace(start, end, steps, base=10.0, *, dtype=None, device=None,
             requires_grad=False):
    """`base` raised to `steps` evenly spaced exponents from `start` to `end`."""
    dtype = parse_dtype(dtype, "logspace") or D.get_default_dtype()
    resolve_device(device)
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    a = np.power(float(base), _linspace(_number(start), _number(end), steps, np.float64))
    return finish(wrap(a.astype(dtype.np)), requires_grad)


def eye(n, m=None, *, dtype=None, device=None, pin_memory=False,
        requires_grad=False):
    """The identity matrix (n x m)."""
    dtype = parse_dtype(dtype, "eye") or D.get_default_dtype()
    resolve_device(device)
    if n < 0:
        raise RuntimeError(f"n must be greater or equal to 0, got {n}")
    if m is not None and m < 0:
        raise RuntimeError(f"m must be greater or equal to 0, got {m}")
    return finish(wrap(np.eye(n, m, dtype=dtype.np)), requires_grad)


# ---- random numbers (values from NumPy's generator; shapes and dtypes as PyTorch) ---------
class Generator:
    """A random-number generator; `manual_seed` reseeds it."""

    def __init__(self, device="cpu"):
        self._seed = 67280421310721
        self._rng = np.random.default_rng(self._seed)

    def manual_seed(self, seed):
        self._seed = int(seed)
        self._rng = np.random.default_rng(self._seed)
        return self

    def initial_seed(self):
        return self._seed


default_generator = Generator()


def manual_seed(seed):
    """Seed the default generator; returns it."""
    return default_generator.manual_seed(seed)


def _random(fn, sample, args, size, generator, dtype, device, requires_grad, kernel):
    dtype = parse_dtype(dtype, fn) or D.get_default_dtype()
    resolve_device(device)
    if dtype._cat < 2:
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{D.SCALAR_NAME[dtype]}'")
    rng = (generator or default_generator)._rng
    a = sample(rng, _size(fn, args, size), dtype)
    return finish(wrap(a), requires_grad)


def _uniform(rng, shape, dtype):
    if dtype.is_complex:
        real = rng.random(shape + (2,))
        return (real[..., 0] + 1j * real[..., 1]).astype(dtype.np)
    return rng.random(shape).astype(dtype.np)


def _normal(rng, shape, dtype):
    if dtype.is_complex:  # unit variance overall, as PyTorch
        z = rng.standard_normal(shape + (2,)) / math.sqrt(2)
        return (z[..., 0] + 1j * z[..., 1]).astype(dtype.np)
    return rng.standard_normal(shape).astype(dtype.np)


def rand(*args, size=None, generator=None, dtype=None, device=None, pin_memory=False,
         requires_grad=False):
    """Uniform samples from [0, 1)."""
    return _random("rand", _uniform, args, size, generator, dtype, device,
                   requires_grad, "check_uniform_bounds")


def randn(*args, size=None, generator=None, dtype=None, device=None, pin_memory=False,
          requires_grad=False):
    """Standard normal samples."""
    return _random("randn", _normal, args, size, generator, dtype, device,
                   requires_grad, "normal_kernel_cpu")


def randint(*args, size=None, generator=None, dtype=None, device=None,
            pin_memory=False, requires_grad=False):
    """Integers uniform in [low, high): `randint(high, size)` or `randint(low, high, size)`."""
    if size is None and args and not _is_int(args[-1]):
        *args, size = args
    if size is None or len(args) not in (1, 2):
        raise TypeError(f"randint() received an invalid combination of arguments - got "
                        f"({', '.join(type_name(a) for a in args)}), but expected one of:")
    low, high = (0, args[0]) if len(args) == 1 else args
    dtype = parse_dtype(dtype, "randint") or D.int64
    resolve_device(device)
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got "
                           f"from={low} >= to={high}")
    rng = (generator or default_generator)._rng
    a = rng.integers(low, high, _size("randint", (), size)).astype(dtype.np)
    return finish(wrap(a), requires_grad)


def rand_like(input, *, dtype=None, device=None, requires_grad=False,
              memory_format=None):
    return rand(input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input, *, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    return randn(input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randint_like(input, low=0, high=None, *, dtype=None, device=None,
                 requires_grad=False, memory_format=None):
    if high is None:
        low, high = 0, low
    return randint(low, high, input.shape, dtype=dtype or input.dtype,
                   requires_grad=requires_grad)
