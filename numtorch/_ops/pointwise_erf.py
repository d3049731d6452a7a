"""erf, erfc and erfinv on float64 arrays (NumPy has none), accurate to about 2 ulp.

Near 0, erf(x) = x * P(x^2) (Taylor). Elsewhere erfc(x) = exp(-x^2) * erfcx(x), where the
smooth erfcx(x) = exp(x^2) erfc(x) is a polynomial per piece: Chebyshev fits made offline
with mpmath, in t = x - mid on [0.5, 4) and in s = 1/x beyond (there erfcx = s * h(s)).
exp(-x^2) splits x into a 24-bit head and a tail so that no rounding of x^2 is amplified.
erfinv refines Winitzki's approximation with Halley steps on erf (on erfc near +-1).

>>> import numpy as np
>>> erf(np.array([0.0, 0.5, 1.0, 3.0])).round(8).tolist()
[0.0, 0.52049988, 0.84270079, 0.99997791]
>>> erfinv(np.array([0.5, -1.0, 2.0])).round(8).tolist()
[0.47693628, -inf, nan]
"""
import numpy as np

__all__ = ["erf", "erfc", "erfinv"]

_TWO_OVER_SQRT_PI = 1.1283791670955126
# erf(x) / x as a polynomial in x^2 (|x| < 0.5), lowest power first
_SMALL = np.array([
    1.1283791670955126, -0.37612638903183754, 0.11283791670955126, -0.026866170645131252,
    0.005223977625442188, -0.0008548327023450853, 0.00012055332981789664,
    -1.492565035840625e-05, 1.6462114365889248e-06, -1.6365844691234924e-07,
    1.4807192815879218e-08, -1.2290555301717928e-09, 9.422759064650411e-11,
    -6.7113668551641105e-12])[::-1].copy()
_MID = np.array([0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75, 0.0625, 0.1875])
_TAIL = np.array([  # one row per piece, highest power first
    [4.6468063021709155e-06, -1.4426531927022256e-05, 4.236277872839012e-05,
     -0.00012332254905491935, 0.00034675112699586235, -0.0009385135840131843,
     0.002437637348879293, -0.006051532258236163, 0.014289198666091785, -0.03189726204019368,
     0.06679054252756783, -0.12983606199487813, 0.2309581315512983, -0.3679726916557954,
     0.5069376502931449],
    [0.0, -1.6610767030625112e-06, 5.501701839828387e-06, -1.7341459254977562e-05,
     5.404491508514403e-05, -0.00016296012111131222, 0.0004739707006153454,
     -0.0013257829272368543, 0.003553109894683297, -0.009081627632959959, 0.022011364250946238,
     -0.05021827439590747, 0.10679557149659845, -0.20882187596460985, 0.3678229164523611],
    [0.0, -2.3131132443809953e-07, 8.406449608561853e-07, -2.92763224927802e-06,
     1.0085518680104132e-05, -3.375536830552878e-05, 0.0001095053381684006,
     -0.00034353335318474803, 0.001039204521356914, -0.0030209746514281146,
     0.008404319207340187, -0.022259995241388317, 0.05576363008708723, -0.1309763455144852,
     0.2849722347374364],
    [0.0, 0.0, 1.513275262314643e-07, -5.883282657263032e-07, 2.2028736439181116e-06,
     -8.149680629782392e-06, 2.935325293033614e-05, -0.00010272110378129762,
     0.00034853542194411975, -0.0011437284832410775, 0.003618995354358873,
     -0.011002060756443272, 0.03199262741070626, -0.08848650280874915, 0.23108725873039188],
    [0.0, 0.0, 3.154240525304326e-08, -1.3409717925357684e-07, 5.519497472530419e-07,
     -2.247258217659835e-06, 8.94015702656911e-06, -3.469861390256048e-05,
     0.00013118180051258774, -0.00048219508490217707, 0.0017195818852893537,
     -0.005934337896998593, 0.019758592987322864, -0.06323763756063484, 0.1936620962790687],
    [0.0, 0.0, 0.0, -3.458613398586865e-08, 1.572771127850073e-07, -6.951872035197724e-07,
     3.038733669119782e-06, -1.3004640942019705e-05, 5.4420412000991175e-05,
     -0.0002223825695585601, 0.0008860045774875423, -0.0034354713009076268,
     0.012937290883018409, -0.047199402321170376, 0.16633534842682188],
    [0.0, 0.0, 0.0, -9.95575362800733e-09, 4.92353116684741e-08, -2.3759528174582428e-07,
     1.1352995169525003e-06, -5.326672955060636e-06, 2.4516326222477492e-05,
     -0.00011057957492186348, 0.0004882223820831707, -0.002107282870169123,
     0.008878755527325364, -0.03645625753272353, 0.14558972127503855],
    [0.0, -132.34404634880016, -25.022292410907866, 30.618206980053284, -0.3581962974129515,
     -6.461915916653497, 1.3713708603524342, 1.4254046357571568, -0.7016229621641393,
     -0.3498258312465344, 0.36491465741971324, 0.10081080495310585, -0.2724135106995172,
     -0.034854569297533236, 0.5630940451988934],
    [0.0, 0.0, 7.933773122469692, -8.830541945162508, 2.634359336985441, 1.237843047012724,
     -1.578672434992252, 0.4781793771400949, 0.3441695936206514, -0.422263366658374,
     0.08113329244652577, 0.21386570039030967, -0.20884255680261005, -0.09589699130081228,
     0.5547541131463941],
]).T.copy()


