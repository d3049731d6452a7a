"""numtorch.utils.data against torch.utils.data: same batches, lengths, collation, errors."""
import collections

import numpy as np
import pytest
import torch
import torch.utils.data as TD

import numtorch
import numtorch.utils.data as ND
from diff import describe


def _same_tree(n, t):
    """Batches match: containers, tensor values, dtypes, shapes and strides."""
    assert describe(n, numtorch) == describe(t, torch)
    assert type(n).__name__ == type(t).__name__


def _both(build):
    """`build(lib, data_module)` run with numtorch and with torch."""
    return build(numtorch, ND), build(torch, TD)


Point = collections.namedtuple("Point", "x y")

SAMPLES = [
    lambda m: [m.arange(3) + i for i in range(4)],
    lambda m: [1.5, 2.5, 3.0],
    lambda m: [1, 2, 3],
    lambda m: [True, False],
    lambda m: ["a", "b"],
    lambda m: [np.arange(3.0), np.ones(3)],
    lambda m: [np.float32(1.5), np.float32(2)],
    lambda m: [np.int16(1), np.int16(2)],
    lambda m: [{"a": m.ones(2), "b": 1}, {"a": m.zeros(2), "b": 2}],
    lambda m: [collections.OrderedDict(a=1.0), collections.OrderedDict(a=2.0)],
    lambda m: [(m.ones(2), 1), (m.zeros(2), 2)],
    lambda m: [[1, 2.5], [3, 4.5]],
    lambda m: [Point(1, m.ones(1)), Point(2, m.zeros(1))],
]


@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_default_collate_matches(sample):
    n, t = _both(lambda m, d: d.default_collate(SAMPLES[sample](m)))
    _same_tree(n, t)


@pytest.mark.parametrize("batch, match", [
    ([[1, 2], [3]], "each element in list of batch should be of equal size"),
    ([np.array(["a"]), np.array(["b"])], "default_collate: batch must contain"),
    ([object(), object()], "default_collate: batch must contain"),
])
def test_default_collate_errors(batch, match):
    with pytest.raises((RuntimeError, TypeError)) as ref:
        TD.default_collate(batch)
    with pytest.raises(ref.type) as got:
        ND.default_collate(batch)
    assert str(got.value).split(" <")[0] == str(ref.value).split(" <")[0]


@pytest.mark.parametrize("kwargs", [{}, {"batch_size": 3}, {"batch_size": 3, "drop_last": True},
                                    {"batch_size": None}, {"batch_size": 4, "num_workers": 2},
                                    {"collate_fn": lambda b: len(b), "batch_size": 2}])
def test_dataloader_sequential_batches(kwargs):
    def build(m, d):
        ds = d.TensorDataset(m.arange(10.0).reshape(5, 2), m.arange(5))
        dl = d.DataLoader(ds, **kwargs)
        return len(dl), list(dl)
    (ln, bn), (lt, bt) = _both(build)
    assert ln == lt
    _same_tree(bn, bt)


@pytest.mark.parametrize("seeded", [False, True])
def test_dataloader_shuffle_order_matches_torch(seeded):
    def build(m, d):
        m.manual_seed(0)
        g = m.Generator().manual_seed(1) if seeded else None
        dl = d.DataLoader(d.TensorDataset(m.arange(20)), batch_size=6, shuffle=True,
                          generator=g)
        return [[b[0].tolist() for b in dl] for _ in range(2)]
    n, t = _both(build)
    assert n == t and sorted(sum(n[0], [])) == list(range(20)) and n[0] != n[1]


@pytest.mark.parametrize("kwargs", [{"replacement": True, "num_samples": 70},
                                    {"num_samples": 12}, {}])
def test_random_sampler_and_split_match_torch(kwargs):
    def build(m, d):
        m.manual_seed(3)
        g = m.Generator().manual_seed(4)
        return (list(d.RandomSampler(range(5), **kwargs)),
                list(d.RandomSampler(range(5), generator=g, **kwargs)),
                [list(s) for s in d.random_split(range(10), [0.3, 0.7])],
                [list(s) for s in d.random_split(range(9), [4, 5], generator=g)])
    n, t = _both(build)
    assert n == t


