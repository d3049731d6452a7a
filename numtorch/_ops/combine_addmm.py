"""`beta * input + alpha * product`: addmm, addmv, addr, baddbmm, addbmm (function, method,
in place), and the pointwise addcmul, addcdiv.

The products need operands of one dtype (addr promotes, as PyTorch); `beta=0` ignores
`input` (its NaNs included); float16/bfloat16 products are computed in float32.

>>> import numtorch
>>> numtorch.addmm(numtorch.ones(2, 2), numtorch.eye(2), numtorch.eye(2), beta=2).tolist()
[[3.0, 2.0], [2.0, 3.0]]
"""
import numpy as np

from .. import _dtype as D
from .._convert import fresh
from .._promotion import result_type_of
from .._tensor import Tensor, wrap
from ..autograd.views import check_inplace
from . import grad_linalg as G
from .grad_arithmetic import conj
from .grad_indexing import record_inplace
from .linalg import _check_bmm, _check_mm, _product
from .registry import (DEFAULT, attach, check_out, derivative, elementwise, needs_grad, out_allowed,
                       record, write_into)

__all__ = ["addmm", "addmv", "addr", "baddbmm", "addbmm", "addcmul", "addcdiv"]

_LOW = frozenset(d.np for d in (D.float16, D.bfloat16))


def _need_tensors(op, names, args):
    for i, (t, n) in enumerate(zip(args, names)):
        if not isinstance(t, Tensor):
            raise TypeError(f"{op}(): argument '{n}' (position {i + 1}) must be Tensor, not "
                            f"{type(t).__name__}")


def _same_dtype(x, *others):
    for o in others:
        if o.dtype is not x.dtype:
            raise RuntimeError(f"self and mat2 must have the same dtype, but got "
                               f"{D.SCALAR_NAME[x.dtype]} and {D.SCALAR_NAME[o.dtype]}")
        x = o


def _expanded(input, shape, inplace=False):
    """`input`'s array broadcast to `shape` (PyTorch's expand error otherwise; in place, it
    must have that shape)."""
    if inplace and input._a.shape != shape:
        raise RuntimeError(f"Bad in-place call: input tensor size {list(input.shape)} and "
                           f"output tensor size {list(shape)} should match")
    try:
        return np.broadcast_to(input._a, shape)
    except ValueError:
        input.expand(*shape)  # raises PyTorch's error
        raise


def _wide_product(f, a, b):
    """`f(a, b)`; float16/bfloat16 computed in float32 and left there (PyTorch rounds the
    whole `beta * c + alpha * product` once)."""
    if a.dtype in _LOW:
        return f(a.astype(np.float32), b.astype(np.float32))
    return f(a, b)


def _affine(c, p, beta, alpha, dtype):
    """`beta * c + alpha * p` as a new contiguous array of `dtype` (`c` ignored when beta is
    0; integer scalars truncated, bool ones logical, as PyTorch's kernels)."""
    if not dtype.is_complex:
        for v in (beta, alpha):
            if isinstance(v, complex) and v.imag:
                raise RuntimeError(f"value cannot be converted to type {D.CXX_NAME[dtype]} "
                                   "without overflow")
    if dtype is D.bool:
        r = p.astype(bool) & bool(alpha)
        if beta:
            r = r | c
        return np.ascontiguousarray(r)
    if dtype._cat < 2:
        beta, alpha = int(beta.real if isinstance(beta, complex) else beta), \
            int(alpha.real if isinstance(alpha, complex) else alpha)
    work = np.float32 if dtype.np in _LOW else dtype.np
    r = p.astype(work, copy=False)
    r = r * alpha if alpha != 1 else r
    if beta != 0:
        cw = c.astype(work, copy=False)
        r = r + (cw * beta if beta != 1 else cw)
    r = np.broadcast_to(r, c.shape).astype(dtype.np, copy=True, order="C")
    return r if r.size else fresh(r)


def _backward(product_grad, beta, alpha, batches=None):
    """The backward of `beta * input + alpha * product(a, b)`: `product_grad(g, a, b)`
    gives the product's gradients; `batches` repeats the gradient over addbmm's batches."""
    def backward(g, a, b):
        gi = g * conj(beta) if beta != 1 else g
        gp = g * conj(alpha) if alpha != 1 else g
        if batches is not None:
            gp = gp.unsqueeze(0).expand(batches, *gp.shape)
        ga, gb = product_grad(gp, a, b)
        return gi, ga, gb
    return backward


