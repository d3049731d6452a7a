"""Linear algebra: matmul and its special cases (mm, bmm, mv, dot), products (outer, inner,
einsum, tensordot, cross, kron), trace, norms, det, inverse and solve.

Products need operands of one dtype (no promotion, as in PyTorch); float16/bfloat16 are
computed in float32 and rounded once. The 2-d float path of `matmul` is one NumPy call.

>>> import numtorch
>>> a = numtorch.tensor([[1., 2.], [3., 4.]])
>>> (a @ a).tolist(), numtorch.matmul(a[0], a[1]).item()
([[7.0, 10.0], [15.0, 22.0]], 11.0)
"""
from string import ascii_letters

import sys

import numpy as np

from .. import _dtype as D
from .._convert import fresh, warn_once
from .._promotion import result_type_of
from .._tensor import Tensor, view_of, wrap, wrap_dim
from . import grad_linalg as G
from .indexing_advanced import contiguous
from .registry import FUNCTIONS, broadcast_error, needs_grad, out_allowed, record, write_into

__all__ = ["matmul", "mm", "bmm", "mv", "dot", "vdot", "outer", "ger", "inner", "einsum",
           "tensordot", "cross", "kron", "trace", "det", "inverse", "norm"]

_new = object.__new__
_BLAS = frozenset(np.dtype(d) for d in (np.float32, np.float64, np.complex64, np.complex128))
_LOW = frozenset(d.np for d in (D.float16, D.bfloat16))
_NO_KERNEL = (D.bool, D.uint16, D.uint32, D.uint64)


class _LinAlgError(RuntimeError):
    """A linear-algebra error (a singular matrix): `numtorch.linalg.LinAlgError`."""


def _product(f, a, b):
    """`f(a, b)` on arrays of one dtype; float16/bfloat16 computed in float32."""
    if a.dtype in _LOW:
        return f(a.astype(np.float32), b.astype(np.float32)).astype(a.dtype)
    return f(a, b)


def _result(r, name, tensors, fn=None, saved=(), with_result=False):
    """Array `r` as the result of node `name` (its formula `fn` saves `saved`, then the
    result itself when `with_result`)."""
    r = np.asarray(r)
    t = wrap(r if r.size else fresh(r))
    return record(t, name, tensors, fn, saved + (t,) if with_result else saved)


def _tensors(op, x, y, names=("input", "other")):
    for i, (t, n) in enumerate(((x, names[0]), (y, names[1]))):
        if not isinstance(t, Tensor):
            raise TypeError(f"{op}(): argument '{n}' (position {i + 1}) must be Tensor, not "
                            f"{type(t).__name__}")


def _kernel(name, dtype):
    if dtype in _NO_KERNEL:
        raise NotImplementedError(f'"{name}" not implemented for \'{D.SCALAR_NAME[dtype]}\'')


def _check_mm(a, b, x, y):
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({a.shape[0]}x"
                           f"{a.shape[1]} and {b.shape[0]}x{b.shape[1]})")
    if a.dtype != b.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                           f"{D.CXX_NAME[x.dtype]} != {D.CXX_NAME[y.dtype]}")
    _kernel("addmm_impl_cpu_", x.dtype)


def mm(input, mat2, *, out=None):
    """The matrix product of 2-d `input` and `mat2`."""
    if out is None:
        t = _fast_mm(input, mat2)
        if t is not None:
            return t
    _tensors("mm", input, mat2, ("input", "mat2"))
    a, b = input._a, mat2._a
    if a.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    _check_mm(a, b, input, mat2)
    return _out(_product(np.dot, a, b), "MmBackward0", (input, mat2), out, _MM,
                G.pair(input, mat2))


_MM = G.matmul(2, 2)


def _mm_node(t, x, y):
    """`t`, the product of matrices `x` and `y`, with its MmBackward0 node (grad mode on)."""
    return record(t, "MmBackward0", (x, y), _MM, G.pair(x, y))


def _out(r, name, tensors, out, fn=None, saved=()):
    if out is None:
        return _result(r, name, tensors, fn, saved)
    out_allowed(sys._getframe(1).f_code.co_name, tensors + (out,))  # the public op's name
    if out.dtype.np != r.dtype:
        raise RuntimeError(f"Expected out tensor to have dtype {D.CXX_NAME[D.FROM_NP[r.dtype]]}, "
                           f"but got {D.CXX_NAME[out.dtype]} instead")
    return write_into(out, r)


