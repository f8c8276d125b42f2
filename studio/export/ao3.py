"""HTML for the Archive of Our Own's posting form, inside the Archive's own allowlist.

The Archive sanitizes what is pasted into its HTML editor; anything outside its
allowlist is silently dropped. We write only what it keeps: `p`, `em`, `strong`,
`br`, `hr`, `blockquote`, `h3`-`h6`, `ul`/`ol`/`li`, `pre`/`code`, `div`, and `class`
only on blocks of the text and notes, and `<a href>` for http, https, mailto and
relative links (the Archive adds `rel="nofollow"` itself). No `style`, so the
allowlist in `ALLOWED_TAGS`/`ALLOWED_ATTRIBUTES` leaves our output exactly as it is:
the tests clean it with nh3 and compare.
"""

from __future__ import annotations

from studio.export.render_html import HtmlRenderer
from studio.lyrics.credit import credit_placement
from studio.story.blocks import Block
from studio.story.project import Project

_TAG_NAMES = (
    "a abbr acronym address b big blockquote br caption center cite code col colgroup dd del "
    "details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre "
    "q rp rt ruby s samp small span strike strong sub summary sup table tbody td tfoot th thead "
    "tr tt u ul var"
)
ALLOWED_TAGS: frozenset[str] = frozenset(_TAG_NAMES.split())
GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({"align", "dir", "lang", "title"})
# `class` is kept in the work's text and notes (not in summaries or titles).
TEXT_ATTRIBUTES: frozenset[str] = GLOBAL_ATTRIBUTES | {"class"}
# Links: `href` on `a`, with these schemes or a relative address (otwarchive's
# config/initializers/gem-plugin_config/sanitizer_config.rb; it also allows ftp).
LINK_ATTRIBUTES: frozenset[str] = frozenset({"href", "name"})
LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "ftp"})


def renderer(project: Project, *, classes: bool = True) -> HtmlRenderer:
    """The renderer for the posting form: HTML (not XHTML), links as links."""
    return HtmlRenderer(
        project.songs,
        xhtml=False,
        links=True,
        credit_blocks=credit_placement(project).under_blocks,
        classes=classes,
    )


def chapter_html(project: Project, blocks: list[Block]) -> str:
    """A chapter's text for the form's HTML editor, from its parsed blocks."""
    return renderer(project).blocks(blocks)


def field_html(project: Project, markdown: str) -> str:
    """A notes field (Markdown in story.toml) as the form's HTML."""
    return renderer(project).markdown(markdown) if markdown.strip() else ""


def summary_html(project: Project, markdown: str) -> str:
    """A summary as the form's HTML: the Archive keeps no `class` in summaries."""
    return renderer(project, classes=False).markdown(markdown) if markdown.strip() else ""
