"""Harper's lints per paragraph (and Studio's pattern-rule findings per chapter), kept by
content hash under `.studio/grammar-cache.json`.

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

from studio.findings import Finding, Kind
from studio.proofread.harper_lints import Lint
from studio.proofread.text import ChapterText
from studio.storage import atomic_write_text

CACHE_FILE = "grammar-cache.json"
FORMAT = 1


def _key(kind: str, digest: str, text: str) -> str:
    """`kind` ("p" a paragraph's lints, "r" a chapter's rule findings) and a hash."""
    return kind + hashlib.blake2b(f"{digest}\0{text}".encode(), digest_size=16).hexdigest()


class GrammarCache:
    """Paragraph text → its lints, for one engine digest; loads and saves one JSON file."""

    def __init__(self, digest: str) -> None:
        self.digest = digest
        self._entries: dict[str, list[list[object]]] = {}
        self._used: set[str] = set()
        self._consulted: set[str] = set()  # kinds of entry asked for in this run
        self.hits = 0
        self.misses = 0

    def get(self, text: str) -> list[Lint] | None:
        key = _key("p", self.digest, text)
        self._consulted.add("p")
        raw = self._entries.get(key)
        if raw is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return [_lint(item) for item in raw]

    def put(self, text: str, lints: list[Lint]) -> None:
        key = _key("p", self.digest, text)
        self._entries[key] = [
            [x.start, x.end, x.rule, str(x.kind), x.message, list(x.suggestions)] for x in lints
        ]
        self._used.add(key)

    def get_findings(self, rules: str, chapter: ChapterText) -> list[Finding] | None:
        """A chapter's pattern-rule findings, kept by its text and the rules' digest."""
        key = _key("r", rules, chapter.text)
        self._consulted.add("r")
        raw = self._entries.get(key)
        if raw is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return [_finding(chapter.file, item) for item in raw]

    def put_findings(self, rules: str, chapter: ChapterText, findings: list[Finding]) -> None:
        key = _key("r", rules, chapter.text)
        self._entries[key] = [
            [f.line, f.column, f.end_column, str(f.kind), f.rule, f.text, f.message,
             list(f.suggestions)]
            for f in findings
        ]  # fmt: skip
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
        """Write the entries used in this run, if any changed. Entries of a kind this run
        asked for but did not use (an edited paragraph's old text) are dropped; a run
        without the grammar engine keeps its paragraphs."""
        kept = {
            k: v for k, v in self._entries.items() if k in self._used or k[0] not in self._consulted
        }
        if self.misses == 0 and len(kept) == len(self._entries):
            return
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


def _finding(file: str, item: list[object]) -> Finding:
    line, column, end_column, kind, rule, text, message, suggestions = item
    assert isinstance(suggestions, list)
    return Finding(
        file=file,
        line=int(str(line)),
        column=int(str(column)),
        end_column=int(str(end_column)),
        kind=Kind(str(kind)),
        rule=str(rule),
        text=str(text),
        message=str(message),
        suggestions=tuple(str(s) for s in suggestions),
    )
