"""Linear maps, dropout, embeddings, normalisations and distances of numtorch.nn.functional,
composed of numtorch's differentiable ops (so gradients and node names follow PyTorch's), with
dedicated nodes where PyTorch has them (NativeLayerNormBackward0, NativeBatchNormBackward0)."""
import numpy as np

import numtorch
from .. import _dtype as D
from .._backend.quiet import quiet
from .._tensor import wrap
from ..autograd import graph
from ..autograd.grad_mode import no_grad
from .._ops.registry import record
from ._functional_conv import recomputed

__all__ = ["linear", "bilinear", "dropout", "one_hot", "normalize", "embedding", "layer_norm",
           "batch_norm", "cosine_similarity"]

_F32 = np.dtype(np.float32)


def _renamed(t, name):
    if t.grad_fn is not None:
        graph.rename(t.grad_fn, name)
    return t


def linear(input, weight, bias=None):
    """input @ weight.T + bias."""
    wt = weight.t()
    n = input.dim()
    if weight.dim() != 2:
        return numtorch.matmul(input, wt) if bias is None else numtorch.matmul(input, wt) + bias
    if bias is not None:
        if n == 2:
            return numtorch.addmm(bias, input, wt)
        if input.is_contiguous() and n >= 1:
            flat = input.view(-1, input.shape[-1]) if n else input
            return numtorch.addmm(bias, flat, wt).view(*input.shape[:-1], wt.shape[-1])
        return numtorch.matmul(input, wt) + bias
    if n == 2:
        return input.mm(wt)
    if n == 1 and weight.dim() == 2:
        return _renamed(input.unsqueeze(0).mm(wt).squeeze(0), "SqueezeBackward4")
    if n >= 3 and weight.dim() == 2:
        flat = input.reshape(-1, input.shape[-1])
        return _renamed(flat.mm(wt).view(*input.shape[:-1], wt.shape[-1]),
                        "UnsafeViewBackward0")
    return numtorch.matmul(input, wt)


def _trilinear(x1, weight, x2):
    o, i1, i2 = weight.shape
    t = x1.matmul(weight.permute(1, 0, 2).reshape(i1, o * i2)).reshape(-1, o, i2)
    return (t * x2.unsqueeze(1)).sum(-1)


def bilinear(input1, input2, weight, bias=None):
    """x1^T A x2 + b for each output feature: `weight` (out, in1, in2)."""
    n = input1.dim()
    if n != input2.dim():
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {n} and "
                           f"{input2.dim()}")
    for i in range(n - 1):
        if input1.shape[i] != input2.shape[i]:
            raise RuntimeError("bilinear(): input batch dimensions do not match: got "
                               f"{input1.shape[i]} and {input2.shape[i]}")
    for k, x in ((1, input1), (2, input2)):
        if x.shape[-1] != weight.shape[k]:
            raise RuntimeError(f"bilinear(): input{k} size does not match weight size: got "
                               f"{x.shape[-1]} but expected {weight.shape[k]}")
    if bias is not None and bias.shape[0] != weight.shape[0]:
        raise RuntimeError(f"bilinear(): bias size does not match weight size: got "
                           f"{bias.shape[0]} but expected {weight.shape[0]}")
    flat = (input1.reshape(-1, input1.shape[-1]), weight, input2.reshape(-1, input2.shape[-1]))
    out = recomputed("TrilinearBackward0", flat, _trilinear)
    out = out.reshape(*input1.shape[:-1], weight.shape[0])
    return out if bias is None else out + bias


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability `p` (a draw from the global generator, as PyTorch's
    CPU kernel: a Bernoulli(1 - p) mask scaled by 1 / (1 - p)); identity when not training."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if p == 0 or not training or not input.numel():
        return input
    if p == 1:
        return input.mul_(0) if inplace else input * numtorch.zeros((), dtype=input.dtype)
    noise = numtorch.empty_like(input).bernoulli_(1 - p)
    noise.div_(1 - p)
    return input.mul_(noise) if inplace else input * noise


