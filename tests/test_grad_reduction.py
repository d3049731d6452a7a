"""Gradients of the reductions that the generic table (test_op_grad.py) cannot express:
double backward, saved tensors changed in place (inputs, results, second outputs), the
exact conventions (ties, NaN, zeros in prod/cumprod, degrees of freedom), node names and
non-differentiable results; each compared with PyTorch."""
import pytest

from test_grad_arithmetic import _check, _x
from test_op_grad import _grad_out

_A = [[0.5, -1.2, 2.0, 0.7], [1.5, 0.3, -0.7, 0.3]]
_TIES = [[2.0, -1.0, 2.0, 0.5], [1.0, 1.0, 0.0, 1.0]]
_ZERO = [[1.5, 0.0, 2.0, -0.5], [0.0, 3.0, 0.0, 1.2]]


def _pairs(r):
    """Both outputs of a two-output op in one differentiable result."""
    return r[0] * 2 + r[1] * 3


_DOUBLE = {
    "sum_dtype": (_A, lambda m, x: (x * x).sum(1, dtype=m.float32)),
    "mean": (_A, lambda m, x: (x * x).mean((0, 1), keepdim=True)),
    "nansum": (_A, lambda m, x: m.nansum(x * x, 0)),
    "nanmean": (_A, lambda m, x: m.nanmean(x * x, 1)),
    "prod": (_A, lambda m, x: x.prod(1)),
    "prod_all": (_A, lambda m, x: x.prod()),
    "prod_zeros": (_ZERO, lambda m, x: x.prod(0, keepdim=True)),
    "prod_all_zeros": (_ZERO, lambda m, x: x.prod()),
    "cumsum": (_A, lambda m, x: (x * x).cumsum(1)),
    "cumprod": (_A, lambda m, x: x.cumprod(1)),
    "cumprod_zeros": (_ZERO, lambda m, x: x.cumprod(1)),
    "max_all_ties": (_TIES, lambda m, x: (x * x).max()),
    "max_dim": (_TIES, lambda m, x: (x * x).max(1).values),
    "amax_ties": (_TIES, lambda m, x: (x * x).amax(1)),
    "aminmax": (_TIES, lambda m, x: _pairs(m.aminmax(x * x, dim=0))),
    "median": (_TIES, lambda m, x: (x * x).median()),
    "mode": (_TIES, lambda m, x: (x * x).mode(1).values),
    "sort": (_A, lambda m, x: (x * x).sort(1).values),
    "topk": (_A, lambda m, x: (x * x).topk(2, 0).values),
    "cummax": (_A, lambda m, x: (x * x).cummax(1).values),
    "logsumexp": (_A, lambda m, x: x.logsumexp(1)),
    "softmax": (_A, lambda m, x: x.softmax(0)),
    "log_softmax": (_A, lambda m, x: x.log_softmax(1)),
    "var": (_A, lambda m, x: x.var(1, correction=0)),
    "std": (_A, lambda m, x: x.std()),
    "var_mean": (_A, lambda m, x: _pairs(m.var_mean(x, 0))),
    "std_mean": (_A, lambda m, x: _pairs(m.std_mean(x, 1, keepdim=True))),
}


@pytest.mark.parametrize("name", sorted(_DOUBLE))
def test_double_backward(name):
    values, op = _DOUBLE[name]

    def f(m):
        x = _x(m, values)
        r = op(m, x)
        go = _grad_out(r, m, 0).to(r.dtype).requires_grad_()
        g, = m.autograd.grad(r, x, go, create_graph=True)
        return list(m.autograd.grad((g * g).sum(), (x, go), allow_unused=True))
    _check(f)


_COMPLEX = {
    "sum": lambda m, x: x.sum(0),
    "mean": lambda m, x: x.mean(),
    "prod": lambda m, x: x.prod(1),
    "prod_zero": lambda m, x: (x * m.tensor([[1, 0, 1], [1, 1, 1]], dtype=x.dtype)).prod(),
    "cumprod": lambda m, x: x.cumprod(1),
    "logsumexp": lambda m, x: x.logsumexp(1),
    "var": lambda m, x: x.var(1),
    "std_mean": lambda m, x: _pairs(m.std_mean(x, 0)),
}


@pytest.mark.parametrize("name", sorted(_COMPLEX))
def test_double_backward_complex(name):
    def f(m):
        x = _x(m, [[1 + 2j, -0.5 + 1j, 2 - 1j], [0.3 - 1j, 2 + 0.5j, -1j]], "complex128")
        r = _COMPLEX[name](m, x)
        g, = m.autograd.grad((r * r).abs().sum(), x, create_graph=True)
        return list(m.autograd.grad((g * g).abs().sum(), x))
    _check(f)