def _horner(coefs, v):
    p = coefs[0]
    for c in coefs[1:]:
        p = p * v + c
    return p


def _erf_small(x):
    """erf(x) for |x| < 0.5."""
    return x * _horner(_SMALL, x * x)


def _exp_neg_square(x):
    """exp(-x*x) for x >= 0 without the error of rounding x*x."""
    x = np.minimum(x, 30.0)  # erfc(30) is 0 in float64
    head = x.astype(np.float32).astype(np.float64)
    return np.exp(-head * head) * np.exp(-(x - head) * (x + head))


def _erfc_large(x):
    """erfc(x) for x >= 0.5 (or NaN)."""
    far = x >= 4.0
    s = 1.0 / x
    piece = np.where(far, np.where(s < 0.125, 7, 8),
                     np.clip(((x - 0.5) * 2.0).astype(np.intp), 0, 6))
    p = _horner(_TAIL.take(piece, axis=1), np.where(far, s, x) - _MID[piece])
    return _exp_neg_square(x) * np.where(far, p * s, p)


def erf(x):
    """The error function of float64 array `x`."""
    x = np.asarray(x, np.float64)
    r = np.empty_like(x)
    ax = np.abs(x)
    small = ax < 0.5
    r[small] = _erf_small(x[small])
    large = ~small
    r[large] = np.copysign(1.0 - _erfc_large(ax[large]), x[large])
    return r


def erfc(x):
    """The complementary error function of float64 array `x`."""
    x = np.asarray(x, np.float64)
    r = np.empty_like(x)
    ax = np.abs(x)
    small = ax < 0.5
    r[small] = 1.0 - _erf_small(x[small])
    large = ~small
    xl = x[large]
    e = _erfc_large(np.abs(xl))
    r[large] = np.where(xl < 0, 2.0 - e, e)
    return r


def erfinv(p):
    """The inverse error function of float64 array `p`."""
    p = np.asarray(p, np.float64)
    a = np.abs(p)
    inside = a < 1.0
    q = np.where(inside, a, 0.0)
    w = np.log1p(-q) + np.log1p(q)  # log(1 - q^2), accurate near q = 1
    t = 4.330746750799873 + 0.5 * w  # 2 / (pi * 0.147) + w / 2
    y = np.sqrt(np.sqrt(t * t - w / 0.147) - t)
    tail = q > 0.5
    one_minus_q = 1.0 - q  # exact where it is used (q > 0.5)
    for _ in range(3):
        f = np.empty_like(y)
        f[~tail] = erf(y[~tail]) - q[~tail]
        f[tail] = one_minus_q[tail] - erfc(y[tail])
        y = y - f / (_TWO_OVER_SQRT_PI * _exp_neg_square(y) + y * f)
    y = np.where(inside, y, np.where(a == 1.0, np.inf, np.nan))
    return np.copysign(y, p)
