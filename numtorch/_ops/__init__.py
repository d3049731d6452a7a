"""Operations on tensors. Importing this package attaches them to `Tensor`."""
from . import indexing as indexing
