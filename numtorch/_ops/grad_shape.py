"""Derivatives of the shape and view ops (see `registry.record`).

Each factory takes what the op knows at its forward (shapes, dims) and returns the backward
`fn(grad)` it records. The gradient of a view that picks elements (narrow, select, diagonal,
unfold, real/imag, ...) is the incoming gradient placed where the view takes its elements;
that placement records the view op itself as its own backward, so double backward works.
"""
import numpy as np

from .._tensor import wrap
from .registry import FUNCTIONS, record

__all__ = ["reshaped", "permuted", "transposed", "t_backward", "identity", "conjugated",
           "part", "strided_backward", "joined", "stacked", "pieces", "unstacked", "repeated",
           "flipped", "rolled", "diagonal_of", "triangle"]


def reshaped(shape):
    """Backward of view/reshape/flatten/squeeze/unsqueeze of an input of `shape`."""
    return lambda g: g.reshape(shape)


def permuted(dims):
    """Backward of `permute(dims)`: the inverse permutation."""
    def backward(g):
        n = len(dims)
        return g.permute(tuple(np.argsort([d % n for d in dims]).tolist()) if n else ())
    return backward


def transposed(dim0, dim1):
    """Backward of `transpose(dim0, dim1)`."""
    return lambda g: g.transpose(dim0, dim1)


def t_backward(g):
    """Backward of `t`."""
    return g.t()


def identity(g):
    """Backward of an alias, and of `expand` (the engine sums a gradient broadcast from its
    input)."""
    return g


def conjugated(g):
    """Backward of `conj`."""
    return g.conj()


def part(forward, shape, dtype, name, overlap=False):
    """Backward of the view `forward(x)` of an `x` of `shape` and NumPy `dtype` (graph node
    `name`): zeros with the gradient placed where the view takes its elements (summed where
    the view repeats some, `overlap`). Its own backward is `forward`."""
    double = name[:-1] + "Backward0"

    def backward(g):
        out = np.zeros(shape, dtype)
        if overlap and g._a.size:
            index = forward(wrap(np.arange(out.size).reshape(shape)))._a
            np.add.at(out.reshape(-1), index, g._a)
        elif g._a.size:  # (NumPy may give an empty array strides the view refuses)
            forward(wrap(out))._a[...] = g._a
        return record(wrap(out), double, (g,), forward)
    return backward


def strided_backward(inside, outside, size):
    """Backward of `as_strided`: `inside` and `outside` are the geometries (shape, strides,
    offset, in elements) of the input and the result in a storage of `size` elements. The
    gradient sums per storage element, divided by how often the input itself takes it."""
    def positions(geometry):
        shape, strides, offset = geometry
        return np.lib.stride_tricks.as_strided(np.arange(size, dtype=np.int64)[offset:], shape,
                                               tuple(8 * s for s in strides))

    def backward(g):
        src, dst = positions(outside), positions(inside)
        count = np.bincount(dst.ravel(), minlength=size)
        count = np.maximum(count, 1) if count.max(initial=0) > 1 else None
        return _transfer(g, src, dst, size, count)
    return backward


def _transfer(g, src, dst, size, count):
    """`g` (at storage positions `src`) summed per position, divided by `count`, read at
    positions `dst`; its backward is the same the other way."""
    buf = np.zeros(size, g._a.dtype)
    np.add.at(buf, src.ravel(), g._a.ravel())
    if count is not None:
        buf /= count
    return record(wrap(buf[dst]), "AsStridedBackward0", (g,),
                  lambda gg: _transfer(gg, dst, src, size, count))


def _filled(grads, shapes):
    """The gradients of a multi-output node as a list, zeros where none came (None when
    none came at all)."""
    if len(shapes) == 1:
        grads = [grads]
    if all(g is None for g in grads):
        return None
    like = next(g for g in grads if g is not None)
    return [wrap(np.zeros(s, like._a.dtype)) if g is None else g
            for g, s in zip(grads, shapes)]


def joined(shapes, dim):
    """Backward of split/chunk (pieces of `shapes` along `dim`): the gradients joined."""
    def backward(grads):
        grads = _filled(grads, shapes)
        return None if grads is None else FUNCTIONS["cat"](grads, dim)
    return backward


def stacked(shapes, dim):
    """Backward of unbind (slices of `shapes` along `dim`): the gradients stacked."""
    def backward(grads):
        grads = _filled(grads, shapes)
        return None if grads is None else FUNCTIONS["stack"](grads, dim)
    return backward


def pieces(shapes, dim):
    """Backward of cat along `dim` of tensors of `shapes`: the gradient cut back (a
    skipped 1-d empty tensor gets an empty gradient)."""
    def backward(g):
        out, start = [], 0
        for shape in shapes:
            if shape == (0,) and g.dim() > 1:
                out.append(wrap(np.zeros(0, g._a.dtype)))
                continue
            out.append(g.narrow(dim, start, shape[dim]))
            start += shape[dim]
        return tuple(out)
    return backward


def unstacked(dim):
    """Backward of stack along `dim`."""
    return lambda g: g.unbind(dim)


def repeated(shape, sizes):
    """Backward of `repeat(sizes)` of an input of `shape`: the copies summed."""
    def backward(g):
        if not sizes:
            return g
        full = (1,) * (len(sizes) - len(shape)) + tuple(shape)
        split = [n for pair in zip(sizes, full) for n in pair]
        return g.reshape(split).sum(tuple(range(0, len(split), 2))).reshape(shape)
    return backward


def flipped(dims):
    """Backward of `flip(dims)`."""
    return lambda g: g.flip(dims)


def rolled(shifts, dims):
    """Backward of `roll(shifts, dims)`: the opposite roll."""
    back = tuple(-s for s in shifts)
    return lambda g: g.roll(back if dims else back[0], dims or None)


def diagonal_of(offset, dim1, dim2):
    """Backward of `diag_embed` (and `diag` of a vector): the diagonal taken back."""
    return lambda g: g.diagonal(offset, dim1, dim2)


def triangle(name, diagonal):
    """Backward of `tril`/`triu` (`name`)."""
    return lambda g: getattr(g, name)(diagonal)
