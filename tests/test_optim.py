"""numtorch.optim against PyTorch: same seed, same data, a few training steps each."""

import numpy as np
import pytest
import torch

import numtorch as nt

BOTH = (nt, torch)


def _np(t):
    return t.detach().numpy()


def _same_error(fn):
    errors = []
    for T in BOTH:
        with pytest.raises(Exception) as info:
            fn(T)
        errors.append((type(info.value).__name__, str(info.value).split("\n")[0]))
    assert errors[0] == errors[1]


def _model(T):
    T.manual_seed(0)
    return T.nn.Sequential(T.nn.Linear(4, 3), T.nn.Tanh(), T.nn.Linear(3, 2))


def _train(T, make_opt, make_sched=None, steps=6, closure=False):
    model = _model(T)
    opt = make_opt(T, model.parameters())
    sched = make_sched(T, opt) if make_sched else None
    x, y = T.randn(8, 4), T.randn(8, 2)
    losses, lrs = [], []

    def compute():
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        return loss

    for _ in range(steps):
        if closure:
            loss = opt.step(compute)
        else:
            loss = compute()
            opt.step()
        losses.append(loss.item())
        if sched is not None:
            sched.step()
            lrs.append(sched.get_last_lr())
    return model, opt, losses, lrs, sched


OPTIMIZERS = {
    "sgd": lambda T, p: T.optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda T, p: T.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1,
                                             weight_decay=0.01),
    "sgd_nesterov_max": lambda T, p: T.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True,
                                                 maximize=True),
    "adam": lambda T, p: T.optim.Adam(p, lr=0.01),
    "adam_amsgrad_wd": lambda T, p: T.optim.Adam(p, lr=0.01, betas=(0.8, 0.9), amsgrad=True,
                                                 weight_decay=0.1),
    "adamw": lambda T, p: T.optim.AdamW(p, lr=0.01),
    "adamw_amsgrad_max": lambda T, p: T.optim.AdamW(p, lr=0.01, amsgrad=True, maximize=True),
    "rmsprop": lambda T, p: T.optim.RMSprop(p, lr=0.01),
    "rmsprop_centered": lambda T, p: T.optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True,
                                                     weight_decay=0.1),
    "adagrad": lambda T, p: T.optim.Adagrad(p, lr=0.1),
    "adagrad_decay": lambda T, p: T.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.1,
                                                  initial_accumulator_value=0.1),
}


def _state_summary(sd):
    return ({k: sorted(v) for k, v in sd["state"].items()}, sd["param_groups"])


@pytest.mark.parametrize("name", list(OPTIMIZERS))
@pytest.mark.parametrize("closure", [False, True])
def test_optimizer_trajectory(name, closure):
    a, b = (_train(T, OPTIMIZERS[name], closure=closure) for T in BOTH)
    np.testing.assert_allclose(a[2], b[2], rtol=1e-5)
    for pa, pb in zip(a[0].parameters(), b[0].parameters()):
        np.testing.assert_allclose(_np(pa), _np(pb), rtol=1e-5, atol=1e-6)
    sa, sb = a[1].state_dict(), b[1].state_dict()
    assert _state_summary(sa) == _state_summary(sb)
    for k, state in sa["state"].items():
        for key, value in state.items():
            other = sb["state"][k][key]
            assert value.dtype.itemsize == other.dtype.itemsize and value.shape == other.shape
            np.testing.assert_allclose(_np(value), _np(other), rtol=1e-5, atol=1e-6)
    assert repr(a[1]) == repr(b[1])


@pytest.mark.parametrize("name", ["adam_amsgrad_wd", "adamw", "rmsprop_centered",
                                  "adagrad_decay", "sgd_momentum"])
def test_complex_parameters(name):
    rng = np.random.default_rng(0)
    z = (rng.standard_normal((3, 2)) + 1j * rng.standard_normal((3, 2))).astype(np.complex64)
    grads = [(rng.standard_normal((3, 2)) + 1j * rng.standard_normal((3, 2)))
             .astype(np.complex64) for _ in range(4)]
    out = []
    for T in BOTH:
        p = T.nn.Parameter(T.tensor(z))
        opt = OPTIMIZERS[name](T, [p])
        for g in grads:
            p.grad = T.tensor(g)
            opt.step()
        out.append(_np(p))
    np.testing.assert_allclose(out[0], out[1], rtol=1e-5, atol=1e-6)


def test_state_dict_round_trip():
    model, opt, *_ = _train(nt, OPTIMIZERS["adam_amsgrad_wd"], steps=3)
    fresh = nt.optim.Adam(model.parameters(), lr=0.5)
    fresh.load_state_dict(opt.state_dict())
    assert fresh.param_groups[0]["lr"] == 0.01
    params = list(model.parameters())
    for p in params:
        for key in ("exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"):
            assert np.array_equal(_np(fresh.state[p][key]), _np(opt.state[p][key]))
    assert fresh.param_groups[0]["params"][0] is params[0]


