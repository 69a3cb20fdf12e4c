"""Small text helpers shared by the classifier and the runbook matcher (English and CJK)."""

from __future__ import annotations

import re
from functools import lru_cache

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")


def split_camel(name: str) -> str:
    """`KubePersistentVolumeFillingUp` -> `Kube Persistent Volume Filling Up`."""
    return _CAMEL.sub(" ", name)


def normalize(text: str, *, camel: bool = False) -> str:
    """Lower-case, whitespace-collapsed text for matching; `camel` also splits CamelCase names."""
    if camel:
        text = split_camel(text)
    text = text.replace("_", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """A regex matching `term` as a word (plural 's' allowed); CJK terms match as substrings."""
    term = term.lower().strip()
    if _CJK.search(term):
        return re.compile(re.escape(term))
    body = r"\s+".join(re.escape(part) for part in term.split())
    return re.compile(rf"(?<![a-z0-9]){body}(?:e?s)?(?![a-z0-9])")


def has_term(normalized_text: str, term: str) -> bool:
    """Whether `term` occurs in already-normalized text."""
    return term_pattern(term).search(normalized_text) is not None


def matching_terms(normalized_text: str, terms: list[str]) -> list[str]:
    """The terms of `terms` found in the text, in their given order, without duplicates."""
    found: list[str] = []
    for term in terms:
        if term not in found and has_term(normalized_text, term):
            found.append(term)
    return found


def tokens(text: str) -> set[str]:
    """Word tokens of a service-like name: `orders-db` -> {"orders", "db", "orders-db"}."""
    text = text.lower().strip()
    parts = {p for p in re.split(r"[^a-z0-9\u3000-\u9fff]+", text) if p}
    if text:
        parts.add(text)
    return parts
