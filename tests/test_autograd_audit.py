"""The autograd audit's findings against PyTorch: custom Function details, grad-mode
decorators, retain_grad and hooks, `.grad` assignment, `autograd.grad` options, node names,
and the `autograd.functional`, `Variable`, `saved_tensors_hooks` and
`register_post_accumulate_grad_hook` APIs."""
import pytest

from diff import same


def leaf(m, values=(1.0, 2.0), dtype="float32"):
    return m.tensor(list(values), dtype=getattr(m, dtype), requires_grad=True)


# ---- custom Functions ------------------------------------------------------------------------
def _linear_function(m):
    class LinearFunction(m.autograd.Function):
        @staticmethod
        def forward(ctx, input, weight, bias=None):
            ctx.save_for_backward(input, weight, bias)
            output = input.mm(weight.t())
            if bias is not None:
                output += bias.unsqueeze(0).expand_as(output)
            return output

        @staticmethod
        def backward(ctx, grad_output):
            input, weight, bias = ctx.saved_tensors
            grad_bias = grad_output.sum(0) if bias is not None else None
            return grad_output.mm(weight), grad_output.t().mm(input), grad_bias
    return LinearFunction


def _linear_no_bias(m):
    x = m.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=m.float64, requires_grad=True)
    w = m.tensor([[0.5, 0.25, 1.5], [2.0, -1.0, 0.75]], dtype=m.float64, requires_grad=True)
    y = _linear_function(m).apply(x, w)
    y.sum().backward()
    return y, x.grad, w.grad, m.autograd.gradcheck(_linear_function(m).apply, (x, w))


def _function(m, forward, backward=None, vjp=None):
    attrs = {"forward": staticmethod(forward)}
    if backward is not None:
        attrs["backward"] = staticmethod(backward)
    if vjp is not None:
        attrs["vjp"] = staticmethod(vjp)
    return type("F", (m.autograd.Function,), attrs)


def _save_int(m):
    def forward(ctx, x):
        ctx.save_for_backward(x, 3)
        return x * 2
    return _function(m, forward, lambda ctx, g: g).apply(leaf(m))


def _save_int_without_grad(m):
    def forward(ctx, x):
        ctx.save_for_backward(x, 3)
        return x * 2
    return _function(m, forward, lambda ctx, g: g).apply(m.ones(2))


def _vjp_only(m):
    x = leaf(m)
    _function(m, lambda ctx, x: x * 2, vjp=lambda ctx, g: g * 3).apply(x).sum().backward()
    return x.grad


def _backward_and_vjp(m):
    F = _function(m, lambda ctx, x: x * 2, lambda ctx, g: g, lambda ctx, g: g)
    F.apply(leaf(m)).sum().backward()


def _instantiated(m):
    return _function(m, lambda ctx, x: x * 2, lambda ctx, g: g)()(m.ones(1))


def _inplace_on_output(make_output, op=lambda y: y.mul_(2)):
    def run(m):
        F = _function(m, make_output, lambda ctx, *g: g[0].reshape(2, 2) * 5)
        x = m.ones(2, 2, requires_grad=True)
        outs = F.apply(x * 1)
        op(outs)
        return x
    return run


FUNCTION_CASES = {
    "linear_tutorial_bias_none": _linear_no_bias,
    "save_for_backward_int": _save_int,
    "save_for_backward_int_no_grad": _save_int_without_grad,
    "vjp_alias": _vjp_only,
    "backward_and_vjp": _backward_and_vjp,
    "instantiated": _instantiated,
    "view_output_inplace": _inplace_on_output(lambda ctx, x: x.view(-1)),
    "input_returned_inplace": _inplace_on_output(lambda ctx, x: x),
    "two_view_outputs_inplace": _inplace_on_output(lambda ctx, x: (x.view(-1), x[0]),
                                                   lambda ys: ys[1].mul_(2)),
    "cloned_output_inplace_ok": _inplace_on_output(lambda ctx, x: x.view(-1).clone()),
}


@pytest.mark.parametrize("name", sorted(FUNCTION_CASES))
def test_custom_function(name):
    same(FUNCTION_CASES[name])


