"""The op registry: one definition gives `numtorch.op`, `Tensor.op`, `Tensor.op_`, the
dunders and `out=`.

An elementwise op is a function on NumPy arrays (and Python numbers) plus a declaration:
how PyTorch promotes its operands (`kind`), its autograd node name, its in-place and dunder
spellings. The registry does what every op shares: operand parsing, type promotion, casting,
broadcasting errors, `out=`, in-place checks and version bumps, the autograd record, and a
fast path for plain same-dtype tensors.

>>> import numtorch
>>> (numtorch.tensor([1, 2], dtype=numtorch.int8) + 1000).tolist()
[-23, -22]
"""
import functools
import inspect
import re
import warnings

import numpy as np

from .. import _dtype as D
from .._backend.quiet import IGNORE as _IGNORE
from .._backend.quiet import VAR as _VAR
from .._backend.quiet import quiet
from .._backend.layout import internal_overlap, iterator_layout, partial_overlap
from .._convert import fresh, warn_once
from .._promotion import result_type_of
from .._tensor import AutogradMeta, Storage, Tensor, storage, wrap
from ..autograd import graph
from ..autograd.anomaly_mode import STATE as ANOMALY
from ..autograd.grad_mode import STATE
from ..autograd.views import inplace_history, mark_view
from .indexing import bump_version

_new = object.__new__
_UNARY = object()  # fast_path's marker for "no second operand"

__all__ = ["DEFAULT", "INT_TO_FLOAT", "ALWAYS_BOOL", "COMPLEX_TO_FLOAT", "elementwise",
           "FUNCTIONS", "check_out", "check_overlap", "computable", "iterator_layout", "record",
           "broadcast_error", "write_into",
           "attach", "needs_grad", "derivative", "DERIVATIVES", "out_allowed", "snake_name",
           "edges_of"]

DEFAULT = "default"  # the promoted type of the operands
INT_TO_FLOAT = "int_to_float"  # ... with bool/integer results becoming the default dtype
ALWAYS_BOOL = "always_bool"  # computed in the promoted type, bool result (comparisons)
COMPLEX_TO_FLOAT = "complex_to_float"  # ... with complex results becoming real (abs)

FUNCTIONS = {}  # name -> module-level function, re-exported by numtorch/__init__.py
_LIMITED = (D.uint16, D.uint32, D.uint64)
_REDUCED = (D.float16, D.bfloat16)
_F32 = np.dtype(np.float32)
_F16 = np.dtype(np.float16)


_COMPLEX_HALF = "ComplexHalf support is experimental and many operators don't support it yet."


def computable(dtype):
    """`dtype`, or README difference 8's TypeError when it is complex32 (a result PyTorch
    holds in complex32, which NumPy lacks; PyTorch's one-time warning for it comes first)."""
    if dtype is D.complex32:
        warn_once(_COMPLEX_HALF, stacklevel=4)
        raise TypeError("numtorch has no complex32 tensors (NumPy has no complex32 type)")
    return dtype


def broadcast_error(shapes):
    """PyTorch's RuntimeError for shapes that do not broadcast."""
    a, b = shapes[0], shapes[1]
    for i in range(1, min(len(a), len(b)) + 1):
        if a[-i] != b[-i] and a[-i] != 1 and b[-i] != 1:
            return RuntimeError(f"The size of tensor a ({a[-i]}) must match the size of tensor "
                                f"b ({b[-i]}) at non-singleton dimension {max(len(a), len(b)) - i}")
    return RuntimeError(f"shape mismatch: {shapes}")


def _as_number(x):
    """A NumPy scalar as PyTorch reads it in an op: a Python number (np.bool_ as a float,
    np.complex64 through float(), as PyTorch does)."""
    if isinstance(x, (np.bool_, np.complex64)):
        return float(x)
    return x.item()


