"""Projects for the export tests: the sample story copied, and a hostile one."""

from __future__ import annotations

import shutil
from pathlib import Path

from studio.resources import sample_project
from studio.story import Project, create_project

SAMPLE = Path(__file__).resolve().parent.parent / "projects" / "salt-and-static"

HOSTILE_TITLE = '<script>alert("t")</script> & Sons\x07'
CONTROL = "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\ufffe"
LONG_LINE = "word&<i>x</i> " * 20_000  # 280,000 characters on one line
HOSTILE_CHAPTER = f"""Before <script>alert(1)</script> & &amp; after{CONTROL}.

A paragraph with *real italics*, **bold**, a [bad link](javascript:alert(1)) and <b>raw</b>.

{LONG_LINE}

::: {{.lyrics song="evil"}}
<img src=x onerror=alert(1)> sings & shouts{CONTROL}
]]> --> <!-- line two
:::

# A heading & <em>more</em>

- a list <item>
> a quote & <q>

```
code <tag> & stuff
```

<div onclick="x()">raw html block</div>

* * *

1. not a list? & @cite $math$ ~sub~ ^sup^ [brackets]{{.x}}
"""


def copy_sample(tmp_path: Path) -> Project:
    """A writable copy of the sample story."""
    root = tmp_path / "salt-and-static"
    shutil.copytree(SAMPLE if SAMPLE.is_dir() else sample_project(), root)
    return Project.load(root)


def hostile_project(tmp_path: Path) -> Project:
    """A story whose every field and chapter holds markup, `&`, controls, long lines."""
    project = create_project(tmp_path / "hostile", title="placeholder", author="<b>me</b>")
    work = project.work
    work.title = HOSTILE_TITLE
    work.rating = "Teen And Up Audiences"
    work.fandoms = ["Fandom & <Co>"]
    work.tags = ["<script>", "a & b"]
    work.summary = f"Summary <script>x</script> & more{CONTROL}"
    work.notes = "Notes with <!-- comment --> and & and ]]>"
    work.end_notes = "End <style>body{}</style>"
    work.disclaimer = "Disclaimer & <u>"
    chapter = project.chapters[0]
    chapter.table["title"] = "Chapter <one> & \x1b"
    chapter.table["notes"] = "Chapter note <b>"
    project.doc["songs"] = {"evil": {"title": "<Song> & \x07", "artist": "<Artist>"}}
    project.save()
    project.write_chapter(project.chapters[0], HOSTILE_CHAPTER)
    return Project.load(project.root)
