"""PyTorch's dtypes as interned objects, their NumPy counterparts and the default dtype.

>>> import numtorch
>>> numtorch.float32, numtorch.long, numtorch.float32.itemsize
(torch.float32, torch.int64, 4)
"""
import builtins
import math

import ml_dtypes
import numpy as np

__all__ = ["dtype", "finfo", "iinfo", "get_default_dtype", "set_default_dtype"]


class _Frozen:
    """Base of objects whose attributes, as in PyTorch's C types, are set once at creation."""

    __slots__ = ()

    def _set(self, **fields):
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        kind = f"torch.{type(self).__name__}"
        if hasattr(self, name):
            raise AttributeError(f"attribute '{name}' of '{kind}' objects is not writable")
        raise AttributeError(f"'{kind}' object has no attribute '{name}'")


def _unordered(op):
    def compare(self, other):
        if isinstance(other, dtype):
            raise TypeError(f"'{op}' not supported between instances of 'torch.dtype' and "
                            "'torch.dtype'")
        return NotImplemented
    return compare


class dtype(_Frozen):
    """A tensor element type; one interned instance per type."""

    __slots__ = ("_name", "np", "is_floating_point", "is_complex", "is_signed", "itemsize",
                 "abbr", "_legacy", "_cat")

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'torch.dtype' instances")

    def __repr__(self):
        return "torch." + self._name

    def __reduce__(self):
        return self._name

    __lt__, __le__, __gt__, __ge__ = (_unordered(op) for op in ("<", "<=", ">", ">="))

    def to_real(self):
        """The real counterpart of a complex dtype (self otherwise)."""
        return _TO_REAL.get(self, self)

    def to_complex(self):
        """The complex counterpart of a floating dtype (self for complex ones)."""
        if self._cat == 3:
            return self
        if self not in _TO_COMPLEX:
            raise RuntimeError(f"Unknown Complex ScalarType for {SCALAR_NAME[self]}")
        return _TO_COMPLEX[self]


def _make(name, np_dtype, cat, itemsize, abbr, legacy):
    d = object.__new__(dtype)
    d._set(_name=name, np=None if np_dtype is None else np.dtype(np_dtype), _cat=cat,
           is_floating_point=cat == 2, is_complex=cat == 3, itemsize=itemsize, abbr=abbr,
           is_signed=not (name in ("bool", "float8_e8m0fnu") or name.startswith("uint")),
           _legacy=legacy)  # _cat: 0 bool, 1 integer, 2 floating, 3 complex
    globals()[name] = d
    __all__.append(name)
    return d


bool = _make("bool", np.bool_, 0, 1, "b8", "BoolTensor")  # noqa: A001 - torch's name
uint8 = _make("uint8", np.uint8, 1, 1, "u8", "ByteTensor")
uint16 = _make("uint16", np.uint16, 1, 2, "u16", "UInt16Tensor")
uint32 = _make("uint32", np.uint32, 1, 4, "u32", "UInt32Tensor")
uint64 = _make("uint64", np.uint64, 1, 8, "u64", "UInt64Tensor")
int8 = _make("int8", np.int8, 1, 1, "i8", "CharTensor")
int16 = _make("int16", np.int16, 1, 2, "i16", "ShortTensor")
int32 = _make("int32", np.int32, 1, 4, "i32", "IntTensor")
int64 = _make("int64", np.int64, 1, 8, "i64", "LongTensor")
float16 = _make("float16", np.float16, 2, 2, "f16", "HalfTensor")
bfloat16 = _make("bfloat16", ml_dtypes.bfloat16, 2, 2, "bf16", "BFloat16Tensor")
float32 = _make("float32", np.float32, 2, 4, "f32", "FloatTensor")
float64 = _make("float64", np.float64, 2, 8, "f64", "DoubleTensor")
float8_e4m3fn = _make("float8_e4m3fn", ml_dtypes.float8_e4m3fn, 2, 1, "f8e4m3fn",
                      "Float8_e4m3fnTensor")
float8_e5m2 = _make("float8_e5m2", ml_dtypes.float8_e5m2, 2, 1, "f8e5m2", "Float8_e5m2Tensor")
float8_e4m3fnuz = _make("float8_e4m3fnuz", ml_dtypes.float8_e4m3fnuz, 2, 1, "f8e4m3fnuz",
                        "Float8_e4m3fnuzTensor")
