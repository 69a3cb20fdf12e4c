"""An async client of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`).

Every failure that means "the metrics are not available right now" (connection refused, a
timeout, a 5xx, a body that is not Prometheus JSON) raises `SourceUnavailable`: callers record
the source as unavailable and carry on with what they have. A query Prometheus refuses
(400 `bad_data`, 422 `execution`) raises `QueryRejected`, which names the PromQL, because that is
a configuration mistake to fix rather than an outage to wait out.

Response envelope (prometheus.io/docs/prometheus/latest/querying/api):
`{"status": "success"|"error", "data": {"resultType": "matrix"|"vector"|..., "result": [...]},
"errorType": ..., "error": ..., "warnings": [...]}`; a matrix result is
`[{"metric": {labels}, "values": [[unix_seconds, "value"], ...]}]`, a vector result
`[{"metric": {labels}, "value": [unix_seconds, "value"]}]`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Self

import httpx

DEFAULT_TIMEOUT_SECONDS = 5.0


class EvidenceSourceError(RuntimeError):
    """An evidence source (Prometheus, Alertmanager) could not answer a request."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SourceUnavailable(EvidenceSourceError):
    """Down, slow (timed out), overloaded or answering nonsense: continue without it."""



async def get_or_unavailable(
    client: httpx.AsyncClient, url: str, params: Any, source: str, base_url: str, timeout: float
) -> httpx.Response:
    """GET `url`; a timeout or transport failure becomes SourceUnavailable saying which."""
    try:
        return await client.get(url, params=params)
    except httpx.TimeoutException:
        raise SourceUnavailable(source, f"no answer from {base_url} within {timeout:g}s (timeout)") from None
    except httpx.HTTPError as exc:
        raise SourceUnavailable(source, f"cannot reach {base_url} ({type(exc).__name__})") from None

class QueryRejected(EvidenceSourceError):
    """The source understood the request and refused the query (bad PromQL, bad parameters)."""

    def __init__(self, source: str, reason: str, query: str) -> None:
        super().__init__(source, f"{reason} (query: {query})")
        self.query = query


@dataclass(frozen=True)
class Series:
    """One time series from a query: its labels and `(unix_seconds, value)` points."""

    labels: dict[str, str]
    points: list[tuple[float, float]] = field(default_factory=list)


def _number(raw: Any) -> float:
    try:
        return float(raw)  # "NaN", "+Inf" included
    except (TypeError, ValueError):
        return math.nan


def _unix(at: datetime | float) -> float:
    if isinstance(at, datetime):
        return (at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp()
    return float(at)


class PrometheusClient:
    """`await client.instant(q)`, `await client.range(q, start, end, step)`; `aclose()` after.

    `timeout` bounds every request (connect, read and the whole exchange); pass `client` to
    share an `httpx.AsyncClient` (then it is not closed here).
    """

    source = "prometheus"

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        client: httpx.AsyncClient | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._own_client = client is None
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(timeout), headers=headers)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_client:
            await self._client.aclose()

    async def instant(self, query: str, at: datetime | float | None = None) -> list[Series]:
        """Evaluate `query` at one instant (default: now); one point per series."""
        params: dict[str, Any] = {"query": query}
        if at is not None:
            params["time"] = f"{_unix(at):.3f}"
        data = await self._get("/api/v1/query", params, query)
        result_type, result = data.get("resultType"), data.get("result")
        if result_type == "vector":
            return [
                Series(dict(item.get("metric") or {}), [self._point(item.get("value"))])
                for item in result or []
            ]
        if result_type == "scalar":
            return [Series({}, [self._point(result)])]
        raise SourceUnavailable(
            self.source, f"unexpected resultType {result_type!r} for an instant query"
        )

    async def range(
        self,
        query: str,
        start: datetime | float,
        end: datetime | float,
        step_seconds: float,
    ) -> list[Series]:
        """Evaluate `query` from `start` to `end` every `step_seconds`."""
        params = {
            "query": query,
            "start": f"{_unix(start):.3f}",
            "end": f"{_unix(end):.3f}",
            "step": f"{step_seconds:g}",
        }
        data = await self._get("/api/v1/query_range", params, query)
        if data.get("resultType") != "matrix":
            raise SourceUnavailable(
                self.source, f"unexpected resultType {data.get('resultType')!r} for a range query"
            )
        return [
            Series(
                dict(item.get("metric") or {}), [self._point(v) for v in item.get("values") or []]
            )
            for item in data.get("result") or []
        ]

    async def ready(self) -> bool:
        """True when `/-/ready` answers 200 within the timeout."""
        try:
            response = await self._client.get(self.base_url + "/-/ready")
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def _point(self, raw: Any) -> tuple[float, float]:
        if not isinstance(raw, (list, tuple)) or len(raw) != 2:
            raise SourceUnavailable(self.source, f"malformed sample {raw!r}")
        return float(raw[0]), _number(raw[1])

    async def _get(self, path: str, params: dict[str, Any], query: str) -> dict[str, Any]:
        url = self.base_url + path
        response = await get_or_unavailable(self._client, url, params, self.source, self.base_url, self.timeout)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise SourceUnavailable(
                self.source,
                f"HTTP {response.status_code} from {url} without a Prometheus JSON body",
            )
        if response.status_code in (400, 422) and body.get("status") == "error":
            raise QueryRejected(self.source, f"{body.get('errorType')}: {body.get('error')}", query)
        if response.status_code != 200 or body.get("status") != "success":
            detail = body.get("error") or body.get("errorType") or "no detail"
            raise SourceUnavailable(
                self.source, f"HTTP {response.status_code} from {url}: {detail}"
            )
        data = body.get("data")
        if not isinstance(data, dict):
            raise SourceUnavailable(self.source, f"no data in the answer from {url}")
        return data
