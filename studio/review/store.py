"""The review sidecars: `reviews/<chapter>.toml`, one per chapter that has any.

Plain TOML beside the chapters (see docs/project-format.md), so comments and
suggestions are diffed and merged by git, travel in the bundle and the backups (both
take every file outside `.studio/`), and never touch the chapter's own text.
Reading writes nothing; an anchor that no longer fits is located again in memory.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

from studio.errors import StudioError
from studio.review.anchor import Anchor
from studio.review.model import ChapterReview, Comment, Reply, Status, Suggestion
from studio.storage import atomic_write_text
from studio.story.model import Chapter
from studio.story.paths import REVIEWS_DIR
from studio.story.project import Project, read_utf8
from studio.story.trash import trash_dir

FORMAT = 1


def sidecar_file(chapter_file: str) -> str:
    """`chapters/01-the-signal.md` → `reviews/01-the-signal.toml` (sub-folders kept)."""
    parts = PurePosixPath(chapter_file).parts[1:]  # without `chapters/`
    return PurePosixPath(REVIEWS_DIR, *parts).with_suffix(".toml").as_posix()


def sidecar_path(project: Project, chapter_file: str) -> Path:
    return project.root / sidecar_file(chapter_file)


def load_review(project: Project, chapter: Chapter | str, text: str | None = None) -> ChapterReview:
    """The chapter's review, its anchors located in `text` (default: the file on disk)."""
    chapter_file = chapter if isinstance(chapter, str) else chapter.file
    path = sidecar_path(project, chapter_file)
    if not path.is_file():
        return ChapterReview(chapter_file)
    review = parse_review(read_utf8(path), chapter_file, path)
    if text is None:
        text = project.read_chapter(_chapter(project, chapter_file))
    review.relocate(text)
    return review


def save_review(project: Project, review: ChapterReview) -> Path:
    """Write the sidecar (atomically); an empty review removes it."""
    path = sidecar_path(project, review.chapter)
    if review.is_empty:
        path.unlink(missing_ok=True)
        return path
    atomic_write_text(path, dump_review(review))
    return path


def story_reviews(project: Project) -> list[tuple[Chapter, ChapterReview, str]]:
    """Every chapter in story order with its review and its text."""
    found = []
    for chapter in project.chapters:
        text = project.read_chapter(chapter)
        found.append((chapter, load_review(project, chapter, text), text))
    return found


def accept(project: Project, chapter_file: str, suggestion_id: str) -> str:
    """Accept a suggestion into the chapter file (the project's atomic write) and save
    the review with every other anchor moved. Returns the new chapter text."""
    chapter = _chapter(project, chapter_file)
    text = project.read_chapter(chapter)
    review = load_review(project, chapter, text)
    new_text = review.accept(suggestion_id, text)
    project.write_chapter(chapter, new_text)
    save_review(project, review)
    return new_text


# -- a deleted chapter's review ----------------------------------------------------------

TRASHED_SUFFIX = ".review.toml"


def trash_sidecar(project: Project, chapter_file: str, trashed_text: Path) -> Path | None:
    """A chapter went to the trash as `trashed_text`: its review goes with it, as
    `<trashed_text>.review.toml`, so restoring the chapter brings its comments back.
    An empty review is removed instead. Returns where it went (None: it had none)."""
    path = sidecar_path(project, chapter_file)
    if not path.is_file():
        return None
    text = read_utf8(path)
    if parse_review(text, chapter_file, path).is_empty:
        path.unlink()
        return None
    target = trashed_text.with_name(trashed_text.name + TRASHED_SUFFIX)
    atomic_write_text(target, text)
    path.unlink()
    _remove_empty_folders(path.parent, project.root / REVIEWS_DIR)
    return target


def restore_sidecar(project: Project, chapter_file: str) -> Path | None:
    """The chapter `chapter_file` came back from the trash: so does its review (the
    newest one kept for a chapter of that name whose text has left the trash), its
    `chapter` key naming the file it came back as. None when there was none, or when the
    chapter already has a review of its own (never overwritten)."""
    path = sidecar_path(project, chapter_file)
    kept = _trashed_sidecar(project, PurePosixPath(chapter_file).name)
    if kept is None or path.exists():
        return None
    review = parse_review(read_utf8(kept), chapter_file, kept)
    atomic_write_text(path, dump_review(review))
    kept.unlink()
    return path


_TRASHED_NAME = re.compile(r"^\d{8}T\d+Z-(?P<name>.+)" + re.escape(TRASHED_SUFFIX) + "$")


def _trashed_sidecar(project: Project, name: str) -> Path | None:
    """The newest review in the trash of a chapter called `name` (or `name` without the
    `-2` a restore adds when the name was taken) whose text is no longer there."""
    folder = trash_dir(project)
    if not folder.is_dir():
        return None
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    wanted = {name, re.sub(r"-\d+$", "", stem) + suffix}
    for kept in sorted(folder.glob("*" + TRASHED_SUFFIX), reverse=True):
        found = _TRASHED_NAME.match(kept.name)
        text_file = kept.with_name(kept.name.removesuffix(TRASHED_SUFFIX))
        if found and found.group("name") in wanted and not text_file.exists():
            return kept
    return None


