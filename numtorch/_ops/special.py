"""Special functions: lgamma, digamma, polygamma, mvlgamma, i0, sinc, logit and friends, the
integer gcd/lcm, and the float-bit ops (signbit, frexp, ldexp, nextafter), plus
`torch.complex` and `torch.polar`.

The gamma-family kernels and i0 follow the Cephes algorithms PyTorch's CPU kernels run
(ATen/native/Math.h), in NumPy: digamma and trigamma in the input's float type (halves in
float32), the rest in float64 rounded to the input's dtype. lgamma is libm's.

>>> import numtorch
>>> numtorch.tensor([1, 2]).digamma()
tensor([-0.5772,  0.4228])
>>> numtorch.gcd(numtorch.tensor([4, 6]), numtorch.tensor([6, -4]))
tensor([2, 2])
"""
import math

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor
from ..autograd import graph
from .arithmetic import (as_methods, computed_in, inplace_with, only_tensors, refuse,
                         tensors_only)
from .grad_arithmetic import not_implemented
from . import pointwise_erf
from .pointwise import _checker
from .registry import (ALWAYS_BOOL, COMPLEX_TO_FLOAT, DEFAULT, FUNCTIONS, INT_TO_FLOAT,
                       elementwise, needs_grad)

__all__ = ["lgamma", "digamma", "polygamma", "mvlgamma", "logit", "signbit", "angle",
           "deg2rad", "rad2deg", "sinc", "i0", "heaviside", "gcd", "lcm", "ldexp",
           "nextafter", "frexp", "complex", "polar"]

_F64 = np.dtype(np.float64)
_F32 = np.dtype(np.float32)
_COMPLEX = (D.complex32, D.complex64, D.complex128)


def _math_type(a):
    """The type PyTorch's float kernels compute `a`'s dtype in (halves: float32)."""
    return _F64 if a.dtype == _F64 else _F32


def _like(a, r):
    """`r` in `a`'s dtype, laid out as PyTorch lays out a pointwise result of `a`."""
    out = np.empty_like(a)
    np.copyto(out, r, casting="unsafe")
    return out


def _in_float64(fn):
    """A kernel computing `fn` on float64 and rounding back to the input's dtype."""
    def kernel(a, **kw):
        return _like(a, fn(a.astype(_F64), **kw))
    kernel.__doc__ = fn.__doc__
    return kernel


def _in_math_type(fn):
    """A kernel computing `fn` in the input's math type (`_math_type`)."""
    def kernel(a, **kw):
        return _like(a, fn(a.astype(_math_type(a)), **kw))
    kernel.__doc__ = fn.__doc__
    return kernel


def _poly(z, coefs, chebyshev=False):
    """Cephes' polevl (Horner) or chbevl (Chebyshev series) of `coefs` at `z`."""
    if not chebyshev:
        r = np.zeros_like(z)
        for c in coefs:
            r = r * z + c
        return r
    b0, b1, b2 = np.full_like(z, coefs[0]), np.zeros_like(z), np.zeros_like(z)
    for c in coefs[1:]:
        b2, b1 = b1, b0
        b0 = z * b1 - b2 + c
    return 0.5 * (b0 - b2)


# ---- the gamma family --------------------------------------------------------------------
_lgamma1 = np.frompyfunc(math.lgamma, 1, 1)


def _lgamma(x):
    """log|Gamma(x)| (float64): +inf at the poles (0 and the negative integers)."""
    pole = (x <= 0) & (x == np.floor(x))
    return np.where(pole, np.inf, np.asarray(_lgamma1(np.where(pole, 1.0, x)), _F64))


_PSI_10 = 2.25175258906672110764
_PSI_A = (8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3,
          -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
          8.33333333333333333333E-2)


def _shifted(x, step):
    """`(x + k, sum of step(x + j) for j < k)` with the least k making `x + k` >= 10."""
    total = np.zeros_like(x)
    low = x < 10
    while low.any():
        total = np.where(low, total + step(np.where(low, x, 1)), total)
        x = np.where(low, x + 1, x)
        low = x < 10
    return x, total


