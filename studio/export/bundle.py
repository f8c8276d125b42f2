"""The story bundle: the project folder as a .zip to send to an editor, and back.

A bundle holds the story only, under one folder named like the project: story.toml,
dictionary.txt and the files in chapters/. Nothing hidden goes in: not `.studio/`
(backups, the recovery journal, the lock), not `.git/` (the history would leak deleted
drafts, and a hostile `.git/config` can run code on the receiver's next `git status`),
no other dot-file or dot-folder. The same project gives the same bytes (sorted
entries, fixed dates and permissions), so sending it twice sends the same file.

Opening a bundle is importing it (`studio import X.zip DEST`, which calls
`extract_bundle`): Studio opens folders only, so the editor's copy is a real folder.
`extract_bundle` trusts nothing in the zip: entries that would land outside the
target (`..`, absolute paths, drive letters), links, devices and oversized archives
are refused before anything is written, entries that are not the story (hidden
files and folders such as `.git/`, anything outside story.toml, dictionary.txt and
chapters/) are left out and named by `left_out_of_bundle`, and it never writes into a
folder that already holds files.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from studio.errors import StudioError
from studio.export.parts import project_slug
from studio.storage import atomic_write_bytes
from studio.story import paths
from studio.story.project import Project

STATE_DIR = ".studio"
_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build time in it
_FILE_MODE = (stat.S_IFREG | 0o644) << 16
MAX_TOTAL_BYTES = 1 << 30  # a story is megabytes; a gigabyte is a zip bomb
MAX_ENTRIES = 100_000


def is_story_file(relative: PurePosixPath) -> bool:
    """Whether a path inside the project belongs in a bundle (both ways).

    The story is story.toml, dictionary.txt and what is in chapters/; a hidden part
    anywhere in the path (`.git`, `.studio`, `.DS_Store`, an editor's `.swp`) is never
    the story.
    """
    parts = relative.parts
    if not parts or any(part.startswith(".") for part in parts):
        return False
    if len(parts) == 1:
        return parts[0] in (paths.STORY_FILE, paths.WORD_LIST_FILE)
    return parts[0] == paths.CHAPTERS_DIR


def export_bundle(project: Project, out: Path) -> list[Path]:
    """Write the project's story files as a zip at `out`."""
    root = project.root
    prefix = root.name or project_slug(project)
    skip = out.resolve()
    files = sorted(
        (
            p
            for p in _walk(root)
            if p.resolve() != skip and is_story_file(PurePosixPath(p.relative_to(root).as_posix()))
        ),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    atomic_write_bytes(out, _zip_bytes(root, prefix, files))
    return [out]


def _walk(root: Path) -> list[Path]:
    """Regular files under root, not in hidden folders; links are skipped (they could
    point anywhere on the author's disk, and an editor's machine would not have them)."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        found += [here / n for n in names if (here / n).is_file() and not (here / n).is_symlink()]
    return found


def _zip_bytes(root: Path, prefix: str, files: list[Path]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            name = f"{prefix}/{path.relative_to(root).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _FILE_MODE
            info.create_system = 3  # Unix, so the permissions above are read
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise StudioError(f"could not read ({exc.strerror})", path=path) from exc
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def extract_bundle(bundle: Path, dest: Path, *, max_bytes: int = MAX_TOTAL_BYTES) -> Path:
    """Unpack a bundle into `dest` (missing or empty) and return the project folder.

    A bundle that unpacks to more than `max_bytes` is refused. Everything is checked
    first, then unpacked into a temporary folder beside `dest` and moved into place, so
    a refused or broken bundle leaves nothing behind.
    """
    bundle, dest = Path(bundle), Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise StudioError(
            "is not empty; a bundle is only unpacked into a new or empty folder",
            path=dest,
            hint="Choose a new folder, so nothing already there is overwritten",
        )
    try:
        archive = zipfile.ZipFile(bundle)
    except FileNotFoundError:
        raise StudioError("no such file", path=bundle) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise StudioError(f"is not a zip file ({exc})", path=bundle) from None
    with archive:
        members, _left_out = _checked_members(archive, bundle, max_bytes)
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
        try:
            _unpack(archive, members, staging, bundle, max_bytes)
            Project.load(staging)  # a broken story is refused now, not on opening
            if dest.exists():
                dest.rmdir()
            staging.rename(dest)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise StudioError(f"could not unpack ({exc})", path=bundle) from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return dest


def _unpack(
    archive: zipfile.ZipFile,
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]],
    staging: Path,
    bundle: Path,
    max_bytes: int,
) -> None:
    """Write the checked members, counting real bytes: a zip can lie about its sizes.

    CPython's zipfile already stops each member at its declared size and then fails the
    CRC check (BadZipFile, reported by the caller); the count is a second line in case a
    reader ever trusts the data over the header.
    """
    total = 0
    for info, relative in members:
        target = staging.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, open(target, "wb") as sink:
            while chunk := source.read(1 << 16):
                total += len(chunk)
                if total > max_bytes:
                    raise _too_big(bundle, max_bytes)
                sink.write(chunk)


def _too_big(bundle: Path, max_bytes: int) -> StudioError:
    size = f"{max_bytes / (1 << 30):g} GB" if max_bytes >= 1 << 30 else f"{max_bytes:,} bytes"
    return StudioError(f"unpacks to more than {size}; that is not a story bundle", path=bundle)


def left_out_of_bundle(bundle: Path) -> list[str]:
    """What `extract_bundle` leaves out of `bundle` because it is not the story.

    One name per hidden folder (`.git/`) or other entry, sorted, so the import can say
    what it dropped. An unreadable bundle gives [] (extracting it says why).
    """
    try:
        with zipfile.ZipFile(bundle) as archive:
            return _checked_members(archive, Path(bundle), MAX_TOTAL_BYTES)[1]
    except (zipfile.BadZipFile, OSError, StudioError):
        return []


def _checked_members(
    archive: zipfile.ZipFile, bundle: Path, max_bytes: int
) -> tuple[list[tuple[zipfile.ZipInfo, PurePosixPath]], list[str]]:
    """The files to unpack with their paths inside the project, and the names of what
    is left out because it is not the story; or StudioError."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise StudioError(f"has {len(infos):,} entries; a story bundle has far fewer", path=bundle)
    if sum(i.file_size for i in infos) > max_bytes:
        raise _too_big(bundle, max_bytes)
    checked: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    for info in infos:
        path = _safe_path(info, bundle)
        if path is not None and not info.is_dir():
            checked.append((info, path))
    prefix = _common_folder([p for _, p in checked])
    if prefix is not None:
        checked = [(i, PurePosixPath(*p.parts[1:])) for i, p in checked]
    left_out = sorted({_left_out_name(p) for _, p in checked if not is_story_file(p)})
    checked = [(i, p) for i, p in checked if is_story_file(p)]
    if not any(p == PurePosixPath(paths.STORY_FILE) for _, p in checked):
        raise StudioError(
            "is not a Studio story bundle: there is no story.toml in it",
            path=bundle,
            hint="Make bundles with `studio export PATH --format bundle`",
        )
    seen: set[str] = set()
    for _, path in checked:
        key = path.as_posix().casefold()
        if key in seen:
            raise StudioError(f"holds {path} twice", path=bundle)
        seen.add(key)
    return checked, left_out


def _left_out_name(path: PurePosixPath) -> str:
    """`.git/` for everything in a hidden folder, else the entry's own path."""
    for depth, part in enumerate(path.parts[:-1]):
        if part.startswith("."):
            return PurePosixPath(*path.parts[: depth + 1]).as_posix() + "/"
    return path.as_posix()


def _safe_path(info: zipfile.ZipInfo, bundle: Path) -> PurePosixPath | None:
    name = info.filename.replace("\\", "/")
    mode = info.external_attr >> 16
    file_type = stat.S_IFMT(mode)
    if file_type == stat.S_IFLNK:
        raise StudioError(f"holds a link ({info.filename}); bundles hold only files", path=bundle)
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise StudioError(f"holds a special file ({info.filename})", path=bundle)
    if info.flag_bits & 0x1:
        raise StudioError(f"{info.filename} is encrypted; bundles are not", path=bundle)
    path = PurePosixPath(name)
    if (
        name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
        or ".." in path.parts
        or "\0" in name
    ):
        raise StudioError(
            f"has an entry that would land outside the story folder ({info.filename})",
            path=bundle,
            hint="Do not open it; ask the sender for a bundle made by Studio",
        )
    parts = [p for p in path.parts if p not in ("", ".")]
    return PurePosixPath(*parts) if parts else None


def _common_folder(files: list[PurePosixPath]) -> str | None:
    """The one top folder every entry sits in (bundles made by Studio have one)."""
    if not files or any(len(p.parts) < 2 for p in files):
        return None
    tops = {p.parts[0] for p in files}
    return tops.pop() if len(tops) == 1 else None
