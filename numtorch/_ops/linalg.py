"""linalg ops (see the op registry in registry.py)."""

__all__ = []
