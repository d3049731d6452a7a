"""numtorch.backends: the flags PyTorch code reads or sets in `torch.backends` (none of these
backends exists for numtorch: `is_available()` is False, flags keep PyTorch's defaults).

>>> import numtorch
>>> numtorch.backends.mps.is_available()
False
"""
import types

__all__ = ["cudnn", "mps", "cuda"]


def _false():
    return False


cudnn = types.SimpleNamespace(is_available=_false, enabled=True, benchmark=False,
                              deterministic=False, allow_tf32=True)
mps = types.SimpleNamespace(is_available=_false, is_built=_false)
cuda = types.SimpleNamespace(is_built=_false,
                             matmul=types.SimpleNamespace(allow_tf32=False,
                                                          allow_fp16_reduced_precision_reduction=True))