def one_hot(tensor, num_classes=-1):
    """int64 tensor with a 1 at each index of `tensor` along a new last dim."""
    if tensor.dtype is not D.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    a = tensor._a
    if num_classes == -1:
        if not a.size:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(a.max()) + 1
    if a.size:
        if a.min() < 0:
            raise RuntimeError("Class values must be non-negative.")
        if a.max() >= num_classes:
            raise RuntimeError("Class values must be smaller than num_classes.")
    r = np.zeros(a.shape + (num_classes,), np.int64)
    np.put_along_axis(r, a[..., None], 1, -1)
    return wrap(r)


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(||input||_p along dim, eps)."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom if out is None else numtorch.div(input, denom, out=out)


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Rows of `weight` at the indices `input` (padding_idx rows get no gradient)."""
    if padding_idx is not None:
        if padding_idx > 0:
            assert padding_idx < weight.size(0), "Padding_idx must be within num_embeddings"
        elif padding_idx < 0:
            assert padding_idx >= -weight.size(0), "Padding_idx must be within num_embeddings"
            padding_idx = weight.size(0) + padding_idx
    else:
        padding_idx = -1
    if input.dtype not in (D.int64, D.int32):
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the "
                           "following scalar types: Long, Int; but got "
                           f"{input.type()} instead (while checking arguments for embedding)")
    if max_norm is not None:
        with no_grad():
            rows = np.unique(input._a)
            w = weight._a[rows]
            norms = np.linalg.norm(w.reshape(len(rows), -1), ord=norm_type, axis=1)
            scale = np.where(norms > max_norm, max_norm / (norms + 1e-7), 1)
            weight._a[rows] = (w * scale[:, None]).astype(w.dtype)
    idx = input._a
    if idx.size and (idx.min() < 0 or idx.max() >= weight.shape[0]):
        raise IndexError("index out of range in self")
    r = wrap(weight._a[idx])
    pad, shape, freq = padding_idx, weight.shape, scale_grad_by_freq

    def back(g):
        rows = idx.reshape(-1)
        gg = g.reshape(-1, shape[1])
        keep = wrap(rows != pad)[:, None]
        if freq:
            counts = np.bincount(rows, minlength=shape[0])[rows]
            gg = gg / wrap(counts.astype(g._a.dtype))[:, None]
        return numtorch.zeros(shape, dtype=g.dtype).index_add(0, wrap(rows), gg * keep)
    return record(r, "EmbeddingBackward0", (weight,), back)


def _check_params(kernel, input, params):
    """PyTorch's errors for a non-float input and for parameters of another dtype (float32
    parameters may go with a float16/bfloat16 input)."""
    dt = input.dtype
    if dt._cat != 2:
        raise NotImplementedError(f'"{kernel}" not implemented for \'{D.SCALAR_NAME[dt]}\'')
    for p in params:
        if p is not None and p.dtype is not dt:
            if p.dtype is not D.float32:
                raise RuntimeError("mixed dtype (CPU): expect parameter to have scalar type "
                                   "of Float")
            if dt not in (D.float16, D.bfloat16):
                raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")


def _moments(a, axes):
    """Mean and 1/sqrt(var + eps)-ready biased variance of `a` over `axes`, in float32 for
    half types."""
    c = a.astype(_F32) if a.dtype.itemsize == 2 else a
    return c, c.mean(axes, keepdims=True), c.var(axes, keepdims=True)


def _norm_back(axes, eps, affine_shape):
    """The backward of a normalisation over `axes` with weight/bias broadcast as
    `affine_shape`, in tensor ops: gradients of (input, weight, bias)."""
    def back(g, x, w, b):
        mean = x.mean(axes, keepdim=True)
        rstd = (x.var(axes, unbiased=False, keepdim=True) + eps).rsqrt()
        xhat = (x - mean) * rstd
        gx = g if w is None else g * w.reshape(affine_shape)
        dx = rstd * (gx - gx.mean(axes, keepdim=True)
                     - xhat * (gx * xhat).mean(axes, keepdim=True))
        rest = tuple(i for i in range(g.dim()) if affine_shape[i] == 1)
        dw = None if w is None else (g * xhat).sum(rest).reshape(w.shape)
        db = None if b is None else g.sum(rest).reshape(b.shape)
        return dx, dw, db
    return back


def _affine(r, weight, bias, shape):
    if weight is not None:
        r = r * weight._a.reshape(shape)
    if bias is not None:
        r = r + bias._a.reshape(shape)
    return r


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """(x - mean) / sqrt(var + eps) * weight + bias over the last len(normalized_shape) dims."""
    if isinstance(normalized_shape, int):
        raise TypeError("layer_norm(): argument 'normalized_shape' (position 2) must be tuple "
                        "of ints, not int")
    shape = tuple(normalized_shape)
    n = len(shape)
    if input.dim() < n or tuple(input.shape[input.dim() - n:]) != shape:
        raise RuntimeError(f"Given normalized_shape={list(shape)}, expected input with shape "
                           f"[*, {', '.join(map(str, shape))}], but got input of size"
                           f"{list(input.shape)}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and tuple(t.shape) != shape:
            raise RuntimeError(f"Expected {name} to be of same shape as normalized_shape, but "
                               f"got {name} of shape {list(t.shape)} and normalized_shape = "
                               f"{list(shape)}")
    _check_params("LayerNormKernelImpl", input, (weight, bias))
    a = input._a
    axes = tuple(range(a.ndim - n, a.ndim))
    c, mean, var = quiet(_moments, a, axes)
    r = quiet(lambda: _affine((c - mean) / np.sqrt(var + eps), weight, bias, shape))
    out = wrap(np.asarray(r).astype(a.dtype, copy=False))
    affine = (1,) * (a.ndim - n) + shape
    return record(out, "NativeLayerNormBackward0", (input, weight, bias),
                  _norm_back(axes, eps, affine), (input, weight, bias))


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """Normalise over every dim but dim 1, with batch statistics when `training` (updating
    `running_mean`/`running_var` in place), else the running statistics."""
    _check_params("batch_norm", input, (running_mean, running_var, weight, bias))
    for name, t in (("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        if t is not None and t.numel() != input.shape[1]:
            raise RuntimeError(f"{name} should contain {input.shape[1]} elements not "
                               f"{t.numel()}")
    a = input._a
    if training:
        size = a.size // a.shape[1]
        if size == 1:
            raise ValueError("Expected more than 1 value per channel when training, got input "
                             f"size {input.size()}")
    axes = (0,) + tuple(range(2, a.ndim))
    shape = (1, a.shape[1]) + (1,) * (a.ndim - 2)
    if training:
        c, mean, var = quiet(_moments, a, axes)
        with no_grad():
            n = a.size // a.shape[1]
            if running_mean is not None:
                running_mean.mul_(1 - momentum).add_(wrap(mean.reshape(-1)) * momentum)
            if running_var is not None:
                unbiased = var.reshape(-1) * (n / max(n - 1, 1))
                running_var.mul_(1 - momentum).add_(wrap(unbiased) * momentum)
        back = _norm_back(axes, eps, shape)
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError("running_mean and running_var must be defined in evaluation "
                               "mode")
        c = a.astype(_F32) if a.dtype.itemsize == 2 else a
        mean = running_mean._a.reshape(shape)
        var = running_var._a.reshape(shape)
        stats = (running_mean.detach().clone(), running_var.detach().clone())
        back = _eval_back(stats, eps, shape)
    r = quiet(lambda: _affine((c - mean) / np.sqrt(var + eps), weight, bias, shape))
    out = wrap(np.asarray(r).astype(a.dtype, copy=False))
    return record(out, "NativeBatchNormBackward0", (input, weight, bias), back,
                  (input, weight, bias))


def _eval_back(stats, eps, shape):
    mean, var = (s.reshape(shape) for s in stats)

    def back(g, x, w, b):
        rstd = (var + eps).rsqrt()
        rest = tuple(i for i in range(g.dim()) if i != 1)
        dx = g * rstd if w is None else g * rstd * w.reshape(shape)
        dw = None if w is None else (g * (x - mean) * rstd).sum(rest)
        db = None if b is None else g.sum(rest)
        return dx, dw, db
    return back


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """x1 . x2 / max(||x1|| ||x2||, eps) along `dim`."""
    return numtorch.cosine_similarity(x1, x2, dim, eps)
