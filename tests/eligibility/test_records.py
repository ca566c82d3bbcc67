"""`record` builds the same frozen instances as the dataclass's own __init__, for every record of the advice."""

import dataclasses

import pytest

from rechtenverkenner.domain import advice as records
from rechtenverkenner.domain.records import record

CLASSES = [
    cls
    for cls in vars(records).values()
    if isinstance(cls, type) and cls.__module__ == records.__name__ and dataclasses.is_dataclass(cls)
]


def _value(f: dataclasses.Field, index: int):
    return f"{f.name}-{index}" if "str" in str(f.type) else (index, f.name)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_a_record_is_built_as_its_dataclass_builds_it(cls):
    assert len(CLASSES) >= 10
    fs = dataclasses.fields(cls)
    required = [f for f in fs if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    args = [_value(f, i) for i, f in enumerate(required)]
    for given in (args, args + [_value(f, 99) for f in fs[len(required) :]]):
        fast = cls(*given)
        slow = object.__new__(cls)
        cls._dataclass_init(slow, *given)
        assert vars(fast) == vars(slow) and fast == slow and list(vars(fast)) == list(vars(slow))
        keyword = cls(**{f.name: v for f, v in zip(fs, given, strict=False)})
        assert keyword == slow
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(cls(*args), fs[0].name, None)
    with pytest.raises(TypeError):
        cls(*args, *range(len(fs) - len(required) + 1))  # too many arguments, as the dataclass refuses them


def test_a_default_factory_gives_a_new_value_each_time():
    @record
    class Box:
        name: str
        items: list = dataclasses.field(default_factory=list)

    first, second = Box("a"), Box("b")
    assert first.items == [] and first.items is not second.items
    assert dataclasses.replace(first, name="c") == Box("c")


def test_post_init_is_refused():
    with pytest.raises(TypeError):

        @record
        class Checked:
            name: str

            def __post_init__(self):
                pass
