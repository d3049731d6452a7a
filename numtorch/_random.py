"""Random tensors and generator state, drawing PyTorch's CPU streams (mt19937, see
_random_engine.py and _random_kernels.py): the same seed gives the same values as PyTorch.

>>> import numtorch
>>> _ = numtorch.manual_seed(0); numtorch.rand(3).tolist()
[0.49625658988952637, 0.7682217955589294, 0.08847743272781372]
"""
import warnings

import numpy as np

from . import _dtype as D
from . import _random_kernels as K
from ._argparse import REQUIRED, arg_type_name, invalid_args, arg_index, arg_long, arg_int_list, arg_size, arg_dims, arg_dtype, arg_place, check_kernel, new_tensor
from ._creation import finish
from ._factories import like_layout
from ._interop.sequence import storage_np
from ._random_engine import Generator, default_generator, seed_value
from ._ops.grad_indexing import record_inplace, recording
from ._ops.indexing import bump_version
from ._ops.registry import broadcast_error, record, resize_out, write_into
from ._random_inplace import (bernoulli, check_std, fill_normal, fill_uniform, gen_of,
                              multinomial, poisson)
from ._tensor import Tensor, wrap

__all__ = ["manual_seed", "seed", "initial_seed", "get_rng_state", "set_rng_state",
           "Generator", "default_generator", "rand", "randn", "randint", "randperm",
           "rand_like", "randn_like", "randint_like", "normal", "bernoulli", "multinomial", "poisson"]

_RANDOM = frozenset((D.float16, D.bfloat16, D.float32, D.float64, D.complex32, D.complex64,
                     D.complex128))


def manual_seed(seed):
    """Seed the default generator; returns it."""
    default_generator._reseed(seed_value(int(seed)))
    return default_generator


def seed():
    """Seed the default generator from the operating system; returns the seed."""
    return default_generator.seed()


def initial_seed():
    """The default generator's seed."""
    return default_generator.initial_seed()


def get_rng_state():
    """The default generator's state (5056 bytes, PyTorch's layout)."""
    return default_generator.get_state()


def set_rng_state(new_state):
    """Restore the default generator's state from `get_rng_state`."""
    default_generator.set_state(new_state)


_DIGITS = {D.float16: 11, D.bfloat16: 8, D.float32: 24, D.float64: 53}


def _uniform(gen, shape, dtype):
    a = np.empty(shape, storage_np(dtype))
    fill_uniform(gen, a, dtype)
    return a


def _normal(gen, shape, dtype):
    a = np.empty(shape, storage_np(dtype))
    fill_normal(gen, a, dtype)
    return a


_KERNELS = {_uniform: "check_uniform_bounds", _normal: "normal_kernel_cpu"}


def _random(fn, sample, args, size, generator, dtype, device, pin_memory, requires_grad, out):
    shape = arg_size(fn, args, size, overloaded=True)
    kwargs = {} if size is None else {"size": size}
    dtype = arg_dtype(fn, dtype, (args, kwargs))
    gen = gen_of(fn, generator, args, kwargs)
    arg_place(fn, device, pin_memory)
    arg_dims(fn, shape)
    if out is not None:
        fill = fill_uniform if sample is _uniform else fill_normal
        return _into_out(out, dtype, shape, requires_grad, _KERNELS[sample],
                         lambda a, dt: fill(gen, a, dt))
    dtype = dtype or D.get_default_dtype()
    check_kernel(_KERNELS[sample], dtype, _RANDOM)
    return new_tensor(sample(gen, shape, dtype), requires_grad)


def _into_out(out, dtype, shape, requires_grad, kernel, fill):
    """PyTorch's `out=` of rand/randn/randint: `out` (of `dtype` when given) silently resized
    to `shape`, then filled in place by `fill(array, dtype)` (None `kernel`: no dtype check)."""
    if dtype is not None and dtype is not out.dtype:
        raise RuntimeError(f"dtype {D.SCALAR_NAME[dtype]} does not match dtype of out "
                           f"parameter ({D.SCALAR_NAME[out.dtype]})")
    if kernel is not None:
        check_kernel(kernel, out.dtype, _RANDOM)
    if out._a.shape != tuple(shape):
        resize_out(out, tuple(shape), warn=False)
    bump_version(out)
    fill(out._a, out.dtype)
    return out.requires_grad_() if requires_grad else out


