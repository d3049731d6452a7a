"""`save` / `load` in PyTorch's zip format, readable and writable by real PyTorch.

A file is a zip of uncompressed records under one folder (the file's stem, or `archive`):
`data.pkl` (the object, pickled with protocol 2; each storage is a persistent id
`('storage', torch.FloatStorage, key, 'cpu', numel)`), `data/<key>` (a storage's raw bytes,
aligned to 64 bytes in the file), `byteorder`, `version`, ... as `torch.save` writes them.
"""
import _compat_pickle
import contextlib
import ctypes
import io
import os
import pickle
import random as _pyrandom
import sys
import zipfile
from collections import Counter, OrderedDict

import numpy as np

from . import _dtype as D
from ._device import device
from ._tensor import Size, Storage, Tensor, UntypedStorage, extent_bytes, storage, wrap

__all__ = ["save", "load", "add_safe_globals", "get_safe_globals", "clear_safe_globals",
           "safe_globals", "DEFAULT_PROTOCOL"]

DEFAULT_PROTOCOL = 2
_ALIGNMENT = 64
_UNSAFE_MESSAGE = (
    "In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` "
    "from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will "
    "likely succeed, but it can result in arbitrary code execution. Do it only if you got the "
    "file from a trusted source.")
_DOCS_MESSAGE = (
    "\n\nCheck the documentation of torch.load to learn more about types accepted by default "
    "with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.")
# The dtypes with a legacy typed storage (`torch.FloatStorage`); the others are saved as
# `torch.storage.UntypedStorage` through `_rebuild_tensor_v3`.
_STORAGE_NAME = {d: d._legacy.replace("Tensor", "Storage") for d in (
    D.float64, D.float32, D.float16, D.int64, D.int32, D.int16, D.int8, D.uint8, D.bool,
    D.bfloat16, D.complex128, D.complex64)}
_STORAGE_DTYPE = {name: d for d, name in _STORAGE_NAME.items()}


class _Global:
    """A name in `torch` that the pickle refers to (`torch FloatStorage`); one per name."""

    _interned = {}

    def __new__(cls, module, name):
        key = (module, name)
        if key not in cls._interned:
            g = cls._interned[key] = object.__new__(cls)
            g.module, g.name = module, name
        return cls._interned[key]

    def __call__(self, *args):
        raise TypeError(f"{self.module}.{self.name} is only a pickle reference")


class _StorageRef:
    """A tensor's storage as the pickle meets it: the record, its dtype and byte size."""

    __slots__ = ("st", "dtype", "nbytes")

    def __init__(self, st, dtype, nbytes):
        self.st, self.dtype, self.nbytes = st, dtype, nbytes


