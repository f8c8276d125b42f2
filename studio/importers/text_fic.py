"""A fic kept as text: one file, or one file per chapter in the order given."""

from __future__ import annotations

from studio.importers.body import Line, blank_separated, fill_chapter, is_wrapped, units_of
from studio.importers.fields import apply_header, apply_repeated_header
from studio.importers.header import parse_header
from studio.importers.patterns import (
    Heading,
    chapter_heading,
    is_scene_break,
    note_label,
    number_value,
)
from studio.importers.plan import Consumed, ImportPlan, PlannedChapter, SourceInfo, Unsure
from studio.importers.source import Source


def plan_text(plan: ImportPlan, sources: list[Source]) -> None:
    """Add the fic in `sources` (one file, or chapter files in order) to `plan`."""
    for index, source in enumerate(sources):
        name = source.path.name
        plan.sources.append(SourceInfo(name, "text", source.encoding, source.bom, source.line_ends))
        if source.guessed:
            plan.unsure.append(
                Unsure(
                    f"not UTF-8: read as {source.encoding} (a guess; check accented letters)", name
                )
            )
        for note in source.notes:
            plan.unsure.append(Unsure(note, name))
        lines = [line.rstrip() for line in source.text.split("\n")]
        fields, body_start = parse_header(lines)
        first_chapter = len(plan.chapters)
        if index == 0:
            apply_header(plan, fields, name)
        else:
            carry = apply_repeated_header(plan, fields, name)
        body = [Line(no, text) for no, text in enumerate(lines[body_start:], start=body_start + 1)]
        _plan_body(plan, body, name, several_files=len(sources) > 1)
        if index > 0 and len(plan.chapters) > first_chapter:
            chapter = plan.chapters[first_chapter]
            chapter.summary = _join(carry.summary, chapter.summary)
            chapter.notes = _join(carry.notes, chapter.notes)
    _check_numbering(plan)


def _plan_body(plan: ImportPlan, body: list[Line], name: str, *, several_files: bool) -> None:
    wrapped = is_wrapped(body)
    breaks = not wrapped and blank_separated(body)
    segments: list[tuple[Heading | None, Line | None, list[Line]]] = [(None, None, [])]
    for i, line in enumerate(body):
        heading = chapter_heading(line.text)
        # In wrapped prose a heading starts a paragraph ("Chapter 2\nThe rain…" is fine).
        standalone = not wrapped or i == 0 or not body[i - 1].text.strip()
        if heading is not None and standalone:
            segments.append((heading, line, []))
        else:
            segments[-1][2].append(line)
    before = segments.pop(0)[2]
    if not segments:
        # No heading: a one-shot, or a chapter file that does not name its chapter.
        chapter = PlannedChapter(file=name, line=_first_line(body))
        fill_chapter(chapter, before, plan=plan, file=name, wrapped=wrapped, breaks=breaks)
        if several_files:
            plan.unsure.append(Unsure("no chapter heading: the chapter has no title", name))
        plan.chapters.append(chapter)
        return
    _plan_preface(plan, before, name, wrapped=wrapped, breaks=breaks)
    for heading, start, lines in segments:
        assert heading is not None and start is not None
        chapter = PlannedChapter(title=heading.title, file=name, line=start.no)
        if heading.label:
            plan.consumed.append(Consumed("heading", heading.label, name, start.no))
        chapter.heading_number = number_value(heading.number) if heading.number else None
        if not chapter.title and heading.number and _title_line(lines):
            chapter.title = lines.pop(0).text.strip()
        fill_chapter(chapter, lines, plan=plan, file=name, wrapped=wrapped, breaks=breaks)
        plan.chapters.append(chapter)


def _plan_preface(
    plan: ImportPlan, lines: list[Line], name: str, *, wrapped: bool, breaks: bool
) -> None:
    """What comes before the first chapter heading: notes go to the work, prose is kept."""
    units = units_of(lines, wrapped=wrapped, breaks=breaks)
    if not units:
        return
    probe = PlannedChapter(file=name, line=units[0].lines[0].no)
    fill_chapter(probe, lines, plan=plan, file=name, wrapped=wrapped, breaks=breaks)
    plan.add_text("notes", probe.notes)
    if probe.parts:
        plan.unsure.append(
            Unsure(
                "text before the first chapter heading: kept as an untitled first chapter",
                name,
                probe.line,
            )
        )
        probe.notes = ""
        plan.chapters.append(probe)
    else:
        plan.add_text("notes", probe.end_notes)


def _title_line(lines: list[Line]) -> bool:
    """ "Chapter 1" with its title on the next line, on its own:

    Chapter 1
    The Signal

    The lamp turned…
    """
    if len(lines) < 3 or not lines[0].text.strip() or lines[1].text.strip():
        return False
    text = lines[0].text.strip()
    return (
        len(text) <= 60
        and not text.endswith((".", "!", "?", '"', "”", ",", ":", ";"))
        and not is_scene_break(text)
        and note_label(text) is None
        and not text.startswith(("*", "_", "/", "(", "[", '"', "“"))
    )


def _check_numbering(plan: ImportPlan) -> None:
    expected = 1
    for chapter in plan.chapters:
        number = chapter.heading_number
        if number is None:
            continue
        if number != expected and not (expected == 1 and number == 0):
            plan.unsure.append(
                Unsure(
                    f"chapter headed number {number} where {expected} was expected"
                    " (missing or repeated chapter?)",
                    chapter.file,
                    chapter.line,
                )
            )
        expected = number + 1


def _first_line(body: list[Line]) -> int:
    return next((line.no for line in body if line.text.strip()), 1)


def _join(a: str, b: str) -> str:
    return f"{a}\n\n{b}" if a and b else (a or b)
