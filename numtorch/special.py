"""numtorch.special: PyTorch's special functions namespace."""
