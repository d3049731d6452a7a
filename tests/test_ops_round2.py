"""Second round of op fixes against PyTorch: views taken in no_grad mode, the `(None, 0)`
edge of a number operand, `range`/tuple/`numpy.bool_`/several-ellipsis indices, indexed
writes into dtypes without PyTorch's kernels, and `view(dtype)` not being a view."""
import numpy as np
import pytest
import torch

import numtorch
from diff import same


def leaf(m, n=4):
    return m.arange(1.0, n + 1, requires_grad=True)


def edges(t):
    """`t.grad_fn`'s name and its edges as (node name or None, input nr)."""
    return t.grad_fn.name(), [(f.name() if f is not None else None, i)
                              for f, i in t.grad_fn.next_functions]


# ---- views taken in no_grad mode ------------------------------------------------------------
NO_GRAD_VIEWS = {
    "getitem_slice": lambda m, x: x[:2],
    "getitem_int": lambda m, x: x[0],
    "getitem_none_ellipsis": lambda m, x: x[None, ...],
    "getitem_advanced": lambda m, x: x[[0, 1]],  # a copy: no grad
    "view": lambda m, x: x.view(2, 2),
    "reshape": lambda m, x: x.reshape(2, 2),
    "t": lambda m, x: x.view(2, 2).t(),
    "expand": lambda m, x: x.expand(2, 4),
    "narrow": lambda m, x: x.narrow(0, 1, 2),
    "select": lambda m, x: x.select(0, 1),
    "diagonal": lambda m, x: x.view(2, 2).diagonal(),
    "unsqueeze": lambda m, x: x.unsqueeze(0),
    "unfold": lambda m, x: x.unfold(0, 2, 1),
    "as_strided": lambda m, x: x.as_strided((2,), (2,)),
    "unbind": lambda m, x: x.view(2, 2).unbind()[1],
    "split": lambda m, x: x.split(3)[1],
    "chunk": lambda m, x: x.chunk(2)[0],
    "tensor_split": lambda m, x: x.tensor_split(2)[1],
    "non_leaf": lambda m, x: (x * 2)[1:],
    "detach": lambda m, x: x.detach(),
    "view_dtype": lambda m, x: x.view(m.int32),
    "int_tensor": lambda m, x: m.arange(4)[1:],
}


@pytest.mark.parametrize("name", sorted(NO_GRAD_VIEWS))
def test_view_taken_in_no_grad_mode(name):
    def run(m):
        x = leaf(m)
        y = x * 1
        with m.no_grad():
            v = NO_GRAD_VIEWS[name](m, x)
            w = y[1:]
        return v, repr(v), v.is_leaf, v.grad_fn, v._is_view(), w.requires_grad
    same(run)


def test_backward_through_no_grad_views():
    def run(m):
        x = leaf(m)
        with m.no_grad():
            v, parts, u = x[:2], x.split(2), x.view(2, 2).unbind()
        (v * 2).sum().backward()
        (parts[1] * 3).sum().backward()
        (u[0] * 4).sum().backward()
        later = v[:1]  # a view of it taken in grad mode
        return x.grad, v.grad, later, later.grad_fn.name(), edges(later)[1]
    same(run)


def test_no_grad_view_modified_in_place_in_grad_mode():
    def run(m):
        x = leaf(m)
        with m.no_grad():
            v = x[:2]
        v.mul_(2)
    same(run)


@pytest.mark.parametrize("op, args", [("unsqueeze_", (0,)), ("t_", ()), ("squeeze_", ()),
                                      ("transpose_", (0, 1)), ("swapdims_", (0, 1))])
@pytest.mark.parametrize("non_leaf", [False, True])
def test_metadata_inplace_in_no_grad_mode(op, args, non_leaf):
    def run(m):
        x = m.ones(2, 2, requires_grad=True)
        y = x * 1 if non_leaf else x
        with m.no_grad():
            r = getattr(y, op)(*args)
        return r is y, y, y.is_leaf, y.grad_fn and y.grad_fn.name(), y._is_view()
    same(run)


def test_no_grad_view_retains_grad():
    def run(m):
        with m.no_grad():
            v = leaf(m)[:2]
        v.retain_grad()
        return v.requires_grad, v.retains_grad
    same(run)


