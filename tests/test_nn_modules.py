"""numtorch.nn modules, parameters, init and utils against PyTorch: same seed, same calls."""

import copy
import pickle
from collections import OrderedDict

import numpy as np
import pytest
import torch

import numtorch as nt

BOTH = (nt, torch)


def _np(t):
    return t.detach().numpy()


def _close(a, b, rtol=1e-5, atol=1e-6):
    np.testing.assert_allclose(_np(a), _np(b), rtol=rtol, atol=atol)


def _same_error(fn):
    """`fn(T)` raises the same exception class and message under numtorch and torch."""
    errors = []
    for T in BOTH:
        with pytest.raises(Exception) as info:
            fn(T)
        errors.append((type(info.value).__name__, str(info.value).split("\n")[0]))
    assert errors[0] == errors[1]


class Net:
    """A small module class defined once per library."""

    @staticmethod
    def build(T):
        class Block(T.nn.Module):
            def __init__(self):
                super().__init__()
                self.lin = T.nn.Linear(4, 3)
                self.register_buffer("scale", T.ones(3))
                self.register_buffer("tmp", T.zeros(1), persistent=False)
                self.act = T.nn.ReLU()

            def forward(self, x):
                return self.act(self.lin(x)) * self.scale

        class Model(T.nn.Module):
            def __init__(self):
                super().__init__()
                self.first = Block()
                self.shared = T.nn.Linear(3, 3)
                self.seq = T.nn.Sequential(self.shared, T.nn.Tanh(), self.shared)
                self.head = T.nn.Linear(3, 2, bias=False)
                self.alpha = T.nn.Parameter(T.tensor(0.5))

            def forward(self, x):
                return self.head(self.seq(self.first(x))) * self.alpha

        T.manual_seed(0)
        return Model()


def test_linear_init_matches_torch_stream():
    for shape in [(3, 2), (5, 7), (1, 1)]:
        ws = []
        for T in BOTH:
            T.manual_seed(0)
            lin = T.nn.Linear(*shape)
            ws.append((lin.weight, lin.bias))
        assert np.array_equal(_np(ws[0][0]), _np(ws[1][0]))
        assert np.array_equal(_np(ws[0][1]), _np(ws[1][1]))


def test_parameter_basics():
    ps = [T.nn.Parameter(T.arange(4.0).reshape(2, 2)) for T in BOTH]
    assert repr(ps[0]) == repr(ps[1])
    assert isinstance(ps[0], nt.nn.Parameter) and isinstance(ps[0], nt.Tensor)
    assert ps[0].requires_grad and ps[0].is_leaf
    assert repr(nt.nn.Parameter(nt.ones(2), requires_grad=False)) == \
        repr(torch.nn.Parameter(torch.ones(2), requires_grad=False))
    assert repr(nt.nn.Parameter()) == repr(torch.nn.Parameter())
    out = [(p * 2 + 1).sum() for p in ps]
    assert type(out[0]) is nt.Tensor
    for o in out:
        o.backward()
    _close(ps[0].grad, ps[1].grad)
    _same_error(lambda T: T.nn.Parameter(T.ones(2, dtype=T.int64)))
    copied = copy.deepcopy(ps[0])
    assert isinstance(copied, nt.nn.Parameter) and copied.requires_grad
    assert repr(pickle.loads(pickle.dumps(ps[0]))) == repr(ps[0])


def test_module_registration_and_traversal():
    models = [Net.build(T) for T in BOTH]
    for fn in (lambda m: [n for n, _ in m.named_parameters()],
               lambda m: [n for n, _ in m.named_buffers()],
               lambda m: [n for n, _ in m.named_modules()],
               lambda m: [n for n, _ in m.named_children()],
               lambda m: list(m.state_dict().keys()),
               lambda m: list(m.state_dict()._metadata.items()),
               lambda m: [n for n, _ in m.named_parameters(remove_duplicate=False)],
               lambda m: [n for n, _ in m.named_parameters(prefix="p", recurse=False)],
               lambda m: len(list(m.parameters())),
               lambda m: len(list(m.modules())),
               lambda m: repr(m),
               lambda m: repr(m.first.lin.weight)):
        assert fn(models[0]) == fn(models[1])
    outs = [m(T.ones(2, 4)) for m, T in zip(models, BOTH)]
    _close(outs[0], outs[1])


