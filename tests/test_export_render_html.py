"""The shared chapter renderer: Markdown blocks to HTML, everything escaped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.export.render_html import HtmlRenderer, escape, plain_run
from studio.story import Project
from studio.story.inline import parse_inline


def render(text: str, **options: object) -> str:
    return HtmlRenderer({}, **options).markdown(text)  # type: ignore[arg-type]


def test_paragraphs_emphasis_and_scene_breaks() -> None:
    html = render("One *two* **three**.\nSame paragraph.\n\n* * *\n\nNext.")
    assert html == (
        "<p>One <em>two</em> <strong>three</strong>. Same paragraph.</p>\n<hr />\n<p>Next.</p>"
    )


def test_lyrics_stanzas_lines_and_credit_from_the_song(sample_copy) -> None:  # type: ignore[no-untyped-def]
    project = Project.load(sample_copy)
    text = '::: {.lyrics song="harbour-lights"}\nOne, *two*\nThree\n\nFour\n:::\n'
    html = HtmlRenderer(project.songs).markdown(text)
    assert html == (
        '<blockquote class="lyrics">\n'
        "<p>One, <em>two</em><br />Three</p>\n"
        "<p>Four</p>\n"
        '<p class="credit">— “Harbour Lights” by The Tidewater Band</p>\n'
        "</blockquote>"
    )
    without = HtmlRenderer(project.songs, credit_blocks=False).markdown(text)
    assert "credit" not in without and "Tidewater" not in without


def test_markup_and_ampersands_are_text() -> None:
    html = render("Hi <script>alert(1)</script> & &amp; <b>x</b>\n\n<div>block &amp;</div>")
    assert "<script" not in html and "<b>" not in html and "<div>" not in html
    # In a paragraph an entity means its character; a raw HTML block is shown as written.
    assert (
        "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp; &lt;b&gt;x&lt;/b&gt;</p>" in html
    )
    assert "<p>&lt;div&gt;block &amp;amp;&lt;/div&gt;</p>" in html


def test_control_characters_are_removed() -> None:
    html = render("a\x00b\x07c\x1bd\x7fe\x85f\ufffeg\r\nh")
    assert html == "<p>abcdefg h</p>"


def test_every_kind_of_line_end_keeps_every_word() -> None:
    html = render("One\u2028two\u2029Three\rFour\r\n\r\nFive\n")
    assert html == "<p>One two</p>\n<p>Three Four</p>\n<p>Five</p>"


def test_an_empty_last_quote_line_after_a_fence_renders() -> None:
    # mdit-py-plugins 0.7.0 raises IndexError on this text without a final newline.
    assert render("> :::\n> x\n>") == "<blockquote>\n<div>\n<p>x</p>\n</div>\n</blockquote>"


def test_nbsp_is_an_entity_in_html_and_a_character_in_xhtml() -> None:
    assert escape("a\u00a0b") == "a&nbsp;b"
    assert escape("a\u00a0b", xhtml=True) == "a\u00a0b"


def test_links_are_kept_only_when_safe_and_wanted() -> None:
    text = "[site](https://example.org/?a=1&b=2) and [bad](javascript:alert(1))"
    assert render(text) == (
        '<p><a href="https://example.org/?a=1&amp;b=2">site</a> and [bad](javascript:alert(1))</p>'
    )
    assert render(text, links=False) == (
        "<p>site (https://example.org/?a=1&amp;b=2) and [bad](javascript:alert(1))</p>"
    )


def test_headings_lists_quotes_and_code_stay_readable() -> None:
    html = render("# Part\n\n- one\n- *two*\n\n> quoted\n\n```\n<code>\n```")
    assert "<h3>Part</h3>" in html
    assert "<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>" in html
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "&lt;code&gt;" in html and "<code>" in html


def test_very_deep_quotes_do_not_recurse_forever() -> None:
    html = render("> " * 500 + "deep")
    assert "deep" in html and html.count("<blockquote>") <= 17


_ALPHABET = st.sampled_from(
    [*"ab cZ*_`[]!<>&\\\t\n\u00a0\u2028\u3000'\".,?;:()-é", "*a*", "**", " *b c*", "\n\n", "  \n"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_fast_paths_match_the_inline_parser(text: str) -> None:
    """Plain text and simple *italics* skip the parser: they must give what it gives."""
    renderer = HtmlRenderer({})
    slow = "".join(renderer.span(span) for span in parse_inline(text.strip()))
    assert renderer.inline(text) == slow


def test_plain_run_sees_every_inline_mark() -> None:
    assert plain_run("Just words, 'quotes' and \"more\"!")
    for marked in ("*a*", "_a_", "`a`", "[a](b)", "<a>", "&amp;", "a\\*", "a  \nb", "a\tb"):
        assert not plain_run(marked), marked


_MARKDOWN = st.lists(
    st.sampled_from(
        [
            "word",
            " ",
            "\n",
            "\n\n",
            "*",
            "**",
            "_",
            "`",
            "#",
            "> ",
            "- ",
            "1. ",
            "* * *",
            "---",
            "===",
            "    ",
            "```",
            ":::",
            '::: {.lyrics song="s"}',
            "<b>",
            "</p>",
            "&",
            "&amp;",
            "&#0;",
            "[a](https://x.org/?a&b)",
            "[a](javascript:x)",
            "<https://x.org>",
            "\\",
            "\x00",
            "\x1b",
            "\u00a0",
            "\r",
            "é",
            '"',
            "'",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_MARKDOWN)
def test_any_markdown_gives_well_formed_xhtml_and_archive_stable_html(text: str) -> None:
    """Whatever the author types, EPUB pages parse as XML and the Archive keeps our HTML."""
    from xml.etree import ElementTree

    from tests.export_helpers import as_html5ever_writes, clean_with_archive_allowlist

    xhtml = HtmlRenderer({}, xhtml=True).markdown(text)
    ElementTree.fromstring(f"<body>{xhtml}</body>")
    html = HtmlRenderer({}, links=False).markdown(text)
    assert clean_with_archive_allowlist(html) == as_html5ever_writes(html)