# ---- the (None, 0) edge of a number operand -------------------------------------------------
EDGE_CASES = {
    "x*2": lambda m, x: x * 2, "2*x": lambda m, x: 2 * x, "x+2": lambda m, x: x + 2,
    "2+x": lambda m, x: 2 + x, "x-2": lambda m, x: x - 2, "2-x": lambda m, x: 2 - x,
    "x/2": lambda m, x: x / 2, "2/x": lambda m, x: 2 / x, "x*2.5": lambda m, x: x * 2.5,
    "x*True": lambda m, x: x * True, "x+2j": lambda m, x: x + 2j,
    "x*np.float64": lambda m, x: x * np.float64(2), "x_f64*2": lambda m, x: x.double() * 2,
    "x_f16*2": lambda m, x: x.half() * 2, "x_f16/3": lambda m, x: x.half() / 3,
    "3.3*x_f16": lambda m, x: 3.3 * x.half(), "2.7+x_bf16": lambda m, x: 2.7 + x.bfloat16(),
    "mul(x,2)": lambda m, x: m.mul(x, 2), "mul(2,x)": lambda m, x: m.mul(2, x),
    "add(x,2,alpha)": lambda m, x: m.add(x, 2, alpha=3), "add(2,x)": lambda m, x: m.add(2, x),
    "sub(x,2)": lambda m, x: m.sub(x, 2), "sub(2,x)": lambda m, x: m.sub(2, x),
    "subtract": lambda m, x: m.subtract(x, 2), "multiply": lambda m, x: m.multiply(x, 2),
    "div(x,2)": lambda m, x: m.div(x, 2), "div(2,x)": lambda m, x: m.div(2, x),
    "divide": lambda m, x: m.divide(x, 2), "true_divide": lambda m, x: m.true_divide(x, 2),
    "div_floor": lambda m, x: m.div(x, 2, rounding_mode="floor"),
    "div_trunc": lambda m, x: x.div(2, rounding_mode="trunc"),
    "where_x_number": lambda m, x: m.where(x > 2, x, 0.0),
    "where_number_x": lambda m, x: m.where(x > 2, 1.0, x),
    "where_method": lambda m, x: x.where(x > 2, 0.0),
    "where_detached": lambda m, x: m.where(x > 2, x, x.detach()),
    "add_": lambda m, x: (x * 1).add_(2), "sub_": lambda m, x: (x * 1).sub_(2),
    "mul_": lambda m, x: (x * 1).mul_(2), "div_": lambda m, x: (x * 1).div_(2),
    "imul": lambda m, x: (x * 1).__imul__(2),
    # one edge in PyTorch
    "x**2": lambda m, x: x ** 2, "2**x": lambda m, x: 2 ** x, "x%2": lambda m, x: x % 2,
    "x//2": lambda m, x: x // 2, "rsub": lambda m, x: m.rsub(x, 2),
    "remainder": lambda m, x: m.remainder(x, 2), "fmod": lambda m, x: m.fmod(x, 2),
    "copysign": lambda m, x: m.copysign(x, 2), "xlogy": lambda m, x: m.xlogy(x, 2),
    "clamp": lambda m, x: m.clamp(x, 0, 1), "x*y": lambda m, x: x * x,
    "x+0d": lambda m, x: x + m.tensor(2.0),
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_next_functions_keep_number_operands(name):
    def run(m):
        x = leaf(m)
        y = EDGE_CASES[name](m, x)
        if y.grad_fn.name() == "torch::autograd::NotImplemented":
            return edges(y)
        g, = m.autograd.grad(y.real.sum() if y.is_complex() else y.sum(), x, create_graph=True)
        return y, edges(y), g, m.autograd.grad(g.sum(), x, allow_unused=True)
    same(run)


def test_backward_with_number_edges_is_as_before():
    def run(m):
        x = m.tensor([[1.0, -2.0], [3.0, 0.5]], dtype=m.float64, requires_grad=True)
        y = (2 * x + 1) / 3 - x * 0.5 + m.where(x > 0, x, 0.0) + 2 / x
        y.sum().backward()
        return y, x.grad, m.autograd.gradcheck(lambda t: (2 - t) * 3 + t / 2, (x,))
    same(run)


# ---- indices --------------------------------------------------------------------------------
def _x(m):
    return m.arange(20).reshape(5, 4)


def _x3(m):
    return m.arange(24).reshape(2, 3, 4)


GET = {
    "range": lambda m: _x(m)[range(2)],
    "range_step": lambda m: _x(m)[range(0, 5, 2)],
    "range_negative": lambda m: _x(m)[range(-2, 0)],
    "range_empty": lambda m: _x(m)[range(0)],
    "range_with_list": lambda m: _x(m)[range(3), [0, 1, 2]],
    "slice_range": lambda m: _x(m)[:, range(2)],
    "range_out_of_bounds": lambda m: _x(m)[range(6)],
    "range_in_list": lambda m: _x(m)[[range(2)]],
    "tuple_in_tuple": lambda m: _x(m)[(0, 2),],
    "two_tuples": lambda m: _x(m)[(0, 2), (1, 1)],
    "nested_tuple": lambda m: _x(m)[((0, 1), (2, 3)),],
    "empty_tuple_in_tuple": lambda m: _x(m)[(),],
    "bool_tuple_in_tuple": lambda m: _x(m)[(True, False, True, False, True),],
    "np_bool_true": lambda m: _x(m)[np.bool_(True)],
    "np_bool_false": lambda m: _x(m)[np.bool_(False)],
    "np_bool_in_tuple": lambda m: _x(m)[np.bool_(True), 0],
    "np_bool_list": lambda m: _x(m)[[np.bool_(True), np.bool_(False)]],
    "np_float": lambda m: _x(m)[np.float64(1)],
    "float": lambda m: _x(m)[1.0],
    "np_int": lambda m: _x(m)[np.int64(1)],
    "ellipsis_idx_ellipsis": lambda m: _x(m)[..., m.tensor([0, 1]), ...],
    "ellipsis_idx_ellipsis_3d": lambda m: _x3(m)[..., m.tensor([0, 1]), ...],
    "idx_ellipsis_ellipsis": lambda m: _x3(m)[m.tensor([0, 1]), ..., ...],
    "ellipsis_ellipsis_idx": lambda m: _x3(m)[..., ..., m.tensor([0, 1])],
    "ellipsis_idx_ellipsis_idx": lambda m: _x3(m)[..., m.tensor([0, 1]), ..., m.tensor([0, 1])],
    "ellipsis_int_ellipsis_idx": lambda m: _x3(m)[..., 0, ..., m.tensor([0, 1])],
    "idx_ellipsis_idx_ellipsis": lambda m: _x3(m)[m.tensor([0, 1]), ..., m.tensor([0, 1]), ...],
    "int_ellipsis_idx_ellipsis": lambda m: _x3(m)[0, ..., m.tensor([0, 1]), ...],
    "true_ellipsis_idx_ellipsis": lambda m: _x3(m)[True, ..., m.tensor([0, 1]), ...],
    "none_ellipsis_idx_ellipsis": lambda m: _x3(m)[None, ..., m.tensor([0, 1]), ...],
    "ellipsis_idx_ellipsis_none": lambda m: _x3(m)[..., m.tensor([0, 1]), ..., None],
    "ellipsis_idx_ellipsis_slice": lambda m: _x3(m)[..., m.tensor([0, 1]), ..., :],
    "three_ellipses_idx": lambda m: _x3(m)[..., ..., ..., m.tensor([0, 1])],
    "ellipsis_mask_ellipsis": lambda m: _x3(m)[..., m.tensor([True, False, True]), ...],
    "mask_ellipsis_ellipsis": lambda m: _x3(m)[m.ones(2, 3, dtype=m.bool), ..., ...],
    "ellipsis_list_ellipsis": lambda m: _x3(m)[..., [0, 2], ...],
    "ellipsis_list_ellipsis_int": lambda m: _x3(m)[..., [0, 2], ..., 1],
    "basic_ellipsis_int_ellipsis": lambda m: _x3(m)[..., 0, ...],
    "basic_ellipsis_none_ellipsis": lambda m: _x3(m)[..., None, ...],
    "basic_ellipsis_slice_ellipsis": lambda m: _x3(m)[..., 1:, ...],
    "basic_two_ints_three_ellipses": lambda m: _x3(m)[..., 0, ..., 0],
    "basic_all_named": lambda m: _x3(m)[..., 0, ..., 1, ..., 2, ...],
}


@pytest.mark.parametrize("name", sorted(GET))
def test_getitem(name):
    same(lambda m: (lambda r: (r, r._is_view()))(GET[name](m)))


def test_getitem_grad_with_several_ellipses():
    def run(m):
        x = m.arange(24.0, requires_grad=True)
        y = x.view(2, 3, 4)[..., m.tensor([0, 2]), ...]
        z = x.view(2, 3, 4)[..., 1, ...]
        (y.sum() + z.sum()).backward()
        return y, z, y.grad_fn.name(), z.grad_fn.name(), x.grad
    same(run)


SET = {
    "range": lambda m, y: y.__setitem__(range(2), 1),
    "range_pair": lambda m, y: y.__setitem__((range(2), [1, 3]), 7),
    "tuple_in_tuple": lambda m, y: y.__setitem__(((0, 2),), m.tensor([5, 6, 7, 8])),
    "np_bool": lambda m, y: y.__setitem__(np.bool_(True), 1),
    "ellipsis_idx_ellipsis": lambda m, y: y.__setitem__((..., m.tensor([0, 1]), ...), 9),
    "ellipsis_idx_ellipsis_idx": lambda m, y: y.__setitem__(
        (..., m.tensor([0, 1]), ..., m.tensor([0])), 9),
    "python_true": lambda m, y: y.__setitem__(True, 3),
    "python_true_tensor": lambda m, y: y.__setitem__(True, m.tensor([1, 2, 3, 4])),
}


@pytest.mark.parametrize("name", sorted(SET))
def test_setitem(name):
    def run(m):
        y = m.zeros(3, 4, dtype=m.int64)
        SET[name](m, y)
        return y, y._version
    same(run)


def test_setitem_python_true_records_as_torch():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        out = []
        for v in (2.0, m.tensor([3.0, 4.0]), m.tensor(5.0, dtype=m.float64)):
            z = x * 1
            z[True] = v
            out += [z, z.grad_fn.name(), z._version]
        z = x * 1
        z[True] = m.tensor([3.0, 4.0])
        z.sum().backward()
        return out, x.grad
    same(run)


# ---- indexed writes into dtypes PyTorch has no kernel for -----------------------------------
NO_KERNEL_DTYPES = ["uint16", "uint32", "uint64", "float8_e4m3fn", "float8_e5m2",
                    "float8_e4m3fnuz", "float8_e5m2fnuz", "float8_e8m0fnu"]
WRITES = {
    "mask_number": lambda m, z, k: z.__setitem__(k, 1),
    "mask_0d": lambda m, z, k: z.__setitem__(k, m.ones((), dtype=z.dtype)),
    "mask_vector": lambda m, z, k: z.__setitem__(k, m.ones(2).to(z.dtype)),
    "list_number": lambda m, z, k: z.__setitem__([0, 1], 1),
    "list_vector": lambda m, z, k: z.__setitem__([0, 1], m.ones(2).to(z.dtype)),
    "tensor_index": lambda m, z, k: z.__setitem__(m.tensor([0, 1]), 1),
    "python_true": lambda m, z, k: z.__setitem__(True, 1),
    "python_true_tuple": lambda m, z, k: z.__setitem__((True,), 1),
    "true_int": lambda m, z, k: z.__setitem__((True, 0), 1),
    "slice": lambda m, z, k: z.__setitem__(slice(0, 2), 1),
    "int": lambda m, z, k: z.__setitem__(0, 1),
    "index_put_": lambda m, z, k: z.index_put_((m.tensor([0, 1]),), m.ones(2).to(z.dtype)),
    "index_put_accumulate": lambda m, z, k: z.index_put_((m.tensor([0, 1]),),
                                                         m.ones(2).to(z.dtype), accumulate=True),
    "masked_fill_": lambda m, z, k: z.masked_fill_(k, 1),
    "masked_fill": lambda m, z, k: z.masked_fill(k, 1),
    "masked_fill_2d": lambda m, z, k: z.view(2, 2).masked_fill_(m.ones(2, 2, dtype=m.bool), 1),
    "get_mask": lambda m, z, k: z[k],
    "get_list": lambda m, z, k: z[[0, 1]],
}


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("dtype", NO_KERNEL_DTYPES)
def test_indexed_write_without_kernel(dtype, write):
    def run(m):
        dt = getattr(m, dtype)
        z = m.tensor([0.5, 1.0, 2.0, 4.0]).to(dt)
        k = m.tensor([True, False, True, False])
        r = WRITES[write](m, z, k)
        return [t.float() if t.dtype.is_floating_point else t for t in (z, r) if t is not None]
    same(run)


# ---- view(dtype) ----------------------------------------------------------------------------
def test_view_dtype_is_not_a_view():
    def run(m):
        y = m.tensor([1.0, 2.0, 3.0, 4.0])
        w, h, u = y.view(m.int32), y.view(m.float16), y.view(m.float32)
        z = y[1:].view(m.int32)
        w[0] = 5
        first = [y, y._version, w._version]
        y.add_(1)
        x = m.tensor([1.0, 2.0], requires_grad=True)
        v, nv = x.view(m.int32), (x * 1).view(m.float32)
        return (first, w, w._version, h, z, z._version,
                [(t._base is None, t._is_view(), t.requires_grad, t.is_contiguous())
                 for t in (w, h, u, z, v, nv)])
    same(run)


def test_several_ellipses_with_0d_tensors():
    def run(m):
        x = _x3(m)
        return (x[..., m.tensor(1), ..., m.tensor([0, 1])], x[..., m.tensor(True), ..., 0],
                x[m.tensor(1, dtype=m.uint8), ..., m.tensor([0, 1]), ...])
    same(run)


@pytest.mark.parametrize("op", ["add", "sub", "rsub"])
@pytest.mark.parametrize("alpha", [-0.001, 0.3, 7])
def test_float32_alpha_rounds_once_as_pytorch(op, alpha):
    rng = np.random.default_rng(1)
    a, b = (rng.standard_normal(2000).astype(np.float32) for _ in range(2))
    want = getattr(torch, op)(torch.from_numpy(a), torch.from_numpy(b), alpha=alpha).numpy()
    got = getattr(numtorch, op)(numtorch.from_numpy(a), numtorch.from_numpy(b), alpha=alpha)
    np.testing.assert_array_equal(got.numpy(), want)
