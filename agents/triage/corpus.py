"""The labelled triage corpus: load it, check it, and the fixed rule that assigns each item's split.

The split is a deterministic hash of the text, fixed before any feature was designed, so the
held-out items stay held out whoever edits the file (see corpus/README.md).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from agents.models import IncidentType, Severity

CORPUS_PATH = Path(__file__).parent / "corpus" / "incidents.jsonl"
# Short declarations the team wrote (its test titles and the like): trained on, never scored.
SEED_PATH = Path(__file__).parent / "corpus" / "seed.jsonl"
HELDOUT_PERCENT = 30

Split = Literal["dev", "heldout", "seed"]


def split_for(text: str) -> Split:
    """`heldout` for about 30 % of texts, chosen by the SHA-256 of the text alone."""
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "heldout" if bucket < HELDOUT_PERCENT else "dev"


class CorpusItem(BaseModel):
    """One incident description as written at declaration time, with its labels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    lang: Literal["en", "zh-TW"]
    severity: Severity
    type: IncidentType
    source: str
    split: Split

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value


def load_corpus(path: Path = CORPUS_PATH, split: Split | None = None) -> list[CorpusItem]:
    """Every item of the corpus (or of one split), validated."""
    items: list[CorpusItem] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = CorpusItem.model_validate(json.loads(line))
            except (ValueError, json.JSONDecodeError) as error:
                raise ValueError(f"{path.name} line {number}: {error}") from error
            if split is None or item.split == split:
                items.append(item)
    return items
