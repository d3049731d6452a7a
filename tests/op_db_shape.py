"""Op-table records: shape and view ops (numtorch/_ops/shape*.py).

Views are compared for strides and storage sharing as well as values; `_g` inputs require
grad so that the graph node names are compared too. Properties (`T`, `mT`, `mH`, `H`,
`real`, `imag`) are exercised through inputs of other records.
"""
from op_table import ALL_DTYPES, make, record, sample_values


def _x(m, shape=(2, 3), dtype="float32", layout="contiguous", seed=0):
    if 0 in shape:
        return m.zeros(shape, dtype=getattr(m, dtype))
    return make(m, sample_values(shape, dtype, seed), dtype, layout)


def _g(m, shape=(2, 3), dtype="float32", layout="contiguous"):
    """A float tensor that requires grad (a non-leaf, for in-place variants)."""
    return _x(m, shape, dtype).requires_grad_() if layout == "contiguous" else \
        _x(m, shape, dtype, layout).detach().requires_grad_()


def _dtypes(shape=(2, 3), layouts=("contiguous",)):
    """One sample tensor per dtype and layout."""
    return lambda m: [_x(m, shape, d, lay) for d in ALL_DTYPES for lay in layouts]


def _layouts(m, shape=(2, 3)):
    """The same values contiguous, transposed (2-d), strided and expanded."""
    out = [_x(m, shape), _x(m, shape, layout="strided"), _x(m, shape, layout="expanded")]
    if len(shape) == 2:
        out.append(_x(m, shape, layout="transposed"))
    return out


def _each(inputs, calls):
    """Samples: every input with every (args, kwargs) call."""
    return [((x,) + args, kw) for x in inputs for args, kw in calls]


def _calls(*args_list, **kw):
    return [(a if isinstance(a, tuple) else (a,), kw) for a in args_list]


# ---- view / reshape -----------------------------------------------------------------------
def _view(m):
    x, g = _x(m, (2, 3, 4)), _g(m, (4, 6))
    one = _x(m, (3, 1)).t()  # stride of a size-1 dim that NumPy would not give
    out = _each(_dtypes((2, 3))(m), _calls((3, 2), -1, (1, 6, 1)))
    out += _each([x], _calls((6, 4), (-1, 4), (24,), ((2, 12),), ([4, 6],), (2, 3, 2, 2),
                             (1, 24, 1), (5, 5), (-1, -1), (-2, 12), (0, -1), (("a",),),
                             ((2.0, 12),)))
    out += _each([g, g.t(), _x(m, (4, 6)).t(), _x(m, (2, 3), layout="strided"),
                  _x(m, (2, 3), layout="expanded"), one, _x(m, ()), _x(m, (0, 3))],
                 _calls(-1, (1, -1), (-1, 1)))
    out += _each([_x(m, (0, 3)), _x(m, (2, 0, 3))[:, :, 1:]], _calls((3, 0), (0,), (-1, 0),
                                                                     (2, 0, 2), (0, 5, 2)))
    out += _each([_x(m, (4, 3, 2)).transpose(0, 1), _x(m, (4, 6, 2))[:, ::2],
                  _x(m, (3, 4, 5)).permute(1, 0, 2)], _calls((12, 2), (3, 4, 2), (3, 8),
                                                             (3, 2, 2, 2), (1, 3, 1, 4, 2, 1)))
    out += _each([_x(m, (2, 4)), _x(m, (2, 4), "int16"), _x(m, (2, 4), "complex64"),
                  _x(m, (2, 4), "uint8"), _x(m, (2, 4)).t(), _x(m, ()), _x(m, (2, 3)),
                  _x(m, (2, 6))[:, 1:5], _x(m, (2, 4), "bool")],
                 _calls(m.int32, m.float64, m.float16, m.uint8, m.bool, m.complex64,
                        m.bfloat16, m.int64))
    return out


record("view", _view, function=False)
record("reshape", lambda m: [s for s in _view(m) if not any(
    isinstance(a, (type(m.int32),)) for a in s[0])])