def _digamma(x):
    """psi(x) as PyTorch's calc_digamma computes it, in `x`'s float type."""
    t = x.dtype.type
    neg = x < 0
    frac = np.modf(x.astype(_F64))[0]
    with np.errstate(all="ignore"):
        reflect = (np.pi / np.tan(np.pi * frac)).astype(x.dtype)
        y, total = _shifted(np.where(neg, 1 - x, x), lambda v: -1 / v)
        z = 1 / (y * y)
        tail = np.where(y < 1e17, z * _poly(z, [t(c) for c in _PSI_A]), 0).astype(x.dtype)
        r = np.where(y == 10, total + t(_PSI_10), total + np.log(y) - t(0.5) / y - tail)
    r = np.where(neg, r - reflect, r)
    r = np.where(neg & (x == np.trunc(x)), np.nan, r)
    return np.where(x == 0, np.copysign(np.inf, -x), r).astype(x.dtype)


def _trigamma(x):
    """psi'(x) as PyTorch's trigamma computes it, in `x`'s float type."""
    t = x.dtype.type
    with np.errstate(all="ignore"):
        low = x < 0.5
        s = np.sin(t(np.pi) * x)
        r = np.where(low, -(t(np.pi) * t(np.pi)) / (s * s), 0).astype(x.dtype)
        y = np.where(low, 1 - x, x)
        for _ in range(6):
            r = r + 1 / (y * y)
            y = y + 1
        ixx = 1 / (y * y)
        r = r + (1 + 1 / (2 * y) + ixx * (t(1 / 6) - ixx * (t(1 / 30) - ixx * t(1 / 42)))) / y
    return np.where(low, -r, r)


_MACHEP = 1.11022302462515654042E-16
_ZETA_A = (12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9,
           7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14,
           -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18)


def _zeta(x, q):
    """Hurwitz zeta(x, q) for an integer x >= 2 (Cephes, as PyTorch's `zeta`), float64."""
    with np.errstate(all="ignore"):
        s = q ** -x
        a, b = q.copy(), np.zeros_like(q)
        done = (q <= 0) & (q == np.floor(q))  # the poles
        out = np.where(done, np.inf, np.nan)
        i = 0
        while True:
            live = ~done & ((i < 9) | (a <= 9))
            if not live.any():
                break
            i += 1
            a = np.where(live, a + 1, a)
            b = np.where(live, a ** -x, b)
            s = np.where(live, s + b, s)
            hit = live & (-_MACHEP * s < b) & (b < _MACHEP * s)
            out[hit], done = s[hit], done | hit
        w = a
        s = s + b * w / (x - 1) - 0.5 * b
        a, k = 1.0, 0.0
        for c in _ZETA_A:
            a *= x + k
            b = b / w
            term = a * b / c
            s = np.where(done, s, s + term)
            hit = ~done & (np.abs(term / s) < _MACHEP)
            out[hit], done = s[hit], done | hit
            k += 1
            a *= x + k
            b = b / w
            k += 1
        out[~done] = s[~done]
    return out


def _polygamma(x, n=0):
    if n == 0:
        return _in_math_type(_digamma)(x)
    if n == 1:
        return _in_math_type(_trigamma)(x)
    f = (1 if n % 2 else -1) * math.exp(math.lgamma(n + 1))
    return (f * _zeta(n + 1, x.astype(_F64))).astype(x.dtype)


def _mvlgamma(x, p=1):
    r = sum(_lgamma(x - j / 2) for j in range(p))
    return r + p * (p - 1) / 4 * math.log(math.pi)


# ---- Bessel i0 (and i1, its derivative) ----------------------------------------------------
_I0_A = (-4.41534164647933937950E-18, 3.33079451882223809783E-17, -2.43127984654795469359E-16,
         1.71539128555513303061E-15, -1.16853328779934516808E-14, 7.67618549860493561688E-14,
         -4.85644678311192946090E-13, 2.95505266312963983461E-12, -1.72682629144155570723E-11,
         9.67580903537323691224E-11, -5.18979560163526290666E-10, 2.65982372468238665035E-9,
         -1.30002500998624804212E-8, 6.04699502254191894932E-8, -2.67079385394061173391E-7,
         1.11738753912010371815E-6, -4.41673835845875056359E-6, 1.64484480707288970893E-5,
         -5.75419501008210370398E-5, 1.88502885095841655729E-4, -5.76375574538582365885E-4,
         1.63947561694133579842E-3, -4.32430999505057594430E-3, 1.05464603945949983183E-2,
         -2.37374148058994688156E-2, 4.93052842396707084878E-2, -9.49010970480476444210E-2,
         1.71620901522208775349E-1, -3.04682672343198398683E-1, 6.76795274409476084995E-1)