def _finish(name, r, input, a, b, fn, out=None, self=None):
    """Result array `r` of op `name` on `input`, `a`, `b`: a new tensor, written into `out`
    or (in place) into `self`."""
    tensors = (input, a, b)
    saved = G.pair(a, b)
    op = name[:-len("Backward0")].lower()
    if self is not None:
        check_inplace(self)
        if r.shape != self._a.shape:
            raise RuntimeError(f"Bad in-place call: input tensor size {list(self.shape)} and "
                               f"output tensor size {list(r.shape)} should match")
        grad = needs_grad(tensors)
        write_into(self, r)
        return record_inplace(self, name, (a, b), fn, saved) if grad else self
    if out is not None:
        out_allowed(op, tensors + (out,))
        _check_out(op, input, D.FROM_NP[r.dtype], out)
        return write_into(out, r)
    return record(wrap(r), name, tensors, fn, saved)


def _check_out(op, input, dtype, out):
    """PyTorch's errors for an `out=` tensor of another dtype than the result's."""
    if op == "addr":
        check_out(dtype, out.dtype)
    elif out.dtype is not dtype:
        if op == "addbmm":
            raise RuntimeError(f"self and mat2 must have the same dtype, but got "
                               f"{D.SCALAR_NAME[out.dtype]} and {D.SCALAR_NAME[input.dtype]}")
        raise RuntimeError(f"Expected out tensor to have dtype {D.CXX_NAME[dtype]}, but got "
                           f"{D.CXX_NAME[out.dtype]} instead")


def _scalars(dtype, beta, alpha):
    if dtype._cat < 2 and dtype is not D.bool:
        for n, v in (("beta", beta), ("alpha", alpha)):
            if isinstance(v, (float, complex)):
                raise RuntimeError(f"For integral input tensors, argument {n} must not be a "
                                   "floating point number.")


def _addmm(input, mat1, mat2, beta, alpha, out, _self):
    """`beta * input + alpha * (mat1 @ mat2)`, `input` broadcast to the product's shape."""
    _need_tensors("addmm", ("input", "mat1", "mat2"), (input, mat1, mat2))
    a, b = mat1._a, mat2._a
    for n, x in (("mat1", a), ("mat2", b)):
        if x.ndim != 2:
            raise RuntimeError(f"{n} must be a matrix, got {x.ndim}-D tensor")
    _same_dtype(input, mat1, mat2)
    _check_mm(a, b, mat1, mat2)
    c = _expanded(input, (a.shape[0], b.shape[1]), _self is not None)
    r = _affine(c, _wide_product(np.dot, a, b), beta, alpha, input.dtype)
    return _finish("AddmmBackward0", r, input, mat1, mat2,
                   _backward(G.matmul(2, 2), beta, alpha), out, _self)


def _addmv(input, mat, vec, beta, alpha, out, _self):
    """`beta * input + alpha * (mat @ vec)`."""
    _need_tensors("addmv", ("input", "mat", "vec"), (input, mat, vec))
    a, v = mat._a, vec._a
    if a.ndim != 2 or v.ndim != 1 or input._a.ndim > 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got {input._a.ndim}, {a.ndim}, "
                           f"{v.ndim}")
    n = input._a.shape[0] if input._a.ndim else 1
    if a.shape[1] != v.shape[0] or n not in (1, a.shape[0]):
        raise RuntimeError(f"size mismatch, got input ({n}), mat ({a.shape[0]}x{a.shape[1]}), "
                           f"vec ({v.shape[0]})")
    if not input.dtype is mat.dtype is vec.dtype:
        raise RuntimeError("addmv input tensors must have the same dtype, but got "
                           f"{D.SCALAR_NAME[input.dtype]}, {D.SCALAR_NAME[mat.dtype]}, and "
                           f"{D.SCALAR_NAME[vec.dtype]}")
    if input.dtype is D.bool or input.dtype._cat < 2 and input.dtype.itemsize > 1 and \
            not input.dtype.is_signed:
        raise NotImplementedError(f'"addmv_impl_cpu" not implemented for '
                                  f"'{D.SCALAR_NAME[input.dtype]}'")
    r = _affine(np.broadcast_to(input._a, (a.shape[0],)), _wide_product(np.matmul, a, v), beta,
                alpha, input.dtype)
    return _finish("AddmvBackward0", r, input, mat, vec,
                   _backward(G.matmul(2, 1), beta, alpha), out, _self)


