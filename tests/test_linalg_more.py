"""`numtorch.linalg` factorizations, solvers and helpers against PyTorch: the samples of
`op_db_linalg_more.LINALG_MORE` run through the op-table comparisons (values, dtype, shape,
strides, views, errors, warnings), their gradients, a float64 gradcheck, double backward, and
the result types."""
import subprocess
import sys

import pytest
import torch

import numtorch
import numtorch.linalg
from op_db_linalg_more import _ONCE, LINALG_MORE, SIGN_FREE
from op_table import Record
from test_op_grad import _describe, _grad_out, _leaves, _outputs
from test_op_table import _compare, _views_of_input

# float64 gradients may come from float32 ones (mixed dtypes): a float32 tolerance would do
_GRAD_TOL = {"float32": 2e-3, "complex64": 2e-3, "float64": 1e-6, "complex128": 1e-6}
_CASES = [(name, i) for name, samples in sorted(LINALG_MORE.items())
          for i in range(len(samples(numtorch)))]


def _signs_fixed(r, m):
    """Singular vectors or eigenvectors with the largest entry of each made real positive
    (U's and V's columns, Vh's rows), for results whose signs LAPACK builds choose
    differently."""
    def fix(x, dim):
        if not x.numel():
            return x
        idx = x.abs().argmax(dim, keepdim=True)
        return x * x.gather(dim, idx).sgn().conj()
    if len(r) == 3:
        return (fix(r[0], -2), r[1], fix(r[2], -1))
    return (r[0], fix(r[1], -2))


def _call(m, name, index):
    args, kwargs = LINALG_MORE[name](m)[index]
    r = getattr(m.linalg, name)(*args, **kwargs)
    if (name, index) in SIGN_FREE:
        r = _signs_fixed(r, m)
    return r, args


@pytest.mark.parametrize("name,index", _CASES)
def test_linalg_matches_torch(name, index):
    def fn(m):
        r, args = _call(m, name, index)
        return [r, _views_of_input(m, r, args)]
    _compare(fn, Record(name, None, rtol=1e-4))


def _grads(m, name, index, create_graph=False):
    args, kwargs = LINALG_MORE[name](m)[index]
    leaves = _leaves((args, kwargs), m, [])
    for t in leaves:
        t.requires_grad_()
    r = getattr(m.linalg, name)(*args, **kwargs)
    outs = _outputs(r, m)
    info = [(o.requires_grad, type(o.grad_fn).__name__ if o.grad_fn is not None else None)
            for o in outs]
    diff = [o for o in outs if o.requires_grad]
    if not diff:
        return info, None
    grads = m.autograd.grad(diff, leaves, [_grad_out(o, m, i) for i, o in enumerate(diff)],
                            allow_unused=True, create_graph=create_graph)
    if create_graph:
        total = sum((g.abs() ** 2).sum() for g in grads if g is not None)
        grads = m.autograd.grad(total, leaves, allow_unused=True)
    return info, [_describe(g, m) for g in grads]


def _outcome(*a):
    try:
        return ("ok",) + _grads(*a)
    except Exception as exc:
        return ("raises", type(exc).__name__, str(exc).split("\n")[0])


_GRAD_CASES = [c for c in _CASES if c not in SIGN_FREE and _leaves(
    LINALG_MORE[c[0]](numtorch)[c[1]], numtorch, [])]


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("name,index", _GRAD_CASES)
def test_linalg_grad_matches_torch(name, index):
    exp = _outcome(torch, name, index)
    if exp[0] == "raises" and "requires_grad" not in exp[2] and not exp[2].startswith(
            ("linalg_eig", "svd_backward", "The derivative", "one of the variables")):
        pytest.skip("PyTorch raises (the forward test compares the error)")
    got = _outcome(numtorch, name, index)
    _same_grads(got, exp)


def _same_grads(got, exp, tol=None):
    import numpy as np
    assert got[0] == exp[0], f"numtorch {got} vs torch {exp}"
    if exp[0] == "raises":
        assert got == exp
        return
    assert got[1] == exp[1], "outputs requiring grad / grad_fn names differ"
    assert (got[2] is None) == (exp[2] is None)
    for g, e in zip(got[2] or (), exp[2] or ()):
        assert (g is None) == (e is None)
        if e is None:
            continue
        ev, gv = e.pop("values"), g.pop("values")
        assert g == e
        t = tol or _GRAD_TOL[e["dtype"]]
        np.testing.assert_allclose(gv, ev, rtol=t, atol=t, equal_nan=True)


