"""`numtorch.utils.dlpack`: PyTorch's DLPack helpers."""
from .._interop.dlpack import DLDeviceType as DLDeviceType
from .._interop.dlpack import from_dlpack as from_dlpack
from .._interop.dlpack import to_dlpack as to_dlpack
