"""Proofreading rules as data: `resources/rules/*.toml` (fields described there)."""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from studio.errors import StudioError
from studio.findings import Kind
from studio.resources import resource_path

RULE_FILES = (
    "grammar.toml",
    "confusions.toml",
    "homophones.toml",
    "realword.toml",
    "typography.toml",
    "apostrophes.toml",
)


@dataclass(frozen=True)
class Rule:
    """One rule. Either `pattern` (a line pattern) or `check` (a check written in code)."""

    id: str
    kind: Kind
    message: str
    fires: tuple[str, ...]
    silent: tuple[str, ...]
    pattern: re.Pattern[str] | None = None
    check: str = ""
    suggestion: str = ""
    allow: frozenset[str] = frozenset()
    needles: tuple[str, ...] = ()
    before: re.Pattern[str] | None = None
    source: Path | None = None


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every bundled rule, in file order."""
    return tuple(
        rule for name in RULE_FILES for rule in rules_from_file(resource_path("rules", name))
    )


def rules_from_file(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise StudioError(f"cannot read proofreading rules: {error}", path=path) from None
    return [_rule(entry, path) for entry in data.get("rules", [])]


def _rule(entry: dict[str, Any], path: Path) -> Rule:
    rule_id = str(entry.get("id", ""))
    where = f"rule “{rule_id or '?'}”"
    try:
        kind = Kind(entry["kind"])
        message = str(entry["message"])
    except (KeyError, ValueError) as error:
        raise StudioError(f"{where}: missing or bad field {error}", path=path) from None
    pattern = None
    if "pattern" in entry:
        pattern = _compile(entry["pattern"], where, path)
    elif "check" not in entry:
        raise StudioError(f"{where}: needs a `pattern` or a `check`", path=path)
    return Rule(
        id=rule_id,
        kind=kind,
        message=message,
        fires=_texts(entry.get("fires")),
        silent=_texts(entry.get("silent")),
        pattern=pattern,
        check=str(entry.get("check", "")),
        suggestion=str(entry.get("suggestion", "")),
        allow=frozenset(str(w).lower() for w in entry.get("allow", [])),
        needles=tuple(str(n).lower() for n in entry.get("needles", [])),
        before=_compile(entry["before"] + r"\Z", where, path) if "before" in entry else None,
        source=path,
    )


def _compile(pattern: str, where: str, path: Path) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.MULTILINE)
    except re.error as error:
        raise StudioError(f"{where}: bad pattern: {error}", path=path) from None


def _texts(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


@cache
def british_american_pairs() -> tuple[tuple[str, str], ...]:
    path = resource_path("rules", "variants.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple((str(b), str(a)) for b, a in data["british_american"])


def rules_digest(rules: Sequence[Rule]) -> str:
    """Changes when any of these rules does: part of the cache key of their findings."""
    text = "\0".join(
        f"{r.id}\1{r.pattern.pattern if r.pattern else r.check}\1{r.suggestion}\1{r.message}"
        f"\1{sorted(r.allow)}\1{r.before.pattern if r.before else ''}\1{r.kind}"
        for r in rules
    )
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
