"""Agent steps through the bot with the Claude backend, against a local Messages API stand-in."""

from datetime import datetime, timezone

import pytest

from agents import ClaudeBackend, IncidentContext, OfflineBackend, run_step
from slack_standin import BOT_TOKEN, SIGNING_SECRET
from tests.integration.conftest import Harness
from tests.support.anthropic_standin import AnthropicStandIn
from tests.support.waiting import eventually

API_KEY = "sk-ant-test-0000-not-a-real-key"


async def _triage_output(title: str) -> dict:
    context = IncidentContext(incident_id="INC-1", title=title, declared_at=datetime.now(timezone.utc))
    return (await run_step("triage", context, OfflineBackend())).output


@pytest.fixture
async def claude_harness(slack, redis_url):
    async with AnthropicStandIn() as api:
        harness = Harness(slack, redis_url)
        backend = ClaudeBackend(api_key=API_KEY, base_url=api.base_url, max_retries=0,
                                interactive_timeout_s=5, interactive_deadline_s=10)
        runtime = await harness.start_bot()
        runtime._worker.ctx["backend"] = backend
        yield harness, api
        await harness.stop_all()


def _header(slack, incident):
    return next((m for m in slack.messages(incident.channel_id)
                 if m.ts != incident.card_ts and "step_details" in str(m.blocks)), None)


async def test_claude_answers_in_the_thread_with_model_and_tokens(claude_harness):
    harness, api = claude_harness
    slack = harness.slack
    incident = await harness.declare("declare sev2 Checkout API returning 500s after deploy")
    output = await _triage_output(incident.title)
    api.reply_json(dict(output, reason="CLAUDE: the 12:01 deploy matches the error onset"))
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)
    header = await slack.wait_for(lambda: _header(slack, incident), timeout=10)
    shown = str(header.blocks)
    assert "Answered by Claude (claude-sonnet-4-6)" in shown
    await slack.user("alice").click(incident.channel_id, header.ts, "step_details")
    details = str((await slack.wait_for(lambda: slack.open_view("alice"))).payload["blocks"])
    assert "CLAUDE: the 12:01 deploy matches the error onset" in details and "tokens read (" in details

    [request] = api.requests
    prompt = request.text
    assert incident.title in prompt and "declared SEV2" in prompt  # the incident and its timeline
    for secret in (BOT_TOKEN, SIGNING_SECRET, API_KEY):
        assert secret not in prompt


async def test_claude_overloaded_falls_back_to_offline_and_the_header_says_so(claude_harness):
    harness, api = claude_harness
    slack = harness.slack
    incident = await harness.declare("declare sev2 Checkout API returning 500s after deploy")
    api.reply_overloaded().reply_overloaded().reply_overloaded()
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)
    header = await slack.wait_for(lambda: _header(slack, incident), timeout=15)
    assert "Claude was unavailable" in str(header.blocks)
    results = await eventually(lambda: harness.bot.ctx.steps.results(incident.id))
    assert results["triage"].backend == "offline" and results["triage"].fallback_reason