_I0_B = (-7.23318048787475395456E-18, -4.83050448594418207126E-18, 4.46562142029675999901E-17,
         3.46122286769746109310E-17, -2.82762398051658348494E-16, -3.42548561967721913462E-16,
         1.77256013305652638360E-15, 3.81168066935262242075E-15, -9.55484669882830764870E-15,
         -4.15056934728722208663E-14, 1.54008621752140982691E-14, 3.85277838274214270114E-13,
         7.18012445138366623367E-13, -1.79417853150680611778E-12, -1.32158118404477131188E-11,
         -3.14991652796324136454E-11, 1.18891471078464383424E-11, 4.94060238822496958910E-10,
         3.39623202570838634515E-9, 2.26666899049817806459E-8, 2.04891858946906374183E-7,
         2.89137052083475648297E-6, 6.88975834691682398426E-5, 3.36911647825569408990E-3,
         8.04490411014108831608E-1)
_I1_A = (2.77791411276104639959E-18, -2.11142121435816608115E-17, 1.55363195773620046921E-16,
         -1.10559694773538630805E-15, 7.60068429473540693410E-15, -5.04218550472791168711E-14,
         3.22379336594557470981E-13, -1.98397439776494371520E-12, 1.17361862988909016308E-11,
         -6.66348972350202774223E-11, 3.62559028155211703701E-10, -1.88724975172282928790E-9,
         9.38153738649577178388E-9, -4.44505912879632808065E-8, 2.00329475355213526229E-7,
         -8.56872026469545474066E-7, 3.47025130813767847674E-6, -1.32731636560394358279E-5,
         4.78156510755005422638E-5, -1.61760815825896745588E-4, 5.12285956168575772895E-4,
         -1.51357245063125314899E-3, 4.15642294431288815669E-3, -1.05640848946261981558E-2,
         2.47264490306265168283E-2, -5.29459812080949914269E-2, 1.02643658689847095384E-1,
         -1.76416518357834055153E-1, 2.52587186443633654823E-1)
_I1_B = (7.51729631084210481353E-18, 4.41434832307170791151E-18, -4.65030536848935832153E-17,
         -3.20952592199342395980E-17, 2.96262899764595013876E-16, 3.30820231092092828324E-16,
         -1.88035477551078244854E-15, -3.81440307243700780478E-15, 1.04202769841288027642E-14,
         4.27244001671195135429E-14, -2.10154184277266431302E-14, -4.08355111109219731823E-13,
         -7.19855177624590851209E-13, 2.03562854414708950722E-12, 1.41258074366137813316E-11,
         3.25260358301548823856E-11, -1.89749581235054123450E-11, -5.58974346219658380687E-10,
         -3.83538038596423702205E-9, -2.63146884688951950684E-8, -2.51223623787020892529E-7,
         -3.88256480887769039346E-6, -1.10588938762623716291E-4, -9.76109749136146840777E-3,
         7.78576235018280120474E-1)


def _bessel(x, a, b, odd):
    """Cephes' i0 (`odd` False) or i1: Chebyshev series on [0, 8] and (8, inf)."""
    ax = np.abs(x)
    with np.errstate(all="ignore"):
        near = np.exp(ax) * _poly(ax / 2 - 2, a, True) * (ax if odd else 1)
        far = np.exp(ax) * _poly(32 / ax - 2, b, True) / np.sqrt(ax)
    r = np.where(ax <= 8, near, far)
    return np.where(x < 0, -r, r) if odd else r


def _i0(x):
    return _bessel(x, _I0_A, _I0_B, False)


def _i1(x):
    return _bessel(x, _I1_A, _I1_B, True)


# ---- entr and log_ndtr (numtorch.special only) ----------------------------------------------
def _entr(x):
    """-x log(x); halves round log(x) to their dtype before the product, as PyTorch does."""
    with np.errstate(all="ignore"):
        log = np.log(x.astype(_math_type(x))).astype(x.dtype)
        r = -x * log
    return _like(x, np.where(x == 0, 0, np.where(x < 0, -np.inf, r)))


