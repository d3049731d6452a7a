"""Timing harness: best-of-repeats per call, and a table of ratios against PyTorch."""
import timeit

__all__ = ["best_time", "report"]


def best_time(fn, min_total=0.2, repeat=7):
    """Best time of one call of `fn`, in seconds (number of calls per repeat auto-scaled)."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(1, int(number * min_total / 0.2))
    return min(timer.repeat(repeat=repeat, number=number)) / number


def report(title, cases):
    """Time each case; print torch / numtorch (and numpy) times and the torch/numtorch ratio.

    `cases` holds (name, target ratio, torch fn, numtorch fn, numpy fn or None).
    Returns {name: ratio}.
    """
    print(f"\n{title}")
    print(f"{'case':34s} {'torch':>10s} {'numtorch':>10s} {'numpy':>10s} {'ratio':>7s} "
          f"{'target':>7s}")
    ratios = {}
    for name, target, torch_fn, nt_fn, np_fn in cases:
        t_torch, t_nt = best_time(torch_fn), best_time(nt_fn)
        t_np = f"{best_time(np_fn) * 1e6:9.2f}u" if np_fn else f"{'-':>10s}"
        ratio = ratios[name] = t_torch / t_nt
        mark = "ok" if ratio >= target else "BELOW"
        print(f"{name:34s} {t_torch * 1e6:9.2f}u {t_nt * 1e6:9.2f}u {t_np} {ratio:7.2f} "
              f"{target:>6}x {mark}")
    return ratios