record("view_as", lambda m: _each([_x(m, (2, 3)), _g(m), _x(m, (2, 3)).t()],
                                  _calls(_x(m, (3, 2)), _x(m, (6,)), _x(m, (5,)))),
       function=False)
record("reshape_as", lambda m: _each([_x(m, (2, 3)), _g(m), _x(m, (2, 3)).t()],
                                     _calls(_x(m, (3, 2)), _x(m, (6,)), _x(m, (5,)))),
       function=False)
record("flatten", lambda m: _each(
    [_x(m, (2, 3, 4)), _g(m, (2, 3, 4)), _x(m, (2, 3, 4)).transpose(0, 2), _x(m, ()),
     _x(m, (0, 3)), _x(m, (5,))],
    _calls((), 1, (0, 1), (1, 1), (-2, -1), (2, 0), (0, 3), (-1, -1)) +
    [((), {"start_dim": 1, "end_dim": -1})]))
record("ravel", lambda m: [((x,), {}) for x in [_x(m, (2, 3)), _g(m), _x(m, (2, 3)).t(),
                                                _x(m, ()), _x(m, (0, 2)), _g(m).t()]])
record("unflatten", lambda m: _each(
    [_x(m, (2, 12)), _g(m, (2, 12)), _x(m, (12, 2)).t(), _x(m, (2, 0))],
    _calls((1, (3, 4)), (-1, (2, -1, 3)), (1, (5, 5)), (1, ()), (0, (2, 1)), (2, (1,)),
           (1, (-1, 0)), (1, [12]))))

# ---- squeeze / unsqueeze ------------------------------------------------------------------
_SQ_INPUTS = lambda m: [_x(m, (2, 1, 3, 1)), _g(m, (1, 3, 1)), _x(m, ()), _x(m, (1,)),  # noqa
                        _x(m, (3, 1)).t(), _x(m, (2, 1, 0)), _x(m, (1, 4), layout="expanded")]
record("squeeze", lambda m: _each(_SQ_INPUTS(m), _calls((), 0, -1, 1, ((0, 1),), [0, -1],
                                                       ((),), 5, ((0, 0),))), inplace=True)
record("unsqueeze", lambda m: _each(
    _SQ_INPUTS(m) + [_x(m, (2, 3)).t(), _x(m, (2, 3), layout="strided"), _x(m, (0, 3))],
    _calls(0, 1, -1, 2, -2, 9, -9)) + [((_x(m, (2, 3), d), 1), {}) for d in ALL_DTYPES],
    inplace=True)

# ---- permutations -------------------------------------------------------------------------
_P_INPUTS = lambda m: [_x(m, (2, 3, 4)), _g(m, (2, 3, 4)), _x(m, (2, 3, 4)).transpose(0, 2),  # noqa
                       _x(m, (2, 0, 3))]
record("permute", lambda m: _each(_P_INPUTS(m), _calls(((2, 0, 1),), ((-1, 0, 1),),
                                                        ((0, 1),), ((0, 0, 1),),
                                                        ((0, 1, 3),), ([1, 2, 0],))) +
       [((_x(m, ()), ()), {}), ((_x(m, ()), (0,)), {})] +
       _each(_dtypes()(m), _calls(((1, 0),))))
for _name in ("transpose", "swapaxes", "swapdims"):
    record(_name, lambda m: _each(_P_INPUTS(m), _calls((0, 1), (-1, 0), (1, 1), (0, 3))) +
           _each([_x(m, ()), _g(m, ())], _calls((0, -1), (0, 1))) +
           _each(_dtypes(layouts=("contiguous", "transposed", "strided"))(m), _calls((0, 1))),
           inplace=True)
record("t", lambda m: [((x,), {}) for x in _P_INPUTS(m)[1:2] + [
    _x(m, (2, 3)), _g(m), _x(m, (3,)), _x(m, ()), _g(m, ()), _x(m, (2, 3, 4)),
    _x(m, (2, 3)).T, _x(m, (2, 3)).mT, _x(m, (2, 3), "complex64").mH,
    _x(m, (2, 3), "complex64").H, _x(m, (2, 3)).H]], inplace=True)
