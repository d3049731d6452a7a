"""Random tensors: values from NumPy's generator; shapes, dtypes and errors as PyTorch.

>>> import numtorch
>>> numtorch.manual_seed(0); numtorch.rand(2, 3).shape
torch.Size([2, 3])
"""
import math
import warnings

import numpy as np

from . import _dtype as D
from ._argparse import REQUIRED, arg_type_name, invalid_args, arg_index, arg_long, arg_int_list, arg_size, arg_dims, arg_dtype, arg_place, check_kernel, new_tensor
from ._creation import finish
from ._factories import like_layout
from ._interop.sequence import storage_np
from ._tensor import Tensor, wrap

__all__ = ["manual_seed", "Generator", "default_generator", "rand", "randn", "randint",
           "rand_like", "randn_like", "randint_like"]

_RANDOM = frozenset((D.float16, D.bfloat16, D.float32, D.float64, D.complex32, D.complex64,
                     D.complex128))

class Generator:
    """A random-number generator; `manual_seed` reseeds it."""

    parser_name = "torch.Generator"

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


def _rng(fn, generator, args, kwargs):
    if generator is None:
        return default_generator._rng
    if not isinstance(generator, Generator):
        raise invalid_args(fn, args, {**kwargs, "generator": generator})
    return generator._rng


_DIGITS = {D.float16: 11, D.bfloat16: 8, D.float32: 24, D.float64: 53}


def _uniform(rng, shape, dtype):
    """Samples from [0, 1) on `dtype`'s grid (so never rounded up to 1)."""
    d = _DIGITS[dtype.to_real()]
    x = rng.integers(0, 1 << d, shape + (2,) if dtype.is_complex else shape) * 2.0 ** -d
    if dtype.is_complex:
        x = x[..., 0] + 1j * x[..., 1]
    return x.astype(storage_np(dtype))


def _normal(rng, shape, dtype):
    if dtype.is_complex:  # unit variance overall, as PyTorch
        z = rng.standard_normal(shape + (2,)) / math.sqrt(2)
        return (z[..., 0] + 1j * z[..., 1]).astype(storage_np(dtype))
    return rng.standard_normal(shape).astype(dtype.np)


_KERNELS = {_uniform: "check_uniform_bounds", _normal: "normal_kernel_cpu"}


def _random(fn, sample, args, size, generator, dtype, device, pin_memory, requires_grad):
    shape = arg_size(fn, args, size, overloaded=True)
    kwargs = {} if size is None else {"size": size}
    dtype = arg_dtype(fn, dtype, (args, kwargs)) or D.get_default_dtype()
    rng = _rng(fn, generator, args, kwargs)
    arg_place(fn, device, pin_memory)
    arg_dims(fn, shape)
    check_kernel(_KERNELS[sample], dtype, _RANDOM)
    return new_tensor(sample(rng, shape, dtype), requires_grad)


def rand(*args, size=None, generator=None, dtype=None, device=None, pin_memory=False,
         requires_grad=False):
    """Uniform samples from [0, 1)."""
    return _random("rand", _uniform, args, size, generator, dtype, device, pin_memory,
                   requires_grad)


def randn(*args, size=None, generator=None, dtype=None, device=None, pin_memory=False,
          requires_grad=False):
    """Standard normal samples."""
    return _random("randn", _normal, args, size, generator, dtype, device, pin_memory,
                   requires_grad)


def _randint_args(args, kwargs):
    """(low, high, size) from `randint(high, size)` or `randint(low, high, size)`; with two
    arguments PyTorch names the bad one, otherwise it reports an invalid combination."""
    names = ("high", "size") if len(args) + len(kwargs) == 2 else ("low", "high", "size")
    got = dict(zip(names, args))
    if len(args) > len(names) or got.keys() & kwargs.keys() \
            or len(got) + len(kwargs) != len(names) or not set(kwargs) <= set(names):
        raise invalid_args("randint", args, kwargs)
    got.update(kwargs)
    named = len(names) == 2
    for pos, name in enumerate(names, 1):
        v, at = got[name], pos if pos <= len(args) else None
        if name == "size":
            if not named and (not isinstance(v, (tuple, list)) or v and arg_index(v[0]) is None):
                raise invalid_args("randint", args, kwargs)
            got[name] = arg_int_list("randint", "size", v, at)
        elif arg_index(v) is None:
            if not named:
                raise invalid_args("randint", args, kwargs)
            where = f" (position {at})" if at else ""
            raise TypeError(f"randint(): argument '{name}'{where} must be int, not {arg_type_name(v)}")
    return arg_long(arg_index(got.get("low", 0))), arg_long(arg_index(got["high"])), got["size"]


