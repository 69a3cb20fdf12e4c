"""The `/incident` command grammar: text in, a typed command (or a clear usage error) out.

Pure and total: any text yields a command or a `UsageError`, never another exception.
English and Traditional Chinese words are both understood (bot/commands/aliases.py); a
`UsageError` names a catalogue key, so the answer is written in the reader's language.
"""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import BaseModel

from agents.context import MAX_TITLE  # the one title limit (the form reads it from here too)
from bot.commands import aliases
from bot.incident.kinds import ROLE_ALIASES, Role, Status
from bot.incident.severity import Severity, UnknownSeverity, looks_like_severity, parse_severity


class UsageError(ValueError):
    """The text is not a valid command; the message (catalogue key `key`) says what to type
    instead. `str()` is the English text; `message(locale)` the reader's."""

    def __init__(self, key: str, **params: str | int) -> None:
        self.key = key
        self.params = {name: str(value) for name, value in params.items()}  # "2900", not "2,900"
        super().__init__(self.message("en"))

    def message(self, locale: str) -> str:
        from i18n import catalogue, t

        if not catalogue().has(self.key, "en"):
            # a sentence raised before its area moved into the catalogue: shown as written
            return self.key
        return t(self.key, locale, **self.params)


class Declare(BaseModel):
    kind: Literal["declare"] = "declare"
    severity: Severity | None = None
    title: str | None = None

    @property
    def needs_modal(self) -> bool:
        return self.severity is None or not self.title


class ShowStatus(BaseModel):
    kind: Literal["status"] = "status"


class SetStatus(BaseModel):
    kind: Literal["set_status"] = "set_status"
    status: Status
    reason: str = ""


class SetSeverity(BaseModel):
    kind: Literal["severity"] = "severity"
    severity: Severity
    reason: str = ""


class Resolve(BaseModel):
    kind: Literal["resolve"] = "resolve"
    summary: str = ""


class ShowTimeline(BaseModel):
    kind: Literal["timeline"] = "timeline"


class ShowSummary(BaseModel):
    kind: Literal["summary"] = "summary"


class ListOpen(BaseModel):
    kind: Literal["list"] = "list"


class Help(BaseModel):
    kind: Literal["help"] = "help"


class PostUpdate(BaseModel):
    kind: Literal["update"] = "update"
    text: str


class RunSteps(BaseModel):
    """Agent steps to run: one step, a phase, or all of them (in dependency order)."""

    kind: Literal["run"] = "run"
    label: str  # what the person asked for, e.g. "phase 2"
    steps: list[str]


class RecordDecision(BaseModel):
    kind: Literal["decision"] = "decision"
    what: str
    why: str = ""


class AddNote(BaseModel):
    kind: Literal["note"] = "note"
    text: str


class WritePostmortem(BaseModel):
    kind: Literal["postmortem"] = "postmortem"


class ListActions(BaseModel):
    kind: Literal["actions"] = "actions"


class ShowStats(BaseModel):
    kind: Literal["stats"] = "stats"
    days: int = 30
    service: str | None = None


class AssignRole(BaseModel):
    kind: Literal["role"] = "role"
    role: Role
    user_id: str


class PageOnCall(BaseModel):
    """`/incident page [service|team] [message]`: page the on-call (the default route without a target)."""

    kind: Literal["page"] = "page"
    target: str = ""
    message: str = ""


class ShowStatusPage(BaseModel):
    kind: Literal["statuspage"] = "statuspage"


Command = Union[
    Declare, ShowStatus, SetStatus, SetSeverity, Resolve, ShowTimeline, ListOpen, Help, AssignRole, PostUpdate,
    RunSteps, RecordDecision, AddNote, WritePostmortem, ListActions, ShowSummary, PageOnCall, ShowStatusPage,
    ShowStats,
]