def test_setattr_getattr_delattr_rules():
    for T in BOTH:
        m = T.nn.Linear(2, 2)
        m.extra = 3
        assert "extra" in m.__dict__
        m.weight = None
        assert "weight" in m._parameters and m.weight is None
        del m.bias
        assert "bias" not in m._parameters
        m.sub = T.nn.ReLU()
        assert "sub" in m._modules
        m.sub = T.nn.Parameter(T.ones(1))
        assert "sub" in m._parameters and "sub" not in m._modules
        m.buf = T.nn.Buffer(T.ones(2), persistent=False)
        assert "buf" in m._buffers and "buf" not in m.state_dict()
    _same_error(lambda T: setattr(T.nn.Linear(2, 2), "weight", T.ones(2)))
    _same_error(lambda T: setattr(T.nn.Sequential(T.nn.ReLU()), "0", 3))
    _same_error(lambda T: T.nn.Linear(2, 2).nothing)
    _same_error(lambda T: T.nn.Linear(2, 2).register_buffer("weight", T.ones(1)))
    _same_error(lambda T: T.nn.Linear(2, 2).register_buffer("a.b", T.ones(1)))
    _same_error(lambda T: T.nn.Linear(2, 2).register_buffer("x", 3))
    _same_error(lambda T: T.nn.Linear(2, 2).register_parameter("x", T.ones(1)))
    _same_error(lambda T: T.nn.Linear(2, 2).add_module("x", 3))
    _same_error(lambda T: T.nn.Module().forward())

    def before_init(T):
        class Bad(T.nn.Module):
            def __init__(self):
                self.w = T.nn.Parameter(T.ones(1))
        Bad()
    _same_error(before_init)


def test_state_dict_round_trip_and_errors():
    a, b = Net.build(nt), Net.build(nt)
    with nt.no_grad():
        for p in b.parameters():
            p.add_(1)
    result = a.load_state_dict(b.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    for (n1, p1), (n2, p2) in zip(a.named_parameters(), b.named_parameters()):
        assert n1 == n2 and np.array_equal(_np(p1), _np(p2))

    def missing(T):
        m = Net.build(T)
        sd = m.state_dict()
        del sd["head.weight"]
        sd["extra"] = T.ones(1)
        sd["first.lin.weight"] = T.ones(5, 5)
        m.load_state_dict(sd)
    errors = []
    for T in BOTH:
        with pytest.raises(RuntimeError) as info:
            missing(T)
        errors.append(str(info.value))
    assert errors[0] == errors[1]
    keys = []
    for T in BOTH:
        m = Net.build(T)
        sd = m.state_dict()
        del sd["alpha"]
        sd["zzz"] = T.ones(1)
        keys.append(tuple(m.load_state_dict(sd, strict=False)))
    assert keys[0] == keys[1]
    _same_error(lambda T: T.nn.Linear(2, 2).load_state_dict([1]))


def test_modes_grads_conversions():
    for T in BOTH:
        m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.Dropout(0.1))
        assert m.training and m[1].training
        m.eval()
        assert not m.training and not m[1].training
        m.train()
        assert m[1].training
        m(T.ones(1, 2)).sum().backward()
        assert m[0].weight.grad is not None
        m.zero_grad(set_to_none=False)
        assert m[0].weight.grad.abs().sum().item() == 0
        m.zero_grad()
        assert m[0].weight.grad is None
        m.requires_grad_(False)
        assert not any(p.requires_grad for p in m.parameters())
        w = m[0].weight
        m.double()
        assert m[0].weight is w and w.dtype == T.float64
        m.to(T.float32)
        assert w.dtype == T.float32 and isinstance(m[0].weight, T.nn.Parameter)
        seen = []
        m.apply(lambda mod: seen.append(type(mod).__name__))
        assert seen == ["Linear", "Dropout", "Sequential"]
    _same_error(lambda T: T.nn.Linear(2, 2).to(T.int64))