def _log_ndtr(x):
    """log(ndtr(x)): log1p(-erfc(x/sqrt2)/2), or for x < -1 log(erfc(-x/sqrt2)/2), with
    erfc's asymptotic series where it underflows."""
    t = x * math.sqrt(0.5)
    with np.errstate(all="ignore"):
        far = np.where(t < -25, -t, 30.0)
        h = 1 / (2 * far * far)
        series = 1 + h * (-1 + h * (3 + h * (-15 + h * (105 - 945 * h))))
        tail = np.log(series / (far * math.sqrt(math.pi)) / 2) - far * far
        low = np.where(t < -25, tail, np.log(pointwise_erf.erfc(-t) / 2))
        return np.where(x < -1, low, np.log1p(-pointwise_erf.erfc(t) / 2))


# ---- other unary ops ----------------------------------------------------------------------
def _logit(a, eps=None):
    """log(x / (1 - x)), the quotient in `a`'s dtype (halves too) and the log in its math type."""
    x = a
    if eps is not None and eps >= 0:
        x = np.where(x < eps, x.dtype.type(eps), np.where(x > 1 - eps, x.dtype.type(1 - eps), x))
    with np.errstate(all="ignore"):
        q = x / (1 - x)
        return _like(a, np.log(q.astype(_math_type(q))))


def _signbit(a):
    return np.signbit(a) if a.dtype.kind == "f" else a < 0


def _angle(a):
    if a.dtype.kind == "c":
        return np.angle(a)
    return np.where(np.isnan(a), a, np.where(a < 0, a.dtype.type(np.pi), 0)).astype(a.dtype)


def _scaled(factor):
    def kernel(a):
        t = _math_type(a).type
        return (a.astype(t) * t(factor)).astype(a.dtype)
    return kernel


def _sinc(a):
    if a.dtype.kind == "c":
        t = a.dtype.type
    else:
        t, a = _math_type(a).type, a.astype(_math_type(a))
    with np.errstate(all="ignore"):
        p = t(np.pi) * a
        return np.where(a == 0, t(1), np.sin(p) / p)


def _float_only(name):
    """`check` for a real op whose kernel is `<name>_vml_cpu` (complex refused)."""
    return _checker(name, name + "_vml_cpu", _COMPLEX)


def _unary(name, kernel, kind=INT_TO_FLOAT, check=None, **options):
    return elementwise(name, kernel, 1, kind, check=check or _checker(name), **options)


lgamma = _unary("lgamma", _in_float64(_lgamma), check=_float_only("lgamma"))
digamma = _unary("digamma", _in_math_type(_digamma), check=_checker("digamma", "digamma",
                                                                     _COMPLEX))
i0 = _unary("i0", _in_float64(_i0), check=_float_only("i0"))
_special_i1 = _unary("special_i1", _in_float64(_i1), inplace=False, method=False,
                     check=_checker("special_i1", "i1_cpu", _COMPLEX))
special_entr = _unary("special_entr", _entr, inplace=False, method=False,
                      check=_checker("special_entr", "entr_cpu", _COMPLEX))
special_log_ndtr = _unary("special_log_ndtr", _in_float64(_log_ndtr), inplace=False,
                          method=False, check=_checker("special_log_ndtr", "log_ndtr_cpu",
                                                       _COMPLEX + (D.float16, D.bfloat16)))
for _name in ("special_i1", "special_entr", "special_log_ndtr"):
    del FUNCTIONS[_name]  # in numtorch.special
sinc = _unary("sinc", _sinc)
deg2rad = _unary("deg2rad", _scaled(math.pi / 180), grad="Deg2RadBackward0",
                 check=_checker("deg2rad", complex_error=RuntimeError(
                     "deg2rad is not supported for complex tensors.")))
rad2deg = _unary("rad2deg", _scaled(180 / math.pi), grad="Rad2DegBackward0",
                 check=_checker("rad2deg", complex_error=RuntimeError(
                     "rad2deg is not supported for complex tensors.")))
signbit = _unary("signbit", _signbit, ALWAYS_BOOL, inplace=False, check=_checker(
    "signbit", complex_error=NotImplementedError("signbit is not implemented for complex "
                                                 "tensors.")))
_logit_op = _unary("logit", _logit, check=_checker("logit", "logit_cpu", _COMPLEX))
_angle_op = _unary("angle", _angle, COMPLEX_TO_FLOAT, inplace=False)


