"""The `/incident` command grammar: text in, a typed command (or a clear usage error) out.

Pure and total: any text yields a command or a `UsageError`, never another exception.
"""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import BaseModel

from agents.context import MAX_TITLE  # the one title limit (the form reads it from here too)
from bot.incident.kinds import ROLE_ALIASES, Role, Status
from bot.incident.severity import Severity, UnknownSeverity, looks_like_severity, parse_severity


class UsageError(ValueError):
    """The text is not a valid command; the message says what to type instead."""


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
_BECAUSE = re.compile(r"\s+(?:because|since|why:|rationale:)\s+", re.IGNORECASE)
MAX_UPDATE = 2900  # one Block Kit section

# Slack escapes mentions in slash commands as <@U123|name> (should_escape: true in the manifest).
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_STATUS_ALIASES = {s.value: s for s in Status}


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
        raise UsageError(
            f"The title is {len(title)} characters; keep it under {MAX_TITLE} "
            "and put the details in the description (`/incident declare` opens the form)."
        )
    return title


def _reason(text: str) -> str:
    """Why a change was made: kept whole up to one Block Kit section, like updates and notes."""
    if len(text) > MAX_UPDATE:
        raise UsageError(f"The reason is {len(text)} characters; keep it under {MAX_UPDATE}.")
    return text


def _parse_declare(rest: str) -> Declare:
    if not rest:
        return Declare()
    first, remainder = _split_first(rest)
    if looks_like_severity(first):
        try:
            severity = parse_severity(first)
        except UnknownSeverity as exc:
            raise UsageError(f"{exc}. Example: `/incident declare sev2 Checkout latency high`")
        if not remainder:
            raise UsageError(
                "A title is missing. Example: `/incident declare sev1 Checkout API returning 500s`"
                " (or `/incident declare` alone to open the form)."
            )
        return Declare(severity=severity, title=_clean_title(remainder))
    return Declare(title=_clean_title(rest))


def _parse_status(rest: str) -> ShowStatus | SetStatus | Resolve:
    if not rest:
        return ShowStatus()
    word, reason = _split_first(rest)
    status = _STATUS_ALIASES.get(word.lower())
    if status is None:
        valid = ", ".join(s.value for s in Status)
        raise UsageError(f"`{_shown(word)}` is not a status. Use one of: {valid}.")
    if status is Status.RESOLVED:
        return Resolve(summary=_reason(reason))
    return SetStatus(status=status, reason=_reason(reason))


def _parse_severity(rest: str) -> SetSeverity:
    word, reason = _split_first(rest)
    if not word:
        raise UsageError("Which severity? Example: `/incident severity sev2 impact is limited to EU`")
    try:
        return SetSeverity(severity=parse_severity(word), reason=_reason(reason))
    except UnknownSeverity as exc:
        raise UsageError(str(exc)) from None


def _parse_role(rest: str) -> AssignRole:
    role_word, who = _split_first(rest)
    example = "Example: `/incident role tech @alice` (roles: ic, tech, comms, sme)"
    if not role_word:
        raise UsageError(f"Which role, and for whom? {example}")
    role = ROLE_ALIASES.get(role_word.lower())
    if role is None:
        raise UsageError(f"`{_shown(role_word)}` is not a role. {example}")
    who_word, extra = _split_first(who)
    match = _MENTION.match(who_word)
    if not match or extra:
        raise UsageError(f"Mention exactly one person with @. {example}")
    return AssignRole(role=role, user_id=match.group(1))


def parse_steps(rest: str) -> RunSteps:
    """`all`, `phase 2`, or a step key such as `triage` (see agents.STEP_KEYS)."""
    from agents import PHASES, STEP_KEYS, phase_steps

    words = rest.lower().split()
    valid = ", ".join(STEP_KEYS)
    if not words:
        raise UsageError(f"Which step? `/incident run all`, `/incident run phase 1`..`5`, or one of: {valid}.")
    if words == ["all"]:
        return RunSteps(label="all steps", steps=list(STEP_KEYS))
    if words[0] == "phase":
        # isdecimal, not isdigit: int() refuses "²" and 4,300+ digits, and would crash the parse
        number_word = words[1] if len(words) == 2 else ""
        if not (number_word.isdecimal() and len(number_word) <= 2 and int(number_word) in PHASES):
            raise UsageError(f"Phases are 1 to {len(PHASES)}. Example: `/incident run phase 2`")
        number = int(words[1])
        return RunSteps(label=f"phase {number} ({PHASES[number]})", steps=list(phase_steps(number)))
    if len(words) == 1 and words[0] in STEP_KEYS:
        return RunSteps(label=words[0], steps=[words[0]])
    shown = rest.strip()[:40]
    raise UsageError(f"`{shown}` is not a step. Steps: {valid} (or `all`, `phase <n>`).")


def _parse_page(rest: str) -> PageOnCall:
    """`page` alone pages the default route; a first word naming a service or team routes there;
    `page -- message` (or a quoted-free sentence after the target) is the page's message."""
    target, message = _split_first(rest)
    if target == "--":
        target = ""
    elif target and not _PAGE_TARGET.match(target):
        raise UsageError(f"`{_shown(target)}` is not a service or team name. "
                         "Example: `/incident page checkout payments are failing`")
    return PageOnCall(target=target, message=_reason(message))


_STATS_WINDOWS = {"30d": 30, "90d": 90}
_SERVICE = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def _parse_stats(rest: str) -> ShowStats:
    words = rest.split()
    days = 30
    if words and words[0].lower() in _STATS_WINDOWS:
        days = _STATS_WINDOWS[words.pop(0).lower()]
    if len(words) > 1 or (words and not _SERVICE.match(words[0])):
        raise UsageError("Usage: `/incident stats [30d|90d] [service]`, e.g. `/incident stats 90d checkout`.")
    return ShowStats(days=days, service=words[0] if words else None)


def parse_command(text: str) -> Command:
    """Parse the text after `/incident`. Raises UsageError with a message fit for the user."""
    word, rest = _split_first(text or "")
    sub = word.lower()
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
            raise UsageError(
                "What is the update? Example: `/incident update rolled back 4312, error rate falling` "
                "(the *Post update* button on the card has the full form)."
            )
        if len(update) > MAX_UPDATE:
            raise UsageError(f"The update is {len(update)} characters; keep it under {MAX_UPDATE}.")
        return PostUpdate(text=update)
    if sub == "run":
        return parse_steps(rest)
    if sub == "decision":
        if not rest:
            raise UsageError(
                "What was decided, and why? Example: `/incident decision roll back 4312 because "
                "errors began with it`"
            )
        parts = _BECAUSE.split(rest, maxsplit=1)
        return RecordDecision(what=parts[0].strip()[:MAX_UPDATE], why=(parts[1].strip() if len(parts) > 1 else "")[:MAX_UPDATE])
    if sub == "note":
        if not rest:
            raise UsageError("What should the note say? Example: `/incident note EU traffic shifted to us-east`")
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
    raise UsageError(f"I don't know `{_shown(word)}`. Try one of: {', '.join(SUBCOMMANDS)}.")
