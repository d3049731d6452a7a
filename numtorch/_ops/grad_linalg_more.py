"""Derivatives of the factorizations and solvers of `linalg_factor` and `linalg_solvers`, as
PyTorch's FunctionsManual.cpp writes them (gradients conjugated for complex inputs). A
formula of a node with several outputs gets a list of output gradients, None for an output
that received none; formulas use numtorch ops, so double backward works."""
import numpy as np

from .._tensor import wrap
from ..autograd.grad_mode import STATE as GRAD_MODE
from .._factories import zeros
from . import linalg_factor as F
from . import linalg_solvers as S
from .shape_copy import cat
from .grad_arithmetic import conj
from .linalg_decomp import solve

__all__ = []


def _eye(n, like):
    return wrap(np.eye(n, dtype=like._a.dtype))


def _set_diagonal(X, d):
    """`X` with its diagonal replaced by `d`."""
    return X - X.diagonal(0, -2, -1).diag_embed() + d.diag_embed()


# ---- slogdet ----------------------------------------------------------------------------------
def slogdet(grads, A, sign):
    """(g_logabsdet - i Im(conj(g_sign) sign)) A^{-H}."""
    g_sign, g = grads
    if A.is_complex():
        if g_sign is not None:
            phase = (conj(g_sign) * sign).imag * -1j
            g = phase if g is None else g + phase
        elif g is not None:
            g = g.to(A.dtype)
    if g is None:
        return None
    d = g.unsqueeze(-1).unsqueeze(-1) * _eye(A.shape[-1], A)
    if GRAD_MODE.enabled:  # differentiable again (and raising for a singular A)
        return solve(A.mH, d)
    # inf and nan for a singular A, as LAPACK gives them
    return wrap(S.adjoint_lu_solve(*F.getrf(A._a)[:2], d._a))


# ---- cholesky ---------------------------------------------------------------------------------
def cholesky(upper):
    def backward(g, L):
        if upper:
            L, g = L.mH, g.mH
        gA = (L.mH @ g).tril()
        gA = 0.5 * (gA + gA.tril(-1).mH)
        gA = S.solve_triangular(L.mH, gA, upper=True, left=True)
        return S.solve_triangular(L, gA, upper=False, left=False)
    return backward


# ---- qr ---------------------------------------------------------------------------------------
def qr(mode, m, n):
    """The formula of linalg.qr of an m x n input in `mode`."""
    def backward(grads, Q, R):
        if mode == "r":
            raise RuntimeError("The derivative of linalg.qr depends on Q, which is not computed "
                               "when mode='r'. Please use linalg.qr(A, mode='reduced') if you "
                               "are going to differentiate through linalg.qr.")
        if mode == "complete" and m > n:
            raise RuntimeError("The QR decomposition is not differentiable when mode='complete' "
                               "and nrows > ncols.")
        gQ, gR = grads
        if gQ is None and gR is None:
            return None
        if gQ is None:
            gA = gR @ R.mH
        else:
            gA = -(Q.mH @ gQ) if gR is None else gR @ R.mH - Q.mH @ gQ
        if m >= n:
            X = gA.triu()
            X = X + X.mH
            X = X - 0.5 * X.diagonal(0, -2, -1).real.diag_embed()
            gA = Q @ X
            if gQ is not None:
                gA = gA + gQ
            return S.solve_triangular(R.mH, gA, upper=False, left=False)
        X = -gA
        X = (X - X.mH).tril()
        if X.is_complex():
            X = X - (0.5j * X.diagonal(0, -2, -1).imag).diag_embed()
        gA = S.solve_triangular(R[..., :m].mH, Q @ X, upper=False, left=False)
        gA = cat([gA, zeros(gA.shape[:-1] + (n - m,), dtype=gA.dtype)], -1)
        return gA if gR is None else gA + Q @ gR
    return backward


# ---- eigh, eig --------------------------------------------------------------------------------
def _phase_check(diag, op, what):
    if diag.is_complex() and not np.allclose(diag.imag._a, 0, rtol=1e-2, atol=1e-2):
        raise RuntimeError(f"{op}: The {what} in the complex case are specified up to "
                           f"multiplication by e^{{i phi}}. The specified loss function depends "
                           f"on this quantity, so it is ill-defined.")


