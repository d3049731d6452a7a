"""`gradcheck` / `gradgradcheck`: backward against central finite differences (float64).

For every output element `o_j` and direction `v` (1, and 1j for a complex output), the
gradient backward gives for `grad_output = v` at `j` must match the finite-difference
gradient of `L = Re(conj(v) * o_j)`: `dL/dx`, plus `1j * dL/dy` for a complex input
`x + iy` (PyTorch's convention for complex gradients).

>>> import numtorch
>>> x = numtorch.tensor([1.0, 2.0], dtype=numtorch.float64, requires_grad=True)
>>> numtorch.autograd.gradcheck(lambda t: (t * t).sin(), (x,))
True
"""
import warnings

import numpy as np

from .. import _tensor as T

__all__ = ["gradcheck", "gradgradcheck", "GradcheckError"]


class GradcheckError(RuntimeError):
    """A gradient differs from its finite-difference estimate."""


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _outputs(func, inputs):
    return [o for o in _as_tuple(func(*inputs)) if isinstance(o, T.Tensor)]


def _numerical(func, inputs, i, eps):
    """Jacobian rows of input `i`: for each of its elements, the change of every output
    element (complex outputs: real and imaginary parts), per unit real (and imaginary) step."""
    a = inputs[i]._a
    outs = _outputs(func, inputs)
    cols = sum(o._a.size * (2 if o.dtype.is_complex else 1) for o in outs)
    rows = np.zeros((a.size, cols), np.complex128 if a.dtype.kind == "c" else np.float64)
    steps = (1, 1j) if a.dtype.kind == "c" else (1,)
    for k, idx in enumerate(np.ndindex(a.shape)):
        orig = a[idx]
        for step in steps:
            diffs = []
            for sign in (1, -1):
                a[idx] = orig + sign * eps * step
                diffs.append(_flat(_outputs(func, inputs)))
            a[idx] = orig
            rows[k] += step * (diffs[0] - diffs[1]) / (2 * eps)
    return rows


def _flat(outs):
    """Output elements as `L` values: real parts, then imaginary parts of complex ones
    (`Re(conj(1j) * o) = Im(o)`)."""
    parts = []
    for o in outs:
        v = o._a.astype(np.complex128 if o.dtype.is_complex else np.float64).ravel()
        parts.append(v.real)
        if o.dtype.is_complex:
            parts.append(v.imag)
    return np.concatenate(parts) if parts else np.zeros(0)


def _analytical(func, inputs, diff):
    """Jacobian rows by backward, for each input in `diff`, laid out as `_numerical`."""
    from .api import grad
    outs = [o for o in _as_tuple(func(*inputs)) if isinstance(o, T.Tensor)]
    cols = sum(o._a.size * (2 if o.dtype.is_complex else 1) for o in outs)
    jac = {i: np.zeros((inputs[i]._a.size, cols), np.complex128 if inputs[i].dtype.is_complex
                       else np.float64) for i in diff}
    col = 0
    for o in outs:
        n = o._a.size
        for v in ((1, 1j) if o.dtype.is_complex else (1,)):
            for j in range(n if o.requires_grad else 0):
                g = np.zeros(o._a.shape, o._a.dtype)
                g.flat[j] = v
                grads = grad([o], [inputs[i] for i in diff], [T.wrap(g)], retain_graph=True,
                             allow_unused=True)
                for i, gi in zip(diff, grads):
                    if gi is not None:
                        jac[i][:, col + j] = gi._a.ravel()
            col += n
    return jac


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True,
              nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False,
              check_batched_grad=False, check_batched_forward_grad=False,
              check_forward_ad=False, check_backward_ad=True, fast_mode=False, masked=None):
    """True when the gradients of `func` at `inputs` match finite differences."""
    inputs = _as_tuple(inputs)
    diff = [i for i, t in enumerate(inputs) if isinstance(t, T.Tensor) and t.requires_grad]
    if not diff:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, "
                         "but none of them have requires_grad=True.")
    for i in diff:
        if inputs[i].dtype not in (T.D.float64, T.D.complex128):
            warnings.warn(f"Input #{i} requires gradient and is not a double precision "
                          "floating point or complex. This check will likely fail if all the "
                          "inputs are not of double precision floating point or complex. ",
                          UserWarning, stacklevel=2)
    analytical = _analytical(func, inputs, diff)
    for i in diff:
        numerical = _numerical(func, inputs, i, eps)
        if not np.allclose(analytical[i], numerical, rtol=rtol, atol=atol):
            if not raise_exception:
                return False
            raise GradcheckError(
                f"Jacobian mismatch for output 0 with respect to input {i},\n"
                f"numerical:{T.wrap(numerical)}\nanalytical:{T.wrap(analytical[i])}\n")
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  gen_non_contig_grad_outputs=False, raise_exception=True, nondet_tol=0.0,
                  check_undefined_grad=True, check_grad_dtypes=False,
                  check_batched_grad=False, check_fwd_over_rev=False, check_rev_over_rev=True,
                  fast_mode=False, masked=False):
    """`gradcheck` of the gradients of `func` (second derivatives through create_graph)."""
    from .api import grad
    inputs = _as_tuple(inputs)
    diff = [i for i, t in enumerate(inputs) if isinstance(t, T.Tensor) and t.requires_grad]
    if grad_outputs is None:
        rng = np.random.default_rng(0)
        grad_outputs = tuple(
            T.wrap(np.asarray(rng.standard_normal(o._a.shape)
                              + (1j * rng.standard_normal(o._a.shape) if o.dtype.is_complex
                                 else 0)).astype(o._a.dtype))
            .requires_grad_() for o in _outputs(func, inputs) if o.dtype._cat >= 2)
    grad_outputs = _as_tuple(grad_outputs)
    n = len(inputs)

    def first_derivatives(*args):
        outs = [o for o in _as_tuple(func(*args[:n])) if isinstance(o, T.Tensor)
                and o.requires_grad]
        return grad(outs, [args[i] for i in diff], list(args[n:]), create_graph=True,
                    allow_unused=True)

    return gradcheck(first_derivatives, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)
