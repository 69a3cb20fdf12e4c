"""Whether a Chinese message or view has an English sentence left in it, through the one
checker in tests/support/english.py; `block_texts` reads the words a person sees in Block Kit."""

from __future__ import annotations

from tests.support.english import english_lines


def english_sentences(said: str) -> list[str]:
    """The English sentences left in a message (the one checker, tests/support/english.py:
    runs of three or more English words once code, markup, emoji, URLs, identifiers and the
    allowed names are taken out; two on a line with no Chinese)."""
    return [run for _line, run in english_lines(said)]


# Keys of Block Kit objects whose string values a person reads (a view, a message's blocks).
_READ_KEYS = {"text", "alt_text", "title", "placeholder", "label", "hint", "fallback"}


def block_texts(surface) -> list[str]:
    """Every string a person reads in a Block Kit surface (blocks, a view, a message): the
    `text` of text objects and buttons, headers, contexts, image titles and alt texts,
    placeholders, labels and options. Ids, values and URLs are left out."""
    found: list[str] = []

    def walk(node, key: str | None = None) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in _READ_KEYS:
            found.append(node)

    walk(surface)
    return found


def english_in_blocks(surface) -> list[str]:
    """The English sentences left in what a person reads of a Block Kit surface."""
    return [run for said in block_texts(surface) for run in english_sentences(said)]