record("adjoint", lambda m: [((x,), {}) for x in [
    _x(m, (2, 3)), _g(m), _x(m, (3,)), _x(m, (2, 3, 4)), _x(m, (2, 3), "int64"),
    _x(m, (2, 2, 3)).mT, _x(m, (2, 3, 4)).mH]])
for _name in ("movedim", "moveaxis"):
    record(_name, lambda m: _each(
        _P_INPUTS(m), _calls((0, 2), (-1, 0), ((0, 1), (2, 0)), ([0], [1]), ((0, 1), (0,)),
                             ((0, 0), (1, 2)), ((0, 1), (1, 1)), (3, 0), (0, 0))) +
        _each([_x(m, ())], _calls((0, 0), (0, -1))))

# ---- expand / broadcast -------------------------------------------------------------------
_E_INPUTS = lambda m: [_x(m, (3, 1)), _g(m, (3, 1)), _x(m, ()), _x(m, (1, 3)).t(),  # noqa
                       _x(m, (1,)), _x(m, (3, 1), layout="expanded")[0]]
record("expand", lambda m: _each(
    _E_INPUTS(m), _calls((3, 4), (2, 3, 4), ((2, 3, 4),), (-1, 4), (1, 3, 1), (2, -1, 1),
                         (-1, 3, 1), (4, 4), (3,), (1,), (), (1, 1, 1), (0, 3, 0), (3, -2),
                         ([2, 3, 4],))) +
    _each(_dtypes((3, 1))(m), _calls((2, 3, 2))), function=False)
record("expand_as", lambda m: _each(_E_INPUTS(m), _calls(_x(m, (2, 3, 5)), _x(m, (3, 4)),
                                                           _x(m, (4,)))), function=False)
record("broadcast_to", lambda m: _each(_E_INPUTS(m), _calls((3, 4), ((2, 3, 4),), ((4,),),
                                                              ((-1, 2),))))
record("broadcast_tensors", lambda m: [
    ((_x(m, (2, 3)), _x(m, (3,))), {}), ((_x(m, (3, 1)), _g(m, (1, 4)), _x(m, ())), {}),
    ((_x(m, (2, 3)), _x(m, (2, 3), "int64")), {}), ((_x(m, (2, 3)), _x(m, (4,))), {}),
    ((_x(m, (2, 3)),), {}), (((_x(m, (2, 1)), _x(m, (1, 2))),), {}),
    ((_x(m, (0, 1)), _x(m, (3,))), {})], method=False)
record("broadcast_shapes", lambda m: [
    (((2,), (3, 1), (1, 1, 1)), {}), ((3, (2, 1)), {}), (((2, 3), (4,)), {}), ((), {}),
    ((m.Size([2, 1]), [1, 5]), {}), (((0,), (1,)), {}), (((2,), (3,)), {})], method=False)

# ---- parts --------------------------------------------------------------------------------
_S_INPUTS = lambda m: [_x(m, (4, 5)), _g(m, (4, 5)), _x(m, (5, 4)).t(),  # noqa
                       _x(m, (4, 5), layout="strided"), _x(m, (4, 0))]
record("narrow", lambda m: _each(
    _S_INPUTS(m), _calls((0, 1, 2), (1, -2, 2), (-1, 0, 0), (0, 4, 0), (0, 3, 2), (0, 5, 1),
                         (0, -5, 1), (0, 0, -1), (2, 0, 1), (0, make(m, 1, "int64"), 1))) +
    [((_x(m, ()), 0, 0, 1), {})] + _each(_dtypes((4, 2))(m), _calls((0, 1, 2))))
record("select", lambda m: _each(
    _S_INPUTS(m), _calls((0, 1), (1, -1), (-1, 0), (0, 4), (0, -5), (2, 0))) +
    [((_x(m, ()), 0, 0), {}), ((_x(m, (3,)), 0, 2), {})] +
    _each(_dtypes()(m), _calls((1, 2))))
record("unbind", lambda m: _each(_S_INPUTS(m) + [_x(m, ())], _calls((), 1, -1, 2)))
record("split", lambda m: _each(
    _S_INPUTS(m), _calls(2, (2, 1), (3, -1), (0,), (0, 1), (-1,), ([1, 3],), ([1, 1, 2], 0),
                         ([2, 3], 1), ([1, 1],), ([5, -1],), (10,), (2, 2)) +
    [((2,), {"dim": 1})]) + [((_x(m, ()), 1), {})])
