"""FanFiction.Net: one DOCX and one HTML file per chapter, ready for the Doc Manager.

FanFiction.Net makes a chapter from each uploaded document, so each chapter is its
own pair of files, named in order. The site's rules shape the rest:
- ratings are K, K+, T, M; it does not accept MA, so an Explicit story is refused;
- author's notes may not be chapters of their own, so every note stays inside a
  chapter: the work's disclaimer and notes open chapter 1, its end notes close the
  last chapter, and each chapter's notes open and close it ("A/N: …");
- its guidelines forbid song lyrics that are not in the public domain, so a story that
  quotes lyrics gets a warning in the posting notes (ffn-posting.txt).
The story's title, summary and chapter titles go in the site's forms, not the
documents: ffn-posting.txt lists them in the order the forms ask.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from studio.errors import StudioError
from studio.export import docx as docx_export
from studio.export.languages import language_name
from studio.export.parts import (
    ChapterPart,
    Credits,
    chapter_parts,
    clean,
    clean_spans,
    credits,
    heading_text,
    one_line,
    other_lines,
    paragraphs,
    title,
    work_notes,
)
from studio.lyrics.policy import ffn_lyrics_warning
from studio.storage import atomic_write_text
from studio.story.blocks import Block, BlockKind
from studio.story.inline import plain_text
from studio.story.project import Project

POSTING_NOTES = "ffn-posting.txt"
SCENE_BREAK = "* * *"

# The Archive rating (the story's `rating`) → FanFiction.Net's.
_RATINGS = {"Teen And Up Audiences": "T", "Mature": "M"}
# Older ratings that put a General Audiences story in K rather than K+.
_ALL_AGES = {"K", "G", "FRC"}


def ffn_rating(project: Project) -> str:
    """K, K+, T or M; StudioError for an Explicit or unrated story.

    General Audiences is K+ ("9 and up"), the safer of the two, unless the author's
    own rating (`source_rating`) was K or G: rating a story too low is what gets it
    taken down, too high only narrows its readers.
    """
    rating = project.work.rating
    if rating == "Explicit":
        raise StudioError(
            "FanFiction.Net does not accept Explicit (MA) stories",
            path=project.story_file,
            hint="Post it to the Archive of Our Own instead, or change the rating if it is wrong",
        )
    if rating == "General Audiences":
        source = project.work.source_rating.strip().upper().replace(" ", "")
        return "K" if source in _ALL_AGES else "K+"
    if rating in _RATINGS:
        return _RATINGS[rating]
    raise StudioError(
        f"FanFiction.Net needs a rating, and this story's is “{rating}”",
        path=project.story_file,
        hint="Set [work] rating to General Audiences, Teen And Up Audiences or Mature",
    )


def lyrics_warning(project: Project) -> str | None:
    """The lyrics package's FanFiction.Net warning, cleaned for the posting notes."""
    warning = ffn_lyrics_warning(project)
    return clean(warning) if warning else None


CHARACTERS_MAX = 4  # the story form's character pickers: at most four


def link_count(project: Project, parts: list[ChapterPart] | None = None) -> int:
    """How many links the chapters and notes hold (FanFiction.Net removes every one)."""
    parts = chapter_parts(project) if parts is None else parts
    work = project.work
    texts = [work.summary, work.notes, work.end_notes, work.disclaimer]
    for part in parts:
        texts += [part.chapter.summary, part.chapter.notes, part.chapter.end_notes]
        texts += ["\n".join(block.lines) for block in part.blocks]
    count = 0
    for text in texts:
        if "](" not in text and "<" not in text:
            continue  # no link syntax at all: skip the parser
        previous: str | None = None
        for span in clean_spans(text):
            if span.href and span.href != previous:
                count += 1
            previous = span.href
    return count


def ffn_warnings(project: Project, parts: list[ChapterPart] | None = None) -> list[str]:
    """What FanFiction.Net will refuse or remove: lyrics, links, more than four characters."""
    parts = chapter_parts(project) if parts is None else parts
    found: list[str] = []
    lyrics = lyrics_warning(project)
    if lyrics:
        found.append(lyrics)
    links = link_count(project, parts)
    if links:
        found.append(
            f"FanFiction.Net removes links: the story has {links} link"
            f"{'s' if links != 1 else ''}, exported as their text only; "
            "readers will not see the addresses"
        )
    characters = [c for c in project.work.characters if c.strip()]
    if len(characters) > CHARACTERS_MAX:
        found.append(
            f"FanFiction.Net takes at most {CHARACTERS_MAX} characters; the story lists "
            f"{len(characters)}: choose the {CHARACTERS_MAX} to pick in the story form"
        )
    return found


def export_ffn(project: Project, out: Path) -> list[Path]:
    """`out` is a folder: NN-title.docx and NN-title.html per chapter, and posting notes."""
    rating = ffn_rating(project)
    if out.exists() and not out.is_dir():
        raise StudioError(
            "is a file; FanFiction.Net export writes a folder", path=out, hint="Give a folder"
        )
    parts = chapter_parts(project)
    if not parts:
        raise StudioError("the story has no chapters to post", path=project.story_file)
    credit = credits(project, parts)
    written: list[Path] = []
    for part in parts:
        opening, closing = chapter_notes(project, part, credit, last=part is parts[-1])
        docx_path = out / f"{part.slug}.docx"
        html_path = out / f"{part.slug}.html"
        _chapter_docx(project, part, credit, opening, closing).save(docx_path)
        atomic_write_text(html_path, chapter_html(project, part, credit, opening, closing))
        written += [docx_path, html_path]
    notes_path = out / POSTING_NOTES
    atomic_write_text(notes_path, posting_notes(project, parts, rating, written))
    return [notes_path, *written]