def eigh(grads, L, V):
    """V (skew(V^H gV) / E + diag(gL)) V^H."""
    gL, gV = grads
    if gV is None:
        return None if gL is None else (V * gL.unsqueeze(-2)) @ V.mH
    VhgV = V.mH @ gV
    _phase_check(VhgV.diagonal(0, -2, -1), "linalg_eigh_backward", "eigenvectors")
    VhgV = 0.5 * (VhgV - VhgV.mH)
    E = L.unsqueeze(-2) - L.unsqueeze(-1) + _eye(L.shape[-1], L)
    ret = VhgV / E
    if gL is not None:
        ret = _set_diagonal(ret, gL)
    return V @ (ret @ V.mH)


def eig(grads, L, V):
    """V^{-H} (diag(gL) + (V^H gV - V^H V diag(Re(V^H gV))) / conj(E)) V^H."""
    gL, gV = grads
    if gV is None:
        return solve(V.mH, gL.unsqueeze(-1) * V.mH)
    VhgV = V.mH @ gV
    diag = VhgV.diagonal(0, -2, -1)
    _phase_check(diag, "linalg_eig_backward", "eigenvectors")
    VhgV = VhgV - V.mH @ (V * diag.real.unsqueeze(-2))
    Lc = conj(L)
    ret = VhgV / (Lc.unsqueeze(-2) - Lc.unsqueeze(-1) + _eye(L.shape[-1], L))
    if gL is not None:
        ret = _set_diagonal(ret, gL)
    return solve(V.mH, ret @ V.mH)


# ---- svd --------------------------------------------------------------------------------------
def svd(grads, U, Sv, Vh):
    """PyTorch's svd_backward (full_matrices results narrowed to k columns)."""
    gU, gS, gVh = grads
    if gU is None and gS is None and gVh is None:
        return None
    m, n, k = U.shape[-2], Vh.shape[-1], Sv.shape[-1]
    if U.shape[-1] > k:
        U, gU = U[..., :k], None if gU is None else gU[..., :k]
    if Vh.shape[-2] > k:
        Vh, gVh = Vh[..., :k, :], None if gVh is None else gVh[..., :k, :]
    if gU is None and gVh is None:
        return U @ (gS.unsqueeze(-1) * Vh) if m >= n else (U * gS.unsqueeze(-2)) @ Vh
    UhgU = VhgV = None
    if gU is not None:
        UhgU = U.mH @ gU
        UhgU = UhgU - UhgU.mH
    if gVh is not None:
        VhgV = Vh @ gVh.mH
        VhgV = VhgV - VhgV.mH
    if U.is_complex():
        im_u = UhgU.diagonal(0, -2, -1).imag._a if gU is not None else 0
        im_v = VhgV.diagonal(0, -2, -1).imag._a if gVh is not None else 0
        if not np.allclose(im_u, -im_v, rtol=1e-2, atol=1e-2):
            raise RuntimeError(
                "svd_backward: The singular vectors in the complex case are specified up to "
                "multiplication by e^{i phi}. The specified loss function depends on this "
                "phase term, making it ill-defined.")
    S2 = Sv * Sv
    E = S2.unsqueeze(-2) - S2.unsqueeze(-1) + _eye(k, Sv)
    if gU is not None and gVh is not None:
        gA = (UhgU * Sv.unsqueeze(-2) + Sv.unsqueeze(-1) * VhgV) / E
    elif gU is not None:
        gA = (UhgU / E) * Sv.unsqueeze(-2)
    else:
        gA = Sv.unsqueeze(-1) * (VhgV / E)
    if gS is not None:
        gA = gA + gS.diag_embed()
    if U.is_complex() and gU is not None and gVh is not None:
        gA = gA + (UhgU.diagonal(0, -2, -1) / (2. * Sv)).diag_embed()
    if m > n and gU is not None:
        gA = U @ gA
        gUSinv = gU / Sv.unsqueeze(-2)
        gA = gA + gUSinv - U @ (U.mH @ gUSinv)
        return gA @ Vh
    if m < n and gVh is not None:
        gA = gA @ Vh
        SinvgVh = gVh / Sv.unsqueeze(-1)
        gA = gA + SinvgVh - (SinvgVh @ Vh.mH) @ Vh
        return U @ gA
    return U @ (gA @ Vh) if m >= n else (U @ gA) @ Vh


