"""The review DOCX rendered to PDF by the real LibreOffice carries every comment and
reply. LibreOffice 7.5 and later print them in the page margin (`ExportNotesInMargin`),
where pdftotext reads them; 7.4, Debian 12's, has no such option and keeps them as PDF
notes at their words (`ExportNotes`), read here from the notes themselves."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from studio.cli import main
from studio.review import load_review
from studio.story import Project
from tests.review.review_support import add_review

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_tools = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) or pdftotext is not installed:"
    " apt install libreoffice-writer-nogui poppler-utils",
)
NOTE = re.compile(rb"/Subtype\s*/Text\b.*?/Contents\s*<([0-9A-Fa-f\s]+)>", re.DOTALL)


def lo_version() -> tuple[int, int]:
    assert SOFFICE is not None
    out = subprocess.run(
        [SOFFICE, "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    found = re.search(r"LibreOffice (\d+)\.(\d+)", out.stdout)
    assert found, out.stdout
    return int(found[1]), int(found[2])


def in_margin_supported() -> bool:
    return lo_version() >= (7, 5)


def to_pdf(docx: Path, out_dir: Path, profile: Path) -> Path:
    """The PDF as LibreOffice makes it, comments in the margin where it can."""
    assert SOFFICE is not None
    options = {"ExportNotes": {"type": "boolean", "value": "true"}}
    if in_margin_supported():
        options["ExportNotesInMargin"] = {"type": "boolean", "value": "true"}
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         f"pdf:writer_pdf_Export:{json.dumps(options)}", "--outdir", str(out_dir), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = out_dir / f"{docx.stem}.pdf"
    assert pdf.is_file()
    return pdf


def notes_of(pdf: Path) -> list[str]:
    """The texts of the PDF's note annotations (LibreOffice writes them as UTF-16)."""
    found = []
    for match in NOTE.finditer(pdf.read_bytes()):
        raw = bytes.fromhex(re.sub(rb"\s", b"", match[1]).decode("ascii"))
        found.append(raw.decode("utf-16"))
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


@needs_tools
@pytest.mark.slow
def test_libreoffice_renders_every_comment_into_the_pdf(sample_copy: Path, tmp_path: Path) -> None:
    reviews = add_review(sample_copy)
    project = Project.load(sample_copy)
    expected = set()
    for file in reviews:
        for comment in load_review(project, file).comments:
            expected.add(comment.text)
            expected.update(reply.text for reply in comment.replies)
    assert expected
    docx = tmp_path / "review.docx"
    assert main(["export", str(sample_copy), "--format", "docx", "--review", "-o", str(docx)]) == 0
    pdf = to_pdf(docx, tmp_path / "pdf", tmp_path / "lo-profile")
    assert PDFTOTEXT is not None
    shown = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "ninety years" in shown  # the text itself is there
    if in_margin_supported():
        missing = {t for t in expected if flat(t) not in flat(shown)}
        assert not missing, f"comments not printed in the margin: {missing}"
    else:
        assert set(notes_of(pdf)) >= expected