float8_e5m2fnuz = _make("float8_e5m2fnuz", ml_dtypes.float8_e5m2fnuz, 2, 1, "f8e5m2fnuz",
                        "Float8_e5m2fnuzTensor")
float8_e8m0fnu = _make("float8_e8m0fnu", ml_dtypes.float8_e8m0fnu, 2, 1, "f8e8m0fnu",
                       "Float8_e8m0fnuTensor")
complex32 = _make("complex32", None, 3, 4, "c32", "ComplexHalfTensor")
complex64 = _make("complex64", np.complex64, 3, 8, "c64", "ComplexFloatTensor")
complex128 = _make("complex128", np.complex128, 3, 16, "c128", "ComplexDoubleTensor")

# PyTorch's aliases name the same objects.
ALIASES = {"half": float16, "float": float32, "double": float64, "short": int16,
           "int": int32, "long": int64, "chalf": complex32, "cfloat": complex64,
           "cdouble": complex128}
globals().update(ALIASES)
__all__.extend(ALIASES)

# The dtypes tensors, promotion and conversion support.
ALL = (bool, uint8, uint16, uint32, uint64, int8, int16, int32, int64, float16, bfloat16,
       float32, float64, float8_e4m3fn, float8_e5m2, complex32, complex64, complex128)
# Not in ALL: tensors may be converted to and from them (`to`), but promotion and ops skip them.
NAMED_ONLY = (float8_e4m3fnuz, float8_e5m2fnuz, float8_e8m0fnu)
_TO_REAL = {complex32: float16, complex64: float32, complex128: float64}
_TO_COMPLEX = {float16: complex32, bfloat16: complex64, float32: complex64,
               float64: complex128}

# NumPy dtype -> torch dtype.  Keys are NumPy dtypes; `np.dtype('>i4') == np.dtype('<i4')`
# is False, so non-native byte orders simply miss.  `ulonglong` compares equal to uint64 but
# PyTorch refuses it (its type number differs), which callers check by `.num`.
FROM_NP = {d.np: d for d in ALL + NAMED_ONLY if d.np is not None}
# PyTorch's own spelling of the accepted NumPy dtypes, used in its error messages.
NP_ACCEPTED = ("float64, float32, float16, complex64, complex128, int64, int32, int16, int8, "
               "uint64, uint32, uint16, uint8, and bool")
# Scalar-type names PyTorch uses in messages ("Float", "Long", ...).
SCALAR_NAME = {d: d._legacy[:-len("Tensor")] for d in ALL + NAMED_ONLY}
SCALAR_NAME[bool] = "Bool"
SCALAR_NAME[float16] = "Half"
SCALAR_NAME[complex32] = "ComplexHalf"
# C++ type names PyTorch's conversion errors use ("value cannot be converted to type ...").
C_NAME = {bool: "bool", uint8: "uint8_t", uint16: "uint16_t", uint32: "uint32_t",
          uint64: "uint64_t", int8: "int8_t", int16: "int16_t", int32: "int", int64: "int64_t",
          float16: "c10::Half", bfloat16: "c10::BFloat16", float32: "float", float64: "double",
          complex64: "c10::complex<float>", complex128: "c10::complex<double>"}
# C++ type names (typeid) as PyTorch's dtype-mismatch messages print them
CXX_NAME = {bool: "bool", uint8: "unsigned char", uint16: "short unsigned int",
            uint32: "unsigned int", uint64: "long unsigned int", int8: "signed char",
            int16: "short int", int32: "int", int64: "long int", float16: "c10::Half",
            bfloat16: "c10::BFloat16", float32: "float", float64: "double",
            float8_e4m3fn: "c10::Float8_e4m3fn", float8_e5m2: "c10::Float8_e5m2",
            float8_e4m3fnuz: "c10::Float8_e4m3fnuz", float8_e5m2fnuz: "c10::Float8_e5m2fnuz",
            float8_e8m0fnu: "c10::Float8_e8m0fnu",
            complex32: "c10::complex<c10::Half>", complex64: "c10::complex<float>",
            complex128: "c10::complex<double>"}


