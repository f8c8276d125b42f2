"""A chapter file's form: its BOM and each line's own ending, kept across edits.

An editor works on text whose lines end in "\\n". A file on disk may begin with a BOM
and end its lines in "\\r\\n", "\\n", a lone "\\r", U+2028 or U+2029, even mixed in one
file (pasted from elsewhere, edited on two systems). Saving an unrelated edit must
not rewrite any of that: the author did not touch it, and a diff, a sync tool or a
beta's copy would show every line changed.

`decode_text` turns a file's bytes into editor text plus a `FileForm` recording the
BOM and every line's ending; `encode_text` turns edited text back into bytes, giving
each line the ending it had (matched by content, so lines inserted or deleted above
keep the rest in place) and new lines the file's most common ending.
`encode_text(*decode_text(data))` gives `data` back for any UTF-8 file.

The line ending at the very end of a file is not an editor line: the editor shows
"a\\nb\\n" as two lines, as every text editor does, and the form keeps that ending
apart (`final_end`). A saved chapter ends with a line ending once the author has
touched its last line; a file that never had one keeps it that way until she does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from studio.errors import StudioError

BOM = "\ufeff"
_LINE_END = re.compile("\r\n|\r|\n|\u2028|\u2029")
# Beyond this many changed lines in one save the line-by-line match is skipped (it is
# quadratic); lines then keep their ending by position, which is still exact for
# lines edited in place.
_MATCH_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class FileForm:
    """How a file wrote its text: the BOM, and each editor line with its ending."""

    bom: bool
    lines: tuple[str, ...]  # the text of each line, as the editor has it
    ends: tuple[str, ...]  # each line's ending on disk; the last line's is always ""
    final_end: str = ""  # the ending after the last line ("" when the file has none)

    @property
    def usual_end(self) -> str:
        """The ending a new line gets: the file's most common one, else "\\n"."""
        counts = Counter(end for end in (*self.ends, self.final_end) if end)
        return counts.most_common(1)[0][0] if counts else "\n"


def decode_text(data: bytes, path: Path | None = None) -> tuple[str, FileForm]:
    """Editor text (every line ending "\\n", no BOM) and the form to write it back in."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StudioError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            path=path,
            line=line,
            hint="Re-save it as UTF-8, or bring it in with `studio import`",
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    lines, ends = _split(text)
    final_end = ""
    if len(lines) > 1 and lines[-1] == "":
        # the file ends in a line ending: that is the last line's end, not a new line
        lines.pop()
        ends.pop()
        final_end, ends[-1] = ends[-1], ""
    return "\n".join(lines), FileForm(bom, tuple(lines), tuple(ends), final_end)


def encode_text(text: str, form: FileForm) -> tuple[bytes, FileForm]:
    """The bytes to write for editor `text`, and the form of what was written.

    Unchanged lines keep their ending; a line edited in place keeps the ending of the
    line it replaced; inserted lines take the file's usual ending. The file ends as it
    did while its last line is unchanged; once the author changes the last line, the
    file ends with a line ending (empty text stays an empty file).
    """
    lines = text.split("\n")
    ends = _ends_for(lines, form)
    final_end = form.final_end
    if not final_end and text and lines[-1] != form.lines[-1]:
        final_end = form.usual_end  # the author touched the last line: end it properly
    if not final_end and len(lines) > 1 and lines[-1] == "":
        final_end = form.usual_end  # else the empty last line would read back as the end
    ends[-1] = final_end
    _keep_lone_cr_apart(lines, ends)
    final_end, ends[-1] = ends[-1], ""
    body = "".join(line + end for line, end in zip(lines, ends, strict=True)) + final_end
    data = ((BOM if form.bom else "") + body).encode("utf-8")
    return data, FileForm(form.bom, tuple(lines), tuple(ends), final_end)


def _split(text: str) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    ends: list[str] = []
    start = 0
    for match in _LINE_END.finditer(text):
        lines.append(text[start : match.start()])
        ends.append(match.group())
        start = match.end()
    lines.append(text[start:])
    ends.append("")
    return lines, ends


def _ends_for(lines: list[str], form: FileForm) -> list[str]:
    old_lines, old_ends = form.lines, form.ends
    usual = form.usual_end
    # The common head and tail are untouched; only the middle needs matching.
    head = 0
    limit = min(len(lines), len(old_lines))
    while head < limit and lines[head] == old_lines[head]:
        head += 1
    tail = 0
    while (
        tail < limit - head and lines[len(lines) - 1 - tail] == old_lines[len(old_lines) - 1 - tail]
    ):
        tail += 1
    new_mid = lines[head : len(lines) - tail]
    old_mid = old_lines[head : len(old_lines) - tail]
    old_mid_ends = old_ends[head : len(old_ends) - tail]
    mid = _match_ends(new_mid, old_mid, old_mid_ends, usual)
    ends = [*old_ends[:head], *mid, *old_ends[len(old_ends) - tail :]]
    # Every line but the last needs an ending; the last never has one (a file that
    # ends in a line ending has an empty last line in the editor).
    for i in range(len(ends) - 1):
        if not ends[i]:
            ends[i] = usual
    ends[-1] = ""
    return ends


def _keep_lone_cr_apart(lines: list[str], ends: list[str]) -> None:
    """A lone CR before an empty line that ends in LF would read back as one CRLF (a
    line lost on the next open). An unchanged file never has that, but an inserted or
    edited line can: it takes CRLF there instead. `ends[-1]` is the file's final end."""
    for i in range(len(ends) - 1):
        if ends[i] == "\r" and lines[i + 1] == "" and ends[i + 1] == "\n":
            ends[i] = "\r\n"


def _match_ends(
    new: list[str], old: tuple[str, ...], old_ends: tuple[str, ...], usual: str
) -> list[str]:
    """Endings for the changed middle: equal lines keep theirs, replaced lines take
    those of the lines they replace (in order), inserted lines the usual one."""
    if not new:
        return []
    if len(new) * len(old) > _MATCH_LIMIT * _MATCH_LIMIT // 4 or not old:
        return [old_ends[i] if i < len(old_ends) else usual for i in range(len(new))]
    ends: list[str] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ends += old_ends[i1:i2]
        elif tag == "insert":
            ends += [usual] * (j2 - j1)
        elif tag == "replace":
            ends += [old_ends[i1 + k] if i1 + k < i2 else usual for k in range(j2 - j1)]
    return ends
