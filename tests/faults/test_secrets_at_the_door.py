"""Secrets are redacted at the door: what people type, forms, alert webhooks and the model's
answers reach Redis, Slack (Web API, response URLs, acks), the logs, the postmortem file and the
model only with their secrets gone.

Each test replays what an attacker (or a careless paste) did, end to end: the real bot over HTTP,
a real redis-server, the Slack stand-in, the Anthropic stand-in.
"""

from __future__ import annotations

import json
import logging
import stat
from datetime import date, timedelta
from pathlib import Path

from agents import ClaudeBackend, IncidentContext, OfflineBackend, run_step
from bot.listeners.replies import ephemeral
from bot.ui.reply import Reply
from slack_standin import BOB
from tests.integration.conftest import Harness
from tests.support.anthropic_standin import AnthropicStandIn
from tests.support.waiting import eventually


async def redis_dump(redis) -> str:
    """Every key and value in Redis, as one string."""
    parts = []
    async for key in redis.scan_iter(count=500):
        kind = await redis.type(key)
        kind = kind.decode() if isinstance(kind, bytes) else kind
        if kind == "string":
            value = await redis.get(key)
        elif kind == "list":
            value = await redis.lrange(key, 0, -1)
        elif kind == "hash":
            value = await redis.hgetall(key)
        elif kind == "set":
            value = await redis.smembers(key)
        elif kind == "zset":
            value = await redis.zrange(key, 0, -1)
        else:
            value = kind
        parts.append(f"{key!r}={value!r}")
    return "\n".join(parts)


def everything_posted(slack) -> str:
    """Every Web API call's arguments and every ephemeral (response URLs and acks included)."""
    return "".join(str(c.args) for c in slack.calls()) + "".join(
        f"{e.text}{e.blocks}" for e in slack.ephemerals())


TYPED = {
    # what was typed -> the secret in it that must not survive anywhere
    'note {"db_token": "tok-9f8e7d6c"} was in the config dump': "tok-9f8e7d6c",
    'note the vault says password: "correct horse battery staple"': "horse battery",
    "note webhook https://hooks.slack.com/services/T0AAA1111/B0BBB2222/abcdEFGHijkl5678mnop": "abcdEFGHijkl5678mnop",
    "note the db url was postgres://app:p@ssw0rdTAIL@db:5432/orders": "ssw0rdTAIL",
    "note password=ab&cdTAIL2 in the env": "cdTAIL2",
}
FORM = {
    "what": "Credentials leaked in the build log",
    "impact": "the job printed password=Qz81 and AccountKey=Zm9vYmFy+YmF6/cXV4==",
    "next_steps": "rotate; we had run mysql -u root -pS3cr3tPw by hand",
}
FORM_SECRETS = ["Qz81", "Zm9vYmFy+YmF6", "S3cr3tPw"]
ACTION = "Rotate the key whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw and SG.aBcDeFgHiJkLmNoPqRsTuV.aBcDeFgHiJkLmNoPqRsTuVwXyZ012"
ACTION_SECRETS = ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "aBcDeFgHiJkLmNoPqRsTuVwXyZ012"]


