"""Convolutions and pooling of numtorch.nn.functional: sliding windows by stride tricks
(`as_strided`) and a matmul. Each op is one PyTorch node (ConvolutionBackward0, ...) whose
backward differentiates the same composition of tensor ops, recomputed from the saved
inputs, so that double backward works."""
import math

import numpy as np

import numtorch
from .. import _dtype as D
from .._tensor import wrap
from ..autograd.grad_mode import enable_grad, is_grad_enabled, no_grad
from .._ops.registry import record
from ._functional_pad import pad as _pad

__all__ = ["conv1d", "conv2d", "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d"]


def recomputed(name, inputs, f):
    """`f(*inputs)` as the single node `name`: its backward differentiates `f` again."""
    with no_grad():
        r = f(*inputs)

    def back(g, *saved):
        wanted = [t for t in saved if t is not None and t.requires_grad]
        create = is_grad_enabled()
        with enable_grad():
            grads = iter(numtorch.autograd.grad(f(*saved), wanted, g, create_graph=create,
                                                allow_unused=True))
        return tuple(next(grads) if t is not None and t.requires_grad else None
                     for t in saved)
    return record(wrap(r._a), name, inputs, back, inputs)


def _kernel(kernel, input, refused):
    """PyTorch's NotImplementedError for an input whose dtype kind is in `refused`."""
    if input._a.dtype.kind in refused or input.dtype in (D.uint16, D.uint32, D.uint64):
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{D.SCALAR_NAME[input.dtype]}'")


def _tuple(v, n):
    return tuple(v) * (n if len(tuple(v)) == 1 else 1) if isinstance(v, (tuple, list)) \
        else (v,) * n