def test_param_groups_and_errors():
    outs = []
    for T in BOTH:
        model = _model(T)
        opt = T.optim.SGD([{"params": model[0].parameters()},
                           {"params": model[2].parameters(), "lr": 0.5}], lr=0.1, momentum=0.5)
        extra = T.nn.Parameter(T.ones(2))
        opt.add_param_group({"params": extra, "lr": 1.0})
        outs.append((repr(opt), [sorted(g) for g in opt.param_groups],
                     opt.state_dict()["param_groups"]))
    assert outs[0] == outs[1]
    _same_error(lambda T: T.optim.SGD([], lr=0.1))
    _same_error(lambda T: T.optim.SGD(T.ones(2, requires_grad=True), lr=0.1))
    _same_error(lambda T: T.optim.SGD([T.ones(2, requires_grad=True)], lr=-1))
    _same_error(lambda T: T.optim.SGD([T.ones(2, requires_grad=True)], lr=0.1, nesterov=True))
    _same_error(lambda T: T.optim.Adam([T.ones(2, requires_grad=True)], betas=(1.0, 0.9)))
    _same_error(lambda T: T.optim.SGD([(T.ones(2, requires_grad=True) * 2)], lr=0.1))
    _same_error(lambda T: T.optim.SGD([1.0], lr=0.1))
    _same_error(lambda T: T.optim.RMSprop([T.ones(2, requires_grad=True)], alpha=-1))

    def overlap(T):
        p = T.ones(2, requires_grad=True)
        T.optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)
    _same_error(overlap)

    def mismatch(T):
        p, q = T.ones(2, requires_grad=True), T.ones(2, requires_grad=True)
        T.optim.SGD([p], lr=0.1).load_state_dict(T.optim.SGD([p, q], lr=0.1).state_dict())
    _same_error(mismatch)


def test_zero_grad():
    for T in BOTH:
        p = T.nn.Parameter(T.ones(2))
        opt = T.optim.SGD([p], lr=0.1)
        (p * 2).sum().backward()
        opt.zero_grad(set_to_none=False)
        assert p.grad is not None and p.grad.sum().item() == 0
        opt.zero_grad()
        assert p.grad is None


SCHEDULERS = {
    "step": lambda T, o: T.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5),
    "multistep": lambda T, o: T.optim.lr_scheduler.MultiStepLR(o, [1, 3, 3], gamma=0.3),
    "exponential": lambda T, o: T.optim.lr_scheduler.ExponentialLR(o, gamma=0.9),
    "cosine": lambda T, o: T.optim.lr_scheduler.CosineAnnealingLR(o, T_max=3, eta_min=0.001),
    "lambda": lambda T, o: T.optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (e + 1)),
}


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_scheduler(name):
    a, b = (_train(T, OPTIMIZERS["sgd_momentum"], SCHEDULERS[name], steps=8) for T in BOTH)
    np.testing.assert_allclose(a[3], b[3], rtol=1e-12)
    np.testing.assert_allclose(a[2], b[2], rtol=1e-5)
    sa, sb = a[4].state_dict(), b[4].state_dict()
    assert list(sa) == list(sb)
    assert sa["last_epoch"] == sb["last_epoch"] and sa["_step_count"] == sb["_step_count"]
    assert sorted(a[1].param_groups[0]) == sorted(b[1].param_groups[0])


def test_scheduler_closed_form_and_warnings():
    for T in BOTH:
        p = T.nn.Parameter(T.ones(1))
        opt = T.optim.SGD([p], lr=1.0)
        sched = T.optim.lr_scheduler.StepLR(opt, 2)
        with pytest.warns(UserWarning, match="before `optimizer.step\\(\\)`"):
            sched.step()
        with pytest.warns(UserWarning, match="epoch parameter"):
            sched.step(5)
        assert opt.param_groups[0]["lr"] == pytest.approx(0.01)
        with pytest.warns(UserWarning, match="get_last_lr"):
            sched.get_lr()
    _same_error(lambda T: T.optim.lr_scheduler.StepLR(T.optim.SGD([T.ones(1, requires_grad=True)],
                                                                  lr=1.0), 2, last_epoch=3))
    _same_error(lambda T: T.optim.lr_scheduler.StepLR(object(), 2))


def test_reduce_on_plateau():
    metrics = [1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.5, 0.6, 0.6, 0.6, 0.6]
    results = []
    for T in BOTH:
        p = T.nn.Parameter(T.ones(1))
        opt = T.optim.SGD([p], lr=1.0)
        sched = T.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=1, factor=0.5, cooldown=1,
                                                       min_lr=0.1)
        lrs = []
        for m in metrics:
            opt.step()
            sched.step(m)
            lrs.append(sched.get_last_lr()[0])
        results.append((lrs, sorted(sched.state_dict())))
    assert results[0] == results[1]
    _same_error(lambda T: T.optim.lr_scheduler.ReduceLROnPlateau(
        T.optim.SGD([T.ones(1, requires_grad=True)], lr=1.0), factor=2.0))
    _same_error(lambda T: T.optim.lr_scheduler.ReduceLROnPlateau(
        T.optim.SGD([T.ones(1, requires_grad=True)], lr=1.0), mode="up"))