def _number(x, kinds, name, arg, position=None):
    if isinstance(x, bool) or not isinstance(x, kinds):
        kind = "float" if float in kinds else "int"
        at = "" if position is None else f" (position {position})"
        raise TypeError(f"{name}(): argument '{arg}'{at} must be {kind}, not "
                        f"{type(x).__name__}")
    return x


def logit(input, eps=None, *, out=None):  # noqa: A002 - PyTorch's name
    """log(p / (1 - p)), `input` first clamped to [eps, 1 - eps] when `eps` is given."""
    if eps is not None:
        _number(eps, (int, float), "logit", "eps")
    return _logit_op(input, eps=eps, out=out)


def _logit_(self, eps=None):
    if eps is not None:
        _number(eps, (int, float), "logit_", "eps")
    return _logit_inplace(self, eps=eps)


_logit_inplace = Tensor.logit_
FUNCTIONS["logit"] = Tensor.logit = logit
Tensor.logit_ = _logit_


def angle(input, *, out=None):  # noqa: A002 - PyTorch's name
    """The argument of each element (0 or pi for reals, NaN kept); a float result."""
    _checker("angle")(input)
    if input.dtype._cat < 2:
        input = input.to(D.get_default_dtype())
    return _angle_op(input, out=out)


FUNCTIONS["angle"] = Tensor.angle = angle


# ---- polygamma and mvlgamma: an int parameter -----------------------------------------------
_polygamma_op = _unary("polygamma", _polygamma, check=_checker("polygamma", "polygamma",
                                                                _COMPLEX))
_polygamma_inplace = Tensor.polygamma_


def _order(n, name, position):
    if isinstance(n, Tensor) and n.dim() == 0 and n.dtype._cat == 1:
        n = int(n.item())  # PyTorch's parser reads an integer 0-d tensor as an int
    n = _number(n, (int,), name, "n", position)
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    return n


def polygamma(n, input, *, out=None):  # noqa: A002 - PyTorch's name
    """The n-th derivative of digamma."""
    return _polygamma_op(input, n=_order(n, "polygamma", 1), out=out)


def _polygamma_method(self, n):
    return _polygamma_op(self, n=_order(n, "polygamma", 1))


def _polygamma_(self, n):
    return _polygamma_inplace(self, n=_order(n, "polygamma_", 1))


FUNCTIONS["polygamma"] = polygamma
Tensor.polygamma, Tensor.polygamma_ = _polygamma_method, _polygamma_
def _mvlgamma_kernel(a, p=1):
    return np.asarray(_in_float64(_mvlgamma)(a, p=p), order="C")  # composite in PyTorch


_mvlgamma_op = _unary("mvlgamma", _mvlgamma_kernel, check=_float_only("mvlgamma"))
_mvlgamma_inplace = Tensor.mvlgamma_


def _dimension(x, p, name, position):
    p = _number(p, (int,), name, "p", position)
    if p < 1:
        raise RuntimeError("p has to be greater than or equal to 1")
    if isinstance(x, Tensor) and x.is_complex():
        raise NotImplementedError("\"arange_cpu\" not implemented for "
                                  f"'{D.SCALAR_NAME[x.dtype]}'")
    return p


def mvlgamma(input, p, *, out=None):  # noqa: A002 - PyTorch's name
    """The log of the multivariate gamma function of dimension `p`."""
    return _mvlgamma_op(input, p=_dimension(input, p, "mvlgamma", 2), out=out)


def _mvlgamma_method(self, p):
    return _mvlgamma_op(self, p=_dimension(self, p, "mvlgamma", 1))


def _mvlgamma_(self, p):
    p = _dimension(self, p, "mvlgamma_", 1)
    if self.dtype._cat < 2:
        raise RuntimeError(f"mvlgamma: result type {D.SCALAR_NAME[self.dtype]} can't be cast "
                           f"to the desired output type {D.SCALAR_NAME[D.get_default_dtype()]}")
    return _mvlgamma_inplace(self, p=p)


FUNCTIONS["mvlgamma"] = mvlgamma
Tensor.mvlgamma, Tensor.mvlgamma_ = _mvlgamma_method, _mvlgamma_


