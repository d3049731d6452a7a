"""Graph nodes: what `Tensor.grad_fn` holds for a result computed from tensors that require grad.

A node records the name PyTorch gives it (`CloneBackward0`, ...) and the nodes of its inputs
(`next_functions`); the backward pass over these records belongs to the engine.
"""

__all__ = ["Node", "AccumulateGrad", "record"]

_classes = {}


class Node:
    """One recorded operation. `type(node).__name__` is PyTorch's name for it."""

    __slots__ = ("next_functions", "_saved")

    def __init__(self, next_functions=(), saved=None):
        self.next_functions = next_functions
        self._saved = saved

    def name(self):
        return type(self).__name__

    def __repr__(self):
        return f"<{type(self).__name__} object at {hex(id(self))}>"


class AccumulateGrad(Node):
    """The node standing for a leaf that requires grad, in `next_functions`."""

    __slots__ = ("variable",)

    def __init__(self, variable):
        super().__init__()
        self.variable = variable


def node_class(name):
    """The Node subclass called `name` (created once)."""
    cls = _classes.get(name)
    if cls is None:
        cls = _classes[name] = type(name, (Node,), {"__slots__": ()})
    return cls


def record(name, inputs, saved=None):
    """Make the node `name` whose inputs are the tensors `inputs`."""
    return node_class(name)(tuple(_edge(t) for t in inputs), saved)


def _edge(t):
    if not t.requires_grad:
        return (None, 0)
    if t.grad_fn is not None:
        return (t.grad_fn, 0)
    return (AccumulateGrad(t), 0)
