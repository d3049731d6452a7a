"""numtorch.nn.functional against torch.nn.functional: values, dtype, shape, grad_fn names,
gradients (float64 gradcheck too), errors and warnings."""
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

import numtorch
import numtorch.nn.functional as NF

RNG = np.random.default_rng(0)


def arr(*shape, dtype=np.float64, low=-2.0, high=2.0):
    if np.dtype(dtype).kind in "iu":
        return RNG.integers(low, high, shape).astype(dtype)
    return RNG.uniform(low, high, shape).astype(dtype)


class Const:
    """An input that never requires grad."""
    def __init__(self, a):
        self.a = a


def build(lib, inputs, grad):
    out = []
    for a in inputs:
        if isinstance(a, Const):
            out.append(lib.tensor(a.a))
        elif isinstance(a, np.ndarray):
            t = lib.tensor(a)
            if grad and t.dtype.is_floating_point:
                t.requires_grad_(True)
            out.append(t)
        else:
            out.append(a)
    return out


def chain(fn):
    if fn is None:
        return None
    return (type(fn).__name__, tuple(chain(n[0]) for n in fn.next_functions))


def compare(call, *inputs, grad=True, rtol=1e-6, atol=1e-7, check_chain=True):
    """`call(F, lib, *tensors)` in torch and numtorch: equal results, dtypes, shapes, node
    chains and gradients of the float inputs."""
    tt = build(torch, inputs, grad)
    nt = build(numtorch, inputs, grad)
    e = call(TF, torch, *tt)
    r = call(NF, numtorch, *nt)
    assert str(r.dtype) == str(e.dtype)
    assert tuple(r.shape) == tuple(e.shape)
    np.testing.assert_allclose(r.detach().numpy().astype(np.complex128),
                               e.detach().numpy().astype(np.complex128), rtol=rtol, atol=atol)
    if not grad or not e.requires_grad:
        return r
    assert r.requires_grad
    if check_chain:
        assert chain(r.grad_fn) == chain(e.grad_fn)
    g = arr(*e.shape, dtype=e.detach().numpy().dtype)
    e.backward(torch.tensor(g))
    r.backward(numtorch.tensor(g))
    for a, b in zip(tt, nt):
        if isinstance(a, torch.Tensor) and a.requires_grad:
            assert (b.grad is None) == (a.grad is None)
            if a.grad is not None:
                np.testing.assert_allclose(b.grad.numpy(), a.grad.numpy(), rtol=rtol * 10,
                                           atol=atol * 10)
    return r


def gradcheck(call, *inputs):
    nt = build(numtorch, inputs, True)
    assert numtorch.autograd.gradcheck(lambda *t: call(NF, numtorch, *t), nt)


def same_error(call, *inputs):
    tt = build(torch, inputs, False)
    nt = build(numtorch, inputs, False)
    with pytest.raises(Exception) as e:
        call(TF, torch, *tt)
    with pytest.raises(type(e.value)) as r:
        call(NF, numtorch, *nt)
    assert str(r.value).splitlines()[0] == str(e.value).splitlines()[0]


X = arr(3, 4)
X32 = arr(2, 3, 5, dtype=np.float32)

ACTIVATIONS = [
    lambda F, L, x: F.relu(x),
    lambda F, L, x: F.relu6(x * 4),
    lambda F, L, x: F.leaky_relu(x),
    lambda F, L, x: F.leaky_relu(x, 0.2),
    lambda F, L, x: F.elu(x),
    lambda F, L, x: F.elu(x, alpha=0.5),
    lambda F, L, x: F.gelu(x),
    lambda F, L, x: F.gelu(x, approximate="tanh"),
    lambda F, L, x: F.silu(x),
    lambda F, L, x: F.sigmoid(x),
    lambda F, L, x: F.tanh(x),
    lambda F, L, x: F.softplus(x),
    lambda F, L, x: F.softplus(x, beta=3, threshold=2),
    lambda F, L, x: F.hardtanh(x),
    lambda F, L, x: F.hardtanh(x, -0.5, 1.5),
    lambda F, L, x: F.softmax(x, dim=1),
    lambda F, L, x: F.softmax(x, 0, dtype=L.float64),
    lambda F, L, x: F.log_softmax(x, dim=-1),
]


