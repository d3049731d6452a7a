"""The autograd graph: what `Tensor.grad_fn` holds for a result computed from tensors that
require grad, and the tensors a node saves for its backward.

A node records the name PyTorch gives it (`MulBackward0`, ...), the edges to the nodes of
its inputs (`next_functions`), the shape and dtype of each input (the engine reduces a
broadcast gradient and casts it back once, for every op) and its backward function, which
works on Tensors so that `create_graph=True` records the backward pass itself.
"""
import itertools
import re
import threading
import weakref

from .anomaly_mode import STATE as ANOMALY

__all__ = ["AutogradMeta", "Node", "AccumulateGrad", "record", "edge", "set_history",
           "RemovableHandle", "node_class", "Saved", "rename", "save", "short_name",
           "outputs_written", "retain", "no_grad_view", "NO_EDGE", "saved_tensors_hooks",
           "save_on_cpu", "pack", "SAVED_HOOKS"]

_classes = {}
_sequence = itertools.count()
_FREED = object()  # marks a node whose saved tensors were released by a backward pass
NO_EDGE = object()  # `AutogradMeta.acc` of a no_grad view of a tensor that requires grad
_NAMESPACED = ("AccumulateGrad", "CopySlices", "CopyBackwards", "NotImplemented")
_Tensor = ()  # numtorch.Tensor, set by `numtorch._tensor` once defined


class AutogradMeta:
    """Autograd state of a tensor that requires grad or was computed from one."""

    __slots__ = ("requires_grad", "grad", "grad_fn", "retains_grad", "output_nr", "hooks",
                 "acc", "version", "post_acc")

    def __init__(self, requires_grad=False, grad_fn=None, output_nr=0):
        self.requires_grad = requires_grad
        self.grad = None
        self.grad_fn = grad_fn
        self.retains_grad = False
        self.output_nr = output_nr
        self.hooks = None  # a leaf's tensor hooks: {handle id: fn}
        self.acc = None  # a leaf's AccumulateGrad node (NO_EDGE: gradients go nowhere)
        self.version = None  # a view's storage version when its grad_fn was last set
        self.post_acc = None  # a leaf's post-accumulate-grad hooks: {handle id: fn}


class RemovableHandle:
    """Returned by `register_hook`: `remove()` unregisters the hook."""

    _ids = itertools.count()

    def __init__(self, hooks):
        self.id = next(RemovableHandle._ids)
        self._hooks = weakref.ref(hooks) if hooks is not None else None

    def remove(self):
        hooks = self._hooks and self._hooks()
        if hooks is not None:
            hooks.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


class _Hooks(dict):
    """A dict that a RemovableHandle can refer to weakly."""

    __slots__ = ("__weakref__",)


def add_hook(owner_dict_holder, attr, fn):
    """Store `fn` in the `_Hooks` at `getattr(holder, attr)` (made on first use)."""
    hooks = getattr(owner_dict_holder, attr)
    if hooks is None:
        hooks = _Hooks()
        setattr(owner_dict_holder, attr, hooks)
    handle = RemovableHandle(hooks)
    hooks[handle.id] = fn
    return handle


class _SavedHooksState(threading.local):
    stack = ()  # the (pack_hook, unpack_hook) pairs of the active saved_tensors_hooks


SAVED_HOOKS = _SavedHooksState()


class saved_tensors_hooks:
    """Within this context, a tensor saved for backward is stored as `pack_hook(tensor)`
    returns, and `unpack_hook` of that gives the tensor backward uses."""

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self):
        SAVED_HOOKS.stack = SAVED_HOOKS.stack + ((self.pack_hook, self.unpack_hook),)

    def __exit__(self, *exc):
        SAVED_HOOKS.stack = SAVED_HOOKS.stack[:-1]


class save_on_cpu(saved_tensors_hooks):
    """Saved tensors kept in CPU memory (where numtorch tensors are already)."""

    def __init__(self, pin_memory=False, device_type="cuda"):
        super().__init__(_same, _same)


def _same(t):
    return t


class Packed:
    """A saved tensor as a `saved_tensors_hooks` pack hook stored it."""

    __slots__ = ("packed", "unpack_hook")

    def __init__(self, t, hooks):
        pack, self.unpack_hook = hooks
        self.packed = pack(t)

    def unpack(self, node):
        t = self.unpack_hook(self.packed)
        if not isinstance(t, _Tensor):
            raise TypeError("Output of saved tensor unpack_hook expected to be a Tensor but got "
                            f"result of type {type(t).__name__}")
        return t


def pack(saved):
    """`saved` (tensors and other values) through the innermost pack hook."""
    hooks = SAVED_HOOKS.stack[-1]
    return tuple([Packed(s, hooks) if isinstance(s, _Tensor) else
                  Packed(s.tensor, hooks) if type(s) is Saved else s for s in saved])