def test_forward_hooks():
    outs = []
    for T in BOTH:
        m = T.nn.Linear(2, 2)
        calls = []
        h1 = m.register_forward_pre_hook(lambda mod, args: (args[0] * 2,))
        h2 = m.register_forward_hook(lambda mod, args, out: out + 1)
        m.register_forward_hook(lambda mod, args, out: calls.append(out.shape))
        with T.no_grad():
            m.weight.fill_(1.0)
            m.bias.fill_(0.0)
        x = T.ones(1, 2)
        outs.append((m(x), calls[:]))
        h1.remove()
        h2.remove()
        outs.append((m(x), calls[:]))
    for (a, ca), (b, cb) in [(outs[0], outs[2]), (outs[1], outs[3])]:
        _close(a, b)
        assert ca == cb


def test_containers():
    for T in BOTH:
        T.manual_seed(0)
    seqs = [T.nn.Sequential(T.nn.Linear(2, 3), T.nn.ReLU(), T.nn.Linear(3, 1)) for T in BOTH]
    for fn in (lambda s: repr(s[1:]), lambda s: repr(s[-1]), lambda s: len(s),
               lambda s: repr(s.append(s[1])), lambda s: repr(s + s),
               lambda s: list(dict(s.named_children())), lambda s: repr(s * 2)):
        assert fn(seqs[0]) == fn(seqs[1])
    for s in seqs:
        del s[1]
    assert repr(seqs[0]) == repr(seqs[1])
    _same_error(lambda T: T.nn.Sequential(T.nn.ReLU())[3])
    od = [T.nn.Sequential(OrderedDict([("a", T.nn.ReLU()), ("b", T.nn.Tanh())])) for T in BOTH]
    assert repr(od[0]) == repr(od[1])
    lists = [T.nn.ModuleList([T.nn.ReLU(), T.nn.ReLU(), T.nn.Tanh()]) for T in BOTH]
    for ml, T in zip(lists, BOTH):
        ml.append(T.nn.Identity())
        ml.insert(0, T.nn.Sigmoid())
        ml.extend([T.nn.Identity()])
    assert repr(lists[0]) == repr(lists[1])
    assert repr(lists[0][1:3]) == repr(lists[1][1:3])
    dicts = [T.nn.ModuleDict({"act": T.nn.ReLU(), "lin": T.nn.Identity()}) for T in BOTH]
    for d in dicts:
        d.pop("act")
    assert repr(dicts[0]) == repr(dicts[1]) and list(dicts[0].keys()) == list(dicts[1].keys())
    plists = [T.nn.ParameterList([T.nn.Parameter(T.ones(2, 3)), T.zeros(4)]) for T in BOTH]
    assert repr(plists[0]) == repr(plists[1])
    assert [n for n, _ in plists[0].named_parameters()] == \
        [n for n, _ in plists[1].named_parameters()]
    assert isinstance(plists[0][1], nt.nn.Parameter)
    pdicts = [T.nn.ParameterDict({"a": T.ones(2)}) for T in BOTH]
    assert repr(pdicts[0]) == repr(pdicts[1])


LAYERS = [
    ("Identity", lambda T: T.nn.Identity(3, x=1), (2, 3)),
    ("Flatten", lambda T: T.nn.Flatten(), (2, 3, 4)),
    ("Unflatten", lambda T: T.nn.Unflatten(1, (2, 2)), (3, 4)),
    ("ReLU", lambda T: T.nn.ReLU(), (2, 3)),
    ("LeakyReLU", lambda T: T.nn.LeakyReLU(0.2), (2, 3)),
    ("GELU", lambda T: T.nn.GELU(approximate="tanh"), (2, 3)),
    ("SiLU", lambda T: T.nn.SiLU(), (2, 3)),
    ("Sigmoid", lambda T: T.nn.Sigmoid(), (2, 3)),
    ("Tanh", lambda T: T.nn.Tanh(), (2, 3)),
    ("Softmax", lambda T: T.nn.Softmax(dim=1), (2, 3)),
    ("LogSoftmax", lambda T: T.nn.LogSoftmax(dim=-1), (2, 3)),
    ("Dropout", lambda T: T.nn.Dropout(0.3).eval(), (2, 3)),
    ("Linear", lambda T: T.nn.Linear(3, 4), (2, 3)),
    ("LayerNorm", lambda T: T.nn.LayerNorm(3), (2, 3)),
    ("LayerNorm2", lambda T: T.nn.LayerNorm([2, 3], elementwise_affine=False), (4, 2, 3)),
    ("BatchNorm1d", lambda T: T.nn.BatchNorm1d(3), (4, 3)),
    ("BatchNorm2d", lambda T: T.nn.BatchNorm2d(3, momentum=None), (2, 3, 2, 2)),
    ("Conv1d", lambda T: T.nn.Conv1d(2, 4, 3, padding=1), (2, 2, 5)),
    ("Conv2d", lambda T: T.nn.Conv2d(2, 4, 3, stride=2, bias=False), (2, 2, 6, 6)),
    ("Conv1dSame", lambda T: T.nn.Conv1d(2, 2, 4, padding="same", dilation=2, groups=2),
     (1, 2, 9)),
    ("Conv2dReflect", lambda T: T.nn.Conv2d(2, 3, 3, padding=1, padding_mode="reflect"),
     (1, 2, 5, 5)),
    ("MaxPool2d", lambda T: T.nn.MaxPool2d(2), (1, 2, 4, 4)),
    ("MaxPool2dCeil", lambda T: T.nn.MaxPool2d(3, 2, 1, ceil_mode=True), (1, 2, 6, 6)),
    ("AvgPool2d", lambda T: T.nn.AvgPool2d(2, stride=1, padding=1), (1, 2, 4, 4)),
]


