"""Chart files replaced by newer charts are deleted from Slack (files.delete), but never one a
published Home still shows (issue 16)."""

from __future__ import annotations

from datetime import timedelta

from bot.flows.history import history_store
from bot.flows.home import publish_home
from bot.incident.history import ResolvedIncident
from bot.incident.severity import Severity
from slack_standin import ALICE, BOB


def chart_ids(view: dict) -> set[str]:
    return {b["slack_file"]["id"] for b in view["blocks"] if b["type"] == "image"}


async def test_superseded_charts_are_deleted_once_no_published_home_shows_them(harness):
    ctx, slack = harness.bot.ctx, harness.slack
    old = chart_ids(await publish_home(ctx, ALICE.id))
    assert chart_ids(await publish_home(ctx, BOB.id)) == old and len(old) == 2

    now = ctx.clock()
    await history_store(ctx).save(ResolvedIncident(  # history changes: the next Home draws new charts
        id="INC-9", number=9, title="t", severity=Severity.SEV2, declared=now - timedelta(hours=2),
        acknowledged=now - timedelta(hours=1), resolved=now - timedelta(minutes=5)))
    new = chart_ids(await publish_home(ctx, ALICE.id))
    assert new and not new & old
    assert old <= set(slack.workspace.files), "bob's published Home still shows the old charts"

    assert chart_ids(await publish_home(ctx, BOB.id)) == new
    assert not old & set(slack.workspace.files) and old <= slack.workspace.deleted_file_ids
    assert new <= set(slack.workspace.files)
    assert [c.method for c in slack.calls()].count("files.delete") == 2