def rand(*args, size=None, generator=None, out=None, dtype=None, device=None,
         pin_memory=False, requires_grad=False):
    """Uniform samples from [0, 1)."""
    return _random("rand", _uniform, args, size, generator, dtype, device, pin_memory,
                   requires_grad, out)


def randn(*args, size=None, generator=None, out=None, dtype=None, device=None,
          pin_memory=False, requires_grad=False):
    """Standard normal samples."""
    return _random("randn", _normal, args, size, generator, dtype, device, pin_memory,
                   requires_grad, out)


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


def _integers(gen, low, high, a, dtype):
    """`random_(low, high)` into array `a` of `dtype`, with PyTorch's bounds checks."""
    low, high = _check_range(low, high, dtype, 5)
    K.fill_in_order(a, K.uniform_ints(gen, a.size, high - low, low))
    return a


def _check_range(low, high, dtype, stacklevel, inclusive=False):
    """PyTorch's checks of `random_(low, high)` on `dtype`; the bounds it then uses (for a
    floating dtype, moved in to values that round inside)."""
    if low >= high and not inclusive:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} "
                           f">= to={high}")
    if dtype.is_floating_point:
        check_kernel("random_update_from_to", dtype, _DIGITS)
        low = _moved(low, 1, dtype)
        if not inclusive:
            high = _moved(high, -1, dtype)
            if low >= high:
                raise RuntimeError(f"random_ expects 'from' casted to dtype to be less than "
                                   f"'to' casted to dtype, but got from={low} >= to={high}")
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
                          UserWarning, stacklevel=stacklevel)
    return low, high


def _moved(v, step, dtype):
    """PyTorch's update_from (`step` 1) / update_to (-1): `v` moved so that `v + step`, rounded
    to `dtype`, stays on the same side of `v`."""
    rounded = int(np.array(float(v + step)).astype(dtype.np).astype(np.float64))
    if (rounded < v) if step > 0 else (rounded >= v):
        n = abs(v + step).bit_length() - 1
        v = rounded + step * (1 << (n - _DIGITS[dtype] + 1))
    return v


def randint(*args, low=None, high=None, size=None, generator=None, out=None, dtype=None,
            device=None, pin_memory=False, requires_grad=False):
    """Integers uniform in [low, high): `randint(high, size)` or `randint(low, high, size)`."""
    kwargs = {k: v for k, v in (("low", low), ("high", high), ("size", size)) if v is not None}
    low, high, shape = _randint_args(args, kwargs)
    dtype = arg_dtype("randint", dtype, (args, kwargs))
    gen = gen_of("randint", generator, args, kwargs)
    arg_place("randint", device, pin_memory)
    if out is not None:
        return _into_out(out, dtype, arg_dims("randint", shape), requires_grad, None,
                         lambda a, dt: _integers(gen, low, high, a, dt))
    dtype = dtype or D.int64
    a = np.empty(arg_dims("randint", shape), dtype.np)
    return new_tensor(_integers(gen, low, high, a, dtype), requires_grad)


def _random_like(fn, sample, input, generator, dtype, device, requires_grad, memory_format):
    gen = gen_of(fn, generator, (input,))
    a, dtype = like_layout(fn, input, dtype, device, memory_format)
    if a.size == 0:  # nothing to fill: PyTorch skips the kernel's dtype check
        return finish(wrap(a), requires_grad)
    check_kernel(_KERNELS[sample], dtype, _RANDOM)
    {_uniform: fill_uniform, _normal: fill_normal}[sample](gen, a, dtype)
    return finish(wrap(a), requires_grad)


def rand_like(input=REQUIRED, *, generator=None, dtype=None, device=None, requires_grad=False,
              memory_format=None):
    return _random_like("rand_like", _uniform, input, generator, dtype, device, requires_grad,
                        memory_format)


def randn_like(input=REQUIRED, *, generator=None, dtype=None, device=None, requires_grad=False,
               memory_format=None):
    return _random_like("randn_like", _normal, input, generator, dtype, device, requires_grad,
                        memory_format)