def _addr(input, vec1, vec2, beta, alpha, out, _self):
    """`beta * input + alpha * outer(vec1, vec2)` (with type promotion)."""
    _need_tensors("addr", ("input", "vec1", "vec2"), (input, vec1, vec2))
    for n, t in (("vec1", vec1), ("vec2", vec2)):
        if t._a.ndim != 1:
            raise RuntimeError(f"addr: Expected 1-D argument {n}, but got {t._a.ndim}-D")
    ts = (input, vec1, vec2)
    dtype = result_type_of([t.dtype for t in ts if t._a.ndim],
                           [t.dtype for t in ts if not t._a.ndim])
    if dtype in _NO_KERNEL[1:]:
        _refuse("addr_cpu", dtype)
    if _self is not None:
        _addr_inplace_checks(_self, vec1, vec2, dtype)
    _scalars(dtype, beta, alpha)
    c = _expanded(input, (vec1._a.shape[0], vec2._a.shape[0]))
    x, y = (t._a.astype(dtype.np, copy=False) for t in (vec1, vec2))
    p = np.logical_and.outer(x, y) if dtype is D.bool else _product(np.multiply.outer, x, y)
    r = _affine(c.astype(dtype.np, copy=False), p, beta, alpha, dtype)
    if input._a.shape == r.shape and r.size:  # the layout of `input`, as TensorIterator
        laid = np.empty_like(input._a, dtype.np)
        laid[...] = r
        r = laid
    return _finish("AddrBackward0", r, input, vec1, vec2, _backward(G.outer, beta, alpha), out,
                   _self)


_NO_KERNEL = (D.bool, D.uint16, D.uint32, D.uint64)


def _refuse(kernel, dtype):
    raise NotImplementedError(f'"{kernel}" not implemented for \'{D.SCALAR_NAME[dtype]}\'')


def _addr_inplace_checks(self, vec1, vec2, dtype):
    if self._a.ndim != 2:
        raise RuntimeError(f"2D tensor expected, got {self._a.ndim}D tensor for input")
    if self._a.shape != (vec1._a.shape[0], vec2._a.shape[0]):
        raise RuntimeError(f"size mismatch, input: {list(self.shape)}, v1: {list(vec1.shape)}, "
                           f"v2: {list(vec2.shape)}")
    check_out(dtype, self.dtype)


def _batches(b1, b2):
    for n, x in (("batch1", b1), ("batch2", b2)):
        if x._a.ndim != 3:
            raise RuntimeError(f"{n} must be a 3D tensor")


def _baddbmm(input, batch1, batch2, beta, alpha, out, _self):
    """`beta * input + alpha * bmm(batch1, batch2)`."""
    _need_tensors("baddbmm", ("input", "batch1", "batch2"), (input, batch1, batch2))
    a, b = batch1._a, batch2._a
    if a.ndim >= 2 and b.ndim >= 3:
        c = _expanded(input, (a.shape[0], a.shape[1], b.shape[2]))
    _batches(batch1, batch2)
    if input.dtype in _NO_KERNEL:
        _refuse("baddbmm", input.dtype)
    if input.dtype is not batch1.dtype and batch1.dtype is batch2.dtype:
        raise RuntimeError(f"Input dtypes must be the same, got: input "
                           f"{D.CXX_NAME[input.dtype]}, batch1: {D.CXX_NAME[batch1.dtype]}, "
                           f"batch2: {D.CXX_NAME[batch2.dtype]}")
    _check_bmm(a.shape, b.shape, batch1, batch2)
    r = _affine(c, _wide_product(np.matmul, a, b), beta, alpha, input.dtype)
    return _finish("BaddbmmBackward0", r, input, batch1, batch2,
                   _backward(G.matmul(3, 3), beta, alpha), out, _self)


def _addbmm(input, batch1, batch2, beta, alpha, out, _self):
    """`beta * input + alpha * bmm(batch1, batch2).sum(0)`."""
    _need_tensors("addbmm", ("input", "batch1", "batch2"), (input, batch1, batch2))
    a, b = batch1._a, batch2._a
    if a.ndim >= 2 and b.ndim >= 3:
        c = _expanded(input, (a.shape[-2 if a.ndim == 3 else 1], b.shape[2]))
    _batches(batch1, batch2)
    if a.shape[0] != b.shape[0]:
        raise RuntimeError(f"batch1 and batch2 must have same number of batches, got "
                           f"{a.shape[0]} and {b.shape[0]}")
    _same_dtype(input, batch1, batch2)
    _check_mm(np.empty(a.shape[1:], a.dtype), np.empty(b.shape[1:], a.dtype), batch1, batch2)
    if a.dtype in _LOW and a.shape[0]:  # PyTorch's addmm_ per batch, each rounded once
        r = c
        for i in range(a.shape[0]):
            r = _affine(r, _wide_product(np.matmul, a[i], b[i]), beta if i == 0 else 1,
                        alpha, input.dtype)
    else:
        p = np.matmul(a, b).sum(0, dtype=a.dtype)
        r = _affine(c, p, beta, alpha, input.dtype)
    return _finish("AddbmmBackward0", r, input, batch1, batch2,
                   _backward(G.matmul(3, 3), beta, alpha, a.shape[0]), out, _self)


