"""Shared by the export tests: the Archive's allowlist in nh3, epubcheck, a hostile story."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nh3
import tomlkit

from studio.export.ao3 import (
    ALLOWED_TAGS,
    GLOBAL_ATTRIBUTES,
    LINK_ATTRIBUTES,
    LINK_SCHEMES,
    TEXT_ATTRIBUTES,
)

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")

HOSTILE_TITLE = '<script>alert("t")</script> Salt & Static \x07'
HOSTILE_TEXT = (
    "<script>alert('x')</script> and a & b &amp; c &copy; <b>not bold</b>\n"
    "\n"
    "Bell\x07 escape\x1b nul\x00 next-line\x85 and a no\u00a0break space.\n"
    "\n"
    '<div onclick="evil()">raw html block</div>\n'
    "\n"
    "An image ![x](javascript:alert(1)) and [a link](javascript:alert(2)) and "
    "[a real one](https://example.org/?a=1&b=2).\n"
    "\n" + "> " * 40 + "deep quote\n"
    "\n"
    "**bold** and *italic* and ***both*** and `code <x>`\n"
    "\n"
    '::: {.lyrics song="no-such-song"}\n'
    "A line with <tags> & ampersands\n"
    ":::\n"
    "\n"
    "* * *\n"
    "\n" + "A very long line without breaks " * 6000 + "\n"
)


def clean_with_archive_allowlist(html: str, *, text: bool = True) -> str:
    """What the Archive's sanitizer keeps, as nh3 configured to exactly its allowlist."""
    attributes = TEXT_ATTRIBUTES if text else GLOBAL_ATTRIBUTES
    return str(
        nh3.clean(
            html,
            tags=set(ALLOWED_TAGS),
            attributes={"*": set(attributes), "a": set(attributes) | LINK_ATTRIBUTES},
            url_schemes=set(LINK_SCHEMES),
            link_rel=None,  # the Archive adds rel="nofollow"; we compare what we wrote
        )
    )


def as_html5ever_writes(html: str) -> str:
    """Our output as nh3's serializer spells it: void elements as <br> and <hr>.

    That is the only difference allowed between our HTML and the sanitized HTML.
    """
    return html.replace("<br />", "<br>").replace("<hr />", "<hr>")


def epubcheck(*paths: Path) -> list[str]:
    """epubcheck's report on each book, the runs side by side (each is a JVM start)."""
    runs = [
        subprocess.Popen(
            ["java", "-jar", str(EPUBCHECK_JAR), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for path in paths
    ]
    return [run.communicate(timeout=180)[0] for run in runs]


def make_hostile(project_dir: Path) -> None:
    """Fill a copy of the sample with markup, control characters and very long lines."""
    story = project_dir / "story.toml"
    doc = tomlkit.parse(story.read_text(encoding="utf-8"))
    work = doc["work"]
    work["title"] = HOSTILE_TITLE
    work["authors"] = ["<i>me</i> & \x01you"]
    work["summary"] = "A <script>summary</script> & more\x0b."
    work["notes"] = "Notes with <style>body{}</style> & *emphasis*."
    work["tags"] = ["Tag & <b>Tag</b>", "Control\x02 tag"]
    work["language"] = 'en" onload="x'
    doc["chapters"][0]["title"] = "<h1>Chapter</h1> & \x1f"
    doc["chapters"][0]["notes"] = "<iframe src=x></iframe> note"
    story.write_text(tomlkit.dumps(doc), encoding="utf-8")
    (project_dir / "chapters" / "01-the-signal.md").write_text(HOSTILE_TEXT, encoding="utf-8")


def elements(html: str) -> tuple[set[str], set[str]]:
    """The tag names and attribute names that an HTML parser finds in `html`."""
    from html.parser import HTMLParser

    tags: set[str] = set()
    attributes: set[str] = set()

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.add(tag)
            attributes.update(name for name, _ in attrs)

    parser = Collector()
    parser.feed(html)
    parser.close()
    return tags, attributes