def randint_like(input=REQUIRED, low=REQUIRED, high=REQUIRED, *, generator=None, dtype=None,
                 device=None, requires_grad=False, memory_format=None):
    """`randint_like(input, high)` or `randint_like(input, low, high)`."""
    given = [v for v in (input, low, high) if v is not REQUIRED]
    if not isinstance(input, Tensor) or low is REQUIRED and high is REQUIRED \
            or any(arg_index(v) is None for v in (low, high) if v is not REQUIRED):
        raise invalid_args("randint_like", given)
    low, high = (0, low) if high is REQUIRED else (0 if low is REQUIRED else low, high)
    a, dtype = like_layout("randint_like", input, dtype, device, memory_format)
    _integers(gen_of("randint_like", generator, given), arg_long(arg_index(low)),
              arg_long(arg_index(high)), a, dtype)
    return finish(wrap(a), requires_grad)


_PERM_DTYPES = frozenset((D.uint8, D.int8, D.int16, D.int32, D.int64, D.float16, D.bfloat16,
                          D.float32, D.float64))
_INT_C = {D.uint8: "uint8_t", D.int8: "int8_t", D.int16: "int16_t", D.int32: "int32_t"}
_FLOAT_NAME = {D.float16: "Half", D.bfloat16: "BFloat16", D.float32: "Float",
               D.float64: "Double"}


def randperm(n=REQUIRED, *, generator=None, out=None, dtype=None, layout=None, device=None,
             pin_memory=False, requires_grad=False):
    """A random permutation of 0..n-1 (PyTorch's swap shuffle, one 32-bit draw a swap)."""
    if arg_index(n) is None:
        raise TypeError(f"randperm(): argument 'n' (position 1) must be int, not "
                        f"{arg_type_name(n)}")
    n = arg_long(arg_index(n))
    dtype = arg_dtype("randperm", dtype) or (out.dtype if out is not None else D.int64)
    gen = gen_of("randperm", generator)
    arg_place("randperm", device, pin_memory)
    if n < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {n}: [{n}]")
    check_kernel("randperm", dtype, _PERM_DTYPES)
    if dtype in _INT_C and n - 1 > np.iinfo(dtype.np).max:
        raise RuntimeError(f"value cannot be converted to type {_INT_C[dtype]} without "
                           "overflow")
    if dtype in _DIGITS and n > 2 ** _DIGITS[dtype] + 1:
        raise RuntimeError(f"n cannot be greater than {2 ** _DIGITS[dtype] + 1} for "
                           f"{_FLOAT_NAME[dtype]} type.")
    perm = list(range(n))
    draws = (gen.raw32(max(n - 1, 0)) % np.arange(n, 1, -1, dtype=np.uint64)).tolist()
    for i, z in enumerate(draws):
        perm[i], perm[i + z] = perm[i + z], perm[i]
    result = new_tensor(np.array(perm, np.int64).astype(dtype.np), requires_grad)
    if out is None:
        return result
    if out.shape != result.shape:  # PyTorch resizes randperm's `out` silently
        resize_out(out, result.shape, warn=False)
    return write_into(out, result._a)


