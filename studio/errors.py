"""The one error type that Studio's core raises for anything a person must fix."""

from __future__ import annotations

from pathlib import Path


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
        text = f"{self.location}: {self.what}" if self.location else self.what
        if self.hint:
            text = f"{text}. {self.hint}"
        return text

    def __str__(self) -> str:
        return self.message
