"""bookmarks.add answers the errors Slack documents (https://docs.slack.dev/reference/methods/bookmarks.add)."""

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import GENERAL_CHANNEL_ID, SlackStandIn


async def _error(call) -> str:
    with pytest.raises(SlackApiError) as failure:
        await call
    return failure.value.response["error"]


@pytest.mark.parametrize(("changes", "error"), [
    ({"type": "file"}, "invalid_bookmark_type"),
    ({"link": "zoom.example/j/1"}, "invalid_link"),
    ({"link": ""}, "invalid_link"),
    ({"title": ""}, "invalid_arguments"),
    ({"channel_id": "C0NOPE"}, "channel_not_found"),
])
async def test_bookmarks_add_refuses_what_slack_refuses(client: AsyncWebClient, changes, error) -> None:
    args = {"channel_id": GENERAL_CHANNEL_ID, "title": "Bridge", "type": "link",
            "link": "https://zoom.example/j/1"} | changes
    assert await _error(client.bookmarks_add(**args)) == error


async def test_a_conversation_holds_at_most_100_bookmarks(client: AsyncWebClient, standin: SlackStandIn) -> None:
    for n in range(100):
        await client.bookmarks_add(channel_id=GENERAL_CHANNEL_ID, title=f"b{n}", type="link",
                                   link=f"https://example.com/{n}")
    assert await _error(client.bookmarks_add(channel_id=GENERAL_CHANNEL_ID, title="one more", type="link",
                                             link="https://example.com/x")) == "too_many_bookmarks"
