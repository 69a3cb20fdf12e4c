"""Fixtures for the export tests: a realistic postmortem and the Confluence stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.postmortem.export import ConfluenceExporter, PostmortemDocument
from tests.support.confluence_standin import ConfluenceStandIn

USER = "ic-bot@example.com"
TOKEN = "ATATT3xFfGF0-super-secret-token-value"

POSTMORTEM = """\
# INC-42 postmortem: Checkout API returning 500s

**Severity:** SEV1 · **Status:** resolved · **Duration:** 47m

## Summary

Between 14:02 and 14:49 UTC the checkout API answered *38%* of requests with HTTP 500 after a
configuration push set `db_pool_size=0`. Orders under 5 € & "express" orders were retried.

## Impact

- Users: ~12,400 checkout attempts failed
- SLA: the 99.9% monthly objective was breached (error budget **-18%**)

## Timeline

| time (UTC) | event | rationale |
|---|---|---|
| 14:02 | Alert fired: `checkout_5xx_ratio > 0.05` | |
| 14:05 | Declared SEV1 | customer-facing outage |
| 14:20 | Decision: roll back the config push | fastest safe path \\| low risk |

## Root cause and contributing factors

The config validator accepted a pool size of 0. Contributing factors:

1. No canary stage for configuration changes
2. The pool-exhaustion alert was missing
   - its metric existed, nobody alerted on it

## Action items

- [ ] Reject `db_pool_size < 1` in the validator (prevent) — owner @carol, due 2026-12-01
- [x] Alert on pool exhaustion (detect) — owner @dave, due 2026-11-20

## Lessons learned

> The system let a bad value through; the fix is in the system, not in people.

```yaml
db_pool_size: 0   # <- the value that shipped
```

See the [runbook](https://runbooks.example.com/checkout?step=rollback&env=prod).
<script>alert("not html")</script>
"""


def make_doc(markdown: str = POSTMORTEM, incident_id: str = "INC-42",
             title: str = "INC-42 postmortem: Checkout API returning 500s") -> PostmortemDocument:
    return PostmortemDocument(incident_id=incident_id, title=title, markdown=markdown)


@pytest.fixture
def doc() -> PostmortemDocument:
    return make_doc()


@pytest.fixture
async def wiki() -> AsyncIterator[ConfluenceStandIn]:
    async with ConfluenceStandIn(user=USER, token=TOKEN, spaces={"OPS": "98305"}) as standin:
        yield standin


@pytest.fixture
def confluence(wiki: ConfluenceStandIn) -> Callable[..., ConfluenceExporter]:
    """A factory: `confluence(space_key="OPS", timeout=...)`, defaults pointing at the stand-in."""

    def build(**overrides: Any) -> ConfluenceExporter:
        args: dict[str, Any] = {"base_url": wiki.base_url, "space_key": "OPS", "user": USER,
                                "api_token": TOKEN, "timeout": 2.0}
        args.update(overrides)
        return ConfluenceExporter(**args)

    return build