# ---- solvers ----------------------------------------------------------------------------------
def _project(G, upper, unitriangular):
    return G.triu(int(unitriangular)) if upper else G.tril(-int(unitriangular))


def solve_triangular(upper, left, unitriangular):
    """G_B = A^{-H} G_X (solved on the same side), G_A = -G_B X^H projected on A's triangle."""
    def backward(g, A, X=None):
        gB = S.solve_triangular(A.mH, g, upper=not upper, left=left,
                                unitriangular=unitriangular)
        gA = None
        if X is not None:
            gA = _project(-(gB @ X.mH) if left else -(X.mH @ gB), upper, unitriangular)
        return gA, gB
    return backward


def triangular_solve(upper, transpose, unitriangular):
    """The formula of `triangular_solve(b, a)` = (x, a clone)."""
    def backward(grads, a, x):
        gx, gm = grads
        gb = ga = None
        if gx is not None:
            gb = S.triangular_solve(gx, conj(a), upper, not transpose, unitriangular)[0]
            ga = -(conj(x) @ gb.mT) if transpose else -(gb @ x.mH)
            ga = _project(ga, upper, unitriangular)
        if gm is not None:
            ga = gm if ga is None else ga + gm
        return gb, ga
    return backward


def cholesky_solve(upper):
    def backward(g, L, X):
        gB = S.cholesky_solve(g, L, upper)
        common = gB @ X.mH
        common = common + common.mH
        return gB, (-(L @ common) if upper else -(common @ L))
    return backward


def pinv(g, A, P):
    """PyTorch's pinv_backward."""
    m, n = A.shape[-2:]
    Ph, gh = P.mH, g.mH
    if m <= n:
        K = gh @ P
        KPh = K @ Ph
        return -(P @ K).mH + KPh - (A @ P) @ KPh + (Ph @ P) @ (gh - K @ A)
    K = P @ gh
    PhK = Ph @ K
    return -(K @ P).mH + (gh - A @ K) @ P @ Ph + PhK - PhK @ P @ A


def matrix_exp(g, A):
    """exp of the block matrix [[A^H, g], [0, A^H]], top right block."""
    n = A.shape[-1]
    Ah = A.mH
    big = cat([cat([Ah, g], -1), cat([zeros(Ah.shape, dtype=Ah.dtype), Ah], -1)], -2)
    return S.matrix_exp(big)[..., :n, n:]


def lstsq(vector):
    """The formula of linalg.lstsq (solution through the pseudo-inverse, residuals as
    |A X - B|^2 with X held fixed); `vector`: B and X are (batches of) vectors."""
    def backward(grads, A, B, X):
        gX, gL = grads
        if vector:
            B, X = B.unsqueeze(-1), X.unsqueeze(-1)
            gX = None if gX is None else gX.unsqueeze(-1)
            gL = None if gL is None else gL.unsqueeze(-1)
        gA = gB = None
        if gX is not None:
            P = S.pinv(A)
            gA, gB = pinv(gX @ B.mH, A, P), P.mH @ gX
        if gL is not None and gL.numel():
            gLr = gL.unsqueeze(-2) * (A @ X - B)
            gA = 2 * (gLr @ X.mH) + (0 if gA is None else gA)
            gB = -2 * gLr + (0 if gB is None else gB)
        return gA, (gB.squeeze(-1) if vector and gB is not None else gB)
    return backward


