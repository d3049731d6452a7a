"""The behavioural differences of the ops audit (section A), each checked against PyTorch:
values, dtype, shape, strides, exceptions and warnings (`tests/diff.same`)."""
import numpy as np
import pytest
import torch

import numtorch

from diff import same


def _exec(code):
    """`code` (statements leaving `out`) as a function of the library."""
    def run(m):
        scope = {"torch": m, "np": np}
        exec(code, scope)
        return scope.get("out")
    return run


CASES = {
    # A1: float16 with a complex value never drops the imaginary part
    "half_eq_complex": "out = torch.tensor([1., 2.], dtype=torch.float16) == torch.tensor(1+1j)",
    "half_ne_complex": "out = torch.tensor([1., 2.], dtype=torch.float16) != 1j",
    "half_eq_method": "out = torch.tensor([1., 0.], dtype=torch.float16).eq(1+0j)",
    "half_add_complex_inplace": "x = torch.ones(2, dtype=torch.float16)\nx.add_(1j)",
    "bf16_mul_complex": "out = torch.tensor([1.5], dtype=torch.bfloat16) * 1j",
    # A2: where with a number the result dtype cannot hold
    "where_int8_overflow":
        "out = torch.where(torch.tensor([True, False]), torch.tensor([1, 2], dtype=torch.int8), 300)",
    "where_overflow_first":
        "out = torch.where(torch.tensor([True, False]), -129, torch.tensor([1, 2], dtype=torch.int8))",
    "where_uint8_wraps":
        "out = torch.where(torch.tensor([True, False]), torch.tensor([1, 2], dtype=torch.uint8), -1)",
    "where_half_inf":
        "out = torch.where(torch.tensor([True, False]), torch.ones(2, dtype=torch.float16), 1e6)",
    # A3: internal and partial overlap of in-place writes
    "overlap_transpose": "x = torch.tensor([[3, -1], [0, 5]])\nx += x.T",
    "overlap_expand": "x = torch.tensor([[3, -1], [0, 5]])\nx.expand(2, 2, 2).add_(1)",
    "overlap_shifted": "x = torch.arange(4.)\nx[1:] += x[:-1]",
    "overlap_out": "x = torch.ones(2, 2)\ntorch.add(x, x.t(), out=x)",
    "overlap_full_ok": "x = torch.arange(4.)\nx += x.view(2, 2).view(4)\nout = x",
    "overlap_self_ok": "x = torch.arange(4.)\nx.mul_(x)\nout = x",
    # A4: norm over no dims means every dim
    "norm_dim_list": "out = torch.norm(torch.tensor([[3., 4.], [0., 0.]]), dim=[])",
    "norm_dim_tuple_keepdim": "out = torch.tensor([[3., 4.], [0., 0.]]).norm(dim=(), keepdim=True)",
    "vector_norm_dim_empty": "out = torch.linalg.vector_norm(torch.tensor([[3., 4.]]), 1, dim=[])",
    "linalg_norm_dim_empty": "out = torch.linalg.norm(torch.ones(2, 2), dim=[])",
    "norm_tuple_p": "out = torch.norm(torch.ones(2, 2), (0, 1))",
    "vector_norm_none_ord": "out = torch.linalg.vector_norm(torch.ones(2), None)",
    "vector_norm_complex_ord": "out = torch.linalg.vector_norm(torch.ones(2), 1j)",
    "norm_negative_p_zero": "out = torch.norm(torch.tensor([0., 1.]), -1)",
    "norm_bool_p": "out = torch.norm(torch.tensor([[3., 4.], [0., 0.]]), True)",
    # A8: bool ** bool
    "bool_pow_true": "out = torch.tensor([True, False]) ** True",
    "bool_pow_false": "out = torch.tensor([True, False]) ** False",
    "bool_ipow": "x = torch.tensor([True, False])\nx **= True\nout = x",
    "bool_pow_tensor": "out = torch.tensor([True, False]) ** torch.tensor([True, True])",
    "bool_pow_int": "out = torch.tensor([True, False]) ** 1",
    # A9: squeeze(dim=...), flip/permute(dims=...)
    "squeeze_kw_tuple": "out = torch.zeros(1, 1, 3).squeeze(dim=(0, 1))",
    "squeeze_kw_int": "out = torch.zeros(1, 1, 3).squeeze(dim=0)",
    "squeeze_kw_both": "out = torch.zeros(1, 1, 3).squeeze(0, dim=1)",
    "flip_kw": "out = torch.arange(6).reshape(2, 3).flip(dims=[1])",
    "permute_kw": "out = torch.arange(6).reshape(2, 3).permute(dims=(1, 0))",
    # A10: several ellipses
    "ellipsis_twice": "out = torch.arange(4).reshape(2, 2)[..., ...]",
    "ellipsis_around_int": "out = torch.arange(24).reshape(2, 3, 4)[..., 0, ...]",
    "ellipsis_around_none": "out = torch.arange(24).reshape(2, 3, 4)[..., None, ...]",
    "ellipsis_all_named": "out = torch.arange(24).reshape(2, 3, 4)[0, ..., 1, ..., 2]",
    "ellipsis_write": "x = torch.zeros(2, 2)\nx[..., ...] = 1\nout = x",
    # A11: logsumexp of an empty input over no dims
    "logsumexp_empty": "out = torch.logsumexp(torch.zeros(0, 3), dim=[])",
    "logsumexp_empty_keepdim": "out = torch.logsumexp(torch.zeros(0, 3), dim=(), keepdim=True)",
    "logsumexp_nonempty_no_dims": "out = torch.logsumexp(torch.ones(2, 3), dim=[])",
    # A13: number / tensor is reciprocal(tensor) * number
    "rtruediv_float32": "out = 2.5 / torch.tensor([3., 7., 11.])",
    "rtruediv_half": "out = 2.5 / torch.tensor([1., 2., 3.], dtype=torch.float16)",
    "rtruediv_int": "out = 2 / torch.tensor([3, 7])",
    "rtruediv_complex": "out = (1 + 2j) / torch.tensor([3., 7.])",
    "rtruediv_grad":
        "x = torch.tensor([3., 7.], requires_grad=True)\nout = 2.5 / x\nout.sum().backward()\n"
        "out = (out, out.grad_fn.name(), out.grad_fn.next_functions[0][0].name(), x.grad)",
    # A15: layouts
    "masked_fill_contiguous":
        "out = torch.arange(6.).reshape(2, 3).t().masked_fill(torch.tensor(False), 0)",
    "scatter_contiguous":
        "out = torch.arange(6.).reshape(2, 3).t().scatter(0, torch.zeros(3, 2, dtype=torch.long), 1.)",
    "index_add_contiguous":
        "out = torch.arange(6.).reshape(2, 3).t().index_add(0, torch.tensor([0]), torch.ones(1, 2))",
    "index_fill_keeps_layout":
        "out = torch.arange(6.).reshape(2, 3).t().index_fill(0, torch.tensor([0]), 1.)",
    "expanded_plus_one": "out = torch.ones(3, 1, 2).expand(3, 4, 2).transpose(0, 2) + 1",
    "unsqueezed_plus_one": "out = torch.arange(6.).reshape(2, 3).t()[None] + 1",
    "unsqueezed_neg": "out = torch.arange(6.).reshape(2, 3).t()[None].neg()",
    "expanded_gt": "out = torch.ones(3, 1, 2).expand(3, 4, 2).transpose(0, 2) > 0",
    "expanded_where":
        "x = torch.ones(3, 1, 2).expand(3, 4, 2).transpose(0, 2)\nout = torch.where(x > 0, x, 2.)",
    "unsqueezed_where":
        "x = torch.arange(6.).reshape(2, 3).t()[None]\nout = torch.where(x > 0, x, x)",
    "expanded_clamp": "out = torch.ones(3, 1, 2).expand(3, 4, 2).transpose(0, 2).clamp(0, 1)",
    "mixed_layouts": "out = torch.ones(2, 1, 4).transpose(0, 2) + torch.ones(4, 1)",
    # A17: errors and warnings
    "flip_no_dims": "out = torch.arange(4).flip()",
    "permute_no_dims": "out = torch.tensor(2.).permute()",
    "max_out_dtype": "out = torch.max(torch.ones(2, 2), dim=1, out=(torch.empty(0), torch.empty(0)))",
    "max_out_values_dtype":
        "E = torch.empty\nout = torch.max(torch.ones(2, 2), 1, out=(E(0, dtype=torch.long), E(0)))",
    "sort_out_dtype": "out = torch.sort(torch.ones(2, 2), 1, out=(torch.empty(0), torch.empty(0)))",
    "median_out_dtype":
        "E = torch.empty\nout = torch.median(torch.ones(2, 2), 1, out=(E(0), E(0, dtype=torch.float64)))",
    "median_out_values_dtype":
        "E = torch.empty\n"
        "out = torch.median(torch.ones(2, 2), 1, out=(E(0, dtype=torch.float64), E(0, dtype=torch.long)))",
    "mode_out_dtype":
        "E = torch.empty\nout = torch.mode(torch.ones(2, 2), 1, out=(E(0, dtype=torch.float64), E(0)))",
    "cummin_out_dtype": "out = torch.cummin(torch.ones(2, 2), 1, out=(torch.empty(0), torch.empty(0)))",
    "argmax_out_dtype": "out = torch.argmax(torch.ones(2, 2), 1, out=torch.empty(0))",
    "argmax_out": "out = torch.argmax(torch.ones(2, 2), 1, out=torch.empty(0, dtype=torch.long))",
    "uint8_mask_warns": "out = torch.arange(3)[torch.tensor([1], dtype=torch.uint8)]",
    "iand_float": "x = torch.tensor([1, 2])\nx &= 2.5",
    "ifloordiv_complex": "x = torch.tensor([1, 2])\nx //= 1j",
    "sqrt_inplace_int": "x = torch.tensor([1, 2])\nx.sqrt_()",
    "invert_float": "out = ~torch.tensor([1.5])",
    "invert_int": "out = ~torch.tensor([1, 2], dtype=torch.int8)",
    "einsum_too_many_subscripts": "out = torch.einsum('ij,jk', torch.ones(2, 3), torch.ones(3))",
    "einsum_too_few_subscripts": "out = torch.einsum('i', torch.ones(2, 3))",
    "einsum_output_missing": "out = torch.einsum('ij->k', torch.ones(2, 3))",
    "einsum_output_twice": "out = torch.einsum('ij->ii', torch.ones(2, 3))",
    "einsum_fewer_operands": "out = torch.einsum('ij,jk', torch.ones(2, 3))",
    "einsum_more_operands": "out = torch.einsum('ij', torch.ones(2, 3), torch.ones(3))",
    "einsum_ellipsis_too_many": "out = torch.einsum('...ij', torch.ones(2))",
    "einsum_lone_dot": "out = torch.einsum('i.j', torch.ones(2, 3))",
    "einsum_bad_subscript": "out = torch.einsum('i1', torch.ones(2, 3))",
    "einsum_bad_output": "out = torch.einsum('ij->j->', torch.ones(2, 3))",
    "einsum_ok": "out = torch.einsum('i j -> j', torch.ones(2, 3))",
    "lerp_end_dtype": "out = torch.tensor([1, 2]).lerp_(torch.tensor([1., 2.]), 0.5)",
    "lerp_weight_dtype":
        "out = torch.ones(2).lerp(torch.ones(2), torch.ones(2, dtype=torch.float64))",
    # result_type and can_cast
    "result_type_scalar": "out = torch.result_type(torch.ones(2, dtype=torch.int8), 1.)",
    "result_type_zero_dim":
        "out = torch.result_type(torch.ones(2, dtype=torch.int8), torch.tensor(1., dtype=torch.float64))",
    "result_type_numbers": "out = (torch.result_type(1, 2), torch.result_type(True, 2.), "
                           "torch.result_type(scalar1=1, scalar2=2.))",
    "result_type_complex32": "out = torch.result_type(torch.ones(2, dtype=torch.float16), 1j)",
    "result_type_keywords": "out = torch.result_type(tensor=torch.ones(2, dtype=torch.int8), other=2)",
    "result_type_uint16": "out = torch.result_type(torch.ones(2, dtype=torch.uint16), 1)",
    "result_type_unsupported":
        "out = torch.result_type(torch.ones(2, dtype=torch.int8), torch.ones(2, dtype=torch.uint16))",
    "result_type_bad_arg": "out = torch.result_type(torch.ones(2), 'a')",
    "result_type_one_arg": "out = torch.result_type(torch.ones(2))",
    "can_cast": "out = [torch.can_cast(a, b) for a in (torch.bool, torch.uint8, torch.int32, "
                "torch.float16, torch.float64, torch.complex64, torch.uint64) for b in "
                "(torch.bool, torch.int8, torch.uint16, torch.bfloat16, torch.complex128)]",
    "can_cast_keywords": "out = torch.can_cast(from_=torch.float32, to=torch.int32)",
    "can_cast_bad_from": "out = torch.can_cast(1, torch.int32)",
    "can_cast_bad_to": "out = torch.can_cast(torch.int32, 'a')",
    "can_cast_missing": "out = torch.can_cast(torch.int32)",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_as_torch(name):
    # ComplexHalf's "experimental" warning comes once per process, in either library
    same(_exec(CASES[name]), warnings_too=not name.startswith("half_"))


def _values(dtype_name, seed):
    v = np.random.RandomState(seed).rand(3000).astype(np.float32) * 8 - 4
    return (torch.tensor(v).to(getattr(torch, dtype_name)),
            numtorch.tensor(v).to(getattr(numtorch, dtype_name)))


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
@pytest.mark.parametrize("code", [
    "x * 3.3", "3.3 * x", "x / 3.3", "x * torch.tensor(3.3)", "x / torch.tensor(3.3, dtype=torch.float64)",
    "torch.tensor(3.3) * x", "x * 2049", "x + 3.3", "x - 3.3", "3.3 - x", "x ** 1.7", "x == 0.3301",
    "x < 2.0001", "torch.fmod(x, 0.33)", "torch.remainder(x, 0.33)", "torch.div(x, 0.33, rounding_mode='floor')",
    "torch.div(x, 0.33, rounding_mode='trunc')", "x // 0.33", "0.33 // x", "torch.lerp(x, x * 0, 0.3)",
    "x.clone().mul_(3.3)", "x.clone().div_(3.3)", "2.5 / x"])
def test_reduced_float_with_scalar_is_bit_exact(dtype, code):
    """A12: PyTorch's mul and div compute float16/bfloat16 with a scalar in float32 (the
    scalar in full precision) and round once; other ops round the scalar to the dtype."""
    t, n = _values(dtype, 0)
    expected = eval(code, {"x": t, "torch": torch})
    got = eval(code, {"x": n, "torch": numtorch})
    assert got.dtype.is_floating_point == expected.dtype.is_floating_point
    e = expected.float().numpy() if expected.dtype.is_floating_point else expected.numpy()
    g = got.float().numpy() if got.dtype.is_floating_point else got.numpy()
    np.testing.assert_array_equal(g, e)


@pytest.mark.parametrize("dtype", ["float32", "complex64", "float16", "bfloat16"])
@pytest.mark.parametrize("op", ["cumsum", "cumprod"])
def test_scans_accumulate_as_torch(dtype, op):
    """A14: float32 (and complex64) scans accumulate in double, float16/bfloat16 in float."""
    v = np.random.RandomState(0).rand(5000).astype(np.float32) * (1 if op == "cumsum" else 2)
    expected = getattr(torch.tensor(v).to(getattr(torch, dtype)), op)(0)
    got = getattr(numtorch.tensor(v).to(getattr(numtorch, dtype)), op)(0)
    assert str(got.dtype) == str(expected.dtype)
    np.testing.assert_array_equal(got.to(numtorch.complex128).numpy(),
                                  expected.to(torch.complex128).numpy())


def _layouts(m):
    a = m.arange(24.).reshape(2, 3, 4)
    return [a, a.transpose(0, 1), a.permute(2, 0, 1), a[:, ::2], a[:, :1], a.permute(2, 1, 0),
            m.ones(3, 1, 2).expand(3, 4, 2).transpose(0, 2), a[0].t()[None], m.ones(1, 3, 1).expand(2, 3, 4),
            m.ones(4, 1), m.ones(4, 4).t(), m.ones(2, 1, 4).transpose(0, 2), m.tensor(2.)]


def test_elementwise_strides_follow_tensor_iterator():
    """A15: the output layout of elementwise ops on strided, expanded and size-1 inputs."""
    ts, ns = _layouts(torch), _layouts(numtorch)
    for i, (t, n) in enumerate(zip(ts, ns)):
        for code in ("x + 1", "x.exp()", "-x", "x > 0", "x.sigmoid()", "torch.clamp(x, 0, 1)"):
            assert eval(code, {"x": n, "torch": numtorch}).stride() == \
                eval(code, {"x": t, "torch": torch}).stride(), (i, code)
        for j, (t2, n2) in enumerate(zip(ts, ns)):
            try:
                expected = t + t2
            except RuntimeError:
                continue
            assert (n + n2).stride() == expected.stride(), (i, j)
            assert numtorch.where(n > 0, n, n2).stride() == torch.where(t > 0, t, t2).stride(), (i, j)


def test_double_ellipsis_keeps_view_and_grad():
    x = numtorch.arange(6., requires_grad=True)
    y = x.view(2, 3)[..., 1, ...]
    y.sum().backward()
    assert x.grad.tolist() == [0., 1., 0., 0., 1., 0.]