class Saved:
    """A tensor saved for backward with its version then; unpacking checks it is unchanged."""

    __slots__ = ("tensor", "version", "output_nr", "is_output", "snapshot")

    def __init__(self, t, is_output, snapshot):
        ag = t._ag
        self.tensor = t
        self.version = 0 if t._st is None else t._st.version
        self.is_output = is_output
        self.output_nr = 0 if ag is None else ag.output_nr
        self.snapshot = t._a.copy() if snapshot else None

    def unpack(self, node):
        t = self.tensor
        version = 0 if t._st is None else t._st.version
        if version != self.version:
            raise self.version_error(node, version)
        if self.snapshot is not None:
            from .anomaly_mode import check_snapshot
            check_snapshot(self, node)
        if self.is_output:  # an alias without history: give it this node when unpacked
            from .grad_mode import STATE
            if STATE.enabled:
                out = _alias(t)
                out._ag = AutogradMeta(True, node, self.output_nr)
                return out
        return t

    def version_error(self, node, version):
        return RuntimeError(
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: {self.describe(node)} is at version {version}; expected "
            f"version {self.version} instead. Hint: enable anomaly detection to find the "
            "operation that failed to compute its gradient, with "
            "torch.autograd.set_detect_anomaly(True, check_nan=False).")

    def describe(self, node):
        """`[torch.FloatTensor [3]], which is output 0 of Mul,` as PyTorch names a saved
        tensor: by its type, shape and current history."""
        t = self.tensor
        fn, nr = (node, self.output_nr) if self.is_output else (
            (t.grad_fn, t._ag.output_nr) if t._ag is not None else (None, 0))
        where = "" if fn is None else f", which is output {nr} of {short_name(fn.name())},"
        return f"[{_type_string(t)} {list(t.shape)}]{where}"


def _type_string(t):
    """PyTorch's `toString()` of a tensor's type: the legacy name where one is printed."""
    from .._dtype import SCALAR_NAME
    name = SCALAR_NAME[t.dtype]
    if name in ("Byte", "Char", "Short", "Int", "Long", "Half", "Float", "Double"):
        return t.type()
    return f"CPU{name}Type"


def short_name(name):
    """A node's name as PyTorch's messages print it: `MulBackward0` as `Mul`,
    `LerpBackward1` as `Lerp1`, `torch::autograd::CopySlices` unchanged."""
    if name.startswith("torch::autograd::"):
        name = name[len("torch::autograd::"):]
    if name == "CopySlices":
        return "torch::autograd::CopySlices"
    return re.sub(r"Backward(0$)?", "", name)


def _alias(t):
    from .._tensor import view_of
    return view_of(t, t._a, base=False)


class Node:
    """One recorded operation. `type(node).__name__` is PyTorch's name for it."""

    custom = False  # the node of a custom Function (its view outputs are not rebased)

    __slots__ = ("next_functions", "_fn", "_saved", "_versions", "_meta", "_seq", "_pre",
                 "_post", "_tpre", "_retain", "_nout", "_md", "_version", "__weakref__")

    def __init__(self, next_functions=(), fn=None, saved=None, meta=(), nout=1, version=0):
        self.next_functions = next_functions
        self._version = version  # the first input's storage version (for view results)
        self._fn = fn
        self._saved = saved
        self._meta = meta
        self._seq = next(_sequence)
        self._pre = self._post = self._tpre = self._retain = self._md = self._versions = None
        self._nout = nout

    def name(self):
        return type(self).__name__

    @property
    def metadata(self):
        if self._md is None:
            self._md = {}
        return self._md

    def _sequence_nr(self):
        return self._seq

    def register_hook(self, fn):
        """`fn(grad_inputs, grad_outputs)` after this node's backward; may replace grad_inputs."""
        return add_hook(self, "_post", fn)

    def register_prehook(self, fn):
        """`fn(grad_outputs)` before this node's backward; may replace grad_outputs."""
        return add_hook(self, "_pre", fn)

    def unpack(self, retain_graph):
        """The saved values, unpacked (versions checked); released unless `retain_graph`."""
        saved = self._saved
        if saved is None:
            return ()
        if saved is _FREED:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved "
                "tensors after they have already been freed). Saved intermediate values of the "
                "graph are freed when you call .backward() or autograd.grad(). Specify "
                "retain_graph=True if you need to backward through the graph a second time or "
                "if you need to access saved tensors after calling backward.")
        versions = self._versions
        if versions is None:
            out = [s.unpack(self) if type(s) is Saved or type(s) is Packed else s
                   for s in saved]
        else:  # saved inputs kept as they are, with their versions alongside
            out = list(saved)
            for i, v in enumerate(versions):
                if v is not None:
                    t = out[i]
                    now = 0 if t._st is None else t._st.version
                    if now != v:
                        s = Saved(t, False, False)
                        s.version = v
                        raise s.version_error(self, now)
                elif type(out[i]) is Saved:
                    out[i] = out[i].unpack(self)
        if not retain_graph:
            self._saved = _FREED
        return out

    def apply(self, grads, retain_graph):
        """Input gradients (one per edge, None for none) from output gradients `grads`."""
        fn = self._fn
        if fn is None:
            raise RuntimeError(f"the derivative for '{short_name(self.name())}' is not "
                               "implemented.")
        saved = self.unpack(retain_graph)
        r = fn(grads if self._nout > 1 else grads[0], *saved)
        return r if type(r) is tuple else (r,)

    def __repr__(self):
        return f"<{type(self).__name__} object at {hex(id(self))}>"