def bmm(input, mat2, *, out=None):
    """Batched matrix product of 3-d `input` (b, n, k) and `mat2` (b, k, m)."""
    _tensors("bmm", input, mat2, ("input", "mat2"))
    a, b = input._a, mat2._a
    if a.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if b.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    _check_bmm(a.shape, b.shape, input, mat2)
    return _out(_product(np.matmul, a, b), "BmmBackward0", (input, mat2), out,
                G.matmul(3, 3), G.pair(input, mat2))


def _check_bmm(sa, sb, x, y):
    if (sb[0], sb[1]) != (sa[0], sa[2]):
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{sa[0]}, {sa[2]}] but got: [{sb[0]}, {sb[1]}].")
    if x.dtype is not y.dtype:
        raise RuntimeError(f"expected scalar type {D.SCALAR_NAME[x.dtype]} but found "
                           f"{D.SCALAR_NAME[y.dtype]}")
    _kernel("bmm", x.dtype)


def mv(input, vec, *, out=None):
    """The product of matrix `input` and vector `vec`."""
    _tensors("mv", input, vec, ("input", "vec"))
    a, v = input._a, vec._a
    if a.ndim != 2 or v.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.ndim}, {v.ndim}")
    if a.shape[1] != v.shape[0]:
        raise RuntimeError(f"size mismatch, got input ({a.shape[0]}), mat ({a.shape[0]}x"
                           f"{a.shape[1]}), vec ({v.shape[0]})")
    if input.dtype is not vec.dtype:
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got "
                           f"{D.SCALAR_NAME[vec.dtype]}, {D.SCALAR_NAME[input.dtype]}, and "
                           f"{D.SCALAR_NAME[vec.dtype]}")
    _kernel("addmv_impl_cpu", input.dtype)
    return _out(_product(np.matmul, a, v), "MvBackward0", (input, vec), out, G.matmul(2, 1),
                G.pair(input, vec))


def _check_vectors(op, x, y, kernel=None):
    """The arrays of vectors `x` and `y`, checked as PyTorch's dot checks them."""
    a, b = x._a, y._a
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if x.dtype is not y.dtype:
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found "
                           f"{D.SCALAR_NAME[x.dtype]} and {D.SCALAR_NAME[y.dtype]}")
    if a.size != b.size:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{a.size}] and src "
                           f"[{b.size}] to have the same number of elements, but got {a.size} "
                           f"and {b.size} elements respectively")
    _kernel(kernel or op, x.dtype)
    return a, b


def dot(input, tensor, *, out=None):
    """The dot product of two vectors of one dtype (a 0-d tensor)."""
    _tensors("dot", input, tensor, ("input", "tensor"))
    a, b = _check_vectors("dot", input, tensor)
    return _out(_product(np.dot, a, b), "DotBackward0", (input, tensor), out, G.mul,
                G.pair(input, tensor))


def vdot(input, other, *, out=None):
    """The dot product of `input` conjugated and `other`."""
    _tensors("vdot", input, other)
    a, b = _check_vectors("vdot", input, other, "dot")
    return _out(_product(np.vdot, a, b), "VdotBackward0", (input, other), out, G.vdot,
                G.pair(input, other))


def _fast_mm(x, y):
    """The product of two plain float/complex matrices of one dtype, or None when more is
    needed. For matrices, ndarray.dot has less overhead than np.matmul."""
    if type(x) is Tensor and type(y) is Tensor:
        a, b = x._a, y._a
        if a.ndim == 2 == b.ndim and a.dtype is b.dtype and a.dtype in _BLAS \
                and a.shape[1] == b.shape[0] and a.size and b.size:
            t = _new(Tensor)
            t._a = a.dot(b)
            t._st = t._ag = t._view_of = None
            return t if x._ag is None and y._ag is None else _mm_node(t, x, y)
    return None


def matmul(input, other, *, out=None):
    """The matrix product with broadcasting: dot, mv, mm, or batched by the operands' dims."""
    if out is None:
        t = _fast_mm(input, other)
        if t is not None:
            return t
    _tensors("matmul", input, other)
    if out is not None:
        out_allowed("matmul", (input, other, out))
    r = _matmul(input, other)
    return r if out is None else _out(r._a, None, (), out)


def _matmul_dunder(self, other):
    """`self @ other`, with the 2-d path inline."""
    if type(other) is Tensor:
        a, b = self._a, other._a
        if a.ndim == 2 == b.ndim and a.dtype is b.dtype and a.dtype in _BLAS \
                and a.shape[1] == b.shape[0] and a.size and b.size:
            t = _new(Tensor)
            t._a = a.dot(b)
            t._st = t._ag = t._view_of = None
            return t if self._ag is None and other._ag is None else _mm_node(t, self, other)
    if not isinstance(other, Tensor):
        return NotImplemented
    return matmul(self, other)


