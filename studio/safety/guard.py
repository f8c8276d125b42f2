"""The save path: journal first, then write atomically, then forget the journal entry.

Whatever happens (disk full, permission denied, a read-only folder, the process killed
in the middle) the author's text is in one of three places: the file, the journal, or
the editor that still shows it. A failed write raises StudioError and leaves the text
journaled; nothing is ever half-written because every write is atomic.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from studio.errors import StudioError
from studio.safety.journal import Journal
from studio.safety.ledger import ContentLedger


@dataclass
class SafeSaver:
    """The one save path (the window's StorySession writes through it).

    `journal` may be None where another part journals unsaved text on its own timer
    (the window's safety controller does, from its writer thread).
    """

    journal: Journal | None
    ledger: ContentLedger

    def save(self, file: str, text: str, base: str | None, write: Callable[[], None]) -> None:
        """Save `text` of `file` with `write()`; on failure the journal keeps the text.

        `base` is what the file held when it was loaded or last saved. If even the
        journal cannot be written (the disk is full), the write is still tried: it may
        succeed where the bigger journal entry did not.
        """
        if self.journal is not None:
            with contextlib.suppress(StudioError):
                self.journal.record(file, text, base)
        write()
        self.ledger.remember(file, text)
        if self.journal is not None:
            with contextlib.suppress(StudioError):
                self.journal.discard(file)
