"""PyTorch's argument parser as the reductions meet it: NumPy's names for parameters (`axis`
for `dim`, `keepdims` for `keepdim`, `x`, `a` or `x1` for `input`, `x2` for `other`), bool
parameters that take only bools, and its errors for arguments no signature takes: surplus
positional arguments, missing or unknown keywords, invalid combinations (first line).

An op's signatures are its Python signature, or the overloads PyTorch lists for it
(`OVERLOADS`); other argument types are the op's own checks.

>>> import numtorch
>>> numtorch.tensor([[1, 2], [3, 4]]).sum(axis=0, keepdims=True)
tensor([[4, 6]])
"""
import inspect
import operator
import re

import numpy as np

from .. import _dtype as D
from .._argparse import arg_ints, arg_type_name, invalid_args, missing_args
from .._device import device
from .._tensor import Tensor, legacy_type_name

__all__ = ["REQUIRED", "parsed", "check_out_dtype"]

REQUIRED = object()  # a default marking a parameter PyTorch requires
_NUMPY_NAMES = {"dim": ("axis",), "keepdim": ("keepdims",), "input": ("x", "a", "x1"),
                "other": ("x2",)}
_BOOLS = frozenset(("keepdim", "largest", "sorted", "descending"))  # bool parameters
_DIMS = {"nansum": "ints?", "nanmean": "ints?", "amax": "ints?", "amin": "ints?",
         "aminmax": "int?", "argmax": "int?", "argmin": "int?", "logsumexp": "ints"}  # else int
_PAIRS = frozenset(("aminmax", "cummax", "cummin", "mode", "topk"))  # `out` takes two tensors
_MISSING = object()
_POSITION = re.compile(r"\w+\(\): argument '(\w+)'( \(position \d+\))")

# the overloads PyTorch's parser tries, as it lists them, with the types it checks ("int",
# "ints": an int or a sequence, "bool", "dtype", "Tensor", "Tensors": a sequence of them; "?":
# None too); parameters after "*" are keyword-only
_OUT, _OUTS = "Tensor? out=None", "Tensors? out=None"
_STD = (f"input, ints? dim, bool unbiased=True, bool keepdim=False, *, {_OUT}",
        f"input, ints? dim=None, *, correction=None, bool keepdim=False, {_OUT}",
        "input, bool unbiased=True")
_MAX = (f"input, *, {_OUT}", f"input, Tensor other, *, {_OUT}",
        f"input, int dim, bool keepdim=False, *, {_OUTS}")
_ALL = (f"input, *, {_OUT}", f"input, ints? dim=None, bool keepdim=False, *, {_OUT}",
        f"input, int dim, bool keepdim=False, *, {_OUT}")
_MEDIAN = ("input", f"input, int dim, bool keepdim=False, *, {_OUTS}")
_SUM = ("input, *, dtype? dtype=None",
        f"input, ints? dim, bool keepdim=False, *, dtype? dtype=None, {_OUT}")
OVERLOADS = {
    "sum": _SUM, "mean": (f"{_SUM[0]}, {_OUT}", _SUM[1]),
    "prod": (_SUM[0], f"input, int dim, bool keepdim=False, *, dtype? dtype=None, {_OUT}"),
    "max": _MAX, "min": _MAX, "all": _ALL, "any": _ALL,
    "count_nonzero": ("input, int? dim=None", "input, ints dim"),
    "std": _STD, "var": _STD,
    "std_mean": tuple(s.replace(f", *, {_OUT}", "").replace(f", {_OUT}", "") for s in _STD),
    "sort": (f"input, *, bool? stable, int dim=-1, bool descending=False, {_OUTS}",
             f"input, int dim=-1, bool descending=False, *, {_OUTS}"),
    "argsort": (f"input, *, bool stable, int dim=-1, bool descending=False, {_OUT}",
                "input, int dim=-1, bool descending=False"),
    "median": _MEDIAN, "nanmedian": _MEDIAN,
}
OVERLOADS["var_mean"] = OVERLOADS["std_mean"]


def _listed(text):
    """Parameters `(name, required, keyword_only, type)` of a signature in `OVERLOADS`."""
    params, keyword_only = [], False
    for item in text.split(", "):
        if item == "*":
            keyword_only = True
            continue
        decl, has_default, _ = item.partition("=")
        *kind, name = decl.split()
        params.append((name, not has_default, keyword_only, kind[0] if kind else None))
    return tuple(params)