@pytest.mark.parametrize("i", range(len(ACTIVATIONS)))
@pytest.mark.parametrize("x", [X, X32, np.array(0.7), arr(0, 3)], ids=["f64", "f32", "0d", "e"])
def test_activation(i, x):
    try:
        ACTIVATIONS[i](TF, torch, torch.tensor(x))
    except IndexError:
        return same_error(ACTIVATIONS[i], x)
    compare(ACTIVATIONS[i], x, rtol=1e-5 if x.dtype == np.float32 else 1e-6)


@pytest.mark.parametrize("i", range(len(ACTIVATIONS) - 3))
def test_activation_gradcheck_and_half(i):
    gradcheck(ACTIVATIONS[i], X)
    compare(ACTIVATIONS[i], X.astype(np.float16), grad=False, rtol=1e-3, atol=1e-3)


@pytest.mark.parametrize("name", ["relu", "relu6", "leaky_relu", "elu", "silu", "hardtanh"])
def test_activation_inplace(name):
    def call(F, L, x):
        y = x * 1
        r = getattr(F, name)(y, inplace=True)
        assert r is y
        return r
    compare(call, X)
    same_error(lambda F, L, x: getattr(F, name)(x.requires_grad_(), inplace=True), X)


@pytest.mark.parametrize("name", ["relu6", "leaky_relu", "elu", "gelu", "silu", "softplus",
                                  "hardtanh"])
@pytest.mark.parametrize("dt", [np.int64, np.bool_, np.complex64])
def test_activation_dtype_errors(name, dt):
    x = np.array([1, 0]).astype(dt)
    call = lambda F, L, x: getattr(F, name)(x)  # noqa: E731
    try:
        TF.__dict__[name](torch.tensor(x))
    except Exception:
        same_error(call, x)
    else:
        compare(call, x, grad=False)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@pytest.mark.parametrize("shape", [(), (3,), (2, 3), (2, 3, 4), (2, 3, 4, 2)])
def test_softmax_implicit_dim(name, shape):
    x = arr(*shape)
    for F, L in ((TF, torch), (NF, numtorch)):
        with pytest.warns(UserWarning, match=f"Implicit dimension choice for {name} has been "
                          "deprecated. Change the call to include dim=X as an argument."):
            getattr(F, name)(L.tensor(x))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compare(lambda F, L, x: getattr(F, name)(x), x)


W = arr(5, 4)
B = arr(5)


@pytest.mark.parametrize("shape", [(4,), (3, 4), (2, 3, 4), (2, 2, 3, 4), (0, 4)])
@pytest.mark.parametrize("bias", [True, False])
def test_linear(shape, bias):
    x = arr(*shape)
    if bias:
        compare(lambda F, L, x, w, b: F.linear(x, w, b), x, W, B)
        gradcheck(lambda F, L, x, w, b: F.linear(x, w, b), x, W, B)
    else:
        compare(lambda F, L, x, w: F.linear(x, w), x, W)


def test_linear_noncontiguous():
    compare(lambda F, L, x, w, b: F.linear(x.transpose(0, 1), w, b), arr(3, 2, 4), W, B,
            check_chain=False)
    same_error(lambda F, L, x, w: F.linear(x, w), arr(3, 3), W)


def test_dropout():
    x = arr(4, 50)
    for p in (0.0, 0.3, 0.5, 1.0):
        def call(F, L, x):
            L.manual_seed(3)
            return F.dropout(x, p)
        compare(call, x)
    compare(lambda F, L, x: F.dropout(x, 0.4, training=False), x)
    same_error(lambda F, L, x: F.dropout(x, 1.5), x)

    def inplace(F, L, x):
        L.manual_seed(5)
        y = x.clone()
        assert F.dropout(y, 0.2, inplace=True) is y
        return y
    compare(inplace, arr(3, 7, dtype=np.float32), grad=False)


def test_one_hot():
    idx = np.array([[0, 3], [2, 1]])
    compare(lambda F, L, i: F.one_hot(i), idx)
    compare(lambda F, L, i: F.one_hot(i, 6), idx)
    compare(lambda F, L, i: F.one_hot(i, 6), np.zeros(0, np.int64))
    same_error(lambda F, L, i: F.one_hot(i, 3), idx)
    same_error(lambda F, L, i: F.one_hot(i), -idx - 1)
    same_error(lambda F, L, i: F.one_hot(i), idx.astype(np.int32))
    same_error(lambda F, L, i: F.one_hot(i), np.zeros(0, np.int64))