def chapter_notes(
    project: Project, part: ChapterPart, credit: Credits, *, last: bool
) -> tuple[list[str], list[str]]:
    """The paragraphs that open and close a chapter: notes stay inside chapters."""
    work = project.work
    opening: list[str] = []
    if part.number == 1:
        opening += [f"Disclaimer: {p}" for p in paragraphs(work.disclaimer)]
        opening += _labelled("A/N", work_notes(project, credit))
    opening += _labelled("A/N", paragraphs(part.chapter.notes))
    closing = _labelled("A/N", paragraphs(part.chapter.end_notes))
    if last:
        closing += _labelled("A/N", paragraphs(work.end_notes))
    return opening, closing


def plain_summary(summary: str) -> str:
    """The summary as FanFiction.Net's plain-text box takes it: no Markdown marks, one line."""
    return " ".join(one_line(plain_text(p)) for p in paragraphs(summary))


def _labelled(label: str, texts: list[str]) -> list[str]:
    return [f"{label}: {texts[0]}", *texts[1:]] if texts else []


def _chapter_docx(
    project: Project, part: ChapterPart, credit: Credits, opening: list[str], closing: list[str]
) -> docx_export.DocxWriter:
    writer = docx_export.DocxWriter(docx_export.new_document(project), links=False)
    for text in opening:
        docx_export.add_spans(writer.paragraph(), text, links=False)
    if opening:
        writer.paragraph(docx_export.SCENE_BREAK_STYLE, SCENE_BREAK)
    docx_export.add_blocks(writer, part, credit)
    if closing:
        writer.paragraph(docx_export.SCENE_BREAK_STYLE, SCENE_BREAK)
    for text in closing:
        docx_export.add_spans(writer.paragraph(), text, links=False)
    return writer


def chapter_html(
    project: Project, part: ChapterPart, credit: Credits, opening: list[str], closing: list[str]
) -> str:
    """A small HTML page with only the tags FanFiction.Net keeps: p, em, strong, br, hr.

    Written here with html.escape on every piece of text (the shared HTML renderer of
    the AO3 export was not on main yet): the story's text is never markup.
    """
    body = [f"<p>{_html_inline(text)}</p>" for text in opening]
    if opening:
        body.append("<hr />")
    body += [_html_block(block, credit) for block in part.blocks]
    if closing:
        body.append("<hr />")
    body += [f"<p>{_html_inline(text)}</p>" for text in closing]
    language = escape(one_line(project.work.language) or "en")
    heading = escape(f"{title(project)}: {part.heading}")
    return clean(
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8" />\n'
        f"<title>{heading}</title>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _html_block(block: Block, credit: Credits) -> str:
    if block.kind is BlockKind.SCENE_BREAK:
        return "<hr />"
    if block.kind is BlockKind.LYRICS:
        stanzas = [
            "<p><em>" + "<br />\n".join(_html_inline(line) for line in s) + "</em></p>"
            for s in block.stanzas
        ]
        line = credit.block_line(block)
        if line:
            stanzas.append(f"<p>{escape(line)}</p>")
        return "\n".join(stanzas)
    if block.kind is BlockKind.PARAGRAPH:
        return f"<p>{_html_inline(block.text)}</p>"
    if block.kind is BlockKind.HEADING:
        return f"<p><strong>{_html_inline(heading_text(block))}</strong></p>"
    return "\n".join(f"<p>{_html_inline(line)}</p>" for line in other_lines(block))


def _html_inline(text: str) -> str:
    out = []
    for span in clean_spans(text):
        if span.line_break:
            out.append("<br />")
            continue
        piece = escape(span.text, quote=False)
        if span.bold:
            piece = f"<strong>{piece}</strong>"
        if span.italic:
            piece = f"<em>{piece}</em>"
        out.append(piece)
    return "".join(out)


def posting_notes(
    project: Project, parts: list[ChapterPart], rating: str, files: list[Path]
) -> str:
    """What to type into FanFiction.Net's forms, in their order, and what to check first."""
    work = project.work
    lines = [
        f"FanFiction.Net posting notes for “{title(project)}”",
        "",
        f"Title: {title(project)}",
        f"Rating: {rating} (the story's rating: {one_line(work.rating)})",
        f"Language: {language_name(one_line(work.language)) or 'English'}",
        f"Summary: {plain_summary(work.summary)}",
        f"Characters: {', '.join(one_line(c) for c in work.characters[:CHARACTERS_MAX])}",
        f"Status: {'Complete' if work.status == 'complete' else 'In-Progress'}",
        "",
        "Chapters (upload each document in the Doc Manager, then add it as a chapter):",
    ]
    docx_files = [f for f in files if f.suffix == ".docx"]
    for part, path in zip(parts, docx_files, strict=True):
        lines.append(f"  {part.number}. {part.title or part.heading}  ←  {path.name}")
    for warning in ffn_warnings(project, parts):
        lines += ["", f"WARNING: {warning}"]
    lines += [
        "",
        "Author's notes are inside the chapters (FanFiction.Net does not allow notes as chapters).",
    ]
    return clean("\n".join(lines)) + "\n"
