"""Severity levels from the workflow (SEV1..SEV4, also written P0..P3) and their parsing."""

from __future__ import annotations

import re
from enum import Enum

from i18n import t


class Severity(str, Enum):
    """The bot's severity: the values of agents.models.Severity, with labels, emoji, P-scale."""

    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"

    @property
    def level(self) -> int:
        return int(self.value[-1])

    @property
    def priority(self) -> str:
        """The P-scale alias: SEV1 is P0."""
        return f"P{self.level - 1}"

    @property
    def label(self) -> str:
        """`SEV1 (P0)`; in Chinese 嚴重度一（SEV1）."""
        return t(_LABELS[self])

    @property
    def meaning(self) -> str:
        return t(_MEANINGS[self])

    @property
    def emoji(self) -> str:
        return _EMOJI[self]


_LABELS = {
    Severity.SEV1: "ui-severity-sev1",
    Severity.SEV2: "ui-severity-sev2",
    Severity.SEV3: "ui-severity-sev3",
    Severity.SEV4: "ui-severity-sev4",
}
_MEANINGS = {
    Severity.SEV1: "ui-severity-meaning-sev1",
    Severity.SEV2: "ui-severity-meaning-sev2",
    Severity.SEV3: "ui-severity-meaning-sev3",
    Severity.SEV4: "ui-severity-meaning-sev4",
}
_EMOJI = {
    Severity.SEV1: ":red_circle:",
    Severity.SEV2: ":large_orange_circle:",
    Severity.SEV3: ":large_yellow_circle:",
    Severity.SEV4: ":white_circle:",
}

# Anything shaped like a severity, valid or not, so that "sev9" is refused instead of
# being swallowed into the title.
_SEVERITY_SHAPED = re.compile(r"^(?:sev)[-_ ]?(\d+)$|^p(\d+)$", re.IGNORECASE)


class UnknownSeverity(ValueError):
    """A token that looks like a severity but is not one of SEV1..SEV4 / P0..P3."""

    def __init__(self, token: str) -> None:
        shown = token if len(token) <= 30 else token[:30] + "…"  # a 40 kB word is not echoed whole
        super().__init__(f"`{shown}` is not a severity: use sev1..sev4 (or p0..p3)")
        self.token = token


def looks_like_severity(token: str) -> bool:
    return bool(_SEVERITY_SHAPED.match(token.strip()))


def parse_severity(token: str) -> Severity:
    """Parse `sev1`, `SEV-1`, `Sev_2`, `p0`, `P3` (case-insensitive). Raises UnknownSeverity."""
    match = _SEVERITY_SHAPED.match(token.strip())
    if not match:
        raise UnknownSeverity(token)
    sev_digits, p_digits = match.groups()
    if len(sev_digits or p_digits) > 9:  # int() refuses 4,300+ digits; no severity has 10
        raise UnknownSeverity(token)
    level = int(sev_digits) if sev_digits is not None else int(p_digits) + 1
    if not 1 <= level <= 4:
        raise UnknownSeverity(token)
    return Severity(f"SEV{level}")
