"""`numtorch.special`: PyTorch's special-functions namespace (the ops live in
numtorch/_ops/special.py, pointwise.py, binary.py and reduction_stats.py; here they take the
names torch.special gives them, and its `special_<name>()` argument errors).

>>> import numtorch
>>> numtorch.special.expit(numtorch.tensor([0.0])), numtorch.special.gammaln(numtorch.tensor([3.0]))
(tensor([0.5000]), tensor([0.6931]))
"""
import math

from ._ops import pointwise as _P
from ._ops import reduction_stats as _R
from ._ops import special as _S
from ._ops.binary import xlogy as xlogy
from ._ops.pointwise import _rename
from ._ops.registry import check_out, write_into
from ._tensor import Tensor

__all__ = ["digamma", "entr", "erf", "erfc", "erfinv", "exp2", "expit", "expm1", "gammaln", "i0",
           "i1", "log1p", "log_ndtr", "log_softmax", "logit", "logsumexp", "multigammaln",
           "ndtr", "polygamma", "psi", "round", "sinc", "softmax", "xlogy"]


def _tensor(name, x, position=1):
    if not isinstance(x, Tensor):
        raise TypeError(f"special_{name}(): argument 'input' (position {position}) must be "
                        f"Tensor, not {type(x).__name__}")
    return x


def _unary(name, op):
    """torch.special.<name>: the elementwise op `op` of one tensor."""
    def fn(input, *, out=None):  # noqa: A002 - PyTorch's name
        return op(_tensor(name, input), out=out)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"`{op.__name__}` of a tensor."
    return fn


digamma = _unary("digamma", _S.digamma)
psi = _unary("psi", _S.digamma)
gammaln = _unary("gammaln", _S.lgamma)
erf = _unary("erf", _P.erf)
erfc = _unary("erfc", _P.erfc)
erfinv = _unary("erfinv", _P.erfinv)
exp2 = _unary("exp2", _P.exp2)
expm1 = _unary("expm1", _P.expm1)
expit = _unary("expit", _P.sigmoid)
log1p = _unary("log1p", _P.log1p)
i0 = _unary("i0", _S.i0)
i1 = _unary("i1", _S._special_i1)
sinc = _unary("sinc", _S.sinc)
entr = _unary("entr", _S.special_entr)
log_ndtr = _unary("log_ndtr", _S.special_log_ndtr)


def logit(input, eps=None, *, out=None):  # noqa: A002 - PyTorch's name
    """log(p / (1 - p)), `input` first clamped to [eps, 1 - eps] when `eps` is given."""
    return _S.logit(_tensor("logit", input), eps, out=out)


def polygamma(n, input, *, out=None):  # noqa: A002 - PyTorch's name
    """The n-th derivative of digamma."""
    return _S.polygamma(n, _tensor("polygamma", input, 2), out=out)


def multigammaln(input, p, *, out=None):  # noqa: A002 - PyTorch's name
    """The multivariate log-gamma function of dimension `p` (`mvlgamma`)."""
    return _S.mvlgamma(_tensor("multigammaln", input), p, out=out)


def ndtr(input, *, out=None):  # noqa: A002 - PyTorch's name
    """The standard normal distribution function, (1 + erf(input / sqrt(2))) / 2."""
    x = _tensor("ndtr", input)
    if out is not None:  # PyTorch's composite: no autograd check, a copy into `out`
        r = ndtr(x)
        check_out(r.dtype, out.dtype)
        write_into(out, r._a)
        return out.copy_(r) if r.requires_grad else out
    return _rename((1 + _P.erf(x * math.sqrt(0.5))) * 0.5, "MulBackward1")


def round(input, *, decimals=0, out=None):  # noqa: A001,A002 - PyTorch's name
    """Round half to even, to `decimals` decimal places."""
    return _P.round(_tensor("round", input), decimals=decimals, out=out)


def softmax(input, dim, *, dtype=None):  # noqa: A002 - PyTorch's name
    """exp(input) normalised to sum to 1 along `dim`."""
    return _R.softmax(_tensor("softmax", input), dim, dtype=dtype)


def log_softmax(input, dim, *, dtype=None):  # noqa: A002 - PyTorch's name
    """log(softmax(input, dim))."""
    return _R.log_softmax(_tensor("log_softmax", input), dim, dtype=dtype)


def logsumexp(input, dim, keepdim=False, *, out=None):  # noqa: A002 - PyTorch's name
    """log(sum(exp(input))) along `dim`, computed stably."""
    return _R.logsumexp(_tensor("logsumexp", input), dim, keepdim, out=out)
