"""numtorch.nn.modules: the Module class, containers and layers."""

from .activation import (Dropout as Dropout, GELU as GELU, LeakyReLU as LeakyReLU,
                         LogSoftmax as LogSoftmax, ReLU as ReLU, SiLU as SiLU,
                         Sigmoid as Sigmoid, Softmax as Softmax, Tanh as Tanh)
from .container import (ModuleDict as ModuleDict, ModuleList as ModuleList,
                        ParameterDict as ParameterDict, ParameterList as ParameterList,
                        Sequential as Sequential)
from .conv import (AvgPool2d as AvgPool2d, Conv1d as Conv1d, Conv2d as Conv2d,
                   MaxPool2d as MaxPool2d)
from .linear import Flatten as Flatten, Identity as Identity, Linear as Linear
from .linear import Unflatten as Unflatten
from .loss import (BCELoss as BCELoss, BCEWithLogitsLoss as BCEWithLogitsLoss,
                   CrossEntropyLoss as CrossEntropyLoss, L1Loss as L1Loss, MSELoss as MSELoss,
                   NLLLoss as NLLLoss, SmoothL1Loss as SmoothL1Loss)
from .module import Module as Module
from .normalization import (BatchNorm1d as BatchNorm1d, BatchNorm2d as BatchNorm2d,
                            LayerNorm as LayerNorm)
from .sparse import Embedding as Embedding

__all__ = ["AvgPool2d", "BCELoss", "BCEWithLogitsLoss", "BatchNorm1d", "BatchNorm2d", "Conv1d",
           "Conv2d", "CrossEntropyLoss", "Dropout", "Embedding", "Flatten", "GELU", "Identity",
           "L1Loss", "LayerNorm", "LeakyReLU", "Linear", "LogSoftmax", "MSELoss", "MaxPool2d",
           "Module", "ModuleDict", "ModuleList", "NLLLoss", "ParameterDict", "ParameterList",
           "ReLU", "Sequential", "SiLU", "Sigmoid", "SmoothL1Loss", "Softmax", "Tanh",
           "Unflatten"]