async def test_typed_and_form_secrets_reach_no_store_reply_log_or_file(harness, caplog):
    caplog.set_level(logging.DEBUG)
    slack = harness.slack
    incident = await harness.declare("declare sev1 Deploy key leaked with pwd=1234")
    for typed in TYPED:
        await slack.user("alice").command("/incident", typed, incident.channel_id)
    await eventually(lambda: _notes(harness, incident, len(TYPED)), what="the notes")

    await slack.user("alice").click(incident.channel_id, incident.card_ts, "open_update_modal")
    view = await slack.wait_for(lambda: slack.open_view("alice"))
    await slack.user("alice").submit_view(view.id, {k: {"value": v} for k, v in FORM.items()})
    await slack.wait_for_message(incident.channel_id, "Credentials leaked")

    await slack.user("alice").command("/incident", "postmortem", incident.channel_id)
    await slack.wait_for(lambda: harness.replies("alice", "The postmortem for"), timeout=15)
    summary = next(m for m in slack.messages(incident.channel_id) if "Postmortem ·" in str(m.blocks))
    await slack.user("alice").click(incident.channel_id, summary.ts, "review_action_items")
    view = await slack.wait_for(lambda: slack.open_view("alice"))
    rows = json.loads(view.private_metadata)["rows"]
    values = {f"what_{n}": {"value": ""} for n in range(2, rows + 1)}
    values.update({"what_1": {"value": ACTION}, "owner_1": {"value": BOB.id}, "type_1": {"value": "prevent"},
                   "due_1": {"value": (date.today() + timedelta(days=2)).isoformat()}})
    assert (await slack.user("alice").submit_view(view.id, values)).view_closed
    await eventually(lambda: harness.bot.ctx.followups.actions(incident.id), what="the action item")
    await slack.user("alice").command("/incident", "actions", incident.channel_id)
    await slack.wait_for(lambda: [e for e in slack.ephemerals("alice") if "Rotate the key" in f"{e.text}{e.blocks}"])

    secrets = ["1234", *TYPED.values(), *FORM_SECRETS, *ACTION_SECRETS]
    stored = await redis_dump(harness.store.redis)
    posted = everything_posted(slack)
    path = Path(harness.bot.settings.postmortem_dir) / f"{incident.id}-postmortem.md"
    document = path.read_text()
    for secret in secrets:
        for where, text in (("redis", stored), ("slack", posted), ("logs", caplog.text), ("postmortem", document)):
            assert secret not in text, (secret, where)
    assert "Rotate the key" in stored and "Credentials leaked" in stored  # the rest is kept
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def _notes(harness, incident, count):
    events = await harness.store.timeline(incident.id)
    return len([e for e in events if e.kind.value == "note"]) >= count


async def test_json_secrets_never_reach_the_model_and_its_answer_is_redacted(slack, redis_url):
    async with AnthropicStandIn() as api:
        harness = Harness(slack, redis_url)
        runtime = await harness.start_bot()
        runtime._worker.ctx["backend"] = ClaudeBackend(
            api_key="sk-ant-test-0000-not-a-real-key", base_url=api.base_url, max_retries=0,
            interactive_timeout_s=5, interactive_deadline_s=10)
        try:
            incident = await harness.declare("declare sev2 Payments DB credentials in a public gist")
            await slack.user("alice").command(
                "/incident", 'note the gist had {"password": "424242", "db_token": "tok-9f8e7d6c"}', incident.channel_id)
            await eventually(lambda: _notes(harness, incident, 1), what="the note")
            context = IncidentContext(incident_id="INC-1", title=incident.title, declared_at=incident.declared_at)
            output = (await run_step("triage", context, OfflineBackend())).output
            api.reply_json(dict(output, reason='the model saw {"password": "echoed-back-9"} in the gist'))
            await slack.user("alice").command("/incident", "run triage", incident.channel_id)
            # The run's one message is edited in place once triage has answered.
            await slack.wait_for(lambda: [m for m in slack.messages(incident.channel_id)
                                          if "step_details" in str(m.blocks)], timeout=10)  # the answer shown
            sent = "".join(json.dumps(r.body) for r in api.requests)
            assert sent and "public gist" in sent  # the model was asked, about this incident
            assert "tok-9f8e7d6c" not in sent and "424242" not in sent
            stored = await redis_dump(harness.store.redis)
            assert "echoed-back-9" not in stored and "echoed-back-9" not in everything_posted(slack)
        finally:
            await harness.stop_all()


async def test_a_reply_through_respond_is_redacted():
    sent = {}

    async def respond(**kwargs):
        sent.update(kwargs)

    await ephemeral(respond)(Reply(text="the key AKIAIOSFODNN7EXAMPLE", blocks=[
        {"type": "section", "text": {"type": "mrkdwn", "text": "password=hunter2"}}]))
    assert "AKIAIOSFODNN7EXAMPLE" not in str(sent) and "hunter2" not in str(sent)
