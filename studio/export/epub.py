"""EPUB 3, written with zipfile directly, reproducible, and clean under epubcheck.

Layout (all under `OEBPS/`): `preface.xhtml` laid out like the Archive of Our Own's
own downloads (the tags, stats, title, byline, summary and notes), one
`chapter-NNN.xhtml` per chapter headed "Chapter N: Title" with its summary and notes
before the text and its end notes after, `afterword.xhtml` with the work's end notes,
`nav.xhtml`, and `style.css` from resources/styles/epub.css (lyrics styled there).

Reproducible: the same story gives the same bytes. Zip entries carry a fixed
timestamp and mode and are written in sorted order (after `mimetype`, which the
format wants first and uncompressed); `dcterms:modified` is fixed too
(`SOURCE_DATE_EPOCH` overrides it, as reproducible-build tools expect). The
identifier is a UUID derived from the title and authors, so a rebuilt book stays the
same book in a reader's library.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import sys
import threading
import uuid
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from studio.errors import StudioError
from studio.export.archive import chapter_heading
from studio.export.counting import count_words
from studio.export.languages import language_name
from studio.export.notes import lyrics_song_ids, quoted_songs, work_notes
from studio.export.render_html import HtmlRenderer, chapter_blocks, clean_text
from studio.export.selection import chapter_numbers, story_chapter_count
from studio.lyrics.credit import credit_placement
from studio.resources import resource_path
from studio.storage import atomic_write_bytes
from studio.story.blocks import BlockKind
from studio.story.inline import plain_text
from studio.story.posting import posted_day
from studio.story.project import Project

MEDIA_TYPE = b"application/epub+zip"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MODIFIED = "2000-01-01T00:00:00Z"
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_NAMESPACE = uuid.UUID("6f1c9d52-5c2e-4f7e-9a0c-2b4f5e0d7a11")  # Studio's own, for uuid5

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def export_epub(project: Project, out: Path) -> list[Path]:
    """Write the story as EPUB 3 to the file `out` (or `out/<title>.epub` for a folder)."""
    path = out / f"{_file_stem(project)}.epub" if out.is_dir() else out
    if path.suffix.lower() != ".epub":
        raise StudioError(
            "an EPUB file name must end in .epub", path=path, hint="Name the output like story.epub"
        )
    atomic_write_bytes(path, build_epub(project))
    return [path]


def build_epub(project: Project, *, workers: int | None = None) -> bytes:
    """The EPUB's bytes: the same story always gives the same bytes.

    `workers`: processes that render chapters (None: decide by the story's size, see
    `_worker_count`). The bytes do not depend on it.
    """
    book = _Book(project)
    return zip_entries(book.entries(book.render_chapters(workers)))


def zip_entries(entries: dict[str, bytes]) -> bytes:
    """An OCF zip: `mimetype` first and stored, then every entry in sorted order.

    Deflate level 1: a tenth of the time of the default level for a few percent more size.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_info("mimetype", zipfile.ZIP_STORED), MEDIA_TYPE)
        for name in sorted(entries):
            archive.writestr(_info(name, zipfile.ZIP_DEFLATED), entries[name], compresslevel=1)
    return buffer.getvalue()