def test_view_output_inplace_without_grad_is_allowed():
    same(lambda m: _function(m, lambda ctx, x: x.view(-1), lambda ctx, g: g)
         .apply(m.ones(2)).mul_(2))


# ---- grad modes -----------------------------------------------------------------------------
def _decorated(mode, inside_no_grad=False):
    def run(m):
        f = getattr(m, mode)(lambda t: t * 2)
        if inside_no_grad:
            with m.no_grad():
                return f(leaf(m))
        return f(leaf(m))
    return run


def _generator(mode, parens=True):
    def run(m):
        deco = getattr(m, mode)
        deco = deco() if parens else deco

        @deco
        def gen():
            for _ in range(2):
                got = yield m.is_grad_enabled()
                assert got is None
        g = gen()
        first = next(g)
        between = m.is_grad_enabled()
        return first, between, list(g), m.is_grad_enabled()
    return run


def _generator_in_no_grad(m):
    @m.enable_grad()
    def gen():
        yield m.is_grad_enabled()
    with m.no_grad():
        return list(gen()), m.is_grad_enabled()


MODE_CASES = {
    "bare_no_grad": _decorated("no_grad"),
    "bare_enable_grad": _decorated("enable_grad", inside_no_grad=True),
    "bare_inference_mode": _decorated("inference_mode"),
    "no_grad_generator": _generator("no_grad"),
    "bare_no_grad_generator": _generator("no_grad", parens=False),
    "inference_mode_generator": _generator("inference_mode"),
    "enable_grad_generator": _generator_in_no_grad,
    "set_grad_enabled_generator": lambda m: list(m.set_grad_enabled(False)(
        lambda: (yield m.is_grad_enabled()))()),
    "clone": lambda m: [type(c()).__name__ == type(c().clone()).__name__
                        for c in (m.no_grad, m.enable_grad)],
    "clone_set_grad_enabled": lambda m: [m.set_grad_enabled(False).clone(),
                                         m.is_grad_enabled(), m.set_grad_enabled(True)][1],
    "clone_inference_mode": lambda m: m.inference_mode(False).clone().mode,
}


@pytest.mark.parametrize("name", sorted(MODE_CASES))
def test_grad_mode(name):
    same(MODE_CASES[name])


# ---- retain_grad, hooks, .grad ----------------------------------------------------------------
def _retain_then_inplace(m):
    x = leaf(m)
    y = x * 2
    y.retain_grad()
    y.mul_(3)
    (y * y).sum().backward()
    return y.grad, x.grad, y.retains_grad


def _retain_view_then_inplace(m):
    x = leaf(m, (1.0, 2.0, 3.0))
    y = x * 2
    v = y[1:]
    v.retain_grad()
    v.mul_(3)
    (y * y).sum().backward()
    return v.grad, x.grad


def _acc_node_hook(m):
    x = leaf(m)
    got = []
    y = x * 3
    y.grad_fn.next_functions[0][0].register_hook(lambda gi, go: got.append((gi, go[0] * 1)))
    y.sum().backward()
    m.autograd.grad((x * 3).sum(), x)
    return got


def _hook_returning(make):
    def run(m):
        x = leaf(m)
        x.register_hook(make)
        (x * 2).sum().backward()
        return x.grad
    return run


def _nonleaf_hook_resize(m):
    x = leaf(m)
    y = x * 2
    y.register_hook(lambda g: g[:1])
    y.sum().backward()


def _assign_grad(dtype, shape=(2,)):
    def run(m):
        x = leaf(m)
        x.grad = m.zeros(shape, dtype=getattr(m, dtype))
        return x.grad
    return run


def _post_accumulate(m):
    x = leaf(m)
    got = []
    handle = x.register_post_accumulate_grad_hook(lambda p: got.append(p.grad.clone()))
    (x * 5).sum().backward()
    m.autograd.grad((x * 5).sum(), x)
    (x * 2).sum().backward()
    handle.remove()
    (x * 2).sum().backward()
    return got, x.grad


def _post_accumulate_error(m, t):
    t.register_post_accumulate_grad_hook(lambda p: None)


