"""The user side, checked by an app that only verifies signatures with slack_sdk."""

import json
import time

from slack_sdk.signature import SignatureVerifier

from slack_standin import (
    ALICE,
    BOT_USER_ID,
    GENERAL_CHANNEL_ID,
    SIGNING_SECRET,
    Signing,
    SlackStandIn,
    signature,
)

from .conftest import Receiver, post_json


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def test_signature_matches_slack_sdk() -> None:
    verifier = SignatureVerifier(SIGNING_SECRET)
    ts = str(int(time.time()))
    assert signature(SIGNING_SECRET, ts, "a=b") == verifier.generate_signature(
        timestamp=ts, body="a=b"
    )


async def test_a_slash_command_is_signed_and_shaped_like_slacks(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    result = await standin.user("alice").command(
        "/incident", "declare sev1 Checkout API returning 500s"
    )
    assert result.status == 200 and not result.timed_out
    assert result.elapsed < 3
    [request] = receiver.received
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = request.form
    assert form["command"] == "/incident"
    assert form["text"] == "declare sev1 Checkout API returning 500s"
    assert form["user_id"] == ALICE.id and form["user_name"] == "alice"
    assert form["channel_id"] == GENERAL_CHANNEL_ID and form["channel_name"] == "general"
    assert form["team_id"] == "T0INCIDENT" and form["team_domain"] == "incident-drill"
    assert form["api_app_id"] == "A0INCIDENT"
    assert form["is_enterprise_install"] == "false"
    assert form["response_url"].startswith(standin.base_url + "/response/")
    assert form["trigger_id"] == result.trigger_id
    assert set(form) >= {
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "response_url",
        "trigger_id",
    }


async def test_bad_signatures_and_stale_timestamps_are_refused_by_the_verifier(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    alice = standin.user("alice")
    assert (await alice.command("/incident", "help", signing=Signing.BAD_SIGNATURE)).status == 401
    assert (await alice.command("/incident", "help", signing=Signing.STALE_TIMESTAMP)).status == 401
    assert (await alice.command("/incident", "help", signing=Signing.UNSIGNED)).status == 401
    assert receiver.received == []


async def test_a_failed_command_shows_slacks_error_notice(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    receiver.reply = lambda r: (500, "boom", "text/plain")
    await standin.user("alice").command("/incident", "help")
    [notice] = standin.ephemerals("alice", GENERAL_CHANNEL_ID)
    assert notice.text == '/incident failed with the error "dispatch_failed"'
    assert notice.source == "slack"


async def test_a_late_acknowledgement_times_out(standin: SlackStandIn, receiver: Receiver) -> None:
    standin.ack_timeout = 0.2
    receiver.delay = 0.4
    result = await standin.user("alice").command("/incident", "help")
    assert result.timed_out and result.status is None
    assert '"operation_timeout"' in standin.ephemerals("alice")[0].text


async def test_an_acknowledgement_text_is_shown_to_the_user(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    receiver.reply = lambda r: (200, json.dumps({"text": "Declaring…"}), "application/json")
    await standin.user("alice").command("/incident", "declare sev2 x")
    assert [e.text for e in standin.ephemerals("alice")] == ["Declaring…"]
    receiver.reply = lambda r: (
        200,
        json.dumps({"response_type": "in_channel", "text": "SEV2 declared"}),
        "application/json",
    )
    await standin.user("alice").command("/incident", "declare sev2 y")
    assert standin.find_message(GENERAL_CHANNEL_ID, "SEV2 declared").user == BOT_USER_ID


async def test_response_urls_post_ephemeral_and_in_channel(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    result = await standin.user("alice").command("/incident", "status")
    assert await post_json(result.response_url, {"text": "Only you"}) == (200, "ok")
    assert await post_json(
        result.response_url, {"response_type": "in_channel", "text": "Everyone"}
    ) == (200, "ok")
    bad = {"text": "x", "blocks": [{"type": "bogus"}]}
    assert await post_json(result.response_url, bad) == (400, "invalid_blocks")
    assert [e.text for e in standin.ephemerals("alice")] == ["Only you"]
    assert standin.find_message(GENERAL_CHANNEL_ID, "Everyone")
    responses = standin.bot_responses()
    assert [r.response_type for r in responses] == ["ephemeral", "in_channel", "ephemeral"]
    assert [r.accepted for r in responses] == [True, True, False]


async def test_a_response_url_works_five_times(standin: SlackStandIn, receiver: Receiver) -> None:
    result = await standin.user("alice").command("/incident", "status")
    statuses = [(await post_json(result.response_url, {"text": str(i)}))[0] for i in range(6)]
    assert statuses == [200] * 5 + [404]


async def test_click_a_button_sends_block_actions(
    standin: SlackStandIn, receiver: Receiver, client
) -> None:
    posted = await client.chat_postMessage(
        channel=GENERAL_CHANNEL_ID,
        text="SEV1 declared",
        blocks=[
            {
                "type": "actions",
                "block_id": "roles",
                "elements": [
                    {
                        "type": "button",
                        "text": plain("I'm IC"),
                        "action_id": "claim_ic",
                        "value": "INC-1",
                    },
                    {
                        "type": "static_select",
                        "action_id": "severity",
                        "placeholder": plain("Severity"),
                        "options": [
                            {"text": plain("SEV1"), "value": "sev1"},
                            {"text": plain("SEV2"), "value": "sev2"},
                        ],
                    },
                ],
            }
        ],
    )
    bob = standin.user("bob")
    await bob.click(GENERAL_CHANNEL_ID, posted["ts"], "claim_ic")
    await bob.click(GENERAL_CHANNEL_ID, posted["ts"], "severity", option="sev2")
    button, select = (r.payload for r in receiver.received)
    assert button["type"] == "block_actions"
    assert button["user"]["id"] == "U0BOB"
    assert button["container"] == {
        "type": "message",
        "message_ts": posted["ts"],
        "channel_id": GENERAL_CHANNEL_ID,
        "is_ephemeral": False,
    }
    assert button["channel"] == {"id": GENERAL_CHANNEL_ID, "name": "general"}
    assert button["message"]["ts"] == posted["ts"]
    assert button["response_url"].startswith(standin.base_url)
    assert button["trigger_id"]
    [action] = button["actions"]
    assert action["action_id"] == "claim_ic" and action["block_id"] == "roles"
    assert action["value"] == "INC-1" and action["type"] == "button" and action["action_ts"]
    assert select["actions"][0]["selected_option"]["value"] == "sev2"


async def test_click_on_an_ephemeral_message(
    standin: SlackStandIn, receiver: Receiver, client
) -> None:
    sent = await client.chat_postEphemeral(
        channel=GENERAL_CHANNEL_ID,
        user=ALICE.id,
        text="Confirm?",
        blocks=[
            {
                "type": "actions",
                "elements": [{"type": "button", "text": plain("Yes"), "action_id": "yes"}],
            }
        ],
    )
    result = await standin.user("alice").click(GENERAL_CHANNEL_ID, sent["message_ts"], "yes")
    payload = receiver.received[0].payload
    assert payload["container"]["is_ephemeral"] is True
    assert "message" not in payload
    await post_json(result.response_url, {"replace_original": True, "text": "Confirmed"})
    assert [e.text for e in standin.ephemerals("alice")] == ["Confirmed"]


async def test_events_are_enveloped_and_retries_marked(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    first = await standin.deliver_event(
        {
            "type": "app_mention",
            "user": ALICE.id,
            "text": "<@U0BOT> status",
            "channel": GENERAL_CHANNEL_ID,
        }
    )
    envelope = receiver.received[0].payload
    assert envelope["type"] == "event_callback"
    assert envelope["event_id"].startswith("Ev")
    assert envelope["event"]["event_ts"]
    assert envelope["authorizations"][0]["user_id"] == BOT_USER_ID
    assert "X-Slack-Retry-Num" not in receiver.received[0].headers
    await standin.deliver_event(first.payload["event"], event_id=envelope["event_id"], retry_num=1)
    retry = receiver.received[1]
    assert retry.payload["event_id"] == envelope["event_id"]
    assert retry.headers["X-Slack-Retry-Num"] == "1"
    assert retry.headers["X-Slack-Retry-Reason"] == "http_timeout"


async def test_say_delivers_message_and_mention_events(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    await standin.user("carol").say(GENERAL_CHANNEL_ID, "<@U0BOT> who is IC?")
    kinds = [r.payload["event"]["type"] for r in receiver.received]
    assert kinds == ["message", "app_mention"]
    assert standin.find_message(GENERAL_CHANNEL_ID, "who is IC?").user == "U0CAROL"
