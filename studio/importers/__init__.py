"""Bringing fics authors already have into Studio. No Qt.

`detect(files)` reads the input and returns the ImportPlan (what was found, and
what the importer was unsure of) without writing anything; `import_fic(files,
dest)` writes it as a project folder, all or nothing.

Inputs: a text fic (one file, or one file per chapter in order), an AO3 download
(HTML or EPUB), or a Studio story bundle (.zip from `studio export --format bundle`),
which is unpacked as it is (`studio.importers.bundle`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studio.errors import StudioError
from studio.importers import ao3, bundle, kindle
from studio.importers.body import revert_lone_lines, settle_plain_verse
from studio.importers.plan import ImportPlan, SourceInfo, Unsure
from studio.importers.songs import _SONG_WORDS, assign_songs, note_credits
from studio.importers.source import decode, read_bytes
from studio.importers.text_fic import plan_text
from studio.importers.writer import check_destination, write_plan
from studio.spelling.dialect import guess_dialect
from studio.story.project import Project

__all__ = ["ImportPlan", "detect", "import_fic", "write_plan"]


def detect(files: Sequence[Path]) -> ImportPlan:
    """What importing `files` would give, without writing anything."""
    if not files:
        raise StudioError("no files to import", hint="Give the fic's file (or its chapter files)")
    plan = ImportPlan()
    loaded = [(Path(f), read_bytes(Path(f))) for f in files]
    special = [(path, data) for path, data in loaded if _kind(path, data) != "text"]
    if special and len(loaded) > 1:
        raise StudioError(
            "an AO3 download or project bundle is imported on its own",
            path=special[0][0],
            hint="Import it by itself; give several files only for one fic's chapter files",
        )
    if special:
        path, data = special[0]
        kind = _kind(path, data)
        if kind == "bundle":
            return bundle.plan_bundle(path)
        if kind == "kindle":
            ao3.plan_epub(plan, path, kindle.to_epub(path))
            source = plan.sources[-1]
            plan.sources[-1] = SourceInfo(
                source.file, source.kind.replace("epub", "kindle"), "n/a", False, "n/a"
            )
        elif kind == "epub":
            ao3.plan_epub(plan, path, data)
        else:
            ao3.plan_html(plan, decode(path, data))
    else:
        plan_text(plan, [decode(path, data) for path, data in loaded])
    _finish(plan, files[0].name)
    return plan


def import_fic(
    files: Sequence[Path], dest: Path, *, force: bool = False
) -> tuple[ImportPlan, Project]:
    """Import `files` as a new project at `dest`; refuses a non-empty DEST unless `force`."""
    check_destination(Path(dest), force=force)
    plan = detect(files)
    return plan, write_plan(plan, Path(dest), force=force)


def _kind(path: Path, data: bytes) -> str:
    if kindle.is_kindle(data):
        return "kindle"
    if data.startswith(b"PK\x03\x04"):
        return "epub" if b"application/epub+zip" in data[:200] else "bundle"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith(
        (b"<!doctype html", b"<html", b"<?xml")
    ):
        return "html"
    return "text"


def _finish(plan: ImportPlan, first_file: str) -> None:
    """Settle what needs the whole fic: lone italic lines, songs, credits, a title."""
    one_shot = len(plan.chapters) == 1 and not plan.chapters[0].title
    if one_shot and len(plan.sources) == 1 and plan.sources[0].kind == "text":
        # A one-shot's notes are the work's notes (an AO3 download says which are which).
        chapter = plan.chapters[0]
        plan.add_text("notes", chapter.notes)
        plan.add_text("end_notes", chapter.end_notes)
        chapter.notes = chapter.end_notes = ""
    credits = note_credits(str(plan.work.get("notes", "")))
    for chapter in plan.chapters:
        credits += [c for c in note_credits(chapter.notes) if c not in credits]
    quotes_songs = bool(credits) or any(
        _SONG_WORDS.search(text)
        for text in [str(plan.work.get("notes", "")), *(c.notes for c in plan.chapters)]
    )
    settle_plain_verse(plan, quotes_songs=quotes_songs)
    revert_lone_lines(plan)
    assign_songs(plan, credits)
    blocks = [b for c in plan.chapters for b in c.lyrics_blocks]
    attributed = any(b.attribution for b in blocks)
    header_only = any(s.source == "header note" for s in plan.songs.values())
    if blocks and attributed and not header_only:
        plan.lyrics_credit = "block"
    elif blocks and header_only and not attributed:
        # The author credited the songs in their own words, kept in the work's notes:
        # "none" tells exports not to add a second credit (see docs/lyrics.md).
        plan.lyrics_credit = "none"
    if not str(plan.work.get("title", "")).strip():
        plan.work["title"] = "Untitled"
        plan.unsure.append(Unsure("no title found: the story is called “Untitled”", first_file))
    if one_shot:
        plan.work.setdefault("status", "complete")
    _dictionary(plan, first_file)
    order = {source.file: n for n, source in enumerate(plan.sources)}
    plan.unsure.sort(key=lambda u: (order.get(u.file, -1), u.line or 0))


def _dictionary(plan: ImportPlan, first_file: str) -> None:
    """The spell-check dictionary: the story's language, and for English the dialect
    its spelling shows (colour, grey, realise → en_GB); unsure when it cannot tell."""
    language = str(plan.work.get("language", "en")) or "en"
    if language.split("-")[0] != "en":
        plan.dictionary = language.replace("-", "_")
        return
    region = language.split("-")[1].upper() if "-" in language else ""
    if region in ("GB", "US", "AU", "CA", "NZ", "IE", "ZA", "IN"):
        plan.dictionary = f"en_{region}"
        return
    text = "\n".join(
        [str(plan.work.get("summary", "")), str(plan.work.get("notes", ""))]
        + [c.markdown() for c in plan.chapters]
    )
    guess = guess_dialect(text)
    plan.dialect_evidence = guess.evidence
    if guess.tag is not None and not guess.unsure:
        plan.dictionary = guess.tag
    elif guess.evidence:
        plan.unsure.append(
            Unsure(
                "could not tell British from American spelling"
                f" ({', '.join(guess.evidence[:6])}): the dictionary is en_US",
                first_file,
            )
        )