HOOK_CASES = {
    "retain_grad_then_inplace": _retain_then_inplace,
    "retain_grad_view_then_inplace": _retain_view_then_inplace,
    "accumulate_grad_node_hook": _acc_node_hook,
    "hook_changes_size": _hook_returning(lambda g: g[:1]),
    "hook_changes_dtype": _hook_returning(lambda g: g.double()),
    "hook_same_size_ok": _hook_returning(lambda g: g * 2),
    "nonleaf_hook_changes_size": _nonleaf_hook_resize,
    "assign_grad_long": _assign_grad("int64"),
    "assign_grad_double": _assign_grad("float64"),
    "assign_grad_half": _assign_grad("float16"),
    "assign_grad_bool": _assign_grad("bool"),
    "assign_grad_uint8": _assign_grad("uint8"),
    "assign_grad_complex": _assign_grad("complex64"),
    "assign_grad_dtype_before_shape": _assign_grad("int32", (3,)),
    "assign_grad_shape": _assign_grad("float32", (3,)),
    "assign_grad_ok": _assign_grad("float32"),
    "assign_grad_to_int_tensor": lambda m: setattr(m.zeros(2, dtype=m.int64), "grad",
                                                   m.zeros(2)),
    "assign_grad_nonleaf_no_warning": lambda m: [y for y in [leaf(m) * 2]
                                                 if setattr(y, "grad", m.ones(2)) is None][0].grad,
    "post_accumulate_grad_hook": _post_accumulate,
    "post_accumulate_nonleaf": lambda m: _post_accumulate_error(m, leaf(m) * 2),
    "post_accumulate_no_grad": lambda m: _post_accumulate_error(m, m.ones(2)),
    "backward_inputs_nonleaf": lambda m: [
        (h ** 2).sum().backward(inputs=[h]) or (h.grad, h.retains_grad, x.grad)
        for x in [leaf(m)] for h in [x * 2]][0],
    "backward_inputs_nonleaf_twice": lambda m: [
        [(h ** 2).sum().backward(inputs=[h], retain_graph=True) for _ in range(2)]
        and (h * 3).sum().backward() or h.grad for h in [leaf(m) * 2]][0],
}


@pytest.mark.parametrize("name", sorted(HOOK_CASES))
def test_hooks_and_grad(name):
    same(HOOK_CASES[name])


# ---- autograd.grad, gradgradcheck, graph metadata ---------------------------------------------
def _batched(grad_outputs, outputs=lambda x: [x ** 2], **kw):
    def run(m):
        x = leaf(m)
        return m.autograd.grad(outputs(x), x, grad_outputs(m), is_grads_batched=True, **kw)
    return run


def _batched_unused(m, **kw):
    x = leaf(m)
    return m.autograd.grad([x ** 2], [x, m.ones(1, requires_grad=True)], [m.ones(3, 2)],
                           is_grads_batched=True, **kw)


def _names(m):
    x = leaf(m)
    y = x * 1
    y[0] = 5.0
    z = m.zeros(2)
    z.copy_(x)
    return (y.grad_fn.name(), (x * 1).grad_fn.next_functions[0][0].name(),
            z.grad_fn.name(), type(y.grad_fn).__name__)


GRAD_CASES = {
    "batched_eye": _batched(lambda m: m.eye(2)),
    "batched_create_graph": _batched(lambda m: m.ones(3, 2), create_graph=True),
    "batched_two_outputs": _batched(lambda m: [m.ones(3, 2), m.ones(3)],
                                    lambda x: [x ** 2, x.sum()]),
    "batched_bad_shape": _batched(lambda m: m.ones(3)),
    "batched_bad_shape_3d": _batched(lambda m: m.ones(3, 5, 7)),
    "batched_sizes_differ": _batched(lambda m: [m.ones(3, 2), m.ones(4)],
                                     lambda x: [x ** 2, x.sum()]),
    "batched_unused": lambda m: _batched_unused(m, allow_unused=True),
    "batched_materialize": lambda m: _batched_unused(m, materialize_grads=True),
    "grad_empty_inputs": lambda m: m.autograd.grad((leaf(m) * 2).sum(), []),
    "gradgradcheck_scalar_output": lambda m: m.autograd.gradgradcheck(
        lambda t: (t.sin() * t).sum(), (leaf(m, dtype="float64"),)),
    "node_names": _names,
    "output_nr": lambda m: [t.output_nr for x in [leaf(m, (1.0, 2.0, 3.0))]
                            for t in (x, x * 2, *x.unbind(), *(x * 1).split(2))],
    "variable": lambda m: [m.autograd.Variable(m.ones(2), requires_grad=True),
                           m.autograd.Variable(leaf(m) * 2), m.autograd.Variable(),
                           isinstance(m.ones(1), m.autograd.Variable)],
    "variable_shares_data": lambda m: [t for t in [m.ones(2)]
                                       if m.autograd.Variable(t).add_(1) is not None][0],
    "variable_volatile": lambda m: m.autograd.Variable(m.ones(1), volatile=True),
    "variable_not_tensor": lambda m: m.autograd.Variable([1.0]),
}


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_grad_options_and_metadata(name):
    same(GRAD_CASES[name])