SUBCOMMANDS = (
    "declare", "status", "update", "severity", "role", "run", "decision", "note", "resolve",
    "timeline", "postmortem", "actions", "list", "help", "summary", "page", "statuspage", "stats",
)
_PAGE_TARGET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$")
_BECAUSE = re.compile(
    r"\s+(?:because|since|why:|rationale:)\s+"  # English words need spaces around them
    r"|[\s,，、;；。]*(?:因為|原因[:：]|理由[:：])\s*",  # Chinese ones do not
    re.IGNORECASE,
)
MAX_UPDATE = 2900  # one Block Kit section

# Slack escapes mentions in slash commands as <@U123|name> (should_escape: true in the manifest).
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_STATUS_ALIASES = {s.value: s for s in Status} | aliases.STATUS_ALIASES
_ROLE_ALIASES = ROLE_ALIASES | aliases.ROLE_ALIASES_ZH


def _shown(word: str, limit: int = 30) -> str:
    """A word of the person's own text, quoted back in an error: cut so a 40 kB word cannot
    push the rest of the answer past what Slack shows."""
    return word if len(word) <= limit else word[:limit] + "…"


def _split_first(text: str) -> tuple[str, str]:
    parts = text.strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], (parts[1].strip() if len(parts) > 1 else "")


def _clean_title(raw: str) -> str:
    title = " ".join(raw.split())
    if len(title) > MAX_TITLE:
        raise UsageError("grammar-title-too-long", length=len(title), limit=MAX_TITLE)
    return title


def _reason(text: str) -> str:
    """Why a change was made: kept whole up to one Block Kit section, like updates and notes."""
    if len(text) > MAX_UPDATE:
        raise UsageError("grammar-reason-too-long", length=len(text), limit=MAX_UPDATE)
    return text


def _looks_like_severity(word: str) -> bool:
    folded = aliases.command_word(word)
    return looks_like_severity(folded) or folded.startswith(aliases.SEVERITY_PREFIXES)


def _severity(word: str, key: str) -> Severity:
    """SEV1..SEV4, P0..P3 or 嚴重度一..四 (full-width too); UsageError `key` otherwise."""
    folded = aliases.command_word(word)
    if folded in aliases.SEVERITY_ALIASES:
        return aliases.SEVERITY_ALIASES[folded]
    try:
        return parse_severity(folded)
    except UnknownSeverity:
        raise UsageError(key, word=_shown(word)) from None


def _parse_declare(rest: str) -> Declare:
    if not rest:
        return Declare()
    first, remainder = _split_first(rest)
    if _looks_like_severity(first):
        severity = _severity(first, "grammar-declare-not-a-severity")
        if not remainder:
            raise UsageError("grammar-title-missing")
        return Declare(severity=severity, title=_clean_title(remainder))
    return Declare(title=_clean_title(rest))


def _parse_status(rest: str) -> ShowStatus | SetStatus | Resolve:
    if not rest:
        return ShowStatus()
    word, reason = _split_first(rest)
    status = _STATUS_ALIASES.get(aliases.command_word(word))
    if status is None:
        raise UsageError("grammar-not-a-status", word=_shown(word))
    if status is Status.RESOLVED:
        return Resolve(summary=_reason(reason))
    return SetStatus(status=status, reason=_reason(reason))


def _parse_severity(rest: str) -> SetSeverity:
    word, reason = _split_first(rest)
    if not word:
        raise UsageError("grammar-severity-missing")
    return SetSeverity(severity=_severity(word, "grammar-not-a-severity"), reason=_reason(reason))


def _parse_role(rest: str) -> AssignRole:
    role_word, who = _split_first(rest)
    if not role_word:
        raise UsageError("grammar-role-missing")
    role = _ROLE_ALIASES.get(aliases.command_word(role_word))
    if role is None:
        raise UsageError("grammar-not-a-role", word=_shown(role_word))
    who_word, extra = _split_first(who)
    match = _MENTION.match(who_word)
    if not match or extra:
        raise UsageError("grammar-mention-one")
    return AssignRole(role=role, user_id=match.group(1))