def test_samplers_and_batch_sampler():
    for d in (ND, TD):
        seq = d.SequentialSampler(range(5))
        assert list(seq) == [0, 1, 2, 3, 4] and len(seq) == 5
        bs = d.BatchSampler(seq, 2, False)
        assert list(bs) == [[0, 1], [2, 3], [4]] and len(bs) == 3
        assert len(d.BatchSampler(seq, 2, True)) == 2
        rs = d.RandomSampler(range(5), replacement=True, num_samples=12)
        draws = list(rs)
        assert len(draws) == 12 == len(rs) and all(0 <= i < 5 for i in draws)
        assert len(list(d.RandomSampler(range(5), num_samples=7))) == 7
        dl = d.DataLoader(range(6), batch_sampler=d.BatchSampler(seq, 2, False))
        assert [b.tolist() for b in dl] == [[0, 1], [2, 3], [4]]


@pytest.mark.parametrize("call", [
    lambda d: d.BatchSampler(range(3), 0, False),
    lambda d: d.BatchSampler(range(3), True, False),
    lambda d: d.BatchSampler(range(3), 2, 1),
    lambda d: d.RandomSampler(range(3), replacement=1),
    lambda d: d.RandomSampler(range(3), num_samples=0),
    lambda d: d.DataLoader(range(3), shuffle=True, sampler=d.SequentialSampler(range(3))),
    lambda d: d.DataLoader(range(3), batch_size=2, batch_sampler=[[0]]),
    lambda d: d.DataLoader(range(3), batch_size=None, drop_last=True),
    lambda d: d.DataLoader(range(3), num_workers=-1),
    lambda d: d.DataLoader(range(3), prefetch_factor=2),
    lambda d: d.DataLoader(range(3), persistent_workers=True),
    lambda d: d.DataLoader(Stream(3), shuffle=True),
    lambda d: d.TensorDataset(numtorch.ones(2) if d is ND else torch.ones(2),
                              numtorch.ones(3) if d is ND else torch.ones(3)),
    lambda d: d.ConcatDataset([]),
    lambda d: d.ConcatDataset([Stream(2)]),
    lambda d: d.ConcatDataset([range(3)])[-4],
    lambda d: d.random_split(range(5), [2, 2]),
    lambda d: d.random_split(range(5), [1.5, -0.5]),
    lambda d: d.Dataset()[0],
])
def test_errors_match(call):
    with pytest.raises(Exception) as ref:
        call(TD)
    with pytest.raises(ref.type) as got:
        call(ND)
    assert str(got.value) == str(ref.value)


class Stream(ND.IterableDataset, TD.IterableDataset):
    """An iterable dataset both libraries accept."""

    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(range(self.n))

    def __len__(self):
        return self.n


@pytest.mark.parametrize("kwargs", [{}, {"batch_size": 2}, {"batch_size": 2, "drop_last": True},
                                    {"batch_size": None}])
def test_iterable_dataset(kwargs):
    n = ND.DataLoader(Stream(5), **kwargs)
    t = TD.DataLoader(Stream(5), **kwargs)
    assert len(n) == len(t)
    _same_tree(list(n), list(t))


def test_subset_concat_and_random_split():
    for d in (ND, TD):
        cat = d.ConcatDataset([range(3), range(10, 12)])
        assert len(cat) == 5 and [cat[i] for i in range(-5, 5)] == [0, 1, 2, 10, 11] * 2
        sub = d.Subset(range(10), [5, 1, 7])
        assert len(sub) == 3 and sub[1] == 1
        parts = d.random_split(range(10), [0.3, 0.3, 0.4])
        assert [len(p) for p in parts] == [3, 3, 4]
        assert sorted(i for p in parts for i in p) == list(range(10))
        parts = d.random_split(range(7), [0.5, 0.5])
        assert [len(p) for p in parts] == [4, 3]
    both = ND.TensorDataset(numtorch.arange(3)) + ND.TensorDataset(numtorch.arange(2))
    assert len(both) == 5 and both[3][0].item() == 0
    chained = Stream(2) + Stream(3)
    assert list(chained) == [0, 1, 0, 1, 2] and isinstance(chained, ND.ChainDataset)


def test_random_split_warns_on_empty_split():
    with pytest.warns(UserWarning, match="Length of split at index 1 is 0"):
        ND.random_split(range(1), [0.9, 0.1])
    g = numtorch.Generator().manual_seed(3)
    a = [list(p) for p in ND.random_split(range(8), [4, 4], generator=g)]
    g.manual_seed(3)
    assert [list(p) for p in ND.random_split(range(8), [4, 4], generator=g)] == a