def _python(fn, name):
    """Parameters of `fn`'s Python signature (op `name`), as `_listed` gives them."""
    kinds = {"dim": _DIMS.get(name, "int"), "k": "int", "dtype": "dtype?",
             "out": "Tensors?" if name in _PAIRS else "Tensor?"}
    return tuple((p.name, p.default is p.empty or p.default is REQUIRED,
                  p.kind is p.KEYWORD_ONLY, "bool" if p.name in _BOOLS else kinds.get(p.name))
                 for p in inspect.signature(fn).parameters.values())


class _Signature:
    """Parameters `(name, required, keyword_only, type)`, and what a call with positional
    arguments alone needs: at most `most`, at least `need`, types at `typed`."""
    __slots__ = ("params", "most", "need", "typed")

    def __init__(self, params):
        self.params = params
        self.most = sum(not p[2] for p in params)
        self.need = max((i + 1 for i, p in enumerate(params) if p[1]), default=0)
        self.typed = tuple((i, p[3]) for i, p in enumerate(params) if p[3])


_TYPE_NAMES = {"int": "int", "ints": "tuple of ints", "bool": "bool", "dtype": "torch.dtype",
               "Tensor": "Tensor", "Tensors": "tuple of Tensors"}


def _fits(value, kind):
    """Whether `value` is of the type `kind` (see `OVERLOADS`)."""
    if value is None:
        return kind[-1] == "?"
    kind = kind.rstrip("?")
    if kind == "Tensors":
        return isinstance(value, (tuple, list)) and all(isinstance(t, Tensor) for t in value)
    if kind in ("Tensor", "dtype"):
        return isinstance(value, Tensor if kind == "Tensor" else D.dtype)
    if isinstance(value, (bool, np.bool_)):
        return kind == "bool"
    if kind == "bool":
        return False
    if kind == "ints" and isinstance(value, (tuple, list)):
        return True
    try:
        operator.index(value)  # an int, or a one-element integer tensor
    except TypeError:
        return False
    return True


def _extra_args(name, params, given):
    least, most = sum(p[1] for p in params), sum(not p[2] for p in params)
    if least != most:
        return TypeError(f"{name}() takes from {least} to {most} positional arguments but "
                         f"{given} were given")
    return TypeError(f"{name}() takes {most} positional argument{'s' * (most != 1)} but "
                     f"{given} {'was' if given == 1 else 'were'} given")


def _extra_kwargs(name, params, args, kw):
    for key in kw:
        index = next((i for i, p in enumerate(params) if p[0] == key), -1)
        if index < 0:
            return TypeError(f"{name}() got an unexpected keyword argument '{key}'")
        if index < len(args):
            return TypeError(f"{name}() got multiple values for argument '{key}'")
    return TypeError("invalid keyword arguments")


def _match(name, signature, args, kw, loud):
    """`(args, kw)` with the keywords under their names in `signature` when the arguments
    fit it, else None, or with `loud` the error PyTorch's parser raises for it. A lone
    positional int list also takes its ints as separate arguments (`x.f(0, 1)`)."""
    params = signature.params
    if len(args) > 1 and signature.most == 1 and params[0][3] == "ints" and \
            _fits(args[0], "int"):
        args = (arg_ints(name, params[0][0], args),)
    if not kw and signature.need <= len(args) <= signature.most:
        for i, kind in signature.typed:
            if i < len(args) and not _fits(args[i], kind):
                break
        else:
            return args, kw
    if len(args) > signature.most:
        if loud:
            raise _extra_args(name, params, len(args))
        return None
    named = {}
    for i, (param, required, _, kind) in enumerate(params):
        key = None
        if i < len(args):
            value = args[i]
        else:
            key = next((k for k in (param,) + _NUMPY_NAMES.get(param, ()) if k in kw), None)
            value = _MISSING if key is None else kw[key]
        if value is _MISSING:
            if required:
                if loud:
                    raise missing_args(name, [p[0] for p in params[i:] if p[1]])
                return None
            continue
        if kind and not _fits(value, kind):
            if loud:
                at = "" if key else f" (position {i + 1})"
                raise TypeError(f"{name}(): argument '{param}'{at} must be "
                                f"{_TYPE_NAMES[kind.rstrip('?')]}, not {arg_type_name(value)}")
            return None
        if key is not None:
            named[param] = value
    if len(named) < len(kw):
        if loud:
            raise _extra_kwargs(name, params, args, kw)
        return None
    return args, named


