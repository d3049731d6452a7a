"""Operations on tensors. Importing this package attaches them to `Tensor`."""
from . import indexing as indexing
from . import arithmetic as arithmetic
from . import pointwise as pointwise
from .registry import FUNCTIONS as FUNCTIONS
