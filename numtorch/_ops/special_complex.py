"""`torch.frexp`, `torch.complex` and `torch.polar` (split from special.py)."""
import numpy as np

from .. import _dtype as D
from .._convert import fresh
from .._tensor import Tensor, wrap
from . import grad_special as GS
from .grad_reduction import SECOND
from .pointwise import _checker
from .reduction import pair, return_type
from .registry import FUNCTIONS, broadcast_error, check_out, out_allowed, record, write_into

_F32 = np.dtype(np.float32)
_frexp_type = return_type("frexp", ("mantissa", "exponent"))


def frexp(input, *, out=None):  # noqa: A002 - PyTorch's name
    """`(mantissa, exponent)` with `input = mantissa * 2 ** exponent`, |mantissa| in [0.5, 1)."""
    _checker("frexp")(input)
    a = input._a
    if input.dtype._cat != 2:
        raise RuntimeError("torch.frexp() only supports floating-point dtypes")
    if out is not None and out[1].dtype is not D.int32:
        raise RuntimeError(f"torch.frexp() expects exponent to have int dtype but got "
                           f"{D.SCALAR_NAME[out[1].dtype]}")
    m, e = np.frexp(a.astype(_F32) if a.dtype == D.bfloat16.np else a)
    return pair(_frexp_type, fresh(np.asarray(m.astype(a.dtype, copy=False))),
                fresh(np.asarray(e.astype(np.int32, copy=False))), "FrexpBackward0", input, out,
                GS.frexp_back, (SECOND,))


def _parts(name, x, y):
    for arg, pos, v in (("real" if name == "complex" else "abs", 1, x),
                        ("imag" if name == "complex" else "angle", 2, y)):
        if not isinstance(v, Tensor):
            raise TypeError(f"{name}(): argument '{arg}' (position {pos}) must be Tensor, "
                            f"not {type(v).__name__}")
    if x.dtype not in (D.float16, D.float32, D.float64) or y.dtype not in (
            D.float16, D.float32, D.float64):
        raise RuntimeError(f"Expected both inputs to be Half, Float or Double tensors but got "
                           f"{D.SCALAR_NAME[x.dtype]} and {D.SCALAR_NAME[y.dtype]}")
    if x.dtype is not y.dtype:
        raise RuntimeError(f"Expected object of scalar type {D.SCALAR_NAME[x.dtype]} but got "
                           f"scalar type {D.SCALAR_NAME[y.dtype]} for second argument")
    try:
        np.broadcast_shapes(x._a.shape, y._a.shape)
    except ValueError:
        raise broadcast_error([x._a.shape, y._a.shape]) from None
    return x.dtype.to_complex()


def _paired(name, a, b, out, compute, grad, backward):
    dt = _parts(name, a, b)
    with np.errstate(all="ignore"):
        re, im = compute(a._a, b._a)
    r = np.empty_like(re + im, dt.np)  # laid out as a pointwise result
    r.real, r.imag = re, im
    if out is not None:
        out_allowed(name, [a, b, out])
        check_out(dt, out.dtype)
        return write_into(out, r)
    t = wrap(fresh(r))
    return record(t, grad, (a, b), backward, (t,))


def complex(real, imag, *, out=None):  # noqa: A001 - PyTorch's name
    """The complex tensor `real + imag * 1j` (both float tensors of one dtype)."""
    return _paired("complex", real, imag, out, lambda x, y: (x, y), "ComplexBackward0",
                   GS.complex_back)


def polar(abs, angle, *, out=None):  # noqa: A002 - PyTorch's names
    """The complex tensor `abs * (cos(angle) + sin(angle) * 1j)`."""
    return _paired("polar", abs, angle, out, lambda r, t: (r * np.cos(t), r * np.sin(t)),
                   "PolarBackward0", GS.polar_back)


FUNCTIONS["complex"], FUNCTIONS["polar"] = complex, polar
Tensor.frexp = FUNCTIONS["frexp"] = frexp
