"""Order statistics: sort, argsort, msort, topk, median, nanmedian, mode and unique, with
PyTorch's NaN ordering (NaN sorts last, and counts as the largest), tie-breaking and result
layouts.

Ties come out as PyTorch's CPU kernels leave them: a stable sort for `stable=True`, the
median and 1-d integer sorts of 32768 elements or more (a radix sort); otherwise the order of
the libstdc++ algorithm the kernel calls (std::sort for sort and mode, std::nth_element or
std::partial_sort for topk), which is run as written where ties can show.

>>> import numtorch
>>> numtorch.tensor([3., float('nan'), 1., 3.]).sort(descending=True).indices.tolist()
[1, 0, 3, 2]
>>> numtorch.tensor([2, 1, 1, 3]).median(), numtorch.tensor([2, 1, 1, 2]).mode().indices
(tensor(1), tensor(2))
"""
import operator
import sys
import types

import numpy as np

from .. import _dtype as D
from .._argparse import arg_type_name
from .._convert import fresh, preserve_copy
from .._tensor import Tensor, wrap
from . import grad_reduction as G
from .grad_reduction import RESULT, SECOND
from .registry import FUNCTIONS
from .reduction import (ALL, I64, LIMITED, check_input, dim_int, emit, finish, key,
                        not_implemented, one_axis, pair, register, return_type)

__all__ = ["sort", "argsort", "msort", "topk", "median", "nanmedian", "mode", "unique"]

_UNSET = object()  # `stable` not passed
_sort_type = return_type("sort", ("values", "indices"))
_topk_type = return_type("topk", ("values", "indices"))
_TYPES = {name: return_type(name, ("values", "indices"))
          for name in ("median", "nanmedian", "mode")}


def reject(a, kernel):
    """PyTorch's error for a dtype kernel `kernel` has no version for."""
    dt = D.FROM_NP[a.dtype]
    if dt._cat == 3 or a.dtype in LIMITED or (dt is D.bool and kernel.startswith("median")):
        raise not_implemented(kernel, dt)


def _rows(a, ax, descending):
    """`a`'s keys as rows along `ax` and their stable order (NaN last, first when
    `descending`; ties in input order)."""
    k = np.moveaxis(key(a), ax, -1)
    n = k.shape[-1]
    rows = k.reshape(int(np.prod(k.shape[:-1])), n)
    if descending:
        order = np.subtract(n - 1, np.flip(np.argsort(np.flip(rows, -1), -1, "stable"), -1))
    else:
        order = np.argsort(rows, -1, "stable")
    return rows, order


def _ties(rows, order):
    """Where neighbours in each row's `order` are equal (NaN too)."""
    s = np.take_along_axis(rows, order, -1)
    same = s[:, 1:] == s[:, :-1]
    if s.dtype.kind == "f":
        same |= np.isnan(s[:, 1:]) & np.isnan(s[:, :-1])
    return same


def _ranks(order, same):
    """Dense ranks of rows in their `order` (`same`: their ties), each row's after the
    last's."""
    dense = np.zeros(order.shape, I64)
    np.cumsum(~same, -1, out=dense[:, 1:])
    if len(dense):
        top = dense[:, -1] + 1
        dense += (np.cumsum(top) - top)[:, None]
    r = np.empty_like(dense)
    np.put_along_axis(r, order, dense, -1)
    return r


def _sort_rows(keys, ranked=True):
    """The order std::sort leaves each row of `keys` in (see `std_sort`)."""
    m, n = keys.shape
    first = np.arange(m) * n
    v = np.tile(np.arange(n), m)
    std_sort(keys.reshape(-1).copy(), v, first, first + n, ranked)
    return v.reshape(m, n)


def _unrow(r, a, ax):
    """Rows `r` (from `_rows`) back along `ax` of `a`'s shape, a C-ordered array."""
    shape = list(a.shape)
    shape.append(shape.pop(ax))
    shape[-1] = r.shape[-1]
    return np.moveaxis(r.reshape(shape), -1, ax).copy()


def _laid_out_as(a, r):
    """`r` laid out as PyTorch's `empty_like(a)` (a's strides when dense)."""
    out = preserve_copy(a, r.dtype)
    if out.strides == r.strides:
        return r
    out[...] = r
    return out