def _result_dtype(kind, tensors, scalars):
    dims = [t.dtype for t in tensors if t._a.ndim]
    zeros = [t.dtype for t in tensors if not t._a.ndim]
    compute = result_type_of(dims, zeros, scalars)
    if kind == INT_TO_FLOAT and compute._cat < 2:
        compute = D.get_default_dtype()
    out = compute
    if kind == ALWAYS_BOOL:
        out = D.bool
    elif kind == COMPLEX_TO_FLOAT and compute.is_complex:
        out = compute.to_real()
    return compute, out


def _scalar_for(x, compute):
    """A Python number as an operand computed in `compute` (integers wrap, as in PyTorch)."""
    if isinstance(x, bool) or not isinstance(x, int):
        return x
    if not -2**63 <= x < 2**64:
        raise OverflowError("int too big to convert")
    if compute._cat != 1:
        return x
    info = np.iinfo(compute.np)
    if info.min <= x <= info.max:
        return x
    bits = info.bits
    x %= 1 << bits
    return x - (1 << bits) if info.min and x > info.max else x


def _operand(x, compute):
    """Operand `x` (tensor or number) as NumPy computes it in dtype `compute` (a number
    with a bfloat16 tensor rounded to bfloat16, as PyTorch converts it)."""
    if isinstance(x, Tensor):
        a = x._a
        return a if a.dtype == compute.np else a.astype(compute.np)
    x = _scalar_for(_as_number(x) if isinstance(x, np.generic) else x, compute)
    if compute is D.bfloat16 and not isinstance(x, bool):
        return float(quiet(np.float32, x).astype(compute.np))
    return x


def _opmath_operand(x):
    """Operand `x` of a float16/bfloat16 op computed in float32 ("opmath")."""
    if isinstance(x, Tensor):
        return x._a.astype(_F32)
    return _as_number(x) if isinstance(x, np.generic) else x


_REAL = (float, int)


def _half_opmath(fn, a, y):
    """`fn(a, y)` for a float16 array `a` and a Python number `y`, in float32 (opmath)."""
    token = _VAR.set(_IGNORE)
    try:
        r = fn(a.astype(_F32), y).astype(_F16)
    finally:
        _VAR.reset(token)
    return wrap(iterator_layout(r, (a,)) if r.ndim > 1 or not r.size else r)


def _scalar_operand(args, either):
    """Whether PyTorch's CPU kernel reads an operand of `args` (two) as a scalar in float32:
    a number or a 0-d tensor second, or (`either`: a commutative op, whose reflected
    operator PyTorch calls with the tensor first) a number first."""
    x, y = args[0], args[1]
    if not isinstance(x, Tensor):
        return either
    return not isinstance(y, Tensor) or not y._a.ndim


def check_out(result_dtype, out_dtype):
    """PyTorch's check that a result may be written into an `out=`/in-place tensor."""
    if result_dtype._cat > out_dtype._cat:
        raise RuntimeError(f"result type {D.SCALAR_NAME[result_dtype]} can't be cast to the "
                           f"desired output type {D.SCALAR_NAME[out_dtype]}")


def out_allowed(name, tensors):
    """PyTorch's error for `out=` when grad mode is on and an input requires grad."""
    if needs_grad(tensors):
        raise RuntimeError(f"{name}(): functions with out=... arguments don't support automatic "
                           "differentiation, but one of the arguments requires grad.")


