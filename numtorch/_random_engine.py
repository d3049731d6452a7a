"""PyTorch's CPU generator: mt19937 (NumPy's bit generator, seeded as PyTorch seeds it) plus the
cached second Box-Muller sample, with PyTorch's 5056-byte state layout.

>>> g = Generator().manual_seed(0)
>>> int(g.raw32(1)[0])
2357136044
"""
import secrets
import struct

import numpy as np

from . import _dtype as D
from ._device import device as D_device
from ._tensor import Tensor, wrap

__all__ = ["Generator", "default_generator", "seed_value"]

_N = 624  # mt19937's state words
# the_initial_seed, left, seeded, next, state[624] (as uint64), normal_x, normal_y, normal_rho,
# normal_is_valid (+4 padding), next_float_normal_sample, is_next_float_normal_sample_valid
_LAYOUT = struct.Struct(f"<QiiQ{_N}Qdddi4xf?3x")
STATE_SIZE = _LAYOUT.size  # 5056, as torch.get_rng_state().numel()


def seed_value(seed):
    """PyTorch's seed unpacking: a long in [-2**63, 2**64), negatives wrapped."""
    if not -2**63 <= seed < 2**64:
        raise ValueError("Overflow when unpacking long long")
    return seed % 2**64


class Generator:
    """A CPU random-number generator, as `torch.Generator`."""

    parser_name = "torch.Generator"

    def __init__(self, device="cpu"):
        dev = device if isinstance(device, D_device) else D_device(device)
        if dev.type != "cpu":
            raise RuntimeError(f"numtorch has no random-number generator for device type "
                               f"'{dev.type}'")
        self._device = D_device("cpu")
        self._bg = np.random.MT19937()
        self._reseed(67280421310721)

    def _reseed(self, seed):
        self._seed = seed
        self._bg._legacy_seeding(seed & 0xFFFFFFFF)
        self._fresh = True  # PyTorch's `next` is 0 until the first draw
        self.normal_cache = None

    @property
    def device(self):
        return self._device

    def manual_seed(self, seed):
        """Reseed with `seed` (an int in [-2**63, 2**64)); returns the generator."""
        if type(seed) is not int and not isinstance(seed, np.integer):
            raise RuntimeError(f"manual_seed expected a long, but got {type(seed).__name__}")
        self._reseed(seed_value(int(seed)))
        return self

    def seed(self):
        """Reseed from the operating system; returns the new seed."""
        s = secrets.randbits(64)
        self._reseed(s)
        return s

    def initial_seed(self):
        return self._seed

    def clone_state(self):
        """A new generator in this one's state."""
        g = Generator()
        g.set_state(self.get_state())
        return g

    def get_offset(self):
        raise RuntimeError("CPU Generator does not use offset")

    def set_offset(self, offset):
        raise RuntimeError("CPU Generator does not use offset")

    def get_state(self):
        """The state as a 5056-element uint8 tensor (PyTorch's layout)."""
        st = self._bg.state["state"]
        pos = int(st["pos"])
        nxt = 0 if self._fresh else pos
        cached = self.normal_cache is not None
        packed = _LAYOUT.pack(self._seed, _N + 1 - pos, 1, nxt, *st["key"].tolist(), 0.0,
                              self.normal_cache if cached else 0.0, 0.0, cached, 0.0, False)
        return wrap(np.frombuffer(packed, np.uint8).copy())

    def set_state(self, new_state):
        """Restore a state from `get_state`; returns the generator."""
        if not isinstance(new_state, Tensor):
            raise TypeError(f"expected a torch.ByteTensor, but got {type(new_state).__name__}")
        if new_state.dtype is not D.uint8:
            raise TypeError("RNG state must be a torch.ByteTensor")
        if new_state.numel() != STATE_SIZE:
            raise RuntimeError(f"Expected a CPUGeneratorImplState of size {STATE_SIZE} but "
                               f"found the input RNG state size to be {new_state.numel()}")
        v = _LAYOUT.unpack(np.ascontiguousarray(new_state._a).tobytes())
        seed, left, seeded, nxt = v[:4]
        if not (seeded and 0 < left <= _N and nxt <= _N):
            raise RuntimeError("Invalid mt19937 state")
        key = np.array(v[4:4 + _N], np.uint64).astype(np.uint32)
        # NumPy regenerates at pos == 624; PyTorch when `left` drops to 0
        self._bg.state = {"bit_generator": "MT19937",
                          "state": {"key": key, "pos": _N + 1 - left}}
        self._seed = seed
        self._fresh = nxt == 0 and left == 1
        normal_y, normal_valid = v[4 + _N + 1], v[4 + _N + 3]
        self.normal_cache = normal_y if normal_valid else None
        return self

    def snapshot(self):
        """An opaque copy of the mt19937 position, for `restore`."""
        return self._bg.state, self._fresh

    def restore(self, snap):
        self._bg.state, self._fresh = snap

    def raw32(self, n):
        """`n` successive 32-bit outputs (uint64 array), as PyTorch's `random()`."""
        if n:
            self._fresh = False
        return self._bg.random_raw(n)

    def raw64(self, n):
        """`n` successive 64-bit outputs, as PyTorch's `random64()` (two draws each)."""
        r = self.raw32(2 * n)
        return r[0::2] << np.uint64(32) | r[1::2]

    def __repr__(self):
        return f"<numtorch.Generator object at {id(self):#x}>"


default_generator = Generator()
default_generator.seed()