@pytest.mark.parametrize("p,dim", [(2.0, 1), (1, 0), (3, -1)])
def test_normalize(p, dim):
    compare(lambda F, L, x: F.normalize(x, p, dim), X)
    gradcheck(lambda F, L, x: F.normalize(x, p, dim), X)


def test_embedding():
    idx = np.array([[0, 2, 2], [4, 0, 1]])
    compare(lambda F, L, i, w: F.embedding(i, w), idx, W)
    compare(lambda F, L, i, w: F.embedding(i, w, padding_idx=2), idx, W)
    compare(lambda F, L, i, w: F.embedding(i, w, padding_idx=-1), idx, W)
    compare(lambda F, L, i, w: F.embedding(i, w, scale_grad_by_freq=True), idx, W)
    compare(lambda F, L, i, w: F.embedding(i, w.detach().clone(), max_norm=1.0), idx, W,
            grad=False)
    same_error(lambda F, L, i, w: F.embedding(i, w), idx.astype(np.float32), W)


@pytest.mark.parametrize("affine", [True, False])
def test_layer_norm(affine):
    x = arr(2, 3, 4)
    if affine:
        w, b = arr(3, 4), arr(3, 4)
        call = lambda F, L, x, w, b: F.layer_norm(x, (3, 4), w, b)  # noqa: E731
        compare(call, x, w, b)
        gradcheck(call, x, w, b)
    else:
        compare(lambda F, L, x: F.layer_norm(x, [4]), x)
        compare(lambda F, L, x: F.layer_norm(x, [4]), x.astype(np.float32), rtol=1e-5)
        same_error(lambda F, L, x: F.layer_norm(x, 4), x)
    same_error(lambda F, L, x: F.layer_norm(x, (3,)), x)


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("shape", [(5, 3), (4, 3, 6)])
def test_batch_norm(training, shape):
    x = arr(*shape)
    stats = {}

    def call(F, L, x, w, b):
        rm, rv = L.tensor(np.linspace(-1, 1, 3)), L.tensor(np.linspace(0.5, 2, 3))
        r = F.batch_norm(x, rm, rv, w, b, training=training, momentum=0.2)
        stats[L] = (rm.numpy(), rv.numpy())
        return r
    compare(call, x, arr(3), arr(3))
    np.testing.assert_allclose(stats[numtorch][0], stats[torch][0], rtol=1e-12)
    np.testing.assert_allclose(stats[numtorch][1], stats[torch][1], rtol=1e-12)
    gradcheck(call, x, arr(3), arr(3))
    same_error(lambda F, L, x: F.batch_norm(x, None, None, training=True), arr(1, 3))


def test_distances():
    y = arr(3, 4)
    compare(lambda F, L, a, b: F.cosine_similarity(a, b), X, y, check_chain=False)
    compare(lambda F, L, a, b: F.cosine_similarity(a, b, dim=0), X, y, check_chain=False)
    compare(lambda F, L, a, b: F.pairwise_distance(a, b), X, y)
    compare(lambda F, L, a, b: F.pairwise_distance(a, b, 1, keepdim=True), X, y)
    gradcheck(lambda F, L, a, b: F.pairwise_distance(a, b, 3), X, y)


T = arr(3, 4)
REDUCTIONS = ["mean", "sum", "none"]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name,kw", [("mse_loss", {}), ("l1_loss", {}), ("smooth_l1_loss", {}),
                                     ("smooth_l1_loss", {"beta": 0.5}),
                                     ("smooth_l1_loss", {"beta": 0.0}), ("huber_loss", {}),
                                     ("huber_loss", {"delta": 0.3})])
def test_regression_losses(name, kw, reduction):
    call = lambda F, L, x, y: getattr(F, name)(x, y, reduction=reduction, **kw)  # noqa: E731
    compare(call, X, T)
    gradcheck(call, X, T)
    compare(call, X.astype(np.float32), T.astype(np.float32), rtol=1e-5)
    compare(lambda F, L, x, y: getattr(F, name)(x, y.detach(), reduction=reduction, **kw),
            X, T)
    if name != "smooth_l1_loss":
        wcall = lambda F, L, x, y, w: getattr(F, name)(  # noqa: E731
            x, y, reduction=reduction, weight=w, **kw)
        compare(wcall, X, T, arr(3, 4, low=0.1))
        same_error(wcall, X, T, arr(4))