@pytest.mark.parametrize("name,make,shape", LAYERS, ids=[c[0] for c in LAYERS])
def test_layer_forward_backward_repr(name, make, shape):
    results = []
    for T in BOTH:
        T.manual_seed(0)
        layer = make(T)
        x = T.randn(*shape, requires_grad=True)
        y = layer(x)
        (y * T.randn(y.shape)).sum().backward()
        results.append((repr(layer), y, x.grad, [(n, p.grad) for n, p in
                                                 layer.named_parameters()],
                        list(layer.state_dict()), dict(layer.named_buffers())))
    a, b = results
    assert a[0] == b[0] and a[4] == b[4]
    _close(a[1], b[1])
    _close(a[2], b[2])
    for (na, ga), (nb, gb) in zip(a[3], b[3]):
        assert na == nb
        _close(ga, gb)
    for k in a[5]:
        _close(a[5][k], b[5][k])


def test_layer_errors():
    _same_error(lambda T: T.nn.Dropout(1.5))
    _same_error(lambda T: T.nn.Conv2d(3, 4, 3, groups=2))
    _same_error(lambda T: T.nn.BatchNorm2d(3)(T.ones(2, 3)))
    _same_error(lambda T: T.nn.Unflatten(1, 4))
    _same_error(lambda T: T.nn.Conv2d(2, 2, 3, padding="full"))
    _same_error(lambda T: T.nn.Conv2d(2, 2, 3, padding_mode="wrap"))
    _same_error(lambda T: T.nn.Embedding(3, 2, padding_idx=5))


def test_embedding():
    outs = []
    for T in BOTH:
        T.manual_seed(0)
        emb = T.nn.Embedding(5, 3, padding_idx=1)
        idx = T.tensor([[0, 1], [4, 1]])
        y = emb(idx)
        y.sum().backward()
        outs.append((repr(emb), emb.weight, y, emb.weight.grad))
    assert outs[0][0] == outs[1][0]
    for a, b in zip(outs[0][1:], outs[1][1:]):
        _close(a, b)


LOSSES = [
    ("MSELoss", lambda T: T.nn.MSELoss(), "float"),
    ("L1Loss", lambda T: T.nn.L1Loss(reduction="sum"), "float"),
    ("SmoothL1Loss", lambda T: T.nn.SmoothL1Loss(beta=0.5), "float"),
    ("CrossEntropyLoss", lambda T: T.nn.CrossEntropyLoss(label_smoothing=0.1), "class"),
    ("NLLLoss", lambda T: T.nn.NLLLoss(weight=T.tensor([1.0, 2.0, 0.5])), "class"),
    ("BCELoss", lambda T: T.nn.BCELoss(), "prob"),
    ("BCEWithLogitsLoss", lambda T: T.nn.BCEWithLogitsLoss(pos_weight=T.tensor([2.0, 1.0,
                                                                                0.5])), "prob"),
]


