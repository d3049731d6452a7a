"""Operations on tensors. Importing this package attaches them to `Tensor`; each family
module lists its public functions in `__all__`, which `numtorch/__init__.py` re-exports."""
from . import indexing as indexing
from . import arithmetic as arithmetic
from . import binary as binary
from . import comparison as comparison
from . import pointwise as pointwise
from . import reduction as reduction
from . import shape as shape
from . import indexing_ops as indexing_ops
from . import linalg as linalg
from . import numpy_protocol as numpy_protocol
from . import combine as combine
from . import search as search
from . import special as special
from . import linalg_more as linalg_more
from . import storage_ops as storage_ops
from .registry import FUNCTIONS as FUNCTIONS
from . import grad_arithmetic as grad_arithmetic
from . import grad_pointwise as grad_pointwise
from . import grad_reduction as grad_reduction
from . import grad_shape as grad_shape
from . import grad_indexing as grad_indexing
from . import grad_linalg as grad_linalg
from ..autograd import api as _api

_api.attach()
