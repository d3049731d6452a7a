"""numtorch.nn: modules, parameters, initialisation and the functional forms."""
from . import functional as functional
from . import init as init
from . import utils as utils
from .modules import (AvgPool2d as AvgPool2d, BatchNorm1d as BatchNorm1d,
                      BatchNorm2d as BatchNorm2d, BCELoss as BCELoss,
                      BCEWithLogitsLoss as BCEWithLogitsLoss, Conv1d as Conv1d,
                      Conv2d as Conv2d, CrossEntropyLoss as CrossEntropyLoss,
                      Dropout as Dropout, Embedding as Embedding, Flatten as Flatten,
                      GELU as GELU, Identity as Identity, L1Loss as L1Loss,
                      LayerNorm as LayerNorm, LeakyReLU as LeakyReLU, Linear as Linear,
                      LogSoftmax as LogSoftmax, MaxPool2d as MaxPool2d, Module as Module,
                      ModuleDict as ModuleDict, ModuleList as ModuleList, MSELoss as MSELoss,
                      NLLLoss as NLLLoss, ParameterDict as ParameterDict,
                      ParameterList as ParameterList, ReLU as ReLU, Sequential as Sequential,
                      Sigmoid as Sigmoid, SiLU as SiLU, SmoothL1Loss as SmoothL1Loss,
                      Softmax as Softmax, Tanh as Tanh, Unflatten as Unflatten)
from .parameter import Buffer as Buffer, Parameter as Parameter

__all__ = ["AvgPool2d", "BCELoss", "BCEWithLogitsLoss", "BatchNorm1d", "BatchNorm2d", "Buffer",
           "Conv1d", "Conv2d", "CrossEntropyLoss", "Dropout", "Embedding", "Flatten", "GELU",
           "Identity", "L1Loss", "LayerNorm", "LeakyReLU", "Linear", "LogSoftmax", "MSELoss",
           "MaxPool2d", "Module", "ModuleDict", "ModuleList", "NLLLoss", "Parameter",
           "ParameterDict", "ParameterList", "ReLU", "Sequential", "SiLU", "Sigmoid",
           "SmoothL1Loss", "Softmax", "Tanh", "Unflatten", "functional", "init", "utils"]
