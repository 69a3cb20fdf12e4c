"""A simple check that a Chinese message has no English sentence left in it: after taking out
`code`, <...> markup, :emoji:, URLs, identifiers (with _ or digits) and a few proper names and
abbreviations, no run of three or more English words may remain."""

from __future__ import annotations

import re

# Words a Chinese sentence may keep: proper names, abbreviations, button labels people click.
ALLOWED = {
    "SEV1", "SEV2", "SEV3", "SEV4", "IC", "API", "MTTA", "MTTR", "PagerDuty", "Opsgenie", "Jira", "Slack",
    "Claude", "UTC", "AI", "DM", "ID", "Statuspage", "Linear", "Confluence", "Zoom", "Meet", "ALERT",
}
_CODE = re.compile(r"`[^`]*`")
_MARKUP = re.compile(r"<[^<>]*>")
_EMOJI = re.compile(r":[a-z0-9_+-]+:")
_URL = re.compile(r"https?://\S+")
_IDENTIFIER = re.compile(r"\b\w*[_\d]\w*\b", re.ASCII)
_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t,/]+[A-Za-z][A-Za-z'’-]*){2,}")


def english_sentences(said: str) -> list[str]:
    """Runs of three or more English words left once code, markup, emoji, URLs, identifiers
    and the allowed names are taken out."""
    cleaned = _URL.sub(" ", _EMOJI.sub(" ", _MARKUP.sub(" ", _CODE.sub(" ", said))))
    cleaned = _IDENTIFIER.sub("|", cleaned.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    cleaned = re.sub(r"[A-Za-z]+", lambda m: "|" if m.group(0) in ALLOWED else m.group(0), cleaned)
    return _RUN.findall(cleaned)


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
