"""The base of every step output model: enum values are read case-proof.

Structured output constrains Claude to the schema's enum values, but an answer can still come
back as "sev1", "This Week" or "service outage" (a retried or non-strict answer, a person's
context file), and one such value used to fail validation and throw the whole step's answer away
to the offline fallback. Before validation, a string that matches one of the field's Literal
values ignoring case and the difference between spaces, hyphens and underscores is replaced by
that value; anything else is left for validation to refuse.
"""

from __future__ import annotations

import re
import types
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, model_validator


def _fold(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


def _literal_values(annotation: Any) -> tuple[str, ...]:
    """The string Literal values a field accepts, looking through `X | None` and `list[X]`."""
    origin = get_origin(annotation)
    if origin is Literal:
        return tuple(v for v in get_args(annotation) if isinstance(v, str))
    if origin in (Union, types.UnionType, list, tuple, set):
        found: list[str] = []
        for arg in get_args(annotation):
            found += [v for v in _literal_values(arg) if v not in found]
        return tuple(found)
    return ()


def canonical(value: Any, choices: tuple[str, ...]) -> Any:
    """`value` as the one of `choices` it spells differently, or unchanged."""
    if isinstance(value, list):
        return [canonical(item, choices) for item in value]
    if not isinstance(value, str) or value in choices:
        return value
    folded = _fold(value)
    matches = [choice for choice in choices if _fold(choice) == folded]
    return matches[0] if len(matches) == 1 else value


class OutputSchema(BaseModel):
    """A model whose Literal fields accept any capitalisation (see the module docstring)."""

    @classmethod
    @cache
    def _enum_fields(cls) -> dict[str, tuple[str, ...]]:
        found = {}
        for name, field in cls.model_fields.items():
            values = _literal_values(field.annotation)
            if values:
                found[field.alias or name] = values
        return found

    @model_validator(mode="before")
    @classmethod
    def _case_proof_enums(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls._enum_fields()
        if not any(key in data for key in fields):
            return data
        return {key: canonical(value, fields[key]) if key in fields else value
                for key, value in data.items()}
