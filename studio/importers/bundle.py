"""Importing a Studio project bundle (.zip): the hook for the export issue's format.

The bundle format is being written by the export helper. Once it lands, this
module unpacks it (checking every path stays inside the project, as
studio.story.paths does), loads it with Project.load and returns its plan.
Until then a bundle is refused with a clear message rather than guessed at.
"""

from __future__ import annotations

from pathlib import Path

from studio.errors import StudioError
from studio.importers.plan import ImportPlan


def plan_bundle(path: Path, data: bytes) -> ImportPlan:
    """Refused for now: see the module's docstring."""
    del data
    raise StudioError(
        "is a .zip file; importing Studio project bundles is not supported yet",
        path=path,
        hint="Unzip it and open the folder with `studio PATH`, or import the fic's text file",
    )
