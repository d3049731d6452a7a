"""Printing tensors exactly as PyTorch prints them, and `set_printoptions`.

>>> import numtorch
>>> numtorch.tensor([1.5, 2.0, 3.0])
tensor([1.5000, 2.0000, 3.0000])
"""
import math
from dataclasses import dataclass

import numpy as np

from . import _dtype as D
from ._device import get_default_device

__all__ = ["set_printoptions", "get_printoptions", "tensor_repr"]


@dataclass
class _PrintOptions:
    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: object = None


OPTS = _PrintOptions()
_PROFILES = {"default": (4, 1000, 3, 80), "short": (2, 1000, 2, 80),
             "full": (4, math.inf, 3, 80)}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     profile=None, sci_mode=None):
    """Set how tensors print: digits, summarising threshold, edge items, line width."""
    if profile in _PROFILES:  # PyTorch ignores other profiles
        OPTS.precision, OPTS.threshold, OPTS.edgeitems, OPTS.linewidth = _PROFILES[profile]
    if precision is not None:
        OPTS.precision = precision
    if threshold is not None:
        OPTS.threshold = threshold
    if edgeitems is not None:
        OPTS.edgeitems = edgeitems
    if linewidth is not None:
        OPTS.linewidth = linewidth
    OPTS.sci_mode = sci_mode


def get_printoptions():
    """The current print options as a dict."""
    return dict(vars(OPTS))


class _Formatter:
    """Chooses integer, fixed or scientific notation and a common width for `values`."""

    def __init__(self, values):
        self.floating = values.dtype.kind == "f"
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        flat = values.reshape(-1)
        if not self.floating:
            for v in flat.tolist():
                self.max_width = max(self.max_width, len(f"{v}"))
            return
        vals = flat[np.isfinite(flat) & (flat != 0)]
        if vals.size == 0:
            return
        absd = np.abs(vals)
        lo, hi = float(absd.min()), float(absd.max())  # Python floats: no overflow warning
        self.int_mode = bool(np.all(vals == np.ceil(vals)))
        self.sci_mode = (hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
                         if OPTS.sci_mode is None else OPTS.sci_mode)
        p = OPTS.precision
        if self.sci_mode:
            self.max_width = max(len(f"{v:.{p}e}") for v in vals.tolist())
        elif self.int_mode:
            self.max_width = max(len(f"{v:.0f}") + 1 for v in vals.tolist())
        else:
            self.max_width = max(len(f"{v:.{p}f}") for v in vals.tolist())

    def format(self, value):
        if self.floating:
            if self.sci_mode:
                s = f"{value:{self.max_width}.{OPTS.precision}e}"
            elif self.int_mode:
                s = f"{value:.0f}"
                if not (math.isinf(value) or math.isnan(value)):
                    s += "."
            else:
                s = f"{value:.{OPTS.precision}f}"
        else:
            s = f"{value}"
        return (self.max_width - len(s)) * " " + s


def _complex_str(real_str, imag_str):
    imag_str = (imag_str + "j").lstrip()
    if imag_str[0] in "+-":
        return real_str + imag_str
    return real_str + "+" + imag_str


def _summarized(a):
    """The edge items of `a` that a summarised print shows."""
    e = OPTS.edgeitems
    if a.ndim == 0:
        return a
    if a.ndim == 1:
        return np.concatenate((a[:e], a[-e:])) if a.shape[0] > 2 * e else a
    if not e:
        return np.empty((0,) * a.ndim, a.dtype)
    rows = list(range(e)) + list(range(a.shape[0] - e, a.shape[0])) \
        if a.shape[0] > 2 * e else range(a.shape[0])
    return np.stack([_summarized(a[i]) for i in rows])


def _format_value(v, f1, f2):
    if f2 is None:
        return f1.format(v)
    return _complex_str(f1.format(v.real), f2.format(v.imag))


def _vector_str(a, indent, summarize, f1, f2):
    width = f1.max_width + 2
    if f2 is not None:
        width += f2.max_width + 1
    per_line = max(1, int(math.floor((OPTS.linewidth - indent) / width)))
    e = OPTS.edgeitems
    if summarize and not e:
        data = ["..."]
    elif summarize and a.shape[0] > 2 * e:
        data = ([_format_value(v, f1, f2) for v in a[:e].tolist()] + [" ..."]
                + [_format_value(v, f1, f2) for v in a[-e:].tolist()])
    else:
        data = [_format_value(v, f1, f2) for v in a.tolist()]
    lines = [", ".join(data[i:i + per_line]) for i in range(0, len(data), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _body(a, indent, summarize, f1, f2):
    if a.ndim == 0:
        return _format_value(a.item(), f1, f2)
    if a.ndim == 1:
        return _vector_str(a, indent, summarize, f1, f2)
    e = OPTS.edgeitems
    n = a.shape[0]
    if summarize and n > 2 * e:
        parts = ([_body(a[i], indent + 1, summarize, f1, f2) for i in range(e)] + ["..."]
                 + [_body(a[i], indent + 1, summarize, f1, f2) for i in range(n - e, n)])
    else:
        parts = [_body(a[i], indent + 1, summarize, f1, f2) for i in range(n)]
    return "[" + ("," + "\n" * (a.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def _data_str(a, dtype, indent):
    summarize = a.size > OPTS.threshold
    if dtype.is_floating_point and dtype is not D.float64:
        a = a.astype(np.float32)  # half, bfloat16 and float8 print through float32
    if a.dtype.kind == "c":
        part = _summarized(a) if summarize else a
        return _body(a, indent, summarize, _Formatter(part.real), _Formatter(part.imag))
    return _body(a, indent, summarize, _Formatter(_summarized(a) if summarize else a), None)


def _add_suffixes(text, suffixes, indent):
    out = [text]
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > OPTS.linewidth:
            out.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            out.append(", " + suffix)
            last_line_len += len(suffix) + 2
    out.append(")")
    return "".join(out)


def tensor_repr(t, prefix="tensor("):
    """`repr(t)` as PyTorch writes it."""
    a = t._a
    indent = len(prefix)
    suffixes = []
    dev = t.device
    if dev.type != get_default_device().type:
        suffixes.append(f"device='{dev}'")
    dtype = t.dtype
    default = D.get_default_dtype()
    if a.size == 0:
        if a.ndim != 1:
            suffixes.append(f"size={tuple(a.shape)}")
        if dtype is not default:
            suffixes.append(f"dtype={dtype}")
        text = "[]"
    else:
        if not OPTS.edgeitems:
            suffixes.append(f"size={tuple(a.shape)}")
        default_complex = D.complex128 if default is D.float64 else D.complex64
        if dtype not in (default, default_complex, D.int64, D.bool):
            suffixes.append(f"dtype={dtype}")
        text = _data_str(a, dtype, indent)
    grad_fn = t.grad_fn
    if grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + text, suffixes, indent)