class _Pickler(pickle._Pickler):
    """Pickles numtorch objects under PyTorch's names; storages as persistent ids."""

    dispatch = dict(pickle._Pickler.dispatch)

    def __init__(self, file, protocol):
        super().__init__(file, protocol)
        self.storages = {}  # key -> (_StorageRef)
        self._keys = {}     # id(storage record) -> (key, dtype)

    def _write_global(self, obj, module, name):
        self.write(pickle.GLOBAL + f"{module}\n{name}\n".encode("utf-8"))
        self.memoize(obj)

    dispatch[_Global] = lambda self, g: self._write_global(g, g.module, g.name)
    dispatch[D.dtype] = lambda self, d: self._write_global(d, "torch", d._name)

    def persistent_id(self, obj):
        if not isinstance(obj, _StorageRef):
            return None
        key, dtype = self._keys.setdefault(id(obj.st), (str(len(self._keys)), obj.dtype))
        if dtype is not obj.dtype:
            raise RuntimeError("Cannot save multiple tensors or storages that view the same "
                               "data as different types")
        self.storages[key] = obj
        if obj.dtype in _STORAGE_NAME:
            return ("storage", _Global("torch", _STORAGE_NAME[obj.dtype]), key, "cpu",
                    obj.nbytes // obj.dtype.itemsize)
        return ("storage", _Global("torch.storage", "UntypedStorage"), key, "cpu", obj.nbytes)

    def reducer_override(self, obj):
        if isinstance(obj, Tensor):
            st = storage(obj)
            ref = _StorageRef(st, obj.dtype, extent_bytes(st.base))
            args = (ref, obj.storage_offset(), tuple(obj.shape), obj.stride(),
                    obj.requires_grad, OrderedDict())
            if obj.dtype in _STORAGE_NAME:
                return _Global("torch._utils", "_rebuild_tensor_v2"), args
            return _Global("torch._utils", "_rebuild_tensor_v3"), args + (obj.dtype,)
        if isinstance(obj, Size):
            return _Global("torch", "Size"), (tuple(obj),)
        if isinstance(obj, device):
            args = (obj.type,) if obj.index is None else (obj.type, obj.index)
            return _Global("torch", "device"), args
        return NotImplemented


def _storage_bytes(ref):
    """The raw bytes of a storage record (CPU memory)."""
    if ref.nbytes == 0:
        return b""
    return ctypes.string_at(ref.st.base.__array_interface__["data"][0], ref.nbytes)


def _is_path(f):
    return isinstance(f, (str, os.PathLike))


def _write_zip(zf, prefix, name, data):
    info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
    if name.startswith("data/"):  # pad the local header so the payload is aligned
        start = zf.fp.tell() + 30 + len(info.filename.encode("utf-8")) + 4
        info.extra = b"FB" + (-start % _ALIGNMENT).to_bytes(2, "little") + \
            b"Z" * (-start % _ALIGNMENT)
    zf.writestr(info, data)


def save(obj, f, pickle_module=pickle, pickle_protocol=DEFAULT_PROTOCOL,
         _use_new_zipfile_serialization=True, _disable_byteorder_record=False):
    """Save `obj` to the path or writable binary file `f` in PyTorch's zip format."""
    buf = io.BytesIO()
    pickler = _Pickler(buf, pickle_protocol)
    pickler.dump(obj)
    if _is_path(f):
        prefix = os.path.splitext(os.path.basename(os.fspath(f)))[0] or "archive"
        opened = open(f, "wb")
    else:
        if not callable(getattr(f, "write", None)):
            msg = f"Buffer of {str(type(f)).strip('<>')} has no callable attribute 'write'"
            raise (TypeError if hasattr(f, "write") else AttributeError)(msg)
        prefix, opened = "archive", contextlib.nullcontext(f)
    with opened as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as zf:
        _write_zip(zf, prefix, "data.pkl", buf.getvalue())
        _write_zip(zf, prefix, ".format_version", b"1")
        _write_zip(zf, prefix, ".storage_alignment", str(_ALIGNMENT).encode())
        if not _disable_byteorder_record:
            _write_zip(zf, prefix, "byteorder", sys.byteorder.encode())
        for key, ref in pickler.storages.items():
            _write_zip(zf, prefix, f"data/{key}", _storage_bytes(ref))
        _write_zip(zf, prefix, "version", b"3\n")
        _write_zip(zf, prefix, ".data/serialization_id",
                   "".join(_pyrandom.choice("0123456789") for _ in range(40)).encode())


# ---- loading ----------------------------------------------------------------------------

class _StorageType:
    """What `torch FloatStorage` unpickles to: only its dtype matters."""

    def __init__(self, dtype):
        self.dtype = dtype


def _tensor_from(loaded, offset, size, stride, dtype):
    st, buf = loaded
    npd = dtype.np
    if npd is None:
        raise TypeError(f"Got unsupported ScalarType {D.SCALAR_NAME[dtype]}")
    if st is None:
        base = buf[: len(buf) - len(buf) % npd.itemsize].view(npd)
        st = loaded[0] = Storage(base)
    base = st.base
    if 0 in size:
        a = base[:0].reshape(size)
    else:
        raw = base[offset:].view(np.dtype((np.void, npd.itemsize)))  # ml_dtypes-safe
        a = np.lib.stride_tricks.as_strided(raw, tuple(size),
                                            tuple(s * npd.itemsize for s in stride)).view(npd)
    t = wrap(a)
    t._st = st
    return t


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False,
                       backward_hooks=None, metadata=None):
    t = _tensor_from(storage[0], storage_offset, size, stride, storage[1])
    t.requires_grad = requires_grad
    return t