# ---- lu ---------------------------------------------------------------------------------------
def _lu_backward(gL, gU, P, L, U, m, n):
    """PyTorch's linalg_lu_backward: the gradient of A = P L U (m x n) from gL and gU."""
    k = min(m, n)
    if m == n:
        gA = None if gL is None else (L.mH @ gL).tril(-1)
        if gU is not None:
            gA = (gU @ U.mH).triu() + (0 if gA is None else gA)
        gA = S.solve_triangular(U.mH, gA, upper=False, left=False)
        gA = S.solve_triangular(L.mH, gA, upper=True, left=True, unitriangular=True)
    elif m < n:
        gA = None if gL is None else L.mH @ gL
        if gU is not None:
            gA = -(gU.triu() @ U.mH) + (0 if gA is None else gA)
        gA = S.solve_triangular(U[..., :k].mH, gA.tril(-1), upper=False, left=False)
        if gU is not None:
            gA = cat([gA + gU[..., :k].triu(), gU[..., k:]], -1)
        gA = S.solve_triangular(L.mH, gA, upper=True, left=True, unitriangular=True)
        if gU is None:
            gA = cat([gA, zeros(U.shape[:-1] + (n - k,), dtype=gA.dtype)], -1)
    else:
        gA = None if gU is None else gU @ U.mH
        if gL is not None:
            gA = -(L.mH @ gL.tril(-1)) + (0 if gA is None else gA)
        gA = S.solve_triangular(L[..., :k, :].mH, gA.triu(), upper=True, left=True,
                                unitriangular=True)
        if gL is not None:
            gA = cat([gA + gL[..., :k, :].tril(-1), gL[..., k:, :]], -2)
        gA = S.solve_triangular(U.mH, gA, upper=False, left=False)
        if gL is None:
            gA = cat([gA, zeros(L.shape[:-2] + (m - k, n), dtype=gA.dtype)], -2)
    return P @ gA


def _unpack(LU, m, n):
    k = min(m, n)
    L = LU[..., :, :k].tril(-1) + _eye(m, LU)[:, :k]
    return L, LU[..., :k, :].triu()


def lu_unpack(m, n):
    """LuUnpackBackward0: L's strict lower part and U's upper part, into LU's shape."""
    k = min(m, n)

    def backward(grads):
        gL, gU = grads
        parts = []
        if gL is not None:
            t = gL.tril(-1)
            parts.append(cat([t, t.new_zeros(t.shape[:-1] + (n - k,))], -1) if n > k else t)
        if gU is not None:
            t = gU.triu()
            parts.append(cat([t, t.new_zeros(t.shape[:-2] + (m - k, n))], -2) if m > k else t)
        return sum(parts[1:], parts[0]) if parts else None
    return backward


def lu_factor(m, n):
    """The formula of lu_factor_ex: its LU output split into L and U gradients."""
    k = min(m, n)

    def backward(g, P, LU):
        L, U = _unpack(LU, m, n)
        return _lu_backward(g[..., :, :k].tril(-1), g[..., :k, :].triu(), P, L, U, m, n)
    return backward


def lu(m, n):
    def backward(grads, P, L, U):
        gL, gU = grads
        if gL is None and gU is None:
            return None
        return _lu_backward(gL, gU, P, L, U, m, n)
    return backward


def lu_solve(left, adjoint):
    """PyTorch's linalg_lu_solve_LU (the LU gradient) and B's lu_solve."""
    def backward(g, LU, pivots, X):
        from . import linalg_lu as LUM  # (it imports this module)
        gB = LUM.lu_solve(LU, pivots, g, left=left, adjoint=not adjoint)
        n = LU.shape[-1]
        L, U = _unpack(LU, n, n)
        if left != adjoint:
            gR = S.solve_triangular(U.mH, -((g if left else g.mH) @ (X.mH if left else X)),
                                    upper=False)
            gL = S.solve_triangular(L.mH, gR @ U.mH, upper=True, left=True,
                                    unitriangular=True).tril(-1)
            return gL + gR.triu(), gB
        P = wrap(LUM.permutation(pivots._a, n, LU._a.dtype))
        gR = -(P.mT @ (X if left else X.mH) @ (g.mH if left else g) @ P)
        gR = S.solve_triangular(L.mH, gR, upper=True, left=False, unitriangular=True)
        gU = S.solve_triangular(U.mH, L.mH @ gR, upper=False, left=False).triu()
        return gR.tril(-1) + gU, gB
    return backward