_DOUBLE = [("slogdet", 1), ("cholesky", 1), ("qr", 1), ("eigh", 1), ("svd", 0),
           ("pinv", 1), ("solve_triangular", 2), ("matrix_exp", 0), ("eigvals", 1),
           ("inv_ex", 1), ("lstsq", 3), ("cond", 1), ("cond", 6), ("lu", 17), ("lu", 18),
           ("lu_factor", 0), ("lu_solve", 3), ("lu_solve", 6)]


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("name,index", _DOUBLE)
def test_double_backward_matches_torch(name, index):
    def run(m):
        try:
            return ("ok",) + _grads(m, name, index, create_graph=True)
        except Exception as exc:
            return ("raises", type(exc).__name__, str(exc).split("\n")[0])
    _same_grads(run(numtorch), run(torch))


def _gradcheck(m, name, index):
    args, kwargs = LINALG_MORE[name](m)[index]
    args = [a.detach().to(m.complex128 if a.is_complex() else m.float64).requires_grad_()
            if isinstance(a, m.Tensor) and a.is_floating_point() or
            isinstance(a, m.Tensor) and a.is_complex() else a for a in args]
    leaves = [a for a in args if isinstance(a, m.Tensor) and a.requires_grad]
    positions = [i for i, a in enumerate(args) if isinstance(a, m.Tensor) and a.requires_grad]

    def call(*values):
        full = list(args)
        for i, v in zip(positions, values):
            full[i] = v
        if name in ("cholesky", "eigh"):  # they read one triangle: perturb symmetrically
            full[0] = (full[0] + full[0].mH) / 2
        r = getattr(m.linalg, name)(*full, **kwargs)
        if name == "svd":  # functions of the vectors that do not depend on their phases
            return r.S, r.U[..., :1] @ r.U[..., :1].mH, r.Vh[..., :1, :].mH @ r.Vh[..., :1, :]
        if name == "eigh":
            return r.eigenvalues, r.eigenvectors[..., :1] @ r.eigenvectors[..., :1].mH
        outs = r if isinstance(r, tuple) else (r,)
        return tuple(o for o in outs if isinstance(o, m.Tensor) and o.requires_grad)
    return m.autograd.gradcheck(call, tuple(leaves), raise_exception=False)


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("name,index", [("slogdet", 1), ("cholesky", 1), ("qr", 0),
                                        ("eigh", 1), ("svd", 0), ("svdvals", 1), ("pinv", 1),
                                        ("solve_triangular", 2), ("matrix_exp", 0),
                                        ("eigvals", 1), ("inv_ex", 1), ("vander", 0),
                                        ("cholesky", 3), ("svd", 4), ("lstsq", 0),
                                        ("lstsq", 3), ("cond", 0), ("cond", 6),
                                        ("lu_factor", 0), ("lu_factor", 2), ("lu", 0),
                                        ("lu", 2), ("lu", 17), ("lu", 18), ("lu", 19),
                                        ("lu_solve", 1),
                                        ("lu_solve", 4)])
def test_gradcheck_float64(name, index):
    assert _gradcheck(numtorch, name, index) == _gradcheck(torch, name, index) is True


def test_result_types_and_errors():
    a = numtorch.tensor([[2., 1.], [1., 3.]])
    r = numtorch.linalg.slogdet(a)
    assert repr(r) == repr(torch.linalg.slogdet(torch.tensor([[2., 1.], [1., 3.]])))
    assert type(r).__name__ == "linalg_slogdet" and r._fields if hasattr(r, "_fields") else 1
    assert (r.sign, r.logabsdet) == tuple(r)
    assert type(numtorch.svd(a)).__name__ == "svd" and numtorch.svd(a).V.shape == (2, 2)
    with pytest.raises(numtorch.linalg.LinAlgError, match="leading minor of order 2"):
        numtorch.linalg.cholesky(numtorch.tensor([[1., 2.], [2., 1.]]))
    assert issubclass(numtorch.linalg.LinAlgError, RuntimeError)


def test_tensor_methods():
    for name in ("slogdet", "logdet", "cholesky", "qr", "svd", "pinverse", "matrix_exp", "det"):
        assert callable(getattr(numtorch.Tensor, name)), name
    a = numtorch.tensor([[4., 1.], [1., 3.]])
    assert a.matrix_power(2).tolist() == torch.tensor([[4., 1.], [1., 3.]]).matrix_power(
        2).tolist()


@pytest.mark.parametrize("op", sorted(_ONCE))
def test_deprecation_warns_once_per_process(op):
    """The legacy spellings' deprecation warnings (TORCH_WARN_ONCE), in fresh processes."""
    script = ("import warnings; import {} as m\n"
              "for _ in range(2):\n"
              "    with warnings.catch_warnings(record=True) as w:\n"
              "        warnings.simplefilter('always'); " + _ONCE[op] + "\n"
              "    print([(x.category.__name__, str(x.message).split(' (Trig')[0]) for x in w])")
    outputs = [subprocess.run([sys.executable, "-c", script.format(name)], capture_output=True,
                              text=True, check=True).stdout for name in ("torch", "numtorch")]
    assert outputs[1] == outputs[0]
    assert "Warning" in outputs[0].splitlines()[0] and outputs[0].splitlines()[1] == "[]"