def _sorted(name, input, dim, descending, stable):
    a = check_input(input, name)._a
    ax = one_axis(dim_int(dim, name), a.ndim)
    if a.dtype.kind == "c":
        raise RuntimeError(" Sort does not support complex dtypes on CPU")
    if not a.ndim:
        return a.copy(), np.zeros((), I64), ax
    radix = a.ndim == 1 and a.size >= 32768 and not descending and a.dtype.kind in "iu"
    if radix and a.dtype in LIMITED:
        raise not_implemented("parallel_sort1d_kernel", D.FROM_NP[a.dtype])
    rows, order = _rows(a, ax, descending)
    if rows.shape[1] > 16 and not (stable or radix or a.strides[ax] == 0):  # std::sort
        same = _ties(rows, order)  # (16 or fewer: an insertion sort; stride 0: left as is)
        redo = same.any(-1)
        order[redo] = _sort_rows(_ranks(order[redo], same[redo]))
    idx = _unrow(order, a, ax)
    return _laid_out_as(a, np.take_along_axis(a, idx, ax)), _laid_out_as(a, idx), ax


def sort(input, dim=-1, descending=False, *, stable=_UNSET, out=None):
    """`(values, indices)` sorted along `dim`, NaN last (first when descending); ties in
    input order with `stable=True`."""
    values, indices, ax = _sorted("sort", input, dim, descending,
                                  stable is not _UNSET and bool(stable))
    grad = "SortBackward0" if stable is _UNSET else "SortBackward1"  # the `stable` overload
    return pair(_sort_type, values, indices, grad, input, out,
                G.select_back(values.shape, ax, True), (SECOND,))


def argsort(input, dim=-1, descending=False, *, stable=False):
    """Indices that sort `input` along `dim` (as `sort(...).indices`)."""
    return wrap(_sorted("argsort", input, dim, descending, stable)[1])


def msort(input, *, out=None):
    """`input` sorted along its first dim."""
    values, indices, _ = _sorted("msort", input, 0, False, False)
    return emit(values, "SortBackward0", input, out,
                G.indices_back(wrap(indices), values.shape, 0))


def topk(input, k, dim=-1, largest=True, sorted=True, *, out=None):
    """The `k` largest (or smallest) elements along `dim` and their indices, NaN largest."""
    a = check_input(input, "topk")._a
    k = operator.index(k)  # (an int: the parser checked)
    ax = one_axis(dim_int(dim, "topk", 3), a.ndim)
    if a.dtype.kind == "c":
        raise RuntimeError(" topk does not support complex dtypes on CPU")
    if a.dtype.kind == "b":
        raise RuntimeError("topk does not support bool dtypes on CPU")
    if a.ndim:
        reject(a, "topk_cpu")
    if not 0 <= k <= (a.shape[ax] if a.ndim else 1):
        raise RuntimeError("selected index k out of range")
    if not a.ndim:
        values, idx = a.copy(), np.zeros((), I64)
    else:
        idx = _unrow(_top(*_rows(a, ax, largest), k, sorted), a, ax)
        values = np.take_along_axis(a, idx, ax)
    return pair(_topk_type, finish(values, a.dtype), finish(idx, I64), "TopkBackward0", input,
                out, G.select_back(a.shape, ax, True), (SECOND,))


def _top(rows, order, k, sorted):
    """The first `k` of each row as PyTorch's topk leaves them: std::partial_sort when
    `64 k <= n`, else std::nth_element, then std::sort of the `k - 1` before the k-th
    when `sorted`. Rows whose answer ties cannot change take the stable order."""
    n = rows.shape[1]
    partial = k * 64 <= n
    idx = order[:, :k].copy()
    same = _ties(rows, order)
    redo = same[:, :k].any(-1)
    if not (sorted or partial) and k > 1:
        redo[:] = True
    if not redo.any():
        return idx
    ranks = _ranks(order[redo], same[redo])
    if partial:
        for r, rank in zip(np.flatnonzero(redo), ranks):
            ks, vs = rank.tolist(), list(range(n))
            _partial_sort(ks, vs, 0, n, k)
            idx[r] = vs[:k]
        return idx
    first = np.arange(len(ranks)) * n
    keys, v = ranks.reshape(-1), np.tile(np.arange(n), len(ranks))
    nth_element(keys, v, first, first + n, first + k - 1)
    if sorted:
        std_sort(keys, v, first, first + k - 1)
    idx[redo] = v.reshape(-1, n)[:, :k]
    return idx