# `dtype=float` and friends: Python types map as PyTorch maps them.
FROM_PYTHON_TYPE = {builtins.float: float64, builtins.int: int64, builtins.bool: bool,
                    builtins.complex: complex128}


# ---- the default dtype -------------------------------------------------------------------
_default = [float32]


def get_default_dtype():
    """The dtype Python floats and float factories produce (float32 at start-up)."""
    return _default[0]


def set_default_dtype(d):
    """Set the default floating dtype: one of float16, bfloat16, float32, float64."""
    if not isinstance(d, dtype):
        raise TypeError("invalid dtype object: only floating-point types are supported "
                        "as the default type")
    if d._cat == 2 and d.itemsize == 1:
        raise TypeError(f"couldn't find storage object {SCALAR_NAME[d]}Storage")
    if d not in (float16, bfloat16, float32, float64):
        raise TypeError("only floating-point types are supported as the default type")
    _default[0] = d


def default_complex():
    """The complex dtype that Python complex numbers infer to."""
    d = _default[0]
    if d is bfloat16:
        raise RuntimeError("invalid default scalar type for complex")
    if d is float16:
        raise TypeError("numtorch has no complex32 tensors (NumPy has no complex32 type)")
    return _TO_COMPLEX[d]


# ---- finfo / iinfo -----------------------------------------------------------------------
_MISSING = object()
# PyTorch's numeric_limits differ from ml_dtypes' here.
_EPS = {float8_e5m2fnuz: 0.125}


def _info_arg(fn, arg):
    """The dtype `finfo(arg)` / `iinfo(arg)` describes; Python types map as for `dtype=`."""
    if isinstance(arg, builtins.type):
        arg = FROM_PYTHON_TYPE.get(arg, arg)
    if not isinstance(arg, dtype):
        raise TypeError(f"{fn}(): argument 'type' (position 1) must be torch.dtype, not "
                        f"{builtins.type(arg).__name__}")
    return arg


class finfo(_Frozen):
    """Machine limits of a floating dtype, as `torch.finfo`."""

    __slots__ = ("bits", "eps", "max", "min", "tiny", "smallest_normal", "resolution", "dtype")

    def __init__(self, type=_MISSING):  # noqa: A002 - PyTorch's keyword
        type = get_default_dtype() if type is _MISSING else _info_arg("finfo", type)
        if type._cat < 2:
            raise TypeError("torch.finfo() requires a floating point input type. "
                            "Use torch.iinfo to handle 'torch.finfo'")
        real = type.to_real()
        info = ml_dtypes.finfo(real.np)
        eps = _EPS.get(real, builtins.float(info.eps))
        normal = builtins.float(info.smallest_normal)
        self._set(bits=info.bits, eps=eps, max=builtins.float(info.max),
                  min=builtins.float(info.min), tiny=normal, smallest_normal=normal,
                  resolution=10.0 ** -math.floor(-math.log10(eps)),
                  dtype=real._name)

    def __eq__(self, other):
        return self.dtype == other.dtype if isinstance(other, finfo) else NotImplemented

    def __repr__(self):
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, "
                f"eps={self.eps:g}, smallest_normal={self.smallest_normal:g}, "
                f"tiny={self.tiny:g}, dtype={self.dtype})")


class iinfo(_Frozen):
    """Limits of an integer dtype, as `torch.iinfo`."""

    __slots__ = ("bits", "max", "min", "dtype")

    def __init__(self, type=_MISSING):  # noqa: A002 - PyTorch's keyword
        if type is _MISSING:
            raise TypeError('iinfo() missing 1 required positional arguments: "type"')
        type = _info_arg("iinfo", type)
        if type is bool:
            raise TypeError("torch.bool is not supported by torch.iinfo")
        if type._cat != 1:
            raise TypeError("torch.iinfo() requires an integer input type. "
                            "Use torch.finfo to handle 'torch.iinfo'")
        info = np.iinfo(type.np)
        self._set(bits=info.bits, max=builtins.int(info.max), min=builtins.int(info.min),
                  dtype=type._name)

    def __eq__(self, other):
        return self.dtype == other.dtype if isinstance(other, iinfo) else NotImplemented

    def __repr__(self):
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"
