"""Finds English sentences in text meant to be read in Traditional Chinese.

A zh-TW message may keep some English: Slack markup, identifiers, commands typed in English,
service names and proper names. What it must not keep is an English *sentence*, which this
module defines strictly as a run of MIN_WORDS (3) or more English words once those are gone:

1. Removed (each replaced by a space, so it does NOT break a run of words around it):
   - code: ```fenced blocks``` and `inline code`;
   - Slack markup `<…>` (mentions, channels, dates, links), but a link's label is kept, as a
     person reads it: `<https://x|Open the runbook>` → `Open the runbook`;
   - Markdown links `[label](url)` → `label`; bare URLs (`http://…`, `https://…`);
   - `:emoji:` codes; `@name` and `#channel` (the rendered form of mentions in a transcript);
   - identifiers: any token holding `_` or a digit (`INC-1`, `SEV1`, `p95`, `2026.11.25-3`,
     `checkout_svc`, `5xx`) or a `/` or `.` between letters (`runbooks/x.md`, `bot.ui.text`);
   - the allow-list ALLOWED (proper names and abbreviations a Chinese sentence keeps as they
     are, such as `API`, `IC`, `PagerDuty`, `Slack`) and any extra `names` the caller passes
     (the scenario's own names, such as a service `checkout-svc`).
2. Then an English word is `[A-Za-z]+` (inner `'` or `-` allowed: `don't`, `follow-up`).
   Words are joined into one run by whitespace and by ASCII punctuation and the typographic
   marks English text uses (`·`, `—`, `–`, `…`, `→`, `’`, `“”`); anything else (a CJK
   character, full-width punctuation) or a line break ends the run.

A run of MIN_WORDS or more words is an English sentence. So is a line with no Chinese at all
and two or more English words (a heading, a button row, a label: `## Root cause`,
`[Tech Lead] [Comms Lead]`). Strict on purpose: words separated only by markup or identifiers
still count as one run, a table row of English headers is caught, and only a lone English word
beside Chinese passes (`API`, a service name, an English command word).

    from tests.support.english import english_lines
    assert english_lines(text) == []

`english_lines` answers (line, run) pairs; `group_by_source` says which source module or
template holds the words of each run, so whoever converts them knows where to look.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MIN_WORDS = 3
MIN_WORDS_ALONE = 2  # on a line without a Chinese character
_CHINESE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")

# Proper names and abbreviations that stay as they are in a Chinese sentence. Matched as whole
# tokens, case-sensitively (`Slack` is a name; `slack` is not on the list).
ALLOWED = frozenset(
    {
        # incident vocabulary kept in English by Taiwanese SRE teams
        "SEV", "IC", "SME", "API", "MTTA", "MTTR", "SLO", "SLA", "SLI", "UTC", "ID", "URL",
        "HTTP", "HTTPS", "AI", "CPU", "DNS", "CDN", "JSON", "YAML", "CSV", "ETA", "RCA",
        # products and vendors
        "Slack", "PagerDuty", "Opsgenie", "Jira", "Linear", "Statuspage", "Confluence",
        "Claude", "Anthropic", "Prometheus", "Alertmanager", "Grafana", "Redis", "Zoom",
        "Markdown", "GitHub",
    }
)

_FENCED = re.compile(r"```.*?```", re.S)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_SLACK_MARKUP = re.compile(r"<([^<>\n]*)>")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_URL = re.compile(r"\bhttps?://\S+")
_EMOJI = re.compile(r":[a-z0-9_+\-]+:")
_MENTION = re.compile(r"(?<![\w@])[@#][\w.\-]+")
# A token ends at whitespace and at CJK characters and full-width punctuation, so `500，on-call`
# is two tokens and the identifier `500` does not take the English word with it.
_TOKEN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
_IDENTIFIER = re.compile(r"[_\d%]|[A-Za-z][/.][A-Za-z]")  # % : a strftime pattern (%m/%d) is no word
# A word, and what may stand between two words of one run.
_WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*")
_JOINER = re.compile(r"^[\s!-/:-@\[-`{-~·—–…→’‘“”]*$")


def _label(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, bar, label = inner.partition("|")
    if bar and not target.startswith(("@", "#", "!")):
        return f" {label} "  # a link's label is read
    return " "


def readable(text: str, names: Iterable[str] = ()) -> str:
    """The text with code, markup, identifiers and allowed names replaced by spaces."""
    allowed = ALLOWED | set(names)
    text = _FENCED.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _SLACK_MARKUP.sub(_label, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")  # Slack's escapes, as shown
    text = _MD_LINK.sub(r" \1 ", text)
    text = _URL.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    text = _MENTION.sub(" ", text)

    def token(match: re.Match[str]) -> str:
        word = match.group(0)
        bare = word.strip("()[]{}*_~\"'“”‘’.,;:!?")
        if _IDENTIFIER.search(word) or bare in allowed:
            return " "
        return word

    return "\n".join(_TOKEN.sub(token, line) for line in text.split("\n"))


def english_runs(line: str, names: Iterable[str] = (), min_words: int = MIN_WORDS) -> list[str]:
    """The English sentences (runs of `min_words`+ words, as defined above) in one line."""
    runs: list[str] = []
    text = readable(line, names)
    words = list(_WORD.finditer(text))
    start = 0
    for i in range(1, len(words) + 1):
        joined = i < len(words) and _JOINER.match(text[words[i - 1].end():words[i].start()])
        if not joined:
            if i - start >= min_words:
                runs.append(text[words[start].start():words[i - 1].end()])
            start = i
    return runs


def english_lines(text: str, names: Iterable[str] = (), min_words: int = MIN_WORDS) -> list[tuple[str, str]]:
    """(line, run) for every English sentence in `text`, line by line."""
    names = tuple(names)
    text = _FENCED.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # fences span lines
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        alone = min(min_words, MIN_WORDS_ALONE) if not _CHINESE.search(line) else min_words
        found += [(line.strip(), run) for run in english_runs(line, names, alone)]
    return found


# --- the Slack stand-in's transcript frame ---------------------------------------------------

_STAMP = r"^\s*(?:↳ )?\d\d:\d\d:\d\d  "
_SYSTEM = re.compile(_STAMP + r"— @\S+ [^:]*(?:: (?P<said>.*))?$")
_AUTHOR = re.compile(_STAMP + r"(?:@\S+(?: \[pinned\])?(?: \(edited\))?|\(only @\S+ sees this\)):\s?")
_HEADER = re.compile(r"^#\S+ \(C[A-Z0-9]+\) · (?:public|private)(?: · archived)?")
_FILE = re.compile(r"\[file: (?P<title>[^\]]*)\]")


def transcript_body(transcript: str) -> str:
    """What the bot wrote in a stand-in transcript (slack_standin/transcript.py), without the
    frame the stand-in adds and Slack shows in each reader's own language: times, authors,
    `[pinned]`, `(edited)`, `(only @x sees this)`, `has joined the channel`, the channel
    header's labels. Kept: the topic and description the bot set, file titles, every message."""
    lines = []
    for line in transcript.splitlines():
        if system := _SYSTEM.match(line):
            lines.append(system.group("said") or "")
        elif _HEADER.match(line):
            fields = line.split(" · ")
            lines += [f.split(": ", 1)[1] for f in fields if f.startswith(("topic: ", "purpose: "))]
        else:
            lines.append(_FILE.sub(lambda m: m.group("title"), _AUTHOR.sub("", line)))
    return "\n".join(lines)