def _remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove `folder` and its parents up to `top` (kept) while they are empty."""
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _chapter(project: Project, chapter_file: str) -> Chapter:
    for chapter in project.chapters:
        if chapter.file == chapter_file:
            return chapter
    raise StudioError(
        f"{chapter_file} is not a chapter of this story",
        path=project.story_file,
        hint="Name a file listed in [[chapters]]",
    )


# -- TOML ------------------------------------------------------------------------------


def dump_review(review: ChapterReview) -> str:
    """The sidecar's text. Written directly (not through tomlkit): a sidecar is Studio's
    own file, and a review with a thousand items must save in milliseconds."""
    out = [f"format = {FORMAT}", f"chapter = {_basic(review.chapter)}", ""]
    for comment in review.comments:
        out += [
            "[[comments]]",
            f"id = {_basic(comment.id)}",
            f"author = {_basic(comment.author)}",
            f"created = {_basic(comment.created)}",
            f"text = {_string(comment.text)}",
            f"resolved = {'true' if comment.resolved else 'false'}",
            f"anchor = {_anchor(comment.anchor)}",
            "",
        ]
        for reply in comment.replies:
            out += [
                "[[comments.replies]]",
                f"author = {_basic(reply.author)}",
                f"created = {_basic(reply.created)}",
                f"text = {_string(reply.text)}",
                "",
            ]
    for suggestion in review.suggestions:
        out += [
            "[[suggestions]]",
            f"id = {_basic(suggestion.id)}",
            f"author = {_basic(suggestion.author)}",
            f"created = {_basic(suggestion.created)}",
            f"kind = {_basic(str(suggestion.kind))}",
            f"text = {_string(suggestion.text)}",
            f"status = {_basic(str(suggestion.status))}",
        ]
        if suggestion.decided:
            out.append(f"decided = {_basic(suggestion.decided)}")
        out += [f"anchor = {_anchor(suggestion.anchor)}", ""]
    return "\n".join(out)


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\b": "\\b",
    "\f": "\\f",
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _basic(text: str) -> str:
    """A TOML basic string: one line, every special character escaped."""
    return (
        '"'
        + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)
        + '"'
    )


def _string(text: str) -> str:
    """Multi-line text as a TOML multi-line literal string, so a diff shows its lines."""
    plain = not any((ord(ch) < 0x20 and ch not in "\n\t") or ch == "\x7f" for ch in text)
    fits = "'''" not in text and not text.startswith("\n") and not text.endswith("'")
    if "\n" in text and plain and fits:
        return f"'''\n{text}'''"
    return _basic(text)


def _anchor(anchor: Anchor) -> str:
    detached = ", detached = true" if anchor.detached else ""
    return (
        f"{{start = {anchor.start}, exact = {_basic(anchor.exact)},"
        f" prefix = {_basic(anchor.prefix)}, suffix = {_basic(anchor.suffix)}{detached}}}"
    )


def parse_review(text: str, chapter_file: str, path: Path) -> ChapterReview:
    """A sidecar's review, with a clear error for anything Studio cannot read."""
    try:
        doc = tomllib.loads(text)
    except ValueError as exc:
        raise StudioError(
            f"is not valid TOML ({exc})",
            path=path,
            hint="Fix it in a text editor, or restore it from a backup",
        ) from None
    reader = _Reader(path)
    review = ChapterReview(chapter_file)
    for item in reader.tables(doc, "comments"):
        review.comments.append(
            Comment(
                reader.text(item, "id"),
                reader.anchor(item),
                reader.text(item, "author"),
                reader.text(item, "created"),
                reader.text(item, "text"),
                [reader.reply(r) for r in reader.tables(item, "replies")],
                bool(item.get("resolved", False)),
            )
        )
    for item in reader.tables(doc, "suggestions"):
        status = reader.text(item, "status") or Status.PENDING
        if status not in set(Status):
            raise StudioError(f"unknown suggestion status “{status}”", path=path)
        review.suggestions.append(
            Suggestion(
                reader.text(item, "id"),
                reader.anchor(item),
                reader.text(item, "author"),
                reader.text(item, "created"),
                reader.text(item, "text"),
                Status(status),
                reader.text(item, "decided"),
            )
        )
    return review


class _Reader:
    """Typed access to a parsed sidecar, each problem named with the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def tables(self, parent: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = parent.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise StudioError(f"`{key}` must be a list of tables", path=self.path)
        return value

    def text(self, table: dict[str, Any], key: str) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise StudioError(f"`{key}` must be text, not {type(value).__name__}", path=self.path)
        return value

    def reply(self, table: dict[str, Any]) -> Reply:
        return Reply(
            self.text(table, "author"), self.text(table, "created"), self.text(table, "text")
        )

    def anchor(self, table: dict[str, Any]) -> Anchor:
        anchor = table.get("anchor")
        if not isinstance(anchor, dict):
            raise StudioError("a comment or suggestion has no `anchor` table", path=self.path)
        start = anchor.get("start", 0)
        if not isinstance(start, int) or isinstance(start, bool) or start < 0:
            raise StudioError("`anchor.start` must be a character offset", path=self.path)
        return Anchor(
            self.text(anchor, "exact"),
            self.text(anchor, "prefix"),
            self.text(anchor, "suffix"),
            start,
            bool(anchor.get("detached", False)),
        )