def normal(mean=REQUIRED, std=1.0, size=None, *, generator=None, out=None, dtype=None,
           layout=None, device=None, pin_memory=False, requires_grad=False):
    """Normal samples: `normal(mean, std)` with tensor mean and/or std (broadcast), or
    `normal(mean, std, size)` with numbers."""
    tm, ts = isinstance(mean, Tensor), isinstance(std, Tensor)
    given = {k: v for k, v in (("generator", generator), ("dtype", dtype)) if v is not None}
    gen = gen_of("normal", generator, (mean, std), given)
    if not (tm or ts):
        if size is None or mean is REQUIRED:
            raise invalid_args("normal", [v for v in (mean, std) if v is not REQUIRED],
                               given)
        mean, std = float(mean), float(std)
        check_std(std)
        shape = arg_dims("normal", arg_int_list("normal", "size", size, 3))
        dtype = arg_dtype("normal", dtype) or D.get_default_dtype()
        arg_place("normal", device, pin_memory)
        check_kernel("normal_kernel_cpu", dtype, _RANDOM)
        a = np.empty(shape, storage_np(dtype))
        fill_normal(gen, a, dtype, mean, std)
        return _to_out(new_tensor(a, requires_grad), out)
    if ts:
        if std.dtype.is_complex:
            raise RuntimeError("normal expects standard deviation to be non-complex")
        if std.numel() and not np.all(std._a >= 0):
            raise RuntimeError("normal expects all elements of std >= 0.0")
    else:
        check_std(float(std))
    like = mean if tm else std
    shape = tuple(like.shape)
    if tm and ts:
        try:
            shape = np.broadcast_shapes(mean.shape, std.shape)
        except ValueError:
            raise broadcast_error((tuple(mean.shape), tuple(std.shape))) from None
    a = np.empty(shape, like._a.dtype)
    check_kernel("normal_kernel_cpu", like.dtype, _RANDOM)
    with np.errstate(all="ignore"):
        if tm and not ts:
            fill_normal(gen, a, like.dtype, 0.0, float(std))
        else:
            fill_normal(gen, a, like.dtype)
            a[...] = a * (std._a if ts else std)
        a[...] = a + (mean._a if tm else np.array(mean, a.dtype))
    result = wrap(a)
    grad = "NormalBackward3" if tm and ts else "NormalBackward1" if tm else "NormalBackward2"
    tensors = tuple(t for t in (mean, std) if isinstance(t, Tensor))
    result = record(result, grad, tensors,
                    lambda g: tuple(_zeros_as(t, g) for t in tensors) if len(tensors) > 1
                    else _zeros_as(tensors[0], g))
    return _to_out(result, out)


def _zeros_as(t, g):
    return wrap(np.zeros(t.shape, g._a.dtype))


def _to_out(result, out):
    if out is None:
        return result
    return write_into(out, result._a)


_RANDOM_INT = _PERM_DTYPES | {D.bool}
_FULL_RANGE = frozenset((D.int64, D.float64, D.float32, D.bfloat16))


def random_(self, *args, generator=None, **kwargs):
    """Fill with integers: `random_()` over the dtype's range, `random_(to)` from [0, to),
    `random_(from, to)` from [from, to) (`to=None`: up to the dtype's maximum)."""
    if len(args) == 1 and not kwargs:
        got = {"to": args[0]}
    else:
        got = dict(zip(("from", "to"), args), **kwargs)
    if len(args) > 2 or set(got) - {"from", "to"} or len(got) != len(args) + len(kwargs) \
            or "from" in got and "to" not in got \
            or any(v is not None and arg_index(v) is None for v in got.values()) \
            or "from" not in got and got.get("to", 0) is None:
        raise invalid_args("random_", args, {**kwargs, **({"generator": generator}
                                                           if generator is not None else {})})
    gen = gen_of("random_", generator)
    low = arg_long(arg_index(got.get("from", 0)))
    high = got.get("to")
    dtype = self.dtype
    if not got:
        check_kernel("random_kernel_cpu", dtype, _RANDOM_INT)
        grad, draw = "RandomBackward2", lambda n: K.random_ints(gen, n, dtype.np,
                                                              _DIGITS.get(dtype))
    elif high is None and low == -2**63:
        if dtype not in _FULL_RANGE:
            raise RuntimeError("random_full_64_bits_range_kernel_cpu handles only int64, "
                               "double, float and bfloat16")
        grad, draw = "RandomBackward0", lambda n: K.full_range_ints(gen, n)
    else:
        if high is None:
            high = (2 ** _DIGITS[dtype] if dtype in _DIGITS else 1 if dtype is D.bool
                    else int(np.iinfo(dtype.np).max)) + 1
        inclusive = "to" in got and got["to"] is None
        low, high = _check_range(low, arg_long(arg_index(high)) if high < 2**63 else high,
                                 dtype, 4, inclusive)
        grad = "RandomBackward1" if "from" not in got else "RandomBackward0"
        draw = lambda n: K.uniform_ints(gen, n, high - low, low)  # noqa: E731
    bump_version(self)
    if self._a.size:
        K.fill_in_order(self._a, draw(self._a.size))
    if recording(self):
        record_inplace(self, grad, (), lambda g: g * 0)
    return self


Tensor.random_ = random_
