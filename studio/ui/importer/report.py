"""The importer's plan as a tree an author can read: story, sources, chapters, songs,
and what to check."""

from __future__ import annotations

import html

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from studio.importers.plan import ImportPlan
from studio.story.words import count_words


def fill_report(tree: QTreeWidget, plan: ImportPlan) -> None:
    tree.clear()
    _story(tree, plan)
    _files_and_chapters(tree, plan)
    _songs(tree, plan)
    tree.resizeColumnToContents(0)


def section(tree: QTreeWidget, title: str, detail: str = "") -> QTreeWidgetItem:
    item = QTreeWidgetItem(tree, [title, detail])
    font = QFont(tree.font())
    font.setBold(True)
    item.setFont(0, font)
    item.setExpanded(True)
    return item


def row(parent: QTreeWidgetItem, title: str, detail: str = "") -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent, [title, detail])
    item.setToolTip(1, detail)
    return item


def unsure_html(plan: ImportPlan) -> str:
    """What the importer was unsure of, one line each, for the "Please check" box."""
    items = []
    for unsure in plan.unsure:
        where = unsure.file + (f", line {unsure.line}" if unsure.line else "")
        items.append(f"<b>{html.escape(where or 'Story')}</b>: {html.escape(unsure.message)}")
    heading = f"<b>Please check ({len(items)})</b>"
    return heading + "<br>" + "<br>".join(f"• {item}" for item in items)


def _story(tree: QTreeWidget, plan: ImportPlan) -> None:
    work = plan.work
    story = section(tree, "Story", str(work.get("title", "")))
    authors = work.get("authors", [])
    if authors:
        row(story, "By", ", ".join(authors) if isinstance(authors, list) else str(authors))
    if "rating" in work:
        written = work.get("source_rating")
        row(
            story,
            "Rating",
            f"{work['rating']}" + (f"  (written as “{written}”)" if written else ""),
        )
    labels = {
        "fandoms": "Fandoms",
        "relationships": "Relationships",
        "characters": "Characters",
        "warnings": "Warnings",
        "categories": "Categories",
        "tags": "Tags",
        "summary": "Summary",
        "spoilers": "Spoilers",
        "disclaimer": "Disclaimer",
        "notes": "Notes",
        "end_notes": "End notes",
        "status": "Status",
    }
    for key, label in labels.items():
        value = work.get(key)
        if value:
            text = ", ".join(value) if isinstance(value, list) else " ".join(str(value).split())
            row(story, label, text)
    if plan.series:
        row(story, "Series", ", ".join(f"{name} (part {part})" for name, part in plan.series))
    collections = work.get("collections")
    if isinstance(collections, list) and collections:
        row(story, "Collections", ", ".join(collections))
    if "language" in work:
        row(story, "Language", str(work["language"]))
    if plan.dictionary:
        shown = ", ".join(plan.dialect_evidence[:5])
        row(story, "Dictionary", plan.dictionary + (f"  (spelled: {shown})" if shown else ""))


def _files_and_chapters(tree: QTreeWidget, plan: ImportPlan) -> None:
    files = section(tree, f"Files ({len(plan.sources)})")
    for source in plan.sources:
        bom = ", with a byte order mark" if source.bom else ""
        ends = f", {source.line_ends} line ends" if source.line_ends != "n/a" else ""
        if source.kind == "studio-bundle":
            row(files, source.file, _kind(source.kind))
            continue
        row(files, source.file, f"{_kind(source.kind)} · {source.encoding}{bom}{ends}")

    words = sum(c.words() for c in plan.chapters)
    chapters = section(tree, f"Chapters ({len(plan.chapters)})", f"{words:,} words")
    for number, chapter in enumerate(plan.chapters, start=1):
        bits = [f"{chapter.words():,} words"]
        if chapter.scene_breaks:
            bits.append(_count(chapter.scene_breaks, "scene break"))
        if chapter.lyrics_blocks:
            bits.append(_count(len(chapter.lyrics_blocks), "lyrics block"))
        if chapter.notes or chapter.end_notes:
            bits.append("notes")
        row(chapters, f"{number}. {chapter.title or '(no title)'}", " · ".join(bits))


def _songs(tree: QTreeWidget, plan: ImportPlan) -> None:
    blocks = [b for c in plan.chapters for b in c.lyrics_blocks]
    if plan.songs:
        songs = section(tree, f"Songs ({len(plan.songs)})", _count(len(blocks), "lyrics block"))
        for song in plan.songs.values():
            used = [b for b in blocks if b.song == song.id]
            title = f"“{song.title}”" if song.title else f"(untitled: {song.id})"
            by = f" by {song.artist}" if song.artist else ""
            credited = {
                "attribution": "credited under the lyrics",
                "header note": "credited in the header note",
                "none": "not credited",
                "author": "named by you",
            }.get(song.source, "in the song library")
            item = row(songs, f"{title}{by}", f"{credited} · {_count(len(used), 'block')}")
            for block in used:
                first = next((line for line in block.lines if line.strip()), "")
                words_in = count_words("\n".join(block.lines))
                row(item, f"{block.file}, line {block.line}", f"“{first}…” ({words_in} words)")


def _kind(kind: str) -> str:
    names = {
        "text": "text",
        "ao3-html": "AO3 download (HTML)",
        "ao3-epub": "AO3 download (EPUB)",
        "fanficfare-html": "FanFicFare download (HTML)",
        "fanficfare-epub": "FanFicFare download (EPUB)",
        "studio-bundle": "Studio story bundle",
    }
    return names.get(kind, kind)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