_C_TYPE = {D.bool: "bool", D.uint8: "unsigned char", D.int8: "signed char",
           D.int16: "short int", D.int32: "int", D.uint16: "short unsigned int",
           D.uint32: "unsigned int", D.uint64: "long unsigned int", D.float16: "c10::Half",
           D.bfloat16: "c10::BFloat16", D.float32: "float", D.float64: "double"}


def _integers(rng, low, high, shape, dtype):
    """`random_(low, high)` on a new `dtype` array, with PyTorch's bounds checks."""
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} "
                           f">= to={high}")
    if dtype.is_floating_point:
        check_kernel("random_update_from_to", dtype, _DIGITS)
        lo, hi = -float(D.finfo(dtype).max), float(D.finfo(dtype).max)
    elif dtype.is_complex:
        raise RuntimeError("check_random_bounds handles only integral, floating-point and "
                           "boolean types")
    elif dtype is D.int64 or dtype is D.uint64:
        lo, hi = 0 if dtype is D.uint64 else -2**63, 2**63 - 1
    else:
        lo, hi = (0, 1) if dtype is D.bool else (np.iinfo(dtype.np).min, np.iinfo(dtype.np).max)
    bounds = (("from", low), ("to - 1", high - 1))
    for name, v in bounds:
        if not lo <= v <= hi:
            raise RuntimeError(f"{name} is out of bounds for {_C_TYPE[dtype]}")
    d = _DIGITS.get(dtype)
    for name, v in bounds if d else ():
        if not -2**d <= v <= 2**d:
            warnings.warn(f"{name} is out of bounds [-(2^{d}), 2^{d}]. Due to precision "
                          f"limitations {_C_TYPE[dtype]} can support discrete uniform "
                          "distribution only within this range. This warning will become an "
                          "error in version 1.7 release, please fix the code in advance",
                          UserWarning, stacklevel=4)
    return rng.integers(low, high, shape).astype(dtype.np)


def randint(*args, low=None, high=None, size=None, generator=None, dtype=None, device=None,
            pin_memory=False, requires_grad=False):
    """Integers uniform in [low, high): `randint(high, size)` or `randint(low, high, size)`."""
    kwargs = {k: v for k, v in (("low", low), ("high", high), ("size", size)) if v is not None}
    low, high, shape = _randint_args(args, kwargs)
    dtype = arg_dtype("randint", dtype, (args, kwargs)) or D.int64
    rng = _rng("randint", generator, args, kwargs)
    arg_place("randint", device, pin_memory)
    return new_tensor(_integers(rng, low, high, arg_dims("randint", shape), dtype), requires_grad)


def _random_like(fn, sample, input, dtype, device, requires_grad, memory_format):
    a, dtype = like_layout(fn, input, dtype, device, memory_format)
    check_kernel(_KERNELS[sample], dtype, _RANDOM)
    a[...] = sample(default_generator._rng, a.shape, dtype)
    return finish(wrap(a), requires_grad)


def rand_like(input=REQUIRED, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    return _random_like("rand_like", _uniform, input, dtype, device, requires_grad,
                        memory_format)


def randn_like(input=REQUIRED, *, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    return _random_like("randn_like", _normal, input, dtype, device, requires_grad,
                        memory_format)


def randint_like(input=REQUIRED, low=REQUIRED, high=REQUIRED, *, dtype=None, device=None,
                 requires_grad=False, memory_format=None):
    """`randint_like(input, high)` or `randint_like(input, low, high)`."""
    given = [v for v in (input, low, high) if v is not REQUIRED]
    if not isinstance(input, Tensor) or low is REQUIRED and high is REQUIRED \
            or any(arg_index(v) is None for v in (low, high) if v is not REQUIRED):
        raise invalid_args("randint_like", given)
    low, high = (0, low) if high is REQUIRED else (0 if low is REQUIRED else low, high)
    a, dtype = like_layout("randint_like", input, dtype, device, memory_format)
    rng = default_generator._rng
    a[...] = _integers(rng, arg_long(arg_index(low)), arg_long(arg_index(high)), a.shape, dtype)
    return finish(wrap(a), requires_grad)
