"""`studio import-review`: an editor's document back into the story's review, nothing else.

The document that came back is compared with the one that was sent (studio.review.sent):
paragraph by paragraph first (so unchanged paragraphs cost a hash each), then word by
word inside the paragraphs that differ. Both documents are read as one long text, each
paragraph followed by a blank line, so a split or joined paragraph is an ordinary change
of that text. Positions in the returned text map to the sent text through that
comparison, and from there to characters of the chapter files through the sent
paragraphs' offsets. What the editor did becomes, on the same words of the same chapter:

- their comments and replies → Studio comments (threads kept, resolved kept);
- their tracked changes → Studio suggestions with their names and dates;
- text they changed without tracking → suggestions too, by `author`.

Nothing in the author's text changes: the chapter files are only read. A comment or
suggestion already in the review (the ones Studio sent out come back) is not added twice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from studio.errors import StudioError
from studio.review.anchor import Anchor, locate, make_anchor
from studio.review.docx_in import BackComment, BackDocument, BackParagraph, Revision, read_docx
from studio.review.docx_out import build_review_docx
from studio.review.model import ChapterReview, Comment, Reply, Suggestion, new_id, now_stamp
from studio.review.sent import SentCopy, SentParagraph, load_sent, sent_copies
from studio.review.store import load_review, save_review
from studio.story.project import Project

SEPARATOR = "\n\n"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(slots=True)
class ImportReport:
    """What an import brought in (counts), and what it could not place."""

    comments: int = 0
    replies: int = 0
    tracked: int = 0
    untracked: int = 0
    already: int = 0
    outside: int = 0
    detached: int = 0  # their words were since rewritten by the author: kept, detached
    chapters: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return self.comments + self.replies + self.tracked + self.untracked


@dataclass(slots=True)
class _Found:
    """One thing the editor did, placed on the sent text of a chapter."""

    chapter: str
    start: int
    end: int
    author: str
    date: str
    text: str
    comment: BackComment | None = None
    tracked: bool = False


def import_review(project: Project, path: Path, *, author: str | None = None) -> ImportReport:
    """Bring the editor's review in `path` (DOCX or ODT) into the story's review files."""
    document = read_back(path)
    paragraphs = _original_paragraphs(document.paragraphs)
    sent = choose_sent(project, paragraphs)
    editor = author or document.modified_by or "Editor"
    placed = _Placement(sent, paragraphs)
    found, outside = placed.find(document, editor, _stamp_of(document.modified))
    report = ImportReport(outside=outside)
    _apply(project, sent, found, placed.threads, report)
    return report


def read_back(path: Path) -> BackDocument:
    """A DOCX as it is; an ODT through LibreOffice, which writes its review as OOXML."""
    if path.suffix.lower() in (".odt", ".fodt"):
        return read_docx(_odt_as_docx(path))
    return read_docx(path)


def _odt_as_docx(path: Path) -> Path:
    if not path.is_file():
        raise StudioError("no such file", path=path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise StudioError(
            "reading an ODT needs LibreOffice, which is not installed",
            path=path,
            hint="Install LibreOffice Writer, or save the document as .docx and import that",
        )
    out = Path(tempfile.mkdtemp(prefix="studio-review-"))
    profile = out / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out),
        str(path),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StudioError(f"LibreOffice could not read it ({exc})", path=path) from None
    converted = out / (path.stem + ".docx")
    if not converted.is_file():
        raise StudioError("LibreOffice could not convert it to DOCX", path=path)
    return converted


# -- the document as it was before the editor's tracked changes ---------------------


def _original_paragraphs(paragraphs: list[BackParagraph]) -> list[BackParagraph]:
    """Paragraphs the editor split with tracked changes joined again (the split becomes
    an insertion of a paragraph break); empty paragraphs with nothing in them dropped."""
    joined: list[BackParagraph] = []
    carry: BackParagraph | None = None
    for read in paragraphs:
        paragraph = read if carry is None else _join(carry, read)
        carry = None
        if paragraph.mark_inserted is not None:
            carry = paragraph
            continue
        joined.append(paragraph)
    if carry is not None:
        carry.mark_inserted = None
        joined.append(carry)
    for paragraph in joined:
        paragraph.revisions = _merge_insertions(paragraph.revisions)
    return [p for p in joined if p.text or p.revisions or p.comment_starts or p.comment_ends]


def _join(first: BackParagraph, second: BackParagraph) -> BackParagraph:
    assert first.mark_inserted is not None
    shift = len(first.text)
    mark = first.mark_inserted
    split = Revision("ins", shift, shift, SEPARATOR, mark.author, mark.date)
    revisions = [*first.revisions, split]
    for r in second.revisions:
        revisions.append(Revision(r.kind, r.start + shift, r.end + shift, r.text, r.author, r.date))
    return BackParagraph(
        first.text + second.text,
        revisions,
        first.comment_starts | {k: v + shift for k, v in second.comment_starts.items()},
        first.comment_ends | {k: v + shift for k, v in second.comment_ends.items()},
        first.references | {k: v + shift for k, v in second.references.items()},
        second.mark_inserted,
        second.mark_deleted,
    )


def _merge_insertions(revisions: list[Revision]) -> list[Revision]:
    merged: list[Revision] = []
    for r in revisions:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.kind == r.kind == "ins"
            and last.start == r.start
            and last.author == r.author
        ):
            last.text += r.text
        else:
            merged.append(r)
    return merged


# -- what was sent -------------------------------------------------------------------


def choose_sent(project: Project, paragraphs: list[BackParagraph]) -> SentCopy:
    """The kept copy the document came from (the one sharing most paragraphs, the newest
    among equals), or the story as it is now when none fits better. A document that
    shares almost nothing with either is refused (StudioError)."""
    wanted = [p.text for p in paragraphs if p.text]
    best: tuple[float, SentCopy] | None = None
    for path in sent_copies(project.root):
        copy = load_sent(path)
        if copy is None:
            continue
        score = _shared(copy, wanted)
        if best is None or score > best[0]:
            best = (score, copy)
        if score >= 0.99:
            break
    if best is not None and best[0] >= _TRUSTED:
        return best[1]
    current = build_review_docx(project)[1]
    score = _shared(current, wanted)
    if best is not None and best[0] > score:
        current, score = best[1], best[0]
    if wanted and score < _UNRELATED:
        raise StudioError(
            f"does not look like this story: only {score:.0%} of its paragraphs are in it",
            hint="Import the document that was exported from this story",
        )
    return current


_UNRELATED = 0.2
"""Below this share of paragraphs in common, the document is another story's (or
rewritten wholesale): refused, rather than filling the review with rewrites."""


_TRUSTED = 0.5
"""A kept copy sharing at least this share of the paragraphs is the one that was sent
(an editor rarely retypes half a story); below it, the story as it is now is tried too."""


def _shared(copy: SentCopy, wanted: list[str]) -> float:
    have = {p.text for p in copy.paragraphs}
    return sum(1 for t in wanted if t in have) / len(wanted) if wanted else 0.0


# -- placing the editor's work on the sent text --------------------------------------


class _Placement:
    """The returned text mapped onto the sent text, and the sent text onto the chapters."""

    def __init__(self, sent: SentCopy, back: list[BackParagraph]) -> None:
        self.sent = [p for p in sent.paragraphs if p.text]
        self.back = back
        self.s_starts = _starts([p.text for p in self.sent])
        self.r_starts = _starts([p.text for p in back])
        self.s_text = "".join(p.text + SEPARATOR for p in self.sent)
        self.r_text = "".join(p.text + SEPARATOR for p in back)
        self.segments: list[tuple[int, int, int, int, bool]] = []  # r0, r1, s0, s1, equal
        self.changes: list[tuple[int, int, int, int]] = []  # untracked: s0, s1, r0, r1
        self._compare()
        self.seg_starts = [seg[0] for seg in self.segments]
        self.threads: dict[str, list[BackComment]] = {}

    def _compare(self) -> None:
        matcher = SequenceMatcher(
            None, [p.text for p in self.sent], [p.text for p in self.back], autojunk=False
        )
        s_end = len(self.s_text)
        r_end = len(self.r_text)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            s0 = self.s_starts[i1] if i1 < len(self.sent) else s_end
            s1 = self.s_starts[i2] if i2 < len(self.sent) else s_end
            r0 = self.r_starts[j1] if j1 < len(self.back) else r_end
            r1 = self.r_starts[j2] if j2 < len(self.back) else r_end
            if op == "equal":
                self.segments.append((r0, r1, s0, s1, True))
            else:
                self._compare_words(s0, s1, r0, r1)

    def _compare_words(self, s0: int, s1: int, r0: int, r1: int) -> None:
        a = _TOKEN.findall(self.s_text[s0:s1])
        b = _TOKEN.findall(self.r_text[r0:r1])
        a_at, b_at = _token_starts(a, s0), _token_starts(b, r0)
        matcher = SequenceMatcher(None, a, b, autojunk=len(a) > 20_000)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            segment = (b_at[j1], b_at[j2], a_at[i1], a_at[i2], op == "equal")
            self.segments.append(segment)
            if op != "equal":
                self.changes.append((a_at[i1], a_at[i2], b_at[j1], b_at[j2]))

    # -- returned position → sent position → chapter offset ----------------------

    def to_sent(self, r: int, side: str) -> int:
        k = bisect_right(self.seg_starts, r) - 1
        if side == "end":
            while k > 0 and self.segments[k][0] == r and self.segments[k - 1][1] == r:
                k -= 1
        r0, _, s0, s1, equal = self.segments[max(k, 0)]
        if equal:
            return s0 + (r - r0)
        return s0 if side == "start" else s1

    def to_chapter(self, s: int, side: str) -> tuple[str, int] | None:
        i = bisect_right(self.s_starts, s) - 1
        if i < 0:
            return None
        paragraph = self.sent[i]
        local = s - self.s_starts[i]
        if local > len(paragraph.text):  # in the blank line after it
            if side != "end" and i + 1 < len(self.sent):
                paragraph, local = self.sent[i + 1], 0
            else:
                local = len(paragraph.text)
        return _offset(paragraph, local, side)

    def place(self, s0: int, s1: int) -> tuple[str, int, int] | None:
        start = self.to_chapter(s0, "start" if s1 > s0 else "point")
        end = self.to_chapter(s1, "end") if s1 > s0 else start
        if start is None or end is None or start[0] != end[0]:
            return None
        return start[0], start[1], max(start[1], end[1])

    # -- the editor's work ---------------------------------------------------------

    def find(self, document: BackDocument, editor: str, date: str) -> tuple[list[_Found], int]:
        found: list[_Found] = []
        outside = 0

        def add(s0: int, s1: int, item: _Found, text_rotates: bool = False) -> None:
            nonlocal outside
            where = self.place(s0, s1)
            if where is None and text_rotates:
                where, item.text = self._rotated(s0, s1, item.text)
            if where is None:
                outside += 1
                return
            item.chapter, item.start, item.end = where
            found.append(item)

        for a0, a1, r0, r1 in self.changes:
            s0, s1, new_text = self._narrowed(a0, a1, self.r_text[r0:r1])
            add(s0, s1, _Found("", 0, 0, editor, date, new_text), text_rotates=True)
        tracked_from = len(found)
        for j, paragraph in enumerate(self.back):
            base = self.r_starts[j]
            for s0, s1, text, revision in self._revisions(paragraph, base):
                item = _Found(
                    "", 0, 0, revision.author or editor, revision.date, text, tracked=True
                )
                add(s0, s1, item, text_rotates=True)
        found[tracked_from:] = _joined(found[tracked_from:])
        for comment, s0, s1 in self._root_comments(document):
            item = _Found("", 0, 0, comment.author, comment.date, comment.text, comment)
            add(s0, max(s0, s1), item)
        return found, outside

    def _narrowed(self, s0: int, s1: int, new_text: str) -> tuple[int, int, str]:
        """A change whose chapter text holds Markdown marks the document does not show
        (`*Morning Star* and` shown as "Morning Star and"), cut down to the characters
        that differ, so replacing it keeps the marks around them."""
        where = self.place(s0, s1)
        if where is None or where[2] - where[1] == s1 - s0:
            return s0, s1, new_text
        old = self.s_text[s0:s1]
        limit = min(len(old), len(new_text))
        head = 0
        while head < limit and old[head] == new_text[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == new_text[-1 - tail]:
            tail += 1
        return s0 + head, s1 - tail, new_text[head : len(new_text) - tail]

    def _root_comments(self, document: BackDocument) -> list[tuple[BackComment, int, int]]:
        """The comments that start a thread, with their sent range. Replies are filed in
        `self.threads`: by the document's own thread links (Word's commentsExtended) or,
        for a comment the document says nothing about (LibreOffice 7 lists only resolved
        ones, some Google Docs files none), one on exactly the same words as an earlier
        comment is taken as a reply to it, which is how Word and Google Docs anchor
        replies."""
        ranges: list[tuple[BackComment, int, int]] = []
        seen: set[str] = set()
        for j, paragraph in enumerate(self.back):
            for comment_id, start in paragraph.comment_starts.items():
                comment = document.comments.get(comment_id)
                if comment is not None and comment_id not in seen:
                    seen.add(comment_id)
                    end = self._comment_end(comment_id, j, start)
                    ranges.append((comment, self.r_starts[j] + start, end))
        for j, paragraph in enumerate(self.back):  # comments on a point: a reference only
            for comment_id, at in paragraph.references.items():
                comment = document.comments.get(comment_id)
                if comment is not None and comment_id not in seen:
                    seen.add(comment_id)
                    ranges.append((comment, self.r_starts[j] + at, self.r_starts[j] + at))
        self.threads = _replies(document)
        first_on: dict[tuple[int, int], BackComment] = {}
        roots = []
        for entry in sorted(ranges, key=lambda r: (r[0].date, r[0].order)):
            comment = entry[0]
            if comment.parent:
                continue  # filed under its thread by the document's own link
            root = first_on.setdefault((entry[1], entry[2]), comment)
            if root is comment or comment.done is not None:
                roots.append(entry)  # the document says it starts a thread of its own
            else:
                self.threads.setdefault(root.id, []).append(comment)
        return [(c, self.to_sent(r0, "start"), self.to_sent(r1, "end")) for c, r0, r1 in roots]

    def _revisions(
        self, paragraph: BackParagraph, base: int
    ) -> list[tuple[int, int, str, Revision]]:
        """Tracked changes as (sent start, sent end, new text); a deletion next to an
        insertion by the same person is one replacement."""
        out: list[tuple[int, int, str, Revision]] = []
        revisions = list(paragraph.revisions)
        if paragraph.mark_deleted is not None:
            end = len(paragraph.text)
            mark = paragraph.mark_deleted
            revisions.append(
                Revision("del", end, end + len(SEPARATOR), SEPARATOR, mark.author, mark.date)
            )
        k = 0
        while k < len(revisions):
            r = revisions[k]
            nxt = revisions[k + 1] if k + 1 < len(revisions) else None
            s0 = self.to_sent(base + r.start, "start")
            s1 = self.to_sent(base + r.end, "end") if r.kind == "del" else s0
            text = r.text if r.kind == "ins" else ""
            if (
                nxt is not None
                and nxt.kind != r.kind
                and nxt.author == r.author
                and (nxt.start == r.end if r.kind == "del" else nxt.start == r.start)
            ):
                if r.kind == "del":
                    text = nxt.text
                else:
                    s1 = self.to_sent(base + nxt.end, "end")
                k += 1
            out.append((s0, max(s0, s1), text, r))
            k += 1
        return out

    def _comment_end(self, comment_id: str, j: int, start: int) -> int:
        for k in range(j, len(self.back)):
            end = self.back[k].comment_ends.get(comment_id)
            if end is not None and (k > j or end >= start):
                return self.r_starts[k] + end
        return self.r_starts[j] + start

    def _rotated(self, s0: int, s1: int, text: str) -> tuple[tuple[str, int, int] | None, str]:
        """A change that ends with a paragraph break at the edge of a chapter, written
        with the break first instead ("P\\n\\n" → "\\n\\nP"), so it lands inside it."""
        old = self.s_text[s0:s1]
        if (
            s0 >= len(SEPARATOR)
            and self.s_text[s0 - len(SEPARATOR) : s0] == SEPARATOR
            and (old.endswith(SEPARATOR) or not old)
            and (text.endswith(SEPARATOR) or not text)
        ):
            moved = SEPARATOR + text[: -len(SEPARATOR)] if text else ""
            return self.place(s0 - len(SEPARATOR), s1 - len(SEPARATOR)), moved
        return None, text


def _joined(tracked: list[_Found]) -> list[_Found]:
    """A deletion running on into the next paragraph is three revisions in Word (the end
    of one paragraph, its paragraph mark, the start of the next): one suggestion here."""
    joined: list[_Found] = []
    for item in tracked:
        last = joined[-1] if joined else None
        if (
            last is not None
            and not last.text
            and (last.chapter, last.author, last.end) == (item.chapter, item.author, item.start)
        ):
            last.end, last.text = item.end, item.text
        else:
            joined.append(item)
    return joined


def _starts(texts: list[str]) -> list[int]:
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + len(SEPARATOR)
    return starts


def _token_starts(tokens: list[str], base: int) -> list[int]:
    starts, at = [], base
    for token in tokens:
        starts.append(at)
        at += len(token)
    starts.append(at)
    return starts


def _offset(paragraph: SentParagraph, local: int, side: str) -> tuple[str, int] | None:
    if paragraph.chapter is None or paragraph.shown is None:
        return None
    return paragraph.chapter, paragraph.shown.source_at(local, side)


def _stamp_of(value: str) -> str:
    """A document date as Studio stores it (UTC to the second), or now."""
    match = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)", value or "")
    return f"{match.group(1)}Z" if match else now_stamp()


# -- into the story's review files ---------------------------------------------------


def _apply(
    project: Project,
    sent: SentCopy,
    found: list[_Found],
    replies: dict[str, list[BackComment]],
    report: ImportReport,
) -> None:
    chapters = {c.file: c for c in project.chapters}
    by_chapter: dict[str, list[_Found]] = {}
    for item in found:
        by_chapter.setdefault(item.chapter, []).append(item)
    for file, items in by_chapter.items():
        chapter = chapters.get(file)
        if chapter is None:
            report.outside += len(items)
            continue
        text = project.read_chapter(chapter)
        sent_text = sent.chapters.get(file, text)
        review = load_review(project, chapter, text)
        changed = False
        for item in sorted(items, key=lambda i: (i.start, i.end)):
            anchor = make_anchor(sent_text, item.start, item.end)
            if sent_text != text:
                anchor = locate(anchor, text)
                report.detached += anchor.detached
            if item.comment is not None:
                changed |= _add_comment(review, anchor, item, replies, report)
            else:
                changed |= _add_suggestion(review, anchor, item, report)
        if changed:
            save_review(project, review)
            report.chapters.append(file)


def _replies(document: BackDocument) -> dict[str, list[BackComment]]:
    """Each thread's replies by the comment id they belong to, oldest first."""
    by_para = {c.para_id: c for c in document.comments.values() if c.para_id}
    threads: dict[str, list[BackComment]] = {}
    for comment in document.comments.values():
        root, seen = comment, set()
        while root.parent and root.parent in by_para and root.parent not in seen:
            seen.add(root.parent)
            root = by_para[root.parent]
        if root is not comment:
            threads.setdefault(root.id, []).append(comment)
    for replies in threads.values():
        replies.sort(key=lambda c: (c.date, c.order))
    return threads


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _add_comment(
    review: ChapterReview,
    anchor: Anchor,
    item: _Found,
    replies: dict[str, list[BackComment]],
    report: ImportReport,
) -> bool:
    assert item.comment is not None
    here = [
        c
        for c in review.comments
        if (c.anchor.start, c.anchor.exact) == (anchor.start, anchor.exact)
    ]
    existing = next((c for c in here if c.author == item.author and _same(c.text, item.text)), None)
    if existing is None and any(
        r.author == item.author and _same(r.text, item.text) for c in here for r in c.replies
    ):
        report.already += 1  # a reply of ours that came back as a comment of its own
        return False
    changed = False
    if existing is None:
        existing = Comment(new_id("c"), anchor, item.author, _stamp_of(item.date), item.text)
        review.comments.append(existing)
        report.comments += 1
        changed = True
    else:
        report.already += 1
    for reply in replies.get(item.comment.id, []):
        if any(r.author == reply.author and _same(r.text, reply.text) for r in existing.replies):
            continue
        existing.replies.append(Reply(reply.author, _stamp_of(reply.date), reply.text))
        report.replies += 1
        changed = True
    if item.comment.done is not None and existing.resolved != item.comment.done:
        existing.resolved = item.comment.done
        changed = True
    return changed


def _add_suggestion(
    review: ChapterReview, anchor: Anchor, item: _Found, report: ImportReport
) -> bool:
    if not anchor.exact and not item.text:
        return False
    if any(
        s.pending
        and (s.author == item.author or not item.tracked)  # a change of ours they accepted
        and (s.anchor.start, s.anchor.exact) == (anchor.start, anchor.exact)
        and s.text == item.text
        for s in review.suggestions
    ):
        report.already += 1
        return False
    review.suggestions.append(
        Suggestion(new_id("s"), anchor, item.author, _stamp_of(item.date), item.text)
    )
    if item.tracked:
        report.tracked += 1
    else:
        report.untracked += 1
    return True
