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
