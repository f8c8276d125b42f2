"""The one error type that Studio's core raises for anything a person must fix."""

from __future__ import annotations

import re
from pathlib import Path

# Characters that must never reach a terminal or a log as they are: C0 and C1 controls
# (ESC starts the sequences that recolour, retitle or rewrite a terminal; NUL cuts C
# strings) except tab and newline, DEL, and the bidirectional overrides that make text
# read differently from what it is.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (ESC → \\x1b).

    For everything Studio prints that came from a file: a story's text or a file name
    may hold any character, and a terminal obeys the ones it understands.
    """
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class StudioError(Exception):
    """A problem with the author's files or input, told so a person can act on it.

    The message names the file (and line, where there is one), says what is wrong,
    and says what to do. The command line prints it as one line; the window shows it.
    """

    def __init__(
        self,
        what: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.what = what
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.message)

    @property
    def location(self) -> str:
        """`file:line`, `file`, or an empty string."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    @property
    def message(self) -> str:
        """One line for a person; control characters from files are shown escaped."""
        text = f"{self.location}: {self.what}" if self.location else self.what
        if self.hint:
            text = f"{text}. {self.hint}"
        return printable(text)

    def __str__(self) -> str:
        return self.message