# ---- binary ops ---------------------------------------------------------------------------
def _heaviside(a, b):
    return np.where(a == 0, b, a > 0)


def _integer(np_fn, kernel):
    def fn(a, b):
        refuse(kernel, "bfc", computed_in(a, b))
        return np_fn(a, b)
    fn.__doc__ = np_fn.__doc__
    return fn


def _lcm(a, b):
    """|a / gcd * b| with the product wrapping before the abs, as PyTorch computes it."""
    g = np.gcd(a, b)
    with np.errstate(all="ignore"):
        return np.where(g == 0, 0, np.abs(a // np.where(g == 0, 1, g) * b)).astype(g.dtype)


def _ldexp(a, b):
    return a * np.exp2(b)


def _nextafter(a, b):
    with np.errstate(all="ignore"):
        return _next(a, b)


def _next(a, b):
    dt = computed_in(a, b)
    refuse("nextafter_cpu", "biuc", dt)
    if dt == D.bfloat16.np:  # NumPy has no bfloat16 nextafter: step its bits
        bits, to = a.view(np.uint16).astype(np.int32), np.asarray(b, np.float32)
        up = (to > a.astype(np.float32)) == (bits < 0x8000)
        step = np.where(up, 1, -1)
        r = np.where(a == 0, np.where(to > 0, 1, 0x8001), bits + step).astype(np.uint16)
        r = r.view(dt)
        return np.where((a.astype(np.float32) == to) | np.isnan(to), b,
                        np.where(np.isnan(a), a, r))
    return np.nextafter(a, b)


def _binary(name, fn, kind, **options):
    return elementwise(name, tensors_only(name, fn), 2, kind,
                       check=options.pop("check", only_tensors(name)), **options)


def _check_heaviside(a, b):
    for arg, pos, v in (("input", 1, a), ("values", 2, b)):
        if not isinstance(v, Tensor):
            raise TypeError(f"heaviside(): argument '{arg}' (position {pos}) must be Tensor, "
                            f"not {type(v).__name__}")
    if a.is_complex() or b.is_complex():
        raise RuntimeError("heaviside is not yet implemented for complex tensors.")
    if a.dtype is not b.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different "
                           "dtypes.")


heaviside = elementwise("heaviside", _heaviside, 2, DEFAULT, grad="NotImplemented",
                        check=_check_heaviside)
gcd = _binary("gcd", _integer(np.gcd, "gcd_cpu"), DEFAULT, kernel="gcd_cpu")
lcm = _binary("lcm", _integer(_lcm, "lcm_cpu"), DEFAULT, kernel="lcm_cpu")
ldexp = _binary("ldexp", _ldexp, INT_TO_FLOAT)
nextafter = _binary("nextafter", _nextafter, DEFAULT, kernel="nextafter_cpu")


def _tensor_other(name, arg):
    """`Tensor.<name>_` raising PyTorch's TypeError for a number `other` first."""
    inplace = getattr(Tensor, name + "_")

    def method(self, other):
        if not isinstance(other, Tensor):
            raise TypeError(f"{name}(): argument '{arg}' (position 2) must be Tensor, not "
                            f"{type(other).__name__}")
        if name == "heaviside" and needs_grad((self, other)):  # its node names heaviside_
            tensors = (self, other)
            return inplace_with(graph.record("NotImplemented", tensors,
                                             not_implemented("heaviside_")),
                                inplace, self, other)
        return inplace(self, other)
    method.__name__ = name + "_"
    setattr(Tensor, name + "_", method)


for _name in ("heaviside", "gcd", "lcm", "ldexp", "nextafter"):
    _tensor_other(_name, "values" if _name == "heaviside" else "other")
as_methods(["heaviside", "gcd", "lcm", "ldexp", "nextafter"], promoted=False)
_ldexp_inplace = Tensor.ldexp_


def _ldexp_(self, other):
    """In-place `ldexp`: an integer `self` cannot hold the float result."""
    if isinstance(other, Tensor) and self.dtype._cat < 2:
        raise RuntimeError(f"ldexp can't be cast to the desired output type "
                           f"{D.SCALAR_NAME[self.dtype]}")
    return _ldexp_inplace(self, other)


Tensor.ldexp_ = _ldexp_


# frexp, complex, polar (special_complex imports from this module)
from .special_complex import complex, frexp, polar  # noqa: E402,F401,A001
