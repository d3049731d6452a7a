"""Type names as CPython writes them in error messages."""

__all__ = ["type_name"]


def type_name(obj):
    """The type name CPython writes in messages (`tp_name`): `float`, `numpy.float64`."""
    t = type(obj)
    if t.__flags__ & (1 << 9) or t.__module__ == "builtins":  # heap type, or builtin
        return t.__name__
    return f"{t.__module__}.{t.__name__}"
