"""A small immutable, hashable mapping: the state's variables and visit counts.

Hashable so that a whole playthrough state can be a dictionary key, which is what
makes exploration a plain graph search.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        return isinstance(other, Mapping) and self._data == dict(other)

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def updated(self, changes: Mapping[K, V]) -> FrozenMap[K, V]:
        """A copy with `changes` applied; self is untouched."""
        if not changes:
            return self
        data = dict(self._data)
        data.update(changes)
        return FrozenMap(data)

    def to_dict(self) -> dict[K, V]:
        return dict(self._data)