def _parse(name, signatures, args, kw):
    """`(args, kw)` as the first signature the arguments fit takes them, or the error
    PyTorch's parser raises: the signature's own error when it is the only one (or the only
    one taking as many arguments), else an invalid combination."""
    for signature in signatures:
        fit = _match(name, signature, args, kw, len(signatures) == 1)
        if fit is not None:
            return fit
    given = len(args) + len(kw)
    fitting = [s for s in signatures if sum(p[1] for p in s.params) <= given <= len(s.params)]
    if len(fitting) == 1:
        _match(name, fitting[0], args, kw, True)
    raise invalid_args(name, args, kw)


def _reworded(error, name, args, kw, named):
    """An argument error of the op, worded for the arguments as given: no position for a
    keyword argument, the keywords as given in an invalid combination."""
    message = str(error)
    if message.startswith(f"{name}() received an invalid combination"):
        return invalid_args(name, args, kw)
    match = _POSITION.match(message)
    if match is None or match[1] not in named:
        return error
    return TypeError(message[:match.start(2)] + message[match.end(2):])


_PLAIN = frozenset((int, float, bool, type(None), tuple, list, str))  # types `_fits` tells


def parsed(fn, name, method=False):
    """`fn` (`Tensor.<name>` when `method`, taking `self` first) behind PyTorch's parser."""
    if name in OVERLOADS:
        signatures = [_listed(s) for s in OVERLOADS[name]]
    else:
        signatures = [_python(fn, name)]
    if method:
        signatures = [tuple(p for p in s if p[0] not in ("self", "input", "out"))
                      for s in signatures]
    signatures = [_Signature(s) for s in signatures]
    bare = min(s.need for s in signatures) <= (not method)  # `self` or `input` alone fits
    seen = set()  # types of positional arguments alone that fit as they are

    def resolve(args, kw):
        """`(args, kw)` as the parser passes them on (or its error)."""
        if kw:
            return _parse(name, signatures, args, kw)
        key = tuple(map(type, args))
        if key not in seen:
            fit = _parse(name, signatures, args, kw)
            if fit[0] is not args or not _PLAIN.issuperset(key[0 if method else 1:]):
                return fit
            seen.add(key)
        return args, kw

    if method and len(signatures) == 1 and not signatures[0].params:  # bound without arguments
        def call(self, *args, **kw):
            if kw:
                raise TypeError(f"Tensor.{name}() takes no keyword arguments")
            if args:
                raise TypeError(f"Tensor.{name}() takes no arguments ({len(args)} given)")
            return fn(self)
    elif method:
        def call(self, *args, **kw):
            if bare and not (args or kw):
                return fn(self)
            passed, named = resolve(args, kw)
            try:
                return fn(self, *passed, **named)
            except TypeError as e:
                raise _reworded(e, name, args, kw, named) from None
    else:
        def call(*args, **kw):
            if bare and len(args) == 1 and not kw:
                return fn(*args)
            passed, named = resolve(args, kw)
            try:
                return fn(*passed, **named)
            except TypeError as e:
                raise _reworded(e, name, args, kw, named) from None
    call.__name__ = call.__qualname__ = name
    call.__doc__ = fn.__doc__
    return call


_CPU = device("cpu")


def check_out_dtype(name, i, want, got):
    """PyTorch's error (worded as op `name` words it) when the `i`th `out=` tensor has dtype
    `got` where the result has `want`."""
    if want is got:
        return
    if name in ("median", "nanmedian"):
        if i:
            raise RuntimeError(f"Expected tensor for argument #1 'indices' to have scalar type "
                               f"Long; but got {legacy_type_name(got, _CPU)} instead (while "
                               f"checking arguments for median)")
        raise RuntimeError(f"Expected tensor for 'values' to have the same type as tensor for "
                           f"argument #2 'self'; but type {legacy_type_name(got, _CPU)} does "
                           f"not equal {legacy_type_name(want, _CPU)} (while checking "
                           f"arguments for median)")
    if name == "mode":
        raise RuntimeError(f"expected scalar type '{D.SCALAR_NAME[want]}' but got "
                           f"'{D.SCALAR_NAME[got]}' for {('values', 'indices')[i]} output")
    if name in ("cummax", "cummin"):
        raise RuntimeError(f"expected scalar_type {D.SCALAR_NAME[want]} but found "
                           f"{D.SCALAR_NAME[got]}")
    raise RuntimeError(f"Expected out tensor to have dtype {D.CXX_NAME[want]}, but got "
                       f"{D.CXX_NAME[got]} instead")