def _next_functions(m):
    x = leaf(m)
    return [[(type(f).__name__ if f is not None else None, i) for f, i in t.grad_fn.next_functions]
            for t in (x * 2, x + 2, x / 2, m.where(x > 1, x, 0.0))]


def test_next_functions_of_scalar_operand():
    same(_next_functions)


def _no_grad_view(m):
    x = leaf(m)
    with m.no_grad():
        v = x[:1]
        w = (x * 1).view(2, 1)
    (v * 2).sum().backward()
    return v, repr(v), w, x.grad


def test_view_of_leaf_taken_in_no_grad():
    same(_no_grad_view)


# ---- saved_tensors_hooks ----------------------------------------------------------------------
def _saved_hooks(m):
    x = leaf(m)
    calls = []
    with m.autograd.graph.saved_tensors_hooks(
            lambda t: calls.append(("pack", tuple(t.shape))) or (t * 10,),
            lambda p: calls.append("unpack") or p[0] / 10):
        y = (x * 2).pow(3) * m.ones(2)
        z = _linear_function(m).apply(x[None], m.ones(1, 2, requires_grad=True))
    y.sum().backward()
    z.sum().backward()
    return calls, x.grad


def _unpack_not_tensor(m):
    x = leaf(m)
    with m.autograd.graph.saved_tensors_hooks(lambda t: 5, lambda p: p):
        y = x.pow(3)
    y.sum().backward()


def _save_on_cpu(m):
    x = leaf(m)
    with m.autograd.graph.save_on_cpu():
        (x * x).sum().backward()
    return x.grad


@pytest.mark.parametrize("fn", [_saved_hooks, _unpack_not_tensor, _save_on_cpu])
def test_saved_tensors_hooks(fn):
    same(fn)


# ---- autograd.functional --------------------------------------------------------------------
def _cubic(a):
    return (a ** 3).sum() + a[0] * a[1]


def _two_outputs(a, b):
    return a @ b, (a * a).sum()


def _functional(name, fn, inputs, *args, **kw):
    def run(m):
        F = m.autograd.functional
        ins = inputs(m)
        return getattr(F, name)(fn, ins, *[a(m) if callable(a) else a for a in args], **kw)
    return run


def _x(m):
    return m.tensor([1.0, 2.0])


def _xy(m):
    return _x(m), m.tensor([[0.5, -1.0], [2.0, 3.0]])


def _xr(m):
    return leaf(m)