def test_loss_warnings_and_errors():
    x, y = arr(3, 4), arr(4)
    for name in ("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"):
        for F, L in ((TF, torch), (NF, numtorch)):
            with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[4\]\)\) "
                              r"that is different to the input size \(torch.Size\(\[3, 4\]\)\)"):
                e = getattr(F, name)(L.tensor(x), L.tensor(y))
            if L is torch:
                expected = e.item()
        np.testing.assert_allclose(e.item(), expected)
        same_error(lambda F, L, a, b: getattr(F, name)(a, b, reduction="avg"), x, x)
    for F, L in ((TF, torch), (NF, numtorch)):
        with pytest.warns(UserWarning, match="size_average and reduce args will be deprecated, "
                          "please use reduction='sum' instead."):
            r = F.mse_loss(L.tensor(x), L.tensor(x + 1), size_average=False)
        assert r.item() == pytest.approx(12.0)


LOGITS = arr(4, 5)
TARGET = np.array([0, 4, 2, 2])
CW = arr(5, low=0.2, high=1.5)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weight", [False, True])
@pytest.mark.parametrize("ignore", [-100, 2])
def test_nll_and_cross_entropy(reduction, weight, ignore):
    w = Const(CW) if weight else None

    def nll(F, L, x, t, *w):
        return F.nll_loss(F.log_softmax(x, 1), t, *w, ignore_index=ignore, reduction=reduction)

    def ce(F, L, x, t, *w):
        return F.cross_entropy(x, t, *w, ignore_index=ignore, reduction=reduction)

    def ce_smooth(F, L, x, t, *w):
        return F.cross_entropy(x, t, *w, ignore_index=ignore, reduction=reduction,
                               label_smoothing=0.2)
    args = (LOGITS, TARGET) + ((w,) if weight else ())
    for call in (nll, ce):
        compare(call, *args)
        gradcheck(call, *args)
    compare(ce_smooth, *args)
    gradcheck(ce_smooth, *args)
    x3, t3 = arr(2, 5, 3, 2), RNG.integers(0, 5, (2, 3, 2))
    compare(ce, x3, t3, *args[2:])
    compare(ce, arr(5), np.array(3), *args[2:])


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("smoothing", [0.0, 0.3])
def test_cross_entropy_probabilities(reduction, smoothing):
    p = np.exp(LOGITS) / np.exp(LOGITS).sum(1, keepdims=True)

    def call(F, L, x, t, w):
        return F.cross_entropy(x, t, w, reduction=reduction, label_smoothing=smoothing)
    compare(call, LOGITS, p, CW)
    gradcheck(call, LOGITS, p, CW)
    compare(lambda F, L, x, t: F.cross_entropy(x, t, reduction=reduction), LOGITS, p)


def test_nll_errors():
    call = lambda F, L, x, t: F.nll_loss(x, t)  # noqa: E731
    same_error(call, LOGITS, np.array([0, 1, 2]))
    same_error(call, LOGITS, np.array([0, 1, 2, 7]))
    same_error(call, LOGITS, TARGET.astype(np.int32))
    compare(call, LOGITS, TARGET.astype(np.uint8))
    same_error(lambda F, L, x, t, w: F.nll_loss(x, t, w.requires_grad_()), LOGITS, TARGET, CW)
    same_error(lambda F, L, x, t, w: F.nll_loss(x, t, w), LOGITS, TARGET, arr(3))
    same_error(lambda F, L, x, t: F.cross_entropy(x, t, label_smoothing=1.5), LOGITS, TARGET)
    for xs, ts in [((2, 3), (2, 2)), ((2, 3, 4, 4), (2, 4)), ((2, 3, 4, 4), (2, 5, 4)),
                   ((2, 3, 4), (2, 5)), ((2, 3, 4), (2,)), ((2, 3), ())]:
        same_error(call, arr(*xs), np.zeros(ts, np.int64))
    for shape in [(2, 3, 4), (2, 3, 2, 2, 2)]:
        for reduction in REDUCTIONS:
            compare(lambda F, L, x, t: F.cross_entropy(x, t, reduction=reduction), arr(*shape),
                    RNG.integers(0, 3, (2,) + shape[2:]))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