@pytest.mark.parametrize("name,make,kind", LOSSES, ids=[c[0] for c in LOSSES])
def test_losses(name, make, kind):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 3)).astype(np.float32)
    target = {"float": rng.standard_normal((4, 3)).astype(np.float32),
              "class": np.array([0, 2, 1, 2]),
              "prob": rng.uniform(size=(4, 3)).astype(np.float32)}[kind]
    outs = []
    for T in BOTH:
        loss = make(T)
        inp = T.tensor(x, requires_grad=True)
        arg = inp.sigmoid() if name == "BCELoss" else inp
        value = loss(arg, T.tensor(target))
        value.backward()
        outs.append((repr(loss), value, inp.grad, list(loss.state_dict())))
    assert outs[0][0] == outs[1][0] and outs[0][3] == outs[1][3]
    _close(outs[0][1], outs[1][1])
    _close(outs[0][2], outs[1][2])


def test_init_functions_match_stream():
    inits = [
        lambda T, w: T.nn.init.uniform_(w, -2, 3),
        lambda T, w: T.nn.init.normal_(w, 1, 2),
        lambda T, w: T.nn.init.constant_(w, 0.3),
        lambda T, w: T.nn.init.zeros_(w),
        lambda T, w: T.nn.init.ones_(w),
        lambda T, w: T.nn.init.eye_(w),
        lambda T, w: T.nn.init.xavier_uniform_(w, gain=T.nn.init.calculate_gain("relu")),
        lambda T, w: T.nn.init.xavier_normal_(w),
        lambda T, w: T.nn.init.kaiming_uniform_(w, mode="fan_out", nonlinearity="relu"),
        lambda T, w: T.nn.init.kaiming_normal_(w, a=0.1),
        lambda T, w: T.nn.init.trunc_normal_(w, std=0.5),
        lambda T, w: T.nn.init.trunc_normal_(w, mean=0.0, std=1.0, a=-0.1, b=0.1),
    ]
    for fn in inits:
        ws = []
        for T in BOTH:
            T.manual_seed(3)
            w = T.nn.Parameter(T.empty(6, 5))
            assert fn(T, w) is w
            ws.append(w)
        _close(ws[0], ws[1], rtol=1e-6, atol=1e-7)
    for args in [("tanh",), ("leaky_relu", 0.2), ("conv2d",), ("selu",)]:
        assert nt.nn.init.calculate_gain(*args) == torch.nn.init.calculate_gain(*args)
    _same_error(lambda T: T.nn.init.calculate_gain("nope"))
    _same_error(lambda T: T.nn.init.xavier_uniform_(T.empty(3)))
    _same_error(lambda T: T.nn.init.kaiming_uniform_(T.empty(3, 3), mode="bad"))


def test_orthogonal_init():
    for shape in [(4, 6), (6, 4)]:
        nt.manual_seed(0)
        w = nt.nn.init.orthogonal_(nt.empty(*shape))
        a = _np(w)
        gram = a @ a.T if shape[0] < shape[1] else a.T @ a
        np.testing.assert_allclose(gram, np.eye(min(shape)), atol=1e-5)


def test_utils():
    outs = []
    for T in BOTH:
        T.manual_seed(0)
        m = T.nn.Sequential(T.nn.Linear(3, 4), T.nn.Linear(4, 2))
        m(T.randn(5, 3)).pow(2).sum().backward()
        norm = T.nn.utils.clip_grad_norm_(m.parameters(), 0.5)
        g1 = [p.grad.clone() for p in m.parameters()]
        inf_norm = T.nn.utils.clip_grad_norm_(m.parameters(), 0.1, norm_type="inf")
        T.nn.utils.clip_grad_value_(m.parameters(), 0.01)
        g2 = [p.grad.clone() for p in m.parameters()]
        vec = T.nn.utils.parameters_to_vector(m.parameters())
        T.nn.utils.vector_to_parameters(vec * 2, m.parameters())
        outs.append((norm, inf_norm, g1, g2, vec, list(m.parameters())))
    a, b = outs
    _close(a[0], b[0])
    _close(a[1], b[1])
    for x, y in zip(a[2] + a[3] + [a[4]] + a[5], b[2] + b[3] + [b[4]] + b[5]):
        _close(x, y)
    _same_error(lambda T: T.nn.utils.vector_to_parameters([1.0], []))
