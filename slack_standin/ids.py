"""Identifiers shaped like Slack's: channel, view and file ids, trigger ids, message ts."""

from __future__ import annotations

import random
import string

_ID_ALPHABET = string.ascii_uppercase + string.digits


class IdFactory:
    """Makes Slack-shaped ids from a seeded random source, so a drill is reproducible."""

    def __init__(self, seed: int | None = 0) -> None:
        self._rng = random.Random(seed)
        self._last_ts = 0.0
        self._counter = 0

    def _token(self, length: int, alphabet: str = _ID_ALPHABET) -> str:
        return "".join(self._rng.choice(alphabet) for _ in range(length))

    def channel(self) -> str:
        return "C" + self._token(10)

    def im(self) -> str:
        return "D" + self._token(10)

    def view(self) -> str:
        return "V" + self._token(10)

    def file(self) -> str:
        return "F" + self._token(10)

    def event(self) -> str:
        return "Ev" + self._token(10)

    def bookmark(self) -> str:
        return "Bk" + self._token(10)

    def secret(self, length: int = 24) -> str:
        return self._token(length, string.ascii_letters + string.digits)

    def trigger(self, now: float) -> str:
        # Slack's look: "12345.98765.abcd2358fdea"
        self._counter += 1
        return f"{int(now)}.{self._counter}.{self._token(32, '0123456789abcdef')}"

    def view_hash(self, now: float) -> str:
        return f"{int(now)}.{self._token(8, string.ascii_letters + string.digits)}"

    def ts(self, now: float) -> str:
        """A message timestamp: unique and strictly increasing, even within one microsecond."""
        candidate = round(now, 6)
        if candidate <= self._last_ts:
            candidate = round(self._last_ts + 0.000001, 6)
        self._last_ts = candidate
        return f"{candidate:.6f}"