# ---- saved tensors changed in place ------------------------------------------------------------
_SAVING = {  # (op, what is changed afterwards: "input", or the index of an output)
    "sum_input": (lambda m, a: a.sum(0), "input"),  # saves nothing
    "softmax_result": (lambda m, a: [a.softmax(1)], 0),
    "amax_input": (lambda m, a: a.amax(1), "input"),
    "prod_result": (lambda m, a: [a.prod()], 0),
    "var_input": (lambda m, a: a.var(0), "input"),
    "cumsum_input": (lambda m, a: a.cumsum(0), "input"),
    "cummax_input": (lambda m, a: a.cummax(0).values, "input"),
    "max_indices": (lambda m, a: a.max(1), 1),
    "sort_indices": (lambda m, a: a.sort(0), 1),
    "aminmax_max": (lambda m, a: m.aminmax(a, dim=0), 1),
    "std_mean_std": (lambda m, a: m.std_mean(a, 1), 0),
    "var_mean_mean": (lambda m, a: m.var_mean(a, 1), 1),  # saves only the input
}


@pytest.mark.parametrize("name", sorted(_SAVING))
def test_saved_tensor_changed_in_place(name):
    op, changed = _SAVING[name]

    def f(m):
        x = _x(m, _A)
        a = x * 1
        r = op(m, a)
        (a if changed == "input" else r[changed]).add_(1)
        first = r if changed == "input" else r[0]
        return list(m.autograd.grad(first.sum(), x))
    _check(f)


def test_backward_twice():
    def f(m):
        y = _x(m, _A).logsumexp(0).sum()
        y.backward()
        y.backward()
    _check(f)


# ---- conventions -------------------------------------------------------------------------------
@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("values", [[0.0, 0.0, float("inf")], [0.0, 2.0, 3.0], [0.0, 0.0, 2.0]])
def test_prod_with_zeros(values, create_graph):
    """Two zeros: the all-elements gradient is zero (NaN-free) unless it records a graph."""
    def f(m):
        x = _x(m, values)
        return list(m.autograd.grad(x.prod(), x, create_graph=create_graph))
    _check(f)


@pytest.mark.parametrize("op", ["max", "min", "amax", "amin", "median", "nanmedian"])
def test_ties_and_nan_of_all_elements(op):
    """Ties share the gradient evenly; a NaN result sends it to the NaNs."""
    def f(m):
        out = []
        for values in (_TIES, [[1.0, float("nan"), 2.0], [float("nan"), 2.0, 1.0]]):
            x = _x(m, values)
            out += m.autograd.grad(getattr(x, op)(), x)
        return out
    _check(f)


@pytest.mark.parametrize("op", ["max", "min", "median", "mode", "sort", "cummax", "cummin"])
def test_gradient_to_the_returned_index(op):
    def f(m):
        x = _x(m, _TIES)
        r = getattr(x, op)(1)
        return list(m.autograd.grad(r.values, x, _grad_out(r.values, m, 0)))
    _check(f)


@pytest.mark.parametrize("correction", [0, 1, 4, 5])
@pytest.mark.parametrize("dim", [None, 1, ()])
def test_var_degrees_of_freedom(dim, correction):
    """dof <= 0 gives inf (NaN where the input equals the mean); `dim=()` counts one."""
    def f(m):
        x = _x(m, [[1.0, 2.0, 2.0, 3.0], [2.0, 2.0, 2.0, 2.0]])
        return [m.autograd.grad(op(x, dim, correction=correction).sum(), x)[0]
                for op in (m.var, m.std)]
    _check(f)


def test_cummax_of_empty_returns_input():
    def f(m):
        x = _x(m, [[], []])
        g, = m.autograd.grad(x.cummax(1).values.sum(), x, create_graph=True)
        return g.requires_grad, g
    _check(f)


# ---- node names and non-differentiable results --------------------------------------------------
def test_node_names():
    def f(m):
        x = _x(m, _A)
        results = [x.sum(), x.sum(0), x.mean(), x.mean(1), x.prod(), x.prod(0), m.nanmean(x),
                   x.max(), x.max(0).values, x.sort(stable=True).values, x.sort().values,
                   m.msort(x), x.median(), x.median(0).values, x.nanmedian(), m.std_mean(x)[1],
                   m.var_mean(x)[0], m.aminmax(x).max, x.topk(1).values]
        return [type(r.grad_fn).__name__ for r in results] + [
            [type(n).__name__ for n, _ in m.nanmean(x).grad_fn.next_functions]]
    _check(f)


def test_non_differentiable_results():
    def f(m):
        x = _x(m, _A)
        r = [x.argmax(), x.argmin(1), x.all(), x.any(0), m.count_nonzero(x), x.argsort(),
             x.max(1).indices, x.sort().indices, x.topk(2).indices, x.cummin(0).indices,
             x.mode().indices, x.unique(return_inverse=True)[1]]
        return [(t.requires_grad, t.grad_fn) for t in r]
    _check(f)


@pytest.mark.parametrize("dim", [None, 0])
def test_unique_has_no_derivative(dim):
    def f(m):
        x = _x(m, _TIES)
        u = m.unique(x, dim=dim)
        return type(u.grad_fn).__name__, m.autograd.grad(u.sum(), x)
    _check(f)
