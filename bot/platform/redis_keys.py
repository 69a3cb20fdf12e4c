"""What every Redis-backed store shares: the `ic:` key scheme, and the one guard that turns a
Redis failure into `StoreUnavailable` (the person reads a sentence, never a stack trace)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from redis.exceptions import RedisError

P = ParamSpec("P")
T = TypeVar("T")

PREFIX = "ic:"


class StoreUnavailable(RuntimeError):
    """Redis could not be reached; nothing was changed by the failed call."""


def store_key(*parts: str) -> str:
    """`ic:<part>:<part>...`, the one key scheme of the incident and alert stores."""
    return PREFIX + ":".join(parts)


def guarded(func: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    """A store method whose Redis or socket failure surfaces as `StoreUnavailable`."""

    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return await func(*args, **kwargs)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable(f"state store unavailable ({type(exc).__name__})") from exc

    return wrapper
