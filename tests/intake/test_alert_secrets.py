"""An alert's labels and annotations are written by whoever wrote the rule (or forged the
webhook): a secret in them reaches neither Redis, nor Slack, nor the logs.

Replayed end to end: a real POST to the bot's Alertmanager webhook, a real redis-server, the
Slack stand-in.
"""

from __future__ import annotations

import logging

from tests.faults.test_secrets_at_the_door import everything_posted, redis_dump
from tests.intake import payloads

AM = "/webhooks/alertmanager"


async def test_secrets_in_alert_labels_and_annotations_are_never_stored_posted_or_logged(intake, caplog):
    caplog.set_level(logging.DEBUG)
    alert = payloads.am_alert(db_password="lbl-pw-77", dsn="mysql://app:dsnTAIL99@db/orders")
    alert["annotations"]["description"] = 'connection failed: {"api_token": "tok-annot-1234"}'
    alert["annotations"]["runbook"] = "creds: Authorization: Basic dXNlcjpodW50ZXIy"
    alert["generatorURL"] = "http://prom:9090/graph?password=urlPW55"
    body = payloads.alertmanager(alert)
    body["commonAnnotations"] = {"summary": "payments down, key whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}

    status, answer = await intake.post(AM, body)

    assert status == 200 and answer["action"] == "declared", answer
    stored = await redis_dump(intake.store.redis)
    posted = everything_posted(intake.slack)
    for secret in ("lbl-pw-77", "dsnTAIL99", "tok-annot-1234", "dXNlcjpodW50ZXIy", "urlPW55",
                   "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"):
        for where, text in (("redis", stored), ("slack", posted), ("logs", caplog.text)):
            assert secret not in text, (secret, where)
    assert "HighErrorRate" in stored and "db_password" in stored  # the label is kept, its value is not
