import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import GENERAL_CHANNEL_ID, SlackStandIn


async def test_files_upload_v2_end_to_end(client: AsyncWebClient, standin: SlackStandIn) -> None:
    parent = await client.chat_postMessage(
        channel=GENERAL_CHANNEL_ID, text="Postmortem draft below"
    )
    response = await client.files_upload_v2(
        channel=GENERAL_CHANNEL_ID,
        content="# INC-1 postmortem\n",
        filename="inc-1-postmortem.md",
        title="INC-1 postmortem",
        initial_comment="Draft for review",
        thread_ts=parent["ts"],
    )
    file_id = response["file"]["id"]
    stored = standin.workspace.files[file_id]
    assert stored.content == b"# INC-1 postmortem\n"
    assert stored.completed and stored.channels == [GENERAL_CHANNEL_ID]
    [shared] = standin.messages(GENERAL_CHANNEL_ID, thread_ts=parent["ts"])
    assert shared.text == "Draft for review"
    assert shared.files[0]["title"] == "INC-1 postmortem"
    assert [c.method for c in standin.calls()][-2:] == [
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]


async def test_completing_without_uploading_is_refused(client: AsyncWebClient) -> None:
    issued = await client.files_getUploadURLExternal(filename="a.txt", length=3)
    with pytest.raises(SlackApiError) as raised:
        await client.files_completeUploadExternal(
            files=[{"id": issued["file_id"]}], channel_id=GENERAL_CHANNEL_ID
        )
    assert raised.value.response["error"] == "file_not_found"


async def test_sharing_needs_membership(client: AsyncWebClient, standin: SlackStandIn) -> None:
    outside = standin.add_channel("random", members=["alice"], bot_member=False)
    with pytest.raises(SlackApiError) as raised:
        await client.files_upload_v2(channel=outside.id, content="x", filename="x.txt")
    assert raised.value.response["error"] == "not_in_channel"


async def test_files_delete_as_slack_documents_it(client: AsyncWebClient, standin: SlackStandIn) -> None:
    file_id = (await client.files_upload_v2(content="chart", filename="chart.png", title="chart"))["file"]["id"]
    assert (await client.files_delete(file=file_id))["ok"]
    assert file_id not in standin.workspace.files
    for target, error in ((file_id, "file_deleted"), ("F0NOSUCHFILE", "file_not_found")):
        with pytest.raises(SlackApiError) as raised:
            await client.files_delete(file=target)
        assert raised.value.response["error"] == error
    someone_elses = (await client.files_upload_v2(content="x", filename="x.png", title="x"))["file"]["id"]
    standin.workspace.files[someone_elses].user = "U0ALICE"  # uploaded by a person, not the bot
    with pytest.raises(SlackApiError) as raised:
        await client.files_delete(file=someone_elses)
    assert raised.value.response["error"] == "cant_delete_file"
    # A deleted file can no longer be shown in an image block.
    with pytest.raises(SlackApiError):
        await client.views_publish(user_id="U0ALICE", view={"type": "home", "blocks": [
            {"type": "image", "slack_file": {"id": file_id}, "alt_text": "chart"}]})