def _matmul(x, y):
    a, b = x._a, y._a
    da, db = a.ndim, b.ndim
    if not da or not db:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{da}D and {db}D")
    if da == 1 and db == 1:
        return dot(x, y)
    if da == 2 and db == 1:
        return mv(x, y)
    if da == 2 and db == 2:
        return mm(x, y)
    if da == 1 and db == 2:
        _check_mm(a.reshape(1, -1), b, x, y)
        return _result(_product(np.matmul, a, b), "SqueezeBackward4", (x, y), G.matmul(1, 2),
                       G.pair(x, y))
    if db <= 2:  # batched @ matrix or vector: folded into one mm (or mv)
        if db == 1 and a.shape[-1] != b.shape[0]:
            rows = a.size // max(a.shape[-1], 1)
            raise RuntimeError(f"size mismatch, got input ({rows}), mat ({rows}x{a.shape[-1]}), "
                               f"vec ({b.shape[0]})")
        _check_mm(a.reshape(-1, a.shape[-1]), b.reshape(b.shape[0], -1), x, y)
        return _result(_product(np.matmul, a, b), "UnsafeViewBackward0", (x, y),
                       G.matmul(da, db), G.pair(x, y))
    if da <= 2:
        a2 = a.reshape(1, -1) if da == 1 else a
        _check_mm(a2, b.reshape(-1, b.shape[-2], b.shape[-1])[0], x, y)
        return _result(_product(np.matmul, a, b),
                       "UnsafeViewBackward0" if da == 1 else "CloneBackward0", (x, y),
                       G.matmul(da, db), G.pair(x, y))
    batch_a, batch_b = a.shape[:-2], b.shape[:-2]
    try:
        batch = np.broadcast_shapes(batch_a, batch_b)
    except ValueError:
        raise broadcast_error([batch_a, batch_b]) from None
    n = int(np.prod(batch))
    _check_bmm((n, a.shape[-2], a.shape[-1]), (n, b.shape[-2], b.shape[-1]), x, y)
    return _result(_product(np.matmul, a, b), "UnsafeViewBackward0", (x, y), G.matmul(da, db),
                   G.pair(x, y))


def _rmatmul(self, other):
    if not isinstance(other, Tensor):
        return NotImplemented
    return matmul(other, self)


# ---- other products ---------------------------------------------------------------------------
def _promoted(x, y):
    dtype = result_type_of([t.dtype for t in (x, y) if t._a.ndim],
                           [t.dtype for t in (x, y) if not t._a.ndim])
    return dtype, x._a.astype(dtype.np, copy=False), y._a.astype(dtype.np, copy=False)


def outer(input, vec2, *, out=None):
    """The outer product of two vectors (with type promotion)."""
    _tensors("outer", input, vec2, ("input", "vec2"))
    for t, n in ((input, "self"), (vec2, "vec2")):
        if t._a.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {n}, but got {t._a.ndim}-D")
    dtype, a, b = _promoted(input, vec2)
    return _out(_product(np.multiply.outer, a, b), "MulBackward0", (input, vec2), out, G.outer,
                G.pair(input, vec2))


def ger(input, vec2, *, out=None):
    """`outer`."""
    return outer(input, vec2, out=out)


def inner(input, other, *, out=None):
    """Sum of products over the last dim of both (a product when one is 0-d)."""
    _tensors("inner", input, other)
    a, b = input._a, other._a
    if not a.ndim or not b.ndim:
        dtype, a, b = _promoted(input, other)
        return _out(np.multiply(a, b), "MulBackward0", (input, other), out, G.mul,
                    G.pair(input, other))
    if a.shape[-1] != b.shape[-1]:
        raise RuntimeError(f"inner() the last dimension must match on both input tensors but "
                           f"got shapes {list(a.shape)} and {list(b.shape)}")
    if input.dtype is not other.dtype:
        raise RuntimeError("both inputs should have same dtype")
    return _out(_product(np.inner, a, b), "ViewBackward0", (input, other), out,
                G.tensordot([a.ndim - 1], [b.ndim - 1], a.ndim, b.ndim), G.pair(input, other))


