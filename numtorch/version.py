"""numtorch.version: as `torch.version` (no CUDA, no git hash to report)."""
__all__ = ["__version__", "cuda", "git_version", "hip", "debug"]

__version__ = "0.1.0"
cuda = None
hip = None
git_version = None
debug = False
