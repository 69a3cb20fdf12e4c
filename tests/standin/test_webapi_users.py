"""users.info: the locale only with include_locale=true, as Slack documents
(https://docs.slack.dev/reference/methods/users.info)."""

from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import SlackStandIn


async def test_users_info_gives_the_locale_only_when_asked(client: AsyncWebClient, standin: SlackStandIn):
    standin.set_locale("bob", "zh-TW")
    plain = await client.users_info(user="U0BOB")
    assert "locale" not in plain["user"]
    asked = await client.users_info(user="U0BOB", include_locale=True)
    assert asked["user"]["locale"] == "zh-TW"
    default = await client.users_info(user="U0ALICE", include_locale=True)
    assert default["user"]["locale"] == "en-US"
