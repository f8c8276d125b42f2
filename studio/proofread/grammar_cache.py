"""Harper's lints per paragraph, kept by content hash under `.studio/grammar-cache.json`.

Linting is the slow part of proofreading (Harper does about 10,000 words a second);
most paragraphs of a story do not change between checks. A paragraph's key is the
hash of its text with the engine's digest (Harper's version, Studio's profile and the
dialect), so a new Harper or a changed profile starts afresh, and an edited paragraph
is linted again while the rest of the story comes from the cache.

The file is program state (safe to delete, like all of `.studio/`); a damaged or
foreign one is ignored and rewritten, never an error.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from studio.findings import Kind
from studio.proofread.harper_lints import Lint
from studio.storage import atomic_write_text

CACHE_FILE = "grammar-cache.json"
FORMAT = 1


def _key(digest: str, text: str) -> str:
    return hashlib.blake2b(f"{digest}\0{text}".encode(), digest_size=16).hexdigest()


class GrammarCache:
    """Paragraph text → its lints, for one engine digest; loads and saves one JSON file."""

    def __init__(self, digest: str) -> None:
        self.digest = digest
        self._entries: dict[str, list[list[object]]] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def get(self, text: str) -> list[Lint] | None:
        key = _key(self.digest, text)
        raw = self._entries.get(key)
        if raw is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return [_lint(item) for item in raw]

    def put(self, text: str, lints: list[Lint]) -> None:
        key = _key(self.digest, text)
        self._entries[key] = [
            [x.start, x.end, x.rule, str(x.kind), x.message, list(x.suggestions)] for x in lints
        ]
        self._used.add(key)

    @classmethod
    def load(cls, folder: Path, digest: str) -> GrammarCache:
        """The cache in `folder` (`.studio/`), or an empty one when missing or unreadable."""
        cache = cls(digest)
        try:
            data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("engine") == digest
            and isinstance(data.get("paragraphs"), dict)
        ):
            cache._entries = data["paragraphs"]
        return cache

    def save(self, folder: Path) -> None:
        """Write the paragraphs used in this run (old ones are dropped), if any changed."""
        if self.misses == 0 and len(self._used) == len(self._entries):
            return
        kept = {k: v for k, v in self._entries.items() if k in self._used}
        data = {"format": FORMAT, "engine": self.digest, "paragraphs": kept}
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(folder / CACHE_FILE, json.dumps(data, ensure_ascii=False))


def _lint(item: list[object]) -> Lint:
    start, end, rule, kind, message, suggestions = item
    assert isinstance(suggestions, list)
    return Lint(
        start=int(str(start)),
        end=int(str(end)),
        rule=str(rule),
        kind=Kind(str(kind)),
        message=str(message),
        suggestions=tuple(str(s) for s in suggestions),
    )
