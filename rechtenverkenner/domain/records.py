"""Frozen dataclasses that are cheap to build: `@record` is `@dataclass(frozen=True)` with a faster __init__.

A frozen dataclass's generated __init__ sets every field through `object.__setattr__` (frozen forbids plain
assignment): for the advice's records, built a few dozen times per advice, that cost more than the arithmetic
they hold. `record` keeps everything the dataclass gives (frozen attributes, eq, hash, repr, `replace`,
`fields`) and replaces only __init__ by one with the same signature that fills the instance's __dict__ at once.
tests/eligibility/test_records.py checks that both initialisers give the same instance for every record.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def record(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)`, with an __init__ that fills __dict__ directly (same parameters and defaults)."""
    cls = dataclasses.dataclass(frozen=True)(cls)
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        raise TypeError(f"{cls.__name__}: record supports neither __post_init__ nor __slots__")
    namespace: dict[str, Any] = {"_FACTORY": _FACTORY}
    positional, keywords, values, after = [], [], [], []
    for f in dataclasses.fields(cls):
        if not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: record supports only init fields")
        if f.default is not dataclasses.MISSING:
            namespace[f"_d_{f.name}"] = f.default
            parameter = f"{f.name}=_d_{f.name}"
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_f_{f.name}"] = f.default_factory
            parameter = f"{f.name}=_FACTORY"
            after.append(f"    if {f.name} is _FACTORY: {f.name} = _f_{f.name}()")
        else:
            parameter = f.name
        (keywords if f.kw_only else positional).append(parameter)
        values.append(f"{f.name!r}: {f.name}")
    parameters = ", ".join(["self", *positional, *(["*", *keywords] if keywords else [])])
    lines = [f"def __init__({parameters}):", *after, f"    self.__dict__.update({{{', '.join(values)}}})"]
    exec("\n".join(lines), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls._dataclass_init = cls.__init__  # the generated one, kept for the equivalence test
    cls.__init__ = init
    return cls


_FACTORY: Any = object()  # a parameter left out whose default comes from a default_factory