class AccumulateGrad(Node):
    """The node standing for a leaf that requires grad: adds gradients into `.grad`. The
    leaf holds it; it refers to the leaf weakly (a gradient for a leaf nobody holds any
    more has nowhere to go)."""

    __slots__ = ("_variable",)

    def __init__(self, variable):
        super().__init__()
        self._seq = 2 ** 64 - 1  # runs as soon as its gradient is ready, as in PyTorch
        self._variable = weakref.ref(variable)

    @property
    def variable(self):
        return self._variable()

    def name(self):
        return "torch::autograd::AccumulateGrad"


def node_class(name):
    """The Node subclass called `name` (created once); PyTorch's C++ nodes give their
    `name()` with its namespace."""
    cls = _classes.get(name)
    if cls is None:
        attrs = {"__slots__": ()}
        if name in _NAMESPACED:
            full = "torch::autograd::" + name
            attrs["name"] = lambda self: full
        cls = _classes[name] = type(name, (Node,), attrs)
    return cls


def rename(node, name):
    """Give `node` PyTorch's name `name` (its class), keeping everything else."""
    node.__class__ = node_class(name)
    return node


def record(name, inputs, fn=None, saved=(), output=None, nout=1):
    """The node `name` whose inputs are the tensors `inputs`, computing their gradients
    with `fn(grad, *saved)` (`grad` a list when the node has `nout` > 1 outputs). Tensors
    in `saved` are checked for in-place changes at backward; `output` (a result of the
    node) is saved without a reference cycle."""
    snapshot = ANOMALY.enabled
    versions = None
    if not saved:
        saved = None
    elif SAVED_HOOKS.stack:
        saved = pack(saved)
    elif snapshot or output is not None:
        saved = tuple([save(s, s is output, snapshot) if isinstance(s, _Tensor) else s
                       for s in saved])
    else:  # inputs only: kept as they are, their versions alongside
        saved = tuple(saved)
        versions = tuple([(0 if s._st is None else s._st.version) if isinstance(s, _Tensor)
                          else None for s in saved])
    first = inputs[0]._st if inputs and inputs[0] is not None else None
    cls = _classes.get(name) or node_class(name)
    node = cls(tuple([edge(t) if t is not None else (None, 0) for t in inputs]), fn, saved,
               tuple([(t._a.shape, t._a.dtype) if t is not None else None for t in inputs]),
               nout, 0 if first is None else first.version)
    node._versions = versions
    if snapshot:
        from .anomaly_mode import remember
        remember(node)
    return node


def save(t, is_output, snapshot):
    """A `Saved` record of `t` (an output is saved as an alias, without a cycle)."""
    if is_output:
        t = _alias(t)  # shares the version counter; holds no reference to the node
    return Saved(t, is_output, snapshot)


def edge(t):
    """`(node, output_nr)` through which a gradient reaches tensor `t`."""
    ag = t._ag
    if ag is None or not ag.requires_grad:
        return (None, 0)
    fn = ag.grad_fn
    if fn is None:
        acc = ag.acc
        if acc is None:
            acc = ag.acc = AccumulateGrad(t)
        elif acc is NO_EDGE:
            return (None, 0)
        return (acc, 0)
    if t._view_of is not None:
        from .views import refresh
        fn = refresh(t)
    return (fn, ag.output_nr)


def outputs_written(node):
    """After an in-place op wrote its output: saved outputs take the version after it."""
    for s in node._saved or ():
        if type(s) is Saved and s.is_output:
            t = s.tensor
            s.version = 0 if t._st is None else t._st.version


def set_history(t, node, output_nr=0):
    """Make `node` the grad_fn of `t` (which then requires grad)."""
    ag = t._ag
    if ag is None:
        t._ag = AutogradMeta(True, node, output_nr)
    else:
        old = ag.grad_fn
        ag.requires_grad = True
        ag.grad_fn = node
        if ag.retains_grad:
            retain(t, node, output_nr, old, ag.output_nr)
        ag.output_nr = output_nr
    return t


def retain(t, node, output_nr, old=None, old_nr=0):
    """Keep `t`'s gradient in `.grad` when it reaches `(node, output_nr)`, its history now
    (moved from `(old, old_nr)`: `retain_grad` follows in-place changes, as in PyTorch)."""
    if old is not None and old._retain:
        ref = old._retain.get(old_nr)
        if ref is not None and ref() is t:
            del old._retain[old_nr]
    if node._retain is None:
        node._retain = {}
    node._retain[output_nr] = weakref.ref(t)
    t._ag.retains_grad = True


def no_grad_view(v):
    """Make `v`, a view taken in no_grad mode of a tensor that requires grad, require grad
    as PyTorch's does: a leaf whose gradient goes nowhere."""
    v._ag = ag = AutogradMeta(True)
    ag.acc = NO_EDGE
    return v
