"""`device` objects and the default device.

>>> import numtorch
>>> numtorch.device('cuda:0'), numtorch.device('cpu').type
(device(type='cuda', index=0), 'cpu')
"""
import re

__all__ = ["device", "get_default_device", "set_default_device"]

_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
          "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone")
_PARSE = re.compile(r"([A-Za-z_]+)(?::(0|[1-9][0-9]*))?")
_MISSING = object()
_cache = {}


class device:
    """A device: `device('cpu')`, `device('cuda', 0)`, `device('cuda:0')`.

    Also a context manager that makes itself the default device.
    """

    __slots__ = ("type", "index", "_prev")

    def __new__(cls, type=_MISSING, index=None):  # noqa: A002 - PyTorch's keywords
        if isinstance(type, device) and index is None:
            return type
        cached = index is None and isinstance(type, str)
        hit = _cache.get(type) if cached else None
        if hit is not None:
            return hit
        self = object.__new__(cls)
        self.type, self.index = _parse(type, index)
        self._prev = []
        if cached and len(_cache) < 256:
            _cache[type] = self
        return self

    def __repr__(self):
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self):
        return hash((self.type, self.index))

    def _unordered(self, other):
        if isinstance(other, device):
            raise TypeError("comparison not implemented")
        return NotImplemented

    __lt__ = __le__ = __gt__ = __ge__ = _unordered

    def __reduce__(self):
        return (device, (self.type, self.index))

    def __enter__(self):
        self._prev.append(_default[0])
        set_default_device(self)
        return self

    def __exit__(self, *exc):
        _default[0] = self._prev.pop()


def _parse(type, index):  # noqa: A002
    if isinstance(type, int) and not isinstance(type, bool) and index is None:
        if type < 0:
            raise RuntimeError("Device index must not be negative")
        raise RuntimeError("Cannot access accelerator device when none is available.")
    if isinstance(type, device):
        raise TypeError("device(): argument 'type' (position 1) must be str, not torch.device")
    if not isinstance(type, str):
        got = "" if type is _MISSING else _type_name(type)
        raise TypeError(f"device() received an invalid combination of arguments - got "
                        f"({got}), but expected one of:")
    if index is not None and (not isinstance(index, int) or isinstance(index, bool)):
        raise TypeError(f"device(): argument 'index' (position 2) must be int, not "
                        f"{_type_name(index)}")
    if not type:
        raise RuntimeError("Device string must not be empty")
    m = _PARSE.fullmatch(type)
    if m is None:
        raise RuntimeError(f"Invalid device string: '{type}'")
    kind, idx = m.groups()
    if idx is not None and int(idx) > 2**31 - 1:  # PyTorch parses it with std::stoi
        raise RuntimeError(f"Could not parse device index '{idx}' in device string '{type}'")
    if kind not in _TYPES:
        raise RuntimeError(f"Expected one of {', '.join(_TYPES)} device type at start of "
                           f"device string: {kind}")
    if idx is not None:
        if index is not None:
            raise RuntimeError("type (string) must not include an index because index was "
                               f"passed explicitly: {type}")
        return kind, _wrap_index(int(idx))
    if index is None:
        return kind, None
    if not -2**63 <= index < 2**63:
        raise ValueError("Overflow when unpacking long long")
    if index < 0:
        raise RuntimeError("Device index must not be negative")
    return kind, _wrap_index(index)


def _wrap_index(i):
    """The index PyTorch reports for `i`: it stores an int8 (-1 meaning none), read unsigned."""
    b = (i + 128) % 256 - 128
    return None if b == -1 else b % 65536


def _type_name(x):
    return "NoneType" if x is None else type(x).__name__


CPU = device("cpu")
_default = [None]  # None: no default device set (tensors go to the CPU)


def get_default_device():
    """The device factories use when none is given."""
    return _default[0] or CPU


def set_default_device(dev):
    """Set (or with None, reset) the device factories use when none is given."""
    _default[0] = None if dev is None else device(dev)


def default_or(dev):
    """`dev` as a device, or the default device when `dev` is None."""
    if dev is None:
        return _default[0] or CPU
    return dev if isinstance(dev, device) else device(dev)