def _median(name, input, dim, keepdim, ignore_nan, out):
    a = check_input(input, name)._a
    if dim is ALL:
        if a.size:
            reject(a, "median_cpu")
        k = flat = key(a).reshape(-1)
        if k.dtype.kind == "f":
            nan = np.isnan(k)
            if ignore_nan:
                k = k[~nan]
            elif nan.any():
                k = np.full(1, np.nan, k.dtype)
        m = (k.size - 1) // 2
        r = np.partition(k, m)[m] if k.size else (
            np.nan if k.dtype.kind == "f" else np.iinfo(k.dtype).min)
        if r == 0 and k.dtype.kind == "f":  # which zero: the one std::nth_element leaves
            v, at = np.arange(flat.size), np.array([0, m, flat.size])
            nth_element(np.unique(flat, return_inverse=True)[1].reshape(-1), v, at[:1], at[2:],
                        at[1:2])
            r = flat[v[m]]
        grad = "NanmedianBackward0" if ignore_nan else "MedianBackward0"
        return emit(finish(r, a.dtype), grad, input, None, G.evenly_back, (input, RESULT))
    ax = one_axis(dim_int(dim, name, 2), a.ndim)
    if a.ndim and not a.shape[ax]:
        raise IndexError(f"median(): Expected reduction dim {ax} to have non-zero size.")
    reject(a, "median_out")
    values, idx = _median_dim(name, a, ax, keepdim, ignore_nan)
    grad = "NanmedianBackward1" if ignore_nan else "MedianBackward1"
    return pair(_TYPES[name], values, idx, grad, input, out,
                G.select_back(a.shape, ax, keepdim), (SECOND,))


