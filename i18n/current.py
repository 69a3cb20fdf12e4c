"""Which locale a sentence is written in when its caller does not say.

Shared messages (war room, broadcast, postmortem, agent answers posted there) are in the
process-wide shared locale, INCIDENT_LOCALE, set once at start-up with `use_shared_locale`.
Words only one person reads (an ephemeral answer, a form, App Home) are written inside
`reading_in(locale)`, a context variable, so concurrent requests never see each other's
language. `t(key)` without a locale uses `current_locale()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import cast

from i18n.catalogue import DEFAULT_LOCALE, Locale, supported_locale

_shared: Locale = DEFAULT_LOCALE
_reader: ContextVar[Locale | None] = ContextVar("reader_locale", default=None)


def use_shared_locale(name: str) -> None:
    """INCIDENT_LOCALE for this process (an unsupported name falls back to English)."""
    global _shared
    _shared = cast(Locale, supported_locale(name) or DEFAULT_LOCALE)


def shared_locale() -> Locale:
    return _shared


def current_locale() -> Locale:
    """The reader's locale inside `reading_in`, else the shared one."""
    return _reader.get() or _shared


@contextmanager
def reading_in(locale: str | None) -> Iterator[None]:
    """Write what is built inside this block for one reader, in `locale`."""
    token = _reader.set(cast(Locale, supported_locale(locale or "") or None))
    try:
        yield
    finally:
        _reader.reset(token)


@contextmanager
def shared_words() -> Iterator[None]:
    """Inside a reader's block, write something the whole war room reads in the shared locale."""
    token = _reader.set(None)
    try:
        yield
    finally:
        _reader.reset(token)