def _variants(impl, names):
    """The function/method and the in-place method computed by `impl(input, a, b, beta,
    alpha, out, self)`; `names`: PyTorch's names of the three tensors (keywords too)."""
    name = impl.__name__[1:]

    def operands(args, named, wanted):
        args += tuple(named.pop(n) for n in wanted[len(args):] if n in named)
        if named or len(args) != len(wanted):
            raise TypeError(f"{name}() received an invalid combination of arguments - got "
                            f"{len(args)} tensors and {sorted(named)}")
        return args

    def function(*args, beta=1, alpha=1, out=None, **named):
        return impl(*operands(args, named, names), beta, alpha, out, None)

    def inplace(self, *args, beta=1, alpha=1, **named):
        return impl(self, *operands(args, named, names[1:]), beta, alpha, None, self)
    attach(name, function, inplace, True, impl.__doc__)
    return function


addmm = _variants(_addmm, ("input", "mat1", "mat2"))
addmv = _variants(_addmv, ("input", "mat", "vec"))
addr = _variants(_addr, ("input", "vec1", "vec2"))
baddbmm = _variants(_baddbmm, ("input", "batch1", "batch2"))
addbmm = _variants(_addbmm, ("input", "batch1", "batch2"))


# ---- addcmul, addcdiv ---------------------------------------------------------------------
_VALUE_TYPE = {"int64": "int64_t", "int32": "int", "int16": "int16_t", "int8": "int8_t",
               "uint8": "uint8_t", "float64": "double"}


def _value(value, a):
    """`value` as PyTorch's kernel uses it for arrays like `a` (truncated for integers; a
    complex one only for complex arrays)."""
    if isinstance(value, complex) and a.dtype.kind != "c":
        if value.imag:
            raise RuntimeError(f"value cannot be converted to type "
                               f"{_VALUE_TYPE.get(a.dtype.name, 'float')} without overflow")
        value = value.real
    if a.dtype.kind in "iu" and not isinstance(value, bool):
        return int(value.real if isinstance(value, complex) else value)
    return value


def _addcmul(input, tensor1, tensor2, *, value=1):
    """`input + value * tensor1 * tensor2` (broadcast, type-promoted)."""
    return input + _value(value, input) * tensor1 * tensor2


def _addcdiv(input, tensor1, tensor2, *, value=1):
    """`input + value * tensor1 / tensor2` (broadcast, type-promoted; not for integers)."""
    return input + _value(value, input) * (tensor1 / tensor2)


def _check(op, kernel):
    def check(input, tensor1, tensor2):
        _need_tensors(op, ("input", "tensor1", "tensor2"), (input, tensor1, tensor2))
        ts = (input, tensor1, tensor2)
        dtype = result_type_of([t.dtype for t in ts if t._a.ndim],
                               [t.dtype for t in ts if not t._a.ndim])
        if op == "addcdiv" and tensor1.dtype._cat < 2 and tensor2.dtype._cat < 2:
            raise RuntimeError(
                "Integer division with addcdiv is no longer supported, and in a future  release "
                "addcdiv will perform a true division of tensor1 and tensor2. The historic "
                "addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / "
                "tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / "
                "tensor2) for float inputs. The future addcdiv behavior is just the latter "
                "implementation: (input + value * tensor1 / tensor2), for all dtypes.")
        if dtype is D.bool or dtype in (D.uint16, D.uint32, D.uint64):
            raise NotImplementedError(f'"{kernel}" not implemented for '
                                      f"'{D.SCALAR_NAME[dtype]}'")
    return check


def _keywords(name, kernel, fn):
    """Register pointwise op `name` (`fn` on arrays), taking its tensors by keyword too."""
    function = elementwise(name, fn, 3, DEFAULT, check=_check(name, kernel))
    inplace = getattr(Tensor, name + "_")

    def public(input, tensor1, tensor2, *, value=1, out=None):
        return function(input, tensor1, tensor2, value=value, out=out)

    def public_(self, tensor1, tensor2, *, value=1):
        return inplace(self, tensor1, tensor2, value=value)
    attach(name, public, public_, True, fn.__doc__)
    return public


addcmul = _keywords("addcmul", "addcmul_cpu_out", _addcmul)
addcdiv = _keywords("addcdiv", "addcdiv_cpu_out", _addcdiv)


@derivative("addcmul", needs={"other": (2,), "third": (1,)})
def _addcmul_grad(g, other, third, value=1):
    return (g, None if third is None else g * conj(third * value),
            None if other is None else g * conj(other * value))


@derivative("addcdiv", needs={"other": (2,), "third": (1, 2)})
def _addcdiv_grad(g, other, third, value=1):
    return (g, None if third is None else g * conj(value / third),
            None if other is None else -g * conj(value * other / (third * third)))