def _windows(x, kernel, stride, dilation):
    """(N, C, *out, *kernel) windows of contiguous `x` (N, C, *spatial)."""
    n = len(kernel)
    spatial = x.shape[2:]
    out = [(spatial[i] - dilation[i] * (kernel[i] - 1) - 1) // stride[i] + 1 for i in range(n)]
    st = x.stride()
    size = tuple(x.shape[:2]) + tuple(out) + tuple(kernel)
    strides = st[:2] + tuple(st[2 + i] * stride[i] for i in range(n)) + tuple(
        st[2 + i] * dilation[i] for i in range(n))
    return x.as_strided(size, strides)


def _conv(name, n, input, weight, bias, stride, padding, dilation, groups):
    stride, dilation = _tuple(stride, n), _tuple(dilation, n)
    batched = input.dim() == n + 2
    if not batched and input.dim() != n + 1:
        raise RuntimeError(f"Expected {n + 1}D (unbatched) or {n + 2}D (batched) input to "
                           f"{name}, but got input of size: {list(input.shape)}")
    x = input if batched else input.unsqueeze(0)
    kernel = tuple(weight.shape[2:])
    c = x.shape[1]
    if weight.shape[1] * groups != c:
        raise RuntimeError(f"Given groups={groups}, weight of size {list(weight.shape)}, "
                           f"expected input{list(x.shape)} to have {weight.shape[1] * groups} "
                           f"channels, but got {c} channels instead")
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise RuntimeError(f"Invalid padding string: '{padding}'")
        if padding == "same" and any(s != 1 for s in stride):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
        total = [dilation[i] * (kernel[i] - 1) if padding == "same" else 0 for i in range(n)]
        pads = [(t // 2, t - t // 2) for t in total]
    else:
        pads = [(p, p) for p in _tuple(padding, n)]
    flat_pad = tuple(v for lo_hi in reversed(pads) for v in lo_hi)
    o = weight.shape[0]

    def f(x, w, b):
        xp = _pad(x, flat_pad) if any(flat_pad) else x
        win = _windows(xp.contiguous(), kernel, stride, dilation)
        out = tuple(win.shape[2:2 + n])
        nb = x.shape[0]
        # (N, G, C/G, *out, *k) -> (N, G, L, C/G * prod(k))
        win = win.reshape(nb, groups, c // groups, -1, math.prod(kernel))
        win = win.transpose(2, 3).reshape(nb, groups, -1, c // groups * math.prod(kernel))
        wm = w.reshape(groups, o // groups, -1).transpose(1, 2)
        y = win.matmul(wm).transpose(2, 3).reshape((nb, o) + out)
        return y if b is None else y + b.reshape((1, o) + (1,) * n)
    r = recomputed("ConvolutionBackward0", (x, weight, bias), f)
    return r if batched else r.squeeze(0)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-d cross-correlation of (N, C, L) `input` with (O, C/groups, k) `weight`."""
    return _conv("conv1d", 1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-d cross-correlation of (N, C, H, W) `input` with (O, C/groups, kh, kw) `weight`."""
    return _conv("conv2d", 2, input, weight, bias, stride, padding, dilation, groups)


def _out_size(size, k, s, p, d, ceil):
    span = size + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil else span // s) + 1
    if ceil and (out - 1) * s >= size + p:
        out -= 1
    return out


def _pool_args(input, kernel_size, stride, padding, dilation, ceil_mode):
    k = _tuple(kernel_size, 2)
    s = k if stride is None or stride == [] or stride == () else _tuple(stride, 2)
    p, d = _tuple(padding, 2), _tuple(dilation, 2)
    if input.dim() not in (3, 4):
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    for i in range(2):
        if p[i] > (d[i] * (k[i] - 1) + 1) // 2:
            raise RuntimeError(f"pad should be at most half of effective kernel size, but got "
                               f"pad={p[i]}, kernel_size={k[i]} and dilation={d[i]}")
    out = [_out_size(input.shape[-2 + i], k[i], s[i], p[i], d[i], ceil_mode) for i in range(2)]
    return k, s, p, d, out


def _grid(shape, k, s, p, d, out):
    """Input row/column of every window element, (oh, kh) and (ow, kw), from -p on."""
    return [np.arange(out[i])[:, None] * s[i] + np.arange(k[i])[None] * d[i] - p[i]
            for i in range(2)]


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """The maximum of each window (NaN propagates); `return_indices`: also its flat H*W
    index."""
    k, s, p, d, out = _pool_args(input, kernel_size, stride, padding, dilation, ceil_mode)
    _kernel("max_pool2d", input, "biu" if input.dtype is D.bool else "c")
    a = input._a
    h, w = a.shape[-2:]
    rows, cols = _grid(a.shape, k, s, p, d, out)
    valid = ((rows >= 0) & (rows < h))[:, None, :, None] & ((cols >= 0) & (cols < w))[None, :,
                                                                                        None]
    flat = np.clip(rows, 0, h - 1)[:, None, :, None] * w + np.clip(cols, 0, w - 1)[None, :,
                                                                                    None]
    flat = np.broadcast_to(flat, valid.shape).reshape(out[0], out[1], -1)
    valid = valid.reshape(out[0], out[1], -1)
    vals = a.reshape(a.shape[:-2] + (h * w,))[..., flat]
    vals = np.where(valid, vals, -np.inf)
    nan = np.isnan(vals)
    pick = np.where(nan.any(-1), nan.argmax(-1), vals.argmax(-1))
    idx = np.take_along_axis(np.broadcast_to(flat, vals.shape), pick[..., None], -1)[..., 0]
    r = np.take_along_axis(vals, pick[..., None], -1)[..., 0].astype(a.dtype)
    index = wrap(np.ascontiguousarray(idx, dtype=np.int64))
    lead = a.shape[:-2]

    def back(g):
        z = numtorch.zeros(lead + (h * w,), dtype=g.dtype)
        gi = index.reshape(lead + (-1,))
        return z.scatter_add(-1, gi, g.reshape(lead + (-1,))).reshape(a.shape)
    r = record(wrap(r), "MaxPool2DWithIndicesBackward0", (input,), back)
    return (r, index) if return_indices else r


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """The mean of each window (over the padded window, or its input part when not
    `count_include_pad`; `divisor_override` divides instead)."""
    k, s, p, d, out = _pool_args(input, kernel_size, stride, padding, 1, ceil_mode)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    h, w = input.shape[-2:]
    counts = []
    for i, size in enumerate((h, w)):
        start = np.arange(out[i]) * s[i] - p[i]
        end = np.minimum(start + k[i], size + p[i])
        whole = end - start
        counts.append(whole if count_include_pad else
                      np.minimum(end, size) - np.maximum(start, 0))
    div = np.multiply.outer(*counts) if divisor_override is None else np.full(out,
                                                                            divisor_override)
    extra = [max((out[i] - 1) * s[i] + k[i] - (input.shape[-2 + i] + 2 * p[i]), 0)
             for i in range(2)]
    flat_pad = (p[1], p[1] + extra[1], p[0], p[0] + extra[0])
    divisor = wrap(div.astype(input._a.dtype))

    def f(x):
        xp = _pad(x, flat_pad) if any(flat_pad) else x
        win = _windows(xp.contiguous().reshape((-1, 1) + tuple(xp.shape[-2:])), k, s, (1, 1))
        return (win.sum((-2, -1)) / divisor).reshape(tuple(x.shape[:-2]) + tuple(out))
    if input.dtype._cat < 2:  # integers: the window sums divided, truncating
        with no_grad():
            sums = f(input.double()) * divisor
        return wrap(np.trunc(sums._a / div).astype(input._a.dtype))
    return recomputed("AvgPool2DBackward0", (input,), f)


def adaptive_avg_pool2d(input, output_size):
    """Means over PyTorch's adaptive windows: [floor(i L / out), ceil((i + 1) L / out))."""
    if input.dim() not in (3, 4):
        raise RuntimeError("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got "
                           f"{list(input.shape)}")
    sizes = _tuple(output_size, 2)
    half = input.dtype in (D.float16, D.bfloat16)  # computed in float32
    if sizes == (1, 1):  # PyTorch takes the mean
        return input.mean((-1, -2), keepdim=True)
    _kernel("adaptive_avg_pool2d", input, "biuc")
    mats = []
    for i, o in enumerate(sizes):
        n = input.shape[-2 + i]
        o = n if o is None else o
        m = np.zeros((o, n), np.float32 if half else input._a.dtype)
        for j in range(o):
            lo, hi = j * n // o, -(-(j + 1) * n // o)
            m[j, lo:hi] = 1.0 / (hi - lo)
        mats.append(wrap(m))
    rows, cols = mats

    def f(x):
        y = rows.matmul(x.float() if half else x).matmul(cols.t())
        return y.to(x.dtype) if half else y
    return recomputed("AdaptiveAvgPool2DBackward0", (input,), f)
