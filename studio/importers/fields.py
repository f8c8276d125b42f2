"""Header fields → the work's metadata in the plan (ratings, lists, notes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio.importers.header import LIST_SPLIT, HeaderField
from studio.importers.plan import Consumed, ImportPlan, Unsure
from studio.story.ratings import ARCHIVE_WARNINGS, CATEGORIES, archive_rating

_NO_WARNINGS = re.compile(r"^(?:none|no warnings?|n/?a|nothing)\.?$", re.I)


def apply_header(plan: ImportPlan, fields: list[HeaderField], file: str) -> None:
    """Fill the work's fields from the first file's header."""
    for field in fields:
        again = field.key in ("title", "rating") and field.key in plan.work
        if field.key == "other" or again:
            # An unknown label ("Beta:", "Word count:") or a second "Rating:": kept as
            # written, in the notes.
            plan.add_text("notes", "\n".join([f"{field.label} {field.lines[0]}", *field.lines[1:]]))
            what = "a second" if again else "unknown header label"
            plan.unsure.append(
                Unsure(f"{what} “{field.label}”: kept in the notes", file, field.line)
            )
            continue
        if field.label:  # a title line above the header has no label
            plan.consumed.append(Consumed("label", field.label, file, field.line))
        _apply(plan, field, file)


def _apply(plan: ImportPlan, field: HeaderField, file: str) -> None:
    value = field.value
    key = field.key
    if key == "title":
        plan.work["title"] = " ".join(value.split())
    elif key == "rating":
        _rating(plan, value, file, field.line)
    elif key in ("warnings", "categories"):
        _vocabulary(plan, key, _items(value), file, field.line)
    elif key in ("authors", "fandoms", "relationships", "characters", "tags"):
        plan.add_items(key, _items(value))
    elif key in ("summary", "spoilers", "disclaimer"):
        # A header field wraps like prose: its single newlines are spaces, not breaks.
        paragraphs = re.split(r"\n\s*\n", value)
        plan.add_text(key, "\n\n".join(" ".join(p.split()) for p in paragraphs))
    else:  # notes
        plan.add_text(key, value)


def _items(value: str) -> list[str]:
    parts = LIST_SPLIT.split(" ".join(value.split()))
    return [p.strip() for p in parts if p.strip()]


def _rating(plan: ImportPlan, value: str, file: str, line: int) -> None:
    source = " ".join(value.split())
    if not source:
        return
    rating = archive_rating(source)
    first = re.split(r"[\s,;(]+", source, maxsplit=1)[0].strip(".:")
    if rating == "Not Rated" and first != source:
        rating = archive_rating(first)  # "T (for language)", "M, for violence"
    plan.work["rating"] = rating
    if source != rating:
        plan.work["source_rating"] = source
    if rating == "Not Rated" and source.casefold() != "not rated":
        plan.unsure.append(
            Unsure(f"rating “{source}” is not one Studio knows: set to Not Rated", file, line)
        )


def _vocabulary(plan: ImportPlan, key: str, items: list[str], file: str, line: int) -> None:
    """Archive warnings and categories come from a fixed list; anything else is a tag."""
    names = ARCHIVE_WARNINGS if key == "warnings" else CATEGORIES
    for item in items:
        match = next((n for n in names if n.casefold() == item.casefold()), None)
        if match:
            plan.add_items(key, [match])
        elif key == "warnings" and _NO_WARNINGS.match(item):
            plan.add_items(key, ["No Archive Warnings Apply"])
            plan.consumed.append(Consumed("value", item, file, line))
        else:
            plan.add_items("tags", [item])
            what = "an Archive warning" if key == "warnings" else "an Archive category"
            plan.unsure.append(Unsure(f"“{item}” is not {what}: kept as a tag", file, line))


@dataclass(slots=True)
class Carry:
    """Header text of a later chapter file that belongs to that chapter."""

    summary: str = ""
    notes: str = ""


def apply_repeated_header(plan: ImportPlan, fields: list[HeaderField], file: str) -> Carry:
    """A later chapter file's header: repeats of the work's fields are dropped (recorded),
    a summary or note belongs to the chapter, anything different is kept in its notes."""
    carry = Carry()
    for field in fields:
        value = field.value
        if field.key == "other":
            carry.notes = _join(carry.notes, field.label + " " + value)
            continue
        label = Consumed("label", field.label, file, field.line)
        if field.key in ("summary", "notes"):
            if field.label:
                plan.consumed.append(label)
            if field.key == "summary":
                carry.summary = _join(carry.summary, value)
            else:
                carry.notes = _join(carry.notes, value)
            continue
        if _same(plan, field):
            if field.label:
                plan.consumed.append(label)
            plan.consumed.append(Consumed("repeat", value, file, field.line))
            continue
        carry.notes = _join(carry.notes, f"{field.label} {value}".strip())
        plan.unsure.append(
            Unsure(
                f"“{field.label or value}” differs from the first file's:"
                " kept in this chapter's notes",
                file,
                field.line,
            )
        )
    return carry


def _same(plan: ImportPlan, field: HeaderField) -> bool:
    value = " ".join(field.value.split())
    current = plan.work.get(field.key)
    if field.key == "rating":
        return value in (plan.work.get("source_rating"), plan.work.get("rating"))
    if isinstance(current, list):
        return _items(value) == current or (
            field.key == "warnings" and bool(_NO_WARNINGS.match(value))
        )
    return bool(current) and value == " ".join(str(current).split())


def _join(a: str, b: str) -> str:
    return f"{a}\n\n{b}".strip() if a and b else (a or b).strip()
