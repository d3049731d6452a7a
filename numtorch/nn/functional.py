"""numtorch.nn.functional: PyTorch's functional neural-network ops (activations, linear maps,
dropout, normalisations, distances, padding, convolutions, pooling, losses), with PyTorch's
values, dtypes, errors, warnings and autograd nodes."""
from ._functional_act import (
    relu as relu, relu6 as relu6, leaky_relu as leaky_relu, elu as elu, gelu as gelu,
    silu as silu, sigmoid as sigmoid, tanh as tanh, softplus as softplus,
    hardtanh as hardtanh, softmax as softmax, log_softmax as log_softmax)
from ._functional_linear import (
    linear as linear, bilinear as bilinear, dropout as dropout, one_hot as one_hot,
    normalize as normalize, embedding as embedding, layer_norm as layer_norm,
    batch_norm as batch_norm, cosine_similarity as cosine_similarity)
from .._ops.combine_grid import pairwise_distance as pairwise_distance, pdist as pdist
from ._functional_pad import (
    pad as pad)
from ._functional_conv import (
    conv1d as conv1d, conv2d as conv2d, max_pool2d as max_pool2d, avg_pool2d as avg_pool2d,
    adaptive_avg_pool2d as adaptive_avg_pool2d)
from ._functional_loss import (
    mse_loss as mse_loss, l1_loss as l1_loss, smooth_l1_loss as smooth_l1_loss,
    huber_loss as huber_loss, nll_loss as nll_loss, cross_entropy as cross_entropy,
    binary_cross_entropy as binary_cross_entropy,
    binary_cross_entropy_with_logits as binary_cross_entropy_with_logits, kl_div as kl_div)

__all__ = [
    "relu", "relu6", "leaky_relu", "elu", "gelu", "silu", "sigmoid", "tanh", "softplus",
    "hardtanh", "softmax", "log_softmax", "linear", "bilinear", "dropout", "one_hot",
    "normalize", "embedding", "layer_norm", "batch_norm", "cosine_similarity",
    "pairwise_distance", "pdist", "pad", "conv1d", "conv2d", "max_pool2d", "avg_pool2d",
    "adaptive_avg_pool2d", "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "nll_loss",
    "cross_entropy", "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div"]