def tensordot(a, b, dims=2, out=None):
    """Sum of products over `dims` (an int: the last dims of `a` with the first of `b`; or
    two lists of dims)."""
    _tensors("tensordot", a, b, ("a", "b"))
    x, y = a._a, b._a
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        dims_a, dims_b = list(range(-dims, 0)), list(range(dims))
    else:
        dims_a, dims_b = ([d] if isinstance(d, int) else list(d) for d in dims)
    if len(dims_a) != len(dims_b):
        raise RuntimeError("both dimension lists should have same length")
    for i, j in zip(dims_a, dims_b):
        if x.shape[wrap_dim(i, x.ndim)] != y.shape[wrap_dim(j, y.ndim)]:
            raise RuntimeError(f"contracted dimensions need to match, but first has size "
                               f"{x.shape[i]} in dim {i} and second has size {y.shape[j]} in "
                               f"dim {j}")
    if a.dtype is not b.dtype:
        raise RuntimeError("both inputs should have same dtype")
    dims_a = [wrap_dim(d, x.ndim) for d in dims_a]
    dims_b = [wrap_dim(d, y.ndim) for d in dims_b]
    r = _product(lambda p, q: np.tensordot(p, q, (dims_a, dims_b)), x, y)
    return _out(r, "ViewBackward0", (a, b), out, G.tensordot(dims_a, dims_b, x.ndim, y.ndim),
                G.pair(a, b))


def einsum(equation, *operands):
    """Einstein summation over `operands` (tensors, or one list of them)."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    arrays = [t._a for t in operands]
    _check_equation(equation, [a.ndim for a in arrays])
    _check_subscripts(equation, arrays)
    dtypes = {t.dtype for t in operands}
    if len(dtypes) > 1:
        first = operands[0].dtype
        other = next(t.dtype for t in operands if t.dtype is not first)
        raise RuntimeError(f"expected scalar type {D.SCALAR_NAME[first]} but found "
                           f"{D.SCALAR_NAME[other]}")
    low = arrays and arrays[0].dtype in _LOW
    try:
        r = np.einsum(equation, *(a.astype(np.float32) if low else a for a in arrays))
    except ValueError as exc:
        raise RuntimeError(f"einsum(): {exc}") from None
    terms, out = _explicit(equation, [a.ndim for a in arrays])
    summed = set("".join(terms)) - set(out)
    if len(operands) == 1:
        name = "SumBackward1" if summed else "PermuteBackward0"
    else:
        name = "ViewBackward0" if summed else "MulBackward0"
    fn, saved = None, ()
    if needs_grad(operands):
        needed = [G.requires_grad(t) for t in operands]
        fn = G.einsum(terms, out, needed, [a.shape for a in arrays])
        saved = [t if any(needed[:i] + needed[i + 1:]) else None for i, t in enumerate(operands)]
    t = operands[0]
    if isinstance(r, np.ndarray) and np.shares_memory(r, t._a):  # a permutation: a view
        return record(view_of(t, r), name, operands, fn, saved)
    r = contiguous(np.asarray(r).astype(arrays[0].dtype, copy=False))
    return _result(r, name, operands, fn, saved)


def _explicit(equation, ndims):
    """The subscripts of einsum `equation` for operands of `ndims` dims: (terms, output),
    with '...' spelled out in unused letters and the implicit output made explicit."""
    equation = equation.replace(" ", "")
    lhs, arrow, rhs = equation.partition("->")
    terms = lhs.split(",")
    width = max((n - len(t) + 3 for t, n in zip(terms, ndims) if "..." in t), default=0)
    pool = "".join([c for c in ascii_letters if c not in equation][:width])
    terms = [t.replace("...", pool[width - (n - len(t) + 3):]) if "..." in t else t
             for t, n in zip(terms, ndims)]
    if arrow:
        return terms, rhs.replace("...", pool)
    letters = lhs.replace(",", "").replace(".", "")
    return terms, pool + "".join(sorted(c for c in set(letters) if letters.count(c) == 1))


_CROSS_WARNING = (
    "Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the "
    "dim explicitly or simply use torch.linalg.cross.\nThe default value of dim will change to "
    "agree with that of linalg.cross in a future release.")


def _einsum_error(*parts):
    return RuntimeError("einsum(): " + "".join(str(p) for p in parts))


def _check_equation(equation, ndims):
    """PyTorch's errors for a malformed einsum `equation` on operands of `ndims` dims."""
    lhs, arrow, rhs = equation.partition("->")
    terms = lhs.split(",")
    if len(terms) > len(ndims):
        raise _einsum_error("fewer operands were provided than specified in the equation")
    if len(terms) < len(ndims):
        raise _einsum_error("more operands were provided than specified in the equation")
    start = 0
    for k, (term, ndim) in enumerate(zip(terms, ndims)):
        letters = _letters(term, start, f"for operand {k}")
        start += len(term) + 1
        if "..." in term and letters > ndim:
            raise _einsum_error(f"the number of subscripts in the equation ({letters}) is more "
                                f"than the number of dimensions ({ndim}) for operand {k}")
        if "..." not in term and letters != ndim:
            raise _einsum_error(f"the number of subscripts in the equation ({letters}) does not "
                                f"match the number of dimensions ({ndim}) for operand {k} and no "
                                "ellipsis was given")
    seen = set()
    for i, c in enumerate(rhs if arrow else ""):
        if c.isascii() and c.isalpha():
            if c not in lhs or c in seen:
                raise _einsum_error(f"output subscript {c} ",
                                    "appears more than once in the output" if c in seen else
                                    "does not appear in the equation for any input operand")
            seen.add(c)
        elif c not in " .":
            raise _einsum_error(f"invalid subscript given at index {len(lhs) + 2 + i} in the "
                                "equation string, subscripts must be in [a-zA-Z]")


