"""Studio as the soak benchmark starts it: `python -m benchmarks.soak_studio STORY LOG`.

The real application (`studio.ui.app.run`, every feature installed), with the
`studio.safety` log (outside changes reloaded, conflicts raised, text restored from
the journal) appended to LOG, one line each, so the soak can count what happened
across every Studio it starts and kills.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path


def main() -> int:
    story, log = Path(sys.argv[1]), Path(sys.argv[2])
    logging.basicConfig(
        filename=log, level=logging.INFO, format="%(created).3f %(process)d %(name)s %(message)s"
    )
    from studio.ui.app import run

    return run(story)


if __name__ == "__main__":
    sys.exit(main())