def _median_dim(name, a, ax, keepdim, ignore_nan):
    if not a.ndim:
        return a.copy(), np.zeros((), I64)
    n = a.shape[ax]
    k = key(a)
    order = np.argsort(k, axis=ax, kind="stable")
    pos = np.full((1,) * a.ndim, (n - 1) // 2)
    if k.dtype.kind == "f":
        nans = np.count_nonzero(np.isnan(k), axis=ax, keepdims=True)
        pos = np.maximum((n - nans - 1) // 2, 0) if ignore_nan else np.where(nans, n - nans, pos)
    shape = list(a.shape)
    shape[ax] = 1
    idx = np.take_along_axis(order, np.broadcast_to(pos, shape), ax)
    if ignore_nan and n > 3 and k.dtype.kind == "f":  # all NaN: std::nth_element's pick
        v, ends = np.arange(n), np.array([0, n])  # of the first, among keys never compared
        nth_element(np.zeros(n, I64), v, ends[:1], ends[1:], ends[:1])
        idx = np.where(nans == n, v[0], idx)
    values = np.take_along_axis(a, idx, ax)
    if not keepdim:
        idx, values = idx.squeeze(ax), values.squeeze(ax)
    return finish(values, a.dtype), finish(idx, I64)


def median(input, dim=ALL, keepdim=False, *, out=None):
    """The lower median of all elements (NaN if any), or `(values, indices)` along `dim`."""
    return _median("median", input, dim, keepdim, False, out)


def nanmedian(input, dim=ALL, keepdim=False, *, out=None):
    """`median` ignoring NaN (NaN where every element is NaN)."""
    return _median("nanmedian", input, dim, keepdim, True, out)


def mode(input, dim=-1, keepdim=False, *, out=None):
    """The most frequent value along `dim` and its index: the first longest run, and its
    last element, in the order std::sort leaves the values (compared with `<`, so each NaN
    is a run of its own and unordered: a row with NaN is sorted as written)."""
    a = check_input(input, "mode")._a
    ax = one_axis(dim_int(dim, "mode", 2), a.ndim)
    if not a.ndim:
        values, idx = a.copy(), np.zeros((), I64)
    elif not a.shape[ax]:
        raise IndexError(f"mode(): Expected reduction dim {ax} to have non-zero size.")
    else:
        reject(a, "mode_cpu")
        rows, order = _rows(a, ax, False)
        same = _ties(rows, order)
        n = rows.shape[1]
        nan = np.isnan(rows).any(-1) if rows.dtype.kind == "f" else np.zeros(len(rows), bool)
        redo = same.any(-1) & (n > 16) & ~nan
        order[redo] = _sort_rows(_ranks(order[redo], same[redo]))
        order[nan] = _sort_rows(rows[nan], False)
        s = np.take_along_axis(rows, order, -1)
        pos = np.arange(n)
        starts = np.ones(s.shape, bool)
        starts[:, 1:] = s[:, 1:] != s[:, :-1]
        run = pos - np.maximum.accumulate(np.where(starts, pos, 0), axis=-1)
        last = np.argmax(run, axis=-1)[:, None]  # end of the first longest run
        idx = _unrow(np.take_along_axis(order, last, -1), a, ax)
        values = np.take_along_axis(a, idx, ax)
        if not keepdim:
            idx, values = idx.squeeze(ax), values.squeeze(ax)
    return pair(_TYPES["mode"], finish(values, a.dtype), finish(idx, I64), "ModeBackward0",
                input, out, G.select_back(a.shape, ax, keepdim), (SECOND,))


def _unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct values (sorted; NaNs each distinct), optionally the inverse indices and
    the counts; with `dim`, the distinct slices along it."""
    a = check_input(input, "unique")._a
    for name, flag in (("sorted", sorted), ("return_inverse", return_inverse),
                       ("return_counts", return_counts)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{'_unique2' if dim is None else 'unique_dim'}(): argument "
                            f"'{name}' must be bool, not {arg_type_name(flag)}")
    if dim is None:
        if a.dtype.kind == "c":
            raise not_implemented("unique", D.FROM_NP[a.dtype])
        values, inverse, counts = np.unique(key(a).reshape(-1), return_inverse=True,
                                            return_counts=True, equal_nan=False)
        inverse = inverse.reshape(a.shape)
        grad, op = "Unique2Backward0", "_unique2"
    else:
        ax = one_axis(dim_int(dim, "unique_dim", 2), a.ndim)
        if a.dtype.kind == "c":
            raise not_implemented("unique_dim", D.FROM_NP[a.dtype])
        if any(not n for i, n in enumerate(a.shape) if i != ax):
            raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so "
                               "unique cannot be applied")
        if not a.size:
            values, inverse, counts = a, np.zeros(0, I64), np.zeros(0, I64)
        else:
            values, inverse, counts = np.unique(key(a), return_inverse=True,
                                                return_counts=True, axis=ax, equal_nan=False)
        inverse = inverse.reshape(-1)
        grad, op = "UniqueDimBackward0", "unique_dim"
    out = [emit(fresh(values.astype(a.dtype, copy=False)), grad, input, None,
                G.not_implemented(op))]
    if return_inverse:
        out.append(wrap(finish(inverse, I64)))
    if return_counts:
        out.append(wrap(finish(counts, I64)))
    return out[0] if len(out) == 1 else tuple(out)


# ---- libstdc++'s sorting algorithms ------------------------------------------------------
# PyTorch's CPU kernels call std::sort, std::nth_element and std::partial_sort (GCC 13), which
# leave equal keys in an order of their own; they run here as written, on keys `k` compared
# with `<` only (ranks in the kernel's order), carrying the input positions `v`. Many ranges
# [first, last) of the flat arrays `k` and `v` (one for each row) partition at once; heap
# sorts, which only an adversarial order reaches, run on Python lists.
def _lg(n):
    return np.frexp(n)[1] - 1  # floor(log2(n)), exactly


def _swap(k, v, i, j):
    k[i], k[j] = k[j], k[i]
    v[i], v[j] = v[j], v[i]


def _on_lists(fn, k, v, first, last, *args):
    """`fn(ks, vs, 0, n, *args)` on lists holding `k[first:last]`, `v[first:last]`."""
    ks, vs = k[first:last].tolist(), v[first:last].tolist()
    fn(ks, vs, 0, last - first, *args)
    k[first:last], v[first:last] = ks, vs


def _adjust_heap(k, v, first, hole, n, key, val):
    """std::__adjust_heap: the hole at `hole` sifts down to a leaf, then `key` up from it."""
    top = child = hole
    while child < (n - 1) // 2:
        child = 2 * child + 2
        if k[first + child] < k[first + child - 1]:
            child -= 1
        k[first + hole], v[first + hole] = k[first + child], v[first + child]
        hole = child
    if not n & 1 and child == (n - 2) // 2:
        child = 2 * child + 2
        k[first + hole], v[first + hole] = k[first + child - 1], v[first + child - 1]
        hole = child - 1
    parent = (hole - 1) // 2
    while hole > top and k[first + parent] < key:
        k[first + hole], v[first + hole] = k[first + parent], v[first + parent]
        hole, parent = parent, (parent - 1) // 2
    k[first + hole], v[first + hole] = key, val


def _pop_heap(k, v, first, n, result):
    """std::__pop_heap: the top to `result`, whose item then goes into the heap."""
    key, val = k[result], v[result]
    k[result], v[result] = k[first], v[first]
    _adjust_heap(k, v, first, 0, n, key, val)


def _heap_select(k, v, first, last, middle):
    """std::__heap_select: a max-heap of the `middle - first` least keys in front."""
    n = middle - first
    for parent in range((n - 2) // 2, -1, -1):  # std::__make_heap
        _adjust_heap(k, v, first, parent, n, k[first + parent], v[first + parent])
    for i in range(middle, last):
        if k[i] < k[first]:
            _pop_heap(k, v, first, n, i)


def _partial_sort(k, v, first, last, middle):
    """std::__partial_sort: a heap select, then std::__sort_heap."""
    _heap_select(k, v, first, last, middle)
    for end in range(middle - 1, first, -1):
        _pop_heap(k, v, first, end - first, end)


def _heap_nth(k, v, first, last, nth):
    """std::__introselect past its depth limit."""
    _heap_select(k, v, first, last, nth + 1)
    k[first], k[nth], v[first], v[nth] = k[nth], k[first], v[nth], v[first]


def _insertion_sort(k, v, first, last):
    """std::__final_insertion_sort: std::__insertion_sort of the first 16, then unguarded
    (no check for the range's start) linear inserts."""
    for i in range(first + 1, last):
        key, val = k[i], v[i]
        if i < first + 16 and key < k[first]:
            k[first + 1:i + 1], v[first + 1:i + 1] = k[first:i], v[first:i]
            k[first], v[first] = key, val
            continue
        j = i - 1  # std::__unguarded_linear_insert
        while key < k[j]:
            k[j + 1], v[j + 1] = k[j], v[j]
            j -= 1
        k[j + 1], v[j + 1] = key, val


def _spans(starts, counts):
    """Positions `starts[i]`, `starts[i] + 1`, ... (`counts[i]` of them) for each i, and
    where each i's run begins among them."""
    offsets = np.cumsum(counts) - counts
    return np.arange(counts.sum()) + np.repeat(starts - offsets, counts), offsets


def _stable_within(k, v, first, last):
    """A stable sort of each range: what an insertion sort does to ordered keys."""
    pos, _ = _spans(first, last - first)
    p = pos[np.lexsort((k[pos], np.repeat(np.arange(first.size), last - first)))]
    k[pos], v[pos] = k[p], v[p]


def _partition(k, v, first, last):
    """std::__unguarded_partition_pivot on each range (longer than 3): the median of three
    to the front as the pivot, then Hoare's scans over the rest. The forward scan stops at
    each key not below the pivot, the backward one at each key not above it; their t-th
    stops swap while they have not crossed. Swapped items stop the scans too, so the cut is
    the earlier of the next forward stop and the last backward one swapped."""
    a, m, c = first + 1, first + (last - first) // 2, last - 1
    ka, km, kc = k[a], k[m], k[c]
    _swap(k, v, first, np.where(ka < km, np.where(km < kc, m, np.where(ka < kc, c, a)),
                                np.where(ka < kc, a, np.where(km < kc, c, m))))
    pos, offsets = _spans(first + 1, last - first - 1)
    kp, p = k[pos], np.repeat(k[first], last - first - 1)
    fwd, back = ~(kp < p), ~(p < kp)
    nf, nb = (np.add.reduceat(s, offsets, dtype=np.intp) for s in (fwd, back))
    f, b = pos[fwd], pos[back]
    of, ob = np.cumsum(nf) - nf, np.cumsum(nb)  # where each range's stops begin, end
    pairs = np.minimum(nf, nb)
    t, start = _spans(of, pairs)  # the t-th forward stop and the t-th from the end
    i, j = f[t], b[np.repeat(ob - 1 + of, pairs) - t]
    crossed = i < j  # on a prefix of each range's pairs
    swaps = np.zeros(first.size, np.intp)
    some = pairs > 0
    swaps[some] = np.add.reduceat(crossed, start[some], dtype=np.intp)
    _swap(k, v, i[crossed], j[crossed])
    cut = last.copy()
    more = swaps < nf
    cut[more] = f[(of + swaps)[more]]
    done = swaps > 0
    cut[done] = np.minimum(cut[done], b[(ob - swaps)[done]])
    return cut


def std_sort(k, v, first, last, ranked=True):
    """std::sort of each range [first, last) (in place; ranges in order). Its final insertion
    sort cannot move an item past a cut, so for ordered keys it is a stable sort of what
    partitioning left; and with `ranked` keys (dense ranks, distinct across ranges) a range
    whose keys are distinct ends the same however it partitions, so stays as it is. Keys not
    `ranked` may be unordered (NaN): their final insertion sort runs as written."""
    dup = np.cumsum(np.bincount(k) > 1) if ranked else None
    f, l, d = first, last, 2 * _lg(last - first)
    while True:
        keep = l - f > 16
        if ranked and keep.any():
            keep[keep] = ~_distinct(k, f[keep], l[keep], dup)
        f, l, d = f[keep], l[keep], d[keep]
        spent = d == 0  # heap sort
        for i, j in zip(f[spent].tolist(), l[spent].tolist()):
            _on_lists(_partial_sort, k, v, i, j, j - i)
        f, l, d = f[~spent], l[~spent], d[~spent] - 1
        if not f.size:
            break
        cut = _partition(k, v, f, l)
        f, l, d = (np.stack(x, 1).reshape(-1) for x in ((f, cut), (cut, l), (d, d)))
    if ranked:
        return _stable_within(k, v, first, last)
    for i, j in zip(first.tolist(), last.tolist()):
        _on_lists(_insertion_sort, k, v, i, j)


def _distinct(k, first, last, dup):
    """Which ranges (in order) hold distinct ranks: those spanning as many ranks as items,
    none strictly inside repeating (`dup`: how many ranks up to each repeat). Every item of
    a rank strictly inside is in the range, as partitioning keeps lesser ranges first."""
    bounds = np.stack((first, last), 1).reshape(-1)
    if bounds[-1] == k.size:
        bounds = bounds[:-1]
    lo, hi = np.minimum.reduceat(k, bounds)[::2], np.maximum.reduceat(k, bounds)[::2]
    return (hi - lo + 1 == last - first) & (dup[hi - 1] == dup[lo])


def nth_element(k, v, first, last, nth):
    """std::nth_element of each range [first, last) for its place `nth` (in place)."""
    first, last, depth = first.copy(), last.copy(), 2 * _lg(last - first)
    while True:
        live = np.flatnonzero(last - first > 3)
        if not live.size:
            break
        for r in live[depth[live] == 0].tolist():
            _on_lists(_heap_nth, k, v, first[r], last[r], nth[r] - first[r])
            last[r] = first[r]
        live = live[depth[live] > 0]
        if not live.size:
            continue
        cut = _partition(k, v, first[live], last[live])
        depth[live] -= 1
        right = cut <= nth[live]
        first[live] = np.where(right, cut, first[live])
        last[live] = np.where(right, last[live], cut)
    _stable_within(k, v, first, last)


def _named(fn, name):
    """`fn` under the name Python's argument errors print."""
    g = types.FunctionType(fn.__code__, fn.__globals__, name, fn.__defaults__)
    g.__qualname__, g.__doc__ = name, fn.__doc__
    return g


# torch.unique is a Python function that passes its arguments on to one of four, by
# `return_inverse` and `return_counts`; Tensor.unique, a Python method, calls it
_UNIQUE = {(False, False): _named(_unique, "_return_output"),
           (False, True): _named(_unique, "_return_counts"),
           (True, False): _named(_unique, "_return_inverse"),
           (True, True): _named(_unique, "_return_inverse_and_counts")}


def unique(*args, **kwargs):
    inverse, counts = (kwargs[k] if k in kwargs else args[i] if i < len(args) else False
                       for i, k in ((2, "return_inverse"), (3, "return_counts")))
    return _UNIQUE[bool(inverse), bool(counts)](*args, **kwargs)


def _unique_method(self, sorted=True, return_inverse=False, return_counts=False, dim=None):
    return unique(self, sorted=sorted, return_inverse=return_inverse,
                  return_counts=return_counts, dim=dim)


unique.__doc__ = _unique_method.__doc__ = _unique.__doc__
_unique_method.__name__, _unique_method.__qualname__ = "unique", "Tensor.unique"
register(sys.modules[__name__], __all__[:-1])
FUNCTIONS["unique"], Tensor.unique = unique, _unique_method
