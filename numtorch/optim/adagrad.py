"""`Adagrad` with learning-rate decay."""

from .. import full_like
from .._tensor import Tensor
from .optimizer import Optimizer, _as_real, _step_tensor, _step_without_grad, _value

__all__ = ["Adagrad"]


class Adagrad(Optimizer):
    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
                 eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None):
        if isinstance(lr, Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        for name, v in (("learning rate", lr), ("lr_decay value", lr_decay),
                        ("weight_decay value", weight_decay),
                        ("initial_accumulator_value value", initial_accumulator_value),
                        ("epsilon value", eps)):
            if not 0.0 <= v:
                raise ValueError(f"Invalid {name}: {v}")
        defaults = {"lr": lr, "lr_decay": lr_decay, "eps": eps, "weight_decay": weight_decay,
                    "initial_accumulator_value": initial_accumulator_value, "foreach": foreach,
                    "maximize": maximize, "differentiable": differentiable, "fused": fused}
        super().__init__(params, defaults)
        for group in self.param_groups:
            for p in group["params"]:
                self._init_state(p)

    def _init_state(self, p):
        state = self.state[p]
        init = self.defaults["initial_accumulator_value"]
        state["step"] = _step_tensor()
        state["sum"] = full_like(p, complex(init, init) if p.is_complex() else init)

    @_step_without_grad
    def step(self, group):
        lr, wd, eps = _value(group["lr"]), group["weight_decay"], group["eps"]
        for param in group["params"]:
            if param.grad is None:
                continue
            state = self.state[param]
            if len(state) == 0:
                self._init_state(param)
            state["step"] += 1
            step = state["step"].item()
            grad = param.grad if not group["maximize"] else -param.grad
            if wd != 0:
                grad = grad.add(param, alpha=wd)
            clr = lr / (1 + (step - 1) * group["lr_decay"])
            param_r, grad, total = _as_real(param, param, grad, state["sum"])
            total.addcmul_(grad, grad, value=1)
            param_r.addcdiv_(grad, total.sqrt().add_(eps), value=-clr)
