"""What was sent to the editor: the exported paragraphs and the chapters they came from.

An editor's office suite may change anything in the document, tracked or not. To tell
their changes from the author's text, `studio import-review` compares the document that
came back with the one that was sent, paragraph by paragraph, and maps each shown
character back to its chapter file through the offsets kept here. A copy is kept under
`.studio/review/sent/` for each review export (the newest MAX_KEPT); without one (a
plain export, or `.studio/` deleted) the story as it is now stands in for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from studio.review.textmap import ShownParagraph
from studio.safety.state import state_dir
from studio.storage import atomic_write_text

MAX_KEPT = 20
FORMAT = 1


@dataclass(slots=True)
class SentParagraph:
    """A paragraph of the sent document; `chapter` is None outside the chapter text
    (title page, headings, notes, song credits, scene breaks)."""

    text: str
    chapter: str | None = None
    shown: ShownParagraph | None = None


@dataclass(slots=True)
class SentCopy:
    paragraphs: list[SentParagraph]
    chapters: dict[str, str]  # chapter file → its text as sent
    created: str = ""


def sent_dir(root: Path) -> Path:
    return state_dir(root) / "review" / "sent"


def save_sent(root: Path, sent: SentCopy) -> Path:
    """Keep the copy, named by its time, and drop the oldest beyond MAX_KEPT."""
    folder = sent_dir(root)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}.json"
    data = {
        "format": FORMAT,
        "created": sent.created,
        "chapters": sent.chapters,
        "paragraphs": [_paragraph_json(p) for p in sent.paragraphs],
    }
    atomic_write_text(path, json.dumps(data, ensure_ascii=False))
    for old in sorted(folder.glob("*.json"))[:-MAX_KEPT]:
        old.unlink(missing_ok=True)
    return path


def sent_copies(root: Path) -> list[Path]:
    """The kept copies, newest first."""
    folder = sent_dir(root)
    return sorted(folder.glob("*.json"), reverse=True) if folder.is_dir() else []


def load_sent(path: Path) -> SentCopy | None:
    """A kept copy, or None when it cannot be read (it is only a help, never needed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [_paragraph_from(p) for p in data["paragraphs"]]
        chapters = {str(k): str(v) for k, v in data["chapters"].items()}
        return SentCopy(paragraphs, chapters, str(data.get("created", "")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _paragraph_json(paragraph: SentParagraph) -> dict[str, object]:
    if paragraph.chapter is None or paragraph.shown is None:
        return {"text": paragraph.text}
    return {
        "text": paragraph.text,
        "chapter": paragraph.chapter,
        "runs": _runs(paragraph.shown.offsets),
    }


def _paragraph_from(data: dict[str, object]) -> SentParagraph:
    text = str(data["text"])
    chapter = data.get("chapter")
    if not isinstance(chapter, str):
        return SentParagraph(text)
    offsets: list[int] = []
    runs = data["runs"]
    if not isinstance(runs, list):
        raise ValueError("a kept paragraph has no offsets")
    for first, length in runs:
        offsets.extend(range(int(first), int(first) + int(length)))
    if len(offsets) != len(text):
        raise ValueError("a kept paragraph's offsets do not fit its text")
    return SentParagraph(text, chapter, ShownParagraph(text, offsets))


def _runs(offsets: list[int]) -> list[list[int]]:
    """Offsets as [first, length] runs of consecutive characters (a paragraph is a few)."""
    if offsets and offsets == list(range(offsets[0], offsets[0] + len(offsets))):
        return [[offsets[0], len(offsets)]]  # the usual paragraph: one run
    runs: list[list[int]] = []
    for offset in offsets:
        if runs and runs[-1][0] + runs[-1][1] == offset:
            runs[-1][1] += 1
        else:
            runs.append([offset, 1])
    return runs