def _rebuild_tensor_v3(storage, storage_offset, size, stride, requires_grad, backward_hooks,
                       dtype, metadata=None):
    t = _tensor_from(storage[0], storage_offset, size, stride, dtype)
    t.requires_grad = requires_grad
    return t


def _rebuild_parameter(data, requires_grad, backward_hooks):
    data.requires_grad = requires_grad
    return data


def _rebuild_from_type_v2(func, new_type, args, state):
    return func(*args)


def _torch_globals():
    names = {"torch._utils._rebuild_tensor_v2": _rebuild_tensor_v2,
             "torch._utils._rebuild_tensor_v3": _rebuild_tensor_v3,
             "torch._utils._rebuild_parameter": _rebuild_parameter,
             "torch._tensor._rebuild_from_type_v2": _rebuild_from_type_v2,
             "torch.Size": Size, "torch.Tensor": Tensor, "torch.device": device,
             "torch.storage.UntypedStorage": _StorageType(D.uint8)}
    for d in D.ALL + D.NAMED_ONLY:
        names["torch." + d._name] = d
    for d, name in _STORAGE_NAME.items():
        names["torch." + name] = _StorageType(d)
    return names


_TORCH = _torch_globals()
_ALLOWED = {"collections.OrderedDict": OrderedDict, "collections.Counter": Counter,
            "_codecs.encode": __import__("codecs").encode, "builtins.bytearray": bytearray,
            "builtins.set": set, "builtins.complex": complex}
_SAFE = []


def add_safe_globals(safe_globals):
    """Allow these classes/functions (or `(obj, "module.name")` pairs) in weights-only loads."""
    _SAFE.extend(safe_globals)


def get_safe_globals():
    """The user-allowed globals."""
    return list(_SAFE)


def clear_safe_globals():
    """Forget every user-allowed global."""
    _SAFE.clear()


@contextlib.contextmanager
def safe_globals(safe_globals):
    """Allow these globals in weights-only loads inside the `with` block."""
    saved = list(_SAFE)
    add_safe_globals(safe_globals)
    try:
        yield
    finally:
        _SAFE[:] = saved


def _user_globals():
    out = {}
    for g in _SAFE:
        if isinstance(g, tuple):
            out[g[1]] = g[0]
        else:
            out[f"{g.__module__}.{g.__qualname__}"] = g
    return out


def _unsafe_global(full):
    if full.startswith("builtins"):
        full = full[len("builtins"):]
        full = full[1:] if full.startswith(".") else "builtins" + full
    return pickle.UnpicklingError(
        f"Unsupported global: GLOBAL {full} was not an allowed global by default. Please use "
        f"`torch.serialization.add_safe_globals([{full}])` or the "
        f"`torch.serialization.safe_globals([{full}])` context manager to allowlist this global "
        "if you trust this class/function.")