record("chunk", lambda m: _each(
    _S_INPUTS(m), _calls(2, (3, 1), (5, 1), (6,), (0,), (-1,), (2, 2), (1, 0))) +
    [((_x(m, ()), 1), {}), ((_x(m, (0, 3)), 3), {})])
record("tensor_split", lambda m: _each(
    _S_INPUTS(m), _calls(3, (3, 1), ((1, 3),), ([1, 3], 1), ([3, 1],), ([-1, 10],), (0,),
                         (make(m, [1, 3], "int64"),), (make(m, 2, "int64"),), ([],),
                         (make(m, [1.0]),))) + [((_x(m, ()), 1), {})])
record("hsplit", lambda m: _each([_x(m, (4, 6)), _x(m, (6,)), _x(m, ()), _g(m, (4, 6))],
                                 _calls(2, 3, 4, ([1, 2],), (0,))))
record("vsplit", lambda m: _each([_x(m, (4, 6)), _x(m, (6,)), _g(m, (4, 6))],
                                 _calls(2, 3, ([1, 2],))))
record("dsplit", lambda m: _each([_x(m, (2, 2, 6)), _x(m, (4, 6))], _calls(2, 4, ([1, 2],))))
record("diagonal", lambda m: _each(
    [_x(m, (3, 4)), _g(m, (3, 4)), _x(m, (4, 3)).t(), _x(m, (2, 3, 4)), _x(m, (3, 0))],
    _calls((), 1, -1, 3, -5, (0, 1, 0), (0, -1, -2), (1, 0, 2), (0, 0, 0), (0, 0, 5))) +
    _each([_x(m, (3,)), _x(m, ())], _calls(())) + _each(_dtypes((3, 3))(m), _calls(1)))
record("unfold", lambda m: _each(
    [_x(m, (3, 8)), _g(m, (3, 8)), _x(m, (8, 3)).t(), _x(m, (3, 8), layout="strided"),
     _x(m, ()), _x(m, (5,))],
    _calls((1, 2, 1), (1, 3, 2), (-1, 8, 1), (0, 1, 1), (1, 9, 1), (1, 2, 0), (0, 0, 1),
           (1, -1, 1), (2, 1, 1))) + _each(_dtypes((2, 4))(m), _calls((1, 2, 2))),
    function=False)
record("as_strided", lambda m: _each(
    [_x(m, (4, 6)), _g(m, (4, 6)), _x(m, (6, 4)).t(), _x(m, (4, 6))[1:, 2:],
     _x(m, (4, 6)).t().clone()],
    _calls(((2, 2), (1, 2)), ((3, 3), (6, 1), 1), ((2,), (0,)), ((10, 10), (1, 1)),
           ((2, 2), (1, 2), 30), ((2,), (-1,)), ((2, 2), (1,)), ((0, 5), (1, 1), 100),
           ((-1,), (1,)), ((2, 3), (3, 1), 0))) +
    _each(_dtypes((2, 3))(m), _calls(((3,), (2,)))))

# ---- complex views ------------------------------------------------------------------------
_C_INPUTS = lambda m: [_x(m, (2, 3), "complex64"), _g(m, (2, 3), "complex64"),  # noqa
                       _x(m, (3, 2), "complex64").t(), _x(m, (), "complex64"),
                       _x(m, (2, 3), "complex64", "strided"), _x(m, (0, 2), "complex64")]
record("real", lambda m: [((x,), {}) for x in _C_INPUTS(m) + [_x(m), _x(m, (2,), "int64"),
                                                              _g(m)]], method=False)
record("imag", lambda m: [((x,), {}) for x in _C_INPUTS(m) + [_x(m), _g(m)]], method=False)
record("view_as_real", lambda m: [((x,), {}) for x in _C_INPUTS(m) + [
    _x(m), m.real(_x(m, (2, 3), "complex64")), m.imag(_x(m, (2, 3), "complex64"))]],
    method=False)
