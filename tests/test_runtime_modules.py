"""`numtorch.cuda`, `backends`, `accelerator`, `version` and the thread/determinism settings
report what a CPU-only PyTorch build reports."""
import pytest
import torch

import numtorch

QUERIES = ["cuda.is_available()", "cuda.device_count()", "cuda.is_initialized()",
           "cuda.manual_seed(0)", "cuda.manual_seed_all(0)", "cuda.empty_cache()",
           "cuda.memory_allocated()", "cuda.is_bf16_supported()",
           "backends.mps.is_available()", "backends.mps.is_built()",
           "backends.cudnn.is_available()", "backends.cudnn.enabled",
           "backends.cudnn.benchmark", "backends.cudnn.deterministic",
           "backends.cuda.is_built()", "backends.cuda.matmul.allow_tf32",
           "accelerator.is_available()", "accelerator.current_accelerator()",
           "accelerator.device_count()", "version.cuda", "version.hip",
           "are_deterministic_algorithms_enabled()", "pi", "e", "inf", "nan", "newaxis"]


def _run(m, expr):
    try:
        return "ok", repr(eval(expr, {"m": m}))
    except Exception as exc:  # noqa: BLE001 - the class and message are compared
        return type(exc).__name__, str(exc).splitlines()[0]


@pytest.mark.parametrize("expr", QUERIES)
def test_queries_match_a_cpu_build(expr):
    assert _run(numtorch, "m." + expr) == _run(torch, "m." + expr)


@pytest.mark.parametrize("expr", ["cuda.current_device()", "cuda.synchronize()",
                                  "cuda.get_device_name()"])
def test_device_queries_raise_as_without_cuda(expr):
    assert _run(numtorch, "m." + expr) == _run(torch, "m." + expr)
    assert _run(numtorch, "m." + expr)[0] == "AssertionError"


@pytest.mark.parametrize("bad", [0, -2, "a", 2.0])
def test_set_num_threads_errors(bad):
    assert _run(numtorch, f"m.set_num_threads({bad!r})") == \
        _run(torch, f"m.set_num_threads({bad!r})")


def test_thread_and_determinism_settings_round_trip():
    before = numtorch.get_num_threads()
    try:
        numtorch.set_num_threads(1)
        assert numtorch.get_num_threads() == 1
        numtorch.set_num_interop_threads(3)
        assert numtorch.get_num_interop_threads() == 3
    finally:
        numtorch.set_num_threads(before)
    numtorch.use_deterministic_algorithms(True, warn_only=True)
    try:
        assert numtorch.are_deterministic_algorithms_enabled()
        assert numtorch.is_deterministic_algorithms_warn_only_enabled()
    finally:
        numtorch.use_deterministic_algorithms(False)
    assert not numtorch.are_deterministic_algorithms_enabled()


def test_device_selection_idiom_picks_the_cpu():
    dev = "cuda" if numtorch.cuda.is_available() else "cpu"
    assert numtorch.ones(2, device=dev).device == numtorch.device("cpu")
    assert numtorch.__version__ == numtorch.version.__version__


def test_compile_returns_the_function():
    def f(x):
        return x + 1
    assert numtorch.compile(f) is f
    assert numtorch.compile(mode="reduce-overhead")(f) is f
    assert numtorch.compile(f)(numtorch.ones(1)).tolist() == [2.0]