FUNCTIONAL_CASES = {
    "jacobian": _functional("jacobian", lambda a: a ** 2, _x),
    "jacobian_tuple": _functional("jacobian", _two_outputs, _xy),
    "jacobian_vectorize": _functional("jacobian", _two_outputs, _xy, vectorize=True),
    "jacobian_forward_mode": _functional("jacobian", lambda a: a.sin() * 0 + a * 2, _x,
                                         vectorize=True, strategy="forward-mode"),
    "jacobian_create_graph": _functional("jacobian", lambda a: a ** 2, _xr, create_graph=True),
    "jacobian_scalar": _functional("jacobian", lambda a: a * 2, lambda m: m.tensor(3.0)),
    "jacobian_unused": _functional("jacobian", lambda a, b: a * 2, _xy),
    "jacobian_strict_unused": _functional("jacobian", lambda a, b: a * 2, _xy, strict=True),
    "jacobian_strict_detached": _functional("jacobian", lambda a: a.detach(), _x, strict=True),
    "jacobian_bad_strategy": _functional("jacobian", lambda a: a, _x, strategy="fwd"),
    "jacobian_forward_not_vectorized": _functional("jacobian", lambda a: a, _x,
                                                   strategy="forward-mode"),
    "jacobian_vectorize_strict": _functional("jacobian", lambda a: a, _x, vectorize=True,
                                             strict=True),
    "jacobian_list_inputs": _functional("jacobian", lambda a: a, lambda m: [_x(m)]),
    "jacobian_non_tensor_input": _functional("jacobian", lambda a, b: a, lambda m: (_x(m), 3)),
    "hessian": _functional("hessian", _cubic, _x),
    "hessian_vectorize": _functional("hessian", _cubic, _x, vectorize=True),
    "hessian_tuple": _functional("hessian", lambda a, b: (a @ b @ a) * a.sum(), _xy),
    "hessian_create_graph": _functional("hessian", _cubic, _xr, create_graph=True),
    "hessian_not_scalar": _functional("hessian", lambda a: a * 2, _x),
    "hessian_strict_linear": _functional("hessian", lambda a: a.sum() * 2, _x, strict=True),
    "vjp": _functional("vjp", _two_outputs, _xy, lambda m: (m.ones(2), m.tensor(2.0))),
    "vjp_scalar_no_v": _functional("vjp", _cubic, _x),
    "vjp_no_v": _functional("vjp", lambda a: a * 2, _x),
    "vjp_bad_v": _functional("vjp", lambda a: a * 2, _x, lambda m: m.ones(3)),
    "vjp_create_graph": _functional("vjp", lambda a: a ** 3, _xr, lambda m: m.ones(2),
                                    create_graph=True),
    "jvp": _functional("jvp", _two_outputs, _xy, lambda m: (m.ones(2), m.ones(2, 2))),
    "jvp_bad_v": _functional("jvp", lambda a: a * 2, lambda m: (_x(m),),
                             lambda m: (m.ones(3),)),
    "jvp_strict_detached": _functional("jvp", lambda a: a.detach() * 1, _x,
                                       lambda m: m.ones(2), strict=True),
    "hvp": _functional("hvp", _cubic, _x, lambda m: m.tensor([1.0, -1.0])),
    "hvp_create_graph": _functional("hvp", _cubic, _xr, lambda m: m.tensor([1.0, -1.0]),
                                    create_graph=True),
    "hvp_not_scalar": _functional("hvp", lambda a: a * 2, _x, lambda m: m.ones(2)),
    "vhp": _functional("vhp", _cubic, _x, lambda m: m.tensor([1.0, -1.0])),
    "vhp_tuple": _functional("vhp", lambda a, b: (a @ b @ a), _xy,
                             lambda m: (m.ones(2), m.ones(2, 2))),
    "vhp_strict_linear": _functional("vhp", lambda a: (a * 2).sum(), _x, lambda m: m.ones(2),
                                     strict=True),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONAL_CASES))
def test_functional(name):
    # PyTorch's forward AD warns about torch.jit.script on first use: its own internals
    same(FUNCTIONAL_CASES[name], warnings_too=name != "jacobian_forward_mode")


def _no_grad_hvp(m):
    with m.no_grad():
        return m.autograd.functional.hvp(_cubic, _x(m), m.ones(2)), m.is_grad_enabled()


def test_functional_inside_no_grad():
    same(_no_grad_hvp)


def test_root_reachable_from_another_root():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = x * 2
        return m.autograd.grad([y.sum(), (y * 3).sum(), y], x,
                               [m.tensor(1.0), m.tensor(1.0), m.ones(2)])
    same(run)


def test_no_gradient_reaching_a_node_passes_none_on():
    def run(m):
        a = m.tensor([1.0, 2.0], requires_grad=True)
        b = m.tensor([1.0, 3.0], requires_grad=True)
        n = m.linalg.vector_norm(a - b, 0)
        n.backward()
        return n, a.grad, b.grad
    same(run)
