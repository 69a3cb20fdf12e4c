"""Text to features: named scope/magnitude/cause cues (each with its words) and n-grams.

Named cues carry the words a reason shows ("all regions", "91% named"); n-grams (words and
word pairs for English, characters for Chinese) let the model learn phrasing no table lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from agents.text import split_camel
from agents.triage.cues import CUES, TYPE_CUES, Cue

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z][a-z0-9'-]*|\d[\d.,]*[a-z%]*")
_SPACE = re.compile(r"\s+")

# A percentage about the share of users/requests affected, not a resource gauge ("disk at 91%").
_PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent)")
_GAUGE_BEFORE = re.compile(
    r"(?:(?<![a-z])(?:disk|usage|cpu|memory|throttled|utili[sz]ation|at)(?![a-z])|使用率|磁碟|/var)"
    r"\s*\S*\s*$"
)
_FRACTIONS = (
    (re.compile(r"(?<![a-z])(half|一半)"), 50.0),
    (re.compile(r"(?<![a-z])(a third|one third|三分之一)"), 33.0),
    (re.compile(r"(?<![a-z])(a quarter|one quarter|四分之一)"), 25.0),
)
_COUNT = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s*(k|m|千|萬)?\s*"
    r"(customers|users|merchants|orders|accounts|tenants|workspaces|organi[sz]ations|sites|"
    r"repositories|cases|records|items|messages|位|名|筆|家|件|個客戶|個使用者)"
)
_OURS = re.compile(r"(?<![a-z])(?:our|we|us)(?![a-z])|我們")
_MULTIPLIER = {"k": 1e3, "m": 1e6, "千": 1e3, "萬": 1e4}


@dataclass
class Features:
    """The features active in one text: weight by name, and the words each named one reads as."""

    values: dict[str, float] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, value: float, words: str | None = None) -> None:
        self.values[name] = self.values.get(name, 0.0) + value
        if words and name not in self.words:
            self.words[name] = words


def normalise(text: str) -> str:
    """Lower case, CamelCase alert names split, full-width punctuation as ASCII."""
    text = split_camel(text).replace("_", " ").replace("，", ", ").replace("；", "; ")
    return _SPACE.sub(" ", text).strip().lower()


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Cue, re.Pattern[str]], ...]:
    return tuple((cue, re.compile("|".join(f"(?:{p})" for p in cue.patterns))) for cue in CUES)


def _percentages(text: str) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Shares of users or requests, and resource gauges ("disk at 91%"), apart."""
    found, gauges = [], []
    for match in _PERCENT.finditer(text):
        before = text[max(0, match.start() - 14):match.start()]
        said = match.group(0).replace(" ", "")
        if _GAUGE_BEFORE.search(before):
            gauges.append((float(match.group(1)), said))
            continue
        found.append((float(match.group(1)), said))
    for pattern, value in _FRACTIONS:
        match = pattern.search(text)
        if match:
            found.append((value, match.group(1)))
    return found, gauges


def _counts(text: str) -> list[tuple[float, str]]:
    found = []
    for match in _COUNT.finditer(text):
        try:
            number = float(match.group(1).replace(",", ""))
        except ValueError:
            continue
        number *= _MULTIPLIER.get(match.group(2) or "", 1)
        found.append((number, match.group(0).strip()))
    return found


def magnitude(features: Features, text: str) -> None:
    """Buckets for the largest share and count named: the figures severity leans on."""
    shares, gauges = _percentages(text)
    if gauges:
        value, said = max(gauges)
        features.add("gauge_90_up" if value >= 90 else "gauge_under_90", 1.0,
                     f"a resource gauge at {said}")
    if shares:
        value, said = max(shares)
        bucket = ("share_50_up" if value >= 50 else "share_10_50" if value >= 10
                  else "share_1_10" if value >= 1 else "share_under_1")
        features.add(bucket, 1.0, f"{said} affected")
    counts = _counts(text)
    if counts:
        value, said = max(counts)
        bucket = ("count_1000_up" if value >= 1000 else "count_100_999" if value >= 100
                  else "count_under_100")
        features.add(bucket, 1.0, said)


def ngrams(features: Features, text: str) -> None:
    words = _WORD.findall(_CJK_RUN.sub(" ", text))
    for word in words:
        features.add(f"w:{word}", 1.0)
    for first, second in pairwise(words):
        features.add(f"b:{first} {second}", 1.0)
    for run in _CJK_RUN.findall(text):
        for size in (1, 2, 3):
            for i in range(len(run) - size + 1):
                features.add(f"c:{run[i:i + size]}", 1.0)


def extract(text: str) -> Features:
    """All features of one declaration text."""
    text = normalise(text)
    features = Features()
    for cue, pattern in _compiled():
        match = pattern.search(text)
        if match:
            said = f"“{match.group(0).strip()}”" if cue in TYPE_CUES else cue.words
            features.add(f"cue:{cue.name}", 1.0, said)
    if "cue:vendor_named" in features.values and _OURS.search(text):
        features.add("cue:vendor_with_our", 1.0,
                     f"{features.words['cue:vendor_named']} named beside our service")
    magnitude(features, text)
    ngrams(features, text)
    return features


def describe(name: str, features: Features) -> str:
    """How a feature reads in a reason: a cue's words, else the n-gram in quotes."""
    if name in features.words:
        return features.words[name]
    return f"“{name.split(':', 1)[1]}”"