def _info(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = compression
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


@dataclass(frozen=True, slots=True)
class _Rendered:
    """A chapter's page, and what the preface and notes need to know of it."""

    number: int
    page: bytes
    words: int
    song_ids: tuple[str, ...]


class _Book:
    """One build: the story's texts read once, chapters rendered, then the other pages."""

    def __init__(self, project: Project) -> None:
        self.project = project
        work = project.work
        self.lang = _language(work.language)
        self.title = clean_text(work.title.strip()) or "Untitled"
        self.authors = [clean_text(a.strip()) for a in work.authors if a.strip()]
        self.renderer = HtmlRenderer(
            project.songs,
            xhtml=True,
            credit_blocks=credit_placement(project).under_blocks,
            relative_links=False,  # the book holds no other files to point at
        )
        self.sources = project.chapters
        self.texts = [project.read_chapter(chapter) for chapter in self.sources]
        width = max(3, len(str(len(self.sources))))
        self.hrefs = [f"chapter-{n:0{width}d}.xhtml" for n in range(1, len(self.sources) + 1)]
        self.headings = [
            clean_text(chapter_heading(n, c.title))
            for n, c in zip(chapter_numbers(project), self.sources, strict=True)
        ]
        if is_one_shot(project):
            self.headings = [self.title]  # as the Archive's downloads: the work's title

    # -- chapters, in this process or in forked workers ----------------------------

    def render_chapters(self, workers: int | None = None) -> list[_Rendered]:
        count = _worker_count(sum(map(len, self.texts))) if workers is None else workers
        numbers = list(range(1, len(self.texts) + 1))
        if count <= 1 or len(numbers) < 2:
            return self.render_some(numbers)
        # Interleaved shares even out chapters of different lengths; this process
        # renders the first share while the workers render the others.
        shares = [numbers[i::count] for i in range(count)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            count - 1, mp_context=context, initializer=_adopt, initargs=(self,)
        ) as pool:
            futures = [pool.submit(_render_share, share) for share in shares[1:]]
            done = self.render_some(shares[0])
            for future in futures:
                done += future.result()
        return sorted(done, key=lambda r: r.number)

    def render_some(self, numbers: list[int]) -> list[_Rendered]:
        return [self.render_chapter(n) for n in numbers]

    def render_chapter(self, number: int) -> _Rendered:
        source = self.sources[number - 1]
        blocks = chapter_blocks(self.texts[number - 1])
        words = count_words(
            "\n".join(b.text for b in blocks if b.kind is not BlockKind.SCENE_BREAK)
        )
        page = self.page(
            "epub/chapter.xhtml.j2",
            self.headings[number - 1],
            number=number,
            heading=self.headings[number - 1],
            summary=self.html(source.summary),
            notes=self.html(source.notes),
            text=Markup(self.renderer.blocks(blocks)),
            end_notes=self.html(source.end_notes),
        )
        return _Rendered(number, page, words, tuple(lyrics_song_ids(blocks)))

    # -- pages ---------------------------------------------------------------------

    def html(self, markdown: str) -> Markup:
        return Markup(self.renderer.markdown(markdown)) if markdown.strip() else Markup("")

    def page(self, template: str, page_title: str, **values: object) -> bytes:
        text = (
            _environment()
            .get_template(template)
            .render(lang=self.lang, page_title=page_title, **values)
        )
        return text.encode("utf-8")

    def entries(self, chapters: list[_Rendered]) -> dict[str, bytes]:
        pages: list[tuple[str, str, str]] = [("preface", "preface.xhtml", "Preface")]
        files = {"OEBPS/preface.xhtml": self.preface(chapters)}
        for chapter in chapters:
            href = self.hrefs[chapter.number - 1]
            pages.append((f"c{chapter.number}", href, self.headings[chapter.number - 1]))
            files[f"OEBPS/{href}"] = chapter.page
        if self.project.work.end_notes.strip():
            pages.append(("afterword", "afterword.xhtml", "Afterword"))
            files["OEBPS/afterword.xhtml"] = self.page(
                "epub/afterword.xhtml.j2",
                "Afterword",
                end_notes=self.html(self.project.work.end_notes),
            )
        files["OEBPS/nav.xhtml"] = self.page(
            "epub/nav.xhtml.j2",
            "Contents",
            toc=[(href, label) for _, href, label in pages],
            first_chapter=self.hrefs[0] if self.hrefs else "preface.xhtml",
        )
        files["OEBPS/toc.ncx"] = self.ncx([(href, label) for _, href, label in pages])
        files["OEBPS/content.opf"] = self.package([(i, href) for i, href, _ in pages])
        files["OEBPS/style.css"] = resource_path("styles", "epub.css").read_bytes()
        files["META-INF/container.xml"] = CONTAINER.encode("utf-8")
        return files

    def preface(self, chapters: list[_Rendered]) -> bytes:
        work = self.project.work
        notes = work_notes(
            self.project,
            quoted_songs(self.project, (i for c in chapters for i in c.song_ids)),
        )
        groups = [
            (("Rating", "Ratings"), [work.rating]),
            (("Archive Warning", "Archive Warnings"), work.warnings),
            (("Category", "Categories"), work.categories),
            (("Fandom", "Fandoms"), work.fandoms),
            (("Relationship", "Relationships"), work.relationships),
            (("Character", "Characters"), work.characters),
            (("Additional Tags", "Additional Tags"), work.tags),
        ]
        meta = [
            (names[0] if len(kept) == 1 else names[1], kept)
            for names, values in groups
            if (kept := [clean_text(v) for v in values if v.strip()])
        ]
        meta.append(("Language", [language_name(self.lang)]))
        meta += series_and_collections(self.project)
        front = [("Spoilers", work.spoilers), ("Disclaimer", work.disclaimer)]
        count = len(chapters)
        return self.page(
            "epub/preface.xhtml.j2",
            self.title,
            meta=[(label, values) for label, values in meta if values],
            words=sum(c.words for c in chapters),
            dates=posting_dates(self.project),
            chapter_count=count,
            expected_chapters=(
                story_chapter_count(self.project) if work.status.strip() == "complete" else "?"
            ),
            title=self.title,
            authors=self.authors,
            summary=self.html(work.summary),
            front_fields=[
                (label, clean_text(text.strip())) for label, text in front if text.strip()
            ],
            notes=self.html(notes),
            has_end_notes=bool(work.end_notes.strip()),
        )

    def package(self, pages: list[tuple[str, str]]) -> bytes:
        work = self.project.work
        subjects = [
            work.rating,
            *work.warnings,
            *work.categories,
            *work.fandoms,
            *work.relationships,
            *work.characters,
            *work.tags,
        ]
        text = (
            _environment()
            .get_template("epub/content.opf.j2")
            .render(
                lang=self.lang,
                identifier=f"urn:uuid:{identifier(self.title, self.authors)}",
                title=self.title,
                authors=self.authors,
                description=clean_text(plain_text(" ".join(work.summary.split()))),
                subjects=list(dict.fromkeys(clean_text(s.strip()) for s in subjects if s.strip())),
                modified=_modified(),
                pages=pages,
            )
        )
        return text.encode("utf-8")

    def ncx(self, toc: list[tuple[str, str]]) -> bytes:
        """toc.ncx, the EPUB 2 table of contents older readers still look for."""
        text = (
            _environment()
            .get_template("epub/toc.ncx.j2")
            .render(
                lang=self.lang,
                identifier=f"urn:uuid:{identifier(self.title, self.authors)}",
                title=self.title,
                authors=self.authors,
                toc=toc,
            )
        )
        return text.encode("utf-8")


def is_one_shot(project: Project) -> bool:
    """A complete work of one chapter: the Archive's downloads give it no chapter heading."""
    return (
        story_chapter_count(project) == 1
        and len(project.chapters) == 1
        and project.work.status.strip() == "complete"
    )


def posting_dates(project: Project) -> list[tuple[str, str]]:
    """The preface's dates, from the chapters' posted days: Published (the first), and
    Completed (a complete work) or Updated (one in progress) when a later chapter
    was posted on a later day. None when nothing is marked posted."""
    days = sorted(d for c in project.chapters if (d := posted_day(c)) is not None)
    if not days:
        return []
    dates = [("Published", days[0].isoformat())]
    if days[-1] > days[0]:
        label = "Completed" if project.work.status.strip() == "complete" else "Updated"
        dates.append((label, days[-1].isoformat()))
    return dates


# A worker's book: set once in each forked worker by `_adopt`, read by `_render_share`.
_worker_book: list[_Book] = []

# Below this many characters (about 170,000 words) one process is quicker than forking.
PARALLEL_MIN_CHARACTERS = 1_000_000


def _worker_count(characters: int) -> int:
    """Processes for rendering chapters: more than one only where forking is safe and pays.

    Forking is safe on Linux when this process has a single thread (a forked child
    has only the forking thread, so locks held by others would never be released);
    the window exports on a worker thread and so renders in one process.
    """
    if characters < PARALLEL_MIN_CHARACTERS or sys.platform != "linux":
        return 1
    if threading.active_count() != 1:
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0))))