def _letters(term, start, where):
    """The number of subscripts of `term` (at index `start` of the equation)."""
    rest = term.replace("...", "   ", 1)
    for i, c in enumerate(rest):
        if c == ".":
            raise _einsum_error(f"found '.' {where} that is not part of any ellipsis")
        if c != " " and not (c.isascii() and c.isalpha()):
            raise _einsum_error(f"invalid subscript given at index {start + i} in the equation "
                                "string, subscripts must be in [a-zA-Z]")
    return sum(1 for c in rest if c != " ")


def _check_subscripts(equation, arrays):
    """PyTorch's error for a subscript whose sizes differ between operands."""
    if "..." in equation:
        return
    seen = {}
    for k, (term, a) in enumerate(zip(equation.split("->")[0].split(","), arrays)):
        for c, n in zip(term.strip(), a.shape):
            if c in seen and n != seen[c] and n != 1 and seen[c] != 1:
                raise RuntimeError(f"einsum(): subscript {c} has size {n} for operand {k} "
                                   f"which does not broadcast with previously seen size "
                                   f"{seen[c]}")
            seen[c] = n if seen.get(c, 1) == 1 else seen[c]


def cross(input, other, dim=None, *, out=None):
    """The cross product of 3-vectors along `dim` (the first dim of size 3 when None)."""
    _tensors("cross", input, other)
    a, b = input._a, other._a
    if a.ndim != b.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    if dim is None:
        warn_once(_CROSS_WARNING)
        dim = next((d for d, n in enumerate(np.broadcast_shapes(a.shape, b.shape)) if n == 3),
                   -1)
    d = wrap_dim(dim, a.ndim)
    if a.shape[d] != 3 or b.shape[d] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got "
                           f"{a.shape[d]} and {b.shape[d]}")
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise broadcast_error([a.shape, b.shape]) from None
    if input.dtype is not other.dtype:
        raise RuntimeError(f"expected scalar type {D.SCALAR_NAME[input.dtype]} but found "
                           f"{D.SCALAR_NAME[other.dtype]}")
    a, b = np.broadcast_to(a, shape), np.broadcast_to(b, shape)
    r = _product(lambda p, q: np.cross(p, q, axis=d), a, b)
    return _out(np.ascontiguousarray(r), "LinalgCrossBackward0", (input, other), out,
                G.cross(d), G.pair(input, other))


def kron(input, other, *, out=None):
    """The Kronecker product."""
    _tensors("kron", input, other)
    dtype, a, b = _promoted(input, other)
    return _out(_product(np.kron, a, b), "UnsafeViewBackward0", (input, other), out,
                G.kron(a.shape, b.shape), G.pair(input, other))


def trace(input):
    """The sum of the diagonal of a matrix (integers summed as int64)."""
    a = input._a
    if a.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {a.ndim}")
    _kernel("trace", input.dtype)
    dtype = D.int64 if input.dtype._cat < 2 else input.dtype
    r = np.trace(a, dtype=np.float32 if a.dtype in _LOW else dtype.np).astype(dtype.np)
    return _result(r, "TraceBackward0", (input,), G.trace(*a.shape))


from . import linalg_decomp  # noqa: E402  (det, inverse, norm: they use the helpers above)

det, inverse, norm = linalg_decomp.det, linalg_decomp.inverse, linalg_decomp.norm

for _f in (matmul, mm, bmm, mv, dot, vdot, outer, ger, inner, einsum, tensordot, cross, kron,
           trace, det, inverse, norm):
    FUNCTIONS[_f.__name__] = _f
    if _f is not einsum and _f is not tensordot:
        setattr(Tensor, _f.__name__, _f)
Tensor.__matmul__ = _matmul_dunder
Tensor.__rmatmul__ = _rmatmul
