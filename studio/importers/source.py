"""Reading a fic file: refuse what is not text, find its encoding and line ends.

Strict UTF-8 (with or without a byte order mark) and UTF-16 with a BOM are tried
first because they are exact; anything else is an old single-byte encoding that
charset-normalizer guesses. Line ends are reported, then normalised to LF.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

from studio.errors import StudioError
from studio.storage import read_regular_file

MAX_BYTES = 50 * 1024 * 1024

# Western single-byte encodings that fics are saved in; preferred among the guesses
# charset-normalizer gives, since English text alone cannot tell them from cp1250.
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
# Characters some editors use as line or page breaks; they become LF or a space.
_LINE_BREAKS = {"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded input file: its text with LF line ends, and how it was stored."""

    path: Path
    text: str
    encoding: str
    bom: bool
    line_ends: str  # "LF", "CRLF", "CR", "mixed" or "none"
    guessed: bool = False  # True when the encoding is a guess (not UTF-8/UTF-16)
    notes: list[str] = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing folders, missing files, empty and huge files."""
    if not path.exists():
        raise StudioError("no such file", path=path, hint="Check the file name and try again")
    if path.is_dir():
        raise StudioError(
            "is a folder, not a fic file",
            path=path,
            hint="Give the fic's text, HTML or EPUB file (or each chapter file in order)",
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise StudioError(
                f"is {size / 1024 / 1024:.1f} MB; Studio imports files of up to 50 MB",
                path=path,
                hint="A fic is rarely over a few MB: check this is the right file",
            )
        data = read_regular_file(path, limit=MAX_BYTES)  # no FIFO, device or endless file
    except PermissionError:
        raise StudioError(
            "Studio may not read this file", path=path, hint="Check its permissions"
        ) from None
    except OSError as exc:
        raise StudioError(f"could not be read ({exc.strerror or exc})", path=path) from None
    if not data.strip():
        raise StudioError(
            "is empty", path=path, hint="Check that the fic was saved before importing it"
        )
    return data


def decode(path: Path, data: bytes) -> Source:
    """Decode `data`, refusing binary files; the text comes back with LF line ends."""
    text, encoding, bom, guessed = _decode(path, data)
    line_ends = _line_ends(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    notes: list[str] = []
    controls = len(_CONTROL.findall(text))
    if controls:
        # Never silently glue two words together: a stray control character becomes a space.
        text = _CONTROL.sub(" ", text)
        notes.append(f"{controls} control character(s) replaced by spaces")
    if not text.strip():
        raise StudioError("has no text in it", path=path, hint="Check this is the right file")
    return Source(path, text, encoding, bom, line_ends, guessed, notes)


def read_source(path: Path) -> Source:
    return decode(path, read_bytes(path))


def _decode(path: Path, data: bytes) -> tuple[str, str, bool, bool]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), "utf-8", True, False
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text = _strict(path, data[2:], name)
            _refuse_binary(path, text)
            return text, "utf-16", True, False
    if b"\x00" in data:
        raise _binary(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary(path, text)
        return text, "utf-8", False, False
    encoding = _guess(path, data)
    text = data.decode(encoding)
    _refuse_binary(path, text)
    return text, _display_name(encoding, data), False, True


def _strict(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StudioError(
            f"starts with a {encoding.upper()} byte order mark but is not {encoding.upper()}",
            path=path,
            line=line,
            hint="Re-save it as UTF-8 and import it again",
        ) from None


def _guess(path: Path, data: bytes) -> str:
    matches = charset_normalizer.from_bytes(data)
    names = [m.encoding for m in matches]
    for western in _WESTERN:
        if western in names:
            return _cp1252_or_latin1(western, data)
    best = matches.best()
    if best is None:
        raise _binary(path)
    if _plausibly_western(data):
        # On a short text charset-normalizer can prefer a Baltic or DOS code page; when
        # the Windows encoding gives ordinary accented letters and curly quotes, it is that.
        return "cp1252"
    return best.encoding


def _cp1252_or_latin1(name: str, data: bytes) -> str:
    if name in ("cp1252", "latin_1") and _decodes(data, "cp1252"):
        return "cp1252"
    return name


def _display_name(encoding: str, data: bytes) -> str:
    """windows-1252 when the file uses its extra characters, else iso-8859-1 (the same here)."""
    if encoding == "cp1252":
        uses_extras = any(0x80 <= b <= 0x9F for b in data)
        return "windows-1252" if uses_extras else "iso-8859-1"
    return codecs.lookup(encoding).name


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


_WESTERN_EXTRAS = set("“”‘’—–…•«»¡¿°£€©®™ ´¨·")


def _plausibly_western(data: bytes) -> bool:
    """True when nearly every non-ASCII character cp1252 gives is a letter or a quote mark."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    extra = [c for c in text if ord(c) >= 0x80]
    usual = sum(1 for c in extra if c in _WESTERN_EXTRAS or (c.isalpha() and ord(c) <= 0xFF))
    return bool(extra) and usual >= 0.9 * len(extra)


def _refuse_binary(path: Path, text: str) -> None:
    """Text files have almost no control characters; binary files are full of them."""
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise _binary(path)


def _binary(path: Path) -> StudioError:
    return StudioError(
        "is not a text file (it looks like binary data)",
        path=path,
        hint="Import the fic as a .txt, .html or .epub file",
    )


def _line_ends(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"