# --- which source produced a line ----------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
# Where the bot's words come from (the drill's own narration is checked apart: it has a script
# per language). slack_standin/ is listed so Slack's own words are named as such.
SOURCE_DIRS = ("bot", "agents", "runbooks", "i18n/locales/en", "slack_standin", "vendor_standins")
SOURCE_SUFFIXES = {".py", ".j2", ".md", ".yaml", ".yml", ".ftl"}
UNKNOWN = "(no source found: text from people, or built from pieces)"


@dataclass(frozen=True)
class Finding:
    line: str
    run: str
    source: str


@lru_cache(maxsize=1)
def _sources() -> tuple[tuple[str, str], ...]:
    files = []
    for folder in SOURCE_DIRS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                files.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8", errors="replace")))
    return tuple(files)


@lru_cache(maxsize=4096)
def source_of(run: str) -> str:
    """The source files holding the longest stretch (up to 12 words, at least 2) of `run`, in
    the words' order with anything but letters between them (a placeholder, markup), or UNKNOWN."""
    words = _WORD.findall(run)
    for size in range(min(len(words), 12), min(MIN_WORDS_ALONE, len(words)) - 1, -1):
        for first in range(len(words) - size + 1):
            stretch = words[first:first + size]
            candidates = [(name, text) for name, text in _sources() if all(w in text for w in stretch)]
            if not candidates:
                continue
            pattern = re.compile(r"(?<![A-Za-z])" + r"[^A-Za-z]{1,40}?".join(map(re.escape, stretch)) + r"(?![A-Za-z])")
            hits = [name for name, text in candidates if pattern.search(text)]
            if hits:
                return ", ".join(hits[:3])
    return UNKNOWN


def group_by_source(findings: Iterable[tuple[str, str]]) -> dict[str, list[Finding]]:
    """Findings keyed by the source that holds their words, each line listed once per source."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for line, run in findings:
        source = source_of(run)
        if (source, line) in seen:
            continue
        seen.add((source, line))
        grouped[source].append(Finding(line, run, source))
    return dict(sorted(grouped.items()))


def report(grouped: dict[str, list[Finding]]) -> str:
    """The findings as text, one block per source, for a test's output or a lead's to-do list."""
    out = [f"{sum(len(v) for v in grouped.values())} English lines from {len(grouped)} sources"]
    for source, findings in grouped.items():
        out.append(f"\n{source} ({len(findings)})")
        out += [f"    {f.line[:160]}" for f in findings]
    return "\n".join(out)
