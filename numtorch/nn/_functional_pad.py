"""F.pad: constant (ConstantPadNdBackward0, negative pads crop), reflect and replicate
(Reflection/ReplicationPad{1,2,3}DBackward0) and circular padding, with PyTorch's checks."""
import numpy as np

import numtorch
from .._tensor import wrap
from .._ops.registry import record

__all__ = ["pad"]

_NP_MODE = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}
_NODE = {"reflect": "ReflectionPad", "replicate": "ReplicationPad"}


def _widths(pad, ndim):
    """np.pad widths for PyTorch's `pad` (last dim first, pairs (before, after))."""
    widths = [(0, 0)] * ndim
    for i in range(len(pad) // 2):
        widths[ndim - 1 - i] = (pad[2 * i], pad[2 * i + 1])
    return widths


def _constant(input, pad, value):
    a = input._a
    widths = _widths(pad, a.ndim)
    crop = tuple(slice(max(-lo, 0), a.shape[d] - max(-hi, 0)) for d, (lo, hi) in
                 enumerate(widths))
    grow = [(max(lo, 0), max(hi, 0)) for lo, hi in widths]
    shape = [a.shape[d] + lo + hi for d, (lo, hi) in enumerate(widths)]
    if any(s < 0 for s in shape):
        raise RuntimeError(f"The input size {a.shape[-1]}, plus negative padding {pad[0]} and "
                           f"{pad[1]} resulted in a negative output size, which is invalid. "
                           "Check dimension -1 of your input.")
    r = np.pad(a[crop], grow, constant_values=value)
    back_pad = tuple(-p for p in pad)
    return record(wrap(r), "ConstantPadNdBackward0", (input,),
                  lambda g: _constant(g, back_pad, 0))


def _indexed(input, pad, mode):
    """Padding by an index map: each output element is an input element."""
    a = input._a
    src = np.pad(np.arange(a.size).reshape(a.shape), _widths(pad, a.ndim), _NP_MODE[mode])
    r = a.reshape(-1)[src]
    flat = wrap(src.reshape(-1))
    n, shape = a.size, a.shape

    def back(g):
        return numtorch.zeros(n, dtype=g.dtype).index_add(0, flat, g.reshape(-1)).reshape(shape)
    name = f"{_NODE[mode]}{len(pad) // 2}DBackward0" if mode in _NODE else "CopySlices"
    return record(wrap(r), name, (input,), back)


def pad(input, pad, mode="constant", value=None):
    """Pad the last len(pad) / 2 dims of `input` by `pad` = (left, right, top, bottom, ...)."""
    pad = tuple(int(p) for p in pad)
    ndim = input.dim()
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > ndim:
        raise RuntimeError("Padding length should be less than or equal to two times the input "
                           f"dimension but got padding length {len(pad)} and input of "
                           f"dimension {ndim}")
    if mode == "constant":
        return _constant(input, pad, 0 if value is None else value)
    if mode not in _NP_MODE:
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    k = len(pad) // 2
    if k not in (1, 2, 3) or ndim not in (k + 1, k + 2):
        raise NotImplementedError(f"Padding size {len(pad)} is not supported for {ndim}D "
                                  "input tensor.")
    shape = list(input.shape)
    for i in range(k):
        d = ndim - 1 - i
        lo, hi = pad[2 * i], pad[2 * i + 1]
        if mode == "reflect" and (lo >= shape[d] or hi >= shape[d]):
            raise RuntimeError("Argument #4: Padding size should be less than the "
                               f"corresponding input dimension, but got: padding ({lo}, {hi}) "
                               f"at dimension {d} of input {shape}")
        if mode == "circular" and (lo > shape[d] or hi > shape[d]):
            raise RuntimeError("Padding value causes wrapping around more than once.")
        if min(lo, hi) < 0:
            raise NotImplementedError("numtorch pads with negative sizes in constant mode "
                                      "only")
    return _indexed(input, pad, mode)