record("view_as_complex", lambda m: [((x,), {}) for x in [
    _x(m, (3, 2)), _g(m, (3, 2)), _x(m, (2,), "float64"), _x(m, (2, 3)), _x(m, (3, 2), "int64"),
    _x(m, (2, 3)).t(), _x(m, (2, 4))[:, 1:3], _x(m, (3, 4))[:, :2], _x(m, (3, 4))[:, ::2],
    _x(m, (0, 2)), _x(m, (3, 2), "bfloat16"),
    m.view_as_real(_x(m, (2, 3), "complex64"))]], method=False)
record("conj", lambda m: [((x,), {}) for x in [
    _x(m), _g(m), _x(m, (2, 3), "int64"), _x(m, ()), _x(m, (2, 3), "bool")]])
for _name in ("resolve_conj", "resolve_neg", "is_conj", "is_neg"):
    record(_name, lambda m: [((x,), {}) for x in [_x(m), _g(m), _x(m, (2,), "int64"),
                                                  _x(m, (2, 3), "complex64")]])

# ---- copies -------------------------------------------------------------------------------
def _join(m):
    a, b = _x(m, (2, 3)), _x(m, (2, 3), seed=1)
    out = [([a, b], {}), ([a, b], {"dim": 1}), ((a, b), {"dim": -1}), ([a], {}),
           ([_g(m), a, _x(m, (2, 3)).t().t()], {}), ([a, _x(m, (3, 2)).t()], {}),
           ([_x(m, (2, 0)), a], {"dim": 1}), ([a, _x(m, (0,))], {}), ([_x(m, (0,))], {}),
           ([a, a[:, :1]], {}), ([a, a[:, :1]], {"dim": 1}), ([a, a[0]], {}), ([], {}),
           ([a, _x(m, ())], {}), ([a, b], {"dim": 2}), (a, {}),
           ([_x(m, (3,)), _x(m, (2,), "int64"), _x(m, (1,), "bool")], {}),
           ([_x(m, (2,), "uint8"), _x(m, (2,), "int8")], {}),
           ([_x(m, (2,), "bfloat16"), _x(m, (2,), "float16")], {}),
           ([_x(m, (2,), "int64"), _x(m, (2,), "complex64")], {}),
           ([_x(m, (2,), "bool"), _x(m, (2,), "int32")], {}),
           ([_x(m, (0,), "float64"), _x(m, (2, 2), "int64")], {}),
           ([_x(m, (2, 3), layout="strided"), _x(m, (2, 3), layout="transposed")], {}),
           ([_x(m, (3,)), _x(m, (3,))], {"out": m.zeros(6)}),
           ([_x(m, (3,)), _x(m, (3,))], {"out": m.zeros(6, dtype=m.int64)})]
    out += [([_x(m, (2,), d), _x(m, (1,), d)], {}) for d in ALL_DTYPES]
    return [((tensors,), kw) for tensors, kw in out]


record("cat", _join, method=False)
record("concat", _join, method=False)
record("concatenate", lambda m: [(args, {"axis" if k == "dim" else k: v for k, v in kw.items()})
                                 for args, kw in _join(m)], method=False)


def _stack(m):
    a, b = _x(m, (2, 3)), _x(m, (2, 3), seed=1)
    out = [([a, b], {}), ([a, b], {"dim": 1}), ([a, b], {"dim": 2}), ([a, b], {"dim": -1}),
           ([a, b], {"dim": 3}), ([a], {}), ([_g(m), a.t().t()], {}), ([], {}),
           ([a, a[0]], {}), ([_x(m, ()), _x(m, (), "int64")], {}), ([_x(m, (0, 2))] * 2, {}),
           ([a, _x(m, (3, 2)).t()], {"dim": 1}),
           ([_x(m, (2,), "bool"), _x(m, (2,), "float16")], {}),
           ([_x(m, (3,)), _x(m, (3,))], {"out": m.zeros(2, 3)})]
    out += [([_x(m, (2,), d)] * 2, {}) for d in ALL_DTYPES]
    return [((tensors,), kw) for tensors, kw in out]


record("stack", _stack, method=False)