class _Unpickler(pickle.Unpickler):
    """PyTorch's names mapped to numtorch's; with `weights_only`, only an allowlist."""

    def __init__(self, file, weights_only, read_storage, **kwargs):
        super().__init__(file, **kwargs)
        self.weights_only, self.read_storage = weights_only, read_storage
        self.loaded = {}

    def find_class(self, module, name):
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        full = f"{module}.{name}"
        if full in _TORCH:
            return _TORCH[full]
        if not self.weights_only:
            return super().find_class(module, name)
        if module in ("sys", "os", "posix", "nt"):
            raise pickle.UnpicklingError(f"Trying to load unsupported GLOBAL {full} whose "
                                         f"module {module} is blocked.")
        found = _ALLOWED.get(full) or _user_globals().get(full)
        if found is None:
            raise _unsafe_global(full)
        return found

    def persistent_load(self, saved_id):
        kind, stype, key, location, numel = saved_id
        if kind != "storage":
            raise pickle.UnpicklingError("unsupported persistent id encountered")
        if key not in self.loaded:
            self.loaded[key] = [None, self.read_storage(key, location, stype.dtype)]
        return self.loaded[key], stype.dtype


def _restore(map_location, location):
    """The device a storage saved on `location` loads to (only the CPU exists)."""
    if isinstance(map_location, dict):
        location = map_location.get(location, location)
    elif isinstance(map_location, (str, bytes, device)):
        location = str(map_location.decode() if isinstance(map_location, bytes) else
                       map_location)
    if device(location).type != "cpu":
        raise RuntimeError(
            "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() "
            "is False. If you are running on a CPU-only machine, please use torch.load with "
            "map_location=torch.device('cpu') to map your storages to the CPU.")


def _wo_message(message):
    if "was not an allowed global by default." in message:
        return ("Weights only load failed. This file can still be loaded, to do so you have two "
                "options, \033[1mdo those steps only if you trust the source of the "
                f"checkpoint\033[0m. \n\t(1) {_UNSAFE_MESSAGE}\n\t(2) Alternatively, to load "
                "with `weights_only=True` please check the recommended steps in the following "
                "error message.\n\tWeightsUnpickler error: " + message + _DOCS_MESSAGE)
    head = f"Weights only load failed. {_UNSAFE_MESSAGE}\n"
    if "is blocked" not in message:
        head += ("Please file an issue with the following so that we can make "
                 "`weights_only=True` compatible with your use case: WeightsUnpickler error: ")
    return head + "\n\n" + message + _DOCS_MESSAGE


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None,
         **pickle_load_args):
    """Load an object `torch.save` (or `numtorch.save`) wrote to the path or file `f`."""
    weights_only = True if weights_only is None else weights_only
    if weights_only and pickle_module is not None:
        raise RuntimeError("Can not safely load weights when explicit pickle_module is "
                           "specified")
    pickle_load_args.setdefault("encoding", "utf-8")
    with (open(f, "rb") if _is_path(f) else contextlib.nullcontext(f)) as fh:
        start = fh.tell()
        magic = fh.read(4)
        fh.seek(start)
        if magic != b"PK\x03\x04":
            raise RuntimeError("numtorch.load reads only the zip format torch.save writes "
                               "(the default since PyTorch 1.6)")
        with zipfile.ZipFile(fh) as zf:
            prefix = zf.namelist()[0].split("/")[0]
            order = zf.read(f"{prefix}/byteorder").decode() \
                if f"{prefix}/byteorder" in zf.namelist() else "little"

            def read_storage(key, location, dtype):
                buf = np.frombuffer(zf.read(f"{prefix}/data/{key}"), np.uint8).copy()
                if callable(map_location) and not isinstance(map_location, (dict, device)):
                    map_location(UntypedStorage(Storage(buf)), location)
                else:
                    _restore(map_location, location)
                if order != sys.byteorder and dtype.itemsize > 1:
                    buf = buf.view(dtype.np).byteswap().view(np.uint8)
                return buf

            unpickler = _Unpickler(io.BytesIO(zf.read(f"{prefix}/data.pkl")), weights_only,
                                   read_storage, **pickle_load_args)
            if not weights_only:
                return unpickler.load()
            try:
                return unpickler.load()
            except pickle.UnpicklingError as e:
                raise pickle.UnpicklingError(_wo_message(str(e))) from None