def snake_name(grad_name):
    """The op name of a node name: `StdMeanBackward0` -> `std_mean`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", grad_name[:grad_name.rindex("Backward")]).lower()


def record(result, grad_name, tensors, fn=None, saved=()):
    """Give `result` the autograd node `grad_name` when one of `tensors` requires grad:
    `fn(grad, *saved)` returns the gradients of `tensors` (tensors in `saved` are checked
    for in-place changes at backward; None in `tensors`: a number's `(None, 0)` edge). A view
    taken in no_grad mode of a tensor that requires grad requires grad too, as in PyTorch
    (with no history)."""
    if result.dtype._cat >= 2:
        for t in tensors:
            ag = None if t is None else t._ag
            if ag is not None and ag.requires_grad:
                if not STATE.enabled:
                    return graph.no_grad_view(result) if result._view_of is not None else result
                result._ag = AutogradMeta(True, graph.record(grad_name, tensors, fn, saved,
                                                             result))
                if result._view_of is not None:
                    mark_view(result)
                return result
    return result


def needs_grad(tensors):
    """True when grad mode is on and one of `tensors` requires grad."""
    if STATE.enabled:
        for t in tensors:
            ag = t._ag
            if ag is not None and ag.requires_grad:
                return True
    return False


DERIVATIVES = {}  # op name -> (formula, names of its parameters after the gradient)


def derivative(*names, needs=None):
    """Register `formula(grad, <params>)` as the backward of the elementwise ops `names`.
    Its parameters name what it needs: `self`, `other`, `third` (the operands, tensors or
    numbers), `result`, and the op's keyword arguments (with defaults). It returns one
    gradient per operand (None where there is none). `needs` maps a parameter to the operand
    positions whose gradients use it: as in PyTorch it is saved only when one of those
    requires grad, and is None otherwise (the formula then skips those gradients)."""
    def register(formula):
        params = tuple(inspect.signature(formula).parameters)[1:]
        for name in names:
            DERIVATIVES[name] = (formula, params, needs or {})
        return formula
    return register


_POSITION = {"self": 0, "other": 1, "third": 2, "result": -1}
_PLANS = {}  # op name -> (formula, saved positions, keyword names), made on first use


def _plan(name):
    spec = DERIVATIVES.get(name)
    if spec is None:
        return None
    formula, params, needs = spec
    saved = tuple((_POSITION[p], needs.get(p)) for p in params if p in _POSITION)
    plan = _PLANS[name] = (formula, saved, frozenset(p for p in params if p not in _POSITION))
    return plan


def _requires(x):
    return isinstance(x, Tensor) and x._ag is not None and x._ag.requires_grad


def _elementwise_node(name, grad, operands, tensors, result, kw, original_self=None):
    """The node of elementwise op `name` applied to `operands` giving `result`."""
    plan = _PLANS.get(name) or _plan(name)
    if plan is None:
        return graph.record(grad, tensors)
    formula, positions, kwnames = plan
    saved = []
    for i, users in positions:
        if users is not None:
            for j in users:
                o = operands[j]
                if type(o) is Tensor and o._ag is not None and o._ag.requires_grad or \
                        type(o) is not Tensor and _requires(o):
                    break
            else:  # no gradient that uses it is wanted
                saved.append(None)
                continue
        if i < 0:  # the result, saved without a cycle (in place, `self` after the write)
            saved.append(graph.save(result, True, ANOMALY.enabled))
        else:
            saved.append(original_self if i == 0 and original_self is not None
                         else operands[i])
    fn = formula
    if kw:
        named = {k: v for k, v in kw.items() if k in kwnames}
        if named:
            fn = functools.partial(fn, **named)
    if len(tensors) != len(operands):
        fn = _select(fn, tuple(i for i, o in enumerate(operands) if isinstance(o, Tensor)))
    return graph.record(grad, tensors, fn, saved)


def _select(fn, positions):
    def select(g, *saved):
        grads = fn(g, *saved)
        if type(grads) is not tuple:
            grads = (grads,)
        return tuple(grads[i] for i in positions)
    return select


def write_into(target, r):
    """Store array `r` into tensor `target` (in place, version bumped), resizing `target`
    first when its shape differs, as PyTorch does for `out=`."""
    bump_version(target)
    if r.shape != target._a.shape:
        resize_out(target, r.shape)
    np.copyto(target._a, r, casting="unsafe")
    return target


def resize_out(t, shape, warn=True, keep=False):
    """Give `out=` tensor `t` the shape `shape` (contiguous), reusing its storage when that
    is large enough (else a new one, starting with the old bytes when `keep`: `resize_`),
    with PyTorch's deprecation warning when `t` had elements (and `warn`)."""
    a = t._a
    if a.size and warn:
        warnings.warn(f"An output with one or more elements was resized since it had shape "
                      f"{list(a.shape)}, which does not match the required output shape "
                      f"{list(shape)}. This behavior is deprecated, and in a future PyTorch "
                      "release outputs will not be resized unless they have zero elements. "
                      "You can explicitly reuse an out tensor t by resizing it, inplace, to "
                      "zero elements with t.resize_(0).", UserWarning, stacklevel=4)
    st = storage(t)
    base = st.base
    nbytes = int(np.prod(shape, dtype=np.int64)) * a.itemsize
    start = a.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    if base.flags.c_contiguous and 0 <= start and start + nbytes <= base.nbytes:
        t._a = base.reshape(-1).view(np.uint8)[start:start + nbytes].view(a.dtype).reshape(shape)
    else:  # a new allocation (other views of the old storage keep the old one)
        t._a = np.zeros(shape, a.dtype)
        if keep and base.flags.c_contiguous:
            old = base.reshape(-1).view(np.uint8)[max(start, 0):]
            kept = min(old.size, nbytes)
            t._a.reshape(-1).view(np.uint8)[:kept] = old[:kept]
        t._st = Storage(t._a)
        t._st.version = st.version


def elementwise(name, fn, arity, kind=DEFAULT, grad=None, inplace=True, method=True,
                dunder=None, rdunder=None, rgrad=None, fast_dtypes=(), kernel=None, check=None,
                opmath=False, scalar_edges=False):
    """Register elementwise op `name` computed by `fn(*arrays_or_numbers, **kwargs)`.

    `fast_dtypes`: NumPy dtypes for which same-dtype tensor operands need no promotion
    (and `fn` keeps the dtype); `kernel`: PyTorch's kernel name, for the NotImplementedError
    it raises on uint16/32/64; `check(*operands)`: raises PyTorch's op-specific errors
    (the fast path skips it, so dtypes an op refuses must stay out of `fast_dtypes`);
    `opmath`: a float16/bfloat16 tensor with a scalar (see `_scalar_operand`; "either" for
    a commutative op) computes in float32 with the scalar in float32, rounding once
    (PyTorch's mul and div kernels); `scalar_edges`: a number operand keeps its `(None, 0)`
    edge in `grad_fn.next_functions`, as PyTorch's add, sub, mul and div ("either": a
    commutative op, whose reflected operator is the op with the tensor first).
    """
    grad = grad or "".join(p.capitalize() for p in name.split("_")) + "Backward0"
    fast = frozenset(np.dtype(d) for d in fast_dtypes)
    # the fast dtypes that keep their dtype with a Python float (float16: not when `opmath`)
    with_float = frozenset(d for d in fast if d.kind in "fc" and not (opmath and d == _F16))

    def compute(args, kw, into=None):
        if check is not None:
            check(*args[:arity])
        tensors = [a for a in args[:arity] if isinstance(a, Tensor)]
        scalars = []
        for i, a in enumerate(args[:arity]):
            if not isinstance(a, Tensor):
                if isinstance(a, np.generic):
                    a = _as_number(a)
                if not isinstance(a, (bool, int, float, complex)):
                    raise TypeError(f"{name}(): argument '{_ARG_NAMES[i]}' (position {i + 1}) "
                                    f"must be Tensor, not {type(a).__name__}")
                scalars.append(a)
        ctype, otype = _result_dtype(kind, tensors, scalars)
        if ctype is D.complex32:  # a float16 tensor with a complex number
            if into is not None:
                check_out(otype, into)
            warn_once(_COMPLEX_HALF, stacklevel=4)
            computable(otype)
            ctype = D.complex64  # a comparison: complex64 compares as complex32 does
        if kernel and ctype in _LIMITED:
            raise NotImplementedError(f'"{kernel}" not implemented for '
                                      f"'{D.SCALAR_NAME[ctype]}'")
        if opmath and ctype in _REDUCED and _scalar_operand(args, opmath == "either"):
            operands = [_opmath_operand(a) for a in args[:arity]]
        else:
            operands = [_operand(a, ctype) for a in args[:arity]]
        try:
            r = quiet(fn, *operands, *args[arity:], **kw)
        except ValueError:
            shapes = [np.shape(o) for o in operands]
            raise broadcast_error(shapes) from None
        if type(r) is not np.ndarray or r.dtype != otype.np:
            r = np.asarray(r).astype(otype.np, copy=False)
        if r.ndim > 1:
            r = iterator_layout(r, [t._a for t in args[:arity] if isinstance(t, Tensor)])
        return (r if r.size else fresh(r)), otype, tensors

    differentiable = kind != ALWAYS_BOOL

    def fast_path(x, y=_UNARY):
        """`fn` on tensors of one fast dtype (and Python numbers that keep the dtype): no
        promotion or casting to do. None when that does not apply."""
        if type(x) is not Tensor:
            return None
        a = x._a
        if a.dtype not in fast:
            return None
        if y is _UNARY:
            operands = (a,)
        elif type(y) is Tensor:
            if y._a.dtype is not a.dtype:
                return None
            operands = (a, y._a)
        elif type(y) is float and a.dtype in with_float or type(y) is int and (
                a.dtype in with_float and -65504 <= y <= 65504  # finite in every float dtype
                or a.dtype.kind == "i" and -128 <= y <= 127 or a.dtype.kind == "u" and 0 <= y <= 127):
            operands = (a, y)
        elif opmath and a.dtype == _F16 and type(y) in _REAL and x._ag is None:
            return _half_opmath(fn, a, y)
        else:
            return None
        token = _VAR.set(_IGNORE)
        try:
            r = fn(*operands)
        except ValueError:
            return None
        finally:
            _VAR.reset(token)
        if type(r) is not np.ndarray:
            r = np.asarray(r)
        elif not r.size:
            r = fresh(r)
        elif r.ndim > 1 and not r.flags.c_contiguous:
            r = iterator_layout(r, operands if type(y) is Tensor else (a,))
        t = _new(Tensor)
        t._a = r
        t._st = t._ag = t._view_of = None
        if differentiable and STATE.enabled and (
                x._ag is not None or type(y) is Tensor and y._ag is not None):
            args = (x,) if y is _UNARY else (x, y)
            tensors = args if type(y) is Tensor or y is _UNARY else (x, None) if scalar_edges \
                else (x,)
            if needs_grad(tensors):
                t._ag = AutogradMeta(True, _elementwise_node(name, grad, args, tensors, t, {}))
        return t

    def make_function(edges):
        def function(*args, out=None, **kw):
            if len(args) == arity <= 2 and out is None and not kw:
                t = fast_path(*args)
                if t is not None:
                    return t
            r, otype, tensors = compute(args, kw)
            if out is not None:
                out_allowed(name, tensors + [out])
                check_out(otype, out.dtype)
                check_overlap(out, tensors)
                return write_into(out, r)
            t = wrap(r)
            if otype._cat >= 2 and needs_grad(tensors):
                t._ag = AutogradMeta(True, _elementwise_node(
                    name, grad, args[:arity], edges_of(args[:arity]) if edges else tensors, t, kw))
            return t
        return function

    function = make_function(scalar_edges)

    def method_inplace(self, *args, **kw):
        try:
            r, otype, tensors = compute((self,) + args, kw, self.dtype)
        except NotImplementedError:  # PyTorch checks the cast into self first
            _check_cast(kind, self, args[:arity - 1])
            raise
        check_out(otype, self.dtype)
        if r.shape != self._a.shape:
            raise RuntimeError(f"output with shape {list(self.shape)} doesn't match the "
                               f"broadcast shape {list(r.shape)}")
        check_overlap(self, tensors)
        node = None
        if kind != ALWAYS_BOOL and needs_grad(tensors):  # saves the operands before the write
            original = self.detach().clone() if _uses_self(name) else None
            operands = (self,) + args[:arity - 1]
            node = _elementwise_node(name, grad, operands,
                                     edges_of(operands) if scalar_edges else tensors, self, kw,
                                     original)
        write_into(self, r)
        if node is not None:
            graph.outputs_written(node)
            inplace_history(self, node)
        return self

    attach(name, function, method_inplace if inplace else None, method, fn.__doc__)
    if dunder:
        setattr(Tensor, f"__{dunder}__", _dunder(function, fast_path))
        if inplace:
            setattr(Tensor, f"__i{dunder}__", _inplace_dunder(method_inplace))
    if rdunder:
        commutative = scalar_edges == "either"
        setattr(Tensor, f"__r{rdunder}__", _reflected(
            function if commutative or not scalar_edges else make_function(False),
            rgrad or grad, commutative))
    return function


def edges_of(operands):
    """The inputs of a node with an edge for each operand: None for a number."""
    return tuple([o if isinstance(o, Tensor) else None for o in operands])


_ARG_NAMES = ("input", "other", "third")


def check_overlap(out, tensors):
    """PyTorch's errors for a write into `out` (in place or `out=`) where elements of `out`
    share memory, or where an input of `tensors` overlaps `out` other than exactly."""
    a = out._a
    if 0 in a.strides and internal_overlap(a):
        raise RuntimeError("unsupported operation: more than one element of the written-to "
                           "tensor refers to a single memory location. Please clone() the "
                           "tensor before performing the operation.")
    st = out._st
    if st is None:
        return
    for t in tensors:
        if t is not out and t._st is st and partial_overlap(a, t._a):
            raise RuntimeError("unsupported operation: some elements of the input tensor and "
                               "the written-to tensor refer to a single memory location. "
                               "Please clone() the tensor before performing the operation.")


def _check_cast(kind, self, operands):
    """PyTorch's error when the result of an in-place op cannot be cast into `self`."""
    tensors = [self] + [o for o in operands if isinstance(o, Tensor)]
    scalars = [o for o in operands if isinstance(o, (bool, int, float, complex))]
    try:
        otype = _result_dtype(kind, tensors, scalars)[1]
    except (RuntimeError, TypeError):
        return
    check_out(otype, self.dtype)


def _uses_self(name):
    spec = DERIVATIVES.get(name)
    return spec is not None and "self" in spec[1]


def _dunder(function, fast_path):
    def dunder(self, other):
        t = fast_path(self, other)
        if t is not None:
            return t
        if not isinstance(other, (Tensor, bool, int, float, complex, np.generic)):
            return NotImplemented
        return function(self, other)
    return dunder


def attach(name, function, method_inplace=None, method=True, doc=None):
    """Publish `function` as `numtorch.<name>` (through FUNCTIONS), `Tensor.<name>` when
    `method`, and `method_inplace` as `Tensor.<name>_`."""
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    FUNCTIONS[name] = function
    if method:
        setattr(Tensor, name, function)
    if method_inplace is not None:
        method_inplace.__name__ = name + "_"
        setattr(Tensor, name + "_", method_inplace)


def _inplace_dunder(method_inplace):
    def inplace_dunder(self, other):
        if isinstance(other, np.ndarray):  # `t += ndarray` stays in place
            other = wrap(other)
        elif not isinstance(other, (Tensor, bool, int, float, complex, np.generic)):
            return NotImplemented
        return method_inplace(self, other)
    return inplace_dunder


def _reflected(function, grad, commutative):
    """`other <op> self` for a number `other`: `function(self, other)` when `commutative`
    (PyTorch's node then has the tensor's edge first)."""
    def reflected(self, other):
        if not isinstance(other, (bool, int, float, complex, np.generic)):
            return NotImplemented
        if commutative:
            return function(self, other)
        r = function(other, self)
        if r._ag is not None:
            graph.rename(r._ag.grad_fn, grad)
        return r
    return reflected