def _stacks(m):
    out = [[_x(m, (2, 3)), _x(m, (2, 3), seed=1)], [_x(m, (3,)), _x(m, (3,), "int64")],
           [_x(m, ()), _x(m, ())], [_g(m, (2, 2)), _x(m, (2, 2, 2))[0]],
           [_x(m, (2, 3, 2)), _x(m, (2, 3, 2))], [_x(m, (2, 3)), _x(m, (2,))], [],
           [_x(m, (3,)), _x(m, (2,))], [_x(m, (2, 3), layout="transposed")] * 2]
    return [((tensors,), {}) for tensors in out]


for _name in ("hstack", "vstack", "dstack", "column_stack"):
    record(_name, _stacks, method=False)
for _name in ("atleast_1d", "atleast_2d", "atleast_3d"):
    record(_name, lambda m: [((x,), {}) for x in [_x(m, ()), _x(m, (3,)), _x(m, (2, 3)),
                                                  _g(m, (2, 3, 2)), _g(m, ())]] +
           [((_x(m, ()), _x(m, (3,))), {}), (([_x(m, (2, 3)), _x(m, ())],), {})],
           method=False)
record("repeat", lambda m: _each(
    [_x(m, (2, 3)), _g(m, (2, 3)), _x(m, (2, 3)).t(), _x(m, ()), _x(m, (2, 0))],
    _calls((2, 1), ((1, 2),), (1, 1), (2, 1, 3), (2,), (0, 2), (-1, 2), ([2, 2],), ())) +
    _each(_dtypes()(m), _calls((1, 2))), function=False)
record("tile", lambda m: _each(
    [_x(m, (2, 3)), _g(m, (2, 3)), _x(m, (2, 3)).t(), _x(m, ()), _x(m, (2, 0))],
    _calls(((2,),), ((2, 1),), ((1, 1),), ((2, 1, 3),), ((),), ([0],))))
record("flip", lambda m: _each(
    _layouts(m) + [_g(m), _x(m, ()), _x(m, (2, 0)), _x(m, (3, 1), layout="expanded")],
    _calls(((0,),), ((0, 1),), ((-1,),), ((),), ((0, 0),), ((2,),), ([1],))) +
    _each(_dtypes()(m), _calls(((1,),))))
record("fliplr", lambda m: [((x,), {}) for x in _layouts(m) + [_g(m), _x(m, (3,)),
                                                                 _x(m, (2, 3, 2))]])
record("flipud", lambda m: [((x,), {}) for x in _layouts(m) + [_g(m), _x(m, ()),
                                                                 _x(m, (3,))]])
record("roll", lambda m: _each(
    _layouts(m) + [_g(m), _x(m, (0, 3)), _x(m, ())],
    _calls(1, -1, (1, 0), (4, 1), ((1, 2), (0, 1)), ((1, 2), (0,)), ((1, 2),), (1, 5),
           (1, -1), ([1], [1]))) + _each(_dtypes()(m), _calls((1, 1))))
record("diag", lambda m: _each(
    [_x(m, (3,)), _g(m, (3,)), _x(m, (3, 4)), _g(m, (3, 4)), _x(m, (4, 3)).t(), _x(m, (0,)),
     _x(m, ()), _x(m, (2, 2, 2)), _x(m, (3,), layout="strided")],
    _calls((), 1, -2, 5)) + _each(_dtypes((3,))(m) + _dtypes((3, 3))(m), _calls(1)))
record("diag_embed", lambda m: _each(
    [_x(m, (2, 3)), _g(m, (2, 3)), _x(m, (3, 2)).t(), _x(m, (3,)), _x(m, (2, 0))],
    _calls((), 1, -1, (0, 0, 2), (0, 0, 1), (1, -1, 0), (0, 0, 0), (0, 5, 0))) +
    _each(_dtypes((3,))(m), _calls(1)))
for _name in ("tril", "triu"):
    record(_name, lambda m: _each(
        _layouts(m) + [_g(m), _x(m, (2, 3, 4)), _x(m, (3,)), _x(m, (0, 3))],
        _calls((), 1, -1, 5, -5)) + _each(_dtypes((3, 3))(m), _calls(1)), inplace=True)