def test_binary_cross_entropy(reduction, weighted):
    x, t = arr(3, 4, low=0.05, high=0.95), arr(3, 4, low=0, high=1)
    args = (x, t) + ((Const(arr(4, low=0.1)),) if weighted else ())

    def bce(F, L, x, t, *w):
        return F.binary_cross_entropy(x, t, *w, reduction=reduction)

    def logits(F, L, x, t, *w):
        return F.binary_cross_entropy_with_logits(x, t, *w, reduction=reduction)

    def pos(F, L, x, t, *w):
        return F.binary_cross_entropy_with_logits(x, t, *w, reduction=reduction,
                                                  pos_weight=L.tensor([0.5, 1.0, 2.0, 3.0],
                                                                      dtype=L.float64))
    for call in (bce, logits, pos):
        compare(call, *args)
        gradcheck(call, *args)
    compare(logits, arr(3, 4, low=-30, high=30), t)
    same_error(bce, x * 3, t)
    same_error(bce, x, t[0])
    same_error(logits, x, t[0])


@pytest.mark.parametrize("reduction", REDUCTIONS + ["batchmean"])
@pytest.mark.parametrize("log_target", [False, True])
def test_kl_div(reduction, log_target):
    x = np.log(arr(3, 4, low=0.1, high=1))
    t = arr(3, 4, low=0, high=1)
    t[0, 0] = 0
    if log_target:
        t = np.log(t + 0.1)

    def call(F, L, x, t):
        if reduction == "mean":
            with pytest.warns(UserWarning, match="reduction: 'mean' divides the total loss"):
                return F.kl_div(x, t, reduction=reduction, log_target=log_target)
        return F.kl_div(x, t, reduction=reduction, log_target=log_target)
    compare(call, x, t)


@pytest.mark.parametrize("mode", ["constant", "reflect", "replicate", "circular"])
@pytest.mark.parametrize("shape,pads", [((2, 3, 5), (1, 2)), ((1, 2, 4, 5), (2, 1, 0, 3)),
                                        ((2, 1, 3, 3, 4), (1, 1, 2, 0, 1, 2))])
def test_pad(mode, shape, pads):
    call = lambda F, L, x: F.pad(x, pads, mode=mode)  # noqa: E731
    compare(call, arr(*shape), check_chain=mode != "circular")
    gradcheck(call, arr(*shape))


def test_pad_constant_and_errors():
    x = arr(2, 3, 4)
    compare(lambda F, L, x: F.pad(x, (-1, 2), value=7.5), x)
    compare(lambda F, L, x: F.pad(x, (1, 1, -1, 0, 2, 0)), x)
    compare(lambda F, L, x: F.pad(x, (1, 1)), x.astype(np.int64), grad=False)
    gradcheck(lambda F, L, x: F.pad(x, (-1, 2, 1, -2)), x)
    for pads, kw in [((4, 4), {"mode": "reflect"}), ((1,), {}), ((1, 1, 1, 1, 1, 1, 1, 1), {}),
                     ((5, 5), {"mode": "circular"}), ((1, 1), {"mode": "foo"}),
                     ((1, 1), {"mode": "reflect", "value": 2.0})]:
        same_error(lambda F, L, x: F.pad(x, pads, **kw), x)
    same_error(lambda F, L, x: F.pad(x, (1, 1), mode="reflect"), arr(3))


CONV2D = [
    ({}, (2, 3, 6, 7), (4, 3, 3, 2)),
    ({"stride": 2, "padding": 1}, (2, 3, 6, 7), (4, 3, 3, 2)),
    ({"stride": (1, 2), "padding": (2, 0), "dilation": (2, 1)}, (1, 3, 7, 6), (4, 3, 2, 3)),
    ({"padding": "same", "dilation": 2, "groups": 2}, (2, 4, 5, 6), (6, 2, 3, 2)),
    ({"padding": "valid", "groups": 2}, (2, 4, 5, 6), (6, 2, 3, 2)),
    ({}, (3, 6, 5), (2, 3, 2, 2)),
]


