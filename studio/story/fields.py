"""Typed views onto tables of the tomlkit document.

The document is the one source of truth: a view reads the value from the table and
writes it back, so comments, key order and unknown keys survive every edit and
there is no second copy to keep in step.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

import tomlkit
from tomlkit.items import Table

T = TypeVar("T")


class TableView:
    """Base for objects that wrap one TOML table."""

    def __init__(self, table: Any) -> None:
        self._table = table

    @property
    def table(self) -> Any:
        return self._table

    def _set(self, key: str, value: Any) -> None:
        if self._table.get(key) == value:
            return  # an unchanged value keeps its exact bytes
        self._table[key] = toml_value(value)


def toml_value(value: Any) -> Any:
    """Strings with line breaks become multi-line strings, as a person would write them."""
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    if isinstance(value, list | tuple):
        array = tomlkit.array()
        array.extend(value)
        return array
    return value


class _Field(Generic[T]):
    key: str

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name


class Text(_Field[str]):
    """A string value; a missing key reads as `default`."""

    def __init__(self, default: str = "") -> None:
        self.default = default

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Text: ...
    @overload
    def __get__(self, obj: TableView, objtype: type | None = None) -> str: ...
    def __get__(self, obj: TableView | None, objtype: type | None = None) -> str | Text:
        if obj is None:
            return self
        return str(obj.table.get(self.key, self.default))

    def __set__(self, obj: TableView, value: str) -> None:
        obj._set(self.key, value)


class TextList(_Field[list[str]]):
    """A list of strings; a missing key reads as an empty list."""

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> TextList: ...
    @overload
    def __get__(self, obj: TableView, objtype: type | None = None) -> list[str]: ...
    def __get__(self, obj: TableView | None, objtype: type | None = None) -> list[str] | TextList:
        if obj is None:
            return self
        return [str(item) for item in obj.table.get(self.key, [])]

    def __set__(self, obj: TableView, value: list[str]) -> None:
        obj._set(self.key, list(value))


class Whole(_Field[int]):
    """A whole number (a word target); a missing or unreadable value reads as `default`."""

    def __init__(self, default: int = 0) -> None:
        self.default = default

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Whole: ...
    @overload
    def __get__(self, obj: TableView, objtype: type | None = None) -> int: ...
    def __get__(self, obj: TableView | None, objtype: type | None = None) -> int | Whole:
        if obj is None:
            return self
        value = obj.table.get(self.key, self.default)
        return int(value) if isinstance(value, int) and not isinstance(value, bool) else 0

    def __set__(self, obj: TableView, value: int) -> None:
        if value:
            obj._set(self.key, int(value))
        elif self.key in obj.table:
            del obj.table[self.key]  # no target: no key, as a person would write it


def new_table() -> Table:
    return tomlkit.table()
