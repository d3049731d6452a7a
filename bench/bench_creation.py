"""Creation and Tensor <-> NumPy conversion: numtorch vs PyTorch (and NumPy) in one run.

Run: python bench/bench_creation.py   (times are best-of-7, in microseconds)
"""
import os
import sys
import warnings

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numtorch  # noqa: E402
from harness import report  # noqa: E402

torch.set_num_threads(1)


def main():
    a = np.ones(1_000_000)
    t_torch, t_nt = torch.ones(100), numtorch.ones(100)
    floats = [float(i) for i in range(1_000_000)]
    nested = [[float(i * 100 + j) for j in range(100)] for i in range(1000)]
    arrays = [np.full(100, i, dtype=np.float32) for i in range(1000)]
    big = np.ones(100 * 2**20 // 8)  # 100 MB of float64
    warnings.simplefilter("ignore")  # the one-time "list of ndarrays is slow" warning
    cases = [
        ("from_numpy(ndarray)", 3, lambda: torch.from_numpy(a),
         lambda: numtorch.from_numpy(a), None),
        ("t.numpy()", 10, t_torch.numpy, t_nt.numpy, None),
        ("as_tensor(ndarray)", 3, lambda: torch.as_tensor(a),
         lambda: numtorch.as_tensor(a), lambda: np.asarray(a)),
        ("tensor(list of 1e6 floats)", 4, lambda: torch.tensor(floats),
         lambda: numtorch.tensor(floats), lambda: np.array(floats, dtype=np.float32)),
        ("tensor(nested 1000x100 list)", 4, lambda: torch.tensor(nested),
         lambda: numtorch.tensor(nested), lambda: np.array(nested, dtype=np.float32)),
        ("tensor(list of 1000 ndarrays)", 30, lambda: torch.tensor(arrays),
         lambda: numtorch.tensor(arrays), lambda: np.stack(arrays)),
        ("tensor(3.0)", 3, lambda: torch.tensor(3.0), lambda: numtorch.tensor(3.0),
         lambda: np.array(3.0, dtype=np.float32)),
        ("zeros(100)", 3, lambda: torch.zeros(100), lambda: numtorch.zeros(100),
         lambda: np.zeros(100, dtype=np.float32)),
        ("tensor(100 MB ndarray)", 2, lambda: torch.tensor(big),
         lambda: numtorch.tensor(big), lambda: big.copy()),
    ]
    report("creation and conversion (ratio = torch time / numtorch time)", cases)


if __name__ == "__main__":
    main()
