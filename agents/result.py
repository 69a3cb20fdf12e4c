"""What a step hands back to the bot: one StepResult per step run."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class TokenUsage(BaseModel):
    """Tokens one step spent with Claude, summed over its attempts (cache fields included)."""

    input_tokens: int
    output_tokens: int
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_creation_input_tokens=self.cache_creation_input_tokens
            + other.cache_creation_input_tokens,
            cache_read_input_tokens=self.cache_read_input_tokens + other.cache_read_input_tokens,
        )


class StepResult(BaseModel):
    """One agent step's answer, with who produced it, how long it took and what it cited."""

    step: str
    title: str
    output: dict[str, Any]
    summary: str
    backend: Literal["claude", "offline"]
    model: str | None = None
    fallback_reason: str | None = None
    duration_ms: float
    started_at: datetime
    finished_at: datetime
    tokens: TokenUsage | None = None
    sources: list[str] = Field(default_factory=list)
    attempts: int = 1
    """Claude calls made for this step (2 when a malformed answer was retried); 1 offline."""
    missing_inputs: list[str] = Field(default_factory=list)
    """Earlier steps this step reads (its `needs`) that had no result when it ran."""
    unfounded_claims: list[str] = Field(default_factory=list)
    """Kinds of claim (bottleneck, status_page, root_cause, impact_figure) the answer made
    without evidence, replaced by what is missing (agents/evidence_guard.py)."""
