"""Markdown to Confluence storage format: structure, escaping, and always well-formed XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.postmortem.export import markdown_to_storage
from tests.export.conftest import POSTMORTEM

_ROOT = '<root xmlns:ac="urn:ac" xmlns:ri="urn:ri">{}</root>'


def parse(storage: str) -> ET.Element:
    return ET.fromstring(_ROOT.format(storage))


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_a_realistic_postmortem_keeps_its_sections_lists_table_and_code():
    storage = markdown_to_storage(POSTMORTEM)
    root = parse(storage)

    assert [(e.tag, text_of(e)) for e in root if e.tag in ("h1", "h2")] == [
        ("h1", "INC-42 postmortem: Checkout API returning 500s"),
        ("h2", "Summary"), ("h2", "Impact"), ("h2", "Timeline"),
        ("h2", "Root cause and contributing factors"), ("h2", "Action items"),
        ("h2", "Lessons learned"),
    ]
    # The summary paragraph: inline code, emphasis, and text escaped (&, quotes).
    assert ("<p>Between 14:02 and 14:49 UTC the checkout API answered <em>38%</em> of requests "
            "with HTTP 500 after a configuration push set <code>db_pool_size=0</code>. Orders "
            "under 5 € &amp; &quot;express&quot; orders were retried.</p>") in storage
    assert "<li>SLA: the 99.9% monthly objective was breached (error budget <strong>-18%</strong>)</li>" in storage

    [table] = root.iter("table")
    rows = [[text_of(cell) for cell in row] for row in table.iter("tr")]
    assert rows == [
        ["time (UTC)", "event", "rationale"],
        ["14:02", "Alert fired: checkout_5xx_ratio > 0.05", ""],
        ["14:05", "Declared SEV1", "customer-facing outage"],
        ["14:20", "Decision: roll back the config push", "fastest safe path | low risk"],
    ]
    assert [c.tag for c in table.find("tbody/tr")] == ["th", "th", "th"]

    # A numbered list with a bullet list nested in its second item.
    [numbered] = root.iter("ol")
    first, second = numbered.findall("li")
    assert text_of(first) == "No canary stage for configuration changes"
    assert [text_of(li) for li in second.find("ul")] == ["its metric existed, nobody alerted on it"]

    assert ("<li>☐ Reject <code>db_pool_size &lt; 1</code> in the validator (prevent) — owner "
            "@carol, due 2026-12-01</li>") in storage
    assert "<li>☑ Alert on pool exhaustion (detect)" in storage
    assert ("<blockquote><p>The system let a bad value through; the fix is in the system, not in "
            "people.</p></blockquote>") in storage
    assert ('<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">yml'
            "</ac:parameter><ac:plain-text-body><![CDATA[db_pool_size: 0   # <- the value that "
            "shipped]]></ac:plain-text-body></ac:structured-macro>") in storage
    assert ('<a href="https://runbooks.example.com/checkout?step=rollback&amp;env=prod">runbook</a>'
            in storage)
    # Raw HTML is text, never markup.
    assert "&lt;script&gt;alert(&quot;not html&quot;)&lt;/script&gt;" in storage
    assert not list(root.iter("script"))


def test_text_is_escaped_for_xml():
    assert markdown_to_storage('a < b && c > "d" \'e\'') == (
        "<p>a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#x27;e&#x27;</p>")


def test_bold_italic_code_and_strikethrough():
    assert markdown_to_storage("**bold** and *it* and _it_ and `x<y` and ~~gone~~") == (
        "<p><strong>bold</strong> and <em>it</em> and <em>it</em> and <code>x&lt;y</code> and "
        '<span style="text-decoration: line-through;">gone</span></p>')


def test_underscores_inside_words_and_stars_in_code_stay_literal():
    assert markdown_to_storage("checkout_5xx_ratio and `**not bold**` and 2 * 3 * 4") == (
        "<p>checkout_5xx_ratio and <code>**not bold**</code> and 2 * 3 * 4</p>")


def test_only_http_and_mailto_links_become_links():
    storage = markdown_to_storage(
        "[ok](https://example.com/a_(b)) [mail](mailto:sre@example.com) "
        "[bad](javascript:alert(1)) [rel](/wiki/x) <https://example.com/?a=1&b=2>")
    assert storage == (
        '<p><a href="https://example.com/a_(b)">ok</a> <a href="mailto:sre@example.com">mail</a> '
        'bad rel <a href="https://example.com/?a=1&amp;b=2">https://example.com/?a=1&amp;b=2</a></p>')


def test_a_code_block_may_contain_the_cdata_terminator_and_keeps_its_text():
    storage = markdown_to_storage("```\nif a[b[0]]>1: pass\n```")
    root = parse(storage)
    body = next(e for e in root.iter() if e.tag.endswith("plain-text-body"))
    assert body.text == "if a[b[0]]>1: pass"
    assert 'ac:name="language"' not in storage


def test_paragraph_lines_join_and_hard_breaks_are_kept():
    assert markdown_to_storage("one\ntwo  \nthree\\\nfour\n\nnext") == (
        "<p>one two<br />three<br />four</p><p>next</p>")


def test_headings_rules_and_lists_separated_by_blank_lines():
    assert markdown_to_storage("### Small #\n\n- a\n\n- b\n\n***\n\n1) x\n2) y") == (
        "<h3>Small</h3><ul><li>a</li><li>b</li></ul><hr /><ol><li>x</li><li>y</li></ol>")


def test_a_ragged_table_is_padded_and_trimmed_to_the_header():
    storage = markdown_to_storage("| a | b |\n|:-|-:|\n| 1 |\n| 1 | 2 | 3 |")
    rows = [[text_of(c) for c in row] for row in parse(storage).iter("tr")]
    assert rows == [["a", "b"], ["1", ""], ["1", "2"]]


def test_characters_xml_cannot_carry_are_dropped():
    assert markdown_to_storage("bell\x07 nul\x00 ok\ue000") == "<p>bell nul ok</p>"


def test_an_empty_document_is_empty():
    assert markdown_to_storage("") == ""
    assert markdown_to_storage("\n\n  \n") == ""


_PIECES = [*"ab <>&\"'`*_~#|-+>[]()!\\:/.\n\t 1", "```", "](http://x)", "]]>", "\x00", "é", "\ue001"]
_MARKDOWNISH = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWNISH)
def test_any_input_gives_well_formed_storage_format(markdown: str):
    parse(markdown_to_storage(markdown))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_gives_well_formed_storage_format(markdown: str):
    parse(markdown_to_storage(markdown))


def test_user_text_cannot_exhaust_the_stack():
    # Notes are permanent: a converter that recursed once per marker would fail every later export.
    for text in ("note: " + "**" * 1100, "a " + "**a " * 1100 + "**" * 1100, "x " + "*" * 2200 + "y",
                 "| a |\n|---|\n| " + "**" * 1100 + " |", ">" * 1100 + " deep", "a " + "~~" * 1100 + " b"):
        parse(markdown_to_storage(text))  # converts, and is well-formed
    assert "deep" in text_of(parse(markdown_to_storage(">" * 1100 + " deep")))
