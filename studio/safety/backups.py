"""Zip snapshots of a project under `.studio/backups/`, the last N kept, restorable.

A backup holds every file of the project except Studio's own state (`.studio/`) and
a git repository's `.git/` (which is its own history). The zip is built in a temporary
file and renamed into place, so a backup is either whole or absent. Restoring goes into
a new folder and refuses any entry that would land outside it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from studio.errors import StudioError
from studio.safety.state import backups_dir
from studio.story.paths import STATE_DIR

DEFAULT_KEEP = 10
SKIPPED_DIRS = frozenset({STATE_DIR, ".git"})
_NAME = re.compile(r"^(\d{8}T\d{6}\d{6}Z)-([a-z0-9-]+)\.zip$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime
    reason: str
    size: int

    @property
    def files(self) -> list[str]:
        with zipfile.ZipFile(self.path) as archive:
            return [info.filename for info in archive.infolist() if not info.is_dir()]


def create_backup(
    root: Path,
    *,
    reason: str = "manual",
    keep: int = DEFAULT_KEEP,
    replacing: Mapping[str, str] | None = None,
) -> Backup:
    """Snapshot `root` into a new zip and keep only the newest `keep` backups.

    `replacing` (project file → text) puts that text in the backup instead of the file's
    on disk: the version another program just wrote over (the reload keeps hers).
    """
    replacing = dict(replacing or {})
    folder = backups_dir(root)
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    created = datetime.now(UTC)
    target = folder / f"{created.strftime(_STAMP)}-{reason}.zip"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".backup.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _error("could not make a backup", folder, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for path in _project_files(root):
                    name = path.relative_to(root).as_posix()
                    if name in replacing:
                        archive.writestr(name, replacing.pop(name).encode("utf-8"))
                    else:
                        archive.write(path, name)
                for name, text in sorted(replacing.items()):  # gone from disk meanwhile
                    archive.writestr(name, text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _error("could not make a backup", target, exc) from exc
    prune_backups(root, keep)
    return Backup(target, created, reason, target.stat().st_size)


def list_backups(root: Path) -> list[Backup]:
    """Backups of `root`, newest first."""
    folder = backups_dir(root)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        found.append(Backup(path, created, match.group(2), path.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def prune_backups(root: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups (at least one is always kept)."""
    removed = []
    for backup in list_backups(root)[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def restore_backup(backup: Path, dest: Path) -> Path:
    """Unpack `backup` into the new folder `dest` (which must not exist yet, or be empty).

    Every entry is checked before anything is written: an absolute path, `..`, a drive
    letter or a link is refused, so nothing can land outside `dest`. The files are
    unpacked into a temporary folder beside `dest` and renamed into place at the end.
    """
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise StudioError(
            "is not empty", path=dest, hint="Restore a backup into a new, empty folder"
        )
    try:
        archive = zipfile.ZipFile(backup)
    except (OSError, zipfile.BadZipFile) as exc:
        raise StudioError(
            f"is not a readable backup ({exc})", path=backup, hint="Choose another backup"
        ) from exc
    with archive:
        members = archive.infolist()
        for info in members:
            _check_member(info, backup)
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
        try:
            for info in members:
                target = staging.joinpath(*PurePosixPath(info.filename).parts)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, target.open("wb") as out:
                    shutil.copyfileobj(source, out)
            if dest.exists():
                dest.rmdir()
            staging.rename(dest)
        except (OSError, zipfile.BadZipFile) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError):
                raise _error("could not restore the backup", dest, exc) from exc
            raise StudioError(f"backup is damaged ({exc})", path=backup) from exc
    return dest


def _check_member(info: zipfile.ZipInfo, backup: Path) -> None:
    name = info.filename
    pure = PurePosixPath(name)
    unsafe = (
        not name
        or "\\" in name
        or "\x00" in name
        or pure.is_absolute()
        or ".." in pure.parts
        or re.match(r"^[A-Za-z]:", name) is not None
        or _is_link(info)
    )
    if unsafe:
        raise StudioError(
            f"backup entry `{name}` would land outside the restore folder",
            path=backup,
            hint="This zip was not made by Studio; nothing was restored",
        )


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return (mode & 0o170000) == 0o120000


def _project_files(root: Path) -> list[Path]:
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not (Path(folder) == root and d in SKIPPED_DIRS))
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                files.append(path)
    return files


def _error(what: str, path: Path, exc: OSError) -> StudioError:
    hints = {
        28: "Free some space on that disk",
        13: "Check that you may write to this folder",
        30: "The disk is read-only; choose another place",
    }
    return StudioError(
        f"{what} ({exc.strerror or exc})",
        path=path,
        hint=hints.get(exc.errno or 0, "Try again"),
    )


def last_backed_up(root: Path, file: str, *, limit: int = 256 << 20) -> bytes | None:
    """`file`'s bytes in the newest backup of `root` that holds it (None: in none):
    what a chapter held before it was renamed or moved while no Studio watched."""
    for backup in list_backups(root):
        try:
            with zipfile.ZipFile(backup.path) as archive:
                info = archive.getinfo(file)
                if info.file_size > limit:
                    continue
                return archive.read(info)
        except KeyError:
            continue
        except (OSError, zipfile.BadZipFile):
            continue
    return None
