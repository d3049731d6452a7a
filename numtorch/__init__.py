"""numtorch: PyTorch's tensor API and semantics on NumPy.

>>> import numtorch as torch
>>> torch.ones(2)
tensor([1., 1.])
"""
# Public names are re-exported explicitly; this file holds no logic.
from . import _ops as _ops  # attaches indexing and in-place methods to Tensor
from . import autograd as autograd
from . import accelerator as accelerator
from . import backends as backends
from . import cuda as cuda
from . import linalg as linalg
from . import random as random
from . import special as special
from . import utils as utils
from . import version as version
from ._dtype import bool as bool  # noqa: A004
from ._dtype import uint8 as uint8
from ._dtype import uint16 as uint16
from ._dtype import uint32 as uint32
from ._dtype import uint64 as uint64
from ._dtype import int8 as int8
from ._dtype import int16 as int16
from ._dtype import int32 as int32
from ._dtype import int64 as int64
from ._dtype import float16 as float16
from ._dtype import bfloat16 as bfloat16
from ._dtype import float32 as float32
from ._dtype import float64 as float64
from ._dtype import float8_e4m3fn as float8_e4m3fn
from ._dtype import float8_e5m2 as float8_e5m2
from ._dtype import float8_e4m3fnuz as float8_e4m3fnuz
from ._dtype import float8_e5m2fnuz as float8_e5m2fnuz
from ._dtype import float8_e8m0fnu as float8_e8m0fnu
from ._dtype import complex32 as complex32
from ._dtype import complex64 as complex64
from ._dtype import complex128 as complex128
from ._dtype import half as half
from ._dtype import float as float  # noqa: A004
from ._dtype import double as double
from ._dtype import short as short
from ._dtype import int as int  # noqa: A004
from ._dtype import long as long
from ._dtype import chalf as chalf
from ._dtype import cfloat as cfloat
from ._dtype import cdouble as cdouble
from ._dtype import dtype as dtype
from ._dtype import finfo as finfo
from ._dtype import iinfo as iinfo
from ._dtype import get_default_dtype as get_default_dtype
from ._dtype import set_default_dtype as set_default_dtype
from ._device import device as device
from ._device import get_default_device as get_default_device
from ._device import set_default_device as set_default_device
from ._tensor import Tensor as Tensor
from ._tensor import Size as Size
from ._tensor import UntypedStorage as UntypedStorage
from ._tensor import is_tensor as is_tensor
from ._tensor import contiguous_format as contiguous_format
from ._tensor import preserve_format as preserve_format
from ._tensor import channels_last as channels_last
from ._tensor import memory_format as memory_format
from ._tensor_str import set_printoptions as set_printoptions
from ._tensor_str import get_printoptions as get_printoptions
from ._promotion import promote_types as promote_types
from ._interop.numpy_bridge import from_numpy as from_numpy
from ._interop.dlpack import from_dlpack as from_dlpack
from ._creation import tensor as tensor
from ._creation import as_tensor as as_tensor
from ._creation import asarray as asarray
from ._creation import frombuffer as frombuffer
from ._factories import zeros as zeros
from ._factories import ones as ones
from ._factories import empty as empty
from ._factories import full as full
from ._factories import zeros_like as zeros_like
from ._factories import ones_like as ones_like
from ._factories import empty_like as empty_like
from ._factories import full_like as full_like
from ._factories import arange as arange
from ._factories import linspace as linspace
from ._factories import logspace as logspace
from ._factories import eye as eye
from ._legacy import set_default_tensor_type as set_default_tensor_type
from .autograd import no_grad as no_grad
from .autograd import enable_grad as enable_grad
from .autograd import set_grad_enabled as set_grad_enabled
from .autograd import is_grad_enabled as is_grad_enabled
from .autograd import inference_mode as inference_mode
from .autograd import is_inference_mode_enabled as is_inference_mode_enabled
from .autograd import is_anomaly_enabled as is_anomaly_enabled
from .autograd import is_anomaly_check_nan_enabled as is_anomaly_check_nan_enabled
from ._functions import is_floating_point as is_floating_point
from ._functions import is_complex as is_complex
from ._functions import numel as numel
from ._functions import clone as clone
from ._legacy import LEGACY_TYPES as _LEGACY_TYPES

BoolTensor = _LEGACY_TYPES["BoolTensor"]
ByteTensor = _LEGACY_TYPES["ByteTensor"]
UInt16Tensor = _LEGACY_TYPES["UInt16Tensor"]
UInt32Tensor = _LEGACY_TYPES["UInt32Tensor"]
UInt64Tensor = _LEGACY_TYPES["UInt64Tensor"]
CharTensor = _LEGACY_TYPES["CharTensor"]
ShortTensor = _LEGACY_TYPES["ShortTensor"]
IntTensor = _LEGACY_TYPES["IntTensor"]
LongTensor = _LEGACY_TYPES["LongTensor"]
HalfTensor = _LEGACY_TYPES["HalfTensor"]
BFloat16Tensor = _LEGACY_TYPES["BFloat16Tensor"]
FloatTensor = _LEGACY_TYPES["FloatTensor"]
DoubleTensor = _LEGACY_TYPES["DoubleTensor"]
Float8_e4m3fnTensor = _LEGACY_TYPES["Float8_e4m3fnTensor"]
Float8_e5m2Tensor = _LEGACY_TYPES["Float8_e5m2Tensor"]
ComplexFloatTensor = _LEGACY_TYPES["ComplexFloatTensor"]
ComplexDoubleTensor = _LEGACY_TYPES["ComplexDoubleTensor"]

from .version import __version__ as __version__  # noqa: E402

import math as _math  # noqa: E402

pi = _math.pi
e = _math.e
inf = _math.inf
nan = _math.nan
newaxis = None

# Ops: each family module lists its public functions in its __all__.
from ._ops.arithmetic import *  # noqa: E402,F401,F403
from ._ops.binary import *  # noqa: E402,F401,F403
from ._ops.comparison import *  # noqa: E402,F401,F403
from ._ops.pointwise import *  # noqa: E402,F401,F403
from ._ops.reduction import *  # noqa: E402,F401,F403
from ._ops.shape import *  # noqa: E402,F401,F403
from ._ops.indexing_ops import *  # noqa: E402,F401,F403
from ._ops.linalg import *  # noqa: E402,F401,F403
from ._ops.combine import *  # noqa: E402,F401,F403
from ._ops.search import *  # noqa: E402,F401,F403
from ._ops.special import *  # noqa: E402,F401,F403
from ._ops.linalg_more import *  # noqa: E402,F401,F403
from ._random import *  # noqa: E402,F401,F403
from ._construct import *  # noqa: E402,F401,F403
from ._runtime import *  # noqa: E402,F401,F403
from . import serialization as serialization  # noqa: E402
from . import testing as testing  # noqa: E402
from .serialization import save as save  # noqa: E402
from .serialization import load as load  # noqa: E402
from . import nn as nn  # noqa: E402  (last: built on the whole public surface)
from . import optim as optim  # noqa: E402