def parse_steps(rest: str) -> RunSteps:
    """`all`, `phase 2`, or a step key such as `triage` (see agents.STEP_KEYS)."""
    from agents import PHASES, STEP_KEYS, phase_steps

    words = [aliases.command_word(word) for word in rest.split()]
    valid = ", ".join(STEP_KEYS)
    if not words:
        raise UsageError("grammar-step-missing", valid=valid)
    if len(words) == 1 and words[0] in aliases.RUN_ALL:
        return RunSteps(label="all steps", steps=list(STEP_KEYS))
    if words[0] in aliases.RUN_PHASE:
        # isdecimal, not isdigit: int() refuses "²" and 4,300+ digits, and would crash the parse
        number_word = words[1] if len(words) == 2 else ""
        if not (number_word.isdecimal() and len(number_word) <= 2 and int(number_word) in PHASES):
            raise UsageError("grammar-phase-range", last=len(PHASES))
        number = int(words[1])
        return RunSteps(label=f"phase {number} ({PHASES[number]})", steps=list(phase_steps(number)))
    if len(words) == 1 and words[0] in STEP_KEYS:
        return RunSteps(label=words[0], steps=[words[0]])
    shown = rest.strip()[:40]
    raise UsageError("grammar-not-a-step", word=shown, valid=valid)


def _parse_page(rest: str) -> PageOnCall:
    """`page` alone pages the default route; a first word naming a service or team routes there;
    `page -- message` (or a quoted-free sentence after the target) is the page's message."""
    target, message = _split_first(rest)
    if target == "--":
        target = ""
    elif target and not _PAGE_TARGET.match(target):
        raise UsageError("grammar-not-a-page-target", word=_shown(target))
    return PageOnCall(target=target, message=_reason(message))


_STATS_WINDOWS = {"30d": 30, "90d": 90}
_SERVICE = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def _parse_stats(rest: str) -> ShowStats:
    words = rest.split()
    days = 30
    if words and words[0].lower() in _STATS_WINDOWS:
        days = _STATS_WINDOWS[words.pop(0).lower()]
    if len(words) > 1 or (words and not _SERVICE.match(words[0])):
        raise UsageError("grammar-stats-usage")
    return ShowStats(days=days, service=words[0] if words else None)


def parse_command(text: str) -> Command:
    """Parse the text after `/incident`. Raises UsageError with a message fit for the user."""
    word, rest = _split_first(text or "")
    sub = aliases.subcommand(word)
    if sub in ("", "help", "-h", "--help", "?"):
        return Help()
    if sub == "declare":
        return _parse_declare(rest)
    if sub == "status":
        return _parse_status(rest)
    if sub in ("severity", "sev"):
        return _parse_severity(rest)
    if sub == "role":
        return _parse_role(rest)
    if sub == "update":
        update = rest.strip()
        if not update:
            raise UsageError("grammar-update-missing")
        if len(update) > MAX_UPDATE:
            raise UsageError("grammar-update-too-long", length=len(update), limit=MAX_UPDATE)
        return PostUpdate(text=update)
    if sub == "run":
        return parse_steps(rest)
    if sub == "decision":
        if not rest:
            raise UsageError("grammar-decision-missing")
        parts = _BECAUSE.split(rest, maxsplit=1)
        return RecordDecision(what=parts[0].strip()[:MAX_UPDATE], why=(parts[1].strip() if len(parts) > 1 else "")[:MAX_UPDATE])
    if sub == "note":
        if not rest:
            raise UsageError("grammar-note-missing")
        return AddNote(text=rest[:MAX_UPDATE])
    if sub == "postmortem":
        return WritePostmortem()
    if sub == "actions":
        return ListActions()
    if sub == "resolve":
        return Resolve(summary=_reason(" ".join(rest.split())))
    if sub == "timeline":
        return ShowTimeline()
    if sub in ("summary", "catchup", "catch-up"):
        return ShowSummary()
    if sub == "list":
        return ListOpen()
    if sub == "page":
        return _parse_page(rest)
    if sub == "statuspage":
        return ShowStatusPage()
    if sub == "stats":
        return _parse_stats(rest)
    raise UsageError("grammar-bad-subcommand", word=_shown(word), valid=", ".join(SUBCOMMANDS))
