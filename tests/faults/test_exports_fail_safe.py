"""Exporters fail safe: user text cannot break an export for good, one exporter's crash does not
stop the others, and a failed Slack upload does not skip the exports.

End to end: the real bot over HTTP, a real redis-server, the Slack stand-in and the Confluence
stand-in.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.postmortem.export import DirectoryExporter, ExportFailed, ExportResult, PostmortemDocument, publish_all
from tests.integration.conftest import Harness
from tests.support.confluence_standin import ConfluenceStandIn

USER, TOKEN = "ic-bot@example.com", "ATATT3xFfGF0-standin-token"


@pytest.fixture
async def wiki():
    async with ConfluenceStandIn(user=USER, token=TOKEN, spaces={"OPS": "98305"}) as standin:
        yield standin


@pytest.fixture
async def exporting(slack, redis_url, wiki):
    harness = Harness(slack, redis_url)
    await harness.start_bot(confluence_url=wiki.base_url, confluence_space="OPS",
                            confluence_user=USER, confluence_api_token=TOKEN)
    yield harness
    await harness.stop_all()


async def _postmortem(harness, incident, who="alice"):
    before = len(harness.slack.ephemerals(who))
    await harness.slack.user(who).command("/incident", "postmortem", incident.channel_id)
    [answer, *_] = await harness.slack.wait_for(lambda: harness.slack.ephemerals(who)[before:],
                                                 timeout=15, description="the postmortem answer")
    return answer.text


async def test_a_note_of_1100_bold_markers_still_exports_everywhere(exporting, wiki):
    incident = await exporting.declare("declare sev2 Checkout errors")
    await exporting.slack.user("alice").command("/incident", "note " + "**" * 1100, incident.channel_id)
    await exporting.slack.wait_for_message(incident.channel_id, "Note from")

    answer = await _postmortem(exporting, incident)

    path = Path(exporting.bot.settings.postmortem_dir) / f"{incident.id}-postmortem.md"
    assert "The postmortem for" in answer and str(path) in answer, answer
    assert path.exists()
    page = wiki.page_titled(f"{incident.id} postmortem: Checkout errors")
    assert page is not None and "failed" not in answer


async def test_a_failed_slack_upload_does_not_skip_the_exports(exporting, wiki):
    incident = await exporting.declare("declare sev2 Checkout errors")
    exporting.slack.fail("files.getUploadURLExternal", "not_allowed_token_type")

    answer = await _postmortem(exporting, incident)

    path = Path(exporting.bot.settings.postmortem_dir) / f"{incident.id}-postmortem.md"
    assert path.exists()
    assert wiki.page_titled(f"{incident.id} postmortem: Checkout errors") is not None
    assert "could not be attached" in answer and "not_allowed_token_type" in answer
    assert str(path) in answer


class _Crashing:
    name = "crashing"

    async def publish(self, doc: PostmortemDocument) -> ExportResult:
        raise ValueError("a bug in this exporter")


async def test_an_unexpected_exporter_error_is_that_exporters_failure_and_the_others_run(tmp_path, caplog):
    caplog.set_level(logging.ERROR)
    doc = PostmortemDocument(incident_id="INC-7", title="INC-7 postmortem: x", markdown="# x")

    results, failures = await publish_all([_Crashing(), DirectoryExporter(tmp_path)], doc)

    assert [r.exporter for r in results] == ["directory"]
    [failure] = failures
    assert isinstance(failure, ExportFailed) and failure.exporter == "crashing"
    assert "unexpected error (reference" in str(failure) and "a bug" not in str(failure)
    assert (tmp_path / "INC-7-postmortem.md").exists()
    assert "a bug in this exporter" in caplog.text  # the traceback is logged for the operator
