"""numtorch.random: the random-number state functions, as `torch.random`."""