@pytest.mark.parametrize("i", range(len(CONV2D)))
@pytest.mark.parametrize("bias", [True, False])
def test_conv2d(i, bias):
    kw, xs, ws = CONV2D[i]
    args = (arr(*xs), arr(*ws)) + ((arr(ws[0]),) if bias else ())
    call = lambda F, L, x, w, *b: F.conv2d(x, w, *b, **kw)  # noqa: E731
    compare(call, *args, rtol=1e-9, atol=1e-9)
    gradcheck(call, *args)
    compare(call, *(a.astype(np.float32) for a in args), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("kw", [{}, {"stride": 2, "padding": 2, "dilation": 2},
                                {"padding": "same", "groups": 3}])
def test_conv1d(kw):
    args = (arr(2, 3, 9), arr(6, 3 // kw.get("groups", 1), 3), arr(6))
    call = lambda F, L, x, w, b: F.conv1d(x, w, b, **kw)  # noqa: E731
    compare(call, *args, rtol=1e-9, atol=1e-9)
    gradcheck(call, *args)


def test_conv_errors_and_double_backward():
    x, w = arr(1, 3, 5, 5), arr(4, 3, 2, 2)
    same_error(lambda F, L, x, w: F.conv2d(x, w[:, :2]), x, w)
    same_error(lambda F, L, x, w: F.conv2d(x, w, groups=2), x, w)
    same_error(lambda F, L, x, w: F.conv2d(x, w, stride=2, padding="same"), x, w)
    same_error(lambda F, L, x, w: F.conv2d(x, w, padding="foo"), x, w)
    nt = build(numtorch, (x, w), True)
    assert numtorch.autograd.gradgradcheck(lambda a, b: NF.conv2d(a, b, padding=1), nt)


@pytest.mark.parametrize("kw", [{"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1},
                                {"kernel_size": (2, 3), "stride": (2, 1), "ceil_mode": True},
                                {"kernel_size": 3, "stride": 2, "padding": 1,
                                 "ceil_mode": True}])
@pytest.mark.parametrize("shape", [(2, 3, 7, 6), (3, 5, 5)])
def test_pooling(kw, shape):
    x = arr(*shape)
    compare(lambda F, L, x: F.max_pool2d(x, **kw), x)
    gradcheck(lambda F, L, x: F.max_pool2d(x, **kw), x)
    compare(lambda F, L, x: F.max_pool2d(x, dilation=2, **kw), x)
    for F, L in ((TF, torch), (NF, numtorch)):
        r, idx = F.max_pool2d(L.tensor(x), return_indices=True, **kw)
        if L is torch:
            expected = idx.numpy()
    np.testing.assert_array_equal(idx.numpy(), expected)
    for extra in ({}, {"count_include_pad": False}, {"divisor_override": 3}):
        call = lambda F, L, x: F.avg_pool2d(x, **kw, **extra)  # noqa: E731
        compare(call, x)
        gradcheck(call, x)


@pytest.mark.parametrize("size", [2, (3, 4), (None, 2), 1, (5, 7)])
def test_adaptive_avg_pool2d(size):
    call = lambda F, L, x: F.adaptive_avg_pool2d(x, size)  # noqa: E731
    compare(call, arr(2, 3, 5, 7))
    compare(call, arr(3, 5, 7))
    gradcheck(call, arr(1, 2, 5, 7))


def test_pool_errors():
    x = arr(1, 3, 5, 5)
    same_error(lambda F, L, x: F.max_pool2d(x, 2, padding=2), x)
    same_error(lambda F, L, x: F.avg_pool2d(x, 2, padding=2), x)


@pytest.mark.parametrize("shape", [(3,), (4, 3), (2, 4, 3)])
@pytest.mark.parametrize("bias", [True, False])
def test_bilinear(shape, bias):
    x1, x2, w = arr(*shape), arr(*shape[:-1], 2), arr(5, 3, 2)
    args = (x1, x2, w) + ((arr(5),) if bias else ())
    call = lambda F, L, a, b, w, *c: F.bilinear(a, b, w, *c)  # noqa: E731
    compare(call, *args)
    gradcheck(call, *args)
    same_error(call, x1, arr(*shape, 2), w)
    same_error(call, x1, x1, w)
    same_error(lambda F, L, a, b, w, c: F.bilinear(a, b, w, c), x1, x2, w, arr(4))


DOUBLE = [
    lambda F, x, y: F.leaky_relu(x, 0.2),
    lambda F, x, y: F.elu(x),
    lambda F, x, y: F.gelu(x),
    lambda F, x, y: F.gelu(x, approximate="tanh"),
    lambda F, x, y: F.silu(x),
    lambda F, x, y: F.softplus(x, beta=2),
    lambda F, x, y: F.hardtanh(x),
    lambda F, x, y: F.layer_norm(x, (4,)),
    lambda F, x, y: F.mse_loss(x, y),
    lambda F, x, y: F.huber_loss(x, y, delta=0.5),
    lambda F, x, y: F.smooth_l1_loss(x, y, reduction="none"),
    lambda F, x, y: F.cross_entropy(x, y.argmax(1)),
    lambda F, x, y: F.binary_cross_entropy_with_logits(x, y.sigmoid()),
    lambda F, x, y: F.binary_cross_entropy(x.sigmoid(), y.sigmoid()),
    lambda F, x, y: F.pad(x, (1, 2), mode="reflect"),
    lambda F, x, y: F.avg_pool2d(x.reshape(1, 1, 3, 4), 2, 1),
    lambda F, x, y: F.max_pool2d(x.reshape(1, 1, 3, 4), 2, 1),
    lambda F, x, y: F.adaptive_avg_pool2d(x.reshape(1, 1, 3, 4), 2),
]


@pytest.mark.parametrize("i", range(len(DOUBLE)))
def test_double_backward(i):
    x, y = build(numtorch, (X, T), True)
    assert numtorch.autograd.gradgradcheck(lambda a, b: DOUBLE[i](NF, a, b), (x, y))


@pytest.mark.parametrize("call", [
    lambda F, L, x: F.leaky_relu(x * 1, -0.1, inplace=True).sum().backward(),
    lambda F, L, x: F.elu(x * 1, -0.5, inplace=True).sum().backward(),
    lambda F, L, x: F.gelu(x, approximate="foo"),
    lambda F, L, x: F.hardtanh(x, 2, 1),
    lambda F, L, x: F.embedding(L.tensor([5]), x),
    lambda F, L, x: F.embedding(L.tensor([-1]), x),
    lambda F, L, x: F.layer_norm(x, (3,), L.ones(2, dtype=L.float64)),
    lambda F, L, x: F.layer_norm(x, (3,), L.ones(3, dtype=L.float32)),
    lambda F, L, x: F.batch_norm(x, L.zeros(2, dtype=L.float64), L.ones(3, dtype=L.float64)),
    lambda F, L, x: F.batch_norm(x, L.zeros(3, dtype=L.float64), L.ones(2, dtype=L.float64)),
    lambda F, L, x: F.batch_norm(x, L.zeros(3), L.ones(3)),
    lambda F, L, x: F.cross_entropy(x, L.tensor([[0.5, 0.5]], dtype=L.float64)),
    lambda F, L, x: F.cross_entropy(x, L.ones(2, dtype=L.float64)),
    lambda F, L, x: F.nll_loss(x, L.tensor([0, 1]), L.ones(3, dtype=L.float32)),
    lambda F, L, x: F.binary_cross_entropy(x.sigmoid(), L.ones(2, 3)),
    lambda F, L, x: F.kl_div(x, x, reduction="bad"),
    lambda F, L, x: F.softmax(x, 3),
    lambda F, L, x: F.max_pool2d(x[None] > 0, 1),
    lambda F, L, x: F.adaptive_avg_pool2d(x[None].long(), 1),
    lambda F, L, x: F.layer_norm(x.long(), (3,)),
])
def test_errors(call):
    same_error(call, arr(2, 3))


def test_linear_vector_weight():
    compare(lambda F, L, x, w: F.linear(x, w), arr(2, 3), arr(3))


@pytest.mark.parametrize("xt,pt", [("float32", "float64"), ("float64", "float32"),
                                   ("float16", "float32"), ("float16", "float64")])
def test_norm_mixed_dtypes(xt, pt):
    x = arr(2, 3).astype(xt)
    for call in (lambda F, L, x: F.layer_norm(x, (3,), L.ones(3, dtype=getattr(L, pt))),
                 lambda F, L, x: F.batch_norm(x, L.zeros(3, dtype=getattr(L, pt)),
                                              L.ones(3, dtype=getattr(L, pt)))):
        try:
            call(TF, torch, torch.tensor(x))
        except RuntimeError:
            same_error(call, x)
        else:
            compare(call, x, grad=False, rtol=1e-3, atol=1e-3)
