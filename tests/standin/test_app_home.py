"""The App Home as Slack documents it: views.publish with Home-tab rules (100 blocks, image
blocks showing an uploaded Slack file) and the app_home_opened event."""

from __future__ import annotations

import struct
import zlib

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import SlackStandIn, validate_view
from tests.standin.conftest import Receiver


def png(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG, without a plotting library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def image(slack_file: dict) -> dict:
    return {"type": "image", "slack_file": slack_file, "alt_text": "chart"}


async def error_of(call) -> dict:
    with pytest.raises(SlackApiError) as raised:
        await call
    return raised.value.response.data


async def upload(client: AsyncWebClient, name: str, content: bytes) -> str:
    response = await client.files_upload_v2(filename=name, content=content, title=name)
    return response["file"]["id"]


@pytest.mark.parametrize(
    "slack_file",
    [{}, {"id": "F1", "url": "https://files.slack.com/x.png"}, {"id": ""}, "F1"],
)
def test_slack_file_needs_exactly_one_of_url_or_id(slack_file) -> None:
    assert validate_view({"type": "home", "blocks": [image(slack_file)]})


async def test_an_uploaded_png_is_shown_and_a_missing_or_non_image_file_refused(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    file_id = await upload(client, "chart.png", png())
    view = {"type": "home", "blocks": [image({"id": file_id})]}
    assert (await client.views_publish(user_id="U0ALICE", view=view))["ok"]
    url = standin.files()[0].to_api(standin.workspace.team)["url_private"]
    assert (await client.views_publish(user_id="U0ALICE", view={"type": "home", "blocks": [image({"url": url})]}))["ok"]
    missing = await error_of(client.views_publish(user_id="U0ALICE", view={"type": "home", "blocks": [image({"id": "F0NOPE"})]}))
    assert missing["error"] == "invalid_arguments"
    assert "not found" in missing["response_metadata"]["messages"][0]
    text_id = await upload(client, "notes.txt", b"hello")
    not_image = await error_of(client.views_publish(user_id="U0ALICE", view={"type": "home", "blocks": [image({"id": text_id})]}))
    assert "png, jpg, jpeg and gif" in not_image["response_metadata"]["messages"][0]
    fake_id = await upload(client, "fake.png", b"not really a png")
    fake = await error_of(client.views_publish(user_id="U0ALICE", view={"type": "home", "blocks": [image({"id": fake_id})]}))
    assert "png, jpg, jpeg and gif" in fake["response_metadata"]["messages"][0]


async def test_opening_the_home_delivers_app_home_opened(
    client: AsyncWebClient, standin: SlackStandIn, receiver: Receiver
) -> None:
    alice = standin.user("alice")
    await alice.open_home()
    first = receiver.received[-1].payload["event"]
    assert first["type"] == "app_home_opened" and first["tab"] == "home" and first["user"] == alice.id
    assert first["channel"].startswith("D") and "view" not in first
    await client.views_publish(user_id=alice.id, view={"type": "home", "blocks": [section("hello")]})
    await alice.open_home()
    second = receiver.received[-1].payload["event"]
    assert second["channel"] == first["channel"]
    assert second["view"]["type"] == "home" and second["view"]["blocks"][0]["text"]["text"] == "hello"
    assert alice.home_view() is not None