def _adopt(book: _Book) -> None:
    _worker_book[:] = [book]


def _render_share(numbers: list[int]) -> list[_Rendered]:
    return _worker_book[0].render_some(numbers)


def identifier(title: str, authors: list[str]) -> uuid.UUID:
    """The book's stable identifier: the same title and authors, the same UUID."""
    return uuid.uuid5(_NAMESPACE, "\n".join([title, *authors]))


def _language(value: str) -> str:
    """The work's language as a BCP 47 tag; "und" (undetermined) when it is not one."""
    value = clean_text(value.strip())
    return value if _LANGUAGE_TAG.match(value) else "und"


def _modified() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return MODIFIED


def _file_stem(project: Project) -> str:
    stem = re.sub(r"[^\w-]+", "-", project.work.title.strip().lower()).strip("-")
    return stem[:80] or "story"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(resource_path("templates")),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _finalize(value: object) -> object:
    """Every string a template prints loses its control characters (Markup is ours)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


def series_and_collections(project: Project) -> list[tuple[str, list[str]]]:
    """The preface's Series and Collections rows, as the Archive's download writes them
    ("Part 2 of Salt Roads"), so that an import of the book reads them back."""
    work = project.doc.get("work", {})
    rows: list[tuple[str, list[str]]] = []
    series = []
    for entry in work.get("series", []) if hasattr(work, "get") else []:
        name = clean_text(str(entry.get("name", "")).strip()) if hasattr(entry, "get") else ""
        if name:
            series.append(f"Part {_part(entry.get('part', 1))} of {name}")
    if series:
        rows.append(("Series", series))
    collections = [
        clean_text(str(c).strip())
        for c in (work.get("collections", []) if hasattr(work, "get") else [])
        if str(c).strip()
    ]
    if collections:
        rows.append(("Collections", collections))
    return rows


def _part(value: object) -> int:
    """A series part number, 1 when story.toml's is missing or not a whole number."""
    try:
        return max(1, int(str(value)))
    except ValueError:
        return 1
