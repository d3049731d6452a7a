"""`python -m numtorch`: the tensor <-> NumPy tutorial, showing what shares memory.

Each step runs the tutorial's PyTorch code with `import numtorch as torch`, prints what
PyTorch prints, and the closing table says for every conversion whether memory is shared.
"""
import warnings

import numpy as np

import numtorch as torch


def _shares(a, b):
    a = a.numpy() if isinstance(a, torch.Tensor) else a
    b = b.numpy() if isinstance(b, torch.Tensor) else b
    return bool(np.shares_memory(a, b))


def _step(title, code, value):
    print(f"\n>>> {code}" if code else "")
    print(f"# {title}")
    print(value)


def main():
    rows = []

    a = torch.ones(5)
    b = a.numpy()
    a[0] = 7
    _step("Tensor.numpy() shares memory: writing a[0] = 7 shows in b", "a = torch.ones(5); "
          "b = a.numpy(); a[0] = 7; b", b)
    rows.append(("Tensor.numpy()", _shares(a, b), str(a.dtype)))

    n = np.ones(5)
    t = torch.from_numpy(n)
    n[1] = 3
    _step("from_numpy shares memory: writing n[1] = 3 shows in t",
          "n = np.ones(5); t = torch.from_numpy(n); n[1] = 3; t", t)
    rows.append(("torch.from_numpy(ndarray)", _shares(n, t), str(t.dtype)))

    x = torch.tensor([1.0, 2.0, 3.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = torch.tensor(x)
    _step("torch.tensor(tensor) copies, like x.clone().detach(), and warns: "
          + str(caught[0].message)[:60] + "...", "y = torch.tensor(x)", y)
    rows.append(("torch.tensor(tensor)", _shares(x, y), str(y.dtype)))

    u = torch.as_tensor(n)
    _step("as_tensor avoids the copy", "u = torch.as_tensor(n)", u)
    rows.append(("torch.as_tensor(ndarray)", _shares(n, u), str(u.dtype)))

    v = torch.tensor(n)
    rows.append(("torch.tensor(ndarray)", _shares(n, v), str(v.dtype)))

    w = torch.asarray(n)
    rows.append(("torch.asarray(ndarray)", _shares(n, w), str(w.dtype)))

    _step("a nested list becomes a float32 tensor",
          "torch.tensor([[0.1, 1.2], [2.2, 3.1], [4.9, 5.2]])",
          torch.tensor([[0.1, 1.2], [2.2, 3.1], [4.9, 5.2]]))
    try:
        torch.tensor([[0.1111, 0.2222, 0.3333]], dtype=torch.float64,
                     device=torch.device("cuda:0"))
    except AssertionError as exc:
        _step("no CUDA device here: a clear error",
              "torch.tensor([[0.1111, 0.2222, 0.3333]], dtype=torch.float64, "
              "device=torch.device('cuda:0'))", f"AssertionError: {exc}")
    _step("an empty tensor", "torch.tensor([])", torch.tensor([]))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.set_default_tensor_type(torch.DoubleTensor)
    _step("set_default_tensor_type changes the default dtype",
          "torch.set_default_tensor_type(torch.DoubleTensor); torch.tensor([1.5])",
          torch.tensor([1.5]))
    torch.set_default_dtype(torch.float32)

    r = torch.ones(3).requires_grad_()
    d = r.detach()
    _step("requires_grad_() and detach(): the detached tensor shares memory",
          "r = torch.ones(3).requires_grad_(); d = r.detach()", f"{r}\n{d}")
    rows.append(("Tensor.detach()", _shares(d, r.detach()), str(d.dtype)))
    c = r.detach().clone()
    rows.append(("Tensor.clone()", _shares(c, d), str(c.dtype)))

    print("\n" + f"{'conversion':30s} {'shares memory':14s} dtype")
    print(f"{'-' * 30} {'-' * 14} {'-' * 13}")
    for name, shared, dtype in rows:
        print(f"{name:30s} {'yes' if shared else 'no (copy)':14s} {dtype}")


if __name__ == "__main__":
    main()
